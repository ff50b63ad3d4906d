"""The few SQL phrases the two engines spell differently. Every query module writes SQL both
SQLite and PostgreSQL read (``?`` placeholders, which the PostgreSQL connection passes to
psycopg as its own); where they differ it asks here, by the connection it was given."""

from __future__ import annotations

import sqlite3


def is_sqlite(conn) -> bool:
    """Whether ``conn`` is an SQLite connection (else a ``postgres.connection.Connection``)."""
    return isinstance(conn, sqlite3.Connection)


def listed(conn, integers: bool = False) -> str:
    """A subquery of the values of one parameter holding a JSON array (``json.dumps(values)``):
    how a query takes a list of any length."""
    if is_sqlite(conn):
        return "(SELECT value FROM json_each(?))"
    cast = "::bigint" if integers else ""
    return f"(SELECT value{cast} FROM json_array_elements_text(?::json) AS value)"


def json_array(conn, expression: str, order: str) -> str:
    """An aggregate of ``expression`` as a JSON array in text, in the order of ``order``."""
    if is_sqlite(conn):
        return f"json_group_array({expression})"      # SQLite aggregates in the order rows are read
    return f"coalesce(json_agg({expression} ORDER BY {order})::text, '[]')"


def joined(conn, expression: str) -> str:
    """An aggregate of ``expression`` as text joined by commas."""
    if is_sqlite(conn):
        return f"group_concat({expression})"
    return f"string_agg({expression}, ',')"


def insert(conn, sql: str, params) -> int:
    """Run an ``INSERT`` of one row; the ``pk`` it was given. (SQLite's ``RETURNING`` costs five
    times its ``lastrowid`` on a table with several indexes.)"""
    if is_sqlite(conn):
        return conn.execute(sql, params).lastrowid
    return conn.execute(sql + " RETURNING pk", params).fetchone()[0]


def database_file(conn) -> str | None:
    """The file of an SQLite database (None in memory, and for PostgreSQL)."""
    if not is_sqlite(conn):
        return None
    return conn.execute("PRAGMA database_list").fetchone()[2] or None


__all__ = ["is_sqlite", "listed", "json_array", "joined", "insert", "database_file"]
