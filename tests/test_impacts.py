"""Impact lists rank frequent words as FTS5 would, and are never trusted when out of date."""

from pathlib import Path

import pytest

from minutes import parse_document
from minutes.batch import run_batch
from minutes.language.analysis import analyzer
from minutes.store import impacts
from minutes.store.fulltext import compile_query
from minutes.store.search import _ranked_by_index, search
from minutes.store.sqlite import Filters, Store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["lautakunta", "hyväksyä", "kunta päätös", "avustus", "kunnanhallitus tekninen", "ehdotus", "kaupunki"]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "m.db") as s:
        run_batch(s, [ROOT / "samples"], jobs=0)
        s.conn.execute("BEGIN")
        impacts.rebuild(s.conn, dense=1)       # every term gets a list on this small store
        s.conn.execute("COMMIT")
        yield s


@pytest.mark.parametrize("query", QUERIES)
def test_impact_lists_rank_like_fts5(store, query):
    compiled = compile_query(query)
    by_index = _ranked_by_index(store, compiled.match, [], [], 10)
    by_impacts = store.index.fast_ranked(compiled, [], [], 10)
    assert by_impacts is not None
    assert [pk for pk, _ in by_impacts] == [pk for pk, _ in by_index]
    assert [round(s, 6) for _, s in by_impacts] == [round(s, 6) for _, s in by_index]


def test_filters_apply_to_impact_lists(store):
    hits = search(store, "hyväksyä", Filters(body="kunnanhallitus"), limit=2)
    assert hits and all(h.body == "Kunnanhallitus" for h in hits)


def test_stale_lists_are_not_used(store, tmp_path):
    extra = tmp_path / "uusi.txt"
    extra.write_text("Järvelän kunta\nPöytäkirja 9/2025\n§ 90 Lautakunta\nPäätös\nLautakunta lautakunta.\n",
                     encoding="utf-8")
    record = parse_document(extra)
    store.upsert(record)                           # no refresh: the lists do not know this item
    assert not impacts.is_fresh(store.conn)
    assert store.index.fast_ranked(compile_query("lautakunta"), [], [], 5) is None
    assert record.items[0].id in [h.item_id for h in search(store, "lautakunta", limit=50)]
    store.refresh_search()
    assert impacts.is_fresh(store.conn)


def test_removed_items_leave_the_lists(store):
    record = parse_document(ROOT / "samples" / "jarvela-kh-2025-03-10.txt")
    pk = store.item_pk("jarvelan-kunta/kunnanhallitus/2025-03-10/57")
    assert store.conn.execute("SELECT count(*) FROM impact_lists WHERE item_pk = ?", (pk,)).fetchone()[0] > 0
    from dataclasses import replace
    store.upsert(replace(record, source=replace(record.source, sha256="e" * 64)))   # replaced
    assert store.conn.execute("SELECT count(*) FROM impact_lists WHERE item_pk = ?", (pk,)).fetchone()[0] == 0
    assert not impacts.is_fresh(store.conn)


def test_rare_words_go_to_fts5(store):
    store.conn.execute("DELETE FROM impact_terms WHERE term = 'uimahalli'")
    assert impacts.rank(store.conn, compile_query("uimahalli").words, 5) is None


pytestmark = pytest.mark.skipif(analyzer("fi").name != "voikko", reason="needs Voikko (scripts/setup.sh)")


def test_new_items_join_the_lists_without_a_rebuild(store, tmp_path, monkeypatch):
    monkeypatch.setattr(impacts, "DRIFT", 100.0)           # no list is rebuilt: new items are merged in
    extra = tmp_path / "uusi.txt"
    extra.write_text("Järvelän kunta\nPöytäkirja 9/2025\n§ 90 Lautakunta\nPäätös\nLautakunta lautakunta.\n",
                     encoding="utf-8")
    before = dict(store.conn.execute("SELECT item_pk, score FROM impact_lists WHERE term = 'lautakunta'"))
    record = parse_document(extra)
    store.upsert(record)
    store.conn.execute("BEGIN")
    impacts.rebuild(store.conn, dense=1)
    store.conn.execute("COMMIT")
    assert impacts.is_fresh(store.conn)
    after = dict(store.conn.execute("SELECT item_pk, score FROM impact_lists WHERE term = 'lautakunta'"))
    new_pk = store.item_pk(record.items[0].id)
    assert set(after) == set(before) | {new_pk}
    assert all(after[pk] == score for pk, score in before.items())   # merged, not rebuilt
    store.conn.execute("BEGIN")
    impacts.rebuild(store.conn, dense=1, keep=3)                      # nothing new: nothing to do
    store.conn.execute("COMMIT")
    assert len(dict(store.conn.execute("SELECT item_pk, score FROM impact_lists WHERE term = 'lautakunta'"))) == \
        len(after)
