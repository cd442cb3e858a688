"""Negotiation levers: each relief option as a value that reshapes a workout draft.

A lever is anything with ``apply(draft) -> draft`` (see :class:`Lever`): it takes the
:class:`~loanrelief._relief.draft.Draft` of a workout — what is owed now, the balance still to
come, the rate, the term — and returns a changed one. Levers combine in order into a
package; :func:`loanrelief._relief.draft.realize` turns the final draft into a plan.

Order matters where levers touch the same amounts: a waiver of overdue interest
applied *after* ``CapitalizeArrears`` finds nothing left to waive (the interest has
become principal of the new balance); applied before, it lowers what is capitalized.
"""

from __future__ import annotations

import dataclasses
from dataclasses import KW_ONLY, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, Protocol, TypeVar, final, runtime_checkable

from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    Money,
    Rate,
    decimal_of,
    greatest,
    least,
    parse_rate,
    to_major,
    to_minor,
    trim,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import Choice, parse_enum
from loanrelief._ledger.prepayment import Keep
from loanrelief._loans.plan import Parts
from loanrelief._loans.terms import MAX_TERM
from loanrelief._relief.workout import HolidayInterest, Workout
from loanrelief.law._china import ChinaLender

D = TypeVar("D", bound=Workout)  # type: ignore[type-arg]

__all__ = [
    "CapitalizeArrears",
    "ExtendTerm",
    "ForbearPrincipal",
    "ForgivePrincipal",
    "FreezeInterest",
    "HolidayInterest",
    "InstalmentPlan",
    "Lever",
    "PaymentHoliday",
    "Prepay",
    "ReduceRate",
    "Settlement",
    "WaiveFees",
    "WaiveInterest",
    "WaiveOn",
    "WaivePenalty",
    "lever_label",
]


@runtime_checkable
class Lever(Protocol):
    """Anything that reshapes a workout draft: the levers here, or an app's own.

    A lever needs one method, ``apply(draft) -> draft``; a ``label`` attribute, if
    present, names it in comparisons. ``apply`` receives a
    :class:`~loanrelief.minor.Workout`: one account's :class:`~loanrelief.minor.Draft`
    (amounts are ints), or a block of a portfolio (amounts are int64 arrays) in
    :func:`loanrelief.batch.compare_levers`. A lever written with the workout's
    operations (``+``, ``-``, :func:`~loanrelief._foundations.money.least`,
    :func:`~loanrelief._foundations.money.greatest`, ``draft.portion``, ``draft.check``) runs in
    both; see "How to add a lever" in the design notes.

    Examples
    --------
    >>> isinstance(ExtendTerm(12), Lever)
    True
    """

    def apply(self, draft: D, /) -> D:
        """Return the draft with this lever applied."""
        ...


def _set(lever: object, name: str, value: object) -> None:
    """Store a normalised input on a frozen lever (as ``Loan`` does)."""
    object.__setattr__(lever, name, value)


def _amount(value: Money, name: str) -> Decimal:
    """Check an amount and return it as one ``Decimal``, however it was spelled."""
    return trim(to_major(to_minor(value, field=name, digits=4), 4))


def _rate(value: Rate, name: str, maximum: Fraction | None = None) -> Decimal:
    """Check a rate or share and return it as one ``Decimal`` (``0.5 == "0.50"``)."""
    if maximum is None:
        return decimal_of(parse_rate(value, field=name))
    return decimal_of(parse_rate(value, field=name, maximum=maximum))


def _share_or_amount(lever: object, share: Rate | None, amount: Money | None) -> None:
    """Check that exactly one of share and amount is given, and normalise it."""
    if (share is None) == (amount is None):
        raise InvalidTermsError("share", share, "exactly one of share= or amount=")
    if share is not None:
        _set(lever, "share", _rate(share, "share", Fraction(1)))
    else:
        _set(lever, "amount", _amount(amount, "amount"))  # type: ignore[arg-type]


def _fraction(value: Rate | None) -> Fraction | None:
    """Return a normalised share or rate as an exact ``Fraction``."""
    return None if value is None else Fraction(Decimal(value))


def _periods(value: object, name: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_TERM:
        raise InvalidValueError(name, value, f"a whole number of periods from {low} to {MAX_TERM}")
    return value


def _flag(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise InvalidTypeError(name, value, "True or False")


def lever_label(
    lever: object, lang: str = "en", *, lender: ChinaLender | str | None = None
) -> str:
    """Name a lever in a language: a built-in one from the table, an app's by its ``label``.

    Every built-in lever is named from the translation table, its English the table's
    (:func:`loanrelief._presentation.levers.lever_name`, which this calls); to a private
    lender (``lender=ChinaLender.PRIVATE``) in its Chinese words. An app's own lever is
    named by its ``label_in(lang)`` if it has one, else its ``label``, else its class.

    Examples
    --------
    >>> lever_label(ExtendTerm(6), "zh"), lever_label(FreezeInterest(36), "zh")
    ('延长还款期限6期', '停息挂账，分36期')
    """
    from loanrelief._presentation.levers import lever_name  # noqa: PLC0415 - rendering, on use

    return lever_name(lever, lang, lender=lender)


class _Named:
    """A built-in lever's name: ``label`` in English, ``label_in(lang)`` in any language.

    A lever stores no text: its name is made from the translation table when it is
    shown (:func:`lever_label`). Its repr is the call that makes it, with only what
    differs from the defaults (``short_repr``; each lever's dataclass sets ``repr=False``).
    """

    __slots__ = ()

    @property
    def label(self) -> str:
        """Names the lever in English (the translation table's English)."""
        return lever_label(self, "en")

    def label_in(self, lang: str, *, lender: ChinaLender | str | None = None) -> str:
        """Names the lever in a language, in the lender's words (:func:`lever_label`)."""
        return lever_label(self, lang, lender=lender)

    __repr__ = short_repr


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


def _fold(  # noqa: PLR0917 - the plan's terms
    draft: D,
    label: str,
    count: int,
    rate: Fraction | None,
    down: int,
    given: object = 0,
    keep_fees: bool = False,
) -> D:
    """Fold everything owed into one debt re-scheduled in ``count`` instalments.

    ``down`` is the down payment in minor units; ``given``, as the user wrote it. The
    new instalments carry the contract's instalment fee only with ``keep_fees`` (and
    only if no earlier lever stopped it).
    """
    rolled = draft.rolled + draft.arrears
    rolled = rolled.replace(
        interest=rolled.interest + draft.accrued, principal=rolled.principal + draft.balance
    )
    draft.check(down <= rolled.total, "down_payment", given, "at most what is owed")
    return draft.with_changes(
        label,
        arrears=Parts.zeros(),
        accrued=0,
        balance=0,
        rolled=rolled,
        rate=draft.rate if rate is None else rate,
        term=count,
        restructured=True,
        start_now=True,
        down_payment=draft.down_payment + down,
        contract_fees=draft.contract_fees & keep_fees,
    )


# -- the levers --------------------------------------------------------------------------
#
# Each ``apply`` is the lever's one rule: it runs on one account's ``Draft`` and, with the
# same code, on a batch block's arrays (``loanrelief.batch._workout``). Write amounts with
# ``+``, ``-``, ``least``, ``greatest`` and the draft's methods; never ``min``, ``max``
# or ``if`` on an amount.


@final
@dataclass(frozen=True, slots=True, repr=False)
class ExtendTerm(_Named):
    """Extend the repayment term by a number of periods (延长还款期限).

    The remaining balance is re-amortized over the remaining periods plus
    ``periods``, at the current rate, keeping the contract's due dates; arrears stay
    due now unless capitalized.

    Fees: the contract's instalment fee (``Loan.instalment_fee``) is kept on every
    instalment, the added ones included. An extension changes only the term of the same
    contract; the contract's other terms stand (a contract is changed by agreement,
    and as far as agreed: 《中华人民共和国民法典》第五百四十三条, Civil Code art. 543,
    当事人协商一致，可以变更合同), and its fee is per instalment. An agreement that
    waives it too is ``WaiveFees`` on the arrears plus a lever of its own (a new
    instalment plan, :class:`InstalmentPlan`, stops the fee).

    Examples
    --------
    >>> ExtendTerm(12).label
    'extend 12 periods'
    """

    periods: int

    def __post_init__(self) -> None:
        _periods(self.periods, "periods")

    def apply(self, draft: D, /) -> D:
        """Lengthen the term."""
        return draft.with_changes(self.label, term=draft.term + self.periods, restructured=True)


@final
@dataclass(frozen=True, slots=True, repr=False)
class InstalmentPlan(_Named):
    """Re-schedule everything owed into new equal instalments (分期).

    Arrears, accrued interest and the balance become one debt, less a down payment
    made on the day, repaid in ``count`` level instalments from one period after the
    negotiation date, at ``annual_rate`` (the contract rate by default).

    Fees: the new instalments carry no contract instalment fee
    (``Loan.instalment_fee``) unless ``keep_fees=True``; fees already due are part of
    the debt re-scheduled. An individual instalment agreement must state whether annual
    fees, interest and other fees are charged while it is repaid (《商业银行信用卡业务
    监督管理办法》第七十条第（三）项, CBRC 2011 Measures on credit cards, Art. 70 item 3:
    还款期间是否计收年费、利息和其他费用), so the plan says it: by default the old
    contract's per-instalment fee ends with the contract it was charged under; with
    ``keep_fees`` every new instalment carries it, and the label says so.

    Examples
    --------
    >>> InstalmentPlan(36).label, InstalmentPlan(12, down_payment=500).label
    ('36 instalments', '500 down, 12 instalments')
    >>> InstalmentPlan(12, annual_rate=0.05) == InstalmentPlan(12, annual_rate="0.050")
    True
    >>> plan = InstalmentPlan(12, keep_fees=True)
    >>> plan.label, plan.label_in("zh")
    ('12 instalments, instalment fees kept', '分12期，分期服务费照收')
    """

    count: int
    _: KW_ONLY
    down_payment: Money = 0
    annual_rate: Rate | None = None
    keep_fees: bool = False

    def __post_init__(self) -> None:
        _periods(self.count, "count")
        _set(self, "down_payment", _amount(self.down_payment, "down_payment"))
        if self.annual_rate is not None:
            _set(self, "annual_rate", _rate(self.annual_rate, "annual_rate"))
        _flag(self.keep_fees, "keep_fees")

    def apply(self, draft: D, /) -> D:
        """Fold everything into one debt and re-schedule it."""
        down = draft.minor(self.down_payment, "down_payment")
        rate = _fraction(self.annual_rate)
        given = self.down_payment
        return _fold(draft, self.label, self.count, rate, down, given, self.keep_fees)


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class WaiveInterest(_Named):
    """Waive part of the interest (减免利息): a ``share`` or an ``amount``, not both.

    Examples
    --------
    >>> WaiveInterest(share=0.5).label, WaiveInterest(amount=100, on="future").label
    ('waive 50 % of overdue interest', 'waive 100 of future interest')
    >>> WaiveInterest(share=0.5) == WaiveInterest(share="0.50")
    True
    """

    share: Rate | None = None
    amount: Money | None = None
    on: WaiveOn | str = WaiveOn.OVERDUE

    def __post_init__(self) -> None:
        _share_or_amount(self, self.share, self.amount)
        _set(self, "on", parse_enum(self.on, WaiveOn, "on"))

    def apply(self, draft: D, /) -> D:
        """Lower overdue interest now, or future interest when the plan is made."""
        share = _fraction(self.share)
        cash = None if self.amount is None else draft.minor(self.amount, "amount")
        changes: dict[str, object] = {}
        waived = draft.waived
        if self.on in (WaiveOn.OVERDUE, WaiveOn.BOTH):
            taken = draft.portion(draft.arrears.interest, share, cash)
            changes["arrears"] = draft.arrears.plus("interest", -taken)
            waived = waived.plus("interest", taken)
            if cash is not None:
                cash = cash - taken
        if self.on in (WaiveOn.FUTURE, WaiveOn.BOTH):
            if share is not None:
                kept = (1 - draft.future_waiver_share) * (1 - share)
                changes["future_waiver_share"] = 1 - kept
            else:
                changes["future_waiver_amount"] = draft.future_waiver_amount + cash  # type: ignore[operator]
        return draft.with_changes(self.label, waived=waived, **changes)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class _ComponentWaiver(_Named):
    """Waive a ``share`` or an ``amount`` of one component due now (shared by two levers)."""

    share: Rate | None = None
    amount: Money | None = None

    component: ClassVar[str]

    def __post_init__(self) -> None:
        _share_or_amount(self, self.share, self.amount)

    def apply(self, draft: D, /) -> D:
        """Lower the component due now by the share or amount."""
        cash = None if self.amount is None else draft.minor(self.amount, "amount")
        taken = draft.portion(draft.arrears[self.component], _fraction(self.share), cash)
        return draft.with_changes(
            self.label,
            arrears=draft.arrears.plus(self.component, -taken),
            waived=draft.waived.plus(self.component, taken),
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class WaivePenalty(_ComponentWaiver):
    """Waive part of the penalty and compound interest charged (减免罚息).

    Examples
    --------
    >>> WaivePenalty(share=1).label
    'waive 100 % of penalty'
    """

    component: ClassVar[str] = "penalty"


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class WaiveFees(_ComponentWaiver):
    """Waive part of the fees due (late fees and instalment fees).

    Examples
    --------
    >>> WaiveFees(amount=30).label
    'waive 30 of fees'
    """

    component: ClassVar[str] = "fees"


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ReduceRate(_Named):
    """Cut the interest rate of what remains: to ``annual_rate``, or ``by`` a step.

    Fees: the contract's instalment fee is kept on every instalment. A rate cut
    changes one term of the same contract, and a contract is changed only as far as
    agreed (《中华人民共和国民法典》第五百四十三条, Civil Code art. 543); the
    instalments, and the fee each carries, stay.

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
            _set(self, "annual_rate", _rate(self.annual_rate, "annual_rate"))
        else:
            _set(self, "by", _rate(self.by, "by"))  # type: ignore[arg-type]

    def apply(self, draft: D, /) -> D:
        """Set the rate of the new schedule (never below zero)."""
        target = _fraction(self.annual_rate)
        if target is None:
            target = greatest(draft.rate - _fraction(self.by), Fraction(0))
        return draft.with_changes(self.label, rate=target, restructured=True)


@final
@dataclass(frozen=True, slots=True, repr=False)
class PaymentHoliday(_Named):
    """Skip the next ``periods`` payments; their interest is capitalized, deferred or waived.

    Fees: nothing is due in the holiday, the contract's instalment fee included
    (:func:`loanrelief._relief.draft.new_row_fees`); each instalment after it carries the fee,
    as the contract's instalments do, so the holiday adds no fee (the same contract,
    changed only as far as agreed: 《中华人民共和国民法典》第五百四十三条, Civil Code
    art. 543).

    Examples
    --------
    >>> PaymentHoliday(3, interest="waive").label
    '3-period holiday, interest waived'
    """

    periods: int
    _: KW_ONLY
    interest: HolidayInterest | str = HolidayInterest.CAPITALIZE

    def __post_init__(self) -> None:
        _periods(self.periods, "periods")
        _set(self, "interest", parse_enum(self.interest, HolidayInterest, "interest"))

    def apply(self, draft: D, /) -> D:
        """Add the holiday to the start of the new schedule."""
        return draft.with_changes(
            self.label,
            holiday=draft.holiday + self.periods,
            holiday_interest=self.interest,
            term=draft.term + self.periods,
            restructured=True,
        )


@final
@dataclass(frozen=True, slots=True, repr=False)
class CapitalizeArrears(_Named):
    """Add everything overdue (principal, interest, penalty, fees) to the balance.

    The current period's interest accrued to the day is capitalized with it.

    Fees: fees overdue become principal of the new balance (repaid first, in
    :data:`loanrelief._relief.draft.ROLL_ORDER`); the contract's instalment fee stays on each
    remaining instalment (the same contract: 《中华人民共和国民法典》第五百四十三条,
    Civil Code art. 543).

    Examples
    --------
    >>> CapitalizeArrears().label
    'capitalize arrears'
    """

    def apply(self, draft: D, /) -> D:
        """Move the arrears and accrued interest into the new schedule's principal."""
        rolled = (draft.rolled + draft.arrears).plus("interest", draft.accrued)
        return draft.with_changes(
            self.label, arrears=Parts.zeros(), accrued=0, rolled=rolled, restructured=True
        )


@final
@dataclass(frozen=True, slots=True, repr=False)
class FreezeInterest(_Named):
    """Stop all interest and penalty and repay the frozen balance in ``count`` instalments.

    停息挂账 / 个性化分期 (Chinese credit cards allow up to 60 months, CBRC 2011 Art. 70):
    everything owed on the day — arrears, penalty, fees, accrued interest and the
    balance — less a ``down_payment`` paid on the day (首付), is repaid in ``count``
    equal interest-free instalments. A ``fee_rate`` charges a fee each month of that
    share of the amount frozen (a personalised plan's 月手续费率, on the amount as
    agreed, not the balance left). With ``reinstate_on_default``, the interest the
    frozen balance would have earned at the contract rate is recorded as contingent:
    it comes back if the borrower defaults again.

    Fees: the frozen instalments carry no contract instalment fee
    (``Loan.instalment_fee``) unless ``keep_fees=True``; the ``fee_rate`` fee is the
    plan's own, agreed with it, and stays. An individual instalment agreement must
    state whether annual fees, interest and other fees are charged while it is repaid
    (《商业银行信用卡业务监督管理办法》第七十条第（三）项, CBRC 2011 Measures on credit
    cards, Art. 70 item 3: 还款期间是否计收年费、利息和其他费用): a freeze stops
    interest, and the contract's per-instalment service fee stops with it, so that
    the plan costs exactly what was owed on the day (a 36-month freeze of a loan with
    a 200 monthly fee would otherwise cost 7,200 more than the payoff). With
    ``keep_fees`` every frozen instalment carries it, and the label says so.

    Examples
    --------
    >>> FreezeInterest(36).label
    'freeze, 36 instalments'
    >>> FreezeInterest(60, down_payment=1000, fee_rate="0.003").label
    'freeze, 60 instalments, 1000 down, fee 0.3 % a month'
    >>> FreezeInterest(36, keep_fees=True).label_in("zh")
    '停息挂账，分36期，分期服务费照收'
    """

    count: int
    _: KW_ONLY
    down_payment: Money = 0
    fee_rate: Rate = 0
    reinstate_on_default: bool = False
    keep_fees: bool = False

    def __post_init__(self) -> None:
        _periods(self.count, "count")
        _set(self, "down_payment", _amount(self.down_payment, "down_payment"))
        _set(self, "fee_rate", _rate(self.fee_rate, "fee_rate"))
        _flag(self.reinstate_on_default, "reinstate_on_default")
        _flag(self.keep_fees, "keep_fees")

    def apply(self, draft: D, /) -> D:
        """Fold everything into one interest-free debt, with its monthly fee."""
        down = draft.minor(self.down_payment, "down_payment")
        given = self.down_payment
        frozen = _fold(draft, self.label, self.count, Fraction(0), down, given, self.keep_fees)
        rate = _fraction(self.fee_rate)
        monthly = draft.portion(frozen.rolled.total - down, rate, None)
        frozen = dataclasses.replace(frozen, plan_fee=draft.plan_fee + monthly)
        if not self.reinstate_on_default:
            return frozen
        contingent = draft.annuity_interest(frozen.rolled.total - down, self.count)
        return dataclasses.replace(frozen, contingent=draft.contingent + contingent)


@final
@dataclass(frozen=True, slots=True, repr=False)
class ForbearPrincipal(_Named):
    """Move ``amount`` of principal to an interest-free balloon due with the last payment.

    Fees: the contract's instalment fee stays on each instalment; the balloon is due
    with the last one and adds no instalment, so no fee (the same contract, changed
    only as far as agreed: 《中华人民共和国民法典》第五百四十三条, Civil Code art. 543).

    Examples
    --------
    >>> ForbearPrincipal(5000).label
    'forbear 5000'
    """

    amount: Money

    def __post_init__(self) -> None:
        _set(self, "amount", _amount(self.amount, "amount"))

    def apply(self, draft: D, /) -> D:
        """Set part of the balance aside, interest-free, until the end."""
        moved = least(draft.minor(self.amount, "amount"), draft.balance + draft.rolled.principal)
        from_balance = least(moved, draft.balance)
        return draft.with_changes(
            self.label,
            balance=draft.balance - from_balance,
            rolled=draft.rolled.plus("principal", from_balance - moved),
            forborne=draft.forborne + moved,
            restructured=True,
        )


@final
@dataclass(frozen=True, slots=True, repr=False)
class ForgivePrincipal(_Named):
    """Forgive ``amount`` of principal (not yet due first, then overdue).

    At most the principal owed is forgiven (so the lever composes in packages and runs
    on a portfolio of different balances); the outcome's ``waived`` shows what was.
    The command line refuses ``forgive:`` above the account's principal.

    Fees: the contract's instalment fee stays on each instalment still to come (the
    contract is changed only as far as agreed: 《中华人民共和国民法典》第五百四十三条,
    Civil Code art. 543); to give it up too, pair this with a new instalment plan.

    Examples
    --------
    >>> ForgivePrincipal(1000).label
    'forgive 1000'
    """

    amount: Money

    def __post_init__(self) -> None:
        _set(self, "amount", _amount(self.amount, "amount"))

    def apply(self, draft: D, /) -> D:
        """Write principal off."""
        left = draft.minor(self.amount, "amount")
        taken = least(left, draft.balance)
        more = least(left - taken, draft.rolled.principal)
        last = least(left - taken - more, draft.arrears.principal)
        return draft.with_changes(
            self.label,
            balance=draft.balance - taken,
            rolled=draft.rolled.plus("principal", -more),
            arrears=draft.arrears.plus("principal", -last),
            waived=draft.waived.plus("principal", taken + more + last),
            restructured=draft.restructured | (taken > 0),
        )


@final
@dataclass(frozen=True, slots=True, repr=False)
class Prepay(_Named):
    """Pay ``amount`` now towards the principal and re-amortize the rest (提前还款).

    The amount settles what a new schedule would repay (the balance not yet due, and
    anything other levers rolled into it, in the roll order; at most all of it, as
    :class:`ForgivePrincipal` forgives at most the principal), on the negotiation date
    beside the arrears; the rest is re-amortized on the contract's due dates. With
    ``keep="term"`` over the same remaining periods: a lower payment (减少月供). With
    ``keep="payment"`` over the fewest periods whose level payment is about the
    contract's next one (缩短期限; ``n = ceil(-ln(1 - rB/P) / ln(1 + r))``,
    :func:`loanrelief._relief.draft.periods_for_payment`), at most the periods left. On a
    schedule, :func:`loanrelief.prepay` keeps the exact payment, the last one smaller.

    Fees: the contract's instalment fee stays on each instalment still to come, so a
    shorter term charges it fewer times (interest runs for the period actually
    borrowed, and the contract stands otherwise: 《中华人民共和国民法典》第六百七十七条,
    Civil Code art. 677, and 第五百四十三条, art. 543).

    Examples
    --------
    >>> Prepay(5000).label, Prepay(5000, keep="payment").label
    ('prepay 5000', 'prepay 5000, shorter term')
    """

    amount: Money
    _: KW_ONLY
    keep: Keep | str = Keep.TERM

    def __post_init__(self) -> None:
        _set(self, "amount", _amount(self.amount, "amount"))
        _set(self, "keep", parse_enum(self.keep, Keep, "keep"))

    def apply(self, draft: D, /) -> D:
        """Roll the balance into a new schedule and pay part of it down now."""
        rolled = draft.rolled.plus("principal", draft.balance)
        cash = least(draft.minor(self.amount, "amount"), rolled.total)
        term = draft.term
        if self.keep is Keep.PAYMENT:
            term = draft.periods_for(rolled.total - cash, draft.payment)
        return draft.with_changes(
            self.label,
            balance=draft.balance - draft.balance,
            rolled=rolled,
            term=term,
            restructured=True,
            down_payment=draft.down_payment + cash,
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Settlement(_Named):
    """Settle for less: a ``share`` of what is owed on the day, or an ``amount``.

    Paid on the negotiation date, or in ``instalments`` equal monthly parts starting
    that day; the rest is waived (penalty first, then fees, interest and principal).

    Fees: a settlement replaces the contract's remaining instalments, so none of their
    instalment fees is charged; its parts are a share of what is owed on the day, no
    more.

    Examples
    --------
    >>> Settlement(share=0.6).label, Settlement(amount=20000, instalments=3).label
    ('settle for 60 %', 'settle for 20000 in 3')
    """

    share: Rate | None = None
    amount: Money | None = None
    instalments: int = 1

    def __post_init__(self) -> None:
        _share_or_amount(self, self.share, self.amount)
        _periods(self.instalments, "instalments")

    def apply(self, draft: D, /) -> D:
        """Replace the workout with the settlement payments."""
        cash = None if self.amount is None else draft.minor(self.amount, "amount")
        price = draft.portion(draft.debt, _fraction(self.share), cash)
        return draft.with_changes(self.label, settlement=(price, self.instalments))
