"""Time the rates of streams with many sign changes: one rate, and every rate.

Streams of 1,000 and 10,000 random flows of both signs (about half of the steps change
sign: 500 and 5,000 sign changes), as dated flows too, one day apart on average:

- loanrelief's ``irr``/``xirr`` with the default choice (one rate) and ``roots="all"``;
- pyxirr's ``irr``/``xirr``: one rate, by Newton's method from a guess (which finds a
  rate, not a chosen one, and may find none);
- numpy-financial's ``irr``: every root of the polynomial by the eigenvalues of its
  companion matrix (``numpy.roots``), then one chosen; 1,000 flows only (10,000 would
  take minutes);
- one short stream with two rates (``[-10000, 27000, -18200]``) and numpy-financial's
  development example (gh-44).

Run ``python -m pytest benchmarks/test_roots_speed.py --benchmark-only`` to print the
tables; the figures are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import numpy_financial as npf
import pytest
import pyxirr

import loanrelief as lr

RNG = np.random.default_rng(29)
STREAMS = {size: RNG.normal(0.0, 1000.0, size) for size in (1_000, 10_000)}
DAYS = {size: np.cumsum(RNG.integers(0, 3, size)) for size in STREAMS}
DATES = {
    size: [date(2000, 1, 1) + timedelta(days=int(d - days[0])) for d in days]
    for size, days in DAYS.items()
}
PAIR = [-10000.0, 27000.0, -18200.0]
GH44 = [-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1.0]


def _changes(flows: np.ndarray) -> int:
    return int(lr._foundations.roots.sign_changes(flows[None, :])[0])


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="IRR, many sign changes: one rate")
def test_loanrelief_irr_one_rate(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the default rate (the least non-negative), every root ruled out below it."""
    flows = STREAMS[size]
    assert _changes(flows) > size // 3
    rate = benchmark(lr.tvm.irr, flows)
    assert rate in lr.tvm.irr(flows, roots="all")


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="IRR, many sign changes: every rate")
def test_loanrelief_irr_all_rates(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: every rate of the stream, ascending."""
    rates = benchmark(lr.tvm.irr, STREAMS[size], roots="all")
    assert len(rates) >= 1


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="IRR, many sign changes: one rate")
def test_pyxirr_irr_one_rate(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: Newton's method from 10 %; a rate, where it finds one."""
    rate = benchmark(pyxirr.irr, STREAMS[size], silent=True)
    assert rate is None or any(
        abs(rate - r) < 1e-6 for r in lr.tvm.irr(STREAMS[size], roots="all")
    )


@pytest.mark.benchmark(group="IRR, many sign changes: every rate")
def test_numpy_financial_irr_1000(benchmark) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial: the 999 eigenvalues of the companion matrix, then one rate."""
    flows = STREAMS[1_000]
    rate = benchmark.pedantic(npf.irr, args=(flows,), rounds=2)
    assert np.isnan(rate) or min(abs(rate - r) for r in lr.tvm.irr(flows, roots="all")) < 1e-6


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="XIRR, many sign changes: one rate")
def test_loanrelief_xirr_one_rate(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the default rate of dated flows."""
    rate = benchmark(lr.tvm.xirr, DATES[size], STREAMS[size], on_no_solution="nan")
    assert np.isnan(rate) or rate in lr.tvm.xirr(DATES[size], STREAMS[size], roots="all")


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="XIRR, many sign changes: every rate")
def test_loanrelief_xirr_all_rates(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: every rate of dated flows."""
    rates = benchmark(lr.tvm.xirr, DATES[size], STREAMS[size], roots="all", on_no_solution="nan")
    assert list(rates) == sorted(rates)


@pytest.mark.parametrize("size", [1_000, 10_000])
@pytest.mark.benchmark(group="XIRR, many sign changes: one rate")
def test_pyxirr_xirr_one_rate(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: Newton's method from its guess; a rate, where it finds one."""
    rate = benchmark(pyxirr.xirr, DATES[size], STREAMS[size], silent=True)
    assert rate is None or np.isnan(rate) or np.isfinite(rate)


@pytest.mark.parametrize("flows", [PAIR, GH44], ids=["two-rates", "gh-44"])
@pytest.mark.benchmark(group="IRR, a short stream with two rates")
def test_loanrelief_irr_short(benchmark, flows: list[float]) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the default rate of a short stream with two rates."""
    rate = benchmark(lr.tvm.irr, flows)
    assert rate == min(r for r in lr.tvm.irr(flows, roots="all") if r >= 0)


@pytest.mark.parametrize("flows", [PAIR, GH44], ids=["two-rates", "gh-44"])
@pytest.mark.benchmark(group="IRR, a short stream with two rates")
def test_numpy_financial_irr_short(benchmark, flows: list[float]) -> None:  # type: ignore[no-untyped-def]
    """numpy-financial 1.0: the eigenvalues, then the rate closest to zero."""
    rate = benchmark(npf.irr, flows)
    assert any(abs(rate - r) < 1e-9 for r in lr.tvm.irr(flows, roots="all"))


@pytest.mark.parametrize("flows", [PAIR, GH44], ids=["two-rates", "gh-44"])
@pytest.mark.benchmark(group="IRR, a short stream with two rates")
def test_pyxirr_irr_short(benchmark, flows: list[float]) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: a closed form (three flows) or Newton's method from 10 %."""
    rate = benchmark(pyxirr.irr, flows)
    assert any(abs(rate - r) < 1e-9 for r in lr.tvm.irr(flows, roots="all"))
