"""Day-count conventions: how many years lie between two dates.

Each convention returns an exact ``Fraction`` of a year, so interest computed from it
is rounded once, at the end, and never carries a binary floating-point error.
"""

from __future__ import annotations

import calendar
from datetime import date
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from loanrelief.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief.validate import Choice, a_date, parse_enum

__all__ = ["DayCount", "day_array", "year_fraction", "year_fractions"]


class DayCount(Choice):
    """A day-count convention.

    Attributes
    ----------
    ACT_360
        Actual days / 360 (money markets; Chinese banks' daily rate = annual / 360).
    ACT_365
        Actual days / 365, "Actual/365 (Fixed)" (UK, many consumer loans and courts).
    ACT_ACT
        Actual/Actual (ISDA): days in a leap year over 366 plus the rest over 365.
    THIRTY_360
        30/360 US (SIA rule): the last day of February counts as day 30 at the start
        of a period (and at its end when both are), and day 31 becomes 30 unless the
        period starts before day 30.
    THIRTY_E_360
        30E/360 (Eurobond basis, ISDA 2006 section 4.16(g)): day 31 becomes 30.

    Notes
    -----
    Sources: ISDA 2006 Definitions section 4.16 (Actual/Actual (ISDA), Actual/365
    (Fixed), Actual/360, 30E/360); Securities Industry Association, *Standard
    Securities Calculation Methods* (1993), for 30/360 US.

    Examples
    --------
    >>> from datetime import date
    >>> year_fraction(date(2024, 1, 31), date(2024, 3, 1), DayCount.ACT_360)
    Fraction(1, 12)
    """

    ACT_360 = "act/360"
    ACT_365 = "act/365"
    ACT_ACT = "act/act"
    THIRTY_360 = "30/360"
    THIRTY_E_360 = "30e/360"


def _is_last_of_february(day: date) -> bool:
    return day.month == 2 and day.day == calendar.monthrange(day.year, 2)[1]


def _days_360(start: date, end: date, day_count: DayCount) -> int:
    d1, d2 = start.day, end.day
    if day_count is DayCount.THIRTY_360:
        # The SIA rules, in their order: February's end first, then day 31.
        if _is_last_of_february(start):
            if _is_last_of_february(end):
                d2 = 30
            d1 = 30
        if d2 == 31 and d1 >= 30:
            d2 = 30
        d1 = min(d1, 30)
    else:
        d1, d2 = min(d1, 30), min(d2, 30)
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + d2 - d1


def year_fraction(start: date, end: date, day_count: DayCount | str) -> Fraction:
    """Return the exact fraction of a year from ``start`` to ``end``.

    Parameters
    ----------
    start, end : datetime.date
        The period; ``end`` must not be before ``start``.
    day_count : DayCount or str
        The convention (``"act/365"`` or ``DayCount.ACT_365``).

    Returns
    -------
    Fraction
        ``days / basis`` for the actual/fixed conventions; for ``ACT_ACT`` the sum over
        calendar years of days in that year / days of that year; for the 30/360 family
        ``(360 (Y2 - Y1) + 30 (M2 - M1) + D2 - D1) / 360`` after the day adjustments.

    Raises
    ------
    InvalidTermsError
        If ``end`` is before ``start``.

    Examples
    --------
    >>> from datetime import date
    >>> year_fraction(date(2023, 12, 1), date(2024, 3, 1), DayCount.ACT_365)
    Fraction(91, 365)
    >>> year_fraction(date(2023, 12, 1), date(2024, 3, 1), DayCount.ACT_ACT)
    Fraction(5541, 22265)
    >>> year_fraction(date(2024, 2, 29), date(2024, 3, 31), DayCount.THIRTY_360)
    Fraction(1, 12)
    >>> year_fraction(date(2024, 2, 29), date(2024, 3, 31), DayCount.THIRTY_E_360)
    Fraction(31, 360)
    """
    start, end = a_date(start, "start"), a_date(end, "end")
    day_count = parse_enum(day_count, DayCount, "day_count")
    if end < start:
        raise InvalidTermsError("end", end, f"a date on or after the start {start}")
    if day_count is DayCount.ACT_360:
        return Fraction((end - start).days, 360)
    if day_count is DayCount.ACT_365:
        return Fraction((end - start).days, 365)
    if day_count is DayCount.ACT_ACT:
        total = Fraction(0)
        cursor = start
        while cursor.year < end.year:
            new_year = date(cursor.year + 1, 1, 1)
            total += Fraction(
                (new_year - cursor).days, 366 if calendar.isleap(cursor.year) else 365
            )
            cursor = new_year
        return total + Fraction((end - cursor).days, 366 if calendar.isleap(end.year) else 365)
    return Fraction(_days_360(start, end, day_count), 360)


def day_array(value: object, field: str) -> npt.NDArray[np.datetime64]:
    """Return dates as a ``datetime64[D]`` array in years 1 to 9999, or raise naming ``field``.

    Examples
    --------
    >>> day_array(["2024-01-31", date(2024, 2, 29)], "due").tolist()
    [datetime.date(2024, 1, 31), datetime.date(2024, 2, 29)]
    """
    try:
        days = np.asarray(value, dtype="datetime64[D]")
    except (TypeError, ValueError, OverflowError):
        raise InvalidTypeError(field, value, "dates (datetime.date or datetime64)") from None
    if np.any(np.isnat(days)) or np.any(days < _FIRST_DAY) or np.any(days > _LAST_DAY):
        raise InvalidValueError(field, value, "dates from year 1 to 9999, not NaT")
    return days


_FIRST_DAY = np.datetime64("0001-01-01", "D")
_LAST_DAY = np.datetime64("9999-12-31", "D")


def _parts(days: npt.NDArray[np.datetime64]) -> tuple[npt.NDArray[np.int64], ...]:
    """Year, month (1-12) and day (1-31) of each date."""
    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def _last_of_february(
    month: npt.NDArray[np.int64], day: npt.NDArray[np.int64], year: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    result: npt.NDArray[np.bool_] = (month == 2) & (day == np.where(leap, 29, 28))
    return result


def year_fractions(
    start: npt.ArrayLike, end: npt.ArrayLike, day_count: DayCount | str
) -> npt.NDArray[np.float64]:
    """Return :func:`year_fraction` for arrays of dates, as float64, without a Python loop.

    Parameters
    ----------
    start, end : array_like of datetime64[D]
        Broadcast against each other; no ``end`` may precede its ``start``.
    day_count : DayCount or str
        The convention.

    Returns
    -------
    numpy.ndarray
        For the actual/fixed conventions, ``days / basis`` correctly rounded (equal
        to ``float(year_fraction(...))``); for the others within a few ulps of it.

    Examples
    --------
    >>> days = np.array(["2024-01-31", "2024-02-29"], dtype="datetime64[D]")
    >>> year_fractions(np.datetime64("2023-12-01"), days, DayCount.ACT_ACT).round(6)
    array([0.166899, 0.246134])
    """
    day_count = parse_enum(day_count, DayCount, "day_count")
    first, last = day_array(start, "start"), day_array(end, "end")
    try:
        first, last = np.broadcast_arrays(first, last)
    except ValueError:
        raise InvalidTermsError("end", end, "dates that broadcast against start's") from None
    days = (last - first).astype(np.int64)
    if np.any(days < 0):
        raise InvalidTermsError("end", end, "dates on or after their start")
    result: npt.NDArray[np.float64]
    if day_count is DayCount.ACT_360:
        result = days / 360.0
        return result
    if day_count is DayCount.ACT_365:
        result = days / 365.0
        return result
    if day_count is DayCount.ACT_ACT:
        year_start = first.astype("datetime64[Y]")
        year_end = last.astype("datetime64[Y]")

        def length(year: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int64]:
            span: npt.NDArray[np.int64] = (
                (year + 1).astype("datetime64[D]") - year.astype("datetime64[D]")
            ).astype(np.int64)
            return span

        head = ((year_start + 1).astype("datetime64[D]") - first).astype(np.int64)
        tail = (last - year_end.astype("datetime64[D]")).astype(np.int64)
        whole = (year_end - year_start).astype(np.int64) - 1
        across = head / length(year_start) + whole + tail / length(year_end)
        result = np.where(whole < 0, days / length(year_start), across)
        return result
    y1, m1, d1 = _parts(first)
    y2, m2, d2 = np.broadcast_arrays(*_parts(last))
    y1, m1, d1 = (np.broadcast_to(part, y2.shape).copy() for part in (y1, m1, d1))
    d2 = d2.copy()
    if day_count is DayCount.THIRTY_360:
        feb_start = _last_of_february(m1, d1, y1)
        d2 = np.where(feb_start & _last_of_february(m2, d2, y2), 30, d2)
        d1 = np.where(feb_start, 30, d1)
        d2 = np.where((d2 == 31) & (d1 >= 30), 30, d2)
        d1 = np.minimum(d1, 30)
    else:
        d1, d2 = np.minimum(d1, 30), np.minimum(d2, 30)
    result = (360 * (y2 - y1) + 30 * (m2 - m1) + d2 - d1) / 360.0
    return result
