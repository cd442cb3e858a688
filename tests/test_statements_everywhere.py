"""A loan or a card started from the lender's statement, at every entry point (issue 31).

A card from its statement (``card_from_statement``) against the replay of a history that
makes the same statement and against hand computations; ``Debt`` from a statement or a
card; the command line's ``--statement FILE`` on ``overdue``, ``compare``, ``court``,
``brief`` and ``card``; card rows in ``plan``'s debts file.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._cli.cli import main

CN = lr.cards.Card(statement_day=7, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
REFERENCE = Path(__file__).parent / "reference"
LOAN_STATEMENT = {
    "as_of": "2024-06-20",
    "outstanding_principal": "8432.10",
    "overdue_principal": "1810",
    "overdue_interest": "300",
    "days_past_due": "97",
    "annual_rate": "0.24",
    "next_due_date": "2024-07-15",
    "remaining_instalments": "8",
}
CARD_STATEMENT = {
    "statement_date": "2024-05-07",
    "balance": "18588",
    "minimum": "2388",
    "due_date": "2024-05-27",
    "interest": "588",
    "carried": "18000",
}


def _write(path: Path, record: dict[str, str]) -> str:
    """Write one record as a CSV (a header and a row) or a JSON object, by the suffix."""
    if path.suffix == ".json":
        path.write_text(json.dumps(record), encoding="utf-8")
    else:
        path.write_text(",".join(record) + "\n" + ",".join(record.values()) + "\n", "utf-8")
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _statement(state: lr.cards.CardStatement) -> tuple[object, ...]:
    """What a statement states of itself (its previous balance, charges and payments aside)."""
    return (state.date, state.due_date, state.balance, state.minimum, state.interest)


# The card from its statement -------------------------------------------------------------


@st.composite
def _histories(
    draw: st.DrawFn,
) -> tuple[list[lr.cards.CardTransaction], list[lr.cards.CardTransaction]]:
    """A first cycle of purchases and cash, a first statement not paid in full, then more.

    What comes before the second statement (2024-05-07) makes it: a purchase and perhaps
    a cash advance in the first cycle, less than the first statement paid by its due
    date (so the purchases lose their grace: the second statement carries them). The
    moves after it are the same for the history and for the card started from it.
    """
    purchase = draw(st.integers(100_00, 50_000_00))
    cash = draw(st.integers(0, 5_000_00))
    first_day = date(2024, 3, 8)
    before = [
        lr.cards.CardTransaction(first_day + timedelta(draw(st.integers(0, 29))), purchase / 100)
    ]
    if cash:
        day = first_day + timedelta(draw(st.integers(0, 29)))
        before.append(lr.cards.CardTransaction(day, cash / 100, "cash"))
    paid = draw(st.integers(0, purchase + cash - 1))
    if paid:
        day = date(2024, 4, 8) + timedelta(draw(st.integers(0, 19)))  # by the due date
        before.append(lr.cards.CardTransaction(day, paid / 100, "payment"))
    later = st.tuples(st.integers(0, 150), st.integers(1, 3_000_00), st.booleans())
    after = [
        lr.cards.CardTransaction(
            date(2024, 5, 8) + timedelta(offset), amount / 100, "payment" if pays else "purchase"
        )
        for offset, amount, pays in draw(st.lists(later, max_size=6))
    ]
    return before, after


def _cash_left(before: list[lr.cards.CardTransaction], paid: Decimal) -> Decimal:
    """Return the cash advances owed once ``paid`` repaid principal, oldest first."""
    owed = Decimal(0)
    for move in sorted((m for m in before if m.kind != "payment"), key=lambda m: m.date):
        share = min(paid, move.amount)
        paid -= share
        owed += move.amount - share if move.kind == "cash" else 0
    return owed


UNPAID_PART = lr.cards.Card(
    statement_day=7,
    daily_rate="0.0005",
    interest_rule="unpaid_part",
    minimum_floor=50,
    late_fee_share="0.05",
    late_fee_min=10,
)


US = lr.cards.Card(
    statement_day=7,
    annual_rate="0.2199",
    periodic_rate="apr/12",
    statement_date_counted=True,
    minimum_share="0.01",
    minimum_floor=25,
    late_fee_min=25,
    late_fee_share="0.05",
    late_fee_max=40,
)


@given(_histories(), st.sampled_from([CN, UNPAID_PART, US]))
def test_a_card_from_its_statement_makes_the_replayed_historys_next_statements(
    moves: tuple[list[lr.cards.CardTransaction], list[lr.cards.CardTransaction]],
    card: lr.cards.Card,
) -> None:
    """The card started from a replayed statement makes the next statements to the cent."""
    before, after = moves
    until = date(2024, 10, 10)
    history = lr.cards.card_statements(card, before + after, until=until)
    first, second = history.statements[:2]
    fees = lr.cards.card_statements(card, before, until=second.date).total_fees  # the late fee
    # The payments (by the first due date, before its late fee) settle the first
    # statement's interest (a cash advance's), then principal, oldest first.
    paid = sum((m.amount for m in before if m.kind == "payment"), Decimal(0))
    earlier = max(first.interest - paid, Decimal(0))
    cash = _cash_left(before, paid - min(paid, first.interest))
    held = lr.cards.card_from_statement(
        card,
        statement_date=second.date,
        balance=second.balance,
        minimum=second.minimum,
        due_date=second.due_date,
        interest=second.interest,
        fees=fees,
        cash=cash,
        carried=second.balance - second.interest - earlier - fees - cash,
        carried_interest=earlier,
        past_due=max(first.minimum - (first.paid_by_due or 0), Decimal(0)),
        transactions=after,
        until=until,
    )
    assert _statement(held.statements[0]) == _statement(second)
    renumbered = [dataclasses.replace(s, number=s.number + 1) for s in held.statements[1:]]
    assert renumbered == list(history.statements[2:])
    assert (held.balance, held.credit) == (history.balance, history.credit)
    assert held.total_interest == history.total_interest - first.interest + earlier
    assert held.total_fees == history.total_fees


def test_a_card_statement_worked_by_hand() -> None:
    """5,000 owed (3,000 of the cycle's purchases, 2,000 cash) at 0.05 % a day, by hand.

    Paid in full on 06-20, the purchases keep their grace and only the cash bears
    interest: 2,000 x 13 days x 0.0005 = 13.00. Paid at the minimum (10 % of 5,000 =
    500) on the due date, the purchases lose it: the payment repays purchases first, so
    3,000 x 20 days + 2,500 x 10 days, and the cash 2,000 x 30 days, at 0.0005: 42.50 +
    30.00 = 72.50; the next minimum is 10 % of 2,500 and of 2,000 plus 72.50 = 522.50.
    """
    start = {"statement_date": date(2024, 6, 7), "balance": 5000, "cash": 2000}
    in_full = lr.cards.card_from_statement(
        CN, **start, minimum=500, due_date=date(2024, 6, 27), until=date(2024, 7, 7),
        transactions=[lr.cards.CardTransaction(date(2024, 6, 20), 5000, "payment")],
    )  # fmt: skip
    assert _statement(in_full.statements[1]) == (
        date(2024, 7, 7), date(2024, 7, 27), Decimal("13.00"), Decimal("13.00"), Decimal("13.00")
    )  # fmt: skip
    at_minimum = lr.cards.card_from_statement(
        CN, **start, until=date(2024, 7, 7),
        transactions=[lr.cards.CardTransaction(date(2024, 6, 27), 500, "payment")],
    )  # fmt: skip
    later = at_minimum.statements[1]
    assert (later.interest, later.balance, later.minimum, later.late_fee) == (
        Decimal("72.50"), Decimal("4572.50"), Decimal("522.50"), Decimal("0.00")
    )  # fmt: skip
    assert at_minimum.statements[0].paid_in_full is False


def test_the_statement_figures_must_fit_the_cards_terms() -> None:
    """A minimum, due date or statement date other than the terms give is refused, by name."""
    start = {"statement_date": date(2024, 6, 7), "balance": 5000, "cash": 2000}
    with pytest.raises(lr.InvalidValueError, match=r"minimum=.*500\.00.*499\.99"):
        lr.cards.card_from_statement(CN, **start, minimum="499.99")
    with pytest.raises(lr.InvalidValueError, match=r"due_date=.*2024-06-27.*2024-06-25"):
        lr.cards.card_from_statement(CN, **start, due_date=date(2024, 6, 25))
    with pytest.raises(lr.InvalidValueError, match=r"statement_date=.*day 7"):
        lr.cards.card_from_statement(CN, statement_date=date(2024, 6, 8), balance=5000)
    with pytest.raises(lr.InvalidValueError, match=r"balance=.*5001\.00"):
        lr.cards.card_from_statement(CN, **start, interest=3001)
    with pytest.raises(lr.InvalidValueError, match=r"carried=.*3000\.00"):
        lr.cards.card_from_statement(CN, **start, carried="3000.01")
    with pytest.raises(lr.InvalidValueError, match=r"transactions\[0\].date"):
        lr.cards.card_from_statement(
            CN, **start, transactions=[lr.cards.CardTransaction(date(2024, 6, 7), 10, "payment")]
        )
    with pytest.raises(lr.InvalidValueError, match="until="):
        lr.cards.card_from_statement(CN, **start, until=date(2024, 6, 6))


def test_the_horizon_from_a_statement_is_the_balances_horizon() -> None:
    """A statement of the cycle's purchases alone repays as minimum_payment_horizon says.

    The US example: 3,000 at 21.99 %, 1 % plus interest, at least 25: 182 months and
    7,506.48 at the minimum; 37 months and 4,099.25 at 115 a month.
    """
    us = lr.cards.Card(statement_day=1, due_days=25, annual_rate="0.2199",
                 minimum_share="0.01", minimum_floor=25)  # fmt: skip
    held = lr.cards.card_from_statement(us, statement_date=date(2024, 1, 1), balance=3000)
    slow, fast = held.horizon(), held.horizon(payment=115)
    assert (slow.months, slow.total_paid) == (182, Decimal("7506.48"))
    assert (fast.months, fast.total_paid) == (37, Decimal("4099.25"))
    assert slow == lr.cards.minimum_payment_horizon(us, 3000, start=date(2024, 1, 1))
    with pytest.raises(lr.InvalidValueError, match="until="):
        lr.cards.card_from_statement(
            us, statement_date=date(2024, 1, 1), balance=3000, until=date(2024, 1, 5)
        ).horizon()


def test_a_replayed_history_and_its_statement_have_one_horizon() -> None:
    """The horizon from a replayed history's last statement is the statement-started card's."""
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", minimum_floor=50, late_fee_share="0.05"
    )
    spent = [lr.cards.CardTransaction(date(2024, 3, 8), 20000),
             lr.cards.CardTransaction(date(2024, 4, 25), 2000, "payment")]  # fmt: skip
    history = lr.cards.card_statements(card, spent, until=date(2024, 5, 7))
    held = lr.cards.card_from_statement(card, statement_date=date(2024, 5, 7), balance=18588,
                                  minimum=2388, interest=588, carried=18000)  # fmt: skip
    assert history.horizon() == held.horizon()
    assert history.horizon(payment=1000) == held.horizon(payment=1000)
    assert held.horizon().total_paid == Decimal("21240.42")


def test_a_statement_started_card_in_court_and_in_arrears() -> None:
    """A card from its statement works where a replayed card does: account, court, brief.

    Its court view takes the statement's interest and fees as already allowed and
    measures the ceiling from the statement's date: 24 % a year on the principal.
    """
    held = lr.cards.card_from_statement(CN, statement_date=date(2024, 4, 7), balance=10000,
                                  until=date(2024, 6, 20))  # fmt: skip
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    history = lr.cards.card_statements(CN, moves, until=date(2024, 6, 20))
    # The same card: a purchase of 03-08 bears interest from then, the statement's from 04-07.
    state = held.account()
    assert state.days_past_due == history.account().days_past_due == 54
    together = lr.law.ChinaFinancialLoans(measure="together")
    view = held.court_view(until=date(2024, 9, 20), rule=together)
    days = (date(2024, 9, 20) - date(2024, 4, 7)).days
    assert view.ceiling == (Decimal(10000) * Decimal("0.24") * days / 365).quantize(
        Decimal("0.01"), rounding="ROUND_DOWN"
    )
    assert view.charges_claimed > view.ceiling  # nothing paid: allowed is the ceiling
    assert view.enforceable_payoff == Decimal(10000) + view.ceiling == Decimal("11091.50")
    options = lr.compare(state, [[lr.FreezeInterest(60)]])
    assert options[0].total_paid == state.payoff
    court = lr.CourtAward(date(2024, 9, 20), together)
    assert lr.evaluate(state, baseline=court).baseline.total_paid == view.enforceable_payoff
    assert "10,000" in lr.brief(state, charts=False).markdown
    # Per due date (the default): 21 days current from the statement (04-07 to 04-27),
    # 10,000 x 0.05 % x 21 = 105.00 of interest within 10,000 x 24 % x 21 / 365 = 138.08;
    # 145 days past due, 953.42 for lateness: 10,000 + 105.00 + 953.42.
    default = held.court_view(until=date(2024, 9, 20))
    assert default.ceiling == view.ceiling == Decimal("138.08") + Decimal("953.42")
    assert default.enforceable_payoff == Decimal("11058.42")


# Debt from a statement ---------------------------------------------------------------------


def test_a_debt_from_a_statement_or_a_card() -> None:
    """Debt takes a loan's Statement or a CardHistory as the AccountState they give."""
    statement = lr.Statement(as_of=date(2024, 6, 20), outstanding_principal="8432.10",
                             overdue_principal=1810, overdue_interest=300, days_past_due=97,
                             annual_rate="0.24", next_due_date=date(2024, 7, 15),
                             remaining_instalments=8)  # fmt: skip
    assert lr.debts.Debt("A", statement).state == lr.account_state(
        statement, as_of=statement.as_of
    )
    held = lr.cards.card_from_statement(CN, statement_date=date(2024, 4, 7), balance=10000,
                                  until=date(2024, 6, 20))  # fmt: skip
    debt = lr.debts.Debt("card", held).state
    assert debt.payoff_lines() == held.account().payoff_lines()
    assert debt.days_past_due == held.account().days_past_due
    # a current card (no minimum missed) is a debt too: what it owes on its date, not overdue
    current = lr.cards.card_from_statement(CN, statement_date=date(2024, 4, 7), balance=10000)
    state = lr.debts.Debt("card", current).state
    assert (state.payoff, state.days_past_due) == (Decimal(10000), 0)
    with pytest.raises(lr.InvalidTypeError, match="a Statement or a CardHistory"):
        lr.debts.Debt("card", CN)  # type: ignore[arg-type]


# The command line ---------------------------------------------------------------------------


def _loan_statement() -> lr.Statement:
    return lr.Statement(
        as_of=date(2024, 6, 20), outstanding_principal="8432.10", overdue_principal=1810,
        overdue_interest=300, days_past_due=97, annual_rate="0.24",
        next_due_date=date(2024, 7, 15), remaining_instalments=8,
    )  # fmt: skip


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_overdue_and_compare_from_a_statement_file(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Overdue and compare with --statement give what account_state and compare give."""
    path = _write(tmp_path / f"statement{suffix}", LOAN_STATEMENT)
    policy = lr.PenaltyPolicy(rate_multiplier="1.5")
    state = lr.account_state(_loan_statement(), as_of=date(2024, 7, 1), penalty=policy)
    flags = ["--statement", path, "--penalty-multiplier", "1.5", "--as-of", "2024-07-01"]
    status, out, err = _run(capsys, "overdue", *flags, "--json")
    assert status == 0, err
    shown = json.loads(out)
    assert (shown["payoff"], shown["penalty"]) == (str(state.payoff), str(state.penalty))
    assert shown["days_past_due"] == state.days_past_due == 108
    status, out, err = _run(capsys, "compare", *flags, "--option", "freeze:36",
                            "--option", "settle:0.6", "--json")  # fmt: skip
    assert status == 0, err
    table = lr.compare(state, [[lr.FreezeInterest(36)], [lr.Settlement(share="0.6")]])
    assert [row["total_paid"] for row in json.loads(out)] == [str(o.total_paid) for o in table]
    status, out, _ = _run(capsys, "overdue", "--statement", path)  # its own date
    assert status == 0
    assert "8,754.17" in out  # 8,432.10 + 300 + 22.07 accrued


def test_court_and_brief_from_a_statement_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Court --statement measures from the contract flags, as court-statement's origin does."""
    path = str(REFERENCE / "statement.json")
    origin = ["--rule", "china-private", "--term", "12"]
    status, out, err = _run(capsys, "court", "--statement", path, "--principal", "10000",
                            "--rate", "0.36", "--start", "2024-01-15", *origin)  # fmt: skip
    assert status == 0, err
    assert "payoff: claimed 8671.43, allowed 6685.86" in out
    status, same, _ = _run(capsys, "court-statement", "--statement", path, "--made",
                           "2024-01-15", "--received", "10000", "--contract-rate", "0.36",
                           *origin)  # fmt: skip
    assert (status, same) == (0, out)
    status, _, err = _run(capsys, "court", "--statement", path, "--rule", "china-private")
    assert status == 2
    assert "--principal" in err
    brief = tmp_path / "brief.md"
    csv_path = _write(tmp_path / "statement.csv", LOAN_STATEMENT)
    status, out, err = _run(capsys, "brief", "--statement", csv_path, "--budget", "800",
                            "--output", str(brief), "--no-charts")  # fmt: skip
    assert status == 0, err
    assert "8,754.17" in brief.read_text(encoding="utf-8")
    assert "800" not in brief.read_text(encoding="utf-8").replace("8,754.17", "")
    status, _, err = _run(capsys, "brief", "--statement", csv_path, "--rule", "china-private")
    assert status == 2
    assert "--rule" in err


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_card_from_a_statement_file(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A card --statement gives card_from_statement's statements, court view, options."""
    record = {**CARD_STATEMENT, "payments": "2024-06-01:500"}
    path = _write(tmp_path / f"card{suffix}", record)
    terms = ["--daily-rate", "0.0005", "--late-fee-share", "0.05"]
    held = lr.cards.card_from_statement(
        CN, statement_date=date(2024, 5, 7), balance=18588, minimum=2388, interest=588,
        carried=18000, until=date(2024, 9, 20),
        transactions=[lr.cards.CardTransaction(date(2024, 6, 1), 500, "payment"),
                      lr.cards.CardTransaction(date(2024, 6, 20), 300)],
    )  # fmt: skip
    flags = ["--statement", path, *terms, "--until", "2024-09-20",
             "--transaction", "2024-06-20:300"]  # fmt: skip
    status, out, err = _run(capsys, "card", "statements", *flags, "--json")
    assert status == 0, err
    assert [(row["balance"], row["minimum"]) for row in json.loads(out)] == [
        (str(s.balance), str(s.minimum)) for s in held.statements
    ]
    status, out, _ = _run(capsys, "card", "court", *flags, "--json")
    assert status == 0
    lines = {row["item"]: row["allowed"] for row in json.loads(out)}
    assert lines["payoff"] == str(held.court_view().enforceable_payoff)
    status, out, _ = _run(capsys, "card", "compare", *flags, "--option", "settle:0.6", "--json")
    assert status == 0
    assert json.loads(out)[0]["total_paid"] == str(
        lr.compare(held.account(), [[lr.Settlement(share="0.6")]])[0].total_paid
    )


def test_statement_files_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad column, figure, file or pair of flags is one line naming the flag and column."""
    loan = _write(tmp_path / "loan.csv", LOAN_STATEMENT)
    card = _write(tmp_path / "card.json", CARD_STATEMENT)
    cases = [
        (["overdue", "--statement", loan, "--principal", "5000"],
         "--statement='", "--statement or --principal, not both"),
        (["compare", "--statement", loan, "--paid", "2"], "--statement='", "--paid, not both"),
        (["overdue", "--statement", str(tmp_path / "none.csv")], "--statement='",
         "a file that can be read"),
        (["overdue", "--statement", _write(tmp_path / "bad.csv", {**LOAN_STATEMENT,
                                                                   "bogus": "1"})],
         "--statement='bogus'", "a statement's column"),
        (["overdue", "--statement", _write(tmp_path / "rate.json", {**LOAN_STATEMENT,
                                                                     "annual_rate": "abc"})],
         "--statement: annual_rate='abc'", "rate"),
        (["overdue", "--statement", _write(tmp_path / "day.csv", {**LOAN_STATEMENT,
                                                                   "as_of": "2024-13-01"})],
         "--statement: as_of='2024-13-01'", "a date"),
        (["card", "horizon", "--statement", card, "--daily-rate", "0.0005", "--balance", "100",
          "--start", "2024-05-07", "--statement-day", "7"],
         "unrecognized arguments", "--statement"),
        (["card", "statements", "--statement", card, "--daily-rate", "0.0005",
          "--minimum-share", "0.05"],
         "--statement: minimum='2388'", "the minimum the card's terms give, 1488.00"),
        (["card", "statements", "--statement", _write(tmp_path / "c.csv", {**CARD_STATEMENT,
                                                              "balance": "-5"}),
          "--daily-rate", "0.0005"], "--statement: balance='-5'", "at least"),
        (["card", "statements", "--statement", _write(tmp_path / "p.csv", {**CARD_STATEMENT,
                                                              "payments": "2024-06-01"}),
          "--daily-rate", "0.0005"], "--statement: payments='2024-06-01'", "DATE:AMOUNT"),
        (["card", "statements", "--statement", _write(tmp_path / "d.csv", {**CARD_STATEMENT,
                                                              "statement_date": "2024-05-31"}),
          "--daily-rate", "0.0005"], "--statement: statement_date='2024-05-31'", "1 to 28"),
        (["card", "statements", "--statement", _write(tmp_path / "e.csv", {**CARD_STATEMENT,
                                                              "due_date": "2024-05-01"}),
          "--daily-rate", "0.0005"], "--statement: due_date='2024-05-01'", "1 to 27 days"),
    ]  # fmt: skip
    for argv, field, valid in cases:
        status, _, err = _run(capsys, *argv)
        assert status == 2, argv
        assert field in err, err
        assert valid in err, err
    two = tmp_path / "two.csv"
    row = ",".join(LOAN_STATEMENT.values()) + "\n"
    two.write_text((tmp_path / "loan.csv").read_text(encoding="utf-8") + row, encoding="utf-8")
    status, _, err = _run(capsys, "overdue", "--statement", str(two))
    assert status == 2
    assert "a file with one statement" in err


# The plan's debts file --------------------------------------------------------------------


def test_a_plan_of_three_loans_and_a_card_from_the_debts_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A card row (kind card) plans beside three loans as card_from_statement's Debt does."""
    policy = lr.PenaltyPolicy(rate_multiplier="1.5")
    loans = [
        ("A", {"outstanding_principal": "8432.10", "overdue_principal": 1810,
               "overdue_interest": 612, "penalty": "210.40", "fees": 150, "days_past_due": 97,
               "annual_rate": "0.24", "next_due_date": date(2024, 7, 15),
               "remaining_instalments": 8}),
        ("B", {"outstanding_principal": 5000, "overdue_principal": 1200, "overdue_interest": 180,
               "penalty": "95.50", "days_past_due": 45, "annual_rate": "0.18",
               "next_due_date": date(2024, 7, 5), "remaining_instalments": 10}),
        ("C", {"outstanding_principal": 2400, "annual_rate": "0.36",
               "next_due_date": date(2024, 7, 1), "remaining_instalments": 6}),
    ]  # fmt: skip
    as_of = date(2024, 6, 20)
    debts = [
        lr.debts.Debt(name, lr.account_state(lr.Statement(as_of=as_of, **figures), as_of=as_of,
                                       penalty=policy))
        for name, figures in loans
    ]  # fmt: skip
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", minimum_floor=10, late_fee_share="0.05"
    )
    held = lr.cards.card_from_statement(card, statement_date=date(2024, 5, 7), balance=18588,
                                  minimum=2388, due_date=date(2024, 5, 27), interest=588,
                                  carried=18000, until=as_of)  # fmt: skip
    plan = lr.debts.plan_debts([*debts, lr.debts.Debt("D", held)], 3000)
    path = str(REFERENCE / "debts-card.csv")
    status, out, err = _run(capsys, "plan", "--debts", path, "--budget", "3000", "--json")
    assert status == 0, err
    rows = json.loads(out)
    for name in ("A", "B", "C", "D"):
        assert [row[name] for row in rows] == [str(x) for x in plan.payments[name]]
    assert all(sum(Decimal(row[n]) for n in "ABCD") <= 3000 for row in rows)


def test_card_rows_refused_by_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A card row's bad figure, a loan's column on it, or a date before its statement is named."""
    text = (REFERENCE / "debts-card.csv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    card_row = rows[-1]
    cases = [
        (card_row.replace(",0.0005,", ",abc,"), "--debts row 4: daily_rate='abc'"),
        (card_row.replace(",18588,2388,", ",18588,2000,"), "--debts row 4: minimum='2000'"),
        (card_row.replace("D,card,2024-06-20,,", "D,card,2024-06-20,5,"),
         "--debts row 4: outstanding_principal='5'"),
        (card_row.replace("D,card,2024-06-20,", "D,card,2024-05-01,"),
         "--debts row 4: as_of="),
        (card_row.replace("D,card,", "D,cart,"), "--debts row 4: kind='cart'"),
    ]  # fmt: skip
    for row, message in cases:
        path = tmp_path / "debts.csv"
        path.write_text("\n".join([header, *rows[:-1], row]) + "\n", encoding="utf-8")
        status, _, err = _run(capsys, "plan", "--debts", str(path), "--budget", "3000")
        assert status == 2, row
        assert message in err, err


def test_a_card_row_takes_the_issuers_minimum_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """minimum_rule on a card row: a tenth of the whole balance is 1,858.80 of 18,588."""
    text = (REFERENCE / "debts-card.csv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    path = tmp_path / "debts.csv"
    for minimum, status_wanted in (("1858.80", 0), ("2388", 2)):
        card_row = rows[-1].replace(",18588,2388,", f",18588,{minimum},") + ",share_of_balance"
        lines = [header + ",minimum_rule", *(row + "," for row in rows[:-1]), card_row]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        status, _, err = _run(capsys, "plan", "--debts", str(path), "--budget", "3000")
        assert status == status_wanted, err
        if status:
            assert "--debts row 4: minimum='2388'" in err
            assert "1858.80" in err
