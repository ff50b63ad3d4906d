"""Word forms in search (issue 13): one table per phenomenon, each row a query word and a text it
must be found in (or, in the NOT tables, must not be found in).

A query word is found in a text when one of its ``query_terms`` is among the text's printed words
or its ``index_terms``: the item's row holds both, in the printed and the ``*_terms`` columns.
"""

from __future__ import annotations

import pytest
import regex
import snowballstemmer

import minutes.language.analysis as analysis
from minutes.language.analysis import (SnowballAnalyzer, analyzer, index_terms, query_terms, query_words,
                                       split_query, words)
from minutes.language.compounds import SwedishSplitter, members, runs, unknown_key

VOIKKO = pytest.mark.skipif(analyzer("fi").name != "voikko", reason="needs Voikko (scripts/setup.sh)")

# a small Swedish word list, injected so that the Swedish tests run with or without wswedish
SWEDISH_WORDS = ["budget", "uppföljning", "bygg", "miljö", "nämnden", "välfärd", "styrelsen", "stads",
                 "till", "stånd", "för", "slag", "avlopp", "vatten", "planen", "skola", "skolan", "nät",
                 "planer", "ingen", "planeringen", "slår", "före"]


@pytest.fixture
def swedish(monkeypatch):
    """The Swedish analyzer with the small word list above."""
    sv = SnowballAnalyzer("swedish", SwedishSplitter(SWEDISH_WORDS))
    fi = analyzer("fi")
    monkeypatch.setattr(analysis, "analyzer", lambda language: sv if language == "sv" else fi)
    return sv


def found(query: str, text: str, language: str = "fi") -> set[str]:
    stored = set(words(text)) | set(index_terms(text, language).split())
    return set(query_terms(query.casefold())) & stored


# -- 1. runs of compound members ------------------------------------------------------------------
RUNS = [
    ("kouluverkko", "Kouluverkkopäätöstä valmistellaan."),
    ("tilinpäätös", "Tilinpäätösvaiheessa todettiin"),
    ("tilinpäätös", "tilinpäätösennusteen mukaan"),
    ("henkilöstömäärä", "kokonaishenkilöstömäärä kasvoi"),
    ("ympäristönsuojelu", "ympäristönsuojelulain 27 §"),
    ("ympäristönsuojelulaki", "ympäristönsuojelulain 27 §"),
    ("koulu", "kouluverkkopäätöstä"),                 # a single member, as before
    ("päätösvaihe", "tilinpäätösvaiheessa"),           # a run that does not start the word
    ("henkilöstömäärä", "henkilöstömäärän"),           # the lemma itself
]
RUNS_NOT = [
    ("tilinpäätös", "Päätös tehtiin yksimielisesti."),   # a query word adds no parts of its own
    ("tilinpäätös", "tilin päätöksestä"),
    ("kouluverkko", "koulun verkkosivut"),
    ("ympäristönsuojelu", "ympäristön suojelusta"),    # separate words are no compound
]


@VOIKKO
@pytest.mark.parametrize("query,text", RUNS)
def test_runs_of_compound_members(query, text):
    assert found(query, text)


@VOIKKO
@pytest.mark.parametrize("query,text", RUNS_NOT)
def test_runs_not_made_of_separate_words(query, text):
    assert not found(query, text)


def test_runs_take_printed_members_and_the_last_base_form():
    parts = members("+ympäristön(ympäristö)+suojel(suojella)+u(+u)+laki(laki)")
    assert parts == [("ympäristön", "ympäristö"), ("suojelu", "suojelu"), ("laki", "laki")]
    assert runs(parts) == ["ympäristönsuojelu", "ympäristönsuojelulaki", "suojelulaki"]
    assert members("+ELY-keskus(ELY-keskus)") == [("elykeskus", "elykeskus")]


# -- 2. hyphenated words --------------------------------------------------------------------------
HYPHENATED = [
    ("maa-aines", "maa-ainesten otto"),
    ("maa-aines", "Maa-aineslupahakemuksesta annettiin"),
    ("maa-ainesten", "maa-aineslupahakemuksesta"),
    ("otto-oikeus", "otto-oikeuden siirto"),
    ("ELY-keskus", "ELY-keskuksen lausunto"),
    ("ely-keskus", "Etelä-Pohjanmaan ELY-keskukselle"),
    ("sote-uudistus", "sote-uudistuksen vaikutukset"),
    ("Etelä-Pohjanmaa", "Etelä-Pohjanmaan liitto"),
    ("covid-rokotus", "covid-rokotuksen saaneet"),    # unknown to Voikko: printed head + lemma of the rest
]
HYPHENATED_NOT = [
    # a hyphenated query word is the whole word: "maa" and "aines" apart are not it
    ("maa-aines", "maa on kallista ja aines huonoa"),
    ("maa-aines", "maa-alueen aines"),
    ("ELY-keskus", "keskuksen ely"),
]


@VOIKKO
@pytest.mark.parametrize("query,text", HYPHENATED)
def test_hyphenated_words_inflected_and_compounded(query, text):
    assert found(query, text)


@VOIKKO
@pytest.mark.parametrize("query,text", HYPHENATED_NOT)
def test_hyphenated_words_not_their_parts_apart(query, text):
    assert not found(query, text)


SPLIT_QUERY = [
    ("maa-aines", ["maa-aines"], []),
    ("ELY-keskus lausunto", ["ely-keskus", "lausunto"], []),
    ("(sote-uudistus), talous", ["sote-uudistus", "talous"], []),
    ("LAPDno-2024-292 kaava", ["kaava"], ["LAPDno-2024-292"]),
    ("NKBY/497/12.03.01/2022", [], ["NKBY/497/12.03.01/2022"]),
    ("talousarvio 2024", ["talousarvio", "2024"], []),
    ("virka- ja työehtosopimus", ["virka", "ja", "työehtosopimus"], []),
]


@pytest.mark.parametrize("query,expected_words,expected_exact", SPLIT_QUERY)
def test_split_query_keeps_hyphenated_words_whole(query, expected_words, expected_exact):
    split = split_query(query)
    assert list(split.words) == expected_words and list(split.exact) == expected_exact
    assert query_words(query) == expected_words


def test_query_terms_of_a_hyphenated_word_are_hyphen_free():
    terms = query_terms("maa-aines")
    assert terms[0] == "maaaines" and all("-" not in t for t in terms)


TOKEN_TEXTS = ["maa-aineslupahakemuksesta ja otto-oikeuden", "virka- ja työehtosopimus",
               "ELY-keskuksen LAPDno-2024-292 Kookinkallion", "Maankäyttö- ja rakennuslain",
               "hyvinvointilautakunnan täytäntöönpanosta allekirjoittama toimeenpano periaatteet"]   # Voikko marks "hyvin=vointi"


@pytest.mark.parametrize("text", TOKEN_TEXTS)
def test_every_term_is_one_fts_token(text):
    for language in ("fi", "sv"):
        for term in index_terms(text, language).split():
            assert regex.fullmatch(r"[\p{L}\p{N}\p{M}]+", term), term


# -- 3. coordinated compounds ----------------------------------------------------------------------
COORDINATED = [
    ("virkaehtosopimus", "virka- ja työehtosopimus"),
    ("virkaehtosopimuksen", "virka- ja työehtosopimuksen mukaisesti"),
    ("maankäyttölaki", "Maankäyttö- ja rakennuslain 132 §"),
    ("maatalousministeriö", "maa- ja metsätalousministeriön ohje"),
    ("katusuunnitelma", "liikenne- tai katusuunnitelmaan"),
    ("rakennusvalvonta", "rakennus- sekä ympäristövalvonnan"),
    ("liikennesuunnitelma", "liikenne-, katu- ja puistosuunnitelmat"),  # a comma-separated list
    ("katusuunnitelma", "liikenne-, katu- ja puistosuunnitelmat"),
]
COORDINATED_NOT = [
    ("maankäyttölaki", "maankäyttö, rakennuslaki"),          # no hanging hyphen
    ("virkaehtosopimus", "virka- on työehtosopimus"),        # no conjunction
    ("virkatyöehtosopimus", "virka- ja työehtosopimus"),     # the first member is replaced
]


@VOIKKO
@pytest.mark.parametrize("query,text", COORDINATED)
def test_coordinated_compounds(query, text):
    assert found(query, text)


@VOIKKO
@pytest.mark.parametrize("query,text", COORDINATED_NOT)
def test_not_coordinated(query, text):
    assert not found(query, text)


SWEDISH_COORDINATED = [
    ("byggnämnden", "bygg- och miljönämnden"),
    ("byggnämnd", "Bygg- och miljönämnden beslutar"),
    ("vattenplanen", "vatten- eller avloppsplanen"),
    ("vattenplan", "vatten- samt avloppsplanen"),
]


@pytest.mark.parametrize("query,text", SWEDISH_COORDINATED)
def test_swedish_coordinated_compounds(swedish, query, text):
    assert found(query, text, "sv")


# -- 4. words Voikko does not know -----------------------------------------------------------------
UNKNOWN = [
    ("Honkimäki", "Honkimäen asemakaava"),
    ("Honkimäen", "Honkimäki"),
    ("Kookinkallio", "Kookinkallion alueella"),
    ("Kookinkallion", "Kookinkalliolla"),
    ("Simpsiönvuori", "Simpsiönvuorella"),
]
UNKNOWN_NOT = [
    ("Honkimäki", "Honkalan tila"),
    ("Kookinkallio", "Kookin kallion"),
]


@VOIKKO
@pytest.mark.parametrize("query,text", UNKNOWN)
def test_unknown_words_by_their_stem(query, text):
    assert found(query, text)


@VOIKKO
@pytest.mark.parametrize("query,text", UNKNOWN_NOT)
def test_unknown_words_not_by_other_stems(query, text):
    assert not found(query, text)


@VOIKKO
def test_known_words_get_no_stem():
    assert analyzer("fi").stems("päätöksen") == () and analyzer("fi").stems("honkimäen")


# consonant gradation: the nominative and an inflected form of a made-up name give a common key
GRADATION = [
    ("honkimäki", "honkimäen"),        # k / -
    ("haapakoppi", "haapakopin"),      # pp / p
    ("kivihanko", "kivihangon"),       # nk / ng (Snowball cuts "kivihanko" to "kivih": the word's own key)
    ("ruohokampi", "ruohokammen"),     # mp / mm
    ("rantapelto", "rantapellon"),     # lt / ll
    ("vehkaranta", "vehkarannan"),     # nt / nn
    ("jokilahti", "jokilahden"),       # t / d
    ("karhunkorpi", "karhunkorven"),   # p / v
    ("hiidenkurki", "hiidenkurjen"),   # rk / rj
    ("kuusirinne", "kuusirinteen"),    # nn / nt (the other way round)
]


def _keys(word: str) -> set[str]:
    stem = snowballstemmer.stemmer("finnish").stemWord(word)
    return {k for k in (unknown_key(stem), unknown_key(word) if word[-1] in "aeiouyäö" else None) if k}


@pytest.mark.parametrize("nominative,inflected", GRADATION)
def test_gradation_pairs_share_a_key(nominative, inflected):
    assert _keys(nominative) & _keys(inflected)


# -- 5. derivations --------------------------------------------------------------------------------
# A derived adjective is indexed with the noun Voikko's WORDBASES derive it from (as before this
# issue: "kunnallinen" is "+kunna(kunta)+lli+nen(+nen)"); a query adjective does not find the noun.
# "strateginen" is "+strateg(strategi)" in Voikko (a strategist): `[derivations]` of
# models/word_forms.toml indexes the noun "strategia" too, as Voikko knows it as a base form; a base
# whose noun form would only be a partitive ("kulttuuri" -> "kulttuuria", "voima" -> "voimaa") adds
# nothing.
DERIVATIONS = [
    ("talous", "taloudellisen tilanteen"),
    ("kunta", "kunnallisen palvelun"),
    ("alue", "alueellinen yhteistyö"),
    ("historia", "historiallinen rakennus"),
    ("strategia", "strategisen tason"),
    ("strategia", "kaupunkistrategisten tavoitteiden"),
    ("biologia", "biologisen monimuotoisuuden"),
    ("psykologia", "psykologiset palvelut"),
]
DERIVATIONS_NOT = [
    ("taloudellinen", "talous kasvoi"),
    ("kunnallinen", "kunta päätti"),
]


@VOIKKO
@pytest.mark.parametrize("adjective, noun, not_a_noun", [
    ("strateginen", "strategia", None), ("biologinen", "biologia", None),
    ("kulttuurinen", None, "kulttuuria"),       # only the partitive of "kulttuuri"
    ("elinvoimainen", None, "voimaa"),          # "voima" + "a": a partitive
])
def test_the_noun_an_adjective_derives_from(adjective, noun, not_a_noun):
    from minutes.language.analysis import analyzer

    terms = analyzer("fi").terms(adjective)
    assert (noun in terms) if noun else not_a_noun not in terms


@VOIKKO
@pytest.mark.parametrize("query,text", DERIVATIONS)
def test_derivations_voikko_links(query, text):
    assert found(query, text)


@VOIKKO
@pytest.mark.parametrize("query,text", DERIVATIONS_NOT)
def test_derivations_voikko_does_not_link(query, text):
    assert not found(query, text)


# -- 6. Swedish compounds --------------------------------------------------------------------------
SWEDISH_SPLITS = [
    ("budgetuppföljning", ("budget", "uppföljning")),
    ("välfärdsnämnden", ("välfärds", "nämnden")),       # a linking s stays with the head
    ("stadsstyrelsen", ("stads", "styrelsen")),
    ("byggmiljönämnden", ("bygg", "miljö", "nämnden")),  # a tail split in turn
    ("tillstånd", ()),                                 # "till" is no head
    ("förslag", ()),                                   # too short a head
    ("planeringen", ()),                               # listed itself: not "planer" + "ingen"
    ("föreslår", ()),                                  # "före" is no head
    ("budget", ()),
    ("budgetplanering", ()),                           # "planering" is not listed
    ("budgetuppföljningen", ("budget", "uppföljningen")),   # a listed word with an ending
]


@pytest.mark.parametrize("word,parts", SWEDISH_SPLITS)
def test_swedish_splitter(word, parts):
    assert SwedishSplitter(SWEDISH_WORDS).split(word) == parts


SWEDISH = [
    ("budget", "Budgetuppföljning"),
    ("uppföljning", "budgetuppföljningen"),
    ("nämnd", "välfärdsnämnden"),
    ("välfärd", "välfärdsnämnden"),
    ("miljönämnden", "byggmiljönämnden"),                # a run
]
SWEDISH_NOT = [
    ("slag", "förslaget"),
    ("stånd", "tillstånd"),
]


@pytest.mark.parametrize("query,text", SWEDISH)
def test_swedish_compound_parts(swedish, query, text):
    assert found(query, text, "sv")


@pytest.mark.parametrize("query,text", SWEDISH_NOT)
def test_swedish_not_split(swedish, query, text):
    assert not found(query, text, "sv")


def test_swedish_without_a_word_list_only_stems():
    assert SwedishSplitter.read(["/nonexistent/swedish"], "latin-1") is None
    assert SnowballAnalyzer("swedish", None).terms("budgetuppföljningen") == ("budgetuppföljning",)


def test_surname_endings_and_suffixes_make_no_compound_tail():
    from minutes.language.compounds import SwedishSplitter

    splitter = SwedishSplitter(["kors", "holm", "hägg", "ström", "budget", "uppföljning", "inled", "andet",
                                "skola", "styrelsen", "stads"])
    assert splitter.split("korsholms") == () and splitter.split("häggström") == ()
    assert splitter.split("inledandet") == ()
    assert splitter.split("budgetuppföljning") == ("budget", "uppföljning")
    assert splitter.split("stadsstyrelsen") == ("stads", "styrelsen")


def test_the_swedish_word_list_is_read_only_when_a_word_is_split():
    from minutes.language.compounds import SwedishSplitter

    reads = []

    def read():
        reads.append(1)
        return SwedishSplitter(["budget", "uppföljning"])

    sv = SnowballAnalyzer("swedish", read)
    assert sv.lemmas("budgetuppföljningen") and not reads           # a query's stems: no list read
    assert "budget" in sv.terms("budgetuppföljning") and sv.terms("budgetar") is not None and reads == [1]
