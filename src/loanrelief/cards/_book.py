"""A card as one of several debts: the internal interface the debts plan uses.

:func:`debt_state` is the account a card is in the plan's set-up; :class:`CardBook`
keeps the card open on its own ledger while the plan pays it month by month.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from loanrelief._foundations.errors import (
    InvalidTermsError,
)
from loanrelief._foundations.money import (
    decimal_of,
    to_major,
)
from loanrelief._ledger.account import AccountState
from loanrelief._ledger.statement import Statement
from loanrelief.cards._cards import CardHistory, _card_account, _court
from loanrelief.cards._ledger import _Ledger, _missed, _payoff, _Run
from loanrelief.cards._lots import LotKind
from loanrelief.cards._terms import Posting, TransactionKind, _major
from loanrelief.law._rules import Rule

__all__ = ["CardBook", "card_award", "card_of", "debt_state"]


def card_of(state: AccountState) -> CardHistory | None:
    """Return the card an account was made from (:meth:`CardHistory.account`), if any."""
    return state.card if isinstance(state.card, CardHistory) else None


def card_award(state: AccountState, until: date, rule: Rule) -> dict[str, Decimal] | None:
    """Return what a court awards on a card's account on ``until``, by part; None for a loan.

    The card's own ledger replayed to ``until`` under ``rule`` (:func:`card_court_view`'s
    enforceable payoff), nothing more paid: ``principal``, ``interest`` and ``fees``
    as Decimals, the allowed charges split into the fees unpaid and interest. This is
    the one computation :class:`~loanrelief.CourtAward` and the brief take a card's
    award from, so "stay overdue" and "court award" on a card both come from the card
    the account carries.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    >>> moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    >>> state = lr.cards.card_statements(card, moves, until=date(2024, 6, 20)).account()
    >>> award = card_award(state, date(2024, 9, 20), lr.law.ChinaFinancialLoans())
    >>> sum(award.values()) == lr.cards.card_court_view(card, moves, until=date(2024, 9, 20)
    ...                                           ).enforceable_payoff
    True
    >>> card_award(lr.account_state(lr.Loan(1000, "0.1", 12, start=date(2024, 1, 1)),
    ...                             as_of=date(2024, 3, 1)), date(2024, 9, 20),
    ...            lr.law.ChinaFinancialLoans()) is None
    True
    """
    history = card_of(state)
    if history is None:
        return None
    parts = _court(history.card, history._postings, until, rule, history._seed)[1].owed
    major = _major(history.card)
    return {name: major(value) for name, value in parts.items()}


def debt_state(history: CardHistory) -> AccountState:
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
    (:class:`CardBook`), not on this state.

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
        instalments=[(due, to_major(owed, card.digits), Decimal(0))],
        period_start=until,
        currency=card.currency,
        rounding=card.rounding,
    )
    return _card_account(history, statement)


class CardBook:
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
        self.payments: list[Posting] = []
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
        self.payments.append((day, TransactionKind.PAYMENT, amount))
        self.run.add(day, TransactionKind.PAYMENT, amount)

    def _paid(self, after: date, until: date) -> int:
        """Return the payments made in ``(after, until]`` (the history's and the plan's)."""
        return sum(
            amount
            for day, kind, amount in (*self.postings, *self.payments)
            if kind is TransactionKind.PAYMENT and after < day <= until
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
            if lot.kind is LotKind.LATE_FEE and lot.posted > made.date
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
