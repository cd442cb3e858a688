"""Languages: one translation table for tables, plots, the command line and the brief.

The table is ``loanrelief/_presentation/glossary.csv`` (package data): one English phrase a row,
its Chinese, and, for the glossary's terms, where loanrelief has them. The glossary
page of the documentation is made from it, so the two cannot drift. A phrase with
fields (``"extend {periods} periods"``) is a template filled in each language.

Amounts, rates, dates and counts are written as each language writes them:
``¥1,234.56`` and ``18.00 %`` in English, ``1,234.56元`` and ``18.00%`` and
``2024年1月15日`` in Chinese; the figures are the same.

The language is an argument (``lang="zh"``) wherever text is made; where none is
given (``str()``, a notebook's table) it is English. The library never reads the
environment: only the command line turns ``LOANRELIEF_LANG`` into a ``lang``. It never
changes a figure.
"""

from __future__ import annotations

import csv
import functools
import io
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib import resources

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.errors import InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    MAX_AMOUNT,
    RoundingMode,
    exact_decimals,
    parse_rate,
    round_ratio,
)
from loanrelief._foundations.validate import Choice, parse_enum, whole_number

__all__ = [
    "METHOD_PHRASES",
    "Language",
    "format_date",
    "format_money",
    "format_rate",
    "glossary",
    "language",
    "translate",
    "translated",
]


class Language(Choice):
    """A language of text: English or Chinese (simplified).

    Examples
    --------
    >>> Language("zh")
    <Language.ZH: 'zh'>
    """

    EN = "en"
    ZH = "zh"


ENVIRONMENT = "LOANRELIEF_LANG"
"""The variable the command line reads for its language (the library never reads it)."""


def language(lang: Language | str | None = None, field: str = "lang") -> Language:
    """Return the language asked for, English where none is.

    Parameters
    ----------
    lang : Language, "en", "zh" or None
        The language; ``None`` is English. The environment is never read (the
        command line resolves ``--lang`` and ``LOANRELIEF_LANG`` into this argument).
    field : str, default "lang"
        The name a refusal gives the argument (the command line's ``--lang``).

    Raises
    ------
    InvalidValueError
        If ``lang`` is not ``"en"``, ``"zh"`` or None.

    Examples
    --------
    >>> language("zh"), language("en"), language(None)
    (<Language.ZH: 'zh'>, <Language.EN: 'en'>, <Language.EN: 'en'>)
    >>> language("fr")
    Traceback (most recent call last):
    ...
    loanrelief.InvalidValueError: lang='fr' is not valid: one of 'en', 'zh'
    """
    if lang is None:
        return Language.EN
    return parse_enum(lang, Language, field)


@functools.cache
def glossary() -> tuple[tuple[str, str, str], ...]:
    """Return the translation table: ``(english, chinese, note)`` rows, in order.

    ``note`` says where loanrelief has the term (empty for a plain label); the
    documentation's glossary is the rows with a note.

    Examples
    --------
    >>> rows = glossary()
    >>> ("level payment (annuity)", "等额本息") in [(en, zh) for en, zh, _ in rows]
    True
    """
    text = (
        resources.files("loanrelief._presentation")
        .joinpath("glossary.csv")
        .read_text(encoding="utf-8")
    )
    return tuple((row["en"], row["zh"], row["note"]) for row in csv.DictReader(io.StringIO(text)))


@functools.cache
def _chinese() -> dict[str, str]:
    return {en: zh for en, zh, _ in glossary()}


def translate(phrase: str, lang: Language | str | None = None, /, **fields: object) -> str:
    """Return ``phrase`` in the language, its fields filled in.

    Parameters
    ----------
    phrase : str
        An English phrase or template of the table (``glossary.csv``).
    lang : Language, "en", "zh" or None
        See :func:`language`.
    **fields
        The template's fields, already written in the language (amounts through
        :func:`format_money`, rates through :func:`format_rate`).

    Raises
    ------
    InvalidValueError
        If the phrase is not in the table (so no text is left untranslated), or a
        field of its template is not given.

    Examples
    --------
    >>> translate("extend {periods} periods", "zh", periods=6)
    '延长还款期限6期'
    >>> translate("extend {periods} periods", "en", periods=6)
    'extend 6 periods'
    """
    table = _chinese()
    if not isinstance(phrase, str):
        raise InvalidTypeError("phrase", phrase, "a phrase (str) of loanrelief's glossary.csv")
    if phrase not in table:
        raise InvalidValueError("phrase", phrase, "a phrase of loanrelief's glossary.csv")
    template = table[phrase] if language(lang) is Language.ZH else phrase
    if not fields:
        return template
    try:
        return template.format(**fields)
    except (KeyError, IndexError) as missing:
        raise InvalidValueError(
            "fields", sorted(fields), f"the template's fields, with {missing} among them"
        ) from None


def translated(text: str, lang: Language | str | None = None) -> str:
    """Return a name in the language where the table has it; any other text as it is.

    For names that may or may not be the library's own: a title, a header, a line, a
    plan's label (an offer's own words are kept). :func:`translate` instead refuses a
    phrase the table lacks.

    Examples
    --------
    >>> translated("total paid", "zh"), translated("Acme's offer", "zh")
    ('还款总额', "Acme's offer")
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "a str")
    if language(lang) is Language.EN:
        return text
    return _chinese().get(text, text)


# Each repayment method's name in the table (by ``Method`` value).
METHOD_PHRASES = {
    "annuity": "level payment (annuity)",
    "equal_principal": "equal principal",
    "interest_only": "interest first, principal at maturity",
    "bullet": "principal and interest at maturity",
    "flat": "flat interest",
}


# The unit each language names a currency by: a symbol before the amount in English, a
# word after it in Chinese. Other currencies are named by their ISO 4217 code.
_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$"}
_WORDS = {"CNY": "元", "USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "HKD": "港元"}


@exact_decimals
def format_money(
    amount: Decimal, lang: Language | str | None = None, currency: str | None = None
) -> str:
    """Write an amount as the language does, with thousands separators.

    The amount is written with the places it has (a ``Decimal`` from loanrelief has
    its currency's); nothing is rounded. English puts the currency's symbol (or ISO
    code) first; Chinese puts its name after (``元`` for the yuan).

    Examples
    --------
    >>> amount = Decimal("49007.62")
    >>> format_money(amount, "en", "CNY"), format_money(amount, "zh", "CNY")
    ('¥49,007.62', '49,007.62元')
    >>> format_money(Decimal("-5.00"), "en", "USD"), format_money(Decimal("1200"), "zh", "KWD")
    ('-$5.00', '1,200 KWD')
    """
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidTypeError("amount", amount, "a finite Decimal (an amount from loanrelief)")
    if abs(amount) > MAX_AMOUNT or amount.as_tuple().exponent < -30:  # type: ignore[operator]
        raise InvalidValueError("amount", amount, f"at most {MAX_AMOUNT:,}, to 30 decimals")
    minor_digits(currency)  # an ISO 4217 code, or None
    number = f"{abs(amount):,f}"
    sign = "-" if amount < 0 else ""
    if language(lang) is Language.ZH:
        unit = "" if currency is None else _WORDS.get(currency, f" {currency}")
        return f"{sign}{number}{unit}"
    if currency is None:
        return f"{sign}{number}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency}"


def format_rate(rate: object, lang: Language | str | None = None, places: int = 2) -> str:
    """Write a rate (a fraction: 0.18) as a percentage, as the language does.

    The percentage is rounded half away from zero to ``places`` decimals
    (:func:`loanrelief._foundations.money.round_ratio`), whatever the caller's decimal context.

    Parameters
    ----------
    rate : Fraction, Decimal, int, float or str
        The rate as a fraction (0.18 for 18 %), of magnitude up to 1e15.
    lang : Language, "en", "zh" or None
        See :func:`language`.
    places : int, default 2
        Decimals of the percentage, 0 to 10.

    Examples
    --------
    >>> format_rate(Decimal("0.1848"), "en"), format_rate(0.1848, "zh")
    ('18.48 %', '18.48%')
    >>> format_rate(Fraction(1, 3), "en", 0), format_rate("-0.000125", "en", 3)
    ('33 %', '-0.013 %')
    """
    exact = rate if isinstance(rate, Fraction) else _a_rate(rate)
    digits = whole_number(places, "places", 0, 10)
    scaled = exact * 100 * 10**digits
    units = round_ratio(abs(scaled.numerator), scaled.denominator, RoundingMode.HALF_UP)
    whole, part = divmod(units, 10**digits)
    sign = "-" if units and exact < 0 else ""
    text = f"{sign}{whole}.{part:0{digits}d}" if digits else f"{sign}{whole}"
    return f"{text}%" if language(lang) is Language.ZH else f"{text} %"


def _a_rate(rate: object) -> Fraction:
    return parse_rate(rate, field="rate", minimum=Fraction(-(10**15)), maximum=Fraction(10**15))


def format_date(day: date, lang: Language | str | None = None) -> str:
    """Write a date as the language does: ``15 Jan 2024``, ``2024年1月15日``.

    Examples
    --------
    >>> format_date(date(2024, 1, 15), "en"), format_date(date(2024, 1, 15), "zh")
    ('15 Jan 2024', '2024年1月15日')
    """
    if not isinstance(day, date):
        raise InvalidTypeError("day", day, "a datetime.date")
    if language(lang) is Language.ZH:
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
