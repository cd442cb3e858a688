"""What the law allows on the forms borrowers hold: bullets, the 2015 band, bank loans, IOUs.

Each figure is computed here independently (simple interest by hand, in exact
fractions) from the article that decides it, and compared with the court view.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._cli.cli import main
from tests.strategies import legal_rules
from tests.test_law import howto_loan

LATE = ("default_interest", "penalty", "compound", "late_fee")


def cents(value: Fraction) -> Decimal:
    """An exact amount rounded to the cent, half to even."""
    return Decimal(value.numerator) / Decimal(value.denominator)


# -- 1. bullet loans: the ceiling accrues over the whole time the principal is in use ----


@pytest.mark.parametrize(
    ("rule", "months", "expected"),
    [
        # 4 x the one-year LPR of 2024-01-01 (3.45 %, fixed 2023-08-21): 13.8 % a year
        (lr.law.ChinaPrivateLending(), 12, Decimal("1380.00")),
        (lr.law.AnnualRateCap(annual_rate="0.24"), 12, Decimal("2400.00")),
        (lr.law.AnnualRateCap(annual_rate="0.24"), 24, Decimal("4800.00")),
    ],
)
def test_a_bullet_iou_is_allowed_interest_for_its_whole_term(
    rule: lr.law.Rule, months: int, expected: Decimal
) -> None:
    """10,000 at 30 % repaid in one sum (到期一次还本付息): the ceiling runs all the term."""
    loan = lr.Loan(10000, "0.30", months, start=date(2024, 1, 1), method="bullet")
    maturity = lr.amortize(loan).due_dates[-1].item()
    view = lr.court_view(loan, as_of=maturity, rule=rule)
    rate = lr.law.contract_rate_ceiling(rule, loan, loan.start)
    assert rate is not None
    assert (
        view.allowed.allowed["contract_interest"] == expected == cents(10000 * rate * months / 12)
    )
    assert view.claimed.charged["contract_interest"] == Decimal(3000 * months // 12)


def test_a_bullet_past_maturity_under_an_all_in_cap() -> None:
    """Under an all-in cap the overdue months add to the ceiling too (actual/365 past due)."""
    loan = lr.Loan(10000, "0.30", 12, start=date(2024, 1, 1), method="bullet")
    later = lr.court_view(
        loan, as_of=date(2025, 3, 1), rule=lr.law.AnnualRateCap(annual_rate="0.24")
    )
    # the 12 months of the term (one year), then 59 days overdue: 2,400 + 387.95
    by_hand = 10000 * Fraction(24, 100) * (1 + Fraction(59, 365))
    assert later.allowed.allowed["contract_interest"] == cents(by_hand).quantize(Decimal("0.01"))


def test_the_row_rate_of_a_bullet_is_its_whole_term() -> None:
    """row_rates: a bullet's one row carries every period's rate; other rows one each."""
    bullet = lr.Loan(10000, "0.12", 24, start=date(2024, 1, 1), method="bullet")
    assert lr._loans.amortization.row_rates(bullet, lr.amortize(bullet).due_dates) == [
        Fraction(6, 25)
    ]
    annuity = bullet.replace(method="annuity")
    dates = lr.amortize(annuity).due_dates
    assert lr._loans.amortization.row_rates(annuity, dates) == lr.tvm.period_rates(annuity, dates)


# -- 2. the 2015 band: paid interest covers its own period only --------------------------


def test_interest_paid_in_the_band_takes_nothing_from_later_months() -> None:
    """100,000 interest-only at 36 % from 2019-01-01, six months paid, seen at maturity.

    The 36 % paid on months 1-6 is kept (2015 provisions arts. 26 and 31); months 7-12
    are enforceable at 24 %: 6 x 2,000. The court allows 100,000 + 12,000.
    """
    loan = lr.Loan(100000, "0.36", 12, start=date(2019, 1, 1), method="interest_only")
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in schedule[:6]]
    rule = lr.law.ChinaPrivateLending(filed=date(2020, 3, 1))
    view = lr.court_view(loan, paid, as_of=date(2020, 1, 1), rule=rule)
    assert view.enforceable_payoff == Decimal("112000.00")
    assert view.allowed.charges_paid["contract_interest"] == Decimal("18000.00")
    assert view.paid_on_excess == 0


def test_band_interest_paid_beyond_36_percent_is_still_credited() -> None:
    """Paid at 48 %: only up to 36 % is kept; the rest repays principal (art. 26 para. 2)."""
    loan = lr.Loan(100000, "0.48", 12, start=date(2019, 1, 1), method="interest_only")
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in schedule[:6]]
    view = lr.court_view(loan, paid, as_of=schedule[5].due_date, rule=lr.law.ChinaPrivateLending())
    # Each month 4,000 paid: 36 % a year of the principal in use that month kept (3 % a
    # month), the rest credited to principal, which lowers the next month's 36 %.
    balance, kept = Decimal(100000), Decimal(0)
    for _ in range(6):
        interest = (balance * Decimal("0.03")).quantize(Decimal("0.01"))
        kept += interest
        balance -= Decimal(4000) - interest
    assert view.allowed.charges_paid["contract_interest"] == kept == Decimal("17531.59")
    assert view.paid_on_excess == Decimal(24000) - kept
    assert view.enforceable_payoff == balance


# -- 3. financial loans: 24 % on the overdue principal from each due date ----------------


def test_financial_loan_charges_for_lateness_are_measured_from_each_due_date() -> None:
    """法发〔2017〕22号 item 2 as judgments apply it: 24 % x overdue principal x days / 365."""
    loan, paid, contract, as_of = howto_loan()
    view = lr.court_view(
        loan, paid, as_of=as_of, penalty=contract, rule=lr.law.ChinaFinancialLoans()
    )
    by_hand = sum(
        (
            Fraction(str(row.principal))
            * Fraction(24, 100)
            * Fraction((as_of - row.due_date).days, 365)
            for row in lr.amortize(loan)[3:]
            if row.due_date < as_of
        ),
        Fraction(0),
    )
    late = sum(view.allowed.allowed[k] for k in LATE)
    assert late == Decimal("1185.87")
    assert abs(late - cents(by_hand)) <= Decimal("0.01")
    # the term's interest, 9.6 %, is within 24 %: all of it allowed
    assert view.allowed.allowed["contract_interest"] == view.claimed.charged["contract_interest"]
    assert "法发〔2017〕22号" in view.lines[-2].source


def test_financial_loans_together_is_a_named_option() -> None:
    """measure="together": every charge on the principal outstanding from the start."""
    loan, paid, contract, as_of = howto_loan()
    together = lr.law.ChinaFinancialLoans(measure="together")
    view = lr.court_view(loan, paid, as_of=as_of, penalty=contract, rule=together)
    assert sum(view.allowed.allowed[k] for k in LATE) == Decimal("2768.65")
    assert len(together.limits(loan, as_of)) == 1
    with pytest.raises(lr.InvalidValueError, match="measure"):
        lr.law.ChinaFinancialLoans(measure="sometimes")


def test_the_cli_names_the_financial_measure() -> None:
    """--rule china-financial:together picks the other measure; a wrong one names --rule."""
    args = ["court", "--principal", "20000", "--rate", "0.096", "--term", "12",
            "--start", "2024-03-10", "--paid", "3", "--as-of", "2025-03-10",
            "--penalty-rate", "0.36", "--compound", "--json"]  # fmt: skip
    assert main([*args, "--rule", "china-financial:together"]) == 0
    assert main([*args, "--rule", "china-financial:sometimes"]) == 2


# -- 4. a rule never raises a charge above the contract's claim -------------------------


def test_a_rule_never_allows_more_compound_than_claimed() -> None:
    """Re-applied payments left more interest unpaid and 5.70 of compound for 5.69 claimed."""
    loan = lr.Loan(10000, "0.06", 1, start=date(2021, 1, 1), upfront_fee=500)
    paid = [
        lr.Payment(date(2021, 1, 1), Decimal("0.01")),
        lr.Payment(date(2021, 2, 1), Decimal("0.01")),
    ]
    policy = lr.PenaltyPolicy(annual_rate="0.18", compound=True)
    view = lr.court_view(
        loan,
        paid,
        as_of=date(2021, 9, 20),
        penalty=policy,
        rule=lr.law.AnnualRateCap(annual_rate="0.24"),
    )
    assert view.claimed.charged["compound"] == Decimal("5.69")
    assert view.allowed.allowed["compound"] <= Decimal("5.69")
    assert all(line.excess >= 0 for line in view.lines)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_each_allowed_charge_is_at_most_the_charge_claimed(data: st.DataObject) -> None:
    """For every account and rule: allowed <= claimed, line by line and for the payoff.

    Accounts with fees (upfront, withheld or not, and per instalment), partial payments
    at any date and every method the rules take.
    """
    start = date(2021, 1, 1) + timedelta(days=data.draw(st.integers(0, 1200)))
    upfront = data.draw(st.sampled_from([0, 100, 500]))
    loan = lr.Loan(
        10000,
        data.draw(st.sampled_from(["0.06", "0.12", "0.24", "0.36"])),
        data.draw(st.integers(1, 24)),
        start=start,
        method=data.draw(
            st.sampled_from(["annuity", "equal_principal", "flat", "interest_only", "bullet"])
        ),
        instalment_fee=data.draw(st.sampled_from([0, 5, 200])),
        upfront_fee=upfront,
        fee_deducted=bool(upfront) and data.draw(st.booleans()),
    )
    as_of = start + timedelta(days=data.draw(st.integers(0, 900)))
    days = data.draw(st.lists(st.integers(0, (as_of - start).days), max_size=5))
    payments = [
        lr.Payment(start + timedelta(days=d), Decimal(data.draw(st.integers(1, 300000))) / 100)
        for d in sorted(days)
    ]
    policy = lr.PenaltyPolicy(
        annual_rate=data.draw(st.sampled_from(["0", "0.18", "0.36"])),
        late_fee=data.draw(st.sampled_from([0, 30])),
        compound=data.draw(st.booleans()),
        interest_continues=data.draw(st.booleans()),
    )
    rule = data.draw(legal_rules(loan, as_of))
    view = lr.court_view(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    for kind, value in view.allowed.allowed.items():
        assert value <= view.claimed.charged[kind], kind
    assert view.enforceable_payoff <= view.payoff
    assert all(line.excess >= 0 for line in view.lines)


# -- 5. interest withheld in advance is not a payment -------------------------------------


def test_withheld_interest_is_not_counted_as_paid_on_charges() -> None:
    """10,000 flat at 18 %, 1,000 withheld, four instalments paid, seen 2025-06-01.

    Under the rule the principal is the 9,000 received (art. 26); of the 3,933.33 paid,
    the contract put 600.00 on interest and the rule 316.42: 283.58 is credited.
    """
    loan = lr.Loan(10000, "0.18", 12, start=date(2025, 1, 1), method="flat",
                   upfront_fee=1000, fee_deducted=True)  # fmt: skip
    paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[:4]]
    view = lr.court_view(loan, paid, as_of=date(2025, 6, 1), rule=lr.law.ChinaPrivateLending())
    on_interest = view.allowed.charges_paid["contract_interest"]
    assert view.claimed.charges_paid["contract_interest"] == Decimal("600.00")
    assert view.paid_on_excess == Decimal("600.00") - on_interest == Decimal("283.58")
    text = view.explain()
    assert "under the rule 316.42" in text
    assert "credited to the principal: 283.58" in text
    assert "-" not in text.split("Payments", 1)[1].split("\n", 1)[0]


# -- rollovers: art. 27 ---------------------------------------------------------------------


def test_rolled_interest_is_principal_only_up_to_the_earlier_ceiling() -> None:
    """100,000 at 36 % for a year, then an IOU of 136,000: 115,400 is principal (art. 27)."""
    chain = [
        lr.law.IOU(date(2021, 1, 1), 100000, "0.36"),
        lr.law.IOU(date(2022, 1, 1), 136000, "0.36"),
    ]
    view = lr.law.rollover_view(chain, as_of=date(2022, 6, 1))
    ceiling_2021 = 4 * Fraction("0.0385")  # LPR fixed 2020-04-20, in force 2021-01-01
    rolled = 100000 * ceiling_2021 * Fraction(365, 365)
    assert view.lines[1].rolled_recognised == cents(rolled) == Decimal("15400.00")
    assert view.lines[1].principal == Decimal("115400.00")
    # the last IOU's interest at 4 x 3.80 % (fixed 2021-12-20) on 115,400 for 151 days
    later = 115400 * 4 * Fraction("0.038") * Fraction(151, 365)
    assert view.interest_allowed == cents(later).quantize(Decimal("0.01"))
    # para. 2: at most 100,000 with 15.4 % for the whole 516 days
    bound = 100000 + 100000 * ceiling_2021 * Fraction(516, 365)
    assert view.bound == cents(bound).quantize(Decimal("0.01"))
    assert view.enforceable == min(view.bound, view.lines[1].principal + view.interest_allowed)
    assert "第二十七条" in view.explain("zh")


def test_a_rollover_within_the_ceiling_keeps_the_written_amount() -> None:
    """At 12 % (below 15.4 %) the rolled interest is principal as written."""
    chain = [
        lr.law.IOU(date(2021, 1, 1), 100000, "0.12"),
        lr.law.IOU(date(2022, 1, 1), 112000, "0.12"),
    ]
    view = lr.law.rollover_view(chain, as_of=date(2022, 1, 1))
    assert view.lines[1].principal == Decimal("112000.00")
    assert view.enforceable == view.claimed == Decimal("112000.00")


def test_a_rollover_before_the_reform_uses_24_percent() -> None:
    """A chain of 2018: 2015 provisions art. 28, 24 % a year."""
    chain = [
        lr.law.IOU(date(2018, 1, 1), 100000, "0.36"),
        lr.law.IOU(date(2019, 1, 1), 136000, "0.36"),
    ]
    view = lr.law.rollover_view(chain, as_of=date(2019, 1, 1))
    assert view.lines[1].principal == Decimal("124000.00")
    assert "(2015) art. 28" in view.source


def test_a_rollover_chain_is_checked() -> None:
    """Dates out of order, no IOUs, new money beyond the amount: each refused by name."""
    with pytest.raises(lr.InvalidTermsError, match=r"ious\[1\]\.made"):
        lr.law.rollover_view(
            [lr.law.IOU(date(2022, 1, 1), 1, "0.1"), lr.law.IOU(date(2021, 1, 1), 1, "0.1")],
            as_of=date(2023, 1, 1),
        )
    with pytest.raises(lr.InvalidValueError, match="ious"):
        lr.law.rollover_view([], as_of=date(2023, 1, 1))
    with pytest.raises(lr.InvalidTermsError, match="new_money"):
        lr.law.IOU(date(2022, 1, 1), 100, "0.1", new_money=200)
    with pytest.raises(lr.InvalidTermsError, match="as_of"):
        lr.law.rollover_view([lr.law.IOU(date(2022, 1, 1), 1, "0.1")], as_of=date(2021, 1, 1))


def test_the_rollover_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`loanrelief rollover` prints the chain; a bad --iou is named."""
    args = ["rollover", "--iou", "2021-01-01:100000:0.36", "--iou", "2022-01-01:136000:0.36",
            "--as-of", "2022-06-01"]  # fmt: skip
    assert main(args) == 0
    assert "principal recognised 115400.00" in capsys.readouterr().out
    assert main([*args, "--lang", "zh"]) == 0
    assert "认定本金115400.00元" in capsys.readouterr().out
    assert main(["rollover", "--iou", "2021-01-01:100000", "--as-of", "2022-06-01"]) == 2
    assert "--iou" in capsys.readouterr().err


def test_a_rollover_judged_before_2015_uses_the_benchmark_of_its_band() -> None:
    """A chain of 2013 judged in 2014: 1991 opinions arts. 6-7, 4 x the one-year 6.00 %."""
    chain = [
        lr.law.IOU(date(2013, 1, 1), 100000, "0.36"),
        lr.law.IOU(date(2014, 1, 1), 136000, "0.36"),
    ]
    view = lr.law.rollover_view(chain, as_of=date(2014, 1, 1))
    benchmark = lr.law.BenchmarkTable.published()
    one_year = benchmark.rate(date(2013, 1, 1), "up_to_1_year")
    assert one_year == Fraction(6, 100)
    assert view.lines[1].principal == Decimal(100000 + 100000 * 4 * 6 // 100)
    assert "(1991) art. 7" in view.source
    short = [lr.law.IOU(date(2013, 1, 1), 100000, "0.36", term_months=6), chain[1]]
    shorter = lr.law.rollover_view(short, as_of=date(2014, 1, 1)).lines[1].principal
    assert shorter == 100000 + 100000 * 4 * benchmark.rate(date(2013, 1, 1), "up_to_6_months")


# -- the court view from a lender's statement ----------------------------------------------


def _statement_case(
    rate: str, paid: int, days: int, policy: lr.PenaltyPolicy
) -> tuple[lr.Loan, list[lr.Payment], date, lr.Statement]:
    loan = lr.Loan(10000, rate, 12, start=date(2024, 1, 15))
    schedule = lr.amortize(loan)
    payments = [lr.Payment(row.due_date, row.payment) for row in schedule[:paid]]
    as_of = schedule[paid].due_date + timedelta(days=days)
    statement = lr.account_state(loan, payments, as_of=as_of, penalty=policy).to_statement()
    return loan, payments, as_of, statement


@settings(max_examples=25, deadline=None)
@given(
    rate=st.sampled_from(["0.06", "0.12"]),
    paid=st.integers(0, 8),
    days=st.integers(1, 200),
    penalty=st.sampled_from(["0.18", "0.36", "0.54"]),
    compound=st.booleans(),
    rule=st.sampled_from(
        [
            lr.law.ChinaPrivateLending(),
            lr.law.ChinaFinancialLoans(),
            lr.law.AnnualRateCap(annual_rate="0.24"),
        ]
    ),
)
def test_a_statement_of_a_known_history_gets_the_history_s_court_view(
    rate: str, paid: int, days: int, penalty: str, compound: bool, rule: lr.law.Rule
) -> None:
    """The statement a history produces, with its origin, is allowed what the history is.

    Independent: the court view replays the whole history with its payments; the
    statement's view rebuilds it from the origin and the days past due. Each limit is
    rounded once here and slot by slot there: a few cents apart at most. (At contract
    rates within every ceiling, so that no payment is set against principal: the
    statement's penalty, whose rate it does not show, is then what the history charges.)
    """
    policy = lr.PenaltyPolicy(annual_rate=penalty, compound=compound)
    loan, payments, as_of, statement = _statement_case(rate, paid, days, policy)
    origin = lr.Origin(made=loan.start, received=10000, annual_rate=rate, term=12)
    view = lr.statement_court_view(statement, origin, rule=rule)
    full = lr.court_view(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    assert view.paid_instalments == paid
    assert view.payoff == full.payoff
    assert abs(view.enforceable_payoff - full.enforceable_payoff) <= Decimal("0.05")
    assert view.enforceable_payoff <= view.payoff
    assert all(line.excess >= 0 for line in view.lines)


@settings(max_examples=25, deadline=None)
@given(
    rate=st.sampled_from(["0.24", "0.36", "0.48"]),
    paid=st.integers(0, 8),
    days=st.integers(1, 200),
    penalty=st.sampled_from(["0.18", "0.54"]),
    rule=st.sampled_from(
        [
            lr.law.ChinaPrivateLending(),
            lr.law.ChinaFinancialLoans(),
            lr.law.AnnualRateCap(annual_rate="0.24"),
        ]
    ),
)
def test_a_statement_is_allowed_at_least_the_history_and_at_most_its_claim(
    rate: str, paid: int, days: int, penalty: str, rule: lr.law.Rule
) -> None:
    """A statement is allowed at least what its history is, and never more than it claims.

    Above the ceiling, payments were set against principal in the history, whose penalty
    is then charged on less principal; the statement's view keeps the penalty as stated
    (said in its assumptions), within the ceilings.
    """
    policy = lr.PenaltyPolicy(annual_rate=penalty)
    loan, payments, as_of, statement = _statement_case(rate, paid, days, policy)
    origin = lr.Origin(made=loan.start, received=10000, annual_rate=rate, term=12)
    view = lr.statement_court_view(statement, origin, rule=rule)
    full = lr.court_view(loan, payments, as_of=as_of, penalty=policy, rule=rule)
    assert full.enforceable_payoff - Decimal("0.05") <= view.enforceable_payoff <= view.payoff
    assert view.lines[0].allowed == full.allowed.outstanding_principal
    if view.lines[0].allowed < statement.outstanding_principal:
        assert any("not recomputed" in en for en, _ in view.assumptions)


def test_a_statement_with_withheld_interest_recognises_the_amount_received() -> None:
    """10,000 written, 9,000 received: the principal is held to what the history gives."""
    statement = lr.Statement(
        as_of=date(2024, 9, 20), outstanding_principal="7052.13", overdue_principal="3317.85",
        overdue_interest="700.63", penalty="300", fees="600", days_past_due=97,
        annual_rate="0.36", next_due_date=date(2024, 10, 15), remaining_instalments=4,
    )  # fmt: skip
    origin = lr.Origin(made=date(2024, 1, 15), received=9000, written=10000,
                       annual_rate="0.36", term=12)  # fmt: skip
    view = lr.statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
    plain = lr.statement_court_view(
        statement,
        lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12),
        rule=lr.law.ChinaPrivateLending(),
    )
    assert view.lines[0].allowed < plain.lines[0].allowed < Decimal("7052.13")
    assert "1000.00 was withheld in advance" in view.explain()
    assert "预先扣除" in view.explain("zh")
    for text in (view.explain(), view.explain("zh")):  # every assumption is stated
        for en, zh in view.assumptions:
            assert en in text or zh in text


def test_a_statement_court_view_refuses_what_does_not_fit() -> None:
    """An origin after the statement, more paid than fell due: refused by name."""
    _, _, _, statement = _statement_case("0.24", 3, 30, lr.PenaltyPolicy(annual_rate="0.36"))
    rule = lr.law.ChinaPrivateLending()
    late = lr.Origin(made=date(2030, 1, 1), received=10000, annual_rate="0.24", term=12)
    with pytest.raises(lr.InvalidTermsError, match="made"):
        lr.statement_court_view(statement, late, rule=rule)
    many = lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.24", term=12,
                     paid_instalments=12)  # fmt: skip
    with pytest.raises(lr.InvalidTermsError, match="paid_instalments"):
        lr.statement_court_view(statement, many, rule=rule)
    with pytest.raises(lr.InvalidTermsError, match="written"):
        lr.Origin(made=date(2024, 1, 15), received=10000, written=9000, annual_rate="0.2", term=3)


def test_the_court_statement_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`loanrelief court-statement` reads one statement and prints every assumption."""
    path = tmp_path / "statement.json"
    path.write_text(
        '[{"as_of": "2024-09-20", "outstanding_principal": "7052.13", '
        '"overdue_principal": "3317.85", "overdue_interest": "700.63", "penalty": "300", '
        '"fees": "600", "days_past_due": 97, "annual_rate": "0.36", '
        '"next_due_date": "2024-10-15", "remaining_instalments": 4}]',
        encoding="utf-8",
    )
    args = ["court-statement", "--statement", str(path), "--made", "2024-01-15",
            "--received", "10000", "--contract-rate", "0.36", "--term", "12",
            "--rule", "china-private"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Assumed: 1." in out
    assert "payoff: claimed 8671.43, allowed 6685.86" in out
    assert main([*args, "--lang", "zh"]) == 0
    assert "假设：" in capsys.readouterr().out
    assert main([*args[:-2], "--rule", "china-private", "--term", "0"]) == 2
    assert "--term" in capsys.readouterr().err


def test_interest_paid_in_cash_along_a_chain_is_not_rolled_in() -> None:
    """Cash paid on an IOU settles its interest first; beyond the ceiling it repays principal."""
    paid_some = [lr.law.IOU(date(2021, 1, 1), 100000, "0.36", interest_paid=5000),
                 lr.law.IOU(date(2022, 1, 1), 136000, "0.36")]  # fmt: skip
    view = lr.law.rollover_view(paid_some, as_of=date(2022, 1, 1))
    assert view.lines[1].principal == Decimal("110400.00")  # 100,000 + 15,400 - 5,000
    paid_more = [lr.law.IOU(date(2021, 1, 1), 100000, "0.36", interest_paid=20000),
                 lr.law.IOU(date(2022, 1, 1), 136000, "0.36")]  # fmt: skip
    view = lr.law.rollover_view(paid_more, as_of=date(2022, 1, 1))
    assert view.lines[1].principal == Decimal("95400.00")  # 4,600 beyond 15.4 % repays
    assert view.bound == Decimal("95400.00")  # 115,400 less the 20,000 paid


def test_options_on_a_loan_at_maturity_under_a_rule_all_show() -> None:
    """An extension of a loan all of whose principal is due has no instalments, no fees.

    It used to charge the contract's 200 on each of 12 empty rows after paying everything
    on the day, an APR of 1.6e167 that the comparison's text could not show.
    """
    loan = lr.Loan(20000, "0.096", 12, start=date(2024, 3, 10), instalment_fee=200)
    paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[:3]]
    state = lr.account_state(
        loan, paid, as_of=date(2025, 3, 10), penalty=lr.PenaltyPolicy(annual_rate="0.36"),
        rule=lr.law.ChinaPrivateLending(),
    )  # fmt: skip
    extended = lr.evaluate(state, lr.ExtendTerm(12))
    assert extended.total_paid == state.payoff
    assert extended.total_fees == state.fees
    text = lr.compare(state, lr.brief_options()).to_text()
    assert "extend 12 periods" in text
