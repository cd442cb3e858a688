"""The engine's face in integer minor units, for those who build on it.

Everything else in loanrelief takes and returns major units (``Decimal`` amounts such
as ``Decimal("1234.56")``; ``float64`` arrays in :mod:`loanrelief.batch`, which take
``minor_units=True`` for ``int64``). The names here work in the currency's minor units
(cents, fen) as Python integers, with exact ``Fraction`` rates — what an app needs
to write its own lever or to reuse the exact payment:

- :func:`level_payment`: the exact level payment of a balance over period rates;
- :class:`Draft`, :class:`Workout`, :class:`Parts`: what a lever changes (an app's own
  lever's ``apply`` takes and returns a ``Workout``, so it also runs in
  :func:`loanrelief.batch.compare_levers`); :func:`draft_from` makes one of an
  account, :func:`realize` turns it into a :class:`loanrelief.Plan` (major units);
- ``Plan.from_minor``: a plan of minor-unit columns, as the engine makes it;
- :func:`to_minor`, :func:`to_major`, :func:`minor_digits`: an amount into the
  currency's minor units and back, and how many digits a currency's minor unit has.

Examples
--------
>>> from datetime import date
>>> from fractions import Fraction
>>> import loanrelief as lr
>>> from loanrelief import minor
>>> payment = minor.level_payment(1000000, [Fraction(1, 100)] * 12)  # 10,000.00, 1 %
>>> round(payment)  # minor units: 888.49 a month
88849
>>> state = lr.account_state(lr.Loan(1200, "0", 12, start=date(2024, 1, 1)),
...                          as_of=date(2024, 3, 15))
>>> draft = minor.draft_from(state)
>>> draft.balance, draft.arrears.total  # minor units
(100000, 20000)
>>> minor.realize(draft, label="as is").total_paid  # a Plan: major units
Decimal('1200.00')
"""

from __future__ import annotations

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.money import to_major, to_minor
from loanrelief._loans.amortization import level_payment
from loanrelief._loans.plan import Parts
from loanrelief._relief.draft import Draft, draft_from, realize
from loanrelief._relief.workout import Workout

__all__ = [
    "Draft",
    "Parts",
    "Workout",
    "draft_from",
    "level_payment",
    "minor_digits",
    "realize",
    "to_major",
    "to_minor",
]
