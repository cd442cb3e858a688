"""The replay engine: a loan's ledger walked through its due dates and payments.

:class:`Book` holds one replay in integer minor units — what each instalment owes and
has paid by component, charges accrued exactly and posted rounded, the caps' ceilings
— and :func:`replay` drives it from the loan's start to a date.
:func:`loanrelief.account_state` wraps it and reports an
:class:`~loanrelief.account.AccountState`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import final

from loanrelief.allocation import Across, Allocation, Component
from loanrelief.dates import shift_months
from loanrelief.daycount import year_fraction
from loanrelief.money import round_ratio, to_major
from loanrelief.penalty import AnnualRateCap, GraceFrom, PenaltyBase, PenaltyPolicy
from loanrelief.schedule import Schedule

__all__ = ["Book", "LedgerEntry", "replay"]

# The kinds of charge for lateness, latest removed first when a cap binds.
_LATE_KINDS = ("late_fee", "compound", "penalty", "default_interest")
_KIND_COMPONENT = {
    "late_fee": Component.FEES,
    "compound": Component.PENALTY,
    "penalty": Component.PENALTY,
    "default_interest": Component.INTEREST,
}


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerEntry:
    """One movement on the account.

    Attributes
    ----------
    date : datetime.date
    installment : int
        The instalment it belongs to (1 for the first); 0 for a credit to the borrower.
    component : str
        ``"fees"``, ``"penalty"``, ``"interest"``, ``"principal"`` or ``"credit"``.
    amount : Decimal
        Positive.
    kind : str
        ``"payment"`` (part of a payment placed here), ``"charge"`` (a charge posted:
        see ``detail``), ``"capped"`` (a charge removed by a cap) or ``"waived"``
        (future interest cancelled by an early payoff).
    detail : str
        For charges: ``"penalty"``, ``"compound"``, ``"default_interest"`` or
        ``"late_fee"``; for payments: ``"due"`` or ``"prepaid"``.

    Examples
    --------
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          [lr.Payment(date(2024, 2, 1), 100)], as_of=date(2024, 2, 1))
    >>> [(e.installment, e.component, e.amount, e.kind) for e in state.ledger]
    [(1, 'principal', Decimal('100.00'), 'payment')]
    """

    date: date
    installment: int
    component: str
    amount: Decimal
    kind: str
    detail: str = ""


class Book:
    """The mutable ledger of one replay, in integer minor units."""

    def __init__(
        self,
        schedule: Schedule,
        policy: PenaltyPolicy,
        allocation: Allocation,
    ) -> None:
        loan = schedule.loan
        columns = schedule.minor_columns
        self.loan = loan
        self.policy = policy
        self.allocation = allocation
        self.digits = loan.digits
        self.due: list[date] = schedule.due_dates.astype(object).tolist()
        count = len(self.due)
        self.scheduled_interest: list[int] = columns["interest"].tolist()
        self.owed: list[dict[Component, int]] = [
            {
                Component.PRINCIPAL: int(p),
                Component.INTEREST: int(i),
                Component.FEES: int(f),
                Component.PENALTY: 0,
            }
            for p, i, f in zip(
                columns["principal"], columns["interest"], columns["fee"], strict=True
            )
        ]
        self.paid: list[dict[Component, int]] = [dict.fromkeys(Component, 0) for _ in range(count)]
        self.charged: list[dict[str, int]] = [dict.fromkeys(_LATE_KINDS, 0) for _ in range(count)]
        self.pending: list[dict[str, Fraction]] = [
            dict.fromkeys(_LATE_KINDS, Fraction(0)) for _ in range(count)
        ]
        self.grace_pending: list[dict[str, Fraction]] = [
            dict.fromkeys(_LATE_KINDS, Fraction(0)) for _ in range(count)
        ]
        self.missed = [False] * count
        self.next_fee: list[date | None] = [None] * count
        self.fee_count = [0] * count
        self.penalty_rate = policy.penalty_rate(loan.rate)
        self.ledger: list[LedgerEntry] = []
        self.capped = 0
        self.credit = 0
        self.principal_paid = 0
        self.integral = [Fraction(0)] * len(policy.cap)  # principal x years, per cap
        self.settled_on: date | None = None

    # -- amounts --------------------------------------------------------------------
    def unpaid(self, i: int, component: Component) -> int:
        """Return what instalment ``i`` still owes on ``component``."""
        return self.owed[i][component] - self.paid[i][component]

    def contract_unpaid(self, i: int) -> tuple[int, int]:
        """Unpaid principal and unpaid contract interest of an instalment.

        Charges for lateness (default interest included) are left out: they never earn
        further charges, so how often they are posted cannot change what accrues.
        """
        principal = self.unpaid(i, Component.PRINCIPAL)
        interest = self.scheduled_interest[i] - self.paid[i][Component.INTEREST]
        return principal, max(interest, 0)

    def major(self, minor: int) -> Decimal:
        """Return minor units as major units of the loan's currency."""
        return to_major(minor, self.digits)

    def record(
        self, day: date, i: int, component: str, amount: int, *, kind: str, detail: str
    ) -> None:
        """Add a ledger entry (instalment ``i``; -1 for a credit to the borrower)."""
        if amount:
            self.ledger.append(
                LedgerEntry(
                    date=day,
                    installment=i + 1 if i >= 0 else 0,
                    component=component,
                    amount=self.major(amount),
                    kind=kind,
                    detail=detail,
                )
            )

    # -- accrual --------------------------------------------------------------------
    def accrue(self, start: date, end: date) -> None:
        """Accrue exact charges for lateness, and the caps' ceilings, over [start, end)."""
        if end <= start:
            return
        outstanding = self.loan.principal_minor - self.principal_paid
        for k, cap in enumerate(self.policy.cap):
            if isinstance(cap, AnnualRateCap):
                self.integral[k] += outstanding * year_fraction(start, end, cap.day_count)
        policy = self.policy
        if not (self.penalty_rate or policy.interest_continues):
            return
        years = year_fraction(start, end, policy.day_count)
        for i, due in enumerate(self.due):
            if due > start:
                break
            principal, interest = self.contract_unpaid(i)
            if principal <= 0 and interest <= 0:
                continue
            in_grace = start < due + timedelta(days=policy.grace_days) and not self.missed[i]
            if in_grace and policy.grace_from is GraceFrom.GRACE_END:
                continue
            target = self.grace_pending[i] if in_grace else self.pending[i]
            base = principal + (interest if policy.base is PenaltyBase.INSTALLMENT else 0)
            target["penalty"] += self.penalty_rate * base * years
            if policy.compound and policy.base is PenaltyBase.PRINCIPAL:
                target["compound"] += self.penalty_rate * interest * years
            if policy.interest_continues:
                target["default_interest"] += self.loan.rate * principal * years

    def post(self, day: date) -> None:
        """Round and post every charge accrued since the last posting, then apply caps."""
        mode = self.policy.rounding
        for i, pending in enumerate(self.pending):
            for kind, exact in pending.items():
                if exact:
                    amount = round_ratio(exact.numerator, exact.denominator, mode)
                    pending[kind] = Fraction(0)
                    if amount:
                        self.charge(day, i, kind, amount)
        self.apply_caps(day)

    def charge(self, day: date, i: int, kind: str, amount: int) -> None:
        """Post a charge for lateness on instalment ``i``."""
        self.owed[i][_KIND_COMPONENT[kind]] += amount
        self.charged[i][kind] += amount
        self.record(day, i, _KIND_COMPONENT[kind].value, amount, kind="charge", detail=kind)

    def apply_caps(self, day: date) -> None:
        """Remove unpaid charges for lateness, newest first, until every cap holds."""
        if not self.policy.cap:
            return
        contract = sum(
            interest
            for interest, due in zip(self.scheduled_interest, self.due, strict=True)
            if due <= day
        )
        late = sum(sum(charges.values()) for charges in self.charged)
        allowed = None
        for k, cap in enumerate(self.policy.cap):
            if isinstance(cap, AnnualRateCap):
                ceiling = cap.annual_rate * self.integral[k]
            else:
                ceiling = cap.share * self.loan.principal_minor
            limit = ceiling.numerator // ceiling.denominator - contract
            allowed = limit if allowed is None else min(allowed, limit)
        assert allowed is not None
        excess = late - max(allowed, 0)
        for i in range(len(self.due) - 1, -1, -1):
            if excess <= 0:
                break
            for kind in _LATE_KINDS:
                component = _KIND_COMPONENT[kind]
                removable = min(self.charged[i][kind], max(self.unpaid(i, component), 0), excess)
                if removable > 0:
                    self.charged[i][kind] -= removable
                    self.owed[i][component] -= removable
                    self.capped += removable
                    excess -= removable
                    self.record(day, i, component.value, removable, kind="capped", detail=kind)

    # -- lateness -------------------------------------------------------------------
    def check_grace(self, day: date) -> None:
        """On the first day after its grace: mark an unpaid instalment missed, charge the fee."""
        policy = self.policy
        for i, due in enumerate(self.due):
            if self.missed[i] or due + timedelta(days=policy.grace_days + 1) != day:
                continue
            if sum(self.contract_unpaid(i)) <= 0:
                self.grace_pending[i] = dict.fromkeys(_LATE_KINDS, Fraction(0))
                continue
            self.missed[i] = True
            if policy.grace_from is GraceFrom.DUE_DATE:
                for kind, exact in self.grace_pending[i].items():
                    self.pending[i][kind] += exact
            self.grace_pending[i] = dict.fromkeys(_LATE_KINDS, Fraction(0))
            self.late_fee(day, i)

    def late_fee(self, day: date, i: int) -> None:
        """Charge instalment ``i``'s late fee and schedule the next, if fees repeat."""
        overdue = sum(self.contract_unpaid(i))
        if overdue <= 0:
            return
        fee = self.policy.late_fee_amount(overdue, self.digits)
        if fee:
            self.post(day)  # post accrued penalty first, so the cap sees it in order
            self.charge(day, i, "late_fee", fee)
            self.apply_caps(day)
        self.fee_count[i] += 1
        policy = self.policy
        first = self.due[i] + timedelta(days=policy.grace_days + 1)
        if policy.late_fee_every_days:
            self.next_fee[i] = first + timedelta(
                days=policy.late_fee_every_days * self.fee_count[i]
            )
        elif policy.late_fee_every_months:
            self.next_fee[i] = shift_months(
                first, policy.late_fee_every_months * self.fee_count[i]
            )

    def repeat_fees(self, day: date) -> None:
        """Charge the repeated late fees that fall due on ``day``."""
        for i, when in enumerate(self.next_fee):
            if when == day:
                self.next_fee[i] = None
                self.late_fee(day, i)

    # -- payments -------------------------------------------------------------------
    def pay(self, day: date, amount: int) -> None:
        """Place a payment: due amounts by the allocation, then future principal, then credit."""
        due = [i for i, when in enumerate(self.due) if when <= day]
        order = self.allocation.order
        if self.allocation.across is Across.INSTALLMENT:
            slots = [(i, c) for i in due for c in order]
        else:
            slots = [(i, c) for c in order for i in due]
        for i, component in slots:
            amount = self.settle(day, i, component, amount, "due")
            if not amount:
                return
        for i, when in enumerate(self.due):  # prepay the next instalments' principal
            if when > day:
                amount = self.settle(day, i, Component.PRINCIPAL, amount, "prepaid")
                if not amount:
                    break
        if self.principal_paid == self.loan.principal_minor and self.settled_on is None:
            amount = self.close(day, amount)
        if amount:
            self.credit += amount
            self.record(day, -1, "credit", amount, kind="payment", detail="credit")

    def settle(self, day: date, i: int, component: Component, amount: int, detail: str) -> int:
        """Pay what ``amount`` can of instalment ``i``'s ``component``; return the rest."""
        share = min(amount, max(self.unpaid(i, component), 0))
        if share:
            self.paid[i][component] += share
            if component is Component.PRINCIPAL:
                self.principal_paid += share
            self.record(day, i, component.value, share, kind="payment", detail=detail)
        return amount - share

    def close(self, day: date, amount: int) -> int:
        """All principal is repaid early: interest stops at ``day``."""
        self.settled_on = day
        current = self.current_period(day)
        if current is None:
            return amount
        accrued = self.accrued_interest(day)
        for i in range(current, len(self.due)):
            keep = accrued if i == current else 0
            cancel = self.owed[i][Component.INTEREST] - max(keep, self.paid[i][Component.INTEREST])
            if cancel > 0:
                self.owed[i][Component.INTEREST] -= cancel
                self.record(
                    day, i, Component.INTEREST.value, cancel, kind="waived", detail="early payoff"
                )
        return self.settle(day, current, Component.INTEREST, amount, "due")

    def current_period(self, day: date) -> int | None:
        """Return the index of the first instalment due after ``day``, if any."""
        for i, when in enumerate(self.due):
            if when > day:
                return i
        return None

    def accrued_interest(self, day: date) -> int:
        """Contract interest of the current period up to ``day``, by days elapsed."""
        current = self.current_period(day)
        if current is None:
            return 0
        begin = self.loan.start if current == 0 else self.due[current - 1]
        length = (self.due[current] - begin).days
        elapsed = max((day - begin).days, 0)
        exact = Fraction(self.scheduled_interest[current] * elapsed, length)
        return round_ratio(exact.numerator, exact.denominator, self.loan.rounding)


def replay(book: Book, payments: list[tuple[date, int]], post_on: set[date], as_of: date) -> Book:
    """Drive ``book`` from the loan's start to ``as_of`` (see :func:`loanrelief.account_state`)."""
    policy = book.policy
    grace = timedelta(days=policy.grace_days)
    stops = {as_of, *post_on, *(day for day, _ in payments)}
    stops.update(due for due in book.due if due <= as_of)
    missed_on = grace + timedelta(days=1)  # the first day after the grace days
    stops.update(due + missed_on for due in book.due if due + missed_on <= as_of)
    stops.update(due + grace for due in book.due if due + grace <= as_of)  # grace ends
    by_date: dict[date, list[int]] = {}
    for day, amount in payments:
        by_date.setdefault(day, []).append(amount)
    last = book.loan.start
    pending_stops = sorted(stops)
    index = 0
    while index < len(pending_stops):
        day = pending_stops[index]
        # Repeating late fees may fall before the next stop: take the earliest first.
        upcoming = [when for when in book.next_fee if when is not None and last < when < day]
        if upcoming:
            day = min(upcoming)
        else:
            index += 1
        book.accrue(last, day)
        last = day
        book.check_grace(day)  # at the start of the day: payments of the day come after
        book.repeat_fees(day)
        if day in by_date:
            book.post(day)
            for amount in by_date.pop(day):
                book.pay(day, amount)
        if day in post_on:
            book.post(day)
    book.post(as_of)
    return book
