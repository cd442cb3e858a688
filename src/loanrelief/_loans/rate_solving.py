"""Solving for rates: the internal rate of return of many streams at once.

The one place that turns streams of flows into rates: a first guess
(:func:`usable_guess`), the present value and its derivatives as power sums
(:func:`power_sums`, :func:`power_sums_one`), the batch solve (:func:`solve_rates`, on
:func:`loanrelief._foundations.roots.solve_discount`), every rate of a stream whose
flows change sign several times (:func:`rates_of`, :func:`chosen_rate`), and what to do
when a stream has none (:class:`OnNoSolution`) or several (:class:`RootChoice`).
:func:`loanrelief._loans.cashflows.irr` and ``xirr``, the APRs
(:mod:`loanrelief._loans.truecost`) and the batch all solve through it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from loanrelief._foundations.errors import (
    NoSolutionError,
)
from loanrelief._foundations.money import Floats
from loanrelief._foundations.roots import (
    Evaluate,
    EvaluateOne,
    Rows,
    positive_roots,
    sign_changes,
    solve_discount,
    solve_discount_one,
)
from loanrelief._foundations.validate import (
    Choice,
    parse_enum,
)

__all__ = [
    "OnNoSolution",
    "RootChoice",
    "answered",
    "first_row",
    "polynomial",
    "power_sums",
    "power_sums_one",
    "rate_of_root",
    "rates_of",
    "chosen_rate",
    "solve_rates",
    "usable_guess",
]


class OnNoSolution(Choice):
    """What a batch solver does with a stream that has no rate.

    Attributes
    ----------
    RAISE
        Raise :class:`NoSolutionError` naming the first such stream (the default).
    NAN
        Return NaN for that stream and solve the others: for portfolio runs, where the
        caller filters the NaN rows on purpose.

    Examples
    --------
    >>> import loanrelief as lr
    >>> lr.tvm.irr([[-100, 110], [100, 10]], on_no_solution="nan").round(2)
    array([0.1, nan])
    """

    RAISE = "raise"
    NAN = "nan"


class RootChoice(Choice):
    """Which rate :func:`irr` and :func:`xirr` return when a stream has several.

    A stream whose flows change sign more than once may have several rates (or none):
    ``[-10000, 27000, -18200]`` has 30 % and 40 %.

    Attributes
    ----------
    LEAST_NON_NEGATIVE
        The smallest rate of at least 0 %; if every rate is negative, the one closest
        to zero (the default). This is numpy-financial's choice since its
        ``_irr_default_selection`` (its development version; 1.0 kept the rate
        closest to zero), and where it and the Newton iterations of pyxirr and the
        spreadsheets (``IRR`` from a guess of 10 %) agree, it agrees with them: for
        ``[-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1]`` all
        give 100.43 %, not its other rate, -99.98 %. One float.
    NEAREST
        The rate closest to zero (numpy-financial 1.0's choice): one float.
    ALL
        Every rate, ascending: a tuple per stream (empty where there is none and
        ``on_no_solution="nan"``).

    Examples
    --------
    >>> import loanrelief as lr
    >>> [round(rate, 12) for rate in lr.tvm.irr([-10000, 27000, -18200], roots="all")]
    [0.3, 0.4]
    >>> flows = [-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1]
    >>> round(lr.tvm.irr(flows), 6), round(lr.tvm.irr(flows, roots="nearest"), 6)
    (1.00427, -0.999791)
    """

    LEAST_NON_NEGATIVE = "least_non_negative"
    NEAREST = "nearest"
    ALL = "all"


def _first_guess(flows: Floats, times: Floats) -> Floats:
    """Guess a discount factor: inflows and outflows balanced at their mean times."""
    inflow = np.maximum(flows, 0.0)
    outflow = inflow - flows
    with np.errstate(all="ignore"):
        duration = _mean_time(inflow, times) - _mean_time(outflow, times)
        guess = (outflow.sum(1) / inflow.sum(1)) ** (1.0 / duration)
    return _sane(guess)


def _sane(guess: Floats) -> Floats:
    """Keep a usable guess and snap it to a grid of 2**-20 in its logarithm.

    The snap makes the guess, and so every later step, the same whether a stream is
    solved alone or zero-padded in a batch (padding can move a float sum by an ulp).
    """
    with np.errstate(all="ignore"):
        snapped = np.exp(np.round(np.log(guess) * 2.0**20) / 2.0**20)
    usable: Floats = usable_guess(snapped)
    return usable


def _sane_one(guess: float) -> float:
    """:func:`_sane` of one float: NumPy's ``log`` and ``exp`` on it (the arrays' bits)."""
    if not 0.0 < guess < np.inf:
        return 1.0
    snapped = float(np.exp(round(float(np.log(guess)) * 2.0**20) / 2.0**20))
    result: float = usable_guess(snapped)
    return result


def usable_guess(guess: Any) -> Any:
    """Return the discount factor ``guess``, or 1 where it is not finite in ``(1e-6, 1e6)``.

    For a float or an array, alike.

    Examples
    --------
    >>> usable_guess(0.99), usable_guess(float("nan"))
    (0.99, 1.0)
    """
    if isinstance(guess, float):
        return guess if 1e-6 < guess < 1e6 else 1.0
    return np.where(np.isfinite(guess) & (guess > 1e-6) & (guess < 1e6), guess, 1.0)


def _mean_time(weights: Floats, times: Floats) -> Floats:
    spec = "ij,j->i" if times.ndim == 1 else "ij,ij->i"
    weighted: Floats = np.einsum(spec, weights, times) / weights.sum(1)
    return weighted


def _profile(flows: Floats, times: Floats) -> tuple[Rows, Floats, Floats]:
    """Per stream: sign changes, the sign of the first non-zero flow, and a first guess.

    Most streams are one flow followed by flows of the other sign (a loan seen by its
    lender or its borrower): those are recognised from four row reductions, and only
    the others are examined flow by flow.
    """
    if flows.shape[0] == 1 and flows.shape[1] > 1:
        one = _profile_one(flows, times)
        if one is not None:
            return one
    head = flows[:, 0]
    rest = flows[:, 1:]
    low = rest.min(axis=1) if rest.shape[1] else np.zeros_like(head)
    high = rest.max(axis=1) if rest.shape[1] else np.zeros_like(head)
    quick = ((head < 0) & (low >= 0) & (high > 0)) | ((head > 0) & (high <= 0) & (low < 0))
    changes = np.ones(flows.shape[0], dtype=np.intp)
    sign = np.sign(head)
    start = times[0] if times.ndim == 1 else times[:, 0]
    with np.errstate(all="ignore"):
        later = flows.sum(axis=1) - head
        spec = "ij,j->i" if times.ndim == 1 else "ij,ij->i"
        later_time = (np.einsum(spec, flows, times) - head * start) / later
        guess = _sane((-head / later) ** (1.0 / (later_time - start)))
    slow = np.flatnonzero(~quick)
    if slow.size:
        subset = flows[slow]
        subset_times = times if times.ndim == 1 else times[slow]
        changes[slow] = sign_changes(subset)
        sign[slow] = np.sign(subset[np.arange(slow.size), (subset != 0).argmax(axis=1)])
        guess[slow] = _first_guess(
            subset,
            np.broadcast_to(subset_times, subset.shape) if times.ndim == 1 else subset_times,
        )
    return changes, sign, guess


def _profile_one(flows: Floats, times: Floats) -> tuple[Rows, Floats, Floats] | None:
    """:func:`_profile` of one stream that is one flow then flows of the other sign.

    The same float operations as the rows of :func:`_profile` (its reductions on the
    stream's one row; its arithmetic on floats); ``None`` for any other stream.
    """
    rest = flows[0, 1:]
    head, low, high = float(flows[0, 0]), float(rest.min()), float(rest.max())
    if not ((head < 0 and low >= 0 and high > 0) or (head > 0 and high <= 0 and low < 0)):
        return None
    first = flows[0, 0]  # NumPy floats: a zero sum gives inf or NaN, as in a batch
    start = times[0] if times.ndim == 1 else times[0, 0]
    spec = "ij,j->i" if times.ndim == 1 else "ij,ij->i"
    with np.errstate(all="ignore"):
        later = flows.sum(axis=1)[0] - first
        later_time = (np.einsum(spec, flows, times)[0] - first * start) / later
        guess = _sane_one(float(np.power(-first / later, 1.0 / (later_time - start))))
    return _ONE_CHANGE, np.array([-1.0 if head < 0 else 1.0]), np.array([guess])


_ONE_CHANGE = np.ones(1, dtype=np.intp)
_ONE_CHANGE.flags.writeable = False


def solve_rates(
    evaluate: Any,
    flows: Floats,
    times: Floats,
    *,
    on_no_solution: OnNoSolution | str,
    field: str = "amounts",
    guess: Floats | None = None,
    evaluate_one: EvaluateOne | None = None,
    roots: RootChoice = RootChoice.LEAST_NON_NEGATIVE,
    power_sum: bool = True,
    every: dict[int, tuple[float, ...]] | None = None,
) -> Floats:
    """Solve each stream's rate equation, written in the discount factor ``v``.

    ``flows`` and ``times`` (rows sorted by time; ``times`` 1-D when every row shares
    them) decide how: one sign change gives one root, found by
    :func:`loanrelief._foundations.roots.solve_discount` between ``v = 0`` and ``inf``; with
    several, the root ``roots`` asks for (:func:`chosen_rate`) is found among the
    roots of ``sum flows v**times``: the equation itself where ``power_sum``, else its
    twin with the same flows at the same times, whose root is then solved again on
    ``evaluate`` (Appendix J's fractions of a unit period are simple interest). For
    ``RootChoice.ALL`` every rate of such a row is found (:func:`rates_of`), put in
    ``every`` by row, and the default's choice among them returned.

    A ``guess`` of the discount factor per stream, where the caller knows a better one
    than the flows' mean times give, replaces that first guess (where usable:
    :func:`usable_guess`; unlike the flows' own guess it is not snapped, for it does not
    depend on zero padding). One stream is solved
    on floats (:func:`loanrelief._foundations.roots.solve_discount_one`, the same steps), by
    ``evaluate_one(v)`` if given (the same sums as ``evaluate``'s, to the bit; then
    ``evaluate`` may be None), else by ``evaluate`` on its one row.

    Returns
    -------
    numpy.ndarray
        The rate per period of each stream (``1 / v - 1``), NaN where none exists and
        ``on_no_solution="nan"``.
    """
    policy = parse_enum(on_no_solution, OnNoSolution, "on_no_solution")
    changes, first_sign, profile_guess = _profile(flows, times)
    guess = profile_guess if guess is None else usable_guess(guess)
    rates = np.full(flows.shape[0], np.nan)
    simple = np.flatnonzero(changes == 1)
    if flows.shape[0] == 1 and simple.size:  # one stream: the same steps on floats
        one = first_row(evaluate) if evaluate_one is None else evaluate_one
        with np.errstate(all="ignore"):  # an evaluate_one may work on NumPy arrays
            root, ok = solve_discount_one(one, 0.0, np.inf, guess[0], first_sign[0])
        rate = rate_of_root(root, ok)
        if rate is not None:
            return np.array([rate])
    elif simple.size:
        all_simple = simple.size == flows.shape[0]

        def on_simple(v: Floats, rows: Rows) -> tuple[Floats, Floats, Floats | None]:
            result: tuple[Floats, Floats, Floats | None] = evaluate(
                v, rows if all_simple else simple[rows]
            )
            return result

        v, converged = solve_discount(
            on_simple,
            np.zeros(simple.size),
            np.full(simple.size, np.inf),
            guess if all_simple else guess[simple],
            first_sign if all_simple else first_sign[simple],
        )
        with np.errstate(divide="ignore", over="ignore"):
            found = 1.0 / v - 1.0
        # A root so close to -100 % that the rate rounds to -1 is no usable rate, nor
        # one at v = 0 (an infinite rate).
        found[~converged | (found <= -1.0) | ~np.isfinite(found)] = np.nan
        rates[simple] = found
    several = np.flatnonzero(changes > 1)
    for row in several:
        row_times = times if times.ndim == 1 else times[row]
        if roots is RootChoice.ALL:  # every rate, once: the default's is among them
            all_rates = rates_of(flows[row], row_times)
            if every is not None:
                every[int(row)] = all_rates
            gains = [rate for rate in all_rates if rate >= 0]
            rate = min(gains) if gains else max(all_rates, default=None)
        else:
            rate = chosen_rate(flows[row], row_times, roots)
        if rate is not None and not power_sum:
            rate = _polished(evaluate, int(row), rate)
        if rate is not None:
            rates[row] = rate
    missing = np.flatnonzero(np.isnan(rates))
    if missing.size and policy is OnNoSolution.RAISE:
        bad = int(missing[0])
        stream = flows[bad] if flows.shape[0] > 1 else flows[0]
        where = f"{field}[{bad}]" if flows.shape[0] > 1 else field
        if changes[bad] == 0:
            reason = "a stream with both money out (negative) and money in (positive)"
        elif changes[bad] == 1:  # one root, always: it lies beyond what a float holds
            reason = "a stream whose rate a float can hold (this one's is past 1e308 or -100 %)"
        else:
            reason = "a stream whose present value reaches zero at a rate above -100 %"
        raise NoSolutionError(where, stream.tolist(), reason)
    return rates


def rate_of_root(v: float, converged: bool) -> float | None:
    """Return the rate ``1 / v - 1`` of one stream's root, or None if it is no rate.

    None where the solver did not converge, or the root is at ``v = 0`` or beyond the
    floats, or its rate rounds to -100 % or past the largest float: the same test as
    a batch's (:func:`solve_rates`).

    Examples
    --------
    >>> rate_of_root(0.8, True), rate_of_root(0.8, False), rate_of_root(0.0, True)
    (0.25, None, None)
    """
    if not converged or not 0.0 < v < np.inf:
        return None
    rate = 1.0 / v - 1.0
    return rate if -1.0 < rate < np.inf else None


def first_row(evaluate: Evaluate, index: int = 0) -> EvaluateOne:
    """Return ``evaluate`` of a batch's row ``index`` (the first, the only) at one float."""
    row = np.full(1, index, dtype=np.intp)

    def one(v: float) -> tuple[np.float64, np.float64, np.float64 | None]:
        value, slope, curvature = evaluate(np.array([v]), row)
        return value[0], slope[0], None if curvature is None else curvature[0]

    return one


def answered(  # noqa: PLR0917 - irr's and xirr's own arguments, passed on
    evaluate: Evaluate | None,
    evaluate_one: EvaluateOne | None,
    table: Floats,
    times: Floats,
    on_no_solution: OnNoSolution | str,
    roots: RootChoice,
    ndim: int,
) -> Any:
    """Solve ``table``'s rates: one per stream, or every rate of each stream for ``"all"``.

    For ``"all"``, :func:`solve_rates` hands back the rates it found for the streams with
    several sign changes; a stream with one has its one rate (or none). One stream
    (``ndim`` 1) gives a float or a tuple.
    """
    every: dict[int, tuple[float, ...]] = {}
    rates = solve_rates(
        evaluate,
        table,
        times,
        on_no_solution=on_no_solution,
        evaluate_one=evaluate_one,
        roots=roots,
        every=every,
    )
    if roots is not RootChoice.ALL:
        return float(rates[0]) if ndim == 1 else rates
    lists = [
        every.get(k, () if np.isnan(rate) else (float(rate),)) for k, rate in enumerate(rates)
    ]
    return lists[0] if ndim == 1 else lists


def rates_of(flows: Floats, times: Floats) -> tuple[float, ...]:
    """Return every rate of one stream, ascending: each root of its present value.

    ``roots.positive_roots`` of ``sum_k flows[k] v**times[k]`` over the
    ``v`` whose rate ``1 / v - 1`` is a float above -100 %, as rates.

    Examples
    --------
    >>> [round(rate, 12) for rate in rates_of(np.array([-10000.0, 27000.0, -18200.0]),
    ...                                       np.arange(3.0))]
    [0.3, 0.4]
    """
    found = (rate_of_root(v, True) for v in reversed(positive_roots(flows, times)))
    return tuple(rate for rate in found if rate is not None)


def chosen_rate(flows: Floats, times: Floats, roots: RootChoice) -> float | None:
    """Return the rate of one stream that ``roots`` chooses (not ``ALL``), or None.

    The least non-negative rate is the root ``v`` highest in ``(0, 1]``; the negative
    rate closest to zero the lowest in ``(1, inf)``. Each is searched alone
    (``roots.positive_roots`` with ``which``: the range beyond the first
    root found is given up), so a stream with many sign changes but few roots near
    zero costs far less than all its roots.

    Examples
    --------
    >>> flows = np.array([-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1])
    >>> times = np.arange(8.0)
    >>> round(chosen_rate(flows, times, RootChoice.LEAST_NON_NEGATIVE), 6)
    1.00427
    >>> round(chosen_rate(flows, times, RootChoice.NEAREST), 6)
    -0.999791
    """
    below = positive_roots(flows, times, high=1.0, which="highest")
    gain = rate_of_root(below[0], True) if below else None
    if gain is not None and (roots is RootChoice.LEAST_NON_NEGATIVE or gain == 0.0):
        return gain
    above = positive_roots(flows, times, low=1.0, which="lowest")
    loss = rate_of_root(above[0], True) if above else None
    if loss is None or gain is None:
        return gain if loss is None else loss
    return gain if gain <= -loss else loss  # NEAREST: the one closer to zero (a tie: >= 0)


def _polished(evaluate: Evaluate, row: int, rate: float) -> float | None:
    """Return the root of row ``row``'s ``evaluate`` near ``rate``, its twin's root.

    The bracket grows from a millionth of ``v`` on either side to half of it until
    ``evaluate`` changes sign across it; None if it never does.
    """
    one = first_row(evaluate, row)
    v = 1.0 / (1.0 + rate)
    with np.errstate(all="ignore"):
        for width in 2.0 ** np.arange(-20, 0):
            low, high = v * (1 - width), v * (1 + width)
            low_sign, high_sign = np.sign(one(low)[0]), np.sign(one(high)[0])
            if low_sign * high_sign < 0:
                root, ok = solve_discount_one(one, low, high, v, float(low_sign))
                return rate_of_root(root, ok)
    return None


_BLOCK = 512  # rows transposed at a time


def _transposed(table: Floats) -> Floats:
    """Return ``table.T`` as a C-contiguous copy, built in cache-sized blocks (faster)."""
    result = np.empty(table.shape[::-1])
    for start in range(0, table.shape[0], _BLOCK):
        result[:, start : start + _BLOCK] = table[start : start + _BLOCK].T
    return result


def polynomial(flows: Floats) -> tuple[Evaluate, EvaluateOne]:
    """Evaluate ``sum_k flows[k] v**k`` and two derivatives, per row and for one row.

    With the terms ``a_k = flows[k] v**k`` (the powers by repeated products,
    ``v**k = v**(k-1) * v``): the value is ``sum a_k``, the slope ``sum k a_k / v``
    and the curvature ``sum k (k - 1) a_k / v**2``. Each sum adds its terms from the
    first period to the last: for a batch one period at a time across the rows, for
    one stream with NumPy's running product and sum, which do the same float
    operations in the same order, so a stream alone and in a batch give the same bits
    (and zero-padding changes nothing).
    """
    count = flows.shape[1]
    k = np.arange(count, dtype=np.float64)
    pairs = k * (k - 1)
    columns = _transposed(flows)  # one row per power of v

    def evaluate(v: Floats, rows: Rows) -> tuple[Floats, Floats, Floats]:
        c = columns if rows.size == flows.shape[0] else columns[:, rows]
        power = np.ones(rows.size)
        term = c[0] * power
        weighted = np.empty(rows.size)
        value = term.copy()
        slope = term * k[0]
        curve = term * pairs[0]
        for j in range(1, count):
            power *= v
            np.multiply(c[j], power, out=term)
            value += term
            np.multiply(term, k[j], out=weighted)
            slope += weighted
            np.multiply(term, pairs[j], out=weighted)
            curve += weighted
        return value, slope / v, curve / (v * v)

    def evaluate_one(v: float) -> tuple[np.float64, np.float64, np.float64]:
        powers = np.full(count, v)
        powers[0] = 1.0
        np.multiply.accumulate(powers, out=powers)
        terms = flows[0] * powers
        value = np.add.accumulate(terms)[-1]
        slope = np.add.accumulate(terms * k)[-1]
        curve = np.add.accumulate(terms * pairs)[-1]
        return value, slope / v, curve / (v * v)

    return evaluate, evaluate_one


def _in_order(terms: Floats) -> Floats:
    """Sum each column from the first row to the last, strictly in that order.

    NumPy reduces a 2-D array down its rows one row at a time, but a single column is
    summed pairwise; accumulating that case keeps one stream's sums bit-identical to
    the same stream's sums inside a batch.
    """
    if terms.shape[1] == 1:
        result: Floats = np.add.accumulate(terms[:, 0])[-1:]
        return result
    total: Floats = terms.sum(axis=0)
    return total


def power_sums_one(flows: Floats, times: Floats) -> EvaluateOne:
    """Return :func:`power_sums`'s evaluator for a stream of one row, at one float.

    The same products, ``exp`` and ``log`` (NumPy's, on the same values) and sums in
    the same order (a running sum over the flows) as the batch: the same bits.

    Examples
    --------
    >>> one = power_sums_one(np.array([[-100.0, 110.0]]), np.array([0.0, 1.0]))
    >>> one(1.0)  # -100 + 110 v, its slope and its curvature at v = 1
    (10.0, 110.0, 0.0)
    """
    exponents = times.reshape(-1)
    table = np.empty((3, exponents.size))  # the flows, times their exponent, and again
    table[0] = flows.reshape(-1)
    np.multiply(table[0], exponents, out=table[1])
    np.multiply(table[1], exponents - 1, out=table[2])
    terms = np.empty_like(table)

    def evaluate_one(v: float) -> tuple[float, float, float]:
        factors = np.exp(exponents * np.log(v))
        np.multiply(table, factors, out=terms)
        value, slope, curve = np.add.accumulate(terms, axis=1, out=terms)[:, -1].tolist()
        return value, slope / v, curve / (v * v)

    return evaluate_one


def power_sums(flows: Floats, times: Floats) -> Any:
    """Return an evaluator of ``sum_k flows[k] v**times[k]`` and two derivatives, per row.

    The rate equation of dated flows (``xirr``, the EU and Chinese APR), for
    :func:`solve_rates`. Sums run over the flows in order, one column at a time, so
    zero-padding a stream leaves every result unchanged to the last bit.
    """
    amounts = _transposed(flows)  # one row per flow position
    exponents = _transposed(times)
    weighted = amounts * exponents
    twice = weighted * (exponents - 1)

    def evaluate(v: Floats, rows: Rows) -> tuple[Floats, Floats, Floats]:
        every = rows.size == flows.shape[0]

        def pick(table: Floats) -> Floats:
            return table if every else table[:, rows]

        factors = np.exp(pick(exponents) * np.log(v)[None, :])
        value = _in_order(pick(amounts) * factors)
        slope = _in_order(pick(weighted) * factors) / v
        curvature = _in_order(pick(twice) * factors) / (v * v)
        return value, slope, curvature

    return evaluate
