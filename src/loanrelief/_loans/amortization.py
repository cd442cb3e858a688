"""Amortization: one engine per repayment method, on one set of rounding rules.

The rules, the same for every method:

- each period has an exact rational rate (:func:`period_rates`);
- interest is rounded once per period, from the exact balance x rate;
- a level payment is computed exactly and rounded once;
- principal = payment - interest, exactly;
- the last instalment absorbs what rounding left over, so the final balance is zero.

Two row loops do all the walking of a balance: :func:`_level_rows` (a fixed payment,
interest from the balance) and :func:`_principal_rows` (a fixed principal, interest
from the balance). Every method is one of them, or a closed form (bullet, flat).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, pairwise
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.currency import currency_digits
from loanrelief._foundations.dates import Frequency, due_dates, grid_dates
from loanrelief._foundations.daycount import year_fraction
from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError
from loanrelief._foundations.money import (
    Money,
    RoundingMode,
    exact_decimals,
    minor_of,
    parse_rate,
    round_array,
    round_ratio,
    split_evenly,
    to_major,
    to_minor,
)
from loanrelief._foundations.validate import (
    a_sequence,
    an_instance,
    day_array,
    parse_enum,
    whole_number,
)
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import (
    MAX_TERM,
    Grace,
    InterestBasis,
    Loan,
    Method,
    OddDays,
    RowTerms,
)

__all__ = [
    "amortize",
    "level_payment",
    "period_rates",
    "reamortize",
    "row_rates",
    "rule_of_78s_rebate",
]

_Rows = tuple[list[int], list[int]]  # interest and principal columns, minor units
_A = TypeVar("_A", int, npt.NDArray[np.int64])  # an amount: one loan's, or an array of loans
_MOST_MINOR = 2**62  # schedule amounts and their sums stay below this (int64 columns)


def period_rates(loan: Loan, dates: npt.NDArray[np.datetime64]) -> list[Fraction]:
    """Return the exact interest rate of each period ending on ``dates``.

    Parameters
    ----------
    loan : Loan
        Supplies the annual rate, frequency, day count and interest basis.
    dates : numpy.ndarray
        ``datetime64[D]`` due dates; the first period runs from ``loan.start``.

    Returns
    -------
    list of Fraction
        One rate per period.

    Notes
    -----
    With ``interest_basis="periodic"`` a regular period's rate is
    ``annual_rate / periods_per_year``; a first period that is not one regular period
    long (an explicit ``first_due_date``) has ``annual_rate * year_fraction(start,
    first_due_date)``, or with ``odd_days="simple"`` simple interest for the odd days
    in 30-day months and the regular rate for whole periods (:class:`OddDays`). With
    ``interest_basis="day_count"`` every period has
    ``annual_rate * year_fraction(previous due date, due date)``.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1000, "0.12", 2, start=date(2024, 1, 1),
    ...                first_due_date=date(2024, 1, 16), day_count="act/360")
    >>> dates = lr._loans.amortization.due_dates(loan.start, 2, loan.frequency,
    ...                                   first_due_date=loan.first_due_date)
    >>> period_rates(loan, dates)
    [Fraction(1, 200), Fraction(1, 100)]
    """
    loan = an_instance(loan, Loan, "loan", "a Loan")
    dates = day_array(dates, "dates")
    if (
        dates.ndim != 1
        or np.any(np.diff(dates).astype(np.int64) <= 0)
        or (len(dates) and dates[0] <= np.datetime64(loan.start, "D"))
    ):
        raise InvalidValueError("dates", dates, "increasing due dates after the loan's start")
    return _period_rates(loan, dates)


def row_rates(loan: Loan, dates: npt.NDArray[np.datetime64]) -> list[Fraction]:
    """Return the exact rate of each schedule row ending on ``dates``.

    A row spans one period of the loan's own grid, except a bullet's one row, which
    spans every period of its term and carries their rates' sum (the simple interest
    of :func:`amortize`'s bullet row). What a rule's ceilings measure a row's
    principal in use against (:mod:`loanrelief._ledger.replay`): a bullet's principal is in
    use for its whole term, not one period.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(10000, "0.12", 12, start=date(2024, 1, 1), method="bullet")
    >>> row_rates(loan, lr.amortize(loan).due_dates)
    [Fraction(3, 25)]
    """
    loan = an_instance(loan, Loan, "loan", "a Loan")
    dates = day_array(dates, "dates")
    if loan.method is Method.BULLET:
        grid = _loan_dates(loan, loan.term)
        ends = np.searchsorted(grid, dates)
        if len(dates) and np.all(ends < len(grid)) and np.array_equal(grid[ends], dates):
            sums = [Fraction(0), *accumulate(_period_rates(loan, grid))]
            bounds = [0, *(int(k) + 1 for k in ends)]
            return [sums[b] - sums[a] for a, b in pairwise(bounds)]
    return period_rates(loan, dates)


def _period_rates(loan: RowTerms, dates: npt.NDArray[np.datetime64]) -> list[Fraction]:
    """:func:`period_rates` of checked arguments (the engine's own due dates)."""
    rate = loan.rate
    if loan.interest_basis is InterestBasis.DAY_COUNT:
        edges = [loan.start, *dates.astype(object).tolist()]
        last = edges[-1]  # the termination date (30E/360 (ISDA) keeps its February end)
        reference = edges[1] if len(edges) > 1 else None  # a regular due date (ICMA)
        return [
            rate * loan_years(loan, begin, end, maturity=last, reference=reference)
            for begin, end in pairwise(edges)
        ]
    regular = rate / loan.frequency.periods_per_year
    rates = [regular] * len(dates)  # one shared object: equal runs are found by identity
    if loan.first_due_date is not None:
        regular_first = due_dates(loan.start, 1, loan.frequency, end_of_month=loan.end_of_month)
        if loan.first_due_date != regular_first[0]:
            rates[0] = _odd_first_rate(loan, regular)
    return rates


def loan_years(
    loan: RowTerms, begin: date, end: date, *, reference: date | None, maturity: date | None = None
) -> Fraction:
    """Return the loan's day count from ``begin`` to ``end`` (ICMA: on its due dates)."""
    return year_fraction(
        begin,
        end,
        loan.day_count,
        maturity=maturity,
        frequency=loan.frequency,
        reference=reference,
        end_of_month=loan.end_of_month,
    )


def _odd_first_rate(loan: RowTerms, regular: Fraction) -> Fraction:
    """Return the rate of a first period of odd length, by the loan's ``odd_days`` rule."""
    first_due = loan.first_due_date
    assert first_due is not None  # the caller's condition
    if loan.odd_days is OddDays.EXACT:
        return loan.rate * loan_years(loan, loan.start, first_due, reference=first_due)
    frequency = loan.frequency
    semimonthly = frequency is Frequency.SEMIMONTHLY
    period = frequency.days or (15 if semimonthly else 30 * frequency.months)
    whole, odd = divmod((first_due - loan.start).days, period)
    return (1 + regular * Fraction(odd, period)) * (1 + regular) ** whole - 1


def accrued_share(interest: int, begin: date, end: date, day: date, mode: RoundingMode) -> int:
    """Return a period's interest accrued to ``day``, in proportion to the days elapsed.

    ``interest x (day - begin) / (end - begin)`` rounded once (none before ``begin``):
    the interest to date of the period from ``begin`` to its due date ``end``, the one
    rule for the accrued interest of an account's current period.

    Examples
    --------
    >>> from datetime import date
    >>> accrued_share(3100, date(2024, 1, 1), date(2024, 2, 1), date(2024, 1, 11),
    ...               RoundingMode.HALF_EVEN)
    1000
    """
    elapsed = max((day - begin).days, 0)
    return round_ratio(interest * elapsed, (end - begin).days, mode)  # exact: no Fraction


def level_payment(balance: int, rates: Sequence[Fraction]) -> Fraction:
    """Return the exact level payment that repays ``balance`` over ``rates``' periods.

    Parameters
    ----------
    balance : int
        The amount to repay, in minor units.
    rates : sequence of Fraction
        The rate of each period (all equal for a regular loan).

    Returns
    -------
    Fraction
        The unrounded payment ``P`` with ``B_k = B_{k-1} (1 + r_k) - P`` and
        ``B_n = 0``.

    Notes
    -----
    ``P = B0 * prod_k (1 + r_k) / sum_j prod_{k > j} (1 + r_k)``. With one rate for
    every period this is the annuity formula ``P = B0 r / (1 - (1 + r)^-n)`` (same as
    spreadsheet ``PMT``; numpy-financial ``pmt``), and ``B0 / n`` when ``r = 0``.
    Computed in exact rational arithmetic, run by run of equal rates.

    Examples
    --------
    >>> float(level_payment(1000000, [Fraction(1, 100)] * 12)) / 100  # 10,000 at 1 %
    888.4878867834...
    >>> level_payment(1000, [Fraction(0)] * 3)
    Fraction(1000, 3)
    """
    balance = whole_number(balance, "balance", 0, 2**62)
    rates = [
        rate
        if isinstance(rate, Fraction) and 0 <= rate <= 10
        else parse_rate(rate, field=f"rates[{k}]")
        for k, rate in enumerate(a_sequence(rates, "rates"))
    ]
    if not rates or len(rates) > MAX_TERM:
        raise InvalidValueError("rates", rates, f"from 1 to {MAX_TERM} period rates")
    numerator, denominator = _level_payment_ratio(balance, rates)
    return Fraction(numerator, denominator)


def _level_payment_ratio(balance: int, rates: Sequence[Fraction]) -> tuple[int, int]:
    """Return :func:`level_payment` as an unreduced ratio of integers (no gcd: faster)."""
    first = rates[0]
    if first and _one_rate(rates):
        # One rate a/b: P = B a (a+b)^n / (b ((a+b)^n - b^n)), in integers.
        a, b = first.numerator, first.denominator
        grown, base = (a + b) ** len(rates), b ** len(rates)
        return balance * a * grown, b * (grown - base)
    growth = Fraction(1)  # product of (1 + r_k) over the periods already folded in
    annuity = Fraction(0)  # sum over those periods of the growth after each payment
    index = len(rates)
    while index:  # fold runs of equal rates from the last period back to the first
        rate = rates[index - 1]
        start = index - 1
        while start and (rates[start - 1] is rate or rates[start - 1] == rate):
            start -= 1
        count = index - start
        if rate:
            factor = (1 + rate) ** count
            annuity += growth * (factor - 1) / rate
            growth *= factor
        else:
            annuity += growth * count
        index = start
    payment = balance * growth / annuity
    return payment.numerator, payment.denominator


def _loan_dates(loan: RowTerms, count: int) -> npt.NDArray[np.datetime64]:
    """Return the first ``count`` due dates of ``loan`` (more than its term for a balloon)."""
    return grid_dates(loan.start, count, loan.frequency, loan.first_due_date, loan.end_of_month)


def _one_rate(rates: Sequence[Fraction]) -> bool:
    """Whether every period has the same rate (a regular loan's are one object: fast)."""
    return len(rates) > 0 and list(rates) == [rates[0]] * len(rates)


def _rational(rates: Sequence[Fraction]) -> list[tuple[int, int]]:
    """Return each rate as a (numerator, denominator) pair, reusing the pair of a repeat."""
    if _one_rate(rates):
        return [(rates[0].numerator, rates[0].denominator)] * len(rates)
    pairs: list[tuple[int, int]] = []
    previous: Fraction | None = None
    pair = (0, 1)
    for rate in rates:
        if rate is not previous:
            pair, previous = (rate.numerator, rate.denominator), rate
        pairs.append(pair)
    return pairs


def _level_rows(
    balance: int,
    rates: Sequence[tuple[int, int]],
    payment: int,
    mode: RoundingMode,
) -> _Rows:
    """Walk a balance with a fixed payment: interest from the balance, the rest principal.

    A row never repays more than the balance, so a payment that repays the loan early
    leaves the later rows at zero instead of a negative balance.
    """
    interest: list[int] = []
    principal: list[int] = []
    add_interest, add_principal = interest.append, principal.append  # hot loop
    for numerator, denominator in rates:
        due = round_ratio(balance * numerator, denominator, mode)
        repaid = payment - due
        if repaid > balance:  # noqa: PLR1730 - a branch is faster than min() here
            repaid = balance
        balance -= repaid
        add_interest(due)
        add_principal(repaid)
    return interest, principal


def _principal_rows(
    balance: int,
    rates: Sequence[tuple[int, int]],
    principal: Sequence[int],
    mode: RoundingMode,
) -> _Rows:
    """Walk a balance with a fixed principal per period: interest from the balance."""
    interest: list[int] = []
    for (numerator, denominator), repaid in zip(rates, principal, strict=True):
        interest.append(round_ratio(balance * numerator, denominator, mode))
        balance -= repaid
    return interest, list(principal)


def _settle_last(rows: _Rows, balance: int) -> _Rows:
    """Make the last principal repay whatever the earlier rows left of ``balance``."""
    interest, principal = rows
    principal[-1] = balance - (sum(principal) - principal[-1])
    return interest, principal


@overload
def splits_evenly(balance: int, periods: int, largest_interest: int) -> bool: ...
@overload
def splits_evenly(
    balance: npt.NDArray[np.int64],
    periods: npt.NDArray[np.int64],
    largest_interest: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]: ...
def splits_evenly(balance: Any, periods: Any, largest_interest: Any) -> Any:
    """Whether a level-payment loan is repaid in even principal parts instead.

    The rule, for one loan (``int``) or many (arrays): a balance smaller than its
    number of periods (no payment of one minor unit fits), or one whose largest
    period interest on the whole balance rounds to zero (interest-free at the minor
    unit; with one minor unit of payment more or less a level walk would leave a last
    row many times the others). Both the one-loan engine and the batch call it.

    Examples
    --------
    >>> splits_evenly(2294, 1200, 0), splits_evenly(200000, 240, 1000)
    (True, False)
    """
    return (balance < periods) | (largest_interest == 0)


def within_int64(
    balance: int, interest: npt.ArrayLike, principal: npt.ArrayLike, per_row: int = 0
) -> bool:
    """Whether a schedule's columns, running balances and totals all stay below ``2**62``.

    Each of them is bounded by ``balance + sum(interest) + sum(|principal|)`` (plus
    ``per_row`` fees on every row), so that no ``int64`` column or sum can wrap
    (``2**63``): the sums are taken in floats, whose error is far below that margin.
    :func:`amortize` and the batch both refuse what fails it.

    Examples
    --------
    >>> within_int64(100, [1, 1], [50, 50]), within_int64(2**61, [2**61], [2**61])
    (True, False)
    """
    rows = np.asarray(interest, dtype=np.float64)
    repaid = np.abs(np.asarray(principal, dtype=np.float64)).sum()
    reach = float(balance) + float(rows.sum()) + float(repaid) + float(per_row) * rows.size
    return reach < _MOST_MINOR


def grace_rows(
    balance: _A, rates: Sequence[tuple[Any, Any]], capitalize: bool, mode: RoundingMode
) -> tuple[list[_A], list[_A]]:
    """Return the rows of grace periods: interest on the balance, nothing repaid.

    Each period's interest is ``round(balance x rate)``. A capitalizing grace pays
    nothing: its interest is added to the balance (a principal row of ``-interest``);
    an interest-only grace pays the interest and leaves the balance. For one loan
    (ints, :func:`amortize`) or for arrays of loans (the batch workout's holidays),
    the same rule.

    Examples
    --------
    >>> grace_rows(100000, [(1, 100), (1, 100)], True, RoundingMode.HALF_EVEN)
    ([1000, 1010], [-1000, -1010])
    >>> grace_rows(np.array([100000]), [(1, 100)], False, RoundingMode.HALF_EVEN)
    ([array([1000])], [array([0])])
    """
    interest: list[_A] = []
    principal: list[_A] = []
    for numerator, denominator in rates:
        if isinstance(balance, np.ndarray):
            due: Any = round_array(balance, numerator, denominator, mode)
        else:
            due = round_ratio(balance * numerator, denominator, mode)
        interest.append(due)
        principal.append(-due if capitalize else due * 0)
        if capitalize:
            balance = balance + due
    return interest, principal


def lowers_payment(repaid_early: Any, payment: Any, periods: Any) -> Any:
    """Whether a level payment is lowered by one minor unit: the annuity's one correction.

    A payment rounded to nearest that repays the loan before its last instalment (a
    high rate over a long term, where one minor unit compounds to more than the
    balance) is lowered by one minor unit, once, where it is above one unit and the
    loan has more than one period. For one loan (bools and ints) or for arrays of
    loans (``batch.amortization``), the same rule.

    Examples
    --------
    >>> lowers_payment(True, 5, 12), lowers_payment(True, 1, 12), lowers_payment(True, 5, 1)
    (True, False, False)
    """
    return repaid_early & (payment > 1) & (periods > 1)


def keeps_lowered(left: Any, lowered: Any) -> Any:
    """Whether a payment leaves at most itself to the last instalment: the annuity's bound.

    A level payment's walk may leave a balance after the last period (the last
    instalment then pays it too). A payment is kept where that balance is at most the
    payment itself (the last instalment at most twice the others):

    - after :func:`lowers_payment`, the lowered payment is kept only so; else (a
      payment of a few minor units, where one unit less barely repays any principal)
      the rounded payment stays, and the rows after its early payoff are zero;
    - a rounded payment that leaves more (rounded down below the rows' interest in a
      near-perpetuity, where the exact payment is a fraction of a unit above the
      interest: the balance grows, or never falls, and the last instalment is a
      balloon) is raised by one minor unit (:func:`raises_payment`), which never
      leaves anything: it is at least half a unit above the exact payment, so each
      row repays at least what the exact walk does, less the half unit its interest
      may round up.

    For one loan or arrays of loans, the same rule.

    Examples
    --------
    >>> keeps_lowered(3, 1073), keeps_lowered(29, 1)
    (True, False)
    """
    return left <= lowered


def raises_payment(left: Any, payment: Any) -> Any:
    """Whether a rounded level payment is raised by one minor unit: it leaves more than itself.

    A payment whose walk leaves a balance above the payment itself to the last
    instalment (rounded down below the rows' interest in a near-perpetuity) is raised
    by one minor unit: the other side of :func:`keeps_lowered`'s bound. Never one that
    repays early (its rows clip at zero: nothing is left), nor a float walk that ran
    away (a NaN balance: no comparison with it holds). For one loan (ints) or arrays of
    loans (``batch.amortization``, ints or floats), the same rule.

    Examples
    --------
    >>> raises_payment(29, 1), raises_payment(3, 1073), raises_payment(float("nan"), 5)
    (True, False, False)
    """
    return left > payment


def amortizing_rows(
    balance: int, rates: Sequence[Fraction], mode: RoundingMode, keep: int
) -> _Rows:
    """Level-payment rows over ``rates``, of which the first ``keep`` are the loan's.

    ``keep`` is ``len(rates)`` for an annuity; a balloon amortizes over more periods
    than it keeps, and its last kept row repays the balance left. If the payment
    rounded to nearest would repay the loan before its last instalment (a high rate
    over a long term, where one minor unit compounds to more than the balance), the
    payment is lowered by one minor unit (unless that leaves more than a payment to
    the last instalment: :func:`keeps_lowered`); if it would leave more than a payment
    to the last instalment (rounded down below the rows' interest, the balance
    growing), it is raised by one minor unit, which repays the loan by its last
    instalment. Where rounding drift is larger still
    (decades at high rates), rows after an early payoff are zero. A balance too small
    for a payment of at least one minor unit (fewer minor units than periods, at a
    negligible rate), or one whose interest rounds to zero in every period, is repaid
    in even principal parts instead, with its interest.
    """
    pairs = _rational(rates)
    a, b = pairs[0]
    if balance * a >= b:  # the first period's interest alone is at least one unit
        largest = 1
    else:
        largest = max(round_ratio(balance * a, b, mode) for a, b in dict.fromkeys(pairs))
    if splits_evenly(balance, len(rates), largest):
        # Interest-free at the minor unit (no period's interest on the whole balance
        # rounds above zero): split the principal evenly (rows at most one minor unit
        # apart) rather than letting the last row absorb up to n/2 minor units.
        principal = split_evenly(balance, len(rates))[:keep]
        interest = _principal_rows(balance, pairs[:keep], principal, mode)[0]
        return _settle_last((interest, principal), balance)
    payment = round_ratio(*_level_payment_ratio(balance, rates), mode)
    rows = _level_rows(balance, pairs, payment, mode)
    if lowers_payment(sum(rows[1]) - rows[1][-1] >= balance, payment, len(rates)):
        lowered = _level_rows(balance, pairs, payment - 1, mode)
        if keeps_lowered(balance - sum(lowered[1]), payment - 1):
            rows = lowered
    elif raises_payment(balance - sum(rows[1]), payment):  # short of the interest
        # Raised a unit: at least half a unit above the exact payment, so each row's
        # balance is at most the exact walk's (whose end is zero) and nothing is left.
        rows = _level_rows(balance, pairs, payment + 1, mode)
    if keep < len(rates):  # a balloon keeps the first rows
        rows = rows[0][:keep], rows[1][:keep]
    return _settle_last(rows, balance)


def flat_repaid(
    balance: Any, interest_so_far: Any, interest_total: Any, done: Any, periods: Any, *, equal: Any
) -> Any:
    """Return the principal a flat (add-on) loan has repaid after ``done`` instalments.

    The flat rule (等本等息): interest on the original principal, ``interest_so_far``
    after ``done`` of ``periods`` instalments by cumulative rounding. With equal
    periods the total repaid, principal and interest, is split evenly (payments level
    to within one minor unit): ``floor((B + I) k / n)`` is paid after ``k``
    instalments, of which the interest so far is interest. With unequal periods, or
    less than a minor unit of principal a period (:func:`splits_evenly`), principal is
    split evenly instead, ``floor(B k / n)``, each row with its own interest. For one
    loan (ints) or arrays of loans (the batch's rows and totals), the same rule.

    Examples
    --------
    >>> [flat_repaid(1000, i, 60, k, 3, equal=True) for k, i in enumerate([0, 20, 40, 60])]
    [0, 333, 666, 1000]
    """
    even_principal = balance * done // periods
    level = (balance + interest_total) * done // periods - interest_so_far
    if isinstance(balance, np.ndarray) or isinstance(equal, np.ndarray):
        split = np.logical_not(equal) | splits_evenly(balance, periods, np.ones_like(balance))
        return np.where(split, even_principal, level)
    return even_principal if not equal or splits_evenly(balance, periods, 1) else level


def _flat_rows(loan: RowTerms, balance: int, rates: Sequence[Fraction]) -> _Rows:
    """Flat (add-on) rows: interest on the original principal, spread exactly."""
    mode = loan.rounding
    count = len(rates)
    # Interest by cumulative rounding: row k is round(B R_k) - round(B R_{k-1}), so the
    # total is round(B x sum of rates) exactly and each row is within one minor unit.
    cumulative = [0]
    accrued = Fraction(0)
    for rate in rates:
        accrued += rate
        cumulative.append(round_ratio(balance * accrued.numerator, accrued.denominator, mode))
    interest = [b - a for a, b in pairwise(cumulative)]
    equal = all(rate == rates[0] for rate in rates)
    total = cumulative[-1]
    repaid = [
        flat_repaid(balance, c, total, k, count, equal=equal) for k, c in enumerate(cumulative)
    ]
    return interest, [b - a for a, b in pairwise(repaid)]


def _method_rows(loan: RowTerms, balance: int, rates: list[Fraction]) -> _Rows:
    """Rows of the repayment method proper, after any grace periods."""
    mode = loan.rounding
    method = loan.method
    if method is Method.ANNUITY:
        return amortizing_rows(balance, rates, mode, len(rates))
    if method is Method.BALLOON:
        assert loan.amortization_term is not None  # checked by Loan
        extra = _period_rates(loan, _loan_dates(loan, loan.amortization_term))[loan.term :]
        return amortizing_rows(balance, rates + extra, mode, len(rates))
    if method is Method.EQUAL_PRINCIPAL:
        return _principal_rows(balance, _rational(rates), split_evenly(balance, len(rates)), mode)
    if method is Method.INTEREST_ONLY:
        principal = [0] * len(rates)
        principal[-1] = balance
        return _principal_rows(balance, _rational(rates), principal, mode)
    if method is Method.FLAT:
        return _flat_rows(loan, balance, rates)
    # Method.BULLET: simple interest for the whole term, one instalment.
    total = sum(rates, Fraction(0))
    return [round_ratio(balance * total.numerator, total.denominator, mode)], [balance]


def reamortize(
    loan: Loan,
    dates: npt.ArrayLike,
    *,
    payment: int | None = None,
    principal: int | None = None,
    first_rate: Fraction | None = None,
) -> Schedule:
    """Return the schedule of ``loan`` on given due dates, with its method's rows.

    A re-amortization (a prepayment, a workout) keeps the contract's due dates, which
    a new loan's own grid does not always reproduce (a contract due on the 31st falls
    due on February 29, then March 31). The rows are :func:`amortize`'s, on these
    dates; or, with ``payment``, a fixed instalment walking the balance down (an
    annuity kept at its payment), or with ``principal`` a fixed principal each
    period (equal principal kept at its principal), the last row repaying the rest
    and the rows after it dropped (the last date's row takes whatever is left).

    Parameters
    ----------
    loan : Loan
        The terms (no grace periods); ``term`` must equal the number of dates.
    dates : array_like of datetime64[D]
        Increasing due dates after ``loan.start``.
    payment, principal : int, optional
        Minor units: a fixed instalment (annuity), or a fixed principal (equal
        principal); at most one.
    first_rate : Fraction, optional
        The first period's rate, where it is the rest of a contract's period (its rate
        in proportion to the days left) rather than the loan's own odd period.

    Returns
    -------
    Schedule
        Its loan's ``term`` is the number of rows.

    Raises
    ------
    InvalidTermsError
        If a fixed payment does not cover a period's interest, or the dates cannot
        repay the balance at the fixed amount.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1000, "0.12", 4, start=date(2024, 1, 31))
    >>> dates = np.array(["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"], "M8[D]")
    >>> [str(p) for p in reamortize(loan, dates).columns["payment"]]
    ['256.28', '256.28', '256.28', '256.29']
    >>> len(reamortize(loan, dates, payment=40000))
    3
    """
    loan = an_instance(loan, Loan, "loan", "a Loan")
    days = day_array(dates, "dates")
    if days.ndim != 1 or len(days) != loan.term:
        raise InvalidTermsError(
            "dates", dates, f"one due date for each of {loan.term} instalments"
        )
    if loan.grace_periods:
        raise InvalidTermsError("loan", loan.grace_periods, "a loan without grace periods")
    rates = period_rates(loan, days)
    if first_rate is not None:
        rates[0] = first_rate
    balance, mode = loan.principal_minor, loan.rounding
    if payment is None and principal is None:
        interest, repaid = _method_rows(loan, balance, rates)
    elif payment is not None and principal is None and loan.method is Method.ANNUITY:
        interest, repaid = _level_rows(balance, _rational(rates), payment, mode)
        totals = list(accumulate(repaid))
        count = totals.index(balance) + 1 if balance in totals else len(repaid)
        if min(repaid[: count - 1], default=1) <= 0:
            raise InvalidTermsError(
                "payment", payment, "an instalment above every period's interest"
            )
        # repaid by the last date at the latest: that instalment takes what is left, as
        # amortize's last row takes the residue of a rounded payment
        interest, repaid = _settle_last((interest[:count], repaid[:count]), balance)
    elif principal is not None and payment is None and loan.method is Method.EQUAL_PRINCIPAL:
        if principal <= 0:
            raise InvalidTermsError("principal", principal, "a positive principal a period")
        count = min(-(-balance // principal), len(rates))  # the last date takes the rest
        parts = [principal] * (count - 1) + [balance - principal * (count - 1)]
        interest, repaid = _principal_rows(balance, _rational(rates[:count]), parts, mode)
    else:
        raise InvalidTermsError(
            "payment", payment, "a payment for an annuity or a principal for equal principal"
        )
    count = len(repaid)
    fee = minor_of(loan.instalment_fee, loan.digits)
    kept = loan if count == loan.term else loan.replace(term=count)
    return Schedule(kept, days[:count], interest=interest, principal=repaid, fee=fee)


def terms_rows(
    terms: RowTerms, balance: int
) -> tuple[npt.NDArray[np.datetime64], list[int], list[int]]:
    """Return the due dates, interest and principal of ``balance`` minor units on ``terms``.

    :func:`amortize`'s rows (its grace periods, then its method's rows), for terms
    already checked (a ``Loan``'s, or a workout's re-amortization): what
    :func:`amortize` builds its :class:`Schedule` from. The caller checks the rows'
    reach (:func:`within_int64`).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1000, "0.12", 3, start=date(2024, 1, 1))
    >>> dates, interest, principal = terms_rows(loan, 100000)
    >>> interest, principal
    ([1000, 670, 337], [33002, 33332, 33666])
    """
    dates = _loan_dates(terms, terms.term)
    rates = _period_rates(terms, dates)
    grace = terms.grace_periods
    interest: list[int] = []
    principal: list[int] = []
    if grace:
        capitalize = terms.grace is Grace.CAPITALIZE
        interest, principal = grace_rows(
            balance, _rational(rates[:grace]), capitalize, terms.rounding
        )
        balance -= sum(principal)
    rest_interest, rest_principal = _method_rows(terms, balance, rates[grace:])
    interest += rest_interest
    principal += rest_principal
    if terms.method is Method.BULLET:
        dates = dates[-1:]
    return dates, interest, principal


@exact_decimals
def amortize(loan: Loan) -> Schedule:
    """Return the repayment schedule of a loan, exact to the minor unit.

    Parameters
    ----------
    loan : Loan
        The terms.

    Returns
    -------
    Schedule
        One row per instalment (a bullet loan has one), with due dates.

    Raises
    ------
    InvalidTermsError
        If the schedule's amounts, or their totals, would reach ``2**62`` minor units
        (a capitalizing grace or a rate near 1,000 % over decades on a huge principal).

    Notes
    -----
    Rounding points, the same for every method: the exact level payment is rounded
    once; each period's interest is rounded once from the exact ``balance x rate``;
    ``principal = payment - interest``; the last instalment absorbs the residue, so the
    final balance is exactly zero.

    - annuity (等额本息): level payment ``P = B r / (1 - (1 + r)^-n)``, as
      spreadsheet ``PMT``;
    - equal principal (等额本金): principal ``B / n`` per period, split so that rows
      differ by at most one minor unit, plus interest on the balance;
    - interest-only (先息后本): interest each period, the principal with the last;
    - bullet (到期一次还本付息): one instalment, interest ``B x sum of period rates``;
    - flat (等本等息): interest ``B r`` every period on the original principal, total
      exactly ``I = round(B x sum of rates)``, each row within one minor unit of
      ``B r_k`` (cumulative rounding); when every period has the same rate ``B + I``
      is split into payments at most one minor unit apart, otherwise (day-count
      basis, odd first period, or a balance smaller than its number of periods)
      equal principal plus that period's interest;
    - balloon: the level payment of ``amortization_term`` periods, the remaining
      balance with the last of ``term`` instalments.

    Grace periods come first: interest-only rows, or rows that pay nothing and add
    the interest to the balance; the method then runs over the remaining periods.

    References
    ----------
    OASIS OpenDocument v1.2 OpenFormula, section 6.12 (PMT, IPMT, PPMT); Apache
    Fineract progressive loan schedule (EMI rounded once, last instalment adjusted).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> s = lr.amortize(lr.Loan(200000, "0.06", 240, start=date(2015, 1, 1)))
    >>> s.regular_payment, s.instalments[1].interest, s.last_payment
    (Decimal('1432.86'), Decimal('997.84'), Decimal('1433.76'))
    >>> s.instalments[-1].balance
    Decimal('0.00')
    """
    loan = an_instance(loan, Loan, "loan", "a Loan")
    dates, interest, principal = terms_rows(loan, loan.principal_minor)
    fee = minor_of(loan.instalment_fee, loan.digits)
    per_row = fee + minor_of(loan.upfront_fee, loan.digits)
    try:
        schedule = Schedule(loan, dates, interest=interest, principal=principal, fee=fee)
    except OverflowError:  # a row past int64 itself
        raise too_large(loan.annual_rate) from None
    columns = schedule.minor_columns
    if not within_int64(loan.principal_minor, columns["interest"], columns["principal"], per_row):
        raise too_large(loan.annual_rate)
    return schedule


def too_large(annual_rate: Decimal) -> InvalidTermsError:
    """Return the refusal of a schedule at ``annual_rate`` passing ``2**62`` minor units."""
    return InvalidTermsError(
        "annual_rate",
        annual_rate,
        "a rate, term and principal whose schedule stays below 2**62 minor units "
        "(this one grows past it); lower the rate, term or principal",
    )


@exact_decimals
def rule_of_78s_rebate(
    finance_charge: Money,
    term: int,
    remaining: int,
    *,
    digits: int = 2,
    rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
) -> Decimal:
    """Return the finance charge a Rule of 78s loan refunds when paid off early.

    Parameters
    ----------
    finance_charge : Money
        The loan's whole precomputed finance charge (add-on interest), major units.
    term : int
        Its number of monthly instalments, ``n``.
    remaining : int
        Instalments not yet due when it is paid off, ``u`` (0 to ``n``).
    digits : int, default 2
        The currency's minor-unit digits.
    rounding : RoundingMode or str, default "half_even"
        How the rebate is rounded to the minor unit.

    Returns
    -------
    Decimal
        ``finance_charge x u (u + 1) / (n (n + 1))``: the "sum of the digits" share
        of the finance charge the unexpired instalments carry (a 12-month loan earns
        12/78 of it in its first month, 11/78 in its second, ...).

    Raises
    ------
    InvalidValueError
        Naming ``term`` or ``remaining`` when out of range.
    InvalidTermsError
        Naming ``remaining`` past the term, or ``finance_charge`` if it is not an
        amount of the currency.

    Notes
    -----
    The Rule of 78s front-loads the finance charge, so it rebates less than the
    actuarial method on an early payoff; federal law bars it for consumer loans of
    more than 61 months (15 U.S.C. 1615), and some states still allow it on shorter
    ones. The payoff is the instalments not yet paid less this rebate.

    Examples
    --------
    >>> rule_of_78s_rebate(100, 12, 9)  # a 12-month loan prepaid after 3 months
    Decimal('57.69')
    >>> rule_of_78s_rebate("380.50", 24, 8)
    Decimal('45.66')
    """
    digits = currency_digits(digits)
    mode = parse_enum(rounding, RoundingMode, "rounding")
    try:  # an amount may not fit the currency's digits: the two go together
        charge = to_minor(finance_charge, field="finance_charge", digits=digits, minimum=0)
    except InvalidValueError as error:
        raise InvalidTermsError(error.field, error.value, error.valid) from None
    term = whole_number(term, "term", 1, MAX_TERM)
    remaining = whole_number(remaining, "remaining", 0, MAX_TERM)
    if remaining > term:
        raise InvalidTermsError("remaining", remaining, f"at most the term ({term})")
    share = Fraction(remaining * (remaining + 1), term * (term + 1))
    exact = share * charge
    return to_major(round_ratio(exact.numerator, exact.denominator, mode), digits)
