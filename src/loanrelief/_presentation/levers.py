"""The names of relief options: a lever, a package of levers and a baseline, in a language.

A lever or a baseline stores no text: its name is made here, when it is shown, from the
phrases of the translation table (``glossary.csv``), whose English column is the one
English of each phrase. The levers and baselines keep one-line delegators (``label``,
the English name, and ``label_in(lang)``) that import this module when called.

Chinese law has words of its own for what a lender may charge for lateness, and which
one a page uses depends on who it is written to (``lender=``): a financial institution's
penalty interest is 罚息, and its contract interest in arrears 逾期利息; a private
lender's overdue interest is 逾期利息 (the penalty: 《最高人民法院关于审理民间借贷案件适用
法律若干问题的规定》（2020）第二十八条, SPC Provisions on Private Lending Cases (2020)
art. 28), so its contract interest in arrears is 欠息.
:data:`LENDER_WORDS` holds those choices, one row a phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from loanrelief._foundations.errors import InvalidTypeError
from loanrelief._foundations.validate import parse_enum
from loanrelief._ledger.prepayment import Keep
from loanrelief._presentation.citations import rule_name
from loanrelief._presentation.i18n import Language, format_date, language, translate, translated
from loanrelief._relief.levers import (
    CapitalizeArrears,
    ExtendTerm,
    ForbearPrincipal,
    ForgivePrincipal,
    FreezeInterest,
    InstalmentPlan,
    PaymentHoliday,
    Prepay,
    ReduceRate,
    Settlement,
    WaiveFees,
    WaiveInterest,
    WaiveOn,
    WaivePenalty,
)
from loanrelief._relief.workout import HolidayInterest
from loanrelief.law._china import ChinaLender
from loanrelief.law._rules import Rule

__all__ = [
    "LENDER_WORDS",
    "baseline_name",
    "lever_name",
    "lender_phrase",
    "option_name",
    "package_name",
]

# A lender's own Chinese for a phrase of the table, where it differs from the table's.
LENDER_WORDS: Mapping[ChinaLender, Mapping[str, str]] = {
    ChinaLender.PRIVATE: {
        "penalty": "逾期利息",
        "waive {share} of penalty": "减免逾期利息{share}",
        "waive {share} of overdue interest": "减免欠息{share}",
    },
}


def lender_phrase(
    phrase: str,
    lang: Language | str,
    lender: ChinaLender | str | None = None,
    /,
    **fields: object,
) -> str:
    """Return a phrase of the table in ``lang``, in the lender's own words where it has them.

    Parameters
    ----------
    phrase : str
        An English phrase or template of ``glossary.csv``.
    lang : Language, "en" or "zh"
    lender : ChinaLender, optional
        Who the text is written to; its words (:data:`LENDER_WORDS`) replace the
        table's Chinese. English is the same for every lender.
    **fields
        The template's fields, written in the language.

    Examples
    --------
    >>> lender_phrase("penalty", "zh"), lender_phrase("penalty", "zh", ChinaLender.PRIVATE)
    ('罚息', '逾期利息')
    >>> lender_phrase("penalty", "en", ChinaLender.PRIVATE)
    'penalty'
    """
    chosen = language(lang)
    text = translate(phrase, chosen, **fields)  # checks the phrase and its fields
    kind = _a_lender(lender)
    words = LENDER_WORDS.get(kind, {}) if kind is not None else {}
    if chosen is Language.ZH and phrase in words:
        return words[phrase].format(**fields)
    return text


def _points(value: object) -> str:
    """Return a share or rate in percentage points, with the digits it needs: ``0.3``."""
    return f"{float(Decimal(value)) * 100:g}"  # type: ignore[arg-type]


def _percent(value: object, lang: Language) -> str:
    """Return a share or rate as a percentage: ``50 %`` in English, ``50%`` in Chinese."""
    number = _points(value)
    return f"{number}%" if lang is Language.ZH else f"{number} %"


def _share(share: Decimal | None, amount: Decimal | None, lang: Language) -> str:
    return _percent(share, lang) if share is not None else f"{amount}"


def _comma(lang: Language) -> str:
    return translate(", ", lang)


_Namer = Callable[[Any, Language, ChinaLender | None], str]


def _extend(lever: ExtendTerm, lang: Language, lender: ChinaLender | None) -> str:
    return translate("extend {periods} periods", lang, periods=lever.periods)


def _instalments(lever: InstalmentPlan, lang: Language, lender: ChinaLender | None) -> str:
    parts = [translate("{count} instalments", lang, count=lever.count)]
    if lever.down_payment:
        parts.insert(0, translate("{down} down", lang, down=lever.down_payment))
    text = _comma(lang).join(parts)
    if lever.annual_rate is not None:
        rate = translate("at {rate}", lang, rate=_percent(lever.annual_rate, lang))
        text += (" " if lang is Language.EN else "，") + rate
    if lever.keep_fees:
        text += _comma(lang) + translate("instalment fees kept", lang)
    return text


_WAIVED = {
    WaiveOn.OVERDUE: "waive {share} of overdue interest",
    WaiveOn.FUTURE: "waive {share} of future interest",
    WaiveOn.BOTH: "waive {share} of overdue and future interest",
}


def _waive_interest(lever: WaiveInterest, lang: Language, lender: ChinaLender | None) -> str:
    share = _share(lever.share, lever.amount, lang)  # type: ignore[arg-type]
    return lender_phrase(_WAIVED[WaiveOn(lever.on)], lang, lender, share=share)


def _waive_part(
    lever: WaivePenalty | WaiveFees, lang: Language, lender: ChinaLender | None
) -> str:
    share = _share(lever.share, lever.amount, lang)  # type: ignore[arg-type]
    return lender_phrase(f"waive {{share}} of {lever.component}", lang, lender, share=share)


def _rate(lever: ReduceRate, lang: Language, lender: ChinaLender | None) -> str:
    if lever.annual_rate is not None:
        return translate("rate to {rate}", lang, rate=_percent(lever.annual_rate, lang))
    return translate("rate down {points} points", lang, points=_points(lever.by))


_HOLIDAYS = {
    HolidayInterest.CAPITALIZE: "{periods}-period holiday, interest capitalized",
    HolidayInterest.DEFER: "{periods}-period holiday, interest deferred",
    HolidayInterest.WAIVE: "{periods}-period holiday, interest waived",
}


def _holiday(lever: PaymentHoliday, lang: Language, lender: ChinaLender | None) -> str:
    phrase = _HOLIDAYS[HolidayInterest(lever.interest)]
    return translate(phrase, lang, periods=lever.periods)


def _capitalize(lever: CapitalizeArrears, lang: Language, lender: ChinaLender | None) -> str:
    return translate("capitalize arrears", lang)


def _freeze(lever: FreezeInterest, lang: Language, lender: ChinaLender | None) -> str:
    parts = [translate("freeze, {count} instalments", lang, count=lever.count)]
    if lever.down_payment:
        parts.append(translate("{down} down", lang, down=lever.down_payment))
    if lever.fee_rate:
        parts.append(translate("fee {rate} a month", lang, rate=_percent(lever.fee_rate, lang)))
    if lever.keep_fees:
        parts.append(translate("instalment fees kept", lang))
    return _comma(lang).join(parts)


def _forbear(lever: ForbearPrincipal, lang: Language, lender: ChinaLender | None) -> str:
    return translate("forbear {amount}", lang, amount=lever.amount)


def _forgive(lever: ForgivePrincipal, lang: Language, lender: ChinaLender | None) -> str:
    return translate("forgive {amount}", lang, amount=lever.amount)


def _prepay(lever: Prepay, lang: Language, lender: ChinaLender | None) -> str:
    text = translate("prepay {amount}", lang, amount=lever.amount)
    if lever.keep is Keep.PAYMENT:
        text += _comma(lang) + translate("shorter term", lang)
    return text


def _settle(lever: Settlement, lang: Language, lender: ChinaLender | None) -> str:
    share = _share(lever.share, lever.amount, lang)  # type: ignore[arg-type]
    if lever.instalments > 1:
        return translate(
            "settle for {share} in {count}", lang, share=share, count=lever.instalments
        )
    return translate("settle for {share}", lang, share=share)


# Each built-in lever's name, by its type.
_NAMERS: Mapping[type, _Namer] = {
    ExtendTerm: _extend,
    InstalmentPlan: _instalments,
    WaiveInterest: _waive_interest,
    WaivePenalty: _waive_part,
    WaiveFees: _waive_part,
    ReduceRate: _rate,
    PaymentHoliday: _holiday,
    CapitalizeArrears: _capitalize,
    FreezeInterest: _freeze,
    ForbearPrincipal: _forbear,
    ForgivePrincipal: _forgive,
    Prepay: _prepay,
    Settlement: _settle,
}


def _a_lender(lender: object) -> ChinaLender | None:
    """Return who a name is written to: a ``ChinaLender`` (or its value), or None."""
    if lender is None:
        return None
    if not isinstance(lender, str):
        raise InvalidTypeError("lender", lender, "a ChinaLender (or its value), or None")
    return parse_enum(lender, ChinaLender, "lender")


def lever_name(
    lever: object, lang: Language | str = Language.EN, *, lender: ChinaLender | str | None = None
) -> str:
    """Name a lever in a language, in the lender's words.

    A built-in lever is named from the translation table (its English is the table's
    English); an app's own lever by its ``label_in(lang)`` if it has one, else its
    ``label``, else its class name.

    Parameters
    ----------
    lever : object
        A lever (:class:`~loanrelief.Lever`).
    lang : Language, "en" or "zh", default "en"
    lender : ChinaLender, optional
        Who the name is written to (:func:`lender_phrase`): to a private lender, a
        waiver of the penalty is one of 逾期利息, and of interest in arrears one of 欠息.

    Examples
    --------
    >>> lever_name(ExtendTerm(6), "zh"), lever_name(FreezeInterest(36), "zh")
    ('延长还款期限6期', '停息挂账，分36期')
    >>> lever_name(WaivePenalty(share=1), "zh", lender=ChinaLender.PRIVATE)
    '减免逾期利息100%'
    >>> lever_name(WaiveInterest(share=1), "zh", lender="private")
    '减免欠息100%'
    """
    chosen = language(lang)
    namer = _NAMERS.get(type(lever))
    if namer is not None:
        return namer(lever, chosen, _a_lender(lender))
    label_in = getattr(lever, "label_in", None)
    if callable(label_in):
        return str(label_in(chosen))
    return str(getattr(lever, "label", type(lever).__name__))


def package_name(
    levers: Sequence[object],
    lang: Language | str = Language.EN,
    *,
    lender: ChinaLender | str | None = None,
) -> str:
    """Name a package of levers: each lever's name (:func:`lever_name`), joined by commas.

    Examples
    --------
    >>> package_name([CapitalizeArrears(), ExtendTerm(6)], "zh")
    '逾期欠款转入本金，延长还款期限6期'
    """
    chosen = language(lang)
    return _comma(chosen).join(lever_name(lever, chosen, lender=lender) for lever in levers)


def baseline_name(baseline: object, lang: Language | str = Language.EN) -> str:
    """Name a baseline (:class:`~loanrelief.CureNow`, ``StayOverdue``, ``CourtAward``).

    Its ``phrase`` (a template of the table) filled with its ``fields()``: a date as
    the language writes it (ISO in English), a rule by its name in the language.

    Examples
    --------
    >>> import loanrelief as lr
    >>> baseline_name(lr.StayOverdue(date(2025, 1, 1)), "zh")
    '持续逾期至2025年1月1日'
    >>> baseline_name(lr.CureNow())
    'cure now'
    """
    chosen = language(lang)
    fields = {name: _field(value, chosen) for name, value in baseline.fields().items()}  # type: ignore[attr-defined]
    return translate(baseline.phrase, chosen, **fields)  # type: ignore[attr-defined]


def _field(value: object, lang: Language) -> object:
    """Return a baseline's field in the language: a date, or a rule by its name."""
    if isinstance(value, date):
        return str(value) if lang is Language.EN else format_date(value, lang)
    if isinstance(value, Rule):
        return rule_name(value, lang)
    return value


def option_name(
    levers: Sequence[object],
    label: str,
    lang: Language | str = Language.EN,
    *,
    lender: ChinaLender | str | None = None,
) -> str:
    """Name an option by its levers; with none (a baseline), by its label if the table has it.

    Examples
    --------
    >>> option_name([], "cure now", "zh"), option_name([ExtendTerm(6)], "", "zh")
    ('立即补足逾期', '延长还款期限6期')
    """
    if levers:
        return package_name(levers, lang, lender=lender)
    return translated(label, lang)
