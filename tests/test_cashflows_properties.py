"""Properties of the cash-flow analytics: IRR, XIRR and APR on random streams and loans."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import numpy as np
import numpy_financial as npf
import pytest
import pyxirr
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.roots import solve_discount, solve_discount_one
from loanrelief._loans.truecost import _level_sums, _level_sums_one
from tests.strategies import (
    UNSCHEDULED,
    amounts,
    annual_rates,
    dated_streams,
    loan_streams,
    loans,
    terms,
)


@given(loan_streams())
def test_npv_at_the_irr_is_zero(flows: list[float]) -> None:
    """The present value at the IRR is zero to 1e-8 of the largest flow."""
    rate = lr.tvm.irr(flows)
    assert abs(lr.tvm.npv(rate, flows)) <= 1e-8 * max(abs(f) for f in flows)


@given(loan_streams(max_length=40))
def test_irr_agrees_with_numpy_financial(flows: list[float]) -> None:
    """Loanrelief's IRR equals numpy-financial's to 1e-9 (relative to 1 + rate)."""
    expected = npf.irr(flows)
    assert abs(lr.tvm.irr(flows) - expected) <= 1e-9 * (1 + abs(expected))


def _exact_present_value(dates: list[date], flows: list[float], growth: Decimal) -> Decimal:
    """The XIRR present value at ``1 + rate = growth``, in 50-digit decimal arithmetic."""
    with localcontext() as context:
        context.prec = 50
        log = growth.ln()
        return sum(
            (
                Decimal(flow) * (-Decimal((day - dates[0]).days) / 365 * log).exp()
                for day, flow in zip(dates, flows, strict=True)
            ),
            Decimal(0),
        )


def _is_root(dates: list[date], flows: list[float], rate: float, width: Decimal) -> bool:
    """Whether the exact present value changes sign within ``width`` (relative) of ``1 + rate``."""
    growth = Decimal(rate) + 1
    below = _exact_present_value(dates, flows, growth * (1 - width))
    above = _exact_present_value(dates, flows, growth * (1 + width))
    return below == 0 or above == 0 or (below < 0) != (above < 0)


@given(dated_streams())
@example(  # pyxirr stops 1.2e-9 short of the root 2.863168326550720e14; loanrelief is 1.6e-14 off
    ([date(2000, 1, 1), date(2000, 1, 2), date(2000, 1, 3)], [-100.0, 13.19, 105.56])
)
def test_xirr_agrees_with_pyxirr(stream: tuple[list[date], list[float]]) -> None:
    """XIRR equals pyxirr's on random dated streams, to 1e-9 (relative to 1 + rate).

    Where pyxirr gives up or reports about -100 % (losing half in a day), loanrelief
    either returns a rate that close to -100 % (whose present value is zero) or raises
    NoSolutionError when the rate cannot be told from -100 % in floating point. Where the
    two differ by more, loanrelief's rate must be a root to 1e-11 in exact arithmetic and
    pyxirr's must not be (pyxirr stopped short; the two did not find different roots):
    at huge rates a relative error of 1e-12 in ``(1 + rate) ** (-1 / 365)`` is 3.65e-10 in
    the rate, within pyxirr's stopping rule.
    """
    dates, flows = stream
    expected = pyxirr.xirr(dates, flows)
    if expected is None or expected <= -0.999999:
        try:
            rate = lr.tvm.xirr(dates, flows)
        except lr.NoSolutionError:
            return
        # pyxirr gave up: loanrelief's rate must still be a root (relative to the flows);
        # within 1e-6 of -100 % the check itself loses every digit, so only the range is.
        assert rate > -1
        if rate <= -0.999999:
            return
        years = np.array([(day - dates[0]).days / 365 for day in dates])
        terms = [f * (1 + rate) ** -t for f, t in zip(flows, years, strict=True)]
        assert abs(sum(terms)) <= 1e-8 * sum(abs(term) for term in terms)
        return
    rate = lr.tvm.xirr(dates, flows)
    if abs(rate - expected) <= 1e-9 * (1 + abs(expected)):
        return
    width = Decimal("1e-11")
    assert _is_root(dates, flows, rate, width)
    assert not _is_root(dates, flows, expected, width)


@given(st.lists(loan_streams(max_length=30), min_size=1, max_size=8))
def test_batch_irr_equals_single_irr_exactly(streams: list[list[float]]) -> None:
    """Each row of a batch IRR (zero-padded) is exactly the IRR of that stream alone."""
    width = max(len(s) for s in streams)
    table = np.array([s + [0.0] * (width - len(s)) for s in streams])
    batch = lr.tvm.irr(table)
    assert batch.tolist() == [lr.tvm.irr(s) for s in streams]


@given(st.lists(dated_streams(max_length=20), min_size=1, max_size=6))
def test_batch_xirr_equals_single_xirr_exactly(
    streams: list[tuple[list[date], list[float]]],
) -> None:
    """Each row of a batch XIRR (zero-padded) is exactly the XIRR of that stream alone."""
    width = max(len(flows) for _, flows in streams)
    dates = np.array(
        [days + [days[-1]] * (width - len(days)) for days, _ in streams], dtype="datetime64[D]"
    )
    flows = np.array([f + [0.0] * (width - len(f)) for _, f in streams])
    batch = lr.tvm.xirr(dates, flows, on_no_solution="nan")
    single = [lr.tvm.xirr(days, f, on_no_solution="nan") for days, f in streams]
    np.testing.assert_array_equal(batch, single)  # NaN (no rate) matches NaN


@given(
    st.lists(
        st.tuples(st.floats(100, 1e6), st.floats(0.5, 3.0), st.integers(1, 480)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(lr.AprConvention),
)
# A loan at a zero rate beside one near it: the series' sums must run in one order.
@example([(100.0, 1.0, 1), (100.0, 0.96875, 2)], lr.AprConvention.US)
def test_batch_level_apr_equals_single_exactly(
    loans_: list[tuple[float, float, int]], convention: lr.AprConvention
) -> None:
    """level_payment_apr over arrays equals it called loan by loan, exactly."""
    amount = np.array([a for a, _, _ in loans_])
    term = np.array([n for _, _, n in loans_])
    payment = amount * np.array([total for _, total, _ in loans_]) / term
    batch = lr.tvm.level_payment_apr(amount, payment, term, convention=convention)
    single = [
        lr.tvm.level_payment_apr(a, p, int(n), convention=convention)
        for a, p, n in zip(amount, payment, term, strict=True)
    ]
    assert batch.tolist() == single


@given(
    st.floats(1e-9, 1e9),
    st.integers(1, 1200),
    st.sampled_from([0.0, 1e-300, 1e-12, 0.5, 1.0, 1.0 + 1e-12, 2.0, 1e12, 1e300]),
)
def test_level_sums_of_one_loan_are_the_batch_floats(scale: float, n: int, v: float) -> None:
    """The sums behind level_payment_apr: one loan on Python floats, many on arrays.

    The same bits everywhere, at v = 0 (Python refuses the division NumPy answers with
    NaN), at v = 1 and beside it (the series), and where the powers overflow.
    """
    for x in (v, v * scale):
        with np.errstate(all="ignore"):
            batch = _level_sums(np.array([x, 0.75]), np.array([n, 7]))
        try:
            one = _level_sums_one(x, n)
        except ZeroDivisionError:  # the solver's rule: again on a NumPy float
            with np.errstate(all="ignore"):
                one = _level_sums_one(np.float64(x), n)  # type: ignore[arg-type]
        for column, value in zip(batch, one, strict=True):
            np.testing.assert_array_equal(column[0], value)  # NaN matches NaN


@given(st.floats(1e-300, 1e300), st.floats(-700.0, 700.0))
def test_numpy_log_and_exp_of_one_float_are_the_arrays(v: float, x: float) -> None:
    """One stream's evaluations take NumPy's log/exp of a float: a batch's bits.

    (Python's math.log and math.exp may differ from NumPy's SIMD loops in the last bit.)
    """
    assert np.log(v) == np.log(np.array([v, 2.0, 3.0]))[0]
    assert np.exp(x) == np.exp(np.array([x, 2.0, 3.0]))[0]


def _flat(v: float) -> tuple[float, float, None]:
    return v - 0.5, 0.0, None  # Newton's step divides by zero: bisection instead


def _flat_rows(v: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, None]:
    return v - 0.5, np.zeros_like(v), None


def _undefined(v: float) -> tuple[float, float, float]:
    return v / 3 - 0.5, 1 / 3, 0.0 / (v - 2.0)  # 0 / 0 at the start: NaN in NumPy


def _undefined_rows(v: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    return v / 3 - 0.5, np.full_like(v, 1 / 3), 0.0 / (v - 2.0)


@pytest.mark.parametrize(
    ("one", "rows", "root"), [(_flat, _flat_rows, 0.5), (_undefined, _undefined_rows, 1.5)]
)
def test_a_step_that_divides_by_zero_is_taken_on_numpy_floats(
    one: Any, rows: Any, root: float
) -> None:
    """Python floats refuse a division by zero; the step (or evaluation) is NumPy's.

    A zero slope in Newton's step, and a curvature of 0 / 0 in the evaluation: one
    stream then takes the batch's step, to the bit.
    """
    found, converged = solve_discount_one(one, 0.0, np.inf, 2.0, -1.0)
    with np.errstate(all="ignore"):
        batch, done = solve_discount(
            rows,
            np.zeros(1),
            np.full(1, np.inf),
            np.full(1, 2.0),
            np.full(1, -1.0),
        )
    assert converged
    assert done[0]
    assert abs(found - root) < 1e-15
    assert found == batch[0]


@given(amounts(), annual_rates(max_value="0.6"), terms(480))
def test_level_apr_recovers_the_rate(principal: Decimal, rate: Decimal, term: int) -> None:
    """The APR of the exact (unrounded) level payment is the nominal rate, to 1e-10."""
    periodic = Fraction(rate) / 12
    exact = lr.minor.level_payment(int(principal * 100), [periodic] * term)
    result = lr.tvm.level_payment_apr(float(principal), float(exact) / 100, term)
    assert abs(result - float(rate)) <= 1e-10 * 12


@given(
    loans(
        methods=(lr.Method.ANNUITY,),
        grace=False,
        odd_first_period=False,
        bases=(lr.InterestBasis.PERIODIC,),
        frequencies=(lr.Frequency.MONTHLY,),
        max_term=360,
        min_term=2,
    )
)
def test_fee_free_annuity_apr_is_its_rate(loan: lr.Loan) -> None:
    """A fee-free annuity's APR is its nominal rate, within what cent rounding moves it.

    (A single payment is timed in days, Appendix J (b)(3), so one-instalment loans differ.)

    The bound: rounding changes the present value (at the nominal rate) by at most
    the discounted size of each row's difference from the exact payment; dividing by
    the present value's sensitivity to the rate bounds the APR's move.
    """
    schedule = lr.amortize(loan)
    scale = 10**loan.digits
    exact = (
        float(lr.minor.level_payment(loan.principal_minor, [loan.rate / 12] * loan.term)) / scale
    )
    paid = schedule.columns["payment"]
    # The APR rises with every payment, so the payments moved up (down) by each row's
    # difference from the exact one bound it from above (below).
    moved = np.abs(paid - exact)
    advance = -float(loan.principal)
    high = 12 * lr.tvm.irr([advance, *(exact + moved)])
    try:
        low = 12 * lr.tvm.irr([advance, *(exact - moved)])
    except lr.NoSolutionError:  # payments of nothing (a loan of a few minor units)
        low = -12.0
    assert low - 1e-10 <= lr.apr(schedule) <= high + 1e-10


@given(
    loans(max_rate="0.36", max_term=120, grace=False),
    st.sampled_from(lr.AprConvention),
    st.sampled_from(["upfront", "deducted", "instalment"]),
)
def test_any_fee_raises_the_apr(loan: lr.Loan, convention: lr.AprConvention, kind: str) -> None:
    """Adding a fee (paid upfront, withheld, or with each instalment) raises the APR."""
    unit = Decimal(1).scaleb(-loan.digits)
    five_percent = max((loan.principal / 20).quantize(unit, rounding="ROUND_DOWN"), unit)
    if kind != "instalment" and five_percent >= loan.principal:
        return  # nothing would be left to hand over: no rate at all
    fee = {
        "upfront": {"upfront_fee": five_percent},
        "deducted": {"upfront_fee": five_percent, "fee_deducted": True},
        "instalment": {"instalment_fee": Decimal(1)},
    }[kind]
    before = lr.apr(lr.amortize(loan), convention=convention)
    try:
        after = lr.apr(lr.amortize(loan.replace(**fee)), convention=convention)
    except lr.NoSolutionError as error:  # a fee of 1 on a loan of 0.001 over 3 days
        assert "past 1e308" in str(error)  # the APR is higher than any float: refused
        return
    assert after > before


@st.composite
def _flat_loans_with_interest(draw: st.DrawFn) -> lr.Loan:
    """Flat loans over two periods or more above 1 %, lending enough for 100 units of interest.

    A flat loan's interest is its principal x the periodic rate x the periods; a
    principal drawn below what gives 100 minor units of it is raised to that (with
    a margin for the rounding of each row).
    """
    loan = draw(
        loans(
            methods=(lr.Method.FLAT,),
            max_rate="0.36",
            min_rate="0.0101",
            min_term=2,
            grace=False,
            odd_first_period=False,
            bases=(lr.InterestBasis.PERIODIC,),
        )
    )
    periods = loan.rate / loan.frequency.periods_per_year * loan.term
    least = math.ceil((100 + loan.term) / periods)  # minor units
    if loan.principal_minor < least:
        loan = loan.replace(principal=lr.minor.to_major(least, loan.digits))
    return loan


@given(_flat_loans_with_interest())
def test_flat_rate_apr_exceeds_the_quoted_rate(loan: lr.Loan) -> None:
    """A flat (add-on) rate understates the cost: its APR is higher than the quoted rate.

    (For loans whose interest is at least 100 minor units: on less, rounding the
    interest can take away more than the flat rate's understatement. They are drawn so.)
    """
    schedule = lr.amortize(loan)
    assert lr._foundations.money.minor_of(schedule.total_interest, loan.digits) >= 100
    assert lr.apr(schedule) > float(loan.annual_rate)


@given(
    loans(
        methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL),
        max_rate="0.36",
        grace=False,
        odd_first_period=False,
        frequencies=(lr.Frequency.MONTHLY,),
        min_term=2,
    )
)
def test_regular_monthly_conventions_agree(loan: lr.Loan) -> None:
    """With regular months, US and CN APRs coincide, and CN effective equals the EU APRC.

    (A single payment is timed in days under the US and CN rules, in months by the EU's.)
    """
    schedule = lr.amortize(loan)
    us, cn = lr.apr(schedule), lr.apr(schedule, convention="cn")
    eu, cn_effective = (
        lr.apr(schedule, convention="eu"),
        lr.apr(schedule, convention="cn_effective"),
    )
    assert abs(us - cn) <= 1e-10
    assert abs(eu - cn_effective) <= 1e-10


def test_no_rate_raises_naming_the_stream() -> None:
    """A stream of one sign has no IRR: NoSolutionError names it; 'nan' gives NaN for it."""
    with pytest.raises(lr.NoSolutionError, match="amounts"):
        lr.tvm.irr([100, 50, 20])
    with pytest.raises(lr.NoSolutionError, match=r"amounts\[1\]"):
        lr.tvm.irr([[-100, 110], [100, 10]])
    result = lr.tvm.irr([[-100, 110], [100, 10]], on_no_solution="nan")
    assert result[0] == pytest.approx(0.1)
    assert np.isnan(result[1])


@pytest.mark.parametrize(
    "flows",
    [[-100, 100, 0, -7], [-5, 10.5, 1, -8, 1], [-100, 230, -132], [-1000, 2500, -1540]],
)
def test_nearest_gives_the_rate_closest_to_zero(flows: list[float]) -> None:
    """roots="nearest" is numpy-financial 1.0's choice: the rate closest to zero."""
    assert lr.tvm.irr(flows, roots="nearest") == pytest.approx(npf.irr(flows), abs=1e-10)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ((0.1, []), "amounts"),
        ((0.1, [1, float("nan")]), "amounts"),
        ((-1, [1, 2]), "rate"),
        (("x", [1, 2]), "rate"),
        ((0.1, [[1, 2], [3]]), "amounts"),
    ],
)
def test_bad_npv_input_raises(arguments: tuple[object, object], field: str) -> None:
    """Bad rates and flows raise a LoanReliefError naming the field."""
    with pytest.raises(lr.LoanReliefError) as raised:
        lr.tvm.npv(*arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_xnpv_rejects_dates_before_the_first() -> None:
    """A date before the first one is an error, not a silent negative time."""
    with pytest.raises(lr.InvalidValueError, match="dates"):
        lr.tvm.xnpv(0.1, [date(2024, 2, 1), date(2024, 1, 1)], [-100, 110])


def test_apr_rejects_mismatched_input() -> None:
    """Apr needs amounts with dates, one per date, and none with a schedule."""
    schedule = lr.amortize(lr.Loan(1000, "0.1", 12, start=date(2024, 1, 1)))
    with pytest.raises(lr.InvalidValueError, match="amounts"):
        lr.apr(schedule, [1, 2])  # type: ignore[call-overload]
    with pytest.raises(lr.InvalidValueError, match="amounts"):
        lr.apr([date(2024, 1, 1), date(2024, 2, 1)], [-100])
    with pytest.raises(lr.InvalidValueError, match="convention"):
        lr.apr(schedule, convention="uk")


def test_level_apr_names_the_bad_loan() -> None:
    """A bad element of a batch is reported with its index."""
    with pytest.raises(lr.InvalidValueError, match=r"payment\[1\]"):
        lr.tvm.level_payment_apr([1000, 1000], [100, -5], [12, 12])
    with pytest.raises(lr.InvalidValueError, match=r"term\[0\]"):
        lr.tvm.level_payment_apr([1000], [100], [1.5])


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
    st.lists(st.integers(0, 4000), min_size=1, max_size=20),
    st.sampled_from(UNSCHEDULED),
)
def test_vectorised_year_fractions_match(
    start: date, offsets: list[int], day_count: lr.DayCount
) -> None:
    """year_fractions over arrays equals year_fraction date by date (to a few ulps)."""
    ends = [date.fromordinal(start.toordinal() + offset) for offset in offsets]
    fast = lr.tvm.year_fractions(
        np.datetime64(start), np.array(ends, dtype="datetime64[D]"), day_count
    )
    slow = [float(lr.tvm.year_fraction(start, end, day_count)) for end in ends]
    assert np.allclose(fast, slow, rtol=1e-15, atol=1e-15)


@given(
    st.lists(st.floats(-1000, 1000).map(lambda x: round(x, 2)), min_size=2, max_size=30),
    st.floats(100, 10000),
    st.sampled_from([12, 24, 52]),
)
def test_whole_unit_periods_make_the_us_apr_an_irr(
    later: list[float], advance: float, per_year: int
) -> None:
    """With no fractional periods, Appendix J's equation is the IRR equation: APR = w x IRR.

    The flows may include further advances (negative amounts after the first), as in
    Appendix J's multiple-advance transactions.
    """
    flows = [-advance, *later]
    try:
        expected = lr.tvm.irr(flows) * per_year
    except lr.NoSolutionError:
        with pytest.raises(lr.NoSolutionError):
            lr.tvm.actuarial_apr(
                [(f, t, 0.0) for t, f in enumerate(flows)], unit_periods_per_year=per_year
            )
        return
    result = lr.tvm.actuarial_apr(
        [(f, t, 0.0) for t, f in enumerate(flows)], unit_periods_per_year=per_year
    )
    assert result == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_apr_with_payments_on_one_day_does_not_hang() -> None:
    """Two payments on the same day make no unit period (this once looped for ever)."""
    start = date(2024, 1, 1)
    days = [start, date(2024, 2, 1), date(2024, 2, 1), date(2024, 3, 1)]
    rate = lr.apr(days, [-1000.0, 300.0, 200.0, 520.0])
    assert 0.1 < rate < 0.5
    alone = lr.apr([start, date(2024, 2, 1), date(2024, 2, 1)], [-1000.0, 600.0, 420.0])
    assert alone == pytest.approx(lr.apr([start, date(2024, 2, 1)], [-1000.0, 1020.0]))


def test_every_root_of_a_two_root_stream() -> None:
    """[-10000, 27000, -18200] has 30 % and 40 %: numpy-financial finds one, pyxirr the other."""
    flows = [-10000, 27000, -18200]
    both = lr.tvm.irr(flows, roots="all")
    assert both == pytest.approx((0.3, 0.4), rel=1e-13)
    assert lr.tvm.irr(flows) == pytest.approx(0.3, rel=1e-13)  # the one nearest zero
    assert min(abs(npf.irr(flows) - rate) for rate in both) < 1e-9
    assert min(abs(pyxirr.irr(flows) - rate) for rate in both) < 1e-9
    days = [date(2021, 1, 1), date(2022, 1, 1), date(2023, 1, 1)]  # whole years of 365 days
    assert lr.tvm.xirr(days, flows, roots="all") == pytest.approx(both, rel=1e-12)


def test_a_root_near_minus_one_hundred_percent() -> None:
    """[-5000, 5001, -5001, 1] has one rate, -99.98 % (v = 5000 exactly)."""
    assert lr.tvm.irr([-5000, 5001, -5001, 1]) == pytest.approx(-0.9998, rel=1e-12)
    assert lr.tvm.irr([-5000, 5001, -5001, 1], roots="all") == pytest.approx((-0.9998,), rel=1e-12)


def test_a_stream_without_a_root_is_refused_or_empty() -> None:
    """Several sign changes but no root: NoSolutionError, or no rate with 'nan'."""
    flows = [-100, 250, -200]  # -100 + 250 v - 200 v**2 < 0 for every v
    with pytest.raises(lr.NoSolutionError):
        lr.tvm.irr(flows)
    assert lr.tvm.irr(flows, roots="all", on_no_solution="nan") == ()
    assert np.isnan(lr.tvm.irr(flows, on_no_solution="nan"))


@given(
    st.lists(st.floats(np.log(1.02), 0.9), min_size=1, max_size=4),
    st.floats(0.0, 1.0),
    st.floats(0.1, 4.0),
    st.floats(0.0, 1.9),
    st.booleans(),
)
def test_every_planted_root_is_found(
    gaps: list[float], place: float, scale: float, shape: float, complex_pair: bool
) -> None:
    """Streams built from chosen rates: roots="all" returns exactly them, in order.

    The discount-factor polynomial is ``scale x prod (v - v_i)``, times a quadratic
    with no real root where ``complex_pair`` (so complex roots cannot pass for real
    ones). The ``v_i`` lie in ``[0.25, 10]`` (rates from -90 % to 300 %), at least
    2 % apart: drawn as the gaps between their logarithms, so no draw is rejected.
    """
    spare = np.log(40.0) - sum(gaps)  # the log-range [log 0.25, log 10] less the gaps
    factors = np.exp(np.log(0.25) + place * spare + np.cumsum([0.0, *gaps]))
    planted = sorted(1 / factors - 1)
    poly = scale * np.poly(factors)  # highest power first
    if complex_pair:
        poly = np.polymul(poly, [1.0, -shape, 1.0])  # v**2 - shape v + 1 > 0 for |shape| < 2
    flows = poly[::-1]  # the coefficient of v**k is the flow at period k
    found = lr.tvm.irr(flows, roots="all")
    assert found == pytest.approx(tuple(planted), rel=1e-6, abs=1e-6)
    gains = [rate for rate in found if rate >= 0]
    expected = min(gains) if gains else max(found)  # the least non-negative, else nearest
    assert lr.tvm.irr(flows) == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert lr.tvm.irr(flows, roots="nearest") == pytest.approx(
        min(found, key=abs), rel=1e-9, abs=1e-12
    )
    batch = lr.tvm.irr(np.vstack([flows, flows[::-1] * 0 + flows]), roots="all")
    assert batch == [found, found]  # one stream or a batch: the same rates
