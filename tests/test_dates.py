"""Day counts, month arithmetic and due dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief import DayCount, Frequency
from tests.strategies import start_dates


@pytest.mark.parametrize(
    ("start", "end", "day_count", "expected"),
    [
        # ISDA 2006 4.16(b) style example: Actual/Actual (ISDA) across a year end.
        (
            date(2003, 11, 1),
            date(2004, 5, 1),
            DayCount.ACT_ACT,
            Fraction(61, 365) + Fraction(121, 366),
        ),
        (date(2024, 1, 1), date(2025, 1, 1), DayCount.ACT_ACT, Fraction(1)),
        (date(2024, 1, 1), date(2025, 1, 1), DayCount.ACT_365, Fraction(366, 365)),
        (date(2024, 1, 1), date(2025, 1, 1), DayCount.ACT_360, Fraction(366, 360)),
        # 30/360 US (SIA): end of February counts as day 30 at the start.
        (date(2007, 2, 28), date(2007, 3, 31), DayCount.THIRTY_360, Fraction(30, 360)),
        (date(2007, 2, 28), date(2007, 3, 31), DayCount.THIRTY_E_360, Fraction(32, 360)),
        (date(2007, 2, 28), date(2008, 2, 29), DayCount.THIRTY_360, Fraction(1)),
        (date(2007, 1, 31), date(2007, 2, 28), DayCount.THIRTY_360, Fraction(28, 360)),
        (date(2007, 1, 15), date(2007, 3, 31), DayCount.THIRTY_360, Fraction(76, 360)),
        (date(2007, 1, 30), date(2007, 3, 31), DayCount.THIRTY_360, Fraction(60, 360)),
        (date(2007, 1, 30), date(2007, 3, 31), DayCount.THIRTY_E_360, Fraction(60, 360)),
    ],
)
def test_year_fractions(start: date, end: date, day_count: DayCount, expected: Fraction) -> None:
    """Each convention gives the year fraction its published rule defines."""
    assert lr.tvm.year_fraction(start, end, day_count) == expected


@given(start_dates(), start_dates(), start_dates(), st.sampled_from(list(DayCount)))
def test_actual_year_fractions_add_up(a: date, b: date, c: date, day_count: DayCount) -> None:
    """For actual-day conventions, splitting a period in two does not change its length."""
    first, middle, last = sorted((a, b, c))
    schedule = {"frequency": "quarterly", "reference": b}  # read by ICMA only
    # ICMA's notional quarters must fit the calendar: start_dates() are far inside it.
    assert date(1, 4, 1) <= first
    assert last <= date(9999, 9, 30)
    whole = lr.tvm.year_fraction(first, last, day_count, **schedule)
    parts = lr.tvm.year_fraction(first, middle, day_count, **schedule) + lr.tvm.year_fraction(
        middle, last, day_count, **schedule
    )
    if not day_count.value.startswith("30"):
        assert whole == parts
    else:  # 30/360 conventions may move a split point by the day adjustments
        assert abs(whole - parts) <= Fraction(2, 360)


def test_year_fraction_rejects_reversed_dates() -> None:
    """An end date before the start raises InvalidTermsError naming 'end'."""
    with pytest.raises(lr.InvalidTermsError, match="end="):
        lr.tvm.year_fraction(date(2024, 2, 1), date(2024, 1, 1), DayCount.ACT_365)


def test_month_end_rule_from_january_31() -> None:
    """A loan dated Jan 31 falls due Feb 29 in a leap year, then Mar 31 (not Mar 29)."""
    dates = lr.tvm.due_dates(date(2024, 1, 31), 4, Frequency.MONTHLY)
    assert [str(d) for d in dates] == ["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"]


def test_end_of_month_option_keeps_month_ends() -> None:
    """With end_of_month, an anchor on Feb 28 gives month ends; without, the 28th."""
    plain = lr.tvm.due_dates(date(2023, 2, 28), 2, Frequency.MONTHLY)
    eom = lr.tvm.due_dates(date(2023, 2, 28), 2, Frequency.MONTHLY, end_of_month=True)
    assert [str(d) for d in plain] == ["2023-03-28", "2023-04-28"]
    assert [str(d) for d in eom] == ["2023-03-31", "2023-04-30"]


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        (Frequency.WEEKLY, ["2024-01-22", "2024-01-29"]),
        (Frequency.BIWEEKLY, ["2024-01-29", "2024-02-12"]),
        (Frequency.MONTHLY, ["2024-02-15", "2024-03-15"]),
        (Frequency.QUARTERLY, ["2024-04-15", "2024-07-15"]),
        (Frequency.SEMIANNUAL, ["2024-07-15", "2025-01-15"]),
        (Frequency.ANNUAL, ["2025-01-15", "2026-01-15"]),
    ],
)
def test_frequencies(frequency: Frequency, expected: list[str]) -> None:
    """Each frequency steps the due dates by its period from the start date."""
    assert [str(d) for d in lr.tvm.due_dates(date(2024, 1, 15), 2, frequency)] == expected


def test_first_due_date_anchors_later_dates() -> None:
    """An explicit first due date anchors the dates that follow it."""
    dates = lr.tvm.due_dates(
        date(2024, 1, 10), 3, Frequency.MONTHLY, first_due_date=date(2024, 3, 1)
    )
    assert [str(d) for d in dates] == ["2024-03-01", "2024-04-01", "2024-05-01"]


@given(start_dates(), st.integers(1, 1200), st.booleans())
def test_monthly_dates_match_add_months(start: date, term: int, end_of_month: bool) -> None:
    """The vectorised monthly dates equal add_months applied from the anchor one by one."""
    dates = lr.tvm.due_dates(start, term, Frequency.MONTHLY, end_of_month=end_of_month)
    expected = [lr.tvm.add_months(start, k, end_of_month=end_of_month) for k in range(1, term + 1)]
    assert dates.astype(object).tolist() == expected
    assert np.all(np.diff(dates).astype(int) > 0)


@pytest.mark.parametrize(
    ("anchor", "keep_end", "expected"),
    [
        ("2024-01-01", False, ["2024-01-16", "2024-02-01", "2024-02-16", "2024-03-01"]),
        ("2024-01-16", False, ["2024-02-01", "2024-02-16", "2024-03-01", "2024-03-16"]),
        ("2024-01-15", False, ["2024-01-31", "2024-02-15", "2024-02-29", "2024-03-15"]),
        ("2024-01-31", True, ["2024-02-15", "2024-02-29", "2024-03-15", "2024-03-31"]),
        ("2024-01-14", False, ["2024-01-29", "2024-02-14", "2024-02-29", "2024-03-14"]),
        ("2023-01-29", False, ["2023-02-14", "2023-02-28", "2023-03-14", "2023-03-29"]),
    ],
)
def test_semimonthly_dates_alternate_between_two_days(
    anchor: str, keep_end: bool, expected: list[str]
) -> None:
    """Two due dates a month, 15 days apart (clipped), or the 15th and the last day."""
    grid = lr._foundations.dates.period_grid(
        np.datetime64(anchor), np.arange(1, 5), lr.Frequency.SEMIMONTHLY, keep_end=keep_end
    )
    assert [str(day) for day in grid] == expected
    start = date.fromisoformat(anchor)
    assert [
        lr.tvm.add_periods(start, k, "semimonthly", end_of_month=keep_end).isoformat()
        for k in range(1, 5)
    ] == expected
    assert lr.tvm.add_periods(date.fromisoformat(expected[-1]), -4, "semimonthly") <= start


def test_a_semimonthly_loan_reconciles_and_its_apr_is_its_rate() -> None:
    """A semimonthly loan: rate / 24 a period, to the cent, its APR its rate.

    With no fee the US APR from the dates (a semimonth unit) equals the contract rate.
    """
    loan = lr.Loan(5000, "0.10", 24, start=date(2024, 1, 1), frequency="semimonthly")
    schedule = lr.amortize(loan)
    assert schedule.total_principal == Decimal("5000.00")
    assert schedule.instalments[-1].balance == 0
    expected = -npf.pmt(0.10 / 24, 24, 5000)
    assert abs(schedule.regular_payment - Decimal(str(round(expected, 2)))) <= Decimal("0.01")
    assert lr.apr(schedule) == pytest.approx(0.10, abs=1e-5)  # payments rounded to cents
    dates, flows = lr.tvm.schedule_flows(schedule)
    assert lr.apr(dates, flows) == pytest.approx(lr.apr(schedule), abs=1e-4)  # a semimonth
    state = lr.account_state(loan, as_of=date(2024, 3, 5))
    assert state.days_past_due == 49  # due 2024-01-16 (a semimonth on), unpaid since
    outcome = lr.evaluate(state, lr.ExtendTerm(6))
    assert outcome.plan.rows[1].date == date(2024, 3, 16)
