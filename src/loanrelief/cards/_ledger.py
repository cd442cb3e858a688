"""The card ledger: a card's lots, statements, grace and interest, replayed by day.

:class:`_Ledger` keeps every amount on the card as a lot with its payments;
:class:`_Run` replays postings, payments, due dates and statements to a day and can
be carried on. Amounts are integer minor units, interest exact fractions rounded once
on each statement.
"""

from __future__ import annotations

import copy
import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.money import (
    minor_of,
    round_ratio,
)
from loanrelief.cards._terms import Card, InterestRule, MinimumRule, PaymentOrder, PeriodicRate

_Date = date  # the class, for fields that are themselves called "date"
_MOST_STATEMENTS = 1200  # a hundred years of monthly statements


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
