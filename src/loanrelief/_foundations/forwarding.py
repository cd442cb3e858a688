"""An attribute of a value that is an attribute of one of its parts, forwarded by a descriptor."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

__all__ = ["Forwarded"]

_T = TypeVar("_T")


class Forwarded(Generic[_T]):
    """An attribute read from a part of the instance: ``obj.name`` is ``obj.part.name``.

    For a value that keeps some of its data in a part of its own (an account's replay
    inputs, a schedule's loan) and shows it as its own attribute too, in place of a
    property that only returns the part's attribute. The attribute's name is the name it
    is given in the class unless ``name`` says another; its docstring is the string that
    follows it in the class body.

    Parameters
    ----------
    part : str
        The attribute of the instance that holds the value.
    name : str, optional
        The part's attribute to read, by default the name this one is given.

    Examples
    --------
    >>> class Terms:
    ...     rate = "0.12"
    >>> class Account:
    ...     terms = Terms()
    ...     rate = Forwarded[str]("terms")
    ...     annual_rate = Forwarded[str]("terms", "rate")
    >>> Account().rate, Account().annual_rate
    ('0.12', '0.12')
    """

    __slots__ = ("_name", "_part")

    def __init__(self, part: str, name: str | None = None) -> None:
        self._part = part
        self._name = name

    def __set_name__(self, owner: type, name: str) -> None:
        if self._name is None:
            self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Forwarded[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object, owner: type) -> Any:
        if instance is None:
            return self
        return getattr(getattr(instance, self._part), str(self._name))
