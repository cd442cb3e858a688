"""Solving for a budget, and the lender's side of an offer.

:func:`waterfall` lays out a grid of concessions in growing order; :func:`solve` finds
the first package on it whose payment fits a budget; :func:`lender_npv` weighs an
offer against collecting through default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TypedDict, final, overload

from loanrelief._foundations.errors import (
    InvalidTypeError,
    InvalidValueError,
    NoSolutionError,
)
from loanrelief._foundations.money import (
    Money,
    Rate,
    decimal_of,
    exact_decimals,
    major_of_float,
    minor_of,
    parse_rate,
    to_major,
    to_minor,
)
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import (
    Choice,
    a_sequence,
    an_instance,
    parse_enum,
    whole_number,
)
from loanrelief._ledger.account import AccountState
from loanrelief._loans.cashflows import xnpv
from loanrelief._loans.plan import Plan
from loanrelief._loans.terms import MAX_TERM
from loanrelief._relief.budget import Budget, affordable_minor
from loanrelief._relief.draft import draft_from
from loanrelief._relief.evaluation import (
    Alternative,
    Baseline,
    CureNow,
    Option,
    Outcome,
    Yardstick,
    as_package,
    evaluate,
    measured,
    package_label,
    package_plan,
    present_value_of,
)
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    FreezeInterest,
    InstalmentPlan,
    Lever,
    ReduceRate,
)
from loanrelief.law._rules import Rule, contract_rate_ceiling

__all__ = ["LenderView", "Objective", "WaterfallStep", "lender_npv", "solve", "waterfall"]


class WaterfallStep(Choice):
    """A stage of the modification waterfall (:func:`waterfall`), in the order given.

    Attributes
    ----------
    CAPITALIZE
        Add the arrears to the balance (:class:`loanrelief.CapitalizeArrears`).
    RATE
        Cut the rate in steps down to a floor (:class:`loanrelief.ReduceRate`).
    TERM
        Extend the term one period at a time (:class:`loanrelief.ExtendTerm`).
    FORBEAR
        Set principal aside, due at maturity, in steps of a share of it
        (:class:`loanrelief.ForbearPrincipal`).
    INSTALMENTS
        A personalised instalment plan (个性化分期): everything owed, less a down
        payment, re-scheduled in 1, 2, ... up to ``max_instalments`` level instalments
        at the plan's rate (:class:`loanrelief.InstalmentPlan`).
    FREEZE
        Stop interest and penalty and repay everything owed in 1, 2, ... up to
        ``max_instalments`` interest-free instalments (停息挂账,
        :class:`loanrelief.FreezeInterest`).

    Notes
    -----
    The first four are the US HAMP standard modification waterfall (Making Home
    Affordable Handbook, ch. II, 6.3), each package carrying the full concession of the
    stages before it. The last two are the plans Chinese lenders negotiate with
    borrowers in arrears (the CBIRC's 2020 notice on credit-card collection allows
    personalised instalment plans of up to 60 months, 最长不超过5年); they fold
    everything owed into a new plan of their own, so their packages stand alone.

    Examples
    --------
    >>> [step.value for step in WaterfallStep]
    ['capitalize', 'rate', 'term', 'forbear', 'instalments', 'freeze']
    """

    CAPITALIZE = "capitalize"
    RATE = "rate"
    TERM = "term"
    FORBEAR = "forbear"
    INSTALMENTS = "instalments"
    FREEZE = "freeze"


_STEPS = tuple(WaterfallStep)
_ALONE = (WaterfallStep.INSTALMENTS, WaterfallStep.FREEZE)  # plans of their own


class Objective(Choice):
    """Which fitting package :func:`solve` chooses.

    Attributes
    ----------
    FIRST
        The first package on the waterfall that fits: the smallest concession, in the
        waterfall's order.
    BORROWER
        The fitting package cheapest for the borrower: the lowest present value of its
        payments at the borrower's discount rate (the first of equals).
    LENDER
        The fitting package best for the lender: the highest present value of its
        payments at the lender's rate (the first of equals).

    Examples
    --------
    >>> Objective("borrower")
    <Objective.BORROWER: 'borrower'>
    """

    FIRST = "first"
    BORROWER = "borrower"
    LENDER = "lender"


@exact_decimals
def waterfall(
    state: AccountState,
    *,
    steps: Sequence[WaterfallStep | str] = _STEPS,
    floor_rate: Rate = "0.02",
    rate_step: Rate = "0.00125",
    max_term: int = 480,
    max_forbearance: Rate = "0.3",
    forbearance_step: Rate = "0.01",
    legal_cap: Rate | Rule | None = None,
    max_instalments: int = 60,
    down_payment: Money = 0,
    instalment_rate: Rate | None = None,
    fee_rate: Rate = 0,
) -> list[list[tuple[Lever, ...]]]:
    """Return the search grid of :func:`solve`: stages of packages, concessions growing.

    Each stage holds packages in order of growing concession; a package contains the
    full concession of every earlier stage. Default stages, after the US HAMP
    standard modification waterfall: capitalize arrears; cut the rate in steps of
    0.125 points to the floor; extend the term one period at a time up to
    ``max_term`` periods from the negotiation date; forbear principal in steps of 1 %
    of the balance up to ``max_forbearance`` of it. Then the Chinese plans, each a
    plan of its own: a personalised instalment plan of 1 to ``max_instalments``
    instalments after a down payment, and a freeze of interest over as many. With a
    ``legal_cap`` (an annual
    rate the law allows, or a legal :class:`~loanrelief.law.Rule`, whose ceiling on
    contract interest is taken), a contract rate above it is cut to it in the first
    package, so no plan on the grid charges more than the law does. An account
    replayed under a rule (``account_state(..., rule=...)``) starts from that rule's
    ceiling already.

    Parameters
    ----------
    state : AccountState
        The account on the negotiation date.
    steps : sequence of WaterfallStep or str, default all six
        The stages, in order (``"capitalize"``, ``"rate"``, ``"term"``,
        ``"forbear"``, ``"instalments"``, ``"freeze"``); a stage may be left out.
    floor_rate, rate_step : float, str or Decimal
        The lowest rate, and the cut from one package to the next.
    max_term : int, default 480
        The longest term, in periods from the negotiation date.
    max_forbearance, forbearance_step : float, str or Decimal
        The largest share of principal forborne, and the step between packages.
    legal_cap : rate or Rule, optional
        The rate the law allows; a contract rate above it is cut to it first.
    max_instalments : int, default 60
        The most instalments of a personalised plan or a freeze.
    down_payment : money, default 0
        Paid on the day a personalised instalment plan is agreed (首付).
    instalment_rate : rate, optional
        The personalised plan's annual rate; by default the contract's (at most the
        legal cap).
    fee_rate : rate, default 0
        The freeze's monthly fee on the amount frozen (a card's 个性化分期 fee rate);
        the freeze takes the down payment too.

    Returns
    -------
    list of list of tuple of Lever
        The stages that have packages, each package holding the full concession of
        the stages before it.

    Raises
    ------
    InvalidValueError
        Naming the bound or ``steps[k]`` that is not valid, or a step that would
        give more than 10,000 packages in its stage.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> state = lr.account_state(lr.Loan(12000, "0.03", 12, start=date(2024, 1, 1)),
    ...                          as_of=date(2024, 4, 11))
    >>> [len(stage) for stage in waterfall(state, max_term=12, max_forbearance="0.02")]
    [1, 8, 3, 2, 60, 60]
    """
    return [
        list(stage)
        for _, stage in _stages(
            state,
            steps=steps,
            floor_rate=floor_rate,
            rate_step=rate_step,
            max_term=max_term,
            max_forbearance=max_forbearance,
            forbearance_step=forbearance_step,
            legal_cap=legal_cap,
            max_instalments=max_instalments,
            down_payment=down_payment,
            instalment_rate=instalment_rate,
            fee_rate=fee_rate,
        )
    ]


def _stages(  # noqa: PLR0915 - one bound of the grid each, checked in order
    state: AccountState,
    *,
    steps: Sequence[WaterfallStep | str],
    floor_rate: Rate,
    rate_step: Rate,
    max_term: int,
    max_forbearance: Rate,
    forbearance_step: Rate,
    legal_cap: Rate | Rule | None,
    max_instalments: int,
    down_payment: Money,
    instalment_rate: Rate | None,
    fee_rate: Rate = 0,
) -> list[tuple[WaterfallStep, Sequence[tuple[Lever, ...]]]]:
    """Return :func:`waterfall`'s stages with their names."""
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
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
    stages_asked = [
        parse_enum(name, WaterfallStep, f"steps[{k}]")
        for k, name in enumerate(a_sequence(steps, "steps"))
    ]
    most = whole_number(max_instalments, "max_instalments", 1, MAX_TERM)
    down = to_major(
        to_minor(down_payment, field="down_payment", digits=state.loan.digits),
        state.loan.digits,
    )
    plan_rate = (
        None if instalment_rate is None else parse_rate(instalment_rate, field="instalment_rate")
    )
    draft = draft_from(state)
    for field, given, packages in (
        ("rate_step", rate_step, (draft.rate - floor) / step),
        ("forbearance_step", forbearance_step, share / f_step),
    ):
        if packages > _MOST_PACKAGES:
            raise InvalidValueError(
                field,
                given,
                f"a step giving at most {_MOST_PACKAGES:,} packages in its stage "
                f"(this one gives {int(packages):,})",
            )
    done: tuple[Lever, ...] = ()
    if legal_cap is not None:
        cap = _cap_rate(legal_cap, state)
        if cap is not None and draft.rate > cap:
            done = (ReduceRate(annual_rate=decimal_of(cap)),)
            draft = done[0].apply(draft)
        if cap is not None and plan_rate is not None:
            plan_rate = min(plan_rate, cap)
    lawful = done  # the legal cap alone: where the plans of their own start
    stages: list[tuple[WaterfallStep, Sequence[tuple[Lever, ...]]]] = []
    for name in stages_asked:
        stage: Sequence[tuple[Lever, ...]] = []
        if name is WaterfallStep.INSTALMENTS:
            rate = None if plan_rate is None else decimal_of(plan_rate)
            stage = _Packages(
                most,
                lambda k, rate=rate: (  # type: ignore[misc]
                    *lawful,
                    InstalmentPlan(k + 1, down_payment=down, annual_rate=rate),
                ),
            )
        elif name is WaterfallStep.FREEZE:
            stage = _Packages(
                most,
                lambda k: (*lawful, FreezeInterest(k + 1, down_payment=down, fee_rate=fee_rate)),
            )
        elif name is WaterfallStep.CAPITALIZE:
            stage = [(*done, CapitalizeArrears())]
        elif name is WaterfallStep.RATE:
            cuts: list[tuple[Lever, ...]] = []
            rate = draft.rate - step
            while rate > floor:
                cuts.append((*done, ReduceRate(annual_rate=decimal_of(rate))))
                rate -= step
            if draft.rate > floor:
                cuts.append((*done, ReduceRate(annual_rate=decimal_of(floor))))
            stage = cuts
        elif name is WaterfallStep.TERM:
            stage = [(*done, ExtendTerm(extra)) for extra in range(1, max_term - draft.term + 1)]
        else:
            principal = draft.balance + draft.arrears["principal"]
            count = int(share / f_step)
            stage = [
                (*done, ForbearPrincipal(to_major(int(principal * f_step * k), draft.digits)))
                for k in range(1, count + 1)
            ]
        if stage:
            stages.append((name, stage))
            if name not in _ALONE:
                done = stage[-1]
    return stages


_MOST_PACKAGES = 10_000  # a stage longer than this is a slip (a step of 1e-9), not a search


class _Packages(Sequence[tuple[Lever, ...]]):
    """A stage of ``count`` packages made when first read (a search reads a few)."""

    def __init__(self, count: int, make: Callable[[int], tuple[Lever, ...]]) -> None:
        self._made: list[tuple[Lever, ...] | None] = [None] * count
        self._make = make

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> tuple[Lever, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Lever, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Lever, ...] | list[tuple[Lever, ...]]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        k = range(len(self._made))[index]  # IndexError past either end, as a list's
        made = self._made[k]
        if made is None:
            made = self._made[k] = self._make(k)
        return made


def _cap_rate(legal_cap: object, state: AccountState) -> Fraction | None:
    """Return a legal cap as an annual rate: given, or a rule's ceiling on contract interest."""
    if isinstance(legal_cap, Rule):
        return contract_rate_ceiling(legal_cap, state.loan, state.as_of)
    return parse_rate(legal_cap, field="legal_cap")


def _target(
    state: AccountState, max_payment: Money | None, budget: Budget | None, cut: Rate | None
) -> int:
    """Return the most a package may pay a period (minor units), from :func:`solve`'s goal.

    Exactly one goal, each of one meaning: an amount (``max_payment``), a
    :class:`~loanrelief.Budget`'s affordable payment (``budget``), or the contract's
    payment cut by a share (``payment_cut``).
    """
    goals = {"max_payment": max_payment, "budget": budget, "payment_cut": cut}
    given = [name for name, value in goals.items() if value is not None]
    if len(given) != 1:
        raise InvalidValueError(
            "max_payment",
            max_payment,
            "exactly one of max_payment= (an amount), budget= (a Budget) or payment_cut= "
            f"(a share); given: {', '.join(given) or 'none'}",
        )
    digits = state.loan.digits
    if isinstance(max_payment, Budget):
        raise InvalidTypeError("max_payment", max_payment, "an amount (a Budget goes to budget=)")
    if budget is not None:
        budget = an_instance(budget, Budget, "budget", "a Budget (the affordable payment)")
        return affordable_minor(budget, state.loan.currency, digits)
    if max_payment is not None:
        return to_minor(max_payment, field="max_payment", digits=digits, minimum=1)
    share = parse_rate(cut, field="payment_cut", maximum=Fraction(1))
    current = minor_of(CureNow().plan(state).regular_payment, digits)
    return int(current * (1 - share))


@exact_decimals
def solve(
    state: AccountState,
    *,
    max_payment: Money | None = None,
    budget: Budget | None = None,
    payment_cut: Rate | None = None,
    steps: Sequence[WaterfallStep | str] = _STEPS,
    floor_rate: Rate = "0.02",
    rate_step: Rate = "0.00125",
    max_term: int = 480,
    max_forbearance: Rate = "0.3",
    legal_cap: Rate | Rule | None = None,
    max_instalments: int = 60,
    down_payment: Money = 0,
    instalment_rate: Rate | None = None,
    fee_rate: Rate = 0,
    objective: Objective | str = Objective.FIRST,
    discount_rate: Rate | None = None,
    lender_rate: Rate | None = None,
    baseline: Baseline | None = None,
) -> Outcome:
    """Find the package on the waterfall that fits a budget, for an objective.

    Parameters
    ----------
    state : AccountState
        The account on the negotiation date.
    max_payment : money, optional
        The most the borrower can pay each period.
    budget : Budget, optional
        Or: a :class:`~loanrelief.Budget`, whose affordable payment (from income and
        expenses) is the most the borrower can pay each period.
    payment_cut : float, str or Decimal, optional
        Or: the share by which the contract payment must fall (0.31 for 31 %). Exactly
        one of the three.
    steps, floor_rate, rate_step, max_term, max_forbearance, legal_cap
        The waterfall (see :func:`waterfall`) and its bounds.
    max_instalments, down_payment, instalment_rate, fee_rate
        The waterfall (see :func:`waterfall`) and its bounds.
    objective : Objective or str, default "first"
        Which fitting package to choose: ``"first"``, the smallest concession in the
        waterfall's order; ``"borrower"``, the cheapest for the borrower (lowest
        present value at ``discount_rate``); ``"lender"``, the best for the lender
        (highest present value at ``lender_rate``).
    discount_rate, lender_rate, baseline
        As for :func:`evaluate`.

    Returns
    -------
    Outcome
        The package chosen, with ``alternatives``: the other fitting packages weighed,
        and each stage whose largest concession is still above the budget, each with
        the reason it was not chosen. A package that pays more in all than the payoff
        on the day is never proposed silently: its ``exceeds_payoff`` and
        ``above_payoff`` say so, and so does its text. The freeze and the instalment
        plan of the waterfall stop the contract's instalment fee (a freeze's
        ``fee_rate`` is the plan's own and stays).

    Raises
    ------
    InvalidValueError
        Unless exactly one of ``max_payment``, ``budget`` and ``payment_cut`` is given.
    NoSolutionError
        If no package fits; the message states the lowest payment reachable.

    Notes
    -----
    Payments fall along a stage, so the first package of a stage that fits is found
    by bisection. With ``"first"`` the search stops at the first stage that fits
    (every earlier package on the grid is above the budget). The other objectives
    weigh the first fitting package of each family: the HAMP stages (one sequence of
    growing concessions: the later stages hold larger ones than needed), the
    personalised instalment plan and the freeze.

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
    >>> cheapest = lr.solve(state, max_payment=1500, objective="borrower")
    >>> cheapest.label, cheapest.regular_payment, cheapest.total_paid
    ('freeze, 33 instalments', Decimal('1479.39'), Decimal('48819.73'))
    >>> lr.solve(state, max_payment=1500, objective="lender").label
    '45 instalments'
    >>> budget = lr.Budget(4000, expenses=2500)  # affordable: 1,500.00
    >>> lr.solve(state, budget=budget).regular_payment
    Decimal('1476.81')
    """
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
    target = _target(state, max_payment, budget, payment_cut)
    goal = parse_enum(objective, Objective, "objective")
    digits = state.loan.digits
    stages = _stages(
        state,
        steps=steps,
        floor_rate=floor_rate,
        rate_step=rate_step,
        max_term=max_term,
        max_forbearance=max_forbearance,
        forbearance_step="0.01",
        legal_cap=legal_cap,
        max_instalments=max_instalments,
        down_payment=down_payment,
        instalment_rate=instalment_rate,
        fee_rate=fee_rate,
    )
    most = to_major(target, digits)  # the payment the package must not pass

    measure = Yardstick.of(state, discount_rate, lender_rate, baseline)
    plans: dict[int, Plan] = {}  # by id of the package: each made once

    def payment(package: tuple[Lever, ...]) -> int:
        plans[id(package)] = made = package_plan(state, package, measure.base.label)
        return minor_of(made.regular_payment, digits)

    rejected: list[Alternative] = []
    fitting: list[Outcome] = []
    lowest: int | None = None
    hamp_fits = False  # the HAMP stages are one sequence: its first fit is its candidate
    for name, stage in stages:
        if hamp_fits and name not in _ALONE:
            continue
        largest = payment(stage[-1])
        lowest = largest if lowest is None else min(lowest, largest)
        if largest > target:  # the whole stage is above the budget
            rejected.append(
                Alternative(
                    label=package_label(stage[-1]),
                    levers=tuple(stage[-1]),
                    regular_payment=to_major(largest, digits),
                    present_value=None,
                    lender_present_value=None,
                    **_why(
                        "payment {payment} above the budget {budget}, at this stage's "
                        "largest concession",
                        payment=f"{to_major(largest, digits):,}",
                        budget=f"{most:,}",
                    ),
                )
            )
            continue
        low, high = 0, len(stage) - 1  # payments fall along a stage: the first that fits
        while low < high:
            middle = (low + high) // 2
            if payment(stage[middle]) <= target:
                high = middle
            else:
                low = middle + 1
        fitting.append(measured(state, stage[low], measure, plans.get(id(stage[low]))))
        hamp_fits = hamp_fits or name not in _ALONE
        if goal is Objective.FIRST:
            break
    if not fitting:
        reachable = (
            to_major(lowest, digits)
            if lowest is not None
            else CureNow().plan(state).regular_payment
        )
        raise NoSolutionError(
            "max_payment" if budget is None else "budget",
            most,
            f"at least {reachable:,}, the lowest payment the waterfall reaches",
        )
    chosen = _best(fitting, goal)
    for outcome in fitting:
        if outcome is not chosen:
            rejected.append(_rejected(outcome, chosen, goal))
    return dataclasses.replace(chosen, alternatives=tuple(rejected))


def _best(fitting: list[Outcome], goal: Objective) -> Outcome:
    """Return the outcome the objective prefers (the first of equals)."""
    if goal is Objective.BORROWER:
        return min(fitting, key=lambda outcome: outcome.present_value)
    if goal is Objective.LENDER:
        return max(fitting, key=lambda outcome: outcome.lender_present_value)
    return fitting[0]


def _rejected(outcome: Outcome, chosen: Outcome, goal: Objective) -> Alternative:
    """Say why a fitting package was not chosen."""
    if goal is Objective.BORROWER:
        reason = _why(
            "costs the borrower {value} in present value, against {chosen}",
            value=f"{outcome.present_value:,}",
            chosen=f"{chosen.present_value:,}",
        )
    else:  # the lender's objective (the first fit stops at the first)
        reason = _why(
            "worth {value} to the lender, against {chosen}",
            value=f"{outcome.lender_present_value:,}",
            chosen=f"{chosen.lender_present_value:,}",
        )
    return Alternative(
        label=outcome.label,
        levers=outcome.levers,
        regular_payment=outcome.regular_payment,
        present_value=outcome.present_value,
        lender_present_value=outcome.lender_present_value,
        **reason,
    )


class _Why(TypedDict):
    reason: str
    reason_phrase: str
    reason_fields: tuple[tuple[str, str], ...]


def _why(phrase: str, **fields: str) -> _Why:
    """Make an alternative's reason: in English, and its template for every language.

    The template is a phrase of the translation table, whose English it is
    (:meth:`Alternative.reason_in <loanrelief._relief.evaluation.Alternative.reason_in>`).
    """
    return {
        "reason": phrase.format(**fields),
        "reason_phrase": phrase,
        "reason_fields": tuple(fields.items()),
    }


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

    Examples
    --------
    >>> view = LenderView(offer=Decimal("900"), default=Decimal("600"), gain=Decimal("300"))
    >>> view.gain > 0
    True
    """

    offer: Decimal
    default: Decimal
    gain: Decimal

    __repr__ = result_repr_of("offer", "default", "gain")


@exact_decimals
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
    >>> state = lr.account_state(lr.Loan(30000, "0.18", 24, start=date(2023, 10, 1)),
    ...                          as_of=date(2024, 5, 1))
    >>> view = lr.lender_npv(state, lr.WaiveInterest(share=1), cost_of_funds="0.05",
    ...                      recovery_rate="0.4", recovery_delay=365, redefault_probability="0.2")
    >>> view.gain > 0
    True
    """
    state = an_instance(state, AccountState, "state", "an AccountState (from account_state)")
    outcome = option if isinstance(option, Outcome) else evaluate(state, *as_package(option))
    funds = float(parse_rate(cost_of_funds, field="cost_of_funds"))
    recovery = parse_rate(recovery_rate, field="recovery_rate", maximum=Fraction(1))
    chance = parse_rate(redefault_probability, field="redefault_probability", maximum=Fraction(1))
    room = (date.max - state.as_of).days
    recovery_delay = whole_number(recovery_delay, "recovery_delay", 0, room)
    kept = present_value_of(outcome.plan, funds)
    later = state.as_of + timedelta(days=recovery_delay)
    recovered = float(state.payoff) * float(recovery)
    digits = state.loan.digits
    default = major_of_float(xnpv(funds, [state.as_of, later], [0.0, recovered]), digits)
    blend = kept * Decimal(float(1 - chance)) + default * Decimal(float(chance))  # exact
    offer = blend.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    return LenderView(offer=offer, default=default, gain=offer - default)
