"""Chinese rules on what a lender may claim: private lending and financial loans.

Which rule governs depends on the lender (:class:`ChinaLender`, :func:`china_rule`)
and, for private lending, on the date the contract was made: four times the one-year
LPR at that date for contracts from 2020-08-20, the 24 % / 36 % regime before, and
the transition of art. 31 for older contracts judged later; on an account before
2015-09-01, four times the PBOC benchmark rate of the loan's term band (the 1991
opinions). Texts and sources:
``docs/howto-court-cap.md`` and the references cited in each docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import final

from loanrelief._foundations.errors import InvalidTermsError
from loanrelief._foundations.money import Rate, parse_rate
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import Choice, a_date, an_instance, parse_enum
from loanrelief._loans.terms import Loan
from loanrelief.law._benchmark import BenchmarkTable, TermBand, term_band
from loanrelief.law._cite import Citation, Field, percent
from loanrelief.law._lpr import LPRTable
from loanrelief.law._rules import (
    ALL_CHARGES,
    Base,
    Charge,
    Excess,
    Limit,
    OneLimit,
    checked,
    received_principal,
)

__all__ = [
    "PROVISIONS_2015",
    "REFORM_DATE",
    "ChinaFinancialLoans",
    "FinancialMeasure",
    "ChinaLender",
    "ChinaPrivateLending",
    "china_rule",
]

REFORM_DATE = date(2020, 8, 20)
"""The 2020 revision of the private-lending provisions took effect (法释〔2020〕6号)."""

PROVISIONS_2015 = date(2015, 9, 1)
"""The 2015 private-lending provisions took effect (法释〔2015〕18号), ending the 1991 opinions."""

_PROVISIONS = Citation("SPC Provisions on Private Lending Cases (2020)")
_OLD = Citation("SPC Provisions on Private Lending Cases (2015)")
_OPINIONS = Citation("SPC Opinions on the Trial of Loan Cases (1991, Fa (Min) [1991] No. 21)")
_BANDS = {
    TermBand.UP_TO_6_MONTHS: Citation("6 months and under"),
    TermBand.UP_TO_1_YEAR: Citation("over 6 months to 1 year"),
    TermBand.UP_TO_3_YEARS: Citation("over 1 to 3 years"),
    TermBand.UP_TO_5_YEARS: Citation("over 3 to 5 years"),
    TermBand.OVER_5_YEARS: Citation("over 5 years"),
}

_CONTRACT = (Charge.UPFRONT_FEE, Charge.CONTRACT_INTEREST, Charge.INSTALMENT_FEE)
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
    benchmark : BenchmarkTable, optional
        The PBOC benchmark lending rates, for a contract made and judged before
        2015-09-01; the table shipped with the package by default.

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

    Contracts made before 2015-09-01 and judged before that date (SPC Opinions on the
    Trial of Loan Cases, 1991, 法(民)〔1991〕21号): interest is protected up to four
    times the bank rate for a loan of the same kind, the rate itself included; above
    it, it is not protected (art. 6: 最高不得超过银行同类贷款利率的四倍（包含利率本数）).
    Courts read the bank rate as the People's Bank of China benchmark lending rate
    (SPC press conference on the 2015 provisions, 2015-08-06: 普遍使用央行公布的贷款基准利率
    作为裁判中的"银行同类贷款利率"; :class:`~loanrelief.law.BenchmarkTable`) of the loan's
    term band
    (:func:`~loanrelief.law.term_band`: from the date the contract was made to its last
    due date), and this rule takes the rate in force on the date the contract was made
    (``loan.start``; the opinions name no date, and the 2020 provisions fix the LPR at
    the same date): :meth:`opinions_ceiling`. The one ceiling limits contract interest
    on the principal in use (fees for the loan counted with it, as under the later
    provisions: a modelling choice, the opinions name interest only), and, on overdue
    principal from each due date,
    overdue interest, penalty interest and compound interest together (interest
    rolled into principal is not protected beyond the art. 6 limit, art. 7). Not
    modelled: the opinions set no ceiling on liquidated damages (违约金), which
    courts reduced case by case (Contract Law art. 114), so late fees are not limited
    by this rule; art. 9 (an interest-free loan's overdue interest at the bank rate)
    applies to loans with no interest agreed.

    Which rule a court applies is the date it judges, not the date of filing: the 2015
    provisions took effect on 2015-09-01 and repealed the 1991 opinions that day (2015
    text art. 33); by the SPC's rule for the time effect of its interpretations, a
    first- or second-instance case still pending then was judged under the 2015
    provisions, whatever the contract's date, and a case finally decided before it is
    not reopened under them (a retrial included). The rule reads ``until`` (the date
    of the account, ``as_of``) as that date: before 2015-09-01 the 1991 opinions, from
    it the 2015 provisions, and from 2020-08-20 the transition above (``filed``). To
    see a judgment that became final before 2015-09-01, replay to its date.

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
    >>> made = Loan(10000, "0.30", 12, start=date(2013, 3, 1))
    >>> limits = ChinaPrivateLending().limits(made, date(2014, 6, 1))
    >>> [float(limit.rate_on(made.start)) for limit in limits]
    [0.24, 0.24]
    """

    lpr: LPRTable | None = None
    filed: date | None = None
    benchmark: BenchmarkTable | None = None

    __repr__ = short_repr

    def __init__(
        self,
        *,
        lpr: LPRTable | None = None,
        filed: date | None = None,
        benchmark: BenchmarkTable | None = None,
    ) -> None:
        if lpr is not None:
            an_instance(lpr, LPRTable, "lpr", "an LPRTable, or None for the published one")
        if benchmark is not None:
            an_instance(
                benchmark, BenchmarkTable, "benchmark",
                "a BenchmarkTable, or None for the published one",
            )  # fmt: skip
        object.__setattr__(self, "lpr", lpr)
        object.__setattr__(self, "filed", None if filed is None else a_date(filed, "filed"))
        object.__setattr__(self, "benchmark", benchmark)

    @property
    def title(self) -> Citation:
        """The rule's name, in every language."""
        return Citation("China, private lending")

    @property
    def name(self) -> str:
        """``China, private lending``."""
        return self.title.english

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

    def opinions_ceiling(self, loan: Loan) -> Fraction:
        """Return four times the benchmark rate of the loan's band at its date (1991 art. 6).

        ``4 x`` the PBOC benchmark lending rate in force on ``loan.start`` for the term
        band of the loan (:func:`~loanrelief.law.term_band`). Dates outside the table
        (before 1991-04-21, after 2019-08-19) are refused, naming ``loan.start``.

        Examples
        --------
        >>> made = Loan(1, "0.1", 12, start=date(2013, 3, 1))
        >>> float(ChinaPrivateLending().opinions_ceiling(made))
        0.24
        """
        band = term_band(loan)
        table = self.benchmark if self.benchmark is not None else BenchmarkTable.published()
        return 4 * table.rate(loan.start, band, field="loan.start")

    def _opinions(self, loan: Loan) -> tuple[Limit, ...]:
        """Return the 1991 limits: 4 x the benchmark rate of the band on the contract's date."""
        cap = self.opinions_ceiling(loan)
        why: dict[str, Field] = {
            "base": percent(cap / 4), "band": _BANDS[term_band(loan)], "made": str(loan.start)
        }  # fmt: skip
        return (
            Limit(components=_CONTRACT, base=Base.IN_TERM, annual_rate=cap,
                  source=Citation(f"{{act}} art. 6 {_WHY}", act=_OPINIONS, **why)),
            Limit(components=_OVERDUE[:3], base=Base.OVERDUE, annual_rate=cap,
                  source=Citation(f"{{act}} arts. 6-7 {_WHY}", act=_OPINIONS, **why)),
        )  # fmt: skip

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the contract-interest and overdue-charge limits of the contract's date.

        A contract made before 2015-09-01 on an account before that date: the 1991
        opinions (art. 6); otherwise the 2015 or 2020 provisions (see the class notes).
        """
        made = checked(loan, until).start
        if made < PROVISIONS_2015 and until < PROVISIONS_2015:
            return self._opinions(loan)
        if made >= REFORM_DATE:
            cap = self.ceiling(loan)
            return _pair(
                cap,
                None,
                Citation("{act} art. 25", act=_PROVISIONS),
                Citation("{act} arts. 28-29", act=_PROVISIONS),
            )
        old, band = Fraction(24, 100), Fraction(36, 100)
        if self.filed is None or self.filed < REFORM_DATE:
            if self.filed is None and until >= REFORM_DATE:
                raise InvalidTermsError(
                    "filed",
                    None,
                    "the date the case was filed, for a contract made before 2020-08-20 "
                    f"judged on or after that date (this one: made {made}, as of {until}); "
                    f"{_PROVISIONS.english} art. 31 splits the interest at 2020-08-20",
                )
            return _pair(old, band, _OLD_CONTRACT, _OLD_OVERDUE)
        cap = 4 * self._table().one_year(self.filed, field="filed")
        day = REFORM_DATE
        steps = ((made, old), (day, cap))
        paid = ((made, band), (day, cap))
        tail: dict[str, Field] = {"day": day, "act": _PROVISIONS, "filed": self.filed}
        return (
            Limit(components=_CONTRACT, base=Base.IN_TERM, annual_rate=steps, paid_rate=paid,
                  source=Citation(_TRANSITION, article=_OLD_CONTRACT, **tail)),
            Limit(components=_OVERDUE, base=Base.OVERDUE, annual_rate=steps,
                  source=Citation(_TRANSITION, article=_OLD_OVERDUE, **tail)),
        )  # fmt: skip

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan with the amount actually lent as principal (art. 26)."""
        return received_principal(loan)


_WHY = "(4 x the PBOC benchmark rate {base}, {band}, on {made})"
"""Why the 1991 ceiling is what it is: the rate, the band and the date it was read on."""

_OLD_CONTRACT = Citation("{act} arts. 26 and 31", act=_OLD)
_OLD_OVERDUE = Citation("{act} arts. 29-30", act=_OLD)
_TRANSITION = "{article}; from {day}: {act} art. 31 (4 x LPR on {filed})"
"""The 2015 ceilings to 2020-08-19, then four times the LPR of the filing date."""


def _pair(
    rate: Fraction, band: Fraction | None, contract: Citation, overdue: Citation
) -> tuple[Limit, ...]:
    """Return the contract-interest limit and the overdue-charges limit, with their articles."""
    return (
        Limit(components=_CONTRACT, base=Base.IN_TERM, annual_rate=rate, paid_rate=band,
              source=contract),
        Limit(components=_OVERDUE, base=Base.OVERDUE, annual_rate=rate, source=overdue),
    )  # fmt: skip


class FinancialMeasure(Choice):
    """How the 24 % ceiling on a Chinese financial loan's charges is measured.

    Attributes
    ----------
    PER_DUE_DATE
        Two measures, as judgments apply item 2 of 法发〔2017〕22号: interest and
        fees of the term at most the ceiling on the principal in use in the term;
        penalty interest, compound interest, default interest, liquidated damages and
        late fees together at most the ceiling on the overdue principal, from each
        instalment's due date. Headroom a low contract rate leaves in the term is not
        spent on charges after default.
    TOGETHER
        Every charge together at most the ceiling on the principal outstanding day by
        day, from the start (the text's "总计超过年利率24%" read as one sum).

    Examples
    --------
    >>> FinancialMeasure("together")
    <FinancialMeasure.TOGETHER: 'together'>
    """

    PER_DUE_DATE = "per_due_date"
    TOGETHER = "together"


_FINANCIAL = Citation("SPC Opinions on Financial Trials (法发〔2017〕22号) item 2")


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class ChinaFinancialLoans(OneLimit):
    """Loans by Chinese financial institutions: all charges together at most 24 % a year.

    Parameters
    ----------
    annual_rate : float, str or Decimal, default 0.24
        The ceiling.
    measure : FinancialMeasure or str, default "per_due_date"
        How the ceiling is measured (see :class:`FinancialMeasure`).

    Notes
    -----
    Interest, compound interest, penalty interest, liquidated damages and other fees
    that together exceed 24 % a year are reduced at the borrower's request
    (最高人民法院关于进一步加强金融审判工作的若干意见, 法发〔2017〕22号, item 2).
    By default the ceiling is measured as judgments apply it: the term's interest and
    fees on the principal in use in the term, and the charges for lateness together
    on the overdue principal from each due date (``24 % x overdue principal x days /
    365``). ``measure="together"`` counts every charge on the principal outstanding
    from the start. Interest may not be withheld from the principal (Civil Code art.
    670), so the principal recognised is the amount received. Charges paid beyond the
    ceiling are credited to the debt.

    Examples
    --------
    >>> ChinaFinancialLoans().name
    'China, financial loans (24 %)'
    >>> [limit.base.value for limit in ChinaFinancialLoans().limits(
    ...     Loan(1000, "0.1", 12, start=date(2024, 1, 1)), date(2024, 1, 1))]
    ['in_term', 'overdue']
    """

    annual_rate: Fraction = Fraction(24, 100)
    measure: FinancialMeasure = FinancialMeasure.PER_DUE_DATE

    __repr__ = short_repr

    def __init__(
        self, *, annual_rate: Rate = "0.24", measure: FinancialMeasure | str = "per_due_date"
    ) -> None:
        object.__setattr__(self, "annual_rate", parse_rate(annual_rate, field="annual_rate"))
        object.__setattr__(self, "measure", parse_enum(measure, FinancialMeasure, "measure"))

    @property
    def title(self) -> Citation:
        """The rule's name and its ceiling, in every language."""
        return Citation("China, financial loans ({rate})", rate=self.annual_rate)

    @property
    def name(self) -> str:
        """``China, financial loans`` and the ceiling."""
        return self.title.english

    def limit(self) -> Limit:
        """Return the limit of ``measure="together"``: every charge, on the outstanding."""
        return Limit(
            components=ALL_CHARGES,
            base=Base.OUTSTANDING,
            annual_rate=self.annual_rate,
            source=_FINANCIAL,
        )

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the limits of the chosen measure: per due date (two), or together (one)."""
        checked(loan, until)
        if self.measure is FinancialMeasure.TOGETHER:
            return (self.limit(),)
        return _pair(
            self.annual_rate,
            None,
            Citation("{act}: interest and fees of the term", act=_FINANCIAL),
            Citation(
                "{act}: charges for lateness, on the overdue principal from each due date",
                act=_FINANCIAL,
            ),
        )

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan with the amount received as principal (Civil Code art. 670)."""
        return received_principal(loan)


def china_rule(
    lender: ChinaLender | str,
    *,
    lpr: LPRTable | None = None,
    filed: date | None = None,
    benchmark: BenchmarkTable | None = None,
) -> ChinaPrivateLending | ChinaFinancialLoans:
    """Return the Chinese rule for a lender: private lending, or financial loans.

    Parameters
    ----------
    lender : ChinaLender or str
        ``"private"``, ``"financial_institution"`` or ``"local_financial_organisation"``.
    lpr, filed, benchmark
        Passed to :class:`ChinaPrivateLending`.

    Examples
    --------
    >>> china_rule("private").name
    'China, private lending'
    """
    kind = parse_enum(lender, ChinaLender, "lender")
    if kind is ChinaLender.PRIVATE:
        return ChinaPrivateLending(lpr=lpr, filed=filed, benchmark=benchmark)
    return ChinaFinancialLoans()
