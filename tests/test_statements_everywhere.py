"""A loan or a card started from the lender's statement, at every entry point (issue 31).

A card from its statement (``card_from_statement``) against the replay of a history that
makes the same statement and against hand computations; ``Debt`` from a statement or a
card; the command line's ``--statement FILE`` on ``overdue``, ``compare``, ``court``,
``brief`` and ``card``; card rows in ``plan``'s debts file.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief.cli import main

CN = lr.Card(statement_day=7, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
REFERENCE = Path(__file__).parent / "reference"
LOAN_STATEMENT = {
    "as_of": "2024-06-20",
    "outstanding_principal": "8432.10",
    "overdue_principal": "1810",
    "overdue_interest": "300",
    "days_past_due": "97",
    "annual_rate": "0.24",
    "next_due_date": "2024-07-15",
    "remaining_installments": "8",
}
CARD_STATEMENT = {
    "statement_date": "2024-05-07",
    "balance": "18588",
    "minimum": "2388",
    "due_date": "2024-05-27",
    "interest": "588",
    "carried": "18000",
}


def _write(path: Path, record: dict[str, str]) -> str:
    """Write one record as a CSV (a header and a row) or a JSON object, by the suffix."""
    if path.suffix == ".json":
        path.write_text(json.dumps(record), encoding="utf-8")
    else:
        path.write_text(",".join(record) + "\n" + ",".join(record.values()) + "\n", "utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _statement(state: lr.CardStatement) -> tuple[object, ...]:
    """What a statement states of itself (its previous balance, charges and payments aside)."""
    return (state.date, state.due_date, state.balance, state.minimum, state.interest)


# The card from its statement -------------------------------------------------------------


@st.composite
def _histories(draw: st.DrawFn) -> tuple[list[lr.CardTransaction], list[lr.CardTransaction]]:
    """A first cycle of purchases and cash, a first statement not paid in full, then more.

    What comes before the second statement (2024-05-07) makes it: a purchase and perhaps
    a cash advance in the first cycle, less than the first statement paid by its due
    date (so the purchases lose their grace: the second statement carries them). The
    moves after it are the same for the history and for the card started from it.
    """
    purchase = draw(st.integers(100_00, 50_000_00))
    cash = draw(st.integers(0, 5_000_00))
    first_day = date(2024, 3, 8)
    before = [lr.CardTransaction(first_day + timedelta(draw(st.integers(0, 29))), purchase / 100)]
    if cash:
        day = first_day + timedelta(draw(st.integers(0, 29)))
        before.append(lr.CardTransaction(day, cash / 100, "cash"))
    paid = draw(st.integers(0, purchase + cash - 1))
    if paid:
        day = date(2024, 4, 8) + timedelta(draw(st.integers(0, 19)))  # by the due date
        before.append(lr.CardTransaction(day, paid / 100, "payment"))
    later = st.tuples(st.integers(0, 150), st.integers(1, 3_000_00), st.booleans())
    after = [
        lr.CardTransaction(
            date(2024, 5, 8) + timedelta(offset), amount / 100, "payment" if pays else "purchase"
        )
        for offset, amount, pays in draw(st.lists(later, max_size=6))
    ]
    return before, after


def _cash_left(before: list[lr.CardTransaction], paid: Decimal) -> Decimal:
    """Return the cash advances owed once ``paid`` repaid principal, oldest first."""
    owed = Decimal(0)
    for move in sorted((m for m in before if m.kind != "payment"), key=lambda m: m.date):
        share = min(paid, move.amount)
        paid -= share
        owed += move.amount - share if move.kind == "cash" else 0
    return owed


UNPAID_PART = lr.Card(
    statement_day=7,
    daily_rate="0.0005",
    interest_rule="unpaid part",
    minimum_floor=50,
    late_fee_share="0.05",
    late_fee_min=10,
)


@given(_histories(), st.sampled_from([CN, UNPAID_PART]))
def test_a_card_from_its_statement_makes_the_replayed_historys_next_statements(
    moves: tuple[list[lr.CardTransaction], list[lr.CardTransaction]], card: lr.Card
) -> None:
    """The card started from a replayed statement makes the next statements to the cent."""
    before, after = moves
    until = date(2024, 10, 10)
    history = lr.card_statements(card, before + after, until=until)
    first, second = history.statements[:2]
    fees = lr.card_statements(card, before, until=second.date).total_fees  # the late fee
    # The payments (by the first due date, before its late fee) settle the first
    # statement's interest (a cash advance's), then principal, oldest first.
    paid = sum((m.amount for m in before if m.kind == "payment"), Decimal(0))
    earlier = max(first.interest - paid, Decimal(0))
    cash = _cash_left(before, paid - min(paid, first.interest))
    held = lr.card_from_statement(
        card,
        statement_date=second.date,
        balance=second.balance,
        minimum=second.minimum,
        due_date=second.due_date,
        interest=second.interest,
        fees=fees,
        cash=cash,
        carried=second.balance - second.interest - earlier - fees - cash,
        carried_interest=earlier,
        past_due=max(first.minimum - (first.paid_by_due or 0), Decimal(0)),
        transactions=after,
        until=until,
    )
    assert _statement(held.statements[0]) == _statement(second)
    renumbered = [dataclasses.replace(s, number=s.number + 1) for s in held.statements[1:]]
    assert renumbered == list(history.statements[2:])
    assert (held.balance, held.credit) == (history.balance, history.credit)
    assert held.total_interest == history.total_interest - first.interest + earlier
    assert held.total_fees == history.total_fees
