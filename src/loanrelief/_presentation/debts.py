"""The text and HTML of several debts' plans: :class:`~loanrelief.DebtPlan`, a comparison.

Every figure is the plan's own; this module writes them out in the language asked
(English by default). :class:`~loanrelief.DebtPlan` and
:class:`~loanrelief.StrategyComparison` keep one-line delegators (``to_text``,
``to_html``, ``__str__``, ``_repr_html_``) that import this module when called.
"""

from __future__ import annotations

from datetime import date

from loanrelief._foundations.money import exact_decimals
from loanrelief._presentation.display import (
    counts_named,
    html_table,
    summary_html,
    summary_text,
    text_table,
)
from loanrelief._presentation.i18n import Language, format_date, language, translate, translated
from loanrelief._relief.debt_plan import DebtPlan, StrategyComparison

__all__ = ["plan_html", "plan_text", "strategies_html", "strategies_text", "strategy_name"]

_SHOWN = 25  # the most months a plan's text shows (the first 13 and the last 12 beyond)


def strategy_name(plan: DebtPlan, lang: Language | str = Language.EN) -> str:
    """Name a plan's strategy (and, for least cost, the order it chose) in a language.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> owed = lr.Statement(as_of=date(2024, 3, 15), outstanding_principal=1200, annual_rate=0,
    ...                     next_due_date=date(2024, 4, 1), remaining_instalments=10)
    >>> plan = lr.debts.plan_debts([lr.debts.Debt("A", owed)], 300, strategy="least_cost")
    >>> strategy_name(plan), strategy_name(plan, "zh")
    ('least cost (as avalanche)', '总成本最低（按雪崩法（先还利率最高））')
    """
    chosen = language(lang)
    name = translate(plan.strategy.phrase, chosen)
    if plan.order is plan.strategy:
        return name
    order = translate(plan.order.phrase, chosen)
    return translate("{strategy} (as {order})", chosen, strategy=name, order=order)


def _day(day: date, lang: Language) -> str:
    return str(day) if lang is Language.EN else format_date(day, lang)


def _lines(plan: DebtPlan, lang: Language) -> list[tuple[str, str]]:
    free = (
        _day(plan.debt_free, lang)
        if plan.debt_free
        else translate("not within {count} months", lang, count=len(plan.dates))
    )
    short = [s for s in plan.shortfall if s]
    lines = [
        ("strategy", strategy_name(plan, lang)),
        ("budget", translate("{amount} a month", lang, amount=f"{plan.budget:,}")),
        ("debt-free", free),
        ("total paid", f"{plan.total_paid:,}"),
        ("present value", f"{plan.present_value:,}"),
    ]
    if plan.remaining:
        lines.append(("still owed", f"{plan.remaining:,}"))
    if short:
        lines.append(
            (
                "short of the minimums",
                translate(
                    "in {count} months, by up to {amount}",
                    lang,
                    count=len(short),
                    amount=f"{max(short):,}",
                ),
            )
        )
    offers = {offer.creditor: offer for offer in plan.offers}
    for name in plan.creditors:
        day = plan.cleared[name]
        cleared = "-" if day is None else _day(day, lang)
        paid = f"{plan.paid_by(name):,}"
        text = translate("paid {paid}, cleared {day}", lang, paid=paid, day=cleared)
        if name in offers:
            offer = offers[name]
            text += "; " + translate(
                "offered {payment} a month, {count} payments, interest frozen",
                lang,
                payment=f"{offer.payment:,}",
                count=offer.count,
            )
        lines.append((f"  {name}", text))
    return lines


@exact_decimals
def plan_text(plan: DebtPlan, lang: Language | str = Language.EN) -> str:
    """Return a plan as text: its summary, then what each creditor is paid each month.

    A plan of more than 25 months shows its first 13 and its last 12.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> plan = lr.debts.plan_debts([lr.debts.Debt("A", state)], 300, strategy="snowball")
    >>> print(plan_text(plan, "zh").splitlines()[1])
    策略      雪球法（先还余额最小）
    """
    chosen = language(lang)
    head = summary_text("DebtPlan", _lines(plan, chosen), chosen)
    rows = [["date", *plan.creditors, "short", "unspent"]]
    for k, day in enumerate(plan.dates):
        rows.append(
            [
                str(day),
                *(f"{plan.payments[name][k]:,}" for name in plan.creditors),
                f"{plan.shortfall[k]:,}",
                f"{plan.unspent[k]:,}",
            ]
        )
    gap = ["...", *[""] * (len(rows[0]) - 1)]
    shown = rows if len(rows) <= _SHOWN else [*rows[:13], gap, *rows[-12:]]
    return head + "\n\n" + "\n".join(text_table(shown, lang=chosen))


@exact_decimals
def plan_html(plan: DebtPlan, lang: Language | str = Language.EN) -> str:
    """Return a plan as HTML: its summary, then what each creditor is paid each month."""
    chosen = language(lang)
    rows = [["date", *plan.creditors]]
    rows += [
        [str(day), *(f"{plan.payments[name][k]:,}" for name in plan.creditors)]
        for k, day in enumerate(plan.dates)
    ]
    summary = summary_html("DebtPlan", _lines(plan, chosen), chosen)
    return summary + html_table(rows, "", chosen)


def _rows(comparison: StrategyComparison, lang: Language) -> list[list[str]]:
    header = ["strategy", "debt-free", "months", "total paid", "still owed", "PV"]
    rows = [[*header, "months paid nothing"]]
    for plan in comparison.plans:
        months = sum(
            1 for k, _ in enumerate(plan.dates) if any(plan.payments[n][k] for n in plan.creditors)
        )
        rows.append(
            [
                strategy_name(plan, lang),
                "-" if plan.debt_free is None else _day(plan.debt_free, lang),
                str(months),
                f"{plan.total_paid:,}",
                f"{plan.remaining:,}",
                f"{plan.present_value:,}",
                counts_named(plan.unpaid_months, lang),
            ]
        )
    return rows


@exact_decimals
def strategies_text(comparison: StrategyComparison, lang: Language | str = Language.EN) -> str:
    """Return the strategies side by side as a text table, in a language.

    One row per strategy: when the debts are paid off, in how many months, what is
    paid in all and still owed at the end, the present value, and the months in which
    nothing is paid.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1))
    >>> debts = [lr.debts.Debt("A", lr.account_state(loan, as_of=date(2024, 3, 15)))]
    >>> print(strategies_text(lr.debts.compare_strategies(debts, 300)).splitlines()[0])
    StrategyComparison
    """
    chosen = language(lang)
    rows = _rows(comparison, chosen)
    table = text_table(rows, lang=chosen)
    return translated("StrategyComparison", chosen) + "\n" + "\n".join(table)


@exact_decimals
def strategies_html(comparison: StrategyComparison, lang: Language | str = Language.EN) -> str:
    """Return the strategies side by side as an HTML table, in a language."""
    chosen = language(lang)
    return html_table(_rows(comparison, chosen), "StrategyComparison", chosen)
