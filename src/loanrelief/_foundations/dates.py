"""Due dates: payment frequencies, month arithmetic and the end-of-month rule.

Dates are generated from one anchor date (``anchor + k`` steps, never step after step),
so a loan dated January 31 falls due on February 29 in a leap year and then on March 31
again, instead of drifting to the 29th for ever.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import Ints
from loanrelief._foundations.validate import Choice, a_date, a_flag, parse_enum, whole_number

__all__ = [
    "Frequency",
    "add_months",
    "add_periods",
    "due_dates",
    "grid_dates",
    "month_ends",
    "period_grid",
    "shift_months",
    "shift_periods",
]


class Frequency(Choice):
    """How often instalments fall due.

    Attributes
    ----------
    WEEKLY, BIWEEKLY
        Every 7 or 14 days (52 or 26 periods a year).
    SEMIMONTHLY
        Twice a month, on two days 15 apart (the 1st and the 16th, the 10th and the
        25th), or on the 15th and the last day (24 periods a year): US payroll-linked
        loans. See :func:`period_grid` for the days.
    MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL
        Every 1, 3, 6 or 12 calendar months (12, 4, 2 or 1 periods a year).

    Examples
    --------
    >>> Frequency.MONTHLY.periods_per_year, Frequency("biweekly").periods_per_year
    (12, 26)
    """

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMIMONTHLY = "semimonthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def periods_per_year(self) -> int:
        """Number of periods in a year: the divisor of the nominal annual rate."""
        return _PERIODS_PER_YEAR[self]

    @property
    def months(self) -> int:
        """Calendar months in one period, or 0 for the day-based frequencies."""
        return _MONTHS.get(self, 0)

    @property
    def days(self) -> int:
        """Days in one period for the day-based frequencies, or 0 for the others."""
        return _DAYS.get(self, 0)


_PERIODS_PER_YEAR = {
    Frequency.WEEKLY: 52,
    Frequency.BIWEEKLY: 26,
    Frequency.SEMIMONTHLY: 24,
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.SEMIANNUAL: 2,
    Frequency.ANNUAL: 1,
}
_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.SEMIANNUAL: 6,
    Frequency.ANNUAL: 12,
}
_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}


_FIRST_DAY = np.datetime64("0001-01-01", "D")
_LAST_DAY = np.datetime64("9999-12-31", "D")


def _is_month_end(day: date) -> bool:
    return day.day == _month_length(day.year, day.month)


_MOST_MONTHS = 12 * 10_000  # more than the whole calendar: a move beyond it cannot land


def _outside(field: str, value: object) -> InvalidTermsError:
    return InvalidTermsError(field, value, "a move that stays within years 1 to 9999")


_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: Any) -> Any:
    """Whether a year (or each of an array of years) is a Gregorian leap year.

    Examples
    --------
    >>> is_leap(2024), is_leap(1900), is_leap(np.array([2000, 2023])).tolist()
    (True, False, [True, False])
    """
    return ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)


def _month_length(year: int, month: int) -> int:
    if month == 2 and is_leap(year):
        return 29
    return _LENGTHS[month - 1]


def add_months(day: date, months: int, *, end_of_month: bool = False) -> date:
    """Return ``day`` moved by a number of calendar months.

    Parameters
    ----------
    day : datetime.date
        The anchor date.
    months : int
        Months to add (may be negative).
    end_of_month : bool, default False
        If True and ``day`` is the last day of its month, the result is the last day of
        its month too (the ISDA end-of-month rule); otherwise the day of the month is
        kept and clipped to the month's length.

    Returns
    -------
    datetime.date

    Raises
    ------
    InvalidTermsError
        If the result would fall outside years 1 to 9999.

    Examples
    --------
    >>> add_months(date(2024, 1, 31), 1), add_months(date(2024, 1, 31), 2)
    (datetime.date(2024, 2, 29), datetime.date(2024, 3, 31))
    >>> add_months(date(2023, 2, 28), 1), add_months(date(2023, 2, 28), 1, end_of_month=True)
    (datetime.date(2023, 3, 28), datetime.date(2023, 3, 31))
    """
    day = a_date(day, "day")
    months = whole_number(months, "months", -_MOST_MONTHS, _MOST_MONTHS)
    return shift_months(day, months, end_of_month=a_flag(end_of_month, "end_of_month"))


def shift_months(day: date, months: int, *, end_of_month: bool = False) -> date:
    """:func:`add_months` of arguments already checked: the engines' own dates.

    The same rule without the argument checks (hot loops count months back from every
    payment). Raises ``InvalidTermsError`` naming ``months`` outside the calendar.

    Examples
    --------
    >>> shift_months(date(2024, 3, 31), -1)
    datetime.date(2024, 2, 29)
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise _outside("months", months)
    length = _month_length(year, month)
    if end_of_month and day.day == _month_length(day.year, day.month):
        return date(year, month, length)
    return date(year, month, min(day.day, length))


def add_periods(
    day: date, count: int, frequency: Frequency | str, *, end_of_month: bool = False
) -> date:
    """Return the date ``count`` regular periods after ``day``.

    Raises ``InvalidTermsError`` naming ``count`` if it falls outside years 1 to 9999.

    Examples
    --------
    >>> add_periods(date(2024, 1, 31), 2, Frequency.MONTHLY)
    datetime.date(2024, 3, 31)
    >>> add_periods(date(2024, 1, 31), 2, Frequency.WEEKLY)
    datetime.date(2024, 2, 14)
    """
    day = a_date(day, "day")
    frequency = parse_enum(frequency, Frequency, "frequency")
    count = whole_number(count, "count", -_MOST_MONTHS * 5, _MOST_MONTHS * 5)
    return shift_periods(day, count, frequency, end_of_month=a_flag(end_of_month, "end_of_month"))


def shift_periods(
    day: date, count: int, frequency: Frequency, *, end_of_month: bool = False
) -> date:
    """:func:`add_periods` of arguments already checked: the engines' own dates.

    Examples
    --------
    >>> shift_periods(date(2024, 1, 31), 1, Frequency.QUARTERLY)
    datetime.date(2024, 4, 30)
    """
    if frequency.days:
        try:
            return date.fromordinal(day.toordinal() + count * frequency.days)
        except (OverflowError, ValueError):
            raise _outside("count", count) from None
    if frequency is Frequency.SEMIMONTHLY:
        if not -_MOST_MONTHS <= count // 2 <= _MOST_MONTHS:
            raise _outside("count", count)
        anchor = np.datetime64(day, "D")
        moved = period_grid(anchor, np.array(count), frequency, keep_end=end_of_month)
        if not _FIRST_DAY <= moved <= _LAST_DAY:
            raise _outside("count", count)
        result = moved.item()
        assert isinstance(result, date)  # a datetime64[D] within the calendar
        return result
    try:
        return shift_months(day, count * frequency.months, end_of_month=end_of_month)
    except InvalidTermsError:
        raise _outside("count", count) from None


def due_dates(
    start: date,
    term: int,
    frequency: Frequency | str,
    *,
    first_due_date: date | None = None,
    end_of_month: bool = False,
) -> npt.NDArray[np.datetime64]:
    """Return the ``term`` due dates of a loan as a ``datetime64[D]`` array.

    Parameters
    ----------
    start : datetime.date
        The date the money is advanced; interest runs from here.
    term : int
        Number of instalments.
    frequency : Frequency
        The period between instalments.
    first_due_date : datetime.date, optional
        An explicit first due date. Later dates follow it by whole periods, so the
        first period alone may be short or long. By default the first due date is one
        period after ``start``.
    end_of_month : bool, default False
        Keep due dates on the last day of the month when the anchor date is one (see
        :func:`add_months`).

    Returns
    -------
    numpy.ndarray
        ``datetime64[D]`` dates, strictly increasing.

    Notes
    -----
    With anchor ``a`` (``first_due_date``, or ``start``), date ``k`` is ``a + k``
    periods computed directly from ``a``; for monthly frequencies the anchor's day of
    the month is kept and clipped to each month's length.

    Examples
    --------
    >>> due_dates(date(2024, 1, 31), 3, Frequency.MONTHLY)
    array(['2024-02-29', '2024-03-31', '2024-04-30'], dtype='datetime64[D]')
    >>> due_dates(date(2024, 1, 10), 2, Frequency.BIWEEKLY, first_due_date=date(2024, 2, 1))
    array(['2024-02-01', '2024-02-15'], dtype='datetime64[D]')
    """
    start = a_date(start, "start")
    term = whole_number(term, "term", 0, _MOST_MONTHS)
    frequency = parse_enum(frequency, Frequency, "frequency")
    if first_due_date is not None:
        first_due_date = a_date(first_due_date, "first_due_date")
    end_of_month = a_flag(end_of_month, "end_of_month")
    dates = grid_dates(start, term, frequency, first_due_date, end_of_month)
    if term and dates[-1] > _LAST_DAY:
        raise InvalidTermsError(
            "term", term, f"a term whose due dates end by {_LAST_DAY} (the calendar's end)"
        )
    return dates


def grid_dates(
    start: date,
    term: int,
    frequency: Frequency,
    first_due_date: date | None,
    end_of_month: bool,
) -> npt.NDArray[np.datetime64]:
    """:func:`due_dates` of arguments already checked (a ``Loan``'s): the engine's path.

    Examples
    --------
    >>> grid_dates(date(2024, 1, 31), 2, Frequency.MONTHLY, None, True).tolist()
    [datetime.date(2024, 2, 29), datetime.date(2024, 3, 31)]
    """
    anchor, offset = (start, 1) if first_due_date is None else (first_due_date, 0)
    steps = np.arange(offset, offset + term, dtype=np.int64)
    keep_end = end_of_month and _is_month_end(anchor)
    return period_grid(np.datetime64(anchor, "D"), steps, frequency, keep_end=keep_end)


_SHORTEST_MONTH = np.timedelta64(28, "D")


def period_grid(
    anchor: npt.NDArray[np.datetime64] | np.datetime64,
    steps: npt.NDArray[np.int64],
    frequency: Frequency,
    *,
    keep_end: bool | npt.NDArray[np.bool_] = False,
) -> npt.NDArray[np.datetime64]:
    """Return ``anchor + steps`` periods, broadcasting many anchors against many steps.

    The arithmetic of :func:`due_dates`: days for weekly frequencies; for monthly ones
    the anchor's day of the month, clipped to each month's length (or each month's
    last day where ``keep_end``). Semimonthly dates alternate between two days of
    each month, 15 apart: the anchor's day ``d`` and ``d + 15`` (clipped to the month)
    where ``d <= 15``, else ``d - 15`` and ``d``; an anchor on the 15th pairs with the
    month's last day, and so does an anchor on a month's last day where ``keep_end``
    (the "15th and last day" schedule).

    Examples
    --------
    >>> anchors = np.array(["2024-01-31", "2024-03-15"], dtype="datetime64[D]")
    >>> period_grid(anchors[:, None], np.arange(1, 3), Frequency.MONTHLY)
    array([['2024-02-29', '2024-03-31'],
           ['2024-04-15', '2024-05-15']], dtype='datetime64[D]')
    """
    if frequency.days:
        days: npt.NDArray[np.datetime64] = anchor + steps * frequency.days
        return days
    if frequency is Frequency.SEMIMONTHLY:
        return _semimonthly(anchor, steps, keep_end)
    anchor_month = anchor.astype("datetime64[M]")
    after_first = anchor - anchor_month.astype("datetime64[D]")  # the day of the month - 1
    months = anchor_month + (steps if frequency.months == 1 else steps * frequency.months)
    month_start = months.astype("datetime64[D]")
    if keep_end is False and (after_first < _SHORTEST_MONTH).all():  # no month clips it
        shifted: npt.NDArray[np.datetime64] = month_start + after_first
        return shifted
    length = ((months + 1).astype("datetime64[D]") - month_start).astype(np.int64)
    day_of_month = after_first.astype(np.int64) + 1
    day = np.where(keep_end, length, np.minimum(day_of_month, length))
    result: npt.NDArray[np.datetime64] = month_start + (day - 1)
    return result


def _semimonthly(
    anchor: Any, steps: npt.NDArray[np.int64], keep_end: bool | npt.NDArray[np.bool_]
) -> npt.NDArray[np.datetime64]:
    """Return ``anchor + steps`` half-months: :func:`period_grid`'s semimonthly rule."""
    anchor_month = anchor.astype("datetime64[M]")
    first = anchor_month.astype("datetime64[D]")
    day = (anchor - first).astype(np.int64) + 1
    length = ((anchor_month + 1).astype("datetime64[D]") - first).astype(np.int64)
    month_end = (day == length) & (day > 15)
    last_day = (day == 15) | (month_end & keep_end)  # the second day is the month's last
    early = np.where(month_end & keep_end, 15, np.where(day <= 15, day, day - 15))
    late = early + 15
    half = np.where(day <= 15, 0, 1) + steps  # half-months from the anchor's month start
    months = anchor_month + np.floor_divide(half, 2)
    month_start = months.astype("datetime64[D]")
    days_in = ((months + 1).astype("datetime64[D]") - month_start).astype(np.int64)
    second = np.where(last_day, days_in, np.minimum(late, days_in))
    chosen = np.where(half % 2 == 0, np.minimum(early, days_in), second)
    result: npt.NDArray[np.datetime64] = month_start + (chosen - 1)
    return result


def month_ends(days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.bool_]:
    """Return which dates are the last day of their month (an array of ``datetime64[D]``).

    Examples
    --------
    >>> month_ends(np.array(["2024-02-29", "2023-02-28", "2024-02-28"], dtype="datetime64[D]"))
    array([ True,  True, False])
    """
    following = days.astype("datetime64[D]") + 1
    result: npt.NDArray[np.bool_] = (
        following.astype("datetime64[M]").astype("datetime64[D]") == following
    )
    return result


# -- the same calendar over arrays of day numbers (for the batch) ------------------------


def civil_from_days(days: Ints) -> tuple[Ints, Ints, Ints]:
    """Year, month and day of day numbers since 1970-01-01 (proleptic Gregorian).

    Integer arithmetic (H. Hinnant, "chrono-compatible low-level date algorithms"),
    much faster over large arrays than converting ``datetime64`` units.
    """
    z = days + 719468
    era = np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, day


def days_from_civil(year: Ints, month: Ints, day: Ints) -> Ints:
    """Day numbers since 1970-01-01 of civil dates (the inverse of :func:`civil_from_days`)."""
    y = year - (month <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    result: Ints = era * 146097 + doe - 719468
    return result


def month_lengths(year: Ints, month: Ints) -> Ints:
    """Days in each month (:func:`is_leap` for February)."""
    length: Ints = np.where(month == 2, 28 + is_leap(year), 30 + ((month + (month >= 8)) & 1))
    return length


def add_months_civil(year: Ints, month: Ints, day: Ints, months: Ints) -> Ints:
    """:func:`add_months` (no month-end rule) over arrays: the day clipped to the month."""
    index = year * 12 + month - 1 + months
    to_year, to_month = np.floor_divide(index, 12), index % 12 + 1
    return days_from_civil(to_year, to_month, np.minimum(day, month_lengths(to_year, to_month)))
