"""What a borrower can pay each month, from income and expenses.

The guide this library grew from tells a borrower to bring proof of income and a list of
expenses to a negotiation. :class:`Budget` turns them into the payment that is
affordable under stated rules, for :func:`loanrelief.solve` and for planners.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, final

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import Money, exact_decimals, parse_rate, to_major, to_minor
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import short_repr

__all__ = ["Budget"]


@final
@dataclass(frozen=True, slots=True)
class Budget(Rendered):
    """A borrower's month: income, essential expenses, other debts, and the rules.

    Parameters
    ----------
    income : Decimal, int or str
        Monthly income (net of tax), as the proof of income shows.
    expenses : Decimal, int or str, default 0
        Essential monthly expenses: housing, food, transport, care.
    obligations : Decimal, int or str, default 0
        Other monthly debt payments that stay as they are.
    debt_to_income : rate, optional
        The most that all debt payments may take of income (``"0.43"``: the ratio of
        Regulation Z 12 CFR 1026.43(e)(2)(vi) for a US qualified mortgage before 2021;
        ``"0.5"``, a common bank rule). None: no ceiling.
    living_allowance : Decimal, int or str, default 0
        The least that must be left each month after every debt payment (a minimum
        living allowance, or the residual income of 12 CFR 1026.43(c)(7)(i)(B)).
    currency : str, optional
        ISO 4217 code: amounts are in its minor unit (cents by default).

    Notes
    -----
    ``affordable = max(0, min(income - expenses - obligations,
    income - living_allowance - obligations, debt_to_income x income - obligations))``:
    what the month leaves after expenses; what it leaves above the allowance; and what
    the debt-to-income ceiling lets all debts take, less the other debts. These are
    Regulation Z's two ability-to-repay measures (12 CFR 1026.43(c)(7): the monthly
    debt-to-income ratio, or the residual income), with expenses beside them.

    Examples
    --------
    >>> budget = Budget(income=8000, expenses=4200, obligations=1500,
    ...                 debt_to_income="0.43")
    >>> budget.affordable, budget.binding
    (Decimal('1940.00'), 'debt-to-income ceiling')
    """

    income: Decimal
    expenses: Decimal = Decimal(0)
    obligations: Decimal = Decimal(0)
    debt_to_income: Fraction | None = None
    living_allowance: Decimal = Decimal(0)
    currency: str | None = None

    def __init__(
        self,
        income: Money,
        *,
        expenses: Money = 0,
        obligations: Money = 0,
        debt_to_income: Money | None = None,
        living_allowance: Money = 0,
        currency: str | None = None,
    ) -> None:
        set_ = object.__setattr__
        digits = minor_digits(currency)
        for name, value in (
            ("income", income),
            ("expenses", expenses),
            ("obligations", obligations),
            ("living_allowance", living_allowance),
        ):
            set_(self, name, to_major(to_minor(value, field=name, digits=digits), digits))
        ceiling = None
        if debt_to_income is not None:
            ceiling = parse_rate(debt_to_income, field="debt_to_income", maximum=Fraction(1))
        set_(self, "debt_to_income", ceiling)
        set_(self, "currency", currency)

    def _limits(self) -> list[tuple[str, Fraction]]:
        """Each rule's room for the negotiated debts, exact."""
        income, other = Fraction(self.income), Fraction(self.obligations)
        limits = [
            ("expenses", income - Fraction(self.expenses) - other),
            ("living allowance", income - Fraction(self.living_allowance) - other),
        ]
        if self.debt_to_income is not None:
            limits.append(("debt-to-income ceiling", self.debt_to_income * income - other))
        return limits

    @property
    @exact_decimals
    def affordable(self) -> Decimal:
        """The most the negotiated debts may take each month (0 if nothing is left).

        Rounded down to the minor unit, so that it never exceeds any rule.

        Examples
        --------
        >>> Budget(income=5000, expenses=5200).affordable
        Decimal('0.00')
        """
        digits = minor_digits(self.currency)
        least = max(min(amount for _, amount in self._limits()), Fraction(0))
        return to_major(int(least * 10**digits // 1), digits)

    @property
    def binding(self) -> str:
        """Which rule sets :attr:`affordable`: expenses, living allowance or the ceiling.

        Examples
        --------
        >>> Budget(income=5000, expenses=1000, living_allowance=3000).binding
        'living allowance'
        """
        return min(self._limits(), key=lambda pair: pair[1])[0]

    __repr__ = short_repr

    _renders: ClassVar[str] = "loanrelief._presentation.ledger:budget"


def affordable_minor(budget: Budget, currency: str | None, digits: int) -> int:
    """Return a Budget's affordable payment in the minor units of the debt it pays.

    For :func:`loanrelief.solve` (``budget=``) and
    :func:`loanrelief.debts.plan_debts`: at least one minor unit, in the debt's
    currency. A Budget that names a currency must name the debt's (``currency``): a
    Budget of dollars does not pay a debt of yen; one that names none is taken in the
    debt's.

    Examples
    --------
    >>> affordable_minor(Budget(4000, expenses=2500, currency="CNY"), "CNY", 2)
    150000
    >>> affordable_minor(Budget(4000, currency="USD"), "JPY", 0)
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: budget=Budget(income=4000.00, currency='USD') is not valid: ...
    """
    if budget.currency is not None and currency is not None and budget.currency != currency:
        raise InvalidTermsError(
            "budget", budget, f"a Budget in the debt's currency {currency} (or in none)"
        )
    return to_minor(budget.affordable, field="budget", digits=digits, minimum=1)
