"""The PostgreSQL store against the SQLite store: the same documents and strategies stored in
both (``web_store``: the samples, votes, motions, a disqualification, references, hostile
markup), and every answer compared: search (totals, modes, hits, snippets, filters, sorts,
facets), show, links, chain, person, stats, strategies and their tags, bodies, meetings, the
records read back. The SQLite answers are checked by the rest of the suite; equal answers are
the PostgreSQL store's proof."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import web_store
from minutes.store import Filters, open_store

QUERIES = [
    "avustus", "kaupunginhallitus", "uimahalli", "uimahallin peruskorjaus", "päiväkoti koulu", "kerhotoiminta",
    '"uimahallin peruskorjauksen"', '"peruskorjauksen hankesuunnitelman"', "uimahalli OR jäähalli",
    "avustus -urheilu", "mikä on avustus", "määräraha", "4 200 000", "hyväksyä", "valtuusto", "lautakunta",
    "budget", "skola", "kommun", "maa-aines", "palautetaan valmisteluun", "script", "<script>", "aloite",
    "hella", "talousarvio", "liikunta harrastus", "tie", "kaava", "esitys", "ÄÄNESTYS", "peruskorjaus -uimahalli",
]
FILTERS = [
    Filters(), Filters(kind="decision"), Filters(kind="background"), Filters(org="esimerkin"),
    Filters(body="kaupunginhallitus"), Filters(date_from=date(2025, 1, 1)), Filters(date_to=date(2024, 12, 31)),
    Filters(document_type="agenda"), Filters(document_type="minutes"), Filters(outcome="approved"),
    Filters(voted=True), Filters(person="Pekka Hella"),
]


@pytest.fixture(scope="module")
def stores(postgres_server, tmp_path_factory):
    """(SQLite store, PostgreSQL store) of the same documents, read-only."""
    folder = tmp_path_factory.mktemp("parity")
    sqlite_db = web_store.build(folder)
    url = postgres_server.fresh_database()
    web_store.build(folder, url)                    # the same files: the same paths in the records
    with open_store(sqlite_db, readonly=True) as lite, open_store(url, readonly=True) as pg:
        yield lite, pg
    postgres_server.drop(url)


def _hit(hit) -> dict:
    out = hit.to_dict()
    out.pop("score")
    return out


def _same_results(a, b, ordered: bool = False) -> None:
    assert dataclasses.replace(a, hits=()) == dataclasses.replace(b, hits=())
    if ordered:
        assert [_hit(h) for h in a] == [_hit(h) for h in b]
    else:
        assert sorted((_hit(h) for h in a), key=lambda h: h["item_id"]) == \
            sorted((_hit(h) for h in b), key=lambda h: h["item_id"])


def _versions_without_times(shown: dict) -> dict:
    for version in [shown.get("version"), *shown.get("other_versions", [])]:
        if isinstance(version, dict):
            version.pop("ingested_at", None)
    return shown


def _item_ids(store) -> list[str]:
    return sorted({item.id for record in store.iter_records() for item in record.items})


def test_both_hold_the_same_records(stores):
    lite, pg = stores
    assert lite.counts() == pg.counts() and lite.counts()["items"] > 20
    assert [(r.to_dict(), m, d, i) for r, m, d, i in lite.iter_versions()] == \
        [(r.to_dict(), m, d, i) for r, m, d, i in pg.iter_versions()]
    narrowed = Filters(org="rantalan", date_from=date(2025, 1, 1))
    assert [r.to_dict() for r in lite.iter_records(narrowed)] == [r.to_dict() for r in pg.iter_records(narrowed)]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_the_same_items(stores, query):
    lite, pg = stores
    for filters in FILTERS:
        expected = lite.search(query, filters, limit=100)
        _same_results(expected, pg.search(query, filters, limit=100))
        _same_results(lite.search(query, filters, limit=100, sort="date"), pg.search(query, filters, limit=100,
                                                                                     sort="date"),
                      ordered=len({h.date for h in expected}) == len(expected))


@pytest.mark.parametrize("query", QUERIES[:12])
def test_facets_count_the_same(stores, query):
    lite, pg = stores
    for filters in FILTERS[:6]:
        assert lite.facets(query, filters).to_dict() == pg.facets(query, filters).to_dict()
        assert lite.facets(query, filters, any_words=True).to_dict() == pg.facets(query, filters,
                                                                                  any_words=True).to_dict()


def test_listing_by_filters_alone_is_the_same(stores):
    lite, pg = stores
    for filters in (Filters(voted=True), Filters(outcome="approved"), Filters(person="Hella"),
                    Filters(outcome="approved", kind="background")):
        for query in ("", "-uimahalli"):
            _same_results(lite.search(query, filters, limit=100), pg.search(query, filters, limit=100), ordered=True)


def test_the_explanations_name_the_same_words(stores):
    lite, pg = stores
    for query in ("uimahalli", "uimahallin peruskorjaus", '"peruskorjauksen hankesuunnitelman"'):
        a = {h.item_id: h.explanation["words"] for h in lite.search(query, limit=100, explain=True)}
        b = {h.item_id: h.explanation["words"] for h in pg.search(query, limit=100, explain=True)}
        assert a == b and a


def test_show_links_and_chains_are_the_same(stores):
    lite, pg = stores
    ids = _item_ids(lite)
    assert ids == _item_ids(pg)
    for item_id in ids:
        assert _versions_without_times(lite.show(item_id).to_dict()) == _versions_without_times(pg.show(item_id).to_dict())
        assert lite.item_links(item_id) == pg.item_links(item_id)
        assert lite.chain(item_id) == pg.chain(item_id)
    meetings = sorted({m for _, m, _, _ in lite.iter_versions()})
    for meeting in meetings:
        assert _versions_without_times(lite.show(meeting).to_dict()) == _versions_without_times(pg.show(meeting).to_dict())
        for version in ("agenda", "minutes"):
            try:
                expected = _versions_without_times(lite.show(meeting, version).to_dict())
            except Exception as exc:                # NotStored: the same error from both
                with pytest.raises(type(exc)):
                    pg.show(meeting, version)
                continue
            assert expected == _versions_without_times(pg.show(meeting, version).to_dict())


def test_people_are_the_same(stores):
    lite, pg = stores
    names = sorted({p.name for r in lite.iter_records() for p in r.meeting.participants})
    assert len(names) > 10
    for name in [*names, "Virtaselle", "Pekka Hella", "hella", "Nobody Here"]:
        assert [p.to_dict() for p in lite.person(name)] == [p.to_dict() for p in pg.person(name)]
    narrowed = Filters(body="kaupunginhallitus")
    assert [p.to_dict() for p in lite.person("Hella", narrowed)] == [p.to_dict() for p in pg.person("Hella", narrowed)]


@pytest.mark.parametrize("by", ["body", "year", "presenter"])
def test_stats_are_the_same(stores, by):
    lite, pg = stores
    for filters in (Filters(), Filters(org="esimerkin"), Filters(date_from=date(2025, 1, 1))):
        assert lite.stats(filters, by).to_dict() == pg.stats(filters, by).to_dict()


def test_strategies_and_their_tags_are_the_same(stores):
    lite, pg = stores
    assert [s.to_dict() for s in lite.strategies()] == [s.to_dict() for s in pg.strategies()]
    assert lite.goal_ids() == pg.goal_ids() and lite.goal_ids()
    for strategy in [None, *(s.id for s in lite.strategies())]:
        for advancing in (True, False):
            expected = [t.to_dict() for t in lite.strategy_tags(strategy, advancing=advancing)]
            assert expected == [t.to_dict() for t in pg.strategy_tags(strategy, advancing=advancing)]
    assert any(lite.strategy_tags())
    goal = next(g for g in sorted(lite.goal_ids()) if "/" in g)
    _same_results(lite.search("", Filters(goal=goal), limit=100), pg.search("", Filters(goal=goal), limit=100),
                  ordered=True)


def test_bodies_and_meetings_are_the_same(stores):
    lite, pg = stores
    bodies = lite.bodies()
    assert [b.to_dict() for b in bodies] == [b.to_dict() for b in pg.bodies()]
    for body in bodies:
        assert [m.to_dict() for m in lite.meetings(body.key)] == [m.to_dict() for m in pg.meetings(body.key)]
        assert [m.to_dict() for m in lite.meetings(body.key, 1)] == [m.to_dict() for m in pg.meetings(body.key, 1)]
