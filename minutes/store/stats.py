"""Counts of what was decided (``minutes stats``): per body, year or presenter, how many items,
how their decisions relate to the proposals (outcomes and their shares), what kind of
resolution they were, how many went to a vote, how many motions were made and how many won,
how many disqualifications and dissents were recorded.

Each item is counted once, in its decided version (minutes before agendas), by its own
decision: the earlier handlings printed inside an item are other meetings' decisions and are
not counted again. Shares are of the items analysed (those stored with decisions); items of
records stored before decisions existed are counted as items, not analysed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from minutes.record import MOTION_RESULTS, OUTCOMES, RESOLUTIONS

from .dialect import joined
from .filters import Filters, filter_sql

GROUPINGS = ("body", "year", "presenter")
_GROUP_SQL = {
    "body": "m.body",
    "year": "substr(m.date, 1, 4)",
    # the presenter as a person where the record names one, else as printed ("Kaupunginhallitus")
    "presenter": "COALESCE((SELECT p.name FROM item_people ip JOIN people p ON p.pk = ip.person_pk "
                 "WHERE ip.item_pk = i.pk AND ip.stage_pk IS NULL AND ip.role = 'presenter' ORDER BY p.pk LIMIT 1), "
                 "i.presenter)",
}


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to four places; None when ``whole`` is 0."""
    return round(part / whole, 4) if whole else None


@dataclass
class Counts:
    """The counts of one group (``group`` None: no body, year or presenter known; in the total,
    "all")."""

    group: str | None
    items: int = 0
    analysed: int = 0                    # items stored with their decision
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    resolutions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RESOLUTIONS, 0))
    voted: int = 0                       # items with at least one vote
    votes: int = 0
    motions: int = 0
    motion_results: dict[str, int] = field(default_factory=lambda: dict.fromkeys((*MOTION_RESULTS, "unknown"), 0))
    disqualifications: int = 0
    disqualified_items: int = 0
    dissents: int = 0

    def add(self, outcome, resolution, votes, motions, results, disqualifications, dissents) -> None:
        self.items += 1
        if outcome is None:
            return
        self.analysed += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.resolutions[resolution] = self.resolutions.get(resolution, 0) + 1
        self.voted += votes > 0
        self.votes += votes
        self.motions += motions
        for result in (results.split(",") if results else []):
            self.motion_results[result or "unknown"] = self.motion_results.get(result or "unknown", 0) + 1
        self.disqualifications += disqualifications
        self.disqualified_items += disqualifications > 0
        self.dissents += dissents

    def to_dict(self) -> dict:
        """``{"group", "items", "analysed", "outcomes": {outcome: {"count", "share"}}, "resolutions":
        {resolution: {"count", "share"}}, "votes": {"items", "share", "count"}, "motions": {"count",
        "adopted", "rejected", "withdrawn", "fell", "unknown", "success"}, "disqualifications":
        {"count", "items", "share"}, "dissents": {"count"}}``; shares of the items analysed (null
        when none), a motion's success the share of motions adopted."""
        n = self.analysed
        return {
            "group": self.group, "items": self.items, "analysed": n,
            "outcomes": {k: {"count": v, "share": share(v, n)} for k, v in self.outcomes.items()},
            "resolutions": {k: {"count": v, "share": share(v, n)} for k, v in self.resolutions.items()},
            "votes": {"items": self.voted, "share": share(self.voted, n), "count": self.votes},
            "motions": {"count": self.motions, **self.motion_results,
                        "success": share(self.motion_results["adopted"], self.motions)},
            "disqualifications": {"count": self.disqualifications, "items": self.disqualified_items,
                                  "share": share(self.disqualified_items, n)},
            "dissents": {"count": self.dissents},
        }


@dataclass(frozen=True)
class Stats:
    """What ``Backend.stats`` returns: the grouping, one ``Counts`` per group and the total."""

    by: str
    groups: tuple[Counts, ...]
    total: Counts

    def to_dict(self) -> dict:
        """``{"by", "groups": [Counts.to_dict()...], "total": Counts.to_dict()}``, as ``minutes stats
        --format json`` prints it."""
        return {"by": self.by, "groups": [g.to_dict() for g in self.groups], "total": self.total.to_dict()}


def count_decisions(conn: sqlite3.Connection, filters: Filters = Filters(), by: str = "body") -> Stats:
    """The counts of the decided items ``filters`` select, grouped ``by`` body, year or presenter:
    groups with the most items first (years in order). ``ValueError`` for another grouping."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: one of {', '.join(GROUPINGS)}")
    clauses, params = filter_sql(filters)
    where = "".join(f" AND {c}" for c in clauses)
    per_decision = "(SELECT {0} FROM {1} x WHERE x.decision_pk = dc.pk)"
    results = joined(conn, "COALESCE(x.result, '')")
    rows = conn.execute(
        f"SELECT {_GROUP_SQL[by]}, dc.outcome, dc.resolution, {per_decision.format('count(*)', 'votes')}, "
        f"{per_decision.format('count(*)', 'motions')}, "
        f"{per_decision.format(results, 'motions')}, "
        f"{per_decision.format('count(*)', 'disqualifications')}, {per_decision.format('count(*)', 'dissents')} "
        "FROM items i JOIN meetings m ON m.pk = i.meeting_pk "
        "LEFT JOIN decisions dc ON dc.item_pk = i.pk AND dc.stage_pk IS NULL "
        f"WHERE i.decided = 1{where}", params).fetchall()
    groups: dict[str | None, Counts] = {}
    total = Counts("all")
    for group, *counts in rows:
        groups.setdefault(group, Counts(group)).add(*counts)
        total.add(*counts)
    if by == "year":
        ordered = sorted(groups.values(), key=lambda c: (c.group is None, c.group or ""))
    else:
        ordered = sorted(groups.values(), key=lambda c: (c.group is None, -c.items, c.group or ""))
    return Stats(by, tuple(ordered), total)
