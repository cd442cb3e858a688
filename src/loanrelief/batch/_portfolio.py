"""A portfolio of overdue accounts: the batch functions' one input, validated once.

:class:`Portfolio` holds the columns of many loans and of where each account stands
(its start, the date of its state, the instalments it paid), with the options every
account shares (method, frequency, penalty policy, day count, rounding, currency
digits). :func:`~loanrelief.batch.overdue_states` and
:func:`~loanrelief.batch.compare_levers` take it; :mod:`loanrelief.dask` builds one per
chunk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.dates import Frequency, month_ends
from loanrelief._foundations.daycount import DayCount, coupon_months
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Bools, Ints, RoundingMode, minor_array
from loanrelief._foundations.validate import a_flag, day_array, parse_enum, read_once
from loanrelief._ledger.penalty import PenaltyPolicy
from loanrelief._loans.terms import Method
from loanrelief.batch._amortization import Loans, first_bad, numbers, parse_loans

__all__ = ["Portfolio"]

_BASIS = {DayCount.ACT_360: 360, DayCount.ACT_365: 365}


class Portfolio:
    """Many overdue accounts, validated once, for the batch functions.

    Each account is a regular loan that paid its first ``paid`` instalments in full
    on their due dates and nothing since, seen on ``as_of``: the simple case of
    :func:`loanrelief.account_state`, column by column.

    Parameters
    ----------
    principal, annual_rate, term : array_like
        One per loan (or one for all), as for :func:`loanrelief.batch.amortize_totals`:
        amounts in major units (``int64`` minor units with ``minor_units=True``),
        nominal annual rates, and terms in periods.
    start : date or array_like of datetime64
        Each loan's start; its due dates follow by whole periods.
    as_of : date or array_like of datetime64
        The date of each account's state, on or after its start.
    paid : array_like of int, default 0
        How many instalments each account paid in full on their due dates (all due
        by ``as_of``); nothing was paid since.
    penalty : PenaltyPolicy, optional
        What lateness costs (as for :func:`loanrelief.account_state`), without caps,
        repeated late fees or contract interest running on (those need the replay),
        with an "act/360" or "act/365" day count. No penalty by default.
    day_count : DayCount or str, default "act/365"
        The loans' day count (as ``Loan.day_count``): it times a re-amortization's
        first period, from the negotiation date to the next due date.
    end_of_month : bool or array_like of bool, default False
        Keep a month-end start's due dates on month ends (as ``Loan.end_of_month``).
    instalment_fee : array_like, default 0
        A fee due with every instalment (as ``Loan.instalment_fee``), one per loan or
        one for all, in major units (minor units with ``minor_units=True``). It is owed
        with each missed instalment, and relief plans carry it where their levers keep
        it (:func:`loanrelief._relief.draft.instalment_fee`).
    method, frequency, amortization_term, rounding, digits, minor_units
        As for :func:`loanrelief.batch.amortize_totals`; with ``minor_units=True``
        the batch functions also return amounts in minor units.

    Raises
    ------
    InvalidValueError, InvalidTermsError, InvalidTypeError
        Naming the first bad account (``as_of[3]``, ``paid[7]``) or option.

    See Also
    --------
    Portfolio.from_frame : The same from a table's columns (a pandas DataFrame).

    Notes
    -----
    The columns are kept as validated: amounts in minor units, exact periodic rates
    as integer fractions, dates as day numbers. Construction checks every account
    once; each batch function then works block by block on these columns.

    Examples
    --------
    >>> from datetime import date
    >>> accounts = Portfolio([50000, 8000], [0.18, 0.24], [24, 12],
    ...                      start=date(2024, 1, 15), as_of=date(2024, 7, 1), paid=[2, 0])
    >>> accounts
    Portfolio(accounts=2, method=annuity, frequency=monthly)
    >>> len(accounts), accounts.paid.tolist()
    (2, [2, 0])
    """

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "principal",
        "annual_rate",
        "term",
        "start",
        "as_of",
        "paid",
        "amortization_term",
        "end_of_month",
        "instalment_fee",
    )
    """The arguments given per account: the columns :meth:`from_frame` reads."""

    __slots__ = (
        "as_of",
        "day_count",
        "end_of_month",
        "fee",
        "frequency",
        "keep_end",
        "loans",
        "minor_units",
        "paid",
        "penalty_denominator",
        "penalty_numerator",
        "policy",
        "rows",
        "start",
    )
    loans: Loans
    fee: Ints
    frequency: Frequency
    policy: PenaltyPolicy
    day_count: DayCount
    minor_units: bool
    start: Ints
    as_of: Ints
    paid: Ints
    rows: Ints
    end_of_month: Bools
    keep_end: Bools
    penalty_numerator: Ints
    penalty_denominator: Ints

    def __init__(
        self,
        principal: npt.ArrayLike,
        annual_rate: npt.ArrayLike,
        term: npt.ArrayLike,
        *,
        start: date | npt.ArrayLike,
        as_of: date | npt.ArrayLike,
        paid: npt.ArrayLike = 0,
        penalty: PenaltyPolicy | None = None,
        day_count: DayCount | str = DayCount.ACT_365,
        end_of_month: bool | npt.ArrayLike = False,
        method: Method | str = Method.ANNUITY,
        frequency: Frequency | str = Frequency.MONTHLY,
        amortization_term: npt.ArrayLike | None = None,
        rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
        digits: int = 2,
        minor_units: bool = False,
        instalment_fee: npt.ArrayLike = 0,
    ) -> None:
        policy = PenaltyPolicy() if penalty is None else penalty
        if not isinstance(policy, PenaltyPolicy):
            raise InvalidTypeError("penalty", penalty, "a PenaltyPolicy or None")
        _check_policy(policy)
        count_day = parse_enum(day_count, DayCount, "day_count")
        paid, end_of_month = read_once(paid), read_once(end_of_month)
        loans = parse_loans(
            principal,
            annual_rate,
            term,
            method=method,
            frequency=frequency,
            amortization_term=amortization_term,
            rounding=rounding,
            digits=digits,
            minor_units=minor_units,
        )
        count = len(loans)
        fee = read_once(instalment_fee)
        with contextlib.suppress(TypeError, ValueError):  # else minor_array says what is wrong
            fee = np.broadcast_to(np.asarray(fee), (count,))
        fees = minor_array(
            fee,
            field="instalment_fee",
            digits=loans.digits,
            minor_units=a_flag(minor_units, "minor_units"),
        )
        if len(fees) != count:
            raise InvalidTermsError(
                "instalment_fee", instalment_fee, f"one fee, or {count} (one per account)"
            )
        cadence = parse_enum(frequency, Frequency, "frequency")
        if count_day is DayCount.ACT_ACT_ICMA:
            coupon_months(cadence)
        starts = _days(start, "start", count)
        dates = _days(as_of, "as_of", count)
        as_of_days = dates.astype("datetime64[D]")
        first_bad(dates < starts, "as_of", as_of_days, "on or after start", InvalidTermsError)
        settled = numbers(paid, "paid", count)
        if settled.dtype.kind not in "iu":
            raise InvalidValueError("paid", paid, "whole numbers of instalments")
        settled = settled.astype(np.int64)
        rows = np.ones_like(loans.periods) if loans.method is Method.BULLET else loans.periods
        first_bad((settled < 0) | (settled > rows), "paid", settled, "from 0 to the term")
        numerator, denominator = _penalty_rates(policy, loans, cadence.periods_per_year)
        try:
            month_end_rule = np.broadcast_to(np.asarray(end_of_month), (count,))
        except ValueError:
            raise InvalidTermsError("end_of_month", end_of_month, f"one flag or {count}") from None
        if month_end_rule.dtype.kind != "b":
            raise InvalidTypeError(
                "end_of_month", end_of_month, "True or False, or an array of them"
            )
        columns = {
            "loans": loans,
            "fee": fees,
            "frequency": cadence,
            "policy": policy,
            "day_count": count_day,
            "minor_units": a_flag(minor_units, "minor_units"),
            "start": starts,
            "as_of": dates,
            "paid": settled,
            "rows": rows,
            "end_of_month": month_end_rule,
            "keep_end": month_end_rule & month_ends(starts.astype("datetime64[D]")),
            "penalty_numerator": numerator,
            "penalty_denominator": denominator,
        }
        for name, value in columns.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_frame(cls, frame: Mapping[str, Any] | Any, **options: Any) -> Portfolio:
        """Return the portfolio of a table's rows, one account per row.

        Parameters
        ----------
        frame : pandas.DataFrame or mapping of str to array_like
            Columns named as the per-account arguments (:attr:`COLUMNS`:
            ``principal``, ``annual_rate``, ``term``, ``start``, ``as_of``, and
            optionally ``paid``, ``amortization_term``, ``end_of_month``,
            ``instalment_fee``); other
            columns are ignored.
        **options
            The arguments shared by every account (``penalty``, ``method``,
            ``digits``, ...), as for :class:`Portfolio`.

        Returns
        -------
        Portfolio

        Raises
        ------
        InvalidValueError
            Naming ``frame`` when a needed column is missing, or the first bad
            account of a column.

        Examples
        --------
        >>> import numpy as np
        >>> rows = {"principal": [50000, 8000], "annual_rate": [0.18, 0.24],
        ...         "term": [24, 12], "paid": [2, 0],
        ...         "start": np.array(["2024-01-15"] * 2, dtype="datetime64[D]"),
        ...         "as_of": np.array(["2024-07-01"] * 2, dtype="datetime64[D]")}
        >>> Portfolio.from_frame(rows, method="equal_principal")
        Portfolio(accounts=2, method=equal_principal, frequency=monthly)
        """
        try:
            names = [str(name) for name in frame.keys()]  # noqa: SIM118 - DataFrames too
        except (AttributeError, TypeError):
            raise InvalidTypeError(
                "frame", frame, "a pandas DataFrame or a mapping of column names to arrays"
            ) from None
        given = [name for name in cls.COLUMNS if name in names and name not in options]
        missing = [name for name in cls.COLUMNS[:5] if name not in given and name not in options]
        if missing:
            raise InvalidValueError("frame", f"columns {names}", f"columns {missing} too")
        columns: dict[str, Any] = {}
        for name in given:  # dates of any unit: day_array takes whole days, refuses times
            columns[name] = np.asarray(frame[name])
        return cls(**columns, **options)

    def __len__(self) -> int:
        """Return the number of accounts."""
        return len(self.loans)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Portfolio is read-only: {name} cannot be set")

    def __repr__(self) -> str:
        return (  # a result's line (loanrelief._foundations.reprs): the arrays as a count
            f"Portfolio(accounts={len(self)}, method={self.loans.method.value}, "
            f"frequency={self.frequency.value})"
        )


def _check_policy(policy: PenaltyPolicy) -> None:
    """Refuse what the batch does not model, pointing to ``account_state``."""
    unsupported = {
        "late_fee_every_days": policy.late_fee_every_days,
        "late_fee_every_months": policy.late_fee_every_months,
        "interest_continues": policy.interest_continues,
    }
    for name, value in unsupported.items():
        if value:
            raise InvalidValueError(
                f"penalty.{name}", value, "not set in a batch: use account_state for it"
            )
    if policy.day_count not in _BASIS:
        raise InvalidValueError(
            "penalty.day_count", policy.day_count.value, "'act/360' or 'act/365' in a batch"
        )


def _days(value: Any, field: str, count: int) -> Ints:
    """Dates (a date or an array of ``datetime64``) as day numbers, one per account."""
    days = day_array(value, field)
    try:
        return np.broadcast_to(days, (count,)).astype(np.int64)
    except ValueError:
        raise InvalidTermsError(
            field, value, f"a date, or {count} dates (one per account)"
        ) from None


def _penalty_rates(policy: PenaltyPolicy, loans: Loans, per_year: int) -> tuple[Ints, Ints]:
    """Each account's penalty rate per day as ``numerator / denominator``."""
    basis = _BASIS[policy.day_count]
    count = len(loans)
    if policy.annual_rate is not None:
        rate = policy.annual_rate
        return np.full(count, rate.numerator), np.full(count, rate.denominator * basis)
    multiplier = policy.rate_multiplier or Fraction(0)
    top, bottom = multiplier.numerator * per_year, multiplier.denominator * basis
    largest = max(int(loans.numerator.max(initial=0)) * top, int(loans.denominator.max()) * bottom)
    if largest < 2**62:
        return loans.numerator * top, loans.denominator * bottom
    # Products past int64 (a multiplier with many decimals): exact Python integers.
    return (
        np.array([int(a) * top for a in loans.numerator], dtype=object),
        np.array([int(b) * bottom for b in loans.denominator], dtype=object),
    )
