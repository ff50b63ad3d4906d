"""The ``Backend`` over SQL: storing a record in its tables and reading records, items, links and
answers back, in SQL that SQLite and PostgreSQL both read (``dialect`` spells the rest). An
engine's store (``sqlite.Store``, ``postgres.store.PostgresStore``) opens the connection, gives
the search index, and says how a write starts and how an item is indexed.

Every document is written in one transaction: a crash or a bad file mid-way leaves the database
as it was before that document. A stored document is its file, its path and content (``sha256``):
storing the same file again changes nothing; a file at a known path with new content replaces
its old record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone

from minutes.errors import NotStored
from minutes.record import Item, Record, Strategy, json_text, meeting_id
from minutes.tagging.document import RecordTags

from .backend import INSERTED, UNCHANGED, UPDATED, Backend
from .browse import BodyEntry, Facets, MeetingEntry, facet_counts
from .browse import bodies as list_bodies
from .browse import meetings as list_meetings
from .decisions import insert_decisions
from .dialect import insert, json_array
from .filters import Filters, filter_sql
from .fulltext import index_row
from .index import Index, chunks
from .links import Step, body_key, insert_references, resolve_document
from .links import chain as find_chain
from .paths import stored_path
from .people import PersonActivity, find_person
from .search import Results
from .search import search as find_hits
from .shown import Found, Shown
from .stats import Stats, count_decisions
from .strategies import (TaggedItem, add_strategy, goal_ids, list_strategies, remove_strategy, strategy_tags,
                         tag_document)
from .transaction import transaction
from .word_forms import FormWriter
from .versions import DECIDED_FIRST, find_versions, mark_decided, mark_newest_decided

__all__ = ["SqlStore"]


class SqlStore(Backend):
    """The ``Backend`` over one connection (``conn``) to the tables every engine shares (see
    ``migrations``), and its search index (``index``). An engine's class opens the connection
    and says how a write transaction starts (``writing``), how an item enters and leaves the
    search index (``index_item``, ``unindex``)."""

    conn: object
    index: Index
    path: str
    _forms: FormWriter

    def writing(self):
        """A write transaction on ``conn``: all or nothing."""
        return transaction(self.conn)

    def index_item(self, item_pk: int, row: dict[str, str]) -> None:
        """Put an item's index row (``fulltext.index_row``) in the search index."""
        raise NotImplementedError

    def unindex(self, document_pk: int, item_pks: list[int]) -> None:
        """Take a document's items out of the search index, before the document is deleted."""
        raise NotImplementedError

    # -- writing ----------------------------------------------------------------------------
    def status_of(self, sha256: str, path: str, supplied: dict[str, str] | None = None) -> str:
        """What ``upsert`` would do with a file of this hash at this path (and these supplied
        meeting values: the same file stored with other values is updated). A stored document
        is its file: the same path with the same content is unchanged, a known path with other
        content is updated, whatever else is stored."""
        name = stored_path(path)
        if self.conn.execute("SELECT 1 FROM documents WHERE path = ? AND sha256 = ?", (name, sha256)).fetchone():
            return UNCHANGED if not supplied or self._stored_as(sha256, name, supplied) else UPDATED
        if self.conn.execute("SELECT 1 FROM documents WHERE path = ?", (name,)).fetchone():
            return UPDATED
        return INSERTED

    def holds_file(self, path: str) -> bool:
        """Whether a document read from ``path`` is stored."""
        return self.conn.execute("SELECT 1 FROM documents WHERE path = ?", (stored_path(path),)).fetchone() is not None

    def _stored_as(self, sha256: str, name: str | bytes, supplied: dict[str, str]) -> bool:
        """Whether the stored document of this file has these meeting values (read only when a
        user supplies some: the record is large)."""
        row = self.conn.execute(
            "SELECT m.organization, m.body, m.date, d.document_type FROM documents d JOIN meetings m "
            "ON m.document_pk = d.pk WHERE d.path = ? AND d.sha256 = ?", (name, sha256)).fetchone()
        stored = dict(zip(("organization", "body", "date", "document_type"), row))
        return all(stored[k] == v for k, v in supplied.items())

    def upsert(self, record: Record, replace: bool = False, ingested_at: str | None = None,
               tags: RecordTags | None = None, terms: Sequence[dict[str, str]] | None = None) -> str:
        """Store a record in one transaction; return "inserted", "updated" or "unchanged" (with
        ``replace``, a file stored unchanged is stored again: "updated")."""
        try:
            return self._upsert(record, replace, ingested_at, tags, terms)
        except BaseException:
            self._forms.forget()        # the forms it stored are rolled back with it
            raise

    def _upsert(self, record: Record, replace: bool, ingested_at: str | None, tags: RecordTags | None,
                terms: Sequence[dict[str, str]] | None) -> str:
        with self.writing():
            conn = self.conn
            status = self.status_of(record.source.sha256, record.source.path, record.supplied_values())
            if status == UNCHANGED and not replace:
                return status
            status = UPDATED if status == UNCHANGED else status
            removed: set[str] = set()
            if status == UPDATED:
                for (pk,) in conn.execute("SELECT pk FROM documents WHERE path = ?",
                                          (stored_path(record.source.path),)).fetchall():
                    removed |= self._delete_document(pk)
            mark_decided(conn, removed)
            self._insert(record, ingested_at or datetime.now(timezone.utc).isoformat(timespec="seconds"), tags,
                         terms)
        return status

    def _delete_document(self, pk: int) -> set[str]:
        """Delete a stored document; return the ids of its items."""
        rows = self.conn.execute(
            "SELECT items.pk, items.id FROM items JOIN meetings ON meetings.pk = items.meeting_pk "
            "WHERE meetings.document_pk = ?", (pk,)).fetchall()
        self.unindex(pk, [item_pk for item_pk, _ in rows])
        self.conn.execute("DELETE FROM documents WHERE pk = ?", (pk,))
        return {item_id for _, item_id in rows}

    def _insert(self, record: Record, ingested_at: str, tags: RecordTags | None = None,
                terms: Sequence[dict[str, str]] | None = None) -> None:
        c = self.conn
        ids = [item.id for item in record.items]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{record.source.path}: two items of the record have the same id")
        if terms is not None and len(terms) != len(record.items):
            raise ValueError(f"{record.source.path}: index terms given for {len(terms)} items, "
                             f"the record has {len(record.items)}")
        doc = insert(
            c, "INSERT INTO documents(path, sha256, format, pages, document_type, language, record, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (stored_path(record.source.path), record.source.sha256, record.source.format, record.source.pages,
             record.document_type, record.language, json_text(record.to_dict()),
             ingested_at))
        m = record.meeting
        meeting = insert(
            c, 'INSERT INTO meetings(document_pk, id, organization, body, body_key, number, date, start, "end", place) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc, meeting_id(m.organization, m.body, m.date, record.source.sha256), m.organization, m.body, body_key(m.body), m.number,
             m.date.isoformat() if m.date else None, m.start, m.end, m.place))
        c.executemany('INSERT INTO participants(meeting_pk, name, role, status, arrived, "left") VALUES (?, ?, ?, ?, ?, ?)',
                      [(meeting, p.name, p.role, p.status, p.arrived, p.left) for p in m.participants])
        c.executemany("INSERT INTO warnings(document_pk, page, message) VALUES (?, ?, ?)",
                      [(doc, w.page, w.message) for w in record.warnings])
        for n, item in enumerate(record.items):
            item_pk = insert(
                c, "INSERT INTO items(meeting_pk, id, number, title, case_id, page, presenter, preparers) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (meeting, item.id, item.number, item.title, item.case_id, item.page, item.presenter,
                 json_text(list(item.preparers))))
            c.executemany(
                "INSERT INTO sections(item_pk, stage_pk, ordinal, kind, heading, text, page) VALUES (?, NULL, ?, ?, ?, ?, ?)",
                [(item_pk, k, s.kind, s.heading, s.text, s.page) for k, s in enumerate(item.sections)])
            for k, stage in enumerate(item.history):
                stage_pk = insert(
                    c, "INSERT INTO stages(item_pk, ordinal, body, body_name, body_key, date, year, number) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (item_pk, k, stage.body, stage.body_name, body_key(stage.body_name or stage.body),
                     stage.date.isoformat() if stage.date else None,
                     stage.date.year if stage.date else (m.date.year if m.date else None), stage.number))
                c.executemany(
                    "INSERT INTO sections(item_pk, stage_pk, ordinal, kind, heading, text, page) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(item_pk, stage_pk, j, s.kind, s.heading, s.text, s.page) for j, s in enumerate(stage.sections)])
            self.index_item(item_pk, index_row(item, record.language, terms[n] if terms is not None else None))
        insert_references(c, doc, record)
        insert_decisions(c, doc, record)
        resolve_document(c, doc)
        mark_newest_decided(c, doc)
        self._forms.store(c, record)
        tag_document(c, doc, record, tags)

    # -- reading ----------------------------------------------------------------------------
    def iter_records(self, filters: Filters = Filters()) -> Iterator[Record]:
        """Stored records, oldest meeting first, one at a time."""
        for record, *_ in self.iter_versions(filters):
            yield record

    def iter_stored(self) -> Iterator[tuple[Record, str]]:
        """Every stored record with when it was stored, in the order they were stored."""
        order = [pk for (pk,) in self.conn.execute("SELECT pk FROM documents ORDER BY pk").fetchall()]
        for chunk, marks in chunks(order):
            rows = {pk: (raw, when) for pk, raw, when in self.conn.execute(
                f"SELECT pk, record, ingested_at FROM documents WHERE pk IN ({marks})", chunk)}
            for pk in chunk:
                if pk in rows:                 # not replaced by another writer meanwhile
                    raw, when = rows[pk]
                    yield Record.from_dict(json.loads(raw)), when

    def find(self, id: str, version: str | None = None) -> Found:
        """The stored item or meeting with this id: its decided version (minutes before agendas, the
        latest ingested first), or the latest of ``version`` ("minutes" or "agenda"). Raises
        ``NotStored`` when nothing, or no such version, is stored."""
        stored = find_versions(self.conn, id)
        if not stored:
            raise NotStored(id, f"no such item or meeting in {self.path}")
        chosen = next((v for v in stored if version in (None, v.document_type)), None)
        if chosen is None:
            kinds = ", ".join(sorted({v.document_type for v in stored}))
            raise NotStored(id, f"no {version} version is stored in {self.path} (stored: {kinds}); "
                                "leave out --version to see the decided one")
        (raw,) = self.conn.execute("SELECT record FROM documents WHERE sha256 = ?", (chosen.sha256,)).fetchone()
        record = Record.from_dict(json.loads(raw))
        item = next((i for i in record.items if i.id == id), None)
        return Found(record, item, chosen, tuple(v for v in stored if v is not chosen))

    def iter_versions(self, filters: Filters = Filters()) -> Iterator[tuple[Record, str, bool, frozenset[str]]]:
        """Stored records as ``iter_records``, each with its meeting id, whether it is the decided
        version of the meeting, and the ids of its items that are their decided versions."""
        clauses, params = filter_sql(filters.of_meetings())
        order = self.conn.execute(
            "SELECT d.pk FROM documents d JOIN meetings m ON m.document_pk = d.pk "
            + ("WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY m.date NULLS FIRST, m.id, d.pk",
            params).fetchall()
        decided_items = json_array(self.conn, "i.id", "i.pk")
        for chunk, marks in chunks([pk for (pk,) in order]):    # a few records in memory at a time
            rows = {row[0]: row[1:] for row in self.conn.execute(
                "SELECT d.pk, d.record, m.id, d.pk = (SELECT d.pk FROM meetings v JOIN documents d "
                f"ON d.pk = v.document_pk WHERE v.id = m.id ORDER BY {DECIDED_FIRST} LIMIT 1), (SELECT "
                f"{decided_items} FROM items i WHERE i.meeting_pk = m.pk AND i.decided = 1) FROM documents d "
                f"JOIN meetings m ON m.document_pk = d.pk WHERE d.pk IN ({marks})", chunk)}
            for pk in chunk:
                if pk not in rows:             # replaced by another writer meanwhile
                    continue
                raw, meeting, decided, items = rows[pk]
                yield Record.from_dict(json.loads(raw)), meeting, bool(decided), frozenset(json.loads(items))

    def item(self, item_id: str) -> tuple[Record, Item] | None:
        """The decided version of the stored item with this id."""
        try:
            found = self.find(item_id)
        except NotStored:
            return None
        return (found.record, found.item) if found.item else None

    def item_pk(self, item_id: str, version: str | None = None) -> int | None:
        """The row of the item's decided version (or of the latest of ``version``)."""
        row = self.conn.execute(
            "SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d "
            f"ON d.pk = m.document_pk WHERE i.id = ? AND ? IN (d.document_type, '') ORDER BY {DECIDED_FIRST} LIMIT 1",
            (item_id, version or "")).fetchone()
        return row[0] if row else None

    def item_links(self, item_id: str, version: str | None = None) -> dict:
        """For the stored item (its decided version, or the latest of ``version``): its handlings
        and references with the item each resolves to (``resolved_to``, null when not stored), and
        the items that refer to any version of it, each once."""
        pk = self.item_pk(item_id, version)
        if pk is None:
            return {}
        target = "(SELECT id FROM items WHERE pk = {0}.resolved_item_pk)"
        stages = [{"body": b, "body_name": f, "date": d, "number": n, "resolved_to": r}
                  for b, f, d, n, r in self.conn.execute(
                      f"SELECT body, body_name, date, number, {target.format('stages')} FROM stages "
                      "WHERE item_pk = ? ORDER BY ordinal", (pk,))]
        references = []
        for row in self.conn.execute(
                f"SELECT kind, text, body, date, number, law, section, subsection, case_id, {target.format('refs')} "
                "FROM refs WHERE item_pk = ? ORDER BY pk", (pk,)):
            names = ("kind", "text", "body", "date", "number", "law", "section", "subsection", "case_id")
            ref = {k: v for k, v in zip(names, row) if v is not None}
            ref["resolved_to"] = row[-1]
            references.append(ref)
        versions = "(SELECT pk FROM items WHERE id = ?)"
        referenced_by = [r for (r,) in self.conn.execute(
            f"SELECT DISTINCT i.id FROM items i WHERE i.pk IN (SELECT item_pk FROM refs WHERE resolved_item_pk IN "
            f"{versions} UNION SELECT item_pk FROM stages WHERE resolved_item_pk IN {versions}) AND i.id != ? "
            "ORDER BY i.id", (item_id, item_id, item_id))]     # an item naming its own handling is not a link
        return {"history": stages, "references": references, "referenced_by": referenced_by}

    def meeting(self, id: str) -> Record | None:
        """The decided version of the stored meeting with this id."""
        try:
            return self.find(id).record
        except NotStored:
            return None

    def show(self, id: str, version: str | None = None) -> Shown:
        """See ``Backend.show``."""
        found = self.find(id, version)
        return Shown(found, self.item_links(id, found.version.document_type) if found.item else {})

    def search(self, query: str, filters: Filters = Filters(), limit: int = 20, offset: int = 0,
               sort: str = "relevance", explain: bool = False) -> Results:
        """See ``Backend.search`` (``search.search`` ranks)."""
        return find_hits(self, query, filters, limit, offset, sort, explain)

    def facets(self, query: str, filters: Filters = Filters(), any_words: bool = False) -> Facets:
        """See ``Backend.facets`` (``browse.facet_counts`` counts)."""
        return facet_counts(self, query, filters, any_words)

    def bodies(self) -> list[BodyEntry]:
        """See ``Backend.bodies``."""
        return list_bodies(self)

    def meetings(self, key: str, limit: int | None = None) -> list[MeetingEntry]:
        """See ``Backend.meetings``."""
        return list_meetings(self, key, limit)

    def chain(self, item_id: str) -> list[Step] | None:
        """See ``Backend.chain`` (``links.chain`` walks the links)."""
        pk = self.item_pk(item_id)
        return None if pk is None else find_chain(self.conn, pk)

    def person(self, name: str, filters: Filters = Filters()) -> list[PersonActivity]:
        """See ``Backend.person`` (``people.find_person`` answers)."""
        return find_person(self.conn, name, filters)

    def stats(self, filters: Filters = Filters(), by: str = "body") -> Stats:
        """See ``Backend.stats`` (``stats.count_decisions`` counts)."""
        return count_decisions(self.conn, filters, by)

    def add_strategy(self, strategy: Strategy) -> str:
        """See ``Backend.add_strategy`` (``strategies`` stores it)."""
        return add_strategy(self.conn, strategy)

    def strategies(self) -> list[Strategy]:
        """See ``Backend.strategies``."""
        return list_strategies(self.conn)

    def remove_strategy(self, strategy_id: str) -> bool:
        """See ``Backend.remove_strategy``."""
        return remove_strategy(self.conn, strategy_id)

    def strategy_tags(self, strategy_id: str | None = None, filters: Filters = Filters(),
                      advancing: bool = True, item_id: str | None = None) -> Iterator[TaggedItem]:
        """See ``Backend.strategy_tags``."""
        return strategy_tags(self.conn, strategy_id, filters, advancing, item_id)

    def goal_ids(self) -> set[str]:
        """See ``Backend.goal_ids``."""
        return goal_ids(self.conn)

    def counts(self) -> dict[str, int]:
        """See ``Backend.counts``."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "meetings", "items", "sections")}
