"""Numbered schema migrations of the SQLite store. ``PRAGMA user_version`` holds the number of the
last one applied; opening an older database applies the rest, each in its own transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from .transaction import transaction

CORE = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                 -- where the file was read from
    sha256 TEXT NOT NULL UNIQUE,        -- content hash: the same bytes are stored once
    format TEXT NOT NULL,
    pages INTEGER,
    document_type TEXT NOT NULL,        -- minutes | agenda
    language TEXT NOT NULL,             -- fi | sv
    record TEXT NOT NULL,               -- the minutes.record/1 JSON, as `minutes parse` prints it
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_path ON documents(path);

CREATE TABLE meetings (
    pk INTEGER PRIMARY KEY,
    document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,                   -- <org-slug>/<body-slug>/<YYYY-MM-DD>
    organization TEXT, body TEXT, number TEXT, date TEXT, start TEXT, "end" TEXT, place TEXT
);
CREATE INDEX meetings_id ON meetings(id);
CREATE INDEX meetings_document ON meetings(document_pk);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE participants (
    meeting_pk INTEGER NOT NULL REFERENCES meetings(pk) ON DELETE CASCADE,
    name TEXT NOT NULL, role TEXT, status TEXT NOT NULL, arrived TEXT, "left" TEXT
);
CREATE INDEX participants_meeting ON participants(meeting_pk);

CREATE TABLE items (
    pk INTEGER PRIMARY KEY,
    meeting_pk INTEGER NOT NULL REFERENCES meetings(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,                   -- <org-slug>/<body-slug>/<YYYY-MM-DD>/<number>
    number INTEGER, title TEXT NOT NULL, case_id TEXT, page INTEGER, presenter TEXT,
    preparers TEXT NOT NULL DEFAULT '[]'   -- JSON list
);
CREATE INDEX items_id ON items(id);
CREATE INDEX items_meeting ON items(meeting_pk);
CREATE INDEX items_case ON items(case_id);

CREATE TABLE stages (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, body TEXT NOT NULL, date TEXT, number INTEGER
);
CREATE INDEX stages_item ON stages(item_pk);

CREATE TABLE sections (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    stage_pk INTEGER REFERENCES stages(pk) ON DELETE CASCADE,   -- null: the item's own section
    ordinal INTEGER NOT NULL, kind TEXT NOT NULL, heading TEXT, text TEXT NOT NULL, page INTEGER
);
CREATE INDEX sections_item ON sections(item_pk);

CREATE TABLE warnings (
    document_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    page INTEGER, message TEXT NOT NULL
);
"""


def _search_index(conn: sqlite3.Connection) -> None:
    """The FTS5 index of item titles and sections, built for the items already stored."""
    from minutes.record import Record

    from .fulltext import COLUMNS, index_row
    
    columns = ", ".join(COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE item_search USING fts5({columns}, "
                 "tokenize = 'unicode61 remove_diacritics 0')")
    placeholders = ", ".join("?" for _ in COLUMNS)
    for (record_json,) in conn.execute("SELECT record FROM documents").fetchall():
        record = Record.from_dict(json.loads(record_json))
        for item in record.items:
            pk = conn.execute(
                "SELECT items.pk FROM items JOIN meetings ON meetings.pk = items.meeting_pk "
                "JOIN documents ON documents.pk = meetings.document_pk WHERE documents.sha256 = ? AND items.id = ?",
                (record.source.sha256, item.id)).fetchone()[0]
            row = index_row(item, record.language)
            conn.execute(f"INSERT INTO item_search(rowid, {columns}) VALUES (?, {placeholders})",
                         (pk, *(row[c] for c in COLUMNS)))


LINKS = """
ALTER TABLE meetings ADD COLUMN body_key TEXT;
ALTER TABLE stages ADD COLUMN body_key TEXT;
ALTER TABLE stages ADD COLUMN year INTEGER;
ALTER TABLE stages ADD COLUMN resolved_item_pk INTEGER REFERENCES items(pk) ON DELETE SET NULL;
CREATE TABLE refs (
    pk INTEGER PRIMARY KEY,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    section_pk INTEGER NOT NULL REFERENCES sections(pk) ON DELETE CASCADE,
    kind TEXT NOT NULL,                 -- decision | office_decision | law | case | attachment
    text TEXT NOT NULL,                 -- as printed
    body TEXT, body_key TEXT, date TEXT, year INTEGER, number INTEGER,
    law TEXT, section INTEGER, subsection INTEGER, case_id TEXT,
    resolved_item_pk INTEGER REFERENCES items(pk) ON DELETE SET NULL
);
CREATE INDEX refs_item ON refs(item_pk);
CREATE INDEX refs_target ON refs(body_key, number, date);
CREATE INDEX refs_resolved ON refs(resolved_item_pk);
CREATE INDEX stages_target ON stages(body_key, number, date);
CREATE INDEX stages_resolved ON stages(resolved_item_pk);
CREATE INDEX meetings_key ON meetings(organization, body_key, date)
"""


def _links(conn: sqlite3.Connection) -> None:
    """References and resolved links; filled for the documents already stored."""
    from minutes.record import Record

    from .links import body_key, resolve_document
    from .sqlite import insert_references

    for statement in LINKS.split(";\n"):
        conn.execute(statement)
    for pk, body in conn.execute("SELECT pk, body FROM meetings").fetchall():
        conn.execute("UPDATE meetings SET body_key = ? WHERE pk = ?", (body_key(body), pk))
    for pk, body, day in conn.execute("SELECT pk, body, date FROM stages").fetchall():
        conn.execute("UPDATE stages SET body_key = ?, year = ? WHERE pk = ?",
                     (body_key(body), int(day[:4]) if day else None, pk))
    documents = conn.execute("SELECT pk, record FROM documents").fetchall()
    for document_pk, raw in documents:
        insert_references(conn, document_pk, Record.from_dict(json.loads(raw)))
    for document_pk, _ in documents:
        resolve_document(conn, document_pk)


IMPACTS = """
CREATE TABLE item_terms (
    item_pk INTEGER PRIMARY KEY REFERENCES items(pk) ON DELETE CASCADE,
    hashes BLOB NOT NULL                -- sorted CRC-32 hashes of the item's index terms
);
CREATE TABLE impact_lists (
    term TEXT NOT NULL, score REAL NOT NULL,
    item_pk INTEGER NOT NULL REFERENCES items(pk) ON DELETE CASCADE,
    PRIMARY KEY (term, score, item_pk)
) WITHOUT ROWID;
CREATE INDEX impact_lists_item ON impact_lists(item_pk);
CREATE TABLE impact_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE impact_dirty (
    hash INTEGER PRIMARY KEY            -- a term of a removed item: its list is rebuilt at the next refresh
);
CREATE VIRTUAL TABLE item_vocab USING fts5vocab(item_search, row)
"""


def _impacts(conn: sqlite3.Connection) -> None:
    """Impact lists of frequent terms, and the term sets of the items already stored."""
    from .fulltext import COLUMNS
    from .impacts import pack_terms, rebuild

    for statement in IMPACTS.split(";\n"):
        conn.execute(statement)
    columns = ", ".join(COLUMNS)
    for rowid, *values in conn.execute(f"SELECT rowid, {columns} FROM item_search").fetchall():
        conn.execute("INSERT INTO item_terms(item_pk, hashes) VALUES (?, ?)",
                     (rowid, pack_terms(dict(zip(COLUMNS, values)))))
    rebuild(conn)


def _content_ids(conn: sqlite3.Connection) -> None:
    """Ids of meetings that cannot be identified built from their document's content hash, and
    no item id twice within a document: the stored records, meetings and items of such documents
    get the ids ``pipeline.assign_ids`` gives them now (with its warnings)."""
    from minutes.record import Record, assign_ids, is_identified, json_text, meeting_id

    from .links import resolve_document

    documents = conn.execute(
        "SELECT d.pk, d.record, m.pk FROM documents d JOIN meetings m ON m.document_pk = d.pk "
        "WHERE m.organization IS NULL OR m.body IS NULL OR m.date IS NULL OR m.pk IN "
        "(SELECT meeting_pk FROM items GROUP BY meeting_pk, id HAVING count(*) > 1)").fetchall()
    for document_pk, raw, meeting_pk in documents:
        old = Record.from_dict(json.loads(raw))
        record = assign_ids(old)
        m = record.meeting
        new_id = meeting_id(m.organization, m.body, m.date, record.source.sha256)
        conn.execute("UPDATE documents SET record = ? WHERE pk = ?",
                     (json_text(record.to_dict()), document_pk))
        conn.execute("UPDATE meetings SET id = ? WHERE pk = ?", (new_id, meeting_pk))
        pks = [pk for (pk,) in conn.execute("SELECT pk FROM items WHERE meeting_pk = ? ORDER BY pk", (meeting_pk,))]
        conn.executemany("UPDATE items SET id = ? WHERE pk = ?", [(i.id, pk) for i, pk in zip(record.items, pks)])
        conn.executemany("INSERT INTO warnings(document_pk, page, message) VALUES (?, ?, ?)",
                         [(document_pk, w.page, w.message) for w in record.warnings[len(old.warnings):]])
        if not is_identified(new_id):
            for table in ("refs", "stages"):      # its items are nobody's link targets
                conn.execute(f"UPDATE {table} SET resolved_item_pk = NULL WHERE resolved_item_pk IN "
                             "(SELECT pk FROM items WHERE meeting_pk = ?)", (meeting_pk,))
            resolve_document(conn, document_pk)


def _decided(conn: sqlite3.Connection) -> None:
    """The decided version of every item (see ``versions``)."""
    from .versions import mark_decided

    conn.execute("ALTER TABLE items ADD COLUMN decided INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX items_decided ON items(id, decided)")
    mark_decided(conn)


# A stored document is its file: the same path with the same content. Copies of a file in two
# folders are two documents (versions of one meeting), and a file whose content comes to equal
# another's is still updated. Rebuilt as SQLite's documentation describes, with foreign keys off.
IDENTITY = """
CREATE TABLE documents_new (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                 -- where the file was read from (a BLOB when its name is not UTF-8)
    sha256 TEXT NOT NULL,               -- content hash
    format TEXT NOT NULL,
    pages INTEGER,
    document_type TEXT NOT NULL,
    language TEXT NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (path, sha256)
);
INSERT INTO documents_new SELECT pk, path, sha256, format, pages, document_type, language, record, ingested_at
    FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_sha256 ON documents(sha256)"""

Migration = tuple[int, str, "str | Callable[[sqlite3.Connection], None]"]
MIGRATIONS: list[Migration] = [
    (1, "documents, meetings, participants, items, stages, sections, warnings", CORE),
    (2, "full-text search index with lemmas", _search_index),
    (3, "references and links between items", _links),
    (4, "impact lists for fast ranking of frequent words", _impacts),
    # records stored before 5 hold a handling's full name in "body": the full name is copied
    (5, "full names of the bodies of earlier handlings (stages.body_name)",
     "ALTER TABLE stages ADD COLUMN body_name TEXT;\nUPDATE stages SET body_name = NULLIF(body, '')"),
    (6, "content-hash ids for meetings that cannot be identified; no item id twice in a document", _content_ids),
    (7, "the decided version of every item (minutes before agendas, the latest ingested)", _decided),
    (8, "a stored document is its file: identity by path and content", IDENTITY),
]
LATEST = MIGRATIONS[-1][0]


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> list[int]:
    """Apply the migrations after the database's version up to ``target``; return their numbers."""
    applied = []
    pending = [m for m in MIGRATIONS if schema_version(conn) < m[0] <= target]
    if not pending:
        return applied
    # a table is rebuilt with foreign keys off (dropping it would cascade), checked before commit
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for number, _, step in pending:
            with transaction(conn):
                if isinstance(step, str):
                    for statement in step.split(";\n"):
                        if statement.strip():
                            conn.execute(statement)
                else:
                    step(conn)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken:
                    raise sqlite3.IntegrityError(f"migration {number} broke a reference: {tuple(broken)}")
                conn.execute(f"PRAGMA user_version = {number}")
            applied.append(number)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return applied
