"""A search box takes what people type (issue 13): questions with stop words, words no single item
holds together (ranked by any of them, more of the words first, and the results say so), OR,
exclusions, phrases, paging with the total, sorting by date, --explain, and list items ranked below
items about the words. Over the samples; the queries are the team's own."""

from pathlib import Path

import pytest

from minutes.batch import run_batch
from minutes.language.analysis import analyzer
from minutes.store import search as search_module
from minutes.store.query import read_query
from minutes.store.search import QueryError, search
from minutes.store.sqlite import Filters, Store

ROOT = Path(__file__).resolve().parent.parent
VOIKKO = pytest.mark.skipif(analyzer("fi").name != "voikko", reason="needs Voikko (scripts/setup.sh)")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("db") / "minutes.db") as s:
        run_batch(s, [ROOT / "samples"], jobs=0)
        yield s


def numbers(results) -> list[str]:
    return [h.item_id.rsplit("/", 1)[-1] for h in results]


# (typed, the parts read: [(kind, text, stop)], the excluded words)
READ = [
    ("Mikä on kaupungin tuloveroprosentti vuodelle 2026?",
     [("word", "mikä", True), ("word", "on", True), ("word", "kaupungin", False),
      ("word", "tuloveroprosentti", False), ("word", "vuodelle", True), ("word", "2026", False)], []),
    ("Vad beslöt nämnden om skolskjutsar?",
     [("word", "vad", True), ("word", "beslöt", False), ("word", "nämnden", False), ("word", "om", True),
      ("word", "skolskjutsar", False)], []),
    ('"kevyen liikenteen" rahoitus', [("phrase", "kevyen liikenteen", False), ("word", "rahoitus", False)], []),
    ("uimahalli OR ulkoilureitti", [("any", "uimahalli OR ulkoilureitti", False)], []),
    ("a OR b OR c", [("any", "a OR b OR c", False)], []),
    ("valaistus -urakoitsija", [("word", "valaistus", False)], ["urakoitsija"]),
    ("LAPDno-2024-292 kaava", [("exact", "lapdno 2024 292", False), ("word", "kaava", False)], []),
    ("or and not", [("word", "or", False), ("word", "and", False), ("word", "not", False)], []),
    ("-2024 strategia", [("word", "strategia", False)], ["2024"]),
    ("OR strategia", [("word", "strategia", False)], []),             # nothing to join: dropped
    ("-kioski OR uimahalli", [("word", "uimahalli", False)], ["kioski"]),
    ("uimahalli OR", [("word", "uimahalli", False)], []),
]


@pytest.mark.parametrize("typed, parts, excluded", READ)
def test_a_query_is_read_into_parts(typed, parts, excluded):
    read = read_query(typed)
    assert [(p.kind, p.text, p.stop) for p in read.parts] == parts
    assert [p.text for p in read.excluded] == excluded


def test_a_query_of_stop_words_alone_searches_them():
    assert [p.text for p in read_query("mitä on").required] == ["mitä", "on"]


@VOIKKO
@pytest.mark.parametrize("question, keywords", [
    ("Mikä on valaistus?", "valaistus"),
    ("Milloin päätettiin uimahallin peruskorjauksesta?", "uimahalli peruskorjaus päättää"),
    ("Mitä koskien varhaiskasvatuksen asiakasmaksut?", "varhaiskasvatus asiakasmaksu"),
    ("Vad gäller skolskjutsar?", "skolskjutsar"),
])
def test_a_question_finds_what_its_keywords_find(store, question, keywords):
    asked, typed = search(store, question), search(store, keywords)
    assert numbers(asked) and numbers(asked)[:len(typed)] == numbers(typed)


@VOIKKO
def test_words_no_item_holds_together_rank_by_any_of_them(store):
    results = search(store, "valaistus uimahalli")
    assert results.mode == "any" and results.ranked_only == ("valaistus", "uimahalli") and not results.required
    assert set(numbers(results)) == {"235", "58", "43", "45"} and results.total == 4


@VOIKKO
def test_items_holding_more_of_the_words_come_first(store):
    results = search(store, "uimahalli peruskorjaus kerhotoiminta")    # two words in 235, one in 63
    assert results.mode == "any" and numbers(results)[:2] == ["235", "63"]


@VOIKKO
def test_a_phrase_stays_required_when_the_words_only_rank(store):
    results = search(store, '"kevyen liikenteen" rahoitus uimahalli')
    assert results.mode == "any" and results.required == ("kevyen liikenteen",)
    assert set(numbers(results)) == {"57", "44"}


@VOIKKO
@pytest.mark.parametrize("query, expected", [
    ("uimahalli OR ulkoilureitti", {"235", "88"}),
    ("valaistus -urakoitsija", {"45"}),
    ("avustus -valtionavustus -kerhotoiminta", {"45"}),
    ("valaistus OR varhaiskasvatus -urakoitsija", {"45", "62"}),
])
def test_or_and_exclusion(store, query, expected):
    assert set(numbers(search(store, query))) == expected


def test_exclusions_alone_are_no_query(store):
    with pytest.raises(QueryError):
        search(store, "-valaistus")


@VOIKKO
def test_pages_and_the_total(store):
    everything = search(store, "avustus", limit=50)
    first, second = search(store, "avustus", limit=2), search(store, "avustus", limit=2, offset=2)
    assert everything.total == first.total == second.total == len(everything) == 4
    assert numbers(first) + numbers(second) == numbers(everything)
    assert not search(store, "avustus", offset=10) and search(store, "avustus", offset=10).total == 4
    assert search(store, "avustus").to_dict()["total"] == 4


@VOIKKO
def test_sort_by_date(store):
    results = search(store, "päätös", limit=50, sort="date")
    dates = [h.date or "" for h in results]
    assert len(set(dates)) > 1 and dates == sorted(dates, reverse=True)
    with pytest.raises(ValueError):
        search(store, "päätös", sort="alphabet")


@VOIKKO
def test_explain_says_which_words_matched_where(store):
    results = search(store, "katuvalaistus rahoitus", explain=True)
    top = results[0]
    assert set(top.explanation["words"]) == {"katuvalaistus", "rahoitus"}
    assert "title" in top.explanation["words"]["katuvalaistus"]
    assert top.explanation["columns"] and all(v > 0 for v in top.explanation["columns"].values())
    assert top.to_dict()["explanation"] == top.explanation
    assert search(store, "katuvalaistus rahoitus")[0].explanation is None


@VOIKKO
def test_a_list_item_ranks_below_the_items_about_the_words(store, monkeypatch):
    assert numbers(search(store, "avustus"))[-1] == "45"           # "Ilmoitusasiat" names an avustus
    assert search(store, "avustus", Filters(), explain=True)[-1].explanation["list_item"]
    pattern, _ = search_module.list_titles()
    monkeypatch.setattr(search_module, "list_titles", lambda: (pattern, 1.0))
    assert numbers(search(store, "avustus"))[-1] != "45"           # without the factor it would not be last


def test_a_hyphenated_word_is_one_word():
    read = read_query("maa-aines ELY-keskus")
    assert [(p.kind, p.text) for p in read.parts] == [("word", "maa-aines"), ("word", "ely-keskus")]


@VOIKKO
def test_a_hyphenated_word_finds_its_inflected_and_compound_forms(tmp_path):
    text = ("Tekninen lautakunta\nPÖYTÄKIRJA 3/2025\nKokousaika 1.4.2025\n\n"
            "§ 10 Maa-aineslupahakemus\n\nPäätös\nLautakunta myönsi maa-ainesten ottoluvan. "
            "ELY-keskuksen lausunto on liitteenä.\n\n"
            "§ 11 Maan ja aineksen varastointi\n\nPäätös\nMaa-alueelle varastoidaan aines.\n")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tekltk.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [folder], jobs=0)
        assert numbers(search(store, "maa-aines")) == ["10"]
        assert "**maa-ainesten**" in search(store, "maa-aines")[0].snippet      # the printed form marked
        assert numbers(search(store, "ELY-keskus")) == ["10"]


@VOIKKO
def test_a_bodys_own_report_ranks_above_a_city_wide_one_citing_it(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tekltk.txt").write_text(
        "Tekninen lautakunta\nPÖYTÄKIRJA 4/2025\nKokousaika 6.5.2025\n\n"
        "§ 21 Liikenneturvallisuussuunnitelma 2026–2030\n\nPäätösehdotus\nLautakunta hyväksyy "
        "liikenneturvallisuussuunnitelman.\n\nPäätös\nHyväksyttiin.\n", encoding="utf-8")
    (folder / "kh.txt").write_text(
        "Kaupunginhallitus\nPÖYTÄKIRJA 9/2025\nKokousaika 2.6.2025\n\n"
        "§ 140 Kaupungin vuosikertomus 2025\n\nValmistelija talousjohtaja\n\nVuosikertomus kokoaa "
        "lautakuntien raportit: teknisen lautakunnan liikenneturvallisuussuunnitelma, sivistyslautakunnan "
        "opetussuunnitelma, hyvinvointilautakunnan hyvinvointisuunnitelma ja liikenneturvallisuussuunnitelman "
        "seuranta.\n\nPäätös\nKaupunginhallitus hyväksyi vuosikertomuksen, jossa liikenneturvallisuussuunnitelma "
        "mainitaan.\n", encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [folder], jobs=0)
        results = search(store, "liikenneturvallisuussuunnitelma")
        assert numbers(results) == ["21", "140"]        # the city-wide report names it three times


@VOIKKO
def test_an_exclusion_looks_at_the_whole_item_whatever_the_kind_searched(store):
    assert set(numbers(search(store, "valaistus", Filters(kind="title")))) == {"43", "58"}
    assert list(search(store, "valaistus -urakoitsija", Filters(kind="title"))) == []   # 58 names one in its text


@VOIKKO
def test_a_listing_by_filters_leaves_out_what_the_query_excludes(store):
    assert set(numbers(search(store, "", Filters(voted=True)))) == {"43", "62", "235"}
    listed = search(store, "-uimahalli", Filters(voted=True), explain=True)
    assert sorted(numbers(listed)) == ["43", "62"] and listed.total == 2 and listed.excluded == ("uimahalli",)
    assert listed.mode == "listed" and listed[0].explanation["listed"]


@VOIKKO
@pytest.mark.parametrize("query", ["valaistus uimahalli kerhotoiminta avustus väylä", "avustus", "päätös"])
def test_pages_cover_every_match_once(store, query):
    everything = search(store, query, limit=1000)
    paged = [n for k in range(0, everything.total, 2) for n in numbers(search(store, query, limit=2, offset=k))]
    assert paged == numbers(everything) and len(set(paged)) == everything.total


@VOIKKO
def test_explain_names_phrases_and_or_groups(store):
    top = search(store, '"kevyen liikenteen" OR uimahalli rahoitus', explain=True)[0]
    assert set(top.explanation["words"]) == {'kevyen liikenteen OR uimahalli', "rahoitus"}


@pytest.mark.parametrize("word, stop", [("mikä", True), ("vuodelle", True), ("koskien", True), ("vad", True),
                                        ("hur", True), ("ha", False), ("vara", False), ("alle", False),
                                        ("fast", False), ("kunta", False), ("kaupungin", False)])
def test_the_stop_lists(word, stop):
    from minutes.language.stopwords import is_stop_word

    assert is_stop_word(word) == stop


@VOIKKO
def test_any_word_ranking_from_the_impact_lists_finds_what_fts5_finds(tmp_path, monkeypatch):
    from minutes.store import impacts

    with Store(tmp_path / "m.db") as store:
        run_batch(store, [ROOT / "samples"], jobs=0)
        query = "valaistus uimahalli kerhotoiminta"
        by_fts5 = search(store, query, limit=50)
        store.conn.execute("BEGIN")
        impacts.rebuild(store.conn, dense=1)        # every term gets a list: the lists answer
        store.conn.execute("COMMIT")
        asked = []
        from minutes.store import index as index_module

        monkeypatch.setattr(index_module, "rank_any", lambda *a: asked.append(a) or impacts.rank_any(*a))
        by_lists = search(store, query, limit=50)
        assert asked and by_lists.mode == by_fts5.mode == "any"
        assert set(numbers(by_lists)) == set(numbers(by_fts5)) and by_lists.total == by_fts5.total


@VOIKKO
def test_a_total_beyond_the_cap_says_at_least(store, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 2)
    results = search(store, "avustus")
    assert (results.total, results.total_exact) == (2, False) and len(search(store, "avustus", limit=50)) == 4
    assert search(store, "uimahalli").total_exact
