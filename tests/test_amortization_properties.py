"""Properties every schedule must hold, checked on random loans of every method."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import amounts, annual_rates, loans, start_dates, terms

REGULAR = {"grace": False, "odd_first_period": False, "bases": (lr.InterestBasis.PERIODIC,)}


def minor(schedule: lr.Schedule, name: str) -> list[int]:
    return schedule.minor_columns[name].tolist()


@given(loans())
def test_principal_sums_to_the_loan(loan: lr.Loan) -> None:
    """The principal column sums to the loan's principal exactly."""
    schedule = lr.amortize(loan)
    assert sum(row.principal for row in schedule) == loan.principal
    assert schedule.total_principal == loan.principal


@given(loans())
def test_interest_plus_principal_is_the_payment(loan: lr.Loan) -> None:
    """On every row, interest plus principal equals the payment, in Decimal."""
    for row in lr.amortize(loan):
        assert row.interest + row.principal == row.payment


@given(loans())
def test_balance_ends_at_zero(loan: lr.Loan) -> None:
    """The last balance is exactly zero and each balance is the previous less principal."""
    schedule = lr.amortize(loan)
    balance = minor(schedule, "balance")
    principal = minor(schedule, "principal")
    assert balance[-1] == 0
    previous = [loan.principal_minor, *balance[:-1]]
    assert [a - p for a, p in zip(previous, principal, strict=True)] == balance


@given(loans(**REGULAR))
def test_balance_never_increases(loan: lr.Loan) -> None:
    """With equal periods and no capitalized grace interest, no row adds to the balance."""
    schedule = lr.amortize(loan)
    assert min(minor(schedule, "principal")) >= 0


@given(loans(grace=True, bases=(lr.InterestBasis.PERIODIC,)))
def test_only_capitalized_grace_increases_the_balance(loan: lr.Loan) -> None:
    """With periodic rates, principal is negative only in capitalizing grace or odd first periods.

    (With the day-count basis a period longer than most, such as a leap year, may
    accrue more interest than the level payment: that is the contract, not an error.)
    Or by one minor unit where the payment, rounded to nearest, all but equals the
    interest (a balloon amortized over decades at a high rate: 2.98 against 2.99).
    """
    schedule = lr.amortize(loan)
    payments, interest = minor(schedule, "payment"), minor(schedule, "interest")
    for number, principal in enumerate(minor(schedule, "principal"), start=1):
        if principal < 0:
            in_grace = number <= loan.grace_periods and loan.grace is lr.Grace.CAPITALIZE
            rounding = principal == -1 and interest[number - 1] - payments[number - 1] == 1
            assert in_grace or rounding or (number == 1 and loan.first_due_date is not None)


@given(loans(methods=(lr.Method.ANNUITY,), **REGULAR))
def test_annuity_payment_matches_pmt(loan: lr.Loan) -> None:
    """The level payment is within 1.5 minor units of numpy-financial pmt.

    Unless no period's interest on the whole balance reaches half a minor unit: then
    the loan is interest-free at the minor unit and its principal is split evenly.
    """
    schedule = lr.amortize(loan)
    rate = float(loan.annual_rate) / loan.frequency.periods_per_year
    expected = -npf.pmt(rate, loan.term, float(loan.principal))
    if rate * loan.term < 1e-4:  # numpy-financial's (1 + r)^n - 1 cancels: exact instead
        r, growth = loan.rate / loan.frequency.periods_per_year, Fraction(1)
        growth = (1 + r) ** loan.term
        exact = loan.principal_minor * r * growth / (growth - 1) if r else Fraction(0)
        expected = float(exact) / 10**loan.digits if r else float(loan.principal) / loan.term
    unit = 10.0**-loan.digits
    if loan.principal_minor * loan.rate / loan.frequency.periods_per_year <= Fraction(1, 2):
        expected = loan.principal_minor // loan.term * unit  # the first, smaller part
    # Rounded to nearest: half a unit off; lowered by one unit where the rounded payment
    # would repay the loan early (amortize's rule): one and a half.
    assert abs(float(schedule.regular_payment) - expected) <= 1.5 * unit + 1e-9 * expected


@given(loans(methods=(lr.Method.ANNUITY,), **REGULAR))
@example(lr.Loan(100, "0.1183", 436, start=date(2000, 1, 1)))  # payment lowered a unit
def test_annuity_interest_tracks_ipmt(loan: lr.Loan) -> None:
    """Each row's interest stays within the proven rounding bound of numpy-financial ipmt.

    With the payment off the exact one by e minor units (at most 1/2, or at most 1
    where it was lowered to avoid an early payoff) and each interest rounded by at most
    1/2, the balance before row k moves by at most (1/2 + e)((1+r)^(k-1) - 1)/r, so
    row k's interest differs from ipmt by at most (1/2 + e)((1+r)^(k-1) - 1) + 1/2
    minor units (one more on the last row, where the residue is settled).
    """
    schedule = lr.amortize(loan)
    rate = float(loan.annual_rate) / loan.frequency.periods_per_year
    periods = np.arange(1, loan.term + 1)
    scale = 10**loan.digits  # minor units per major unit
    if rate:
        expected = -npf.ipmt(rate, periods, loan.term, float(loan.principal)) * scale
    else:
        expected = np.zeros(loan.term)  # numpy-financial ipmt returns NaN at rate 0
    exact = -npf.pmt(rate, loan.term, float(loan.principal)) * scale if rate else 0.0
    off = abs(float(schedule.regular_payment) * scale - exact) if rate else 0.5
    slack = 1e-9 * float(loan.principal) * scale  # float error of numpy-financial itself
    bound = (0.5 + off) * ((1 + rate) ** (periods - 1) - 1) + 1.5 + slack
    difference = np.abs(schedule.minor_columns["interest"] - expected)
    assert np.all(difference <= bound)


@given(loans(methods=(lr.Method.ANNUITY, lr.Method.FLAT), max_rate="0", **REGULAR))
def test_zero_rate_splits_principal_evenly(loan: lr.Loan) -> None:
    """At a zero rate every payment is principal and rows are at most one minor unit apart."""
    schedule = lr.amortize(loan)
    payment = minor(schedule, "payment")
    assert schedule.total_interest == 0
    assert max(payment) - min(payment) <= 1


@given(loans(methods=(lr.Method.EQUAL_PRINCIPAL,)))
def test_equal_principal_rows_differ_by_one_minor_unit(loan: lr.Loan) -> None:
    """Equal-principal rows after grace repay principal at most one minor unit apart."""
    principal = minor(lr.amortize(loan), "principal")[loan.grace_periods :]
    assert max(principal) - min(principal) <= 1


@given(
    loans(methods=(lr.Method.FLAT,), bases=(lr.InterestBasis.PERIODIC,), odd_first_period=False)
)
def test_flat_interest_is_principal_rate_years(loan: lr.Loan) -> None:
    """Flat interest totals principal x rate x years, rounded once, to the minor unit."""
    years = Fraction(loan.term, loan.frequency.periods_per_year)
    exact = Fraction(loan.principal) * Fraction(loan.annual_rate) * years
    expected = lr._foundations.money.round_ratio(
        exact.numerator * 10**loan.digits, exact.denominator, loan.rounding
    )
    assert (
        lr._foundations.money.minor_of(lr.amortize(loan).total_interest, loan.digits) == expected
    )


@given(loans(methods=(lr.Method.FLAT,)))
# Two exact ties (B r_1 = 0.5, B r_1 + B r_2 = 1.5 minor units) round 0 then 2: each row
# is within one minor unit of B r_k, as cumulative rounding promises, not less than one.
@example(
    lr.Loan(
        100,
        "0.0001",
        2,
        start=date(2000, 10, 1),
        method="flat",
        frequency="annual",
        day_count="30/360",
        first_due_date=date(2001, 4, 1),
    )
)
def test_flat_interest_rows_are_even(loan: lr.Loan) -> None:
    """Flat interest rows are each within one minor unit of principal x period rate.

    Row ``k`` is ``round(B R_k) - round(B R_(k-1))`` for the cumulative rate ``R_k``:
    two roundings of at most half a unit each, so at most one unit from ``B r_k``; the
    rows add up to ``round(B R_n)`` exactly, and no balance goes below zero.
    """
    schedule = lr.amortize(loan)
    dates = lr.tvm.due_dates(
        loan.start,
        loan.term,
        loan.frequency,
        first_due_date=loan.first_due_date,
        end_of_month=loan.end_of_month,
    )
    rates = lr.tvm.period_rates(loan, dates)
    for due, rate in zip(minor(schedule, "interest"), rates, strict=True):
        assert abs(due - loan.principal_minor * rate) <= 1
    total = loan.principal_minor * sum(rates, Fraction(0))
    assert sum(minor(schedule, "interest")) == lr._foundations.money.round_ratio(
        total.numerator, total.denominator, loan.rounding
    )
    assert min(minor(schedule, "balance")) >= 0


@given(
    st.sampled_from([m for m in lr.Method if m is not lr.Method.BALLOON]),
    amounts(),
    annual_rates(),
    annual_rates(),
    terms(),
    start_dates(),
)
@example(  # the higher rate's payment raised a unit: 2.53 for 2.5234, 2.49 for 2.4909
    lr.Method.ANNUITY, Decimal(100), Decimal("0.2835"), Decimal("0.2879"), 127, date(2000, 1, 1)
)
@example(  # the lower rate's payment 7.90 for 7.9048: the last row carries 6.84 more
    lr.Method.ANNUITY,
    Decimal("165.06"),
    Decimal("0.5672"),
    Decimal("0.5706"),
    94,
    date(2038, 1, 7),
)
def test_total_interest_rises_with_rate(
    method: lr.Method, principal: Decimal, rate_a: Decimal, rate_b: Decimal, term: int, start: date
) -> None:
    """A higher rate never gives less total interest, beyond the payment's rounding.

    A payment rounded to the cent may round up at the higher rate and repay principal
    sooner (115.41 over 40 months: 6.69 at 59.51 %, 6.70 at 59.60 %, total interest
    152.04 and 152.00). A payment is at most a unit from the exact one (rounded, or
    raised a unit where the rounded one would leave more than a payment to the last
    row: 100 over 127 months, 2.49 at 28.35 % and 2.53 at 28.79 %, interest 217.05 and
    215.97). A payment ``d`` off the exact one leaves the balance ``d s_k`` off after
    ``k`` periods (``s_k = ((1 + i)^k - 1) / i``, the error compounds at the rate), so the
    interest ``d (s_n - n)`` off in all: 165.06 over 94 months at 56.72 % pays 7.90 for
    7.9048, and the last row carries 6.84 more (interest 584.38, against 581.83 at 57.06 %
    where 7.95 is paid for 7.9495). Each schedule may be that far off its exact interest,
    which rises with the rate, so the two totals at most twice that at the higher rate.
    """
    low, high = sorted((rate_a, rate_b))
    loans = [lr.Loan(principal, rate, term, start=start, method=method) for rate in (low, high)]
    totals = [lr.amortize(loan).total_interest for loan in loans]
    periodic = float(high) / loans[1].frequency.periods_per_year
    compounded = math.expm1(term * math.log1p(periodic)) / periodic if periodic else term
    drift = Decimal(2 * (compounded - term)).scaleb(-loans[1].digits)
    assert totals[0] <= totals[1] + drift


@given(
    st.sampled_from([m for m in lr.Method if m is not lr.Method.BALLOON]),
    amounts(),
    annual_rates(),
    terms(),
    terms(),
    start_dates(),
)
def test_total_interest_rises_with_term(
    method: lr.Method, principal: Decimal, rate: Decimal, term_a: int, term_b: int, start: date
) -> None:
    """A longer term never gives less total interest."""
    short, long = sorted((term_a, term_b))
    totals = [
        lr.amortize(lr.Loan(principal, rate, term, start=start, method=method)).total_interest
        for term in (short, long)
    ]
    assert totals[0] <= totals[1]


@given(loans())
def test_rows_have_increasing_due_dates(loan: lr.Loan) -> None:
    """Due dates are strictly increasing and the first lies after the start date."""
    schedule = lr.amortize(loan)
    dates = schedule.due_dates
    assert dates[0] > np.datetime64(loan.start)
    assert np.all(np.diff(dates).astype(int) > 0)


@given(loans(methods=(lr.Method.BALLOON,)))
def test_balloon_pays_the_amortization_payment(loan: lr.Loan) -> None:
    """Every balloon row before the last pays the annuity over the amortization term."""
    longer = loan.replace(method="annuity", term=loan.amortization_term, amortization_term=None)
    expected = lr.amortize(longer).minor_columns["payment"][: loan.term - 1]
    actual = lr.amortize(loan).minor_columns["payment"][:-1]
    assert actual.tolist() == expected.tolist()


@pytest.mark.parametrize("method", list(lr.Method))
def test_currency_digits_are_respected(method: lr.Method) -> None:
    """Amounts of a JPY loan are whole yen and of a KWD loan have three decimals."""
    extra = {"amortization_term": 24} if method is lr.Method.BALLOON else {}
    for currency, digits in (("JPY", 0), ("KWD", 3)):
        loan = lr.Loan(
            1000000, "0.07", 12, start=date(2024, 1, 1), method=method, currency=currency, **extra
        )
        for row in lr.amortize(loan):
            assert row.payment.as_tuple().exponent == -digits
