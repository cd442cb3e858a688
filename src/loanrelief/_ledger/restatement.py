"""An account's state written as a lender's statement: the figures and the instalments left.

:meth:`AccountState.to_statement <loanrelief._ledger.account.AccountState.to_statement>`
calls :func:`statement_of`, so that ``account_state(statement, as_of=state.as_of)``
replays the same account from the statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._ledger.replay import Accrual, join_capitalized
from loanrelief._ledger.statement import Statement
from loanrelief._loans.terms import Method

if TYPE_CHECKING:
    from loanrelief._ledger.account import AccountState

__all__ = ["statement_of"]


def statement_of(state: AccountState) -> Statement:
    """Return what a lender's statement of ``state`` shows on its date.

    See :meth:`AccountState.to_statement
    <loanrelief._ledger.account.AccountState.to_statement>`, which this is.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> statement_of(state).overdue_principal
    Decimal('200.00')
    """
    loan = state.loan
    if state.rule is not None or state.accrual is not Accrual.SCHEDULED:
        raise InvalidTermsError(
            "state",
            state,
            "a state replayed as the contract has it (no rule, scheduled interest): "
            "a statement shows the contract's figures",
        )
    if not state.outstanding_principal:
        raise InvalidTermsError(
            "state", state, "an account with principal outstanding (this one is repaid)"
        )
    if loan.method in (Method.BULLET, Method.BALLOON):
        raise InvalidTermsError(
            "state",
            loan.method.value,
            "an instalment loan: a bullet's or balloon's one long period is not a statement's",
        )
    before = [row.due_date for row in state.instalments if row.due_date < state.as_of]
    ahead = [row for row in state.instalments if row.due_date >= state.as_of]
    return Statement(
        as_of=state.as_of,
        outstanding_principal=state.outstanding_principal,
        annual_rate=loan.annual_rate,
        overdue_principal=state.overdue_principal,
        overdue_interest=state.overdue_interest,
        penalty=state.penalty,
        fees=state.fees,
        costs=state.costs,
        days_past_due=state.days_past_due,
        accrued_interest=state.accrued_interest,
        total=state.payoff,
        # Rows still to capitalize interest as the schedule has them (negative principal).
        instalments=[
            (row.due_date, row.principal_due, row.interest_due)
            if row.due_date == state.as_of
            else (
                row.due_date,
                *join_capitalized(row.principal_due, row.interest_due, row.capitalized),
            )
            for row in ahead
        ],
        period_start=max([loan.start, *before]),
        method=loan.method,
        frequency=loan.frequency,
        day_count=loan.day_count,
        interest_basis=loan.interest_basis,
        end_of_month=loan.end_of_month,
        instalment_fee=loan.instalment_fee,
        currency=loan.currency,
        rounding=loan.rounding,
    )
