"""The four methods by which a result shows itself, written once: text, HTML, ``str()``, notebook.

A result type of the core draws nothing itself: its text and HTML are made by the presentation
layer, imported only when they are asked for, so the core loads without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import ClassVar, cast

from loanrelief._foundations.money import exact_decimals

__all__ = ["Rendered"]


class Rendered:
    """A result shown as text and as HTML by the renderers its class names once.

    A class sets ``_renders = "module:stem"``; :meth:`to_text` returns
    ``module.stem_text(self, lang)`` and :meth:`to_html` returns ``module.stem_html(self, lang)``,
    the module imported when the method is called. ``str(result)`` is ``result.to_text()`` and a
    notebook shows ``result.to_html()``. Each runs in the exact decimal context.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> schedule = lr.amortize(lr.Loan(300, 0, 3, start=date(2024, 1, 15)))
    >>> str(schedule) == schedule.to_text(), schedule._repr_html_() == schedule.to_html()
    (True, True)
    >>> print(schedule.to_text("zh").splitlines()[0])
    还款计划：等额本息贷款300.00，年利率0%，分3期，自2024年1月15日起
    """

    __slots__ = ()
    _renders: ClassVar[str]

    def _renderer(self, form: str) -> Callable[[object, str | None], str]:
        module, stem = self._renders.split(":")
        return cast(
            "Callable[[object, str | None], str]",
            getattr(importlib.import_module(module), f"{stem}_{form}"),
        )

    @exact_decimals
    def __str__(self) -> str:
        return self.to_text()

    @exact_decimals
    def _repr_html_(self) -> str:
        return self.to_html()

    @exact_decimals
    def to_text(self, lang: str | None = None) -> str:
        """Return the result as text, in a language (English by default; ``str()``).

        Examples
        --------
        >>> import loanrelief as lr
        >>> print(lr.Budget(income=5000, expenses=1000).to_text().splitlines()[0])
        Budget
        """
        return self._renderer("text")(self, lang)

    @exact_decimals
    def to_html(self, lang: str | None = None) -> str:
        """Return the result as an HTML table, in a language (English by default).

        Examples
        --------
        >>> import loanrelief as lr
        >>> lr.Budget(income=5000, expenses=1000).to_html("zh").startswith("<div>")
        True
        """
        return self._renderer("html")(self, lang)
