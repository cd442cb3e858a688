"""One-line reprs of value objects: ``Type(arg=value)`` with only what differs from defaults.

A plain value formatter with no language: amounts and rates as decimals, dates in ISO
form, options by their value. Every value type's ``__repr__`` calls it, so the library
has one repr style.
"""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction

__all__ = ["short_repr"]


def short_repr(value: object) -> str:
    """Return a one-line repr of a value object: its arguments that differ from defaults.

    Amounts and rates show as decimals, dates in ISO form and options by their value,
    so the line is short and reads as the call that made the object.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> short_repr(lr.Loan(12000, "0.12", 12, start=date(2024, 1, 15), method="equal_principal"))
    'Loan(principal=12000.00, annual_rate=0.12, term=12, start=2024-01-15, method=equal_principal)'
    """
    parameters = inspect.signature(type(value)).parameters
    shown = []
    for name, parameter in parameters.items():
        given = getattr(value, name)
        if parameter.default is not parameter.empty and _same(given, parameter.default):
            continue
        shown.append(f"{name}={_shown(given)}")
    return f"{type(value).__name__}({', '.join(shown)})"


def _same(given: object, default: object) -> bool:
    try:
        return bool(given == default)
    except (TypeError, ValueError):  # an array, or a value with no equality to the default
        return False


def _shown(value: object) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
        return str(decimal) if Fraction(decimal) == value else str(value)
    if isinstance(value, tuple | list):
        return "(" + ", ".join(map(_shown, value)) + ")"
    return repr(value)
