"""The true cost of credit: APR by the US, EU and Chinese rules.

Three authorities define "the" annual rate of a loan, and they differ:

- **US** (Regulation Z, 12 CFR 1026 Appendix J, actuarial method): time is counted in
  *unit periods* (the most common payment interval); a fraction of a unit period earns
  simple interest; the APR is the unit-period rate times the unit periods in a year, a
  nominal rate.
- **EU / UK** (Consumer Credit Directive 2008/48/EC and Mortgage Credit Directive
  2014/17/EU, Annex I; FCA CONC App 1): the APRC is the *effective* annual rate ``X``
  with ``sum drawdowns (1+X)^-t = sum payments (1+X)^-t``, ``t`` in years counted as
  whole months / 12 plus remaining days / 365.
- **China** (PBOC announcement [2021] No. 3 on disclosing the annualised rate of
  loans): the internal rate of return per period, annualised by the periods in a
  year (``"cn"``, a nominal rate); its compound form ``(1+i)^w - 1`` is
  ``"cn_effective"``.

Flows are signed in the lender's view, as for ``xirr``: money advanced negative,
repayments positive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, cast, overload

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.dates import (
    Frequency,
)
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Floats, exact_decimals, minor_of
from loanrelief._foundations.roots import Rows, solve_discount_one
from loanrelief._foundations.validate import (
    a_date,
    a_sequence,
    an_instance,
    common_shape,
    parse_enum,
    read_once,
)
from loanrelief._loans.apr_units import (
    AprConvention,
    UnitPeriod,
    count_back,
    day_numbers,
    infer_unit,
)
from loanrelief._loans.cashflows import compounded, flows_array
from loanrelief._loans.plan import Plan
from loanrelief._loans.rate_solving import (
    OnNoSolution,
    power_sums,
    rate_of_root,
    solve_rates,
    usable_guess,
)
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import MAX_TERM

__all__ = [
    "actuarial_apr",
    "actuarial_rates",
    "apr",
    "level_payment_apr",
    "schedule_flows",
]


def _years(start: date, ends: Sequence[date]) -> Floats:
    """EU time: whole months (counted back from each end) / 12 + remaining days / 365."""
    months, days = count_back(day_numbers([start]), day_numbers(ends), np.ones(1, np.int64))
    years: Floats = months / 12 + days / 365
    return years


@exact_decimals
def schedule_flows(schedule: Schedule) -> tuple[list[date], list[float]]:
    """Return a schedule's flows in the lender's view, for :func:`apr` and ``xirr``.

    The advance, less the upfront fee (withheld or paid on the day), is negative at
    the start; each instalment with its fee is positive at its due date.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1000, "0.12", 2, start=date(2024, 1, 1), upfront_fee=20)
    >>> schedule_flows(lr.amortize(loan))
    ([datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)],
     [-980.0, 507.51, 507.51])
    """
    schedule = an_instance(schedule, Schedule, "schedule", "a Schedule (from amortize)")
    loan = schedule.loan
    columns = schedule.minor_columns
    scale = 10**loan.digits
    advance = -(loan.principal_minor - minor_of(loan.upfront_fee, loan.digits)) / scale
    due = ((columns["payment"] + columns["fee"]) / scale).tolist()
    return [loan.start, *schedule.due_dates.astype(object).tolist()], [advance, *due]


def actuarial_apr(
    flows: Sequence[tuple[float, int, float]],
    *,
    unit_periods_per_year: float,
) -> float:
    """Return the Regulation Z APR from flows placed in unit periods.

    Parameters
    ----------
    flows : sequence of (amount, full unit periods, fraction)
        Each flow signed in the lender's view (advances negative, payments positive)
        with its time from the start of the term: ``t`` full unit periods plus a
        fraction ``f`` (0 <= f < 1) of one.
    unit_periods_per_year : float
        ``w``: 12 for months, 24 for semimonths, 52 for weeks, ``365 / days`` for a
        unit of days.

    Returns
    -------
    float
        ``w * i`` where ``i`` solves the general equation of Appendix J (b)(8):
        ``sum A_k / ((1 + e_k i)(1 + i)^q_k) = sum P_j / ((1 + f_j i)(1 + i)^t_j)``.

    References
    ----------
    12 CFR 1026 (Regulation Z), Appendix J, (b)(8) and example (c)(1)(iii).

    Examples
    --------
    Appendix J (c)(1)(iii): 5,000 advanced on February 23, 24 semimonthly payments of
    219.17 from March 1, a first period of 6 days of 15:

    >>> round(100 * actuarial_apr([(-5000, 0, 0)] + [(219.17, k, 6 / 15) for k in range(24)],
    ...                           unit_periods_per_year=24), 2)
    10.34
    """
    try:
        table = np.asarray([list(flow) for flow in a_sequence(flows, "flows")], dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidValueError(
            "flows", flows, "(amount, full unit periods, fraction) triples"
        ) from None
    if table.ndim != 2 or table.shape[1] != 3 or not np.all(np.isfinite(table)):
        raise InvalidValueError("flows", flows, "(amount, full unit periods, fraction) triples")
    if np.any(table[:, 1] < 0) or np.any((table[:, 2] < 0) | (table[:, 2] >= 1)):
        raise InvalidValueError("flows", flows, "t >= 0 and 0 <= fraction < 1")
    if isinstance(unit_periods_per_year, bool) or not isinstance(
        unit_periods_per_year, int | float | np.integer | np.floating
    ):
        raise InvalidTypeError("unit_periods_per_year", unit_periods_per_year, "a number")
    w = float(unit_periods_per_year)
    if not np.isfinite(w) or not 0 < w <= 366:
        raise InvalidValueError(
            "unit_periods_per_year", unit_periods_per_year, "a positive number"
        )
    order = np.lexsort((table[:, 2], table[:, 1]))
    rate = actuarial_rates(
        table[order, 0].reshape(1, -1),
        table[order, 1].reshape(1, -1),
        table[order, 2].reshape(1, -1),
        on_no_solution=OnNoSolution.RAISE,
    )
    return float(rate[0]) * w


def actuarial_rates(
    amounts: Floats,
    whole: Floats,
    fraction: Floats,
    *,
    on_no_solution: OnNoSolution | str = OnNoSolution.RAISE,
) -> Floats:
    """Solve Appendix J's general equation for many streams: the rate per unit period.

    Parameters
    ----------
    amounts, whole, fraction : numpy.ndarray
        Shape ``(streams, flows)``: each flow (lender's view), its full unit periods
        and its fraction of one, each row sorted by time. Pad shorter rows at the end
        with zero amounts at the row's last time.
    on_no_solution : {"raise", "nan"}, default "raise"

    Returns
    -------
    numpy.ndarray
        ``i`` per stream (multiply by the unit periods a year for the APR). A stream
        alone and the same stream in a padded batch give the same float: the terms
        are added left to right, so trailing zeros cannot change a sum.

    Examples
    --------
    >>> amounts = np.array([[-1000.0, 1100.0]])
    >>> round(float(actuarial_rates(amounts, np.array([[0.0, 1.0]]), np.zeros((1, 2)))[0]), 12)
    0.1
    """

    def evaluate(v: Floats, rows: Rows) -> tuple[Floats, Floats, None]:
        # term = c v^t / (1 + f (1/v - 1)), written as c v^(t+1) / (v + f (1 - v)).
        x = v[:, None]
        f, t = fraction[rows], whole[rows]
        denominator = x + f * (1 - x)
        power = x**t
        term = amounts[rows] * power * x / denominator
        slope = amounts[rows] * (
            (t + 1) * power / denominator - power * x * (1 - f) / denominator**2
        )
        return np.cumsum(term, axis=1)[:, -1], np.cumsum(slope, axis=1)[:, -1], None

    return solve_rates(
        evaluate,
        amounts,
        whole + fraction,
        on_no_solution=on_no_solution,
        field="flows",
        power_sum=False,  # fractions of a unit period are simple interest
    )


@overload
def apr(
    schedule: Schedule | Plan,
    /,
    *,
    convention: AprConvention | str = ...,
    unit_period: Frequency | str | int | None = ...,
) -> float: ...
@overload
def apr(
    dates: Sequence[date],
    amounts: Sequence[float] | npt.ArrayLike,
    /,
    *,
    convention: AprConvention | str = ...,
    unit_period: Frequency | str | int | None = ...,
) -> float: ...
def apr(
    schedule_or_dates: Schedule | Plan | Sequence[date],
    amounts: Sequence[float] | npt.ArrayLike | None = None,
    /,
    *,
    convention: AprConvention | str = AprConvention.US,
    unit_period: Frequency | str | int | None = None,
) -> float:
    """Return the annual percentage rate of a schedule or of dated flows.

    Parameters
    ----------
    schedule_or_dates : Schedule, Plan or sequence of datetime.date
        A schedule (its upfront and instalment fees included, see
        :func:`schedule_flows`), a relief plan (its payments against the debt of the
        negotiation date, :meth:`Plan.flows`), or the dates of ``amounts``.
    amounts : sequence of float, optional
        With dates: the flows in the lender's view (advances negative, payments
        positive).
    convention : {"us", "eu", "cn", "cn_effective"}, default "us"
        Whose rule (see :class:`AprConvention`).
    unit_period : Frequency, str or int, optional
        For "us" and "cn": the unit period, a frequency or a number of days. By
        default the schedule's frequency (its due dates are then timed by whole
        periods after the first), or the most common interval between payments; a
        single payment within a year: its term in days (Appendix J (b)(3)).

    Returns
    -------
    float
        The rate as a fraction at full precision (0.0969 is 9.69 %); disclosures round
        it (Regulation Z: to 1/8 of a point; the EU: one decimal place).

    Raises
    ------
    NoSolutionError
        If no rate above -100 % balances the flows.

    Notes
    -----
    - US: ``sum c_j / ((1 + f_j i)(1 + i)^t_j) = 0`` with ``(t_j, f_j)`` the full
      unit periods and fraction from the first advance to flow ``j``
      (:meth:`UnitPeriod.span`); APR ``= w i`` (Appendix J (b)(1), (b)(8)).
    - EU: ``sum c_j (1 + X)^-s_j = 0`` with ``s_j`` = months / 12 + days / 365
      (Directive 2008/48/EC Annex I); APRC ``= X``.
    - CN: ``sum c_j (1 + i)^-(t_j + f_j) = 0``; ``w i``, or ``(1 + i)^w - 1``.

    References
    ----------
    12 CFR 1026 Appendix J; Directive 2008/48/EC and 2014/17/EU Annex I; PBOC
    announcement [2021] No. 3.

    Examples
    --------
    A loan of 10,000 quoted at "1.5 % a month, flat" over 12 months, with a 3 % fee
    withheld from the money handed over:

    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(10000, "0.18", 12, start=date(2024, 1, 1), method="flat",
    ...                upfront_fee=300, fee_deducted=True)
    >>> schedule = lr.amortize(loan)
    >>> round(apr(schedule), 4), round(apr(schedule, convention="eu"), 4)
    (0.3782, 0.4512)
    """
    conv = parse_enum(convention, AprConvention, "convention")
    regular = False
    if isinstance(schedule_or_dates, Schedule):
        if amounts is not None:
            raise InvalidValueError("amounts", amounts, "None when a schedule is given")
        dates, flows = schedule_flows(schedule_or_dates)
        values = np.asarray(flows)
        # Due dates one period apart: time them by whole periods, not calendar counts
        # (which a clipped month end such as February 28 would cut short).
        regular = len(dates) > 2 and unit_period is None
        if unit_period is None and len(dates) > 2:
            unit_period = schedule_or_dates.loan.frequency
    else:
        if isinstance(schedule_or_dates, Plan):
            if amounts is not None:
                raise InvalidValueError("amounts", amounts, "None when a plan is given")
            schedule_or_dates, amounts = schedule_or_dates.flows()
        if amounts is None:
            raise InvalidValueError("amounts", None, "the flows that go with the dates")
        dates = list(a_sequence(schedule_or_dates, "schedule_or_dates"))
        for k, day in enumerate(dates):
            a_date(day, f"schedule_or_dates[{k}]")
        if not dates:
            raise InvalidValueError("schedule_or_dates", dates, "at least two dates")
        values = flows_array(amounts)
        if values.ndim != 1 or values.size != len(dates):
            raise InvalidTermsError("amounts", amounts, f"one amount per date ({len(dates)})")
    start = min(dates)
    order = sorted(range(len(dates)), key=dates.__getitem__)
    dates = [dates[k] for k in order]
    values = values[order].reshape(1, -1)
    unit = infer_unit(dates, values[0]) if unit_period is None else UnitPeriod.of(unit_period)
    if conv is AprConvention.EU:
        if regular:
            first = float(_years(start, dates[1:2])[0])
            years = [0.0, *(first + k / unit.per_year for k in range(len(dates) - 1))]
        else:
            years = _years(start, dates).tolist()
        return _irr_of_times(values, np.array([years]))
    if regular:
        whole, fraction = unit.span(start, dates[1])
        spans = [(0, 0.0), *((whole + k, fraction) for k in range(len(dates) - 1))]
    else:
        full, part = unit.spans(start, dates)
        spans = list(zip(full.astype(int).tolist(), part.tolist(), strict=True))
    if conv is AprConvention.US:
        triples = [(float(c), t, f) for c, (t, f) in zip(values[0], spans, strict=True)]
        return actuarial_apr(triples, unit_periods_per_year=unit.per_year)
    periods = np.array([[t + f for t, f in spans]])
    i = _irr_of_times(values, periods)
    if conv is AprConvention.CN:
        return i * unit.per_year
    return float(compounded(i, unit.per_year, "amounts", amounts))


def _irr_of_times(values: Floats, times: Floats) -> float:
    rate = solve_rates(power_sums(values, times), values, times, on_no_solution=OnNoSolution.RAISE)
    return float(rate[0])


_SERIES_TERMS = 14


def _series_tables() -> tuple[Floats, Floats, Floats]:
    """Coefficients of ``S``, ``S'`` and ``S''`` as power series in ``a = v - 1``.

    ``sum_{k=0..n} (1 + a)^k = sum_j C(n + 1, j + 1) a^j``, so ``S`` (from ``k = 1``)
    has ``n`` then ``C(n + 1, j + 1)``, ``S'`` has ``(j + 1) C(n + 1, j + 2)`` and
    ``S''`` has ``(j + 2)(j + 1) C(n + 1, j + 3)``: tables ``[j, n]`` for every term.
    """
    m = np.arange(MAX_TERM + 1, dtype=np.float64) + 1.0  # n + 1
    binomial = np.ones((_SERIES_TERMS + 3, m.size))  # C(n + 1, k)
    for k in range(1, _SERIES_TERMS + 3):
        binomial[k] = binomial[k - 1] * (m - (k - 1)) / k
    j = np.arange(_SERIES_TERMS, dtype=np.float64)[:, None]
    value = binomial[1 : _SERIES_TERMS + 1].copy()
    value[0] = m - 1.0
    return value, (j + 1) * binomial[2:-1], (j + 2) * (j + 1) * binomial[3:]


_SERIES = _series_tables()
_NEAR = 0.05  # |n a| below this: the series, whose terms fall by n a / j or faster


def _grown(a: Any, n: Any) -> Any:
    """``(1 + a)^n - 1`` by repeated squaring, exact to a few ulps even near ``a = 0``.

    With ``x = base - 1`` and ``r = result - 1``, squaring is ``x (2 + x)`` and a
    product is ``r + x + r x``: only ``+`` and ``*``, so one loan (``a`` a float,
    ``n`` an int) and many (arrays) get the same bits, as ``expm1``/``log`` would not
    promise between Python and NumPy.
    """
    if isinstance(n, int):
        r = 0.0
        while n:
            if n & 1:
                r = r + a + r * a
            n >>= 1
            if n:
                a = a * (2.0 + a)
        return r
    r = np.zeros_like(a)
    for bit in range(int(n.max()).bit_length()):
        r = np.where((n >> bit) & 1, r + a + r * a, r)
        a = a * (2.0 + a)
    return r


def _closed_sums(v: Any, a: Any, n: Any) -> tuple[Any, Any, Any]:
    """``S = sum_{k=1..n} v^k = v ((1 + a)^n - 1) / a`` and its derivatives, ``a = v - 1``.

    ``S' = (n v^n a - (v^n - 1)) / a^2`` and ``S'' = (2 S' - n (n + 1) v^n / v) / -a``:
    the same operations for one loan (floats) and many (arrays).
    """
    b = _grown(a, n)
    vn = b + 1.0
    slope = (n * vn * a - b) / (a * a)
    return v * b / a, slope, (2 * slope - n * (n + 1) * vn / v) / -a


def _level_sums(v: Floats, n: npt.NDArray[np.intp]) -> tuple[Floats, Floats, Floats]:
    """``S = sum_{k=1..n} v^k`` and its first two derivatives in ``v``, for many loans.

    The closed forms (:func:`_closed_sums`) lose digits near ``v = 1`` (a zero rate);
    where ``|n (v - 1)| < 0.05`` the power series in ``a = v - 1`` (:func:`_series_tables`)
    is summed instead, term by term in order, as :func:`_level_sums_one` does.
    """
    a = v - 1.0
    with np.errstate(all="ignore"):  # at a = 0 (replaced below) or v = 0
        s, slope, curve = _closed_sums(v, a, n)
    near = np.abs(n * a) < _NEAR
    if near.any():
        rows = np.flatnonzero(near)
        powers = np.empty((_SERIES_TERMS, rows.size))
        powers[0], powers[1:] = 1.0, a[rows]
        np.multiply.accumulate(powers, axis=0, out=powers)  # a^j, one product at a time
        # Added term by term (cumsum), never pairwise: sum(axis=0) would add one loan's
        # column pairwise and several loans' in order.
        s[rows], slope[rows], curve[rows] = (
            np.cumsum(powers * table[:, n[rows]], axis=0)[-1] for table in _SERIES
        )
    return s, slope, curve


def _level_sums_one(v: float, n: int) -> tuple[float, float, float]:
    """:func:`_level_sums` of one loan on Python floats: the same operations, the same bits.

    At ``v = 0`` Python refuses a division that NumPy answers with NaN:
    :func:`loanrelief._foundations.roots.solve_discount_one` then asks again with a NumPy float.
    """
    a = v - 1.0
    if abs(n * a) < _NEAR:
        sums = []
        for table in _SERIES:
            coefficients = table[:, n].tolist()
            power, total = 1.0, coefficients[0] * 1.0
            for coefficient in coefficients[1:]:
                power = power * a
                total = total + coefficient * power
            sums.append(total)
        return sums[0], sums[1], sums[2]
    found: tuple[float, float, float] = _closed_sums(v, a, n)  # v = 0: ZeroDivisionError
    return found


_MOST_AMOUNT = 1e15  # a loan's amount or payment, in major units


def _level_guess(advanced: Any, paid: Any, count: Any) -> Any:
    """Return the first guess of ``v`` for level-payment loans (floats or arrays alike).

    A stream of -amount then n payments: one sign change, one root. ``2 (n c - 1) /
    (n + 1)`` is right to first order at low rates, ``c = payment / amount`` (just
    above the rate) at high ones; the smaller is within a few per cent.
    """
    ratio = paid / advanced
    first = 2 * (count * ratio - 1) / (count + 1)
    smaller = np.minimum(first, ratio) if isinstance(first, np.ndarray) else min(first, ratio)
    return 1.0 / (1.0 + smaller)


def _plain_float(value: object) -> float | None:
    """Return one amount as the array path reads it (``float64``), or ``None``.

    A float or an integer as it is; a ``Decimal`` (a schedule's own
    ``regular_payment``) or a plain decimal string (``"1264.14"``) by its correctly
    rounded float, which is what NumPy's conversion of an object or a string gives.
    Anything else (a bool, a string with an exponent, spaces or underscores, an
    array) is ``None``: the array path converts it or refuses it with its error.
    """
    kind = type(value)  # exact types first: isinstance of an ABC is slow
    if kind is float or kind is int:
        return float(cast("float", value))
    if kind is Decimal:
        exact = cast("Decimal", value)
        return float(exact) if exact.is_finite() else None
    if kind is str:
        text = cast("str", value)
        return float(text) if _PLAIN_DECIMAL.fullmatch(text) else None
    if isinstance(value, np.floating | np.integer):
        return float(value)
    return None


_PLAIN_DECIMAL = re.compile(r"[0-9]{1,20}(?:\.[0-9]{1,30})?")


def _level_apr_one(amount: object, payment: object, term: object) -> float | None:
    """Return the rate per period of one level-payment loan, on floats, as the batch does.

    ``None`` where the array path must answer: an input other than a plain number in
    range (to convert, or to refuse with its error), or no rate.
    """
    advanced, paid, periods = _plain_float(amount), _plain_float(payment), _plain_float(term)
    if advanced is None or paid is None or periods is None or not periods.is_integer():
        return None
    n = int(periods)
    if not (0 < advanced <= _MOST_AMOUNT and 0 < paid <= _MOST_AMOUNT and 1 <= n <= MAX_TERM):
        return None

    def evaluate(v: float) -> tuple[float, float, float]:
        s, slope, curve = _level_sums_one(v, n)
        return paid * s - advanced, paid * slope, paid * curve

    try:
        start = usable_guess(_level_guess(advanced, paid, float(n)))
    except ZeroDivisionError:
        return None
    return rate_of_root(*solve_discount_one(evaluate, 0.0, np.inf, start, -1.0))


def level_payment_apr(
    amount: npt.ArrayLike,
    payment: npt.ArrayLike,
    term: npt.ArrayLike,
    *,
    periods_per_year: int = 12,
    convention: AprConvention | str = AprConvention.US,
    on_no_solution: OnNoSolution | str = OnNoSolution.RAISE,
) -> Any:
    """Return the APR of many level-payment loans at once.

    Parameters
    ----------
    amount : array_like
        What each borrower receives (the principal less any fees), positive.
    payment : array_like
        The level payment each period, positive.
    term : array_like of int
        Number of payments, one period apart, the first one period after the advance.
    periods_per_year : int, default 12
        Periods in a year.
    convention : {"us", "eu", "cn", "cn_effective"}, default "us"
        With regular periods, "us" and "cn" give ``i * periods_per_year`` and "eu" and
        "cn_effective" give ``(1 + i) ** periods_per_year - 1``.
    on_no_solution : {"raise", "nan"}, default "raise"
        As for :func:`loanrelief.tvm.irr`.

    Returns
    -------
    float or numpy.ndarray
        One rate per loan (a float when every input is a scalar).

    Notes
    -----
    ``i`` solves ``amount = payment * sum_{k=1..n} (1 + i)^-k`` (spreadsheet ``RATE``),
    for all loans together without a Python loop.

    Examples
    --------
    >>> round(level_payment_apr(8000, 200, 48) / 12, 12)  # RATE(48, -200, 8000)
    0.007701472488
    >>> level_payment_apr([1000, 1000], [100, 90], [12, 12]).round(4)
    array([0.3507, 0.1445])
    """
    conv = parse_enum(convention, AprConvention, "convention")
    m = periods_per_year
    if isinstance(m, bool) or not isinstance(m, int) or m < 1:
        raise InvalidValueError("periods_per_year", m, "a whole number of at least 1")
    nominal = conv in (AprConvention.US, AprConvention.CN)
    amount, payment, term = (read_once(value) for value in (amount, payment, term))
    one = _level_apr_one(amount, payment, term)  # plain numbers: solved on floats
    if one is not None:
        return one * m if nominal else float(compounded(np.array([one]), m, "payment", payment)[0])
    scalar = all(np.ndim(value) == 0 for value in (amount, payment, term))
    advanced, paid, count = (
        np.atleast_1d(flows_array(np.atleast_1d(value), name))
        for value, name in ((amount, "amount"), (payment, "payment"), (term, "term"))
    )
    for values, name, given in ((advanced, "amount", amount), (paid, "payment", payment)):
        if values.ndim != 1 or np.any(np.abs(values) > _MOST_AMOUNT):
            raise InvalidValueError(name, given, "amounts up to 1e15, one per loan (1-D)")
    if count.ndim != 1:
        raise InvalidValueError("term", term, "whole numbers of periods, one per loan (1-D)")
    common_shape(  # names the one whose length differs
        {"amount": advanced, "payment": paid, "term": count},
        "arrays of one shape (or scalars)",
        given={"amount": amount, "payment": payment, "term": term},
    )
    advanced, paid, count = np.broadcast_arrays(advanced, paid, count)
    for values, name in ((advanced, "amount"), (paid, "payment")):
        if np.any(values <= 0):
            bad = int(np.flatnonzero(values <= 0)[0])
            raise InvalidValueError(f"{name}[{bad}]", float(values[bad]), "a positive amount")
    wrong = (count < 1) | (count > MAX_TERM) | (count != np.round(count))
    if np.any(wrong):
        bad = int(np.flatnonzero(wrong)[0])
        raise InvalidValueError(
            f"term[{bad}]", float(count[bad]), f"a whole number from 1 to {MAX_TERM}"
        )
    periods = count.astype(np.intp)

    def evaluate(v: Floats, rows: Rows) -> tuple[Floats, Floats, Floats]:
        s, slope, curve = _level_sums(v, periods[rows])
        return paid[rows] * s - advanced[rows], paid[rows] * slope, paid[rows] * curve

    flows = np.stack([-advanced, paid], axis=1)
    times = np.stack([np.zeros_like(count), (count + 1) / 2], axis=1)
    with np.errstate(all="ignore"):
        start = _level_guess(advanced, paid, count)
    i = solve_rates(
        evaluate, flows, times, on_no_solution=on_no_solution, guess=start, field="payment"
    )
    result = i * m if nominal else compounded(i, m, "payment", payment)
    return float(result[0]) if scalar else result
