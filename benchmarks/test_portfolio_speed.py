"""Time portfolio-sized batch work against what a user would pick instead, in one run.

- Totals of 1,000,000 annuities of 360 months: loanrelief's exact-cent walk against
  numpy-financial's and pyxirr's closed-form ``pmt`` (floats, unrounded; a user's
  shortcut ``total interest = n x pmt - P``).
- 10,000 full 360-row schedules: ``batch.schedules`` against numpy-financial and
  pyxirr broadcasting ``ipmt``/``ppmt`` over the 10,000 x 360 grid, and against
  looping the ``amortization`` package.
- 100,000 overdue accounts: ``batch.overdue_states`` against looping
  ``account_state``, and a comparison of 8 relief options with ``batch.compare_levers``
  against looping ``compare`` (the loops over a sample of accounts; the README
  scales them per account).

Run ``python -m pytest benchmarks --benchmark-only`` to print the table; the figures
are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy_financial as npf
import pytest
import pyxirr
from amortization.schedule import amortization_schedule

import loanrelief as lr
from relief_options import OPTIONS

RNG = np.random.default_rng(2026)
MILLION = 1_000_000
TERM = 360
PRINCIPAL = RNG.integers(1_000_00, 500_000_00, MILLION) / 100
RATE = RNG.integers(200, 3600, MILLION) / 10_000  # 2 % to 36 %, four decimals
SCHEDULES = 10_000
PERIODS = np.arange(1, TERM + 1)

ACCOUNTS = 100_000
SAMPLE = 100  # accounts the one-account loops run over
AS_OF = date(2025, 3, 1)
START = np.datetime64("2024-01-01") + RNG.integers(0, 200, ACCOUNTS)
ACCOUNT_PRINCIPAL = RNG.integers(1_000_00, 50_000_00, ACCOUNTS) / 100
ACCOUNT_RATE = RNG.integers(500, 3600, ACCOUNTS) / 10_000
ACCOUNT_TERM = RNG.choice([12, 24, 36], ACCOUNTS)
PAID = RNG.integers(0, 4, ACCOUNTS)
POLICY = lr.PenaltyPolicy(
    rate_multiplier="1.5", compound=True, day_count="act/360", late_fee=25, grace_days=3
)


def _portfolio(count: int = ACCOUNTS) -> lr.batch.Portfolio:
    """Return the first ``count`` accounts, as the batch functions take them."""
    return lr.batch.Portfolio(
        ACCOUNT_PRINCIPAL[:count],
        ACCOUNT_RATE[:count],
        ACCOUNT_TERM[:count],
        start=START[:count],
        as_of=AS_OF,
        paid=PAID[:count],
        penalty=POLICY,
    )


def _accounts(count: int) -> list[lr.AccountState]:
    """Return the first ``count`` accounts, each replayed alone (for the one-account loops)."""
    states = []
    for k in range(count):
        loan = lr.Loan(
            str(ACCOUNT_PRINCIPAL[k]),
            str(ACCOUNT_RATE[k]),
            int(ACCOUNT_TERM[k]),
            start=START[k].astype(object),
        )
        paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[: PAID[k]]]
        states.append(lr.account_state(loan, paid, as_of=AS_OF, penalty=POLICY))
    return states


# -- totals of a million loans ------------------------------------------------------------


@pytest.mark.benchmark(group="totals of 1,000,000 annuities x 360 months")
def test_loanrelief_amortize_totals(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: payment, total interest and last payment, exact cents."""
    totals = benchmark.pedantic(
        lr.batch.amortize_totals, (PRINCIPAL, RATE, TERM), rounds=3, iterations=1
    )
    assert totals["payment"].shape == (MILLION,)
    loan = lr.Loan(str(PRINCIPAL[-1]), str(RATE[-1]), TERM, start=date(2024, 1, 1))
    assert totals["total_interest"][-1] == float(lr.amortize(loan).total_interest)


@pytest.mark.benchmark(group="totals of 1,000,000 annuities x 360 months")
def test_numpy_financial_pmt_totals(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: pmt over arrays, total interest as n x pmt - P (unrounded)."""

    def totals() -> tuple[np.ndarray, np.ndarray]:
        payment = -npf.pmt(RATE / 12, TERM, PRINCIPAL)
        return payment, payment * TERM - PRINCIPAL

    payment, _ = benchmark.pedantic(totals, rounds=3, iterations=1)
    exact = lr.batch.amortize_totals(PRINCIPAL[:100], RATE[:100], TERM)["payment"]
    # The same payment unrounded (within half a cent, or 1.5 where amortize lowers it).
    assert np.all(np.abs(payment[:100] - exact) <= 0.015 + 1e-9)


@pytest.mark.benchmark(group="totals of 1,000,000 annuities x 360 months")
def test_pyxirr_pmt_totals(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: pmt over arrays, total interest as n x pmt - P (unrounded)."""

    def totals() -> tuple[np.ndarray, np.ndarray]:
        payment = -np.asarray(pyxirr.pmt(RATE / 12, TERM, PRINCIPAL))
        return payment, payment * TERM - PRINCIPAL

    payment, _ = benchmark.pedantic(totals, rounds=3, iterations=1)
    assert payment.shape == (MILLION,)


# -- ten thousand full schedules --------------------------------------------------------------


@pytest.mark.benchmark(group="10,000 full schedules of 360 rows")
def test_loanrelief_schedules(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: every row's interest and principal, exact cents."""

    def rows() -> list[lr.batch.ScheduleBlock]:
        return list(lr.batch.schedules(PRINCIPAL[:SCHEDULES], RATE[:SCHEDULES], TERM))

    blocks = benchmark.pedantic(rows, rounds=5, iterations=1)
    assert sum(len(block) for block in blocks) == SCHEDULES
    assert all((block.balance[:, -1] == 0).all() for block in blocks)


@pytest.mark.benchmark(group="10,000 full schedules of 360 rows")
def test_numpy_financial_grid(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: ipmt and ppmt broadcast over the 10,000 x 360 grid (floats)."""
    rate = RATE[:SCHEDULES, None] / 12
    principal = PRINCIPAL[:SCHEDULES, None]

    def rows() -> tuple[np.ndarray, np.ndarray]:
        return npf.ipmt(rate, PERIODS, TERM, principal), npf.ppmt(rate, PERIODS, TERM, principal)

    _, repaid = benchmark.pedantic(rows, rounds=3, iterations=1)
    assert np.allclose(-repaid.sum(axis=1), PRINCIPAL[:SCHEDULES])


@pytest.mark.benchmark(group="10,000 full schedules of 360 rows")
def test_pyxirr_grid(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: ipmt and ppmt over the flattened 10,000 x 360 grid (floats)."""
    rate = np.repeat(RATE[:SCHEDULES] / 12, TERM)
    principal = np.repeat(PRINCIPAL[:SCHEDULES], TERM)
    period = np.tile(PERIODS, SCHEDULES)

    def rows() -> tuple[np.ndarray, np.ndarray]:
        return (
            np.asarray(pyxirr.ipmt(rate, period, TERM, principal)),
            np.asarray(pyxirr.ppmt(rate, period, TERM, principal)),
        )

    _, repaid = benchmark.pedantic(rows, rounds=3, iterations=1)
    assert repaid.shape == (SCHEDULES * TERM,)


@pytest.mark.benchmark(group="10,000 full schedules of 360 rows")
def test_amortization_package_loop(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The amortization package: its schedule generator, loan after loan."""

    def rows() -> list[list[tuple[float, ...]]]:
        return [
            list(amortization_schedule(float(p), float(r), TERM))
            for p, r in zip(PRINCIPAL[:SCHEDULES], RATE[:SCHEDULES], strict=True)
        ]

    schedules = benchmark.pedantic(rows, rounds=1, iterations=1)
    assert len(schedules) == SCHEDULES


# -- a hundred thousand overdue accounts ------------------------------------------------


@pytest.mark.benchmark(group="state of 100,000 overdue accounts")
def test_loanrelief_overdue_states(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: days past due, penalty, fees and payoff of every account."""

    def states() -> dict[str, np.ndarray]:
        return lr.batch.overdue_states(_portfolio())

    result = benchmark.pedantic(states, rounds=3, iterations=1)
    assert result["penalty"].sum() > 0


@pytest.mark.benchmark(group="state of 100,000 overdue accounts")
def test_account_state_loop_sample(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The one-account replay, looped over the first 100 accounts."""
    states = benchmark.pedantic(_accounts, (SAMPLE,), rounds=1, iterations=1)
    batch = lr.batch.overdue_states(_portfolio(SAMPLE))
    assert batch["payoff"].tolist() == [float(state.payoff) for state in states]


@pytest.mark.benchmark(group="8 relief options on 100,000 overdue accounts")
def test_loanrelief_compare_levers(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: every option's outcome on every account, and the best under a budget."""

    def table() -> lr.batch.LeverTable:
        return lr.batch.compare_levers(_portfolio(), OPTIONS)

    result = benchmark.pedantic(table, rounds=1, iterations=1)
    assert len(result) == ACCOUNTS
    assert (result.best(500, upfront=2000) >= -1).all()


@pytest.mark.benchmark(group="8 relief options on 100,000 overdue accounts")
def test_compare_loop_sample(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The one-account compare(), looped over the first 100 accounts (replays included)."""

    def tables() -> list[lr.Comparison]:
        return [lr.compare(state, OPTIONS) for state in _accounts(SAMPLE)]

    result = benchmark.pedantic(tables, rounds=1, iterations=1)
    assert len(result) == SAMPLE


def test_a_million_loans_stay_under_a_gigabyte() -> None:
    """Peak memory of the million-loan totals, measured in a fresh process (no timing)."""
    import subprocess  # noqa: PLC0415 - only this check starts a process
    import sys  # noqa: PLC0415

    # VmHWM, the process's own high-water mark (ru_maxrss would carry over the
    # parent's peak across fork and exec).
    script = (
        "import re, numpy as np, loanrelief as lr\n"
        "rng = np.random.default_rng(2026)\n"
        "p = rng.integers(1_000_00, 500_000_00, 1_000_000) / 100\n"
        "r = rng.integers(200, 3600, 1_000_000) / 10_000\n"
        "lr.batch.amortize_totals(p, r, 360)\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s+(\\d+) kB', status)[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    peak_mib = int(done.stdout.split()[-1]) / 1024
    assert peak_mib < 1024, f"peak {peak_mib:.0f} MiB"
