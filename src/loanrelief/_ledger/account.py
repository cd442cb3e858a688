"""The state of a loan account on any date: replaying its payments against its schedule.

:func:`account_state` walks from the loan's start to the date asked for, through every
due date, payment, end of grace and late fee, accruing penalty exactly between them,
posting it (rounded once) at each payment and on the final date, holding charges
within the legal caps, and placing every cent of every payment on a component of an
instalment. The result, an :class:`AccountState`, is the number a negotiation starts
from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, final

from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.forwarding import Forwarded
from loanrelief._foundations.money import exact_decimals, minor_of, to_minor
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import (
    a_date,
    a_sequence,
    an_instance,
    parse_enum,
    whole_number,
)
from loanrelief._ledger.allocation import Allocation, Component
from loanrelief._ledger.book import Book
from loanrelief._ledger.inputs import (
    EnforcementCost,
    Payment,
    ReplayInputs,
    check_fee_work,
    dated,
    schedule_of,
    us_rule_fits,
)
from loanrelief._ledger.instalments import Bucket, InstalmentRows, InstalmentStatus
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.replay import (
    Accrual,
    LedgerEntry,
    replay,
)
from loanrelief._ledger.restatement import statement_of
from loanrelief._ledger.statement import Statement
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Loan
from loanrelief.law._rules import Charge, Excess, Rule

__all__ = [
    "AccountState",
    "DelayCost",
    "LedgerEntry",
    "account_state",
    "cost_of_delay",
]


@final
@dataclass(frozen=True, slots=True, kw_only=True, weakref_slot=True)
class AccountState(Rendered):
    """The state of a loan account on a date.

    Attributes
    ----------
    as_of : datetime.date
    schedule : Schedule
        The schedule the payments were replayed against: the contract's, or under a
        rule the one of the loan it recognises (its principal the amount received).
    instalments : tuple of InstalmentStatus
    days_past_due : int
        Days since the oldest instalment with unpaid principal or interest fell due.
    bucket : Bucket
    overdue_principal, overdue_interest : Decimal
        Principal and interest (contract and default) of instalments past due, unpaid.
    penalty : Decimal
        Penalty and compound interest charged and unpaid.
    fees : Decimal
        Instalment fees and late fees due and unpaid.
    costs : Decimal
        Enforcement costs charged and unpaid.
    outstanding_principal : Decimal
        All principal not yet paid, due or not, with the interest capitalized so far
        (a capitalizing grace period's).
    accrued_interest : Decimal
        Contract interest of the current period up to ``as_of`` (in proportion to the
        days elapsed), part of the payoff.
    payoff : Decimal
        What settles the loan on ``as_of``: everything due and unpaid, the rest of the
        principal and the accrued interest (under a rule: what it lets be claimed,
        less any fee paid beyond it when the rule credits such excess to the debt).
    capped : Decimal
        Charges the contract makes that the legal rule does not allow, on ``as_of``.
    credit : Decimal
        Money paid beyond everything the loan could owe, held for the borrower.
    refund : Decimal
        Under a rule that refunds excess (the UK's): money paid beyond everything the
        rule lets be claimed, and an upfront fee beyond it, owed back to the borrower.
    charged, allowed, charges_paid : mapping of str to Decimal
        By charge (:class:`~loanrelief.law.Charge` values, the upfront fee included):
        what the contract charges up to ``as_of``, what the rule allows of it, and
        what has been paid on it. Interest capitalized on its due date is principal
        from then on, not a charge.
    ledger : tuple of LedgerEntry
        Every charge posted and every cent of every payment placed.
    payments, penalty_policy, allocation, post_on, rule, enforcement_costs, accrual, opening
        What the account was replayed with: the inputs of :func:`account_state`,
        checked, kept so that the state can be rolled forward (:meth:`on`,
        :func:`cost_of_delay`, ``StayOverdue``) by the same replay. ``opening`` is the
        statement the replay started from (``account_state(statement, ...)``), if any.
    card : CardHistory or None
        The card this account was made from (:meth:`CardHistory.account()
        <loanrelief.cards.CardHistory.account>`), a value: its own ledger, not this
        statement-based replay, is what a legal rule caps, so what a court awards on
        the account is computed from it (``loanrelief.cards._book.card_award``, which
        :class:`~loanrelief.CourtAward` and the brief call). Typed ``object`` here:
        the ledger layer sits below the cards.

    Examples
    --------
    >>> import loanrelief as lr
    >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1))
    >>> state = lr.account_state(loan, as_of=date(2024, 4, 11),
    ...                          penalty=lr.PenaltyPolicy(annual_rate="0.18"))
    >>> state.days_past_due, state.bucket, state.overdue_principal, state.penalty
    (70, <Bucket.DAYS_60_89: '60-89'>, Decimal('2867.05'), Decimal('56.74'))
    """

    as_of: date
    schedule: Schedule
    days_past_due: int
    bucket: Bucket
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty: Decimal
    fees: Decimal
    costs: Decimal
    outstanding_principal: Decimal
    accrued_interest: Decimal
    payoff: Decimal
    capped: Decimal
    credit: Decimal
    refund: Decimal
    charged: Mapping[str, Decimal]
    allowed: Mapping[str, Decimal]
    charges_paid: Mapping[str, Decimal]
    ledger: tuple[LedgerEntry, ...]
    # What the account was replayed with (ReplayInputs), each read as a property above
    # the results' own: kept so that the state can be replayed again (on, cost_of_delay).
    _inputs: ReplayInputs
    card: object | None = dataclasses.field(default=None, compare=False, repr=False)
    # The instalments in minor units (reached by the replay, then the schedule's own):
    # what the engines read (draft.draft_from) and the statuses are made from.
    _instalments: InstalmentRows = dataclasses.field(compare=False, repr=False)

    instalments = Forwarded[tuple[InstalmentStatus, ...]]("_instalments", "statuses")
    """Each instalment where it stands on ``as_of`` (:class:`InstalmentStatus`)."""
    # What the account was replayed with (ReplayInputs), read as the state's own:
    payments = Forwarded[tuple[Payment, ...]]("_inputs")
    """The payments replayed (an input of the replay)."""
    penalty_policy = Forwarded[PenaltyPolicy]("_inputs")
    """What the contract charges for lateness (an input of the replay)."""
    allocation = Forwarded[Allocation]("_inputs")
    """The order payments were placed in (an input of the replay)."""
    post_on = Forwarded[tuple[date, ...]]("_inputs")
    """The extra posting dates (an input of the replay)."""
    rule = Forwarded[Rule | None]("_inputs")
    """The legal rule replayed under, if any (an input of the replay)."""
    enforcement_costs = Forwarded[tuple[EnforcementCost, ...]]("_inputs")
    """The enforcement costs charged (an input of the replay)."""
    accrual = Forwarded[Accrual]("_inputs")
    """How interest accrued (an input of the replay)."""
    opening = Forwarded[Statement | None]("_inputs")
    """The statement the replay started from, if any (an input of the replay)."""
    loan = Forwarded[Loan]("schedule")
    """The loan."""

    def on(self, as_of: date, *, rule: Rule | str | None = "same") -> AccountState:
        """Return this account on a later date if nothing more is paid.

        The same replay with the same inputs (payments, policy, allocation, rule,
        enforcement costs and ``post_on`` dates) to ``as_of``: what
        :func:`cost_of_delay`, ``StayOverdue``, ``CourtAward`` and the charts roll
        forward with. ``rule`` replays it under another legal rule (or ``None``, the
        contract) instead of its own.

        Examples
        --------
        >>> import loanrelief as lr
        >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
        ...                          as_of=date(2024, 3, 15),
        ...                          penalty=lr.PenaltyPolicy(annual_rate="0.365"))
        >>> state.on(date(2024, 3, 25)).penalty - state.penalty
        Decimal('2.00')
        """
        chosen = self.rule if isinstance(rule, str) and rule == "same" else rule
        if chosen is not None and self.card is not None:
            raise InvalidTermsError(
                "rule",
                getattr(chosen, "name", chosen),
                "None for this account: its replay is not the one a rule caps; what the "
                "rule lets be claimed is CourtAward(until, rule)'s (for a card, "
                "card_court_view)",
            )
        later = account_state(
            self.schedule if self.opening is None else self.opening,
            self.payments,
            as_of=as_of,
            penalty=self.penalty_policy,
            allocation=self.allocation,
            post_on=self.post_on,
            rule=chosen,  # type: ignore[arg-type]
            costs=self.enforcement_costs,
            accrual=self.accrual,
        )
        if self.card is None:
            return later
        return dataclasses.replace(later, card=self.card)  # nothing more paid

    def to_statement(self) -> Statement:
        """Return what a lender's statement of this account shows on its date.

        The figures of the state (overdue principal and interest, penalty, fees,
        enforcement costs, days past due, outstanding principal, accrued interest)
        and the remaining instalments listed as the schedule has them, so that
        ``account_state(state.to_statement(), as_of=state.as_of, penalty=...)`` is this
        state again (the instalment due on the date, if unpaid, listed as due now).

        Raises
        ------
        InvalidTermsError
            For an account with no principal left, a bullet or balloon loan (their one
            long period is not a statement's), or a state replayed under a legal rule
            or the US Rule.

        Examples
        --------
        >>> import loanrelief as lr
        >>> loan = lr.Loan(6000, "0.10", 12, start=date(2024, 1, 15))
        >>> state = lr.account_state(loan, [lr.Payment(date(2024, 2, 15), 500)],
        ...                          as_of=date(2024, 5, 2),
        ...                          penalty=lr.PenaltyPolicy(annual_rate="0.15"))
        >>> statement = state.to_statement()
        >>> statement.days_past_due, statement.penalty, len(statement.due_dates)
        (77, Decimal('13.76'), 9)
        >>> lr.account_state(statement, as_of=state.as_of).payoff == state.payoff
        True
        """
        return statement_of(self)

    @property
    @exact_decimals
    def total_overdue(self) -> Decimal:
        """Everything past due now: principal, interest, penalty, fees and costs."""
        return (
            self.overdue_principal + self.overdue_interest + self.penalty + self.fees + self.costs
        )

    def plot(self, days: int = 180, step: int = 7, *, lang: str | None = None) -> Any:
        """Chart how the account grows if nothing is paid (a matplotlib Figure).

        See :func:`loanrelief._presentation.plot.plot_penalty`; requires matplotlib.
        """
        from loanrelief._presentation.plot import plot_penalty  # noqa: PLC0415 - optional, on use

        return plot_penalty(self, days=days, step=step, lang=lang)

    _renders: ClassVar[str] = "loanrelief._presentation.ledger:state"

    @exact_decimals
    def payoff_lines(self) -> list[tuple[str, Decimal]]:
        """Return the parts of the payoff, which add up to it, each with its name.

        Principal and interest of the instalments due on or before the date (today's
        included, so more than ``overdue_principal`` on a due date), principal not yet
        due, interest accrued since the last due date, penalty and fees, then (where
        there are any) enforcement costs and what is credited to the borrower (an
        excess the rule credits, or an overpayment), as a negative amount.

        Examples
        --------
        >>> import loanrelief as lr
        >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
        >>> state = lr.account_state(loan, as_of=date(2024, 3, 1))
        >>> lines = state.payoff_lines()
        >>> [name for name, _ in lines]  # doctest: +NORMALIZE_WHITESPACE
        ['principal due', 'principal not yet due', 'interest due', 'accrued interest',
         'penalty', 'fees']
        >>> sum(amount for _, amount in lines) == state.payoff
        True
        """
        due = [row for row in self.instalments if row.is_due]
        principal_due = sum((row.principal_due for row in due), Decimal(0))
        lines = [
            ("principal due", principal_due),
            ("principal not yet due", self.outstanding_principal - principal_due),
            ("interest due", sum((row.interest_due for row in due), Decimal(0))),
            ("accrued interest", self.accrued_interest),
            ("penalty", self.penalty),
            ("fees", self.fees),
        ]
        if self.costs:
            lines.append(("enforcement costs", self.costs))
        credited = sum((amount for _, amount in lines), Decimal(0)) - self.payoff
        if credited:
            lines.append(("credited to the borrower", -credited))
        return lines

    __repr__ = result_repr_of("as_of", "days_past_due", "payoff", "rule")


@exact_decimals
def account_state(
    loan: Loan | Schedule | Statement,
    payments: Iterable[Payment] = (),
    *,
    as_of: date,
    penalty: PenaltyPolicy | None = None,
    allocation: Allocation = Allocation.CIVIL_CODE_561,
    post_on: Sequence[date] = (),
    rule: Rule | None = None,
    costs: Iterable[EnforcementCost] = (),
    accrual: Accrual | str = Accrual.SCHEDULED,
) -> AccountState:
    """Replay a loan's payments to ``as_of`` and return the state of the account.

    Parameters
    ----------
    loan : Loan, Schedule or Statement
        The contract (its schedule is made with :func:`loanrelief.amortize`), or a
        lender's :class:`~loanrelief.Statement`: the replay then starts from the
        statement's figures on its date (no ``rule``, and the scheduled accrual).
    payments : iterable of Payment
        Payments received, on or after the start (the statement's date) and on or
        before ``as_of``.
    as_of : datetime.date
        The date of the state, on or after the loan's start (the statement's date).
    penalty : PenaltyPolicy, optional
        What lateness costs; by default nothing.
    allocation : Allocation, default Allocation.CIVIL_CODE_561
        The order payments settle components in.
    post_on : sequence of datetime.date, optional
        Further dates on which accrued charges are posted to the ledger, as a
        servicing system posting at month ends would. Totals do not depend on them.
    rule : Rule, optional
        A legal rule (:mod:`loanrelief.law`): the account as far as the law lets it
        be claimed. Charges beyond the rule's ceilings are not owed, payments settle
        only what it allows, and the principal is the amount the rule recognises.
        By default the contract as written.
    costs : iterable of EnforcementCost, optional
        Costs of enforcing the claim charged to the account (paid first under
        ``Allocation.CIVIL_CODE_561``; no rule caps them).
    accrual : Accrual or str, default "scheduled"
        How contract interest is charged: each instalment's scheduled interest, or
        ``"us_rule"``, simple interest by day on the unpaid principal with unpaid
        interest never bearing interest (:class:`~loanrelief._ledger.replay.Accrual`; a loan
        made by day count, ``interest_basis="day_count"``, level or equal principal,
        without capitalized grace).

    Returns
    -------
    AccountState

    Raises
    ------
    InvalidValueError
        For a payment before the start or after ``as_of``, or ``as_of`` before the
        start.
    InvalidTermsError
        For ``accrual="us_rule"`` on a loan whose schedule does not accrue by day
        (``interest_basis="periodic"``), a flat loan, capitalized grace, a payment
        below its interest (a balloon's long first period), or with
        ``PenaltyPolicy(interest_continues=True)`` (the US Rule already charges the
        contract rate on overdue principal); for a ``rule`` that limits contract
        interest on a schedule that capitalizes interest (how far capitalized interest
        may become principal under a rule is not modelled).

    Notes
    -----
    On each date, in order, the replay: accrues charges since the last date; on the
    first day after an instalment's grace days, if it is not fully paid, marks it
    missed (keeping or dropping what accrued in grace, per ``grace_from``) and charges
    the late fee; charges repeated late fees that fall due; places the payments of
    the date (after posting what accrued); posts on ``post_on`` dates and on
    ``as_of``. A payment on the last day of grace is in time.

    Penalty for a period is ``base x rate x year_fraction`` with the policy's day
    count; each charge's total is kept exact and rounded once whenever it is read, so
    when the engine posts cannot change it. Under a rule, what each limit allows is
    recomputed from the account's history on every date it is needed (see
    :mod:`loanrelief._ledger.replay`): the payoff never falls while nothing is paid, and a
    payment lowers it by at most the payment and the charges it saves. A payment on
    a due date is on time;
    days late count from the due date. Money left after every due amount is paid
    repays the principal of the next instalments (their scheduled interest is kept
    unless the whole principal is repaid, when interest stops on that day); beyond
    that it is held as ``credit``.

    A row whose interest exceeds its payment (a capitalizing grace period, or a long
    first period at a high rate) capitalizes the difference: on its due date only its
    payment falls due, and the rest of its interest joins the principal, owed once
    (the later rows' principal repays it). Before that date it is not owed: the payoff
    is the principal with the interest capitalized so far and the current period's
    interest accrued to the day.

    Examples
    --------
    >>> import loanrelief as lr
    >>> grace = lr.Loan(10000, "0.12", 4, start=date(2024, 1, 15), grace_periods=2,
    ...                 grace="capitalize")
    >>> [lr.account_state(grace, as_of=day).payoff
    ...  for day in (date(2024, 1, 15), date(2024, 3, 16))]
    [Decimal('10000.00'), Decimal('10204.29')]

    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    >>> policy = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
    >>> state = lr.account_state(loan, [lr.Payment(date(2024, 2, 15), "2496.21")],
    ...                          as_of=date(2024, 6, 1), penalty=policy)
    >>> state.days_past_due, state.overdue_principal, state.penalty
    (78, Decimal('5397.36'), Decimal('265.85'))

    Under the US Rule a payment ten days late costs ten more days of interest, and a
    payment short of the interest leaves the principal where it was:

    >>> loan = lr.Loan(1000, "0.10", 12, start=date(2024, 1, 1),
    ...                interest_basis="day_count")
    >>> late = lr.account_state(loan, [lr.Payment(date(2024, 2, 11), 5)],
    ...                         as_of=date(2024, 2, 11), accrual="us_rule")
    >>> late.outstanding_principal, late.charged["contract_interest"]
    (Decimal('1000.00'), Decimal('11.23'))
    """
    return replayed_states(
        loan,
        payments,
        as_of=as_of,
        penalty=penalty,
        allocation=allocation,
        post_on=post_on,
        rule=rule,
        costs=costs,
        accrual=accrual,
    )[1]


def replayed_states(
    loan: Loan | Schedule | Statement,
    payments: Iterable[Payment],
    *,
    as_of: date,
    penalty: PenaltyPolicy | None,
    allocation: Allocation,
    post_on: Sequence[date],
    rule: Rule | None,
    costs: Iterable[EnforcementCost],
    accrual: Accrual | str,
) -> tuple[AccountState | None, AccountState]:
    """Return the contract's own state (with a rule) and :func:`account_state`'s.

    Under a rule the contract is replayed first, without it: what it claims of each
    charge caps what the rule allows of it. The court view takes both states from here,
    so the contract is replayed once.
    """
    if rule is not None and not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law), or None")
    schedule = schedule_of(loan, rule)
    contract = schedule.loan
    opening = loan if isinstance(loan, Statement) else None
    begins = contract.start if opening is None else opening.as_of
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise InvalidTypeError("as_of", as_of, "a datetime.date")
    if as_of < begins:
        what = "the loan's start" if opening is None else "the statement's date"
        raise InvalidValueError("as_of", as_of, f"a date on or after {what} {begins}")
    policy = PenaltyPolicy() if penalty is None else penalty
    if not isinstance(policy, PenaltyPolicy):
        raise InvalidTypeError("penalty", penalty, "a PenaltyPolicy or None")
    if not isinstance(allocation, Allocation):
        raise InvalidTypeError("allocation", allocation, "an Allocation")
    received = dated(payments, "payments", Payment, begins, as_of)
    extra = a_sequence(post_on, "post_on")
    for k, day in enumerate(extra):
        if not a_date(day, f"post_on[{k}]") or not begins <= day <= as_of:
            raise InvalidValueError(f"post_on[{k}]", day, f"a date from {begins} to {as_of}")
    charged = dated(costs, "costs", EnforcementCost, begins, as_of)
    check_fee_work(policy, schedule, as_of)
    accrual = parse_enum(accrual, Accrual, "accrual")
    if opening is not None and accrual is not Accrual.SCHEDULED:
        raise InvalidTermsError(
            "accrual",
            accrual.value,
            "'scheduled' with a statement: its instalments are stated, not accrued by day",
        )
    accrual = us_rule_fits(accrual, schedule, policy)
    amounts = [
        (p.date, to_minor(p.amount, field=f"payments[{k}].amount", digits=contract.digits))
        for k, p in enumerate(received)
    ]
    cost_amounts = [
        (c.date, to_minor(c.amount, field=f"costs[{k}].amount", digits=contract.digits))
        for k, c in enumerate(charged)
    ]
    inputs = {
        "payments": received,
        "penalty_policy": policy,
        "allocation": allocation,
        "post_on": tuple(sorted(set(extra))),
        "enforcement_costs": charged,
        "accrual": accrual,
        "opening": opening,
    }
    claims = claimed = None
    if rule is not None:  # a court allows no more of a charge than the contract claims
        written = schedule_of(loan, None)
        claim = Book(written, policy, allocation, until=as_of, accrual=accrual, opening=opening)
        claim = replay(claim, amounts, set(extra), as_of, cost_amounts)
        claims = claimed_charges(claim)
        claimed = _state(claim, written, as_of=as_of, inputs={**inputs, "rule": None})
    book = Book(
        schedule,
        policy,
        allocation,
        rule,
        until=as_of,
        accrual=accrual,
        opening=opening,
        claims=claims,
    )
    book = replay(book, amounts, set(extra), as_of, cost_amounts)
    return claimed, _state(book, schedule, as_of=as_of, inputs={**inputs, "rule": rule})


def running_book(state: AccountState, until: date) -> Book:
    """Return the replay of ``state`` kept open, to be driven on by later payments.

    The same book :func:`account_state` walks, replayed to ``state.as_of`` with its
    inputs; ``until`` is the last date it will be driven to (a rule's limits are those
    of that date). Drive it with :func:`loanrelief._ledger.replay.replay` after setting
    ``book.start`` to the date it stands on (the portfolio planner does, month by
    month), so that nothing is replayed twice.
    """
    schedule = schedule_of(state.schedule if state.opening is None else state.opening, None)
    book = Book(
        schedule,
        state.penalty_policy,
        state.allocation,
        state.rule,
        until=until,
        accrual=state.accrual,
        opening=state.opening,
    )
    digits = state.loan.digits
    amounts = [(p.date, minor_of(p.amount, digits)) for p in state.payments]
    costs = [(c.date, minor_of(c.amount, digits)) for c in state.enforcement_costs]
    book = replay(book, amounts, set(state.post_on), state.as_of, costs)
    book.start = state.as_of
    return book


def _state(book: Book, schedule: Schedule, *, as_of: date, inputs: dict[str, Any]) -> AccountState:
    """Return the state ``book`` stands in on ``as_of``, with the replay's ``inputs``."""
    major = book.major
    kept = book.kept
    rows = []
    overdue_principal = overdue_interest = penalty = fees = 0
    oldest: date | None = None
    principal, interest, fees_part = Component.PRINCIPAL, Component.INTEREST, Component.FEES
    # Past the current period, instalments nothing has been paid on or charged to are
    # the schedule's own rows (none after an early payoff, which cancels interest).
    count = len(book.due)
    untouched = count if book.settled_on is not None else max(book.reach(as_of), book.touched + 1)
    for i, due in enumerate(book.due[:untouched]):
        paid_principal = book.paid[Component.PRINCIPAL][i]
        if due <= as_of:
            unpaid = (
                {c: max(book.unpaid(i, c), 0) for c in Component}
                if i >= book.cleared
                else _NOTHING_OWED  # settled for good
            )
            penalty += unpaid[Component.PENALTY]
            fees += unpaid[fees_part]
            if due < as_of:
                overdue_principal += unpaid[principal]
                overdue_interest += unpaid[interest]
                if (unpaid[principal] or unpaid[interest]) and oldest is None:
                    oldest = due
            late = (as_of - due).days
            owed_now = unpaid[principal] + unpaid[interest]
            row = (
                unpaid[principal],
                unpaid[interest],
                unpaid[Component.PENALTY],
                unpaid[fees_part],
                late if (late <= 0 or owed_now) else 0,
            )
        else:  # a future instalment shows what is scheduled (or, paid off, what is left)
            scheduled = book.interest[i]  # what falls due of its interest
            if book.settled_on is not None:
                scheduled = kept.get((i, Charge.CONTRACT_INTEREST), scheduled)
            row = (
                max(book.principal[i] - paid_principal, 0),
                max(scheduled - book.paid[Charge.CONTRACT_INTEREST][i], 0),
                0,
                book.fee[i],
                -1,
            )
        rows.append(
            (
                i + 1,
                due,
                row[4],
                book.scheduled[i],
                *row[:4],
                book.paid_on(i),
                kept.get((i, Charge.PENALTY), 0),
                kept.get((i, Charge.COMPOUND), 0),
                kept.get((i, Charge.DEFAULT_INTEREST), 0),
                kept.get((i, Charge.LATE_FEE), 0),
                book.capitalized[i],
            )
        )
    days_past_due = 0 if oldest is None else (as_of - oldest).days
    outstanding = book.outstanding(as_of)
    accrued = book.accrued_due(as_of)
    costs = book.costs - book.costs_paid
    payoff = book.payoff(as_of)
    excess_fee = book.upfront - book.upfront_kept  # an upfront fee paid beyond the rule
    refund = book.refund
    if excess_fee and book.rule is not None:
        if book.rule.excess is Excess.CREDITED:
            payoff -= excess_fee
        else:
            refund += excess_fee
    credit = book.credit
    if payoff < 0:  # credited excess beyond everything owed: held for the borrower
        credit, payoff = credit - payoff, 0
    charged, allowed, paid, capped = _charges(book, as_of)
    return AccountState(
        as_of=as_of,
        schedule=schedule,
        _instalments=InstalmentRows(tuple(rows), schedule, as_of),
        days_past_due=days_past_due,
        bucket=Bucket.of(days_past_due),
        overdue_principal=major(overdue_principal),
        overdue_interest=major(overdue_interest),
        penalty=major(penalty),
        fees=major(fees),
        costs=major(costs),
        outstanding_principal=major(outstanding),
        accrued_interest=major(accrued),
        payoff=major(payoff),
        capped=major(capped + excess_fee),
        credit=major(credit),
        refund=major(refund),
        charged=MappingProxyType({name: major(value) for name, value in charged.items()}),
        allowed=MappingProxyType({name: major(value) for name, value in allowed.items()}),
        charges_paid=MappingProxyType({name: major(value) for name, value in paid.items()}),
        ledger=tuple(book.ledger),
        _inputs=ReplayInputs(**inputs),
    )


def claimed_charges(book: Book) -> dict[Charge, int]:
    """Return what a replayed book charges of each charge on its last date, in minor units.

    The contract's claim, which caps what a rule's replay allows of each charge
    (:class:`~loanrelief._ledger.book.Book`'s ``claims``).
    """
    claims: dict[Charge, int] = {}
    for (_, kind), amount in book.charged.items():
        claims[kind] = claims.get(kind, 0) + amount
    return claims


def _charges(
    book: Book, as_of: date
) -> tuple[dict[str, int], dict[str, int], dict[str, int], int]:
    """Return what is charged, allowed and paid by charge, and how much the rule cuts."""
    charged: dict[str, int] = {Charge.UPFRONT_FEE.value: book.upfront}
    allowed: dict[str, int] = {Charge.UPFRONT_FEE.value: book.upfront_kept}
    paid: dict[str, int] = {Charge.UPFRONT_FEE.value: book.upfront}
    capped = 0
    gross_on = book.charged  # the contract's charges on as_of, from the replay's last post
    for (i, kind), amount in book.kept.items():
        gross = gross_on[i, kind]
        name = _NAMES[kind]
        charged[name] = charged.get(name, 0) + gross
        allowed[name] = allowed.get(name, 0) + amount
        paid[name] = paid.get(name, 0) + book.paid[kind][i]
        capped += gross - amount
    return charged, allowed, paid, capped


_NOTHING_OWED = MappingProxyType(dict.fromkeys(Component, 0))
_NAMES = {kind: kind.value for kind in Charge}  # (an enum's .value is a slow property)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class DelayCost:
    """What waiting ``days`` more (paying nothing) adds to an account.

    Attributes
    ----------
    days : int
    penalty, interest, fees : Decimal
        Increase of penalty (and compound), of interest owed (default interest, the
        interest of instalments due, today's included, and interest accrued since the
        last due date, with any interest capitalized in the wait, which is then owed
        as principal) and of fees: together the increase of the payoff.
    payoff : Decimal
        Increase of the payoff amount.
    capped : Decimal
        Further charges the caps remove over those days (the cap binding).

    Examples
    --------
    >>> import loanrelief as lr
    >>> loan = lr.Loan(2400, "0", 24, start=date(2024, 1, 1))  # no interest: penalty only
    >>> state = lr.account_state(loan, as_of=date(2024, 4, 1),
    ...                          penalty=lr.PenaltyPolicy(annual_rate="0.365"))
    >>> lr.cost_of_delay(state, [10])  # 0.1 % a day on the 300.00 due
    (DelayCost(days=10, payoff=3.00),)
    """

    days: int
    penalty: Decimal
    interest: Decimal
    fees: Decimal
    payoff: Decimal
    capped: Decimal

    __repr__ = result_repr_of("days", "payoff")


@exact_decimals
def _interest_owed(state: AccountState) -> Decimal:
    """Interest owed on the date: of the instalments due (today's too) and accrued since."""
    lines = dict(state.payoff_lines())
    return lines["interest due"] + lines["accrued interest"]


@exact_decimals
def cost_of_delay(state: AccountState, days: Sequence[int] = (1, 7, 30)) -> tuple[DelayCost, ...]:
    """Return what each further wait adds, component by component, if nothing is paid.

    Parameters
    ----------
    state : AccountState
        Where the account stands.
    days : sequence of int, default (1, 7, 30)
        Waits to price: a day, a week and a month by default.

    Returns
    -------
    tuple of DelayCost

    Examples
    --------
    >>> import loanrelief as lr
    >>> loan = lr.Loan(5000, "0.24", 10, start=date(2024, 1, 10))
    >>> paid = [lr.Payment(date(2024, 2, 10), 600)]  # the first instalment, then nothing
    >>> state = lr.account_state(loan, paid, as_of=date(2024, 6, 1),
    ...                          penalty=lr.PenaltyPolicy(annual_rate="0.24"))
    >>> [(cost.days, cost.penalty) for cost in lr.cost_of_delay(state)]
    [(1, Decimal('0.92')), (7, Decimal('6.37')), (30, Decimal('34.09'))]
    """
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
    results = []
    room = (date.max - state.as_of).days
    for k, given in enumerate(a_sequence(days, "days")):
        wait = whole_number(given, f"days[{k}]", 1, room)
        later = state.on(state.as_of + timedelta(days=wait))
        results.append(
            DelayCost(
                days=wait,
                penalty=later.penalty - state.penalty,
                # Unpaid, the principal grows only by interest capitalized in the wait.
                interest=_interest_owed(later)
                - _interest_owed(state)
                + later.outstanding_principal
                - state.outstanding_principal,
                fees=later.fees - state.fees,
                payoff=later.payoff - state.payoff,
                capped=later.capped - state.capped,
            )
        )
    return tuple(results)
