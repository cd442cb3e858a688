"""Workouts of many accounts at once: the levers' own rules, and ``realize`` over arrays.

The batch form of :mod:`loanrelief._relief.draft`: a :class:`BlockDraft` is a
:class:`~loanrelief._relief.workout.Workout` whose amounts are arrays (one element per account
of a block), so every lever's ``apply`` — built in or an app's own — runs on it
unchanged; :func:`realize_block` turns the draft into dated plan rows by component,
with the level-payment rows from the batch amortization engine and the rules
(settlement give-up, roll order, far next due dates) shared with
:func:`loanrelief._relief.draft.realize`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, final

import numpy as np

from loanrelief._foundations.dates import month_ends, period_grid
from loanrelief._foundations.daycount import DayCount, year_fraction
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, LoanReliefError
from loanrelief._foundations.money import (
    Bools,
    Ints,
    Money,
    Ratios,
    RoundingMode,
    split_evenly,
    to_minor,
)
from loanrelief._loans.amortization import grace_rows
from loanrelief._loans.plan import PLAN_COLUMNS, Parts
from loanrelief._loans.terms import MAX_TERM, Method
from loanrelief._relief.levers import Lever
from loanrelief._relief.workout import (
    ROLL_ORDER,
    HolidayInterest,
    Workout,
    allocate,
    future_interest_cuts,
    give_up,
    instalment_fee,
    new_row_fees,
    owed_parts,
    periods_before,
    periods_for_payment,
    take_holiday,
)
from loanrelief.batch._amortization import Loans, method_rows, totals
from loanrelief.batch._overdue import AccountBlock

__all__ = ["BlockDraft", "Rows", "apply_lever", "draft_block", "realize_block"]

# -- the draft, as arrays ---------------------------------------------------------------


@final
@dataclass(frozen=True, kw_only=True)
class BlockDraft(Workout[Ints]):
    """A :class:`~loanrelief._relief.workout.Workout` of a block of accounts: one element each.

    Amounts are int64 arrays of minor units (or one int for every account), the rate
    a :class:`~loanrelief._foundations.money.Ratios`; ``block`` is the accounts' columns.
    """

    block: AccountBlock

    def __repr__(self) -> str:
        labels = ", ".join(self.labels) or "as is"
        return f"BlockDraft({len(self.block.index)} accounts: {labels})"

    @property
    def size(self) -> int:
        """The number of accounts."""
        return len(self.block.index)

    def zeros(self) -> Ints:
        """Return a zero per account."""
        return np.zeros(self.size, dtype=np.int64)

    def column(self, value: Ints | int) -> Ints:
        """Return an amount as one element per account (a lever may set one for all)."""
        return self.zeros() + value

    @property
    def rates(self) -> Ratios:
        """The rate of each account (a lever may set one ``Fraction`` for all)."""
        rate = self.rate
        return Ratios.of(rate, self.size) if isinstance(rate, Fraction) else rate

    @property
    def rounding(self) -> RoundingMode:
        """The loans' rounding mode."""
        return self.block.loans.mode

    def minor(self, value: Money, name: str) -> int:
        """Parse an amount given to a lever in the loans' currency (minor units)."""
        return to_minor(value, field=name, digits=self.block.loans.digits)

    def check(self, ok: object, name: str, value: object, valid: str) -> None:
        """Refuse the lever where ``ok`` is false, naming the first such account."""
        bad = ~np.broadcast_to(np.asarray(ok, dtype=bool), (self.size,))
        if np.any(bad):
            k = int(np.flatnonzero(bad)[0])
            shown = value[k] if isinstance(value, np.ndarray) else value
            raise InvalidTermsError(f"{name}[{int(self.block.index[k])}]", shown, valid)

    def periods_for(self, amount: Ints, payment: Ints | int) -> Ints:
        """Return the fewest level payments of about ``payment`` that repay ``amount``."""
        rates = self.rates
        per_year = self.block.frequency.periods_per_year
        rate = rates.numerator / (rates.denominator * per_year)
        periods: Ints = periods_for_payment(amount, payment, rate, self.column(self.term))
        return periods

    def annuity_interest(self, amount: Ints, count: int) -> Ints:
        """Interest ``amount`` would earn at the rate in ``count`` level payments."""
        amount = self.column(amount)
        rates = self.rates
        per_year = self.block.frequency.periods_per_year
        counts = np.full(self.size, count, dtype=np.int64)
        regular = Loans(
            np.maximum(amount, 1),
            rates.numerator,
            rates.denominator * per_year,
            counts,
            counts,
            Method.ANNUITY,
            self.block.loans.mode,
            self.block.loans.digits,
            rates.numerator,
            rates.denominator * per_year,
        )
        interest: Ints = np.where((amount > 0) & (rates.numerator > 0), totals(regular)[1], 0)
        return interest


def draft_block(block: AccountBlock) -> BlockDraft:
    """``draft_from`` over a block: arrears due now, the contract after."""
    due_now = block.valid & (block.due <= block.as_of[:, None])
    later = block.valid & ~due_now
    unpaid = block.unpaid
    arrears = Parts(
        principal=np.where(due_now & unpaid, block.principal, 0).sum(axis=1),
        interest=np.where(due_now & unpaid, block.interest, 0).sum(axis=1),
        penalty=np.where(due_now, block.penalty, 0).sum(axis=1),
        fees=np.where(due_now, block.fees, 0).sum(axis=1),
    )
    loans = block.loans
    zeros = np.zeros(len(block.index), dtype=np.int64)
    return BlockDraft(
        block=block,
        arrears=arrears,
        accrued=block.state["accrued_interest"],
        balance=np.where(later, block.principal, 0).sum(axis=1),
        rolled=Parts(zeros, zeros, zeros, zeros),
        rate=Ratios.reduced(loans.numerator * block.frequency.periods_per_year, loans.denominator),
        term=later.sum(axis=1),
        # the next instalment's payment: the first not yet due
        payment=np.take_along_axis(
            np.where(later, block.principal + block.interest, 0),
            np.argmax(later, axis=1)[:, None],
            axis=1,
        )[:, 0],
        restructured=np.zeros(len(block.index), dtype=bool),
    )


def apply_lever(lever: Lever, draft: BlockDraft) -> BlockDraft:
    """Apply a lever's own ``apply`` to every account of the block at once.

    A lever whose ``apply`` uses Python's ``min``, ``max`` or ``if`` on amounts
    cannot run on arrays: that is refused naming ``levers``, not raised from inside.
    """
    try:
        changed = lever.apply(draft)
    except LoanReliefError:
        raise
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidTypeError(
            "levers",
            lever,
            "a lever whose apply() uses the Workout's operations, so that it runs on "
            f"arrays (see loanrelief._relief.workout.Workout): {type(error).__name__}: {error}",
        ) from None
    if not isinstance(changed, BlockDraft):
        raise InvalidTypeError("levers", lever, "a lever whose apply() returns the draft")
    return changed


# -- realizing the draft ----------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """Plan rows of a block: dates (day numbers) and components, shape (accounts, rows)."""

    dates: Ints
    columns: dict[str, Ints]
    waived: dict[str, Ints]


def _settlement_rows(draft: BlockDraft) -> Rows:
    assert draft.settlement is not None
    price, count = draft.settlement
    left, waived = give_up(owed_parts(draft), draft.waived, price)
    pools = dict(left.items())
    block = draft.block
    steps = np.arange(count)
    dates = period_grid(
        block.as_of.astype("datetime64[D]")[:, None], steps, block.frequency
    ).astype(np.int64)
    parts = split_evenly(price, count)[:, ::-1]  # larger parts first
    taken = allocate(np.cumsum(parts, axis=1), pools, ROLL_ORDER)
    return Rows(dates, {c: taken[c] for c in PLAN_COLUMNS}, dict(waived.items()))


def _contract_rows(draft: BlockDraft) -> tuple[Ints, dict[str, Ints], Ints]:
    """Return the contract's instalments after the negotiation date, unchanged.

    Each carries the contract's instalment fee where the workout keeps it.
    """
    block = draft.block
    later = block.valid & (block.due > block.as_of[:, None])
    columns = {
        "principal": np.where(later, block.principal, 0),
        "interest": np.where(later, block.interest, 0),
        "penalty": np.zeros_like(block.principal),
        "fees": np.where(later & draft.contract_fees, block.fee[:, None], 0),
    }
    return block.due, columns, columns["interest"]


def _first_rates(
    draft: BlockDraft, next_due: Ints, has_next: Bools, day_count: DayCount
) -> tuple[Ints, Ints]:
    """Return the rate of a new schedule's first period, short or long, to the next due."""
    block = draft.block
    frequency = block.frequency
    per_year = frequency.periods_per_year
    numerator, denominator = draft.rate.numerator, draft.rate.denominator
    first_numerator, first_denominator = numerator.copy(), denominator * per_year
    as_of = block.as_of.astype("datetime64[D]")
    regular = period_grid(as_of, np.ones(1, dtype=np.int64), frequency, keep_end=_keep_end(draft))
    odd = has_next & (next_due != regular.astype(np.int64))
    month_end = block.end_of_month.astype(np.int64)
    pairs = np.stack([block.as_of, next_due, month_end], axis=1)
    for begin, end, keep in np.unique(pairs[odd], axis=0):
        due = np.datetime64(int(end), "D").item()
        years = year_fraction(
            np.datetime64(int(begin), "D").item(),
            due,
            day_count,
            frequency=frequency,
            reference=due,  # ICMA measures on the new schedule's regular dates
            end_of_month=bool(keep),
        )
        where = odd & (block.as_of == begin) & (next_due == end) & (month_end == keep)
        first_numerator[where] = numerator[where] * years.numerator
        first_denominator[where] = denominator[where] * years.denominator
    return first_numerator, first_denominator


def _keep_end(draft: BlockDraft) -> Bools:
    """Whether each new schedule keeps month ends: the loan's rule on the negotiation date."""
    keep: Bools = draft.block.end_of_month & month_ends(draft.block.as_of.astype("datetime64[D]"))
    return keep


def _next_due(draft: BlockDraft) -> tuple[Ints, Bools, Ints]:
    """Return the contract's next due date after the negotiation date, if kept.

    It is kept when it falls within two periods of the negotiation date; otherwise the
    new schedule starts one period on, with the whole periods before that due date
    added to its term (the third array, ``draft.periods_before``).
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
        added[k] = periods_before(
            as_of[k].item(),
            np.datetime64(int(first_future[k]), "D").item(),
            block.frequency,
            bool(block.end_of_month[k]),
        )
    has_next = upcoming & ~far
    return np.where(has_next, first_future, 0), has_next, added


def _new_dates(
    draft: BlockDraft, term: Ints, principal0: Ints, next_due: Ints, has_next: Bools
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
    draft: BlockDraft,
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
    numerator = draft.rate.numerator
    denominator = draft.rate.denominator * block.frequency.periods_per_year
    interest = np.zeros((count, width), dtype=np.int64)
    repaid = np.zeros((count, width), dtype=np.int64)
    # The holiday's periods are grace periods (amortize's rule): interest capitalized,
    # or paid; their rows are set aside by the caller, as draft.realize does.
    rates = [(first_numerator, first_denominator)] + [(numerator, denominator)] * holiday
    capitalize = draft.holiday_interest is HolidayInterest.CAPITALIZE
    held, grown = grace_rows(principal0, rates[:holiday], capitalize, block.loans.mode)
    for k, due in enumerate(held):
        interest[:, k] = due
    balance = principal0 - sum(grown, draft.zeros())
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
    draft: BlockDraft, rolled: dict[str, Ints], day_count: DayCount
) -> tuple[Ints, dict[str, Ints], Ints, Ints]:
    """Return ``draft._amortized`` over arrays.

    That is: the re-amortized rows by component, their new interest, and the interest
    a waived holiday gave up.
    """
    block = draft.block
    forborne = draft.forborne
    fee = draft.column(instalment_fee(draft, block.fee))
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
    waived_in_holiday = take_holiday(
        interest,
        repaid,
        holiday=holiday,
        how=draft.holiday_interest,
        accrued=draft.accrued,
        forborne=forborne,
        last=term - 1,
    )
    empty = (principal0 + forborne + draft.accrued == 0) & (draft.term < 1)
    interest[empty] = 0
    repaid[empty] = 0
    # A row whose payment does not cover its interest (a long first period) grows the
    # balance: its negative principal stays, and is principal repaid later.
    owed = repaid + interest  # what each row repays: a row of nothing carries no fee
    growth = np.minimum(repaid, 0)
    pools = dict(rolled)
    pools["principal"] = pools["principal"] + draft.balance + forborne - growth.sum(axis=1)
    taken = allocate(np.cumsum(repaid - growth, axis=1), pools, ROLL_ORDER)
    valid = (np.arange(interest.shape[1]) < term[:, None]) & ~empty[:, None]  # no rows: no fees
    columns = {
        "principal": (taken["principal"] + growth) * valid,
        "interest": (interest + taken["interest"] + taken["beyond"]) * valid,
        "penalty": taken["penalty"] * valid,
        "fees": (taken["fees"] + new_row_fees(fee, holiday, owed)) * valid,
    }
    return dates, columns, interest * valid, waived_in_holiday


def realize_block(draft: BlockDraft, day_count: DayCount) -> Rows:
    """``draft.realize`` over arrays: the plan's dated rows, by component."""
    draft = _columns(draft)
    if draft.settlement is not None:
        return _settlement_rows(draft)
    block = draft.block
    down = draft.column(draft.down_payment)
    pools = dict(draft.rolled.items())
    taken = allocate(down[:, None], pools, ROLL_ORDER)
    now = {c: draft.arrears[c] + taken[c][:, 0] for c in PLAN_COLUMNS}
    rolled = {c: pools[c] - taken[c][:, 0] for c in PLAN_COLUMNS}
    waived: dict[str, Ints] = {c: draft.column(amount) for c, amount in draft.waived.items()}
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
        waived["interest"] = waived["interest"] + in_holiday
    cuts = future_interest_cuts(
        new_interest,
        draft.future_waiver_share,
        draft.column(draft.future_waiver_amount),
        draft.rounding,
    )
    waived["interest"] = waived["interest"] + cuts.sum(axis=1)
    columns["interest"] = columns["interest"] - cuts
    first = block.as_of[:, None]
    return Rows(
        np.concatenate([first, dates], axis=1),
        {c: np.concatenate([now[c][:, None], columns[c]], axis=1) for c in PLAN_COLUMNS},
        waived,
    )


def _columns(draft: BlockDraft) -> BlockDraft:
    """Return the draft with every amount one element per account, the rate as ratios.

    A lever may set one value for every account (``term=12``, ``accrued=0``, a
    ``Fraction`` rate); the realization works on columns.
    """
    column = draft.column

    def parts(values: Parts[Any]) -> Parts[Ints]:
        return Parts(*(column(amount) for _, amount in values.items()))

    settlement = draft.settlement
    return dataclasses.replace(
        draft,
        arrears=parts(draft.arrears),
        rolled=parts(draft.rolled),
        waived=parts(draft.waived),
        accrued=column(draft.accrued),
        balance=column(draft.balance),
        term=column(draft.term),
        rate=draft.rates,
        restructured=np.broadcast_to(np.asarray(draft.restructured, dtype=bool), (draft.size,)),
        down_payment=column(draft.down_payment),
        forborne=column(draft.forborne),
        future_waiver_amount=column(draft.future_waiver_amount),
        contingent=column(draft.contingent),
        settlement=None if settlement is None else (column(settlement[0]), settlement[1]),
    )


def _pad(values: Ints, width: int) -> Ints:
    padded: Ints = np.pad(values, ((0, 0), (0, width - values.shape[1])))
    return padded
