"""The workout draft that levers reshape, and how a finished draft becomes a plan.

A :class:`Draft` holds a workout in integer minor units — what is due now by
component, the current period's accrued interest, the balance not yet due, what is
rolled into a new schedule, the rate, the term, holidays, forbearance, waivers and any
settlement. :func:`draft_from` makes one from an account; levers
(:mod:`loanrelief._relief.levers`) change it; :func:`realize` turns it into a
:class:`~loanrelief._loans.plan.Plan`, re-amortizing with :func:`loanrelief.amortize`'s
own engine on the draft's minor units (:func:`reamortized_rows`: no new ``Loan``).
"""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import accumulate
from typing import final

import numpy as np

from loanrelief._foundations.dates import Frequency, month_ends, shift_periods
from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError, LoanReliefError
from loanrelief._foundations.money import (
    MAX_MAJOR,
    Money,
    RoundingMode,
    decimal_of,
    exact_decimals,
    minor_of,
    round_ratio,
    split_evenly,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import an_instance, whole_number
from loanrelief._ledger.account import AccountState
from loanrelief._ledger.instalments import ROW_FIELDS
from loanrelief._ledger.replay import join_capitalized
from loanrelief._loans.amortization import terms_rows, too_large, within_int64
from loanrelief._loans.plan import PLAN_COLUMNS, Parts, Plan
from loanrelief._loans.terms import (
    MAX_TERM,
    Grace,
    InterestBasis,
    Method,
    OddDays,
    dates_within_calendar,
    term_within_years,
)
from loanrelief._relief.workout import (
    HolidayInterest,
    Workout,
    allocate,
    future_interest_cuts,
    give_up,
    instalment_fee,
    new_row_fees,
    owed_parts,
    periods_before,
    periods_for_payment,
    take_holiday,
)
from loanrelief.law._rules import Charge, contract_rate_ceiling

__all__ = [
    "Draft",
    "draft_from",
    "realize",
]

_PRINCIPAL, _INTEREST, _FEES, _CAPITALIZED = (
    ROW_FIELDS.index(name) for name in ("principal_due", "interest_due", "fees_due", "capitalized")
)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Reamortization:
    """The terms a workout re-amortizes a balance on: a :class:`RowTerms` (internal).

    What a new ``Loan`` of the balance would hold, without the ``Loan``: the balance
    stays in minor units, the rate an exact ``Fraction``, and the engines
    (:func:`~loanrelief._loans.amortization.terms_rows`) read these fields directly. An
    annuity on the loan's own grid from ``start``, with ``grace_periods`` of holiday.

    Examples
    --------
    >>> from datetime import date
    >>> terms = Reamortization(rate=Fraction(12, 100), start=date(2024, 1, 1), term=3)
    >>> days, interest, repaid = reamortized_rows(terms, 100000, 2)
    >>> [str(day) for day in days], interest, repaid
    (['2024-02-01', '2024-03-01', '2024-04-01'], [1000, 670, 337], [33002, 33332, 33666])
    """

    rate: Fraction
    start: date
    term: int
    frequency: Frequency = Frequency.MONTHLY
    day_count: DayCount = DayCount.ACT_365
    first_due_date: date | None = None
    end_of_month: bool = False
    grace_periods: int = 0
    grace: Grace = Grace.INTEREST_ONLY
    rounding: RoundingMode = RoundingMode.HALF_EVEN
    interest_basis: InterestBasis = InterestBasis.PERIODIC
    odd_days: OddDays = OddDays.EXACT
    method: Method = Method.ANNUITY
    amortization_term: int | None = None


def reamortized_rows(
    terms: Reamortization, principal: int, digits: int
) -> tuple[list[date], list[int], list[int]]:
    """Return the due dates, interest and principal of ``principal`` minor units on ``terms``.

    :func:`~loanrelief.amortize`'s rows of a loan of that principal on these terms, to
    the minor unit, and its refusals: the principal within a loan's limit
    (:data:`~loanrelief._foundations.money.MAX_MAJOR`), the term within a loan's
    (:data:`~loanrelief._loans.terms.MAX_TERM`, :func:`term_within_years`), its due
    dates by 9999-12-31 (:func:`dates_within_calendar`), every row within ``2**62``
    minor units (:func:`~loanrelief._loans.amortization.within_int64`).
    """
    if principal > MAX_MAJOR * 10**digits:
        raise InvalidValueError(
            "principal", to_major(principal, digits), f"an amount of at most {MAX_MAJOR:,}"
        )
    term = whole_number(terms.term, "term", 1, MAX_TERM)
    term_within_years(term, terms.frequency)
    dates_within_calendar(
        term, term, terms.start, terms.first_due_date, terms.frequency, terms.end_of_month
    )
    dates, interest, repaid = terms_rows(terms, principal)
    if not within_int64(principal, interest, repaid):
        raise too_large(decimal_of(terms.rate))
    days: list[date] = dates.astype(object).tolist()
    return days, interest, repaid


@final
@dataclass(frozen=True, kw_only=True)
class Draft(Workout[int]):
    """A workout of one account being shaped by levers, in integer minor units.

    The fields are :class:`Workout`'s, with ``state``, the account the workout starts
    from. Made by :func:`draft_from`, changed by levers, made a plan by
    :func:`realize`.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> draft = lr.CapitalizeArrears().apply(draft_from(state))
    >>> draft.rolled.principal, draft.labels, draft.debt
    (20000, ('capitalize arrears',), 120000)
    """

    state: AccountState

    __repr__ = result_repr_of("labels", "state")

    @property
    def digits(self) -> int:
        """Minor-unit digits of the loan's currency."""
        return self.state.loan.digits

    @property
    def rounding(self) -> RoundingMode:
        """The loan's rounding mode."""
        return self.state.loan.rounding

    def minor(self, value: Money, name: str) -> int:
        """Parse an amount given to a lever in the loan's currency (minor units)."""
        return to_minor(value, field=name, digits=self.digits)

    def check(self, ok: object, name: str, value: object, valid: str) -> None:
        """Refuse the lever (naming its option ``name``) unless ``ok``."""
        if not ok:
            raise InvalidTermsError(name, value, valid)

    def periods_for(self, amount: int, payment: int) -> int:
        """Return the fewest level payments of about ``payment`` that repay ``amount``."""
        per_year = self.state.loan.frequency.periods_per_year
        rate = float(Fraction(self.rate) / per_year)
        return int(periods_for_payment(amount, payment, rate, self.term))

    def annuity_interest(self, amount: int, count: int) -> int:
        """Interest ``amount`` would earn at :attr:`rate` in ``count`` level payments."""
        if not amount or not self.rate:
            return 0
        loan = self.state.loan
        terms = Reamortization(
            rate=self.rate,
            start=self.state.as_of,
            term=count,
            frequency=loan.frequency,
            rounding=loan.rounding,
        )
        return sum(reamortized_rows(terms, amount, self.digits)[1])


@exact_decimals
def draft_from(state: AccountState) -> Draft:
    """Return the draft of an account on its date: arrears due now, the contract after.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> draft = draft_from(state)
    >>> draft.arrears.principal, draft.balance, draft.term
    (20000, 100000, 10)
    """
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
    rows = state._instalments  # the account's rows in minor units (a value; nothing written)
    principal, interest, penalty, fees = rows.due_now
    return Draft(
        state=state,
        # enforcement costs are due now, with the fees
        arrears=Parts(
            principal=principal,
            interest=interest,
            penalty=penalty,
            fees=fees + minor_of(state.costs, state.loan.digits),
        ),
        accrued=minor_of(state.accrued_interest, state.loan.digits),
        balance=rows.balance,
        rolled=Parts.zeros(),
        rate=_lawful_rate(state),
        term=len(rows.ahead),
        payment=rows.next_payment,
    )


def _lawful_rate(state: AccountState, rate: Fraction | None = None) -> Fraction:
    """Return ``rate`` (the contract's by default), or the rule's ceiling if that is lower."""
    rate = state.loan.rate if rate is None else rate
    if state.rule is None:
        return rate
    ceiling = contract_rate_ceiling(state.rule, state.loan, state.as_of)
    return rate if ceiling is None else min(rate, ceiling)


def _rows_of_settlement(draft: Draft) -> tuple[list[date], dict[str, list[int]], Parts[int]]:
    assert draft.settlement is not None
    price, count = draft.settlement
    left, waived = give_up(owed_parts(draft), draft.waived, price)
    frequency = draft.state.loan.frequency
    dates = [shift_periods(draft.state.as_of, k, frequency) for k in range(count)]
    parts = split_evenly(price, count)[::-1]  # larger parts first
    taken = allocate(list(accumulate(parts)), dict(left.items()))
    columns = {c: taken[c] for c in PLAN_COLUMNS}
    return dates, columns, waived


@exact_decimals
def realize(draft: Draft, label: str | None = None) -> Plan:
    """Turn a draft into a plan of dated payments.

    Rules: arrears left due are paid on the negotiation date; an unrestructured draft
    keeps the contract's remaining instalments; a restructured one is re-amortized by
    :func:`loanrelief.amortize`'s engine (:func:`reamortized_rows`; level payments at the
    draft's rate over its term, from the negotiation date to the contract's next due
    date, or one period on for a new instalment plan), with the current period's
    accrued interest added to its first payment, holidays as grace periods, and any
    forborne principal due with the last payment. Waivers of future interest then
    lower the interest of each payment.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> realize(lr.ExtendTerm(10).apply(draft_from(state))).regular_payment
    Decimal('50.00')
    """
    draft = an_instance(draft, Draft, "draft", "a Draft (from draft_from)")
    if label is not None:
        label = an_instance(label, str, "label", "a str, or None")
    state = draft.state
    loan = state.loan
    as_of = state.as_of
    name = label if label is not None else (", ".join(draft.labels) or "cure now")
    if draft.settlement is not None:
        return _plan(draft, name, *_rows_of_settlement(draft))
    dates: list[date] = [as_of]
    columns: dict[str, list[int]] = {c: [draft.arrears[c]] for c in PLAN_COLUMNS}
    rolled = dict(draft.rolled.items())
    if draft.down_payment:
        paid = allocate([draft.down_payment], rolled)
        for c in PLAN_COLUMNS:
            columns[c][0] += paid[c][0]
            rolled[c] -= paid[c][0]
    fee = instalment_fee(draft, minor_of(loan.instalment_fee, draft.digits))
    waived = draft.waived
    if draft.restructured:
        new_rows, in_holiday, charged = _amortized(draft, rolled, fee)
        waived = waived.plus("interest", in_holiday)
    else:
        ahead = state._instalments.ahead
        lawful = _lawful_interest(state, [row[_INTEREST] for row in ahead])
        # The contract's rows as it has them: a row that capitalizes interest pays only
        # its payment, its principal negative (the balance grows by what it capitalizes).
        new_rows = [
            (
                row[1],
                *join_capitalized(row[_PRINCIPAL], due, row[_CAPITALIZED]),
                0,
                row[_FEES] * draft.contract_fees,
                due,
            )
            for row, due in zip(ahead, lawful, strict=True)
        ]
        charged = sum(row[4] for row in new_rows)
    new_rows = _within_totals(state, new_rows, charged)
    # Future interest only: interest rolled in from arrears is not the future's to waive.
    waiver = future_interest_cuts(
        [row[5] for row in new_rows],
        draft.future_waiver_share,
        draft.future_waiver_amount,
        draft.rounding,
    )
    waived = waived.plus("interest", sum(waiver))
    if new_rows:  # the rows' columns, each extended at once
        days, principal, interest, penalty, fees, _ = zip(*new_rows, strict=True)
        dates.extend(days)
        columns["principal"].extend(principal)
        columns["interest"].extend(map(operator.sub, interest, waiver))
        columns["penalty"].extend(penalty)
        columns["fees"].extend(fees)
    return _plan(draft, name, dates, columns, waived)


def _lawful_interest(state: AccountState, interest: list[int]) -> list[int]:
    """Return the contract's future interest at the rule's ceiling rate, if that is lower.

    Interest is proportional to the rate on the same balances, so each row is scaled
    by ``ceiling / rate`` (rounded cumulatively: the total is exact).
    """
    ceiling = _lawful_rate(state)
    if ceiling >= state.loan.rate:
        return interest
    share = ceiling / state.loan.rate
    rows, total, exact = [], 0, Fraction(0)
    for value in interest:
        exact += share * value
        rounded = round_ratio(exact.numerator, exact.denominator, state.loan.rounding)
        rows.append(rounded - total)
        total = rounded
    return rows


def _within_totals(
    state: AccountState, rows: list[tuple[date, int, int, int, int, int]], charged: int
) -> list[tuple[date, int, int, int, int, int]]:
    """Trim future interest, latest first, to what a rule's fixed ceilings leave.

    A share or amount limit (a total cost cap) counts everything charged so far; the
    plan's new interest and the instalment fees its rows charge (``charged``) may use only
    what is left of it.
    """
    if state.rule is None:
        return rows
    digits = state.loan.digits
    room: int | None = None
    received = minor_of(state.loan.proceeds, digits)
    for limit in state.rule.limits(state.loan, state.as_of):
        counted = {Charge.CONTRACT_INTEREST, Charge.INSTALMENT_FEE} & set(limit.components)
        if limit.steps or not counted:
            continue
        if limit.amount is not None:
            ceiling = to_minor(limit.amount, field="amount", digits=digits)
        else:
            exact = (limit.share or Fraction(0)) * received
            ceiling = exact.numerator // exact.denominator
        used = sum(minor_of(state.allowed[c.value], digits) for c in limit.components)
        left = max(ceiling - used - minor_of(state.accrued_interest, digits), 0)
        room = left if room is None else min(room, left)
    if room is None:
        return rows
    excess = max(sum(row[5] for row in rows) + charged - room, 0)
    trimmed = []
    for day, principal, interest, penalty, fees, new in reversed(rows):
        cut = min(excess, max(new, 0))
        excess -= cut
        trimmed.append((day, principal, interest - cut, penalty, fees, new - cut))
    return trimmed[::-1]


def _plan(
    draft: Draft,
    name: str,
    dates: list[date],
    columns: dict[str, list[int]],
    waived: Parts[int],
) -> Plan:
    return Plan.from_minor(
        as_of=draft.state.as_of,
        dates=dates,
        columns=columns,
        digits=draft.digits,
        debt=minor_of(draft.state.payoff, draft.digits),
        waived=dict(waived.items()),
        label=name,
        contingent=draft.contingent,
    )


def _amortized(
    draft: Draft, rolled: dict[str, int], fee: int
) -> tuple[list[tuple[date, int, int, int, int, int]], int, int]:
    """Return the new schedule's rows (date, principal, interest, penalty, fees, new interest).

    With the interest a waived holiday gave up and the instalment fees the rows charge.

    New interest is what the new schedule charges (with the current period's accrued
    interest), apart from interest rolled in from arrears.

    Also returns the interest a holiday waived.
    """
    try:
        return _new_schedule(draft, rolled, fee)
    except LoanReliefError as error:
        # The new schedule cannot be built (it would end past 9999-12-31, or lend past
        # the loan limits): say so about the account, not about a field never passed.
        raise InvalidTermsError(
            "state",
            draft.state.as_of,
            f"an account whose new schedule can be built ({error.field}: {error.valid})",
        ) from None


def _new_schedule(
    draft: Draft, rolled: dict[str, int], fee: int
) -> tuple[list[tuple[date, int, int, int, int, int]], int, int]:
    """Return :func:`_amortized`'s rows, waived interest and fees, or raise as the engines do."""
    state = draft.state
    loan = state.loan
    principal = draft.balance + sum(rolled.values())
    if principal + draft.forborne + draft.accrued == 0 and draft.term < 1:
        return [], 0, 0
    # With no paying period left (the contract over, or all holiday), a restructured
    # debt is due one period after the last period without payment.
    draft = dataclasses.replace(draft, term=max(draft.term, draft.holiday + 1))
    next_due = None if draft.start_now else state._instalments.next_due
    if next_due is not None:
        skipped = periods_before(state.as_of, next_due, loan.frequency, loan.end_of_month)
        if skipped:
            # The next due date is too far for one first period (a bullet loan months
            # from maturity): the new schedule starts one period after the negotiation
            # date, with the whole periods before that due date added to its term.
            draft = dataclasses.replace(draft, term=draft.term + skipped)
            next_due = None
    if principal > 0:
        terms = Reamortization(
            rate=_lawful_rate(state, draft.rate),  # no lever charges past the rule
            start=state.as_of,
            term=draft.term,
            frequency=loan.frequency,
            day_count=loan.day_count,
            first_due_date=next_due,
            end_of_month=loan.end_of_month,
            grace_periods=min(draft.holiday, draft.term - 1),
            grace=Grace.CAPITALIZE
            if draft.holiday_interest is HolidayInterest.CAPITALIZE
            else Grace.INTEREST_ONLY,
            rounding=loan.rounding,
        )
        days, interest, repaid = reamortized_rows(terms, principal, draft.digits)
    else:
        # the first due date as the schedule above would have it (one period after the
        # negotiation date, a month end kept where the loan keeps them), then periods
        keep = loan.end_of_month and bool(month_ends(np.array([state.as_of], "M8[D]"))[0])
        first = next_due or shift_periods(state.as_of, 1, loan.frequency, end_of_month=keep)
        days = [shift_periods(first, k, loan.frequency) for k in range(draft.term)]
        repaid = [0] * draft.term
        interest = [0] * draft.term
    waived_in_holiday = take_holiday(
        interest,
        repaid,
        holiday=draft.holiday,
        how=draft.holiday_interest,
        accrued=draft.accrued,
        forborne=draft.forborne,
        last=len(days) - 1,
    )
    # Attribute the new principal to what was rolled into it (allocate, ROLL_ORDER);
    # beyond that it repays capitalized interest. A row whose payment does not cover
    # its interest (a long first period) grows the balance: its negative principal
    # stays, and is principal repaid later.
    row_fees = new_row_fees(
        fee, draft.holiday, [r + i for r, i in zip(repaid, interest, strict=True)]
    )
    growth = [min(part, 0) for part in repaid]
    pools = dict(rolled)
    pools["principal"] += draft.balance + draft.forborne - sum(growth)
    taken = allocate(list(accumulate(p - g for p, g in zip(repaid, growth, strict=True))), pools)
    rows = [
        (day, principal + grown, due + paid_interest + beyond, penalty, charged + fees, due)
        for day, principal, grown, due, paid_interest, beyond, penalty, fees, charged in zip(
            days,
            taken["principal"],
            growth,
            interest,
            taken["interest"],
            taken["beyond"],
            taken["penalty"],
            taken["fees"],
            row_fees,
            strict=True,
        )
    ]
    return rows, waived_in_holiday, sum(row_fees)
