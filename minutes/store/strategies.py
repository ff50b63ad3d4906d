"""Strategies in the store: added from the user's strategy file, listed, removed, and the goals
each stored item carries out (``strategy_tags``, computed by ``minutes.tagging``). A strategy is
kept whole as JSON beside one row per goal, under its id (the organisation's and the name's
slugs); adding it again replaces it. Its tags are computed again whenever it is added or
changed, and an ingested document's items are tagged with every stored strategy they fall under,
in the transaction that stores them."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from minutes.record import GoalTag, Item, Record, Strategy
from minutes.tagging import Tagger
from minutes.tagging.document import RecordTags, definition_of, tag_items, tagger_of
from minutes.tagging.text import WHERE_OF_KIND, ItemText

from .dialect import database_file, insert
from .filters import Filters, filter_sql
from .status import INSERTED, UNCHANGED, UPDATED
from .transaction import transaction
from .word_forms import stored_analysis


@dataclass(frozen=True)
class TaggedItem:
    """A stored item (its decided version) and the goals of one strategy it is tagged with."""

    strategy: str
    item_id: str
    meeting_id: str
    organization: str | None
    body: str | None
    date: dt.date | None
    number: int | None
    title: str
    goals: tuple[GoalTag, ...]

    def to_dict(self) -> dict:
        """``{"item_id", "body", "date", "number", "title", "strategy", "goals": [{"id", "score",
        "advances", "evidence", "parent"}]}``."""
        return {"item_id": self.item_id, "meeting_id": self.meeting_id, "body": self.body,
                "date": self.date.isoformat() if self.date else None, "number": self.number,
                "title": self.title, "strategy": self.strategy, "goals": [g.to_dict() for g in self.goals]}


def add_strategy(conn: sqlite3.Connection, strategy: Strategy) -> str:
    """Store ``strategy`` (replacing one of the same id) and tag every stored item it covers, in
    one transaction. Returns "inserted", "updated" or "unchanged"."""
    definition = definition_of(strategy)
    with transaction(conn):
        row = conn.execute("SELECT pk, definition FROM strategies WHERE id = ?", (strategy.id,)).fetchone()
        if row is not None and row[1] == definition:
            return UNCHANGED
        if row is not None:
            conn.execute("DELETE FROM strategies WHERE pk = ?", (row[0],))
        pk = insert(
            conn, "INSERT INTO strategies(id, organization, name, period_from, period_to, definition, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (strategy.id, strategy.organization, strategy.name, strategy.period_from, strategy.period_to, definition,
             dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        position = 0
        for goal in strategy.goals:
            for g, parent in [(goal, None)] + [(sub, goal.id) for sub in goal.subgoals]:
                conn.execute("INSERT INTO strategy_goals(strategy_pk, id, parent, title, position) "
                             "VALUES (?, ?, ?, ?, ?)", (pk, g.id, parent, g.title, position))
                position += 1
        tag_strategy(conn, pk, definition)
    return INSERTED if row is None else UPDATED


def list_strategies(conn: sqlite3.Connection) -> list[Strategy]:
    """Every stored strategy, by organisation and period."""
    return [Strategy.from_dict(json.loads(raw)) for (raw,) in conn.execute(
        "SELECT definition FROM strategies ORDER BY organization, period_from, name")]


def remove_strategy(conn: sqlite3.Connection, strategy_id: str) -> bool:
    """Remove the strategy of ``strategy_id`` with its goals and tags; whether there was one."""
    with transaction(conn):
        return conn.execute("DELETE FROM strategies WHERE id = ? RETURNING pk", (strategy_id,)).fetchone() is not None


# -- tagging ------------------------------------------------------------------------------------

def _insert_tags(conn: sqlite3.Connection, strategy_pk: int, tagger: Tagger,
                 items: Iterable[tuple[int, ItemText | Item]], language: str, stored=None) -> int:
    """Tag ``items`` ((item pk, item)) and store their tags; the number stored."""
    return _store_tags(conn, strategy_pk, [(pk, tagger.tag(item, language, stored)) for pk, item in items])


def _store_tags(conn: sqlite3.Connection, strategy_pk: int, tagged: list[tuple[int, tuple[GoalTag, ...]]]) -> int:
    rows = [(strategy_pk, pk, tag.goal, tag.parent, tag.score, int(tag.advances),
             json.dumps(list(tag.evidence), ensure_ascii=False)) for pk, tags in tagged for tag in tags]
    conn.executemany("INSERT INTO strategy_tags(strategy_pk, item_pk, goal, parent, score, advances, evidence) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (strategy_pk, item_pk, goal) DO UPDATE SET "
                     "parent = excluded.parent, score = excluded.score, advances = excluded.advances, "
                     "evidence = excluded.evidence", rows)
    return len(rows)


def _item_texts(conn: sqlite3.Connection, meeting_pk: int) -> list[tuple[int, ItemText]]:
    """The stored items of a meeting as tagging reads them, from their rows (not the record)."""
    items = conn.execute(
        "SELECT i.pk, i.title, dc.outcome, dc.resolution, d.document_type FROM items i JOIN meetings m "
        "ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk LEFT JOIN decisions dc "
        "ON dc.item_pk = i.pk AND dc.stage_pk IS NULL WHERE i.meeting_pk = ? ORDER BY i.pk", (meeting_pk,)).fetchall()
    parts: dict[int, list[tuple[str, str]]] = {pk: [] for pk, *_ in items}
    for item_pk, kind, stage_pk, text in conn.execute(
            "SELECT s.item_pk, s.kind, s.stage_pk, s.text FROM sections s JOIN items i ON i.pk = s.item_pk "
            "WHERE i.meeting_pk = ? ORDER BY s.item_pk, s.stage_pk IS NOT NULL, s.stage_pk, s.ordinal",
            (meeting_pk,)):
        parts[item_pk].append(("history" if stage_pk is not None else WHERE_OF_KIND.get(kind, "other"), text))
    return [(pk, ItemText(title or "", tuple(parts[pk]), outcome, resolution, document_type == "agenda"))
            for pk, title, outcome, resolution, document_type in items]


# a strategy covering this many items or more is tagged on every core (starting the workers takes
# seconds); meetings go to the workers in batches of this many
PARALLEL_FROM = 5000
MEETINGS_PER_BATCH = 25


def tag_strategy(conn: sqlite3.Connection, strategy_pk: int, definition: str, use_meaning: bool | None = None,
                 jobs: int | None = None, parallel_from: int = PARALLEL_FROM) -> int:
    """(Re)compute the tags of one stored strategy over every stored meeting it covers, reading
    the stored analysis of their word forms; the number of tags stored. Runs inside the caller's
    transaction. With ``parallel_from`` items or more in a database file, ``jobs`` processes
    (default: one per core) tag them. ``use_meaning``: True or False instead of the strategy's
    ``meaning`` (the benchmark's comparison)."""
    tagger = tagger_of(definition, use_meaning)
    strategy = tagger.strategy
    conn.execute("DELETE FROM strategy_tags WHERE strategy_pk = ?", (strategy_pk,))
    sql, params = "m.date >= ?", [f"{strategy.period_from:04d}-01-01"]
    if strategy.period_to is not None:
        sql += " AND m.date <= ?"
        params.append(f"{strategy.period_to:04d}-12-31")
    meetings = [(pk, language or "fi") for pk, organization, day, language in conn.execute(
        "SELECT m.pk, m.organization, m.date, d.language FROM meetings m JOIN documents d "
        f"ON d.pk = m.document_pk WHERE {sql} ORDER BY m.pk", params).fetchall()
        if tagger.applies(organization, dt.date.fromisoformat(day))]
    items = conn.execute(f"SELECT count(*) FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE {sql}",
                         params).fetchone()[0]
    database = database_file(conn)
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    if items < parallel_from or jobs < 2 or not database:
        stored = stored_analysis(conn)
        return sum(_insert_tags(conn, strategy_pk, tagger, _item_texts(conn, pk), language, stored)
                   for pk, language in meetings)
    from minutes.tagging.parallel import tag_meetings

    batches = [meetings[k:k + MEETINGS_PER_BATCH] for k in range(0, len(meetings), MEETINGS_PER_BATCH)]
    return sum(_store_tags(conn, strategy_pk, tagged) for tagged in tag_meetings(
        strategy, database, batches, jobs, _item_texts, stored_analysis, use_meaning))


def tag_document(conn: sqlite3.Connection, document_pk: int, record: Record, tagged: RecordTags | None = None) -> int:
    """Tag a document's items, just stored, with every stored strategy they fall under: with the
    tags of ``tagged`` (computed where the record was parsed) for a strategy it was tagged with as
    stored, and computed here for any other."""
    count = 0
    strategies = conn.execute("SELECT pk, definition FROM strategies").fetchall()
    if not strategies:
        return 0
    pks = dict(conn.execute("SELECT i.id, i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk "
                            "WHERE m.document_pk = ?", (document_pk,)).fetchall())
    for pk, definition in strategies:
        found = tagged.of(definition) if tagged is not None else None
        if found is None:
            found = tag_items(tagger_of(definition), record)
        count += _store_tags(conn, pk, [(pks[item_id], tags) for item_id, tags in found.items() if item_id in pks])
    return count


def refresh_strategy_tags(conn: sqlite3.Connection) -> None:
    """Every stored strategy's tags computed again (after a migration or a change of the rules)."""
    for pk, definition in conn.execute("SELECT pk, definition FROM strategies").fetchall():
        tag_strategy(conn, pk, definition)


# -- reading ------------------------------------------------------------------------------------

def strategy_tags(conn: sqlite3.Connection, strategy_id: str | None = None, filters: Filters = Filters(),
                  advancing: bool = True, item_id: str | None = None) -> Iterator[TaggedItem]:
    """The tagged items (decided versions) of one stored strategy or of all, oldest first; with
    ``advancing``, only the tags of goals the item advances; with ``item_id``, of that item only."""
    clauses, params = filter_sql(filters.of_meetings())
    if strategy_id is not None:
        clauses.append("s.id = ?")
        params.append(strategy_id)
    if advancing:
        clauses.append("t.advances = 1")
    if item_id is not None:
        clauses.append("i.id = ?")
        params.append(item_id)
    sql = ("SELECT s.id, i.id, m.id, m.organization, m.body, m.date, i.number, i.title, t.goal, t.parent, t.score, "
           "t.advances, t.evidence FROM strategy_tags t JOIN strategies s ON s.pk = t.strategy_pk "
           "JOIN items i ON i.pk = t.item_pk JOIN meetings m ON m.pk = i.meeting_pk WHERE i.decided = 1"
           + "".join(f" AND {c}" for c in clauses)
           + " ORDER BY s.id, m.date NULLS FIRST, m.body NULLS FIRST, i.number NULLS FIRST, i.pk, t.score DESC, t.goal")
    current: list = []
    for row in conn.execute(sql, params):
        if current and current[0][:2] != row[:2]:
            yield _tagged(current)
            current = []
        current.append(row)
    if current:
        yield _tagged(current)


def _tagged(rows: list) -> TaggedItem:
    strategy, item_id, meeting, organization, body, day, number, title = rows[0][:8]
    goals = tuple(GoalTag(goal, score, bool(advances), tuple(json.loads(evidence)), parent)
                  for *_, goal, parent, score, advances, evidence in rows)
    return TaggedItem(strategy, item_id, meeting, organization, body,
                      dt.date.fromisoformat(day) if day else None, number, title, goals)


def goal_ids(conn: sqlite3.Connection) -> set[str]:
    """The ids of every stored goal and sub-goal, bare and with their strategy's id."""
    return {x for sid, gid in conn.execute("SELECT s.id, g.id FROM strategy_goals g JOIN strategies s "
                                           "ON s.pk = g.strategy_pk") for x in (gid, f"{sid}/{gid}")}


__all__ = ["TaggedItem", "add_strategy", "list_strategies", "remove_strategy", "tag_strategy", "tag_document",
           "refresh_strategy_tags", "strategy_tags", "goal_ids"]
