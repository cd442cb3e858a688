"""Batch kernels: the one-loan math over arrays of loans, with no Python loop over loans.

Arrays in, arrays out (a struct of arrays: one array per column, one element per loan).
Each kernel works in integer minor units with the rounding rules of the one-loan API,
vectorised across loans and sequential over periods, so every result equals the
one-loan result to the minor unit. Inputs are validated per element; an error names
the index of the first bad loan, e.g. ``principal[17]``.

- :func:`amortize_totals`: payment and totals of each loan, without its schedule;
- :func:`schedules`: full schedules, block by block of loans, in minor units.
"""

from loanrelief.batch.amortization import ScheduleBlock, amortize_totals, schedules
from loanrelief.batch.overdue import overdue_states
from loanrelief.batch.relief import LeverTable, compare_levers

__all__ = [
    "LeverTable",
    "ScheduleBlock",
    "amortize_totals",
    "compare_levers",
    "overdue_states",
    "schedules",
]
