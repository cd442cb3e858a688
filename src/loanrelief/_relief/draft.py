"""The workout draft that levers reshape, and how a finished draft becomes a plan.

A :class:`Draft` holds a workout in integer minor units — what is due now by
component, the current period's accrued interest, the balance not yet due, what is
rolled into a new schedule, the rate, the term, holidays, forbearance, waivers and any
settlement. :func:`draft_from` makes one from an account; levers
(:mod:`loanrelief._relief.levers`) change it; :func:`realize` turns it into a
:class:`~loanrelief._loans.plan.Plan`, using :func:`loanrelief.amortize` for every new
repayment schedule.
"""

from __future__ import annotations

import dataclasses
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate
from typing import Any, Generic, Self, TypeVar, final, overload

import numpy as np

from loanrelief._foundations.dates import Frequency, month_ends, shift_periods
from loanrelief._foundations.errors import InvalidTermsError, LoanReliefError
from loanrelief._foundations.money import (
    Ints,
    Money,
    RoundingMode,
    decimal_of,
    exact_decimals,
    least,
    minor_of,
    portion,
    round_array,
    round_ratio,
    split_evenly,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr
from loanrelief._foundations.validate import Choice, an_instance
from loanrelief._ledger.account import ROW_FIELDS, AccountState
from loanrelief._ledger.replay import join_capitalized
from loanrelief._loans.amortization import amortize
from loanrelief._loans.plan import PLAN_COLUMNS, Parts, Plan
from loanrelief._loans.terms import Grace, Loan
from loanrelief.law._rules import Charge, contract_rate_ceiling

__all__ = [
    "GIVE_UP_ORDER",
    "ROLL_ORDER",
    "Draft",
    "HolidayInterest",
    "Workout",
    "allocate",
    "draft_from",
    "future_interest_cuts",
    "instalment_fee",
    "new_row_fees",
    "realize",
    "take_holiday",
]

ROLL_ORDER = ("fees", "interest", "penalty", "principal")
"""What the principal of a new schedule repays first: the parts rolled into it, in order."""
GIVE_UP_ORDER = ("penalty", "fees", "interest", "principal")
"""What a settlement waives first."""

A = TypeVar("A")  # an amount: an int for one account, an int64 array for a block
NOTHING = Parts.zeros()  # a workout's waivers at first

_PRINCIPAL, _INTEREST, _FEES, _CAPITALIZED = (
    ROW_FIELDS.index(name) for name in ("principal_due", "interest_due", "fees_due", "capitalized")
)


class HolidayInterest(Choice):
    """What happens to interest during a payment holiday.

    Attributes
    ----------
    CAPITALIZE
        Added to the balance, and itself earning interest afterwards.
    DEFER
        Collected with the last payment, without interest of its own.
    WAIVE
        Forgiven.

    Examples
    --------
    >>> import loanrelief as lr
    >>> lr.PaymentHoliday(2, interest=HolidayInterest.DEFER).label
    '2-period holiday, interest deferred'
    """

    CAPITALIZE = "capitalize"
    DEFER = "defer"
    WAIVE = "waive"


@dataclass(frozen=True, kw_only=True)
class Workout(Generic[A]):
    """What a workout holds, for one account or a block of them: what levers change.

    A lever's ``apply`` is written once against these fields and methods, and runs on
    a :class:`Draft` (one account, Python integers) and on the batch's
    :class:`loanrelief.batch._workout.BlockDraft` (int64 arrays, one element per
    account). Amounts are minor units. Where the two need different code, a lever
    uses :func:`~loanrelief._foundations.money.least`, ``greatest``,
    :meth:`portion`, :meth:`check` and :meth:`annuity_interest`, not ``min``, ``max``
    or ``if`` on amounts.

    Attributes
    ----------
    arrears : Parts
        Due now, by component.
    accrued
        Contract interest of the current period to the negotiation date.
    balance
        Contract principal not yet due.
    rolled : Parts
        Amounts of each component folded into the principal of a new schedule.
    rate : Fraction or Ratios
        The annual rate of any new schedule: the contract's, or under a legal rule at
        most the rate it lets contract interest run at.
    term
        Periods of the new schedule (the contract's remaining ones at first).
    payment
        The contract's next instalment (principal and interest), which a lever may
        keep (a prepayment that shortens the term).
    plan_fee
        A fee due with every instalment of a new schedule (a personalised plan's
        monthly fee), beside the loan's own instalment fee.
    contract_fees : bool, or bool array
        Whether the instalments after the negotiation date carry the contract's
        instalment fee (``Loan.installment_fee``): True at first; a freeze or a new
        instalment plan stops it unless kept (``keep_fees=True``). See
        :func:`instalment_fee`.
    restructured : bool, or bool array
        Whether the remaining contract is replaced by a new schedule.
    start_now : bool
        Whether the new schedule starts on the negotiation date (a new instalment
        plan), instead of keeping the contract's due dates.
    holiday : int
    holiday_interest : HolidayInterest
        Periods without payment at the start of the new schedule, and what happens to
        their interest.
    down_payment
        Paid on the negotiation date towards a new instalment plan.
    forborne
        Principal moved to an interest-free balloon at the end.
    future_waiver_share : Fraction
    future_waiver_amount
        Part of future interest waived.
    settlement : tuple of (amount, instalments), optional
        A settlement replaces everything with these payments.
    waived : Parts
        What has been waived or forgiven, by component.
    contingent
        Interest frozen that comes back on a new default.
    labels : tuple of str
        The levers applied, in order.
    """

    arrears: Parts[A]
    accrued: A
    balance: A
    rolled: Parts[A]
    rate: Any
    term: A | int
    payment: A | int = 0
    plan_fee: A | int = 0
    contract_fees: Any = True
    restructured: Any = False
    start_now: bool = False
    holiday: int = 0
    holiday_interest: HolidayInterest = HolidayInterest.CAPITALIZE
    down_payment: A | int = 0
    forborne: A | int = 0
    future_waiver_share: Fraction = Fraction(0)
    future_waiver_amount: A | int = 0
    settlement: tuple[A, int] | None = None
    waived: Parts[A] | Parts[int] = NOTHING
    contingent: A | int = 0
    labels: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return result_repr(self, "labels", "payment", "term")

    @property
    def debt(self) -> A:
        """Everything still owed in the draft, in minor units."""
        owed: A = (
            self.arrears.total
            + self.accrued  # type: ignore[operator]
            + self.balance
            + self.rolled.total
            + self.forborne
        )
        return owed

    @property
    def rounding(self) -> RoundingMode:
        """The loan's rounding mode."""
        raise NotImplementedError

    def minor(self, value: Money, name: str) -> int:
        """Parse an amount given to a lever in the loan's currency (minor units)."""
        raise NotImplementedError

    def portion(self, available: A, share: Fraction | None, amount: A | int | None) -> A:
        """Return how much of ``available`` a share or an amount takes.

        The share is rounded in the loan's mode; an amount is capped at what is
        available (:func:`loanrelief._foundations.money.portion`).
        """
        taken: A = portion(available, share, amount, self.rounding)  # type: ignore[type-var,arg-type]
        return taken

    def check(self, ok: object, name: str, value: object, valid: str) -> None:
        """Refuse the lever (naming its option ``name``) where ``ok`` is false."""
        raise NotImplementedError

    def annuity_interest(self, amount: A, count: int) -> A:
        """Interest ``amount`` would earn at :attr:`rate` in ``count`` level payments.

        The schedule starts on the negotiation date, in the loan's frequency and
        rounding; zero where the amount or the rate is zero.
        """
        raise NotImplementedError

    def periods_for(self, amount: A, payment: A | int) -> A:
        """Return the fewest level payments of about ``payment`` that repay ``amount``.

        At :attr:`rate` in the loan's frequency, at most :attr:`term`
        (:func:`periods_for_payment`).
        """
        raise NotImplementedError

    def with_changes(self, label: str, **changes: object) -> Self:
        """Return a copy with ``changes`` and ``label`` appended to the levers applied."""
        return dataclasses.replace(self, labels=(*self.labels, label), **changes)  # type: ignore[arg-type]


@final
@dataclass(frozen=True, kw_only=True)
class Draft(Workout[int]):
    """A workout of one account being shaped by levers, in integer minor units.

    The fields are :class:`Workout`'s, with ``state``, the account the workout starts
    from. Made by :func:`draft_from`, changed by levers, made a plan by
    :func:`realize`.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> draft = lr.CapitalizeArrears().apply(draft_from(state))
    >>> draft.rolled.principal, draft.labels, draft.debt
    (20000, ('capitalize arrears',), 120000)
    """

    state: AccountState

    def __repr__(self) -> str:
        return result_repr(self, "labels", "state")

    @property
    def digits(self) -> int:
        """Minor-unit digits of the loan's currency."""
        return self.state.loan.digits

    @property
    def rounding(self) -> RoundingMode:
        """The loan's rounding mode."""
        return self.state.loan.rounding

    def minor(self, value: Money, name: str) -> int:
        """Parse an amount given to a lever in the loan's currency (minor units)."""
        return to_minor(value, field=name, digits=self.digits)

    def check(self, ok: object, name: str, value: object, valid: str) -> None:
        """Refuse the lever (naming its option ``name``) unless ``ok``."""
        if not ok:
            raise InvalidTermsError(name, value, valid)

    def periods_for(self, amount: int, payment: int) -> int:
        """Return the fewest level payments of about ``payment`` that repay ``amount``."""
        per_year = self.state.loan.frequency.periods_per_year
        rate = float(Fraction(self.rate) / per_year)
        return int(periods_for_payment(amount, payment, rate, self.term))

    def annuity_interest(self, amount: int, count: int) -> int:
        """Interest ``amount`` would earn at :attr:`rate` in ``count`` level payments."""
        if not amount or not self.rate:
            return 0
        loan = self.state.loan
        shadow = Loan(
            to_major(amount, self.digits),
            decimal_of(self.rate),
            count,
            start=self.state.as_of,
            frequency=loan.frequency,
            currency=loan.currency,
            rounding=loan.rounding,
        )
        return minor_of(amortize(shadow).total_interest, self.digits)


@exact_decimals
def draft_from(state: AccountState) -> Draft:
    """Return the draft of an account on its date: arrears due now, the contract after.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> draft = draft_from(state)
    >>> draft.arrears.principal, draft.balance, draft.term
    (20000, 100000, 10)
    """
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
    made: Draft | None = state._made.get("draft")  # a state's draft is made once
    if made is None:
        made = state._made["draft"] = _draft_of(state)
    return made


def _draft_of(state: AccountState) -> Draft:
    """Return :func:`draft_from` of a state, made anew."""
    digits = state.loan.digits

    def minor(value: Decimal) -> int:
        return minor_of(value, digits)

    due = dict.fromkeys(PLAN_COLUMNS, 0)
    balance = 0
    term = 0
    payment = None  # the next instalment's, as scheduled
    for row in state._rows:
        _, due_date, _, scheduled, principal, interest, penalty, fees, *_ = row
        if due_date <= state.as_of:
            due["principal"] += principal
            due["interest"] += interest
            due["penalty"] += penalty
            due["fees"] += fees
        else:  # interest still to be capitalized is not principal owed yet
            balance += join_capitalized(principal, interest, row[_CAPITALIZED])[0]
            payment = scheduled if payment is None else payment
            term += 1
    due["fees"] += minor(state.costs)  # enforcement costs are due now, with the fees
    return Draft(
        state=state,
        arrears=Parts(**due),
        accrued=minor(state.accrued_interest),
        balance=balance,
        rolled=Parts.zeros(),
        rate=_lawful_rate(state),
        term=term,
        payment=payment or 0,
    )


def _lawful_rate(state: AccountState, rate: Fraction | None = None) -> Fraction:
    """Return ``rate`` (the contract's by default), or the rule's ceiling if that is lower."""
    rate = state.loan.rate if rate is None else rate
    if state.rule is None:
        return rate
    ceiling = contract_rate_ceiling(state.rule, state.loan, state.as_of)
    return rate if ceiling is None else min(rate, ceiling)


# -- rules both realizations share -------------------------------------------------------


def periods_for_payment(balance: Any, payment: Any, rate: Any, longest: Any) -> Any:
    """Return the fewest level payments of at most about ``payment`` repaying ``balance``.

    ``n = ceil(-ln(1 - r B / P) / ln(1 + r))`` at ``r`` a period (``ceil(B / P)`` at
    no interest): the term a kept payment buys (numpy-financial's ``nper``, rounded
    up), between 1 and ``longest``; ``longest`` where the payment does not cover the
    first period's interest or is 0. Floats, the same operations for one account and
    for a block (ints or arrays alike), so the two agree exactly; the re-amortized
    level payment over ``n`` periods is then at most about ``payment`` (a long or short
    first period and the rounding aside).

    Examples
    --------
    >>> int(periods_for_payment(100000, 10000, 0.01, 24))
    11
    """
    b = np.asarray(balance, dtype=np.float64)
    p = np.asarray(payment, dtype=np.float64)
    r = np.asarray(rate, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        share = r * b / p
        years = np.where(r > 0, -np.log1p(-share) / np.log1p(r), b / p)
    fits = (p > 0) & (share < 1) & np.isfinite(years)
    count = np.ceil(np.where(fits, years, longest) - 1e-9)  # an exact n stays n
    return np.clip(count, 1, np.maximum(longest, 1)).astype(np.int64)


def instalment_fee(draft: Workout[Any], contract_fee: Any) -> Any:
    """Return the fee each paying instalment after the negotiation date carries.

    ``contract_fee`` is the loan's instalment fee (``Loan.installment_fee``, minor
    units); it is charged only where the workout keeps it
    (:attr:`Workout.contract_fees`: a freeze or a new instalment plan stops it unless
    ``keep_fees=True``), and the plan's own fee (:attr:`Workout.plan_fee`, a
    personalised plan's monthly fee that the user set) is added. For one account (ints)
    or a block (arrays), the same rule.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1), installment_fee=2)
    >>> draft = draft_from(lr.account_state(loan, as_of=date(2024, 3, 15)))
    >>> instalment_fee(draft, 200), instalment_fee(lr.FreezeInterest(6).apply(draft), 200)
    (200, 0)
    >>> instalment_fee(lr.FreezeInterest(6, keep_fees=True).apply(draft), 200)
    200
    """
    return contract_fee * draft.contract_fees + draft.plan_fee  # a flag, or flags


@overload
def new_row_fees(fee: int, holiday: int, owed: list[int]) -> list[int]: ...
@overload
def new_row_fees(fee: Ints, holiday: int, owed: Ints) -> Ints: ...
def new_row_fees(fee: Any, holiday: int, owed: Any) -> Any:
    """Return the fee of each row of a new schedule: only on rows that repay something.

    ``owed`` is what each row repays (principal and interest, a holiday applied): a
    row in a payment holiday (the first ``holiday`` rows, :func:`take_holiday`) or one
    with nothing left to repay (an extension of a loan all of whose principal is
    already due) is no instalment, and carries no fee; each other row carries ``fee``
    (:func:`instalment_fee`). One plan's ``fee`` is an int and ``owed`` a list (a list
    is returned); a block's ``fee`` an array of one fee per plan and ``owed`` an array
    of shape ``(plans, rows)``.

    Examples
    --------
    >>> new_row_fees(200, 2, [0, 0, 110, 105, 0])
    [0, 0, 200, 200, 0]
    >>> new_row_fees(np.array([200, 5]), 1, np.array([[0, 9, 9], [0, 9, 9]])).tolist()
    [[0, 200, 200], [0, 5, 5]]
    """
    if isinstance(fee, int):
        return [fee if k >= holiday and repays > 0 else 0 for k, repays in enumerate(owed)]
    rows = np.asarray(owed).shape[1]
    due: Ints = np.asarray(fee)[:, None] * ((np.arange(rows) >= holiday) & (np.asarray(owed) > 0))
    return due


def owed_parts(draft: Workout[A]) -> Parts[A]:
    """Everything a draft still owes, by component (what a settlement is a share of).

    Arrears and what was rolled, the current period's interest with the interest,
    the balance and any forborne principal with the principal.
    """
    owed = draft.arrears + draft.rolled
    return owed.replace(
        interest=owed.interest + draft.accrued,  # type: ignore[operator]
        principal=owed.principal + draft.balance + draft.forborne,  # type: ignore[operator]
    )


def give_up(owed: Parts[A], waived: Parts[Any], price: A) -> tuple[Parts[A], Parts[A]]:
    """Split what a settlement forgoes: penalty first, then fees, interest, principal.

    Returns what is left to pay of each component (summing to ``price``) and
    ``waived`` with what the lender gives up added (:data:`GIVE_UP_ORDER`).
    """
    left = owed.total - price  # type: ignore[operator]
    for name in GIVE_UP_ORDER:
        part = least(left, owed[name])
        owed = owed.plus(name, -part)
        waived = waived.plus(name, part)
        left = left - part
    return owed, waived


@overload
def allocate(
    cumulative: list[int], pools: Mapping[str, int], order: Sequence[str] = ...
) -> dict[str, list[int]]: ...
@overload
def allocate(
    cumulative: Ints, pools: Mapping[str, Ints], order: Sequence[str] = ...
) -> dict[str, Ints]: ...
def allocate(cumulative: Any, pools: Any, order: Sequence[str] = ROLL_ORDER) -> Any:
    """Return what each pool gives to each row, the pools used up one after another.

    Rows of new principal (or of a settlement, or a down payment) repay what was
    rolled into them in ``order`` (:data:`ROLL_ORDER`: fees, interest, penalty,
    principal): each pool is used up before the next, so a row's share of a pool is
    the difference of the running totals clipped to the pool; what is beyond every
    pool comes back as ``"beyond"``. For one plan (a row) or a block of plans, the
    same rule.

    Parameters
    ----------
    cumulative : list of int, or numpy.ndarray of int64 of shape (plans, rows)
        The running total of the rows' amounts (non-decreasing along a row): one
        plan's as Python ints (the same formula, without array overhead), or a block's.
    pools : mapping of str to int, or to numpy.ndarray of int64 of shape (plans,)
        What each component holds.

    Examples
    --------
    >>> taken = allocate(np.array([[30, 60, 90]]),
    ...                  {"fees": np.array([10]), "interest": np.array([40]),
    ...                   "penalty": np.array([0]), "principal": np.array([30])})
    >>> for name in ("fees", "interest", "principal", "beyond"):
    ...     print(name, taken[name][0].tolist())
    fees [10, 0, 0]
    interest [20, 20, 0]
    principal [0, 10, 20]
    beyond [0, 0, 10]
    """
    if isinstance(cumulative, list):
        # The same differences of clipped running totals, found by bisection: a row's
        # share of a pool is 0 before the running total passes what earlier pools took,
        # and the rows past the pool's end take nothing more of it.
        rows: dict[str, list[int]] = {}
        count, used = len(cumulative), 0
        for name in (*order, "beyond"):
            size = pools[name] if name != "beyond" else None
            shares = [0] * count
            first = bisect_right(cumulative, used)
            last = count if size is None else min(bisect_left(cumulative, used + size), count - 1)
            before = 0
            for k in range(first, last + 1 if size is not None else count):
                filled = cumulative[k] - used if size is None else min(cumulative[k] - used, size)
                shares[k], before = filled - before, filled
            rows[name] = shares
            used += size or 0
        return rows
    taken: dict[str, Ints] = {}
    floor = np.zeros_like(cumulative[:, :1])
    for name in order:
        size = np.asarray(pools[name])[:, None]
        filled = np.clip(cumulative - floor, 0, size)
        taken[name] = np.diff(filled, axis=1, prepend=0)
        floor = floor + size
    taken["beyond"] = np.diff(np.maximum(cumulative - floor, 0), axis=1, prepend=0)
    return taken


def _rows_of_settlement(draft: Draft) -> tuple[list[date], dict[str, list[int]], Parts[int]]:
    assert draft.settlement is not None
    price, count = draft.settlement
    left, waived = give_up(owed_parts(draft), draft.waived, price)
    frequency = draft.state.loan.frequency
    dates = [shift_periods(draft.state.as_of, k, frequency) for k in range(count)]
    parts = split_evenly(price, count)[::-1]  # larger parts first
    taken = allocate(list(accumulate(parts)), dict(left.items()))
    columns = {c: taken[c] for c in PLAN_COLUMNS}
    return dates, columns, waived


@exact_decimals
def realize(draft: Draft, label: str | None = None) -> Plan:
    """Turn a draft into a plan of dated payments.

    Rules: arrears left due are paid on the negotiation date; an unrestructured draft
    keeps the contract's remaining instalments; a restructured one is re-amortized by
    :func:`loanrelief.amortize` (level payments at the draft's rate over its term,
    from the negotiation date to the contract's next due date, or one period on for a
    new instalment plan), with the current period's accrued interest added to its
    first payment, holidays as grace periods, and any forborne principal due with the
    last payment. Waivers of future interest then lower the interest of each payment.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> realize(lr.ExtendTerm(10).apply(draft_from(state))).regular_payment
    Decimal('50.00')
    """
    draft = an_instance(draft, Draft, "draft", "a Draft (from draft_from)")
    if label is not None:
        label = an_instance(label, str, "label", "a str, or None")
    state = draft.state
    loan = state.loan
    as_of = state.as_of
    name = label if label is not None else (", ".join(draft.labels) or "cure now")
    if draft.settlement is not None:
        return _plan(draft, name, *_rows_of_settlement(draft))
    dates: list[date] = [as_of]
    columns: dict[str, list[int]] = {c: [draft.arrears[c]] for c in PLAN_COLUMNS}
    rolled = dict(draft.rolled.items())
    if draft.down_payment:
        paid = allocate([draft.down_payment], rolled)
        for c in PLAN_COLUMNS:
            columns[c][0] += paid[c][0]
            rolled[c] -= paid[c][0]
    fee = instalment_fee(draft, minor_of(loan.installment_fee, draft.digits))
    waived = draft.waived
    if draft.restructured:
        new_rows, in_holiday, charged = _amortized(draft, rolled, fee)
        waived = waived.plus("interest", in_holiday)
    else:
        ahead = [row for row in state._rows if row[1] > as_of]
        lawful = _lawful_interest(state, [row[_INTEREST] for row in ahead])
        # The contract's rows as it has them: a row that capitalizes interest pays only
        # its payment, its principal negative (the balance grows by what it capitalizes).
        new_rows = [
            (
                row[1],
                *join_capitalized(row[_PRINCIPAL], due, row[_CAPITALIZED]),
                0,
                row[_FEES] * draft.contract_fees,
                due,
            )
            for row, due in zip(ahead, lawful, strict=True)
        ]
        charged = sum(row[4] for row in new_rows)
    new_rows = _within_totals(state, new_rows, charged)
    # Future interest only: interest rolled in from arrears is not the future's to waive.
    waiver = future_interest_cuts(
        [row[5] for row in new_rows],
        draft.future_waiver_share,
        draft.future_waiver_amount,
        draft.rounding,
    )
    waived = waived.plus("interest", sum(waiver))
    if new_rows:  # the rows' columns, each extended at once
        days, principal, interest, penalty, fees, _ = zip(*new_rows, strict=True)
        dates.extend(days)
        columns["principal"].extend(principal)
        columns["interest"].extend(map(operator.sub, interest, waiver))
        columns["penalty"].extend(penalty)
        columns["fees"].extend(fees)
    return _plan(draft, name, dates, columns, waived)


def _lawful_interest(state: AccountState, interest: list[int]) -> list[int]:
    """Return the contract's future interest at the rule's ceiling rate, if that is lower.

    Interest is proportional to the rate on the same balances, so each row is scaled
    by ``ceiling / rate`` (rounded cumulatively: the total is exact).
    """
    ceiling = _lawful_rate(state)
    if ceiling >= state.loan.rate:
        return interest
    share = ceiling / state.loan.rate
    rows, total, exact = [], 0, Fraction(0)
    for value in interest:
        exact += share * value
        rounded = round_ratio(exact.numerator, exact.denominator, state.loan.rounding)
        rows.append(rounded - total)
        total = rounded
    return rows


def _within_totals(
    state: AccountState, rows: list[tuple[date, int, int, int, int, int]], charged: int
) -> list[tuple[date, int, int, int, int, int]]:
    """Trim future interest, latest first, to what a rule's fixed ceilings leave.

    A share or amount limit (a total cost cap) counts everything charged so far; the
    plan's new interest and the instalment fees its rows charge (``charged``) may use only
    what is left of it.
    """
    if state.rule is None:
        return rows
    digits = state.loan.digits
    room: int | None = None
    received = minor_of(state.loan.proceeds, digits)
    for limit in state.rule.limits(state.loan, state.as_of):
        counted = {Charge.CONTRACT_INTEREST, Charge.INSTALLMENT_FEE} & set(limit.components)
        if limit.steps or not counted:
            continue
        if limit.amount is not None:
            ceiling = to_minor(limit.amount, field="amount", digits=digits)
        else:
            exact = (limit.share or Fraction(0)) * received
            ceiling = exact.numerator // exact.denominator
        used = sum(minor_of(state.allowed[c.value], digits) for c in limit.components)
        left = max(ceiling - used - minor_of(state.accrued_interest, digits), 0)
        room = left if room is None else min(room, left)
    if room is None:
        return rows
    excess = max(sum(row[5] for row in rows) + charged - room, 0)
    trimmed = []
    for day, principal, interest, penalty, fees, new in reversed(rows):
        cut = min(excess, max(new, 0))
        excess -= cut
        trimmed.append((day, principal, interest - cut, penalty, fees, new - cut))
    return trimmed[::-1]


def _plan(
    draft: Draft,
    name: str,
    dates: list[date],
    columns: dict[str, list[int]],
    waived: Parts[int],
) -> Plan:
    return Plan.from_minor(
        as_of=draft.state.as_of,
        dates=dates,
        columns=columns,
        digits=draft.digits,
        debt=minor_of(draft.state.payoff, draft.digits),
        waived=dict(waived.items()),
        label=name,
        contingent=draft.contingent,
    )


@overload
def future_interest_cuts(
    interest: list[int], share: Fraction, amount: int, mode: RoundingMode
) -> list[int]: ...
@overload
def future_interest_cuts(
    interest: Ints, share: Fraction, amount: Ints | int, mode: RoundingMode
) -> Ints: ...
def future_interest_cuts(interest: Any, share: Fraction, amount: Any, mode: RoundingMode) -> Any:
    """Return how much of each future row's interest a waiver cuts (along the last axis).

    A share is taken by cumulative rounding: the cuts so far are always
    ``round(share x interest so far)``, so their total is exact and they spread evenly.
    An amount is then taken from the interest left, earliest rows first. For one plan
    (:func:`realize`) or a block of plans (:mod:`loanrelief.batch._workout`), the same rule.

    Examples
    --------
    >>> future_interest_cuts(np.array([101, 101, 101]), Fraction(1, 2), 0,
    ...                      RoundingMode.HALF_EVEN).tolist()
    [50, 51, 51]
    >>> future_interest_cuts(np.array([100, 100]), Fraction(0), 150,
    ...                      RoundingMode.HALF_EVEN).tolist()
    [100, 50]
    """
    if isinstance(interest, list):  # one plan: the same formulas in Python ints
        cuts = [0] * len(interest)
        if share:
            so_far = before = 0
            for k, value in enumerate(interest):
                so_far += value
                rounded = round_ratio(share.numerator * so_far, share.denominator, mode)
                cuts[k], before = rounded - before, rounded
        if amount:
            ahead = 0
            for k, value in enumerate(interest):
                room = value - cuts[k]
                cuts[k] += min(max(amount - ahead, 0), room)
                ahead += room
        return cuts
    taken: Ints = np.zeros_like(interest)
    if share:
        running = round_array(
            np.cumsum(interest, axis=-1),
            np.array(share.numerator),
            np.array(share.denominator),
            mode,
        )
        taken = np.diff(running, axis=-1, prepend=0)
    left = np.asarray(amount)
    if np.any(left):
        room = interest - taken
        ahead = np.cumsum(room, axis=-1) - room
        taken = taken + np.clip(left[..., None] - ahead, 0, room)
    return taken


@overload
def take_holiday(
    interest: list[int],
    repaid: list[int],
    *,
    holiday: int,
    how: HolidayInterest,
    accrued: int,
    forborne: int,
    last: int,
) -> int: ...
@overload
def take_holiday(
    interest: Ints,
    repaid: Ints,
    *,
    holiday: int,
    how: HolidayInterest,
    accrued: Ints | int,
    forborne: Ints | int,
    last: Ints | int,
) -> Ints: ...
def take_holiday(
    interest: Any,
    repaid: Any,
    *,
    holiday: int,
    how: HolidayInterest,
    accrued: Any,
    forborne: Any,
    last: Any,
) -> Any:
    """Apply a payment holiday to new schedules' rows, in place; return what it waived.

    No payment falls in the first ``holiday`` rows. Their interest, capitalized, is
    already in the balance (repaid later as principal); deferred, it is added to the
    last row; waived, it is given up (the amount returned, one per plan). The current
    period's interest so far (``accrued``) is paid with the first payment after the
    holiday, and forborne principal with the last. For one plan (a row, from
    :func:`realize`) or a block (:mod:`loanrelief.batch._workout`), the same rule.

    Parameters
    ----------
    interest, repaid : list of int, or numpy.ndarray of int64 of shape (plans, width)
        One new schedule's interest and principal rows, or a block's (changed in
        place).
    last : int or numpy.ndarray of int64
        Each schedule's last row (its term less one).

    Examples
    --------
    >>> interest, repaid = np.array([[10, 10, 10]]), np.array([[0, 50, 50]])
    >>> take_holiday(interest, repaid, holiday=1, how=HolidayInterest.WAIVE,
    ...              accrued=3, forborne=0, last=2).tolist(), interest.tolist()
    ([10], [[0, 13, 10]])
    """
    if isinstance(interest, list):  # one plan's rows: the same steps on Python ints
        held = sum(interest[:holiday])
        interest[:holiday] = repaid[:holiday] = [0] * holiday
        interest[min(holiday, last)] += accrued
        repaid[last] += forborne
        if how is HolidayInterest.DEFER:
            interest[last] += held
        return held if how is HolidayInterest.WAIVE else 0
    plans = np.arange(interest.shape[0])
    set_aside = interest[:, :holiday].sum(axis=1)
    interest[:, :holiday] = 0
    repaid[:, :holiday] = 0
    interest[plans, np.minimum(holiday, last)] += accrued
    repaid[plans, last] += forborne
    if how is HolidayInterest.DEFER:
        interest[plans, last] += set_aside
    waived: Ints = set_aside if how is HolidayInterest.WAIVE else set_aside * 0
    return waived


def periods_before(as_of: date, next_due: date, frequency: Frequency, end_of_month: bool) -> int:
    """Return the whole periods a new schedule adds when ``next_due`` is too far to keep.

    Zero when ``next_due`` is within two periods of ``as_of`` (one first period, short
    or long, reaches it). Otherwise the new schedule starts one period after ``as_of``
    and its ``m``-th due date is the last one on or before ``next_due``: ``m - 1``
    periods are added to its term. The batch workout calls it for its (rare) far
    accounts.
    """

    def step(count: int) -> date:
        return shift_periods(as_of, count, frequency, end_of_month=end_of_month)

    if next_due <= step(2):
        return 0
    periods = 2
    while step(periods + 1) <= next_due:
        periods += 1
    return periods - 1


def _amortized(
    draft: Draft, rolled: dict[str, int], fee: int
) -> tuple[list[tuple[date, int, int, int, int, int]], int, int]:
    """Return the new schedule's rows (date, principal, interest, penalty, fees, new interest).

    With the interest a waived holiday gave up and the instalment fees the rows charge.

    New interest is what the new schedule charges (with the current period's accrued
    interest), apart from interest rolled in from arrears.

    Also returns the interest a holiday waived.
    """
    try:
        return _new_schedule(draft, rolled, fee)
    except LoanReliefError as error:
        # The new schedule cannot be built (it would end past 9999-12-31, or lend past
        # the loan limits): say so about the account, not about a field never passed.
        raise InvalidTermsError(
            "state",
            draft.state.as_of,
            f"an account whose new schedule can be built ({error.field}: {error.valid})",
        ) from None


def _new_schedule(
    draft: Draft, rolled: dict[str, int], fee: int
) -> tuple[list[tuple[date, int, int, int, int, int]], int, int]:
    """Return :func:`_amortized`'s rows, waived interest and fees, or raise as the engines do."""
    state = draft.state
    loan = state.loan
    principal = draft.balance + sum(rolled.values())
    if principal + draft.forborne + draft.accrued == 0 and draft.term < 1:
        return [], 0, 0
    # With no paying period left (the contract over, or all holiday), a restructured
    # debt is due one period after the last period without payment.
    draft = dataclasses.replace(draft, term=max(draft.term, draft.holiday + 1))
    future = next((row[1] for row in state._rows if row[1] > state.as_of), None)
    next_due = None if draft.start_now else future
    if next_due is not None:
        skipped = periods_before(state.as_of, next_due, loan.frequency, loan.end_of_month)
        if skipped:
            # The next due date is too far for one first period (a bullet loan months
            # from maturity): the new schedule starts one period after the negotiation
            # date, with the whole periods before that due date added to its term.
            draft = dataclasses.replace(draft, term=draft.term + skipped)
            next_due = None
    if principal > 0:
        new = Loan(
            to_major(principal, draft.digits),
            decimal_of(_lawful_rate(state, draft.rate)),  # no lever charges past the rule
            draft.term,
            start=state.as_of,
            frequency=loan.frequency,
            day_count=loan.day_count,
            first_due_date=next_due,
            end_of_month=loan.end_of_month,
            grace_periods=min(draft.holiday, draft.term - 1),
            grace=Grace.CAPITALIZE
            if draft.holiday_interest is HolidayInterest.CAPITALIZE
            else Grace.INTEREST_ONLY,
            currency=loan.currency,
            rounding=loan.rounding,
        )
        schedule = amortize(new)
        days: list[date] = schedule.due_dates.astype(object).tolist()
        repaid: list[int] = schedule.minor_columns["principal"].tolist()
        interest: list[int] = schedule.minor_columns["interest"].tolist()
    else:
        # the first due date as the schedule above would have it (one period after the
        # negotiation date, a month end kept where the loan keeps them), then periods
        keep = loan.end_of_month and bool(month_ends(np.array([state.as_of], "M8[D]"))[0])
        first = next_due or shift_periods(state.as_of, 1, loan.frequency, end_of_month=keep)
        days = [shift_periods(first, k, loan.frequency) for k in range(draft.term)]
        repaid = [0] * draft.term
        interest = [0] * draft.term
    waived_in_holiday = take_holiday(
        interest,
        repaid,
        holiday=draft.holiday,
        how=draft.holiday_interest,
        accrued=draft.accrued,
        forborne=draft.forborne,
        last=len(days) - 1,
    )
    # Attribute the new principal to what was rolled into it (allocate, ROLL_ORDER);
    # beyond that it repays capitalized interest. A row whose payment does not cover
    # its interest (a long first period) grows the balance: its negative principal
    # stays, and is principal repaid later.
    row_fees = new_row_fees(
        fee, draft.holiday, [r + i for r, i in zip(repaid, interest, strict=True)]
    )
    growth = [min(part, 0) for part in repaid]
    pools = dict(rolled)
    pools["principal"] += draft.balance + draft.forborne - sum(growth)
    taken = allocate(list(accumulate(p - g for p, g in zip(repaid, growth, strict=True))), pools)
    rows = [
        (day, principal + grown, due + paid_interest + beyond, penalty, charged + fees, due)
        for day, principal, grown, due, paid_interest, beyond, penalty, fees, charged in zip(
            days,
            taken["principal"],
            growth,
            interest,
            taken["interest"],
            taken["beyond"],
            taken["penalty"],
            taken["fees"],
            row_fees,
            strict=True,
        )
    ]
    return rows, waived_in_holiday, sum(row_fees)
