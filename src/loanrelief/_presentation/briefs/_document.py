"""The brief as a document (:class:`Brief`) and its two renderers, HTML and Markdown.

A renderer writes the outline out and computes no figure. HTML escapes every piece of
text (``html.escape``); Markdown escapes a user's text in full and a phrase's own words
lightly (:func:`_markdown_text`), so no markup, link or new line can come out of it.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, final

from loanrelief._foundations.output import a_file_path, write_checked
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._presentation.briefs._outline import (
    _Block,
    _Cell,
    _Chart,
    _Letter,
    _one_line,
    _Section,
    _Table,
    _Text,
)
from loanrelief._presentation.i18n import (
    Language,
    translate,
)


@final
@dataclass(frozen=True, slots=True)
class Brief:
    """A negotiation brief: its figures, and the page as HTML and as Markdown.

    Attributes
    ----------
    lang : Language
        The language of its text.
    title : str
    figures : mapping of str to Decimal, int, str or date
        Every figure the page shows, by key (``"payoff"``, ``"options.2.total_paid"``,
        ``"court.enforceable"`` …): what an app or a test reads instead of the page.
        Each table cell showing one carries its key as ``data-figure`` in the HTML.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15)),
    ...                          as_of=date(2024, 5, 1))
    >>> page = lr.brief(state, [lr.ExtendTerm(6)], lang="zh", charts=False)
    >>> page.figures["payoff"], page.title
    (Decimal('12380.23'), '协商还款材料（截至2024年5月1日）')
    >>> "<!DOCTYPE html>" in page.html, page.markdown.startswith("# 协商还款材料")
    (True, True)
    """

    lang: Language
    title: str
    figures: Mapping[str, Any]
    sections: tuple[_Section, ...] = field(repr=False)

    @property
    def html(self) -> str:
        """The page: one self-contained HTML document, A4 when printed."""
        return _html(self)

    @property
    def markdown(self) -> str:
        """The same content as Markdown (charts as inline SVG images)."""
        return _markdown(self)

    @property
    def letters(self) -> Mapping[str, Brief]:
        """Each creditor's letter alone, by creditor: the page to send that creditor.

        For several debts. A letter's page holds that letter only, and its figures are
        the letter's own (``letters.0.payment``, ``letters.0.owed`` …): nothing of the
        other creditors, of the budget or of the borrower's overview. Empty for one
        account (its letter is the last section of the page).

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> card = lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")
        >>> held = lr.cards.card_from_statement(card, statement_date=date(2024, 4, 7),
        ...                                     balance=3000, until=date(2024, 5, 1))
        >>> loan = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)),
        ...                         as_of=date(2024, 5, 1))
        >>> debts = [lr.debts.Debt("bank", loan), lr.debts.Debt("card", held)]
        >>> letter = lr.brief(debts, budget=900, charts=False).letters["card"]
        >>> letter.figures["letters.1.payment"], "bank" in letter.figures.values()
        (Decimal('290.61'), False)
        """
        found: dict[str, Brief] = {}
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, _Letter) and block.to:
                    own = {k: v for k, v in self.figures.items() if k.startswith(block.key)}
                    title = translate("A request to the lender", self.lang)
                    only = (_Section("request", "", (block,)),)  # no page break before
                    found[block.to] = Brief(self.lang, title, own, only)
        return MappingProxyType(found)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path``: Markdown for ``.md``, else HTML; return the path.

        The path is checked before the page is written (``output.a_file_path``).

        Raises
        ------
        InvalidTypeError
            If ``path`` is not a ``str`` or a path object.
        InvalidValueError
            If ``path`` names a folder (``/`` included), is empty, holds a NUL character
            or a name too long, lies in a folder that does not exist, or cannot be
            written (a read-only folder, a full disk): the message names the path and
            the reason.
        """
        target = a_file_path(path, "path")
        text = self.markdown if target.suffix.lower() == ".md" else self.html
        return write_checked(target, text, "path")

    __repr__ = result_repr_of("title", "lang")


# -- writing the outline out ------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; color: #1b1b1b;
  max-width: 180mm; margin: 0 auto; padding: 6mm 0; line-height: 1.35; font-size: 9pt; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 3.5mm 0 1mm; border-bottom: 1px solid #c8c8c8; }
p { margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 1mm 0 1.5mm;
  font-size: 8pt; table-layout: auto; }
table#owed { width: auto; min-width: 45%; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 0.5mm 1.2mm; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
td.number, th.number { text-align: right; }
td.number { white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: 1.5mm 0; } figure svg { width: 100%; height: auto; max-height: 62mm; }
figcaption { font-size: 8pt; color: #555; }
.letter { border: 1px solid #c8c8c8; padding: 3mm 4mm; white-space: pre-wrap; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #666; }
table, figure, .letter, tr { break-inside: avoid; page-break-inside: avoid; }
h2 { break-after: avoid; page-break-after: avoid; }
@media print {
  body { padding: 0; }
  #letter { break-before: page; page-break-before: always; }
  .letter + .letter { break-before: page; page-break-before: always; }
}
"""


def _html(page: Brief) -> str:
    from loanrelief import __version__  # noqa: PLC0415 - the package imports this module

    lang = "zh-CN" if page.lang is Language.ZH else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(page.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(page.title)}</h1>",
    ]
    for section in page.sections:
        heading = f"<h2>{html.escape(section.title)}</h2>" if section.title else ""
        parts.append(f'<section id="{section.key}">{heading}')
        for block in section.blocks:
            parts.append(_html_block(block))
        parts.append("</section>")
    footer = translate(
        "Figures computed by loanrelief {version}; check them against your contract.",
        page.lang,
        version=__version__,
    )
    parts.append(f"<footer>{html.escape(footer)}</footer></body></html>")
    return "\n".join(parts)


def _html_block(block: _Block) -> str:
    if isinstance(block, str):
        return f"<p>{html.escape(block)}</p>"
    if isinstance(block, _Table):
        numbers = [cell.number for cell in block.rows[0]] if block.rows else []
        kinds = [' class="number"' if number else "" for number in numbers]
        kinds += [""] * (len(block.header) - len(kinds))
        head = "".join(
            f"<th{kind}>{html.escape(cell)}</th>"
            for kind, cell in zip(kinds, block.header, strict=False)
        )
        body = "".join(
            "<tr>" + "".join(_html_cell(cell) for cell in row) + "</tr>" for row in block.rows
        )
        return (
            f'<table id="{block.key}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        )
    if isinstance(block, _Chart):
        return f"<figure>{block.svg}<figcaption>{html.escape(block.caption)}</figcaption></figure>"
    return '<div class="letter">' + html.escape("\n".join(block.lines)) + "</div>"


def _html_cell(cell: _Cell) -> str:
    kind = ' class="number"' if cell.number else ""
    key = f' data-figure="{html.escape(cell.figure)}"' if cell.figure else ""
    return f"<td{kind}{key}>{html.escape(cell.text)}</td>"


# Markdown's inline markup (CommonMark, and GitHub's tables and strikethrough), escaped
# with a backslash wherever it stands in a user's text: emphasis, code, links and
# images, table cells, headings. A phrase's own words keep their brackets (the letter's
# "[your name]"): they are the library's, and no link can form from them alone (below).
_MARKUP = re.compile(r"([\\`*_\[\]|~#])")
_OWN_MARKUP = re.compile(r"([\\`*_|~#])")
# "&" only where it would start an entity (&amp; &#60;): "Smith & Sons" stays as written.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block at the start of a line and is not escaped everywhere: a list item
# (- + or 1. 1)), a setext underline (=), a thematic break (-), a link's definition
# ([label]: a phrase's own brackets at the start of a line).
_BLOCK_START = re.compile(r"^(?:[-+=]|[0-9]+[.)]|\[(?=[^\]]*\]:))")


def _markdown_lines(text: str, *, inline: bool = False) -> list[str]:
    r"""Return text as Markdown that shows exactly that text: a line each of its own lines.

    A user's text (a ``str``, or the fields of a :class:`_Text`) has every markup
    character escaped with a backslash and is one line; a phrase's own words keep their
    brackets and line breaks. On the whole line, ``<`` and ``>`` (and an ``&`` that would
    start an entity) are written as HTML entities, so no HTML or autolink comes out of
    it; a ``]`` is never followed by a bare ``(`` or ``[``, so no link or image can form;
    and outside a table cell (``inline=False``) the line cannot start a heading, a list,
    a quote, a code block or a link's definition.

    >>> _markdown_lines("<script>alert(1)</script> & [click](javascript:alert(1))")
    ['&lt;script&gt;alert(1)&lt;/script&gt; & \\[click\\]\\(javascript:alert(1))']
    >>> _markdown_lines("A\n# heading | `x` *y*") + _markdown_lines("1. list")
    ['A \\# heading \\| \\`x\\` \\*y\\*', '1\\. list']
    >>> _markdown_lines(_Text.of("To: {lender}", Language.EN, {"lender": "[x](y)"}))
    ['To: \\[x\\]\\(y)']
    """
    parts = text.parts if isinstance(text, _Text) else ((text, False),)
    lines: list[str] = [""]
    for part, own in parts:
        for k, piece in enumerate(part.split("\n") if own else [part]):
            if k:
                lines.append("")
            lines[-1] += (_OWN_MARKUP if own else _MARKUP).sub(r"\\\1", _one_line(piece))
    return [_markdown_line(line, inline) for line in lines]


def _markdown_line(line: str, inline: bool) -> str:
    line = _ENTITY.sub("&amp;", line.strip()).replace("<", "&lt;").replace(">", "&gt;")
    line = line.replace("](", "]\\(").replace("][", "]\\[")
    if inline:
        return line
    return _BLOCK_START.sub(lambda start: f"{start[0][:-1]}\\{start[0][-1]}", line)


def _markdown_text(text: str, *, inline: bool = False) -> str:
    """Return text as Markdown on one line (:func:`_markdown_lines`, joined by spaces)."""
    return " ".join(_markdown_lines(text, inline=inline))


def _markdown(page: Brief) -> str:
    out = [f"# {_markdown_text(page.title)}", ""]
    for section in page.sections:
        if section.title:  # a letter's own page has its title only
            out += [f"## {_markdown_text(section.title)}", ""]
        for block in section.blocks:
            out += [*_markdown_block(block), ""]
    return "\n".join(out).rstrip() + "\n"


def _markdown_block(block: _Block) -> list[str]:
    if isinstance(block, str):
        return [_markdown_text(block)]
    if isinstance(block, _Table):

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(_markdown_text(cell, inline=True) for cell in cells) + " |"

        align = ["---:" if cell.number else "---" for cell in block.rows[0]] if block.rows else []
        return [
            line(block.header),
            "|" + "|".join(align or ["---"] * len(block.header)) + "|",
            *(line([cell.text for cell in row]) for row in block.rows),
        ]
    if isinstance(block, _Chart):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        caption = _markdown_text(block.caption, inline=True)
        return [f"![{caption}](data:image/svg+xml;base64,{data})"]
    # A quoted letter, each line its own (two spaces: Markdown's line break); a phrase's
    # own line break (a Chinese letter's close, 此致 / 敬礼) starts a line of the quote.
    return [
        "> " + line + "  " if line else ">"
        for text in block.lines
        for line in _markdown_lines(text)
    ]
