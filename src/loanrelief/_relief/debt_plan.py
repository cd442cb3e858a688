"""The results of a plan for several debts: :class:`Strategy`, :class:`DebtPlan` and more.

:func:`~loanrelief._relief.debts.plan_debts` makes a :class:`DebtPlan` (a debt
management plan's :class:`DebtOffer` to each creditor among its figures), and
:func:`~loanrelief._relief.debts.compare_strategies` a :class:`StrategyComparison`; a
:class:`Strategy` says where the budget goes. Their text, HTML and charts are made in
the presentation layer (:mod:`loanrelief._presentation.debts`,
:mod:`loanrelief._presentation.plot`), imported when asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, final

from loanrelief._foundations.errors import InvalidValueError
from loanrelief._foundations.money import exact_decimals
from loanrelief._foundations.optional import require
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr, result_repr_of
from loanrelief._foundations.validate import Choice, an_instance

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["DebtOffer", "DebtPlan", "Strategy", "StrategyComparison"]


@final
class Strategy(Choice):
    """Where the budget left after the minimums goes each month.

    Attributes
    ----------
    AVALANCHE
        The highest contract rate first (then the costliest delay).
    SNOWBALL
        The smallest amount owed first, as it stands each month.
    LEGAL
        Debts in court first (``Debt(in_court=True)``: a judgment brings enforcement
        and its costs), then the debt whose month of delay costs most for each unit
        owed (:func:`~loanrelief.cost_of_delay`).
    PRO_RATA
        Shared in proportion to what each debt owes (every creditor treated alike).
    LEAST_COST
        The order among those above that costs least in total, each simulated to the
        end: it is never beaten by another of those orders on what is paid (and left
        owed) over the plan. The debt management plan is not among them: its figures
        need each creditor's concession.
    DEBT_MANAGEMENT
        A debt management plan: the budget divided among the creditors in proportion
        to what each is owed on the start date, and each creditor asked to stop
        interest and charges (停息挂账) and take its share every month until it is
        repaid (:class:`DebtOffer`). Every creditor is paid every month; the figures
        hold if each creditor agrees. Debt advice works this way: the adviser
        negotiates one repayment offer and a freeze of interest and charges with each
        lender and tells the customer which lenders refused either (FCA Handbook CONC
        8.8.1R(4)(c)-(d)); a Chinese card issuer may agree an individual instalment
        plan of up to five years (个性化分期, 《商业银行信用卡业务监督管理办法》第七十条,
        CBRC Measures on the Credit Card Business 2011, art. 70). A debt with relief
        already agreed (``Debt(relief=...)``) keeps it: the most its instalments ask
        in a month is set aside, and the rest of the budget is shared among the
        others (a budget that leaves them nothing is refused: renegotiate first).

    Examples
    --------
    >>> Strategy("pro_rata")
    <Strategy.PRO_RATA: 'pro_rata'>
    """

    AVALANCHE = "avalanche"
    SNOWBALL = "snowball"
    LEGAL = "legal"
    PRO_RATA = "pro_rata"
    LEAST_COST = "least_cost"
    DEBT_MANAGEMENT = "debt_management"


_ORDERS = (Strategy.AVALANCHE, Strategy.SNOWBALL, Strategy.LEGAL, Strategy.PRO_RATA)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class DebtOffer:
    """What a debt management plan offers one creditor, and asks of it.

    The plan divides the budget left after any relief already agreed among the other
    creditors in proportion to what each is owed on the plan's start, and asks each to
    stop interest and charges (停息挂账) and take its share every month until repaid
    (:attr:`Strategy.DEBT_MANAGEMENT`; FCA Handbook CONC 8.8.1R(4)(c)-(d): the offer
    and the freeze of interest and charges are what debt advice negotiates with each
    lender).

    Attributes
    ----------
    creditor : str
    owed : Decimal
        Everything owed on the plan's start (principal, interest, penalty and fees):
        the amount frozen.
    arrears : Decimal
        What the instalments due by the plan's start still owe (overdue now, or due
        that day): principal, interest, fees and the charges for lateness.
    contract_due : Decimal
        The instalments the contract has fall due in the month after the start, as
        contracted (principal, interest and fee; nothing where the whole debt is due
        already).
    payment : Decimal
        The share offered each month: ``shared x owed / (all owed)``, to the minor
        unit (the units left to the largest fractions; a share that would round to
        nothing is one unit, taken from the largest), at most what is owed.
    count : int
        The monthly payments: ``ceil(owed / payment)``.
    last_payment : Decimal
        The last one, ``owed - payment x (count - 1)``.
    first_date, last_date : datetime.date
        The first payment (the plan's start) and the last, a month apart each.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> b = lr.Statement(as_of=date(2024, 5, 1), outstanding_principal=3000, annual_rate="0.12",
    ...                  next_due_date=date(2024, 5, 20), remaining_instalments=4)
    >>> a = lr.account_state(lr.Loan(6000, "0.24", 12, start=date(2024, 1, 10)), as_of=b.as_of)
    >>> debts = [lr.debts.Debt("A", a), lr.debts.Debt("B", b)]
    >>> plan = lr.debts.plan_debts(debts, 900, strategy="debt_management")
    >>> offer = plan.offers[0]
    >>> offer.owed, offer.payment, offer.count, offer.last_payment
    (Decimal('6397.81'), Decimal('611.98'), 11, Decimal('278.01'))
    """

    creditor: str
    owed: Decimal
    arrears: Decimal
    contract_due: Decimal
    payment: Decimal
    count: int
    last_payment: Decimal
    first_date: date
    last_date: date

    __repr__ = result_repr_of("creditor", "payment", "count")


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class DebtPlan(Rendered):
    """A month-by-month plan for several debts under one budget.

    Attributes
    ----------
    strategy : Strategy
        The strategy asked for.
    order : Strategy
        The order the surplus followed (for ``"least_cost"``, the cheapest one).
    budget : Decimal
        The monthly budget.
    dates : tuple of datetime.date
        The payment days, one a month from the start.
    creditors : tuple of str
    owed_at_start : mapping of str to Decimal
        What each debt owed on the start date, before its first payment.
    payments : mapping of str to tuple of Decimal
        What each creditor is paid on each date.
    balances : mapping of str to tuple of Decimal
        What each debt still owes (its payoff) after each date's payment.
    cleared : mapping of str to datetime.date or None
        The date each debt is repaid (None if not within the plan).
    debt_free : datetime.date or None
        The date the last debt is repaid.
    minimums : tuple of Decimal
        What fell due on all debts each month.
    shortfall : tuple of Decimal
        How far the budget fell short of the minimums each month (0 when covered).
    unspent : tuple of Decimal
        Budget left over each month once every debt was paid what it could take.
    total_paid : Decimal
    remaining : Decimal
        What is still owed at the plan's end (0 when debt-free).
    present_value : Decimal
        The payments discounted at ``discount_rate`` (annual, actual/365).
    unpaid_months : mapping of str to int
        For each creditor, the months it was owed and paid nothing: what invites
        collection and a lawsuit (an avalanche leaves the debts it does not reach on
        their minimums, and on nothing when the budget falls short of them).
    offers : tuple of DebtOffer
        Under ``"debt_management"``, what the plan offers each creditor without relief
        already agreed, and asks of it; empty under the other strategies.

    Notes
    -----
    Each month: the budget first pays what falls due on each debt that month
    (in the strategy's order if it cannot pay it all), then the rest goes by the
    strategy, each payment placed by the debt's own replay. Every cent of every
    month's budget is paid to a creditor or counted as unspent.
    """

    strategy: Strategy
    order: Strategy
    budget: Decimal
    dates: tuple[date, ...]
    creditors: tuple[str, ...]
    owed_at_start: Mapping[str, Decimal]
    payments: Mapping[str, tuple[Decimal, ...]]
    balances: Mapping[str, tuple[Decimal, ...]]
    cleared: Mapping[str, date | None]
    debt_free: date | None
    minimums: tuple[Decimal, ...]
    shortfall: tuple[Decimal, ...]
    unspent: tuple[Decimal, ...]
    total_paid: Decimal
    remaining: Decimal
    present_value: Decimal
    unpaid_months: Mapping[str, int]
    offers: tuple[DebtOffer, ...] = ()

    @property
    def covers_minimums(self) -> bool:
        """Whether the budget paid what fell due every month."""
        return not any(self.shortfall)

    @property
    @exact_decimals
    def total_cost(self) -> Decimal:
        """What the plan pays, and what it leaves owed at its end."""
        return self.total_paid + self.remaining

    def paid_by(self, creditor: str) -> Decimal:
        """Return the total paid to one creditor.

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
        ...                          as_of=date(2024, 3, 15))
        >>> lr.debts.plan_debts([lr.debts.Debt("A", state)], 300).paid_by("A")
        Decimal('1200.00')
        """
        creditor = an_instance(creditor, str, "creditor", f"one of {list(self.creditors)}")
        if creditor not in self.payments:
            raise InvalidValueError("creditor", creditor, f"one of {list(self.creditors)}")
        return sum(self.payments[creditor], Decimal(0))

    def to_pandas(self) -> pd.DataFrame:
        """Return the plan as a DataFrame: a row a month, a column a creditor (floats).

        Requires pandas (``pip install '.[pandas]'``).
        """
        pandas = require("pandas", "pandas", "DebtPlan.to_pandas()")
        columns: dict[str, Any] = {
            f"{name} paid": [float(x) for x in self.payments[name]] for name in self.creditors
        }
        columns.update(
            {f"{name} owed": [float(x) for x in self.balances[name]] for name in self.creditors}
        )
        columns["shortfall"] = [float(x) for x in self.shortfall]
        columns["unspent"] = [float(x) for x in self.unspent]
        return pandas.DataFrame(columns, index=pandas.DatetimeIndex(self.dates, name="date"))

    def plot(self, *, lang: str = "en") -> Figure:
        """Chart what each debt owes over the plan (a matplotlib Figure; needs matplotlib)."""
        from loanrelief._presentation.plot import plot_debts  # noqa: PLC0415 - optional, on use

        return plot_debts(self, lang=lang)

    __repr__ = result_repr_of("strategy", "budget", "debt_free", "total_paid")

    _renders: ClassVar[str] = "loanrelief._presentation.debts:plan"


@final
@dataclass(frozen=True, slots=True)
class StrategyComparison(Rendered):
    """The same debts and budget under several strategies.

    Attributes
    ----------
    plans : tuple of DebtPlan
        One per strategy, in the order asked.
    """

    plans: tuple[DebtPlan, ...]

    def plot(self, *, lang: str = "en") -> Figure:
        """Chart the total owed over time under each strategy (needs matplotlib)."""
        from loanrelief._presentation.plot import plot_strategies  # noqa: PLC0415 - optional, on use

        return plot_strategies(self, lang=lang)

    _renders: ClassVar[str] = "loanrelief._presentation.debts:strategies"

    def __repr__(self) -> str:
        return result_repr(self, strategies=tuple(plan.strategy for plan in self.plans))
