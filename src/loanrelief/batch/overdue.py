"""Overdue accounts in bulk: days past due, penalty, fees and payoff of many accounts.

The simple case of :func:`loanrelief.account_state`, vectorised: each account paid its
first instalments in full on their due dates and nothing since. Everything else the
replay supports (partial payments, legal rules, repeated fees) stays with the
one-account API.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from loanrelief.account import BUCKET_LIMITS, Bucket
from loanrelief.batch._kernels import Bools, Ints
from loanrelief.batch.amortization import (
    Loans,
    check_block_size,
    first_bad,
    method_rows,
    numbers,
    parse_loans,
)
from loanrelief.dates import Frequency, month_ends, period_grid
from loanrelief.daycount import DayCount, day_array
from loanrelief.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief.money import RoundingMode, round_array
from loanrelief.penalty import GraceFrom, PenaltyBase, PenaltyPolicy
from loanrelief.terms import Method
from loanrelief.validate import parse_enum

__all__ = ["overdue_states"]

T = TypeVar("T")

_BASIS = {DayCount.ACT_360: 360, DayCount.ACT_365: 365}
_BUCKETS = np.array([bucket.value for bucket in Bucket])
_FIELDS = (
    "overdue_principal",
    "overdue_interest",
    "penalty",
    "fees",
    "outstanding_principal",
    "accrued_interest",
    "payoff",
)
STATES = ("days_past_due", "missed", *_FIELDS)
"""The numeric arrays :func:`overdue_states` returns (with ``bucket``, strings)."""


def _check_policy(policy: PenaltyPolicy) -> None:
    """Refuse what the batch does not model, pointing to ``account_state``."""
    unsupported = {
        "late_fee_every_days": policy.late_fee_every_days,
        "late_fee_every_months": policy.late_fee_every_months,
        "interest_continues": policy.interest_continues,
    }
    for name, value in unsupported.items():
        if value:
            raise InvalidValueError(
                f"penalty.{name}", value, "not set in a batch: use account_state for it"
            )
    if policy.day_count not in _BASIS:
        raise InvalidValueError(
            "penalty.day_count", policy.day_count.value, "'act/360' or 'act/365' in a batch"
        )


def _days(value: Any, field: str, count: int) -> Ints:
    """Dates (a date or an array of ``datetime64``) as day numbers, one per account."""
    days = day_array(value, field)
    try:
        return np.broadcast_to(days, (count,)).astype(np.int64)
    except ValueError:
        raise InvalidTermsError(
            field, value, f"a date, or {count} dates (one per account)"
        ) from None


def _penalty_rates(policy: PenaltyPolicy, loans: Loans, per_year: int) -> tuple[Ints, Ints]:
    """Each account's penalty rate per day as ``numerator / denominator``."""
    basis = _BASIS[policy.day_count]
    count = len(loans)
    if policy.annual_rate is not None:
        rate = policy.annual_rate
        return np.full(count, rate.numerator), np.full(count, rate.denominator * basis)
    multiplier = policy.rate_multiplier or Fraction(0)
    top, bottom = multiplier.numerator * per_year, multiplier.denominator * basis
    largest = max(int(loans.numerator.max(initial=0)) * top, int(loans.denominator.max()) * bottom)
    if largest < 2**62:
        return loans.numerator * top, loans.denominator * bottom
    # Products past int64 (a multiplier with many decimals): exact Python integers.
    return (
        np.array([int(a) * top for a in loans.numerator], dtype=object),
        np.array([int(b) * bottom for b in loans.denominator], dtype=object),
    )


def _posted(  # noqa: PLR0917 - the instalments' columns, passed as arrays
    base: Ints,
    numerator: Ints,
    denominator: Ints,
    accrues_from: Ints,
    missed: Bools,
    as_of: Ints,
    mode: RoundingMode,
) -> Ints:
    """Penalty on each missed instalment: accrued exactly to ``as_of``, rounded once.

    The replay keeps each charge's total exact and rounds it whenever it is read
    (:mod:`loanrelief.replay`), so a missed instalment's penalty is
    ``round(base x rate x days)`` whatever the postings in between.
    """
    num, den = numerator[:, None], denominator[:, None]
    span = int(as_of.max(initial=0)) - int(accrues_from.min(initial=0))
    if int(base.max(initial=0)) * span >= 2**62:
        base = base.astype(object)  # amounts x days past int64: exact Python integers
    days = np.maximum(as_of[:, None] - accrues_from, 0)
    total = round_array(base * days, num, den, mode, "penalty")
    posted: Ints = np.where(missed, total, 0)
    return posted


def overdue_states(
    principal: npt.ArrayLike,
    annual_rate: npt.ArrayLike,
    term: npt.ArrayLike,
    *,
    start: date | npt.ArrayLike,
    as_of: date | npt.ArrayLike,
    paid: npt.ArrayLike = 0,
    penalty: PenaltyPolicy | None = None,
    end_of_month: bool | npt.ArrayLike = False,
    method: Method | str = Method.ANNUITY,
    frequency: Frequency | str = Frequency.MONTHLY,
    amortization_term: npt.ArrayLike | None = None,
    rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    digits: int = 2,
    minor_units: bool = False,
    block_size: int = 10_000,
) -> dict[str, Any]:
    """Return the state of many overdue accounts on a date, equal to ``account_state``'s.

    Parameters
    ----------
    principal, annual_rate, term, method, frequency, amortization_term, rounding, digits
        The loans, as for :func:`loanrelief.batch.amortize_totals`.
    start : date or array_like of datetime64
        Each loan's start; its due dates follow by whole periods.
    as_of : date or array_like of datetime64
        The date of each state, on or after the start.
    paid : array_like of int, default 0
        How many instalments each account paid in full on their due dates (all due
        by ``as_of``); nothing was paid since.
    penalty : PenaltyPolicy, optional
        What lateness costs (as for :func:`loanrelief.account_state`), without caps,
        repeated late fees or contract interest running on (those need the replay),
        with an "act/360" or "act/365" day count.
    end_of_month : bool or array_like of bool, default False
        Keep a month-end start's due dates on month ends (as ``Loan.end_of_month``).
    minor_units : bool, default False
        Take ``principal`` and return amounts in ``int64`` minor units.
    block_size : int, default 10,000
        Accounts per block: memory is about ``block_size x term x 100`` bytes.

    Returns
    -------
    dict of numpy.ndarray
        ``days_past_due``, ``bucket`` (strings, as :class:`loanrelief.Bucket`),
        ``missed`` (instalments past their grace), ``overdue_principal``,
        ``overdue_interest``, ``penalty``, ``fees``, ``outstanding_principal``,
        ``accrued_interest`` and ``payoff``: each equal to the
        :class:`loanrelief.AccountState` of :func:`loanrelief.account_state` with
        those payments, to the minor unit.

    Raises
    ------
    InvalidValueError
        Naming the first bad account (``as_of[3]``, ``paid[7]``), or a policy option
        a batch does not model.

    Notes
    -----
    The replay's rules, in closed form: a missed instalment accrues
    ``base x rate x days / basis`` from its due date (or its grace end), exactly, and
    its total is rounded once (postings never change it), so each instalment's penalty
    is one rounded product: no loop over postings.

    Examples
    --------
    >>> from datetime import date
    >>> policy = PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
    >>> states = overdue_states([50000, 50000], [0.18, 0.18], [24, 24],
    ...                         start=date(2024, 1, 15), as_of=date(2024, 6, 1),
    ...                         paid=[1, 4], penalty=policy)
    >>> states["days_past_due"].tolist(), states["bucket"].tolist()
    ([78, 0], ['60-89', 'current'])
    >>> states["penalty"].tolist(), states["payoff"].tolist()
    ([265.85, 0.0], [50963.44, 43208.96])
    """
    accounts = parse_accounts(
        principal,
        annual_rate,
        term,
        start=start,
        as_of=as_of,
        paid=paid,
        penalty=penalty,
        end_of_month=end_of_month,
        method=method,
        frequency=frequency,
        amortization_term=amortization_term,
        rounding=rounding,
        digits=digits,
        minor_units=minor_units,
    )
    count = len(accounts.loans)
    out = {name: np.zeros(count, dtype=np.int64) for name in STATES}

    def state(block: AccountBlock) -> tuple[Ints, dict[str, Ints]]:
        return block.index, block.state

    for index, values in account_blocks(accounts, block_size, state):
        for name, column in values.items():
            out[name][index] = column
    result: dict[str, Any] = {
        "days_past_due": out["days_past_due"],
        "bucket": _BUCKETS[np.searchsorted(BUCKET_LIMITS, out["days_past_due"])],
        "missed": out["missed"],
    }
    for name in _FIELDS:
        result[name] = out[name] if minor_units else out[name] / 10**digits
    return result


@dataclass(frozen=True)
class Accounts:
    """Validated columns of overdue accounts (dates as day numbers)."""

    loans: Loans
    frequency: Frequency
    policy: PenaltyPolicy
    start: Ints
    as_of: Ints
    paid: Ints
    rows: Ints
    end_of_month: Bools
    keep_end: Bools
    penalty_numerator: Ints
    penalty_denominator: Ints


def parse_accounts(
    principal: npt.ArrayLike,
    annual_rate: npt.ArrayLike,
    term: npt.ArrayLike,
    *,
    start: date | npt.ArrayLike,
    as_of: date | npt.ArrayLike,
    paid: npt.ArrayLike,
    penalty: PenaltyPolicy | None,
    end_of_month: bool | npt.ArrayLike,
    method: Method | str,
    frequency: Frequency | str,
    amortization_term: npt.ArrayLike | None,
    rounding: RoundingMode | str,
    digits: int,
    minor_units: bool,
) -> Accounts:
    """Validate the columns of overdue accounts, naming the first bad one."""
    policy = PenaltyPolicy() if penalty is None else penalty
    if not isinstance(policy, PenaltyPolicy):
        raise InvalidTypeError("penalty", penalty, "a PenaltyPolicy or None")
    _check_policy(policy)
    loans = parse_loans(
        principal,
        annual_rate,
        term,
        method=method,
        frequency=frequency,
        amortization_term=amortization_term,
        rounding=rounding,
        digits=digits,
        minor_units=minor_units,
    )
    count = len(loans)
    cadence = parse_enum(frequency, Frequency, "frequency")
    starts = _days(start, "start", count)
    dates = _days(as_of, "as_of", count)
    as_of_days = dates.astype("datetime64[D]")
    first_bad(dates < starts, "as_of", as_of_days, "on or after start", InvalidTermsError)
    settled = numbers(paid, "paid", count)
    if settled.dtype.kind not in "iu":
        raise InvalidValueError("paid", paid, "whole numbers of instalments")
    settled = settled.astype(np.int64)
    rows = np.ones_like(loans.periods) if loans.method is Method.BULLET else loans.periods
    first_bad((settled < 0) | (settled > rows), "paid", settled, "from 0 to the term")
    numerator, denominator = _penalty_rates(policy, loans, cadence.periods_per_year)
    try:
        month_end_rule = np.broadcast_to(np.asarray(end_of_month), (count,))
    except ValueError:
        raise InvalidTermsError("end_of_month", end_of_month, f"one flag or {count}") from None
    if month_end_rule.dtype.kind != "b":
        raise InvalidTypeError("end_of_month", end_of_month, "True or False, or an array of them")
    keep_end = month_end_rule & month_ends(starts.astype("datetime64[D]"))
    return Accounts(
        loans,
        cadence,
        policy,
        starts,
        dates,
        settled,
        rows,
        month_end_rule,
        keep_end,
        numerator,
        denominator,
    )


@dataclass(frozen=True)
class AccountBlock:
    """One block of accounts, instalments along the second axis (minor units, day numbers).

    ``penalty`` and ``fees`` are what each instalment was charged; ``unpaid`` marks the
    instalments not paid, ``fallen`` those of them due by ``as_of``; ``state`` holds
    the fields of :func:`overdue_states`.
    """

    index: Ints
    loans: Loans
    frequency: Frequency
    end_of_month: Bools
    start: Ints
    as_of: Ints
    due: Ints
    interest: Ints
    principal: Ints
    penalty: Ints
    fees: Ints
    valid: Bools
    unpaid: Bools
    fallen: Bools
    state: dict[str, Ints]


def account_blocks(
    accounts: Accounts, block_size: int, work: Callable[[AccountBlock], T]
) -> Iterator[T]:
    """Yield ``work`` of each block of accounts, in order, blocks run on every core.

    NumPy releases the interpreter lock inside its loops, so blocks in threads run in
    parallel; each block is independent, so the results do not depend on the number
    of threads, and an error is the one the first failing block raises.
    """
    check_block_size(block_size)
    count = len(accounts.loans)
    ranges = [
        np.arange(begin, min(begin + block_size, count)) for begin in range(0, count, block_size)
    ]

    def run(index: Ints) -> T:
        return work(account_block(accounts, index))

    if len(ranges) < 2:
        yield from map(run, ranges)
        return
    with ThreadPoolExecutor(min(len(ranges), os.cpu_count() or 1)) as pool:
        yield from pool.map(run, ranges)


def account_block(accounts: Accounts, index: Ints) -> AccountBlock:
    """Return the accounts at ``index`` with their instalments and state."""
    loans = accounts.loans
    part = loans.take(index)
    interest, principal_rows = method_rows(part)
    anchor = accounts.start[index].astype("datetime64[D]")
    keep_end = accounts.keep_end[index]
    if loans.method is Method.BULLET:  # the one instalment falls at maturity
        due = period_grid(anchor, part.periods, accounts.frequency, keep_end=keep_end)
        due = due[:, None]
    else:
        steps = np.arange(1, interest.shape[1] + 1)
        due = period_grid(anchor[:, None], steps, accounts.frequency, keep_end=keep_end[:, None])
    return _block(accounts, index, part, due.astype(np.int64), interest, principal_rows)


def _block(  # noqa: PLR0917 - the block's columns, passed as arrays
    accounts: Accounts,
    index: Ints,
    loans: Loans,
    due: Ints,
    interest: Ints,
    principal: Ints,
) -> AccountBlock:
    """Return one block of accounts with its instalments and state."""
    policy = accounts.policy
    start, as_of = accounts.start[index], accounts.as_of[index]
    paid, rows = accounts.paid[index], accounts.rows[index]
    numerator = accounts.penalty_numerator[index]
    denominator = accounts.penalty_denominator[index]
    column = np.arange(interest.shape[1])
    position = np.arange(len(paid))
    valid = column < rows[:, None]
    last_paid_due = due[position, np.maximum(paid - 1, 0)]
    if np.any((paid > 0) & (last_paid_due > as_of)):
        k = int(np.flatnonzero((paid > 0) & (last_paid_due > as_of))[0])
        raise InvalidValueError(
            f"paid[{int(index[k])}]", int(paid[k]), "instalments due by as_of only"
        )
    unpaid = valid & (column >= paid[:, None])
    contract = principal + interest
    fallen = unpaid & (due <= as_of[:, None])
    before = unpaid & (due < as_of[:, None])
    grace = policy.grace_days
    missed_on = due + grace + 1
    missed = fallen & (missed_on <= as_of[:, None]) & (contract > 0)
    fees = np.where(missed, policy.late_fees(contract, loans.digits), 0)
    accrues_from = due + (grace if policy.grace_from is GraceFrom.GRACE_END else 0)
    base = principal + (interest if policy.base is PenaltyBase.INSTALLMENT else 0)
    timing = (accrues_from, missed, as_of, policy.rounding)
    penalty = _posted(base, numerator, denominator, *timing)
    if policy.compound and policy.base is PenaltyBase.PRINCIPAL:
        penalty += _posted(interest, numerator, denominator, *timing)
    owing = before & (contract > 0)
    oldest = np.argmax(owing, axis=1)
    days_past_due = np.where(owing.any(axis=1), as_of - due[position, oldest], 0)
    ahead = valid & (due > as_of[:, None])
    current = np.argmax(ahead, axis=1)
    opened = np.where(current == 0, start, due[position, np.maximum(current - 1, 0)])
    length = due[position, current] - opened
    elapsed = np.maximum(as_of - opened, 0)
    # The current period's interest so far: round(interest x elapsed / length), exact
    # (round_array: no int64 product, a bullet's interest times two years of days).
    accrued = np.where(
        ahead.any(axis=1),
        round_array(
            interest[position, current], elapsed, np.maximum(length, 1), loans.mode, "principal"
        ),
        0,
    )
    penalty_total = penalty.sum(axis=1)
    fee_total = fees.sum(axis=1)
    repaid = np.where(valid & ~unpaid, principal, 0).sum(axis=1)
    state = {
        "days_past_due": days_past_due,
        "missed": missed.sum(axis=1),
        "overdue_principal": np.where(before, principal, 0).sum(axis=1),
        "overdue_interest": np.where(before, interest, 0).sum(axis=1),
        "penalty": penalty_total,
        "fees": fee_total,
        "outstanding_principal": loans.balance - repaid,
        "accrued_interest": accrued,
        "payoff": np.where(fallen, contract, 0).sum(axis=1)
        + penalty_total
        + fee_total
        + np.where(ahead & unpaid, principal, 0).sum(axis=1)
        + accrued,
    }
    return AccountBlock(
        index,
        loans,
        accounts.frequency,
        accounts.end_of_month[index],
        start,
        as_of,
        due,
        interest,
        principal,
        penalty,
        fees,
        valid,
        unpaid,
        fallen,
        state,
    )
