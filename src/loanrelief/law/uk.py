"""The UK price cap on high-cost short-term credit (FCA Handbook, CONC 5A)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import final

from loanrelief.daycount import DayCount
from loanrelief.errors import InvalidTermsError
from loanrelief.law.rules import ALL_CHARGES, Base, Charge, Excess, Limit, Span, checked
from loanrelief.money import Money, to_major, to_minor, trim
from loanrelief.terms import Loan

__all__ = ["UKHighCostShortTerm"]

_DAILY = Fraction(8, 1000)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class UKHighCostShortTerm:
    """The FCA's three caps on high-cost short-term credit (payday loans), from 2015-01-02.

    Parameters
    ----------
    default_fees : money, default 15
        The most that default fees may add up to, in pounds.

    Notes
    -----
    - Initial cost cap (CONC 5A.3.3R): interest and charges other than default fees
      at most 0.8 % a day of the credit outstanding (early repayments disregarded,
      CONC 5A.3.7R), from drawdown to the due date or later: the cap counts what the
      agreement is capable of charging to its last due date. An upfront fee counts.
    - Default cap (CONC 5A.3.18R): default fees at most GBP 15 in total.
    - Total cost cap (CONC 5A.3.2R, 5A.3.6R): all interest, fees and charges at most
      100 % of the amount of credit actually advanced.

    Charges beyond the caps are not enforceable and are refunded (CONC 5A.5).

    Examples
    --------
    >>> loan = Loan(100, "0", 1, start=date(2024, 1, 1), currency="GBP")
    >>> [limit.source for limit in UKHighCostShortTerm().limits(loan, loan.start)]
    ['FCA CONC 5A.3.3R (initial cost cap)', 'FCA CONC 5A.3.18R (default cap)', \
'FCA CONC 5A.3.2R, 5A.3.6R (total cost cap)']
    """

    default_fees: Decimal = Decimal(15)

    def __init__(self, *, default_fees: Money = 15) -> None:
        minor = to_minor(default_fees, field="default_fees", digits=2)
        object.__setattr__(self, "default_fees", trim(to_major(minor, 2)))

    @property
    def name(self) -> str:
        """``UK high-cost short-term credit``."""
        return "UK high-cost short-term credit"

    @property
    def name_zh(self) -> str:
        """The name in Chinese."""
        return "英国高成本短期信贷价格上限"

    @property
    def excess(self) -> Excess:
        """Charges beyond the caps are refunded."""
        return Excess.REFUNDED

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the initial cost, default and total cost caps (pounds only)."""
        if checked(loan, until).currency not in (None, "GBP"):
            raise InvalidTermsError(
                "loan.currency", loan.currency, "'GBP' (or None) for a UK rule"
            )
        initial = tuple(c for c in ALL_CHARGES if c is not Charge.LATE_FEE)
        return (
            Limit(
                components=initial,
                base=Base.CREDIT,
                annual_rate=_DAILY * 365,
                day_count=DayCount.ACT_365,
                span=Span.TO_MATURITY,
                source="FCA CONC 5A.3.3R (initial cost cap)",
            ),
            Limit(
                components=(Charge.LATE_FEE,),
                amount=self.default_fees,
                source="FCA CONC 5A.3.18R (default cap)",
            ),
            Limit(
                components=ALL_CHARGES,
                base=Base.RECEIVED,
                share=1,
                source="FCA CONC 5A.3.2R, 5A.3.6R (total cost cap)",
            ),
        )

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan unchanged: the caps measure the credit actually advanced."""
        return checked(loan)
