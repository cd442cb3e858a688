"""Time the planner for several debts against the loop a user would write instead.

Eight debts (three overdue, with penalty interest), a monthly budget, avalanche, to
the end (about five years). The peer is the usual spreadsheet-style loop in floats:
each month, interest on each balance at its monthly rate, the minimum payments, then
the rest to the highest rate. It knows nothing of due dates, arrears, penalties,
allocation order or cents, which the planner replays exactly; the ratio is what that
exactness costs.

Run ``python -m pytest benchmarks --benchmark-only`` to print the tables; the figures
are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

from datetime import date

import pytest

import loanrelief as lr

START = date(2024, 6, 20)
POLICY = lr.PenaltyPolicy(rate_multiplier="1.5")
TERMS = [  # principal, annual rate, instalments left, overdue principal, days past due
    (8432.10, "0.24", 8, 1810, 97),
    (5000, "0.18", 10, 1200, 45),
    (2400, "0.36", 6, 0, 0),
    (12000, "0.15", 24, 0, 0),
    (3000, "0.30", 12, 600, 30),
    (20000, "0.10", 36, 0, 0),
    (1500, "0.36", 5, 0, 0),
    (7000, "0.20", 18, 0, 0),
]


def debts() -> list[lr.debts.Debt]:
    made = []
    for k, (owed, rate, left, overdue, late) in enumerate(TERMS):
        statement = lr.Statement(
            as_of=START,
            outstanding_principal=owed,
            overdue_principal=overdue,
            days_past_due=late,
            annual_rate=rate,
            next_due_date=date(2024, 7, 1 + k),
            remaining_instalments=left,
        )
        made.append(
            lr.debts.Debt(f"D{k}", lr.account_state(statement, as_of=START, penalty=POLICY))
        )
    return made


DEBTS = debts()
BUDGET = 3000


def float_avalanche() -> int:
    """Run the spreadsheet loop: monthly interest, minimums, the rest to the highest rate."""
    balances = [float(owed) for owed, *_ in TERMS]
    rates = [float(rate) / 12 for _, rate, *_ in TERMS]
    minimums = [
        owed * r / (1 - (1 + r) ** -left)
        for (owed, _, left, *_), r in zip(TERMS, rates, strict=True)
    ]
    months = 0
    while any(b > 0.005 for b in balances) and months < 600:
        months += 1
        left = float(BUDGET)
        for i, r in enumerate(rates):
            balances[i] *= 1 + r
            pay = min(minimums[i], balances[i], left)
            balances[i] -= pay
            left -= pay
        for i in sorted(range(len(rates)), key=lambda i: -rates[i]):
            pay = min(balances[i], left)
            balances[i] -= pay
            left -= pay
    return months


@pytest.mark.benchmark(group="eight debts, avalanche, to the end")
def test_loanrelief_plan_debts(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: every payment placed by each debt's replay, in cents."""
    plan = benchmark(lr.debts.plan_debts, DEBTS, BUDGET, strategy="avalanche")
    assert plan.debt_free is not None


@pytest.mark.benchmark(group="eight debts, avalanche, to the end")
def test_float_loop(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The loop a user would write: floats, monthly interest, no arrears."""
    assert 0 < benchmark(float_avalanche) < 600


@pytest.mark.benchmark(group="eight debts, every strategy")
def test_loanrelief_compare_strategies(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the five strategies (least cost simulates the four orders)."""
    comparison = benchmark(lr.debts.compare_strategies, DEBTS, BUDGET)
    assert len(comparison.plans) == len(lr.debts.Strategy)
