"""The PostgreSQL store: the same ``Backend`` as the SQLite file's (``sql.SqlStore``), over a
pooled psycopg 3 connection (``connection``), with the schema of ``schema`` and the tsvector
index of ``index``.

Several processes, on one machine or many, may store into one database at once. Each document
is written in one transaction that first takes the database's write lock (a transaction-level
advisory lock): whether a file is new, updated or unchanged is decided under it, and so are the
decided versions and the links between items, which read other documents. Parsing, the costly
part, runs in parallel; storing is serialised, and a document is never stored twice or lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from psycopg_pool import PoolTimeout

from minutes.errors import StoreRefused
from minutes.record import Record, Strategy
from minutes.tagging.document import RecordTags

from ..backend import Backend
from ..database import DatabaseError, refuse_foreign
from ..derived import data_changed, refresh
from ..sql import SqlStore
from ..word_forms import FormWriter
from .connection import Connection, pool, scrubbed
from .index import COLUMNS, TsIndex, vectors
from .schema import LATEST, SCHEMA_LOCK, STEPS, WRITE_LOCK


class PostgresStore(SqlStore):
    """A minutes database in PostgreSQL, named by a ``postgresql://`` URL. ``readonly`` opens an
    existing one in read-only transactions. ``database.DatabaseError`` when the server cannot
    be reached or the database is not a minutes database."""

    def __init__(self, url: str, readonly: bool = False, name: str | None = None):
        self.path = name or url
        self.readonly = readonly
        try:
            self._pool = pool(url, readonly)
            self._raw = self._pool.getconn()
        except (psycopg.Error, PoolTimeout) as exc:
            raise DatabaseError(self.path, "cannot connect to the PostgreSQL server "
                                           f"({scrubbed(_first_line(exc), url, self.path)})") from None
        self.conn = Connection(self._raw)
        self.index = TsIndex(self.conn)
        self._forms = FormWriter()
        try:
            _open_schema(self.conn, self.path, readonly)
            if not readonly:
                with self.writing():
                    refresh(self.conn, data_changed(self.conn))
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "PostgresStore":
        return self

    def usable(self) -> bool:
        """Whether the store's connection still works (a server restarted or a connection ended
        leaves it closed: a long-lived holder, the web server, opens the store again)."""
        raw = self._raw
        return raw is not None and not raw.closed and not raw.broken

    def upsert(self, record: Record, replace: bool = False, ingested_at: str | None = None,
               tags: RecordTags | None = None, terms: Sequence[dict[str, str]] | None = None) -> str:
        """See ``Backend.upsert``. ``StoreRefused`` for a record holding a value PostgreSQL
        cannot take (the store is as it was)."""
        try:
            return super().upsert(record, replace, ingested_at, tags, terms)
        except (psycopg.errors.DataError, psycopg.errors.IntegrityError,
                psycopg.errors.ProgramLimitExceeded) as exc:
            raise StoreRefused(record.source.path, f"PostgreSQL cannot store it ({_first_line(exc)})") from None

    def close(self) -> None:
        """Give the connection back to the process's pool."""
        raw, self._raw = getattr(self, "_raw", None), None
        if raw is not None:
            if not raw.closed and raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raw.rollback()
            self._pool.putconn(raw)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """A transaction holding the database's write lock until it ends, its statements sent in
        a pipeline (the server is waited for only where a result is read)."""
        with self.conn.raw.pipeline(), self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            yield

    def index_item(self, item_pk: int, row: dict[str, str]) -> None:
        """The item's row of ``item_search``: its groups' texts and their tsvectors."""
        values = vectors(row)
        casts = ", ".join("?::tsvector" if c.startswith("v_") else "?" for c in COLUMNS)
        self.conn.execute(f"INSERT INTO item_search(item_pk, {', '.join(COLUMNS)}) VALUES (?, {casts})",
                          (item_pk, *(values[c] for c in COLUMNS)))

    def unindex(self, document_pk: int, item_pks: list[int]) -> None:
        """Nothing to do: an item's index row is deleted with it."""

    def refresh_search(self) -> int:
        """Nothing to bring up to date: the GIN index is current after every write."""
        return 0

    def add_strategy(self, strategy: Strategy) -> str:
        """See ``Backend.add_strategy``; under the write lock, as a document."""
        with self.writing():
            return super().add_strategy(strategy)

    def remove_strategy(self, strategy_id: str) -> bool:
        """See ``Backend.remove_strategy``."""
        with self.writing():
            return super().remove_strategy(strategy_id)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _tables(conn: Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


def _version(conn: Connection, tables: set[str]) -> int:
    if "minutes_schema" not in tables:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM minutes_schema").fetchone()[0]


def _check(conn: Connection, name: str) -> tuple[set[str], int]:
    tables = _tables(conn)
    version = _version(conn, tables)
    refuse_foreign(name, tables, version, LATEST, "a database of another application, not a minutes database; "
                   "it was left as it is (name an empty database, or one made by minutes)")
    return tables, version


def _open_schema(conn: Connection, name: str, readonly: bool) -> None:
    """Check the database; when writable, create or upgrade its schema (once, whoever else opens
    it at the same moment)."""
    try:
        _, version = _check(conn, name)
        if readonly:
            if version == 0:
                raise DatabaseError(name, "not a minutes database yet: nothing is stored in it")
            if version < LATEST:
                raise DatabaseError(name, f"made by an older minutes (schema {version}): open it for writing once "
                                          "(minutes ingest) to upgrade it")
            return
        if version == LATEST:
            return
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
            _, version = _check(conn, name)             # another process may have done it meanwhile
            if version == 0:
                conn.execute("CREATE TABLE minutes_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            for number in range(version + 1, LATEST + 1):
                conn.execute(STEPS[number - 1])
                conn.execute("INSERT INTO minutes_schema(version, applied_at) VALUES (?, now()::text)", (number,))
    except psycopg.Error as exc:
        raise DatabaseError(name, f"cannot be opened ({_first_line(exc)})") from None


__all__ = ["PostgresStore", "Backend"]
