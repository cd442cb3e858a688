"""The brief's court section: what the lender claims against what a court would allow.

Each ceiling is written in words a lender knows, with its article.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from loanrelief._foundations.errors import (
    InvalidTypeError,
    InvalidValueError,
)
from loanrelief._ledger.account import AccountState
from loanrelief._ledger.court import CourtView, court_view
from loanrelief._presentation.briefs._outline import _Cell, _Table, _Text
from loanrelief._presentation.briefs._page import _Claim, _Page
from loanrelief._presentation.citations import cite, cited, rule_name
from loanrelief._presentation.court import charge_label
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
    format_rate,
    translate,
)
from loanrelief.law._china import REFORM_DATE, ChinaLender, ChinaPrivateLending
from loanrelief.law._lpr import LPRTable
from loanrelief.law._rules import Base, Charge, Limit, Rule


def _court(page: _Page, state: AccountState, court: Rule | CourtView | None) -> _Claim | None:
    """Add the court section; return the claim (claimed, enforceable, the allowed account)."""
    if court is None:
        return None
    t, lang = page.t, page.lang
    if isinstance(court, Rule):
        if state.opening is not None:
            raise InvalidValueError(
                "rule",
                court,
                "None for an account started from a statement (its own replay cannot be "
                "put under a rule): give its court view as court=",
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
    header = (t("item"), t("claimed"), t("not allowed"), t("allowed"), t("article"))
    kind = page.lender.kind
    allowed: AccountState | None = None
    if isinstance(court, CourtView):
        name = rule_name(court.rule, page.lang)
        rows = _court_rows(page, court, kind)
        payoff = court.lines[-1]
        claimed, enforceable = payoff.charged, payoff.allowed
        as_of = court.as_of
        if court.card:  # a card's: its limits measured from its first day on its ledger
            ceilings = [_ceiling(page, court.rule, limit, as_of, as_of) for limit in court.limits]
        else:
            assert court.allowed is not None  # a loan's view: its replay under the rule
            limits = court.rule.limits(court.allowed.loan, court.as_of)
            allowed = court.allowed if state.opening is None else None
            ceilings = [_ceiling(page, court.rule, limit, court.allowed.loan.start, as_of)
                        for limit in limits]  # fmt: skip
    else:
        raise InvalidTypeError("court", court, "a legal Rule or a CourtView, or None")
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
    A card's lines (its principal owed, each charge in a card issuer's words) less
    what its payments settled of the charges, as the card and as the rule applied
    them, are its payoffs.
    """
    rows = [
        _court_row(page, line.item, charge_label(line.item, page.lang, kind, card=view.card),
                   line.charged, line.allowed, source=cited(line.citations, page.lang))
        for line in view.lines[:-1]
    ]  # fmt: skip
    rows.extend(_card_payments(page, view) if view.card else _loan_payments(page, view))
    payoff = view.lines[-1]
    rows.append(_court_row(page, "payoff", payoff.label(page.lang), payoff.charged,
                           payoff.allowed))  # fmt: skip
    return rows


def _card_payments(page: _Page, view: CourtView) -> list[tuple[_Cell, ...]]:
    """Return the row of what a card's payments settled of its charges (claimed, allowed).

    The card's principal line is what it still owes, so its payments show as what they
    settled of the charges (and any credit), as the card and as the rule applied them;
    no row where they settled none.
    """
    principal = view.lines[0].charged
    claimed = principal + view.charges_claimed - view.payoff
    allowed = principal + view.charges_allowed - view.enforceable_payoff
    if not claimed and not allowed:
        return []
    label = page.t("applied from payments made")
    return [_court_row(page, "paid", label, -claimed, -allowed)]


def _loan_payments(page: _Page, view: CourtView) -> list[tuple[_Cell, ...]]:
    """Return a loan's rows after its lines: an upfront fee paid, payments, what is held."""
    t = page.t
    assert view.claimed is not None  # a loan's view: both replays
    assert view.allowed is not None
    rows = []
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
    art. 25 words it), what it is measured on, and ``Limit.citation`` in the language.
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
    source = cite(limit.citation, lang)
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
