"""Cards in the several-debts plan run on the card's own ledger (issue 31).

A card in arrears pays its statements' minimums month by month; a current card is a
debt too; a revolving debt with no minimum compounds monthly until the money left over
reaches it. Each figure is set against the card replayed with the plan's payments as
transactions.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import loanrelief as lr

CN = lr.cards.Card(statement_day=7, daily_rate="0.0005", minimum_floor=10, late_fee_share="0.05")
US = lr.cards.Card(statement_day=1, due_days=25, annual_rate="0.2199", minimum_share="0.01",
             minimum_floor=25, late_fee_min=30, payment_order="highest_rate",
             grace_needs_previous=True, statement_date_counted=True)  # fmt: skip
MONTHLY = lr.cards.Card(statement_day=15, annual_rate="0.15", periodic_rate="apr/12",
                  minimum_share="0.03", minimum_rule="share_of_balance", minimum_floor=20,
                  late_fee_share="0.1", late_fee_max=40)  # fmt: skip
AS_OF = date(2024, 6, 20)


def _loan() -> lr.AccountState:
    """A loan dearer than every card: the avalanche sends the surplus to it first."""
    return lr.account_state(lr.Loan(8000, "0.36", 24, start=date(2024, 3, 20)), as_of=AS_OF)


def _expected_minimum(
    card: lr.cards.Card, moves: list[lr.cards.CardTransaction], after: date, day: date
) -> Decimal:
    """The latest minimum made by ``day`` and due after ``after``, less payments since."""
    history = lr.cards.card_statements(card, moves, until=day)
    due = [s for s in history.statements if s.date <= day and s.due_date > after]
    if not due:
        return Decimal(0)
    made = due[-1]
    paid = sum(
        (m.amount for m in moves if m.kind.value == "payment" and made.date < m.date <= day),
        Decimal(0),
    )
    return max(made.minimum - paid, Decimal(0))


@settings(max_examples=12, deadline=None)
@given(
    st.sampled_from([CN, US, MONTHLY]),
    st.integers(300_000, 2_000_000),
    st.integers(0, 40),
    st.integers(0, 1),
    st.integers(600, 2500),
)
def test_a_card_in_the_plan_is_its_own_ledger_with_the_plans_payments(
    card: lr.cards.Card, spent: int, day: int, paid_once: int, budget: int
) -> None:
    """Month by month, the card's balance is its replay with the plan's payments, to the cent.

    Where the budget covers the minimums and the dearer loan is still owed (the
    avalanche's surplus goes to it), the card is paid exactly its statement's minimum.
    """
    moves = [
        lr.cards.CardTransaction(date(2024, 2, 10) + timedelta(days=day), Decimal(spent) / 100)
    ]
    if paid_once:  # a payment after the first statement: in arrears or current by then
        moves.append(
            lr.cards.CardTransaction(date(2024, 4, 20), Decimal(spent // 10) / 100, "payment")
        )
    history = lr.cards.card_statements(card, moves, until=AS_OF)
    plan = lr.debts.plan_debts(
        [lr.debts.Debt("card", history), lr.debts.Debt("loan", _loan())],
        budget,
        strategy="avalanche",
        max_months=14,
    )
    made = list(moves)
    previous = date(2024, 5, 20)  # a month before the plan's start, AS_OF
    start = lr.cards.card_court_view(card, made, until=plan.dates[0]).payoff
    assert plan.owed_at_start["card"] == start
    for k, day_k in enumerate(plan.dates):
        minimum = _expected_minimum(card, made, previous, day_k)
        owed_before = lr.cards.card_court_view(card, made, until=day_k).payoff if k else start
        paid = plan.payments["card"][k]
        if paid:
            made.append(lr.cards.CardTransaction(day_k, paid, "payment"))
        assert plan.balances["card"][k] == lr.cards.card_court_view(card, made, until=day_k).payoff
        if not plan.shortfall[k] and plan.balances["loan"][k] > 0:
            assert paid == min(minimum, owed_before)
        previous = day_k


def test_a_card_in_arrears_starts_where_its_account_does_and_its_offer_by_hand() -> None:
    """The statement of 05-07 (18,588, minimum 2,388 unpaid at 05-27): the offer's figures.

    Arrears on 06-20: the minimum 2,388 and its late fee 5 % (119.40). Due by 07-20: the
    statement of 06-07, whose minimum holds the 2,388 carried: its own part is a tenth
    of the 18,000 of purchases, its interest (0.05 % x 31 days on 18,588 = 288.11) and
    the late fee, 2,207.51.
    """
    held = lr.cards.card_from_statement(CN, statement_date=date(2024, 5, 7), balance=18588,
                                  minimum=2388, interest=588, carried=18000,
                                  until=AS_OF)  # fmt: skip
    loan = lr.debts.Debt("loan", _loan())
    plan = lr.debts.plan_debts(
        [lr.debts.Debt("card", held), loan], 1500, strategy="debt_management"
    )
    offer = plan.offers[0]
    assert offer.owed == held.account().payoff == plan.owed_at_start["card"]
    assert offer.arrears == Decimal("2388.00") + Decimal("119.40")
    interest = (Decimal(18588) * Decimal("0.0005") * 31).quantize(Decimal("0.01"))
    assert interest == Decimal("288.11")
    assert offer.contract_due == Decimal(1800) + interest + Decimal("119.40")
    # the avalanche: the card's statement minimums, not its whole balance at once
    avalanche = lr.debts.plan_debts(
        [lr.debts.Debt("card", held), loan], 3000, strategy="avalanche"
    )
    assert avalanche.minimums[0] < plan.owed_at_start["card"]
    # paid on 06-20: the statement of 06-07 (due 06-27), 4,595.51 with the 2,388 carried;
    # the budget falls short, the loan's instalment first and the rest to the card
    assert held.statements[-1].minimum == Decimal("4595.51")
    loan_paid = avalanche.payments["loan"][0]
    assert avalanche.minimums[0] == Decimal("4595.51") + loan_paid
    assert avalanche.payments["card"][0] == 3000 - loan_paid
    # month by month, the card from its statement with the plan's payments since
    paid: list[lr.cards.CardTransaction] = []
    for k, day in enumerate(avalanche.dates):
        if avalanche.payments["card"][k]:
            paid.append(lr.cards.CardTransaction(day, avalanche.payments["card"][k], "payment"))
        replayed = lr.cards.card_from_statement(CN, statement_date=date(2024, 5, 7), balance=18588,
                                          interest=588, carried=18000, transactions=paid,
                                          until=day)  # fmt: skip
        assert avalanche.balances["card"][k] == replayed.court_view().payoff


def test_the_issues_example_with_the_card_on_its_ledger_pays_every_creditor_every_month() -> None:
    """Three online loans and a card, the card replayed: every creditor paid every month."""
    from tests.test_debt_management import BUDGET, NAMES, _debts  # noqa: PLC0415

    card = lr.cards.Card(statement_day=5, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
    spent = [lr.cards.CardTransaction(date(2024, 10, 8), 9000)]
    history = lr.cards.card_statements(card, spent, until=date(2025, 3, 10))
    debts = [*_debts()[:3], lr.debts.Debt(NAMES[3], history)]
    managed = lr.debts.plan_debts(debts, BUDGET, strategy="debt_management")
    assert managed.owed_at_start[NAMES[3]] == history.account().payoff
    for name in NAMES:
        owed_before = [managed.owed_at_start[name], *managed.balances[name][:-1]]
        for paid, owed in zip(managed.payments[name], owed_before, strict=True):
            assert paid > 0 or owed == 0
        assert managed.unpaid_months[name] == 0
    assert managed.total_paid == sum(managed.owed_at_start.values())
    assert sum(offer.payment for offer in managed.offers) == BUDGET
    page = lr.brief(debts, lang="en", budget=BUDGET, charts=False)
    assert list(page.letters) == list(NAMES)


def test_a_current_card_is_a_debt_paid_its_minimums() -> None:
    """Every minimum paid: its state is its payoff, not overdue; the plan pays its minimums."""
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 6000),
             lr.cards.CardTransaction(date(2024, 4, 20), 600, "payment"),
             lr.cards.CardTransaction(date(2024, 5, 20), 900, "payment")]  # fmt: skip
    history = lr.cards.card_statements(CN, moves, until=AS_OF)
    debt = lr.debts.Debt("card", history)
    assert debt.state.days_past_due == 0
    assert debt.state.payoff == lr.cards.card_court_view(CN, moves, until=AS_OF).payoff
    assert debt.state.loan.annual_rate == Decimal("0.1825")
    loan = lr.debts.Debt("loan", _loan())
    plan = lr.debts.plan_debts([debt, loan], 1500, strategy="avalanche", max_months=60)
    assert plan.debt_free is not None
    # the minimum of 05-07 was paid by its due date (900 on 05-20); that of 06-07, due
    # 06-27, is paid on the plan's first day, 06-20, before its due date: 545.80
    assert history.statements[-1].minimum == plan.payments["card"][0] == Decimal("545.80")
    assert plan.unpaid_months["card"] == 0
    managed = lr.debts.plan_debts([debt, loan], 1500, strategy="debt_management")
    assert all(paid > 0 for paid in managed.payments["card"][: managed.offers[0].count])
    assert managed.offers[0].owed == debt.state.payoff
    # the brief addresses the card's issuer (art. 70), as for a card in arrears
    page = lr.brief([debt, loan], lang="en", budget=1500, charts=False)
    assert "art. 70" in page.letters["card"].markdown
    assert "it is not past due" in page.letters["card"].markdown  # not "0 days past due"
    assert page.letters["card"].figures["letters.0.owed"] == debt.state.payoff


def test_a_revolving_debt_without_a_minimum_compounds_until_the_surplus_reaches_it() -> None:
    """No minimum, APR / 12 a month: the balance grows by its monthly interest, rounded.

    Under the avalanche the dearer loan takes the budget; the revolving debt is paid
    nothing, and each month it owes ``round(balance x (1 + APR / 12))`` (half even, to
    the cent). Under a debt management plan it is paid its share every month.
    """
    revolving = lr.cards.Card(statement_day=1, annual_rate="0.12", periodic_rate="apr/12",
                        minimum_share=0, minimum_rule="share_of_balance")  # fmt: skip
    held = lr.cards.card_from_statement(revolving, statement_date=date(2025, 1, 1), balance=5000,
                                  minimum=0)  # fmt: skip
    loan = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 12, 1)),
                            as_of=date(2025, 1, 1))  # fmt: skip
    debts = [lr.debts.Debt("family", held), lr.debts.Debt("loan", loan)]
    plan = lr.debts.plan_debts(debts, 600, strategy="avalanche", max_months=24)
    balance = Decimal(5000)
    for k, paid in enumerate(plan.payments["family"]):
        if paid:
            break
        assert plan.balances["family"][k] == balance
        balance = (balance * (1 + Decimal("0.12") / 12)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_EVEN
        )
    assert k == 11  # the loan repaid first: eleven months of nothing
    assert plan.balances["family"][10] == Decimal("5523.11")
    assert plan.minimums[1] == Decimal("534.72")  # the loan's instalment alone
    managed = lr.debts.plan_debts(debts, 600, strategy="debt_management", max_months=24)
    assert all(paid > 0 for paid in managed.payments["family"])
    assert managed.unpaid_months == {"family": 0, "loan": 0}
