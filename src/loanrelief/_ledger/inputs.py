"""What an account is replayed with: payments, enforcement costs, and their checks.

:class:`Payment` and :class:`EnforcementCost` are dated amounts a user gives
:func:`~loanrelief._ledger.account.account_state`; :class:`ReplayInputs` holds every
input of one replay, checked, apart from its results (kept privately on
:class:`~loanrelief._ledger.account.AccountState`, which reads each as a property). The
checks of those inputs live here too: the schedule a loan, schedule or statement is
replayed against (:func:`schedule_of`), the US Rule's fit (:func:`us_rule_fits`), the
dates of payments and costs (:func:`dated`), and the work repeated late fees ask
(:func:`check_fee_work`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar, final

from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Money, to_major, to_minor, trim
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    a_sequence,
    an_instance,
)
from loanrelief._ledger.allocation import Allocation
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.replay import (
    Accrual,
)
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import amortize
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Grace, InterestBasis, Loan, Method
from loanrelief.law._rules import Rule

__all__ = [
    "EnforcementCost",
    "Payment",
    "ReplayInputs",
    "check_fee_work",
    "dated",
    "schedule_of",
    "us_rule_fits",
]

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

    __repr__ = short_repr

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

    __repr__ = short_repr

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

    Kept apart from the results, privately on the :class:`AccountState` (which reads
    each input as a property: ``state.payments``, ``state.rule``, ...), so that the
    state can be replayed again to a later date, or under another rule
    (:meth:`AccountState.on`). Not public: no function takes one.

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
    >>> state._inputs.payments == state.payments, state._inputs.rule
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


def schedule_of(loan_or_schedule: Loan | Schedule | Statement, rule: Rule | None) -> Schedule:
    if isinstance(loan_or_schedule, Statement):
        if rule is not None:
            raise InvalidTermsError(
                "rule",
                rule.name,
                "None with a statement: a rule's ceilings are measured from the loan's "
                "whole history (principal in use since it was made, overdue principal from "
                "each due date), which a statement does not show; replay the contract and "
                "its payments (account_state(loan, payments, rule=...)) for the court view",
            )
        return loan_or_schedule.schedule
    if isinstance(loan_or_schedule, Schedule):
        schedule = loan_or_schedule
    elif isinstance(loan_or_schedule, Loan):
        schedule = amortize(loan_or_schedule)
    else:
        raise InvalidTypeError("loan", loan_or_schedule, "a Loan, a Schedule or a Statement")
    if rule is None:
        return schedule
    recognised = rule.recognised(schedule.loan)
    if not isinstance(recognised, Loan):
        raise InvalidTypeError("rule", rule, "a Rule whose recognised() returns a Loan")
    return schedule if recognised == schedule.loan else amortize(recognised)


def us_rule_fits(accrual: Accrual, schedule: Schedule, policy: PenaltyPolicy) -> Accrual:
    """Return ``accrual``, or refuse the US Rule on a loan whose schedule it cannot keep."""
    if accrual is not Accrual.US_RULE:
        return accrual
    loan = schedule.loan
    principal = schedule.minor_columns["principal"]
    if loan.interest_basis is not InterestBasis.DAY_COUNT:
        reason = "a loan made by day count (Loan(interest_basis='day_count')): its schedule"
        reason += " accrues as the US Rule does, so payments on time match it"
    elif loan.method is Method.FLAT:
        reason = "an amortizing loan: flat interest is charged on the original principal"
    elif loan.grace is Grace.CAPITALIZE and loan.grace_periods:
        reason = "a loan without capitalized grace: the US Rule never adds interest to principal"
    elif len(principal) and principal.min() < 0:
        number = int(principal.argmin()) + 1
        reason = "a schedule whose payments cover their interest: the US Rule never adds"
        reason += f" interest to principal (instalment {number} pays less than its interest)"
    elif policy.interest_continues:
        reason = "PenaltyPolicy(interest_continues=False): under the US Rule the contract"
        reason += " rate already runs on overdue principal"
    else:
        return accrual
    raise InvalidTermsError("accrual", accrual.value, reason)


_T = TypeVar("_T", Payment, EnforcementCost)


def dated(
    items: Iterable[_T], field: str, kind: type[_T], start: date, end: date
) -> tuple[_T, ...]:
    """Return payments or costs if each is one, dated from ``start`` to ``end``, else raise."""
    checked = a_sequence(items, field)
    for k, item in enumerate(checked):
        if not isinstance(item, kind):
            raise InvalidTypeError(f"{field}[{k}]", item, f"a {kind.__name__}(date, amount)")
        if not start <= item.date <= end:
            raise InvalidValueError(
                f"{field}[{k}].date",
                item.date,
                f"a date from {start} (the start) to as_of {end}",
            )
    return checked


_MOST_FEE_WORK = 50_000  # repeated-fee dates x instalments a replay may walk (about 1.5 s)


def check_fee_work(policy: PenaltyPolicy, schedule: Schedule, as_of: date) -> None:
    """Refuse repeated late fees that would make the replay stop too often to finish soon.

    Every repeated fee is a posting date of its own (it posts what accrued first), and
    each stop walks every instalment due; daily fees over years on a long loan would
    take minutes.
    """
    every = policy.late_fee_every_days or 30 * (policy.late_fee_every_months or 0)
    if not every:
        return
    due = [day for day in schedule.due_dates.astype(object).tolist() if day <= as_of]
    if not due:
        return
    stops = (as_of - due[0]).days // every + len(due)
    if stops * len(due) > _MOST_FEE_WORK:
        option = "late_fee_every_days" if policy.late_fee_every_days else "late_fee_every_months"
        raise InvalidValueError(
            f"penalty.{option}",
            getattr(policy, option),
            f"repeated fees that fall at most {_MOST_FEE_WORK:,} times x instalments before "
            f"as_of (this account: {stops:,} fee dates x {len(due)} instalments); use "
            "a longer interval or an earlier as_of",
        )
