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

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar, final

from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
)
from loanrelief._foundations.money import (
    Money,
    decimal_of,
    exact_decimals,
    minor_of,
    to_minor,
)
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr
from loanrelief._foundations.validate import (
    a_date,
)
from loanrelief._ledger.account import AccountState, account_state
from loanrelief._ledger.allocation import Allocation
from loanrelief._ledger.court import CourtLine, CourtView, charge_sources
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.statement import Statement
from loanrelief.cards._court import CourtFigures, card_limits, court_figures
from loanrelief.cards._horizon import (
    Horizon,
    _horizon,
    _run,
)
from loanrelief.cards._ledger import (
    _Ledger,
    _missed,
    _owed,
    _replay,
    _Seed,
    _Statement,
)
from loanrelief.cards._lots import _FEES, _INTEREST
from loanrelief.cards._terms import (
    Card,
    CardTransaction,
    Posting,
    _history_inputs,
    _major,
    _postings,
)
from loanrelief.law._china import ChinaFinancialLoans
from loanrelief.law._cite import Citation
from loanrelief.law._rules import Rule, rule_title

__all__ = [
    "CardHistory",
    "CardStatement",
    "card_court_view",
    "card_from_statement",
    "card_statements",
]

_Date = date  # the class, for fields that are themselves called "date"


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

    def __repr__(self) -> str:
        return result_repr(self, "number", "date", "balance", "minimum")


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
class CardHistory(Rendered):
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

    _renders: ClassVar[str] = "loanrelief._presentation.cards:history"

    card: Card
    statements: tuple[CardStatement, ...]
    balance: Decimal
    total_interest: Decimal
    total_fees: Decimal
    credit: Decimal
    until: date
    _ledger: _Ledger = field(compare=False)
    _postings: tuple[Posting, ...] = field(compare=False, default=())
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
        Decimal('11208.42')
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
        >>> from loanrelief.cards import minimum_payment_horizon
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
    def court_view(self, *, until: date | None = None, rule: Rule | None = None) -> CourtView:
        """Set what the card claims on ``until`` beside what a legal rule allows.

        As :func:`card_court_view`, on this history's own start: its transactions, or
        the statement it started from (:func:`card_from_statement`), whose interest and
        fees are taken as charges already within the ceiling (a statement does not
        say how they arose), the ceiling growing from its date on.

        Parameters
        ----------
        until : datetime.date, optional
            On or after the history's ``until`` (its own by default): nothing more is
            paid in between.
        rule : Rule, optional
            By default ``ChinaFinancialLoans()`` (24 % a year, 法发〔2017〕22号 item 2,
            per due date); any rule :func:`card_court_view` takes.

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
        return _court(self.card, self._postings, day, rule, self._seed)[0]

    @exact_decimals
    def __repr__(self) -> str:
        return result_repr(self, "until", "balance", "total_interest", "total_fees")


def _history(
    card: Card,
    ledger: _Ledger,
    until: date,
    postings: Sequence[Posting] = (),
    seed: _Seed | None = None,
) -> CardHistory:
    major = _major(card)
    shown = tuple(_shown(card, made, k + 1) for k, made in enumerate(ledger.statements))
    posted = [lot for lot in ledger.lots if lot.posted <= until]
    return CardHistory(
        card=card,
        statements=shown,
        balance=major(max(sum(lot.unpaid_on(until) for lot in posted) - ledger.credit, 0)),
        total_interest=major(sum(lot.amount for lot in posted if lot.kind in _INTEREST)),
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
    the share of the whole balance under ``minimum_rule="share_of_balance"``.
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


@exact_decimals
def card_court_view(
    card: Card,
    transactions: Iterable[CardTransaction],
    *,
    until: date,
    rule: Rule | None = None,
) -> CourtView:
    """Set what a card claims beside what a legal rule allows (China's by default).

    Parameters
    ----------
    card : Card
    transactions : iterable of CardTransaction
    until : datetime.date
    rule : Rule, optional
        By default ``ChinaFinancialLoans()``: interest, compound interest, penalty,
        liquidated damages and other fees at most 24 % a year (法发〔2017〕22号 item
        2), measured per due date (``measure="together"``: as one sum). Any rule a
        loan takes whose limits are a rate on the principal or a share of what was
        drawn, to date, with charges beyond them credited (``AnnualRateCap``,
        ``TotalCostCap``, a ``LegalRule`` of such limits).

    Returns
    -------
    CourtView
        The loans' court view, built from the card's two replays: the principal the
        card claims, each charge the rule holds (claimed beside allowed, with its
        article; a limit's ceiling shared by its charges in the order it lists them,
        none allowed beyond its claim), the payoff claimed and enforceable; its
        ``ceiling`` the limits' ceilings together, ``card`` true (the lines in a card
        issuer's words). A card that owes nothing gives a view of zeros.

    Raises
    ------
    InvalidTypeError
        For a ``rule`` that is not a legal Rule.
    InvalidValueError
        For a rule a card cannot be held to: China's private-lending rule (a card is
        a financial institution's credit), or limits of a fixed amount, to maturity,
        with a paid-rate band, on the schedule's credit, or with charges refunded (the
        UK's high-cost short-term cap).

    Notes
    -----
    The card is replayed twice: as the contract has it, and under the rule, each of
    whose limits is measured by a :class:`~loanrelief.law.Meter` as a loan's is: at
    its rate on the principal each day (exact, actual/365), the principal counting as
    in use in the term while the card is current and as overdue from the day after a
    due date whose minimum went unpaid until a later minimum is paid by its due date.
    A card's charges are the rule's: its interest on principal contract interest
    while current and default interest while past due, interest on interest or fees
    compound interest, late fees late fees, other fees the term's fees. Each payment
    settles a limit's charges only within what its ceiling has left, rounded down, the
    rest repaying principal (charges paid beyond it credited to the debt).

    Examples
    --------
    >>> from datetime import date
    >>> card = Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    >>> moves = [CardTransaction(date(2024, 3, 8), 10000)]
    >>> view = card_court_view(card, moves, until=date(2024, 9, 20))
    >>> view.charges_claimed, view.charges_allowed, view.enforceable_payoff
    (Decimal('1976.95'), Decimal('1208.42'), Decimal('11208.42'))
    >>> together = ChinaFinancialLoans(measure="together")
    >>> card_court_view(card, moves, until=date(2024, 9, 20), rule=together).charges_allowed
    Decimal('1288.76')
    """
    postings, until = _history_inputs(card, transactions, until)
    return _court(card, postings, until, rule)[0]


# A card's statement account settles fees, then interest, then principal, oldest
# instalment first; its principal is what was drawn, as the card has it.
_CARD_ORDER = Allocation(("fees", "interest", "penalty", "principal"))
_PRINCIPAL_SOURCE = (Citation("purchases and cash advances, as posted"),)


def _court(
    card: Card,
    postings: Sequence[Posting],
    until: date,
    rule: Rule | None,
    seed: _Seed | None = None,
) -> tuple[CourtView, CourtFigures]:
    """Return the court view of a card under ``rule`` (by default China's), and its figures."""
    chosen = ChinaFinancialLoans() if rule is None else rule
    start = seed.date if seed is not None else min((d for d, _, _ in postings), default=until)
    limits = card_limits(chosen, card, start, until)
    figures = court_figures(card, postings, until, limits, seed)
    major = _major(card)
    lines = [
        CourtLine(
            item="principal",
            charged=major(figures.principal),
            allowed=major(figures.principal),
            excess=major(0),
            citations=_PRINCIPAL_SOURCE,
        )
    ]
    for charge, charged in figures.charged.items():
        kept = figures.allowed[charge]
        if not charged and not kept:
            continue
        lines.append(
            CourtLine(
                item=charge.value,
                charged=major(charged),
                allowed=major(kept),
                excess=major(charged - kept),
                citations=charge_sources(limits, charge),
            )
        )
    lines.append(
        CourtLine(
            item="payoff",
            charged=major(figures.payoff),
            allowed=major(figures.enforceable_payoff),
            excess=major(figures.payoff - figures.enforceable_payoff),
            citations=(rule_title(chosen),),
        )
    )
    view = CourtView(
        rule=chosen,
        as_of=until,
        lines=tuple(lines),
        limits=limits,
        currency=card.currency,
        paid=major(figures.paid),
        paid_on_charges=major(figures.paid_on_charges),
        paid_on_allowed=major(figures.paid_on_allowed),
        paid_on_excess=major(max(figures.paid_on_charges - figures.paid_on_allowed, 0)),
        order=card.payment_order.allocation.order,
        ceiling=major(figures.ceiling),
        card=True,
    )
    return view, figures


def _card_account(history: CardHistory, statement: Statement) -> AccountState:
    """Return a card's statement as an account: the card's terms for what follows.

    Interest at the card's annual rate on what is left unpaid (a penalty policy on
    the instalment, its monthly compounding aside), payments settling fees, then
    interest, then principal, and a court's award measured on the card's own replay.
    """
    card = history.card
    policy = PenaltyPolicy(
        annual_rate=decimal_of(card.annual_rate),
        base="instalment",
        day_count=f"act/{card.year_days}",
    )
    state = account_state(statement, as_of=history.until, penalty=policy, allocation=_CARD_ORDER)
    return dataclasses.replace(state, card=history)
