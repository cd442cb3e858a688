"""Workouts of many accounts at once: the lever rules and ``realize`` over arrays.

The batch form of :mod:`loanrelief.draft` and :mod:`loanrelief.levers`: a draft holds
one array per amount (one element per account of a block), each built-in lever has
its rule over those arrays, and :func:`realize` turns the draft into dated plan rows
by component. The rules are those of the one-account code, line for line; the
level-payment rows come from the batch amortization engine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from loanrelief.batch._kernels import Bools, Ints
from loanrelief.batch.amortization import Loans, method_rows, totals
from loanrelief.batch.overdue import AccountBlock
from loanrelief.dates import month_ends, period_grid
from loanrelief.daycount import DayCount, year_fraction
from loanrelief.draft import _GIVE_UP_ORDER, _ROLL_ORDER
from loanrelief.errors import InvalidTermsError, InvalidTypeError
from loanrelief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    ForgivePrincipal,
    FreezeInterest,
    HolidayInterest,
    InstallmentPlan,
    Lever,
    PaymentHoliday,
    ReduceRate,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaiveOn,
    WaivePenalty,
)
from loanrelief.money import Money, Rate, RoundingMode, parse_rate, round_array, to_minor
from loanrelief.plan import PLAN_COLUMNS
from loanrelief.terms import MAX_TERM, Method
from loanrelief.validate import parse_enum

__all__ = ["Draft", "Rows", "apply", "draft_of", "realize"]

# -- the draft, as arrays ---------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """``loanrelief.draft.Draft`` for a block of accounts (amounts in minor units)."""

    block: AccountBlock
    arrears: dict[str, Ints]
    accrued: Ints
    balance: Ints
    rolled: dict[str, Ints]
    rate: tuple[Ints, Ints]  # the annual rate, numerator / denominator
    term: Ints
    restructured: Bools
    start_now: bool = False
    holiday: int = 0
    holiday_interest: str = HolidayInterest.CAPITALIZE.value
    down_payment: Ints | None = None
    forborne: Ints | None = None
    future_share: Fraction = Fraction(0)
    future_amount: Ints | None = None
    settlement: tuple[Ints, int] | None = None
    waived: dict[str, Ints] = field(default_factory=dict)
    contingent: Ints | None = None

    def zeros(self) -> Ints:
        """Return a zero per account."""
        return np.zeros(len(self.accrued), dtype=np.int64)

    def value(self, name: str) -> Ints:
        """Return an optional array field, zero when unset."""
        values: Ints | None = getattr(self, name)
        return self.zeros() if values is None else values

    def waive(self, component: str, amount: Ints) -> dict[str, Ints]:
        """Return ``waived`` with ``amount`` more on ``component``."""
        waived = dict(self.waived)
        waived[component] = waived.get(component, self.zeros()) + amount
        return waived

    @property
    def debt(self) -> Ints:
        """Everything still owed in the draft."""
        total: Ints = (
            sum(self.arrears.values(), self.zeros())
            + self.accrued
            + self.balance
            + sum(self.rolled.values(), self.zeros())
            + self.value("forborne")
        )
        return total


def draft_of(block: AccountBlock) -> Draft:
    """``draft_from`` over a block: arrears due now, the contract after."""
    due_now = block.valid & (block.due <= block.as_of[:, None])
    later = block.valid & ~due_now
    unpaid = block.unpaid
    arrears = {
        "principal": np.where(due_now & unpaid, block.principal, 0).sum(axis=1),
        "interest": np.where(due_now & unpaid, block.interest, 0).sum(axis=1),
        "penalty": np.where(due_now, block.penalty, 0).sum(axis=1),
        "fees": np.where(due_now, block.fees, 0).sum(axis=1),
    }
    loans = block.loans
    per_year = _per_year(block)
    numerator, denominator = loans.numerator * per_year, loans.denominator
    common = np.gcd(numerator, denominator)
    common[common == 0] = 1
    return Draft(
        block=block,
        arrears=arrears,
        accrued=block.state["accrued_interest"],
        balance=np.where(later, block.principal, 0).sum(axis=1),
        rolled={c: np.zeros(len(block.index), dtype=np.int64) for c in PLAN_COLUMNS},
        rate=(numerator // common, denominator // common),
        term=later.sum(axis=1),
        restructured=np.zeros(len(block.index), dtype=bool),
    )


def _per_year(block: AccountBlock) -> int:
    return block.frequency.periods_per_year


def _take(available: Ints, share: Fraction | None, cash: Ints | None, mode: RoundingMode) -> Ints:
    """``levers._take`` over arrays: a share of what is available, or at most an amount."""
    if share is not None:
        return round_array(available, np.array(share.numerator), np.array(share.denominator), mode)
    assert cash is not None
    taken: Ints = np.minimum(cash, available)
    return taken


def _share_or_cash(
    draft: Draft, share: Rate | None, amount: Money | None
) -> tuple[Fraction | None, Ints | None]:
    if share is not None:
        return parse_rate(share, field="share", maximum=Fraction(1)), None
    assert amount is not None
    cash = to_minor(amount, field="amount", digits=draft.block.loans.digits)
    return None, np.full(len(draft.accrued), cash, dtype=np.int64)


def _fraction_arrays(rate: Fraction, count: int) -> tuple[Ints, Ints]:
    return np.full(count, rate.numerator, dtype=np.int64), np.full(
        count, rate.denominator, dtype=np.int64
    )


def _all(draft: Draft) -> Bools:
    return np.ones(len(draft.accrued), dtype=bool)


def _extend(lever: ExtendTerm, draft: Draft) -> Draft:
    return dataclasses.replace(draft, term=draft.term + lever.periods, restructured=_all(draft))


def _installments(lever: InstallmentPlan | FreezeInterest, draft: Draft) -> Draft:
    plan = lever if isinstance(lever, InstallmentPlan) else InstallmentPlan(lever.count, 0, 0)
    rolled = {c: draft.rolled[c] + draft.arrears[c] for c in PLAN_COLUMNS}
    rolled["interest"] = rolled["interest"] + draft.accrued
    rolled["principal"] = rolled["principal"] + draft.balance
    down = to_minor(plan.down_payment, field="down_payment", digits=draft.block.loans.digits)
    owed = sum(rolled.values(), draft.zeros())
    if np.any(down > owed):
        k = int(np.flatnonzero(down > owed)[0])
        raise InvalidTermsError(
            f"down_payment[{int(draft.block.index[k])}]",
            plan.down_payment,
            "at most what is owed",
        )
    rate = draft.rate
    if plan.annual_rate is not None:
        rate = _fraction_arrays(parse_rate(plan.annual_rate, field="annual_rate"), len(owed))
    changed = dataclasses.replace(
        draft,
        arrears={c: draft.zeros() for c in PLAN_COLUMNS},
        accrued=draft.zeros(),
        balance=draft.zeros(),
        rolled=rolled,
        rate=rate,
        term=np.full(len(owed), plan.count, dtype=np.int64),
        restructured=_all(draft),
        start_now=True,
        down_payment=draft.value("down_payment") + down,
    )
    if isinstance(lever, FreezeInterest) and lever.reinstate_on_default:
        contingent = _shadow_interest(draft, owed, lever.count)
        changed = dataclasses.replace(changed, contingent=draft.value("contingent") + contingent)
    return changed


def _waive_interest(lever: WaiveInterest, draft: Draft) -> Draft:
    share, cash = _share_or_cash(draft, lever.share, lever.amount)
    on = parse_enum(lever.on, WaiveOn, "on")
    changes: dict[str, Any] = {}
    waived = draft.waived
    if on in (WaiveOn.OVERDUE, WaiveOn.BOTH):
        taken = _take(draft.arrears["interest"], share, cash, draft.block.loans.mode)
        changes["arrears"] = {**draft.arrears, "interest": draft.arrears["interest"] - taken}
        waived = draft.waive("interest", taken)
        if cash is not None:
            cash = cash - taken
    if on in (WaiveOn.FUTURE, WaiveOn.BOTH):
        if share is not None:
            changes["future_share"] = 1 - (1 - draft.future_share) * (1 - share)
        else:
            assert cash is not None
            changes["future_amount"] = draft.value("future_amount") + cash
    return dataclasses.replace(draft, waived=waived, **changes)


def _waive_component(lever: WaivePenalty | WaiveFees, draft: Draft) -> Draft:
    share, cash = _share_or_cash(draft, lever.share, lever.amount)
    component = lever.component
    taken = _take(draft.arrears[component], share, cash, draft.block.loans.mode)
    return dataclasses.replace(
        draft,
        arrears={**draft.arrears, component: draft.arrears[component] - taken},
        waived=draft.waive(component, taken),
    )


def _reduce_rate(lever: ReduceRate, draft: Draft) -> Draft:
    if lever.annual_rate is not None:
        target = parse_rate(lever.annual_rate, field="annual_rate")
        rate = _fraction_arrays(target, len(draft.accrued))
    else:
        step = parse_rate(lever.by, field="by")
        top = np.maximum(draft.rate[0] * step.denominator - step.numerator * draft.rate[1], 0)
        bottom = draft.rate[1] * step.denominator
        common = np.gcd(top, bottom)
        rate = (top // common, bottom // common)
    return dataclasses.replace(draft, rate=rate, restructured=_all(draft))


def _holiday(lever: PaymentHoliday, draft: Draft) -> Draft:
    return dataclasses.replace(
        draft,
        holiday=draft.holiday + lever.periods,
        holiday_interest=parse_enum(lever.interest, HolidayInterest, "interest").value,
        term=draft.term + lever.periods,
        restructured=_all(draft),
    )


def _capitalize(_: CapitalizeArrears, draft: Draft) -> Draft:
    rolled = {c: draft.rolled[c] + draft.arrears[c] for c in PLAN_COLUMNS}
    rolled["interest"] = rolled["interest"] + draft.accrued
    return dataclasses.replace(
        draft,
        arrears={c: draft.zeros() for c in PLAN_COLUMNS},
        accrued=draft.zeros(),
        rolled=rolled,
        restructured=_all(draft),
    )


def _forbear(lever: ForbearPrincipal, draft: Draft) -> Draft:
    amount = to_minor(lever.amount, field="amount", digits=draft.block.loans.digits)
    moved = np.minimum(amount, draft.balance + draft.rolled["principal"])
    from_balance = np.minimum(moved, draft.balance)
    rolled = {**draft.rolled, "principal": draft.rolled["principal"] - (moved - from_balance)}
    return dataclasses.replace(
        draft,
        balance=draft.balance - from_balance,
        rolled=rolled,
        forborne=draft.value("forborne") + moved,
        restructured=_all(draft),
    )


def _forgive(lever: ForgivePrincipal, draft: Draft) -> Draft:
    left = to_minor(lever.amount, field="amount", digits=draft.block.loans.digits)
    taken = np.minimum(left, draft.balance)
    more = np.minimum(left - taken, draft.rolled["principal"])
    last = np.minimum(left - taken - more, draft.arrears["principal"])
    return dataclasses.replace(
        draft,
        balance=draft.balance - taken,
        rolled={**draft.rolled, "principal": draft.rolled["principal"] - more},
        arrears={**draft.arrears, "principal": draft.arrears["principal"] - last},
        waived=draft.waive("principal", taken + more + last),
        restructured=draft.restructured | (taken > 0),
    )


def _settle(lever: Settlement, draft: Draft) -> Draft:
    share, cash = _share_or_cash(draft, lever.share, lever.amount)
    price = _take(draft.debt, share, cash, draft.block.loans.mode)
    return dataclasses.replace(draft, settlement=(price, lever.instalments))


# Each built-in lever's rule over arrays (the same rule as its ``apply``).
_LEVERS: dict[type, Callable[[Any, Draft], Draft]] = {
    ExtendTerm: _extend,
    InstallmentPlan: _installments,
    FreezeInterest: _installments,
    WaiveInterest: _waive_interest,
    WaivePenalty: _waive_component,
    WaiveFees: _waive_component,
    ReduceRate: _reduce_rate,
    PaymentHoliday: _holiday,
    CapitalizeArrears: _capitalize,
    ForbearPrincipal: _forbear,
    ForgivePrincipal: _forgive,
    Settlement: _settle,
}


def apply(lever: Lever, draft: Draft) -> Draft:
    """Apply one built-in lever to every account of the draft."""
    rule = _LEVERS.get(type(lever))
    if rule is None:
        raise InvalidTypeError(
            "levers",
            lever,
            "a built-in lever of loanrelief.levers (a batch cannot run custom ones)",
        )
    changed: Draft = rule(lever, draft)
    return changed


def _shadow_interest(draft: Draft, total: Ints, count: int) -> Ints:
    """Interest a frozen balance would earn at the contract rate (``FreezeInterest``)."""
    block = draft.block
    numerator, denominator = draft.rate
    per_year = _per_year(block)
    regular = Loans(
        np.maximum(total, 1),
        numerator,
        denominator * per_year,
        np.full(len(total), count, dtype=np.int64),
        np.full(len(total), count, dtype=np.int64),
        Method.ANNUITY,
        block.loans.mode,
        block.loans.digits,
        numerator,
        denominator * per_year,
    )
    interest = _regular_interest(regular)
    return np.where((total > 0) & (numerator > 0), interest, 0)


def _regular_interest(loans: Loans) -> Ints:
    """Total interest of regular annuities (``amortize_totals``'s engine)."""
    return totals(loans)[1]


# -- realizing the draft ----------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """Plan rows of a block: dates (day numbers) and components, shape (accounts, rows)."""

    dates: Ints
    columns: dict[str, Ints]
    waived: dict[str, Ints]


def _allocate(cumulative: Ints, pools: dict[str, Ints], order: Sequence[str]) -> dict[str, Ints]:
    """``draft._split`` row after row: what each pool gave to each row, in ``order``.

    ``cumulative`` is the running total of the rows' parts (non-decreasing); each pool
    is used up before the next, so a row's share of a pool is the difference of the
    running totals clipped to the pool.
    """
    taken: dict[str, Ints] = {}
    floor = np.zeros_like(cumulative[:, :1])
    for name in order:
        size = pools[name][:, None]
        filled = np.clip(cumulative - floor, 0, size)
        taken[name] = np.diff(filled, axis=1, prepend=0)
        floor = floor + size
    taken["beyond"] = np.diff(np.maximum(cumulative - floor, 0), axis=1, prepend=0)
    return taken


def _settlement_rows(draft: Draft) -> Rows:
    assert draft.settlement is not None
    price, count = draft.settlement
    pools = {c: draft.arrears[c] + draft.rolled[c] for c in PLAN_COLUMNS}
    pools["interest"] = pools["interest"] + draft.accrued
    pools["principal"] = pools["principal"] + draft.balance + draft.value("forborne")
    waived = dict(draft.waived)
    give_up = sum(pools.values(), draft.zeros()) - price
    for name in _GIVE_UP_ORDER:  # the lender gives up penalty first
        part = np.minimum(give_up, pools[name])
        pools[name] = pools[name] - part
        waived[name] = waived.get(name, draft.zeros()) + part
        give_up = give_up - part
    block = draft.block
    steps = np.arange(count)
    dates = period_grid(
        block.as_of.astype("datetime64[D]")[:, None], steps, block.frequency
    ).astype(np.int64)
    k = np.arange(count + 1)
    evenly = (price[:, None] * k) // count  # split_evenly, larger parts first
    parts = np.diff(evenly, axis=1)[:, ::-1]
    taken = _allocate(np.cumsum(parts, axis=1), pools, _ROLL_ORDER)
    return Rows(dates, {c: taken[c] for c in PLAN_COLUMNS}, waived)


def _contract_rows(draft: Draft) -> tuple[Ints, dict[str, Ints], Ints]:
    """Return the contract's instalments after the negotiation date, unchanged."""
    block = draft.block
    later = block.valid & (block.due > block.as_of[:, None])
    columns = {
        "principal": np.where(later, block.principal, 0),
        "interest": np.where(later, block.interest, 0),
        "penalty": np.zeros_like(block.principal),
        "fees": np.zeros_like(block.principal),
    }
    return block.due, columns, columns["interest"]


def _first_rates(
    draft: Draft, next_due: Ints, has_next: Bools, day_count: DayCount
) -> tuple[Ints, Ints]:
    """Return the rate of a new schedule's first period, short or long, to the next due."""
    block = draft.block
    frequency = block.frequency
    per_year = frequency.periods_per_year
    numerator, denominator = draft.rate
    first_numerator, first_denominator = numerator.copy(), denominator * per_year
    as_of = block.as_of.astype("datetime64[D]")
    regular = period_grid(as_of, np.ones(1, dtype=np.int64), frequency, keep_end=_keep_end(draft))
    odd = has_next & (next_due != regular.astype(np.int64))
    pairs = np.stack([block.as_of, next_due], axis=1)
    for begin, end in np.unique(pairs[odd], axis=0):
        years = year_fraction(
            np.datetime64(int(begin), "D").item(), np.datetime64(int(end), "D").item(), day_count
        )
        where = odd & (block.as_of == begin) & (next_due == end)
        first_numerator[where] = numerator[where] * years.numerator
        first_denominator[where] = denominator[where] * years.denominator
    return first_numerator, first_denominator


def _keep_end(draft: Draft) -> Bools:
    """Whether each new schedule keeps month ends: the loan's rule on the negotiation date."""
    keep: Bools = draft.block.end_of_month & month_ends(draft.block.as_of.astype("datetime64[D]"))
    return keep


def _next_due(draft: Draft) -> tuple[Ints, Bools, Ints]:
    """Return the contract's next due date after the negotiation date, if kept.

    It is kept when it falls within two periods of the negotiation date; otherwise the
    new schedule starts one period on, with the whole periods before that due date
    added to its term (the third array): ``draft._periods_before`` over arrays.
    """
    block = draft.block
    future = block.valid & (block.due > block.as_of[:, None])
    upcoming: Bools = np.asarray(future.any(axis=1) & (not draft.start_now))
    first_future = block.due[np.arange(len(block.index)), np.argmax(future, axis=1)]
    as_of = block.as_of.astype("datetime64[D]")
    keep_end = _keep_end(draft)
    latest = period_grid(as_of, np.full(1, 2), block.frequency, keep_end=keep_end)
    far = upcoming & (first_future > latest.astype(np.int64))
    added = np.zeros(len(far), dtype=np.int64)
    for k in np.flatnonzero(far):  # rare (a bullet loan far from maturity): one by one
        periods = 2
        grid = period_grid(
            as_of[k], np.arange(3, MAX_TERM + 3), block.frequency, keep_end=keep_end[k]
        ).astype(np.int64)
        periods += int(np.count_nonzero(grid <= first_future[k]))
        added[k] = periods - 1
    has_next = upcoming & ~far
    return np.where(has_next, first_future, 0), has_next, added


def _new_dates(
    draft: Draft, term: Ints, principal0: Ints, next_due: Ints, has_next: Bools
) -> Ints:
    """Due dates of the new schedules (``amortize``'s, or ``add_periods`` with no principal)."""
    block = draft.block
    frequency = block.frequency
    steps = np.arange(int(term.max()), dtype=np.int64)
    as_of = block.as_of.astype("datetime64[D]")
    keep_end = _keep_end(draft)
    anchor = next_due.astype("datetime64[D]")
    anchor_end = block.end_of_month & month_ends(anchor)
    with_next = period_grid(anchor[:, None], steps, frequency, keep_end=anchor_end[:, None])
    without = period_grid(as_of[:, None], steps + 1, frequency, keep_end=keep_end[:, None])
    dates = np.where(has_next[:, None], with_next, without).astype(np.int64)
    first = np.where(has_next, next_due, without[:, 0].astype(np.int64))
    plain = period_grid(first.astype("datetime64[D]")[:, None], steps, frequency)
    result: Ints = np.where((principal0 > 0)[:, None], dates, plain.astype(np.int64))
    return result


def _new_interest(  # noqa: PLR0917 - the schedules' columns, passed as arrays
    draft: Draft,
    term: Ints,
    principal0: Ints,
    next_due: Ints,
    has_next: Bools,
    day_count: DayCount,
) -> tuple[Ints, Ints]:
    """Interest and principal of the new schedules: the holiday's periods, then level rows."""
    block = draft.block
    count, width, holiday = len(term), int(term.max()), draft.holiday
    first_numerator, first_denominator = _first_rates(draft, next_due, has_next, day_count)
    numerator, denominator = draft.rate[0], draft.rate[1] * block.frequency.periods_per_year
    interest = np.zeros((count, width), dtype=np.int64)
    repaid = np.zeros((count, width), dtype=np.int64)
    balance = principal0.copy()
    for k in range(holiday):  # grace periods: interest capitalized, or paid
        top, bottom = (first_numerator, first_denominator) if k == 0 else (numerator, denominator)
        interest[:, k] = round_array(balance, top, bottom, block.loans.mode)
        if draft.holiday_interest == HolidayInterest.CAPITALIZE.value:
            balance = balance + interest[:, k]
    live = principal0 > 0
    interest[~live] = 0
    if np.any(live):
        method = Loans(
            np.maximum(balance, 1)[live],
            numerator[live],
            denominator[live],
            (term - holiday)[live],
            (term - holiday)[live],
            Method.ANNUITY,
            block.loans.mode,
            block.loans.digits,
            (first_numerator if holiday == 0 else numerator)[live],
            (first_denominator if holiday == 0 else denominator)[live],
        )
        due, paid = method_rows(method)
        interest[live, holiday : holiday + due.shape[1]] = due
        repaid[live, holiday : holiday + due.shape[1]] = paid
    return interest, repaid


def _new_schedule_rows(
    draft: Draft, rolled: dict[str, Ints], day_count: DayCount
) -> tuple[Ints, dict[str, Ints], Ints, Ints]:
    """Return ``draft._amortized`` over arrays.

    That is: the re-amortized rows by component, their new interest, and the interest
    a waived holiday gave up.
    """
    block = draft.block
    forborne = draft.value("forborne")
    principal0 = draft.balance + sum(rolled.values(), draft.zeros())
    holiday = draft.holiday
    next_due, has_next, added = _next_due(draft)
    term = np.maximum(draft.term, holiday + 1) + added
    if np.any(term > MAX_TERM):
        k = int(np.flatnonzero(term > MAX_TERM)[0])
        raise InvalidTermsError(
            f"term[{int(block.index[k])}]", int(term[k]), f"at most {MAX_TERM} periods"
        )
    dates = _new_dates(draft, term, principal0, next_due, has_next)
    interest, repaid = _new_interest(draft, term, principal0, next_due, has_next, day_count)
    # No payment in a holiday: capitalized interest is repaid later as principal;
    # deferred or waived interest is set aside.
    set_aside = draft.zeros()
    if draft.holiday_interest != HolidayInterest.CAPITALIZE.value:
        set_aside = interest[:, :holiday].sum(axis=1)
    interest[:, :holiday] = 0
    repaid[:, :holiday] = 0
    index, last = np.arange(len(term)), term - 1
    interest[index, np.minimum(holiday, last)] += draft.accrued
    repaid[index, last] += forborne
    waived_in_holiday = draft.zeros()
    if draft.holiday_interest == HolidayInterest.DEFER.value:
        interest[index, last] += set_aside
    elif draft.holiday_interest == HolidayInterest.WAIVE.value:
        waived_in_holiday = set_aside
    empty = (principal0 + forborne + draft.accrued == 0) & (draft.term < 1)
    interest[empty] = 0
    repaid[empty] = 0
    # A row whose payment does not cover its interest (a long first period) grows the
    # balance: its negative principal stays, and is principal repaid later.
    growth = np.minimum(repaid, 0)
    pools = dict(rolled)
    pools["principal"] = pools["principal"] + draft.balance + forborne - growth.sum(axis=1)
    taken = _allocate(np.cumsum(repaid - growth, axis=1), pools, _ROLL_ORDER)
    valid = np.arange(interest.shape[1]) < term[:, None]
    columns = {
        "principal": (taken["principal"] + growth) * valid,
        "interest": (interest + taken["interest"] + taken["beyond"]) * valid,
        "penalty": taken["penalty"] * valid,
        "fees": taken["fees"] * valid,
    }
    return dates, columns, interest * valid, waived_in_holiday


def _future_cuts(draft: Draft, new_interest: Ints) -> Ints:
    """``draft._future_waiver``: a share by cumulative rounding, then an amount in order."""
    cuts = np.zeros_like(new_interest)
    share = draft.future_share
    if share:
        running = round_array(
            np.cumsum(new_interest, axis=1),
            np.array(share.numerator),
            np.array(share.denominator),
            draft.block.loans.mode,
        )
        cuts = np.diff(running, axis=1, prepend=0)
    amount = draft.value("future_amount")
    if np.any(amount):
        room = new_interest - cuts
        before = np.cumsum(room, axis=1) - room
        cuts = cuts + np.clip(amount[:, None] - before, 0, room)
    return cuts


def realize(draft: Draft, day_count: DayCount) -> Rows:
    """``draft.realize`` over arrays: the plan's dated rows, by component."""
    if draft.settlement is not None:
        return _settlement_rows(draft)
    block = draft.block
    down = draft.value("down_payment")
    pools = dict(draft.rolled)
    taken = _allocate(down[:, None], pools, _ROLL_ORDER)
    now = {c: draft.arrears[c] + taken[c][:, 0] for c in PLAN_COLUMNS}
    rolled = {c: pools[c] - taken[c][:, 0] for c in PLAN_COLUMNS}
    waived = dict(draft.waived)
    dates, columns, new_interest = _contract_rows(draft)
    if np.any(draft.restructured):
        new_dates, new_columns, new_new, in_holiday = _new_schedule_rows(draft, rolled, day_count)
        width = max(dates.shape[1], new_dates.shape[1])
        pick = draft.restructured[:, None]
        dates = np.where(pick, _pad(new_dates, width), _pad(dates, width))
        columns = {
            c: np.where(pick, _pad(new_columns[c], width), _pad(columns[c], width))
            for c in PLAN_COLUMNS
        }
        new_interest = np.where(pick, _pad(new_new, width), _pad(new_interest, width))
        in_holiday = np.where(draft.restructured, in_holiday, 0)
        waived["interest"] = waived.get("interest", draft.zeros()) + in_holiday
    cuts = _future_cuts(draft, new_interest)
    waived["interest"] = waived.get("interest", draft.zeros()) + cuts.sum(axis=1)
    columns["interest"] = columns["interest"] - cuts
    first = block.as_of[:, None]
    return Rows(
        np.concatenate([first, dates], axis=1),
        {c: np.concatenate([now[c][:, None], columns[c]], axis=1) for c in PLAN_COLUMNS},
        waived,
    )


def _pad(values: Ints, width: int) -> Ints:
    padded: Ints = np.pad(values, ((0, 0), (0, width - values.shape[1])))
    return padded
