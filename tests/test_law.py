"""What the law allows: rules, the LPR table, the court view, on published and worked figures."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import loanrelief as lr
from loanrelief import law

REFERENCE = Path(__file__).parent / "reference"
CASES = {case["id"]: case for case in json.loads((REFERENCE / "legal_cases.json").read_text())}


def case(name: str) -> dict[str, Any]:
    """The published case ``name``."""
    return CASES[name]


# -- the LPR table ------------------------------------------------------------------------


def test_package_lpr_table_matches_the_published_values() -> None:
    """Every fixing the package ships equals the shared reference, with its source."""
    published = json.loads((REFERENCE / "lpr_published.json").read_text())["rows"]
    table = lr.law.LPRTable.published()
    changes = published[:-1]  # the last row only confirms the values still held
    assert len(table.fixings) == len(changes)
    for row, fixing in zip(changes, table.fixings, strict=True):
        assert fixing.date == date.fromisoformat(row["effective_date"])
        assert fixing.one_year == Fraction(str(row["lpr_1y"]))
        assert fixing.five_year == Fraction(str(row["lpr_5y"]))
        assert fixing.source
        assert fixing.source in row["source"]
    assert table.confirmed_to == date.fromisoformat(published[-1]["effective_date"])


def test_lpr_lookup_by_date() -> None:
    """A fixing holds from its date to the day before the next one."""
    table = lr.law.LPRTable.published()
    assert table.one_year(date(2019, 8, 20)) == Fraction("0.0425")
    assert table.one_year(date(2019, 9, 19)) == Fraction("0.0425")
    assert table.one_year(date(2019, 9, 20)) == Fraction("0.042")
    assert table.five_year(date(2022, 5, 20)) == Fraction("0.0445")
    assert table.one_year(date(2022, 8, 21)) == Fraction("0.037")  # fixing moved to the 22nd
    assert table.one_year(date(2022, 8, 22)) == Fraction("0.0365")


def test_lpr_refuses_dates_it_cannot_know() -> None:
    """Before the reform and after the last confirmed date: a clear error, never a guess."""
    table = lr.law.LPRTable.published()
    with pytest.raises(lr.InvalidValueError, match="2019-08-20"):
        table.one_year(date(2019, 8, 19))
    later = table.confirmed_to + timedelta(days=1)
    with pytest.raises(lr.InvalidValueError, match="extended") as raised:
        table.one_year(later)
    assert raised.value.field == "on"
    newer = table.extended([lr.law.LPRFixing(later, "0.028", "0.033")], confirmed_to=later)
    assert newer.one_year(later) == Fraction("0.028")
    loan = lr.Loan(10000, "0.2", 12, start=later)
    with pytest.raises(lr.InvalidValueError):
        lr.account_state(loan, as_of=later, rule=lr.law.ChinaPrivateLending())
    state = lr.account_state(loan, as_of=later, rule=lr.law.ChinaPrivateLending(lpr=newer))
    assert state.payoff == Decimal("10000.00")


def test_lpr_table_checks_its_rows() -> None:
    """Fixings in date order, confirmed at least to the last one."""
    first = lr.law.LPRFixing(date(2020, 1, 20), "0.0415", "0.048")
    second = lr.law.LPRFixing(date(2019, 9, 20), "0.042", "0.0485")
    with pytest.raises(lr.InvalidTermsError) as raised:
        lr.law.LPRTable([first, second], confirmed_to=date(2020, 2, 1))
    assert raised.value.field == "fixings[1].date"
    with pytest.raises(lr.InvalidTermsError) as raised:
        lr.law.LPRTable([first], confirmed_to=date(2020, 1, 1))
    assert raised.value.field == "confirmed_to"


# -- published figures ----------------------------------------------------------------------


def test_spc_example_four_times_lpr_is_15_4_percent() -> None:
    """The SPC's own example: 4 x 3.85 % = 15.4 % for contracts when that LPR was in force."""
    spc = case("court-spc-2020-4xlpr-15.4")
    for day in spc["inputs"]["contract_dates"]:
        loan = lr.Loan(10000, "0.3", 12, start=date.fromisoformat(day))
        assert lr.law.ChinaPrivateLending().ceiling(loan) == Fraction(spc["expected"]["ceiling"])
        limits = lr.law.ChinaPrivateLending().limits(loan, loan.start)
        assert [limit.rate_on(loan.start) for limit in limits] == [Fraction("0.154")] * 2
    old = lr.Loan(10000, "0.3", 12, start=date(2019, 3, 1))
    contract, overdue = lr.law.ChinaPrivateLending().limits(old, date(2020, 1, 1))
    assert contract.rate_on(old.start) == Fraction(spc["expected"]["old_regime_enforced"])
    assert contract.rate_on(old.start, paid=True) == Fraction(spc["expected"]["old_regime_void"])
    assert overdue.rate_on(old.start) == Fraction("0.24")


def _payday(amount: str, days: int, annual_rate: str, **terms: Any) -> lr.Loan:
    """A one-payment loan due ``days`` after it is made, interest by the day."""
    start = date(2024, 3, 1)
    return lr.Loan(
        amount,
        annual_rate,
        1,
        start=start,
        method="bullet",
        first_due_date=start + timedelta(days=days),
        interest_basis="day_count",
        day_count="act/365",
        currency="GBP",
        **terms,
    )


def test_fca_100_for_30_days_costs_at_most_24() -> None:
    """FCA: £100 for 30 days repaid on time costs at most £24; a payment beyond is refunded."""
    fca = case("uk-fca-100-for-30-days-24")
    loan = _payday(fca["inputs"]["amount"], fca["inputs"]["days"], "3.65")  # 1 % a day
    due = loan.start + timedelta(days=30)
    view = lr.court_view(loan, as_of=due, rule=lr.law.UKHighCostShortTerm())
    assert view.payoff == Decimal("130.00")
    assert view.enforceable_payoff == Decimal(fca["expected"]["most_repaid"])
    assert view.allowed.allowed["contract_interest"] == Decimal(
        fca["expected"]["most_interest_and_fees"]
    )
    paid = lr.court_view(
        loan, [lr.Payment(due, 130)], as_of=due, rule=lr.law.UKHighCostShortTerm()
    )
    assert paid.allowed.refund == Decimal("6.00")  # CONC 5A.5: the excess goes back
    assert paid.allowed.payoff == 0
    assert paid.allowed.credit == 0


def test_fca_never_twice_what_was_borrowed() -> None:
    """FCA: however long the default, charges never pass 100 % of the amount borrowed."""
    fca = case("uk-fca-never-twice")
    loan = _payday(fca["inputs"]["amount"], 30, "3.65")
    policy = lr.PenaltyPolicy(annual_rate="3.65", late_fee=25, late_fee_every_months=1)
    late = loan.start + timedelta(days=fca["inputs"]["days"])
    state = lr.account_state(loan, as_of=late, penalty=policy, rule=lr.law.UKHighCostShortTerm())
    assert state.payoff == Decimal(fca["expected"]["most_repaid"])
    assert sum(state.allowed.values()) == Decimal(fca["expected"]["most_charges"])
    assert state.allowed["late_fee"] <= 15  # CONC 5A.3.18R, within the total


def test_uk_upfront_fee_counts_against_both_caps() -> None:
    """The issue's £300 loan with a £30 fee: £72 in all by day 30, £300 in all by day 400."""
    loan = _payday("300", 30, "2.92", upfront_fee=30)  # 0.8 % a day, plus the fee
    due = loan.start + timedelta(days=30)
    view = lr.court_view(loan, as_of=due, rule=lr.law.UKHighCostShortTerm())
    allowed = view.allowed.allowed
    assert allowed["upfront_fee"] + allowed["contract_interest"] == Decimal("72.00")
    assert view.enforceable_payoff == Decimal("342.00")  # the fee was paid when lent
    policy = lr.PenaltyPolicy(annual_rate="2.92")
    later = lr.account_state(
        loan,
        as_of=loan.start + timedelta(days=400),
        penalty=policy,
        rule=lr.law.UKHighCostShortTerm(),
    )
    assert sum(later.allowed.values()) == Decimal("300.00")
    assert later.payoff == Decimal("570.00")  # 300 principal + 270 unpaid charges


def test_uk_default_fees_at_most_15() -> None:
    """Default fees add up to at most £15 (CONC 5A.3.18R), the rest refused."""
    loan = _payday("200", 30, "0")
    policy = lr.PenaltyPolicy(late_fee=12, late_fee_every_months=1)
    state = lr.account_state(
        loan,
        as_of=loan.start + timedelta(days=120),
        penalty=policy,
        rule=lr.law.UKHighCostShortTerm(),
    )
    assert state.charged["late_fee"] == Decimal("36.00")
    assert state.allowed["late_fee"] == Decimal("15.00")


def test_uk_rule_is_for_pounds() -> None:
    """The UK caps are in pounds: a loan in another currency is refused, naming it."""
    loan = lr.Loan(100, "1", 1, start=date(2024, 1, 1), currency="CNY")
    with pytest.raises(lr.InvalidTermsError) as raised:
        lr.account_state(loan, as_of=date(2024, 3, 1), rule=lr.law.UKHighCostShortTerm())
    assert raised.value.field == "loan.currency"


@pytest.mark.parametrize(
    "name",
    ["cn-withheld-spc-gao-v-gong", "cn-withheld-xiantao-70000", "cn-withheld-luo-v-deng-200000"],
)
def test_interest_withheld_in_advance_is_not_principal(name: str) -> None:
    """Judgments: the principal is the amount actually lent, and interest runs on it."""
    published = case(name)
    given = published["inputs"]
    rate = str(Decimal(given.get("monthly_rate", "0.01")) * 12)
    start = date.fromisoformat(given["start"])
    loan = lr.Loan(
        given["written"],
        rate,
        given["months"],
        start=start,
        method="interest_only",
        upfront_fee=given["withheld"],
        fee_deducted=True,
    )
    as_of = start + timedelta(days=20)
    view = lr.court_view(loan, as_of=as_of, rule=lr.law.ChinaPrivateLending())
    assert view.recognised_principal == Decimal(published["expected"]["principal"])
    recognised = loan.replace(
        principal=view.recognised_principal, upfront_fee=0, fee_deducted=False
    )
    assert view.allowed.schedule.total_interest == lr.amortize(recognised).total_interest
    assert view.lines[0].excess == Decimal(given["withheld"])
    if published["expected"].get("interest_partly_supported"):
        assert (
            view.allowed.allowed["contract_interest"] < view.claimed.charged["contract_interest"]
        )


def test_issue_example_withheld_10000() -> None:
    """The issue's figures: 10,000 written, 1,000 withheld: principal 9,000, interest on 9,000."""
    loan = lr.Loan(10000, "0.12", 12, start=date(2024, 1, 1), upfront_fee=1000, fee_deducted=True)
    view = lr.court_view(loan, as_of=date(2024, 7, 1), rule=lr.law.ChinaPrivateLending())
    nine = lr.Loan(9000, "0.12", 12, start=date(2024, 1, 1))
    assert view.recognised_principal == Decimal("9000.00")
    assert view.allowed.schedule.total_interest == lr.amortize(nine).total_interest
    assert view.enforceable_payoff == lr.account_state(nine, as_of=date(2024, 7, 1)).payoff
    assert "art. 26" in view.lines[0].source
    assert "第六百七十条" in view.lines[0].cited("zh")


# -- the scenarios of the issue, with their corrected figures ----------------------------------

ISSUE_LOAN = lr.Loan(20000, "0.24", 12, start=date(2024, 11, 10))
ISSUE_PAID = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(ISSUE_LOAN)[:3]]
ISSUE_POLICY = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
FINANCIAL = lr.law.ChinaFinancialLoans()


def issue_state(
    as_of: date, payments: list[lr.Payment] = ISSUE_PAID, **options: Any
) -> lr.AccountState:
    """The issue's account (20,000 at 24 %, three paid, 1.5x penalty, compounding)."""
    return lr.account_state(
        ISSUE_LOAN, payments, as_of=as_of, penalty=ISSUE_POLICY, rule=FINANCIAL, **options
    )


def test_posting_dates_no_longer_change_the_debt() -> None:
    """Was 16,814.31 / 16,727.57 with an extra posting: now one figure, whatever is posted."""
    as_of = date(2025, 6, 9)
    plain = issue_state(as_of)
    assert plain.payoff == Decimal("16662.84")
    assert issue_state(as_of, post_on=[date(2025, 5, 11)]).payoff == plain.payoff
    monthly = [date(2024, 11, 30) + timedelta(days=30 * k) for k in range(7)]
    assert issue_state(as_of, post_on=monthly).payoff == plain.payoff


def test_a_payment_of_one_cent_lowers_the_debt_by_one_cent() -> None:
    """Was 86.75 lower after paying 0.01: now exactly the payment."""
    as_of = date(2025, 6, 9)
    cent = issue_state(as_of, [*ISSUE_PAID, lr.Payment(date(2025, 5, 11), "0.01")])
    assert issue_state(as_of).payoff - cent.payoff == Decimal("0.01")


def test_waiting_never_lowers_the_debt() -> None:
    """Was 151.82 lower a day later: now the payoff grows day by day."""
    state = issue_state(date(2025, 6, 9))
    assert issue_state(date(2025, 6, 10)).payoff == Decimal("16672.86")
    assert [cost.payoff >= 0 for cost in lr.cost_of_delay(state, range(1, 61))] == [True] * 60
    payoffs = [issue_state(date(2025, 5, 1) + timedelta(days=k)).payoff for k in range(0, 90, 3)]
    assert payoffs == sorted(payoffs)


def test_contract_interest_above_the_cap_is_cut_and_reported() -> None:
    """A performing 24 % loan under a 12.4 % cap: contract interest is cut to that rate."""
    loan = lr.Loan(20000, "0.24", 12, start=date(2024, 11, 10))  # LPR 3.1 %: cap 12.4 %
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in schedule]
    view = lr.court_view(
        loan, paid, as_of=schedule[-1].due_date, rule=lr.law.ChinaPrivateLending()
    )
    line = next(line for line in view.lines if line.item == "contract_interest")
    assert line.charged == schedule.total_interest
    # the contract's own balances at 12.4 % instead of 24 % (repaid faster under the rule: less)
    assert line.allowed <= (schedule.total_interest * Decimal("0.124") / Decimal("0.24")).quantize(
        Decimal("0.01")
    )
    assert line.allowed > schedule.total_interest * Decimal("0.4")
    assert "art. 25" in line.source
    assert view.allowed.credit == view.paid_on_excess  # the excess paid, held for the borrower
    assert view.enforceable_payoff == 0


def howto_loan() -> tuple[lr.Loan, list[lr.Payment], lr.PenaltyPolicy, date]:
    """The how-to's loan (docs/howto-court-cap.md): 20,000 at 9.6 %, three paid, a year on."""
    loan = lr.Loan(20000, "0.096", 12, start=date(2024, 3, 10))
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in schedule[:3]]
    policy = lr.PenaltyPolicy(
        annual_rate="0.36",
        compound=True,
        interest_continues=True,
        late_fee_share="0.05",
        late_fee_every_months=1,
        day_count="act/360",
    )
    return loan, paid, policy, date(2025, 3, 10)


def test_howto_example_overdue_charges_on_the_overdue_principal() -> None:
    """The how-to's loan: overdue charges at most 13.8 % a year of the overdue principal."""
    loan, paid, policy, as_of = howto_loan()
    view = lr.court_view(
        loan, paid, as_of=as_of, penalty=policy, rule=lr.law.ChinaPrivateLending()
    )
    late = ("default_interest", "penalty", "compound", "late_fee")
    exact = (
        sum(
            Fraction(row.principal) * (as_of - row.due_date).days
            for row in lr.amortize(loan)[3:]
            if row.due_date < as_of
        )
        * Fraction(138, 1000)
        / 365
    )
    assert sum(view.allowed.allowed[k] for k in late) == Decimal("681.88")
    assert abs(Fraction(Decimal("681.88")) - exact) <= Fraction(1, 200)


def test_old_regime_keeps_paid_interest_up_to_36_percent() -> None:
    """Before 2020-08-20: 30 % paid on time is kept (the 24-36 % band); unpaid, only 24 %."""
    loan = lr.Loan(12000, "0.30", 12, start=date(2019, 1, 1))
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in schedule[:6]]
    as_of = schedule[5].due_date
    view = lr.court_view(loan, paid, as_of=as_of, rule=lr.law.ChinaPrivateLending())
    assert (
        view.allowed.charges_paid["contract_interest"]
        == view.claimed.charges_paid["contract_interest"]
    )
    assert view.paid_on_excess == 0
    later = lr.court_view(
        loan, paid, as_of=schedule[8].due_date, rule=lr.law.ChinaPrivateLending()
    )
    # Unpaid interest only at 24 %, of its own periods: 24/30 of the contract's, each
    # instalment's interest rounded (half a cent each). Paid interest covers its own
    # period only: the 30 % kept on months 1-6 takes nothing from months 7-9.
    owed = sum(later.allowed.instalments[i].interest_due for i in (6, 7, 8))
    contract = sum(schedule[i].interest for i in (6, 7, 8))
    assert abs(owed - contract * Decimal("0.8")) <= Decimal("0.015")


def test_old_contract_judged_after_the_reform_needs_a_filing_date() -> None:
    """Art. 31: the interest splits at 2020-08-20, by the LPR at filing; without it, an error."""
    loan = lr.Loan(12000, "0.2", 12, start=date(2019, 6, 1))
    with pytest.raises(lr.InvalidTermsError) as raised:
        lr.account_state(loan, as_of=date(2021, 1, 1), rule=lr.law.ChinaPrivateLending())
    assert raised.value.field == "filed"
    policy = lr.PenaltyPolicy(annual_rate="0.24")
    filed = date(2021, 1, 5)  # LPR 3.85 %: 15.4 % from 2020-08-20
    state = lr.account_state(
        loan, as_of=date(2021, 1, 1), penalty=policy, rule=lr.law.ChinaPrivateLending(filed=filed)
    )
    before = lr.account_state(
        loan, as_of=date(2020, 8, 19), penalty=policy, rule=lr.law.ChinaPrivateLending(filed=filed)
    )
    assert before.capped == 0  # 24 % penalty was within the 24 % line until then
    assert state.capped > 0  # then 15.4 %
    overdue = sum(
        Fraction(row.principal) * (date(2021, 1, 1) - max(row.due_date, date(2020, 8, 20))).days
        for row in lr.amortize(loan)
        if row.due_date < date(2021, 1, 1)
    )
    assert (
        state.capped
        >= Decimal(float(overdue * Fraction("0.086") / 365)).quantize(Decimal("0.01")) - 1
    )


# -- allocation and costs -------------------------------------------------------------------


def test_civil_code_561_pays_costs_then_interest_then_principal() -> None:
    """Art. 561 as written: enforcement costs first, then interest, late fees after interest."""
    loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1))
    policy = lr.PenaltyPolicy(annual_rate="0.18", late_fee=50)
    costs = [lr.EnforcementCost(date(2024, 4, 1), 300, "court fee")]
    state = lr.account_state(
        loan,
        [lr.Payment(date(2024, 4, 5), 500)],
        as_of=date(2024, 4, 5),
        penalty=policy,
        costs=costs,
    )
    placed = [(e.component, e.amount) for e in state.ledger if e.kind == "payment"]
    assert placed[0] == ("costs", Decimal("300.00"))
    assert placed[1][0] == "interest"
    order = [component for component, _ in placed]
    assert "principal" not in order or order.index("principal") > order.index("interest")
    assert lr.Allocation.CIVIL_CODE_561.order[:2] == (lr.Component.COSTS, lr.Component.INTEREST)
    assert state.costs == 0
    assert state.penalty + state.fees > 0


def test_enforcement_costs_are_never_capped() -> None:
    """A rule limits charges, not the costs of enforcing the claim."""
    loan = lr.Loan(1000, "0", 1, start=date(2024, 1, 1), method="bullet")
    costs = [lr.EnforcementCost(date(2024, 6, 1), 5000)]
    state = lr.account_state(
        loan, as_of=date(2024, 6, 1), costs=costs, rule=lr.law.TotalCostCap(share="0.1")
    )
    assert state.costs == Decimal("5000.00")
    assert state.payoff == Decimal("6000.00")


def test_allocation_without_costs_places_them_first() -> None:
    """A four-component order of older code still works: costs go first."""
    order = lr.Allocation(("penalty", "fees", "interest", "principal")).order
    assert order[0] is lr.Component.COSTS


# -- rules as values ------------------------------------------------------------------------


def test_limits_must_nest() -> None:
    """Overlapping limits that neither contain the other are refused (totals could fall)."""
    first = lr.law.Limit(
        components=("penalty", "late_fee"), base="overdue", annual_rate="0.2", source="a"
    )
    second = lr.law.Limit(
        components=("late_fee", "compound"), base="overdue", annual_rate="0.2", source="b"
    )
    with pytest.raises(lr.InvalidTermsError) as raised:
        lr.law.LegalRule(name="bad", limits=[first, second])
    assert raised.value.field == "limits[1].components"


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"components": (), "base": "overdue", "annual_rate": "0.1"}, "components"),
        ({"components": ("penalty",), "base": "overdue"}, "annual_rate"),
        (
            {"components": ("penalty",), "base": "overdue", "annual_rate": "0.1", "share": "1"},
            "annual_rate",
        ),
        ({"components": ("penalty",), "base": "overdue", "share": "1"}, "base"),
        ({"components": ("penalty",), "base": "overdue", "amount": 15}, "base"),
        ({"components": ("fines",), "base": "overdue", "annual_rate": "0.1"}, "components"),
        ({"components": ("penalty",), "amount": 15, "paid_rate": "0.3"}, "paid_rate"),
        (
            {
                "components": ("penalty",),
                "base": "overdue",
                "annual_rate": [(date(2024, 2, 1), "0.1"), (date(2024, 1, 1), "0.2")],
            },
            "annual_rate[1][0]",
        ),
    ],
)
def test_bad_limits_name_the_field(terms: dict[str, Any], field: str) -> None:
    """Each invalid limit raises a LoanReliefError naming the parameter."""
    with pytest.raises(lr.LoanReliefError) as raised:
        lr.law.Limit(source="test", **terms)
    assert raised.value.field == field


def test_china_rule_chooses_by_lender() -> None:
    """Licensed lenders and the seven local financial organisations: financial loans."""
    assert isinstance(lr.law.china_rule("private"), lr.law.ChinaPrivateLending)
    assert isinstance(lr.law.china_rule("financial_institution"), lr.law.ChinaFinancialLoans)
    assert isinstance(
        lr.law.china_rule(lr.law.ChinaLender.LOCAL_FINANCIAL_ORGANISATION),
        lr.law.ChinaFinancialLoans,
    )
    with pytest.raises(lr.InvalidValueError):
        lr.law.china_rule("bank")


def test_a_new_jurisdiction_is_one_class() -> None:
    """Any object with the protocol's members is a rule the replay and court view apply."""

    class Usury:
        name = "state usury 10 %"
        excess = law.Excess.REFUNDED

        def limits(self, loan: lr.Loan, until: date) -> tuple[lr.law.Limit, ...]:
            return (
                lr.law.Limit(
                    components=law.ALL_CHARGES,
                    base="outstanding",
                    annual_rate="0.1",
                    source="State usury statute s. 1",
                ),
            )

        def recognised(self, loan: lr.Loan) -> lr.Loan:
            return loan

    loan = lr.Loan(1000, "0.2", 12, start=date(2024, 1, 1))
    rule = Usury()
    assert isinstance(rule, lr.law.Rule)
    view = lr.court_view(loan, as_of=date(2024, 6, 1), rule=rule)
    assert view.allowed.allowed["contract_interest"] < view.claimed.charged["contract_interest"]
    assert "usury statute" in view.explain()


def test_explanation_in_both_languages_cites_each_article() -> None:
    """Each line of the explanation carries its article, in English and in Chinese."""
    view = lr.court_view(
        ISSUE_LOAN,
        ISSUE_PAID,
        as_of=date(2025, 6, 9),
        penalty=ISSUE_POLICY,
        rule=lr.law.ChinaPrivateLending(),
    )
    english, chinese = view.explain("en"), view.explain("zh")
    for text in ("art. 25", "arts. 28-29", "credited to the principal"):
        assert text in english
    for text in ("第二十五条", "第二十九条", "逾期利息", "冲抵本金"):
        assert text in chinese
    assert "罚息" not in chinese  # a private lender's penalty is 逾期利息
    assert f"{view.enforceable_payoff}" in english
    assert "<table>" in view._repr_html_()
    assert "enforceable_payoff=" in repr(view)


def test_court_award_is_a_baseline() -> None:
    """A court award is a baseline: each offer against what a court would award on a date."""
    state = lr.account_state(ISSUE_LOAN, ISSUE_PAID, as_of=date(2025, 6, 9), penalty=ISSUE_POLICY)
    award = lr.CourtAward(date(2025, 9, 9), FINANCIAL)
    table = lr.compare(state, [lr.ExtendTerm(6)], baseline=award)
    later = issue_state(date(2025, 9, 9))
    assert award.plan(state).total_paid == later.payoff
    assert table.outcomes[0].saving == later.payoff - table.outcomes[0].total_paid
    assert lr.StayOverdue(date(2025, 9, 9)).plan(state).total_paid > later.payoff


def test_plans_charge_no_more_than_the_rule() -> None:
    """Under a rule, new schedules and the contract's remaining rows run at its ceiling at most."""
    loan = lr.Loan(20000, "0.30", 12, start=date(2024, 11, 10))  # cap 12.4 %
    paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[:3]]
    state = lr.account_state(loan, paid, as_of=date(2025, 6, 9), rule=lr.law.ChinaPrivateLending())
    draft = lr.minor.draft_from(state)
    assert draft.rate == Fraction("0.124")
    cure = lr.CureNow().plan(state)
    contract = lr.CureNow().plan(lr.account_state(loan, paid, as_of=date(2025, 6, 9)))
    assert cure.total_interest < contract.total_interest
    # a lever naming a rate above the rule's ceiling is held to it
    dear = lr.evaluate(state, lr.InstalmentPlan(12, annual_rate="0.3"))
    fair = lr.evaluate(state, lr.InstalmentPlan(12, annual_rate="0.124"))
    assert dear.total_interest == fair.total_interest
    waterfall = lr.waterfall(
        lr.account_state(loan, paid, as_of=date(2025, 6, 9)),
        legal_cap=lr.law.ChinaPrivateLending(),
        steps=("capitalize",),
    )
    assert waterfall[0][0][0].annual_rate == Decimal("0.124")


def test_total_cost_cap_limits_future_interest_in_plans() -> None:
    """A share limit leaves only so much room: the plan's new interest is trimmed to it."""
    loan = lr.Loan(1000, "0.36", 24, start=date(2024, 1, 1))
    state = lr.account_state(loan, as_of=date(2024, 3, 1), rule=lr.law.TotalCostCap(share="0.1"))
    plan = lr.CureNow().plan(state)
    assert plan.total_interest == Decimal("100.00")  # everything charged, now and later
    unruled = lr.CureNow().plan(lr.account_state(loan, as_of=date(2024, 3, 1)))
    assert unruled.total_interest > Decimal("300")


def test_court_view_reads_its_costs_once() -> None:
    """Costs given as a generator count on both sides of the court view (issue 29).

    The rule's replay read the generator and the contract's found it empty: claimed
    5,488.98 against 5,581.65 allowed, an excess of -92.67. The claim is the contract's
    own replay with the 100.00 of costs (5,488.98 + 100.00), the excess the 7.33 of
    penalty interest beyond 24 %.
    """
    loan = lr.Loan(6000, "0.18", 6, start=date(2024, 1, 15))
    as_of = date(2024, 6, 1)
    paid = [lr.Payment(date(2024, 2, 15), 1000)]
    costs = [lr.EnforcementCost(as_of, 100)]
    options: dict[str, Any] = {
        "as_of": as_of,
        "penalty": lr.PenaltyPolicy(annual_rate="0.5"),
        "allocation": lr.Allocation.PENALTY_FIRST,
    }
    rule = lr.law.ChinaFinancialLoans(measure="together")
    view = lr.court_view(loan, iter(paid), rule=rule, costs=(c for c in costs), **options)
    without = lr.account_state(loan, paid, **options).payoff
    assert view.claimed.payoff == lr.account_state(loan, paid, costs=costs, **options).payoff
    assert view.claimed.payoff == without + 100 == Decimal("5588.98")
    assert view.allowed.payoff == Decimal("5581.65")
    assert view.excess == Decimal("7.33")  # was -92.67
    assert view.lines == lr.court_view(loan, paid, rule=rule, costs=costs, **options).lines


@pytest.mark.parametrize(
    "make",
    [
        lambda day_count: law.Limit(components=("penalty",), base="overdue", annual_rate="0.2",
                                    day_count=day_count, source="art. 1"),
        lambda day_count: law.AnnualRateCap(annual_rate="0.2", day_count=day_count),
    ],
)  # fmt: skip
def test_a_limit_and_an_annual_cap_check_their_day_count_alike(make: Any) -> None:
    """A limit and an annual rate cap take any day count but ICMA's, which needs a schedule."""
    assert make("act/360").day_count is lr.DayCount.ACT_360
    assert make(None).day_count is None
    with pytest.raises(lr.InvalidTermsError, match=r"^day_count='act/act icma' .*coupon schedule"):
        make("act/act icma")
    with pytest.raises(lr.InvalidValueError, match=r"^day_count='fortnightly' "):
        make("fortnightly")


def test_the_user_caps_are_named_by_their_kind_and_figure() -> None:
    """An annual rate cap and a total cost cap: the kind, then the figure in percent."""
    annual, total = law.AnnualRateCap(annual_rate="0.365"), law.TotalCostCap(share="1.5")
    zh = law.rule_title(annual).to_text("zh"), law.rule_title(total).to_text("zh")
    assert (annual.name, total.name) == ("annual rate cap 36.5 %", "total cost cap 150 %")
    assert zh == ("年利率上限36.5 %", "总成本上限150 %")
    assert repr(annual) == "AnnualRateCap(annual_rate=0.365)"
    assert repr(law.TotalCostCap(share=1, source="s")) == "TotalCostCap(share=1, source='s')"
    with pytest.raises(lr.InvalidTypeError, match=r"^source=3 "):
        law.TotalCostCap(share=1, source=3)  # type: ignore[arg-type]
