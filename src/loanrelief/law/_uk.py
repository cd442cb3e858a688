"""The UK price cap on high-cost short-term credit (FCA Handbook, CONC 5A)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import final

from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.errors import InvalidTermsError, InvalidValueError
from loanrelief._foundations.money import Money, to_major, to_minor, trim
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import an_instance
from loanrelief._loans.terms import Loan
from loanrelief.law._cite import Citation
from loanrelief.law._rules import ALL_CHARGES, Base, Charge, Excess, Limit, Span, checked

__all__ = ["Refinancing", "UKHighCostShortTerm"]

_DAILY = Fraction(8, 1000)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Refinancing:
    """The earlier credit an agreement refinances (rolls over), for the total cost cap.

    Parameters
    ----------
    credit : money
        The amount of credit provided under the original agreement (the first of the
        chain): what the borrower actually received, not charges rolled into a later
        agreement (CONC 5A.3.6R).
    charged : money, default 0
        Every charge already imposed under the earlier agreement or agreements of the
        chain (interest, fees, default fees), paid or not, up to the refinancing.

    Notes
    -----
    To refinance is to extend, or purport to extend, the period over which a repayment
    is to be made, by replacing, varying or supplementing an existing agreement, by a
    contractual power, or otherwise (FCA Handbook, CONC 6.7.17R (1), used in the
    Glossary). The total cost cap counts a charge "alone or in combination with any
    other charge under the agreement or a connected agreement" (CONC 5A.2.2R,
    5A.3.2R), and the FCA states that borrowers "must never pay more in fees and
    interest than 100 % of what they borrowed", the caps applying to new and
    rolled-over loans alike (PS14/16): so the agreement that refinances is held, with
    the earlier charges, to the original credit. CONC 5A.6.1R (4) defines a connected
    agreement by reference to CONC 5A.2.16R-5A.2.17R and 5A.3.20R-5A.3.21R, whose text
    was not available when this was written: the chain is this library's reading of
    the FCA's stated aim, on the user's word that the agreement refinances. See
    :class:`UKHighCostShortTerm`.

    Examples
    --------
    >>> Refinancing(credit=300, charged=60).allowance
    Decimal('240')
    """

    credit: Decimal
    charged: Decimal

    __repr__ = short_repr

    def __init__(self, *, credit: Money, charged: Money = 0) -> None:
        lent = to_minor(credit, field="credit", digits=2)
        if lent <= 0:
            raise InvalidValueError("credit", credit, "an amount of credit above zero")
        spent = to_minor(charged, field="charged", digits=2)
        object.__setattr__(self, "credit", trim(to_major(lent, 2)))
        object.__setattr__(self, "charged", trim(to_major(spent, 2)))

    @property
    def allowance(self) -> Decimal:
        """What the total cost cap leaves the new agreement: ``credit - charged``, at least 0."""
        return max(self.credit - self.charged, Decimal(0))


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class UKHighCostShortTerm:
    """The FCA's three caps on high-cost short-term credit (payday loans), from 2015-01-02.

    Parameters
    ----------
    default_fees : money, default 15
        The most that default fees may add up to, in pounds.
    refinances : Refinancing, optional
        The earlier credit this agreement refinances (rolls over): the original
        amount of credit and the charges already imposed under the earlier
        agreement(s). The total cost cap then also holds this agreement's charges to
        the original credit less those charges.

    Notes
    -----
    - Initial cost cap (CONC 5A.3.3R): interest and charges other than default fees
      at most 0.8 % a day of the credit outstanding (early repayments disregarded,
      CONC 5A.3.7R), from drawdown to the due date or later: the cap counts what the
      agreement is capable of charging to its last due date. An upfront fee counts.
    - Default cap (CONC 5A.3.18R): default fees at most GBP 15 in total.
    - Total cost cap (CONC 5A.3.2R, 5A.3.6R): all interest, fees and charges at most
      100 % of the amount of credit actually advanced.

    - Refinanced (rolled-over) credit (CONC 5A.2.2R, 5A.3.2R, "under the agreement or
      a connected agreement"): with ``refinances``, a fourth limit holds every charge
      of this agreement to the original credit less the charges already imposed
      under the earlier agreement(s), so the chain together never charges more than
      was first lent. Borrowed 300, charged 60, rolled over once: the second
      agreement may charge at most 240 (without it, 300 more: 360 in all).

    Charges beyond the caps are not enforceable and are refunded (CONC 5A.5).

    Not modelled: charges rolled into the new agreement's principal are not credit
    provided (CONC 5A.3.6R) but the initial cost cap here measures the new loan's
    principal as given; enter the loan with the credit actually provided.

    Examples
    --------
    >>> loan = Loan(100, "0", 1, start=date(2024, 1, 1), currency="GBP")
    >>> [limit.source for limit in UKHighCostShortTerm().limits(loan, loan.start)]
    ['FCA CONC 5A.3.3R (initial cost cap)', 'FCA CONC 5A.3.18R (default cap)', \
'FCA CONC 5A.3.2R, 5A.3.6R (total cost cap)']
    >>> rolled = UKHighCostShortTerm(refinances=Refinancing(credit=300, charged=60))
    >>> rolled.limits(loan, loan.start)[-1].amount
    Decimal('240')
    """

    default_fees: Decimal = Decimal(15)
    refinances: Refinancing | None = None

    __repr__ = short_repr

    def __init__(self, *, default_fees: Money = 15, refinances: Refinancing | None = None) -> None:
        minor = to_minor(default_fees, field="default_fees", digits=2)
        object.__setattr__(self, "default_fees", trim(to_major(minor, 2)))
        if refinances is not None:
            an_instance(refinances, Refinancing, "refinances", "a Refinancing, or None")
        object.__setattr__(self, "refinances", refinances)

    @property
    def title(self) -> Citation:
        """The rule's name, in every language."""
        return Citation("UK high-cost short-term credit")

    @property
    def name(self) -> str:
        """``UK high-cost short-term credit``."""
        return self.title.english

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
        chain: tuple[Limit, ...] = ()
        if self.refinances is not None:
            earlier = self.refinances
            chain = (
                Limit(
                    components=ALL_CHARGES,
                    amount=earlier.allowance,
                    source=Citation(
                        "{article}, {also} (total cost cap with the refinanced agreement: "
                        "original credit GBP {credit} less GBP {charged} already charged)",
                        article="FCA CONC 5A.2.2R",
                        also="5A.3.2R",
                        credit=str(earlier.credit),
                        charged=str(earlier.charged),
                    ),
                ),
            )
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
            *chain,
        )

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan unchanged: the caps measure the credit actually advanced."""
        return checked(loan)
