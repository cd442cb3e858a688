"""loanrelief: exact repayment math for loans, overdue accounts and relief options.

Money goes in and comes out in major units (``Decimal`` out); inside, every amount is
an integer of the currency's minor unit and every rounding is explicit.

Examples
--------
>>> from datetime import date
>>> import loanrelief as lr
>>> schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15)))
>>> schedule.regular_payment, schedule.total_interest
(Decimal('2496.21'), Decimal('9908.92'))
"""

# Subpackages and modules reached as attributes (``lr.batch``, ``lr.law``, ``lr.plot``),
# not names of ``__all__``: a star import brings functions and values, not modules.
from loanrelief import batch as batch
from loanrelief import cards as cards
from loanrelief import law as law
from loanrelief import minor as minor
from loanrelief._foundations.dates import Frequency, add_months, add_periods, due_dates
from loanrelief._foundations.daycount import DayCount, year_fraction, year_fractions
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    LoanReliefError,
    MissingDependencyError,
    NoSolutionError,
)
from loanrelief._foundations.money import RoundingMode, minor_digits, to_major, to_minor
from loanrelief._ledger.account import (
    AccountState,
    Bucket,
    DelayCost,
    EnforcementCost,
    InstallmentStatus,
    LedgerEntry,
    Payment,
    account_state,
    cost_of_delay,
)
from loanrelief._ledger.allocation import Across, Allocation, Component, Surplus
from loanrelief._ledger.court import CourtLine, CourtView, court_view
from loanrelief._ledger.penalty import (
    GraceFrom,
    PenaltyBase,
    PenaltyPolicy,
    accrue,
)
from loanrelief._ledger.prepayment import (
    CalculatorTotals,
    Keep,
    Prepayment,
    calculator_totals,
    extra_payments,
    prepay,
)
from loanrelief._ledger.replay import Accrual, EntryKind
from loanrelief._ledger.stated import Origin, StatementCourtView, statement_court_view
from loanrelief._ledger.statement import Statement
from loanrelief._loans import amortization as amortization
from loanrelief._loans.amortization import amortize, period_rates, rule_of_78s_rebate
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
from loanrelief._loans.cashflows import (
    OnNoSolution,
    RootChoice,
    effective_rate,
    irr,
    nominal_rate,
    npv,
    xirr,
    xnpv,
)
from loanrelief._loans.plan import Plan, PlanRow
from loanrelief._loans.schedule import Installment, Schedule
from loanrelief._loans.terms import Grace, InterestBasis, Loan, Method, OddDays
from loanrelief._loans.truecost import (
    AprConvention,
    UnitPeriod,
    actuarial_apr,
    apr,
    level_payment_apr,
    schedule_flows,
)
from loanrelief._presentation import plot as plot
from loanrelief._presentation.briefs import Brief, brief, brief_options
from loanrelief._presentation.i18n import Language
from loanrelief._relief.budget import Budget
from loanrelief._relief.debts import (
    Debt,
    DebtOffer,
    DebtPlan,
    Strategy,
    StrategyComparison,
    compare_strategies,
    plan_debts,
)
from loanrelief._relief.evaluation import (
    Alternative,
    Comparison,
    CourtAward,
    CureNow,
    Outcome,
    StayOverdue,
    compare,
    evaluate,
)
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    ForgivePrincipal,
    FreezeInterest,
    HolidayInterest,
    InstallmentPlan,
    Lever,
    PaymentHoliday,
    Prepay,
    ReduceRate,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaiveOn,
    WaivePenalty,
    lever_label,
)
from loanrelief._relief.negotiation import (
    LenderView,
    Objective,
    WaterfallStep,
    lender_npv,
    solve,
    waterfall,
)
from loanrelief.cards._cards import (
    Card,
    CardCourtView,
    CardHistory,
    CardInstalment,
    CardStatement,
    CardTransaction,
    EarlyRepayment,
    Horizon,
    InterestRule,
    MinimumRule,
    PaymentOrder,
    PeriodicRate,
    TransactionKind,
    card_court_view,
    card_from_statement,
    card_instalment,
    card_statements,
    minimum_payment_horizon,
    payment_to_repay,
)
from loanrelief.law import (
    IOU,
    AnnualRateCap,
    Charge,
    ChinaFinancialLoans,
    ChinaLender,
    ChinaPrivateLending,
    FinancialMeasure,
    LegalRule,
    Limit,
    LPRFixing,
    LPRTable,
    RolloverView,
    Rule,
    TotalCostCap,
    UKHighCostShortTerm,
    china_rule,
    rollover_view,
)

__version__ = "0.1.0"

__all__ = [
    "PaymentOrder",
    "card_court_view",
    "card_from_statement",
    "CardCourtView",
    "EarlyRepayment",
    "payment_to_repay",
    "minimum_payment_horizon",
    "card_statements",
    "card_instalment",
    "TransactionKind",
    "PeriodicRate",
    "InterestRule",
    "MinimumRule",
    "Horizon",
    "CardTransaction",
    "CardStatement",
    "CardInstalment",
    "CardHistory",
    "Card",
    "plan_debts",
    "compare_strategies",
    "StrategyComparison",
    "Strategy",
    "DebtOffer",
    "DebtPlan",
    "Debt",
    # Errors
    "InvalidTermsError",
    "InvalidTypeError",
    "InvalidValueError",
    "LoanReliefError",
    "MissingDependencyError",
    "NoSolutionError",
    # Loan terms and their options
    "DayCount",
    "Frequency",
    "Grace",
    "InterestBasis",
    "Loan",
    "Method",
    "OddDays",
    "RoundingMode",
    # Schedules
    "Installment",
    "Schedule",
    "Statement",
    "amortize",
    "period_rates",
    "rule_of_78s_rebate",
    # True cost: present value, IRR and APR
    "AprConvention",
    "OnNoSolution",
    "RootChoice",
    "UnitPeriod",
    "actuarial_apr",
    "apr",
    "effective_rate",
    "irr",
    "level_payment_apr",
    "nominal_rate",
    "npv",
    "schedule_flows",
    "xirr",
    "xnpv",
    # The calculators (numpy-financial's and the spreadsheets'), and a term for a payment
    "When",
    "cumipmt",
    "cumprinc",
    "fv",
    "ipmt",
    "mirr",
    "nper",
    "pmt",
    "ppmt",
    "pv",
    "rate",
    "term_for_payment",
    # What a borrower can pay
    "Alternative",
    "Budget",
    # Prepayments that re-amortize
    "CalculatorTotals",
    "Keep",
    "Prepayment",
    "calculator_totals",
    "extra_payments",
    "prepay",
    # Overdue: penalty, allocation and the state of an account
    "AccountState",
    "Accrual",
    "Across",
    "Allocation",
    "AnnualRateCap",
    "Bucket",
    "Component",
    "DelayCost",
    "EnforcementCost",
    "EntryKind",
    "GraceFrom",
    "InstallmentStatus",
    "LedgerEntry",
    "Payment",
    "PenaltyBase",
    "PenaltyPolicy",
    "Surplus",
    "TotalCostCap",
    "account_state",
    "accrue",
    "cost_of_delay",
    # What the law allows: rules, the LPR and the court view
    "Charge",
    "ChinaFinancialLoans",
    "ChinaLender",
    "ChinaPrivateLending",
    "FinancialMeasure",
    "IOU",
    "LPRFixing",
    "LPRTable",
    "LegalRule",
    "Limit",
    "RolloverView",
    "Rule",
    "UKHighCostShortTerm",
    "china_rule",
    "rollover_view",
    "Origin",
    "StatementCourtView",
    "statement_court_view",
    "CourtAward",
    "CourtLine",
    "CourtView",
    "Language",
    "Brief",
    "brief",
    "brief_options",
    "court_view",
    # Negotiation: levers, plans, evaluation, comparison and solving
    "CapitalizeArrears",
    "Comparison",
    "CureNow",
    "ExtendTerm",
    "ForbearPrincipal",
    "ForgivePrincipal",
    "FreezeInterest",
    "HolidayInterest",
    "InstallmentPlan",
    "LenderView",
    "Objective",
    "Lever",
    "Outcome",
    "PaymentHoliday",
    "Prepay",
    "Plan",
    "PlanRow",
    "ReduceRate",
    "Settlement",
    "StayOverdue",
    "WaiveFees",
    "WaiveInterest",
    "WaiveOn",
    "WaivePenalty",
    "lever_label",
    "compare",
    "evaluate",
    "lender_npv",
    "solve",
    "waterfall",
    "WaterfallStep",
    # Money, dates and day counts
    "add_months",
    "add_periods",
    "due_dates",
    "minor_digits",
    "to_major",
    "to_minor",
    "year_fraction",
    "year_fractions",
    "__version__",
]
