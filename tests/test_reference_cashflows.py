"""Cash-flow analytics against published reference values, one test per case id."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import loanrelief as lr

CASES: dict[str, dict[str, Any]] = {
    case["id"]: case
    for case in json.loads(
        (Path(__file__).parent / "reference" / "cashflow_cases.json").read_text("utf-8")
    )
}


def case(case_id: str) -> tuple[dict[str, Any], Any, float]:
    found = CASES[case_id]
    return found["inputs"], found["expected"], found["tolerance"]["abs"]


def fraction(value: float | str) -> float:
    """A published fraction such as '6/15' or '365/255' as a float."""
    return float(Fraction(value)) if isinstance(value, str) else float(value)


def regz_flows(inputs: dict[str, Any]) -> list[tuple[float, int, float]]:
    flows = [(-float(inputs["amount_advanced"]), 0, 0.0)]
    for series in inputs["payment_series"]:
        for k in range(series["count"]):
            flows.append((series["amount"], series["t_first"] + k, fraction(series["f"])))
    return flows


@pytest.mark.parametrize("case_id", [c for c in CASES if CASES[c]["kind"] == "apr_regz"])
def test_regz_appendix_j(case_id: str) -> None:
    """Regulation Z Appendix J examples: the general equation, APR to two decimals."""
    inputs, expected, tolerance = case(case_id)
    rate = lr.tvm.actuarial_apr(
        regz_flows(inputs), unit_periods_per_year=fraction(inputs["unit_periods_per_year_w"])
    )
    assert abs(round(100 * rate, 2) - expected) <= tolerance


REGZ_CASES = [c for c in CASES if CASES[c]["kind"] == "apr_regz"]


def regz_dated(inputs: dict[str, Any]) -> tuple[list[date], list[float]]:
    """The example's flows on calendar dates: each series steps by months or days."""
    dated = inputs["dated"]
    advance = date.fromisoformat(dated["advance_date"])
    dates, amounts = [advance], [-float(inputs["amount_advanced"])]
    for series in dated["series"]:
        first, count, every = date.fromisoformat(series["first"]), series["count"], series["every"]
        if every is None:
            assert count == 1
            steps = [first]
        elif every == "semimonthly":
            steps = lr.tvm.due_dates(advance, count, "semimonthly", first_due_date=first).tolist()
        else:
            size, unit = every.split()
            if unit.startswith("month"):
                steps = [lr.tvm.add_months(first, int(size) * k) for k in range(count)]
            else:
                steps = [date.fromordinal(first.toordinal() + int(size) * k) for k in range(count)]
        dates += steps
        amounts += [float(series["amount"])] * count
    return dates, amounts


@pytest.mark.parametrize("case_id", REGZ_CASES)
def test_regz_appendix_j_from_dates(case_id: str) -> None:
    """Every Appendix J (c) example from its calendar dates alone, no unit period named.

    The APR rounds to the published figure, and it equals the general equation's on the
    example's own unit-period counts (t, f) and w: the unit period, its count per year
    and every fraction were inferred from the dates as the example states them.
    """
    inputs, expected, tolerance = case(case_id)
    dates, amounts = regz_dated(inputs)
    rate = lr.apr(dates, amounts)
    assert abs(round(100 * rate, 2) - expected) <= tolerance
    by_hand = lr.tvm.actuarial_apr(
        regz_flows(inputs), unit_periods_per_year=fraction(inputs["unit_periods_per_year_w"])
    )
    assert rate == pytest.approx(by_hand, abs=1e-12)


def test_semimonthly_dates_of_the_appendix_j_example() -> None:
    """App. J (c)(1)(iii)'s dues fall on the 1st and the 16th from a first due date."""
    dates, _ = regz_dated(case("regz-appj-c1-iii")[0])
    assert dates[:4] == [date(1978, 2, 23), date(1978, 3, 1), date(1978, 3, 16), date(1978, 4, 1)]
    assert dates[-1] == date(1979, 2, 16)


def test_single_payment_after_whole_months_is_one_unit_of_months() -> None:
    """App. J (b)(5)(vi): a single payment after whole months is one unit of months.

    A term of whole months under a year is one unit period of that many months
    (w = 12 / months), not one of days.
    """
    advance, paid = date(1978, 1, 3), date(1978, 7, 3)  # 6 months, 181 days
    rate = lr.apr([advance, paid], [-1000, 1080])
    assert rate == pytest.approx(0.08 * 2, abs=1e-12)  # 8 % a half-year, two a year
    by_days = lr.apr([advance, paid], [-1000, 1080], unit_period=181)
    assert by_days == pytest.approx(0.08 * 365 / 181, abs=1e-12)


def test_a_year_unit_counts_whole_years_then_months_or_days() -> None:
    """App. J (b)(5)(v): full years back from the later date, then the rest.

    The rest is months / 12 when whole months, else days / 365 (checked against the
    general equation).
    """
    unit = lr.tvm.UnitPeriod(12, 0)
    assert unit.span(date(2020, 1, 15), date(2021, 7, 15)) == (1, 0.5)
    # the rest runs from the start to a year before the end: 2020-01-15 to 2020-07-25
    assert unit.span(date(2020, 1, 15), date(2021, 7, 25)) == (1, pytest.approx(192 / 365))
    # A single payment 18 months on: 1000 (1 + 0.5 i)(1 + i) = 1150.
    rate = lr.apr([date(2020, 1, 15), date(2021, 7, 15)], [-1000, 1150])
    i = rate  # one unit period a year: the APR is the unit rate
    assert 1000 * (1 + 0.5 * i) * (1 + i) == pytest.approx(1150, abs=1e-9)


def test_multi_month_and_semimonth_units_count_thirty_day_months() -> None:
    """App. J (b)(5)(iii): multi-month and semimonth units count 30-day months.

    30 days for each full month back, plus the odd days, divided by 30 per month of the
    unit (15 for a semimonth).
    """
    start, end = date(2024, 1, 15), date(2024, 4, 25)  # 3 months and 10 days
    assert lr.tvm.UnitPeriod(2, 0).span(start, end) == (1, pytest.approx(40 / 60))
    assert lr.tvm.UnitPeriod(3, 0).span(start, end) == (1, pytest.approx(10 / 90))
    semimonth = lr.tvm.UnitPeriod.of("semimonthly")
    assert semimonth.span(start, end) == (6, pytest.approx(10 / 15))
    assert semimonth.per_year == 24


def eu_flows(inputs: dict[str, Any]) -> tuple[list[date], list[float]]:
    """Dated flows of an EU example: monthly steps from a start, t = k/12 exactly."""
    start = date(2015, 1, 1)
    dates = [start]
    amounts = [-float(inputs["drawdowns"][0]["amount"])]
    for payment in inputs["payments"]:
        if "formula" in payment:  # equal principal: round2(P/240 + (P - P/240 (k-1)) 0.005)
            for k in range(1, 241):
                exact = Fraction(200000, 240) + (200000 - Fraction(200000, 240) * (k - 1)) * (
                    Fraction(5, 1000)
                )
                dates.append(lr.tvm.add_months(start, k))
                amounts.append(round(float(exact), 2))
        elif "count" in payment:
            for k in range(payment["count"]):
                months = round(12 * fraction(payment["t_years_first"])) + k
                dates.append(lr.tvm.add_months(start, months))
                amounts.append(payment["amount"])
        else:
            dates.append(lr.tvm.add_months(start, round(12 * payment["t_years"])))
            amounts.append(payment["amount"])
    return dates, amounts


@pytest.mark.parametrize("case_id", [c for c in CASES if CASES[c]["kind"] == "aprc"])
def test_eu_aprc(case_id: str) -> None:
    """EU Mortgage Credit Directive worked examples: the APRC to the published precision."""
    inputs, expected, tolerance = case(case_id)
    dates, amounts = eu_flows(inputs)
    assert abs(lr.apr(dates, amounts, convention="eu") - expected) <= tolerance


def test_eu_mcd_ex1_from_a_schedule() -> None:
    """Example 1 as a loanrelief schedule: 200,000 at 6 % over 240 months, a 4,000 fee."""
    _, expected, _ = case("eu-mcd-ex1")
    loan = lr.Loan(200000, "0.06", 240, start=date(2015, 1, 1), upfront_fee=4000)
    rate = lr.apr(lr.amortize(loan), convention="eu")
    # The schedule's last instalment settles 0.90 of rounding residue the example ignores.
    assert round(rate, 3) == round(expected, 3)
    assert abs(rate - expected) < 1e-6


def test_ms_irr_02() -> None:
    """IRR of -70,000 then five inflows: 8.7 % as published."""
    inputs, expected, tolerance = case("ms-irr-02")
    assert abs(lr.tvm.irr(inputs["values"]) - expected) <= tolerance


def test_ms_xirr_01() -> None:
    """XIRR of the spreadsheet example (act/365 from the first date)."""
    inputs, expected, tolerance = case("ms-xirr-01")
    dates = [date.fromisoformat(day) for day in inputs["dates"]]
    assert abs(lr.tvm.xirr(dates, inputs["values"]) - expected) <= tolerance


def test_ms_xnpv_01() -> None:
    """XNPV at 9 % of the same dated flows."""
    inputs, expected, tolerance = case("ms-xnpv-01")
    dates = [date.fromisoformat(day) for day in inputs["dates"]]
    assert abs(lr.tvm.xnpv(inputs["rate"], dates, inputs["values"]) - expected) <= tolerance


def test_mescius_npv_01() -> None:
    """Spreadsheet NPV discounts the first value one period: first_period=1."""
    inputs, expected, tolerance = case("mescius-npv-01")
    assert (
        abs(lr.tvm.npv(inputs["rate"], inputs["values"], first_period=1) - expected) <= tolerance
    )


def test_ms_effect_01() -> None:
    """EFFECT(5.25 %, 4)."""
    inputs, expected, tolerance = case("ms-effect-01")
    result = lr.tvm.effective_rate(inputs["nominal_rate"], inputs["npery"])
    assert abs(result - expected) <= tolerance


def test_ms_nominal_01() -> None:
    """NOMINAL(5.3543 %, 4)."""
    inputs, expected, tolerance = case("ms-nominal-01")
    result = lr.tvm.nominal_rate(inputs["effect_rate"], inputs["npery"])
    assert abs(result - expected) <= tolerance


def test_ms_rate_01() -> None:
    """RATE(48, -200, 8000) through level_payment_apr / 12, to 1e-10."""
    inputs, expected, tolerance = case("ms-rate-01")
    rate = lr.tvm.level_payment_apr(inputs["pv"], -inputs["pmt"], inputs["nper"]) / 12
    assert abs(rate - expected) <= tolerance
