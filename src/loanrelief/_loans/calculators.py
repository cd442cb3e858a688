"""The calculators everyone reaches for, and the loan-shaped questions behind them.

:func:`pmt`, :func:`ipmt`, :func:`ppmt`, :func:`pv`, :func:`fv`, :func:`nper`,
:func:`rate` and :func:`mirr` take numpy-financial's arguments in its order with its
meaning (money paid out negative, ``when="end"`` or ``"begin"``), broadcast over arrays
the same way, and return its floats, so a user can switch; :func:`cumipmt` and
:func:`cumprinc` are the spreadsheet functions of those names. Where numpy-financial
answers NaN, infinity or a negative number of periods, these raise an error naming the
argument. :func:`rate` finds every rate rigorously (:func:`loanrelief.tvm.irr`) instead of
iterating from a guess.

They are the time-value formulas, in floats. The loan-shaped question in exact cents on
real dates, "how many instalments does this payment need?", is
:func:`term_for_payment`; "what payment does this term need?" is
``amortize(Loan(...)).regular_payment``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, final

import numpy as np
import numpy.typing as npt
import numpy_financial as npf

from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidValueError,
    LoanReliefError,
    NoSolutionError,
)
from loanrelief._foundations.money import Money, to_major, to_minor
from loanrelief._foundations.validate import Choice, an_instance, number_array, parse_enum
from loanrelief._loans.amortization import amortize
from loanrelief._loans.cashflows import irr
from loanrelief._loans.rate_solving import RootChoice
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import MAX_TERM, MAX_YEARS, Loan, Method
from loanrelief._loans.truecost import level_payment_apr

__all__ = [
    "When",
    "cumipmt",
    "cumprinc",
    "fv",
    "ipmt",
    "mirr",
    "nper",
    "pmt",
    "ppmt",
    "pv",
    "rate",
    "term_for_payment",
]


@final
class When(Choice):
    """When in each period a payment is made (numpy-financial's ``when``).

    ``"end"`` (or 0, an ordinary annuity, a loan's instalments) or ``"begin"`` (or 1,
    an annuity due, rent). The spreadsheet functions call it ``type``.

    Examples
    --------
    >>> When("begin")
    <When.BEGIN: 'begin'>
    """

    END = "end"
    BEGIN = "begin"


_MOST_PERIODS = 100_000  # whole periods a rate, cumulative sum or per may run over
_CELLS = 4_000_000  # flows per block of streams in rate (32 MB)


def _when(value: object, *, one: bool = False) -> npt.NDArray[np.int64]:
    """Return ``when`` as 0 (end) or 1 (begin), one or an array, or raise."""
    given = np.asarray(value, dtype=object)
    valid = "'end' or 'begin' (0 or 1)" + ("" if one else ", or an array of them")
    if (one and given.ndim) or given.size == 0:
        raise InvalidValueError("when", value, valid)
    flat = []
    for item in given.flat:
        if isinstance(item, str):
            flat.append(1 if parse_enum(item, When, "when") is When.BEGIN else 0)
        elif isinstance(item, int | np.integer) and not isinstance(item, bool) and item in (0, 1):
            flat.append(int(item))
        elif isinstance(item, When):
            flat.append(1 if item is When.BEGIN else 0)
        else:
            raise InvalidValueError("when", value, valid)
    return np.asarray(flat, dtype=np.int64).reshape(given.shape)


_F = TypeVar("_F", bound=Callable[..., Any])


def _broadcasting(function: _F) -> _F:
    """Turn numpy's error for arrays whose shapes do not fit into one naming an argument."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except LoanReliefError:
            raise
        except ValueError:
            bound = inspect.signature(function).bind(*args, **kwargs)
            arrays = [(name, value) for name, value in bound.arguments.items() if np.ndim(value)]
            name, value = arrays[-1] if arrays else next(iter(bound.arguments.items()))
            raise InvalidTermsError(
                name, value, "arrays whose shapes broadcast together (numpy's rules)"
            ) from None

    return wrapper  # type: ignore[return-value]


def _finite(value: object, field: str) -> npt.NDArray[np.float64]:
    """Return numbers as float64, refusing NaN and infinity, naming ``field``."""
    array = number_array(value, field)
    if not np.all(np.isfinite(array)):
        raise InvalidValueError(field, value, "finite numbers (no NaN or infinity)")
    return array


_MOST_AMOUNT = 1e17  # far beyond any loan; sums of three stay within irr's bound


def _amounts(value: object, field: str) -> npt.NDArray[np.float64]:
    """Return amounts of money: finite, at most 1e17 in magnitude."""
    array = _finite(value, field)
    if np.any(np.abs(array) > _MOST_AMOUNT):
        raise InvalidValueError(field, value, "amounts of at most 1e17 in magnitude")
    return array


_MOST_GROWTH = 600.0  # nper x log(1 + rate): e^600 x 1e17 stays a float


def _growth(
    rate: npt.NDArray[np.float64], nper: npt.NDArray[np.float64], field: str = "nper"
) -> Any:
    """Return ``n log(1 + r)``, refusing a growth ``(1 + r)^n`` beyond float range.

    ``(1 + r)^n = exp`` of it and ``(1 + r)^n - 1 = expm1`` of it, exact to a few ulps
    however small ``r`` is (the textbook ``((1 + r)^n - 1) / r`` loses every digit
    below ``r = 1e-16``).
    """
    exponent = nper * np.log1p(rate)
    if np.any(np.abs(exponent) > _MOST_GROWTH):
        raise InvalidTermsError(
            field,
            (nper if field == "nper" else rate).tolist(),
            "a rate and a number of periods whose growth (1 + rate)^nper is within"
            " e^600 (nper x log(1 + rate) <= 600)",
        )
    return exponent


def _annuity(rate: Any, nper: Any, exponent: Any, begin: Any) -> Any:
    """Return ``(1 + r w) ((1 + r)^n - 1) / r``, the value at n of 1 a period (n at r = 0)."""
    safe = np.where(rate == 0, 1.0, rate)
    return np.where(rate == 0, nper, (1 + rate * begin) * np.expm1(exponent) / safe)


def _answer(result: Any, nper: object, what: str) -> Any:
    """Return a 0-d result as a float, an array as it is; refuse ``nper`` past float range.

    With amounts at most 1e17 and the growth within e^600, only a number of periods
    far from any loan's makes an answer overflow: a fraction of a period so small
    that the payment is beyond 1.8e308 (``pmt(0, 5e-324, 1)``), or so many periods
    that the payments add up past it (``pv(0, 1e300, 1e17)``). The exact answer is
    then no float either, so it is refused rather than returned as an infinity.
    """
    array = np.asarray(result, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise InvalidTermsError(
            "nper",
            nper,
            f"a number of periods whose {what} is within float range (below 1.8e308 in magnitude)",
        )
    return float(array) if array.ndim == 0 else array


def _rates(value: object, field: str = "rate") -> npt.NDArray[np.float64]:
    """Return rates per period: finite and above -1 (-100 %)."""
    array = _finite(value, field)
    if np.any(array <= -1):
        raise InvalidValueError(field, value, "rates per period above -1 (-100 %)")
    return array


def _counts(value: object, field: str, *, zero: bool) -> npt.NDArray[np.float64]:
    """Return numbers of periods: finite, positive (or zero where ``zero``)."""
    array = _finite(value, field)
    if np.any(array < 0) or (not zero and np.any(array == 0)):
        raise InvalidValueError(
            field, value, "numbers of periods " + ("of 0 or more" if zero else "above 0")
        )
    return array


@_broadcasting
def fv(
    rate: npt.ArrayLike,
    nper: npt.ArrayLike,
    pmt: npt.ArrayLike,
    pv: npt.ArrayLike,
    when: Any = "end",
) -> Any:
    """Return the future value: what ``pv`` and ``nper`` payments ``pmt`` grow to.

    Parameters
    ----------
    rate : array_like
        Rate per period (0.05 for 5 %), above -1.
    nper : array_like
        Number of periods, 0 or more.
    pmt : array_like
        Payment each period (negative when paid out).
    pv : array_like
        Present value (negative when paid out).
    when : {"end", "begin", 0, 1} or array_like of them, default "end"

    Returns
    -------
    float or numpy.ndarray
        ``fv`` with ``fv + pv (1 + r)^n + pmt (1 + r w) ((1 + r)^n - 1) / r = 0``
        (``pmt n`` in place of the last term at ``r = 0``; ``w`` 1 for "begin").

    References
    ----------
    numpy-financial ``fv``; OASIS OpenFormula 1.2, section 6.12.20 (FV).

    Examples
    --------
    >>> round(fv(0.075, 20, -2000, 0), 6)  # saving 2,000 a year for 20 years at 7.5 %
    86609.362673
    """
    rates, periods = _rates(rate), _counts(nper, "nper", zero=True)
    payment, present = _amounts(pmt, "pmt"), _amounts(pv, "pv")
    future = _future(rates, periods, payment, present, _when(when))
    return _answer(future, nper, "future value")


def _future(rate: Any, nper: Any, pmt: Any, pv: Any, begin: Any) -> Any:
    """:func:`fv` of checked arrays (an infinity where the value overflows)."""
    exponent = _growth(rate, nper)
    with np.errstate(over="ignore", invalid="ignore"):
        return -(pv * np.exp(exponent) + pmt * _annuity(rate, nper, exponent, begin))


@_broadcasting
def pv(
    rate: npt.ArrayLike,
    nper: npt.ArrayLike,
    pmt: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
) -> Any:
    """Return the present value of ``nper`` payments ``pmt`` and a final ``fv``.

    Parameters
    ----------
    rate, nper, pmt, when
        As :func:`fv`.
    fv : array_like, default 0
        Future value (a balloon or a savings target).

    Returns
    -------
    float or numpy.ndarray
        ``pv`` solving the equation of :func:`fv`.

    References
    ----------
    numpy-financial ``pv``; OASIS OpenFormula 1.2, section 6.12.40 (PV).

    Examples
    --------
    >>> round(pv(0.07, 20, 12000), 2)  # what 12,000 a year for 20 years is worth at 7 %
    -127128.17
    """
    rates, periods = _rates(rate), _counts(nper, "nper", zero=True)
    payment, future = _amounts(pmt, "pmt"), _amounts(fv, "fv")
    exponent = _growth(rates, periods)
    with np.errstate(over="ignore", invalid="ignore"):
        annuity = _annuity(rates, periods, exponent, _when(when))
        present = -(future + payment * annuity) * np.exp(-exponent)
    return _answer(present, nper, "present value")


@_broadcasting
def pmt(
    rate: npt.ArrayLike,
    nper: npt.ArrayLike,
    pv: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
) -> Any:
    """Return the level payment per period that turns ``pv`` into ``fv`` over ``nper``.

    Parameters
    ----------
    rate, when
        As :func:`fv`.
    nper : array_like
        Number of periods, above 0.
    pv : array_like
        Present value: the amount lent (positive gives a negative payment).
    fv : array_like, default 0
        What is left at the end.

    Returns
    -------
    float or numpy.ndarray
        ``pmt = -(fv + pv (1 + r)^n) r / ((1 + r w) ((1 + r)^n - 1))``, or
        ``-(fv + pv) / n`` at ``r = 0``. Unrounded: the exact level payment of a loan in
        cents on its real dates is ``amortize(Loan(...)).regular_payment``.

    References
    ----------
    numpy-financial ``pmt``; OASIS OpenFormula 1.2, section 6.12.36 (PMT).

    Examples
    --------
    >>> round(pmt(0.08 / 12, 60, 15000), 6)
    -304.145914
    """
    rates, periods = _rates(rate), _counts(nper, "nper", zero=False)
    present, future = _amounts(pv, "pv"), _amounts(fv, "fv")
    payment = _payment(rates, periods, present, future, _when(when))
    return _answer(payment, nper, "payment")


def _payment(rate: Any, nper: Any, pv: Any, fv: Any, begin: Any) -> Any:
    """:func:`pmt` of checked arrays (an infinity where the payment overflows)."""
    exponent = _growth(rate, nper)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return -(fv + pv * np.exp(exponent)) / _annuity(rate, nper, exponent, begin)


def _interest(rate: Any, per: Any, nper: Any, pv: Any, fv: Any, *, begin: Any) -> Any:
    """:func:`ipmt` of checked arrays: interest on the balance after ``per - 1`` payments.

    numpy-financial's rule: in an annuity due (``begin``) the first period earns none
    and the others are discounted one period.
    """
    payment = _payment(rate, nper, pv, fv, begin)
    interest = _future(rate, per - 1, payment, pv, begin) * rate
    interest = np.where(begin == 1, interest / (1 + rate), interest)
    return payment, np.where((begin == 1) & (per == 1), 0.0, interest)


def _per(per: object, nper: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return period numbers: whole, from 1 to ``nper``."""
    periods = _finite(per, "per")
    if np.any(periods != np.round(periods)) or np.any(periods < 1):
        raise InvalidValueError("per", per, "whole period numbers of 1 or more")
    try:
        beyond = np.any(periods > nper)
    except ValueError:
        raise InvalidTermsError("per", per, "period numbers that broadcast against nper") from None
    if beyond:
        raise InvalidTermsError("per", per, "period numbers no later than nper")
    return periods


def _parts(  # noqa: PLR0917 (ipmt's and ppmt's arguments, as given)
    rate: object, per: object, nper: object, pv: object, fv: object, when: object
) -> tuple[Any, Any]:
    """Check ipmt's or ppmt's arguments; return the payment and its interest part."""
    rates, periods = _rates(rate), _counts(nper, "nper", zero=False)
    number = _per(per, periods)
    present, future = _amounts(pv, "pv"), _amounts(fv, "fv")
    payment, interest = _interest(rates, number, periods, present, future, begin=_when(when))
    return payment, interest


@_broadcasting
def ipmt(  # noqa: PLR0917 (numpy-financial's and the spreadsheets' order)
    rate: npt.ArrayLike,
    per: npt.ArrayLike,
    nper: npt.ArrayLike,
    pv: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
) -> Any:
    """Return the interest part of payment ``per`` of a level-payment loan.

    Parameters
    ----------
    rate, nper, pv, fv, when
        As :func:`pmt`.
    per : array_like
        The period, a whole number from 1 to ``nper``.

    Returns
    -------
    float or numpy.ndarray
        Interest on the balance after ``per - 1`` payments (0 in the first period of a
        "begin" annuity, paid before any interest is earned).

    References
    ----------
    numpy-financial ``ipmt``; OASIS OpenFormula 1.2, section 6.12.24 (IPMT).

    Examples
    --------
    >>> round(ipmt(0.1 / 12, 1, 24, 2000), 6)
    -16.666667
    """
    return _answer(_parts(rate, per, nper, pv, fv, when)[1], nper, "interest part")


@_broadcasting
def ppmt(  # noqa: PLR0917 (numpy-financial's and the spreadsheets' order)
    rate: npt.ArrayLike,
    per: npt.ArrayLike,
    nper: npt.ArrayLike,
    pv: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
) -> Any:
    """Return the principal part of payment ``per``: ``pmt - ipmt``.

    Parameters
    ----------
    rate, per, nper, pv, fv, when
        As :func:`ipmt`.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    numpy-financial ``ppmt``; OASIS OpenFormula 1.2, section 6.12.37 (PPMT).

    Examples
    --------
    >>> round(ppmt(0.1 / 12, 1, 60, 55000), 2)
    -710.25
    """
    payment, interest = _parts(rate, per, nper, pv, fv, when)
    return _answer(payment - interest, nper, "principal part")


@_broadcasting
def nper(
    rate: npt.ArrayLike,
    pmt: npt.ArrayLike,
    pv: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
) -> Any:
    """Return the number of periods (a fraction) that payments ``pmt`` need.

    Parameters
    ----------
    rate, pmt, pv, fv, when
        As :func:`fv`.

    Returns
    -------
    float or numpy.ndarray
        ``n`` solving the equation of :func:`fv`: ``log((pmt (1 + r w) - fv r) /
        (pmt (1 + r w) + pv r)) / log(1 + r)``, or ``-(fv + pv) / pmt`` at ``r = 0``.
        A loan repaid by these payments takes ``ceil(n)`` of them, the last smaller
        (:func:`term_for_payment` in exact cents).

    Raises
    ------
    NoSolutionError
        Naming ``pmt`` where no number of periods works: a payment that does not cover
        the interest (the balance never falls), or of the wrong sign.

    References
    ----------
    numpy-financial ``nper``; OASIS OpenFormula 1.2, section 6.12.29 (NPER).

    Examples
    --------
    >>> round(nper(0.01, -1000, 20000), 2)  # 20,000 at 1 % a month, 1,000 a month
    22.43
    """
    rates = _rates(rate)
    payment, present, future = _amounts(pmt, "pmt"), _amounts(pv, "pv"), _amounts(fv, "fv")
    begin = _when(when)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # log1p(-r (fv + pv) / (pv r + pmt (1 + r w))) / log1p(r): exact for small r
        share = -rates * (future + present) / (present * rates + payment * (1 + rates * begin))
        safe = np.where(rates == 0, 1.0, rates)
        result = np.where(
            rates == 0, -(future + present) / payment, np.log1p(share) / np.log1p(safe)
        )
    if not np.all(np.isfinite(result)) or np.any(result < 0):
        raise NoSolutionError(
            "pmt",
            pmt,
            "payments that reach fv: of the opposite sign to pv and larger than the"
            " interest each period (pv x rate)",
        )
    return float(result) if result.ndim == 0 else result


@_broadcasting
def rate(  # noqa: PLR0917 (numpy-financial's and the spreadsheets' order)
    nper: npt.ArrayLike,
    pmt: npt.ArrayLike,
    pv: npt.ArrayLike,
    fv: npt.ArrayLike = 0,
    when: Any = "end",
    guess: float | None = None,
) -> Any:
    """Return the rate per period at which ``nper`` payments ``pmt`` turn ``pv`` into ``fv``.

    Parameters
    ----------
    nper : array_like
        Whole number of periods, 1 to 100,000.
    pmt, pv, fv, when
        As :func:`fv`.
    guess : float, optional
        Where the equation has several rates, the one nearest ``guess``; by default
        :func:`loanrelief.tvm.irr`'s: the least non-negative, else the one nearest 0.

    Returns
    -------
    float or numpy.ndarray
        The rate ``r > -1`` solving the equation of :func:`fv`: the internal rate of
        return of the flows ``pv`` at 0, ``pmt`` at the end (or start) of each period and
        ``fv`` at ``nper``, found by :func:`loanrelief.tvm.irr` (every root isolated, none
        missed), where numpy-financial iterates from a guess and may return NaN.

    Raises
    ------
    NoSolutionError
        Where no rate solves it (payments and present value of one sign).

    References
    ----------
    numpy-financial ``rate``; OASIS OpenFormula 1.2, section 6.12.41 (RATE).

    Examples
    --------
    >>> round(rate(10, 0, -3500, 10000), 6)
    0.110691
    >>> round(rate(48, -200, 8000), 10)  # the spreadsheet's RATE(48, -200, 8000)
    0.0077014725
    """
    counts = _counts(nper, "nper", zero=False)
    if np.any(counts != np.round(counts)) or np.any(counts > _MOST_PERIODS):
        raise InvalidValueError("nper", nper, f"whole numbers of periods up to {_MOST_PERIODS:,}")
    payment, present, future = _amounts(pmt, "pmt"), _amounts(pv, "pv"), _amounts(fv, "fv")
    begin = _when(when)
    if guess is not None:
        chosen = _rates(guess, "guess")
        if chosen.ndim:
            raise InvalidValueError("guess", guess, "one rate per period, not an array")
        guess = float(chosen)
    shape = np.broadcast_shapes(
        counts.shape, payment.shape, present.shape, future.shape, begin.shape
    )
    parts = np.broadcast_arrays(counts, payment, present, future, begin)
    counts, payment, present, future, begin = (np.ravel(part) for part in parts)
    answers = np.empty(counts.size)
    if not counts.size:
        return answers.reshape(shape)
    periods = counts.astype(np.int64)
    # A loan's level payments (one sign change, one rate): the closed-form solver.
    level = (future == 0) & (begin == 0) & (present * payment < 0) & (periods <= MAX_TERM)
    if counts.size == 1 and level[0]:  # one loan: level_payment_apr's float path, same bits
        answers[0] = level_payment_apr(
            abs(float(present[0])),
            abs(float(payment[0])),
            int(periods[0]),
            periods_per_year=1,
            on_no_solution="nan",
        )
    elif np.any(level):
        answers[level] = level_payment_apr(
            np.abs(present[level]),
            np.abs(payment[level]),
            periods[level],
            periods_per_year=1,
            on_no_solution="nan",
        )
    rest = np.flatnonzero(~level)
    first = 1 - begin  # the end of period 1, or its start
    size = max(1, _CELLS // (int(periods.max()) + 1))
    for low in range(0, rest.size, size):  # blocks of other streams, one irr call each
        rows = rest[low : low + size]
        n, start = periods[rows], first[rows]
        column = np.arange(int(n.max()) + 1)
        paid = (column >= start[:, None]) & (column < (start + n)[:, None])
        table = np.where(paid, payment[rows, None], 0.0)
        table[:, 0] += present[rows]
        table[np.arange(len(n)), n] += future[rows]
        if guess is None:  # irr's own choice: the least non-negative rate
            found = np.atleast_1d(irr(table, on_no_solution="nan"))
        else:
            every = irr(table, roots=RootChoice.ALL, on_no_solution="nan")
            found = np.array(
                [
                    min(roots, key=lambda r: (abs(r - guess), r)) if roots else np.nan
                    for roots in every
                ]
            )
        answers[rows] = found
    if np.any(np.isnan(answers)):
        raise NoSolutionError(
            "pmt", pmt, "payments and a present value that some rate can balance"
        )
    return float(answers[0]) if not shape else answers.reshape(shape)


def mirr(values: npt.ArrayLike, finance_rate: float, reinvest_rate: float) -> float:
    """Return the modified internal rate of return of evenly spaced flows.

    Parameters
    ----------
    values : array_like
        Flows at the end of each period, at least one negative and one positive.
    finance_rate : float
        Rate per period paid on the money put in (the negative flows).
    reinvest_rate : float
        Rate per period earned on the money received (the positive flows).

    Returns
    -------
    float
        ``(FV(positive flows at reinvest_rate) / -PV(negative flows at finance_rate))
        ^ (1 / (n - 1)) - 1`` for ``n`` flows.

    Raises
    ------
    NoSolutionError
        Naming ``values`` when they are all of one sign.

    References
    ----------
    numpy-financial ``mirr``; OASIS OpenFormula 1.2, section 6.12.27 (MIRR).

    Examples
    --------
    >>> round(mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.12), 6)
    0.126094
    """
    flows = _amounts(values, "values")
    if flows.ndim != 1 or flows.size < 2:
        raise InvalidValueError("values", values, "a sequence of at least two flows")
    if not (np.any(flows > 0) and np.any(flows < 0)):
        raise NoSolutionError("values", values, "flows with at least one of each sign")
    finance = _rates(finance_rate, "finance_rate")
    reinvest = _rates(reinvest_rate, "reinvest_rate")
    for field, value, given in (
        ("finance_rate", finance, finance_rate),
        ("reinvest_rate", reinvest, reinvest_rate),
    ):
        if value.ndim:
            raise InvalidValueError(field, given, "one rate per period, not an array")
        _growth(np.asarray(value), np.asarray(float(flows.size - 1)), field)
    with np.errstate(all="ignore"):
        result = float(npf.mirr(flows, float(finance), float(reinvest)))
        if not np.isfinite(result):  # the ratio of the two values overflowed: in logs
            n = flows.size
            grown = np.abs(npf.npv(float(reinvest), np.where(flows > 0, flows, 0.0)))
            owed = np.abs(npf.npv(float(finance), np.where(flows < 0, flows, 0.0)))
            ratio = (np.log(grown) - np.log(owed)) / (n - 1)
            result = float(np.exp(ratio + np.log1p(float(reinvest))) - 1)
    if not np.isfinite(result):
        raise InvalidValueError(
            "values",
            values,
            "flows whose modified rate of return is within float range: the positive"
            " flows' future value over the negative ones' present value at most 1.8e308",
        )
    return result


def _cumulative(
    principal: bool,
    rate: float,
    nper: int,
    pv: float,
    *,
    start_period: int,
    end_period: int,
    when: Any,
) -> float:
    """Sum the interest (or principal) parts of periods ``start_period`` to ``end_period``."""
    rates, periods, present = _rates(rate), _counts(nper, "nper", zero=False), _amounts(pv, "pv")
    for field, value, given in (
        ("rate", rates, rate),
        ("nper", periods, nper),
        ("pv", present, pv),
    ):
        if value.ndim:
            raise InvalidValueError(field, given, "one number (the spreadsheet's)")
    count = float(periods)
    if count != round(count) or count > _MOST_PERIODS:
        raise InvalidValueError("nper", nper, f"a whole number of periods up to {_MOST_PERIODS:,}")
    bounds = []
    for field, bound in (("start_period", start_period), ("end_period", end_period)):
        checked = _finite(bound, field)
        if checked.ndim or float(checked) != round(float(checked)) or float(checked) < 1:
            raise InvalidValueError(field, bound, "a whole period number of 1 or more")
        bounds.append(int(checked))
    first, last = bounds
    if last > count:
        raise InvalidTermsError("end_period", end_period, "a period no later than nper")
    if first > last:
        raise InvalidTermsError("start_period", start_period, "a period no later than end_period")
    numbers = np.arange(first, last + 1, dtype=np.float64)
    begin = _when(when, one=True)
    payment, interest = _interest(rates, numbers, periods, present, np.float64(0), begin=begin)
    total = np.sum(payment - interest if principal else interest)
    return float(_answer(total, nper, "sum"))


def cumipmt(  # noqa: PLR0917 (numpy-financial's and the spreadsheets' order)
    rate: float, nper: int, pv: float, start_period: int, end_period: int, when: Any = "end"
) -> float:
    """Return the interest paid from period ``start_period`` to ``end_period``, inclusive.

    Parameters
    ----------
    rate : float
        Rate per period.
    nper : int
        Whole number of periods.
    pv : float
        The amount lent.
    start_period, end_period : int
        The first and last period summed, ``1 <= start_period <= end_period <= nper``.
    when : {"end", "begin", 0, 1}, default "end"
        The spreadsheet's ``type``.

    Returns
    -------
    float
        ``sum of ipmt(rate, per, nper, pv, 0, when)`` over the periods (negative for a
        positive ``pv``, as the spreadsheet). The interest actually charged on a loan in
        cents is the sum of its schedule's rows.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.16 (CUMIPMT); the spreadsheets' ``CUMIPMT``.

    Examples
    --------
    >>> round(cumipmt(0.09 / 12, 360, 125000, 13, 24), 2)  # the second year's interest
    -11135.23
    """
    return _cumulative(
        False, rate, nper, pv, start_period=start_period, end_period=end_period, when=when
    )


def cumprinc(  # noqa: PLR0917 (numpy-financial's and the spreadsheets' order)
    rate: float, nper: int, pv: float, start_period: int, end_period: int, when: Any = "end"
) -> float:
    """Return the principal repaid from period ``start_period`` to ``end_period``, inclusive.

    Parameters
    ----------
    rate, nper, pv, start_period, end_period, when
        As :func:`cumipmt`.

    Returns
    -------
    float
        ``sum of ppmt(rate, per, nper, pv, 0, when)`` over the periods.

    References
    ----------
    OASIS OpenFormula 1.2, section 6.12.17 (CUMPRINC); the spreadsheets' ``CUMPRINC``.

    Examples
    --------
    >>> round(cumprinc(0.09 / 12, 360, 125000, 13, 24), 2)
    -934.11
    """
    return _cumulative(
        True, rate, nper, pv, start_period=start_period, end_period=end_period, when=when
    )


_FITTING = (Method.ANNUITY, Method.EQUAL_PRINCIPAL, Method.FLAT)


def term_for_payment(loan: Loan, payment: Money) -> Schedule:
    """Return the schedule of the shortest term whose every payment is at most ``payment``.

    "How many months at 1,000 a month?", answered in exact cents on the loan's real
    dates, day count and rounding: the loan's other terms are kept and its term is
    the fewest instalments whose schedule never asks more than ``payment``.

    Parameters
    ----------
    loan : Loan
        The contract but for its term (an annuity, equal-principal or flat loan).
    payment : Decimal, int or str
        The most that can be paid per instalment, in major units, fees included.

    Returns
    -------
    Schedule
        Its ``loan.term`` is the number of instalments; its largest payment is at most
        ``payment`` (level payments fall as the term grows, so the term is the
        smallest that fits).

    Raises
    ------
    NoSolutionError
        Naming ``payment`` if even the longest term a loan may have (1,200 instalments
        and 100 years) asks more: the payment does not cover the interest.
    InvalidTermsError
        For a bullet, interest-only or balloon loan, whose payments a term cannot
        bring down to a budget.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(20000, "0.12", 12, start=date(2024, 1, 15))
    >>> schedule = term_for_payment(loan, 1000)
    >>> schedule.loan.term, schedule.regular_payment
    (23, Decimal('977.72'))
    """
    loan = an_instance(loan, Loan, "loan", "a Loan")
    if loan.method not in _FITTING:
        raise InvalidTermsError(
            "loan", loan.method.value, "an annuity, equal-principal or flat loan"
        )
    budget = to_minor(payment, field="payment", digits=loan.digits)
    if budget <= 0:
        raise InvalidValueError("payment", payment, "a positive amount")
    least = loan.grace_periods + 1
    most = min(MAX_YEARS * loan.frequency.periods_per_year, MAX_TERM)

    def fits(term: int) -> Schedule | None:
        schedule = amortize(loan.replace(term=term))
        columns = schedule.minor_columns
        return schedule if int((columns["payment"] + columns["fee"]).max()) <= budget else None

    # The closed form on the regular period's rate places the answer; the real dates,
    # day count and rounding move it by a few instalments at most: look around it.
    principal, per_period = loan.principal_minor, loan.rate / loan.frequency.periods_per_year
    fee = to_minor(loan.instalment_fee, field="loan.instalment_fee", digits=loan.digits)
    room = budget - fee - principal * per_period  # what is left for principal, first period
    if room <= 0:
        interest = to_major(int(np.ceil(float(principal * per_period))) + fee, loan.digits)
        raise NoSolutionError(
            "payment",
            payment,
            f"more than a period's interest and fees ({interest}): else nothing is repaid",
        )
    if loan.method is Method.ANNUITY and per_period:
        estimate = nper(float(per_period), -float(budget - fee), float(principal))
    else:  # equal principal and flat: principal / n + a period's interest on it
        estimate = float(principal / room)
    low = min(max(least, int(np.ceil(estimate)) - 3), most)
    while low > least and fits(low - 1) is not None:  # below the estimate: step down
        low -= 1
    found = fits(low)
    if found is not None:
        return found
    # Above it (an odd first period's interest, fees): widen by doubling, then halve.
    step, high = 1, low
    while found is None and high < most:
        low, high = high, min(high + step, most)
        found, step = fits(high), 2 * step
    if found is not None:
        while high - low > 1:
            middle = (low + high) // 2
            candidate = fits(middle)
            if candidate is None:
                low = middle
            else:
                high, found = middle, candidate
        return found
    raise NoSolutionError(
        "payment",
        payment,
        f"a payment a term of at most {most} instalments ({MAX_YEARS} years) can fit",
    )
