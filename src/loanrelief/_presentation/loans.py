"""The loans' results as text, HTML and named frames: schedules and repayment plans.

``Schedule`` and ``Plan`` keep one-line delegators (``__str__``, ``to_text(lang=)``,
``to_html(lang=)``, ``_repr_html_``, ``label_in``) that import a function of this module
when called. The words are made here, in the language asked for (English by default),
from one template each; the figures are the result's own, written with their places.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from loanrelief._presentation.display import day_named, named, text_table
from loanrelief._presentation.i18n import (
    METHOD_PHRASES,
    Language,
    format_money,
    language,
    translate,
    translated,
)
from loanrelief._presentation.levers import package_name

if TYPE_CHECKING:
    import pandas as pd

    from loanrelief._loans.plan import Plan, PlanRow
    from loanrelief._loans.schedule import Instalment, Schedule

__all__ = [
    "plan_html",
    "plan_label",
    "plan_text",
    "schedule_frame",
    "schedule_html",
    "schedule_text",
    "schedule_title",
]

_SHOWN_ROWS = 12  # a longer table is shown as its first six and last three rows
_COLUMNS = ("payment", "interest", "principal", "fee", "balance")  # Schedule's COLUMNS


def _colon(lang: Language) -> str:
    return "：" if lang is Language.ZH else ": "


# -- schedule --------------------------------------------------------------------------
def schedule_title(schedule: Schedule, lang: Language | str | None = None) -> str:
    """Name a schedule's loan in one line: method, principal, rate, instalments, start.

    One template of the glossary for both languages; English names the method by its
    value and the instalments by their frequency, Chinese by the glossary's words.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> schedule = lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 15), currency="CNY"))
    >>> schedule_title(schedule)
    'annuity loan of 300.00 CNY at 0 % a year, 3 monthly instalments from 2024-01-15'
    >>> schedule_title(schedule, "zh")
    '等额本息贷款300.00元，年利率0%，分3期，自2024年1月15日起'
    """
    chosen = language(lang)
    loan, count = schedule.loan, len(schedule)
    percent = f"{(loan.annual_rate * 100).normalize():f}"
    if chosen is Language.ZH:
        method = translate(METHOD_PHRASES[loan.method.value], chosen)
        amount = format_money(loan.principal, chosen, loan.currency)
        rate = f"{percent}%"
        instalments = translate("{count} instalments", chosen, count=count)
    else:
        method = loan.method.value
        amount = f"{loan.principal:,}" + (f" {loan.currency}" if loan.currency else "")
        rate = f"{percent} %"
        plural = "s" if count != 1 else ""
        instalments = f"{count} {loan.frequency.value} instalment{plural}"
    return translate(
        "{method} loan of {amount} at {rate} a year, {count} from {start}",
        chosen,
        method=method,
        amount=amount,
        rate=rate,
        count=instalments,
        start=day_named(loan.start, chosen),
    )


def _shown(schedule: Schedule) -> list[Instalment | None]:
    rows: list[Instalment | None] = list(schedule.instalments)
    return rows if len(rows) <= _SHOWN_ROWS else [*rows[:6], None, *rows[-3:]]


def _totals(schedule: Schedule, lang: Language) -> str:
    return translate(
        "total paid {paid} = principal {principal} + interest {interest} + fees {fees}",
        lang,
        paid=f"{schedule.total_paid:,}",
        principal=f"{schedule.total_principal:,}",
        interest=f"{schedule.total_interest:,}",
        fees=f"{schedule.total_fees:,}",
    )


def schedule_text(schedule: Schedule, lang: Language | str | None = None) -> str:
    """Return a schedule as a text table: its title, its rows, its totals.

    Long schedules show their first six and last three rows.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> print(schedule_text(lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 15)))))
    Schedule: annuity loan of 300.00 at 0 % a year, 3 monthly instalments from 2024-01-15
    #    due date  payment  interest  principal   fee  balance
    1  2024-02-15   100.00      0.00     100.00  0.00   200.00
    2  2024-03-15   100.00      0.00     100.00  0.00   100.00
    3  2024-04-15   100.00      0.00     100.00  0.00     0.00
    total paid 300.00 = principal 300.00 + interest 0.00 + fees 0.00
    """
    chosen = language(lang)
    lines: list[tuple[str, ...]] = [("#", "due date", *_COLUMNS)]
    for row in _shown(schedule):
        if row is None:
            lines.append(("...", "", "", "", "", "", ""))
            continue
        day = day_named(row.due_date, chosen)
        lines.append((str(row.number), day, *(f"{getattr(row, c):,}" for c in _COLUMNS)))
    title = translate("Schedule", chosen) + _colon(chosen) + schedule_title(schedule, chosen)
    table = text_table(lines, left=1, lang=chosen)
    return "\n".join([title, *table, _totals(schedule, chosen)])


def schedule_html(schedule: Schedule, lang: Language | str | None = None) -> str:
    """Return a schedule as an HTML table for notebooks (see :func:`schedule_text`).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> page = schedule_html(lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 15))), "zh")
    >>> page.startswith("<div><p><b>还款计划</b>："), "<th>剩余本金</th>" in page
    (True, True)
    """
    chosen = language(lang)
    head = "".join(
        f"<th>{html.escape(named(name, chosen))}</th>" for name in ("#", "due date", *_COLUMNS)
    )
    body = []
    for row in _shown(schedule):
        if row is None:
            body.append(f"<tr><td colspan='{len(_COLUMNS) + 2}'>&hellip;</td></tr>")
            continue
        cells = "".join(
            f"<td style='text-align:right'>{getattr(row, name):,}</td>" for name in _COLUMNS
        )
        day = html.escape(day_named(row.due_date, chosen))
        body.append(f"<tr><td>{row.number}</td><td>{day}</td>{cells}</tr>")
    name = html.escape(translate("Schedule", chosen))
    title = html.escape(schedule_title(schedule, chosen))
    return (
        f"<div><p><b>{name}</b>{_colon(chosen)}{title}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<p>{html.escape(_totals(schedule, chosen))}</p></div>"
    )


def schedule_frame(frame: pd.DataFrame, lang: Language | str | None = None) -> pd.DataFrame:
    """Name a schedule's frame in a language: its index ``number``, its columns.

    English keeps the columns' own names (``due_date``, ``payment``, ...).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> frame = lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 1))).to_pandas()
    >>> list(schedule_frame(frame, "zh").columns)[:2], schedule_frame(frame).index.name
    (['还款日', '每期还款'], 'number')
    """
    chosen = language(lang)
    named_frame = frame.copy()
    named_frame.index.name = translate("number", chosen)
    if chosen is Language.ZH:
        named_frame.columns = [translate(c.replace("_", " "), chosen) for c in frame.columns]
    return named_frame


# -- plan ------------------------------------------------------------------------------
def plan_label(plan: Plan, lang: Language | str | None = None) -> str:
    """Name a plan in a language: by the levers that made it, else its label in the table.

    A label the translation table lacks (an offer's own words) is kept as given.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0.1", 12, start=date(2024, 1, 1))
    >>> plan_label(lr.evaluate(lr.account_state(loan, as_of=date(2024, 3, 15))).plan, "zh")
    '立即补足逾期'
    """
    chosen = language(lang)
    if chosen is Language.EN:
        return plan.label
    if plan.package:
        return package_name(plan.package, chosen)
    return translated(plan.label, chosen)


def _plan_lines(plan: Plan, lang: Language) -> list[tuple[str, ...]]:
    from loanrelief._loans.plan import PLAN_COLUMNS  # noqa: PLC0415 - the columns, read only

    rows: list[PlanRow | None] = list(plan.rows)
    shown = rows if len(rows) <= _SHOWN_ROWS else [*rows[:6], None, *rows[-3:]]
    lines: list[tuple[str, ...]] = [("date", *PLAN_COLUMNS, "amount")]
    for row in shown:
        if row is None:
            lines.append(("...", "", "", "", "", ""))
        else:
            money = (f"{getattr(row, c):,}" for c in PLAN_COLUMNS)
            lines.append((str(row.date), *money, f"{row.amount:,}"))
    return lines


def _plan_title(plan: Plan, lang: Language) -> str:
    return translate(
        "Plan: {label} (from {as_of})",
        lang,
        label=plan_label(plan, lang),
        as_of=day_named(plan.as_of, lang),
    )


def _plan_summary(plan: Plan, lang: Language) -> str:
    summary = translate(
        "total paid {paid} in {count} payments",
        lang,
        paid=f"{plan.total_paid:,}",
        count=len(plan),
    )
    if plan.waived:
        waived = f"{plan.total_waived:,}"
        summary += translate(", ", lang) + translate("waived {amount}", lang, amount=waived)
    return summary


def plan_text(plan: Plan, lang: Language | str | None = None) -> str:
    """Return a plan as text: its title, its payments, what it pays and waives.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> plan_text(lr.evaluate(state).plan).splitlines()[0]
    'Plan: cure now (from 2024-03-15)'
    >>> plan_text(lr.evaluate(state).plan, "zh").splitlines()[0]
    '还款计划：立即补足逾期（自2024年3月15日起）'
    """
    chosen = language(lang)
    table = text_table(_plan_lines(plan, chosen), lang=chosen)
    return "\n".join([_plan_title(plan, chosen), *table, _plan_summary(plan, chosen)])


def plan_html(plan: Plan, lang: Language | str | None = None) -> str:
    """Return a plan as an HTML table for notebooks (see :func:`plan_text`)."""
    chosen = language(lang)
    lines = _plan_lines(plan, chosen)
    head = "".join(f"<th>{html.escape(named(cell, chosen))}</th>" for cell in lines[0])
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:right'>{cell}</td>" for cell in line) + "</tr>"
        for line in lines[1:]
    )
    return (
        f"<div><p><b>{html.escape(_plan_title(plan, chosen))}</b></p><table><thead><tr>{head}"
        f"</tr></thead><tbody>{body}</tbody></table>"
        f"<p>{html.escape(_plan_summary(plan, chosen))}</p></div>"
    )
