"""The court view: what a lender claims, what a legal rule allows, and why, line by line.

:func:`court_view` replays a loan's payments twice — as the contract has them, and as
a legal rule (:mod:`loanrelief.law`) lets them be claimed — and sets the two side by
side: the principal recognised, each charge as charged, as allowed and the excess,
the payments re-applied under the rule, and the enforceable payoff, each line with
the article that decides it, in English or Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, final

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import exact_decimals
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import a_sequence
from loanrelief._ledger.account import AccountState, replayed_states
from loanrelief._ledger.allocation import Allocation, Component
from loanrelief._ledger.inputs import EnforcementCost, Payment
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._ledger.replay import Accrual
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import Loan
from loanrelief.law._china import ChinaFinancialLoans, ChinaLender, ChinaPrivateLending
from loanrelief.law._cite import Citation, joined
from loanrelief.law._rules import Charge, Limit, Rule, rule_title

__all__ = [
    "COSTS_SOURCE",
    "UNLIMITED",
    "CourtLine",
    "CourtLines",
    "CourtView",
    "charge_sources",
    "court_line",
    "court_view",
]

_CHARGE_ITEMS = frozenset(kind.value for kind in Charge)
_ITEMS = ("principal", *(kind.value for kind in Charge), "costs", "payoff")


# The articles of the lines the court view adds itself.
_RECOGNISED_SOURCE = (
    Citation("SPC Provisions on Private Lending (2020) art. 26"),
    Citation("Civil Code art. 670"),
)
COSTS_SOURCE = (Citation("Civil Code art. 561"),)
"""Enforcement costs are never capped (Civil Code art. 561): the costs line's article."""
UNLIMITED = (Citation("not limited by this rule"),)
"""What a charge no limit of the rule holds cites."""
_AS_WRITTEN = (Citation("as written"),)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class CourtLine:
    """One line of the court view: a charge as claimed, as allowed, and the excess.

    Attributes
    ----------
    item : str
        ``"principal"``, a :class:`~loanrelief.law.Charge` value, ``"costs"`` or
        ``"payoff"``.
    charged : Decimal
        As the contract has it (for the principal: written; for the payoff: claimed).
    allowed : Decimal
        As the rule allows it (recognised; enforceable).
    excess : Decimal
        ``charged - allowed``.
    citations : tuple of Citation
        The articles that decide the line (:attr:`source` in English, :meth:`cited`
        in a language).

    Examples
    --------
    >>> line = CourtLine(item="penalty", charged=Decimal("90"), allowed=Decimal("60"),
    ...                  excess=Decimal("30"), citations=(Citation("art. 29"),))
    >>> line.label("zh"), line.source
    ('罚息', 'art. 29')
    """

    item: str
    charged: Decimal
    allowed: Decimal
    excess: Decimal
    citations: tuple[Citation, ...]

    __repr__ = result_repr_of("item", "charged", "allowed")

    @property
    def source(self) -> str:
        """The articles that decide the line, in English (``"; "`` between)."""
        return joined(self.citations)

    def cited(self, lang: str | None = None) -> str:
        """Return the articles that decide the line in ``lang`` (English by default).

        Each citation's template in the language (the glossary's Chinese), one after
        another.

        Examples
        --------
        >>> line = court_line("principal", Decimal(1), Decimal(1), _RECOGNISED_SOURCE)
        >>> line.cited("zh")
        '《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十六条；《民法典》第六百七十条'
        """
        from loanrelief._presentation.citations import cited  # noqa: PLC0415 - on use

        return cited(self.citations, lang)

    def label(self, lang: str | None = None, *, lender: ChinaLender | str | None = None) -> str:
        """Return the line's name in ``lang`` (English by default), in the lender's words.

        ``lender`` (:class:`~loanrelief.law.ChinaLender`) chooses the words Chinese law
        uses for that kind of lender: private lending's penalty is overdue interest
        (逾期利息, Provisions on Private Lending (2020) arts. 28-29), a financial
        institution's is penalty interest (罚息, 法发〔2017〕22号 item 2). Without it,
        the library's general names (and in English always those).

        Examples
        --------
        >>> line = CourtLine(item="penalty", charged=Decimal(1), allowed=Decimal(1),
        ...                  excess=Decimal(0), citations=())
        >>> line.label("zh", lender="private"), line.label("zh", lender="financial_institution")
        ('逾期利息', '罚息')
        """
        from loanrelief._presentation.court import charge_label  # noqa: PLC0415 - on use

        return charge_label(self.item, lang, lender)


@exact_decimals
def court_line(
    item: str, charged: Decimal, allowed: Decimal, citations: tuple[Citation, ...]
) -> CourtLine:
    """Return the line of ``item``: claimed, allowed, the excess between, and its articles.

    ``excess = charged - allowed``.

    Examples
    --------
    >>> court_line("penalty", Decimal("90.00"), Decimal("60.00"), (Citation("art. 29"),))
    CourtLine(item='penalty', charged=90.00, allowed=60.00)
    """
    return CourtLine(
        item=item, charged=charged, allowed=allowed, excess=charged - allowed, citations=citations
    )


class CourtLines:
    """A court's lines, the payoff's last: what is claimed, what the rule lets be claimed.

    The payoff figures of a view made of :class:`CourtLine` rows (:class:`CourtView`,
    :class:`~loanrelief._ledger.stated.StatementCourtView`), read from its last line.
    """

    __slots__ = ()
    lines: tuple[CourtLine, ...]

    @property
    def payoff(self) -> Decimal:
        """The payoff claimed (the payoff line's claim)."""
        return self.lines[-1].charged

    @property
    def enforceable_payoff(self) -> Decimal:
        """The payoff the rule lets be claimed (the payoff line's allowed figure)."""
        return self.lines[-1].allowed

    @property
    @exact_decimals
    def excess(self) -> Decimal:
        """How much of the claim the rule does not support."""
        return self.payoff - self.enforceable_payoff


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class CourtView(CourtLines, Rendered):
    """What a court would allow on an account, beside what the contract claims.

    Attributes
    ----------
    rule : Rule
    as_of : datetime.date
    lines : tuple of CourtLine
        The principal, each charge (claimed, allowed, excess, with the articles that
        limit it), enforcement costs and the payoff (claimed; enforceable).
    limits : tuple of Limit
        The rule's limits the account was held to.
    currency : str or None
        The currency of the figures, if the contract names one.
    paid : Decimal
        The payments made up to ``as_of``.
    paid_on_charges, paid_on_allowed : Decimal
        What those payments settled of charges: as the contract applies them, and as
        the rule does (a fee paid when the loan was made left out).
    paid_on_excess : Decimal
        What the contract put on charges the rule does not allow: re-applied under the
        rule (credited to principal, or held as a refund). Interest withheld in
        advance is not a payment: the rule recognises the amount received as
        principal instead (the principal line), so it is left out here.
    order : tuple of Component
        The order the rule's replay applies payments in.
    ceiling : Decimal or None
        What the limits allow in charges together, where they are measured apart from
        the replay (a card's ledger); None for a loan's view.
    card : bool
        Made from a card's replays: its lines are named in a card issuer's words.
    claimed, allowed : AccountState or None
        For a loan, the two replays: the account as the contract has it, and under the
        rule (principal recognised, charges within every ceiling, payments re-applied
        to what the rule allows). None for a card, whose replays are its own ledger
        (:func:`loanrelief.cards.card_court_view`).

    Notes
    -----
    Made by :func:`court_view` from a loan's two replays, or by
    :func:`loanrelief.cards.card_court_view` from a card's: the view holds only the
    figures by component, so a debt that owes nothing gives a view of zeros.

    Examples
    --------
    >>> import loanrelief as lr
    >>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
    >>> cap = lr.law.AnnualRateCap(annual_rate="0.24")
    >>> view = court_view(loan, as_of=date(2024, 7, 1), rule=cap)
    >>> view.payoff, view.enforceable_payoff
    (Decimal('11218.94'), Decimal('11199.39'))
    """

    rule: Rule
    as_of: date
    lines: tuple[CourtLine, ...]
    limits: tuple[Limit, ...]
    currency: str | None
    paid: Decimal
    paid_on_charges: Decimal
    paid_on_allowed: Decimal
    paid_on_excess: Decimal
    order: tuple[Component, ...]
    ceiling: Decimal | None = None
    card: bool = False
    claimed: AccountState | None = None
    allowed: AccountState | None = None

    @property
    def lender(self) -> ChinaLender | None:
        """The kind of lender the rule is for (its words for the charges), if it says."""
        return lender_of(self.rule)

    @property
    def recognised_principal(self) -> Decimal:
        """The principal the rule recognises (the principal line's allowed figure)."""
        return self.lines[0].allowed

    def line(self, item: str) -> CourtLine | None:
        """Return the line of ``item`` (``"principal"``, a charge's value, ...), if shown.

        Raises
        ------
        InvalidTypeError
            For an ``item`` that is not a string.
        InvalidValueError
            For an ``item`` no court view has a line for.

        Examples
        --------
        >>> import loanrelief as lr
        >>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
        >>> view = court_view(loan, as_of=date(2024, 7, 1),
        ...                   rule=lr.law.AnnualRateCap(annual_rate="0.24"))
        >>> view.line("contract_interest").excess, view.line("penalty") is None
        (Decimal('19.55'), True)
        """
        if not isinstance(item, str):
            raise InvalidTypeError("item", item, "a line's item, such as 'principal'")
        if item not in _ITEMS:
            raise InvalidValueError("item", item, f"one of {', '.join(_ITEMS)}")
        return next((line for line in self.lines if line.item == item), None)

    @property
    @exact_decimals
    def charges_claimed(self) -> Decimal:
        """The charges the contract claims, all lines between principal and payoff."""
        return sum((x.charged for x in self.lines if x.item in _CHARGE_ITEMS), Decimal(0))

    @property
    @exact_decimals
    def charges_allowed(self) -> Decimal:
        """The charges the rule allows, all lines between principal and payoff."""
        return sum((x.allowed for x in self.lines if x.item in _CHARGE_ITEMS), Decimal(0))

    def explain(self, lang: str | None = None) -> str:
        """Return the view as numbered lines, each with its source, in a language.

        Made by :func:`loanrelief._presentation.court.court_explain`.

        Examples
        --------
        >>> import loanrelief as lr
        >>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
        >>> view = court_view(loan, as_of=date(2024, 7, 1),
        ...                   rule=lr.law.AnnualRateCap(annual_rate="0.24", source="usury law"))
        >>> print(view.explain().splitlines()[2])  # doctest: +NORMALIZE_WHITESPACE
        2. contract interest: charged 1218.94, allowed 1199.39, not allowed 19.55
        (source: usury law)
        """
        from loanrelief._presentation.court import court_explain  # noqa: PLC0415 - on use

        return court_explain(self, lang)

    __repr__ = result_repr_of("rule", "as_of", "payoff", "enforceable_payoff")

    _renders: ClassVar[str] = "loanrelief._presentation.court:court"


def lender_of(rule: Rule) -> ChinaLender | None:
    """Return the kind of Chinese lender a rule governs, or None for another rule.

    Examples
    --------
    >>> lender_of(ChinaPrivateLending()).value, lender_of(ChinaFinancialLoans()).value
    ('private', 'financial_institution')
    """
    if isinstance(rule, ChinaPrivateLending):
        return ChinaLender.PRIVATE
    if isinstance(rule, ChinaFinancialLoans):
        return ChinaLender.FINANCIAL_INSTITUTION
    return None


@exact_decimals
def court_view(
    loan: Loan | Schedule,
    payments: Iterable[Payment] = (),
    *,
    as_of: date,
    rule: Rule,
    penalty: PenaltyPolicy | None = None,
    allocation: Allocation = Allocation.CIVIL_CODE_561,
    costs: Iterable[EnforcementCost] = (),
    accrual: Accrual | str = Accrual.SCHEDULED,
) -> CourtView:
    """Return what a court would allow on a loan and its payments on a date, under a rule.

    Parameters
    ----------
    loan : Loan or Schedule
        The contract as written (its principal the amount on the IOU).
    payments : iterable of Payment
    as_of : datetime.date
    rule : Rule
        The legal rule (:mod:`loanrelief.law`): ``ChinaPrivateLending()``,
        ``ChinaFinancialLoans()``, ``UKHighCostShortTerm()``, a cap of your own.
    penalty : PenaltyPolicy, optional
        What the contract charges for lateness.
    allocation : Allocation, default Allocation.CIVIL_CODE_561
    costs : iterable of EnforcementCost
        Costs of enforcing the claim.
    accrual : Accrual or str, default "scheduled"
        How the contract charges interest (``"us_rule"``: by day on the unpaid
        principal; see :func:`~loanrelief.account_state`).

    Returns
    -------
    CourtView

    Notes
    -----
    The claim is :func:`~loanrelief.account_state` without a rule; the court's figure
    is the same replay under ``rule``: principal recognised by the rule (interest
    withheld in advance is not principal), each charge held within every ceiling
    measured from the account's history, and every payment applied only to what the
    rule allows, the rest repaying principal or held as a refund (``rule.excess``).

    Examples
    --------
    >>> import loanrelief as lr
    >>> loan = lr.Loan(10000, "0.12", 12, start=date(2024, 1, 1),
    ...                upfront_fee=1000, fee_deducted=True)
    >>> view = court_view(loan, as_of=date(2024, 1, 1), rule=lr.law.ChinaPrivateLending())
    >>> view.recognised_principal, view.enforceable_payoff
    (Decimal('9000.00'), Decimal('9000.00'))
    """
    if not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law)")
    # Each iterable read once: both replays below take the same payments and costs.
    received = a_sequence(payments, "payments")
    charged = a_sequence(costs, "costs")
    claimed, allowed = replayed_states(
        loan,
        received,
        as_of=as_of,
        penalty=penalty,
        allocation=allocation,
        post_on=(),
        rule=rule,
        costs=charged,
        accrual=accrual,
    )
    assert claimed is not None  # replayed under a rule: the contract's own state too
    limits = rule.limits(allowed.loan, allowed.as_of)
    lines = _lines(rule, limits, claimed, allowed)
    upfront = Charge.UPFRONT_FEE.value
    contract = sum(claimed.charges_paid.values(), Decimal(0))
    law = sum(allowed.charges_paid.values(), Decimal(0))
    # An upfront fee is paid when the loan is made, not by the payments; withheld in
    # advance, the principal line shows it rather than the payments.
    on_excess = contract - (claimed.charges_paid[upfront] if _withheld(claimed, allowed) else 0)
    return CourtView(
        rule=rule,
        as_of=as_of,
        lines=lines,
        limits=limits,
        currency=claimed.loan.currency,
        paid=sum((p.amount for p in claimed.payments), Decimal(0)).quantize(lines[-1].charged),
        paid_on_charges=contract - claimed.charges_paid[upfront],
        paid_on_allowed=law - allowed.charges_paid[upfront],
        paid_on_excess=max(on_excess - law, Decimal(0)),
        order=allowed.allocation.order,
        claimed=claimed,
        allowed=allowed,
    )


def charge_sources(limits: Iterable[Limit], kind: Charge) -> tuple[Citation, ...]:
    """Return the articles of the limits that hold a charge (:data:`UNLIMITED` if none).

    Examples
    --------
    >>> import loanrelief as lr
    >>> cap = lr.law.AnnualRateCap(annual_rate="0.24", source="usury law")
    >>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
    >>> charge_sources(cap.limits(loan, date(2024, 7, 1)), Charge.CONTRACT_INTEREST)
    (Citation(template='usury law'),)
    >>> charge_sources((), Charge.LATE_FEE)
    (Citation(template='not limited by this rule'),)
    """
    return tuple(limit.citation for limit in limits if kind in limit.components) or UNLIMITED


def _withheld(claimed: AccountState, allowed: AccountState) -> bool:
    """Whether the rule recognises less principal because a fee was withheld from it."""
    return claimed.loan.fee_deducted and allowed.loan.principal != claimed.loan.principal


def _lines(
    rule: Rule, limits: tuple[Limit, ...], claimed: AccountState, allowed: AccountState
) -> tuple[CourtLine, ...]:

    written, recognised = claimed.loan.principal, allowed.loan.principal
    principal_source = _RECOGNISED_SOURCE if written != recognised else _AS_WRITTEN
    lines = [court_line("principal", written, recognised, principal_source)]
    withheld = _withheld(claimed, allowed)
    for kind in Charge:
        if kind is Charge.UPFRONT_FEE and withheld:
            continue  # interest withheld in advance: the principal line shows it
        charged = claimed.charged[kind.value]
        kept = allowed.allowed[kind.value]
        if not charged and not kept:
            continue
        lines.append(court_line(kind.value, charged, kept, charge_sources(limits, kind)))
    total_costs = sum((c.amount for c in claimed.enforcement_costs), Decimal(0))
    if total_costs:
        lines.append(
            CourtLine(
                item="costs",
                charged=total_costs,
                allowed=total_costs,
                excess=Decimal(0),
                citations=COSTS_SOURCE,
            )
        )
    lines.append(
        CourtLine(
            item="payoff",
            charged=claimed.payoff,
            allowed=allowed.payoff,
            excess=claimed.payoff - allowed.payoff,
            citations=(rule_title(rule),),
        )
    )
    return tuple(lines)
