"""One write transaction, all or nothing, whatever interrupts it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` on a connection in autocommit mode (``isolation_level=None``);
    any exception, Ctrl-C included, rolls back. An interrupt that lands after SQLite finished the
    commit finds no transaction to roll back and is passed on as it came. On a PostgreSQL
    connection, its own ``transaction`` (a savepoint inside another)."""
    if not isinstance(conn, sqlite3.Connection):
        with conn.transaction():
            yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
