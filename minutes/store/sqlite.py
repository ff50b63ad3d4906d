"""The embedded store: one SQLite file with plain, documented tables (see ``migrations``), the
``Backend`` (see ``backend``) every command uses by default. What it shares with the PostgreSQL
store is ``sql.SqlStore``; here is how the file is opened (``database``) and how an item enters
and leaves the FTS5 index and its impact lists (``index``, ``impacts``).
"""

from __future__ import annotations

import os
from pathlib import Path

from .backend import INSERTED, UNCHANGED, UPDATED
from .database import open_database
from .filters import Filters
from .fulltext import COLUMNS
from .impacts import mark_removed, pack_terms
from .impacts import refresh as refresh_impacts
from .index import Fts5Index
from .shown import Found, Shown
from .sql import SqlStore
from .word_forms import FormWriter

DEFAULT_DB = "minutes.db"
__all__ = ["Store", "Filters", "Found", "Shown", "INSERTED", "UPDATED", "UNCHANGED", "default_db"]


def default_db() -> str:
    """``MINUTES_DB`` from the environment, else ``minutes.db`` in the working folder."""
    return os.environ.get("MINUTES_DB") or DEFAULT_DB


class Store(SqlStore):
    """A minutes database in one SQLite file (the ``Backend`` every command uses). Use as a
    context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False):
        """Open (or create) the database at ``path``; ``readonly`` opens an existing one without
        changing anything. ``database.DatabaseError`` when the file is not a minutes database."""
        self.path = str(path)
        self.conn = open_database(self.path, readonly)
        self.index = Fts5Index(self.conn)
        self._forms = FormWriter()

    def __enter__(self) -> "Store":
        return self

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def index_item(self, item_pk: int, row: dict[str, str]) -> None:
        """The item's row of the FTS5 table (its rowid the item's pk) and its term hashes."""
        self.conn.execute(f"INSERT INTO item_search(rowid, {', '.join(COLUMNS)}) "
                          f"VALUES (?, {', '.join('?' for _ in COLUMNS)})", (item_pk, *(row[c] for c in COLUMNS)))
        self.conn.execute("INSERT INTO item_terms(item_pk, hashes) VALUES (?, ?)", (item_pk, pack_terms(row)))

    def unindex(self, document_pk: int, item_pks: list[int]) -> None:
        """The items' rows of the FTS5 table deleted, their impact lists marked for a rebuild."""
        mark_removed(self.conn, item_pks)
        self.conn.execute(
            "DELETE FROM item_search WHERE rowid IN (SELECT items.pk FROM items JOIN meetings "
            "ON meetings.pk = items.meeting_pk WHERE meetings.document_pk = ?)", (document_pk,))

    def refresh_search(self) -> int:
        """Bring the impact lists up to date after ingesting (``minutes ingest`` does it); until
        then searches for frequent words are ranked by FTS5 directly, correct but slower."""
        return refresh_impacts(self.conn)
