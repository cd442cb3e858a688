"""Prepayments that re-amortize, against published bank calculators and properties."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
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
    on = lr.amortize(loan).instalments[inputs["payments_made_before_prepayment"] - 1].due_date
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
    on = lr.amortize(loan).instalments[59].due_date  # 180 instalments left, 340,000
    reduce = lr.prepay(loan, 170000, on, keep="term")
    shorten = lr.prepay(loan, 170000, on, keep="payment")
    assert reduce.after.total_principal == shorten.after.total_principal == 170000
    assert len(reduce.after) == found["inputs"]["reduce_payment_option"]["months"]
    assert len(shorten.after) == found["inputs"]["shorten_term_option"]["months"]
    assert str(reduce.after.instalments[0].principal) == str(
        expected["reduce_payment"]["monthly_principal"]
    )
    assert str(shorten.after.instalments[0].principal) == str(
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
    rows = schedule.instalments
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
    # the term the contract runs: to its last instalment with a payment
    runs = rows[: max(k for k, r in enumerate(rows) if r.payment) + 1]
    assert lower.after.maturity == runs[-1].due_date
    assert len(lower.after) == sum(1 for r in runs if r.due_date > on)
    if loan.method is lr.Method.ANNUITY:
        remaining = [r.payment for r in rows[loan.grace_periods :] if r.due_date > on]
        kept = max(remaining[:-1]) if len(remaining) > 1 else remaining[0]
        assert all(r.payment == kept for r in shorter.after.instalments[:-1])
        # the last instalment takes the residue, as the contract's last one did
        assert shorter.after.instalments[-1].payment <= max(kept, rows[-1].payment)


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
    period = lr.amortize(loan).instalments[3]  # 2024-04-15 to 2024-05-15, 30 days
    share = (period.interest * 15 / 30).quantize(Decimal("0.01"))
    assert result.interest_to_date == share
    assert result.fee == Decimal("30.00")
    assert result.after.instalments[0].due_date == date(2024, 5, 15)
    assert result.paid_on_the_day == Decimal(3000) + share + Decimal("30.00")


def _drift(payment: int, balance: int, rates: list[Fraction]) -> float:
    """The most a level walk's interest can differ from the exact annuity's, minor units.

    With the payment ``e`` from the exact one and each interest rounded by at most a
    half, the interest differs by at most ``|e| (S - (n - 1)) + (S + 1) / 2``, where
    ``S`` sums the growth from each row but the last to the end (``s_n`` at one rate):
    large in a near-perpetuity, where one unit of payment compounds to much more.
    """
    exact = lr.minor.level_payment(balance, rates)
    growth, total = 1.0, 0.0
    for rate in reversed(rates[1:]):
        growth *= 1 + float(rate)
        total += growth
    return abs(float(payment - exact)) * (total - (len(rates) - 1)) + (total + 1) / 2


@given(
    loans(
        methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL),
        min_term=2,
        max_term=480,
        max_rate="0.6",
        frequencies=(lr.Frequency.MONTHLY, lr.Frequency.BIWEEKLY, lr.Frequency.QUARTERLY),
        late=False,
        grace=False,  # the rows after the date level (grace: the other property)
    ),
    st.data(),
)
def test_keeping_the_term_saves_interest_and_never_grows_the_balance(
    loan: lr.Loan, data: st.DataObject
) -> None:
    """A prepayment that keeps the term pays no less than each row's interest.

    Its payment is sized as ``amortize`` sizes one (the level payment on the rows' own
    rates, rounded, then corrected so that the last instalment is at most two
    payments), so: interest is saved, no row's principal is negative where every
    period after the first has one rate (a periodic loan; by day count a longer period
    may earn more than the level payment, as in the contract), and the last instalment
    is no balloon. A balance too small to prepay part of is refused, naming ``amount``.
    """
    schedule = lr.amortize(loan)
    rows = schedule.instalments
    day = data.draw(st.integers(1, (rows[-1].due_date - loan.start).days - 1), label="day")
    on = date.fromordinal(loan.start.toordinal() + day)
    paid = [
        lr.Payment(r.due_date, r.payment + r.fee) for r in rows if r.due_date <= on and r.payment
    ]
    balance = lr.account_state(schedule, paid, as_of=on).outstanding_principal
    unit = Decimal(1).scaleb(-loan.digits)
    units = int(balance / unit)
    if units < 2:  # nothing to prepay but the whole balance: refused
        with pytest.raises(lr.InvalidTermsError, match="amount="):
            lr.prepay(schedule, unit, on, keep="term")
        return
    amount = data.draw(st.integers(max(units // 100, 1), units - 1), label="units") * unit
    result = lr.prepay(schedule, amount, on, keep="term")
    after = result.after
    assert after.total_principal == balance - amount
    # The term the contract runs is kept: to its last instalment with a payment.
    runs = rows[: max(k for k, r in enumerate(rows) if r.payment) + 1]
    assert len(after) == sum(1 for r in runs if r.due_date > on)
    assert after.maturity == runs[-1].due_date
    columns = after.minor_columns
    # A row's balance grows only where its period earns more than another's: a
    # periodic loan's periods all earn one rate but the first, the rest of the current
    # period (more after a long odd first period); by day count a long month may earn
    # more than the level payment, as in the contract.
    current = sum(1 for r in rows if r.due_date <= on)
    begin = loan.start if current == 0 else rows[current - 1].due_date
    left = Fraction((rows[current].due_date - on).days, (rows[current].due_date - begin).days)
    rates = lr.tvm.period_rates(after.loan, after.due_dates)
    rates[0] = lr.tvm.period_rates(loan, schedule.due_dates)[current] * left
    for k in np.flatnonzero(columns["principal"] < 0):
        assert rates[k] > min(rates), f"row {k + 1} grows the balance"
    # Interest saved: what the prepaid amount would have cost on these rows, exactly
    # (its level payment over them, or its equal parts), but for the rounding: of each
    # row's interest and, for an annuity, of each schedule's payment to whole units,
    # which compounds (_drift); and the current period's interest split in two (to
    # date, the rest). Never a loss where the saving is larger than all that.
    prepaid, count = int(amount / unit), len(after)
    if loan.method is lr.Method.ANNUITY:
        exact = count * lr.minor.level_payment(prepaid, rates) - prepaid
        old = lr.tvm.period_rates(loan, schedule.due_dates)[current : current + count]
        before = int(schedule.minor_columns["payment"][current])
        rounding = (
            _drift(before, units, old)
            + _drift(int(columns["payment"][0]), units - prepaid, rates)
            + 1
        )
    else:  # equal parts of principal: each row's interest rounded, half a unit each
        exact = sum(rate * prepaid * Fraction(count - k, count) for k, rate in enumerate(rates))
        rounding = Fraction(2 * count + 1, 2)
    saved = int(result.interest_saved / unit)
    assert saved >= exact - rounding, result
    if exact > rounding:
        assert saved >= 0, result
    if loan.method is lr.Method.ANNUITY and len(after) > 1:
        regular = int(columns["payment"][:-1].max())
        assert int(columns["payment"][-1]) <= max(2 * regular, regular + 1)  # no balloon


# Issue 29, item 2: a prepayment that keeps the term re-amortized into a growing balance.
NEAR_PERPETUITY = lr.Loan(
    "100.00", "0.351", 111, start=date(2000, 3, 1), frequency="quarterly", day_count="act/360"
)


def test_a_payment_rounded_below_the_interest_is_raised_a_unit() -> None:
    """100.00 at 8.775 % a quarter: the payment 8.78 repaid nothing, 100.00 was left.

    By hand: the interest on 100.00 is 10,000 x 351 / 4,000 = 877.5 minor units, 8.78
    rounded half-even, and the exact level payment over 111 quarters is a ten-thousandth
    of a unit above 877.5: rounded, 8.78 is all interest, and the last instalment was
    100.00 + 8.78 = 108.78. Raised a unit, 8.79 repays at least one cent each quarter
    (every row's principal 1 + 0.0225 = 2 minor units and rising) and the loan by the
    77th quarter; the batch gives the same rows.
    """
    schedule = lr.amortize(NEAR_PERPETUITY)
    columns = schedule.minor_columns
    assert round(Fraction(10000 * 351, 4000)) == 878  # half-even: 877.5 -> 878
    assert schedule.regular_payment == Decimal("8.79")  # was 8.78, all interest
    assert columns["principal"].min() >= 0
    assert (columns["principal"][0], columns["interest"][0]) == (879 - 878, 878)
    paying = np.flatnonzero(columns["payment"])
    assert len(paying) == 77
    assert columns["payment"][paying[-1]] <= 879  # no 108.78
    block = next(
        lr.batch.schedules([10000], [0.351], [111], frequency="quarterly", minor_units=True)
    )
    assert block.interest[0].tolist() == columns["interest"].tolist()
    assert block.principal[0].tolist() == columns["principal"].tolist()


def test_keeping_the_term_covers_the_new_interest() -> None:
    """38.50 prepaid on 2000-12-18 of 100.00 at 35.1 % over 111 quarters, keeping the term.

    It gave 108 instalments of 5.31 whose rows accrued 5.32 and more: the balance grew
    to a last payment of 600.47, and interest saved -160.56. Now the payment covers
    every row's interest (61.45 x 8.775 % = 5.39 at most, the balance only
    falling), the schedule ends by the contract's own last instalment
    (2019-06-01, the 77th quarter: its payment repays it early), and the interest
    saved is the contract's interest after the date less the interest to date and
    the new schedule's, summed here from the rows.
    """
    contract = lr.amortize(NEAR_PERPETUITY)
    on = date(2000, 12, 18)
    result = lr.prepay(contract, "38.50", on, keep="term")
    after = result.after
    columns = after.minor_columns
    assert after.regular_payment == Decimal("5.33")  # was 5.31
    assert columns["principal"].min() >= 0
    assert (columns["interest"] <= columns["payment"][0]).all()
    assert (np.diff(columns["balance"]) <= 0).all()
    # The contract repaid 0.01, 0.02 and 0.02 by then: 99.95 less 38.50 is left.
    assert after.total_principal == Decimal("99.95") - Decimal("38.50")
    assert after.maturity == date(2019, 6, 1) == contract.due_dates[76]
    later = sum((r.interest for r in contract.instalments if r.due_date > on), Decimal(0))
    saved = later - result.interest_to_date - after.total_interest
    assert result.interest_saved == saved == Decimal("249.30")  # was -160.56
    assert result.interest_saved > 0
