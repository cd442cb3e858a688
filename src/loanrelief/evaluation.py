"""Evaluating relief options: one outcome per option, compared side by side, and solved.

:func:`evaluate` applies levers to an account and measures the resulting plan against
a baseline; :func:`compare` does it for many options at once; :func:`solve` searches a
waterfall of concessions for the smallest one that fits a budget; :func:`lender_npv`
weighs an offer against collecting through default.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, final

from loanrelief.account import AccountState, account_state
from loanrelief.cashflows import xnpv
from loanrelief.draft import draft_from, realize
from loanrelief.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    LoanReliefError,
    MissingDependencyError,
    NoSolutionError,
)
from loanrelief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    Lever,
    ReduceRate,
)
from loanrelief.money import Money, Rate, parse_rate, to_major, to_minor
from loanrelief.plan import Plan
from loanrelief.terms import MAX_TERM
from loanrelief.truecost import apr

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Comparison",
    "waterfall",
    "CureNow",
    "LenderView",
    "Outcome",
    "StayOverdue",
    "compare",
    "evaluate",
    "lender_npv",
    "solve",
]

Option = Lever | Sequence[Lever]
"""A lever, or a package of levers applied in order."""


@final
@dataclass(frozen=True, slots=True)
class CureNow:
    """Baseline: arrears, penalty and fees paid on the day; the contract continues.

    The default baseline.

    Examples
    --------
    >>> CureNow().label
    'cure now'
    """

    @property
    def label(self) -> str:
        """Names the baseline."""
        return "cure now"

    def plan(self, state: AccountState) -> Plan:
        """Return the baseline's plan."""
        return realize(draft_from(state), label=self.label)


@final
@dataclass(frozen=True, slots=True)
class StayOverdue:
    """Baseline: nothing is paid until ``until``, when the whole payoff is paid.

    Penalty keeps accruing to that date under the account's policy, caps included.

    Examples
    --------
    >>> StayOverdue(date(2025, 1, 1)).label
    'stay overdue until 2025-01-01'
    """

    until: date

    def __post_init__(self) -> None:
        if not isinstance(self.until, date):
            raise InvalidTypeError("until", self.until, "a datetime.date")

    @property
    def label(self) -> str:
        """Names the baseline."""
        return f"stay overdue until {self.until}"

    def plan(self, state: AccountState) -> Plan:
        """Return the baseline's plan: one payment of the payoff on ``until``."""
        if self.until < state.as_of:
            raise InvalidValueError("until", self.until, f"a date on or after {state.as_of}")
        later = account_state(
            state.schedule,
            state.payments,
            as_of=self.until,
            penalty=state.penalty_policy,
            allocation=state.allocation,
        )
        digits = state.loan.digits

        def minor(value: Decimal) -> int:
            return int(value.scaleb(digits))

        columns = {
            "principal": [minor(later.outstanding_principal)],
            "interest": [
                minor(later.payoff - later.outstanding_principal - later.penalty - later.fees)
            ],
            "penalty": [minor(later.penalty)],
            "fees": [minor(later.fees)],
        }
        return Plan(
            as_of=state.as_of,
            dates=[self.until],
            columns=columns,
            digits=digits,
            debt=minor(state.payoff),
            waived={},
            label=self.label,
        )


Baseline = CureNow | StayOverdue


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Outcome:
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
        when it cannot be defined (everything paid on the day).
    saving, saving_present_value : Decimal
        The baseline's total and present value less this plan's (positive: cheaper).
    lender_present_value : Decimal
        The payments discounted at the lender's rate.
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

    def _summary(self) -> list[tuple[str, str]]:
        rate = "-" if self.apr is None else f"{self.apr * 100:.2f} %"
        return [
            ("payment", f"{self.regular_payment:,} (first {self.first_payment:,})"),
            ("payments", f"{self.payments_count}, to {self.end_date}"),
            ("total paid", f"{self.total_paid:,}"),
            ("  principal", f"{self.total_principal:,}"),
            ("  interest", f"{self.total_interest:,}"),
            ("  penalty", f"{self.total_penalty:,}"),
            ("  fees", f"{self.total_fees:,}"),
            ("waived", f"{self.total_waived:,}"),
            ("present value", f"{self.present_value:,}"),
            ("APR", rate),
            (
                f"saving vs {self.baseline.label}",
                f"{self.saving:,} (PV {self.saving_present_value:,})",
            ),
            ("lender's present value", f"{self.lender_present_value:,}"),
        ]

    def __repr__(self) -> str:
        width = max(len(name) for name, _ in self._summary())
        lines = [f"{name:<{width}}  {value}" for name, value in self._summary()]
        return f"Outcome: {self.label}\n" + "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td>"
            f"<td style='text-align:right'>{html.escape(value)}</td></tr>"
            for name, value in self._summary()
        )
        return f"<div><p><b>Outcome</b>: {html.escape(self.label)}</p><table>{rows}</table></div>"


def _present_value(plan: Plan, rate: float) -> Decimal:
    dates = plan.dates
    if not dates:
        return to_major(0, 2)
    scale = Decimal(10) ** -2
    amounts = [float(a) for a in (row.amount for row in plan.rows)]
    value = xnpv(rate, [plan.as_of, *dates], [0.0, *amounts])
    return Decimal(repr(value)).quantize(scale)


def _plan_apr(plan: Plan) -> float | None:
    dates, flows = plan.flows()
    if all(day == plan.as_of for day in dates[1:]) or sum(flows[1:]) <= 0:
        return None
    try:
        return apr(dates, flows)
    except LoanReliefError:
        return None


def _rate_or_contract(value: Rate | None, state: AccountState, name: str) -> float:
    if value is None:
        return float(state.loan.rate)
    return float(parse_rate(value, field=name))


def _levers(option: Option) -> tuple[Lever, ...]:
    levers = (option,) if isinstance(option, Lever) else tuple(option)
    for k, lever in enumerate(levers):
        if not isinstance(lever, Lever):
            raise InvalidTypeError(f"levers[{k}]", lever, "a lever: an object with apply(draft)")
    return levers


def _label(levers: Sequence[Lever]) -> str:
    return ", ".join(getattr(lever, "label", type(lever).__name__) for lever in levers)


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
    chosen = _levers(levers)
    base = (baseline or CureNow()).plan(state)
    draft = draft_from(state)
    for lever in chosen:
        draft = lever.apply(draft)
    plan = realize(draft, label=_label(chosen) or base.label) if chosen else base
    borrower = _rate_or_contract(discount_rate, state, "discount_rate")
    lender = _rate_or_contract(lender_rate, state, "lender_rate")
    value = _present_value(plan, borrower)
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
        saving_present_value=_present_value(base, borrower) - value,
        lender_present_value=_present_value(plan, lender),
    )


_METRICS = (
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
)


@final
@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """Outcomes of several options on one account, side by side.

    Attributes
    ----------
    outcomes : tuple of Outcome
        One per option, in the order given (or sorted).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> table = lr.compare(state, [lr.ExtendTerm(6), lr.WaiveInterest(share=1)])
    >>> [outcome.label for outcome in table.sort_by("total_paid")]
    ['waive 100 % of overdue interest', 'extend 6 periods']
    """

    outcomes: tuple[Outcome, ...]
    state: AccountState = field(repr=False)
    baseline: Baseline | None = field(default=None, repr=False)
    discount_rate: Rate | None = field(default=None, repr=False)

    def __iter__(self) -> Any:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def __getitem__(self, index: int) -> Outcome:
        return self.outcomes[index]

    def sort_by(self, metric: str, *, descending: bool = False) -> Comparison:
        """Return the comparison sorted by a metric (any :class:`Outcome` attribute)."""
        if metric not in _METRICS:
            raise InvalidValueError("metric", metric, "one of " + ", ".join(_METRICS))

        def key(outcome: Outcome) -> Any:
            value = getattr(outcome, metric)
            return (value is None, value if value is not None else 0)

        ordered = tuple(sorted(self.outcomes, key=key, reverse=descending))
        return Comparison(ordered, self.state, self.baseline, self.discount_rate)

    def marginal(self, index: int) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """Return what each lever of option ``index`` adds, in order.

        Returns
        -------
        list of (label, change of regular payment, change of total paid, change of
        present value), each against the package without that lever and those after
        it.
        """
        outcome = self.outcomes[index]
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

    def plot(self) -> Any:
        """Chart payment, total paid and present value per option (a matplotlib Figure).

        See :func:`loanrelief.plot.plot_comparison`; requires matplotlib.
        """
        from loanrelief.plot import plot_comparison  # noqa: PLC0415 - optional, on use

        return plot_comparison(self)

    def to_pandas(self) -> pd.DataFrame:
        """Return one row per option with every metric (money as float).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency, imported on use
        except ImportError:
            raise MissingDependencyError(
                "pandas", None, "installed: pip install 'loanrelief[pandas]'"
            ) from None
        records = []
        for outcome in self.outcomes:
            record: dict[str, Any] = {"option": outcome.label}
            for metric in _METRICS:
                value = getattr(outcome, metric)
                record[metric] = float(value) if isinstance(value, Decimal) else value
            records.append(record)
        return pd.DataFrame.from_records(records).set_index("option")

    def _table(self) -> list[tuple[str, ...]]:
        header = ("option", "payment", "payments", "total paid", "waived", "saving", "PV", "APR")
        lines: list[tuple[str, ...]] = [header]
        for o in self.outcomes:
            rate = "-" if o.apr is None else f"{o.apr * 100:.2f} %"
            lines.append(
                (
                    o.label,
                    f"{o.regular_payment:,}",
                    str(o.payments_count),
                    f"{o.total_paid:,}",
                    f"{o.total_waived:,}",
                    f"{o.saving:,}",
                    f"{o.present_value:,}",
                    rate,
                )
            )
        return lines

    def __repr__(self) -> str:
        lines = self._table()
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        rows = [
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(line, widths, strict=True))
            )
            for line in lines
        ]
        return "Comparison\n" + "\n".join(rows)

    def _repr_html_(self) -> str:
        lines = self._table()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in lines[0])
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line) + "</tr>"
            for line in lines[1:]
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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
    ...                          as_of=date(2024, 4, 11))
    >>> table = lr.compare(state, [lr.ExtendTerm(6), [lr.CapitalizeArrears(), lr.ExtendTerm(6)]])
    >>> [label for label, *_ in table.marginal(1)]
    ['capitalize arrears', 'extend 6 periods']
    """
    outcomes = tuple(
        evaluate(
            state,
            *_levers(option),
            discount_rate=discount_rate,
            lender_rate=lender_rate,
            baseline=baseline,
        )
        for option in options
    )
    return Comparison(outcomes, state, baseline, discount_rate)


_STEPS = ("capitalize", "rate", "term", "forbear")


def waterfall(
    state: AccountState,
    *,
    steps: Sequence[str] = _STEPS,
    floor_rate: Rate = "0.02",
    rate_step: Rate = "0.00125",
    max_term: int = 480,
    max_forbearance: Rate = "0.3",
    forbearance_step: Rate = "0.01",
    legal_cap: Rate | None = None,
) -> list[list[tuple[Lever, ...]]]:
    """Return the search grid of :func:`solve`: stages of packages, concessions growing.

    Each stage holds packages in order of growing concession; a package contains the
    full concession of every earlier stage. Default stages, after the US HAMP
    standard modification waterfall: capitalize arrears; cut the rate in steps of
    0.125 points to the floor; extend the term one period at a time up to
    ``max_term`` periods from the negotiation date; forbear principal in steps of 1 %
    of the balance up to ``max_forbearance`` of it. With a ``legal_cap`` (an annual
    rate the law allows, such as four times the LPR), a contract rate above it is cut
    to it in the first package, so no plan on the grid charges more than the law does.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.03", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> [len(stage) for stage in waterfall(state, max_term=12, max_forbearance="0.02")]
    [1, 8, 3, 2]
    """
    floor = parse_rate(floor_rate, field="floor_rate")
    step = parse_rate(rate_step, field="rate_step")
    if step <= 0:
        raise InvalidValueError("rate_step", rate_step, "a positive rate step")
    if (
        isinstance(max_term, bool)
        or not isinstance(max_term, int)
        or not 1 <= max_term <= MAX_TERM
    ):
        raise InvalidValueError("max_term", max_term, f"a whole number from 1 to {MAX_TERM}")
    share = parse_rate(max_forbearance, field="max_forbearance", maximum=Fraction(1))
    f_step = parse_rate(forbearance_step, field="forbearance_step", maximum=Fraction(1))
    if f_step <= 0:
        raise InvalidValueError("forbearance_step", forbearance_step, "a positive share")
    for name in steps:
        if name not in _STEPS:
            raise InvalidValueError(
                "steps", steps, "a sequence of " + ", ".join(map(repr, _STEPS))
            )
    draft = draft_from(state)
    done: tuple[Lever, ...] = ()
    if legal_cap is not None:
        cap = parse_rate(legal_cap, field="legal_cap")
        if draft.rate > cap:
            done = (ReduceRate(annual_rate=_decimal(cap)),)
            draft = done[0].apply(draft)
    stages: list[list[tuple[Lever, ...]]] = []
    for name in steps:
        stage: list[tuple[Lever, ...]] = []
        if name == "capitalize":
            stage = [(*done, CapitalizeArrears())]
        elif name == "rate":
            rate = draft.rate - step
            while rate > floor:
                stage.append((*done, ReduceRate(annual_rate=_decimal(rate))))
                rate -= step
            if draft.rate > floor:
                stage.append((*done, ReduceRate(annual_rate=_decimal(floor))))
        elif name == "term":
            stage = [(*done, ExtendTerm(extra)) for extra in range(1, max_term - draft.term + 1)]
        else:
            principal = draft.balance + draft.arrears["principal"]
            count = int(share / f_step)
            stage = [
                (*done, ForbearPrincipal(to_major(int(principal * f_step * k), draft.digits)))
                for k in range(1, count + 1)
            ]
        if stage:
            stages.append(stage)
            done = stage[-1]
    return stages


def _decimal(rate: Fraction) -> Decimal:
    return Decimal(rate.numerator) / Decimal(rate.denominator)


def solve(
    state: AccountState,
    *,
    max_payment: Money | None = None,
    payment_cut: Rate | None = None,
    steps: Sequence[str] = _STEPS,
    floor_rate: Rate = "0.02",
    rate_step: Rate = "0.00125",
    max_term: int = 480,
    max_forbearance: Rate = "0.3",
    legal_cap: Rate | None = None,
    discount_rate: Rate | None = None,
    lender_rate: Rate | None = None,
    baseline: Baseline | None = None,
) -> Outcome:
    """Find the smallest concession on the waterfall whose payment fits a budget.

    Parameters
    ----------
    state : AccountState
        The account on the negotiation date.
    max_payment : money, optional
        The most the borrower can pay each period.
    payment_cut : float, str or Decimal, optional
        Or: the share by which the contract payment must fall (0.31 for 31 %). One of
        the two.
    steps, floor_rate, rate_step, max_term, max_forbearance, legal_cap
        The waterfall (see :func:`waterfall`) and its bounds.
    discount_rate, lender_rate, baseline
        As for :func:`evaluate`.

    Returns
    -------
    Outcome
        The first package on the waterfall whose regular payment is within the budget:
        every earlier package on the grid is above it. (The waterfall orders packages
        by growing concession, so this is the smallest concession that works.)

    Raises
    ------
    NoSolutionError
        If no package fits; the message states the lowest payment reachable.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    >>> paid = [lr.Payment(r.due_date, r.payment) for r in lr.amortize(loan)[:2]]
    >>> state = lr.account_state(loan, paid, as_of=date(2024, 7, 1))
    >>> outcome = lr.solve(state, max_payment=1500)
    >>> outcome.label, outcome.regular_payment
    ('capitalize arrears, rate to 2 %, extend 15 periods', Decimal('1476.81'))
    """
    if (max_payment is None) == (payment_cut is None):
        raise InvalidTermsError(
            "max_payment", max_payment, "exactly one of max_payment= or payment_cut="
        )
    digits = state.loan.digits
    if max_payment is not None:
        target = to_minor(max_payment, field="max_payment", digits=digits, minimum=1)
    else:
        cut = parse_rate(payment_cut, field="payment_cut", maximum=Fraction(1))
        current = int(CureNow().plan(state).regular_payment.scaleb(digits))
        target = int(current * (1 - cut))
    options = {"discount_rate": discount_rate, "lender_rate": lender_rate, "baseline": baseline}
    stages = waterfall(
        state,
        steps=steps,
        floor_rate=floor_rate,
        rate_step=rate_step,
        max_term=max_term,
        max_forbearance=max_forbearance,
        legal_cap=legal_cap,
    )

    def payment(package: tuple[Lever, ...]) -> int:
        draft = draft_from(state)
        for lever in package:
            draft = lever.apply(draft)
        return int(realize(draft).regular_payment.scaleb(digits))

    lowest = None
    for stage in stages:
        if payment(stage[-1]) > target:  # the whole stage is above the budget
            lowest = stage[-1]
            continue
        low, high = 0, len(stage) - 1  # payments fall along a stage: the first that fits
        while low < high:
            middle = (low + high) // 2
            if payment(stage[middle]) <= target:
                high = middle
            else:
                low = middle + 1
        return evaluate(state, *stage[low], **options)  # type: ignore[arg-type]
    reachable = (
        to_major(payment(lowest), digits) if lowest else CureNow().plan(state).regular_payment
    )
    raise NoSolutionError(
        "max_payment",
        to_major(target, digits),
        f"at least {reachable:,}, the lowest payment the waterfall reaches",
    )


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class LenderView:
    """An offer seen by the lender, against collecting through default.

    Attributes
    ----------
    offer : Decimal
        Expected present value of the offer: kept with probability ``1 - p``, and on
        a re-default worth what a default is worth.
    default : Decimal
        Present value of collecting through default now: the recovery rate times the
        payoff, received after the recovery delay.
    gain : Decimal
        ``offer - default``: positive when the offer is rational for the lender.
    """

    offer: Decimal
    default: Decimal
    gain: Decimal


def lender_npv(
    state: AccountState,
    option: Outcome | Option,
    *,
    cost_of_funds: Rate,
    recovery_rate: Rate,
    recovery_delay: int,
    redefault_probability: Rate = 0,
) -> LenderView:
    """Weigh an offer against the lender's value of a default.

    Parameters
    ----------
    state : AccountState
        The account on the negotiation date.
    option : Outcome, lever or package
        The offer.
    cost_of_funds : float, str or Decimal
        The lender's annual discount rate.
    recovery_rate : float, str or Decimal
        Share of the payoff a default recovers (0 to 1).
    recovery_delay : int
        Days until a default's recovery is received.
    redefault_probability : float, str or Decimal, default 0
        Chance the borrower defaults again on the offer; a re-default is taken to
        happen at once and recover like a default today (a cautious simplification).

    Returns
    -------
    LenderView

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> view = lr.lender_npv(state, lr.WaiveInterest(share=1), cost_of_funds="0.05",
    ...                      recovery_rate="0.4", recovery_delay=365, redefault_probability="0.2")
    >>> view.gain > 0
    True
    """
    outcome = option if isinstance(option, Outcome) else evaluate(state, *_levers(option))
    funds = float(parse_rate(cost_of_funds, field="cost_of_funds"))
    recovery = parse_rate(recovery_rate, field="recovery_rate", maximum=Fraction(1))
    chance = parse_rate(redefault_probability, field="redefault_probability", maximum=Fraction(1))
    if (
        isinstance(recovery_delay, bool)
        or not isinstance(recovery_delay, int)
        or recovery_delay < 0
    ):
        raise InvalidValueError(
            "recovery_delay", recovery_delay, "a whole number of days, 0 or more"
        )
    kept = _present_value(outcome.plan, funds)
    later = state.as_of + timedelta(days=recovery_delay)
    recovered = float(state.payoff) * float(recovery)
    default = Decimal(repr(xnpv(funds, [state.as_of, later], [0.0, recovered]))).quantize(
        Decimal("0.01")
    )
    offer = (kept * Decimal(float(1 - chance)) + default * Decimal(float(chance))).quantize(
        Decimal("0.01")
    )
    return LenderView(offer=offer, default=default, gain=offer - default)
