"""The command line: ``loanrelief`` (and ``python -m loanrelief``).

Subcommands: ``demo``, ``schedule``, ``nper``, ``prepay``, ``apr`` (:mod:`.loans`);
``overdue``, ``court``, ``court-statement``, ``rollover``, ``compare``, ``brief``
(:mod:`.accounts`); ``card statements|horizon|instalment|court|compare|brief``
(:mod:`.cards`); ``plan`` and ``portfolio`` (:mod:`.debts`). Each command's flags and
library call come from one table (:mod:`.table`). Tables go to the terminal; ``--json``
and ``--csv`` print for machines. Bad input prints one line on standard error and exits
with status 2, never a traceback.

The language is read here and only here: ``--lang``, else ``LOANRELIEF_LANG``, else
English, resolved once per command and passed to every rendering call.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

from loanrelief._cli import accounts, cards, debts, loans, table
from loanrelief._cli.inputs import Parser
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._foundations.money import exact_decimals
from loanrelief._presentation.i18n import ENVIRONMENT, Language
from loanrelief._presentation.i18n import language as chosen_language

__all__ = ["SPECS", "command_language", "main", "parser"]

# Every callable the command line builds from flags, each described once (.table.Spec).
SPECS = (
    table.LOAN,
    table.PENALTY,
    table.CARD,
    table.ORIGIN,
    loans.PREPAY,
    loans.APR,
    loans.NPER,
    accounts.ACCOUNT,
    accounts.COMPARE,
    accounts.BRIEF,
    cards.HORIZON,
    cards.INSTALMENT,
    debts.PLAN,
    debts.PORTFOLIO,
    debts.BLOCKS,
)


def _output_arguments() -> Parser:
    shared = Parser(add_help=False)
    formats = shared.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print JSON")
    formats.add_argument("--csv", action="store_true", help="print CSV")
    return shared


def _leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Return the parsers that run a command (a command's subcommands, if it has them)."""
    found = []
    for action in parser._actions:  # argparse keeps its subcommands only here
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _leaves(child) or [child]
    return found


def parser() -> argparse.ArgumentParser:
    """Return the command line's parser, every command's flags made from the table."""
    made = Parser(
        prog="loanrelief",
        description="Exact repayment math for loans, overdue accounts and relief options.",
        epilog=loans.EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from loanrelief import __version__  # noqa: PLC0415 - the package imports this module's peers

    made.add_argument("--version", action="version", version=f"loanrelief {__version__}")
    commands = made.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
    output = _output_arguments()
    for family in (loans, accounts, cards, debts):
        family.add(commands, output)
    for command in _leaves(made):
        command.add_argument(
            "--lang",
            default=None,
            help="language of the text: en or zh (default: LOANRELIEF_LANG, else en)",
        )
    return made


def command_language(lang: str | None, environ: Mapping[str, str] = os.environ) -> Language:
    """Return the command's language: ``--lang``, else ``LOANRELIEF_LANG``, else English.

    The one place the library's package reads the environment; every rendering call of
    the command is passed the language as ``lang=``. A bad value names its source.

    >>> command_language("zh"), command_language(None, {})
    (<Language.ZH: 'zh'>, <Language.EN: 'en'>)
    >>> command_language(None, {ENVIRONMENT: "zh"})
    <Language.ZH: 'zh'>
    """
    if lang is not None:
        return chosen_language(lang, "--lang")
    given = environ.get(ENVIRONMENT, "")
    return chosen_language(given, ENVIRONMENT) if given else Language.EN


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
        old = cards.old_spelling(sys.argv[1:] if argv is None else argv)
        if old is not None:
            print(f"loanrelief: error: {old}", file=sys.stderr)
            return 2
        args = parser().parse_args(argv)
        args.language = command_language(args.lang)
        output = args.run(args)
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
