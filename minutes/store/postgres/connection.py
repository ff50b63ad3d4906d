"""Connections to a PostgreSQL minutes database: one psycopg 3 connection pool per database and
mode in a process (``pool``), and ``Connection``, a pooled connection that runs the store's SQL
as the SQLite module's connection does: ``execute`` and ``executemany`` with ``?`` placeholders
(passed to psycopg as its own), and a ``transaction``. Connections are in autocommit mode: every
write the store makes is inside an explicit ``transaction``."""

from __future__ import annotations

import atexit
import functools
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from ..paths import text_of_bytes

POOL_SIZE = 48             # connections a process opens to one database at most (a web server: one a thread)
CONNECT_SECONDS = 30       # how long opening waits for a connection

_pools: dict[tuple[str, bool], ConnectionPool] = {}
_lock = threading.Lock()


@functools.lru_cache(maxsize=2048)
def psycopg_sql(sql: str) -> str:
    """``sql`` with its ``?`` placeholders (outside quoted text) as psycopg's ``%s``, and every
    ``%`` doubled, so that psycopg reads it as written."""
    out, quoted = [], False
    for char in sql:
        if char == "'":
            quoted = not quoted
        if char == "%":
            out.append("%%")
        elif char == "?" and not quoted:
            out.append("%s")
        else:
            out.append(char)
    return "".join(out)


def _value(value):
    """A parameter as PostgreSQL takes it: text cannot hold NUL, which becomes U+FFFD; bytes (a
    file name that is not UTF-8, ``paths.stored_path``) are kept as text (``paths.text_of_bytes``)."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    if isinstance(value, bytes):
        return text_of_bytes(value)
    return value


class Connection:
    """A pooled psycopg connection used as the store's modules use an SQLite connection."""

    def __init__(self, raw: psycopg.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence = ()) -> psycopg.Cursor:
        if params:
            return self.raw.execute(psycopg_sql(sql), [_value(v) for v in params])
        return self.raw.execute(sql)

    def executemany(self, sql: str, rows) -> None:
        rows = [[_value(v) for v in r] for r in rows]
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(psycopg_sql(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator["Connection"]:
        """One transaction (a savepoint inside another), rolled back by any exception."""
        with self.raw.transaction():
            yield self


def probe(url: str) -> None:
    """Connect once and hang up: a server that cannot be reached, or refuses, says so at once
    (a pool would retry in the background). The URL's own ``connect_timeout`` holds, else 10 s."""
    given = conninfo_to_dict(url)
    options = {} if "connect_timeout" in given else {"connect_timeout": 10}
    psycopg.connect(url, autocommit=True, **options).close()


def scrubbed(message: str, url: str, name: str) -> str:
    """A driver's message fit to print: the URL as ``name`` (without its password), and any
    other URL's password left out."""
    message = message.replace(url, name)
    return _PASSWORD.sub(r"\1@", message)


_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@", re.IGNORECASE)


def _read_only(conn: psycopg.Connection) -> None:
    conn.execute("SET default_transaction_read_only = on")     # beside the URL's own options


def pool(url: str, readonly: bool) -> ConnectionPool:
    """The process's pool of connections to ``url`` (read-only ones when ``readonly``); the first
    time, a ``probe`` says at once when the server cannot be reached."""
    key = (url, readonly)
    with _lock:
        found = _pools.get(key)
        if found is None or found.closed:
            probe(url)
            found = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, kwargs={"autocommit": True},
                                   configure=_read_only if readonly else None, timeout=CONNECT_SECONDS,
                                   open=False, name="minutes")
            try:
                found.open(wait=True, timeout=CONNECT_SECONDS)
            except BaseException:
                found.close()                       # no pool left retrying in the background
                raise
            _pools[key] = found
        return found


def close_pools() -> None:
    """Close every pool of this process (at exit; a test between databases)."""
    with _lock:
        for found in _pools.values():
            found.close()
        _pools.clear()


atexit.register(close_pools)

__all__ = ["Connection", "pool", "probe", "scrubbed", "close_pools", "psycopg_sql"]
