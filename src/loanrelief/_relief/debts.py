"""Several debts, one budget: a month-by-month plan per creditor, by strategy.

An overdue borrower often owes several platforms at once and has one income to share
among them. :func:`plan_debts` spends a monthly budget across the debts: each month
it pays what falls due on every debt (the minimums), then gives what is left to the
debts in the order a :class:`Strategy` sets, and lets each account's own replay say
what every payment does (allocation, penalty, fees, interest stopping on payoff). Each
debt may carry the relief agreed with its creditor (a freeze with one platform, a
settlement with another): the plan then follows the relief's payments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, final

from loanrelief._foundations.dates import shift_months
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    Money,
    Rate,
    exact_decimals,
    major_of_float,
    minor_of,
    parse_rate,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    a_flag,
    a_sequence,
    an_instance,
    parse_enum,
    whole_number,
)
from loanrelief._ledger.account import AccountState, account_state, cost_of_delay, running_book
from loanrelief._ledger.allocation import Component
from loanrelief._ledger.book import Book
from loanrelief._ledger.replay import replay
from loanrelief._ledger.statement import Statement
from loanrelief._loans.cashflows import xnpv
from loanrelief._loans.plan import Plan
from loanrelief._relief.budget import Budget, affordable_minor
from loanrelief._relief.debt_plan import (
    _ORDERS,
    DebtOffer,
    DebtPlan,
    Strategy,
    StrategyComparison,
)
from loanrelief._relief.evaluation import as_package, evaluate
from loanrelief._relief.levers import Lever
from loanrelief.cards._book import CardBook, debt_state
from loanrelief.cards._cards import CardHistory

if TYPE_CHECKING:
    pass

__all__ = ["Debt", "compare_strategies", "plan_debts"]

_MOST_MONTHS = 600  # fifty years
_MOST_BEHIND = 3653  # days an account's date may be before the plan's start (ten years)


@final
@dataclass(frozen=True, slots=True, init=False)
class Debt:
    """One creditor's account in a portfolio of debts.

    Parameters
    ----------
    creditor : str
        The creditor's name (a platform, a bank); unique in a portfolio.
    state : AccountState, Statement or CardHistory
        The account (:func:`~loanrelief.account_state`, from a contract and its
        payments or from a lender's :class:`~loanrelief.Statement`); or the lender's
        statement itself, taken on its date without a penalty policy
        (``account_state(statement, as_of=statement.as_of)``); or a card, replayed
        (:func:`~loanrelief.cards.card_statements`) or started from its statement
        (:func:`~loanrelief.cards.card_from_statement`). A card in arrears is taken as
        ``history.account()``; a current one (every minimum paid by its due date) as
        what it owes on its date (its payoff: the lots unpaid and the open cycle's
        interest), one amount due on its next due date at the card's annual rate, not
        past due: an approximation for the brief and the plan's set-up, since the card
        asks only its statements' minimums. In :func:`plan_debts` a card without
        relief runs month by month on its own ledger (its minimums, interest, late
        fees and payment order, the plan's payments as its transactions), not on
        ``state``.
    relief : lever or sequence of levers, optional
        Relief agreed with this creditor on the state's date (a freeze, a settlement,
        an instalment plan): the plan pays the relief's payments instead of the
        contract's.
    in_court : bool, default False
        Whether the creditor has sued (the ``"legal"`` strategy pays it first).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...                          as_of=date(2024, 5, 1))
    >>> frozen = Debt("platform B", state, relief=lr.FreezeInterest(36)).account()
    >>> frozen.payoff == state.payoff, len(frozen.instalments)
    (True, 36)

    A card from its statement, its minimum left unpaid past the due date:

    >>> card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    >>> held = lr.cards.card_from_statement(card, statement_date=date(2024, 4, 7), balance=10000,
    ...                               until=date(2024, 5, 1))
    >>> Debt("card", held).state.payoff == held.account().payoff
    True

    A current card, its statement not yet due:

    >>> current = lr.cards.card_from_statement(card, statement_date=date(2024, 4, 7),
    ...                                        balance=10000)
    >>> state = Debt("card", current).state
    >>> state.payoff, state.days_past_due
    (Decimal('10000.00'), 0)
    """

    creditor: str
    state: AccountState
    relief: tuple[Lever, ...]
    in_court: bool
    _card: CardHistory | None = field(default=None, repr=False)

    __repr__ = short_repr

    def __init__(
        self,
        creditor: str,
        state: AccountState | Statement | CardHistory,
        *,
        relief: Lever | Sequence[Lever] = (),
        in_court: bool = False,
    ) -> None:
        set_ = object.__setattr__
        name = an_instance(creditor, str, "creditor", "a creditor's name (a str)")
        if not name.strip():
            raise InvalidValueError("creditor", creditor, "a name that is not blank")
        set_(self, "creditor", name)
        set_(self, "_card", None)
        if isinstance(state, Statement):
            state = account_state(state, as_of=state.as_of)
        elif isinstance(state, CardHistory):
            set_(self, "_card", state)
            try:
                state = debt_state(state)
            except InvalidTermsError as error:
                raise InvalidTermsError("state", state, error.valid) from None
        valid = "an AccountState, a Statement or a CardHistory"
        set_(self, "state", an_instance(state, AccountState, "state", valid))
        set_(self, "relief", as_package(relief, "relief"))
        set_(self, "in_court", a_flag(in_court, "in_court"))

    def account(self) -> AccountState:
        """Return the account the plan pays: the state, or under relief the relief's plan.

        A relief plan becomes a :class:`~loanrelief.Statement` listing its payments
        (principal, interest, and the penalty and fees it folds in, as new principal),
        due from the state's date; the contract's penalty policy and allocation
        govern it if a payment is missed.

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
        ...                          as_of=date(2024, 3, 15))
        >>> debt = Debt("A", state, relief=lr.FreezeInterest(4))
        >>> [str(row.due_date) for row in debt.account().instalments]
        ['2024-04-15', '2024-05-15', '2024-06-15', '2024-07-15']
        """
        if not self.relief:
            return self.state
        plan = evaluate(self.state, *self.relief).plan
        return _plan_account(self.state, plan)


def _plan_account(state: AccountState, plan: Plan) -> AccountState:
    """Return the account of a relief plan: its payments due as a statement lists them.

    What is owed on the day (the debt less what the relief waives) is principal of
    the new plan, whatever component it repays; the rest of the plan's interest is
    new interest, which an early payoff saves. The owed interest a plan repays comes
    first (:data:`loanrelief._relief.draft.ROLL_ORDER`), so it is taken from the first rows.
    """
    digits = plan.digits
    rows: dict[date, list[int]] = {}
    for row in plan.rows:
        parts = rows.setdefault(row.date, [0, 0])
        parts[0] += minor_of(row.principal + row.penalty + row.fees, digits)
        parts[1] += minor_of(row.interest, digits)
    owed_now = minor_of(plan.debt - plan.total_waived, digits)
    rolled = max(owed_now - sum(p for p, _ in rows.values()), 0)
    for parts in rows.values():  # the owed interest repaid, earliest first, is principal
        moved = min(rolled, parts[1])
        parts[0] += moved
        parts[1] -= moved
        rolled -= moved
    listed = [(day, to_major(p, digits), to_major(i, digits)) for day, (p, i) in rows.items()]
    if not any(p for _, (p, _) in rows.items()):  # only interest (or nothing) left
        return state
    return _listed_account(state, plan.as_of, listed, state.loan.annual_rate)


def _listed_account(
    state: AccountState,
    as_of: date,
    listed: list[tuple[date, Decimal, Decimal]],
    annual_rate: Rate,
) -> AccountState:
    """Return an account repaying ``state`` by listed instalments (date, principal, interest).

    The instalments become a :class:`~loanrelief.Statement` of ``as_of`` (a row due
    that day is due now); the state's penalty policy and allocation govern a missed one.
    """
    loan = state.loan
    owed = sum((principal for _, principal, _ in listed), Decimal(0))
    statement = Statement(
        as_of=as_of,
        outstanding_principal=owed,
        annual_rate=annual_rate,
        instalments=listed,
        # the plan starts on its date: nothing accrued yet (a row due that day is due now)
        period_start=as_of if listed[0][0] > as_of else shift_months(as_of, -1),
        frequency=loan.frequency,
        day_count=loan.day_count,
        currency=loan.currency,
        rounding=loan.rounding,
    )
    return account_state(
        statement, as_of=as_of, penalty=state.penalty_policy, allocation=state.allocation
    )


@exact_decimals
def plan_debts(
    debts: Iterable[Debt],
    budget: Money | Budget,
    *,
    strategy: Strategy | str = Strategy.LEAST_COST,
    start: date | None = None,
    max_months: int = 360,
    discount_rate: Rate = 0,
) -> DebtPlan:
    """Plan several debts under one monthly budget, month by month, by a strategy.

    Parameters
    ----------
    debts : iterable of Debt
        The debts, each with its creditor, account and any relief agreed.
    budget : money or Budget
        What the borrower can pay each month in all, across the debts. One meaning in
        two forms: the amount itself, or a :class:`~loanrelief.Budget`, of which only
        :attr:`~loanrelief.Budget.affordable` is used (the plan records that amount in
        :attr:`DebtPlan.budget`). A Budget that names a currency must name the debts'.
        (:func:`~loanrelief.solve` takes the two forms under two keywords,
        ``max_payment=`` and ``budget=``, because there the amount is a ceiling on one
        package's payment; here both are the sum spent each month.)
    strategy : Strategy or str, default "least_cost"
        Where the money left after the minimums goes (:class:`Strategy`).
    start : datetime.date, optional
        The first payment day (then the same day each month); by default the latest
        of the accounts' dates. On or after every account's date.
    max_months : int, default 360
        The longest plan, 1 to 600 months.
    discount_rate : rate, default 0
        The borrower's annual rate for the plan's present value.

    Returns
    -------
    DebtPlan

    Raises
    ------
    InvalidValueError
        For a creditor named twice, a start before an account's date, a bound out of
        range.
    InvalidTypeError
        For a budget that is neither an amount nor a Budget.
    InvalidTermsError
        For debts in different currencies, or a Budget in another currency.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...                      as_of=date(2024, 5, 1),
    ...                      penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)),
    ...                      as_of=date(2024, 5, 1))
    >>> plan = lr.debts.plan_debts([Debt("A", a), Debt("B", b)], 1200, strategy="avalanche")
    >>> plan.debt_free, plan.total_paid, plan.cleared["B"]
    (datetime.date(2025, 1, 1), Decimal('10175.99'), datetime.date(2025, 1, 1))

    A :class:`~loanrelief.Budget` gives the same plan as its affordable amount:

    >>> month = lr.Budget(4000, expenses=2800)  # affordable: 1,200.00
    >>> lr.debts.plan_debts([Debt("A", a), Debt("B", b)], month, strategy="avalanche") == plan
    True
    """
    chosen = parse_enum(strategy, Strategy, "strategy")
    context = _context(debts, budget, start, max_months, discount_rate)
    if chosen is Strategy.DEBT_MANAGEMENT:
        return _managed(context)
    if chosen is not Strategy.LEAST_COST:
        return _simulate(context, chosen, chosen)
    plans = [_simulate(context, chosen, order) for order in _ORDERS]
    return min(plans, key=lambda plan: plan.total_cost)


@exact_decimals
def compare_strategies(
    debts: Iterable[Debt],
    budget: Money | Budget,
    *,
    strategies: Sequence[Strategy | str] = tuple(Strategy),
    start: date | None = None,
    max_months: int = 360,
    discount_rate: Rate = 0,
) -> StrategyComparison:
    """Plan the same debts and budget under several strategies, side by side.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...                      as_of=date(2024, 5, 1))
    >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)),
    ...                      as_of=date(2024, 5, 1))
    >>> comparison = lr.debts.compare_strategies([Debt("A", a), Debt("B", b)], 1200)
    >>> [plan.strategy.value for plan in comparison.plans][:2]
    ['avalanche', 'snowball']
    """
    asked = [
        parse_enum(name, Strategy, f"strategies[{k}]")
        for k, name in enumerate(a_sequence(strategies, "strategies"))
    ]
    if not asked:
        raise InvalidValueError("strategies", strategies, "at least one strategy")
    context = _context(debts, budget, start, max_months, discount_rate)
    simulated = {order: _simulate(context, order, order) for order in _ORDERS if order in asked}
    plans = []
    for name in asked:
        if name is Strategy.DEBT_MANAGEMENT:
            plans.append(_managed(context))
        elif name is Strategy.LEAST_COST:
            every = [simulated.get(o) or _simulate(context, o, o) for o in _ORDERS]
            best = min(every, key=lambda plan: plan.total_cost)
            plans.append(_relabel(best, Strategy.LEAST_COST))
        else:
            plans.append(simulated[name])
    return StrategyComparison(tuple(plans))


def _relabel(plan: DebtPlan, strategy: Strategy) -> DebtPlan:
    return dataclasses.replace(plan, strategy=strategy)


@dataclass(frozen=True, slots=True)
class _Context:
    """The checked inputs of a plan."""

    debts: tuple[Debt, ...]
    accounts: tuple[AccountState, ...]
    budget: int
    digits: int
    dates: tuple[date, ...]
    discount: float
    rates: tuple[float, ...]  # contract rates (avalanche)
    delay: tuple[float, ...]  # a month's delay, for each unit owed (legal)
    # the card each account runs on (its own ledger), None for one the loan replay runs
    cards: tuple[CardHistory | None, ...]


def _monthly(budget: Money | Budget, currency: str | None, digits: int) -> int:
    """Return the plan's monthly amount in minor units: the amount, or a Budget's affordable."""
    if not isinstance(budget, Budget):
        try:
            return to_minor(budget, field="budget", digits=digits, minimum=1)
        except InvalidTypeError:
            raise InvalidTypeError(
                "budget", budget, "an amount (an int, str, Decimal or float) or a Budget"
            ) from None
    return affordable_minor(budget, currency, digits)


def _context(
    debts: Iterable[Debt],
    budget: Money | Budget,
    start: date | None,
    max_months: int,
    discount_rate: Rate,
) -> _Context:
    given = a_sequence(debts, "debts")
    if not given:
        raise InvalidValueError("debts", debts, "at least one Debt")
    names = set()
    for k, debt in enumerate(given):
        an_instance(debt, Debt, f"debts[{k}]", "a Debt(creditor, state)")
        if debt.creditor in names:
            raise InvalidValueError(f"debts[{k}].creditor", debt.creditor, "a creditor named once")
        names.add(debt.creditor)
    digits = given[0].state.loan.digits
    for k, debt in enumerate(given):
        if debt.state.loan.digits != digits:
            raise InvalidTermsError(
                f"debts[{k}]", debt.creditor, "debts in one currency (the budget's)"
            )
    accounts = tuple(debt.account() for debt in given)
    latest = max(account.as_of for account in accounts)
    if start is None:
        start = latest
    elif isinstance(start, datetime) or not isinstance(start, date):
        raise InvalidTypeError("start", start, "a datetime.date")
    elif start < latest:
        raise InvalidValueError(
            "start", start, f"a date on or after every account's date (the latest {latest})"
        )
    for k, account in enumerate(accounts):
        if (start - account.as_of).days > _MOST_BEHIND:
            raise InvalidTermsError(
                f"debts[{k}]",
                given[k].creditor,
                f"an account of a date at most ten years before the plan's start {start} "
                f"(this one is of {account.as_of})",
            )
    months = whole_number(max_months, "max_months", 1, _MOST_MONTHS)
    amount = _monthly(budget, given[0].state.loan.currency, digits)
    if (date.max - start).days < 31 * months:
        raise InvalidValueError("start", start, "a date with the plan's months before 9999")
    dates = tuple(shift_months(start, k) for k in range(months))
    rate = float(parse_rate(discount_rate, field="discount_rate"))
    rolled = tuple(account.on(start) if account.as_of < start else account for account in accounts)
    delay = []
    for account in rolled:
        owed = float(account.payoff)
        cost = float(cost_of_delay(account, [30])[0].payoff) if owed else 0.0
        delay.append(cost / owed if owed else 0.0)
    return _Context(
        debts=tuple(given),
        accounts=rolled,
        budget=amount,
        digits=digits,
        dates=dates,
        discount=rate,
        rates=tuple(float(account.loan.rate) for account in rolled),
        delay=tuple(delay),
        cards=tuple(None if debt.relief else debt._card for debt in given),
    )


def _managed(context: _Context) -> DebtPlan:
    """Run a debt management plan: each creditor its share of the budget, interest frozen.

    Debts with relief agreed keep it: the most its instalments ask in any month of the
    plan is set aside every month. The rest of the budget is shared among the others
    in proportion to what each owes on the start date (to the minor unit, the units
    left to the largest fractions; a share that would round to nothing is a unit,
    taken from the largest share).
    Each of them becomes an interest-free account repaying what it owes by its share
    a month from the start date, the last payment the remainder.
    """
    start, end = context.dates[0], context.dates[-1]
    previous = shift_months(start, -1)
    books = _books(context, end)
    owed = [book.payoff(start) for book in books]
    free = [i for i, debt in enumerate(context.debts) if not debt.relief and owed[i]]
    windows = list(zip((previous, *context.dates), context.dates, strict=False))
    agreed = max(  # the most the relief already agreed asks in any month of the plan
        sum(_due(books[i], after, day) for i, debt in enumerate(context.debts) if debt.relief)
        for after, day in windows
    )
    shared = context.budget - agreed
    if free and shared < len(free):
        raise InvalidValueError(
            "budget",
            to_major(context.budget, context.digits),
            f"more than the {to_major(agreed, context.digits)} the relief already agreed "
            f"asks in a month, by at least a minor unit for each of the {len(free)} other "
            "creditors (or the relief renegotiated first)",
        )

    def major(value: int) -> Decimal:
        return to_major(value, context.digits)

    total = sum(owed[i] for i in free)
    exact = {i: shared * owed[i] for i in free}
    shares = {i: exact[i] // total for i in free}
    rest = shared - sum(shares.values())
    for i in sorted(free, key=lambda i: (-(exact[i] % total), i))[:rest]:
        shares[i] += 1
    for i in free:  # a share too small to round to a unit: one, from the largest share
        if not shares[i]:
            shares[max(free, key=lambda j: (shares[j], -j))] -= 1
            shares[i] = 1
    accounts = list(context.accounts)
    cards = list(context.cards)
    offers = []
    for i in free:
        share = min(shares[i], owed[i])
        count = -(-owed[i] // share)
        if (date.max - start).days < 31 * count:
            raise InvalidValueError(
                "budget",
                major(context.budget),
                f"a budget whose share repays {context.debts[i].creditor!r} "
                f"({major(owed[i])} owed, {major(share)} a month) before the year 9999",
            )
        last = owed[i] - share * (count - 1)
        # the rows the plan can reach (its months at most 600), then one for the rest
        shown = min(count, _MOST_MONTHS + 1)
        days = [shift_months(start, k) for k in range(shown)]
        listed = [(day, major(share), Decimal(0)) for day in days[:-1]]
        listed.append((days[-1], major(owed[i] - share * (shown - 1)), Decimal(0)))
        accounts[i] = _listed_account(context.accounts[i], start, listed, 0)
        cards[i] = None  # the offer, frozen, is a list of instalments the loan replay runs
        offers.append(
            DebtOffer(
                creditor=context.debts[i].creditor,
                owed=major(owed[i]),
                arrears=major(_overdue(books[i], start)),
                contract_due=major(_scheduled(books[i], start, shift_months(start, 1))),
                payment=major(share),
                count=count,
                last_payment=major(last),
                first_date=start,
                last_date=shift_months(start, count - 1),
            )
        )
    frozen = dataclasses.replace(context, accounts=tuple(accounts), cards=tuple(cards))
    plan = _simulate(frozen, Strategy.DEBT_MANAGEMENT, Strategy.DEBT_MANAGEMENT)
    return dataclasses.replace(plan, offers=tuple(offers))


_AnyBook = Book | CardBook  # a loan's replay or a card's ledger


def _books(context: _Context, until: date) -> list[_AnyBook]:
    """Return each debt's book: a card on its own ledger, any other account's replay."""
    return [
        running_book(account, until) if card is None else CardBook(card)
        for account, card in zip(context.accounts, context.cards, strict=True)
    ]


def _roll(book: _AnyBook, day: date) -> None:
    """Bring a book to ``day`` (a card's ledger is replayed to each day it is asked)."""
    if isinstance(book, Book) and day > book.start:
        replay(book, [], set(), day)
        book.start = day


def _pay(book: _AnyBook, day: date, amount: int) -> None:
    """Pay ``amount`` on ``day`` and let the book place it."""
    book.pay(day, amount)
    if isinstance(book, Book):
        book.post(day)


def _overdue(book: _AnyBook, day: date) -> int:
    """Return what the instalments due by ``day`` still owe, charges for lateness included.

    On a card: the minimum due by then left unpaid, and the late fees since.
    """
    if isinstance(book, CardBook):
        return book.overdue(day)
    parts = (Component.PRINCIPAL, Component.INTEREST, Component.FEES, Component.PENALTY)
    return sum(
        max(book.unpaid(i, part), 0)
        for i, when in enumerate(book.due)
        if when <= day
        for part in parts
    )


def _scheduled(book: _AnyBook, after: date, until: date) -> int:
    """Return the instalments due in ``(after, until]`` as contracted (with their fees).

    On a card: the minimum its terms set for that due date, less any earlier minimum
    carried into it.
    """
    if isinstance(book, CardBook):
        return book.scheduled(after, until)
    return sum(
        sum(book.contract_unpaid(i)) + book.fee[i]
        for i, when in enumerate(book.due)
        if after < when <= until
    )


def _due(book: _AnyBook, after: date, until: date) -> int:
    """Return what falls due on a debt in ``(after, until]`` and is unpaid (its minimum).

    On a card: the statement's minimum due in the window, less what was paid since
    the statement.
    """
    if isinstance(book, CardBook):
        return book.due(after, until)
    owed = 0
    for i, when in enumerate(book.due):
        if after < when <= until:
            owed += sum(
                max(book.unpaid(i, part), 0)
                for part in (Component.PRINCIPAL, Component.INTEREST, Component.FEES)
            )
    return owed


def _simulate(context: _Context, strategy: Strategy, order: Strategy) -> DebtPlan:
    """Run one plan month by month (each debt's replay kept open)."""
    count = len(context.debts)
    end = context.dates[-1]
    books = _books(context, end)
    paid: list[list[int]] = [[] for _ in range(count)]
    owed: list[list[int]] = [[] for _ in range(count)]
    cleared: list[date | None] = [None] * count
    minimums: list[int] = []
    short: list[int] = []
    unspent: list[int] = []
    used: list[date] = []
    start: list[int] = []
    unpaid = [0] * count
    previous = shift_months(context.dates[0], -1)
    for day in context.dates:
        payoffs = []
        for i, book in enumerate(books):
            if cleared[i] is not None:  # repaid: nothing falls due or accrues any more
                payoffs.append(0)
                continue
            _roll(book, day)
            payoffs.append(book.payoff(day))
        if not start:
            start = list(payoffs)
        if not any(payoffs):
            break
        used.append(day)
        minimum = [
            min(_due(book, previous, day), p) for book, p in zip(books, payoffs, strict=True)
        ]
        ranking = _ranking(context, order, payoffs)
        give, lacking, left = _allocate(ranking, minimum, payoffs, context.budget, order)
        for i, book in enumerate(books):
            if give[i]:
                _pay(book, day, give[i])
            after = book.payoff(day) if payoffs[i] else 0
            unpaid[i] += bool(payoffs[i] and not give[i])
            paid[i].append(give[i])
            owed[i].append(after)
            if not after and cleared[i] is None:
                cleared[i] = day
        minimums.append(sum(minimum))
        short.append(lacking)
        unspent.append(left)
        previous = day

    def major(value: int) -> Decimal:
        return to_major(value, context.digits)

    names = tuple(debt.creditor for debt in context.debts)
    remaining = sum(row[-1] if row else 0 for row in owed)
    flows = [sum(paid[i][k] for i in range(count)) for k in range(len(used))]
    total = sum(flows)
    value = 0.0
    if used and context.discount:
        value = xnpv(context.discount, [used[0], *used], [0.0, *(float(f) for f in flows)])
        value /= 10**context.digits
    present = major_of_float(value, context.digits) if context.discount else major(total)
    return DebtPlan(
        strategy=strategy,
        order=order,
        budget=major(context.budget),
        dates=tuple(used),
        creditors=names,
        owed_at_start=MappingProxyType(
            {name: major(start[i] if start else 0) for i, name in enumerate(names)}
        ),
        payments=MappingProxyType(
            {name: tuple(major(x) for x in paid[i]) for i, name in enumerate(names)}
        ),
        balances=MappingProxyType(
            {name: tuple(major(x) for x in owed[i]) for i, name in enumerate(names)}
        ),
        cleared=MappingProxyType(dict(zip(names, cleared, strict=True))),
        debt_free=(
            max(day for day in cleared if day is not None)
            if all(day is not None for day in cleared)
            else None
        ),
        minimums=tuple(major(x) for x in minimums),
        shortfall=tuple(major(x) for x in short),
        unspent=tuple(major(x) for x in unspent),
        total_paid=major(total),
        remaining=major(remaining),
        present_value=present,
        unpaid_months=MappingProxyType(dict(zip(names, unpaid, strict=True))),
    )


def _ranking(context: _Context, order: Strategy, payoffs: list[int]) -> list[int]:
    """Return the debts' indices in the order the surplus reaches them."""
    indices = range(len(payoffs))
    if order is Strategy.AVALANCHE:
        return sorted(indices, key=lambda i: (-context.rates[i], -context.delay[i], i))
    if order is Strategy.SNOWBALL:
        return sorted(indices, key=lambda i: (payoffs[i], i))
    if order is Strategy.DEBT_MANAGEMENT:  # each share in full, then the relief agreed
        return sorted(indices, key=lambda i: (bool(context.debts[i].relief), -context.delay[i], i))
    # legal, and the order minimums are paid in when the budget falls short (pro rata)
    return sorted(indices, key=lambda i: (not context.debts[i].in_court, -context.delay[i], i))


def _allocate(
    ranking: list[int], minimum: list[int], payoffs: list[int], budget: int, order: Strategy
) -> tuple[list[int], int, int]:
    """Split a month's budget: the minimums, then the rest by the order.

    Returns what each debt is paid, how far the budget fell short of the minimums,
    and what is left unspent.
    """
    give = [0] * len(payoffs)
    left = budget
    lacking = max(sum(minimum) - budget, 0)
    for i in ranking:  # the minimums (in the order, when the budget falls short)
        give[i] = min(minimum[i], left)
        left -= give[i]
    if order is Strategy.DEBT_MANAGEMENT:  # each creditor its share, nothing more
        return give, lacking, left
    room = [payoffs[i] - give[i] for i in range(len(payoffs))]
    if order is Strategy.PRO_RATA and left:
        total = sum(room)
        if total <= left:
            shares = room
        else:  # in proportion to what each owes, the remainder to the largest fractions
            exact = [left * r for r in room]
            shares = [e // total for e in exact]
            rest = left - sum(shares)
            by_fraction = sorted(range(len(room)), key=lambda i: (-(exact[i] % total), i))
            for i in by_fraction[:rest]:
                shares[i] += 1
        for i, share in enumerate(shares):
            give[i] += share
            left -= share
        return give, lacking, left
    for i in ranking:
        extra = min(room[i], left)
        give[i] += extra
        left -= extra
    return give, lacking, left
