"""The language data under models/: it loads, validates, and classifies headings as printed."""

import pytest

from minutes.errors import LexiconError
from minutes.language.lexicon import (
    LAYOUT_KINDS,
    SECTION_KINDS,
    _body_names,
    _headings,
    _read,
    fold,
    load_lexicon,
    models_dir,
)

HEADING_TESTS = [
    ("Päätös", "decision"),
    ("Päätös:", "decision"),
    ("PÄÄTÖS", "decision"),
    ("Päätösehdotus", "proposal"),
    ("Ehdotus", "proposal"),
    ("Päätösesitys", "proposal"),
    ("Esitysehdotus", "proposal"),
    ("Lausuntoehdotus", "proposal"),
    ("Kaupunginjohtajan ehdotus:", "proposal"),
    ("Kaupunginjohtajan esitys:", "proposal"),
    ("Puheenjohtajan ehdotus:", "proposal"),
    ("Förslag:", "proposal"),
    ("Bildningsdirektörens förslag:", "proposal"),
    ("Välfärdsnämndens beslut:", "decision"),
    ("Vvllvrdsnvmndens beslut:i", "decision"),
    ("Beslut", "decision"),
    ("Esitys", "proposal_or_decision"),
    ("Lausunto", "proposal_or_decision"),
    ("Selostus", "background"),
    ("Esittelyteksti", "background"),
    ("Tiivistelmä", "background"),
    ("Esittelijän perustelut", "background"),
    ("Päätöksen perustelut", "background"),
    ("Beredning:", "background"),
    ("Käsittely", "discussion"),
    ("Kaupunginhallituksen käsittely:", "discussion"),
    ("Behandling", "discussion"),
    ("Äänestys", "vote"),
    ("Omröstning", "vote"),
    ("Esteellisyys", "disqualification"),
    ("Jäv", "disqualification"),
    ("Eriävä mielipide", "dissent"),
    ("Liitteet", "attachments"),
    ("Oheismateriaali", "attachments"),
    ("Bilagor", "attachments"),
    ("Muutoksenhakuohje", "appeal"),
    ("Oikaisuvaatimusohje", "appeal"),
    ("Valitusosoitus", "appeal"),
    ("Anvisning för begäran om omprövning och besvär", "appeal"),
    ("Tiedoksi", "notice"),
    ("Täytäntöönpano:", "notice"),
    ("Täytäntöönpano-tiedot", "notice"),
    ("Otteet", "notice"),
    ("Delges", "notice"),
    ("Esittelijä", "presenter"),
    ("Valmistelija / lisätiedot:", "preparers"),
    ("Valmistelijat / lisätiedot:", "preparers"),
    ("Valmistelijat/ Lisätietojen antaja", "preparers"),
    ("Päätöshistoria", "history"),
    ("Tidigare behandling:", "history"),
    ("Dnro", "case"),
]

NOT_HEADINGS = [
    "Hyväksyttiin esitys.",
    "Kaupunginhallitus päättää",
    "Hyvinvointilautakunta keskustelee",
    "Päätösesitys hyväksyttiin.",
    "Muut asiat",
    "",
]


@pytest.mark.parametrize("text, kind", HEADING_TESTS)
def test_heading_kind(text, kind):
    assert load_lexicon().heading_kind(text) == kind


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_not_headings(text):
    assert load_lexicon().heading_kind(text) is None


def test_genitive_heading_needs_colon_or_style():
    lex = load_lexicon()
    assert lex.heading_kind("Kaupunginjohtajan ehdotus") is None
    assert lex.heading_kind("Kaupunginjohtajan ehdotus", styled=True) == "proposal"


def test_fold():
    assert fold("  Valmistelijat /lisätiedot: ") == "valmistelijat / lisätiedot"


def test_every_section_kind_has_headings():
    lex = load_lexicon()
    for kind in SECTION_KINDS:
        if kind in LAYOUT_KINDS:
            assert kind not in lex.headings, kind
        else:
            assert lex.headings[kind].exact, kind


def test_glued_headings_are_known_headings():
    lex = load_lexicon()
    for word, kind in lex.glued:
        assert lex.heading_kind(word) == kind


def test_models_ship_beside_the_code():
    assert (models_dir() / "headings.toml").is_file()


def test_unknown_kind_is_rejected():
    with pytest.raises(LexiconError, match="unknown kind"):
        _headings({"kinds": {"verdict": {"exact": ["tuomio"]}}})


def test_heading_in_two_kinds_is_rejected():
    with pytest.raises(LexiconError, match="both"):
        _headings({"kinds": {"decision": {"exact": ["päätös"]}, "proposal": {"exact": ["Päätös"]}}})


def test_glued_heading_must_be_exact():
    with pytest.raises(LexiconError, match="glued"):
        _headings({"kinds": {"decision": {"exact": ["päätös"], "glued": ["ratkaisu"]}}})


def test_patterns_compile_with_named_groups():
    lex = load_lexicon()
    assert all("number" in p.groupindex for p in lex.item_start)
    assert all({"body", "number"} <= set(p.groupindex) for p in lex.stage_lines)


def test_layout_data_loads_and_its_patterns_name_their_groups():
    from minutes.language.lexicon import load_layout

    layout = load_layout()
    assert layout.contents_subheadings and layout.wrap_lines >= 1
    for pattern in layout.appendix_headers:
        assert {"label", "body", "date", "number"} <= set(pattern.groupindex)
    for pattern in layout.contents_entries:
        assert {"number", "title"} <= set(pattern.groupindex)
    assert layout.cell_number.match("§ 105").group("number") == "105"
    assert layout.cell_number.match("105 §").group("number") == "105"
    assert layout.row_number.match("195").group("number") == "195"
    assert layout.row_body.match("Kh") and not layout.row_body.match("Kh 2")


# -- body abbreviations (models/bodies.toml) ---------------------------------------------------------
def test_every_abbreviation_names_a_body_the_parser_recognises():
    """Each full name ends like a body (a data integrity test of bodies.toml)."""
    lex = load_lexicon()
    names = lex.body_names
    tables = [names.default, *names.by_ending.values(), *names.by_organization.values()]
    for table in tables:
        for short, name in table.items():
            assert fold(name).split()[-1].endswith(lex.stage_body_suffixes), (short, name)
            assert short in lex.body_abbreviations


def test_organisation_tables_only_hold_what_differs_from_the_default():
    names = load_lexicon().body_names
    for table in [*names.by_ending.values(), *names.by_organization.values()]:
        for short, name in table.items():
            assert names.default.get(short) != name, short


# organisation, abbreviation, full name (None: no table of the organisation knows it)
FULL_NAME_TESTS = [
    (None, "Kh", "Kaupunginhallitus"),
    ("Lapuan kaupunki", "Kh", "Kaupunginhallitus"),
    ("Järvelän kunta", "Kh", "Kunnanhallitus"),
    ("Järvelän  kunta", "Kvalt", "Kunnanvaltuusto"),
    ("Järvelän kunta", "Sivla", "Sivistyslautakunta"),
    ("Helsingin kaupunki", "Ylj", "Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto"),
    ("Lapuan kaupunki", "Ylj", None),
    (None, "Ylj", None),
    (None, "Xyz", None),
]


@pytest.mark.parametrize("organization, short, name", FULL_NAME_TESTS)
def test_full_names_by_organisation(organization, short, name):
    assert load_lexicon().body_names.full_name(short, organization) == name


BAD_BODY_TABLES = [
    ({"abbreviations": {"Kh": ""}}, "full name"),
    ({"abbreviations": {"K h": "Kaupunginhallitus"}}, "bad abbreviation"),
    ({"abbreviations": {"Kh": "kaupunginhallitus"}}, "capitalised"),
    ({"abbreviations": {"Kaupunginhallitus": "Kh"}}, "no longer"),
    ({"abbreviations": {}, "abbreviation": {}}, "unknown tables"),
    ({"abbreviations": {}, "abbreviations_by_organization_ending": {"Kunta": {}}}, "lower-case"),
    ({"abbreviations": {}, "abbreviations_by_organization": {"turun kaupunki": {}}}, "as printed"),
    ({"abbreviations": {}, "abbreviations_by_organization": {"Turun kaupunki": {"Kh": 3}}}, "full name"),
    ({"abbreviations": ["Kh"]}, "must be a table"),
]


@pytest.mark.parametrize("data, message", BAD_BODY_TABLES)
def test_bad_body_tables_are_rejected(data, message):
    with pytest.raises(LexiconError, match=message):
        _body_names(data)


def test_the_shipped_body_tables_are_valid():
    assert _body_names(_read("bodies.toml")).default["Kh"] == "Kaupunginhallitus"


def test_one_analyzer_per_language_for_the_process():
    from minutes.language.analysis import analyzer

    assert analyzer("fi") is analyzer("fi") and analyzer("sv") is analyzer("sv")
