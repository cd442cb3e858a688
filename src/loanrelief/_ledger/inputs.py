"""What an account is replayed with: payments, enforcement costs, and the inputs together.

:class:`Payment` and :class:`EnforcementCost` are dated amounts a user gives
:func:`~loanrelief._ledger.account.account_state`; :class:`ReplayInputs` holds every
input of one replay, checked, apart from its results
(:attr:`AccountState.inputs <loanrelief._ledger.account.AccountState.inputs>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import final

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Money, to_major, to_minor, trim
from loanrelief._foundations.validate import (
    an_instance,
)
from loanrelief._ledger.allocation import Allocation
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.replay import (
    Accrual,
)
from loanrelief._ledger.statement import Statement
from loanrelief.law._rules import Rule

__all__ = ["EnforcementCost", "Payment", "ReplayInputs"]

_Date = date  # the class, for a field that is itself called "date"


@final
@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received on a date, in major units.

    Examples
    --------
    >>> Payment(date(2024, 3, 1), "2500").amount
    Decimal('2500')
    >>> Payment(date(2024, 3, 1), 0)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: amount=0 is not valid: a positive amount
    """

    date: date
    amount: Decimal

    def __init__(self, date: _Date, amount: Money) -> None:
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "amount", _positive(date, amount))


@final
@dataclass(frozen=True, slots=True)
class EnforcementCost:
    """A cost of enforcing the claim, charged to the account on a date, in major units.

    Litigation costs, and lawyers' fees where the contract provides for them: the
    实现债权的有关费用 that Civil Code art. 561 pays first. No legal rule caps them.

    Examples
    --------
    >>> EnforcementCost(date(2025, 3, 1), "1200", "court fee").amount
    Decimal('1200')
    """

    date: date
    amount: Decimal
    label: str = ""

    def __init__(self, date: _Date, amount: Money, label: str = "") -> None:
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "amount", _positive(date, amount))
        object.__setattr__(self, "label", an_instance(label, str, "label", "a str"))


def _positive(day: object, amount: Money) -> Decimal:
    """Check a dated amount's date and return the amount, positive, up to four decimals."""
    if isinstance(day, datetime) or not isinstance(day, _Date):
        raise InvalidTypeError("date", day, "a datetime.date")
    minor = to_minor(amount, field="amount", digits=4, minimum=None)
    if minor <= 0:
        raise InvalidValueError("amount", amount, "a positive amount")
    return trim(to_major(minor, 4))


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayInputs:
    """What an account was replayed with: the inputs of :func:`account_state`, checked.

    Kept apart from the results on :attr:`AccountState.inputs`, so that the state can
    be replayed again to a later date, or under another rule (:meth:`AccountState.on`).

    Attributes
    ----------
    payments : tuple of Payment
    penalty_policy : PenaltyPolicy
    allocation : Allocation
    post_on : tuple of datetime.date
        Extra posting dates.
    rule : Rule or None
    enforcement_costs : tuple of EnforcementCost
    accrual : Accrual
    opening : Statement or None
        The statement the replay started from, if it did (``account_state(statement,
        ...)``); its arrears are the first instalment of the state's schedule.

    Examples
    --------
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          [lr.Payment(date(2024, 2, 1), 100)], as_of=date(2024, 3, 15))
    >>> state.inputs.payments == state.payments, state.inputs.rule
    (True, None)
    """

    payments: tuple[Payment, ...]
    penalty_policy: PenaltyPolicy
    allocation: Allocation
    post_on: tuple[date, ...] = ()
    rule: Rule | None = None
    enforcement_costs: tuple[EnforcementCost, ...] = ()
    accrual: Accrual = Accrual.SCHEDULED
    opening: Statement | None = None
