"""An account's state is a value: nothing is written on it, and nothing holds it in a cycle."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.dates import Frequency
from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.money import RoundingMode, decimal_of, to_major
from loanrelief._ledger.inputs import ReplayInputs
from loanrelief._loans.terms import Grace
from loanrelief._relief.draft import Reamortization, draft_from, reamortized_rows

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
    _ = state.instalments
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
    due = [row for row in state.instalments if row.due_date <= state.as_of]
    assert draft.arrears.principal == sum(row.principal_due for row in due) * 100
    assert draft.arrears.interest == sum(row.interest_due for row in due) * 100
    assert draft.term == len(rows.ahead) == len(state.instalments) - len(due)
    assert draft.balance == rows.balance
    assert draft_from(state) == draft


def test_compare_reshapes_minor_units_without_a_new_loan() -> None:
    """Compare and solve re-amortize the account's minor units: no Loan is built on the way."""
    state = _state()
    options = [lr.ExtendTerm(12), [lr.CapitalizeArrears(), lr.ExtendTerm(6)], lr.PaymentHoliday(2)]
    made: list[object] = []
    build = lr.Loan.__init__

    def counted(self: lr.Loan, *args: Any, **kwargs: Any) -> None:
        made.append(args)
        build(self, *args, **kwargs)

    with mock.patch.object(lr.Loan, "__init__", counted):
        table = lr.compare(state, options)
        lr.solve(state, max_payment=1000)
    assert made == []
    assert len(table) == len(options)


@st.composite
def reamortizations(draw: st.DrawFn) -> tuple[Reamortization, int]:
    """Terms a workout re-amortizes on, and a balance in minor units."""
    frequency = draw(st.sampled_from(Frequency))
    term = draw(st.integers(1, min(360, 60 * frequency.periods_per_year)))
    return Reamortization(
        rate=Fraction(draw(st.integers(0, 6000)), 10000),
        start=draw(st.dates(date(1990, 1, 1), date(2060, 12, 31))),
        term=term,
        frequency=frequency,
        day_count=draw(st.sampled_from([DayCount.ACT_365, DayCount.ACT_360, DayCount.THIRTY_360])),
        end_of_month=draw(st.booleans()),
        grace_periods=draw(st.integers(0, term - 1)),
        grace=draw(st.sampled_from(Grace)),
        rounding=draw(st.sampled_from(RoundingMode)),
    ), draw(st.integers(1, 10**11))


@given(reamortizations())
def test_a_reamortization_is_the_loan_it_replaces(case: tuple[Reamortization, int]) -> None:
    """The minor-unit rows are amortize's of the Loan the workout used to build, to the unit."""
    terms, principal = case
    days, interest, repaid = reamortized_rows(terms, principal, 2)
    loan = lr.Loan(
        to_major(principal, 2),
        decimal_of(terms.rate),
        terms.term,
        start=terms.start,
        frequency=terms.frequency,
        day_count=terms.day_count,
        end_of_month=terms.end_of_month,
        grace_periods=terms.grace_periods,
        grace=terms.grace,
        rounding=terms.rounding,
    )
    schedule = lr.amortize(loan)
    assert days == schedule.due_dates.astype(object).tolist()
    assert interest == schedule.minor_columns["interest"].tolist()
    assert repaid == schedule.minor_columns["principal"].tolist()


@pytest.mark.parametrize(
    ("start", "term", "frequency", "principal"),
    [
        (date(9990, 1, 1), 240, Frequency.MONTHLY, 100000),  # past 9999-12-31
        (date(2024, 1, 1), 101, Frequency.ANNUAL, 100000),  # past 100 years
        (date(2024, 1, 1), 12, Frequency.MONTHLY, 10**16 + 1),  # past a loan's principal
    ],
)
def test_a_reamortization_refuses_what_a_loan_refuses(
    start: date, term: int, frequency: Frequency, principal: int
) -> None:
    """The minor-unit path names the same field a Loan of those terms would."""
    terms = Reamortization(rate=Fraction(1, 10), start=start, term=term, frequency=frequency)
    with pytest.raises(lr.InvalidValueError) as loan_refusal:
        lr.Loan(to_major(principal, 2), "0.1", term, start=start, frequency=frequency)
    with pytest.raises(lr.InvalidValueError) as refusal:
        reamortized_rows(terms, principal, 2)
    assert refusal.value.field == loan_refusal.value.field


def test_a_public_attribute_of_a_state_holds_no_private_type() -> None:
    """The replay's inputs are read as the state's own properties; their record is private."""
    costs = [lr.EnforcementCost(date(2024, 4, 1), 300, "court fee")]
    paid = [lr.Payment(date(2024, 2, 1), 1000)]
    state = lr.account_state(
        LOAN, paid, as_of=date(2024, 4, 11), costs=costs, post_on=[date(2024, 3, 5)]
    )
    public = {
        name: getattr(state, name)
        for name in dir(state)
        if not name.startswith("_") and not callable(getattr(state, name))
    }
    assert not any(isinstance(value, ReplayInputs) for value in public.values())
    for field in dataclasses.fields(ReplayInputs):
        assert public[field.name] == getattr(state._inputs, field.name)
    assert (state.payments, state.enforcement_costs, state.post_on) == (
        tuple(paid),
        tuple(costs),
        (date(2024, 3, 5),),
    )
