"""Typical user code, checked by ``mypy --strict`` in CI (``.ci/run``): the types users see.

Nothing here runs in the tests; it is type-checked only. Each ``assert_type`` states the
type a user's editor shows for a common call, so a change that loosens a public type
(to ``Any``, or to a union a user must narrow) fails CI.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, assert_type

import numpy as np
import numpy.typing as npt

import loanrelief as lr
from loanrelief.minor import Workout

loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
schedule = lr.amortize(loan)
assert_type(schedule, lr.Schedule)
assert_type(schedule.regular_payment, Decimal)
assert_type(schedule.total_interest, Decimal)
for row in schedule:
    assert_type(row, lr.Instalment)
    assert_type(row.interest, Decimal)

state = lr.account_state(loan, as_of=date(2024, 7, 1))
assert_type(state, lr.AccountState)
assert_type(state.payoff, Decimal)
assert_type(state.bucket, lr.Bucket)

outcome = lr.evaluate(state, lr.ExtendTerm(12))
assert_type(outcome, lr.Outcome)
assert_type(outcome.saving, Decimal)
comparison = lr.compare(state, [lr.ExtendTerm(12), lr.InstalmentPlan(36)])
assert_type(comparison, lr.Comparison)
for each in comparison:
    assert_type(each, lr.Outcome)

assert_type(lr.apr(schedule), float)
assert_type(lr.tvm.irr([-100.0, 60.0, 60.0]), float)

accounts = lr.batch.Portfolio(
    [50000, 8000], [0.18, 0.24], [24, 12], start=date(2024, 1, 15), as_of=date(2024, 7, 1)
)
assert_type(len(accounts), int)
states = lr.batch.overdue_states(accounts)
assert_type(states, dict[str, Any])
table = lr.batch.compare_levers(accounts, [lr.ExtendTerm(12)])
assert_type(table, lr.batch.LeverTable)
assert_type(table["total_paid"], npt.NDArray[Any])  # mixed kinds: money, counts, dates
best = table.best(budget=2000)
assert_type(best, npt.NDArray[np.int64])

court = lr.court_view(loan, as_of=date(2025, 7, 1), rule=lr.law.ChinaPrivateLending())
assert_type(court, lr.CourtView)

D = TypeVar("D", bound=Workout)  # type: ignore[type-arg]


class HalveFees:
    """An app's own lever: runs in ``evaluate`` and in ``batch.compare_levers``."""

    label = "halve the fees"

    def apply(self, draft: D) -> D:
        """Waive half of the fees due now (rounded in the loan's mode)."""
        half = draft.portion(draft.arrears.fees, Fraction(1, 2), None)
        return draft.with_changes(
            self.label,
            arrears=draft.arrears.plus("fees", -half),
            waived=draft.waived.plus("fees", half),
        )


lever: lr.Lever = HalveFees()
assert_type(lr.evaluate(state, lever).plan, lr.Plan)

statement = lr.Statement(
    as_of=date(2024, 6, 20),
    outstanding_principal="8432.10",
    overdue_principal="1810.00",
    days_past_due=97,
    annual_rate="0.24",
    next_due_date=date(2024, 7, 15),
    remaining_instalments=8,
)
from_statement = lr.account_state(statement, as_of=statement.as_of)
assert_type(from_statement, lr.AccountState)
assert_type(from_statement.to_statement(), lr.Statement)
chosen = lr.solve(from_statement, max_payment=800, objective="borrower")
assert_type(chosen.alternatives, tuple[lr.Alternative, ...])
debt_plan = lr.debts.plan_debts(
    [lr.debts.Debt("A", state), lr.debts.Debt("B", from_statement)], 3000
)
assert_type(debt_plan, lr.debts.DebtPlan)
assert_type(debt_plan.cleared["A"], date | None)
assert_type(
    lr.debts.compare_strategies([lr.debts.Debt("A", state)], 3000).plans,
    tuple[lr.debts.DebtPlan, ...],
)
card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
held = lr.cards.card_from_statement(
    card, statement_date=date(2024, 4, 7), balance=10000, minimum=1000, until=date(2024, 6, 20)
)
assert_type(held, lr.cards.CardHistory)
on_its_date = lr.cards.card_from_statement(card, statement_date=date(2024, 4, 7), balance=10000)
assert_type(on_its_date.horizon(payment=800), lr.cards.Horizon)
assert_type(held.court_view(until=date(2024, 9, 20)), lr.CourtView)
assert_type(lr.debts.Debt("C", held), lr.debts.Debt)
assert_type(lr.debts.Debt("D", statement).state, lr.AccountState)
assert_type(lr.Prepay(1000, keep="payment"), lr.Prepay)
