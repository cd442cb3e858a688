"""Optional dependencies, imported when first needed, with one clear error when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from loanrelief.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependencyError` naming the extra to install.

    Examples
    --------
    >>> require("numpy", "core").__name__
    'numpy'
    >>> require("no_such_module_here", "plot")
    Traceback (most recent call last):
    ...
    loanrelief.errors.MissingDependencyError: no_such_module_here=None is not valid: ...
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            module, None, f"installed: pip install 'loanrelief[{extra}]'"
        ) from None
