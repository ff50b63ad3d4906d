"""Versions of a meeting: its agenda, its minutes and corrected re-publications of either are
stored as separate documents that share the meeting id (and their items share item ids).

The *decided* version of an item (or a meeting) is the one ``show`` and ``search`` use: minutes
before agendas, and among documents of the same type the latest ingested. ``items.decided`` marks
it in the store (1 on exactly one row of every item id), kept right in the transaction that stores
or replaces a document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .dialect import listed
from .paths import read_stored_path

# SQL order of the documents d of one meeting or item: the decided version first
DECIDED_FIRST = "d.document_type = 'minutes' DESC, d.pk DESC"


@dataclass(frozen=True)
class Version:
    """One stored document of a meeting or an item."""

    document_type: str          # minutes | agenda
    path: str
    sha256: str
    ingested_at: str
    decided: bool               # the version shown and searched by default

    def to_dict(self) -> dict:
        """``{"document_type", "path", "sha256", "ingested_at", "decided"}``, as ``minutes show`` prints it."""
        return {"document_type": self.document_type, "path": self.path, "sha256": self.sha256,
                "ingested_at": self.ingested_at, "decided": self.decided}


_VERSIONS = ("SELECT d.document_type, d.path, d.sha256, d.ingested_at FROM documents d "
             "JOIN meetings m ON m.document_pk = d.pk WHERE {where} ORDER BY " + DECIDED_FIRST)


def find_versions(conn: sqlite3.Connection, id: str) -> list[Version]:
    """The stored documents holding the item (or else the meeting) with this id, the decided
    version first; empty when the id names nothing stored."""
    rows = conn.execute(_VERSIONS.format(where="m.pk IN (SELECT meeting_pk FROM items WHERE id = ?)"),
                        (id,)).fetchall()
    if not rows:
        rows = conn.execute(_VERSIONS.format(where="m.id = ?"), (id,)).fetchall()
    return [Version(kind, read_stored_path(path), sha256, when, decided=k == 0)
            for k, (kind, path, sha256, when) in enumerate(rows)]


def mark_decided(conn: sqlite3.Connection, item_ids: Iterable[str] | None = None) -> None:
    """Set ``items.decided`` on every row of these item ids (all ids when None): each id's
    decided row is looked up once, then only rows whose mark changes are written."""
    ids = listed(conn)[1:-1] if item_ids is not None else "SELECT DISTINCT id FROM items"
    params = [json.dumps(sorted(set(item_ids)))] if item_ids is not None else []
    conn.execute(
        f"WITH wanted(id) AS ({ids}), best(pk) AS MATERIALIZED (SELECT (SELECT j.pk FROM items j "
        "JOIN meetings m ON m.pk = j.meeting_pk JOIN documents d ON d.pk = m.document_pk "
        f"WHERE j.id = wanted.id ORDER BY {DECIDED_FIRST} LIMIT 1) FROM wanted) "
        "UPDATE items SET decided = CASE WHEN pk IN (SELECT pk FROM best) THEN 1 ELSE 0 END "
        "WHERE id IN (SELECT id FROM wanted) AND decided != CASE WHEN pk IN (SELECT pk FROM best) THEN 1 ELSE 0 END",
        params)


def mark_newest_decided(conn: sqlite3.Connection, document_pk: int) -> None:
    """After storing a document (the newest): its items become the decided versions, unless the
    document is an agenda and a minutes version of the item is stored. A lookup per item, however
    many versions are stored."""
    (document_type,) = conn.execute("SELECT document_type FROM documents WHERE pk = ?", (document_pk,)).fetchone()
    new_items = "SELECT i.pk, i.id FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE m.document_pk = ?"
    conn.execute(
        f"UPDATE items SET decided = 0 WHERE pk IN (SELECT old.pk FROM ({new_items}) AS new "
        "JOIN items old ON old.id = new.id AND old.decided = 1 AND old.pk != new.pk "
        "JOIN meetings m ON m.pk = old.meeting_pk JOIN documents d ON d.pk = m.document_pk "
        "WHERE ? = 'minutes' OR d.document_type != 'minutes')", (document_pk, document_type))
    conn.execute(
        f"UPDATE items SET decided = 1 WHERE pk IN (SELECT new.pk FROM ({new_items}) AS new "
        "WHERE NOT EXISTS (SELECT 1 FROM items old WHERE old.id = new.id AND old.decided = 1))", (document_pk,))


def version_sql(document_type: str | None) -> tuple[str, list]:
    """An SQL condition on items ``i`` keeping one row per item id: the decided version, or (for a
    document type) the latest ingested version of that type."""
    if document_type is None:
        return "i.decided = 1", []
    return ("i.pk = (SELECT j.pk FROM items j JOIN meetings mj ON mj.pk = j.meeting_pk JOIN documents dj "
            "ON dj.pk = mj.document_pk WHERE j.id = i.id AND dj.document_type = ? ORDER BY dj.pk DESC LIMIT 1)",
            [document_type])


def shared_ids(conn: sqlite3.Connection) -> list[str]:
    """Item ids that name different items: two items of one document, or items of meetings that
    are not versions of one identified meeting (the same organisation, body and date)."""
    return [item_id for (item_id,) in conn.execute(
        "SELECT i.id FROM items i JOIN meetings m ON m.pk = i.meeting_pk GROUP BY i.id HAVING count(*) > 1 AND "
        "(count(DISTINCT m.document_pk) < count(*) OR max(CASE WHEN m.organization IS NULL OR m.body IS NULL OR m.date IS NULL THEN 1 ELSE 0 END) = 1 "
        "OR count(DISTINCT lower(m.organization) || '/' || lower(m.body) || '/' || m.date) > 1) ORDER BY i.id")]
