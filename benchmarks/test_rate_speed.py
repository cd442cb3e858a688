"""Time the rate solvers on portfolio-sized inputs against what a user would pick instead.

- IRR of 10,000 streams of 361 monthly flows (a 30-year loan each): loanrelief's batch
  ``irr`` against pyxirr's ``irr`` called per stream (with and without a good guess)
  and numpy-financial's ``irr`` (one stream, per-stream time).
- XIRR of 10,000 dated streams of 361 flows: batch ``xirr`` against pyxirr per stream.
- APR of 1,000,000 level-payment loans: ``level_payment_apr`` against pyxirr's and
  numpy-financial's vectorised ``rate`` (numpy-financial on 100,000 loans).

Run ``python -m pytest benchmarks --benchmark-only`` to print the tables; the figures
are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest
import pyxirr

import loanrelief as lr

RNG = np.random.default_rng(2026)
STREAMS, FLOWS = 10_000, 361
ADVANCE = RNG.uniform(1_000, 100_000, STREAMS)
MONTHLY = RNG.uniform(0.001, 0.02, STREAMS)
PAYMENT = np.round(ADVANCE * MONTHLY / (1 - (1 + MONTHLY) ** -(FLOWS - 1)), 2)
TABLE = np.empty((STREAMS, FLOWS))
TABLE[:, 0] = -ADVANCE
TABLE[:, 1:] = PAYMENT[:, None]
OFFSETS = np.cumsum(RNG.integers(28, 32, (STREAMS, FLOWS)), axis=1)
OFFSETS[:, 0] = 0
DATES = np.datetime64("2020-01-01", "D") + OFFSETS
DATE_LISTS = [row.astype(object).tolist() for row in DATES]

LOANS = 1_000_000
AMOUNT = RNG.uniform(1_000, 100_000, LOANS)
RATE = RNG.uniform(0.001, 0.03, LOANS)
TERM = RNG.integers(6, 361, LOANS)
LEVEL = AMOUNT * RATE / (1 - (1 + RATE) ** -TERM)


@pytest.mark.benchmark(group="IRR of 10,000 streams of 361 flows")
def test_loanrelief_irr_batch(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: all 10,000 streams in one call."""
    rates = benchmark(lr.tvm.irr, TABLE)
    assert np.abs(rates - MONTHLY).max() < 1e-4  # payments were rounded to cents


@pytest.mark.benchmark(group="IRR of 10,000 streams of 361 flows")
def test_pyxirr_irr_loop_with_guess(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: irr per stream, given the good guess 0.01."""
    rates = benchmark(lambda: [pyxirr.irr(row, guess=0.01) for row in TABLE])
    assert np.abs(np.array(rates) - lr.tvm.irr(TABLE)).max() < 1e-9


@pytest.mark.benchmark(group="IRR of 10,000 streams of 361 flows")
def test_pyxirr_irr_loop(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: irr per stream, no guess."""
    rates = benchmark.pedantic(lambda: [pyxirr.irr(row) for row in TABLE], rounds=2)
    assert len(rates) == STREAMS


@pytest.mark.benchmark(group="IRR of one stream of 361 flows")
def test_numpy_financial_irr_one_stream(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: irr of ONE stream (it solves a degree-360 polynomial)."""
    rate = benchmark.pedantic(npf.irr, args=(TABLE[0],), rounds=3)
    assert abs(rate - lr.tvm.irr(TABLE[0])) < 1e-9


@pytest.mark.benchmark(group="IRR of one stream of 361 flows")
def test_loanrelief_irr_one_stream(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: irr of one stream, through the same batch code."""
    rate = benchmark(lr.tvm.irr, TABLE[0])
    assert abs(rate - MONTHLY[0]) < 1e-4


@pytest.mark.benchmark(group="XIRR of 10,000 dated streams of 361 flows")
def test_loanrelief_xirr_batch(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: all 10,000 dated streams in one call."""
    rates = benchmark(lr.tvm.xirr, DATES, TABLE)
    assert np.all(rates > 0)


@pytest.mark.benchmark(group="XIRR of 10,000 dated streams of 361 flows")
def test_pyxirr_xirr_loop(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: xirr per stream."""
    rates = benchmark(
        lambda: [pyxirr.xirr(d, row) for d, row in zip(DATE_LISTS, TABLE, strict=True)]
    )
    assert np.abs(np.array(rates) - lr.tvm.xirr(DATES, TABLE)).max() < 1e-8


@pytest.mark.benchmark(group="APR of 1,000,000 level-payment loans")
def test_loanrelief_level_payment_apr(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: level_payment_apr over a million loans."""
    aprs = benchmark(lr.tvm.level_payment_apr, AMOUNT, LEVEL, TERM)
    assert np.abs(aprs - 12 * RATE).max() < 1e-9


@pytest.mark.benchmark(group="APR of 1,000,000 level-payment loans")
def test_pyxirr_rate_vectorised(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: rate over arrays of a million loans."""
    rates = benchmark.pedantic(pyxirr.rate, args=(TERM, -LEVEL, AMOUNT), rounds=2)
    assert np.nanmax(np.abs(np.asarray(rates, dtype=float) - RATE)) < 1e-6


@pytest.mark.benchmark(group="APR of 100,000 level-payment loans (numpy-financial)")
def test_numpy_financial_rate_100k(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: rate over arrays of 100,000 loans (a tenth of the others)."""
    part = slice(0, 100_000)
    rates = benchmark.pedantic(
        npf.rate, args=(TERM[part], -LEVEL[part], AMOUNT[part], 0), rounds=3
    )
    assert np.nanmax(np.abs(rates - RATE[part])) < 1e-6


@pytest.mark.benchmark(group="APR of 100,000 level-payment loans (numpy-financial)")
def test_loanrelief_level_payment_apr_100k(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the same 100,000 loans."""
    part = slice(0, 100_000)
    aprs = benchmark(lr.tvm.level_payment_apr, AMOUNT[part], LEVEL[part], TERM[part])
    assert np.abs(aprs - 12 * RATE[part]).max() < 1e-9
