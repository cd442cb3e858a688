"""One-line reprs of value objects: ``Type(arg=value)`` with only what differs from defaults.

A plain value formatter with no language: amounts and rates as decimals, dates in ISO
form, options by their value. Every value type's ``__repr__`` calls :func:`short_repr`,
so the library has one repr style.

A result (a type the library makes and returns: a ``Schedule``, an ``AccountState``, a
``CourtView``, an ``Outcome``...) is not typed by a user, so its line is not a call:
:func:`result_repr` shows the same ``Type(field=value, ...)`` form with the few fields
that identify it, chosen once in its ``__repr__``: its date (``as_of``, ``date``,
``due_date``), its option or rule (``label``, ``rule``, ``strategy``) and its headline
figures (``payoff``, ``total_paid``...). Its table stays in ``str()``. A type that needs no
more writes ``__repr__ = short_repr`` or ``__repr__ = result_repr_of(...)`` in its body.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction

__all__ = ["result_repr", "result_repr_of", "short_repr"]


def short_repr(value: object, **kept: object) -> str:
    """Return a one-line repr of a value object: its arguments that differ from defaults.

    Amounts and rates show as decimals, dates in ISO form and options by their value,
    so the line is short and reads as the call that made the object. Each parameter of
    the type's constructor is read from the attribute of its name, or from ``kept``
    where the object keeps it under another name (``LegalRule(limits=...)`` kept as
    ``rule_limits``) or only checks it (``None``: shown only if it is not the default).

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
        given = kept[name] if name in kept else getattr(value, name)
        if parameter.default is not parameter.empty and _same(given, parameter.default):
            continue
        shown.append(f"{name}={_shown(given)}")
    return f"{type(value).__name__}({', '.join(shown)})"


def result_repr(value: object, *names: str, **derived: object) -> str:
    """Return a one-line repr of a result: the fields ``names`` that identify it.

    The values are shown as in :func:`short_repr` (decimals, ISO dates, options by
    value); a field that is ``None`` is left out. ``derived`` adds figures read from the
    result's parts (the labels of a comparison's outcomes), shown after the fields.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> row = lr.amortize(lr.Loan(1200, "0.12", 12, start=date(2024, 1, 15)))[0]
    >>> result_repr(row, "number", "due_date", "payment")
    'Instalment(number=1, due_date=2024-02-15, payment=106.62)'
    """
    shown = []
    for name in names:
        given = getattr(value, name)
        if given is not None:
            shown.append(f"{name}={_shown(given)}")
    shown += [f"{name}={_shown(given)}" for name, given in derived.items()]
    return f"{type(value).__name__}({', '.join(shown)})"


def result_repr_of(*names: str) -> Callable[[object], str]:
    """Return the ``__repr__`` of a result type that shows the fields ``names``.

    Written in the class body, ``__repr__ = result_repr_of("as_of", "payoff")``, where
    its fields are, for :func:`result_repr` with those names; a value type's is
    ``__repr__ = short_repr``.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Due:
    ...     amount: Decimal
    ...     on: date
    ...     note: str = ""
    ...     __repr__ = result_repr_of("amount", "on")
    >>> Due(Decimal("10.50"), date(2024, 2, 15), "rent")
    Due(amount=10.50, on=2024-02-15)
    """

    def __repr__(value: object) -> str:  # noqa: N807 - the method it is
        return result_repr(value, *names)

    return __repr__


def _same(given: object, default: object) -> bool:
    """Whether ``given`` is the default, a default written as text ("0.24", "annuity")."""
    if isinstance(given, Enum) and isinstance(default, str):
        return bool(given.value == default)
    if isinstance(given, Fraction | Decimal) and isinstance(default, str | int | float):
        try:
            return Fraction(str(default)) == given
        except ValueError:  # a default that is no number
            return False
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
        items = ", ".join(map(_shown, value))
        return f"({items},)" if len(value) == 1 else f"({items})"
    return repr(value)
