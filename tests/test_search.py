"""Store and search over the samples: inflection, compounds, phrases, diary numbers, Swedish,
filters, and any query is safe."""

from pathlib import Path

import pytest

from minutes.batch import run_batch
from minutes.language.analysis import analyzer
from minutes.store.search import QueryError, Results, search
from minutes.store.sqlite import Filters, Store

ROOT = Path(__file__).resolve().parent.parent
PREFIX = {"jarvelan-kunta": "J", "kuusiston-kaupunki": "K", "lahdenperan-kaupunki": "L",
          "rantalan-kunta": "R", "strandviks-stad": "S", "document": "H"}

VOIKKO = pytest.mark.skipif(analyzer("fi").name != "voikko",
                                reason="needs libvoikko1 and voikko-fi (scripts/setup.sh installs them)")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("db") / "minutes.db") as s:
        run_batch(s, [ROOT / "samples"], jobs=0)
        yield s


def key(item_id: str) -> str:
    org, *_, number = item_id.split("/")
    return PREFIX[org] + ("" if number.startswith("n") else number)


SEARCH_TESTS = [
    # inflection and compounds (Finnish)
    ("strategia", {}, {"H"}),
    ("kuntastrategia", {}, {"H"}),
    ("valaistus", {}, {"J43", "J45", "J58"}),
    ("katuvalaistus", {}, {"J43", "J45", "J58"}),
    ("urakoitsija", {}, {"J43", "J58"}),
    ("tarjous", {}, {"J43"}),
    ("urakka", {}, {"J43"}),
    ("avustus", {}, {"J44", "J45", "J57", "R63"}),
    ("valtionavustus", {}, {"J44", "J57"}),
    ("väylä", {}, {"J44", "J57"}),
    ("kunnanhallitus", {}, {"J44", "J57", "J58"}),
    ("uimahalli", {}, {"L235"}),
    ("peruskorjaus", {}, {"L235"}),
    ("hankesuunnitelma", {}, {"L235"}),
    ("valmistelu", {}, {"J43", "L235", "H"}),   # "talousarviovalmistelussa" in H
    ("ulkoilureitti", {}, {"K88"}),
    ("reitti", {}, {"K88", "J44"}),             # "pääreitti" in J44
    ("maakuntakaava", {}, {"K89"}),
    ("lausunto", {}, {"K89"}),
    ("yhteistyösopimus", {}, {"K88"}),
    ("sopimus", {}, {"K88", "J43"}),
    ("varhaiskasvatus", {}, {"R62"}),
    ("asiakasmaksu", {}, {"R62"}),
    ("enimmäismaksu", {}, {"R62"}),
    ("kerhotoiminta", {}, {"R63"}),
    ("äänestys", {}, {"J43", "R62"}),
    ("yhteisöjäävi", {}, {"J43"}),
    ("uimahallin peruskorjauksen", {}, {"L235"}),
    # Swedish
    ("skolskjuts", {}, {"S51"}),
    ("budgetuppföljning", {}, {"S52"}),
    ("beslutför", {}, {"S50"}),
    # phrases, diary numbers, figures
    ('"kevyen liikenteen"', {}, {"J44", "J57"}),
    ('"liikenteen kevyen"', {}, set()),
    ("JÄRDno-2025-118", {}, {"J43", "J58"}),
    ("STRV/123/12.01.00/2024", {}, {"S51"}),
    ("KUUS/212/02.08.00/2025", {}, {"K88"}),
    ('"152 400"', {}, {"J43"}),
    ("640 000", {}, {"J44"}),
    # nothing there
    ("tilinpäätös", {}, set()),
    ("kissa", {}, set()),
    # section kinds
    ("valaistus", {"kind": "decision"}, set()),
    ("hyväksyttiin", {"kind": "decision"}, {"J43", "J44", "J57", "J58", "K88", "L235", "R62", "R63"}),
    ("pöytäkirja", {"kind": "title"}, {"J42"}),
    ("esteellinen", {"kind": "disqualification"}, {"J43"}),
    # filters
    ("avustus", {"body": "sivistyslautakunta"}, {"R63"}),
    ("avustus", {"org": "järvelän"}, {"J44", "J45", "J57"}),
    ("avustus", {"org": "jarvelan-kunta"}, {"J44", "J45", "J57"}),
    ("avustus", {"date_from": "2025-06-01"}, {"R63"}),
    ("avustus", {"date_to": "2025-05-31"}, {"J44", "J45", "J57"}),
]


def _filters(spec: dict) -> Filters:
    from datetime import date

    spec = {k: (date.fromisoformat(v) if k.startswith("date") else v) for k, v in spec.items()}
    return Filters(**spec)


def test_voikko_is_installed_in_ci():
    """CI installs Voikko (scripts/setup.sh), so the inflection tests below run there."""
    import os

    if os.environ.get("CI"):
        assert analyzer("fi").name == "voikko"


@VOIKKO
@pytest.mark.parametrize("query, filters, expected", SEARCH_TESTS)
def test_search(store, query, filters, expected):
    hits = search(store, query, _filters(filters), limit=50)
    if hits.mode == "any":      # no item holds every word: those holding all found come first
        assert {key(h.item_id) for h in hits[:len(expected)]} == expected and hits.ranked_only
    else:
        assert {key(h.item_id) for h in hits} == expected


@VOIKKO
def test_hits_are_ranked_and_highlighted(store):
    hits = search(store, "avustus")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all("**" in h.snippet for h in hits)
    assert hits[0].to_dict().keys() >= {"item_id", "title", "body", "date", "number", "score", "snippet"}


@VOIKKO
def test_title_outranks_background(store):
    hits = search(store, "urakka")
    assert key(hits[0].item_id) == "J43"
    hits = search(store, "katuvalaistus")
    assert [key(h.item_id) for h in hits][-1] == "J45"   # in a title (J43, J58) beats in the background


@pytest.mark.parametrize("query", ["", "   ", '"', "*", "()", '""'])
def test_query_without_words_is_an_error(store, query):
    with pytest.raises(QueryError):
        search(store, query)


@pytest.mark.parametrize("query", ['"unbalanced quote', "NOT", "AND OR NEAR(", "title:valaistus", "^start",
                                   "avustus*", "a" * 5000, "x " * 3000, "-", "väylä) OR (kissa",
                                   "DROP TABLE items; --"])
def test_any_query_is_safe(store, query):
    try:
        hits = search(store, query)
    except QueryError:
        return
    assert isinstance(hits, Results) and isinstance(hits.total, int) and len(hits) <= hits.total


def test_without_voikko_search_matches_printed_forms(tmp_path, monkeypatch):
    """With no lemmatizer installed, search still works on the forms as printed."""
    import minutes.language.analysis as analysis

    monkeypatch.setattr(analysis, "analyzer", lambda language: analysis.SurfaceAnalyzer())
    assert analysis.status().hint and "apt-get install libvoikko1 voikko-fi" in analysis.status().hint
    with Store(tmp_path / "plain.db") as plain:
        run_batch(plain, [ROOT / "samples" / "lahdenpera-kv-2025-06-16-235.html"], jobs=0)
        assert [key(h.item_id) for h in search(plain, "uimahallin")] == ["L235"]
        assert list(search(plain, "uimahalli")) == []
