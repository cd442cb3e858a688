"""Batch kernels: the one-loan math over arrays of loans, with no Python loop over loans.

Arrays in, arrays out (a struct of arrays: one array per column, one element per loan).
Each kernel works in integer minor units with the rounding rules of the one-loan API,
vectorised across loans and sequential over periods, so every result equals the
one-loan result to the minor unit. Inputs are validated per element; an error names
the index of the first bad loan, e.g. ``principal[17]``.

- :func:`amortize_totals`: payment and totals of each loan, without its schedule;
- :func:`schedules`: full schedules, block by block of loans, in minor units;
- :class:`Portfolio`: overdue accounts, validated once, the input of the next two;
- :func:`overdue_states`: days past due, penalty, fees and payoff of overdue accounts;
- :func:`compare_levers`: relief options on every account, and the best under a budget.

:func:`loanrelief.tvm.irr`, :func:`loanrelief.tvm.xirr`,
:func:`loanrelief.tvm.level_payment_apr` and :func:`loanrelief.accrue` take arrays of
loans too; they live in one place, there.

Examples
--------
>>> from loanrelief import batch
>>> batch.amortize_totals([200000, 50000], [0.06, 0.18], [240, 24])["payment"].tolist()
[1432.86, 2496.21]
>>> from loanrelief import tvm
>>> tvm.irr([[-1000, 600, 600], [-1000, 300, 900]]).round(4).tolist()
[0.1307, 0.1105]
"""

from loanrelief.batch._amortization import ScheduleBlock, amortize_totals, schedules
from loanrelief.batch._overdue import overdue_states
from loanrelief.batch._portfolio import Portfolio
from loanrelief.batch._relief import LeverTable, compare_levers

__all__ = [
    "LeverTable",
    "Portfolio",
    "ScheduleBlock",
    "amortize_totals",
    "compare_levers",
    "overdue_states",
    "schedules",
]
