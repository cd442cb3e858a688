"""Published Chinese judgments on interest ceilings, reproduced with the library.

The judgments, their facts and awarded figures, and how each maps to a library call are
in ``tests/reference/judgments.json`` (sources in ``tests/reference/README.md``). Five
kinds of check:

- the library's allowed charges against the judgment's own formula computed by hand
  (principal x rate x days / the year the judgment divides by), on the account the
  judgment describes;
- the hand formula against each sum the judgment states, within half a unit of the
  sum's last digit;
- a rate the judgment derives (a contract rate times a multiplier, the LPR plus a
  spread, four times the LPR or the PBOC benchmark rate of a date) against its parts;
- for a chain of rolled-over IOUs (``kind: "rollover"``), the principal the library
  recognises on each IOU (``rollover_view``) against the judgment's finding and against
  the hand rule min(written, earlier principal + capped interest + new money);
- a lender's schedule a judgment states (``kind: "schedule"``: what the first instalments
  paid, what they left) against the library's amortization.

A check the library fails for a defect being fixed is marked ``xfail(strict=True)`` in the
reference file, naming the defect; every other mismatch is recorded in the entry's
``note`` or ``not_reproduced`` and is not tuned away. Where the court's figure differs, an
entry's ``library`` checks pin the library's own figure on the same account against a
hand formula of its reading (or against figures the judgment states of the lender's
schedule), so that the difference stays documented and a change in either is seen.

A report that prints no case number (a court's news item, a newspaper, a dataset row)
has ``case_number: null`` and says why in ``case_number_missing``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import loanrelief as lr

REFERENCE = Path(__file__).parent / "reference"
DOC: dict[str, Any] = json.loads((REFERENCE / "judgments.json").read_text(encoding="utf-8"))
JUDGMENTS: list[dict[str, Any]] = DOC["judgments"]
CENT = Decimal("0.01")
CASE_NUMBER = re.compile(r"^（\d{4}）\S+号$")


def hand(terms: list[dict[str, Any]]) -> Fraction:
    """The sum of principal x rate x days / year (or x months / 12), exactly."""
    total = Fraction(0)
    for term in terms:
        base = Fraction(term["principal"]) * Fraction(term["rate"])
        if "months" in term:
            total += base * term["months"] / 12
        else:
            total += base * term["days"] / term["year"]
    return total


def as_decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal to well below the cent (for comparisons only)."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def loan_of(spec: dict[str, Any]) -> lr.Loan:
    """The Loan a check describes (dates as ISO strings, amounts as strings)."""
    options = dict(spec)
    principal = options.pop("principal")
    rate = options.pop("annual_rate")
    term = options.pop("term")
    for key in ("start", "first_due_date"):
        if key in options:
            options[key] = date.fromisoformat(options[key])
    return lr.Loan(principal, rate, term, **options)


def rule_of(spec: dict[str, Any]) -> lr.law.ChinaPrivateLending | lr.law.ChinaFinancialLoans:
    """The Chinese rule a check names."""
    if spec["kind"] == "private":
        filed = spec.get("filed")
        return lr.law.ChinaPrivateLending(
            filed=None if filed is None else date.fromisoformat(filed)
        )
    assert spec["kind"] == "financial"
    return lr.law.ChinaFinancialLoans(measure=spec.get("measure", "per_due_date"))


def ious_of(check: dict[str, Any]) -> list[lr.law.IOU]:
    """The chain of IOUs a rollover check describes."""
    return [
        lr.law.IOU(
            date.fromisoformat(iou["made"]),
            iou["amount"],
            iou["annual_rate"],
            iou.get("new_money"),
            term_months=iou.get("term_months", 12),
            interest_paid=iou.get("interest_paid", 0),
        )
        for iou in check["ious"]
    ]


def view_of(check: dict[str, Any]) -> lr.CourtView:
    """The court view of the account a check describes."""
    payments = [lr.Payment(date.fromisoformat(day), amount) for day, amount in check["payments"]]
    penalty = None if check["penalty"] is None else lr.PenaltyPolicy(**check["penalty"])
    return lr.court_view(
        loan_of(check["loan"]),
        payments,
        as_of=date.fromisoformat(check["as_of"]),
        penalty=penalty,
        rule=rule_of(check["rule"]),
    )


def reproductions(kind: str = "reproduce") -> Iterator[Any]:
    """Every library check of a kind, with its strict xfail mark where a known defect fails it."""
    for judgment in JUDGMENTS:
        checks = judgment.get("reproduced", {}).get("checks", []) + judgment.get("library", [])
        for check in checks:
            if check["kind"] != kind:
                continue
            marks = []
            if "xfail" in check:
                marks.append(pytest.mark.xfail(strict=True, reason=check["xfail"]))
            yield pytest.param(check, id=check["id"], marks=marks)


def stated_sums() -> Iterator[Any]:
    """Every sum a judgment states that its formula is checked against."""
    for judgment in JUDGMENTS:
        stated = judgment.get("stated", []) + judgment.get("reproduced", {}).get("stated", [])
        for k, item in enumerate(stated):
            yield pytest.param(item, id=f"{judgment['id']}-{k}")


def derived_rates() -> Iterator[Any]:
    """Every rate a judgment derives from other rates."""
    for judgment in JUDGMENTS:
        for k, item in enumerate(judgment.get("rates", [])):
            yield pytest.param(item, id=f"{judgment['id']}-{k}")


# -- the reference file ------------------------------------------------------------------


def test_at_least_twenty_judgments_each_with_its_facts_and_source() -> None:
    """Twenty or more judgments, each identified, sourced, and reproduced or not with a reason."""
    assert len(JUDGMENTS) >= 20
    assert len({j["id"] for j in JUDGMENTS}) == len(JUDGMENTS)
    numbers = [j["case_number"] for j in JUDGMENTS if j["case_number"] is not None]
    assert len(set(numbers)) == len(numbers)
    for judgment in JUDGMENTS:
        assert judgment["court"]
        if judgment["case_number"] is None:  # a report that does not print it says so
            assert judgment["case_number_missing"], judgment["id"]
        else:
            assert CASE_NUMBER.match(judgment["case_number"]), judgment["case_number"]
        assert judgment["date"] is None or date.fromisoformat(judgment["date"])
        assert judgment["source"].startswith(("http://", "https://"))
        assert judgment["kind"].split(" ")[0] in {"private", "financial"}
        assert judgment["facts"]
        assert judgment["awarded"]
        assert ("reproduced" in judgment) != ("not_reproduced" in judgment), judgment["id"]
        if "reproduced" in judgment:
            assert judgment["reproduced"]["how"]
            assert judgment["reproduced"]["tolerance"]
            assert judgment["reproduced"]["checks"]
        else:
            assert judgment["not_reproduced"]


def test_the_reference_readme_lists_the_judgments_file() -> None:
    """The README describes judgments.json and where it is tested."""
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    assert "judgments.json" in readme
    assert "tests/test_judgments.py" in readme


def test_the_set_covers_both_regimes_and_both_kinds_of_lender() -> None:
    """Private lending before and after 2020-08-20, the transition, and financial loans."""
    topics = {topic for j in JUDGMENTS for topic in j["topics"]}
    kinds = {j["kind"].split(" ")[0] for j in JUDGMENTS}
    assert kinds == {"private", "financial"}
    assert "art. 31 transition" in topics
    assert "2015 regime" in topics
    assert any("withheld" in topic for topic in topics)
    assert any("rollover" in topic or "借新还旧" in topic for topic in topics)
    assert any("online" in topic or "app" in j["kind"] for j in JUDGMENTS for topic in j["topics"])


# -- the library against the judgment's method -------------------------------------------


@pytest.mark.parametrize("check", list(reproductions()))
def test_library_allows_what_the_judgment_awards(check: dict[str, Any]) -> None:
    """The charges the library allows equal the judgment's formula; the principal it recognises."""
    view = view_of(check)
    allowed = view.allowed.allowed
    lines = sum(1 for amount in allowed.values() if amount)
    tolerance = CENT * max(lines, 1)
    total = sum(allowed.values(), Decimal(0))
    expected = as_decimal(hand(check["hand"]))
    assert abs(total - expected) <= tolerance, (total, expected)
    expect = check["expect"]
    assert view.recognised_principal == Decimal(expect["recognised_principal"])
    if "enforceable_payoff" in expect:
        payoff = Decimal(expect["enforceable_payoff"])
        assert abs(view.enforceable_payoff - payoff) <= tolerance, view.enforceable_payoff


@pytest.mark.parametrize("check", list(reproductions("rollover")))
def test_library_recognises_the_principal_the_judgment_finds_on_each_iou(
    check: dict[str, Any],
) -> None:
    """Each IOU's recognised principal: the judgment's finding, and the hand rule.

    A chain under an entry's ``library`` (the court's finding differs, as its
    ``not_reproduced`` explains) is checked against the hand rule only: its expected
    principals are the hand rule's, to the cent.

    By hand, IOU k recognises min(written_k, P_(k-1) + interest - paid + new money), the
    interest being the check's terms (the earlier principal at the lower of the agreed
    rate and the ceiling, by the judgment's day count), less the interest paid in cash
    on the earlier IOU (here never more than that interest).
    """
    ious = ious_of(check)
    view = lr.law.rollover_view(
        ious, as_of=date.fromisoformat(check["as_of"]), rule=rule_of(check["rule"])
    )
    found = [line.principal for line in view.lines]
    assert found == [Decimal(p) for p in check["expect"]["principals"]]
    first = ious[0].new_money if ious[0].new_money is not None else ious[0].amount
    assert found[0] == first
    for k in range(1, len(ious)):
        by_hand = min(
            Fraction(ious[k].amount),
            Fraction(found[k - 1])
            + hand(check["hand"][k - 1])
            - Fraction(ious[k - 1].interest_paid)
            + Fraction(ious[k].new_money or 0),
        )
        assert abs(found[k] - as_decimal(by_hand)) <= CENT, (k, found[k], by_hand)


@pytest.mark.parametrize("check", list(reproductions("schedule")))
def test_library_schedule_matches_the_lenders_schedule_the_judgment_states(
    check: dict[str, Any],
) -> None:
    """The first instalments' principal and interest, the balance left, the total, to the cent."""
    schedule = lr.amortize(loan_of(check["loan"]))
    paid = schedule.instalments[: check["paid_instalments"]]
    expect = check["expect"]
    assert sum(row.principal for row in paid) == Decimal(expect["principal_paid"])
    assert sum(row.interest for row in paid) == Decimal(expect["interest_paid"])
    assert paid[-1].balance == Decimal(expect["principal_left"])
    assert schedule.total_paid == Decimal(expect["total_scheduled"])


def test_library_and_the_jingning_judgment_differ_by_its_360_day_year() -> None:
    """Jingning: the library's total plus the court's 360-day excess is the court's total.

    The court's total adds two whole-yuan figures (half a yuan each); the library's two
    charge lines are each rounded to the cent.
    """
    judgment = next(j for j in JUDGMENTS if j["id"] == "jingning-2021-1904")
    check = judgment["reproduced"]["checks"][0]
    total = sum(view_of(check).allowed.allowed.values(), Decimal(0))
    first = judgment["reproduced"]["stated"][0]["terms"][0]
    excess = hand([first]) - hand([{**first, "year": 365}])
    assert round(as_decimal(excess), 2) == Decimal("3022.17")
    assert abs(total + as_decimal(excess) - Decimal("300156")) <= 2 * Decimal("0.5") + 2 * CENT


# -- the judgment's own arithmetic -------------------------------------------------------


@pytest.mark.parametrize("item", list(stated_sums()))
def test_the_judgments_formula_gives_the_sum_it_states(item: dict[str, Any]) -> None:
    """Principal x rate x days / year, as the judgment counts, gives its stated sum."""
    tolerance = Decimal(item["unit"]) / 2 * item.get("parts", 1)
    assert abs(as_decimal(hand(item["terms"])) - Decimal(item["amount"])) <= tolerance


@pytest.mark.parametrize("item", list(derived_rates()))
def test_the_judgments_rates_follow_from_their_parts(item: dict[str, Any]) -> None:
    """A penalty rate is the contract rate times its multiplier; an LPR rate is LPR + spread."""
    stated = Fraction(item["stated"])
    if "product" in item:
        parts = [Fraction(part) for part in item["product"]]
        assert parts[0] * parts[1] == stated
    elif "benchmark_on" in item:
        table = lr.law.BenchmarkTable.published()
        band = lr.law.TermBand(item["band"])
        rate = table.rate(date.fromisoformat(item["benchmark_on"]), band)
        assert item["times"] * rate == stated
    else:
        lpr = lr.law.LPRTable.published().one_year(date.fromisoformat(item["lpr_on"]))
        if "times" in item:
            assert item["times"] * lpr == stated
        else:
            assert lpr + Fraction(item["plus"]) == stated
