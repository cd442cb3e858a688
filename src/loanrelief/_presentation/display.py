"""Plain-text and HTML tables for the result types and the command line, in a language."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date

from loanrelief._foundations.reprs import short_repr
from loanrelief._presentation.i18n import Language, format_date, language, translate, translated

__all__ = [
    "counts_named",
    "day_named",
    "named",
    "named_with",
    "short_repr",
    "summary_html",
    "summary_text",
    "text_table",
    "width_of",
]


def named(text: str, lang: Language | str | None = None) -> str:
    """Return a name (a title, a header, a line's label) in a language (English by default).

    In Chinese (``lang="zh"``) a name the translation table has is translated;
    any other text, and every figure, is left as it is. The result types' ``str()``
    and notebook tables go through it (:mod:`loanrelief._presentation.i18n`).

    Examples
    --------
    >>> named("total paid"), named("total paid", "zh")
    ('total paid', '还款总额')
    """
    return translated(text, lang)


def named_with(phrase: str, lang: Language | str | None = None, /, **fields: object) -> str:
    """Fill a template of the translation table in a language (English by default).

    Examples
    --------
    >>> named_with("{count} from {start}", count=3, start="2024-07-15")
    '3 from 2024-07-15'
    """
    return translate(phrase, lang, **fields)


def counts_named(counts: Mapping[str, int], lang: Language) -> str:
    """Name each entry with a count above zero and its count, or say there are none.

    One line in ``lang``: ``"A: 1, B: 2"`` (``"A：1，B：2"`` in Chinese), ``"none"``
    (``"无"``) when every count is zero.

    Examples
    --------
    >>> counts_named({"A": 1, "B": 0, "C": 2}, Language.EN)
    'A: 1, C: 2'
    >>> counts_named({"A": 0}, Language.ZH)
    '无'
    """
    named = [
        translate("{creditor}: {count}", lang, creditor=name, count=count)
        for name, count in counts.items()
        if count
    ]
    comma = "，" if lang is Language.ZH else ", "
    return comma.join(named) if named else translate("none", lang)


def day_named(day: date, lang: Language | str | None = None) -> str:
    """Write a date in a language: ISO in English (the default), 2024年7月15日 in Chinese.

    Examples
    --------
    >>> day_named(date(2024, 7, 15)), day_named(date(2024, 7, 15), "zh")
    ('2024-07-15', '2024年7月15日')
    """
    chosen = language(lang)
    return str(day) if chosen is Language.EN else format_date(day, chosen)


def _indented(name: str, lang: Language | str | None) -> str:
    """Name a line in a language, keeping its indent (a sub-line's)."""
    bare = name.lstrip()
    return name[: len(name) - len(bare)] + named(bare, lang)


def text_table(
    lines: Sequence[Sequence[str]], *, left: int = 0, lang: Language | str | None = None
) -> list[str]:
    """Align rows of cells into columns: column ``left`` to the left, the rest to the right.

    The header (the first line) is named in ``lang`` (:func:`named`; English by default).

    Examples
    --------
    >>> for line in text_table([("option", "paid"), ("freeze", "1,363.39")]):
    ...     print(line)
    option      paid
    freeze  1,363.39
    """
    lines = [[named(cell, lang) for cell in lines[0]], *lines[1:]]
    widths = [max(width_of(line[i]) for line in lines) for i in range(len(lines[0]))]
    return [
        "  ".join(
            _pad(cell, width, right=i != left)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]


def width_of(text: str) -> int:
    """Return the columns ``text`` takes in a terminal: two for a wide (CJK) character.

    Examples
    --------
    >>> width_of("total"), width_of("还款总额"), width_of("分36期")
    (5, 8, 6)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(cell: str, width: int, *, right: bool) -> str:
    space = " " * (width - width_of(cell))
    return space + cell if right else cell + space


def summary_text(
    title: str, pairs: Sequence[tuple[str, str]], lang: Language | str | None = None
) -> str:
    """Return a result's ``str``: its title, then one aligned ``name  value`` line each.

    Examples
    --------
    >>> print(summary_text("Outcome: freeze", [("payment", "100.00"), ("payments", "12")]))
    Outcome: freeze
    payment   100.00
    payments  12
    """
    pairs = [(_indented(name, lang), value) for name, value in pairs]
    width = max(width_of(name) for name, _ in pairs)
    return (
        named(title, lang)
        + "\n"
        + "\n".join(f"{_pad(name, width, right=False)}  {value}" for name, value in pairs)
    )


def summary_html(
    title: str, pairs: Sequence[tuple[str, str]], lang: Language | str | None = None
) -> str:
    """Return a result's HTML for notebooks: its title, then a two-column table.

    Examples
    --------
    >>> page = summary_html("Prepayment", [("saved", "1 < 2")])
    >>> page.startswith("<div><p><b>Prepayment</b></p><table>"), "1 &lt; 2" in page
    (True, True)
    """
    rows = "".join(
        f"<tr><td>{html.escape(_indented(name, lang))}</td>"
        f"<td style='text-align:right'>{html.escape(value)}</td></tr>"
        for name, value in pairs
    )
    head = f"<p><b>{html.escape(named(title, lang))}</b></p>" if title else ""
    return f"<div>{head}<table>{rows}</table></div>"


def html_table(
    lines: Sequence[Sequence[str]], caption: str = "", lang: Language | str | None = None
) -> str:
    """Return a table's HTML for notebooks: the first line the header, every cell escaped.

    Examples
    --------
    >>> page = html_table([["option", "paid"], ["a < b", "1"]], caption="Comparison")
    >>> page.startswith("<table><caption>Comparison</caption><thead><tr><th>option</th>")
    True
    >>> "<td>a &lt; b</td>" in page
    True
    """
    head = "".join(f"<th>{html.escape(named(cell, lang))}</th>" for cell in lines[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line) + "</tr>"
        for line in lines[1:]
    )
    title = f"<caption>{html.escape(named(caption, lang))}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
