"""The APR conventions and Regulation Z Appendix J's unit periods, for one loan or arrays.

:class:`AprConvention` names whose rule defines the annual rate; a :class:`UnitPeriod`
is Appendix J's unit period (the most common payment interval, (b)(3)); the array
functions find it for many plans at once (:func:`common_intervals`, :func:`unit_of_term`)
and count whole unit periods and fractions back from each payment (:func:`count_back`,
:func:`unit_spans`, (b)(5)). :func:`loanrelief._loans.truecost.apr` and the batch's
APRs (:mod:`loanrelief.batch._truecost`) both measure time with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from numbers import Integral

import numpy as np

from loanrelief._foundations.dates import (
    Frequency,
    add_months_civil,
    civil_from_days,
    days_from_civil,
    month_lengths,
)
from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError
from loanrelief._foundations.money import Bools, Floats, Ints
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    MAX_DAYS,
    Choice,
    a_date,
    a_flag,
    day_array,
    parse_enum,
    whole_number,
)

__all__ = [
    "day_numbers",
    "infer_unit",
    "SEMIMONTH",
    "AprConvention",
    "UnitPeriod",
    "common_intervals",
    "count_back",
    "months_back",
    "unit_of_term",
    "unit_per_year",
    "unit_spans",
]


def day_numbers(dates: Sequence[date]) -> Ints:
    """Return dates as day numbers (days since 1970-01-01), checked as dates.

    Examples
    --------
    >>> day_numbers([date(1970, 1, 2), date(2000, 1, 1)]).tolist()
    [1, 10957]
    """
    numbers: Ints = day_array(list(dates), "dates").astype(np.int64)
    return numbers


class AprConvention(Choice):
    """Whose rule defines the annual rate.

    Attributes
    ----------
    US
        Regulation Z Appendix J actuarial method: nominal, unit-period rate x unit
        periods per year; a fractional unit period earns simple interest.
    EU
        EU / UK APRC: the effective annual rate, time in months / 12 + days / 365.
    CN
        PBOC 2021 IRR method: per-period IRR x periods per year (nominal).
    CN_EFFECTIVE
        The same IRR compounded over a year: ``(1 + i) ** w - 1``.

    Examples
    --------
    >>> AprConvention("eu")
    <AprConvention.EU: 'eu'>
    """

    US = "us"
    EU = "eu"
    CN = "cn"
    CN_EFFECTIVE = "cn_effective"


SEMIMONTH = -1
"""The ``months`` of a semimonthly unit period in the array functions (a marker)."""


_MOST_MONTHS = 12 * 9999  # the calendar's span in months (in days: MAX_DAYS)


@dataclass(frozen=True, slots=True)
class UnitPeriod:
    """A unit period (Appendix J (b)(3)): months (up to a year), a semimonth, or days.

    Attributes
    ----------
    months : int
        Months in one unit period (0 for a day-based unit or a semimonth).
    days : int
        Days in one unit period (0 for a month-based unit or a semimonth).
    semimonth : bool, default False
        A semimonth: half a month, 15 days for fractions, 24 a year.

    Examples
    --------
    >>> UnitPeriod.of(Frequency.QUARTERLY), UnitPeriod.of(28).per_year
    (UnitPeriod(months=3, days=0), 13.0)
    >>> UnitPeriod.of("semimonthly").per_year
    24.0
    """

    months: int
    days: int
    semimonth: bool = False

    __repr__ = short_repr

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        # Any interval of the calendar: payments may be years apart (Appendix J (b)(3)).
        set_(self, "months", whole_number(self.months, "months", 0, _MOST_MONTHS))
        set_(self, "days", whole_number(self.days, "days", 0, MAX_DAYS))
        set_(self, "semimonth", a_flag(self.semimonth, "semimonth"))
        if self.semimonth and (self.months or self.days):
            raise InvalidTermsError("months", self.months, "0 (and days 0) for a semimonth")
        if not self.semimonth and (self.months == 0) == (self.days == 0):
            raise InvalidTermsError(
                "days",
                self.days,
                "a unit of whole months (days 0) or of days (months 0), or a semimonth",
            )

    @classmethod
    def of(cls, unit_period: Frequency | str | int) -> UnitPeriod:
        """Return the unit period of a frequency (``"monthly"``) or a number of days."""
        if isinstance(unit_period, Integral) and not isinstance(unit_period, bool):
            return cls(0, whole_number(unit_period, "unit_period", 1, 366))
        frequency = parse_enum(unit_period, Frequency, "unit_period")
        return cls(frequency.months, frequency.days, frequency is Frequency.SEMIMONTHLY)

    @property
    def per_year(self) -> float:
        """Unit periods in a year (Appendix J (b)(5)): :func:`unit_per_year`."""
        return float(unit_per_year(*self._codes())[0])

    def _codes(self) -> tuple[Ints, Ints]:
        """Return the unit as the array functions take it (``months``, ``days`` arrays)."""
        return np.array([SEMIMONTH if self.semimonth else self.months]), np.array([self.days])

    def span(self, start: date, end: date) -> tuple[int, float]:
        """Full unit periods and the fraction left from ``start`` to ``end``.

        Whole periods are counted back from the later date (Appendix J (b)(5)), a
        month end cut short counting as the start's day (January 31 to February 29 is
        one month); the days left over are divided by 30 per month of the unit (a
        month counts as 30 days), or by the unit's days.
        """
        start, end = a_date(start, "start"), a_date(end, "end")
        if end < start:
            raise InvalidTermsError("end", end, f"a date on or after start {start}")
        if start.year < 2:  # counting back by months from end may step before year 1
            raise InvalidValueError("start", start, "a date from year 2 on")
        full, fraction = self.spans(start, [end])
        return int(full[0]), float(fraction[0])

    def spans(self, start: date, ends: Sequence[date]) -> tuple[Floats, Floats]:
        """Return :meth:`span` to each of ``ends`` at once (:func:`unit_spans`)."""
        return unit_spans(day_numbers([start]), day_numbers(ends), *self._codes())


def unit_per_year(months: Ints, days: Ints) -> Floats:
    """Return the unit periods in a year of each unit (Appendix J (b)(5)).

    12 / months for a unit of months, 24 for a semimonth (``months`` =
    :data:`SEMIMONTH`), 52 / weeks for a unit of whole weeks, else 365 / days.

    Examples
    --------
    >>> unit_per_year(np.array([1, 3, SEMIMONTH, 0, 0]), np.array([0, 0, 0, 14, 255]))
    array([12.        ,  4.        , 24.        , 26.        ,  1.43137255])
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        per_year: Floats = np.where(
            months == SEMIMONTH,
            24.0,
            np.where(
                months > 0,
                12 / np.maximum(months, 1),
                np.where(days % 7 == 0, 52 / (days // 7), 365 / days),
            ),
        )
    return per_year


def months_back(end: Ints, months: Ints, start_day: Ints) -> Ints:
    """Move dates (day numbers) back by whole months, keeping a cut-short month end.

    Counting back from a month end cut short (February 28 after a 31st) keeps the
    start's day of the month: February 28 counts back to January 31.

    Examples
    --------
    >>> end = np.array(["2024-02-29"], dtype="datetime64[D]").astype(np.int64)
    >>> months_back(end, np.array([1]), np.array([31])).astype("datetime64[D]")
    array(['2024-01-31'], dtype='datetime64[D]')
    """
    year, month, day = civil_from_days(end)
    back = add_months_civil(year, month, day, -months)
    adjust = (day == month_lengths(year, month)) & (start_day > day)
    by, bm, _ = civil_from_days(back)
    kept: Ints = np.where(
        adjust,
        days_from_civil(by, bm, np.minimum(start_day, month_lengths(by, bm))),
        back,
    )
    return kept


def count_back(start: Ints, end: Ints, step: Ints) -> tuple[Ints, Ints]:
    """Return the whole steps of ``step`` months from ``start`` to ``end``, and the days left.

    Regulation Z Appendix J (b)(5): whole periods are counted back from the later
    date (:func:`months_back`), as many as do not pass the start; the days between
    the start and the last step reached are left over. Over arrays of day numbers
    (broadcast together): one plan's flows, or many plans'.

    Examples
    --------
    >>> days = np.array(["2024-01-31", "2024-04-15"], dtype="datetime64[D]").astype(np.int64)
    >>> count_back(days[:1], days[1:], np.array([1]))
    (array([2]), array([15]))
    """
    sy, sm, sd = civil_from_days(start)
    ey, em, _ = civil_from_days(end)
    guess = np.maximum(((ey - sy) * 12 + em - sm) // step, 0)
    reached = months_back(end, step * guess, sd)
    whole: Ints = np.where(reached >= start, guess, np.maximum(guess - 1, 0))
    left: Ints = months_back(end, step * whole, sd) - start
    return whole, left


def unit_spans(start: Ints, end: Ints, months: Ints, days: Ints) -> tuple[Floats, Floats]:
    """Return the full unit periods and the fraction left from ``start`` to each ``end``.

    Appendix J (b)(5), by the unit:

    - a month, a multiple of a month up to 11, or a semimonth (``months`` =
      :data:`SEMIMONTH`), (b)(5)(ii)-(iii): whole months are counted back from the
      later date (:func:`count_back`); 30 days a month plus the days left over,
      divided by 30 per month of the unit (15 for a semimonth), give the full unit
      periods and the fraction;
    - a year (``months`` = 12), (b)(5)(v): full years counted back from the later
      date; the rest is its months / 12 if it is a whole number of months, else its
      days / 365;
    - days or weeks, (b)(5)(iv): the days divided by the unit's days.

    Over arrays of day numbers, broadcast together.

    Examples
    --------
    >>> days = np.array(["2024-01-15", "2024-04-30"], dtype="datetime64[D]").astype(np.int64)
    >>> unit_spans(days[:1], days[1:], np.array([1]), np.array([0]))
    (array([3.]), array([0.5]))
    >>> unit_spans(days[:1], days[1:], np.array([SEMIMONTH]), np.array([0]))
    (array([7.]), array([0.]))
    """
    start, end, months, days = np.broadcast_arrays(start, end, months, days)
    yearly = months == 12
    monthly = ((months > 0) | (months == SEMIMONTH)) & ~yearly
    unit_days = np.maximum(days, 1)
    by_days = np.divmod(end - start, unit_days)  # cheap: every unit starts from it
    full: Floats = by_days[0].astype(np.float64)
    fraction: Floats = by_days[1] / unit_days
    if not (np.any(monthly) or np.any(yearly)):
        return full, fraction
    whole, left = count_back(start, end, np.ones_like(months))
    divisor = np.where(months == SEMIMONTH, 15, 30 * np.maximum(months, 1))
    by_months = np.divmod(30 * whole + left, divisor)
    full = np.where(monthly, by_months[0], full)
    fraction = np.where(monthly, by_months[1] / divisor, fraction)
    if np.any(yearly):
        years = whole // 12
        rest = months_back(end, 12 * years, civil_from_days(start)[2]) - start
        extra, rest = np.divmod(rest, 365)  # 365 days short of a leap year's 366: a year
        full = np.where(yearly, np.where(left == 0, years, years + extra), full)
        fraction = np.where(yearly, np.where(left == 0, (whole % 12) / 12, rest / 365), fraction)
    return full.astype(np.float64), fraction


_CODE = 10**7  # a unit period as one integer: months x _CODE + days (days < 3.7 million)
_SEMIMONTH_CODE = _CODE - 1  # no interval of days is this long


def common_intervals(dates: Ints, count: Ints) -> tuple[Ints, Ints, Bools]:
    """Return the most common interval between each row's payments (App. J (b)(3)).

    Regulation Z Appendix J (b)(3): the unit period is the interval that occurs most
    often between payments, ties going to the shorter. An interval is a whole number
    of calendar months where adding them to the earlier date lands on the later one
    (clipped to the month's length), a semimonth where the two dates are a
    semimonthly pair (:func:`loanrelief._foundations.dates.period_grid`: days 15 apart in one
    month, or a day and that day less 15 in the next, a month's last day with the
    13th to 16th), else a number of days; payments on the same day make no interval.
    For one plan (a row, from :func:`apr`) or many (:mod:`loanrelief.batch._truecost`),
    the same rule.

    Parameters
    ----------
    dates : numpy.ndarray of int64, shape (plans, width)
        Each plan's payment dates as day numbers (``datetime64[D]``), in order; the
        first ``count`` of a row are its own.
    count : numpy.ndarray of int64, shape (plans,)

    Returns
    -------
    months, days : numpy.ndarray of int64
        Each plan's unit (one of them zero; ``months`` = :data:`SEMIMONTH` for a
        semimonth); zero for a plan with no interval.
    several : numpy.ndarray of bool
        Which plans have an interval at all.

    Examples
    --------
    >>> days = np.array([["2024-02-15", "2024-03-15", "2024-04-15", "2024-04-29"]],
    ...                 dtype="datetime64[D]").astype(np.int64)
    >>> common_intervals(days, np.array([4]))
    (array([1]), array([0]), array([ True]))
    """
    rows = np.arange(len(count))
    before, after = dates[:, :-1], dates[:, 1:]
    pair = (np.arange(dates.shape[1] - 1) < (count - 1)[:, None]) & (after != before)
    several: Bools = pair.any(axis=1)
    none = np.zeros(len(count), dtype=np.int64)
    if not np.any(several):
        return none, none, several
    code: Ints = np.full(before.shape, np.iinfo(np.int64).max, dtype=np.int64)
    code[pair] = _interval_codes(before[pair], after[pair])
    code.sort(axis=1)
    # Runs of equal codes: score each run's end by (length, shorter first).
    position = np.arange(before.shape[1])
    starts = np.ones_like(code, dtype=bool)
    starts[:, 1:] = code[:, 1:] != code[:, :-1]
    run_start = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    ends = np.ones_like(starts)
    ends[:, :-1] = starts[:, 1:]
    weight = np.where(code == _SEMIMONTH_CODE, 15.2, (code // _CODE) * 30.4 + code % _CODE)
    score = np.where(
        ends & (code != np.iinfo(np.int64).max), (position - run_start + 1) * 1e9 - weight, -np.inf
    )
    best = code[rows, np.argmax(score, axis=1)]
    half = best == _SEMIMONTH_CODE
    months: Ints = np.where(several, np.where(half, SEMIMONTH, best // _CODE), 0)
    days: Ints = np.where(several & ~half, best % _CODE, 0)
    return months, days, several


def unit_of_term(start: Ints, end: Ints) -> tuple[Ints, Ints]:
    """Return the unit period ``(months, days)`` of a plan with no interval between payments.

    Appendix J (b)(5)(vi)-(vii): a single advance and a single payment less than a
    year apart make one unit period, the term: in months where it is a whole number
    of months, else in days. A longer term has a unit of a year. Over arrays of day
    numbers.

    Examples
    --------
    >>> days = np.array(["1978-01-03", "1978-09-15", "1978-07-03", "1979-03-01"],
    ...                 dtype="datetime64[D]").astype(np.int64)
    >>> unit_of_term(days[[0, 0, 0]], days[1:])
    (array([ 0,  6, 12]), array([255,   0,   0]))
    """
    whole, left = count_back(start, end, np.ones_like(start))
    span = end - start
    in_months = (left == 0) & (whole >= 1) & (whole < 12)
    longer = ~in_months & (span > 365)
    months: Ints = np.where(in_months, whole, np.where(longer, 12, 0))
    days: Ints = np.where(in_months | longer, 0, span)
    return months, days


def _interval_codes(before: Ints, after: Ints) -> Ints:
    """Return each interval as one integer.

    ``months x _CODE`` where adding whole months lands on the later date (the later
    day is the earlier one, clipped to its month's length), else days. The calendar
    of the few days spanned is computed once and looked up.
    """
    if not before.size:
        return before.copy()
    low = int(before.min())
    year, month, day = civil_from_days(np.arange(low, int(after.max()) + 1))
    length = month_lengths(year, month)
    first, second = before - low, after - low
    steps = (year[second] - year[first]) * 12 + month[second] - month[first]
    lands = day[second] == np.minimum(day[first], length[second])
    months = (steps != 0) & lands
    codes: Ints = np.where(months, steps * _CODE, after - before)
    if months.all():  # the usual monthly plan: no semimonth to look for
        return codes
    d1, d2, end1, end2 = day[first], day[second], length[first], length[second]
    same_month = (steps == 0) & ((d2 == np.minimum(d1 + 15, end2)) | ((d1 == 15) & (d2 == end2)))
    next_month = (steps == 1) & ((d2 == d1 - 15) | ((d1 == end1) & (d2 >= 13) & (d2 <= 16)))
    semimonths: Ints = np.where(~months & (same_month | next_month), _SEMIMONTH_CODE, codes)
    return semimonths


def infer_unit(dates: Sequence[date], amounts: Floats) -> UnitPeriod:
    """Return the unit period of dated flows (Appendix J (b)(3)): :func:`common_intervals`.

    With no interval (one payment, or all on one day) the unit is the term in days
    (to the last date), but not more than a year (:func:`unit_of_term`).

    Examples
    --------
    >>> days = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    >>> infer_unit(days, np.array([-1000.0, 510.0, 510.0])) == UnitPeriod(1, 0)
    True
    """
    paid = [day for day, amount in zip(dates, amounts, strict=True) if amount > 0]
    months, length = np.zeros(1, np.int64), np.zeros(1, np.int64)
    several = np.zeros(1, dtype=bool)
    if len(paid) > 1:
        days = day_numbers(paid)[None, :]
        months, length, several = common_intervals(days, np.array([len(paid)]))
    if not several[0]:
        first, last = min(dates), max(dates)
        if (last - first).days < 1:
            raise InvalidValueError("dates", list(dates), "a payment after the advance")
        months, length = unit_of_term(day_numbers([first]), day_numbers([last]))
    if months[0] == SEMIMONTH:
        return UnitPeriod(0, 0, semimonth=True)
    return UnitPeriod(int(months[0]), int(length[0]))
