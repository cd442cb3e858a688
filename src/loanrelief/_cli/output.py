"""The command line's output: machine formats, text tables, notes on standard error.

Every function here takes the command's language (``--lang``, else ``LOANRELIEF_LANG``,
else English, resolved once by :func:`loanrelief._cli.cli.main`); JSON and CSV keep
their English keys, for programs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from loanrelief._foundations.output import csv_text
from loanrelief._foundations.progress import Progress
from loanrelief._presentation.display import text_table
from loanrelief._presentation.i18n import Language, format_date, translate, translated


def cell_text(value: object) -> str:
    """Write a table's cell: an amount with thousands separators, ``None`` blank."""
    if isinstance(value, Decimal):
        return f"{value:,}"
    return "" if value is None else str(value)


def emit(args: argparse.Namespace, header: Sequence[str], rows: list[list[Any]], text: str) -> str:
    """Return the rows as JSON (``--json``) or CSV (``--csv``), else the text."""
    if getattr(args, "json", False):
        records = [
            {
                key: (str(v) if isinstance(v, Decimal | date) else v)
                for key, v in zip(header, row, strict=True)
            }
            for row in rows
        ]
        return json.dumps(records, ensure_ascii=False, indent=2)
    if getattr(args, "csv", False):  # text cells a spreadsheet cannot run (output.csv_cell)
        return csv_text(header, rows).rstrip("\n")
    return text


def table(header: Sequence[str], rows: list[list[Any]], lang: Language) -> str:
    """Make a text table; in Chinese (``--lang zh``) its header and line names translated."""
    if lang is Language.ZH:
        header = [translated(name.replace("_", " "), lang) for name in header]
        rows = [[in_chinese(v) for v in row] for row in rows]
    cells = [list(header)] + [[cell_text(v) for v in row] for row in rows]
    return "\n".join(text_table(cells, lang=lang))


def in_chinese(value: object) -> object:
    """Write a cell of a Chinese table: a name translated, a date as Chinese writes it."""
    if isinstance(value, str):
        return translated(value, Language.ZH)
    if isinstance(value, date):
        return format_date(value, Language.ZH)
    return value


def installed(module: str) -> bool:
    """Whether an optional package can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


def progress_on_stderr(lang: Language) -> Progress:
    """Return ``--progress``'s reporter: tqdm's bar, or without it plain counts on stderr.

    The ``progress`` extra (tqdm) draws a bar; a plain install prints ``done / total
    accounts`` after each block, and says once how to get the bar.
    """
    if installed("tqdm"):
        return True
    print(
        translate("no progress bar: {reason}", lang, reason=missing("tqdm", "progress", lang)),
        file=sys.stderr,
    )

    def count(done: int, total: int) -> None:
        print(f"{done:,} / {total:,}", file=sys.stderr, flush=True)

    return count


def missing(package: str, extra: str, lang: Language) -> str:
    """Say that an optional package is missing and which extra installs it."""
    return translate(
        "{package} is not installed: install loanrelief's {extra} extra ({command} in its clone)",
        lang,
        package=package,
        extra=extra,
        command=f"pip install '.[{extra}]'",
    )


def plain(value: Any, digits: int | None = None) -> Any:
    """Return a NumPy value as plain text or a number; money with its digits, exact."""
    item = value.item() if hasattr(value, "item") else value
    if isinstance(item, float) and math.isnan(item):
        return None  # no such figure (a settlement's APR): null in JSON, empty in CSV
    if digits is not None and isinstance(item, float):
        return Decimal(f"{item:.{digits}f}")  # a float of exact minor units / 10**digits
    return item
