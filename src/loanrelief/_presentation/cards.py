"""The card's results as text and HTML: a card's history of statements.

:class:`~loanrelief.cards.CardHistory` keeps one-line delegators (``__str__``,
``to_text(lang=)``, ``_repr_html_``) that import a function of this module when called;
the lines are made here, in the language asked for (English by default), from the
figures the history holds. Nothing is computed here but the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loanrelief._presentation.display import html_table, named, summary_text, text_table
from loanrelief._presentation.i18n import Language, language

if TYPE_CHECKING:
    from loanrelief.cards._cards import CardHistory

__all__ = ["history_html", "history_text"]


def _rows(history: CardHistory, lang: Language) -> list[list[str]]:
    limited = history.card.credit_limit is not None
    rows = [["#", "date", "due", "balance", "interest", "minimum", "paid by due", "in full"]]
    rows[0] += ["available"] if limited else []
    for s in history.statements:
        rows.append(
            [
                str(s.number),
                str(s.date),
                str(s.due_date),
                f"{s.balance:,}",
                f"{s.interest:,}",
                f"{s.minimum:,}",
                "-" if s.paid_by_due is None else f"{s.paid_by_due:,}",
                "-" if s.paid_in_full is None else named("yes" if s.paid_in_full else "no", lang),
            ]
            + ([f"{s.available_credit:,}"] if limited else [])
        )
    return rows


def history_text(history: CardHistory, lang: Language | str | None = None) -> str:
    """Return a card's history as text: its figures, then a row per statement.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> card = lr.cards.Card(daily_rate="0.0005", statement_day=1, due_days=20)
    >>> spend = lr.cards.CardTransaction(date(2024, 1, 5), 1000)
    >>> history = lr.cards.card_statements(card, [spend], until=date(2024, 2, 1))
    >>> print(history_text(history, "zh").splitlines()[0])
    信用卡账单记录
    """
    chosen = language(lang)
    head = summary_text(
        "CardHistory",
        [
            ("statements", str(len(history.statements))),
            ("balance", f"{history.balance:,}"),
            ("interest", f"{history.total_interest:,}"),
            ("fees", f"{history.total_fees:,}"),
        ],
        chosen,
    )
    return head + "\n\n" + "\n".join(text_table(_rows(history, chosen), lang=chosen))


def history_html(history: CardHistory, lang: Language | str | None = None) -> str:
    """Return a card's history as an HTML table, a row per statement (see :func:`history_text`).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> card = lr.cards.Card(statement_day=25, annual_rate="0.18", periodic_rate="apr/12")
    >>> history = lr.cards.card_statements(
    ...     card, [lr.cards.CardTransaction(date(2024, 3, 2), 800)], until=date(2024, 4, 25)
    ... )
    >>> history.to_html() == history_html(history), history_html(history).startswith("<")
    (True, True)
    """
    return html_table(_rows(history, language(lang)), "CardHistory")
