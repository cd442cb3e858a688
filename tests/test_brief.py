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
from loanrelief import briefs
from loanrelief.i18n import format_money

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
RULE = lr.ChinaPrivateLending()


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
    brief = lr.brief(STATE, lang=lang, budget=2200, court=RULE)
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
    # the options, against compare() and lender_npv()
    table = lr.compare(STATE, lr.brief_options())
    for k, outcome in enumerate(table):
        assert figures[f"options.{k}.payment"] == outcome.payment
        assert figures[f"options.{k}.total_paid"] == outcome.total_paid
        assert figures[f"options.{k}.present_value"] == outcome.present_value
        assert figures[f"options.{k}.saving"] == outcome.saving
        gain = lr.lender_npv(
            STATE,
            outcome,
            cost_of_funds=LOAN.annual_rate,
            recovery_rate="0.4",
            recovery_delay=365,
        ).gain
        assert figures[f"options.{k}.lender_gain"] == gain
    # the plan for the budget: solve()'s, for the borrower
    plan = lr.solve(STATE, max_payment=2200, objective="borrower")
    assert figures["plan.label"] == plan.label
    assert figures["plan.regular_payment"] == plan.regular_payment <= 2200
    text = "".join(page.text)
    assert format_money(plan.regular_payment, lang, "CNY") in text  # the plan and the letter
    assert ("[your name]" in text) == (lang == "en")
    assert ("[您的姓名]" in text) == (lang == "zh")


def test_the_chinese_page_leaves_nothing_in_english() -> None:
    """Every word of the Chinese page and its charts is Chinese (but CNY, LPR, loanrelief)."""
    brief = lr.brief(STATE, lang="zh", budget=2200, court=RULE)
    page = Page(brief.html)
    words = set(LATIN.findall("".join(page.text))) | set(LATIN.findall("".join(page.chart_text)))
    assert words <= ALLOWED, words - ALLOWED
    assert 'lang="zh-CN"' in brief.html
    assert "2024年7月1日" in "".join(page.text)


def test_both_languages_carry_the_same_figures() -> None:
    """The same account in English and Chinese: the same figures, key by key."""
    en = lr.brief(STATE, lang="en", budget=2200, court=RULE, charts=False)
    zh = lr.brief(STATE, lang="zh", budget=2200, court=RULE, charts=False)
    assert en.figures == zh.figures


def test_the_page_is_self_contained_and_prints_on_a4() -> None:
    """No network reference; the charts inline; an A4 page rule for print."""
    html = lr.brief(STATE, budget=2200, court=RULE).html
    assert "@page { size: A4" in html
    assert html.count("<svg") == 1
    assert not re.search(r"(src|href)=\"https?:", html)
    markdown = lr.brief(STATE, budget=2200, court=RULE).markdown
    assert "data:image/svg+xml;base64," in markdown
    assert markdown.startswith("# Negotiation brief (as of 1 Jul 2024)")
    # The same brief twice is the same bytes (the charts' ids are not random).
    assert lr.brief(STATE, budget=2200, court=RULE).html == html


def test_a_budget_no_option_meets_is_said_plainly() -> None:
    """A budget below every option: the page says so and names the lowest payment."""
    brief = lr.brief(STATE, budget=100, charts=False)
    assert brief.figures["plan.label"] is None
    assert "No option fits a budget of ¥100.00 a month" in brief.markdown


def test_a_cards_brief_uses_the_cards_court_view() -> None:
    """A card in arrears: its account, its own court view, in Chinese."""
    card = lr.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05", currency="CNY")
    moves = [lr.CardTransaction(date(2024, 3, 8), 10000)]
    history = lr.card_statements(card, moves, until=date(2024, 9, 20))
    view = lr.card_court_view(card, moves, until=date(2024, 9, 20))
    brief = lr.brief(history.account(), lang="zh", court=view, budget=3000)
    _shown(Page(brief.html), brief)
    assert brief.figures["court.payoff.claimed"] == view.payoff
    assert brief.figures["court.payoff.allowed"] == view.enforceable_payoff
    assert brief.figures["payoff"] == history.account().payoff


def test_a_portfolio_brief_plans_the_budget() -> None:
    """Several debts: the strategies compared, the least-cost plan, a letter to each."""
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10), currency="CNY"),
        as_of=date(2024, 5, 1),
        penalty=lr.PenaltyPolicy(rate_multiplier="1.5"),
    )
    b = lr.account_state(
        lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20), currency="CNY"),
        as_of=date(2024, 5, 1),
    )
    debts = [lr.Debt("花呗", a), lr.Debt("借呗", b)]
    for lang in ("en", "zh"):
        brief = lr.brief(debts, lang=lang, budget=1200, court=RULE)
        page = Page(brief.html)
        _shown(page, brief)
        comparison = lr.compare_strategies(debts, 1200)
        for k, plan in enumerate(comparison.plans):
            assert brief.figures[f"strategies.{k}.total_paid"] == plan.total_paid
            assert brief.figures[f"strategies.{k}.debt_free"] == plan.debt_free
        plan = lr.plan_debts(debts, 1200)
        assert brief.figures["plan.total_paid"] == plan.total_paid
        for name in plan.creditors:
            assert brief.figures[f"plan.{name}.first_payment"] == plan.payments[name][0]
        assert brief.html.count('class="letter"') == 2
    words = set(LATIN.findall("".join(page.text) + "".join(page.chart_text)))
    assert words <= ALLOWED, words - ALLOWED


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: lr.brief("account"), "account"),
        (lambda: lr.brief([]), "account"),
        (lambda: lr.brief([lr.Debt("A", STATE)]), "budget"),
        (lambda: lr.brief([lr.Debt("A", STATE)], [lr.ExtendTerm(3)], budget=900), "options"),
        (lambda: lr.brief(STATE, court="china"), "court"),
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


@pytest.mark.skipif(
    _browser() is None and not os.environ.get("LOANRELIEF_BROWSER_TESTS"),
    reason="needs headless Chromium (.ci/run installs it; LOANRELIEF_BROWSER_TESTS=1 requires it)",
)
def test_the_page_prints_to_a4_pdf_in_a_real_browser(tmp_path: Path) -> None:
    """Chromium prints the Chinese page: A4 pages whose text carries the figures."""
    pypdf = pytest.importorskip("pypdf")
    browser = _browser()
    assert browser is not None, "LOANRELIEF_BROWSER_TESTS is set but Chromium is missing"
    brief = lr.brief(STATE, lang="zh", budget=2200, court=RULE)
    page = brief.save(tmp_path / "brief.html")
    pdf = tmp_path / "brief.pdf"
    subprocess.run(
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
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 2
    for sheet in reader.pages:  # A4: 210 x 297 mm, 595.3 x 841.9 points
        assert abs(float(sheet.mediabox.width) - 595.3) < 1.5
        assert abs(float(sheet.mediabox.height) - 841.9) < 1.5
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert unicodedata.normalize("NFKC", brief.title) in text
    for key in ("payoff", "court.enforceable", "plan.regular_payment"):
        assert format_money(brief.figures[key], "zh", "CNY") in text, key
    # the Chinese glyphs were drawn from a font that has them, not boxes
    fonts = set()
    for sheet in reader.pages:
        for entry in (sheet["/Resources"].get("/Font") or {}).values():
            font = entry.get_object()
            fonts.add(str(font.get("/Subtype")) + str(font.get("/BaseFont")))
    assert any("DejaVu" not in name for name in fonts), fonts


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
    by them and whose rule's article is hostile.
    """
    a = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10), currency="CNY"),
        as_of=date(2024, 5, 1),
        penalty=lr.PenaltyPolicy(rate_multiplier="1.5"),
    )
    b = lr.account_state(
        lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20), currency="CNY"), as_of=date(2024, 5, 1)
    )
    debts = [lr.Debt(name, [a, b][k % 2]) for k, name in enumerate(HOSTILE + ORDINARY)]
    several = lr.brief(debts, lang=lang, budget=4000, court=RULE, charts=charts)
    cap = lr.AnnualRateCap(annual_rate="0.12", source=HOSTILE[1])
    options = [Hostile(name) for name in HOSTILE + ORDINARY]
    one = lr.brief(STATE, options, lang=lang, budget=2200, court=cap, charts=charts)
    return [several, one]


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
        for name in ORDINARY:
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
        for name in HOSTILE + ORDINARY:
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
        for name in HOSTILE + ORDINARY:
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
    markdown = lr.brief(STATE, lang=lang, budget=2200, court=RULE, charts=False).markdown
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
    shown = briefs._one_line(text).strip()
    paragraph = _Rendered(render(briefs._markdown_text(text)))
    assert paragraph.tags == (["p"] if shown else [])
    assert paragraph.text.strip("\n") == shown
    cell = _Rendered(render(f"| {briefs._markdown_text(text, inline=True)} |\n|---|\n"))
    assert cell.tags == ["table", "thead", "tr", "th"]
    assert cell.text.strip("\n") == shown


def test_the_plan_a_brief_proposes_does_not_add_the_contracts_fee() -> None:
    """The budget's plan on a loan with a 200 fee: a freeze costs the payoff, no more.

    The brief proposes the package cheapest for the borrower (solve); a freeze of a loan
    with a monthly service fee used to cost 36 x 200 above the lender's own payoff. The
    outcome now says what it pays above the payoff (here nothing).
    """
    loan = lr.Loan(50000, "0.12", 24, start=date(2024, 1, 15), installment_fee=200)
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
