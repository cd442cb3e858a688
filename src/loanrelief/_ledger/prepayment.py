"""Prepayments that re-amortize: lower the payment or shorten the term.

A partial prepayment (提前还款) on any date repays principal; the bank then offers a
choice: keep the term and lower the payment (减少月供, :attr:`Keep.TERM`), or keep the
payment and shorten the term (缩短期限, :attr:`Keep.PAYMENT`). :func:`prepay` answers
both with the new schedule, the interest saved and the instalments saved;
:func:`extra_payments` does the same for a fixed extra amount with every instalment
(the US "extra payment" calculators). :func:`calculator_totals` gives the figures a
loan calculator shows, whose payment and interest are not rounded to the cent row by
row, so that a bank's or a website's calculator can be checked to its last digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction
from typing import ClassVar, TypeVar, final

import numpy as np

from loanrelief._foundations.dates import grid_dates
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    Bools,
    Money,
    exact_decimals,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import Choice, parse_enum
from loanrelief._ledger.account import account_state
from loanrelief._ledger.inputs import Payment
from loanrelief._loans.amortization import amortize, period_rates, reamortize
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Loan, Method

__all__ = [
    "CalculatorTotals",
    "Keep",
    "Prepayment",
    "calculator_totals",
    "extra_payments",
    "prepay",
]


@final
class Keep(Choice):
    """What a prepayment keeps, and so what it changes.

    Attributes
    ----------
    TERM
        Keep the maturity, lower the payment (减少月供): the balance left is
        re-amortized over the instalments that were left, to the contract's last
        instalment with a payment (a payment rounded a fraction of a unit up can repay
        a contract before its nominal end), the payment sized as
        :func:`~loanrelief.amortize` sizes one: never below the rows' interest where
        their periods earn one rate, nor leaving more than a payment to the last.
    PAYMENT
        Keep the payment, shorten the term (缩短期限): the same instalment (the
        contract's level payment; for an equal-principal loan, the same principal each
        period) until the balance is repaid, the last one smaller.

    Examples
    --------
    >>> Keep("payment")
    <Keep.PAYMENT: 'payment'>
    """

    TERM = "term"
    PAYMENT = "payment"


@final
@dataclass(frozen=True, slots=True)
class Prepayment(Rendered):
    """A prepayment and what it saves.

    Attributes
    ----------
    before : Schedule
        The contract.
    after : Schedule
        The new schedule of what is left, from ``on``.
    on : datetime.date
        The date of the prepayment.
    principal : Decimal
        Principal prepaid on ``on`` (0 for :func:`extra_payments`).
    interest_to_date : Decimal
        Contract interest of the current period up to ``on``, paid with the prepayment.
    fee : Decimal
        The prepayment fee (违约金) charged on ``on``.
    keep : Keep
    interest_saved : Decimal
        Contract interest of every instalment due after ``on``, less the interest to
        date and the new schedule's interest.
    instalments_saved : int
        Instalments with a payment due after ``on`` in the contract, less those of the
        new schedule.
    """

    before: Schedule
    after: Schedule
    on: date
    principal: Decimal
    interest_to_date: Decimal
    fee: Decimal
    keep: Keep
    interest_saved: Decimal
    instalments_saved: int

    @property
    @exact_decimals
    def paid_on_the_day(self) -> Decimal:
        """Principal prepaid, interest to date and the fee, paid on ``on``.

        Examples
        --------
        >>> import loanrelief as lr
        >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
        >>> lr.prepay(loan, 3000, date(2024, 4, 30), fee_rate="0.01").paid_on_the_day
        Decimal('3075.66')
        """
        return self.principal + self.interest_to_date + self.fee

    @property
    @exact_decimals
    def net_saving(self) -> Decimal:
        """The interest saved less the fee.

        Examples
        --------
        >>> loan = Loan(12000, "0.12", 12, start=date(2024, 1, 15))
        >>> prepaid = prepay(loan, 3000, date(2024, 4, 15), fee=50)
        >>> prepaid.interest_saved, prepaid.fee, prepaid.net_saving
        (Decimal('151.99'), Decimal('50.00'), Decimal('101.99'))
        """
        return self.interest_saved - self.fee

    __repr__ = result_repr_of("on", "principal", "keep", "interest_saved")

    _renders: ClassVar[str] = "loanrelief._presentation.ledger:prepayment"


_PREPAYABLE = (Method.ANNUITY, Method.EQUAL_PRINCIPAL)


def _contract(loan: Loan | Schedule) -> Schedule:
    """Return the contract's schedule, refusing what cannot be re-amortized."""
    if isinstance(loan, Loan):
        schedule = amortize(loan)
    elif isinstance(loan, Schedule):
        schedule = loan
    else:
        raise InvalidTypeError("loan", loan, "a Loan or a Schedule")
    if schedule.loan.method not in _PREPAYABLE:
        raise InvalidTermsError(
            "loan", schedule.loan.method.value, "a level-payment or equal-principal loan"
        )
    return schedule


def _kept(before: Schedule, current: int) -> tuple[int, int]:
    """Return the instalment (annuity) or the principal a period (equal principal) kept.

    An annuity keeps the largest remaining instalment but the last, which absorbs the
    residue (level payments are equal; an interest-free loan's split differs by a
    unit), past any grace periods (a loan in grace keeps the payment it will owe).
    Equal principal keeps the nominal principal a period: what the amortizing rows
    repay (the principal, with any interest a capitalizing grace added to it) over
    their number, rounded up (the rows split it within a unit: none is larger).
    """
    contract, columns = before.loan, before.minor_columns
    grace = contract.grace_periods
    if contract.method is Method.ANNUITY:
        remaining = columns["payment"][max(current, grace) :]
        return int(remaining[:-1].max() if len(remaining) > 1 else remaining[0]), 0
    base = contract.principal_minor - int(columns["principal"][:grace].sum())
    return 0, -(-base // max(contract.term - grace, 1))


def _paying(schedule: Schedule) -> Bools:
    """Return which rows of a schedule have a payment or a fee (neither is ever negative).

    Rows of nothing after an early payoff (a payment rounded a fraction of a unit up)
    are no instalments.
    """
    columns = schedule.minor_columns
    paying: Bools = columns["payment"] + columns["fee"] != 0
    return paying


def _last_paid(paying: Bools) -> int:
    """Return how many rows a schedule has up to its last one with a payment or fee."""
    rows = np.flatnonzero(paying)
    return int(rows[-1]) + 1 if len(rows) else len(paying)


def _saved(
    before: Schedule, after: Schedule, on: date, to_date: int, paying: Bools
) -> tuple[Decimal, int]:
    """Interest and instalments the contract has after ``on`` that the new schedule has not.

    Instalments are those with a payment: the contract's rows ``paying`` (its rows with
    a payment or a fee, :func:`_paying`), the new schedule's with a payment.
    """
    later = before.due_dates.astype(object) > on
    contract_interest = int(before.minor_columns["interest"][later].sum())
    new_interest = int(after.minor_columns["interest"].sum())
    digits = before.loan.digits
    saved = int((later & paying).sum()) - int(np.count_nonzero(after.minor_columns["payment"]))
    return to_major(contract_interest - to_date - new_interest, digits), saved


def prepay(
    loan: Loan | Schedule,
    amount: Money,
    on: date,
    *,
    keep: Keep | str = Keep.TERM,
    fee: Money = 0,
    fee_rate: Money | float = 0,
) -> Prepayment:
    """Prepay part of the principal on a date and re-amortize what is left.

    Parameters
    ----------
    loan : Loan or Schedule
        The contract: a level-payment (等额本息) or equal-principal (等额本金) loan,
        paid as scheduled up to ``on``.
    amount : Decimal, int or str
        Principal prepaid, in major units, less than the balance on ``on`` (all of it
        is the payoff: ``account_state(...).payoff``).
    on : datetime.date
        The date of the prepayment, after the start and before the last due date; on a
        due date, after that day's instalment.
    keep : {"term", "payment"}, default "term"
        Lower the payment over the same instalments (减少月供), or keep the payment and
        shorten the term (缩短期限); see :class:`Keep`.
    fee, fee_rate : Decimal, int or str, default 0
        A prepayment fee (违约金): an amount, plus a share of the principal prepaid
        (``"0.01"`` for 1 %), rounded once.

    Returns
    -------
    Prepayment
        The new schedule from ``on`` and what it saves.

    Raises
    ------
    InvalidTermsError
        For a method other than the two, a date outside the term, or an amount of at
        least the balance.

    Notes
    -----
    Interest to date: the current period's contract interest up to ``on``, in
    proportion to the days elapsed, paid with the prepayment (interest by the time the
    money was actually used, the rule of :func:`loanrelief.account_state`). The new
    schedule runs from ``on`` on the contract's remaining due dates, to its last
    instalment with a payment: its first period is the rest of the current one, at the
    period's rate in proportion to the days left, so that with the interest to date the
    period costs its contract rate. Its level payment is :func:`~loanrelief.amortize`'s
    on those periods' rates, rounded, lowered a unit where it would repay early or
    raised a unit where it would fall short of the rows' interest (the balance
    growing, the last instalment a balloon). A period longer than most by day count
    may still earn more than the payment, as in the contract.

    Examples
    --------
    500,000 at 4.9 % over 20 years, 100,000 prepaid after the 60th instalment: keeping
    the payment of 3,272.22 repays it in 124 more months instead of 180 (a Chinese
    bank calculator's published example).

    >>> import loanrelief as lr
    >>> loan = lr.Loan(500000, "0.049", 240, start=date(2020, 1, 1))
    >>> shorter = lr.prepay(loan, 100000, date(2025, 1, 1), keep="payment")
    >>> len(shorter.after), shorter.instalments_saved, shorter.after.regular_payment
    (124, 56, Decimal('3272.22'))
    >>> lower = lr.prepay(loan, 100000, date(2025, 1, 1), keep="term")
    >>> len(lower.after), lower.after.regular_payment
    (180, Decimal('2486.63'))
    """
    before = _contract(loan)
    contract = before.loan
    if isinstance(on, datetime) or not isinstance(on, date):
        raise InvalidTypeError("on", on, "a datetime.date")
    if not contract.start < on < before.maturity:
        raise InvalidTermsError(
            "on", on, f"a date after the start {contract.start} and before {before.maturity}"
        )
    keep = parse_enum(keep, Keep, "keep")
    digits = contract.digits
    prepaid = to_minor(amount, field="amount", digits=digits)
    flat_fee = to_minor(fee, field="fee", digits=digits)
    share = parse_rate(fee_rate, field="fee_rate", maximum=Fraction(1))
    if prepaid <= 0:
        raise InvalidValueError("amount", amount, "a positive amount")
    if flat_fee < 0:
        raise InvalidValueError("fee", fee, "an amount of 0 or more")
    rows = before.instalments
    paying = _paying(before)
    paid = [
        Payment(row.due_date, row.payment + row.fee)
        for row, pays in zip(rows, paying.tolist(), strict=True)
        if row.due_date <= on and pays
    ]
    state = account_state(before, paid, as_of=on)
    balance = to_minor(state.outstanding_principal, field="balance", digits=digits)
    if prepaid >= balance:
        raise InvalidTermsError(
            "amount",
            amount,
            f"less than the balance {state.outstanding_principal} on {on} (all of it is "
            f"the payoff, {state.payoff})",
        )
    to_date = to_minor(state.accrued_interest, field="interest", digits=digits)
    exact_fee = share * prepaid
    charged = flat_fee + round_ratio(exact_fee.numerator, exact_fee.denominator, contract.rounding)
    # The term the contract runs: to its last instalment with a payment (a payment a
    # fraction of a unit above the exact one can repay it early, the rows after that
    # of nothing), so that keeping the term never pays for longer than the contract.
    end = _last_paid(paying)
    later = [row for row in rows[:end] if row.due_date > on]
    current = end - len(later)
    dates = before.due_dates[current:end]  # the contract's due dates kept
    # The rest of the current period at the contract's rate, in proportion to the days
    # left: with the interest to date (the days elapsed) it is the period's rate.
    begin = contract.start if current == 0 else rows[current - 1].due_date
    period = period_rates(contract, before.due_dates)[current]
    rest = period * Fraction((later[0].due_date - on).days, (later[0].due_date - begin).days)
    next_due = later[0].due_date
    regular = grid_dates(on, 1, contract.frequency, None, contract.end_of_month)[0]
    template = Loan(
        to_major(balance - prepaid, digits),
        contract.annual_rate,
        len(later),
        method=contract.method,
        start=on,
        frequency=contract.frequency,
        day_count=contract.day_count,
        interest_basis=contract.interest_basis,
        first_due_date=None if np.datetime64(next_due) == regular else next_due,
        end_of_month=contract.end_of_month,
        instalment_fee=contract.instalment_fee,
        currency=contract.currency,
        rounding=contract.rounding,
        odd_days=contract.odd_days,
    )
    if keep is Keep.TERM:
        after = reamortize(template, dates, first_rate=rest)
    else:
        payment, each = _kept(before, current)
        try:
            after = reamortize(
                template, dates, payment=payment or None, principal=each or None, first_rate=rest
            )
        except InvalidTermsError:
            raise InvalidTermsError(
                "keep",
                keep.value,
                f"a kept instalment ({to_major(payment, digits)}) above each period's"
                " interest, which this one is not: keep the term instead",
            ) from None
    interest_saved, instalments_saved = _saved(before, after, on, to_date, paying)
    return Prepayment(
        before=before,
        after=after,
        on=on,
        principal=to_major(prepaid, digits),
        interest_to_date=to_major(to_date, digits),
        fee=to_major(charged, digits),
        keep=keep,
        interest_saved=interest_saved,
        instalments_saved=instalments_saved,
    )


def extra_payments(loan: Loan | Schedule, extra: Money) -> Prepayment:
    """Pay ``extra`` more principal with every instalment, from the first.

    Parameters
    ----------
    loan : Loan or Schedule
        A level-payment or equal-principal loan.
    extra : Decimal, int or str
        Added to each instalment, in major units; all of it repays principal.

    Returns
    -------
    Prepayment
        ``after`` is the schedule of the larger instalments (the last smaller), from
        the start; ``interest_saved`` and ``instalments_saved`` against the contract.

    Examples
    --------
    300,000 at 6.5 % over 30 years with 200 more each month (a US extra-payment
    calculator's published example): repaid in 277 months, 83 sooner.

    >>> import loanrelief as lr
    >>> plan = lr.extra_payments(lr.Loan(300000, "0.065", 360, start=date(2024, 1, 1)), 200)
    >>> len(plan.after), plan.instalments_saved, plan.after.regular_payment
    (277, 83, Decimal('2096.20'))
    """
    before = _contract(loan)
    contract = before.loan
    digits = contract.digits
    more = to_minor(extra, field="extra", digits=digits)
    if more <= 0:
        raise InvalidValueError("extra", extra, "a positive amount")
    columns = before.minor_columns
    if contract.grace_periods:
        raise InvalidTermsError("loan", contract.grace_periods, "a loan without grace periods")
    if contract.method is Method.ANNUITY:
        payment = int(columns["payment"][0]) + more
        after = reamortize(contract, before.due_dates, payment=payment)
    else:
        each = -(-contract.principal_minor // contract.term) + more
        after = reamortize(contract, before.due_dates, principal=each)
    paying = _paying(before)
    interest_saved, instalments_saved = _saved(before, after, contract.start, 0, paying)
    return Prepayment(
        before=before,
        after=after,
        on=contract.start,
        principal=to_major(0, digits),
        interest_to_date=to_major(0, digits),
        fee=to_major(0, digits),
        keep=Keep.PAYMENT,
        interest_saved=interest_saved,
        instalments_saved=instalments_saved,
    )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class CalculatorTotals:
    """What a loan calculator shows: figures computed exactly, each rounded once.

    Attributes
    ----------
    payment : Decimal
        The first instalment (the level payment with the extra, or the first
        equal-principal instalment), rounded once for display.
    principal_part : Decimal
        The first instalment's principal, rounded once: for an equal-principal loan
        ``principal / term`` (and the extra), as Chinese bank calculators show it
        (170,000 over 180 months: 944.44; over 90: 1,888.89).
    count : int
        Instalments until the loan is repaid (the last one smaller).
    total_interest : Decimal
        The exact sum of each period's interest on the exact balance, rounded once.
    total_paid : Decimal
        The principal and ``total_interest``.
    """

    payment: Decimal
    principal_part: Decimal
    count: int
    total_interest: Decimal
    total_paid: Decimal

    __repr__ = result_repr_of("payment", "count", "total_paid")


def _exact_walk(
    loan: Loan, rates: list[Fraction], extra: Fraction
) -> tuple[Fraction, Fraction, int, Fraction]:
    """Walk the exact balance: return the first payment and principal, the count, the interest.

    An equal-principal loan walks in exact fractions (its balance falls by a fixed
    amount, so the fractions stay small, and a total can land on a half-unit tie:
    2.00 at 2 % over 404 months is 0.675 of interest). A level-payment loan walks in
    60-digit decimals: its exact fractions grow a digit or more a period (1,200 months
    took 27 s), and 60 digits keep every figure far below the half-unit its one
    rounding could turn on (its payment is irrational in the rate's terms but at a
    zero rate, whose walk charges nothing).
    """
    principal = Fraction(loan.principal)
    if loan.method is not Method.ANNUITY:
        return _walk(rates, principal, principal / loan.term + extra, level=False)
    with localcontext() as context:
        context.prec = 60
        context.traps[Inexact] = False

        def dec(value: Fraction) -> Decimal:
            return Decimal(value.numerator) / Decimal(value.denominator)

        periodic = [dec(rate) for rate in rates]
        # the level payment that repays the contract over its rates, exactly
        factor, discount = Decimal(1), Decimal(0)
        for rate in periodic:
            factor /= 1 + rate
            discount += factor
        owed = Decimal(loan.principal)
        walked = _walk(periodic, owed, owed / discount + dec(extra), level=True)
    payment, repaid, count, interest = walked
    return Fraction(payment), Fraction(repaid), count, Fraction(interest)


_N = TypeVar("_N", Fraction, Decimal)


def _walk(rates: list[_N], principal: _N, payment: _N, *, level: bool) -> tuple[_N, _N, int, _N]:
    """Walk a balance: a level ``payment`` (interest included) or a fixed principal one.

    Returns the first payment and its principal, the payments, and the interest.
    """
    balance, interest, count = principal, principal * 0, 0
    first: tuple[_N, _N] | None = None
    for k, rate in enumerate(rates, 1):
        owed = balance * rate
        repaid = payment - owed if level else payment
        # the last instalment: what is left (for a level payment, exactly its own)
        if repaid >= balance or k == len(rates):
            repaid = balance
        interest += owed
        count += 1
        if first is None:
            first = (repaid + owed, repaid)
        balance -= repaid
        if balance == 0:
            break
    if first is None or balance != 0:
        raise InvalidTermsError("extra", payment, "an extra amount that leaves the loan repaid")
    return first[0], first[1], count, interest


@exact_decimals
def calculator_totals(loan: Loan, *, extra: Money = 0) -> CalculatorTotals:
    """Return the figures a loan calculator shows: the exact walk, rounded once.

    Parameters
    ----------
    loan : Loan
        A level-payment (等额本息) or equal-principal (等额本金) loan without grace
        periods or fees.
    extra : Decimal, int or str, default 0
        Principal paid with every instalment beyond the contract's (the US "extra
        payment" calculators), from the first.

    Returns
    -------
    CalculatorTotals

    Notes
    -----
    The calculators' convention: the level payment is the exact annuity
    ``P / sum_k prod_{j <= k} 1 / (1 + r_j)`` (``r`` the loan's period rates), not
    rounded to the cent; each period's interest is the exact ``balance x r``; the
    totals are exact sums, rounded once (:func:`~loanrelief._foundations.money.round_ratio`, the
    loan's rounding). An equal-principal loan repays ``principal / term`` a period
    exactly, its interest summing to ``P r (n + 1) / 2`` at a constant rate. A
    schedule (:func:`~loanrelief.amortize`) bills each row in cents instead, so its
    totals differ from these by the rounding of its rows, up to half a unit each.
    Two published calculators follow it: a US extra-payment calculator (300,000 at
    6.5 % over 30 years: interest 382,633 in all, 279,184.67 with 200 more a month,
    repaid in 277 months) and a Chinese bank calculator's equal-principal figures
    (170,000 at 4.9 % over 180 months: interest 62,822.08), both in
    ``tests/reference/prepayment_cases.json``.

    Examples
    --------
    >>> import loanrelief as lr
    >>> us = lr.Loan(300000, "0.065", 360, start=date(2024, 1, 1))
    >>> plain, extra = lr.tvm.calculator_totals(us), lr.tvm.calculator_totals(us, extra=200)
    >>> plain.payment, plain.total_interest, extra.count, extra.total_interest
    (Decimal('1896.20'), Decimal('382633.47'), 277, Decimal('279184.67'))
    >>> lr.amortize(us).total_interest                  # billed in cents, row by row
    Decimal('382636.71')
    >>> cn = lr.Loan(170000, "0.049", 90, start=date(2024, 1, 1), method="equal_principal")
    >>> shown = lr.tvm.calculator_totals(cn)
    >>> shown.principal_part, shown.total_interest, shown.total_paid
    (Decimal('1888.89'), Decimal('31584.58'), Decimal('201584.58'))
    """
    if not isinstance(loan, Loan):
        raise InvalidTypeError("loan", loan, "a Loan")
    if loan.method not in _PREPAYABLE:
        raise InvalidTermsError(
            "loan", loan.method.value, "a level-payment or equal-principal loan"
        )
    if loan.grace_periods:
        raise InvalidTermsError("loan", loan.grace_periods, "a loan without grace periods")
    digits = loan.digits
    more = to_minor(extra, field="extra", digits=digits)  # 0 or more
    schedule = amortize(loan)
    if schedule.total_fees:
        raise InvalidTermsError("loan", schedule.total_fees, "a loan without fees")
    rates = period_rates(loan, schedule.due_dates)
    unit = 10**digits
    payment, principal, count, interest = _exact_walk(loan, rates, Fraction(more, unit))

    def rounded(value: Fraction) -> int:
        exact = value * unit
        return round_ratio(exact.numerator, exact.denominator, loan.rounding)

    total_interest = rounded(interest)
    return CalculatorTotals(
        payment=to_major(rounded(payment), digits),
        principal_part=to_major(rounded(principal), digits),
        count=count,
        total_interest=to_major(total_interest, digits),
        total_paid=to_major(loan.principal_minor + total_interest, digits),
    )
