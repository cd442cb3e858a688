"""A card's court figures: what it claims beside what a legal rule lets be claimed.

The card is replayed twice on its own ledger (:mod:`loanrelief.cards._ledger`): as
the contract has it, and under the rule's ceiling, where payments settle charges
only within the room left and the rest repays principal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from loanrelief._foundations.errors import InvalidTypeError
from loanrelief.cards._ledger import _FEES, _PRINCIPAL, _Ledger, _open_interest, _replay, _Seed
from loanrelief.cards._terms import Card
from loanrelief.law._china import ChinaFinancialLoans

__all__ = ["CourtFigures", "card_rule", "court_figures"]


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


def card_rule(rule: object) -> ChinaFinancialLoans:
    """Return ``rule`` if it is the financial-loan rule a card's court view applies."""
    if not isinstance(rule, ChinaFinancialLoans):
        raise InvalidTypeError(
            "rule", rule, "ChinaFinancialLoans(...): a card's charges on its principal"
        )
    return rule


def court_figures(
    card: Card,
    postings: Sequence[tuple[date, str, int]],
    until: date,
    rule: ChinaFinancialLoans,
    seed: _Seed | None = None,
) -> CourtFigures:
    """Return the card's claim and what ``rule`` lets be claimed on ``until``."""
    claimed = _replay(card, postings, until, seed=seed)
    capped = _replay(card, postings, until, cap=rule.annual_rate, seed=seed)
    capped.measure(until)

    def charges(ledger: _Ledger) -> tuple[int, int]:
        lots = [lot for lot in ledger.lots if lot.kind not in _PRINCIPAL and lot.posted <= until]
        total = sum(lot.amount for lot in lots) + _open_interest(ledger, until)
        unpaid = sum(max(lot.unpaid_on(until), 0) for lot in lots) + _open_interest(ledger, until)
        return total, unpaid

    def principal(ledger: _Ledger) -> int:
        return sum(max(lot.unpaid_on(until), 0) for lot in ledger.lots if lot.kind in _PRINCIPAL)

    claimed_total, claimed_unpaid = charges(claimed)
    capped_total, capped_unpaid = charges(capped)
    ceiling = capped.ceiling.numerator // capped.ceiling.denominator
    allowed = min(capped_total, ceiling)
    still_allowed = max(min(capped_unpaid, allowed - capped.charges_paid), 0)
    owed = {  # the credit (paid beyond everything) taken off principal first, then charges
        "principal": principal(capped),
        "fees": min(
            still_allowed,
            sum(
                max(lot.unpaid_on(until), 0)
                for lot in capped.lots
                if lot.kind in _FEES and lot.posted <= until
            ),
        ),
    }
    owed["interest"] = still_allowed - owed["fees"]
    left = capped.credit
    for name in ("principal", "interest", "fees"):
        taken = min(left, owed[name])
        owed[name] -= taken
        left -= taken
    return CourtFigures(
        principal=principal(claimed),
        charges_claimed=claimed_total,
        ceiling=ceiling,
        charges_allowed=allowed,
        payoff=max(principal(claimed) + claimed_unpaid - claimed.credit, 0),
        enforceable_payoff=max(principal(capped) + still_allowed - capped.credit, 0),
        owed=owed,
    )
