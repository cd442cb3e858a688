"""The US-rule APR of many dated plans at once (``evaluate``'s ``apr``, over arrays).

For each plan: the debt of the day out, the plan's payments in; the unit period
inferred as the most common interval between payments (Regulation Z Appendix J
(b)(3)); each payment's full unit periods and fraction counted back from its date
((b)(5)); and Appendix J's general equation solved for every plan together
(:func:`loanrelief._loans.truecost.actuarial_rates`), so each APR equals ``lr.apr`` of that
plan's flows.
"""

from __future__ import annotations

import numpy as np

from loanrelief._foundations.money import Bools, Floats, Ints
from loanrelief._loans.apr_units import (
    SEMIMONTH,
    common_intervals,
    unit_of_term,
    unit_per_year,
    unit_spans,
)
from loanrelief._loans.rate_solving import OnNoSolution
from loanrelief._loans.truecost import actuarial_rates

__all__ = ["plan_aprs"]


def _compact(kept: Bools, *columns: Ints) -> tuple[Ints, ...]:
    """Move each row's kept entries to the front, in order (the plan drops empty rows)."""
    order = np.argsort(~kept, axis=1, kind="stable")
    return tuple(np.take_along_axis(column, order, axis=1) for column in columns)


def _units(dates: Ints, count: Ints, as_of: Ints) -> tuple[Ints, Ints, Bools]:
    """Each plan's unit period (months, days), as ``apr`` infers it; and which exist.

    The most common interval between payments (:func:`apr_units.common_intervals`),
    or with none the term to the last payment (:func:`apr_units.unit_of_term`).
    """
    rows = np.arange(len(count))
    last = dates[rows, np.maximum(count - 1, 0)]
    months, days, several = common_intervals(dates, count)
    term_months, term_days = unit_of_term(as_of, np.maximum(last, as_of))
    exists = several | (last - as_of >= 1)
    return np.where(several, months, term_months), np.where(several, days, term_days), exists


def _spans(as_of: Ints, dates: Ints, months: Ints, days: Ints) -> tuple[Floats, Floats]:
    """``UnitPeriod.span`` from ``as_of`` to each date: full unit periods and a fraction.

    Plans share their negotiation date and unit period in a few groups: each group's
    spans are computed once for every day it reaches, then looked up.
    """
    offset = dates - as_of[:, None]
    base = int(as_of.min(initial=0))
    key = ((as_of - base) * 2**12 + months - SEMIMONTH) * 2**14 + days  # months from -1
    groups, group = np.unique(key, return_inverse=True)
    reach = int(offset.max(initial=0)) + 1
    if len(groups) * reach > 4 * offset.size:  # too many groups: day by day instead
        return unit_spans(as_of[:, None], dates, months[:, None], days[:, None])
    rest, group_days = np.divmod(groups, 2**14)
    start, group_months = np.divmod(rest, 2**12)
    group_months = group_months + SEMIMONTH
    start = start + base
    grid = start[:, None] + np.arange(reach)
    full, fraction = unit_spans(start[:, None], grid, group_months[:, None], group_days[:, None])
    rows = group.reshape(-1, 1)
    return full[rows, offset], fraction[rows, offset]


def plan_aprs(  # noqa: PLR0917 - the plans' columns, passed as arrays
    dates: Ints, amounts: Ints, kept: Bools, as_of: Ints, debt: Ints, digits: int
) -> Floats:
    """Return the US-rule APR of each plan's flows, NaN where ``evaluate`` gives None.

    Parameters
    ----------
    dates, amounts, kept : numpy.ndarray
        Shape ``(plans, rows)``: each row's date (day number), amount (minor units)
        and whether the plan keeps it (a row of nothing is dropped).
    as_of, debt : numpy.ndarray
        The negotiation date (day number) and the debt of the day (minor units).
    digits : int
        Minor-unit digits.

    Returns
    -------
    numpy.ndarray
        ``w x i`` per plan, as ``loanrelief.apr(plan)``: NaN where everything is paid
        on the day, or no rate solves the equation.

    Examples
    --------
    >>> day = np.array([19900])  # 2024-06-26, as a day number
    >>> dates = day[:, None] + np.array([[30, 61]])
    >>> amounts = np.array([[60000, 60000]])
    >>> rate = plan_aprs(dates, amounts, np.ones((1, 2), bool), day, np.array([100000]), 2)
    >>> round(float(rate[0]), 4)  # as lr.apr of these dates and flows
    1.5679
    """
    count = kept.sum(axis=1)
    row_dates, row_amounts = _compact(kept, dates, amounts)
    live = np.arange(row_dates.shape[1]) < count[:, None]
    paid_later = (live & (row_dates > as_of[:, None])).any(axis=1)
    months, days, exists = _units(row_dates, count, as_of)
    usable = paid_later & exists & (count > 0)
    # The flows: the debt at as_of, then the payments; padding repeats the last time.
    flow_dates = np.concatenate([as_of[:, None], np.where(live, row_dates, 0)], axis=1)
    scale = 10.0**digits
    flows = np.concatenate([-(debt / scale)[:, None], np.where(live, row_amounts, 0) / scale], 1)
    padded = np.concatenate([np.zeros((len(count), 1), dtype=bool), ~live], axis=1)
    flow_dates = np.where(padded, as_of[:, None], flow_dates)
    whole, fraction = _spans(as_of, flow_dates, months, days)
    sort_whole = np.where(padded, np.inf, whole)
    ahead = (sort_whole[:, 1:] > sort_whole[:, :-1]) | (
        (sort_whole[:, 1:] == sort_whole[:, :-1]) & (fraction[:, 1:] >= fraction[:, :-1])
    )
    is_pad = padded
    if not np.all(ahead | padded[:, 1:]):  # actuarial_apr sorts by time: rarely needed
        order = np.lexsort((fraction, sort_whole), axis=1)
        flows = np.take_along_axis(flows, order, axis=1)
        whole = np.take_along_axis(whole, order, axis=1)
        fraction = np.take_along_axis(fraction, order, axis=1)
        is_pad = np.take_along_axis(padded, order, axis=1)
    last = np.maximum((~is_pad).sum(axis=1) - 1, 0)
    rows = np.arange(len(count))
    whole = np.where(is_pad, whole[rows, last][:, None], whole)
    fraction = np.where(is_pad, fraction[rows, last][:, None], fraction)
    result = np.full(len(count), np.nan)
    if np.any(usable):
        rate = actuarial_rates(
            flows[usable], whole[usable], fraction[usable], on_no_solution=OnNoSolution.NAN
        )
        result[usable] = rate * unit_per_year(months[usable], days[usable])
    return result
