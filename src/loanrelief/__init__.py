"""loanrelief: exact repayment math for loans, overdue accounts and relief options.

Money goes in and comes out in major units (``Decimal`` out); inside, every amount is
an integer of the currency's minor unit and every rounding is explicit.

``loanrelief`` itself holds what a notebook user types for one loan or one overdue
account: the loan and its options, the schedule, the state of an account and its
penalty, the court view, the levers, comparing and solving, the brief, the APR and the
errors. The rest lives in namespaces, reached as attributes:

- :mod:`loanrelief.tvm`: present values, IRR and XIRR, the spreadsheet calculators
  (``pmt``, ``nper``, ``rate``...), annual rates, dates and day counts;
- :mod:`loanrelief.law`: the legal rules (``law.ChinaPrivateLending``,
  ``law.UKHighCostShortTerm``, the caps), the LPR and benchmark tables, rollovers;
- :mod:`loanrelief.cards`: credit cards, their statements, instalments and ledger;
- :mod:`loanrelief.debts`: several debts under one budget, and the strategies;
- :mod:`loanrelief.batch`: the same math over arrays of loans;
- :mod:`loanrelief.minor`: the engine in integer minor units, for a lever of one's own;
- :mod:`loanrelief.dask` (imported by name, needs dask): the batch kernels on frames.

Examples
--------
>>> from datetime import date
>>> import loanrelief as lr
>>> schedule = lr.amortize(lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15)))
>>> schedule.regular_payment, schedule.total_interest
(Decimal('2496.21'), Decimal('9908.92'))
>>> round(lr.tvm.xirr([date(2024, 1, 1), date(2025, 1, 1)], [-1000, 1100]), 4)
0.0997
"""

# Namespaces reached as attributes (``lr.tvm``, ``lr.law``...), not names of ``__all__``:
# a star import brings functions and values, not modules.
from loanrelief import batch as batch
from loanrelief import cards as cards
from loanrelief import debts as debts
from loanrelief import law as law
from loanrelief import minor as minor
from loanrelief import tvm as tvm
from loanrelief._foundations.dates import Frequency
from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.errors import (
    InvalidTermsError,
    InvalidTypeError,
    InvalidValueError,
    LoanReliefError,
    MissingDependencyError,
    NoSolutionError,
)
from loanrelief._foundations.money import RoundingMode
from loanrelief._ledger.account import (
    AccountState,
    DelayCost,
    LedgerEntry,
    account_state,
    cost_of_delay,
)
from loanrelief._ledger.allocation import Across, Allocation, Component, Surplus
from loanrelief._ledger.court import CourtLine, CourtView, court_view
from loanrelief._ledger.inputs import EnforcementCost, Payment
from loanrelief._ledger.instalments import Bucket, InstalmentStatus
from loanrelief._ledger.penalty import GraceFrom, PenaltyBase, PenaltyPolicy, accrue
from loanrelief._ledger.prepayment import Keep, Prepayment, extra_payments, prepay
from loanrelief._ledger.replay import Accrual, EntryKind
from loanrelief._ledger.stated import Origin, StatementCourtView, statement_court_view
from loanrelief._ledger.statement import Statement
from loanrelief._loans.amortization import amortize
from loanrelief._loans.apr_units import AprConvention
from loanrelief._loans.plan import Plan, PlanRow
from loanrelief._loans.schedule import Instalment, Schedule
from loanrelief._loans.terms import Grace, InterestBasis, Loan, Method, OddDays
from loanrelief._loans.truecost import apr
from loanrelief._presentation.briefs import Brief, brief, brief_options
from loanrelief._presentation.i18n import Language
from loanrelief._relief.budget import Budget
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
    InstalmentPlan,
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

__version__ = "0.1.0"

__all__ = [
    # Errors: every bad input raises a LoanReliefError naming the parameter
    "InvalidTermsError",
    "InvalidTypeError",
    "InvalidValueError",
    "LoanReliefError",
    "MissingDependencyError",
    "NoSolutionError",
    # A loan's terms and their options
    "DayCount",
    "Frequency",
    "Grace",
    "InterestBasis",
    "Loan",
    "Method",
    "OddDays",
    "RoundingMode",
    # Its schedule, a lender's statement, and its true cost
    "AprConvention",
    "Instalment",
    "Schedule",
    "Statement",
    "amortize",
    "apr",
    # Prepayments that re-amortize
    "Keep",
    "Prepayment",
    "extra_payments",
    "prepay",
    # Overdue: the state of an account, its penalty, the order payments are applied in
    "AccountState",
    "Accrual",
    "Across",
    "Allocation",
    "Bucket",
    "Component",
    "DelayCost",
    "EnforcementCost",
    "EntryKind",
    "GraceFrom",
    "InstalmentStatus",
    "LedgerEntry",
    "Payment",
    "PenaltyBase",
    "PenaltyPolicy",
    "Surplus",
    "account_state",
    "accrue",
    "cost_of_delay",
    # What a court would award (the rules themselves are in loanrelief.law)
    "CourtLine",
    "CourtView",
    "Origin",
    "StatementCourtView",
    "court_view",
    "statement_court_view",
    # The levers: what a lender can agree to
    "CapitalizeArrears",
    "ExtendTerm",
    "ForbearPrincipal",
    "ForgivePrincipal",
    "FreezeInterest",
    "HolidayInterest",
    "InstalmentPlan",
    "Lever",
    "PaymentHoliday",
    "Prepay",
    "ReduceRate",
    "Settlement",
    "WaiveFees",
    "WaiveInterest",
    "WaiveOn",
    "WaivePenalty",
    "lever_label",
    # Plans, their evaluation and comparison, and what the borrower can pay
    "Alternative",
    "Budget",
    "Comparison",
    "CourtAward",
    "CureNow",
    "Outcome",
    "Plan",
    "PlanRow",
    "StayOverdue",
    "compare",
    "evaluate",
    # Negotiation: the lender's view, solving for the best offer
    "LenderView",
    "Objective",
    "WaterfallStep",
    "lender_npv",
    "solve",
    "waterfall",
    # The brief a borrower sends, in a language
    "Brief",
    "Language",
    "brief",
    "brief_options",
]
