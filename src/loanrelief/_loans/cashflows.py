"""Cash-flow analytics: present value, internal rate of return, effective rates.

Flows here are *signed*, in the lender's view (the same as ``xirr``'s usual use):
money lent out is negative, repayments are positive. A borrower's view is the same
stream with every sign flipped, and gives the same rates.

``irr`` and ``xirr`` take one stream (1-D) or many (2-D, one stream per row, shorter
streams padded with zeros at the end) and solve them together in NumPy; a single
stream goes through the very same code, so its result equals its row of a batch
exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.daycount import DayCount, fractions_between, no_schedule
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import Floats
from loanrelief._foundations.validate import (
    array_input,
    day_array,
    parse_enum,
    unmasked,
    whole_number,
)
from loanrelief._loans.rate_solving import (
    OnNoSolution,
    RootChoice,
    answered,
    polynomial,
    power_sums,
    power_sums_one,
)

__all__ = [
    "effective_rate",
    "flows_array",
    "irr",
    "nominal_rate",
    "npv",
    "xirr",
    "discounted_sum",
    "xnpv",
]


def flows_array(amounts: object, field: str = "amounts") -> Floats:
    """Return cash flows as a finite float64 array of one or two dimensions.

    Raises
    ------
    InvalidTypeError, InvalidValueError
        If the flows are not numbers, not 1-D or 2-D, empty, or not finite.

    Examples
    --------
    >>> flows_array([-100, "60", 60.5])
    array([-100. ,   60. ,   60.5])
    """
    amounts = array_input(amounts, field)
    try:
        given = np.asarray(amounts)  # once: a list of floats is then float64 already
        array = given.astype(np.float64, copy=False)
    except (TypeError, ValueError, OverflowError):
        raise InvalidTypeError(field, amounts, "a sequence of numbers") from None
    if given.dtype.kind == "b":
        raise InvalidTypeError(field, amounts, "a sequence of numbers, not True or False")
    if array.ndim not in (1, 2) or array.shape[-1] == 0 or array.size == 0:
        raise InvalidValueError(
            field, amounts, "a non-empty 1-D sequence, or a 2-D array with one stream per row"
        )
    if not np.abs(array).max() <= _MOST_FLOW:  # one test for NaN, infinity and size
        if not np.all(np.isfinite(array)):
            raise InvalidValueError(field, amounts, "finite numbers (no NaN or infinity)")
        raise InvalidValueError(field, amounts, "amounts of at most 1e18 in magnitude")
    return array


_MOST_FLOW = 1e18  # far beyond any loan, far below overflow in a sum or a power sum


def _rate(value: object, field: str = "rate") -> float:
    unmasked(value, field)
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        try:
            value = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidTypeError(field, value, "a number: 0.05 for 5 % a period") from None
    rate = float(value)
    if not np.isfinite(rate) or rate <= -1:
        raise InvalidValueError(field, value, "a finite rate above -1 (-100 %)")
    return rate


def npv(rate: float, amounts: Sequence[float] | npt.ArrayLike, *, first_period: int = 0) -> Any:
    """Return the net present value of evenly spaced flows.

    Parameters
    ----------
    rate : float
        The rate per period, above -1.
    amounts : array_like
        One stream (1-D) or one per row (2-D).
    first_period : {0, 1}, default 0
        The time of the first flow. 0 (as numpy-financial ``npv``): the first flow is
        not discounted. 1 (as spreadsheet ``NPV``): the first flow is discounted one
        full period, so ``NPV(r, x1..xn)`` is ``npv(r, x, first_period=1)``.

    Returns
    -------
    float or numpy.ndarray
        ``sum_k amounts[k] / (1 + rate) ** (k + first_period)``, per row for 2-D input.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.29 (NPV); numpy-financial ``npv``.

    Examples
    --------
    >>> round(npv(0.065, [-10000, 3000, 3400, 7700], first_period=1), 2)  # spreadsheet
    2055.38
    >>> round(npv(0.065, [-10000, 3000, 3400, 7700]), 2)  # numpy-financial timing
    2188.98
    """
    r = _rate(rate)
    first_period = whole_number(first_period, "first_period", 0, 1)
    flows = flows_array(amounts)
    times = np.arange(flows.shape[-1]) + first_period
    total = (flows * (1.0 + r) ** -times).sum(axis=-1)
    return float(total) if flows.ndim == 1 else total


def _dated(dates: object, amounts: object, day_count: DayCount | str) -> tuple[Floats, Floats]:
    """Return (years from the first date, flows) for dated flows, 1-D or 2-D."""
    count = parse_enum(day_count, DayCount, "day_count")
    no_schedule(count, "day_count")
    flows = flows_array(amounts)
    days = day_array(dates, "dates")
    if days.shape != flows.shape:
        raise InvalidTermsError(
            "dates", dates, f"one date per amount: shape {flows.shape}, got {days.shape}"
        )
    origin = days[..., :1]  # (day_array refuses NaT)
    if (days < origin).any():
        raise InvalidValueError("dates", dates, "no date before the first one, which is time zero")
    return fractions_between(origin, days, count), flows


def xnpv(
    rate: float,
    dates: Sequence[date] | npt.ArrayLike,
    amounts: Sequence[float] | npt.ArrayLike,
    *,
    day_count: DayCount | str = DayCount.ACT_365,
) -> float:
    """Return the net present value of dated flows at an annual rate.

    Parameters
    ----------
    rate : float
        The annual effective rate, above -1.
    dates : sequence of datetime.date
        One per amount; the first is time zero and no date may precede it.
    amounts : sequence of float
        The flows.
    day_count : DayCount or str, default "act/365"
        How years are counted from the first date (spreadsheet ``XNPV``: act/365).

    Returns
    -------
    float
        ``sum_k amounts[k] / (1 + rate) ** year_fraction(dates[0], dates[k])``.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.52 (XNPV).

    Examples
    --------
    >>> from datetime import date
    >>> days = [date(2008, 1, 1), date(2008, 3, 1), date(2008, 10, 30), date(2009, 2, 15),
    ...         date(2009, 4, 1)]
    >>> round(xnpv(0.09, days, [-10000, 2750, 4250, 3250, 2750]), 4)
    2086.6476
    """
    r = _rate(rate)
    years, flows = _dated(dates, amounts, day_count)
    if flows.ndim != 1:
        raise InvalidValueError("amounts", amounts, "one stream (1-D)")
    return float(discounted_sum(r, years, flows))


def discounted_sum(rate: float, years: Floats, flows: Floats) -> Floats:
    """Return ``sum(flows x (1 + rate) ** -years)`` along the last axis, left to right.

    Added in order (not pairwise) so that zero flows padding a row cannot change its
    sum: one stream alone and the same stream in a padded batch give the same float.

    Examples
    --------
    >>> float(discounted_sum(0.25, np.array([0.0, 1.0]), np.array([-100.0, 125.0])))
    0.0
    """
    terms = flows * (1.0 + rate) ** -years
    total: Floats = np.cumsum(terms, axis=-1)[..., -1]
    return total


def compounded(rate: Any, periods: Any, field: str, given: Any) -> Any:
    """Return ``(1 + rate) ** periods - 1`` (``expm1(periods log1p(rate))``), never inf.

    The annualising step of every effective rate (EFFECT, the EU APRC, the CN
    effective rate). A result past the largest float is refused, naming ``field`` and
    the caller's ``given`` value (the first such element where ``given`` is an array),
    instead of returning ``inf``.

    Examples
    --------
    >>> round(float(compounded(0.01, 12, "rate", 0.01)), 6)
    0.126825
    >>> compounded(36.0, 365, "amounts", [-1, 37])
    Traceback (most recent call last):
    ...
    loanrelief.NoSolutionError: amounts=[-1, 37] is not valid: ...
    """
    with np.errstate(over="ignore"):
        result = np.expm1(periods * np.log1p(rate))
    finite = np.isfinite(result)
    if not np.all(finite):
        if np.ndim(given) and np.shape(given) == np.shape(result):
            where = tuple(np.argwhere(~finite)[0])
            field = f"{field}[{', '.join(map(str, where))}]"
            given = np.asarray(given)[where].item()
        raise NoSolutionError(
            field,
            given,
            "flows whose annual rate is below 1.8e308 (the largest float); "
            "compounded over a year, this one grows past it",
        )
    return result


def effective_rate(nominal: float, periods_per_year: int) -> float:
    """Return the effective annual rate of a nominal rate compounded ``periods_per_year``.

    ``(1 + nominal / m) ** m - 1``; same as spreadsheet ``EFFECT``.

    Examples
    --------
    >>> effective_rate(0.0525, 4)
    0.05354266737075...
    """
    rate = _rate(nominal, "nominal")
    m = _periods(periods_per_year)
    return float(compounded(rate / m, m, "nominal", nominal))


def nominal_rate(effective: float, periods_per_year: int) -> float:
    """Return the nominal rate compounded ``periods_per_year`` that has this effective rate.

    ``m ((1 + effective) ** (1 / m) - 1)``; same as spreadsheet ``NOMINAL``.

    Examples
    --------
    >>> nominal_rate(0.053543, 4)
    0.05250031986835...
    >>> round(nominal_rate(effective_rate(0.0525, 4), 4), 12)  # the inverse of effective_rate
    0.0525
    """
    rate = _rate(effective, "effective")
    m = _periods(periods_per_year)
    return float(m * np.expm1(np.log1p(rate) / m))


def _periods(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError("periods_per_year", value, "a whole number of at least 1")
    return value


@overload
def irr(
    amounts: Sequence[float],
    *,
    on_no_solution: OnNoSolution | str = ...,
    roots: Literal["least_non_negative", "nearest"] = ...,
) -> float: ...
@overload
def irr(
    amounts: Sequence[float], *, on_no_solution: OnNoSolution | str = ..., roots: Literal["all"]
) -> tuple[float, ...]: ...
@overload
def irr(
    amounts: npt.ArrayLike,
    *,
    on_no_solution: OnNoSolution | str = ...,
    roots: RootChoice | str = ...,
) -> Any: ...
def irr(
    amounts: npt.ArrayLike,
    *,
    on_no_solution: OnNoSolution | str = "raise",
    roots: RootChoice | str = RootChoice.LEAST_NON_NEGATIVE,
) -> Any:
    """Return the internal rate of return per period of evenly spaced flows.

    Parameters
    ----------
    amounts : array_like
        One stream (1-D) or one stream per row (2-D; pad shorter streams with zeros at
        the end, which changes nothing). Flow ``k`` is at the end of period ``k``.
    on_no_solution : {"raise", "nan"}, default "raise"
        For a stream without a rate: raise :class:`NoSolutionError` naming it, or
        return NaN for it (batch runs).
    roots : {"least_non_negative", "nearest", "all"}, default "least_non_negative"
        With several rates, the smallest rate of at least 0 % (else the negative one
        closest to zero: numpy-financial's, pyxirr's and the spreadsheets' rate
        wherever they agree), the one closest to zero, or all of them
        (:class:`RootChoice`).

    Returns
    -------
    float or numpy.ndarray
        The rate ``r > -1`` with ``sum_k amounts[k] / (1 + r) ** k = 0``; with
        ``roots="all"``, a tuple of every such rate, ascending (a list of tuples for
        2-D input).

    Raises
    ------
    NoSolutionError
        If a stream has no such rate (all flows of one sign, for instance).

    Notes
    -----
    Solved in the discount factor ``v = 1 / (1 + r)`` by Halley's method inside a
    bracket (see :mod:`loanrelief._foundations.roots`) to within four ulps of ``v``. A stream whose
    non-zero flows change sign once has exactly one rate (Descartes' rule of signs);
    one with several sign changes may have several, or none. Its roots are isolated
    by halving ``log v`` with rigorous enclosures
    (:func:`~loanrelief._foundations.roots.positive_roots`: no root is missed however close two
    are, or however near -100 %), without recursion, in time that grows with the
    number of flows times the number of rates, not with the sign changes: 10,000
    random flows (5,000 sign changes) take 15 to 40 ms for the default rate and
    25 to 70 ms for all of them (``benchmarks/README.md``). The default rate is
    searched alone, from 0 % up, then from 0 % down (:func:`chosen_rate`); when the
    running sums of the flows change sign once (Norstrom's criterion, Laguerre's
    rule of signs), the one rate above 0 % is bracketed at once.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.23 (IRR); numpy-financial ``irr``.

    Examples
    --------
    >>> round(irr([-70000, 12000, 15000, 18000, 21000, 26000]), 7)
    0.0866309
    >>> irr([[-100, 110, 0], [-100, 60, 60]]).round(6)
    array([0.1     , 0.130662])
    >>> [round(rate, 10) for rate in irr([-10000, 27000, -18200], roots="all")]
    [0.3, 0.4]
    """
    flows = flows_array(amounts)
    choice = parse_enum(roots, RootChoice, "roots")
    table = flows.reshape(1, -1) if flows.ndim == 1 else flows
    times = np.arange(table.shape[1], dtype=np.float64)
    evaluate, evaluate_one = polynomial(table)
    return answered(evaluate, evaluate_one, table, times, on_no_solution, choice, flows.ndim)


@overload
def xirr(
    dates: Sequence[date],
    amounts: Sequence[float],
    *,
    day_count: DayCount | str = ...,
    on_no_solution: OnNoSolution | str = ...,
    roots: Literal["least_non_negative", "nearest"] = ...,
) -> float: ...
@overload
def xirr(
    dates: Sequence[date],
    amounts: Sequence[float],
    *,
    day_count: DayCount | str = ...,
    on_no_solution: OnNoSolution | str = ...,
    roots: Literal["all"],
) -> tuple[float, ...]: ...
@overload
def xirr(
    dates: npt.ArrayLike,
    amounts: npt.ArrayLike,
    *,
    day_count: DayCount | str = ...,
    on_no_solution: OnNoSolution | str = ...,
    roots: RootChoice | str = ...,
) -> Any: ...
def xirr(
    dates: object,
    amounts: object,
    *,
    day_count: DayCount | str = DayCount.ACT_365,
    on_no_solution: OnNoSolution | str = "raise",
    roots: RootChoice | str = RootChoice.LEAST_NON_NEGATIVE,
) -> Any:
    """Return the annual internal rate of return of dated flows.

    Parameters
    ----------
    dates : sequence of datetime.date, or a 2-D ``datetime64`` array
        One per amount; each stream's first date is its time zero and no date may
        precede it.
    amounts : array_like
        One stream (1-D) or one per row (2-D; pad with zero amounts).
    day_count : DayCount or str, default "act/365"
        How years are counted (spreadsheet ``XIRR`` and pyxirr: act/365).
    on_no_solution : {"raise", "nan"}, default "raise"
        As for :func:`irr`.
    roots : {"least_non_negative", "nearest", "all"}, default "least_non_negative"
        As for :func:`irr`: with several rates, the smallest of at least 0 % (else the
        negative one closest to zero), the one closest to zero, or all.

    Returns
    -------
    float or numpy.ndarray
        The annual rate ``r > -1`` with
        ``sum_k amounts[k] / (1 + r) ** year_fraction(dates[0], dates[k]) = 0``.

    Raises
    ------
    NoSolutionError
        If a stream has no such rate.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.51 (XIRR); pyxirr ``xirr``.

    Examples
    --------
    >>> from datetime import date
    >>> days = [date(2008, 1, 1), date(2008, 3, 1), date(2008, 10, 30), date(2009, 2, 15),
    ...         date(2009, 4, 1)]
    >>> round(xirr(days, [-10000, 2750, 4250, 3250, 2750]), 8)
    0.37336253
    """
    years, flows = _dated(dates, amounts, day_count)
    choice = parse_enum(roots, RootChoice, "roots")
    table = flows.reshape(1, -1) if flows.ndim == 1 else flows
    times = years.reshape(table.shape)
    if np.any(times[:, 1:] < times[:, :-1]):  # put each stream in time order
        order = np.argsort(times, axis=1, kind="stable")
        table = np.take_along_axis(table, order, axis=1)
        times = np.take_along_axis(times, order, axis=1)
    # One stream is solved on floats (its own evaluator); the batch's only for many.
    one = power_sums_one(table, times) if table.shape[0] == 1 else None
    evaluate = power_sums(table, times) if one is None else None
    return answered(evaluate, one, table, times, on_no_solution, choice, flows.ndim)
