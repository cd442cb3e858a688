"""Batch lever evaluation equals evaluate() on each account, to the minor unit."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.money import major_of_float, minor_of, round_ratio
from loanrelief._relief.workout import ROLL_ORDER, allocate, future_interest_cuts, take_holiday
from tests.strategies import account_columns, portfolios, replayed

shares = st.sampled_from(["0.1", "0.5", "1"])
amounts = st.sampled_from([0, 7, 250, 100000])
# One strategy per built-in lever: the batch runs each lever's own apply, and
# test_every_built_in_lever_is_compared fails when a lever has no strategy here.
LEVERS: dict[type, st.SearchStrategy[lr.Lever]] = {
    lr.ExtendTerm: st.builds(lr.ExtendTerm, st.integers(1, 24)),
    lr.InstalmentPlan: st.builds(
        lr.InstalmentPlan,
        st.integers(1, 60),
        down_payment=st.sampled_from([0, 1]),
        annual_rate=st.sampled_from([None, "0", "0.05"]),
        keep_fees=st.booleans(),
    ),
    lr.WaiveInterest: st.one_of(
        st.builds(lr.WaiveInterest, share=shares, on=st.sampled_from(lr.WaiveOn)),
        st.builds(lr.WaiveInterest, amount=amounts, on=st.sampled_from(lr.WaiveOn)),
    ),
    lr.WaivePenalty: st.builds(lr.WaivePenalty, share=shares),
    lr.WaiveFees: st.builds(lr.WaiveFees, amount=amounts),
    lr.ReduceRate: st.one_of(
        st.builds(lr.ReduceRate, by=st.sampled_from(["0.01", "0.05"])),
        st.builds(lr.ReduceRate, annual_rate=st.sampled_from(["0", "0.0399"])),
    ),
    lr.PaymentHoliday: st.builds(
        lr.PaymentHoliday, st.integers(1, 6), interest=st.sampled_from(lr.HolidayInterest)
    ),
    lr.CapitalizeArrears: st.just(lr.CapitalizeArrears()),
    lr.FreezeInterest: st.builds(
        lr.FreezeInterest,
        st.integers(1, 60),
        down_payment=st.sampled_from([0, 0, 1, 100]),
        fee_rate=st.sampled_from(["0", "0", "0.003", "0.01"]),
        reinstate_on_default=st.booleans(),
        keep_fees=st.booleans(),
    ),
    lr.ForbearPrincipal: st.builds(lr.ForbearPrincipal, amounts),
    lr.ForgivePrincipal: st.builds(lr.ForgivePrincipal, amounts),
    lr.Settlement: st.builds(lr.Settlement, share=shares, instalments=st.integers(1, 6)),
    lr.Prepay: st.builds(
        lr.Prepay, st.sampled_from([0, 1, 7, 250]), keep=st.sampled_from(["term", "payment"])
    ),
}
levers = st.one_of(*LEVERS.values())


def test_every_built_in_lever_is_compared() -> None:
    """Each lever of loanrelief._relief.levers is drawn by the batch-equals-evaluate test."""
    built_in = {
        value
        for name in lr._relief.levers.__all__
        if isinstance(value := getattr(lr._relief.levers, name), type)
        and hasattr(value, "apply")
        and value is not lr.Lever
    }
    assert built_in == set(LEVERS), f"add a strategy to LEVERS for {built_in - set(LEVERS)}"


MONEY = (
    "first_payment",
    "regular_payment",
    "max_payment",
    "total_paid",
    "total_principal",
    "total_interest",
    "total_penalty",
    "total_fees",
    "total_waived",
    "saving",
    "above_payoff",
)


@given(portfolios(), st.lists(st.lists(levers, max_size=3), min_size=1, max_size=3))
@example(  # all principal forborne on a month-end loan: the plan's dates keep month ends
    (
        [
            lr.Loan(100, 0, 1, start=date(2000, 1, 1), day_count="act/360"),
            lr.Loan(100, 0, 1, start=date(2000, 4, 30), day_count="act/360", end_of_month=True),
        ],
        [date(2000, 1, 1), date(2000, 4, 30)],
        [0, 0],
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360"),
    ),
    [[lr.InstalmentPlan(1), lr.ForbearPrincipal(250)]],
)
@example(  # all principal forborne on a semimonthly bullet far from maturity
    (
        [
            lr.Loan(100, 0, 1, start=date(2000, 1, 1), method="bullet", frequency="semimonthly"),
            lr.Loan(100, 0, 7, start=date(2000, 1, 12), method="bullet", frequency="semimonthly"),
        ],
        [date(2000, 1, 1), date(2000, 3, 15)],
        [0, 0],
        lr.PenaltyPolicy(rate_multiplier=1, day_count="act/360"),
    ),
    [[lr.ForbearPrincipal(250)]],
)
def test_batch_outcomes_equal_evaluate(
    portfolio: tuple[list[lr.Loan], list[date], list[int], lr.PenaltyPolicy],
    options: list[list[lr.Lever]],
) -> None:
    """Every figure of every option equals evaluate()'s on the same account."""
    group, dates, paid, policy = portfolio
    try:
        accounts = lr.batch.Portfolio(
            **account_columns(group, dates, paid, policy),  # type: ignore[arg-type]
            day_count=group[0].day_count,
        )
        table = lr.batch.compare_levers(accounts, options, block_size=3)
    except lr.LoanReliefError as error:  # then some account must refuse it alone too
        refused = error
    else:
        refused = None
    outcomes: dict[tuple[int, int], lr.Outcome] = {}
    failed = False
    for k, contract in enumerate(group):
        loan = contract.replace(day_count=group[0].day_count)
        state = replayed(loan, dates[k], paid[k], policy)
        for j, option in enumerate(options):
            try:
                outcomes[k, j] = lr.evaluate(state, *option)
            except lr.LoanReliefError:
                failed = True
    assert (refused is not None) == failed, refused  # the batch refuses what one account does
    if failed:
        return
    digits = group[0].digits
    for (k, j), outcome in outcomes.items():
        for name in MONEY:
            assert table[name][k, j] == minor_of(getattr(outcome, name), digits), name
        assert table["payments_count"][k, j] == outcome.payments_count
        assert table["end_date"][k, j] == np.datetime64(outcome.end_date)
        for name in ("present_value", "lender_present_value"):
            # The same float, rounded to the minor unit; past 1e11 a float holds fewer
            # decimals than four-digit currencies have, so allow its last digit.
            value = major_of_float(float(table[name][k, j]), digits)
            slack = Decimal(1).scaleb(-digits) + Decimal(8 * math.ulp(float(value)))
            assert abs(value - getattr(outcome, name)) <= slack, name
        rate = float(table["apr"][k, j])
        if outcome.apr is None:
            assert np.isnan(rate)
        else:
            assert rate == outcome.apr


def test_best_option_under_a_budget() -> None:
    """The cheapest option whose regular payment fits each budget; -1 when none does."""
    accounts = lr.batch.Portfolio(
        [50000, 50000],
        [0.18, 0.18],
        [24, 24],
        start=date(2024, 1, 15),
        as_of=date(2024, 7, 1),
        paid=2,
    )
    options = [lr.ExtendTerm(12), lr.ExtendTerm(36), lr.Settlement(share="0.6")]
    table = lr.batch.compare_levers(accounts, options)
    payment = table["regular_payment"]
    assert payment[0, 0] > payment[0, 1] > payment[0, 2] == 0
    assert table.best([payment[0, 0], 100.0]).tolist() == [2, 2]  # a settlement costs least
    first = table["first_payment"]
    assert table.best(payment[0, 0], upfront=first[0, 0]).tolist() == [0, 0]  # can't pay 60 %
    with pytest.raises(lr.InvalidValueError):
        table.best([1.0, 2.0, 3.0])
    with pytest.raises(lr.InvalidValueError):
        table.best(-1)
    assert table.best([payment[0, 0], 100.0], by="lender_present_value", highest=True)[0] in (
        0,
        1,
    )
    one = lr.batch.Portfolio(
        [50000], [0.18], [24], start=date(2024, 1, 15), as_of=date(2024, 7, 1), paid=2
    )
    no_settlement = lr.batch.compare_levers(one, [lr.ExtendTerm(12), lr.ExtendTerm(36)])
    low = float(no_settlement["regular_payment"][0, 1])
    assert no_settlement.best(low).tolist() == [1]
    assert no_settlement.best(low - 0.01).tolist() == [-1]
    assert no_settlement.best(10**6).tolist() == [0]  # both fit: extending less is cheaper
    frame = table.to_pandas()
    assert len(frame) == 6
    assert list(frame["option"][:3]) == list(table.labels)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ([], lr.InvalidValueError),
        ([object()], lr.InvalidTypeError),
    ],
)
def test_bad_options_raise(options: list[object], error: type[Exception]) -> None:
    """No option, or something that is not a lever, is refused with a clear error."""
    with pytest.raises(error):
        lr.batch.compare_levers(
            lr.batch.Portfolio(
                [1000], [0.1], [12], start=date(2024, 1, 1), as_of=date(2024, 3, 1)
            ),
            options,  # type: ignore[arg-type]
        )


def test_custom_levers_run_and_bad_ones_are_named() -> None:
    """An app's own lever runs through its apply; one that breaks the draft is named."""

    class Nothing:
        label = "nothing"

        def apply(self, draft: lr.minor.Draft) -> lr.minor.Draft:
            return draft

    class Broken:
        label = "broken"

        def apply(self, draft: lr.minor.Draft) -> str:
            return "not a draft"

    accounts = lr.batch.Portfolio(
        [1000, 2000], [0.1, 0.2], [12, 24], start=date(2024, 1, 1), as_of=date(2024, 3, 1)
    )
    table = lr.batch.compare_levers(accounts, [Nothing()])
    assert table["saving"].tolist() == [[0.0], [0.0]]
    with pytest.raises(lr.InvalidTypeError) as raised:
        lr.batch.compare_levers(accounts, [Broken()])
    assert raised.value.field == "levers"


@given(
    st.lists(st.integers(0, 10**9), min_size=1, max_size=12),
    st.lists(st.integers(0, 10**9), min_size=4, max_size=4),
)
def test_allocation_of_one_plan_equals_the_block_rule(parts: list[int], sizes: list[int]) -> None:
    """draft.allocate on one plan's Python ints equals its array form, and loses nothing."""
    cumulative = list(accumulate(parts))
    pools = dict(zip(ROLL_ORDER, sizes, strict=True))
    one = allocate(cumulative, pools)
    block = allocate(np.array([cumulative]), {k: np.array([v]) for k, v in pools.items()})
    assert {k: v[0].tolist() for k, v in block.items()} == one
    assert [sum(column) for column in zip(*one.values(), strict=True)] == parts
    for name, size in pools.items():
        assert 0 <= sum(one[name]) <= size


@given(
    st.lists(st.integers(0, 10**9), min_size=1, max_size=12),
    st.fractions(0, 1, max_denominator=1000),
    st.integers(0, 10**10),
    st.sampled_from(lr.RoundingMode),
)
def test_future_waiver_of_one_plan_equals_the_block_rule(
    interest: list[int], share: Fraction, amount: int, mode: lr.RoundingMode
) -> None:
    """future_interest_cuts on Python ints equals its array form; cuts never exceed a row."""
    one = future_interest_cuts(interest, share, amount, mode)
    block = future_interest_cuts(np.array([interest]), share, np.array([amount]), mode)
    assert block[0].tolist() == one
    assert all(0 <= cut <= value for cut, value in zip(one, interest, strict=True))
    exact = share * sum(interest)
    by_share = round_ratio(exact.numerator, exact.denominator, mode)
    assert sum(one) == min(by_share + amount, sum(interest))


@given(
    st.lists(st.integers(0, 10**9), min_size=2, max_size=12),
    st.data(),
    st.sampled_from(lr.HolidayInterest),
)
def test_holiday_of_one_plan_equals_the_block_rule(
    interest: list[int], data: st.DataObject, how: lr.HolidayInterest
) -> None:
    """take_holiday on Python ints equals its array form; deferred interest is kept."""
    repaid = data.draw(
        st.lists(st.integers(-(10**6), 10**9), min_size=len(interest), max_size=len(interest))
    )
    holiday = data.draw(st.integers(0, len(interest) - 1))
    accrued, forborne = data.draw(st.integers(0, 10**6)), data.draw(st.integers(0, 10**6))
    last = len(interest) - 1
    rows, paid = list(interest), list(repaid)
    waived = take_holiday(
        rows, paid, holiday=holiday, how=how, accrued=accrued, forborne=forborne, last=last
    )
    grid = np.array([interest]), np.array([repaid])
    held = take_holiday(
        *grid,
        holiday=holiday,
        how=how,
        accrued=np.array([accrued]),
        forborne=np.array([forborne]),
        last=np.array([last]),
    )
    assert (grid[0][0].tolist(), grid[1][0].tolist(), int(held[0])) == (rows, paid, waived)
    kept = sum(rows) - accrued + waived
    assert kept == (
        sum(interest) if how is not lr.HolidayInterest.CAPITALIZE else sum(interest[holiday:])
    )


def test_a_portfolio_with_a_fee_agrees_with_each_account() -> None:
    """The 36 x 200 freeze: the batch stops or keeps the fee as evaluate() does."""
    accounts = lr.batch.Portfolio(
        [50000, 50000], [0.12, 0.12], [24, 24], start=date(2024, 1, 15),
        as_of=date(2024, 7, 1), paid=2, instalment_fee=[200, 0],
    )  # fmt: skip
    options = [lr.FreezeInterest(36), lr.FreezeInterest(36, keep_fees=True),
               lr.InstalmentPlan(36), lr.InstalmentPlan(36, keep_fees=True),
               lr.ExtendTerm(6), lr.PaymentHoliday(3)]  # fmt: skip
    table = lr.batch.compare_levers(accounts, options)
    state = lr.batch.overdue_states(accounts)
    assert state["payoff"][0] == 48421.65
    assert state["fees"][0] == 600.0
    assert table["total_paid"][0, 0] == 48421.65
    assert table["total_paid"][0, 1] == 48421.65 + 7200
    assert table["above_payoff"][0].tolist()[:2] == [0.0, 7200.0]
    for k, fee in enumerate((200, 0)):
        loan = lr.Loan(50000, "0.12", 24, start=date(2024, 1, 15), instalment_fee=fee)
        paid = [lr.Payment(r.due_date, r.amount_due) for r in lr.amortize(loan)[:2]]
        one = lr.account_state(loan, paid, as_of=date(2024, 7, 1))
        for j, option in enumerate(options):
            outcome = lr.evaluate(one, option)
            for name in ("total_paid", "total_fees", "regular_payment", "above_payoff"):
                assert table[name][k, j] == float(getattr(outcome, name)), (k, j, name)
