"""The language data under models/: it loads, validates, and classifies headings as printed."""

import pytest

from minutes.errors import LexiconError
from minutes.lexicon import LAYOUT_KINDS, SECTION_KINDS, _headings, fold, load_lexicon, models_dir

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
    from minutes.lexicon import load_layout

    layout = load_layout()
    assert layout.contents_subheadings and layout.wrap_lines >= 1
    for pattern in layout.appendix_headers:
        assert {"label", "body", "date", "number"} <= set(pattern.groupindex)
    for pattern in layout.contents_entries:
        assert {"number", "title"} <= set(pattern.groupindex)
    assert layout.cell_number.match("§ 105").group("number") == "105"
    assert layout.cell_number.match("105 §").group("number") == "105"
