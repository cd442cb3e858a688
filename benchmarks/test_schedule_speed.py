"""Time one 360-month annuity schedule against what a user would pick instead.

Every contender builds the same 360 rows of a 200,000 loan at 5 % a year:

- loanrelief: dates, exact cents, payment rounded once, final balance exactly zero;
- numpy-financial: ``pmt``, ``ipmt`` and ``ppmt`` broadcast over the 360 periods
  (floats, unrounded, no dates);
- pyxirr: the same three functions over arrays, and called once per period;
- the ``amortization`` package: its schedule generator (floats, no dates).

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

PRINCIPAL = 200_000
ANNUAL_RATE = 0.05
TERM = 360
RATE = ANNUAL_RATE / 12
PERIODS = np.arange(1, TERM + 1)
LOAN = lr.Loan(PRINCIPAL, str(ANNUAL_RATE), TERM, start=date(2024, 1, 15))

pytestmark = pytest.mark.benchmark(group="one 360-month annuity schedule")


def test_loanrelief_amortize(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the full schedule with dates and exact cents."""
    schedule = benchmark(lr.amortize, LOAN)
    assert len(schedule) == TERM
    assert schedule[-1].balance == 0


def test_numpy_financial_broadcast(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: pmt, ipmt and ppmt over all periods at once, unrounded."""

    def rows() -> tuple[float, np.ndarray, np.ndarray]:
        return (
            npf.pmt(RATE, TERM, PRINCIPAL),
            npf.ipmt(RATE, PERIODS, TERM, PRINCIPAL),
            npf.ppmt(RATE, PERIODS, TERM, PRINCIPAL),
        )

    payment, _, principal = benchmark(rows)
    assert abs(-payment - float(lr.amortize(LOAN).regular_payment)) < 0.01
    assert abs(-principal.sum() - PRINCIPAL) < 1e-6


def test_pyxirr_vectorized(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: pmt, ipmt and ppmt over arrays of periods, unrounded."""

    def rows() -> tuple[float, np.ndarray, np.ndarray]:
        return (
            pyxirr.pmt(RATE, TERM, PRINCIPAL),
            pyxirr.ipmt(RATE, PERIODS, TERM, PRINCIPAL),
            pyxirr.ppmt(RATE, PERIODS, TERM, PRINCIPAL),
        )

    _, _, principal = benchmark(rows)
    assert abs(-np.sum(principal) - PRINCIPAL) < 1e-6


def test_pyxirr_per_period(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: ipmt and ppmt called once per period, as a row loop would."""

    def rows() -> list[tuple[float, float]]:
        return [
            (pyxirr.ipmt(RATE, k, TERM, PRINCIPAL), pyxirr.ppmt(RATE, k, TERM, PRINCIPAL))
            for k in range(1, TERM + 1)
        ]

    result = benchmark(rows)
    assert abs(-sum(p for _, p in result) - PRINCIPAL) < 1e-6


def test_amortization_package(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The amortization package: its schedule generator, floats rounded to cents."""
    result = benchmark(lambda: list(amortization_schedule(PRINCIPAL, ANNUAL_RATE, TERM)))
    assert len(result) == TERM
