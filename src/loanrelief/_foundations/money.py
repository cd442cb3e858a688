"""Money and rates: parsing user input, minor units and the one rounding rule.

Outside, amounts are major units (``50000``, ``"1234.56"``, ``Decimal("1234.56")``);
inside they are integers of the currency's minor unit. This module is the only place
that turns one into the other, and :func:`round_ratio` is the only place that rounds.
A currency's digits are :mod:`loanrelief._foundations.currency`'s (``minor_digits`` and
``currency_digits``), which the parsers here use.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from fractions import Fraction
from itertools import pairwise
from numbers import Integral
from typing import Any, ParamSpec, TypeVar, overload

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.currency import DIGITS, currency_digits
from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.validate import Choice, array_input, whole_number

__all__ = [
    "EXACT",
    "MAX_AMOUNT",
    "MAX_MAJOR",
    "Money",
    "Rate",
    "Ratios",
    "RoundingMode",
    "exact_decimals",
    "float_fractions",
    "greatest",
    "least",
    "portion",
    "major_of_float",
    "minor_array",
    "decimal_of",
    "minor_of",
    "parse_rate",
    "round_array",
    "round_ratio",
    "split_evenly",
    "to_major",
    "to_minor",
    "trim",
]

MAX_MAJOR = 10**14
"""The largest amount lent, in major units: far above any loan, and below ``2**62``
minor units in every currency (10**18 with four digits)."""

MAX_AMOUNT = 10**15
"""The largest payment, payoff or other amount accepted, in major units (and always
below ``2**62`` minor units): room for the payoff of a loan of 10**12 at any rate."""

EXACT = Context(
    prec=MAX_PREC,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The decimal context of every ``Decimal`` operation inside loanrelief.

Sums, differences, products and shifts of amounts are exact in it (the precision is
unlimited), so no result depends on the caller's ``decimal`` context: its precision,
rounding and traps are never used. Divisions are never done in it.
"""

# Arrays of many loans' amounts, rates and flags: the batch's columns.
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact_decimals(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` in the :data:`EXACT` decimal context, whatever the caller's is.

    Examples
    --------
    >>> import decimal
    >>> @exact_decimals
    ... def total(a, b):
    ...     return a + b
    >>> with decimal.localcontext(prec=3):
    ...     total(Decimal("1234.56"), Decimal("0.01"))
    Decimal('1234.57')
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(EXACT):
            return function(*args, **kwargs)

    return wrapper


def decimal_of(rate: Fraction) -> Decimal:
    """Return a rate kept as a ``Fraction`` as a ``Decimal``, in a local context.

    Rates are read from decimals, so the quotient ends well within 60 digits and is
    exact; it is normalized (no trailing zeros).

    Examples
    --------
    >>> decimal_of(Fraction(143, 800)), decimal_of(Fraction(9, 50) * 4)
    (Decimal('0.17875'), Decimal('0.72'))
    """
    quotient = _DIVIDE.divide(Decimal(rate.numerator), Decimal(rate.denominator))
    return quotient.normalize(_DIVIDE)


_DIVIDE = Context(prec=60)


def minor_of(amount: Decimal, digits: int) -> int:
    """Return a ``Decimal`` of major units as integer minor units, exactly.

    The amount must already be exact in the minor unit (every amount loanrelief
    returns is).

    Examples
    --------
    >>> minor_of(Decimal("1234.56"), 2), minor_of(Decimal("-3"), 3)
    (123456, -3000)
    """
    return int(amount.scaleb(digits, context=EXACT))


def minor_array(
    values: object, *, field: str, digits: int, minor_units: bool = False, minimum: int = 0
) -> npt.NDArray[np.int64]:
    """Parse a 1-D array of amounts into ``int64`` minor units, by :func:`to_minor`'s rules.

    Integers are exact; a float must be the float nearest a value with at most
    ``digits`` decimals (its shortest form fits the minor unit, as for one amount);
    anything else (``Decimal``, strings) goes through :func:`to_minor` element by
    element. Errors name the first bad element (``principal[17]``).

    Examples
    --------
    >>> minor_array([1234.56, 10], field="principal", digits=2).tolist()
    [123456, 1000]
    >>> minor_array([1000000.004], field="principal", digits=2)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: principal[0]=1000000.004 is not valid: ...
    """
    values = array_input(values, field)
    try:
        array = np.atleast_1d(np.asarray(values))
    except (TypeError, ValueError):
        raise InvalidTypeError(field, values, "a 1-D array of amounts") from None
    if array.ndim != 1:
        raise InvalidValueError(field, f"an array of shape {array.shape}", "one dimension")
    scale = 1 if minor_units else 10**digits
    most = MAX_MAJOR * 10**digits
    if array.dtype.kind in "iu":
        bad = (array > most // scale) | (array < -(most // scale))
        minor = np.where(bad, 0, array).astype(np.int64) * scale
        bad |= minor < minimum
    elif array.dtype.kind == "f":
        with np.errstate(all="ignore"):
            rounded = np.round(array * scale)
            bad = ~np.isfinite(array) | (np.abs(rounded) > most) | (rounded / scale != array)
            minor = np.where(bad, 0, rounded).astype(np.int64)
        bad |= minor < minimum
    else:
        minor = np.empty(array.shape, dtype=np.int64)
        for k, value in enumerate(array.tolist()):
            minor[k] = to_minor(
                value, field=f"{field}[{k}]", digits=0 if minor_units else digits, minimum=None
            )
        bad = (minor < minimum) | (np.abs(minor) > most)
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        unit = "minor units" if minor_units else f"at most {digits} decimals"
        raise InvalidValueError(
            f"{field}[{k}]",
            array[k].item() if isinstance(array[k], np.generic) else array[k],
            f"an amount in {unit}, at least {to_major(minimum, digits)} and at most {MAX_MAJOR:,}",
        )
    return minor


Money = int | str | Decimal | float
"""What an amount of money may be given as, in major units."""

Rate = int | str | Decimal | float
"""What a rate may be given as: a fraction, ``0.18`` for 18 %."""


class RoundingMode(Choice):
    """How a value halfway between two minor units is rounded.

    Attributes
    ----------
    HALF_EVEN
        To the even neighbour ("banker's rounding", IEEE 754 default, Java
        ``RoundingMode.HALF_EVEN`` as Apache Fineract uses).
    HALF_UP
        Away from zero ("commercial rounding", Excel ``ROUND``).

    Examples
    --------
    >>> from loanrelief._foundations.money import RoundingMode, round_ratio
    >>> round_ratio(5, 2, RoundingMode.HALF_EVEN), round_ratio(5, 2, RoundingMode.HALF_UP)
    (2, 3)
    """

    HALF_EVEN = "half_even"
    HALF_UP = "half_up"


def round_ratio(numerator: int, denominator: int, mode: RoundingMode) -> int:
    """Round the exact quotient ``numerator / denominator`` to an integer.

    This is the library's one rounding function: every amount that is rounded is
    rounded here, from an exact rational value, once.

    Parameters
    ----------
    numerator, denominator : int
        The exact value as a ratio of integers; ``denominator`` must be positive.
    mode : RoundingMode
        How ties are broken.

    Returns
    -------
    int
        The nearest integer; ties go to the even integer (``HALF_EVEN``) or away from
        zero (``HALF_UP``).

    Examples
    --------
    >>> round_ratio(7, 2, RoundingMode.HALF_EVEN), round_ratio(-7, 2, RoundingMode.HALF_UP)
    (4, -4)
    >>> round_ratio(10, 3, RoundingMode.HALF_UP)
    3
    """
    quotient, remainder = divmod(numerator, denominator)  # floor division
    twice = 2 * remainder
    if twice > denominator:
        return quotient + 1
    if twice < denominator:
        return quotient
    # An exact tie between quotient and quotient + 1.
    if mode is RoundingMode.HALF_EVEN:
        return quotient + (quotient & 1)
    return quotient + 1 if numerator > 0 else quotient


def round_array(
    values: npt.NDArray[Any],
    numerator: npt.NDArray[Any],
    denominator: npt.NDArray[Any],
    mode: RoundingMode,
    field: str = "principal",
) -> npt.NDArray[np.int64]:
    """Return ``round(values x numerator / denominator)`` exactly, for non-negative arrays.

    :func:`round_ratio` over arrays: computed in ``float64``, and the few results
    within a hair of a half minor unit (or too large for a float to place) recomputed
    in Python integers by :func:`round_ratio` itself, so ties and large magnitudes
    round exactly. Integers past ``int64`` may come as object arrays of Python ints.

    Raises
    ------
    InvalidValueError
        If a result would reach ``2**62`` (it could not be an ``int64``), naming
        ``field``.

    Examples
    --------
    >>> round_array(np.array([3126895863140]), np.array([73]), np.array([200]),
    ...             RoundingMode.HALF_EVEN).tolist()
    [1141316990046]
    """
    values, numerator, denominator = np.broadcast_arrays(values, numerator, denominator)
    # Rates may come as Python integers (object arrays) where their parts pass int64;
    # their quotient is still the correctly rounded float.
    x = np.asarray(values * np.asarray(numerator / denominator, dtype=np.float64), dtype=float)
    if np.any(x >= 2.0**62):
        raise InvalidValueError(
            field, float(x.max()), "amounts whose charges stay below 2**62 minor units"
        )
    result: npt.NDArray[np.int64] = np.floor(x + 0.5).astype(np.int64)
    # x is within 3 x 2**-53 of the exact value, relatively: only a value that close to
    # a half (ties included) can round the other way.
    doubtful = (np.abs(x - np.floor(x) - 0.5) <= 1e-15 * x + 1e-9) | (x >= 2.0**50)
    for index in zip(*np.nonzero(doubtful), strict=True):
        top = int(values[index]) * int(numerator[index])
        result[index] = round_ratio(top, int(denominator[index]), mode)
    return result


_MOST_DIGITS = 15  # no amount or rate has more integer digits than this
_MOST_DECIMALS = 30  # nor more decimals


def _decimal_of(value: object, field: str, what: str) -> Decimal:
    """Return ``value`` as an exact finite Decimal, or raise naming ``field``."""
    magnitude = f"{what} of magnitude 1e-{_MOST_DECIMALS} to 1e{_MOST_DIGITS}"
    if type(value) is Decimal:  # the common case, first (isinstance of an ABC is slow)
        result = value
    elif isinstance(value, bool) or not isinstance(value, Integral | str | Decimal | float):
        raise InvalidTypeError(field, value, f"{what} as an int, str, Decimal or float")
    elif isinstance(value, float):  # numpy.float64 included
        if not math.isfinite(value):
            raise InvalidValueError(field, value, f"a finite {what}")
        # The shortest decimal that round-trips: 0.1 means 0.1, not 0.1000000000000000055.
        result = Decimal(repr(float(value)))
    elif isinstance(value, Integral):  # numpy integers included
        if abs(int(value)) >= 10 ** (_MOST_DIGITS + 1):  # before a huge int is converted
            raise InvalidValueError(field, value, magnitude)
        result = Decimal(int(value))
    elif isinstance(value, str):
        try:
            result = EXACT.create_decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            raise InvalidValueError(
                field, value, f"{what} written as a decimal number, like '1234.56'"
            ) from None
    else:
        result = Decimal(value)
    if not result.is_finite():
        raise InvalidValueError(field, value, f"a finite {what}")
    # Refused before any exact conversion: 10**999999999 would take for ever to build.
    if result and not -_MOST_DECIMALS <= result.adjusted() <= _MOST_DIGITS:
        raise InvalidValueError(field, value, magnitude)
    if -result.as_tuple().exponent > _MOST_DECIMALS:  # type: ignore[operator]
        raise InvalidValueError(field, value, f"{what} with at most {_MOST_DECIMALS} decimals")
    return result


def to_minor(
    value: object,
    *,
    field: str,
    digits: int = 2,
    minimum: int | None = 0,
    maximum: int = MAX_AMOUNT,
) -> int:
    """Parse an amount given in major units into integer minor units.

    Parameters
    ----------
    value : int, str, Decimal or float
        The amount in major units. A float is read by its shortest decimal form
        (``repr``); it must then fit the minor unit exactly.
    field : str
        The name of the argument, for the error message.
    digits : int, default 2
        Minor-unit digits of the currency (see :func:`minor_digits`).
    minimum : int or None, default 0
        Smallest valid result in minor units; ``None`` allows any sign.
    maximum : int, default MAX_AMOUNT
        Largest valid magnitude in *major* units: 10**15 for a payment or payoff
        (``Loan`` passes ``MAX_MAJOR``, 10**14, for what it lends). The result is
        also below ``2**62`` minor units, so it fits ``int64`` arrays.

    Returns
    -------
    int
        The amount in minor units.

    Raises
    ------
    InvalidTypeError
        For ``bool`` or a type that is not a number.
    InvalidValueError
        For NaN, infinity, an unparseable string, more decimals than the currency
        has, or a value below ``minimum``.

    Examples
    --------
    >>> to_minor("1234.56", field="principal"), to_minor(1234.5, field="principal")
    (123456, 123450)
    >>> to_minor(500, field="principal", digits=0)
    500
    >>> to_minor(0.001, field="fee")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: fee=0.001 is not valid: ...
    """
    if not isinstance(field, str):
        raise InvalidTypeError("field", field, "the name of the argument, a str")
    digits = currency_digits(digits)
    if minimum is not None and not (type(minimum) is int and minimum == 0):  # the default
        minimum = whole_number(minimum, "minimum", -(10**30), 10**30)
    if maximum is not MAX_AMOUNT:
        maximum = whole_number(maximum, "maximum", 0, MAX_AMOUNT)
    amount = _decimal_of(value, field, "amount")
    scaled = amount.scaleb(digits, context=EXACT)
    if amount.copy_abs() > maximum or scaled.copy_abs() >= 2**62:
        raise InvalidValueError(field, value, f"an amount of at most {maximum:,} in magnitude")
    if scaled != scaled.to_integral_value(context=EXACT):
        unit = "whole units" if digits == 0 else f"at most {digits} decimal places"
        raise InvalidValueError(field, value, f"an amount in {unit} for this currency")
    minor = int(scaled)
    if minimum is not None and minor < minimum:
        bound = to_major(minimum, digits)
        raise InvalidValueError(field, value, f"an amount of at least {bound}")
    return minor


def major_of_float(value: float, digits: int) -> Decimal:
    """Return a float amount (a present value) rounded half-even to the currency's unit.

    Read by its shortest decimal form, then rounded once, in the exact context.

    Examples
    --------
    >>> major_of_float(1038119.38, 0), major_of_float(1031.7894, 3)
    (Decimal('1038119'), Decimal('1031.789'))
    """
    exact = Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN, context=EXACT)


def to_major(minor: int, digits: int = 2) -> Decimal:
    """Return integer minor units as a ``Decimal`` in major units.

    Parameters
    ----------
    minor : int
        The amount in minor units.
    digits : int, default 2
        Minor-unit digits of the currency.

    Returns
    -------
    Decimal
        Exactly ``minor / 10**digits``, with ``digits`` decimal places.

    Examples
    --------
    >>> to_major(123456), to_major(-5), to_major(500, digits=0), to_major(1, digits=3)
    (Decimal('1234.56'), Decimal('-0.05'), Decimal('500'), Decimal('0.001'))
    """
    if type(minor) is not int:  # the engines' own ints skip the checks below
        minor = whole_number(minor, "minor", -(10**30), 10**30)
    if type(digits) is not int or digits not in DIGITS:
        digits = currency_digits(digits)
    return Decimal(minor).scaleb(-digits, context=EXACT)  # exact: no digits to round


def parse_rate(
    value: object,
    *,
    field: str,
    minimum: Fraction = Fraction(0),
    maximum: Fraction = Fraction(10),
) -> Fraction:
    """Parse a rate given as a fraction (``0.18`` for 18 %) into an exact ``Fraction``.

    Parameters
    ----------
    value : int, str, Decimal or float
        The rate; a float is read by its shortest decimal form.
    field : str
        The name of the argument, for the error message.
    minimum, maximum : Fraction, default 0 and 10
        The valid closed range. The default upper bound, 10 (1,000 % a year), catches
        the common slip of writing 18 for 18 %.

    Returns
    -------
    Fraction
        The exact rate.

    Raises
    ------
    InvalidTypeError, InvalidValueError
        For a non-numeric type, NaN, infinity or a value outside the range.

    Examples
    --------
    >>> parse_rate("0.18", field="annual_rate"), parse_rate(0.049, field="annual_rate")
    (Fraction(9, 50), Fraction(49, 1000))
    >>> parse_rate(18, field="annual_rate")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: annual_rate=18 is not valid: ...
    """
    rate = Fraction(_decimal_of(value, field, "rate"))
    if not minimum <= rate <= maximum:
        raise InvalidValueError(
            field,
            value,
            f"a fraction from {float(minimum):g} to {float(maximum):g} "
            f"(0.18 means 18 %; {float(maximum) * 100:g} % is the most accepted)",
        )
    return rate


def float_fractions(values: Floats) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Return finite, non-negative floats as exact fractions of their shortest decimal forms.

    Element by element ``Fraction(repr(value))``, as :func:`parse_rate` reads one float
    (0.1 is 1/10, not 3602879701896397/36028797018963968), over an array at once: each
    float's fewest decimals ``k`` and digits ``m`` with ``m / 10**k`` rounding to it
    are found in NumPy (``m`` and ``10**k`` exact floats, so the quotient is correctly
    rounded); the few floats that need more than 15 decimals, or whose interval of
    decimals that round to them may hold two candidates (17 significant digits), are
    read by ``repr`` one by one, once per distinct value.

    Returns
    -------
    numerators, denominators : numpy.ndarray
        In lowest terms, ``int64`` (object arrays of Python ints for the rare floats
        whose parts pass ``int64``), of ``values``' shape.

    Examples
    --------
    >>> numerators, denominators = float_fractions(np.array([0.1175, 3.0, 1e-20, 0.1 + 0.2]))
    >>> numerators.tolist(), denominators.tolist()
    ([47, 3, 1, 7500000000000001], [400, 1, 100000000000000000000, 25000000000000000])
    """
    flat = np.ravel(np.asarray(values, dtype=np.float64))
    digits = np.zeros(flat.shape, dtype=np.int64)
    scale = np.ones(flat.shape, dtype=np.int64)
    pending = np.ones(flat.shape, dtype=bool)
    slow = np.zeros(flat.shape, dtype=bool)
    with np.errstate(all="ignore"):
        gap = np.spacing(flat)  # the width of the decimals that round to each float
        for k in range(_FAST_DECIMALS + 1):
            if not pending.any():
                break
            power = 10.0**k  # exact for k <= 22
            rows = np.flatnonzero(pending)
            value = flat[rows]
            nearest = np.rint(value * power)
            # Under half a unit wide, the interval holds at most one integer, within
            # one of the rounded product (itself within the interval's width).
            narrow = gap[rows] * power < 0.5
            found = np.zeros(rows.shape, dtype=bool)
            for step in (0.0, -1.0, 1.0):
                candidate = nearest + step
                fits = (
                    ~found
                    & (candidate >= 0)
                    & (candidate < 2.0**53)
                    & (candidate / power == value)
                )
                digits[rows[fits]] = candidate[fits].astype(np.int64)
                found |= fits
            scale[rows[found]] = 10**k
            # Half a unit wide or more: two candidates may fit, or one beyond the three.
            slow[rows[~narrow]] = True  # read exactly
            pending[rows[found | ~narrow]] = False
    slow |= pending
    common = np.gcd(digits, scale)
    common[common == 0] = 1
    numerators: npt.NDArray[Any] = digits // common
    denominators: npt.NDArray[Any] = scale // common
    if slow.any():
        numerators, denominators = numerators.astype(object), denominators.astype(object)
        distinct, where = np.unique(flat[slow], return_inverse=True)
        exact = [Fraction(repr(float(value))) for value in distinct]
        numerators[slow] = np.array([f.numerator for f in exact], dtype=object)[where]
        denominators[slow] = np.array([f.denominator for f in exact], dtype=object)[where]
        if max(map(abs, (*numerators[slow], *denominators[slow]))) < 2**62:
            numerators, denominators = numerators.astype(np.int64), denominators.astype(np.int64)
    shape = np.shape(values)
    return numerators.reshape(shape), denominators.reshape(shape)


_FAST_DECIMALS = 15  # 10**15 x 366 days stays within int64


def trim(amount: Decimal) -> Decimal:
    """Return ``amount`` without trailing zeros after the point, never in exponent form.

    Examples
    --------
    >>> trim(Decimal("2500.0000")), trim(Decimal("0.1000")), trim(Decimal("-3.50"))
    (Decimal('2500'), Decimal('0.1'), Decimal('-3.5'))
    """
    if amount == amount.to_integral_value(context=EXACT):
        return amount.quantize(Decimal(1), context=EXACT)
    return amount.normalize(context=EXACT)


@overload
def split_evenly(total: int, count: int) -> list[int]: ...
@overload
def split_evenly(total: Ints, count: int) -> Ints: ...
def split_evenly(total: int | Ints, count: int) -> list[int] | Ints:
    """Split ``total`` into ``count`` integers that differ by at most one and sum exactly.

    Part ``k`` is ``floor(total k / n) - floor(total (k - 1) / n)``: the smaller parts
    come first, the larger ones spread evenly. An array of totals gives one row of
    parts each.

    Examples
    --------
    >>> split_evenly(1000, 3), split_evenly(5, 4)
    ([333, 333, 334], [1, 1, 1, 2])
    >>> split_evenly(np.array([1000, 5]), 4).tolist()
    [[250, 250, 250, 250], [1, 1, 1, 2]]
    """
    if isinstance(total, np.ndarray):
        rows: Ints = np.diff((total[:, None] * np.arange(count + 1)) // count, axis=1)
        return rows
    cumulative = [total * k // count for k in range(count + 1)]
    return [b - a for a, b in pairwise(cumulative)]


# -- one rule for one amount or an array of them ------------------------------------
#
# A lever's rule is written once (``loanrelief._relief.levers``) and runs on one account (Python
# integers) or on a block of accounts (int64 arrays, ``loanrelief.batch._workout``). These
# helpers are the few operations where the two need different code.

_A = TypeVar("_A", int, Ints)


def least(a: Any, b: Any) -> Any:
    """Return the smaller of two amounts, element by element for arrays.

    ``min`` for Python integers (kept exact and unbounded), ``numpy.minimum`` when
    either is an array.

    Examples
    --------
    >>> least(3, 5), least(np.array([3, 7]), 5).tolist()
    (3, [3, 5])
    """
    if isinstance(a, int) and isinstance(b, int):
        return a if a <= b else b
    return np.minimum(a, b)


def greatest(a: Any, b: Any) -> Any:
    """Return the larger of two amounts or rates, element by element for arrays.

    Examples
    --------
    >>> greatest(Fraction(-1, 50), Fraction(0)), greatest(np.array([-2, 7]), 0).tolist()
    (Fraction(0, 1), [0, 7])
    >>> greatest(Ratios.of(Fraction(1, 10), 2) - Fraction(1, 5), Fraction(0)).numerator.tolist()
    [0, 0]
    """
    if isinstance(a, Ratios):
        return a.at_least(b)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.maximum(a, b)
    return a if a >= b else b


def portion(
    available: _A, share: Fraction | None, amount: int | Ints | None, mode: RoundingMode
) -> _A:
    """Return how much of ``available`` a ``share`` or an ``amount`` takes.

    A share takes ``round(share x available)`` in the loan's rounding mode (one
    :func:`round_ratio` per amount); an amount takes itself, never more than is
    available. Exactly one of ``share`` and ``amount`` is given.

    Examples
    --------
    >>> portion(1001, Fraction(1, 2), None, RoundingMode.HALF_EVEN)
    500
    >>> portion(np.array([1001, 40]), None, 100, RoundingMode.HALF_EVEN).tolist()
    [100, 40]
    """
    if share is not None:
        if isinstance(available, np.ndarray):
            taken: Ints = round_array(
                available, np.array(share.numerator), np.array(share.denominator), mode
            )
            return taken
        exact = share * available
        return round_ratio(exact.numerator, exact.denominator, mode)
    if amount is None:
        raise InvalidValueError("amount", amount, "a share or an amount")
    return least(amount, available)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Ratios:
    """Exact rates over arrays: ``numerator / denominator`` element by element.

    What ``Fraction`` is to one account's rate, for a block of accounts (int64
    parts, reduced). Subtracting a ``Fraction`` and :func:`greatest` with one are
    what the levers need.

    Examples
    --------
    >>> rates = Ratios.of(Fraction(9, 50), 2) - Fraction(1, 50)
    >>> rates.numerator.tolist(), rates.denominator.tolist()
    ([4, 4], [25, 25])
    """

    numerator: Ints
    denominator: Ints

    @classmethod
    def of(cls, rate: Fraction, count: int) -> Ratios:
        """Return the same rate ``count`` times."""
        return cls(
            np.full(count, rate.numerator, dtype=np.int64),
            np.full(count, rate.denominator, dtype=np.int64),
        )

    @classmethod
    def reduced(cls, numerator: Ints, denominator: Ints) -> Ratios:
        """Return the rates in lowest terms."""
        common = np.gcd(numerator, denominator)
        common[common == 0] = 1
        return cls(numerator // common, denominator // common)

    def __sub__(self, other: Fraction) -> Ratios:
        top = self.numerator * other.denominator - other.numerator * self.denominator
        return Ratios.reduced(top, self.denominator * other.denominator)

    def at_least(self, floor: Fraction) -> Ratios:
        """Return each rate, or ``floor`` where that is larger."""
        below = self.numerator * floor.denominator < floor.numerator * self.denominator
        return Ratios(
            np.where(below, floor.numerator, self.numerator),
            np.where(below, floor.denominator, self.denominator),
        )
