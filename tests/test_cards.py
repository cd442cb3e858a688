"""Credit cards: published examples, the statement identities, and the rules' signs."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._ledger.allocation import payment_passes
from tests.strategies import overdue_accounts

CASES = {
    case["id"]: case
    for case in json.loads(
        (Path(__file__).parent / "reference" / "card_cases.json").read_text(encoding="utf-8")
    )["cases"]
}
CN = lr.cards.Card(statement_day=7, due_days=20, daily_rate="0.0005")


def test_full_balance_against_unpaid_part_published() -> None:
    """南方财富网: 20,000 on 03-08, 2,000 repaid on 04-25, next statement 05-07."""
    case = CASES["cc-cn-full-vs-unpaid-portion-588-450"]
    spent = [
        lr.cards.CardTransaction(date(2017, 3, 8), 20000),
        lr.cards.CardTransaction(date(2017, 4, 25), 2000, "payment"),
    ]
    full = lr.cards.card_statements(CN, spent, until=date(2017, 5, 7))
    unpaid_card = lr.cards.Card(
        statement_day=7, due_days=20, daily_rate="0.0005", interest_rule="unpaid_part"
    )
    unpaid = lr.cards.card_statements(unpaid_card, spent, until=date(2017, 5, 7))
    assert full.statements[0].minimum == case["inputs"]["minimum_payment"]
    assert full.statements[0].interest_free_days == (20, 50)  # the 20-50 day 免息期
    assert full.statements[1].interest == Decimal(
        str(case["expected"]["interest_full_balance_method"])
    )
    # The source prints 450 for 18,000 x 0.05 % x 60, which is 540 (its arithmetic slip).
    recomputed = case["expected_recomputed"]["interest_unpaid_portion_method"]
    assert unpaid.statements[1].interest == Decimal(str(recomputed))


def test_late_fee_is_five_percent_of_the_unpaid_minimum() -> None:
    case = CASES["cc-cn-latefee-700x5pct-35"]
    card = lr.cards.Card(statement_day=7, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
    spent = [
        lr.cards.CardTransaction(date(2024, 3, 8), case["inputs"]["statement_balance"]),
        lr.cards.CardTransaction(date(2024, 4, 20), case["inputs"]["paid_by_due_date"], "payment"),
    ]
    first = lr.cards.card_statements(card, spent, until=date(2024, 5, 7)).statements[0]
    assert first.minimum == case["inputs"]["minimum_payment"]
    assert first.late_fee == Decimal(str(case["expected"]["late_fee"]))
    capped = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", late_fee_share="0.05", late_fee_max=20
    )
    assert (
        lr.cards.card_statements(capped, spent, until=date(2024, 5, 7)).statements[0].late_fee
        == 20
    )


def test_an_unpaid_statement_compounds_and_adds_what_was_missed() -> None:
    """Worked by hand: 10,000; 300 paid of a 1,000 minimum; nothing more."""
    card = lr.cards.Card(statement_day=7, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
    spent = [
        lr.cards.CardTransaction(date(2024, 3, 8), 10000),
        lr.cards.CardTransaction(date(2024, 4, 20), 300, "payment"),
    ]
    second, third = lr.cards.card_statements(card, spent, until=date(2024, 6, 7)).statements[1:]
    # 10,000 x 43 days (03-08 to 04-20) + 9,700 x 17 days (to 05-07), at 0.05 %
    assert second.interest == Decimal("297.45")
    # the minimum: 10 % of 9,700 + the interest + the 35 fee + the 700 missed
    assert second.minimum == Decimal("970") + Decimal("297.45") + 35 + 700
    # nothing paid: 9,700 and the 297.45 of interest bear interest for 31 days; fees do not
    assert third.interest == Decimal("154.96")
    assert third.balance == second.balance + third.interest + second.late_fee


def test_card_instalment_published() -> None:
    """miantaihao.com: 10,000 in 12 at 0.6 % a month: 893.33 a month, 720 in fees."""
    case = CASES["cc-cn-instalment-10000x12-0.6pct"]
    offer = lr.cards.card_instalment(10000, 12, "0.006")
    assert offer.payments[0] == Decimal(str(case["expected"]["monthly_payment"]))
    assert offer.total_fee == Decimal(str(case["expected"]["total_fee"]))
    # recomputed from the unrounded flows; the rounded instalments move it below 1e-6
    assert offer.nominal_rate == pytest.approx(
        case["expected"]["irr_nominal_annual_recomputed"], abs=1e-6
    )
    assert offer.effective_rate == pytest.approx(
        case["expected"]["irr_effective_annual_recomputed"], abs=1e-6
    )
    assert offer.nominal_rate > 1.8 * float(offer.quoted_rate)  # about twice "7.2 %"
    upfront = lr.cards.card_instalment(10000, 12, "0.006", fee="upfront")
    assert upfront.payments[0] == Decimal("833.33") + 720
    assert upfront.nominal_rate > offer.nominal_rate  # the fee paid sooner costs more


purchases = st.lists(
    st.tuples(st.integers(0, 120), st.integers(1, 500_000)), min_size=1, max_size=8
)


def card_of(rule: str, rate: str = "0.0005") -> lr.cards.Card:
    return lr.cards.Card(
        statement_day=7, due_days=20, daily_rate=rate, interest_rule=rule, late_fee_share="0.05"
    )


def repay(repaid: list[tuple[int, int]]) -> list[lr.cards.CardTransaction]:
    """Payments ``days`` after 2024-01-10, of ``cents``."""
    return [
        lr.cards.CardTransaction(
            date(2024, 1, 10) + timedelta(days=days), Decimal(cents) / 100, "payment"
        )
        for days, cents in repaid
    ]


def spend(offsets: list[tuple[int, int]]) -> list[lr.cards.CardTransaction]:
    return [
        lr.cards.CardTransaction(date(2024, 1, 10) + timedelta(days=days), Decimal(cents) / 100)
        for days, cents in offsets
    ]


@given(purchases)
def test_paying_each_statement_in_full_costs_no_interest(offsets: list[tuple[int, int]]) -> None:
    card = card_of("full_balance")
    bought = spend(offsets)
    until = date(2024, 9, 1)
    history = lr.cards.card_statements(card, bought, until=until)
    paid = list(bought)
    for statement in history.statements:  # pay each balance in full on its due date
        if statement.balance > 0 and statement.due_date <= until:
            paid.append(lr.cards.CardTransaction(statement.due_date, statement.balance, "payment"))
    again = lr.cards.card_statements(card, paid, until=until)
    assert again.total_interest == 0
    assert again.total_fees == 0
    assert all(s.paid_in_full is not False for s in again.statements)


@given(purchases, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 300_000)), max_size=5))
def test_the_unpaid_part_never_costs_more_than_the_full_balance(
    offsets: list[tuple[int, int]], repaid: list[tuple[int, int]]
) -> None:
    payments = repay(repaid)
    spent = [  # every third one a cash advance (never interest-free, under either rule)
        lr.cards.CardTransaction(move.date, move.amount, "cash" if k % 3 == 2 else "purchase")
        for k, move in enumerate(spend(offsets))
    ]
    moves = [*spent, *payments]
    until = date(2024, 9, 1)
    full = lr.cards.card_statements(card_of("full_balance"), moves, until=until)
    part = lr.cards.card_statements(card_of("unpaid_part"), moves, until=until)
    assert part.total_interest <= full.total_interest
    for statement in full.statements:
        assert 0 <= statement.minimum <= max(statement.balance, 0)
        # every cent accounted for: what was owed, plus charges, less payments
        assert statement.balance == (
            statement.previous_balance
            + statement.new_charges
            + statement.interest
            - statement.payments
        )


def reference_interest(
    amount: int, posted: date, payments: list[tuple[date, int]], end: date
) -> Decimal:
    """An independent day loop: 0.05 % a day on what is unpaid each day, to ``end``."""
    total = Decimal(0)
    day = posted
    while day < end:
        owed = amount - sum(paid for when, paid in payments if when <= day)
        total += Decimal(max(owed, 0)) * Decimal("0.0005")
        day += timedelta(days=1)
    return total.quantize(Decimal("0.01"))


@given(st.integers(1, 100_000), st.integers(0, 25), st.integers(1, 29), st.integers(1, 50_000))
def test_a_lost_grace_charges_interest_from_the_posting_date(
    amount: int, day: int, paid_after: int, paid: int
) -> None:
    """One purchase, one partial payment: the full-balance interest, day by day."""
    posted = date(2024, 3, 8) + timedelta(days=day)
    statement = date(2024, 4, 7)
    when = statement + timedelta(days=paid_after)
    paid = min(paid, amount - 1) if amount > 1 else 0
    moves = [lr.cards.CardTransaction(posted, amount)]
    if paid:
        moves.append(lr.cards.CardTransaction(when, paid, "payment"))
    history = lr.cards.card_statements(CN, moves, until=date(2024, 5, 7))
    expected = reference_interest(amount, posted, [(when, paid)] if paid else [], date(2024, 5, 7))
    assert history.statements[1].interest == expected


@settings(max_examples=30)
@given(st.integers(500, 20_000), st.integers(1, 300))
def test_the_minimum_never_repays_sooner_than_a_larger_fixed_payment(
    balance: int, more: int
) -> None:
    us = lr.cards.Card(
        statement_day=1, due_days=25, annual_rate="0.2199", minimum_share="0.02", minimum_floor=25
    )
    start = date(2024, 1, 1)
    slow = lr.cards.minimum_payment_horizon(us, balance, start=start)
    fixed = slow.largest_payment + more  # at least every minimum
    fast = lr.cards.minimum_payment_horizon(us, balance, start=start, payment=fixed)
    assert slow.months >= fast.months
    assert slow.total_interest >= fast.total_interest
    assert slow.total_paid == balance + slow.total_interest + slow.total_fees
    in_36 = lr.cards.payment_to_repay(us, balance, start=start)
    assert lr.cards.minimum_payment_horizon(us, balance, start=start, payment=in_36).months <= 36
    less = in_36 - Decimal("0.01")
    assert lr.cards.minimum_payment_horizon(us, balance, start=start, payment=less).months > 36


def test_a_minimum_below_the_interest_never_repays() -> None:
    card = lr.cards.Card(statement_day=1, daily_rate="0.001", minimum_share="0.001")
    with pytest.raises(lr.NoSolutionError, match=r"^payment="):
        lr.cards.minimum_payment_horizon(card, 10000, start=date(2024, 1, 1), payment=1)


def test_bad_card_terms_are_refused_by_name() -> None:
    with pytest.raises(lr.InvalidTermsError, match=r"^daily_rate="):
        lr.cards.Card(statement_day=7)
    with pytest.raises(lr.InvalidValueError, match=r"^statement_day="):
        lr.cards.Card(statement_day=31, daily_rate="0.0005")
    with pytest.raises(lr.InvalidValueError, match=r"^due_days="):
        lr.cards.Card(statement_day=7, due_days=40, daily_rate="0.0005")
    with pytest.raises(lr.InvalidTermsError, match=r"^late_fee_max="):
        lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_min=50, late_fee_max=10)
    with pytest.raises(lr.InvalidTermsError, match=r"^transactions\[0\]\.date="):
        lr.cards.card_statements(
            CN, [lr.cards.CardTransaction(date(2024, 6, 1), 1)], until=date(2024, 5, 1)
        )
    with pytest.raises(lr.InvalidValueError, match=r"^start="):
        lr.cards.minimum_payment_horizon(CN, 100, start=date(2024, 1, 8))
    with pytest.raises(lr.InvalidValueError, match=r"^kind="):
        lr.cards.CardTransaction(date(2024, 1, 1), 10, "refund")


def test_a_card_in_arrears_is_an_account_for_relief_and_plans() -> None:
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    history = lr.cards.card_statements(
        card, [lr.cards.CardTransaction(date(2024, 3, 8), 10000)], until=date(2024, 6, 20)
    )
    state = history.account()
    # two minimums missed: the oldest fell due on 04-27
    assert state.days_past_due == (date(2024, 6, 20) - date(2024, 4, 27)).days
    # charged 459.65 + this cycle's 13 days on 10,300 (the 159.65 of 06-07 keeps its grace
    # until 06-27); fees 50 + 117.50
    assert state.overdue_interest == Decimal("459.65") + Decimal("66.95")
    assert state.fees == Decimal("167.50")
    assert state.payoff == history.balance + Decimal("66.95")
    frozen = lr.evaluate(state, lr.FreezeInterest(60))
    assert frozen.total_paid == state.payoff  # 停息挂账: what is owed, nothing more
    later = state.on(date(2024, 7, 20))  # the card's rate runs on principal and interest
    grown = (Decimal(10000) + state.overdue_interest) * Decimal("0.0005") * 30
    assert abs(later.payoff - state.payoff - grown) <= Decimal("0.01")
    loan = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)), as_of=date(2024, 6, 20)
    )
    plan = lr.debts.plan_debts([lr.debts.Debt("card", state), lr.debts.Debt("loan", loan)], 1500)
    assert plan.debt_free is not None


def test_a_card_paid_on_time_is_not_in_arrears() -> None:
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005")
    history = lr.cards.card_statements(
        card,
        [
            lr.cards.CardTransaction(date(2024, 3, 8), 1000),
            lr.cards.CardTransaction(date(2024, 4, 20), 100, "payment"),
        ],
        until=date(2024, 5, 10),
    )
    with pytest.raises(lr.InvalidTermsError, match=r"^history="):
        history.account()


@given(
    st.integers(1000, 100_000),
    st.integers(2, 36),
    st.integers(1, 100),
    st.data(),
    st.sampled_from(["spread", "upfront"]),
)
def test_repaying_an_instalment_plan_early(
    amount: int, count: int, fee_bp: int, data: st.DataObject, fee: str
) -> None:
    """Every remaining fee charged: the true rate rises; all waived: it never exceeds it."""
    offer = lr.cards.card_instalment(amount, count, Decimal(fee_bp) / 10000, fee=fee)
    paid = data.draw(st.integers(0, count - 1))
    kept = offer.repaid_early(paid)
    waived = offer.repaid_early(paid, refund=1)
    assert kept.total_paid == amount + offer.total_fee  # nothing refunded: every fee
    assert waived.total_paid == kept.total_paid - waived.fees_waived
    monthly = offer.total_fee / count
    assert abs(waived.fees_waived - monthly * (count - paid - 1)) <= Decimal("0.01")
    assert kept.nominal_rate >= offer.nominal_rate - 1e-9
    assert waived.nominal_rate <= kept.nominal_rate + 1e-9


TOGETHER = lr.law.ChinaFinancialLoans(measure="together")


def test_the_financial_loan_rule_holds_a_card_to_24_percent() -> None:
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20), rule=TOGETHER)
    # nothing paid: 10,000 outstanding for 196 days at 24 % a year, rounded down
    assert view.ceiling == Decimal("1288.76")
    assert view.charges_allowed == view.ceiling < view.charges_claimed
    assert view.enforceable_payoff == Decimal(10000) + view.ceiling
    assert view.payoff - view.enforceable_payoff == view.excess
    assert "法发〔2017〕22号" in view.line("contract_interest").source
    assert "金融审判" in view.line("contract_interest").cited("zh")
    lenient = lr.cards.card_court_view(
        card, moves, until=date(2024, 9, 20), rule=lr.law.ChinaFinancialLoans(annual_rate="0.5")
    )
    assert lenient.excess == 0
    assert lenient.enforceable_payoff == lenient.payoff


def test_a_card_is_measured_per_due_date_by_default() -> None:
    """The default reading: the term's interest on the principal in use, lateness apart.

    By hand: 10,000 spent on 03-08, nothing paid; the first statement (04-07) is due
    on 04-27 and its minimum is missed, so the card is current for 51 days (03-08 to
    04-27) and past due for 145 (04-28 to 09-20). The term's ceiling is
    10,000 x 24 % x 51 / 365 = 335.34 and its interest 10,000 x 0.05 % x 51 = 255.00,
    all allowed; the ceiling of the charges for lateness (default interest, compound
    interest, late fees: 1,721.95 of them) is 10,000 x 24 % x 145 / 365 = 953.42.
    Allowed: 255.00 + 953.42 = 1,208.42, where the together reading allows its whole
    ceiling of 1,288.76 (the term's unused 80.34 spent on lateness).
    """
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    assert view.rule == lr.law.ChinaFinancialLoans(measure="per_due_date")
    term, late = Decimal("335.34"), Decimal("953.42")
    assert term == (Decimal(2400) * 51 / 365).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    assert late == (Decimal(2400) * 145 / 365).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    assert view.ceiling == term + late == Decimal("1288.76")
    assert view.charges_allowed == Decimal("255.00") + late == Decimal("1208.42")
    assert view.enforceable_payoff == Decimal("11208.42")
    together = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20), rule=TOGETHER)
    assert together.charges_claimed == view.charges_claimed == Decimal("1976.95")
    assert together.charges_allowed - view.charges_allowed == term - Decimal("255.00")
    assert "charges for lateness" in view.line("late_fee").source
    # line by line, in the rule's charges: the term's interest within its ceiling, the
    # charges for lateness sharing theirs (default interest, compound interest, then
    # the late fee, as the limit lists them)
    lines = {line.item: (line.charged, line.allowed) for line in view.lines}
    assert lines["contract_interest"] == (Decimal("255.00"), Decimal("255.00"))
    lateness = ("default_interest", "compound", "late_fee")
    assert sum(lines[item][0] for item in lateness) == Decimal("1721.95")
    assert sum(lines[item][1] for item in lateness) == late
    assert lines["late_fee"][1] < lines["late_fee"][0]


def test_a_card_court_view_names_its_lines_in_a_card_issuer_words() -> None:
    """In Chinese a card's lines are 利息, 逾期利息, 复利, 违约金; a loan's keep theirs."""
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    names = [row.split()[0] for row in view.to_text("zh").splitlines()[2:]]
    assert names == ["本金", "利息", "逾期利息", "复利", "违约金", "结清金额"]
    assert "5. 违约金：合同计收958.66，支持190.13，不予支持768.53" in view.explain("zh")
    assert "late fees" in view.to_text()  # English: the library's general names
    loan = lr.court_view(
        lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1)),
        as_of=date(2024, 7, 1),
        rule=lr.law.ChinaFinancialLoans(),
    )
    assert "借期内利息" in loan.to_text("zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cards_brief_shows_its_court_view_line_by_line(lang: str) -> None:
    """Each line of the card's court view, what payments settled of charges, the payoff.

    The rows add up to the payoff the card claims and to the one a court would allow.
    """
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", late_fee_share="0.05", currency="CNY"
    )
    moves = [
        lr.cards.CardTransaction(date(2024, 3, 8), 10000),
        lr.cards.CardTransaction(date(2024, 6, 1), 800, "payment"),
    ]
    history = lr.cards.card_statements(card, moves, until=date(2024, 9, 20))
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    brief = lr.brief(history.account(), lang=lang, court=view, budget=3000)
    for line in view.lines:
        assert brief.figures[f"court.{line.item}.claimed"] == line.charged
        assert brief.figures[f"court.{line.item}.allowed"] == line.allowed
    for column in ("claimed", "allowed"):
        rows = [brief.figures[f"court.{line.item}.{column}"] for line in view.lines[:-1]]
        paid = brief.figures["court.paid." + column]
        assert paid < 0  # the payment settled charges, as the card and as the rule apply it
        assert sum(rows) + paid == brief.figures[f"court.payoff.{column}"]
    assert len(view.lines) > 3  # principal, several charges, the payoff


def test_a_card_that_owes_nothing_has_a_court_view_of_zeros() -> None:
    """A card paid in full, or with nothing on it, gives a view of zeros, not a refusal."""
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    paid = [
        lr.cards.CardTransaction(date(2024, 3, 8), 100),
        lr.cards.CardTransaction(date(2024, 3, 9), 100, "payment"),
    ]
    for moves in (paid, []):
        view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
        assert isinstance(view, lr.CourtView)
        assert [line.item for line in view.lines] == ["principal", "payoff"]
        assert view.payoff == view.enforceable_payoff == view.charges_claimed == 0
        assert view.claimed is None  # a card's replays are its own ledger
        assert view.allowed is None
        assert view.to_text().splitlines()[-1].split()[1:] == ["0.00", "0.00", "0.00"]
        assert "可支持0.00" in view.explain("zh")


def test_a_court_never_allows_more_than_the_card_claims() -> None:
    """Found by fresh draws: the rule's re-application must not cost the card's grace.

    Per due date, 1 cent of interest rounded up from 0.504 is above its term's ceiling
    (0.66 cents, rounded down to 0), so under the rule the 0.36 paid on 04-23 repays
    principal and the cent is held for the cardholder. The statement was still paid in
    full by the cardholder: its grace is kept and no late fee follows (the card's
    terms go by what was paid, not by what the rule re-applies). The rule allows 0.03
    of the 0.04 charged, and never more than the card claims.
    """
    moves = [
        *spend([(109, 101), (0, 21), (58, 14)]),
        *repay([(104, 36)]),
    ]
    card = card_of("full_balance")
    view = lr.cards.card_court_view(card, moves, until=date(2024, 6, 25))
    assert view.charges_claimed == Decimal("0.04")
    assert view.charges_allowed == Decimal("0.03")
    assert view.enforceable_payoff == view.payoff - Decimal("0.01") == Decimal("1.03")
    history = lr.cards.card_statements(card, moves, until=date(2024, 6, 25))
    assert history.statements[2].paid_in_full  # and so under the rule


def test_a_card_takes_the_rules_a_loan_takes_or_refuses_them() -> None:
    """Any rate or share cap on the card's principal; rules a card cannot meet refused."""
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    until = date(2024, 9, 20)
    capped = lr.cards.card_court_view(
        card, moves, until=until, rule=lr.law.AnnualRateCap(annual_rate="0.24")
    )
    assert (
        capped.enforceable_payoff
        == lr.cards.card_court_view(card, moves, until=until, rule=TOGETHER).enforceable_payoff
    )
    # all charges at most 10 % of what was drawn: 1,000.00
    total = lr.cards.card_court_view(
        card, moves, until=until, rule=lr.law.TotalCostCap(share="0.1")
    )
    assert total.ceiling == total.charges_allowed == Decimal(1000)
    assert total.enforceable_payoff == Decimal(11000)
    for rule in (lr.law.ChinaPrivateLending(), lr.law.UKHighCostShortTerm()):
        with pytest.raises(lr.InvalidValueError, match=r"^rule="):
            lr.cards.card_court_view(card, moves, until=until, rule=rule)
    with pytest.raises(lr.InvalidTypeError, match=r"^rule="):
        lr.cards.card_court_view(card, moves, until=until, rule="24 %")  # type: ignore[arg-type]


@settings(max_examples=40)
@given(purchases, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 300_000)), max_size=4))
def test_the_rule_never_lets_more_be_claimed_than_the_card_does(
    offsets: list[tuple[int, int]], repaid: list[tuple[int, int]]
) -> None:
    payments = repay(repaid)
    card = card_of("full_balance")
    view = lr.cards.card_court_view(card, [*spend(offsets), *payments], until=date(2024, 9, 1))
    assert view.charges_allowed <= view.charges_claimed
    assert view.charges_allowed <= view.ceiling
    assert view.enforceable_payoff <= view.payoff
    # line by line: the principal first, the payoff last, each charge between them
    # claimed beside allowed, none allowed beyond its claim
    assert [view.lines[0].item, view.lines[-1].item] == ["principal", "payoff"]
    charges = view.lines[1:-1]
    assert all(0 <= line.allowed <= line.charged for line in charges)
    assert all(line.excess == line.charged - line.allowed for line in view.lines)
    assert sum(line.excess for line in charges) == view.charges_claimed - view.charges_allowed
    assert view.excess == view.payoff - view.enforceable_payoff


def test_a_card_is_measured_against_what_a_court_would_award() -> None:
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    state = lr.cards.card_statements(card, moves, until=date(2024, 6, 20)).account()
    court = lr.CourtAward(date(2024, 9, 20), TOGETHER)
    frozen = lr.evaluate(state, lr.FreezeInterest(60), baseline=court)
    awarded = frozen.baseline
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20), rule=TOGETHER)
    # the card's own replay to 09-20 under the rule: 10,000 and 196 days at 24 %
    assert awarded.total_paid == view.enforceable_payoff == Decimal("11288.76")
    assert awarded.total_principal == Decimal(10000)
    assert awarded.total_interest + awarded.total_fees == view.charges_allowed
    assert awarded.dates == [date(2024, 9, 20)]
    # the plan pays what the card claims on 06-20, about 1,100 less than an award
    assert frozen.total_paid == state.payoff
    assert frozen.saving > Decimal(0)
    table = lr.compare(state, [lr.FreezeInterest(60), lr.Settlement(share="0.6")], baseline=court)
    assert all(o.baseline.total_paid == view.enforceable_payoff for o in table)
    later = state.on(date(2024, 7, 20))  # rolled forward, nothing more paid: same award
    assert lr.evaluate(later, baseline=court).baseline.total_paid == view.enforceable_payoff
    with pytest.raises(lr.InvalidTermsError, match=r"^rule="):
        state.on(date(2024, 9, 20), rule=lr.law.ChinaFinancialLoans())
    with pytest.raises(lr.InvalidValueError, match=r"^rule="):
        lr.evaluate(state, baseline=lr.CourtAward(date(2024, 9, 20), lr.law.ChinaPrivateLending()))
    default = lr.CourtAward(date(2024, 9, 20), lr.law.ChinaFinancialLoans())  # per due date
    by_due_date = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    assert (
        lr.evaluate(state, baseline=default).baseline.total_paid == by_due_date.enforceable_payoff
    )


def test_the_days_after_the_last_statement_are_replayed_to_until() -> None:
    """A payment and a due date between the last statement and ``until`` count.

    (The replay once stopped at the last statement: the balance on 05-30 ignored the
    payment of 05-10 and the late fee of 05-28, and a court award fell with time.)
    """
    card = card_of("full_balance")
    spent = [lr.cards.CardTransaction(date(2024, 3, 8), 20000)]
    paid = lr.cards.CardTransaction(date(2024, 5, 10), 500, "payment")
    at_statement = lr.cards.card_statements(card, spent, until=date(2024, 5, 7))
    later = lr.cards.card_statements(card, [*spent, paid], until=date(2024, 5, 30))
    last = later.statements[-1]
    assert len(later.statements) == len(at_statement.statements)
    assert last.paid_by_due == Decimal(500)
    # the minimum of 4,700 was short by 4,200 on its due date (05-27): 5 % of it
    assert last.late_fee == Decimal(210)
    assert later.balance == at_statement.balance - 500 + 210


# The last statement closed by 2024-06-20 (of 2024-05-07, due 2024-05-27), as days after
# 2024-01-10: a card paying nothing in it, and less than it spent, is in arrears.
_CLOSING = range(118, 139)


@st.composite
def _in_arrears(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Purchases, and payments that leave the card in arrears on 2024-06-20.

    The precondition of ``CardHistory.account()``, drawn rather than filtered: that
    statement owes at least 1.00 (the first purchase is before it and at least 1.00,
    and what is paid before it leaves that much), so its minimum is above zero; nothing
    is paid between it and its due date, so the minimum is missed; and less is paid in
    all than was spent, so principal is owed.
    """
    offsets = draw(purchases)
    day, cents = offsets[0]
    offsets[0] = (min(day, _CLOSING.start - 1), max(cents, 100))
    room = sum(cents for _, cents in offsets) - 1
    before = sum(cents for day, cents in offsets if day < _CLOSING.start) - 100
    days = st.one_of(st.integers(0, _CLOSING.start - 1), st.integers(_CLOSING.stop, 150))
    repaid = []
    for day, cents in draw(st.lists(st.tuples(days, st.integers(1, 300_000)), max_size=4)):
        early = day < _CLOSING.start
        amount = min(cents, room, before) if early else min(cents, room)
        if amount > 0:
            repaid.append((day, amount))
            room -= amount
            before -= amount if early else 0
    return offsets, repaid


@settings(max_examples=40)
@given(_in_arrears(), st.integers(0, 400), st.integers(1, 200))
# A payment after the last statement before the first date: it was left out then.
@example(([(0, 6)], [(150, 1)]), 0, 17)
# The rule's replay put a cent of a payment on a charge the contract put on principal:
# the award still claims no more principal than the card does.
@example(([(46, 6155), (89, 5052)], [(144, 7), (85, 6172), (142, 450)]), 400, 200)
def test_a_card_award_is_the_card_court_view_and_grows_while_nothing_is_paid(
    moved: tuple[list[tuple[int, int]], list[tuple[int, int]]], wait: int, more: int
) -> None:
    offsets, repaid = moved
    moves = [*spend(offsets), *repay(repaid)]
    card = card_of("full_balance")
    as_of = date(2024, 6, 20)
    assert date(2024, 1, 10) + timedelta(days=_CLOSING.start) == date(2024, 5, 7)
    state = lr.cards.card_statements(card, moves, until=as_of).account()
    first = as_of + timedelta(days=wait)
    plans = [
        lr.evaluate(state, baseline=lr.CourtAward(day, lr.law.ChinaFinancialLoans())).baseline
        for day in (first, first + timedelta(days=more))
    ]
    view = lr.cards.card_court_view(card, moves, until=first)
    # the parts, credited with anything paid beyond the ceiling, are the enforceable payoff
    assert plans[0].total_paid == view.enforceable_payoff <= view.payoff
    assert plans[0].total_principal <= view.lines[0].charged  # the principal the card claims
    assert plans[0].total_interest + plans[0].total_fees <= view.charges_allowed
    assert min(plans[0].total_interest, plans[0].total_fees, plans[0].total_principal) >= 0
    assert plans[1].total_paid >= plans[0].total_paid  # the ceiling only grows


def test_principal_beyond_the_limit_is_due_in_full() -> None:
    """最低还款额 = 额度内消费款 10 % + 预借现金 (10 % or 100 %) + 超限部分 100 % + 费用利息."""
    spent = [
        lr.cards.CardTransaction(date(2024, 3, 8), 8000),
        lr.cards.CardTransaction(date(2024, 3, 20), 4000, "cash"),
    ]
    until = date(2024, 4, 7)
    base = {"statement_day": 7, "daily_rate": "0.0005", "credit_limit": 10000}
    plain = lr.cards.card_statements(lr.cards.Card(**base), spent, until=until).statements[0]
    # 18 days of cash interest at 0.05 %: 36.00; 2,000 over the limit, from purchases first
    assert plain.interest == Decimal("36.00")
    assert plain.over_limit == Decimal(2000)
    assert plain.minimum == Decimal("0.1") * (6000 + 4000) + 2000 + Decimal("36.00")
    assert plain.available_credit == Decimal("0.00")
    whole_cash = lr.cards.card_statements(
        lr.cards.Card(**base, cash_minimum_share=1), spent, until=until
    ).statements[0]
    assert whole_cash.minimum == Decimal(600) + 4000 + 2000 + Decimal("36.00")
    unlimited = lr.cards.card_statements(
        lr.cards.Card(statement_day=7, daily_rate="0.0005"), spent, until=until
    ).statements[0]
    assert unlimited.minimum == Decimal(1200) + Decimal("36.00")
    assert (unlimited.over_limit, unlimited.available_credit) == (0, None)
    for bad in (0, -1, "abc"):
        with pytest.raises(lr.LoanReliefError, match=r"^credit_limit="):
            lr.cards.Card(statement_day=7, daily_rate="0.0005", credit_limit=bad)
    with pytest.raises(lr.LoanReliefError, match=r"^cash_minimum_share="):
        lr.cards.Card(statement_day=7, daily_rate="0.0005", cash_minimum_share="1.5")


@given(purchases, st.integers(1, 2_000_000), st.sampled_from(["0.1", "1"]))
def test_a_limit_only_adds_to_the_minimum_and_never_beyond_the_balance(
    offsets: list[tuple[int, int]], limit_cents: int, cash_share: str
) -> None:
    moves = [
        lr.cards.CardTransaction(m.date, m.amount, "cash" if k % 2 else "purchase")
        for k, m in enumerate(spend(offsets))
    ]
    until = date(2024, 8, 1)
    free = lr.cards.card_statements(card_of("full_balance"), moves, until=until)
    limited_card = lr.cards.Card(
        statement_day=7,
        due_days=20,
        daily_rate="0.0005",
        late_fee_share="0.05",
        credit_limit=Decimal(limit_cents) / 100,
        cash_minimum_share=cash_share,
    )
    limited = lr.cards.card_statements(limited_card, moves, until=until)
    first, capped = free.statements[0], limited.statements[0]  # the same so far
    assert capped.balance == first.balance
    assert first.minimum <= capped.minimum <= capped.balance
    assert capped.over_limit == max(
        capped.balance - Decimal(limit_cents) / 100 - capped.interest, 0
    )
    assert capped.available_credit == max(Decimal(limit_cents) / 100 - capped.balance, 0)
    assert all(s.minimum <= max(s.balance, 0) for s in limited.statements)


def test_an_introductory_rate_ends_on_its_last_day() -> None:
    card = lr.cards.Card(
        statement_day=1,
        annual_rate="0.2199",
        intro_annual_rate=0,
        intro_until=date(2024, 12, 31),
        minimum_share="0.01",
        minimum_floor=25,
    )
    moves = [lr.cards.CardTransaction(date(2024, 1, 10), 3000)]
    history = lr.cards.card_statements(card, moves, until=date(2025, 3, 1))
    assert all(s.interest == 0 for s in history.statements[:12])
    # 31 days of January at 21.99 % / 365, then February's 28 days on the compounded balance
    january = Decimal(3000) * Decimal("0.2199") * 31 / 365
    assert history.statements[12].interest == round(january, 2) == Decimal("56.03")
    february = (3000 + Decimal("56.03")) * Decimal("0.2199") * 28 / 365
    assert history.statements[13].interest == round(february, 2)
    # an introductory rate that ends mid-cycle splits the cycle's days
    mid = lr.cards.Card(
        statement_day=1,
        annual_rate="0.2199",
        intro_annual_rate="0.0399",
        intro_until=date(2024, 1, 20),
    )
    second = lr.cards.card_statements(mid, moves, until=date(2024, 3, 1)).statements[1]
    # grace lost (nothing paid by 02-21): 01-10 to 01-20 at 3.99 %, 01-21 to 02-29 at 21.99 %
    split = 3000 * (Decimal("0.0399") * 11 + Decimal("0.2199") * 40) / 365
    assert second.interest == round(split, 2) == Decimal("75.90")
    with pytest.raises(lr.InvalidTermsError, match=r"^intro_until="):
        lr.cards.Card(statement_day=1, annual_rate="0.2", intro_annual_rate=0)
    with pytest.raises(lr.LoanReliefError, match=r"^intro_until="):
        lr.cards.Card(statement_day=1, annual_rate="0.2", intro_annual_rate=0, intro_until="soon")


@given(purchases, st.lists(st.tuples(st.integers(0, 200), st.integers(1, 300_000)), max_size=5),
       st.integers(0, 300), st.sampled_from(["full_balance", "unpaid_part"]))  # fmt: skip
def test_a_lower_introductory_rate_never_costs_more(
    offsets: list[tuple[int, int]], repaid: list[tuple[int, int]], days: int, rule: str
) -> None:
    moves = [*spend(offsets), *repay(repaid)]
    until = date(2024, 12, 1)
    plain = lr.cards.card_statements(card_of(rule), moves, until=until)
    intro = lr.cards.Card(
        statement_day=7,
        due_days=20,
        daily_rate="0.0005",
        interest_rule=rule,
        late_fee_share="0.05",
        intro_annual_rate="0.05",
        intro_until=date(2024, 1, 10) + timedelta(days=days),
    )
    promoted = lr.cards.card_statements(intro, moves, until=until)
    assert promoted.total_interest <= plain.total_interest
    assert promoted.total_fees <= plain.total_fees
    assert promoted.balance <= plain.balance


def test_a_cash_advance_bears_interest_by_the_day_under_either_rule() -> None:
    """Cash is never interest-free: from the day it is taken, on what is owed each day."""
    moves = [
        lr.cards.CardTransaction(date(2024, 3, 10), 1000, "cash"),
        lr.cards.CardTransaction(date(2024, 4, 15), 500, "payment"),
    ]
    # The 500 paid on 04-15 settles the 14.00 of interest first, then 486 of the cash.
    cash_days = 8 * 1000 + 22 * 514  # 04-07 to 04-14 on 1,000; 04-15 to 05-06 on 514
    for rule, interest_days in (("full_balance", 8 * 14), ("unpaid_part", 0)):
        card = lr.cards.Card(statement_day=7, daily_rate="0.0005", interest_rule=rule)
        first, second = lr.cards.card_statements(card, moves, until=date(2024, 5, 7)).statements
        assert first.interest == Decimal("14.00")  # 28 days on 1,000 (03-10 to 04-06)
        # the interest charged bears interest until paid, unless (unpaid part) it was
        # paid by its due date
        expected = Decimal(cash_days + interest_days) * Decimal("0.0005")
        assert second.interest == expected.quantize(Decimal("0.01"))


def test_payments_beyond_the_minimum_go_to_the_highest_rate_first() -> None:
    """12 CFR 1026.53(a): the excess over the minimum to the cash balance at 25 %."""
    moves = [
        lr.cards.CardTransaction(date(2024, 1, 5), 1000),
        lr.cards.CardTransaction(date(2024, 1, 10), 1000, "cash"),
        lr.cards.CardTransaction(date(2024, 2, 20), 600, "payment"),
    ]

    def card(order: str) -> lr.cards.Card:
        return lr.cards.Card(
            statement_day=1, due_days=25, annual_rate="0.15", cash_annual_rate="0.25",
            payment_order=order, minimum_share="0.02", minimum_floor=25,
        )  # fmt: skip

    first = lr.cards.card_statements(card("highest_rate"), moves, until=date(2024, 3, 1))
    oldest = lr.cards.card_statements(card("fees_first"), moves, until=date(2024, 3, 1))
    # the cash advance bears its own rate from its posting: 1,000 x 25 % / 365 x 22 days
    assert first.statements[0].interest == Decimal("15.07")
    # 55.07 (the minimum) pays the interest and then purchases; the other 544.93 goes to
    # the cash balance, which then costs less interest than under the oldest-first order
    assert first.statements[1].interest < oldest.statements[1].interest
    assert first.statements[1].balance < oldest.statements[1].balance


@settings(max_examples=40)
@given(overdue_accounts(), st.sampled_from(["fees", "penalty", "interest"]))
def test_highest_rate_first_on_a_loan_is_component_by_component(
    account: tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None],
    first: str,
) -> None:
    """A card's order (``Across.HIGHEST_RATE``) on a loan: its instalments bear one rate."""
    loan, payments, as_of, policy, rule = account
    order = (first, *(c for c in ("fees", "penalty", "interest") if c != first), "principal")

    def placed(across: str) -> lr.AccountState:
        allocation = lr.Allocation(order, across)
        return lr.account_state(
            loan, payments, as_of=as_of, penalty=policy, rule=rule, allocation=allocation
        )

    by_rate, by_component = placed("highest_rate"), placed("component")
    assert by_rate.ledger == by_component.ledger
    assert by_rate.payoff == by_component.payoff


_SLOTS = st.lists(
    st.tuples(
        st.integers(0, 5),
        st.sampled_from(list(lr.Component)),
        st.fractions(0, 1, max_denominator=100),
    ),
    max_size=8,
)


@given(_SLOTS, st.integers(0, 10_000), st.integers(-100, 10_000))
def test_the_highest_rate_order_pays_the_minimum_lowest_rate_first_and_the_rest_highest(
    slots: list[tuple[int, lr.Component, Fraction]], amount: int, minimum_left: int
) -> None:
    """12 CFR 1026.53(a): the minimum's cheapest principal first, beyond it the dearest.

    With no minimum stated, the order is component by component.
    """
    order = lr.cards.PaymentOrder.HIGHEST_RATE.allocation
    by_component = lr.cards.PaymentOrder.FEES_FIRST.allocation
    assert payment_passes(order, slots, amount) == payment_passes(by_component, slots, amount)
    ((_, plain),) = payment_passes(by_component, slots, amount)
    (first, up_to), (rest, beyond) = payment_passes(order, slots, amount, minimum_left)
    assert (first, rest) == (min(max(minimum_left, 0), amount), amount - first)
    rank = {component: k for k, component in enumerate(order.order)}
    principal = lr.Component.PRINCIPAL

    def keys(placed: list[int], sign: int, top: lr.Component | None) -> list[tuple[object, ...]]:
        rates = [sign * slots[k][2] if slots[k][1] is principal else 0 for k in placed]
        ranks = [-1 if slots[k][1] is top else rank[slots[k][1]] for k in placed]
        return [(r, rate, slots[k][0]) for r, rate, k in zip(ranks, rates, placed, strict=True)]

    for placed, sign, top in ((plain, 0, None), (up_to, 1, None), (beyond, -1, principal)):
        assert sorted(placed) == list(range(len(slots)))  # each slot once
        assert keys(placed, sign, top) == sorted(keys(placed, sign, top))
    if len({rate for _, _, rate in slots}) <= 1 and minimum_left >= amount:
        assert up_to == plain  # one rate, nothing beyond the minimum: by component


def test_a_card_pays_by_its_allocation() -> None:
    """Each payment order is an allocation: fees, interest, principal, by age or by rate."""
    fees_first = lr.cards.PaymentOrder.FEES_FIRST.allocation
    highest = lr.cards.PaymentOrder.HIGHEST_RATE.allocation
    assert fees_first.order == highest.order
    assert [c.value for c in fees_first.order] == [
        "costs", "fees", "interest", "penalty", "principal"
    ]  # fmt: skip
    assert (fees_first.across, highest.across) == (lr.Across.COMPONENT, lr.Across.HIGHEST_RATE)


@given(
    st.decimals("0", "1", places=3),
    st.integers(0, 5000),
    st.none() | st.integers(0, 10000),
    st.integers(-100, 10**8),
)
def test_the_late_fee_is_a_share_of_the_unpaid_minimum_within_floor_and_cap(
    share: Decimal, floor: int, above: int | None, unpaid: int
) -> None:
    """``share x unpaid`` rounded half-even, at least the floor, at most the cap; 0 if paid."""
    cap = None if above is None else floor + above
    card = lr.cards.Card(
        statement_day=1, daily_rate="0.0005", late_fee_share=share,
        late_fee_min=lr.minor.to_major(floor, 2),
        late_fee_max=None if cap is None else lr.minor.to_major(cap, 2),
    )  # fmt: skip
    fee = int((share * unpaid).quantize(Decimal(1), rounding="ROUND_HALF_EVEN"))
    fee = max(fee, floor) if cap is None else min(max(fee, floor), cap)
    assert card.late_fee(unpaid) == (fee if unpaid > 0 else 0)


def test_a_carried_balance_costs_interest_on_new_purchases_on_us_cards() -> None:
    """Statement 1 not in full: the next cycle's purchases bear interest from posting.

    Even though their own statement is paid in full (the grace returns after).
    """
    moves = [
        lr.cards.CardTransaction(date(2024, 1, 5), 1000),
        lr.cards.CardTransaction(date(2024, 2, 20), 500, "payment"),  # statement 1 not in full
        lr.cards.CardTransaction(date(2024, 2, 10), 300),  # a purchase in cycle 2
    ]

    def card(us: bool) -> lr.cards.Card:
        return lr.cards.Card(
            statement_day=1, due_days=25, annual_rate="0.2", grace_needs_previous=us
        )

    rate = Decimal("0.2") / 365
    second = {
        us: lr.cards.card_statements(card(us), moves, until=date(2024, 3, 1)).statements[1]
        for us in (False, True)
    }
    # the US card charges the 300 from 02-10 on statement 2 already (20 days)
    assert abs(second[True].interest - second[False].interest - 300 * rate * 20) < Decimal("0.01")
    third = {}
    for us in (False, True):
        paid = [
            *moves,
            lr.cards.CardTransaction(second[us].due_date, second[us].balance, "payment"),
        ]
        third[us] = lr.cards.card_statements(card(us), paid, until=date(2024, 5, 2)).statements[2]
    # both charge statement 1's balance to the day it was repaid (03-26); the US card also
    # the 300 to that day (25 days) and statement 2's interest, its grace lost too
    extra = (300 * 25 + second[True].interest * 25) * rate
    assert abs(third[True].interest - third[False].interest - extra) <= Decimal("0.01")
