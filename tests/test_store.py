"""The SQLite store: idempotent ingest, replacement, transactions, migrations, round trips."""

import json
import sqlite3
import string
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes import parse_document
from minutes.ingest import ingest
from minutes.migrations import LATEST, migrate, schema_version
from minutes.record import Item, Meeting, Record, Section, Source
from minutes.search import search
from minutes.store import INSERTED, UNCHANGED, UPDATED, Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "minutes.db"


def test_ingest_is_idempotent(db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "muistiinpano.xlsx").write_bytes(b"not a document")
    with Store(db) as store:
        first = ingest(store, [folder])
        counts = store.counts()
        second = ingest(store, [folder])
        assert store.counts() == counts
    assert first.counts == {"inserted": 1, "updated": 0, "unchanged": 0, "failed": 0}
    assert second.counts == {"inserted": 0, "updated": 0, "unchanged": 1, "failed": 0}


def test_changed_file_replaces_its_record(db, tmp_path):
    path = tmp_path / "poytakirja.txt"
    path.write_text("Pöytäkirja 1/2025\n§ 1 Uimahalli\nPäätös\nHyväksyttiin.\n", encoding="utf-8")
    with Store(db) as store:
        assert ingest(store, [path]).counts["inserted"] == 1
        path.write_text("Pöytäkirja 1/2025\n§ 1 Jäähalli\nPäätös\nHylättiin.\n", encoding="utf-8")
        assert ingest(store, [path]).counts["updated"] == 1
        assert store.counts()["documents"] == 1 and store.counts()["items"] == 1
        assert search(store, "jäähalli") and not search(store, "uimahalli")


def test_failures_are_counted_and_the_batch_goes_on(db, tmp_path, bad_files):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "hyva.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "rikki.pdf").write_bytes(bad_files["corrupt"].read_bytes())
    with Store(db) as store:
        summary = ingest(store, [folder])
    assert summary.counts == {"inserted": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert summary.failures[0].category == "corrupt"
    assert summary.failures[0].path.endswith("rikki.pdf")


def test_a_crash_mid_document_leaves_the_database_as_it_was(db, monkeypatch):
    import minutes.store

    record = parse_document(SAMPLE)
    with Store(db) as store:
        store.upsert(parse_document(ROOT / "samples" / "kuusisto-kh-2025-03-24.pdf"))
        before = store.counts()
        real = minutes.store.index_row
        seen = []

        def failing(item, language):
            seen.append(item.id)
            if len(seen) == 3:          # the third item of the document: two are written already
                raise OSError("disk full")
            return real(item, language)

        monkeypatch.setattr(minutes.store, "index_row", failing)
        with pytest.raises(OSError):
            store.upsert(record)
        assert store.counts() == before
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        monkeypatch.setattr(minutes.store, "index_row", real)
        assert store.upsert(record) == INSERTED


def test_same_content_at_another_path_is_unchanged(db):
    record = parse_document(SAMPLE)
    with Store(db) as store:
        assert store.upsert(record) == INSERTED
        moved = replace(record, source=replace(record.source, path="/elsewhere/a.pdf"))
        assert store.upsert(moved) == UNCHANGED


def test_new_content_at_the_same_path_is_updated(db):
    record = parse_document(SAMPLE)
    with Store(db) as store:
        store.upsert(record)
        changed = replace(record, source=replace(record.source, sha256="f" * 64))
        assert store.upsert(changed) == UPDATED
        assert store.counts()["documents"] == 1


def test_tables_are_plain_and_documented(db):
    with Store(db) as store:
        store.upsert(parse_document(SAMPLE))
        row = store.conn.execute(
            "SELECT m.organization, m.body, m.date, i.number, i.title, s.kind FROM items i "
            "JOIN meetings m ON m.pk = i.meeting_pk JOIN sections s ON s.item_pk = i.pk "
            "WHERE i.number = 43 AND s.kind = 'decision'").fetchone()
    assert row[:4] == ("Järvelän kunta", "Tekninen lautakunta", "2025-05-14", 43)


def test_opening_an_older_database_upgrades_it(db):
    record = parse_document(SAMPLE)
    with Store(db) as store:
        store.upsert(record)
    # make it a version-1 database: no search index yet
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE item_search")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(db, isolation_level=None)
    assert schema_version(conn) == 1
    assert migrate(conn) == [2]
    assert schema_version(conn) == LATEST
    conn.close()
    with Store(db) as store:
        assert [h.item_id.rsplit("/", 1)[1] for h in search(store, "urakoitsija")] == ["43"]
        assert store.counts()["items"] == 5


def test_record_round_trips_through_the_store(db):
    record = parse_document(SAMPLE)
    with Store(db) as store:
        store.upsert(record)
        (stored,) = list(store.iter_records())
    assert stored.to_dict() == record.to_dict()


TEXT = st.text(alphabet=string.ascii_letters + "äöåÄÖÅ .,-:;!?()\"'*§0123456789\n", min_size=1, max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=TEXT)
def test_arbitrary_text_round_trips_and_is_found(tmp_path_factory, title, body):
    db = tmp_path_factory.mktemp("h") / "h.db"
    record = Record(Source("x.txt", "a" * 64, "text", None), "minutes", "fi", Meeting(organization="Testikunta"),
                    (Item("testikunta/unknown/undated/1", 1, title, sections=(Section("decision", "Päätös", body),)),))
    with Store(db) as store:
        store.upsert(record)
        (stored,) = list(store.iter_records())
        assert stored == record
        word = next((w for w in body.split() if w.strip(string.punctuation + "§").isalnum()), None)
        if word:
            hits = search(store, word.strip(string.punctuation + "§"))
            assert [h.item_id for h in hits] == ["testikunta/unknown/undated/1"]
