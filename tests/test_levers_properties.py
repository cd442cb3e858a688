"""Properties of relief options on random overdue accounts, each with its expected sign."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from itertools import accumulate

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._loans.plan import PLAN_COLUMNS
from loanrelief._relief.draft import draft_from
from loanrelief._relief.workout import allocate
from tests.strategies import overdue_accounts

Account = tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None]


def state_of(account: Account) -> lr.AccountState:
    loan, payments, as_of, policy, rule = account
    return lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)


shares = st.sampled_from(["0.1", "0.5", "1"])
levers = st.one_of(
    st.builds(lr.ExtendTerm, st.integers(1, 24)),
    st.builds(lr.InstalmentPlan, st.integers(1, 60)),
    st.builds(lr.WaiveInterest, share=shares, on=st.sampled_from(lr.WaiveOn)),
    st.builds(lr.WaivePenalty, share=shares),
    st.builds(lr.WaiveFees, share=shares),
    st.builds(lr.ReduceRate, by=st.sampled_from(["0.01", "0.05"])),
    st.builds(lr.PaymentHoliday, st.integers(1, 6), interest=st.sampled_from(lr.HolidayInterest)),
    st.just(lr.CapitalizeArrears()),
    st.builds(lr.FreezeInterest, st.integers(1, 60)),
    st.builds(lr.ForbearPrincipal, st.integers(0, 500)),
    st.builds(lr.ForgivePrincipal, st.integers(0, 500)),
    st.builds(lr.Settlement, share=shares, instalments=st.integers(1, 6)),
    st.builds(lr.Prepay, st.integers(0, 500), keep=st.sampled_from(["term", "payment"])),
)


@given(overdue_accounts(), st.lists(levers, max_size=3))
def test_every_outcome_reconciles(account: Account, package: list[lr.Lever]) -> None:
    """Sign: zero. Total paid equals principal + interest + penalty + fees, to the cent."""
    outcome = lr.evaluate(state_of(account), *package)
    parts = outcome.total_principal + outcome.total_interest + outcome.total_penalty
    assert outcome.total_paid == parts + outcome.total_fees
    assert sum(row.amount for row in outcome.plan.rows) == outcome.total_paid
    assert all(row.amount >= 0 for row in outcome.plan.rows)


@given(overdue_accounts(), st.lists(levers, max_size=3))
def test_principal_is_never_lost(account: Account, package: list[lr.Lever]) -> None:
    """Sign: zero. Principal repaid plus principal waived is the principal outstanding."""
    state = state_of(account)
    outcome = lr.evaluate(state, *package)
    forgiven = outcome.waived.get("principal", Decimal(0))
    assert outcome.total_principal + forgiven == state.outstanding_principal


@given(
    overdue_accounts(),
    st.sampled_from([lr.WaiveInterest, lr.WaivePenalty, lr.WaiveFees]),
    shares,
    st.lists(levers, max_size=2),
)
@example(  # a future-interest waiver must not reach interest rolled in from arrears
    (
        lr.Loan(100, "0.0066", 3, start=date(2000, 1, 1)),
        [],
        date(2000, 2, 1),
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360"),
        None,
    ),
    lr.WaiveInterest,
    "0.1",
    [lr.CapitalizeArrears(), lr.WaiveInterest(share=1, on="future")],
)
@example(  # 9 yen a month with the waiver reach a 29th month that 10 without never do
    (
        lr.Loan(377, "0.0247", 2, start=date(2000, 1, 1), method="flat",
                day_count="act/360", currency="JPY"),
        [],
        date(2000, 10, 28),
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360"),
        None,
    ),
    lr.WaiveInterest,
    "0.5",
    [lr.InstalmentPlan(29), lr.ForbearPrincipal(119)],
)  # fmt: skip
@example(  # the last payment takes two residues: 4.60 with the waiver, 4.29 without
    (
        lr.Loan(
            100,
            "0.0904",
            1,
            start=date(2000, 1, 1),
            first_due_date=date(2000, 1, 16),
            day_count="act/360",
        ),
        [lr.Payment(date(2000, 1, 1), 1)],
        date(2001, 11, 12),
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360"),
        None,
    ),
    lr.WaiveInterest,
    "0.1",
    [lr.InstalmentPlan(29)],
)
def test_a_waiver_never_raises_any_cost(
    account: Account, kind: type, share: str, package: list[lr.Lever]
) -> None:
    """Sign: a waiver lowers or keeps every cost — total, what is paid by each date, each part.

    Up to the payment's rounding: a smaller debt can tip a re-amortized payment from
    rounded up to lowered by one minor unit (amortize's rule), which repays more slowly
    and so costs up to about one unit per instalment more; what is paid by each date,
    one unit a payment.
    (A settlement splits its price across components by its own order, so with one in
    the package only the totals and payments are compared.)
    """
    state = state_of(account)
    without = lr.evaluate(state, *package)
    with_waiver = lr.evaluate(state, kind(share=share), *package)
    unit = Decimal(1).scaleb(-state.loan.digits)
    slack = {"regular_payment": unit}
    names = ["total_paid", "regular_payment", "present_value"]
    # Each payment, date by date (a waiver of everything due today removes today's
    # payment, so the first payments of the two plans need not fall on one date).
    # The last payment takes the rounding residue of the rows before it: each of them
    # may be a unit lower than without the waiver, and the total a unit an instalment
    # higher (above), so the last one may be up to two units an instalment higher
    # (115.94 in 29: 28 x 4.47 and 4.29 without, 28 x 4.46 and 4.60 with 0.04 waived).
    # What is paid by each date: a payment lowered by a unit repays more slowly, so the
    # plan with the waiver may pay on a date the other's faster payments never reach (9
    # yen a month for 29 months against 10 for 28), or more than the other's small last
    # payment on its date (0.04 against 0.01); by each date it has paid no more, but for
    # a unit a payment and the last payment's residues.
    paid = {row.date: row.amount for row in without.plan.rows}
    rows = with_waiver.plan.rows
    for k, row in enumerate(rows):
        residue = 2 * unit * without.payments_count if k == len(rows) - 1 else 0
        by_then = sum((v for day, v in paid.items() if day <= row.date), Decimal(0))
        so_far = sum((r.amount for r in rows[: k + 1]), Decimal(0))
        assert so_far <= by_then + unit * (k + 1) + residue
    if not any(isinstance(lever, lr.Settlement) for lever in package):
        names += ["total_interest", "total_penalty", "total_fees"]
    for name in names:
        allowed = slack.get(name, unit * without.payments_count)
        assert getattr(with_waiver, name) <= getattr(without, name) + allowed


@given(overdue_accounts(), st.integers(0, 12), st.integers(1, 12))
def test_extending_lowers_the_payment(account: Account, base: int, more: int) -> None:
    """Sign: a longer term lowers the payment and, at a positive rate, raises interest.

    (Both "or keeps", within a minor unit of rounding.)
    """
    state = state_of(account)
    levers_ = [lr.CapitalizeArrears()]
    shorter = lr.evaluate(state, *levers_, *([lr.ExtendTerm(base)] if base else []))
    longer = lr.evaluate(state, *levers_, lr.ExtendTerm(base + more))
    unit = Decimal(1).scaleb(-state.loan.digits)
    assert longer.regular_payment <= shorter.regular_payment + unit
    # A debt of fewer minor units than periods is repaid in even parts, interest-free at
    # the minor unit (docs/conventions.md): the interest rule changes, not its sign.
    if state.loan.rate > 0 and state.payoff >= unit * longer.payments_count:
        assert longer.total_interest >= shorter.total_interest - unit


@given(overdue_accounts(rate_limits=True), st.sampled_from(["0.01", "0.05", "0.1"]))
def test_a_rate_cut_lowers_payment_and_interest(account: Account, step: str) -> None:
    """Sign: a lower rate lowers (or keeps) the payment and the total interest.

    (Up to one minor unit of payment: at a zero rate the split is even, not level. And
    on loans of a few minor units, up to each row's rounding: a level payment rounded
    down repays more slowly, 0.07 instead of 0.08 a month on 10.35.)

    Under a total cost cap the plan's interest is trimmed to what the cap leaves,
    whatever the rate: the rate no longer decides the payment. The rules are drawn
    with rate limits only.
    """
    state = state_of(account)
    assert state.rule is None or all(
        limit.steps for limit in state.rule.limits(state.loan, state.as_of)
    )
    same = lr.evaluate(state, lr.CapitalizeArrears(), lr.ReduceRate(by=0))
    cut = lr.evaluate(state, lr.CapitalizeArrears(), lr.ReduceRate(by=step))
    assert cut.regular_payment <= same.regular_payment + Decimal(1).scaleb(-state.loan.digits)
    rounding = Decimal(cut.payments_count).scaleb(-state.loan.digits)
    small = cut.regular_payment < 100 * Decimal(1).scaleb(-state.loan.digits)
    assert cut.total_interest <= same.total_interest + (rounding if small else 0)


@given(overdue_accounts(), st.integers(1, 6))
def test_a_capitalized_holiday_raises_interest(account: Account, periods: int) -> None:
    """Sign: a capitalized holiday costs more interest than as many extra paying periods.

    (At a positive rate; up to each row's rounding on loans of a few minor units, where
    the two schedules round their interest differently.)
    """
    state = state_of(account)
    holiday = lr.evaluate(state, lr.PaymentHoliday(periods))
    extended = lr.evaluate(state, lr.ExtendTerm(periods))
    if state.loan.rate > 0 and state.outstanding_principal > 0 and holiday.payments_count > 1:
        rounding = Decimal(holiday.payments_count).scaleb(-state.loan.digits)
        assert holiday.total_interest >= extended.total_interest - rounding


@given(overdue_accounts(), st.integers(1, 60))
def test_freezing_costs_exactly_the_frozen_balance(account: Account, count: int) -> None:
    """Sign: zero. A freeze's total paid is exactly what was owed on the day."""
    state = state_of(account)
    outcome = lr.evaluate(state, lr.FreezeInterest(count))
    assert outcome.total_paid == state.payoff


@given(overdue_accounts(), st.integers(0, 100), st.integers(1, 6))
def test_a_settlement_costs_exactly_its_amount(account: Account, percent: int, parts: int) -> None:
    """Sign: zero. A settlement's total paid is exactly its price; the rest is waived."""
    state = state_of(account)
    share = Decimal(percent) / 100
    outcome = lr.evaluate(state, lr.Settlement(share=share, instalments=parts))
    unit = Decimal(1).scaleb(-state.loan.digits)
    price = (state.payoff * share).quantize(unit)
    assert abs(outcome.total_paid - price) <= unit
    assert outcome.total_paid + outcome.total_waived == state.payoff


@given(overdue_accounts(), st.integers(30, 95))
def test_solve_fits_the_budget_and_nothing_earlier_does(account: Account, percent: int) -> None:
    """Sign: the plan found is within the budget; the grid point before it is above it."""
    state = state_of(account)
    unit = Decimal(1).scaleb(-state.loan.digits)
    # At least one minor unit: a share of a payment of a few units may round to nothing.
    budget = max((lr.evaluate(state).regular_payment * percent / 100).quantize(unit), unit)
    grid = [p for stage in lr.waterfall(state, max_term=60) for p in stage]
    try:
        outcome = lr.solve(state, max_payment=budget, max_term=60)
    except lr.NoSolutionError:
        assert all(lr.evaluate(state, *p).regular_payment > budget for p in grid[-3:])
        return
    assert outcome.regular_payment <= budget
    position = [tuple(p) for p in grid].index(tuple(outcome.levers))
    if position:
        assert lr.evaluate(state, *grid[position - 1]).regular_payment > budget


def _not_due(state: lr.AccountState) -> Decimal:
    """The principal not yet due today: what a prepayment may repay.

    The payoff's own line: an instalment's principal may include interest a grace
    period will capitalize later, which is not principal yet.
    """
    return dict(state.payoff_lines())["principal not yet due"]


def _prepaid(data: st.DataObject, state: lr.AccountState, most: int) -> Decimal:
    """An amount to prepay: up to ``most`` and the principal not yet due (drawn ahead)."""
    unit = Decimal(1).scaleb(-state.loan.digits)
    not_due = _not_due(state)
    assert not_due >= unit  # overdue_accounts(ahead=True) leaves some
    top = min(Decimal(most), not_due)
    return data.draw(st.decimals(unit, top, places=state.loan.digits), label="amount")


@given(overdue_accounts(ahead=True), st.data())
def test_a_prepayment_pays_now_and_lowers_what_follows(
    account: Account, data: st.DataObject
) -> None:
    """Prepay: the amount is paid on the day, beside the arrears.

    Re-amortizing the smaller balance over the same periods never costs more interest
    than without it (up to each payment's rounding). The amount is drawn within the
    principal not yet due.
    """
    state = state_of(account)
    amount = _prepaid(data, state, 500)
    kept = lr.evaluate(state, lr.ExtendTerm(1))  # the same re-amortization, a period longer
    base = lr.evaluate(state, lr.Prepay(0), lr.ExtendTerm(1))
    paid = lr.evaluate(state, lr.Prepay(amount), lr.ExtendTerm(1))
    assert base.total_paid == kept.total_paid
    today = {row.date: row.amount for row in base.plan.rows}.get(state.as_of, Decimal(0))
    first = paid.plan.rows[0]
    assert first.date == state.as_of
    assert first.amount == today + amount
    unit = Decimal(1).scaleb(-state.loan.digits)
    assert paid.total_interest <= base.total_interest + unit * base.payments_count
    assert paid.total_principal == base.total_principal


@given(overdue_accounts(), st.integers(20, 95), st.sampled_from(["borrower", "lender"]))
def test_solve_for_an_objective_beats_every_alternative_that_fits(
    account: Account, percent: int, objective: str
) -> None:
    """Sign: the choice is within the budget and no weighed alternative does better.

    Every alternative above the budget is, and every one within it is no better for
    the objective; the first fit (objective "first") is among those weighed.
    """
    state = state_of(account)
    unit = Decimal(1).scaleb(-state.loan.digits)
    # At least one minor unit: a share of a payment of a few units may round to nothing.
    budget = max((lr.evaluate(state).regular_payment * percent / 100).quantize(unit), unit)
    bounds = {"max_term": 60, "max_instalments": 36}
    try:
        chosen = lr.solve(state, max_payment=budget, objective=objective, **bounds)
    except lr.NoSolutionError:
        with pytest.raises(lr.NoSolutionError):
            lr.solve(state, max_payment=budget, **bounds)
        return
    first = lr.solve(state, max_payment=budget, **bounds)
    assert chosen.regular_payment <= budget
    weighed = [chosen, *(a for a in chosen.alternatives if a.present_value is not None)]
    assert first.label in {option.label for option in weighed}
    for alternative in chosen.alternatives:
        if alternative.present_value is None:
            assert alternative.regular_payment > budget
            continue
        assert alternative.regular_payment <= budget
        if objective == "borrower":
            assert chosen.present_value <= alternative.present_value
        else:
            assert alternative.lender_present_value is not None
            assert chosen.lender_present_value >= alternative.lender_present_value


@given(overdue_accounts(ahead=True), st.data())
def test_shortening_the_term_saves_at_least_the_interest_lowering_the_payment_does(
    account: Account, data: st.DataObject
) -> None:
    """Prepay: the same amount, the shorter term never costs more interest.

    With the payment kept the new term is never longer than the periods left, and the
    re-amortized payment is about the contract's (at most it, or the longer term's).
    """
    state = state_of(account)
    amount = _prepaid(data, state, 2000)
    lower = lr.evaluate(state, lr.Prepay(amount))
    shorter = lr.evaluate(state, lr.Prepay(amount, keep="payment"))
    unit = Decimal(1).scaleb(-state.loan.digits)
    slack = unit * lower.payments_count  # each row's rounding
    assert shorter.total_interest <= lower.total_interest + slack
    assert shorter.payments_count <= lower.payments_count
    assert shorter.regular_payment >= lower.regular_payment - unit


@given(
    st.lists(st.integers(0, 10_000), max_size=12),
    st.fixed_dictionaries({c: st.integers(0, 20_000) for c in PLAN_COLUMNS}),
)
def test_one_plan_allocates_as_a_block_does(parts: list[int], pools: dict[str, int]) -> None:
    """The rows' shares of each pool: one plan's (by bisection) equal a block's (arrays)."""
    running = list(accumulate(parts))
    alone = allocate(running, pools)
    assert sum(sum(shares) for shares in alone.values()) == sum(parts)  # nothing lost
    if not parts:
        return
    block = allocate(np.array([running]), {c: np.array([v]) for c, v in pools.items()})
    assert {name: shares[0].tolist() for name, shares in block.items()} == alone


fee_stops = st.one_of(
    st.builds(lr.FreezeInterest, st.integers(1, 60), fee_rate=st.sampled_from(["0", "0.003"])),
    st.builds(lr.InstalmentPlan, st.integers(1, 60), annual_rate=st.sampled_from([None, "0.05"])),
)
same_contract = st.one_of(
    st.builds(lr.ExtendTerm, st.integers(1, 12)),
    st.builds(lr.ReduceRate, by=st.sampled_from(["0.01", "0.05"])),
)


@given(
    overdue_accounts(),
    st.sampled_from(["0", "1", "200"]),
    fee_stops,
    st.booleans(),
    st.lists(same_contract, max_size=2),
)
def test_a_lever_that_stops_fees_charges_only_the_plans_own(
    account: Account, fee: str, lever: lr.Lever, keep: bool, after: list[lr.Lever]
) -> None:
    """Sign: zero. A freeze or instalment plan charges no contract fee unless kept.

    The fee column holds the fees owed on the day and the plan's own fee
    (``fee_rate``), and, only with ``keep_fees``, the contract's fee on each new
    instalment that repays something.
    """
    loan, payments, as_of, policy, rule = account
    loan = loan.replace(instalment_fee=fee)
    state = lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    lever = dataclasses.replace(lever, keep_fees=keep)  # type: ignore[type-var]
    draft = draft_from(state)
    final = draft
    for step in (lever, *after):
        final = step.apply(final)
    outcome = lr.evaluate(state, lever, *after)
    contract_fee = lr._foundations.money.minor_of(loan.instalment_fee, loan.digits) if keep else 0
    # Each new instalment that repays something carries the fees; one of nothing (a
    # debt all paid on the day) is no instalment and carries none: nothing is paid on it.
    paying = sum(1 for row in outcome.plan.rows if row.date > as_of and row.amount)
    assert paying <= final.term
    new_fees = (final.plan_fee + contract_fee) * paying
    expected = lr._foundations.money.to_major(draft.arrears.fees + new_fees, loan.digits)
    assert outcome.total_fees == expected
    if not keep and not final.plan_fee:  # no fee after the day beyond those owed on it
        owed = lr._foundations.money.to_major(draft.arrears.fees, loan.digits)
        assert sum((row.fees for row in outcome.plan.rows), Decimal(0)) == owed
