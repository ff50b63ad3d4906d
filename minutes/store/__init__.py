"""The store wing: every line of SQL. Records in, answers out.

``Store`` is the SQLite backend (``sqlite``); ``database`` opens and refuses files,
``migrations`` holds the numbered schema migrations, ``fulltext`` and ``impacts`` the search
index, ``links`` the links between items, ``versions`` the versions of a meeting, ``search`` and
``export`` the queries that answer. The store depends on ``minutes.record``, ``minutes.errors``
and ``minutes.language``, never on the parser.
"""

from .sqlite import INSERTED, UNCHANGED, UPDATED, Filters, Store

__all__ = ["Store", "Filters", "INSERTED", "UPDATED", "UNCHANGED"]
