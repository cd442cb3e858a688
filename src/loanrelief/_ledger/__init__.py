"""The ledger (internal).

Allocation, penalty, the replay book, statements, accounts, the court view,
prepayment.
"""
