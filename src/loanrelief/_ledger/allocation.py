"""Where a payment goes: the components of a debt and the orders that allocate to them.

An allocation is data: an order of components (enforcement costs, fees, penalty,
interest, principal) and
whether the oldest instalment is cleared first across all its components, or each
component is cleared across all instalments before the next component.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar, final

from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import Choice, parse_enum, read_once

__all__ = ["Allocation", "Component", "Across", "Surplus"]


class Component(Choice):
    """A part of what an account owes.

    Attributes
    ----------
    COSTS
        The costs of enforcing the claim (实现债权的有关费用: litigation costs, and
        lawyers' fees where agreed), charged to the account as a whole.
    FEES
        Instalment fees and late fees (违约金).
    PENALTY
        Penalty interest (罚息) and compound interest (复利).
    INTEREST
        Contract interest, and default interest where it keeps running.
    PRINCIPAL
        The principal.

    Examples
    --------
    >>> [component.value for component in Component]
    ['costs', 'fees', 'penalty', 'interest', 'principal']
    """

    COSTS = "costs"
    FEES = "fees"
    PENALTY = "penalty"
    INTEREST = "interest"
    PRINCIPAL = "principal"


class Surplus(Choice):
    """Where a payment beyond everything owed goes: it is no part of the debt.

    Attributes
    ----------
    CREDIT
        Kept on the account as the borrower's credit (an overpayment, or a payment
        beyond the charges a rule allows where the excess is credited,
        :attr:`loanrelief.Excess.CREDITED`).
    REFUND
        Owed back to the borrower (:attr:`loanrelief.Excess.REFUNDED`, FCA CONC 5A.5).

    Examples
    --------
    >>> [surplus.value for surplus in Surplus]
    ['credit', 'refund']
    """

    CREDIT = "credit"
    REFUND = "refund"


class Across(Choice):
    """How an order is applied across overdue instalments.

    Attributes
    ----------
    INSTALMENT
        The oldest instalment is paid off in full, component by component, before the
        next one.
    COMPONENT
        The first component is paid on every instalment, oldest first, before the next
        component (for example all interest before any principal).
    HIGHEST_RATE
        As ``COMPONENT`` up to the minimum payment due, the principal bearing the
        lowest rate first (the issuer's choice); beyond the minimum, the principal
        bearing the highest rate first, then the rest in the order (Regulation Z,
        12 CFR 1026.53(a), the CARD Act's rule for a card's balances at different
        rates). A loan's instalments bear one rate: on a loan it is ``COMPONENT``.

    Examples
    --------
    >>> Allocation.INTEREST_BEFORE_PRINCIPAL.across
    <Across.COMPONENT: 'component'>
    >>> Allocation(("fees", "interest", "penalty", "principal"), "highest_rate").across
    <Across.HIGHEST_RATE: 'highest_rate'>
    """

    INSTALMENT = "instalment"
    COMPONENT = "component"
    HIGHEST_RATE = "highest_rate"


@final
@dataclass(frozen=True, slots=True)
class Allocation:
    """An order in which payments settle what is owed.

    Parameters
    ----------
    order : tuple of Component or str
        Every component once, first paid first; ``"costs"`` may be left out, and is
        then paid first.
    across : Across or str, default "instalment"
        Oldest instalment first, component by component across instalments, or
        component by component with a card's principal by rate (:class:`Across`).

    Notes
    -----
    Ready-made orders:

    - :attr:`CIVIL_CODE_561`: 《民法典》 article 561 as written — the costs of
      enforcing the claim, then interest, then principal — with penalty and compound
      interest counted as interest (after contract interest) and late fees (违约金),
      which the article does not name, placed after interest and before principal;
      the default;
    - :attr:`PENALTY_FIRST`: costs, penalty, fees, interest, principal, a common
      contract order;
    - :attr:`INTEREST_BEFORE_PRINCIPAL`: costs, then every instalment's fees, penalty
      and interest before any principal.

    Enforcement costs belong to the account as a whole: they are paid when the order
    first reaches ``"costs"``.

    Money left after every due amount is paid reduces the principal of the next
    instalments (see :func:`loanrelief.account_state`); it never vanishes.

    Examples
    --------
    >>> Allocation(("principal", "interest", "penalty", "fees")).order[:2]
    (<Component.COSTS: 'costs'>, <Component.PRINCIPAL: 'principal'>)
    >>> Allocation(("principal", "interest"))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: order=('principal', 'interest') is not valid: ...
    """

    order: tuple[Component, ...]
    across: Across = Across.INSTALMENT

    CIVIL_CODE_561: ClassVar[Allocation]
    PENALTY_FIRST: ClassVar[Allocation]
    INTEREST_BEFORE_PRINCIPAL: ClassVar[Allocation]

    __repr__ = short_repr

    def __init__(
        self, order: tuple[Component | str, ...], across: Across | str = Across.INSTALMENT
    ) -> None:
        valid = "each of 'fees', 'penalty', 'interest', 'principal' exactly once (and 'costs')"
        order = read_once(order)
        if not isinstance(order, tuple | list):
            raise InvalidTypeError("order", order, valid)
        components = tuple(parse_enum(item, Component, "order") for item in order)
        if Component.COSTS not in components:
            components = (Component.COSTS, *components)
        if sorted(components) != sorted(Component):
            raise InvalidValueError("order", order, valid)
        object.__setattr__(self, "order", components)
        object.__setattr__(self, "across", parse_enum(across, Across, "across"))


Allocation.CIVIL_CODE_561 = Allocation(("costs", "interest", "penalty", "fees", "principal"))
Allocation.PENALTY_FIRST = Allocation(("costs", "penalty", "fees", "interest", "principal"))
Allocation.INTEREST_BEFORE_PRINCIPAL = Allocation(
    ("costs", "fees", "penalty", "interest", "principal"), across="component"
)


def payment_passes(
    allocation: Allocation,
    slots: Sequence[tuple[int, Component, Fraction | int]],
    amount: int,
    minimum_left: int | None = None,
) -> list[tuple[int, list[int]]]:
    """Return how a payment reaches what is owed: each pass's budget and its slots in order.

    Parameters
    ----------
    allocation : Allocation
        The order of components and how it is applied across slots (:class:`Across`).
    slots : sequence of (age, component, rate)
        What is owed, one amount each: its age (older first: an instalment's index, a
        card lot's posting day as an ordinal), its component and the rate it bears
        (read only for the principal under ``Across.HIGHEST_RATE``). Slots equal in
        every key keep their order.
    amount : int
        The payment, in minor units.
    minimum_left : int or None, default None
        What is left of the minimum payment due, where one was stated (a card's last
        statement); ``None`` where none was (a loan, a card before its first statement).

    Returns
    -------
    list of (int, list of int)
        Each pass's budget and the indices into ``slots`` it reaches, in order. One pass
        of the whole amount: ``INSTALMENT`` by age, then component; ``COMPONENT`` by
        component, then age. ``HIGHEST_RATE`` with a minimum stated pays up to the
        minimum left as ``COMPONENT`` with the lowest-rate principal first, and the rest
        with the principal first, the highest rate first (12 CFR 1026.53(a)); without a
        minimum, or where every slot bears one rate and nothing exceeds the minimum, it
        is ``COMPONENT``.

    Examples
    --------
    >>> order = Allocation(("fees", "interest", "penalty", "principal"), "highest_rate")
    >>> P, I = Component.PRINCIPAL, Component.INTEREST
    >>> slots = [(1, P, Fraction(1, 10)), (2, P, Fraction(3, 10)), (3, I, 0)]
    >>> payment_passes(order, slots, 500, minimum_left=100)
    [(100, [2, 0, 1]), (400, [1, 0, 2])]
    >>> payment_passes(order, slots, 500)
    [(500, [2, 0, 1])]
    """
    rank = {component: k for k, component in enumerate(allocation.order)}
    indices = range(len(slots))
    if allocation.across is Across.INSTALMENT:
        return [(amount, sorted(indices, key=lambda k: (slots[k][0], rank[slots[k][1]])))]
    by_component = sorted(indices, key=lambda k: (rank[slots[k][1]], slots[k][0]))
    if allocation.across is Across.COMPONENT or minimum_left is None:
        return [(amount, by_component)]

    def by_rate(k: int, sign: int) -> Fraction | int:
        _, component, rate = slots[k]
        return sign * rate if component is Component.PRINCIPAL else 0

    minimum = min(max(minimum_left, 0), amount)
    first = sorted(by_component, key=lambda k: (rank[slots[k][1]], by_rate(k, 1)))
    principal_first = {**rank, Component.PRINCIPAL: -1}
    beyond = sorted(by_component, key=lambda k: (principal_first[slots[k][1]], by_rate(k, -1)))
    return [(minimum, first), (amount - minimum, beyond)]
