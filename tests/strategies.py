"""Hypothesis strategies for loanrelief's value objects, with realistic bounds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
from hypothesis import strategies as st

import loanrelief as lr

__all__ = [
    "CURRENCIES",
    "account_columns",
    "amounts",
    "annual_rates",
    "dated_streams",
    "loan_streams",
    "loan_amounts",
    "loan_rates",
    "loans",
    "overdue_accounts",
    "penalty_policies",
    "portfolios",
    "replayed",
    "start_dates",
    "terms",
]


def amounts(
    min_value: str = "100", max_value: str = "5000000", places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Money amounts in major units with ``places`` decimals."""
    return st.decimals(min_value=Decimal(min_value), max_value=Decimal(max_value), places=places)


def annual_rates(max_value: str = "0.6", min_value: str = "0") -> st.SearchStrategy[Decimal]:
    """Annual rates from ``min_value`` to ``max_value`` in steps of 0.0001 (one basis point)."""
    low, high = int(Decimal(min_value) * 10000), int(Decimal(max_value) * 10000)
    return st.integers(low, high).map(lambda bp: Decimal(bp) / 10000)


def terms(max_value: int = 480, min_value: int = 1) -> st.SearchStrategy[int]:
    """Numbers of instalments from ``min_value`` (1) to ``max_value``."""
    return st.integers(min_value, max_value)


def start_dates(*, late: bool = False) -> st.SearchStrategy[date]:
    """Start dates over four decades, leap years and month ends included.

    With ``late``, sometimes a date in the calendar's last century, so that schedules
    near its end (9999-12-31) are drawn too.
    """
    usual = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
    if not late:
        return usual
    return st.one_of(usual, st.dates(min_value=date(9890, 1, 1), max_value=date(9899, 12, 31)))


CURRENCIES = (None, "CNY", "JPY", "KWD", "CLF")
# Day counts that accrue between any two dates: all but Actual/Actual (ICMA).
UNSCHEDULED = [count for count in lr.DayCount if count is not lr.DayCount.ACT_ACT_ICMA]
"""One currency of each minor unit: two digits (unnamed and CNY), 0, 3 and 4."""


def loan_amounts(digits: int) -> st.SearchStrategy[Decimal]:
    """Principals in a currency's minor unit: usual sizes, and now and then huge or tiny."""
    usual = amounts(places=digits)
    huge = amounts("1000000000", "1000000000000", places=digits)
    tiny = amounts(str(Decimal(1).scaleb(-digits)), "100", places=digits)
    return st.one_of(usual, usual, usual, huge, tiny)


def loan_rates(max_value: str = "0.6", min_value: str = "0") -> st.SearchStrategy[Decimal]:
    """Annual rates in basis points, and now and then a tiny one (down to 1e-8).

    With a ``min_value`` above zero, basis points from it (no tiny rates).
    """
    if not Decimal(max_value) or Decimal(min_value):
        return annual_rates(max_value, min_value)
    tiny = st.integers(1, 1000).map(lambda k: Decimal(k) / 10**8)
    return st.one_of(annual_rates(max_value), annual_rates(max_value), tiny)


@st.composite
def loans(
    draw: st.DrawFn,
    *,
    methods: tuple[lr.Method, ...] = tuple(lr.Method),
    max_term: int = 480,
    min_term: int = 1,
    max_years: int = 40,
    max_rate: str = "0.6",
    min_rate: str = "0",
    grace: bool = True,
    graces: tuple[lr.Grace, ...] = tuple(lr.Grace),
    min_grace: int = 0,
    odd_first_period: bool = True,
    bases: tuple[lr.InterestBasis, ...] = tuple(lr.InterestBasis),
    frequencies: tuple[lr.Frequency, ...] = tuple(lr.Frequency),
    currencies: tuple[str | None, ...] = CURRENCIES,
    late: bool = True,
) -> lr.Loan:
    """Valid loans of the given methods, with every option drawn.

    Grace periods (``min_grace`` to 12, of the ``graces`` kinds) where the method
    allows them and the term has more than one period. Amounts are drawn in each
    currency's minor unit, sometimes huge (up to 10**12) or tiny; rates sometimes tiny
    (unless ``min_rate`` is above zero); start dates sometimes in the calendar's last
    century. Terms from ``min_term`` instalments.
    """
    method = draw(st.sampled_from(methods))
    frequency = draw(st.sampled_from(frequencies))
    term = draw(terms(min(max_term, max_years * frequency.periods_per_year), min_term))
    start = draw(start_dates(late=late))
    currency = draw(st.sampled_from(currencies))
    options: dict[str, object] = {
        "method": method,
        "frequency": frequency,
        "day_count": draw(st.sampled_from(list(lr.DayCount) if frequency.months else UNSCHEDULED)),
        "interest_basis": draw(st.sampled_from(bases)),
        "rounding": draw(st.sampled_from(lr.RoundingMode)),
        "end_of_month": draw(st.booleans()),
    }
    if odd_first_period and draw(st.booleans()):
        regular = lr.tvm.add_periods(start, 1, frequency)
        span = (regular - start).days
        options["first_due_date"] = date.fromordinal(
            start.toordinal() + draw(st.integers(max(1, span // 2), span + span // 2))
        )
        options["odd_days"] = draw(st.sampled_from(lr.OddDays))
    if grace and method not in (lr.Method.BULLET, lr.Method.FLAT) and term > 1:
        options["grace_periods"] = draw(st.integers(min_grace, min(term - 1, 12)))
        options["grace"] = draw(st.sampled_from(graces))
    if method is lr.Method.BALLOON:
        longest = min(2 * term, max_years * frequency.periods_per_year)
        options["amortization_term"] = draw(st.integers(term, max(term, longest)))
    principal = draw(loan_amounts(lr.minor.minor_digits(currency)))
    rate = draw(loan_rates(max_rate, min_rate))
    loan = lr.Loan(principal, rate, term, start=start, currency=currency, **options)
    return _within_int64(loan)


def _within_int64(loan: lr.Loan) -> lr.Loan:
    """Return the loan, its principal a thousand times smaller until its schedule fits.

    A huge principal capitalized for years at a high rate grows past the 2**62 minor
    units a schedule holds, which ``amortize`` refuses (naming the rate); the loan a
    property needs is one that amortizes, so the amount is brought down, not the draw
    thrown away.
    """
    while loan.principal_minor > 10**12:
        try:
            lr.amortize(loan)
        except lr.InvalidTermsError as error:
            if "2**62" not in error.valid:
                raise
            smaller = loan.principal_minor // 1000
            loan = loan.replace(principal=lr.minor.to_major(smaller, loan.digits))
            continue
        break
    return loan


@st.composite
def loan_streams(draw: st.DrawFn, *, max_length: int = 120) -> list[float]:
    """Cash flows of a loan in the lender's view: an advance, then repayments summing to more.

    Rates between -50 % and 100 % a period are reachable; some repayments may be zero.
    """
    length = draw(st.integers(1, max_length))
    advance = draw(st.floats(100, 1e6))
    weights = draw(st.lists(st.integers(0, 1000), min_size=length, max_size=length))
    total = draw(st.floats(0.5, 3.0)) * advance
    if sum(weights) == 0:
        weights[-1] = 1
    scale = total / sum(weights)
    return [-advance, *(round(w * scale, 2) for w in weights)]


@st.composite
def dated_streams(draw: st.DrawFn, *, max_length: int = 60) -> tuple[list[date], list[float]]:
    """Dated loan flows: an advance on the first date, repayments on later dates."""
    flows = draw(loan_streams(max_length=max_length))
    start = draw(start_dates())
    gaps = draw(st.lists(st.integers(1, 120), min_size=len(flows) - 1, max_size=len(flows) - 1))
    dates = [start]
    for gap in gaps:
        dates.append(date.fromordinal(dates[-1].toordinal() + gap))
    return dates, flows


@st.composite
def penalty_policies(
    draw: st.DrawFn, *, batch: bool = False, late_fees: bool = True
) -> lr.PenaltyPolicy:
    """Penalty policies with every option drawn.

    ``batch=True`` draws only what ``batch.overdue_states`` models (no repeated fees,
    no contract interest running on), with bounds on the late fee. ``late_fees=False``
    draws policies with no late fee at all (penalty interest only).
    """
    options: dict[str, object] = {
        "base": draw(st.sampled_from(lr.PenaltyBase)),
        "compound": draw(st.booleans()),
        "interest_continues": not batch and draw(st.booleans()),
        "day_count": draw(st.sampled_from([lr.DayCount.ACT_360, lr.DayCount.ACT_365])),
        "grace_days": draw(st.integers(0, 15)),
        "grace_from": draw(st.sampled_from(lr.GraceFrom)),
        "late_fee": draw(st.sampled_from([0, 5, 25] if late_fees else [0])),
        "late_fee_share": draw(st.sampled_from(["0", "0.01", "0.05"] if late_fees else ["0"])),
    }
    if draw(st.booleans()):
        options["annual_rate"] = draw(annual_rates("0.5"))
    else:
        options["rate_multiplier"] = draw(st.sampled_from(["1", "1.3", "1.5"]))
    if batch:
        options["grace_days"] = draw(st.sampled_from([0, 3, 15, 40]))  # 40: past the next due
        options["late_fee_min"] = draw(st.sampled_from([None, 10] if late_fees else [None]))
        options["late_fee_max"] = draw(st.sampled_from([None, 30]))
    elif late_fees and draw(st.booleans()):
        options["late_fee_every_days"] = draw(st.integers(7, 60))
    return lr.PenaltyPolicy(**options)


def capitalizes(loan: lr.Loan) -> bool:
    """Whether the loan's schedule adds interest to the principal on some row."""
    return bool(lr.amortize(loan).minor_columns["principal"].min() < 0)


@st.composite
def overdue_accounts(
    draw: st.DrawFn,
    *,
    max_payments: int = 4,
    late_fees: bool = True,
    owing: bool = False,
    ahead: bool = False,
    rate_limits: bool = False,
    capitalizing: bool = True,
    judged_for: int = 0,
) -> tuple[lr.Loan, list[lr.Payment], date, lr.PenaltyPolicy, lr.law.Rule | None]:
    """A monthly loan, a few payments, a date some months in, a penalty policy and a rule.

    The loan may start with grace periods, interest-only or capitalizing (whose rows
    add their interest to the principal: nothing is due on them); with
    ``capitalizing=False`` only interest-only grace is drawn, for a rule that limits
    contract interest (refused on a schedule that capitalizes). The rule is a legal
    rule of any kind the loan admits (:func:`legal_rules`), or none (the contract);
    ``late_fees=False`` draws policies without late fees (:func:`penalty_policies`),
    ``rate_limits=True`` rules whose every limit is a rate.

    ``owing=True`` keeps the payments below the principal, so some principal is owed
    (and the payoff is positive); ``ahead=True`` also puts the date before the last due
    date and keeps the payments below the principal not yet due on it, so at least one
    minor unit of principal is not yet due. ``judged_for`` days: the rule must judge
    the account that long after the date too (a plan replays it forward).
    """
    graces = tuple(lr.Grace) if capitalizing else (lr.Grace.INTEREST_ONLY,)
    loan = draw(
        loans(
            methods=(lr.Method.ANNUITY, lr.Method.EQUAL_PRINCIPAL, lr.Method.FLAT),
            max_term=36,
            max_rate="0.36",
            frequencies=(lr.Frequency.MONTHLY,),
            graces=graces,
        )
    )
    if not capitalizing and capitalizes(loan):
        # A long first period whose interest outgrows the payment (by day count, at a
        # high rate): a regular first period does not, at these rates and terms.
        loan = loan.replace(first_due_date=None)
        assert not capitalizes(loan)
    schedule = lr.amortize(loan)
    # The last instalment that repays principal (a payment raised to repay may leave
    # rows of nothing at the end).
    paying = np.flatnonzero(schedule.minor_columns["principal"] > 0)
    last = schedule.due_dates[paying[-1]].item()
    most = (last - loan.start).days - 1 if ahead else 40 * 31
    horizon = draw(st.integers(0, min(40 * 31, most)))
    as_of = date.fromordinal(loan.start.toordinal() + horizon)
    count = draw(st.integers(0, max_payments))
    unit = Decimal(1).scaleb(-loan.digits)
    columns = schedule.minor_columns
    not_due = int(columns["principal"][schedule.due_dates > np.datetime64(as_of)].sum())
    # What the payments may take at most (a payment settles charges before principal).
    # Interest a grace period capitalizes is principal only once capitalized, and less
    # of it where principal is paid early: it is left out of what stays not yet due.
    capitalized = -int(columns["principal"][columns["principal"] < 0].sum())
    most = not_due - capitalized if ahead else loan.principal_minor
    room = lr.minor.to_major(most, loan.digits) - unit
    payments = []
    for _ in range(count):
        day = date.fromordinal(loan.start.toordinal() + draw(st.integers(0, horizon)))
        amount = draw(amounts("1", str(max(loan.principal, 1)), places=loan.digits))
        if owing or ahead:
            amount = min(amount, room)
            if amount <= 0:
                continue
            room -= amount
        payments.append(lr.Payment(day, amount))
    policy = draw(penalty_policies(late_fees=late_fees))
    rules = legal_rules(loan, as_of, rate_limits=rate_limits, judged_for=judged_for)
    rule = draw(st.one_of(st.none(), rules))
    return loan, payments, as_of, policy, rule


def overdue_limits() -> list[lr.law.Limit]:
    """Limits of overdue charges only: 10 % a year on overdue principal, late fees to 5.

    The rate runs on the overdue principal from each due date; neither limit touches
    contract interest.
    """
    return [
        lr.law.Limit(
            components=("penalty", "compound", "late_fee"),
            base="overdue",
            annual_rate="0.1",
            day_count="act/360",
            source="test",
        ),
        lr.law.Limit(components=("late_fee",), amount=5, source="test"),
    ]


@st.composite
def legal_rules(
    draw: st.DrawFn,
    loan: lr.Loan,
    as_of: date,
    *,
    rate_limits: bool = False,
    judged_for: int = 0,
) -> lr.law.Rule:
    """A legal rule that applies to ``loan`` replayed to ``as_of``: every kind the library ships.

    China's private-lending rule needs an LPR on the contract date (and a filing date
    for contracts before 2020-08-20 judged after it); the UK rule needs pounds. A loan
    whose schedule capitalizes interest admits only a rule that leaves contract
    interest alone (the replay refuses the others, naming ``rule``).
    ``rate_limits=True`` keeps the rules whose every limit is a rate (no share of the
    amount, no fixed amount), under which a rate still decides the payment; the rule
    judges the account up to ``judged_for`` days after ``as_of``.
    """
    overdue_only = lr.law.LegalRule(
        name="overdue charges only",
        limits=overdue_limits()[: 1 if rate_limits else draw(st.integers(1, 2))][::-1],
        excess=draw(st.sampled_from(lr.law.Excess)),
    )
    if capitalizes(loan):
        return overdue_only
    choices: list[lr.law.Rule] = [
        lr.law.AnnualRateCap(annual_rate=draw(st.sampled_from(["0.12", "0.24", "0.36"]))),
        lr.law.TotalCostCap(share=draw(st.sampled_from(["0.1", "0.3", "1"]))),
        lr.law.ChinaFinancialLoans(),
        overdue_only,
    ]
    table = lr.law.LPRTable.published()
    if lr.law.REFORM_DATE <= loan.start <= table.confirmed_to:
        choices.append(lr.law.ChinaPrivateLending())  # four times the LPR of the contract date
    if loan.start < lr.law.REFORM_DATE:
        filed = max(as_of, lr.law.REFORM_DATE)
        if filed <= table.confirmed_to:
            choices.append(lr.law.ChinaPrivateLending(filed=filed))  # the art. 31 transition
        if as_of.toordinal() + judged_for < lr.law.REFORM_DATE.toordinal():
            choices.append(lr.law.ChinaPrivateLending())  # the 24 % / 36 % regime
    if loan.currency in (None, "GBP"):
        choices.append(lr.law.UKHighCostShortTerm())
    if rate_limits:
        choices = [
            rule for rule in choices if all(limit.steps for limit in rule.limits(loan, as_of))
        ]
    return draw(st.sampled_from(choices))


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[list[lr.Loan], list[date], list[int], lr.PenaltyPolicy]:
    """Loans of one method and frequency, each with a date and a count of paid instalments."""
    method = draw(st.sampled_from(lr.Method))
    frequency = draw(st.sampled_from(lr.Frequency))
    rounding = draw(st.sampled_from(lr.RoundingMode))
    currency = draw(st.sampled_from(CURRENCIES))
    group = draw(
        st.lists(
            loans(
                methods=(method,),
                frequencies=(frequency,),
                currencies=(currency,),
                max_term=36,
                max_rate="0.4",
                grace=False,
                odd_first_period=False,
                bases=(lr.InterestBasis.PERIODIC,),
            ),
            min_size=1,
            max_size=4,
        )
    )
    # an instalment fee on some loans (a monthly service fee), none on others
    fees = st.sampled_from([0, 0, 1, 25])
    group = [loan.replace(rounding=rounding, instalment_fee=draw(fees)) for loan in group]
    dates, paid = [], []
    for loan in group:
        due = lr.amortize(loan).due_dates.astype(object).tolist()
        as_of = date.fromordinal(
            loan.start.toordinal() + draw(st.integers(0, (due[-1] - loan.start).days + 400))
        )
        dates.append(as_of)
        paid.append(draw(st.integers(0, sum(day <= as_of for day in due))))
    return group, dates, paid, draw(penalty_policies(batch=True))


def account_columns(
    group: list[lr.Loan], dates: list[date], paid: list[int], policy: lr.PenaltyPolicy
) -> dict[str, object]:
    """The batch arguments describing a portfolio of overdue accounts (minor units)."""
    method = group[0].method
    return {
        "principal": np.array([loan.principal_minor for loan in group]),
        "annual_rate": np.array([float(loan.annual_rate) for loan in group]),
        "term": np.array([loan.term for loan in group]),
        "start": np.array([loan.start for loan in group], dtype="datetime64[D]"),
        "as_of": np.array(dates, dtype="datetime64[D]"),
        "paid": np.array(paid),
        "penalty": policy,
        "method": method,
        "frequency": group[0].frequency,
        "amortization_term": (
            np.array([loan.amortization_term for loan in group])
            if method is lr.Method.BALLOON
            else None
        ),
        "rounding": group[0].rounding,
        "end_of_month": np.array([loan.end_of_month for loan in group]),
        "digits": group[0].digits,
        "minor_units": True,
        "instalment_fee": np.array(
            [int(loan.instalment_fee.scaleb(loan.digits)) for loan in group]
        ),
    }


def replayed(loan: lr.Loan, as_of: date, paid: int, policy: lr.PenaltyPolicy) -> lr.AccountState:
    """The one-account state after ``paid`` instalments paid in full on their due dates."""
    schedule = lr.amortize(loan)
    due = schedule.minor_columns["payment"] + schedule.minor_columns["fee"]  # fee included
    payments = [
        # each amount exact: a float quotient loses the last unit past 2**53 minor units
        lr.Payment(day, Decimal(int(amount)).scaleb(-loan.digits))
        for day, amount in zip(
            schedule.due_dates.astype(object)[:paid], due[:paid].tolist(), strict=True
        )
        if amount  # an instalment of nothing needs no payment
    ]
    return lr.account_state(loan, payments, as_of=as_of, penalty=policy)
