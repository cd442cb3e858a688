"""The command line: ``loanrelief demo`` (and ``python -m loanrelief demo``).

Bad input prints one line on standard error and exits with status 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from loanrelief.amortization import amortize
from loanrelief.errors import LoanReliefError
from loanrelief.terms import Loan, Method

__all__ = ["main"]

_EXAMPLES = """\
examples:
  loanrelief demo
  loanrelief demo --principal 50000 --rate 0.18 --term 24 --start 2024-01-15
  loanrelief demo --method equal_principal --currency CNY
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loanrelief",
        description="Exact repayment math for loans, overdue accounts and relief options.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="print a schedule and what each repayment method costs",
        description="Print the schedule of a loan and compare what each repayment "
        "method costs for the same principal, rate and term.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("--principal", default="50000", help="amount lent (default 50000)")
    demo.add_argument("--rate", default="0.18", help="annual rate as a fraction (default 0.18)")
    demo.add_argument("--term", default=24, type=int, help="number of monthly instalments")
    demo.add_argument(
        "--start", default="2024-01-15", help="date the money is advanced, YYYY-MM-DD"
    )
    demo.add_argument(
        "--method",
        default="annuity",
        choices=[m.value for m in Method if m is not Method.BALLOON],
        help="repayment method of the schedule shown (default annuity)",
    )
    demo.add_argument("--currency", default=None, help="ISO 4217 code, e.g. CNY, JPY")
    return parser


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LoanReliefError("start", text, "a date written YYYY-MM-DD") from None


def _demo(args: argparse.Namespace) -> str:
    start = _parse_date(args.start)
    terms = {
        "principal": args.principal,
        "annual_rate": args.rate,
        "term": args.term,
        "start": start,
        "currency": args.currency,
    }
    schedule = amortize(Loan(**terms, method=args.method))
    lines = [repr(schedule), "", "The same loan under each repayment method:"]
    header = f"{'method':<16}{'first payment':>16}{'last payment':>16}{'total interest':>18}"
    lines.append(header)
    for method in Method:
        if method is Method.BALLOON:
            continue
        other = amortize(Loan(**terms, method=method))
        lines.append(
            f"{method.value:<16}{other.first_payment:>16,}{other.last_payment:>16,}"
            f"{other.total_interest:>18,}"
        )
    flat = amortize(Loan(**terms, method=Method.FLAT))
    extra = flat.total_interest - schedule.total_interest
    if schedule.loan.method is Method.ANNUITY and extra > Decimal(0):
        lines.append("")
        lines.append(
            f"A 'flat' quote of the same rate costs {extra:,} more interest than the "
            "level-payment loan: flat interest is charged on the original principal."
        )
    return "\n".join(lines)


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
    >>> main(["demo", "--term", "3", "--principal", "300", "--rate", "0"])
    Schedule: annuity loan of 300.00 at 0 % a year, 3 monthly instalments from 2024-01-15
    ...
    0
    """
    args = _parser().parse_args(argv)
    try:
        output = _demo(args)
    except LoanReliefError as error:
        print(f"loanrelief: error: {error}", file=sys.stderr)
        return 2
    print(output)
    return 0
