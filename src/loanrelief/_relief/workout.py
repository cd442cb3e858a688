"""What a workout holds, and the rules its two realizations share.

A :class:`Workout` holds what levers change, in minor units, for one account
(:class:`~loanrelief._relief.draft.Draft`, Python integers) or for a block of accounts
(:class:`loanrelief.batch._workout.BlockDraft`, int64 arrays). The rules here run on
either: what new principal repays first (:data:`ROLL_ORDER`, :func:`allocate`), what a
settlement waives first (:data:`GIVE_UP_ORDER`, :func:`give_up`, :func:`owed_parts`), a
payment holiday's rows (:func:`take_holiday`), waivers of future interest
(:func:`future_interest_cuts`), the new instalments' fees (:func:`instalment_fee`,
:func:`new_row_fees`), a far next due date (:func:`periods_before`) and the term a kept
payment buys (:func:`periods_for_payment`). :func:`loanrelief._relief.draft.realize` and
:func:`loanrelief.batch._workout.realize_block` both call them.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Generic, Self, TypeVar, overload

import numpy as np

from loanrelief._foundations.dates import Frequency, shift_periods
from loanrelief._foundations.money import (
    Ints,
    Money,
    RoundingMode,
    least,
    portion,
    round_array,
    round_ratio,
)
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import Choice
from loanrelief._loans.plan import Parts

__all__ = [
    "GIVE_UP_ORDER",
    "ROLL_ORDER",
    "HolidayInterest",
    "Workout",
    "allocate",
    "future_interest_cuts",
    "give_up",
    "instalment_fee",
    "new_row_fees",
    "owed_parts",
    "periods_before",
    "periods_for_payment",
    "take_holiday",
]

ROLL_ORDER = ("fees", "interest", "penalty", "principal")
"""What the principal of a new schedule repays first: the parts rolled into it, in order."""
GIVE_UP_ORDER = ("penalty", "fees", "interest", "principal")
"""What a settlement waives first."""

A = TypeVar("A")  # an amount: an int for one account, an int64 array for a block
NOTHING = Parts.zeros()  # a workout's waivers at first


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
        instalment fee (``Loan.instalment_fee``): True at first; a freeze or a new
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

    __repr__ = result_repr_of("labels", "payment", "term")

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

    ``contract_fee`` is the loan's instalment fee (``Loan.instalment_fee``, minor
    units); it is charged only where the workout keeps it
    (:attr:`Workout.contract_fees`: a freeze or a new instalment plan stops it unless
    ``keep_fees=True``), and the plan's own fee (:attr:`Workout.plan_fee`, a
    personalised plan's monthly fee that the user set) is added. For one account (ints)
    or a block (arrays), the same rule.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1), instalment_fee=2)
    >>> from loanrelief._relief.draft import draft_from
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
