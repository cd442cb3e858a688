"""The time value of money: present values, rates of return, the calculators, dates.

The functions a spreadsheet or numpy-financial offers, in the same argument order and
sign convention, and the rates, dates and day counts beneath a schedule:

- present and future values: :func:`npv`, :func:`xnpv`, :func:`pv`, :func:`fv`;
- rates of return: :func:`irr`, :func:`xirr`, :func:`mirr`, :func:`rate`, with the
  choice of root (:class:`RootChoice`) and what to do without one (:class:`OnNoSolution`);
- payments and terms: :func:`pmt`, :func:`ipmt`, :func:`ppmt`, :func:`nper`,
  :func:`cumipmt`, :func:`cumprinc` (``when`` is a :class:`When`), and
  :func:`term_for_payment`, the shortest term of a loan for a payment;
- annual rates: :func:`effective_rate`, :func:`nominal_rate`; the APR's engines
  :func:`actuarial_apr` (per :class:`UnitPeriod`) and :func:`level_payment_apr`, and a
  schedule's flows (:func:`schedule_flows`) for :func:`loanrelief.apr`;
- a loan's exact period rates (:func:`period_rates`), a Rule of 78s rebate
  (:func:`rule_of_78s_rebate`) and a calculator's totals (:func:`calculator_totals`,
  :class:`CalculatorTotals`);
- dates and day counts: :func:`add_months`, :func:`add_periods`, :func:`due_dates`,
  :func:`year_fraction`, :func:`year_fractions`.

Examples
--------
>>> from loanrelief import tvm
>>> round(tvm.pmt(0.01, 12, 10000), 2)  # 10,000 over 12 months at 1 % a month
-888.49
>>> round(tvm.effective_rate("0.12", 12), 6)  # 12 % compounded monthly
0.126825
"""

from loanrelief._foundations.dates import add_months, add_periods, due_dates
from loanrelief._foundations.daycount import year_fraction, year_fractions
from loanrelief._ledger.prepayment import CalculatorTotals, calculator_totals
from loanrelief._loans.amortization import period_rates, rule_of_78s_rebate
from loanrelief._loans.apr_units import UnitPeriod
from loanrelief._loans.calculators import (
    When,
    cumipmt,
    cumprinc,
    fv,
    ipmt,
    mirr,
    nper,
    pmt,
    ppmt,
    pv,
    rate,
    term_for_payment,
)
from loanrelief._loans.cashflows import effective_rate, irr, nominal_rate, npv, xirr, xnpv
from loanrelief._loans.rate_solving import OnNoSolution, RootChoice
from loanrelief._loans.truecost import actuarial_apr, level_payment_apr, schedule_flows

__all__ = [
    # Present and future values
    "fv",
    "npv",
    "pv",
    "xnpv",
    # Rates of return, and the choice of root
    "OnNoSolution",
    "RootChoice",
    "irr",
    "mirr",
    "rate",
    "xirr",
    # Payments and terms
    "When",
    "cumipmt",
    "cumprinc",
    "ipmt",
    "nper",
    "pmt",
    "ppmt",
    "term_for_payment",
    # Annual rates, the APR's engines and a schedule's flows
    "UnitPeriod",
    "actuarial_apr",
    "effective_rate",
    "level_payment_apr",
    "nominal_rate",
    "schedule_flows",
    # A loan's period rates, a Rule of 78s rebate, a calculator's totals
    "CalculatorTotals",
    "calculator_totals",
    "period_rates",
    "rule_of_78s_rebate",
    # Dates and day counts
    "add_months",
    "add_periods",
    "due_dates",
    "year_fraction",
    "year_fractions",
]
