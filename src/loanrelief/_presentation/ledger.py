"""The ledger's results as text and HTML: account states, statements, prepayments, budgets.

Each result type of the ledger keeps one-line delegators (``__str__``, ``to_text(lang=)``,
``to_html(lang=)``, ``_repr_html_``) that import a function of this module when called;
the lines are made here, in the language asked for (English by default), from the
figures the result holds. Nothing is computed here but the words: every amount is the
result's own, written with its places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loanrelief._presentation.citations import rule_name
from loanrelief._presentation.display import day_named, named, summary_html, summary_text
from loanrelief._presentation.i18n import Language, format_date, language, translate, translated

if TYPE_CHECKING:
    from loanrelief._ledger.account import AccountState
    from loanrelief._ledger.prepayment import Prepayment
    from loanrelief._ledger.statement import Statement
    from loanrelief._relief.budget import Budget

__all__ = [
    "budget_html",
    "budget_text",
    "prepayment_html",
    "prepayment_text",
    "state_html",
    "state_text",
    "statement_html",
    "statement_text",
]

Lines = list[tuple[str, str]]


# -- account state ---------------------------------------------------------------------
def _state_lines(state: AccountState, lang: Language) -> Lines:
    extra: Lines = []
    if state.rule is not None:
        extra.append(("rule", rule_name(state.rule, lang)))
        extra.append(("not allowed by the rule", f"{state.capped:,}"))
    if state.refund:
        extra.append(("refund due", f"{state.refund:,}"))
    if state.credit:
        extra.append(("credit held for the borrower", f"{state.credit:,}"))
    day = str(state.as_of) if lang is Language.EN else format_date(state.as_of, lang)
    lines = [
        ("as of", day),
        ("days past due", f"{state.days_past_due} ({translated(state.bucket.value, lang)})"),
        *((name, f"{amount:,}") for name, amount in state.payoff_lines()),
        ("payoff", f"{state.payoff:,}"),
        *extra,
    ]
    return [(translate(name, lang), value) for name, value in lines]


def state_text(state: AccountState, lang: Language | str | None = None) -> str:
    """Return an account state's summary as text: a title, then one line a figure.

    The lines of the payoff add up to it (``AccountState.payoff_lines``); in Chinese
    (``lang="zh"``) every name and the date are written as Chinese writes them.

    Examples
    --------
    >>> import loanrelief as lr
    >>> from datetime import date
    >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
    >>> print(state_text(lr.account_state(loan, as_of=date(2024, 3, 1))))
    Account state
    as of                  2024-03-01
    days past due          15 (1-29)
    principal due          946.19
    principal not yet due  11,053.81
    interest due           120.00
    accrued interest       57.18
    penalty                0.00
    fees                   0.00
    payoff                 12,177.18
    """
    chosen = language(lang)
    return summary_text(translate("Account state", chosen), _state_lines(state, chosen), chosen)


def state_html(state: AccountState, lang: Language | str | None = None) -> str:
    """Return an account state's summary as an HTML table (see :func:`state_text`).

    Examples
    --------
    >>> import loanrelief as lr
    >>> from datetime import date
    >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
    >>> "<td>结清金额</td>" in state_html(lr.account_state(loan, as_of=date(2024, 3, 1)), "zh")
    True
    """
    chosen = language(lang)
    return summary_html(translate("Account state", chosen), _state_lines(state, chosen), chosen)


# -- statement -------------------------------------------------------------------------
def _statement_lines(statement: Statement, lang: Language) -> Lines:
    ahead = (
        translate(
            "{count} from {start}",
            lang,
            count=len(statement.due_dates),
            start=day_named(statement.due_dates[0], lang),
        )
        if statement.due_dates
        else named("none", lang)
    )
    return [
        ("as of", day_named(statement.as_of, lang)),
        ("days past due", str(statement.days_past_due)),
        ("outstanding principal", f"{statement.outstanding_principal:,}"),
        ("overdue principal", f"{statement.overdue_principal:,}"),
        ("overdue interest", f"{statement.overdue_interest:,}"),
        ("penalty", f"{statement.penalty:,}"),
        ("fees", f"{statement.fees:,}"),
        ("accrued interest", f"{statement.accrued_interest:,}"),
        ("payoff", f"{statement.payoff:,}"),
        ("rate", f"{statement.annual_rate}"),
        ("instalments to come", ahead),
    ]


def statement_text(statement: Statement, lang: Language | str | None = None) -> str:
    """Return a lender's statement as text: a title, then one line a figure.

    Examples
    --------
    >>> from datetime import date
    >>> from loanrelief._ledger.statement import Statement
    >>> s = Statement(as_of=date(2024, 3, 1), outstanding_principal=500, annual_rate=0,
    ...               overdue_principal=500, days_past_due=30, fees=25)
    >>> statement_text(s, "zh").splitlines()[:2]
    ['账单', '截至日期        2024年3月1日']
    """
    return summary_text("Statement", _statement_lines(statement, language(lang)), lang)


def statement_html(statement: Statement, lang: Language | str | None = None) -> str:
    """Return a lender's statement as an HTML table (see :func:`statement_text`)."""
    return summary_html("Statement", _statement_lines(statement, language(lang)), lang)


# -- prepayment ------------------------------------------------------------------------
def _prepayment_lines(result: Prepayment, lang: Language) -> Lines:
    from loanrelief._ledger.prepayment import Keep  # noqa: PLC0415 - the type, read only

    def t(phrase: str, **fields: object) -> str:
        return translate(phrase, lang, **fields)

    after, before = result.after, result.before
    kept = "the term" if result.keep is Keep.TERM else "the payment"
    new_payment, old_payment = f"{after.regular_payment:,}", f"{before.regular_payment:,}"
    new_end, old_end = day_named(after.maturity, lang), day_named(before.maturity, lang)
    return [
        (
            "prepaid on",
            f"{day_named(result.on, lang)} ({result.principal:,} {named('principal', lang)})",
        ),
        ("interest to date, fee", f"{result.interest_to_date:,}, {result.fee:,}"),
        ("keeps", named(kept, lang)),
        (
            "new schedule",
            t(
                "{count} instalments of {payment} to {end}",
                count=len(after),
                payment=new_payment,
                end=new_end,
            ),
        ),
        ("was", t("{payment} to {end}", payment=old_payment, end=old_end)),
        (
            "interest saved",
            t(
                "{saved} (net of the fee {net})",
                saved=f"{result.interest_saved:,}",
                net=f"{result.net_saving:,}",
            ),
        ),
        ("instalments saved", str(result.instalments_saved)),
    ]


def prepayment_text(result: Prepayment, lang: Language | str | None = None) -> str:
    """Return a prepayment's result as text: what was paid, kept and saved.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15))
    >>> print(prepayment_text(lr.prepay(loan, 3000, date(2024, 4, 15))))
    Prepayment
    prepaid on             2024-04-15 (3,000.00 principal)
    interest to date, fee  0.00, 0.00
    keeps                  the term
    new schedule           9 instalments of 715.96 to 2025-01-15
    was                    1,066.19 to 2025-01-15
    interest saved         151.99 (net of the fee 151.99)
    instalments saved      0
    """
    return summary_text("Prepayment", _prepayment_lines(result, language(lang)), lang)


def prepayment_html(result: Prepayment, lang: Language | str | None = None) -> str:
    """Return a prepayment's result as an HTML table (see :func:`prepayment_text`)."""
    return summary_html("Prepayment", _prepayment_lines(result, language(lang)), lang)


# -- budget ----------------------------------------------------------------------------
def _budget_lines(budget: Budget, lang: Language) -> Lines:
    ceiling = (
        named("none", lang)
        if budget.debt_to_income is None
        else f"{float(budget.debt_to_income):.0%}"
    )
    binding = named("set by " + budget.binding, lang)
    return [
        ("income", f"{budget.income:,}"),
        ("expenses", f"{budget.expenses:,}"),
        ("other debts", f"{budget.obligations:,}"),
        ("living allowance", f"{budget.living_allowance:,}"),
        ("debt-to-income ceiling", ceiling),
        ("affordable", f"{budget.affordable:,} ({binding})"),
    ]


def budget_text(budget: Budget, lang: Language | str | None = None) -> str:
    """Return a budget as text: what comes in and goes out, and what is affordable.

    Examples
    --------
    >>> from loanrelief._relief.budget import Budget
    >>> print(budget_text(Budget(income=5000, expenses=1000, living_allowance=3000)))
    Budget
    income                  5,000.00
    expenses                1,000.00
    other debts             0.00
    living allowance        3,000.00
    debt-to-income ceiling  none
    affordable              2,000.00 (set by living allowance)
    """
    return summary_text("Budget", _budget_lines(budget, language(lang)), lang)


def budget_html(budget: Budget, lang: Language | str | None = None) -> str:
    """Return a budget as an HTML table (see :func:`budget_text`)."""
    return summary_html("Budget", _budget_lines(budget, language(lang)), lang)
