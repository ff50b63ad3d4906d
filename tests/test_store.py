"""The store, on both backends (``target``: an SQLite file and a PostgreSQL database): idempotent
ingest, replacement, transactions, round trips; and SQLite's migrations."""

import json
import sqlite3
import string
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes import parse_document
from minutes.batch import run_batch
from minutes.batch.scan import scan
from minutes.record import Item, Meeting, Record, Section, Source
from minutes.store.migrations import LATEST, migrate, schema_version
from minutes.store.search import search
from minutes.store import open_store
from minutes.store.sqlite import INSERTED, UNCHANGED, UPDATED, Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "minutes.db"


def test_ingest_is_idempotent(target, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "muistiinpano.xlsx").write_bytes(b"not a document")
    with open_store(target) as store:
        first = run_batch(store, [folder], jobs=0)
        counts = store.counts()
        second = run_batch(store, [folder], jobs=0)
        assert store.counts() == counts
    assert first.counts == {"inserted": 1, "updated": 0, "unchanged": 0, "failed": 0}
    assert second.counts == {"inserted": 0, "updated": 0, "unchanged": 1, "failed": 0}


def test_changed_file_replaces_its_record(target, tmp_path):
    path = tmp_path / "poytakirja.txt"
    path.write_text("Pöytäkirja 1/2025\n§ 1 Uimahalli\nPäätös\nHyväksyttiin.\n", encoding="utf-8")
    with open_store(target) as store:
        assert run_batch(store, [path], jobs=0).counts["inserted"] == 1
        path.write_text("Pöytäkirja 1/2025\n§ 1 Jäähalli\nPäätös\nHylättiin.\n", encoding="utf-8")
        assert run_batch(store, [path], jobs=0).counts["updated"] == 1
        assert store.counts()["documents"] == 1 and store.counts()["items"] == 1
        assert search(store, "jäähalli") and not search(store, "uimahalli")


def test_failures_are_counted_and_the_batch_goes_on(target, tmp_path, bad_files):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "hyva.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "rikki.pdf").write_bytes(bad_files["corrupt"].read_bytes())
    with open_store(target) as store:
        summary = run_batch(store, [folder], jobs=0)
    assert summary.counts == {"inserted": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert summary.failures[0].category == "corrupt"
    assert summary.failures[0].path.endswith("rikki.pdf")


def test_a_crash_mid_document_leaves_the_database_as_it_was(target, monkeypatch):
    import minutes.store.sql

    record = parse_document(SAMPLE)
    with open_store(target) as store:
        store.upsert(parse_document(ROOT / "samples" / "kuusisto-kh-2025-03-24.pdf"))
        before = store.counts()
        real = minutes.store.sql.index_row
        seen = []

        def failing(item, language, terms=None):
            seen.append(item.id)
            if len(seen) == 3:          # the third item of the document: two are written already
                raise OSError("disk full")
            return real(item, language, terms)

        monkeypatch.setattr(minutes.store.sql, "index_row", failing)
        with pytest.raises(OSError):
            store.upsert(record)
        assert store.counts() == before
        if isinstance(target, Path):
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("SELECT count(*) FROM item_search").fetchone()[0] == before["items"]
        monkeypatch.setattr(minutes.store.sql, "index_row", real)
        assert store.upsert(record) == INSERTED


def test_index_terms_worked_out_by_the_batch_index_as_the_store_would(tmp_path):
    """The batch's workers work out each item's index terms beside the parse and the store takes
    them as given: the search index holds the same rows as when the store analyses the items."""
    from minutes.store.fulltext import COLUMNS

    def rows(store):
        return store.conn.execute(f"SELECT i.id, {', '.join('s.' + c for c in COLUMNS)} FROM item_search s "
                                  "JOIN items i ON i.pk = s.rowid ORDER BY i.id").fetchall()

    with Store(tmp_path / "batch.db") as batch, Store(tmp_path / "direct.db") as direct:
        run_batch(batch, [ROOT / "samples"], jobs=0)
        for path in scan([ROOT / "samples"]).files:
            direct.upsert(parse_document(path))
        assert len(rows(batch)) == batch.counts()["items"] > 15
        assert rows(batch) == rows(direct)
        assert {h.item_id for h in search(batch, "avustus")} == {h.item_id for h in search(direct, "avustus")}


def test_index_terms_given_for_other_items_are_refused(tmp_path):
    from minutes.store.fulltext import item_terms

    record = parse_document(SAMPLE)
    terms = [item_terms(item, record.language) for item in record.items]
    with Store(tmp_path / "m.db") as store:
        with pytest.raises(ValueError, match="index terms given for"):
            store.upsert(record, terms=terms[:-1])
        assert store.counts()["items"] == 0
        assert store.upsert(record, terms=terms) == INSERTED
        assert store.counts()["items"] == len(record.items)


def test_index_terms_given_are_the_terms_stored(tmp_path):
    from minutes.store.fulltext import item_terms

    record = parse_document(SAMPLE)
    terms = [item_terms(item, record.language) for item in record.items]
    shifted = terms[1:] + terms[:1]       # each item given the next one's: stored as given
    with Store(tmp_path / "m.db") as store:
        store.upsert(record, terms=shifted)
        stored = store.conn.execute("SELECT s.title_terms, s.decision_terms FROM item_search s JOIN items i "
                                    "ON i.pk = s.rowid ORDER BY i.pk").fetchall()
    assert stored == [(t["title_terms"], t["decision_terms"]) for t in shifted]
    assert stored != [(t["title_terms"], t["decision_terms"]) for t in terms]


def test_a_stored_document_is_its_file_path_and_content(target):
    record = parse_document(SAMPLE)
    with open_store(target) as store:
        assert store.upsert(record) == INSERTED
        assert store.upsert(record) == UNCHANGED
        copy = replace(record, source=replace(record.source, path="/elsewhere/a.pdf"))
        assert store.upsert(copy) == INSERTED            # a copy in another folder is a file of its own
        assert store.counts()["documents"] == 2


def test_a_file_whose_content_comes_to_equal_another_files_is_updated(target):
    first = parse_document(SAMPLE)
    other = parse_document(ROOT / "samples" / "kuusisto-kh-2025-03-24.pdf")
    with open_store(target) as store:
        store.upsert(first)
        store.upsert(other)
        # the second file is overwritten with the first one's bytes: its record must follow
        now_same = replace(first, source=replace(first.source, path=other.source.path))
        assert store.upsert(now_same) == UPDATED
        paths = dict(store.conn.execute("SELECT path, sha256 FROM documents").fetchall())
        assert paths == {first.source.path: first.source.sha256, other.source.path: first.source.sha256}


def test_new_content_at_the_same_path_is_updated(target):
    record = parse_document(SAMPLE)
    with open_store(target) as store:
        store.upsert(record)
        changed = replace(record, source=replace(record.source, sha256="f" * 64))
        assert store.upsert(changed) == UPDATED
        assert store.counts()["documents"] == 1


def test_tables_are_plain_and_documented(target):
    with open_store(target) as store:
        store.upsert(parse_document(SAMPLE))
        row = store.conn.execute(
            "SELECT m.organization, m.body, m.date, i.number, i.title, s.kind FROM items i "
            "JOIN meetings m ON m.pk = i.meeting_pk JOIN sections s ON s.item_pk = i.pk "
            "WHERE i.number = 43 AND s.kind = 'decision'").fetchone()
    assert row[:4] == ("Järvelän kunta", "Tekninen lautakunta", "2025-05-14", 43)


def _write_version_1(path, records):
    """A database as version 1 of the schema wrote it: core tables only, no index, no links."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    for record in records:
        doc = conn.execute("INSERT INTO documents(path, sha256, format, pages, document_type, language, record, "
                           "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2025-01-01')",
                           (record.source.path, record.source.sha256, record.source.format, record.source.pages,
                            record.document_type, record.language, json.dumps(record.to_dict()))).lastrowid
        m = record.meeting
        meeting = conn.execute("INSERT INTO meetings(document_pk, id, organization, body, date) VALUES (?, ?, ?, ?, ?)",
                               (doc, "x", m.organization, m.body, m.date.isoformat())).lastrowid
        for item in record.items:
            pk = conn.execute("INSERT INTO items(meeting_pk, id, number, title, case_id) VALUES (?, ?, ?, ?, ?)",
                              (meeting, item.id, item.number, item.title, item.case_id)).lastrowid
            for k, section in enumerate(item.sections):
                conn.execute("INSERT INTO sections(item_pk, ordinal, kind, heading, text) VALUES (?, ?, ?, ?, ?)",
                             (pk, k, section.kind, section.heading, section.text))
            for k, stage in enumerate(item.history):
                conn.execute("INSERT INTO stages(item_pk, ordinal, body, date, number) VALUES (?, ?, ?, ?, ?)",
                             (pk, k, stage.body, stage.date.isoformat() if stage.date else None, stage.number))
    conn.close()


def test_opening_an_older_database_upgrades_it(db):
    records = [parse_document(SAMPLE), parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt")]
    _write_version_1(db, records)
    conn = sqlite3.connect(db, isolation_level=None)
    assert schema_version(conn) == 1
    conn.close()
    with Store(db) as store:                     # opening applies migrations 2 and 3
        assert schema_version(store.conn) == LATEST
        assert [h.item_id.rsplit("/", 1)[1] for h in search(store, "urakoitsija")] == ["43", "58"]
        assert store.counts()["items"] == 8
        linked = store.conn.execute("SELECT count(*) FROM stages WHERE resolved_item_pk IS NOT NULL").fetchone()[0]
        assert linked == 1                       # § 44's handling by the Kunnanhallitus, § 57
        # migration 5: a handling stored before held its full name as its body
        assert store.conn.execute("SELECT count(*) FROM stages WHERE body_name IS NOT body").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM stages WHERE body_name IS NOT NULL").fetchone()[0] == 2


def test_record_round_trips_through_the_store(target):
    record = parse_document(SAMPLE)
    with open_store(target) as store:
        store.upsert(record)
        (stored,) = list(store.iter_records())
    assert stored.to_dict() == record.to_dict()


TEXT = st.text(alphabet=string.ascii_letters + "äöåÄÖÅ .,-:;!?()\"'*§0123456789\n", min_size=1, max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=TEXT)
def test_arbitrary_text_round_trips_and_is_found(tmp_path_factory, title, body):
    db = tmp_path_factory.mktemp("h") / "h.db"
    record = Record(Source("x.txt", "a" * 64, "text", None), "minutes", "fi", Meeting(organization="Testikunta"),
                    (Item("document/aaaaaaaaaaaaaaaa/1", 1, title, sections=(Section("decision", "Päätös", body),)),))
    with Store(db) as store:
        store.upsert(record)
        (stored,) = list(store.iter_records())
        assert stored == record
        word = next((w for w in body.split() if w.strip(string.punctuation + "§").isalnum()
                     and w.strip(string.punctuation + "§") != "OR"), None)     # OR alone joins words
        if word:
            hits = search(store, word.strip(string.punctuation + "§"))
            assert [h.item_id for h in hits] == ["document/aaaaaaaaaaaaaaaa/1"]


class _InterruptedAfterCommit(sqlite3.Connection):
    """Ctrl-C landing just after SQLite finished a COMMIT."""

    def execute(self, sql, *args):
        cursor = super().execute(sql, *args)
        if sql == "COMMIT":
            raise KeyboardInterrupt
        return cursor


def test_transaction_rolls_back_on_error_and_passes_on_a_late_interrupt():
    from minutes.store.transaction import transaction

    conn = sqlite3.connect(":memory:", isolation_level=None, factory=_InterruptedAfterCommit)
    conn.execute("CREATE TABLE t (x)")
    with pytest.raises(KeyboardInterrupt):      # not "cannot rollback - no transaction is active"
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (1)")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1 and not conn.in_transaction
    with pytest.raises(ValueError):
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (2)")
            raise ValueError("a bad record")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
