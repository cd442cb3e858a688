"""The calculators against numpy-financial's own tests, spreadsheet help pages and properties."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import loans

REFERENCE = Path(__file__).parent / "reference"
CASES = {c["id"]: c for c in json.loads((REFERENCE / "calculator_cases.json").read_text("utf-8"))}
SPREADSHEET = {
    c["id"]: c
    for name in ("schedule_cases.json", "cashflow_cases.json")
    for c in json.loads((REFERENCE / name).read_text("utf-8"))
}
FUNCTIONS = {
    name: getattr(lr.tvm, name)
    for name in ("pmt", "ipmt", "ppmt", "pv", "fv", "nper", "rate", "mirr", "cumipmt", "cumprinc")
}
NPF_CASES = [c for c in CASES if c.startswith("npf-")]


@pytest.mark.parametrize("case_id", NPF_CASES)
def test_numpy_financial_own_cases(case_id: str) -> None:
    """Every case of numpy-financial's test suite, to its precision; NaN/inf ones raise."""
    found = CASES[case_id]
    function = FUNCTIONS[found["kind"]]
    args, kwargs, expected = found["inputs"]["args"], found["inputs"]["kwargs"], found["expected"]
    if isinstance(expected, str):
        with pytest.raises(getattr(lr, expected)):
            function(*args, **kwargs)
        return
    result = function(*args, **kwargs)
    tolerance = found["tolerance"]["rel"]
    assert np.allclose(result, expected, rtol=tolerance, atol=0), (result, expected)


def spreadsheet_call(found: dict[str, Any]) -> Any:
    """Call the calculator a spreadsheet case names, with its inputs (``type`` is ``when``)."""
    inputs, kind = found["inputs"], found["kind"]
    when = inputs.get("type", 0)
    if kind == "pmt":
        return lr.tvm.pmt(inputs["rate"], inputs["nper"], inputs["pv"], inputs["fv"], when)
    if kind in ("ipmt", "ppmt"):
        function = lr.tvm.ipmt if kind == "ipmt" else lr.tvm.ppmt
        return function(
            inputs["rate"], inputs["per"], inputs["nper"], inputs["pv"], inputs["fv"], when
        )
    if kind in ("cumipmt", "cumprinc"):
        function = lr.tvm.cumipmt if kind == "cumipmt" else lr.tvm.cumprinc
        return function(
            inputs["rate"],
            inputs["nper"],
            inputs["pv"],
            inputs["start_period"],
            inputs["end_period"],
            when,
        )
    if kind == "rate":
        return lr.tvm.rate(inputs["nper"], inputs["pmt"], inputs["pv"], inputs["fv"], when)
    if kind == "nper":
        return lr.tvm.nper(inputs["rate"], inputs["pmt"], inputs["pv"], inputs["fv"], when)
    if kind == "fv":
        return lr.tvm.fv(inputs["rate"], inputs["nper"], inputs["pmt"], inputs["pv"], when)
    if kind == "pv":
        return lr.tvm.pv(inputs["rate"], inputs["nper"], inputs["pmt"], inputs["fv"], when)
    assert kind == "mirr"
    return lr.tvm.mirr(inputs["values"], inputs["finance_rate"], inputs["reinvest_rate"])


SPREADSHEET_IDS = [c for c in CASES if not c.startswith("npf-")] + [
    "ms-pmt-01",
    "ms-ipmt-01",
    "ms-ppmt-01",
    "ms-cumipmt-01",
    "ms-cumprinc-01",
    "ms-rate-01",
]


@pytest.mark.parametrize("case_id", SPREADSHEET_IDS)
def test_spreadsheet_help_pages(case_id: str) -> None:
    """The spreadsheets' published examples, each to its published precision.

    FormCalc's FV takes the payment as paid in and answers positive; the value is the
    same with the sign of the spreadsheet convention.
    """
    found = CASES.get(case_id) or SPREADSHEET[case_id]
    result = spreadsheet_call(found)
    expected = found["expected"]
    if case_id == "formcalc-fv-01":
        result = -result
    assert abs(result - expected) <= found["tolerance"]["abs"], (result, expected)


def test_when_takes_names_and_numbers() -> None:
    """``when`` is 'end'/'begin' or 0/1, as numpy-financial's; anything else is refused."""
    assert lr.tvm.rate(10, 20, -3500, 10000, 1) == lr.tvm.rate(10, 20, -3500, 10000, "begin")
    assert lr.tvm.pv(0.07, 20, 12000, 0, 0) == lr.tvm.pv(0.07, 20, 12000, 0, "end")
    assert lr.tvm.pmt(0.01, 12, 1000, 0, lr.tvm.When.BEGIN) == lr.tvm.pmt(
        0.01, 12, 1000, 0, "begin"
    )
    for bad in (2, True, "middle", None):
        with pytest.raises(lr.InvalidValueError, match="when="):
            lr.tvm.pmt(0.01, 12, 1000, 0, bad)


def _beyond(gap: float, most: float) -> st.SearchStrategy[float]:
    """Floats from ``gap`` to ``most`` in magnitude (``gap`` itself left out), either sign."""
    return st.one_of(
        st.floats(-most, -gap, exclude_max=True), st.floats(gap, most, exclude_min=True)
    )


rates = _beyond(1e-3, 0.1)
money = _beyond(1e-3, 1e7)


def _periods_within(rate: float, most: int, growth: float = 20.0, least: int = 1) -> int:
    """The most periods, up to ``most``, with a growth ``|n log(1 + rate)|`` below ``growth``."""
    step = abs(math.log1p(rate))
    count = most if step * most < growth else math.ceil(growth / step)
    while count > least and abs(count * math.log1p(rate)) >= growth:
        count -= 1
    return count


@st.composite
def _well_conditioned(draw: st.DrawFn) -> tuple[float, int]:
    """A rate away from zero and a number of periods whose growth stays below ``e^20``."""
    rate = draw(rates)
    return rate, draw(st.integers(1, _periods_within(rate, 190)))


@given(_well_conditioned(), money, st.floats(-1e6, 1e6), st.sampled_from([0, 1]))
def test_agrees_with_numpy_financial(
    terms: tuple[float, int], pv: float, fv: float, when: int
) -> None:
    """Where numpy-financial's formulas are well conditioned the answers agree.

    Past a growth of ``e^20`` its ``(1 + r)^n - 1`` and its differences of large terms
    lose digits (``pmt(0.5, 132, 0.875)`` is -0.4375, not its -0.43751526), and below
    a rate of 1e-3 its ``((1 + r)^n - 1) / r`` loses ``1e-16 / r`` of its digits: there
    the two are not compared (``test_tiny_rates_keep_their_digits``). Both are drawn
    so: the rate away from zero, the periods within the growth.
    """
    rate, nper = terms
    assert abs(nper * math.log1p(rate)) < 20
    payment = lr.tvm.pmt(rate, nper, pv, fv, when)
    assert payment == pytest.approx(float(npf.pmt(rate, nper, pv, fv, when)), rel=1e-9, abs=1e-9)
    size = 1e-12 * (abs(pv) + abs(fv)) * math.exp(abs(nper * math.log1p(rate)))
    assert lr.tvm.fv(rate, nper, payment, pv, when) == pytest.approx(
        float(npf.fv(rate, nper, payment, pv, when)), rel=1e-9, abs=size
    )
    assert lr.tvm.pv(rate, nper, payment, fv, when) == pytest.approx(
        float(npf.pv(rate, nper, payment, fv, when)), rel=1e-9, abs=size
    )
    per = max(1, nper // 2)
    assert lr.tvm.ipmt(rate, per, nper, pv, fv, when) == pytest.approx(
        float(npf.ipmt(rate, per, nper, pv, fv, when)), rel=1e-8, abs=1e-6
    )


@st.composite
def _invertible(draw: st.DrawFn) -> tuple[float, int, int]:
    """A rate, a timing and periods whose growth stays under ``e^20``.

    An annuity due of one period is left out: paid at once, it repays the loan at any
    rate, so none can be found back.
    """
    rate = draw(st.floats(-0.3, 0.5))
    when = draw(st.sampled_from([0, 1]))
    least = 1 + when
    return rate, draw(st.integers(least, _periods_within(rate, 480, least=least))), when


@given(_invertible(), st.floats(100, 1e7))
def test_the_calculators_invert_each_other(terms: tuple[float, int, int], pv: float) -> None:
    """Pmt -> nper, rate, pv and fv give back the periods, rate, amount and zero.

    Each is a difference of terms of size ``pv (1 + r)^n``: equal to their precision,
    ``1e-13`` of the growth (the growth is kept under ``e^20``, past which the number
    of periods a payment needs is decided by digits a float does not hold).
    """
    rate, nper, when = terms
    growth = math.exp(abs(nper * math.log1p(rate)))
    assert growth < math.exp(20)
    payment = lr.tvm.pmt(rate, nper, pv, 0, when)
    scale = pv * growth
    precision = 1e-13 * growth + 1e-12
    assert lr.tvm.fv(rate, nper, payment, pv, when) == pytest.approx(0, abs=1e-12 * scale)
    assert lr.tvm.pv(rate, nper, payment, 0, when) == pytest.approx(pv, rel=1e-9)
    assert lr.tvm.nper(rate, payment, pv, 0, when) == pytest.approx(nper, rel=1e3 * precision)
    if abs(rate) > 1e-6:  # a rate is recoverable where it moves the payment
        assert lr.tvm.rate(nper, payment, pv, 0, when) == pytest.approx(rate, rel=1e-6, abs=1e-9)
    interest = sum(lr.tvm.ipmt(rate, k, nper, pv, 0, when) for k in range(1, nper + 1))
    principal = sum(lr.tvm.ppmt(rate, k, nper, pv, 0, when) for k in range(1, nper + 1))
    assert principal == pytest.approx(-pv, rel=nper * precision)
    assert lr.tvm.cumipmt(rate, nper, pv, 1, nper, when) == pytest.approx(
        interest, rel=nper * precision, abs=1e-9
    )
    assert interest + principal == pytest.approx(nper * payment, rel=nper * precision)


@given(st.floats(1e-300, 1e-12), st.integers(1, 1000), st.floats(1, 1e9))
def test_tiny_rates_keep_their_digits(rate: float, nper: int, pv: float) -> None:
    """At rates far below 1e-9 the payment is pv / n, not numpy-financial's inf or NaN.

    ``((1 + r)^n - 1) / r`` loses every digit once ``1 + r`` rounds to 1; the
    calculators use ``expm1(n log1p(r))`` instead.
    """
    assert lr.tvm.pmt(rate, nper, pv) == pytest.approx(-pv / nper, rel=1e-9)
    assert lr.tvm.fv(rate, nper, -pv / nper, 0) == pytest.approx(pv, rel=1e-9)
    assert lr.tvm.nper(rate, -pv / nper, pv) == pytest.approx(nper, rel=1e-6)


def test_rate_finds_every_root_and_takes_the_one_nearest_the_guess() -> None:
    """-10,000, then 27,000 twice less 45,200 at the end: flows with rates 30 % and 40 %."""
    assert lr.tvm.rate(2, 27000, -10000, -45200) == pytest.approx(0.3, abs=1e-12)
    assert lr.tvm.rate(2, 27000, -10000, -45200, guess=0.5) == pytest.approx(0.4, abs=1e-12)
    with pytest.raises(lr.NoSolutionError, match="pmt="):
        lr.tvm.rate(12, 400, 10000, 5000)  # numpy-financial's infeasible case: NaN there


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: lr.tvm.pmt(-1, 12, 1000), "rate="),
        (lambda: lr.tvm.pmt(0.01, 0, 1000), "nper="),
        (lambda: lr.tvm.ipmt(0.01, 13, 12, 1000), "per="),
        (lambda: lr.tvm.ipmt(0.01, 1.5, 12, 1000), "per="),
        (lambda: lr.tvm.nper(0.01, -5, 1000), "pmt="),
        (lambda: lr.tvm.fv(0.5, 10000, -1, 0), "nper="),
        (lambda: lr.tvm.rate(12.5, -100, 1000), "nper="),
        (lambda: lr.tvm.cumipmt(0.01, 12, 1000, 5, 13), "end_period="),
        (lambda: lr.tvm.cumipmt(0.01, 12, 1000, 6, 5), "start_period="),
        (lambda: lr.tvm.mirr([-1, 2], 0.1, [0.1, 0.2]), "reinvest_rate="),
        (lambda: lr.tvm.pmt(0.01, 12, float("nan")), "pv="),
        (lambda: lr.tvm.pmt([0.01, 0.02], [12, 24, 36], 1000), "nper="),
        (lambda: lr.tvm.rate([12, 24], [-100, -90, -80], 1000), "pmt="),
    ],
)
def test_what_numpy_financial_answers_with_nan_is_refused(call: Any, field: str) -> None:
    """A NaN, an infinity or a negative count there is a LoanReliefError naming the input."""
    with pytest.raises(lr.LoanReliefError, match=field):
        call()


@given(
    loans(
        methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL, lr.Method.FLAT),
        max_term=60,
        max_rate="0.36",
        frequencies=(lr.Frequency.MONTHLY, lr.Frequency.BIWEEKLY, lr.Frequency.QUARTERLY),
        currencies=(None, "JPY"),
        late=False,
    ),
    st.floats(0.05, 1.5),
)
def test_term_for_payment_is_the_shortest_that_fits(loan: lr.Loan, share: float) -> None:
    """The schedule never asks more than the payment, and one instalment fewer would.

    The budget is drawn around the loan's own largest payment, so some are met by a
    shorter term, some need a longer one, some cannot be met.
    """
    asked = lr.amortize(loan).columns
    # At least one minor unit (a share of a few units' payment may round to nothing).
    unit = 10.0**-loan.digits
    budget = max(round(share * float((asked["payment"] + asked["fee"]).max()), loan.digits), unit)
    try:
        found = lr.tvm.term_for_payment(loan, str(budget))
    except lr.NoSolutionError as error:
        if "interest" in str(error):  # a budget within a period's interest and fees
            per_period = float(loan.principal) * float(loan.rate)
            per_period /= loan.frequency.periods_per_year
            assert budget <= per_period + float(loan.instalment_fee) + 10**-loan.digits
        else:  # or below what the longest term asks
            most = min(100 * loan.frequency.periods_per_year, 1200)
            longest = lr.amortize(loan.replace(term=most))
            assert (longest.columns["payment"] + longest.columns["fee"]).max() > budget
        return
    columns = found.columns
    assert (columns["payment"] + columns["fee"]).max() <= budget + 1e-9
    term = found.loan.term
    if term > loan.grace_periods + 1:
        shorter = lr.amortize(loan.replace(term=term - 1)).columns
        assert (shorter["payment"] + shorter["fee"]).max() > budget


def test_term_for_payment_matches_nper_for_a_plain_loan() -> None:
    """20,000 at 12 % a year, 1,000 a month: nper 22.43, so 23 instalments of 977.72."""
    loan = lr.Loan(20000, "0.12", 12, start=date(2024, 1, 15))
    schedule = lr.tvm.term_for_payment(loan, 1000)
    assert schedule.loan.term == math.ceil(lr.tvm.nper(0.01, -1000, 20000)) == 23
    assert str(schedule.regular_payment) == "977.72"
    with pytest.raises(lr.NoSolutionError, match="payment="):
        lr.tvm.term_for_payment(loan, 200)  # exactly the interest: nothing is ever repaid
    with pytest.raises(lr.InvalidTermsError, match="loan="):
        lr.tvm.term_for_payment(loan.replace(method="bullet"), 1000)


def test_rate_is_exact_where_the_closed_form_is_known() -> None:
    """rate(10, 0, -3500, 10000) is (20/7)^(1/10) - 1 = 0.110690853710752806..., to the bit."""
    exact = (20 / 7) ** 0.1 - 1
    assert lr.tvm.rate(10, 0, -3500, 10000) == pytest.approx(exact, rel=4e-16)
