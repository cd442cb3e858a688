"""A ``Plan``: the dated payments a borrower will make from a negotiation date on.

A plan is what a relief option turns an overdue account into: each payment split into
principal, interest, penalty and fees, plus what was waived. Baselines and options are
plans alike, so one set of metrics compares them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, final

from loanrelief._foundations.currency import currency_digits
from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError
from loanrelief._foundations.money import Money, exact_decimals, minor_of, to_major, to_minor
from loanrelief._foundations.optional import require
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import a_date, a_sequence, an_instance
from loanrelief._loans.schedule import ColumnTotal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PLAN_COLUMNS", "Parts", "Plan", "PlanRow"]

PLAN_COLUMNS = ("principal", "interest", "penalty", "fees")
"""The components of every plan payment, in order."""

A = TypeVar("A")  # an amount: an int for one account, an int64 array for a block


@final
@dataclass(frozen=True, slots=True)
class Parts(Generic[A]):
    """An amount split by plan component: principal, interest, penalty and fees.

    One value for one account (``Parts[int]``, minor units) or for a block of
    accounts (``Parts`` of int64 arrays): what a workout owes now, what it rolls into
    a new schedule, what it waives.

    Examples
    --------
    >>> owed = Parts(principal=100, interest=7, penalty=2, fees=0)
    >>> owed.plus("interest", 3).total, owed["penalty"]
    (112, 2)
    """

    principal: A
    interest: A
    penalty: A
    fees: A

    __repr__ = result_repr_of("principal", "interest", "penalty", "fees")

    @staticmethod
    def zeros() -> Parts[int]:
        """Return nothing on every component."""
        return Parts(0, 0, 0, 0)

    def __getitem__(self, name: str) -> A:
        """Return one component by name (one of :data:`PLAN_COLUMNS`)."""
        if name not in PLAN_COLUMNS:
            raise InvalidValueError("component", name, "one of " + ", ".join(PLAN_COLUMNS))
        amount: A = getattr(self, name)
        return amount

    def replace(self, **changes: A) -> Parts[A]:
        """Return the parts with some components replaced."""
        for name in changes:
            if name not in PLAN_COLUMNS:
                raise InvalidValueError("component", name, "one of " + ", ".join(PLAN_COLUMNS))
        return dataclasses.replace(self, **changes)

    def plus(self, name: str, amount: A) -> Parts[A]:
        """Return the parts with ``amount`` more on component ``name``."""
        return dataclasses.replace(self, **{name: self[name] + amount})  # type: ignore[operator]

    def __add__(self, other: Parts[A]) -> Parts[A]:
        return Parts(*(self[c] + other[c] for c in PLAN_COLUMNS))  # type: ignore[operator]

    @property
    def total(self) -> A:
        """All components together."""
        total: A = self.principal + self.interest + self.penalty + self.fees  # type: ignore[operator]
        return total

    def items(self) -> Iterator[tuple[str, A]]:
        """Return ``(component, amount)`` pairs in :data:`PLAN_COLUMNS` order."""
        return ((c, self[c]) for c in PLAN_COLUMNS)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRow:
    """One payment of a plan.

    Attributes
    ----------
    date : datetime.date
    principal, interest, penalty, fees : Decimal
        What the payment settles of each component.

    Examples
    --------
    >>> from datetime import date
    >>> row = PlanRow(date=date(2024, 2, 1), principal=Decimal("90.00"),
    ...               interest=Decimal("10.00"), penalty=Decimal("0.50"), fees=Decimal("0"))
    >>> row.amount
    Decimal('100.50')
    """

    date: date
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    fees: Decimal

    __repr__ = result_repr_of("date", "principal", "interest", "penalty", "fees")

    @property
    @exact_decimals
    def amount(self) -> Decimal:
        """The whole payment."""
        return self.principal + self.interest + self.penalty + self.fees


@final
class Plan(Rendered):
    """Dated future payments, each split into principal, interest, penalty and fees.

    Made by :func:`loanrelief.evaluate` and the levers, or by hand from its payments
    (an offer as the lender wrote it), in major units.

    Parameters
    ----------
    rows : sequence of PlanRow
        The payments, in date order, on or after ``as_of``.
    as_of : datetime.date
        The negotiation date.
    debt : Money
        What the borrower owed on ``as_of`` before any concession.
    label : str, default ""
        What made the plan.
    waived : mapping of str to Money, optional
        What the plan gives up, by component (``"interest"``, ``"penalty"``, ...).
    contingent : Money, default 0
        Forgiven only if the plan is kept (waived when the last payment is made).
    digits : int, default 2
        The currency's minor-unit digits; every amount must fit them.

    Attributes
    ----------
    as_of : datetime.date
        The negotiation date: the plan's payments fall on or after it.
    debt : Decimal
        What the borrower owed on ``as_of`` before any concession (the payoff).
    label : str
        What made the plan ("cure now", "extend 12 periods", ...).
    package : tuple
        The levers that made the plan, in order (:func:`loanrelief.evaluate`), else
        empty. :meth:`label_in` names the plan by them, or by its ``label``.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1))
    >>> state = lr.account_state(loan, as_of=date(2024, 3, 15))
    >>> plan = lr.evaluate(state).plan
    >>> plan.rows[0].amount, len(plan), plan.total_paid
    (Decimal('200.00'), 11, Decimal('1200.00'))
    >>> offer = lr.Plan([lr.PlanRow(date=date(2024, 4, 1), principal=Decimal("700"),
    ...                             interest=Decimal("0"), penalty=Decimal("0"),
    ...                             fees=Decimal("0"))],
    ...                 as_of=date(2024, 3, 15), debt=1000, waived={"principal": 300},
    ...                 label="settle for 70 %")
    >>> offer.total_paid, offer.total_waived
    (Decimal('700.00'), Decimal('300.00'))
    """

    __slots__ = (
        "_amounts",
        "_columns",
        "_dates",
        "_digits",
        "_waived",
        "as_of",
        "contingent",
        "debt",
        "label",
        "package",
    )

    as_of: date
    debt: Decimal
    label: str
    package: tuple[object, ...]  # levers (relief layer, above this one): typed object
    contingent: Decimal
    _dates: list[date]
    _columns: dict[str, list[int]]
    _amounts: list[int]  # each payment, the columns' sum
    _digits: int
    _waived: dict[str, int]

    def __init__(
        self,
        rows: Sequence[PlanRow],
        *,
        as_of: date,
        debt: Money,
        label: str = "",
        waived: Mapping[str, Money] | None = None,
        contingent: Money = 0,
        digits: int = 2,
    ) -> None:
        digits = currency_digits(digits)
        as_of = a_date(as_of, "as_of")
        given = a_sequence(rows, "rows")
        columns: dict[str, list[int]] = {name: [] for name in PLAN_COLUMNS}
        dates: list[date] = []
        for k, row in enumerate(given):
            an_instance(row, PlanRow, f"rows[{k}]", "a PlanRow")
            if row.date < (dates[-1] if dates else as_of):
                raise InvalidTermsError(
                    f"rows[{k}].date", row.date, "on or after as_of and the row before"
                )
            dates.append(row.date)
            for name in PLAN_COLUMNS:
                field = f"rows[{k}].{name}"
                columns[name].append(
                    to_minor(getattr(row, name), field=field, digits=digits, minimum=0)
                )
        cuts = {} if waived is None else waived
        if not isinstance(cuts, Mapping) or any(name not in PLAN_COLUMNS for name in cuts):
            raise InvalidValueError("waived", waived, "a mapping of component to amount")
        made = Plan.from_minor(
            as_of=as_of,
            dates=dates,
            columns=columns,
            digits=digits,
            debt=to_minor(debt, field="debt", digits=digits, minimum=0),
            waived={
                name: to_minor(amount, field=f"waived[{name!r}]", digits=digits, minimum=0)
                for name, amount in cuts.items()
            },
            label=label if isinstance(label, str) else str(label),
            contingent=to_minor(contingent, field="contingent", digits=digits, minimum=0),
        )
        for name in Plan.__slots__:
            setattr(self, name, getattr(made, name))

    @classmethod
    def from_minor(
        cls,
        *,
        as_of: date,
        dates: list[date],
        columns: Mapping[str, list[int]],
        digits: int,
        debt: int,
        waived: Mapping[str, int],
        label: str,
        contingent: int = 0,
    ) -> Plan:
        """Return a plan of amounts in minor units, as the engine makes them.

        The minor-unit face (:mod:`loanrelief.minor`): ``columns`` holds each
        component's amount per date, in the currency's minor units, already checked.

        Examples
        --------
        >>> from datetime import date
        >>> plan = Plan.from_minor(as_of=date(2024, 3, 1), dates=[date(2024, 3, 1)],
        ...                        columns={"principal": [10000], "interest": [150],
        ...                                 "penalty": [0], "fees": [0]},
        ...                        digits=2, debt=10150, waived={}, label="pay off")
        >>> plan.total_paid
        Decimal('101.50')
        """
        rows = list(zip(*(columns[name] for name in PLAN_COLUMNS), strict=True))
        keep = [k for k, parts in enumerate(rows) if any(parts)]  # no empty payments
        plan = cls.__new__(cls)
        plan.as_of = as_of
        if len(keep) == len(rows):
            plan._dates = list(dates)
            plan._columns = {name: list(columns[name]) for name in PLAN_COLUMNS}
        else:
            plan._dates = [dates[k] for k in keep]
            plan._columns = {name: [columns[name][k] for k in keep] for name in PLAN_COLUMNS}
        plan._amounts = [sum(rows[k]) for k in keep]
        plan._digits = digits
        plan.debt = to_major(debt, digits)
        plan._waived = {name: amount for name, amount in waived.items() if amount}
        plan.label = label
        plan.package = ()
        plan.contingent = to_major(contingent, digits)
        return plan

    # -- rows and columns -------------------------------------------------------------
    @property
    def rows(self) -> tuple[PlanRow, ...]:
        """The payments, in date order."""
        major = self._major
        return tuple(
            PlanRow(
                date=day,
                principal=major(self._columns["principal"][k]),
                interest=major(self._columns["interest"][k]),
                penalty=major(self._columns["penalty"][k]),
                fees=major(self._columns["fees"][k]),
            )
            for k, day in enumerate(self._dates)
        )

    def __iter__(self) -> Iterator[PlanRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._dates)

    @property
    def digits(self) -> int:
        """Minor-unit digits of the plan's currency (2 for CNY, 0 for JPY)."""
        return self._digits

    def _major(self, minor: int) -> Decimal:
        return to_major(minor, self._digits)

    def amounts_minor(self) -> list[int]:
        """Each payment in minor units."""
        return list(self._amounts)

    @property
    def dates(self) -> list[date]:
        """The payment dates."""
        return list(self._dates)

    def flows(self) -> tuple[list[date], list[float]]:
        """Return the plan as signed flows in the lender's view: the debt out, payments in.

        The debt is what was owed on ``as_of`` before concessions, so a plan's APR
        shows the rate its payments imply on that debt (below zero after deep
        waivers).
        """
        # The batch's floats exactly (batch.truecost.plan_aprs): each minor-unit amount
        # made a float, then scaled; past 2**53 minor units a float of the decimal
        # would round once where these round twice, and the APRs would differ.
        scale = 10.0**self._digits
        amounts = [float(amount) / scale for amount in self.amounts_minor()]
        debt = float(minor_of(self.debt, self._digits)) / scale
        return [self.as_of, *self._dates], [-debt, *amounts]

    # -- totals ---------------------------------------------------------------------
    def _total(self, name: str) -> Decimal:
        return self._major(sum(self._columns[name]))

    total_principal = ColumnTotal("principal")
    """Principal repaid over the plan."""
    total_interest = ColumnTotal("interest")
    """Interest paid over the plan (arrears and future)."""
    total_penalty = ColumnTotal("penalty")
    """Penalty and compound interest paid over the plan."""
    total_fees = ColumnTotal("fees")
    """Fees paid over the plan."""

    @property
    def total_paid(self) -> Decimal:
        """Everything paid: principal + interest + penalty + fees, exactly."""
        return self._major(sum(self.amounts_minor()))

    @property
    def above_payoff(self) -> Decimal:
        """How much more than what it replaces the plan pays in all (0 if not more).

        ``max(total_paid - debt, 0)``: what it replaces is the payoff on the
        negotiation date (:attr:`debt`, what was owed before any concession). An
        interest-bearing plan pays its interest above it; an interest-free one (a
        freeze) pays nothing above it unless it charges fees (the contract's, kept, or
        the plan's own).

        Examples
        --------
        A freeze of an interest-free loan's instalments pays its payoff, and above it
        only the fees it keeps:

        >>> import loanrelief as lr
        >>> loan = lr.Loan(1200, "0", 12, start=date(2024, 1, 1), instalment_fee=5)
        >>> state = lr.account_state(loan, as_of=date(2024, 3, 15))
        >>> state.payoff
        Decimal('1210.00')
        >>> for keep_fees in (False, True):
        ...     plan = lr.evaluate(state, lr.FreezeInterest(6, keep_fees=keep_fees)).plan
        ...     print(plan.total_paid, plan.above_payoff, plan.exceeds_payoff)
        1210.00 0.00 False
        1240.00 30.00 True
        >>> lr.evaluate(state, lr.FreezeInterest(6)).plan.above_payoff
        Decimal('0.00')
        """
        return self._major(max(sum(self._amounts) - minor_of(self.debt, self._digits), 0))

    @property
    def exceeds_payoff(self) -> bool:
        """Whether the plan pays more in all than the payoff it replaces (:attr:`above_payoff`)."""
        return sum(self._amounts) > minor_of(self.debt, self._digits)

    @property
    def waived(self) -> dict[str, Decimal]:
        """What the lender gave up, by component (principal forgiven under "principal")."""
        return {name: self._major(amount) for name, amount in self._waived.items()}

    @property
    def total_waived(self) -> Decimal:
        """Everything waived or forgiven."""
        return self._major(sum(self._waived.values()))

    @property
    def first_payment(self) -> Decimal:
        """The first payment (0 for an empty plan)."""
        amounts = self.amounts_minor()
        return self._major(amounts[0] if amounts else 0)

    @property
    def regular_payment(self) -> Decimal:
        """What the borrower must afford each period: the largest later payment.

        Later means after the negotiation date; a final payment (a balloon or the
        rounding residue) is left out when there are others, and shown by
        :attr:`last_payment`.
        """
        amounts = self.amounts_minor()
        later = [a for day, a in zip(self._dates, amounts, strict=True) if day > self.as_of]
        if len(later) > 1:
            later = later[:-1]
        return self._major(max(later, default=0))

    @property
    def last_payment(self) -> Decimal:
        """The last payment (a balloon, where principal was forborne)."""
        amounts = self.amounts_minor()
        return self._major(amounts[-1] if amounts else 0)

    @property
    def max_payment(self) -> Decimal:
        """The largest payment."""
        return self._major(max(self.amounts_minor(), default=0))

    @property
    def end_date(self) -> date:
        """The date of the last payment (``as_of`` for an empty plan)."""
        return self._dates[-1] if self._dates else self.as_of

    # -- views ----------------------------------------------------------------------
    @exact_decimals
    def to_pandas(self) -> pd.DataFrame:
        """Return the payments as a ``pandas.DataFrame`` (float columns in major units).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.
        """
        pd = require("pandas", "pandas", "Plan.to_pandas()")
        scale = 10.0**self._digits
        data: dict[str, Any] = {"date": self._dates}
        for name in PLAN_COLUMNS:
            data[name] = [value / scale for value in self._columns[name]]
        data["amount"] = [value / scale for value in self.amounts_minor()]
        return pd.DataFrame(data)

    def label_in(self, lang: str | None = None) -> str:
        """Name the plan in a language: by its :attr:`package`'s levers, else the table's name.

        A label the translation table lacks (an offer's own words) is kept as given.

        Examples
        --------
        >>> import loanrelief as lr
        >>> state = lr.account_state(lr.Loan(1200, "0.1", 12, start=date(2024, 1, 1)),
        ...                          as_of=date(2024, 3, 15))
        >>> plan = lr.evaluate(state, lr.CapitalizeArrears(), lr.ExtendTerm(6)).plan
        >>> plan.label_in("en"), plan.label_in("zh")
        ('capitalize arrears, extend 6 periods', '逾期欠款转入本金，延长还款期限6期')
        >>> lr.evaluate(state).plan.label_in("zh")
        '立即补足逾期'
        """
        from loanrelief._presentation.loans import plan_label  # noqa: PLC0415 - on use

        return plan_label(self, lang)

    __repr__ = result_repr_of("label", "as_of", "total_paid")

    _renders: ClassVar[str] = "loanrelief._presentation.loans:plan"
