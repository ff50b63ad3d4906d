"""Numbers about what a database holds, for the evaluation scripts (``benchmarks/``): documents
by type and format, ids shared by different items, versions of meetings, meetings that cannot be
identified, and how many earlier handlings and references resolve to stored items."""

from __future__ import annotations

from .database import Connected
from .fulltext import compile_query
from .paths import read_stored_path
from .versions import Version, find_versions, shared_ids

__all__ = ["stored_documents", "item_counts", "shared_ids_of", "paths_of_item", "meetings_with_versions",
           "item_ids_with_versions", "versions_of", "incomplete_meetings", "link_counts", "unresolved_handlings",
           "index_matches", "checkpoint"]


def stored_documents(store: Connected) -> list[tuple[str, str, int]]:
    """``(document_type, format, count)`` of the stored documents, by type and format."""
    return store.conn.execute(
        "SELECT document_type, format, count(*) FROM documents GROUP BY 1, 2 ORDER BY 1, 2").fetchall()


def item_counts(store: Connected) -> tuple[int, int]:
    """``(items, distinct item ids)`` stored."""
    return store.conn.execute("SELECT count(*), count(DISTINCT id) FROM items").fetchone()


def shared_ids_of(store: Connected) -> list[str]:
    """Item ids that name different items (see ``versions.shared_ids``); must be none."""
    return shared_ids(store.conn)


def paths_of_item(store: Connected, item_id: str) -> list[str]:
    """The paths of the stored documents holding an item with this id, in the order stored."""
    return [read_stored_path(p) for (p,) in store.conn.execute(
        "SELECT d.path FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d "
        "ON d.pk = m.document_pk WHERE i.id = ? ORDER BY d.pk", (item_id,))]


def meetings_with_versions(store: Connected) -> list[str]:
    """The ids of meetings stored as more than one document."""
    return [m for (m,) in store.conn.execute("SELECT id FROM meetings GROUP BY id HAVING count(*) > 1 ORDER BY id")]


def item_ids_with_versions(store: Connected) -> int:
    """How many item ids are stored in more than one document."""
    return store.conn.execute(
        "SELECT count(*) FROM (SELECT id FROM items GROUP BY id HAVING count(*) > 1)").fetchone()[0]


def versions_of(store: Connected, id: str) -> list[Version]:
    """The stored versions of an item or meeting, the decided one first (``versions.find_versions``)."""
    return find_versions(store.conn, id)


def incomplete_meetings(store: Connected) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """``(path, meeting_id, organization, body, date)`` of documents whose meeting has no
    organisation, body or date, by path."""
    return [(read_stored_path(path), *rest) for path, *rest in store.conn.execute(
        "SELECT d.path, m.id, m.organization, m.body, m.date FROM documents d JOIN meetings m ON m.document_pk = d.pk "
        "WHERE m.organization IS NULL OR m.body IS NULL OR m.date IS NULL ORDER BY d.path")]


_KINDS = (("stages", "earlier handlings", ""), ("refs", "decision references", "AND t.kind = 'decision'"))


def link_counts(store: Connected) -> list[tuple[str, int, int, int]]:
    """``(label, total, resolvable, resolved)`` for earlier handlings and for decision
    references: all of them, those naming a stored meeting's item, and those resolved."""
    counts = []
    c = store.conn
    for table, label, extra in _KINDS:
        total = c.execute(f"SELECT count(*) FROM {table} t WHERE 1 {extra}").fetchone()[0]
        resolved = c.execute(f"SELECT count(*) FROM {table} t WHERE resolved_item_pk IS NOT NULL {extra}").fetchone()[0]
        resolvable = c.execute(
            f"SELECT count(*) FROM {table} t JOIN items si ON si.pk = t.item_pk JOIN meetings sm ON sm.pk = si.meeting_pk "
            f"WHERE EXISTS (SELECT 1 FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE "
            f"m.organization IS sm.organization AND m.body_key = t.body_key AND i.number = t.number "
            f"AND (m.date = t.date OR (t.date IS NULL AND m.date LIKE t.year || '-%'))) {extra}").fetchone()[0]
        counts.append((label, total, resolvable, resolved))
    return counts


def unresolved_handlings(store: Connected, limit: int = 10) -> list[tuple[str, str | None, int | None]]:
    """``(body, date, number)`` of earlier handlings that name a stored meeting but did not resolve."""
    return store.conn.execute(
        "SELECT t.body, t.date, t.number FROM stages t JOIN items si ON si.pk = t.item_pk JOIN meetings sm "
        "ON sm.pk = si.meeting_pk WHERE t.resolved_item_pk IS NULL AND EXISTS (SELECT 1 FROM meetings m WHERE "
        "m.organization IS sm.organization AND m.body_key = t.body_key AND m.date = t.date) LIMIT ?",
        (limit,)).fetchall()


def index_matches(store: Connected, query: str) -> set[int]:
    """The rows (item pks) of the full-text index that match ``query`` as a search compiles it,
    unranked: what a ranking may choose from."""
    return {r for (r,) in store.conn.execute("SELECT rowid FROM item_search WHERE item_search MATCH ?",
                                             (compile_query(query).match,))}


def checkpoint(store: Connected) -> None:
    """Fold SQLite's write-ahead log into the database file (its size is then the file's)."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
