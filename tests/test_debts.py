"""Several debts, one budget: the planner against fresh replays, strategies, relief."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import CURRENCIES, loans, overdue_accounts, penalty_policies

Account = tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None]


def state_of(account: Account) -> lr.AccountState:
    loan, payments, as_of, policy, rule = account
    return lr.account_state(loan, payments, as_of=as_of, penalty=policy, rule=rule)


@st.composite
def portfolios(draw: st.DrawFn, *, relief: bool = True) -> tuple[list[lr.debts.Debt], Decimal]:
    """One to four debts in one currency, some with relief, and a monthly budget."""
    currency = draw(st.sampled_from(CURRENCIES))
    begin = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    debts: list[lr.debts.Debt] = []
    for k in range(draw(st.integers(1, 4))):
        drawn = draw(
            loans(
                methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL, lr.Method.FLAT),
                max_term=36,
                max_rate="0.36",
                frequencies=(lr.Frequency.MONTHLY,),
                grace=False,
                odd_first_period=False,
                currencies=(currency,),
            )
        )
        loan = drawn.replace(start=begin + timedelta(days=draw(st.integers(0, 400))))
        as_of = loan.start + timedelta(days=draw(st.integers(0, 900)))
        # Payments below the principal (at most all of it but one minor unit): a debt
        # with something owed, so a payoff above zero.
        room = loan.principal - Decimal(1).scaleb(-loan.digits)
        paid = []
        for _ in range(draw(st.integers(0, 2))):
            day = loan.start + timedelta(days=draw(st.integers(0, (as_of - loan.start).days)))
            amount = min(draw(st.sampled_from([1, loan.principal // 4 or 1, room])), room)
            if amount > 0:
                paid.append(lr.Payment(day, amount))
                room -= amount
        policy = draw(penalty_policies())
        state = lr.account_state(loan, paid, as_of=as_of, penalty=policy)
        assert state.payoff > 0
        reliefs = [(), (lr.FreezeInterest(12),), (lr.InstalmentPlan(6),)] if relief else [()]
        agreed = draw(st.sampled_from(reliefs))
        debts.append(
            lr.debts.Debt(f"creditor {k}", state, relief=agreed, in_court=draw(st.booleans()))
        )
    owed = sum(debt.account().payoff for debt in debts)
    unit = Decimal(1).scaleb(-debts[0].state.loan.digits)
    share = Decimal(draw(st.integers(2, 60))) / 100
    budget = max((owed * share).quantize(unit), unit)
    return debts, budget


def replayed_balance(debt: lr.debts.Debt, plan: lr.debts.DebtPlan, k: int) -> Decimal:
    """What the debt owes after month ``k``: a fresh replay with the plan's payments."""
    account = debt.account()
    paid = [
        lr.Payment(day, amount)
        for day, amount in zip(plan.dates[: k + 1], plan.payments[debt.creditor], strict=False)
        if amount
    ]
    return lr.account_state(
        account.schedule if account.opening is None else account.opening,
        [*account.payments, *paid],
        as_of=plan.dates[k],
        penalty=account.penalty_policy,
        allocation=account.allocation,
        rule=account.rule,
        costs=account.enforcement_costs,
    ).payoff


ORDERS = [
    strategy for strategy in lr.debts.Strategy if strategy is not lr.debts.Strategy.DEBT_MANAGEMENT
]


@settings(max_examples=25)
@given(portfolios(), st.sampled_from(ORDERS))
def test_the_budget_is_spent_to_the_cent_and_each_debt_replays_alike(
    portfolio: tuple[list[lr.debts.Debt], Decimal], strategy: lr.debts.Strategy
) -> None:
    debts, budget = portfolio
    plan = lr.debts.plan_debts(debts, budget, strategy=strategy, max_months=36)
    for k in range(len(plan.dates)):
        month = sum(plan.payments[name][k] for name in plan.creditors)
        assert month + plan.unspent[k] == budget  # no cent unallocated
        assert plan.shortfall[k] == max(plan.minimums[k] - budget, 0)
        assert plan.unspent[k] == 0 or all(plan.balances[n][k] == 0 for n in plan.creditors)
    for debt in debts:  # the kept-open replay equals a fresh replay of the payments
        for k in sorted({0, len(plan.dates) // 2, len(plan.dates) - 1}):
            if k >= 0 and plan.dates:
                assert plan.balances[debt.creditor][k] == replayed_balance(debt, plan, k)
    if plan.debt_free is not None:
        assert plan.remaining == 0
        assert plan.debt_free == max(day for day in plan.cleared.values() if day)


@settings(max_examples=25)
@given(portfolios(relief=False))
def test_a_debt_management_plan_pays_every_creditor_its_share_every_month(
    portfolio: tuple[list[lr.debts.Debt], Decimal],
) -> None:
    """Each creditor its share of the budget every month until repaid, interest frozen.

    Checked against the plan's own definition, computed here: shares in proportion to
    what each owes (within a unit, and each share too small for a unit is one, taken
    from the largest: a donor is off by one more unit for each), summing to the budget;
    ``ceil(owed / share)`` payments repaying exactly what was owed; each month's
    balance what was owed less what was paid; nobody unpaid. A budget of fewer units
    than there are creditors is refused, naming the budget.
    """
    debts, budget = portfolio
    unit = Decimal(1).scaleb(-debts[0].state.loan.digits)
    if budget < len(debts) * unit:  # not a unit for each creditor
        with pytest.raises(lr.InvalidValueError, match="budget"):
            lr.debts.plan_debts(debts, budget, strategy="debt_management", max_months=60)
        return
    plan = lr.debts.plan_debts(debts, budget, strategy="debt_management", max_months=60)
    owed = {debt.creditor: debt.state.on(plan.dates[0]).payoff for debt in debts}
    total = sum(owed.values())
    # each creditor whose exact share is under a unit takes one from the largest share
    bumped = sum(budget * owed[name] / total < unit for name in owed)
    offers = {offer.creditor: offer for offer in plan.offers}
    assert set(offers) == set(plan.creditors)
    assert sum(min(o.payment, o.owed) for o in offers.values()) <= budget
    for name, offer in offers.items():
        assert offer.owed == owed[name]
        if offer.payment < offer.owed:  # a share, not the whole debt
            assert abs(offer.payment - budget * owed[name] / total) <= (1 + bumped) * unit
        assert offer.count == math.ceil(offer.owed / offer.payment)
        assert offer.payment * (offer.count - 1) + offer.last_payment == offer.owed
        assert 0 < offer.last_payment <= offer.payment
        paid = plan.payments[name]
        shown = min(offer.count, len(plan.dates))
        assert all(amount == offer.payment for amount in paid[: shown - 1])
        assert plan.unpaid_months[name] == 0
        for k in range(len(plan.dates)):
            assert plan.balances[name][k] == offer.owed - sum(paid[: k + 1], Decimal(0))
        if offer.count <= len(plan.dates):
            assert plan.cleared[name] == offer.last_date
            assert plan.paid_by(name) == offer.owed
    assert not any(plan.shortfall)
    assert plan.total_paid + plan.remaining == total


def test_debt_management_keeps_relief_agreed_and_refuses_a_budget_it_leaves_nothing_of() -> None:
    """A debt with relief agreed is paid its instalments; the others share the rest."""
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)), as_of=date(2024, 5, 1)
    )
    b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)), as_of=date(2024, 5, 1))
    agreed = lr.debts.Debt("A", a, relief=lr.FreezeInterest(10))
    plan = lr.debts.plan_debts([agreed, lr.debts.Debt("B", b)], 900, strategy="debt_management")
    rows = agreed.account().instalments  # 639.78 a month, the last 639.79
    instalment = max(row.scheduled_payment for row in rows)
    assert [offer.creditor for offer in plan.offers] == ["B"]
    assert plan.offers[0].payment == 900 - instalment  # the rest, all to B
    assert plan.payments["A"][1] == rows[0].scheduled_payment
    assert plan.payments["B"][0] == plan.payments["B"][1] == 900 - instalment
    assert not any(plan.shortfall)
    assert plan.unpaid_months["B"] == 0
    with pytest.raises(lr.InvalidValueError, match=r"budget.*639\.79 the relief already"):
        lr.debts.plan_debts(
            [agreed, lr.debts.Debt("B", b)], instalment, strategy="debt_management"
        )


@settings(max_examples=15)
@given(portfolios())
def test_least_cost_is_never_beaten_by_another_strategy(
    portfolio: tuple[list[lr.debts.Debt], Decimal],
) -> None:
    debts, budget = portfolio
    comparison = lr.debts.compare_strategies(debts, budget, strategies=ORDERS, max_months=36)
    least = next(p for p in comparison.plans if p.strategy is lr.debts.Strategy.LEAST_COST)
    assert all(least.total_cost <= plan.total_cost for plan in comparison.plans)
    assert least == lr.debts.plan_debts(debts, budget, max_months=36)


@settings(max_examples=20)
@given(
    overdue_accounts(max_payments=2, owing=True, judged_for=60 * 31),  # the plan's 60 months
    st.integers(5, 60),
    st.integers(1, 100),
)
def test_a_larger_budget_never_costs_more_or_ends_later(
    account: Account, percent: int, more: int
) -> None:
    """One debt: paying more each month never raises the total or delays the end."""
    state = state_of(account)
    assert state.payoff > 0  # drawn owing
    unit = Decimal(1).scaleb(-state.loan.digits)
    low = max((state.payoff * percent / 100).quantize(unit), unit)
    high = low + (state.payoff * more / 100).quantize(unit)
    debt = [lr.debts.Debt("only", state)]
    slow = lr.debts.plan_debts(debt, low, max_months=60)
    fast = lr.debts.plan_debts(debt, high, max_months=60)
    assert fast.total_cost <= slow.total_cost
    if slow.debt_free is not None:
        assert fast.debt_free is not None
        assert fast.debt_free <= slow.debt_free


def test_a_budget_above_everything_owed_clears_all_on_the_day() -> None:
    debts = three_platforms()
    owed = sum(debt.account().payoff for debt in debts)
    plan = lr.debts.plan_debts(debts, owed + 100, strategy="snowball")
    assert plan.debt_free == plan.dates[0] == date(2024, 6, 20)
    assert plan.total_paid == owed
    assert plan.unspent[0] == 100


def three_platforms() -> list[lr.debts.Debt]:
    """The tutorial's borrower: three online platforms, one statement each."""
    a = lr.Statement(
        as_of=date(2024, 6, 20), outstanding_principal="8432.10", overdue_principal="1810.00",
        overdue_interest="612.00", penalty="210.40", fees=150, days_past_due=97,
        annual_rate="0.24", next_due_date=date(2024, 7, 15), remaining_instalments=8,
    )  # fmt: skip
    b = lr.Statement(
        as_of=date(2024, 6, 20), outstanding_principal="5000", overdue_principal="1200",
        overdue_interest="180", penalty="95.50", days_past_due=45, annual_rate="0.18",
        next_due_date=date(2024, 7, 5), remaining_instalments=10,
    )  # fmt: skip
    c = lr.Statement(
        as_of=date(2024, 6, 20), outstanding_principal="2400", annual_rate="0.36",
        next_due_date=date(2024, 7, 1), remaining_instalments=6,
    )  # fmt: skip
    policy = lr.PenaltyPolicy(rate_multiplier="1.5")
    return [
        lr.debts.Debt("A", lr.account_state(a, as_of=a.as_of, penalty=policy)),
        lr.debts.Debt("B", lr.account_state(b, as_of=b.as_of, penalty=policy), in_court=True),
        lr.debts.Debt("C", lr.account_state(c, as_of=c.as_of, penalty=policy)),
    ]


def test_strategies_order_the_surplus_as_they_say() -> None:
    debts = three_platforms()
    first = {
        name: lr.debts.plan_debts(debts, 3000, strategy=name)
        for name in ("avalanche", "snowball", "legal")
    }
    surplus = {name: plan.payments for name, plan in first.items()}
    # avalanche: C (36 %) gets the surplus first; snowball: C owes least; legal: B is in court
    minimums = first["avalanche"].minimums[0]
    assert surplus["avalanche"]["C"][0] > 0
    assert minimums < 3000
    assert first["avalanche"].cleared["C"] <= first["avalanche"].cleared["A"]
    assert first["snowball"].cleared["C"] == min(
        day for day in first["snowball"].cleared.values() if day
    )
    assert first["legal"].payments["B"][0] > first["avalanche"].payments["B"][0]


def test_relief_with_one_platform_composes_with_the_plan() -> None:
    """A freeze with one platform: "if B freezes interest, when am I debt-free?"."""
    debts = three_platforms()
    before = lr.debts.plan_debts(debts, 1800)
    frozen = [
        lr.debts.Debt(d.creditor, d.state, relief=lr.FreezeInterest(36))
        if d.creditor == "B"
        else d
        for d in debts
    ]
    after = lr.debts.plan_debts(frozen, 1800)
    assert after.paid_by("B") == debts[1].state.payoff  # a freeze: what is owed, no more
    assert after.total_cost < before.total_cost


def test_a_budget_short_of_the_minimums_says_by_how_much() -> None:
    plan = lr.debts.plan_debts(three_platforms(), 500, strategy="pro_rata", max_months=24)
    assert not plan.covers_minimums
    # July: A's, B's and C's instalments fall due (903.98 + 412.05 + 443.03 scheduled,
    # less what June's pro rata share prepaid of C's)
    assert Decimal(500) < plan.minimums[1] <= Decimal("1759.06")
    assert plan.shortfall[1] == plan.minimums[1] - 500
    assert "short of the minimums" in str(plan)
    assert plan.debt_free is None
    assert plan.remaining > 0


def test_a_budget_from_income_and_expenses() -> None:
    """A Budget is its affordable amount: the same plan, and the amount recorded."""
    budget = lr.Budget(9000, expenses=5500, living_allowance=2000)
    plan = lr.debts.plan_debts(three_platforms(), budget)
    assert plan.budget == budget.affordable == Decimal("3500.00")
    assert plan.strategy is lr.debts.Strategy.LEAST_COST
    assert plan == lr.debts.plan_debts(three_platforms(), budget.affordable)
    comparison = lr.debts.compare_strategies(three_platforms(), budget, strategies=["snowball"])
    assert comparison == lr.debts.compare_strategies(
        three_platforms(), 3500, strategies=["snowball"]
    )


def test_a_budget_of_the_wrong_kind_is_refused_by_name() -> None:
    """A budget neither an amount nor a Budget, or a Budget in another currency, is refused."""
    yen = lr.account_state(
        lr.Loan(100000, "0.1", 12, start=date(2024, 1, 1), currency="JPY"),
        as_of=date(2024, 6, 1),
    )
    debts = [lr.debts.Debt("A", yen)]
    with pytest.raises(lr.InvalidTypeError, match=r"^budget=\[1000\] .* or a Budget$"):
        lr.debts.plan_debts(debts, [1000])  # type: ignore[arg-type]
    dollars = lr.Budget(9000, expenses=5500, currency="USD")
    with pytest.raises(lr.InvalidTermsError, match=r"^budget=Budget\(.*currency JPY"):
        lr.debts.plan_debts(debts, dollars)
    assert (
        lr.debts.plan_debts(debts, lr.Budget(9000, expenses=5500, currency="JPY")).budget == 3500
    )
    with pytest.raises(lr.InvalidValueError, match=r"^budget=Decimal\('0.00'\) .* at least 0.01"):
        lr.debts.plan_debts(three_platforms(), lr.Budget(5000, expenses=5200))


def test_bad_portfolios_are_refused_by_name() -> None:
    debts = three_platforms()
    with pytest.raises(lr.InvalidValueError, match=r"^debts\[1\]\.creditor="):
        lr.debts.plan_debts([debts[0], lr.debts.Debt("A", debts[1].state)], 1000)
    with pytest.raises(lr.InvalidValueError, match=r"^start="):
        lr.debts.plan_debts(debts, 1000, start=date(2024, 6, 1))
    with pytest.raises(lr.InvalidValueError, match=r"^budget="):
        lr.debts.plan_debts(debts, 0)
    with pytest.raises(lr.InvalidValueError, match=r"^debts="):
        lr.debts.plan_debts([], 1000)
    yen = lr.account_state(
        lr.Loan(100000, "0.1", 12, start=date(2024, 1, 1), currency="JPY"),
        as_of=date(2024, 6, 1),
    )
    with pytest.raises(lr.InvalidTermsError, match=r"^debts\[3\]="):
        lr.debts.plan_debts([*debts, lr.debts.Debt("D", yen)], 1000)
    with pytest.raises(lr.InvalidValueError, match=r"^creditor="):
        lr.debts.Debt(" ", debts[0].state)
    with pytest.raises(lr.InvalidValueError, match=r"^strategy="):
        lr.debts.plan_debts(debts, 1000, strategy="cheapest")


def test_the_plan_shows_itself() -> None:
    comparison = lr.debts.compare_strategies(three_platforms(), 2000)
    assert "least cost" in str(comparison)
    plan = comparison.plans[-1]
    assert "debt-free" in str(plan)
    assert "<table>" in plan._repr_html_()
    frame = plan.to_pandas()
    assert list(frame.columns)[:3] == ["A paid", "B paid", "C paid"]
    assert frame["A paid"].sum() == pytest.approx(float(plan.paid_by("A")))
