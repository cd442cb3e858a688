"""The command line: ``loanrelief`` (and ``python -m loanrelief``).

Subcommands: ``demo``, ``schedule``, ``apr``, ``overdue``, ``court`` and ``compare``. Tables go to
the terminal; ``--json`` and ``--csv`` print for machines. Bad input prints one line on
standard error and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import io
import json
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from loanrelief._foundations.dates import Frequency
from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._foundations.money import exact_decimals, minor_digits
from loanrelief._foundations.output import a_file_path, csv_text
from loanrelief._foundations.progress import Progress
from loanrelief._foundations.validate import parse_enum
from loanrelief._ledger.account import EnforcementCost, Payment, account_state
from loanrelief._ledger.court import court_view
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.prepayment import prepay
from loanrelief._ledger.stated import Origin, statement_court_view
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import amortize
from loanrelief._loans.calculators import term_for_payment
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Loan, Method
from loanrelief._loans.truecost import AprConvention, apr
from loanrelief._presentation.briefs import Brief, brief
from loanrelief._presentation.display import day_named, named, named_with, text_table
from loanrelief._presentation.i18n import (
    ENVIRONMENT,
    METHOD_PHRASES,
    Language,
    format_date,
    format_rate,
    language,
    translate,
    translated,
)
from loanrelief._relief.debts import Debt, compare_strategies, plan_debts
from loanrelief._relief.evaluation import CourtAward, compare, package_label
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    ForgivePrincipal,
    FreezeInterest,
    InstallmentPlan,
    Lever,
    PaymentHoliday,
    Prepay,
    ReduceRate,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaivePenalty,
)
from loanrelief.cards._cards import (
    Card,
    CardHistory,
    CardTransaction,
    card_from_statement,
    card_instalment,
    card_statements,
    minimum_payment_horizon,
    payment_to_repay,
)
from loanrelief.law import (
    IOU,
    AnnualRateCap,
    ChinaFinancialLoans,
    ChinaPrivateLending,
    LPRFixing,
    LPRTable,
    Rule,
    TotalCostCap,
    UKHighCostShortTerm,
    rollover_view,
)

__all__ = ["main"]

_EXAMPLES = """\
examples:
  loanrelief demo
  loanrelief schedule --principal 50000 --rate 0.18 --term 24 --start 2024-01-15
  loanrelief schedule --principal 10000 --rate 0.18 --term 12 --start 2024-01-15 \\
      --method flat --csv
  loanrelief apr --principal 10000 --rate 0.18 --term 12 --start 2024-01-15 \\
      --method flat --upfront-fee 300 --fee-deducted
  loanrelief nper --principal 20000 --rate 0.12 --payment 1000 --start 2024-01-15
  loanrelief prepay --principal 500000 --rate 0.049 --term 240 --start 2020-01-01 \\
      --amount 100000 --on 2025-01-01 --keep payment
  loanrelief overdue --principal 50000 --rate 0.18 --term 24 --start 2024-01-15 \\
      --paid 2 --as-of 2024-07-01 --penalty-multiplier 1.5 --compound --day-count act/360
  loanrelief overdue --principal 20000 --rate 0.24 --term 12 --start 2024-11-10 \\
      --paid 3 --as-of 2025-06-09 --penalty-multiplier 1.5 --compound --rule china-financial
  loanrelief court --principal 20000 --rate 0.24 --term 12 --start 2024-11-10 \\
      --paid 3 --as-of 2025-06-09 --penalty-multiplier 1.5 --compound \\
      --rule china-private --lang zh
  loanrelief compare --principal 50000 --rate 0.18 --term 24 --start 2024-01-15 \\
      --paid 2 --as-of 2024-07-01 --penalty-multiplier 1.5 --option extend:12 \\
      --option capitalize+extend:12 --option plan:36 --option freeze:36 --option settle:0.6
"""

_OPTIONS_HELP = """\
options for --option (join levers with + to make a package):
  extend:N            extend the term by N periods
  plan:N              re-schedule everything into N instalments
  waive-interest:S    waive share S (0 to 1) of overdue interest
  waive-penalty:S     waive share S of the penalty
  waive-fees:S        waive share S of the fees
  rate:R              cut the rate to R (a fraction)
  holiday:N           N periods without payment, interest capitalized
  capitalize          add the arrears to the balance
  freeze:N            stop interest, repay what is owed in N instalments
                      (plan:N and freeze:N stop the contract's instalment fee;
                      plan-keep-fees:N and freeze-keep-fees:N keep it on each one)
  forbear:A           move amount A of principal to an interest-free balloon
  forgive:A           forgive amount A of principal
  settle:S            settle for share S of the payoff today
  prepay:A            pay amount A of principal now, the rest over the same term
  prepay-shorter:A    pay amount A now, the rest at about the same payment, sooner
"""

_RULES_HELP = """\
rules for --rule (what a court would allow):
  china-private       China, private lending: 4 x one-year LPR at the contract date
                      (the 24 %/36 % regime for contracts before 2020-08-20; give
                      --filed for those judged after it)
  china-financial     China, financial institutions: 24 % a year, the term's interest
                      and fees on the principal in use, charges for lateness on the
                      overdue principal from each due date (china-financial:together:
                      every charge together on the principal outstanding)
  uk-hcstc            UK high-cost short-term credit (FCA CONC 5A): 0.8 % a day,
                      GBP 15 default fees, 100 % total cost
  cap:R               every charge together at most annual rate R on the principal
  total-cost:S        every charge together at most share S of the amount received
"""

_DEFAULT_OPTIONS = (
    "extend:12",
    "capitalize+extend:12",
    "plan:36",
    "waive-interest:0.5",
    "waive-penalty:1",
    "freeze:36",
    "settle:0.6",
)


_LOAN_FLAGS = {
    "principal": "--principal",
    "annual_rate": "--rate",
    "term": "--term",
    "start": "--start",
    "method": "--method",
    "frequency": "--frequency",
    "amortization_term": "--amortization-term",
    "upfront_fee": "--upfront-fee",
    "fee_deducted": "--fee-deducted",
    "installment_fee": "--installment-fee",
    "currency": "--currency",
    "interest_basis": "--interest-basis",
    "day_count": "--loan-day-count",
}
_PENALTY_FLAGS = {
    "annual_rate": "--penalty-rate",
    "rate_multiplier": "--penalty-multiplier",
    "day_count": "--day-count",
    "grace_days": "--grace-days",
    "late_fee": "--late-fee",
}
_STATE_FLAGS = {
    "as_of": "--as-of",
    "on": "--lpr",
    "filed": "--filed",
    "loan.currency": "--currency",
    "costs": "--cost",
    "payments": "--payment",
    "loan": "--term",
    "late_fee": "--late-fee",
    "penalty": "--penalty-rate",
    "accrual": "--accrual",
}
# A schedule has no APR when its fees take all that was lent (no money out).
_APR_FLAGS = {"flows": "--upfront-fee", "amounts": "--upfront-fee", "start": "--start"}
_COMPARE_FLAGS = {
    "discount_rate": "--discount-rate",
    "options": "--option",
    "option": "--option",
    "levers": "--option",
    "state": "--as-of",
}


@contextlib.contextmanager
def _flags(flags: dict[str, str]) -> Iterator[None]:
    """Re-raise a library error about a field as one about the command-line flag for it.

    The user typed ``--rate 18``, not ``annual_rate='18'``: the message names the flag.
    """
    try:
        yield
    except LoanReliefError as error:
        root = error.field.split("[", 1)[0].split(".", 1)[0]
        flag = flags.get(root)
        if flag is None:
            raise
        raise type(error)(flag, error.value, error.valid) from None


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error and status 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _loan_arguments(*, term: bool = True, stated: bool = False) -> _Parser:
    """Return the contract's flags; with ``stated``, ``--statement`` may stand for them."""
    shared = _Parser(add_help=False)
    group = shared.add_argument_group("loan")
    needed = not stated  # else checked by the command (_loan): --statement or the flags
    also = " (or --statement)" if stated else ""
    group.add_argument("--principal", required=needed, help="amount lent, e.g. 50000" + also)
    group.add_argument("--rate", required=needed, help="annual rate as a fraction, e.g. 0.18")
    if term:
        group.add_argument("--term", required=needed, type=int, help="number of instalments")
    else:  # found by the command: any valid term stands in while the loan is built
        shared.set_defaults(term=1)
    group.add_argument(
        "--start",
        type=_date,
        required=needed,
        help="date the money is advanced, YYYY-MM-DD (required: due dates follow it)",
    )
    group.add_argument(
        "--method",
        default="annuity",
        help=", ".join(m.value for m in Method) + " (default annuity)",
    )
    group.add_argument(
        "--frequency",
        default="monthly",
        help=", ".join(f.value for f in Frequency) + " (default monthly)",
    )
    group.add_argument(
        "--amortization-term",
        type=int,
        default=None,
        help="for balloon loans: periods the payment is computed over",
    )
    group.add_argument("--upfront-fee", default="0", help="fee charged when the loan is made")
    group.add_argument(
        "--fee-deducted",
        action="store_true",
        help="the upfront fee is withheld from the money paid out",
    )
    group.add_argument("--installment-fee", default="0", help="fee with every instalment")
    group.add_argument("--currency", default=None, help="ISO 4217 code, e.g. CNY, JPY")
    group.add_argument(
        "--interest-basis",
        default="periodic",
        help="periodic (rate / periods a year) or day_count (by the days of each period)",
    )
    group.add_argument(
        "--loan-day-count",
        default="act/365",
        help="the loan's day count: " + ", ".join(count.value for count in DayCount),
    )
    return shared


def _output_arguments() -> _Parser:
    shared = _Parser(add_help=False)
    formats = shared.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print JSON")
    formats.add_argument("--csv", action="store_true", help="print CSV")
    return shared


def _overdue_arguments() -> _Parser:
    shared = _Parser(add_help=False)
    group = shared.add_argument_group("overdue account")
    group.add_argument(
        "--statement",
        default=None,
        metavar="FILE",
        help="the lender's statement instead of the contract flags: a one-record .csv or "
        ".json file with the columns of plan's debts file (without creditor)",
    )
    group.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="date of the state, YYYY-MM-DD (required; with --statement, its date by default)",
    )
    group.add_argument(
        "--paid", type=int, default=0, help="the first N instalments were paid on their due dates"
    )
    group.add_argument(
        "--payment",
        action="append",
        default=[],
        metavar="DATE:AMOUNT",
        help="a further payment, e.g. 2024-05-20:1000 (repeatable)",
    )
    rates = group.add_mutually_exclusive_group()
    rates.add_argument("--penalty-rate", default=None, help="penalty interest, annual fraction")
    rates.add_argument(
        "--penalty-multiplier",
        default=None,
        help="penalty interest as a multiple of the contract rate, e.g. 1.5",
    )
    group.add_argument(
        "--compound", action="store_true", help="penalty rate also on unpaid interest (复利)"
    )
    group.add_argument(
        "--day-count",
        default="act/365",
        help="penalty day count: "
        + ", ".join(count.value for count in DayCount if count is not DayCount.ACT_ACT_ICMA),
    )
    group.add_argument(
        "--accrual",
        default="scheduled",
        help="contract interest: scheduled, or 'us rule' (simple interest by day on the"
        " unpaid principal; needs --interest-basis day_count)",
    )
    group.add_argument("--grace-days", type=int, default=0, help="days of grace")
    group.add_argument("--late-fee", default="0", help="flat fee per missed instalment")
    group.add_argument(
        "--cost",
        action="append",
        default=[],
        metavar="DATE:AMOUNT",
        help="an enforcement cost charged to the account (repeatable)",
    )
    law = shared.add_argument_group("legal rule")
    law.add_argument("--rule", default=None, metavar="RULE", help="a legal rule (see below)")
    law.add_argument(
        "--filed", type=_date, default=None, help="date the case was filed, YYYY-MM-DD"
    )
    law.add_argument(
        "--lpr",
        action="append",
        default=[],
        metavar="DATE:RATE",
        help="a one-year LPR fixing newer than the table's, in force through --as-of (repeatable)",
    )
    return shared


def _parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - one parser, every command
    parser = _Parser(
        prog="loanrelief",
        description="Exact repayment math for loans, overdue accounts and relief options.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from loanrelief import __version__  # noqa: PLC0415 - the package imports this module's peers

    parser.add_argument("--version", action="version", version=f"loanrelief {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    loan, output, overdue = _loan_arguments(), _output_arguments(), _overdue_arguments()
    stated_loan = _loan_arguments(stated=True)  # --statement may stand for the contract
    raw = argparse.RawDescriptionHelpFormatter
    demo = commands.add_parser(
        "demo",
        help="print a schedule and what each method costs",
        description="Print the schedule of a loan and compare what each repayment method costs.",
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    demo.add_argument("--principal", default="50000", help="amount lent (default 50000)")
    demo.add_argument("--rate", default="0.18", help="annual rate (default 0.18)")
    demo.add_argument("--term", default=24, type=int, help="monthly instalments (default 24)")
    demo.add_argument("--start", type=_date, default=date(2024, 1, 15), help="YYYY-MM-DD")
    demo.add_argument("--method", default="annuity", help="method of the schedule shown")
    demo.add_argument("--currency", default=None, help="ISO 4217 code, e.g. CNY, JPY")
    commands.add_parser(
        "schedule",
        parents=[loan, output],
        help="print a repayment schedule",
        description="Print the repayment schedule of a loan.",
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    fit = commands.add_parser(
        "nper",
        parents=[_loan_arguments(term=False), output],
        help="how many instalments a payment needs",
        description="Find the fewest instalments whose every payment is at most --payment, "
        "in exact cents on the loan's dates, and print that schedule.",
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    fit.add_argument(
        "--payment", required=True, help="the most that can be paid per instalment, e.g. 1000"
    )
    early = commands.add_parser(
        "prepay",
        parents=[loan, output],
        help="prepay part of a loan: lower the payment or shorten the term",
        description="Prepay principal on a date and print the new schedule and what it "
        "saves (--keep term: lower the payment; --keep payment: shorten the term).",
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    early.add_argument("--amount", required=True, help="principal prepaid, e.g. 100000")
    early.add_argument("--on", type=_date, required=True, help="date of the prepayment")
    early.add_argument("--keep", default="term", help="term (default) or payment")
    early.add_argument("--fee", default="0", help="a prepayment fee (amount)")
    early.add_argument("--fee-rate", default="0", help="a prepayment fee, share of the amount")
    rate = commands.add_parser(
        "apr",
        parents=[loan, output],
        help="the annual percentage rate by each authority's rule",
        description="Print the APR of a loan, fees included, by the US, EU and Chinese rules.",
        epilog=_EXAMPLES,
        formatter_class=raw,
    )
    rate.add_argument(
        "--convention", default=None, help="us, eu, cn or cn_effective (default: all four)"
    )
    commands.add_parser(
        "overdue",
        parents=[stated_loan, overdue, output],
        help="the state of an overdue account on a date",
        description="Replay the payments of a loan to a date and print what is owed.",
        epilog=_RULES_HELP + "\n" + _STATEMENT_HELP + "\n" + _EXAMPLES,
        formatter_class=raw,
    )
    commands.add_parser(
        "court",
        parents=[stated_loan, overdue, output],
        help="what a court would allow under a legal rule",
        description="Set what the contract claims beside what a legal rule allows, "
        "line by line, with the article that decides each line (--rule required).",
        epilog=_RULES_HELP + "\n" + _STATEMENT_HELP + "\n" + _EXAMPLES,
        formatter_class=raw,
    )
    stated = commands.add_parser(
        "court-statement",
        parents=[output],
        help="what a court would allow of a lender's statement, from the loan's origin",
        description="Hold a lender's statement (a one-record CSV or JSON file with the "
        "columns of the debts file, without creditor) within a legal rule, from what the "
        "borrower knows of the loan's origin; every assumption is printed.",
        epilog=_RULES_HELP + "\n" + _EXAMPLES,
        formatter_class=raw,
    )
    stated.add_argument("--statement", required=True, metavar="FILE", help="the statement")
    stated.add_argument("--made", type=_date, required=True, help="date the loan was made")
    stated.add_argument("--received", required=True, help="amount actually received")
    stated.add_argument("--contract-rate", required=True, help="the contract's annual rate")
    stated.add_argument("--term", type=int, required=True, help="instalments the contract set")
    stated.add_argument("--written", default=None, help="principal written, if more was withheld")
    stated.add_argument("--upfront-fee", default="0", help="a fee paid apart at the start")
    stated.add_argument(
        "--paid-installments", type=int, default=None, help="instalments paid on their due dates"
    )
    stated.add_argument("--rule", required=True, metavar="RULE", help="a legal rule")
    stated.add_argument("--filed", type=_date, default=None, help="date the case was filed")
    stated.add_argument("--lpr", action="append", default=[], metavar="DATE:RATE", help="an LPR")
    chain = commands.add_parser(
        "rollover",
        parents=[output],
        help="a chain of rolled-over IOUs: the principal a court recognises",
        description="Follow a chain of IOUs, each written when accounts were settled with "
        "the interest rolled into principal (借新还旧), and print the principal a court "
        "recognises of each and the enforceable claim (Provisions on Private Lending art. 27).",
        epilog=_RULES_HELP + "\n" + _EXAMPLES,
        formatter_class=raw,
    )
    chain.add_argument(
        "--iou",
        action="append",
        default=[],
        required=True,
        metavar="DATE:AMOUNT:RATE[:NEW]",
        help="an IOU, oldest first: date written, amount written, annual rate, and the cash "
        "actually handed over with it (the first: the amount; later: 0) (repeatable)",
    )
    chain.add_argument("--as-of", type=_date, required=True, help="date of the claim")
    chain.add_argument("--rule", default="china-private", metavar="RULE", help="a legal rule")
    chain.add_argument("--filed", type=_date, default=None, help="date the case was filed")
    chain.add_argument(
        "--lpr", action="append", default=[], metavar="DATE:RATE", help="an LPR fixing"
    )
    options = commands.add_parser(
        "compare",
        parents=[stated_loan, overdue, output],
        help="compare relief options",
        description="Compare relief options on an overdue account.",
        epilog=_OPTIONS_HELP + "\n" + _RULES_HELP + "\n" + _STATEMENT_HELP + "\n" + _EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="SPEC",
        help="a relief option (see below; repeatable)",
    )
    options.add_argument(
        "--discount-rate",
        default=None,
        help="the borrower's discount rate (default: the contract rate)",
    )
    cards = commands.add_parser(
        "card",
        help="a credit card: statements, the minimum-payment horizon, an instalment offer",
        description="Credit cards: replay transactions into statements (--transaction), "
        "how long paying only the minimum takes (--balance), or the true rate of an "
        "instalment offer (--instalments).",
        epilog=_CARD_HELP,
        formatter_class=raw,
        parents=[output],
    )
    cards.add_argument(
        "--statement",
        default=None,
        metavar="FILE",
        help="start from the card's statement: a one-record .csv or .json file (below)",
    )
    cards.add_argument(
        "--statement-day",
        type=int,
        default=None,
        help="statement day (1; with --statement, its date's day)",
    )
    cards.add_argument(
        "--due-days",
        type=int,
        default=None,
        help="days to the due date (20; with --statement, from its due date)",
    )
    cards.add_argument("--daily-rate", default=None, help="daily rate, e.g. 0.0005")
    cards.add_argument("--apr", default=None, help="or an APR, charged by --periodic-rate")
    cards.add_argument(
        "--periodic-rate",
        default="apr/365",
        help="the issuer's rate: apr/365 or apr/360 a day, apr/12 on the average daily balance",
    )
    cards.add_argument(
        "--count-statement-date",
        action="store_true",
        help="the statement date's balance bears interest on that statement (US cycles)",
    )
    cards.add_argument("--rule", default="full balance", help="full balance or unpaid part")
    cards.add_argument("--minimum-share", default="0.1", help="minimum: share of purchases")
    cards.add_argument(
        "--cash-minimum-share", default=None, help="minimum: share of cash advances (as purchases)"
    )
    cards.add_argument("--credit-limit", default=None, help="the credit limit (none)")
    cards.add_argument(
        "--intro-apr", default=None, help="an introductory APR on purchases (with --intro-until)"
    )
    cards.add_argument(
        "--intro-until", type=_date, default=None, help="the introductory rate's last day"
    )
    cards.add_argument("--minimum-floor", default="0", help="the least minimum payment")
    cards.add_argument(
        "--minimum-rule",
        default="share plus charges",
        help="the minimum: 'share plus charges' (of principal) or 'share of balance'",
    )
    cards.add_argument(
        "--late-fee-share", default="0", help="late fee: share of the unpaid minimum"
    )
    cards.add_argument("--late-fee-min", default="0", help="the late fee's floor")
    cards.add_argument("--late-fee-max", default=None, help="the late fee's cap")
    cards.add_argument("--currency", default=None, help="ISO 4217 code")
    cards.add_argument(
        "--transaction",
        action="append",
        default=[],
        metavar="DATE:AMOUNT[:KIND]",
        help="a posting (kind purchase, cash, fee or payment; repeatable)",
    )
    cards.add_argument("--until", type=_date, default=None, help="replay to this date")
    cards.add_argument("--balance", default=None, help="repay this balance from --start")
    cards.add_argument("--start", type=_date, default=None, help="a statement date")
    cards.add_argument("--payment", default=None, help="a fixed payment to set beside the minimum")
    cards.add_argument("--instalments", type=int, default=None, help="an instalment offer's count")
    cards.add_argument("--amount", default=None, help="the amount put on instalments")
    cards.add_argument("--fee-rate", default=None, help="the offer's monthly fee rate")
    cards.add_argument(
        "--court",
        action="store_true",
        help="with --transaction: what China's financial-loan rule (24 %%) allows",
    )
    cards.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="SPEC",
        help="with --transaction, a card in arrears: compare relief options (as compare)",
    )
    cards.add_argument(
        "--court-on",
        type=_date,
        default=None,
        metavar="DATE",
        help="with --option: measure the options against what a court would award on DATE "
        "(China's financial-loan rule), not against paying what the card claims now",
    )
    debts = commands.add_parser(
        "plan",
        parents=[output],
        help="several debts, one budget: a month-by-month plan per creditor",
        description="Read debts from a CSV or JSON file (one statement each) and plan a "
        "monthly budget across them by a strategy.",
        epilog=_PLAN_HELP + "\n" + _OPTIONS_HELP,
        formatter_class=raw,
    )
    debts.add_argument("--debts", required=True, help="a .csv or .json file of debts")
    debts.add_argument("--budget", required=True, help="what can be paid each month in all")
    debts.add_argument(
        "--strategy",
        default="least cost",
        help="avalanche, snowball, legal, pro rata, least cost (default), debt management "
        "(each creditor its share every month, interest frozen), or all",
    )
    debts.add_argument("--start", type=_date, default=None, help="first payment day")
    debts.add_argument("--max-months", type=int, default=360, help="longest plan (360)")
    debts.add_argument("--discount-rate", default="0", help="for the present value (0)")
    book = commands.add_parser(
        "portfolio",
        help="many accounts from a CSV file: their states, or relief options on each",
        description="Read overdue accounts from a CSV file (one a row) and give each "
        "account's state on its date (loanrelief.batch.overdue_states), or with --option "
        "each option on every account (loanrelief.batch.compare_levers): totals as a "
        "table, every account with --csv or --json.",
        epilog=_PORTFOLIO_HELP + "\n" + _OPTIONS_HELP,
        formatter_class=raw,
        parents=[output],
    )
    book.add_argument("--accounts", required=True, help="a .csv file of accounts (below)")
    book.add_argument("--method", default="annuity", help="repayment method of every loan")
    book.add_argument("--frequency", default="monthly", help="payment frequency (monthly)")
    book.add_argument("--currency", default=None, help="ISO 4217 code of every account")
    book.add_argument("--penalty-rate", default=None, help="penalty interest, annual fraction")
    book.add_argument(
        "--penalty-multiplier", default=None, help="penalty as a multiple of the rate"
    )
    book.add_argument("--compound", action="store_true", help="penalty on overdue interest too")
    book.add_argument("--day-count", default="act/365", help="penalty day count (act/365)")
    book.add_argument("--grace-days", type=int, default=0, help="days before penalty starts")
    book.add_argument("--late-fee", default="0", help="a fixed fee per missed instalment")
    book.add_argument("--option", action="append", default=[], metavar="SPEC",
                      help="a relief option to measure on every account (repeatable)")  # fmt: skip
    book.add_argument("--block-size", type=int, default=10_000, help="accounts per block")
    book.add_argument("--progress", action="store_true", help="a progress bar on stderr")
    paper = commands.add_parser(
        "brief",
        parents=[stated_loan, overdue],
        help="a negotiation brief to send the lender (HTML or Markdown, en or zh)",
        description="Write a negotiation brief for an overdue loan: what is owed and what "
        "delay adds, what the law allows (--rule), the options side by side, the plan "
        "for a budget (--budget), and a draft request to the lender. Markdown on the "
        "terminal, or a file with --output (.html: a page that prints on A4; .md).",
        epilog=_OPTIONS_HELP + "\n" + _RULES_HELP + "\n" + _STATEMENT_HELP + "\n" + _BRIEF_HELP,
        formatter_class=raw,
    )
    paper.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="SPEC",
        help="a relief option (as compare; default: seven common ones)",
    )
    paper.add_argument(
        "--budget",
        default=None,
        help="what the borrower can pay each month: it chooses the plan, and is not "
        "written on the page",
    )
    paper.add_argument(
        "--lender",
        default=None,
        help="who the brief is addressed to, for its words: private, financial_institution, "
        "local_financial_organisation or card_issuer (default: from --rule)",
    )
    paper.add_argument("--discount-rate", default=None, help="the borrower's discount rate")
    for command in (paper, cards, debts):
        command.add_argument(
            "--output" if command is paper else "--brief",
            default=None,
            metavar="FILE",
            help="write the negotiation brief to FILE (.html or .md)"
            + ("" if command is paper else "; with --option and --budget for a card"),
        )
        command.add_argument("--no-charts", action="store_true", help="a brief without charts")
    cards.add_argument("--budget", default=None, help="with --brief: the monthly budget")
    debts.add_argument(
        "--letters",
        default=None,
        metavar="DIR",
        help="write each creditor's letter to its own file in DIR (a folder that exists): "
        "only that creditor's figures, never the budget or the other creditors",
    )
    for command in commands.choices.values():
        command.add_argument(
            "--lang",
            default=None,
            help="language of the text: en or zh (default: LOANRELIEF_LANG, else en)",
        )
    return parser


_PORTFOLIO_HELP = """\
the accounts file: CSV, one account a row, with a header:
  principal, annual_rate, term, start, as_of   (required; dates YYYY-MM-DD)
  paid                 instalments paid on their due dates (0)
  amortization_term    for balloon loans
  installment_fee      a fee due with every instalment (0); plan:N and freeze:N
                       stop it, plan-keep-fees:N and freeze-keep-fees:N keep it
  id                   the account's name in the output (its row number by default)
examples:
  loanrelief portfolio --accounts accounts.csv --penalty-multiplier 1.5 --progress
  loanrelief portfolio --accounts accounts.csv --option freeze:36 --option settle:0.6 --csv
"""

_BRIEF_HELP = """\
examples:
  loanrelief brief --principal 50000 --rate 0.18 --term 24 --start 2024-01-15 --paid 2 \\
      --as-of 2024-07-01 --penalty-multiplier 1.5 --rule china-private --budget 2200 \\
      --lang zh --output brief.html
  loanrelief plan --debts debts.csv --budget 3000 --brief brief.html --lang zh
  loanrelief card --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20 --budget 800 --brief card.html
"""

# A card statement file's columns (card --statement, and a card's row in plan's debts).
_CARD_STATEMENT_COLUMNS = """\
  statement_date, balance  the statement's date and balance (required)
  minimum, due_date        checked against the card's terms (an error gives both)
  interest, fees, cash     the statement's interest, unpaid fees, and cash advances
  carried                  purchases carried from statements not paid in full
  carried_interest         interest of earlier statements left unpaid
  past_due                 an earlier minimum left unpaid (in this minimum)
  payments                 paid since, DATE:AMOUNT separated by spaces or ';'\
"""

_CARD_HELP = f"""\
examples:
  loanrelief card --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:20000 --transaction 2024-04-25:2000:payment --until 2024-05-07
  loanrelief card --statement-day 1 --apr 0.2199 --minimum-share 0.01 --minimum-floor 25 \\
      --balance 3000 --start 2024-01-01
  loanrelief card --instalments 12 --amount 10000 --fee-rate 0.006
  loanrelief card --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20 --court
  loanrelief card --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20 --option freeze:60 --option settle:0.6
  loanrelief card --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-06-20 --option freeze:60 \\
      --court-on 2024-12-20
  loanrelief card --statement card-statement.csv --daily-rate 0.0005 --late-fee-share 0.05 \\
      --until 2024-09-07
--statement FILE: start from the card's statement, a one-record .csv or .json file:
{_CARD_STATEMENT_COLUMNS}
The card's terms come from the flags (--statement-day and --due-days by default from
the statement's dates); --transaction adds postings after it; --until replays on.
"""

_CARD_FLAGS = {
    "statement_day": "--statement-day",
    "due_days": "--due-days",
    "daily_rate": "--daily-rate",
    "annual_rate": "--apr",
    "interest_rule": "--rule",
    "periodic_rate": "--periodic-rate",
    "statement_date_counted": "--count-statement-date",
    "minimum_share": "--minimum-share",
    "cash_minimum_share": "--cash-minimum-share",
    "credit_limit": "--credit-limit",
    "intro_annual_rate": "--intro-apr",
    "intro_until": "--intro-until",
    "minimum_floor": "--minimum-floor",
    "minimum_rule": "--minimum-rule",
    "late_fee_share": "--late-fee-share",
    "late_fee_min": "--late-fee-min",
    "late_fee_max": "--late-fee-max",
    "currency": "--currency",
    "transactions": "--transaction",
    "until": "--until",
    "balance": "--balance",
    "start": "--start",
    "payment": "--payment",
    "card": "--daily-rate",
    "history": "--transaction",
    "options": "--option",
    "option": "--option",
    "levers": "--option",
    "amount": "--amount",
    "count": "--instalments",
    "monthly_fee_rate": "--fee-rate",
}


def _card(args: argparse.Namespace) -> str:
    if args.instalments is not None:
        return _card_offer(args)
    stated = None
    day = 1 if args.statement_day is None else args.statement_day
    due = 20 if args.due_days is None else args.due_days
    if args.statement is not None:
        for flag, value in (("--balance", args.balance), ("--start", args.start)):
            if value is not None:
                raise LoanReliefError(
                    "--statement", args.statement, f"--statement or {flag}, not both"
                )
        given = _statement_record(args.statement, (*_CARD_FIGURES, "payments"))
        stated = _card_statement(given, "--statement")
        day, due = _card_cycle(stated[0], args.statement_day, args.due_days, "--statement")
    with _flags(_CARD_FLAGS):
        card = Card(
            statement_day=day,
            due_days=due,
            daily_rate=args.daily_rate,
            annual_rate=args.apr,
            interest_rule=args.rule,
            periodic_rate=args.periodic_rate,
            statement_date_counted=args.count_statement_date,
            minimum_share=args.minimum_share,
            cash_minimum_share=args.cash_minimum_share,
            credit_limit=args.credit_limit,
            intro_annual_rate=args.intro_apr,
            intro_until=args.intro_until,
            minimum_floor=args.minimum_floor,
            minimum_rule=args.minimum_rule,
            late_fee_share=args.late_fee_share,
            late_fee_min=args.late_fee_min,
            late_fee_max=args.late_fee_max,
            currency=args.currency,
        )
        if args.balance is not None:
            return _card_horizon(args, card)
        if stated is not None:
            moves = [_card_move(spec) for spec in args.transaction]
            figures, payments = stated
            history = _card_start(
                card, figures, payments, "--statement", moves=moves, until=args.until
            )
        else:
            moves = _card_moves(args)
            until = args.until or max(move.date for move in moves)
            history = card_statements(card, moves, until=until)
        if args.brief is not None:
            options = [_option(spec) for spec in args.option] or None
            view = history.court_view()
            return _write_brief(args, args.brief, history.account(), options, court=view)
        if args.court:
            view = history.court_view()
            lines = [[name, value] for name, value in view._summary()]
            return _emit(args, ["", "amount"], lines, view.to_text(chosen_language()))
        if args.court_on is not None and not args.option:
            raise LoanReliefError(
                "--court-on", str(args.court_on), "with --option: the options to measure"
            )
        if args.option:
            return _card_options(args, history)
    header = [
        "number",
        "date",
        "due_date",
        "balance",
        "interest",
        "minimum",
        "paid_by_due",
        "late_fee",
    ]
    rows = [
        [s.number, s.date, s.due_date, s.balance, s.interest, s.minimum, s.paid_by_due, s.late_fee]
        for s in history.statements
    ]
    return _emit(args, header, rows, history.to_text(chosen_language()))


def _card_offer(args: argparse.Namespace) -> str:
    """Print an instalment offer's payments and true rate."""
    if args.amount is None or args.fee_rate is None:
        raise LoanReliefError(
            "--amount", args.amount, "--amount and --fee-rate with --instalments"
        )
    with _flags(_CARD_FLAGS):
        offer = card_instalment(
            args.amount, args.instalments, args.fee_rate, currency=args.currency
        )
    header = ["number", "payment"]
    rows = [[k + 1, amount] for k, amount in enumerate(offer.payments)]
    lang = chosen_language()
    text = "\n".join(
        [
            translate(
                "{count} instalments of {payment} (fees {fees})",
                lang,
                count=args.instalments,
                payment=f"{offer.payments[0]:,}",
                fees=f"{offer.total_fee:,}",
            ),
            translate(
                "quoted {quoted} a year; true rate {nominal} (IRR x 12), {effective} effective",
                lang,
                quoted=format_rate(offer.quoted_rate, lang),
                nominal=format_rate(offer.nominal_rate, lang),
                effective=format_rate(offer.effective_rate, lang),
            ),
        ]
    )
    return _emit(args, header, rows, text)


def _card_horizon(args: argparse.Namespace, card: Card) -> str:
    """Print the minimum-payment horizon beside the 36-month payment (and --payment)."""
    if args.start is None:
        raise LoanReliefError("--start", None, "a statement date with --balance")
    slow = minimum_payment_horizon(card, args.balance, start=args.start)
    in_36 = payment_to_repay(card, args.balance, start=args.start)
    lang = chosen_language()
    plans = [("minimum", slow), ("36 months", minimum_payment_horizon(
        card, args.balance, start=args.start, payment=in_36))]  # fmt: skip
    if args.payment is not None:
        fixed = minimum_payment_horizon(card, args.balance, start=args.start, payment=args.payment)
        plans.append((f"{fixed.payment:,} a month", fixed))
    header = ["paying", "months", "total_paid", "interest", "fees"]
    rows = [[name, h.months, h.total_paid, h.total_interest, h.total_fees] for name, h in plans]
    names = [  # the table's names in the language (JSON and CSV keep the English)
        translate("minimum", lang),
        translate("{months} months", lang, months=36),
        *(translate("{amount} a month", lang, amount=f"{h.payment:,}") for _, h in plans[2:]),
    ]
    shown = [[name, *row[1:]] for name, row in zip(names, rows, strict=True)]
    takes = translate(
        "{months} months takes {payment} a month", lang, months=36, payment=f"{in_36:,}"
    )
    return _emit(args, header, rows, _table(header, shown) + "\n" + takes)


def _card_moves(args: argparse.Namespace) -> list[CardTransaction]:
    """Read the --transaction postings."""
    if not args.transaction:
        raise LoanReliefError(
            "--transaction", None, "transactions, --balance, or --instalments (see --help)"
        )
    return [_card_move(spec) for spec in args.transaction]


def _card_move(spec: str) -> CardTransaction:
    """Read one --transaction posting, DATE:AMOUNT[:KIND]."""
    day, parts = _dated_spec(spec, "--transaction", "DATE:AMOUNT", ("KIND",))
    with _flags({"amount": "--transaction", "kind": "--transaction", "date": "--transaction"}):
        return CardTransaction(day, parts[0], parts[1] if len(parts) == 2 else "purchase")


def _dated_spec(
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


def _card_options(args: argparse.Namespace, history: CardHistory) -> str:
    """Compare relief options on a card in arrears with paying now or a court's award."""
    baseline = None
    if args.court_on is not None:
        if args.court_on < history.until:
            raise LoanReliefError(
                "--court-on", str(args.court_on), f"a date on or after {history.until}"
            )
        baseline = CourtAward(args.court_on, ChinaFinancialLoans())
    table = _compared(history.account(), args.option, baseline=baseline)
    return _emit(args, *_outcome_rows(table), table.to_text(chosen_language()))


_PLAN_HELP = f"""\
the debts file: one debt a row (CSV, with a header) or object (JSON, a list), as the
lender's statement shows it; empty cells and missing keys take the defaults:
  creditor                 the creditor's name (required, unique)
  as_of                    the statement's date, YYYY-MM-DD (required)
  outstanding_principal    all principal not repaid (required)
  annual_rate              the contract's annual rate, e.g. 0.24 (required)
  overdue_principal, overdue_interest, penalty, fees, days_past_due
  next_due_date, remaining_installments, maturity, payment, due_day
  accrued_interest, total  (checked against the other figures)
  method, frequency, currency
  penalty_multiplier       penalty at this multiple of the rate (or penalty_rate)
  relief                   relief agreed with this creditor, e.g. freeze:36 (below)
  in_court                 true if the creditor has sued (the legal strategy)
  kind                     loan (the default) or card
a card's row (kind card): its statement's figures and the card's terms, the card
replayed from the statement to as_of (in arrears or current); a loan's columns stay
blank on it, and a card's on a loan's row:
{_CARD_STATEMENT_COLUMNS}
  daily_rate or annual_rate  the card's daily rate or APR (one of them)
  statement_day, due_days  by default the statement date's day and its due date's
  interest_rule, periodic_rate, statement_date_counted, minimum_rule, minimum_share,
  cash_minimum_share, minimum_floor, credit_limit, late_fee_share, late_fee_min,
  late_fee_max, currency   as Card takes them (the card command's flags)
example:
  creditor,as_of,outstanding_principal,overdue_principal,days_past_due,annual_rate,\
next_due_date,remaining_installments,penalty_multiplier,relief
  A,2024-06-20,8432.10,1810,97,0.24,2024-07-15,8,1.5,
  B,2024-06-20,5000,1200,45,0.18,2024-07-05,10,1.5,freeze:36
a card beside them (its columns added to the header):
  creditor,kind,as_of,statement_date,balance,minimum,due_date,interest,carried,daily_rate
  D,card,2024-06-20,2024-05-07,18588,2388,2024-05-27,588,18000,0.0005
  loanrelief plan --debts debts-card.csv --budget 3000
"""

_STATEMENT_HELP = """\
--statement FILE: the lender's statement instead of the contract flags (--principal,
--rate, --term, --start, --paid ...; not both): a one-record .csv (a header and a row)
or .json (an object) file with the columns of plan's debts file without creditor:
as_of, outstanding_principal and annual_rate required; overdue_principal,
overdue_interest, penalty, fees, days_past_due, next_due_date, remaining_installments,
maturity, payment, due_day, accrued_interest, total, method, frequency, currency.
--as-of is its date by default; --payment, --cost and the penalty flags apply from it.
On court, the contract flags give the loan's origin the court measures from (as
court-statement's --made, --received, --contract-rate, --term), and --rule applies to
the statement; brief takes no --rule with --statement.
  loanrelief overdue --statement statement.csv --penalty-multiplier 1.5
  loanrelief court --statement statement.json --rule china-private --principal 10000 \\
      --rate 0.36 --term 12 --start 2024-01-15
"""

_STATEMENT_KEYS = (
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
    "remaining_installments",
    "maturity",
    "payment",
    "due_day",
    "method",
    "frequency",
    "currency",
)
# A card statement's figures (card_from_statement's) and a card's terms (Card's).
_CARD_FIGURES = ("statement_date", "balance", "minimum", "due_date", "interest", "fees",
                 "cash", "carried", "carried_interest", "past_due")  # fmt: skip
_CARD_TERMS = ("statement_day", "due_days", "daily_rate", "annual_rate", "interest_rule",
               "periodic_rate", "statement_date_counted", "minimum_rule", "minimum_share",
               "cash_minimum_share", "minimum_floor", "credit_limit", "late_fee_share",
               "late_fee_min", "late_fee_max", "currency")  # fmt: skip
_SHARED_KEYS = {"creditor", "as_of", "kind", "relief", "in_court"}
_LOAN_KEYS = {*_STATEMENT_KEYS, "penalty_multiplier", "penalty_rate"}
_CARD_KEYS = {*_CARD_FIGURES, *_CARD_TERMS, "payments"}
_DEBT_KEYS = _SHARED_KEYS | _LOAN_KEYS | _CARD_KEYS
_WHOLE = {"days_past_due", "remaining_installments", "due_day"}
_DAYS = {"as_of", "next_due_date", "maturity"}


def _records(path: str, flag: str = "--debts") -> list[dict[str, str]]:
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


def _debt(record: dict[str, str], row: int) -> Debt:
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
        return _card_debt(given, where, in_court=court)
    as_of, figures = _figures(given, where)
    penalty = {"annual_rate": given.get("penalty_rate")}
    if "penalty_multiplier" in given:
        penalty["rate_multiplier"] = given["penalty_multiplier"]
    try:
        statement = Statement(as_of=as_of, **figures)
        policy = PenaltyPolicy(**penalty)  # type: ignore[arg-type]
        state = account_state(statement, as_of=as_of, penalty=policy)
        relief = _option(given["relief"]) if "relief" in given else []
        return Debt(given["creditor"], state, relief=relief, in_court=court)
    except LoanReliefError as error:
        raise type(error)(f"{where}: {error.field}", error.value, error.valid) from None


def _card_debt(given: dict[str, str], where: str, *, in_court: bool) -> Debt:
    """Make a card's debt of a debts file's row: its terms and statement, to ``as_of``."""
    figures, payments = _card_statement(given, where)
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
    cycle = _card_cycle(figures, given_day, given_due, where)
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
    with _flags(named):
        card = Card(statement_day=cycle[0], due_days=cycle[1], **terms)
    history = _card_start(
        card, figures, payments, where, until_flag=f"{where}: as_of", until=until
    )
    try:
        relief = _option(given["relief"]) if "relief" in given else []
        return Debt(given["creditor"], history, relief=relief, in_court=in_court)
    except LoanReliefError as error:
        if error.field == "state":  # a card that owes nothing on its date
            raise LoanReliefError(
                f"{where}: as_of", given.get("as_of"), f"a date on which {error.valid}"
            ) from None
        raise type(error)(f"{where}: {error.field}", error.value, error.valid) from None


def _statement_record(
    path: str, columns: Sequence[str], flag: str = "--statement"
) -> dict[str, str]:
    """Read a one-record statement file (CSV or JSON): its non-blank cells, by column."""
    records = _records(path, flag)
    if len(records) != 1:
        raise LoanReliefError(flag, path, "a file with one statement (one row, or one object)")
    unknown = sorted(set(records[0]) - set(columns))
    if unknown:
        raise LoanReliefError(flag, unknown[0], "a statement's column (see --help)")
    return {key: value.strip() for key, value in records[0].items() if value.strip()}


def _card_statement(given: dict[str, str], where: str) -> tuple[dict[str, Any], list[Any]]:
    """Return a card statement record's figures (dates parsed) and the payments after it."""
    for key in ("statement_date", "balance"):
        if key not in given:
            raise LoanReliefError(f"{where}: {key}", None, "a value (the column is required)")
    figures: dict[str, Any] = {key: given[key] for key in _CARD_FIGURES if key in given}
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
        day, parts = _dated_spec(spec, column, "DATE:AMOUNT", ())
        with _flags({"amount": column, "date": column}):
            payments.append(CardTransaction(day, parts[0], "payment"))
    return figures, payments


def _card_cycle(
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


def _card_start(
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
    flags = {key: f"{where}: {key}" for key in figures} | {"until": until_flag}
    flags["transactions"] = "--transaction" if moves else f"{where}: payments"
    with _flags(flags):
        return card_from_statement(card, **figures, transactions=[*payments, *moves], until=until)


def _figures(given: dict[str, str], where: str) -> tuple[date, dict[str, Any]]:
    """Return a statement record's date and its figures, parsed; errors name the column."""
    for key in ("as_of", "outstanding_principal", "annual_rate"):
        if key not in given:
            raise LoanReliefError(f"{where}: {key}", None, "a value (the column is required)")
    figures: dict[str, Any] = {key: given[key] for key in _STATEMENT_KEYS if key in given}
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


def _court_statement(args: argparse.Namespace) -> str:
    """Return the court view of a statement (a one-record file) and the loan's origin."""
    statement = _loan_statement(args)
    rule = _rule(args)
    if rule is None:  # pragma: no cover - --rule is required by the parser
        raise LoanReliefError("--rule", None, "a rule for the court view (see --help)")
    origin_flags = {
        "made": "--made",
        "received": "--received",
        "annual_rate": "--contract-rate",
        "term": "--term",
        "written": "--written",
        "upfront_fee": "--upfront-fee",
        "paid_installments": "--paid-installments",
        "origin": "--made",
    }
    with _flags(origin_flags):
        origin = Origin(
            made=args.made,
            received=args.received,
            annual_rate=args.contract_rate,
            term=args.term,
            written=args.written,
            upfront_fee=args.upfront_fee,
            paid_installments=args.paid_installments,
        )
        view = statement_court_view(statement, origin, rule=rule)
    return _stated_view(args, view)


def _loan_statement(args: argparse.Namespace) -> Statement:
    """Read a loan's --statement file (one record, the debts file's columns)."""
    given = _statement_record(args.statement, (*_STATEMENT_KEYS, "as_of"))
    as_of, figures = _figures(given, "--statement")
    with _flags({key: f"--statement: {key}" for key in figures} | {"as_of": "--statement: as_of"}):
        return Statement(as_of=as_of, **figures)


def _contract_flags(args: argparse.Namespace) -> list[str]:
    """Return the contract flags given (a value other than their default)."""
    shared = _loan_arguments(stated=True)
    given = [
        action.option_strings[0]
        for action in shared._actions
        if action.option_strings and getattr(args, action.dest, action.default) != action.default
    ]
    return given + (["--paid"] if getattr(args, "paid", 0) else [])


def _stated_view(args: argparse.Namespace, view: Any) -> str:
    """Print a statement's court view: each line claimed, allowed, its excess and source."""
    language = chosen_language(args.lang, "--lang")
    zh = language is Language.ZH
    header = ["item", "claimed", "allowed", "excess", "source"]
    rows = [
        [line.label(language), line.charged, line.allowed, line.excess,
         line.source_zh if zh else line.source]
        for line in view.lines
    ]  # fmt: skip
    return _emit(args, header, rows, view.explain(language))


def _plan(args: argparse.Namespace) -> str:
    debts = [_debt(record, k + 1) for k, record in enumerate(_records(args.debts))]
    if args.letters is not None:
        return _letters(args, debts)
    if args.brief is not None:
        return _write_brief(args, args.brief, debts, None)
    flags = {
        "budget": "--budget",
        "strategy": "--strategy",
        "strategies": "--strategy",
        "start": "--start",
        "max_months": "--max-months",
        "discount_rate": "--discount-rate",
        "debts": "--debts",
    }
    options = {
        "start": args.start,
        "max_months": args.max_months,
        "discount_rate": args.discount_rate,
    }
    with _flags(flags):
        if args.strategy == "all":
            comparison = compare_strategies(debts, args.budget, **options)
            rows = [
                [p.strategy.value, p.order.value, p.debt_free, p.total_paid, p.remaining,
                 p.present_value]
                for p in comparison.plans
            ]  # fmt: skip
            header = ["strategy", "order", "debt_free", "total_paid", "still_owed", "pv"]
            return _emit(args, header, rows, comparison.to_text(chosen_language()))
        plan = plan_debts(debts, args.budget, strategy=args.strategy, **options)
    header = ["date", *plan.creditors, "shortfall", "unspent"]
    rows = [
        [day, *(plan.payments[name][k] for name in plan.creditors), plan.shortfall[k],
         plan.unspent[k]]
        for k, day in enumerate(plan.dates)
    ]  # fmt: skip
    return _emit(args, header, rows, plan.to_text(chosen_language()))


def _loan(args: argparse.Namespace) -> Loan:
    for name, flag in (("principal", "--principal"), ("rate", "--rate"), ("term", "--term"),
                       ("start", "--start")):  # fmt: skip
        if getattr(args, name) is None:  # a command that takes --statement instead
            raise LoanReliefError(flag, None, "a value (required, or --statement FILE)")
    with _flags(_LOAN_FLAGS):
        return Loan(
            args.principal,
            args.rate,
            args.term,
            start=args.start,
            method=args.method,
            frequency=args.frequency,
            amortization_term=args.amortization_term,
            upfront_fee=args.upfront_fee,
            fee_deducted=args.fee_deducted,
            installment_fee=args.installment_fee,
            currency=args.currency,
            interest_basis=args.interest_basis,
            day_count=args.loan_day_count,
        )


def _schedule_of(args: argparse.Namespace) -> Schedule:
    loan = _loan(args)
    with _flags(_LOAN_FLAGS):
        return amortize(loan)


def _rule(args: argparse.Namespace) -> Rule | None:
    """Return the legal rule named by ``--rule`` (with ``--filed`` and ``--lpr``), if any."""
    spec = args.rule
    if spec is None:
        if args.filed is not None or args.lpr:
            raise LoanReliefError("--filed", args.filed or args.lpr, "used with --rule only")
        return None
    name, _, value = spec.partition(":")
    table = None
    if args.lpr:
        fixings = []
        for item in args.lpr:
            when, _, rate = item.partition(":")
            try:
                day = date.fromisoformat(when)
            except ValueError:
                raise LoanReliefError("--lpr", item, "DATE:RATE, e.g. 2026-03-20:0.03") from None
            with _flags({"date": "--lpr", "one_year": "--lpr", "five_year": "--lpr"}):
                fixings.append(LPRFixing(day, rate, rate))
        with _flags({"fixings": "--lpr", "confirmed_to": "--as-of"}):
            newest = max(args.as_of, *(f.date for f in fixings))
            table = LPRTable.published().extended(fixings, confirmed_to=newest)
    if name != "china-private" and (args.filed is not None or table is not None):
        raise LoanReliefError("--filed", args.filed or args.lpr, "used with --rule china-private")
    flags = {"annual_rate": "--rule", "share": "--rule", "filed": "--filed"}
    with _flags(flags):
        if name == "china-private" and not value:
            return ChinaPrivateLending(lpr=table, filed=args.filed)
        if name == "china-financial" and value in ("", "per_due_date", "together"):
            return ChinaFinancialLoans(measure=value or "per_due_date")
        if name == "uk-hcstc" and not value:
            return UKHighCostShortTerm()
        if name == "cap" and value:
            return AnnualRateCap(annual_rate=value)
        if name == "total-cost" and value:
            return TotalCostCap(share=value)
    raise LoanReliefError(
        "--rule",
        spec,
        "china-private, china-financial (or china-financial:together), uk-hcstc, cap:R or "
        "total-cost:S",
    )


def _dated(specs: list[str], flag: str) -> list[tuple[date, str]]:
    """Return ``DATE:AMOUNT`` flags as pairs, or raise a clear error naming the flag."""
    pairs = []
    for spec in specs:
        when, _, amount = spec.partition(":")
        try:
            pairs.append((date.fromisoformat(when), amount))
        except ValueError:
            raise LoanReliefError(flag, spec, "DATE:AMOUNT, e.g. 2024-05-20:1000") from None
    return pairs


def _inputs(args: argparse.Namespace) -> tuple[Schedule | Statement, dict[str, Any]]:
    """Return the schedule (or the --statement) and the replay's inputs from the flags."""
    payments = []
    if args.statement is not None:
        given = _contract_flags(args)
        if given:
            raise LoanReliefError(
                "--statement", args.statement, f"--statement or {given[0]}, not both"
            )
        stated = _loan_statement(args)
        account: Schedule | Statement = stated
        as_of = args.as_of or stated.as_of
    else:
        if args.as_of is None:
            raise LoanReliefError("--as-of", None, "a date, YYYY-MM-DD (required)")
        account = schedule = _schedule_of(args)
        if not 0 <= args.paid <= len(schedule):
            raise LoanReliefError(
                "--paid", args.paid, f"a number of instalments from 0 to {len(schedule)}"
            )
        payments = [Payment(row.due_date, row.payment + row.fee) for row in schedule[: args.paid]]
        as_of = args.as_of
    for day, amount in _dated(args.payment, "--payment"):
        with _flags({"amount": "--payment", "date": "--payment"}):
            payments.append(Payment(day, amount))
    costs = []
    for day, amount in _dated(args.cost, "--cost"):
        with _flags({"amount": "--cost", "date": "--cost", "label": "--cost"}):
            costs.append(EnforcementCost(day, amount))
    policy = _policy(args)
    inputs = {
        "payments": payments,
        "penalty": policy,
        "costs": costs,
        "as_of": as_of,
        "accrual": args.accrual,
    }
    return account, inputs


def _policy(args: argparse.Namespace) -> PenaltyPolicy:
    """Make the penalty policy of the penalty flags (one account's, or a portfolio's)."""
    with _flags(_PENALTY_FLAGS):
        return PenaltyPolicy(
            annual_rate=args.penalty_rate,
            rate_multiplier=args.penalty_multiplier,
            compound=args.compound,
            day_count=args.day_count,
            grace_days=args.grace_days,
            late_fee=args.late_fee,
        )


def _state(args: argparse.Namespace) -> Any:
    schedule, inputs = _inputs(args)
    rule = _rule(args)
    with _flags(_STATE_FLAGS):
        return account_state(schedule, rule=rule, **inputs)


_LEVERS: dict[str, Any] = {
    "extend": lambda v: ExtendTerm(int(v)),
    "plan": lambda v: InstallmentPlan(int(v)),
    "waive-interest": lambda v: WaiveInterest(share=v),
    "waive-penalty": lambda v: WaivePenalty(share=v),
    "waive-fees": lambda v: WaiveFees(share=v),
    "rate": lambda v: ReduceRate(annual_rate=v),
    "holiday": lambda v: PaymentHoliday(int(v)),
    "capitalize": lambda _: CapitalizeArrears(),
    "freeze": lambda v: FreezeInterest(int(v)),
    "freeze-keep-fees": lambda v: FreezeInterest(int(v), keep_fees=True),
    "plan-keep-fees": lambda v: InstallmentPlan(int(v), keep_fees=True),
    "forbear": ForbearPrincipal,
    "forgive": ForgivePrincipal,
    "settle": lambda v: Settlement(share=v),
    "prepay": Prepay,
    "prepay-shorter": lambda v: Prepay(v, keep="payment"),
}


def _option(spec: str) -> list[Lever]:
    package = []
    for part in spec.split("+"):
        name, _, value = part.strip().partition(":")
        if name not in _LEVERS:
            raise LoanReliefError(
                "--option", spec, "one of " + ", ".join(_LEVERS) + " (see --help)"
            )
        needs_value = name != "capitalize"
        if needs_value and not value:
            raise LoanReliefError("--option", spec, f"{name}:VALUE, e.g. {name}:12")
        try:
            package.append(_LEVERS[name](value))
        except LoanReliefError as error:
            raise type(error)("--option", spec, f"{name}: {error.valid}") from None
        except ValueError:
            raise LoanReliefError("--option", spec, f"a number after '{name}:'") from None
    return package


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:,}"
    return "" if value is None else str(value)


def _emit(
    args: argparse.Namespace, header: Sequence[str], rows: list[list[Any]], text: str
) -> str:
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


def _table(header: Sequence[str], rows: list[list[Any]]) -> str:
    """Make a text table; in Chinese (``--lang zh``) its header and line names translated."""
    lang = chosen_language()
    if lang is Language.ZH:
        header = [translated(name.replace("_", " "), lang) for name in header]
        rows = [[_in_chinese(v) for v in row] for row in rows]
    cells = [list(header)] + [[_text(v) for v in row] for row in rows]
    return "\n".join(text_table(cells, lang=lang))


def _in_chinese(value: object) -> object:
    """Write a cell of a Chinese table: a name translated, a date as Chinese writes it."""
    if isinstance(value, str):
        return translated(value, Language.ZH)
    if isinstance(value, date):
        return format_date(value, Language.ZH)
    return value


def _schedule(args: argparse.Namespace, schedule: Schedule | None = None) -> str:
    schedule = _schedule_of(args) if schedule is None else schedule
    header = ["number", "due_date", "payment", "interest", "principal", "fee", "balance"]
    rows = [
        [r.number, r.due_date, r.payment, r.interest, r.principal, r.fee, r.balance]
        for r in schedule
    ]
    totals = translate(
        "total paid {paid} = principal {principal} + interest {interest} + fees {fees}",
        chosen_language(),
        paid=f"{schedule.total_paid:,}",
        principal=f"{schedule.total_principal:,}",
        interest=f"{schedule.total_interest:,}",
        fees=f"{schedule.total_fees:,}",
    )
    return _emit(args, header, rows, _table(header, rows) + "\n" + totals)


def _nper(args: argparse.Namespace) -> str:
    loan = _loan(args)
    with _flags({**_LOAN_FLAGS, "payment": "--payment"}):
        schedule = term_for_payment(loan, args.payment)
    text = _schedule(args, schedule)
    if args.json or args.csv:
        return text
    last = schedule.installments[-1]
    lang = chosen_language()
    head = named_with(
        "{count} {frequency} instalments of at most {payment} (the last {last}), to {end}",
        lang,
        count=schedule.loan.term,
        frequency=named(schedule.loan.frequency.value, lang),
        payment=args.payment,
        last=f"{last.payment + last.fee:,}",
        end=day_named(last.due_date, lang),
    )
    return f"{head}\n{text}"


def _prepay(args: argparse.Namespace) -> str:
    loan = _loan(args)
    flags = {"amount": "--amount", "on": "--on", "keep": "--keep", "fee": "--fee"}
    with _flags({**_LOAN_FLAGS, **flags, "fee_rate": "--fee-rate"}):
        result = prepay(
            loan, args.amount, args.on, keep=args.keep, fee=args.fee, fee_rate=args.fee_rate
        )
    text = _schedule(args, result.after)
    return text if args.json or args.csv else f"{result.to_text(chosen_language())}\n\n{text}"


def _apr(args: argparse.Namespace) -> str:
    schedule = _schedule_of(args)
    if args.convention is None:
        chosen = list(AprConvention)
    else:
        chosen = [parse_enum(args.convention, AprConvention, "--convention")]
    with _flags(_APR_FLAGS):
        rows: list[list[Any]] = [[c.value, round(apr(schedule, convention=c), 10)] for c in chosen]
    lang = chosen_language()
    shown: list[list[Any]] = [
        [name if lang is Language.EN else _CONVENTION_PHRASES[name], format_rate(rate, lang, 4)]
        for name, rate in rows
    ]
    return _emit(args, ["convention", "apr"], rows, _table(["convention", "APR"], shown))


# Each APR convention's name in the translation table (the Chinese table shows it).
_CONVENTION_PHRASES = {
    "us": "annual percentage rate (US)",
    "eu": "annual percentage rate of charge (EU/UK)",
    "cn": "annualised interest rate",
    "cn_effective": "effective annualised rate (compounded)",
}


def _overdue(args: argparse.Namespace) -> str:
    state = _state(args)
    header = [
        "number",
        "due_date",
        "days_late",
        "principal_due",
        "interest_due",
        "penalty_due",
        "fees_due",
        "total_due",
    ]
    rows: list[list[Any]] = [
        [
            r.number,
            r.due_date,
            max(r.days_late, 0),
            r.principal_due,
            r.interest_due,
            r.penalty_due,
            r.fees_due,
            r.total_due,
        ]
        for r in state.installments
        if r.is_due and r.total_due
    ]
    if getattr(args, "json", False):
        summary: dict[str, Any] = {
            name: str(getattr(state, name))
            for name in (
                "as_of",
                "days_past_due",
                "overdue_principal",
                "overdue_interest",
                "penalty",
                "fees",
                "outstanding_principal",
                "accrued_interest",
                "payoff",
                "capped",
                "costs",
                "refund",
            )
        }
        summary["days_past_due"] = state.days_past_due  # a count, as each row's days_late
        summary["rule"] = "" if state.rule is None else state.rule.name
        summary["bucket"] = state.bucket.value
        summary["payoff_lines"] = {
            name.replace(" ", "_"): str(amount) for name, amount in state.payoff_lines()
        }
        summary["installments"] = json.loads(_emit(args, header, rows, ""))
        return json.dumps(summary, ensure_ascii=False, indent=2)
    # The table's lines add up to the payoff: the instalments due, what is not yet
    # due (principal and the interest accrued since the last due date), costs and
    # credits, and the payoff itself on the last line (so --csv keeps the summary).
    zero = Decimal(0) * state.payoff  # the currency's places
    lines = dict(state.payoff_lines())
    later = lines["principal not yet due"] + lines["accrued interest"]
    header = ["line", *header]
    rows = [["due", *row] for row in rows]
    if later:
        not_due = [lines["principal not yet due"], lines["accrued interest"], zero, zero, later]
        rows.append(["not yet due", "", "", "", *not_due])
    for name in ("enforcement costs", "credited to the borrower"):
        if name in lines:
            rows.append([name, "", "", "", zero, zero, zero, zero, lines[name]])
    interest = lines["interest due"] + lines["accrued interest"]
    rows.append(
        [
            "payoff",
            "",
            state.as_of,
            state.days_past_due,
            state.outstanding_principal,
            interest,
            state.penalty,
            state.fees,
            state.payoff,
        ]
    )
    text = state.to_text(chosen_language())
    return _emit(args, header, rows, text + "\n\n" + _table(header, rows))


def _compare(args: argparse.Namespace) -> str:
    state = _state(args)
    with _flags(_COMPARE_FLAGS):
        table = _compared(state, args.option or _DEFAULT_OPTIONS, discount_rate=args.discount_rate)
    return _emit(args, *_outcome_rows(table), table.to_text(chosen_language()))


def _compared(state: Any, specs: Sequence[str], **options: Any) -> Any:
    """Compare the options given by ``--option``.

    A lever that refuses the account (forgive more than the principal, say) is named
    by its ``--option``.
    """
    packages = [_option(spec) for spec in specs]
    principal = state.outstanding_principal
    for spec, package in zip(specs, packages, strict=True):
        for lever in package:
            if isinstance(lever, ForgivePrincipal) and lever.amount > principal:
                valid = f"forgive: at most the principal owed, {principal:,}"
                raise LoanReliefError("--option", spec, valid)
    try:
        return compare(state, packages, **options)
    except LoanReliefError as error:
        if error.field.split("[", 1)[0].split(".", 1)[0] in options:
            raise  # a keyword's own fault (--discount-rate abc), not an option's
        for spec, package in zip(specs, packages, strict=True):
            try:
                compare(state, [package], **options)
            except LoanReliefError as own:
                raise type(own)("--option", spec, f"{own.field}: {own.valid}") from None
        raise


def _outcome_rows(table: Any) -> tuple[list[str], list[list[Any]]]:
    """Return the header and rows of a comparison, for --json and --csv."""
    header = [
        "option",
        "first_payment",
        "regular_payment",
        "payments",
        "total_paid",
        "waived",
        "saving",
        "present_value",
        "apr",
        "above_payoff",
    ]
    rows = [
        [
            o.label,
            o.first_payment,
            o.regular_payment,
            o.payments_count,
            o.total_paid,
            o.total_waived,
            o.saving,
            o.present_value,
            None if o.apr is None else round(o.apr, 10),
            o.above_payoff,
        ]
        for o in table
    ]
    return header, rows


def _demo(args: argparse.Namespace) -> str:
    terms = {
        "principal": args.principal,
        "annual_rate": args.rate,
        "term": args.term,
        "start": args.start,
        "currency": args.currency,
    }
    with _flags(_LOAN_FLAGS):
        schedule = amortize(Loan(**terms, method=args.method))
    lang = chosen_language()
    rows: list[list[Any]] = []
    for method in Method:
        if method is Method.BALLOON:
            continue
        with _flags(_LOAN_FLAGS):
            other = amortize(Loan(**terms, method=method))
        name = method.value if lang is Language.EN else METHOD_PHRASES[method.value]
        rows.append([name, other.first_payment, other.last_payment, other.total_interest])
    header = ["method", "first payment", "last payment", "total interest"]
    lines = [
        schedule.to_text(lang),
        "",
        translate("The same loan under each repayment method:", lang),
    ]
    lines.append(_table(header, rows))
    with _flags(_LOAN_FLAGS):
        flat = amortize(Loan(**terms, method=Method.FLAT))
    extra = flat.total_interest - schedule.total_interest
    if schedule.loan.method is Method.ANNUITY and extra > 0:
        lines += [
            "",
            translate(
                "A 'flat' quote of the same rate costs {extra} more interest than the "
                "level-payment loan: flat interest is charged on the original principal.",
                lang,
                extra=f"{extra:,}",
            ),
        ]
    return "\n".join(lines)


def _court(args: argparse.Namespace) -> str:
    rule = _rule(args)
    if rule is None:
        raise LoanReliefError("--rule", None, "a rule for the court view (see --help)")
    if args.statement is not None:
        return _court_of_statement(args, rule)
    schedule, inputs = _inputs(args)
    language = chosen_language(args.lang, "--lang")
    with _flags(_STATE_FLAGS):
        view = court_view(_a_schedule(schedule), rule=rule, **inputs)
    header = ["item", "claimed", "allowed", "excess", "source"]
    zh = language is Language.ZH
    rows = [
        [
            line.label(language),
            line.charged,
            line.allowed,
            line.excess,
            line.source_zh if zh else line.source,
        ]
        for line in view.lines
    ]
    return _emit(args, header, rows, view.explain(language))


def _a_schedule(account: Schedule | Statement) -> Schedule:
    """Return the schedule of the contract flags (court reads a --statement apart)."""
    if not isinstance(account, Schedule):  # pragma: no cover - court --statement is apart
        raise LoanReliefError("--statement", None, "court --statement (see _court_of_statement)")
    return account


def _court_of_statement(args: argparse.Namespace, rule: Rule) -> str:
    """Hold a --statement within the rule, from the contract's origin (court --statement).

    A court measures a claim from the loan's origin (what was received, when, at what
    rate), which a statement does not show: here the contract flags give it (as
    court-statement's --made, --received, --contract-rate and --term).
    """
    for flag, value in (("--payment", args.payment), ("--cost", args.cost)):
        if value:
            raise LoanReliefError(
                flag, value[0], "none with court --statement (the statement's figures hold them)"
            )
    if args.as_of is not None:
        raise LoanReliefError(
            "--as-of", str(args.as_of), "none with court --statement (the statement's date)"
        )
    if args.principal is None:
        raise LoanReliefError(
            "--principal",
            None,
            "a value: court --statement measures from the loan's origin, the contract flags "
            "(--principal, --rate, --term, --start)",
        )
    loan = _loan(args)
    statement = _loan_statement(args)
    flags = {"paid_installments": "--paid", "made": "--start", "origin": "--start"}
    with _flags({**_LOAN_FLAGS, **flags}):
        origin = Origin(
            made=loan.start,
            received=loan.proceeds,
            annual_rate=loan.annual_rate,
            term=loan.term,
            written=loan.principal,
            upfront_fee=0 if loan.fee_deducted else loan.upfront_fee,
            paid_installments=args.paid or None,
        )
        view = statement_court_view(statement, origin, rule=rule)
    return _stated_view(args, view)


def _installed(module: str) -> bool:
    """Whether an optional package can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


def _progress_on_stderr() -> Progress:
    """Return ``--progress``'s reporter: tqdm's bar, or without it plain counts on stderr.

    The ``progress`` extra (tqdm) draws a bar; a plain install prints ``done / total
    accounts`` after each block, and says once how to get the bar.
    """
    if _installed("tqdm"):
        return True
    print(
        translate(
            "no progress bar: {reason}", chosen_language(), reason=_missing("tqdm", "progress")
        ),
        file=sys.stderr,
    )

    def count(done: int, total: int) -> None:
        print(f"{done:,} / {total:,}", file=sys.stderr, flush=True)

    return count


def _missing(package: str, extra: str) -> str:
    """Say that an optional package is missing and which extra installs it."""
    return translate(
        "{package} is not installed: install loanrelief's {extra} extra ({command} in its clone)",
        chosen_language(),
        package=package,
        extra=extra,
        command=f"pip install '.[{extra}]'",
    )


def _rollover(args: argparse.Namespace) -> str:
    rule = _rule(args)
    chain = []
    for spec in args.iou:
        made, parts = _dated_spec(spec, "--iou", "DATE:AMOUNT:RATE", ("NEW",))
        with _flags({"amount": "--iou", "annual_rate": "--iou", "new_money": "--iou"}):
            chain.append(IOU(made, parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    language = chosen_language(args.lang, "--lang")
    flags = {"made": "--iou", "as_of": "--as-of", "filed": "--filed", "ious": "--iou"}
    with _flags(flags):
        view = rollover_view(chain, as_of=args.as_of, rule=rule)
    header = ["date", "written", "rolled_claimed", "rolled_recognised", "principal"]
    rows = [
        [line.iou.made, line.iou.amount, line.rolled_claimed, line.rolled_recognised,
         line.principal]
        for line in view.lines
    ]  # fmt: skip
    return _emit(args, header, rows, view.explain(language))


# The running command's language: --lang, else LOANRELIEF_LANG, else English. Only the
# command line reads the environment; the library takes the language as ``lang=``.
_CHOSEN: list[Language] = [Language.EN]


def chosen_language(lang: str | None = None, field: str = "--lang") -> Language:
    """Return ``lang`` checked, or (when None) the running command's language."""
    return _CHOSEN[-1] if lang is None else language(lang, field)


@contextlib.contextmanager
def _language(lang: str | None) -> Iterator[None]:
    """Run a command in the language of ``--lang`` (else ``LOANRELIEF_LANG``, else English).

    Text (tables, summaries, labels) follows it; JSON and CSV keep their English keys,
    for programs. A bad ``LOANRELIEF_LANG`` is refused before any work.
    """
    if lang is None:
        given = os.environ.get(ENVIRONMENT, "")
        chosen = language(given, ENVIRONMENT) if given else Language.EN
    else:
        chosen = language(lang, "--lang")
    _CHOSEN.append(chosen)
    try:
        yield
    finally:
        _CHOSEN.pop()


def _portfolio(args: argparse.Namespace) -> str:
    """Many accounts from a CSV file: their states, or each --option on every one."""
    from loanrelief import batch  # noqa: PLC0415 - the batch layer, loaded on use

    rows = _records(args.accounts, "--accounts")
    if not rows:
        raise LoanReliefError("--accounts", args.accounts, "a CSV file with one account a row")
    names = [row.get("id") or str(k + 1) for k, row in enumerate(rows)]
    columns: dict[str, Any] = {}
    for column in ("principal", "annual_rate", "term", "start", "as_of", "paid",
                   "amortization_term", "installment_fee"):  # fmt: skip
        given = [row.get(column, "") for row in rows]
        if column in {"paid", "amortization_term", "installment_fee"} and not any(given):
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
    policy = _policy(args)
    flags = {
        **_PENALTY_FLAGS,
        "method": "--method",
        "frequency": "--frequency",
        "currency": "--currency",
        "block_size": "--block-size",
        "options": "--option",
        "levers": "--option",
    }
    with _flags(flags):
        digits = minor_digits(args.currency)
    try:
        accounts = batch.Portfolio(
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
            flags.get(field, f"--accounts: {field}"), error.value, error.valid
        ) from None
    progress = _progress_on_stderr() if args.progress else None
    with _flags(flags):
        if not args.option:
            states = batch.overdue_states(accounts, block_size=args.block_size, progress=progress)
            return _portfolio_states(args, names, states, digits)
        options = [_option(spec) for spec in args.option]
        table = batch.compare_levers(
            accounts, options, block_size=args.block_size, progress=progress
        )
    return _portfolio_options(args, names, table, options, digits)


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
    rows = [
        [name, *(_plain(states[f][k], digits) for f in fields)] for k, name in enumerate(names)
    ]
    total = {
        f: sum((_plain(x, digits) for x in states[f]), Decimal(0))
        for f in ("outstanding_principal", "payoff")
    }
    buckets: dict[str, int] = {}
    for bucket in states["bucket"].tolist():
        buckets[bucket] = buckets.get(bucket, 0) + 1
    lang = chosen_language()
    lines = [[translate("accounts", lang), str(len(names))]]
    lines += [
        [translate(f"total {name.replace('_', ' ')}", lang), f"{value:,}"]
        for name, value in total.items()
    ]
    lines += [
        [translate("days past due {bucket}", lang, bucket=translated(bucket, lang)), str(count)]
        for bucket, count in sorted(buckets.items())
    ]
    return _emit(args, header, rows, "\n".join(text_table(lines, lang=lang)))


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
        [name, label, *(_plain(table[m][k, j], None if m == "apr" else digits) for m in metrics)]
        for k, name in enumerate(names)
        for j, label in enumerate(table.labels)
    ]
    lines = [["option", "accounts", "total paid", "saving", "largest payment", "above payoff"]]
    lang = chosen_language()
    for j in range(len(table.labels)):
        paid = sum((_plain(x, digits) for x in table["total_paid"][:, j]), Decimal(0))
        saving = sum((_plain(x, digits) for x in table["saving"][:, j]), Decimal(0))
        largest = max(_plain(x, digits) for x in table["max_payment"][:, j])
        # what the option pays beyond the accounts' payoffs, said for every option
        above = sum((_plain(x, digits) for x in table["above_payoff"][:, j]), Decimal(0))
        name = package_label(options[j], lang)
        lines.append(
            [name, str(len(names)), f"{paid:,}", f"{saving:,}", f"{largest:,}", f"{above:,}"]
        )
    return _emit(args, header, rows, "\n".join(text_table(lines, lang=lang)))


def _plain(value: Any, digits: int | None = None) -> Any:
    """Return a NumPy value as plain text or a number; money with its digits, exact."""
    plain = value.item() if hasattr(value, "item") else value
    if isinstance(plain, float) and math.isnan(plain):
        return None  # no such figure (a settlement's APR): null in JSON, empty in CSV
    if digits is not None and isinstance(plain, float):
        return Decimal(f"{plain:.{digits}f}")  # a float of exact minor units / 10**digits
    return plain


def _brief(args: argparse.Namespace) -> str:
    """Write a loan's brief: its state as the contract has it, --rule for the court view."""
    if args.statement is not None and args.rule is not None:
        raise LoanReliefError(
            "--rule",
            args.rule,
            "none with --statement: a rule's ceilings are measured from the loan's history, "
            "which a statement does not show (court --statement with the contract flags "
            "holds a statement within a rule)",
        )
    schedule, inputs = _inputs(args)
    with _flags(_STATE_FLAGS):
        state = account_state(schedule, **inputs)
    options = [_option(spec) for spec in args.option] or None
    return _write_brief(args, args.output, state, options, court=_rule(args))


def _write_brief(
    args: argparse.Namespace, path: str | None, account: Any, options: Any, court: Any = None
) -> str:
    """Make the brief and write it to ``path`` (say where), or return its Markdown."""
    made, target = _made_brief(args, path, account, options, court)
    if target is None:
        return made.markdown.rstrip("\n")
    _no_charts_said(args)
    return translate("wrote {path}", chosen_language(), path=str(target))


def _made_brief(
    args: argparse.Namespace, path: str | None, account: Any, options: Any, court: Any = None
) -> tuple[Brief, Path | None]:
    """Make the brief, and write it to ``path`` if one is given (return where)."""
    flags = {
        "budget": "--budget",
        "discount_rate": "--discount-rate",
        "options": "--option",
        "rule": "--rule",
        "court": "--rule",
        "lender": "--lender",
        "path": "--output" if args.command == "brief" else "--brief",
        "state": "--as-of",  # an account whose relief runs past the calendar's end
    }
    with _flags(flags):
        if path is not None:  # a path that cannot be written is refused before any work
            a_file_path(path, "path")
        made = brief(
            account,
            options,
            lang=chosen_language(),
            budget=args.budget,
            rule=court if isinstance(court, Rule) else None,  # a rule, or a card's view
            court=None if isinstance(court, Rule) else court,
            lender=getattr(args, "lender", None),
            discount_rate=getattr(args, "discount_rate", None),
            charts=not args.no_charts and path is not None and _installed("matplotlib"),
        )
        return made, (None if path is None else made.save(path))


def _no_charts_said(args: argparse.Namespace) -> None:
    """Say on stderr (to the user, not the page) that charts were left out, and why."""
    if not args.no_charts and not _installed("matplotlib"):
        print(
            translate(
                "no charts: {reason}", chosen_language(), reason=_missing("matplotlib", "plot")
            ),
            file=sys.stderr,
        )


def _letters(args: argparse.Namespace, debts: list[Debt]) -> str:
    """Write the brief (with --brief) and each creditor's letter to its own file."""
    made, target = _made_brief(args, args.brief, debts, None)
    folder = Path(args.letters)
    suffix = ".md" if args.brief is not None and args.brief.lower().endswith(".md") else ".html"
    written = [] if target is None else [str(target)]
    with _flags({"path": "--letters"}):
        for k, (creditor, letter) in enumerate(made.letters.items()):
            name = re.sub(r"[^\w-]+", "_", creditor).strip("_")[:60] or "creditor"
            written.append(str(letter.save(folder / f"{k + 1:02d}-{name}{suffix}")))
    if target is not None:
        _no_charts_said(args)
    return "\n".join(translate("wrote {path}", chosen_language(), path=p) for p in written)


_COMMANDS = {
    "demo": _demo,
    "court": _court,
    "schedule": _schedule,
    "apr": _apr,
    "nper": _nper,
    "prepay": _prepay,
    "overdue": _overdue,
    "compare": _compare,
    "plan": _plan,
    "card": _card,
    "brief": _brief,
    "portfolio": _portfolio,
    "rollover": _rollover,
    "court-statement": _court_statement,
}


@exact_decimals
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success, 2 on bad input (one line on standard error).

    Examples
    --------
    >>> main(["schedule", "--principal", "300", "--rate", "0", "--term", "3",
    ...       "--start", "2024-01-15", "--csv"])
    number,due_date,payment,interest,principal,fee,balance
    1,2024-02-15,100.00,0.00,100.00,0.00,200.00
    2,2024-03-15,100.00,0.00,100.00,0.00,100.00
    3,2024-04-15,100.00,0.00,100.00,0.00,0.00
    0
    """
    try:
        args = _parser().parse_args(argv)
        with _language(args.lang):
            output = _COMMANDS[args.command](args)
    except LoanReliefError as error:
        print(f"loanrelief: error: {error}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2, already printed)
        return int(stop.code or 0)
    except Exception as error:
        print(
            f"loanrelief: internal error ({type(error).__name__}: {error}); "
            "please report it with the command you ran",
            file=sys.stderr,
        )
        return 1
    try:
        print(output, flush=True)
    except BrokenPipeError:  # the reader stopped early (`| head`): leave quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
