"""The card ledger: a card's lots, statements, grace and interest, replayed by day.

:class:`_Ledger` keeps every amount on the card as a lot with its payments;
:class:`_Run` replays postings, payments, due dates and statements to a day and can
be carried on. Amounts are integer minor units, interest exact fractions rounded once
on each statement.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from itertools import pairwise

from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.money import (
    RoundingMode,
    minor_of,
    portion,
    round_ratio,
)
from loanrelief._ledger.allocation import payment_passes
from loanrelief._loans.terms import Loan
from loanrelief.cards._lots import (
    _FEES,
    _INTEREST,
    _LOTS,
    _PRINCIPAL,
    LotKind,
    _Lot,
    _owed_days,
)
from loanrelief.cards._terms import (
    Card,
    InterestRule,
    MinimumRule,
    PeriodicRate,
    Posting,
    TransactionKind,
)
from loanrelief.law._rules import Charge, Limit, Meter

_Date = date  # the class, for fields that are themselves called "date"
_MOST_STATEMENTS = 1200  # a hundred years of monthly statements


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


class _Ledger:
    """The mutable replay of one card, in minor units."""

    def __init__(
        self, card: Card, limits: Sequence[Limit] = (), start: date | None = None
    ) -> None:
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
        # Under a legal rule: each of its limits measured by a law.Meter from the card's
        # principal day by day (in use while the card is current, overdue while a
        # minimum is past due), as a loan's; payments settle the charges of a limit only
        # within its room, the rest goes to principal (credited to the debt).
        loan = _as_loan(card, start or date.min)
        self.meters = [Meter(limit, loan, received=0) for limit in limits]
        self.granted = [Fraction(0)] * len(self.meters)  # charges a statement shows as allowed
        self.paid_within = [0] * len(self.meters)  # charges paid within each limit
        self.held: list[tuple[date, int]] = []  # payments the rule kept off charges
        self.measured_from: date | None = None
        # Interest kept apart by kind where the limits measure its kinds apart.
        self.split = len({_limit_of(self.meters, kind.charge) for kind in _INTEREST}) > 1
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
        twin.meters = [copy.copy(meter) for meter in self.meters]
        twin.granted, twin.paid_within = list(self.granted), list(self.paid_within)
        twin.held = list(self.held)
        return twin

    def measure(self, day: date) -> None:
        """Advance every limit's meter to ``day`` on the principal owed each day.

        The principal is in use in the term while the card is current and overdue
        while a minimum is past due (:meth:`past_due`), so a rule measured per due date
        grows its two ceilings apart, and one measured together grows one.
        """
        if not self.meters:
            return
        start = self.measured_from
        if start is None or day <= start:
            self.measured_from = start or day
            return
        principal = sum(
            max(lot.unpaid_on(start), 0)
            for lot in self.lots
            if lot.kind in _PRINCIPAL and lot.posted <= start
        )
        for begin, end, late in self.stretches(start, day):
            years = Fraction((end - begin).days, 365)
            in_term = [] if late else [(principal, years)]
            for meter in self.meters:
                meter.advance(begin, end, in_term=in_term, scheduled=[], overdue=late * principal)
        self.measured_from = day

    def past_due(self, day: date) -> bool:
        """Whether a minimum is past due on ``day``: the last due date before it missed."""
        for made in reversed(self.statements):
            if made.paid_by_due is not None and made.due < day:
                return made.paid_by_due < made.minimum
        return False

    def stretches(self, start: date, end: date) -> list[tuple[date, date, bool]]:
        """Return ``[start, end)`` cut where the card falls past due or is current again."""
        cuts = sorted(
            {
                made.due + timedelta(days=1)
                for made in self.statements
                if made.paid_by_due is not None and start < made.due + timedelta(days=1) < end
            }
        )
        return [(a, b, self.past_due(a)) for a, b in pairwise([start, *cuts, end])]

    def rooms(self) -> list[int]:
        """Return what charges each limit may still have paid (its ceiling less those paid)."""
        rooms = []
        for k, meter in enumerate(self.meters):
            exact = meter.exact(self.measured_from or date.min, ahead=()) + self.granted[k]
            rooms.append(max(exact.numerator // exact.denominator - self.paid_within[k], 0))
        return rooms

    def ceilings(self) -> list[int]:
        """Return each limit's ceiling so far, rounded down (what a court allows)."""
        return [room + paid for room, paid in zip(self.rooms(), self.paid_within, strict=True)]

    def start_from(self, seed: _Seed) -> None:
        """Set the ledger as it stands just after a statement: its lots and the statement.

        Every amount is posted on the statement's date, on that statement, its
        interest counted from that date on (the day after, where the card counts the
        statement date on its statement: the statement's own interest charged it to
        then), the older parts first (the carried interest and purchases, then the
        cash, then this cycle's purchases); the carried parts bear interest whatever
        is paid. Under a rule the statement's interest and fees count as charges already
        allowed (a statement does not say how they arose).
        """
        day = seed.date
        parts = (  # oldest first, the order a payment reaches lots of one kind
            (LotKind.FEE, seed.fees, False),
            (LotKind.INTEREST, seed.carried_interest, True),
            (LotKind.INTEREST, seed.interest, False),
            (LotKind.PURCHASE, seed.carried, True),
            (LotKind.CASH, seed.cash, False),
            (LotKind.PURCHASE, seed.purchases - seed.carried, False),
        )
        # charged to the statement date, or through it where the card counts that day
        charged = day + timedelta(days=1) if self.card.statement_date_counted else day
        for kind, amount, carried in parts:
            if amount:
                lot = _Lot(kind, day, amount, statement=0, charged_from=charged, carried=carried)
                self.lots.append(lot)
                self.live.append(lot)
        if self.meters:
            for kind, amount in ((LotKind.INTEREST, seed.interest), (LotKind.FEE, seed.fees)):
                k = _limit_of(self.meters, kind.charge)
                if k is not None:
                    self.granted[k] += amount
            for meter in self.meters:
                meter.received = seed.purchases + seed.cash
            self.measured_from = day
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
            minimum = portion(max(balance, 0), card.minimum_share, None, card.rounding)
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
    def post(self, kind: LotKind, day: date, amount: int) -> None:
        """Post an amount on ``day`` as a new lot (a cash advance with its fee)."""
        self.measure(day)
        lot = _Lot(kind, day, amount, charged_from=day)
        self.lots.append(lot)
        self.live.append(lot)
        self.charged_since += amount
        if kind in _PRINCIPAL:
            for meter in self.meters:  # the amount received, a share limit's base
                meter.received += amount
        if self.credit and (kind in _PRINCIPAL or not self.meters):
            used = min(self.credit, amount)
            lot.pay(day, used)
            self.credit -= used
        if kind is LotKind.CASH:
            card = self.card
            fee = max(portion(amount, card.cash_fee_share, None, card.rounding),
                      minor_of(card.cash_fee_min, card.digits))  # fmt: skip
            if fee:
                self.post(LotKind.CASH_FEE, day, fee)

    def pay(self, day: date, amount: int) -> None:
        """Place a payment by the card's allocation (:attr:`PaymentOrder.allocation`).

        Under ``Across.HIGHEST_RATE``, up to what is left of the last statement's
        minimum by the order, the lowest rate first, and beyond it the highest-rate
        principal first (12 CFR 1026.53(a); :func:`~loanrelief._ledger.allocation.payment_passes`).
        """
        minimum_left = None
        if self.statements:
            minimum_left = self.statements[-1].minimum - self.paid_since
        self.paid_since += amount
        self.measure(day)
        lots = self.live
        slots = [(lot.posted.toordinal(), lot.kind.component, self.rate(lot, day)) for lot in lots]
        allocation = self.card.payment_order.allocation
        for budget, order in payment_passes(allocation, slots, amount, minimum_left):
            self.settle(day, budget, [lots[k] for k in order])

    def settle(self, day: date, amount: int, lots: list[_Lot]) -> None:
        """Pay ``amount`` on the lots in order (charges within the legal room); credit the rest."""
        if amount <= 0:
            return
        rooms = self.rooms() if self.meters else []
        for lot in lots:
            share = min(amount, lot.remaining)
            k = _limit_of(self.meters, lot.kind.charge)
            if k is not None:
                share = max(min(share, rooms[k]), 0)
                rooms[k] -= share
                self.paid_within[k] += share
            if share > 0:
                lot.pay(day, share)
                amount -= share
            if not amount:
                return
        self.credit += amount  # 溢缴款: held for the cardholder, used by later postings
        if self.meters:  # held back from charges by the rule: still paid by the cardholder
            self.held.append((day, amount))

    # -- due dates and statements ------------------------------------------------------
    def close_due(self, index: int) -> None:
        """Close a statement's due date: paid in full, at the minimum, or late (a fee)."""
        statement = self.statements[index]
        paid = sum(lot.paid_to(statement.due) - lot.paid_to(statement.date) for lot in self.live)
        # Under a rule, what it kept off charges counts as paid too: the card's terms
        # (its grace, its late fee) go by what the cardholder paid, not by what the
        # rule re-applies, as the contract's own replay does.
        paid += sum(amount for day, amount in self.held if statement.date < day <= statement.due)
        statement.paid_by_due = paid
        statement.in_full = paid >= statement.balance
        unpaid = max(statement.minimum - paid, 0)
        statement.late_fee = self.card.late_fee(unpaid)
        if statement.late_fee:
            self.post(LotKind.LATE_FEE, statement.due + timedelta(days=1), statement.late_fee)

    def bears_interest(self, lot: _Lot) -> bool | None:
        """Whether a lot bears interest: True, False, or None while its grace is open."""
        if lot.kind in _FEES:
            return self.card.fees_bear_interest and self._lost(lot)
        if lot.kind is LotKind.CASH:
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
        return sum(self.interest_parts(day).values(), Fraction(0))

    def interest_parts(self, day: date) -> dict[LotKind, Fraction]:
        """Charge every lot's interest up to ``day`` (exclusive) that is now known, by kind.

        All of it is :attr:`LotKind.INTEREST` unless the ledger's rule measures the
        kinds apart (:attr:`split`): then interest on principal is contract interest on
        the days the card is current and default interest on the days a minimum is
        past due, and interest on interest or fees is compound interest.
        """
        parts = dict.fromkeys(_INTEREST, Fraction(0))
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
                pieces = [(start, split)] + ([(split, day)] if split < day else [])
                for begin, end in pieces:  # an introductory rate ended within the range
                    if not self.split:
                        parts[LotKind.INTEREST] += self._charge(lot, begin, end)
                    elif lot.kind not in _PRINCIPAL:
                        parts[LotKind.COMPOUND_INTEREST] += self._charge(lot, begin, end)
                    else:
                        for a, b, late in self.stretches(begin, end):
                            kind = LotKind.DEFAULT_INTEREST if late else LotKind.INTEREST
                            parts[kind] += self._charge(lot, a, b)
            lot.charged_from = day
        return parts

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
        if lot.kind is LotKind.CASH:
            return card.cash_rate
        if (
            lot.kind is LotKind.PURCHASE
            and card.intro_until is not None
            and day <= card.intro_until
        ):
            return card.intro_rate
        return card.daily_rate

    def _intro_end(self, lot: _Lot, start: date, end: date) -> date:
        """Return the first day of the standard rate within [start, end), else ``end``."""
        until = self.card.intro_until
        if (
            lot.kind is not LotKind.PURCHASE
            or until is None
            or not start <= until < end - timedelta(1)
        ):
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
            or lot.kind is LotKind.CASH
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
        exact = self.interest_parts(
            day + timedelta(days=1) if card.statement_date_counted else day
        )
        charged = rounded_parts(exact, card.rounding)
        interest = sum(charged.values())
        for kind, amount in charged.items():
            if amount:
                self.post(kind, day, amount)
                self.lots[-1].statement = index
                if card.statement_date_counted:  # the day's balance is charged: from the next
                    self.lots[-1].charged_from = day + timedelta(days=1)
        balance = sum(lot.remaining for lot in self.live) - self.credit
        purchases = sum(lot.remaining for lot in self.live if lot.kind is LotKind.PURCHASE)
        cash = sum(lot.remaining for lot in self.live if lot.kind is LotKind.CASH)
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
        due date still to close counts it). Under a legal rule none is: its meters
        measure every principal lot's days.
        """
        if self.meters:
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
    postings: Sequence[Posting],
    until: date,
    *,
    payer: Callable[[_Statement], int | None] | None = None,
    start: date | None = None,
    limits: Sequence[Limit] = (),
    seed: _Seed | None = None,
    paying_from: date | None = None,
    split: bool = False,
) -> _Ledger:
    """Replay postings to ``until``; ``payer`` pays each statement on its due date.

    From a ``seed`` (a statement-started card) the ledger starts just after that
    statement and the replay from the next statement date; ``payer`` pays only the
    statements dated on or after ``paying_from`` (all by default). ``split`` keeps
    interest apart by kind without limits (:meth:`_Ledger.interest_parts`): the same
    interest in total, each statement's rounded once, told by the charge a rule would
    hold it as (a court view's claimed lines).
    """
    first = start or (min(day for day, _, _ in postings) if postings else until)
    run = _Run(
        card, postings, first, payer=payer, limits=limits, seed=seed, paying_from=paying_from
    )
    run.ledger.split = run.ledger.split or split
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
        postings: Sequence[Posting],
        first: date,
        *,
        payer: Callable[[_Statement], int | None] | None = None,
        limits: Sequence[Limit] = (),
        seed: _Seed | None = None,
        paying_from: date | None = None,
    ) -> None:
        self.ledger = _Ledger(card, limits, seed.date if seed is not None else first)
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

    def add(self, day: date, kind: TransactionKind, amount: int) -> None:
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
                    if kind is TransactionKind.PAYMENT:
                        ledger.pay(day, amount)
                    else:
                        ledger.post(_LOTS[kind], day, amount)
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
    kinds = {"principal": _PRINCIPAL, "interest": _INTEREST, "fees": _FEES}
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
    return sum(open_parts(ledger, until, spare=spare).values())


def open_parts(ledger: _Ledger, until: date, *, spare: bool = True) -> dict[LotKind, int]:
    """Return the open cycle's interest known on ``until`` by kind, rounded as a statement's."""
    shadow = ledger.clone() if spare else ledger
    return rounded_parts(shadow.interest_parts(until), ledger.card.rounding)


def rounded_parts(exact: dict[LotKind, Fraction], rounding: RoundingMode) -> dict[LotKind, int]:
    """Return interest by kind whose sum is the whole rounded once (each running total rounded).

    The parts are the differences of the running totals rounded, so none is negative
    and together they are exactly the interest a statement charges.
    """
    parts: dict[LotKind, int] = {}
    running, before = Fraction(0), 0
    for kind, amount in exact.items():
        running += amount
        total = round_ratio(running.numerator, running.denominator, rounding)
        parts[kind] = total - before
        before = total
    return parts


def _limit_of(meters: Sequence[Meter], charge: Charge | None) -> int | None:
    """Return the index of the meter whose limit holds ``charge``, if one does."""
    for k, meter in enumerate(meters):
        if charge in meter.limit.components:
            return k
    return None


def _as_loan(card: Card, start: date) -> Loan:
    """Return the card as the loan a rule's limits and meters are given.

    Its currency and rounding, from its first day: the limits a card takes do not
    depend on a loan's terms (:func:`loanrelief.cards._court.card_limits`).
    """
    return Loan(1, 0, 1, start=start, currency=card.currency, rounding=card.rounding)
