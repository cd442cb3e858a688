"""The brief's letters: a request to the lender, or one to each creditor of several debts."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from loanrelief._ledger.account import AccountState
from loanrelief._presentation.briefs._outline import _Letter
from loanrelief._presentation.briefs._page import (
    _CARD_PLAN_MONTHS,
    _CARD_PLAN_SOURCE,
    _Claim,
    _Page,
)
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
)
from loanrelief._relief.debt_plan import DebtOffer
from loanrelief._relief.debts import Debt
from loanrelief._relief.evaluation import Outcome


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
