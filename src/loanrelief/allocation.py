"""Where a payment goes: the components of a debt and the orders that allocate to them.

An allocation is data: an order of components (fees, penalty, interest, principal) and
whether the oldest instalment is cleared first across all its components, or each
component is cleared across all instalments before the next component.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, final

from loanrelief.errors import InvalidTypeError, InvalidValueError
from loanrelief.validate import Choice, parse_enum

__all__ = ["Allocation", "Component", "Across"]


class Component(Choice):
    """A part of what an instalment owes.

    Attributes
    ----------
    FEES
        Instalment fees and late fees (the costs of the debt).
    PENALTY
        Penalty interest (罚息) and compound interest (复利).
    INTEREST
        Contract interest, and default interest where it keeps running.
    PRINCIPAL
        The principal.

    Examples
    --------
    >>> [component.value for component in Component]
    ['fees', 'penalty', 'interest', 'principal']
    """

    FEES = "fees"
    PENALTY = "penalty"
    INTEREST = "interest"
    PRINCIPAL = "principal"


class Across(Choice):
    """How an order is applied across overdue instalments.

    Attributes
    ----------
    INSTALLMENT
        The oldest instalment is paid off in full, component by component, before the
        next one.
    COMPONENT
        The first component is paid on every instalment, oldest first, before the next
        component (for example all interest before any principal).

    Examples
    --------
    >>> Allocation.INTEREST_BEFORE_PRINCIPAL.across
    <Across.COMPONENT: 'component'>
    """

    INSTALLMENT = "installment"
    COMPONENT = "component"


@final
@dataclass(frozen=True, slots=True)
class Allocation:
    """An order in which payments settle what is owed.

    Parameters
    ----------
    order : tuple of Component or str
        Every component once, first paid first.
    across : Across or str, default "installment"
        Oldest instalment first, or component by component across instalments.

    Notes
    -----
    Ready-made orders:

    - :attr:`CIVIL_CODE_561`: costs, then interest, then principal, as 《民法典》
      article 561 (fees, interest, penalty interest, principal); the default;
    - :attr:`PENALTY_FIRST`: penalty, fees, interest, principal, a common contract order;
    - :attr:`INTEREST_BEFORE_PRINCIPAL`: every instalment's fees, penalty and interest
      before any principal.

    Money left after every due amount is paid reduces the principal of the next
    instalments (see :func:`loanrelief.account_state`); it never vanishes.

    Examples
    --------
    >>> Allocation(("principal", "interest", "penalty", "fees")).order[0]
    <Component.PRINCIPAL: 'principal'>
    >>> Allocation(("principal", "interest"))
    Traceback (most recent call last):
    ...
    loanrelief.errors.InvalidValueError: order=('principal', 'interest') is not valid: ...
    """

    order: tuple[Component, ...]
    across: Across = Across.INSTALLMENT

    CIVIL_CODE_561: ClassVar[Allocation]
    PENALTY_FIRST: ClassVar[Allocation]
    INTEREST_BEFORE_PRINCIPAL: ClassVar[Allocation]

    def __init__(
        self, order: tuple[Component | str, ...], across: Across | str = Across.INSTALLMENT
    ) -> None:
        valid = "each of 'fees', 'penalty', 'interest', 'principal' exactly once"
        if not isinstance(order, tuple | list):
            raise InvalidTypeError("order", order, valid)
        components = tuple(parse_enum(item, Component, "order") for item in order)
        if sorted(components) != sorted(Component):
            raise InvalidValueError("order", order, valid)
        object.__setattr__(self, "order", components)
        object.__setattr__(self, "across", parse_enum(across, Across, "across"))


Allocation.CIVIL_CODE_561 = Allocation(("fees", "interest", "penalty", "principal"))
Allocation.PENALTY_FIRST = Allocation(("penalty", "fees", "interest", "principal"))
Allocation.INTEREST_BEFORE_PRINCIPAL = Allocation(
    ("fees", "penalty", "interest", "principal"), across="component"
)
