"""The chart of a strategy report: decisions per goal per quarter, drawn by matplotlib (Agg, no
display) as PNG or SVG bytes. Grouped bars, one colour per top-level goal, with a legend and
labelled axes."""

from __future__ import annotations

import io

from .strategy_report import StrategyReport

# colour-blind safe (Okabe–Ito)
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def chart(report: StrategyReport, fmt: str = "png") -> bytes:
    """The chart as ``fmt`` ("png" or "svg") bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    quarters = report.quarters()
    series = report.per_quarter()
    titles = {g.goal.id: g.goal.title for g in report.goals}
    figure = Figure(figsize=(max(6.5, 0.6 * len(quarters) + 3), 4.5), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    for k, (goal, counts) in enumerate(series.items()):
        positions = [q + (k - (len(series) - 1) / 2) * width for q in range(len(quarters))]
        axes.bar(positions, counts, width, label=f"{goal}: {titles[goal]}", color=COLOURS[k % len(COLOURS)])
    axes.set_xticks(range(len(quarters)), quarters, rotation=45 if len(quarters) > 8 else 0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("decisions")
    axes.set_xlabel("quarter")
    axes.set_title(f"{report.strategy.name}: decisions per goal per quarter")
    if not quarters:
        axes.text(0.5, 0.5, "no decisions in the period", ha="center", va="center", transform=axes.transAxes)
    if series and quarters:     # below the axes, never over a bar
        figure.legend(loc="outside lower center", ncols=min(len(series), 2), fontsize="small", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()


__all__ = ["chart", "COLOURS"]
