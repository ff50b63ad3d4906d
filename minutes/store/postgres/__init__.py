"""The PostgreSQL store (``--db postgresql://…``): ``store.PostgresStore``, the same ``Backend``
as the SQLite file's, for archives many processes write and many people read at once.
``connection`` pools psycopg 3 connections, ``schema`` holds the tables, ``index`` the tsvector
search index."""

from .store import PostgresStore

__all__ = ["PostgresStore"]
