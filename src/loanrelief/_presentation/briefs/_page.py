"""The page being built, and who it is addressed to.

:class:`_Page` holds the sections and every figure by key; :class:`_Lender` is the
Chinese kind of lender, and whether it is a card issuer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
)
from loanrelief._ledger.account import AccountState
from loanrelief._ledger.court import CourtView, lender_of
from loanrelief._presentation.briefs._document import Brief
from loanrelief._presentation.briefs._outline import _Block, _Cell, _Section, _Text
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
)
from loanrelief._presentation.levers import lender_phrase
from loanrelief._relief.evaluation import Outcome
from loanrelief.law._china import ChinaLender
from loanrelief.law._rules import Rule

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
    card = (isinstance(court, CourtView) and court.card) or (
        account is not None and account.card is not None
    )
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

    def words(self, phrase: str) -> str:
        """Return a charge's name (an owed line, a header) in the lender's words.

        In Chinese, to a private lender, the penalty is 逾期利息
        (:func:`loanrelief._presentation.levers.lender_phrase`).
        """
        return lender_phrase(phrase, self.lang, self.lender.kind)

    def label(self, option: Outcome) -> str:
        """Return an option's name in the lender's words.

        In Chinese, to a private lender, a waiver of the penalty is one of 逾期利息, and
        a waiver of contract interest in arrears one of 欠息 (逾期利息 being the penalty);
        an app's own lever keeps its own words.
        """
        return option.label_in(self.lang, lender=self.lender.kind)


@dataclass(frozen=True, slots=True)
class _Claim:
    """The court section's result: the payoff claimed and enforceable, and more.

    ``allowed`` is the account under the rule where it could be replayed (what the
    options start from), else None.
    """

    claimed: Decimal
    enforceable: Decimal
    allowed: AccountState | None
