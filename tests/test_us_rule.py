"""The account replay under the United States Rule (``accrual="us_rule"``).

Regulation Z Appendix J (a)(3) and *Story v. Livingston*, 38 U.S. 359 (1839): each
payment goes first to the interest then due, the rest to principal; interest is simple,
on the unpaid principal only, and interest left unpaid never bears interest.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import loans

CENT = Decimal("0.01")


def cents(value: Fraction) -> Decimal:
    """An exact amount rounded half-even to the cent (the loans' default rounding)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_EVEN)


def test_a_partial_payment_worked_by_hand() -> None:
    """10,500 at 9.5 % (banker's year, act/360), 4,620 paid on day 96, due on day 245.

    Interest to day 96 is 10,500 x 0.095 x 96 / 360 = 266.00; the payment's other
    4,354.00 repays principal, leaving 6,146.00; interest on it for the last 149 days is
    241.657..., so 6,387.66 settles the loan at maturity. Under the scheduled accrual
    the whole payment prepays principal and the 678.85 of scheduled interest is kept.
    """
    start = date(2024, 3, 1)
    loan = lr.Loan(
        10500, "0.095", 8, method="bullet", start=start, day_count="act/360",
        interest_basis="day_count",
    )  # fmt: skip
    paid = [lr.Payment(start + timedelta(days=96), 4620)]
    maturity = date(2024, 11, 1)
    assert (maturity - start).days == 245
    state = lr.account_state(loan, paid, as_of=maturity, accrual="us_rule")
    assert state.outstanding_principal == Decimal("6146.00")
    assert state.charged["contract_interest"] == Decimal("507.66")
    assert state.payoff == Decimal("6387.66")
    scheduled = lr.account_state(loan, paid, as_of=maturity)
    assert scheduled.payoff == Decimal("6558.85")  # 5,880.00 + 678.85


def test_a_short_payment_postpones_the_principal_and_its_interest_earns_nothing() -> None:
    """A payment short of the interest leaves the principal; the shortfall earns nothing.

    1,000 at 10 % (act/365) from 1 January; 5.00 paid on 11 February, when 41 days'
    interest (11.23) is owed. By 29 February interest has run on 1,000 only: 31 days
    for the first instalment and 28 for the second, each rounded once.
    """
    loan = lr.Loan(1000, "0.10", 12, start=date(2024, 1, 1), interest_basis="day_count")
    paid = [lr.Payment(date(2024, 2, 11), 5)]
    state = lr.account_state(loan, paid, as_of=date(2024, 2, 11), accrual="us_rule")
    assert state.outstanding_principal == Decimal("1000.00")
    assert state.charged["contract_interest"] == Decimal("11.23")
    later = state.on(date(2024, 2, 29))
    assert later.accrual is lr.Accrual.US_RULE
    first, second = cents(Fraction(100 * 31, 365)), cents(Fraction(100 * 28, 365))
    assert later.charged["contract_interest"] == first + second
    assert later.outstanding_principal == Decimal("1000.00")
    assert later.payoff == Decimal("1000.00") + first + second - Decimal("5.00")


@st.composite
def day_count_loans(draw: st.DrawFn) -> lr.Loan:
    """Loans made by day count that the US Rule can replay (no flat, no capitalizing)."""
    loan = draw(
        loans(
            methods=(
                lr.Method.ANNUITY,
                lr.Method.EQUAL_PRINCIPAL,
                lr.Method.INTEREST_ONLY,
                lr.Method.BULLET,
                lr.Method.BALLOON,
            ),
            max_term=36,
            max_rate="0.36",
            bases=(lr.InterestBasis.DAY_COUNT,),
            late=False,
        )
    )
    if loan.grace is lr.Grace.CAPITALIZE and loan.grace_periods:
        loan = loan.replace(grace=lr.Grace.INTEREST_ONLY)
    # A payment below its interest adds the rest to principal: the US Rule refuses it.
    # A long first period's interest can pass the level payment (regular periods then),
    # and so can a leap year's on a near-perpetuity (a balloon of 15 annual payments
    # amortized over 29 at 24.9 %, act/360: 25.32 of interest in 2000 against 25.31):
    # there the rate is brought down until every payment covers its interest.
    if min(lr.amortize(loan).minor_columns["principal"]) < 0:
        loan = loan.replace(first_due_date=None)
    for _ in range(40):  # a quarter less each time: far more than enough
        if min(lr.amortize(loan).minor_columns["principal"]) >= 0:
            break
        loan = loan.replace(annual_rate=(loan.annual_rate * 3 / 4).quantize(Decimal("0.0001")))
    assert min(lr.amortize(loan).minor_columns["principal"]) >= 0
    return loan


def test_a_february_end_maturity_under_30e_360_isda_is_the_schedules() -> None:
    """30E/360 (ISDA) keeps a February end that is the termination date, by day too.

    The US Rule once counted 2001-01-11 to 2001-02-28 as 49 days (the February end
    made the 30th): 0.06 of interest where the schedule, counting 47, has 0.05.
    """
    basis = {"frequency": "quarterly", "day_count": "30e/360 isda", "interest_basis": "day_count"}
    start, due = date(2001, 1, 11), date(2001, 2, 28)
    loan = lr.Loan(100, "0.0041", 1, start=start, first_due_date=due, **basis)  # type: ignore[arg-type]
    row = lr.amortize(loan)[0]
    assert row.interest == Decimal("0.05")  # 100 x 0.41 % x 47 / 360 = 0.0535
    for payments in ([], [lr.Payment(row.due_date, row.payment)]):
        us = lr.account_state(loan, payments, as_of=row.due_date, accrual="us_rule")
        scheduled = lr.account_state(loan, payments, as_of=row.due_date)
        assert us.charged == scheduled.charged
        assert us.payoff == scheduled.payoff


@given(day_count_loans(), st.data())
def test_paid_on_time_the_us_rule_is_the_schedule(loan: lr.Loan, data: st.DataObject) -> None:
    """A schedule made by day count, paid on its due dates: the same account either way.

    On every due date up to which the instalments were paid on time, the state under
    the US Rule equals the scheduled one: interest charged, payoff, days past due (a
    mismatch of a cent would make a borrower paying on time late).
    """
    schedule = lr.amortize(loan)
    rows = schedule.instalments
    paid_count = data.draw(st.integers(0, len(rows)), label="paid")
    payments = [
        lr.Payment(row.due_date, row.payment + row.fee)
        for row in rows[:paid_count]
        if row.payment + row.fee
    ]
    # on time through as_of: each instalment due before it is paid
    as_of = rows[data.draw(st.integers(0, min(paid_count, len(rows) - 1)), label="as of")].due_date
    payments = [p for p in payments if p.date <= as_of]
    us = lr.account_state(loan, payments, as_of=as_of, accrual="us_rule")
    scheduled = lr.account_state(loan, payments, as_of=as_of)
    assert us.charged == scheduled.charged
    assert us.payoff == scheduled.payoff
    assert us.days_past_due == scheduled.days_past_due
    assert us.overdue_interest == scheduled.overdue_interest


@given(
    st.integers(1, 10**7).map(lambda c: Decimal(c) / 100),
    st.sampled_from(["0", "0.05", "0.18", "0.36"]),
    st.integers(1, 24),
    st.lists(st.tuples(st.integers(0, 800), st.integers(1, 10**6)), max_size=6),
    st.integers(0, 800),
)
def test_us_rule_matches_a_payment_by_payment_count(
    principal: Decimal,
    rate: str,
    months: int,
    paid: list[tuple[int, int]],
    horizon: int,
) -> None:
    """A single-payment loan before maturity against a direct US Rule loop.

    Each payment settles the simple interest accrued so far (the total kept exact and
    rounded once), then principal, then is held as credit; the payoff is the principal
    left plus the interest unpaid.
    """
    start = date(2024, 1, 31)
    loan = lr.Loan(
        principal, rate, months, method="bullet", start=start, interest_basis="day_count"
    )
    maturity = lr.amortize(loan).maturity
    as_of = min(start + timedelta(days=horizon), maturity - timedelta(days=1))
    payments = sorted(
        (start + timedelta(days=min(day, (as_of - start).days)), Decimal(amount) / 100)
        for day, amount in paid
    )
    state = lr.account_state(
        loan, [lr.Payment(d, a) for d, a in payments], as_of=as_of, accrual="us_rule"
    )
    annual = Fraction(rate)
    owed = Fraction(principal)
    accrued, interest_paid, credit, last = Fraction(0), Decimal(0), Decimal(0), start
    for day, amount in payments:
        accrued += annual * owed * Fraction((day - last).days, 365)
        last = day
        to_interest = min(amount, cents(accrued) - interest_paid)
        interest_paid += to_interest
        to_principal = min(amount - to_interest, Decimal(owed.numerator) / owed.denominator)
        owed -= Fraction(to_principal)
        credit += amount - to_interest - to_principal
    accrued += annual * owed * Fraction((as_of - last).days, 365)
    assert state.outstanding_principal == Decimal(owed.numerator) / owed.denominator
    assert state.payoff == state.outstanding_principal + cents(accrued) - interest_paid
    assert state.credit == credit


@given(day_count_loans(), st.integers(1, 27))
def test_paying_late_costs_interest_under_the_us_rule(loan: lr.Loan, delay: int) -> None:
    """Each instalment paid ``delay`` days late: never less interest than on time.

    The payments are the scheduled amounts; interest runs by day on the principal
    unpaid, so the later principal is repaid the more interest it earns.
    """
    rows = lr.amortize(loan).instalments
    last = rows[-1].due_date + timedelta(days=60)
    on_time = [lr.Payment(row.due_date, row.payment + row.fee) for row in rows if row.payment]
    late = [lr.Payment(p.date + timedelta(days=delay), p.amount) for p in on_time]
    early = lr.account_state(loan, on_time, as_of=last, accrual="us_rule")
    later = lr.account_state(loan, late, as_of=last, accrual="us_rule")
    interest = "contract_interest"
    assert later.charged[interest] >= early.charged[interest]
    # Strictly more where one instalment's principal earns two minor units in the delay.
    largest = max(row.principal for row in rows)
    extra = largest * Decimal(str(loan.annual_rate)) * delay / 365
    if loan.day_count is lr.DayCount.ACT_365 and extra >= 2 * Decimal(10) ** -loan.digits:
        assert later.charged[interest] > early.charged[interest]


@pytest.mark.parametrize(
    ("options", "policy", "why"),
    [
        ({}, None, "day_count"),
        ({"interest_basis": "day_count", "method": "flat"}, None, "flat"),
        (
            {"interest_basis": "day_count", "grace_periods": 2, "grace": "capitalize"},
            None,
            "capitalized",
        ),
        ({"interest_basis": "day_count"}, lr.PenaltyPolicy(interest_continues=True), "continues"),
        (
            {
                "interest_basis": "day_count",
                "method": "balloon",
                "amortization_term": 120,
                "first_due_date": date(2024, 2, 25),
            },
            None,
            "instalment 1 pays less",
        ),
    ],
)
def test_the_us_rule_refuses_what_it_cannot_keep(
    options: dict[str, str | int], policy: lr.PenaltyPolicy | None, why: str
) -> None:
    """A schedule the US Rule would contradict is refused, naming ``accrual``."""
    loan = lr.Loan(1000, "0.1", 12, start=date(2024, 1, 1), **options)  # type: ignore[arg-type]
    with pytest.raises(lr.InvalidTermsError, match=f"accrual=.*{why}"):
        lr.account_state(loan, as_of=date(2024, 6, 1), penalty=policy, accrual="us_rule")


def test_the_court_view_replays_under_the_us_rule() -> None:
    """court_view passes the accrual to both replays: a loan within the cap is not cut."""
    loan = lr.Loan(10000, "0.08", 12, start=date(2024, 1, 1), interest_basis="day_count")
    view = lr.court_view(
        loan, as_of=date(2024, 5, 20), rule=lr.law.ChinaFinancialLoans(), accrual="us_rule"
    )
    claimed = lr.account_state(loan, as_of=date(2024, 5, 20), accrual="us_rule")
    assert view.claimed.payoff == claimed.payoff
    assert view.allowed.accrual is lr.Accrual.US_RULE
    assert view.enforceable_payoff == claimed.payoff
