"""A budget from income and expenses: the affordable payment and its rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr


def test_each_rule_can_bind() -> None:
    """Expenses, the living allowance or the debt-to-income ceiling sets the payment."""
    by_expenses = lr.Budget(8000, expenses=5000, obligations=800, debt_to_income="0.43")
    assert (by_expenses.affordable, by_expenses.binding) == (Decimal("2200.00"), "expenses")
    # 43 % of 8,000 is 3,440 for all debts; 800 go to other debts: 2,640 are left
    by_ceiling = lr.Budget(8000, expenses=2000, obligations=800, debt_to_income="0.43")
    assert by_ceiling.affordable == Decimal("2640.00")
    assert by_ceiling.binding == "debt-to-income ceiling"
    by_allowance = lr.Budget(8000, expenses=2000, obligations=800, living_allowance=6000)
    assert (by_allowance.affordable, by_allowance.binding) == (
        Decimal("1200.00"),
        "living allowance",
    )
    assert lr.Budget(5000, expenses=5200).affordable == 0


amounts = st.integers(0, 10**7).map(lambda cents: Decimal(cents) / 100)


@given(amounts, amounts, amounts, amounts, st.sampled_from([None, "0.3", "0.43", "0.5"]))
def test_the_affordable_payment_keeps_every_rule(
    income: Decimal, expenses: Decimal, other: Decimal, allowance: Decimal, ceiling: str | None
) -> None:
    """It leaves the expenses and the allowance, stays under the ceiling, and is the most."""
    budget = lr.Budget(
        income,
        expenses=expenses,
        obligations=other,
        living_allowance=allowance,
        debt_to_income=ceiling,
    )
    pay = budget.affordable
    assert pay >= 0
    if pay:
        assert income - expenses - other - pay >= 0
        assert income - other - pay >= allowance
        if ceiling is not None:
            assert other + pay <= Decimal(ceiling) * income
        limits = [income - expenses - other, income - allowance - other]
        if ceiling is not None:
            limits.append(Decimal(ceiling) * income - other)
        assert min(limits) - pay < Decimal("0.01")  # the most, to the cent below
    richer = lr.Budget(
        income + 100,
        expenses=expenses,
        obligations=other,
        living_allowance=allowance,
        debt_to_income=ceiling,
    )
    assert richer.affordable >= pay


def test_solve_takes_a_budget() -> None:
    """solve(budget=budget) solves for the budget's affordable payment."""
    loan = lr.Loan(30000, "0.24", 12, start=date(2024, 3, 1))
    state = lr.account_state(loan, as_of=date(2024, 8, 10))
    budget = lr.Budget(8000, expenses=5000, obligations=800)
    outcome = lr.solve(state, budget=budget)
    assert outcome.regular_payment <= budget.affordable
    assert outcome.regular_payment == lr.solve(state, max_payment="2200").regular_payment


@pytest.mark.parametrize(
    ("goals", "message"),
    [
        ({}, "given: none"),
        ({"max_payment": 2200, "budget": "B"}, "given: max_payment, budget"),
        ({"budget": "B", "payment_cut": "0.3"}, "given: budget, payment_cut"),
        ({"max_payment": "B"}, "a Budget goes to budget="),
        ({"budget": 2200}, "budget=2200 is not valid: a Budget"),
    ],
)
def test_solve_takes_one_goal_of_one_meaning(goals: dict[str, object], message: str) -> None:
    """A payment, a budget or a cut, exactly one; a Budget only as budget=, named if not."""
    loan = lr.Loan(30000, "0.24", 12, start=date(2024, 3, 1))
    state = lr.account_state(loan, as_of=date(2024, 8, 10))
    budget = lr.Budget(8000, expenses=5000, obligations=800)
    given = {name: budget if value == "B" else value for name, value in goals.items()}
    with pytest.raises(
        lr.InvalidValueError if "given" in message else lr.InvalidTypeError
    ) as error:
        lr.solve(state, **given)  # type: ignore[arg-type]
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"expenses": -1}, "expenses="),
        ({"obligations": "x"}, "obligations="),
        ({"debt_to_income": "1.5"}, "debt_to_income="),
        ({"living_allowance": float("nan")}, "living_allowance="),
    ],
)
def test_bad_budgets_are_refused(options: dict[str, object], field: str) -> None:
    """Each bad figure names itself."""
    with pytest.raises(lr.LoanReliefError, match=field):
        lr.Budget(8000, **options)  # type: ignore[arg-type]


def test_a_budget_pays_only_a_debt_in_its_own_currency() -> None:
    """A Budget naming another currency is refused; one naming none is the debt's."""
    yen = lr.account_state(
        lr.Loan(1200000, "0.12", 24, start=date(2024, 1, 10), currency="JPY"),
        as_of=date(2024, 5, 1),
    )
    dollars = lr.Budget(4000, expenses=2500, currency="USD")
    for call in (
        lambda: lr.solve(yen, budget=dollars),
        lambda: lr.debts.plan_debts([lr.debts.Debt("A", yen)], dollars),
    ):
        with pytest.raises(lr.InvalidTermsError, match=r"^budget=Budget\(.*currency JPY \(or in"):
            call()
    same = lr.Budget(400000, expenses=250000, currency="JPY")
    found = lr.solve(yen, budget=same)
    unnamed = lr.solve(yen, budget=lr.Budget(400000, expenses=250000))
    amount = lr.solve(yen, max_payment=150000)
    assert found.regular_payment == unnamed.regular_payment == amount.regular_payment <= 150000
    assert found.label == unnamed.label == amount.label
