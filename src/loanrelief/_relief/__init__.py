"""Relief (internal): drafts and levers, evaluation, negotiation, budgets, several debts."""
