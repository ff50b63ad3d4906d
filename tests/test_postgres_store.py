"""The PostgreSQL store's own behaviour: two ingests at once into one database, opening errors,
``minutes migrate``, ranking by the column groups' weights (both backends), text PostgreSQL
cannot hold as given (NUL, file names that are not UTF-8), the rebuild when the tagging data
changes, and the web interface over it."""

from __future__ import annotations

import hashlib
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import web_store
from minutes import parse_document
from minutes.record import Item, Meeting, Record, Section, Source
from minutes.store import Filters, open_store
from minutes.store.database import DatabaseError

ROOT = Path(__file__).resolve().parents[1]
MINUTES = [sys.executable, "-m", "minutes"]

BOARD = """Testilän kunta
Kunnanhallitus
{kind} {n}/2025
 Aika {day}.{month}.2025 klo 17:00

Läsnä
Maija Virtanen, puheenjohtaja
Olli Salo, jäsen

§ {k} Katuvalojen uusiminen alueella {n}
Ehdotus
Kunnanhallitus hyväksyy katuvalojen uusimisen alueella {n}.
Päätös
Hyväksyttiin.

§ {k2} Kunnanhallituksen päätöksen {prev_day}.{month}.2025 § {prev_k} täytäntöönpano
Kunnanhallitus {prev_day}.{month}.2025 § {prev_k} päätti katuvaloista.
Ehdotus
Merkitään tiedoksi.
Päätös
Hyväksyttiin.
"""


def _write_meetings(folder: Path, numbers: range, kind: str = "Pöytäkirja") -> list[Path]:
    """Board meetings, one a day; each cites the previous day's first item."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        day, month = 1 + n % 28, 1 + n // 28
        text = BOARD.format(kind=kind, n=n, day=day, month=month, k=10 * n, k2=10 * n + 1,
                            prev_day=max(1, day - 1), prev_k=10 * (n - 1))
        path = folder / f"kh-{n:03d}-{'esityslista' if kind == 'Esityslista' else 'poytakirja'}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _documents(store) -> list[tuple]:
    return sorted((r.source.path, json.dumps(r.to_dict(), sort_keys=True), m, d, tuple(sorted(i)))
                  for r, m, d, i in store.iter_versions())


def test_two_ingests_at_once_store_every_file_once(postgres_url, tmp_path):
    shared = _write_meetings(tmp_path / "shared", range(1, 41))
    first = _write_meetings(tmp_path / "first", range(41, 56))
    second = _write_meetings(tmp_path / "second", range(56, 71))
    agendas = _write_meetings(tmp_path / "second" / "agendas", range(30, 50), kind="Esityslista")
    every = [*shared, *first, *second, *agendas]
    env = {**os.environ, "MINUTES_DB": postgres_url}
    runs = [subprocess.Popen([*MINUTES, "ingest", *folders, "-j", "1", "-q"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for folders in ([str(tmp_path / "shared"), str(tmp_path / "first")],
                            [str(tmp_path / "second"), str(tmp_path / "shared")])]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    inserted = [int(out.split(" inserted")[0].rsplit(None, 1)[-1]) for out, _ in outputs]
    assert sum(inserted) == len(every)                  # each file stored by one of them, once
    with open_store(postgres_url, readonly=True) as pg:
        assert pg.counts()["documents"] == len(every)
        assert not pg.conn.execute("SELECT path FROM documents GROUP BY path HAVING count(*) > 1").fetchall()
        sequential = tmp_path / "one.db"
        with open_store(sequential) as lite:
            for path in every:
                lite.upsert(parse_document(path))
            assert _documents(pg) == _documents(lite)          # the same records, decided versions
            item_ids = sorted({i.id for r in lite.iter_records() for i in r.items})
            assert [pg.item_links(i) for i in item_ids] == [lite.item_links(i) for i in item_ids]
            resolved = [ref["resolved_to"] for i in item_ids for ref in pg.item_links(i)["references"]]
            assert sum(1 for r in resolved if r) >= 60          # links across the two ingests resolved


def test_an_unreachable_server_is_one_clear_error(tmp_path):
    url = "postgresql://minutes:salasana@127.0.0.1:1/archive"
    with pytest.raises(DatabaseError) as caught:
        open_store(url)
    assert "cannot connect" in str(caught.value) and "salasana" not in str(caught.value)
    done = subprocess.run([*MINUTES, "search", "uimahalli", "--db", url], capture_output=True, text=True)
    assert done.returncode == 2 and "cannot connect" in done.stderr and "salasana" not in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_that_is_not_ours_is_refused_untouched(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE orders (id int)")
    with pytest.raises(DatabaseError, match="another application"):
        open_store(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"orders"}


def test_an_empty_database_is_not_read_and_a_newer_one_is_refused(postgres_url):
    with pytest.raises(DatabaseError, match="nothing is stored"):
        open_store(postgres_url, readonly=True)
    with open_store(postgres_url) as store:
        store.conn.execute("INSERT INTO minutes_schema(version, applied_at) VALUES (99, 'later')")
    with pytest.raises(DatabaseError, match="newer version"):
        open_store(postgres_url)


def test_many_processes_opening_a_new_database_create_it_once(postgres_url):
    code = f"from minutes.store import open_store\nwith open_store({postgres_url!r}) as s:\n    print(s.counts())"
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, outputs
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT version FROM minutes_schema").fetchall() == [(1,)]


def test_migrate_copies_everything_and_is_idempotent(postgres_url, tmp_path):
    source = web_store.build(tmp_path)
    done = subprocess.run([*MINUTES, "migrate", "--from", str(source), "--to", postgres_url, "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with open_store(source, readonly=True) as lite, open_store(postgres_url, readonly=True) as pg:
        assert lite.counts() == pg.counts()
        assert [(r.to_dict(), when) for r, when in lite.iter_stored()] == [(r.to_dict(), when) for r, when in
                                                                            pg.iter_stored()]
        assert _documents(lite) == _documents(pg)
        assert [s.to_dict() for s in lite.strategies()] == [s.to_dict() for s in pg.strategies()]
        assert [t.to_dict() for t in lite.strategy_tags(advancing=False)] == \
            [t.to_dict() for t in pg.strategy_tags(advancing=False)]
        item = web_store.CITING
        assert lite.show(item).to_dict() == pg.show(item).to_dict()      # versions with their times
    again = subprocess.run([*MINUTES, "migrate", "--from", str(source), "--to", postgres_url, "-q"],
                           capture_output=True, text=True)
    assert again.returncode == 0 and "inserted" not in again.stdout and "unchanged" in again.stdout
    back = tmp_path / "back.db"                     # and from PostgreSQL into a file
    assert subprocess.run([*MINUTES, "migrate", "--from", postgres_url, "--to", str(back), "-q"]).returncode == 0
    with open_store(back, readonly=True) as copy, open_store(source, readonly=True) as lite:
        assert _documents(copy) == _documents(lite)
    same = subprocess.run([*MINUTES, "migrate", "--from", postgres_url, "--to", postgres_url], capture_output=True,
                          text=True)
    assert same.returncode == 2 and "is the database copied from" in same.stderr


RANKED = """Testilän kunta
Kunnanhallitus
Pöytäkirja 5/2025
 Aika 5.5.2025 klo 17:00

§ 1 Kirjaston aukioloajat
Ehdotus
Kunnanhallitus päättää aukioloajoista.
Päätös
Hyväksyttiin.

§ 2 Talousarvion muutos
Ehdotus
Kunnanhallitus hyväksyy muutoksen. Kirjaston määräraha siirretään.
Päätös
Hyväksyttiin.

§ 3 Liikuntapaikkojen kunnossapito
Selostus
Vuonna 2024 kirjaston pihaa kunnostettiin liikuntapaikkojen yhteydessä.
Ehdotus
Kunnanhallitus hyväksyy kunnossapitosuunnitelman.
Päätös
Hyväksyttiin.
"""


def test_a_word_in_the_title_ranks_above_the_proposal_above_the_background(target, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(RANKED, encoding="utf-8")
    with open_store(target) as store:
        store.upsert(parse_document(path))
        store.refresh_search()
        hits = store.search("kirjasto")
        assert [h.number for h in hits] == [1, 2, 3]
        assert hits[0].score > hits[1].score > hits[2].score > 0
        assert [h.number for h in store.search("kirjasto", Filters(kind="background"))] == [3]


@pytest.fixture(scope="module")
def pg_url_for_module(postgres_server):
    url = postgres_server.fresh_database()
    yield url
    postgres_server.drop(url)


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=120)
WORD = st.text(alphabet=string.ascii_lowercase + "äöå", min_size=4, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=TEXT, word=WORD, number=st.integers(0, 10**9))
def test_any_text_round_trips_through_postgresql(pg_url_for_module, title, body, word, number):
    name = f"/arkisto/{number}-\udcff-{word}.txt"          # a name that is not UTF-8: its bytes are kept
    sha = hashlib.sha256(repr((title, body, word, number)).encode("utf-8", "surrogatepass")).hexdigest()
    record = Record(Source(name, sha, "text", None), "minutes", "fi", Meeting(organization="Testikunta"),
                    (Item(f"document/{number:016d}/1", 1, title,
                          sections=(Section("decision", "Päätös", f"{body} {word}\x00{word}"),)),))
    with open_store(pg_url_for_module) as store:
        store.upsert(record)
        assert store.status_of(sha, name) == "unchanged" and store.holds_file(name)
        found = store.find(f"document/{number:016d}/1")
        assert found.record == record and found.version.path == name
        assert f"document/{number:016d}/1" in {h.item_id for h in store.search(word, limit=100)}


def test_tags_are_computed_again_when_the_rules_change(postgres_url, tmp_path):
    from minutes.parse.strategy import read_strategy

    with open_store(postgres_url) as store:
        for sample in ("rantala-sivltk-2025-09-10-poytakirja.pdf", "rantala-sivltk-2025-09-10-esityslista.docx"):
            store.upsert(parse_document(ROOT / "samples" / sample))
        store.add_strategy(read_strategy(ROOT / "samples" / "rantala-strategia.yaml"))
        tags = [t.to_dict() for t in store.strategy_tags(advancing=False)]
        assert tags
        store.conn.execute("DELETE FROM strategy_tags")
        store.conn.execute("UPDATE search_state SET value = 0 WHERE key = 'data:strategy_tags'")
    with open_store(postgres_url, readonly=True) as store:       # reading changes nothing
        assert not list(store.strategy_tags(advancing=False))
    with open_store(postgres_url) as store:
        assert [t.to_dict() for t in store.strategy_tags(advancing=False)] == tags


def test_the_web_interface_answers_from_postgresql_as_from_sqlite(postgres_url, tmp_path):
    from fastapi.testclient import TestClient

    from minutes.web.app import create_app

    lite = web_store.build(tmp_path)
    web_store.build(tmp_path, postgres_url)
    answers = []
    for db in (str(lite), postgres_url):
        with TestClient(create_app(db)) as client:
            search = client.get("/api/search", params={"q": "uimahalli", "size": 50}).json()
            for hit in search["hits"]:
                hit.pop("score")
            search["hits"].sort(key=lambda hit: hit["item_id"])        # the same hits; ranks may differ
            page = client.get(f"/item/{web_store.CITING}")
            assert page.status_code == 200 and "Uimahallin peruskorjauksen rahoitus" in page.text
            answers.append((search, client.get("/api/facets", params={"q": "uimahalli"}).json(),
                            client.get(f"/api/chain/{web_store.CITING}").json()))
    assert answers[0][0] == answers[1][0] and answers[0][0]["total"] > 1
    assert answers[0][1] == answers[1][1]
    assert answers[0][2] == answers[1][2]


def _with_reference_number(record: Record, number: int) -> Record:
    """``record`` whose first item's first section cites decision § ``number``."""
    from dataclasses import replace

    from minutes.record import Reference

    item = record.items[0]
    section = replace(item.sections[0], references=(Reference("decision", f"§ {number}", (0, 1),
                                                              body="kunnanhallitus", number=number),))
    return replace(record, items=(replace(item, sections=(section, *item.sections[1:])), *record.items[1:]))


def test_numbers_past_32_bits_are_stored_and_a_value_past_64_fails_that_document_alone(postgres_url, tmp_path):
    from minutes.batch.run import run_batch
    from minutes.parse.pipeline import parse_bytes

    wide = _with_reference_number(parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt"), 8_888_888_888)
    with open_store(postgres_url) as store:
        assert store.upsert(wide) == "inserted"
        assert store.conn.execute("SELECT max(number) FROM refs").fetchone()[0] == 8_888_888_888
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("kallio-hyvltk-2024-item.txt", "lahdenpera-kv-2025-06-16-235.html"):
        (folder / name).write_bytes((ROOT / "samples" / name).read_bytes())

    def too_wide(data: bytes, path: str, *args, **kwargs):
        record = parse_bytes(data, path, *args, **kwargs)
        return _with_reference_number(record, 2**70) if path.endswith(".txt") else record

    failed = []
    with open_store(postgres_url) as store:
        before = store.counts()
        summary = run_batch(store, [folder], jobs=0, parser=too_wide,
                            on_outcome=lambda o: failed.append(o) if o.status == "failed" else None)
        assert summary.counts["inserted"] == 1 and store.counts()["documents"] == before["documents"] + 1
    assert [(Path(o.path).name, o.category) for o in failed] == [("kallio-hyvltk-2024-item.txt", "store_refused")]
    assert "PostgreSQL cannot store it" in failed[0].message


def test_an_item_of_more_than_a_megabyte_of_words_is_stored_and_found(postgres_url):
    words = " ".join(f"sana{n}x{'y' * 12}" for n in range(60_000))       # over 1 MiB of distinct words
    record = Record(Source("/iso.txt", "b" * 64, "text", None), "minutes", "fi", Meeting(organization="Testikunta"),
                    (Item("document/bbbbbbbbbbbbbbbb/1", 1, "Iso asia",
                          sections=(Section("background", "Selostus", words),
                                    Section("decision", "Päätös", words + " kirjastoauto"))),))
    with open_store(postgres_url) as store:
        assert store.upsert(record) == "inserted"
        assert [h.item_id for h in store.search("sana1xyyyyyyyyyyyy")] == ["document/bbbbbbbbbbbbbbbb/1"]


def test_a_phrase_deep_inside_a_long_item_is_found(target):
    background = " ".join(["Hallinto valmisteli asian huolellisesti ja perusteellisesti."] * 1200)   # 7,200 words
    record = Record(Source("/pitka.txt", "c" * 64, "text", None), "minutes", "fi", Meeting(organization="Testikunta"),
                    (Item("document/cccccccccccccccc/1", 1, "Pitkä asia",
                          sections=(Section("background", "Selostus", background),
                                    Section("other", "Liitteet", "Liitteenä on kirjastoauton reittisuunnitelma."))),))
    with open_store(target) as store:
        store.upsert(record)
        assert store.search('"kirjastoauton reittisuunnitelma"').total == 1
        assert store.search('"reittisuunnitelma kirjastoauton"').total == 0


def test_strategies_removed_say_so(target):
    from minutes.parse.strategy import read_strategy

    with open_store(target) as store:
        store.add_strategy(read_strategy(ROOT / "samples" / "rantala-strategia.yaml"))
        assert store.remove_strategy("rantalan-kunta/rohkea-rantala-2030") is True
        assert store.remove_strategy("rantalan-kunta/rohkea-rantala-2030") is False
        assert store.strategies() == []


def test_a_name_of_many_words_finds_nobody(target):
    with open_store(target) as store:
        store.upsert(parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt"))
        many = " ".join("abcdefghijklm")
        assert store.person(many) == []
        assert store.search("kunta", Filters(person=many)).total == 0


def test_a_query_word_longer_than_any_indexed_finds_nothing(target):
    with open_store(target) as store:
        store.upsert(parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt"))
        assert store.search("名" * 700).total == 0
        assert store.search('"' + "ä" * 1500 + ' kunta"').total == 0


def test_passwords_are_never_printed(tmp_path):
    db = tmp_path / "m.db"
    with open_store(db):
        pass
    for target in ("postgresql://minutes:salasana1@127.0.0.1:1/x", "postgresql://minutes@127.0.0.1:1/x?password=salasana1"):
        done = subprocess.run([*MINUTES, "migrate", "--from", str(db), "--to", target], capture_output=True, text=True)
        assert done.returncode == 2 and "salasana1" not in done.stderr + done.stdout and "127.0.0.1" in done.stderr
        done = subprocess.run([*MINUTES, "person", "Nobody", "--db", target], capture_output=True, text=True)
        assert done.returncode == 2 and "salasana1" not in done.stderr + done.stdout


def test_a_read_only_store_keeps_the_urls_options(postgres_url):
    url = postgres_url + "?options=-csearch_path%3Darkisto"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA arkisto")
    with open_store(url) as store:
        store.upsert(parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt"))
    with open_store(url, readonly=True) as store:
        assert store.counts()["documents"] == 1
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.conn.execute("DELETE FROM documents")


def test_the_web_server_reconnects_after_the_database_server_ended_its_connections(postgres_url, tmp_path):
    from fastapi.testclient import TestClient

    from minutes.web.app import create_app

    web_store.build(tmp_path, postgres_url)
    with TestClient(create_app(postgres_url)) as client:
        assert client.get("/api/search", params={"q": "uimahalli"}).status_code == 200
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                         "AND pid != pg_backend_pid()")
        codes = [client.get("/api/search", params={"q": "uimahalli"}).status_code for _ in range(4)]
    assert codes[1:] == [200, 200, 200]        # the request that finds the connection gone may fail


def test_reading_every_record_while_another_writer_replaces_one(target, monkeypatch):
    """A document replaced between the listing of the documents and the reading of their
    records is left out of that reading, not an error (a copy or an export beside an ingest)."""
    import minutes.store.sql as sql

    first = parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt")
    second = parse_document(ROOT / "samples" / "kallio-hyvltk-2024-item.txt")
    with open_store(target) as store, open_store(target) as other:
        store.upsert(first)
        store.upsert(second)
        real = sql.chunks

        def replaced_meanwhile(pks):
            other.upsert(first, replace=True)         # a new pk for the first document
            return real(pks)

        monkeypatch.setattr(sql, "chunks", replaced_meanwhile)
        assert [r.source.path for r, _ in store.iter_stored()] == [second.source.path]
        monkeypatch.setattr(sql, "chunks", real)
        assert sorted(r.source.path for r, *_ in store.iter_versions()) == sorted([first.source.path,
                                                                                   second.source.path])


def test_a_copy_goes_on_past_a_document_the_target_refuses(tmp_path):
    from minutes.errors import StoreRefused
    from minutes.store.copy import copy_store

    source, target = tmp_path / "a.db", tmp_path / "b.db"
    with open_store(source) as store:
        for name in ("jarvela-kh-2025-03-10.txt", "kallio-hyvltk-2024-item.txt"):
            store.upsert(parse_document(ROOT / "samples" / name))
    with open_store(source, readonly=True) as origin, open_store(target) as copy:
        real = copy.upsert

        def refusing(record, *args, **kwargs):
            if record.source.path.endswith("kallio-hyvltk-2024-item.txt"):
                raise StoreRefused(record.source.path, "PostgreSQL cannot store it (a test)")
            return real(record, *args, **kwargs)

        copy.upsert = refusing
        copied = copy_store(origin, copy)
    assert copied.documents == {"inserted": 1, "failed": 1} and not copied.complete
    assert len(copied.refused) == 1 and "kallio-hyvltk-2024-item.txt" in copied.refused[0]
