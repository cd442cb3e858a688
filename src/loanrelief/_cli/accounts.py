"""The overdue-account commands: one account, its state, a court's view, its options.

``overdue``, ``court``, ``court-statement``, ``rollover``, ``compare`` and ``brief``.
An account is the contract's flags (or ``--statement FILE``) replayed to ``--as-of``
(:data:`ACCOUNT`) under the penalty flags (:data:`.table.PENALTY`); ``--rule`` names a
legal rule of :data:`.table.RULES`, ``--option`` a relief option of :data:`.table.OPTIONS`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from loanrelief._cli.inputs import (
    STATEMENT_HELP,
    Parser,
    command,
    dated,
    dated_spec,
    loan_statement,
)
from loanrelief._cli.loans import EXAMPLES, contract_flags, loan, loan_arguments, schedule_of
from loanrelief._cli.output import emit, installed, missing, table
from loanrelief._cli.table import (
    LOAN,
    ORIGIN,
    PENALTY,
    Param,
    Spec,
    a_date,
    flags,
    option_levers,
    options_help,
    rule_of,
    rules_help,
)
from loanrelief._foundations.errors import LoanReliefError
from loanrelief._foundations.output import a_file_path
from loanrelief._ledger.account import account_state
from loanrelief._ledger.court import court_view
from loanrelief._ledger.inputs import EnforcementCost, Payment
from loanrelief._ledger.stated import Origin, statement_court_view
from loanrelief._ledger.statement import Statement
from loanrelief._loans.schedule import Schedule
from loanrelief._presentation.briefs import Brief, brief
from loanrelief._presentation.citations import cited
from loanrelief._presentation.i18n import translate
from loanrelief._relief.evaluation import compare
from loanrelief._relief.levers import ForgivePrincipal
from loanrelief.law import IOU, LPRFixing, LPRTable, Rule, rollover_view

__all__ = [
    "ACCOUNT",
    "BRIEF",
    "COMPARE",
    "DEFAULT_OPTIONS",
    "OPTION_FLAGS",
    "add",
    "brief_arguments",
    "brief_file_arguments",
    "compared",
    "outcome_rows",
    "write_brief",
]

ACCOUNT = Spec(
    account_state,
    "overdue account",
    (
        Param(
            "--as-of",
            "date of the state, YYYY-MM-DD (required)",
            parse=a_date,
            fallback="with --statement, its date",
        ),
        Param(
            "--accrual",
            "contract interest: scheduled, or 'us_rule' (simple interest by day on the "
            "unpaid principal; needs --interest-basis day_count)",
        ),
    ),
    hidden={
        "loan": "the contract's flags, or --statement FILE",
        "payments": "--paid N (the first N instalments on their due dates) and --payment",
        "penalty": "the penalty flags",
        "allocation": "payments go in the library's default order (costs, interest, penalty, "
        "fees, principal)",
        "post_on": "a Python-API term (posting dates)",
        "rule": "--rule",
        "costs": "--cost",
    },
)
COMPARE = Spec(
    compare,
    "comparison",
    (Param("--discount-rate", "the borrower's discount rate"),),
    hidden={
        "state": "the account's flags",
        "options": "--option",
        "lender_rate": "the lender's view is a Python-API measure",
        "baseline": "paying what is owed now (the library's default); card compare --court-on",
    },
)
BRIEF = Spec(
    brief,
    "brief",
    (
        Param(
            "--budget",
            "what the borrower can pay each month: it chooses the plan, and is not written "
            "on the page",
        ),
        Param(
            "--lender",
            "who the brief is addressed to, for its words: private, financial_institution, "
            "local_financial_organisation or card_issuer (default: from --rule)",
        ),
        Param("--discount-rate", "the borrower's discount rate"),
    ),
    hidden={
        "account": "the account's flags",
        "options": "--option",
        "lang": "--lang",
        "rule": "--rule",
        "court": "a court view the command computes (a card's)",
        "recovery_rate": "the lender's recovery is a Python-API assumption",
        "recovery_delay": "the lender's recovery is a Python-API assumption",
        "charts": "--no-charts (and charts only in a file, with matplotlib installed)",
    },
)
DEFAULT_OPTIONS = (
    "extend:12",
    "capitalize+extend:12",
    "plan:36",
    "waive-interest:0.5",
    "waive-penalty:1",
    "freeze:36",
    "settle:0.6",
)
_BRIEF_HELP = """\
examples:
  loanrelief brief --principal 50000 --rate 0.18 --term 24 --start 2024-01-15 --paid 2 \\
      --as-of 2024-07-01 --penalty-multiplier 1.5 --rule china-private --budget 2200 \\
      --lang zh --output brief.html
  loanrelief plan --debts debts.csv --budget 3000 --brief brief.html --lang zh
  loanrelief card brief --statement-day 7 --daily-rate 0.0005 --late-fee-share 0.05 \\
      --transaction 2024-03-08:10000 --until 2024-09-20 --budget 800 --output card.html
"""


def overdue_arguments() -> Parser:
    """Return the flags of an overdue account: its date, payments, penalty and rule."""
    shared = Parser(add_help=False)
    group = shared.add_argument_group("overdue account")
    group.add_argument(
        "--statement",
        default=None,
        metavar="FILE",
        help="the lender's statement instead of the contract flags: a one-record .csv or "
        ".json file with the columns of plan's debts file (without creditor)",
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
    group.add_argument(
        "--cost",
        action="append",
        default=[],
        metavar="DATE:AMOUNT",
        help="an enforcement cost charged to the account (repeatable)",
    )
    ACCOUNT.add(shared)
    PENALTY.add(shared)
    rule_arguments(shared, required=False)
    return shared


def rule_arguments(
    parser: argparse.ArgumentParser, *, required: bool, default: str | None = None
) -> None:
    """Add ``--rule`` (a legal rule of :data:`.table.RULES`), ``--filed`` and ``--lpr``."""
    law = parser.add_argument_group("legal rule")
    law.add_argument(
        "--rule",
        default=default,
        required=required,
        metavar="RULE",
        help="a legal rule (see below)",
    )
    law.add_argument(
        "--filed", type=a_date, default=None, help="date the case was filed, YYYY-MM-DD"
    )
    law.add_argument(
        "--lpr",
        action="append",
        default=[],
        metavar="DATE:RATE",
        help="a one-year LPR fixing newer than the table's, in force through --as-of (repeatable)",
    )


def rule(args: argparse.Namespace) -> Rule | None:
    """Return the legal rule named by ``--rule`` (with ``--filed`` and ``--lpr``), if any."""
    if args.rule is None:
        if args.filed is not None or args.lpr:
            raise LoanReliefError("--filed", args.filed or args.lpr, "used with --rule only")
        return None
    table = None
    if args.lpr:
        fixings = []
        for item in args.lpr:
            when, _, rate = item.partition(":")
            try:
                day = a_date(when)
            except argparse.ArgumentTypeError:
                raise LoanReliefError("--lpr", item, "DATE:RATE, e.g. 2026-03-20:0.03") from None
            with flags({"date": "--lpr", "one_year": "--lpr", "five_year": "--lpr"}):
                fixings.append(LPRFixing(day, rate, rate))
        with flags({"fixings": "--lpr", "confirmed_to": "--as-of"}):
            newest = max(args.as_of, *(f.date for f in fixings))
            table = LPRTable.published().extended(fixings, confirmed_to=newest)
    return rule_of(args.rule, lpr=table, filed=args.filed)


def account_inputs(args: argparse.Namespace) -> tuple[Schedule | Statement, dict[str, Any]]:
    """Return the schedule (or the --statement) and the replay's inputs from the flags."""
    payments = []
    if args.statement is not None:
        given = contract_flags(args)
        if given:
            raise LoanReliefError(
                "--statement", args.statement, f"--statement or {given[0]}, not both"
            )
        stated = loan_statement(args)
        account: Schedule | Statement = stated
        as_of = args.as_of or stated.as_of
    else:
        if args.as_of is None:
            raise LoanReliefError("--as-of", None, "a date, YYYY-MM-DD (required)")
        account = schedule = schedule_of(args)
        if not 0 <= args.paid <= len(schedule):
            raise LoanReliefError(
                "--paid", args.paid, f"a number of instalments from 0 to {len(schedule)}"
            )
        payments = [Payment(row.due_date, row.payment + row.fee) for row in schedule[: args.paid]]
        as_of = args.as_of
    for day, amount in dated(args.payment, "--payment"):
        with flags({"amount": "--payment", "date": "--payment"}):
            payments.append(Payment(day, amount))
    costs = []
    for day, amount in dated(args.cost, "--cost"):
        with flags({"amount": "--cost", "date": "--cost", "label": "--cost"}):
            costs.append(EnforcementCost(day, amount))
    inputs = {
        "payments": payments,
        "penalty": PENALTY.call(args),
        "costs": costs,
        "as_of": as_of,
        "accrual": args.accrual,
    }
    return account, inputs


# The flags of an account_state's parameters (an error about one names its flag).
_STATE_FLAGS = ACCOUNT.flags(
    on="--lpr",
    filed="--filed",
    costs="--cost",
    payments="--payment",
    loan="--term",
    late_fee="--late-fee",
    penalty="--penalty-rate",
    **{"loan.currency": "--currency"},
)


def state_of(args: argparse.Namespace, *, with_rule: bool = True) -> Any:
    """Return the account's state on its date (under ``--rule`` if ``with_rule``)."""
    account, inputs = account_inputs(args)
    chosen = rule(args) if with_rule else None
    with flags(_STATE_FLAGS):
        return account_state(account, rule=chosen, **inputs)


def _overdue(args: argparse.Namespace) -> str:
    state = state_of(args)
    header = ["number", "due_date", "days_late", "principal_due", "interest_due",
              "penalty_due", "fees_due", "total_due"]  # fmt: skip
    rows: list[list[Any]] = [
        [r.number, r.due_date, max(r.days_late, 0), r.principal_due, r.interest_due,
         r.penalty_due, r.fees_due, r.total_due]
        for r in state.instalments
        if r.is_due and r.total_due
    ]  # fmt: skip
    if getattr(args, "json", False):
        names = ("as_of", "days_past_due", "overdue_principal", "overdue_interest", "penalty",
                 "fees", "outstanding_principal", "accrued_interest", "payoff", "capped",
                 "costs", "refund")  # fmt: skip
        summary: dict[str, Any] = {name: str(getattr(state, name)) for name in names}
        summary["days_past_due"] = state.days_past_due  # a count, as each row's days_late
        summary["rule"] = "" if state.rule is None else state.rule.name
        summary["bucket"] = state.bucket.value
        summary["payoff_lines"] = {
            name.replace(" ", "_"): str(amount) for name, amount in state.payoff_lines()
        }
        summary["instalments"] = json.loads(emit(args, header, rows, ""))
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
    rows.append(["payoff", "", state.as_of, state.days_past_due, state.outstanding_principal,
                 interest, state.penalty, state.fees, state.payoff])  # fmt: skip
    text = state.to_text(args.language) + "\n\n" + table(header, rows, args.language)
    return emit(args, header, rows, text)


def _compare(args: argparse.Namespace) -> str:
    state = state_of(args)
    with flags(COMPARE.flags(**OPTION_FLAGS, state="--as-of")):
        found = compared(state, args.option or DEFAULT_OPTIONS, discount_rate=args.discount_rate)
    return emit(args, *outcome_rows(found), found.to_text(args.language))


def compared(state: Any, specs: Sequence[str], **options: Any) -> Any:
    """Compare the options given by ``--option``.

    A lever that refuses the account (forgive more than the principal, say) is named
    by its ``--option``.
    """
    packages = [option_levers(spec) for spec in specs]
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


def outcome_rows(found: Any) -> tuple[list[str], list[list[Any]]]:
    """Return the header and rows of a comparison, for --json and --csv."""
    header = ["option", "first_payment", "regular_payment", "payments", "total_paid",
              "waived", "saving", "present_value", "apr", "above_payoff"]  # fmt: skip
    rows = [
        [o.label, o.first_payment, o.regular_payment, o.payments_count, o.total_paid,
         o.total_waived, o.saving, o.present_value,
         None if o.apr is None else round(o.apr, 10), o.above_payoff]
        for o in found
    ]  # fmt: skip
    return header, rows


def _court(args: argparse.Namespace) -> str:
    chosen = rule(args)
    if chosen is None:
        raise LoanReliefError("--rule", None, "a rule for the court view (see --help)")
    if args.statement is not None:
        return _court_of_statement(args, chosen)
    account, inputs = account_inputs(args)
    if not isinstance(account, Schedule):  # pragma: no cover - court --statement is apart
        raise LoanReliefError("--statement", None, "court --statement (see _court_of_statement)")
    with flags(_STATE_FLAGS):
        view = court_view(account, rule=chosen, **inputs)
    return court_lines(args, view)


def court_lines(args: argparse.Namespace, view: Any) -> str:
    """Print a court view (a loan's, a statement's, a card's), each line with its source."""
    language = args.language
    header = ["item", "claimed", "allowed", "excess", "source"]
    rows = [
        [line.label(language), line.charged, line.allowed, line.excess,
         cited(line.citations, language)]
        for line in view.lines
    ]  # fmt: skip
    return emit(args, header, rows, view.explain(language))


def _court_of_statement(args: argparse.Namespace, chosen: Rule) -> str:
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
    made = loan(args)
    statement = loan_statement(args)
    names = {"paid_instalments": "--paid", "made": "--start", "origin": "--start"}
    with flags({**LOAN.flags(), **names}):
        origin = Origin(
            made=made.start,
            received=made.proceeds,
            annual_rate=made.annual_rate,
            term=made.term,
            written=made.principal,
            upfront_fee=0 if made.fee_deducted else made.upfront_fee,
            paid_instalments=args.paid or None,
        )
        view = statement_court_view(statement, origin, rule=chosen)
    return court_lines(args, view)


def _court_statement(args: argparse.Namespace) -> str:
    """Return the court view of a statement (a one-record file) and the loan's origin."""
    statement = loan_statement(args)
    chosen = rule(args)
    if chosen is None:  # pragma: no cover - --rule is required by the parser
        raise LoanReliefError("--rule", None, "a rule for the court view (see --help)")
    origin = ORIGIN.call(args)
    with flags(ORIGIN.flags(origin="--made")):
        view = statement_court_view(statement, origin, rule=chosen)
    return court_lines(args, view)


def _rollover(args: argparse.Namespace) -> str:
    chosen = rule(args)
    chain = []
    for spec in args.iou:
        made, parts = dated_spec(spec, "--iou", "DATE:AMOUNT:RATE", ("NEW",))
        with flags({"amount": "--iou", "annual_rate": "--iou", "new_money": "--iou"}):
            chain.append(IOU(made, parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    names = {"made": "--iou", "as_of": "--as-of", "filed": "--filed", "ious": "--iou"}
    with flags(names):
        view = rollover_view(chain, as_of=args.as_of, rule=chosen)
    header = ["date", "written", "rolled_claimed", "rolled_recognised", "principal"]
    rows = [
        [line.iou.made, line.iou.amount, line.rolled_claimed, line.rolled_recognised,
         line.principal]
        for line in view.lines
    ]  # fmt: skip
    return emit(args, header, rows, view.explain(args.language))


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
    state = state_of(args, with_rule=False)
    options = [option_levers(spec) for spec in args.option] or None
    return write_brief(args, args.output, state, options, rule=rule(args))


def write_brief(
    args: argparse.Namespace, path: str | None, account: Any, options: Any, **given: Any
) -> str:
    """Make the brief and write it to ``path`` (say where), or return its Markdown.

    ``given``: the brief's ``rule=`` (a loan's --rule) or ``court=`` (a card's view).
    """
    made, target = made_brief(args, path, account, options, **given)
    if target is None:
        return made.markdown.rstrip("\n")
    no_charts_said(args)
    return translate("wrote {path}", args.language, path=str(target))


def made_brief(
    args: argparse.Namespace, path: str | None, account: Any, options: Any, **given: Any
) -> tuple[Brief, Path | None]:
    """Make the brief, and write it to ``path`` if one is given (return where)."""
    names = BRIEF.flags(
        options="--option",
        rule="--rule",
        court="--rule",
        path="--brief" if args.command == "plan" else "--output",
        state="--as-of",  # an account whose relief runs past the calendar's end
    )
    with flags(names):
        if path is not None:  # a path that cannot be written is refused before any work
            a_file_path(path, "path")
        made: Brief = BRIEF.call(
            args,
            account=account,
            options=options,
            lang=args.language,
            **given,
            charts=not args.no_charts and path is not None and installed("matplotlib"),
        )
        return made, (None if path is None else made.save(path))


def no_charts_said(args: argparse.Namespace) -> None:
    """Say on stderr (to the user, not the page) that charts were left out, and why."""
    if not args.no_charts and not installed("matplotlib"):
        reason = missing("matplotlib", "plot", args.language)
        print(translate("no charts: {reason}", args.language, reason=reason), file=sys.stderr)


def brief_file_arguments(parser: argparse.ArgumentParser, flag: str) -> None:
    """Add the brief's file flag (``--output``, plan's ``--brief``) and ``--no-charts``."""
    parser.add_argument(
        flag,
        default=None,
        metavar="FILE",
        help="write the negotiation brief to FILE (.html or .md)",
    )
    parser.add_argument("--no-charts", action="store_true", help="a brief without charts")


def brief_arguments(parser: argparse.ArgumentParser, *, budget_only: bool = False) -> None:
    """Add the brief's flags: ``--output``, ``--no-charts`` and :data:`BRIEF`'s."""
    brief_file_arguments(parser, "--output")
    skip = ("--lender", "--discount-rate") if budget_only else ()
    BRIEF.add(parser, skip=skip)


def option_arguments(parser: argparse.ArgumentParser, help: str) -> None:
    """Add ``--option`` (a relief option of :data:`.table.OPTIONS`, repeatable)."""
    parser.add_argument("--option", action="append", default=[], metavar="SPEC", help=help)


# The library's parameters that --option fills: an error about one names --option.
OPTION_FLAGS = dict.fromkeys(("options", "option", "levers"), "--option")


def add(commands: Any, output: Parser) -> None:
    """Add the account commands to ``commands`` (``output``: the --json and --csv flags)."""
    # An account's flags: the contract's (or --statement for them) and the overdue ones.
    account = [loan_arguments(stated=True), overdue_arguments()]
    rules, options = rules_help(), options_help()
    on_account = rules + "\n" + STATEMENT_HELP + "\n"  # what follows a command on an account
    command(
        commands,
        "overdue",
        _overdue,
        parents=[*account, output],
        help="the state of an overdue account on a date",
        description="Replay the payments of a loan to a date and print what is owed.",
        epilog=on_account + EXAMPLES,
    )
    command(
        commands,
        "court",
        _court,
        parents=[*account, output],
        help="what a court would allow under a legal rule",
        description="Set what the contract claims beside what a legal rule allows, "
        "line by line, with the article that decides each line (--rule required).",
        epilog=on_account + EXAMPLES,
    )
    stated = command(
        commands,
        "court-statement",
        _court_statement,
        parents=[output],
        help="what a court would allow of a lender's statement, from the loan's origin",
        description="Hold a lender's statement (a one-record CSV or JSON file with the "
        "columns of the debts file, without creditor) within a legal rule, from what the "
        "borrower knows of the loan's origin; every assumption is printed.",
        epilog=rules + "\n" + EXAMPLES,
    )
    stated.add_argument("--statement", required=True, metavar="FILE", help="the statement")
    ORIGIN.add(stated)
    rule_arguments(stated, required=True)
    stated.set_defaults(as_of=None)
    chain = command(
        commands,
        "rollover",
        _rollover,
        parents=[output],
        help="a chain of rolled-over IOUs: the principal a court recognises",
        description="Follow a chain of IOUs, each written when accounts were settled with "
        "the interest rolled into principal (借新还旧), and print the principal a court "
        "recognises of each and the enforceable claim (Provisions on Private Lending art. 27).",
        epilog=rules + "\n" + EXAMPLES,
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
    chain.add_argument("--as-of", type=a_date, required=True, help="date of the claim")
    rule_arguments(chain, required=False, default="china-private")
    choices = command(
        commands,
        "compare",
        _compare,
        parents=[*account, output],
        help="compare relief options",
        description="Compare relief options on an overdue account.",
        epilog=options + "\n" + on_account + EXAMPLES,
    )
    option_arguments(choices, "a relief option (see below; repeatable)")
    COMPARE.add(choices)
    paper = command(
        commands,
        "brief",
        _brief,
        parents=account,
        help="a negotiation brief to send the lender (HTML or Markdown, en or zh)",
        description="Write a negotiation brief for an overdue loan: what is owed and what "
        "delay adds, what the law allows (--rule), the options side by side, the plan "
        "for a budget (--budget), and a draft request to the lender. Markdown on the "
        "terminal, or a file with --output (.html: a page that prints on A4; .md).",
        epilog=options + "\n" + on_account + _BRIEF_HELP,
    )
    option_arguments(paper, "a relief option (as compare; default: seven common ones)")
    brief_arguments(paper)
