"""Every rate of a stream, and the one chosen by default, on long random streams of both signs.

The roots are checked against computations that share nothing with the library's: each
sign of a present value is an exactly rounded sum (``math.fsum``) of terms computed with
Python's ``math`` (not NumPy), on a dense grid of rates; short integer streams are also
checked against the eigenvalues of their companion matrix (``numpy.roots``), and the
default rate against numpy-financial's development rule and pyxirr.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import pytest
import pyxirr
from hypothesis import example, given, settings
from hypothesis import strategies as st

import loanrelief as lr

# ---------------------------------------------------------------------------- helpers


def _sign(flows: np.ndarray, times: np.ndarray, rate: float, nudge: float = 0.0) -> int:
    """The sign of ``sum flows v**times`` (``v = 1 / (1 + rate)`` times ``exp(nudge)``).

    By math.log and math.exp and an exactly rounded sum, math.fsum; 0 where unsure.
    """
    log_v = -math.log1p(rate) + nudge
    logs = [math.log(abs(c)) + t * log_v for c, t in zip(flows, times, strict=True) if c]
    if not logs:
        return 0
    top = max(logs)
    terms = [
        math.copysign(math.exp(x - top), c)
        for x, c in zip(logs, (c for c in flows if c), strict=True)
    ]
    total = math.fsum(terms)
    noise = 1e-12 * math.fsum(abs(x) for x in terms)  # far above rounding, far below values
    return 0 if abs(total) <= noise else (1 if total > 0 else -1)


def _changes_sign_at(flows: np.ndarray, times: np.ndarray, rate: float) -> bool:
    """Whether the present value changes sign (or vanishes) within a hair of ``rate``.

    The hair is 1e-9 of ``v``, widened near -100 %, where the float ``rate`` itself
    holds ``v = 1 / (1 + rate)`` only to ``eps / (1 + rate)``.
    """
    hair = 1e-9 + 8 * np.finfo(float).eps * max(1.0, abs(rate)) / (1 + rate)
    return _sign(flows, times, rate, -hair) * _sign(flows, times, rate, hair) <= 0


def _grid_crossings(flows: np.ndarray, times: np.ndarray) -> list[tuple[float, float]]:
    """Rate intervals across which the present value surely changes sign, on a dense grid.

    Each sign is the plain sum of the scaled terms, kept only where it exceeds 1e-12 of
    their magnitude (far above rounding): no bracketing, no derivatives, no subdivision.
    """
    logs_v = np.concatenate(
        [
            np.linspace(-0.02, 0.02, 801),  # about 0 %, where long streams' roots crowd
            np.linspace(-0.5, 0.5, 801),
            np.linspace(-6.0, 6.0, 401),
        ]
    )
    logs_v = np.unique(logs_v)
    live = flows != 0
    logs = np.log(np.abs(flows[live]))[None, :] + times[live][None, :] * logs_v[:, None]
    terms = np.exp(logs - logs.max(axis=1, keepdims=True)) * np.sign(flows[live])
    total, size = terms.sum(axis=1), np.abs(terms).sum(axis=1)
    sure = np.abs(total) > 1e-12 * size
    signs = np.sign(total[sure]).astype(int).tolist()
    points = sorted(zip(np.expm1(-logs_v[sure]).tolist(), signs, strict=True))  # by rate
    return [(r0, r1) for (r0, s0), (r1, s1) in pairwise(points) if s0 != s1]


def _streams(draw: st.DrawFn, size: int) -> np.ndarray:
    """A long stream of both signs: normal amounts, small integers, or a sparse investment."""
    seed = draw(st.integers(0, 2**32 - 1))
    kind = draw(st.sampled_from(["normal", "integers", "investor"]))
    rng = np.random.default_rng(seed)
    if kind == "normal":
        return np.round(rng.normal(0.0, 1000.0, size), 2)
    if kind == "integers":
        flows = rng.integers(-9, 10, size).astype(float)
        flows[0] = flows[0] or -1.0
        return flows
    flows = np.where(rng.random(size) < 0.3, rng.uniform(-500, 500, size), 0.0)
    flows[0] = -abs(rng.uniform(1000, 5000))
    flows[-1] = rng.uniform(-2000, 8000)
    return np.round(flows, 2)


@st.composite
def long_streams(draw: st.DrawFn) -> np.ndarray:
    """Streams of 100 to 2,000 flows with many sign changes."""
    return _streams(draw, draw(st.integers(100, 2000)))


def _least_non_negative(rates: tuple[float, ...]) -> float:
    gains = [r for r in rates if r >= 0]
    return min(gains) if gains else max(rates)


# ---------------------------------------------------------------------------- properties


@settings(max_examples=25)
@given(long_streams())
def test_every_root_of_a_long_random_stream_is_found(flows: np.ndarray) -> None:
    """Each rate found is a sign change of the present value, and no grid crossing lacks one.

    Independent of the library: signs from math.exp and math.fsum on a grid of 2,000
    rates, dense about 0 %, where a long stream's rates crowd.
    """
    times = np.arange(flows.size, dtype=float)
    found = lr.tvm.irr(flows, roots="all", on_no_solution="nan")
    assert list(found) == sorted(found)
    assert len(found) <= int(lr._foundations.roots.sign_changes(flows[None, :])[0])  # Descartes
    for rate in found:
        assert _changes_sign_at(flows, times, rate), rate  # a change of sign, or a zero
    for low, high in _grid_crossings(flows, times):
        assert any(low <= rate <= high for rate in found), (low, high)
    if found:
        assert lr.tvm.irr(flows) == pytest.approx(_least_non_negative(found), rel=1e-9, abs=1e-12)
        nearest = lr.tvm.irr(flows, roots="nearest")
        assert nearest == pytest.approx(min(found, key=abs), rel=1e-9, abs=1e-12)
    else:
        with pytest.raises(lr.NoSolutionError):
            lr.tvm.irr(flows)


@settings(max_examples=25)
@given(st.data())
def test_every_root_of_long_dated_flows_is_found(data: st.DataObject) -> None:
    """XIRR of up to 1,000 dated flows of both signs: the same checks, on years of 365 days."""
    flows = _streams(data.draw, data.draw(st.integers(50, 1000)))
    spacing = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    days = np.concatenate([[0], np.cumsum(spacing.integers(0, 41, flows.size - 1))])
    dates = [date(2001, 1, 1) + timedelta(days=int(d)) for d in days]
    times = days / 365.0
    found = lr.tvm.xirr(dates, flows, roots="all", on_no_solution="nan")
    for rate in found:
        assert _changes_sign_at(flows, times, rate), rate
    for low, high in _grid_crossings(flows, times):
        assert any(low <= rate <= high for rate in found), (low, high)
    if found:
        chosen = lr.tvm.xirr(dates, flows)
        assert chosen == pytest.approx(_least_non_negative(found), rel=1e-9, abs=1e-12)
        assert lr.tvm.xirr([dates], [flows])[0] == chosen  # alone or in a batch: the same bits


@given(st.lists(st.integers(-20, 20), min_size=3, max_size=12))
def test_roots_agree_with_the_companion_matrix(coefficients: list[int]) -> None:
    """Short integer streams: every well-separated real root of numpy.roots, and no other."""
    flows = np.array(coefficients, dtype=float)
    if not flows.any():
        return
    found = lr.tvm.irr(flows, roots="all", on_no_solution="nan")
    # numpy.roots takes the highest power first: v**k carries flow k
    roots = np.roots(flows[::-1])
    real = roots[np.abs(roots.imag) <= 1e-7 * np.maximum(1.0, np.abs(roots))].real
    real = np.sort(real[real > 0])
    close = np.diff(real) < 1e-4 * real[1:] if real.size > 1 else np.array([], dtype=bool)
    if close.any() or np.any(np.abs(roots.imag[np.abs(roots.imag) > 0]) < 1e-4):
        return  # a multiple or near-multiple root: eigenvalues are too rough to compare
    expected = sorted(1 / real - 1)
    expected = [r for r in expected if -1 < r < 1e300 and 1 / (1 + r) < 2**53]
    assert found == pytest.approx(tuple(expected), rel=1e-7, abs=1e-9)


def _npf_development_choice(flows: list[float]) -> float | None:
    """numpy-financial's development rule, from numpy.roots (its own computation)."""
    roots = np.roots(flows)  # in g = 1 + rate, the first flow's power highest
    rates = np.real(roots[np.isreal(roots)]) - 1
    rates = rates[rates >= -1]
    if rates.size == 0:
        return None
    if not (np.all(rates > 0) if rates[0] > 0 else np.all(rates < 0)):
        rates = rates[rates >= 0] if rates[rates > 0].sum() >= rates[rates < 0].sum() else rates
    return float(rates[np.argmin(np.abs(rates))])


@example(flows=[-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1.0])
@example(flows=[-10000.0, 27000.0, -18200.0])
@given(
    st.lists(
        st.floats(-5000, 5000, allow_nan=False).map(lambda x: round(x, 2)), min_size=3, max_size=9
    )
)
def test_the_default_rate_is_the_peers_where_they_agree(flows: list[float]) -> None:
    """Where numpy-financial's development rule and pyxirr (Newton from 10 %) agree, so does irr.

    Both are computed by the peers themselves: numpy.roots (eigenvalues) with the rule of
    numpy-financial's ``_irr_default_selection``, and pyxirr's ``irr``.
    """
    peers = _npf_development_choice(flows), pyxirr.irr(flows, silent=True)
    if None in peers or not all(np.isfinite(p) for p in peers):
        return
    theirs, newton = peers
    assert theirs is not None
    assert newton is not None
    if abs(theirs - newton) > 1e-7 * max(1.0, abs(theirs)) or theirs <= -0.9999:
        return  # they disagree (or at -100 %, where eigenvalues blur): nothing to agree with
    assert lr.tvm.irr(flows) == pytest.approx(theirs, rel=1e-6, abs=1e-9)


def test_the_issues_stream_gives_the_peers_rate() -> None:
    """The stream numpy-financial's own tests keep (gh-44): 100.43 %, not -99.98 %."""
    flows = [-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1]
    assert lr.tvm.irr(flows) == pytest.approx(1.0042698487, rel=1e-9)
    assert lr.tvm.irr(flows) == pytest.approx(pyxirr.irr(flows), rel=1e-9)
    assert lr.tvm.irr(flows, roots="nearest") == pytest.approx(-0.99979126, rel=1e-7)
    assert lr.tvm.irr(flows, roots="all") == pytest.approx((-0.99979126, 1.0042698487), rel=1e-7)


# ---------------------------------------------------------------------------- regressions


def test_a_root_beyond_the_floats_is_no_rate_and_no_error() -> None:
    """A root at v = 0 (an infinite rate) divided a float by zero (issue 29)."""
    dates = [date(2020, 1, 1), date(2020, 1, 2), date(2027, 4, 10)]
    flows = [-1, 103607, -4961]
    assert lr.tvm.xirr(dates, flows) == pytest.approx(pyxirr.xirr(dates, flows), rel=1e-12)
    assert lr.tvm.xirr(dates, flows, roots="all") == pytest.approx((-0.3414990399,), rel=1e-9)
    assert lr.tvm.xirr([dates], [flows])[0] == lr.tvm.xirr(dates, flows)
    assert lr.apr(dates, flows, convention="eu") > -1


@settings(max_examples=300)
@given(
    st.lists(st.integers(-9, 9), min_size=2, max_size=6),
    st.lists(st.integers(0, 3000), min_size=5, max_size=5),
)
def test_small_integer_dated_streams_give_a_rate_or_a_clear_refusal(
    flows: list[int], days: list[int]
) -> None:
    """Random small-integer streams (0.6 % hit a root at v = 0): a rate, or NoSolutionError."""
    offsets = sorted(days[: len(flows) - 1])
    dates = [date(2020, 1, 1)] + [date(2020, 1, 1) + timedelta(days=d) for d in offsets]
    for call in (
        lambda: lr.tvm.xirr(dates, flows),
        lambda: lr.tvm.xirr([dates, dates], [flows, flows]),
        lambda: lr.apr(dates, flows, convention="eu"),
    ):
        try:
            rate = call()
        except lr.NoSolutionError:
            continue
        except lr.LoanReliefError as error:  # a stream apr refuses (no date after the first)
            assert "dates" in str(error) or "amounts" in str(error)
            continue
        assert np.all(np.isfinite(rate))
        assert np.all(np.asarray(rate) > -1)


def test_ten_thousand_flows_with_many_sign_changes_answer() -> None:
    """Thousands of sign changes: no RecursionError, and every rate is a sign change."""
    rng = np.random.default_rng(29)
    flows = rng.normal(size=10_000)
    assert lr._foundations.roots.sign_changes(flows[None, :])[0] > 4_000
    every = lr.tvm.irr(flows, roots="all")
    assert len(every) >= 1
    assert lr.tvm.irr(flows) == pytest.approx(_least_non_negative(every), rel=1e-9, abs=1e-12)
    times = np.arange(flows.size, dtype=float)
    for rate in every:
        assert _changes_sign_at(flows, times, rate), rate


def test_several_advances_under_appendix_j_solve_its_own_equation() -> None:
    """A US APR with two advances and odd days: the root of Appendix J's equation itself.

    Its fractions of a unit period are simple interest (1 + f i), not compound: the
    rate is isolated on the compound twin, then solved on the equation (it was the
    twin's, 0.0596827, before issue 29). Checked by bisection on the equation as written.
    """
    amounts = np.array([[-1000.0, 300.0, -200.0, 1100.0]])
    whole = np.array([[0.0, 1.0, 2.0, 3.0]])
    fraction = np.array([[0.0, 0.5, 0.5, 0.5]])

    def equation(i: float) -> float:
        return math.fsum(
            a / ((1 + f * i) * (1 + i) ** t)
            for a, t, f in zip(amounts[0], whole[0], fraction[0], strict=True)
        )

    low, high = 0.0, 1.0
    for _ in range(100):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if equation(middle) > 0 else (low, middle)
    rate = float(lr._loans.truecost.actuarial_rates(amounts, whole, fraction)[0])
    assert rate == pytest.approx(low, rel=1e-12)
    assert rate == pytest.approx(0.0595408251, rel=1e-9)


@pytest.mark.parametrize(
    ("planted", "close"),
    [
        ([0.8, 0.8, 1.2], 1e-6),  # a double root: rounding spreads it over about sqrt(eps)
        ([0.5, 0.9, 0.9], 1e-6),
        ([1.0, 1.0], 1e-6),  # a double root at a rate of 0 %
        ([0.8, 0.8, 0.8, 1.2], 1e-4),  # a triple root: about eps ** (1 / 3)
        ([0.9] * 5 + [1.1], 5e-2),  # fivefold: rounding hides it over a few percent
    ],
)
def test_a_multiple_root_is_one_rate(planted: list[float], close: float) -> None:
    """A planted multiple root is one rate, near where it was planted, quickly found."""
    flows = np.poly(planted)[::-1]  # the coefficient of v**k is the flow at period k
    expected = sorted({round(1 / v - 1, 12) for v in planted})
    found = lr.tvm.irr(flows, roots="all")
    assert found == pytest.approx(tuple(expected), rel=close, abs=close)
    gains = [r for r in found if r >= 0]
    assert lr.tvm.irr(flows) == pytest.approx(min(gains) if gains else max(found), abs=close)


def test_every_rate_of_a_batch_mixing_one_and_several_sign_changes() -> None:
    """roots="all" on a batch with a loan's stream beside one of several rates: each its own."""
    table = [[-100, 110, 0], [-10000, 27000, -18200], [100, 10, 0]]
    found = lr.tvm.irr(table, roots="all", on_no_solution="nan")
    assert found[0] == pytest.approx((0.1,), rel=1e-12)
    assert found[1] == pytest.approx((0.3, 0.4), rel=1e-12)
    assert found[2] == ()
