"""The negotiation brief: every figure on the page against the library's own results.

The page is parsed (HTML, with the standard library's parser): each table cell that
shows a figure carries its key (``data-figure``), and the figure is checked against
an independent call of :func:`compare`, :func:`court_view`, :func:`cost_of_delay`,
:func:`lender_npv`, :func:`plan_debts` … One test prints the page to PDF in headless
Chromium and reads it back.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._presentation.briefs import _document, _outline
from loanrelief._presentation.i18n import format_money

LATIN = re.compile(r"[A-Za-z]{2,}")
# What a Chinese page may carry in Latin letters: the currency's code on the charts'
# axes, the LPR and the library's name; and the markup of inline SVG charts.
ALLOWED = {"CNY", "LPR", "loanrelief"}


class Page(HTMLParser):
    """The text of a page (outside its charts), and each figure cell's text by key."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.cells: dict[str, str] = {}
        self.text: list[str] = []
        self.chart_text: list[str] = []
        self._key: str | None = None
        self._svg = 0
        self._style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: D102
        if tag == "svg":
            self._svg += 1
        self._style = tag == "style"
        self._key = dict(attrs).get("data-figure") if tag == "td" else self._key

    def handle_endtag(self, tag: str) -> None:  # noqa: D102
        if tag == "svg":
            self._svg -= 1
        if tag == "td":
            self._key = None
        self._style = False

    def handle_data(self, data: str) -> None:  # noqa: D102
        if self._style:
            return
        if self._svg:
            self.chart_text.append(data)
            return
        self.text.append(data)
        if self._key:
            self.cells[self._key] = self.cells.get(self._key, "") + data


LOAN = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
POLICY = lr.PenaltyPolicy(rate_multiplier="1.5", late_fee=30)
PAID = [lr.Payment(date(2024, 2, 15), "2496.21"), lr.Payment(date(2024, 4, 2), 1000)]
STATE = lr.account_state(LOAN, PAID, as_of=date(2024, 7, 1), penalty=POLICY)
RULE = lr.law.ChinaPrivateLending()


def _shown(page: Page, brief: lr.Brief) -> None:
    """Every figure cell shows its figure, written as the page's language writes it."""
    assert page.cells, "no figure on the page"
    for key, text in page.cells.items():
        value = brief.figures[key]
        expected = (
            format_money(value, brief.lang, "CNY") if isinstance(value, Decimal) else str(value)
        )
        assert text == expected, key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_loans_brief_carries_the_library_figures(lang: str) -> None:
    """Owed, delay, court view, options, lender's gain and plan: each equals its source."""
    brief = lr.brief(STATE, lang=lang, budget=2200, rule=RULE)
    page = Page(brief.html)
    _shown(page, brief)
    figures = brief.figures
    # what is owed today, in lines that add up to the payoff
    for name, amount in STATE.payoff_lines():
        assert figures[f"owed.{name.replace(' ', '_')}"] == amount
    assert figures["payoff"] == STATE.payoff
    # each further week
    for cost in lr.cost_of_delay(STATE, [7, 14, 21, 28]):
        assert figures[f"delay.{cost.days}.payoff"] == cost.payoff
    # the court view, line by line
    view = lr.court_view(LOAN, PAID, as_of=STATE.as_of, rule=RULE, penalty=POLICY)
    for line in view.lines:
        assert figures[f"court.{line.item}.allowed"] == line.allowed
        assert figures[f"court.{line.item}.excess"] == line.excess
    assert figures["court.enforceable"] == view.lines[-1].allowed
    # the options start from the enforceable claim: compare() and lender_npv() on the
    # account replayed under the rule, none totalling more than that claim
    base, cap = view.allowed, view.enforceable_payoff
    table = [o for o in lr.compare(base, lr.brief_options()) if o.total_paid <= cap]
    assert table, "no option within the enforceable claim"
    for k, outcome in enumerate(table):
        assert figures[f"options.{k}.label"] == outcome.label
        assert figures[f"options.{k}.payment"] == outcome.payment
        assert figures[f"options.{k}.total_paid"] == outcome.total_paid
        assert figures[f"options.{k}.present_value"] == outcome.present_value
        assert figures[f"options.{k}.saving"] == outcome.saving
        gain = lr.lender_npv(
            base,
            outcome,
            cost_of_funds=LOAN.annual_rate,
            recovery_rate="0.4",
            recovery_delay=365,
        ).gain
        assert figures[f"options.{k}.lender_gain"] == gain
    assert f"options.{len(table)}.label" not in figures
    # the plan for the budget: solve()'s for the borrower, on the enforceable claim
    plan = lr.solve(base, max_payment=2200, objective="borrower", legal_cap=RULE)
    assert plan.total_paid <= cap
    assert figures["plan.label"] == plan.label
    assert figures["plan.regular_payment"] == plan.regular_payment <= 2200
    assert figures["plan.total_paid"] == plan.total_paid
    text = "".join(page.text)
    assert format_money(plan.regular_payment, lang, "CNY") in text  # the plan and the letter
    assert ("[your name]" in text) == (lang == "en")
    assert ("[您的姓名]" in text) == (lang == "zh")


def test_the_chinese_page_leaves_nothing_in_english() -> None:
    """Every word of the Chinese page and its charts is Chinese (but CNY, LPR, loanrelief)."""
    brief = lr.brief(STATE, lang="zh", budget=2200, rule=RULE)
    page = Page(brief.html)
    words = set(LATIN.findall("".join(page.text))) | set(LATIN.findall("".join(page.chart_text)))
    assert words <= ALLOWED, words - ALLOWED
    assert 'lang="zh-CN"' in brief.html
    assert "2024年7月1日" in "".join(page.text)


def test_both_languages_carry_the_same_figures() -> None:
    """The same account in English and Chinese: the same figures, key by key."""
    en = lr.brief(STATE, lang="en", budget=2200, rule=RULE, charts=False)
    zh = lr.brief(STATE, lang="zh", budget=2200, rule=RULE, charts=False)
    assert en.figures == zh.figures


def test_the_page_is_self_contained_and_prints_on_a4() -> None:
    """No network reference; the charts inline; an A4 page rule for print."""
    html = lr.brief(STATE, budget=2200, rule=RULE).html
    assert "@page { size: A4" in html
    assert html.count("<svg") == 1
    assert not re.search(r"(src|href)=\"https?:", html)
    markdown = lr.brief(STATE, budget=2200, rule=RULE).markdown
    assert "data:image/svg+xml;base64," in markdown
    assert markdown.startswith("# Negotiation brief (as of 1 Jul 2024)")
    # The same brief twice is the same bytes (the charts' ids are not random).
    assert lr.brief(STATE, budget=2200, rule=RULE).html == html


def _budget_shown(budget: int, text: str) -> list[str]:
    """Where a budget's figure stands in text, in any format (2,200 2200 2,200.00 ¥2,200.00)."""
    whole = f"{budget:,}".replace(",", ",?")
    return re.findall(rf"(?<![\d.,]){whole}(?:\.00)?(?![\d]|[.,]\d)", text)


def test_a_budget_no_option_meets_is_said_plainly() -> None:
    """A budget below every option: the page says none can be kept up, not the budget."""
    brief = lr.brief(STATE, budget=47, charts=False)
    assert brief.figures["plan.label"] is None
    assert "None of the options can be kept up on the borrower's means" in brief.markdown
    assert "budget" not in brief.figures
    for text in (brief.markdown, brief.html):
        assert not _budget_shown(47, text)
    # a budget that fits: the plan respects it, and its figure is nowhere on the page
    for lang in ("en", "zh"):
        fitted = lr.brief(STATE, budget=2200, rule=RULE, lang=lang, charts=False)
        assert fitted.figures["plan.regular_payment"] <= 2200
        for text in (fitted.markdown, fitted.html):
            assert not _budget_shown(2200, text), _budget_shown(2200, text)


def _several() -> list[lr.debts.Debt]:
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10), currency="CNY"),
        as_of=date(2024, 5, 1),
        penalty=lr.PenaltyPolicy(rate_multiplier="1.5"),
    )
    b = lr.account_state(
        lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20), currency="CNY"),
        as_of=date(2024, 5, 1),
    )
    return [lr.debts.Debt("花呗", a), lr.debts.Debt("借呗", b)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("budget", [2345, 1789])
def test_no_budget_figure_reaches_the_lender(lang: str, budget: int) -> None:
    """The budget chooses the plan; no page writes its figure, in any format.

    Markdown and HTML, one debt or several, with or without a rule, charts included.
    """
    pages = [
        lr.brief(STATE, lang=lang, budget=budget, charts=True),
        lr.brief(STATE, lang=lang, budget=budget, rule=RULE, charts=False),
        lr.brief(_several(), lang=lang, budget=budget, rule=RULE, charts=True),
    ]
    for page in pages:
        assert "budget" not in page.figures
        for text in (page.markdown, page.html):
            assert not _budget_shown(budget, text), _budget_shown(budget, text)
    assert pages[0].figures["plan.regular_payment"] <= budget
    assert pages[1].figures["plan.regular_payment"] <= budget
    # the regex finds a figure where one is written
    assert _budget_shown(2345, "pay ¥2,345.00 or 2345 or 2,345")
    assert not _budget_shown(2345, "12,345.00 2,345.67 2345.5")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_budget_is_read_for_its_affordable_payment_only(lang: str) -> None:
    """A Budget chooses the same plan as its affordable amount, and nothing of it shows.

    One meaning in two forms, as in plan_debts: income 7,913 less expenses 5,568 is
    2,345 a month; neither the income, the expenses nor the amount reach the page, and
    a Budget in another currency than the account's is refused.
    """
    month = lr.Budget(7913, expenses=5568)
    by_budget = lr.brief(STATE, lang=lang, budget=month, charts=False)
    by_amount = lr.brief(STATE, lang=lang, budget=2345, charts=False)
    assert by_budget.markdown == by_amount.markdown
    assert by_budget.figures == by_amount.figures
    several = lr.brief(_several(), lang=lang, budget=month, charts=False)
    assert several.markdown == lr.brief(_several(), lang=lang, budget=2345, charts=False).markdown
    for page in (by_budget, several):
        for text in (page.markdown, page.html):
            for figure in (7913, 5568, 2345):
                assert not _budget_shown(figure, text), (figure, _budget_shown(figure, text))
    with pytest.raises(lr.InvalidTermsError, match="budget"):
        lr.brief(STATE, budget=lr.Budget(7913, currency="USD"), charts=False)


# A consumer loan with a monthly fee, from a private lender: 20,000 at 9.6 % over 12
# months, a fee of 200 an instalment, three instalments paid, 36 % penalty interest.
FEE_LOAN = lr.Loan(20000, "0.096", 12, start=date(2024, 3, 10), instalment_fee=200,
                   currency="CNY")  # fmt: skip
FEE_PAID = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(FEE_LOAN)[:3]]
FEE_STATE = lr.account_state(FEE_LOAN, FEE_PAID, as_of=date(2025, 3, 10),
                             penalty=lr.PenaltyPolicy(annual_rate="0.36"))  # fmt: skip


def _court_rows(brief: lr.Brief) -> list[tuple[Decimal, Decimal, Decimal]]:
    """The court table's rows (claimed, not allowed, allowed), as the HTML shows them."""
    table = re.search(r'<table id="court">(.*?)</table>', brief.html, re.S)
    assert table is not None
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table[1], re.S)[1:]:
        keys = re.findall(r'data-figure="([^"]+)"', row)
        rows.append(tuple(brief.figures[key] for key in keys))
    return rows  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("state", "rule"),
    [
        (FEE_STATE, lr.law.ChinaPrivateLending()),
        (FEE_STATE, lr.law.ChinaFinancialLoans()),
        (STATE, RULE),
        (
            lr.account_state(
                lr.Loan(
                    100,
                    "3.65",
                    1,
                    start=date(2024, 3, 1),
                    method="bullet",
                    first_due_date=date(2024, 3, 31),
                    interest_basis="day_count",
                    currency="GBP",
                    upfront_fee=20,
                ),
                [lr.Payment(date(2024, 3, 31), 130)],
                as_of=date(2024, 4, 10),
            ),
            lr.law.UKHighCostShortTerm(),
        ),
    ],
)
def test_under_a_rule_the_brief_proposes_only_the_enforceable_claim(
    state: lr.AccountState, rule: lr.law.Rule
) -> None:
    """Options and plan from the enforceable claim; a court table that adds up.

    Each ceiling is stated with its article.
    """
    view = lr.court_view(state.schedule, state.payments, as_of=state.as_of, rule=rule,
                         penalty=state.penalty_policy)  # fmt: skip
    cap = view.enforceable_payoff
    for lang in ("en", "zh"):
        brief = lr.brief(state, lang=lang, budget=2200, rule=rule, charts=False)
        figures = brief.figures
        assert figures["court.enforceable"] == cap
        k = 0
        while f"options.{k}.total_paid" in figures:
            assert figures[f"options.{k}.total_paid"] <= cap
            k += 1
        if figures.get("plan.label") is not None:
            assert figures["plan.total_paid"] <= cap
            assert figures["plan.regular_payment"] <= 2200
        # claimed - not allowed = allowed, row by row; each column adds up to the payoff
        rows = _court_rows(brief)
        for claimed, excess, allowed in rows:
            assert claimed - excess == allowed
        *lines, payoff = rows
        for column in range(3):
            assert sum(row[column] for row in lines) == payoff[column]
        assert payoff[0] == view.payoff
        assert payoff[2] == cap
        # every ceiling, with its article
        text = "".join(Page(brief.html).text)
        for limit in rule.limits(view.allowed.loan, state.as_of):
            assert limit.citation.to_text(lang) in text


def test_the_ceiling_is_said_as_the_law_says_it() -> None:
    """Each ceiling in the law's words, with its article.

    Four times the one-year LPR (13.8 %) with arts. 25, 28 and 29; 24 % for financial
    loans; 24 % and 36 % for a contract under the 2015 provisions.
    """
    en = lr.brief(FEE_STATE, lang="en", rule=lr.law.ChinaPrivateLending(), charts=False).markdown
    zh = lr.brief(FEE_STATE, lang="zh", rule=lr.law.ChinaPrivateLending(), charts=False).markdown
    assert "four times the one-year Loan Prime Rate, 13.8 % a year" in en
    assert "SPC Provisions on Private Lending Cases (2020) art. 25" in en
    assert "SPC Provisions on Private Lending Cases (2020) arts. 28-29" in en
    assert "一年期贷款市场报价利率（LPR）的四倍，即年利率13.8%" in zh
    assert "第二十五条" in zh
    assert "第二十八条、第二十九条" in zh
    bank = lr.brief(FEE_STATE, lang="zh", rule=lr.law.ChinaFinancialLoans(), charts=False).markdown
    assert "不超过年利率24%" in bank
    assert "《最高人民法院关于进一步加强金融审判工作的若干意见》" in bank
    assert "第二条" in bank
    old = lr.account_state(lr.Loan(12000, "0.30", 12, start=date(2019, 6, 1), currency="CNY"),
                           as_of=date(2020, 3, 1))  # fmt: skip
    page = lr.brief(old, rule=lr.law.ChinaPrivateLending(), charts=False).markdown
    assert "at most 24 % a year (interest already paid is kept up to 36 % a year)" in page
    assert "SPC Provisions on Private Lending Cases (2015)" in page


def test_a_lenders_words_are_chosen_when_a_name_is_made() -> None:
    """To a private lender 罚息 is 逾期利息 and 逾期利息 欠息; English and a bank's stay."""
    private, bank = lr.law.ChinaLender.PRIVATE, lr.law.ChinaLender.FINANCIAL_INSTITUTION
    penalty, interest = lr.WaivePenalty(share=1), lr.WaiveInterest(share="0.5")
    assert penalty.label_in("zh") == penalty.label_in("zh", lender=bank) == "减免罚息100%"
    assert penalty.label_in("zh", lender=private) == "减免逾期利息100%"
    assert interest.label_in("zh", lender=private) == "减免欠息50%"
    assert interest.label_in("en", lender=private) == interest.label
    assert interest.label == "waive 50 % of overdue interest"
    outcome = lr.evaluate(FEE_STATE, penalty, lr.ExtendTerm(3))
    assert outcome.label_in("zh", lender=private) == "减免逾期利息100%，延长还款期限3期"


def test_no_label_keeps_the_language_of_the_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Made or shown while LOANRELIEF_LANG=zh, a relief result's text is English by default."""
    monkeypatch.setenv("LOANRELIEF_LANG", "zh")
    baseline = lr.StayOverdue(date(2025, 6, 1))
    table = lr.compare(FEE_STATE, [lr.FreezeInterest(12)], baseline=baseline)
    solved = lr.solve(FEE_STATE, max_payment=3000, objective="borrower")
    texts = [table[0].label, table[0].plan.label, baseline.label, solved.label]
    texts += [text for other in solved.alternatives for text in (other.label, other.reason)]
    assert solved.alternatives
    assert all(not re.search(r"[\u4e00-\u9fff]", text) for text in texts), texts
    assert table[0].label == "freeze, 12 instalments"
    assert baseline.label == "stay overdue until 2025-06-01"
    plan = lr.debts.plan_debts([lr.debts.Debt("A", FEE_STATE)], 3000)
    shown = [str(table[0]), str(table), table.to_html(), str(plan), plan.to_html(), str(solved)]
    assert all(not re.search(r"[\u4e00-\u9fff]", text) for text in shown), shown
    monkeypatch.delenv("LOANRELIEF_LANG")
    assert baseline.label_in("zh") == "持续逾期至2025年6月1日"
    assert table.to_text("zh").startswith("方案比较")
    # an APR of float noise (a freeze's 2.7e-15) is written 0.00 %, not refused
    assert solved.apr is not None
    assert abs(solved.apr) < 1e-12
    assert "\nAPR" in str(solved)
    assert "0.00 %" in str(solved)
    assert solved.to_text("zh").startswith("方案结果：")


def test_the_words_are_the_lenders() -> None:
    """The lender's own words.

    逾期利息 to a private lender, 罚息 to a financial institution, 个性化分期 to a card
    issuer.
    """
    private = lr.brief(FEE_STATE, lang="zh", rule=lr.law.ChinaPrivateLending(), charts=True)
    text = "".join(Page(private.html).text) + "".join(Page(private.html).chart_text)
    assert "逾期利息" in text
    assert "罚息" not in text
    bank = lr.brief(FEE_STATE, lang="zh", rule=lr.law.ChinaFinancialLoans(), charts=False)
    assert "罚息" in bank.markdown
    # no rule: the lender is said by the caller
    told = lr.brief(FEE_STATE, lang="zh", lender="private", charts=False).markdown
    assert "逾期利息" in told
    assert "罚息" not in told
    with pytest.raises(lr.InvalidTermsError, match="lender"):
        lr.brief(FEE_STATE, lender="private", rule=lr.law.ChinaFinancialLoans())
    with pytest.raises(lr.InvalidValueError, match="lender"):
        lr.brief(FEE_STATE, lender="bank")
    # a card: an individual instalment agreement under art. 70, at most 60 payments
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", late_fee_share="0.05", currency="CNY"
    )
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    history = lr.cards.card_statements(card, moves, until=date(2024, 9, 20))
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    for lang, words in (("zh", "《商业银行信用卡业务监督管理办法》第七十条"), ("en", "art. 70")):
        page = lr.brief(history.account(), lang=lang, court=view, budget=300, charts=False)
        letter = page.markdown.split("\n## ")[-1]
        assert words in letter
        assert ("个性化分期还款协议" in letter) == (lang == "zh")
        assert page.figures["plan.payments_count"] <= 60
        assert page.figures["plan.total_paid"] <= view.enforceable_payoff


def test_a_plan_that_totals_more_than_the_payoff_says_so() -> None:
    """A plan totalling more than paying off today says by how much, next to it."""
    for lang, words in (("en", "more than paying off"), ("zh", "还款总额比今日一次性结清")):
        page = lr.brief(FEE_STATE, budget=2500, lang=lang, charts=False)
        above = page.figures["plan.total_paid"] - FEE_STATE.payoff
        plan = page.markdown.split("\n## ")[-2]  # the plan's section
        if above > 0:
            assert page.figures["plan.above_payoff"] == above
            assert format_money(above, lang, "CNY") in plan
            assert words in plan
        else:
            assert "plan.above_payoff" not in page.figures
            assert words not in plan


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _chinese_page_is_chinese(text: str) -> None:
    """No ISO date, no English word; every amount of four digits or more grouped."""
    assert not ISO_DATE.search(text), ISO_DATE.findall(text)
    words = set(LATIN.findall(text))
    assert words <= ALLOWED, words - ALLOWED
    for number in NUMBER.findall(text):
        whole = number.split(".")[0]
        if "." in number and len(whole.replace(",", "")) > 3:
            assert "," in whole, number


def test_every_chinese_page_writes_dates_and_numbers_as_chinese_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One debt (private, financial, none), a card, several debts, and the court command."""
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", late_fee_share="0.05", currency="CNY"
    )
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    history = lr.cards.card_statements(card, moves, until=date(2024, 9, 20))
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    pages = [
        lr.brief(FEE_STATE, lang="zh", budget=2200, rule=lr.law.ChinaPrivateLending()),
        lr.brief(FEE_STATE, lang="zh", budget=2200, rule=lr.law.ChinaFinancialLoans()),
        lr.brief(STATE, lang="zh", budget=2200),
        lr.brief(history.account(), lang="zh", court=view, budget=800),
        lr.brief(_several(), lang="zh", budget=1200, rule=RULE),
    ]
    for page in pages:
        parsed = Page(page.html)
        _chinese_page_is_chinese("\n".join(parsed.text))  # (cells apart)
        _chinese_page_is_chinese("\n".join(parsed.chart_text))
        _chinese_page_is_chinese(page.markdown.split("data:image")[0])
    from loanrelief._cli.cli import main  # noqa: PLC0415

    argv = ["court", "--principal", "20000", "--rate", "0.096", "--term", "12",
            "--start", "2024-03-10", "--paid", "3", "--as-of", "2025-03-10",
            "--penalty-rate", "0.36", "--compound", "--day-count", "act/360",
            "--currency", "CNY", "--rule", "china-private", "--lang", "zh"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    _chinese_page_is_chinese(out)
    assert "2025年3月10日" in out
    assert "逾期利息" in out
    assert "罚息" not in out
    assert "1,055.19元" in out


def test_a_cards_brief_uses_the_cards_court_view() -> None:
    """A card in arrears: its account, its own court view, in Chinese."""
    card = lr.cards.Card(
        statement_day=7, daily_rate="0.0005", late_fee_share="0.05", currency="CNY"
    )
    moves = [lr.cards.CardTransaction(date(2024, 3, 8), 10000)]
    history = lr.cards.card_statements(card, moves, until=date(2024, 9, 20))
    view = lr.cards.card_court_view(card, moves, until=date(2024, 9, 20))
    brief = lr.brief(history.account(), lang="zh", court=view, budget=3000)
    _shown(Page(brief.html), brief)
    assert brief.figures["court.payoff.claimed"] == view.payoff
    assert brief.figures["court.payoff.allowed"] == view.enforceable_payoff
    assert brief.figures["payoff"] == history.account().payoff


def test_a_portfolio_brief_plans_the_budget() -> None:
    """Several debts: the strategies compared, the debt management plan, a letter to each."""
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10), currency="CNY"),
        as_of=date(2024, 5, 1),
        penalty=lr.PenaltyPolicy(rate_multiplier="1.5"),
    )
    b = lr.account_state(
        lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20), currency="CNY"),
        as_of=date(2024, 5, 1),
    )
    debts = [lr.debts.Debt("花呗", a), lr.debts.Debt("借呗", b)]
    # under the rule, each debt is planned from what a court would allow
    allowed = [
        lr.debts.Debt(debt.creditor, lr.court_view(debt.state.schedule, debt.state.payments,
                as_of=debt.state.as_of, rule=RULE, penalty=debt.state.penalty_policy).allowed)
        for debt in debts
    ]  # fmt: skip
    for lang in ("en", "zh"):
        brief = lr.brief(debts, lang=lang, budget=1200, rule=RULE)
        page = Page(brief.html)
        _shown(page, brief)
        for k, debt in enumerate(allowed):
            assert brief.figures[f"debts.{k}.court.allowed"] == debt.state.payoff
            claimed, excess = (
                brief.figures[f"debts.{k}.court.{c}"] for c in ("claimed", "excess")
            )
            assert claimed - excess == debt.state.payoff
        # the court table's columns in the order of their figures: claimed, not allowed, allowed
        court = re.search(r'<table id="court">(.*?)</table>', brief.html, re.S)
        assert court is not None
        heads = re.findall(r"<th[^>]*>([^<]*)</th>", court[1])
        keys = re.findall(r'data-figure="debts\.0\.court\.([a-z]+)"', court[1])
        words = {"en": ("claimed", "not allowed", "allowed"), "zh": ("主张", "不予支持", "支持")}
        assert heads[1:] == list(words[lang])
        assert keys == ["claimed", "excess", "allowed"]
        debts_planned = allowed
        comparison = lr.debts.compare_strategies(debts_planned, 1200)
        for k, plan in enumerate(comparison.plans):
            assert brief.figures[f"strategies.{k}.total_paid"] == plan.total_paid
            assert brief.figures[f"strategies.{k}.debt_free"] == plan.debt_free
        plan = lr.debts.plan_debts(debts_planned, 1200, strategy="debt_management")
        assert brief.figures["plan.total_paid"] == plan.total_paid
        for k, name in enumerate(plan.creditors):
            assert brief.figures[f"plan.{k}.payment"] == plan.payments[name][0]
            assert brief.figures[f"letters.{k}.payment"] == plan.offers[k].payment
        assert brief.html.count('class="letter"') == 2
        assert set(brief.letters) == {"花呗", "借呗"}
    words = set(LATIN.findall("".join(page.text) + "".join(page.chart_text)))
    assert words <= ALLOWED, words - ALLOWED


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: lr.brief("account"), "account"),
        (lambda: lr.brief([]), "account"),
        (lambda: lr.brief([lr.debts.Debt("A", STATE)]), "budget"),
        (lambda: lr.brief([lr.debts.Debt("A", STATE)], [lr.ExtendTerm(3)], budget=900), "options"),
        (lambda: lr.brief(STATE, court="china"), "court"),
        (lambda: lr.brief(STATE, court=RULE), "court=.*rule="),
        (lambda: lr.brief(STATE, rule="china"), "rule"),
        (
            lambda: lr.brief(
                STATE,
                rule=RULE,
                court=lr.court_view(STATE.schedule, [], as_of=STATE.as_of, rule=RULE),
            ),
            "court",
        ),
        (
            lambda: lr.brief(
                [lr.debts.Debt("A", STATE)],
                budget=900,
                court=lr.court_view(STATE.schedule, [], as_of=STATE.as_of, rule=RULE),
            ),
            "court",
        ),
        (lambda: lr.brief(STATE, lang="fr"), "lang"),
        (lambda: lr.brief(STATE, charts="yes"), "charts"),
        (lambda: lr.brief(STATE, budget="lots", charts=False), "budget"),
        (lambda: lr.brief(STATE, recovery_rate=2, charts=False), "recovery_rate"),
    ],
)
def test_bad_input_is_refused_by_name(call: object, field: str) -> None:
    """Each bad argument raises a LoanReliefError naming it."""
    with pytest.raises(lr.LoanReliefError, match=field):
        call()  # type: ignore[operator]


def test_save_writes_html_or_markdown(tmp_path: Path) -> None:
    """.md writes Markdown, anything else HTML; a missing folder is refused."""
    brief = lr.brief(STATE, charts=False)
    assert brief.save(tmp_path / "b.md").read_text(encoding="utf-8") == brief.markdown
    assert brief.save(tmp_path / "b.html").read_text(encoding="utf-8") == brief.html
    with pytest.raises(lr.InvalidValueError, match="path"):
        brief.save(tmp_path / "missing" / "b.html")


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_NEEDS_BROWSER = pytest.mark.skipif(
    _browser() is None and not os.environ.get("LOANRELIEF_BROWSER_TESTS"),
    reason="needs headless Chromium (.ci/run installs it; LOANRELIEF_BROWSER_TESTS=1 requires it)",
)


def _chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium on the arguments; return what it printed."""
    browser = _browser()
    assert browser is not None, "LOANRELIEF_BROWSER_TESTS is set but Chromium is missing"
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return done.stdout.decode("utf-8", "replace")


def _printed(brief: lr.Brief, tmp_path: Path, name: str) -> list[str]:
    """Print the page to PDF in Chromium; return each A4 sheet's text (NFKC)."""
    pypdf = pytest.importorskip("pypdf")
    page = brief.save(tmp_path / f"{name}.html")
    pdf = tmp_path / f"{name}.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    reader = pypdf.PdfReader(pdf)
    for sheet in reader.pages:  # A4: 210 x 297 mm, 595.3 x 841.9 points
        assert abs(float(sheet.mediabox.width) - 595.3) < 1.5
        assert abs(float(sheet.mediabox.height) - 841.9) < 1.5
    # the Chinese glyphs were drawn from a font that has them, not boxes
    fonts = set()
    for sheet in reader.pages:
        for entry in (sheet["/Resources"].get("/Font") or {}).values():
            font = entry.get_object()
            fonts.add(str(font.get("/Subtype")) + str(font.get("/BaseFont")))
    assert any("DejaVu" not in name for name in fonts), fonts
    return [unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in reader.pages]


def _as_shown(brief: lr.Brief, key: str, value: object) -> str | None:
    """A figure as the page writes it (None: a label the Chinese page writes in Chinese)."""
    lang = brief.lang.value
    if key == "assumptions.recovery_rate":
        return lr._presentation.i18n.format_rate(value, lang, 0)
    if isinstance(value, Decimal):
        return format_money(value, lang, "CNY")
    if isinstance(value, date):
        return lr._presentation.i18n.format_date(value, lang)
    if isinstance(value, str) and lang == "zh":
        return None
    return str(value)


# What docs/howto-brief.md promises: without charts, one debt prints on two A4 pages,
# the figures on the first and the request to the lender alone on the second; the
# charts add at most one page.
_SHEETS = {False: (2, 2), True: (2, 3)}


@_NEEDS_BROWSER
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("ruled", [False, True])
@pytest.mark.parametrize("charts", [False, True])
def test_the_page_prints_to_a4_pdf_in_a_real_browser(
    tmp_path: Path, lang: str, ruled: bool, charts: bool
) -> None:
    """Chromium prints one debt's brief on the A4 pages the docs promise, nothing clipped.

    Every figure of ``brief.figures`` is in the PDF's text; the letter is alone on the
    last sheet; and laid out at the printable width (180 mm), no table, paragraph,
    chart or letter is wider than the page.
    """
    brief = lr.brief(STATE, lang=lang, budget=2200, rule=RULE if ruled else None, charts=charts)
    sheets = _printed(brief, tmp_path, "brief")
    least, most = _SHEETS[charts]
    assert least <= len(sheets) <= most, len(sheets)
    text = "".join(sheets)
    assert unicodedata.normalize("NFKC", brief.title) in sheets[0]
    letter = {"en": "A request to the lender", "zh": "协商还款申请"}[lang]
    assert letter in sheets[-1]
    assert all(letter not in sheet for sheet in sheets[:-1])
    assert ("What the law allows" in sheets[0] or "法律允许的范围" in sheets[0]) == ruled
    for key, value in brief.figures.items():
        shown = None if value is None else _as_shown(brief, key, value)
        if shown is not None:
            assert unicodedata.normalize("NFKC", shown) in text, (key, shown)
    # nothing wider than the printable width: measured in the browser at 180 mm
    probe = brief.html.replace(
        "</body>",
        "<script>const edge = document.body.getBoundingClientRect().right + 0.5;"
        "const wide = [...document.querySelectorAll('table, p, figure, .letter, h1, h2')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 || "
        "e.getBoundingClientRect().right > edge).map(e => e.tagName + '#' + e.id);"
        "document.body.setAttribute('data-wide', JSON.stringify(wide));</script></body>",
    )
    (tmp_path / "probe.html").write_text(probe, encoding="utf-8")
    width = round(180 / 25.4 * 96)  # 180 mm at 96 px an inch
    dom = _chromium(tmp_path, f"--window-size={width},1200", "--dump-dom",
                    (tmp_path / "probe.html").as_uri())  # fmt: skip
    found = re.search(r'data-wide="([^"]*)"', dom)
    assert found is not None, "the probe did not run"
    assert found[1] == "[]", found[1]


# -- text a user gave is text on the page: no markup, no HTML, no link -----------------

HOSTILE = [
    "<script>alert(1)</script>",
    "ACME\n# Pay everything to [us](javascript:alert(1))",
    "[click](javascript:alert(1))",
    "`rm -rf /` | pipe | in a cell",
    "Bank\r\n\r\n> quoted\n- item\n1. list\n<img src=x onerror=alert(1)>",
    "**bold** _em_ ~~gone~~ \\| &lt;b&gt;",
    "- 12.50",
]
ORDINARY = ["招商银行", "Smith & Sons", "花呗"]


class Hostile:
    """An app's own lever whose label is hostile text (it extends the term)."""

    def __init__(self, label: str) -> None:
        self.label = label

    def apply(self, draft: lr.minor.Draft) -> lr.minor.Draft:  # noqa: D102
        return lr.ExtendTerm(3).apply(draft)


def _hostile_briefs(lang: str, charts: bool = False) -> list[lr.Brief]:
    """Briefs where user text reaches every place it can: names, labels, an article.

    Several debts named by HOSTILE and ORDINARY; one account whose options are labelled
    by them, and the same account under a rule whose article is hostile.
    """
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10), currency="CNY"),
        as_of=date(2024, 5, 1),
        penalty=lr.PenaltyPolicy(rate_multiplier="1.5"),
    )
    b = lr.account_state(
        lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20), currency="CNY"), as_of=date(2024, 5, 1)
    )
    debts = [lr.debts.Debt(name, [a, b][k % 2]) for k, name in enumerate(HOSTILE + ORDINARY)]
    several = lr.brief(debts, lang=lang, budget=4000, rule=RULE, charts=charts)
    cap = lr.law.AnnualRateCap(annual_rate="0.12", source=HOSTILE[1])
    options = [Hostile(name) for name in HOSTILE + ORDINARY]
    # (under a rule, options totalling more than the enforceable claim are left out:
    # the labels are shown without one, the rule's article with one)
    one = lr.brief(STATE, options, lang=lang, budget=2200, charts=charts)
    ruled = lr.brief(STATE, lang=lang, budget=2200, rule=cap, charts=charts)
    return [several, one, ruled]


def _names(brief: lr.Brief, names: list[str]) -> list[str]:
    """The names a hostile brief shows: all, or under the hostile rule its article only."""
    if "court.enforceable" in brief.figures and "debts.total" not in brief.figures:
        return [name for name in names if name == HOSTILE[1]]
    return names


def _flat(text: str) -> str:
    """Text with its whitespace runs made one space (the page writes user text on one line)."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_user_text_in_the_markdown_is_text(lang: str) -> None:
    """Hostile names and labels are text in the Markdown, in both languages.

    No raw <script, no heading or list from user text, no `](javascript:`, every table
    row whole; ordinary names (Chinese, with &) read as they are.
    """
    for brief in _hostile_briefs(lang):
        markdown = brief.markdown
        assert "<script" not in markdown.lower()
        assert "<img" not in markdown.lower()
        assert "](javascript:" not in markdown
        headings = [f"# {brief.title}", *(f"## {s.title}" for s in brief.sections)]
        lines = markdown.splitlines()
        assert [line for line in lines if line.lstrip("> ").startswith("#")] == headings
        for line in lines:
            body = line.lstrip(">").strip()
            assert not re.match(r"([-+*]\s|\d+[.)]\s|<|`|~~~|===|---\s*$)", body), line
        # a table row has as many cells as its header (no pipe of user text splits one)
        for block in re.split(r"\n\n", markdown):
            rows = [r for r in block.splitlines() if r.startswith("|")]
            cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
            assert len(cells) <= 1, block
        for name in _names(brief, ORDINARY):
            assert name in markdown  # ordinary names read as they are, & included


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_markdown_renders_user_text_as_text(lang: str) -> None:
    """A CommonMark parser (with tables) renders each name as its text.

    No tag, link, heading or list but the page's own; each name's text shown exactly
    (on one line).
    """
    markdown_it = pytest.importorskip("markdown_it")
    render = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render
    for brief in _hostile_briefs(lang):
        page = render(brief.markdown)
        tags = set(re.findall(r"<([a-z0-9]+)", page))
        assert tags <= {"h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td",
                        "blockquote", "br"}, tags  # fmt: skip
        assert page.count("<h1>") == 1
        assert page.count("<h2>") == len(brief.sections)
        text = _flat("".join(Page(page).text))
        for name in _names(brief, HOSTILE + ORDINARY):
            assert _flat(name) in text, name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_user_text_in_the_html_is_text(lang: str) -> None:
    """The HTML page (charts included) escapes every name.

    No script, link, image or event attribute; each name's text shown exactly; a line
    break in a name does not start a line of the letter.
    """

    class Tags(HTMLParser):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.tags: set[str] = set()
            self.attributes: set[str] = set()
            self.feed(text)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            self.attributes |= {name for name, _ in attrs}

    for brief in _hostile_briefs(lang, charts=True):
        parsed = Tags(brief.html)
        assert not {"script", "a", "img", "iframe", "object"} & parsed.tags, parsed.tags
        assert not [name for name in parsed.attributes if name.startswith("on")]
        assert "<script" not in brief.html.lower()
        text = _flat("".join(Page(brief.html).text))
        for name in _names(brief, HOSTILE + ORDINARY):
            assert _flat(name) in text, name
        # a name's line break does not start a line of the letter
        for letter in re.findall(r'<div class="letter">(.*?)</div>', brief.html, re.S):
            assert not any(line.startswith(("# ", "&gt; ", "- ")) for line in letter.split("\n"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_letters_own_placeholders_read_as_written(lang: str) -> None:
    """The phrases' own brackets ([your name]) stay as written; a close keeps its lines.

    Only a user's text is escaped: the fields the borrower fills in read as they do on
    the HTML page, and the Chinese close (此致 / 敬礼) is three lines of the quote.
    """
    markdown = lr.brief(STATE, lang=lang, budget=2200, rule=RULE, charts=False).markdown
    assert "\\" not in markdown
    if lang == "en":
        assert "> To: [the lender's name]  \n" in markdown
        assert markdown.endswith("> Yours faithfully, [your name]\n")
    else:
        assert "> 致：[出借机构名称]  \n" in markdown
        assert markdown.endswith("> 此致  \n> 敬礼  \n> 申请人：[您的姓名]\n")


_MARKDOWN_TEXT = st.one_of(
    st.text(st.sampled_from(list("[]()<>&#;*_`~|\\!-+=:.1aZ x/\"'@{}^\n\t\r\u2028")), max_size=40),
    st.text(max_size=40),
)


class _Rendered(HTMLParser):
    """The tags and the text of rendered HTML."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


@given(_MARKDOWN_TEXT)
def test_any_text_renders_as_exactly_that_text(text: str) -> None:
    """Any text, as a paragraph and as a table cell, renders as that text on one line."""
    markdown_it = pytest.importorskip("markdown_it")
    render = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render
    shown = _outline._one_line(text).strip()
    paragraph = _Rendered(render(_document._markdown_text(text)))
    assert paragraph.tags == (["p"] if shown else [])
    assert paragraph.text.strip("\n") == shown
    cell = _Rendered(render(f"| {_document._markdown_text(text, inline=True)} |\n|---|\n"))
    assert cell.tags == ["table", "thead", "tr", "th"]
    assert cell.text.strip("\n") == shown


def test_the_plan_a_brief_proposes_does_not_add_the_contracts_fee() -> None:
    """The budget's plan on a loan with a 200 fee: a freeze costs the payoff, no more.

    The brief proposes the package cheapest for the borrower (solve); a freeze of a loan
    with a monthly service fee used to cost 36 x 200 above the lender's own payoff. The
    outcome now says what it pays above the payoff (here nothing).
    """
    loan = lr.Loan(50000, "0.12", 24, start=date(2024, 1, 15), instalment_fee=200)
    paid = [lr.Payment(r.due_date, r.amount_due) for r in lr.amortize(loan)[:2]]
    state = lr.account_state(loan, paid, as_of=date(2024, 7, 1))
    plan = lr.solve(state, max_payment=1400, objective="borrower")
    assert plan.label == "freeze, 35 instalments"  # 1,383.48 a month
    assert plan.total_paid == state.payoff
    assert not plan.exceeds_payoff
    page = lr.brief(state, budget=1400, charts=False)
    assert page.figures["plan.total_paid"] == state.payoff
    kept = lr.solve(state, max_payment=1400, steps=["freeze"], fee_rate="0.001")
    assert kept.exceeds_payoff
    assert kept.above_payoff == kept.total_paid - state.payoff
    assert "above the payoff of 48,421.65 on the day" in kept.to_text("en")
