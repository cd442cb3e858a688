"""The card commands: one subcommand of ``card`` per thing a user does.

``card statements``, ``card horizon``, ``card instalment``, ``card court``, ``card compare``
and ``card brief``.
The card's terms are the flags of :data:`.table.CARD` (its interest rule is
``--interest-rule``: ``--rule`` is a legal rule everywhere); a card's history starts
from ``--transaction`` postings or a ``--statement FILE``.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from typing import Any

from loanrelief._cli.accounts import (
    OPTION_FLAGS,
    brief_arguments,
    compared,
    court_lines,
    option_arguments,
    outcome_rows,
    write_brief,
)
from loanrelief._cli.inputs import (
    CARD_FIGURES,
    CARD_STATEMENT_COLUMNS,
    Parser,
    card_cycle,
    card_move,
    card_start,
    card_statement,
    command,
    statement_record,
)
from loanrelief._cli.output import emit, table
from loanrelief._cli.table import (
    CARD,
    Param,
    Spec,
    a_date,
    flags,
    library_default,
    option_levers,
    options_help,
)
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._presentation.i18n import format_rate, translate
from loanrelief._relief.evaluation import CourtAward
from loanrelief.cards._cards import CardHistory, card_statements
from loanrelief.cards._horizon import card_instalment, minimum_payment_horizon, payment_to_repay
from loanrelief.cards._terms import Card
from loanrelief.law import ChinaFinancialLoans

__all__ = ["HORIZON", "INSTALMENT", "add"]

HORIZON = Spec(
    minimum_payment_horizon,
    "balance",
    (
        Param("--balance", "the balance to repay"),
        Param("--start", "the statement date it is repaid from", parse=a_date),
        Param("--payment", "a fixed monthly payment to set beside the minimum"),
    ),
    hidden={"card": "the card's flags"},
)
INSTALMENT = Spec(
    card_instalment,
    "instalment offer",
    (
        Param("--amount", "the amount put on instalments"),
        Param("--instalments", "the number of monthly instalments", name="count", parse=int),
        Param("--monthly-fee-rate", "the offer's monthly fee rate"),
        Param("--currency", "ISO 4217 code"),
    ),
    hidden={"fee": "the fee spread over the instalments (the library's default)"},
)
# An error about a parameter of the card or its history names the flag.
_CARD_ERRORS = CARD.flags(
    card="--daily-rate",
    history="--transaction",
    transactions="--transaction",
    until="--until",
    **OPTION_FLAGS,
)
_EXAMPLES = f"""\
examples:
  loanrelief card statements --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:20000 --transaction 2024-04-25:2000:payment --until 2024-05-07
  loanrelief card horizon --statement-day 1 --apr 0.2199 --minimum-share 0.01 \\
      --minimum-floor 25 --balance 3000 --start 2024-01-01
  loanrelief card instalment --instalments 12 --amount 10000 --monthly-fee-rate 0.006
  loanrelief card court --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20
  loanrelief card compare --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20 --option freeze:60 --option settle:0.6
  loanrelief card compare --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-06-20 --option freeze:60 \\
      --court-on 2024-12-20
  loanrelief card statements --statement card-statement.csv --daily-rate 0.0005 \\
      --late-fee-share 0.05 --until 2024-09-07
--statement FILE: start from the card's statement, a one-record .csv or .json file:
{CARD_STATEMENT_COLUMNS}
The card's terms come from the flags (--statement-day and --due-days by default from
the statement's dates); --transaction adds postings after it; --until replays on.
"""


def _card(args: argparse.Namespace, **cycle: int) -> Card:
    """Make the card of the card flags (the statement's cycle in ``cycle``)."""
    if args.statement_day is None and "statement_day" not in cycle:
        raise LoanReliefError("--statement-day", None, "a day of 1 to 28 (required)")
    with flags(_CARD_ERRORS):
        card: Card = CARD.call(args, **cycle)
    return card


def history_of(args: argparse.Namespace) -> CardHistory:
    """Replay the card from ``--statement`` or ``--transaction`` to ``--until``."""
    if args.statement is None:
        if not args.transaction:
            raise LoanReliefError(
                "--transaction", None, "transactions or --statement FILE (see --help)"
            )
        card = _card(args)
        moves = [card_move(spec) for spec in args.transaction]
        until = args.until or max(move.date for move in moves)
        with flags(_CARD_ERRORS):
            return card_statements(card, moves, until=until)
    given = statement_record(args.statement, (*CARD_FIGURES, "payments"))
    figures, payments = card_statement(given, "--statement")
    day, due = card_cycle(figures, args.statement_day, args.due_days, "--statement")
    card = _card(args, statement_day=day, due_days=due)
    moves = [card_move(spec) for spec in args.transaction]
    with flags(_CARD_ERRORS):
        return card_start(card, figures, payments, "--statement", moves=moves, until=args.until)


def _statements(args: argparse.Namespace) -> str:
    history = history_of(args)
    header = ["number", "date", "due_date", "balance", "interest", "minimum", "paid_by_due",
              "late_fee"]  # fmt: skip
    rows = [
        [s.number, s.date, s.due_date, s.balance, s.interest, s.minimum, s.paid_by_due,
         s.late_fee]
        for s in history.statements
    ]  # fmt: skip
    return emit(args, header, rows, history.to_text(args.language))


def _court(args: argparse.Namespace) -> str:
    """Print the card's court view as a loan's: each line claimed, allowed, excess, source."""
    return court_lines(args, history_of(args).court_view())


def _compare(args: argparse.Namespace) -> str:
    """Compare relief options on a card in arrears with paying now or a court's award."""
    history = history_of(args)
    baseline = None
    if args.court_on is not None:
        if args.court_on < history.until:
            raise LoanReliefError(
                "--court-on", str(args.court_on), f"a date on or after {history.until}"
            )
        baseline = CourtAward(args.court_on, ChinaFinancialLoans())
    if not args.option:
        raise LoanReliefError("--option", None, "one relief option or more (see --help)")
    with flags(_CARD_ERRORS):
        found = compared(history.account(), args.option, baseline=baseline)
    return emit(args, *outcome_rows(found), found.to_text(args.language))


def _brief(args: argparse.Namespace) -> str:
    history = history_of(args)
    options = [option_levers(spec) for spec in args.option] or None
    view = history.court_view()
    with flags(_CARD_ERRORS):
        return write_brief(args, args.output, history.account(), options, court=view)


def _horizon(args: argparse.Namespace) -> str:
    """Print the minimum-payment horizon beside the months-to-repay payment (and --payment)."""
    card = _card(args)
    lang = args.language
    with flags(HORIZON.flags() | _CARD_ERRORS):
        slow = HORIZON.call(args, card=card, payment=None)
        months = library_default(payment_to_repay, "months")
        in_time = payment_to_repay(card, args.balance, start=args.start)
        plans = [
            ("minimum", slow),
            (f"{months} months", HORIZON.call(args, card=card, payment=in_time)),
        ]
        if args.payment is not None:
            fixed = HORIZON.call(args, card=card)
            plans.append((f"{fixed.payment:,} a month", fixed))
    header = ["paying", "months", "total_paid", "interest", "fees"]
    rows = [[name, h.months, h.total_paid, h.total_interest, h.total_fees] for name, h in plans]
    names = [  # the table's names in the language (JSON and CSV keep the English)
        translate("minimum", lang),
        translate("{months} months", lang, months=months),
        *(translate("{amount} a month", lang, amount=f"{h.payment:,}") for _, h in plans[2:]),
    ]
    shown = [[name, *row[1:]] for name, row in zip(names, rows, strict=True)]
    takes = translate(
        "{months} months takes {payment} a month", lang, months=months, payment=f"{in_time:,}"
    )
    return emit(args, header, rows, table(header, shown, lang) + "\n" + takes)


def _instalment(args: argparse.Namespace) -> str:
    """Print an instalment offer's payments and true rate."""
    offer = INSTALMENT.call(args)
    header = ["number", "payment"]
    rows = [[k + 1, amount] for k, amount in enumerate(offer.payments)]
    lang = args.language
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
    return emit(args, header, rows, text)


def _history_arguments() -> Parser:
    """Return the flags of a card's history: its terms, its statement, its postings."""
    shared = Parser(add_help=False)
    CARD.add(shared)
    group = shared.add_argument_group("history")
    group.add_argument(
        "--statement",
        default=None,
        metavar="FILE",
        help="start from the card's statement: a one-record .csv or .json file (below)",
    )
    group.add_argument(
        "--transaction",
        action="append",
        default=[],
        metavar="DATE:AMOUNT[:KIND]",
        help="a posting (kind purchase, cash, fee or payment; repeatable)",
    )
    group.add_argument("--until", type=a_date, default=None, help="replay to this date")
    return shared


# The old single ``card`` command chose its job by the flags present: each flag's job now.
_OLD_JOBS = (
    ("--instalments", "instalment"),
    ("--balance", "horizon"),
    ("--brief", "brief"),
    ("--court", "court"),
    ("--option", "compare"),
)


def old_spelling(argv: Sequence[str]) -> str | None:
    """Say what an old ``card`` command line is now, or ``None`` if it is not one.

    >>> old_spelling(["card", "--balance", "3000"])
    'card takes a job first: card horizon --balance 3000'
    >>> old_spelling(["card", "statements", "--rule", "unpaid_part"])
    "card's --rule is now --interest-rule (--rule is a legal rule)"
    """
    if not argv or argv[0] != "card":
        return None
    if "--rule" in argv:
        return "card's --rule is now --interest-rule (--rule is a legal rule)"
    if len(argv) < 2 or not argv[1].startswith("--") or argv[1] in ("--help", "-h"):
        return None
    job = next((job for flag, job in _OLD_JOBS if flag in argv), "statements")
    renamed = {"--brief": "--output", "--fee-rate": "--monthly-fee-rate"}
    rest = [renamed.get(arg, arg) for arg in argv[1:] if arg != "--court"]
    return f"card takes a job first: card {job} {' '.join(rest)}"


def add(commands: Any, output: Parser) -> None:
    """Add ``card`` and its subcommands to ``commands``."""
    card = commands.add_parser(
        "card",
        help="a credit card: statements, the minimum-payment horizon, an instalment offer, "
        "a court's view, relief options, a brief",
        description="Credit cards: one subcommand per question.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    jobs = card.add_subparsers(dest="job", required=True, metavar="JOB", parser_class=Parser)
    history = _history_arguments()
    job = functools.partial(command, jobs, epilog=_EXAMPLES)
    job(
        "statements",
        _statements,
        parents=[history, output],
        help="replay postings (or a statement) into statements",
        description="Replay a card's postings, or its statement and what followed, into "
        "statements to --until.",
    )
    job(
        "horizon",
        _horizon,
        CARD,
        HORIZON,
        parents=[output],
        allow_abbrev=False,  # --statement is not short for --statement-day here
        help="how long paying only the minimum takes",
        description="How long paying only the minimum takes to repay a balance, beside the "
        "payment that repays it in 36 months (and --payment).",
    )
    job(
        "instalment",
        _instalment,
        INSTALMENT,
        parents=[output],
        help="the payments and true rate of an instalment offer",
        description="The payments and true rate of an instalment offer (账单分期).",
    )
    job(
        "court",
        _court,
        parents=[history, output],
        help="what China's financial-loan rule (24 %%) allows of the card's claim",
        description="What China's financial-loan rule (24 %) allows of the card's claim.",
    )
    choices = job(
        "compare",
        _compare,
        parents=[history, output],
        help="a card in arrears: compare relief options",
        description="Compare relief options on a card in arrears.",
        epilog=options_help() + "\n" + _EXAMPLES,
    )
    option_arguments(choices, "a relief option (as compare; repeatable)")
    choices.add_argument(
        "--court-on",
        type=a_date,
        default=None,
        metavar="DATE",
        help="measure the options against what a court would award on DATE "
        "(China's financial-loan rule), not against paying what the card claims now",
    )
    paper = job(
        "brief",
        _brief,
        parents=[history],
        help="a negotiation brief for a card in arrears",
        description="Write a negotiation brief for a card in arrears (Markdown, or a file "
        "with --output).",
        epilog=options_help() + "\n" + _EXAMPLES,
    )
    option_arguments(paper, "a relief option (as compare; default: the brief's own)")
    brief_arguments(paper, budget_only=True)
