"""Relief options on the worked scenario, checked against independent computations."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import pytest

import loanrelief as lr
from loanrelief._foundations.money import least
from loanrelief._relief.workout import Workout

D = TypeVar("D", bound=Workout)  # type: ignore[type-arg]

LOAN = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
SCHEDULE = lr.amortize(LOAN)
PAID = [lr.Payment(row.due_date, row.payment) for row in SCHEDULE[:2]]
AS_OF = date(2024, 7, 1)
POLICY = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
STATE = lr.account_state(LOAN, PAID, as_of=AS_OF, penalty=POLICY)


def cents(exact: Fraction) -> Decimal:
    """Round an exact amount half-even to the cent, independently of loanrelief."""
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"))


def annuity(principal: Decimal, rates: list[Fraction]) -> Decimal:
    """The level payment repaying ``principal`` over periods with these rates (exact)."""
    growth, annuity_sum = Fraction(1), Fraction(0)
    for rate in reversed(rates):
        annuity_sum += growth
        growth *= 1 + rate
    return cents(Fraction(principal) * growth / annuity_sum)


def test_the_state_of_the_worked_scenario() -> None:
    """Three missed instalments: the payoff is the overdue, the balance and accrued interest."""
    due = [row for row in SCHEDULE if row.due_date > AS_OF]
    overdue = list(SCHEDULE[2:5])
    accrued = cents(
        Fraction(str(due[0].interest))
        * (AS_OF - date(2024, 6, 15)).days
        / (due[0].due_date - date(2024, 6, 15)).days
    )
    assert STATE.accrued_interest == accrued
    assert STATE.payoff == (
        sum(r.principal + r.interest for r in overdue)
        + STATE.penalty
        + sum(r.principal for r in due)
        + accrued
    )


def test_cure_now_baseline() -> None:
    """Cure now: the arrears today, then the contract's remaining rows unchanged."""
    baseline = lr.evaluate(STATE)
    rows = baseline.plan.rows
    assert rows[0].date == AS_OF
    assert rows[0].amount == STATE.total_overdue
    assert [r.amount for r in rows[1:]] == [r.payment for r in SCHEDULE if r.due_date > AS_OF]
    assert baseline.saving == 0


def test_extend_twelve_months() -> None:
    """Extend 12: arrears today, the balance re-amortized over 19 + 12 periods at 18 %.

    The first period runs from the negotiation date to the next due date (14 days,
    act/365); the current period's accrued interest is added to the first payment.
    """
    outcome = lr.evaluate(STATE, lr.ExtendTerm(12))
    balance = sum(r.principal for r in SCHEDULE if r.due_date > AS_OF)
    rates = [Fraction(18, 100) * Fraction(14, 365)] + [Fraction(15, 1000)] * 30
    level = annuity(balance, rates)
    rows = outcome.plan.rows
    assert rows[0].amount == STATE.total_overdue
    assert rows[1].amount == level + STATE.accrued_interest
    assert all(r.amount == level for r in rows[2:-1])
    assert outcome.payments_count == 32
    assert outcome.end_date == date(2027, 1, 15)


def test_thirty_six_instalment_plan() -> None:
    """36 instalments: the whole payoff at 18 % over 36 months from the negotiation date."""
    outcome = lr.evaluate(STATE, lr.InstalmentPlan(36))
    level = annuity(STATE.payoff, [Fraction(15, 1000)] * 36)
    assert outcome.regular_payment == level == Decimal("1774.43")
    assert outcome.plan.rows[0].date == date(2024, 8, 1)
    assert outcome.payments_count == 36


def test_half_interest_waiver() -> None:
    """Waiving 50 % of overdue interest takes exactly that off the cure-now cost."""
    outcome = lr.evaluate(STATE, lr.WaiveInterest(share="0.5"))
    waived = cents(Fraction(str(STATE.overdue_interest)) / 2)
    assert outcome.waived == {"interest": waived}
    assert outcome.saving == waived
    assert outcome.first_payment == STATE.total_overdue - waived


def test_full_penalty_waiver() -> None:
    """Waiving all penalty saves exactly the penalty charged."""
    outcome = lr.evaluate(STATE, lr.WaivePenalty(share=1))
    assert outcome.waived == {"penalty": STATE.penalty}
    assert outcome.saving == STATE.penalty
    assert outcome.total_penalty == 0


def test_freeze_and_36_instalments() -> None:
    """Freeze: the payoff of the day, interest-free, in 36 parts at most a cent apart."""
    outcome = lr.evaluate(STATE, lr.FreezeInterest(36))
    amounts = [row.amount for row in outcome.plan.rows]
    assert outcome.total_paid == STATE.payoff
    assert len(amounts) == 36
    assert max(amounts) - min(amounts) <= Decimal("0.01")
    assert min(amounts) == cents(Fraction(str(STATE.payoff)) / 36 - Fraction(1, 200))


def test_sixty_percent_settlement() -> None:
    """A 60 % settlement costs exactly 60 % of the payoff, paid today; the rest is waived."""
    outcome = lr.evaluate(STATE, lr.Settlement(share="0.6"))
    price = cents(Fraction(str(STATE.payoff)) * Fraction(6, 10))
    assert outcome.total_paid == price
    assert outcome.total_waived == STATE.payoff - price
    assert outcome.payments_count == 1
    assert outcome.apr is None  # everything is paid on the day


def test_comparison_of_the_six_options() -> None:
    """The comparison ranks the options and shows their marginal effects."""
    table = lr.compare(
        STATE,
        [
            lr.ExtendTerm(12),
            lr.InstalmentPlan(36),
            lr.WaiveInterest(share="0.5"),
            lr.WaivePenalty(share=1),
            lr.FreezeInterest(36),
            lr.Settlement(share="0.6"),
            [lr.CapitalizeArrears(), lr.ExtendTerm(12)],
        ],
    )
    cheapest = table.sort_by("total_paid")[0]
    assert cheapest.label == "settle for 60 %"
    by_payment = table.sort_by("regular_payment")
    assert by_payment[0].label == "settle for 60 %"  # nothing to pay after today
    assert by_payment[1].label == "freeze, 36 instalments"
    assert "settle for 60 %" in repr(table)
    assert "<table>" in table._repr_html_()
    frame = table.to_pandas()
    assert list(frame.index)[:2] == ["extend 12 periods", "36 instalments"]
    effects = table.marginal(6)
    assert [label for label, *_ in effects] == ["capitalize arrears", "extend 12 periods"]
    assert effects[1][1] < 0  # extending lowers the payment


def test_order_of_levers_matters() -> None:
    """Waiving overdue interest before capitalizing lowers the cost; after, it finds nothing."""
    before = lr.evaluate(STATE, lr.WaiveInterest(share=1), lr.CapitalizeArrears())
    after = lr.evaluate(STATE, lr.CapitalizeArrears(), lr.WaiveInterest(share=1))
    assert before.total_waived == STATE.overdue_interest
    assert after.total_waived == 0
    assert before.total_paid < after.total_paid


def test_stay_overdue_baseline() -> None:
    """Staying overdue a year costs more than curing now; caps keep applying."""
    later = lr.StayOverdue(date(2025, 7, 1))
    outcome = lr.evaluate(STATE, baseline=later)
    assert outcome.plan.rows[0].date == date(2025, 7, 1)
    cured = lr.evaluate(STATE, baseline=later).baseline.total_paid
    assert cured > lr.evaluate(STATE).total_paid


def test_solve_finds_the_first_fitting_package() -> None:
    """Solve's package fits the budget, and the grid point before it does not."""
    budget = Decimal(1500)
    outcome = lr.solve(STATE, max_payment=budget)
    assert outcome.regular_payment <= budget
    stages = lr.waterfall(STATE)
    flat = [package for stage in stages for package in stage]
    position = [tuple(p) for p in flat].index(tuple(outcome.levers))
    previous = lr.evaluate(STATE, *flat[position - 1])
    assert previous.regular_payment > budget


def test_solve_reports_the_lowest_reachable_payment() -> None:
    """A budget below anything reachable raises NoSolutionError naming the floor."""
    with pytest.raises(lr.NoSolutionError, match="lowest payment"):
        lr.solve(STATE, max_payment=10, max_term=30, max_forbearance="0.05")


def test_solve_by_payment_cut() -> None:
    """A 31 % payment cut targets 69 % of the contract payment."""
    outcome = lr.solve(STATE, payment_cut="0.31")
    assert outcome.regular_payment <= SCHEDULE[0].payment * Decimal("0.69")


def test_lender_view() -> None:
    """An offer beats default when recovery is poor, and not when it is full and quick."""
    poor = lr.lender_npv(
        STATE,
        lr.InstalmentPlan(36),
        cost_of_funds="0.05",
        recovery_rate="0.3",
        recovery_delay=540,
        redefault_probability="0.25",
    )
    assert poor.gain > 0
    rich = lr.lender_npv(
        STATE, lr.Settlement(share="0.5"), cost_of_funds="0.05", recovery_rate=1, recovery_delay=0
    )
    assert rich.gain < 0


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: lr.WaiveInterest(share="0.5", amount=10), "share"),
        (lr.WaiveInterest, "share"),
        (lambda: lr.WaiveInterest(share="1.5"), "share"),
        (lambda: lr.WaiveInterest(share="0.5", on="past"), "on"),
        (lambda: lr.ExtendTerm(0), "periods"),
        (lambda: lr.InstalmentPlan(0), "count"),
        (lr.ReduceRate, "annual_rate"),
        (lambda: lr.PaymentHoliday(2, interest="skip"), "interest"),
        (lambda: lr.Settlement(share="0.5", instalments=0), "instalments"),
        (lambda: lr.ForbearPrincipal(-5), "amount"),
    ],
)
def test_bad_levers(make: Any, field: str) -> None:
    """Each invalid lever raises a LoanReliefError naming the field."""
    with pytest.raises(lr.LoanReliefError) as raised:
        make()
    assert raised.value.field == field


class WaiveFirstHundred:
    """An app's own lever, written with the Workout's operations."""

    label = "goodwill 100"

    def apply(self, draft: D) -> D:
        """Waive up to 100 of the overdue interest."""
        cut = least(draft.arrears.interest, draft.minor(100, "goodwill"))
        return draft.with_changes(
            self.label,
            arrears=draft.arrears.plus("interest", -cut),
            waived=draft.waived.plus("interest", cut),
        )


class WaiveWithMin:
    """A lever written with Python's min: fine for one account, not over arrays."""

    label = "goodwill by min"

    def apply(self, draft: lr.minor.Draft) -> lr.minor.Draft:
        """Waive up to 100 of the overdue interest, with Python's min."""
        cut = min(draft.arrears.interest, 10000)
        return draft.with_changes(self.label, arrears=draft.arrears.plus("interest", -cut))


def test_custom_levers_are_levers() -> None:
    """Anything with apply(draft) is a lever: an app's own option works in evaluate."""
    outcome = lr.evaluate(STATE, WaiveFirstHundred())
    assert outcome.saving == 100
    assert lr.evaluate(STATE, WaiveWithMin()).saving == 100
    with pytest.raises(lr.InvalidTypeError, match="levers"):
        lr.evaluate(STATE, "extend")  # type: ignore[arg-type]


def test_custom_levers_run_in_the_batch() -> None:
    """The batch runs an app's own lever through its own apply, equal to evaluate.

    One written with Python's min on amounts is refused naming ``levers``, never a
    raw numpy error.
    """
    loan = STATE.loan
    accounts = lr.batch.Portfolio(
        [loan.principal, loan.principal],
        [loan.annual_rate, "0.3"],
        loan.term,
        start=loan.start,
        as_of=STATE.as_of,
    )
    options = [WaiveFirstHundred(), [lr.CapitalizeArrears(), WaiveFirstHundred()]]
    table = lr.batch.compare_levers(accounts, options)
    assert table.labels == ("goodwill 100", "capitalize arrears, goodwill 100")
    state = lr.account_state(loan, as_of=STATE.as_of)
    assert table["saving"][0, 0] == 100
    for j, option in enumerate(
        [[WaiveFirstHundred()], [lr.CapitalizeArrears(), WaiveFirstHundred()]]
    ):
        one = lr.evaluate(state, *option)
        assert table["total_paid"][0, j] == float(one.total_paid)
        assert table["saving"][0, j] == float(one.saving)
    with pytest.raises(lr.InvalidTypeError, match="levers") as raised:
        lr.batch.compare_levers(accounts, [WaiveWithMin()])
    assert raised.value.field == "levers"


def test_solve_respects_a_legal_cap() -> None:
    """With a legal cap below the contract rate, every package starts at the cap."""
    stages = lr.waterfall(STATE, legal_cap="0.138", steps=("capitalize", "term"), max_term=40)
    assert all(p[0] == lr.ReduceRate(annual_rate=Decimal("0.138")) for s in stages for p in s)
    fit = lr.solve(STATE, max_payment=2000, legal_cap="0.138", steps=("capitalize", "term"))
    assert fit.levers[0] == lr.ReduceRate(annual_rate=Decimal("0.138"))
    assert fit.regular_payment <= 2000


def test_a_first_period_longer_in_interest_than_its_payment_grows_the_principal() -> None:
    """Negative amortization in a re-amortized first period is principal, not fees.

    Extending an annual loan the day after its start keeps its first due date: the
    first period's interest (act/360 over 365 days) exceeds the level payment by a
    cent, which the balance carries (a row of principal -0.01) and later rows repay.
    """
    loan = lr.Loan(
        "102.13", "0.1734", 27, start=date(2000, 1, 1), day_count="act/360", frequency="annual"
    )
    state = lr.account_state(loan, as_of=date(2000, 1, 2))
    outcome = lr.evaluate(state, lr.ExtendTerm(1))
    first = outcome.plan.rows[0]
    assert (first.principal, first.interest, first.fees) == (
        Decimal("-0.01"),
        Decimal("18.01"),
        Decimal("0.00"),
    )
    assert outcome.total_principal == Decimal("102.13")
    assert outcome.total_fees == 0


def test_waterfall_steps_are_an_enum_and_bad_ones_are_named() -> None:
    """Steps given as members or strings build the same grid; an unknown one is named."""
    by_name = lr.waterfall(STATE, steps=("term", "capitalize"), max_term=40)
    by_member = lr.waterfall(
        STATE, steps=(lr.WaterfallStep.TERM, lr.WaterfallStep.CAPITALIZE), max_term=40
    )
    assert by_name == by_member
    assert isinstance(by_name[0][0][-1], lr.ExtendTerm)  # in the order given
    assert isinstance(by_name[1][0][-1], lr.CapitalizeArrears)
    with pytest.raises(lr.InvalidValueError) as raised:
        lr.waterfall(STATE, steps=("term", "extend"))
    assert raised.value.field == "steps[1]"


def test_a_freeze_takes_the_fewest_instalments_the_budget_allows() -> None:
    """停息挂账: the payoff split evenly; the fewest instalments of at most the budget."""
    budget = Decimal(1500)
    outcome = lr.solve(STATE, max_payment=budget, steps=["freeze"])
    payoff = STATE.payoff
    count = math.ceil(payoff / budget)  # independent: the least n with payoff / n <= budget
    while (payoff / count).quantize(Decimal("0.01"), rounding="ROUND_CEILING") > budget:
        count += 1
    assert outcome.label == f"freeze, {count} instalments"
    assert outcome.total_paid == payoff
    # no interest after the day: only what was owed on it
    assert outcome.total_interest == STATE.overdue_interest + STATE.accrued_interest


def test_a_personalised_plan_takes_its_down_payment_on_the_day() -> None:
    outcome = lr.solve(
        STATE, max_payment=1200, steps=["instalments"], down_payment=3000, instalment_rate="0.06"
    )
    count = outcome.payments_count - 1
    assert outcome.plan.rows[0].amount >= 3000
    assert outcome.regular_payment <= 1200
    fewer = lr.evaluate(STATE, lr.InstalmentPlan(count - 1, down_payment=3000, annual_rate="0.06"))
    assert fewer.regular_payment > 1200
    with pytest.raises(lr.InvalidValueError, match=r"^max_instalments="):
        lr.solve(STATE, max_payment=1200, max_instalments=0)


def test_solve_names_what_it_rejected_and_why() -> None:
    lender = lr.solve(STATE, max_payment=1500, objective="lender")
    reasons = {alternative.label: alternative.reason for alternative in lender.alternatives}
    assert any("above the budget" in reason for reason in reasons.values())
    assert any("to the lender" in reason for reason in reasons.values())
    assert "not chosen" in str(lender)
    with pytest.raises(lr.InvalidValueError, match=r"^objective="):
        lr.solve(STATE, max_payment=1500, objective="cheapest")


def test_a_personalised_freeze_takes_a_down_payment_and_a_monthly_fee() -> None:
    """个性化分期: 1,000 down, the rest in 60 with 0.3 % a month of it as a fee."""
    outcome = lr.evaluate(STATE, lr.FreezeInterest(60, down_payment=1000, fee_rate="0.003"))
    frozen = STATE.payoff - 1000
    fee = (frozen * Decimal("0.003")).quantize(Decimal("0.01"))
    assert outcome.plan.rows[0].amount >= 1000
    assert outcome.total_fees - STATE.fees == fee * 60
    assert outcome.total_paid == STATE.payoff + fee * 60
    plain = lr.evaluate(STATE, lr.FreezeInterest(60))
    assert outcome.apr is not None
    assert plain.apr is not None
    assert outcome.apr > plain.apr  # the fee is a price, as interest would be
    with pytest.raises(lr.InvalidTermsError, match=r"^down_payment="):
        lr.evaluate(STATE, lr.FreezeInterest(12, down_payment=10**9))


# -- the contract's instalment fee in relief plans ---------------------------------------

FEE_LOAN = lr.Loan(50000, "0.12", 24, start=date(2024, 1, 15), instalment_fee=200)
FEE_PAID = [lr.Payment(row.due_date, row.amount_due) for row in lr.amortize(FEE_LOAN)[:2]]
FEE_STATE = lr.account_state(FEE_LOAN, FEE_PAID, as_of=AS_OF)


def fee_loan_payoff_by_hand() -> Decimal:
    """The payoff on 2024-07-01, computed without loanrelief.

    50,000 at 1 % a month over 24 months: the level payment rounded once, each
    month's interest rounded half-even; instalments 3 to 5 (March 15 to June 15) are
    unpaid, each with its 200 fee; the balance after the fifth is not yet due, and
    16 of the 30 days of the sixth period have run (interest in proportion, rounded).
    """
    rate = Fraction(1, 100)
    payment = annuity(Decimal(50000), [rate] * 24)
    balance = Decimal(50000)
    for _ in range(5):
        balance -= payment - cents(Fraction(balance) * rate)
    accrued = cents(Fraction(cents(Fraction(balance) * rate)) * Fraction(16, 30))
    return 3 * (payment + 200) + balance + accrued


def test_a_freeze_stops_the_contract_fee_by_default() -> None:
    """A 36-month freeze costs the payoff on the day, not the payoff plus 36 x 200."""
    payoff = fee_loan_payoff_by_hand()
    assert FEE_STATE.payoff == payoff  # 48,421.65
    stopped = lr.evaluate(FEE_STATE, lr.FreezeInterest(36))
    assert stopped.total_paid == payoff
    assert stopped.total_fees == 600  # the three fees due on the day, nothing more
    assert not stopped.exceeds_payoff
    assert stopped.above_payoff == 0
    kept = lr.evaluate(FEE_STATE, lr.FreezeInterest(36, keep_fees=True))
    assert kept.total_paid == payoff + 36 * 200
    assert kept.total_fees == 600 + 36 * 200
    assert all(row.fees >= 200 for row in kept.plan.rows[1:])
    assert kept.exceeds_payoff
    assert kept.above_payoff == Decimal("7200.00")
    assert kept.plan.above_payoff == kept.above_payoff
    # the plan's own fee (fee_rate) stays either way: 0.3 % of the amount frozen a month
    with_rate = lr.evaluate(FEE_STATE, lr.FreezeInterest(36, fee_rate="0.003"))
    monthly = cents(Fraction(payoff) * Fraction(3, 1000))
    assert with_rate.total_paid == payoff + 36 * monthly
    assert with_rate.above_payoff == 36 * monthly


def test_an_instalment_plan_stops_the_contract_fee_by_default() -> None:
    """The new instalments carry no contract fee unless kept; the plan says which."""
    stopped = lr.evaluate(FEE_STATE, lr.InstalmentPlan(36))
    kept = lr.evaluate(FEE_STATE, lr.InstalmentPlan(36, keep_fees=True))
    assert stopped.total_fees == 600
    assert kept.total_fees == 600 + 36 * 200
    assert kept.total_paid - stopped.total_paid == 36 * 200
    assert stopped.regular_payment + 200 == kept.regular_payment
    assert kept.label == "36 instalments, instalment fees kept"
    assert kept.label_in("zh") == "分36期，分期服务费照收"
    assert (
        lr.FreezeInterest(36, keep_fees=True).label_in("zh") == "停息挂账，分36期，分期服务费照收"
    )


@pytest.mark.parametrize("lever", [lr.FreezeInterest, lr.InstalmentPlan])
def test_keep_fees_must_be_a_flag(lever: type) -> None:
    with pytest.raises(lr.InvalidTypeError) as raised:
        lever(12, keep_fees="yes")
    assert raised.value.field == "keep_fees"


def test_levers_of_the_same_contract_keep_its_fee() -> None:
    """An extension, a rate cut, capitalized arrears: every instalment still has its fee."""
    remaining = 24 - 5
    for package, count in (
        ([lr.ExtendTerm(6)], remaining + 6),
        ([lr.ReduceRate(annual_rate="0.06")], remaining),
        ([lr.CapitalizeArrears()], remaining),
        ([lr.ForbearPrincipal(5000)], remaining),
    ):
        outcome = lr.evaluate(FEE_STATE, *package)
        later = [row for row in outcome.plan.rows if row.date > AS_OF]
        assert len(later) == count
        assert all(row.fees >= 200 for row in later)
        assert outcome.total_fees == 600 + 200 * count


def test_a_holiday_charges_no_fee_in_its_periods() -> None:
    """Nothing is due in a payment holiday, the fee included; the fee count stays."""
    outcome = lr.evaluate(FEE_STATE, lr.PaymentHoliday(3, interest="waive"))
    later = [row for row in outcome.plan.rows if row.date > AS_OF]
    assert len(later) == 19  # 3 holiday periods added, 3 without payment
    assert outcome.total_fees == 600 + 19 * 200


def test_a_comparison_says_which_options_cost_more_than_the_payoff() -> None:
    """The table names each option above the payoff, with the amount; the CLI's too."""
    table = lr.compare(FEE_STATE, [lr.FreezeInterest(36), lr.FreezeInterest(36, keep_fees=True)])
    text = table.to_text("en")
    assert (
        "freeze, 36 instalments, instalment fees kept pays 7,200.00 above the payoff of "
        "48,421.65 on the day"
    ) in text
    assert "freeze, 36 instalments pays" not in text
    assert "多7,200.00" in table.to_text("zh")
    assert "7,200.00" in table.to_html("en")
    outcome = table[1]
    assert "above the payoff of 48,421.65 on the day" in outcome.to_text("en")
    assert "above the payoff" not in table[0].to_text("en")
