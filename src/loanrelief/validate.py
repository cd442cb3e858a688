"""Checks of every input: whole numbers, flags, dates, sequences, option enums, arrays.

Each parser returns the value in the form the engines use, or raises a
:class:`loanrelief.LoanReliefError` naming the argument (``field``), the value and what
is valid. Amounts and rates are parsed in :mod:`loanrelief.money`, on these.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from numbers import Integral
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from loanrelief.errors import InvalidTypeError, InvalidValueError

__all__ = [
    "Choice",
    "a_date",
    "a_flag",
    "a_sequence",
    "an_instance",
    "number_array",
    "parse_enum",
    "read_once",
    "whole_number",
]


_V = TypeVar("_V")


def read_once(value: _V) -> _V:
    """Return a one-shot iterable (a generator, ``map``, ``iter(...)``) read into a tuple.

    Anything else is returned as it is. Every entry point that takes a sequence or an
    array reads its argument once, here or in :func:`a_sequence`, before anything else
    looks at it: an iterator read twice (its length, then its items; or passed to two
    replays) is empty the second time, and a figure computed from it silently wrong.

    Examples
    --------
    >>> read_once(x * 2 for x in (1, 2)), read_once([1, 2])
    ((2, 4), [1, 2])
    """
    if isinstance(value, Iterator):
        return cast(_V, tuple(value))  # the same items, now a sequence
    return value


def whole_number(value: object, field: str, low: int, high: int) -> int:
    """Return ``value`` as an ``int`` from ``low`` to ``high``, or raise naming ``field``.

    Python and NumPy integers are accepted (loans often come from a DataFrame);
    ``bool``, floats and strings are not.

    Examples
    --------
    >>> import numpy as np
    >>> whole_number(np.int64(24), "term", 1, 1200)
    24
    >>> whole_number(24.0, "term", 1, 1200)
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidTypeError: term=24.0 is not valid: a whole number from 1 to 1200
    """
    if type(value) is int and low <= value <= high:  # the common case, quickly
        return value
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InvalidTypeError(field, value, f"a whole number from {low} to {high}")
    number = int(value)
    if not low <= number <= high:
        raise InvalidValueError(field, value, f"a whole number from {low} to {high}")
    return number


def a_flag(value: object, field: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (NumPy's too), else raise.

    A string is refused: ``"False"`` would be true.

    Examples
    --------
    >>> a_flag(False, "minor_units")
    False
    >>> a_flag("False", "minor_units")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidTypeError: minor_units='False' is not valid: True or False
    """
    if not isinstance(value, bool | np.bool_):
        raise InvalidTypeError(field, value, "True or False")
    return bool(value)


def number_array(values: object, field: str) -> npt.NDArray[np.float64]:
    """Return numbers (a scalar or an array of them) as ``float64``, or raise naming ``field``.

    Booleans, dates and times, strings that are not numbers and other objects are refused.

    Examples
    --------
    >>> number_array([0.24, 1], "annual_rate").tolist()
    [0.24, 1.0]
    >>> number_array(["abc"], "annual_rate")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidValueError: annual_rate=['abc'] is not valid: numbers
    """
    values = read_once(values)
    try:
        given = np.asarray(values)
        if given.dtype.kind in "bMm" or (
            given.dtype.kind == "O" and any(isinstance(v, bool | np.bool_) for v in given.flat)
        ):
            raise TypeError
        return given.astype(np.float64)
    except (TypeError, ValueError, OverflowError):
        raise InvalidValueError(field, values, "numbers") from None


def a_sequence(value: object, field: str) -> tuple[Any, ...]:
    """Return the items of an iterable as a tuple, or raise naming ``field``.

    A string, a mapping or a single value is refused (a common slip for one item).

    Examples
    --------
    >>> a_sequence([1, 7, 30], "days")
    (1, 7, 30)
    >>> a_sequence(30, "days")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidTypeError: days=30 is not valid: a sequence (a list or tuple)
    """
    if isinstance(value, str | bytes | dict):
        raise InvalidTypeError(field, value, "a sequence (a list or tuple)")
    try:
        return tuple(value)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidTypeError(field, value, "a sequence (a list or tuple)") from None


_T = TypeVar("_T")


def an_instance(value: object, kind: type[_T], field: str, valid: str) -> _T:
    """Return ``value`` if it is a ``kind``, else raise an ``InvalidTypeError`` naming ``field``.

    Examples
    --------
    >>> from decimal import Decimal
    >>> an_instance(None, Decimal, "amount", "a Decimal")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidTypeError: amount=None is not valid: a Decimal
    """
    if not isinstance(value, kind):
        raise InvalidTypeError(field, value, valid)
    return value


def a_date(value: object, field: str) -> date:
    """Return ``value`` if it is a ``datetime.date`` (not a ``datetime``), else raise.

    Examples
    --------
    >>> a_date(date(2024, 1, 15), "as_of")
    datetime.date(2024, 1, 15)
    >>> a_date("2024-01-15", "as_of")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidTypeError: as_of='2024-01-15' is not valid: a datetime.date ...
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidTypeError(field, value, "a datetime.date (not a datetime or a string)")
    return value


class Choice(StrEnum):
    """A string enum of options that refuses an unknown value with a clear error.

    Every option enum of loanrelief derives from it, so ``DayCount("act/365")`` works
    and ``DayCount("bogus")`` raises :class:`loanrelief.InvalidValueError` (a
    ``ValueError``) listing the valid spellings.

    Examples
    --------
    >>> from loanrelief import RoundingMode
    >>> RoundingMode("half_up")
    <RoundingMode.HALF_UP: 'half_up'>
    >>> RoundingMode("up")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidValueError: RoundingMode='up' is not valid: one of ...
    """

    @classmethod
    def _missing_(cls, value: object) -> None:
        valid = "one of " + ", ".join(repr(member.value) for member in cls)
        if not isinstance(value, str):
            raise InvalidTypeError(cls.__name__, value, valid)
        raise InvalidValueError(cls.__name__, value, valid)


_E = TypeVar("_E", bound=StrEnum)


def parse_enum(value: object, kind: type[_E], field: str) -> _E:
    """Return ``value`` as a member of the string enum ``kind``, or raise naming the field.

    Only the member itself or its exact value string is accepted, so one option has
    one spelling.

    Examples
    --------
    >>> from loanrelief import RoundingMode
    >>> parse_enum("half_up", RoundingMode, "rounding")
    <RoundingMode.HALF_UP: 'half_up'>
    >>> parse_enum("up", RoundingMode, "rounding")
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidValueError: rounding='up' is not valid: one of 'half_even', 'half_up'
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    valid = "one of " + ", ".join(repr(member.value) for member in kind)
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, valid)
    raise InvalidValueError(field, value, valid)
