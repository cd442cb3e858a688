"""The root finder behind every rate loanrelief solves for (IRR, XIRR, APR, APRC).

Every rate equation is written in the discount factor ``v = 1 / (1 + rate)``, which
maps the valid rates ``rate > -1`` onto ``v > 0``. For a stream whose non-zero flows
change sign once (money out, then money in: every loan) the present value has exactly
one root in ``v > 0`` (Descartes' rule of signs), between ``v -> 0``, where the
earliest flow dominates, and ``v -> inf``, where the latest does. :func:`solve_discount`
finds it for many streams at once: Newton's method kept inside a shrinking bracket,
replaced by bisection (or doubling, while the bracket is open above) whenever a step
would leave it.

A stream whose flows change sign more than once may have several roots or none: they
are isolated rigorously by :func:`positive_roots` (Descartes' rule of signs, by its
Rolle-theorem argument: no root missed, however close two are), and the rate closest
to zero is returned, as numpy-financial ``irr`` does, or all of them on request.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from loanrelief.money import Floats

__all__ = [
    "Evaluate",
    "EvaluateOne",
    "positive_roots",
    "sign_changes",
    "solve_discount",
    "solve_discount_one",
]

Rows = npt.NDArray[np.intp]

Evaluate = Callable[[Floats, Rows], tuple[Floats, Floats, Floats | None]]
"""``evaluate(v, rows) -> (value, slope, curvature)``: the equation and its first and
second derivatives in ``v`` (the second may be ``None``) for the streams ``rows``
(indices into the batch) at their discount factors ``v``."""

_MAX_STEPS = 300
_MAX_BISECTIONS = 2200  # far more than the halvings of log v from 1e308 to the last bit
_EPS = float(np.finfo(np.float64).eps)
_TOUCHING = 64 * _EPS  # |f| this small at a critical point: 0
_LARGEST_LOG = 709.0  # exp() of more overflows: a root past it is at v = inf
_TOLERANCE = 4 * _EPS
# A step this small (relative to v) leaves an error of about its square (Newton) or cube
# (Halley) times the curvature scale: far below the 1e-10 promised on a rate.
_LAST_NEWTON_STEP = 1e-7
_LAST_HALLEY_STEP = 1e-5


def sign_changes(amounts: Floats) -> Rows:
    """Count the sign changes between consecutive non-zero flows of each row.

    Examples
    --------
    >>> sign_changes(np.array([[-100.0, 0.0, 60.0, 60.0], [-1.0, 2.0, -1.0, 0.0]]))
    array([1, 2])
    """
    signs = np.sign(amounts)
    nonzero = signs != 0
    if nonzero.all():
        changes: Rows = (signs[:, 1:] != signs[:, :-1]).sum(axis=1)
        return changes
    # Compare each non-zero flow with the last non-zero flow before it.
    index = np.where(nonzero, np.arange(signs.shape[1]), -1)
    latest = np.maximum.accumulate(index, axis=1)
    filled = np.where(latest >= 0, np.take_along_axis(signs, np.maximum(latest, 0), 1), 0)
    flips = (filled[:, 1:] != filled[:, :-1]) & (filled[:, :-1] != 0)
    changes = flips.sum(axis=1)
    return changes


def solve_discount(
    evaluate: Evaluate,
    low: Floats,
    high: Floats,
    start: Floats,
    low_sign: Floats,
) -> tuple[Floats, npt.NDArray[np.bool_]]:
    """Find, for each stream, the discount factor in ``(low, high)`` where the value is 0.

    Parameters
    ----------
    evaluate : callable
        ``evaluate(v, rows) -> (value, slope)`` for the streams ``rows``.
    low, high : numpy.ndarray
        A bracket per stream across which the value changes sign; ``high`` may be
        ``inf`` (the bracket then grows by doubling until it closes).
    start : numpy.ndarray
        The first guess per stream, inside its bracket.
    low_sign : numpy.ndarray
        The sign of the value just above ``low`` (-1 or 1).

    Returns
    -------
    v : numpy.ndarray
        The discount factors, each within four ulps of a zero of the value (or of a
        bracket that narrow).
    converged : numpy.ndarray of bool
        False where the iteration did not close in (the caller raises or reports it).

    Notes
    -----
    Each step evaluates the value at the current guess, moves the bracket end on the
    same side of the root to it, and takes Halley's step
    ``v - 2 f f' / (2 f'^2 - f f'')`` (Newton's ``v - f / f'`` where no curvature is
    given) if it lands strictly inside the bracket, else the bracket's middle (its
    geometric middle when the bracket spans more than a factor of 16; a sixteenth of
    the upper end while the lower end is 0; sixteen times the guess while the upper
    end is open). The iteration never leaves the bracket and converges cubically
    (quadratically) near a simple root; it stops after a step
    smaller than 1e-5 (1e-7) of ``v``, which leaves an error of the order of that step
    cubed (squared) times the curvature scale (about the stream's length), far below
    1e-10; or when the bracket is four ulps wide.
    """
    v = start.astype(np.float64, copy=True)
    low = low.astype(np.float64, copy=True)
    high = high.astype(np.float64, copy=True)
    converged = np.zeros(v.shape[0], dtype=np.bool_)
    every = np.arange(v.shape[0])
    active = every
    with np.errstate(all="ignore"):  # overflow near rate -100 % is handled by the bracket
        for _ in range(_MAX_STEPS):
            if active.size == 0:
                break
            # While every stream is still active, work on whole arrays (views, no copies).
            rows: Rows | slice = slice(None) if active.size == every.size else active
            x = v[rows]
            if 4 * active.size > every.size:  # cheaper than gathering most of the rows
                value, slope, curvature = _subset(evaluate(v, every), active)
            else:
                value, slope, curvature = evaluate(x, active)
            v[rows], done, low[rows], high[rows] = _step(
                _ARRAYS, x, (value, slope, curvature), (low[rows], high[rows]), low_sign[rows]
            )
            converged[active[done]] = True
            active = active[~done]
    return v, converged


One = float | np.float64
EvaluateOne = Callable[[float], tuple[One, One, One | None]]
"""``evaluate(v) -> (value, slope, curvature)`` of one stream at the float ``v``."""


def solve_discount_one(
    evaluate: EvaluateOne, low: float, high: float, start: float, low_sign: float
) -> tuple[float, bool]:
    """Return :func:`solve_discount` of one stream, and whether it converged.

    The same steps (:func:`_step`) on Python floats, so the same float operations
    in the same order give the same result to the last bit as the stream solved in a
    batch (IEEE 754 rounds ``+ - * /`` and the square root alike in both), without the
    cost of arrays of one element. A step (or an evaluation) that would divide by
    zero, which Python refuses and NumPy answers with ``inf`` or NaN, is taken again on
    NumPy floats: ``evaluate`` must accept a NumPy float as well.
    An ``evaluate`` working on NumPy arrays runs under the caller's ``np.errstate``.
    """
    v, lo, hi, sign = float(start), float(low), float(high), float(low_sign)
    for _ in range(_MAX_STEPS):
        try:
            v, done, lo, hi = _step(_SCALARS, v, evaluate(v), (lo, hi), sign)
        except ZeroDivisionError:
            with np.errstate(all="ignore"):
                x = np.float64(v)
                value, slope, curve = evaluate(x)
                curve = None if curve is None else np.float64(curve)
                numpy = (np.float64(value), np.float64(slope), curve)
                bracket = (np.float64(lo), np.float64(hi))
                found, done, *ends = _step(_SCALARS, x, numpy, bracket, sign)
            v, lo, hi = float(found), float(ends[0]), float(ends[1])  # floats again
        if done:
            return float(v), True
    return float(v), False


class _Operations(NamedTuple):
    """What differs between whole arrays and one float in :func:`_step`."""

    where: Callable[[Any, Any, Any], Any]
    isfinite: Callable[[Any], Any]
    sqrt: Callable[[Any], Any]
    maximum: Callable[[Any, Any], Any]


def _scalar_maximum(a: Any, b: Any) -> Any:
    """``np.maximum`` of two floats: NaN if either is."""
    if a != a or b != b:  # noqa: PLR0124 (NaN)
        return a if a != a else b  # noqa: PLR0124
    return a if a >= b else b


_ARRAYS = _Operations(np.where, np.isfinite, np.sqrt, np.maximum)
_SCALARS = _Operations(
    lambda condition, a, b: a if condition else b,
    math.isfinite,
    math.sqrt,  # correctly rounded, as NumPy's (IEEE 754)
    _scalar_maximum,
)


def _step(
    ops: _Operations,
    x: Any,
    evaluated: tuple[Any, Any, Any],
    bracket: tuple[Any, Any],
    low_sign: Any,
) -> tuple[Any, Any, Any, Any]:
    """Take one step of the bracketed iteration: the next ``v``, done, the new bracket.

    Written once for whole arrays and for one float (``ops``): the same operations in
    the same order, so a stream gives the same bits alone as in a batch.
    """
    value, slope, curvature = evaluated
    low, high = bracket
    below = (value > 0) == (low_sign > 0)
    lo = ops.where(below, x, low)
    hi = ops.where(below, high, x)
    newton = x - value / slope
    if curvature is None:
        target, last = newton, _LAST_NEWTON_STEP
    else:
        # Near v = 0 (rates past 1e150) the curvature or the slope squared overflows:
        # Halley's step would be x itself, which looks converged. Newton's step, whose
        # terms stay finite, is taken there instead.
        denominator = 2 * slope * slope - value * curvature
        halley = ops.isfinite(denominator) & (denominator != 0)
        target = ops.where(halley, x - 2 * value * slope / denominator, newton)
        last = ops.where(halley, _LAST_HALLEY_STEP, _LAST_NEWTON_STEP)
    distance = abs(target - x)
    inside = (target > lo) & (target < hi)  # False for NaN
    inside |= distance <= _TOLERANCE * x
    # An overflowing slope makes any step vanish: bisect instead of stopping.
    inside &= ops.isfinite(slope) & ops.isfinite(value)
    close = inside & (distance <= last * x)
    bounded = ops.isfinite(hi)
    # Bisect geometrically across a wide bracket (rates far from zero), else in the
    # middle; grow or shrink 16-fold while a bracket end is still open.
    wide = (lo > 0) & (hi > 16 * lo)
    middle = ops.where(wide, ops.sqrt(lo * hi), 0.5 * (lo + hi))
    middle = ops.where(lo > 0, middle, hi / 16)
    fallback = ops.where(bounded, middle, 16.0 * ops.maximum(x, lo))
    zero = value == 0
    done = zero | close | (bounded & (hi - lo <= _TOLERANCE * hi))
    return ops.where(zero, x, ops.where(inside, target, fallback)), done, lo, hi


def _subset(
    results: tuple[Floats, Floats, Floats | None], rows: Rows
) -> tuple[Floats, Floats, Floats | None]:
    value, slope, curvature = results
    if rows.size == value.size:
        return value, slope, curvature
    return value[rows], slope[rows], None if curvature is None else curvature[rows]


def _single(evaluate: Evaluate, row: int) -> Evaluate:
    """Return ``evaluate`` restricted to one stream of the batch."""
    only = np.array([row])

    def on_row(v: Floats, _: Rows) -> tuple[Floats, Floats, Floats | None]:
        return evaluate(v, only)

    return on_row


def positive_roots(coefficients: Floats, exponents: Floats) -> list[float]:
    """Return every root ``v > 0`` of ``f(v) = sum_k coefficients[k] v**exponents[k]``.

    Isolated by the argument behind Descartes' rule of signs, which holds for real
    exponents too: ``h(v) = v**-e_0 f(v)`` has the roots of ``f`` in ``v > 0``, and its
    derivative is a sum of the same kind with one term less and at most one sign
    change less. The roots of that derivative (found the same way, recursively) cut
    ``(0, inf)`` into pieces on which ``h`` is monotone, so each piece holds at most
    one root of ``f``, found where ``f`` changes sign across it; a critical point where
    ``f`` vanishes (to rounding) is a double root. No pair of roots can be missed,
    however close, and none lies beyond reach: a piece may end at ``0`` or ``inf``,
    where the sign of ``f`` is that of its first or last term.

    Each root is found by bisection on ``log v`` to the last bit, the sign of ``f``
    taken from an exactly rounded sum of its terms scaled by the largest (no
    overflow, whatever ``v``).

    Parameters
    ----------
    coefficients, exponents : numpy.ndarray
        One stream's flows and their times (periods or years), any order; terms at
        equal times are added together.

    Returns
    -------
    list of float
        The roots, ascending; ``inf`` or ``0`` where a root lies beyond the floats.

    Examples
    --------
    >>> roots = positive_roots(np.array([-10000.0, 27000.0, -18200.0]), np.arange(3.0))
    >>> [round(1 / v - 1, 12) for v in roots]  # the rates of irr([-10000, 27000, -18200])
    [0.4, 0.3]
    """
    times, where = np.unique(exponents, return_inverse=True)
    sums = np.zeros(times.size)
    np.add.at(sums, where, coefficients)
    keep = sums != 0
    return _roots(sums[keep], times[keep])


def _roots(c: Floats, e: Floats) -> list[float]:
    """:func:`positive_roots` of terms sorted by exponent, none zero."""
    changes = int(np.count_nonzero(np.sign(c[1:]) != np.sign(c[:-1])))
    if changes == 0:
        return []
    if changes == 1:
        return [_bisect(c, e, -np.inf, np.inf)]
    # Critical points of h(v) = v**-e_0 f(v): the roots of
    # h'(v) = sum_k c_k (e_k - e_0) v**(e_k - e_0 - 1), one term less.
    slope = c[1:] * (e[1:] - e[0])
    critical = _roots(slope / np.abs(slope).max(), e[1:] - e[0] - 1.0)  # scaled: no overflow
    edges = [-np.inf, *(float(np.log(v)) for v in critical if 0 < v < np.inf), np.inf]
    # At a critical point f may touch zero (a double root): zero within rounding.
    signs = [_sign(c, e, u, _TOUCHING) for u in edges]
    found: list[float] = []
    for k in range(len(edges) - 1):
        if signs[k] == 0:
            found.append(float(np.exp(edges[k])))  # a double root at a critical point
        elif signs[k] * signs[k + 1] < 0:
            found.append(_bisect(c, e, edges[k], edges[k + 1]))
    return found


def _sign(c: Floats, e: Floats, u: float, slack: float = 0.0) -> int:
    """Return the sign of ``f(exp(u))``, 0 within ``slack`` of its terms; limits at +-inf."""
    if u == -np.inf:
        return int(np.sign(c[0]))
    if u == np.inf:
        return int(np.sign(c[-1]))
    logs = e * u
    terms = c * np.exp(logs - logs.max())
    size = float(np.abs(terms).sum())
    total = float(terms.sum())
    if abs(total) <= (terms.size * _EPS + slack) * size:  # too close to call: sum exactly
        total = math.fsum(terms.tolist())
        if abs(total) <= slack * size:
            return 0
    return 1 if total > 0 else -1 if total < 0 else 0


def _bisect(c: Floats, e: Floats, low: float, high: float) -> float:
    """Return the root of ``f`` between ``exp(low)`` and ``exp(high)`` (a sign change)."""
    low_sign = _sign(c, e, low)
    for _ in range(_MAX_BISECTIONS):
        if np.isinf(low) and np.isinf(high):
            middle = 0.0
        elif np.isinf(low):
            middle = high - max(1.0, abs(high))
        elif np.isinf(high):
            middle = low + max(1.0, abs(low))
        else:
            middle = 0.5 * (low + high)
            if middle in (low, high):
                break
        if abs(middle) > _LARGEST_LOG:  # beyond the floats: the root is at 0 or inf
            return 0.0 if middle < 0 else float("inf")
        side = _sign(c, e, middle)
        if side == 0:
            return float(np.exp(middle))
        if side == low_sign:
            low = middle
        else:
            high = middle
    return float(np.exp(0.5 * (low + high)))
