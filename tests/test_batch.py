"""Batch kernels equal the one-loan engine to the minor unit, for every method."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from tests.strategies import loans

REGULAR = {"grace": False, "odd_first_period": False, "bases": (lr.InterestBasis.PERIODIC,)}


@given(st.sampled_from(lr.Method), st.data())
def test_batch_totals_equal_the_one_loan_schedule(method: lr.Method, data: st.DataObject) -> None:
    """For random regular loans of every method, each batch total equals amortize()'s exactly."""
    frequency = data.draw(st.sampled_from(lr.Frequency))
    rounding = data.draw(st.sampled_from(lr.RoundingMode))
    group = data.draw(
        st.lists(
            loans(methods=(method,), frequencies=(frequency,), **REGULAR),
            min_size=1,
            max_size=8,
        )
    )
    group = [loan.replace(rounding=rounding) for loan in group]
    totals = lr.batch.amortize_totals(
        np.array([loan.principal_minor for loan in group]),
        np.array([float(loan.annual_rate) for loan in group]),
        np.array([loan.term for loan in group]),
        method=method,
        frequency=frequency,
        amortization_term=(
            np.array([loan.amortization_term for loan in group])
            if method is lr.Method.BALLOON
            else None
        ),
        rounding=rounding,
        minor_units=True,
    )
    for k, loan in enumerate(group):
        schedule = lr.amortize(loan)
        assert int(totals["payment"][k]) == int(schedule.regular_payment * 100)
        assert int(totals["last_payment"][k]) == int(schedule.last_payment * 100)
        assert int(totals["total_interest"][k]) == int(schedule.total_interest * 100)
        assert int(totals["total_paid"][k]) == int(schedule.total_paid * 100)


def test_batch_totals_in_major_units() -> None:
    """Without minor_units, amounts come back as float64 major units."""
    totals = lr.batch.amortize_totals([200000, 50000], [0.06, 0.18], [240, 24])
    assert totals["payment"].tolist() == [1432.86, 2496.21]
    loan = lr.Loan(200000, "0.06", 240, start=date(2024, 1, 1))
    assert totals["total_interest"][0] == float(lr.amortize(loan).total_interest)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"principal": [100, -5], "annual_rate": 0.1, "term": 12}, "principal[1]"),
        ({"principal": [100], "annual_rate": [float("nan")], "term": 12}, "annual_rate[0]"),
        ({"principal": [100, 100], "annual_rate": 0.1, "term": [12, 0]}, "term[1]"),
        ({"principal": [100], "annual_rate": 0.1, "term": [1.5]}, "term"),
        (
            {"principal": [100], "annual_rate": 0.1, "term": 12, "method": "balloon"},
            "amortization_term",
        ),
    ],
)
def test_bad_batch_input_names_the_loan(arguments: dict[str, object], field: str) -> None:
    """Bad input is reported with the index of the first bad loan."""
    with pytest.raises(lr.InvalidValueError) as raised:
        lr.batch.amortize_totals(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
