"""The store wing: every line of SQL. Records in, answers out.

``open_store(target)`` opens a minutes database and returns its ``Backend`` (``backend``: every
operation the command line and the batch use). ``Store`` is the SQLite backend (``sqlite``),
``postgres.PostgresStore`` the PostgreSQL one, both ``sql.SqlStore`` over their own connection
and search index (``index``);
``database`` opens and refuses files, ``migrations`` holds the numbered, frozen schema
migrations and ``derived`` rebuilds what they make stale, ``fulltext`` and ``impacts`` the search
index, ``links`` the links between items, ``versions`` the versions of a meeting, ``filters``,
``search``, ``shown`` and ``export`` the queries that answer, ``diagnostics`` the numbers of the
evaluation scripts, ``paths`` the file names the user gives. The store depends on
``minutes.record``, ``minutes.errors`` and ``minutes.language``, never on the parser.

Its names are loaded when first used, so that a light module of the wing (``filters``, ``stats``,
``paths``: what the command line's options show) loads without the backend (the command line
starts quickly, issue 13).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.lazy import lazy_names

if TYPE_CHECKING:
    from .backend import Backend

_HOMES = {"INSERTED": ".backend", "UNCHANGED": ".backend", "UPDATED": ".backend", "Backend": ".backend",
          "BackendUnavailable": ".backend", "Filters": ".filters", "Store": ".sqlite"}

POSTGRESQL_SCHEMES = ("postgresql", "postgres")
# what a backend lets through when its database cannot be written (a full disk, a failing
# device, a server gone); every document stored before is whole
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def storage_errors() -> tuple[type[Exception], ...]:
    """``STORAGE_ERRORS``, and psycopg's when a PostgreSQL store was opened."""
    driver = sys.modules.get("psycopg")
    return STORAGE_ERRORS + ((driver.Error,) if driver is not None else ())

__all__ = ["open_store", "shown_name", "Backend", "BackendUnavailable", "STORAGE_ERRORS", "storage_errors", "Store", "Filters", "INSERTED", "UPDATED", "UNCHANGED"]


def open_store(target: str | Path, readonly: bool = False) -> Backend:
    """The minutes database ``target`` names, opened by its backend: a file path is an SQLite
    database (created when missing unless ``readonly``); a ``postgresql://`` URL raises
    URL (``postgresql://user@host:port/dbname``) a PostgreSQL database (its tables created when
    it has none, unless ``readonly``). Either raises ``database.DatabaseError`` for a database
    that is not a minutes database or cannot be reached; ``BackendUnavailable`` when the
    PostgreSQL driver (``psycopg``) is not installed.

    Returns a ``Backend`` (a context manager)."""
    from .backend import BackendUnavailable

    text = str(target)
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() in POSTGRESQL_SCHEMES:
        try:
            from .postgres import PostgresStore
        except ImportError as exc:
            raise BackendUnavailable(_without_password(text), f"the PostgreSQL driver is not installed ({exc}): "
                                     "pip install 'psycopg[binary]' psycopg-pool") from None
        return PostgresStore(text, readonly=readonly, name=_without_password(text))
    from .sqlite import Store

    return Store(target, readonly=readonly)


def shown_name(target: str | Path) -> str:
    """A database named as it may be printed: a file's path as it is; a URL without its password
    (in the address or as a ``password`` parameter)."""
    text = str(target)
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() in POSTGRESQL_SCHEMES:
        return _without_password(text)
    return text


def _without_password(url: str) -> str:
    """A database URL fit for a message: its password left out."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    try:
        parts = urlsplit(url)
        if parts.password is not None:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", "@", 1))
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(key == "password" for key, _ in query):
            parts = parts._replace(query=urlencode([(k, v) for k, v in query if k != "password"]))
        return parts.geturl()
    except ValueError:
        return url.split("://", 1)[0] + "://…"


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__, Path(__file__).parent)
