"""The book: one loan's ledger in integer minor units.

:class:`Book` holds one replay — what each instalment owes and has paid by charge,
charges for lateness accrued exactly, the legal rule's ceilings — and
:func:`~loanrelief._ledger.replay.replay` drives it from the loan's start to a date.
:func:`loanrelief.account_state` wraps it and reports an
:class:`~loanrelief._ledger.account.AccountState`.

Two rules make the result a function of the account's history alone:

- every charge that accrues (penalty, compound, default interest) is kept exact and
  its total is rounded once, whenever it is read (cumulative rounding), so posting
  dates change nothing;
- what a legal rule allows is recomputed from the exact totals and the rule's
  ceilings (:class:`~loanrelief.law.Meter`) whenever it is needed; amounts already
  paid under the rule stay paid, everything else is re-measured, so a cut is
  revisited as the ceiling grows and waiting never lowers the debt.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.daycount import year_fraction
from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import minor_of, round_ratio, to_major
from loanrelief._ledger.allocation import Allocation, Component, Surplus, payment_passes
from loanrelief._ledger.ceilings import (
    _ACCRUING,
    _COMPONENT,
    _KINDS,
    _SLOT_KINDS,
    _ZERO,
    Slot,
    allowed,
    measure,
)
from loanrelief._ledger.penalty import GraceFrom, PenaltyBase, PenaltyPolicy
from loanrelief._ledger.replay import Accrual, EntryKind, LedgerEntry, split_capitalized
from loanrelief._ledger.schedule_terms import ScheduleTerms, Terms
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import row_rates
from loanrelief._loans.schedule import Schedule
from loanrelief.law._rules import Charge, Excess, Meter, Rule, Span

__all__ = ["Book"]


class Book:
    """The mutable ledger of one replay, in integer minor units."""

    def __init__(
        self,
        schedule: Schedule,
        policy: PenaltyPolicy,
        allocation: Allocation,
        rule: Rule | None = None,
        *,
        until: date | None = None,
        accrual: Accrual = Accrual.SCHEDULED,
        opening: Statement | None = None,
        claims: Mapping[Charge, int] | None = None,
    ) -> None:
        loan = schedule.loan
        columns = schedule.minor_columns
        self.loan = loan
        self.policy = policy
        self.allocation = allocation
        self.rule = rule
        self.digits = loan.digits
        self.due: list[date] = schedule.due_dates.astype(object).tolist()
        count = len(self.due)
        signed = self._read_rows(columns)
        self.fee: list[int] = columns["fee"].tolist()
        # The loan-only parts: the US Rule, early payoff, grace and late fees.
        self.terms: Terms = ScheduleTerms(self, us_rule=accrual is Accrual.US_RULE)
        self.late = [0] * count
        self._zero_slots(count)
        self.touched = -1  # the last instalment anything was paid on
        self.penalty_rate = policy.penalty_rate(loan.rate)
        self.ledger: list[LedgerEntry] = []
        self.credit = 0
        self.refund = 0
        self.costs = 0  # enforcement costs charged
        self.costs_paid = 0
        self.principal_paid = 0
        self.settled_on: date | None = None
        self.closed_from = count
        upfront = minor_of(loan.upfront_fee, self.digits)
        self.upfront = upfront  # paid when the loan is made (withheld or not)
        self.upfront_kept = upfront
        self.received = minor_of(loan.proceeds, self.digits)
        # Each row's share of a year on the loan's basis (what a rule's ceilings use):
        # a bullet's one row, its whole term.
        self.period_years: list[Fraction] = (
            row_rates(loan.replace(annual_rate=1), schedule.due_dates) if rule else []
        )
        self.limits = () if rule is None else rule.limits(loan, until or loan.start)
        if rule is not None:
            self._check_rule(rule)
        self.meters = [Meter(limit, loan, received=self.received) for limit in self.limits]
        self.kept: dict[Slot, int] = {}
        self.charged: dict[Slot, int] = {}  # what the contract charges, at the last allowed()
        self.charged_reach = 0  # the instalments it holds
        # The schedule's balance before each row (early repayments disregarded).
        self.later = list(accumulate(signed[::-1]))[::-1] if self.meters else []
        self.to_maturity = any(limit.span is Span.TO_MATURITY for limit in self.limits)
        # A limit with a paid rate measures each instalment's own part of its ceiling;
        # under a rule, what the contract claims of each charge on the last date caps
        # what is allowed of it (a court never allows more than is claimed).
        self.owned, self.claims = any(limit.paid_steps for limit in self.limits), claims
        # Instalments before ``cleared`` are settled for good: fallen due, everything
        # charged on them paid, nothing left to accrue. Their charges are frozen and
        # the replay's walks start after them. Only without a rule (whose ceilings may
        # restore a cut charge) and without the US Rule's daily interest.
        self.cleared = 0
        self.can_clear = not self.meters and self.terms.daily is None
        self.start = loan.start  # where the replay begins
        if opening is not None:
            self.open(opening)

    def _read_rows(self, columns: dict[str, npt.NDArray[np.int64]]) -> list[int]:
        """Read the schedule's rows; return their principal as the schedule signs it.

        A row whose interest exceeds its payment (a capitalizing grace period, a long
        first period) capitalizes the difference: on its due date only the payment is
        due (all of it interest) and the rest of the interest joins the principal,
        which the later rows' principal repays. So each row's principal due is never
        negative, and the principal outstanding grows on the capitalizing due dates.
        """
        signed: list[int] = columns["principal"].tolist()
        # Each period's interest as it accrues (capitalized or not), and (self.interest)
        # what of it falls due to be paid (lowered by an early payoff).
        self.scheduled_interest: list[int] = columns["interest"].tolist()
        self.principal, self.interest, self.capitalized = split_capitalized(
            signed, self.scheduled_interest
        )
        self.capitalizes = any(self.capitalized)
        self.total_principal = sum(self.principal)  # what the rows repay, capitalized included
        self.scheduled: list[int] = columns["payment"].tolist()
        return signed

    def _check_rule(self, rule: Rule) -> None:
        """Refuse a rule limiting contract interest on a schedule that capitalizes it."""
        if not self.capitalizes or not any(
            Charge.CONTRACT_INTEREST in limit.components for limit in self.limits
        ):
            return
        first = next(k for k, c in enumerate(self.capitalized) if c) + 1
        raise InvalidTermsError(
            "rule",
            rule.name,
            "None, or a rule that does not limit contract interest, for a loan whose "
            f"schedule capitalizes interest (instalment {first} pays less than its "
            "interest: a capitalizing grace period, or a long first period): how far a "
            "rule lets capitalized interest become principal is not modelled (China's "
            "private-lending provisions art. 27 allow it only within the rate limit "
            "and bound the total)",
        )

    def _zero_slots(self, count: int) -> None:
        """Set each instalment's exact charges, payments, postings and cuts to zero.

        Kept by kind, a column of instalments each (``self.paid[kind][i]``): a few
        lists of zeros, where a dict per instalment cost 360 dicts a ledger.
        """
        self.exact: dict[Charge, list[Fraction]] = {kind: [_ZERO] * count for kind in _ACCRUING}
        self.grace_exact: dict[Charge, list[Fraction]] = {
            kind: [_ZERO] * count for kind in _ACCRUING
        }
        self.paid: dict[Charge | Component, list[int]] = {
            kind: [0] * count for kind in (*_SLOT_KINDS, Component.PRINCIPAL)
        }
        self.posted: dict[Charge, list[int]] = {kind: [0] * count for kind in _SLOT_KINDS}
        self.cut: dict[Charge, list[int]] = {kind: [0] * count for kind in _SLOT_KINDS}

    def paid_on(self, i: int) -> int:
        """Return everything paid on instalment ``i``, all components together."""
        return sum(column[i] for column in self.paid.values())

    def open(self, statement: Statement) -> None:
        """Start from a statement: its arrears (the first instalment) as charged so far.

        The arrears instalment is missed once its grace days are over, with the
        statement's penalty as exact as it is shown and its fees as late fees charged;
        repeated late fees go on from their own dates. The replay begins on the
        statement's date.
        """
        self.start = statement.as_of
        self.costs = minor_of(statement.costs, self.digits)
        self.record(self.start, -1, Component.COSTS, self.costs, kind=EntryKind.CHARGE,
                    detail="costs")  # fmt: skip
        self.terms.open(statement)

    def begin(self, k: int) -> date:
        """Return the date instalment ``k``'s period begins (the loan's start, at the earliest)."""
        return self.loan.start if k == 0 else max(self.loan.start, self.due[k - 1])

    # -- amounts --------------------------------------------------------------------
    def gross(self, i: int, kind: Charge, day: date) -> int:
        """Return what the contract charges on instalment ``i``'s ``kind`` up to ``day``."""
        if kind is Charge.CONTRACT_INTEREST:
            if self.terms.daily is not None:
                return self.terms.daily_interest(i)
            if self.due[i] <= day or i >= self.closed_from:
                return self.interest[i]
            return self.terms.accrued_interest(day) if i == self.current_period(day) else 0
        if kind is Charge.INSTALMENT_FEE:
            return self.fee[i] if self.due[i] <= day else 0
        if kind is Charge.LATE_FEE:
            return self.late[i]
        exact = self.exact[kind][i]
        if exact is _ZERO:  # nothing accrued (the common case): no rounding to do
            return 0
        return round_ratio(exact.numerator, exact.denominator, self.policy.rounding)

    def allowed(self, day: date, *, payable: bool = False) -> dict[Slot, int]:
        """Return what each charge may be claimed for on ``day`` (:func:`.ceilings.allowed`)."""
        return allowed(self, day, payable=payable)

    def unpaid(self, i: int, component: Component) -> int:
        """Return what instalment ``i`` still owes on ``component`` (0 for costs)."""
        if component is Component.PRINCIPAL:
            return self.principal[i] - self.paid[Component.PRINCIPAL][i]
        if component is Component.COSTS:
            return 0
        return sum(
            max(self.kept.get((i, kind), 0) - self.paid[kind][i], 0) for kind in _KINDS[component]
        )

    def contract_unpaid(self, i: int) -> tuple[int, int]:
        """Unpaid principal and unpaid contract interest of an instalment, as contracted.

        Charges for lateness (default interest included) are left out: they never earn
        further charges. The base is the contract's, whatever a rule allows: a rule
        limits the charges, not how they accrue.
        """
        principal = self.principal[i] - self.paid[Component.PRINCIPAL][i]
        charged = self.interest[i] if self.terms.daily is None else self.terms.daily_interest(i)
        interest = charged - self.paid[Charge.CONTRACT_INTEREST][i]
        return principal, max(interest, 0)

    def major(self, minor: int) -> Decimal:
        """Return minor units as major units of the loan's currency."""
        return to_major(minor, self.digits)

    def record(
        self,
        day: date,
        i: int,
        component: Component | Surplus,
        amount: int,
        *,
        kind: EntryKind,
        detail: str,
    ) -> None:
        """Add a ledger entry (instalment ``i``; -1 for the account as a whole)."""
        if amount:
            self.ledger.append(
                LedgerEntry(
                    date=day,
                    instalment=i + 1 if i >= 0 else 0,
                    component=component,
                    amount=self.major(amount),
                    kind=kind,
                    detail=detail,
                )
            )

    # -- accrual --------------------------------------------------------------------
    def accrue(self, start: date, end: date) -> None:
        """Accrue exact charges for lateness, and the rule's ceilings, over [start, end)."""
        if end <= start:
            return
        if self.meters:
            measure(self, start, end)
        self.terms.accrue(start, end)  # contract interest by day, where it accrues so
        policy = self.policy
        if not (self.penalty_rate or policy.interest_continues):
            return
        years = penalty = _ZERO  # found for the first instalment that accrues
        for i in range(self.cleared, len(self.due)):
            due = self.due[i]
            if due > start:
                break
            principal, interest = self.contract_unpaid(i)
            if principal <= 0 and interest <= 0:
                continue
            if years is _ZERO:  # not found yet (by identity: a zero found is a new one)
                years = year_fraction(start, end, policy.day_count)
                penalty = self.penalty_rate * years  # exact: (rate x years) x base
            in_grace = (start - due).days < policy.grace_days and not self.terms.missed[i]
            if in_grace and policy.grace_from is GraceFrom.GRACE_END:
                continue
            target = self.grace_exact if in_grace else self.exact
            base = principal + (interest if policy.base is PenaltyBase.INSTALMENT else 0)
            target[Charge.PENALTY][i] += penalty * base
            if policy.compound and policy.base is PenaltyBase.PRINCIPAL:
                target[Charge.COMPOUND][i] += penalty * interest
            if policy.interest_continues:
                target[Charge.DEFAULT_INTEREST][i] += self.loan.rate * principal * years

    def post(self, day: date) -> None:
        """Record what was charged and what the rule cuts since the last posting.

        Only the ledger changes: totals are rounded from exact amounts whenever read.
        """
        self.kept = self.allowed(day)
        charged = self.charged  # what allowed() found charged on ``day``, slot by slot
        for i in range(self.cleared, self.reach(day)):
            for kind in (*_ACCRUING, Charge.LATE_FEE):
                amount = charged[i, kind]
                posted = self.posted[kind]
                if amount != posted[i]:
                    change = amount - posted[i]
                    posted[i] = amount
                    self.record(day, i, _COMPONENT[kind], change, kind=EntryKind.CHARGE,
                                detail=kind.value)  # fmt: skip
            if not self.meters:
                continue
            for kind in _SLOT_KINDS:
                cut = charged[i, kind] - self.kept.get((i, kind), 0)
                cuts = self.cut[kind]
                if cut != cuts[i]:
                    change, cuts[i] = cut - cuts[i], cut
                    self.record(day, i, _COMPONENT[kind], abs(change),
                                kind=EntryKind.CAPPED if change > 0 else EntryKind.RESTORED,
                                detail=kind.value)  # fmt: skip

    def charge_costs(self, day: date, amount: int) -> None:
        """Charge enforcement costs (litigation, and lawyers' fees where agreed)."""
        self.costs += amount
        self.record(day, -1, Component.COSTS, amount, kind=EntryKind.CHARGE, detail="costs")

    # -- payments -------------------------------------------------------------------
    def pay(self, day: date, amount: int) -> None:
        """Place a payment: due amounts by the allocation, then principal, then credit.

        Under a rule, due amounts are what it allows (so paying the payoff settles the
        account); where a rule keeps charges paid up to a higher rate (the 24 %-36 %
        band), a payment short of the payoff then settles those, before any principal
        is prepaid. Money beyond everything owed is a credit, or a refund where the rule
        refunds charges paid beyond it. Under the US Rule the interest accrued in the
        current period is settled before any principal is prepaid.
        """
        self.post(day)  # sets what is allowed now
        self.place(day, amount)
        self.clear(day)

    def clear(self, day: date) -> None:
        """Move ``cleared`` past the fallen instalments now settled for good."""
        if not self.can_clear:
            return
        fallen = bisect_right(self.due, day)
        i = self.cleared
        while i < fallen and self.settled(i):
            i += 1
        self.cleared = i

    def settled(self, i: int) -> bool:
        """Whether instalment ``i`` owes nothing and has no base left to accrue on."""
        principal, interest = self.contract_unpaid(i)
        if principal > 0 or interest > 0:
            return False
        return all(self.unpaid(i, component) <= 0 for component in _KINDS)

    def place(self, day: date, amount: int) -> None:
        """Place a payment on what :meth:`post` found due (see :meth:`pay`)."""
        due = range(self.cleared, bisect_right(self.due, day))  # the due dates are in order
        # A loan states no minimum payment, and its instalments bear one rate: under
        # Across.HIGHEST_RATE its order is by component.
        cells = [(i, c) for i in due for c in self.allocation.order]
        ((_, reached),) = payment_passes(self.allocation, [(i, c, 0) for i, c in cells], amount)
        slots = [cells[k] for k in reached]
        if not due:
            slots = [(-1, Component.COSTS)]
        passes = [slots]
        if any(meter.limit.paid_steps for meter in self.meters) and amount < self.payoff(day):
            passes.append([(i, c) for i, c in slots if c in _KINDS])
        for number, pass_slots in enumerate(passes):
            if number:  # the second pass: charges kept if paid (payable, not enforceable)
                self.kept = self.allowed(day, payable=True)
            for i, component in pass_slots:
                amount = self.settle(day, i, component, amount, "due")
                if not amount:
                    if self.meters:
                        self.kept = self.allowed(day)
                    return
        current = self.current_period(day)
        if self.terms.daily is not None and current is not None:  # US Rule: interest first
            amount = self.settle(day, current, Component.INTEREST, amount, "accrued")
        elif self.settled_on is not None and current is not None:
            # Paid off early, short of the interest to that day: the rest of it first.
            amount = self.settle(day, current, Component.INTEREST, amount, "due")
        # Prepay the next ones, as far as principal is owed: the later rows' principal
        # repays interest still to be capitalized too, which is not owed before then
        # (without any, what is outstanding is at least what the later rows owe).
        budget = min(amount, self.outstanding(day))
        for i in range(bisect_right(self.due, day), len(self.due)):
            rest = self.settle(day, i, Component.PRINCIPAL, budget, "prepaid")
            amount -= budget - rest
            budget = rest
            if not budget:
                break
        if self.settled_on is None and not self.outstanding(day):
            amount = self.terms.close(day, amount)
        if amount and self.rule is not None and self.rule.excess is Excess.REFUNDED:
            # Paid beyond everything the rule lets be claimed: the lender returns it.
            self.refund += amount
            self.record(day, -1, Surplus.REFUND, amount, kind=EntryKind.PAYMENT, detail="refund")
        elif amount:
            self.credit += amount
            self.record(day, -1, Surplus.CREDIT, amount, kind=EntryKind.PAYMENT, detail="credit")
        if self.meters or self.settled_on == day:
            self.kept = self.allowed(day)

    def payoff(self, day: date) -> int:
        """Return what settles the account on ``day``, as far as it may be claimed now.

        Everything due and unpaid (enforcement costs included), the principal not yet
        due (less interest still to be capitalized: the later rows' principal repays it,
        but it is not owed before its due date) and the current period's interest so far.
        """
        owed = self.costs - self.costs_paid
        fallen = bisect_right(self.due, day)  # the due dates are in order
        for i in range(self.cleared, fallen):  # those cleared owe nothing
            owed += sum(max(self.unpaid(i, c), 0) for c in Component)
        principal, paid = self.principal, self.paid[Component.PRINCIPAL]
        paid_ahead = max(fallen, self.touched + 1)  # nothing is paid on those after
        for i in range(fallen, paid_ahead):
            owed += max(principal[i] - paid[i], 0)
        owed += sum(principal[paid_ahead:])
        return owed - self.pending(day) + self.accrued_due(day)

    def pending(self, day: date) -> int:
        """Return the interest the rows due after ``day`` will capitalize (not owed yet)."""
        if not self.capitalizes:
            return 0
        return sum(self.capitalized[bisect_right(self.due, day) :])

    def outstanding(self, day: date) -> int:
        """Return the principal not repaid on ``day``, with the interest capitalized so far."""
        return self.total_principal - self.principal_paid - self.pending(day)

    def accrued_due(self, day: date) -> int:
        """Return the current period's contract interest so far, as allowed, less any paid.

        After an early payoff it is the interest to that day, as :meth:`close` kept it
        (what the payment left of it is still owed), and nothing in later periods.
        """
        current = self.current_period(day)
        if current is None:
            return 0
        accrued = self.kept.get((current, Charge.CONTRACT_INTEREST), 0)
        return max(accrued - self.paid[Charge.CONTRACT_INTEREST][current], 0)

    def settle(self, day: date, i: int, component: Component, amount: int, detail: str) -> int:
        """Pay what ``amount`` can of instalment ``i``'s ``component``; return the rest."""
        if component is Component.COSTS:
            share = min(amount, self.costs - self.costs_paid)
            if share:
                self.costs_paid += share
                self.record(day, -1, component, share, kind=EntryKind.PAYMENT, detail=detail)
            return amount - share
        if component is Component.PRINCIPAL:
            share = min(amount, max(self.unpaid(i, component), 0))
            if share:
                self.paid[Component.PRINCIPAL][i] += share
                self.principal_paid += share
                self.touched = max(self.touched, i)
                self.record(day, i, component, share, kind=EntryKind.PAYMENT, detail=detail)
            return amount - share
        for kind in _KINDS[component]:
            share = min(amount, max(self.kept.get((i, kind), 0) - self.paid[kind][i], 0))
            if share:
                self.paid[kind][i] += share
                self.touched = max(self.touched, i)
                amount -= share
                self.record(day, i, component, share, kind=EntryKind.PAYMENT, detail=detail)
        return amount

    def current_period(self, day: date) -> int | None:
        """Return the index of the first instalment due after ``day``, if any."""
        index = bisect_right(self.due, day)
        return index if index < len(self.due) else None

    def reach(self, day: date) -> int:
        """Return how many instalments may carry a charge on ``day``: the due, and the current."""
        return min(bisect_right(self.due, day) + 1, len(self.due))
