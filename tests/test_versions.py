"""One id names one item: the agenda and the minutes of a meeting are versions of it (shown,
searched and exported once, the minutes first), and a document whose meeting cannot be
identified gets ids of its own, built from its content hash."""

import csv
import io
import json
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutes import parse_document
from minutes.batch import run_batch
from minutes.cli import main
from minutes.language.analysis import analyzer
from minutes.record import (
    Item,
    Meeting,
    Record,
    Section,
    Source,
    assign_ids,
    meeting_id,
)
from minutes.store import impacts
from minutes.store import search as search_module
from minutes.store.links import chain
from minutes.store.migrations import LATEST, migrate, schema_version
from minutes.store.search import search
from minutes.store.sqlite import Filters, Store
from minutes.store.versions import shared_ids

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_samples  # noqa: E402

RANTALA = "rantalan-kunta/sivistyslautakunta/2025-09-10"
SOURCE = ROOT / "scripts" / "sample_sources" / "rantala-sivltk-2025-09-10-esityslista.txt"
DECISION = "Ehdotus hyväksyttiin yksimielisesti."
# documents whose meeting cannot be identified: items, but no organisation, body or date
UNIDENTIFIED = {
    "kirjasto.txt": "§ 1 Kirjaston aukioloajat\nEhdotus\nAukioloaikoja pidennetään iltaisin.\nPäätös\n"
                    "Hyväksyttiin.\n\n§ 2 Uimarannan valvonta\nEhdotus\nValvonta järjestetään kesäkuusta "
                    "elokuuhun.\nPäätös\nHyväksyttiin.\n",
    "kentta.txt": "§ 1 Pallokentän kunnostus\nEhdotus\nKenttä kunnostetaan kesällä.\nPäätös\nHyväksyttiin.\n",
}


def minutes_version(src: make_samples.Source, decision: str = DECISION) -> make_samples.Source:
    """The minutes of the agenda's meeting: the same source, called minutes, decisions filled in."""
    lines = []
    for kind, caption, text in src.lines:
        lines.append((kind, caption, text.replace("Esityslista", "Pöytäkirja")))
        if kind == "bold" and text == "Päätös":
            lines.append(("text", "", decision))
    headers = [[cell.replace("Esityslista", "Pöytäkirja") for cell in row] for row in src.headers]
    return replace(src, headers=headers, lines=lines)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    """An agenda and its minutes made from one source, and two unidentifiable text documents."""
    folder = tmp_path_factory.mktemp("versions")
    src = make_samples.load(SOURCE)
    paths = {"agenda": folder / "esityslista.docx", "minutes": folder / "poytakirja.docx"}
    paths["agenda"].write_bytes(make_samples.render_docx(src))
    paths["minutes"].write_bytes(make_samples.render_docx(minutes_version(src)))
    for name, text in UNIDENTIFIED.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def db(tmp_path, documents) -> Path:
    path = tmp_path / "m.db"
    with Store(path) as store:
        run_batch(store, [documents["agenda"], documents["minutes"], documents["kirjasto.txt"], documents["kentta.txt"]],
                  jobs=0)
    return path


def show(db: Path, *args: str):
    return CliRunner().invoke(main, ["show", *args, "--db", str(db)])


def test_the_agenda_and_the_minutes_are_versions_of_one_meeting(documents):
    agenda, minutes = parse_document(documents["agenda"]), parse_document(documents["minutes"])
    assert (agenda.document_type, minutes.document_type) == ("agenda", "minutes")
    assert [i.id for i in agenda.items] == [i.id for i in minutes.items] == [f"{RANTALA}/{n}" for n in (61, 62, 63)]


def test_every_stored_item_is_reachable_and_no_id_names_two_items(db):
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT i.id, d.pk, d.document_type, d.sha256, m.organization, m.body, m.date, i.number FROM items i "
            "JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk").fetchall()
    assert len(rows) == 3 + 3 + 2 + 1
    by_id: dict[str, list] = {}
    for row in rows:
        by_id.setdefault(row[0], []).append(row)
    for item_id, versions in by_id.items():
        assert len({v[1] for v in versions}) == len(versions), f"{item_id}: twice in one document"
        if len(versions) > 1:          # only versions of one identified meeting share an id
            assert len({v[4:] for v in versions}) == 1 and None not in versions[0][4:7], item_id
        result = show(db, item_id, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["id"] == item_id
        for _, _, document_type, sha256, *_ in versions:
            result = show(db, item_id, "--version", document_type, "--format", "json")
            assert result.exit_code == 0, result.output
            shown = json.loads(result.stdout)
            assert (shown["id"], shown["source"]["sha256"]) == (item_id, sha256)
    meetings = {item_id.rsplit("/", 1)[0] for item_id in by_id}
    assert len(meetings) == 3
    for meeting in meetings:
        assert show(db, meeting).exit_code == 0
    with Store(db) as store:
        assert shared_ids(store.conn) == []


def test_unidentified_documents_get_ids_from_their_content(db, documents):
    for name in UNIDENTIFIED:
        record = parse_document(documents[name])
        prefix = f"document/{record.source.sha256[:16]}"
        assert [i.id for i in record.items] == [f"{prefix}/{n}" for n in range(1, len(record.items) + 1)]
        result = show(db, prefix)
        assert result.exit_code == 0 and record.items[0].title in result.stdout


@pytest.mark.parametrize("missing", ["organization", "body", "date"])
def test_a_meeting_is_identified_by_organisation_body_and_date(missing):
    from datetime import date

    known = {"organization": "Rantalan kunta", "body": "Sivistyslautakunta", "date": date(2025, 9, 10)}
    assert meeting_id(*known.values(), "ab" * 32) == RANTALA
    assert meeting_id(*{**known, missing: None}.values(), "ab" * 32) == "document/" + "ab" * 8


def test_show_lists_the_other_versions(db, documents):
    text = show(db, f"{RANTALA}/62")
    assert text.exit_code == 0
    assert "(minutes, " in text.stdout and DECISION in text.stdout
    assert "other versions" in text.stdout and str(documents["agenda"]) in text.stdout
    agenda_sha = parse_document(documents["agenda"]).source.sha256
    assert agenda_sha[:16] in text.stdout
    data = json.loads(show(db, f"{RANTALA}/62", "--format", "json").stdout)
    assert data["version"]["document_type"] == "minutes" and data["version"]["decided"] is True
    assert [(v["document_type"], v["sha256"], v["decided"]) for v in data["other_versions"]] == [
        ("agenda", agenda_sha, False)]
    assert data["other_versions"][0]["ingested_at"]
    meeting = json.loads(show(db, RANTALA, "--format", "json").stdout)
    assert meeting["document_type"] == "minutes" and [v["document_type"] for v in meeting["other_versions"]] == ["agenda"]
    lone = json.loads(show(db, "document/" + parse_document(documents["kentta.txt"]).source.sha256[:16] + "/1",
                           "--format", "json").stdout)
    assert lone["other_versions"] == []


def test_show_a_chosen_version(db):
    agenda = show(db, f"{RANTALA}/62", "--version", "agenda")
    assert agenda.exit_code == 0 and "(agenda, " in agenda.stdout and DECISION not in agenda.stdout
    assert "[decision]" not in agenda.stdout
    meeting = json.loads(show(db, RANTALA, "--version", "agenda", "--format", "json").stdout)
    assert meeting["document_type"] == "agenda" and meeting["version"]["decided"] is False
    with Store(db) as store:
        kentta = next(i for (i,) in store.conn.execute("SELECT id FROM items WHERE id LIKE 'document/%/1'"))
    missing = show(db, kentta, "--version", "agenda")
    assert missing.exit_code == 9
    assert missing.stderr.strip() == (f"minutes: error: {kentta}: no agenda version is stored in {db} "
                                      "(stored: minutes); leave out --version to see the decided one")
    assert show(db, "ei/ole/2025-01-01", "--version", "agenda").exit_code == 9


def test_the_latest_of_equal_versions_is_decided(tmp_path, documents):
    corrected = tmp_path / "poytakirja-korjattu.docx"
    corrected.write_bytes(make_samples.render_docx(minutes_version(make_samples.load(SOURCE),
                                                                   "Ehdotus hyväksyttiin korjattuna.")))
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [documents["minutes"], documents["agenda"], corrected], jobs=0)
        found = store.find(f"{RANTALA}/63")
        assert found.record.source.path == str(corrected.resolve())
        assert [v.document_type for v in found.others] == ["minutes", "agenda"]
        assert store.find(f"{RANTALA}/63", "minutes").record.source.path == str(corrected.resolve())
        assert store.conn.execute("SELECT count(*) FROM items WHERE decided = 1").fetchone()[0] == 3
        assert sorted(h.item_id for h in search(store, "korjattuna")) == [f"{RANTALA}/{n}" for n in (61, 62, 63)]
        assert list(search(store, "yksimielisesti")) == []             # only in the superseded minutes


def _use_impact_lists(store: Store) -> None:
    store.conn.execute("BEGIN")
    impacts.rebuild(store.conn, dense=1)
    store.conn.execute("COMMIT")


def _fts5_is_not_asked(*args, **kwargs):
    raise AssertionError("FTS5 ranked a query the impact lists should answer")


VOIKKO = pytest.mark.skipif(analyzer("fi").name != "voikko", reason="needs Voikko (scripts/setup.sh)")


@VOIKKO
@pytest.mark.parametrize("path", ["fts5", "impact_lists"])
def test_search_gives_one_hit_per_item_from_the_minutes(db, monkeypatch, path):
    with Store(db) as store:
        if path == "impact_lists":
            _use_impact_lists(store)
            monkeypatch.setattr(search_module, "_ranked_by_index", _fts5_is_not_asked)
        else:
            assert not impacts.rank(store.conn, (("kunta",),), 5)     # no lists: FTS5 ranks
        hits = search(store, "kunta", limit=3)      # as many as there are items: the lists can answer
        assert [h.item_id for h in hits] and len({h.item_id for h in hits}) == len(hits)
        assert {h.item_id for h in hits} == {f"{RANTALA}/{n}" for n in (61, 62, 63)}
        assert {h.document_type for h in hits} == {"minutes"}
        with_filter = search(store, "kunta", Filters(org="rantalan"), limit=3)
        assert [(h.item_id, h.document_type) for h in with_filter] == [(h.item_id, h.document_type) for h in hits]


@VOIKKO
@pytest.mark.parametrize("path", ["fts5", "impact_lists"])
def test_dropped_versions_do_not_cut_the_hits_short(db, monkeypatch, path):
    """Ranked rows are fetched a few more than the limit; when other versions take their places,
    the filtered query fills the limit."""
    monkeypatch.setattr(search_module, "OVERFETCH", 1)
    monkeypatch.setattr(search_module, "SPARE", 0)
    with Store(db) as store:
        if path == "impact_lists":
            _use_impact_lists(store)
        compiled = store.index.compile("kunta")
        rows = search_module._ranked_by_index(store, compiled.match, [], [], 2)
        decided = {pk for (pk,) in store.conn.execute("SELECT pk FROM items WHERE decided = 1")}
        assert not all(pk in decided for pk, _ in rows)      # an agenda row is among the best two
        hits = search(store, "kunta", limit=2)
        assert len(hits) == 2 and len({h.item_id for h in hits}) == 2
        assert {h.document_type for h in hits} == {"minutes"}


@VOIKKO
@pytest.mark.parametrize("path", ["fts5", "impact_lists"])
def test_search_one_document_type(db, path):
    with Store(db) as store:
        if path == "impact_lists":
            _use_impact_lists(store)
        agenda = search(store, "kunta", Filters(document_type="agenda"), limit=10)
        assert sorted(h.item_id for h in agenda) == [f"{RANTALA}/{n}" for n in (61, 62, 63)]
        assert {h.document_type for h in agenda} == {"agenda"}
        assert list(search(store, "yksimielisesti", Filters(document_type="agenda"))) == []
        minutes = search(store, "yksimielisesti", Filters(document_type="minutes"))
        assert len(minutes) == 3 and {h.document_type for h in minutes} == {"minutes"}


def test_search_command_takes_a_document_type(db):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "asiakasmaksut", "--document-type", "agenda", "--format", "json",
                                  "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [(h["item_id"], h["document_type"]) for h in json.loads(result.stdout)["hits"]] == [(f"{RANTALA}/62", "agenda")]
    result = runner.invoke(main, ["search", "asiakasmaksut", "--format", "csv", "--db", str(db)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["item_id"], r["document_type"]) for r in rows] == [(f"{RANTALA}/62", "minutes")]
    table = runner.invoke(main, ["search", "asiakasmaksut", "--document-type", "agenda", "--db", str(db)])
    assert table.stdout.splitlines()[0].endswith("[agenda]")
    assert "[agenda]" not in runner.invoke(main, ["search", "asiakasmaksut", "--db", str(db)]).stdout
    bad = runner.invoke(main, ["search", "x", "--document-type", "muistio", "--db", str(db)])
    assert bad.exit_code == 2


def test_export_marks_the_version_of_each_record_and_row(db):
    runner = CliRunner()
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["export", "--format", "csv", "--db", str(db)]).stdout)))
    rantala = [(r["item_id"].rsplit("/", 1)[1], r["document_type"], r["decided"]) for r in rows
               if r["item_id"].startswith(RANTALA)]
    assert sorted(rantala) == [(n, t, "true" if t == "minutes" else "false")
                               for n in ("61", "62", "63") for t in ("agenda", "minutes")]
    assert {r["decided"] for r in rows if r["item_id"].startswith("document/")} == {"true"}
    records = [json.loads(line) for line in runner.invoke(main, ["export", "--db", str(db)]).stdout.splitlines()]
    marks = sorted((r["meeting_id"], r["document_type"], r["decided"]) for r in records)
    assert marks[-2:] == [(RANTALA, "agenda", False), (RANTALA, "minutes", True)]
    assert [m[2] for m in marks[:-2]] == [True, True] and all(m[0].startswith("document/") for m in marks[:-2])


def _record(items: list[tuple[str, int | None, str]], sha: str = "b" * 64) -> Record:
    return Record(Source("x.txt", sha, "text", None), "minutes", "fi", Meeting(),
                  tuple(Item(i, n, t, sections=(Section("decision", None, t),)) for i, n, t in items))


def test_a_number_printed_twice_gets_a_suffix_and_a_warning():
    record = assign_ids(_record([("x", 5, "Ensimmäinen"), ("x", 5, "Toinen"), ("x", None, "Kolmas"),
                                 ("x", 5, "Neljäs")]))
    base = "document/" + "b" * 16
    assert [i.id for i in record.items] == [f"{base}/5", f"{base}/5-2", f"{base}/n3", f"{base}/5-3"]
    assert [w.message for w in record.warnings] == [f"§ 5 is printed 2 times: this one is {base}/5-2",
                                                    f"§ 5 is printed 3 times: this one is {base}/5-3"]


def test_the_store_refuses_a_record_with_an_id_twice(tmp_path):
    with Store(tmp_path / "m.db") as store:
        with pytest.raises(ValueError, match="two items of the record have the same id"):
            store.upsert(_record([("a/b/2025-01-01/1", 1, "Yksi"), ("a/b/2025-01-01/1", 1, "Kaksi")]))
        assert store.counts()["documents"] == 0


def test_shared_ids_are_found(db):
    with Store(db) as store:
        assert shared_ids(store.conn) == []
        store.conn.execute("UPDATE items SET id = ? WHERE id LIKE 'document/%/2'", (f"{RANTALA}/61",))
        store.conn.execute("UPDATE items SET id = 'document/x/1' WHERE id LIKE 'document/%/1'")
        assert shared_ids(store.conn) == ["document/x/1", f"{RANTALA}/61"]


def test_unidentified_items_are_never_link_targets(tmp_path):
    """Two documents without an organisation: one names the other's body, date and number."""
    named = tmp_path / "a.txt"
    named.write_text("Tekninen lautakunta\nPöytäkirja 5/2025\nAika 14.5.2025 klo 18.00\n§ 44 Kadun valaistus\n"
                     "Ehdotus\nValaistus uusitaan.\nPäätös\nHyväksyttiin.\n", encoding="utf-8")
    naming = tmp_path / "b.txt"
    naming.write_text("Kunnanhallitus\nPöytäkirja 6/2025\nAika 2.6.2025 klo 18.00\n§ 70 Kadun valaistus\nEhdotus\n"
                      "Tekninen lautakunta 14.5.2025 § 44 on esittänyt valaistuksen uusimista.\nPäätös\n"
                      "Hyväksyttiin.\n", encoding="utf-8")
    for order in ((named, naming), (naming, named)):
        with Store(tmp_path / f"{order[0].stem}.db") as store:
            run_batch(store, order, jobs=0)
            assert store.conn.execute("SELECT count(*) FROM refs WHERE kind = 'decision'").fetchone()[0] == 1
            assert store.conn.execute("SELECT count(*) FROM refs WHERE resolved_item_pk IS NOT NULL").fetchone()[0] == 0


def test_links_name_each_item_once_across_versions(tmp_path):
    """The Kunnanhallitus agenda is stored first: the handling in the Tekninen lautakunta's item
    resolves to its agenda version, and still shows on the minutes version."""
    kh = (ROOT / "samples" / "jarvela-kh-2025-03-10.txt").read_text(encoding="utf-8")
    agenda = tmp_path / "kh-esityslista.txt"
    agenda.write_text(kh.replace("Pöytäkirja 3/2025", "Esityslista 3/2025"), encoding="utf-8")
    tl44, kh57 = "jarvelan-kunta/tekninen-lautakunta/2025-05-14/44", "jarvelan-kunta/kunnanhallitus/2025-03-10/57"
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [agenda, ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf",
                       ROOT / "samples" / "jarvela-kh-2025-03-10.txt"], jobs=0)
        assert store.find(kh57).version.document_type == "minutes"
        assert store.item_links(kh57)["referenced_by"] == [tl44]
        assert store.item_links(kh57, "agenda")["referenced_by"] == [tl44]
        steps = chain(store.conn, store.item_pk(tl44))
        assert [s.item_id for s in steps if s.item_id] == [kh57, tl44]
        steps = chain(store.conn, store.item_pk(kh57))
        assert [s.item_id for s in steps if s.item_id] == [kh57, tl44]
    result = CliRunner().invoke(main, ["show", kh57, "--format", "json", "--db", str(tmp_path / "m.db")])
    assert json.loads(result.stdout)["referenced_by"] == [tl44]


def _write_version_5(path: Path, records: list[Record]) -> None:
    """A database as schema version 5 wrote it, with the ids of that time (unknown/undated)."""
    with Store(path) as store:
        for record in records:
            store.upsert(record)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP INDEX items_decided")
    conn.execute("ALTER TABLE items DROP COLUMN decided")
    for document_pk, raw in conn.execute("SELECT pk, record FROM documents").fetchall():
        data = json.loads(raw)
        m = data["meeting"]
        if m["organization"] and m["body"] and m["date"]:
            continue
        for item in data["items"]:
            old = f"unknown/unknown/undated/{item['number']}"
            conn.execute("UPDATE items SET id = ? WHERE id = ?", (old, item["id"]))
            item["id"] = old
        conn.execute("UPDATE meetings SET id = 'unknown/unknown/undated' WHERE document_pk = ?", (document_pk,))
        conn.execute("UPDATE documents SET record = ? WHERE pk = ?", (json.dumps(data), document_pk))
    conn.execute("PRAGMA user_version = 5")
    conn.close()


def test_an_older_database_gets_the_new_ids_and_versions(tmp_path, documents):
    records = [parse_document(documents[k]) for k in ("agenda", "minutes", "kirjasto.txt", "kentta.txt")]
    db = tmp_path / "old.db"
    _write_version_5(db, records)
    conn = sqlite3.connect(db)
    assert schema_version(conn) == 5
    assert conn.execute("SELECT count(*) FROM items WHERE id = 'unknown/unknown/undated/1'").fetchone()[0] == 2
    conn.close()
    with Store(db) as store:
        assert schema_version(store.conn) == LATEST
        stored = {i for (i,) in store.conn.execute("SELECT id FROM items")}
        assert stored == {i.id for r in records for i in r.items}
        for record in records:
            for item in record.items:
                assert store.find(item.id, record.document_type).item == item
        assert sorted(r.source.sha256 for r in store.iter_records()) == sorted(r.source.sha256 for r in records)
        assert store.conn.execute("SELECT count(*) FROM items WHERE decided = 1").fetchone()[0] == 3 + 2 + 1
        assert store.find(f"{RANTALA}/61").version.document_type == "minutes"
        assert shared_ids(store.conn) == []


def test_an_older_database_with_an_id_twice_in_a_document(tmp_path):
    record = _record([("a", 7, "Seitsemäs"), ("b", 8, "Kahdeksas")])
    db = tmp_path / "old.db"
    _write_version_5(db, [assign_ids(record)])
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE items SET id = 'unknown/unknown/undated/7'")
    data = json.loads(conn.execute("SELECT record FROM documents").fetchone()[0])
    for item in data["items"]:
        item["id"], item["number"] = "unknown/unknown/undated/7", 7
    conn.execute("UPDATE documents SET record = ?", (json.dumps(data),))
    conn.execute("UPDATE items SET number = 7")
    conn.close()
    with Store(db) as store:
        base = "document/" + "b" * 16
        assert [i for (i,) in store.conn.execute("SELECT id FROM items ORDER BY pk")] == [f"{base}/7", f"{base}/7-2"]
        assert store.find(f"{base}/7-2").item.title == "Kahdeksas"
        assert store.conn.execute("SELECT message FROM warnings").fetchall() == [
            (f"§ 7 is printed 2 times: this one is {base}/7-2",)]


def test_migrate_applies_the_new_steps_in_order():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    first = migrate(conn, target=5)
    assert first.applied == [1, 2, 3, 4, 5]
    assert first.refresh == {"search_index", "body_keys", "references", "links", "impacts"}
    rest = migrate(conn)
    assert rest.applied == list(range(6, LATEST + 1))
    assert rest.refresh == {"ids", "decided", "decisions", "search_index", "impacts", "word_forms", "strategy_tags"}
    assert migrate(conn).applied == []
    assert "decided" in {row[1] for row in conn.execute("PRAGMA table_info(items)")}
