"""Loan terms: the ``Loan`` value object and the options it takes.

A ``Loan`` is validated once, when it is made, and never changes; everything else in
the library reads it. Its options are string enums, each value spelled one way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol, final

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.dates import Frequency, shift_periods
from loanrelief._foundations.daycount import DayCount, coupon_months
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError
from loanrelief._foundations.money import (
    MAX_MAJOR,
    Money,
    Rate,
    RoundingMode,
    decimal_of,
    exact_decimals,
    minor_of,
    parse_rate,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import Choice, a_date, parse_enum, whole_number

__all__ = [
    "MAX_TERM",
    "MAX_YEARS",
    "Grace",
    "InterestBasis",
    "Loan",
    "Method",
    "OddDays",
    "RowTerms",
    "dates_within_calendar",
    "term_within_years",
]

MAX_TERM = 1200
"""The most instalments a loan may have (100 years of monthly payments)."""

MAX_YEARS = 100
"""The longest term in years, whatever the frequency."""


class Method(Choice):
    """A repayment method.

    Attributes
    ----------
    ANNUITY
        Level payment, 等额本息 (French amortization): the same payment every period.
    EQUAL_PRINCIPAL
        Equal principal, 等额本金: the same principal every period plus the interest on
        the balance, so payments fall.
    INTEREST_ONLY
        先息后本: interest every period, all principal with the last instalment.
    BULLET
        到期一次还本付息: one instalment at maturity with the principal and simple
        interest for the whole term.
    FLAT
        Flat or add-on interest, 等本等息: interest on the *original* principal every
        period, principal in equal parts.
    BALLOON
        Level payment computed on a longer ``amortization_term``; the balance left at
        maturity is paid with the last instalment.

    Examples
    --------
    >>> Method("equal_principal")
    <Method.EQUAL_PRINCIPAL: 'equal_principal'>
    """

    ANNUITY = "annuity"
    EQUAL_PRINCIPAL = "equal_principal"
    INTEREST_ONLY = "interest_only"
    BULLET = "bullet"
    FLAT = "flat"
    BALLOON = "balloon"


class InterestBasis(Choice):
    """How the interest of one period is computed from the annual rate.

    Attributes
    ----------
    PERIODIC
        ``annual_rate / periods_per_year`` for every regular period, the usual mortgage
        and 等额本息 convention (spreadsheet ``PMT(rate/12, ...)``). An irregular first
        period (see ``Loan.first_due_date``) uses the day count for its actual length.
    DAY_COUNT
        ``annual_rate * year_fraction(previous due date, due date)`` under the loan's
        day count, for every period.

    Examples
    --------
    >>> InterestBasis("day_count")
    <InterestBasis.DAY_COUNT: 'day_count'>
    """

    PERIODIC = "periodic"
    DAY_COUNT = "day_count"


class Grace(Choice):
    """What is paid during grace periods at the start of a loan.

    Attributes
    ----------
    INTEREST_ONLY
        The interest of each grace period is paid; the principal waits.
    CAPITALIZE
        Nothing is paid; each grace period's interest is added to the balance
        (negative amortization: the row's principal is minus the interest).

    Examples
    --------
    >>> Grace("capitalize")
    <Grace.CAPITALIZE: 'capitalize'>
    """

    INTEREST_ONLY = "interest_only"
    CAPITALIZE = "capitalize"


class OddDays(Choice):
    """How a first period of odd length earns interest (``Loan.first_due_date``).

    Attributes
    ----------
    EXACT
        At the annual rate times the period's year fraction under the loan's day
        count; the level payment is solved over the uneven period rates.
    SIMPLE
        Simple interest for the odd days, counted in 30-day months (15-day
        semimonths, the period's days for weekly loans), then the regular rate for
        each whole period: the first period's rate is
        ``(1 + i x odd / period) (1 + i) ** whole - 1``. The method of financial
        calculators (HP 10B manual, "Loan with an Odd First Period"; HP 17bII+
        guide, ODD solver equation): under one period the first payment is made in
        advance, from one to two periods it is a regular payment on the principal
        plus the odd days' interest.

    Examples
    --------
    >>> OddDays("simple")
    <OddDays.SIMPLE: 'simple'>
    """

    EXACT = "exact"
    SIMPLE = "simple"


@final
@dataclass(frozen=True, slots=True, init=False, repr=False)
class Loan:
    """The terms of a loan: what was lent, at what rate, repaid how and when.

    Parameters
    ----------
    principal : int, str, Decimal or float
        The amount lent, in major units (``50000``, ``"1234.56"``); positive and
        exact in the currency's minor unit.
    annual_rate : int, str, Decimal or float
        The nominal annual interest rate as a fraction (``0.18`` for 18 %), from 0 to
        10.
    term : int
        Number of instalments, 1 to 1200, and at most 100 years' worth.
    start : datetime.date
        The date the money is advanced; interest runs from it. Keyword-only.
    method : Method or str, default "annuity"
        The repayment method (see :class:`Method`).
    frequency : Frequency or str, default "monthly"
        How often instalments fall due.
    day_count : DayCount or str, default "act/365"
        The day count for interest computed on actual dates.
    interest_basis : InterestBasis or str, default "periodic"
        Whether a period's rate is ``annual_rate / periods_per_year`` or follows the
        day count on actual dates.
    first_due_date : datetime.date, optional
        An explicit first due date after ``start`` and at most two periods after it,
        giving a short or long first period; by default one period after ``start``.
    odd_days : OddDays or str, default "exact"
        How such a first period earns interest (:class:`OddDays`), with the periodic
        interest basis.
    end_of_month : bool, default False
        Keep due dates on month ends when the anchor date is one.
    grace_periods : int, default 0
        Grace periods at the start, fewer than ``term``; the method's repayment runs
        over the remaining periods. Not for ``bullet`` or ``flat`` loans.
    grace : Grace or str, default "interest_only"
        What is paid during grace periods.
    amortization_term : int, optional
        For ``balloon`` loans only, and required there: the number of periods the
        level payment is computed over, at least ``term``.
    upfront_fee : int, str, Decimal or float, default 0
        A fee charged when the loan is made (service, arrangement or origination fee).
    fee_deducted : bool, default False
        True if the upfront fee is withheld from the amount handed over, so the
        borrower receives ``principal - upfront_fee``.
    instalment_fee : int, str, Decimal or float, default 0
        A fee due with every instalment (account or service fee).
    currency : str, optional
        ISO 4217 code; sets the minor unit (``"JPY"`` 0 digits, ``"KWD"`` 3); two
        digits if omitted.
    rounding : RoundingMode or str, default "half_even"
        How amounts are rounded to the minor unit.

    Raises
    ------
    InvalidTypeError, InvalidValueError
        If a field has the wrong type or an invalid value.
    InvalidTermsError
        If the fields do not fit together.

    Notes
    -----
    Amounts are kept as ``Decimal`` in major units; the engines work on the exact
    integer minor units (:attr:`principal_minor`) and the exact rate
    (:attr:`rate`, a ``Fraction``).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    >>> loan.principal, loan.annual_rate, loan.method
    (Decimal('50000.00'), Decimal('0.18'), <Method.ANNUITY: 'annuity'>)
    >>> lr.Loan(50000, "0.18", 0, start=date(2024, 1, 15))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: term=0 is not valid: a whole number from 1 to 1200
    """

    principal: Decimal
    annual_rate: Decimal
    term: int
    start: date
    method: Method
    frequency: Frequency
    day_count: DayCount
    interest_basis: InterestBasis
    first_due_date: date | None
    end_of_month: bool
    grace_periods: int
    grace: Grace
    amortization_term: int | None
    upfront_fee: Decimal
    fee_deducted: bool
    instalment_fee: Decimal
    currency: str | None
    rounding: RoundingMode
    odd_days: OddDays
    rate: Fraction = dataclasses.field(repr=False, compare=False)
    digits: int = dataclasses.field(repr=False, compare=False)

    __repr__ = short_repr

    def __init__(  # noqa: PLR0915 - one validation step per field, in order
        self,
        principal: Money,
        annual_rate: Rate,
        term: int,
        *,
        start: date,
        method: Method | str = Method.ANNUITY,
        frequency: Frequency | str = Frequency.MONTHLY,
        day_count: DayCount | str = DayCount.ACT_365,
        interest_basis: InterestBasis | str = InterestBasis.PERIODIC,
        first_due_date: date | None = None,
        end_of_month: bool = False,
        grace_periods: int = 0,
        grace: Grace | str = Grace.INTEREST_ONLY,
        amortization_term: int | None = None,
        upfront_fee: Money = 0,
        fee_deducted: bool = False,
        instalment_fee: Money = 0,
        currency: str | None = None,
        rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
        odd_days: OddDays | str = OddDays.EXACT,
    ) -> None:
        digits = minor_digits(currency)
        principal_minor = to_minor(
            principal, field="principal", digits=digits, minimum=1, maximum=MAX_MAJOR
        )
        rate = parse_rate(annual_rate, field="annual_rate")
        term = whole_number(term, "term", 1, MAX_TERM)
        frequency = parse_enum(frequency, Frequency, "frequency")
        term_within_years(term, frequency)
        start = a_date(start, "start")
        method = parse_enum(method, Method, "method")
        day_count = parse_enum(day_count, DayCount, "day_count")
        if day_count is DayCount.ACT_ACT_ICMA:
            coupon_months(frequency)
        interest_basis = parse_enum(interest_basis, InterestBasis, "interest_basis")
        grace = parse_enum(grace, Grace, "grace")
        rounding = parse_enum(rounding, RoundingMode, "rounding")
        for flag, name in ((end_of_month, "end_of_month"), (fee_deducted, "fee_deducted")):
            if not isinstance(flag, bool):
                raise InvalidTypeError(name, flag, "True or False")
        upfront_minor = to_minor(
            upfront_fee, field="upfront_fee", digits=digits, maximum=MAX_MAJOR
        )
        instalment_minor = to_minor(
            instalment_fee, field="instalment_fee", digits=digits, maximum=MAX_MAJOR
        )

        if first_due_date is not None:
            first_due_date = a_date(first_due_date, "first_due_date")
            try:
                latest = shift_periods(start, 2, frequency, end_of_month=end_of_month)
            except InvalidTermsError:
                raise InvalidTermsError(
                    "start", start, "a start whose first periods end by 9999-12-31"
                ) from None
            if not start < first_due_date <= latest:
                raise InvalidTermsError(
                    "first_due_date",
                    first_due_date,
                    f"a date after start {start} and no later than two periods after it "
                    f"({latest})",
                )
        grace_periods = whole_number(grace_periods, "grace_periods", 0, MAX_TERM)
        if grace_periods and method in (Method.BULLET, Method.FLAT):
            raise InvalidTermsError(
                "grace_periods",
                grace_periods,
                "0 for bullet and flat loans; grace periods apply to the methods "
                "annuity, equal_principal, interest_only and balloon",
            )
        if grace_periods >= term:
            raise InvalidTermsError(
                "grace_periods", grace_periods, f"fewer than the term ({term} periods)"
            )
        if method is Method.BALLOON:
            if amortization_term is None:
                raise InvalidTermsError(
                    "amortization_term", None, "a whole number of periods for a balloon loan"
                )
            amortization_term = whole_number(amortization_term, "amortization_term", 1, MAX_TERM)
            if amortization_term < term:
                raise InvalidTermsError(
                    "amortization_term",
                    amortization_term,
                    f"at least the term ({term}): a balloon matures before it amortizes",
                )
        elif amortization_term is not None:
            raise InvalidTermsError(
                "amortization_term", amortization_term, "None unless method='balloon'"
            )
        periods = max(term, amortization_term or 0)
        dates_within_calendar(term, periods, start, first_due_date, frequency, end_of_month)
        if fee_deducted and upfront_minor >= principal_minor:
            raise InvalidTermsError(
                "upfront_fee",
                upfront_fee,
                "less than the principal when the fee is deducted from it",
            )

        setattr_ = object.__setattr__
        setattr_(self, "principal", to_major(principal_minor, digits))
        # A local context: the result never depends on the caller's decimal settings.
        setattr_(self, "annual_rate", decimal_of(rate))
        setattr_(self, "term", term)
        setattr_(self, "start", start)
        setattr_(self, "method", method)
        setattr_(self, "frequency", frequency)
        setattr_(self, "day_count", day_count)
        setattr_(self, "interest_basis", interest_basis)
        setattr_(self, "first_due_date", first_due_date)
        setattr_(self, "end_of_month", end_of_month)
        setattr_(self, "grace_periods", grace_periods)
        setattr_(self, "grace", grace)
        setattr_(self, "amortization_term", amortization_term)
        setattr_(self, "upfront_fee", to_major(upfront_minor, digits))
        setattr_(self, "fee_deducted", fee_deducted)
        setattr_(self, "instalment_fee", to_major(instalment_minor, digits))
        setattr_(self, "currency", currency)
        setattr_(self, "rounding", rounding)
        setattr_(self, "odd_days", parse_enum(odd_days, OddDays, "odd_days"))
        setattr_(self, "rate", rate)
        setattr_(self, "digits", digits)

    @property
    def principal_minor(self) -> int:
        """The principal in integer minor units."""
        return minor_of(self.principal, self.digits)

    @property
    @exact_decimals
    def proceeds(self) -> Decimal:
        """What the borrower receives: the principal, less a deducted upfront fee.

        Examples
        --------
        >>> from datetime import date
        >>> Loan(1000, "0.1", 12, start=date(2024, 1, 1), upfront_fee=50,
        ...      fee_deducted=True).proceeds
        Decimal('950.00')
        """
        return self.principal - self.upfront_fee if self.fee_deducted else self.principal

    def replace(self, **changes: object) -> Loan:
        """Return a copy with some fields changed, validated like a new loan.

        Examples
        --------
        >>> from datetime import date
        >>> Loan(1000, "0.1", 12, start=date(2024, 1, 1)).replace(term=24).term
        24
        """
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}
        fields.pop("rate")
        fields.pop("digits")
        fields.update(changes)
        return Loan(**fields)


def term_within_years(term: int, frequency: Frequency) -> None:
    """Refuse a term of more than :data:`MAX_YEARS` years of ``frequency`` periods.

    Examples
    --------
    >>> term_within_years(101, Frequency.ANNUAL)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: term=101 is not valid: at most 100 annual periods (100 years)
    """
    if term > MAX_YEARS * frequency.periods_per_year:
        raise InvalidTermsError(
            "term",
            term,
            f"at most {MAX_YEARS * frequency.periods_per_year} {frequency.value} "
            f"periods ({MAX_YEARS} years)",
        )


def dates_within_calendar(  # noqa: PLR0917 - a loan's calendar, as Loan holds it
    term: int,
    periods: int,
    start: date,
    first_due_date: date | None,
    frequency: Frequency,
    end_of_month: bool,
) -> None:
    """Refuse ``term`` unless the due dates of ``periods`` periods end by 9999-12-31.

    Examples
    --------
    >>> dates_within_calendar(12, 12, date(9999, 6, 1), None, Frequency.MONTHLY, False)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: term=12 is not valid: a term whose due dates end by ...
    """
    anchor, steps = (start, periods) if first_due_date is None else (first_due_date, periods - 1)
    try:
        shift_periods(anchor, steps, frequency, end_of_month=end_of_month)
    except InvalidTermsError:
        raise InvalidTermsError(
            "term", term, "a term whose due dates end by 9999-12-31 (the calendar's end)"
        ) from None


class RowTerms(Protocol):
    """What the row engines read of a loan's terms: a :class:`Loan` has all of it.

    A workout re-amortizing an account's balance (:mod:`loanrelief._relief.draft`)
    gives the engines these terms directly, with the balance in minor units
    (:func:`~loanrelief._loans.amortization.terms_rows`), rather than a new validated
    ``Loan`` in major units.
    """

    @property
    def rate(self) -> Fraction: ...
    @property
    def start(self) -> date: ...
    @property
    def term(self) -> int: ...
    @property
    def frequency(self) -> Frequency: ...
    @property
    def day_count(self) -> DayCount: ...
    @property
    def interest_basis(self) -> InterestBasis: ...
    @property
    def first_due_date(self) -> date | None: ...
    @property
    def end_of_month(self) -> bool: ...
    @property
    def odd_days(self) -> OddDays: ...
    @property
    def method(self) -> Method: ...
    @property
    def amortization_term(self) -> int | None: ...
    @property
    def grace_periods(self) -> int: ...
    @property
    def grace(self) -> Grace: ...
    @property
    def rounding(self) -> RoundingMode: ...
