"""What the law allows: legal rules as values, the LPR table, and the rules shipped.

The protocol (:class:`Rule`, :class:`Limit`, :class:`Meter`), the jurisdictions
(:class:`ChinaPrivateLending`, :class:`ChinaFinancialLoans`, :class:`UKHighCostShortTerm`,
the plain caps), China's Loan Prime Rate (:class:`LPRTable`) and the People's Bank of
China benchmark lending rates it replaced (:class:`BenchmarkTable`), and a chain of
rolled-over IOUs (:func:`rollover_view`). A rule is passed to
:func:`loanrelief.court_view`, :func:`loanrelief.account_state` and the briefs, which
live on the face.

Examples
--------
>>> from datetime import date
>>> import loanrelief as lr
>>> from loanrelief import law
>>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
>>> cap = law.AnnualRateCap(annual_rate="0.24")
>>> view = lr.court_view(loan, as_of=date(2024, 7, 1), rule=cap)
>>> view.payoff, view.enforceable_payoff
(Decimal('11218.94'), Decimal('11199.39'))
"""

from loanrelief.law._benchmark import (
    BENCHMARK_START,
    BenchmarkRate,
    BenchmarkTable,
    TermBand,
    term_band,
)
from loanrelief.law._china import (
    PROVISIONS_2015,
    REFORM_DATE,
    ChinaFinancialLoans,
    ChinaLender,
    ChinaPrivateLending,
    FinancialMeasure,
    china_rule,
)
from loanrelief.law._cite import Citation
from loanrelief.law._lpr import LPR_START, LPRFixing, LPRTable
from loanrelief.law._rollover import IOU, RolloverLine, RolloverView, rollover_view
from loanrelief.law._rules import (
    ALL_CHARGES,
    AnnualRateCap,
    Base,
    Charge,
    Excess,
    LegalRule,
    Limit,
    Meter,
    Rule,
    Span,
    TotalCostCap,
    contract_rate_ceiling,
    rule_title,
)
from loanrelief.law._uk import Refinancing, UKHighCostShortTerm

__all__ = [
    "ALL_CHARGES",
    "BENCHMARK_START",
    "LPR_START",
    "PROVISIONS_2015",
    "REFORM_DATE",
    "AnnualRateCap",
    "Base",
    "BenchmarkRate",
    "BenchmarkTable",
    "Charge",
    "Citation",
    "ChinaFinancialLoans",
    "ChinaLender",
    "ChinaPrivateLending",
    "Excess",
    "FinancialMeasure",
    "IOU",
    "LPRFixing",
    "LPRTable",
    "LegalRule",
    "Limit",
    "Meter",
    "Refinancing",
    "RolloverLine",
    "RolloverView",
    "Rule",
    "Span",
    "TermBand",
    "TotalCostCap",
    "UKHighCostShortTerm",
    "china_rule",
    "contract_rate_ceiling",
    "rollover_view",
    "rule_title",
    "term_band",
]
