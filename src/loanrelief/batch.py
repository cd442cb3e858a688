"""Batch kernels: the exact schedule math over arrays of loans, no Python loop over loans.

Arrays in, arrays out (struct of arrays). Each kernel works in integer minor units
(``int64``), vectorised across loans and sequential over periods, with the rounding
rules of :func:`loanrelief.amortize`, so every result equals the one-loan result to the
minor unit. Loans here are regular: equal periods at ``annual_rate / periods per
year``, no grace periods or odd first period (use :func:`loanrelief.amortize` for
those).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from loanrelief.amortization import level_payment
from loanrelief.dates import Frequency
from loanrelief.errors import InvalidValueError
from loanrelief.money import MAX_MAJOR, RoundingMode, parse_enum, round_ratio
from loanrelief.terms import MAX_TERM, Method

__all__ = ["amortize_totals"]

Ints = npt.NDArray[np.int64]

_LIMIT = 2**62  # products of balance and rate numerator must stay below this in int64


def _rates(annual_rate: npt.ArrayLike, periods_per_year: int, count: int) -> tuple[Ints, Ints]:
    """Each loan's periodic rate as an exact fraction ``numerator / denominator``."""
    rates = np.broadcast_to(np.asarray(annual_rate, dtype=np.float64), (count,))
    if not np.all(np.isfinite(rates)) or np.any((rates < 0) | (rates > 10)):
        bad = int(np.flatnonzero(~np.isfinite(rates) | (rates < 0) | (rates > 10))[0])
        raise InvalidValueError(
            f"annual_rate[{bad}]", float(rates[bad]), "a fraction from 0 to 10"
        )
    scale = 10**8  # rates are read to 8 decimal places, exactly as their decimal form
    numerators = np.round(rates * scale).astype(np.int64)
    if np.any(np.abs(numerators / scale - rates) > 1e-15 * np.maximum(rates, 1)):
        bad = int(np.flatnonzero(np.abs(numerators / scale - rates) > 1e-15)[0])
        raise InvalidValueError(
            f"annual_rate[{bad}]", float(rates[bad]), "at most 8 decimal places"
        )
    denominators = np.full(count, scale * periods_per_year, dtype=np.int64)
    common = np.gcd(numerators, denominators)
    common[common == 0] = 1
    return numerators // common, denominators // common


def _round(numerator: Ints, denominator: Ints, mode: RoundingMode) -> Ints:
    """``round_ratio`` for non-negative int64 arrays (the same rule, vectorised)."""
    quotient, remainder = np.divmod(2 * numerator + denominator, 2 * denominator)
    if mode is RoundingMode.HALF_EVEN:
        quotient -= (remainder == 0) & (quotient % 2 == 1)
    result: Ints = quotient
    return result


def _level_payments(balance: Ints, a: Ints, b: Ints, periods: Ints, mode: RoundingMode) -> Ints:
    """Return each loan's rounded level payment: float where safely away from a tie."""
    r = a / b
    with np.errstate(all="ignore"):
        growth = np.exp(periods * np.log1p(r))
        exact = np.where(r > 0, balance * r * growth / (growth - 1), balance / periods)
    nearest = np.floor(exact + 0.5)
    doubtful = np.abs(exact - np.floor(exact) - 0.5) < np.maximum(1e-6, 1e-12 * exact)
    doubtful |= ~np.isfinite(exact)
    result = nearest.astype(np.int64)
    for k in np.flatnonzero(doubtful):  # exact rational arithmetic, loan by loan
        value = level_payment(int(balance[k]), [Fraction(int(a[k]), int(b[k]))] * int(periods[k]))
        result[k] = round_ratio(value.numerator, value.denominator, mode)
    return result


def _walk(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Ints, a: Ints, b: Ints, payment: Ints, periods: Ints, keep: Ints, mode: RoundingMode
) -> tuple[Ints, Ints, Ints, Ints]:
    """Walk every loan's balance at its level payment for ``keep`` periods.

    Returns total interest over the kept periods, the balance before the last kept
    period, the interest of the last kept period, and whether each loan repaid before
    its last amortization period (``periods``).
    """
    remaining = balance.copy()
    total = np.zeros_like(balance)
    last_interest = np.zeros_like(balance)
    before_last = balance.copy()
    repaid_early = np.zeros(balance.shape, dtype=bool)
    for k in range(int(periods.max(initial=0))):
        live = k < periods
        due = _round(remaining * a, b, mode)
        kept = k < keep
        is_last_kept = k == keep - 1
        before_last = np.where(is_last_kept, remaining, before_last)
        last_interest = np.where(is_last_kept, due, last_interest)
        repaid = np.minimum(payment - due, remaining)
        remaining = np.where(live, remaining - repaid, remaining)
        total += np.where(kept & ~is_last_kept, due, 0)
        repaid_early |= live & (k < periods - 1) & (remaining <= 0) & (balance > 0)
    return total, before_last, last_interest, repaid_early


def amortize_totals(  # noqa: PLR0915 - one validation step per argument
    principal: npt.ArrayLike,
    annual_rate: npt.ArrayLike,
    term: npt.ArrayLike,
    *,
    method: Method | str = Method.ANNUITY,
    frequency: Frequency | str = Frequency.MONTHLY,
    amortization_term: npt.ArrayLike | None = None,
    rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    digits: int = 2,
    minor_units: bool = False,
) -> dict[str, Any]:
    """Return the regular payment and totals of many loans, without their schedules.

    Parameters
    ----------
    principal : array_like
        Amounts lent, in major units (or minor units with ``minor_units=True``).
    annual_rate : array_like
        Annual rates as fractions (at most 8 decimal places).
    term : array_like of int
        Numbers of instalments.
    method : Method or str, default "annuity"
        One repayment method for all loans.
    frequency : Frequency or str, default "monthly"
    amortization_term : array_like of int, optional
        For balloon loans.
    rounding : RoundingMode or str, default "half_even"
    digits : int, default 2
        Minor-unit digits of the currency.
    minor_units : bool, default False
        Take ``principal`` and return amounts as ``int64`` minor units instead of
        ``float64`` major units.

    Returns
    -------
    dict of numpy.ndarray
        ``payment`` (the regular payment), ``last_payment``, ``total_interest`` and
        ``total_paid``: each equal to the one-loan :func:`loanrelief.amortize` result
        to the minor unit.

    Examples
    --------
    >>> totals = amortize_totals([200000, 50000], [0.06, 0.18], [240, 24])
    >>> totals["payment"].tolist(), totals["total_interest"].tolist()
    ([1432.86, 2496.21], [143887.3, 9908.92])
    """
    kind = parse_enum(method, Method, "method")
    mode = parse_enum(rounding, RoundingMode, "rounding")
    per_year = parse_enum(frequency, Frequency, "frequency").periods_per_year
    if isinstance(digits, bool) or digits not in (0, 2, 3, 4):
        raise InvalidValueError("digits", digits, "0, 2, 3 or 4")
    raw = np.atleast_1d(np.asarray(principal, dtype=np.float64))
    scale = 1 if minor_units else 10**digits
    minor = np.round(raw * scale)
    bad = ~np.isfinite(raw) | (minor < 1) | (raw > MAX_MAJOR * (scale if minor_units else 1))
    bad |= np.abs(minor - raw * scale) > 1e-6 * np.maximum(1, np.abs(raw * scale))
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        raise InvalidValueError(
            f"principal[{k}]", float(raw[k]), "a positive amount in the minor unit"
        )
    count = raw.shape[0]
    balance = minor.astype(np.int64)
    periods = np.broadcast_to(np.asarray(term), (count,))
    if periods.dtype.kind not in "iu":
        raise InvalidValueError("term", term, "whole numbers of periods")
    if np.any((periods < 1) | (periods > MAX_TERM)):
        k = int(np.flatnonzero((periods < 1) | (periods > MAX_TERM))[0])
        raise InvalidValueError(
            f"term[{k}]", int(periods[k]), f"a whole number from 1 to {MAX_TERM}"
        )
    periods = periods.astype(np.int64)
    a, b = _rates(annual_rate, per_year, count)
    size = balance.astype(np.float64) * a * periods  # the largest product formed
    if np.any(size >= _LIMIT / 4):
        k = int(np.flatnonzero(size >= _LIMIT / 4)[0])
        raise InvalidValueError(
            f"principal[{k}]", float(raw[k]), "an amount whose interest fits 64-bit arithmetic"
        )

    if kind in (Method.ANNUITY, Method.BALLOON):
        span = periods
        if kind is Method.BALLOON:
            if amortization_term is None:
                raise InvalidValueError("amortization_term", None, "periods for balloon loans")
            span = np.broadcast_to(np.asarray(amortization_term), (count,)).astype(np.int64)
            if np.any(span < periods):
                k = int(np.flatnonzero(span < periods)[0])
                raise InvalidValueError(
                    f"amortization_term[{k}]", int(span[k]), "at least the term"
                )
        payment, interest, last = _annuity_totals(balance, a, b, span, periods, mode)
        payment = np.where(periods == 1, last, payment)  # a single row is the last one
    elif kind is Method.EQUAL_PRINCIPAL:
        payment, interest, last = _equal_principal_totals(balance, a, b, periods, mode)
    elif kind is Method.INTEREST_ONLY:
        each = _round(balance * a, b, mode)
        interest = each * periods
        last = each + balance
        payment = np.where(periods == 1, last, each)  # a single row carries the principal
    elif kind is Method.BULLET:
        interest = _round(balance * a * periods, b, mode)
        payment = last = balance + interest
    else:  # flat: interest on the original principal, the total split evenly
        interest = _round(balance * a * periods, b, mode)
        total = balance + interest
        payment = total // periods  # the first of the even parts
        last = total - (total * (periods - 1)) // periods
    totals = {
        "payment": payment,
        "last_payment": last,
        "total_interest": interest,
        "total_paid": balance + interest,
    }
    if minor_units:
        return totals
    return {name: values / 10**digits for name, values in totals.items()}


def _annuity_totals(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Ints, a: Ints, b: Ints, span: Ints, periods: Ints, mode: RoundingMode
) -> tuple[Ints, Ints, Ints]:
    zero = a == 0
    tiny = balance < span
    payment = _level_payments(balance, a, b, span, mode)
    total, before_last, last_interest, early = _walk(balance, a, b, payment, span, periods, mode)
    redo = early & (payment > 1) & (span > 1) & ~zero & ~tiny
    if np.any(redo):  # rounded up, it repays early: one minor unit less (as amortize)
        payment = np.where(redo, payment - 1, payment)
        t2, b2, l2, _ = _walk(balance, a, b, payment, span, periods, mode)
        total, before_last, last_interest = (
            np.where(redo, t2, total),
            np.where(redo, b2, before_last),
            np.where(redo, l2, last_interest),
        )
    interest = total + last_interest
    last = before_last + last_interest
    even = zero | tiny
    if np.any(even):  # interest-free or tiny: even principal parts, interest walked
        ep_payment, ep_interest, ep_last = _equal_principal_totals(
            balance, a, b, span, mode, keep=periods
        )
        payment = np.where(even, ep_payment, payment)
        interest = np.where(even, ep_interest, interest)
        last = np.where(even, ep_last, last)
    return payment, interest, last


def _equal_principal_totals(  # noqa: PLR0917 - the loans' columns, passed as arrays
    balance: Ints, a: Ints, b: Ints, periods: Ints, mode: RoundingMode, keep: Ints | None = None
) -> tuple[Ints, Ints, Ints]:
    keep = periods if keep is None else keep
    remaining = balance.copy()
    total = np.zeros_like(balance)
    first = np.zeros_like(balance)
    last = np.zeros_like(balance)
    for k in range(int(keep.max(initial=0))):
        live = k < keep
        due = _round(remaining * a, b, mode)
        part = (balance * (k + 1)) // periods - (balance * k) // periods
        part = np.where(k == keep - 1, remaining, part)  # the last kept row settles all
        if k == 0:
            first = due + part
        last = np.where(k == keep - 1, due + part, last)
        total += np.where(live, due, 0)
        remaining = np.where(live, remaining - part, remaining)
    return first, total, last
