"""Credit cards.

Terms, statements, the minimum-payment horizon, card instalments, and the card ledger
under a cap.

Examples
--------
>>> from datetime import date
>>> import loanrelief as lr
>>> from loanrelief import cards
>>> card = cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
>>> spent = [cards.CardTransaction(date(2024, 3, 8), 10000)]
>>> state = cards.card_statements(card, spent, until=date(2024, 6, 20)).account()
>>> state.days_past_due, state.payoff
(54, Decimal('10694.10'))
"""

from loanrelief.cards._cards import (
    CardHistory,
    CardStatement,
    card_court_view,
    card_from_statement,
    card_statements,
)
from loanrelief.cards._horizon import (
    CardInstalment,
    EarlyRepayment,
    Horizon,
    card_instalment,
    minimum_payment_horizon,
    payment_to_repay,
)
from loanrelief.cards._terms import (
    Card,
    CardTransaction,
    InterestRule,
    MinimumRule,
    PaymentOrder,
    PeriodicRate,
    TransactionKind,
)

__all__ = [
    "Card",
    "CardHistory",
    "CardInstalment",
    "CardStatement",
    "CardTransaction",
    "EarlyRepayment",
    "Horizon",
    "InterestRule",
    "MinimumRule",
    "PaymentOrder",
    "PeriodicRate",
    "TransactionKind",
    "card_court_view",
    "card_from_statement",
    "card_instalment",
    "card_statements",
    "minimum_payment_horizon",
    "payment_to_repay",
]
