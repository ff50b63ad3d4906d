"""The store wing: every line of SQL. Records in, answers out.

``open_store(target)`` opens a minutes database and returns its ``Backend`` (``backend``: every
operation the command line and the batch use). ``Store`` is the SQLite backend (``sqlite``);
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
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.lazy import lazy_names

if TYPE_CHECKING:
    from .backend import Backend

_HOMES = {"INSERTED": ".backend", "UNCHANGED": ".backend", "UPDATED": ".backend", "Backend": ".backend",
          "BackendUnavailable": ".backend", "Filters": ".filters", "Store": ".sqlite"}

POSTGRESQL_SCHEMES = ("postgresql", "postgres")
# what a backend lets through when its database cannot be written (a full disk, a failing
# device); every document stored before is whole
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)

__all__ = ["open_store", "Backend", "BackendUnavailable", "STORAGE_ERRORS", "Store", "Filters", "INSERTED", "UPDATED", "UNCHANGED"]


def open_store(target: str | Path, readonly: bool = False) -> Backend:
    """The minutes database ``target`` names, opened by its backend: a file path is an SQLite
    database (created when missing unless ``readonly``); a ``postgresql://`` URL raises
    ``BackendUnavailable`` (exit code 2) until the PostgreSQL backend exists (issue 16). The
    SQLite backend raises ``database.DatabaseError`` for a file that is not a minutes database.

    Returns a ``Backend`` (a context manager); raises ``DatabaseError`` or
    ``BackendUnavailable``."""
    from .backend import BackendUnavailable
    from .sqlite import Store

    text = str(target)
    scheme, _, rest = text.partition("://")
    if rest and scheme.lower() in POSTGRESQL_SCHEMES:
        raise BackendUnavailable(_without_password(text), "the PostgreSQL backend is not available yet "
                                 "(it comes with issue 16); name an SQLite database file")
    return Store(target, readonly=readonly)


def _without_password(url: str) -> str:
    """A database URL fit for a message: its password left out."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(f":{parts.password}@", "@", 1)
        return parts._replace(netloc=netloc).geturl()
    except ValueError:
        return url.split("://", 1)[0] + "://…"


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__, Path(__file__).parent)
