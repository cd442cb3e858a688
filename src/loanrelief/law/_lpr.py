"""China's Loan Prime Rate (贷款市场报价利率, LPR) as versioned data, with a lookup by date.

The one-year LPR decides the Chinese private-lending ceiling (four times it, at the
date the contract was made). The published values from the reform of 2019-08-20 ship
with the package (``lpr.json``, each with its source); a date after the last
confirmed value is refused unless the caller brings newer values
(:meth:`LPRTable.extended`), so no figure is ever guessed.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from importlib import resources
from typing import Any, Protocol, TypeVar, final

from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError
from loanrelief._foundations.money import Rate, parse_rate
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import a_date, a_sequence, an_instance

_Date = date  # the class, for a field that is itself called "date"

__all__ = ["LPR_START", "LPRFixing", "LPRTable"]

LPR_START = date(2019, 8, 20)
"""The first fixing of the reformed LPR (PBOC Announcement No. 15 [2019])."""


@final
@dataclass(frozen=True, slots=True)
class LPRFixing:
    """One published LPR: in force from ``date`` until the next fixing.

    Parameters
    ----------
    date : datetime.date
        The fixing date (the 20th, or the next business day; in force from 9:15
        Beijing time that day).
    one_year, five_year : float, str or Decimal
        The one-year and over-five-year rates, as annual fractions.
    source : str, default ""
        Where the value was published.

    Examples
    --------
    >>> LPRFixing(date(2020, 4, 20), "0.0385", "0.0465").one_year
    Fraction(77, 2000)
    """

    date: date
    one_year: Fraction
    five_year: Fraction
    source: str = ""

    __repr__ = short_repr

    def __init__(self, date: _Date, one_year: Rate, five_year: Rate, source: str = "") -> None:
        day = a_date(date, "date")
        if day < LPR_START:
            raise InvalidValueError("date", day, f"a date on or after {LPR_START}")
        set_ = object.__setattr__
        set_(self, "date", day)
        set_(self, "one_year", parse_rate(one_year, field="one_year", maximum=Fraction(1)))
        set_(self, "five_year", parse_rate(five_year, field="five_year", maximum=Fraction(1)))
        set_(self, "source", an_instance(source, str, "source", "a str"))


_Row = TypeVar("_Row", bound="_Dated")


class _Dated(Protocol):
    @property
    def date(self) -> _Date: ...


def dated_rows(
    items: Iterable[_Row], kind: type[_Row], what: tuple[str, str], until: object,
    until_what: tuple[str, str],
) -> tuple[tuple[_Row, ...], _Date]:  # fmt: skip
    """Return a published table's rows, in strict date order, and the date it holds to.

    ``what`` is the rows' field and how one is named (``("fixings", "an LPRFixing")``);
    ``until_what`` the last date's field and what a row is called. Refused by name: no
    rows, a row of another kind, dates out of order, a last date before the last row.

    Examples
    --------
    >>> fixing = LPRFixing(date(2020, 4, 20), "0.0385", "0.0465")
    >>> dated_rows([fixing], LPRFixing, ("fixings", "an LPRFixing"), date(2020, 5, 1),
    ...            ("confirmed_to", "fixing"))[1]
    datetime.date(2020, 5, 1)
    """
    field, name = what
    rows = a_sequence(items, field)
    if not rows:
        raise InvalidValueError(field, items, f"at least one {name.split(' ', 1)[1]}")
    for k, row in enumerate(rows):
        an_instance(row, kind, f"{field}[{k}]", name)
        if k and row.date <= rows[k - 1].date:
            raise InvalidTermsError(
                f"{field}[{k}].date", row.date, f"a date after {rows[k - 1].date}"
            )
    last_field, row_name = until_what
    last = a_date(until, last_field)
    if last < rows[-1].date:
        raise InvalidTermsError(
            last_field, last, f"on or after the last {row_name}'s date {rows[-1].date}"
        )
    return tuple(rows), last


def row_in_force(
    rows: tuple[_Row, ...], until: _Date, on: object, field: str, *, first: str, last: str
) -> _Row:
    """Return the row of a published table in force on ``on``: the latest dated on or before it.

    A row applies from its date until the day before the next. A date before the first
    row is refused, naming ``field``, as ``"a date on or after <first row's date>,
    <first>"``; one after ``until``, the last date the table holds to, as ``"a date up
    to <until>, <last>"``.

    Examples
    --------
    >>> rows = (LPRFixing(date(2020, 3, 20), "0.0405", "0.0475"),
    ...         LPRFixing(date(2020, 4, 20), "0.0385", "0.0465"))
    >>> row_in_force(rows, date(2020, 5, 19), date(2020, 4, 19), "on",
    ...              first="the first fixing", last="the last known").date
    datetime.date(2020, 3, 20)
    """
    day = a_date(on, field)
    if day < rows[0].date:
        raise InvalidValueError(field, day, f"a date on or after {rows[0].date}, {first}")
    if day > until:
        raise InvalidValueError(field, day, f"a date up to {until}, {last}")
    return rows[bisect.bisect_right([row.date for row in rows], day) - 1]


def published_data(name: str) -> Any:
    """Return the JSON of a table shipped with the package: ``loanrelief/law/<name>``."""
    return json.loads(resources.files("loanrelief.law").joinpath(name).read_text("utf-8"))


@final
@dataclass(frozen=True, slots=True)
class LPRTable:
    """The LPR fixings, oldest first, and the last date they are known to hold.

    Parameters
    ----------
    fixings : sequence of LPRFixing
        Every change from 2019-08-20 on, in date order.
    confirmed_to : datetime.date
        The last date the latest fixing is known to be in force; a look-up after it is
        refused, since a newer fixing may exist.
    version : str, default ""
        A label for the data (the package's table: the date it was checked).

    Notes
    -----
    A fixing applies from its date until the day before the next one. Source: the
    National Interbank Funding Center publishes the LPR under PBOC authority on the
    20th of each month (the next business day if that is a holiday); the Supreme
    People's Court's private-lending provisions (2020), art. 25 para. 2, define the
    one-year LPR as that series "from 2019-08-20".

    Examples
    --------
    >>> table = LPRTable.published()
    >>> table.one_year(date(2020, 9, 1)), table.one_year(date(2023, 8, 21))
    (Fraction(77, 2000), Fraction(69, 2000))
    >>> mine = table.extended([LPRFixing(date(2026, 12, 21), "0.029", "0.034")],
    ...                       confirmed_to=date(2027, 1, 19))
    >>> float(mine.one_year(date(2027, 1, 5)))
    0.029
    """

    fixings: tuple[LPRFixing, ...]
    confirmed_to: date
    version: str = ""

    __repr__ = short_repr

    def __init__(
        self, fixings: Iterable[LPRFixing], confirmed_to: date, version: str = ""
    ) -> None:
        rows, last = dated_rows(
            fixings,
            LPRFixing,
            ("fixings", "an LPRFixing"),
            confirmed_to,
            ("confirmed_to", "fixing"),
        )
        object.__setattr__(self, "fixings", rows)
        object.__setattr__(self, "confirmed_to", last)
        object.__setattr__(self, "version", an_instance(version, str, "version", "a str"))

    @staticmethod
    @functools.cache
    def published() -> LPRTable:
        """Return the table shipped with the package (``loanrelief/law/lpr.json``).

        Each row keeps its source (news-wire reproductions of the NIFC
        announcement); ``confirmed_to`` is the last date the values were checked.
        """
        data = published_data("lpr.json")
        return LPRTable(
            [
                LPRFixing(
                    date.fromisoformat(row["date"]),
                    row["one_year"],
                    row["five_year"],
                    row["source"],
                )
                for row in data["fixings"]
            ],
            confirmed_to=date.fromisoformat(data["confirmed_to"]),
            version=data["version"],
        )

    def extended(self, fixings: Iterable[LPRFixing], *, confirmed_to: date) -> LPRTable:
        """Return this table with newer fixings added and a later ``confirmed_to``.

        Examples
        --------
        >>> table = LPRTable.published().extended([], confirmed_to=date(2026, 11, 20))
        >>> table.one_year(date(2026, 11, 20))
        Fraction(3, 100)
        """
        return LPRTable(
            (*self.fixings, *a_sequence(fixings, "fixings")), confirmed_to, self.version
        )

    def fixing(self, on: date, *, field: str = "on") -> LPRFixing:
        """Return the fixing in force on ``on``.

        A refusal names ``field``: a caller whose own parameter gave the date (a
        rule's ``filed``) names that.

        Raises
        ------
        InvalidValueError
            Before 2019-08-20 (no reformed LPR existed), or after ``confirmed_to``
            (a newer fixing may exist: bring it with :meth:`extended`).
        """
        return row_in_force(
            self.fixings,
            self.confirmed_to,
            on,
            field,
            first="the first LPR fixing",
            last="the last date this LPR table is confirmed for; pass a newer table, e.g. "
            "LPRTable.published().extended([LPRFixing(...)], confirmed_to=...)",
        )

    def one_year(self, on: date, *, field: str = "on") -> Fraction:
        """Return the one-year LPR in force on ``on`` (see :meth:`fixing`)."""
        return self.fixing(on, field=field).one_year

    def five_year(self, on: date, *, field: str = "on") -> Fraction:
        """Return the over-five-year LPR in force on ``on`` (see :meth:`fixing`)."""
        return self.fixing(on, field=field).five_year
