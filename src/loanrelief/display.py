"""Plain-text tables for reprs and the command line."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["text_table"]


def text_table(lines: Sequence[Sequence[str]], *, left: int = 0) -> list[str]:
    """Align rows of cells into columns: column ``left`` to the left, the rest to the right.

    Examples
    --------
    >>> for line in text_table([("option", "paid"), ("freeze", "1,363.39")]):
    ...     print(line)
    option      paid
    freeze  1,363.39
    """
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i == left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
