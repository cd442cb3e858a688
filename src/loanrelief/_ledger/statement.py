"""An account from what a lender's statement shows.

Borrowers rarely hold a loan's payment history; they hold the collector's statement:
"as of today: principal 8,432.10, interest 612.00, 罚息 210.40, fees 150.00, 97 days
overdue". A :class:`Statement` takes those figures and the terms that govern the
future, checks that they add up and fit together, and gives the schedule the replay
starts from (:attr:`Statement.schedule`): the arrears as one instalment that fell due
``days_past_due`` days ago, then the remaining instalments. ``account_state(statement,
...)`` is then the same :class:`~loanrelief.AccountState` a replay of the history
would give, and everything downstream (``evaluate``, ``compare``, ``solve``,
``cost_of_delay``, plots) works from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, final

import numpy as np
import numpy.typing as npt

from loanrelief._foundations.currency import minor_digits
from loanrelief._foundations.dates import Frequency, grid_dates, period_grid, shift_periods
from loanrelief._foundations.daycount import DayCount
from loanrelief._foundations.errors import InvalidTermsError, InvalidTypeError, InvalidValueError
from loanrelief._foundations.money import (
    MAX_MAJOR,
    Money,
    Rate,
    RoundingMode,
    exact_decimals,
    minor_of,
    to_major,
    to_minor,
)
from loanrelief._foundations.rendered import Rendered
from loanrelief._foundations.reprs import short_repr
from loanrelief._foundations.validate import (
    a_date,
    a_flag,
    a_sequence,
    day_array,
    parse_enum,
    whole_number,
)
from loanrelief._loans.amortization import accrued_share, reamortize
from loanrelief._loans.schedule import Schedule
from loanrelief._loans.terms import MAX_TERM, InterestBasis, Loan, Method

__all__ = ["Statement"]

# Methods whose future a statement can state: the rows follow from the balance alone.
_STATED = (Method.ANNUITY, Method.EQUAL_PRINCIPAL, Method.INTEREST_ONLY)
_LISTED = (*_STATED, Method.FLAT)  # and, with the rows listed, flat (add-on) loans
_MOST_DAYS_PAST_DUE = 36_600  # a hundred years


@final
@dataclass(frozen=True, slots=True, init=False, repr=False)
class Statement(Rendered):
    """What a lender's statement shows on a date, and the terms that govern the future.

    Parameters
    ----------
    as_of : datetime.date
        The statement's date.
    outstanding_principal : Decimal, int or str
        All principal not yet repaid, overdue or not (剩余本金); positive.
    annual_rate : rate
        The contract's nominal annual rate for the remaining instalments.
    overdue_principal, overdue_interest : Decimal, int or str, default 0
        Principal and interest of instalments past due and unpaid (逾期本金, 逾期利息).
    penalty : Decimal, int or str, default 0
        Penalty and compound interest charged and unpaid (罚息, 复利).
    fees : Decimal, int or str, default 0
        Late fees and other fees due and unpaid (违约金, 滞纳金).
    costs : Decimal, int or str, default 0
        Enforcement costs charged to the account (litigation, lawyers' fees).
    days_past_due : int, default 0
        Days since the oldest instalment with unpaid principal or interest fell due;
        positive exactly when some principal or interest is overdue.
    accrued_interest : Decimal, int or str, optional
        Interest of the current period so far, if the statement shows it; checked
        against the terms (the first remaining instalment's interest in proportion to
        the days elapsed). By default computed so.
    total : Decimal, int or str, optional
        The statement's total owed (应还总额), if it shows one: checked to equal the
        sum of the parts, the accrued interest included.
    next_due_date : datetime.date, optional
        The next due date; with ``remaining_instalments`` or ``maturity`` it sets the
        remaining due dates, one period apart (``frequency``, ``end_of_month``).
    remaining_instalments : int, optional
        How many instalments are still to fall due (剩余期数).
    maturity : datetime.date, optional
        The last due date, instead of (or besides) ``remaining_instalments``.
    due_day : int, optional
        The contract's day of the month (1 to 31), where the next due date is clipped
        to a shorter month: 31 for a loan due on the 31st whose next date is April 30
        (later dates clipped to each month's length, ``end_of_month`` aside). By
        default the next due date's day.
    payment : Decimal, int or str, optional
        The regular instalment (月供) of an annuity: the remaining rows pay it, the last
        one what is left. By default the remaining principal is re-amortized at the
        rate over the remaining dates.
    instalments : sequence of (date, principal, interest), optional
        The remaining instalments exactly as the statement lists them (还款计划),
        instead of the dates, count and payment above; the first may be due on
        ``as_of`` (due now). With them the method may also be ``flat``. An instalment
        due after ``as_of`` may have a negative principal, as a schedule's row does:
        interest it capitalizes (a grace period's, its payment being less than its
        interest).
    period_start : datetime.date, optional
        The start of the current period (the last due date, or the loan's start):
        by default one period before the next due date.
    method, frequency, day_count, interest_basis, end_of_month, instalment_fee, \
currency, rounding
        As for :class:`~loanrelief.Loan`; the method is ``annuity``,
        ``equal_principal`` or ``interest_only``.

    Attributes
    ----------
    schedule : Schedule
        The account as the replay sees it: one instalment with the arrears, due
        ``days_past_due`` days before ``as_of`` (on the current period's start if
        nothing but penalty or fees is overdue), then the remaining instalments. Its
        loan lends the outstanding principal from the current period's start.
    interest_due_today : Decimal
        The interest of a listed instalment due on ``as_of`` (due now, not yet overdue).
    payoff : Decimal
        Everything the statement shows as owed, the accrued interest included.

    Raises
    ------
    InvalidValueError
        For a figure that is not an amount, a date off the calendar, or a figure
        the others contradict: overdue principal above the outstanding principal, days
        past due without anything overdue (or the reverse), a total that is not the
        sum of the parts, accrued interest other than the terms give, remaining
        instalments without principal left to fall due. The error names the figure.
    InvalidTermsError
        For terms that do not fit the figures: a next due date not after ``as_of``,
        a payment that repays the balance in fewer instalments than stated, a
        maturity off the grid of due dates.

    Notes
    -----
    A statement carries no history, so its penalty, fees and overdue interest are
    taken as they are. From ``as_of`` on, the replay accrues charges for lateness on
    the overdue principal (and interest, as the penalty policy says) exactly as it
    would on the instalments they came from: penalty is linear in its base, so the
    sum over the instalments is the rate on their sum. A legal rule's ceilings are
    measured from the whole history (the principal in use since the loan was made,
    overdue principal from each due date), which a statement does not show: the
    court view needs the contract and its payments (``court_view(loan, payments)``).

    Examples
    --------
    >>> import loanrelief as lr
    >>> statement = lr.Statement(
    ...     as_of=date(2024, 6, 20), outstanding_principal="8432.10",
    ...     overdue_principal="1810.00", overdue_interest="612.00", penalty="210.40",
    ...     fees=150, days_past_due=97, annual_rate="0.24",
    ...     next_due_date=date(2024, 7, 15), remaining_instalments=8)
    >>> statement.accrued_interest, statement.payoff
    (Decimal('22.07'), Decimal('9426.57'))
    >>> state = lr.account_state(statement, as_of=statement.as_of,
    ...                          penalty=lr.PenaltyPolicy(rate_multiplier="1.5"))
    >>> state.payoff == statement.payoff, state.days_past_due
    (True, 97)
    >>> state.on(date(2024, 6, 30)).penalty
    Decimal('228.25')
    """

    as_of: date
    outstanding_principal: Decimal
    annual_rate: Decimal
    overdue_principal: Decimal
    overdue_interest: Decimal
    penalty: Decimal
    fees: Decimal
    costs: Decimal
    days_past_due: int
    accrued_interest: Decimal
    interest_due_today: Decimal
    period_start: date
    due_dates: tuple[date, ...]
    payment: Decimal | None
    method: Method
    frequency: Frequency
    day_count: DayCount
    interest_basis: InterestBasis
    end_of_month: bool
    instalment_fee: Decimal
    currency: str | None
    rounding: RoundingMode
    schedule: Schedule = field(compare=False)

    def __init__(  # noqa: PLR0915 - one figure of the statement each, checked in order
        self,
        *,
        as_of: date,
        outstanding_principal: Money,
        annual_rate: Rate,
        overdue_principal: Money = 0,
        overdue_interest: Money = 0,
        penalty: Money = 0,
        fees: Money = 0,
        costs: Money = 0,
        days_past_due: int = 0,
        accrued_interest: Money | None = None,
        total: Money | None = None,
        next_due_date: date | None = None,
        remaining_instalments: int | None = None,
        maturity: date | None = None,
        due_day: int | None = None,
        payment: Money | None = None,
        instalments: Sequence[tuple[date, Money, Money]] | None = None,
        period_start: date | None = None,
        method: Method | str = Method.ANNUITY,
        frequency: Frequency | str = Frequency.MONTHLY,
        day_count: DayCount | str = DayCount.ACT_365,
        interest_basis: InterestBasis | str = InterestBasis.PERIODIC,
        end_of_month: bool = False,
        instalment_fee: Money = 0,
        currency: str | None = None,
        rounding: RoundingMode | str = RoundingMode.HALF_EVEN,
    ) -> None:
        set_ = object.__setattr__
        digits = minor_digits(currency)
        as_of = a_date(as_of, "as_of")
        amounts = {
            name: to_minor(value, field=name, digits=digits)
            for name, value in (
                ("overdue_principal", overdue_principal),
                ("overdue_interest", overdue_interest),
                ("penalty", penalty),
                ("fees", fees),
                ("costs", costs),
            )
        }
        outstanding = to_minor(
            outstanding_principal,
            field="outstanding_principal",
            digits=digits,
            minimum=1,
            maximum=MAX_MAJOR,
        )
        if amounts["overdue_principal"] > outstanding:
            raise InvalidTermsError(
                "overdue_principal",
                overdue_principal,
                f"at most the outstanding principal {to_major(outstanding, digits)}",
            )
        late = whole_number(days_past_due, "days_past_due", 0, _MOST_DAYS_PAST_DUE)
        overdue = amounts["overdue_principal"] + amounts["overdue_interest"]
        if bool(late) != bool(overdue):
            valid = (
                "0: nothing is overdue (overdue_principal and overdue_interest are 0)"
                if not overdue
                else "at least 1: principal or interest is overdue"
            )
            raise InvalidTermsError("days_past_due", days_past_due, valid)
        oldest = _days_before(as_of, late)
        method = parse_enum(method, Method, "method")
        if method not in (_STATED if instalments is None else _LISTED):
            raise InvalidTermsError(
                "method",
                method.value,
                "annuity, equal_principal or interest_only (a statement's future rows "
                "follow from its balance), or flat with the instalments listed",
            )
        # The loan the remaining rows are made from: the principal left to fall due.
        future = outstanding - amounts["overdue_principal"]
        options: dict[str, Any] = {
            "method": method,
            "frequency": frequency,
            "day_count": day_count,
            "interest_basis": interest_basis,
            "end_of_month": a_flag(end_of_month, "end_of_month"),
            "instalment_fee": instalment_fee,
            "currency": currency,
            "rounding": rounding,
        }
        probe = Loan(1, annual_rate, 1, start=date(2000, 1, 1), **options)  # checks the options
        stated = None if payment is None else _payment(payment, digits, method)
        rows: list[tuple[date, int, int]]
        before: date | None = None  # the contract's due date before the next one
        if instalments is not None:
            _none_beside(
                "instalments",
                next_due_date=next_due_date,
                remaining_instalments=remaining_instalments,
                maturity=maturity,
                due_day=due_day,
                payment=payment,
            )
            rows = _listed(instalments, as_of, digits)
        else:
            dates, before = _grid(
                probe, as_of, future, next_due_date, remaining_instalments, maturity, due_day
            )
            rows = []
        dates_ = [row[0] for row in rows] if instalments is not None else dates
        if period_start is None:
            if dates_:
                period_start = before or shift_periods(
                    dates_[0], -1, probe.frequency, end_of_month=probe.end_of_month
                )
                period_start = min(period_start, as_of)
            else:
                period_start = min(oldest, as_of)
        else:
            period_start = a_date(period_start, "period_start")
        if period_start > as_of:
            raise InvalidTermsError("period_start", period_start, f"a date on or before {as_of}")
        reach = shift_periods(period_start, 2, probe.frequency)
        if dates_:
            if dates_[0] <= period_start:
                raise InvalidTermsError(
                    "period_start", period_start, f"a date before the next due date {dates_[0]}"
                )
            if dates_[0] > reach and instalments is None:
                raise InvalidTermsError(
                    "period_start",
                    period_start,
                    f"a date at most two periods before the next due date {dates_[0]}",
                )
        if late and oldest > period_start:
            raise InvalidTermsError(
                "days_past_due",
                days_past_due,
                f"at least {(as_of - period_start).days}: the oldest overdue instalment "
                f"fell due on or before the current period began ({period_start})",
            )
        loan = Loan(
            to_major(outstanding, digits),
            annual_rate,
            max(len(dates_), 1),
            start=period_start,
            # listed instalments may start later (after a holiday): the loan's own grid
            # is then not theirs, and only its options are read
            first_due_date=dates_[0] if dates_ and dates_[0] <= reach else None,
            **options,
        )
        if instalments is None and future:
            ahead = _rows(loan, future, dates_, stated, regular=period_start == before)
            if len(ahead) != len(dates_):
                raise InvalidTermsError(
                    "payment",
                    payment,
                    f"a payment that takes all {len(dates_)} remaining instalments to "
                    f"repay {to_major(future, digits)} (this one takes {len(ahead)})",
                )
            rows = ahead
        listed = sum(principal for _, principal, _ in rows)
        if listed != future:
            raise InvalidTermsError(
                "instalments",
                instalments,
                f"instalments whose principal adds to the principal not yet due "
                f"{to_major(future, digits)} (they add to {to_major(listed, digits)})",
            )
        arrears = overdue or amounts["penalty"] or amounts["fees"]
        fee = minor_of(loan.instalment_fee, digits)
        due = ([oldest if late else period_start] if arrears else []) + [r[0] for r in rows]
        schedule = Schedule(
            loan,
            day_array(due, "due"),
            interest=([amounts["overdue_interest"]] if arrears else []) + [r[2] for r in rows],
            principal=([amounts["overdue_principal"]] if arrears else []) + [r[1] for r in rows],
            # an instalment due on as_of has its fee among the fees due
            fee=np.array(
                ([0] if arrears else []) + [0 if r[0] == as_of else fee for r in rows],
                dtype=np.int64,
            ),
        )
        # The current period: the first instalment due after as_of (one due on as_of,
        # listed, is due now, and the next period begins with it).
        accrued = today = 0
        for k, (day, _, interest) in enumerate(rows):
            if day == as_of:
                today = interest
                continue
            begin = period_start if k == 0 else rows[k - 1][0]
            accrued = accrued_share(interest, begin, day, as_of, loan.rounding)
            break
        _agrees(
            accrued_interest,
            "accrued_interest",
            accrued,
            digits,
            f"{to_major(accrued, digits)}: the next instalment's interest in proportion to "
            f"the days elapsed of its period (from {period_start})",
        )
        owed = outstanding + overdue - amounts["overdue_principal"]
        owed += amounts["penalty"] + amounts["fees"] + amounts["costs"] + accrued + today
        _agrees(
            total,
            "total",
            owed,
            digits,
            f"the sum of the parts {to_major(owed, digits)} (principal, overdue interest, "
            "penalty, fees, costs, interest due and accrued interest)",
        )
        for name, value in amounts.items():
            set_(self, name, to_major(value, digits))
        set_(self, "as_of", as_of)
        set_(self, "outstanding_principal", to_major(outstanding, digits))
        set_(self, "annual_rate", loan.annual_rate)
        set_(self, "days_past_due", late)
        set_(self, "accrued_interest", to_major(accrued, digits))
        set_(self, "interest_due_today", to_major(today, digits))
        set_(self, "period_start", period_start)
        set_(self, "due_dates", tuple(r[0] for r in rows))
        set_(self, "payment", None if stated is None else to_major(stated, digits))
        for name in ("method", "frequency", "day_count", "interest_basis", "end_of_month"):
            set_(self, name, getattr(loan, name))
        set_(self, "instalment_fee", loan.instalment_fee)
        set_(self, "currency", loan.currency)
        set_(self, "rounding", loan.rounding)
        set_(self, "schedule", schedule)

    @property
    @exact_decimals
    def payoff(self) -> Decimal:
        """Everything owed on the statement's date, the accrued interest included.

        Examples
        --------
        >>> Statement(as_of=date(2024, 3, 1), outstanding_principal=500, annual_rate=0,
        ...           overdue_principal=500, days_past_due=30, fees=25).payoff
        Decimal('525.00')
        """
        return (
            self.outstanding_principal
            + self.overdue_interest
            + self.penalty
            + self.fees
            + self.costs
            + self.accrued_interest
            + self.interest_due_today
        )

    @property
    def arrears(self) -> bool:
        """Whether the schedule starts with the arrears instalment (something is overdue)."""
        return bool(self.overdue_principal or self.overdue_interest or self.penalty or self.fees)

    def __repr__(self) -> str:
        # The schedule's inputs are kept as the due dates and the total only checked:
        # the line shows the statement's figures.
        shape = ("total", "next_due_date", "remaining_instalments", "maturity", "due_day")
        return short_repr(self, instalments=None, **dict.fromkeys(shape, None))

    _renders: ClassVar[str] = "loanrelief._presentation.ledger:statement"


def _payment(payment: Money, digits: int, method: Method) -> int:
    if method is not Method.ANNUITY:
        raise InvalidTermsError(
            "payment", payment, "no payment for an equal-principal or interest-only loan"
        )
    return to_minor(payment, field="payment", digits=digits, minimum=1)


def _agrees(stated: Money | None, field: str, computed: int, digits: int, valid: str) -> None:
    """Refuse a figure a statement shows that is not the one its other figures make."""
    if stated is not None and to_minor(stated, field=field, digits=digits) != computed:
        raise InvalidTermsError(field, stated, valid)


def _days_before(as_of: date, days: int) -> date:
    if days > (as_of - date.min).days:
        raise InvalidTermsError(
            "days_past_due", days, f"at most {(as_of - date.min).days} (the calendar's start)"
        )
    return as_of - timedelta(days=days)


def _none_beside(given: str, **others: object) -> None:
    for name, value in others.items():
        if value is not None:
            raise InvalidTermsError(name, value, f"None: {given} lists the instalments")


def _listed(
    instalments: Sequence[tuple[date, Money, Money]], as_of: date, digits: int
) -> list[tuple[date, int, int]]:
    """Return the listed instalments as (date, principal, interest) in minor units."""
    rows = []
    last = as_of
    for k, item in enumerate(a_sequence(instalments, "instalments")):
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise InvalidTypeError(
                f"instalments[{k}]", item, "a (due date, principal, interest) triple"
            )
        day = a_date(item[0], f"instalments[{k}][0]")
        if day < last or (k and day == last):
            raise InvalidValueError(
                f"instalments[{k}][0]",
                day,
                f"a due date after {last} (increasing, from as_of on)",
            )
        # A negative principal is interest the row capitalizes (its payment is less
        # than its interest), as in a schedule: only for a row not yet due.
        principal = to_minor(item[1], field=f"instalments[{k}][1]", digits=digits, minimum=None)
        interest = to_minor(item[2], field=f"instalments[{k}][2]", digits=digits)
        if principal < 0 and (day == as_of or principal + interest < 0):
            raise InvalidValueError(
                f"instalments[{k}][1]",
                item[1],
                "an amount of at least 0, or for an instalment due after as_of one of at "
                f"least minus its interest {to_major(-interest, digits)} (interest capitalized)",
            )
        rows.append((day, principal, interest))
        last = day
    if len(rows) > MAX_TERM:
        raise InvalidValueError("instalments", len(rows), f"at most {MAX_TERM} instalments")
    return rows


def _grid(  # noqa: PLR0917 - the figures that set the dates, each checked here
    probe: Loan,
    as_of: date,
    future: int,
    next_due_date: date | None,
    remaining: int | None,
    maturity: date | None,
    due_day: int | None,
) -> tuple[list[date], date | None]:
    """Return the remaining due dates from the next one, the count and the maturity."""
    if not future:
        for name, value in (
            ("remaining_instalments", remaining),
            ("next_due_date", next_due_date),
            ("maturity", maturity),
        ):
            if value:
                raise InvalidTermsError(
                    name,
                    value,
                    "None or 0: no principal is left to fall due (the outstanding "
                    "principal is all overdue)",
                )
        return [], None
    if next_due_date is None:
        raise InvalidTermsError(
            "next_due_date",
            None,
            "the next due date: principal is left to fall due (or give instalments)",
        )
    first = a_date(next_due_date, "next_due_date")
    if first <= as_of:
        raise InvalidTermsError("next_due_date", first, f"a date after as_of {as_of}")
    grid = _Grid(first, probe, due_day)
    count = None
    if remaining is not None:
        count = whole_number(remaining, "remaining_instalments", 1, MAX_TERM)
    if maturity is not None:
        last = a_date(maturity, "maturity")
        per_year = probe.frequency.periods_per_year
        guess = round((last - first).days * per_year / Fraction(36525, 100)) + 1
        found = [
            k for k in (guess - 1, guess, guess + 1) if 1 <= k <= MAX_TERM and grid.nth(k) == last
        ]
        if not found or (count is not None and found[0] != count):
            valid = f"the due date {count} regular periods" if count else "a due date"
            raise InvalidTermsError("maturity", last, f"{valid} on from the next due date {first}")
        count = found[0]
    if count is None:
        raise InvalidTermsError(
            "remaining_instalments",
            None,
            "the number of instalments still to fall due (or the maturity, or instalments)",
        )
    if grid.nth(count) is None:
        raise InvalidValueError(
            "remaining_instalments", count, "instalments that fall due by 9999-12-31"
        )
    dates: list[date] = grid.dates(count).astype(object).tolist()
    return dates, grid.before()


class _Grid:
    """The remaining due dates: from the next one, on the contract's day of the month."""

    def __init__(self, first: date, probe: Loan, due_day: int | None) -> None:
        self.frequency = probe.frequency
        self.end_of_month = probe.end_of_month
        self.first = first
        self.anchor, self.offset = first, 0
        if due_day is None:
            return
        if not self.frequency.months:
            raise InvalidTermsError(
                "due_day", due_day, f"None for a {self.frequency.value} loan (monthly or longer)"
            )
        day = whole_number(due_day, "due_day", 1, 31)
        # January has every day: the anchor is in the first's year, the steps in months
        self.anchor = date(first.year, 1, day)
        self.offset = first.month - 1
        if self.dates(1)[0] != np.datetime64(first, "D"):
            raise InvalidTermsError(
                "due_day", due_day, f"{first.day}: the day the next due date {first} falls on"
            )

    def dates(self, count: int) -> npt.NDArray[np.datetime64]:
        """Return the first ``count`` due dates (unchecked against the calendar's end)."""
        if not self.offset and self.anchor == self.first:
            return grid_dates(self.first, count, self.frequency, self.first, self.end_of_month)
        months = self.frequency.months
        steps = np.arange(count, dtype=np.int64) * months + self.offset
        return period_grid(np.datetime64(self.anchor, "D"), steps, Frequency.MONTHLY)

    def before(self) -> date:
        """Return the due date one period before the first (the current period's start)."""
        if not self.offset and self.anchor == self.first:
            return shift_periods(self.first, -1, self.frequency, end_of_month=self.end_of_month)
        step = np.array(self.offset - self.frequency.months, dtype=np.int64)
        day = period_grid(np.datetime64(self.anchor, "D"), step, Frequency.MONTHLY).item()
        assert isinstance(day, date)  # within the calendar: the first is
        return day

    def nth(self, count: int) -> date | None:
        """Return the ``count``-th due date (the first is 1), if within the calendar."""
        last = self.dates(count)[-1]
        if last > np.datetime64("9999-12-31", "D"):
            return None
        day = last.item()
        return day if isinstance(day, date) else None


def _rows(
    loan: Loan, future: int, dates: list[date], payment: int | None, *, regular: bool
) -> list[tuple[date, int, int]]:
    """Return the remaining rows: the principal not yet due re-amortized on the dates.

    A current period that is one period of the contract's grid earns the regular
    rate (with the periodic basis), though its dates may differ in length from the
    new loan's own first period.
    """
    ahead = loan.replace(principal=to_major(future, loan.digits), term=len(dates))
    first_rate = None
    if regular and loan.interest_basis is InterestBasis.PERIODIC:
        first_rate = loan.rate / loan.frequency.periods_per_year
    schedule = reamortize(ahead, day_array(dates, "dates"), payment=payment, first_rate=first_rate)
    columns = schedule.minor_columns
    return [
        (day, int(principal), int(interest))
        for day, principal, interest in zip(
            schedule.due_dates.astype(object).tolist(),
            columns["principal"].tolist(),
            columns["interest"].tolist(),
            strict=True,
        )
    ]
