"""Credit cards.

Terms, statements, the minimum-payment horizon, card instalments, and the card ledger
under a cap.

Examples
--------
>>> import loanrelief as lr
>>> lr.cards.Card is lr.Card
True
"""

from loanrelief.cards._cards import (
    Card,
    CardCourtView,
    CardHistory,
    CardInstalment,
    CardStatement,
    CardTransaction,
    EarlyRepayment,
    Horizon,
    InterestRule,
    MinimumRule,
    PaymentOrder,
    PeriodicRate,
    TransactionKind,
    card_court_view,
    card_from_statement,
    card_instalment,
    card_statements,
    minimum_payment_horizon,
    payment_to_repay,
)

__all__ = [
    "Card",
    "CardCourtView",
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
