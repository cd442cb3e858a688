"""A loan's terms on the book: what only a schedule of instalments owes.

:class:`ScheduleTerms` holds the parts of a :class:`~loanrelief._ledger.book.Book`
that a loan's schedule defines and any other source of slots would define its own
way: interest accrued by day under the US Rule, the current period's interest so far,
an early payoff's cancelled interest and capitalization (:meth:`ScheduleTerms.close`),
and lateness (an instalment missed after its grace days, its late fee and the fees
that repeat). :class:`Terms` is what the book and its replay ask of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from loanrelief._foundations.dates import grid_dates, shift_months
from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import minor_of, round_ratio
from loanrelief._ledger.allocation import Component
from loanrelief._ledger.ceilings import _ZERO
from loanrelief._ledger.penalty import GraceFrom
from loanrelief._ledger.replay import EntryKind
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import accrued_share, loan_years
from loanrelief.law._rules import Charge

if TYPE_CHECKING:
    from loanrelief._ledger.book import Book

__all__ = ["ScheduleTerms", "Terms"]


class Terms(Protocol):
    """What a book asks of the terms its slots are owed under (the loan's today)."""

    daily: list[Fraction] | None  # contract interest accrued by day, where it is
    missed: list[bool]  # each slot missed: late, its grace days over
    fees_on: dict[date, list[int]]  # the slots whose repeated late fee falls on a day

    def open(self, statement: Statement) -> None:
        """Start from a statement's arrears as charged so far."""

    def accrue(self, start: date, end: date) -> None:
        """Accrue contract interest by day over ``[start, end)``, where it accrues so."""

    def daily_interest(self, i: int) -> int:
        """Return slot ``i``'s contract interest accrued by day so far, rounded once."""

    def accrued_interest(self, day: date) -> int:
        """Return the current period's contract interest up to ``day``."""

    def close(self, day: date, amount: int) -> int:
        """Settle early with ``amount``, the principal all repaid; return what is left."""

    def check_grace(self, day: date) -> None:
        """Mark the slots whose grace ends on the day before ``day`` missed."""

    def repeat_fees(self, day: date) -> None:
        """Charge the repeated late fees that fall due on ``day``."""


class ScheduleTerms:
    """A loan's schedule as the terms of its book (:class:`Terms`).

    Parameters
    ----------
    book : Book
        The book whose instalments these terms accrue, close and mark late; its
        columns are read and written here.
    us_rule : bool
        Whether contract interest accrues by day on the unpaid principal (the US Rule)
        rather than as the schedule charges it.
    """

    def __init__(self, book: Book, *, us_rule: bool) -> None:
        self.book = book
        count = len(book.due)
        # Under the US Rule: each instalment's interest accrued by day, exact.
        self.daily: list[Fraction] | None = [_ZERO] * count if us_rule else None
        # ... accrued period by period of the loan's own grid (a bullet's every period),
        # as its schedule accrues, so that payments on time match the schedule exactly.
        self.edges: list[date] = self._grid() if us_rule else []
        self.missed = [False] * count
        # An instalment is missed on the first day after its grace days.
        self.missed_after = timedelta(days=book.policy.grace_days + 1)
        self.next_fee: list[date | None] = [None] * count
        self.fees_on: dict[date, list[int]] = {}  # repeated late fees, by the date they fall
        self.fee_count = [0] * count

    def _grid(self) -> list[date]:
        """Return the loan's start and the due dates of its own grid, every period."""
        loan = self.book.loan
        grid = grid_dates(
            loan.start, loan.term, loan.frequency, loan.first_due_date, loan.end_of_month
        )
        return [loan.start, *grid.astype(object).tolist()]

    def open(self, statement: Statement) -> None:
        """Start from a statement's arrears (the first instalment) as charged so far.

        The arrears instalment is missed once its grace days are over, with the
        statement's penalty as exact as it is shown and its fees as late fees charged;
        repeated late fees go on from their own dates.
        """
        book = self.book
        if not statement.arrears:
            return
        policy = book.policy
        late = statement.days_past_due
        self.missed[0] = late > policy.grace_days or not late
        target = book.exact if self.missed[0] else book.grace_exact
        target[Charge.PENALTY][0] = Fraction(minor_of(statement.penalty, book.digits))
        book.late[0] = minor_of(statement.fees, book.digits)
        every = policy.late_fee_every_days, policy.late_fee_every_months
        if not late or not self.missed[0] or not any(every):
            return
        first = book.due[0] + timedelta(days=policy.grace_days + 1)
        count = 1
        while (when := self.fee_date(first, count)) is not None and when <= book.start:
            count += 1
        self.fee_count[0] = count
        self.schedule_fee(0, when)

    def accrue(self, start: date, end: date) -> None:
        """US Rule: simple interest on the unpaid principal over ``[start, end)``.

        Within each period of the loan's grid the fraction is the difference of year
        fractions from the period's start, so a period with one balance earns exactly
        the schedule's ``rate x balance x year_fraction(period)`` whatever the stops
        inside it; past the last due date, fractions run from that date.
        """
        book = self.book
        if self.daily is None:  # interest by the schedule: nothing accrues by day
            return
        outstanding = book.loan.principal_minor - book.principal_paid
        if outstanding <= 0 or not book.loan.rate:
            return
        edges = self.edges
        k = bisect_right(edges, start)  # edges[k - 1] <= start < edges[k]
        cursor = start
        while cursor < end:
            begin = edges[k - 1] if k < len(edges) else edges[-1]
            stop = min(edges[k], end) if k < len(edges) else end
            reference = book.due[0]  # a date of the loan's schedule (ICMA)
            # The schedule's day count: its last due date is the termination date
            # (30E/360 (ISDA) keeps a February end there).
            years = loan_years(
                book.loan, begin, stop, reference=reference, maturity=edges[-1]
            ) - loan_years(book.loan, begin, cursor, reference=reference, maturity=edges[-1])
            current = book.current_period(cursor)
            index = len(book.due) - 1 if current is None else current
            self.daily[index] += book.loan.rate * outstanding * years
            cursor, k = stop, k + 1

    def daily_interest(self, i: int) -> int:
        """Return instalment ``i``'s interest accrued by day so far (US Rule), rounded once."""
        assert self.daily is not None  # the caller's condition
        exact = self.daily[i]
        book = self.book
        return round_ratio(exact.numerator, exact.denominator, book.loan.rounding)

    def close(self, day: date, amount: int) -> int:
        """All principal is repaid early: interest stops at ``day``."""
        book = self.book
        book.settled_on = day
        current = book.current_period(day)
        if current is None:
            return amount
        if self.daily is not None:  # nothing accrues past today: no interest to cancel
            book.closed_from = current
            book.kept = book.allowed(day, payable=True)
            return book.settle(day, current, Component.INTEREST, amount, "due")
        accrued = self.accrued_interest(day)
        # Interest the later rows would have capitalized is never charged: the principal
        # that would have repaid it goes too. place() calls this once nothing else is
        # outstanding (the due rows paid): it is all that these rows have unpaid.
        cancelled = book.pending(day)
        if cancelled:
            book.total_principal -= cancelled
            paid = book.paid[Component.PRINCIPAL]
            for i in range(current, len(book.due)):
                book.principal[i] = paid[i]
        for i in range(current, len(book.due)):
            kept = max(accrued if i == current else 0, book.paid[Charge.CONTRACT_INTEREST][i])
            cancel = book.scheduled_interest[i] - kept
            book.interest[i] = min(book.scheduled_interest[i], kept)  # all due in cash now
            book.capitalized[i] = 0
            if cancel > 0:
                waived = EntryKind.WAIVED
                book.record(day, i, Component.INTEREST, cancel, kind=waived, detail="early payoff")
        book.closed_from = current
        book.kept = book.allowed(day, payable=True)
        return book.settle(day, current, Component.INTEREST, amount, "due")

    def accrued_interest(self, day: date) -> int:
        """Contract interest of the current period up to ``day``, by days elapsed."""
        book = self.book
        current = book.current_period(day)
        if current is None:
            return 0
        if self.daily is not None:
            return self.daily_interest(current)
        if current >= book.closed_from:
            return book.interest[current]
        return accrued_share(
            book.scheduled_interest[current],  # the period's, capitalized or not
            book.begin(current),
            book.due[current],
            day,
            book.loan.rounding,
        )

    def fee_date(self, first: date, count: int) -> date | None:
        """Return the date of the late fee after ``count`` fees, the first on ``first``.

        ``None`` past 9999-12-31: a fee the calendar never reaches.
        """
        book = self.book
        policy = book.policy
        if policy.late_fee_every_days:
            days = policy.late_fee_every_days * count
            return first + timedelta(days=days) if days <= (date.max - first).days else None
        try:  # shift_months refuses only a month past 9999 (these never go back)
            return shift_months(first, (policy.late_fee_every_months or 0) * count)
        except InvalidTermsError:
            return None

    # -- lateness -------------------------------------------------------------------
    def check_grace(self, day: date) -> None:
        """On the first day after its grace: mark an unpaid instalment missed, charge the fee."""
        book = self.book
        policy = book.policy
        if (day - date.min) < self.missed_after:  # no due date so early: none to mark
            return
        over = day - self.missed_after
        for i in range(bisect_left(book.due, over), bisect_right(book.due, over)):
            if self.missed[i]:
                continue
            if sum(book.contract_unpaid(i)) <= 0:
                for column in book.grace_exact.values():
                    column[i] = _ZERO
                continue
            self.missed[i] = True
            for kind, column in book.grace_exact.items():
                if policy.grace_from is GraceFrom.DUE_DATE:
                    book.exact[kind][i] += column[i]
                column[i] = _ZERO
            self.late_fee(day, i)

    def late_fee(self, day: date, i: int) -> None:
        """Charge instalment ``i``'s late fee and schedule the next, if fees repeat."""
        book = self.book
        overdue = sum(book.contract_unpaid(i))
        if overdue <= 0:
            return
        book.late[i] += book.policy.late_fee_amount(overdue, book.digits)
        self.fee_count[i] += 1
        policy = book.policy
        if policy.late_fee_every_days or policy.late_fee_every_months:
            first = book.due[i] + timedelta(days=policy.grace_days + 1)
            self.schedule_fee(i, self.fee_date(first, self.fee_count[i]))

    def schedule_fee(self, i: int, when: date | None) -> None:
        """Set the date of instalment ``i``'s next repeated late fee."""
        self.next_fee[i] = when
        if when is not None:
            self.fees_on.setdefault(when, []).append(i)

    def repeat_fees(self, day: date) -> None:
        """Charge the repeated late fees that fall due on ``day``."""
        for i in self.fees_on.pop(day, ()):
            if self.next_fee[i] == day:
                self.next_fee[i] = None
                self.late_fee(day, i)
