"""The text, HTML and tables of relief outcomes: :class:`~loanrelief.Outcome`, a comparison.

Every figure is the result's own; this module only writes them out, in the language
asked (English by default), through the translation table. The result types keep
one-line delegators (``to_text``, ``to_html``, ``to_pandas``, ``__str__``,
``_repr_html_``) that import this module when called.
"""

from __future__ import annotations

import html
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from loanrelief._foundations.money import exact_decimals
from loanrelief._foundations.optional import require
from loanrelief._loans.plan import Plan
from loanrelief._presentation.display import html_table, summary_html, summary_text, text_table
from loanrelief._presentation.i18n import (
    Language,
    format_date,
    format_rate,
    language,
    translate,
    translated,
)
from loanrelief._presentation.levers import option_name
from loanrelief._relief.evaluation import METRICS, Alternative, Comparison, Outcome

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "above_payoff_line",
    "alternative_reason",
    "comparison_frame",
    "comparison_html",
    "comparison_text",
    "outcome_html",
    "outcome_text",
]


def above_payoff_line(plan: Plan, lang: Language | str = Language.EN) -> str:
    """Name the amount a plan pays above the payoff it replaces (on its negotiation date).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1))
    >>> plan = lr.evaluate(lr.account_state(loan, as_of=date(2024, 3, 15)), lr.ExtendTerm(3)).plan
    >>> above_payoff_line(plan, "en"), above_payoff_line(plan, "zh")
    ('above the payoff of 1,200.00 on the day', '超出当日结清金额1,200.00')
    """
    return translate("above the payoff of {payoff} on the day", lang, payoff=f"{plan.debt:,}")


def alternative_reason(alternative: Alternative, lang: Language | str = Language.EN) -> str:
    """Say why a package was not chosen, in a language (its ``reason`` without a template).

    The reason is kept as a phrase of the translation table and its fields
    (``reason_phrase``, ``reason_fields``) and filled here in the language asked.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(5000, "0.15", 10, start=date(2024, 3, 5)),
    ...                          as_of=date(2024, 8, 1))
    >>> first, *_ = lr.solve(state, max_payment=300).alternatives
    >>> alternative_reason(first, "zh")
    '在本阶段最大让步下，每期还款903.49仍超出预算300.00'
    """
    if not alternative.reason_phrase:
        return alternative.reason
    return translate(alternative.reason_phrase, lang, **dict(alternative.reason_fields))


def _apr(apr: float | None, lang: Language) -> str:
    """Write an outcome's APR (a float) as a percentage, or ``-`` where it has none.

    The float is read exactly (``Fraction``): an APR of a few units in 1e-15, the float
    noise of a plan that costs nothing, is ``0.00 %`` (its shortest decimal has more
    places than a rate written by a user may have).
    """
    return "-" if apr is None else format_rate(Fraction(apr), lang)


def _lines(outcome: Outcome, lang: Language) -> list[tuple[str, str]]:
    def t(phrase: str, **fields: object) -> str:
        return translate(phrase, lang, **fields)

    rate = _apr(outcome.apr, lang)
    end = str(outcome.end_date) if lang is Language.EN else format_date(outcome.end_date, lang)
    baseline = translated(outcome.baseline.label, lang)
    above = (
        [(above_payoff_line(outcome.plan, lang), f"{outcome.above_payoff:,}")]
        if outcome.exceeds_payoff
        else []
    )
    return [
        (
            t("payment"),
            t(
                "{regular} (first {first})",
                regular=f"{outcome.regular_payment:,}",
                first=f"{outcome.first_payment:,}",
            ),
        ),
        (t("payments"), t("{count}, to {end}", count=outcome.payments_count, end=end)),
        (t("total paid"), f"{outcome.total_paid:,}"),
        ("  " + t("principal"), f"{outcome.total_principal:,}"),
        ("  " + t("interest"), f"{outcome.total_interest:,}"),
        ("  " + t("penalty"), f"{outcome.total_penalty:,}"),
        ("  " + t("fees"), f"{outcome.total_fees:,}"),
        (t("waived"), f"{outcome.total_waived:,}"),
        (t("present value"), f"{outcome.present_value:,}"),
        (t("APR"), rate),
        (
            t("saving vs {baseline}", baseline=baseline),
            t(
                "{saving} (PV {pv})",
                saving=f"{outcome.saving:,}",
                pv=f"{outcome.saving_present_value:,}",
            ),
        ),
        (t("lender's present value"), f"{outcome.lender_present_value:,}"),
        *above,
        *(
            (
                t("not chosen: {option}", option=option_name(alt.levers, alt.label, lang)),
                alternative_reason(alt, lang),
            )
            for alt in outcome.alternatives
        ),
    ]


def _title(outcome: Outcome, lang: Language) -> str:
    colon = ": " if lang is Language.EN else "："
    return translate("Outcome", lang) + colon + option_name(outcome.levers, outcome.label, lang)


@exact_decimals
def outcome_text(outcome: Outcome, lang: Language | str = Language.EN) -> str:
    """Return an outcome's summary as text, in a language.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(8000, "0.18", 12, start=date(2024, 2, 1)),
    ...                          as_of=date(2024, 7, 1))
    >>> print(outcome_text(lr.evaluate(state, lr.ExtendTerm(6)), "zh").splitlines()[0])
    方案结果：延长还款期限6期
    """
    chosen = language(lang)
    return summary_text(_title(outcome, chosen), _lines(outcome, chosen), chosen)


@exact_decimals
def outcome_html(outcome: Outcome, lang: Language | str = Language.EN) -> str:
    """Return an outcome's summary as an HTML table, in a language."""
    chosen = language(lang)
    return summary_html(_title(outcome, chosen), _lines(outcome, chosen), chosen)


# Each metric's name in the translation table.
_METRIC_NAMES = {
    "first_payment": "first payment",
    "regular_payment": "regular payment",
    "payments_count": "payments",
    "end_date": "end date",
    "total_paid": "total paid",
    "total_interest": "interest",
    "total_penalty": "penalty",
    "total_fees": "fees",
    "total_waived": "waived",
    "present_value": "present value",
    "apr": "APR",
    "saving": "saving",
    "saving_present_value": "saving (present value)",
    "lender_present_value": "lender's present value",
    "above_payoff": "above payoff",
}


def _notes(comparison: Comparison, lang: Language) -> list[str]:
    """One line for each option that pays more than the payoff it replaces."""
    return [
        translate(
            "{option} pays {amount} {above}",
            lang,
            option=option_name(o.levers, o.label, lang),
            amount=f"{o.above_payoff:,}",
            above=above_payoff_line(o.plan, lang),
        )
        for o in comparison.outcomes
        if o.exceeds_payoff
    ]


def _table(comparison: Comparison, lang: Language) -> list[tuple[str, ...]]:
    names = ("option", "payment", "payments", "total paid", "waived", "saving", "PV", "APR")
    lines: list[tuple[str, ...]] = [tuple(translate(name, lang) for name in names)]
    for o in comparison.outcomes:
        rate = _apr(o.apr, lang)
        lines.append(
            (
                option_name(o.levers, o.label, lang),
                f"{o.regular_payment:,}",
                str(o.payments_count),
                f"{o.total_paid:,}",
                f"{o.total_waived:,}",
                f"{o.saving:,}",
                f"{o.present_value:,}",
                rate,
            )
        )
    return lines


@exact_decimals
def comparison_text(comparison: Comparison, lang: Language | str = Language.EN) -> str:
    """Return a comparison as a text table, in a language.

    Each option that pays more than the payoff it replaces is said so below it.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> print(comparison_text(lr.compare(state, [lr.ExtendTerm(6)]), "zh"))
    方案比较
    方案             每期还款  还款期数   还款总额  减免     节省       现值  年化利率
    延长还款期限6期    686.91        16  13,076.07  0.00  -281.84  12,394.39    11.98%
    延长还款期限6期：还款总额超出当日结清金额12,361.96，多714.11
    """
    chosen = language(lang)
    table = text_table(_table(comparison, chosen), lang=chosen)
    lines = [translate("Comparison", chosen), *table]
    return "\n".join([*lines, *_notes(comparison, chosen)])


@exact_decimals
def comparison_html(comparison: Comparison, lang: Language | str = Language.EN) -> str:
    """Return a comparison as an HTML table, in a language, each note below it."""
    chosen = language(lang)
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in _notes(comparison, chosen))
    return html_table(_table(comparison, chosen), "", chosen) + notes


@exact_decimals
def comparison_frame(comparison: Comparison, lang: Language | str = Language.EN) -> pd.DataFrame:
    """Return one row per option with every metric (money as float), in a language.

    In English the columns are the :class:`~loanrelief.Outcome` attribute names; in
    Chinese the options and the columns are named from the translation table.

    Raises
    ------
    MissingDependencyError
        If pandas is not installed.
    """
    pandas = require("pandas", "pandas", "Comparison.to_pandas()")
    chosen = language(lang)
    records = []
    for outcome in comparison.outcomes:
        record: dict[str, Any] = {"option": option_name(outcome.levers, outcome.label, chosen)}
        for metric in METRICS:
            value = getattr(outcome, metric)
            record[metric] = float(value) if isinstance(value, Decimal) else value
        records.append(record)
    frame = pandas.DataFrame.from_records(records).set_index("option")
    if chosen is Language.ZH:
        frame = frame.rename(columns=lambda name: translate(_METRIC_NAMES[name], chosen))
        frame.index.name = translate("option", chosen)
    return frame
