"""The ``Schedule``: a loan's plan of instalments, as rows, columns and exact totals.

A schedule holds integer minor-unit columns (read-only NumPy arrays) and shows them as
``Decimal`` rows, float columns in major units, a text table and an HTML table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, final, overload

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.money import exact_decimals, minor_of, to_major
from loanrelief._foundations.optional import require
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import a_flag
from loanrelief._loans.terms import Loan

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "ColumnTotal", "Instalment", "Schedule"]

COLUMNS = ("payment", "interest", "principal", "fee", "balance")
"""The money columns of a schedule, in order."""

_SHOWN_ROWS = 12  # a longer schedule is shown as its first and last rows


class _Totalled(Protocol):
    def _total(self, name: str) -> Decimal: ...


class ColumnTotal:
    """The total of a table's money column, in major units: ``table._total(column)``.

    One attribute of a :class:`Schedule` or a :class:`~loanrelief.Plan` per column
    summed (``total_interest``...), in place of a property for each; its docstring is
    the string that follows it in the class body.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> lr.amortize(lr.Loan(1000, "0.12", 3, start=date(2024, 1, 1))).total_interest
    Decimal('20.07')
    """

    __slots__ = ("_column",)

    def __init__(self, column: str) -> None:
        self._column = column

    @overload
    def __get__(self, table: None, owner: type) -> ColumnTotal: ...

    @overload
    def __get__(self, table: _Totalled, owner: type) -> Decimal: ...

    def __get__(self, table: _Totalled | None, owner: type) -> ColumnTotal | Decimal:
        return self if table is None else table._total(self._column)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Instalment:
    """One row of a schedule.

    Attributes
    ----------
    number : int
        1 for the first instalment.
    due_date : datetime.date
    payment : Decimal
        Interest plus principal due on ``due_date``.
    interest : Decimal
        Interest of the period ending on ``due_date``.
    principal : Decimal
        Principal repaid; negative when unpaid interest is capitalized.
    fee : Decimal
        The instalment fee due with the payment.
    balance : Decimal
        Principal outstanding after this instalment.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> row = lr.amortize(lr.Loan(1200, 0, 12, start=date(2024, 1, 1))).instalments[0]
    >>> row.due_date, row.payment, row.balance
    (datetime.date(2024, 2, 1), Decimal('100.00'), Decimal('1100.00'))
    """

    number: int
    due_date: date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    fee: Decimal
    balance: Decimal

    __repr__ = result_repr_of("number", "due_date", "payment", "balance")

    @property
    @exact_decimals
    def amount_due(self) -> Decimal:
        """Everything due on the date: payment plus fee."""
        return self.payment + self.fee


def _frozen(values: npt.ArrayLike, dtype: str) -> npt.NDArray[Any]:
    array = np.array(values, dtype=dtype)  # a private copy, then locked
    array.flags.writeable = False
    return array


def _locked(array: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    """Lock a column just computed from the others (nobody else holds it)."""
    if array.dtype != np.int64:  # past int64: NumPy made an object or float array
        raise OverflowError("a schedule column past int64")
    array.flags.writeable = False
    return array


@final
class Schedule(Rendered):
    """The instalments of a loan, exact to the minor unit.

    Made by :func:`loanrelief.amortize`; not meant to be built by hand.

    Attributes
    ----------
    loan : Loan
        The terms the schedule was made from.
    due_dates : numpy.ndarray
        ``datetime64[D]`` due dates, one per instalment.

    Notes
    -----
    The rows reconcile exactly: on every row ``payment = interest + principal`` and
    ``balance = previous balance - principal``; the principal column sums to the loan's
    principal and the last balance is zero. Totals are summed from the integer
    minor-unit columns, so they carry no rounding of their own.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> s = lr.amortize(lr.Loan(1000, "0.12", 3, start=date(2024, 1, 31)))
    >>> s.regular_payment, s.total_interest, s.total_paid
    (Decimal('340.02'), Decimal('20.07'), Decimal('1020.07'))
    >>> [str(row.due_date) for row in s]
    ['2024-02-29', '2024-03-31', '2024-04-30']
    """

    __slots__ = ("_columns", "_instalments", "due_dates", "loan")

    loan: Loan
    due_dates: npt.NDArray[np.datetime64]

    def __init__(
        self,
        loan: Loan,
        due_dates: npt.NDArray[np.datetime64],
        *,
        interest: npt.ArrayLike,
        principal: npt.ArrayLike,
        fee: int | npt.ArrayLike,
    ) -> None:
        interest_ = _frozen(interest, "int64")
        principal_ = _frozen(principal, "int64")
        self.loan = loan
        self.due_dates = _frozen(due_dates, "datetime64[D]")
        self._columns: dict[str, npt.NDArray[np.int64]] = {
            "payment": _locked(interest_ + principal_),
            "interest": interest_,
            "principal": principal_,
            "fee": _locked(np.full(interest_.shape, fee, dtype=np.int64))
            if np.ndim(fee) == 0
            else _frozen(np.broadcast_to(fee, interest_.shape), "int64"),
            "balance": _locked(loan.principal_minor - np.cumsum(principal_)),
        }
        self._instalments: tuple[Instalment, ...] | None = None

    # -- columns -------------------------------------------------------------------
    @property
    def minor_columns(self) -> dict[str, npt.NDArray[np.int64]]:
        """The money columns as read-only ``int64`` arrays of minor units (exact).

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> schedule = lr.amortize(lr.Loan(1000, "0.12", 3, start=date(2024, 1, 1)))
        >>> schedule.minor_columns["interest"]  # in cents: 1 % of each balance, rounded
        array([1000,  670,  337])
        """
        return dict(self._columns)

    @property
    def columns(self) -> dict[str, npt.NDArray[np.float64]]:
        """The money columns as ``float64`` arrays in major units, for analysis and plots.

        Each value is the float nearest the exact amount; use the ``total_*`` properties
        or :attr:`minor_columns` for exact sums.

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 1))).columns["payment"]
        array([100., 100., 100.])
        """
        scale = 10.0**self.loan.digits
        return {name: column / scale for name, column in self._columns.items()}

    # -- rows ----------------------------------------------------------------------
    @property
    def instalments(self) -> tuple[Instalment, ...]:
        """The rows, each with ``Decimal`` amounts and a ``datetime.date``."""
        if self._instalments is None:
            digits = self.loan.digits
            dates: list[date] = self.due_dates.astype(object).tolist()
            lists = [self._columns[name].tolist() for name in COLUMNS]
            self._instalments = tuple(
                Instalment(
                    number=number,
                    due_date=due,
                    payment=to_major(payment, digits),
                    interest=to_major(interest, digits),
                    principal=to_major(principal, digits),
                    fee=to_major(fee, digits),
                    balance=to_major(balance, digits),
                )
                for number, (due, payment, interest, principal, fee, balance) in enumerate(
                    zip(dates, *lists, strict=True), start=1
                )
            )
        return self._instalments

    def __len__(self) -> int:
        return int(self.due_dates.shape[0])

    def __iter__(self) -> Iterator[Instalment]:
        return iter(self.instalments)

    @overload
    def __getitem__(self, index: int) -> Instalment: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Instalment, ...]: ...
    def __getitem__(self, index: int | slice) -> Instalment | tuple[Instalment, ...]:
        return self.instalments[index]

    # -- totals --------------------------------------------------------------------
    def _sum(self, name: str) -> int:
        return int(self._columns[name].sum())

    def _total(self, name: str) -> Decimal:
        return to_major(self._sum(name), self.loan.digits)

    def _at(self, name: str, row: int) -> Decimal:
        return to_major(int(self._columns[name][row]), self.loan.digits)

    @property
    def _upfront_minor(self) -> int:
        return minor_of(self.loan.upfront_fee, self.loan.digits)

    @property
    def regular_payment(self) -> Decimal:
        """The payment of the first instalment after any grace periods.

        For a level-payment loan this is the level payment (rounded once); for equal
        principal, the first and largest amortizing payment.
        """
        return self._at("payment", min(self.loan.grace_periods, len(self) - 1))

    @property
    def first_payment(self) -> Decimal:
        """The payment of the first instalment."""
        return self._at("payment", 0)

    @property
    def last_payment(self) -> Decimal:
        """The payment of the last instalment, which absorbs the rounding residue."""
        return self._at("payment", -1)

    @property
    def maturity(self) -> date:
        """The last due date."""
        result: date = self.due_dates[-1].astype(object)
        return result

    total_interest = ColumnTotal("interest")
    """Sum of the interest column."""
    total_principal = ColumnTotal("principal")
    """Sum of the principal column: exactly the loan's principal."""

    @property
    def total_fees(self) -> Decimal:
        """The upfront fee plus every instalment fee."""
        return to_major(self._sum("fee") + self._upfront_minor, self.loan.digits)

    @property
    def cost_of_credit(self) -> Decimal:
        """What the credit costs beyond the principal: total interest plus total fees."""
        minor = self._sum("interest") + self._sum("fee") + self._upfront_minor
        return to_major(minor, self.loan.digits)

    @property
    def total_paid(self) -> Decimal:
        """Everything the borrower pays: principal, interest and all fees.

        The upfront fee counts also when it is withheld from the proceeds, since the
        borrower repays a principal they did not fully receive.
        """
        minor = self._sum("payment") + self._sum("fee") + self._upfront_minor
        return to_major(minor, self.loan.digits)

    # -- views ---------------------------------------------------------------------
    def plot(self, *, lang: str | None = None) -> Any:
        """Chart the balance and each payment's parts (``plot_schedule``).

        Requires matplotlib (``pip install '.[plot]'``); returns a Figure.
        """
        from loanrelief._presentation.plot import plot_schedule  # noqa: PLC0415 - optional, on use

        return plot_schedule(self, lang=lang)

    @exact_decimals
    def to_pandas(self, *, exact: bool = False, lang: str | None = None) -> pd.DataFrame:
        """Return the schedule as a ``pandas.DataFrame``, one row per instalment.

        Parameters
        ----------
        exact : bool, default False
            If True, money columns hold ``Decimal`` objects; otherwise ``float64`` in
            major units.
        lang : "en", "zh" or None
            With ``"zh"`` the columns and the index are named in Chinese
            (:mod:`loanrelief._presentation.i18n`); by default (English) as below.

        Returns
        -------
        pandas.DataFrame
            Index ``number`` (from 1); columns ``due_date`` (``datetime64``) and the
            money columns of :data:`COLUMNS`.

        Raises
        ------
        MissingDependencyError
            If pandas is not installed (``pip install '.[pandas]'``).

        Examples
        --------
        >>> from datetime import date
        >>> import loanrelief as lr
        >>> frame = lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 1))).to_pandas()
        >>> frame["payment"].sum(), list(frame.columns)[:2]
        (np.float64(300.0), ['due_date', 'payment'])
        """
        pd = require("pandas", "pandas", "Schedule.to_pandas()")
        data: dict[str, Any] = {"due_date": self.due_dates}
        exact = a_flag(exact, "exact")
        if exact:
            for name in COLUMNS:
                data[name] = [getattr(row, name) for row in self.instalments]
        else:
            data.update(self.columns)
        frame = pd.DataFrame(data, index=pd.RangeIndex(1, len(self) + 1))
        from loanrelief._presentation.loans import schedule_frame  # noqa: PLC0415 - names, on use

        return schedule_frame(frame, lang)

    __repr__ = result_repr_of("regular_payment", "maturity", "total_paid")

    _renders: ClassVar[str] = "loanrelief._presentation.loans:schedule"
