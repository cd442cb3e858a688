"""Schedules against published reference values, one test per case id.

Spreadsheet functions (PMT, IPMT, PPMT, CUMIPMT, CUMPRINC) publish *unrounded*
values; a schedule rounds the payment once and each interest once. Those cases are
tested at the published precision where loanrelief computes the same unrounded value
(``level_payment``), and the schedule's rounded rows against the proven rounding bound:
rounding moves the balance before row k by at most ``((1+r)^(k-1) - 1)/r`` minor units,
so row k's interest moves by at most ``(1+r)^(k-1) - 1/2`` minor units and its
principal by half a minor unit more.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import loanrelief as lr

CASES: dict[str, dict[str, Any]] = {
    case["id"]: case
    for case in json.loads(
        (Path(__file__).parent / "reference" / "schedule_cases.json").read_text("utf-8")
    )
}
START = date(2024, 1, 1)  # spreadsheet functions have no dates; any start will do


def case(case_id: str) -> tuple[dict[str, Any], Any, float]:
    found = CASES[case_id]
    return found["inputs"], found["expected"], found["tolerance"]["abs"]


def spreadsheet_loan(inputs: dict[str, Any]) -> lr.Loan:
    """The loan a spreadsheet call describes: nominal rate = periodic rate x 12."""
    annual = Fraction(inputs["call"].split("(")[1].split("/")[0].rstrip("%")) / 100
    assert abs(float(annual) / 12 - inputs["rate"]) < 1e-15
    return lr.Loan(
        inputs["pv"], Decimal(annual.numerator) / annual.denominator, inputs["nper"], start=START
    )


def drift_bound(rate: float, periods: range, extra: float = 0.0) -> Decimal:
    """The proven bound, in major units (cents), on the drift of rounded rows."""
    bound = sum((1 + rate) ** (k - 1) - 0.5 + extra for k in periods)
    return Decimal(str(round(bound, 6))) / 100


def test_ms_pmt_01() -> None:
    """PMT(8%/12, 10, 10000) = -1037.03: exact level payment and the rounded one."""
    inputs, expected, tolerance = case("ms-pmt-01")
    loan = spreadsheet_loan(inputs)
    exact = lr.minor.level_payment(loan.principal_minor, [loan.rate / 12] * inputs["nper"])
    assert abs(-float(exact) / 100 - expected) <= tolerance
    assert -lr.amortize(loan).regular_payment == Decimal(str(expected))


def test_ms_ipmt_01() -> None:
    """IPMT(10%/12, 1, 36, 8000) = -66.6667: the first interest row is it, rounded once."""
    inputs, expected, _ = case("ms-ipmt-01")
    row = lr.amortize(spreadsheet_loan(inputs))[inputs["per"] - 1]
    assert abs(-row.interest - Decimal(str(expected))) <= Decimal("0.005")
    exact = Fraction(inputs["pv"]) * Fraction(1, 120)  # the unrounded IPMT, exactly
    assert abs(-float(exact) - expected) <= case("ms-ipmt-01")[2]


def test_ms_ppmt_01() -> None:
    """PPMT(10%/12, 1, 24, 2000) = -75.6232: exact value, and the row within a minor unit."""
    inputs, expected, tolerance = case("ms-ppmt-01")
    loan = spreadsheet_loan(inputs)
    exact = lr.minor.level_payment(loan.principal_minor, [loan.rate / 12] * inputs["nper"])
    unrounded = (exact - loan.principal_minor * loan.rate / 12) / 100
    assert abs(-float(unrounded) - expected) <= tolerance
    row = lr.amortize(loan)[inputs["per"] - 1]
    assert abs(-row.principal - Decimal(str(expected))) <= Decimal("0.01")


def test_ms_cumipmt_01() -> None:
    """CUMIPMT(0.09/12, 360, 125000, 13, 24) = -11135.23: the rows' sum within the bound."""
    inputs, expected, _ = case("ms-cumipmt-01")
    loan = lr.Loan(inputs["pv"], "0.09", inputs["nper"], start=START)
    periods = range(inputs["start_period"], inputs["end_period"] + 1)
    rows = lr.amortize(loan)[periods.start - 1 : periods.stop - 1]
    total = sum(row.interest for row in rows)
    assert abs(-total - Decimal(str(expected))) <= drift_bound(inputs["rate"], periods)


def test_ms_cumprinc_01() -> None:
    """CUMPRINC(0.09/12, 360, 125000, 13, 24) = -934.11: the rows' sum within the bound."""
    inputs, expected, _ = case("ms-cumprinc-01")
    loan = lr.Loan(inputs["pv"], "0.09", inputs["nper"], start=START)
    periods = range(inputs["start_period"], inputs["end_period"] + 1)
    rows = lr.amortize(loan)[periods.start - 1 : periods.stop - 1]
    total = sum(row.principal for row in rows)
    assert abs(-total - Decimal(str(expected))) <= drift_bound(inputs["rate"], periods, 0.5)


def test_eu_mcd_sched_ex1() -> None:
    """EU Commission APRC example 1: payment, the first 12 rows and the total cost.

    The Commission's simulator carries the unrounded payment (1432.8621...) and prints
    cents, so rows match within 0.01. Its total cost of credit, 147,886.40, is 240 x the
    rounded payment - principal + the 4,000 fee; loanrelief's differs by exactly the
    residue its last instalment settles.
    """
    inputs, expected, tolerance = case("eu-mcd-sched-ex1")
    loan = lr.Loan(
        inputs["principal"],
        str(inputs["annual_nominal_rate"]),
        inputs["periods"],
        start=date(2015, 1, 1),
        upfront_fee=4000,
    )
    schedule = lr.amortize(loan)
    assert schedule.regular_payment == Decimal(str(expected["payment"]))
    exact = lr.minor.level_payment(loan.principal_minor, [loan.rate / 12] * inputs["periods"])
    payment_error = abs(float(exact) - float(schedule.regular_payment) * 100)  # minor units
    for row, published in zip(schedule, expected["rows_first_12"], strict=False):
        for name in ("interest", "principal", "payment"):
            assert abs(getattr(row, name) - Decimal(str(published[name]))) <= Decimal(
                str(tolerance)
            ), (row.number, name)
        # Balances drift apart by the payment's rounding plus each interest's, compounded;
        # the published balance is itself rounded for print.
        growth = sum(1.005**j for j in range(row.number))
        bound = (growth * (payment_error + 0.5) + 0.5) / 100
        assert abs(float(row.balance) - published["closing_balance"]) <= bound, row.number
    n = inputs["periods"]
    published_cost = Decimal(str(expected["total_cost_of_credit_incl_4000_fee"]))
    assert n * schedule.regular_payment - loan.principal + loan.upfront_fee == published_cost
    residue = schedule.last_payment - schedule.regular_payment
    assert schedule.cost_of_credit == published_cost + residue
    assert schedule.total_paid == Decimal(str(expected["total_amount_payable"])) + residue


@pytest.mark.parametrize("case_id", ["cn-annuity-1m-30y-4.9", "cn-annuity-300k-30y-4.9"])
def test_cn_annuity(case_id: str) -> None:
    """等额本息 calculator: the monthly payment exactly; totals by the unrounded convention.

    The published totals are the unrounded payment x 360; loanrelief's exact
    ``level_payment`` reproduces them, and its schedule's total differs by at most half a
    minor unit per instalment (the one rounding of the payment), settled in the last.
    """
    inputs, expected, tolerance = case(case_id)
    loan = lr.Loan(inputs["principal"], str(inputs["annual_rate"]), inputs["months"], start=START)
    schedule = lr.amortize(loan)
    assert schedule.regular_payment == Decimal(str(expected["monthly_payment"]))
    exact = lr.minor.level_payment(loan.principal_minor, [loan.rate / 12] * inputs["months"])
    unrounded_total = float(exact) * inputs["months"] / 100
    assert abs(unrounded_total - expected["total_repayment"]) <= tolerance
    assert abs(unrounded_total - inputs["principal"] - expected["total_interest"]) <= tolerance
    gap = abs(schedule.total_paid - Decimal(str(expected["total_repayment"])))
    assert gap <= Decimal(inputs["months"]) * Decimal("0.005")


def test_cn_eqprin_1m_30y_5_9() -> None:
    """等额本金 calculator: first payment, monthly decrease and total interest.

    The decrease is (P/n) x i = 13.657 unrounded; each schedule row rounds its principal
    split and its interest, so consecutive decreases lie within 0.02 of it.
    """
    inputs, expected, tolerance = case("cn-eqprin-1m-30y-5.9")
    loan = lr.Loan(
        inputs["principal"],
        str(inputs["annual_rate"]),
        inputs["months"],
        start=START,
        method="equal_principal",
    )
    schedule = lr.amortize(loan)
    assert schedule.first_payment == Decimal(str(expected["first_month_payment"]))
    assert abs(schedule.total_interest - Decimal(str(expected["total_interest"]))) <= Decimal(
        str(tolerance)
    )
    decrease = -np.diff(schedule.minor_columns["payment"]) / 100
    assert np.all(np.abs(decrease - expected["monthly_decrease"]) <= 0.02 + 1e-9)
    assert abs(schedule.total_paid - Decimal(str(expected["total_repayment"]))) <= Decimal(
        str(tolerance)
    )


def test_fineract_emi_100_9_4822_6m() -> None:
    """Apache Fineract EMI test: every row exactly, HALF_EVEN, periodic rate 0.094822/12."""
    inputs, expected, _ = case("fineract-emi-100-9.4822-6m")
    loan = lr.Loan(
        inputs["principal"],
        str(inputs["annual_nominal_rate"]),
        inputs["periods"],
        start=date.fromisoformat(inputs["disbursement"]),
        rounding="half_even",
    )
    schedule = lr.amortize(loan)
    assert [str(day) for day in schedule.due_dates] == [
        "2024-02-01",
        "2024-03-01",
        "2024-04-01",
        "2024-05-01",
        "2024-06-01",
        "2024-07-01",
    ]
    assert schedule.regular_payment == Decimal(str(expected["emi"]))
    for row, published in zip(schedule, expected["rows"], strict=True):
        assert row.interest == Decimal(str(published["interest"]))
        assert row.principal == Decimal(str(published["principal"]))
        assert row.balance == Decimal(str(published["closing_balance"]))
        assert row.payment == Decimal(str(published["payment"]))
