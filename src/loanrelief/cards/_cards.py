"""Credit cards: revolving balances replayed statement by statement.

A card's math is not an instalment schedule. Purchases, cash advances, fees and
payments post on their dates; on each statement date the card charges the interest
its rule lets it charge, sets a minimum payment and a due date; a statement paid in
full by its due date keeps its purchases interest-free, one that is not loses that
grace. :func:`card_statements` replays a card's transactions and reports each
statement; :func:`minimum_payment_horizon` says how long paying only the minimum
takes and what it costs; :func:`card_instalment` prices a card instalment offer
(账单分期) by its true annual rate.

Amounts are exact: integer minor units, interest accrued day by day in exact
fractions and rounded once on each statement.
"""

from __future__ import annotations

import copy
import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import final

from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import (
    Money,
    Rate,
    RoundingMode,
    decimal_of,
    exact_decimals,
    minor_digits,
    minor_of,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
)
from loanrelief._foundations.validate import (
    Choice,
    a_date,
    a_flag,
    a_sequence,
    parse_enum,
    whole_number,
)
from loanrelief._ledger.account import AccountState, account_state
from loanrelief._ledger.allocation import Allocation
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.statement import Statement
from loanrelief._loans.cashflows import effective_rate, irr
from loanrelief._presentation.display import html_table, named, summary_text, text_table
from loanrelief._presentation.i18n import Language, format_date, language, translate
from loanrelief.law._china import ChinaFinancialLoans
from loanrelief.law._rules import Rule

__all__ = [
    "Card",
    "CardHistory",
    "CardInstalment",
    "CardCourtView",
    "CardStatement",
    "CardTransaction",
    "EarlyRepayment",
    "Horizon",
    "InterestRule",
    "MinimumRule",
    "PaymentOrder",
    "PeriodicRate",
    "TransactionKind",
    "card_court_view",
    "card_from_statement",
    "card_instalment",
    "card_statements",
    "minimum_payment_horizon",
    "payment_to_repay",
]

_Date = date  # the class, for fields that are themselves called "date"
_MOST_STATEMENTS = 1200  # a hundred years of monthly statements


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
    >>> InterestRule("unpaid part")
    <InterestRule.UNPAID_PART: 'unpaid part'>
    """

    FULL_BALANCE = "full balance"
    UNPAID_PART = "unpaid part"


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
    >>> MinimumRule("share of balance")
    <MinimumRule.SHARE_OF_BALANCE: 'share of balance'>
    """

    SHARE_PLUS_CHARGES = "share plus charges"
    SHARE_OF_BALANCE = "share of balance"


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

    Examples
    --------
    >>> PaymentOrder("highest rate")
    <PaymentOrder.HIGHEST_RATE: 'highest rate'>
    """

    FEES_FIRST = "fees first"
    HIGHEST_RATE = "highest rate"


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
    interest_rule : InterestRule or str, default "full balance"
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
    payment_order : PaymentOrder or str, default "fees first"
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
        ``minimum_rule="share of balance"``. 0 to 1: with ``minimum_rule="share of
        balance"`` and no floor, 0 is a revolving debt with no minimum payment (the
        interest is added to the balance; with ``periodic_rate="apr/12"`` it
        compounds monthly).
    cash_minimum_share : rate, optional
        The minimum payment's share of the cash advances owed; by default
        ``minimum_share`` (some Chinese banks ask for all of it: 1). Not with
        ``minimum_rule="share of balance"``.
    minimum_floor : money, default 0
        The least minimum payment (``25`` in the US style); never more than the
        balance.
    minimum_rule : MinimumRule or str, default "share plus charges"
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
    charged the day after the due date. Under ``minimum_rule="share of balance"`` it
    is ``minimum_share x the balance + the principal beyond the credit limit + any
    minimum left unpaid before``, at least ``minimum_floor``, at most the balance.

    Examples
    --------
    >>> card = Card(statement_day=7, due_days=20, daily_rate="0.0005",
    ...             late_fee_share="0.05")
    >>> card.annual_rate
    Fraction(73, 400)

    With a credit limit of 10,000, spending 12,000 puts 2,000 in the minimum in full:

    >>> limited = Card(statement_day=7, daily_rate="0.0005", credit_limit=10000)
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
        """Return the late fee on an unpaid minimum (minor units), within floor and cap."""
        if unpaid_minimum <= 0 or not (self.late_fee_share or self.late_fee_min):
            return 0
        exact = self.late_fee_share * unpaid_minimum
        fee = max(round_ratio(exact.numerator, exact.denominator, self.rounding),
                  minor_of(self.late_fee_min, self.digits))  # fmt: skip
        if self.late_fee_max is not None:
            fee = min(fee, minor_of(self.late_fee_max, self.digits))
        return fee


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
            "none under minimum_rule='share of balance' (one share of the whole balance)",
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


_FEES = ("fee", "late fee", "cash fee")  # lots paid first, never bearing interest in China
_PRINCIPAL = ("purchase", "cash")
_ORDER = {"fee": 0, "late fee": 0, "cash fee": 0, "interest": 1, "cash": 2, "purchase": 2}


@dataclass
class _Lot:
    """One amount on the card: a posting, its payments, and how far interest is charged."""

    kind: str
    posted: date
    amount: int
    statement: int | None = None  # the first statement it appears on
    charged_from: date | None = None
    # A balance a statement-started card carries from statements not paid in full:
    # past its grace, it bears interest from its posting whatever is paid now.
    carried: bool = False
    # The payments, in date order: their days and running totals (bisection finds
    # what was paid by a day).
    days: list[date] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)

    def pay(self, day: date, amount: int) -> None:
        """Record a payment (the replay pays in date order)."""
        self.days.append(day)
        self.totals.append((self.totals[-1] if self.totals else 0) + amount)

    @property
    def paid(self) -> list[tuple[date, int]]:
        """Each payment: its day and amount."""
        amounts = [b - a for a, b in pairwise([0, *self.totals])]
        return list(zip(self.days, amounts, strict=True))

    def paid_to(self, day: date) -> int:
        """Return what was paid on or before ``day``."""
        k = bisect_right(self.days, day)
        return self.totals[k - 1] if k else 0

    @property
    def remaining(self) -> int:
        return self.amount - (self.totals[-1] if self.totals else 0)

    def unpaid_on(self, day: date) -> int:
        """Return what is left after the payments made on or before ``day``."""
        return self.amount - self.paid_to(day)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class CardStatement:
    """One statement of a card (账单).

    Attributes
    ----------
    number : int
        1 for the first.
    date, due_date : datetime.date
    previous_balance : Decimal
    new_charges : Decimal
        Purchases, cash advances and fees posted since the previous statement (late
        and cash fees included).
    payments : Decimal
        Paid since the previous statement.
    interest : Decimal
        Interest charged on this statement.
    balance : Decimal
        The statement balance (账单金额): everything owed on its date.
    minimum : Decimal
        The minimum payment (最低还款额).
    paid_by_due : Decimal or None
        Paid from the statement to its due date (None while the due date is ahead).
    paid_in_full : bool or None
        Whether that paid the statement balance: its purchases then stay
        interest-free (None while the due date is ahead).
    late_fee : Decimal
        Charged the day after the due date, for a minimum left unpaid.
    interest_free_days : tuple of int
        The interest-free period (免息期) of this statement's purchases if it is paid
        in full: from a purchase on the statement date to the due date (the shortest),
        and from one the day after the previous statement (the longest).
    over_limit : Decimal
        Principal beyond the credit limit on the statement date, due in full (0
        without a limit).
    available_credit : Decimal or None
        The credit limit less the balance, at least 0 (None without a limit).
    """

    number: int
    date: _Date
    due_date: _Date
    previous_balance: Decimal
    new_charges: Decimal
    payments: Decimal
    interest: Decimal
    balance: Decimal
    minimum: Decimal
    paid_by_due: Decimal | None
    paid_in_full: bool | None
    late_fee: Decimal
    interest_free_days: tuple[int, int]
    over_limit: Decimal = Decimal(0)
    available_credit: Decimal | None = None


@dataclass
class _Statement:
    date: _Date
    due: _Date
    balance: int
    minimum: int
    interest: int
    previous: int
    charges: int
    payments: int
    over_limit: int = 0
    paid_by_due: int | None = None
    in_full: bool | None = None
    late_fee: int = 0


@dataclass(frozen=True)
class _Seed:
    """A statement a card starts from (minor units), checked against the card's terms."""

    date: _Date
    due: _Date
    balance: int
    purchases: int  # the purchases' principal, the carried part included
    carried: int
    cash: int
    interest: int
    carried_interest: int
    fees: int
    minimum: int
    over: int


def _owed_days(lot: _Lot, start: date, end: date) -> int:
    """Return the sum over days in [start, end) of what the lot owes each day."""
    inside = lot.days[bisect_right(lot.days, start) : bisect_left(lot.days, end)]
    cuts = sorted(set(inside))  # the payment days strictly inside
    return sum(
        max(lot.unpaid_on(begin), 0) * (stop - begin).days
        for begin, stop in pairwise([start, *cuts, end])
    )


class _Ledger:
    """The mutable replay of one card, in minor units."""

    def __init__(self, card: Card, cap: Fraction | None = None) -> None:
        self.card = card
        self.lots: list[_Lot] = []  # every lot, in posting order (the history)
        # The lots that can still change: paid off ones whose interest is all charged
        # and whose payments no due date still open can count are retired (statement()),
        # so that a long run walks only its open lots.
        self.live: list[_Lot] = []
        self.statements: list[_Statement] = []
        self.credit = 0
        self.paid_since = 0  # payments since the last statement
        self.charged_since = 0  # postings since the last statement
        # Under a legal cap: every charge together at most ``cap`` a year on the
        # principal outstanding day by day (the ceiling, exact); payments settle
        # charges only within it, the rest goes to principal (credited to the debt).
        self.cap = cap
        self.ceiling = Fraction(0)
        self.ceiling_from: date | None = None
        self.charges_paid = 0
        self.limit = 0 if card.credit_limit is None else minor_of(card.credit_limit, card.digits)

    def clone(self) -> _Ledger:
        """Return a copy that can be replayed on apart.

        What a replay no longer changes is shared rather than copied: the card, the
        lots retired (:meth:`retire`) and the statements whose due date is closed.
        """
        twin = copy.copy(self)
        fresh = {
            id(lot): _Lot(
                lot.kind,
                lot.posted,
                lot.amount,
                lot.statement,
                lot.charged_from,
                lot.carried,
                list(lot.days),
                list(lot.totals),
            )
            for lot in self.live
        }
        twin.live = [fresh[id(lot)] for lot in self.live]
        twin.lots = [fresh.get(id(lot), lot) for lot in self.lots]
        twin.statements = [
            made if made.paid_by_due is not None else dataclasses.replace(made)
            for made in self.statements
        ]
        return twin

    def measure(self, day: date) -> None:
        """Grow the legal ceiling to ``day`` on the principal outstanding each day."""
        if self.cap is None:
            return
        start = self.ceiling_from
        if start is None or day <= start:
            self.ceiling_from = start or day
            return
        days = sum(
            _owed_days(lot, max(start, lot.posted), day)
            for lot in self.lots
            if lot.kind in _PRINCIPAL and lot.posted < day
        )
        self.ceiling += self.cap * days / 365
        self.ceiling_from = day

    def room(self) -> int | None:
        """Return what charges may still be paid under the cap (None: no cap)."""
        if self.cap is None:
            return None
        whole = self.ceiling.numerator // self.ceiling.denominator
        return max(whole - self.charges_paid, 0)

    def start_from(self, seed: _Seed) -> None:
        """Set the ledger as it stands just after a statement: its lots and the statement.

        Every amount is posted on the statement's date, on that statement, its
        interest counted from that date on (the day after, where the card counts the
        statement date on its statement: the statement's own interest charged it to
        then), the older parts first (the carried interest and purchases, then the
        cash, then this cycle's purchases); the carried parts bear interest whatever
        is paid. Under a cap
        the statement's interest and fees count as charges already allowed.
        """
        day = seed.date
        parts = (  # oldest first, the order a payment reaches lots of one kind
            ("fee", seed.fees, False),
            ("interest", seed.carried_interest, True),
            ("interest", seed.interest, False),
            ("purchase", seed.carried, True),
            ("cash", seed.cash, False),
            ("purchase", seed.purchases - seed.carried, False),
        )
        # charged to the statement date, or through it where the card counts that day
        charged = day + timedelta(days=1) if self.card.statement_date_counted else day
        for kind, amount, carried in parts:
            if amount:
                lot = _Lot(kind, day, amount, statement=0, charged_from=charged, carried=carried)
                self.lots.append(lot)
                self.live.append(lot)
        if self.cap is not None:
            self.ceiling = Fraction(seed.interest + seed.fees)
            self.ceiling_from = day
        made = _Statement(
            date=day,
            due=seed.due,
            balance=seed.balance,
            minimum=seed.minimum,
            interest=seed.interest,
            previous=0,
            charges=seed.balance - seed.interest,
            payments=0,
            over_limit=seed.over,
        )
        self.statements.append(made)

    def minimum(
        self, *, purchases: int, cash: int, fees: int, interest: int, past_due: int, balance: int
    ) -> tuple[int, int]:
        """Return a statement's minimum by the card's terms, and the principal over the limit."""
        card = self.card
        over = 0 if card.credit_limit is None else max(purchases + cash - self.limit, 0)
        floor = minor_of(card.minimum_floor, card.digits)
        if card.minimum_rule is MinimumRule.SHARE_OF_BALANCE:
            share = card.minimum_share * max(balance, 0)
            minimum = round_ratio(share.numerator, share.denominator, card.rounding)
            minimum = max(minimum + over + past_due, floor)
            return min(minimum, max(balance, 0)), over
        over_purchases = min(over, purchases)
        share = card.minimum_share * (purchases - over_purchases) + card.cash_minimum_share * (
            cash - (over - over_purchases)
        )
        minimum = round_ratio(share.numerator, share.denominator, card.rounding) + over
        minimum = max(minimum + interest + fees + past_due, floor)
        return min(minimum, max(balance, 0)), over

    # -- postings ----------------------------------------------------------------------
    def post(self, kind: str, day: date, amount: int) -> None:
        self.measure(day)
        lot = _Lot(kind, day, amount, charged_from=day)
        self.lots.append(lot)
        self.live.append(lot)
        self.charged_since += amount
        if self.credit and (kind in _PRINCIPAL or self.cap is None):
            used = min(self.credit, amount)
            lot.pay(day, used)
            self.credit -= used
        if kind == "cash":
            card = self.card
            exact = card.cash_fee_share * amount
            fee = max(round_ratio(exact.numerator, exact.denominator, card.rounding),
                      minor_of(card.cash_fee_min, card.digits))  # fmt: skip
            if fee:
                self.post("cash fee", day, fee)

    def pay(self, day: date, amount: int) -> None:
        self.paid_since += amount
        self.measure(day)
        if self.card.payment_order is PaymentOrder.HIGHEST_RATE and self.statements:
            # Up to what is left of the last minimum: fees, interest, the lowest rate
            # first; beyond it, the highest-rate principal first (12 CFR 1026.53(a)).
            last = self.statements[-1]
            paid = self.paid_since - amount
            minimum = min(max(last.minimum - paid, 0), amount)
            self.settle(day, minimum, self._order(day, highest=False))
            self.settle(day, amount - minimum, self._order(day, highest=True))
            return
        self.settle(day, amount, sorted(self.live, key=lambda lot: (_ORDER[lot.kind], lot.posted)))

    def _order(self, day: date, *, highest: bool) -> list[_Lot]:
        """Lots in the order a payment on ``day`` reaches them under the rate order."""

        def key(lot: _Lot) -> tuple[int, Fraction, date]:
            rate = self.rate(lot, day)
            if lot.kind in _PRINCIPAL:
                return (1 if not highest else 0, -rate if highest else rate, lot.posted)
            return (0 if not highest else 1, Fraction(_ORDER[lot.kind]), lot.posted)

        return sorted(self.live, key=key)

    def settle(self, day: date, amount: int, lots: list[_Lot]) -> None:
        """Pay ``amount`` on the lots in order (charges within the legal room); credit the rest."""
        if amount <= 0:
            return
        room = self.room()
        for lot in lots:
            share = min(amount, lot.remaining)
            if room is not None and lot.kind not in _PRINCIPAL:
                share = min(share, room)
                room -= share
                self.charges_paid += share
            if share > 0:
                lot.pay(day, share)
                amount -= share
            if not amount:
                return
        self.credit += amount  # 溢缴款: held for the cardholder, used by later postings

    # -- due dates and statements ------------------------------------------------------
    def close_due(self, index: int) -> None:
        """Close a statement's due date: paid in full, at the minimum, or late (a fee)."""
        statement = self.statements[index]
        paid = sum(lot.paid_to(statement.due) - lot.paid_to(statement.date) for lot in self.live)
        statement.paid_by_due = paid
        statement.in_full = paid >= statement.balance
        unpaid = max(statement.minimum - paid, 0)
        statement.late_fee = self.card.late_fee(unpaid)
        if statement.late_fee:
            self.post("late fee", statement.due + timedelta(days=1), statement.late_fee)

    def bears_interest(self, lot: _Lot) -> bool | None:
        """Whether a lot bears interest: True, False, or None while its grace is open."""
        if lot.kind in _FEES:
            return self.card.fees_bear_interest and self._lost(lot)
        if lot.kind == "cash":
            return True
        return self._lost(lot)

    def _lost(self, lot: _Lot) -> bool | None:
        if lot.carried:
            return True
        if lot.statement is None:
            return None
        if self.card.grace_needs_previous and lot.statement > 0:
            previous = self.statements[lot.statement - 1].in_full
            if previous is False:  # a balance carried: no grace on the new purchases
                return True
        if lot.statement >= len(self.statements):  # on the statement being made
            return None
        in_full = self.statements[lot.statement].in_full
        return None if in_full is None else not in_full

    def interest_to(self, day: date) -> Fraction:
        """Charge every lot's interest up to ``day`` (exclusive) that is now known."""
        total = Fraction(0)
        for lot in self.live:
            start = lot.charged_from
            if (
                start is None
                or start >= day
                or (lot.remaining <= 0 and (not lot.days or lot.days[-1] < start))
            ):
                continue
            bears = self.bears_interest(lot)
            if bears is None:
                continue
            if bears:
                split = self._intro_end(lot, start, day)
                total += self._charge(lot, start, split)
                if split < day:  # an introductory rate ended within the range
                    total += self._charge(lot, split, day)
            lot.charged_from = day
        return total

    def _charge(self, lot: _Lot, start: date, end: date) -> Fraction:
        """Return the interest a lot bears over [start, end) at its rate on ``start``.

        A daily periodic rate charges each day's balance. A monthly one (APR / 12 on
        the cycle's average daily balance) weighs each day by one over its billing
        cycle's days: the cycle runs from a statement date (counted) to the next (not
        counted), or, with ``statement_date_counted``, from the day after one to the
        next (counted).
        """
        card = self.card
        rate = self.rate(lot, start)
        if card.periodic_rate is not PeriodicRate.MONTHLY:
            return rate * self._balance_days(lot, start, end)
        counted = card.statement_date_counted
        total = Fraction(0)
        day = start
        while day < end:
            close = card.statement_dates(day, 1, inclusive=counted)[0]
            stop = min(close + timedelta(days=1) if counted else close, end)
            cycle = (close - shift_months(close, -1)).days
            # rate is APR / 365: APR / 12 over the cycle's days
            total += rate * 365 / (12 * cycle) * self._balance_days(lot, day, stop)
            day = stop
        return total

    def rate(self, lot: _Lot, day: date) -> Fraction:
        """Return the daily rate a lot bears on ``day``."""
        card = self.card
        if lot.kind == "cash":
            return card.cash_rate
        if lot.kind == "purchase" and card.intro_until is not None and day <= card.intro_until:
            return card.intro_rate
        return card.daily_rate

    def _intro_end(self, lot: _Lot, start: date, end: date) -> date:
        """Return the first day of the standard rate within [start, end), else ``end``."""
        until = self.card.intro_until
        if lot.kind != "purchase" or until is None or not start <= until < end - timedelta(1):
            return end
        return until + timedelta(days=1)

    def _balance_days(self, lot: _Lot, start: date, end: date) -> int:
        """Return the sum over days in [start, end) of what the lot owes, by the rule.

        The unpaid-part rule (未清偿部分计息) spares what a statement's purchases repaid
        by its due date; a cash advance (never interest-free), or a lot whose own
        statement is still being made (no due date yet), owes by the day.
        """
        if (
            self.card.interest_rule is not InterestRule.UNPAID_PART
            or lot.statement is None
            or lot.kind == "cash"
            or lot.carried
            or lot.statement >= len(self.statements)
        ):
            return _owed_days(lot, start, end)
        # To the due date, the part left unpaid at it; after it, what is owed each day.
        due = self.statements[lot.statement].due
        after = min(max(due + timedelta(days=1), start), end)
        held = max(lot.unpaid_on(due), 0) * (after - start).days
        return held + _owed_days(lot, after, end)

    def statement(self, day: date) -> _Statement:
        """Make the statement of ``day``: interest, balance, minimum, due date."""
        card = self.card
        index = len(self.statements)
        for lot in self.live:  # this cycle's postings appear on this statement
            if lot.statement is None:
                lot.statement = index
        # the statement date's own balance too, where the card counts it
        exact = self.interest_to(day + timedelta(days=1) if card.statement_date_counted else day)
        interest = round_ratio(exact.numerator, exact.denominator, card.rounding)
        if interest:
            self.post("interest", day, interest)
            self.lots[-1].statement = index
            if card.statement_date_counted:  # the day's balance is charged: from the next
                self.lots[-1].charged_from = day + timedelta(days=1)
        balance = sum(lot.remaining for lot in self.live) - self.credit
        purchases = sum(lot.remaining for lot in self.live if lot.kind == "purchase")
        cash = sum(lot.remaining for lot in self.live if lot.kind == "cash")
        fees = sum(lot.remaining for lot in self.live if lot.kind in _FEES)
        past_due = 0
        if self.statements:
            last = self.statements[-1]
            past_due = max(last.minimum - (last.paid_by_due or 0), 0)
        minimum, over = self.minimum(
            purchases=purchases,
            cash=cash,
            fees=fees,
            interest=interest,
            past_due=past_due,
            balance=balance,
        )
        previous = self.statements[-1].balance if self.statements else 0
        made = _Statement(
            date=day,
            due=day + timedelta(days=card.due_days),
            balance=balance,
            minimum=minimum,
            interest=interest,
            previous=previous,
            charges=self.charged_since - interest,
            payments=self.paid_since,
            over_limit=over,
        )
        self.statements.append(made)
        self.paid_since = self.charged_since = 0
        self.retire(day)
        return made

    def retire(self, day: date) -> None:
        """Keep live only the lots a later day can still change or count.

        A lot is retired once it is paid off, its interest charged past its last
        payment, and that payment on or before every open statement's date (so no
        due date still to close counts it). Under a legal cap none is: the ceiling
        measures every principal lot's days.
        """
        if self.cap is not None:
            return
        floor = day
        for made in reversed(self.statements):  # the open statements: the latest ones
            if made.paid_by_due is not None:
                break
            floor = made.date

        def done(lot: _Lot) -> bool:
            if lot.remaining > 0 or not lot.days or lot.charged_from is None:
                return False
            last = lot.days[-1]
            return last <= floor and last < lot.charged_from and lot.statement is not None

        self.live = [lot for lot in self.live if not done(lot)]


def _replay(
    card: Card,
    postings: Sequence[tuple[date, str, int]],
    until: date,
    *,
    payer: Callable[[_Statement], int | None] | None = None,
    start: date | None = None,
    cap: Fraction | None = None,
    seed: _Seed | None = None,
    paying_from: date | None = None,
) -> _Ledger:
    """Replay postings to ``until``; ``payer`` pays each statement on its due date.

    From a ``seed`` (a statement-started card) the ledger starts just after that
    statement and the replay from the next statement date; ``payer`` pays only the
    statements dated on or after ``paying_from`` (all by default).
    """
    first = start or (min(day for day, _, _ in postings) if postings else until)
    run = _Run(card, postings, first, payer=payer, cap=cap, seed=seed, paying_from=paying_from)
    run.to(until)
    return run.ledger


class _Run:
    """A card's replay that can be carried on to a later day (:func:`_replay`'s loop).

    ``first`` is the first day replayed (without a ``seed``); ``to(day)`` replays every
    posting, payment, due date and statement up to ``day``, and a later ``to`` carries
    on from there exactly as one replay to the later day would. A posting may be added
    (:meth:`add`) for a day after the last one replayed.
    """

    def __init__(
        self,
        card: Card,
        postings: Sequence[tuple[date, str, int]],
        first: date,
        *,
        payer: Callable[[_Statement], int | None] | None = None,
        cap: Fraction | None = None,
        seed: _Seed | None = None,
        paying_from: date | None = None,
    ) -> None:
        self.ledger = _Ledger(card, cap)
        self.payer = payer
        self.paying_from = paying_from
        self.pending: list[tuple[date, int]] = []  # payments the payer makes on due dates
        if seed is None:
            # The statement dates from the first day on (that day's own included): counted
            # from it, not from the day before, which 0001-01-01 does not have.
            on = card.statement_dates(first, 1, inclusive=True)[0]
            self.dates = [on, *card.statement_dates(on, _MOST_STATEMENTS - 1)]
        else:
            self.ledger.start_from(seed)
            self.dates = card.statement_dates(seed.date, _MOST_STATEMENTS - 1)
            made = self.ledger.statements[-1]
            owed = payer(made) if payer is not None and self._pays(made) else None
            if owed:
                self.pending.append((made.due, owed))
        self.events = sorted(postings, key=lambda item: item[0])
        self.k = 0  # the next event
        self.n = 0  # the next statement date
        self.reached: date | None = None  # the last day replayed
        self.done = False

    def _pays(self, made: _Statement) -> bool:
        return self.payer is not None and (
            self.paying_from is None or made.date >= self.paying_from
        )

    def add(self, day: date, kind: str, amount: int) -> None:
        """Add a posting on ``day``, after the last day replayed."""
        if self.reached is not None and day <= self.reached:
            raise ValueError(day)  # a caller's slip, not a user's input
        self.events.append((day, kind, amount))
        self.events.sort(key=lambda item: item[0])

    def fork(self) -> _Run:
        """Return a copy that can be carried on apart.

        What a replay no longer changes is shared rather than copied: the card, the
        statement dates, the lots retired (:meth:`_Ledger.retire`) and the statements
        whose due date is closed.
        """
        twin = copy.copy(self)
        twin.ledger = self.ledger.clone()
        twin.pending = list(self.pending)
        twin.events = list(self.events)
        return twin

    def to(self, until: date) -> None:
        """Replay up to ``until`` (its postings, payments and due dates; its statement)."""
        ledger = self.ledger
        events = self.events
        while not self.done and self.n < len(self.dates):
            statement_day = self.dates[self.n]
            # The cycle that holds ``until`` is replayed to it too (its payments, postings
            # and due dates count), then the replay stops before its statement.
            days = {d for d, _, _ in events[self.k :]} | {d for d, _ in self.pending}
            days |= {s.due for s in ledger.statements if s.paid_by_due is None}
            reached = self.reached
            for day in sorted(days):
                if day > min(statement_day, until):
                    break
                if reached is not None and day <= reached:
                    continue
                while self.k < len(events) and events[self.k][0] == day:
                    _, kind, amount = events[self.k]
                    if kind == "payment":
                        ledger.pay(day, amount)
                    else:
                        ledger.post(kind, day, amount)
                    self.k += 1
                for when, amount in [p for p in self.pending if p[0] == day]:
                    ledger.pay(when, amount)
                    self.pending.remove((when, amount))
                for index, made in enumerate(ledger.statements):
                    if made.paid_by_due is None and made.due == day:
                        ledger.close_due(index)
            last = min(statement_day, until)
            self.reached = last if reached is None else max(reached, last)
            if statement_day > until:
                return
            made = ledger.statement(statement_day)
            self.n += 1
            if self._pays(made):
                assert self.payer is not None
                owed = self.payer(made)
                if owed:
                    self.pending.append((made.due, owed))
                if made.balance <= 0 and not self.pending:
                    self.done = True


def _major(card: Card) -> Callable[[int], Decimal]:
    """Return the conversion of minor units to the card's currency."""

    def major(value: int) -> Decimal:
        return to_major(value, card.digits)

    return major


def _postings(
    card: Card, transactions: Iterable[CardTransaction], field_name: str = "transactions"
) -> list[tuple[date, str, int]]:
    checked = a_sequence(transactions, field_name)
    postings = []
    for k, item in enumerate(checked):
        if not isinstance(item, CardTransaction):
            raise InvalidTypeError(
                f"{field_name}[{k}]", item, "a CardTransaction(date, amount, kind)"
            )
        amount = to_minor(item.amount, field=f"{field_name}[{k}].amount", digits=card.digits)
        postings.append((item.date, item.kind.value, amount))
    return postings


def _history_inputs(
    card: Card, transactions: Iterable[CardTransaction], until: date
) -> tuple[list[tuple[date, str, int]], date]:
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


def _shown(card: Card, made: _Statement, number: int) -> CardStatement:
    major = _major(card)
    # The cycle's first day (the calendar's first, for a statement in January of year 1).
    early = made.date < date(1, 2, 1)
    opened = date.min if early else shift_months(made.date, -1) + timedelta(days=1)
    return CardStatement(
        number=number,
        date=made.date,
        due_date=made.due,
        previous_balance=major(made.previous),
        new_charges=major(made.charges),
        payments=major(made.payments),
        interest=major(made.interest),
        balance=major(made.balance),
        minimum=major(made.minimum),
        paid_by_due=None if made.paid_by_due is None else major(made.paid_by_due),
        paid_in_full=made.in_full,
        late_fee=major(made.late_fee),
        interest_free_days=((made.due - made.date).days, (made.due - opened).days),
        over_limit=major(made.over_limit),
        available_credit=None
        if card.credit_limit is None
        else major(max(minor_of(card.credit_limit, card.digits) - made.balance, 0)),
    )


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CardHistory:
    """A card's statements, replayed.

    Attributes
    ----------
    card : Card
    statements : tuple of CardStatement
    balance : Decimal
        Owed at the end of the replay (``until``), without the interest of the open
        cycle (it is charged on the next statement).
    total_interest, total_fees : Decimal
        Charged over the replay.
    credit : Decimal
        Paid beyond the balance (溢缴款), held for the cardholder.
    """

    card: Card
    statements: tuple[CardStatement, ...]
    balance: Decimal
    total_interest: Decimal
    total_fees: Decimal
    credit: Decimal
    until: date
    _ledger: _Ledger = field(compare=False)
    _postings: tuple[tuple[date, str, int], ...] = field(compare=False, default=())
    _seed: _Seed | None = field(compare=False, default=None)

    def account(self) -> AccountState:
        """Return the card in arrears as an account the levers, the solver and planners take.

        Everything owed on ``until`` is due now: the principal (purchases and cash),
        the interest charged and the interest of the open cycle so far, and the fees;
        days past due count from the due date of the oldest statement in the run of
        statements whose minimum was not paid. From then on the card's daily rate
        runs on the principal and interest owed (a penalty policy at the card's annual
        rate on both; its monthly compounding aside) and payments settle fees, then
        interest, then principal. So ``evaluate``, ``compare``, ``solve`` (个性化分期,
        停息挂账, a settlement) and :func:`~loanrelief.debts.plan_debts` work on cards beside
        loans (a ``Debt`` made from the history itself runs in the plan on the card's
        own ledger instead). Against ``CourtAward(until, ChinaFinancialLoans())`` the options are
        measured by what the card's own replay to ``until`` lets be claimed under the
        rule (:func:`card_court_view`'s enforceable payoff, its allowed charges split
        into the late fees unpaid and interest).

        Raises
        ------
        InvalidTermsError
            For a card not in arrears (every minimum paid by its due date), or with
            no principal owed.

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
        >>> spent = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
        >>> state = lr.cards.card_statements(card, spent, until=date(2024, 6, 20)).account()
        >>> state.days_past_due, state.payoff
        (54, Decimal('10694.10'))
        >>> lr.evaluate(state, lr.FreezeInterest(60)).total_paid == state.payoff
        True
        >>> court = lr.CourtAward(date(2024, 9, 20), lr.law.ChinaFinancialLoans())
        >>> lr.evaluate(state, baseline=court).baseline.total_paid
        Decimal('11288.76')
        """
        ledger = self._ledger
        card = self.card
        missed = _missed(ledger)
        if not missed:
            raise InvalidTermsError(
                "history", self, "a card in arrears: a statement's minimum unpaid at its due date"
            )
        owed = _owed(ledger, self.until)
        open_interest = owed.pop("open interest")
        if not owed["principal"]:
            raise InvalidTermsError("history", self, "a card with principal owed")
        major = _major(card)
        statement = Statement(
            as_of=self.until,
            outstanding_principal=major(owed["principal"]),
            overdue_principal=major(owed["principal"]),
            overdue_interest=major(owed["interest"] + open_interest),
            fees=major(owed["fees"]),
            days_past_due=max((self.until - missed[-1].due).days, 1),
            annual_rate=decimal_of(card.annual_rate),
            currency=card.currency,
            rounding=card.rounding,
        )
        return _card_account(self, statement)

    @exact_decimals
    def horizon(self, *, payment: Money | None = None) -> Horizon:
        """Pay each statement from the last one on at its minimum (or ``payment``).

        What the issuer's rules do next: from the history's last statement (made on
        ``until``), nothing more is charged and each statement's minimum (or the fixed
        ``payment``, or what is left if less) is paid on its due date until nothing is
        owed, as :func:`minimum_payment_horizon` does from a balance (Regulation Z,
        12 CFR 1026.7(b)(12)). The horizon counts the payments from that statement
        on, and the interest and fees charged after it.

        Raises
        ------
        InvalidTermsError
            For a history that does not end on a statement's date, or whose last
            statement owes nothing.
        NoSolutionError
            If the payments never repay the balance within a hundred years.

        Examples
        --------
        A statement of 3,000 owed, all purchases of its cycle, gives the horizon of
        the balance itself:

        >>> from datetime import date
        >>> us = Card(statement_day=1, due_days=25, annual_rate="0.2199",
        ...           minimum_share="0.01", minimum_floor=25)
        >>> held = card_from_statement(us, statement_date=date(2024, 1, 1), balance=3000,
        ...                            minimum=30)
        >>> held.horizon().total_paid == minimum_payment_horizon(
        ...     us, 3000, start=date(2024, 1, 1)).total_paid
        True
        """
        card = self.card
        last = self._ledger.statements[-1] if self._ledger.statements else None
        if last is None or last.date != self.until:
            raise InvalidTermsError(
                "until", self.until, "a history that ends on a statement's date"
            )
        if last.balance <= 0:
            raise InvalidTermsError("history", self, "a last statement with a balance owed")
        fixed = (
            None
            if payment is None
            else to_minor(payment, field="payment", digits=card.digits, minimum=1)
        )
        ledger = _run(card, 0, self.until, fixed, history=self)
        return _horizon(card, ledger, fixed, self.until)

    @exact_decimals
    def court_view(
        self, *, until: date | None = None, rule: ChinaFinancialLoans | None = None
    ) -> CardCourtView:
        """Set what the card claims on ``until`` beside what a financial-loan rule allows.

        As :func:`card_court_view`, on this history's own start: its transactions, or
        the statement it started from (:func:`card_from_statement`), whose interest and
        fees are taken as charges already within the ceiling (a statement does not
        say how they arose), the ceiling growing from its date on.

        Parameters
        ----------
        until : datetime.date, optional
            On or after the history's ``until`` (its own by default): nothing more is
            paid in between.
        rule : ChinaFinancialLoans, optional
            By default ``ChinaFinancialLoans()`` (24 % a year, 法发〔2017〕22号 item 2).

        Examples
        --------
        >>> from datetime import date
        >>> card = Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
        >>> moves = [CardTransaction(date(2024, 3, 8), 10000)]
        >>> history = card_statements(card, moves, until=date(2024, 6, 20))
        >>> history.court_view(until=date(2024, 9, 20)) == card_court_view(
        ...     card, moves, until=date(2024, 9, 20))
        True
        """
        day = self.until if until is None else a_date(until, "until")
        if day < self.until:
            raise InvalidValueError("until", day, f"a date on or after {self.until}")
        first = self._seed.date if self._seed is not None else self._postings[0][0]
        if (day - first).days > 366 * 100:
            raise InvalidValueError("until", day, "at most a century after the history's start")
        chosen = _financial_rule(ChinaFinancialLoans() if rule is None else rule)
        return _court(self.card, self._postings, day, chosen, self._seed)[0]

    def _court_payoff(self, until: date, rule: Rule) -> dict[str, Decimal]:
        """Return what ``rule`` lets be claimed on ``until`` if nothing more is paid, by part."""
        parts = _court(self.card, self._postings, until, _financial_rule(rule), self._seed)[1]
        major = _major(self.card)
        return {name: major(value) for name, value in parts.items()}

    def _rows(self, lang: Language = Language.EN) -> list[list[str]]:
        limited = self.card.credit_limit is not None
        rows = [["#", "date", "due", "balance", "interest", "minimum", "paid by due", "in full"]]
        rows[0] += ["available"] if limited else []
        for s in self.statements:
            rows.append(
                [
                    str(s.number),
                    str(s.date),
                    str(s.due_date),
                    f"{s.balance:,}",
                    f"{s.interest:,}",
                    f"{s.minimum:,}",
                    "-" if s.paid_by_due is None else f"{s.paid_by_due:,}",
                    "-"
                    if s.paid_in_full is None
                    else named("yes" if s.paid_in_full else "no", lang),
                ]
                + ([f"{s.available_credit:,}"] if limited else [])
            )
        return rows

    @exact_decimals
    def __repr__(self) -> str:
        return (
            f"CardHistory({len(self.statements)} statements, balance {self.balance:,}, "
            f"interest {self.total_interest:,})"
        )

    @exact_decimals
    def __str__(self) -> str:
        return self.to_text()

    @exact_decimals
    def to_text(self, lang: Language | str | None = None) -> str:
        """Return the history as text, in a language (English by default)."""
        chosen = language(lang)
        head = summary_text(
            "CardHistory",
            [
                ("statements", str(len(self.statements))),
                ("balance", f"{self.balance:,}"),
                ("interest", f"{self.total_interest:,}"),
                ("fees", f"{self.total_fees:,}"),
            ],
            chosen,
        )
        return head + "\n\n" + "\n".join(text_table(self._rows(chosen), lang=chosen))

    @exact_decimals
    def _repr_html_(self) -> str:
        return html_table(self._rows(), "CardHistory")


def _history(
    card: Card,
    ledger: _Ledger,
    until: date,
    postings: Sequence[tuple[date, str, int]] = (),
    seed: _Seed | None = None,
) -> CardHistory:
    major = _major(card)
    shown = tuple(_shown(card, made, k + 1) for k, made in enumerate(ledger.statements))
    posted = [lot for lot in ledger.lots if lot.posted <= until]
    return CardHistory(
        card=card,
        statements=shown,
        balance=major(max(sum(lot.unpaid_on(until) for lot in posted) - ledger.credit, 0)),
        total_interest=major(sum(lot.amount for lot in posted if lot.kind == "interest")),
        total_fees=major(sum(lot.amount for lot in posted if lot.kind in _FEES)),
        credit=major(ledger.credit),
        until=until,
        _ledger=ledger,
        _postings=tuple(postings),
        _seed=seed,
    )


@exact_decimals
def card_statements(
    card: Card, transactions: Iterable[CardTransaction], *, until: date
) -> CardHistory:
    """Replay a card's transactions statement by statement to ``until``.

    Parameters
    ----------
    card : Card
    transactions : iterable of CardTransaction
        Purchases, cash advances, fees and payments, on or before ``until``.
    until : datetime.date
        The last day replayed; statements up to it are made.

    Returns
    -------
    CardHistory

    Notes
    -----
    On each day: postings and payments; at the end of a due date, whether its
    statement was paid (in full, or the minimum; a late fee the next day if not); at
    the end of a statement date, the interest now known (:class:`InterestRule`; a
    statement's purchases lose their grace when it is not paid in full by its due
    date, and their interest from the posting date is charged on the next statement),
    the balance, the minimum and the due date. Payments settle fees, then interest,
    then principal, oldest first.

    Examples
    --------
    The published example: 20,000 spent on 03-08, the minimum of 2,000 paid on 04-25,
    at 0.05 % a day:

    >>> from datetime import date
    >>> card = Card(statement_day=7, due_days=20, daily_rate="0.0005")
    >>> spent = [CardTransaction(date(2024, 3, 8), 20000),
    ...          CardTransaction(date(2024, 4, 25), 2000, "payment")]
    >>> history = card_statements(card, spent, until=date(2024, 5, 7))
    >>> [(str(s.date), s.balance, s.minimum, s.interest) for s in history.statements]
    [('2024-04-07', Decimal('20000.00'), Decimal('2000.00'), Decimal('0.00')),
     ('2024-05-07', Decimal('18588.00'), Decimal('2388.00'), Decimal('588.00'))]
    """
    postings, until = _history_inputs(card, transactions, until)
    ledger = _replay(card, postings, until)
    return _history(card, ledger, until, postings)


@exact_decimals
def card_from_statement(
    card: Card,
    *,
    statement_date: date,
    balance: Money,
    minimum: Money | None = None,
    due_date: date | None = None,
    interest: Money = 0,
    fees: Money = 0,
    cash: Money = 0,
    carried: Money = 0,
    carried_interest: Money = 0,
    past_due: Money = 0,
    transactions: Iterable[CardTransaction] = (),
    until: date | None = None,
) -> CardHistory:
    """Start a card from its statement, and replay what follows to ``until``.

    Parameters
    ----------
    card : Card
        The card's terms (rates, minimum rules, late fee).
    statement_date : datetime.date
        The statement's date (账单日): a day ``card.statement_day``.
    balance : money
        The statement balance (本期应还金额), positive: everything owed on its date.
    minimum : money, optional
        The minimum payment it shows (最低还款额); checked against the card's terms.
        By default the terms' minimum.
    due_date : datetime.date, optional
        The due date it shows (到期还款日); checked to be ``statement_date +
        card.due_days``.
    interest : money, default 0
        The interest charged on this statement (part of the balance).
    fees : money, default 0
        The fees on it left unpaid (late, annual, cash fees; part of the balance).
    cash : money, default 0
        The part of the balance that is cash advances (取现).
    carried : money, default 0
        The purchases carried from earlier statements not paid in full: past their
        grace, they bear interest from the statement date whatever is paid. The rest
        of the purchases are this cycle's, interest-free if this statement is paid in
        full by its due date. On a card whose grace needs the previous statement paid
        in full (``grace_needs_previous``), a carried balance takes all of them.
    carried_interest : money, default 0
        Interest of earlier statements left unpaid (part of the balance): it bears
        interest as the carried purchases do, and is outside the minimum's share (it
        was in an earlier minimum).
    past_due : money, default 0
        A minimum of an earlier statement left unpaid (前期最低还款额未还部分), in this
        statement's minimum.
    transactions : iterable of CardTransaction, optional
        Payments, purchases and other postings after the statement date.
    until : datetime.date, optional
        The last day replayed: by default the last transaction's date, else the
        statement date.

    Returns
    -------
    CardHistory
        The statement as the first of ``statements``, then the statements the card's
        terms make to ``until``; ``.account()``, ``.horizon()`` and ``.court_view()``
        work from it as from a replayed history.

    Raises
    ------
    InvalidValueError
        For a figure that is not an amount or a date.
    InvalidTermsError
        (An ``InvalidValueError``) for figures that do not fit together: a statement
        date off the card's statement day, a balance below its interest, fees and cash,
        purchases carried beyond the purchases, a transaction on or before the
        statement date, or a minimum or due date other than the card's terms give (the
        error names the figure and gives both).

    Notes
    -----
    The principal is ``balance - interest - carried_interest - fees - cash`` in
    purchases and ``cash`` in cash advances. The card's terms
    (:class:`Card`) set the minimum as on every statement: by default ``minimum_share x
    purchases + cash_minimum_share x cash + the principal beyond the credit limit +
    interest + fees + past_due``, at least ``minimum_floor`` and at most the balance
    (the card agreements' 最低还款额; Regulation Z's "1 % plus interest and fees"), or
    the share of the whole balance under ``minimum_rule="share of balance"``.
    From the statement on, the same ledger as :func:`card_statements` runs: interest
    by day from the statement date (the statement's own interest charged it to
    then), the grace of this cycle's purchases kept only if the statement is paid in
    full by its due date, a late fee for a minimum left unpaid. A history that gives
    this statement (its purchases' interest charged to its date) gives the same next
    statements to the cent. Days past due in ``.account()`` count from this
    statement's due date at the earliest: it does not say when an earlier minimum was
    missed.

    Examples
    --------
    The second statement of :func:`card_statements`' published example: 18,000 of
    purchases carried and 588 of interest, at 0.05 % a day; paying nothing, the next
    statement charges 0.05 % x 31 days on 18,588 (288.11), and its minimum is 10 % of
    the purchases, that interest and the 2,388 left unpaid (4,476.11):

    >>> from datetime import date
    >>> card = Card(statement_day=7, due_days=20, daily_rate="0.0005")
    >>> held = card_from_statement(card, statement_date=date(2024, 5, 7), balance=18588,
    ...                            minimum=2388, due_date=date(2024, 5, 27), interest=588,
    ...                            carried=18000, until=date(2024, 6, 7))
    >>> [(str(s.date), s.balance, s.minimum, s.interest) for s in held.statements]
    [('2024-05-07', Decimal('18588.00'), Decimal('2388.00'), Decimal('588.00')),
     ('2024-06-07', Decimal('18876.11'), Decimal('4476.11'), Decimal('288.11'))]

    A minimum other than the terms give is refused, naming both:

    >>> card_from_statement(card, statement_date=date(2024, 5, 7), balance=18588,
    ...                     minimum="1858.80", interest=588, carried=18000)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: minimum='1858.80' is not valid: the minimum the
    card's terms give, 2388.00 (the statement shows 1858.80)
    """
    if not isinstance(card, Card):
        raise InvalidTypeError("card", card, "a Card")
    day = a_date(statement_date, "statement_date")
    if day.day != card.statement_day:
        raise InvalidTermsError(
            "statement_date", day, f"a statement date (day {card.statement_day})"
        )
    digits = card.digits

    def amount(value: Money, name: str, least: int = 0) -> int:
        return to_minor(value, field=name, digits=digits, minimum=least)

    owed = amount(balance, "balance", 1)
    parts = {
        "interest": amount(interest, "interest"),
        "carried_interest": amount(carried_interest, "carried_interest"),
        "fees": amount(fees, "fees"),
        "cash": amount(cash, "cash"),
    }
    purchases = owed - sum(parts.values())
    major = _major(card)
    if purchases < 0:
        raise InvalidTermsError(
            "balance", balance, f"at least its interest, fees and cash, {major(owed - purchases)}"
        )
    kept = amount(carried, "carried")
    if kept > purchases:
        raise InvalidTermsError("carried", carried, f"at most the purchases, {major(purchases)}")
    if card.grace_needs_previous and kept:
        kept = purchases  # a balance carried: no grace on this cycle's purchases either
    unpaid = amount(past_due, "past_due")
    probe = _Ledger(card)
    terms, over = probe.minimum(
        purchases=purchases,
        cash=parts["cash"],
        fees=parts["fees"],
        interest=parts["interest"],
        past_due=unpaid,
        balance=owed,
    )
    if minimum is not None:
        shown = amount(minimum, "minimum")
        if shown != terms:
            raise InvalidTermsError(
                "minimum",
                minimum,
                f"the minimum the card's terms give, {major(terms)} "
                f"(the statement shows {major(shown)})",
            )
    due = day + timedelta(days=card.due_days)
    if due_date is not None and a_date(due_date, "due_date") != due:
        raise InvalidTermsError(
            "due_date",
            due_date,
            f"the due date the card's terms give, {due} ({card.due_days} days after the "
            f"statement; the statement shows {due_date})",
        )
    postings = _postings(card, transactions)
    for k, (posted, _, _) in enumerate(postings):
        if posted <= day:
            raise InvalidTermsError(
                f"transactions[{k}].date", posted, f"a date after the statement date {day}"
            )
    if until is None:
        end = max([day, *(posted for posted, _, _ in postings)])
    else:
        end = a_date(until, "until")
        if end < day:
            raise InvalidValueError("until", end, f"a date on or after the statement date {day}")
        for k, (posted, _, _) in enumerate(postings):
            if posted > end:
                raise InvalidTermsError(
                    f"transactions[{k}].date", posted, f"a date on or before {end}"
                )
    if (end - day).days > 366 * 100:
        raise InvalidValueError("until", end, "at most a century after the statement date")
    seed = _Seed(
        date=day,
        due=due,
        balance=owed,
        purchases=purchases,
        carried=kept,
        cash=parts["cash"],
        interest=parts["interest"],
        carried_interest=parts["carried_interest"],
        fees=parts["fees"],
        minimum=terms,
        over=over,
    )
    ledger = _replay(card, postings, end, seed=seed)
    return _history(card, ledger, end, postings, seed)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Horizon:
    """How long a balance takes to repay at a payment, and what it costs.

    Attributes
    ----------
    payment : Decimal or None
        The fixed payment each due date (None: the minimum of each statement).
    months : int
        Payments until the balance is repaid (one a month).
    total_paid, total_interest, total_fees : Decimal
    largest_payment : Decimal
        The largest payment made (at the minimum, the minimum rises with the interest
        of a grown balance before it falls).
    last_payment_date : datetime.date
    """

    payment: Decimal | None
    months: int
    total_paid: Decimal
    total_interest: Decimal
    total_fees: Decimal
    largest_payment: Decimal
    last_payment_date: date

    @property
    def years(self) -> Fraction:
        """``months / 12``."""
        return Fraction(self.months, 12)


@exact_decimals
def minimum_payment_horizon(
    card: Card,
    balance: Money,
    *,
    start: date,
    payment: Money | None = None,
) -> Horizon:
    """Repay a balance at the minimum (or a fixed payment) and say how long and how much.

    The balance is on the statement of ``start`` (a statement date), nothing more is
    charged to the card, and each statement's minimum (or ``payment``, or what is
    left if less) is paid on its due date, until nothing is owed. This is the
    disclosure of the US CARD Act (Regulation Z, 12 CFR 1026.7(b)(12)): how long the
    minimum takes, and what a fixed payment saves; here replayed exactly, rather than
    by Appendix M1's estimate.

    Raises
    ------
    NoSolutionError
        If the payments never repay the balance (a minimum below the interest) within
        a hundred years.

    Examples
    --------
    >>> from datetime import date
    >>> us = Card(statement_day=1, due_days=25, annual_rate="0.2199",
    ...           minimum_share="0.01", minimum_floor=25)
    >>> slow = minimum_payment_horizon(us, 3000, start=date(2024, 1, 1))
    >>> fast = minimum_payment_horizon(us, 3000, start=date(2024, 1, 1), payment=115)
    >>> (slow.months, slow.total_paid), (fast.months, fast.total_paid)
    ((182, Decimal('7506.48')), (37, Decimal('4099.25')))
    """
    owed, start = _horizon_inputs(card, balance, start)
    fixed = (
        None
        if payment is None
        else to_minor(payment, field="payment", digits=card.digits, minimum=1)
    )
    return _horizon(card, _run(card, owed, start, fixed), fixed, start)


def _horizon(card: Card, ledger: _Ledger, fixed: int | None, since: date) -> Horizon:
    """Return what the payments after ``since`` paid, and the interest and fees after it."""
    payments = {day: amount for day, amount in _payments(ledger).items() if day > since}
    later = [lot for lot in ledger.lots if lot.posted > since]
    major = _major(card)
    return Horizon(
        payment=None if fixed is None else major(fixed),
        months=len(payments),
        total_paid=major(sum(payments.values())),
        total_interest=major(sum(lot.amount for lot in later if lot.kind == "interest")),
        total_fees=major(sum(lot.amount for lot in later if lot.kind in _FEES)),
        largest_payment=major(max(payments.values())),
        last_payment_date=max(payments),
    )


def _horizon_inputs(card: Card, balance: Money, start: date) -> tuple[int, date]:
    """Check a card, a balance and a statement date to repay it from."""
    if not isinstance(card, Card):
        raise InvalidTypeError("card", card, "a Card")
    start = a_date(start, "start")
    if start.day != card.statement_day:
        raise InvalidValueError("start", start, f"a statement date (day {card.statement_day})")
    return to_minor(balance, field="balance", digits=card.digits, minimum=1), start


def _payments(ledger: _Ledger) -> dict[date, int]:
    """Return each day's payment (what every lot was paid that day)."""
    days: dict[date, int] = {}
    for lot in ledger.lots:
        for when, amount in lot.paid:
            days[when] = days.get(when, 0) + amount
    return days


def _run(
    card: Card,
    owed: int,
    start: date,
    fixed: int | None,
    *,
    history: CardHistory | None = None,
) -> _Ledger:
    """Pay each statement's minimum (or ``fixed``) until nothing is owed.

    From ``owed`` put on the statement of ``start``; or, given a ``history``, from its
    own start (a statement, its postings) paying the statements from its ``until`` on.
    """

    def never() -> NoSolutionError:
        return NoSolutionError(
            "payment" if fixed is not None else "card",
            to_major(fixed, card.digits) if fixed is not None else card,
            "payments that repay the balance within a hundred years (each must pass the "
            "interest it leaves)",
        )

    rises: list[int] = []  # the statements whose balance grew, under a fixed payment

    def payer(made: _Statement) -> int | None:
        if made.balance <= 0:
            return None
        # A fixed payment and a rate that no longer changes: the next balance grows
        # with this one, so a balance that grew twice running grows for good. Stop at
        # once rather than replaying a century of statements.
        settled = card.intro_until is None or made.date > card.intro_until
        if fixed is not None and settled and made.balance > made.previous > 0:
            rises.append(made.balance)
            if len(rises) >= 2:
                raise never()
        else:
            rises.clear()
        return min(made.minimum if fixed is None else fixed, made.balance)

    end = date.max - timedelta(days=400)
    if history is None:
        ledger = _replay(card, [(start, "purchase", owed)], end, payer=payer, start=start)
    else:
        ledger = _replay(
            card,
            history._postings,
            end,
            payer=payer,
            seed=history._seed,
            paying_from=start,
        )
    if ledger.statements[-1].balance > 0:
        raise never()
    return ledger


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class CardInstalment:
    """A card instalment offer (账单分期 / 现金分期) and its true annual rate.

    Attributes
    ----------
    payments : tuple of Decimal
        What is paid each month: the principal's share plus the month's fee (with
        ``fee="upfront"``, the whole fee with the first).
    total_fee : Decimal
    nominal_rate : float
        The monthly IRR of the flows times 12: the annualised rate Chinese lenders
        must show (PBOC 公告〔2021〕第3号).
    effective_rate : float
        ``(1 + monthly IRR)^12 - 1``.
    quoted_rate : Fraction
        The fee rate times 12: the "0.6 % a month is 7.2 % a year" of the offer, about
        half the true rate.
    """

    payments: tuple[Decimal, ...]
    total_fee: Decimal
    nominal_rate: float
    effective_rate: float
    quoted_rate: Fraction
    principal_parts: tuple[Decimal, ...] = field(repr=False)
    fees: tuple[Decimal, ...] = field(repr=False)

    def repaid_early(self, paid: int, *, refund: Rate = 0) -> EarlyRepayment:
        """Repay the plan after ``paid`` instalments, and price what it then cost.

        Parameters
        ----------
        paid : int
            Instalments paid before (0 to the count less one).
        refund : rate, default 0
            The share of the fees not yet due that is waived (refunded, for a fee paid
            upfront). Chinese banks often charge every remaining fee (0); some waive
            them all (1) or charge one more month.

        Notes
        -----
        The payoff, paid with the next instalment's date, is the principal left plus
        the fees not yet due less the refund (less the refund alone, for a fee paid
        upfront). The rate is the IRR of the flows as they were, times 12: paying early
        while every fee is charged raises the true rate.

        Examples
        --------
        >>> offer = card_instalment(10000, 12, "0.006")
        >>> early = offer.repaid_early(3)                  # every remaining fee charged
        >>> early.payoff, early.total_paid, round(early.nominal_rate, 4)
        (Decimal('8040.01'), Decimal('10720.00'), 0.2414)
        >>> fair = offer.repaid_early(3, refund=1)         # the later months' fees waived
        >>> fair.payoff, fair.fees_waived, round(fair.nominal_rate, 4)
        (Decimal('7560.01'), Decimal('480.00'), 0.0822)
        """
        count = len(self.payments)
        paid = whole_number(paid, "paid", 0, count - 1)
        share = parse_rate(refund, field="refund", maximum=Fraction(1))
        left = sum(self.principal_parts[paid:], Decimal(0))
        # the fees of the months after the payoff's, in proportion (exact)
        unearned = Fraction(self.total_fee) * (count - paid - 1) / count
        waived = _cents(unearned * share, self.payments[0])
        # the fees due with the payoff and after it (an upfront fee is due with the first)
        due_fees = sum(self.fees[paid:], Decimal(0))
        payoff = left + due_fees - waived
        flows = [-float(sum(self.principal_parts, Decimal(0)))]
        flows += [float(x) for x in self.payments[:paid]] + [float(payoff)]
        monthly_irr = irr(flows)
        return EarlyRepayment(
            paid=paid,
            payoff=payoff,
            fees_waived=waived,
            total_paid=sum(self.payments[:paid], Decimal(0)) + payoff,
            nominal_rate=monthly_irr * 12,
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class EarlyRepayment:
    """A card instalment plan repaid early (提前还款).

    Attributes
    ----------
    paid : int
        Instalments paid before.
    payoff : Decimal
        Paid with the next instalment: the principal left and the fees charged.
    fees_waived : Decimal
    total_paid : Decimal
    nominal_rate : float
        The IRR of the flows as they were, times 12.
    """

    paid: int
    payoff: Decimal
    fees_waived: Decimal
    total_paid: Decimal
    nominal_rate: float


def _cents(amount: Fraction | Decimal, like: Decimal) -> Decimal:
    """Round an amount half-even to the places of ``like``."""
    exponent = like.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    exact = Fraction(amount)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(places)


@exact_decimals
def card_instalment(
    amount: Money,
    count: int,
    monthly_fee_rate: Rate,
    *,
    fee: str = "spread",
    currency: str | None = None,
) -> CardInstalment:
    """Price a card instalment plan: a fee a month on the original amount.

    Parameters
    ----------
    amount : money
        The amount put on instalments.
    count : int
        Monthly instalments, 1 to 120.
    monthly_fee_rate : rate
        The fee each month as a share of the original amount (``"0.006"``: 0.6 %).
    fee : {"spread", "upfront"}, default "spread"
        The fee paid with each instalment, or all of it with the first.
    currency : str, optional

    Notes
    -----
    Principal ``amount / count`` a month (the last takes the rounding), the fee
    ``rate x amount`` a month (``rate x amount x count`` upfront). The fee is charged
    on the original amount although the balance falls, so the true rate is about
    ``rate x 12 x 2n / (n + 1)``: 13.03 % for 0.6 % over 12 months, not 7.2 %.

    Examples
    --------
    >>> offer = card_instalment(10000, 12, "0.006")
    >>> offer.payments[0], offer.total_fee, round(offer.nominal_rate, 6)
    (Decimal('893.33'), Decimal('720.00'), 0.130342)
    """
    digits = minor_digits(currency)
    principal = to_minor(amount, field="amount", digits=digits, minimum=1)
    count = whole_number(count, "count", 1, 120)
    rate = parse_rate(monthly_fee_rate, field="monthly_fee_rate", maximum=Fraction(1, 10))
    if not isinstance(fee, str) or fee not in ("spread", "upfront"):
        raise InvalidValueError("fee", fee, "'spread' or 'upfront'")
    part = principal // count
    parts = [part] * (count - 1) + [principal - part * (count - 1)]
    exact = rate * principal
    monthly = round_ratio(exact.numerator, exact.denominator, RoundingMode.HALF_EVEN)
    fees = [monthly] * count if fee == "spread" else [monthly * count] + [0] * (count - 1)
    flows = [-principal / 10**digits] + [
        (p + f) / 10**digits for p, f in zip(parts, fees, strict=True)
    ]
    monthly_irr = irr(flows)
    return CardInstalment(
        payments=tuple(to_major(p + f, digits) for p, f in zip(parts, fees, strict=True)),
        total_fee=to_major(sum(fees), digits),
        nominal_rate=monthly_irr * 12,
        effective_rate=float(effective_rate(monthly_irr * 12, 12)),
        quoted_rate=rate * 12,
        principal_parts=tuple(to_major(p, digits) for p in parts),
        fees=tuple(to_major(f, digits) for f in fees),
    )


@exact_decimals
def payment_to_repay(card: Card, balance: Money, *, start: date, months: int = 36) -> Decimal:
    """Return the least fixed payment that repays a balance within ``months`` payments.

    The CARD Act's second disclosure (12 CFR 1026.7(b)(12)(i)(F)): the monthly
    payment that repays the balance in 36 months, here found exactly (the least
    amount in minor units whose :func:`minimum_payment_horizon` takes at most
    ``months`` payments).

    Examples
    --------
    >>> from datetime import date
    >>> us = Card(statement_day=1, due_days=25, annual_rate="0.2199",
    ...           minimum_share="0.01", minimum_floor=25)
    >>> payment_to_repay(us, 3000, start=date(2024, 1, 1))
    Decimal('116.47')
    """
    owed, start = _horizon_inputs(card, balance, start)
    months = whole_number(months, "months", 1, 600)

    def fits(payment: int) -> bool:
        try:
            ledger = _run(card, owed, start, payment)
        except NoSolutionError:
            return False
        return len(_payments(ledger)) <= months

    low, high = max(owed // months, 1), owed
    while not fits(high):  # interest or fees beyond the balance in one payment
        high *= 2
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return to_major(low, card.digits)


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CardCourtView:
    """What the card claims on a date beside what a financial-loan rule allows.

    Attributes
    ----------
    rule : ChinaFinancialLoans
    until : datetime.date
    principal : Decimal
        Principal owed as the card has it (purchases and cash advances).
    charges_claimed : Decimal
        Interest and fees charged up to ``until`` (the open cycle's interest so far
        included), paid or not.
    ceiling : Decimal
        What the rule allows in charges: its annual rate on the principal outstanding
        day by day, rounded down.
    charges_allowed : Decimal
        The charges within the ceiling.
    excess : Decimal
        ``charges_claimed - charges_allowed``: not owed, and what was paid of it repays
        principal instead.
    payoff : Decimal
        What the card claims on ``until``.
    enforceable_payoff : Decimal
        What the rule lets be claimed: the principal left once payments beyond the
        ceiling repay it, and the allowed charges not yet paid.
    source, source_zh : str
        The article that decides the ceiling.
    """

    rule: ChinaFinancialLoans
    until: date
    principal: Decimal
    charges_claimed: Decimal
    ceiling: Decimal
    charges_allowed: Decimal
    excess: Decimal
    payoff: Decimal
    enforceable_payoff: Decimal
    source: str
    source_zh: str

    def _summary(self, lang: Language = Language.EN) -> list[tuple[str, str]]:
        zh = lang is Language.ZH
        return [
            ("as of", format_date(self.until, Language.ZH) if zh else str(self.until)),
            ("principal", f"{self.principal:,}"),
            ("charges claimed", f"{self.charges_claimed:,}"),
            ("allowed (the ceiling)", f"{self.charges_allowed:,} ({self.ceiling:,})"),
            ("excess", f"{self.excess:,}"),
            ("payoff claimed", f"{self.payoff:,}"),
            ("payoff allowed", f"{self.enforceable_payoff:,}"),
            ("article", self.source_zh if zh else self.source),
        ]

    @exact_decimals
    def __repr__(self) -> str:
        return (
            f"CardCourtView({self.rule.name} as of {self.until}: claimed {self.payoff:,}, "
            f"allowed {self.enforceable_payoff:,})"
        )

    @exact_decimals
    def __str__(self) -> str:
        return self.to_text()

    @exact_decimals
    def to_text(self, lang: Language | str | None = None) -> str:
        """Return the view as text, in a language (English by default)."""
        if language(lang) is Language.ZH:
            name = getattr(self.rule, "name_zh", self.rule.name)
            title = translate("card court view under {rule}", Language.ZH, rule=name)
            return summary_text(title, self._summary(Language.ZH), Language.ZH)
        return summary_text(f"CardCourtView under {self.rule.name}", self._summary())

    @exact_decimals
    def _repr_html_(self) -> str:
        lines = [[named(name), value] for name, value in self._summary()]
        return html_table([["", ""], *lines], "CardCourtView")


def _missed(ledger: _Ledger) -> list[_Statement]:
    """Return the closed statements of the last run whose minimum went unpaid, latest first."""
    closed = [made for made in ledger.statements if made.paid_by_due is not None]
    missed = []
    for made in reversed(closed):
        if (made.paid_by_due or 0) >= made.minimum:
            break
        missed.append(made)
    return missed


def _owed(ledger: _Ledger, until: date, *, spare: bool = True) -> dict[str, int]:
    """Return what a card owes on ``until`` by part (minor units).

    The principal (purchases and cash), the interest charged and the fees, each lot's
    part unpaid after the payments of ``until``, and the interest of the open cycle so
    far (to ``until``, exclusive), rounded once: :meth:`CardHistory.account`'s payoff.
    The ledger is left unchanged (``spare``), or, on a copy kept only for its figures,
    its lots' interest counted to ``until`` (their payments and statements unchanged).
    """
    kinds = {"principal": _PRINCIPAL, "interest": ("interest",), "fees": _FEES}
    owed = {
        name: sum(max(lot.unpaid_on(until), 0) for lot in ledger.lots if lot.kind in group)
        for name, group in kinds.items()
    }
    owed["open interest"] = _open_interest(ledger, until, spare=spare)
    return owed


def _payoff(ledger: _Ledger, until: date, *, spare: bool = True) -> int:
    """Return everything a card owes on ``until`` (:func:`_owed`), less its credit, or 0."""
    return max(sum(_owed(ledger, until, spare=spare).values()) - ledger.credit, 0)


def _open_interest(ledger: _Ledger, until: date, *, spare: bool = True) -> int:
    """Return the open cycle's interest known on ``until`` (a copy's, if ``spare``)."""
    shadow = ledger.clone() if spare else ledger
    accrued = shadow.interest_to(until)
    return round_ratio(accrued.numerator, accrued.denominator, ledger.card.rounding)


@exact_decimals
def card_court_view(
    card: Card,
    transactions: Iterable[CardTransaction],
    *,
    until: date,
    rule: ChinaFinancialLoans | None = None,
) -> CardCourtView:
    """Set what a card claims beside what China's financial-loan rule allows.

    Parameters
    ----------
    card : Card
    transactions : iterable of CardTransaction
    until : datetime.date
    rule : ChinaFinancialLoans, optional
        By default ``ChinaFinancialLoans()``: interest, compound interest, penalty,
        liquidated damages and other fees together at most 24 % a year
        (法发〔2017〕22号 item 2).

    Notes
    -----
    The card is replayed twice: as the contract has it, and under the rule, where
    the ceiling grows each day by the rule's rate on the principal outstanding that
    day (exact), and each payment settles charges only within what the ceiling has
    left, the rest repaying principal (charges paid beyond it credited to the debt).

    Examples
    --------
    >>> from datetime import date
    >>> card = Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    >>> moves = [CardTransaction(date(2024, 3, 8), 10000)]
    >>> view = card_court_view(card, moves, until=date(2024, 9, 20))
    >>> view.charges_claimed, view.charges_allowed, view.enforceable_payoff
    (Decimal('1976.95'), Decimal('1288.76'), Decimal('11288.76'))
    """
    rule = _financial_rule(ChinaFinancialLoans() if rule is None else rule)
    postings, until = _history_inputs(card, transactions, until)
    return _court(card, postings, until, rule)[0]


def _financial_rule(rule: object) -> ChinaFinancialLoans:
    """Return ``rule`` if it is the financial-loan rule a card's court view applies."""
    if not isinstance(rule, ChinaFinancialLoans):
        raise InvalidTypeError(
            "rule", rule, "ChinaFinancialLoans(...): a card's charges on its principal"
        )
    return rule


def _court(
    card: Card,
    postings: Sequence[tuple[date, str, int]],
    until: date,
    rule: ChinaFinancialLoans,
    seed: _Seed | None = None,
) -> tuple[CardCourtView, dict[str, int]]:
    """Return the court view, and what it lets be claimed by part (minor units)."""
    claimed = _replay(card, postings, until, seed=seed)
    capped = _replay(card, postings, until, cap=rule.annual_rate, seed=seed)
    capped.measure(until)

    def charges(ledger: _Ledger) -> tuple[int, int]:
        lots = [lot for lot in ledger.lots if lot.kind not in _PRINCIPAL and lot.posted <= until]
        total = sum(lot.amount for lot in lots) + _open_interest(ledger, until)
        unpaid = sum(max(lot.unpaid_on(until), 0) for lot in lots) + _open_interest(ledger, until)
        return total, unpaid

    def principal(ledger: _Ledger) -> int:
        return sum(max(lot.unpaid_on(until), 0) for lot in ledger.lots if lot.kind in _PRINCIPAL)

    claimed_total, claimed_unpaid = charges(claimed)
    capped_total, capped_unpaid = charges(capped)
    ceiling = capped.ceiling.numerator // capped.ceiling.denominator
    allowed = min(capped_total, ceiling)
    still_allowed = max(min(capped_unpaid, allowed - capped.charges_paid), 0)
    major = _major(card)
    limit = rule.limit()
    owed = {  # the credit (paid beyond everything) taken off principal first, then charges
        "principal": principal(capped),
        "fees": min(
            still_allowed,
            sum(
                max(lot.unpaid_on(until), 0)
                for lot in capped.lots
                if lot.kind in _FEES and lot.posted <= until
            ),
        ),
    }
    owed["interest"] = still_allowed - owed["fees"]
    left = capped.credit
    for name in ("principal", "interest", "fees"):
        taken = min(left, owed[name])
        owed[name] -= taken
        left -= taken
    view = CardCourtView(
        rule=rule,
        until=until,
        principal=major(principal(claimed)),
        charges_claimed=major(claimed_total),
        ceiling=major(ceiling),
        charges_allowed=major(allowed),
        excess=major(claimed_total - allowed),
        payoff=major(max(principal(claimed) + claimed_unpaid - claimed.credit, 0)),
        enforceable_payoff=major(max(principal(capped) + still_allowed - capped.credit, 0)),
        source=limit.source,
        source_zh=limit.source_zh,
    )
    return view, owed


# -- a card in the several-debts plan ---------------------------------------------------------


def _debt_state(history: CardHistory) -> AccountState:
    """Return the account a card is as one of several debts (``Debt(creditor, history)``).

    A card in arrears is :meth:`CardHistory.account`. A current card (every minimum
    paid by its due date) is everything it owes on ``until`` (principal, interest
    charged, fees and the open cycle's interest so far, :func:`_owed`) listed as one
    instalment due on its next due date (the latest statement's if still ahead, else
    the next statement's), interest-free to then and not past due, at the card's
    annual rate and under the penalty policy of :meth:`CardHistory.account` if left
    unpaid; against a court's award it is measured by the card's own replay, as
    :meth:`CardHistory.account` is. This state is what the brief and the plan's set-up
    read (its payoff, its rate, a month's delay); it approximates the card's own
    terms, which ask only each statement's minimum and charge the card's interest
    from the due date on. The plan's month loop runs the card on its own ledger
    (:class:`_CardBook`), not on this state.

    Raises
    ------
    InvalidTermsError
        For a card that owes nothing on ``until``.
    """
    ledger = history._ledger
    if _missed(ledger):
        return history.account()
    card = history.card
    until = history.until
    owed = _payoff(ledger, until)
    if not owed:
        raise InvalidTermsError("history", history, "a card that owes something on its date")
    last = ledger.statements[-1] if ledger.statements else None
    if last is not None and last.due > until:
        due = last.due
    else:
        due = card.statement_dates(until, 1)[0] + timedelta(days=card.due_days)
    statement = Statement(
        as_of=until,
        outstanding_principal=to_major(owed, card.digits),
        annual_rate=decimal_of(card.annual_rate),
        installments=[(due, to_major(owed, card.digits), Decimal(0))],
        period_start=until,
        currency=card.currency,
        rounding=card.rounding,
    )
    return _card_account(history, statement)


def _card_account(history: CardHistory, statement: Statement) -> AccountState:
    """Return a card's statement as an account: the card's terms for what follows.

    Interest at the card's annual rate on what is left unpaid (a penalty policy on
    the instalment, its monthly compounding aside), payments settling fees, then
    interest, then principal, and a court's award measured on the card's own replay.
    """
    card = history.card
    policy = PenaltyPolicy(
        annual_rate=decimal_of(card.annual_rate),
        base="installment",
        day_count=f"act/{card.year_days}",
    )
    order = Allocation(("fees", "interest", "penalty", "principal"))
    state = account_state(statement, as_of=history.until, penalty=policy, allocation=order)
    return dataclasses.replace(state, court_payoff=history._court_payoff)


class _CardBook:
    """A card kept open for the several-debts plan: its own ledger, driven by payments.

    The plan asks what the card owes on a day, what falls due in a month and what is
    overdue, and pays it; each answer comes from the card's postings (or its statement,
    :func:`card_from_statement`) and the plan's payments replayed to that day by
    :class:`_Run` (:func:`_replay`'s loop), so the card's minimum, interest, late fee
    and payment order are the card's terms and nothing else. The replay is kept to the
    day before the last day asked and carried on from there (a copy of it replays the
    day itself, its payments included), so a month costs one day's replay rather
    than the card's whole history; the ledger of the last (day, payments) asked is
    kept.
    """

    def __init__(self, history: CardHistory) -> None:
        self.card = history.card
        self.postings = tuple(history._postings)
        self.seed = history._seed
        self.first = min((day for day, _, _ in self.postings), default=history.until)
        self.run = _Run(self.card, self.postings, self.first, seed=self.seed)
        self.payments: list[tuple[date, str, int]] = []
        self.kept: tuple[date, int, _Ledger, int] | None = None  # day, payments, ledger, owed

    def _ledger(self, day: date) -> tuple[_Ledger, int]:
        """Return the ledger replayed to ``day`` with the plan's payments, and the payoff."""
        kept = self.kept
        if kept is not None and kept[0] == day and kept[1] == len(self.payments):
            return kept[2], kept[3]
        before = day - timedelta(days=1)
        if self.run.reached is not None and before < self.run.reached:  # asked back: afresh
            run = _Run(self.card, [*self.postings, *self.payments], self.first, seed=self.seed)
        else:
            self.run.to(before)
            run = self.run.fork()
        run.to(day)
        ledger = run.ledger  # a copy of its own: its interest may be counted to the day
        owed = _payoff(ledger, day, spare=False)
        self.kept = (day, len(self.payments), ledger, owed)
        return ledger, owed

    def payoff(self, day: date) -> int:
        """Return everything owed to close the card on ``day`` (after its payments)."""
        return self._ledger(day)[1]

    def pay(self, day: date, amount: int) -> None:
        """Pay ``amount`` on ``day`` (the last day asked, or later)."""
        self.payments.append((day, "payment", amount))
        self.run.add(day, "payment", amount)

    def _paid(self, after: date, until: date) -> int:
        """Return the payments made in ``(after, until]`` (the history's and the plan's)."""
        return sum(
            amount
            for day, kind, amount in (*self.postings, *self.payments)
            if kind == "payment" and after < day <= until
        )

    def due(self, after: date, until: date) -> int:
        """Return the minimum to pay on ``until``, the plan's payment day after ``after``.

        The latest statement made by ``until`` whose due date is after ``after``: its
        minimum (which holds any earlier minimum left unpaid, :class:`Card`) less the
        payments made since its date. A statement made before the payment day and due
        after it is paid on that day, before its due date, as a cardholder pays on
        receiving it (paying only what fell due in the month would pay each minimum
        after its due date, and a late fee every month).
        """
        ledger, _ = self._ledger(until)
        falling = [made for made in ledger.statements if made.date <= until and made.due > after]
        if not falling:
            return 0
        made = falling[-1]
        return max(made.minimum - self._paid(made.date, until), 0)

    def overdue(self, day: date) -> int:
        """Return what is overdue on ``day``: the unpaid minimum due by then, and late fees.

        The latest statement due on or before ``day``: its minimum less the payments
        since its date, and the late fees posted after its date still unpaid.
        """
        ledger, _ = self._ledger(day)
        closed = [made for made in ledger.statements if made.due <= day]
        if not closed:
            return 0
        made = closed[-1]
        late = sum(
            max(lot.unpaid_on(day), 0)
            for lot in ledger.lots
            if lot.kind == "late fee" and lot.posted > made.date
        )
        return max(made.minimum - self._paid(made.date, day), 0) + late

    def scheduled(self, after: date, until: date) -> int:
        """Return the minimum the card's terms set for a due date in ``(after, until]``.

        The latest such statement's minimum as it was set, without the part an earlier
        minimum left unpaid carried into it (what :meth:`overdue` counts), nothing more
        paid in between.
        """
        ledger, _ = self._ledger(until)
        made = [(k, s) for k, s in enumerate(ledger.statements) if after < s.due <= until]
        if not made:
            return 0
        k, statement = made[-1]
        carried = 0
        if k:
            last = ledger.statements[k - 1]
            carried = max(last.minimum - (last.paid_by_due or 0), 0)
        return max(statement.minimum - carried, 0)
