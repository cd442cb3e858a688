"""Charts of schedules, relief comparisons and overdue growth (matplotlib, optional).

Install with ``pip install '.[plot]'``. Each function returns a
``matplotlib.figure.Figure`` made without pyplot, so it works in notebooks, scripts and
servers alike (no global figure manager, nothing left open): save it with
``figure.savefig("chart.png")``. The figures show themselves as PNG images in Jupyter
and in executed notebooks (``_repr_png_``), with or without pyplot imported.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import os
import re
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from loanrelief._foundations.optional import require
from loanrelief._foundations.validate import whole_number
from loanrelief._presentation.i18n import (
    METHOD_PHRASES,
    Language,
    format_date,
    format_money,
    format_rate,
    language,
    translate,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from loanrelief._ledger.account import AccountState
    from loanrelief._loans.schedule import Schedule
    from loanrelief._relief.debt_plan import DebtPlan, StrategyComparison
    from loanrelief._relief.evaluation import Comparison
    from loanrelief.law._china import ChinaLender

__all__ = [
    "for_svg",
    "plot_comparison",
    "plot_debts",
    "plot_penalty",
    "plot_schedule",
    "plot_strategies",
    "svg_of",
]


def _figure(lang: Language = Language.EN, **options: Any) -> Figure:
    figure: Figure = _chart_class(
        require("matplotlib.figure", "plot", "the plots (loanrelief._presentation.plot)").Figure
    )(**options)
    return figure


@functools.cache
def _chart_class(base: type[Figure]) -> type[Figure]:
    """Return a ``Figure`` that IPython shows as an image (made once, on first use).

    A figure made without pyplot has no display hook in Jupyter: it would print as
    ``<Figure size 900x600 with 2 Axes>``. ``_repr_png_`` draws it instead.
    """

    class Chart(base):  # type: ignore[valid-type, misc]
        """A matplotlib ``Figure`` that notebooks display as a PNG image."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", bbox_inches="tight")
            return buffer.getvalue()

    return Chart


@contextlib.contextmanager
def _fonts(lang: Language) -> Iterator[None]:
    """Draw text in a font that has the language's glyphs (a CJK font for Chinese).

    The texts made inside keep the font. Without a CJK font on the machine (Debian's
    ``fonts-noto-cjk``, say), Chinese is drawn in the default font with boxes for
    the characters matplotlib cannot find, and says so.
    """
    matplotlib = require("matplotlib", "plot", "the plots (loanrelief._presentation.plot)")
    if lang is not Language.ZH:
        yield
        return
    families = _cjk_families()
    if not families and _cjk_files():
        warnings.warn(_STALE_CACHE.format(cache=matplotlib.get_cachedir()), UserWarning, 3)
    # By name: a text keeps the family it is made with, and a generic family would be
    # resolved only when drawn, outside this context.
    with matplotlib.rc_context({"font.family": [*families, "DejaVu Sans"]}):
        yield


@functools.cache
def _cjk_families() -> tuple[str, ...]:
    """Return the installed fonts with Chinese glyphs, the preferred first."""
    from matplotlib import font_manager  # noqa: PLC0415

    known = {font.name for font in font_manager.fontManager.ttflist}
    return tuple(name for name in _CJK if name in known)


@functools.cache
def _cjk_files() -> tuple[str, ...]:
    """Return the font files on the machine whose names say they hold Chinese glyphs.

    Read from the font folders themselves, not matplotlib's cache: a cache built before
    a CJK font was installed lists none of them, and Chinese is drawn as empty boxes.
    """
    from matplotlib import font_manager  # noqa: PLC0415

    return tuple(
        path for path in font_manager.findSystemFonts() if _CJK_FILE.search(os.path.basename(path))
    )


_CJK_FILE = re.compile(r"cjk|wqy|simhei|msyh|pingfang|sourcehansans|hiragino|heiti", re.I)
_STALE_CACHE = (
    "Chinese is drawn with empty boxes: a font with Chinese glyphs is installed, but "
    "matplotlib's font cache was built before it and does not list it; delete the "
    "fontlist-*.json files in {cache} (matplotlib.get_cachedir()) and start Python again"
)

_CJK = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Sans CJK JP",
)


def _money_axis(axis: Any, which: str = "y") -> None:
    """Thousands separators on an axis of amounts."""
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415

    target = axis.yaxis if which == "y" else axis.xaxis
    target.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _label(lang: Language, phrase: str, **fields: object) -> str:
    """Write a title or axis label in the language (English capitalized)."""
    text = translate(phrase, lang, **fields)
    return text[:1].upper() + text[1:]


def _amounts(lang: Language, name: str, currency: str | None) -> str:
    """Write an axis label of amounts with the currency once: "Balance (USD)"."""
    label = _label(lang, name)
    return f"{label} ({currency})" if currency else label


def plot_schedule(schedule: Schedule, *, lang: Language | str | None = None) -> Figure:
    """Chart a schedule: the balance from the amount lent, and each payment's parts.

    The balance line starts on the loan's start date at the amount lent and steps down
    at each due date; amounts have thousands separators, the currency named once on
    each axis; labels follow ``lang`` (:mod:`loanrelief._presentation.i18n`).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> figure = lr.amortize(lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))).plot()
    >>> [axis.get_ylabel() for axis in figure.axes]
    ['Balance', 'Payment']
    >>> float(figure.axes[0].lines[0].get_ydata()[0])  # from the amount lent
    50000.0
    """
    chosen = language(lang)
    loan = schedule.loan
    columns = schedule.columns
    dates = [loan.start, *schedule.due_dates.astype(object).tolist()]
    balance = [float(loan.principal), *(float(x) for x in columns["balance"])]
    count = len(schedule)
    with _fonts(chosen):
        figure = _figure(chosen, figsize=(9, 6), layout="constrained")
        top, bottom = figure.subplots(2, 1, sharex=True)
        top.step(dates, balance, where="post", color="#1f4e79")
        top.plot(dates, balance, linestyle="none", marker="o", markersize=3, color="#1f4e79")
        top.set_ylabel(_amounts(chosen, "balance", loan.currency))
        top.set_ylim(bottom=0)
        method = METHOD_PHRASES[loan.method.value]
        top.set_title(
            _label(
                chosen,
                "{method} loan of {amount} at {rate} a year, {count}",
                method=translate(method, chosen),
                amount=format_money(loan.principal, chosen, loan.currency),
                rate=format_rate(loan.annual_rate, chosen),
                count=_instalments(count, chosen),
            )
        )
        gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
        width = 0.8 * max(min(gaps), 1)
        parts = [("principal", "principal", "#1f4e79"), ("interest", "interest", "#e07b39")]
        if schedule.total_fees:
            parts.append(("fee", "fee", "#999999"))
        base = np.zeros(count)
        for column, name, color in parts:
            values = np.asarray(columns[column], dtype=float)
            bottom.bar(dates[1:], values, width=width, bottom=base, color=color,
                       label=translate(name, chosen))  # fmt: skip
            base = base + values
        bottom.set_ylabel(_amounts(chosen, "payment", loan.currency))
        bottom.set_xlabel(_label(chosen, "due date"))
        bottom.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
        for axis in (top, bottom):
            axis.grid(alpha=0.3)
            _money_axis(axis)
    return figure


def _instalments(count: int, lang: Language) -> str:
    if count == 1:
        return translate("1 instalment", lang)
    return translate("{count} instalments", lang, count=count)


def plot_comparison(
    comparison: Comparison,
    *,
    lang: Language | str | None = None,
    lender: ChinaLender | str | None = None,
) -> Figure:
    """Chart relief options side by side: payment, total paid and present value.

    Each bar is labelled with its value; the total-paid and present-value panels
    mark the baseline's (a dashed line: paying the arrears now, unless the
    comparison was made against another baseline). A one-payment option (a
    settlement) shows that payment as its payment. The options are named in the
    lender's words (``lender=``, :func:`loanrelief._presentation.levers.lever_name`).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 7, 1))
    >>> figure = lr.compare(state, [lr.ExtendTerm(6), lr.FreezeInterest(12)],
    ...                     baseline=lr.StayOverdue(date(2025, 1, 1))).plot()
    >>> [axis.get_title() for axis in figure.axes]
    ['Payment each period', 'Total paid', 'Present value']
    >>> figure.get_suptitle()
    'Relief options against stay overdue until 2025-01-01'
    """
    chosen = language(lang)
    outcomes = list(comparison)
    labels = [outcome.label_in(chosen, lender=lender) for outcome in outcomes]
    currency = comparison.state.loan.currency
    baseline = outcomes[0].baseline if outcomes else None
    with _fonts(chosen):
        figure = _figure(chosen, figsize=(12, 1.6 + 0.5 * len(labels)), layout="constrained")
        axes = figure.subplots(1, 3, sharey=True)
        paid = [float(o.total_paid) for o in outcomes]
        metrics = (
            ("payment each period", [float(o.payment) for o in outcomes], "#1f4e79", None),
            ("total paid", paid, "#e07b39",
             None if baseline is None else float(baseline.total_paid)),
            ("present value", [float(o.present_value) for o in outcomes], "#4c9a2a",
             None if not outcomes
             else float(outcomes[0].present_value + outcomes[0].saving_present_value)),
        )  # fmt: skip
        positions = list(range(len(labels)))
        for axis, (title, values, color, base) in zip(axes, metrics, strict=True):
            bars = axis.barh(positions, values, color=color)
            axis.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=3, fontsize=8)
            if base is not None:
                axis.axvline(base, color="#444444", linestyle="--", linewidth=1)
            axis.set_title(_label(chosen, title))
            axis.set_xlabel(_amounts(chosen, "amount", currency))
            axis.grid(axis="x", alpha=0.3)
            axis.margins(x=0.25)
            _money_axis(axis, "x")
        axes[0].set_yticks(positions, labels)
        axes[0].invert_yaxis()
        name = translate("cure now", chosen)
        if comparison.baseline is not None:
            name = comparison.baseline.label_in(chosen)
        figure.suptitle(_label(chosen, "relief options against {baseline}", baseline=name))
    return figure


def plot_penalty(
    state: AccountState, days: int = 180, step: int = 7, *, lang: Language | str | None = None
) -> Figure:
    """Chart how an overdue account grows if nothing is paid for ``days`` more days.

    Penalty, fees and the payoff are replayed every ``step`` days (caps applied).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1))
    >>> policy = lr.PenaltyPolicy(annual_rate="0.24")
    >>> state = lr.account_state(loan, as_of=date(2024, 4, 11), penalty=policy)
    >>> plot_penalty(state, days=60).axes[0].get_ylabel()
    'Amount'
    """
    chosen = language(lang)
    room = (date.max - state.as_of).days
    days = whole_number(days, "days", 1, min(room, 36_600))  # a chart of at most a century
    step = whole_number(step, "step", 1, 36_600)
    dates = [state.as_of + timedelta(days=k) for k in range(0, days + 1, step)]
    states = [state.on(day) for day in dates]
    with _fonts(chosen):
        figure = _figure(chosen, figsize=(9, 4.5), layout="constrained")
        axis = figure.subplots()
        when = np.array(dates, dtype="datetime64[D]")
        lines = (
            ("penalty", [float(s.penalty) for s in states], "#c0392b"),
            ("fees", [float(s.fees) for s in states], "#999999"),
            ("payoff grows by", [float(s.payoff - state.payoff) for s in states], "#1f4e79"),
        )
        for name, values, color in lines:
            axis.plot(when, values, label=translate(name, chosen), color=color)
        axis.set_ylabel(_amounts(chosen, "amount", state.loan.currency))
        axis.set_xlabel(_label(chosen, "date"))
        axis.set_title(
            _label(
                chosen,
                "if nothing is paid after {as_of}: {days} days past due",
                as_of=format_date(state.as_of, chosen),
                days=state.days_past_due,
            )
        )
        axis.legend(loc="upper left")
        axis.grid(alpha=0.3)
        _money_axis(axis)
    return figure


def plot_debts(plan: DebtPlan, *, lang: Language | str | None = None) -> Figure:
    """Chart a plan for several debts: what each owes over time, and what each is paid.

    The balances start from what each debt owes on the start date, before any payment;
    each month's point is what is left after that month's payments.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> as_of = date(2024, 5, 1)
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)), as_of=as_of)
    >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)), as_of=as_of)
    >>> plan = lr.debts.plan_debts([lr.debts.Debt("A", a), lr.debts.Debt("B", b)], 1200)
    >>> [axis.get_ylabel() for axis in plan.plot().axes]
    ['Owed', 'Paid']
    """
    chosen = language(lang)
    names = list(plan.creditors)
    dates = list(plan.dates)
    with _fonts(chosen):
        figure = _figure(chosen, figsize=(9, 6), layout="constrained")
        top, bottom = figure.subplots(2, 1, sharex=True)
        if not dates:  # nothing owed on the start date
            top.set_title(_label(chosen, "nothing owed"))
            return figure
        when = np.array([dates[0], *dates], dtype="datetime64[D]")
        owed = [
            [float(plan.owed_at_start[name]), *(float(x) for x in plan.balances[name])]
            for name in names
        ]
        top.stackplot(when, owed, labels=names, step="post", alpha=0.85)
        top.set_ylabel(_label(chosen, "owed"))
        free = (
            translate("debt-free on {date}", chosen, date=format_date(plan.debt_free, chosen))
            if plan.debt_free
            else translate("not debt-free within the plan", chosen)
        )
        top.set_title(
            _label(
                chosen,
                "{count} debts, {budget} a month ({strategy}): {free}",
                count=len(names),
                budget=f"{plan.budget:,}",
                strategy=translate(plan.strategy.phrase, chosen),
                free=free,
            )
        )
        top.legend(loc="upper right", frameon=False)
        base = np.zeros(len(dates))
        for name in names:
            values = np.array([float(x) for x in plan.payments[name]])
            bottom.bar(np.array(dates, dtype="datetime64[D]"), values, width=20, bottom=base,
                       label=name)  # fmt: skip
            base += values
        bottom.axhline(float(plan.budget), color="#444444", linestyle="--", linewidth=1)
        bottom.set_ylabel(_label(chosen, "paid"))
        bottom.set_xlabel(_label(chosen, "payment date (the dashed line: the budget)"))
        for axis in (top, bottom):
            axis.grid(alpha=0.3)
            _money_axis(axis)
    return figure


def plot_strategies(
    comparison: StrategyComparison, *, lang: Language | str | None = None
) -> Figure:
    """Chart the total owed over time under each strategy.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loans = {"A": lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...          "B": lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20))}
    >>> debts = [lr.debts.Debt(name, lr.account_state(loan, as_of=date(2024, 5, 1)))
    ...          for name, loan in loans.items()]
    >>> comparison = lr.debts.compare_strategies(debts, 1200)
    >>> comparison.plot().axes[0].get_ylabel()
    'Total owed'
    """
    chosen = language(lang)
    with _fonts(chosen):
        figure = _figure(chosen, figsize=(9, 4.5), layout="constrained")
        axis = figure.subplots()
        for plan in comparison.plans:
            if not plan.dates:
                continue
            when = np.array([plan.dates[0], *plan.dates], dtype="datetime64[D]")
            total = [
                float(sum(plan.owed_at_start.values(), Decimal(0))),
                *(
                    float(sum((plan.balances[name][k] for name in plan.creditors), Decimal(0)))
                    for k in range(len(plan.dates))
                ),
            ]
            label = translate(
                "{strategy}: {total} in all",
                chosen,
                strategy=translate(plan.strategy.phrase, chosen),
                total=f"{plan.total_cost:,}",
            )
            axis.step(when, total, where="post", label=label)
        axis.set_ylabel(_label(chosen, "total owed"))
        axis.set_xlabel(_label(chosen, "payment date"))
        axis.set_title(_label(chosen, "the same debts and budget under each strategy"))
        axis.legend(loc="upper right", frameon=False)
        axis.grid(alpha=0.3)
        _money_axis(axis)
    return figure


# No creator, date or format in the SVG: a page's charts carry only the chart.
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


_SVG = {"svg.fonttype": "none", "svg.hashsalt": "loanrelief"}


@contextlib.contextmanager
def for_svg() -> Iterator[None]:
    """Draw charts for :func:`svg_of`: their text is drawn by the browser, not matplotlib.

    The font matplotlib would use does not matter there, so its warning about a font
    cache that lists no Chinese font (:func:`_fonts`) is not given.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> with for_svg():
    ...     figure = lr.amortize(lr.Loan(1000, "0.1", 3, start=date(2024, 1, 15))).plot(lang="zh")
    >>> svg_of(figure).lstrip().startswith("<svg")
    True
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Chinese is drawn with empty boxes")
        yield


def svg_of(figure: Figure) -> str:
    """Return a figure as an SVG document whose text is text (for an HTML page).

    The browser draws the text with its own fonts, so Chinese needs no font here;
    matplotlib's warnings about glyphs its own fonts lack are therefore silenced. The
    document's ids come from a fixed salt, so the same figure gives the same bytes
    (a brief made twice is the same page).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> figure = lr.amortize(lr.Loan(1000, "0.1", 3, start=date(2024, 1, 15))).plot()
    >>> svg_of(figure).lstrip().startswith("<svg")
    True
    """
    matplotlib = require("matplotlib", "plot", "svg_of()")
    buffer = io.StringIO()
    with warnings.catch_warnings(), matplotlib.rc_context(_SVG):
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata=_NO_METADATA)
    text = buffer.getvalue()
    return text[text.index("<svg") :]
