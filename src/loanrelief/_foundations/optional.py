"""Optional dependencies, imported when first needed, with one clear error when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from loanrelief._foundations.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str, call: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependencyError` naming the extra to install.

    ``call`` is what needs it (``"Schedule.to_pandas()"``): the error says, in one
    sentence, which call needs which package and the one command that installs it.

    Examples
    --------
    >>> require("numpy", "core", "this example").__name__
    'numpy'
    >>> try:
    ...     require("no_such_module", "plot", "plot_schedule()")
    ... except ImportError as error:
    ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
    plot_schedule() needs no_such_module, which is not installed:
    install loanrelief's plot extra (pip install '.[plot]' in its clone)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".", maxsplit=1)[0]
        raise MissingDependencyError(
            package,
            None,
            f"{call} needs {package}, which is not installed: install loanrelief's {extra} extra"
            f" (pip install '.[{extra}]' in its clone)",
        ) from None
