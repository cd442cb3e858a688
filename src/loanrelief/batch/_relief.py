"""Relief options over many overdue accounts: each option's outcome, and the best one.

:func:`compare_levers` is :func:`loanrelief.compare` for a portfolio: the accounts of
:func:`~loanrelief.batch.overdue_states`, each lever's own ``apply`` run on every
account at once (:mod:`loanrelief.batch._workout`), and a :class:`LeverTable` of
outcomes with the best option under each account's budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import Floats, Ints, Rate, parse_rate
from loanrelief._foundations.optional import require
from loanrelief._foundations.progress import Progress
from loanrelief._foundations.reprs import result_repr_of
from loanrelief._foundations.validate import a_flag, number_array
from loanrelief._loans.cashflows import discounted_sum
from loanrelief._loans.plan import PLAN_COLUMNS
from loanrelief._relief.evaluation import Option, as_options, package_label
from loanrelief.batch._overdue import AccountBlock, account_blocks
from loanrelief.batch._portfolio import Portfolio
from loanrelief.batch._truecost import plan_aprs
from loanrelief.batch._workout import Rows, apply_lever, draft_block, realize_block

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FLOAT_METRICS", "METRICS", "LeverTable", "compare_levers"]

_MONEY = (
    "first_payment",
    "regular_payment",
    "max_payment",
    "total_paid",
    "total_principal",
    "total_interest",
    "total_penalty",
    "total_fees",
    "total_waived",
    "saving",
    "above_payoff",
)
FLOAT_METRICS = ("present_value", "lender_present_value", "apr")
"""The metrics that are floats whatever the units (the rest are money, a count, a date)."""
METRICS = (*_MONEY, "payments_count", "end_date", *FLOAT_METRICS)
"""The figures of a :class:`LeverTable`, by name."""


# -- measuring the plans ---------------------------------------------------------------


def _measure(
    rows: Rows, as_of: Ints, debt: Ints, rates: tuple[Floats, Floats], digits: int
) -> dict[str, Any]:
    """Return the figures of ``Outcome`` for each account's plan (money in minor units)."""
    amounts = sum((rows.columns[c] for c in PLAN_COLUMNS), np.zeros_like(rows.dates))
    kept = np.zeros_like(amounts, dtype=bool)
    for c in PLAN_COLUMNS:
        kept |= rows.columns[c] != 0
    count = kept.sum(axis=1)
    position = np.arange(len(as_of))
    first_kept = np.argmax(kept, axis=1)
    last_kept = kept.shape[1] - 1 - np.argmax(kept[:, ::-1], axis=1)
    later = kept & (rows.dates > as_of[:, None])
    later_count = later.sum(axis=1)
    final_later = later.shape[1] - 1 - np.argmax(later[:, ::-1], axis=1)
    drop = (later_count > 1)[:, None] & (np.arange(kept.shape[1]) == final_later[:, None])
    regular = np.where(later & ~drop, amounts, 0).max(axis=1, initial=0)
    years = np.where(kept, rows.dates - as_of[:, None], 0) / 365.0
    flows = np.where(kept, amounts, 0) / 10.0**digits
    figures: dict[str, Any] = {
        "first_payment": np.where(count > 0, amounts[position, first_kept], 0),
        "regular_payment": regular,
        "max_payment": np.where(kept, amounts, 0).max(axis=1, initial=0),
        "payments_count": count,
        "end_date": np.where(count > 0, rows.dates[position, last_kept], as_of),
        "total_paid": amounts.sum(axis=1),
        "total_principal": rows.columns["principal"].sum(axis=1),
        "total_interest": rows.columns["interest"].sum(axis=1),
        "total_penalty": rows.columns["penalty"].sum(axis=1),
        "total_fees": rows.columns["fees"].sum(axis=1),
        "total_waived": sum(rows.waived.values(), np.zeros(len(as_of), dtype=np.int64)),
        "present_value": discounted_sum(rates[0][:, None], years, flows),  # type: ignore[arg-type]
        "lender_present_value": discounted_sum(rates[1][:, None], years, flows),  # type: ignore[arg-type]
        "apr": plan_aprs(rows.dates, amounts, kept, as_of, debt, digits),
        # what the plan pays beyond the payoff it replaces (Plan.above_payoff)
        "above_payoff": np.maximum(amounts.sum(axis=1) - debt, 0),
    }
    return figures


# -- the public face ---------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LeverTable:
    """Outcomes of several options on many accounts: one column per option.

    Attributes
    ----------
    labels : tuple of str
        The options' labels, in the order given.
    figures : dict of str to numpy.ndarray
        Each of :data:`METRICS`, shape ``(accounts, options)``: the money figures of
        :class:`loanrelief.Outcome` (``float64`` major units, or ``int64`` minor units
        with ``minor_units=True``), ``payments_count``, ``end_date``
        (``datetime64[D]``), ``present_value`` and ``lender_present_value``
        (``float64`` major units, unrounded: ``Outcome`` rounds them to the cent), and
        ``apr`` (the US-rule APR of the plan on the debt of the day, NaN where
        ``Outcome.apr`` is None).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> accounts = Portfolio([50000, 8000], [0.18, 0.24], [24, 12],
    ...                      start=date(2024, 1, 15), as_of=date(2024, 7, 1), paid=[2, 0])
    >>> table = compare_levers(accounts, [lr.ExtendTerm(12), lr.Settlement(share=0.6)])
    >>> table.labels
    ('extend 12 periods', 'settle for 60 %')
    >>> table["regular_payment"].tolist()
    [[1978.43, 0.0], [361.18, 0.0]]
    >>> table.best(budget=[2000, 300]).tolist()
    [1, 1]
    """

    labels: tuple[str, ...]
    figures: dict[str, npt.NDArray[Any]]

    def __getitem__(self, metric: str) -> npt.NDArray[Any]:
        """Return one metric for every account and option."""
        if metric not in self.figures:
            raise InvalidValueError("metric", metric, "one of " + ", ".join(METRICS))
        return self.figures[metric]

    def __len__(self) -> int:
        return int(self.figures["payments_count"].shape[0])

    def best(
        self,
        budget: npt.ArrayLike,
        *,
        upfront: npt.ArrayLike | None = None,
        by: str = "total_paid",
        highest: bool = False,
    ) -> Ints:
        """Return, for each account, the option that fits its budget and ranks first.

        Parameters
        ----------
        budget : array_like
            What each account can pay per period (one value for all, or one each), in
            the table's units: an option fits when its ``regular_payment`` is at most
            this.
        upfront : array_like, optional
            What each account can pay on the day: when given, an option fits only if
            its ``first_payment`` is at most this too (a lump-sum settlement has no
            regular payment, so without it a settlement always fits).
        by : str, default "total_paid"
            The metric to rank the options that fit by (any of :data:`METRICS`).
        highest : bool, default False
            Rank the highest first (e.g. ``by="lender_present_value"`` for the
            lender); by default the lowest (the cheapest for the borrower).

        Returns
        -------
        numpy.ndarray of int64
            The index of each account's best option, or -1 when none fits. Ties go
            to the option given first.
        """
        if not isinstance(by, str) or by not in self.figures:
            raise InvalidValueError("by", by, "one of " + ", ".join(METRICS))
        highest = a_flag(highest, "highest")
        values = self[by].astype(np.float64)
        values = np.where(np.isnan(values), -np.inf if highest else np.inf, values)
        fits = self.figures["regular_payment"] <= _limit(budget, "budget", len(self))
        if upfront is not None:
            fits &= self.figures["first_payment"] <= _limit(upfront, "upfront", len(self))
        worst = -np.inf if highest else np.inf
        ranked = np.where(fits, values, worst)
        choice = np.argmax(ranked, axis=1) if highest else np.argmin(ranked, axis=1)
        best: Ints = np.where(fits.any(axis=1), choice, -1)
        return best

    def to_pandas(self) -> pd.DataFrame:
        """Return one row per account and option (requires the ``pandas`` extra)."""
        pandas = require("pandas", "pandas", "LeverTable.to_pandas()")
        accounts, options = self.figures["payments_count"].shape
        frame = {
            "account": np.repeat(np.arange(accounts), options),
            "option": np.tile(np.array(self.labels, dtype=object), accounts),
        }
        frame |= {name: values.reshape(-1) for name, values in self.figures.items()}
        return pandas.DataFrame(frame)

    __repr__ = result_repr_of("labels")


def _limit(values: npt.ArrayLike, name: str, count: int) -> npt.NDArray[np.float64]:
    """Budgets, one per account, as a column to compare with the table."""
    valid = "amounts from 0 up, one for all or one per account"
    try:  # numbers only: True, a date or a masked value is no budget
        limit = number_array(values, name)
    except InvalidValueError:
        raise InvalidValueError(name, values, valid) from None
    if not np.all(np.isfinite(limit)) or np.any(limit < 0):
        raise InvalidValueError(name, values, valid)
    try:
        column: npt.NDArray[np.float64] = np.broadcast_to(limit, (count,))[:, None]
    except ValueError:
        raise InvalidValueError(
            name, values, f"one amount, or {count} (one per account)"
        ) from None
    return column


def compare_levers(
    accounts: Portfolio,
    options: Sequence[Option],
    *,
    discount_rate: Rate | None = None,
    lender_rate: Rate | None = None,
    block_size: int = 10_000,
    progress: Progress = None,
) -> LeverTable:
    """Evaluate relief options on many overdue accounts at once, equal to ``evaluate``.

    Parameters
    ----------
    accounts : Portfolio
        The accounts, as for :func:`loanrelief.batch.overdue_states`; their
        ``day_count`` times a re-amortization's first period.
    options : sequence of Lever or of sequences of Lever
        The options, each a lever (built-in or an app's own) or a package of them
        applied in order (as for :func:`loanrelief.compare`).
    discount_rate, lender_rate : float, str or Decimal, optional
        The borrower's and the lender's annual rates for present values; each
        account's contract rate by default.
    block_size : int, default 10,000
    progress : None, True or callable, optional
        As for :func:`loanrelief.batch.overdue_states`: accounts per block, and a
        report of each block done (a progress bar, or a callable).

    Returns
    -------
    LeverTable
        For each account and option, the figures of :class:`loanrelief.Outcome`
        against the baseline "cure now" (arrears paid on the day); money figures
        equal ``evaluate``'s to the minor unit, present values its float before
        rounding to the cent, and APRs its float.

    Raises
    ------
    InvalidTypeError
        Naming ``accounts`` if it is not a :class:`Portfolio`, ``options[k]`` if an
        option is not a lever, or ``levers`` if a lever's ``apply`` fails on arrays.
    InvalidValueError
        Naming ``options`` if there is none, or what a lever refuses on the first
        account it fails (as :func:`loanrelief.evaluate` would name it).

    Notes
    -----
    Each option is applied to every account as arrays, with the rules of the levers
    and of :func:`loanrelief._relief.draft.realize`: arrears due on the day, the contract's
    later instalments or a re-amortized schedule (level payments by the batch
    engine, a first period at its own rate to the next due date), holidays,
    forbearance, waivers of future interest by cumulative rounding, and settlements
    split evenly; the APR is ``loanrelief.apr``'s US rule over the plan's dated flows
    (:mod:`loanrelief.batch._truecost`). Work is block by block, blocks in threads on
    every core: memory stays near ``block_size x term`` numbers per option and core.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> accounts = Portfolio([50000], [0.18], [24], start=date(2024, 1, 15),
    ...                      as_of=date(2024, 7, 1), paid=2,
    ...                      penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> table = compare_levers(accounts, [[lr.CapitalizeArrears(), lr.ExtendTerm(12)]])
    >>> table["regular_payment"].tolist(), table["saving"].tolist()
    ([[1972.59]], [[-6045.86]])
    """
    packages = as_options(options)
    if not packages:
        raise InvalidValueError("options", options, "at least one option")
    labels = tuple(package_label(package) for package in packages)
    if not isinstance(accounts, Portfolio):
        raise InvalidTypeError("accounts", accounts, "a loanrelief.batch.Portfolio")
    count_day = accounts.day_count
    total = len(accounts.loans)
    figures: dict[str, npt.NDArray[Any]] = {
        name: np.zeros((total, len(packages)), dtype=_KINDS.get(name, np.int64))
        for name in METRICS
    }

    def evaluate_block(block: AccountBlock) -> tuple[Ints, list[dict[str, Any]]]:
        rates = _discount_rates(block, discount_rate, lender_rate)
        start_draft = draft_block(block)
        debt = block.state["payoff"]
        base = realize_block(start_draft, count_day)  # "cure now": only its total is needed
        base_paid = sum(base.columns[c].sum(axis=1) for c in PLAN_COLUMNS)
        outcomes: list[dict[str, Any]] = []
        for package in packages:
            draft = start_draft
            for lever in package:
                draft = apply_lever(lever, draft)
            rows = realize_block(draft, count_day)
            measured = _measure(rows, block.as_of, debt, rates, block.loans.digits)
            measured["saving"] = base_paid - measured["total_paid"]
            outcomes.append(measured)
        return block.index, outcomes

    for index, outcomes in account_blocks(accounts, block_size, evaluate_block, progress):
        for j, measured in enumerate(outcomes):
            for name in METRICS:
                figures[name][index, j] = measured[name]
    figures["end_date"] = figures["end_date"].astype("datetime64[D]")
    if not accounts.minor_units:
        for name in _MONEY:
            figures[name] = figures[name] / 10**accounts.loans.digits
    return LeverTable(labels, figures)


_KINDS = dict.fromkeys(FLOAT_METRICS, np.float64)


def _discount_rates(
    block: AccountBlock, discount_rate: Rate | None, lender_rate: Rate | None
) -> tuple[Floats, Floats]:
    """Return the borrower's and lender's annual rates (the contract's by default)."""
    loans = block.loans
    contract = loans.numerator * block.frequency.periods_per_year / loans.denominator
    rates = []
    for value, name in ((discount_rate, "discount_rate"), (lender_rate, "lender_rate")):
        if value is None:
            rates.append(contract)
        else:
            rates.append(np.full(len(contract), float(parse_rate(value, field=name))))
    return rates[0], rates[1]
