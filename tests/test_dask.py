"""The Dask mapping runs on a two-worker cluster and equals the in-memory run exactly."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import numpy as np
import pytest

import loanrelief as lr

da = pytest.importorskip("dask.array", reason="the dask extra is part of the test extra")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
import loanrelief.dask as lrd  # noqa: E402 - after the optional imports it needs

COUNT = 20_000


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A local cluster: two worker processes talking over the loopback interface.

    The dashboard's usual port is held busy meanwhile (when free), as a dashboard
    already open would: the cluster must start all the same.
    """
    with contextlib.closing(socket.socket()) as busy:
        with contextlib.suppress(OSError):
            busy.bind(("127.0.0.1", 8787))
            busy.listen()
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # any free port: 8787 may be taken
            ) as cluster,
            distributed.Client(cluster) as connected,
        ):
            yield connected


@pytest.fixture(scope="module")
def portfolio() -> dict[str, np.ndarray]:
    """Random loans and overdue accounts (fixed seed)."""
    rng = np.random.default_rng(7)
    return {
        "principal": rng.integers(100_00, 5_000_000_00, COUNT) / 100,
        "annual_rate": rng.integers(0, 3600, COUNT) / 10_000,
        "term": rng.choice([6, 12, 24, 36, 60, 120, 360], COUNT),
        "start": np.datetime64("2023-01-01") + rng.integers(0, 240, COUNT),
        "paid": rng.integers(0, 4, COUNT),
    }


def _chunked(values: np.ndarray) -> object:
    return da.from_array(values, chunks=COUNT // 4)


def test_totals_on_a_cluster_equal_the_in_memory_run(
    client: object, portfolio: dict[str, np.ndarray]
) -> None:
    """Every field of every loan, in major and in minor units."""
    for minor in (False, True):
        principal = np.round(portfolio["principal"] * 100) if minor else portfolio["principal"]
        columns = [principal, portfolio["annual_rate"], portfolio["term"]]
        lazy = lrd.amortize_totals(*(_chunked(c) for c in columns), minor_units=minor)
        computed = client.compute(lazy).result()  # type: ignore[attr-defined]
        local = lr.batch.amortize_totals(*columns, minor_units=minor)
        for name, values in local.items():
            np.testing.assert_array_equal(computed[name], values)
            assert computed[name].dtype == values.dtype


def test_overdue_states_on_a_cluster_equal_the_in_memory_run(
    client: object, portfolio: dict[str, np.ndarray]
) -> None:
    """Penalty, fees, payoff and days past due of every account."""
    policy = lr.PenaltyPolicy(rate_multiplier="1.5", compound=True, late_fee=25, grace_days=3)
    as_of = np.full(COUNT, np.datetime64("2024-03-01"))
    arrays = {
        name: _chunked(portfolio[name])
        for name in ("principal", "annual_rate", "term", "start", "paid")
    }
    lazy = lrd.overdue_states(**arrays, as_of=_chunked(as_of), penalty=policy)  # type: ignore[arg-type]
    computed = client.compute(lazy).result()  # type: ignore[attr-defined]
    local = lr.batch.overdue_states(
        lr.batch.Portfolio(
            **{name: portfolio[name] for name in arrays}, as_of=as_of, penalty=policy
        )
    )
    assert set(computed) == set(local) - {"bucket"}
    for name, values in computed.items():
        np.testing.assert_array_equal(values, local[name])
    assert computed["penalty"].sum() > 0  # the accounts are really overdue


def test_frames_on_a_cluster_equal_the_in_memory_run(
    client: object, portfolio: dict[str, np.ndarray]
) -> None:
    """DataFrame partitions: totals, and a lever comparison with its best option."""
    frame = pd.DataFrame(portfolio).assign(as_of=np.datetime64("2024-03-01"))
    loans = dd.from_pandas(frame.head(4000), npartitions=4)
    totals = lrd.map_frame(loans, "amortize_totals").compute()
    local = lr.batch.amortize_totals(
        frame.principal[:4000], frame.annual_rate[:4000], frame.term[:4000].to_numpy()
    )
    for name, values in local.items():
        np.testing.assert_array_equal(totals[name].to_numpy(), values)
    options = [lr.ExtendTerm(12), lr.WaivePenalty(share=1), lr.Settlement(share="0.6")]
    policy = lr.PenaltyPolicy(annual_rate="0.24")
    table = lrd.map_frame(loans, "compare_levers", options=options, penalty=policy).compute()
    head = frame.head(4000)
    in_memory = lr.batch.compare_levers(
        lr.batch.Portfolio.from_frame(head, penalty=policy), options
    )
    assert table.dtypes["end_date 0"] == np.dtype("datetime64[s]")
    for j in range(len(options)):
        np.testing.assert_array_equal(table[f"total_paid {j}"], in_memory["total_paid"][:, j])
        np.testing.assert_array_equal(
            table[f"end_date {j}"].to_numpy().astype("datetime64[D]"), in_memory["end_date"][:, j]
        )
        np.testing.assert_array_equal(
            table[f"present_value {j}"], in_memory["present_value"][:, j]
        )


def test_a_bad_loan_is_named_by_its_place_in_the_portfolio(client: object) -> None:
    """An error in the third chunk names the loan's index in the whole array."""
    principal = np.full(40, 1000.0)
    principal[27] = -5.0
    lazy = lrd.amortize_totals(
        da.from_array(principal, chunks=10),
        da.from_array(np.full(40, 0.1), chunks=10),
        da.from_array(np.full(40, 12), chunks=10),
    )
    with pytest.raises(lr.InvalidValueError) as raised:
        client.compute(lazy).result()  # type: ignore[attr-defined]
    assert raised.value.field == "principal[27]"


def test_bad_input_is_refused() -> None:
    """Plain arrays, mismatched chunks, unknown kernels and missing columns."""
    plain = np.ones(4)
    with pytest.raises(lr.InvalidTypeError):
        lrd.amortize_totals(plain, _chunked(plain), _chunked(plain))  # type: ignore[arg-type]
    with pytest.raises(lr.InvalidValueError):
        lrd.amortize_totals(
            da.from_array(plain, chunks=2), da.from_array(plain, chunks=1), _chunked(plain)
        )
    frame = dd.from_pandas(pd.DataFrame({"principal": [1000.0]}), npartitions=1)
    with pytest.raises(lr.InvalidValueError, match="kernel"):
        lrd.map_frame(frame, "amortize")
    with pytest.raises(lr.InvalidValueError, match="annual_rate"):
        lrd.map_frame(frame, "amortize_totals")
    loans = dd.from_pandas(
        pd.DataFrame({"principal": [1000.0], "annual_rate": [0.1], "term": [12]}), npartitions=1
    )
    with pytest.raises(lr.InvalidValueError, match="as_of"):  # a portfolio needs its dates
        lrd.map_frame(loans, "overdue_states", start=np.datetime64("2024-01-01"))
    with pytest.raises(lr.InvalidValueError) as raised:  # neither Portfolio's nor the kernel's
        lrd.map_frame(loans, "overdue_states", start=np.datetime64("2024-01-01"), asof=1)
    assert raised.value.field == "asof"


def test_empty_partitions_pass_through() -> None:
    """A frame filtered down to nothing still maps (typed, empty columns)."""
    frame = pd.DataFrame({"principal": [1000.0], "annual_rate": [0.1], "term": [12]})
    loans = dd.from_pandas(frame, npartitions=1)
    empty = lrd.map_frame(loans[loans.principal > 10**9], "amortize_totals").compute()
    assert list(empty.columns) == [
        "payment",
        "last_payment",
        "total_interest",
        "total_paid",
        "residue",
    ]
    assert len(empty) == 0
