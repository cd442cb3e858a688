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
from typing import Any, TypeVar

import numpy as np

from loanrelief._foundations.dates import Frequency, period_grid
from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Bools, Ints, RoundingMode, round_array
from loanrelief._foundations.progress import Progress, reporting
from loanrelief._ledger.instalments import BUCKET_LIMITS, Bucket
from loanrelief._ledger.penalty import GraceFrom, PenaltyBase
from loanrelief._loans.terms import Method
from loanrelief.batch._amortization import (
    Loans,
    check_block_size,
    method_rows,
)
from loanrelief.batch._portfolio import Portfolio

__all__ = ["Portfolio", "overdue_states"]

T = TypeVar("T")

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
    (:mod:`loanrelief._ledger.replay`), so a missed instalment's penalty is
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
    accounts: Portfolio, *, block_size: int = 10_000, progress: Progress = None
) -> dict[str, Any]:
    """Return the state of many overdue accounts on a date, equal to ``account_state``'s.

    Parameters
    ----------
    accounts : Portfolio
        The accounts: loans, start and state dates, instalments paid on time, and
        the penalty policy.
    block_size : int, default 10,000
        Accounts per block: memory is about ``block_size x term x 100`` bytes.
    progress : None, True or callable, optional
        Report each block done: ``True`` draws a progress bar (the ``progress`` extra,
        tqdm), a callable is called with ``(done, total)`` accounts
        (:mod:`loanrelief._foundations.progress`).

    Returns
    -------
    dict of numpy.ndarray
        ``days_past_due``, ``bucket`` (strings, as :class:`loanrelief.Bucket`),
        ``missed`` (instalments past their grace), ``overdue_principal``,
        ``overdue_interest``, ``penalty``, ``fees`` (late fees, and the instalment fees
        of the instalments due, unpaid), ``outstanding_principal``,
        ``accrued_interest`` and ``payoff``: each equal to the
        :class:`loanrelief.AccountState` of :func:`loanrelief.account_state` with
        those payments, to the minor unit.

    Raises
    ------
    InvalidTypeError
        Naming ``accounts`` if it is not a :class:`Portfolio`.
    InvalidValueError
        Naming the first account that paid an instalment not yet due (``paid[7]``).

    Notes
    -----
    The replay's rules, in closed form: a missed instalment accrues
    ``base x rate x days / basis`` from its due date (or its grace end), exactly, and
    its total is rounded once (postings never change it), so each instalment's penalty
    is one rounded product: no loop over postings.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> policy = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
    >>> accounts = Portfolio([50000, 50000], [0.18, 0.18], [24, 24],
    ...                      start=date(2024, 1, 15), as_of=date(2024, 6, 1),
    ...                      paid=[1, 4], penalty=policy)
    >>> states = overdue_states(accounts)
    >>> states["days_past_due"].tolist(), states["bucket"].tolist()
    ([78, 0], ['60-89', 'current'])
    >>> states["penalty"].tolist(), states["payoff"].tolist()
    ([265.85, 0.0], [50963.44, 43208.96])
    """
    if not isinstance(accounts, Portfolio):
        raise InvalidTypeError("accounts", accounts, "a loanrelief.batch.Portfolio")
    count = len(accounts.loans)
    out = {name: np.zeros(count, dtype=np.int64) for name in STATES}

    def state(block: AccountBlock) -> tuple[Ints, dict[str, Ints]]:
        return block.index, block.state

    for index, values in account_blocks(accounts, block_size, state, progress):
        for name, column in values.items():
            out[name][index] = column
    result: dict[str, Any] = {
        "days_past_due": out["days_past_due"],
        "bucket": _BUCKETS[np.searchsorted(BUCKET_LIMITS, out["days_past_due"])],
        "missed": out["missed"],
    }
    for name in _FIELDS:
        result[name] = out[name] if accounts.minor_units else out[name] / 10**accounts.loans.digits
    return result


@dataclass(frozen=True)
class AccountBlock:
    """One block of accounts, instalments along the second axis (minor units, day numbers).

    ``penalty`` and ``fees`` are what each instalment was charged (its late fee, and
    its instalment fee once due); ``fee`` is each account's instalment fee;
    ``unpaid`` marks the instalments not paid, ``fallen`` those of them due by
    ``as_of``; ``state`` holds the fields of :func:`overdue_states`.
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
    fee: Ints


def account_blocks(
    accounts: Portfolio,
    block_size: int,
    work: Callable[[AccountBlock], T],
    progress: Progress = None,
) -> Iterator[T]:
    """Yield ``work`` of each block of accounts, in order, blocks run on every core.

    NumPy releases the interpreter lock inside its loops, so blocks in threads run in
    parallel; each block is independent, so the results do not depend on the number
    of threads, and an error is the one the first failing block raises. Each block
    done is reported to ``progress`` (:mod:`loanrelief._foundations.progress`).
    """
    check_block_size(block_size)
    count = len(accounts.loans)
    ranges = [
        np.arange(begin, min(begin + block_size, count)) for begin in range(0, count, block_size)
    ]

    def run(index: Ints) -> T:
        return work(account_block(accounts, index))

    with reporting(progress, count, "accounts") as advance:
        if len(ranges) < 2:
            for index in ranges:
                result = run(index)
                advance(len(index))
                yield result
            return
        with ThreadPoolExecutor(min(len(ranges), os.cpu_count() or 1)) as pool:
            for index, result in zip(ranges, pool.map(run, ranges), strict=True):
                advance(len(index))
                yield result


def account_block(accounts: Portfolio, index: Ints) -> AccountBlock:
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
    accounts: Portfolio,
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
    fee = accounts.fee[index]
    # the late fee of each missed instalment, and the instalment fee of each one due
    fees = np.where(missed, policy.late_fees(contract, loans.digits), 0)
    fees = fees + np.where(fallen, fee[:, None], 0)
    accrues_from = due + (grace if policy.grace_from is GraceFrom.GRACE_END else 0)
    base = principal + (interest if policy.base is PenaltyBase.INSTALMENT else 0)
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
        fee,
    )
