"""The command line: the demo prints a real schedule; bad input is one line and status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from loanrelief.cli import main


def test_demo_prints_schedule_and_method_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo prints the schedule, its totals and every method's total interest."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Schedule: annuity loan of 50,000.00 at 18 % a year" in out
    assert "total paid 59,908.92" in out
    for method in ("equal_principal", "interest_only", "bullet", "flat"):
        assert method in out


def test_demo_bad_input_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad rate prints one error line naming the field, no traceback, and returns 2."""
    assert main(["demo", "--rate", "18"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("loanrelief: error: annual_rate=")


def test_demo_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed start date is reported on one line with status 2."""
    assert main(["demo", "--start", "15/01/2024"]) == 2
    assert "start=" in capsys.readouterr().err


def test_python_m_loanrelief_runs() -> None:
    """`python -m loanrelief demo` runs as a program and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "loanrelief", "demo", "--term", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "3 monthly instalments" in result.stdout
