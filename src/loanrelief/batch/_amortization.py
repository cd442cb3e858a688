"""Schedules of many loans: their totals without rows, or their rows block by block.

Loans here are regular: equal periods at ``annual_rate / periods per year``, no grace
periods, fees or odd first period (use :func:`loanrelief.amortize` for those). Every
figure equals the one-loan :func:`loanrelief.amortize` result to the minor unit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.currency import currency_digits
from loanrelief._foundations.dates import Frequency
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    Bools,
    Floats,
    Ints,
    RoundingMode,
    decimal_of,
    minor_array,
    parse_rate,
    round_array,
    round_ratio,
    to_major,
)
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import a_flag, common_shape, parse_enum, read_once, unmasked
from loanrelief._loans.amortization import (
    amortize,
    amortizing_rows,
    flat_repaid,
    keeps_lowered,
    level_payment,
    lowers_payment,
    raises_payment,
    splits_evenly,
    within_int64,
)
from loanrelief._loans.terms import MAX_TERM, MAX_YEARS, Loan, Method
from loanrelief.batch import _kernels as kernels

__all__ = ["ScheduleBlock", "amortize_totals", "schedules"]

TOTALS = ("payment", "last_payment", "total_interest", "total_paid", "residue")
"""The arrays :func:`amortize_totals` returns, by name, in order."""

_LIMIT = 2**62  # products of balance and rate numerator must stay below this in int64
# A currency of each number of minor-unit digits, to build a one-loan Loan of a batch.
_CURRENCY_OF_DIGITS = {0: "JPY", 2: None, 3: "KWD", 4: "CLF"}


@dataclass(frozen=True)
class Loans:
    """Validated columns of loans: minor units and exact periodic rates.

    ``rate = numerator / denominator`` per period, ``span`` the periods the level
    payment amortizes over (``periods`` but for a balloon). The first period's rate
    is ``first_numerator / first_denominator``: the regular rate for a regular loan, or
    that of a short or long first period (a re-amortization starting between due
    dates); the level-payment and equal-principal engines honour it.
    """

    balance: Ints
    numerator: Ints
    denominator: Ints
    periods: Ints
    span: Ints
    method: Method
    mode: RoundingMode
    digits: int
    first_numerator: Ints
    first_denominator: Ints
    frequency: Frequency = Frequency.MONTHLY

    def take(self, index: Ints | Bools) -> Loans:
        """Return the loans at ``index`` (positions or a mask)."""
        return Loans(
            self.balance[index],
            self.numerator[index],
            self.denominator[index],
            self.periods[index],
            self.span[index],
            self.method,
            self.mode,
            self.digits,
            self.first_numerator[index],
            self.first_denominator[index],
            self.frequency,
        )

    def beyond_int64(self) -> Bools:
        """Return which loans' products could pass ``int64`` in the array kernels.

        Those (balances near 10**12 at high rates over decades) take the one-loan
        engine, in Python integers, so the batch still equals it for every loan.
        """
        rate = np.maximum(self.numerator, self.first_numerator).astype(np.float64)
        size: Bools = self.balance.astype(np.float64) * rate * self.span >= _LIMIT / 4
        return size

    def one_loan_rows(self, k: int) -> tuple[list[int], list[int]]:
        """Return loan ``k``'s interest and principal rows from the one-loan engine."""
        balance = int(self.balance[k])
        if self.method in (Method.ANNUITY, Method.BALLOON):
            interest, principal = amortizing_rows(
                balance, self.rates(k), self.mode, int(self.periods[k])
            )
        else:  # a regular loan: its period rate is the annual rate over the frequency
            annual = Fraction(int(self.numerator[k]), int(self.denominator[k]))
            annual *= self.frequency.periods_per_year
            schedule = amortize(
                Loan(
                    to_major(balance, self.digits),
                    decimal_of(annual),
                    int(self.periods[k]),
                    start=date(2000, 1, 1),
                    method=self.method,
                    frequency=self.frequency,
                    rounding=self.mode,
                    currency=_CURRENCY_OF_DIGITS[self.digits],
                )
            )
            interest = schedule.minor_columns["interest"].tolist()
            principal = schedule.minor_columns["principal"].tolist()
        if not within_int64(balance, interest, principal):
            raise InvalidTermsError(
                f"principal[{k}]",
                to_major(balance, self.digits),
                "a loan whose schedule stays below 2**62 minor units (this one grows "
                "past it); lower the rate, term or principal",
            )
        return interest, principal

    def first_interest(self) -> Ints:
        """Interest of each loan's first period, on its whole balance."""
        return round_array(self.balance, self.first_numerator, self.first_denominator, self.mode)

    def rates(self, k: int) -> list[Fraction]:
        """Return the exact rate of each of loan ``k``'s periods over its span."""
        first = Fraction(int(self.first_numerator[k]), int(self.first_denominator[k]))
        regular = Fraction(int(self.numerator[k]), int(self.denominator[k]))
        return [first] + [regular] * (int(self.span[k]) - 1)

    def __len__(self) -> int:
        return len(self.balance)


def first_bad(
    bad: Bools,
    field: str,
    values: npt.NDArray[Any],
    rule: str,
    error: type[InvalidValueError] = InvalidValueError,
) -> None:
    """Raise ``error`` for the first ``True`` of ``bad``, naming the loan's index."""
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        raise error(f"{field}[{k}]", values[k].item(), rule)


def check_block_size(block_size: object) -> None:
    """Refuse a ``block_size`` that is not a whole number of loans, at least 1."""
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 1:
        raise InvalidValueError("block_size", block_size, "a whole number of loans, at least 1")


def _rates(annual_rate: npt.ArrayLike, periods_per_year: int, count: int) -> tuple[Ints, Ints]:
    """Each loan's periodic rate as an exact fraction ``numerator / denominator``.

    Numbers as ``Loan`` reads them: integers and floats (by their shortest decimal
    form); anything else element by element through ``parse_rate``; never a bool.
    """
    given = numbers(annual_rate, "annual_rate", count)
    if given.dtype.kind not in "iuf":
        given = np.array(
            [float(parse_rate(v, field=f"annual_rate[{k}]")) for k, v in enumerate(given)]
        )
    rates = given.astype(np.float64)
    first_bad(
        ~np.isfinite(rates) | (rates < 0) | (rates > 10),
        "annual_rate",
        rates,
        "a fraction from 0 to 10",
    )
    scale = 10**8  # rates are read to 8 decimal places, exactly as their decimal form
    numerators = np.round(rates * scale).astype(np.int64)
    off = np.abs(numerators / scale - rates) > 1e-15 * np.maximum(rates, 1)
    first_bad(off, "annual_rate", rates, "at most 8 decimal places")
    denominators = np.full(count, scale * periods_per_year, dtype=np.int64)
    common = np.gcd(numerators, denominators)
    common[common == 0] = 1
    return numerators // common, denominators // common


def numbers(values: object, field: str, count: int) -> npt.NDArray[Any]:
    """Return ``values`` as a 1-D array of ``count`` elements (broadcast), never of bools."""
    unmasked(values, field)
    try:
        array = np.broadcast_to(np.asarray(values), (count,))
    except (TypeError, ValueError):
        raise InvalidValueError(
            field, values, f"a value or {count} values, one per loan"
        ) from None
    if array.dtype.kind == "b":
        raise InvalidTypeError(field, values, "numbers, not True or False")
    return array


def _count(principal: object, annual_rate: object, term: object) -> int:
    """Return the number of loans: the columns' common length (a single value repeats)."""
    columns = {"principal": principal, "annual_rate": annual_rate, "term": term}
    for name, column in columns.items():
        unmasked(column, name)
        try:
            dimensions = np.ndim(column)  # type: ignore[arg-type]
        except ValueError:
            raise InvalidValueError(name, column, "one value per loan (1-D)") from None
        if dimensions > 1:
            raise InvalidValueError(name, column, "one dimension: one value per loan")
    # The column whose length differs is named (an empty one beside two of 3 loans).
    valid = "principal, annual_rate and term of one length (or single values)"
    shape = common_shape(columns, valid)
    return shape[0] if shape else 1


def _whole(values: npt.ArrayLike, field: str, count: int, low: int, high: int) -> Ints:
    """Validate an array of whole numbers of periods, one per loan."""
    array = numbers(values, field, count)
    if array.dtype.kind not in "iu":
        raise InvalidValueError(field, values, "whole numbers of periods")
    first_bad((array < low) | (array > high), field, array, f"a whole number from {low} to {high}")
    return array.astype(np.int64)


def parse_loans(
    principal: npt.ArrayLike,
    annual_rate: npt.ArrayLike,
    term: npt.ArrayLike,
    *,
    method: Method | str,
    frequency: Frequency | str,
    amortization_term: npt.ArrayLike | None,
    rounding: RoundingMode | str,
    digits: int,
    minor_units: bool,
) -> Loans:
    """Validate the columns of a batch, naming the index of the first bad loan."""
    # Each column read once (its length, then its values, are read below).
    principal, annual_rate, term = (read_once(column) for column in (principal, annual_rate, term))
    amortization_term = read_once(amortization_term)
    kind = parse_enum(method, Method, "method")
    mode = parse_enum(rounding, RoundingMode, "rounding")
    per_year = parse_enum(frequency, Frequency, "frequency").periods_per_year
    digits = currency_digits(digits)
    minor_units = a_flag(minor_units, "minor_units")
    count = _count(principal, annual_rate, term)
    with contextlib.suppress(TypeError, ValueError):  # else minor_array says what is wrong
        principal = np.broadcast_to(np.asarray(principal), (count,))
    balance = minor_array(
        principal, field="principal", digits=digits, minor_units=minor_units, minimum=1
    )
    count = balance.shape[0]
    periods = _whole(term, "term", count, 1, min(MAX_TERM, MAX_YEARS * per_year))
    numerator, denominator = _rates(annual_rate, per_year, count)
    span = periods
    if kind is Method.BALLOON:
        if amortization_term is None:
            raise InvalidValueError("amortization_term", None, "periods for balloon loans")
        span = _whole(amortization_term, "amortization_term", count, 1, MAX_TERM)
        first_bad(span < periods, "amortization_term", span, "at least the term")
    return Loans(
        balance,
        numerator,
        denominator,
        periods,
        span,
        kind,
        mode,
        digits,
        numerator,
        denominator,
        parse_enum(frequency, Frequency, "frequency"),
    )


def _level_payments(loans: Loans) -> Ints:
    """Return each loan's rounded level payment over its span: float unless near a tie.

    ``P = B (1 + r_1) (1 + r)^(n-1) r / ((1 + r)^n - 1)``: the annuity formula with
    the first period's own rate (``level_payment``'s equation for these rates).
    """
    balance, periods = loans.balance, loans.span
    r = loans.numerator / loans.denominator
    first = 1 + loans.first_numerator / loans.first_denominator
    with np.errstate(all="ignore"):
        # expm1, not exp - 1: at tiny rates the difference would cancel to noise.
        grown = np.expm1(periods * np.log1p(r))
        annuity = np.where(r > 0, grown / r, periods)
        exact = balance * first * ((grown + 1) / (1 + r)) / annuity
    nearest = np.floor(exact + 0.5)
    doubtful = np.abs(exact - np.floor(exact) - 0.5) < np.maximum(1e-6, 1e-12 * exact)
    doubtful |= ~np.isfinite(exact)
    result = nearest.astype(np.int64)
    for k in np.flatnonzero(doubtful):  # exact rational arithmetic, loan by loan
        value = level_payment(int(balance[k]), loans.rates(int(k)))
        result[k] = round_ratio(value.numerator, value.denominator, loans.mode)
    return result


def _chunks(key: Ints) -> Iterator[Ints]:
    """Yield positions of loans in blocks of ``CHUNK``, each sorted by ``key``."""
    order = np.argsort(key, kind="stable")
    for start in range(0, len(order), kernels.CHUNK):
        yield order[start : start + kernels.CHUNK]


def _level_ends(loans: Loans, payment: Ints, start: npt.ArrayLike, periods: Ints) -> Floats:
    """End balances of the fast level walk from ``start`` over ``periods``, chunk by chunk.

    The walk is at the regular rate: callers take the first period apart. A loan
    whose payment repays it early walks on below zero, and at extreme rates its
    balance can overflow to infinity: callers treat any end not above ``-P`` as an
    early payoff and redo it exactly.
    """
    begin = np.asarray(start, dtype=np.float64)
    end = np.empty(len(loans), dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for block in _chunks(periods):
            end[block] = kernels.level_walk(
                begin[block],
                loans.numerator[block].astype(np.float64),
                loans.denominator[block].astype(np.float64),
                payment[block].astype(np.float64),
                periods[block],
                loans.mode,
            )
    return end


def _even(loans: Loans) -> Bools:
    """Loans an annuity repays in even principal parts (``amortize``'s rule)."""
    regular = kernels.round_exact(loans.balance * loans.numerator, loans.denominator, loans.mode)
    largest = np.maximum(regular, loans.first_interest())
    even: Bools = splits_evenly(loans.balance, loans.span, largest)
    return even


def _annuity_totals(loans: Loans) -> tuple[Ints, Ints, Ints, Bools]:
    """Payment, total interest and last payment of level-payment loans (annuity, balloon).

    The fourth array marks the loans the fast walk did not give (the exact walk did).

    The fast walk gives ``B_n = B_0 + sum of interest - n P``, and the last kept row
    pays ``B_{n-1}`` plus its interest ``= B_n + P``. The walk never rises, so a payoff
    before the last period shows at the end as ``B_span <= -P``: then, as in
    ``amortize()``, the payment is lowered by one minor unit and walked again, and if
    that still repays early, the rows clip at zero (the exact walk).
    """
    payment = _level_payments(loans)
    interest = np.zeros_like(payment)
    last = np.zeros_like(payment)
    even = _even(loans)
    opening = loans.first_interest()  # the first period's interest, taken apart
    fits = ~even & kernels.fits_float(loans.balance + opening, loans.numerator, loans.span)
    clipped = np.zeros_like(fits)
    raised = np.zeros_like(fits)
    walk = fits
    for attempt in (0, 1):
        if not np.any(walk):
            break
        part, paid = loans.take(walk), payment[walk]
        after = part.balance + opening[walk] - paid
        kept = _level_ends(part, paid, after, part.periods - 1)
        end = _level_ends(part, paid, kept, part.span - part.periods)
        repaid_early = ~(end > -paid)  # infinite or NaN: a walk that ran away
        balance = np.where(repaid_early, 0.0, kept).astype(np.int64)  # others exact
        interest[walk] = balance - part.balance + part.periods * paid
        last[walk] = balance + paid
        early = np.zeros_like(walk)
        early[walk] = repaid_early
        beyond = np.zeros_like(walk)  # a balance left beyond a payment
        beyond[walk] = raises_payment(end, paid)  # never one repaid early, nor NaN
        if attempt:  # the lowered walks: those go back to the rounded payment
            payment[beyond] += 1
            clipped |= beyond
        else:  # rounded short of the rows' interest: raised, by the one-loan engine
            raised |= beyond
        lower = lowers_payment(early, payment, loans.span) & (attempt == 0)
        clipped |= early & ~lower
        payment[lower] -= 1
        walk = lower
    if np.any(clipped):
        part = loans.take(clipped)
        interest[clipped], last[clipped], *_ = kernels.level_walk_exact(
            part.balance,
            (part.first_numerator, part.first_denominator),
            (part.numerator, part.denominator),
            payment[clipped],
            part.span,
            part.periods,
            loans.mode,
        )
    slow = ~even & ~fits
    if np.any(slow):
        part = loans.take(slow)
        payment[slow], interest[slow], last[slow], raised[slow] = _annuity_totals_exact(
            part, payment[slow]
        )
    _one_loan_totals(loans, raised, payment, interest, last)
    if np.any(even):
        payment[even], interest[even], last[even] = _equal_principal_totals(loans.take(even))
    return payment, interest, last, clipped | slow | raised


def _annuity_totals_exact(loans: Loans, payment: Ints) -> tuple[Ints, Ints, Ints, Bools]:
    """Walk in integers, with ``amortize``'s rule: a payment repaying early is cut by one.

    A rounded payment that leaves more than a payment to the last instalment is
    raised by a unit (``amortization.amortizing_rows``): the fourth array marks those,
    whose totals the caller takes from the one-loan engine (:func:`_one_loan_totals`).
    """
    columns = (
        loans.balance,
        (loans.first_numerator, loans.first_denominator),
        (loans.numerator, loans.denominator),
    )
    walk = (loans.span, loans.periods, loans.mode)
    interest, last, early, left = kernels.level_walk_exact(*columns, payment, *walk)
    raised = raises_payment(left, payment)  # never one repaid early (left at zero)
    redo = lowers_payment(early, payment, loans.span)
    if np.any(redo):
        lowered = payment - 1
        again, again_last, _, left = kernels.level_walk_exact(*columns, lowered, *walk)
        redo &= keeps_lowered(left, lowered)  # else the rounded payment, clipped, stays
        payment = np.where(redo, lowered, payment)
        interest = np.where(redo, again, interest)
        last = np.where(redo, again_last, last)
    return payment, interest, last, raised


def _one_loan_totals(loans: Loans, mask: Bools, payment: Ints, interest: Ints, last: Ints) -> None:
    """Set the payment, total interest and last payment of the loans in ``mask``, in place.

    From the one-loan engine's rows (:meth:`Loans.one_loan_rows`): for the rare loans
    the array kernels do not give, those beyond ``int64`` and those whose rounded
    payment is raised (near-perpetuities whose payment rounds below the interest), as
    ``amortize`` does (``amortization.amortizing_rows``).
    """
    for k in np.flatnonzero(mask):
        due, repaid = loans.one_loan_rows(int(k))
        payment[k], last[k] = due[0] + repaid[0], due[-1] + repaid[-1]
        interest[k] = sum(due)


def _equal_principal_totals(loans: Loans) -> tuple[Ints, Ints, Ints]:
    """First payment, total interest and last kept payment of equal-principal walks.

    Principal parts are those of ``split_evenly(balance, span)``; the last kept row
    settles the balance left (all of it, unless a balloon keeps fewer rows).
    """
    balance, a, b, span, keep = (
        loans.balance,
        loans.numerator,
        loans.denominator,
        loans.span,
        loans.periods,
    )
    mode = loans.mode
    first_part = np.where(keep == 1, balance, balance // span)
    opening = loans.first_interest()
    first = opening + first_part
    left = balance - (balance * (keep - 1)) // span  # before the last kept row
    last = np.where(keep == 1, opening, kernels.round_exact(left * a, b, mode)) + left
    interest = opening.copy()  # the walks below add periods 2 to keep
    fast = kernels.fits_float(balance, a, span)
    for chunk in _chunks(np.where(fast, keep, 0)):
        block = chunk[fast[chunk]]
        if len(block):
            interest[block] += kernels.principal_walk(
                balance[block].astype(np.float64),
                a[block].astype(np.float64),
                b[block].astype(np.float64),
                span[block],
                keep[block],
                mode,
            ).astype(np.int64)
    if not np.all(fast):
        interest[~fast] += kernels.principal_walk_exact(
            balance[~fast], a[~fast], b[~fast], span[~fast], keep[~fast], mode
        )
    return first, interest, last


def totals(loans: Loans) -> tuple[Ints, Ints, Ints]:
    """Regular payment, total interest and last payment of each loan, minor units.

    Loans beyond ``int64`` take the one-loan engine's rows (``Loans.one_loan_rows``).
    """
    large = loans.beyond_int64()
    if np.any(large):
        payment = np.zeros(len(loans), dtype=np.int64)
        interest, last = np.zeros_like(payment), np.zeros_like(payment)
        if not np.all(large):
            parts = _kernel_totals(loans.take(~large))
            payment[~large], interest[~large], last[~large] = parts
        _one_loan_totals(loans, large, payment, interest, last)
        return payment, interest, last
    return _kernel_totals(loans)


def _kernel_totals(loans: Loans) -> tuple[Ints, Ints, Ints]:
    """:func:`totals` of loans within ``int64``, by the array kernels."""
    balance, a, b, periods, mode = (
        loans.balance,
        loans.numerator,
        loans.denominator,
        loans.periods,
        loans.mode,
    )
    kind = loans.method
    if kind in (Method.ANNUITY, Method.BALLOON):
        payment, interest, last, _ = _annuity_totals(loans)
        payment = np.where(periods == 1, last, payment)  # a single row is the last one
    elif kind is Method.EQUAL_PRINCIPAL:
        payment, interest, last = _equal_principal_totals(loans)
    elif kind is Method.INTEREST_ONLY:
        each = kernels.round_exact(balance * a, b, mode)
        interest = each * periods
        last = each + balance
        payment = np.where(periods == 1, last, each)  # a single row carries the principal
    elif kind is Method.BULLET:
        interest = kernels.round_exact(balance * a * periods, b, mode)
        payment = last = balance + interest
    else:  # flat: the first and last rows of amortize's flat rule
        interest = kernels.round_exact(balance * a * periods, b, mode)
        first_interest = kernels.round_exact(balance * a, b, mode)
        before_last = kernels.round_exact(balance * a * (periods - 1), b, mode)
        first = flat_repaid(balance, first_interest, interest, 1, periods, equal=True)
        repaid = flat_repaid(balance, before_last, interest, periods - 1, periods, equal=True)
        payment = first + first_interest
        last = balance - repaid + interest - before_last
    return payment, interest, last


def amortize_totals(
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
        ``payment`` (the regular payment), ``last_payment``, ``total_interest``,
        ``total_paid`` and ``residue`` (what the last payment differs from the regular
        one by: the rounding residue an annuity's last row absorbs, or a balloon):
        each equal to the one-loan :func:`loanrelief.amortize` result to the minor unit.

    Raises
    ------
    InvalidValueError
        Naming the first bad loan, e.g. ``principal[17]``.

    Notes
    -----
    No schedule is materialized. A level-payment loan is walked period by period,
    ``B_k = B_{k-1} + round(B_{k-1} r) - P``, vectorised across loans in blocks of
    16,384 sorted by term (in ``float64`` where every value is an integer below
    ``2**50``, which is then exact; in ``int64`` otherwise); then
    ``total interest = B_n - B_0 + n P`` and the last payment is ``B_n + P``. The
    rounding rules are those of :func:`loanrelief.amortize`.

    Examples
    --------
    >>> totals = amortize_totals([200000, 50000], [0.06, 0.18], [240, 24])
    >>> totals["payment"].tolist(), totals["total_interest"].tolist()
    ([1432.86, 2496.21], [143887.3, 9908.92])
    >>> totals["residue"].tolist()
    [0.9, -0.12]
    """
    loans = parse_loans(
        principal,
        annual_rate,
        term,
        method=method,
        frequency=frequency,
        amortization_term=amortization_term,
        rounding=rounding,
        digits=digits,
        minor_units=minor_units,
    )
    payment, interest, last = totals(loans)
    paid = loans.balance + interest
    figures = dict(zip(TOTALS, (payment, last, interest, paid, last - payment), strict=True))
    if minor_units:
        return figures
    return {name: values / 10**digits for name, values in figures.items()}


@dataclass(frozen=True)
class ScheduleBlock:
    """Full schedules of a block of consecutive loans of a batch, in minor units.

    Row ``j`` of each array is loan ``start + j`` of the batch; column ``k`` its
    instalment ``k + 1``. Columns past a loan's ``rows`` are zero.

    Attributes
    ----------
    start : int
        Index in the batch of the block's first loan.
    rows : numpy.ndarray
        Number of instalments of each loan (its term; 1 for a bullet loan).
    interest, principal : numpy.ndarray
        ``int64`` minor units, shape ``(loans, most rows)``.

    Examples
    --------
    >>> block = next(schedules([1000], [0.12], [3]))
    >>> block.payment.tolist(), block.balance.tolist()
    ([[34002, 34002, 34003]], [[66998, 33666, 0]])
    """

    start: int
    rows: Ints
    interest: Ints
    principal: Ints

    __repr__ = result_repr_of("start")

    @property
    def payment(self) -> Ints:
        """Each instalment, ``interest + principal``."""
        total: Ints = self.interest + self.principal
        return total

    @property
    def balance(self) -> Ints:
        """The balance after each instalment (zero after the last)."""
        paid = np.cumsum(self.principal, axis=1)
        left: Ints = paid[:, -1:] - paid
        return left

    def __len__(self) -> int:
        return len(self.rows)


def _annuity_rows(loans: Loans) -> tuple[Ints, Ints]:
    """Interest and principal rows of level-payment loans, shape ``(loans, periods)``."""
    payment, _, last, irregular = _annuity_totals(loans)
    even = _even(loans)
    fast = ~even & ~irregular
    width = int(loans.periods.max())
    index = np.arange(len(loans))
    order = np.argsort(np.where(fast, loans.periods, 0), kind="stable")
    order = order[fast[order]]
    walked = np.zeros((width, len(order)))  # period by period: each row is contiguous
    opening = loans.first_interest()[order]  # the first period, at its own rate
    walked[0] = opening
    kernels.level_walk(
        (loans.balance[order] + opening - payment[order]).astype(np.float64),
        loans.numerator[order].astype(np.float64),
        loans.denominator[order].astype(np.float64),
        payment[order].astype(np.float64),
        loans.periods[order] - 1,
        loans.mode,
        rows=walked[1:],
    )
    interest = np.zeros((len(loans), width), dtype=np.int64)
    interest[order] = walked.T
    principal = payment[:, None] - interest
    if np.any(loans.periods < width):  # rows past a shorter term are empty
        principal *= np.arange(width) < loans.periods[:, None]
    final = (index, loans.periods - 1)
    principal[final] = last - interest[final]  # the last row settles the balance
    if np.any(even):
        interest[even], principal[even] = _equal_principal_rows(loans.take(even), width)
    for k in np.flatnonzero(irregular):  # rare: rows clipped at zero, or beyond float
        due, repaid = amortizing_rows(
            int(loans.balance[k]), loans.rates(int(k)), loans.mode, int(loans.periods[k])
        )
        interest[k], principal[k] = 0, 0
        interest[k, : len(due)], principal[k, : len(repaid)] = due, repaid
    return interest, principal


def _equal_principal_rows(loans: Loans, width: int) -> tuple[Ints, Ints]:
    """Equal-principal rows (closed form: each balance is known without a walk)."""
    k = np.arange(width + 1, dtype=np.int64)
    keep, span, balance = loans.periods[:, None], loans.span[:, None], loans.balance[:, None]
    repaid = (balance * np.minimum(k, span)) // span  # parts of split_evenly(balance, span)
    repaid = np.where(k < keep, repaid, balance)  # the last kept row settles
    principal = np.diff(repaid, axis=1)
    left = balance - repaid[:, :-1]
    interest = kernels.round_exact(
        left * loans.numerator[:, None], loans.denominator[:, None], loans.mode
    )
    interest[:, 0] = loans.first_interest()  # the first period, at its own rate
    return interest * (k[:-1] < keep), principal


def method_rows(loans: Loans) -> tuple[Ints, Ints]:
    """Interest and principal rows of each loan, shape ``(loans, most rows)``.

    The array kernels give them, but for loans beyond ``int64`` (``beyond_int64``),
    which the one-loan engine gives.
    """
    large = loans.beyond_int64()
    if not np.any(large):
        return _kernel_rows(loans)
    width = 1 if loans.method is Method.BULLET else int(loans.periods.max())
    interest = np.zeros((len(loans), width), dtype=np.int64)
    principal = np.zeros_like(interest)
    if not np.all(large):
        small = ~large
        due, repaid = _kernel_rows(loans.take(small))
        interest[small, : due.shape[1]] = due
        principal[small, : repaid.shape[1]] = repaid
    for k in np.flatnonzero(large):
        due_k, repaid_k = loans.one_loan_rows(int(k))
        interest[k, : len(due_k)] = due_k
        principal[k, : len(repaid_k)] = repaid_k
    return interest, principal


def _kernel_rows(loans: Loans) -> tuple[Ints, Ints]:
    """Interest and principal rows of loans within ``int64``, by the array kernels."""
    kind, mode = loans.method, loans.mode
    if kind in (Method.ANNUITY, Method.BALLOON):
        return _annuity_rows(loans)
    width = int(loans.periods.max())
    if kind is Method.EQUAL_PRINCIPAL:
        return _equal_principal_rows(loans, width)
    balance, a, b = loans.balance[:, None], loans.numerator[:, None], loans.denominator[:, None]
    periods = loans.periods[:, None]
    if kind is Method.BULLET:
        return kernels.round_exact(balance * a * periods, b, mode), balance
    k = np.arange(width + 1, dtype=np.int64)
    live = k[1:] <= periods
    if kind is Method.INTEREST_ONLY:
        interest = kernels.round_exact(balance * a, b, mode) * live
        return interest, np.where(k[1:] == periods, balance, 0)
    # Flat: interest by cumulative rounding, principal by amortize's flat rule.
    upto = np.minimum(k, periods)
    accrued = kernels.round_exact(balance * a * upto, b, mode)
    repaid = flat_repaid(balance, accrued, accrued[:, -1:], upto, periods, equal=True)
    return np.diff(accrued, axis=1), np.diff(repaid, axis=1)


def schedules(
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
    block_size: int = 10_000,
) -> Iterator[ScheduleBlock]:
    """Yield the full schedules of many loans, block by block, in minor units.

    Parameters
    ----------
    principal, annual_rate, term, method, frequency, amortization_term, rounding, digits
        As for :func:`amortize_totals`.
    minor_units : bool, default False
        Take ``principal`` in minor units (rows are always ``int64`` minor units).
    block_size : int, default 10,000
        Loans per block: memory is about ``block_size x most rows x 16`` bytes.

    Yields
    ------
    ScheduleBlock
        Interest and principal of every instalment of ``block_size`` consecutive
        loans, equal to :func:`loanrelief.amortize`'s rows to the minor unit.

    Raises
    ------
    InvalidValueError
        Naming the first bad loan, or a ``block_size`` below 1.

    Notes
    -----
    All loans are validated before the first block is yielded. Level-payment rows
    come from the same walk as :func:`amortize_totals` (interest rounded from each
    balance, principal the payment less interest, the last row settling the balance).
    Loans the fast walk cannot take exactly (amounts beyond ``2**50`` minor units
    times the rate numerator, or an early payoff at extreme rates) are built one by
    one by the one-loan engine.

    Examples
    --------
    >>> block = next(schedules([1000, 500], [0.12, 0.0], [3, 2]))
    >>> block.interest.tolist(), block.principal.tolist()
    ([[1000, 670, 337], [0, 0, 0]], [[33002, 33332, 33666], [25000, 25000, 0]])
    """
    check_block_size(block_size)
    loans = parse_loans(
        principal,
        annual_rate,
        term,
        method=method,
        frequency=frequency,
        amortization_term=amortization_term,
        rounding=rounding,
        digits=digits,
        minor_units=minor_units,
    )
    for start in range(0, len(loans), block_size):
        block = loans.take(np.arange(start, min(start + block_size, len(loans))))
        interest, principal_rows = method_rows(block)
        rows = np.ones_like(block.periods) if block.method is Method.BULLET else block.periods
        yield ScheduleBlock(start, rows, interest, principal_rows)
