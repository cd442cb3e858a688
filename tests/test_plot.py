"""Charts render to PNG with labelled axes (matplotlib, the optional plot extra)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import loanrelief as lr

LOAN = lr.Loan(50000, "0.18", 24, start=date(2024, 1, 15), currency="CNY")
PAID = [lr.Payment(r.due_date, r.payment) for r in lr.amortize(LOAN)[:2]]
STATE = lr.account_state(
    LOAN,
    PAID,
    as_of=date(2024, 7, 1),
    penalty=lr.PenaltyPolicy(rate_multiplier="1.5", compound=True),
)


def saved(figure: object, path: Path) -> Path:
    figure.savefig(path, dpi=80)  # type: ignore[attr-defined]
    return path


def test_schedule_chart(tmp_path: Path) -> None:
    """The schedule chart shows balance and payment parts, with the currency and dates."""
    figure = lr.amortize(LOAN).plot()
    top, bottom = figure.axes
    assert top.get_ylabel() == "Balance (CNY)"  # the currency once, no "(amounts (CNY))"
    assert bottom.get_xlabel() == "Due date"
    assert top.get_title().endswith("24 instalments")
    # the balance starts at the amount lent on the start date, and ends at zero
    balance = top.get_lines()[0]
    assert float(balance.get_ydata()[0]) == 50000
    assert float(balance.get_ydata()[-1]) == 0
    # thousands separators on the amounts
    assert top.yaxis.get_major_formatter()(50000, 0) == "50,000"
    assert [text.get_text() for text in bottom.get_legend().get_texts()] == [
        "principal",
        "interest",
    ]
    assert saved(figure, tmp_path / "schedule.png").stat().st_size > 10_000


def test_a_one_instalment_schedule_draws_a_real_chart(tmp_path: Path) -> None:
    """A bullet loan: "1 instalment", a balance from the amount lent to zero, one bar."""
    bullet = lr.Loan(10000, "0.1", 1, start=date(2024, 1, 15), method="bullet")
    figure = lr.amortize(bullet).plot()
    top, bottom = figure.axes
    assert top.get_title().endswith(", 1 instalment")
    assert [float(y) for y in top.get_lines()[0].get_ydata()] == [10000, 0]
    (bar, *_), *_ = bottom.containers
    assert 0 < bar.get_width() < 31  # days: narrower than the month it spans
    assert saved(figure, tmp_path / "bullet.png").stat().st_size > 5_000


def test_comparison_chart(tmp_path: Path) -> None:
    """Three panels, a title, each bar's value, the baseline, and a settlement's payment."""
    options = [lr.ExtendTerm(12), lr.InstalmentPlan(36), lr.Settlement(share="0.6")]
    table = lr.compare(STATE, options)
    figure = table.plot()
    assert [axis.get_title() for axis in figure.axes] == [
        "Payment each period",
        "Total paid",
        "Present value",
    ]
    assert figure.get_suptitle() == "Relief options against cure now"
    assert all(len(axis.patches) == 3 for axis in figure.axes)
    assert figure.axes[0].get_yticklabels()[0].get_text() == "extend 12 periods"
    payments, paid, _ = figure.axes
    values = [text.get_text() for text in paid.texts]
    assert values == [f"{float(o.total_paid):,.0f}" for o in table]
    # the settlement's one payment is its bar, not an empty one
    assert payments.patches[2].get_width() == float(table[2].first_payment) > 0
    # the baseline: a dashed line at what paying the arrears now costs in all
    baseline = table[0].baseline.total_paid
    assert [float(line.get_xdata()[0]) for line in paid.get_lines()] == [float(baseline)]
    assert saved(figure, tmp_path / "comparison.png").stat().st_size > 10_000


def test_penalty_chart(tmp_path: Path) -> None:
    """The penalty chart's lines rise over time when nothing is paid."""
    figure = STATE.plot(days=90, step=15)
    axis = figure.axes[0]
    penalty = axis.get_lines()[0].get_ydata()
    assert list(penalty) == sorted(penalty)
    assert penalty[-1] > penalty[0]
    assert axis.get_ylabel() == "Amount (CNY)"
    assert saved(figure, tmp_path / "penalty.png").stat().st_size > 10_000
    with pytest.raises(lr.InvalidValueError, match="days"):
        STATE.plot(days=0)


def test_figures_show_as_images_in_a_notebook() -> None:
    """A chart made without pyplot still gives IPython a PNG image to display."""
    png = STATE.plot(days=60)._repr_png_()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5000  # a real chart, not an empty canvas


def test_executed_notebooks_hold_images() -> None:
    """Executing each example notebook leaves an image output for every chart cell."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    folder = Path(__file__).parent.parent / "docs" / "examples"
    notebooks = sorted(folder.glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
        for cell in notebook.cells:
            if cell.cell_type == "code" and cell.source.rstrip().endswith(".plot()"):
                kinds = {kind for output in cell.outputs for kind in output.get("data", {})}
                assert "image/png" in kinds, (path.name, cell.source)


def test_debt_plan_chart_starts_from_what_is_owed(tmp_path: Path) -> None:
    """The plan's chart starts from each debt's balance on the start date, before paying."""
    other = lr.account_state(
        lr.Loan(6000, "0.24", 12, start=date(2024, 1, 1), currency="CNY"), as_of=date(2024, 7, 1)
    )
    plan = lr.debts.plan_debts(
        [lr.debts.Debt("bank", STATE), lr.debts.Debt("platform", other)], 4000
    )
    figure = plan.plot()
    top, bottom = figure.axes
    # stacked: the top band peaks at the total owed on the start date, before paying
    peak = top.collections[-1].get_paths()[0].vertices[:, 1].max()
    assert peak == pytest.approx(float(STATE.payoff + other.payoff))
    assert "debt-free" in top.get_title()
    assert bottom.get_ylabel() == "Paid"
    assert saved(figure, tmp_path / "debts.png").stat().st_size > 10_000
    strategies = lr.debts.compare_strategies(
        [lr.debts.Debt("bank", STATE), lr.debts.Debt("platform", other)], 4000
    )
    chart = strategies.plot()
    labels = [text.get_text() for text in chart.axes[0].get_legend().get_texts()]
    assert len(labels) == len(lr.debts.Strategy)
    assert saved(chart, tmp_path / "strategies.png").stat().st_size > 10_000


def test_charts_in_chinese(tmp_path: Path) -> None:
    """lang="zh": titles, axes and option names in Chinese, in a font with the glyphs."""
    from loanrelief._presentation.plot import _cjk_families  # noqa: PLC0415

    table = lr.compare(STATE, [lr.ExtendTerm(12), lr.FreezeInterest(36)])
    figure = table.plot(lang="zh")
    assert [axis.get_title() for axis in figure.axes] == ["每期还款", "还款总额", "现值"]
    assert figure.axes[0].get_yticklabels()[1].get_text() == "停息挂账，分36期"
    schedule = lr.amortize(LOAN).plot(lang="zh")
    assert schedule.axes[0].get_ylabel() == "剩余本金 (CNY)"
    assert "24期" in schedule.axes[0].get_title()
    if _cjk_families():  # a CJK font is installed (.ci/run installs fonts-noto-cjk)
        family = schedule.axes[0].title.get_fontfamily()
        assert family[0] == _cjk_families()[0]
        assert saved(schedule, tmp_path / "zh.png").stat().st_size > 10_000


def test_a_comparison_chart_names_options_in_the_lenders_words() -> None:
    """To a private lender the options say 逾期利息 and 欠息, never 罚息; else as before."""
    from loanrelief._presentation.plot import plot_comparison  # noqa: PLC0415

    options = [lr.WaivePenalty(share=1), lr.WaiveInterest(share="0.5")]
    table = lr.compare(STATE, options)
    private = plot_comparison(table, lang="zh", lender=lr.law.ChinaLender.PRIVATE)
    names = [label.get_text() for label in private.axes[0].get_yticklabels()]
    assert names == ["减免逾期利息100%", "减免欠息50%"]
    plain = [label.get_text() for label in table.plot(lang="zh").axes[0].get_yticklabels()]
    assert plain == ["减免罚息100%", "减免逾期利息50%"]
    english = plot_comparison(table, lender=lr.law.ChinaLender.PRIVATE)
    assert [label.get_text() for label in english.axes[0].get_yticklabels()] == [
        "waive 100 % of penalty",
        "waive 50 % of overdue interest",
    ]


def test_a_font_cache_older_than_the_cjk_font_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CJK font on disk that matplotlib's cache does not list: a warning says how to fix it.

    (Without the warning Chinese would be drawn as empty boxes; the cache is faked here,
    the font files are the machine's own, or a name in their place.)
    """
    from loanrelief._presentation import plot  # noqa: PLC0415 - the module whose look-ups are replaced

    monkeypatch.setattr(plot, "_cjk_families", lambda: ())
    monkeypatch.setattr(plot, "_cjk_files", lambda: ("/usr/share/fonts/NotoSansCJK-Regular.ttc",))
    with pytest.warns(UserWarning, match=r"font cache was built before it.*fontlist-\*\.json"):
        lr.amortize(LOAN).plot(lang="zh")
    monkeypatch.setattr(plot, "_cjk_files", lambda: ())
    monkeypatch.setattr(plot, "_cjk_families", lambda: ("Noto Sans CJK SC",))
    lr.amortize(LOAN).plot(lang="zh")  # a listed font: no warning (warnings are errors)
