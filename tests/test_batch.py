"""Batch kernels equal the one-loan engine to the minor unit, for every method."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief._foundations.money import minor_of
from tests.strategies import CURRENCIES, loans

REGULAR = {"grace": False, "odd_first_period": False, "bases": (lr.InterestBasis.PERIODIC,)}


def _columns(group: list[lr.Loan], method: lr.Method) -> dict[str, object]:
    """The batch arguments describing ``group``."""
    return {
        "principal": np.array([loan.principal_minor for loan in group]),
        "annual_rate": np.array([float(loan.annual_rate) for loan in group]),
        "term": np.array([loan.term for loan in group]),
        "method": method,
        "frequency": group[0].frequency,
        "amortization_term": (
            np.array([loan.amortization_term for loan in group])
            if method is lr.Method.BALLOON
            else None
        ),
        "rounding": group[0].rounding,
        "digits": group[0].digits,
        "minor_units": True,
    }


@st.composite
def batches(draw: st.DrawFn, method: lr.Method) -> list[lr.Loan]:
    """Regular loans of one method, frequency and rounding, some at extreme rates."""
    frequency = draw(st.sampled_from(lr.Frequency))
    rounding = draw(st.sampled_from(lr.RoundingMode))
    max_rate = draw(st.sampled_from(["0.6", "9.9"]))  # 9.9: payoffs before the last row
    currency = draw(st.sampled_from(CURRENCIES))
    group = draw(
        st.lists(
            loans(
                methods=(method,),
                frequencies=(frequency,),
                max_rate=max_rate,
                currencies=(currency,),
                **REGULAR,
            ),
            min_size=1,
            max_size=9,
        )
    )
    return [loan.replace(rounding=rounding) for loan in group]


@given(st.sampled_from(lr.Method), st.data(), st.sampled_from([2, 16384]))
@example(lr.Method.ANNUITY, None, 2).via("a 30-year loan at 990 % pays off early")  # type: ignore[arg-type]
def test_batch_equals_the_one_loan_schedule(
    method: lr.Method, data: st.DataObject | None, chunk: int
) -> None:
    """Each batch total and row equals amortize()'s exactly, for random loans of every method.

    A chunk of 2 loans makes the kernels sort, split and reassemble many blocks.
    """
    if data is None:
        group = [
            lr.Loan("1234.56", "9.9", 360, start=date(2024, 1, 1)),
            lr.Loan("7654321.09", "0.12345678", 360, start=date(2024, 1, 1)),
            lr.Loan("0.05", "0.1", 12, start=date(2024, 1, 1)),
            lr.Loan("100", "0", 7, start=date(2024, 1, 1)),
        ]
    else:
        group = data.draw(batches(method))
    schedules = [lr.amortize(loan) for loan in group]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lr.batch._kernels, "CHUNK", chunk)
        totals = lr.batch.amortize_totals(**_columns(group, method))  # type: ignore[arg-type]
        blocks = list(lr.batch.schedules(**_columns(group, method), block_size=chunk + 1))  # type: ignore[arg-type]
    for k, schedule in enumerate(schedules):
        digits = schedule.loan.digits
        assert int(totals["payment"][k]) == minor_of(schedule.regular_payment, digits)
        assert int(totals["last_payment"][k]) == minor_of(schedule.last_payment, digits)
        assert int(totals["total_interest"][k]) == minor_of(schedule.total_interest, digits)
        assert int(totals["total_paid"][k]) == minor_of(schedule.total_paid, digits)
        assert int(totals["residue"][k]) == minor_of(
            schedule.last_payment - schedule.regular_payment, digits
        )
        block = blocks[k // (chunk + 1)]
        j = k - block.start
        rows = int(block.rows[j])
        assert rows == len(schedule.instalments)
        assert block.interest[j, :rows].tolist() == schedule.minor_columns["interest"].tolist()
        assert block.principal[j, :rows].tolist() == schedule.minor_columns["principal"].tolist()
        assert not block.interest[j, rows:].any()
        assert not block.principal[j, rows:].any()
        assert block.balance[j, rows - 1] == 0


def test_a_runaway_early_payoff_is_redone_exactly() -> None:
    """49 % a quarter for 109 quarters: the float walk past the payoff overflows.

    Hypothesis found this: the overflow reached a cast to int64 (a warning, an error
    here). Such a walk now counts as an early payoff and takes the exact path.
    """
    loan = lr.Loan("100", "1.9746", 109, start=date(2024, 1, 1), frequency="quarterly")
    schedule = lr.amortize(loan)
    totals = lr.batch.amortize_totals([100], [1.9746], [109], frequency="quarterly")
    assert totals["payment"].tolist() == [float(schedule.regular_payment)]
    assert totals["total_interest"].tolist() == [float(schedule.total_interest)]
    block = next(lr.batch.schedules([100], [1.9746], [109], frequency="quarterly"))
    assert block.interest[0].tolist() == schedule.minor_columns["interest"].tolist()


@pytest.mark.parametrize(("principal", "term"), [(30, 17), (30, 13), (50, 24)])
def test_a_lowered_payment_that_barely_repays_is_not_kept(principal: int, term: int) -> None:
    """A payment of a few yen that repays early is not lowered into a balloon.

    30 yen at 20.01 % over 17 months: 2 a month repays in month 16; 1 a month (the
    rule's one unit less) left 31 to the last month. The rounded payment stays, its
    last rows zero: the one-loan engine and both batch walks alike. Found by the
    levers' properties: extending such a plan turned it into one payment at the end.
    """
    loan = lr.Loan(principal, "0.2001", term, start=date(2000, 6, 1), currency="JPY")
    schedule = lr.amortize(loan)
    payments = schedule.minor_columns["payment"]
    assert schedule.last_payment <= schedule.regular_payment  # no balloon
    assert payments[0] >= 2
    assert payments[-1] == 0  # repaid early
    columns = {"principal": [principal], "annual_rate": [0.2001], "term": [term], "digits": 0}
    totals = lr.batch.amortize_totals(**columns, minor_units=True)  # type: ignore[arg-type]
    assert totals["payment"].tolist() == [int(schedule.regular_payment)]
    assert totals["total_interest"].tolist() == [int(schedule.total_interest)]
    block = next(lr.batch.schedules(**columns))  # type: ignore[arg-type]
    assert block.interest[0].tolist() == schedule.minor_columns["interest"].tolist()


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
