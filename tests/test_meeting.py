"""Organisation, body and meeting date from wherever a document prints them (the team's own
text, written for these tests)."""

from datetime import date

import pytest

from minutes import parse_bytes
from minutes.errors import LexiconError
from minutes.language.lexicon import _meeting_pattern
from minutes.parse.document import Document, Line
from minutes.parse.meeting import find_decision_subject, find_header_date, parse_meeting

ITEM = """§ {number} Kevyen liikenteen väylän rakentaminen

Väylän suunnittelu on valmistunut ja urakka on kilpailutettu.

Ehdotus
Urakka annetaan edullisimman tarjouksen tehneelle.

Päätös
{decision}
"""

ITEM_SV = """{number} § Ombyggnad av lekparken

Lekparkens redskap är gamla och byts ut under sommaren.

Förslag:
Planen godkänns.

Beslut:
{decision}
"""


def meeting_of(text: str, name: str = "kokous.txt"):
    return parse_bytes(text.encode("utf-8"), name).meeting


@pytest.mark.parametrize("cover, organization, body, when", [
    ("Kallioniemen kunta\nPöytäkirja 4/2024\nToimielin Tekninen lautakunta\nAika 14.3.2024 klo 17.00\n",
     "Kallioniemen kunta", "Tekninen lautakunta", date(2024, 3, 14)),
    ("Kallioniemen kunta\nKokousaika: 2.9.2024 kello 18.00–19.10\nToimielin: Kunnanvaltuusto\n",
     "Kallioniemen kunta", "Kunnanvaltuusto", date(2024, 9, 2)),
    ("Strandviks stad\nProtokoll 3/2023\nOrgan Bildningsnämnden\nSammanträdestid 6.6.2023 kl. 16.00 – 17.45\n",
     "Strandviks stad", "Bildningsnämnden", date(2023, 6, 6)),
    ("Strandviks stad\nOrgan\nStadsstyrelsen\nTid\n21.8.2023 kl. 15.00\n",
     "Strandviks stad", "Stadsstyrelsen", date(2023, 8, 21)),
    # the organisation in capitals
    ("KALLIONIEMEN KUNTA\nPöytäkirja 4/2024\nToimielin Tekninen lautakunta\nAika 14.3.2024 klo 17.00\n",
     "Kallioniemen kunta", "Tekninen lautakunta", date(2024, 3, 14)),
    ("STRANDVIKS STAD\nProtokoll 3/2023\nOrgan Bildningsnämnden\nSammanträdestid 6.6.2023 kl. 16.00 – 17.45\n",
     "Strandviks stad", "Bildningsnämnden", date(2023, 6, 6)),
])
def test_labelled_cover_fields(cover, organization, body, when):
    meeting = meeting_of(cover + "\n" + ITEM.format(number=21, decision="Hyväksyttiin."))
    assert (meeting.organization, meeting.body, meeting.date) == (organization, body, when)


@pytest.mark.parametrize("cover, when, start", [
    ("Kallioniemen kunta\nKunnanhallitus\nPöytäkirja 4/2025\nAika tiistaina 4. maaliskuuta 2025 klo 18.00\n",
     date(2025, 3, 4), "18:00"),
    ("Kallioniemen kunta\nKunnanhallitus\nPöytäkirja 4/2025\nKokousaika: 14. lokakuuta 2025, kello 17.30–19.00\n",
     date(2025, 10, 14), "17:30"),
    ("Strandviks stad\nStadsstyrelsen\nProtokoll 3/2025\nTid måndag 3 mars 2025 kl. 18.00\n",
     date(2025, 3, 3), "18:00"),
    ("Strandviks stad\nStadsstyrelsen\nProtokoll 3/2025\nSammanträdestid\n3 mars 2025\n", date(2025, 3, 3), None),
])
def test_a_time_field_with_the_months_name(cover, when, start):
    meeting = meeting_of(cover + "\n" + ITEM.format(number=21, decision="Hyväksyttiin."))
    assert (meeting.date, meeting.start) == (when, start)


@pytest.mark.parametrize("drafted", ["Päivämäärä 3.11.2025", "Lähetetty 5.11.2025", "Päivämäärä\n3.11.2025",
                                     "Pvm 1.11.2025"])
@pytest.mark.parametrize("meeting_time", ["Kokousaika 10.11.2025 klo 18.00", "Kokousaika\n10.11.2025 klo 18.00",
                                          "Aika: maanantai 10.11.2025 kello 18"])
def test_agenda_cover_takes_the_meeting_date_not_the_drafting_date(drafted, meeting_time):
    cover = f"Kallioniemen kunta\nEsityslista\nKunnanhallitus\n{drafted}\n{meeting_time}\n"
    meeting = meeting_of(cover + "\n" + ITEM.format(number=5, decision=""))
    assert meeting.date == date(2025, 11, 10)


def test_a_sent_date_alone_is_not_the_meeting_date():
    cover = "Kallioniemen kunta\nEsityslista\nKunnanhallitus\nLähetetty 5.11.2025\n"
    meeting = meeting_of(cover + "\n" + ITEM.format(number=5, decision=""))
    assert meeting.date is None


@pytest.mark.parametrize("signature, when", [
    ("Kallioniemessä 14.3.2024\n\nAnna Aaltonen\npuheenjohtaja\n\nPekka Peltonen\nsihteeri", date(2024, 3, 14)),
    ("Strandvik 6.6.2023\nEva Ek, ordförande\nJan Berg, sekreterare", date(2023, 6, 6)),
])
def test_a_text_whose_only_date_is_in_its_signature_block(signature, when):
    text = ITEM.format(number=7, decision="Hyväksyttiin.") + "\n" + signature + "\n"
    assert meeting_of(text).date == when


def test_a_place_and_date_without_signers_is_not_a_meeting_date():
    text = ITEM.format(number=7, decision="Hyväksyttiin.") + "\nKallioniemessä 14.3.2024\n\nLiite 1\n"
    assert meeting_of(text).date is None


@pytest.mark.parametrize("citation", [
    "Kunnanhallitus 10.4.2024 § 105",
    "Tekninen lautakunta 2.2.2024, 14 §",
    "Kunnanhallitus, 31.03.2025, § 102",
])
def test_a_cited_decision_is_never_the_meeting_date(citation):
    text = f"{citation}\n\n" + ITEM.format(number=7, decision="Hyväksyttiin.")
    assert find_header_date([citation]) is None
    assert meeting_of(text).date is None


@pytest.mark.parametrize("header, when", [
    ("Pöytäkirja 12.09.2024/Pykälä 303", date(2024, 9, 12)),
    ("Esityslista 29.05.2025 Asianro 4", date(2025, 5, 29)),
    ("Protokoll 39 § 15.09.2022 Sida", date(2022, 9, 15)),
    ("Sivistyslautakunta 18.12.2024", date(2024, 12, 18)),
    ("Kunnanhallitus 02.05.2024 - Pöytäkirja", date(2024, 5, 2)),
    ("Toimielimet | Kunnanhallitus | Pöytäkirja 08.05.2024 | Haku", date(2024, 5, 8)),
    ("27.3.2024 15:00", date(2024, 3, 27)),
])
def test_header_forms_carry_the_meeting_date(header, when):
    assert find_header_date([header]) == when


def test_running_header_carries_the_date_body_and_organisation():
    lines = tuple(Line(t, page=1) for t in ITEM.format(number=303, decision="Hyväksyttiin.").splitlines() if t)
    furniture = (Line("Kallioniemen kunta  Pöytäkirja  3/2024  2 (9)", page=2),
                 Line("Ympäristölautakunta 18.04.2024", page=2))
    document = Document("x.pdf", "0" * 64, "pdf", 9, lines, furniture)
    meeting = parse_meeting(document, []).meeting
    assert (meeting.organization, meeting.body, meeting.date) == \
        ("Kallioniemen kunta", "Ympäristölautakunta", date(2024, 4, 18))


def test_item_page_heading_gives_body_and_date_not_an_earlier_handling():
    page = ("Kunnanhallitus\nPöytäkirja 12.09.2024/Pykälä 303\n\nTekninen lautakunta 28.08.2024 § 87\n\n"
            + ITEM.format(number=303, decision="Hyväksyttiin."))
    meeting = meeting_of(page)
    assert (meeting.body, meeting.date) == ("Kunnanhallitus", date(2024, 9, 12))


HTML_META_ONLY = """<html><head>
<meta name="organization" content="Kallioniemen kunta">
<meta name="body" content="Sivistyslautakunta">
<meta name="meeting-date" content="{when}">
<title>Koulukuljetusten hankinta</title></head>
<body><h2>§ 14 Koulukuljetusten hankinta</h2><h3>Ehdotus</h3><p>Hankinta tehdään kolmeksi vuodeksi.</p>
<h3>Päätös</h3><p>Hyväksyttiin.</p></body></html>"""


@pytest.mark.parametrize("when, expected", [("4.6.2024", date(2024, 6, 4)), ("04.06.2024", date(2024, 6, 4))])
def test_html_with_only_meta_tags(when, expected):
    meeting = meeting_of(HTML_META_ONLY.format(when=when), "sivu.html")
    assert (meeting.organization, meeting.body, meeting.date) == ("Kallioniemen kunta", "Sivistyslautakunta", expected)


def test_html_title_part_names_the_organisation():
    page = HTML_META_ONLY.replace("<title>Koulukuljetusten hankinta</title>", "<title>Kokousasiakirjat - Kallioniemen kunta</title>")
    page = page.replace('<meta name="organization" content="Kallioniemen kunta">', "")
    assert meeting_of(page.format(when="4.6.2024"), "sivu.html").organization == "Kallioniemen kunta"


@pytest.mark.parametrize("text, body", [
    ("Kunnanhallitus päätti hyväksyä sopimuksen.", "Kunnanhallitus"),
    ("Sivistys- ja vapaa-aikalautakunta antoi lausunnon.", "Sivistys- ja vapaa-aikalautakunta"),
    ("Teknisen lautakunnan lupajaosto päätti, että lupa myönnetään.", "Teknisen lautakunnan lupajaosto"),
    ("Stadsstyrelsen beslöt att godkänna avtalet.", "Stadsstyrelsen"),
    ("Bildningsnämnden godkände planen.", "Bildningsnämnden"),
    ("Ehdotus hyväksyttiin.", None),
    ("Kunnanhallitus on aiemmin päättänyt asiasta.", None),
    ("Lisäksi kunnanhallitus päätti asiasta.", None),
])
def test_decision_subject(text, body):
    assert find_decision_subject(text) == body


@pytest.mark.parametrize("template, decision, body", [
    (ITEM, "Ympäristölautakunta päätti hyväksyä ehdotuksen.", "Ympäristölautakunta"),
    (ITEM_SV, "Välfärdsnämnden beslöt att godkänna planen.", "Välfärdsnämnden"),
])
def test_body_from_the_decision_sentence_as_a_last_resort(template, decision, body):
    assert meeting_of(template.format(number=9, decision=decision)).body == body


def test_a_printed_body_wins_over_the_decision_sentence():
    text = "Toimielin Kunnanhallitus\n\n" + ITEM.format(number=9, decision="Ympäristölautakunta päätti hyväksyä.")
    assert meeting_of(text).body == "Kunnanhallitus"


def test_meeting_patterns_must_hold_their_groups():
    with pytest.raises(LexiconError, match=r"header_date: needs the groups \['date', 'kind'\]"):
        _meeting_pattern({"header_date": r"(?P<kind>\w+) \d+"}, "header_date", {"kind", "date"})


@pytest.mark.parametrize("notice, organization", [
    ("Pöytäkirja on nähtävänä Kallioniemen kunnan verkkosivuilla 20.3.2024.", "Kallioniemen kunta"),
    ("Pöytäkirja on yleisesti nähtävillä Koskelan kaupungin kirjaamossa.", "Koskelan kaupunki"),
    ("Protokollet hålls framlagt på Strandviks stads webbplats 20.3.2024.", "Strandviks stad"),
    ("Justerat och framlagt: Strandviks stad, 8.6.2023", "Strandviks stad"),
    ("Kallioniemen kunnan verkkosivuilla on lisätietoa.", None),
])
def test_organisation_from_a_publication_notice(notice, organization):
    text = ITEM.format(number=3, decision="Hyväksyttiin.") + "\n" + notice + "\n"
    assert meeting_of(text).organization == organization


def test_genitives_must_name_organisation_words():
    from minutes.language.lexicon import _genitives

    with pytest.raises(LexiconError, match=r"\['kaupunkinen'\] are not suffixes"):
        _genitives({"suffix": ["kaupunki"], "genitive": {"kaupungin": "kaupunkinen"}})


def test_meeting_word_lists_are_consistent():
    from minutes.language.lexicon import load_lexicon

    lex = load_lexicon()
    assert not lex.drafted_labels & lex.time_labels
    assert not lex.decision_verbs & lex.conjunctions
    assert lex.signature_window >= 1 and lex.decision_subject_words >= 1


@pytest.mark.parametrize("text,expected", [
    ("Arbetshälsoenkät, Nykarleby stad\nSatsar Nykarleby stad på personalen?\nEn fråga till Vörå kommun.\n",
     "Nykarleby stad"),
    ("Kallion kaupungin talousarvio\nKallion kaupungin henkilöstö kasvaa.\n", "Kallion kaupunki"),
    ("Tulevaisuuden kunta -hanke jatkuu.\nTulevaisuuden kunta on tavoite.\nTulevaisuuden kunta.\n", None),
    ("Yhteistyö Vörå kommun kanssa.\n", None),                             # named once
    ("Vörå kommun ja Nykarleby stad.\nVörå kommun ja Nykarleby stad.\n", None),   # a tie
])
def test_the_organisation_named_most_in_the_text_is_a_last_resort(text, expected):
    from minutes.parse.document import Line
    from minutes.parse.meeting import find_mentioned_organization

    assert find_mentioned_organization([Line(t) for t in text.splitlines()]) == expected
