"""The court views as text: what a lender claims, what a rule allows, and why.

The names of a court line's charges (in each kind of Chinese lender's words), the
sentences of an explanation, and the tables of :class:`~loanrelief.CourtView`,
:class:`~loanrelief.StatementCourtView` and :class:`~loanrelief.law.RolloverView` are
made here, in the language asked for (English by default). The views keep one-line
delegators (``explain(lang)``, ``label(lang)``, ``__str__``, ``to_text(lang=)``,
``to_html(lang=)``); every figure and every article is the view's own.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from loanrelief._foundations.errors import InvalidValueError
from loanrelief._foundations.validate import parse_enum
from loanrelief._presentation.citations import cite, cited, rule_name
from loanrelief._presentation.display import day_named, html_table, named, text_table
from loanrelief._presentation.i18n import (
    METHOD_PHRASES,
    Language,
    format_date,
    format_money,
    translate,
)
from loanrelief._presentation.i18n import language as _language
from loanrelief.law._china import ChinaLender
from loanrelief.law._cite import percent
from loanrelief.law._rules import Charge, Excess

if TYPE_CHECKING:
    from loanrelief._ledger.court import CourtLine, CourtView
    from loanrelief._ledger.stated import StatementCourtView
    from loanrelief.law._rollover import RolloverView

__all__ = [
    "charge_label",
    "court_explain",
    "court_html",
    "court_text",
    "rollover_explain",
    "statement_assumptions",
    "statement_court_explain",
]


# Each line's name and each sentence of the explanation: English phrases of the one
# translation table (loanrelief/glossary.csv), which has their Chinese.
_LABELS: dict[str, str] = {
    "principal": "principal",
    Charge.CONTRACT_INTEREST.value: "contract interest",
    Charge.DEFAULT_INTEREST.value: "default interest",
    Charge.PENALTY.value: "penalty interest",
    Charge.COMPOUND.value: "compound interest",
    Charge.LATE_FEE.value: "late fees",
    Charge.INSTALMENT_FEE.value: "instalment fees",
    Charge.UPFRONT_FEE.value: "upfront fee",
    "costs": "enforcement costs",
    "payoff": "payoff",
}
# The words each kind of Chinese lender uses for the same charges, in Chinese: private lending's
# overdue interest is 逾期利息 and the contract interest that runs on overdue principal
# 资金占用期间利息 (SPC Provisions on Private Lending (2020) art. 28); 罚息 is a financial
# institution's penalty interest (法发〔2017〕22号 item 2). Other lenders: _LABELS.
_BY_LENDER: dict[ChinaLender, dict[str, str]] = {
    ChinaLender.PRIVATE: {
        Charge.PENALTY.value: "overdue interest",
        Charge.DEFAULT_INTEREST.value: "interest for the use of funds while overdue",
    },
    ChinaLender.FINANCIAL_INSTITUTION: {
        Charge.DEFAULT_INTEREST.value: "contract interest on overdue amounts",
    },
    ChinaLender.LOCAL_FINANCIAL_ORGANISATION: {
        Charge.DEFAULT_INTEREST.value: "contract interest on overdue amounts",
    },
}
# A card issuer's words in Chinese: its interest is 利息 (past due, 逾期利息), and since
# 2017 its charge for a missed minimum is liquidated damages, 违约金 (the People's Bank
# of China's notice 银发〔2016〕111号 item 3), its other fees 费用.
_CARD_WORDS: dict[str, str] = {
    Charge.CONTRACT_INTEREST.value: "interest",
    Charge.DEFAULT_INTEREST.value: "overdue interest",
    Charge.LATE_FEE.value: "liquidated damages",
    Charge.INSTALMENT_FEE.value: "fees",
}
_TEXT: dict[str, str] = {
    "title": "Court view under {rule}, as of {as_of}",
    "written": (
        "Principal written {written}; recognised {recognised} (the amount actually received)"
    ),
    "same": "Principal {written}, as written",
    # a card's principal is what its statements posted, not an IOU's amount
    "posted": "Principal {written}, as posted on the statements",
    "line": "{label}: charged {charged}, allowed {allowed}, not allowed {excess}",
    "costs": "Enforcement costs {amount}: paid first, never capped",
    "payments": (
        "Payments {paid}: under the contract {on_charges} went to charges, under the rule {law}"
    ),
    "credited": "Paid beyond what the rule allows, credited to the principal: {amount}",
    "refunded": "Paid beyond what the rule allows, to be refunded: {amount}",
    "payoff": "Payoff claimed {claimed}; enforceable {enforceable}; difference {difference}",
    "allocation": "Payments applied: {order}",
}
_SOURCE = ("source", "依据")
_ORDER = {
    "costs": "costs",
    "interest": "interest",
    "penalty": "penalty",
    "fees": "fees",
    "principal": "principal",
}


def charge_label(
    item: str,
    lang: Language | str | None = None,
    lender: ChinaLender | str | None = None,
    *,
    card: bool = False,
) -> str:
    """Return the name of a court line's item in ``language``, in a lender's words.

    See :meth:`loanrelief.CourtLine.label`. With ``card``, a card issuer's words in
    Chinese (利息, 逾期利息, 复利, 违约金, 费用: 银发〔2016〕111号 item 3 for 违约金);
    in English always the library's general names.

    Examples
    --------
    >>> charge_label("default_interest", "zh", "private")
    '资金占用期间利息'
    >>> charge_label("late_fee", "zh", "financial_institution", card=True)
    '违约金'
    """
    lang = _language(lang)
    kind = None if lender is None else parse_enum(lender, ChinaLender, "lender")
    if item not in _LABELS:
        raise InvalidValueError("item", item, f"one of {', '.join(_LABELS)}")
    words = _BY_LENDER.get(kind, {}) if kind is not None and lang is Language.ZH else {}
    if card and lang is Language.ZH:
        words = _CARD_WORDS
    return translate(words.get(item, _LABELS[item]), lang)


def _title(view: CourtView, lang: Language) -> str:
    name = rule_name(view.rule, lang)
    day = day_named(view.as_of, lang)
    return translate("CourtView under {rule} as of {as_of}", lang, rule=name, as_of=day)


def _table(view: CourtView, lang: Language) -> list[list[str]]:
    rows = [
        [
            charge_label(line.item, lang, view.lender, card=view.card),
            f"{line.charged:,}",
            f"{line.allowed:,}",
            f"{line.excess:,}",
        ]
        for line in view.lines
    ]
    return [["", "claimed", "allowed", "excess"], *rows]


def court_text(view: CourtView, lang: Language | str | None = None) -> str:
    """Return a court view as a text table: each line claimed, allowed and the excess.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> loan = lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1))
    >>> view = lr.court_view(loan, as_of=date(2024, 7, 1),
    ...                      rule=lr.law.AnnualRateCap(annual_rate="0.24", source="usury law"))
    >>> print(court_text(view).splitlines()[2])
    principal          10,000.00  10,000.00    0.00
    """
    chosen = _language(lang)
    return _title(view, chosen) + "\n" + "\n".join(text_table(_table(view, chosen), lang=chosen))


def court_html(view: CourtView, lang: Language | str | None = None) -> str:
    """Return a court view as an HTML table for notebooks (see :func:`court_text`)."""
    chosen = _language(lang)
    return html_table(_table(view, chosen), _title(view, chosen), chosen)


def court_explain(view: CourtView, lang: Language | str | None = None) -> str:
    """Return a court view as numbered lines, each with its source, in a language.

    The principal as written and as recognised, each charge (charged, allowed, not
    allowed) with the articles that limit it, the payments and how the rule applies
    them, then the payoff claimed and enforceable. English by default; in Chinese the
    amounts carry separators and the currency, as the brief writes them.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> view = lr.court_view(lr.Loan(10000, "0.3", 12, start=date(2024, 1, 1)),
    ...                      as_of=date(2024, 7, 1), rule=lr.law.ChinaFinancialLoans())
    >>> print(court_explain(view, "zh").splitlines()[3])
    3. 清偿顺序：实现债权的费用 > 利息 > 罚息 > 费用 > 本金
    """
    language = _language(lang)
    index = 1 if language is Language.ZH else 0
    lender = view.lender
    currency = view.currency

    def text(key: str, **values: object) -> str:
        if index:  # Chinese amounts with separators and the currency, as the brief has them
            values = {
                k: format_money(v, language, currency) if isinstance(v, Decimal) else v
                for k, v in values.items()
            }
        return translate(_TEXT[key], language, **values)

    def source(line: CourtLine) -> str:
        sources = cited(line.citations, language)
        return f"（{_SOURCE[1]}：{sources}）" if index else f" ({_SOURCE[0]}: {sources})"

    def order_name(kind: str) -> str:
        if kind == "penalty" and lender is ChinaLender.PRIVATE and index:
            return translate("overdue interest", language)
        return translate(_ORDER[kind], language)

    name = rule_name(view.rule, language)
    day = format_date(view.as_of, language) if index else view.as_of
    out = [translate(_TEXT["title"], language, rule=name, as_of=day)]
    number = 0
    for line in view.lines:
        number += 1
        if line.item == "principal":
            key = "written" if line.excess else "posted" if view.card else "same"
            body = text(key, written=line.charged, recognised=line.allowed)
        elif line.item == "costs":
            body = text("costs", amount=line.allowed)
        elif line.item == "payoff":
            paid = view.paid
            if paid:
                on_charges, on_allowed = view.paid_on_charges, view.paid_on_allowed
                out.append(
                    f"{number}. "
                    + text("payments", paid=paid, on_charges=on_charges, law=on_allowed)
                )
                number += 1
                if view.paid_on_excess:
                    key = "refunded" if view.rule.excess is Excess.REFUNDED else "credited"
                    out.append(f"{number}. " + text(key, amount=view.paid_on_excess))
                    number += 1
            order = " > ".join(order_name(c.value) for c in view.order)
            out.append(f"{number}. " + text("allocation", order=order))
            number += 1
            body = text(
                "payoff",
                claimed=line.charged,
                enforceable=line.allowed,
                difference=line.excess,
            )
            out.append(f"{number}. {body}")
            continue
        else:
            body = text(
                "line",
                label=charge_label(line.item, language, lender, card=view.card),
                charged=line.charged,
                allowed=line.allowed,
                excess=line.excess,
            )
        out.append(f"{number}. {body}{source(line)}")
    return "\n".join(out)


def statement_assumptions(view: StatementCourtView) -> tuple[tuple[str, str], ...]:
    """Return each assumption a statement's court view makes, in English and Chinese.

    Written from the view's figures: the origin as the borrower states it, the
    instalments taken as paid, how the statement's figures are read as charges, and the
    principal rebuilt beside the statement's.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> statement = lr.Statement(as_of=date(2024, 9, 20), outstanding_principal="7052.13",
    ...                          annual_rate="0.36", overdue_principal="3317.85",
    ...                          days_past_due=97, next_due_date=date(2024, 10, 15),
    ...                          remaining_instalments=4)
    >>> origin = lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12)
    >>> view = lr.statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
    >>> statement_assumptions(view)[1][1]
    '前4期按期足额还款，此后未还（依对账单逾期天数推定）'
    """
    statement, origin, loan = view.statement, view.origin, view.loan
    count, history = view.paid_instalments, view.rebuilt_principal
    rate = percent(Fraction(origin.annual_rate))
    made, made_zh = format_date(origin.made, Language.EN), format_date(origin.made, Language.ZH)
    method = METHOD_PHRASES[loan.method.value]
    frequency = loan.frequency.value
    items = [
        (
            f"the loan was made on {made}: {origin.received} received, at {rate} a year, "
            f"{origin.term} {frequency} instalments ({method}), as the borrower states",
            f"借款于{made_zh}发放：实际收到{origin.received}元，年利率{rate}，共{origin.term}期"
            f"（{translate(method, Language.ZH)}），依借款人陈述",
        ),
    ]
    if origin.written > origin.received:
        items.append(
            (
                f"{origin.written} was written on the contract: {origin.written - origin.received}"
                " was withheld in advance and is not principal",
                f"借款合同载明{origin.written}元，其中{origin.written - origin.received}元"
                "预先扣除，不计入本金",
            )
        )
    how = "the borrower states" if origin.paid_instalments is not None else (
        "from the statement's days past due")  # fmt: skip
    how_zh = "依借款人陈述" if origin.paid_instalments is not None else "依对账单逾期天数推定"
    items.append(
        (
            f"the first {count} instalments were paid in full on their due dates and nothing "
            f"since ({how})",
            f"前{count}期按期足额还款，此后未还（{how_zh}）",
        )
    )
    items.append(
        (
            "the statement's overdue and accrued interest is contract interest; its penalty "
            "is penalty and compound interest; its fees are charges for lateness",
            "对账单的逾期利息及应计利息按借期内利息计；罚息按罚息及复利计；费用按逾期违约金计",
        )
    )
    if history != statement.outstanding_principal:
        items.append(
            (
                f"the statement shows principal {statement.outstanding_principal}; the history "
                f"gives {history}; the lower is taken",
                f"对账单本金{statement.outstanding_principal}元，按历史重建为{history}元，取较低者",
            )
        )
    if history < statement.outstanding_principal:
        items.append(
            (
                "the statement's penalty and fees are held within the ceilings as charged: "
                "their contract rate is not known, so they are not recomputed on the lower "
                "principal",
                "对账单的罚息及费用按其所列金额在上限内认定：合同费率未知，未按较低本金重新计算",
            )
        )
    return tuple(items)


def statement_court_explain(view: StatementCourtView, lang: Language | str | None = None) -> str:
    """Return a statement's court view: its assumptions, then each line with its article.

    Examples
    --------
    >>> from datetime import date
    >>> import loanrelief as lr
    >>> statement = lr.Statement(as_of=date(2024, 9, 20), outstanding_principal=3500,
    ...                          annual_rate="0.36", next_due_date=date(2024, 10, 15),
    ...                          remaining_instalments=4)
    >>> origin = lr.Origin(made=date(2024, 1, 15), received=10000, annual_rate="0.36", term=12)
    >>> view = lr.statement_court_view(statement, origin, rule=lr.law.ChinaPrivateLending())
    >>> statement_court_explain(view, "zh").splitlines()[4].strip()
    '4. 对账单本金3500.00元，按历史重建为2589.90元，取较低者'
    """
    lang = _language(lang)
    zh = lang is Language.ZH
    name = rule_name(view.rule, lang)
    day = format_date(view.statement.as_of, lang)
    title = translate("Court view under {rule}, as of {as_of}", lang, rule=name, as_of=day)
    out = [title]
    head = translate("Assumed:", lang) + ("" if zh else " ")
    for k, (en, cn) in enumerate(view.assumptions, 1):
        out.append(f"{head if k == 1 else ' ' * len(head)}{k}. {cn if zh else en}")
    for k, line in enumerate(view.lines, 1):
        text = translate(
            "{label}: claimed {charged}, allowed {allowed}, not allowed {excess} "
            "(source: {source})",
            lang,
            label=charge_label(line.item, lang),
            charged=line.charged,
            allowed=line.allowed,
            excess=line.excess,
            source=cited(line.citations, lang),
        )
        out.append(f"{k}. {text}")
    return "\n".join(out)


def rollover_explain(view: RolloverView, lang: Language | str | None = None) -> str:
    """Return a chain of rolled-over IOUs line by line, with the article, in a language.

    Examples
    --------
    >>> from datetime import date
    >>> from loanrelief.law import IOU, rollover_view
    >>> chain = [IOU(date(2021, 1, 1), 100000, "0.24"), IOU(date(2022, 1, 1), 124000, "0.24")]
    >>> rollover_explain(rollover_view(chain, as_of=date(2023, 1, 1)), "zh").splitlines()[0]
    '滚动借据（截至2023年1月1日）'
    """
    chosen = _language(lang)
    out = [
        translate("Rolled-over IOUs as of {as_of}", chosen, as_of=day_named(view.as_of, chosen))
    ]
    for k, line in enumerate(view.lines, 1):
        iou = line.iou
        earlier = view.lines[max(k - 2, 0)].ceiling  # the rolled interest's ceiling
        fields = {"made": day_named(iou.made, chosen), "amount": iou.amount,
                  "principal": line.principal}  # fmt: skip
        if k == 1:
            text = translate("IOU of {made} for {amount}: principal recognised {principal}",
                             chosen, **fields)  # fmt: skip
        else:
            text = translate(
                "IOU of {made} for {amount}: interest rolled in {rolled}, recognised "
                "{recognised} (ceiling {cap}); principal recognised {principal}",
                chosen,
                rolled=line.rolled_claimed,
                recognised=line.rolled_recognised,
                cap=named("none", chosen) if earlier is None else percent(earlier),
                **fields,
            )
        out.append(f"{k}. {text}")
    n = len(view.lines) + 1
    out.append(f"{n}. " + translate(
        "Interest on the last IOU: claimed {claimed}, allowed {allowed}", chosen,
        claimed=view.interest_claimed, allowed=view.interest_allowed))  # fmt: skip
    if view.bound is not None:
        out.append(f"{n + 1}. " + translate(
            "At most the first principal with interest at the ceiling for the whole time: "
            "{bound}", chosen, bound=view.bound))  # fmt: skip
    source = cite(view.citation, chosen)
    out.append(f"{n + 2}. " + translate(
        "Claimed {claimed}; enforceable {enforceable} (source: {source})", chosen,
        claimed=view.claimed, enforceable=view.enforceable, source=source))  # fmt: skip
    return "\n".join(out)
