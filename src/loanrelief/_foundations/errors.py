"""The exceptions loanrelief raises.

Every error is a :class:`LoanReliefError`, and every concrete error also derives from
the builtin exception a caller would already catch (``ValueError``, ``TypeError``,
``ArithmeticError``, ``ImportError``), so ``except ValueError`` keeps working.

Messages name the field, the value that was given and what would be valid; the same
three facts are kept as attributes (``field``, ``value``, ``valid``) for programs.
"""

from __future__ import annotations

from typing import final

__all__ = [
    "InvalidTermsError",
    "InvalidTypeError",
    "InvalidValueError",
    "LoanReliefError",
    "MissingDependencyError",
    "NoSolutionError",
]


class LoanReliefError(Exception):
    """Base class of every error raised by loanrelief.

    Parameters
    ----------
    field : str
        The argument or attribute the problem is about (``"principal"``).
    value : object
        The value that was given.
    valid : str
        What would have been accepted, in words.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> try:
    ...     lr.Loan(principal="-5", annual_rate="0.1", term=12, start=date(2024, 1, 1))
    ... except lr.LoanReliefError as error:
    ...     print(error.field, error.value)
    principal -5
    """

    field: str
    value: object
    valid: str

    def __init__(self, field: str, value: object, valid: str) -> None:
        self.field = field
        self.value = value
        self.valid = valid
        shown = repr(value)
        if len(shown) > _LONGEST_SHOWN:  # a long sequence: its ends (the value is kept whole)
            shown = f"{shown[:80]} ... {shown[-40:]} ({len(shown):,} characters)"
        super().__init__(f"{field}={shown} is not valid: {valid}")


_LONGEST_SHOWN = 200


@final
class InvalidTypeError(LoanReliefError, TypeError):
    """An argument has a type loanrelief does not accept (also a ``TypeError``).

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> lr.Loan(principal=True, annual_rate="0.1", term=12, start=date(2024, 1, 1))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTypeError: principal=True is not valid: ...
    """


class InvalidValueError(LoanReliefError, ValueError):
    """An argument has an acceptable type but a value outside the valid range.

    Also a ``ValueError``.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> lr.Loan(principal="1000.001", annual_rate="0.1", term=12, start=date(2024, 1, 1))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: principal='1000.001' is not valid: ...
    """


@final
class InvalidTermsError(InvalidValueError):
    """The terms of a loan do not fit together (also a ``ValueError``).

    Raised when each field is valid on its own but the combination is not, for
    example a first due date before the start date or a balloon whose maturity is
    beyond its amortization term.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> lr.Loan(principal=1000, annual_rate="0.1", term=12, start=date(2024, 5, 1),
    ...         first_due_date=date(2024, 4, 1))
    Traceback (most recent call last):
    ...
    loanrelief.InvalidTermsError: first_due_date=datetime.date(2024, 4, 1) ...
    """


@final
class NoSolutionError(LoanReliefError, ArithmeticError):
    """A solver found no answer in the valid range (also an ``ArithmeticError``).

    Examples
    --------
    >>> import loanrelief as lr
    >>> error = lr.NoSolutionError("amounts", [1, 2], "a stream with a sign change")
    >>> isinstance(error, ArithmeticError)
    True
    """


@final
class MissingDependencyError(LoanReliefError, ImportError):
    """An optional dependency is needed and not installed (also an ``ImportError``).

    ``field`` is the package; the message is ``valid`` alone, one sentence naming the
    call that needs the package and the extra that installs it.

    Examples
    --------
    >>> import loanrelief as lr
    >>> error = lr.MissingDependencyError(
    ...     "pandas", None, "Plan.to_pandas() needs pandas: pip install 'loanrelief[pandas]'")
    >>> isinstance(error, ImportError), str(error)
    (True, "Plan.to_pandas() needs pandas: pip install 'loanrelief[pandas]'")
    """

    def __init__(self, field: str, value: object, valid: str) -> None:
        super().__init__(field, value, valid)
        # The sentence itself, not "field=None is not valid: ..." (ImportError shows msg).
        self.args, self.msg = (valid,), valid


# A traceback names an error where a user imports it (``loanrelief.InvalidValueError``),
# not by the private module that defines it.
for _error in (
    LoanReliefError,
    InvalidTypeError,
    InvalidValueError,
    InvalidTermsError,
    NoSolutionError,
    MissingDependencyError,
):
    _error.__module__ = "loanrelief"
