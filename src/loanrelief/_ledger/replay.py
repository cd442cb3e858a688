"""The replay: a loan's book walked through its due dates and payments.

:func:`replay` drives a :class:`~loanrelief._ledger.book.Book` from its start to a
date, stopping wherever something happens (a due date, the end of a grace, a payment,
a repeated late fee, a change of a rule's rate). Beside it the records a book keeps
(:class:`LedgerEntry`, :class:`EntryKind`), how it accrues contract interest
(:class:`Accrual`) and how a schedule's row splits into what falls due and what it
capitalizes (:func:`split_capitalized`, :func:`join_capitalized`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar, final

from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import Choice
from loanrelief._ledger.allocation import Component, Surplus

if TYPE_CHECKING:
    from loanrelief._ledger.book import Book

__all__ = [
    "Accrual",
    "EntryKind",
    "LedgerEntry",
    "join_capitalized",
    "replay",
    "split_capitalized",
]


@final
class Accrual(Choice):
    """How a replay charges contract interest.

    Attributes
    ----------
    SCHEDULED
        Each instalment's interest as its schedule has it, whenever it is paid
        (precomputed interest; lateness costs only what the penalty policy charges).
    US_RULE
        Simple interest by day on the unpaid principal, due or not, at the contract
        rate and the loan's day count; each payment settles interest before principal
        (by the allocation), and interest left unpaid never bears interest (the United
        States Rule). A late payment costs the days' interest, an early one saves it;
        interest runs on past the last due date until the principal is repaid.

    Notes
    -----
    The United States Rule: Regulation Z, 12 CFR 1026.22(a)(1) and Appendix J (a)(3)
    ("If the payment is less than the finance charge earned, the adjustment of the
    unpaid balance of the amount financed is postponed"), from *Story v. Livingston*,
    38 U.S. 359 (1839). Interest earned in a period belongs to the instalment due at
    its end (after the last due date, to the last instalment). A schedule made by day
    count (``Loan(interest_basis="day_count")``) paid on its due dates has exactly its
    own interest under either accrual.

    Examples
    --------
    >>> Accrual("us_rule")
    <Accrual.US_RULE: 'us_rule'>
    """

    SCHEDULED = "scheduled"
    US_RULE = "us_rule"


@final
class EntryKind(Choice):
    """What a ledger entry records.

    Attributes
    ----------
    PAYMENT
        Part of a payment, placed on a component (or kept as a :class:`Surplus`).
    CHARGE
        A charge posted: penalty, compound interest, default interest, a late fee or
        enforcement costs (the entry's ``detail`` says which).
    CAPPED
        A charge, or part of one, that a legal rule does not allow.
    RESTORED
        A cut undone as the rule's ceiling grew with time.
    WAIVED
        Future interest cancelled by an early payoff.

    Examples
    --------
    >>> EntryKind("capped")
    <EntryKind.CAPPED: 'capped'>
    """

    PAYMENT = "payment"
    CHARGE = "charge"
    CAPPED = "capped"
    RESTORED = "restored"
    WAIVED = "waived"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class LedgerEntry:
    """One movement on the account.

    Attributes
    ----------
    date : datetime.date
    instalment : int
        The instalment it belongs to (1 for the first); 0 for the account as a whole
        (enforcement costs, a credit or refund to the borrower).
    component : Component or Surplus
        The part of the debt it moves (:class:`loanrelief.Component`), or for a
        payment beyond everything owed, where that went (:class:`loanrelief.Surplus`).
        Both are string enums: ``entry.component == "principal"`` works.
    amount : Decimal
        Positive.
    kind : EntryKind
        What moved: a payment placed, a charge posted, a charge capped or restored by
        a legal rule, or interest waived (:class:`EntryKind`).
    detail : str
        For charges: ``"penalty"``, ``"compound"``, ``"default_interest"``,
        ``"late_fee"`` or ``"costs"``; for cuts also ``"contract_interest"`` and the
        fees; for payments: ``"due"``, ``"prepaid"``, ``"credit"`` or ``"refund"``.

    Examples
    --------
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          [lr.Payment(date(2024, 2, 1), 100)], as_of=date(2024, 2, 1))
    >>> entry = state.ledger[0]
    >>> entry
    LedgerEntry(date=2024-02-01, instalment=1, component=principal, amount=100.00, kind=payment)
    >>> entry.component is lr.Component.PRINCIPAL, entry.kind is lr.EntryKind.PAYMENT
    (True, True)
    """

    date: date
    instalment: int
    component: Component | Surplus
    amount: Decimal
    kind: EntryKind
    detail: str = ""

    __repr__ = result_repr_of("date", "instalment", "component", "amount", "kind")


_N = TypeVar("_N", int, Decimal)  # an amount: minor units, or a status's major units


def split_capitalized(
    principal: list[int], interest: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """Split a schedule's rows into what falls due and the interest they capitalize.

    A row whose interest exceeds its payment (a capitalizing grace period, a long first
    period: its principal negative) has only its payment due, all of it interest; the
    rest of its interest, ``-principal``, joins the principal on its due date, which the
    later rows' principal repays. Returns each row's principal due ``max(p, 0)``,
    interest due ``i - max(-p, 0)`` and interest capitalized ``max(-p, 0)``, from its
    principal ``p`` and interest ``i`` (minor units); :func:`join_capitalized` is the
    inverse.

    Examples
    --------
    >>> split_capitalized([-500, 200], [500, 30])
    ([0, 200], [0, 30], [500, 0])
    """
    capitalized = [max(-p, 0) for p in principal]
    due = [max(p, 0) for p in principal]
    interest_due = [i - c for i, c in zip(interest, capitalized, strict=True)]
    return due, interest_due, capitalized


def join_capitalized(principal_due: _N, interest_due: _N, capitalized: _N) -> tuple[_N, _N]:
    """Return a row's principal and interest as its schedule has them (the principal signed).

    The inverse of :func:`split_capitalized`: the interest a row capitalizes is interest
    of the row and negative principal. Minor units, or major units as ``Decimal``.

    Examples
    --------
    >>> join_capitalized(0, 0, 500), join_capitalized(200, 30, 0)
    ((-500, 500), (200, 30))
    """
    return principal_due - capitalized, interest_due + capitalized


def replay(
    book: Book,
    payments: list[tuple[date, int]],
    post_on: set[date],
    as_of: date,
    costs: list[tuple[date, int]] | None = None,
) -> Book:
    """Drive ``book`` from its start to ``as_of`` (see :func:`loanrelief.account_state`).

    The start is the loan's, or a statement's date (:meth:`Book.open`): stops before
    it are history the statement already shows.
    """
    policy = book.policy
    grace = timedelta(days=policy.grace_days)
    charged = costs or []
    stops = {as_of, *post_on, *(day for day, _ in payments), *(day for day, _ in charged)}
    fallen = book.due[: bisect_right(book.due, as_of)]  # the due dates are in order
    stops.update(fallen)
    # The first day after the grace days, and the grace's end, where they come by as_of
    # (compared by days: a grace may end after 9999-12-31, never to be reached).
    missed_on = grace + timedelta(days=1)
    stops.update(due + missed_on for due in fallen if as_of - due >= missed_on)
    stops.update(due + grace for due in fallen if as_of - due >= grace)  # grace ends
    for limit in book.limits:  # a rate that changes (a transition between regimes)
        stops.update(day for day in limit.changes() if book.loan.start < day <= as_of)
    stops = {day for day in stops if day >= book.start}
    by_date: dict[date, list[int]] = {}
    for day, amount in payments:
        by_date.setdefault(day, []).append(amount)
    costs_on: dict[date, list[int]] = {}
    for day, amount in charged:
        costs_on.setdefault(day, []).append(amount)
    last = book.start
    pending_stops = sorted(stops)
    index = 0
    while index < len(pending_stops):
        day = pending_stops[index]
        # Repeating late fees may fall before the next stop: take the earliest first.
        upcoming = [when for when in book.terms.fees_on if last < when < day]
        if upcoming:
            day = min(upcoming)
        else:
            index += 1
        book.accrue(last, day)
        last = day
        book.terms.check_grace(day)  # at the start of the day: payments of the day come after
        book.terms.repeat_fees(day)
        for amount in costs_on.pop(day, []):
            book.charge_costs(day, amount)
        if day in by_date:
            for amount in by_date.pop(day):
                book.pay(day, amount)
        if day in post_on:
            book.post(day)
    book.post(as_of)
    return book
