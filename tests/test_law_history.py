"""Older and chained contracts, on published and hand figures.

China before 2015-09-01 (the PBOC benchmark rates and the 1991 opinions), and UK credit
refinanced under CONC 5A.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import loanrelief as lr
from loanrelief import law

REFERENCE = Path(__file__).parent / "reference"
SECOND = json.loads((REFERENCE / "pboc_benchmark_second_sources.json").read_text("utf-8"))
BANDS = [band.value for band in law.TermBand]
# From 2014-11-22 the PBOC published three bands: each covers two of the old ones.
MERGED = {"up_to_1_year": "up_to_6_months", "up_to_5_years": "up_to_3_years"}
OLD_RULE = "SPC Opinions on the Trial of Loan Cases (1991"


def percent(text: str) -> Fraction:
    """A published percentage as an exact annual fraction."""
    return Fraction(text) / 100


# -- the benchmark table --------------------------------------------------------------------


@pytest.mark.parametrize("row", SECOND["rows"], ids=lambda row: f"{row['date']}")
def test_benchmark_table_agrees_with_a_second_source(row: dict[str, Any]) -> None:
    """Each figure a second page publishes equals the package's (read from another page)."""
    table = law.BenchmarkTable.published()
    day = date.fromisoformat(row["date"])
    assert table.change(day).date == day  # a change on that very date
    assert table.change(day).source not in row["source"]  # really another page
    for band, value in row["rates"].items():
        assert table.rate(day, band) == percent(value), (band, row["source"])
        if day >= date(2014, 11, 22) and band in MERGED:
            assert table.rate(day, MERGED[band]) == percent(value)


def test_benchmark_table_covers_every_change_with_a_source() -> None:
    """Forty changes, 1991-04-21 to 2015-10-24, in date order, each citing its page."""
    table = law.BenchmarkTable.published()
    dates = [row.date for row in table.changes]
    assert len(dates) == 40
    assert dates[0] == law.BENCHMARK_START == date(1991, 4, 21)
    assert dates[-1] == date(2015, 10, 24)
    assert dates == sorted(set(dates))
    assert table.valid_to == date(2019, 8, 19)  # the LPR from 2019-08-20
    assert table.valid_to + timedelta(days=1) == law.LPR_START
    assert all(row.source.startswith("http") for row in table.changes)
    for row in table.changes:  # a longer term never costs less
        assert list(row.rates) == sorted(row.rates)
    # the merges of 2014-11-22: one year and under, one to five years, over five
    merged = [row for row in table.changes if row.date >= date(2014, 11, 22)]
    assert len(merged) == 6
    for row in merged:
        assert row.rates[0] == row.rates[1]
        assert row.rates[2] == row.rates[3]


def test_benchmark_lookup_by_date_and_band() -> None:
    """A change holds from its date to the day before the next one."""
    table = law.BenchmarkTable.published()
    assert table.rate(date(2012, 7, 5), "up_to_1_year") == percent("6.31")
    assert table.rate(date(2012, 7, 6), "up_to_1_year") == percent("6.00")
    assert table.rate(date(2013, 3, 1), law.TermBand.UP_TO_1_YEAR) == percent("6.00")
    assert table.rate(date(2013, 3, 1), "up_to_6_months") == percent("5.60")
    assert table.rate(date(2013, 3, 1), "up_to_3_years") == percent("6.15")
    assert table.rate(date(2013, 3, 1), "up_to_5_years") == percent("6.40")
    assert table.rate(date(2013, 3, 1), "over_5_years") == percent("6.55")
    assert table.rate(date(2015, 1, 1), "up_to_6_months") == percent("5.60")  # merged band
    assert table.rate(date(2015, 1, 1), "up_to_3_years") == percent("6.00")
    assert table.rate(date(2015, 10, 23), "up_to_1_year") == percent("4.60")
    assert table.rate(date(2019, 8, 19), "up_to_1_year") == percent("4.35")


def test_benchmark_refuses_dates_it_does_not_hold() -> None:
    """Before 1991-04-21 and after 2019-08-19: a clear error naming the field."""
    table = law.BenchmarkTable.published()
    with pytest.raises(lr.InvalidValueError, match="1991-04-21") as early:
        table.rate(date(1991, 4, 20), "up_to_1_year")
    assert early.value.field == "on"
    with pytest.raises(lr.InvalidValueError, match="LPR") as late:
        table.change(date(2019, 8, 20), field="filed")
    assert late.value.field == "filed"
    with pytest.raises(lr.LoanReliefError) as band:
        table.rate(date(2013, 1, 1), "two_years")
    assert band.value.field == "band"


def test_benchmark_table_checks_its_rows() -> None:
    """Rows in date order, five rates each, a table valid to at least its last row."""
    row = law.BenchmarkRate(date(2012, 7, 6), ["0.056", "0.06", "0.0615", "0.064", "0.0655"])
    with pytest.raises(lr.InvalidValueError) as few:
        law.BenchmarkRate(date(2012, 7, 6), ["0.056", "0.06"])
    assert few.value.field == "rates"
    with pytest.raises(lr.InvalidValueError) as early:
        law.BenchmarkRate(date(1990, 8, 21), row.rates)
    assert early.value.field == "date"
    with pytest.raises(lr.InvalidTermsError) as order:
        law.BenchmarkTable([row, row], valid_to=date(2013, 1, 1))
    assert order.value.field == "changes[1].date"
    with pytest.raises(lr.InvalidTermsError) as short:
        law.BenchmarkTable([row], valid_to=date(2012, 7, 5))
    assert short.value.field == "valid_to"


@given(
    start=st.dates(date(1991, 4, 21), date(2015, 8, 31)),
    months=st.integers(1, 120),
)
def test_term_band_of_a_monthly_loan(start: date, months: int) -> None:
    """A monthly loan of n instalments runs n months: its band by the PBOC's limits (含)."""
    loan = lr.Loan(1000, "0.1", months, start=start)
    expected = (
        "up_to_6_months" if months <= 6
        else "up_to_1_year" if months <= 12
        else "up_to_3_years" if months <= 36
        else "up_to_5_years" if months <= 60
        else "over_5_years"
    )  # fmt: skip
    assert law.term_band(loan).value == expected


# -- the 1991 opinions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "rate"),
    [(6, "5.60"), (12, "6.00"), (24, "6.15"), (48, "6.40"), (72, "6.55")],
)
def test_ceiling_of_a_2013_contract_is_four_times_its_band(months: int, rate: str) -> None:
    """A loan made 2013-03-01: 4 x the 2012-07-06 benchmark rate of its term band."""
    loan = lr.Loan(10000, "0.3", months, start=date(2013, 3, 1))
    rule = lr.law.ChinaPrivateLending()
    assert rule.opinions_ceiling(loan) == 4 * percent(rate)
    limits = rule.limits(loan, date(2014, 1, 1))
    assert [limit.rate_on(loan.start) for limit in limits] == [4 * percent(rate)] * 2
    assert all(OLD_RULE in limit.source for limit in limits)
    assert "第六条" in limits[0].citation.to_text("zh")
    assert rate.rstrip("0").rstrip(".") in limits[0].source  # the rate of the day, cited


def _half_year(annual_rate: str = "0.30") -> lr.Loan:
    """10,000 made 2013-03-01, repaid in one sum with its interest on 2013-09-01."""
    return lr.Loan(10000, annual_rate, 1, start=date(2013, 3, 1), frequency="semiannual",
                   method="bullet")  # fmt: skip


def test_court_view_of_a_2013_contract_judged_in_2014() -> None:
    """Six months at 30 %: 4 x 5.60 % = 22.4 % allowed, by hand 10,000 x 22.4 % / 2."""
    loan = _half_year()
    view = lr.court_view(loan, as_of=date(2013, 9, 1), rule=lr.law.ChinaPrivateLending())
    assert view.claimed.charged["contract_interest"] == Decimal("1500.00")  # 10,000 x 30 % / 2
    assert view.allowed.allowed["contract_interest"] == Decimal("1120.00")
    assert view.enforceable_payoff == Decimal("11120.00")
    interest = next(line for line in view.lines if line.item == "contract_interest")
    assert interest.source.startswith(OLD_RULE)
    assert "5.6 %" in interest.source
    assert "6 months and under" in interest.source
    assert "第六条" in interest.cited("zh")
    assert "六个月以内" in interest.cited("zh")
    assert "SPC Opinions on the Trial of Loan Cases" in view.explain()
    assert "法(民)〔1991〕21号" in view.explain("zh")


def test_overdue_interest_under_the_1991_opinions_by_hand() -> None:
    """Unpaid for 122 days after 2013-09-01 at 36 %: at most 22.4 % on the overdue principal."""
    loan = _half_year()
    policy = lr.PenaltyPolicy(annual_rate="0.36", day_count="act/365")
    as_of = date(2014, 1, 1)
    state = lr.account_state(loan, as_of=as_of, penalty=policy, rule=lr.law.ChinaPrivateLending())
    days = (as_of - date(2013, 9, 1)).days
    assert days == 122
    by_hand = (Decimal(10000) * Decimal("0.224") * days / 365).quantize(Decimal("0.01"))
    assert state.allowed["penalty"] == by_hand == Decimal("748.71")


def test_late_fees_are_not_limited_by_the_1991_opinions() -> None:
    """The opinions cap interest, not 违约金: late fees are left to the court, and said so."""
    loan = _half_year()
    policy = lr.PenaltyPolicy(late_fee="100", late_fee_every_months=1)
    view = lr.court_view(loan, as_of=date(2014, 1, 1), penalty=policy,
                         rule=lr.law.ChinaPrivateLending())  # fmt: skip
    fees = next(line for line in view.lines if line.item == "late_fee")
    assert fees.charged == fees.allowed == Decimal("400.00")
    assert fees.source == "not limited by this rule"


def test_the_same_contract_judged_from_2015_09_01_falls_under_the_2015_provisions() -> None:
    """A case pending on 2015-09-01 is judged under the 2015 provisions: 24 %, not 22.4 %."""
    loan = _half_year()
    view = lr.court_view(loan, as_of=date(2015, 9, 1), rule=lr.law.ChinaPrivateLending())
    assert view.allowed.allowed["contract_interest"] == Decimal("1200.00")  # 24 % / 2
    assert "(2015)" in next(line for line in view.lines if line.item == "contract_interest").source
    before = lr.law.ChinaPrivateLending().limits(loan, date(2015, 8, 31))
    assert before[0].rate_on(loan.start) == Fraction("0.224")


def test_a_2013_contract_judged_after_2020_still_needs_the_filing_date() -> None:
    """The 2020 transition is unchanged: without ``filed`` the rule refuses, naming it."""
    loan = _half_year()
    with pytest.raises(lr.InvalidTermsError) as missing:
        lr.law.ChinaPrivateLending().limits(loan, date(2021, 1, 1))
    assert missing.value.field == "filed"
    split = lr.law.ChinaPrivateLending(filed=date(2021, 1, 5)).limits(loan, date(2021, 1, 1))
    assert [(day, float(rate)) for day, rate in split[0].steps] == [
        (date(2013, 3, 1), 0.24),
        (date(2020, 8, 20), 0.154),
    ]


def test_a_contract_older_than_the_table_is_refused() -> None:
    """A loan made before 1991-04-21 judged before 2015: refused, naming loan.start."""
    loan = lr.Loan(1000, "0.2", 12, start=date(1991, 1, 1))
    with pytest.raises(lr.InvalidValueError, match="1991-04-21") as old:
        lr.law.ChinaPrivateLending().limits(loan, date(1992, 1, 1))
    assert old.value.field == "loan.start"


def test_a_benchmark_table_of_ones_own() -> None:
    """``benchmark=`` replaces the shipped table (a court's own reading of a rate)."""
    row = law.BenchmarkRate(date(2013, 1, 1), ["0.05"] * 5, "my source")
    mine = lr.law.ChinaPrivateLending(benchmark=law.BenchmarkTable([row], date(2015, 8, 31)))
    assert mine.opinions_ceiling(_half_year()) == Fraction("0.2")
    with pytest.raises(lr.LoanReliefError) as bad:
        lr.law.ChinaPrivateLending(benchmark="2013")  # type: ignore[arg-type]
    assert bad.value.field == "benchmark"


# -- UK: refinanced (rolled-over) credit -------------------------------------------------------


def _payday(amount: str, days: int, start: date) -> lr.Loan:
    """A one-payment loan at 0.8 % a day, due ``days`` after it is made."""
    return lr.Loan(amount, "2.92", 1, start=start, method="bullet",
                   first_due_date=start + timedelta(days=days), interest_basis="day_count",
                   day_count="act/365", currency="GBP")  # fmt: skip


LATE = lr.PenaltyPolicy(annual_rate="2.92", day_count="act/365")  # 0.8 % a day, unpaid


def test_a_rollover_counts_the_earlier_charges_against_the_original_credit() -> None:
    """300 borrowed; 60 charged; rolled over once: the chain charges at most 300 in all."""
    second = _payday("300", 30, date(2024, 4, 1))
    as_of = date(2024, 12, 1)  # long unpaid: 0.8 % a day would be far beyond 300
    alone = lr.account_state(second, as_of=as_of, penalty=LATE, rule=lr.law.UKHighCostShortTerm())
    assert sum(alone.allowed.values()) == Decimal("300.00")  # 60 + 300 = 360 without the chain
    chained = lr.law.UKHighCostShortTerm(refinances=law.Refinancing(credit=300, charged=60))
    state = lr.account_state(second, as_of=as_of, penalty=LATE, rule=chained)
    assert sum(state.allowed.values()) == Decimal("240.00")
    assert 60 + sum(state.allowed.values()) == 300


def test_a_rollover_of_a_first_loan_replayed_by_the_same_rule() -> None:
    """The first loan's own allowed charges feed the second: 72, then 228, 300 in all."""
    first = _payday("300", 30, date(2024, 3, 1))
    end = date(2024, 3, 31)
    earlier = lr.account_state(first, as_of=end, rule=lr.law.UKHighCostShortTerm())
    charged = sum(earlier.allowed.values())
    assert charged == Decimal("72.00")  # 300 x 0.8 % x 30 days
    second = _payday("300", 30, end)
    rule = lr.law.UKHighCostShortTerm(refinances=law.Refinancing(credit=300, charged=charged))
    for days, by_hand in ((10, "24.00"), (30, "72.00"), (60, "144.00"), (400, "228.00")):
        as_of = end + timedelta(days=days)
        state = lr.account_state(second, as_of=as_of, penalty=LATE, rule=rule)
        expected = min(Decimal("300") * Decimal("0.008") * days, Decimal(300), 300 - charged)
        assert sum(state.allowed.values()) == expected == Decimal(by_hand)


def test_the_court_view_explains_the_refinanced_total() -> None:
    """Each line cites the chained cap, with the original credit and the earlier charges."""
    second = _payday("300", 30, date(2024, 4, 1))
    rule = lr.law.UKHighCostShortTerm(refinances=law.Refinancing(credit=300, charged=60))
    view = lr.court_view(second, as_of=date(2024, 12, 1), penalty=LATE, rule=rule)
    penalty = next(line for line in view.lines if line.item == "penalty")
    assert "refinanced agreement" in penalty.source
    assert "original credit GBP 300 less GBP 60 already charged" in penalty.source
    assert "原借款300英镑" in penalty.cited("zh")
    assert "CONC 5A.2.2R, 5A.3.2R" in view.explain()


def test_earlier_charges_beyond_the_credit_leave_nothing() -> None:
    """Earlier charges at or above the original credit: no charge on the new agreement."""
    second = _payday("300", 30, date(2024, 4, 1))
    rule = lr.law.UKHighCostShortTerm(refinances=law.Refinancing(credit=300, charged=310))
    state = lr.account_state(second, as_of=date(2024, 5, 1), rule=rule)
    assert sum(state.allowed.values()) == 0
    assert law.Refinancing(credit=300, charged=310).allowance == 0


def test_refinancing_checks_its_figures() -> None:
    """No credit, negative charges, or a rule given something else: errors naming them."""
    with pytest.raises(lr.InvalidValueError) as credit:
        law.Refinancing(credit=0)
    assert credit.value.field == "credit"
    with pytest.raises(lr.InvalidValueError) as charged:
        law.Refinancing(credit=300, charged=-1)
    assert charged.value.field == "charged"
    with pytest.raises(lr.LoanReliefError) as given_:
        lr.law.UKHighCostShortTerm(refinances=(300, 60))  # type: ignore[arg-type]
    assert given_.value.field == "refinances"


@given(
    credit=st.integers(100, 1000),
    share=st.fractions(0, 1),
    days=st.integers(1, 400),
)
def test_a_chain_never_charges_more_than_was_first_lent(
    credit: int, share: Fraction, days: int
) -> None:
    """Whatever was charged before, earlier + allowed now <= the original credit."""
    charged = Decimal(int(credit * share))
    second = _payday(str(credit), 30, date(2024, 4, 1))
    rule = lr.law.UKHighCostShortTerm(refinances=law.Refinancing(credit=credit, charged=charged))
    state = lr.account_state(second, as_of=second.start + timedelta(days=days), penalty=LATE,
                             rule=rule)  # fmt: skip
    allowed = sum(state.allowed.values())
    assert charged + allowed <= credit
    expected = min(Decimal(credit) * Decimal("0.008") * days, credit - charged)
    assert abs(allowed - expected) <= Decimal("0.01")
