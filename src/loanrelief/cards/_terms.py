"""A card's terms: the statement cycle, rates, minimum and fee rules, and its postings.

:class:`Card` and the options it takes (:class:`InterestRule`, :class:`PeriodicRate`,
:class:`MinimumRule`, :class:`PaymentOrder`), :class:`CardTransaction`, and the checks
of a card's transactions every entry point shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import final

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
)
from loanrelief._foundations.money import (
    Money,
    Rate,
    RoundingMode,
    decimal_of,
    parse_rate,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    Choice,
    a_date,
    a_flag,
    a_sequence,
    parse_enum,
    whole_number,
)
from loanrelief._ledger.allocation import Across, Allocation
from loanrelief._ledger.penalty import PenaltyPolicy

_Date = date  # the class, for fields that are themselves called "date"


@final
class InterestRule(Choice):
    """What a statement not paid in full by its due date costs in interest.

    Attributes
    ----------
    FULL_BALANCE
        全额计息: every transaction of the statement bears interest from its posting
        date, on the amount still unpaid on each day (the full amount until each
        repayment). The average daily balance method of US cards charges the same:
        each day's balance at the daily periodic rate.
    UNPAID_PART
        未清偿部分计息: only the part left unpaid at the due date bears interest, from
        the posting date (a reform some Chinese banks adopted).

    Notes
    -----
    The rules and their difference on one statement are the published example of
    ``tests/reference/card_cases.json``: 20,000 spent on 03-08, 2,000 repaid on 04-25,
    at 0.05 % a day to the next statement on 05-07: 588 under the full balance
    (20,000 x 48 days + 18,000 x 12 days), 450 on the unpaid part (18,000 x 60 days).

    Examples
    --------
    >>> InterestRule("unpaid_part")
    <InterestRule.UNPAID_PART: 'unpaid_part'>
    """

    FULL_BALANCE = "full_balance"
    UNPAID_PART = "unpaid_part"


@final
class PeriodicRate(Choice):
    """How a card's annual rate becomes the rate it charges: each issuer's convention.

    Attributes
    ----------
    APR_365
        A daily periodic rate of APR / 365 on each day's balance (Regulation Z,
        12 CFR 1026.7(b)(4); most US issuers' agreements).
    APR_360
        A daily periodic rate of APR / 360: "a daily periodic interest rate is
        calculated by dividing the annual percentage rate, or APR, by either 360 or
        365, depending on the card issuer" (CFPB, *What is a "daily periodic rate" on
        a credit card?*, consumerfinance.gov/ask-cfpb/...-en-46). Each day then costs
        365/360 of the APR / 365 day.
    MONTHLY
        A monthly periodic rate of APR / 12 on the average daily balance of the
        billing cycle (the sum of each day's balance over the cycle, divided by its
        days): the periodic rate of 12 CFR 1026 Appendix F's examples, 1 1/2 % "applicable
        to the average daily balance". A day of a 28-day cycle costs more than a day
        of a 31-day one; a whole cycle at a steady balance costs exactly APR / 12.

    Notes
    -----
    With ``daily_rate=`` (the Chinese cards' 日利率) the daily rate is the one given;
    ``APR_360`` then shows it as an annual rate of 360 days (``annual_rate`` is
    ``daily_rate x 360``). ``MONTHLY`` takes an APR.

    Examples
    --------
    >>> PeriodicRate("apr/12")
    <PeriodicRate.MONTHLY: 'apr/12'>
    """

    APR_365 = "apr/365"
    APR_360 = "apr/360"
    MONTHLY = "apr/12"


@final
class MinimumRule(Choice):
    """How a statement's minimum payment is set from its balance: each issuer's formula.

    Attributes
    ----------
    SHARE_PLUS_CHARGES
        ``minimum_share`` of the principal owed (purchases; cash advances at
        ``cash_minimum_share``) plus the statement's interest and the fees unpaid, at
        least ``minimum_floor``: the Chinese card agreements' 最低还款额 (信用额度内
        消费款的 10 % + 预借现金的 10 % + 费用和利息的 100 % ...), the UK rule that the
        minimum repays "the interest, fees and charges ... plus one percentage of the
        amount outstanding" (FCA Handbook, CONC 6.7.5R(1)) and Citibank Hong Kong's
        "interest ... plus 1.5 % of the statement balance (excluding [it])"
        (HK$379.27 + 1.5 % x HK$11,973.16 = HK$558.87).
    SHARE_OF_BALANCE
        ``minimum_share`` of the whole statement balance (interest and fees
        included), at least ``minimum_floor``: "2 percent of the outstanding balance
        or $20, whichever is greater", the formula 12 CFR 1026 Appendix M2 assumes,
        and Citibank Hong Kong's former minimum, "4 % x HK$12,352.43 = HK$494.10"
        (citibank.com.hk, *Credit card minimum payment due policy*).

    Notes
    -----
    Under either rule the principal beyond the credit limit and any minimum left
    unpaid before are added ("the Minimum Payment Due will also include any amount
    that is past due and any amount by which your new balance exceeds your credit
    limit", as a US credit union's agreement words it for "2 % of your New
    Balance ... or $20.00, whichever is greater"), and the minimum is never more
    than the balance. Each share is rounded once, in the card's rounding mode.

    Examples
    --------
    >>> MinimumRule("share_of_balance")
    <MinimumRule.SHARE_OF_BALANCE: 'share_of_balance'>
    """

    SHARE_PLUS_CHARGES = "share_plus_charges"
    SHARE_OF_BALANCE = "share_of_balance"


@final
class PaymentOrder(Choice):
    """What a payment settles first.

    Attributes
    ----------
    FEES_FIRST
        Fees, then interest, then principal, oldest first (Chinese banks).
    HIGHEST_RATE
        Up to the minimum: fees, interest, then the lowest-rate principal (the
        issuer's choice); beyond the minimum, the highest-rate principal first
        (Regulation Z, 12 CFR 1026.53(a)).

    Each is an :class:`~loanrelief.Allocation` (:attr:`allocation`) the card's ledger
    pays by: fees, interest, principal, each component's lots oldest first, and under
    ``HIGHEST_RATE`` the principal by rate (:attr:`loanrelief.Across.HIGHEST_RATE`).

    Examples
    --------
    >>> PaymentOrder("highest_rate")
    <PaymentOrder.HIGHEST_RATE: 'highest_rate'>
    >>> PaymentOrder("highest_rate").allocation.across
    <Across.HIGHEST_RATE: 'highest_rate'>
    """

    FEES_FIRST = "fees_first"
    HIGHEST_RATE = "highest_rate"

    @property
    def allocation(self) -> Allocation:
        """The allocation a payment is placed by: fees, interest, principal, by age or rate.

        A card's interest of every kind is its interest (利息) to this order, however
        a legal rule measures it (:class:`~loanrelief.cards._lots.LotKind`); a card carries
        no penalty component.
        """
        return _ALLOCATIONS[self]


_CARD_COMPONENTS = ("fees", "interest", "penalty", "principal")
_ALLOCATIONS = {
    PaymentOrder.FEES_FIRST: Allocation(_CARD_COMPONENTS, Across.COMPONENT),
    PaymentOrder.HIGHEST_RATE: Allocation(_CARD_COMPONENTS, Across.HIGHEST_RATE),
}


@final
class TransactionKind(Choice):
    """What a card transaction is.

    Attributes
    ----------
    PURCHASE
        A purchase: interest-free until its statement's due date if that statement is
        paid in full.
    CASH
        A cash advance: interest from its posting date always, and the card's cash
        fee.
    FEE
        A fee charged to the card (annual fee, other service fees).
    PAYMENT
        A repayment.

    Examples
    --------
    >>> TransactionKind("cash")
    <TransactionKind.CASH: 'cash'>
    """

    PURCHASE = "purchase"
    CASH = "cash"
    FEE = "fee"
    PAYMENT = "payment"


Posting = tuple[date, TransactionKind, int]
"""A card's transaction as its ledger replays it: its date, kind and amount in minor units."""


@final
@dataclass(frozen=True, slots=True, init=False)
class CardTransaction:
    """One posting on a card.

    Parameters
    ----------
    date : datetime.date
        The posting date (记账日).
    amount : Decimal, int or str
        Positive.
    kind : TransactionKind or str, default "purchase"

    Examples
    --------
    >>> from datetime import date
    >>> CardTransaction(date(2024, 3, 8), 20000).kind
    <TransactionKind.PURCHASE: 'purchase'>
    """

    date: _Date
    amount: Decimal
    kind: TransactionKind

    def __init__(
        self, date: _Date, amount: Money, kind: TransactionKind | str = "purchase"
    ) -> None:
        set_ = object.__setattr__
        set_(self, "date", a_date(date, "date"))  # the parameter, a date
        minor = to_minor(amount, field="amount", digits=4, minimum=1)
        set_(self, "amount", to_major(minor, 4).normalize())
        set_(self, "kind", parse_enum(kind, TransactionKind, "kind"))

    __repr__ = short_repr


@final
@dataclass(frozen=True, slots=True, init=False)
class Card:
    """A credit card's terms: statement cycle, interest, minimum payment and fees.

    Parameters
    ----------
    statement_day : int
        The day of the month statements are made (账单日), 1 to 28.
    due_days : int, default 20
        Days from a statement to its due date (还款日), 1 to 27 (before the next
        statement).
    daily_rate : rate, optional
        The daily interest rate (``"0.0005"``: 万分之五, the Chinese cap until 2021).
    annual_rate : rate, optional
        Or an APR, charged by ``periodic_rate``: by default a daily periodic rate of
        APR / 365 (Regulation Z, 12 CFR 1026.7(b)(4)). One of the two.
    interest_rule : InterestRule or str, default "full_balance"
    periodic_rate : PeriodicRate or str, default "apr/365"
        The issuer's convention: a daily rate of APR / 365 or APR / 360, or a monthly
        rate of APR / 12 on the cycle's average daily balance (:class:`PeriodicRate`).
        It applies to the cash and introductory APRs too.
    statement_date_counted : bool, default False
        Whether the statement date's balance bears interest on that statement. By
        default a statement charges the days from a posting (counted) to the
        statement date (not counted: it opens the next cycle), as the Chinese banks'
        published examples count them (20,000 from 03-08 to 05-07: 60 days). US
        issuers close a cycle on its last day: the cycle runs from the day after one
        statement date to the next statement date, both counted, each day at its
        closing balance (12 CFR 1026 Appendix F's examples: a transaction on "the
        first day of the billing cycle" counts for the whole cycle, one at its
        "midpoint" for half).
    cash_daily_rate, cash_annual_rate : rate, optional
        A cash advance's own rate (a daily rate, or an APR under ``periodic_rate``);
        by default the purchases'. Interest charged bears the purchases' rate.
    intro_annual_rate : rate, optional
        An introductory (promotional) APR on purchases, charged under ``periodic_rate``
        up to and including ``intro_until``; from the day after, the purchases still
        owed bear the standard rate (12 CFR 1026.55(b)(1): a promotional rate for a
        period of at least six months, the standard rate disclosed for after it).
        Given together with ``intro_until``.
    intro_until : datetime.date, optional
        The last day of the introductory rate.
    payment_order : PaymentOrder or str, default "fees_first"
    grace_needs_previous : bool, default False
        Whether a purchase keeps its grace only if the previous statement was paid in
        full too: on US cards carrying a balance costs interest on new purchases from
        the day they are made, and the grace returns after a statement paid in full.
        By default (Chinese cards) a statement paid in full keeps its own purchases
        interest-free.
    credit_limit : money, optional
        The credit limit (信用额度). Principal beyond it is due in full in the minimum
        payment, and each statement shows the credit available.
    minimum_share : rate, default 0.1
        The minimum payment's share of the purchases owed (10 % in China; 1 % in the
        US style, where interest and fees are added), or of the whole balance under
        ``minimum_rule="share_of_balance"``. 0 to 1: with ``minimum_rule="share of
        balance"`` and no floor, 0 is a revolving debt with no minimum payment (the
        interest is added to the balance; with ``periodic_rate="apr/12"`` it
        compounds monthly).
    cash_minimum_share : rate, optional
        The minimum payment's share of the cash advances owed; by default
        ``minimum_share`` (some Chinese banks ask for all of it: 1). Not with
        ``minimum_rule="share_of_balance"``.
    minimum_floor : money, default 0
        The least minimum payment (``25`` in the US style); never more than the
        balance.
    minimum_rule : MinimumRule or str, default "share_plus_charges"
        The issuer's formula (:class:`MinimumRule`): a share of the principal plus the
        interest and fees, or a share of the whole balance.
    late_fee_share : rate, default 0
        The late fee as a share of the unpaid minimum (违约金, e.g. 5 %).
    late_fee_min, late_fee_max : money, optional
        The late fee's floor and cap.
    cash_fee_share : rate, default 0
        A cash advance's fee as a share of it; ``cash_fee_min`` its floor.
    cash_fee_min : money, default 0
    fees_bear_interest : bool, default False
        Whether fees bear interest (not in China since 2017: PBOC 银发〔2016〕111号,
        item 三).
    currency : str, optional
    rounding : RoundingMode or str, default "half_even"

    Notes
    -----
    Each statement's minimum payment is, by default, ``minimum_share x purchases owed +
    cash_minimum_share x cash advances owed + the principal beyond the credit limit +
    the interest and fees of the statement + any minimum left unpaid before``, at
    least ``minimum_floor``, at most the balance: the Chinese banks' rule (最低还款额 =
    信用额度内消费款的 10 % + 预借现金的 10 % or 100 % + 超过信用额度消费款的 100 % +
    费用和利息的 100 % + 前期最低还款额未还部分, as the card agreements (领用合约)
    set it) and the US "1 % plus interest and fees, at least $25" alike. Principal
    beyond the limit is taken from purchases first, then cash advances. A late fee is
    ``late_fee_share x (minimum - paid by the due date)``, between its floor and cap,
    charged the day after the due date: the card's :attr:`penalty`, a
    :class:`~loanrelief.PenaltyPolicy` whose late fee is a loan's rule. Under
    ``minimum_rule="share_of_balance"`` it is ``minimum_share x the balance + the
    principal beyond the credit limit + any minimum left unpaid before``, at least
    ``minimum_floor``, at most the balance.

    Examples
    --------
    >>> card = Card(statement_day=7, due_days=20, daily_rate="0.0005",
    ...             late_fee_share="0.05")
    >>> card.annual_rate
    Fraction(73, 400)

    With a credit limit of 10,000, spending 12,000 puts 2,000 in the minimum in full:

    >>> limited = Card(statement_day=7, daily_rate="0.0005", credit_limit=10000)
    >>> from loanrelief.cards import card_statements
    >>> spent = [CardTransaction(date(2024, 3, 8), 12000)]
    >>> first = card_statements(limited, spent, until=date(2024, 4, 7)).statements[0]
    >>> first.minimum, first.over_limit, first.available_credit
    (Decimal('3000.00'), Decimal('2000.00'), Decimal('0.00'))
    """

    statement_day: int
    due_days: int
    daily_rate: Fraction
    interest_rule: InterestRule
    periodic_rate: PeriodicRate
    statement_date_counted: bool
    cash_rate: Fraction
    intro_rate: Fraction
    intro_until: date | None
    payment_order: PaymentOrder
    grace_needs_previous: bool
    credit_limit: Decimal | None
    minimum_share: Fraction
    cash_minimum_share: Fraction
    minimum_floor: Decimal
    minimum_rule: MinimumRule
    late_fee_share: Fraction
    late_fee_min: Decimal
    late_fee_max: Decimal | None
    cash_fee_share: Fraction
    cash_fee_min: Decimal
    fees_bear_interest: bool
    currency: str | None
    rounding: RoundingMode
    digits: int = field(repr=False, compare=False)
    penalty: PenaltyPolicy = field(repr=False, compare=False)

    def __init__(
        self,
        *,
        statement_day: int,
        due_days: int = 20,
        daily_rate: Rate | None = None,
        annual_rate: Rate | None = None,
        interest_rule: InterestRule | str = InterestRule.FULL_BALANCE,
        periodic_rate: PeriodicRate | str = PeriodicRate.APR_365,
        statement_date_counted: bool = False,
        cash_daily_rate: Rate | None = None,
        cash_annual_rate: Rate | None = None,
        intro_annual_rate: Rate | None = None,
        intro_until: date | None = None,
        payment_order: PaymentOrder | str = PaymentOrder.FEES_FIRST,
        grace_needs_previous: bool = False,
        credit_limit: Money | None = None,
        minimum_share: Rate = "0.1",
        cash_minimum_share: Rate | None = None,
        minimum_floor: Money = 0,
        minimum_rule: MinimumRule | str = MinimumRule.SHARE_PLUS_CHARGES,
        late_fee_share: Rate = 0,
        late_fee_min: Money = 0,
        late_fee_max: Money | None = None,
        cash_fee_share: Rate = 0,
        cash_fee_min: Money = 0,
        fees_bear_interest: bool = False,
        currency: str | None = None,
        rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    ) -> None:
        set_ = object.__setattr__
        digits = minor_digits(currency)
        set_(self, "statement_day", whole_number(statement_day, "statement_day", 1, 28))
        set_(self, "due_days", whole_number(due_days, "due_days", 1, 27))
        if (daily_rate is None) == (annual_rate is None):
            raise InvalidTermsError(
                "daily_rate", daily_rate, "exactly one of daily_rate= or annual_rate="
            )
        periodic = parse_enum(periodic_rate, PeriodicRate, "periodic_rate")
        rate = _daily(daily_rate, annual_rate, periodic, "")
        set_(self, "daily_rate", rate)
        set_(self, "interest_rule", parse_enum(interest_rule, InterestRule, "interest_rule"))
        set_(self, "periodic_rate", periodic)
        set_(
            self,
            "statement_date_counted",
            a_flag(statement_date_counted, "statement_date_counted"),
        )
        if cash_daily_rate is not None and cash_annual_rate is not None:
            raise InvalidTermsError(
                "cash_daily_rate", cash_daily_rate, "one of cash_daily_rate= or cash_annual_rate="
            )
        cash = rate
        if cash_daily_rate is not None or cash_annual_rate is not None:
            cash = _daily(cash_daily_rate, cash_annual_rate, periodic, "cash_")
        set_(self, "cash_rate", cash)
        if (intro_annual_rate is None) != (intro_until is None):
            raise InvalidTermsError(
                "intro_until",
                intro_until,
                "a date given together with the introductory rate, or neither",
            )
        intro = rate
        if intro_annual_rate is not None:
            intro = _daily(None, intro_annual_rate, periodic, "intro_")
        set_(self, "intro_rate", intro)
        set_(
            self,
            "intro_until",
            None if intro_until is None else a_date(intro_until, "intro_until"),
        )
        set_(self, "payment_order", parse_enum(payment_order, PaymentOrder, "payment_order"))
        set_(self, "grace_needs_previous", a_flag(grace_needs_previous, "grace_needs_previous"))
        limit = None
        if credit_limit is not None:
            limit = to_major(
                to_minor(credit_limit, field="credit_limit", digits=digits, minimum=1),
                digits,
            )
        set_(self, "credit_limit", limit)
        share, cash_share, rule = _minimum_terms(minimum_share, cash_minimum_share, minimum_rule)
        set_(self, "minimum_share", share)
        set_(self, "cash_minimum_share", cash_share)
        set_(self, "minimum_rule", rule)
        for name, value in (("minimum_floor", minimum_floor), ("late_fee_min", late_fee_min),
                            ("cash_fee_min", cash_fee_min)):  # fmt: skip
            set_(self, name, to_major(to_minor(value, field=name, digits=digits), digits))
        cap = None
        if late_fee_max is not None:
            cap = to_major(to_minor(late_fee_max, field="late_fee_max", digits=digits), digits)
            if cap < self.late_fee_min:
                raise InvalidTermsError("late_fee_max", late_fee_max, "at least late_fee_min")
        set_(self, "late_fee_max", cap)
        for name, value in (
            ("late_fee_share", late_fee_share),
            ("cash_fee_share", cash_fee_share),
        ):
            set_(self, name, parse_rate(value, field=name, maximum=Fraction(1)))
        set_(self, "fees_bear_interest", a_flag(fees_bear_interest, "fees_bear_interest"))
        set_(self, "currency", currency)
        set_(self, "rounding", parse_enum(rounding, RoundingMode, "rounding"))
        set_(self, "digits", digits)
        set_(self, "penalty", _late_fee_policy(self))

    @property
    def annual_rate(self) -> Fraction:
        """Return the nominal annual rate: the daily rate times 365 (360 under ``"apr/360"``).

        PBOC 银发〔2020〕327号 asks cards to show it.

        Examples
        --------
        >>> Card(statement_day=7, daily_rate="0.0005", periodic_rate="apr/360").annual_rate
        Fraction(9, 50)
        """
        return self.daily_rate * self.year_days

    @property
    def year_days(self) -> int:
        """Return the days of the year the annual rate is divided by: 360 or 365.

        Examples
        --------
        >>> Card(statement_day=1, annual_rate="0.18", periodic_rate="apr/360").year_days
        360
        """
        return 360 if self.periodic_rate is PeriodicRate.APR_360 else 365

    def statement_dates(self, after: date, count: int, *, inclusive: bool = False) -> list[date]:
        """Return the ``count`` statement dates after ``after`` (from it on, ``inclusive``).

        Examples
        --------
        >>> Card(statement_day=7, daily_rate="0.0005").statement_dates(date(2024, 3, 8), 2)
        [datetime.date(2024, 4, 7), datetime.date(2024, 5, 7)]
        >>> Card(statement_day=7, daily_rate="0.0005").statement_dates(
        ...     date(2024, 3, 7), 1, inclusive=True
        ... )
        [datetime.date(2024, 3, 7)]
        """
        first = after.replace(day=self.statement_day)
        if first < after or (first == after and not inclusive):
            first = shift_months(first, 1)
        return [shift_months(first, k) for k in range(count)]

    def late_fee(self, unpaid_minimum: int) -> int:
        """Return the late fee on an unpaid minimum (minor units), within floor and cap.

        ``late_fee_share x unpaid_minimum``, rounded once in the card's rounding, at
        least ``late_fee_min`` and at most ``late_fee_max``; nothing when the minimum
        was paid. The rule is a loan's late fee (:attr:`penalty`,
        :meth:`loanrelief.PenaltyPolicy.late_fee_amount`) on the unpaid minimum, the
        only part of a card's statement past due.

        Examples
        --------
        >>> card = Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05",
        ...             late_fee_min=10, late_fee_max=50)
        >>> card.late_fee(12000), card.late_fee(0), card.late_fee(2000000)
        (1000, 0, 5000)
        """
        if unpaid_minimum <= 0:
            return 0
        fee: int = self.penalty.late_fees(unpaid_minimum, self.digits)
        return fee

    def __repr__(self) -> str:
        days = 360 if self.periodic_rate is PeriodicRate.APR_360 else 365
        monthly = self.periodic_rate is PeriodicRate.MONTHLY
        own_cash = self.cash_rate != self.daily_rate
        same_share = self.cash_minimum_share == self.minimum_share
        return short_repr(
            self,
            daily_rate=None if monthly else self.daily_rate,
            annual_rate=self.daily_rate * days if monthly else None,
            cash_daily_rate=self.cash_rate if own_cash and not monthly else None,
            cash_annual_rate=self.cash_rate * days if own_cash and monthly else None,
            intro_annual_rate=None if self.intro_until is None else self.intro_rate * days,
            cash_minimum_share=None if same_share else self.cash_minimum_share,
        )


def _late_fee_policy(card: Card) -> PenaltyPolicy:
    """Return a card's late fee as a penalty policy: a share of the unpaid minimum.

    Its floor and cap are the policy's bounds; a floor with no share is a flat fee (a
    policy whose only term is a bound charges nothing).
    """
    if not card.late_fee_share:
        return PenaltyPolicy(late_fee=card.late_fee_min, late_fee_max=card.late_fee_max)
    return PenaltyPolicy(
        late_fee_share=decimal_of(card.late_fee_share),
        late_fee_min=card.late_fee_min,
        late_fee_max=card.late_fee_max,
        rounding=card.rounding,
    )


def _minimum_terms(
    share: Rate, cash_share: Rate | None, rule: MinimumRule | str
) -> tuple[Fraction, Fraction, MinimumRule]:
    """Return the minimum's shares (purchases, cash) and its rule, checked together."""
    purchases = parse_rate(share, field="minimum_share", maximum=Fraction(1))
    chosen = parse_enum(rule, MinimumRule, "minimum_rule")
    if cash_share is None:
        return purchases, purchases, chosen
    cash = parse_rate(cash_share, field="cash_minimum_share", maximum=Fraction(1))
    if chosen is MinimumRule.SHARE_OF_BALANCE:
        raise InvalidTermsError(
            "cash_minimum_share",
            cash_share,
            "none under minimum_rule='share_of_balance' (one share of the whole balance)",
        )
    return purchases, cash, chosen


def _daily(daily: Rate | None, annual: Rate | None, periodic: PeriodicRate, kind: str) -> Fraction:
    """Return the daily rate of a ``{kind}daily_rate`` or else a ``{kind}annual_rate``.

    An APR is divided by 365, or by 360 under ``"apr/360"``. Under the monthly rate the
    daily rate kept is APR / 365 (its nominal daily rate), from which the ledger charges
    APR / 12 on each cycle's average daily balance; a daily rate given has no APR / 12.
    """
    if daily is not None:
        if periodic is PeriodicRate.MONTHLY:
            raise InvalidTermsError(
                "periodic_rate",
                periodic.value,
                f"'apr/365' or 'apr/360' with {kind}daily_rate= (a monthly rate of APR / 12 "
                f"takes {kind}annual_rate=)",
            )
        return parse_rate(daily, field=f"{kind}daily_rate", maximum=Fraction(1, 100))
    year = 360 if periodic is PeriodicRate.APR_360 else 365
    return parse_rate(annual, field=f"{kind}annual_rate") / year


def _major(card: Card) -> Callable[[int], Decimal]:
    """Return the conversion of minor units to the card's currency."""

    def major(value: int) -> Decimal:
        return to_major(value, card.digits)

    return major


def _postings(
    card: Card, transactions: Iterable[CardTransaction], field_name: str = "transactions"
) -> list[Posting]:
    checked = a_sequence(transactions, field_name)
    postings = []
    for k, item in enumerate(checked):
        if not isinstance(item, CardTransaction):
            raise InvalidTypeError(
                f"{field_name}[{k}]", item, "a CardTransaction(date, amount, kind)"
            )
        amount = to_minor(item.amount, field=f"{field_name}[{k}].amount", digits=card.digits)
        postings.append((item.date, item.kind, amount))
    return postings


def _history_inputs(
    card: Card, transactions: Iterable[CardTransaction], until: date
) -> tuple[list[Posting], date]:
    """Check a card, its transactions and the date to replay to."""
    if not isinstance(card, Card):
        raise InvalidTypeError("card", card, "a Card")
    until = a_date(until, "until")
    postings = _postings(card, transactions)
    for k, (day, _, _) in enumerate(postings):
        if day > until:
            raise InvalidTermsError(f"transactions[{k}].date", day, f"a date on or before {until}")
    if postings and (until - min(day for day, _, _ in postings)).days > 366 * 100:
        raise InvalidValueError("until", until, "at most a century after the first transaction")
    return postings, until
