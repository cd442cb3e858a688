"""Properties of overdue accrual and the account replay, on random accounts and policies."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.money import round_ratio
from tests.strategies import amounts, annual_rates, loans, overdue_accounts, start_dates

Account = tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None]

LATE = {"charge": 1, "capped": -1, "restored": 1}


def late_charges(state: lr.AccountState) -> Decimal:
    """Charges for lateness posted, net of what caps removed."""
    return sum(
        (LATE[entry.kind] * entry.amount for entry in state.ledger if entry.kind in LATE),
        Decimal(0),
    )


@given(overdue_accounts())
def test_every_cent_of_every_payment_is_placed(account: Account) -> None:
    """The ledger places exactly the amount paid: on components, or as credit."""
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    placed = sum(e.amount for e in state.ledger if e.kind == "payment")
    assert placed == sum(p.amount for p in payments)
    assert all(e.amount > 0 for e in state.ledger)


@given(overdue_accounts())
def test_charges_are_never_negative(account: Account) -> None:
    """Every amount owed, charged or due is zero or more."""
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    for value in (
        state.penalty,
        state.fees,
        state.overdue_principal,
        state.overdue_interest,
        state.outstanding_principal,
        state.payoff,
        state.capped,
        state.credit,
    ):
        assert value >= 0
    for row in state.instalments:
        assert (
            min(
                row.penalty_charged,
                row.compound_charged,
                row.late_fees_charged,
                row.principal_due,
                row.interest_due,
                row.penalty_due,
                row.fees_due,
            )
            >= 0
        )


@given(overdue_accounts(), st.integers(1, 400))
def test_waiting_never_costs_less(account: Account, more: int) -> None:
    """With no further payment, penalty and payoff never fall as the date moves on.

    Under a rule only the payoff: contract interest falling due may take room under a
    ceiling from penalty and fees (the newest charges are cut first), never the total.
    """
    loan, payments, as_of, policy, rule = account
    now = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    try:
        later = now.on(as_of + timedelta(days=more))
    except lr.LoanReliefError as error:  # past the LPR table, or 2020-08-20 unfiled: refused
        assert error.field in {"on", "filed"}
        return
    if rule is None:
        assert later.penalty + later.fees >= now.penalty + now.fees
    assert later.payoff >= now.payoff


@given(overdue_accounts(), annual_rates("0.5"), annual_rates("0.5"))
def test_penalty_rises_with_the_rate(account: Account, a: Decimal, b: Decimal) -> None:
    """A higher penalty rate never charges less penalty."""
    loan, payments, as_of, *_ = account
    low, high = sorted((a, b))
    results = [
        lr.account_state(
            loan, payments, as_of=as_of, penalty=lr.PenaltyPolicy(annual_rate=rate)
        ).ledger
        for rate in (low, high)
    ]
    charged = [sum(e.amount for e in ledger if e.kind == "charge") for ledger in results]
    assert charged[0] <= charged[1]


@given(overdue_accounts(), annual_rates("0.5"))
def test_base_and_compounding_order(account: Account, rate: Decimal) -> None:
    """Charging the whole instalment or compounding never charges less than principal alone."""
    loan, payments, as_of, *_ = account

    def penalty(**options: object) -> Decimal:
        policy = lr.PenaltyPolicy(annual_rate=rate, **options)
        state = lr.account_state(loan, payments, as_of=as_of, penalty=policy)
        return sum((e.amount for e in state.ledger if e.kind == "charge"), Decimal(0))

    simple = penalty()
    assert penalty(compound=True) >= simple
    assert penalty(base="instalment") >= simple


@given(overdue_accounts())
def test_no_penalty_at_zero_rate_or_zero_days(account: Account) -> None:
    """A zero rate charges no penalty; nor does any policy on the first due date itself."""
    loan, payments, as_of, *_ = account
    zero = lr.account_state(loan, payments, as_of=as_of, penalty=lr.PenaltyPolicy(annual_rate=0))
    assert zero.penalty == 0
    assert all(r.penalty_charged == 0 for r in zero.instalments)
    first_due = lr.amortize(loan).instalments[0].due_date
    early = [p for p in payments if p.date <= first_due]
    on_time = lr.account_state(
        loan, early, as_of=first_due, penalty=lr.PenaltyPolicy(annual_rate="0.5", compound=True)
    )
    assert on_time.penalty == 0


@given(st.integers(0, 20), st.integers(0, 3), st.sampled_from(lr.GraceFrom))
def test_grace_is_respected_to_the_day(grace: int, late_by: int, grace_from: lr.GraceFrom) -> None:
    """Paid within the grace days: nothing charged; a day later: penalty and the late fee."""
    loan = lr.Loan(1200, "0.12", 12, start=date(2024, 1, 1))
    first = lr.amortize(loan)[0]
    policy = lr.PenaltyPolicy(
        annual_rate="0.36", grace_days=grace, grace_from=grace_from, late_fee=10
    )
    paid_on = first.due_date + timedelta(days=grace + late_by)
    state = lr.account_state(
        loan, [lr.Payment(paid_on, first.payment)], as_of=paid_on, penalty=policy
    )
    charged = state.instalments[0]
    if late_by == 0:
        assert charged.penalty_charged == 0
        assert charged.late_fees_charged == 0
    else:
        assert charged.late_fees_charged == 10
        expected_days = grace + late_by if grace_from is lr.GraceFrom.DUE_DATE else late_by
        exact = Fraction(str(first.principal)) * Fraction(36, 100) * expected_days / 365
        assert abs(
            charged.penalty_charged - Decimal(float(exact)).quantize(Decimal("0.01"))
        ) <= Decimal("0.01")


@given(overdue_accounts(), st.data())
def test_intermediate_postings_change_nothing(account: Account, data: st.DataObject) -> None:
    """Extra posting dates leave every total as it was: charges are rounded from exact totals."""
    loan, payments, as_of, policy, rule = account
    if as_of == loan.start:
        return
    extra = sorted(
        {
            date.fromordinal(data.draw(st.integers(loan.start.toordinal(), as_of.toordinal())))
            for _ in range(data.draw(st.integers(1, 3)))
        }
    )
    plain = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    posted = lr.account_state(
        loan, payments, as_of=as_of, penalty=policy, rule=rule, post_on=extra
    )
    assert late_charges(posted) == late_charges(plain)
    assert (posted.payoff, posted.penalty, posted.fees) == (
        plain.payoff,
        plain.penalty,
        plain.fees,
    )


@given(overdue_accounts())
@example(  # a paid band's own ceiling, rounded twice, reopened half a cent after payment
    (
        lr.Loan("488.37", "0.0116", 12, start=date(2019, 10, 1), method="flat",
                day_count="act/360", rounding="half_up"),
        [lr.Payment(date(2019, 10, 1), 1), lr.Payment(date(2019, 10, 1), 1),
         lr.Payment(date(2019, 10, 1), Decimal("449.51"))],
        date(2020, 9, 27),
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360", base="principal"),
        lr.law.ChinaPrivateLending(filed=date(2020, 9, 27)),
    )
)  # fmt: skip
def test_paying_the_payoff_leaves_nothing_owed(account: Account) -> None:
    """Paying the payoff amount on the day settles the account completely."""
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    if state.payoff == 0:
        return
    settled = lr.account_state(
        loan, [*payments, lr.Payment(as_of, state.payoff)], as_of=as_of, penalty=policy, rule=rule
    )
    assert settled.payoff == 0
    assert settled.outstanding_principal == 0
    assert settled.credit == state.credit
    assert settled.refund == state.refund
    assert all(row.total_due == 0 for row in settled.instalments)


@given(
    st.lists(
        st.tuples(amounts("1", "100000"), annual_rates("0.5"), st.integers(0, 2000)),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([lr.DayCount.ACT_360, lr.DayCount.ACT_365]),
)
def test_vectorised_accrual_equals_the_replay(
    rows: list[tuple[Decimal, Decimal, int]], day_count: lr.DayCount
) -> None:
    """accrue() over arrays equals, to the minor unit, the replay of one overdue bullet loan."""
    start = date(2024, 1, 1)
    bases = [principal for principal, _, _ in rows]  # major units, as Decimals
    rates = np.array([float(rate) for _, rate, _ in rows])
    days = np.array([d for _, _, d in rows])
    fast = lr.accrue(bases, rates, days, day_count=day_count, minor_units=False)
    minor = lr.accrue(
        [int(b * 100) for b in bases], rates, days, day_count=day_count, minor_units=True
    )
    assert (fast * 100).round().astype(np.int64).tolist() == minor.tolist()
    for (principal, rate, overdue), result in zip(rows, minor, strict=True):
        loan = lr.Loan(principal, 0, 1, start=start, method="bullet")
        due = lr.amortize(loan).maturity
        state = lr.account_state(
            loan,
            as_of=due + timedelta(days=overdue),
            penalty=lr.PenaltyPolicy(annual_rate=rate, day_count=day_count),
        )
        assert state.penalty * 100 == int(result)


@given(start_dates(), st.integers(0, 1000))
def test_penalty_stops_when_paid(start: date, wait: int) -> None:
    """Once an overdue instalment is paid in full, its penalty stops growing."""
    loan = lr.Loan(1000, "0.12", 3, start=start)
    policy = lr.PenaltyPolicy(annual_rate="0.24")
    first = lr.amortize(loan)[0]
    pay_on = first.due_date + timedelta(days=30)
    paid = [lr.Payment(pay_on, first.payment + 20)]  # 20 covers the penalty accrued so far
    at_payment = lr.account_state(loan, paid, as_of=pay_on, penalty=policy).instalments[0]
    later = lr.account_state(loan, paid, as_of=pay_on + timedelta(days=wait), penalty=policy)
    assert later.instalments[0].penalty_charged == at_payment.penalty_charged


@given(overdue_accounts(max_payments=6))
def test_future_instalments_show_the_schedule_less_what_was_paid(account: Account) -> None:
    """An instalment not yet due shows its scheduled principal, interest and fee, less paid."""
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    if state.outstanding_principal == 0:
        return  # repaid: interest not yet due was cancelled
    for row, planned in zip(state.instalments, state.schedule, strict=True):
        assert row.due_date == planned.due_date
        if row.due_date <= as_of:
            continue
        assert (row.days_late, row.penalty_due, row.fees_due) == (-1, 0, planned.fee)
        # A row that capitalizes interest has its payment due, all of it interest.
        principal, capitalized = max(planned.principal, 0), max(-planned.principal, 0)
        interest = planned.interest - capitalized
        assert row.capitalized == capitalized
        if row.paid == 0:
            assert (row.principal_due, row.interest_due) == (principal, interest)
        else:  # prepaid: principal (and the current period's interest) settled early
            assert row.principal_due + row.interest_due + row.paid == principal + interest
            assert row.principal_due <= principal


@given(overdue_accounts())
def test_the_payoff_lines_are_the_instalments_due_and_what_is_not_yet_due(
    account: Account,
) -> None:
    """The payoff's parts add up to it, each from the instalments.

    What is due is the sums of the instalments due, the principal not yet due is what
    the schedule has left, nothing is negative but a credit, and together they are
    the payoff (so the overdue table's lines add up).
    """
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    lines = dict(state.payoff_lines())
    due = [r for r in state.instalments if r.is_due]
    assert lines["principal due"] == sum((r.principal_due for r in due), Decimal(0))
    assert lines["penalty"] == sum((r.penalty_due for r in due), Decimal(0))
    assert lines["fees"] == sum((r.fees_due for r in due), Decimal(0))
    assert lines["principal due"] >= state.overdue_principal
    later = [r for r in state.instalments if not r.is_due]
    # Interest still to be capitalized is repaid by later principal, but not owed yet.
    assert lines["principal not yet due"] == sum(
        (r.principal_due - r.capitalized for r in later), Decimal(0)
    )
    credited = lines.pop("credited to the borrower", Decimal(0))
    assert all(amount >= 0 for amount in lines.values()), lines
    assert credited <= 0
    assert sum(lines.values(), credited) == state.payoff


@given(overdue_accounts(), st.lists(st.integers(1, 120), min_size=1, max_size=4))
def test_what_a_wait_adds_is_its_parts(account: Account, waits: list[int]) -> None:
    """What waiting adds to the payoff is what it adds to penalty, interest and fees.

    A wait that ends on a due date included: that instalment's interest is then due
    today, neither overdue nor accrued, and must still be counted.
    """
    loan, payments, as_of, policy, rule = account
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    if state.credit:  # an overpayment: the payoff is held at zero
        return
    for cost in lr.cost_of_delay(state, waits):
        assert cost.payoff == cost.penalty + cost.interest + cost.fees


@given(
    loans(
        methods=(
            lr.Method.ANNUITY,
            lr.Method.EQUAL_PRINCIPAL,
            lr.Method.INTEREST_ONLY,
            lr.Method.BALLOON,
        ),
        min_term=2,
        max_term=60,
        max_rate="0.36",
        graces=(lr.Grace.CAPITALIZE,),
        min_grace=1,
    ),
    st.data(),
)
def test_a_capitalizing_grace_owes_its_interest_once(loan: lr.Loan, data: st.DataObject) -> None:
    """Nothing paid: the payoff is the schedule's, each capitalized unit of interest once.

    On the start day the payoff is the principal. On any later day it is every
    payment fallen due (a grace row's is nothing), the schedule's balance after the
    last of them (the principal with the interest capitalized so far) and the current
    period's interest in proportion to its days elapsed, computed here from the
    schedule's rows. The payoff's lines add up to it with no credit among them, and
    only a row with a payment can be late.
    """
    schedule = lr.amortize(loan)
    start = lr.account_state(loan, as_of=loan.start)
    assert start.payoff == loan.principal == start.outstanding_principal
    assert dict(start.payoff_lines()).get("credited to the borrower") is None
    due = schedule.due_dates.astype(object).tolist()
    last = min(due[-1] + timedelta(days=60), date(9999, 12, 31))
    day = data.draw(st.dates(min_value=loan.start, max_value=last))
    state = lr.account_state(loan, as_of=day)
    rows = [row for row in schedule if row.due_date <= day]
    balance = rows[-1].balance if rows else loan.principal
    accrued = Decimal(0)
    if len(rows) < len(schedule):
        current = schedule[len(rows)]
        begin = rows[-1].due_date if rows else loan.start
        elapsed, length = (day - begin).days, (current.due_date - begin).days
        minor = int(current.interest.scaleb(loan.digits))
        accrued = Decimal(round_ratio(minor * elapsed, length, loan.rounding)).scaleb(-loan.digits)
    paid_due = sum((row.payment for row in rows), Decimal(0))
    # The principal outstanding: not yet due (the balance) and fallen due unpaid.
    principal_due = sum((max(row.principal, Decimal(0)) for row in rows), Decimal(0))
    assert state.outstanding_principal == balance + principal_due
    assert state.accrued_interest == accrued
    assert state.payoff == paid_due + balance + accrued
    lines = state.payoff_lines()
    assert "credited to the borrower" not in dict(lines)
    assert sum((amount for _, amount in lines), Decimal(0)) == state.payoff
    late = [row.due_date for row in rows if row.payment > 0 and row.due_date < day]
    assert state.days_past_due == ((day - late[0]).days if late else 0)
