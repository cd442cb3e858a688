"""Legal rules as values: what each rule limits, on what base, over what span.

A :class:`Rule` is anything with a ``name``, the :class:`Limit` values it sets for a
loan, the loan it recognises (the principal a court counts) and what happens to
charges paid beyond it (:class:`Excess`). A new jurisdiction is one new class; the
replay (:mod:`loanrelief._ledger.replay`) applies every rule the same way, measuring each
ceiling from the account's history (:class:`Meter`), never at posting time.

Generic rules for users who bring their own figures: :class:`AnnualRateCap` (an
all-in annual rate on the principal outstanding, such as a US state usury limit or
the 36 % Military APR) and :class:`TotalCostCap` (a share of the amount received).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, Protocol, final, runtime_checkable

from loanrelief._foundations.daycount import DayCount, no_schedule, year_fraction
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    MAX_AMOUNT,
    Money,
    Rate,
    parse_rate,
    round_ratio,
    to_major,
    to_minor,
    trim,
)
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    Choice,
    a_date,
    a_flag,
    a_sequence,
    an_instance,
    parse_enum,
    read_once,
    whole_number,
)
from loanrelief._loans.terms import Loan
from loanrelief.law._cite import Citation, a_citation, percent

__all__ = [
    "AnnualRateCap",
    "Base",
    "Charge",
    "Excess",
    "LegalRule",
    "Limit",
    "Meter",
    "Rule",
    "Span",
    "TotalCostCap",
    "contract_rate_ceiling",
    "rule_title",
]


RuleRate = Rate | Fraction
"""A rate as users give it, or an exact ``Fraction`` a rule computes."""


class Charge(Choice):
    """A kind of charge a rule may limit.

    Attributes
    ----------
    CONTRACT_INTEREST
        Interest of the schedule (借期内利息), counted as it accrues day by day.
    DEFAULT_INTEREST
        Contract interest running on overdue principal (资金占用期间利息).
    PENALTY
        Penalty interest (罚息) on overdue amounts.
    COMPOUND
        Interest on unpaid interest (复利).
    LATE_FEE
        Late fees and liquidated damages for lateness (违约金, default fees).
    INSTALMENT_FEE
        A fee due with each instalment (other fees, 其他费用).
    UPFRONT_FEE
        A fee charged when the loan is made (service or arrangement fee).

    Examples
    --------
    >>> Charge("late_fee")
    <Charge.LATE_FEE: 'late_fee'>
    """

    CONTRACT_INTEREST = "contract_interest"
    DEFAULT_INTEREST = "default_interest"
    PENALTY = "penalty"
    COMPOUND = "compound"
    LATE_FEE = "late_fee"
    INSTALMENT_FEE = "instalment_fee"
    UPFRONT_FEE = "upfront_fee"


ALL_CHARGES = (
    Charge.UPFRONT_FEE,
    Charge.CONTRACT_INTEREST,
    Charge.INSTALMENT_FEE,
    Charge.DEFAULT_INTEREST,
    Charge.PENALTY,
    Charge.COMPOUND,
    Charge.LATE_FEE,
)
"""Every charge, in the order a limit keeps them (the last is cut first)."""


class Base(Choice):
    """What a limit's rate or share is applied to.

    Attributes
    ----------
    RECEIVED
        The amount actually received by the borrower (the principal recognised).
    OUTSTANDING
        The principal not yet repaid, day by day: ``IN_TERM`` plus ``OVERDUE``.
    IN_TERM
        Principal not yet due, day by day (the principal in use during the term).
    OVERDUE
        Principal past its due date, from each due date until it is paid.
    CREDIT
        Principal outstanding with early repayments disregarded: the schedule's
        principal not yet due plus overdue principal (FCA CONC 5A.3.7R).

    Examples
    --------
    >>> Base("overdue")
    <Base.OVERDUE: 'overdue'>
    """

    RECEIVED = "received"
    OUTSTANDING = "outstanding"
    IN_TERM = "in_term"
    OVERDUE = "overdue"
    CREDIT = "credit"


class Span(Choice):
    """Over what time a rate limit's ceiling is measured.

    Attributes
    ----------
    TO_DATE
        From the start of the loan to the date of the account.
    TO_MATURITY
        From the start to the later of that date and the last due date: the charges
        the agreement is capable of over its term (FCA CONC 5A.3.3R).

    Examples
    --------
    >>> Span("to_maturity")
    <Span.TO_MATURITY: 'to_maturity'>
    """

    TO_DATE = "to_date"
    TO_MATURITY = "to_maturity"


class Excess(Choice):
    """What happens to charges paid beyond what a rule allows.

    Attributes
    ----------
    CREDITED
        Set against the debt: a payment beyond the charges allowed repays principal
        (Chinese courts: 超出部分冲抵本金); an upfront fee beyond the rule lowers
        the payoff; what is paid beyond everything owed is a ``credit``.
    REFUNDED
        Returned to the borrower (FCA CONC 5A.5: charges beyond the caps are not
        enforceable and are repaid): a payment beyond the charges allowed still repays
        principal first, and what is left beyond everything owed — with an upfront fee
        beyond the rule — is held as a ``refund``.

    Examples
    --------
    >>> Excess("refunded")
    <Excess.REFUNDED: 'refunded'>
    """

    CREDITED = "credited"
    REFUNDED = "refunded"


def checked(loan: object, until: object = date.min) -> Loan:
    """Return ``loan`` if it is a Loan and ``until`` a date (a rule's arguments), else raise."""
    a_date(until, "until")
    return an_instance(loan, Loan, "loan", "a Loan")


def _steps(value: object, field: str) -> tuple[tuple[date, Fraction], ...]:
    """Return a rate, or ``(from_date, rate)`` steps in date order, as steps from day 0 on."""
    value = read_once(value)
    if isinstance(value, list | tuple):
        steps: list[tuple[date, Fraction]] = []
        for k, item in enumerate(value):
            if not isinstance(item, list | tuple) or len(item) != 2:
                raise InvalidValueError(f"{field}[{k}]", item, "a (date, rate) pair")
            day = a_date(item[0], f"{field}[{k}][0]")
            if steps and day <= steps[-1][0]:
                raise InvalidTermsError(f"{field}[{k}][0]", day, f"a date after {steps[-1][0]}")
            steps.append((day, _rate(item[1], f"{field}[{k}][1]")))
        if not steps:
            raise InvalidValueError(field, value, "a rate, or at least one (date, rate) step")
        return tuple(steps)
    return ((date.min, _rate(value, field)),)


def limit_day_count(value: DayCount | str | None) -> DayCount | None:
    """Return how a limit measures time: a day count that needs no schedule, or None.

    None is the limit's default (the loan's own periods in its term, actual/365 after).
    A limit measures time between any two dates, so Actual/Actual (ICMA), whose
    fraction needs a coupon schedule, is refused (:func:`no_schedule`).

    Examples
    --------
    >>> limit_day_count("act/360"), limit_day_count(None)
    (<DayCount.ACT_360: 'act/360'>, None)
    """
    if value is None:
        return None
    return no_schedule(parse_enum(value, DayCount, "day_count"), "day_count")


def _rate(value: object, field: str) -> Fraction:
    """Return a rate as given, or an exact ``Fraction`` a rule computed (four times an LPR)."""
    if isinstance(value, Fraction):
        if value < 0:
            raise InvalidValueError(field, value, "a rate, not negative")
        return value
    return parse_rate(value, field=field)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class Limit:
    """One ceiling of a rule: which charges together, measured how, and why.

    Parameters
    ----------
    components : sequence of Charge or str
        The charges counted together, in the order they are kept: when the ceiling
        binds, the last is cut first (and, within a charge, the newest instalment's).
    base : Base or str, optional
        What ``annual_rate`` or ``share`` applies to; not with ``amount``.
    annual_rate : rate, or sequence of (date, rate), optional
        A ceiling of ``rate x base`` integrated over time; steps change the rate from
        each date on (a transition between regimes).
    share : rate, optional
        A ceiling of ``share x base`` (``RECEIVED`` only), whatever the time.
    amount : money, optional
        A fixed ceiling in the loan's currency (the UK's GBP 15 default fees).
    paid_rate : rate, or sequence of (date, rate), optional
        Charges already paid are kept up to this higher rate (the 24 %-36 % band of
        the 2015 Chinese provisions: not enforceable, but not refundable once paid).
    day_count : DayCount or str, optional
        How time is measured. By default principal in the term by the loan's own
        period fractions (so a performing loan at the limit's rate is never cut) and
        principal past due by actual/365, as courts count days.
    span : Span or str, default "to_date"
        Measure a rate limit to the date of the account, or to the later of that date
        and the last due date (what the agreement is capable of charging).
    source : str or Citation
        The article that sets this ceiling, cited in the court view: a
        :class:`~loanrelief.law.Citation` (read in each language through the
        glossary), or a str, cited as it is in every language. Kept as
        :attr:`citation`; :attr:`source` is its English text.

    Examples
    --------
    >>> limit = Limit(components=("penalty", "late_fee"), base="overdue",
    ...               annual_rate="0.154", source="art. 29")
    >>> limit.components, limit.rate_on(date(2024, 1, 1))
    ((<Charge.PENALTY: 'penalty'>, <Charge.LATE_FEE: 'late_fee'>), Fraction(77, 500))
    """

    components: tuple[Charge, ...]
    base: Base | None = None
    steps: tuple[tuple[date, Fraction], ...] = ()
    share: Fraction | None = None
    amount: Decimal | None = None
    paid_steps: tuple[tuple[date, Fraction], ...] = ()
    day_count: DayCount | None = None
    span: Span = Span.TO_DATE
    citation: Citation

    def __repr__(self) -> str:
        def given(steps: tuple[tuple[date, Fraction], ...]) -> object:
            """Return the rate as given: one rate kept as a step from date.min, or the steps."""
            return steps[0][1] if len(steps) == 1 and steps[0][0] == date.min else steps or None

        return short_repr(
            self, annual_rate=given(self.steps), paid_rate=given(self.paid_steps),
            source=self.source,
        )  # fmt: skip

    @property
    def source(self) -> str:
        """The article that sets this ceiling, in English (:attr:`citation`'s text)."""
        return self.citation.english

    def __init__(
        self,
        *,
        components: Sequence[Charge | str],
        base: Base | str | None = None,
        annual_rate: RuleRate | Sequence[tuple[date, RuleRate]] | None = None,
        share: RuleRate | None = None,
        amount: Money | None = None,
        paid_rate: RuleRate | Sequence[tuple[date, RuleRate]] | None = None,
        day_count: DayCount | str | None = None,
        span: Span | str = Span.TO_DATE,
        source: str | Citation,
    ) -> None:
        items = a_sequence(components, "components")
        charges = tuple(parse_enum(item, Charge, "components") for item in items)
        if not charges or len(set(charges)) != len(charges):
            raise InvalidValueError("components", components, "charges, each at most once")
        given = [name for name, v in (("annual_rate", annual_rate), ("share", share),
                                       ("amount", amount)) if v is not None]  # fmt: skip
        if len(given) != 1:
            raise InvalidTermsError(
                "annual_rate", annual_rate, "exactly one of annual_rate, share or amount"
            )
        set_ = object.__setattr__
        for name, empty in (("steps", ()), ("share", None), ("amount", None), ("paid_steps", ())):
            set_(self, name, empty)
        parsed_base = None if base is None else parse_enum(base, Base, "base")
        if amount is not None:
            if parsed_base is not None:
                raise InvalidTermsError("base", base, "None with an amount")
            minor = to_minor(amount, field="amount", digits=4, maximum=MAX_AMOUNT)
            set_(self, "amount", trim(to_major(minor, 4)))
        elif parsed_base is None:
            raise InvalidTermsError("base", base, "a Base with annual_rate or share")
        if share is not None:
            if parsed_base is not Base.RECEIVED:
                raise InvalidTermsError("base", base, "'received' with a share")
            set_(self, "share", _rate(share, "share"))
        if annual_rate is not None:
            set_(self, "steps", _steps(annual_rate, "annual_rate"))
        if paid_rate is not None:
            if annual_rate is None:
                raise InvalidTermsError("paid_rate", paid_rate, "None without an annual_rate")
            set_(self, "paid_steps", _steps(paid_rate, "paid_rate"))
        set_(self, "components", charges)
        set_(self, "base", parsed_base)
        set_(self, "day_count", limit_day_count(day_count))
        set_(self, "span", parse_enum(span, Span, "span"))
        set_(self, "citation", a_citation(source))

    def rate_on(self, day: date, *, paid: bool = False) -> Fraction:
        """Return the annual rate in force on ``day`` (0 for share and amount limits)."""
        a_date(day, "day")
        a_flag(paid, "paid")
        steps = self.paid_steps if paid and self.paid_steps else self.steps
        rate = Fraction(0)
        for since, value in steps:
            if since <= day:
                rate = value
        return rate

    def changes(self) -> list[date]:
        """Return the dates after day 0 on which a rate of this limit changes."""
        return sorted({d for d, _ in (*self.steps, *self.paid_steps) if d != date.min})


@runtime_checkable
class Rule(Protocol):
    """What a legal rule tells the replay: its limits, the loan it recognises, its excess.

    Any object with these members is a rule (see :class:`LegalRule`,
    :class:`~loanrelief.law.ChinaPrivateLending`, :class:`~loanrelief.law.UKHighCostShortTerm`).

    Examples
    --------
    >>> isinstance(AnnualRateCap(annual_rate="0.36"), Rule)
    True
    """

    @property
    def name(self) -> str:
        """A short name for tables and the court view, in English.

        A rule may also have a ``title`` (a :class:`~loanrelief.law.Citation`): its
        name in every language (:func:`rule_title`).
        """

    @property
    def excess(self) -> Excess:
        """What happens to charges paid beyond the rule."""

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the limits for ``loan`` on an account replayed to ``until``."""

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan a court recognises (its principal the amount received)."""


def rule_title(rule: Rule) -> Citation:
    """Return a rule's name as a citation: its ``title``, or its English ``name`` as it is.

    Examples
    --------
    >>> rule_title(AnnualRateCap(annual_rate="0.365")).english
    'annual rate cap 36.5 %'
    >>> rule_title(AnnualRateCap(annual_rate="0.365")).to_text("zh")
    '年利率上限36.5 %'
    """
    if not isinstance(rule, Rule):
        raise InvalidTypeError("rule", rule, "a legal Rule (see loanrelief.law)")
    title = getattr(rule, "title", None)
    if isinstance(title, Citation):
        return title
    return Citation(an_instance(rule.name, str, "rule.name", "a str"))


def check_limits(limits: object, field: str = "limits") -> tuple[Limit, ...]:
    """Return a rule's limits if they nest: each disjoint from, or containing, each earlier one.

    Nesting keeps every total a minimum of growing sums, so what a rule allows never
    falls while the account waits.
    """
    items = a_sequence(limits, field)
    for k, limit in enumerate(items):
        an_instance(limit, Limit, f"{field}[{k}]", "a Limit")
        for j in range(k):
            earlier, later = set(items[j].components), set(limit.components)
            if earlier & later and not earlier <= later:
                raise InvalidTermsError(
                    f"{field}[{k}].components",
                    limit.components,
                    f"charges disjoint from or including all of {field}[{j}]'s",
                )
    return tuple(items)


def contract_rate_ceiling(
    rule: Rule, loan: Loan, day: date, *, paid: bool = False
) -> Fraction | None:
    """Return the highest annual rate a rule lets contract interest run at on ``day``.

    The lowest rate among the rule's limits on contract interest measured on principal
    in use (in the term, outstanding, or credit); ``None`` if none limits it by a rate.
    A new schedule at this rate or below charges no contract interest the rule would
    cut (fees aside, which the limit may also count). ``paid=True`` gives the rate up
    to which interest already paid is kept (a limit's ``paid_rate``: 36 % under the
    2015 Chinese provisions, arts. 26 and 31).

    Examples
    --------
    >>> loan = Loan(10000, "0.3", 12, start=date(2024, 1, 1))
    >>> contract_rate_ceiling(AnnualRateCap(annual_rate="0.24"), loan, date(2024, 6, 1))
    Fraction(6, 25)
    """
    if not isinstance(rule, Rule):
        raise InvalidValueError("rule", rule, "a legal Rule")
    checked(loan, a_date(day, "day"))
    a_flag(paid, "paid")
    rates = [
        limit.rate_on(day, paid=paid)
        for limit in rule.limits(loan, day)
        if Charge.CONTRACT_INTEREST in limit.components
        and limit.steps
        and limit.base in (Base.IN_TERM, Base.OUTSTANDING, Base.CREDIT)
    ]
    return min(rates) if rates else None


def received_principal(loan: Loan) -> Loan:
    """Return ``loan`` as a court recognises it when fees are withheld from the principal.

    Interest (or a fee) withheld in advance does not count as principal: the principal
    is the amount actually lent, and interest runs on it (Provisions on Private Lending
    (2020) art. 26; Civil Code art. 670). A fee not withheld is left as it is.

    Examples
    --------
    >>> loan = Loan(10000, "0.12", 12, start=date(2024, 1, 1), upfront_fee=1000,
    ...             fee_deducted=True)
    >>> received_principal(loan).principal
    Decimal('9000.00')
    """
    checked(loan)
    if not loan.fee_deducted or not loan.upfront_fee:
        return loan
    return loan.replace(principal=loan.proceeds, upfront_fee=0, fee_deducted=False)


@final
@dataclass(frozen=True, slots=True, kw_only=True)
class LegalRule:
    """A rule made of limits: for a jurisdiction or contract the library does not ship.

    Parameters
    ----------
    name : str
    limits : sequence of Limit
        Applied in order; each later limit's charges are disjoint from, or include all
        of, each earlier one's.
    excess : Excess or str, default "credited"
    withheld_is_principal : bool, default False
        Count only the amount received as principal when a fee is withheld
        (:func:`received_principal`).

    Examples
    --------
    >>> usury = LegalRule(name="state usury 18 %", limits=[Limit(
    ...     components=("contract_interest", "penalty", "late_fee"), base="outstanding",
    ...     annual_rate="0.18", source="State usury statute")])
    >>> usury.limits(Loan(1000, "0.2", 12, start=date(2024, 1, 1)), date(2024, 6, 1))[0].base
    <Base.OUTSTANDING: 'outstanding'>
    """

    name: str
    rule_limits: tuple[Limit, ...]
    excess: Excess = Excess.CREDITED
    withheld_is_principal: bool = False

    def __repr__(self) -> str:
        return short_repr(self, limits=self.rule_limits)

    def __init__(
        self,
        *,
        name: str,
        limits: Sequence[Limit],
        excess: Excess | str = Excess.CREDITED,
        withheld_is_principal: bool = False,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "name", an_instance(name, str, "name", "a str"))
        checked = check_limits(limits)
        if not checked:
            raise InvalidValueError("limits", limits, "at least one Limit")
        set_(self, "rule_limits", checked)
        set_(self, "excess", parse_enum(excess, Excess, "excess"))
        if not isinstance(withheld_is_principal, bool):
            raise InvalidValueError(
                "withheld_is_principal", withheld_is_principal, "True or False"
            )
        set_(self, "withheld_is_principal", withheld_is_principal)

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the rule's limits (the same for every loan)."""
        checked(loan, until)
        return self.rule_limits

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan, or its received principal if ``withheld_is_principal``."""
        return received_principal(loan) if self.withheld_is_principal else checked(loan)


class OneLimit:
    """What the rules of a single limit share: the excess credited, the loan as written.

    A subclass gives :meth:`limit`; ``limits`` checks its arguments and returns it.
    """

    __slots__ = ()

    @property
    def excess(self) -> Excess:
        """Charges paid beyond the ceiling are credited to the debt."""
        return Excess.CREDITED

    def limit(self) -> Limit:  # pragma: no cover - every subclass gives its own
        """Return the rule's one limit."""
        raise NotImplementedError

    def limits(self, loan: Loan, until: date) -> tuple[Limit, ...]:
        """Return the rule's one limit (the same for every loan)."""
        checked(loan, until)
        return (self.limit(),)

    def recognised(self, loan: Loan) -> Loan:
        """Return the loan unchanged."""
        return checked(loan)


class FigureCap(OneLimit):
    """What the caps of one figure a user brings share: their name, their source.

    A subclass names its kind (``_kind``, also the default ``source``) and its figure
    (``_figure()``, a rate or a share); the rule is named by both, the figure in percent
    (the glossary's template ``"<kind> {figure}"``).
    """

    __slots__ = ()

    _kind: ClassVar[str]

    def _figure(self) -> Fraction:  # pragma: no cover - every subclass gives its own
        """Return the cap's figure: its annual rate, or its share."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return short_repr(self)

    @property
    def title(self) -> Citation:
        """The cap's kind and its figure in percent, in every language."""
        return Citation(f"{self._kind} {{figure}}", figure=percent(self._figure()))

    @property
    def name(self) -> str:
        """The cap's kind and its figure in percent (``annual rate cap 36 %``)."""
        return self.title.english


def _source(value: object) -> str:
    """Return a cap's source if it is a str (cited in the court view), else raise."""
    return an_instance(value, str, "source", "a str")


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class AnnualRateCap(FigureCap):
    """An all-in annual ceiling: every charge together at most a rate on the principal outstanding.

    Parameters
    ----------
    annual_rate : float, str or Decimal
        Interest, penalty and fees charged up to any date may not exceed
        ``annual_rate x`` the principal outstanding over time (:attr:`Base.OUTSTANDING`).
    day_count : DayCount or str, optional
        How time is measured (see :class:`Limit`); by default the loan's own periods
        in its term, actual/365 after.
    source : str, default "annual rate cap"
        The law the figure comes from, cited in the court view.

    Notes
    -----
    For a figure the user brings: a US state usury limit, the 36 % Military APR
    (32 CFR 232.4), a contract's own ceiling. Charges paid beyond it are credited to
    the debt.

    Examples
    --------
    >>> cap = AnnualRateCap(annual_rate="0.36", source="32 CFR 232.4(b)")
    >>> cap.name, cap.annual_rate
    ('annual rate cap 36 %', Fraction(9, 25))
    """

    _kind = "annual rate cap"

    annual_rate: Fraction
    day_count: DayCount | None = None
    source: str = "annual rate cap"

    def __init__(
        self,
        *,
        annual_rate: Rate,
        day_count: DayCount | str | None = None,
        source: str = "annual rate cap",
    ) -> None:
        set_ = object.__setattr__
        set_(self, "annual_rate", parse_rate(annual_rate, field="annual_rate"))
        set_(self, "day_count", limit_day_count(day_count))
        set_(self, "source", _source(source))

    def _figure(self) -> Fraction:
        """Return the annual rate."""
        return self.annual_rate

    def limit(self) -> Limit:
        """Return the one limit: every charge, on the principal outstanding."""
        return Limit(
            components=ALL_CHARGES,
            base=Base.OUTSTANDING,
            annual_rate=self.annual_rate,
            day_count=self.day_count,
            source=self.source,
        )


@final
@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class TotalCostCap(FigureCap):
    """A ceiling on all charges together as a share of the amount received.

    Parameters
    ----------
    share : float, str or Decimal
        Interest, penalty and fees charged in all (an upfront fee included) may not
        exceed ``share x`` the amount received (1.0: never more than was lent).
    source : str, default "total cost cap"

    Examples
    --------
    >>> TotalCostCap(share=1).name
    'total cost cap 100 %'
    """

    _kind = "total cost cap"

    share: Fraction
    source: str = "total cost cap"

    def __init__(self, *, share: Rate, source: str = "total cost cap") -> None:
        object.__setattr__(self, "share", parse_rate(share, field="share"))
        object.__setattr__(self, "source", _source(source))

    def _figure(self) -> Fraction:
        """Return the share."""
        return self.share

    def limit(self) -> Limit:
        """Return the one limit: every charge, on the amount received."""
        return Limit(
            components=ALL_CHARGES, base=Base.RECEIVED, share=self.share, source=self.source
        )


class Meter:
    """The ceiling of one limit, measured exactly from an account's history.

    The replay calls :meth:`advance` for every stretch of time with the principal in
    the term and past due over it (constant between the replay's stops, which include
    every date a rate changes); :meth:`ceiling` is the limit in minor units on a date.
    Every ceiling only grows with time, so what a rule allows never falls while an
    account waits.

    Examples
    --------
    >>> loan = Loan(1000, "0.1", 1, start=date(2024, 1, 1))
    >>> limit = Limit(components=("penalty",), base="overdue", annual_rate="0.365",
    ...               day_count="act/365", source="")
    >>> meter = Meter(limit, loan, received=100000)
    >>> meter.advance(date(2024, 2, 1), date(2024, 2, 11), in_term=[], scheduled=[],
    ...               overdue=100000)
    >>> meter.ceiling(date(2024, 2, 11), ahead=[])
    1000
    """

    def __repr__(self) -> str:
        return short_repr(self)

    def __init__(self, limit: Limit, loan: Loan, *, received: int) -> None:
        self.limit = an_instance(limit, Limit, "limit", "a Limit")
        self.loan = checked(loan)
        self.received = whole_number(received, "received", 0, 2**62)
        self.integral = Fraction(0)  # rate x principal x years, so far
        self.paid_integral = Fraction(0)
        # With a paid rate: each instalment's own part of ``integral`` (the ceiling of
        # its period in the term, and of its own principal past due).
        self.own: dict[int, Fraction] = {}
        self.own_paid: dict[int, Fraction] = {}  # the same at the paid rate

    def _years(self, start: date, end: date) -> Fraction:
        return year_fraction(start, end, self.limit.day_count or DayCount.ACT_365)

    def advance(
        self,
        start: date,
        end: date,
        *,
        in_term: Sequence[tuple[int, Fraction]],
        scheduled: Sequence[tuple[int, Fraction]],
        overdue: int,
        current: int | None = None,
        overdue_by: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Measure ``[start, end)`` from the principal in use over it.

        ``in_term`` gives the principal not yet due as ``(amount, share of a year by
        the loan's own periods)`` pairs (the share is used when the limit has no day
        count of its own); ``scheduled`` the same for the schedule's principal not yet
        due, early repayments disregarded (:attr:`Base.CREDIT`); ``overdue`` is the
        principal past due. For a limit with a ``paid_rate``, ``current`` names the
        instalment whose period ``[start, end)`` lies in and ``overdue_by`` gives each
        instalment's principal past due, ``(instalment, amount)``: each instalment's
        own part of the ceiling (:meth:`own_ceiling`).
        """
        limit = self.limit
        if end <= start or not limit.steps:
            return
        days = self._years(start, end)

        def term_measure(pairs: Sequence[tuple[int, Fraction]]) -> Fraction:
            if limit.day_count is None:
                return sum((amount * share for amount, share in pairs), Fraction(0))
            return sum(amount for amount, _ in pairs) * days

        base = limit.base
        if base is Base.RECEIVED:
            measure = self.received * days
        elif base is Base.IN_TERM:
            measure = term_measure(in_term)
        elif base is Base.OVERDUE:
            measure = overdue * days
        elif base is Base.CREDIT:
            measure = term_measure(scheduled) + overdue * days
        else:
            measure = term_measure(in_term) + overdue * days
        rate, paid_rate = limit.rate_on(start), limit.rate_on(start, paid=True)
        self.integral += rate * measure
        self.paid_integral += paid_rate * measure
        if not limit.paid_steps:
            return
        parts: list[tuple[int, Fraction]] = []  # (instalment, its measure)
        if base in (Base.IN_TERM, Base.OUTSTANDING) and current is not None:
            parts.append((current, term_measure(in_term)))
        elif base is Base.CREDIT and current is not None:
            parts.append((current, term_measure(scheduled)))
        if base in (Base.OVERDUE, Base.OUTSTANDING, Base.CREDIT):
            parts.extend((k, amount * days) for k, amount in overdue_by)
        for k, part in parts:
            self.own[k] = self.own.get(k, Fraction(0)) + rate * part
            self.own_paid[k] = self.own_paid.get(k, Fraction(0)) + paid_rate * part

    def own_ceiling(self, instalment: int, *, paid: bool = False) -> Fraction | None:
        """Return an instalment's own part of the ceiling, exactly; ``None`` if not kept.

        With a ``paid_rate`` band each instalment's charges are held within its own
        period's ceiling (Provisions on Private Lending (2015) arts. 26 and 31:
        interest paid between 24 % and 36 % is not refundable, interest unpaid is
        enforceable up to 24 %, each of its own period): charges paid use at most
        their instalment's part of the enforceable ceiling, and a later period's room
        never pays an earlier period's interest above its own. An instalment's part is
        the rate on the principal in use in its period in the term, and on its own
        principal past due; ``paid=True`` gives it at the paid rate. Kept for limits
        with a ``paid_rate`` on a base other than the amount received.
        """
        if not self.limit.paid_steps or self.limit.base is Base.RECEIVED:
            return None
        return (self.own_paid if paid else self.own).get(instalment, Fraction(0))

    def exact(
        self,
        day: date,
        *,
        ahead: Sequence[tuple[date, date, int, Fraction]],
        paid: bool = False,
    ) -> Fraction:
        """Return the ceiling on ``day`` in minor units, exactly.

        ``ahead`` lists the stretches ``(start, end, principal, period fraction)`` to the
        last due date, for a ``TO_MATURITY`` span (what the agreement is capable of).
        ``paid=True`` gives the ceiling for charges already paid (``paid_rate``).
        """
        a_date(day, "day")
        a_flag(paid, "paid")
        stretches = a_sequence(ahead, "ahead")
        limit = self.limit
        if limit.amount is not None:
            return Fraction(to_minor(limit.amount, field="amount", digits=self.loan.digits))
        if limit.share is not None:
            return limit.share * self.received
        exact = self.paid_integral if paid and limit.paid_steps else self.integral
        if limit.span is Span.TO_MATURITY:
            for start, end, amount, share in stretches:
                rate = limit.rate_on(start, paid=paid)
                years = share if limit.day_count is None else self._years(start, end)
                exact += rate * amount * years
        return exact

    def ceiling(
        self,
        day: date,
        *,
        ahead: Sequence[tuple[date, date, int, Fraction]],
        paid: bool = False,
    ) -> int:
        """Return the ceiling on ``day`` in minor units, rounded as the loan rounds amounts.

        A court computes the amount a rate allows and rounds it to the minor unit, as
        every other amount (see :meth:`exact`).
        """
        exact = self.exact(day, ahead=ahead, paid=paid)
        return round_ratio(exact.numerator, exact.denominator, self.loan.rounding)
