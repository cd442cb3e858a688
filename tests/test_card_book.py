"""A card's book on random histories: what every statement and court view must keep.

The strategies draw a card of any terms the library takes (rates by day, by APR on
365 or 360 days or APR / 12 on the cycle's average daily balance; either interest
rule; a cash rate, an introductory rate, a credit limit; either minimum rule and
payment order; late and cash-advance fees) and a history on it (purchases, cash
advances and fees, payments of any size on any day, so minimums are paid, missed or
overpaid). The properties are the ledger's own identities and rules, read from the
published results only, so they hold whichever ledger keeps the card: they are the
check a card run on the loans' book (issue 32, "one book") must pass beside the
card's own ledger as the oracle.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr

START = date(2024, 1, 1)
UNTIL = START + timedelta(days=420)


def rates(most: str = "0.36") -> st.SearchStrategy[Decimal]:
    return st.decimals("0", most, places=4)


@st.composite
def cards(draw: st.DrawFn) -> lr.cards.Card:
    """A card of any terms: every option the card takes, each drawn or left out."""
    terms: dict[str, Any] = {
        "statement_day": draw(st.integers(1, 28)),
        "due_days": draw(st.integers(1, 27)),
        "annual_rate": draw(rates()),
        "periodic_rate": draw(st.sampled_from(["apr/365", "apr/360", "apr/12"])),
        "interest_rule": draw(st.sampled_from(["full_balance", "unpaid_part"])),
        "statement_date_counted": draw(st.booleans()),
        "payment_order": draw(st.sampled_from(["fees_first", "highest_rate"])),
        "grace_needs_previous": draw(st.booleans()),
        "late_fee_share": draw(st.decimals("0", "0.1", places=3)),
        "late_fee_min": draw(st.integers(0, 50)),
        "cash_fee_share": draw(st.decimals("0", "0.05", places=3)),
        "cash_fee_min": draw(st.integers(0, 20)),
        "fees_bear_interest": draw(st.booleans()),
        "minimum_floor": draw(st.integers(0, 50)),
        "minimum_rule": draw(st.sampled_from(["share_plus_charges", "share_of_balance"])),
        "minimum_share": draw(st.decimals("0", "0.2", places=3)),
    }
    if draw(st.booleans()):
        terms["late_fee_max"] = terms["late_fee_min"] + draw(st.integers(0, 100))
    if draw(st.booleans()):
        terms["cash_annual_rate"] = draw(rates("0.4"))
    if draw(st.booleans()):
        terms["intro_annual_rate"] = draw(rates("0.1"))
        terms["intro_until"] = START + timedelta(days=draw(st.integers(0, 400)))
    if draw(st.booleans()):
        terms["credit_limit"] = draw(st.integers(100, 20_000))
    if terms["minimum_rule"] == "share_plus_charges" and draw(st.booleans()):
        terms["cash_minimum_share"] = draw(st.sampled_from(["0.1", "1"]))
    return lr.cards.Card(**terms)


@st.composite
def histories(draw: st.DrawFn) -> list[lr.cards.CardTransaction]:
    """Purchases, cash advances, fees and payments of any size, on any day of a year."""
    kinds = st.sampled_from(["purchase", "purchase", "cash", "fee", "payment", "payment"])
    moves = draw(
        st.lists(
            st.tuples(st.integers(0, 365), kinds, st.integers(1, 1_000_000)),
            min_size=1,
            max_size=14,
        )
    )
    return [
        lr.cards.CardTransaction(START + timedelta(days=day), Decimal(cents) / 100, kind)
        for day, kind, cents in moves
    ]


@given(cards(), histories())
def test_every_statement_adds_up_and_keeps_the_cards_rules(
    card: lr.cards.Card, moves: list[lr.cards.CardTransaction]
) -> None:
    """Balance, minimum, paid in full and late fee, each by the card's terms.

    The balance is the previous balance plus what was posted and charged less what was
    paid; the minimum at most the balance; a statement is paid in full when what was
    paid by its due date reaches its balance; a late fee is the card's late fee on
    the part of the minimum left unpaid at the due date, and nothing otherwise.
    """
    history = lr.cards.card_statements(card, moves, until=UNTIL)
    cent = Decimal(1).scaleb(-card.digits)
    previous = Decimal(0)
    for statement in history.statements:
        assert statement.previous_balance == previous
        assert statement.balance == (
            previous + statement.new_charges + statement.interest - statement.payments
        )
        assert 0 <= statement.minimum <= max(statement.balance, Decimal(0))
        assert statement.interest >= 0
        if statement.paid_by_due is not None:
            assert statement.paid_in_full is (statement.paid_by_due >= statement.balance)
            unpaid = int((statement.minimum - statement.paid_by_due) / cent)
            assert statement.late_fee == card.late_fee(unpaid) * cent
        previous = statement.balance


RULES = (
    lr.law.ChinaFinancialLoans(),
    lr.law.ChinaFinancialLoans(measure="together"),
    lr.law.AnnualRateCap(annual_rate="0.24"),
    lr.law.TotalCostCap(share="0.1"),
)


@given(cards(), histories(), st.sampled_from(RULES))
def test_a_cards_court_view_adds_up_and_never_allows_more_than_is_claimed(
    card: lr.cards.Card, moves: list[lr.cards.CardTransaction], rule: lr.law.Rule
) -> None:
    """Each line's allowed part is at most its claim, and the payoffs are the lines' sums.

    Under every kind of rule a card takes: China's per due date and together, a rate
    cap, a cap on the total cost.
    """
    view = lr.cards.card_court_view(card, moves, until=UNTIL, rule=rule)
    *lines, payoff = view.lines
    for line in view.lines:
        assert 0 <= line.allowed <= line.charged
        assert line.excess == line.charged - line.allowed
    assert sum(line.charged for line in lines[1:]) == view.charges_claimed
    assert sum(line.allowed for line in lines[1:]) == view.charges_allowed
    assert (payoff.charged, payoff.allowed) == (view.payoff, view.enforceable_payoff)
    assert view.enforceable_payoff <= view.payoff
