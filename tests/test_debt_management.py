"""A debt management plan for three online loans and a card (issue 31).

Every creditor paid every month, a letter to each with its own figures only, the
shortfall stated to the borrower.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import loanrelief as lr
from loanrelief._cli.cli import main

AS_OF = date(2025, 3, 10)
BUDGET = Decimal(3000)
NAMES = ("借呗", "微粒贷", "京东金条", "招商银行信用卡")


def _loan(principal: str, overdue: str, interest: str, penalty: str, days: int) -> lr.debts.Debt:
    statement = lr.Statement(
        as_of=AS_OF,
        outstanding_principal=principal,
        overdue_principal=overdue,
        overdue_interest=interest,
        penalty=penalty,
        days_past_due=days,
        annual_rate="0.18",
        next_due_date=date(2025, 3, 25),
        remaining_instalments=12,
    )
    return lr.account_state(  # type: ignore[return-value]
        statement, as_of=AS_OF, penalty=lr.PenaltyPolicy(rate_multiplier="1.5")
    )


def _card() -> lr.AccountState:
    card = lr.cards.Card(statement_day=5, due_days=20, daily_rate="0.0005", late_fee_share="0.05")
    spent = [lr.cards.CardTransaction(date(2024, 10, 8), 9000)]
    return lr.cards.card_statements(card, spent, until=AS_OF).account()


def _debts() -> list[lr.debts.Debt]:
    states = [
        _loan("17000", "2800", "410", "160.50", 75),
        _loan("11500", "1900", "280", "95.20", 45),
        _loan("8000", "1250", "160", "40.00", 20),
        _card(),
    ]
    return [lr.debts.Debt(name, state) for name, state in zip(NAMES, states, strict=True)]


def test_every_creditor_is_paid_every_month_where_the_avalanche_leaves_some_unpaid() -> None:
    debts = _debts()
    comparison = lr.debts.compare_strategies(debts, BUDGET)
    plans = {plan.strategy: plan for plan in comparison.plans}
    managed = plans[lr.debts.Strategy.DEBT_MANAGEMENT]
    for name in NAMES:
        owed_before = [managed.owed_at_start[name], *managed.balances[name][:-1]]
        for paid, owed in zip(managed.payments[name], owed_before, strict=True):
            assert paid > 0 or owed == 0  # paid every month while it is owed
        assert managed.unpaid_months[name] == 0
    # the avalanche reaches the costliest debts and leaves the others months unpaid
    assert sum(plans[lr.debts.Strategy.AVALANCHE].unpaid_months.values()) > 0
    # the plan repays exactly what was owed on the day: the freeze is the concession
    assert managed.total_paid == sum(managed.owed_at_start.values())
    assert managed.debt_free is not None
    shares = [offer.payment for offer in managed.offers]
    assert sum(shares) == BUDGET
    owed = [offer.owed for offer in managed.offers]
    for share, amount in zip(shares, owed, strict=True):  # in proportion, to a cent
        assert abs(share - BUDGET * amount / sum(owed)) <= Decimal("0.01")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_letter_carries_only_its_own_figures(lang: str) -> None:
    debts = _debts()
    page = lr.brief(debts, lang=lang, budget=BUDGET, charts=False)
    plan = lr.debts.plan_debts(debts, BUDGET, strategy="debt_management")
    assert list(page.letters) == list(NAMES)
    for k, (name, letter) in enumerate(page.letters.items()):
        offer = plan.offers[k]
        assert offer.creditor == name
        assert letter.figures[f"letters.{k}.payment"] == offer.payment
        assert letter.figures[f"letters.{k}.owed"] == offer.owed
        assert letter.figures[f"letters.{k}.count"] == offer.count
        assert all(key.startswith(f"letters.{k}.") for key in letter.figures)
        for text in (letter.html.split("<body>")[1], letter.markdown):  # not the style
            assert name in text
            assert not any(other in text for other in NAMES if other != name)
            # every amount the letter shows is one of its own figures: no budget, no total
            own = {f"{v:,}" for v in letter.figures.values() if isinstance(v, Decimal)}
            shown = set(re.findall(r"\d[\d,]*\.\d\d", text))
            assert shown <= own, shown - own
            assert f"{BUDGET:,}" not in text
    # the card issuer's letter asks for an individual instalment agreement (art. 70),
    # states the article's two conditions, and names a card's charges (违约金, not 罚息)
    card_letter = page.letters["招商银行信用卡"].markdown
    if lang == "zh":
        assert "第七十条" in card_letter
        assert "超出还款能力" in card_letter
        assert "违约金" in card_letter
        assert "罚息" not in card_letter
        assert "卡号：[卡号]" in card_letter
        assert "贵行" in card_letter
        assert "贵方" not in card_letter
    else:
        assert "art. 70" in card_letter
        assert "willing to repay" in card_letter
        assert "late fees" in card_letter
        assert "penalty interest" not in card_letter
        assert "[the card number]" in card_letter


def test_what_is_overdue_counts_the_penalty_and_what_falls_due_the_whole_instalment() -> None:
    """借呗's statement: 2,800 + 410 + 160.50 overdue; its 2025-03-25 instalment in full."""
    debts = _debts()
    plan = lr.debts.plan_debts(debts, BUDGET, strategy="debt_management")
    offer = plan.offers[0]
    assert offer.arrears == Decimal("3370.50")
    due = [row for row in debts[0].state.instalments if row.due_date == date(2025, 3, 25)]
    assert offer.contract_due == due[0].scheduled_payment
    assert offer.contract_due > 1187  # not only the interest accrued by 10 Mar


def test_the_shortfall_is_stated_to_the_borrower() -> None:
    debts = _debts()
    page = lr.brief(debts, lang="en", budget=BUDGET, charts=False)
    plan = lr.debts.plan_debts(debts, BUDGET, strategy="debt_management")
    asked = sum((offer.arrears + offer.contract_due for offer in plan.offers), Decimal(0))
    assert page.figures["plan.contracts_ask"] == asked
    assert page.figures["plan.shortfall"] == max(asked - BUDGET, Decimal(0))
    assert asked > BUDGET  # this borrower cannot keep the contracts current
    assert f"{asked - BUDGET:,}" in page.markdown
    assert "Shortfall" in page.markdown
    # a budget above what the contracts ask states no shortfall
    rich = lr.brief(debts, lang="en", budget=asked + 100, charts=False)
    assert rich.figures["plan.shortfall"] == 0
    assert "Shortfall" not in rich.markdown


def test_the_plan_command_writes_a_letter_per_creditor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ["creditor,as_of,outstanding_principal,overdue_principal,annual_rate,"
            "days_past_due,next_due_date,remaining_instalments"]  # fmt: skip
    for k, name in enumerate(NAMES[:3]):
        rows.append(f"{name},2025-03-10,{9000 + 1000 * k},{900 + 100 * k},0.18,30,2025-03-25,12")
    debts = tmp_path / "debts.csv"
    debts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = tmp_path / "letters"
    folder.mkdir()
    code = main(["plan", "--debts", str(debts), "--budget", "2000", "--letters", str(folder)])
    assert code == 0
    written = sorted(folder.iterdir())
    assert [path.name for path in written] == [
        f"0{k + 1}-{n}.html" for k, n in enumerate(NAMES[:3])
    ]
    for path, name in zip(written, NAMES, strict=False):
        text = path.read_text(encoding="utf-8")
        assert name in text
        assert not any(other in text for other in NAMES if other != name)
        assert "2,000.00" not in text
    assert "wrote" in capsys.readouterr().out
    code = main(["plan", "--debts", str(debts), "--budget", "2000", "--strategy",
                 "debt_management"])  # fmt: skip
    assert code == 0
    assert "offered" in capsys.readouterr().out
    assert main(["plan", "--debts", str(debts), "--budget", "2000", "--letters",
                 str(tmp_path / "missing")]) == 2  # fmt: skip
    assert "--letters" in capsys.readouterr().err
