"""The one-account brief: what is owed, what delay adds, the options and the plan.

The plan is the one the budget chooses; the budget is never written on the page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from loanrelief._foundations.errors import (
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import Money, Rate, to_major, to_minor
from loanrelief._foundations.validate import a_sequence
from loanrelief._ledger.account import AccountState, cost_of_delay
from loanrelief._ledger.court import CourtView
from loanrelief._presentation.briefs._court import _court
from loanrelief._presentation.briefs._document import Brief
from loanrelief._presentation.briefs._letters import _letter
from loanrelief._presentation.briefs._outline import _Block, _Cell, _Chart, _Table
from loanrelief._presentation.briefs._page import _CARD_PLAN_MONTHS, _Lender, _Page
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
    format_rate,
    translate,
)
from loanrelief._presentation.plot import for_svg, plot_comparison, svg_of
from loanrelief._relief.evaluation import Comparison, Option, Outcome, compare, evaluate
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForgivePrincipal,
    FreezeInterest,
    InstalmentPlan,
    Lever,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaivePenalty,
)
from loanrelief._relief.negotiation import lender_npv, solve
from loanrelief.cards._book import card_award
from loanrelief.law._rules import Rule


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
        InstalmentPlan(36),
        WaiveInterest(share="0.5"),
        WaivePenalty(share=1),
        FreezeInterest(36),
        Settlement(share="0.6"),
    ]


def _one_account(
    state: AccountState,
    options: Iterable[Option] | None,
    *,
    lang: Language,
    budget: Money | None,
    court: Rule | CourtView | None,
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
    prefix = _excess_waived(state, court) if isinstance(court, CourtView) and court.card else []
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
            figure = plot_comparison(
                dataclasses.replace(table, outcomes=tuple(shown)),
                lang=lang,
                lender=page.lender.kind,
            )
        blocks.append(_Chart(svg_of(figure), t("The options side by side")))
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

    rule = court.rule if isinstance(court, CourtView) else court
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


def _excess_waived(state: AccountState, view: CourtView) -> list[Lever]:
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
