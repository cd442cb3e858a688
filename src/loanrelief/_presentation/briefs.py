"""The negotiation brief: a page a borrower can read, print and send to the lender.

:func:`brief` gathers what the library knows about an account (or several debts) into
one document: what is owed today and what each week of delay adds, what the law
allows (the court view), the options side by side with what each costs and what the
lender gains against a default, the plan that fits the borrower's budget and why, and
a draft request to the lender (协商还款申请) filled with those figures, the borrower's
own details left as fields to complete.

Every figure is computed here, by the library's own functions (:func:`account_state`'s
payoff lines, :func:`cost_of_delay`, :func:`court_view`, :func:`compare`,
:func:`solve`, :func:`lender_npv`, :func:`plan_debts`), into a neutral outline of
sections, paragraphs, tables and charts; the HTML and Markdown renderers only write
that outline out, so both carry the same figures. Text comes from the translation
table (:mod:`loanrelief._presentation.i18n`) in English or Chinese. The HTML page is self-contained
(charts are inline SVG, no network access is needed) and prints on A4.

Text a user gave (a creditor's name, an app's lever label, a rule's name or article)
is plain text in the outline, on one line (:func:`_one_line`: a line break or another
control character in it becomes a space, so it cannot start a line of the letter or a
block of the page). Text made from a phrase of the table is a :class:`_Text`, which
knows which of its parts are the phrase's own and which were filled in. Each renderer
writes every piece of text as text: the HTML one escapes it (``html.escape``), the
Markdown one with :func:`_markdown_text` (no emphasis, code, table cell, heading,
list, HTML or link can come out of it; only the phrases' own brackets, the letter's
``[your name]``, are left as they are).
"""

from __future__ import annotations

import base64
import dataclasses
import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, final

from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import Money, Rate, exact_decimals, to_major, to_minor
from loanrelief._foundations.optional import require
from loanrelief._foundations.output import a_file_path, write_checked
from loanrelief._foundations.validate import a_flag, a_sequence
from loanrelief._ledger.account import AccountState, cost_of_delay
from loanrelief._ledger.court import CourtView, court_view, lender_of
from loanrelief._presentation.court import charge_label
from loanrelief._presentation.display import counts_named
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
    format_rate,
    language,
    translate,
)
from loanrelief._presentation.plot import for_svg, plot_comparison, plot_strategies, svg_of
from loanrelief._relief.debts import (
    Debt,
    DebtOffer,
    DebtPlan,
    Strategy,
    compare_strategies,
    plan_debts,
)
from loanrelief._relief.evaluation import Comparison, Option, Outcome, compare, evaluate
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForgivePrincipal,
    FreezeInterest,
    InstallmentPlan,
    Lever,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaivePenalty,
)
from loanrelief._relief.negotiation import lender_npv, solve
from loanrelief.cards._book import card_award
from loanrelief.cards._cards import CardCourtView
from loanrelief.law._china import REFORM_DATE, ChinaLender, ChinaPrivateLending
from loanrelief.law._lpr import LPRTable
from loanrelief.law._rules import Base, Charge, Limit, Rule

__all__ = ["Brief", "brief", "brief_options"]


def brief_options() -> list[Option]:
    """Return the options a brief compares when none are given.

    Extend the term 12 periods (延长还款期限), the same with the arrears capitalized,
    36 instalments (分期), half the overdue interest waived (减免利息), the penalty
    waived (减免罚息), a 36-instalment freeze (停息挂账) and a settlement at 60 %
    (一次性结清): the concessions a borrower can ask for, from the smallest.

    Examples
    --------
    >>> len(brief_options())
    7
    """
    return [
        ExtendTerm(12),
        [CapitalizeArrears(), ExtendTerm(12)],
        InstallmentPlan(36),
        WaiveInterest(share="0.5"),
        WaivePenalty(share=1),
        FreezeInterest(36),
        Settlement(share="0.6"),
    ]


# -- the outline: what both renderers write -----------------------------------------


class _Text(str):
    """Text made from a phrase of the table: its parts, each the phrase's own or filled in.

    ``parts`` are ``(text, own)`` pairs: ``own`` for the phrase's words and what the
    library wrote into it (a number, another phrase); a ``str`` field is a user's text
    as far as the page knows (a creditor, a label, an amount), put on one line. The
    Markdown renderer escapes the two kinds differently (:func:`_markdown_text`).
    """

    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, phrase: str, lang: Language, fields: Mapping[str, object]) -> _Text:
        """Return the phrase in ``lang`` with its fields, and which parts are which."""
        lines = {
            key: _one_line(v) if isinstance(v, str) and not isinstance(v, _Text) else v
            for key, v in fields.items()
        }
        whole = translate(phrase, lang, **lines)  # checks the phrase and its fields
        parts: list[tuple[str, bool]] = []
        for literal, name, spec, conversion in string.Formatter().parse(translate(phrase, lang)):
            parts.append((literal, True))
            if name is None:
                continue
            if name not in lines:  # an index or attribute in the field: all filled in
                parts = [(whole, False)]
                break
            value = lines[name]
            if isinstance(value, _Text) and not spec and not conversion:
                parts += value.parts
            elif isinstance(value, str) or conversion:
                parts.append((format(value, spec or ""), False))
            else:  # a number the library wrote
                parts.append((format(value, spec or ""), True))
        text = cls(whole)
        own = "".join(part for part, _ in parts) == whole
        text.parts = tuple(parts) if own else ((whole, False),)
        return text


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    figure: str = ""  # the key of the figure it shows (Brief.figures), for checks
    number: bool = False

    def __post_init__(self) -> None:  # a cell is one line, whoever wrote its text
        if not isinstance(self.text, _Text):  # (a phrase's fields are one line already)
            object.__setattr__(self, "text", _one_line(self.text))


@dataclass(frozen=True, slots=True)
class _Table:
    key: str
    header: tuple[str, ...]
    rows: tuple[tuple[_Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class _Chart:
    svg: str
    caption: str


@dataclass(frozen=True, slots=True)
class _Letter:
    lines: tuple[str, ...]
    to: str = ""  # the creditor a several-debts letter goes to
    key: str = ""  # the prefix of its figures' keys (``letters.0.``)


_Block = str | _Table | _Chart | _Letter


@dataclass(frozen=True, slots=True)
class _Section:
    key: str
    title: str
    blocks: tuple[_Block, ...]


@final
@dataclass(frozen=True, slots=True)
class Brief:
    """A negotiation brief: its figures, and the page as HTML and as Markdown.

    Attributes
    ----------
    lang : Language
        The language of its text.
    title : str
    figures : mapping of str to Decimal, int, str or date
        Every figure the page shows, by key (``"payoff"``, ``"options.2.total_paid"``,
        ``"court.enforceable"`` …): what an app or a test reads instead of the page.
        Each table cell showing one carries its key as ``data-figure`` in the HTML.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15)),
    ...                          as_of=date(2024, 5, 1))
    >>> page = lr.brief(state, [lr.ExtendTerm(6)], lang="zh", charts=False)
    >>> page.figures["payoff"], page.title
    (Decimal('12380.23'), '协商还款材料（截至2024年5月1日）')
    >>> "<!DOCTYPE html>" in page.html, page.markdown.startswith("# 协商还款材料")
    (True, True)
    """

    lang: Language
    title: str
    figures: Mapping[str, Any]
    sections: tuple[_Section, ...] = field(repr=False)

    @property
    def html(self) -> str:
        """The page: one self-contained HTML document, A4 when printed."""
        return _html(self)

    @property
    def markdown(self) -> str:
        """The same content as Markdown (charts as inline SVG images)."""
        return _markdown(self)

    @property
    def letters(self) -> Mapping[str, Brief]:
        """Each creditor's letter alone, by creditor: the page to send that creditor.

        For several debts. A letter's page holds that letter only, and its figures are
        the letter's own (``letters.0.payment``, ``letters.0.owed`` …): nothing of the
        other creditors, of the budget or of the borrower's overview. Empty for one
        account (its letter is the last section of the page).

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
        ...                      as_of=date(2024, 5, 1))
        >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)),
        ...                      as_of=date(2024, 5, 1))
        >>> debts = [lr.debts.Debt("A", a), lr.debts.Debt("B", b)]
        >>> page = lr.brief(debts, budget=900, charts=False)
        >>> letter = page.letters["B"]
        >>> letter.figures["letters.1.payment"], "A" in letter.figures.values()
        (Decimal('291.35'), False)
        """
        found: dict[str, Brief] = {}
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, _Letter) and block.to:
                    own = {k: v for k, v in self.figures.items() if k.startswith(block.key)}
                    title = translate("A request to the lender", self.lang)
                    only = (_Section("request", "", (block,)),)  # no page break before
                    found[block.to] = Brief(self.lang, title, own, only)
        return MappingProxyType(found)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path``: Markdown for ``.md``, else HTML; return the path.

        The path is checked before the page is written (``output.a_file_path``).

        Raises
        ------
        InvalidTypeError
            If ``path`` is not a ``str`` or a path object.
        InvalidValueError
            If ``path`` names a folder (``/`` included), is empty, holds a NUL character
            or a name too long, lies in a folder that does not exist, or cannot be
            written (a read-only folder, a full disk): the message names the path and
            the reason.
        """
        target = a_file_path(path, "path")
        text = self.markdown if target.suffix.lower() == ".md" else self.html
        return write_checked(target, text, "path")

    def __repr__(self) -> str:
        return f"Brief({self.title!r}, {len(self.sections)} sections, lang={self.lang.value!r})"


# -- building ---------------------------------------------------------------------------


@exact_decimals
def brief(
    account: AccountState | Sequence[Debt],
    options: Iterable[Option] | None = None,
    *,
    lang: Language | str | None = None,
    budget: Money | None = None,
    court: Rule | CourtView | CardCourtView | None = None,
    lender: ChinaLender | str | None = None,
    discount_rate: Rate | None = None,
    recovery_rate: Rate = "0.4",
    recovery_delay: int = 365,
    charts: bool = True,
) -> Brief:
    """Make a negotiation brief for one account, or for several debts and one budget.

    Parameters
    ----------
    account : AccountState or sequence of Debt
        One account where it stands (a loan's, a statement's or a card's
        :meth:`~loanrelief.cards.CardHistory.account`), or the borrower's debts
        (:class:`~loanrelief.debts.Debt`), which then need a ``budget``.
    options : iterable of levers or packages, optional
        The options to set side by side; by default :func:`brief_options`. For
        several debts, the strategies of :func:`compare_strategies` are compared.
    lang : Language, "en" or "zh", optional
        The page's language (:func:`loanrelief._presentation.i18n.language`); the figures are the
        same in both.
    budget : money, optional
        What the borrower can pay each month. It chooses the plan the brief proposes
        (by :func:`solve`, for the borrower's least present value, with a payment
        within it) but is never written on the page: the page goes to the lender.
        Required for several debts (:func:`plan_debts`).
    court : Rule, CourtView or CardCourtView, optional
        What the law allows: a rule (the court view is computed from the account's
        own replay, :func:`court_view`), or a view already computed (a card's, from
        :func:`card_court_view`). Without it, the brief has no court section. With a
        rule or a loan's view, the options and the plan start from the enforceable
        claim (the account replayed under the rule), each ceiling is stated with its
        article, and no option or plan totalling more than the enforceable claim is
        proposed.
    lender : ChinaLender or str, optional
        ``"private"``, ``"financial_institution"``, ``"local_financial_organisation"``
        (:class:`~loanrelief.law.ChinaLender`) or ``"card_issuer"``.
        Who the brief is addressed to, for the words the page uses (Chinese law's
        own: 逾期利息 for a private lender's overdue interest, 罚息 for a financial
        institution's penalty interest). By default from ``court`` (a Chinese rule
        names its lenders) or the account (a card's is a card issuer's). To a card
        issuer the plan proposed is an individual instalment agreement (个性化分期,
        《商业银行信用卡业务监督管理办法》第七十条: at most 5 years).
    discount_rate : rate, optional
        The borrower's discount rate for present values (default: the contract rate).
    recovery_rate, recovery_delay : rate and int, default 0.4 and 365
        What the lender is taken to recover through a default (a share of the payoff,
        after so many days), for "what the lender gains against a default"
        (:func:`lender_npv`, at the contract rate). The page states both.
    charts : bool, default True
        Draw the charts (inline SVG; needs the ``plot`` extra, matplotlib).

    Returns
    -------
    Brief

    Raises
    ------
    InvalidTypeError, InvalidValueError
        For an account, option, budget, rule or lender that is not valid (named).
    InvalidTermsError
        For a ``lender`` the rule does not govern (a private lender under the
        financial-loan rule, or the other way round).
    MissingDependencyError
        With ``charts=True`` and matplotlib not installed.

    Notes
    -----
    An option's payment is its regular payment, or for a one-payment option (a
    settlement) that payment. The delay section prices 1 to 4 more weeks without
    payment (:func:`cost_of_delay`).
    The lender's gain is :func:`lender_npv`'s ``gain`` with no re-default: the offer's
    payments discounted at the contract rate, less the recovery of a default now.
    Under a rule the plan is the borrower's cheapest (present value) among the
    packages :func:`solve` finds within the budget whose total does not exceed the
    enforceable claim, else the shortest interest-free instalment plan (停息挂账) of
    that claim within the budget.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
    >>> state = lr.account_state(loan, as_of=date(2024, 7, 1),
    ...                          penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> page = lr.brief(state, budget=2000, court=lr.law.ChinaPrivateLending(), charts=False)
    >>> page.figures["plan.label"], page.figures["plan.regular_payment"]
    ('freeze, 27 instalments', Decimal('1969.69'))
    >>> page.figures["plan.total_paid"] <= page.figures["court.enforceable"]
    True
    """
    chosen = language(lang)
    draw = a_flag(charts, "charts")
    if draw:
        require("matplotlib", "plot", "brief(charts=True)")
    if isinstance(account, AccountState):
        return _one_account(
            account,
            options,
            lang=chosen,
            budget=budget,
            court=court,
            lender=_lender(lender, account, court),
            discount_rate=discount_rate,
            recovery_rate=recovery_rate,
            recovery_delay=recovery_delay,
            charts=draw,
        )
    if isinstance(account, str | bytes) or not isinstance(account, Sequence):
        raise InvalidTypeError(
            "account", account, "an AccountState, or a sequence of Debt with a budget"
        )
    debts = list(a_sequence(account, "account"))
    if not debts or not all(isinstance(debt, Debt) for debt in debts):
        raise InvalidValueError(
            "account", account, "an AccountState, or a non-empty sequence of Debt"
        )
    if options is not None:
        raise InvalidValueError("options", options, "None for several debts (strategies)")
    if budget is None:
        raise InvalidValueError("budget", budget, "a monthly budget, for several debts")
    return _debts(
        debts,
        lang=chosen,
        budget=budget,
        court=court,
        lender=_lender(lender, None, court),
        discount_rate=discount_rate,
        charts=draw,
    )


_CARD_ISSUER = "card_issuer"
# The regulated individual instalment agreement for credit-card debt: at most 5 years.
_CARD_PLAN_MONTHS = 60
_CARD_PLAN_SOURCE = (
    "art. 70 of the CBRC Measures on the Credit Card Business of Commercial Banks (2011)",
    "《商业银行信用卡业务监督管理办法》第七十条",
)


@dataclass(frozen=True, slots=True)
class _Lender:
    """Who the brief is addressed to: the Chinese kind of lender, and a card issuer."""

    kind: ChinaLender | None
    card: bool = False


def _lender(given: object, account: AccountState | None, court: object) -> _Lender:
    """Return the lender the brief is addressed to: as given, else from the rule or a card."""
    ruled = None
    if isinstance(court, Rule):
        ruled = lender_of(court)
    elif isinstance(court, CourtView):
        ruled = court.lender
    card = isinstance(court, CardCourtView) or (account is not None and account.card is not None)
    if given is None:
        if card:
            return _Lender(ChinaLender.FINANCIAL_INSTITUTION, card=True)
        return _Lender(ruled)
    valid = ", ".join([*(k.value for k in ChinaLender), _CARD_ISSUER])
    if given in (_CARD_ISSUER, "card issuer"):
        chosen = _Lender(ChinaLender.FINANCIAL_INSTITUTION, card=True)
    elif isinstance(given, ChinaLender | str):
        try:
            chosen = _Lender(ChinaLender(given))
        except ValueError:
            raise InvalidValueError("lender", given, f"one of {valid}, or None") from None
    else:
        raise InvalidTypeError("lender", given, f"one of {valid}, or None")
    private = chosen.kind is ChinaLender.PRIVATE
    if ruled is not None and (ruled is ChinaLender.PRIVATE) != private:
        raise InvalidTermsError(
            "lender", given, f"a lender the court rule governs ({ruled.value})"
        )
    return chosen


class _Page:
    """The outline being built: sections, and every figure by key."""

    def __init__(self, lang: Language, currency: str | None, lender: _Lender) -> None:
        self.lang = lang
        self.currency = currency
        self.lender = lender
        self.sections: list[_Section] = []
        self.figures: dict[str, Any] = {}

    def t(self, phrase: str, **fields: object) -> _Text:
        return _Text.of(phrase, self.lang, fields)

    def money(self, key: str, amount: Decimal) -> _Cell:
        self.figures[key] = amount
        return _Cell(format_money(amount, self.lang, self.currency), key, number=True)

    def text_money(self, key: str, amount: Decimal) -> str:
        self.figures[key] = amount
        return format_money(amount, self.lang, self.currency)

    def count(self, key: str, value: int) -> _Cell:
        self.figures[key] = value
        return _Cell(str(value), key, number=True)

    def day(self, key: str, value: date | None) -> str:
        self.figures[key] = value
        return "-" if value is None else format_date(value, self.lang)

    def add(self, key: str, title: str, *blocks: _Block) -> None:
        self.sections.append(_Section(key, title, tuple(blocks)))

    def done(self, title: str) -> Brief:
        return Brief(self.lang, str(title), dict(self.figures), tuple(self.sections))

    @property
    def private(self) -> bool:
        """Chinese words of private lending (逾期利息 where the library says 罚息)."""
        return self.lang is Language.ZH and self.lender.kind is ChinaLender.PRIVATE

    def words(self, phrase: str) -> str:
        """Return a charge's name (an owed line, a header) in the lender's words."""
        if phrase == "penalty" and self.private:
            return translate("overdue interest", self.lang)
        return translate(phrase, self.lang)

    def label(self, option: Outcome) -> str:
        """Return an option's name in the lender's words.

        In Chinese, to a private lender, a waiver of the penalty is one of 逾期利息, and
        a waiver of contract interest in arrears one of 欠息 (逾期利息 being the penalty).
        """
        text = option.label_in(self.lang)
        if not all(
            type(lever).__module__ == "loanrelief._relief.levers" for lever in option.levers
        ):
            return text  # an app's own lever keeps its own words
        return self.private_words(text)

    def private_words(self, text: str) -> str:
        """Text of the library's (a label, a chart) in a private lender's words, in Chinese."""
        if not self.private:
            return text
        return text.replace("逾期利息", "欠息").replace("罚息", "逾期利息")


@dataclass(frozen=True, slots=True)
class _Claim:
    """The court section's result: the payoff claimed and enforceable, and more.

    ``allowed`` is the account under the rule where it could be replayed (what the
    options start from), else None.
    """

    claimed: Decimal
    enforceable: Decimal
    allowed: AccountState | None


def _one_account(
    state: AccountState,
    options: Iterable[Option] | None,
    *,
    lang: Language,
    budget: Money | None,
    court: Rule | CourtView | CardCourtView | None,
    lender: _Lender,
    discount_rate: Rate | None,
    recovery_rate: Rate,
    recovery_delay: int,
    charts: bool,
) -> Brief:
    page = _Page(lang, state.loan.currency, lender)
    t = page.t
    title = t("Negotiation brief (as of {as_of})", as_of=format_date(state.as_of, lang))
    _owed_today(page, state, "")
    claim = _court(page, state, court)
    chosen = brief_options() if options is None else a_sequence(options, "options")
    if not chosen:
        raise InvalidValueError("options", options, "at least one option, or None for the usual")
    # Under a rule, every option starts from what a court would allow: the account
    # replayed under the rule, or for a card, whose replay is its own, the claim with
    # what the rule does not allow waived first.
    base = state if claim is None or claim.allowed is None else claim.allowed
    prefix = _excess_waived(state, court) if isinstance(court, CardCourtView) else []
    if prefix:
        chosen = [[*prefix, *(o if isinstance(o, list | tuple) else [o])] for o in chosen]
    table = compare(base, chosen, discount_rate=discount_rate)

    gains: dict[int, Decimal] = {}

    def gain(outcome: Outcome) -> Decimal:
        if id(outcome) not in gains:
            gains[id(outcome)] = lender_npv(
                base,
                outcome,
                cost_of_funds=base.loan.annual_rate,
                recovery_rate=recovery_rate,
                recovery_delay=recovery_delay,
            ).gain
        return gains[id(outcome)]

    for outcome in table:  # the recovery's terms checked (named) before they are written
        gain(outcome)
    share = Decimal(str(recovery_rate))
    note = t(
        "The lender's gain assumes a default recovers {share} of the payoff after {days} "
        "days, discounted at the contract rate.",
        share=format_rate(share, lang, 0),
        days=recovery_delay,
    )
    cap = None if claim is None else claim.enforceable
    _options(page, table, gain, charts, note=note, cap=cap)
    page.figures["assumptions.recovery_rate"] = share
    page.figures["assumptions.recovery_delay"] = recovery_delay
    plan = _plan(
        page,
        base,
        table,
        budget,
        discount_rate=discount_rate,
        cap=cap,
        court=court,
        gain=gain,
        prefix=prefix,
    )
    _letter(page, state, plan, claim)
    return page.done(title)


def _owed_today(page: _Page, state: AccountState, prefix: str) -> None:
    t, lang = page.t, page.lang
    rows = (
        *(
            (
                _Cell(page.words(name)),
                page.money(f"{prefix}owed.{name.replace(' ', '_')}", amount),
            )
            for name, amount in state.payoff_lines()
        ),
        (_Cell(t("payoff")), page.money(f"{prefix}payoff", state.payoff)),
    )
    page.figures[f"{prefix}days_past_due"] = state.days_past_due
    intro = t(
        "As of {as_of} the account is {days} days past due. Paying it off today takes "
        "{payoff}, made up of:",
        as_of=format_date(state.as_of, lang),
        days=state.days_past_due,
        payoff=format_money(state.payoff, lang, page.currency),
    )
    room = (date.max - state.as_of).days  # no wait past the calendar's last day
    delays = cost_of_delay(state, [days for days in (7, 14, 21, 28) if days <= room])
    blocks: list[_Block] = [intro, _Table("owed", (t("item"), t("amount")), rows)]
    if delays:
        delay_rows = tuple(
            (
                _Cell(t("1 week") if cost.days == 7 else t("{count} weeks", count=cost.days // 7)),
                page.money(f"{prefix}delay.{cost.days}.payoff", cost.payoff),
                page.money(f"{prefix}delay.{cost.days}.penalty", cost.penalty),
                page.money(f"{prefix}delay.{cost.days}.interest", cost.interest),
                page.money(f"{prefix}delay.{cost.days}.fees", cost.fees),
            )
            for cost in delays
        )
        header = (
            t("wait"),
            t("payoff grows by"),
            page.words("penalty"),
            t("interest"),
            t("fees"),
        )
        blocks += [
            t(
                "Each further week without payment adds to what is owed: {week} in the first "
                "week.",
                week=format_money(delays[0].payoff, lang, page.currency),
            ),
            _Table("delay", header, delay_rows),
        ]
    page.add("owed", t("What is owed today"), *blocks)


def _court(
    page: _Page, state: AccountState, court: Rule | CourtView | CardCourtView | None
) -> _Claim | None:
    """Add the court section; return the claim (claimed, enforceable, the allowed account)."""
    if court is None:
        return None
    t, lang = page.t, page.lang
    if isinstance(court, Rule):
        if state.opening is not None:
            raise InvalidValueError(
                "court",
                court,
                "a CourtView for an account started from a statement (its own replay "
                "cannot be put under a rule)",
            )
        court = court_view(
            state.schedule,
            state.payments,
            as_of=state.as_of,
            rule=court,
            penalty=state.penalty_policy,
            allocation=state.allocation,
            costs=state.enforcement_costs,
            accrual=state.accrual,
        )
    zh = lang is Language.ZH
    header = (t("item"), t("claimed"), t("not allowed"), t("allowed"), t("article"))
    kind = page.lender.kind
    allowed: AccountState | None = None
    if isinstance(court, CourtView):
        name = getattr(court.rule, "name_zh", court.rule.name) if zh else court.rule.name
        rows = _court_rows(page, court, kind)
        payoff = court.lines[-1]
        claimed, enforceable = payoff.charged, payoff.allowed
        as_of = court.as_of
        limits = court.rule.limits(court.allowed.loan, court.as_of)
        allowed = court.allowed if state.opening is None else None
        ceilings = [_ceiling(page, court.rule, limit, court.allowed.loan.start, as_of)
                    for limit in limits]  # fmt: skip
    elif isinstance(court, CardCourtView):
        name = getattr(court.rule, "name_zh", court.rule.name) if zh else court.rule.name
        source = court.source_zh if zh else court.source
        # What was paid on charges, as the card applied it and as the rule does: the
        # rows then add up to each payoff.
        paid_claimed = court.principal + court.charges_claimed - court.payoff
        paid_allowed = court.principal + court.charges_allowed - court.enforceable_payoff
        rows = [
            _court_row(page, "principal", t("principal"), court.principal, court.principal),
            _court_row(page, "charges", t("charges"), court.charges_claimed,
                       court.charges_allowed, source=source),
            _court_row(page, "paid", t("applied from payments made"), -paid_claimed,
                       -paid_allowed),
            _court_row(page, "payoff", t("payoff"), court.payoff, court.enforceable_payoff),
        ]  # fmt: skip
        claimed, enforceable = court.payoff, court.enforceable_payoff
        as_of = court.until
        ceilings = [
            _ceiling(page, court.rule, limit, court.until, as_of) for limit in court.limits
        ]
    else:
        raise InvalidTypeError(
            "court", court, "a legal Rule, a CourtView or a CardCourtView, or None"
        )
    page.figures["court.claimed"] = claimed
    page.figures["court.enforceable"] = enforceable
    page.figures["court.excess"] = claimed - enforceable
    summary = t(
        "Under {rule}, as of {as_of}, the lender claims {claimed}; a court would allow "
        "{enforceable}. {excess} is beyond what the law allows.",
        rule=name,
        as_of=format_date(as_of, lang),
        claimed=format_money(claimed, lang, page.currency),
        enforceable=format_money(enforceable, lang, page.currency),
        excess=format_money(claimed - enforceable, lang, page.currency),
    )
    page.add(
        "court",
        t("What the law allows"),
        summary,
        *ceilings,
        _Table("court", header, tuple(rows)),
    )
    return _Claim(claimed, enforceable, allowed)


def _court_row(
    page: _Page, key: str, label: str, claimed: Decimal, allowed: Decimal, *, source: str = ""
) -> tuple[_Cell, ...]:
    """One row of the court table: claimed, not allowed, allowed (claimed - not allowed)."""
    return (
        _Cell(label),
        page.money(f"court.{key}.claimed", claimed),
        page.money(f"court.{key}.excess", claimed - allowed),
        page.money(f"court.{key}.allowed", allowed),
        _Cell(source),
    )


def _court_rows(page: _Page, view: CourtView, kind: ChinaLender | None) -> list[tuple[_Cell, ...]]:
    """Return the court view's lines, the payments made, and what is held, to the payoff.

    Each column adds up: the lines' charges, less an upfront fee paid when the loan
    was made and the payments made, plus what is held for the borrower (a credit, or a
    refund of what the rule does not allow) is the payoff, claimed and allowed alike.
    """
    t, zh = page.t, page.lang is Language.ZH
    rows = [
        _court_row(page, line.item, line.label(page.lang, lender=kind), line.charged,
                   line.allowed, source=line.source_zh if zh else line.source)
        for line in view.lines[:-1]
    ]  # fmt: skip
    if any(line.item == Charge.UPFRONT_FEE.value for line in view.lines):
        fee = view.claimed.loan.upfront_fee  # paid when the loan was made, not a payment
        rows.append(_court_row(page, "upfront_paid", t("upfront fee paid when the loan was "
                                                        "made"), -fee, -fee))  # fmt: skip
    paid = sum((p.amount for p in view.claimed.payments), Decimal(0))
    if paid:
        paid = paid.quantize(view.lines[-1].charged)
        rows.append(_court_row(page, "paid", t("payments made"), -paid, -paid))
    held = (
        view.claimed.credit + view.claimed.refund,
        view.allowed.credit + view.allowed.refund,
    )
    if any(held):
        rows.append(_court_row(page, "held", t("paid beyond what is owed, held for the "
                                                "borrower"), *held))  # fmt: skip
    payoff = view.lines[-1]
    rows.append(_court_row(page, "payoff", payoff.label(page.lang), payoff.charged,
                           payoff.allowed))  # fmt: skip
    return rows


# What each base of a limit is, in words.
_BASES = {
    Base.RECEIVED: "the amount received",
    Base.OUTSTANDING: "the principal outstanding",
    Base.IN_TERM: "the principal in use during the term",
    Base.OVERDUE: "the overdue principal, from each due date",
    Base.CREDIT: "the credit outstanding",
}


def _ceiling(page: _Page, rule: Rule, limit: Limit, made: date, as_of: date) -> _Text:
    """One ceiling of the rule, in words a lender knows, with its article.

    The charges it counts, its rate from the rule (``Limit.rate_on``; for a private
    loan made from 2020-08-20, four times the one-year LPR of the contract's date, as
    art. 25 words it), what it is measured on, and ``Limit.source`` / ``source_zh``.
    """
    t, lang = page.t, page.lang
    sep = translate(", ", lang)
    names = [
        charge_label(kind.value, lang, page.lender.kind)
        for kind in limit.components
        if kind is not Charge.UPFRONT_FEE or len(limit.components) == 1
    ]
    charges = ("、" if lang is Language.ZH else ", ").join(names)  # an enumeration
    charges = charges[:1].upper() + charges[1:]
    source = limit.source_zh if lang is Language.ZH else limit.source
    if limit.amount is not None:
        bound = t("{amount} in all", amount=format_money(limit.amount, lang, page.currency))
    elif limit.share is not None:
        bound = t("{share} of the amount received", share=_rate_words(limit.share, lang))
    else:
        steps = [(day, rate) for day, rate in limit.steps if day <= max(as_of, made)]
        words = [_rate_of(page, rule, made, day, rate) for day, rate in steps or limit.steps]
        if len(words) > 1:
            bound = t(
                "{first}; from {day}: {then}",
                first=words[0],
                day=format_date(steps[1][0], lang),
                then=sep.join(words[1:]),
            )
        else:
            bound = words[0]
        if limit.paid_steps:
            paid = limit.rate_on(made, paid=True)
            bound = t(
                "{bound} (interest already paid is kept up to {paid} a year)",
                bound=bound,
                paid=_rate_words(paid, lang),
            )
        return t(
            "{charges}: at most {bound}, on {base} ({source}).",
            charges=charges,
            bound=bound,
            base=t(_BASES[limit.base or Base.OUTSTANDING]),
            source=source,
        )
    return t("{charges}: at most {bound} ({source}).", charges=charges, bound=bound,
             source=source)  # fmt: skip


def _rate_of(page: _Page, rule: Rule, made: date, day: date, rate: object) -> _Text:
    """Return a rate of a limit: four times the one-year LPR where the rule set it so."""
    lang = page.lang
    words = _rate_words(rate, lang)
    if isinstance(rule, ChinaPrivateLending) and made >= REFORM_DATE:
        lpr = (rule.lpr or LPRTable.published()).one_year(made)
        if 4 * lpr == rate:
            return page.t(
                "four times the one-year Loan Prime Rate, {rate} a year (the LPR was {lpr} on "
                "{day}, when the contract was made)",
                lpr=_rate_words(lpr, lang),
                day=format_date(made, lang),
                rate=words,
            )
    return page.t("{rate} a year", rate=words)


def _rate_words(rate: object, lang: Language) -> str:
    """Return a rate as a percentage with the decimals it needs (13.8 %, 24 %)."""
    text = format_rate(rate, lang, 4)
    number, unit = (text[:-1], "%") if lang is Language.ZH else (text[:-2], " %")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number + unit


def _options(
    page: _Page,
    table: Comparison,
    gain: Any,
    charts: bool,
    *,
    note: str,
    cap: Decimal | None,
) -> None:
    t, lang = page.t, page.lang
    header = (
        t("option"),
        t("payment"),
        t("payments"),
        t("total paid"),
        t("present value"),
        t("saving"),
        t("lender gains against a default"),
    )
    # Under a rule, an option that would total more than the enforceable claim is not
    # put to the lender: nothing beyond what a court would allow is offered.
    shown = [o for o in table if cap is None or o.total_paid <= cap]
    rows = tuple(
        (
            _Cell(page.label(outcome)),
            page.money(f"options.{k}.payment", outcome.payment),
            page.count(f"options.{k}.payments_count", outcome.payments_count),
            page.money(f"options.{k}.total_paid", outcome.total_paid),
            page.money(f"options.{k}.present_value", outcome.present_value),
            page.money(f"options.{k}.saving", outcome.saving),
            page.money(f"options.{k}.lender_gain", gain(outcome)),
        )
        for k, outcome in enumerate(shown)
    )
    for k, outcome in enumerate(shown):
        page.figures[f"options.{k}.label"] = outcome.label
    baseline = table.outcomes[0].baseline
    page.figures["baseline.total_paid"] = baseline.total_paid
    intro = t(
        "Each option against {baseline} (paying {total} in all): what it asks each month, "
        "for how many payments, what it costs in all and in present value, what it saves, "
        "and what it is worth to the lender beyond a default.",
        baseline=_baseline_name(table, lang),
        total=format_money(baseline.total_paid, lang, page.currency),
    )
    blocks: list[_Block] = [intro]
    left = len(table.outcomes) - len(shown)
    if cap is not None and left:
        page.figures["options.left_out"] = left
        blocks.append(
            t(
                "Each starts from the claim a court would allow; {count} other options "
                "would total more than it and are not proposed.",
                count=left,
            )
        )
    if rows:
        blocks.append(_Table("options", header, rows))
    blocks.append(note)
    if charts and shown:
        with for_svg():
            figure = plot_comparison(dataclasses.replace(table, outcomes=tuple(shown)), lang=lang)
        blocks.append(_Chart(page.private_words(svg_of(figure)), t("The options side by side")))
    page.add("options", t("The options side by side"), *blocks)


def _baseline_name(table: Comparison, lang: Language) -> str:
    if table.baseline is None:
        return translate("cure now", lang)
    return table.baseline.label_in(lang)


def _plan(
    page: _Page,
    state: AccountState,
    table: Comparison,
    budget: Money | None,
    *,
    discount_rate: Rate | None,
    cap: Decimal | None,
    court: object,
    gain: Any,
    prefix: list[Lever],
) -> Outcome | None:
    """Add the plan proposed: the budget chooses it, and is not written."""
    t, lang = page.t, page.lang
    if budget is None:
        return None
    digits = state.loan.digits
    minor = to_minor(budget, field="budget", digits=digits)
    if minor <= 0:
        raise InvalidValueError("budget", budget, "a monthly budget above zero")
    amount = to_major(minor, digits)
    most = _CARD_PLAN_MONTHS if page.lender.card else 480
    plan = _choose(
        state,
        amount,
        discount_rate=discount_rate,
        cap=cap,
        court=court,
        most=most,
        prefix=prefix,
    )
    title = t("The plan proposed")
    if plan is None:
        page.figures["plan.label"] = None
        text = t(
            "None of the options can be kept up on the borrower's means; the borrower asks "
            "the lender for a longer plan or a waiver."
        )
        page.add("plan", title, text)
        return None
    page.figures["plan.label"] = plan.label
    page.figures["plan.regular_payment"] = plan.regular_payment
    page.figures["plan.payments_count"] = plan.payments_count
    page.figures["plan.total_paid"] = plan.total_paid
    worth = gain(plan)
    page.figures["plan.lender_gain"] = worth
    fields = {
        "plan": page.label(plan),
        "payment": format_money(plan.regular_payment, lang, page.currency),
        "count": plan.payments_count,
        "total": format_money(plan.total_paid, lang, page.currency),
    }
    if worth > 0:
        why = t(
            "{plan}: {payment} a month for {count} payments, {total} in all. It is what the "
            "borrower can keep up, and it is worth {gain} more to the lender than a default "
            "(present value).",
            gain=format_money(worth, lang, page.currency),
            **fields,
        )
    else:
        why = t(
            "{plan}: {payment} a month for {count} payments, {total} in all. It is what the "
            "borrower can keep up.",
            **fields,
        )
    blocks: list[_Block] = [why]
    above = plan.total_paid - state.payoff  # against paying the claim off today
    if above > 0:
        page.figures["plan.above_payoff"] = above
        blocks.append(
            t(
                "It totals {above} more than paying off {payoff} today.",
                above=format_money(above, lang, page.currency),
                payoff=format_money(state.payoff, lang, page.currency),
            )
        )
    if cap is not None:
        blocks.append(
            t(
                "It does not total more than the claim a court would allow ({cap}).",
                cap=format_money(cap, lang, page.currency),
            )
        )
    page.add("plan", title, *blocks)
    return plan


def _choose(
    state: AccountState,
    budget: Decimal,
    *,
    discount_rate: Rate | None,
    cap: Decimal | None,
    court: object,
    most: int,
    prefix: list[Lever],
) -> Outcome | None:
    """Return the plan for the budget: :func:`solve`'s, within the claim a court allows.

    The borrower's cheapest package (present value) with a payment within the budget,
    at most ``most`` payments and, under a rule, a total within the enforceable claim
    ``cap``; failing that, the shortest interest-free instalment plan of the claim
    within the budget (after the levers of ``prefix``, a card's excess waived); None
    if there is none.
    """

    def within(outcome: Outcome) -> bool:
        return (
            outcome.regular_payment <= budget
            and outcome.payments_count <= most
            and (cap is None or outcome.total_paid <= cap)
        )

    rule = court.rule if isinstance(court, CourtView | CardCourtView) else court
    legal_cap = rule if isinstance(rule, Rule) else None
    found: list[Outcome] = []
    # (the waterfall cannot start from a card's waivers: the freeze below does)
    solved = None if prefix else _solved(state, budget, discount_rate, legal_cap, most)
    if solved is not None:
        found = [solved] + [
            evaluate(state, *other.levers, discount_rate=discount_rate)
            for other in solved.alternatives
            if other.present_value is not None and other.levers
        ]
    found = [outcome for outcome in found if within(outcome)]
    if not found:
        target: Decimal = state.payoff if cap is None else min(cap, state.payoff)
        count = max(1, int(-(-target // budget)))  # the fewest instalments within the budget
        for months in range(count, min(count + 3, most) + 1):
            package = [*prefix, FreezeInterest(months)]
            freeze = evaluate(state, *package, discount_rate=discount_rate)
            if within(freeze):
                found.append(freeze)
                break
    if not found:
        return None
    return min(found, key=lambda outcome: outcome.present_value)


def _solved(
    state: AccountState,
    budget: Decimal,
    discount_rate: Rate | None,
    legal_cap: Rule | None,
    most: int,
) -> Outcome | None:
    """Return :func:`solve`'s package for the borrower within the budget, or None."""
    try:
        return solve(
            state,
            max_payment=budget,
            objective="borrower",
            discount_rate=discount_rate,
            legal_cap=legal_cap,
            max_instalments=min(most, 60),
        )
    except NoSolutionError:
        return None


def _excess_waived(state: AccountState, view: CardCourtView) -> list[Lever]:
    """Return the levers that waive what a card's court view does not allow, by component.

    The card's account cannot be replayed under the rule (its replay is the card's
    own), but ``card_award`` gives what the rule lets be claimed from the card it
    carries, by component:
    each component's excess is waived (interest, penalty, fees) or forgiven (principal
    repaid by charges paid beyond the ceiling), so every option starts from the
    enforceable claim.
    """
    allowed = card_award(state, state.as_of, view.rule)
    if allowed is None:
        return []
    owed = dict(state.payoff_lines())
    parts = {
        "principal": owed["principal due"] + owed["principal not yet due"],
        "interest": owed["interest due"] + owed["accrued interest"],
        "penalty": owed["penalty"],
        "fees": owed["fees"],
    }
    levers: list[Lever] = []
    for name in ("fees", "penalty", "interest", "principal"):
        excess = parts[name] - allowed.get(name, Decimal(0))
        if excess <= 0:
            continue
        if name == "principal":
            levers.append(ForgivePrincipal(excess))
        elif name == "interest":
            levers.append(WaiveInterest(amount=excess))
        elif name == "penalty":
            levers.append(WaivePenalty(amount=excess))
        else:
            levers.append(WaiveFees(amount=excess))
    return levers


def _letter(page: _Page, state: AccountState, plan: Outcome | None, claim: _Claim | None) -> None:
    t, lang = page.t, page.lang

    def money(amount: Decimal) -> str:
        return format_money(amount, lang, page.currency)

    card = page.lender.card
    lines = _opening(page, t("[the lender's name]"), state, money(state.payoff), card=card)
    if claim is not None:
        lines.append(_excess_asked(page, money(claim.enforceable), money(claim.claimed)))
    if plan is not None:
        fields = {
            "payment": money(plan.regular_payment),
            "plan": page.label(plan),
            "count": plan.payments_count,
            "total": money(plan.total_paid),
        }
        if page.lender.card:
            source = _CARD_PLAN_SOURCE[1 if lang is Language.ZH else 0]
            lines.append(
                t(
                    "Under {source}, I ask for an individual instalment agreement (at most "
                    "{years} years): {plan}, {count} payments of {payment}, {total} in all.",
                    source=source,
                    years=_CARD_PLAN_MONTHS // 12,
                    **fields,
                )
            )
        else:
            lines.append(
                t(
                    "I can pay {payment} a month. I ask for this plan: {plan}, {count} "
                    "payments, {total} in all.",
                    **fields,
                )
            )
    lines += _closing(page, card=card)
    page.add("letter", t("A request to the lender"), _Letter(tuple(lines)))


def _opening(page: _Page, to: str, state: AccountState, payoff: str, *, card: bool) -> list[str]:
    """Return a letter's head and first paragraph: who to, who from, the account today.

    To a card issuer: the card number, the card account, and the bank (贵行).
    """
    t = page.t
    who = {"name": t("[your name]"), "id": t("[your ID number]")}
    account = {"as_of": format_date(state.as_of, page.lang), "days": state.days_past_due}
    return [
        t("To: {lender}", lender=to),
        t("From: {name}, {id}, {card}", card=t("[the card number]"), **who)
        if card
        else t("From: {name}, {id}, {contract}", contract=t("[the contract number]"), **who),
        t("Date: {date}", date=t("[date]")),
        "",
        t(_OPENINGS[card, state.days_past_due > 0], payoff=payoff, **account),
        t(_EXPLAIN),
    ]


# The account today, by (to a card issuer, past due): an account not past due says so.
_OPENINGS = {
    (False, True): "I am writing about my account. As of {as_of} it is {days} days past due "
    "and, by my calculation, the amount to pay it off is {payoff}; please confirm the "
    "amount you hold owed.",
    (True, True): "I am writing about my card account. As of {as_of} it is {days} days past "
    "due and, by my calculation, the amount to pay it off is {payoff}; please confirm the "
    "amount the bank holds owed.",
    (False, False): "I am writing about my account. As of {as_of} it is not past due and, "
    "by my calculation, the amount to pay it off is {payoff}; please confirm the amount "
    "you hold owed.",
    (True, False): "I am writing about my card account. As of {as_of} it is not past due "
    "and, by my calculation, the amount to pay it off is {payoff}; please confirm the "
    "amount the bank holds owed.",
}


def _excess_asked(page: _Page, enforceable: str, claimed: str) -> str:
    """Return the sentence asking that what a court would not allow be removed."""
    return page.t(
        "By my calculation, a court would allow {enforceable} of the {claimed} claimed; I "
        "ask that the excess be removed.",
        enforceable=enforceable,
        claimed=claimed,
    )


def _closing(page: _Page, *, card: bool) -> list[str]:
    """Return a letter's last lines (to a card issuer, the bank's reply)."""
    t = page.t
    return [
        t("I would be grateful for the bank's reply in writing.")
        if card
        else t("I would be grateful for your reply in writing."),
        "",
        t("Yours faithfully, {name}", name=t("[your name]")),
    ]


_EXPLAIN = "[Explain in a few sentences why you fell behind: loss of income, illness, …]"


def _debts(
    debts: list[Debt],
    *,
    lang: Language,
    budget: Money,
    court: Rule | CourtView | CardCourtView | None,
    lender: _Lender,
    discount_rate: Rate | None,
    charts: bool,
) -> Brief:
    currency = debts[0].state.loan.currency
    page = _Page(lang, currency, lender)
    t = page.t
    as_of = max(debt.state.as_of for debt in debts)
    title = t("Negotiation brief (as of {as_of})", as_of=format_date(as_of, lang))
    rows = tuple(
        (
            _Cell(debt.creditor),
            page.count(f"debts.{k}.days_past_due", debt.state.days_past_due),
            _Cell(format_rate(debt.state.loan.annual_rate, lang)),
            page.money(f"debts.{k}.payoff", debt.state.payoff),
        )
        for k, debt in enumerate(debts)
    )
    total = sum((debt.state.payoff for debt in debts), Decimal(0))
    rows += ((_Cell(t("total")), _Cell(""), _Cell(""), page.money("debts.total", total)),)
    header = (t("creditor"), t("days past due"), t("annual rate"), t("payoff"))
    page.add("owed", t("What is owed today"), _Table("debts", header, rows))
    cards = [debt.state.card is not None for debt in debts]
    claimed: dict[str, Decimal] = {}
    if court is not None:
        if not isinstance(court, Rule):
            raise InvalidTypeError("court", court, "a legal Rule, for several debts")
        lines = []
        claims = list(debts)  # each debt's plan starts from what a court would allow
        for k, debt in enumerate(debts):
            if debt.state.opening is not None:
                continue
            view = court_view(
                debt.state.schedule,
                debt.state.payments,
                as_of=debt.state.as_of,
                rule=court,
                penalty=debt.state.penalty_policy,
                allocation=debt.state.allocation,
                costs=debt.state.enforcement_costs,
                accrual=debt.state.accrual,
            )
            claims[k] = Debt(
                debt.creditor, view.allowed, relief=debt.relief, in_court=debt.in_court
            )
            payoff = view.lines[-1]
            if payoff.excess:
                claimed[debt.creditor] = payoff.charged
            lines.append(
                (
                    _Cell(debt.creditor),
                    page.money(f"debts.{k}.court.claimed", payoff.charged),
                    page.money(f"debts.{k}.court.excess", payoff.excess),
                    page.money(f"debts.{k}.court.allowed", payoff.allowed),
                )
            )
        name = getattr(court, "name_zh", court.name) if lang is Language.ZH else court.name
        page.add(
            "court",
            t("What the law allows"),
            t(
                "Under {rule}, each debt's payoff as claimed and as a court would allow it:",
                rule=name,
            ),
            _Table(
                "court",
                (t("creditor"), t("claimed"), t("not allowed"), t("allowed")),
                tuple(lines),
            ),
        )
        debts = claims
    rate = 0 if discount_rate is None else discount_rate
    strategies = compare_strategies(debts, budget, discount_rate=rate)
    discounted = discount_rate is not None  # else the present value is the total paid
    srows = tuple(
        (
            _Cell(t(plan.strategy.value)),
            _Cell(page.day(f"strategies.{k}.debt_free", plan.debt_free)),
            page.money(f"strategies.{k}.total_paid", plan.total_paid),
            *([page.money(f"strategies.{k}.present_value", plan.present_value)] * discounted),
            page.money(f"strategies.{k}.remaining", plan.remaining),
            _Cell(counts_named(plan.unpaid_months, lang)),
        )
        for k, plan in enumerate(strategies.plans)
    )
    for k, plan in enumerate(strategies.plans):  # the last column's figures
        page.figures[f"strategies.{k}.unpaid_months"] = dict(plan.unpaid_months)
    sheader = (
        t("strategy"),
        t("debt-free on"),
        t("total paid"),
        *([t("present value")] * discounted),
        t("left unpaid"),
        t("months paid nothing"),
    )
    blocks: list[_Block] = [
        t("The same monthly amount, spent on the debts in each order:"),
        _Table("strategies", sheader, srows),
        t(
            "Every order but the debt management plan leaves the contracts' interest and "
            "penalties running, and a creditor the budget does not reach is paid nothing "
            "for the months shown: that invites collection and a lawsuit. The debt "
            "management plan pays every creditor every month; its figures hold if each "
            "creditor agrees to stop interest and charges. A creditor that refuses is still "
            "paid its share, but its account stays in arrears and its interest and "
            "penalties keep running on what the share leaves unpaid."
        ),
    ]
    if charts:
        with for_svg():
            figure = plot_strategies(strategies, lang=lang)
        blocks.append(_Chart(svg_of(figure), t("total owed")))
    page.add("options", t("The options side by side"), *blocks)
    plan = plan_debts(debts, budget, strategy=Strategy.DEBT_MANAGEMENT, discount_rate=rate)
    _debt_plan(page, plan)
    offers = {offer.creditor: offer for offer in plan.offers}  # none for relief agreed
    letters = [
        _debt_letter(
            page, k, debt, len(debts), offers[debt.creditor], cards[k] or page.lender.card, claimed
        )
        for k, debt in enumerate(debts)
        if debt.creditor in offers
    ]
    if letters:
        page.add("letter", t("A request to each creditor"), *letters)
    return page.done(title)


def _debt_plan(page: _Page, plan: DebtPlan) -> None:
    """Add the debt management plan: what the contracts ask, each offer, any shortfall."""
    t, lang, currency = page.t, page.lang, page.currency
    page.figures["plan.strategy"] = plan.strategy.value
    page.figures["plan.total_paid"] = plan.total_paid
    offers = {offer.creditor: offer for offer in plan.offers}
    rows = []
    for k, name in enumerate(plan.creditors):
        offer = offers.get(name)
        first = plan.payments[name][0] if plan.payments[name] else Decimal(0)
        asked = (  # what the contract asks, and the offer's payments; a relief kept as agreed
            (page.money(f"plan.{k}.arrears", offer.arrears),
             page.money(f"plan.{k}.contract_due", offer.contract_due))
            if offer
            else (_Cell(t("relief agreed")), _Cell(""))
        )  # fmt: skip
        count = page.count(f"plan.{k}.count", offer.count) if offer else _Cell("")
        rows.append(
            (
                _Cell(name),
                *asked,
                page.money(f"plan.{k}.payment", first),
                count,
                _Cell(page.day(f"plan.{k}.cleared", plan.cleared[name])),
                page.money(f"plan.{k}.total_paid", plan.paid_by(name)),
            )
        )
    page.figures["plan.unpaid_months"] = sum(plan.unpaid_months.values())
    blocks: list[_Block] = [
        t("This overview is for you: send each creditor only its own letter."),
        t(
            "Each creditor is offered a share of what you can pay, in proportion to what it "
            "is owed, every month until it is repaid, and asked to stop interest and "
            "charges: {total} in all, debt-free on {free}, if each creditor agrees.",
            total=format_money(plan.total_paid, lang, currency),
            free="-" if plan.debt_free is None else format_date(plan.debt_free, lang),
        ),
        _Table(
            "plan",
            (
                t("creditor"),
                t("overdue now"),
                t("due within the month"),
                t("offered a month"),
                t("payments"),
                t("paid off on"),
                t("total paid"),
            ),
            tuple(rows),
        ),
    ]
    overdue = sum((offer.arrears for offer in plan.offers), Decimal(0))
    due = sum((offer.contract_due for offer in plan.offers), Decimal(0))
    short = overdue + due - plan.budget
    page.figures["plan.contracts_ask"] = overdue + due
    page.figures["plan.shortfall"] = max(short, Decimal(0))
    if short > 0:
        blocks.append(
            t(
                "Shortfall: to bring every contract up to date this month takes {asked} "
                "({arrears} overdue now and {due} falling due within the month), {short} "
                "more than you can pay. The plan asks each creditor to accept the share above "
                "instead and to stop interest and charges; a creditor that refuses may go on "
                "charging interest and penalties and sue.",
                asked=format_money(overdue + due, lang, currency),
                arrears=format_money(overdue, lang, currency),
                due=format_money(due, lang, currency),
                short=format_money(short, lang, currency),
            )
        )
    blocks.append(
        t(
            "Send each creditor its own letter below: each shows only that creditor's "
            "figures, not what you can pay in all nor who else you owe (though a creditor "
            "that sees your credit report could work out the total from its share)."
        )
    )
    page.add("plan", t("The plan proposed"), *blocks)


# A creditor's letter, by whether it goes to a card issuer (the bank, 贵行; a card's
# charges are late fees, 违约金) or another lender (贵方; penalty interest, 罚息).
_SHARED = {
    False: "I owe {count} creditors and cannot pay each of them what its contract asks. I "
    "share what I can pay each month among them in proportion to what each is owed, and "
    "make you this offer.",
    True: "I owe {count} creditors and cannot pay each of them what its contract asks. I "
    "share what I can pay each month among them in proportion to what each is owed, and "
    "make the bank this offer.",
}
_FREEZE_ASKED = {
    False: "I ask you to stop interest, penalty interest and charges from {first} and to "
    "confirm this in writing; I will make the first payment on {first}, or within seven "
    "days of your written agreement if it comes later.",
    True: "I ask you to stop interest, late fees and other charges on the card from {first} "
    "and to confirm this in writing; I will make the first payment on {first}, or within "
    "seven days of your written agreement if it comes later.",
}


def _debt_letter(  # noqa: PLR0917 - one creditor's letter and what it states
    page: _Page,
    k: int,
    debt: Debt,
    creditors: int,
    offer: DebtOffer,
    card: bool,
    claimed: Mapping[str, Decimal],
) -> _Letter:
    """Return one creditor's letter: its own account and offer, nothing of the others."""
    t, lang = page.t, page.lang

    def money(key: str, amount: Decimal) -> str:
        return page.text_money(f"letters.{k}.{key}", amount)

    page.figures[f"letters.{k}.creditor"] = debt.creditor
    page.figures[f"letters.{k}.count"] = offer.count
    payoff = money("payoff", debt.state.payoff)
    lines = _opening(page, debt.creditor, debt.state, payoff, card=card)
    if debt.creditor in claimed:
        enforceable = money("enforceable", debt.state.payoff)
        lines.append(_excess_asked(page, enforceable, money("claimed", claimed[debt.creditor])))
    lines.append(t(_SHARED[card], count=creditors))
    fields = {
        "payment": money("payment", offer.payment),
        "first": format_date(offer.first_date, lang),
        "before": offer.count - 1,
        "count": offer.count,
        "last": money("last_payment", offer.last_payment),
        "last_date": format_date(offer.last_date, lang),
        "owed": money("owed", offer.owed),
    }
    if offer.count == 1:
        lines.append(t("I propose to pay you the {owed} owed in full on {first}.", **fields))
    else:
        schedule = (
            "I propose to pay you {count} monthly payments of {payment} from {first} to "
            "{last_date}, {owed} in all."
            if offer.last_payment == offer.payment
            else "I propose to pay you {before} monthly payments of {payment} from {first}, "
            "and a last payment of {last} on {last_date}: {count} payments, {owed} in all."
        )
        lines.append(t(schedule, **fields))
        lines.append(t(_FREEZE_ASKED[card], **fields))
    if card and offer.count > 1:
        source = _CARD_PLAN_SOURCE[1 if lang is Language.ZH else 0]
        lines.append(
            t(
                "{source} allows an issuer, where a cardholder's debt exceeds the ability to "
                "repay and the cardholder is willing to repay, to agree an individual "
                "instalment plan of up to {years} years. My debt exceeds my ability to repay "
                "and I am willing to repay: I ask you to agree one on these terms.",
                source=source,
                years=_CARD_PLAN_MONTHS // 12,
            )
        )
    lines += _closing(page, card=card)
    return _Letter(tuple(lines), to=debt.creditor, key=f"letters.{k}.")


# -- writing the outline out ------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: #1b1b1b;
  max-width: 180mm; margin: 0 auto; padding: 6mm 0; line-height: 1.35; font-size: 9pt; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 3.5mm 0 1mm; border-bottom: 1px solid #c8c8c8; }
p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 1mm 0 1.5mm;
  font-size: 8pt; table-layout: auto; }
table#owed { width: auto; min-width: 45%; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 0.5mm 1.2mm; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
td.number, th.number { text-align: right; }
td.number { white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: 1.5mm 0; } figure svg { width: 100%; height: auto; max-height: 62mm; }
figcaption { font-size: 8pt; color: #555; }
.letter { border: 1px solid #c8c8c8; padding: 3mm 4mm; white-space: pre-wrap; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #666; }
table, figure, .letter, tr { break-inside: avoid; page-break-inside: avoid; }
h2 { break-after: avoid; page-break-after: avoid; }
@media print {
  body { padding: 0; }
  #letter { break-before: page; page-break-before: always; }
  .letter + .letter { break-before: page; page-break-before: always; }
}
"""


def _html(page: Brief) -> str:
    from loanrelief import __version__  # noqa: PLC0415 - the package imports this module

    lang = "zh-CN" if page.lang is Language.ZH else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(page.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(page.title)}</h1>",
    ]
    for section in page.sections:
        heading = f"<h2>{html.escape(section.title)}</h2>" if section.title else ""
        parts.append(f'<section id="{section.key}">{heading}')
        for block in section.blocks:
            parts.append(_html_block(block))
        parts.append("</section>")
    footer = translate(
        "Figures computed by loanrelief {version}; check them against your contract.",
        page.lang,
        version=__version__,
    )
    parts.append(f"<footer>{html.escape(footer)}</footer></body></html>")
    return "\n".join(parts)


def _html_block(block: _Block) -> str:
    if isinstance(block, str):
        return f"<p>{html.escape(block)}</p>"
    if isinstance(block, _Table):
        numbers = [cell.number for cell in block.rows[0]] if block.rows else []
        kinds = [' class="number"' if number else "" for number in numbers]
        kinds += [""] * (len(block.header) - len(kinds))
        head = "".join(
            f"<th{kind}>{html.escape(cell)}</th>"
            for kind, cell in zip(kinds, block.header, strict=False)
        )
        body = "".join(
            "<tr>" + "".join(_html_cell(cell) for cell in row) + "</tr>" for row in block.rows
        )
        return (
            f'<table id="{block.key}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        )
    if isinstance(block, _Chart):
        return f"<figure>{block.svg}<figcaption>{html.escape(block.caption)}</figcaption></figure>"
    return '<div class="letter">' + html.escape("\n".join(block.lines)) + "</div>"


def _html_cell(cell: _Cell) -> str:
    kind = ' class="number"' if cell.number else ""
    key = f' data-figure="{html.escape(cell.figure)}"' if cell.figure else ""
    return f"<td{kind}{key}>{html.escape(cell.text)}</td>"


# Control characters (line breaks, tabs, escapes; C0, DEL and C1) and Unicode's line
# and paragraph separators.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _one_line(text: str) -> str:
    r"""Return ``text`` on one line: each run of control characters one space.

    >>> _one_line("ACME\n# Pay to [x](javascript:alert(1))\r\n")
    'ACME # Pay to [x](javascript:alert(1)) '
    """
    return _BREAKS.sub(" ", text)


# Markdown's inline markup (CommonMark, and GitHub's tables and strikethrough), escaped
# with a backslash wherever it stands in a user's text: emphasis, code, links and
# images, table cells, headings. A phrase's own words keep their brackets (the letter's
# "[your name]"): they are the library's, and no link can form from them alone (below).
_MARKUP = re.compile(r"([\\`*_\[\]|~#])")
_OWN_MARKUP = re.compile(r"([\\`*_|~#])")
# "&" only where it would start an entity (&amp; &#60;): "Smith & Sons" stays as written.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block at the start of a line and is not escaped everywhere: a list item
# (- + or 1. 1)), a setext underline (=), a thematic break (-), a link's definition
# ([label]: a phrase's own brackets at the start of a line).
_BLOCK_START = re.compile(r"^(?:[-+=]|[0-9]+[.)]|\[(?=[^\]]*\]:))")


def _markdown_lines(text: str, *, inline: bool = False) -> list[str]:
    r"""Return text as Markdown that shows exactly that text: a line each of its own lines.

    A user's text (a ``str``, or the fields of a :class:`_Text`) has every markup
    character escaped with a backslash and is one line; a phrase's own words keep their
    brackets and line breaks. On the whole line, ``<`` and ``>`` (and an ``&`` that would
    start an entity) are written as HTML entities, so no HTML or autolink comes out of
    it; a ``]`` is never followed by a bare ``(`` or ``[``, so no link or image can form;
    and outside a table cell (``inline=False``) the line cannot start a heading, a list,
    a quote, a code block or a link's definition.

    >>> _markdown_lines("<script>alert(1)</script> & [click](javascript:alert(1))")
    ['&lt;script&gt;alert(1)&lt;/script&gt; & \\[click\\]\\(javascript:alert(1))']
    >>> _markdown_lines("A\n# heading | `x` *y*") + _markdown_lines("1. list")
    ['A \\# heading \\| \\`x\\` \\*y\\*', '1\\. list']
    >>> _markdown_lines(_Text.of("To: {lender}", Language.EN, {"lender": "[x](y)"}))
    ['To: \\[x\\]\\(y)']
    """
    parts = text.parts if isinstance(text, _Text) else ((text, False),)
    lines: list[str] = [""]
    for part, own in parts:
        for k, piece in enumerate(part.split("\n") if own else [part]):
            if k:
                lines.append("")
            lines[-1] += (_OWN_MARKUP if own else _MARKUP).sub(r"\\\1", _one_line(piece))
    return [_markdown_line(line, inline) for line in lines]


def _markdown_line(line: str, inline: bool) -> str:
    line = _ENTITY.sub("&amp;", line.strip()).replace("<", "&lt;").replace(">", "&gt;")
    line = line.replace("](", "]\\(").replace("][", "]\\[")
    if inline:
        return line
    return _BLOCK_START.sub(lambda start: f"{start[0][:-1]}\\{start[0][-1]}", line)


def _markdown_text(text: str, *, inline: bool = False) -> str:
    """Return text as Markdown on one line (:func:`_markdown_lines`, joined by spaces)."""
    return " ".join(_markdown_lines(text, inline=inline))


def _markdown(page: Brief) -> str:
    out = [f"# {_markdown_text(page.title)}", ""]
    for section in page.sections:
        if section.title:  # a letter's own page has its title only
            out += [f"## {_markdown_text(section.title)}", ""]
        for block in section.blocks:
            out += [*_markdown_block(block), ""]
    return "\n".join(out).rstrip() + "\n"


def _markdown_block(block: _Block) -> list[str]:
    if isinstance(block, str):
        return [_markdown_text(block)]
    if isinstance(block, _Table):

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(_markdown_text(cell, inline=True) for cell in cells) + " |"

        align = ["---:" if cell.number else "---" for cell in block.rows[0]] if block.rows else []
        return [
            line(block.header),
            "|" + "|".join(align or ["---"] * len(block.header)) + "|",
            *(line([cell.text for cell in row]) for row in block.rows),
        ]
    if isinstance(block, _Chart):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        caption = _markdown_text(block.caption, inline=True)
        return [f"![{caption}](data:image/svg+xml;base64,{data})"]
    # A quoted letter, each line its own (two spaces: Markdown's line break); a phrase's
    # own line break (a Chinese letter's close, 此致 / 敬礼) starts a line of the quote.
    return [
        "> " + line + "  " if line else ">"
        for text in block.lines
        for line in _markdown_lines(text)
    ]
