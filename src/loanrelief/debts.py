"""Several debts at once: one budget shared by every creditor, and the strategies.

- :class:`Debt`: one creditor's account (a loan's :class:`loanrelief.AccountState`, a
  card's history), with the relief agreed on it, if any;
- :func:`plan_debts`: pay them all from one monthly budget under a :class:`Strategy`
  (avalanche, snowball, pro rata, debt management, least cost), giving a
  :class:`DebtPlan` with a :class:`DebtOffer` per creditor under debt management;
- :func:`compare_strategies`: every strategy on the same debts and budget, as a
  :class:`StrategyComparison`.

Examples
--------
>>> from datetime import date
>>> import loanrelief as lr
>>> from loanrelief import debts
>>> loan = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
...                         as_of=date(2024, 5, 1))
>>> card = lr.cards.card_from_statement(lr.cards.Card(statement_day=7, daily_rate="0.0005"),
...                                     statement_date=date(2024, 4, 7), balance=3000)
>>> plan = debts.plan_debts([debts.Debt("loan", loan), debts.Debt("card", card)], 1200,
...                         strategy="avalanche")
>>> plan.debt_free, plan.total_paid
(datetime.date(2025, 1, 1), Decimal('9960.00'))
"""

from loanrelief._relief.debt_plan import DebtOffer, DebtPlan, Strategy, StrategyComparison
from loanrelief._relief.debts import Debt, compare_strategies, plan_debts

__all__ = [
    "Debt",
    "DebtOffer",
    "DebtPlan",
    "Strategy",
    "StrategyComparison",
    "compare_strategies",
    "plan_debts",
]
