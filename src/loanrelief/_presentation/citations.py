"""A citation in a language: a rule's name, a limit's article, a court line's sources.

English is the citation's own template filled in English
(:attr:`~loanrelief.law.Citation.english`); Chinese is the glossary's template of the
same phrase filled with the same fields in Chinese.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from loanrelief._presentation.i18n import Language, format_date, language, translate, translated
from loanrelief.law._cite import Citation, Field, joined, percent
from loanrelief.law._rules import Rule, rule_title

__all__ = ["cite", "cited", "citation_html", "citation_text", "rule_name"]


def cite(citation: Citation, lang: Language | str | None = None) -> str:
    """Return a citation in a language (English by default).

    A template with fields must be a phrase of the glossary; one without is
    translated where the glossary has it and kept as it is otherwise (a user's own
    source).

    Examples
    --------
    >>> band = Citation("over 1 to 3 years")
    >>> cite(band, "zh")
    '一至三年（含三年）'
    >>> cite(Citation("my article 3"), "zh")
    'my article 3'
    """
    chosen = language(lang)
    if chosen is Language.EN:
        return citation.english
    if not citation.fields:
        return translated(citation.template, chosen)
    fields = {name: _field(value, chosen) for name, value in citation.fields}
    return translate(citation.template, chosen, **fields)


def _field(value: Field, lang: Language) -> str:
    """Return a field in the language: a date as it writes one, a rate without the space."""
    if isinstance(value, Citation):
        return cite(value, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, Fraction):
        return percent(value).replace(" ", "")
    return value


def cited(citations: Iterable[Citation], lang: Language | str | None = None) -> str:
    """Return a court line's citations in a language, one after another.

    Examples
    --------
    >>> both = (Citation("art. 28"), Citation("art. 29"))
    >>> cited(both, "en"), cited(both, "zh")
    ('art. 28; art. 29', 'art. 28；art. 29')
    """
    chosen = language(lang)
    if chosen is Language.EN:
        return joined(citations)
    return "；".join(cite(citation, chosen) for citation in citations)


def rule_name(rule: Rule, lang: Language | str | None = None) -> str:
    """Return a rule's name in a language (its ``title``, or its ``name`` as it is).

    Examples
    --------
    >>> import loanrelief as lr
    >>> rule_name(lr.law.ChinaFinancialLoans(), "zh")
    '金融借款（年利率24%）'
    """
    return cite(rule_title(rule), lang)


def citation_text(citation: Citation, lang: Language | str | None = None) -> str:
    """Return a citation as text (:meth:`Citation.to_text <loanrelief.law.Citation>`)."""
    return cite(citation, lang)


def citation_html(citation: Citation, lang: Language | str | None = None) -> str:
    """Return a citation as HTML: its text, escaped."""
    return html.escape(cite(citation, lang))
