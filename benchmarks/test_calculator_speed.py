"""Time the calculators against numpy-financial's and pyxirr's functions of the same name.

- ``pmt`` of 1,000,000 loans (rate, term and amount each drawn): one broadcast call.
- ``rate`` of 100,000 level-payment loans: loanrelief's ``rate`` (every root isolated)
  against numpy-financial's and pyxirr's ``rate`` (Newton from a guess).
- ``rate`` of one 48-period loan: the single call a notebook makes.

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
LOANS = 1_000_000
RATE = RNG.uniform(0.001, 0.03, LOANS)
TERM = RNG.integers(6, 361, LOANS).astype(np.float64)
AMOUNT = RNG.uniform(1_000, 100_000, LOANS)
SOME = 100_000
PAYMENT = np.asarray(npf.pmt(RATE[:SOME], TERM[:SOME], AMOUNT[:SOME]))


@pytest.mark.benchmark(group="pmt of 1,000,000 loans")
def test_loanrelief_pmt(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: one broadcast call (expm1/log1p, checked inputs)."""
    payments = benchmark(lr.tvm.pmt, RATE, TERM, AMOUNT)
    assert np.allclose(payments[:SOME], PAYMENT, rtol=1e-10)


@pytest.mark.benchmark(group="pmt of 1,000,000 loans")
def test_numpy_financial_pmt(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: one broadcast call."""
    benchmark(npf.pmt, RATE, TERM, AMOUNT)


@pytest.mark.benchmark(group="pmt of 1,000,000 loans")
def test_pyxirr_pmt(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: one vectorised call."""
    benchmark(pyxirr.pmt, RATE, TERM, AMOUNT)


@pytest.mark.benchmark(group="rate of 100,000 loans")
def test_loanrelief_rate(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the batch irr over blocks of streams."""
    rates = benchmark.pedantic(lr.tvm.rate, (TERM[:SOME], PAYMENT, AMOUNT[:SOME]), rounds=3)
    assert np.allclose(rates, RATE[:SOME], rtol=1e-9)


@pytest.mark.benchmark(group="rate of 100,000 loans")
def test_numpy_financial_rate(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: Newton from 0.1, broadcast."""
    benchmark.pedantic(npf.rate, (TERM[:SOME], PAYMENT, AMOUNT[:SOME], 0), rounds=3)


@pytest.mark.benchmark(group="rate of 100,000 loans")
def test_pyxirr_rate(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: vectorised Newton."""
    benchmark.pedantic(pyxirr.rate, (TERM[:SOME], PAYMENT, AMOUNT[:SOME]), rounds=3)


@pytest.mark.benchmark(group="rate of one 48-period loan")
def test_loanrelief_rate_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: one call."""
    assert benchmark(lr.tvm.rate, 48, -200, 8000) == pytest.approx(0.00770147248820137)


@pytest.mark.benchmark(group="rate of one 48-period loan")
def test_numpy_financial_rate_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: one call."""
    benchmark(npf.rate, 48, -200, 8000, 0)


@pytest.mark.benchmark(group="rate of one 48-period loan")
def test_pyxirr_rate_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: one call."""
    benchmark(pyxirr.rate, 48, -200, 8000)
