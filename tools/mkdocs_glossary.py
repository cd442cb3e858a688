"""MkDocs hook: the glossary page's tables, made from loanrelief's translation table.

``src/loanrelief/glossary.csv`` is the one source of every English and Chinese phrase
(:mod:`loanrelief._presentation.i18n`); the page shows it, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

from loanrelief._presentation.i18n import glossary

MARKER = "<!-- the glossary, from src/loanrelief/glossary.csv -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table() -> str:
    """Return the glossary's terms, then every other phrase, as Markdown tables."""
    terms = ["| English | 中文 | In loanrelief |", "|---|---|---|"]
    labels = ["| English | 中文 |", "|---|---|"]
    for en, zh, note in glossary():
        if note:
            terms.append(f"| {_cell(en)} | {_cell(zh)} | {_cell(note)} |")
        else:
            labels.append(f"| `{_cell(en)}` | `{_cell(zh)}` |")
    return (
        "\n".join(terms)
        + "\n\n## Every phrase of tables, charts, the command line and the brief\n\n"
        + "\n".join(labels)
    )


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Put the tables where the glossary page has the marker."""
    return markdown.replace(MARKER, table()) if MARKER in markdown else markdown
