"""Chinese rules on what a lender may claim: private lending and financial loans.

Which rule governs depends on the lender (:class:`ChinaLender`, :func:`china_rule`)
and, for private lending, on the date the contract was made: four times the one-year
LPR at that date for contracts from 2020-08-20, the 24 % / 36 % regime before, and
the transition of art. 31 for older contracts judged later. Texts and sources:
``docs/howto-court-cap.md`` and the references cited in each docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import final

from loanrelief.errors import InvalidTermsError
from loanrelief.law.lpr import LPRTable
from loanrelief.law.rules import (
    ALL_CHARGES,
    Base,
    Charge,
    Excess,
    Limit,
    OneLimit,
    checked,
    percent,
    received_principal,
)
from loanrelief.money import Rate, parse_rate
from loanrelief.terms import Loan
from loanrelief.validate import Choice, a_date, an_instance, parse_enum

__all__ = [
    "REFORM_DATE",
    "ChinaFinancialLoans",
    "ChinaLender",
    "ChinaPrivateLending",
    "china_rule",
]

REFORM_DATE = date(2020, 8, 20)
"""The 2020 revision of the private-lending provisions took effect (法释〔2020〕6号)."""

_PROVISIONS = "SPC Provisions on Private Lending Cases (2020)"
_PROVISIONS_ZH = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020）"
_OLD = "SPC Provisions on Private Lending Cases (2015)"
_OLD_ZH = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2015）"

_CONTRACT = (Charge.UPFRONT_FEE, Charge.CONTRACT_INTEREST, Charge.INSTALLMENT_FEE)
_OVERDUE = (Charge.DEFAULT_INTEREST, Charge.PENALTY, Charge.COMPOUND, Charge.LATE_FEE)


class ChinaLender(Choice):
    """Who lent, which decides the Chinese rule.

    Attributes
    ----------
    PRIVATE
        Natural persons, companies and other organisations not licensed to lend:
        the private-lending provisions apply.
    FINANCIAL_INSTITUTION
        Banks, consumer-finance companies, trust companies, card issuers and other
        lenders licensed by the financial regulators: the provisions do not apply
        (Provisions on Private Lending (2020) art. 1 para. 2).
    LOCAL_FINANCIAL_ORGANISATION
        Microcredit companies, financing guarantee companies, regional equity
        markets, pawnshops, financial leasing companies, commercial factoring
        companies and local asset-management companies: financial institutions too
        (SPC reply of 2020-12-29, 法释〔2020〕27号, item 1, in force 2021-01-01).

    Examples
    --------
    >>> china_rule("local_financial_organisation").name
    'China, financial loans (24 %)'
    """

    PRIVATE = "private"
    FINANCIAL_INSTITUTION = "financial_institution"
    LOCAL_FINANCIAL_ORGANISATION = "local_financial_organisation"


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class ChinaPrivateLending:
    """Private lending in China: the ceiling of the contract's date.

    Parameters
    ----------
    lpr : LPRTable, optional
        The one-year LPR series; the table shipped with the package by default.
    filed : datetime.date, optional
        The date the case was filed. Needed only for a contract made before
        2020-08-20 judged on or after that date (the transition of art. 31).

    Notes
    -----
    Contracts made from 2020-08-20 (Provisions on Private Lending, 2020 revision):

    - contract interest, and fees paid for the loan, at most four times the one-year
      LPR at the date the contract was made, on the principal in use (art. 25);
    - overdue interest, liquidated damages (违约金) and other charges for lateness
      together at most the same rate, on the overdue principal from each due date
      (arts. 28 and 29);
    - interest withheld in advance is not principal: the principal is the amount
      actually lent (art. 26; Civil Code art. 670), see :meth:`recognised`;
    - interest paid beyond a ceiling is set against the principal (excess credited).

    Contracts made before 2020-08-20 (2015 provisions, for cases filed before that
    date): contract interest is enforced up to 24 % a year (art. 26 para. 1); above
    36 % it is void and refundable, and between 24 % and 36 % it is kept if already
    paid (arts. 26 para. 2 and 31); overdue charges together at most 24 % (arts. 29
    and 30). Cases filed from 2020-08-20 on such contracts (2020 text art. 31 para.
    2): the 2015 ceilings up to 2020-08-19, then four times the one-year LPR at the
    filing date.

    Prepayment: interest stops on the day the whole principal is repaid (art. 30;
    Civil Code art. 677).

    Examples
    --------
    >>> loan = Loan(10000, "0.24", 12, start=date(2020, 9, 1))
    >>> [float(l.rate_on(loan.start)) for l in ChinaPrivateLending().limits(loan, loan.start)]
    [0.154, 0.154]
    >>> old = Loan(10000, "0.30", 12, start=date(2019, 3, 1))
    >>> limit = ChinaPrivateLending(filed=date(2020, 9, 1)).limits(old, date(2020, 9, 1))[0]
    >>> [(d.isoformat(), float(r)) for d, r in limit.steps]
    [('2019-03-01', 0.24), ('2020-08-20', 0.154)]
    """

    lpr: LPRTable | None = None
    filed: date | None = None

    def __init__(self, *, lpr: LPRTable | None = None, filed: date | None = None) -> None:
        if lpr is not None:
            an_instance(lpr, LPRTable, "lpr", "an LPRTable, or None for the published one")
        object.__setattr__(self, "lpr", lpr)
        object.__setattr__(self, "filed", None if filed is None else a_date(filed, "filed"))

    @property
    def name(self) -> str:
        """``China, private lending``."""
        return "China, private lending"

    @property
    def name_zh(self) -> str:
        """The name in Chinese."""
        return "民间借贷利率司法保护上限"

    @property
    def excess(self) -> Excess:
        """Interest paid beyond the ceiling is set against the principal."""
        return Excess.CREDITED

    def _table(self) -> LPRTable:
        return self.lpr if self.lpr is not None else LPRTable.published()

    def ceiling(self, loan: Loan) -> Fraction:
        """Return four times the one-year LPR at the contract's date (art. 25).

        Examples
        --------
        >>> float(ChinaPrivateLending().ceiling(Loan(1, "0.1", 1, start=date(2020, 8, 20))))
        0.154
        """
        return 4 * self._table().one_year(checked(loan).start)

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the contract-interest and overdue-charge limits of the contract's date."""
        made = checked(loan, until).start
        if made >= REFORM_DATE:
            cap = self.ceiling(loan)
            return _pair(
                cap,
                None,
                (f"{_PROVISIONS} art. 25", f"{_PROVISIONS_ZH}第二十五条"),
                (f"{_PROVISIONS} arts. 28-29", f"{_PROVISIONS_ZH}第二十八条、第二十九条"),
            )
        old, band = Fraction(24, 100), Fraction(36, 100)
        if self.filed is None or self.filed < REFORM_DATE:
            if self.filed is None and until >= REFORM_DATE:
                raise InvalidTermsError(
                    "filed",
                    None,
                    "the date the case was filed, for a contract made before 2020-08-20 "
                    f"judged on or after that date (this one: made {made}, as of {until}); "
                    f"{_PROVISIONS} art. 31 splits the interest at 2020-08-20",
                )
            return _pair(
                old,
                band,
                (f"{_OLD} arts. 26 and 31", f"{_OLD_ZH}第二十六条、第三十一条"),
                (f"{_OLD} arts. 29-30", f"{_OLD_ZH}第二十九条、第三十条"),
            )
        cap = 4 * self._table().one_year(self.filed, field="filed")
        day = REFORM_DATE
        steps = ((made, old), (day, cap))
        paid = ((made, band), (day, cap))
        tail = f"; from {day}: {_PROVISIONS} art. 31 (4 x LPR on {self.filed})"
        since = f"{day.year}年{day.month}月{day.day}日"
        tail_zh = f"；{since}起：{_PROVISIONS_ZH}第三十一条（起诉时LPR四倍）"
        return (
            Limit(components=_CONTRACT, base=Base.IN_TERM, annual_rate=steps, paid_rate=paid,
                  source=f"{_OLD} arts. 26 and 31{tail}",
                  source_zh=f"{_OLD_ZH}第二十六条、第三十一条{tail_zh}"),
            Limit(components=_OVERDUE, base=Base.OVERDUE, annual_rate=steps,
                  source=f"{_OLD} arts. 29-30{tail}",
                  source_zh=f"{_OLD_ZH}第二十九条、第三十条{tail_zh}"),
        )  # fmt: skip

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan with the amount actually lent as principal (art. 26)."""
        return received_principal(loan)


def _pair(
    rate: Fraction, band: Fraction | None, contract: tuple[str, str], overdue: tuple[str, str]
) -> tuple[Limit, ...]:
    """Return the contract-interest limit and the overdue-charges limit, with their articles."""
    return (
        Limit(components=_CONTRACT, base=Base.IN_TERM, annual_rate=rate, paid_rate=band,
              source=contract[0], source_zh=contract[1]),
        Limit(components=_OVERDUE, base=Base.OVERDUE, annual_rate=rate,
              source=overdue[0], source_zh=overdue[1]),
    )  # fmt: skip


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class ChinaFinancialLoans(OneLimit):
    """Loans by Chinese financial institutions: all charges together at most 24 % a year.

    Parameters
    ----------
    annual_rate : float, str or Decimal, default 0.24
        The ceiling.

    Notes
    -----
    Interest, compound interest, penalty interest, liquidated damages and other fees
    that together exceed 24 % a year are reduced at the borrower's request
    (最高人民法院关于进一步加强金融审判工作的若干意见, 法发〔2017〕22号, item 2),
    measured here on the principal outstanding day by day. Interest may not be
    withheld from the principal (Civil Code art. 670), so the principal recognised is
    the amount received. Charges paid beyond the ceiling are credited to the debt.

    Examples
    --------
    >>> ChinaFinancialLoans().name
    'China, financial loans (24 %)'
    """

    annual_rate: Fraction = Fraction(24, 100)

    def __init__(self, *, annual_rate: Rate = "0.24") -> None:
        object.__setattr__(self, "annual_rate", parse_rate(annual_rate, field="annual_rate"))

    @property
    def name(self) -> str:
        """``China, financial loans`` and the ceiling."""
        return f"China, financial loans ({percent(self.annual_rate)})"

    @property
    def name_zh(self) -> str:
        """The name in Chinese."""
        return f"金融借款（年利率{percent(self.annual_rate).replace(' ', '')}）"

    def limit(self) -> Limit:
        """Return the one limit: every charge on the principal outstanding."""
        return Limit(
            components=ALL_CHARGES,
            base=Base.OUTSTANDING,
            annual_rate=self.annual_rate,
            source="SPC Opinions on Financial Trials (法发〔2017〕22号) item 2",
            source_zh="《最高人民法院关于进一步加强金融审判工作的若干意见》第二条",
        )

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan with the amount received as principal (Civil Code art. 670)."""
        return received_principal(loan)


def china_rule(
    lender: ChinaLender | str,
    *,
    lpr: LPRTable | None = None,
    filed: date | None = None,
) -> ChinaPrivateLending | ChinaFinancialLoans:
    """Return the Chinese rule for a lender: private lending, or financial loans.

    Parameters
    ----------
    lender : ChinaLender or str
        ``"private"``, ``"financial_institution"`` or ``"local_financial_organisation"``.
    lpr, filed
        Passed to :class:`ChinaPrivateLending`.

    Examples
    --------
    >>> china_rule("private").name
    'China, private lending'
    """
    kind = parse_enum(lender, ChinaLender, "lender")
    if kind is ChinaLender.PRIVATE:
        return ChinaPrivateLending(lpr=lpr, filed=filed)
    return ChinaFinancialLoans()
