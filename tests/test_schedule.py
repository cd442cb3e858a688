"""Schedule options and views: odd periods, grace, fees, columns, pandas, repr, HTML."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr

START = date(2024, 1, 15)


def test_short_first_period_earns_interest_for_its_days() -> None:
    """A short first period's interest follows the day count on its actual days."""
    loan = lr.Loan(
        10000, "0.12", 12, start=START, first_due_date=date(2024, 2, 1), day_count="act/365"
    )
    first = lr.amortize(loan)[0]
    assert first.interest == Decimal("55.89")  # 10000 x 0.12 x 17/365 = 55.890...
    assert lr.amortize(loan)[1].due_date == date(2024, 3, 1)


def test_long_first_period_raises_the_payment() -> None:
    """A long first period costs more interest than a regular one, and the level payment rises."""
    regular = lr.amortize(lr.Loan(10000, "0.12", 12, start=START))
    long = lr.amortize(lr.Loan(10000, "0.12", 12, start=START, first_due_date=date(2024, 3, 1)))
    assert long[0].interest > regular[0].interest
    assert long.regular_payment > regular.regular_payment


def test_regular_first_due_date_changes_nothing() -> None:
    """Naming the first due date one period after start gives the default schedule."""
    default = lr.amortize(lr.Loan(10000, "0.12", 12, start=START))
    named = lr.amortize(lr.Loan(10000, "0.12", 12, start=START, first_due_date=date(2024, 2, 15)))
    assert default.minor_columns["payment"].tolist() == named.minor_columns["payment"].tolist()


def test_day_count_basis_uses_actual_days() -> None:
    """With the day-count basis, each period's interest follows its own number of days."""
    loan = lr.Loan(
        36500,
        "0.10",
        3,
        start=date(2023, 1, 1),
        interest_basis="day_count",
        day_count="act/365",
        method="interest_only",
    )
    interest = [row.interest for row in lr.amortize(loan)]
    assert interest == [Decimal("310.00"), Decimal("280.00"), Decimal("310.00")]  # 31, 28, 31 days


def test_interest_only_grace_then_annuity() -> None:
    """Interest-only grace periods pay the interest, then an annuity over the rest."""
    loan = lr.Loan(12000, "0.12", 12, start=START, grace_periods=3)
    schedule = lr.amortize(loan)
    assert [row.payment for row in schedule[:3]] == [Decimal("120.00")] * 3
    assert [row.principal for row in schedule[:3]] == [Decimal("0.00")] * 3
    rest = lr.amortize(lr.Loan(12000, "0.12", 9, start=START))
    assert schedule.regular_payment == rest.regular_payment


def test_capitalized_grace_adds_interest_to_the_balance() -> None:
    """Capitalizing grace periods pay nothing and grow the balance by their interest."""
    loan = lr.Loan(10000, "0.12", 12, start=START, grace_periods=2, grace="capitalize")
    schedule = lr.amortize(loan)
    assert [row.payment for row in schedule[:2]] == [Decimal("0.00")] * 2
    assert schedule[0].balance == Decimal("10100.00")
    assert schedule[1].balance == Decimal("10201.00")
    assert (
        schedule.total_interest > lr.amortize(loan.replace(grace="interest_only")).total_interest
    )


def test_fees_are_recorded_and_counted() -> None:
    """Upfront and instalment fees enter total_fees, cost_of_credit and total_paid."""
    loan = lr.Loan(1000, "0.12", 4, start=START, upfront_fee=30, instalment_fee="2.50")
    schedule = lr.amortize(loan)
    assert all(row.fee == Decimal("2.50") for row in schedule)
    assert schedule[0].amount_due == schedule[0].payment + Decimal("2.50")
    assert schedule.total_fees == Decimal("40.00")
    assert schedule.cost_of_credit == schedule.total_interest + Decimal("40.00")
    assert schedule.total_paid == Decimal("1000.00") + schedule.cost_of_credit


def test_bullet_has_one_instalment_of_simple_interest() -> None:
    """A bullet loan repays principal and simple interest for the whole term at maturity."""
    schedule = lr.amortize(lr.Loan(10000, "0.06", 6, start=START, method="bullet"))
    assert len(schedule) == 1
    assert schedule.maturity == date(2024, 7, 15)
    assert schedule[0].interest == Decimal("300.00")


def test_rounding_mode_is_per_loan() -> None:
    """Half-up and half-even differ on an exact tie, chosen per loan."""
    # 100.50 x 0.01 / 1 period = 1.005: a tie at the cent.
    base = {"principal": "100.50", "annual_rate": "0.12", "term": 1, "start": START}
    even = lr.amortize(lr.Loan(**base, rounding="half_even"))
    up = lr.amortize(lr.Loan(**base, rounding="half_up"))
    assert (even[0].interest, up[0].interest) == (Decimal("1.00"), Decimal("1.01"))


def test_columns_are_read_only_and_exact() -> None:
    """Minor-unit columns are read-only int64; float columns are those values / 100."""
    schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=START))
    minor = schedule.minor_columns
    assert minor["payment"].dtype == np.int64
    with pytest.raises(ValueError, match="read-only"):
        minor["payment"][0] = 0
    assert np.array_equal(np.round(schedule.columns["balance"] * 100), minor["balance"])
    assert schedule.due_dates.dtype == np.dtype("datetime64[D]")
    assert schedule.total_interest == Decimal(int(minor["interest"].sum())) / 100


def test_instalment_rows_match_columns() -> None:
    """Indexing, iterating and the instalments tuple give the same rows."""
    schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=START))
    assert len(schedule) == 24
    assert schedule[0] == schedule.instalments[0] == next(iter(schedule))
    assert schedule[-1].balance == Decimal("0.00")
    assert len(schedule[2:5]) == 3


def test_to_pandas_float_and_exact() -> None:
    """to_pandas gives float columns by default and Decimal columns with exact=True."""
    schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=START))
    frame = schedule.to_pandas()
    assert list(frame.columns) == ["due_date", *lr._loans.schedule.COLUMNS]
    assert frame.index[0] == 1
    assert frame["interest"].sum() == pytest.approx(float(schedule.total_interest))
    exact = schedule.to_pandas(exact=True)
    assert sum(exact["interest"]) == schedule.total_interest


def test_str_shows_rows_and_totals() -> None:
    """The text table names the loan, shows first and last rows and the exact totals."""
    schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=START))
    assert repr(schedule) == (
        "Schedule(regular_payment=2496.21, maturity=2026-01-15, total_paid=59908.92)"
    )
    text = str(schedule)
    assert text.startswith("Schedule: annuity loan of 50,000.00 at 18 % a year")
    assert "2,496.21" in text
    assert "..." in text
    assert "total paid 59,908.92" in text


def test_html_repr_is_a_table() -> None:
    """The notebook repr is an HTML table with every column header and the totals."""
    html = lr.amortize(lr.Loan(1000, "0.1", 3, start=START, currency="EUR"))._repr_html_()
    assert html.count("<tr>") == 4
    for name in ("due date", *lr._loans.schedule.COLUMNS):
        assert f"<th>{name}</th>" in html
    assert "EUR" in html


def test_period_rates_periodic_and_odd_first() -> None:
    """Periodic rates are annual/12; an odd first period uses the day count."""
    loan = lr.Loan(
        1000, "0.12", 3, start=START, first_due_date=date(2024, 2, 1), day_count="act/360"
    )
    dates = lr.tvm.due_dates(loan.start, 3, loan.frequency, first_due_date=loan.first_due_date)
    assert lr.tvm.period_rates(loan, dates) == [
        Fraction(12, 100) * Fraction(17, 360),
        Fraction(1, 100),
        Fraction(1, 100),
    ]


def test_reprs_are_one_line_and_tables_are_in_str() -> None:
    """Every result's repr is one line naming its type; str and HTML hold the table."""
    loan = lr.Loan(12000, "0.12", 12, start=START)
    state = lr.account_state(
        loan, as_of=date(2024, 6, 1), penalty=lr.PenaltyPolicy(rate_multiplier="1.5")
    )
    outcome = lr.evaluate(state, lr.ExtendTerm(6))
    court = lr.court_view(
        loan,
        as_of=date(2024, 6, 1),
        rule=lr.law.ChinaFinancialLoans(),
        penalty=lr.PenaltyPolicy(annual_rate="0.5"),
    )
    paid = lr.account_state(loan, [lr.Payment(date(2024, 2, 15), 100)], as_of=date(2024, 3, 1))
    values = [
        loan,
        lr.PenaltyPolicy(rate_multiplier="1.5", late_fee=20),
        lr.amortize(loan),
        state,
        outcome,
        outcome.plan,
        lr.compare(state, [lr.ExtendTerm(6), lr.WaivePenalty(share=1)]),
        court,
        paid.ledger[0],
    ]
    for value in values:
        text = repr(value)
        assert "\n" not in text, text
        assert len(text) < 200, text
        assert text.startswith(type(value).__name__ + "("), text
    for table in values[2:8]:
        assert str(table).count("\n") >= 3, type(table).__name__
        assert "<table" in table._repr_html_()
    assert repr(loan) == "Loan(principal=12000.00, annual_rate=0.12, term=12, start=2024-01-15)"
    assert repr(values[1]) == "PenaltyPolicy(rate_multiplier=1.5, late_fee=20)"
    assert "payoff=12584.82" in repr(state)


@pytest.mark.parametrize(
    ("charge", "term", "remaining", "rebate"),
    [
        ("100.00", 12, 9, "57.69"),  # easycalculation.com, "Rule of 78 ... Example"
        ("380.50", 24, 8, "45.66"),  # Lial et al. exercise (edu.com homework helper)
        ("233.14", 18, 6, "28.63"),  # 18 x 190.73 on 3,200, paid off with 6 to go
    ],
)
def test_rule_of_78s_rebates_match_published_examples(
    charge: str, term: int, remaining: int, rebate: str
) -> None:
    """The sum-of-the-digits rebate, u (u + 1) / (n (n + 1)) of the finance charge."""
    assert lr.tvm.rule_of_78s_rebate(charge, term, remaining) == Decimal(rebate)


@given(st.integers(1, 120), st.data(), st.integers(0, 10**9))
def test_rule_of_78s_rebate_bounds(term: int, data: st.DataObject, charge: int) -> None:
    """Rule of 78s: nothing at the end, everything at the start, growing with time left.

    Never more than a straight line's share (the rule front-loads the charge).
    """
    remaining = data.draw(st.integers(0, term))
    amount = Decimal(charge).scaleb(-2)
    rebate = lr.tvm.rule_of_78s_rebate(amount, term, remaining)
    assert lr.tvm.rule_of_78s_rebate(amount, term, 0) == 0
    assert lr.tvm.rule_of_78s_rebate(amount, term, term) == amount
    assert 0 <= rebate <= amount * remaining / term + Decimal("0.005")
    if remaining < term:
        assert rebate <= lr.tvm.rule_of_78s_rebate(amount, term, remaining + 1)


def test_odd_first_period_at_simple_interest_matches_hp() -> None:
    """HP's odd-first-period loan: simple interest for the odd days, then an annuity.

    HP 10B manual, "Loan with an Odd First Period": 4,500 over 36 months at 15 %, the
    first payment in 46 days: 16 odd days at simple interest (30.00), payment 157.03.
    """
    start = date(2024, 1, 1)
    loan = lr.Loan(
        4500, "0.15", 36, start=start, first_due_date=date(2024, 2, 16), odd_days="simple"
    )
    schedule = lr.amortize(loan)
    assert schedule.regular_payment == Decimal("157.03")
    first = schedule.instalments[0]
    assert first.interest == Decimal("86.62")  # 30.00 odd days + 4,530 x 1.25 %, exact
    assert schedule.total_principal == Decimal("4500.00")
    # Under one period the first payment is made in advance (HP: Begin mode).
    short = lr.Loan(
        4500, "0.15", 36, start=start, first_due_date=date(2024, 1, 17), odd_days="simple"
    )
    expected = npf.pmt(0.0125, 36, -4500 * (1 + 0.0125 * 16 / 30), when="begin")
    assert lr.amortize(short).regular_payment == Decimal(str(round(expected, 2)))
    # The exact rule counts the days at the annual rate instead: a different payment.
    assert lr.amortize(loan.replace(odd_days="exact")).regular_payment != Decimal("157.03")


def test_a_missing_extra_is_named_in_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_pandas says which call needs it and what to install."""
    real = importlib.import_module

    def without_pandas(name: str, *args: object) -> object:
        if name.split(".", maxsplit=1)[0] == "pandas":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", without_pandas)
    schedule = lr.amortize(lr.Loan(1000, "0.12", 3, start=date(2024, 1, 1)))
    with pytest.raises(lr.MissingDependencyError) as caught:
        schedule.to_pandas()
    assert str(caught.value) == (
        "Schedule.to_pandas() needs pandas, which is not installed: "
        "install loanrelief's pandas extra (pip install '.[pandas]' in its clone)"
    )
    assert isinstance(caught.value, ImportError)
    assert caught.value.field == "pandas"
