"""Day counts against ISDA's worked examples (as QuantLib's tests carry them)."""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import UNSCHEDULED

CASES = json.loads((Path(__file__).parent / "reference" / "daycount_cases.json").read_text())


def _day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize("convention", ["30/360 bond", "30e/360"])
def test_thirty_360_matches_isda_examples(convention: str) -> None:
    """30/360 Bond Basis (4.16(f)) and 30E/360 (4.16(g)), every ISDA example."""
    for start, end, days in CASES[convention]:
        fraction = lr.tvm.year_fraction(_day(start), _day(end), convention)
        assert fraction == Fraction(days, 360), (start, end)
        many = lr.tvm.year_fractions(
            np.datetime64(start), np.array([end], "datetime64[D]"), convention
        )
        assert many[0] == days / 360


def test_thirty_e_360_isda_matches_isda_examples() -> None:
    """30E/360 (ISDA), 4.16(h): February's end is 30 except on the termination date."""
    for start, end, termination, days in CASES["30e/360 isda"]:
        fraction = lr.tvm.year_fraction(
            _day(start), _day(end), "30e/360 isda", maturity=_day(termination)
        )
        assert fraction == Fraction(days, 360), (start, end, termination)


@pytest.mark.parametrize("convention", ["act/366", "act/365.25"])
def test_actual_over_fixed_bases_match_quantlib(convention: str) -> None:
    """Act/366 and Act/365.25 year fractions, QuantLib's cases (ends before starts skipped)."""
    checked = 0
    for start, end, expected in CASES[convention]:
        if expected < 0:
            continue  # an end before its start is refused here
        assert float(lr.tvm.year_fraction(_day(start), _day(end), convention)) == pytest.approx(
            expected, abs=1e-12
        )
        checked += 1
    assert checked >= 12


@given(st.dates(date(1901, 1, 1), date(2098, 12, 31)), st.integers(0, 3000))
def test_no_leap_skips_every_february_29(start: date, days: int) -> None:
    """NL/365: actual days less the February 29ths after the start up to the end."""
    end = start + timedelta(days=days)
    leap_days = sum(
        1
        for year in range(start.year, end.year + 1)
        if calendar.isleap(year) and start < date(year, 2, 29) <= end
    )
    expected = Fraction(days - leap_days, 365)
    assert lr.tvm.year_fraction(start, end, "nl/365") == expected
    many = lr.tvm.year_fractions(np.datetime64(start), np.array([end], "datetime64[D]"), "nl/365")
    assert many[0] == float(expected)


@given(
    st.dates(date(1901, 1, 1), date(2098, 12, 31)),
    st.integers(0, 4000),
    st.sampled_from([c for c in UNSCHEDULED if c != lr.DayCount.ACT_ACT]),
)
def test_one_rule_for_one_date_and_arrays(start: date, days: int, convention: lr.DayCount) -> None:
    """year_fractions equals year_fraction for every convention (one rule, two shapes)."""
    end = start + timedelta(days=days)
    one = lr.tvm.year_fraction(start, end, convention)
    many = lr.tvm.year_fractions(
        np.datetime64(start), np.array([end], "datetime64[D]"), convention
    )
    assert many[0] == pytest.approx(float(one), rel=1e-15, abs=1e-15)


def test_thirty_e_plus_rolls_day_31_into_the_next_month() -> None:
    """30E+/360: an end on the 31st counts as the 1st of the next month."""
    assert lr.tvm.year_fraction(date(2006, 1, 31), date(2006, 3, 31), "30e+/360") == Fraction(
        61, 360
    )
    assert lr.tvm.year_fraction(date(2006, 12, 15), date(2006, 12, 31), "30e+/360") == Fraction(
        16, 360
    )
    assert lr.tvm.year_fraction(date(2006, 1, 15), date(2006, 2, 28), "30e+/360") == Fraction(
        43, 360
    )


FREQUENCY_OF_MONTHS = {1: "monthly", 3: "quarterly", 6: "semiannual", 12: "annual"}


def test_act_act_icma_matches_isda_examples() -> None:
    """Actual/Actual (ICMA): ISDA's 1998 examples, each with its reference period.

    Short and long first periods, regular periods and a short last period; the reference
    period gives the frequency and a regular date of the schedule.
    """
    for start, end, ref_start, ref_end, expected in CASES["act/act icma"]:
        months = (_day(ref_end).year - _day(ref_start).year) * 12
        months += _day(ref_end).month - _day(ref_start).month
        fraction = lr.tvm.year_fraction(
            _day(start),
            _day(end),
            "act/act icma",
            frequency=FREQUENCY_OF_MONTHS[months],
            reference=_day(ref_start),
        )
        assert float(fraction) == pytest.approx(expected, abs=1e-12), (start, end)


@given(
    st.dates(date(1901, 1, 1), date(2098, 12, 31)),
    st.integers(0, 800),
    st.sampled_from(sorted(FREQUENCY_OF_MONTHS)),
    st.dates(date(1950, 1, 1), date(2050, 12, 31)),
    st.booleans(),
)
def test_act_act_icma_counts_each_day_in_its_notional_period(
    start: date, days: int, months: int, reference: date, end_of_month: bool
) -> None:
    """Every day weighs 1 / (frequency x the days of the notional period it falls in).

    Checked day by day against the schedule of whole periods from the reference (an
    independent count), and a whole regular period is exactly ``1 / frequency``.
    """
    end = start + timedelta(days=days)
    frequency = FREQUENCY_OF_MONTHS[months]
    per_year = 12 // months
    back = (reference.year - start.year + 1) * 12 // months + 1
    ahead = (end.year - reference.year + 1) * 12 // months + 2
    grid = [  # the schedule: whole periods counted from the reference, both ways
        lr.tvm.add_months(reference, k * months, end_of_month=end_of_month)
        for k in range(-back, ahead)
    ]
    assert grid[0] <= start
    assert grid[-1] >= end
    expected, k = Fraction(0), 0
    for ordinal in range(start.toordinal(), end.toordinal()):
        day = date.fromordinal(ordinal)
        while grid[k + 1] <= day:
            k += 1
        expected += Fraction(1, per_year * (grid[k + 1] - grid[k]).days)
    result = lr.tvm.year_fraction(
        start,
        end,
        "act/act icma",
        frequency=frequency,
        reference=reference,
        end_of_month=end_of_month,
    )
    assert result == expected
    whole = lr.tvm.year_fraction(
        grid[1],
        grid[2],
        "act/act icma",
        frequency=frequency,
        reference=reference,
        end_of_month=end_of_month,
    )
    assert whole == Fraction(1, per_year)


def test_an_icma_loan_charges_a_regular_period_its_share_of_the_rate() -> None:
    """A semiannual loan on Actual/Actual (ICMA) with a long odd first period.

    Every regular half-year costs exactly rate / 2 even under ``interest_basis=
    "day_count"`` (Actual/Actual (ISDA) would not); the first period, 2002-08-15 to
    2003-01-15, is 153 days of the 184-day notional half-year before it.
    """
    loan = lr.Loan(
        10000,
        "0.06",
        6,
        start=date(2002, 8, 15),
        first_due_date=date(2003, 1, 15),
        frequency="semiannual",
        day_count="act/act icma",
        interest_basis="day_count",
    )
    rows = lr.amortize(loan).instalments
    cent = Decimal("0.01")
    first = Decimal(10000 * 6 * 153) / Decimal(100 * 368)
    assert rows[0].interest == first.quantize(cent, ROUND_HALF_EVEN)
    for before, row in pairwise(rows):
        half_year = before.balance * Decimal("0.03")
        assert row.interest == half_year.quantize(cent, ROUND_HALF_EVEN)
    isda = lr.amortize(loan.replace(day_count="act/act")).instalments
    assert isda[1].interest != rows[1].interest  # 181 days of 2003 / 365


@pytest.mark.parametrize(
    "make",
    [
        lambda: lr.tvm.year_fraction(date(2024, 1, 1), date(2025, 1, 1), "act/act icma"),
        lambda: lr.tvm.year_fraction(
            date(2024, 1, 1), date(2025, 1, 1), "act/act icma", frequency="weekly"
        ),
        lambda: lr.Loan(
            1000, "0.1", 12, start=date(2024, 1, 1), frequency="biweekly", day_count="act/act icma"
        ),
        lambda: lr.PenaltyPolicy(day_count="act/act icma"),
        lambda: lr.tvm.xirr(
            [date(2024, 1, 1), date(2025, 1, 1)], [-1, 1.1], day_count="act/act icma"
        ),
        lambda: lr.tvm.year_fractions(
            np.datetime64("2024-01-01"), np.datetime64("2025-01-01"), "act/act icma"
        ),
        lambda: lr.tvm.year_fraction(
            date(1, 1, 15), date(1, 3, 1), "act/act icma", frequency="annual"
        ),
    ],
)
def test_act_act_icma_without_a_schedule_is_refused(make: object) -> None:
    """ICMA needs a schedule of whole months: anything else is an InvalidTermsError."""
    with pytest.raises(lr.InvalidTermsError, match=r"frequency=|day_count=|start="):
        make()  # type: ignore[operator]
