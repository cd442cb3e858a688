"""The brief's entry point: :func:`brief`, for one account or several debts and a budget."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Money, Rate, exact_decimals, to_major
from loanrelief._foundations.optional import require
from loanrelief._foundations.validate import a_flag, a_sequence
from loanrelief._ledger.account import AccountState
from loanrelief._ledger.court import CourtView
from loanrelief._presentation.briefs._account import _one_account
from loanrelief._presentation.briefs._debts import _debts
from loanrelief._presentation.briefs._document import Brief
from loanrelief._presentation.briefs._page import _lender
from loanrelief._presentation.i18n import (
    Language,
    language,
)
from loanrelief._relief.budget import Budget, affordable_minor
from loanrelief._relief.debts import (
    Debt,
)
from loanrelief._relief.evaluation import Option
from loanrelief.law._china import ChinaLender
from loanrelief.law._rules import Rule

# -- building ---------------------------------------------------------------------------


@exact_decimals
def brief(
    account: AccountState | Sequence[Debt],
    options: Iterable[Option] | None = None,
    *,
    lang: Language | str | None = None,
    budget: Money | Budget | None = None,
    rule: Rule | None = None,
    court: CourtView | None = None,
    lender: ChinaLender | str | None = None,
    discount_rate: Rate | None = None,
    recovery_rate: Rate = "0.4",
    recovery_delay: int = 365,
    charts: bool = True,
) -> Brief:
    """Make a negotiation brief for one account, or for several debts and one budget.

    Parameters
    ----------
    account : AccountState or sequence of Debt
        One account where it stands (a loan's, a statement's or a card's
        :meth:`~loanrelief.cards.CardHistory.account`), or the borrower's debts
        (:class:`~loanrelief.debts.Debt`), which then need a ``budget``.
    options : iterable of levers or packages, optional
        The options to set side by side; by default :func:`brief_options`. For
        several debts, the strategies of :func:`compare_strategies` are compared.
    lang : Language, "en" or "zh", optional
        The page's language (:func:`loanrelief._presentation.i18n.language`); the figures are the
        same in both.
    budget : money or Budget, optional
        What the borrower can pay each month: the amount, or a
        :class:`~loanrelief.Budget` of which only its affordable payment is read (one
        meaning in two forms, as in :func:`plan_debts`; a Budget in another currency
        than the account's is refused). It chooses the plan the brief proposes (by
        :func:`solve`, for the borrower's least present value, with a payment within
        it) but is never written on the page, nor anything of a Budget: the page goes
        to the lender. Required for several debts (:func:`plan_debts`).
    rule : Rule, optional
        What the law allows, as a legal rule (:mod:`loanrelief.law`): the court view
        is computed from the account's own replay under it (:func:`court_view`), or
        for several debts from each debt's. With a rule or a view, the options and the
        plan start from the enforceable claim (the account replayed under the rule),
        each ceiling is stated with its article, and no option or plan totalling more
        than the enforceable claim is proposed.
    court : CourtView, optional
        What the law allows, as a view already computed for this one account (a
        loan's from :func:`court_view`, a card's from :func:`card_court_view`), in
        place of ``rule``. Without ``rule`` or ``court`` the brief has no court
        section; both at once are refused.
    lender : ChinaLender or str, optional
        ``"private"``, ``"financial_institution"``, ``"local_financial_organisation"``
        (:class:`~loanrelief.law.ChinaLender`) or ``"card_issuer"``.
        Who the brief is addressed to, for the words the page uses (Chinese law's
        own: 逾期利息 for a private lender's overdue interest, 罚息 for a financial
        institution's penalty interest). By default from ``rule`` or ``court`` (a
        Chinese rule names its lenders) or the account (a card's is a card issuer's). To a card
        issuer the plan proposed is an individual instalment agreement (个性化分期,
        《商业银行信用卡业务监督管理办法》第七十条: at most 5 years).
    discount_rate : rate, optional
        The borrower's discount rate for present values (default: the contract rate).
    recovery_rate, recovery_delay : rate and int, default 0.4 and 365
        What the lender is taken to recover through a default (a share of the payoff,
        after so many days), for "what the lender gains against a default"
        (:func:`lender_npv`, at the contract rate). The page states both.
    charts : bool, default True
        Draw the charts (inline SVG; needs the ``plot`` extra, matplotlib).

    Returns
    -------
    Brief

    Raises
    ------
    InvalidTypeError, InvalidValueError
        For an account, option, budget, rule, court view or lender that is not valid
        (named); for ``court`` with several debts (each debt's view comes from
        ``rule``).
    InvalidTermsError
        For a ``lender`` the rule does not govern (a private lender under the
        financial-loan rule, or the other way round).
    MissingDependencyError
        With ``charts=True`` and matplotlib not installed.

    Notes
    -----
    An option's payment is its regular payment, or for a one-payment option (a
    settlement) that payment. The delay section prices 1 to 4 more weeks without
    payment (:func:`cost_of_delay`).
    The lender's gain is :func:`lender_npv`'s ``gain`` with no re-default: the offer's
    payments discounted at the contract rate, less the recovery of a default now.
    Under a rule the plan is the borrower's cheapest (present value) among the
    packages :func:`solve` finds within the budget whose total does not exceed the
    enforceable claim, else the shortest interest-free instalment plan (停息挂账) of
    that claim within the budget.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
    >>> state = lr.account_state(loan, as_of=date(2024, 7, 1),
    ...                          penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> page = lr.brief(state, budget=2000, rule=lr.law.ChinaPrivateLending(), charts=False)
    >>> page.figures["plan.label"], page.figures["plan.regular_payment"]
    ('freeze, 27 instalments', Decimal('1969.69'))
    >>> page.figures["plan.total_paid"] <= page.figures["court.enforceable"]
    True
    """
    chosen = language(lang)
    law = _law(rule, court)
    draw = a_flag(charts, "charts")
    if draw:
        require("matplotlib", "plot", "brief(charts=True)")
    if isinstance(account, AccountState):
        if isinstance(budget, Budget):
            digits = account.loan.digits
            budget = to_major(affordable_minor(budget, account.loan.currency, digits), digits)
        return _one_account(
            account,
            options,
            lang=chosen,
            budget=budget,
            court=law,
            lender=_lender(lender, account, law),
            discount_rate=discount_rate,
            recovery_rate=recovery_rate,
            recovery_delay=recovery_delay,
            charts=draw,
        )
    if isinstance(account, str | bytes) or not isinstance(account, Sequence):
        raise InvalidTypeError(
            "account", account, "an AccountState, or a sequence of Debt with a budget"
        )
    debts = list(a_sequence(account, "account"))
    if not debts or not all(isinstance(debt, Debt) for debt in debts):
        raise InvalidValueError(
            "account", account, "an AccountState, or a non-empty sequence of Debt"
        )
    if options is not None:
        raise InvalidValueError("options", options, "None for several debts (strategies)")
    if budget is None:
        raise InvalidValueError("budget", budget, "a monthly budget, for several debts")
    if court is not None:
        raise InvalidValueError(
            "court", court, "None for several debts (a legal rule goes in rule=)"
        )
    return _debts(
        debts,
        lang=chosen,
        budget=budget,
        court=rule,
        lender=_lender(lender, None, rule),
        discount_rate=discount_rate,
        charts=draw,
    )


def _law(rule: object, court: object) -> Rule | CourtView | None:
    """Return what the law allows, from ``rule`` or ``court`` (one meaning each, not both)."""
    if rule is not None and not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law), or None")
    if court is not None and not isinstance(court, CourtView):
        valid = "a CourtView, or None (a legal Rule goes in rule=)"
        raise InvalidTypeError("court", court, valid)
    if rule is not None and court is not None:
        raise InvalidTermsError("court", court, "None with rule= (a view has its own rule)")
    return rule if rule is not None else court
