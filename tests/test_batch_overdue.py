"""Batch overdue states equal the one-account replay to the minor unit."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief import batch
from loanrelief._foundations.money import minor_of
from tests.strategies import account_columns, portfolios, replayed

FIELDS = (
    "overdue_principal",
    "overdue_interest",
    "penalty",
    "fees",
    "outstanding_principal",
    "accrued_interest",
    "payoff",
)


@given(portfolios(), st.sampled_from([1, 4]))
def test_batch_states_equal_the_replay(
    portfolio: tuple[list[lr.Loan], list[date], list[int], lr.PenaltyPolicy], block: int
) -> None:
    """Every field equals account_state with the same on-time payments, for every method."""
    group, dates, paid, policy = portfolio
    accounts = lr.batch.Portfolio(**account_columns(group, dates, paid, policy))  # type: ignore[arg-type]
    states = lr.batch.overdue_states(accounts, block_size=block)
    for k, loan in enumerate(group):
        state = replayed(loan, dates[k], paid[k], policy)
        assert states["days_past_due"][k] == state.days_past_due
        assert states["bucket"][k] == state.bucket.value
        assert states["missed"][k] == sum(
            s.days_late > policy.grace_days for s in state.instalments
        )
        for name in FIELDS:
            assert states[name][k] == minor_of(getattr(state, name), loan.digits), name


def test_a_payment_past_two_to_the_53_minor_units_is_paid_exactly() -> None:
    """A fresh draw: 6.5e15 minor units paid through a float lost the last unit.

    The replay then saw 0.0001 CLF unpaid and a day past due where the batch saw none;
    the payments of the comparison are now exact decimals.
    """
    loan = lr.Loan(
        "653730395498.5071",
        "0.0107",
        1,
        start=date(2000, 1, 1),
        frequency="biweekly",
        day_count="act/360",
        currency="CLF",
    )
    policy = lr.PenaltyPolicy()
    state = replayed(loan, date(2000, 1, 16), 1, policy)
    assert (state.days_past_due, state.payoff) == (0, 0)
    accounts = lr.batch.Portfolio(**account_columns([loan], [date(2000, 1, 16)], [1], policy))  # type: ignore[arg-type]
    states = lr.batch.overdue_states(accounts)
    assert states["days_past_due"][0] == 0
    assert states["payoff"][0] == 0


def test_states_in_major_units() -> None:
    """The worked example: three instalments missed, 1.5x penalty with 复利."""
    policy = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, day_count="act/360")
    accounts = lr.batch.Portfolio(
        [50000],
        [0.18],
        [24],
        start=date(2024, 1, 15),
        as_of=date(2024, 6, 1),
        paid=1,
        penalty=policy,
    )
    states = lr.batch.overdue_states(accounts)
    loan = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15))
    schedule = lr.amortize(loan)
    one = lr.account_state(
        loan,
        [lr.Payment(date(2024, 2, 15), schedule.regular_payment)],
        as_of=date(2024, 6, 1),
        penalty=policy,
    )
    assert states["penalty"].tolist() == [float(one.penalty)]
    assert states["payoff"].tolist() == [float(one.payoff)]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"as_of": np.array(["2024-06-01", "2023-01-01"], dtype="datetime64[D]")}, "as_of[1]"),
        ({"paid": [0, 30]}, "paid[1]"),
        ({"paid": [5, 0]}, "paid[0]"),  # the fifth instalment falls due after as_of
        (
            {"penalty": lr.PenaltyPolicy(annual_rate="0.2", late_fee=5, late_fee_every_days=30)},
            "penalty.late_fee_every_days",
        ),
        (
            {"penalty": lr.PenaltyPolicy(annual_rate="0.2", day_count="30/360")},
            "penalty.day_count",
        ),
        ({"start": "yesterday"}, "start"),
    ],
)
def test_bad_input_names_the_account(arguments: dict[str, object], field: str) -> None:
    """Bad input is reported with the index of the first bad account, or the option."""
    call: dict[str, object] = {
        "principal": [1000, 2000],
        "annual_rate": 0.1,
        "term": 12,
        "start": date(2024, 1, 1),
        "as_of": date(2024, 3, 1),
    } | arguments
    with pytest.raises(lr.LoanReliefError) as raised:
        lr.batch.overdue_states(lr.batch.Portfolio(**call))  # type: ignore[arg-type]
    assert raised.value.field == field


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"base": [100, -1], "annual_rate": 0.1, "days": 30}, "base[1]"),
        ({"base": [100], "annual_rate": [0.1, float("nan")], "days": 30}, "annual_rate[1]"),
        ({"base": [[100, 100], [100, 100]], "annual_rate": 0.1, "days": [0, -3]}, "days[0, 1]"),
    ],
)
def test_accrue_names_the_first_bad_element(arguments: dict[str, object], field: str) -> None:
    """Vectorised penalty accrual reports the index of the first bad element."""
    with pytest.raises(lr.InvalidValueError) as raised:
        lr.accrue(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_a_portfolio_from_a_table_equals_one_from_arrays() -> None:
    """from_frame reads the per-account columns (pandas or a dict) and ignores others."""
    pandas = pytest.importorskip("pandas")
    columns = {
        "principal": [50000.0, 8000.0],
        "annual_rate": [0.18, 0.24],
        "term": [24, 12],
        "start": pandas.to_datetime(["2024-01-15", "2024-02-29"]),
        "as_of": pandas.to_datetime(["2024-07-01", "2024-07-01"]),
        "paid": [2, 0],
        "end_of_month": [False, True],
        "name": ["a", "b"],
    }
    policy = lr.PenaltyPolicy(rate_multiplier="1.5")
    from_table = lr.batch.Portfolio.from_frame(pandas.DataFrame(columns), penalty=policy)
    direct = lr.batch.Portfolio(
        [50000, 8000],
        [0.18, 0.24],
        [24, 12],
        start=np.array(["2024-01-15", "2024-02-29"], dtype="datetime64[D]"),
        as_of=date(2024, 7, 1),
        paid=[2, 0],
        end_of_month=[False, True],
        penalty=policy,
    )
    one, two = lr.batch.overdue_states(from_table), lr.batch.overdue_states(direct)
    assert one.keys() == two.keys()
    for name, values in one.items():
        assert values.tolist() == two[name].tolist(), name
    assert one["penalty"][0] > 0
    assert repr(direct) == "Portfolio(accounts=2, method=annuity, frequency=monthly)"
    assert len(direct) == 2


def test_a_portfolio_is_checked_and_read_only() -> None:
    """A missing column names the frame; anything but a Portfolio names accounts."""
    with pytest.raises(lr.InvalidValueError, match="as_of") as raised:
        lr.batch.Portfolio.from_frame({"principal": [1], "annual_rate": [0.1], "term": [3]})
    assert raised.value.field == "frame"
    with pytest.raises(lr.InvalidTypeError) as raised:
        lr.batch.Portfolio.from_frame([1, 2, 3])
    assert raised.value.field == "frame"
    with pytest.raises(lr.InvalidTypeError) as raised:
        lr.batch.overdue_states({"principal": [1000]})  # type: ignore[arg-type]
    assert raised.value.field == "accounts"
    with pytest.raises(lr.InvalidTypeError) as raised:
        lr.batch.compare_levers([1000], [lr.ExtendTerm(3)])  # type: ignore[arg-type]
    assert raised.value.field == "accounts"
    accounts = lr.batch.Portfolio(
        [1000], [0.1], [12], start=date(2024, 1, 1), as_of=date(2024, 3, 1)
    )
    with pytest.raises(AttributeError):
        accounts.paid = np.array([3])  # type: ignore[misc]


def test_long_runs_report_their_progress(capsys: pytest.CaptureFixture[str]) -> None:
    """A callback hears each block, in order, to the total; a bar draws on stderr."""
    accounts = batch.Portfolio(
        [50000] * 25, [0.18] * 25, [24] * 25, start=date(2024, 1, 15),
        as_of=date(2024, 7, 1), paid=2,
    )  # fmt: skip
    heard: list[tuple[int, int]] = []
    states = batch.overdue_states(accounts, block_size=10, progress=lambda *p: heard.append(p))
    assert heard == [(10, 25), (20, 25), (25, 25)]
    quiet = batch.overdue_states(accounts, block_size=10)
    assert all(np.array_equal(states[name], quiet[name]) for name in states)
    heard.clear()
    table = batch.compare_levers(
        accounts, [lr.ExtendTerm(6)], block_size=7, progress=lambda *p: heard.append(p)
    )
    assert heard == [(7, 25), (14, 25), (21, 25), (25, 25)]
    assert table["total_paid"].shape == (25, 1)
    batch.overdue_states(accounts, progress=True)
    assert "25/25" in capsys.readouterr().err
    with pytest.raises(lr.InvalidTypeError, match="progress"):
        batch.overdue_states(accounts, progress="yes")
