"""The loan commands: ``demo``, ``schedule``, ``nper``, ``prepay`` and ``apr``.

Each command's flags and its library call come from the table (:mod:`.table`): the
loan's flags are :data:`.table.LOAN`, a prepayment's :data:`PREPAY`.
"""

from __future__ import annotations

import argparse
import functools
from datetime import date
from typing import Any

from loanrelief._cli.inputs import Parser, command
from loanrelief._cli.output import emit, table
from loanrelief._cli.table import LOAN, Param, Spec, a_date, flags
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._foundations.validate import parse_enum
from loanrelief._ledger.prepayment import prepay
from loanrelief._loans.amortization import amortize
from loanrelief._loans.apr_units import AprConvention
from loanrelief._loans.calculators import term_for_payment
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Loan, Method
from loanrelief._loans.truecost import apr
from loanrelief._presentation.display import day_named, named, named_with
from loanrelief._presentation.i18n import METHOD_PHRASES, Language, format_rate, translate

__all__ = ["EXAMPLES", "PREPAY", "add", "contract_flags", "loan", "loan_arguments", "schedule_of"]

EXAMPLES = """\
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

PREPAY = Spec(
    prepay,
    "prepayment",
    (
        Param("--amount", "principal prepaid, e.g. 100000"),
        Param("--on", "date of the prepayment", parse=a_date),
        Param("--keep", "what stays as it was: the term (a lower payment) or the payment"),
        Param("--fee", "a prepayment fee (amount)"),
        Param("--fee-rate", "a prepayment fee, share of the amount"),
    ),
    hidden={"loan": "the loan's flags"},
)
APR = Spec(
    apr,
    "apr",
    (),
    hidden={
        "schedule_or_dates": "the loan's flags (its schedule)",
        "amounts": "the schedule's own flows",
        "unit_period": "the convention's unit period (the library's default)",
        "convention": "--convention, one or all of them (the library computes one a call)",
    },
)
NPER = Spec(
    term_for_payment,
    "payment",
    (Param("--payment", "the most that can be paid per instalment, e.g. 1000"),),
    hidden={"loan": "the loan's flags (--term is what is found)"},
)
# The flags demo shows, and the loan it shows when they are not given.
_DEMO = {"--principal": "50000", "--rate": "0.18", "--term": 24, "--start": date(2024, 1, 15)}


def loan_arguments(*, term: bool = True, stated: bool = False) -> Parser:
    """Return the contract's flags; with ``stated``, ``--statement`` may stand for them."""
    shared = Parser(add_help=False)
    LOAN.add(shared, skip=() if term else ("--term",), required=not stated)
    if not term:  # found by the command: any valid term stands in while the loan is built
        shared.set_defaults(term=1)
    return shared


def contract_flags(args: argparse.Namespace) -> list[str]:
    """Return the contract flags given (a value other than their default)."""
    given = [
        param.flag
        for param in LOAN.params
        if getattr(args, param.dest, LOAN.default(param)) != LOAN.default(param)
    ]
    return given + (["--paid"] if getattr(args, "paid", 0) else [])


def loan(args: argparse.Namespace) -> Loan:
    """Make the loan of the contract flags (:data:`.table.LOAN`)."""
    for flag in ("--principal", "--rate", "--term", "--start"):
        if getattr(args, LOAN.param(flag).dest) is None:  # a command that takes --statement
            raise LoanReliefError(flag, None, "a value (required, or --statement FILE)")
    made: Loan = LOAN.call(args)
    return made


def schedule_of(args: argparse.Namespace) -> Schedule:
    """Return the schedule of the contract flags."""
    made = loan(args)
    with flags(LOAN.flags()):
        return amortize(made)


def _schedule(args: argparse.Namespace, schedule: Schedule | None = None) -> str:
    schedule = schedule_of(args) if schedule is None else schedule
    header = ["number", "due_date", "payment", "interest", "principal", "fee", "balance"]
    rows = [
        [r.number, r.due_date, r.payment, r.interest, r.principal, r.fee, r.balance]
        for r in schedule
    ]
    totals = translate(
        "total paid {paid} = principal {principal} + interest {interest} + fees {fees}",
        args.language,
        paid=f"{schedule.total_paid:,}",
        principal=f"{schedule.total_principal:,}",
        interest=f"{schedule.total_interest:,}",
        fees=f"{schedule.total_fees:,}",
    )
    return emit(args, header, rows, table(header, rows, args.language) + "\n" + totals)


def _nper(args: argparse.Namespace) -> str:
    made = loan(args)
    with flags(LOAN.flags()):
        schedule: Schedule = NPER.call(args, loan=made)
    text = _schedule(args, schedule)
    if args.json or args.csv:
        return text
    last = schedule.instalments[-1]
    lang = args.language
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
    made = loan(args)
    with flags(LOAN.flags()):
        result = PREPAY.call(args, loan=made)
    text = _schedule(args, result.after)
    return text if args.json or args.csv else f"{result.to_text(args.language)}\n\n{text}"


def _apr(args: argparse.Namespace) -> str:
    schedule = schedule_of(args)
    if args.convention is None:
        chosen = list(AprConvention)
    else:
        chosen = [parse_enum(args.convention, AprConvention, "--convention")]
    with flags({"flows": "--upfront-fee", "amounts": "--upfront-fee", "start": "--start"}):
        # A schedule has no APR when its fees take all that was lent (no money out).
        rows: list[list[Any]] = [[c.value, round(apr(schedule, convention=c), 10)] for c in chosen]
    lang = args.language
    shown: list[list[Any]] = [
        [name if lang is Language.EN else _CONVENTION_PHRASES[name], format_rate(rate, lang, 4)]
        for name, rate in rows
    ]
    return emit(args, ["convention", "apr"], rows, table(["convention", "APR"], shown, lang))


# Each APR convention's name in the translation table (the Chinese table shows it).
_CONVENTION_PHRASES = {
    "us": "annual percentage rate (US)",
    "eu": "annual percentage rate of charge (EU/UK)",
    "cn": "annualised interest rate",
    "cn_effective": "effective annualised rate (compounded)",
}


def _demo(args: argparse.Namespace) -> str:
    lang = args.language
    schedule = schedule_of(args)
    rows: list[list[Any]] = []
    for method in Method:
        if method is Method.BALLOON:
            continue
        other: Schedule = amortize(LOAN.call(args, method=method))
        name = method.value if lang is Language.EN else METHOD_PHRASES[method.value]
        rows.append([name, other.first_payment, other.last_payment, other.total_interest])
    header = ["method", "first payment", "last payment", "total interest"]
    lines = [
        schedule.to_text(lang),
        "",
        translate("The same loan under each repayment method:", lang),
    ]
    lines.append(table(header, rows, lang))
    flat: Schedule = amortize(LOAN.call(args, method=Method.FLAT))
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


def add(commands: Any, output: Parser) -> None:
    """Add the loan commands to ``commands`` (``output``: the --json and --csv flags)."""
    loan_flags = loan_arguments()
    loan_command = functools.partial(command, commands, epilog=EXAMPLES)
    demo = loan_command(
        "demo",
        _demo,
        help="print a schedule and what each method costs",
        description="Print the schedule of a loan and compare what each repayment method costs.",
    )
    shown = {*_DEMO, "--method", "--currency"}
    LOAN.add(demo, skip=[p.flag for p in LOAN.params if p.flag not in shown], examples=_DEMO)
    loan_command(
        "schedule",
        _schedule,
        parents=[loan_flags, output],
        help="print a repayment schedule",
        description="Print the repayment schedule of a loan.",
    )
    loan_command(
        "nper",
        _nper,
        NPER,
        parents=[loan_arguments(term=False), output],
        help="how many instalments a payment needs",
        description="Find the fewest instalments whose every payment is at most --payment, "
        "in exact cents on the loan's dates, and print that schedule.",
    )
    loan_command(
        "prepay",
        _prepay,
        PREPAY,
        parents=[loan_flags, output],
        help="prepay part of a loan: lower the payment or shorten the term",
        description="Prepay principal on a date and print the new schedule and what it "
        "saves (--keep term: lower the payment; --keep payment: shorten the term).",
    )
    rate = loan_command(
        "apr",
        _apr,
        parents=[loan_flags, output],
        help="the annual percentage rate by each authority's rule",
        description="Print the APR of a loan, fees included, by the US, EU and Chinese rules.",
    )
    rate.add_argument(
        "--convention",
        default=None,
        help=", ".join(c.value for c in AprConvention) + " (default: all of them)",
    )
