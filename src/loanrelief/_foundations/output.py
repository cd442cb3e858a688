"""What loanrelief writes for a reader: files, and CSV a spreadsheet opens as text.

Two rules, each in one place:

- **A file is written whole, or refused by name.** :func:`a_file_path` checks a path
  before anything is computed or written (a folder, ``/``, a NUL character, a name too
  long, a missing folder are refused), and :func:`write_text` writes the text or turns
  the system's refusal (a read-only folder, a full disk) into a
  :class:`~loanrelief.InvalidValueError` naming the parameter, the path and what
  would be valid (:func:`write_checked` writes to a path already checked). ``Brief.save``
  and the command line's ``--output`` and ``--brief`` write through them.
- **A CSV cell the user wrote is never a formula.** A spreadsheet runs a cell that
  begins with ``=``, ``+``, ``-`` or ``@`` (or a tab, a carriage return, a line feed
  or a NUL before one) as a formula: ``=cmd|' /C calc'!A0`` starts a program,
  ``=HYPERLINK(...)`` sends the sheet away. :func:`csv_cell` writes such text with a
  leading single quote, as OWASP's "CSV Injection" advises, so the spreadsheet shows
  it as text. Numbers are told apart by their type, not their spelling: a figure the
  library computed (an ``int``, a ``Decimal``, a float) is written as it is, a
  negative amount included (``-12.50``); any text (an account's id, a creditor's
  name, a label, however numeric it looks) is neutralised. :func:`csv_text` writes
  every CSV the command line prints, its header included.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Iterable, Sequence
from numbers import Number
from pathlib import Path

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError

__all__ = [
    "FORMULA_STARTS",
    "a_file_path",
    "csv_cell",
    "csv_text",
    "write_checked",
    "write_text",
]

# The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
# Injection": = + - @, tab and carriage return; OWASP ASVS 1.2.10 adds NUL; a line
# feed is a line break to the same readers).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")

# The longest name of one file or folder most file systems allow (NAME_MAX on Linux and
# macOS, 255 UTF-16 units on Windows); a system that allows less refuses on writing.
_NAME_MAX = 255


def a_file_path(value: object, field: str) -> Path:
    """Return ``value`` as the path of a file to write, or raise naming ``field``.

    The path must be a ``str`` or a path object naming a file (not a folder, not
    ``/``, not ending in a separator) in a folder that exists, with no NUL character
    and no name of more than 255 bytes. Nothing is created or written.

    Raises
    ------
    InvalidTypeError
        If ``value`` is not a ``str`` or ``os.PathLike`` of ``str``.
    InvalidValueError
        If it is empty, holds a NUL character, names a folder, lies in a folder that
        does not exist, or has a name too long.

    Examples
    --------
    >>> a_file_path("/", "path")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: path='/' is not valid: a file's path, not a folder's
    >>> a_file_path("no-such-folder/brief.html", "path")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: path='no-such-folder/brief.html' is not valid: a file ...
    """
    valid_type = "a file's path, a str or a pathlib.Path"
    if not isinstance(value, str | os.PathLike):
        raise InvalidTypeError(field, value, valid_type)
    text = os.fspath(value)
    if not isinstance(text, str):  # a bytes path: the library writes str paths only
        raise InvalidTypeError(field, value, valid_type)
    if not text:
        raise InvalidValueError(field, text, "a file's path (this one is empty)")
    if "\0" in text:
        raise InvalidValueError(field, text, "a path without a NUL character")
    try:
        parts = [os.fsencode(part) for part in Path(text).parts]
    except UnicodeEncodeError:
        raise InvalidValueError(field, text, "a path the file system can spell") from None
    if any(len(part) > _NAME_MAX for part in parts):
        valid = f"a path whose file and folder names are at most {_NAME_MAX} bytes each"
        raise InvalidValueError(field, text, valid)
    target = Path(text)
    seps = tuple(sep for sep in (os.sep, os.altsep) if sep)
    try:
        if text.endswith(seps) or target.name in ("", ".", "..") or target.is_dir():
            raise InvalidValueError(field, text, "a file's path, not a folder's")
        if not target.parent.is_dir():
            raise InvalidValueError(field, text, "a file in a folder that exists")
    except OSError as error:  # a path too long for the system, say
        raise InvalidValueError(field, text, _why(error)) from None
    return target


def write_text(path: object, text: str, field: str) -> Path:
    """Write ``text`` (UTF-8) to the file at ``path``; return the path, or raise naming ``field``.

    The path is checked by :func:`a_file_path` first; a refusal of the system on
    writing (a read-only folder, a full disk, a name the file system will not take)
    is an :class:`~loanrelief.InvalidValueError` saying why, never an
    ``OSError``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> write_text(Path(folder.name) / "note.md", "# Hello", "path").read_text("utf-8")
    '# Hello'
    >>> write_text(folder.name, "# Hello", "path")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: path='...' is not valid: a file's path, not a folder's
    >>> folder.cleanup()
    """
    return write_checked(a_file_path(path, field), text, field)


def write_checked(target: Path, text: str, field: str) -> Path:
    """Write ``text`` (UTF-8) to ``target``, a path :func:`a_file_path` has checked.

    :func:`write_text` without the check, for a caller that checked the path before
    its work: a refusal of the system on writing is still an
    :class:`~loanrelief.InvalidValueError` naming ``field``, never an ``OSError``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> target = a_file_path(Path(folder.name) / "note.md", "path")
    >>> write_checked(target, "# Hello", "path").read_text("utf-8")
    '# Hello'
    >>> folder.cleanup()
    """
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidValueError(field, str(target), _why(error)) from None
    return target


def _why(error: OSError) -> str:
    """Say what would be valid, from why the system refused a path."""
    reason = error.strerror or type(error).__name__
    if error.errno == errno.EISDIR:
        return "a file's path, not a folder's"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"a file in a folder that exists ({reason})"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"a file in a folder that can be written to ({reason})"
    if error.errno == errno.ENAMETOOLONG:
        return f"a shorter path ({reason})"
    return f"a file that can be written ({reason})"


def csv_cell(value: object) -> str:
    r"""Return a CSV cell's text: a number as it is, text a spreadsheet cannot run.

    ``None`` is an empty cell. A number (``int``, ``Decimal``, ``float``, NumPy's) is
    its ``str``, a negative one included. Any other value is text: if it begins with
    one of :data:`FORMULA_STARTS` it gets a leading single quote, which spreadsheets
    show as text and do not evaluate.

    Examples
    --------
    >>> from decimal import Decimal
    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("@SUM(1)"), csv_cell("\t=1")
    ("'=cmd|' /C calc'!A0", "'@SUM(1)", "'\t=1")
    >>> csv_cell(Decimal("-12.50")), csv_cell("-12.50"), csv_cell("A-1"), csv_cell(None)
    ('-12.50', "'-12.50", 'A-1', '')
    """
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, Number) or not text.startswith(FORMULA_STARTS):
        return text
    return "'" + text


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    r"""Return a header and rows as CSV (one line a row, ``\n``), every cell by :func:`csv_cell`.

    Examples
    --------
    >>> from decimal import Decimal
    >>> print(csv_text(["id", "payoff"], [["=1+1", Decimal("-3.00")], ["A-1", 5]]), end="")
    id,payoff
    '=1+1,-3.00
    A-1,5
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(cell) for cell in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
