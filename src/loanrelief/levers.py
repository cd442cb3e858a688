"""Negotiation levers: each relief option as a value that reshapes a workout draft.

A lever is anything with ``apply(draft) -> draft`` (see :class:`Lever`): it takes the
:class:`~loanrelief.draft.Draft` of a workout — what is owed now, the balance still to
come, the rate, the term — and returns a changed one. Levers combine in order into a
package; :func:`loanrelief.draft.realize` turns the final draft into a plan.

Order matters where levers touch the same amounts: a waiver of overdue interest
applied *after* ``CapitalizeArrears`` finds nothing left to waive (the interest has
become principal of the new balance); applied before, it lowers what is capitalized.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, Protocol, final, runtime_checkable

from loanrelief.amortization import amortize
from loanrelief.draft import Draft
from loanrelief.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief.money import (
    Money,
    Rate,
    RoundingMode,
    minor_of,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)
from loanrelief.plan import PLAN_COLUMNS
from loanrelief.terms import MAX_TERM, Loan
from loanrelief.validate import Choice, parse_enum

__all__ = [
    "CapitalizeArrears",
    "ExtendTerm",
    "ForbearPrincipal",
    "ForgivePrincipal",
    "FreezeInterest",
    "HolidayInterest",
    "InstallmentPlan",
    "Lever",
    "PaymentHoliday",
    "ReduceRate",
    "Settlement",
    "WaiveFees",
    "WaiveInterest",
    "WaiveOn",
    "WaivePenalty",
]


@runtime_checkable
class Lever(Protocol):
    """Anything that reshapes a workout draft: the levers here, or an app's own.

    A lever needs one method, ``apply(draft) -> Draft``; a ``label`` attribute, if
    present, names it in comparisons.

    Examples
    --------
    >>> isinstance(ExtendTerm(12), Lever)
    True
    """

    def apply(self, draft: Draft, /) -> Draft:
        """Return the draft with this lever applied."""
        ...


def _share_or_amount(
    share: Rate | None, amount: Money | None
) -> tuple[Fraction | None, Money | None]:
    if (share is None) == (amount is None):
        raise InvalidTermsError("share", share, "exactly one of share= or amount=")
    if share is not None:
        return parse_rate(share, field="share", maximum=Fraction(1)), None
    return None, amount


def _periods(value: object, name: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_TERM:
        raise InvalidValueError(name, value, f"a whole number of periods from {low} to {MAX_TERM}")
    return value


def _take(
    available: int, share: Fraction | None, amount: int | None, rounding: RoundingMode
) -> int:
    """How much of ``available`` a share or an amount takes (never more than there is)."""
    if share is not None:
        exact = share * available
        return round_ratio(exact.numerator, exact.denominator, rounding)
    assert amount is not None
    return min(amount, available)


def _label_share(share: Fraction | None, amount: Money | None) -> str:
    if share is not None:
        return f"{float(share) * 100:g} %"
    return f"{amount}"


class WaiveOn(Choice):
    """Which interest a waiver reduces.

    Attributes
    ----------
    OVERDUE
        Interest already due and unpaid.
    FUTURE
        Interest the plan's future payments would carry.
    BOTH
        Both: a share applies to each; an amount to overdue interest first.

    Examples
    --------
    >>> WaiveInterest(share="0.5", on=WaiveOn.BOTH).label
    'waive 50 % of overdue and future interest'
    """

    OVERDUE = "overdue"
    FUTURE = "future"
    BOTH = "both"


class HolidayInterest(Choice):
    """What happens to interest during a payment holiday.

    Attributes
    ----------
    CAPITALIZE
        Added to the balance, and itself earning interest afterwards.
    DEFER
        Collected with the last payment, without interest of its own.
    WAIVE
        Forgiven.

    Examples
    --------
    >>> PaymentHoliday(2, interest=HolidayInterest.DEFER).label
    '2-period holiday, interest deferred'
    """

    CAPITALIZE = "capitalize"
    DEFER = "defer"
    WAIVE = "waive"


# -- the levers --------------------------------------------------------------------------
@final
@dataclass(frozen=True, slots=True)
class ExtendTerm:
    """Extend the repayment term by a number of periods (延长还款期限).

    The remaining balance is re-amortized over the remaining periods plus
    ``periods``, at the current rate, keeping the contract's due dates; arrears stay
    due now unless capitalized.

    Examples
    --------
    >>> ExtendTerm(12).label
    'extend 12 periods'
    """

    periods: int

    def __post_init__(self) -> None:
        _periods(self.periods, "periods")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return f"extend {self.periods} periods"

    def apply(self, draft: Draft, /) -> Draft:
        """Lengthen the term."""
        return draft.with_changes(self.label, term=draft.term + self.periods, restructured=True)


@final
@dataclass(frozen=True, slots=True)
class InstallmentPlan:
    """Re-schedule everything owed into new equal instalments (分期).

    Arrears, accrued interest and the balance become one debt, less a down payment
    made on the day, repaid in ``count`` level instalments from one period after the
    negotiation date, at ``annual_rate`` (the contract rate by default).

    Examples
    --------
    >>> InstallmentPlan(36).label, InstallmentPlan(12, down_payment=500).label
    ('36 instalments', '500 down, 12 instalments')
    """

    count: int
    down_payment: Money = 0
    annual_rate: Rate | None = None

    def __post_init__(self) -> None:
        _periods(self.count, "count")
        to_minor(self.down_payment, field="down_payment", digits=4)
        if self.annual_rate is not None:
            parse_rate(self.annual_rate, field="annual_rate")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        down = f"{self.down_payment} down, " if self.down_payment else ""
        rate = (
            f" at {float(parse_rate(self.annual_rate, field='annual_rate')) * 100:g} %"
            if self.annual_rate is not None
            else ""
        )
        return f"{down}{self.count} instalments{rate}"

    def apply(self, draft: Draft, /) -> Draft:
        """Fold everything into one debt and re-schedule it."""
        rolled = {c: draft.rolled[c] + draft.arrears[c] for c in PLAN_COLUMNS}
        rolled["interest"] += draft.accrued
        rolled["principal"] += draft.balance
        down = draft.minor(self.down_payment, "down_payment")
        if down > sum(rolled.values()):
            raise InvalidTermsError("down_payment", self.down_payment, "at most what is owed")
        rate = (
            draft.rate
            if self.annual_rate is None
            else parse_rate(self.annual_rate, field="annual_rate")
        )
        return draft.with_changes(
            self.label,
            arrears=dict.fromkeys(PLAN_COLUMNS, 0),
            accrued=0,
            balance=0,
            rolled=rolled,
            rate=rate,
            term=self.count,
            restructured=True,
            start_now=True,
            down_payment=draft.down_payment + down,
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class WaiveInterest:
    """Waive part of the interest (减免利息): a ``share`` or an ``amount``, not both.

    Examples
    --------
    >>> WaiveInterest(share=0.5).label, WaiveInterest(amount=100, on="future").label
    ('waive 50 % of overdue interest', 'waive 100 of future interest')
    """

    share: Rate | None = None
    amount: Money | None = None
    on: WaiveOn | str = WaiveOn.OVERDUE

    def __post_init__(self) -> None:
        _share_or_amount(self.share, self.amount)
        parse_enum(self.on, WaiveOn, "on")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        share, amount = _share_or_amount(self.share, self.amount)
        on = parse_enum(self.on, WaiveOn, "on")
        where = {"overdue": "overdue", "future": "future", "both": "overdue and future"}[on.value]
        return f"waive {_label_share(share, amount)} of {where} interest"

    def apply(self, draft: Draft, /) -> Draft:
        """Lower overdue interest now, or future interest when the plan is made."""
        share, amount = _share_or_amount(self.share, self.amount)
        on = parse_enum(self.on, WaiveOn, "on")
        cash = None if amount is None else draft.minor(amount, "amount")
        changes: dict[str, object] = {}
        waived = dict(draft.waived)
        if on in (WaiveOn.OVERDUE, WaiveOn.BOTH):
            taken = _take(draft.arrears["interest"], share, cash, draft.state.loan.rounding)
            changes["arrears"] = {**draft.arrears, "interest": draft.arrears["interest"] - taken}
            waived["interest"] = waived.get("interest", 0) + taken
            if cash is not None:
                cash -= taken
        if on in (WaiveOn.FUTURE, WaiveOn.BOTH):
            if share is not None:
                kept = (1 - draft.future_waiver_share) * (1 - share)
                changes["future_waiver_share"] = 1 - kept
            else:
                changes["future_waiver_amount"] = draft.future_waiver_amount + (cash or 0)
        return draft.with_changes(self.label, waived=waived, **changes)


@dataclass(frozen=True, slots=True, kw_only=True)
class _ComponentWaiver:
    """Waive a ``share`` or an ``amount`` of one component due now (shared by two levers)."""

    share: Rate | None = None
    amount: Money | None = None

    component: ClassVar[str]

    def __post_init__(self) -> None:
        _share_or_amount(self.share, self.amount)

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return (
            f"waive {_label_share(*_share_or_amount(self.share, self.amount))} of {self.component}"
        )

    def apply(self, draft: Draft, /) -> Draft:
        """Lower the component due now by the share or amount."""
        share, amount = _share_or_amount(self.share, self.amount)
        cash = None if amount is None else draft.minor(amount, "amount")
        due = draft.arrears[self.component]
        taken = _take(due, share, cash, draft.state.loan.rounding)
        return draft.with_changes(
            self.label,
            arrears={**draft.arrears, self.component: due - taken},
            waived=draft.waive(self.component, taken),
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class WaivePenalty(_ComponentWaiver):
    """Waive part of the penalty and compound interest charged (减免罚息).

    Examples
    --------
    >>> WaivePenalty(share=1).label
    'waive 100 % of penalty'
    """

    component: ClassVar[str] = "penalty"


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class WaiveFees(_ComponentWaiver):
    """Waive part of the fees due (late fees and instalment fees).

    Examples
    --------
    >>> WaiveFees(amount=30).label
    'waive 30 of fees'
    """

    component: ClassVar[str] = "fees"


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class ReduceRate:
    """Cut the interest rate of what remains: to ``annual_rate``, or ``by`` a step.

    Examples
    --------
    >>> ReduceRate(annual_rate="0.06").label, ReduceRate(by="0.02").label
    ('rate to 6 %', 'rate down 2 points')
    """

    annual_rate: Rate | None = None
    by: Rate | None = None

    def __post_init__(self) -> None:
        if (self.annual_rate is None) == (self.by is None):
            raise InvalidTermsError(
                "annual_rate", self.annual_rate, "exactly one of annual_rate= or by="
            )
        if self.annual_rate is not None:
            parse_rate(self.annual_rate, field="annual_rate")
        else:
            parse_rate(self.by, field="by")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        if self.annual_rate is not None:
            return f"rate to {float(parse_rate(self.annual_rate, field='annual_rate')) * 100:g} %"
        return f"rate down {float(parse_rate(self.by, field='by')) * 100:g} points"

    def apply(self, draft: Draft, /) -> Draft:
        """Set the rate of the new schedule (never below zero)."""
        if self.annual_rate is not None:
            rate = parse_rate(self.annual_rate, field="annual_rate")
        else:
            rate = max(draft.rate - parse_rate(self.by, field="by"), Fraction(0))
        return draft.with_changes(self.label, rate=rate, restructured=True)


@final
@dataclass(frozen=True, slots=True)
class PaymentHoliday:
    """Skip the next ``periods`` payments; their interest is capitalized, deferred or waived.

    Examples
    --------
    >>> PaymentHoliday(3, interest="waive").label
    '3-period holiday, interest waived'
    """

    periods: int
    interest: HolidayInterest | str = HolidayInterest.CAPITALIZE

    def __post_init__(self) -> None:
        _periods(self.periods, "periods")
        parse_enum(self.interest, HolidayInterest, "interest")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        mode = parse_enum(self.interest, HolidayInterest, "interest")
        done = {"capitalize": "capitalized", "defer": "deferred", "waive": "waived"}[mode.value]
        return f"{self.periods}-period holiday, interest {done}"

    def apply(self, draft: Draft, /) -> Draft:
        """Add the holiday to the start of the new schedule."""
        mode = parse_enum(self.interest, HolidayInterest, "interest")
        return draft.with_changes(
            self.label,
            holiday=draft.holiday + self.periods,
            holiday_interest=mode.value,
            term=draft.term + self.periods,
            restructured=True,
        )


@final
@dataclass(frozen=True, slots=True)
class CapitalizeArrears:
    """Add everything overdue (principal, interest, penalty, fees) to the balance.

    The current period's interest accrued to the day is capitalized with it.

    Examples
    --------
    >>> CapitalizeArrears().label
    'capitalize arrears'
    """

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return "capitalize arrears"

    def apply(self, draft: Draft, /) -> Draft:
        """Move the arrears and accrued interest into the new schedule's principal."""
        rolled = {c: draft.rolled[c] + draft.arrears[c] for c in PLAN_COLUMNS}
        rolled["interest"] += draft.accrued
        return draft.with_changes(
            self.label,
            arrears=dict.fromkeys(PLAN_COLUMNS, 0),
            accrued=0,
            rolled=rolled,
            restructured=True,
        )


@final
@dataclass(frozen=True, slots=True)
class FreezeInterest:
    """Stop all interest and penalty and repay the frozen balance in ``count`` instalments.

    停息挂账 / 个性化分期 (Chinese credit cards allow up to 60 months): everything owed on
    the day — arrears, penalty, fees, accrued interest and the balance — is repaid in
    ``count`` equal interest-free instalments. With ``reinstate_on_default``, the
    interest the frozen balance would have earned at the contract rate is recorded as
    contingent: it comes back if the borrower defaults again.

    Examples
    --------
    >>> FreezeInterest(36).label
    'freeze, 36 instalments'
    """

    count: int
    reinstate_on_default: bool = False

    def __post_init__(self) -> None:
        _periods(self.count, "count")
        if not isinstance(self.reinstate_on_default, bool):
            raise InvalidTypeError(
                "reinstate_on_default", self.reinstate_on_default, "True or False"
            )

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return f"freeze, {self.count} instalments"

    def apply(self, draft: Draft, /) -> Draft:
        """Fold everything into one interest-free debt."""
        frozen = InstallmentPlan(self.count, annual_rate=0).apply(draft)
        contingent = 0
        if self.reinstate_on_default:
            loan = draft.state.loan
            total = sum(frozen.rolled.values())
            if total and draft.rate:
                shadow = Loan(
                    to_major(total, draft.digits),
                    Decimal(draft.rate.numerator) / draft.rate.denominator,
                    self.count,
                    start=draft.state.as_of,
                    frequency=loan.frequency,
                    currency=loan.currency,
                    rounding=loan.rounding,
                )
                contingent = minor_of(amortize(shadow).total_interest, draft.digits)
        return dataclasses.replace(
            frozen, labels=(*draft.labels, self.label), contingent=draft.contingent + contingent
        )


@final
@dataclass(frozen=True, slots=True)
class ForbearPrincipal:
    """Move ``amount`` of principal to an interest-free balloon due with the last payment.

    Examples
    --------
    >>> ForbearPrincipal(5000).label
    'forbear 5000'
    """

    amount: Money

    def __post_init__(self) -> None:
        to_minor(self.amount, field="amount", digits=4)

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return f"forbear {self.amount}"

    def apply(self, draft: Draft, /) -> Draft:
        """Set part of the balance aside, interest-free, until the end."""
        moved = min(draft.minor(self.amount, "amount"), draft.balance + draft.rolled["principal"])
        from_balance = min(moved, draft.balance)
        rolled = {**draft.rolled, "principal": draft.rolled["principal"] - (moved - from_balance)}
        return draft.with_changes(
            self.label,
            balance=draft.balance - from_balance,
            rolled=rolled,
            forborne=draft.forborne + moved,
            restructured=True,
        )


@final
@dataclass(frozen=True, slots=True)
class ForgivePrincipal:
    """Forgive ``amount`` of principal (not yet due first, then overdue).

    Examples
    --------
    >>> ForgivePrincipal(1000).label
    'forgive 1000'
    """

    amount: Money

    def __post_init__(self) -> None:
        to_minor(self.amount, field="amount", digits=4)

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        return f"forgive {self.amount}"

    def apply(self, draft: Draft, /) -> Draft:
        """Write principal off."""
        left = draft.minor(self.amount, "amount")
        balance, rolled, arrears = draft.balance, dict(draft.rolled), dict(draft.arrears)
        taken = min(left, balance)
        balance -= taken
        left -= taken
        more = min(left, rolled["principal"])
        rolled["principal"] -= more
        left -= more
        last = min(left, arrears["principal"])
        arrears["principal"] -= last
        total = taken + more + last
        return draft.with_changes(
            self.label,
            balance=balance,
            rolled=rolled,
            arrears=arrears,
            waived=draft.waive("principal", total),
            restructured=draft.restructured or taken > 0,
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Settlement:
    """Settle for less: a ``share`` of what is owed on the day, or an ``amount``.

    Paid on the negotiation date, or in ``instalments`` equal monthly parts starting
    that day; the rest is waived (penalty first, then fees, interest and principal).

    Examples
    --------
    >>> Settlement(share=0.6).label, Settlement(amount=20000, instalments=3).label
    ('settle for 60 %', 'settle for 20000 in 3')
    """

    share: Rate | None = None
    amount: Money | None = None
    instalments: int = 1

    def __post_init__(self) -> None:
        _share_or_amount(self.share, self.amount)
        _periods(self.instalments, "instalments")

    @property
    def label(self) -> str:
        """Names the lever in comparisons."""
        share, amount = _share_or_amount(self.share, self.amount)
        parts = f" in {self.instalments}" if self.instalments > 1 else ""
        what = f"{float(share) * 100:g} %" if share is not None else f"{amount}"
        return f"settle for {what}{parts}"

    def apply(self, draft: Draft, /) -> Draft:
        """Replace the workout with the settlement payments."""
        share, amount = _share_or_amount(self.share, self.amount)
        cash = None if amount is None else draft.minor(amount, "amount")
        owed = draft.debt
        price = _take(owed, share, cash, draft.state.loan.rounding)
        return draft.with_changes(self.label, settlement=(price, self.instalments))


# -- turning a draft into a plan ----------------------------------------------------------
