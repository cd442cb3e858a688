"""A card's court figures: what it claims beside what a legal rule lets be claimed.

The card is replayed twice on its own ledger (:mod:`loanrelief.cards._ledger`): as
the contract has it, and under the rule's ceiling, where payments settle charges
only within the room left and the rest repays principal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief.cards._ledger import (
    _as_loan,
    _Ledger,
    _limit_of,
    _replay,
    _Seed,
    open_parts,
)
from loanrelief.cards._lots import _FEES, _PRINCIPAL, LotKind
from loanrelief.cards._terms import Card, Posting, TransactionKind
from loanrelief.law._china import ChinaPrivateLending
from loanrelief.law._rules import Base, Charge, Excess, Limit, Meter, Rule, Span

__all__ = ["CourtFigures", "card_limits", "court_figures"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CourtFigures:
    """A card's court figures on a date, in minor units (:func:`court_figures`)."""

    principal: int  # owed as the card has it
    charges_claimed: int
    ceiling: int
    charges_allowed: int
    payoff: int
    enforceable_payoff: int
    owed: dict[str, int]  # what the rule lets be claimed: principal, interest, fees
    charged: dict[Charge, int]  # each charge as the card claims it (sums to charges_claimed)
    allowed: dict[Charge, int]  # each within its limit (sums to charges_allowed)
    paid: int  # payments made by ``until``
    paid_on_charges: int  # what they settled of charges, as the card applies them
    paid_on_allowed: int  # and under the rule


def card_limits(rule: object, card: Card, start: date, until: date) -> tuple[Limit, ...]:
    """Return the limits of ``rule`` a card's ledger measures, or refuse the rule.

    A card takes the rules a loan takes whose limits its ledger can measure: a
    ceiling at a rate on its principal (outstanding, in use while it is current,
    overdue while a minimum is past due) or a share of what was drawn on it, each
    limit holding its own charges, with charges paid beyond it credited to the debt:
    ``ChinaFinancialLoans`` (either measure), an ``AnnualRateCap``, a ``TotalCostCap``
    or a ``LegalRule`` of such limits. Refused: China's private-lending rule (a card is
    a financial institution's credit), and limits of a fixed amount, measured to
    maturity (a card has none), with a paid-rate band or on the schedule's credit, or
    with charges refunded rather than credited (the UK's high-cost short-term cap).
    """
    if not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law)")
    if isinstance(rule, ChinaPrivateLending):
        raise InvalidValueError(
            "rule",
            rule.name,
            "ChinaFinancialLoans(...): a card is a financial institution's credit",
        )
    fits = "a rule whose limits a card can measure (see card_court_view)"
    if rule.excess is not Excess.CREDITED:
        raise InvalidValueError("rule", rule.name, f"{fits}: charges beyond it credited")
    limits = rule.limits(_as_loan(card, start), until)
    held: set[Charge] = set()
    for limit in limits:
        if (
            limit.amount is not None
            or limit.span is not Span.TO_DATE
            or limit.paid_steps
            or limit.base is Base.CREDIT
        ):
            raise InvalidValueError(
                "rule",
                rule.name,
                f"{fits}: a rate on the principal or a share of what was drawn, to date "
                "(not a fixed amount, a span to maturity, a paid-rate band or the credit)",
            )
        if held & set(limit.components):
            raise InvalidValueError("rule", rule.name, f"{fits}: each charge in one limit")
        held |= set(limit.components)
    return limits


def court_figures(
    card: Card,
    postings: Sequence[Posting],
    until: date,
    limits: Sequence[Limit],
    seed: _Seed | None = None,
) -> CourtFigures:
    """Return the card's claim and what its limits let be claimed on ``until``.

    Each limit's charges (posted by ``until``, with the open cycle's interest so far)
    are allowed up to its ceiling; what a limit allows and is not yet paid is still
    owed, and charges no limit holds are owed as charged; all of them together at
    most what the contract's own replay charges.
    """
    capped = _replay(card, postings, until, limits=limits, seed=seed)
    # The claim with its interest told apart as the rule tells it (the same total)
    claimed = _replay(card, postings, until, seed=seed, split=capped.split)
    capped.measure(until)

    def charges(ledger: _Ledger) -> dict[LotKind, tuple[int, int]]:
        """Each kind of charge: charged by ``until``, and unpaid on it."""
        opened = open_parts(ledger, until)
        found = {}
        for kind in LotKind:
            if kind in _PRINCIPAL:
                continue
            lots = [lot for lot in ledger.lots if lot.kind is kind and lot.posted <= until]
            extra = opened.get(kind, 0)
            total = sum(lot.amount for lot in lots) + extra
            unpaid = sum(max(lot.unpaid_on(until), 0) for lot in lots) + extra
            found[kind] = (total, unpaid)
        return found

    def principal(ledger: _Ledger) -> int:
        return sum(max(lot.unpaid_on(until), 0) for lot in ledger.lots if lot.kind in _PRINCIPAL)

    claimed_charges = charges(claimed)
    claimed_total = sum(total for total, _ in claimed_charges.values())
    claimed_unpaid = sum(unpaid for _, unpaid in claimed_charges.values())
    capped_charges = charges(capped)
    ceilings = capped.ceilings()
    allowed = still_allowed = 0
    for k in [*range(len(ceilings)), None]:  # each limit, then the charges none holds
        held = [
            figures
            for kind, figures in capped_charges.items()
            if _limit_of(capped.meters, kind.charge) == k
        ]
        total = sum(figure for figure, _ in held)
        unpaid = sum(figure for _, figure in held)
        if k is None:
            allowed, still_allowed = allowed + total, still_allowed + unpaid
            continue
        within = min(total, ceilings[k])
        allowed += within
        still_allowed += max(min(unpaid, within - capped.paid_within[k]), 0)
    # A court never awards more than is claimed (as Book.claims holds a loan's): the
    # rule re-applies payments to principal, which can cost a grace period or a late
    # fee the contract's own replay does not charge; the charges allowed are at most
    # the charges the contract claims, those paid under the rule counted first.
    capped_paid = sum(total - unpaid for total, unpaid in capped_charges.values())
    allowed = min(allowed, claimed_total)
    by_charge = _by_charge(claimed_charges, capped_charges, capped.meters, ceilings, allowed)
    still_allowed = min(still_allowed, max(claimed_total - capped_paid, 0))
    fees_unpaid = sum(
        max(lot.unpaid_on(until), 0)
        for lot in capped.lots
        if lot.kind in _FEES and lot.posted <= until
    )
    # the credit (paid beyond everything) taken off principal first, then charges
    owed = {"principal": principal(capped), "fees": min(still_allowed, fees_unpaid)}
    owed["interest"] = still_allowed - owed["fees"]
    # Nor more principal than the card claims: where the rule's replay put a payment
    # on a charge the contract's put on principal (a cent of rounding), that amount
    # stays owed as a charge, the enforceable payoff the same.
    beyond = max(owed["principal"] - principal(claimed), 0)
    owed["principal"] -= beyond
    owed["interest"] += beyond
    left = capped.credit
    for name in ("principal", "interest", "fees"):
        taken = min(left, owed[name])
        owed[name] -= taken
        left -= taken
    return CourtFigures(
        principal=principal(claimed),
        charges_claimed=claimed_total,
        ceiling=sum(ceilings),
        charges_allowed=allowed,
        payoff=max(principal(claimed) + claimed_unpaid - claimed.credit, 0),
        enforceable_payoff=max(principal(capped) + still_allowed - capped.credit, 0),
        owed=owed,
        charged=by_charge[0],
        allowed=by_charge[1],
        paid=sum(
            amount
            for day, kind, amount in postings
            if kind is TransactionKind.PAYMENT and day <= until
        ),
        paid_on_charges=claimed_total - claimed_unpaid,
        paid_on_allowed=capped_paid,
    )


def _by_charge(
    claimed: dict[LotKind, tuple[int, int]],
    capped: dict[LotKind, tuple[int, int]],
    meters: Sequence[Meter],
    ceilings: Sequence[int],
    allowed: int,
) -> tuple[dict[Charge, int], dict[Charge, int]]:
    """Return each charge as claimed and as allowed, the allowed ones adding to ``allowed``.

    Under the rule each limit's charges share its ceiling in the order the limit
    lists them; a charge no limit holds is allowed as charged. No charge is allowed
    beyond its claim (a court never awards more than is claimed): what that holds
    back of ``allowed`` (the total within the ceilings and the claim) goes to the
    charges with claim left, in :class:`~loanrelief.law.Charge` order.
    """
    charged: dict[Charge, int] = {}
    under: dict[Charge, int] = {}
    for kind, (total, _) in claimed.items():
        if kind.charge is not None:
            charged[kind.charge] = charged.get(kind.charge, 0) + total
    for kind, (total, _) in capped.items():
        if kind.charge is not None:
            under[kind.charge] = under.get(kind.charge, 0) + total
    kept = {charge: 0 for charge in Charge if charge in charged or charge in under}
    rooms = list(ceilings)
    for charge in kept:
        k = _limit_of(meters, charge)
        if k is None:
            kept[charge] = under.get(charge, 0)
            continue
        ordered = sorted(
            (c for c in kept if _limit_of(meters, c) == k),
            key=list(meters[k].limit.components).index,
        )
        if charge is not ordered[0]:
            continue  # the limit's charges are shared once, from its first
        for held in ordered:
            kept[held] = min(under.get(held, 0), rooms[k])
            rooms[k] -= kept[held]
    kept = {charge: min(amount, charged.get(charge, 0)) for charge, amount in kept.items()}
    left = allowed - sum(kept.values())
    for charge in kept:
        more = min(left, charged.get(charge, 0) - kept[charge])
        kept[charge] += more
        left -= more
    return {c: charged.get(c, 0) for c in kept}, kept
