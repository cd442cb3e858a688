"""The People's Bank of China benchmark lending rates (人民币贷款基准利率), 1991 to 2019.

Before the 2015 private-lending provisions, a private loan's interest was protected up
to four times the bank rate for a loan of the same kind (银行同类贷款利率), which courts
read as the PBOC benchmark rate for the loan's term band. Every change from 1991-04-21
to the last one of 2015-10-24 ships with the package (``benchmark.json``, each row with
the page it was read from); a date outside the table is refused, so no figure is ever
guessed. From 2019-08-20 the Loan Prime Rate replaced the benchmark rate
(:mod:`loanrelief.law._lpr`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import final

from loanrelief._foundations.dates import due_dates, shift_months
from loanrelief._foundations.errors import InvalidValueError
from loanrelief._foundations.money import Rate, parse_rate
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import Choice, a_date, a_sequence, an_instance, parse_enum
from loanrelief._loans.terms import Loan
from loanrelief.law._lpr import dated_rows, published_data, row_in_force
from loanrelief.law._rules import checked

_Date = date  # the class, for a field that is itself called "date"

__all__ = ["BENCHMARK_START", "BenchmarkRate", "BenchmarkTable", "TermBand", "term_band"]

BENCHMARK_START = date(1991, 4, 21)
"""The first change in the shipped table (in force when the 1991 opinions were issued)."""

BENCHMARK_END = date(2019, 8, 19)
"""The last day the benchmark rate was the reference (the LPR from 2019-08-20)."""


class TermBand(Choice):
    """A term band of the benchmark lending rates (贷款期限档次).

    Attributes
    ----------
    UP_TO_6_MONTHS
        Six months and under (六个月以内（含六个月）).
    UP_TO_1_YEAR
        Over six months to one year (六个月至一年（含一年）).
    UP_TO_3_YEARS
        Over one year to three years (一至三年（含三年）).
    UP_TO_5_YEARS
        Over three years to five years (三至五年（含五年）).
    OVER_5_YEARS
        Over five years (五年以上).

    Notes
    -----
    From 2014-11-22 the PBOC published three bands: one year and under, over one to
    five years, over five years (期限档次简并). A loan of six months and under then takes
    the one-year-and-under rate, a loan of one to three years the one-to-five-year rate.

    Examples
    --------
    >>> TermBand("up_to_1_year")
    <TermBand.UP_TO_1_YEAR: 'up_to_1_year'>
    """

    UP_TO_6_MONTHS = "up_to_6_months"
    UP_TO_1_YEAR = "up_to_1_year"
    UP_TO_3_YEARS = "up_to_3_years"
    UP_TO_5_YEARS = "up_to_5_years"
    OVER_5_YEARS = "over_5_years"


_BANDS = tuple(TermBand)
_BAND_MONTHS = (6, 12, 36, 60)


def term_band(loan: Loan) -> TermBand:
    """Return the term band of a loan: from the date it was made to its last due date.

    A loan whose last due date is at most six months after it was made is in
    ``UP_TO_6_MONTHS``; at most a year, ``UP_TO_1_YEAR``; at most three years,
    ``UP_TO_3_YEARS``; at most five, ``UP_TO_5_YEARS``; beyond, ``OVER_5_YEARS`` (each
    band includes its upper end, 含).

    Examples
    --------
    >>> term_band(Loan(1000, "0.1", 12, start=date(2013, 3, 1)))
    <TermBand.UP_TO_1_YEAR: 'up_to_1_year'>
    >>> term_band(Loan(1000, "0.1", 13, start=date(2013, 3, 1)))
    <TermBand.UP_TO_3_YEARS: 'up_to_3_years'>
    """
    loan = checked(loan)
    dates = due_dates(
        loan.start,
        loan.term,
        loan.frequency,
        first_due_date=loan.first_due_date,
        end_of_month=loan.end_of_month,
    )
    last: date = dates[-1].item()
    for band, months in zip(_BANDS, _BAND_MONTHS, strict=False):
        if last <= shift_months(loan.start, months):
            return band
    return TermBand.OVER_5_YEARS


@final
@dataclass(frozen=True, slots=True)
class BenchmarkRate:
    """One change of the benchmark lending rates: in force from ``date`` until the next.

    Parameters
    ----------
    date : datetime.date
        The date the rates took effect (on or after 1991-04-21).
    rates : sequence of five rates
        The annual rates of the five term bands, in :class:`TermBand` order; for a
        change from 2014-11-22, repeat the merged band's rate for each band it covers.
    source : str, default ""
        Where the values were published.

    Examples
    --------
    >>> row = BenchmarkRate(date(2012, 7, 6), ["0.056", "0.06", "0.0615", "0.064", "0.0655"])
    >>> row.rate("up_to_1_year")
    Fraction(3, 50)
    """

    date: date
    rates: tuple[Fraction, ...]
    source: str = ""

    __repr__ = short_repr

    def __init__(self, date: _Date, rates: Sequence[Rate], source: str = "") -> None:
        day = a_date(date, "date")
        if day < BENCHMARK_START:
            raise InvalidValueError("date", day, f"a date on or after {BENCHMARK_START}")
        items = a_sequence(rates, "rates")
        if len(items) != len(_BANDS):
            raise InvalidValueError("rates", rates, "five rates, one per TermBand")
        parsed = tuple(
            parse_rate(item, field=f"rates[{k}]", maximum=Fraction(1))
            for k, item in enumerate(items)
        )
        set_ = object.__setattr__
        set_(self, "date", day)
        set_(self, "rates", parsed)
        set_(self, "source", an_instance(source, str, "source", "a str"))

    def rate(self, band: TermBand | str) -> Fraction:
        """Return the annual rate of a term band."""
        return self.rates[_BANDS.index(parse_enum(band, TermBand, "band"))]


@final
@dataclass(frozen=True, slots=True)
class BenchmarkTable:
    """The benchmark lending rates, oldest first, and the last date they hold.

    Parameters
    ----------
    changes : sequence of BenchmarkRate
        Every change, in date order.
    valid_to : datetime.date
        The last date the latest change is in force; a later look-up is refused.
    version : str, default ""
        A label for the data (the package's table: the date it was compiled).

    Notes
    -----
    A change applies from its date until the day before the next. The shipped table
    (:meth:`published`) runs from 1991-04-21 to 2019-08-19: the rates of 2015-10-24 were
    the last; from 2019-08-20 the LPR is the reference (PBOC Announcement No. 15
    [2019]), see :class:`~loanrelief.law.LPRTable`.

    Examples
    --------
    >>> table = BenchmarkTable.published()
    >>> table.rate(date(2013, 3, 1), "up_to_1_year")
    Fraction(3, 50)
    >>> float(table.rate(date(2015, 10, 24), "up_to_3_years"))
    0.0475
    """

    changes: tuple[BenchmarkRate, ...]
    valid_to: date
    version: str = ""

    __repr__ = short_repr

    def __init__(
        self, changes: Iterable[BenchmarkRate], valid_to: date, version: str = ""
    ) -> None:
        rows, last = dated_rows(
            changes,
            BenchmarkRate,
            ("changes", "a BenchmarkRate"),
            valid_to,
            ("valid_to", "change"),
        )
        object.__setattr__(self, "changes", rows)
        object.__setattr__(self, "valid_to", last)
        object.__setattr__(self, "version", an_instance(version, str, "version", "a str"))

    @staticmethod
    @functools.cache
    def published() -> BenchmarkTable:
        """Return the table shipped with the package (``loanrelief/law/benchmark.json``).

        Each row keeps the page it was read from; rows from 2014-11-22 give the three
        merged bands, each repeated for the bands it covers.
        """
        data = published_data("benchmark.json")
        rows = []
        for row in data["changes"]:
            short = row.get("up_to_6_months", row["up_to_1_year"])
            three = row.get("up_to_3_years", row["up_to_5_years"])
            rates = (short, row["up_to_1_year"], three, row["up_to_5_years"], row["over_5_years"])
            rows.append(BenchmarkRate(date.fromisoformat(row["date"]), rates, row["source"]))
        return BenchmarkTable(
            rows, valid_to=date.fromisoformat(data["valid_to"]), version=data["version"]
        )

    def change(self, on: date, *, field: str = "on") -> BenchmarkRate:
        """Return the change in force on ``on``.

        Raises
        ------
        InvalidValueError
            Before the first change, or after ``valid_to``; the error names ``field``.
        """
        return row_in_force(
            self.changes,
            self.valid_to,
            on,
            field,
            first="the first benchmark rate in this table",
            last="the last date of this benchmark table (from 2019-08-20 the LPR replaced "
            "the benchmark rate: see LPRTable)",
        )

    def rate(self, on: date, band: TermBand | str, *, field: str = "on") -> Fraction:
        """Return the annual rate of a term band in force on ``on`` (see :meth:`change`)."""
        kind = parse_enum(band, TermBand, "band")
        return self.change(on, field=field).rate(kind)
