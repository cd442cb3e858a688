"""The command line's one table of parameters: each flag, the library parameter it fills.

Every constructor the command line builds is described here once, as a :class:`Spec`:
the callable, one :class:`Param` row per flag (the flag, the library parameter it
fills, how argparse reads the text, the help), and the parameters deliberately left
without a flag, each with the reason. From a spec come a command's argparse arguments
(:meth:`Spec.add`), the library call (:meth:`Spec.call`) and the flag named by an error
(:meth:`Spec.flags`). A flag's default is read from the library (the signature's or
the dataclass field's default, by :func:`library_default`), never copied: change a
default in the library and the command line follows.

The relief options of ``--option`` (:data:`OPTIONS`, one row per spelling, each a lever
of :mod:`loanrelief._relief.levers`) and the legal rules of ``--rule`` (:data:`RULES`,
each a rule of :mod:`loanrelief.law`) are tables in the same way. ``--rule`` means a
legal rule everywhere; a card's interest rule is ``--interest-rule``.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import inspect
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loanrelief._foundations.errors import LoanReliefError
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.stated import Origin
from loanrelief._loans.terms import Loan
from loanrelief._relief import levers
from loanrelief._relief.levers import Lever
from loanrelief.cards._terms import Card
from loanrelief.law import (
    AnnualRateCap,
    ChinaFinancialLoans,
    ChinaPrivateLending,
    LPRTable,
    Rule,
    TotalCostCap,
    UKHighCostShortTerm,
)

__all__ = [
    "CARD",
    "LOAN",
    "OPTIONS",
    "ORIGIN",
    "PENALTY",
    "ROWS",
    "RULES",
    "Param",
    "RuleSpec",
    "Spec",
    "a_date",
    "flags",
    "library_default",
    "option_levers",
    "rule_of",
]


def a_date(text: str) -> date:
    """Read a flag's ``YYYY-MM-DD`` (argparse's type for every date flag).

    >>> a_date("2024-01-15")
    datetime.date(2024, 1, 15)
    """
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def library_default(target: Callable[..., Any], name: str) -> Any:
    """Return the default the library gives parameter ``name`` of ``target``.

    Read from the signature (a dataclass's ``__init__`` carries its fields' defaults);
    ``inspect.Parameter.empty`` when the parameter is required.

    >>> library_default(Loan, "method")
    <Method.ANNUITY: 'annuity'>
    """
    return inspect.signature(target).parameters[name].default


def shown(value: object) -> str:
    """Write a default as a user types it: an option's value, ``none`` for ``None``.

    >>> shown(library_default(Loan, "frequency")), shown(None)
    ('monthly', 'none')
    """
    if isinstance(value, enum.Enum):
        return str(value.value)
    return "none" if value is None else str(value)


@contextlib.contextmanager
def flags(names: Mapping[str, str]) -> Iterator[None]:
    """Re-raise a library error about a parameter as one about the flag that fills it.

    The user typed ``--rate 18``, not ``annual_rate='18'``: the message names the flag.
    """
    try:
        yield
    except LoanReliefError as error:
        root = error.field.split("[", 1)[0].split(".", 1)[0]
        flag = names.get(root)
        if flag is None:
            raise
        raise type(error)(flag, error.value, error.valid) from None


@dataclass(frozen=True)
class Param:
    """One flag: the library parameter it fills, how it is read, and its help.

    ``name`` is the library parameter, by default the flag's own name (``--grace-days``
    fills ``grace_days``). ``parse`` is argparse's type (``None``: the text goes to the
    library, whose parsers read amounts, rates and options); a parameter whose library
    default is ``False`` is a switch. ``fallback`` says where an unset flag's value
    comes from other than the library (a statement file), in which case the flag's
    default is unset and the call leaves the parameter out unless the command fills it.

    >>> Param("--grace-days", "days of grace").name, Param("--apr", "", name="annual_rate").name
    ('grace_days', 'annual_rate')
    """

    flag: str
    help: str
    name: str = ""
    parse: Callable[[str], Any] | None = None
    metavar: str | None = None
    fallback: str | None = None

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.dest)

    @property
    def dest(self) -> str:
        """The attribute of argparse's namespace that holds the flag's value."""
        return self.flag.removeprefix("--").replace("-", "_")


@dataclass(frozen=True)
class Spec:
    """A callable the command line builds: its flags and its parameters without one.

    ``hidden`` maps each parameter with no flag to the reason it has none;
    ``exclusive`` lists flags of which at most one may be given.
    """

    target: Callable[..., Any]
    title: str
    params: tuple[Param, ...]
    hidden: Mapping[str, str] = field(default_factory=dict)
    exclusive: tuple[tuple[str, ...], ...] = ()

    def param(self, flag: str) -> Param:
        """Return the row of ``flag``."""
        return next(p for p in self.params if p.flag == flag)

    def default(self, param: Param) -> Any:
        """Return the flag's default: the library's, or ``None`` if it has none here."""
        value = library_default(self.target, param.name)
        if value is inspect.Parameter.empty or param.fallback is not None:
            return None
        return value

    def add(
        self,
        parser: argparse.ArgumentParser,
        *,
        skip: Sequence[str] = (),
        required: bool = True,
        examples: Mapping[str, Any] | None = None,
    ) -> None:
        """Add the spec's flags (but ``skip``) to ``parser``, in a group of their own.

        A parameter the library requires is a required flag unless ``required`` is
        false (the command checks it: ``--statement`` may stand for it) or
        ``examples`` gives it a value to show (``demo``).
        """
        group = parser.add_argument_group(self.title)
        chosen = {flag for names in self.exclusive for flag in names}
        together = {
            names: group.add_mutually_exclusive_group()
            for names in self.exclusive
            if not set(names) & set(skip)
        }
        for param in self.params:
            if param.flag in skip:
                continue
            home: Any = group
            if param.flag in chosen:
                home = next(g for names, g in together.items() if param.flag in names)
            self._add(home, param, required=required, examples=examples or {})

    def _add(
        self, home: Any, param: Param, *, required: bool, examples: Mapping[str, Any]
    ) -> None:
        library = library_default(self.target, param.name)
        default = self.default(param)
        if param.flag in examples:
            default = examples[param.flag]
        needed = library is inspect.Parameter.empty and param.fallback is None
        if library is False:  # a switch
            ROWS[home.add_argument(param.flag, action="store_true", help=param.help)] = (
                self,
                param,
            )
            return
        text = param.help
        if isinstance(library, enum.Enum):
            text += ": " + ", ".join(str(item.value) for item in type(library))
        if param.fallback is not None:
            text += f" (default: {param.fallback})"
        elif needed and param.flag in examples:
            text += f" (default here: {shown(default)})"
        elif not needed and library is not None:
            text += f" (default {shown(library)})"
        ROWS[
            home.add_argument(
                param.flag,
                type=param.parse,
                default=default,
                required=needed and required and param.flag not in examples,
                metavar=param.metavar,
                help=text.replace("%", "%%"),
            )
        ] = (self, param)

    def flags(self, **more: str) -> dict[str, str]:
        """Return each parameter's flag (and ``more``), for :func:`flags`."""
        return {p.name: p.flag for p in self.params} | more

    def call(self, args: argparse.Namespace, **given: Any) -> Any:
        """Call the target with the flags' values, ``given`` overriding.

        A flag with a ``fallback`` left unset is left out, so the library's own
        default applies; an error about a parameter names its flag.
        """
        values: dict[str, Any] = {}
        for param in self.params:
            if not hasattr(args, param.dest):
                continue
            value = getattr(args, param.dest)
            if param.fallback is not None and value is None:
                continue
            values[param.name] = value
        with flags(self.flags()):
            return self.target(**(values | given))


# The row each generated argparse action was made from (the tests read the parser by it).
ROWS: weakref.WeakKeyDictionary[argparse.Action, tuple[Spec, Param]] = weakref.WeakKeyDictionary()

LOAN = Spec(
    Loan,
    "loan",
    (
        Param("--principal", "amount lent, e.g. 50000"),
        Param("--rate", "annual rate as a fraction, e.g. 0.18", name="annual_rate"),
        Param("--term", "number of instalments", parse=int),
        Param("--start", "date the money is advanced, YYYY-MM-DD", parse=a_date),
        Param("--method", "repayment method"),
        Param("--frequency", "payment frequency"),
        Param(
            "--amortization-term",
            "for balloon loans: periods the payment is computed over",
            parse=int,
        ),
        Param("--upfront-fee", "fee charged when the loan is made"),
        Param("--fee-deducted", "the upfront fee is withheld from the money paid out"),
        Param("--instalment-fee", "fee with every instalment"),
        Param("--currency", "ISO 4217 code, e.g. CNY, JPY"),
        Param(
            "--interest-basis",
            "periodic (rate / periods a year) or day_count (by the days of each period)",
        ),
        Param("--loan-day-count", "the loan's day count", name="day_count"),
    ),
    hidden={
        "first_due_date": "due dates follow --start by the frequency; an odd first period "
        "is a Python-API case (Loan(first_due_date=...))",
        "end_of_month": "follows --start; a Python-API refinement of the due dates",
        "grace_periods": "a grace period is a Python-API term (Loan(grace_periods=...))",
        "grace": "only with grace_periods, which has no flag",
        "rounding": "the contract's rounding is the library's default (half even)",
        "odd_days": "only with first_due_date, which has no flag",
    },
)

PENALTY = Spec(
    PenaltyPolicy,
    "penalty",
    (
        Param("--penalty-rate", "penalty interest, annual fraction", name="annual_rate"),
        Param(
            "--penalty-multiplier",
            "penalty interest as a multiple of the contract rate, e.g. 1.5",
            name="rate_multiplier",
        ),
        Param("--compound", "penalty rate also on unpaid interest (复利)"),
        Param("--day-count", "penalty day count"),
        Param("--grace-days", "days of grace", parse=int),
        Param("--late-fee", "flat fee per missed instalment"),
    ),
    hidden={
        "base": "the penalty runs on the overdue principal (the contracts the CLI reads)",
        "interest_continues": "a Python-API term (PenaltyPolicy(interest_continues=True))",
        "grace_from": "grace runs from the due date (the library's default)",
        "late_fee_share": "a share-of-instalment late fee is a Python-API term",
        "late_fee_min": "only with late_fee_share",
        "late_fee_max": "only with late_fee_share",
        "late_fee_every_days": "a recurring late fee is a Python-API term",
        "late_fee_every_months": "a recurring late fee is a Python-API term",
        "rounding": "the library's default (half even)",
    },
    exclusive=(("--penalty-rate", "--penalty-multiplier"),),
)

CARD = Spec(
    Card,
    "card",
    (
        Param(
            "--statement-day",
            "statement day, 1 to 28",
            parse=int,
            fallback="with --statement, its date's day",
        ),
        Param(
            "--due-days",
            "days from the statement to the due date",
            parse=int,
            fallback="with --statement, from its due date; else the library's 20",
        ),
        Param("--daily-rate", "daily rate, e.g. 0.0005"),
        Param("--apr", "or an APR, charged by --periodic-rate", name="annual_rate"),
        Param("--interest-rule", "which balance bears interest"),
        Param("--periodic-rate", "the issuer's rate from the APR"),
        Param(
            "--count-statement-date",
            "the statement date's balance bears interest on that statement (US cycles)",
            name="statement_date_counted",
        ),
        Param("--minimum-share", "minimum: share of purchases"),
        Param(
            "--cash-minimum-share",
            "minimum: share of cash advances (none: as purchases)",
        ),
        Param("--credit-limit", "the credit limit"),
        Param("--intro-apr", "an introductory APR on purchases", name="intro_annual_rate"),
        Param("--intro-until", "the introductory rate's last day", parse=a_date),
        Param("--minimum-floor", "the least minimum payment"),
        Param("--minimum-rule", "how the minimum is found"),
        Param("--late-fee-share", "late fee: share of the unpaid minimum"),
        Param("--late-fee-min", "the late fee's floor"),
        Param("--late-fee-max", "the late fee's cap"),
        Param("--currency", "ISO 4217 code"),
    ),
    hidden={
        "cash_daily_rate": "cash advances at their own rate are a Python-API term",
        "cash_annual_rate": "cash advances at their own rate are a Python-API term",
        "payment_order": "payments go to fees first (the library's default)",
        "grace_needs_previous": "a Python-API refinement of the grace period",
        "cash_fee_share": "a cash-advance fee is a Python-API term",
        "cash_fee_min": "only with cash_fee_share",
        "fees_bear_interest": "a Python-API term",
        "rounding": "the library's default (half even)",
    },
)

ORIGIN = Spec(
    Origin,
    "the loan's origin",
    (
        Param("--made", "date the loan was made", parse=a_date),
        Param("--received", "amount actually received"),
        Param("--contract-rate", "the contract's annual rate", name="annual_rate"),
        Param("--term", "instalments the contract set", parse=int),
        Param("--written", "principal written, if more was withheld"),
        Param("--upfront-fee", "a fee paid apart at the start"),
        Param(
            "--paid-instalments",
            "instalments paid on their due dates",
            parse=int,
        ),
    ),
)


@dataclass(frozen=True)
class Option:
    """One spelling of ``--option``: the lever it makes and the parameter its value fills.

    ``param`` is read from the library (the lever's first parameter); ``whole`` reads
    the value as a whole number (a count of periods); ``fixed`` are keyword arguments
    the spelling always passes (``keep_fees=True``).
    """

    name: str
    lever: type[Any]
    help: str
    fixed: Mapping[str, Any] = field(default_factory=dict)

    @property
    def param(self) -> str | None:
        """The parameter the value fills: the lever's first (``None``: it takes none).

        >>> _OPTIONS["waive-fees"].param, _OPTIONS["capitalize"].param
        ('share', None)
        """
        return next(iter(inspect.signature(self.lever).parameters), None)

    @property
    def whole(self) -> bool:
        """Whether the value is a count (the lever's parameter is annotated ``int``)."""
        if self.param is None:
            return False
        return str(inspect.signature(self.lever).parameters[self.param].annotation) == "int"

    @classmethod
    def keeping_fees(cls, name: str, lever: type[Any]) -> Option:
        """Return ``NAME-keep-fees:N``: as ``NAME:N``, keeping the instalment fee on each one."""
        return cls(
            f"{name}-keep-fees",
            lever,
            f"as {name}:N, keeping the contract's instalment fee on each one",
            {"keep_fees": True},
        )

    def make(self, value: str) -> Lever:
        """Make the lever of the value after ``name:``."""
        given: dict[str, Any] = dict(self.fixed)
        if self.param is not None:
            given[self.param] = int(value) if self.whole else value
        lever: Lever = self.lever(**given)
        return lever


OPTIONS = (
    Option("extend", levers.ExtendTerm, "extend the term by N periods"),
    Option("plan", levers.InstalmentPlan, "re-schedule everything into N instalments"),
    Option("waive-interest", levers.WaiveInterest, "waive share S (0 to 1) of overdue interest"),
    Option("waive-penalty", levers.WaivePenalty, "waive share S of the penalty"),
    Option("waive-fees", levers.WaiveFees, "waive share S of the fees"),
    Option("rate", levers.ReduceRate, "cut the rate to R (a fraction)"),
    Option("holiday", levers.PaymentHoliday, "N periods without payment, interest capitalized"),
    Option("capitalize", levers.CapitalizeArrears, "add the arrears to the balance"),
    Option("freeze", levers.FreezeInterest, "stop interest, repay what is owed in N instalments"),
    Option.keeping_fees("freeze", levers.FreezeInterest),
    Option.keeping_fees("plan", levers.InstalmentPlan),
    Option("forbear", levers.ForbearPrincipal, "move amount A of principal to a balloon"),
    Option("forgive", levers.ForgivePrincipal, "forgive amount A of principal"),
    Option("settle", levers.Settlement, "settle for share S of the payoff today"),
    Option("prepay", levers.Prepay, "pay amount A of principal now, the rest over the term"),
    Option(
        "prepay-shorter",
        levers.Prepay,
        "pay amount A now, the rest at about the same payment, sooner",
        {"keep": "payment"},
    ),
)
_OPTIONS = {option.name: option for option in OPTIONS}


def option_levers(spec: str) -> list[Lever]:
    """Return the levers of one ``--option`` (levers joined by ``+`` make a package).

    >>> option_levers("capitalize+extend:12")
    [CapitalizeArrears(), ExtendTerm(periods=12)]
    """
    package = []
    for part in spec.split("+"):
        name, _, value = part.strip().partition(":")
        option = _OPTIONS.get(name)
        if option is None:
            raise LoanReliefError(
                "--option", spec, "one of " + ", ".join(_OPTIONS) + " (see --help)"
            )
        if option.param is not None and not value:
            raise LoanReliefError("--option", spec, f"{name}:VALUE, e.g. {name}:12")
        try:
            package.append(option.make(value))
        except LoanReliefError as error:
            raise type(error)("--option", spec, f"{name}: {error.valid}") from None
        except ValueError:
            raise LoanReliefError("--option", spec, f"a number after '{name}:'") from None
    return package


def options_help() -> str:
    """Return the help of ``--option``, one line per spelling, from :data:`OPTIONS`."""
    lines = ["options for --option (join levers with + to make a package):"]
    for option in OPTIONS:
        value = "" if option.param is None else ":" + _VALUE_NAMES.get(option.param, "V")
        lines.append(f"  {option.name + value:<20}{option.help}")
    return "\n".join(lines) + "\n"


_VALUE_NAMES = {"periods": "N", "count": "N", "share": "S", "annual_rate": "R", "amount": "A"}


@dataclass(frozen=True)
class RuleSpec:
    """One name of ``--rule``: the legal rule it makes, the parameter its value fills.

    ``value`` is the parameter the text after ``name:`` fills (``None``: no value),
    ``choices`` the values it may take when only some are allowed (``""``: no value);
    ``dated``: the rule takes ``--filed`` and ``--lpr``.
    """

    name: str
    rule: type[Any]
    value: str | None
    help: str
    choices: tuple[str, ...] = ()
    dated: bool = False

    def make(self, value: str, lpr: LPRTable | None, filed: date | None) -> Rule | None:
        """Make the rule of ``name:value``, or ``None`` if the value does not fit."""
        given: dict[str, Any]
        if self.choices:
            if value not in self.choices:
                return None
            given = {self.value: value} if value and self.value else {}
        elif self.value is None:
            if value:
                return None
            given = {}
        else:
            if not value:
                return None
            given = {self.value: value}
        if self.dated:
            given |= {"lpr": lpr, "filed": filed}
        rule: Rule = self.rule(**given)
        return rule


RULES = (
    RuleSpec(
        "china-private",
        ChinaPrivateLending,
        None,
        "China, private lending: 4 x one-year LPR at the contract date\n"
        "(the 24 %/36 % regime for contracts before 2020-08-20; give\n"
        "--filed for those judged after it)",
        dated=True,
    ),
    RuleSpec(
        "china-financial",
        ChinaFinancialLoans,
        "measure",
        "China, financial institutions: 24 % a year, the term's interest\n"
        "and fees on the principal in use, charges for lateness on the\n"
        "overdue principal from each due date (china-financial:together:\n"
        "every charge together on the principal outstanding)",
        choices=("", "per_due_date", "together"),
    ),
    RuleSpec(
        "uk-hcstc",
        UKHighCostShortTerm,
        None,
        "UK high-cost short-term credit (FCA CONC 5A): 0.8 % a day,\n"
        "GBP 15 default fees, 100 % total cost",
    ),
    RuleSpec(
        "cap",
        AnnualRateCap,
        "annual_rate",
        "every charge together at most annual rate R on the principal",
    ),
    RuleSpec(
        "total-cost",
        TotalCostCap,
        "share",
        "every charge together at most share S of the amount received",
    ),
)
# The rules of loanrelief.law not named by --rule, and why.
UNNAMED_RULES = {
    "LegalRule": "a rule built of limits in Python; the command line names the shipped ones",
}


def rule_of(spec: str, *, lpr: LPRTable | None = None, filed: date | None = None) -> Rule:
    """Return the legal rule named by ``--rule`` (with ``--lpr`` and ``--filed``).

    >>> rule_of("cap:0.24").annual_rate
    Fraction(6, 25)
    """
    name, _, value = spec.partition(":")
    chosen = next((r for r in RULES if r.name == name), None)
    if chosen is not None and not chosen.dated and (filed is not None or lpr is not None):
        raise LoanReliefError("--filed", filed or "--lpr", "used with --rule china-private")
    if chosen is not None:
        with flags({"annual_rate": "--rule", "share": "--rule", "filed": "--filed"}):
            rule = chosen.make(value, lpr, filed)
        if rule is not None:
            return rule
    raise LoanReliefError(
        "--rule",
        spec,
        "china-private, china-financial (or china-financial:together), uk-hcstc, cap:R or "
        "total-cost:S",
    )


def rules_help() -> str:
    """Return the help of ``--rule``, one entry per name, from :data:`RULES`."""
    lines = ["rules for --rule (what a court would allow):"]
    for rule in RULES:
        value = {"annual_rate": ":R", "share": ":S"}.get(rule.value or "", "")
        first, *rest = rule.help.split("\n")
        lines.append(f"  {rule.name + value:<20}{first}")
        lines += [" " * 22 + line for line in rest]
    return "\n".join(lines) + "\n"
