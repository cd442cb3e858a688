"""The walks of a balance over arrays of loans: vectorised across loans, sequential in time.

Two exact kernels of the same recurrence as :mod:`loanrelief._loans.amortization`'s row loops:

- the *fast* kernel runs in ``float64`` over cache-sized chunks of loans sorted by
  term. It is exact, not approximate, on the loans :func:`fits_float` admits: there
  every balance and ``balance x numerator`` is an integer below ``2**50``, so the
  product is exact and ``(balance x numerator) / denominator`` is the correctly
  rounded quotient, which lies on the same side of every half minor unit as the exact
  one (and *is* the half on a tie), so ``rint`` rounds it as the exact value would;
- the *exact* kernel runs in ``int64`` with integer division, for everything else.
"""

from __future__ import annotations

import numpy as np

from loanrelief._foundations.money import Bools, Floats, Ints, RoundingMode, round_array

CHUNK = 16384  # loans per block: a few arrays of 128 KiB stay in the L2 cache
_FLOAT_EXACT = 2.0**50  # integers below this: products, quotients and +/-0.5 are exact


def fits_float(balance: Ints, numerator: Ints, periods: Ints) -> Bools:
    """Return which loans the fast kernel walks exactly.

    The balance never exceeds its start in a level or equal-principal walk, so
    ``balance x numerator`` and ``balance x periods`` below ``2**50`` bound every
    product the kernel forms.
    """
    start = balance.astype(np.float64)
    largest = start * np.maximum(numerator, periods).astype(np.float64)
    fits: Bools = largest < _FLOAT_EXACT
    return fits


def round_exact(numerator: Ints, denominator: Ints, mode: RoundingMode) -> Ints:
    """``money.round_ratio`` for non-negative ``int64`` arrays (the same rule, vectorised)."""
    quotient, remainder = np.divmod(2 * numerator + denominator, 2 * denominator)
    if mode is RoundingMode.HALF_EVEN:
        quotient -= (remainder == 0) & (quotient % 2 == 1)
    result: Ints = quotient
    return result


def _round_float(x: Floats, mode: RoundingMode, scratch: Floats) -> None:
    """Round exact-or-correctly-rounded quotients ``x`` in place, as ``round_ratio`` would."""
    if mode is RoundingMode.HALF_UP:  # ties to even, then a tie rounded down goes up
        np.rint(x, out=scratch)
        np.subtract(scratch, x, out=x)
        np.add(scratch, x == -0.5, out=x)
    else:
        np.rint(x, out=x)  # ties to even


def level_walk(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Floats,
    numerator: Floats,
    denominator: Floats,
    payment: Floats,
    periods: Ints,
    mode: RoundingMode,
    rows: Floats | None = None,
) -> Floats:
    """Walk level payments on one chunk of loans sorted by ``periods``; return end balances.

    ``B <- B + round(B a / b) - P`` for each loan's number of periods, without clipping
    at zero (callers detect an early payoff from the end balance). With ``rows`` (shape
    ``(max periods, loans)``, zeros), each period's interest is written to its row.
    Loans must satisfy :func:`fits_float`.
    """
    current = balance.copy()
    due = np.empty_like(current)
    scratch = np.empty_like(current)
    for k in range(int(periods[-1]) if len(periods) else 0):
        live = int(np.searchsorted(periods, k, side="right"))  # periods > k from here
        b, x, s = current[live:], due[live:], scratch[live:]
        np.multiply(b, numerator[live:], out=x)
        np.divide(x, denominator[live:], out=x)
        _round_float(x, mode, s)
        if rows is not None:
            rows[k, live:] = x
        np.add(b, x, out=b)
        np.subtract(b, payment[live:], out=b)
    return current


def principal_walk(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Floats,
    numerator: Floats,
    denominator: Floats,
    periods: Ints,
    keep: Ints,
    mode: RoundingMode,
    rows: Floats | None = None,
) -> Floats:
    """Sum equal-principal interest on one chunk of loans sorted by ``keep``.

    Period ``k`` charges ``round(B_k a / b)`` on ``B_k = B - floor(B k / n)`` (the
    parts of ``split_evenly``), for periods 2 to ``keep`` of ``n = periods`` (the
    first, at its own rate, is the caller's). Returns each loan's total interest;
    with ``rows``, each period's interest too.
    """
    total = np.zeros_like(balance)
    spread = np.empty_like(balance)
    due = np.empty_like(balance)
    scratch = np.empty_like(balance)
    count = periods.astype(np.float64)
    for k in range(1, int(keep[-1]) if len(keep) else 0):
        live = int(np.searchsorted(keep, k, side="right"))
        s, x, t = spread[live:], due[live:], scratch[live:]
        np.multiply(balance[live:], float(k), out=s)
        np.divide(s, count[live:], out=s)  # within 1/n of B k / n: floor is exact
        np.floor(s, out=s)
        np.subtract(balance[live:], s, out=s)
        np.multiply(s, numerator[live:], out=x)
        np.divide(x, denominator[live:], out=x)
        _round_float(x, mode, t)
        if rows is not None:
            rows[k, live:] = x
        np.add(total[live:], x, out=total[live:])
    return total


def level_walk_exact(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Ints,
    first: tuple[Ints, Ints],
    rate: tuple[Ints, Ints],
    payment: Ints,
    periods: Ints,
    keep: Ints,
    mode: RoundingMode,
) -> tuple[Ints, Ints, Bools, Ints]:
    """Walk in integers, clipped at zero as ``amortization._level_rows``.

    ``first`` and ``rate`` are the first and later periods' rates as ``(numerator,
    denominator)``. Returns the interest of the first ``keep`` periods, the payment of
    the last kept period (the balance it settles plus its interest), whether each
    loan repaid before its last amortization period, and the balance left after it.
    """
    remaining = balance.copy()
    total = np.zeros_like(balance)
    last = np.zeros_like(balance)
    repaid_early = np.zeros(balance.shape, dtype=bool)
    for k in range(int(periods.max(initial=0))):
        live = k < periods
        if k == 0:
            due = round_array(remaining, *first, mode)
        else:
            due = round_exact(remaining * rate[0], rate[1], mode)
        total += np.where(k < keep, due, 0)
        last = np.where(k == keep - 1, remaining + due, last)
        repaid = np.minimum(payment - due, remaining)
        remaining = np.where(live, remaining - repaid, remaining)
        repaid_early |= live & (k < periods - 1) & (remaining <= 0) & (balance > 0)
    return total, last, repaid_early, remaining


def principal_walk_exact(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Ints,
    numerator: Ints,
    denominator: Ints,
    periods: Ints,
    keep: Ints,
    mode: RoundingMode,
) -> Ints:
    """Sum equal-principal interest in integers over periods 2 to ``keep``."""
    total = np.zeros_like(balance)
    for k in range(1, int(keep.max(initial=0))):
        remaining = balance - (balance * k) // periods
        total += np.where(k < keep, round_exact(remaining * numerator, denominator, mode), 0)
    return total
