"""What a strategy's goals saw in a span of time: per goal, the decisions that advance it (date,
body, §, title, score, evidence), their counts per body, per year and per quarter, and the goals
no decision advanced. Built from the store's tags (``strategy_tags``); rendered as a table, JSON,
CSV or a self-contained HTML page with a chart (``strategy_chart``)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date

from minutes.record import Goal, Strategy


@dataclass(frozen=True)
class GoalDecision:
    item_id: str
    meeting_id: str
    date: date | None
    body: str | None
    number: int | None
    title: str
    score: float
    evidence: tuple[str, ...]
    via: str | None = None            # the sub-goal it advances, when it advances the goal through one

    def to_dict(self) -> dict:
        return {"item_id": self.item_id, "meeting_id": self.meeting_id,
                "date": self.date.isoformat() if self.date else None, "body": self.body, "number": self.number,
                "title": self.title, "score": round(self.score, 3), "evidence": list(self.evidence), "via": self.via}


@dataclass(frozen=True)
class GoalReport:
    goal: Goal
    parent: str | None
    decisions: tuple[GoalDecision, ...]

    @property
    def by_body(self) -> dict[str, int]:
        return dict(sorted(Counter(d.body or "?" for d in self.decisions).items()))

    @property
    def by_year(self) -> dict[str, int]:
        return dict(sorted(Counter(str(d.date.year) if d.date else "?" for d in self.decisions).items()))

    def to_dict(self) -> dict:
        return {"id": self.goal.id, "title": self.goal.title, "parent": self.parent, "count": len(self.decisions),
                "by_body": self.by_body, "by_year": self.by_year, "decisions": [d.to_dict() for d in self.decisions]}


@dataclass(frozen=True)
class StrategyReport:
    strategy: Strategy
    date_from: date | None
    date_to: date | None
    body: str | None
    goals: tuple[GoalReport, ...]          # every goal, each before its sub-goals

    @property
    def span(self) -> str:
        """The span reported: the days asked, else the strategy's period ("2024 – 2030", "2023")."""
        s = self.strategy
        return f"{self.date_from or s.period_from} – {self.date_to or s.period_to or ''}".rstrip(" –")

    @property
    def without_decisions(self) -> tuple[str, ...]:
        return tuple(g.goal.id for g in self.goals if not g.decisions)

    def quarters(self) -> list[str]:
        """Every quarter from the first decision's to the last's ("2025Q1"), or of the span asked."""
        days = [d.date for g in self.goals for d in g.decisions if d.date]
        first = self.date_from or (min(days) if days else None)
        last = self.date_to or (max(days) if days else None)
        if first is None or last is None or first > last:
            return []
        out, year, quarter = [], first.year, (first.month - 1) // 3
        while (year, quarter) <= (last.year, (last.month - 1) // 3):
            out.append(f"{year}Q{quarter + 1}")
            year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
        return out

    def per_quarter(self) -> dict[str, list[int]]:
        """Top-level goal id -> its decisions per quarter (``quarters``), each decision once."""
        quarters = self.quarters()
        out = {}
        for g in self.goals:
            if g.parent is None:
                counts = Counter(f"{d.date.year}Q{(d.date.month - 1) // 3 + 1}" for d in g.decisions if d.date)
                out[g.goal.id] = [counts.get(q, 0) for q in quarters]
        return out

    def to_dict(self) -> dict:
        s = self.strategy
        return {"strategy": {"id": s.id, "name": s.name, "organization": s.organization,
                             "period": {"from": s.period_from, "to": s.period_to}},
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None, "body": self.body,
                "goals": [g.to_dict() for g in self.goals], "without_decisions": list(self.without_decisions),
                "quarters": self.quarters(), "per_quarter": self.per_quarter()}


def build_report(strategy: Strategy, tagged, date_from: date | None = None, date_to: date | None = None,
                 body: str | None = None) -> StrategyReport:
    """The report of ``strategy`` from its advancing tags (``TaggedItem``s of the store, already
    narrowed to the span and body asked)."""
    found: dict[str, list[GoalDecision]] = {g.id: [] for g in strategy.all_goals()}
    for entry in tagged:
        for tag in entry.goals:
            if tag.goal not in found or not tag.advances:
                continue
            via = None
            if tag.parent is None:      # a parent tagged through a sub-goal says which
                via = next((t.goal for t in entry.goals if t.parent == tag.goal and t.score >= tag.score), None)
            found[tag.goal].append(GoalDecision(entry.item_id, entry.meeting_id, entry.date, entry.body, entry.number,
                                                entry.title, tag.score, tag.evidence, via))
    goals = []
    for goal in strategy.goals:
        goals.append(GoalReport(goal, None, tuple(found[goal.id])))
        goals += [GoalReport(sub, goal.id, tuple(found[sub.id])) for sub in goal.subgoals]
    return StrategyReport(strategy, date_from, date_to, body, tuple(goals))


CSV_COLUMNS = ["goal", "goal_title", "parent", "date", "body", "number", "title", "score", "item_id", "evidence"]


def report_csv(report: StrategyReport) -> str:
    """One row per goal and decision; a goal without decisions has one row with its id alone."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for g in report.goals:
        if not g.decisions:
            writer.writerow([g.goal.id, g.goal.title, g.parent or "", "", "", "", "", "", "", ""])
        for d in g.decisions:
            writer.writerow([g.goal.id, g.goal.title, g.parent or "", d.date.isoformat() if d.date else "",
                             d.body or "", d.number if d.number is not None else "", d.title, f"{d.score:.3f}",
                             d.item_id, " | ".join(d.evidence)])
    return out.getvalue()


def report_text(report: StrategyReport) -> str:
    """The report as plain lines for a terminal."""
    s = report.strategy
    lines = [f"{s.name} · {s.organization} · {report.span}" + (f" · {report.body}" if report.body else "")]
    for g in report.goals:
        indent = "    " if g.parent else ""
        lines.append("")
        lines.append(f"{indent}{g.goal.id}: {g.goal.title} — {len(g.decisions)} decision"
                     f"{'' if len(g.decisions) == 1 else 's'}")
        for d in g.decisions:
            number = f" § {d.number}" if d.number is not None else ""
            lines.append(f"{indent}  {d.date or '?'}  {d.body or '?'}{number}  {d.title}  ({d.score:.2f})")
            if d.evidence:
                lines.append(f"{indent}      {d.evidence[0]}")
        if g.decisions:
            lines.append(f"{indent}  per body: " + ", ".join(f"{k} {v}" for k, v in g.by_body.items()))
            lines.append(f"{indent}  per year: " + ", ".join(f"{k} {v}" for k, v in g.by_year.items()))
    if report.without_decisions:
        lines += ["", "goals without decisions in the period: " + ", ".join(report.without_decisions)]
    return "\n".join(lines)


def report_html(report: StrategyReport, chart_svg: bytes) -> str:
    """A self-contained HTML page in English (no outside resource, no script): the chart as an
    embedded SVG image, the counts per quarter as a table, and each goal's decisions with their evidence. Every
    text is escaped (Jinja2 autoescape). ``chart_svg``: the chart (``strategy_chart.chart``)."""
    import base64

    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("minutes", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("strategy_report.html").render(
        report=report, span=report.span, total=len({d.item_id for g in report.goals if g.parent is None for d in g.decisions}),
        chart=base64.b64encode(chart_svg).decode("ascii"), quarters=report.quarters(),
        per_quarter=report.per_quarter())

__all__ = ["GoalDecision", "GoalReport", "StrategyReport", "build_report", "report_csv", "report_text", "report_html",
           "CSV_COLUMNS"]
