"""The command line: each subcommand's output, machine formats, and bad input (one line, 2)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shlex
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import loanrelief as lr
from loanrelief import __version__
from loanrelief._cli import cli
from loanrelief._cli.cli import main

LOAN = ["--principal", "50000", "--rate", "0.18", "--term", "24", "--start", "2024-01-15"]
OVERDUE = [
    *LOAN,
    "--paid",
    "2",
    "--as-of",
    "2024-07-01",
    "--penalty-multiplier",
    "1.5",
    "--compound",
    "--day-count",
    "act/360",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_demo_prints_schedule_and_method_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo prints the schedule, its totals and every method's total interest."""
    status, out, _ = run(capsys, "demo")
    assert status == 0
    assert "Schedule: annuity loan of 50,000.00 at 18 % a year" in out
    assert "total paid 59,908.92" in out
    for method in ("equal_principal", "interest_only", "bullet", "flat"):
        assert method in out
    assert "costs 8,091.08 more interest" in out
    status, out, _ = run(capsys, "demo", "--lang", "zh")
    assert status == 0
    for name in ("等额本息", "等额本金", "先息后本", "到期一次还本付息", "等本等息", "8,091.08"):
        assert name in out
    assert not re.findall(r"[A-Za-z]{2,}", out)


def test_schedule_table_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """The schedule command prints every row as a table, JSON or CSV, with exact amounts."""
    status, out, _ = run(capsys, "schedule", *LOAN)
    assert status == 0
    assert "2,496.21" in out
    assert "total paid 59,908.92" in out
    _, out, _ = run(capsys, "schedule", *LOAN, "--json")
    rows = json.loads(out)
    assert len(rows) == 24
    assert rows[0]["payment"] == "2496.21"
    _, out, _ = run(capsys, "schedule", *LOAN, "--csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert table[-1]["balance"] == "0.00"


def test_apr_by_each_convention(capsys: pytest.CaptureFixture[str]) -> None:
    """The apr command prints four conventions; --json gives numbers; one may be picked."""
    flat = [
        "--principal",
        "10000",
        "--rate",
        "0.18",
        "--term",
        "12",
        "--method",
        "flat",
        "--upfront-fee",
        "300",
        "--fee-deducted",
        "--start",
        "2024-01-15",
    ]
    status, out, _ = run(capsys, "apr", *flat)
    assert status == 0
    assert "37.8215 %" in out
    assert "45.1181 %" in out
    _, out, _ = run(capsys, "apr", *flat, "--convention", "eu", "--json")
    assert json.loads(out) == [{"convention": "eu", "apr": pytest.approx(0.4511806, abs=1e-7)}]


def test_overdue_summary_and_rows(capsys: pytest.CaptureFixture[str]) -> None:
    """The overdue command prints the state and the instalments due; --json the same as data."""
    status, out, _ = run(capsys, "overdue", *OVERDUE)
    assert status == 0
    assert "77 (60-89)" in out
    assert "49,081.83" in out
    _, out, _ = run(capsys, "overdue", *OVERDUE, "--json")
    data = json.loads(out)
    assert data["payoff"] == "49081.83"
    assert data["bucket"] == "60-89"
    # counts are numbers, money is text, alike in the summary and the rows
    assert data["days_past_due"] == data["instalments"][0]["days_late"] == 77
    assert [row["number"] for row in data["instalments"]] == [3, 4, 5]
    assert sum(Decimal(v) for v in data["payoff_lines"].values()) == Decimal(data["payoff"])


@pytest.mark.parametrize(
    "more",
    [
        [],
        ["--cost", "2024-06-01:300", "--late-fee", "20"],
        ["--payment", "2024-06-20:60000"],
        ["--rule", "china-private", "--as-of", "2026-01-01"],
    ],
)
def test_the_overdue_table_adds_up_to_the_payoff(
    capsys: pytest.CaptureFixture[str], more: list[str]
) -> None:
    """--csv keeps the summary, in lines that add up to the payoff.

    Each column of the instalments due, what is not yet due and the costs adds up to
    the payoff line's, whose total is the payoff.
    """
    _, out, _ = run(capsys, "overdue", *OVERDUE, *more, "--json")
    payoff = Decimal(json.loads(out)["payoff"])
    _, out, _ = run(capsys, "overdue", *OVERDUE, *more, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    *parts, last = rows
    assert last["line"] == "payoff"
    assert Decimal(last["total_due"]) == payoff
    assert {row["line"] for row in parts} >= ({"due", "not yet due"} if payoff > 1000 else set())
    for column in ("principal_due", "interest_due", "penalty_due", "fees_due", "total_due"):
        assert sum(Decimal(row[column]) for row in parts) == Decimal(last[column]), column
    for row in parts:
        parts_of = ("principal_due", "interest_due", "penalty_due", "fees_due")
        cells = [Decimal(row[c]) for c in parts_of]
        if row["line"] in {"due", "not yet due"}:
            assert sum(cells) == Decimal(row["total_due"])


def test_nper_finds_the_instalments_a_payment_needs(capsys: pytest.CaptureFixture[str]) -> None:
    """nper: 20,000 at 12 % with 1,000 a month takes 23 instalments of 977.72."""
    argv = ["--principal", "20000", "--rate", "0.12", "--payment", "1000", "--start", "2024-01-15"]
    status, out, _ = run(capsys, "nper", *argv)
    assert status == 0
    assert out.startswith("23 monthly instalments of at most 1000 (the last 977.61)")
    _, out, _ = run(capsys, "nper", *argv, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 23
    assert rows[0]["payment"] == "977.72"


def test_prepay_shortens_or_lowers(capsys: pytest.CaptureFixture[str]) -> None:
    """prepay: the published 500,000 example, 124 months left when keeping the payment."""
    argv = ["--principal", "500000", "--rate", "0.049", "--term", "240"]
    argv += ["--start", "2020-01-01", "--amount", "100000", "--on", "2025-01-01"]
    status, out, _ = run(capsys, "prepay", *argv, "--keep", "payment")
    assert status == 0
    assert "124 instalments of 3,272.22" in out
    assert "instalments saved      56" in out
    _, out, _ = run(capsys, "prepay", *argv, "--json")
    rows = json.loads(out)
    assert len(rows) == 180
    assert rows[0]["payment"] == "2486.63"


def test_overdue_under_the_us_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """--accrual 'us_rule' on a loan made by day count: the hand-worked partial payment."""
    argv = ["--principal", "10500", "--rate", "0.095", "--term", "8", "--method", "bullet"]
    argv += ["--start", "2024-03-01", "--loan-day-count", "act/360"]
    argv += ["--interest-basis", "day_count", "--payment", "2024-06-05:4620"]
    argv += ["--as-of", "2024-11-01", "--accrual", "us_rule", "--json"]
    status, out, _ = run(capsys, "overdue", *argv)
    assert status == 0
    assert json.loads(out)["payoff"] == "6387.66"


def test_overdue_under_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """--rule replays the account as far as the rule allows; --json names the rule."""
    issue = ["--principal", "20000", "--rate", "0.24", "--term", "12", "--start", "2024-11-10"]
    late = ["--paid", "3", "--as-of", "2025-06-09", "--penalty-multiplier", "1.5", "--compound"]
    argv = [*issue, *late, "--day-count", "act/360", "--rule", "china-financial", "--json"]
    status, out, _ = run(capsys, "overdue", *argv)
    assert status == 0
    data = json.loads(out)
    assert data["payoff"] == "16662.84"
    assert data["rule"] == "China, financial loans (24 %)"
    assert data["capped"] == "151.47"
    _, out, _ = run(capsys, "overdue", *issue, *late, "--day-count", "act/360", "--json")
    assert json.loads(out)["payoff"] == "16814.31"


def test_court_view_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """The court command explains each line with its article, in English or Chinese."""
    loan = ["--principal", "10000", "--rate", "0.3", "--term", "12", "--start", "2019-06-01"]
    argv = [*loan, "--as-of", "2021-01-01", "--penalty-rate", "0.36", "--rule", "china-private"]
    status, _, err = run(capsys, "court", *argv)
    assert status == 2
    assert "--filed" in err
    status, out, _ = run(capsys, "court", *argv, "--filed", "2021-01-05")
    assert status == 0
    assert "art. 31" in out
    status, out, _ = run(capsys, "court", *argv, "--filed", "2021-01-05", "--lang", "zh")
    assert "第三十一条" in out
    assert "逾期利息" in out
    assert "罚息" not in out
    assert "2020年8月20日起" in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
    _, out, _ = run(capsys, "court", *argv, "--filed", "2021-01-05", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[-1]["item"] == "payoff"
    assert float(rows[-1]["excess"].replace(",", "")) > 0
    status, _, err = run(capsys, "court", *loan, "--as-of", "2021-01-01")
    assert status == 2
    assert "--rule" in err


def test_newer_lpr_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A contract after the table's last date needs --lpr; with it, the ceiling is 4x that."""
    loan = ["--principal", "10000", "--rate", "0.3", "--term", "6", "--start", "2026-06-01"]
    argv = [*loan, "--as-of", "2026-07-01", "--rule", "china-private", "--json"]
    status, _, err = run(capsys, "overdue", *argv)
    assert status == 2
    assert "LPR" in err or "on=" in err
    status, out, _ = run(capsys, "overdue", *argv, "--lpr", "2026-05-20:0.03")
    assert status == 0
    assert json.loads(out)["capped"] != "0.00"  # 30 % against 12 %


def test_compare_options(capsys: pytest.CaptureFixture[str]) -> None:
    """The compare command evaluates the options given (packages with +), as a table or CSV."""
    status, out, _ = run(
        capsys,
        "compare",
        *OVERDUE,
        "--option",
        "plan:36",
        "--option",
        "capitalize+extend:12",
        "--option",
        "settle:0.6",
    )
    assert status == 0
    assert "36 instalments" in out
    assert "capitalize arrears, extend 12 periods" in out
    _, out, _ = run(capsys, "compare", *OVERDUE, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["option"] for row in rows} >= {"freeze, 36 instalments", "settle for 60 %"}


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["demo", "--rate", "18"], "--rate="),
        (["demo", "--start", "15/01/2024"], "--start"),
        (["schedule", *LOAN[:6], "--start", "2024-01-15", "--principal", "-5"], "--principal="),
        (["schedule", "--principal", "1000"], "required"),
        (["schedule", *LOAN[:6]], "--start"),  # required: the due dates follow it
        (["apr", *LOAN, "--convention", "uk"], "--convention"),
        (["overdue", *LOAN, "--as-of", "2023-01-01"], "--as-of="),
        (["overdue", *LOAN, "--as-of", "2024-07-01", "--penalty-rate", "18"], "--penalty-rate="),
        (["compare", *OVERDUE, "--option", "settle:5"], "--option="),
        (
            [
                "schedule",
                "--principal",
                "10",
                "--rate",
                "0.1",
                "--term",
                "12",
                "--start",
                "9999-06-01",
            ],
            "--term=",
        ),
        (["overdue", *LOAN, "--as-of", "2024-07-01", "--payment", "July:100"], "--payment"),
        (["overdue", *LOAN, "--as-of", "2024-07-01", "--paid", "40"], "--paid"),
        (["compare", *OVERDUE, "--option", "bogus:1"], "--option"),
        (["compare", *OVERDUE, "--option", "forgive:1e9"], "--option='forgive:1e9'"),
        (["schedule", *LOAN, "--currency", "XYZ"], "--currency='XYZ'"),
        (["compare", *OVERDUE, "--option", "extend"], "--option"),
        (["compare", *OVERDUE, "--option", "extend:x"], "--option"),
        (["overdue", *LOAN, "--as-of", "2024-07-01", "--accrual", "us_rule"], "--accrual"),
        (["overdue", *LOAN, "--as-of", "2024-07-01", "--accrual", "daily"], "--accrual"),
        (["schedule", *LOAN, "--interest-basis", "weekly"], "--interest-basis"),
        (["schedule", *LOAN, "--loan-day-count", "act/999"], "--loan-day-count"),
        (["nper", *LOAN[:4], "--start", "2024-01-15", "--payment", "100"], "--payment"),
        (["nper", *LOAN[:4], "--start", "2024-01-15", "--payment", "x"], "--payment"),
        (["prepay", *LOAN, "--amount", "100", "--on", "2030-01-01"], "--on"),
        (["prepay", *LOAN, "--amount", "90000", "--on", "2024-06-01"], "--amount"),
        (["prepay", *LOAN, "--amount", "100", "--on", "2024-06-01", "--keep", "x"], "--keep"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], field: str
) -> None:
    """Every subcommand's bad input prints one error line naming it, no traceback, status 2."""
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "error" in lines[0]
    assert field in lines[0]


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """--help exits 0 and shows examples and the option specs."""
    assert main(["compare", "--help"]) == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "freeze:N" in out


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


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`loanrelief demo | head -1`: the demo leaves quietly when the pipe is closed."""
    import subprocess  # noqa: PLC0415 - only this test starts a process
    import sys  # noqa: PLC0415

    reader = subprocess.Popen([sys.executable, "-c", "pass"], stdin=subprocess.PIPE)
    reader.wait()  # gone: nobody reads the pipe any more
    done = subprocess.run(
        [sys.executable, "-m", "loanrelief", "demo"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    assert "Traceback" not in done.stderr
    assert done.returncode == 1


_SMALL = ("--principal", "6000", "--rate", "0.18", "--term", "6", "--start", "2024-01-15")
_BASE = {
    "schedule": [*_SMALL],
    "apr": [*_SMALL, "--upfront-fee", "60"],
    "overdue": [
        *(*_SMALL, "--paid", "1"),
        *("--as-of", "2024-06-01", "--penalty-multiplier", "1.5", "--late-fee", "20"),
    ],
    "compare": [
        *(*_SMALL, "--paid", "1"),
        *("--as-of", "2024-06-01", "--option", "extend:3", "--discount-rate", "0.05"),
    ],
    "demo": ["--principal", "6000", "--rate", "0.18", "--term", "6"],
    "court": [
        *("--principal", "6000", "--rate", "0.3", "--term", "6", "--start", "2024-01-15"),
        *("--paid", "1"),
        *("--as-of", "2024-06-01", "--penalty-rate", "0.5", "--rule", "china-private"),
        *("--lang", "zh", "--cost", "2024-05-01:100"),
    ],
}
_DEBTS = str(Path(__file__).parent / "reference" / "debts.csv")
_BASE["plan"] = ["--debts", _DEBTS, "--budget", "1800", "--strategy", "avalanche"]
_BASE["plan"] += ["--max-months", "60", "--discount-rate", "0.05"]
_ACCOUNTS = str(Path(__file__).parent / "reference" / "accounts.csv")
_BASE["portfolio"] = [
    *("--accounts", _ACCOUNTS, "--penalty-multiplier", "1.5", "--option", "freeze:36"),
    *("--currency", "CNY", "--block-size", "2"),
]
_BASE["brief"] = [
    *(*_SMALL, "--paid", "1", "--as-of", "2024-06-01", "--penalty-multiplier", "1.5"),
    *("--option", "extend:3", "--budget", "900", "--lang", "zh"),
]
_BASE["card statements"] = [
    *("--statement-day", "7", "--daily-rate", "0.0005", "--late-fee-share", "0.05"),
    *("--transaction", "2024-03-08:20000", "--until", "2024-05-07", "--minimum-share", "0.1"),
]
_BAD = [
    "",
    "abc",
    "-1",
    "0",
    "18",
    "nan",
    "inf",
    "1e999999999",
    "1e-300",
    "99999999999999999999",
    "0.001",
    "2.5",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "act/365",
    "extend:1e9",
    "settle:5",
    "plan:0",
    "rate:abc",
    "x:1",
    "2024-05-20:abc",
    "JPY",
    "jpy",
    "balloon",
    "china-private",
    "uk-hcstc",
    "cap:abc",
    "total-cost:-1",
    "2030-01-01:0.03",
    "2024-05-01:0.03",
    "zh",
]


def _flag_values(command: str) -> list[tuple[list[str], str]]:
    """Each flag of a command's valid call, with its value replaced by each bad value."""
    base = _BASE[command]
    extra = ["--start", "--method", "--frequency", "--currency", "--instalment-fee"]
    if command == "portfolio":
        extra = ["--method", "--frequency", "--day-count", "--grace-days", "--late-fee"]
    if command == "brief":
        extra += ["--rule", "--discount-rate", "--payment"]
    if command in ("overdue", "compare", "court"):
        extra += ["--payment", "--penalty-rate", "--grace-days", "--day-count"]
        extra += ["--rule", "--filed", "--lpr", "--cost"]
    if command == "apr":
        extra += ["--convention"]
    if command == "plan":
        extra = ["--start"]
    if command == "card statements":
        extra = ["--due-days", "--apr", "--interest-rule", "--minimum-floor", "--late-fee-max"]
        extra += ["--credit-limit", "--cash-minimum-share", "--intro-apr"]
        extra += ["--minimum-rule"]
    calls = []
    for position in range(0, len(base), 2):
        for bad in _BAD:
            argv = [*base[:position], base[position], bad, *base[position + 2 :]]
            calls.append((argv, base[position]))
    for flag in extra:
        if flag == "--penalty-rate" and "--penalty-multiplier" in base:
            continue
        if flag in base:
            continue
        for bad in _BAD:
            calls.append(([*base, flag, bad], flag))
    return calls


@pytest.mark.parametrize("command", sorted(_BASE))
def test_no_input_gives_a_traceback(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Any value of any flag prints a result (status 0) or one line naming a flag (2)."""
    assert main([*command.split(), *_BASE[command]]) == 0
    capsys.readouterr()
    problems = []
    for argv, flag in _flag_values(command):
        status = main([*command.split(), *argv])
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        if status not in (0, 2) or "Traceback" in err or len(lines) > 1:
            problems.append(f"{argv} -> status {status}: {err.strip()[:200]}")
        elif status == 2 and "--" not in lines[0]:  # the line names the flag at fault
            problems.append(f"{argv} -> names no flag ({flag}): {lines[0][:200]}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


def test_plan_reads_debts_from_csv_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "plan", "--debts", _DEBTS, "--budget", "1800")
    assert status == 0
    assert "debt-free      2025-04-20" in out
    assert "least cost" in out
    status, out, _ = run(capsys, "plan", "--debts", _DEBTS, "--budget", "1800", "--json")
    rows = json.loads(out)
    assert rows[0]["C"] == "1800.00"
    assert set(rows[0]) == {"date", "A", "B", "C", "shortfall", "unspent"}
    with open(_DEBTS, encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    records[1]["relief"] = "freeze:36"
    as_json = tmp_path / "debts.json"
    as_json.write_text(json.dumps(records), encoding="utf-8")
    status, out, _ = run(capsys, "plan", "--debts", str(as_json), "--budget", "1800",
                         "--strategy", "all")  # fmt: skip
    assert status == 0
    assert "pro rata" in out
    assert "snowball" in out


def test_every_cell_of_the_debts_file_gives_a_result_or_names_its_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with open(_DEBTS, encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    problems = []
    for column in records[0]:
        for bad in _BAD:
            changed = [dict(record) for record in records]
            changed[0][column] = bad
            path = tmp_path / "debts.csv"
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(records[0]))
                writer.writeheader()
                writer.writerows(changed)
            status = main(["plan", "--debts", str(path), "--budget", "1800", "--max-months", "24"])
            err = capsys.readouterr().err.strip()
            if status not in (0, 2) or "Traceback" in err or len(err.splitlines()) > 1:
                problems.append(f"{column}={bad!r} -> {status}: {err[:200]}")
            elif status == 2 and "--debts row 1" not in err and "--debts" not in err:
                problems.append(f"{column}={bad!r} -> names no row: {err[:200]}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


def test_card_statements_horizon_and_instalments(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "card", "statements", *_BASE["card statements"],
        "--transaction", "2024-04-25:2000:payment",
    )  # fmt: skip
    assert status == 0
    assert "588.00" in out
    status, out, _ = run(
        capsys, "card", "horizon", "--statement-day", "1", "--apr", "0.2199",
        "--minimum-share", "0.01", "--minimum-floor", "25", "--balance", "3000",
        "--start", "2024-01-01", "--json",
    )  # fmt: skip
    rows = json.loads(out)
    assert [row["paying"] for row in rows] == ["minimum", "36 months"]
    assert int(rows[0]["months"]) > 36 >= int(rows[1]["months"])
    status, out, _ = run(
        capsys, "card", "instalment", "--instalments", "12", "--amount", "10000",
        "--monthly-fee-rate", "0.006",
    )  # fmt: skip
    assert "13.03 %" in out
    status, _, err = run(capsys, "card", "statements", "--statement-day", "7",
                         "--daily-rate", "0.0005")  # fmt: skip
    assert status == 2
    assert "--transaction" in err


def test_card_court_view_and_relief(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--statement-day", "7", "--daily-rate", "0.0005", "--late-fee-share", "0.05"]
    base += ["--transaction", "2024-03-08:10000", "--until", "2024-09-20"]
    status, out, _ = run(capsys, "card", "court", *base)
    assert status == 0
    assert "enforceable 11208.42" in out  # per due date, the default (test_cards.py by hand)
    assert "法发〔2017〕22号" in out
    status, out, _ = run(
        capsys, "card", "compare", *base, "--option", "freeze:60", "--option", "settle:0.6",
        "--json",
    )  # fmt: skip
    rows = json.loads(out)
    assert [row["option"] for row in rows] == ["freeze, 60 instalments", "settle for 60 %"]
    assert rows[0]["total_paid"] == "11976.95"
    early = [*base[:-1], "2024-06-20", "--option", "freeze:60", "--json"]
    status, out, _ = run(capsys, "card", "compare", *early, "--court-on", "2024-09-20")
    assert status == 0
    freeze = json.loads(out)[0]  # 10,694.10 now against the award of 11,208.42 on 09-20
    assert (freeze["total_paid"], freeze["saving"]) == ("10694.10", "514.32")
    status, _, err = run(capsys, "card", "compare", *early, "--court-on", "2024-06-19")
    assert status == 2
    assert "--court-on='2024-06-19'" in err
    assert "on or after 2024-06-20" in err
    status, _, err = run(capsys, "card", "compare", *base, "--court-on", "2024-12-20")
    assert status == 2
    assert "--option" in err
    status, _, err = run(capsys, "card", *base, "--court")
    assert status == 2
    assert "card takes a job first: card court --statement-day 7" in err
    status, _, err = run(capsys, "card", "statements", *base, "--rule", "unpaid_part")
    assert status == 2
    assert "--interest-rule" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package's version and exits 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"loanrelief {__version__}"


def test_brief_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """brief: Markdown on the terminal, an HTML page with --output; a card's and debts'."""
    argv = ["brief", *OVERDUE, "--rule", "china-private", "--budget", "2200"]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert out.startswith("# Negotiation brief (as of 1 Jul 2024)")
    assert "## What the law allows" in out
    status, out, _ = run(capsys, *argv, "--lang", "zh", "--output", str(tmp_path / "b.html"))
    assert status == 0
    assert out.strip() == f"已写入{tmp_path / 'b.html'}"
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "协商还款申请" in page
    assert "<svg" in page
    assert "2,200" not in page  # the budget chooses the plan, and is not written
    assert "逾期利息" in page  # a private lender's words (from --rule)
    status, out, _ = run(capsys, "brief", *OVERDUE, "--lender", "financial_institution",
                         "--lang", "zh")  # fmt: skip
    assert status == 0
    assert "罚息" in out
    status, _, err = run(capsys, *argv, "--lender", "financial_institution")
    assert status == 2
    assert "--lender" in err
    card = [*_BASE["card statements"][:6], "--transaction", "2024-03-08:10000"]
    card += ["--until", "2024-09-20"]
    status, out, _ = run(
        capsys, "card", "brief", *card, "--budget", "800", "--output", str(tmp_path / "c.md")
    )
    assert status == 0
    assert "## What the law allows" in (tmp_path / "c.md").read_text(encoding="utf-8")
    status, _, _ = run(capsys, "plan", "--debts", _DEBTS, "--budget", "1800", "--brief",
                       str(tmp_path / "d.html"), "--no-charts")  # fmt: skip
    assert status == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").count('class="letter"') == 3


def test_portfolio_reads_accounts_from_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each account's state equals account_state's; options add up; rows are named."""
    status, out, _ = run(
        capsys, "portfolio", "--accounts", _ACCOUNTS, "--penalty-multiplier", "1.5", "--csv"
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == ["A-1", "A-2", "A-3"]
    loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    paid = [lr.Payment(r.due_date, r.payment) for r in lr.amortize(loan)[:2]]
    policy = lr.PenaltyPolicy(rate_multiplier="1.5")
    state = lr.account_state(loan, paid, as_of=date(2024, 7, 1), penalty=policy)
    assert Decimal(rows[0]["payoff"]) == state.payoff
    assert Decimal(rows[0]["penalty"]) == state.penalty
    assert int(rows[0]["days_past_due"]) == state.days_past_due
    status, out, err = run(
        capsys, "portfolio", "--accounts", _ACCOUNTS, "--option", "freeze:36", "--progress"
    )
    assert status == 0
    assert "freeze, 36 instalments         3" in out
    assert "3/3" in err  # the progress bar
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "principal,annual_rate,term,start,as_of\n1000,0.1,12,2024-01-15,2024-13-01\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "portfolio", "--accounts", str(bad))
    assert status == 2
    assert "--accounts row 1: as_of='2024-13-01'" in err
    bad.write_text("principal,annual_rate,term\n1000,0.1,12\n", encoding="utf-8")
    status, _, err = run(capsys, "portfolio", "--accounts", str(bad))
    assert status == 2
    assert "start" in err


def _helps() -> list[str]:
    """The epilog of every command's help (the parser's, each command's, each job's)."""
    found, waiting = [], [cli.parser()]
    while waiting:
        parser = waiting.pop()
        found.append(parser.epilog or "")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                waiting += list(dict.fromkeys(action.choices.values()))
    return found


def _examples() -> list[str]:
    """Every ``loanrelief ...`` command the help prints, continuation lines joined."""
    joined = "\n".join(_helps()).replace("\\\n", " ")
    return sorted({line.strip() for line in joined.splitlines() if "loanrelief " in line})


def test_the_helps_examples_are_printed_one_flag_group_a_line() -> None:
    """A continued example ends its line with a backslash (none runs two lines together)."""
    for line in "\n".join(_helps()).splitlines():
        assert not re.search(r"\S {3,}--", line), line


@pytest.mark.parametrize("command", _examples())
def test_every_example_in_the_help_runs(
    command: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each example the help gives works as printed (its files from tests/reference)."""
    for name in ("accounts.csv", "debts.csv", "debts-card.csv", "statement.csv",
                 "statement.json", "card-statement.csv"):  # fmt: skip
        source = Path(__file__).parent / "reference" / name
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)
    assert argv[0] == "loanrelief", command
    assert "\\" not in command, command
    status, out, err = run(capsys, *argv[1:])
    assert status == 0, err
    assert out.strip() or list(tmp_path.glob("*.html")), command
    # The same in Chinese: no English left in the text (machine formats keep their keys).
    if {"--csv", "--json", "--brief", "--output"}.isdisjoint(argv):
        status, out, err = run(capsys, *argv[1:], "--lang", "zh")
        assert status == 0, err
        assert not re.findall(r"[A-Za-z]{2,}", out), out


def test_compare_says_which_options_cost_more_than_the_payoff(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A freeze stops the contract's fee unless freeze-keep-fees:N; the excess is said."""
    argv = ["compare", "--principal", "50000", "--rate", "0.12", "--term", "24",
            "--start", "2024-01-15", "--paid", "2", "--as-of", "2024-07-01",
            "--instalment-fee", "200", "--option", "freeze:36",
            "--option", "freeze-keep-fees:36"]  # fmt: skip
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert "48,421.65" in out  # the freeze pays the payoff, 36 x 200 less than kept
    assert (
        "freeze, 36 instalments, instalment fees kept pays 7,200.00 above the payoff of "
        "48,421.65 on the day"
    ) in out
    status, out, _ = run(capsys, *argv, "--json")
    records = json.loads(out)
    assert [record["above_payoff"] for record in records] == ["0.00", "7200.00"]
    status, out, _ = run(capsys, *argv, "--lang", "zh")
    assert "停息挂账，分36期，分期服务费照收" in out
    assert "多7,200.00" in out


def test_portfolio_reads_the_instalment_fee(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An instalment_fee column: a freeze stops it, freeze-keep-fees keeps it, said."""
    accounts = tmp_path / "fees.csv"
    accounts.write_text(
        "id,principal,annual_rate,term,start,as_of,paid,instalment_fee\n"
        "F-1,50000,0.12,24,2024-01-15,2024-07-01,2,200\n"
        "F-2,50000,0.12,24,2024-01-15,2024-07-01,2,0\n",
        encoding="utf-8",
    )
    argv = ["portfolio", "--accounts", str(accounts), "--option", "freeze:36",
            "--option", "freeze-keep-fees:36"]  # fmt: skip
    status, out, _ = run(capsys, *argv, "--csv")
    assert status == 0
    rows = {(row["id"], row["option"]): row for row in csv.DictReader(io.StringIO(out))}
    stopped = rows["F-1", "freeze, 36 instalments"]
    kept = rows["F-1", "freeze, 36 instalments, instalment fees kept"]
    assert Decimal(stopped["total_paid"]) == Decimal("48421.65")  # the payoff
    assert Decimal(kept["total_paid"]) == Decimal("48421.65") + 36 * 200
    assert Decimal(kept["above_payoff"]) == 7200
    assert Decimal(rows["F-2", "freeze, 36 instalments"]["above_payoff"]) == 0
    status, out, _ = run(capsys, *argv)
    assert "above payoff" in out.splitlines()[0]
    assert out.splitlines()[2].endswith("7,200.00")


def test_commands_run_without_the_optional_extras(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On `pip install .` alone: the brief without charts, --progress as counts; each says why.

    The README's commands run on the install the README gives; what an extra would add
    is named on stderr, never on the page the lender reads.
    """
    from loanrelief._cli import accounts, output  # noqa: PLC0415 - their look-up is replaced

    for module in (accounts, output):
        monkeypatch.setattr(module, "installed", lambda name: name not in {"matplotlib", "tqdm"})
    page = tmp_path / "b.html"
    status, out, err = run(capsys, "brief", *OVERDUE, "--rule", "china-private", "--budget",
                           "2200", "--output", str(page))  # fmt: skip
    assert status == 0
    assert out.strip() == f"wrote {page}"
    assert "no charts: matplotlib is not installed" in err
    assert "'.[plot]'" in err
    text = page.read_text(encoding="utf-8")
    assert "<svg" not in text
    assert "matplotlib" not in text
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "principal,annual_rate,term,start,as_of,paid\n10000,0.18,12,2024-01-15,2024-07-01,2\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "portfolio", "--accounts", str(accounts), "--progress")
    assert status == 0
    assert "no progress bar: tqdm is not installed" in err
    assert "1 / 1" in err
