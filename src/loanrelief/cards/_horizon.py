"""Paying a card down: the minimum-payment horizon, the payment that repays it, instalments.

:func:`minimum_payment_horizon` (Regulation Z, 12 CFR 1026.7(b)(12)),
:func:`payment_to_repay` and :func:`card_instalment` (账单分期, its true annual
rate, :meth:`CardInstalment.repaid_early`), each on the card's own ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, final

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.errors import (
    InvalidTypeError,
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import (
    Money,
    Rate,
    RoundingMode,
    exact_decimals,
    parse_rate,
    portion,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr, result_repr_of
from loanrelief._foundations.validate import (
    a_date,
    whole_number,
)
from loanrelief._loans.cashflows import effective_rate, irr
from loanrelief.cards._ledger import _Ledger, _replay, _Statement
from loanrelief.cards._lots import _FEES, _INTEREST
from loanrelief.cards._terms import Card, TransactionKind, _major

if TYPE_CHECKING:
    from loanrelief.cards._cards import CardHistory

_Date = date  # the class, for fields that are themselves called "date"


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

    __repr__ = result_repr_of("payment", "months", "total_paid")


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
        total_interest=major(sum(lot.amount for lot in later if lot.kind in _INTEREST)),
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
        ledger = _replay(
            card, [(start, TransactionKind.PURCHASE, owed)], end, payer=payer, start=start
        )
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

    def __repr__(self) -> str:
        return result_repr(
            self, "total_fee", "nominal_rate", "effective_rate", count=len(self.payments)
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

    __repr__ = result_repr_of("paid", "payoff", "total_paid")


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
    monthly = portion(principal, rate, None, RoundingMode.HALF_EVEN)
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
