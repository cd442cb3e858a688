"""Time the one-account calls an app or a notebook makes for one borrower (issue 17).

The account: a 200,000 loan at 5 % a year over 360 months from 2024-01-01, its first
ten instalments paid on time, then nothing; penalty interest at 1.5 times the rate,
compounding; seen on 2025-03-01 (month 14).

- ``irr`` of its 361-flow stream and ``xirr`` of the same flows on their dates,
  against pyxirr's ``irr`` and ``xirr`` (Rust);
- ``level_payment_apr`` of the loan against pyxirr's ``rate``; ``apr`` of its
  schedule (Regulation Z, no peer);
- ``account_state``, ``compare`` of 8 relief options and ``solve(max_payment=900)``
  (no peer: nothing else replays an overdue account).

The 360-row schedule itself is timed in ``test_schedule_speed.py``. Run
``python -m pytest benchmarks --benchmark-only`` to print the tables; the figures are
kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

from datetime import date

import pytest
import pyxirr

import loanrelief as lr
from relief_options import OPTIONS

LOAN = lr.Loan(200_000, "0.05", 360, start=date(2024, 1, 1))
SCHEDULE = lr.amortize(LOAN)
PAYMENT = float(SCHEDULE[0].payment)
FLOWS = [-200_000.0] + [PAYMENT] * 360
DATES = [LOAN.start] + [row.due_date for row in SCHEDULE]
PAID = [lr.Payment(row.due_date, row.payment) for row in SCHEDULE[:10]]
POLICY = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True)
AS_OF = date(2025, 3, 1)
STATE = lr.account_state(LOAN, PAID, as_of=AS_OF, penalty=POLICY)


@pytest.mark.benchmark(group="one account: irr of 361 flows")
def test_loanrelief_irr_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the same float as the stream solved in a batch."""
    rate = benchmark(lr.tvm.irr, FLOWS)
    assert rate == lr.tvm.irr([FLOWS, FLOWS])[0]
    assert abs(rate - 0.05 / 12) < 1e-6


@pytest.mark.benchmark(group="one account: irr of 361 flows")
def test_pyxirr_irr_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: irr of the same stream."""
    rate = benchmark(pyxirr.irr, FLOWS)
    assert abs(rate - lr.tvm.irr(FLOWS)) < 1e-9


@pytest.mark.benchmark(group="one account: xirr of 361 dated flows")
def test_loanrelief_xirr_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: dates as Python dates, converted and solved."""
    rate = benchmark(lr.tvm.xirr, DATES, FLOWS)
    assert abs(rate - pyxirr.xirr(DATES, FLOWS)) < 1e-9


@pytest.mark.benchmark(group="one account: xirr of 361 dated flows")
def test_pyxirr_xirr_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: xirr of the same dates and flows."""
    benchmark(pyxirr.xirr, DATES, FLOWS)


@pytest.mark.benchmark(group="one account: the rate of a level-payment loan")
def test_loanrelief_level_payment_apr_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the APR of one loan (nominal, 12 periods a year)."""
    apr = benchmark(lr.tvm.level_payment_apr, 200_000, PAYMENT, 360)
    assert abs(apr - 0.05) < 1e-5


@pytest.mark.benchmark(group="one account: the rate of a level-payment loan")
def test_pyxirr_rate_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    """pyxirr: rate per period of the same loan."""
    rate = benchmark(pyxirr.rate, 360, -PAYMENT, 200_000)
    assert abs(rate * 12 - lr.tvm.level_payment_apr(200_000, PAYMENT, 360)) < 1e-9


@pytest.mark.benchmark(group="one account: Regulation Z APR of the schedule")
def test_loanrelief_apr_schedule(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: Appendix J's actuarial APR of the 360-row schedule."""
    apr = benchmark(lr.apr, SCHEDULE)
    assert abs(apr - 0.05) < 1e-5


@pytest.mark.benchmark(group="one account: replay, compare, solve")
def test_loanrelief_account_state(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the account replayed to month 14 (ten paid, four missed)."""
    state = benchmark(lr.account_state, LOAN, PAID, as_of=AS_OF, penalty=POLICY)
    assert state.days_past_due == (AS_OF - SCHEDULE[10].due_date).days
    assert state.payoff == STATE.payoff


@pytest.mark.benchmark(group="one account: replay, compare, solve")
def test_loanrelief_account_state_of_schedule(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the same replay from the schedule already made (no amortize)."""
    state = benchmark(lr.account_state, SCHEDULE, PAID, as_of=AS_OF, penalty=POLICY)
    assert state.payoff == STATE.payoff


@pytest.mark.benchmark(group="one account: replay, compare, solve")
def test_loanrelief_compare_eight(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: eight relief options evaluated on the account."""
    table = benchmark(lr.compare, STATE, OPTIONS)
    assert len(table) == len(OPTIONS)


@pytest.mark.benchmark(group="one account: replay, compare, solve")
def test_loanrelief_solve(benchmark) -> None:  # type: ignore[no-untyped-def]
    """loanrelief: the least concession that brings the payment to 900."""
    outcome = benchmark(lr.solve, STATE, max_payment=900)
    assert outcome.regular_payment <= 900
