"""Every exported callable, fed bad input, answers validly or raises a LoanReliefError.

For each name in ``loanrelief.__all__``, in the ``__all__`` of each namespace (``tvm``,
``cards``, ``debts``, ``law``, ``batch``, ``minor``) and in ``i18n``'s there is one
valid call below; each parameter of it is replaced in turn by wrong types, ``None``,
NaN, infinities, zero, negatives, huge and tiny values, bad strings, and empty or
mismatched sequences. The call must then return a valid result (no NaN or infinity in
it) or raise a :class:`loanrelief.LoanReliefError` whose ``field`` names that parameter,
within a few seconds. A new exported name fails
:func:`test_every_exported_name_is_fuzzed` until it has a valid call here. Each list in
a valid call, given instead as a one-shot iterator, must give the same result
(:func:`test_an_iterable_is_read_once`).

Every test here runs in its own empty folder (``tmp_path`` is the current folder), so a
bad value that is a valid file name (``"abc"``, ``"0.1"`` as ``Brief.save``'s path) is
written there, never into the working tree; the module checks that it leaves the
working tree as it found it.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import os
import signal
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pytest

import loanrelief as lr
from loanrelief import batch, law
from loanrelief._presentation import i18n
from tests.checkout import ROOT, git

Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]

START = date(2024, 1, 15)
AS_OF = date(2024, 6, 1)
SECONDS = 10  # per call: generous for a slow machine, far below a hang

# Of another length than the arrays beside them: the one that differs is named.
OTHER_LENGTHS: tuple[Any, ...] = ([], [1, 2, 3, 4, 5, 6, 7], np.array([]))
EMPTY, SEVEN, NO_ELEMENTS = OTHER_LENGTHS

BAD: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    7,
    np.int64(3),
    2.5,
    float("nan"),
    float("inf"),
    -float("inf"),
    1e-300,
    1e300,
    10**30,
    -(10**30),
    Decimal("NaN"),
    Decimal("1e1000000"),
    "abc",
    "",
    "1e999999999",
    "0.1",
    "act/365",
    EMPTY,
    [None],
    SEVEN,
    (date(2024, 1, 1),),
    NO_ELEMENTS,
    np.array([[1.0, 2.0], [3.0, 4.0]]),
    {},
    object(),
    date(9999, 12, 31),
    date(1, 1, 1),
    datetime(2024, 1, 1, 12, 0),
    np.datetime64("2024-01-01"),
    b"12",
    np.array(2.5),  # a 0-d array: iterable by its type, not by its value
    np.array(date(2024, 1, 1), dtype=object),
)

# Missing values: never to be read as the data beneath the mask.
MASKED: tuple[Any, ...] = (
    np.ma.masked_array([1.0, 2.0], mask=[False, True]),
    np.ma.masked_array([date(2024, 1, 1), date(2024, 2, 1)], mask=[False, True]),
    np.ma.masked,
)
BAD += MASKED

# In place of a date: never read as one (NumPy would read True, -1 or b"12" as days).
NOT_DATES: tuple[Any, ...] = (True, -1, 7, np.int64(3), 2.5, b"12", "abc", "0.1", "")
NOT_DATES += (datetime(2024, 1, 1, 12, 0),)


def _tree() -> list[str]:
    """The working tree's top-level names, and what git finds changed or untracked."""
    status = git("status", "--porcelain", "--untracked-files=all") or ""
    return sorted(os.listdir(ROOT)) + status.splitlines()


@pytest.fixture(scope="module", autouse=True)
def _leaves_the_tree_as_it_was() -> Iterator[None]:
    """Fail if any fuzzed call wrote a file into the working tree."""
    before = _tree()
    yield
    assert _tree() == before, "a fuzzed call wrote into the working tree"


@pytest.fixture(autouse=True)
def _in_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in its own empty folder: a path value is a file in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)


_FIVE = ["0.056", "0.06", "0.0615", "0.064", "0.0655"]  # the benchmark rates of 2012-07-06


def _loan() -> lr.Loan:
    return lr.Loan(6000, "0.18", 6, start=START)


def _card() -> lr.cards.Card:
    return lr.cards.Card(statement_day=7, daily_rate="0.0005", late_fee_share="0.05")


def _alternative() -> lr.Alternative:
    return lr.solve(_state(), max_payment=900).alternatives[0]


def _state() -> lr.AccountState:
    loan = _loan()
    paid = [lr.Payment(row.due_date, row.payment) for row in lr.amortize(loan)[:1]]
    policy = lr.PenaltyPolicy(rate_multiplier="1.5", late_fee="20")
    return lr.account_state(loan, paid, as_of=AS_OF, penalty=policy)


_LIMIT: dict[str, Any] = {
    "components": ("penalty", "late_fee"),
    "base": "overdue",
    "annual_rate": [(date(2024, 1, 1), "0.24"), (date(2024, 3, 1), "0.154")],
    "paid_rate": "0.36",
    "day_count": "act/365",
    "span": "to_date",
    "source": "art. 29",
}


def _limit() -> lr.law.Limit:
    return lr.law.Limit(**_LIMIT)


def _meter() -> law.Meter:
    return law.Meter(_limit(), _loan(), received=600000)


def _court() -> lr.CourtView:
    return lr.court_view(
        _loan(),
        as_of=AS_OF,
        rule=lr.law.ChinaFinancialLoans(),
        penalty=lr.PenaltyPolicy(annual_rate="1"),
    )


def _comparison() -> lr.Comparison:
    return lr.compare(_state(), [lr.InstalmentPlan(6), lr.WaivePenalty(share=1)])


def _portfolio() -> batch.Portfolio:
    return batch.Portfolio([6000, 3000], [0.18, 0.12], [6, 6], start=START, as_of=AS_OF)


def _table() -> batch.LeverTable:
    return batch.compare_levers(_portfolio(), [lr.ExtendTerm(3)])


_BATCH_LOANS = ([6000, 3000], [0.18, 0.12], [6, 6])


@functools.wraps(batch.schedules)
def _all_blocks(*args: Any, **kwargs: Any) -> list[batch.ScheduleBlock]:
    return list(batch.schedules(*args, **kwargs))


# One valid call per exported callable: (callable, positional arguments, keywords).
def _statement() -> lr.Statement:
    """A lender's statement of a 12-month loan of 2024-01-15 with four instalments paid."""
    return lr.Statement(
        as_of=date(2024, 9, 20), outstanding_principal="7052.13", overdue_principal="3317.85",
        overdue_interest="700.63", penalty="300", fees="600", days_past_due=97,
        annual_rate="0.36", next_due_date=date(2024, 10, 15), remaining_instalments=4,
    )  # fmt: skip


def _chain() -> list[lr.law.IOU]:
    """Two IOUs, the second rolling the first's interest into principal."""
    return [
        lr.law.IOU(date(2021, 1, 1), 100000, "0.36"),
        lr.law.IOU(date(2022, 1, 1), 136000, "0.36"),
    ]


CALLS: dict[str, Callable[[], Call]] = {
    "Loan": lambda: (
        lr.Loan,
        (6000, "0.18", 6),
        {
            "start": START,
            "method": "annuity",
            "frequency": "monthly",
            "day_count": "act/360",
            "interest_basis": "periodic",
            "first_due_date": date(2024, 2, 20),
            "end_of_month": False,
            "grace_periods": 1,
            "grace": "interest_only",
            "upfront_fee": 100,
            "fee_deducted": True,
            "instalment_fee": 5,
            "currency": "CNY",
            "rounding": "half_up",
            "odd_days": "simple",
        },
    ),
    "amortize": lambda: (lr.amortize, (_loan(),), {}),
    "i18n.language": lambda: (i18n.language, ("zh",), {"field": "lang"}),
    "i18n.glossary": lambda: (i18n.glossary, (), {}),
    "i18n.translate": lambda: (i18n.translate, ("{count} instalments", "zh"), {"count": 3}),
    "i18n.format_money": lambda: (i18n.format_money, (Decimal("1234.56"), "zh", "CNY"), {}),
    "i18n.format_rate": lambda: (i18n.format_rate, (Decimal("0.1848"), "en", 2), {}),
    "i18n.format_date": lambda: (i18n.format_date, (START, "zh"), {}),
    "i18n.translated": lambda: (i18n.translated, ("total paid", "zh"), {}),
    "tvm.rule_of_78s_rebate": lambda: (
        lr.tvm.rule_of_78s_rebate,
        ("380.50", 24, 8),
        {"digits": 2, "rounding": "half_up"},
    ),
    "minor.level_payment": lambda: (lr.minor.level_payment, (600000, [Fraction(3, 200)] * 6), {}),
    "tvm.period_rates": lambda: (
        lr.tvm.period_rates,
        (_loan(), lr.tvm.due_dates(START, 6, "monthly")),
        {},
    ),
    "tvm.UnitPeriod": lambda: (lr.tvm.UnitPeriod, (1, 0), {}),
    "Plan": lambda: (
        lr.Plan,
        (
            [
                lr.PlanRow(
                    date=AS_OF,
                    principal=Decimal("700"),
                    interest=Decimal("10"),
                    penalty=Decimal("0"),
                    fees=Decimal("0"),
                )
            ],
        ),
        {
            "as_of": AS_OF,
            "debt": "1000",
            "label": "offer",
            "waived": {"principal": 300},
            "contingent": 0,
            "digits": 2,
        },
    ),
    "tvm.actuarial_apr": lambda: (
        lr.tvm.actuarial_apr,
        ([(-1000.0, 0, 0.0), (1100.0, 1, 0.0)],),
        {"unit_periods_per_year": 12},
    ),
    "apr": lambda: (
        lr.apr,
        ([START, date(2024, 2, 15), date(2024, 3, 15)], [-1000, 520, 520]),
        {"convention": "us"},
    ),
    "tvm.effective_rate": lambda: (lr.tvm.effective_rate, (0.12, 12), {}),
    "tvm.nominal_rate": lambda: (lr.tvm.nominal_rate, (0.12, 12), {}),
    "tvm.irr": lambda: (lr.tvm.irr, ([-10000, 27000, -18200],), {"roots": "all"}),
    "tvm.npv": lambda: (lr.tvm.npv, (0.01, [-1000, 600, 600]), {"first_period": 0}),
    "tvm.pmt": lambda: (lr.tvm.pmt, (0.01, 12, 1000), {"fv": 0, "when": "end"}),
    "tvm.ipmt": lambda: (lr.tvm.ipmt, (0.01, 2, 12, 1000), {"fv": 0, "when": "begin"}),
    "tvm.ppmt": lambda: (lr.tvm.ppmt, (0.01, 2, 12, 1000), {"fv": 0, "when": 1}),
    "tvm.pv": lambda: (lr.tvm.pv, (0.01, 12, -100), {"fv": 0, "when": "end"}),
    "tvm.fv": lambda: (lr.tvm.fv, (0.01, 12, -100, 0), {"when": "end"}),
    "tvm.nper": lambda: (lr.tvm.nper, (0.01, -100, 1000), {"fv": 0, "when": "end"}),
    "tvm.rate": lambda: (lr.tvm.rate, (12, -100, 1000), {"fv": 0, "when": "end", "guess": 0.1}),
    "tvm.mirr": lambda: (lr.tvm.mirr, ([-1000, 300, 400, 500], 0.1, 0.12), {}),
    "tvm.cumipmt": lambda: (lr.tvm.cumipmt, (0.01, 12, 1000, 1, 6), {"when": "end"}),
    "tvm.cumprinc": lambda: (lr.tvm.cumprinc, (0.01, 12, 1000, 1, 6), {"when": "end"}),
    "tvm.term_for_payment": lambda: (lr.tvm.term_for_payment, (_loan(), "1200"), {}),
    "prepay": lambda: (
        lr.prepay,
        (_loan(), "1000", date(2024, 3, 20)),
        {"keep": "payment", "fee": "10", "fee_rate": "0.01"},
    ),
    "extra_payments": lambda: (lr.extra_payments, (_loan(), "100"), {}),
    "tvm.calculator_totals": lambda: (lr.tvm.calculator_totals, (_loan(),), {"extra": "100"}),
    "Statement": lambda: (
        lr.Statement,
        (),
        {
            "as_of": date(2024, 6, 20),
            "outstanding_principal": "8432.10",
            "annual_rate": "0.24",
            "overdue_principal": "1810.00",
            "overdue_interest": "612.00",
            "penalty": "210.40",
            "fees": 150,
            "costs": 0,
            "days_past_due": 97,
            "accrued_interest": "22.07",
            "total": "9426.57",
            "next_due_date": date(2024, 7, 15),
            "remaining_instalments": 8,
            "maturity": date(2025, 2, 15),
            "due_day": 15,
            "payment": "903.98",
            "period_start": date(2024, 6, 15),
            "method": "annuity",
            "frequency": "monthly",
            "day_count": "act/365",
            "interest_basis": "periodic",
            "end_of_month": False,
            "instalment_fee": 0,
            "currency": "CNY",
            "rounding": "half_even",
        },
    ),
    "debts.Debt": lambda: (
        lr.debts.Debt,
        ("platform A", _state()),
        {"relief": lr.FreezeInterest(12), "in_court": True},
    ),
    "debts.plan_debts": lambda: (
        lr.debts.plan_debts,
        ([lr.debts.Debt("A", _state()), lr.debts.Debt("B", _state())], 1500),
        {"strategy": "snowball", "start": AS_OF, "max_months": 24, "discount_rate": "0.05"},
    ),
    "debts.compare_strategies": lambda: (
        lr.debts.compare_strategies,
        ([lr.debts.Debt("A", _state()), lr.debts.Debt("B", _state())], 1500),
        {
            "strategies": ["avalanche", "least_cost"],
            "start": AS_OF,
            "max_months": 24,
            "discount_rate": "0.05",
        },
    ),
    "cards.Card": lambda: (
        lr.cards.Card,
        (),
        {
            "statement_day": 7,
            "due_days": 20,
            "daily_rate": "0.0005",
            "interest_rule": "unpaid_part",
            "periodic_rate": "apr/360",
            "statement_date_counted": True,
            "cash_daily_rate": "0.0006",
            "intro_annual_rate": "0.05",
            "intro_until": date(2024, 12, 31),
            "payment_order": "highest_rate",
            "grace_needs_previous": True,
            "credit_limit": 50000,
            "minimum_share": "0.1",
            "cash_minimum_share": "1",
            "minimum_floor": 10,
            "late_fee_share": "0.05",
            "late_fee_min": 5,
            "late_fee_max": 500,
            "cash_fee_share": "0.01",
            "cash_fee_min": 10,
            "fees_bear_interest": False,
            "currency": "CNY",
            "rounding": "half_up",
        },
    ),
    "cards.CardTransaction": lambda: (
        lr.cards.CardTransaction,
        (date(2024, 3, 8), "200.50"),
        {"kind": "cash"},
    ),
    "cards.card_statements": lambda: (
        lr.cards.card_statements,
        (_card(), [lr.cards.CardTransaction(date(2024, 3, 8), 2000)]),
        {"until": date(2024, 6, 1)},
    ),
    "cards.minimum_payment_horizon": lambda: (
        lr.cards.minimum_payment_horizon,
        (_card(), 3000),
        {"start": date(2024, 4, 7), "payment": 400},
    ),
    "cards.payment_to_repay": lambda: (
        lr.cards.payment_to_repay,
        (_card(), 3000),
        {"start": date(2024, 4, 7), "months": 12},
    ),
    "cards.card_court_view": lambda: (
        lr.cards.card_court_view,
        (_card(), [lr.cards.CardTransaction(date(2024, 3, 8), 2000)]),
        {"until": date(2024, 8, 1), "rule": lr.law.ChinaFinancialLoans(annual_rate="0.2")},
    ),
    "cards.card_from_statement": lambda: (
        lr.cards.card_from_statement,
        (_card(),),
        {
            "statement_date": date(2024, 4, 7),
            "balance": "3050.00",
            "minimum": "350.00",
            "due_date": date(2024, 4, 27),
            "interest": 30,
            "fees": 20,
            "cash": 500,
            "carried": 1000,
            "past_due": 0,
            "transactions": [lr.cards.CardTransaction(date(2024, 4, 20), 100, "payment")],
            "until": date(2024, 6, 1),
        },
    ),
    "cards.card_instalment": lambda: (
        lr.cards.card_instalment,
        (10000, 12, "0.006"),
        {"fee": "upfront", "currency": "CNY"},
    ),
    "Budget": lambda: (
        lr.Budget,
        ("8000",),
        {
            "expenses": "3000",
            "obligations": "500",
            "debt_to_income": "0.43",
            "living_allowance": "2000",
            "currency": "CNY",
        },
    ),
    "tvm.level_payment_apr": lambda: (
        lr.tvm.level_payment_apr,
        (1000, 100, 12),
        {"periods_per_year": 12, "convention": "eu"},
    ),
    "tvm.schedule_flows": lambda: (lr.tvm.schedule_flows, (lr.amortize(_loan()),), {}),
    "tvm.xirr": lambda: (
        lr.tvm.xirr,
        ([START, date(2025, 1, 15)], [-1000, 1100]),
        {"day_count": "act/365", "roots": "nearest"},
    ),
    "tvm.xnpv": lambda: (
        lr.tvm.xnpv,
        (0.1, [START, date(2025, 1, 15)], [-1000, 1100]),
        {"day_count": "act/365"},
    ),
    "Allocation": lambda: (lr.Allocation, (("penalty", "interest", "principal", "fees"),), {}),
    "law.AnnualRateCap": lambda: (lr.law.AnnualRateCap, (), {"annual_rate": "0.24"}),
    "Payment": lambda: (lr.Payment, (START, "100.00"), {}),
    "PenaltyPolicy": lambda: (
        lr.PenaltyPolicy,
        (),
        {"rate_multiplier": "1.5", "late_fee": "20", "grace_days": 3, "day_count": "act/360"},
    ),
    "law.TotalCostCap": lambda: (lr.law.TotalCostCap, (), {"share": 1, "source": "a statute"}),
    "EnforcementCost": lambda: (lr.EnforcementCost, (START, "100.00", "court fee"), {}),
    "law.ChinaPrivateLending": lambda: (
        lr.law.ChinaPrivateLending,
        (),
        {
            "lpr": lr.law.LPRTable.published(),
            "filed": date(2021, 1, 1),
            "benchmark": law.BenchmarkTable.published(),
        },
    ),
    "law.ChinaFinancialLoans": lambda: (lr.law.ChinaFinancialLoans, (), {"annual_rate": "0.24"}),
    "law.UKHighCostShortTerm": lambda: (
        lr.law.UKHighCostShortTerm,
        (),
        {"default_fees": 15, "refinances": law.Refinancing(credit=300, charged=60)},
    ),
    "law.Refinancing": lambda: (law.Refinancing, (), {"credit": 300, "charged": 60}),
    "law.BenchmarkRate": lambda: (law.BenchmarkRate, (date(2012, 7, 6), _FIVE, "PBOC"), {}),
    "law.BenchmarkTable": lambda: (
        law.BenchmarkTable,
        ([law.BenchmarkRate(date(2012, 7, 6), _FIVE)],),
        {"valid_to": date(2013, 1, 1), "version": "test"},
    ),
    "law.term_band": lambda: (law.term_band, (_loan(),), {}),
    "law.china_rule": lambda: (
        lr.law.china_rule,
        ("private",),
        {"filed": date(2021, 1, 1), "benchmark": law.BenchmarkTable.published()},
    ),
    "law.LPRFixing": lambda: (lr.law.LPRFixing, (date(2026, 3, 20), "0.03", "0.035", "NIFC"), {}),
    "law.LPRTable": lambda: (
        lr.law.LPRTable,
        ([lr.law.LPRFixing(date(2019, 8, 20), "0.0425", "0.0485")],),
        {"confirmed_to": date(2019, 9, 19), "version": "test"},
    ),
    "law.Limit": lambda: (lr.law.Limit, (), _LIMIT),
    "law.LegalRule": lambda: (
        lr.law.LegalRule,
        (),
        {
            "name": "test",
            "limits": [lr.law.Limit(**_LIMIT)],
            "excess": "refunded",
            "withheld_is_principal": True,
        },
    ),
    "law.Meter": lambda: (law.Meter, (_limit(), _loan()), {"received": 600000}),
    "law.IOU": lambda: (lr.law.IOU, (date(2021, 1, 1), 100000, "0.36"), {"new_money": 90000}),
    "law.rollover_view": lambda: (
        lr.law.rollover_view,
        (_chain(),),
        {"as_of": date(2022, 6, 1), "rule": lr.law.ChinaPrivateLending(), "day_count": "act/365"},
    ),
    "Origin": lambda: (
        lr.Origin,
        (),
        {
            "made": date(2024, 1, 15),
            "received": 9000,
            "annual_rate": "0.36",
            "term": 12,
            "written": 10000,
            "paid_instalments": 4,
        },
    ),
    "statement_court_view": lambda: (
        lr.statement_court_view,
        (
            _statement(),
            lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12),
        ),
        {"rule": lr.law.ChinaPrivateLending()},
    ),
    "court_view": lambda: (
        lr.court_view,
        (_loan(), [lr.Payment(date(2024, 2, 15), 1000)]),
        {
            "as_of": AS_OF,
            "rule": lr.law.ChinaFinancialLoans(),
            "penalty": lr.PenaltyPolicy(annual_rate="0.5"),
            "allocation": lr.Allocation.PENALTY_FIRST,
            "costs": [lr.EnforcementCost(AS_OF, 100)],
        },
    ),
    "law.Citation": lambda: (
        law.Citation,
        ("{act} art. 25 ({rate})",),
        {"act": law.Citation("an act"), "rate": Fraction(3, 10)},
    ),
    "law.rule_title": lambda: (law.rule_title, (lr.law.ChinaFinancialLoans(),), {}),
    "law.contract_rate_ceiling": lambda: (
        law.contract_rate_ceiling,
        (lr.law.ChinaFinancialLoans(), _loan(), AS_OF),
        {},
    ),
    "CourtAward": lambda: (lr.CourtAward, (date(2024, 9, 1), lr.law.ChinaFinancialLoans()), {}),
    "account_state": lambda: (
        lr.account_state,
        (_loan(), [lr.Payment(date(2024, 2, 15), 1000)]),
        {
            "as_of": AS_OF,
            "penalty": lr.PenaltyPolicy(annual_rate="0.24"),
            "post_on": [AS_OF],
            "rule": lr.law.ChinaPrivateLending(),
            "costs": [lr.EnforcementCost(AS_OF, 100)],
        },
    ),
    "accrue": lambda: (
        lr.accrue,
        ([100000], [0.24], [30]),
        {"day_count": "act/365", "digits": 2, "minor_units": False},
    ),
    "cost_of_delay": lambda: (lr.cost_of_delay, (_state(), [1, 30]), {}),
    "brief": lambda: (
        lr.brief,
        (_state(), [lr.ExtendTerm(3)]),
        {
            "lang": "zh",
            "budget": 900,
            "rule": lr.law.ChinaPrivateLending(),
            "discount_rate": "0.1",
            "recovery_rate": "0.3",
            "recovery_delay": 100,
            "charts": False,
        },
    ),
    "brief_options": lambda: (lr.brief_options, (), {}),
    "lever_label": lambda: (lr.lever_label, (lr.ExtendTerm(3), "zh"), {}),
    "CapitalizeArrears": lambda: (lr.CapitalizeArrears, (), {}),
    "Comparison": lambda: (lr.Comparison, ((lr.evaluate(_state()),), _state()), {}),
    "CureNow": lambda: (lr.CureNow, (), {}),
    "ExtendTerm": lambda: (lr.ExtendTerm, (6,), {}),
    "ForbearPrincipal": lambda: (lr.ForbearPrincipal, (500,), {}),
    "ForgivePrincipal": lambda: (lr.ForgivePrincipal, (500,), {}),
    "FreezeInterest": lambda: (lr.FreezeInterest, (6,), {"reinstate_on_default": True}),
    "InstalmentPlan": lambda: (
        lr.InstalmentPlan,
        (6,),
        {"down_payment": 100, "annual_rate": "0.05"},
    ),
    "PaymentHoliday": lambda: (lr.PaymentHoliday, (2,), {"interest": "capitalize"}),
    "ReduceRate": lambda: (lr.ReduceRate, (), {"annual_rate": "0.1"}),
    "Settlement": lambda: (lr.Settlement, (), {"share": "0.6", "instalments": 2}),
    "Prepay": lambda: (lr.Prepay, ("1000",), {}),
    "StayOverdue": lambda: (lr.StayOverdue, (date(2024, 9, 1),), {}),
    "WaiveFees": lambda: (lr.WaiveFees, (), {"share": 1}),
    "WaiveInterest": lambda: (lr.WaiveInterest, (), {"share": "0.5", "on": "overdue"}),
    "WaivePenalty": lambda: (lr.WaivePenalty, (), {"amount": 10}),
    "compare": lambda: (
        lr.compare,
        (_state(), [lr.ExtendTerm(3)]),
        {"discount_rate": "0.05", "baseline": lr.StayOverdue(date(2024, 9, 1))},
    ),
    "minor.draft_from": lambda: (lr.minor.draft_from, (_state(),), {}),
    "evaluate": lambda: (
        lr.evaluate,
        (_state(), lr.ExtendTerm(3)),
        {"discount_rate": "0.05", "lender_rate": "0.04", "baseline": lr.CureNow()},
    ),
    "lender_npv": lambda: (
        lr.lender_npv,
        (_state(), lr.ExtendTerm(3)),
        {
            "cost_of_funds": "0.05",
            "recovery_rate": "0.4",
            "recovery_delay": 365,
            "redefault_probability": "0.2",
        },
    ),
    "minor.realize": lambda: (
        lr.minor.realize,
        (lr.minor.draft_from(_state()),),
        {"label": "as is"},
    ),
    "solve": lambda: (
        lr.solve,
        (_state(),),
        {
            "max_payment": 800,
            "max_term": 24,
            "rate_step": "0.01",
            "floor_rate": "0.05",
            "max_instalments": 24,
            "down_payment": 100,
            "instalment_rate": "0.06",
            "fee_rate": "0.003",
            "objective": "lender",
        },
    ),
    "waterfall": lambda: (
        lr.waterfall,
        (_state(),),
        {
            "max_term": 24,
            "rate_step": "0.01",
            "max_forbearance": "0.1",
            "max_instalments": 24,
            "down_payment": 100,
            "instalment_rate": "0.06",
            "fee_rate": "0.003",
        },
    ),
    "tvm.add_months": lambda: (lr.tvm.add_months, (START, 1), {"end_of_month": True}),
    "tvm.add_periods": lambda: (lr.tvm.add_periods, (START, 2, "weekly"), {}),
    "tvm.due_dates": lambda: (
        lr.tvm.due_dates,
        (START, 6, "monthly"),
        {"first_due_date": date(2024, 2, 1), "end_of_month": False},
    ),
    "minor.minor_digits": lambda: (lr.minor.minor_digits, ("JPY",), {}),
    "minor.to_major": lambda: (lr.minor.to_major, (12345,), {"digits": 2}),
    # to_minor names the field it is told to: here the parameter's own name.
    "minor.to_minor": lambda: (lr.minor.to_minor, ("123",), {"field": "value", "digits": 2}),
    "tvm.year_fraction": lambda: (lr.tvm.year_fraction, (START, AS_OF, "act/act"), {}),
    "tvm.year_fractions": lambda: (
        lr.tvm.year_fractions,
        (np.datetime64("2024-01-15"), np.array(["2024-06-01"], dtype="datetime64[D]"), "30/360"),
        {},
    ),
    "lr.accrue": lambda: (
        lr.accrue,
        ([100000, 2500], [0.24, 0.36], [30, 61]),
        {"rounding": "half_up"},
    ),
    "batch.amortize_totals": lambda: (
        batch.amortize_totals,
        _BATCH_LOANS,
        {
            "method": "annuity",
            "frequency": "monthly",
            "rounding": "half_even",
            "digits": 2,
            "minor_units": False,
        },
    ),
    "batch.compare_levers": lambda: (
        batch.compare_levers,
        (_portfolio(), [lr.ExtendTerm(3)]),
        {"discount_rate": "0.05", "lender_rate": 0.04, "block_size": 2},
    ),
    "lr.tvm.irr": lambda: (
        lr.tvm.irr,
        ([[-1000, 600, 600], [-10000, 27000, -18200]],),
        {"on_no_solution": "raise", "roots": "all"},
    ),
    "lr.tvm.level_payment_apr": lambda: (
        lr.tvm.level_payment_apr,
        ([1000, 2000], [100, 200], [12, 12]),
        {},
    ),
    "batch.overdue_states": lambda: (batch.overdue_states, (_portfolio(),), {"block_size": 5}),
    "batch.Portfolio": lambda: (
        batch.Portfolio,
        _BATCH_LOANS,
        {
            "start": START,
            "as_of": AS_OF,
            "paid": [1, 0],
            "penalty": lr.PenaltyPolicy(rate_multiplier="1.5"),
            "day_count": "act/360",
            "end_of_month": [False, True],
            "method": "annuity",
            "frequency": "monthly",
            "rounding": "half_even",
            "digits": 2,
            "minor_units": False,
        },
    ),
    "batch.schedules": lambda: (_all_blocks, _BATCH_LOANS, {"block_size": 1}),
    "lr.tvm.xirr": lambda: (
        lr.tvm.xirr,
        ([START, date(2025, 1, 15)], [-1000, 1100]),
        {},
    ),
}

# Methods of the values the library returns.
METHODS: dict[str, Callable[[], Call]] = {
    "Portfolio.from_frame": lambda: (
        batch.Portfolio.from_frame,
        ({"principal": [6000, 3000], "annual_rate": [0.18, 0.12], "term": [6, 6]},),
        {"start": START, "as_of": AS_OF, "method": "annuity"},
    ),
    "Schedule.to_pandas": lambda: (
        lr.amortize(_loan()).to_pandas,
        (),
        {"exact": True, "lang": "zh"},
    ),
    "Comparison.to_text": lambda: (_comparison().to_text, ("zh",), {}),
    "Comparison.to_html": lambda: (_comparison().to_html, ("zh",), {}),
    "Comparison.to_pandas": lambda: (_comparison().to_pandas, (), {"lang": "zh"}),
    "AccountState.on": lambda: (_state().on, (date(2024, 7, 1),), {}),
    "AccountState.to_text": lambda: (_state().to_text, ("zh",), {}),
    "Schedule.to_text": lambda: (lr.amortize(_loan()).to_text, ("zh",), {}),
    "Schedule.to_html": lambda: (lr.amortize(_loan()).to_html, ("zh",), {}),
    "Outcome.to_text": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).to_text, ("zh",), {}),
    "Outcome.to_html": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).to_html, ("zh",), {}),
    "AccountState.to_html": lambda: (_state().to_html, ("zh",), {}),
    "Outcome.label_in": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).label_in, ("zh",), {}),
    "Plan.label_in": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).plan.label_in, ("zh",), {}),
    "Alternative.label_in": lambda: (_alternative().label_in, ("zh",), {}),
    "Alternative.reason_in": lambda: (_alternative().reason_in, ("zh",), {}),
    "Brief.save": lambda: (  # a relative path: in the test's own folder (below)
        lr.brief(_state(), [lr.ExtendTerm(3)], charts=False).save,
        ("brief.md",),
        {},
    ),
    "CardInstalment.repaid_early": lambda: (
        lr.cards.card_instalment(10000, 12, "0.006").repaid_early,
        (3,),
        {"refund": "0.5"},
    ),
    "CardHistory.horizon": lambda: (
        lr.cards.card_from_statement(
            lr.cards.Card(statement_day=7, daily_rate="0.0005", minimum_floor=50),
            statement_date=date(2024, 4, 7),
            balance=3000,
        ).horizon,
        (),
        {"payment": 400},
    ),
    "CardHistory.court_view": lambda: (
        lr.cards.card_from_statement(
            _card(), statement_date=date(2024, 4, 7), balance=3000
        ).court_view,
        (),
        {"until": date(2024, 8, 1), "rule": lr.law.ChinaFinancialLoans(annual_rate="0.2")},
    ),
    "DebtPlan.paid_by": lambda: (
        lr.debts.plan_debts([lr.debts.Debt("A", _state())], 1500).paid_by,
        ("A",),
        {},
    ),
    "DebtPlan.to_text": lambda: (
        lr.debts.plan_debts([lr.debts.Debt("A", _state())], 1500).to_text,
        ("zh",),
        {},
    ),
    "DebtPlan.to_html": lambda: (
        lr.debts.plan_debts([lr.debts.Debt("A", _state())], 1500).to_html,
        ("zh",),
        {},
    ),
    "StrategyComparison.to_text": lambda: (
        lr.debts.compare_strategies([lr.debts.Debt("A", _state())], 1500).to_text,
        ("zh",),
        {},
    ),
    "StrategyComparison.to_html": lambda: (
        lr.debts.compare_strategies([lr.debts.Debt("A", _state())], 1500).to_html,
        ("zh",),
        {},
    ),
    "AccountState.plot": lambda: (_state().plot, (30, 7), {}),
    "Comparison.marginal": lambda: (_comparison().marginal, (1,), {}),
    "Comparison.sort_by": lambda: (_comparison().sort_by, ("total_paid",), {"descending": True}),
    "LeverTable.best": lambda: (
        _table().best,
        ([900, 900],),
        {"upfront": [100, 100], "by": "total_paid", "highest": False},
    ),
    "Loan.replace": lambda: (_loan().replace, (), {"term": 12}),
    "PenaltyPolicy.late_fee_amount": lambda: (
        lr.PenaltyPolicy(late_fee="20").late_fee_amount,
        (1000,),
        {"digits": 2},
    ),
    "CourtView.explain": lambda: (_court().explain, ("zh",), {}),
    "StatementCourtView.explain": lambda: (
        lr.statement_court_view(
            _statement(),
            lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12),
            rule=lr.law.ChinaPrivateLending(),
        ).explain,
        ("zh",),
        {},
    ),
    "RolloverView.explain": lambda: (
        lr.law.rollover_view(_chain(), as_of=date(2022, 6, 1)).explain,
        ("zh",),
        {},
    ),
    "CourtLine.label": lambda: (_court().lines[0].label, ("zh",), {}),
    "CourtLine.cited": lambda: (_court().lines[0].cited, ("zh",), {}),
    "CourtView.to_text": lambda: (_court().to_text, ("zh",), {}),
    "CourtView.line": lambda: (_court().line, ("contract_interest",), {}),
    "CourtView.to_html": lambda: (_court().to_html, ("zh",), {}),
    "Plan.to_text": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).plan.to_text, ("zh",), {}),
    "Plan.to_html": lambda: (lr.evaluate(_state(), lr.ExtendTerm(3)).plan.to_html, ("zh",), {}),
    "Statement.to_text": lambda: (_statement().to_text, ("zh",), {}),
    "Statement.to_html": lambda: (_statement().to_html, ("zh",), {}),
    "Budget.to_text": lambda: (lr.Budget(income=5000, expenses=1000).to_text, ("zh",), {}),
    "Budget.to_html": lambda: (lr.Budget(income=5000, expenses=1000).to_html, ("zh",), {}),
    "Prepayment.to_text": lambda: (
        lr.prepay(_loan(), 1000, date(2024, 4, 15)).to_text,
        ("zh",),
        {},
    ),
    "Prepayment.to_html": lambda: (
        lr.prepay(_loan(), 1000, date(2024, 4, 15)).to_html,
        ("zh",),
        {},
    ),
    "CardHistory.to_text": lambda: (
        lr.cards.card_from_statement(
            _card(), statement_date=date(2024, 4, 7), balance=3000
        ).to_text,
        ("zh",),
        {},
    ),
    "CardHistory.to_html": lambda: (
        lr.cards.card_from_statement(
            _card(), statement_date=date(2024, 4, 7), balance=3000
        ).to_html,
        ("zh",),
        {},
    ),
    "LPRTable.published": lambda: (lr.law.LPRTable.published, (), {}),
    "LPRTable.extended": lambda: (
        lr.law.LPRTable.published().extended,
        ([lr.law.LPRFixing(date(2026, 3, 20), "0.03", "0.035")],),
        {"confirmed_to": date(2026, 4, 1)},
    ),
    "LPRTable.fixing": lambda: (lr.law.LPRTable.published().fixing, (date(2024, 1, 1),), {}),
    "LPRTable.one_year": lambda: (lr.law.LPRTable.published().one_year, (date(2024, 1, 1),), {}),
    "LPRTable.five_year": lambda: (lr.law.LPRTable.published().five_year, (date(2024, 1, 1),), {}),
    "ChinaPrivateLending.limits": lambda: (
        lr.law.ChinaPrivateLending(filed=date(2021, 1, 1)).limits,
        (lr.Loan(6000, "0.3", 6, start=date(2019, 1, 15)), date(2021, 1, 1)),
        {},
    ),
    "ChinaPrivateLending.ceiling": lambda: (lr.law.ChinaPrivateLending().ceiling, (_loan(),), {}),
    "ChinaPrivateLending.opinions_ceiling": lambda: (
        lr.law.ChinaPrivateLending().opinions_ceiling,
        (lr.Loan(6000, "0.3", 12, start=date(2013, 3, 1)),),
        {},
    ),
    "BenchmarkTable.published": lambda: (law.BenchmarkTable.published, (), {}),
    "BenchmarkTable.change": lambda: (
        law.BenchmarkTable.published().change,
        (date(2013, 3, 1),),
        {"field": "on"},
    ),
    "BenchmarkTable.rate": lambda: (
        law.BenchmarkTable.published().rate,
        (date(2013, 3, 1), "up_to_1_year"),
        {"field": "on"},
    ),
    "BenchmarkRate.rate": lambda: (
        law.BenchmarkRate(date(2012, 7, 6), _FIVE).rate,
        ("up_to_3_years",),
        {},
    ),
    "ChinaPrivateLending.recognised": lambda: (
        lr.law.ChinaPrivateLending().recognised,
        (_loan(),),
        {},
    ),
    "UKHighCostShortTerm.limits": lambda: (
        lr.law.UKHighCostShortTerm().limits,
        (_loan(), AS_OF),
        {},
    ),
    "Limit.rate_on": lambda: (_limit().rate_on, (AS_OF,), {"paid": True}),
    "law.Meter.ceiling": lambda: (_meter().ceiling, (AS_OF,), {"ahead": [], "paid": False}),
    "UnitPeriod.of": lambda: (lr.tvm.UnitPeriod.of, ("monthly",), {}),
    "UnitPeriod.span": lambda: (lr.tvm.UnitPeriod(1, 0).span, (START, AS_OF), {}),
}

# Values the library makes and returns (its results), not inputs: their constructors
# take already-validated parts from the engines. Their methods are fuzzed above.
RESULTS = {
    "AccountState",
    "tvm.CalculatorTotals",
    "Brief",
    "cards.CardHistory",
    "cards.CardInstalment",
    "cards.CardStatement",
    "cards.EarlyRepayment",
    "cards.Horizon",
    "debts.DebtOffer",
    "debts.DebtPlan",
    "debts.StrategyComparison",
    "Alternative",
    "CourtLine",
    "CourtView",
    "law.RolloverView",
    "law.RolloverLine",
    "StatementCourtView",
    "DelayCost",
    "minor.Draft",
    "minor.Parts",
    "minor.Workout",
    "Instalment",
    "InstalmentStatus",
    "LedgerEntry",
    "LenderView",
    "Outcome",
    "PlanRow",
    "Prepayment",
    "Schedule",
    "batch.LeverTable",
    "batch.ScheduleBlock",
}

# Protocols, not classes to call.
PROTOCOLS = {"Lever", "law.Rule"}

# Methods with no argument a user passes, and the draft's helpers for lever authors
# (they take minor units and the field name to report, from a lever's own checks).
_NO_USER_ARGUMENTS = {
    "plot",
    "payoff_lines",
    "to_pandas",
    "flows",
    "amounts_minor",
    "minor",
    "waive",
    "to_statement",
    "account",
}
_NO_USER_ARGUMENTS |= {"with_changes", "check", "portion", "annuity_interest", "periods_for"}
_NO_USER_ARGUMENTS |= {"from_minor", "replace", "plus", "items", "zeros"}  # engine parts


# The public namespaces beside the face, by the prefix their names take here.
NAMESPACES = {
    "tvm": lr.tvm,
    "cards": lr.cards,
    "debts": lr.debts,
    "law": law,
    "batch": batch,
    "minor": lr.minor,
    "i18n": i18n,
}


def _exported() -> Iterator[tuple[str, Any]]:
    for name in lr.__all__:
        yield name, getattr(lr, name)
    for prefix, module in NAMESPACES.items():
        for name in module.__all__:
            yield f"{prefix}.{name}", getattr(module, name)


def _named(name: str) -> Any:
    """The exported value called ``name`` (``tvm.X``, ``law.X``... in their namespaces)."""
    prefix, _, short = name.rpartition(".")
    return getattr(NAMESPACES[prefix] if prefix else lr, short)


def _kind(value: Any) -> str:
    if inspect.ismodule(value) or not callable(value):
        return "data"
    if inspect.isclass(value) and issubclass(value, BaseException):
        return "error"
    if inspect.isclass(value) and issubclass(value, Enum):
        return "enum"
    return "callable"


ENUMS = sorted(name for name, value in _exported() if _kind(value) == "enum")


def test_every_exported_name_is_fuzzed() -> None:
    """Each exported callable has a valid call here, or is a result type or protocol."""
    missing = [
        name
        for name, value in _exported()
        if _kind(value) == "callable" and name not in CALLS | dict.fromkeys(RESULTS | PROTOCOLS)
    ]
    assert not missing, f"add a valid call to tests/test_fuzz.py for {missing}"
    for name in RESULTS:  # each result type has its methods fuzzed, if it has any
        cls = _named(name)
        public = [m for m, _ in inspect.getmembers(cls, inspect.isfunction) if m[0] != "_"]
        for method in public:
            owner = cls.__name__
            if method in _NO_USER_ARGUMENTS:
                continue
            assert f"{owner}.{method}" in METHODS, f"add {owner}.{method} to METHODS"


@pytest.mark.parametrize("name", ENUMS)
def test_enums_refuse_unknown_values(name: str) -> None:
    """An option enum called with an unknown value raises a LoanReliefError."""
    kind = _named(name)
    first = next(iter(kind))
    assert kind(first.value) is first
    for bad in ("", "bogus", None, 5):
        with pytest.raises(lr.LoanReliefError):
            kind(bad)


def _parameters(call: Call) -> Iterator[tuple[str, Call]]:
    """Yield (parameter name, call) with that one parameter replaced by each bad value."""
    for name, bad_call, _, _ in _replaced(call):
        yield name, bad_call


def _replaced(call: Call) -> Iterator[tuple[str, Call, Any, Any]]:
    """Yield (parameter name, call, the valid value replaced, the bad value), for each."""
    function, args, kwargs = call
    try:
        signature = inspect.signature(function)
        names = [
            p.name
            for p in signature.parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        var = next(
            (p.name for p in signature.parameters.values() if p.kind is p.VAR_POSITIONAL), None
        )
    except (TypeError, ValueError):
        names, var = [], None
    for k in range(len(args)):
        name = names[k] if k < len(names) else (var or f"args[{k}]")
        for bad in BAD:
            yield name, (function, (*args[:k], bad, *args[k + 1 :]), kwargs), args[k], bad
    for key in kwargs:
        for bad in BAD:
            yield key, (function, args, {**kwargs, key: bad}), kwargs[key], bad


def _is_date(value: Any) -> bool:
    """Whether a valid value is a date, or dates (a datetime64 array, a list of dates)."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind == "M"
    if isinstance(value, list | tuple) and value:
        return all(isinstance(v, date) for v in value)
    return isinstance(value, date | np.datetime64)


def _one_of(value: Any, group: tuple[Any, ...]) -> bool:
    """Whether ``value`` is one of ``group`` (by identity: arrays do not compare)."""
    return any(value is member for member in group)


def _strict(bad: Any, valid: Any, call: Call) -> str | None:
    """What a bad value must give beyond a valid answer or an error naming some argument.

    ``"refuse"``: a masked value where data is due (numbers, arrays, dates: not a
    label or a value a text shows), or a non-date where a date is due, is an error,
    never an answer. ``"name"``: an array of another length beside two or more arrays of
    one length is an error naming this parameter (not the array after it).
    """
    function, _, _ = call
    data = isinstance(valid, int | float | Decimal | np.ndarray | np.generic | list | tuple)
    data = data and not isinstance(valid, bool) and function is not i18n.translate  # text
    if (data and _one_of(bad, MASKED)) or (_is_date(valid) and _one_of(bad, NOT_DATES)):
        return "refuse"
    _, args, kwargs = call
    lengths = [len(v) for v in (*args, *kwargs.values()) if isinstance(v, list | np.ndarray)]
    # An odd one out: its valid value's length shared by two other arrays at least.
    odd = _one_of(bad, OTHER_LENGTHS) and np.ndim(valid) == 1 and len(bad) != len(valid)
    return "name" if odd and lengths.count(len(valid)) >= 3 else None


def _finite(value: Any, depth: int = 0) -> bool:
    """Whether a result holds no NaN or infinity (looking into containers a little)."""
    if depth > 3:
        return True
    if isinstance(value, float | np.floating):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return bool(np.all(np.isfinite(value)))
    if isinstance(value, dict):
        return all(_finite(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite(v, depth + 1) for v in value[:50])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a value's fields
        return all(_finite(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    return True


class _SlowError(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _SlowError


def _check(label: str, parameter: str, call: Call, strict: str | None = None) -> str | None:
    """Run one call; return a description of what went wrong, or None."""
    function, args, kwargs = call
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        result = function(*args, **kwargs)
    except lr.LoanReliefError as error:
        root = error.field.split("[")[0].split(".")[0]
        named = parameter.split("[", maxsplit=1)[0] in (root, error.field)
        # Terms that do not fit together, or flows with no rate, may name another
        # argument of the same call: the fault is in the combination.
        combination = isinstance(error, lr.InvalidTermsError | lr.NoSolutionError)
        if strict == "name":
            combination = False
        if not named and not (combination and root in _names(call)):
            return f"{label}({parameter}=...) names {error.field!r}: {error}"
        return None
    except _SlowError:
        return f"{label}({parameter}=...) took more than {SECONDS} s"
    except Exception as error:
        return f"{label}({parameter}=...) raised {type(error).__name__}: {error}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    try:
        shown = repr(result)  # a value made is a value that can be shown
    except Exception as error:  # any exception is the finding
        return f"{label}({parameter}=...) made a value whose repr raises {error!r}"
    if not _finite(result):
        return f"{label}({parameter}=...) returned a NaN or infinity: {shown:.200}"
    if strict == "refuse":
        return f"{label}({parameter}=...) answered instead of refusing: {shown:.200}"
    return None


def _names(call: Call) -> set[str]:
    """The names of the parameters a call can take."""
    function, _, _ = call
    try:
        names = set(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return set()
    owner = getattr(function, "__self__", None)
    if inspect.isclass(owner):  # a constructor (``from_frame``) passing options on
        names |= set(inspect.signature(owner).parameters)
    return names


def _bad_value(call: Call, parameter: str) -> str:
    _, args, kwargs = call
    return repr(kwargs.get(parameter, args))[:120]


@pytest.mark.parametrize("name", sorted(CALLS | METHODS))
def test_bad_input_gives_a_valid_answer_or_a_clear_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every parameter, replaced by a bad value, gives a valid result or a named error.

    Beyond that: a masked value, or a non-date in place of a date, is refused; an
    array of another length than those beside it is named. (In a directory of its
    own: a path such as ``Brief.save("abc")`` is written there.)
    """
    monkeypatch.chdir(tmp_path)
    builder = CALLS.get(name) or METHODS[name]
    call = builder()
    function, args, kwargs = call
    function(*args, **kwargs)  # the valid call itself works
    problems = []
    for parameter, bad_call, valid, bad in _replaced(call):
        problem = _check(name, parameter, bad_call, _strict(bad, valid, call))
        if problem:
            problems.append(f"{problem}  [with {_bad_value(bad_call, parameter)}]")
    assert not problems, "\n".join(problems[:25]) + f"\n({len(problems)} in all)"


# Iterables read once ---------------------------------------------------------------------
# Each parameter that takes a sequence, given a one-shot iterator instead (a generator,
# map(), iter(...)), must give the result of the list: read once at the entry, as a
# tuple (court_view once read ``costs`` for the contract's replay only, and claimed
# less than the rule allowed: issue 29). The valid calls above give the lists; these
# give the sequences they leave out, and packages of levers as iterators.
ITERABLE_CALLS: dict[str, Callable[[], Call]] = {
    "Statement.instalments": lambda: (
        lr.Statement,
        (),
        {
            "as_of": date(2024, 6, 20),
            "outstanding_principal": "1000",
            "annual_rate": "0.12",
            "overdue_principal": 0,
            "overdue_interest": 0,
            "penalty": 0,
            "fees": 0,
            "days_past_due": 0,
            "instalments": [(date(2024, 7, 15), "500", "10"), (date(2024, 8, 15), "500", "5")],
        },
    ),
    "Debt.relief": lambda: (lr.debts.Debt, ("A", _state()), {"relief": [lr.ExtendTerm(3)]}),
    "solve.steps": lambda: (lr.solve, (_state(),), {"max_payment": 900, "steps": ["term"]}),
    "waterfall.steps": lambda: (lr.waterfall, (_state(),), {"steps": ["capitalize", "term"]}),
    "Limit.paid_rate": lambda: (lr.law.Limit, (), {**_LIMIT, "paid_rate": [(START, "0.36")]}),
    "UnitPeriod.spans": lambda: (
        lr.tvm.UnitPeriod(1, 0).spans,
        (START, [date(2024, 2, 15), date(2024, 3, 15)]),
        {},
    ),
    "year_fractions": lambda: (
        lr.tvm.year_fractions,
        ([START, AS_OF], [AS_OF, date(2024, 12, 31)], "act/365"),
        {},
    ),
    "pmt.rate": lambda: (lr.tvm.pmt, ([0.01, 0.02], 12, 1000), {}),
    "compare.package": lambda: (
        lr.compare,
        (_state(), [[lr.ExtendTerm(3), lr.WaivePenalty(share=1)]]),
        {},
    ),
}


def _package(value: Any) -> bool:
    """Whether ``value`` is a package of levers given as a list (an option of several)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, lr.Lever) for v in value)


def _as_iterators(call: Call) -> Iterator[tuple[str, Call]]:
    """Yield (parameter, call) with one list or tuple argument (or package) as an iterator."""
    function, args, kwargs = call
    for k, value in enumerate(args):
        if isinstance(value, list | tuple):
            packages = [iter(v) if _package(v) else v for v in value]
            yield f"args[{k}]", (function, (*args[:k], iter(packages), *args[k + 1 :]), kwargs)
    for key, value in kwargs.items():
        if isinstance(value, list | tuple):
            yield key, (function, args, {**kwargs, key: iter(value)})


def _fingerprint(value: Any, depth: int = 0) -> Any:
    """A comparable picture of a result: its fields, columns and items, recursively."""
    if depth > 8:
        return type(value).__name__
    deeper = functools.partial(_fingerprint, depth=depth + 1)
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, deeper(value.tolist()))
    if isinstance(value, float):
        return "nan" if math.isnan(value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (
            type(value).__name__,
            *(deeper(getattr(value, f.name)) for f in fields if f.compare),
        )
    if isinstance(value, dict | MappingProxyType):
        return tuple(sorted((str(k), deeper(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(deeper(v) for v in value)
    slots = [s for cls in type(value).__mro__ for s in getattr(cls, "__slots__", ())]
    if slots and not isinstance(value, Enum):
        return (type(value).__name__, *(deeper(getattr(value, s, None)) for s in slots))
    if callable(value):
        return type(value).__name__
    return repr(value)


_WITH_SEQUENCES = sorted(
    name
    for name, builder in (CALLS | METHODS | ITERABLE_CALLS).items()
    if any(True for _ in _as_iterators(builder()))
)


@pytest.mark.parametrize("name", _WITH_SEQUENCES)
def test_an_iterable_is_read_once(name: str) -> None:
    """A one-shot iterator in place of each list gives the list's result, to the last field."""
    builder = (CALLS | METHODS | ITERABLE_CALLS)[name]
    function, args, kwargs = builder()
    expected = _fingerprint(function(*args, **kwargs))
    for parameter, call in _as_iterators(builder()):  # fresh arguments for each
        function, args, kwargs = call
        assert _fingerprint(function(*args, **kwargs)) == expected, (
            f"{name}({parameter}=iter(...))"
        )
