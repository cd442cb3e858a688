"""The eight relief options the one-account and portfolio benchmarks compare."""

from __future__ import annotations

import loanrelief as lr
from loanrelief._relief.evaluation import Option

OPTIONS: list[Option] = [
    lr.ExtendTerm(12),
    lr.InstalmentPlan(36),
    lr.WaiveInterest(share="0.5"),
    lr.WaivePenalty(share=1),
    [lr.CapitalizeArrears(), lr.ExtendTerm(24)],
    lr.PaymentHoliday(3),
    lr.FreezeInterest(36),
    lr.Settlement(share="0.6"),
]
