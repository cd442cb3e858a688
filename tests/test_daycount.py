"""Day counts against ISDA's worked examples (as QuantLib's tests carry them)."""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr

CASES = json.loads((Path(__file__).parent / "reference" / "daycount_cases.json").read_text())


def _day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize("convention", ["30/360 bond", "30e/360"])
def test_thirty_360_matches_isda_examples(convention: str) -> None:
    """30/360 Bond Basis (4.16(f)) and 30E/360 (4.16(g)), every ISDA example."""
    for start, end, days in CASES[convention]:
        fraction = lr.year_fraction(_day(start), _day(end), convention)
        assert fraction == Fraction(days, 360), (start, end)
        many = lr.year_fractions(
            np.datetime64(start), np.array([end], "datetime64[D]"), convention
        )
        assert many[0] == days / 360


def test_thirty_e_360_isda_matches_isda_examples() -> None:
    """30E/360 (ISDA), 4.16(h): February's end is 30 except on the termination date."""
    for start, end, termination, days in CASES["30e/360 isda"]:
        fraction = lr.year_fraction(
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
        assert float(lr.year_fraction(_day(start), _day(end), convention)) == pytest.approx(
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
    assert lr.year_fraction(start, end, "nl/365") == expected
    many = lr.year_fractions(np.datetime64(start), np.array([end], "datetime64[D]"), "nl/365")
    assert many[0] == float(expected)


@given(
    st.dates(date(1901, 1, 1), date(2098, 12, 31)),
    st.integers(0, 4000),
    st.sampled_from([c for c in lr.DayCount if c != lr.DayCount.ACT_ACT]),
)
def test_one_rule_for_one_date_and_arrays(start: date, days: int, convention: lr.DayCount) -> None:
    """year_fractions equals year_fraction for every convention (one rule, two shapes)."""
    end = start + timedelta(days=days)
    one = lr.year_fraction(start, end, convention)
    many = lr.year_fractions(np.datetime64(start), np.array([end], "datetime64[D]"), convention)
    assert many[0] == pytest.approx(float(one), rel=1e-15, abs=1e-15)


def test_thirty_e_plus_rolls_day_31_into_the_next_month() -> None:
    """30E+/360: an end on the 31st counts as the 1st of the next month."""
    assert lr.year_fraction(date(2006, 1, 31), date(2006, 3, 31), "30e+/360") == Fraction(61, 360)
    assert lr.year_fraction(date(2006, 12, 15), date(2006, 12, 31), "30e+/360") == Fraction(
        16, 360
    )
    assert lr.year_fraction(date(2006, 1, 15), date(2006, 2, 28), "30e+/360") == Fraction(43, 360)
