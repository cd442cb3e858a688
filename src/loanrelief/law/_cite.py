"""Citations: a rule's name and a limit's article, as a template and its fields.

A source is often assembled from dates, rates and term bands ("4 x the PBOC benchmark
rate 6 %, over 1 to 3 years, on 2013-03-01"), so no one phrase per whole string can
translate it. A :class:`Citation` keeps the English template (a phrase of the
glossary) and its fields; English is the template filled here, and the presentation
layer fills the glossary's Chinese template with the same fields in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import ClassVar, Union, final

from loanrelief._foundations.errors import InvalidTypeError
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import result_repr

__all__ = ["Citation", "Field", "a_citation", "joined", "percent"]

Field = Union[str, date, Fraction, "Citation"]
"""A citation's field: text kept as it is, a date, a rate or a citation within it."""


def percent(rate: Fraction) -> str:
    """Write a rate as the rules cite it: at most four decimals, ``"15.4 %"``.

    Examples
    --------
    >>> percent(Fraction(77, 500)), percent(Fraction(1, 4))
    ('15.4 %', '25 %')
    """
    text = f"{float(rate * 100):.4f}".rstrip("0").rstrip(".")
    return f"{text} %"


@final
@dataclass(frozen=True, slots=True, init=False, repr=False)
class Citation(Rendered):
    """An article or a name, as an English template of the glossary and its fields.

    Parameters
    ----------
    template : str
        The English text, with ``{name}`` for each field; a template of
        ``glossary.csv`` wherever it is to read in Chinese (a text the glossary
        lacks, such as a user's own source, reads the same in every language).
    **fields : str, datetime.date, Fraction or Citation
        Named as the template's fields (any name but ``template``).
        A str is written as it is in every language; a date in ISO form in English
        and as the language writes it otherwise; a Fraction is a rate in percent
        (:func:`percent`, without the space in Chinese); a citation is written by
        its own template.

    Notes
    -----
    ``str(citation)`` and :attr:`english` are the English text;
    ``citation.to_text("zh")`` is the Chinese, from the glossary.

    Examples
    --------
    >>> act = Citation("SPC Provisions on Private Lending Cases (2020)")
    >>> Citation("{act} art. 25", act=act).english
    'SPC Provisions on Private Lending Cases (2020) art. 25'
    >>> Citation("{act} art. 25", act=act).to_text("zh")
    '《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020）第二十五条'
    """

    template: str
    fields: tuple[tuple[str, Field], ...]

    _renders: ClassVar[str] = "loanrelief._presentation.citations:citation"

    def __init__(self, template: str, **fields: Field) -> None:
        if not isinstance(template, str):
            raise InvalidTypeError("template", template, "a str (an English phrase)")
        for name, value in fields.items():
            if not isinstance(value, (str, date, Fraction, Citation)):
                raise InvalidTypeError(name, value, "a str, a date, a Fraction or a Citation")
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "fields", tuple(fields.items()))

    def __repr__(self) -> str:
        return result_repr(self, "template", **dict(self.fields))

    @property
    def english(self) -> str:
        """The citation in English: the template filled with each field in English.

        Examples
        --------
        >>> Citation("{rate} on {day}", rate=Fraction(3, 10), day=date(2024, 1, 2)).english
        '30 % on 2024-01-02'
        """
        if not self.fields:
            return self.template
        return self.template.format(**{name: _english(value) for name, value in self.fields})


def _english(value: Field) -> str:
    """Return a field in English: a date in ISO form, a rate in percent."""
    if isinstance(value, Citation):
        return value.english
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return percent(value)
    return value


def a_citation(value: object, field: str = "source") -> Citation:
    """Return a citation given as one, or a str as a citation of itself; else raise.

    Examples
    --------
    >>> a_citation("art. 29")
    Citation(template='art. 29')
    """
    if isinstance(value, Citation):
        return value
    if isinstance(value, str):
        return Citation(value)
    raise InvalidTypeError(field, value, "a str or a Citation citing the article")


def joined(citations: Iterable[Citation]) -> str:
    """Return citations in English, one after another (``"; "`` between).

    Examples
    --------
    >>> joined((Citation("art. 28"), Citation("art. 29")))
    'art. 28; art. 29'
    """
    return "; ".join(citation.english for citation in citations)
