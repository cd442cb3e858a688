"""The command line's parsers and the readers of its inputs: dated flags, statements, debts.

A command is added by :func:`command` and parsed by :class:`Parser`. A ``DATE:AMOUNT``
flag, a one-record statement file (CSV or JSON) and plan's debts file are read here,
each error naming the flag, the file's row or its column.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import io
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from loanrelief._cli.table import CARD, Spec, flags, option_levers
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._ledger.account import account_state
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.statement import Statement
from loanrelief._relief.debts import Debt
from loanrelief.cards._cards import CardHistory, card_from_statement
from loanrelief.cards._terms import Card, CardTransaction


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error and status 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def command(
    commands: Any,
    name: str,
    run: Callable[[argparse.Namespace], str],
    *specs: Spec,
    **settings: Any,
) -> argparse.ArgumentParser:
    """Add the command ``name``, which runs ``run``, to ``commands`` (argparse's subcommands).

    Its flags are those of its ``parents`` and of each spec, in a group per spec;
    ``settings`` are argparse's (``parents``, ``help``, ``description``, ``epilog``),
    whose text keeps the lines it is written in.
    """
    made: argparse.ArgumentParser = commands.add_parser(
        name, formatter_class=argparse.RawDescriptionHelpFormatter, **settings
    )
    for spec in specs:
        spec.add(made)
    made.set_defaults(run=run)
    return made


def dated_spec(
    spec: str, flag: str, form: str, optional: tuple[str, ...]
) -> tuple[date, list[str]]:
    """Return a ``DATE:A:B[:C]`` flag value's date and the parts after it, or refuse it.

    ``form`` is the parts always given (``"DATE:AMOUNT"``), ``optional`` the names of
    those that may follow; the error names the flag and the forms it takes.
    """
    parts = spec.split(":")
    least = form.count(":") + 1
    if not least <= len(parts) <= least + len(optional):
        forms = [":".join([form, *optional[:k]]) for k in range(len(optional) + 1)]
        raise LoanReliefError(flag, spec, " or ".join(forms))
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        raise LoanReliefError(flag, spec, "a date YYYY-MM-DD first") from None
    return day, parts[1:]


def dated(specs: list[str], flag: str) -> list[tuple[date, str]]:
    """Return ``DATE:AMOUNT`` flags as pairs, or raise a clear error naming the flag."""
    pairs = []
    for spec in specs:
        when, _, amount = spec.partition(":")
        try:
            pairs.append((date.fromisoformat(when), amount))
        except ValueError:
            raise LoanReliefError(flag, spec, "DATE:AMOUNT, e.g. 2024-05-20:1000") from None
    return pairs


def card_move(spec: str) -> CardTransaction:
    """Read one --transaction posting, DATE:AMOUNT[:KIND]."""
    day, parts = dated_spec(spec, "--transaction", "DATE:AMOUNT", ("KIND",))
    with flags({"amount": "--transaction", "kind": "--transaction", "date": "--transaction"}):
        return CardTransaction(day, parts[0], parts[1] if len(parts) == 2 else "purchase")


# A card statement file's columns (card --statement, and a card's row in plan's debts).
CARD_STATEMENT_COLUMNS = """\
  statement_date, balance  the statement's date and balance (required)
  minimum, due_date        checked against the card's terms (an error gives both)
  interest, fees, cash     the statement's interest, unpaid fees, and cash advances
  carried                  purchases carried from statements not paid in full
  carried_interest         interest of earlier statements left unpaid
  past_due                 an earlier minimum left unpaid (in this minimum)
  payments                 paid since, DATE:AMOUNT separated by spaces or ';'\
"""

PLAN_HELP = f"""\
the debts file: one debt a row (CSV, with a header) or object (JSON, a list), as the
lender's statement shows it; empty cells and missing keys take the defaults:
  creditor                 the creditor's name (required, unique)
  as_of                    the statement's date, YYYY-MM-DD (required)
  outstanding_principal    all principal not repaid (required)
  annual_rate              the contract's annual rate, e.g. 0.24 (required)
  overdue_principal, overdue_interest, penalty, fees, days_past_due
  next_due_date, remaining_instalments, maturity, payment, due_day
  accrued_interest, total  (checked against the other figures)
  method, frequency, currency
  penalty_multiplier       penalty at this multiple of the rate (or penalty_rate)
  relief                   relief agreed with this creditor, e.g. freeze:36 (below)
  in_court                 true if the creditor has sued (the legal strategy)
  kind                     loan (the default) or card
a card's row (kind card): its statement's figures and the card's terms, the card
replayed from the statement to as_of (in arrears or current); a loan's columns stay
blank on it, and a card's on a loan's row:
{CARD_STATEMENT_COLUMNS}
  daily_rate or annual_rate  the card's daily rate or APR (one of them)
  statement_day, due_days  by default the statement date's day and its due date's
  interest_rule, periodic_rate, statement_date_counted, minimum_rule, minimum_share,
  cash_minimum_share, minimum_floor, credit_limit, late_fee_share, late_fee_min,
  late_fee_max, currency   as Card takes them (the card command's flags)
example:
  creditor,as_of,outstanding_principal,overdue_principal,days_past_due,annual_rate,\
next_due_date,remaining_instalments,penalty_multiplier,relief
  A,2024-06-20,8432.10,1810,97,0.24,2024-07-15,8,1.5,
  B,2024-06-20,5000,1200,45,0.18,2024-07-05,10,1.5,freeze:36
a card beside them (its columns added to the header):
  creditor,kind,as_of,statement_date,balance,minimum,due_date,interest,carried,daily_rate
  D,card,2024-06-20,2024-05-07,18588,2388,2024-05-27,588,18000,0.0005
  loanrelief plan --debts debts-card.csv --budget 3000
"""

STATEMENT_HELP = """\
--statement FILE: the lender's statement instead of the contract flags (--principal,
--rate, --term, --start, --paid ...; not both): a one-record .csv (a header and a row)
or .json (an object) file with the columns of plan's debts file without creditor:
as_of, outstanding_principal and annual_rate required; overdue_principal,
overdue_interest, penalty, fees, days_past_due, next_due_date, remaining_instalments,
maturity, payment, due_day, accrued_interest, total, method, frequency, currency.
--as-of is its date by default; --payment, --cost and the penalty flags apply from it.
On court, the contract flags give the loan's origin the court measures from (as
court-statement's --made, --received, --contract-rate, --term), and --rule applies to
the statement; brief takes no --rule with --statement.
  loanrelief overdue --statement statement.csv --penalty-multiplier 1.5
  loanrelief court --statement statement.json --rule china-private --principal 10000 \\
      --rate 0.36 --term 12 --start 2024-01-15
"""

STATEMENT_KEYS = (
    "outstanding_principal",
    "annual_rate",
    "overdue_principal",
    "overdue_interest",
    "penalty",
    "fees",
    "days_past_due",
    "accrued_interest",
    "total",
    "next_due_date",
    "remaining_instalments",
    "maturity",
    "payment",
    "due_day",
    "method",
    "frequency",
    "currency",
)
# A card statement's figures (card_from_statement's parameters) and a card's terms (the
# card flags' parameters, but the introductory rate: a debts file's card has none).
CARD_FIGURES = tuple(
    name
    for name in inspect.signature(card_from_statement).parameters
    if name not in {"card", "transactions", "until"}
)
_CARD_TERMS = tuple(p.name for p in CARD.params if not p.name.startswith("intro_"))
_SHARED_KEYS = {"creditor", "as_of", "kind", "relief", "in_court"}
_LOAN_KEYS = {*STATEMENT_KEYS, "penalty_multiplier", "penalty_rate"}
_CARD_KEYS = {*CARD_FIGURES, *_CARD_TERMS, "payments"}
_DEBT_KEYS = _SHARED_KEYS | _LOAN_KEYS | _CARD_KEYS
_WHOLE = {"days_past_due", "remaining_instalments", "due_day"}
_DAYS = {"as_of", "next_due_date", "maturity"}


def records(path: str, flag: str = "--debts") -> list[dict[str, str]]:
    """Read a file of records: CSV rows or a JSON list of objects, every value as text."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise LoanReliefError(flag, path, f"a file that can be read ({reason})") from None
    except UnicodeDecodeError:
        raise LoanReliefError(flag, path, "a file that can be read (UTF-8 text)") from None
    except ValueError:  # a NUL character in the path
        raise LoanReliefError(flag, path, "a file's path without a NUL character") from None
    if path.lower().endswith(".json"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            raise LoanReliefError(flag, path, f"JSON ({error.msg}, line {error.lineno})") from None
        if isinstance(loaded, dict):  # {"debts": [...]}, or one record (a statement)
            loaded = loaded.get("debts", [loaded])
        if not isinstance(loaded, list) or not all(isinstance(x, dict) for x in loaded):
            raise LoanReliefError(flag, path, "a JSON list of objects, one a record")
        return [
            {str(k): "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
             for k, v in item.items()}
            for item in loaded
        ]  # fmt: skip
    return [
        {key: value or "" for key, value in row.items() if key is not None}
        for row in csv.DictReader(io.StringIO(text))
    ]


def debt(record: dict[str, str], row: int) -> Debt:
    """Make one debt of a file's record (a loan or a card); errors name the column."""
    where = f"--debts row {row}"
    unknown = sorted(set(record) - _DEBT_KEYS)
    if unknown:
        raise LoanReliefError(where, unknown[0], "a column of the debts file (see --help)")
    given = {key: value.strip() for key, value in record.items() if value.strip()}
    if "creditor" not in given:
        raise LoanReliefError(f"{where}: creditor", None, "a value (the column is required)")
    kind = given.get("kind", "loan").lower()
    if kind not in {"loan", "card"}:
        raise LoanReliefError(f"{where}: kind", given["kind"], "loan or card")
    own = _LOAN_KEYS if kind == "loan" else _CARD_KEYS
    other = sorted(set(given) - own - _SHARED_KEYS - {"currency", "annual_rate", "fees"})
    if other:
        column = other[0]
        raise LoanReliefError(
            f"{where}: {column}", given[column], f"blank on a {kind} row (see --help)"
        )
    flag = given.get("in_court", "false").lower()
    if flag not in {"true", "false", "1", "0", "yes", "no"}:
        raise LoanReliefError(f"{where}: in_court", flag, "true or false")
    court = flag in {"true", "1", "yes"}
    if kind == "card":
        return card_debt(given, where, in_court=court)
    as_of, figures = figures_of(given, where)
    penalty = {"annual_rate": given.get("penalty_rate")}
    if "penalty_multiplier" in given:
        penalty["rate_multiplier"] = given["penalty_multiplier"]
    try:
        statement = Statement(as_of=as_of, **figures)
        policy = PenaltyPolicy(**penalty)  # type: ignore[arg-type]
        state = account_state(statement, as_of=as_of, penalty=policy)
        relief = option_levers(given["relief"]) if "relief" in given else []
        return Debt(given["creditor"], state, relief=relief, in_court=court)
    except LoanReliefError as error:
        raise type(error)(f"{where}: {error.field}", error.value, error.valid) from None


def card_debt(given: dict[str, str], where: str, *, in_court: bool) -> Debt:
    """Make a card's debt of a debts file's row: its terms and statement, to ``as_of``."""
    figures, payments = card_statement(given, where)
    terms: dict[str, Any] = {key: given[key] for key in _CARD_TERMS if key in given}
    for key in ("statement_day", "due_days"):
        if key in terms:
            try:
                terms[key] = int(terms[key])
            except ValueError:
                raise LoanReliefError(f"{where}: {key}", terms[key], "a whole number") from None
    if "statement_date_counted" in terms:
        flag = terms["statement_date_counted"].lower()
        if flag not in {"true", "false", "1", "0", "yes", "no"}:
            raise LoanReliefError(f"{where}: statement_date_counted", flag, "true or false")
        terms["statement_date_counted"] = flag in {"true", "1", "yes"}
    given_day, given_due = terms.pop("statement_day", None), terms.pop("due_days", None)
    cycle = card_cycle(figures, given_day, given_due, where)
    until = None
    if "as_of" in given:
        try:
            until = date.fromisoformat(given["as_of"])
        except ValueError:
            raise LoanReliefError(
                f"{where}: as_of", given["as_of"], "a date, YYYY-MM-DD"
            ) from None
    named = {key: f"{where}: {key}" for key in (*_CARD_TERMS, "card")}
    named["card"] = f"{where}: daily_rate"
    with flags(named):
        card = Card(statement_day=cycle[0], due_days=cycle[1], **terms)
    history = card_start(card, figures, payments, where, until_flag=f"{where}: as_of", until=until)
    try:
        relief = option_levers(given["relief"]) if "relief" in given else []
        return Debt(given["creditor"], history, relief=relief, in_court=in_court)
    except LoanReliefError as error:
        if error.field == "state":  # a card that owes nothing on its date
            raise LoanReliefError(
                f"{where}: as_of", given.get("as_of"), f"a date on which {error.valid}"
            ) from None
        raise type(error)(f"{where}: {error.field}", error.value, error.valid) from None


def statement_record(
    path: str, columns: Sequence[str], flag: str = "--statement"
) -> dict[str, str]:
    """Read a one-record statement file (CSV or JSON): its non-blank cells, by column."""
    found = records(path, flag)
    if len(found) != 1:
        raise LoanReliefError(flag, path, "a file with one statement (one row, or one object)")
    unknown = sorted(set(found[0]) - set(columns))
    if unknown:
        raise LoanReliefError(flag, unknown[0], "a statement's column (see --help)")
    return {key: value.strip() for key, value in found[0].items() if value.strip()}


def card_statement(given: dict[str, str], where: str) -> tuple[dict[str, Any], list[Any]]:
    """Return a card statement record's figures (dates parsed) and the payments after it."""
    for key in ("statement_date", "balance"):
        if key not in given:
            raise LoanReliefError(f"{where}: {key}", None, "a value (the column is required)")
    figures: dict[str, Any] = {key: given[key] for key in CARD_FIGURES if key in given}
    for key in ("statement_date", "due_date"):
        if key in figures:
            try:
                figures[key] = date.fromisoformat(figures[key])
            except ValueError:
                raise LoanReliefError(
                    f"{where}: {key}", given[key], "a date, YYYY-MM-DD"
                ) from None
    payments = []
    column = f"{where}: payments"
    for spec in given.get("payments", "").replace(";", " ").split():
        day, parts = dated_spec(spec, column, "DATE:AMOUNT", ())
        with flags({"amount": column, "date": column}):
            payments.append(CardTransaction(day, parts[0], "payment"))
    return figures, payments


def card_cycle(
    figures: dict[str, Any], statement_day: int | None, due_days: int | None, where: str
) -> tuple[int, int]:
    """Return the statement day and the days to the due date, else as the statement shows."""
    day = figures["statement_date"]
    if statement_day is None:
        if day.day > 28:  # a card's statement day is 1 to 28 (Card)
            raise LoanReliefError(f"{where}: statement_date", str(day), "a day of 1 to 28")
        statement_day = day.day
    if due_days is None:
        due_days = (figures["due_date"] - day).days if "due_date" in figures else 20
        if not 1 <= due_days <= 27:
            valid = "a date 1 to 27 days after the statement date"
            raise LoanReliefError(f"{where}: due_date", str(figures["due_date"]), valid)
    return statement_day, due_days


def card_start(
    card: Card,
    figures: dict[str, Any],
    payments: list[Any],
    where: str,
    *,
    moves: Sequence[CardTransaction] = (),
    until: date | None = None,
    until_flag: str = "--until",
) -> CardHistory:
    """Start a card from a statement's figures; errors name the column (or the flag)."""
    names = {key: f"{where}: {key}" for key in figures} | {"until": until_flag}
    names["transactions"] = "--transaction" if moves else f"{where}: payments"
    with flags(names):
        return card_from_statement(card, **figures, transactions=[*payments, *moves], until=until)


def figures_of(given: dict[str, str], where: str) -> tuple[date, dict[str, Any]]:
    """Return a statement record's date and its figures, parsed; errors name the column."""
    for key in ("as_of", "outstanding_principal", "annual_rate"):
        if key not in given:
            raise LoanReliefError(f"{where}: {key}", None, "a value (the column is required)")
    figures: dict[str, Any] = {key: given[key] for key in STATEMENT_KEYS if key in given}
    for key in (*sorted(_WHOLE), *sorted(_DAYS)):
        if key not in given:
            continue
        try:
            parsed: Any = int(given[key]) if key in _WHOLE else date.fromisoformat(given[key])
        except ValueError:
            valid = "a whole number" if key in _WHOLE else "a date, YYYY-MM-DD"
            raise LoanReliefError(f"{where}: {key}", given[key], valid) from None
        if key != "as_of":
            figures[key] = parsed
    return date.fromisoformat(given["as_of"]), figures


def loan_statement(args: argparse.Namespace) -> Statement:
    """Read a loan's --statement file (one record, the debts file's columns)."""
    given = statement_record(args.statement, (*STATEMENT_KEYS, "as_of"))
    as_of, figures = figures_of(given, "--statement")
    with flags({key: f"--statement: {key}" for key in figures} | {"as_of": "--statement: as_of"}):
        return Statement(as_of=as_of, **figures)
