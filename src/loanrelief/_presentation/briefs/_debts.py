"""The several-debts brief: the debts, the plan one budget makes of them, the strategies.

The strategies are set side by side, and each creditor gets a letter of its own.
"""

from __future__ import annotations

from decimal import Decimal

from loanrelief._foundations.errors import (
    InvalidTypeError,
)
from loanrelief._foundations.money import Money, Rate
from loanrelief._ledger.court import CourtView, court_view
from loanrelief._presentation.briefs._document import Brief
from loanrelief._presentation.briefs._letters import _debt_letter
from loanrelief._presentation.briefs._outline import _Block, _Cell, _Chart, _Table
from loanrelief._presentation.briefs._page import _Lender, _Page
from loanrelief._presentation.citations import rule_name
from loanrelief._presentation.display import counts_named
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_money,
    format_rate,
)
from loanrelief._presentation.plot import for_svg, plot_strategies, svg_of
from loanrelief._relief.budget import Budget
from loanrelief._relief.debt_plan import DebtPlan, Strategy
from loanrelief._relief.debts import Debt, compare_strategies, plan_debts
from loanrelief.law._rules import Rule


def _debts(
    debts: list[Debt],
    *,
    lang: Language,
    budget: Money | Budget,
    court: Rule | CourtView | None,
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
            raise InvalidTypeError("rule", court, "a legal Rule, for several debts")
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
            assert view.allowed is not None  # a loan's view: its replay under the rule
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
        name = rule_name(court, lang)
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
            _Cell(t(plan.strategy.phrase)),
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
