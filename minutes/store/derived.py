"""Derived data: what the store computes from the stored records with today's code (the search
index rows with their lemmas, the term sets and impact lists, references and their resolved
links, the body keys, content-hash ids, the decided marks, the decisions' rows and people, the
analysis of the word forms, the strategy tags), rebuilt from the records when a migration made it
stale.

Migrations are frozen SQL (``migrations``): they change the schema and move data that SQL can
move, and name the derived data they make stale. ``refresh`` rebuilds each, in dependency order,
one transaction each. Until a rebuild commits its mark stays in ``search_state``, so a rebuild
that is interrupted is done again the next time the database is opened for writing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable

from minutes.language.bodies import body_key
from minutes.language.lexicon import models_dir
from minutes.record import Record, assign_ids, json_text, meeting_id

from .decisions import refresh_decisions
from .fulltext import COLUMNS, index_row
from .impacts import pack_terms, rebuild
from .links import insert_references, resolve_document
from .migrations import STALE_MARK
from .strategies import refresh_strategy_tags
from .word_forms import refresh_word_forms
from .transaction import transaction
from .versions import mark_decided

# what else a rebuild makes stale: links follow ids, keys and references; ranking follows the index
FOLLOWS = {
    "ids": ("links", "decided"),
    "body_keys": ("links",),
    "search_index": ("impacts", "word_forms"),
    "references": ("links",),
    "decisions": ("strategy_tags",),
    "word_forms": ("strategy_tags",),      # tagging reads the stored analysis of the forms
}
# the data files of models/ a derived kind is computed from: when their content changes (a new
# release, a user's edit), the derived data is rebuilt at the next writable open (the search
# index, costly to rebuild, is rebuilt by a migration when its analysis changes)
DATA_FILES = {
    "word_forms": ("word_forms.toml",),
    "strategy_tags": ("strategy_tags.toml", "search.toml"),
}
_DATA = "data:"     # search_state key prefix: the fingerprint of the data files a kind was computed from
_MARK = STALE_MARK
log = logging.getLogger(__name__)


def _records(conn: sqlite3.Connection) -> Iterable[tuple[int, Record]]:
    """(document pk, record) of every stored document, one at a time; a stored record this
    version cannot read is left as it is, with a warning, and derives nothing."""
    for pk, raw in conn.execute("SELECT pk, record FROM documents ORDER BY pk").fetchall():
        try:
            record = Record.from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("stored document %s: its record cannot be read (%s); it is not indexed", pk, exc)
            continue
        yield pk, record


def refresh_ids(conn: sqlite3.Connection) -> None:
    """Documents whose meeting cannot be identified, or with an item id twice: their records,
    meetings and items get the ids ``record.assign_ids`` gives them now (with its warnings)."""
    documents = conn.execute(
        "SELECT d.pk, d.record, m.pk FROM documents d JOIN meetings m ON m.document_pk = d.pk "
        "WHERE m.organization IS NULL OR m.body IS NULL OR m.date IS NULL OR m.pk IN "
        "(SELECT meeting_pk FROM items GROUP BY meeting_pk, id HAVING count(*) > 1)").fetchall()
    for document_pk, raw, meeting_pk in documents:
        old = Record.from_dict(json.loads(raw))
        record = assign_ids(old)
        m = record.meeting
        conn.execute("UPDATE documents SET record = ? WHERE pk = ?", (json_text(record.to_dict()), document_pk))
        conn.execute("UPDATE meetings SET id = ? WHERE pk = ?",
                     (meeting_id(m.organization, m.body, m.date, record.source.sha256), meeting_pk))
        pks = [pk for (pk,) in conn.execute("SELECT pk FROM items WHERE meeting_pk = ? ORDER BY pk", (meeting_pk,))]
        conn.executemany("UPDATE items SET id = ? WHERE pk = ?", [(i.id, pk) for i, pk in zip(record.items, pks)])
        conn.executemany("INSERT INTO warnings(document_pk, page, message) VALUES (?, ?, ?)",
                         [(document_pk, w.page, w.message) for w in record.warnings[len(old.warnings):]])


def refresh_body_keys(conn: sqlite3.Connection) -> None:
    """The body keys of meetings and of earlier handlings (by a handling's full name)."""
    conn.executemany("UPDATE meetings SET body_key = ? WHERE pk = ?",
                     [(body_key(body), pk) for pk, body in conn.execute("SELECT pk, body FROM meetings").fetchall()])
    conn.executemany("UPDATE stages SET body_key = ? WHERE pk = ?",
                     [(body_key(name or body), pk)
                      for pk, body, name in conn.execute("SELECT pk, body, body_name FROM stages").fetchall()])


def refresh_search_index(conn: sqlite3.Connection) -> None:
    """Every item's row of the full-text index and its term set, from the stored records."""
    conn.execute("DELETE FROM item_search")
    conn.execute("DELETE FROM item_terms")
    columns = ", ".join(COLUMNS)
    placeholders = ", ".join("?" for _ in COLUMNS)
    for document_pk, record in _records(conn):
        pks = dict(conn.execute("SELECT i.id, i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk "
                                "WHERE m.document_pk = ?", (document_pk,)).fetchall())
        for item in record.items:
            row = index_row(item, record.language)
            conn.execute(f"INSERT INTO item_search(rowid, {columns}) VALUES (?, {placeholders})",
                         (pks[item.id], *(row[c] for c in COLUMNS)))
            conn.execute("INSERT INTO item_terms(item_pk, hashes) VALUES (?, ?)", (pks[item.id], pack_terms(row)))


def refresh_references(conn: sqlite3.Connection) -> None:
    """The references of every stored document (unresolved until ``refresh_links``)."""
    conn.execute("DELETE FROM refs")
    for document_pk, record in _records(conn):
        insert_references(conn, document_pk, record)


def refresh_links(conn: sqlite3.Connection) -> None:
    """Every reference and handling resolved again to the item it names."""
    conn.execute("UPDATE refs SET resolved_item_pk = NULL WHERE resolved_item_pk IS NOT NULL")
    conn.execute("UPDATE stages SET resolved_item_pk = NULL WHERE resolved_item_pk IS NOT NULL")
    for (document_pk,) in conn.execute("SELECT pk FROM documents ORDER BY pk").fetchall():
        resolve_document(conn, document_pk)


def refresh_impacts(conn: sqlite3.Connection) -> None:
    """The impact lists built again from the search index."""
    for table in ("impact_lists", "impact_terms", "impact_dirty"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute(f"DELETE FROM search_state WHERE key NOT LIKE '{_MARK}%' AND key NOT LIKE '{_DATA}%'")
    rebuild(conn)


REBUILDS: dict[str, Callable[[sqlite3.Connection], None]] = {
    "ids": refresh_ids,
    "body_keys": refresh_body_keys,
    "search_index": refresh_search_index,
    "references": refresh_references,
    "links": refresh_links,
    "impacts": refresh_impacts,
    "decided": mark_decided,
    "decisions": refresh_decisions,
    "word_forms": lambda conn: refresh_word_forms(conn, _records(conn)),
    "strategy_tags": refresh_strategy_tags,
}


def stale_with_followers(stale: Iterable[str]) -> list[str]:
    """``stale`` and what follows from it (``FOLLOWS``), in the order they are rebuilt."""
    wanted = set(stale)
    for name in REBUILDS:                      # dependency order: followers come later
        if name in wanted:
            wanted.update(FOLLOWS.get(name, ()))
    unknown = wanted - set(REBUILDS)
    if unknown:
        raise ValueError(f"no such derived data: {sorted(unknown)}")
    return [name for name in REBUILDS if name in wanted]


def fingerprint(name: str) -> int:
    """63 bits of the SHA-256 of the data files ``name`` is computed from (``DATA_FILES``)."""
    digest = hashlib.sha256()
    for file in DATA_FILES[name]:
        digest.update(file.encode() + b"\0" + (models_dir() / file).read_bytes())
    return int.from_bytes(digest.digest()[:8], "big") >> 1


def _record_fingerprint(conn: sqlite3.Connection, name: str) -> None:
    if name in DATA_FILES:
        conn.execute("INSERT INTO search_state(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = excluded.value", (_DATA + name, fingerprint(name)))


def data_changed(conn: sqlite3.Connection) -> set[str]:
    """The derived data computed from data files whose content has changed since (``DATA_FILES``).
    A kind with no fingerprint yet (a new database, or one from before fingerprints) gets today's,
    and nothing is rebuilt for it."""
    stored = dict(conn.execute("SELECT key, value FROM search_state WHERE key LIKE ?", (_DATA + "%",)).fetchall())
    changed, missing = set(), []
    for name in DATA_FILES:
        value = stored.get(_DATA + name)
        if value is None:
            missing.append(name)
        elif value != fingerprint(name):
            changed.add(name)
    if missing:
        with transaction(conn):
            for name in missing:
                _record_fingerprint(conn, name)
    return changed


def refresh(conn: sqlite3.Connection, stale: Iterable[str] = ()) -> list[str]:
    """Rebuild the ``stale`` derived data (and any left stale by an interrupted refresh) with
    today's code, one transaction each; return the names rebuilt, in order."""
    marked = pending(conn)
    names = stale_with_followers(set(stale) | marked)
    if not names:
        return []
    if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:   # nothing stored, nothing derived
        with transaction(conn):
            conn.execute("DELETE FROM search_state WHERE key LIKE ?", (_MARK + "%",))
            for name in names:
                _record_fingerprint(conn, name)
        return []
    with transaction(conn):
        conn.executemany("INSERT INTO search_state(key, value) VALUES (?, 1) ON CONFLICT DO NOTHING",
                         [(_MARK + name,) for name in names])
    for name in names:
        with transaction(conn):
            REBUILDS[name](conn)
            conn.execute("DELETE FROM search_state WHERE key = ?", (_MARK + name,))
            _record_fingerprint(conn, name)
    return names


def pending(conn: sqlite3.Connection) -> set[str]:
    """Derived data whose rebuild after a migration has not committed yet (an interrupted one)."""
    return {key[len(_MARK):] for (key,) in conn.execute(
        "SELECT key FROM search_state WHERE key LIKE ?", (_MARK + "%",))}
