"""What a legal rule allows in a replay: its ceilings measured and walked (:class:`.book.Book`).

A :class:`~loanrelief.law.Meter` per limit is advanced over each stretch of the
replay on the principal in the term and past due (:func:`measure`); :func:`allowed`
walks each limit's charges in its order, oldest instalment first, keeping what was
paid and cutting the newest charges first where the ceiling binds; a limit with a
paid band holds each instalment within its own period's ceiling
(:func:`own_ceilings`); a court never allows more than is claimed. Each takes the
book it works on (``Book.allowed`` delegates to :func:`allowed`); :func:`ahead`
gives the stretches to maturity a limit measured to maturity adds.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from loanrelief._foundations.money import round_ratio
from loanrelief._ledger.allocation import Component
from loanrelief.law._rules import ALL_CHARGES, Charge, Meter, Span

if TYPE_CHECKING:
    from loanrelief._ledger.book import Book

__all__ = ["ahead", "allowed", "measure", "own_ceilings"]

# Charges that accrue with time, kept exact and rounded once when read.
_ACCRUING = (Charge.DEFAULT_INTEREST, Charge.PENALTY, Charge.COMPOUND)
# The charges of an instalment, in the order they are paid within their component.
_KINDS = {
    Component.FEES: (Charge.INSTALMENT_FEE, Charge.LATE_FEE),
    Component.PENALTY: (Charge.PENALTY, Charge.COMPOUND),
    Component.INTEREST: (Charge.CONTRACT_INTEREST, Charge.DEFAULT_INTEREST),
}
# The charges an instalment carries: all but the upfront fee, the loan's as a whole.
_SLOT_KINDS = tuple(kind for kind in ALL_CHARGES if kind is not Charge.UPFRONT_FEE)
# Charges each rounded to the minor unit from an exact amount (rate limits allow it).
_ROUNDED = {Charge.CONTRACT_INTEREST, *_ACCRUING}
_COMPONENT = {kind: component for component, kinds in _KINDS.items() for kind in kinds}

Slot = tuple[int, Charge]
_ZERO = Fraction(0)  # shared: a Fraction is immutable


def allowed(book: Book, day: date, *, payable: bool = False) -> dict[Slot, int]:
    """Return what each charge may be claimed for on ``day``, paid amounts included.

    Without a rule, every charge as the contract has it. With one, each limit in
    turn: amounts already paid stay, then the ceiling's room is given to the
    charges in the limit's order, oldest instalment first (the newest charges are
    cut first). ``payable`` uses the limits' paid rates (what a payment may settle).
    Sets ``upfront_kept`` too.

    The comparison is exact: a charge that accrues (penalty, compound, default
    interest) counts at its exact value, and a charge is cut only when the exact
    charges pass the exact ceiling; the charge on the boundary then keeps what
    brings the limit's total to the ceiling rounded to the minor unit. Contract
    interest is an amount of the schedule, each instalment's rounded once: a rate
    limit allows each its rounding (half a minor unit), so a loan at exactly the
    limit's rate is never cut by a rounding.
    """
    reach = book.reach(day)
    # What the contract charges on ``day`` (post() records it), updated in place:
    # those cleared keep the charges they settled with.
    start = book.cleared
    if reach < book.charged_reach:  # an earlier day than the last: afresh
        book.charged, start = {}, 0
    charged, gross = book.charged, book.gross
    for i in range(start, reach):
        for charge in _SLOT_KINDS:
            charged[i, charge] = gross(i, charge, day)
    book.charged_reach = reach
    book.upfront_kept = book.upfront
    if not book.meters:
        return book.charged
    slots: dict[Slot, int] = dict(book.charged)
    values: dict[Slot, Fraction] = {
        slot: (book.exact[slot[1]][slot[0]] if slot[1] in _ACCRUING else Fraction(amount))
        for slot, amount in slots.items()
    }
    stretches = ahead(book, day) if book.to_maturity else []
    for meter in book.meters:
        limit = meter.limit
        members: list[Slot] = [
            (i, kind)
            for kind in limit.components
            if kind is not Charge.UPFRONT_FEE
            for i in range(reach)
        ]
        exact = meter.exact(
            day, ahead=stretches if limit.span is Span.TO_MATURITY else (), paid=payable
        )
        strict = round_ratio(exact.numerator, exact.denominator, book.loan.rounding)
        loose = strict
        if limit.steps:  # each rounded charge may be half a unit above its exact value
            rounded = sum(1 for slot in members if slot[1] in _ROUNDED and slots[slot])
            slack = exact + Fraction(rounded, 2)
            loose = round_ratio(slack.numerator, slack.denominator, book.loan.rounding)
        paid: dict[Slot, int] = {
            slot: min(book.paid[slot[1]][slot[0]], slots[slot]) for slot in members
        }
        used, own = own_ceilings(meter, paid, reach, payable=payable)
        # With a paid band, each instalment's room within its own ceiling (units).
        own_left = (
            None if own is None else _own_rooms(book, own, members, slots, paid, reach=reach)
        )
        room = exact - used
        kept = round_ratio(used.numerator, used.denominator, book.loan.rounding)
        for kind in limit.components:
            if kind is Charge.UPFRONT_FEE:
                fee = book.upfront_kept
                book.upfront_kept = fee if room >= fee else min(max(strict - kept, 0), fee)
                room -= fee
                kept += book.upfront_kept
                continue
            for i in range(reach):
                slot = (i, kind)
                unpaid = values[slot] - paid[slot]
                if unpaid <= 0:
                    continue
                # Within the exact ceiling: kept as charged, its rounding allowed;
                # past it: what brings the limit's total to the ceiling, rounded.
                top = loose if room >= unpaid else strict
                room -= unpaid
                give = min(max(top - kept, 0), slots[slot] - paid[slot])
                if own_left is not None:  # within its own period's ceiling too
                    give = min(give, max(own_left[i], 0))
                    own_left[i] -= give
                if give < slots[slot] - paid[slot]:
                    slots[slot] = paid[slot] + give
                    values[slot] = Fraction(slots[slot])
                kept += give
    if book.claims is not None:
        _within_claims(book, slots, reach)
    return slots


def own_ceilings(
    meter: Meter, paid: dict[Slot, int], reach: int, *, payable: bool
) -> tuple[Fraction, list[Fraction] | None]:
    """Return what paid charges use of a limit, and each instalment's own ceiling.

    Pooled limits: all that was paid, and no own ceilings (``None``). A limit with
    a paid band holds each instalment within its own period's ceiling
    (:meth:`~loanrelief.law.Meter.own_ceiling`, at the paid rate when ``payable``):
    charges paid keep what they paid but use at most their own part of the
    enforceable ceiling.
    """
    used = Fraction(sum(paid.values()))
    if meter.own_ceiling(0) is None:
        return used, None
    by_instalment = [0] * reach
    for (i, _), amount in paid.items():
        by_instalment[i] += amount
    own = [meter.own_ceiling(i, paid=payable) or _ZERO for i in range(reach)]
    if not payable:  # paid in the band: kept, using only its own period's ceiling
        used = sum((min(Fraction(paid_i), own[i]) for i, paid_i in enumerate(by_instalment)),
                   _ZERO)  # fmt: skip
    return used, own


def _own_rooms(
    book: Book,
    own: list[Fraction],
    members: list[Slot],
    slots: dict[Slot, int],
    paid: dict[Slot, int],
    *,
    reach: int,
) -> list[int]:
    """Return each instalment's room left within its own ceiling, in minor units.

    An instalment's charges together are held to its own ceiling rounded once, each
    rounded charge allowed half a unit (as a limit's total is): the room is that
    less what was paid on it, so settling a charge to the unit never opens half a
    unit more.
    """
    by_instalment = [0] * reach
    rounded = [0] * reach
    for slot in members:
        by_instalment[slot[0]] += paid[slot]
        rounded[slot[0]] += slot[1] in _ROUNDED and bool(slots[slot])
    rooms = []
    for i in range(reach):
        whole = own[i] + Fraction(rounded[i], 2)
        top = round_ratio(whole.numerator, whole.denominator, book.loan.rounding)
        rooms.append(top - by_instalment[i])
    return rooms


def _within_claims(book: Book, slots: dict[Slot, int], reach: int) -> None:
    """Cut each charge to what the contract claims of it, the newest instalment first.

    A court awards no more than is claimed: a rule re-applies payments (to
    principal, what it does not allow), which can leave more interest unpaid and
    so more compound or penalty interest than the contract's own replay charges.
    Amounts already paid stay.
    """
    assert book.claims is not None  # the caller's condition
    for kind in _SLOT_KINDS:
        excess = sum(slots.get((i, kind), 0) for i in range(reach)) - book.claims.get(kind, 0)
        for i in reversed(range(reach)):
            if excess <= 0:
                break
            slot = (i, kind)
            cut = min(excess, slots[slot] - min(book.paid[kind][i], slots[slot]))
            if cut > 0:
                slots[slot] -= cut
                excess -= cut


def ahead(book: Book, day: date) -> list[tuple[date, date, int, Fraction]]:
    """Stretches from ``day`` to the last due date with the credit they project.

    No further payment is assumed; early repayments are disregarded (the schedule's
    principal not yet due, plus what is overdue and unpaid).
    """
    stretches = []
    unpaid_due = 0
    for k, due in enumerate(book.due):
        begin = book.begin(k)
        if due <= day:
            unpaid_due += book.principal[k] - book.paid[Component.PRINCIPAL][k]
            continue
        lo = max(begin, day)
        length = (due - begin).days
        share = book.period_years[k] * Fraction((due - lo).days, length)
        stretches.append((lo, due, unpaid_due + book.later[k], share))
        unpaid_due += book.principal[k]  # falls due unpaid: overdue from here on
    return stretches


def measure(book: Book, start: date, end: date) -> None:
    """Advance every ceiling over ``[start, end)`` (within one period: dues are stops)."""
    in_term = scheduled = overdue = 0
    share = Fraction(0)
    overdue_by: list[tuple[int, int]] = []
    for k, due in enumerate(book.due):
        unpaid = book.principal[k] - book.paid[Component.PRINCIPAL][k]
        if due <= start:
            overdue += unpaid
            if unpaid and book.owned:
                overdue_by.append((k, unpaid))
        else:  # interest still to be capitalized is not in use yet
            in_term += unpaid - book.capitalized[k]
            scheduled += book.principal[k] - book.capitalized[k]
    current = book.current_period(start)
    if current is not None:
        begin = book.begin(current)
        length = (book.due[current] - begin).days
        share = book.period_years[current] * Fraction((end - start).days, length)
    for meter in book.meters:
        meter.advance(
            start,
            end,
            in_term=[(in_term, share)] if in_term else [],
            scheduled=[(scheduled, share)] if scheduled else [],
            overdue=overdue,
            current=current,
            overdue_by=overdue_by,
        )
