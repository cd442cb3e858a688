"""Day-count conventions: how many years lie between two dates.

Each convention returns an exact ``Fraction`` of a year, so interest computed from it
is rounded once, at the end, and never carries a binary floating-point error.
"""

from __future__ import annotations

import calendar
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.dates import Frequency, add_months
from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import least
from loanrelief._foundations.validate import Choice, a_date, a_flag, day_array, parse_enum

__all__ = [
    "DayCount",
    "coupon_months",
    "fractions_between",
    "no_schedule",
    "thirty_days",
    "year_fraction",
    "year_fractions",
]


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
    ACT_ACT_ICMA
        Actual/Actual (ICMA), ICMA Rule 251: the days in each regular period of the
        coupon (or due-date) schedule over ``frequency`` times that period's days, so
        a regular period is exactly ``1 / frequency``; an odd period is measured
        against the notional regular periods it spans. It needs the schedule: a
        ``frequency`` of whole months and a ``reference`` date on it.
    ACT_365_25
        Actual days / 365.25 (some long-dated loan and lease systems).
    ACT_366
        Actual days / 366.
    NL_365
        "No leap" Actual/365: actual days less every February 29 in the period, / 365
        (a date on February 29 counts as February 28).
    THIRTY_360
        30/360 US (SIA rule): the last day of February counts as day 30 at the start
        of a period (and at its end when both are), and day 31 becomes 30 unless the
        period starts before day 30.
    THIRTY_360_BOND
        30/360 Bond Basis (ISDA 2006 section 4.16(f)): day 31 becomes 30 at the start,
        and at the end when the start is day 30 or 31; no rule for February.
    THIRTY_E_360
        30E/360 (Eurobond basis, ISDA 2006 section 4.16(g)): day 31 becomes 30.
    THIRTY_E_360_ISDA
        30E/360 (ISDA), ISDA 2006 section 4.16(h): the last day of a month becomes 30,
        except the end of February on the termination date (``maturity``).
    THIRTY_E_PLUS_360
        30E+/360: day 31 becomes 30 at the start; at the end, day 31 becomes day 1 of
        the next month.

    Notes
    -----
    Sources: ISDA 2006 Definitions section 4.16 (Actual/Actual (ISDA), Actual/365
    (Fixed), Actual/360, 30/360 Bond Basis, 30E/360, 30E/360 (ISDA)), with ISDA's
    worked examples (30-360-2006ISDADefs.xls, as QuantLib's day-counter tests carry
    them); Securities Industry Association, *Standard Securities Calculation Methods*
    (1993), for 30/360 US; ICMA Rule 251 and ISDA 2006 section 4.16(c) for
    Actual/Actual (ICMA), with ISDA's worked examples ("EMU and Market Conventions:
    Recent Developments", 1998, as QuantLib's day-counter tests carry them).

    Examples
    --------
    >>> from datetime import date
    >>> year_fraction(date(2024, 1, 31), date(2024, 3, 1), DayCount.ACT_360)
    Fraction(1, 12)
    """

    ACT_360 = "act/360"
    ACT_365 = "act/365"
    ACT_ACT = "act/act"
    ACT_ACT_ICMA = "act/act icma"
    ACT_365_25 = "act/365.25"
    ACT_366 = "act/366"
    NL_365 = "nl/365"
    THIRTY_360 = "30/360"
    THIRTY_360_BOND = "30/360 bond"
    THIRTY_E_360 = "30e/360"
    THIRTY_E_360_ISDA = "30e/360 isda"
    THIRTY_E_PLUS_360 = "30e+/360"


_THIRTY = frozenset(
    {
        DayCount.THIRTY_360,
        DayCount.THIRTY_360_BOND,
        DayCount.THIRTY_E_360,
        DayCount.THIRTY_E_360_ISDA,
        DayCount.THIRTY_E_PLUS_360,
    }
)
_BASIS = {
    DayCount.ACT_360: Fraction(360),
    DayCount.ACT_365: Fraction(365),
    DayCount.ACT_365_25: Fraction(1461, 4),
    DayCount.ACT_366: Fraction(366),
}
_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)  # no leap year


def no_schedule(day_count: DayCount, field: str) -> DayCount:
    """Return ``day_count``, or raise for Actual/Actual (ICMA) where no schedule is known.

    Day counts that accrue between any two dates (penalties, cash-flow analytics,
    legal caps) cannot use ICMA, whose fraction depends on a coupon schedule.

    Examples
    --------
    >>> no_schedule(DayCount.ACT_360, "day_count")
    <DayCount.ACT_360: 'act/360'>
    """
    if day_count is DayCount.ACT_ACT_ICMA:
        raise InvalidTermsError(
            field,
            day_count.value,
            "a day count that needs no coupon schedule (act/act icma measures against a"
            " loan's or bond's regular periods: give it to a Loan or to year_fraction"
            " with a frequency)",
        )
    return day_count


def _pick(condition: Any, yes: Any, no: Any) -> Any:
    """``yes`` where ``condition`` holds, else ``no``: for one date or arrays of them."""
    if isinstance(condition, np.ndarray):
        return np.where(condition, yes, no)
    return yes if condition else no


def thirty_days(start: Any, end: Any, day_count: DayCount, at_maturity: Any = False) -> Any:
    """Return the days between two dates under a 30/360 convention, from their parts.

    ``start`` and ``end`` are ``(year, month, day, last day of its month)``, as ints
    for one period or arrays for many: the one rule of each convention, for
    :func:`year_fraction` and :func:`year_fractions`. The count is
    ``360 (Y2 - Y1) + 30 (M2 - M1) + D2 - D1`` after the convention's day rules.
    ``at_maturity`` marks an end on the termination date (30E/360 (ISDA) only).
    A period of no length counts 0 days under every convention (30E+/360's roll of
    day 31 and 30E/360 (ISDA)'s February end at maturity would otherwise count 1 and
    -2 days from a date to itself).

    Examples
    --------
    >>> int(thirty_days((2007, 2, 28, 28), (2007, 8, 31, 31), DayCount.THIRTY_360_BOND))
    183
    >>> int(thirty_days((2007, 1, 31, 31), (2007, 1, 31, 31), DayCount.THIRTY_E_PLUS_360))
    0
    """
    y1, m1, d1, last1 = start
    y2, m2, d2, last2 = end
    same = (y1 == y2) & (m1 == m2) & (d1 == d2)
    month_end1, month_end2 = d1 == last1, d2 == last2
    if day_count is DayCount.THIRTY_360:  # SIA: February's end first, then day 31
        february1, february2 = month_end1 & (m1 == 2), month_end2 & (m2 == 2)
        d2 = _pick(february1 & february2, 30, d2)
        d1 = _pick(february1, 30, d1)
        d2 = _pick((d2 == 31) & (d1 >= 30), 30, d2)
        d1 = least(d1, 30)
    elif day_count is DayCount.THIRTY_360_BOND:
        d1 = least(d1, 30)
        d2 = _pick((d2 == 31) & (d1 == 30), 30, d2)
    elif day_count is DayCount.THIRTY_E_360_ISDA:
        d1 = _pick(month_end1, 30, d1)
        keep = np.logical_and(at_maturity, m2 == 2)
        d2 = _pick(month_end2 & np.logical_not(keep), 30, d2)
    elif day_count is DayCount.THIRTY_E_PLUS_360:
        d1 = least(d1, 30)
        rolls = d2 == 31
        m2 = m2 + rolls  # the 1st of the next month: month 13 counts as next January
        d2 = _pick(rolls, 1, d2)
    else:  # 30E/360
        d1, d2 = least(d1, 30), least(d2, 30)
    return _pick(same, 0, 360 * (y2 - y1) + 30 * (m2 - m1) + d2 - d1)


def _parts_of(day: date) -> tuple[int, int, int, int]:
    return day.year, day.month, day.day, calendar.monthrange(day.year, day.month)[1]


def _no_leap_days(year: Any, month: Any, day: Any) -> Any:
    """Day numbers in a calendar without February 29 (which counts as February 28)."""
    before = np.asarray(_BEFORE_MONTH)[month - 1]
    return 365 * year + before + day - ((month == 2) & (day == 29))


def year_fraction(
    start: date,
    end: date,
    day_count: DayCount | str,
    *,
    maturity: date | None = None,
    frequency: Frequency | str | None = None,
    reference: date | None = None,
    end_of_month: bool = False,
) -> Fraction:
    """Return the exact fraction of a year from ``start`` to ``end``.

    Parameters
    ----------
    start, end : datetime.date
        The period; ``end`` must not be before ``start``.
    day_count : DayCount or str
        The convention (``"act/365"`` or ``DayCount.ACT_365``).
    maturity : datetime.date, optional
        The termination date, for 30E/360 (ISDA): an end on it in February keeps its
        day (ISDA 2006 section 4.16(h)). Ignored by the other conventions.
    frequency : Frequency or str, optional
        Actual/Actual (ICMA) only, and required there: the schedule's frequency, one
        of whole months (monthly, quarterly, semiannual, annual).
    reference : datetime.date, optional
        Actual/Actual (ICMA) only: a date of the regular schedule (a regular coupon or
        due date), from which the notional periods run both ways by ``frequency``.
        Defaults to ``maturity``, else ``end`` (right for a regular or an odd *first*
        period; an odd last period needs a regular date before it).
    end_of_month : bool, default False
        Actual/Actual (ICMA) only: the schedule keeps month ends from a ``reference``
        on a month's last day (as ``Loan(end_of_month=True)``).

    Returns
    -------
    Fraction
        ``days / basis`` for the actual/fixed conventions; for ``ACT_ACT`` the sum over
        calendar years of days in that year / days of that year; for the 30/360 family
        ``(360 (Y2 - Y1) + 30 (M2 - M1) + D2 - D1) / 360`` after the day adjustments;
        for ``ACT_ACT_ICMA`` the sum over the notional periods ``[r_k, r_k+1)`` that
        the period overlaps of ``overlap days / (frequency x (r_k+1 - r_k) days)``
        (ICMA Rule 251; ISDA 2006 section 4.16(c)).

    Raises
    ------
    InvalidTermsError
        If ``end`` is before ``start``, or Actual/Actual (ICMA) is asked for without a
        frequency of whole months.

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
    >>> year_fraction(date(2024, 1, 1), date(2024, 3, 1), "nl/365")
    Fraction(59, 365)

    A long first coupon of a semiannual bond paying on 15 January and 15 July (ISDA's
    example): 153 days of a 184-day notional period, then a whole period.

    >>> year_fraction(date(2002, 8, 15), date(2003, 7, 15), "act/act icma",
    ...               frequency="semiannual")
    Fraction(337, 368)
    """
    start, end = a_date(start, "start"), a_date(end, "end")
    day_count = parse_enum(day_count, DayCount, "day_count")
    if maturity is not None:
        maturity = a_date(maturity, "maturity")
    if end < start:
        raise InvalidTermsError("end", end, f"a date on or after the start {start}")
    if day_count is DayCount.ACT_ACT_ICMA:
        step = coupon_months(frequency)
        anchor = a_date(reference, "reference") if reference is not None else maturity or end
        return _icma(start, end, step, anchor, a_flag(end_of_month, "end_of_month"))
    if day_count in _BASIS:
        return (end - start).days / _BASIS[day_count]
    if day_count in _THIRTY:
        days = thirty_days(_parts_of(start), _parts_of(end), day_count, end == maturity)
        return Fraction(int(days), 360)
    if day_count is DayCount.NL_365:
        first = _no_leap_days(start.year, start.month, start.day)
        return Fraction(int(_no_leap_days(end.year, end.month, end.day) - first), 365)
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


def coupon_months(frequency: Frequency | str | None) -> int:
    """Return the months of one period of an Actual/Actual (ICMA) schedule, or raise.

    Examples
    --------
    >>> coupon_months("quarterly")
    3
    """
    if frequency is None:
        raise InvalidTermsError(
            "frequency", None, "the schedule's frequency: Actual/Actual (ICMA) needs it"
        )
    frequency = parse_enum(frequency, Frequency, "frequency")
    if not frequency.months:
        raise InvalidTermsError(
            "frequency",
            frequency.value,
            "monthly, quarterly, semiannual or annual: Actual/Actual (ICMA) measures"
            " against periods of whole months",
        )
    return frequency.months


def _icma(start: date, end: date, step: int, anchor: date, end_of_month: bool) -> Fraction:
    """Actual/Actual (ICMA) of checked dates: notional periods ``anchor + k step`` months."""
    per_year = 12 // step

    def notional(k: int) -> date:
        try:
            return add_months(anchor, k * step, end_of_month=end_of_month)
        except InvalidTermsError:
            raise InvalidTermsError(
                "start", start, "dates whose notional periods lie within years 1 to 9999"
            ) from None

    months = (start.year - anchor.year) * 12 + start.month - anchor.month
    k = months // step
    while notional(k) > start:
        k -= 1
    while notional(k + 1) <= start:
        k += 1
    total, begin = Fraction(0), notional(k)
    while begin < end:
        close = notional(k + 1)
        overlap = (min(close, end) - max(begin, start)).days
        total += Fraction(overlap, per_year * (close - begin).days)
        begin, k = close, k + 1
    return total


def _parts(days: npt.NDArray[np.datetime64]) -> tuple[npt.NDArray[np.int64], ...]:
    """Year, month (1-12), day (1-31) and the month's length, of each date."""
    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    first = months.astype("datetime64[D]")
    day = (days - first).astype(np.int64) + 1
    length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
    return year, month, day, length


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
    no_schedule(day_count, "day_count")
    first, last = day_array(start, "start"), day_array(end, "end")
    try:
        first, last = np.broadcast_arrays(first, last)
    except ValueError:
        raise InvalidTermsError("end", end, "dates that broadcast against start's") from None
    if np.any(last < first):
        raise InvalidTermsError("end", end, "dates on or after their start")
    return fractions_between(first, last, day_count)


def fractions_between(
    first: npt.NDArray[np.datetime64], last: npt.NDArray[np.datetime64], day_count: DayCount
) -> npt.NDArray[np.float64]:
    """Return :func:`year_fractions` of dates already checked (``last >= first``).

    ``first`` broadcasts against ``last`` (one start for a row of ends, say); the
    result has their broadcast shape.

    Examples
    --------
    >>> days = np.array(["2024-01-01", "2024-07-01"], dtype="datetime64[D]")
    >>> fractions_between(days[:1], days[1:], DayCount.ACT_365)
    array([0.49863014])
    """
    days = (last - first).astype(np.int64)
    result: npt.NDArray[np.float64]
    if day_count in _BASIS:
        result = days / float(_BASIS[day_count])
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
    start_parts, end_parts = _parts(first), _parts(last)
    if day_count is DayCount.NL_365:
        span = _no_leap_days(*end_parts[:3]) - _no_leap_days(*start_parts[:3])
        result = span / 365.0
        return result
    result = thirty_days(start_parts, end_parts, day_count) / 360.0
    return result
