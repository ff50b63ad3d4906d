"""Opening a minutes database: a new file is created, a minutes database is brought up to the
current schema, and anything else is refused with one clear error before it is touched: a file
that is not SQLite (a text, a PDF, an empty or truncated file), another application's SQLite
database (never given our tables or switched to WAL), or a database made by a newer minutes.
Commands that only read open the file read-only and change nothing, so a database in a folder
the user cannot write (or on read-only media) can still be searched, shown and exported."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from minutes.errors import ExitCode, MinutesError

from .derived import data_changed, pending, refresh
from .index import Index
from .migrations import LATEST, migrate, schema_version

OUR_TABLES = frozenset({"documents", "meetings", "items", "sections"})
BUSY_SECONDS = 60          # how long a writer waits for another writer


class DatabaseError(MinutesError):
    """The file given as the database cannot be used as one."""

    exit_code = ExitCode.USAGE
    category = "database"


class Connected(Protocol):
    """Anything holding an open minutes database (a backend, or one of its connections): the
    query modules (``search``, ``browse``) take one. ``conn`` runs the SQL (an SQLite connection,
    or ``postgres.connection.Connection``), ``index`` is its search index (``index.Index``)."""

    conn: sqlite3.Connection
    index: Index


def _uri(path: str, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(Path(path).absolute()))}?{query}"


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def refuse_foreign(name: str, tables: set[str], version: int, latest: int, foreign: str) -> None:
    """``DatabaseError`` for a database of a newer minutes (``version`` past ``latest``) or of
    another application (tables but not ours; ``foreign`` says so)."""
    if version > latest:
        raise DatabaseError(name, f"made by a newer version of minutes (schema {version}; this one knows up to "
                                  f"{latest}): upgrade minutes to use it")
    if tables and (version == 0 or not OUR_TABLES <= tables):
        raise DatabaseError(name, foreign)


def _check(conn: sqlite3.Connection, path: str, *, exists: bool) -> int:
    """The schema version of a usable database; DatabaseError for anything else. Reads only."""
    try:
        tables = _tables(conn)
        version = schema_version(conn)
    except sqlite3.OperationalError:
        raise                                # cannot open (read-only media): the caller tries otherwise
    except sqlite3.DatabaseError as exc:     # "file is not a database", a truncated file
        raise DatabaseError(path, f"not a minutes database: SQLite cannot read it ({exc})") from None
    refuse_foreign(path, tables, version, LATEST, "an SQLite database of another application, not a minutes "
                   "database; it was left as it is (name another file with --db)")
    if exists and not tables and Path(path).stat().st_size == 0:
        raise DatabaseError(path, "an empty file, not a minutes database (remove it, or name another file)")
    return version


def open_database(path: str, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the minutes database at ``path``, created when missing (not when
    ``readonly``), migrated to the current schema when writable, with the derived data that
    the migrations made stale rebuilt (see ``derived``)."""
    target = Path(path)
    exists = target.exists()
    if target.is_dir():
        raise DatabaseError(path, "is a folder, not a database file")
    if readonly:
        if not exists:
            raise DatabaseError(path, f"no such database; create it with `minutes ingest FOLDER --db {path}`")
        return _open_readonly(path)
    if exists:   # look before anything is written: a foreign file is never changed
        probe = _open_readonly(path, check=False)
        try:
            _check(probe, path, exists=True)
        finally:
            probe.close()
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        refresh(conn, set(migrate(conn).refresh) | data_changed(conn))
    except sqlite3.OperationalError as exc:
        raise DatabaseError(path, f"cannot be opened for writing ({exc})") from None
    return conn


def _open_readonly(path: str, check: bool = True) -> sqlite3.Connection:
    """Read-only, never creating or converting anything; on media where SQLite cannot even keep
    its shared-memory file, opened as immutable."""
    last: Exception | None = None
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        try:
            conn = sqlite3.connect(_uri(path, **params), uri=True, isolation_level=None, timeout=BUSY_SECONDS)
            conn.execute("PRAGMA foreign_keys = ON")
            if check:
                version = _check(conn, path, exists=True)
                if version < LATEST:
                    conn.close()
                    raise DatabaseError(path, f"made by an older version of minutes (schema {version}); open it "
                                              "once with write access (minutes ingest) to upgrade it")
                if pending(conn):
                    conn.close()
                    raise DatabaseError(path, "its upgrade to this version of minutes was interrupted; open it "
                                              "once with write access (minutes ingest) to finish it")
            else:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:   # "unable to open database file": try immutable
            last = exc
            continue
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(path, f"not a minutes database: SQLite cannot read it ({exc})") from None
    raise DatabaseError(path, f"cannot be opened ({last})")
