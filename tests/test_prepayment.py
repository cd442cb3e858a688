"""Prepayments that re-amortize, against published bank calculators and properties."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import loans

CASES = {
    c["id"]: c
    for c in json.loads(
        (Path(__file__).parent / "reference" / "prepayment_cases.json").read_text("utf-8")
    )
}


def test_chinese_bank_shortens_the_term() -> None:
    """500,000 at 4.9 % over 240 months; 100,000 prepaid after the 60th: 124 months left.

    Keeping the payment (3,272.22) repays the rest in 124 months, 56 fewer than 180.
    """
    found = CASES["prep-cn-500k-4.9-20y-shorten-after-60"]
    inputs, expected = found["inputs"], found["expected"]
    loan = lr.Loan(inputs["principal"], str(inputs["annual_rate"]), inputs["months"],
                   start=date(2020, 1, 1))  # fmt: skip
    on = lr.amortize(loan).installments[inputs["payments_made_before_prepayment"] - 1].due_date
    result = lr.prepay(loan, inputs["prepayment"], on, keep="payment")
    assert len(result.after) == expected["remaining_months_after_prepayment"]
    assert result.instalments_saved == expected["months_saved"]
    assert result.after.regular_payment == Decimal("3272.22")
    assert result.interest_to_date == 0  # on a due date, after its instalment


def test_chinese_bank_equal_principal_reduce_or_shorten() -> None:
    """An equal-principal loan with 170,000 left over 180 months after a prepayment.

    Lowering the payment keeps 180 months of 944.44 principal (interest 62,822.08, to
    the cent); keeping 1,888.89 a month repays it in 90 (interest 31,584.58 published,
    the unrounded sum; the rows, each rounded to the cent, within 90 half-cents).
    """
    found = CASES["prep-cn-eqprin-170k-reduce-vs-shorten"]
    expected = found["expected"]
    loan = lr.Loan("453333.33", "0.049", 240, start=date(2020, 1, 1), method="equal_principal")
    on = lr.amortize(loan).installments[59].due_date  # 180 instalments left, 340,000
    reduce = lr.prepay(loan, 170000, on, keep="term")
    shorten = lr.prepay(loan, 170000, on, keep="payment")
    assert reduce.after.total_principal == shorten.after.total_principal == 170000
    assert len(reduce.after) == found["inputs"]["reduce_payment_option"]["months"]
    assert len(shorten.after) == found["inputs"]["shorten_term_option"]["months"]
    assert str(reduce.after.installments[0].principal) == str(
        expected["reduce_payment"]["monthly_principal"]
    )
    assert str(shorten.after.installments[0].principal) == str(
        expected["shorten_term"]["monthly_principal"]
    )
    assert float(reduce.after.total_interest) == expected["reduce_payment"]["total_interest"]
    gap = abs(float(shorten.after.total_interest) - expected["shorten_term"]["total_interest"])
    assert gap <= 90 * 0.005
    saved = shorten.interest_saved - reduce.interest_saved
    assert abs(float(saved) - expected["interest_saved_by_shortening_vs_reducing"]) <= 90 * 0.005


def test_us_extra_payment_each_month() -> None:
    """300,000 at 6.5 % over 30 years, 200 more each month: 277 months, 83 saved.

    The calculator keeps the payment unrounded (1,896.2040...); here it is the cent
    amount 1,896.20 as billed, so its totals differ by the rounding of 360 payments.
    """
    found = CASES["prep-us-300k-6.5-30y-extra-200"]
    inputs, expected = found["inputs"], found["expected"]
    loan = lr.Loan(inputs["principal"], str(inputs["annual_rate"]), inputs["months"],
                   start=date(2024, 1, 1))  # fmt: skip
    plan = lr.extra_payments(loan, inputs["extra_monthly_principal"])
    assert len(plan.after) == inputs["months"] - expected["time_saved_months"]
    assert plan.instalments_saved == expected["time_saved_months"]
    assert abs(float(plan.before.regular_payment) - expected["base_payment"]) < 0.01
    rounding = 360 * 0.005  # a payment billed in cents instead of unrounded
    assert abs(float(plan.before.total_interest) - expected["base_total_interest"]) <= rounding + 2
    assert abs(float(plan.after.total_interest) - expected["new_total_interest"]) <= rounding + 2
    assert abs(float(plan.interest_saved) - expected["interest_saved"]) <= 2 * rounding


prepayable = loans(
    methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL),
    max_term=120,
    min_term=2,
    max_rate="0.36",
    frequencies=(lr.Frequency.MONTHLY, lr.Frequency.BIWEEKLY, lr.Frequency.QUARTERLY),
    currencies=(None, "JPY"),
    late=False,
)


@given(prepayable, st.data())
def test_a_prepayment_never_costs_interest_and_shortening_saves_most(
    loan: lr.Loan, data: st.DataObject
) -> None:
    """Against the contract, a prepayment never raises interest; shortening saves most.

    Both new schedules repay exactly the balance left; lowering the payment keeps the
    maturity; keeping the payment keeps every instalment but the last.
    """
    schedule = lr.amortize(loan)
    assert len(schedule) >= 2
    unit = Decimal(10) ** -loan.digits
    if loan.principal_minor < 3:  # a prepayment below the balance needs 3 units of it
        loan = loan.replace(principal=3 * unit)
        schedule = lr.amortize(loan)
    rows = schedule.installments
    last_due = rows[-1].due_date
    # The day: before the due date from which under 3 units of principal are left.
    left = list(accumulate(schedule.minor_columns["principal"][::-1].tolist()))[::-1]
    ends = max(k for k, rest in enumerate(left) if rest >= 3)
    day = data.draw(st.integers(1, (rows[ends].due_date - loan.start).days - 1), label="day")
    on = date.fromordinal(loan.start.toordinal() + day)
    state = lr.account_state(
        schedule,
        [
            lr.Payment(r.due_date, r.payment + r.fee)
            for r in rows
            if r.due_date <= on and r.payment
        ],
        as_of=on,
    )
    balance = state.outstanding_principal
    assert balance > 2 * unit
    share = data.draw(st.floats(0.01, 0.99), label="share")
    # a share of it, from one minor unit to all but one
    amount = min(max(unit, round(balance * Decimal(str(share)), loan.digits)), balance - unit)
    try:
        lower = lr.prepay(schedule, amount, on, keep="term")
        shorter = lr.prepay(schedule, amount, on, keep="payment")
    except lr.InvalidTermsError as error:  # a tiny loan's instalment of one minor unit
        assert "keep=" in str(error)
        assert loan.principal < 100 * Decimal(10) ** -loan.digits * 100
        return
    unit = Decimal(10) ** -loan.digits
    later = sum(1 for r in rows if r.due_date > on)
    for result in (lower, shorter):
        assert result.after.total_principal == balance - amount
        # never more interest, but for rounding: half a minor unit for each row of
        # either schedule and for the interest to date
        assert result.interest_saved >= -(later + len(result.after) + 1) * unit / 2
        assert result.after.maturity <= last_due
    rounding = (len(lower.after) + len(shorter.after)) * unit / 2
    assert shorter.interest_saved >= lower.interest_saved - rounding
    assert lower.after.maturity == last_due
    assert len(lower.after) == sum(1 for r in rows if r.due_date > on)
    if loan.method is lr.Method.ANNUITY:
        remaining = [r.payment for r in rows[loan.grace_periods :] if r.due_date > on]
        kept = max(remaining[:-1]) if len(remaining) > 1 else remaining[0]
        assert all(r.payment == kept for r in shorter.after.installments[:-1])
        # the last instalment takes the residue, as the contract's last one did
        assert shorter.after.installments[-1].payment <= max(kept, rows[-1].payment)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda loan: lr.prepay(loan, 20000, date(2024, 6, 1)), "amount="),
        (lambda loan: lr.prepay(loan, 0, date(2024, 6, 1)), "amount="),
        (lambda loan: lr.prepay(loan, 100, date(2024, 1, 15)), "on="),
        (lambda loan: lr.prepay(loan, 100, date(2026, 1, 15)), "on="),
        (lambda loan: lr.prepay(loan, 100, date(2024, 6, 1), keep="both"), "keep="),
        (lambda loan: lr.prepay(loan, 100, date(2024, 6, 1), fee_rate="2"), "fee_rate="),
        (lambda loan: lr.prepay(loan, 100, date(2024, 6, 1), fee=-1), "fee="),
        (lambda loan: lr.prepay(loan.replace(method="bullet"), 100, date(2024, 6, 1)), "loan="),
        (lambda loan: lr.extra_payments(loan, 0), "extra="),
    ],
)
def test_bad_prepayments_are_refused(call: Any, field: str) -> None:
    """Each bad input names itself."""
    loan = lr.Loan(20000, "0.12", 24, start=date(2024, 1, 15))
    with pytest.raises(lr.LoanReliefError, match=field):
        call(loan)


def test_interest_to_date_is_the_period_share_by_days() -> None:
    """Prepaid mid-period: the period's interest in proportion to the days elapsed."""
    loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
    result = lr.prepay(loan, 3000, date(2024, 4, 30), fee_rate="0.01")
    period = lr.amortize(loan).installments[3]  # 2024-04-15 to 2024-05-15, 30 days
    share = (period.interest * 15 / 30).quantize(Decimal("0.01"))
    assert result.interest_to_date == share
    assert result.fee == Decimal("30.00")
    assert result.after.installments[0].due_date == date(2024, 5, 15)
    assert result.paid_on_the_day == Decimal(3000) + share + Decimal("30.00")
