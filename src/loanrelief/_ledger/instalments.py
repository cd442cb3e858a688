"""An account's instalments as the replay leaves them: rows in minor units, and their statuses.

The replay (:func:`loanrelief._ledger.account.account_state`) ends with one row per
instalment it reached; the instalments after them are the schedule's own rows. An
:class:`InstalmentRows` holds both, a frozen value the :class:`AccountState
<loanrelief._ledger.account.AccountState>` keeps: the engines read its minor-unit rows
(the workout's draft starts from :attr:`InstalmentRows.due_now`, :attr:`~InstalmentRows.ahead`),
a user reads the :class:`InstalmentStatus` of each in major units.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any, final

from loanrelief._foundations.money import exact_decimals, to_major
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import Choice
from loanrelief._ledger.replay import join_capitalized, split_capitalized
from loanrelief._loans.schedule import Schedule

__all__ = [
    "BUCKET_LIMITS",
    "ROW_FIELDS",
    "Bucket",
    "InstalmentStatus",
    "InstalmentRows",
    "schedule_rows",
]

Row = tuple[Any, ...]
"""One instalment's row: number, due date, days late, then the money of ``ROW_FIELDS``."""

_ROW_MONEY = (
    "scheduled_payment",
    "principal_due",
    "interest_due",
    "penalty_due",
    "fees_due",
    "paid",
    "penalty_charged",
    "compound_charged",
    "default_interest_charged",
    "late_fees_charged",
    "capitalized",
)
"""The money of an :class:`InstalmentStatus`, in the order of :attr:`InstalmentRows.rows`."""
ROW_FIELDS = ("number", "due_date", "days_late", *_ROW_MONEY)
"""The fields of each of :attr:`InstalmentRows.rows` (money in minor units), in order."""


BUCKET_LIMITS = (0, 29, 59, 89)
"""The most days past due of each bucket but the last (``current`` is 0 days)."""


class Bucket(Choice):
    """A delinquency bucket by days past due.

    Examples
    --------
    >>> Bucket.of(0), Bucket.of(45), Bucket.of(120)
    (<Bucket.CURRENT: 'current'>, <Bucket.DAYS_30_59: '30-59'>, <Bucket.DAYS_90_PLUS: '90+'>)
    """

    CURRENT = "current"
    DAYS_1_29 = "1-29"
    DAYS_30_59 = "30-59"
    DAYS_60_89 = "60-89"
    DAYS_90_PLUS = "90+"

    @classmethod
    def of(cls, days_past_due: int) -> Bucket:
        """Return the bucket of a number of days past due (:data:`BUCKET_LIMITS`)."""
        return list(cls)[bisect.bisect_left(BUCKET_LIMITS, days_past_due)]


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class InstalmentStatus:
    """Where one instalment stands on the date of the state.

    Attributes
    ----------
    number : int
    due_date : datetime.date
    scheduled_payment : Decimal
        Principal plus interest as scheduled (plus the instalment fee in ``fees_due``).
    days_late : int
        Days past the due date while principal or interest is unpaid; 0 otherwise.
    principal_due, interest_due, penalty_due, fees_due : Decimal
        What is owed on each component (charged or scheduled, less paid) if the
        instalment has fallen due; future instalments show their scheduled amounts.
    paid : Decimal
        Everything paid on this instalment.
    penalty_charged, compound_charged, default_interest_charged, late_fees_charged : Decimal
        Charges for lateness on it, as far as the legal rule (if any) allows them.
    capitalized : Decimal
        Interest of its period beyond its payment, added to the principal on its due
        date rather than due (a capitalizing grace period, or a long first period whose
        interest exceeds the level payment); the later instalments' principal repays
        it. ``interest_due`` is the rest of the period's interest.

    Examples
    --------
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> first = state.instalments[0]
    >>> first.days_late, first.principal_due, first.is_due
    (43, Decimal('100.00'), True)
    """

    number: int
    due_date: date
    scheduled_payment: Decimal
    days_late: int
    principal_due: Decimal
    interest_due: Decimal
    penalty_due: Decimal
    fees_due: Decimal
    paid: Decimal
    penalty_charged: Decimal
    compound_charged: Decimal
    default_interest_charged: Decimal
    late_fees_charged: Decimal
    capitalized: Decimal

    __repr__ = result_repr_of("number", "due_date", "scheduled_payment", "days_late")

    @property
    def is_due(self) -> bool:
        """Whether the instalment has fallen due."""
        return self.days_late >= 0

    @property
    @exact_decimals
    def total_due(self) -> Decimal:
        """Everything owed on the instalment."""
        return self.principal_due + self.interest_due + self.penalty_due + self.fees_due


@final
@dataclass(frozen=True, eq=False)
class InstalmentRows:
    """The instalment rows of an account on its date, in minor units (internal).

    A value: made once by the replay, never changed. The rows after those the replay
    reached are the schedule's own (:func:`schedule_rows`); they, and what is read from
    them (the statuses, the rows due and ahead), are worked out when first asked for
    and kept in the value itself. It holds no reference to the state that holds it, so
    a state is freed as soon as its last reference goes.

    Attributes
    ----------
    reached : tuple of tuple
        The rows the replay reached, in :data:`ROW_FIELDS` order (money in minor units).
    schedule : Schedule
        The schedule replayed; its rows after ``reached`` are the instalments untouched.
    as_of : datetime.date
        The date of the state.

    Examples
    --------
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> rows = state._instalments
    >>> rows.due_now, rows.balance, len(rows.ahead), rows.next_payment
    ((20000, 0, 0, 0), 100000, 10, 10000)
    """

    reached: tuple[Row, ...]
    schedule: Schedule
    as_of: date

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """Every instalment's row: those reached, then the schedule's."""
        return self.reached + schedule_rows(self.schedule, len(self.reached))

    @cached_property
    def statuses(self) -> tuple[InstalmentStatus, ...]:
        """Each instalment's :class:`InstalmentStatus` (money in major units)."""
        digits = self.schedule.loan.digits
        return tuple(
            InstalmentStatus(
                number=number,
                due_date=due,
                days_late=late,
                **{name: to_major(v, digits) for name, v in zip(_ROW_MONEY, money, strict=True)},
            )
            for number, due, late, *money in self.rows
        )

    @cached_property
    def ahead(self) -> tuple[Row, ...]:
        """The rows of the instalments falling due after :attr:`as_of`, in order."""
        return tuple(row for row in self.rows if row[1] > self.as_of)

    @cached_property
    def due_now(self) -> tuple[int, int, int, int]:
        """Principal, interest, penalty and fees owed on the instalments due by :attr:`as_of`."""
        principal = interest = penalty = fees = 0
        for row in self.rows:
            if row[1] <= self.as_of:
                principal += row[_PRINCIPAL]
                interest += row[_INTEREST]
                penalty += row[_PENALTY]
                fees += row[_FEES]
        return principal, interest, penalty, fees

    @cached_property
    def balance(self) -> int:
        """The principal of the instalments ahead, interest still to be capitalized left out.

        A row that capitalizes interest adds it to the principal only on its due date
        (:func:`~loanrelief._ledger.replay.join_capitalized`): it is not principal owed yet.
        """
        return sum(
            join_capitalized(row[_PRINCIPAL], row[_INTEREST], row[_CAPITALIZED])[0]
            for row in self.ahead
        )

    @property
    def next_payment(self) -> int:
        """The next instalment's payment as scheduled (0 when none is ahead)."""
        return self.ahead[0][_SCHEDULED] if self.ahead else 0

    @property
    def next_due(self) -> date | None:
        """The next due date after :attr:`as_of`, if any."""
        return self.ahead[0][1] if self.ahead else None


_SCHEDULED, _PRINCIPAL, _INTEREST, _PENALTY, _FEES, _CAPITALIZED = (
    ROW_FIELDS.index(name)
    for name in (
        "scheduled_payment",
        "principal_due",
        "interest_due",
        "penalty_due",
        "fees_due",
        "capitalized",
    )
)


def schedule_rows(schedule: Schedule, start: int) -> tuple[tuple[Any, ...], ...]:
    """Rows of the instalments from ``start`` (0-based) as the schedule has them.

    Nothing paid or charged on them, none due: each shows its scheduled principal,
    interest and fee, as the replay would (a row that capitalizes interest, its payment
    as interest and the rest as capitalized, as :class:`~loanrelief._ledger.book.Book`
    reads it: :func:`~loanrelief._ledger.replay.split_capitalized`).
    """
    columns = schedule.minor_columns
    payment = columns["payment"][start:].tolist()
    parts = split_capitalized(
        columns["principal"][start:].tolist(), columns["interest"][start:].tolist()
    )
    fee = columns["fee"][start:].tolist()
    due = schedule.due_dates[start:].astype(object).tolist()
    return tuple(
        (
            start + k + 1,
            due[k],
            -1,
            scheduled,
            principal,
            interest,
            0,
            f,
            0,
            0,
            0,
            0,
            0,
            capitalized,
        )
        for k, (scheduled, principal, interest, capitalized, f) in enumerate(
            zip(payment, *parts, fee, strict=True)
        )
    )
