"""An account's state is a value: nothing is written on it, and nothing holds it in a cycle."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from collections.abc import Iterator
from datetime import date

import pytest

import loanrelief as lr
from loanrelief._relief.draft import draft_from

LOAN = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1))


@pytest.fixture
def no_collector() -> Iterator[None]:
    """Run a test with the cycle collector off, so only reference counts free objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _state() -> lr.AccountState:
    return lr.account_state(
        LOAN, as_of=date(2024, 4, 11), penalty=lr.PenaltyPolicy(annual_rate="0.18")
    )


@pytest.mark.usefixtures("no_collector")
def test_a_state_compared_is_freed_without_the_cycle_collector() -> None:
    """A state its drafts, outcomes and comparison were made from dies with its last reference."""
    state = _state()
    options = [lr.ExtendTerm(6), lr.CapitalizeArrears(), lr.PaymentHoliday(2)]
    lr.compare(state, options)
    lr.solve(state, max_payment=1500)
    draft_from(state)
    _ = state.installments
    alive = weakref.ref(state)
    del state
    assert alive() is None


@pytest.mark.usefixtures("no_collector")
def test_a_draft_holds_its_state_and_the_state_does_not_hold_it() -> None:
    """Dropping the draft frees the state; the state keeps no draft of its own."""
    draft = draft_from(_state())
    alive = weakref.ref(draft.state)
    del draft
    assert alive() is None


def test_reading_a_state_writes_nothing_on_it() -> None:
    """Its fields compare equal before and after the engines and the statuses read it."""
    state = _state()
    before = {f.name: getattr(state, f.name) for f in dataclasses.fields(state)}
    lr.compare(state, [lr.ExtendTerm(6)])
    after = {f.name: getattr(state, f.name) for f in dataclasses.fields(state)}
    assert before.keys() == after.keys()
    assert all(before[name] is after[name] for name in before)


def test_the_draft_starts_from_the_state_rows() -> None:
    """The draft's arrears, balance and term are the instalment rows' due now and ahead."""
    state = _state()
    draft = draft_from(state)
    rows = state._instalments
    due = [row for row in state.installments if row.due_date <= state.as_of]
    assert draft.arrears.principal == sum(row.principal_due for row in due) * 100
    assert draft.arrears.interest == sum(row.interest_due for row in due) * 100
    assert draft.term == len(rows.ahead) == len(state.installments) - len(due)
    assert draft.balance == rows.balance
    assert draft_from(state) == draft
