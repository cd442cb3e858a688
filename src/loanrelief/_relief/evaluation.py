"""Evaluating relief options: one outcome per option, compared side by side, and solved.

:func:`evaluate` applies levers to an account and measures the resulting plan against
a baseline; :func:`compare` does it for many options at once; :func:`solve` searches a
waterfall of concessions for the smallest one that fits a budget; :func:`lender_npv`
weighs an offer against collecting through default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, final

import numpy as np

from loanrelief._foundations.errors import (
    InvalidTypeError,
    InvalidValueError,
    LoanReliefError,
)
from loanrelief._foundations.money import (
    Rate,
    exact_decimals,
    major_of_float,
    minor_of,
    parse_rate,
    to_major,
)
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr, result_repr_of, short_repr
from loanrelief._foundations.validate import a_date, a_flag, a_sequence, an_instance, whole_number
from loanrelief._ledger.account import AccountState
from loanrelief._loans.cashflows import discounted_sum
from loanrelief._loans.plan import Plan
from loanrelief._loans.truecost import apr
from loanrelief._relief.draft import Draft, draft_from, realize
from loanrelief._relief.levers import Lever
from loanrelief.cards._book import card_award
from loanrelief.law._china import ChinaLender
from loanrelief.law._rules import Rule

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Alternative",
    "Comparison",
    "CourtAward",
    "CureNow",
    "Outcome",
    "StayOverdue",
    "compare",
    "evaluate",
]

Option = Lever | Sequence[Lever]
"""A lever, or a package of levers applied in order."""


class _Named:
    """A baseline's name: a phrase of the translation table and its fields, filled when shown.

    ``label`` is the English (the table's English, a date in ISO form, a rule by its
    name); ``label_in(lang)`` any language
    (:func:`loanrelief._presentation.levers.baseline_name`). Its repr is the call that
    makes it (``short_repr``; each baseline's dataclass sets ``repr=False``).
    """

    __slots__ = ()
    phrase: ClassVar[str]

    def fields(self) -> dict[str, object]:
        """Return the phrase's fields, as values (a date, a rule)."""
        return {}

    @property
    def label(self) -> str:
        """Names the baseline in English."""
        return self.phrase.format(
            **{key: getattr(value, "name", value) for key, value in self.fields().items()}
        )

    def label_in(self, lang: str = "en") -> str:
        """Names the baseline in a language."""
        from loanrelief._presentation.levers import baseline_name  # noqa: PLC0415 - on use

        return baseline_name(self, lang)

    __repr__ = short_repr


def _not_before(until: date, state: AccountState) -> None:
    """Refuse a baseline's payment date before the account's date."""
    if until < state.as_of:
        raise InvalidValueError("until", until, f"a date on or after {state.as_of}")


@final
@dataclass(frozen=True, slots=True, repr=False)
class CureNow(_Named):
    """Baseline: arrears, penalty and fees paid on the day; the contract continues.

    The default baseline.

    Examples
    --------
    >>> CureNow().label
    'cure now'
    """

    phrase: ClassVar[str] = "cure now"

    def plan(self, state: AccountState) -> Plan:
        """Return the baseline's plan."""
        return realize(draft_from(state), label=self.label)


@final
@dataclass(frozen=True, slots=True, repr=False)
class StayOverdue(_Named):
    """Baseline: nothing is paid until ``until``, when the whole payoff is paid.

    Penalty keeps accruing to that date under the account's policy, caps included.

    Examples
    --------
    >>> StayOverdue(date(2025, 1, 1)).label
    'stay overdue until 2025-01-01'
    """

    until: date
    phrase: ClassVar[str] = "stay overdue until {until}"

    def __post_init__(self) -> None:
        a_date(self.until, "until")

    def fields(self) -> dict[str, object]:
        """Return the phrase's field: the date."""
        return {"until": self.until}

    def plan(self, state: AccountState) -> Plan:
        """Return the baseline's plan: one payment of the payoff on ``until``."""
        _not_before(self.until, state)
        return _payoff_plan(state, state.on(self.until), self.label)


@final
@dataclass(frozen=True, slots=True, repr=False)
class CourtAward(_Named):
    """Baseline: what a court would award on ``until`` under a legal rule, paid that day.

    The account's payments replayed under ``rule`` (:func:`loanrelief.court_view`'s
    enforceable payoff), with charges accruing to ``until`` as far as the rule allows,
    paid in one payment: each offer is then measured against what can actually be
    claimed. A card's account (:meth:`CardHistory.account()
    <loanrelief.cards.CardHistory.account>`) gives it from the card's own replay under the
    rule (:func:`loanrelief.cards.card_court_view`): the account carries the card
    (``state.card``) and ``cards._book.card_award`` computes the award from it.

    Examples
    --------
    >>> import loanrelief as lr
    >>> CourtAward(date(2025, 1, 1), lr.law.ChinaFinancialLoans()).label
    'court award under China, financial loans (24 %) on 2025-01-01'
    """

    until: date
    rule: Rule
    phrase: ClassVar[str] = "court award under {rule} on {until}"

    def __post_init__(self) -> None:
        a_date(self.until, "until")
        if not isinstance(self.rule, Rule):
            raise InvalidTypeError("rule", self.rule, "a legal Rule (see loanrelief.law)")

    def fields(self) -> dict[str, object]:
        """Return the phrase's fields: the rule and the date."""
        return {"rule": self.rule, "until": self.until}

    def plan(self, state: AccountState) -> Plan:
        """Return the baseline's plan: one payment of the enforceable payoff on ``until``."""
        _not_before(self.until, state)
        awarded = card_award(state, self.until, self.rule)
        if awarded is not None:
            return _one_payment(state, self.until, awarded, self.label)
        return _payoff_plan(state, state.on(self.until, rule=self.rule), self.label)


def _payoff_plan(state: AccountState, later: AccountState, label: str) -> Plan:
    """One payment of ``later``'s payoff on its date, split by component."""
    fees = later.fees + later.costs
    parts = {
        "principal": later.outstanding_principal,
        "interest": later.payoff - later.outstanding_principal - later.penalty - fees,
        "penalty": later.penalty,
        "fees": fees,
    }
    return _one_payment(state, later.as_of, parts, label)


def _one_payment(state: AccountState, day: date, parts: Mapping[str, Decimal], label: str) -> Plan:
    """One payment on ``day`` of ``parts`` (principal, interest, penalty, fees)."""
    digits = state.loan.digits

    def minor(value: Decimal) -> int:
        return minor_of(value, digits)

    names = ("principal", "interest", "penalty", "fees")
    return Plan.from_minor(
        as_of=state.as_of,
        dates=[day],
        columns={name: [minor(parts.get(name, Decimal(0)))] for name in names},
        digits=digits,
        debt=minor(state.payoff),
        waived={},
        label=label,
    )


Baseline = CureNow | StayOverdue | CourtAward


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """A package a solver weighed and did not choose, and why.

    Attributes
    ----------
    label : str
        The package.
    regular_payment : Decimal
        Its regular payment.
    present_value, lender_present_value : Decimal or None
        Its payments discounted at the borrower's and the lender's rates, where it
        fitted the budget and was evaluated (None where its payment was too high).
    reason : str
        Why it was not chosen: above the budget, or worse for the objective.
    levers : tuple
        The package's levers, in order (for its name in another language).
    reason_phrase : str
        The reason's template in the translation table (empty for a reason given
        as text only), filled by ``reason_fields``: the reason in any language.
    reason_fields : tuple of (str, str)

    Examples
    --------
    >>> import loanrelief as lr
    >>> other = Alternative(label="freeze, 36 instalments", regular_payment=Decimal("261.85"),
    ...                     present_value=None, lender_present_value=None,
    ...                     reason="worth 9,120.00 to the lender, against 9,400.00",
    ...                     levers=(lr.FreezeInterest(36),),
    ...                     reason_phrase="worth {value} to the lender, against {chosen}",
    ...                     reason_fields=(("value", "9,120.00"), ("chosen", "9,400.00")))
    >>> other.label_in("zh"), other.reason_in("en") == other.reason
    ('停息挂账，分36期', True)
    """

    label: str
    regular_payment: Decimal
    present_value: Decimal | None
    lender_present_value: Decimal | None
    reason: str
    levers: tuple[Lever, ...] = ()
    reason_phrase: str = ""
    reason_fields: tuple[tuple[str, str], ...] = ()

    __repr__ = result_repr_of("label", "regular_payment", "reason")

    def label_in(self, lang: str = "en") -> str:
        """Name the package in a language: its levers' names (:func:`lever_label`)."""
        from loanrelief._presentation.levers import option_name  # noqa: PLC0415 - on use

        return option_name(self.levers, self.label, lang)

    def reason_in(self, lang: str = "en") -> str:
        """Say why it was not chosen, in a language (``reason`` where no template is kept)."""
        from loanrelief._presentation.outcomes import alternative_reason  # noqa: PLC0415

        return alternative_reason(self, lang)


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Outcome(Rendered):
    """What an option means for borrower and lender.

    Attributes
    ----------
    label : str
    levers : tuple
        The levers applied, in order.
    plan : Plan
        The payments from the negotiation date on.
    baseline : Plan
        The plan compared against.
    first_payment, regular_payment, max_payment : Decimal
        The first payment, what must be afforded each period after it, the largest.
    payments_count : int
    end_date : datetime.date
    total_paid, total_principal, total_interest, total_penalty, total_fees : Decimal
        ``total_paid = total_principal + total_interest + total_penalty + total_fees``.
    waived : dict of str to Decimal
        Waived or forgiven, by component.
    total_waived : Decimal
    present_value : Decimal
        The payments discounted at the borrower's rate (annual, effective, actual/365).
    apr : float or None
        The annual rate the payments imply on the debt of the day (US rule); None
        when it cannot be defined (everything paid on the day) or passes 1e15 (a debt
        of a few units left after the day's payment, against larger later payments).
    saving, saving_present_value : Decimal
        The baseline's total and present value less this plan's (positive: cheaper).
    lender_present_value : Decimal
        The payments discounted at the lender's rate.
    alternatives : tuple of Alternative
        From :func:`~loanrelief.solve`: the other packages it weighed and why each was
        not chosen (empty otherwise).
    above_payoff : Decimal
        How much more than the payoff on the negotiation date the option pays in all
        (:attr:`Plan.above_payoff <loanrelief.Plan.above_payoff>`; 0 if not more), and
        ``exceeds_payoff`` whether it does; ``above_baseline`` the same against the
        baseline's total (``max(-saving, 0)``). Its text and the comparison's say so.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 15))
    >>> outcome = lr.evaluate(state, lr.WaiveFees(share=1))
    >>> parts = (outcome.total_principal, outcome.total_interest, outcome.total_penalty,
    ...          outcome.total_fees)
    >>> outcome.total_paid == sum(parts)
    True
    """

    label: str
    levers: tuple[Lever, ...]
    plan: Plan
    baseline: Plan
    first_payment: Decimal
    regular_payment: Decimal
    max_payment: Decimal
    payments_count: int
    end_date: date
    total_paid: Decimal
    total_principal: Decimal
    total_interest: Decimal
    total_penalty: Decimal
    total_fees: Decimal
    waived: dict[str, Decimal]
    total_waived: Decimal
    present_value: Decimal
    apr: float | None
    saving: Decimal
    saving_present_value: Decimal
    lender_present_value: Decimal
    alternatives: tuple[Alternative, ...] = ()

    @property
    def above_payoff(self) -> Decimal:
        """How much more than the payoff on the negotiation date the option pays (or 0).

        ``max(total_paid - payoff, 0)``, from the plan (:attr:`Plan.above_payoff
        <loanrelief.Plan.above_payoff>`).

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> loan = lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1))
        >>> outcome = lr.evaluate(lr.account_state(loan, as_of=date(2024, 4, 11)),
        ...                       lr.ExtendTerm(6))
        >>> outcome.above_payoff, outcome.exceeds_payoff, outcome.above_baseline
        (Decimal('714.11'), True, Decimal('281.84'))
        """
        return self.plan.above_payoff

    @property
    def exceeds_payoff(self) -> bool:
        """Whether the option pays more in all than the payoff on the negotiation date."""
        return self.plan.exceeds_payoff

    @property
    def above_baseline(self) -> Decimal:
        """How much more than the baseline the option pays in all: ``max(-saving, 0)``."""
        return -self.saving if self.saving < 0 else abs(self.saving * 0)

    @property
    def payment(self) -> Decimal:
        """The payment the option asks: the regular one, or a one-payment option's.

        A settlement paid at once has no regular payment (0.00); its payment is that
        one payment. Charts and the brief show this.
        """
        return self.regular_payment or self.first_payment

    def label_in(self, lang: str = "en", *, lender: ChinaLender | str | None = None) -> str:
        """Name the option in a language: its levers' names (:func:`lever_label`).

        With no lever (the baseline itself), the baseline's name where the
        translation table has it; to a private lender (``lender=``) in its Chinese words.

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> state = lr.account_state(lr.Loan(20000, "0.24", 24, start=date(2023, 12, 15)),
        ...                          as_of=date(2024, 5, 1))
        >>> outcome = lr.evaluate(state, lr.CapitalizeArrears(), lr.WaivePenalty(share=1))
        >>> outcome.label_in("zh"), outcome.label_in("zh", lender="private")
        ('逾期欠款转入本金，减免罚息100%', '逾期欠款转入本金，减免逾期利息100%')
        """
        from loanrelief._presentation.levers import option_name  # noqa: PLC0415 - on use

        return option_name(self.levers, self.label, lang, lender=lender)

    __repr__ = result_repr_of("label", "regular_payment", "total_paid", "saving")

    _renders: ClassVar[str] = "loanrelief._presentation.outcomes:outcome"


def present_value_of(plan: Plan, rate: float) -> Decimal:
    """Return a plan's payments discounted at an annual rate (actual/365), in its currency."""
    dates, flows = plan.flows()  # each payment's float, as the batch makes it
    if len(dates) == 1:
        return to_major(0, plan.digits)
    years = np.array([(day - plan.as_of).days for day in dates[1:]]) / 365.0
    value = discounted_sum(rate, years, np.array(flows[1:]))  # act/365, as xnpv
    return major_of_float(float(value), plan.digits)


def _plan_apr(plan: Plan) -> float | None:
    dates, flows = plan.flows()
    if all(day == plan.as_of for day in dates[1:]) or sum(flows[1:]) <= 0:
        return None
    try:
        rate = apr(dates, flows)
    except LoanReliefError:
        return None
    # A debt of a few units left after the day's payment, against later payments of
    # hundreds, implies a rate past any meaning (1e167): no rate is given for it.
    return rate if abs(rate) <= _MOST_APR else None


_MOST_APR = 1e15  # the largest rate the library shows (i18n.format_rate)


def _rate_or_contract(value: Rate | None, state: AccountState, name: str) -> float:
    if value is None:
        return float(state.loan.rate)
    return float(parse_rate(value, field=name))


def as_package(option: Option, field: str = "option") -> tuple[Lever, ...]:
    """Return an option (a lever or a sequence of them) as a tuple of levers, checked.

    Errors name ``field`` (``option``, ``options[2]``), and the lever's place in a
    package (``option[1]``). A package is any sequence (:func:`a_sequence`: not a
    string, a 0-d array or a masked array with values missing).
    """
    if isinstance(option, Lever):
        return (option,)
    if not isinstance(option, Iterable) or isinstance(option, str | bytes | dict):
        raise InvalidTypeError(field, option, "a lever, or a sequence of levers")
    try:
        given = a_sequence(option, field)
    except InvalidTypeError:  # a 0-d array, say: its own message
        raise InvalidTypeError(field, option, "a lever, or a sequence of levers") from None
    for k, lever in enumerate(given):
        if not isinstance(lever, Lever):
            raise InvalidTypeError(f"{field}[{k}]", lever, "a lever: an object with apply(draft)")
    return given


def as_options(options: object, field: str = "options") -> list[tuple[Lever, ...]]:
    """Return options (a sequence of levers or packages) as packages, each checked.

    The one check of "options" for every function that takes several
    (:func:`compare`, :func:`~loanrelief.brief`, :func:`~loanrelief.batch.compare_levers`):
    a sequence (:func:`a_sequence`), each item a lever or a package of them
    (:func:`as_package`, naming ``options[2]`` or ``options[2][1]``).

    Examples
    --------
    >>> import loanrelief as lr
    >>> as_options([lr.ExtendTerm(6), [lr.CapitalizeArrears(), lr.ExtendTerm(6)]])[1]
    (CapitalizeArrears(), ExtendTerm(periods=6))
    >>> as_options(np.array(lr.ExtendTerm(6)))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTypeError: options=array(ExtendTerm(periods=6), dtype=object) ...
    """
    given = a_sequence(options, field)
    return [as_package(option, f"{field}[{k}]") for k, option in enumerate(given)]


def applied(state: AccountState, levers: Sequence[Lever], field: str = "levers") -> Draft:
    """Return the draft of ``state`` after ``levers``, each checked to return a draft.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(1200, "0.1", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 3, 1))
    >>> applied(state, [lr.ExtendTerm(6)]).term
    16
    """
    draft = draft_from(state)
    for k, lever in enumerate(levers):
        draft = lever.apply(draft)
        if not isinstance(draft, Draft):
            raise InvalidTypeError(
                f"{field}[{k}]", lever, "a lever whose apply(draft) returns a Draft"
            )
    return draft


def _baseline(baseline: object) -> Baseline:
    if baseline is None:
        return CureNow()
    if not isinstance(baseline, CureNow | StayOverdue | CourtAward):
        raise InvalidTypeError(
            "baseline", baseline, "CureNow(), StayOverdue(until), CourtAward(until, rule) or None"
        )
    return baseline


def package_label(levers: Sequence[Lever]) -> str:
    """Name a package of levers in English: their labels (or class names), joined by commas.

    In another language, :func:`loanrelief._presentation.levers.package_name`.
    """
    return ", ".join(getattr(lever, "label", type(lever).__name__) for lever in levers)


@exact_decimals
def evaluate(
    state: AccountState,
    *levers: Lever,
    discount_rate: Rate | None = None,
    lender_rate: Rate | None = None,
    baseline: Baseline | None = None,
) -> Outcome:
    """Apply levers to an account, in order, and measure the plan they make.

    Parameters
    ----------
    state : AccountState
        The account on the negotiation date (:func:`loanrelief.account_state`).
    *levers : Lever
        The relief options, applied in order (none: the baseline itself).
    discount_rate : float, str or Decimal, optional
        The borrower's annual rate for present values; the loan's contract rate by
        default.
    lender_rate : float, str or Decimal, optional
        The lender's annual rate (cost of funds); the contract rate by default.
    baseline : CureNow or StayOverdue, default CureNow()
        What the option is compared with.

    Returns
    -------
    Outcome

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    >>> paid = [lr.Payment(r.due_date, r.payment) for r in lr.amortize(loan)[:2]]
    >>> state = lr.account_state(loan, paid, as_of=date(2024, 7, 1),
    ...                          penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> outcome = lr.evaluate(state, lr.CapitalizeArrears(), lr.ExtendTerm(12))
    >>> outcome.regular_payment, outcome.payments_count, outcome.saving
    (Decimal('1972.59'), 31, Decimal('-6045.86'))
    """
    if not isinstance(state, AccountState):
        raise InvalidTypeError("state", state, "an AccountState (from loanrelief.account_state)")
    chosen = as_package(levers, "levers")
    return measured(state, chosen, Yardstick.of(state, discount_rate, lender_rate, baseline))


@dataclass(frozen=True, slots=True)
class Yardstick:
    """What every option on one account is measured with: the rates and the baseline."""

    borrower: float
    lender: float
    base: Plan
    base_value: Decimal  # the baseline's present value at the borrower's rate

    @staticmethod
    def of(
        state: AccountState,
        discount_rate: Rate | None,
        lender_rate: Rate | None,
        baseline: Baseline | None,
    ) -> Yardstick:
        base = _baseline(baseline).plan(state)
        borrower = _rate_or_contract(discount_rate, state, "discount_rate")
        lender = _rate_or_contract(lender_rate, state, "lender_rate")
        return Yardstick(borrower, lender, base, present_value_of(base, borrower))


def package_plan(state: AccountState, chosen: tuple[Lever, ...], default: str) -> Plan:
    """Return the plan of a package of levers (checked), labelled by them (else ``default``)."""
    plan = realize(applied(state, chosen), label=package_label(chosen) or default)
    plan.package = chosen
    return plan


def measured(
    state: AccountState, chosen: tuple[Lever, ...], measure: Yardstick, plan: Plan | None = None
) -> Outcome:
    """Return the outcome of a package of levers (checked) on ``state``.

    ``plan`` is the package's plan if the caller has made it already
    (:func:`package_plan`).
    """
    base, borrower, lender = measure.base, measure.borrower, measure.lender
    if plan is None:
        plan = package_plan(state, chosen, base.label) if chosen else base
    value = present_value_of(plan, borrower)
    return Outcome(
        label=plan.label,
        levers=chosen,
        plan=plan,
        baseline=base,
        first_payment=plan.first_payment,
        regular_payment=plan.regular_payment,
        max_payment=plan.max_payment,
        payments_count=len(plan),
        end_date=plan.end_date,
        total_paid=plan.total_paid,
        total_principal=plan.total_principal,
        total_interest=plan.total_interest,
        total_penalty=plan.total_penalty,
        total_fees=plan.total_fees,
        waived=plan.waived,
        total_waived=plan.total_waived,
        present_value=value,
        apr=_plan_apr(plan),
        saving=base.total_paid - plan.total_paid,
        saving_present_value=measure.base_value - value,
        lender_present_value=present_value_of(plan, lender),
    )


# The metrics of an outcome a comparison sorts by and tabulates.
METRICS = (
    "first_payment",
    "regular_payment",
    "payments_count",
    "end_date",
    "total_paid",
    "total_interest",
    "total_penalty",
    "total_fees",
    "total_waived",
    "present_value",
    "apr",
    "saving",
    "saving_present_value",
    "lender_present_value",
    "above_payoff",
)


@final
@dataclass(frozen=True, slots=True, eq=False)
class Comparison(Rendered):
    """Outcomes of several options on one account, side by side.

    Attributes
    ----------
    outcomes : tuple of Outcome
        One per option, in the order given (or sorted).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(8000, "0.18", 12, start=date(2024, 2, 1)),
    ...                          as_of=date(2024, 6, 1))
    >>> table = lr.compare(state, [lr.ExtendTerm(6), lr.WaiveInterest(share=1)])
    >>> [outcome.label for outcome in table.sort_by("total_paid")]
    ['waive 100 % of overdue interest', 'extend 6 periods']
    """

    outcomes: tuple[Outcome, ...]
    state: AccountState = field(repr=False)
    baseline: Baseline | None = field(default=None, repr=False)
    discount_rate: Rate | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        given = a_sequence(self.outcomes, "outcomes")
        for k, outcome in enumerate(given):
            an_instance(outcome, Outcome, f"outcomes[{k}]", "an Outcome (from evaluate)")
        object.__setattr__(self, "outcomes", given)
        an_instance(self.state, AccountState, "state", "an AccountState (from account_state)")
        if self.baseline is not None:
            _baseline(self.baseline)
        if self.discount_rate is not None:
            parse_rate(self.discount_rate, field="discount_rate")

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def __getitem__(self, index: int) -> Outcome:
        return self.outcomes[index]

    @exact_decimals
    def sort_by(self, metric: str, *, descending: bool = False) -> Comparison:
        """Return the comparison sorted by a metric (any :class:`Outcome` attribute)."""
        if not isinstance(metric, str) or metric not in METRICS:
            raise InvalidValueError("metric", metric, "one of " + ", ".join(METRICS))
        descending = a_flag(descending, "descending")

        def key(outcome: Outcome) -> Any:
            value = getattr(outcome, metric)
            return (value is None, value if value is not None else 0)

        ordered = tuple(sorted(self.outcomes, key=key, reverse=descending))
        return Comparison(ordered, self.state, self.baseline, self.discount_rate)

    @exact_decimals
    def marginal(self, index: int) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """Return what each lever of option ``index`` adds, in order.

        Returns
        -------
        list of (label, change of regular payment, change of total paid, change of
        present value), each against the package without that lever and those after
        it.
        """
        count = len(self.outcomes)
        outcome = self.outcomes[whole_number(index, "index", -count, count - 1)]
        options = {"baseline": self.baseline, "discount_rate": self.discount_rate}
        effects = []
        before = evaluate(self.state, **options)  # type: ignore[arg-type]
        for k, lever in enumerate(outcome.levers):
            after = evaluate(self.state, *outcome.levers[: k + 1], **options)  # type: ignore[arg-type]
            effects.append(
                (
                    getattr(lever, "label", type(lever).__name__),
                    after.regular_payment - before.regular_payment,
                    after.total_paid - before.total_paid,
                    after.present_value - before.present_value,
                )
            )
            before = after
        return effects

    def plot(self, *, lang: str = "en") -> Any:
        """Chart payment, total paid and present value per option (a matplotlib Figure).

        See :func:`loanrelief._presentation.plot.plot_comparison`; requires matplotlib.
        """
        from loanrelief._presentation.plot import plot_comparison  # noqa: PLC0415 - optional, on use

        return plot_comparison(self, lang=lang)

    def to_pandas(self, *, lang: str = "en") -> pd.DataFrame:
        """Return one row per option with every metric (money as float).

        In English (the default) the columns are the :class:`Outcome` attribute names;
        with ``lang="zh"`` the options and the columns are named in Chinese
        (:func:`loanrelief._presentation.outcomes.comparison_frame`).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.
        """
        from loanrelief._presentation.outcomes import comparison_frame  # noqa: PLC0415 - on use

        return comparison_frame(self, lang)

    _renders: ClassVar[str] = "loanrelief._presentation.outcomes:comparison"

    def __repr__(self) -> str:
        return result_repr(self, labels=tuple(outcome.label for outcome in self.outcomes))


@exact_decimals
def compare(
    state: AccountState,
    options: Iterable[Option],
    *,
    discount_rate: Rate | None = None,
    lender_rate: Rate | None = None,
    baseline: Baseline | None = None,
) -> Comparison:
    """Evaluate several options — levers or packages of levers — on one account.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 6, 20))
    >>> table = lr.compare(state, [lr.ExtendTerm(6), [lr.CapitalizeArrears(), lr.ExtendTerm(6)]])
    >>> [label for label, *_ in table.marginal(1)]
    ['capitalize arrears', 'extend 6 periods']
    """
    if not isinstance(state, AccountState):
        raise InvalidTypeError("state", state, "an AccountState (from loanrelief.account_state)")
    packages = as_options(options)
    measure = Yardstick.of(state, discount_rate, lender_rate, baseline)  # once for every option
    outcomes = tuple(measured(state, chosen, measure) for chosen in packages)
    return Comparison(outcomes, state, baseline, discount_rate)
