"""What the law allows: legal rules as values, the LPR table, and the rules shipped.

See :mod:`loanrelief.law.rules` for the protocol (:class:`Rule`, :class:`Limit`),
:mod:`loanrelief.law.china` and :mod:`loanrelief.law.uk` for the jurisdictions, and
:mod:`loanrelief.law.lpr` for China's Loan Prime Rate and :mod:`loanrelief.law.benchmark`
for the People's Bank of China benchmark lending rates it replaced.
"""

from loanrelief.law.benchmark import (
    BENCHMARK_START,
    BenchmarkRate,
    BenchmarkTable,
    TermBand,
    term_band,
)
from loanrelief.law.china import (
    PROVISIONS_2015,
    REFORM_DATE,
    ChinaFinancialLoans,
    ChinaLender,
    ChinaPrivateLending,
    FinancialMeasure,
    china_rule,
)
from loanrelief.law.lpr import LPR_START, LPRFixing, LPRTable
from loanrelief.law.rollover import IOU, RolloverLine, RolloverView, rollover_view
from loanrelief.law.rules import (
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
)
from loanrelief.law.uk import Refinancing, UKHighCostShortTerm

__all__ = [
    "BENCHMARK_START",
    "LPR_START",
    "PROVISIONS_2015",
    "REFORM_DATE",
    "AnnualRateCap",
    "Base",
    "BenchmarkRate",
    "BenchmarkTable",
    "Charge",
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
    "term_band",
]
