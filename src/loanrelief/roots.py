"""The root finder behind every rate loanrelief solves for (IRR, XIRR, APR, APRC).

Every rate equation is written in the discount factor ``v = 1 / (1 + rate)``, which
maps the valid rates ``rate > -1`` onto ``v > 0``. For a stream whose non-zero flows
change sign once (money out, then money in: every loan) the present value has exactly
one root in ``v > 0`` (Descartes' rule of signs), between ``v -> 0``, where the
earliest flow dominates, and ``v -> inf``, where the latest does. :func:`solve_discount`
finds it for many streams at once: Newton's method kept inside a shrinking bracket,
replaced by bisection (or doubling, while the bracket is open above) whenever a step
would leave it.

A stream whose flows change sign more than once may have several roots or none; it is
scanned on a grid of rates (:func:`roots_on_grid`) and, where several roots exist,
the rate closest to zero is returned, as numpy-financial ``irr`` does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from loanrelief.money import Floats

__all__ = ["GRID", "Evaluate", "roots_on_grid", "sign_changes", "solve_discount"]

Rows = npt.NDArray[np.intp]

Evaluate = Callable[[Floats, Rows], tuple[Floats, Floats, Floats | None]]
"""``evaluate(v, rows) -> (value, slope, curvature)``: the equation and its first and
second derivatives in ``v`` (the second may be ``None``) for the streams ``rows``
(indices into the batch) at their discount factors ``v``."""

GRID: Floats = np.array(
    [-0.999, -0.99, -0.95, -0.9, -0.75, -0.5, -0.25, -0.1, -0.05, -0.02, -0.01, 0.0,
     0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0]
)  # fmt: skip
"""Rates at which a stream with several sign changes is scanned for roots."""

_MAX_STEPS = 300
_TOLERANCE = 4 * np.finfo(np.float64).eps
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
            below = (value > 0) == (low_sign[rows] > 0)
            lo = np.where(below, x, low[rows])
            hi = np.where(below, high[rows], x)
            low[rows], high[rows] = lo, hi
            newton = x - value / slope
            last: Floats | float
            if curvature is None:
                target, last = newton, _LAST_NEWTON_STEP
            else:
                # Near v = 0 (rates past 1e150) the curvature or the slope squared
                # overflows: Halley's step would be x itself, which looks converged.
                # Newton's step, whose terms stay finite, is taken there instead.
                denominator = 2 * slope * slope - value * curvature
                halley = np.isfinite(denominator) & (denominator != 0)
                target = np.where(halley, x - 2 * value * slope / denominator, newton)
                last = np.where(halley, _LAST_HALLEY_STEP, _LAST_NEWTON_STEP)
            distance = np.abs(target - x)
            inside = (target > lo) & (target < hi)  # False for NaN
            inside |= distance <= _TOLERANCE * x
            # An overflowing slope makes any step vanish: bisect instead of stopping.
            inside &= np.isfinite(slope) & np.isfinite(value)
            close = inside & (distance <= last * x)
            bounded = np.isfinite(hi)
            # Bisect geometrically across a wide bracket (rates far from zero), else in
            # the middle; grow or shrink 16-fold while a bracket end is still open.
            wide = (lo > 0) & (hi > 16 * lo)
            middle = np.where(wide, np.sqrt(lo * hi), 0.5 * (lo + hi))
            middle = np.where(lo > 0, middle, hi / 16)
            fallback = np.where(bounded, middle, 16.0 * np.maximum(x, lo))
            zero = value == 0
            done = zero | close | (bounded & (hi - lo <= _TOLERANCE * hi))
            v[rows] = np.where(zero, x, np.where(inside, target, fallback))
            converged[active[done]] = True
            active = active[~done]
    return v, converged


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


def roots_on_grid(evaluate: Evaluate, rows: Rows) -> list[list[float]]:
    """Return every root found for each of ``rows``, as rates, by scanning :data:`GRID`.

    Neighbouring grid rates across which the value changes sign bracket a root, which
    :func:`solve_discount` then refines. Roots closer together than the grid spacing
    may be missed; a stream whose flows change sign once never needs this scan.
    """
    factors = 1.0 / (1.0 + GRID)
    with np.errstate(all="ignore"):
        values = np.stack(
            [evaluate(np.full(rows.size, factor), rows)[0] for factor in factors], axis=1
        )
    found: list[list[float]] = []
    for row, row_values in zip(rows, values, strict=True):
        roots = [float(GRID[k]) for k in range(len(GRID)) if row_values[k] == 0]
        for k in range(len(GRID) - 1):
            a, b = row_values[k], row_values[k + 1]
            if a == 0 or b == 0 or not (np.isfinite(a) and np.isfinite(b)):
                continue
            if np.sign(a) != np.sign(b):
                # factors[k] > factors[k + 1]: the bracket is (factors[k + 1], factors[k]).
                v, ok = solve_discount(
                    _single(evaluate, int(row)),
                    np.array([factors[k + 1]]),
                    np.array([factors[k]]),
                    np.array([0.5 * (factors[k] + factors[k + 1])]),
                    np.array([np.sign(b)]),
                )
                if ok[0]:
                    roots.append(float(1.0 / v[0] - 1.0))
        found.append(roots)
    return found
