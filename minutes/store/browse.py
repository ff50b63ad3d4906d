"""What a reader browses by: the facet counts of a search (how many of the matching items fall in
each organisation, body, year, section kind, outcome, goal and person), the stored organisations
and bodies, and a body's or an organisation's meetings."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from .database import Connected
from .dialect import listed
from .filters import Filters, filter_sql, listed_kind_sql
from .fulltext import QueryError
from .search import COUNT_CAP
from .versions import version_sql

FACETS = ("organization", "body", "year", "kind", "outcome", "goal", "person")
FACET_SIZE = 12          # values shown per facet, the most frequent first (years: every one)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what a filter takes (``value``), what a reader sees (``label``) and
    how many of the matching items have it."""

    value: str
    label: str
    count: int

    def to_dict(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass(frozen=True)
class Facets:
    """The facet counts of the items a query and filters select (at most ``COUNT_CAP`` of them
    counted: ``complete`` is False beyond), per facet of ``FACETS``."""

    counts: dict[str, tuple[FacetValue, ...]]
    items: int
    complete: bool = True

    def to_dict(self) -> dict:
        """``{"items", "complete", "facets": {facet: [{"value", "label", "count"}]}}``."""
        return {"items": self.items, "complete": self.complete,
                "facets": {name: [v.to_dict() for v in values] for name, values in self.counts.items()}}


@dataclass(frozen=True)
class MeetingEntry:
    """A stored meeting as a list shows it (its decided version)."""

    meeting_id: str
    organization: str | None
    body: str | None
    date: str | None
    document_type: str
    items: int

    def to_dict(self) -> dict:
        return {"meeting_id": self.meeting_id, "organization": self.organization, "body": self.body,
                "date": self.date, "document_type": self.document_type, "items": self.items}


@dataclass(frozen=True)
class BodyEntry:
    """A stored body (or, with ``body`` None, an organisation): its key in meeting ids, its name as
    printed, and how many meetings are stored and from when to when."""

    key: str
    organization: str | None
    body: str | None
    meetings: int
    first: str | None
    last: str | None

    def to_dict(self) -> dict:
        return {"key": self.key, "organization": self.organization, "body": self.body, "meetings": self.meetings,
                "first": self.first, "last": self.last}


def _selected(store: Connected, query: str, filters: Filters, any_words: bool) -> list[int]:
    """The pks of the items (one version per item id) ``search`` selects for the query and the
    filters, at most ``COUNT_CAP`` + 1; a query with no words selects by the filters alone, less
    the items holding a part it excludes."""
    clauses, params = filter_sql(filters)
    version, version_params = version_sql(filters.document_type)
    where, values = [*clauses, version], [*params, *version_params]
    try:
        compiled = store.index.compile(query, filters.kind)
    except QueryError:
        kind, kind_params = listed_kind_sql(filters)
        excluding, _ = store.index.exclusion(query)
        if excluding:
            matching, matching_params = store.index.matching(excluding)
            kind, kind_params = kind + [f"i.pk NOT IN ({matching})"], kind_params + matching_params
        sql = "SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE " + " AND ".join(where + kind)
        return [pk for (pk,) in store.conn.execute(sql + " LIMIT ?", [*values, *kind_params, COUNT_CAP + 1])]
    match = compiled.match_any if any_words and compiled.match_any else compiled.match
    matching, matching_params = store.index.matching(match)
    sql = (f"SELECT i.pk FROM ({matching}) AS s JOIN items i ON i.pk = s.pk JOIN meetings m ON m.pk = i.meeting_pk "
           "WHERE " + " AND ".join(where) + " LIMIT ?")
    return [pk for (pk,) in store.conn.execute(sql, [*matching_params, *values, COUNT_CAP + 1])]


_GROUPS = {
    "organization": "SELECT m.organization, m.organization, count(*) FROM items i JOIN meetings m "
                    "ON m.pk = i.meeting_pk WHERE i.pk IN {pks} AND m.organization IS NOT NULL "
                    "GROUP BY m.organization",
    "body": "SELECT m.body, m.body, count(*) FROM items i JOIN meetings m ON m.pk = i.meeting_pk "
            "WHERE i.pk IN {pks} AND m.body IS NOT NULL GROUP BY m.body",
    "year": "SELECT substr(m.date, 1, 4), substr(m.date, 1, 4), count(*) FROM items i JOIN meetings m "
            "ON m.pk = i.meeting_pk WHERE i.pk IN {pks} AND m.date IS NOT NULL GROUP BY 1",
    "kind": "SELECT s.kind, s.kind, count(DISTINCT s.item_pk) FROM sections s WHERE s.item_pk IN {pks} "
            "GROUP BY s.kind",
    "outcome": "SELECT dc.outcome, dc.outcome, count(*) FROM decisions dc WHERE dc.item_pk IN {pks} "
               "AND dc.stage_pk IS NULL GROUP BY dc.outcome",
    "goal": "SELECT s.id || '/' || coalesce(t.parent, t.goal), min(coalesce(g.title, t.parent, t.goal)), "
            "count(DISTINCT t.item_pk) FROM strategy_tags t JOIN strategies s ON s.pk = t.strategy_pk "
            "LEFT JOIN strategy_goals g ON g.strategy_pk = t.strategy_pk AND g.id = coalesce(t.parent, t.goal) "
            "WHERE t.item_pk IN {pks} AND t.advances = 1 GROUP BY 1",
    "person": "SELECT min(p.name), min(p.name), count(DISTINCT ip.item_pk) FROM item_people ip JOIN people p "
              "ON p.pk = ip.person_pk WHERE ip.item_pk IN {pks} AND ip.stage_pk IS NULL GROUP BY p.key",
}


def facet_counts(store: Connected, query: str, filters: Filters = Filters(), any_words: bool = False) -> Facets:
    """How many of the items ``query`` and ``filters`` select (as ``search`` selects them; with
    ``any_words``, those holding any of the query's words) fall in each value of each facet, the
    ``FACET_SIZE`` most frequent values of each (every year), at most ``COUNT_CAP`` items
    counted. ``QueryError`` is not raised: a query with no words counts what the filters select."""
    pks = _selected(store, query, filters, any_words)
    complete = len(pks) <= COUNT_CAP
    pks = pks[:COUNT_CAP]
    counts: dict[str, tuple[FacetValue, ...]] = {}
    inside = listed(store.conn, integers=True)
    packed = json.dumps(pks)
    for name in FACETS:
        rows = store.conn.execute(_GROUPS[name].format(pks=inside), [packed]).fetchall() if pks else []
        if name == "year":
            rows.sort(key=lambda r: r[0], reverse=True)
        else:
            rows.sort(key=lambda r: (-r[2], str(r[1]).casefold()))
            rows = rows[:FACET_SIZE]
        counts[name] = tuple(FacetValue(str(value), str(label), count) for value, label, count in rows)
    if pks and _has_words(store, query, filters):
        counts["kind"] = _kinds_matched(store, query, filters, any_words, counts["kind"])
    return Facets(counts, len(pks), complete)


def _has_words(store: Connected, query: str, filters: Filters) -> bool:
    try:
        store.index.compile(query, filters.kind)
        return True
    except QueryError:
        return False


def _kinds_matched(store: Connected, query: str, filters: Filters, any_words: bool,
                   present: tuple[FacetValue, ...]) -> tuple[FacetValue, ...]:
    """The section kind facet of a query with words: per kind (the title, and the kinds the
    selected items have), how many items the query finds in that kind of section, as the search
    narrowed to the kind finds them."""
    out = []
    for kind in ["title", *(v.value for v in present)]:
        n = len(_selected(store, query, replace(filters, kind=kind), any_words))
        if n:
            out.append(FacetValue(kind, kind, min(n, COUNT_CAP)))
    out.sort(key=lambda v: (-v.count, v.value))
    return tuple(out[:FACET_SIZE])


def bodies(store: Connected) -> list[BodyEntry]:
    """Every organisation (``body`` None) and body with decided meetings stored, by name: its key
    (the first one or two parts of its meetings' ids), its meetings, the first and last date."""
    out = []
    rows = store.conn.execute(
        "SELECT m.id, m.organization, m.body, m.date FROM meetings m JOIN documents d ON d.pk = m.document_pk "
        "WHERE m.pk IN (SELECT DISTINCT meeting_pk FROM items WHERE decided = 1) ORDER BY m.id").fetchall()
    groups: dict[tuple[str, bool], list] = {}
    for meeting_id, organization, body, day in rows:
        parts = meeting_id.split("/")
        if len(parts) != 3:                  # document/<sha>: no organisation or body known
            continue
        groups.setdefault((parts[0], False), []).append((organization, None, day, meeting_id))
        groups.setdefault(("/".join(parts[:2]), True), []).append((organization, body, day, meeting_id))
    for (key, is_body), entries in groups.items():
        days = sorted(d for _, _, d, _ in entries if d)
        names = [b for _, b, _, _ in entries if b] if is_body else []
        out.append(BodyEntry(key, next((o for o, *_ in entries if o), None),
                             max(set(names), key=names.count) if names else None,
                             len({m for *_, m in entries}), days[0] if days else None, days[-1] if days else None))
    out.sort(key=lambda b: (str(b.organization or b.key).casefold(), b.body is not None, str(b.body).casefold()))
    return out


def meetings(store: Connected, key: str, limit: int | None = None) -> list[MeetingEntry]:
    """The meetings of an organisation or a body (``key``: the first one or two parts of their ids,
    as ``bodies`` gives it), each once with its count of items (decided versions; ``document_type``
    "minutes" when any of them comes from the minutes), newest first; at most ``limit``."""
    prefix = key.rstrip("/") + "/"
    rows = store.conn.execute(
        "SELECT m.id, min(m.organization), min(m.body), min(m.date), max(d.document_type), count(DISTINCT i.id) "
        "FROM meetings m JOIN documents d ON d.pk = m.document_pk JOIN items i ON i.meeting_pk = m.pk "
        "AND i.decided = 1 WHERE substr(m.id, 1, ?) = ? GROUP BY m.id ORDER BY min(m.date) DESC NULLS LAST, m.id"
        + ("" if limit is None else " LIMIT ?"), [len(prefix), prefix, *([] if limit is None else [limit])]).fetchall()
    return [MeetingEntry(*row) for row in rows]


__all__ = ["FACETS", "FacetValue", "Facets", "MeetingEntry", "BodyEntry", "facet_counts", "bodies", "meetings"]
