"""The brief's outline: what both renderers write.

Sections of paragraphs, tables whose cells carry their figure's key, charts and letters;
a user's text is put on one line (:func:`_one_line`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from loanrelief._presentation.i18n import (
    Language,
    translate,
)

# -- the outline: what both renderers write -----------------------------------------


class _Text(str):
    """Text made from a phrase of the table: its parts, each the phrase's own or filled in.

    ``parts`` are ``(text, own)`` pairs: ``own`` for the phrase's words and what the
    library wrote into it (a number, another phrase); a ``str`` field is a user's text
    as far as the page knows (a creditor, a label, an amount), put on one line. The
    Markdown renderer escapes the two kinds differently (:func:`_markdown_text`).
    """

    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def of(cls, phrase: str, lang: Language, fields: Mapping[str, object]) -> _Text:
        """Return the phrase in ``lang`` with its fields, and which parts are which."""
        lines = {
            key: _one_line(v) if isinstance(v, str) and not isinstance(v, _Text) else v
            for key, v in fields.items()
        }
        whole = translate(phrase, lang, **lines)  # checks the phrase and its fields
        parts: list[tuple[str, bool]] = []
        for literal, name, spec, conversion in string.Formatter().parse(translate(phrase, lang)):
            parts.append((literal, True))
            if name is None:
                continue
            if name not in lines:  # an index or attribute in the field: all filled in
                parts = [(whole, False)]
                break
            value = lines[name]
            if isinstance(value, _Text) and not spec and not conversion:
                parts += value.parts
            elif isinstance(value, str) or conversion:
                parts.append((format(value, spec or ""), False))
            else:  # a number the library wrote
                parts.append((format(value, spec or ""), True))
        text = cls(whole)
        own = "".join(part for part, _ in parts) == whole
        text.parts = tuple(parts) if own else ((whole, False),)
        return text


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    figure: str = ""  # the key of the figure it shows (Brief.figures), for checks
    number: bool = False

    def __post_init__(self) -> None:  # a cell is one line, whoever wrote its text
        if not isinstance(self.text, _Text):  # (a phrase's fields are one line already)
            object.__setattr__(self, "text", _one_line(self.text))


@dataclass(frozen=True, slots=True)
class _Table:
    key: str
    header: tuple[str, ...]
    rows: tuple[tuple[_Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class _Chart:
    svg: str
    caption: str


@dataclass(frozen=True, slots=True)
class _Letter:
    lines: tuple[str, ...]
    to: str = ""  # the creditor a several-debts letter goes to
    key: str = ""  # the prefix of its figures' keys (``letters.0.``)


_Block = str | _Table | _Chart | _Letter


@dataclass(frozen=True, slots=True)
class _Section:
    key: str
    title: str
    blocks: tuple[_Block, ...]


# Control characters (line breaks, tabs, escapes; C0, DEL and C1) and Unicode's line
# and paragraph separators.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _one_line(text: str) -> str:
    r"""Return ``text`` on one line: each run of control characters one space.

    >>> _one_line("ACME\n# Pay to [x](javascript:alert(1))\r\n")
    'ACME # Pay to [x](javascript:alert(1)) '
    """
    return _BREAKS.sub(" ", text)
