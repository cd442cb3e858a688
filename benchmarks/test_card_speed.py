"""Time the card engine against the loop a user would write instead.

- How long paying only the minimum takes on a 3,000 balance at 21.99 % (1 % of the
  balance plus interest, at least 25): loanrelief's ``minimum_payment_horizon``
  (statements replayed by day, exact cents) against the usual float loop (a month's
  interest at APR / 12, the minimum, until nothing is owed).
- A year of a card: 240 purchases and 12 payments replayed into statements.

Run ``python -m pytest benchmarks --benchmark-only`` to print the tables; the figures
are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import loanrelief as lr

US = lr.cards.Card(
    statement_day=1, due_days=25, annual_rate="0.2199", minimum_share="0.01", minimum_floor=25
)
START = date(2024, 1, 1)


def float_minimum_loop() -> int:
    """Run the spreadsheet loop: monthly interest, the minimum, until repaid."""
    balance, months, rate = 3000.0, 0, 0.2199 / 12
    while balance > 0.005 and months < 1200:
        interest = balance * rate
        payment = min(max(0.01 * balance + interest, 25.0), balance + interest)
        balance += interest - payment
        months += 1
    return months


@pytest.mark.benchmark(group="3,000 at the minimum, to the end")
def test_loanrelief_minimum_horizon(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: each statement replayed by day, in cents."""
    horizon = benchmark(lr.cards.minimum_payment_horizon, US, 3000, start=START)
    assert horizon.months > 100


@pytest.mark.benchmark(group="3,000 at the minimum, to the end")
def test_float_minimum_loop(benchmark) -> None:  # type: ignore[no-untyped-def]
    """The loop a user would write: floats, a month's interest at APR / 12."""
    assert benchmark(float_minimum_loop) > 100


MOVES = [
    lr.cards.CardTransaction(START + timedelta(days=day * 3 // 2), 20 + day % 37)
    for day in range(240)
] + [lr.cards.CardTransaction(date(2024, month, 20), 1500, "payment") for month in range(1, 13)]


@pytest.mark.benchmark(group="a year of a card")
def test_loanrelief_card_statements(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: 252 postings into 12 statements."""
    history = benchmark(lr.cards.card_statements, US, MOVES, until=date(2024, 12, 31))
    assert len(history.statements) == 12
