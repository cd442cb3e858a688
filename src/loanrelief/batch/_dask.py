"""The batch kernels mapped over Dask partitions: published as :mod:`loanrelief.dask`."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from loanrelief import batch
from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError, LoanReliefError
from loanrelief._foundations.optional import require
from loanrelief.batch._amortization import TOTALS
from loanrelief.batch._overdue import STATES
from loanrelief.batch._relief import FLOAT_METRICS, METRICS

if TYPE_CHECKING:
    import dask.array as da
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["KERNELS", "amortize_totals", "map_frame", "overdue_states"]

KERNELS: dict[str, Callable[..., Any]] = {
    "amortize_totals": batch.amortize_totals,
    "overdue_states": batch.overdue_states,
    "compare_levers": batch.compare_levers,
}
"""The batch kernels :func:`map_frame` can run, by name."""

_PORTFOLIO_OPTIONS = frozenset(inspect.signature(batch.Portfolio).parameters)


def _on_portfolio(kernel: Callable[..., Any], options: dict[str, Any]) -> Callable[..., Any]:
    """Return ``kernel`` taking a portfolio's columns: a :class:`Portfolio` built of them.

    ``options`` are split between the portfolio (``penalty``, ``method``, ...) and
    the kernel (``block_size``, ``options``, ...); an option neither takes is refused.
    """
    own = set(inspect.signature(kernel).parameters) - {"accounts"}
    unknown = [name for name in options if name not in own | _PORTFOLIO_OPTIONS]
    if unknown:
        raise InvalidValueError(
            unknown[0], options[unknown[0]], f"an argument of Portfolio or {kernel.__name__}"
        )
    shared = {name: value for name, value in options.items() if name in _PORTFOLIO_OPTIONS}
    extra = {name: value for name, value in options.items() if name in own}

    def run(**columns: Any) -> Any:
        return kernel(batch.Portfolio(**columns, **shared), **extra)

    return run


def _arrays(**columns: Any) -> tuple[Any, list[Any]]:
    """Check that the per-loan columns are 1-D Dask arrays chunked alike."""
    array = require("dask.array", "dask", "loanrelief.dask on arrays")
    given = [(name, value) for name, value in columns.items() if value is not None]
    for name, value in given:
        if not isinstance(value, array.Array) or value.ndim != 1:
            raise InvalidTypeError(name, type(value).__name__, "a one-dimensional dask array")
    chunks = given[0][1].chunks
    for name, value in given[1:]:
        if value.chunks != chunks:
            raise InvalidValueError(
                name, f"chunks {value.chunks[0][:3]}...", f"the chunks of {given[0][0]}"
            )
    return array, [value for _, value in given]


def _stacked(
    kernel: Callable[..., dict[str, Any]],
    names: tuple[str, ...],
    columns: dict[str, Any],
    minor_units: object,
) -> dict[str, da.Array]:
    """Map ``kernel`` (its options bound) over aligned chunks: one Dask array per field.

    Each chunk's fields travel together in one structured array (one record per loan),
    so the kernel runs once per chunk however many fields are read.
    """
    array, inputs = _arrays(**columns)
    keys = [name for name, value in columns.items() if value is not None]
    money = np.int64 if minor_units else np.float64
    record = np.dtype([(name, np.int64 if name in _COUNTS else money) for name in names])

    def block(*parts: Any, block_info: Any = None) -> Any:
        offset = 0 if block_info is None else block_info[None]["array-location"][0][0]
        with _loan_numbers(offset):
            result = kernel(**dict(zip(keys, parts, strict=True)))
        out = np.empty(len(parts[0]), dtype=record)
        for name in names:
            out[name] = result[name]
        return out

    stacked = array.map_blocks(block, *inputs, dtype=record)
    return {name: stacked[name] for name in names}


_COUNTS = ("days_past_due", "missed")


@contextmanager
def _loan_numbers(offset: int) -> Iterator[None]:
    """Report a bad loan by its index in the whole portfolio, not in its chunk."""
    try:
        yield
    except LoanReliefError as error:
        match = re.fullmatch(r"(\w+)\[(\d+)\]", error.field)
        if match is None or not offset:
            raise
        field = f"{match[1]}[{int(match[2]) + offset}]"
        raise type(error)(field, error.value, error.valid) from None


def amortize_totals(
    principal: da.Array,
    annual_rate: da.Array,
    term: da.Array,
    *,
    amortization_term: da.Array | None = None,
    **options: Any,
) -> dict[str, da.Array]:
    """Map :func:`loanrelief.batch.amortize_totals` over the chunks of Dask arrays.

    Parameters
    ----------
    principal, annual_rate, term : dask.array.Array
        One element per loan, chunked alike (the chunks are the partitions).
    amortization_term : dask.array.Array, optional
        For balloon loans, chunked alike.
    **options
        Passed to :func:`loanrelief.batch.amortize_totals` (``method``,
        ``frequency``, ``rounding``, ``digits``, ``minor_units``).

    Returns
    -------
    dict of dask.array.Array
        ``payment``, ``last_payment``, ``total_interest``, ``total_paid`` and
        ``residue``, lazy; computed, each equals the in-memory result exactly.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> principal = da.from_array(np.array([200000.0, 50000.0, 1000.0]), chunks=2)
    >>> rate = da.from_array(np.array([0.06, 0.18, 0.12]), chunks=2)
    >>> term = da.from_array(np.array([240, 24, 12]), chunks=2)
    >>> totals = amortize_totals(principal, rate, term)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     totals["payment"].compute().tolist()
    [1432.86, 2496.21, 88.85]
    """
    columns = {
        "principal": principal,
        "annual_rate": annual_rate,
        "term": term,
        "amortization_term": amortization_term,
    }
    run = functools.partial(batch.amortize_totals, **options)
    return _stacked(run, TOTALS, columns, options.get("minor_units"))


def overdue_states(
    principal: da.Array,
    annual_rate: da.Array,
    term: da.Array,
    *,
    start: da.Array,
    as_of: da.Array,
    paid: da.Array | None = None,
    **options: Any,
) -> dict[str, da.Array]:
    """Map :func:`loanrelief.batch.overdue_states` over the chunks of Dask arrays.

    Parameters
    ----------
    principal, annual_rate, term, start, as_of : dask.array.Array
        One element per account, chunked alike; ``start`` and ``as_of`` of dtype
        ``datetime64[D]``.
    paid : dask.array.Array, optional
        Instalments paid on time, chunked alike (none by default).
    **options
        The other arguments of :class:`loanrelief.batch.Portfolio` (``penalty``,
        ``method``, ``frequency``, ``rounding``, ``digits``, ``minor_units``, ...)
        and of :func:`loanrelief.batch.overdue_states` (``block_size``).

    Returns
    -------
    dict of dask.array.Array
        The numeric fields of :func:`loanrelief.batch.overdue_states` (all but
        ``bucket``: derive it from ``days_past_due``), lazy.

    Examples
    --------
    >>> import dask
    >>> import dask.array as da
    >>> from datetime import date
    >>> days = np.array(["2024-01-15", "2024-01-15"], dtype="datetime64[D]")
    >>> states = overdue_states(
    ...     da.from_array(np.array([50000.0, 50000.0]), chunks=1),
    ...     da.from_array(np.array([0.18, 0.18]), chunks=1),
    ...     da.from_array(np.array([24, 24]), chunks=1),
    ...     start=da.from_array(days, chunks=1),
    ...     as_of=da.from_array(np.array(["2024-06-01"] * 2, dtype="datetime64[D]"), chunks=1),
    ...     paid=da.from_array(np.array([1, 4]), chunks=1))
    >>> with dask.config.set(scheduler="synchronous"):
    ...     states["days_past_due"].compute().tolist()
    [78, 0]
    """
    columns = {
        "principal": principal,
        "annual_rate": annual_rate,
        "term": term,
        "start": start,
        "as_of": as_of,
        "paid": paid,
    }
    run = _on_portfolio(batch.overdue_states, options)
    return _stacked(run, STATES, columns, options.get("minor_units"))


def map_frame(frame: dd.DataFrame, kernel: str, **options: Any) -> dd.DataFrame:
    """Run a batch kernel on each partition of a Dask DataFrame of loans.

    Parameters
    ----------
    frame : dask.dataframe.DataFrame
        One row per loan. Columns named like the kernel's per-loan arguments
        (``principal``, ``annual_rate``, ``term``, ``start``, ``as_of``, ``paid``,
        ``amortization_term``, ``end_of_month``, and ``instalment_fee`` for the
        portfolio kernels) are passed as arrays; other columns are ignored.
    kernel : {"amortize_totals", "overdue_states", "compare_levers"}
        The :mod:`loanrelief.batch` function to run.
    **options
        Its other arguments, the same for every loan (``method``, ``penalty``,
        ``options`` for ``compare_levers``, ...).

    Returns
    -------
    dask.dataframe.DataFrame
        The kernel's output fields as columns, on the frame's index (lazy). For
        ``compare_levers``: one column ``"{metric} {j}"`` per metric and option
        ``j``, in the order of ``options``.

    Raises
    ------
    InvalidValueError
        For an unknown kernel, or a frame lacking a column the kernel needs.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> loans = dd.from_pandas(pd.DataFrame({"principal": [200000.0, 50000.0],
    ...                                      "annual_rate": [0.06, 0.18],
    ...                                      "term": [240, 24]}), npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     map_frame(loans, "amortize_totals").compute()["payment"].tolist()
    [1432.86, 2496.21]
    """
    pandas = require("pandas", "dask", "loanrelief.dask.map_frame()")
    require("dask.dataframe", "dask", "loanrelief.dask.map_frame()")
    if kernel not in KERNELS:
        raise InvalidValueError("kernel", kernel, "one of " + ", ".join(KERNELS))
    function = KERNELS[kernel]
    parameters = inspect.signature(function).parameters
    on_portfolio = "accounts" in parameters
    if on_portfolio:
        function = _on_portfolio(function, options)
        parameters = inspect.signature(batch.Portfolio).parameters
    per_loan = [
        name
        for name in batch.Portfolio.COLUMNS
        if name in parameters and name in frame.columns and name not in options
    ]
    required = [
        name
        for name, parameter in parameters.items()
        if parameter.default is inspect.Parameter.empty and name not in options
    ]
    missing = [name for name in required if name not in per_loan]
    if missing:
        raise InvalidValueError(
            "frame", f"columns {list(frame.columns)}", f"columns {missing} for {kernel}"
        )
    given = {} if on_portfolio else options  # a portfolio kernel has its options bound

    def partition(part: pd.DataFrame) -> pd.DataFrame:
        arguments = {name: part[name].to_numpy() for name in per_loan}
        for name in ("start", "as_of"):
            if name in arguments:
                arguments[name] = arguments[name].astype("datetime64[D]")
        if not len(part):
            arguments = {name: values[:0] for name, values in arguments.items()}
        result = function(**arguments, **given) if len(part) else None
        return pandas.DataFrame(_columns(kernel, result, options), index=part.index)

    meta = partition(frame._meta)
    mapped: dd.DataFrame = frame.map_partitions(partition, meta=meta)  # type: ignore[no-untyped-call]
    return mapped


def _columns(kernel: str, result: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Return the kernel's output as named columns (empty and typed for an empty part)."""
    money = np.int64 if options.get("minor_units") else np.float64
    if kernel == "amortize_totals":
        names: dict[str, Any] = dict.fromkeys(TOTALS, money)
    elif kernel == "overdue_states":
        names = dict.fromkeys(STATES, money)
        names |= {"days_past_due": np.int64, "missed": np.int64, "bucket": object}
    else:
        count = len(options.get("options", ()))
        names = {}
        for metric in METRICS:
            kind: Any = np.float64 if metric in FLOAT_METRICS else money
            kind = {"payments_count": np.int64, "end_date": "datetime64[s]"}.get(metric, kind)
            names |= {f"{metric} {j}": kind for j in range(count)}
    if result is None:
        return {name: np.empty(0, dtype=kind) for name, kind in names.items()}
    if kernel == "compare_levers":
        return {
            f"{metric} {j}": result[metric][:, j]
            for metric in METRICS
            for j in range(len(result.labels))
        }
    return {name: result[name] for name in names}
