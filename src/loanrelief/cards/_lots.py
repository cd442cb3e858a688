"""A card's lots: each amount on the card, what kind it is, and what paid it.

:class:`LotKind` is what an amount on a card is, told as the charge a legal rule
limits it as and the component a payment order places it as; :class:`_Lot` is one
amount with its payments, which the card ledger (:mod:`loanrelief.cards._ledger`)
charges interest on by day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from loanrelief._foundations.validate import Choice
from loanrelief._ledger.allocation import Component
from loanrelief.cards._terms import TransactionKind
from loanrelief.law._rules import Charge

__all__ = ["LotKind"]


class LotKind(Choice):
    """What an amount on a card is: principal, a charge of interest, or a fee.

    Each kind is the :class:`~loanrelief.law.Charge` a legal rule limits it as
    (:attr:`charge`): a card's interest on its principal while it is current is the
    term's contract interest, on the days a minimum is past due default interest,
    and interest on interest or fees compound interest (a ledger under a rule that
    measures them apart keeps them apart); its late fee is a late fee, and its other
    fees (an annual fee, a cash-advance fee) the term's other fees.

    Each is also the :class:`~loanrelief.Component` a payment order places it as
    (:attr:`component`): principal, fees, or interest of every kind (the card's
    interest, 利息, however a rule measures it).

    Examples
    --------
    >>> LotKind("late_fee").charge
    <Charge.LATE_FEE: 'late_fee'>
    >>> LotKind("compound_interest").component
    <Component.INTEREST: 'interest'>
    """

    PURCHASE = "purchase"
    CASH = "cash"
    FEE = "fee"
    LATE_FEE = "late_fee"
    CASH_FEE = "cash_fee"
    INTEREST = "interest"
    DEFAULT_INTEREST = "default_interest"
    COMPOUND_INTEREST = "compound_interest"

    @property
    def charge(self) -> Charge | None:
        """The charge a rule limits this kind as (``None`` for principal)."""
        return _CHARGES.get(self)

    @property
    def component(self) -> Component:
        """The component a payment order places this kind as."""
        return _COMPONENTS[self]


_CHARGES = {
    LotKind.FEE: Charge.INSTALMENT_FEE,
    LotKind.CASH_FEE: Charge.INSTALMENT_FEE,
    LotKind.LATE_FEE: Charge.LATE_FEE,
    LotKind.INTEREST: Charge.CONTRACT_INTEREST,
    LotKind.DEFAULT_INTEREST: Charge.DEFAULT_INTEREST,
    LotKind.COMPOUND_INTEREST: Charge.COMPOUND,
}
# The lot a transaction posts (a payment posts none: it pays lots)
_LOTS = {
    TransactionKind.PURCHASE: LotKind.PURCHASE,
    TransactionKind.CASH: LotKind.CASH,
    TransactionKind.FEE: LotKind.FEE,
}
# Lots paid first, never bearing interest in China
_FEES = (LotKind.FEE, LotKind.LATE_FEE, LotKind.CASH_FEE)
_PRINCIPAL = (LotKind.PURCHASE, LotKind.CASH)
_INTEREST = (LotKind.INTEREST, LotKind.DEFAULT_INTEREST, LotKind.COMPOUND_INTEREST)
_COMPONENTS = {
    **dict.fromkeys(_FEES, Component.FEES),
    **dict.fromkeys(_INTEREST, Component.INTEREST),
    **dict.fromkeys(_PRINCIPAL, Component.PRINCIPAL),
}


@dataclass
class _Lot:
    """One amount on the card: a posting, its payments, and how far interest is charged."""

    kind: LotKind
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


def _owed_days(lot: _Lot, start: date, end: date) -> int:
    """Return the sum over days in [start, end) of what the lot owes each day."""
    inside = lot.days[bisect_right(lot.days, start) : bisect_left(lot.days, end)]
    cuts = sorted(set(inside))  # the payment days strictly inside
    return sum(
        max(lot.unpaid_on(begin), 0) * (stop - begin).days
        for begin, stop in pairwise([start, *cuts, end])
    )
