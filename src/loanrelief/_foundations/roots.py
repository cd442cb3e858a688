"""The root finder behind every rate loanrelief solves for (IRR, XIRR, APR, APRC).

Every rate equation is written in the discount factor ``v = 1 / (1 + rate)``, which
maps the valid rates ``rate > -1`` onto ``v > 0``. For a stream whose non-zero flows
change sign once (money out, then money in: every loan) the present value has exactly
one root in ``v > 0`` (Descartes' rule of signs), between ``v -> 0``, where the
earliest flow dominates, and ``v -> inf``, where the latest does. :func:`solve_discount`
finds it for many streams at once: Halley's method kept inside a shrinking bracket,
replaced by bisection (or doubling, while the bracket is open above) whenever a step
would leave it.

A stream whose flows change sign more than once may have several roots or none: they
are isolated rigorously by :func:`positive_roots` (no root missed, however close two
are), without recursion, by halving ``log v`` with enclosures of the sum and its
slope, in time that grows with the flows times the roots, not with the sign changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.money import Floats

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
_EPS = float(np.finfo(np.float64).eps)
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
        v, done, lo, hi = _step_one(evaluate, v, lo, hi, sign)
        if done:
            return float(v), True
    return float(v), False


def _step_one(
    evaluate: EvaluateOne, v: float, lo: float, hi: float, sign: float
) -> tuple[float, bool, float, float]:
    """One :func:`_step` on Python floats; a division by zero is taken on NumPy floats."""
    try:
        found, done, low, high = _step(_SCALARS, v, evaluate(v), (lo, hi), sign)
    except ZeroDivisionError:
        with np.errstate(all="ignore"):
            x = np.float64(v)
            value, slope, curve = evaluate(x)
            curve = None if curve is None else np.float64(curve)
            numpy = (np.float64(value), np.float64(slope), curve)
            bracket = (np.float64(lo), np.float64(hi))
            found, done, low, high = _step(_SCALARS, x, numpy, bracket, sign)
    return float(found), bool(done), float(low), float(high)  # floats again


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
        distance = abs(target - x)
        settled = True
    else:
        # Near v = 0 (rates past 1e150) the curvature or the slope squared overflows:
        # Halley's step would be x itself, which looks converged. Newton's step, whose
        # terms stay finite, is taken there instead.
        denominator = 2 * slope * slope - value * curvature
        halley = ops.isfinite(denominator) & (denominator != 0)
        target = ops.where(halley, x - 2 * value * slope / denominator, newton)
        last = ops.where(halley, _LAST_HALLEY_STEP, _LAST_NEWTON_STEP)
        distance = abs(target - x)
        # The error left after a step of length s is about (b s)^2 s for Halley's and
        # b s^2 for Newton's, b = |f'' / f'|: a long stream bends sharply (b grows with
        # its length), so a small step alone does not mean four ulps.
        bend = abs(curvature / slope) * distance
        settled = ops.where(halley, bend * bend, bend) * distance <= _TOLERANCE * x
    inside = (target > lo) & (target < hi)  # False for NaN
    inside |= distance <= _TOLERANCE * x
    # An overflowing slope makes any step vanish: bisect instead of stopping.
    inside &= ops.isfinite(slope) & ops.isfinite(value)
    close = inside & (distance <= last * x) & settled
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


# Every root: subdivision of log v with rigorous enclosures ------------------------------

_LOWEST_LOG = -709.7  # v = exp(u) below this: 1 / v - 1 passes the largest float
_HIGHEST_LOG = 36.8  # v = exp(u) above this (2**53): 1 / v - 1 rounds to -1
_WIDE = 600.0  # |d h| past this: the linear forms would overflow, signs come from logs
_FLOOR = -700.0  # exp() arguments are raised to this (no subnormals); counted as noise
_PLAIN = 600.0  # powers up to exp(600) are taken as they are, for their precision
_DROP = -80.0  # terms this small (in log, relative to the largest) are dropped
_FINEST = 2.0**-60  # an interval this narrow (relative to |u|, at least 1) is not split

Which = str  # "all", "lowest" or "highest"


class _Terms:
    """One stream as ``G(u) = sum_k c_k exp(t_k u)`` (``u = log v``), ready to isolate.

    Terms at equal exponents are added, zero terms dropped, the exponents shifted to
    start at 0 (which multiplies ``f`` by a power of ``v``: the same roots) and kept
    in ascending order, with the signs and log magnitudes of the coefficients.
    """

    __slots__ = ("_signs", "coefficients", "exponents", "logs", "most_log", "signs", "size", "top")

    def __init__(self, coefficients: Floats, exponents: Floats) -> None:
        times, where = np.unique(exponents, return_inverse=True)
        sums = np.zeros(times.size)
        np.add.at(sums, where, coefficients)
        keep = sums != 0
        self.coefficients = sums[keep]
        self.exponents = times[keep] - (times[keep][0] if keep.any() else 0.0)
        self.size = int(self.coefficients.size)
        self.signs = np.sign(self.coefficients)
        with np.errstate(divide="ignore"):
            self.logs = np.log(np.abs(self.coefficients))
        self.most_log = float(np.abs(self.logs).max()) if self.size else 0.0
        self.top = float(self.exponents[-1]) if self.size else 0.0
        self._signs: dict[float, tuple[float, bool]] = {}

    def scaled(self, u: float) -> Floats:
        """Return the signed terms at ``u``, all divided by one positive number.

        ``c_k exp(t_k u)`` as it is where no power passes ``exp(600)`` (each term then
        carries the rounding of one ``exp`` of ``t_k u`` and one product), else each
        over the largest, ``exp(log|c_k| + t_k u - max)`` (no overflow, whatever ``u``).
        """
        powers = self.exponents * u  # from 0 (the exponents start there) to top * u
        if abs(self.top * u) <= _PLAIN:
            plain: Floats = self.coefficients * np.exp(powers)
            return plain
        logs = self.logs + powers
        terms: Floats = np.exp(np.maximum(logs - logs.max(), _FLOOR)) * self.signs
        return terms

    def sign(self, u: float) -> float:
        """Return the sign of ``G(u)`` from an exactly rounded sum of its scaled terms (0: +1).

        The same ``u`` always gives the same sign, so two neighbouring intervals agree
        on the sign at the end they share, and a root there is counted once.
        """
        return self._sign(u)[0]

    def sure(self, u: float) -> bool:
        """Return whether :meth:`sign` at ``u`` is above the rounding of its terms."""
        return self._sign(u)[1]

    def _sign(self, u: float) -> tuple[float, bool]:
        known = self._signs.get(u)
        if known is None:
            terms = self.scaled(u)
            size = float(np.abs(terms).sum())
            total = float(terms.sum())
            # each term's rounding: its exp (of up to |t u| + log|c| + the largest) and
            # the sum's, at most one ulp a term
            span = abs(self.top * u) + 2 * self.most_log
            noise = (self.size + span + 4) * _EPS * size
            if abs(total) <= noise:
                total = math.fsum(terms.tolist())  # too close to call: sum exactly
            known = self._signs[u] = (1.0 if total >= 0 else -1.0, abs(total) > 2 * noise)
        return known

    def evaluate_one(self, weights: Floats | None = None, less: float = 0.0) -> EvaluateOne:
        """``f(v) = sum_k w_k c_k v**(t_k - less)``, its slope and curvature, all scaled.

        The three are divided by the same positive number (:meth:`scaled`'s), which
        changes neither a sign nor Newton's or Halley's step, so the root finder can
        run on streams whose terms overflow a float.
        """
        power = self.exponents - less
        slope_weights = power if weights is None else power * weights
        curve_weights = slope_weights * (power - 1.0)
        base = np.ones(self.size) if weights is None else weights

        def evaluate(v: float) -> tuple[float, float, float]:
            terms = self.scaled(math.log(v))
            value = float(terms @ base)
            slope = float(terms @ slope_weights) / v
            curve = float(terms @ curve_weights) / (v * v)
            return value, slope, curve

        return evaluate


def _bounds(terms: _Terms, low: float, high: float) -> tuple[float, float]:
    """Narrow ``[low, high]`` (in ``u``) to where a root can lie.

    Past ``u = log(A / |c_n|) / (t_n - t_(n-1))`` (``A`` the sum of the other
    coefficients' magnitudes) the last term outweighs all others together, and before
    ``-log(B / |c_0|) / t_1`` the first does (a Cauchy bound for sums of powers).
    """
    c, t = np.abs(terms.coefficients), terms.exponents
    with np.errstate(divide="ignore", over="ignore"):
        right = max(0.0, float(np.log(c[:-1].sum() / c[-1]) / (t[-1] - t[-2])))
        left = min(0.0, float(-np.log(c[1:].sum() / c[0]) / t[1]))
    margin = 1e-9
    return max(low, left * (1 + margin) - margin), min(high, right * (1 + margin) + margin)


def _laguerre(terms: _Terms, left: float, right: float) -> int | None:
    """Bound the roots in ``[left, right]`` by Laguerre's rule of signs, if it applies.

    On ``0 < v < 1`` a sum of powers has at most as many roots (and as many, less an
    even number) as its running sums of coefficients, in the order of their exponents,
    have changes of sign (Laguerre; for cash flows, Norstrom's criterion of one change
    for one positive rate): ``f(e^-s) = s`` times the Laplace transform of the running
    sum, which changes sign no more often than the sum does. On ``v > 1`` the same
    holds for the running sums from the last flow back. None where the range holds
    ``v = 1`` inside it, or a running sum is too close to zero to call its sign.
    """
    if left < 0.0 < right:
        return None
    c = terms.coefficients if right <= 0.0 else terms.coefficients[::-1]
    running = np.cumsum(c)
    error = (np.arange(1, c.size + 1) + 1) * _EPS * np.cumsum(np.abs(c))
    if np.any(np.abs(running) <= error):
        return None
    return int(np.count_nonzero(np.diff(np.sign(running))))


_EXCLUDED, _MONOTONE, _FLAT, _SPLIT, _MONOTONE_FLAT = 0, 1, 2, 3, 4
_ORDER = 6  # Taylor's forms of this order: multiple roots up to it are told at once
_MOST_PIECES = 2**14  # live pieces a level; more only where rounding hides everything


def _examine(terms: _Terms, a: Floats, b: Floats) -> npt.NDArray[np.int8]:
    """Classify intervals ``[a, b]`` of ``u``: no root, monotone, flat, or to be split.

    On each interval ``G`` is divided by its largest term at the middle ``m``,
    ``c_j exp(t_j u)``: ``H(u) = sum_k c_k exp(R_k + d_k (u - m))`` with
    ``d_k = t_k - t_j`` and ``R_k <= 0``, whose every term is monotone in ``u``. Two
    enclosures of ``H`` and of ``H'`` over the interval are intersected: term by term
    (each term between its values at the ends), and Taylor's form of order 6 about
    ``m`` (the derivatives there, with their cancellations, and a remainder bounded
    term by term; ``h`` the half width), which is tight near a root, simple or
    multiple. An enclosure of ``H`` without 0 excludes a root; one of ``H'``
    without 0 makes ``G`` monotone, with at most one root, found where the signs at
    the ends differ. Where neither enclosure can shrink below the rounding allowance
    (``(n + log terms) eps`` times the terms' magnitude), the interval is flat: ``G``
    is zero there to rounding. Wide intervals (``|d h| > 600``) decide from the logs
    of the term-by-term enclosure alone.
    """
    n, t, logs, signs = terms.size, terms.exponents, terms.logs, terms.signs
    m = 0.5 * (a + b)
    h = 0.5 * (b - a)
    at_middle = logs + t * m[:, None]
    largest = at_middle.argmax(axis=1)
    rows = np.arange(a.size)
    relative = at_middle - at_middle[rows, largest][:, None]
    d = t - t[largest][:, None]
    spread = np.abs(d) * h[:, None]
    most = spread.max(axis=1)
    allowance = _EPS * (n + 2 * terms.most_log + 4 * terms.top * np.abs(m) + 2 * most + 8)
    kind = np.full(a.size, _SPLIT, dtype=np.int8)
    wide = most > _WIDE
    if wide.any():
        kind[wide] = _examine_wide(signs, relative[wide], spread[wide], d[wide], allowance[wide])
    narrow = np.flatnonzero(~wide)
    if narrow.size:
        kind[narrow] = _examine_narrow(
            signs, relative[narrow], spread[narrow], d[narrow], h[narrow], allowance[narrow]
        )
    finest = h <= _FINEST * np.maximum(np.abs(m), 1.0)
    kind[(kind == _SPLIT) & finest] = _FLAT
    kind[(kind == _MONOTONE) & finest] = _MONOTONE_FLAT
    return kind


def _examine_narrow(  # noqa: PLR0917 - the columns _examine computed, row by row
    signs: Floats, relative: Floats, spread: Floats, d: Floats, h: Floats, allowance: Floats
) -> npt.NDArray[np.int8]:
    """:func:`_examine` where every term's range over the interval fits a float."""
    upper = relative + spread  # each term's largest log over the interval
    live = (upper > _DROP).any(axis=0)
    dropped = float(live.size - np.count_nonzero(live)) * math.exp(_DROP)
    if dropped:
        signs, relative, spread, d = signs[live], relative[:, live], spread[:, live], d[:, live]
    size = signs.size
    noise_floor = dropped + size * math.exp(_FLOOR)
    x = np.exp(np.maximum(relative, _FLOOR))
    high = np.exp(np.maximum(relative + spread, _FLOOR))
    low = np.exp(np.maximum(relative - spread, _FLOOR))
    centre = 0.5 * (high + low)  # each term's range over the interval: centre +- radius
    radius = 0.5 * (high - low)
    size_d = np.abs(d)
    # Over the interval, term by term (each term is monotone): G and G'.
    c0, r0 = centre @ signs, radius.sum(axis=1)
    d_centre, d_radius = d * centre, size_d * radius
    c1, r1 = d_centre @ signs, d_radius.sum(axis=1)
    # Taylor's form of order _ORDER about the middle: the derivatives there, each a sum
    # with its cancellations, and a remainder bounded term by term. It stays tight near
    # a root, where the terms cancel, and near a multiple root, where derivatives do.
    term, weight = x, x + centre + radius
    taylor0, taylor1 = np.zeros(h.size), np.zeros(h.size)
    size0, size1 = weight.sum(axis=1), np.zeros(h.size)  # the terms the forms sum
    power = np.ones(h.size)  # h**j / j!
    for j in range(1, _ORDER + 1):
        term, weight = d * term, size_d * weight
        derivative = np.abs(term @ signs)
        taylor1 += derivative * power  # |G^(j)(m)| h**(j-1) / (j-1)!
        size1 += weight.sum(axis=1) * power
        power = power * h / j
        taylor0 += derivative * power  # |G^(j)(m)| h**j / j!
        size0 += weight.sum(axis=1) * power
    edge_centre, edge_radius = d_centre, d_radius
    for _ in range(_ORDER):
        edge_centre, edge_radius = d * edge_centre, size_d * edge_radius
    remainder = np.abs(edge_centre @ signs) + edge_radius.sum(axis=1)  # sup |G^(J+1)|
    value, slope = x @ signs, (d * x) @ signs
    taylor1 -= np.abs(slope)  # the j = 1 term is the slope itself, not a spread
    # Each bound is the tighter of the two forms, with the rounding of the one chosen.
    lo0, hi0, noise0 = _tighter(
        (c0 - r0, c0 + r0, centre.sum(axis=1) + r0),
        (value, taylor0 + remainder * power * h / (_ORDER + 1), size0),
        allowance,
        noise_floor,
    )
    lo1, hi1, noise1 = _tighter(
        (c1 - r1, c1 + r1, (size_d * centre).sum(axis=1) + r1),
        (slope, taylor1 + remainder * power, size1),
        allowance,
        noise_floor * float(size_d.max(initial=1.0)),
    )
    finite = np.isfinite(lo0) & np.isfinite(hi0) & np.isfinite(lo1) & np.isfinite(hi1)
    excluded = finite & ((lo0 > noise0) | (hi0 < -noise0))
    monotone = finite & ~excluded & ((lo1 > noise1) | (hi1 < -noise1))
    flat = finite & ~excluded & (hi0 - lo0 <= 8 * noise0)
    kind: npt.NDArray[np.int8] = np.where(
        excluded,
        _EXCLUDED,
        np.where(
            monotone,
            np.where(flat, _MONOTONE_FLAT, _MONOTONE),
            np.where(flat, _FLAT, _SPLIT),
        ),
    ).astype(np.int8)
    return kind


def _tighter(
    natural: tuple[Floats, Floats, Floats],
    taylor: tuple[Floats, Floats, Floats],
    allowance: Floats,
    floor: float,
) -> tuple[Floats, Floats, Floats]:
    """Intersect a term-by-term enclosure with a Taylor form ``centre +- spread``.

    Each is given with the magnitude of the terms it summed. Returns the lower and
    upper bounds and the rounding of the forms they came from: a form useless here
    (a spread of millions) must not lend the other its rounding.
    """
    (low, high, size), (centre, spread, taylor_size) = natural, taylor
    use_low, use_high = centre - spread > low, centre + spread < high
    lower = np.where(use_low, centre - spread, low)
    upper = np.where(use_high, centre + spread, high)
    noise = np.maximum(np.where(use_low, taylor_size, size), np.where(use_high, taylor_size, size))
    return lower, upper, 2 * allowance * noise + floor


def _examine_wide(
    signs: Floats, relative: Floats, spread: Floats, d: Floats, allowance: Floats
) -> npt.NDArray[np.int8]:
    """:func:`_examine` of wide intervals: term-by-term enclosures, summed from logs."""
    with np.errstate(divide="ignore"):
        log_d = np.log(np.abs(d))
    slope_signs = signs * np.sign(d)  # per interval: d's sign depends on the largest term

    def decided(term_signs: Floats, extra: Floats | float) -> npt.NDArray[np.bool_]:
        """Whether the enclosure of ``sum term_signs exp(relative + extra)`` excludes 0."""
        verdict = np.zeros(relative.shape[0], dtype=np.bool_)
        for sense in (1.0, -1.0):  # the lower bound above 0, or the upper below it
            logs = np.where(term_signs * sense > 0, relative - spread, relative + spread)
            logs = logs + extra
            top = logs.max(axis=1, keepdims=True)
            terms = np.exp(np.maximum(logs - top, _FLOOR))
            bound = sense * (terms * term_signs).sum(axis=1)
            slack = 2 * allowance * terms.sum(axis=1) + terms.shape[1] * math.exp(_FLOOR)
            verdict |= np.isfinite(top[:, 0]) & (bound > slack)
        return verdict

    excluded = decided(signs, 0.0)
    monotone = ~excluded & decided(slope_signs, log_d)
    kind: npt.NDArray[np.int8] = np.where(
        excluded, _EXCLUDED, np.where(monotone, _MONOTONE, _SPLIT)
    ).astype(np.int8)
    return kind


def _isolate(
    terms: _Terms, low: float, high: float, which: Which
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Return the intervals of ``[low, high]`` (in ``u``) holding a simple root, and the flat ones.

    Breadth first, without recursion: every live interval is examined at once
    (:func:`_examine`); an interval that neither excludes nor isolates a root is
    halved. With ``which`` "lowest" or "highest", intervals beyond a root already
    found on that side are given up.
    """
    a, b = np.array([low]), np.array([high])
    simple: list[tuple[float, float]] = []
    flat: list[tuple[float, float]] = []
    while a.size:
        kind = _examine(terms, a, b)
        if a.size > _MOST_PIECES:  # a safety valve: never seen, short of a bug
            kind[kind == _SPLIT] = _FLAT
        for k in np.flatnonzero((kind == _MONOTONE) | (kind == _MONOTONE_FLAT)):
            left, right = float(a[k]), float(b[k])
            if not (terms.sure(left) and terms.sure(right)):
                # An end within rounding of zero: a root there, or only noise. Look
                # closer, until the piece is zero to rounding throughout (flat).
                kind[k] = _FLAT if kind[k] == _MONOTONE_FLAT else _SPLIT
            elif terms.sign(left) != terms.sign(right):
                simple.append((left, right))
        flat.extend((float(a[k]), float(b[k])) for k in np.flatnonzero(kind == _FLAT))
        split = np.flatnonzero(kind == _SPLIT)
        if which == "highest" and (simple or flat):
            split = split[b[split] > max(left for left, _ in simple + flat)]
        elif which == "lowest" and (simple or flat):
            split = split[a[split] < min(right for _, right in simple + flat)]
        middle = 0.5 * (a[split] + b[split])
        a, b = np.concatenate([a[split], middle]), np.concatenate([middle, b[split]])
    return simple, flat


def _clusters(flat: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Merge flat intervals that touch into one (a zero of ``G`` to rounding)."""
    merged: list[list[float]] = []
    for left, right in sorted(flat):
        if merged and merged[-1][1] >= left:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    return [(left, right) for left, right in merged]


def _refine(
    terms: _Terms, left: float, right: float, low_sign: float, *, slope: bool = False
) -> float:
    """Return the root of ``f`` (or of ``f'``) between ``exp(left)`` and ``exp(right)``.

    Solved for ``v**-s f(v)``, ``s`` the exponent of the largest term at the bracket's
    middle: near a root far from 0 % a long stream's terms grow like ``v**10000``,
    and dividing by the largest leaves a sum whose Halley steps are not all tiny.
    Halley's steps (:func:`_step`) are kept while each is at most half the one before
    the last; otherwise the bracket is halved (Numerical Recipes' ``rtsafe`` rule),
    so the bracket closes to four ulps in at most about twice the halvings it needs.
    """
    middle = 0.5 * (left + right)
    largest = float(terms.exponents[int(np.argmax(terms.logs + terms.exponents * middle))])
    if slope:
        evaluate = terms.evaluate_one(terms.exponents, less=largest + 1.0)
    else:
        evaluate = terms.evaluate_one(less=largest)
    lo, hi = math.exp(left), math.exp(right)
    v = math.exp(middle)
    steps = [math.inf, math.inf]
    for _ in range(2 * _MAX_STEPS):
        found, done, lo, hi = _step_one(evaluate, v, lo, hi, low_sign)
        if done:
            return min(max(found, math.exp(left)), math.exp(right))
        step = abs(found - v)
        if not lo < found < hi or step > 0.5 * steps[-2]:  # too slow: halve instead
            found = math.sqrt(lo) * math.sqrt(hi) if hi > 16 * lo else 0.5 * (lo + hi)
            step = abs(found - v)
        steps.append(step)
        v = found
    return v


def positive_roots(
    coefficients: Floats,
    exponents: Floats,
    *,
    low: float = math.exp(_LOWEST_LOG),
    high: float = math.exp(_HIGHEST_LOG),
    which: Which = "all",
) -> list[float]:
    """Return the roots ``low <= v <= high`` of ``f(v) = sum_k coefficients[k] v**exponents[k]``.

    In ``u = log v`` the sum is ``G(u) = sum_k c_k exp(t_k u)``. The range is cut
    down to where a root can lie (a Cauchy bound), then halved, breadth first and
    without recursion, until every piece either holds no root, or is monotone (its
    derivative's enclosure excludes 0) and holds one exactly where its ends' signs
    differ, or is flat (``G`` is zero there to rounding): see :func:`_examine` for the
    enclosures. A half of the range on one side of ``v = 1`` is settled at once where
    Laguerre's rule of signs bounds its roots by one (:func:`_laguerre`). Each root is
    refined by the bracketed Halley iteration (:func:`_refine`) to within four ulps of
    ``v``, or the rounding of the sum where that is coarser; a flat stretch is one
    root (a root of odd order where the signs at its ends differ, else a double root,
    placed where the derivative vanishes). Roots closer than rounding can tell apart
    are one root, as they are to every float computation (a fivefold root of ten
    flows is blurred over a few percent of ``v``).

    Every piece costs one pass over the terms (``O(n)`` for ``n`` flows, vectorised
    over the live pieces), and a piece is halved only while it may hold a root it
    cannot yet isolate, so the work is ``O(n (r + 1) log2(W / w))``: ``r`` roots (and
    near misses), a range ``W`` of about 750 in ``u`` and a resolution ``w`` that
    separates them (``2**-60`` at most): about 60 levels of a few pieces each. The
    number of sign changes does not enter: random streams of 10,000 flows with 5,000
    sign changes take 15 to 40 ms for the highest root below ``v = 1`` and 25 to 70 ms
    for every root (``benchmarks/test_roots_speed.py``).

    Parameters
    ----------
    coefficients, exponents : numpy.ndarray
        One stream's flows and their times (periods or years, none negative), any
        order; terms at equal times are added together.
    low, high : float
        The range of ``v`` searched; by default the ``v`` whose rate ``1 / v - 1`` is a
        float above -1.
    which : {"all", "lowest", "highest"}
        Every root, or only the lowest or the highest (the search gives up the range
        beyond the first one found on that side).

    Returns
    -------
    list of float
        The roots, ascending.

    Examples
    --------
    >>> roots = positive_roots(np.array([-10000.0, 27000.0, -18200.0]), np.arange(3.0))
    >>> [round(1 / v - 1, 12) for v in roots]  # the rates of irr([-10000, 27000, -18200])
    [0.4, 0.3]
    """
    terms = _Terms(coefficients, exponents)
    if terms.size < 2 or not (np.any(terms.signs > 0) and np.any(terms.signs < 0)):
        return []
    lowest = math.log(low) if low > 0 else -math.inf
    highest = math.log(high) if high < math.inf else math.inf
    left, right = _bounds(terms, max(lowest, _LOWEST_LOG), min(highest, _HIGHEST_LOG))
    if left > right:
        return []
    # v = 1 (a rate of 0 %) cuts the range in two, each settled alone where it can be.
    pieces = [(left, 0.0), (0.0, right)] if left < 0.0 < right else [(left, right)]
    if which == "highest":
        pieces.reverse()
    simple: list[tuple[float, float]] = []
    flat: list[tuple[float, float]] = []
    for p, q in pieces:
        count = _laguerre(terms, p, q)
        if count is not None and count <= 1:  # no root, or one where the signs differ
            if count == 1 and terms.sign(p) != terms.sign(q):
                simple.append((p, q))
        else:
            more = _isolate(terms, p, q, which)
            simple += more[0]
            flat += more[1]
        if which != "all" and (simple or flat):
            break
    found = [(p, _refine(terms, p, q, terms.sign(p))) for p, q in simple]
    for p, q in _clusters(flat):
        if terms.sign(p) != terms.sign(q):  # a root of odd order
            found.append((p, _refine(terms, p, q, terms.sign(p))))
            continue
        # A double root: where the derivative, a sum of the same kind, changes sign,
        # looked for across the flat stretch and as far again on either side (a
        # stretch cut short at v = 1 may end at it), kept within the range.
        slope = terms.evaluate_one(terms.exponents, less=1.0)
        wide = (max(p - (q - p), left), min(q + (q - p), right))
        ends = [slope(math.exp(wide[0]))[0], slope(math.exp(wide[1]))[0]]
        if ends[0] * ends[1] < 0:
            sign = math.copysign(1.0, ends[0])
            found.append((p, _refine(terms, wide[0], wide[1], sign, slope=True)))
        elif 0.0 in ends:  # the derivative vanishes at an end: the double root is there
            found.append((p, math.exp(wide[ends.index(0.0)])))
        else:
            found.append((p, math.exp(0.5 * (p + q))))
    if low <= 1.0 <= high and found and math.fsum(terms.coefficients.tolist()) == 0:
        # The flows add up to exactly zero: v = 1 is a root exactly (a rate of 0 %),
        # which rounding in the sums can only place within a few ulps of it.
        nearest = min(range(len(found)), key=lambda k: abs(found[k][1] - 1.0))
        if abs(found[nearest][1] - 1.0) <= 1e-9:
            found[nearest] = (0.0, 1.0)
    found.sort()
    if which == "lowest":
        found = found[:1]
    elif which == "highest":
        found = found[-1:]
    return [v for _, v in found]
