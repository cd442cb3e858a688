"""An account from a lender's statement: figures checked, the same state, rolled forward."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import overdue_accounts, penalty_policies

STATE_FIGURES = (
    "days_past_due",
    "overdue_principal",
    "overdue_interest",
    "penalty",
    "fees",
    "costs",
    "outstanding_principal",
    "accrued_interest",
    "payoff",
)


def statement(**changes: object) -> lr.Statement:
    """The collector's statement of the issue: 97 days overdue, 8 instalments to come."""
    figures: dict[str, object] = {
        "as_of": date(2024, 6, 20),
        "outstanding_principal": "8432.10",
        "overdue_principal": "1810.00",
        "overdue_interest": "612.00",
        "penalty": "210.40",
        "fees": 150,
        "days_past_due": 97,
        "annual_rate": "0.24",
        "next_due_date": date(2024, 7, 15),
        "remaining_instalments": 8,
    }
    figures.update(changes)
    return lr.Statement(**figures)  # type: ignore[arg-type]


def test_a_statement_is_an_account_state_with_its_figures() -> None:
    shown = statement(total="9426.57")
    state = lr.account_state(shown, as_of=shown.as_of)
    for name in STATE_FIGURES:
        if hasattr(shown, name):
            assert getattr(state, name) == getattr(shown, name), name
    assert state.payoff == Decimal("9426.57")
    # the remaining 6,622.10 at 2 % a month over 8 months: 903.98, the last 903.99
    future = [row for row in state.instalments if row.due_date > shown.as_of]
    assert [row.scheduled_payment for row in future] == [Decimal("903.98")] * 7 + [
        Decimal("903.99")
    ]
    # 132.44 of interest in the period from 2024-06-15, 5 days of 30 elapsed
    assert shown.accrued_interest == Decimal("22.07")
    assert state.instalments[0].due_date == date(2024, 3, 15)


def test_penalty_runs_on_from_the_statement_on_the_overdue_principal() -> None:
    shown = statement()
    policy = lr.PenaltyPolicy(annual_rate="0.365", day_count="act/365")
    state = lr.account_state(shown, as_of=shown.as_of, penalty=policy)
    later = state.on(date(2024, 6, 30))
    # 1,810.00 x 0.1 % a day x 10 days = 18.10 on top of the statement's 210.40
    assert later.penalty == Decimal("228.50")
    # the next instalment falls due unpaid on 2024-07-15 and is overdue after it
    after = state.on(date(2024, 7, 20))
    assert after.overdue_principal == Decimal("1810.00") + future_principal(state, 0)
    assert after.days_past_due == 97 + 30


def is_month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def future_principal(state: lr.AccountState, k: int) -> Decimal:
    return [row for row in state.instalments if row.due_date > state.as_of][k].principal_due


def test_a_payment_after_the_statement_settles_by_the_allocation() -> None:
    shown = statement()
    state = lr.account_state(
        shown, [lr.Payment(date(2024, 6, 25), "1000")], as_of=date(2024, 6, 25)
    )
    # Civil Code art. 561: fees, then interest (penalty counts as interest), then principal
    assert state.fees == 0
    assert state.penalty == 0
    assert state.overdue_interest == Decimal("612.00") + Decimal("150") + Decimal(
        "210.40"
    ) - Decimal("1000") or state.overdue_interest == Decimal("0")
    assert state.payoff == lr.account_state(shown, as_of=date(2024, 6, 25)).payoff - 1000


@pytest.mark.parametrize(
    ("changes", "figure"),
    [
        ({"total": "9400"}, "total"),
        ({"overdue_principal": "9000"}, "overdue_principal"),
        ({"days_past_due": 0}, "days_past_due"),
        ({"overdue_principal": 0, "overdue_interest": 0}, "days_past_due"),
        ({"days_past_due": 3}, "days_past_due"),  # after the current period began
        ({"accrued_interest": "30"}, "accrued_interest"),
        ({"next_due_date": date(2024, 6, 20)}, "next_due_date"),
        ({"next_due_date": None}, "next_due_date"),
        ({"remaining_instalments": None}, "remaining_instalments"),
        ({"maturity": date(2025, 3, 1)}, "maturity"),
        ({"maturity": date(2025, 3, 15)}, "maturity"),  # 9 instalments, not 8
        ({"payment": "2000"}, "payment"),  # repays in 4 instalments, not 8
        ({"period_start": date(2024, 6, 21)}, "period_start"),
        ({"method": "bullet"}, "method"),
        ({"payment": "900", "method": "equal_principal"}, "payment"),
        ({"instalments": [(date(2024, 7, 15), "6622.10", "1")]}, "next_due_date"),
    ],
)
def test_figures_that_do_not_fit_are_refused_by_name(
    changes: dict[str, object], figure: str
) -> None:
    with pytest.raises(lr.LoanReliefError, match=f"^{figure}="):
        statement(**changes)


def test_listed_instalments_must_add_to_the_principal_not_yet_due() -> None:
    with pytest.raises(lr.InvalidValueError, match=r"^instalments="):
        statement(
            next_due_date=None,
            remaining_instalments=None,
            instalments=[(date(2024, 7, 15), "6000", "132.44")],
        )


def test_maturity_sets_the_count_and_a_payment_pins_the_rows() -> None:
    by_count = statement(payment="903.98")
    by_maturity = statement(remaining_instalments=None, maturity=date(2025, 2, 15))
    assert by_count.due_dates == by_maturity.due_dates
    assert len(by_maturity.due_dates) == 8
    assert by_count.payoff == by_maturity.payoff
    # a payment a cent lower leaves more for the last instalment
    lower = statement(payment="903.97").schedule.minor_columns["payment"]
    assert lower[-1] > 90398


def test_a_state_under_a_rule_has_no_statement() -> None:
    loan = lr.Loan(12000, "0.36", 12, start=date(2024, 1, 1))
    state = lr.account_state(
        loan, as_of=date(2024, 4, 11), rule=lr.law.AnnualRateCap(annual_rate="0.24")
    )
    with pytest.raises(lr.InvalidTermsError, match=r"^state="):
        state.to_statement()


def test_due_day_keeps_the_contract_day_in_short_months() -> None:
    shown = statement(
        next_due_date=date(2024, 6, 30),
        due_day=31,
        remaining_instalments=3,
        as_of=date(2024, 6, 20),
        days_past_due=80,
    )
    assert shown.due_dates == (date(2024, 6, 30), date(2024, 7, 31), date(2024, 8, 31))
    with pytest.raises(lr.InvalidTermsError, match=r"^due_day="):
        statement(due_day=20)
    with pytest.raises(lr.InvalidTermsError, match=r"^due_day="):
        statement(due_day=20, frequency="weekly")


def test_a_statement_refuses_a_rule_and_the_us_rule() -> None:
    with pytest.raises(lr.InvalidTermsError, match=r"^rule="):
        lr.account_state(statement(), as_of=date(2024, 6, 20), rule=lr.law.ChinaPrivateLending())
    with pytest.raises(lr.InvalidTermsError, match=r"^accrual="):
        lr.account_state(statement(), as_of=date(2024, 6, 20), accrual="us_rule")
    with pytest.raises(lr.InvalidValueError, match=r"^as_of="):
        lr.account_state(statement(), as_of=date(2024, 6, 19))
    with pytest.raises(lr.InvalidValueError, match=r"^payments\[0\]\.date="):
        lr.account_state(statement(), [lr.Payment(date(2024, 6, 1), 10)], as_of=date(2024, 6, 20))


def test_relief_works_from_a_statement() -> None:
    state = lr.account_state(statement(), as_of=date(2024, 6, 20))
    comparison = lr.compare(
        state, [[lr.FreezeInterest(36)], [lr.Settlement(share="0.7")], [lr.ExtendTerm(24)]]
    )
    freeze, settle, extend = comparison.outcomes
    assert freeze.plan.total_paid == state.payoff  # frozen: no more interest
    assert settle.plan.total_paid == (state.payoff * Decimal("0.7")).quantize(Decimal("0.01"))
    assert extend.plan.total_paid > state.payoff
    solved = lr.solve(state, max_payment=800)
    assert solved.plan.regular_payment <= 800
    assert lr.cost_of_delay(state, [7])[0].payoff > 0


@given(overdue_accounts(owing=True), st.integers(0, 400))
def test_a_statement_read_from_a_state_gives_the_state_back(
    account: tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None],
    wait: int,
) -> None:
    loan, payments, as_of, policy, _ = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy)
    assert state.outstanding_principal > 0  # drawn owing: a statement needs principal
    shown = state.to_statement()
    again = lr.account_state(shown, as_of=as_of, penalty=policy)
    for name in STATE_FIGURES:
        assert getattr(again, name) == getattr(state, name), name
    ahead = [
        (row.due_date, row.principal_due, row.interest_due)
        for row in state.instalments
        if row.due_date > as_of
    ]
    assert [
        (row.due_date, row.principal_due, row.interest_due)
        for row in again.instalments
        if row.due_date > as_of
    ] == ahead
    # Rolled forward without a payment: the same charges, but for the rounding of each
    # instalment's penalty (the statement holds their sum) -- when nothing is in grace,
    # no fee repeats and no default interest (which earns nothing) hides in the interest.
    if policy.grace_days or policy.late_fee_every_days or policy.interest_continues:
        return
    later = as_of + timedelta(days=wait)
    rolled, replayed = again.on(later), state.on(later)
    overdue = sum(1 for row in state.instalments if row.due_date < as_of)
    unit = Decimal(1).scaleb(-loan.digits)
    assert abs(rolled.payoff - replayed.payoff) <= (overdue + 1) * unit
    assert rolled.days_past_due == replayed.days_past_due


@st.composite
def _level_annuities(draw: st.DrawFn) -> lr.Loan:
    """Annuities whose payment is level and repays principal in every row.

    ``amortize`` splits a balance evenly where interest rounds to nothing, and keeps a
    payment of a few minor units that repays early: the principal is drawn from what
    gives a first period's interest of at least one minor unit and a payment of at
    least a hundred.
    """
    currency = draw(st.sampled_from([None, "JPY", "KWD"]))
    unit = 10 ** lr.minor.minor_digits(currency)  # minor units in a major one
    rate = Decimal(draw(st.integers(1, 6000))) / 10000
    term = draw(st.integers(3, 60))
    least = max(100, math.ceil(12 / (rate * unit)), math.ceil(100 * term / unit))
    return lr.Loan(
        draw(st.integers(least, max(least, 10**7))),
        rate,
        term,
        start=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
        day_count=draw(st.sampled_from(list(lr.DayCount))),
        end_of_month=draw(st.booleans()),
        currency=currency,
        rounding=draw(st.sampled_from(lr.RoundingMode)),
    )


@given(_level_annuities(), st.data(), penalty_policies())
def test_a_stated_payment_gives_the_contract_rows(
    loan: lr.Loan, data: st.DataObject, policy: lr.PenaltyPolicy
) -> None:
    """The statement's count and payment alone give the contract's remaining rows."""
    schedule = lr.amortize(loan)
    paid = data.draw(st.integers(0, len(schedule) - 2))
    # a level annuity that amortizes (drawn so)
    assert len(set(schedule.minor_columns["payment"][:-1].tolist())) == 1
    assert schedule.minor_columns["principal"][:-1].min() > 0
    due = schedule.instalments[paid].due_date
    as_of = due - timedelta(days=1)
    payments = [lr.Payment(row.due_date, row.payment) for row in schedule.instalments[:paid]]
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy)
    shown = lr.Statement(
        as_of=as_of,
        outstanding_principal=state.outstanding_principal,
        annual_rate=loan.annual_rate,
        next_due_date=due,
        remaining_instalments=len(schedule) - paid,
        payment=schedule.regular_payment,
        # the contract's day: a month-end loan kept on month ends is due on the 31st
        due_day=31 if loan.end_of_month and is_month_end(loan.start) else loan.start.day,
        period_start=schedule.instalments[paid - 1].due_date if paid else loan.start,
        day_count=loan.day_count,
        end_of_month=loan.end_of_month,
        currency=loan.currency,
        rounding=loan.rounding,
    )
    again = lr.account_state(shown, as_of=as_of, penalty=policy)
    assert again.payoff == state.payoff
    assert [(r.due_date, r.scheduled_payment) for r in again.instalments] == [
        (r.due_date, r.scheduled_payment) for r in state.instalments[paid:]
    ]
