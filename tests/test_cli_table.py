"""The command line's table against the library: levers, rules, defaults, parameters."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import inspect
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief import cards, law
from loanrelief._cli import cli, table
from loanrelief._relief import levers
from tests.strategies import annual_rates, start_dates


def _leaves(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every parser that runs a command, by its command line (``card horizon``)."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                inner = _leaves(child)
                found |= {f"{name} {k}": v for k, v in inner.items()} or {name: child}
    return found


COMMANDS = _leaves(cli.parser())


def test_every_builtin_lever_has_an_option() -> None:
    """Each lever class of levers.__all__ is made by at least one --option spelling."""
    made = {option.lever for option in table.OPTIONS}
    built_in = {
        getattr(levers, name)
        for name in levers.__all__
        if dataclasses.is_dataclass(getattr(levers, name))
        and hasattr(getattr(levers, name), "apply")
    }
    assert built_in
    assert built_in == made


@pytest.mark.parametrize("option", table.OPTIONS, ids=lambda o: o.name)
def test_each_option_makes_its_lever(option: table.Option) -> None:
    """An --option spelling gives the lever the library makes of the same value."""
    value = {"periods": "3", "count": "12", "share": "0.5", "annual_rate": "0.1", "amount": "100"}
    text = option.name if option.param is None else f"{option.name}:{value[option.param]}"
    (lever,) = table.option_levers(text)
    expected: dict[str, Any] = dict(option.fixed)
    if option.param is not None:
        raw = value[option.param]
        expected[option.param] = int(raw) if option.whole else raw
    assert lever == option.lever(**expected)


def test_every_shipped_rule_is_selectable_by_rule() -> None:
    """Each rule class of loanrelief.law is a --rule name, or listed as not one, with why."""
    shipped = {
        name
        for name in law.__all__
        if isinstance(getattr(law, name), type)
        and getattr(law, name) is not law.Rule  # the protocol itself
        and all(hasattr(getattr(law, name), member) for member in ("limits", "recognised"))
    }
    named = {spec.rule.__name__ for spec in table.RULES}
    assert shipped == named | set(table.UNNAMED_RULES)
    assert not named & set(table.UNNAMED_RULES)
    assert all(table.UNNAMED_RULES.values())


@pytest.mark.parametrize("spec", table.RULES, ids=lambda r: r.name)
def test_each_rule_name_makes_its_rule(spec: table.RuleSpec) -> None:
    """``--rule NAME[:VALUE]`` gives the library's rule, and every command takes it."""
    value = {"annual_rate": ":0.24", "share": ":1"}.get(spec.value or "", "")
    rule = table.rule_of(spec.name + value)
    assert type(rule) is spec.rule
    assert isinstance(rule, law.Rule)
    taking = [
        name for name, parser in COMMANDS.items() if "--rule" in parser._option_string_actions
    ]
    assert {"overdue", "court", "court-statement", "compare", "brief", "rollover"} <= set(taking)
    assert not any(name.startswith("card") for name in taking)  # the card's is --interest-rule


def test_china_financial_together() -> None:
    """``china-financial:together`` measures every charge together; other values refused."""
    assert table.rule_of("china-financial:together") == law.ChinaFinancialLoans(measure="together")
    with pytest.raises(lr.LoanReliefError, match="--rule='china-financial:x'"):
        table.rule_of("china-financial:x")


@pytest.mark.parametrize("spec", cli.SPECS, ids=lambda s: s.title)
def test_every_parameter_has_a_flag_or_a_reason(spec: table.Spec) -> None:
    """Each parameter of a callable the CLI builds has one flag, or is hidden with a reason."""
    parameters = set(inspect.signature(spec.target).parameters)
    flagged = [param.name for param in spec.params]
    assert len(flagged) == len(set(flagged))  # one flag per parameter
    assert parameters == set(flagged) | set(spec.hidden)
    assert not set(flagged) & set(spec.hidden)
    assert all(reason.strip() for reason in spec.hidden.values())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_flags_default_is_the_librarys(command: str) -> None:
    """A table flag's default, on every command, is the library's default (read now)."""
    checked = 0
    for action in COMMANDS[command]._actions:
        if action not in table.ROWS:
            continue  # a flag of the command's own (--json, --paid, --statement ...)
        spec, param = table.ROWS[action]
        checked += 1
        library = table.library_default(spec.target, param.name)
        if param.fallback is not None:  # unset: from the statement, else the library's
            assert action.default is None
        elif library is inspect.Parameter.empty:  # required (or demo's loan to show)
            assert action.default is None or command == "demo"
        else:
            assert action.default == library, (action.option_strings, library)
        if isinstance(library, enum.Enum):  # the help lists the choices from the enum
            assert all(str(item.value) in (action.help or "") for item in type(library))
    assert checked or command == "rollover"


def test_one_meaning_per_flag() -> None:
    """No flag of the table fills two different kinds of thing (a legal rule, a card's)."""
    meanings: dict[str, set[str]] = {}
    for spec in cli.SPECS:
        for param in spec.params:
            meanings.setdefault(param.flag, set()).add(param.name)
    assert "--rule" not in meanings  # a legal rule, read by rule_of, never a parameter
    assert meanings["--interest-rule"] == {"interest_rule"}
    shared = {flag: names for flag, names in meanings.items() if len(names) > 1}
    # --apr is a card's APR only; --rate the loan's; --term a count of instalments
    assert shared == {}, shared


def _text(value: object) -> str:
    """Write a library value as a user types it on the command line."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _argv(spec: table.Spec, values: dict[str, Any]) -> list[str]:
    """The flags that give ``values`` (library parameter -> value) to ``spec``."""
    argv = []
    for param in spec.params:
        if param.name not in values:
            continue
        value = values[param.name]
        if value is None:
            continue  # the flag's default
        if isinstance(value, bool):
            argv += [param.flag] if value else []
        else:
            argv += [param.flag, _text(value)]
    return argv


@st.composite
def _loan_terms(draw: st.DrawFn) -> dict[str, Any]:
    """A loan's terms, each exposed parameter drawn (the hidden ones at their defaults)."""
    method = draw(st.sampled_from([m for m in lr.Method if m is not lr.Method.BALLOON]))
    terms: dict[str, Any] = {
        "principal": Decimal(draw(st.integers(10**4, 10**9))) / 100,
        "annual_rate": draw(annual_rates("0.4")),
        "term": draw(st.integers(1, 60)),
        "start": draw(start_dates()),
        "method": method,
        "frequency": draw(st.sampled_from([lr.Frequency.MONTHLY, lr.Frequency.QUARTERLY])),
        "fee_deducted": draw(st.booleans()),
        "upfront_fee": Decimal(draw(st.integers(0, 50))),
        "instalment_fee": Decimal(draw(st.integers(0, 5))),
        "currency": draw(st.sampled_from([None, "CNY", "USD"])),
        "day_count": draw(st.sampled_from([lr.DayCount.ACT_365, lr.DayCount.ACT_360])),
    }
    return terms


@given(_loan_terms())
def test_a_loan_round_trips_through_the_parser(terms: dict[str, Any]) -> None:
    """Flags -> argparse -> LOAN.call give the loan the library makes of the same values."""
    args = cli.parser().parse_args(["schedule", *_argv(table.LOAN, terms)])
    assert table.LOAN.call(args) == lr.Loan(**terms)


@given(
    st.one_of(
        st.fixed_dictionaries({"annual_rate": annual_rates("0.5")}),
        st.fixed_dictionaries({"rate_multiplier": st.sampled_from(["1", "1.3", "1.5"])}),
    ),
    st.fixed_dictionaries(
        {
            "compound": st.booleans(),
            "day_count": st.sampled_from([lr.DayCount.ACT_360, lr.DayCount.ACT_365]),
            "grace_days": st.integers(0, 15),
            "late_fee": st.sampled_from([Decimal(0), Decimal(25)]),
        }
    ),
)
def test_a_penalty_round_trips_through_the_parser(
    rate: dict[str, Any], rest: dict[str, Any]
) -> None:
    """The penalty flags give the PenaltyPolicy the library makes of the same values."""
    terms = rate | rest
    loan = ["--principal", "1000", "--rate", "0.1", "--term", "6", "--start", "2024-01-15"]
    argv = ["overdue", *loan, "--as-of", "2024-06-01", *_argv(table.PENALTY, terms)]
    args = cli.parser().parse_args(argv)
    assert table.PENALTY.call(args) == lr.PenaltyPolicy(**terms)


@given(
    st.fixed_dictionaries(
        {
            "statement_day": st.integers(1, 28),
            "due_days": st.integers(1, 27),
            "daily_rate": st.sampled_from(["0.0005", "0.0004"]),
            "interest_rule": st.sampled_from(list(cards.InterestRule)),
            "minimum_share": st.sampled_from(["0.1", "0.05"]),
            "late_fee_share": st.sampled_from(["0", "0.05"]),
            "statement_date_counted": st.booleans(),
        }
    )
)
def test_a_card_round_trips_through_the_parser(terms: dict[str, Any]) -> None:
    """The card flags give the Card the library makes of the same values."""
    argv = ["card", "statements", *_argv(table.CARD, terms), "--transaction", "2024-03-08:100"]
    args = cli.parser().parse_args(argv)
    assert table.CARD.call(args) == cards.Card(**terms)


def test_an_unset_fallback_flag_takes_the_librarys_default() -> None:
    """``--due-days`` unset (no statement): the card gets the library's own default."""
    argv = ["card", "statements", "--statement-day", "7", "--daily-rate", "0.0005"]
    args = cli.parser().parse_args(argv)
    assert args.due_days is None
    assert table.CARD.call(args).due_days == table.library_default(cards.Card, "due_days")


def test_the_help_lists_every_option_and_rule() -> None:
    """The --option and --rule help are made from the tables: every spelling is in them."""
    options, rules = table.options_help(), table.rules_help()
    assert all(f"  {option.name}" in options for option in table.OPTIONS)
    assert all(f"  {rule.name}" in rules for rule in table.RULES)


def test_the_statement_files_columns_are_the_librarys_parameters() -> None:
    """A statement file's columns are parameters of Statement, card_from_statement or Card."""
    from loanrelief._cli import inputs  # noqa: PLC0415 - the readers of the files

    statement = set(inspect.signature(lr.Statement).parameters)
    assert set(inputs.STATEMENT_KEYS) <= statement
    assert set(inputs.CARD_FIGURES) <= set(inspect.signature(cards.card_from_statement).parameters)
    assert {"statement_date", "balance", "minimum", "due_date", "past_due"} <= set(
        inputs.CARD_FIGURES
    )
