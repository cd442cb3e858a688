"""Charts of schedules, relief comparisons and overdue growth (matplotlib, optional).

Install with ``pip install '.[plot]'``. Each function returns a
``matplotlib.figure.Figure`` made without pyplot, so it works in notebooks, scripts and
servers alike (no global figure manager, nothing left open): save it with
``figure.savefig("chart.png")``. The figures show themselves as PNG images in Jupyter
and in executed notebooks (``_repr_png_``), with or without pyplot imported.
"""

from __future__ import annotations

import functools
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from loanrelief.optional import require
from loanrelief.validate import whole_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from loanrelief.account import AccountState
    from loanrelief.debts import DebtPlan, StrategyComparison
    from loanrelief.evaluation import Comparison
    from loanrelief.schedule import Schedule

__all__ = ["plot_comparison", "plot_debts", "plot_penalty", "plot_schedule", "plot_strategies"]


def _figure(**options: Any) -> Figure:
    figure: Figure = _chart_class(
        require("matplotlib.figure", "plot", "the plots (loanrelief.plot)").Figure
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


def _unit(currency: str | None) -> str:
    return f" ({currency})" if currency else ""


def plot_schedule(schedule: Schedule) -> Figure:
    """Chart a schedule: the balance over time, and each payment split into its parts.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> figure = lr.amortize(lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))).plot()
    >>> [axis.get_ylabel() for axis in figure.axes]
    ['Balance', 'Payment']
    """
    loan = schedule.loan
    columns = schedule.columns
    dates = schedule.due_dates.astype(object).tolist()
    figure = _figure(figsize=(9, 6), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    top.plot(dates, columns["balance"], marker="o", markersize=3, color="#1f4e79")
    top.set_ylabel("Balance")
    top.set_title(
        f"{loan.method.value} loan of {loan.principal:,}{_unit(loan.currency)} at "
        f"{float(loan.annual_rate) * 100:g} % a year, {len(schedule)} instalments"
    )
    width = 0.8 * max((dates[1] - dates[0]).days if len(dates) > 1 else 20, 1)
    bottom.bar(dates, columns["principal"], width=width, label="principal", color="#1f4e79")
    bottom.bar(
        dates,
        columns["interest"],
        width=width,
        bottom=columns["principal"],
        label="interest",
        color="#e07b39",
    )
    if schedule.total_fees:
        bottom.bar(
            dates,
            columns["fee"],
            width=width,
            bottom=columns["principal"] + columns["interest"],
            label="fee",
            color="#999999",
        )
    bottom.set_ylabel("Payment")
    bottom.set_xlabel(f"Due date (amounts{_unit(loan.currency) or ' in the loan currency'})")
    bottom.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
    for axis in (top, bottom):
        axis.grid(alpha=0.3)
    return figure


def plot_comparison(comparison: Comparison) -> Figure:
    """Chart relief options side by side: payment, total cost and present value.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> figure = lr.compare(state, [lr.ExtendTerm(6), lr.FreezeInterest(12)]).plot()
    >>> [axis.get_title() for axis in figure.axes]
    ['Payment each period', 'Total paid', 'Present value']
    """
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter  # noqa: PLC0415

    outcomes = list(comparison)
    labels = [outcome.label for outcome in outcomes]
    currency = comparison.state.loan.currency
    figure = _figure(figsize=(12, 1.0 + 0.5 * len(labels)), layout="constrained")
    axes = figure.subplots(1, 3, sharey=True)
    metrics = (
        ("Payment each period", [float(o.regular_payment) for o in outcomes], "#1f4e79"),
        ("Total paid", [float(o.total_paid) for o in outcomes], "#e07b39"),
        ("Present value", [float(o.present_value) for o in outcomes], "#4c9a2a"),
    )
    positions = list(range(len(labels)))
    for axis, (title, values, color) in zip(axes, metrics, strict=True):
        axis.barh(positions, values, color=color)
        axis.set_title(title)
        axis.set_xlabel(f"Amount{_unit(currency)}")
        axis.grid(axis="x", alpha=0.3)
        axis.xaxis.set_major_locator(MaxNLocator(4))
        axis.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes[0].set_yticks(positions, labels)
    axes[0].invert_yaxis()
    return figure


def plot_penalty(state: AccountState, days: int = 180, step: int = 7) -> Figure:
    """Chart how an overdue account grows if nothing is paid for ``days`` more days.

    Penalty, fees and the payoff are replayed every ``step`` days (caps applied).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11),
    ...                          penalty=lr.PenaltyPolicy(annual_rate="0.24"))
    >>> lr.plot.plot_penalty(state, days=60).axes[0].get_ylabel()
    'Amount'
    """
    room = (date.max - state.as_of).days
    days = whole_number(days, "days", 1, min(room, 36_600))  # a chart of at most a century
    step = whole_number(step, "step", 1, 36_600)
    dates = [state.as_of + timedelta(days=k) for k in range(0, days + 1, step)]
    states = [state.on(day) for day in dates]
    figure = _figure(figsize=(9, 4.5), layout="constrained")
    axis = figure.subplots()
    when = np.array(dates, dtype="datetime64[D]")
    axis.plot(when, [float(s.penalty) for s in states], label="penalty", color="#c0392b")
    axis.plot(when, [float(s.fees) for s in states], label="fees", color="#999999")
    axis.plot(
        when,
        [float(s.payoff - state.payoff) for s in states],
        label="payoff increase",
        color="#1f4e79",
    )
    axis.set_ylabel("Amount")
    axis.set_xlabel(f"Date (amounts{_unit(state.loan.currency) or ' in the loan currency'})")
    axis.set_title(f"If nothing is paid after {state.as_of}: {state.days_past_due} days past due")
    axis.legend(loc="upper left")
    axis.grid(alpha=0.3)
    return figure


def plot_debts(plan: DebtPlan) -> Figure:
    """Chart a plan for several debts: what each owes over time, and what each is paid.

    The balances start from what each debt owes on the start date, before any payment;
    each month's point is what is left after that month's payments.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...                      as_of=date(2024, 5, 1))
    >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)),
    ...                      as_of=date(2024, 5, 1))
    >>> plan = lr.plan_debts([lr.Debt("A", a), lr.Debt("B", b)], 1200)
    >>> [axis.get_ylabel() for axis in plan.plot().axes]
    ['Owed', 'Paid']
    """
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415

    names = list(plan.creditors)
    dates = list(plan.dates)
    figure = _figure(figsize=(9, 6), layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True)
    if not dates:  # nothing owed on the start date
        top.set_title("Nothing owed")
        return figure
    when = np.array([dates[0], *dates], dtype="datetime64[D]")
    owed = [
        [float(plan.owed_at_start[name]), *(float(x) for x in plan.balances[name])]
        for name in names
    ]
    top.stackplot(when, owed, labels=names, step="post", alpha=0.85)
    top.set_ylabel("Owed")
    free = f"debt-free {plan.debt_free}" if plan.debt_free else "not debt-free within the plan"
    top.set_title(f"{len(names)} debts, {plan.budget:,} a month ({plan.strategy.value}): {free}")
    top.legend(loc="upper right", frameon=False)
    width = 20
    base = np.zeros(len(dates))
    for name in names:
        values = np.array([float(x) for x in plan.payments[name]])
        bottom.bar(np.array(dates, dtype="datetime64[D]"), values, width=width, bottom=base,
                   label=name)  # fmt: skip
        base += values
    bottom.axhline(float(plan.budget), color="#444444", linestyle="--", linewidth=1)
    bottom.set_ylabel("Paid")
    bottom.set_xlabel("Payment date (the dashed line: the budget)")
    for axis in (top, bottom):
        axis.grid(alpha=0.3)
        axis.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    return figure


def plot_strategies(comparison: StrategyComparison) -> Figure:
    """Chart the total owed over time under each strategy.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
    ...                      as_of=date(2024, 5, 1))
    >>> b = lr.account_state(lr.Loan(3000, "0.12", 6, start=date(2024, 2, 20)),
    ...                      as_of=date(2024, 5, 1))
    >>> comparison = lr.compare_strategies([lr.Debt("A", a), lr.Debt("B", b)], 1200)
    >>> comparison.plot().axes[0].get_ylabel()
    'Total owed'
    """
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415

    figure = _figure(figsize=(9, 4.5), layout="constrained")
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
        label = f"{plan.strategy.value}: {plan.total_cost:,} in all"
        axis.step(when, total, where="post", label=label)
    axis.set_ylabel("Total owed")
    axis.set_xlabel("Payment date")
    axis.set_title("The same debts and budget under each strategy")
    axis.legend(loc="upper right", frameon=False)
    axis.grid(alpha=0.3)
    axis.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    return figure
