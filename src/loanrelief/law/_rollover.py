"""Rolled-over IOUs (借新还旧, 利滚利): the principal a court recognises along a chain.

A borrower who cannot pay settles accounts with the lender, and a new IOU is written
for the old principal plus the interest due (and any new money). The interest rolled
in counts as principal only up to the ceiling of the earlier period, and the whole
chain owes at most the first principal with interest on it at the ceiling for the
whole time (Provisions on Private Lending (2020) art. 27; the 2015 text art. 28 with
24 % a year). :func:`rollover_view` follows a chain of :class:`IOU` values and gives
the recognised principal of each and the enforceable claim on a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import final

from loanrelief._foundations.daycount import DayCount, year_fraction
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    MAX_AMOUNT,
    Money,
    Rate,
    RoundingMode,
    exact_decimals,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr_of, short_repr
from loanrelief._foundations.validate import a_date, a_sequence, parse_enum, whole_number
from loanrelief._loans.terms import MAX_TERM, Loan
from loanrelief.law._china import (
    _OLD,
    _PROVISIONS,
    PROVISIONS_2015,
    REFORM_DATE,
    ChinaPrivateLending,
)
from loanrelief.law._cite import Citation
from loanrelief.law._rules import Rule, contract_rate_ceiling

__all__ = ["IOU", "RolloverLine", "RolloverView", "rollover_view"]

_ART_2020 = Citation("{act} art. 27", act=_PROVISIONS)
_ART_1991 = Citation(
    "{act} art. 7", act=Citation("SPC Opinions on the Trial of Loan Cases (1991)")
)
_ART_2015 = Citation("{act} art. 28", act=_OLD)


@final
@dataclass(frozen=True, slots=True)
class IOU:
    """One IOU of a chain (借据、欠条): when it was written, for what, at what rate.

    Parameters
    ----------
    made : datetime.date
        The date the IOU was written (for a later IOU, the day accounts were settled).
    amount : money
        The principal written on it.
    annual_rate : float, str or Decimal
        The interest rate it agrees, a year (simple interest).
    new_money : money, optional
        Cash actually handed over with this IOU. The first IOU's defaults to its
        ``amount`` (less, when interest was withheld in advance: art. 26); a later
        IOU's to 0 (all of it the earlier debt rolled over).
    term_months : int, default 12
        The term it was written for: a contract before 2015-09-01 is held to the
        benchmark rate of its term band (1991 opinions art. 6); one year by default.
    interest_paid : money, default 0
        Interest paid in cash on this IOU before the next was written (for the last,
        before the date of the claim): it settles the interest of the period first, so
        only the rest can be rolled in; paid beyond what the rule keeps (the ceiling,
        or the 2015 provisions' 36 %), it repays principal.

    Examples
    --------
    >>> IOU(date(2021, 1, 1), 100000, "0.2").new_money is None
    True
    """

    made: date
    amount: Decimal
    annual_rate: Fraction
    new_money: Decimal | None = None
    term_months: int = 12
    interest_paid: Decimal = Decimal("0.00")

    __repr__ = short_repr

    def __init__(
        self,
        made: date,
        amount: Money,
        annual_rate: Rate,
        new_money: Money | None = None,
        *,
        term_months: int = 12,
        interest_paid: Money = 0,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "term_months", whole_number(term_months, "term_months", 1, MAX_TERM))
        cash = to_minor(interest_paid, field="interest_paid", digits=2, maximum=MAX_AMOUNT)
        if cash < 0:
            raise InvalidValueError("interest_paid", interest_paid, "an amount, not negative")
        set_(self, "interest_paid", to_major(cash, 2))
        set_(self, "made", a_date(made, "made"))
        minor = to_minor(amount, field="amount", digits=2, maximum=MAX_AMOUNT)
        if minor <= 0:
            raise InvalidValueError("amount", amount, "a positive amount")
        set_(self, "amount", to_major(minor, 2))
        set_(self, "annual_rate", parse_rate(annual_rate, field="annual_rate"))
        if new_money is None:
            set_(self, "new_money", None)
        else:
            cash = to_minor(new_money, field="new_money", digits=2, maximum=MAX_AMOUNT)
            if cash > minor:
                raise InvalidTermsError("new_money", new_money, f"at most the amount {amount}")
            set_(self, "new_money", to_major(cash, 2))


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class RolloverLine:
    """What one IOU of the chain says, and what a court recognises of it.

    Attributes
    ----------
    iou : IOU
    rolled_claimed : Decimal
        Interest the IOU rolls into principal as written: its amount less the earlier
        IOU's and the new money (0 for the first).
    rolled_recognised : Decimal
        The rolled interest recognised as principal: the earlier recognised principal
        at the lower of the agreed rate and the ceiling, over the earlier period.
    principal : Decimal
        The principal recognised on this IOU.
    ceiling : Fraction or None
        The ceiling on the IOU's own contract interest (``None``: the rule sets none).

    Examples
    --------
    >>> view = rollover_view([IOU(date(2021, 1, 1), 100000, "0.2")], as_of=date(2021, 1, 1))
    >>> view.lines[0].principal
    Decimal('100000.00')
    """

    iou: IOU
    rolled_claimed: Decimal
    rolled_recognised: Decimal
    principal: Decimal
    ceiling: Fraction | None

    __repr__ = result_repr_of("iou", "principal", "ceiling")


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class RolloverView:
    """A chain of rolled-over IOUs as written and as a court recognises it.

    Attributes
    ----------
    rule : Rule
    as_of : datetime.date
    lines : tuple of RolloverLine
        Each IOU, oldest first.
    interest_claimed, interest_allowed : Decimal
        The last IOU's interest from its date to ``as_of``: at its agreed rate on its
        written amount, and at the lower of that rate and the ceiling on the
        recognised principal.
    bound : Decimal or None
        The most the chain may owe on ``as_of``: the first principal recognised plus
        interest on it at the first IOU's ceiling for the whole time (art. 27 para. 2),
        less the interest paid in cash along the chain.
    claimed, enforceable : Decimal
        The last IOU's amount with its interest, and what a court allows.
    citation : Citation
        The article of the rollover rule (:attr:`source` in English).

    Examples
    --------
    >>> chain = [IOU(date(2021, 1, 1), 100000, "0.24"),
    ...          IOU(date(2022, 1, 1), 124000, "0.24")]
    >>> view = rollover_view(chain, as_of=date(2023, 1, 1))
    >>> view.lines[1].principal, view.enforceable
    (Decimal('115400.00'), Decimal('130800.00'))
    """

    rule: Rule
    as_of: date
    lines: tuple[RolloverLine, ...]
    interest_claimed: Decimal
    interest_allowed: Decimal
    bound: Decimal | None
    claimed: Decimal
    enforceable: Decimal
    citation: Citation

    __repr__ = result_repr_of("rule", "as_of", "claimed", "enforceable")

    @property
    def source(self) -> str:
        """The article of the rollover rule, in English."""
        return self.citation.english

    @property
    @exact_decimals
    def excess(self) -> Decimal:
        """How much of the claim the rule does not support."""
        return self.claimed - self.enforceable

    def explain(self, lang: str | None = None) -> str:
        """Return the view line by line, with the article, in a language (English by default).

        Made by :func:`loanrelief._presentation.court.rollover_explain`.

        Examples
        --------
        >>> chain = [IOU(date(2021, 1, 1), 100000, "0.24"),
        ...          IOU(date(2022, 1, 1), 124000, "0.24")]
        >>> print(rollover_view(chain, as_of=date(2023, 1, 1)).explain().splitlines()[2])
        2. IOU of 2022-01-01 for 124000.00: interest rolled in 24000.00, recognised 15400.00 \
(ceiling 15.4 %); principal recognised 115400.00
        """
        from loanrelief._presentation.court import rollover_explain  # noqa: PLC0415 - on use

        return rollover_explain(self, lang)


def _chain(ious: Iterable[IOU], as_of: date) -> list[IOU]:
    """Return the IOUs as a list if they make a chain up to ``as_of``, else raise."""
    chain = a_sequence(ious, "ious")
    if not chain:
        raise InvalidValueError("ious", ious, "at least one IOU")
    for k, iou in enumerate(chain):
        if not isinstance(iou, IOU):
            raise InvalidTypeError(f"ious[{k}]", iou, "an IOU")
        if k and iou.made <= chain[k - 1].made:
            before = chain[k - 1].made
            raise InvalidTermsError(f"ious[{k}].made", iou.made, f"a date after {before}")
    a_date(as_of, "as_of")
    if as_of < chain[-1].made:
        raise InvalidTermsError("as_of", as_of, f"a date on or after {chain[-1].made}")
    return list(chain)


def _settled(allowed: int, kept: int, paid: int) -> tuple[int, int]:
    """Return a period's interest still owed after cash paid, and what the cash repays.

    The cash settles the interest allowed first; beyond it, what the rule keeps as paid
    (``kept``: its paid rate) stays paid, and the rest repays principal.
    """
    return max(allowed - paid, 0), max(paid - max(kept, allowed), 0)


def _contract(iou: IOU) -> Loan:
    """Return the IOU as a loan made on its date: what a rule's ceilings are read from."""
    return Loan(
        iou.amount, 0, iou.term_months, start=iou.made
    )  # the date's ceiling, not the rate's


@exact_decimals
def rollover_view(
    ious: Iterable[IOU],
    *,
    as_of: date,
    rule: Rule | None = None,
    day_count: DayCount | str = DayCount.ACT_365,
) -> RolloverView:
    """Return the principal a court recognises along a chain of IOUs, and the claim.

    Parameters
    ----------
    ious : iterable of IOU
        The chain, oldest first, each written after the one before.
    as_of : datetime.date
        The date of the claim (on or after the last IOU).
    rule : Rule, optional
        The rule whose ceiling on contract interest applies
        (:func:`~loanrelief.law.contract_rate_ceiling`); ``ChinaPrivateLending()`` by
        default (give ``filed=`` for a chain begun before 2020-08-20 judged after).
    day_count : DayCount or str, default "act/365"
        How interest is counted between dates (simple interest).

    Returns
    -------
    RolloverView

    Notes
    -----
    With ``P_0`` the first IOU's money actually lent, each later IOU ``k`` recognises
    ``P_k = min(amount_k, P_{k-1} (1 + min(r_{k-1}, c_{k-1}) t_k) + new_k)``: the
    earlier principal recognised, the interest on it over the earlier period at the
    lower of the agreed rate and the ceiling ``c`` of the earlier IOU's date, and the
    new money; interest rolled in beyond that is not principal (art. 27 para. 1).
    The last IOU's interest runs to ``as_of`` in the same way, and the whole is at
    most ``P_0 (1 + c_0 T)`` over the time ``T`` from the first IOU (art. 27 para.
    2). Each amount is rounded to the cent once, half to even. Assumed: no payments
    along the chain (interest paid in cash is not rolled); the last IOU's interest
    past its due date runs at the same capped rate (overdue interest within the same
    ceiling, art. 28). Contracts before 2020-08-20 are judged by the 2015 text, whose
    art. 28 is the same rule with 24 % a year; a chain begun and judged before
    2015-09-01 by the 1991 opinions (art. 7: interest added to principal is protected
    only within art. 6's four times the benchmark rate).

    Examples
    --------
    A first IOU of 100,000 at 36 % on 2021-01-01; a year later the 36,000 of interest
    is rolled into a new IOU of 136,000. The ceiling of 2021-01-01 is 4 x 3.85 % =
    15.4 %: only 15,400 of it becomes principal:

    >>> chain = [IOU(date(2021, 1, 1), 100000, "0.36"),
    ...          IOU(date(2022, 1, 1), 136000, "0.36")]
    >>> view = rollover_view(chain, as_of=date(2022, 1, 1))
    >>> view.lines[1].principal, view.claimed, view.enforceable
    (Decimal('115400.00'), Decimal('136000.00'), Decimal('115400.00'))
    """
    chain = _chain(ious, as_of)
    chosen: Rule = ChinaPrivateLending() if rule is None else rule
    if not isinstance(chosen, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law), or None")
    counted = parse_enum(day_count, DayCount, "day_count")

    def interest(
        amount: int, iou: IOU, end: date, *, agreed: bool = True, paid: bool = False
    ) -> int:
        """Return simple interest on ``amount`` from the IOU's date to ``end``, in cents.

        At the lower of the agreed rate (unless ``agreed`` is false) and the ceiling in
        force on each day (``paid``: the rate paid interest is kept to), split where the
        ceiling changes (art. 31's transition).
        """
        loan = _contract(iou)
        changes = {d for limit in chosen.limits(loan, end) for d in limit.changes()}
        edges = [iou.made, *sorted(d for d in changes if iou.made < d < end), end]
        exact = Fraction(0)
        for start, stop in pairwise(edges):
            cap = contract_rate_ceiling(chosen, loan, start, paid=paid)
            if cap is None and not agreed:
                return -1  # no ceiling: no bound
            rates = [r for r in (cap, iou.annual_rate if agreed else None) if r is not None]
            exact += amount * min(rates) * year_fraction(start, stop, counted)
        return round_ratio(exact.numerator, exact.denominator, RoundingMode.HALF_EVEN)

    first = chain[0]
    lent = first.amount if first.new_money is None else first.new_money
    principal = to_minor(lent, field="new_money", digits=2)
    start_principal = principal
    caps = [contract_rate_ceiling(chosen, _contract(iou), iou.made) for iou in chain]
    lines = [
        RolloverLine(
            iou=first,
            rolled_claimed=Decimal("0.00"),
            rolled_recognised=Decimal("0.00"),
            principal=to_major(principal, 2),
            ceiling=caps[0],
        )
    ]
    for k in range(1, len(chain)):
        before, iou = chain[k - 1], chain[k]
        new = to_minor(iou.new_money or 0, field="new_money", digits=2)
        written = to_minor(iou.amount, field="amount", digits=2)
        owed, credited = _settled(
            interest(principal, before, iou.made),
            interest(principal, before, iou.made, paid=True),
            to_minor(before.interest_paid, field="interest_paid", digits=2),
        )
        recognised = min(written, principal - credited + owed + new)
        rolled = written - to_minor(before.amount, field="amount", digits=2) - new
        lines.append(
            RolloverLine(
                iou=iou,
                rolled_claimed=to_major(max(rolled, 0), 2),
                rolled_recognised=to_major(max(recognised - principal + credited - new, 0), 2),
                principal=to_major(recognised, 2),
                ceiling=caps[k],
            )
        )
        principal = recognised
    last = chain[-1]
    written = to_minor(last.amount, field="amount", digits=2)
    years = year_fraction(last.made, as_of, counted) * last.annual_rate * written
    claimed_interest = round_ratio(years.numerator, years.denominator, RoundingMode.HALF_EVEN)
    paid_last = to_minor(last.interest_paid, field="interest_paid", digits=2)
    allowed_interest, credited = _settled(
        interest(principal, last, as_of), interest(principal, last, as_of, paid=True), paid_last
    )
    claimed_interest = max(claimed_interest - paid_last, 0)
    enforceable = min(principal - credited + allowed_interest, written + claimed_interest)
    most = interest(start_principal, first, as_of, agreed=False)
    cash = sum(to_minor(iou.interest_paid, field="interest_paid", digits=2) for iou in chain)
    bound = None if most < 0 else start_principal + most - cash  # less what was paid
    if bound is not None:
        enforceable = min(enforceable, bound)
    filed = getattr(chosen, "filed", None)
    modern = first.made >= REFORM_DATE or (filed is not None and filed >= REFORM_DATE)
    article = _ART_2020 if modern else _ART_2015
    if first.made < PROVISIONS_2015 and as_of < PROVISIONS_2015:  # judged under the opinions
        article = _ART_1991
    return RolloverView(
        rule=chosen,
        as_of=as_of,
        lines=tuple(lines),
        interest_claimed=to_major(claimed_interest, 2),
        interest_allowed=to_major(allowed_interest, 2),
        bound=None if bound is None else to_major(bound, 2),
        claimed=to_major(written + claimed_interest, 2),
        enforceable=to_major(enforceable, 2),
        citation=article,
    )
