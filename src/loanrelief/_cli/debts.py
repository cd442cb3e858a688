"""The commands of several debts: ``plan`` and ``portfolio``.

``plan``: one budget across creditors, or the brief and letters; ``portfolio``: many
accounts from a CSV file, by the batch layer.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from loanrelief import batch
from loanrelief._cli.accounts import (
    OPTION_FLAGS,
    brief_file_arguments,
    made_brief,
    no_charts_said,
    option_arguments,
    write_brief,
)
from loanrelief._cli.inputs import PLAN_HELP, Parser, command, debt, records
from loanrelief._cli.output import emit, plain, progress_on_stderr
from loanrelief._cli.table import PENALTY, Param, Spec, a_date, flags, option_levers, options_help
from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._presentation.display import text_table
from loanrelief._presentation.i18n import translate, translated
from loanrelief._presentation.levers import package_name
from loanrelief._relief.debts import Debt, compare_strategies, plan_debts
from loanrelief._relief.levers import Lever

__all__ = ["BLOCKS", "PLAN", "PORTFOLIO", "add"]

PLAN = Spec(
    plan_debts,
    "plan",
    (
        Param("--budget", "what can be paid each month in all"),
        Param("--strategy", "how the budget is shared (or all: every strategy)"),
        Param("--start", "first payment day", parse=a_date),
        Param("--max-months", "longest plan", parse=int),
        Param("--discount-rate", "for the present value"),
    ),
    hidden={"debts": "--debts FILE"},
)
# The accounts file's columns (each a parameter of batch.Portfolio), and those it may leave out.
_COLUMNS = ("principal", "annual_rate", "term", "start", "as_of", "paid", "amortization_term",
            "instalment_fee")  # fmt: skip
_OPTIONAL_COLUMNS = {"paid", "amortization_term", "instalment_fee"}
PORTFOLIO = Spec(
    batch.Portfolio,
    "every account",
    (
        Param("--method", "repayment method of every loan"),
        Param("--frequency", "payment frequency"),
    ),
    hidden={
        **dict.fromkeys(_COLUMNS, "the accounts file's column"),
        "penalty": "the penalty flags",
        "day_count": "the loan's day count is the library's default (act/365)",
        "end_of_month": "follows each account's start",
        "rounding": "the library's default (half even)",
        "digits": "--currency's minor digits",
        "minor_units": "the file holds major units",
    },
)
BLOCKS = Spec(
    batch.overdue_states,
    "blocks",
    (Param("--block-size", "accounts per block", parse=int),),
    hidden={"accounts": "--accounts FILE", "progress": "--progress"},
)
_PORTFOLIO_HELP = """\
the accounts file: CSV, one account a row, with a header:
  principal, annual_rate, term, start, as_of   (required; dates YYYY-MM-DD)
  paid                 instalments paid on their due dates (0)
  amortization_term    for balloon loans
  instalment_fee      a fee due with every instalment (0); plan:N and freeze:N
                       stop it, plan-keep-fees:N and freeze-keep-fees:N keep it
  id                   the account's name in the output (its row number by default)
examples:
  loanrelief portfolio --accounts accounts.csv --penalty-multiplier 1.5 --progress
  loanrelief portfolio --accounts accounts.csv --option freeze:36 --option settle:0.6 --csv
"""


def _plan(args: argparse.Namespace) -> str:
    debts = [debt(record, k + 1) for k, record in enumerate(records(args.debts))]
    if args.letters is not None:
        return _letters(args, debts)
    if args.brief is not None:
        return write_brief(args, args.brief, debts, None)
    with flags(PLAN.flags(strategies="--strategy", debts="--debts")):
        if args.strategy == "all":
            given = {p.name: getattr(args, p.dest) for p in PLAN.params}
            del given["strategy"]  # every strategy
            comparison = compare_strategies(debts=debts, **given)
            rows = [
                [p.strategy.value, p.order.value, p.debt_free, p.total_paid, p.remaining,
                 p.present_value]
                for p in comparison.plans
            ]  # fmt: skip
            header = ["strategy", "order", "debt_free", "total_paid", "still_owed", "pv"]
            return emit(args, header, rows, comparison.to_text(args.language))
        plan = PLAN.call(args, debts=debts)
    header = ["date", *plan.creditors, "shortfall", "unspent"]
    rows = [
        [day, *(plan.payments[name][k] for name in plan.creditors), plan.shortfall[k],
         plan.unspent[k]]
        for k, day in enumerate(plan.dates)
    ]  # fmt: skip
    return emit(args, header, rows, plan.to_text(args.language))


def _letters(args: argparse.Namespace, debts: list[Debt]) -> str:
    """Write the brief (with --brief) and each creditor's letter to its own file."""
    made, target = made_brief(args, args.brief, debts, None)
    folder = Path(args.letters)
    suffix = ".md" if args.brief is not None and args.brief.lower().endswith(".md") else ".html"
    written = [] if target is None else [str(target)]
    with flags({"path": "--letters"}):
        for k, (creditor, letter) in enumerate(made.letters.items()):
            name = re.sub(r"[^\w-]+", "_", creditor).strip("_")[:60] or "creditor"
            written.append(str(letter.save(folder / f"{k + 1:02d}-{name}{suffix}")))
    if target is not None:
        no_charts_said(args)
    return "\n".join(translate("wrote {path}", args.language, path=p) for p in written)


def _portfolio(args: argparse.Namespace) -> str:
    """Many accounts from a CSV file: their states, or each --option on every one."""
    rows = records(args.accounts, "--accounts")
    if not rows:
        raise LoanReliefError("--accounts", args.accounts, "a CSV file with one account a row")
    names = [row.get("id") or str(k + 1) for k, row in enumerate(rows)]
    columns: dict[str, Any] = {}
    for column in _COLUMNS:
        given = [row.get(column, "") for row in rows]
        if column in _OPTIONAL_COLUMNS and not any(given):
            continue
        for k, value in enumerate(given):
            if not value:
                where = f"--accounts row {k + 1}: {column}"
                raise LoanReliefError(where, value, "a value (the column is required)")
        if column in {"start", "as_of"}:
            columns[column] = np.array(
                [_row_date(v, k, column) for k, v in enumerate(given)], dtype="datetime64[D]"
            )
        elif column in {"term", "paid", "amortization_term"}:
            columns[column] = [_row_int(v, k, column) for k, v in enumerate(given)]
        else:
            columns[column] = given
    policy = PENALTY.call(args)
    names_of = PENALTY.flags() | PORTFOLIO.flags() | BLOCKS.flags()
    names_of |= {"currency": "--currency", **OPTION_FLAGS}
    with flags(names_of):
        digits = minor_digits(args.currency)
    try:
        accounts = PORTFOLIO.target(
            **columns,
            penalty=policy,
            method=args.method,
            frequency=args.frequency,
            digits=digits,
        )
    except LoanReliefError as error:
        field, _, rest = error.field.partition("[")
        if rest and field in columns:  # principal[7]: the account on row 8
            row = int(rest.rstrip("]")) + 1
            raise type(error)(f"--accounts row {row}: {field}", error.value, error.valid) from None
        raise type(error)(
            names_of.get(field, f"--accounts: {field}"), error.value, error.valid
        ) from None
    progress = progress_on_stderr(args.language) if args.progress else None
    with flags(names_of):
        if not args.option:
            states = batch.overdue_states(accounts, block_size=args.block_size, progress=progress)
            return _portfolio_states(args, names, states, digits)
        options = [option_levers(spec) for spec in args.option]
        found = batch.compare_levers(
            accounts, options, block_size=args.block_size, progress=progress
        )
    return _portfolio_options(args, names, found, options, digits)


def _row_date(value: str, k: int, column: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise LoanReliefError(
            f"--accounts row {k + 1}: {column}", value, "a date YYYY-MM-DD"
        ) from None


def _row_int(value: str, k: int, column: str) -> int:
    try:
        return int(value.strip() or "0")
    except ValueError:
        raise LoanReliefError(
            f"--accounts row {k + 1}: {column}", value, "a whole number"
        ) from None


def _portfolio_states(
    args: argparse.Namespace, names: list[str], states: dict[str, Any], digits: int
) -> str:
    fields = ["days_past_due", "bucket", "overdue_principal", "overdue_interest", "penalty",
              "fees", "outstanding_principal", "accrued_interest", "payoff"]  # fmt: skip
    header = ["id", *fields]
    rows = [[name, *(plain(states[f][k], digits) for f in fields)] for k, name in enumerate(names)]
    total = {
        f: sum((plain(x, digits) for x in states[f]), Decimal(0))
        for f in ("outstanding_principal", "payoff")
    }
    buckets: dict[str, int] = {}
    for bucket in states["bucket"].tolist():
        buckets[bucket] = buckets.get(bucket, 0) + 1
    lang = args.language
    lines = [[translate("accounts", lang), str(len(names))]]
    lines += [
        [translate(f"total {name.replace('_', ' ')}", lang), f"{value:,}"]
        for name, value in total.items()
    ]
    lines += [
        [translate("days past due {bucket}", lang, bucket=translated(bucket, lang)), str(count)]
        for bucket, count in sorted(buckets.items())
    ]
    return emit(args, header, rows, "\n".join(text_table(lines, lang=lang)))


def _portfolio_options(
    args: argparse.Namespace,
    names: list[str],
    table: Any,
    options: list[list[Lever]],
    digits: int,
) -> str:
    metrics = ["regular_payment", "payments_count", "total_paid", "total_waived", "saving",
               "present_value", "apr", "above_payoff"]  # fmt: skip
    header = ["id", "option", *metrics]
    rows = [
        [name, label, *(plain(table[m][k, j], None if m == "apr" else digits) for m in metrics)]
        for k, name in enumerate(names)
        for j, label in enumerate(table.labels)
    ]
    lines = [["option", "accounts", "total paid", "saving", "largest payment", "above payoff"]]
    lang = args.language
    for j in range(len(table.labels)):
        paid = sum((plain(x, digits) for x in table["total_paid"][:, j]), Decimal(0))
        saving = sum((plain(x, digits) for x in table["saving"][:, j]), Decimal(0))
        largest = max(plain(x, digits) for x in table["max_payment"][:, j])
        # what the option pays beyond the accounts' payoffs, said for every option
        above = sum((plain(x, digits) for x in table["above_payoff"][:, j]), Decimal(0))
        name = package_name(options[j], lang)
        lines.append(
            [name, str(len(names)), f"{paid:,}", f"{saving:,}", f"{largest:,}", f"{above:,}"]
        )
    return emit(args, header, rows, "\n".join(text_table(lines, lang=lang)))


def add(commands: Any, output: Parser) -> None:
    """Add ``plan`` and ``portfolio`` to ``commands``."""
    debts = command(
        commands,
        "plan",
        _plan,
        parents=[output],
        help="several debts, one budget: a month-by-month plan per creditor",
        description="Read debts from a CSV or JSON file (one statement each) and plan a "
        "monthly budget across them by a strategy.",
        epilog=PLAN_HELP + "\n" + options_help(),
    )
    debts.add_argument("--debts", required=True, help="a .csv or .json file of debts")
    PLAN.add(debts)
    brief_file_arguments(debts, "--brief")
    debts.add_argument(
        "--letters",
        default=None,
        metavar="DIR",
        help="write each creditor's letter to its own file in DIR (a folder that exists): "
        "only that creditor's figures, never the budget or the other creditors",
    )
    book = command(
        commands,
        "portfolio",
        _portfolio,
        help="many accounts from a CSV file: their states, or relief options on each",
        description="Read overdue accounts from a CSV file (one a row) and give each "
        "account's state on its date (loanrelief.batch.overdue_states), or with --option "
        "each option on every account (loanrelief.batch.compare_levers): totals as a "
        "table, every account with --csv or --json.",
        epilog=_PORTFOLIO_HELP + "\n" + options_help(),
        parents=[output],
    )
    book.add_argument("--accounts", required=True, help="a .csv file of accounts (below)")
    PORTFOLIO.add(book)
    book.add_argument("--currency", default=None, help="ISO 4217 code of every account")
    PENALTY.add(book)
    option_arguments(book, "a relief option to measure on every account (repeatable)")
    BLOCKS.add(book)
    book.add_argument("--progress", action="store_true", help="a progress bar on stderr")
