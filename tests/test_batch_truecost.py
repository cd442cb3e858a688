"""Batch APRs of dated flows equal lr.apr's, for irregular dates too."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.dates import civil_from_days, days_from_civil, month_lengths
from loanrelief.batch._truecost import plan_aprs

EPOCH = date(1970, 1, 1)


@st.composite
def plans(draw: st.DrawFn) -> tuple[date, int, list[date], list[int]]:
    """A debt on a date and payments after it: monthly-ish, weekly-ish or irregular."""
    as_of = draw(st.dates(date(2000, 1, 1), date(2040, 12, 31)))
    count = draw(st.integers(1, 14))
    kind = draw(st.sampled_from(["months", "days", "mixed"]))
    first = draw(st.integers(0, 62))
    dates = []
    for k in range(count):
        if kind == "months":
            day = lr.tvm.add_months(as_of + timedelta(days=first), k)
        elif kind == "days":
            day = as_of + timedelta(days=first + 14 * k)
        else:
            day = as_of + timedelta(days=first + draw(st.integers(0, 400)))
        dates.append(day)
    dates.sort()
    amounts = [draw(st.integers(1, 500_000)) for _ in dates]
    debt = draw(st.integers(1, 2 * sum(amounts)))
    return as_of, debt, dates, amounts


def _one(as_of: date, debt: int, dates: list[date], amounts: list[int]) -> float:
    """lr.apr of the flows as evaluate() would take them; NaN where it gives None."""
    if all(day == as_of for day in dates):
        return float("nan")
    try:
        return lr.apr([as_of, *dates], [-debt / 100, *(a / 100 for a in amounts)])
    except lr.LoanReliefError:
        return float("nan")


@given(st.lists(plans(), min_size=1, max_size=5))
@example([(date(2024, 1, 31), 100000, [date(2024, 2, 29), date(2024, 3, 31)], [50000, 55000])])
def test_batch_aprs_equal_apr(group: list[tuple[date, int, list[date], list[int]]]) -> None:
    """Unit periods, counting back from month ends, sorting and padding: the same floats."""
    width = max(len(dates) for _, _, dates, _ in group) + 2  # padding on every row
    day_numbers = np.zeros((len(group), width), dtype=np.int64)
    amounts = np.zeros((len(group), width), dtype=np.int64)
    kept = np.zeros((len(group), width), dtype=bool)
    for k, (_, _, dates, values) in enumerate(group):
        day_numbers[k, 1 : 1 + len(dates)] = [(day - EPOCH).days for day in dates]
        amounts[k, 1 : 1 + len(dates)] = values
        kept[k, 1 : 1 + len(dates)] = True  # a dropped first row, as in a plan
    as_of = np.array([(day - EPOCH).days for day, _, _, _ in group])
    debt = np.array([value for _, value, _, _ in group])
    batch = plan_aprs(day_numbers, amounts, kept, as_of, debt, 2)
    single = [_one(*plan) for plan in group]
    np.testing.assert_array_equal(batch, single)


def test_civil_dates_match_numpy_calendar() -> None:
    """The integer calendar agrees with datetime64 from 1600 to 2400, both ways."""
    days = np.arange(-135_000, 157_000, 7)
    year, month, day = civil_from_days(days)
    as_dates = days.astype("datetime64[D]")
    assert (year == as_dates.astype("datetime64[Y]").astype(np.int64) + 1970).all()
    assert (month == as_dates.astype("datetime64[M]").astype(np.int64) % 12 + 1).all()
    first = as_dates.astype("datetime64[M]").astype("datetime64[D]")
    assert (day == (as_dates - first).astype(np.int64) + 1).all()
    assert (days_from_civil(year, month, day) == days).all()
    lengths = [
        lr.tvm.add_months(date(int(y), int(m), 1), 1) - date(int(y), int(m), 1)
        for y, m in zip(year[:400], month[:400], strict=True)
    ]
    assert month_lengths(year[:400], month[:400]).tolist() == [t.days for t in lengths]


@settings(max_examples=10)  # 300 one-plan APRs an example
@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.randoms(use_true_random=False))
def test_many_plans_of_one_day_use_the_shared_table(as_of: date, random: object) -> None:
    """Hundreds of plans on one date take the looked-up spans: still the same floats."""
    rng = np.random.default_rng(random.randint(0, 2**32))  # type: ignore[attr-defined]
    count, width = 300, 14
    first = rng.integers(0, 62, count)
    spacing = rng.choice([7, 14, 30, 31], count)
    steps = np.arange(width)
    offsets = first[:, None] + spacing[:, None] * steps
    monthly = rng.random(count) < 0.5
    day = (as_of - EPOCH).days
    dates = np.where(monthly[:, None], 0, day + offsets)
    for k in np.flatnonzero(monthly):
        start = as_of + timedelta(days=int(first[k]))
        dates[k] = [(lr.tvm.add_months(start, int(n)) - EPOCH).days for n in steps]
    amounts = rng.integers(1, 100_000, (count, width))
    kept = steps < rng.integers(1, width + 1, count)[:, None]
    debt = rng.integers(1, 2 * (amounts * kept).sum(axis=1))
    batch = plan_aprs(dates, amounts, kept, np.full(count, day), debt, 2)
    for k in range(count):
        chosen = [date.fromordinal(EPOCH.toordinal() + int(d)) for d in dates[k][kept[k]]]
        single = _one(as_of, int(debt[k]), chosen, amounts[k][kept[k]].tolist())
        np.testing.assert_equal(batch[k], single)
