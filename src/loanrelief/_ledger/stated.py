"""The court view from a lender's statement and what the borrower knows of the loan's origin.

A borrower rarely holds the loan's payment history; they hold the collector's figures
(a :class:`~loanrelief.Statement`) and remember how the loan began: the amount
received, the date, the rate, the term. :func:`statement_court_view` rebuilds the one
history those facts allow — the contract as made, its instalments paid on their due
dates until the arrears began — measures every ceiling of a legal rule on it, and
holds the statement's claims within them. Every assumption it makes is stated in its
explanation, beside the article that decides each figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import final

from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    MAX_AMOUNT,
    Money,
    Rate,
    decimal_of,
    exact_decimals,
    minor_of,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr_of, short_repr
from loanrelief._foundations.validate import a_date, whole_number
from loanrelief._ledger.allocation import Allocation
from loanrelief._ledger.book import Book
from loanrelief._ledger.ceilings import ahead, own_ceilings
from loanrelief._ledger.court import COSTS_SOURCE, UNLIMITED, CourtLine, CourtLines, court_line
from loanrelief._ledger.inputs import schedule_of
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.replay import replay
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import amortize
from loanrelief._loans.terms import MAX_TERM, Loan
from loanrelief.law._cite import Citation
from loanrelief.law._rules import Charge, Rule, Span, rule_title

__all__ = ["Origin", "StatementCourtView", "statement_court_view"]

# What each figure of a statement is, as a charge a rule limits.
_STATED = (Charge.CONTRACT_INTEREST, Charge.PENALTY, Charge.LATE_FEE)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Origin:
    """What the borrower knows of how the loan began.

    Parameters
    ----------
    made : datetime.date
        The date the contract was made (the money received).
    received : money
        The amount actually received.
    annual_rate : rate
        The contract's nominal annual rate.
    term : int
        The number of instalments the contract set.
    written : money, optional
        The principal written on the contract, when more than ``received`` was
        written (interest or a fee withheld in advance, 砍头息). By default
        ``received``.
    upfront_fee : money, default 0
        A fee paid apart when the loan was made (not withheld).
    paid_instalments : int, optional
        How many instalments were paid in full on their due dates. By default those
        due before the statement's oldest unpaid instalment (from its days past due).

    Examples
    --------
    >>> Origin(made=date(2024, 1, 15), received=9000, annual_rate="0.24", term=12,
    ...        written=10000).written
    Decimal('10000.00')
    """

    made: date
    received: Decimal
    annual_rate: Decimal
    term: int
    written: Decimal
    upfront_fee: Decimal = Decimal(0)
    paid_instalments: int | None = None

    __repr__ = short_repr

    def __init__(
        self,
        *,
        made: date,
        received: Money,
        annual_rate: Rate,
        term: int,
        written: Money | None = None,
        upfront_fee: Money = 0,
        paid_instalments: int | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "made", a_date(made, "made"))
        cash = to_minor(received, field="received", digits=2, maximum=MAX_AMOUNT)
        if cash <= 0:
            raise InvalidValueError("received", received, "a positive amount")
        set_(self, "received", to_major(cash, 2))
        set_(self, "annual_rate", decimal_of(parse_rate(annual_rate, field="annual_rate")))
        set_(self, "term", whole_number(term, "term", 1, MAX_TERM))
        on_paper = cash if written is None else to_minor(written, field="written", digits=2)
        if on_paper < cash:
            raise InvalidTermsError("written", written, f"at least the amount received {received}")
        set_(self, "written", to_major(on_paper, 2))
        fee = to_minor(upfront_fee, field="upfront_fee", digits=2, maximum=MAX_AMOUNT)
        if fee < 0:
            raise InvalidValueError("upfront_fee", upfront_fee, "an amount, not negative")
        if fee and on_paper > cash:
            raise InvalidTermsError(
                "upfront_fee", upfront_fee, "0 when part of the principal was withheld"
            )
        set_(self, "upfront_fee", to_major(fee, 2))
        count = None
        if paid_instalments is not None:
            count = whole_number(paid_instalments, "paid_instalments", 0, MAX_TERM)
        set_(self, "paid_instalments", count)


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class StatementCourtView(CourtLines):
    """What a court would allow of a lender's statement, and the assumptions it rests on.

    Attributes
    ----------
    rule : Rule
    statement : Statement
    origin : Origin
    loan : Loan
        The contract as rebuilt from the origin and the statement's terms.
    paid_instalments : int
        The instalments taken as paid on their due dates.
    lines : tuple of CourtLine
        The principal, each charge the statement claims (claimed, allowed, excess)
        with its article, enforcement costs and the payoff.
    rebuilt_principal : Decimal
        The principal outstanding on the statement's date in the history rebuilt from
        the origin (the lower of it and the statement's is recognised).
    assumptions : tuple of (str, str)
        Each assumption the view makes, in English and Chinese (written from the
        figures above by :func:`loanrelief._presentation.court.statement_assumptions`).

    Examples
    --------
    >>> import loanrelief as lr
    >>> statement = lr.Statement(
    ...     as_of=date(2024, 9, 20), outstanding_principal="7052.13",
    ...     overdue_principal="3317.85", overdue_interest="700.63", penalty="300", fees="600",
    ...     days_past_due=97, annual_rate="0.36", next_due_date=date(2024, 10, 15),
    ...     remaining_instalments=4)
    >>> origin = Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12)
    >>> view = statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
    >>> view.payoff, view.enforceable_payoff
    (Decimal('8671.43'), Decimal('6685.86'))
    """

    rule: Rule
    statement: Statement
    origin: Origin
    loan: Loan
    paid_instalments: int
    lines: tuple[CourtLine, ...]
    rebuilt_principal: Decimal

    @property
    def assumptions(self) -> tuple[tuple[str, str], ...]:
        """Each assumption the view makes, in English and Chinese."""
        from loanrelief._presentation.court import statement_assumptions  # noqa: PLC0415

        return statement_assumptions(self)

    def explain(self, lang: str | None = None) -> str:
        """Return the assumptions, then each line with its article, in a language.

        Made by :func:`loanrelief._presentation.court.statement_court_explain`.

        Examples
        --------
        A borrower up to date, whose statement shows more principal than the history
        the rule rebuilds:

        >>> import loanrelief as lr
        >>> statement = lr.Statement(as_of=date(2024, 4, 1), outstanding_principal="2058.51",
        ...                          annual_rate="0.36", next_due_date=date(2024, 4, 10),
        ...                          remaining_instalments=4)
        >>> origin = Origin(made=date(2024, 1, 10), received=3000, annual_rate="0.36", term=6)
        >>> view = statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
        >>> print(view.explain().splitlines()[4].strip())
        4. the statement shows principal 2058.51; the history gives 1955.45; the lower is taken
        """
        from loanrelief._presentation.court import statement_court_explain  # noqa: PLC0415

        return statement_court_explain(self, lang)

    __repr__ = result_repr_of("rule", "payoff", "enforceable_payoff")


def _paid_count(statement: Statement, origin: Origin, due: list[date]) -> int:
    """Return how many instalments the history takes as paid on their due dates."""
    if origin.paid_instalments is not None:
        if origin.paid_instalments > sum(1 for d in due if d <= statement.as_of):
            raise InvalidTermsError(
                "paid_instalments",
                origin.paid_instalments,
                f"at most the instalments due by {statement.as_of}",
            )
        return origin.paid_instalments
    if statement.days_past_due:
        oldest = statement.as_of - timedelta(days=statement.days_past_due)
        return sum(1 for d in due if d < oldest)
    return sum(1 for d in due if d <= statement.as_of)


@exact_decimals
def statement_court_view(
    statement: Statement, origin: Origin, *, rule: Rule
) -> StatementCourtView:
    """Return what a court would allow of a lender's statement, from the loan's origin.

    Parameters
    ----------
    statement : Statement
        The lender's figures on a date (what it claims).
    origin : Origin
        What the borrower knows of how the loan began.
    rule : Rule
        The legal rule (:mod:`loanrelief.law`).

    Returns
    -------
    StatementCourtView

    Notes
    -----
    The contract is rebuilt from the origin with the statement's terms (method,
    frequency, day count, instalment fee), and its first instalments taken as paid in
    full on their due dates: those due before the statement's oldest unpaid
    instalment (``as_of`` less its days past due), or ``origin.paid_instalments``.
    That history is replayed under the rule — the principal it recognises (the amount
    received, Provisions on Private Lending (2020) art. 26), payments beyond what it
    allows set against principal — and each ceiling is measured on it to ``as_of``.
    The statement's overdue and accrued interest are held as contract interest, its
    penalty as penalty and compound interest, its fees as charges for lateness; each
    limit gives its room (the ceiling less what the history paid within it) to them
    in its order, the last cut first. The principal recognised is the lower of the
    statement's and the history's; enforcement costs are never capped (Civil Code
    art. 561). Every one of these assumptions is listed in :attr:`~StatementCourtView.assumptions`.

    Examples
    --------
    A loan of 5,000 at 30 % over six months whose third to fifth instalments are unpaid:

    >>> import loanrelief as lr
    >>> origin = Origin(made=date(2024, 3, 1), received=5000, annual_rate="0.30", term=6)
    >>> statement = lr.Statement(
    ...     as_of=date(2024, 8, 10), outstanding_principal="3414.93",
    ...     overdue_principal="2529.33", overdue_interest="193.92", penalty="180",
    ...     fees="200", days_past_due=70, annual_rate="0.30",
    ...     next_due_date=date(2024, 9, 1), remaining_instalments=1)
    >>> view = statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
    >>> [(line.item, line.allowed) for line in view.lines][:3]
    [('principal', Decimal('3289.72')), ('contract_interest', Decimal('90.73')), \
('penalty', Decimal('34.14'))]
    """
    if not isinstance(statement, Statement):
        raise InvalidTypeError("statement", statement, "a Statement")
    if not isinstance(origin, Origin):
        raise InvalidTypeError("origin", origin, "an Origin")
    if not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law)")
    as_of = statement.as_of
    if origin.made >= as_of:
        raise InvalidTermsError(
            "origin.made", origin.made, f"a date before the statement's {as_of}"
        )
    loan = _contract(statement, origin)
    schedule = amortize(loan)
    count = _paid_count(statement, origin, schedule.due_dates.astype(object).tolist())
    digits = loan.digits
    payments = [(row.due_date, minor_of(row.payment, digits)) for row in list(schedule)[:count]]
    book = Book(schedule_of(loan, rule), PenaltyPolicy(), Allocation.CIVIL_CODE_561, rule,
                until=as_of)  # fmt: skip
    book = replay(book, payments, set(), as_of, [])
    claimed = {
        Charge.CONTRACT_INTEREST: minor_of(
            statement.overdue_interest + statement.accrued_interest + statement.interest_due_today,
            digits,
        ),
        Charge.PENALTY: minor_of(statement.penalty, digits),
        Charge.LATE_FEE: minor_of(statement.fees, digits),
    }
    allowed, cited = _held(book, claimed, as_of)
    history = book.outstanding(as_of)
    return StatementCourtView(
        rule=rule,
        statement=statement,
        origin=origin,
        loan=loan,
        paid_instalments=count,
        lines=_lines(statement, rule, history, claimed, allowed, cited),
        rebuilt_principal=to_major(history, digits),
    )


def _contract(statement: Statement, origin: Origin) -> Loan:
    """Return the contract as made: the origin's figures with the statement's terms."""
    withheld = origin.written - origin.received
    return Loan(
        origin.written,
        origin.annual_rate,
        origin.term,
        start=origin.made,
        method=statement.method,
        frequency=statement.frequency,
        day_count=statement.day_count,
        interest_basis=statement.interest_basis,
        end_of_month=statement.end_of_month,
        instalment_fee=statement.instalment_fee,
        upfront_fee=withheld or origin.upfront_fee,
        fee_deducted=bool(withheld),
        currency=statement.currency,
        rounding=statement.rounding,
    )


def _held(
    book: Book, claimed: dict[Charge, int], as_of: date
) -> tuple[dict[Charge, int], dict[Charge, list[Citation]]]:
    """Hold the claimed charges within each limit's room on ``as_of``; cite each limit.

    A limit's room is its ceiling measured on the rebuilt history less what that
    history paid within it; it goes to the claimed charges in the limit's order.
    """
    allowed = dict(claimed)
    cited: dict[Charge, list[Citation]] = {kind: [] for kind in _STATED}
    reach = book.reach(as_of)
    for meter in book.meters:
        limit = meter.limit
        stretches = ahead(book, as_of) if limit.span is Span.TO_MATURITY else []
        exact = meter.exact(as_of, ahead=stretches)
        paid: dict[tuple[int, Charge], int] = {
            (i, kind): book.paid[kind][i]
            for kind in limit.components
            if kind is not Charge.UPFRONT_FEE
            for i in range(reach)
        }
        used, _ = own_ceilings(meter, paid, reach, payable=False)
        if Charge.UPFRONT_FEE in limit.components:
            used += book.upfront_kept
        room = exact - used
        for kind in limit.components:
            if kind not in allowed:
                continue
            cited[kind].append(limit.citation)
            if room >= allowed[kind]:
                room -= allowed[kind]
                continue
            left = max(room, Fraction(0))
            allowed[kind] = round_ratio(left.numerator, left.denominator, book.loan.rounding)
            room = Fraction(0)
    return allowed, cited


def _lines(  # noqa: PLR0917 - the view's figures
    statement: Statement,
    rule: Rule,
    history: int,
    claimed: dict[Charge, int],
    allowed: dict[Charge, int],
    cited: dict[Charge, list[Citation]],
) -> tuple[CourtLine, ...]:
    """Return the principal, each charge claimed, the costs and the payoff, as court lines."""
    digits = statement.schedule.loan.digits

    def major(minor: int) -> Decimal:
        return to_major(minor, digits)

    stated = minor_of(statement.outstanding_principal, digits)
    principal = min(stated, history)
    cut = principal < stated
    source = _PRINCIPAL_SOURCE if cut else _AS_STATED
    lines = [court_line("principal", statement.outstanding_principal, major(principal), source)]
    for kind in _STATED:
        if not claimed[kind]:
            continue
        sources = tuple(cited[kind]) or UNLIMITED
        lines.append(court_line(kind.value, major(claimed[kind]), major(allowed[kind]), sources))
    costs = minor_of(statement.costs, digits)
    if costs:
        lines.append(court_line("costs", major(costs), major(costs), COSTS_SOURCE))
    claim = minor_of(statement.payoff, digits)
    enforceable = min(principal + sum(allowed.values()) + costs, claim)
    lines.append(
        CourtLine(
            item="payoff",
            charged=major(claim),
            allowed=major(enforceable),
            excess=major(claim - enforceable),
            citations=(rule_title(rule),),
        )
    )
    return tuple(lines)


_PRINCIPAL_SOURCE = (
    Citation(
        "the history rebuilt from the origin (amount received; payments beyond the rule "
        "repay principal): SPC Provisions on Private Lending (2020) art. 26"
    ),
    Citation("Civil Code art. 670"),
)
_AS_STATED = (Citation("as stated"),)
