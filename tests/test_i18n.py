"""Languages: the translation table, Chinese labels, number and date formats, the CLI."""

from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._cli.cli import main
from loanrelief._presentation import i18n
from tests.test_levers_properties import levers

LATIN = re.compile(r"[A-Za-z]{2,}")
FIGURE = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_phrase_has_chinese_with_the_same_fields() -> None:
    """Each row of the table has Chinese, no Latin words in it, and the same fields."""
    rows = i18n.glossary()
    assert len({en for en, _, _ in rows}) == len(rows), "a phrase is listed twice"
    for en, zh, _ in rows:
        assert zh, en
        assert _fields(zh) == _fields(en), en
        words = LATIN.findall(re.sub(r"\{\w+\}", "", zh))
        assert set(words) <= {"LPR", "loanrelief"}, (en, zh)


def test_the_glossary_page_is_made_from_the_table() -> None:
    """The documentation's glossary shows every term of the table, from the table."""
    from tools.mkdocs_glossary import MARKER, on_page_markdown, table  # noqa: PLC0415

    made = table()
    for en, zh, note in i18n.glossary():
        assert zh in made
        assert (en in made) or not note
    page = on_page_markdown(f"# Glossary\n\n{MARKER}\n", page=None)
    assert MARKER not in page
    assert "| level payment (annuity) | 等额本息 |" in page


def test_an_unknown_phrase_or_language_is_refused() -> None:
    """A phrase outside the table (nothing silently left in English) or a bad language."""
    with pytest.raises(lr.InvalidValueError, match="phrase"):
        i18n.translate("no such phrase", "zh")
    with pytest.raises(lr.InvalidValueError, match="lang='fr'"):
        i18n.language("fr")


def test_the_library_never_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """LOANRELIEF_LANG changes nothing the library writes: English unless lang= says so."""
    loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
    state = lr.account_state(loan, as_of=date(2024, 3, 1))
    schedule = lr.amortize(loan)
    english = (str(state), state._repr_html_(), str(schedule), schedule._repr_html_())
    chinese = (state.to_text("zh"), schedule.to_text("zh"))
    for value in ("zh", "klingon"):
        monkeypatch.setenv("LOANRELIEF_LANG", value)
        assert (str(state), state._repr_html_(), str(schedule), schedule._repr_html_()) == english
        assert (state.to_text("zh"), schedule.to_text("zh")) == chinese
        assert i18n.language(None) is i18n.Language.EN
    assert english[0].startswith("Account state")
    assert chinese[0].startswith("账户状态")
    assert "结清金额" in state.to_html("zh")


@pytest.mark.parametrize(
    ("amount", "currency", "en", "zh"),
    [
        ("49007.62", "CNY", "¥49,007.62", "49,007.62元"),
        ("-1234.5", "USD", "-$1,234.5", "-1,234.5美元"),
        ("1200", "JPY", "JP¥1,200", "1,200日元"),
        ("0.125", "KWD", "0.125 KWD", "0.125 KWD"),
        ("1234567.00", None, "1,234,567.00", "1,234,567.00"),
    ],
)
def test_money_is_written_as_each_language_writes_it(
    amount: str, currency: str | None, en: str, zh: str
) -> None:
    """Symbols before in English, the currency's name after in Chinese; every digit kept."""
    assert i18n.format_money(Decimal(amount), "en", currency) == en
    assert i18n.format_money(Decimal(amount), "zh", currency) == zh


@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)))
def test_dates_read_back_in_both_languages(day: date) -> None:
    """Both spellings of a date name the same day (no locale is consulted)."""
    zh = i18n.format_date(day, "zh")
    assert re.fullmatch(r"(\d+)年(\d+)月(\d+)日", zh)
    year, month, dd = (int(x) for x in re.findall(r"\d+", zh))
    assert date(year, month, dd) == day
    en = i18n.format_date(day, "en")
    assert date.fromisoformat(day.isoformat()) == day
    assert en.split()[0] == str(day.day)
    assert en.split()[2] == str(day.year)


@given(levers)
def test_every_built_in_lever_is_named_in_chinese(lever: lr.Lever) -> None:
    """Each built-in lever: its English name is its label, its Chinese has no English."""
    assert lr.lever_label(lever, "en") == lever.label  # type: ignore[attr-defined]
    chinese = lr.lever_label(lever, "zh")
    assert not LATIN.findall(chinese), chinese
    # the same figures in both languages (a phrase may order them differently)
    english = lever.label  # type: ignore[attr-defined]
    assert sorted(FIGURE.findall(chinese)) == sorted(FIGURE.findall(english))


def test_an_apps_own_lever_keeps_its_label() -> None:
    """A lever without label_in is named by its label in every language."""

    class Custom:
        label = "my own lever"

        def apply(self, draft: object) -> object:
            return draft

    assert lr.lever_label(Custom(), "zh") == "my own lever"


def _state() -> lr.AccountState:
    loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
    schedule = lr.amortize(loan)
    paid = [lr.Payment(row.due_date, row.payment) for row in list(schedule)[:2]]
    policy = lr.PenaltyPolicy(rate_multiplier="1.5", late_fee=20)
    return lr.account_state(schedule, paid, as_of=date(2024, 7, 1), penalty=policy)


def test_a_plan_keeps_its_levers_and_is_named_through_the_glossary() -> None:
    """A package's plan holds its levers, no Chinese; its Chinese name is made on reading."""
    chosen = (lr.CapitalizeArrears(), lr.FreezeInterest(36, down_payment=1000))
    plan = lr.evaluate(_state(), *chosen).plan
    assert plan.package == chosen
    assert not hasattr(plan, "label_zh")
    assert (
        plan.label_in("en")
        == plan.label
        == "capitalize arrears, freeze, 36 instalments, 1000 down"
    )
    assert plan.label_in("zh") == "逾期欠款转入本金，停息挂账，分36期，首付1000"
    assert lr.evaluate(_state()).plan.package == ()
    assert lr.evaluate(_state()).plan.label_in("zh") == "立即补足逾期"


def test_a_comparison_in_chinese_has_the_same_figures_and_no_english() -> None:
    """Every cell of the Chinese table equals the English one's figures."""
    options = [
        lr.ExtendTerm(12),
        [lr.CapitalizeArrears(), lr.ExtendTerm(12)],
        lr.FreezeInterest(36, down_payment=1000),
        lr.Settlement(share="0.6", instalments=3),
        lr.WaivePenalty(share=1),
    ]
    table = lr.compare(_state(), options)
    en, zh = table.to_text("en"), table.to_text("zh")
    assert not LATIN.findall(zh), LATIN.findall(zh)
    for line_en, line_zh in zip(en.splitlines(), zh.splitlines(), strict=True):
        assert sorted(FIGURE.findall(line_en)) == sorted(FIGURE.findall(line_zh))
    for outcome in table:
        assert outcome.label_in("en") == outcome.label
    frame = table.to_pandas(lang="zh")
    assert list(frame.index) == [o.label_in("zh") for o in table]
    assert "还款总额" in frame.columns
    assert frame["还款总额"].tolist() == [float(o.total_paid) for o in table]


def test_an_account_state_in_chinese_has_the_same_figures() -> None:
    """The state's summary: the same lines, translated, the same amounts."""
    state = _state()
    en, zh = state.to_text("en"), state.to_text("zh")
    assert not LATIN.findall(zh.replace("(60-89)", ""))
    amounts = [line for line in FIGURE.findall(en) if "," in line or "." in line]
    assert amounts == [line for line in FIGURE.findall(zh) if "," in line or "." in line]
    assert "结清金额" in state.to_html("zh")


def _days(line: str) -> str:
    """A line with its dates as three numbers (2024-07-01 and 2024年7月1日 alike)."""
    line = re.sub(
        r"(\d{4})-(\d\d)-(\d\d)", lambda m: " ".join(str(int(g)) for g in m.groups()), line
    )
    return re.sub(r"(\d{4})年(\d+)月(\d+)日", r"\1 \2 \3", line)


@pytest.mark.parametrize("objective", ["borrower", "lender"])
def test_a_solved_plan_and_its_alternatives_in_chinese(objective: str) -> None:
    """The summary of solve: the packages not chosen and why, in Chinese, the same figures."""
    fit = lr.solve(_state(), max_payment=2200, objective=objective)
    assert fit.alternatives, "the budget leaves some packages out"
    assert any(other.present_value is not None for other in fit.alternatives)
    en, zh = fit.to_text("en"), fit.to_text("zh")
    assert not LATIN.findall(zh), LATIN.findall(zh)
    for line_en, line_zh in zip(en.splitlines(), zh.splitlines(), strict=True):
        assert sorted(FIGURE.findall(_days(line_en))) == sorted(FIGURE.findall(_days(line_zh)))
    for other in fit.alternatives:
        assert other.reason_in("en") == other.reason  # made in the default, English
        assert other.label_in("en") == other.label


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule"],
        ["overdue", "--paid", "2", "--as-of", "2024-07-01", "--penalty-multiplier", "1.5"],
        ["compare", "--paid", "2", "--as-of", "2024-07-01", "--penalty-multiplier", "1.5"],
    ],
)
def test_the_command_line_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """--lang zh: no English word in the text; --json keeps its English keys."""
    loan = ["--principal", "50000", "--rate", "0.18", "--term", "24", "--start", "2024-01-15"]
    assert main([*argv[:1], *loan, *argv[1:], "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert not LATIN.findall(out.replace("(60-89)", "")), LATIN.findall(out)
    assert main([*argv[:1], *loan, *argv[1:], "--lang", "zh", "--json"]) == 0
    assert '"' in capsys.readouterr().out  # machine output is unchanged by the language


def test_only_the_command_line_reads_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """LOANRELIEF_LANG sets a command's language where --lang is not given.

    A bad value is refused by name, and the library's own text stays English meanwhile.
    """
    loan = ["--principal", "50000", "--rate", "0.18", "--term", "24", "--start", "2024-01-15"]
    monkeypatch.setenv("LOANRELIEF_LANG", "zh")
    assert main(["overdue", *loan, "--paid", "2", "--as-of", "2024-07-01"]) == 0
    chinese = capsys.readouterr().out
    assert chinese.startswith("账户状态")
    assert main(["overdue", *loan, "--paid", "2", "--as-of", "2024-07-01", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Account state")
    assert str(lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 15)))).startswith("Schedule")
    monkeypatch.setenv("LOANRELIEF_LANG", "klingon")
    assert main(["overdue", *loan, "--paid", "2", "--as-of", "2024-07-01"]) == 2
    assert "LOANRELIEF_LANG" in capsys.readouterr().err


def test_a_schedule_in_chinese() -> None:
    """The schedule's text, HTML and DataFrame in Chinese: the same amounts, no English."""
    loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
    schedule = lr.amortize(loan)
    zh, en = schedule.to_text("zh"), schedule.to_text("en")
    assert not LATIN.findall(zh)
    amounts = [x for x in FIGURE.findall(en) if "." in x]
    assert amounts == [x for x in FIGURE.findall(zh) if "." in x]
    frame = schedule.to_pandas(lang="zh")
    assert list(frame.columns) == ["还款日", "每期还款", "利息", "本金", "费用", "剩余本金"]
    assert frame["每期还款"].tolist() == schedule.to_pandas()["payment"].tolist()
    assert str(schedule) == en
    assert "剩余本金" in schedule.to_html("zh")
    assert "剩余本金" not in schedule._repr_html_()


def _results() -> dict[str, object]:
    """One result of each type the loans and the ledger render, with something in each line."""
    loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1), upfront_fee=500, fee_deducted=True)
    paid = [lr.Payment(date(2024, 2, 1), 1000), lr.Payment(date(2024, 5, 1), 3000)]
    rule = lr.law.ChinaPrivateLending()
    statement = lr.Statement(
        as_of=date(2024, 9, 20), outstanding_principal="7052.13", overdue_principal="3317.85",
        overdue_interest="700.63", penalty="300", fees="600", days_past_due=97,
        annual_rate="0.36", next_due_date=date(2024, 10, 15),
        remaining_instalments=4)  # fmt: skip
    origin = lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12)
    state = lr.account_state(loan, paid, as_of=date(2024, 9, 1), rule=rule)
    return {
        "schedule": lr.amortize(loan),
        "state": state,
        "statement": statement,
        "prepayment": lr.prepay(
            lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15)),
            3000,
            date(2024, 4, 30),
            fee_rate="0.01",
        ),
        "budget": lr.Budget(income=8000, expenses=2000, living_allowance=3000),
        "plan": lr.evaluate(state, lr.CapitalizeArrears(), lr.ExtendTerm(6)).plan,
        "court": lr.court_view(loan, paid, as_of=date(2024, 9, 1), rule=rule),
        "stated": lr.statement_court_view(statement, origin, rule=rule),
    }


@pytest.mark.parametrize("kind", ["schedule", "state", "statement", "prepayment", "budget",
                                  "plan", "court"])  # fmt: skip
def test_each_table_is_english_unless_asked_and_has_the_same_figures(kind: str) -> None:
    """str() and the notebook table are the English text; lang="zh" the same amounts."""
    result: Any = _results()[kind]
    en, zh = result.to_text("en"), result.to_text("zh")
    assert str(result) == en == result.to_text()
    assert result._repr_html_() == result.to_html("en") == result.to_html()
    assert en != zh
    assert result.to_html("zh") != result.to_html("en")
    assert [x for x in FIGURE.findall(en) if "." in x] == [
        x for x in FIGURE.findall(zh) if "." in x
    ]
    assert not LATIN.findall(re.sub(r"CNY|LPR", "", zh.split("\n", 1)[-1]))


@pytest.mark.parametrize("kind", ["court", "stated"])
def test_an_explanation_is_english_unless_asked(kind: str) -> None:
    """explain() is English; explain("zh") has the same amounts and the articles in Chinese."""
    view: Any = _results()[kind]
    en, zh = view.explain(), view.explain("zh")
    assert en == view.explain("en") != zh
    assert "法院视角" in zh
    assert "source:" in en


def test_a_cards_principal_is_explained_as_posted_not_as_an_ious() -> None:
    """A card's court view opens its principal with the statements, a loan's with the IOU."""
    card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    rule = lr.law.ChinaFinancialLoans(measure="together")
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20), rule=rule)
    en, zh = view.explain("en").splitlines()[1], view.explain("zh").splitlines()[1]
    assert en.startswith("1. Principal 10000.00, as posted on the statements (source: ")
    assert zh.startswith("1. 本金10,000.00，按账单入账认定（依据：")
    assert "按借据" not in view.explain("zh")
    assert "as written" not in view.explain("en")
    loan = lr.court_view(lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1)),
                         as_of=date(2024, 7, 1), rule=rule)  # fmt: skip
    assert loan.explain("zh").splitlines()[1] == "1. 本金10,000.00，按借据认定（依据：按借据）"
    assert loan.explain("en").splitlines()[1].startswith("1. Principal 10000.00, as written")
