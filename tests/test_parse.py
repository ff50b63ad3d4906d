"""Segmentation and sections on the samples: the behaviour the golden files pin, stated as rules."""

from datetime import date
from pathlib import Path

import pytest

from minutes import parse_bytes, parse_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def casem():
    return parse_document(SAMPLES / "jarvela-tekltk-2025-05-14.pdf")


@pytest.fixture(scope="module")
def swedish():
    return parse_document(SAMPLES / "strandvik-bildn-2024-06-12.pdf")


def kinds(item):
    return [s.kind for s in item.sections]


def test_meeting_metadata(casem):
    m = casem.meeting
    assert (m.organization, m.body, m.number) == ("Järvelän kunta", "Tekninen lautakunta", "4/2025")
    assert (m.date.isoformat(), m.start, m.end) == ("2025-05-14", "17:00", "18:52")
    assert m.place == "Kunnantalo, valtuustosali, Keskustie 4"
    assert casem.document_type == "minutes" and casem.language == "fi"


def test_participants(casem):
    people = {p.name: p for p in casem.meeting.participants}
    assert people["Pertti Hakala"].role == "puheenjohtaja"
    assert people["Olli Rantanen"].arrived == "17:12"
    assert people["Arto Nieminen"].left == "18:05" and people["Arto Nieminen"].status == "other"
    assert people["Kari Aalto"].status == "absent"
    assert people["Timo Koskinen"].role == "esittelijä"


def test_table_of_contents_is_not_items(casem):
    assert [i.number for i in casem.items] == [41, 42, 43, 44, 45]
    assert [i.page for i in casem.items] == [3, 4, 5, 6, 7]


def test_wrapped_title_and_case_id(casem):
    item = casem.items[2]
    assert item.title == "Katuvalaistuksen saneeraus 2025 / Urakkatarjousten hyväksyminen ja urakoitsijan valinta"
    assert item.case_id == "JÄRDno-2025-118"
    assert item.preparers == ("Mikko Harju, kunnallisteknikko, mikko.harju@jarvela.fi",)


def test_unheaded_background_and_presenter_line_removed(casem):
    item = casem.items[2]
    assert kinds(item) == ["background", "attachments", "proposal", "decision", "disqualification"]
    assert item.sections[0].heading is None
    assert item.presenter == "Timo Koskinen, tekninen johtaja"
    assert all("Esittelijä" not in s.text for s in item.sections)
    assert "Talousarviomääräraha riittää" in item.sections[0].text   # hyphenation joined


def test_multi_stage_item(casem):
    item = casem.items[3]
    assert [(h.body, h.date.isoformat(), h.number) for h in item.history] == [
        ("Tekninen lautakunta", "2025-02-18", 12), ("Kunnanhallitus", "2025-03-10", 57)]
    assert [s.kind for s in item.history[1].sections] == ["proposal", "decision"]
    own = {s.kind: s.text for s in item.sections}
    assert own["proposal"].startswith("Tekninen lautakunta hyväksyy Myllytien")
    assert "Kunnanhallitus päättää" not in own["proposal"]


def test_meeting_appeal_instructions_do_not_leak_into_last_item(casem):
    last = casem.items[-1]
    assert kinds(last) == ["background", "proposal", "decision"]
    assert all("oikaisuvaatimus" not in s.text.casefold() for s in last.sections)


def test_item_ids(casem):
    assert casem.items[0].id == "jarvelan-kunta/tekninen-lautakunta/2025-05-14/41"


def test_swedish_numbers_after_items(swedish):
    assert swedish.language == "sv"
    assert [(i.number, i.title) for i in swedish.items] == [
        (50, "Sammanträdets laglighet och beslutförhet"),
        (51, "Skolskjutsar läsåret 2024–2025"),
        (52, "Budgetuppföljning januari–maj 2024"),
    ]
    item = swedish.items[1]
    assert item.case_id == "STRV/123/12.01.00/2024"
    assert item.preparers == ("bildningsdirektör Anna Holm",)
    assert kinds(item) == ["background", "proposal", "decision"]
    assert swedish.items[2].history[0].body == "Stadsstyrelsen"


def test_swedish_checkbox_participants(swedish):
    people = {p.name: p.status for p in swedish.meeting.participants}
    assert people["Lindholm Eva"] == "present"
    assert people["Ek Tomas"] == "absent"


def test_tweb_margin_captions():
    record = parse_document(SAMPLES / "kuusisto-kh-2025-03-24.pdf")
    item = record.items[0]
    assert item.case_id == "KUUS/212/02.08.00/2025"
    assert item.preparers[0].startswith("liikuntapäällikkö Sari Honkanen")
    assert item.presenter == "Kaupunginjohtaja Heikki Lampinen"
    assert kinds(item) == ["background", "background", "proposal", "decision", "attachments"]
    assert [(h.body, h.number) for h in item.history] == [("Liikuntalautakunta", 14)]


def test_agenda_has_no_decisions():
    record = parse_document(SAMPLES / "rantala-sivltk-2025-09-10-esityslista.docx")
    assert record.document_type == "agenda"
    assert all("decision" not in kinds(i) for i in record.items)
    assert all("proposal" in kinds(i) for i in record.items)


def test_html_item_with_vote_and_history():
    record = parse_document(SAMPLES / "lahdenpera-kv-2025-06-16-235.html")
    item = record.items[0]
    assert kinds(item) == ["decision", "discussion", "vote", "attachments", "appeal"]
    assert item.history[0].number == 212


def test_single_item_text_with_glued_margin_headings():
    record = parse_document(SAMPLES / "kallio-hyvltk-2024-item.txt")
    assert len(record.items) == 1
    item = record.items[0]
    assert kinds(item) == ["background", "proposal", "decision"]
    assert item.sections[1].text.startswith("Hyvinvointilautakunta merkitsee väliraportin")
    assert "Maankäyttö- ja rakennuslain" in item.sections[0].text
    assert "Step-koulutuksen" in item.sections[0].text


def test_esitys_is_a_decision_in_minutes_and_a_proposal_in_an_agenda():
    text = "§ 7 Lausunto kaavasta\nSelostus\nKaupunki antaa lausunnon.\nLausunto\nKaupunki puoltaa kaavaa.\n"
    minutes = parse_bytes(("Pöytäkirja 2/2025\n" + text).encode(), "p.txt")
    agenda = parse_bytes(("Esityslista 2/2025\n" + text).encode(), "e.txt")
    assert kinds(minutes.items[0]) == ["background", "decision"]
    assert kinds(agenda.items[0]) == ["background", "proposal"]


def test_gap_in_numbers_is_a_warning():
    text = "§ 1 Ensimmäinen\nPäätös\nHyväksyttiin.\n§ 4 Neljäs\nPäätös\nHyväksyttiin.\n"
    record = parse_bytes(text.encode(), "gap.txt")
    assert any("§ 2–3 missing" in w.message for w in record.warnings)


def _doc(lines, fmt="pdf"):
    from minutes.parse.document import Document, Line

    built = tuple(Line(**line) if isinstance(line, dict) else Line(line) for line in lines)
    return Document(path="built.pdf", sha256="0" * 64, format=fmt, pages=None, lines=built)


def test_rule_closes_an_earlier_handling():
    text = ("Protokoll 2/2024\n12 § Motion om en ramp\nTidigare behandling:\nStadsstyrelsen 3.3.2024, 40 §\n"
            "Stadsstyrelsen 3.3.2024, 40 §\nFörslag:\nÄrendet överförs till nämnden.\nBeslut:\nEnligt förslag.\n"
            "______\nBeredning: planerare Eva Lund\nNämnden har utrett rampen.\nFörslag:\nNämnden förordar rampen.\n"
            "Beslut:\nEnligt förslag.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert [(h.body, h.number) for h in item.history] == [("Stadsstyrelsen", 40)]
    assert [s.kind for s in item.history[0].sections] == ["proposal", "decision"]
    assert kinds(item) == ["background", "proposal", "decision"]
    assert item.preparers == ("planerare Eva Lund",)
    assert item.sections[1].text == "Nämnden förordar rampen."


def test_preparer_on_the_line_after_beredning():
    text = "12 § Rampen\nBeredning:\nplanerare Eva Lund\nNämnden har utrett rampen.\nBeslut:\nEnligt förslag.\n"
    item = parse_bytes(("Protokoll 1/2024\n" + text).encode(), "p.txt").items[0]
    assert item.preparers == ("planerare Eva Lund",)
    assert item.sections[0].text == "Nämnden har utrett rampen."


def test_presenter_title_and_name_on_separate_lines():
    page = ("<html><body><div>§ 12</div><h1>Rampin rakentaminen</h1><h3>Päätösehdotus</h3>"
            "<p>Lautakunta hyväksyy rampin.</p><h3>Esittelijä</h3><div>yksikön päällikkö</div>"
            "<div>Pentti Esimerkki</div><h3>Lisätiedot</h3><p>Liisa Malli, puhelin 09 123</p></body></html>")
    item = parse_bytes(page.encode(), "p.html").items[0]
    assert item.presenter == "yksikön päällikkö, Pentti Esimerkki"
    assert item.sections[0].text == "Lautakunta hyväksyy rampin."


def test_attachment_list_ends_where_unheaded_text_begins():
    text = ("Pöytäkirja 1/2025\n§ 5 Avustukset\nLiitteet\n1 Hakemukset 2025.pdf\n2 Avustussääntö\n"
            "Avustuksia haki kuusi yhdistystä.\nEhdotus\nMyönnetään avustukset.\nPäätös\nHyväksyttiin.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert kinds(item) == ["attachments", "background", "proposal", "decision"]
    assert item.sections[0].text == "1 Hakemukset 2025.pdf\n2 Avustussääntö"


def test_plain_subheading_inside_a_laid_out_proposal_stays_text():
    from minutes import build_record

    line = lambda text, **kw: {"text": text, "page": 1, "x0": 122.0, "top": 100.0, **kw}  # noqa: E731
    record = build_record(_doc([
        line("Pöytäkirja 1/2025"), line("", caption="§ 5", x0=57.0, bold=True),
        line("Avustukset", x0=57.0, bold=True), line("", caption="Ehdotus", x0=57.0, bold=True),
        line("Lautakunta myöntää avustukset."), line("Perustelut:"), line("Määräraha riittää."),
        line("", caption="Päätös", x0=57.0, bold=True), line("Hyväksyttiin."),
    ]))
    item = record.items[0]
    assert kinds(item) == ["proposal", "decision"]
    assert item.sections[0].text == "Lautakunta myöntää avustukset.\nPerustelut:\nMääräraha riittää."


def test_contents_list_and_stray_labels_are_not_items():
    text = ("Pöytäkirja 3/2025\nKäsitellyt asiat\n§ 10 Ensimmäinen\n§ 11 Toinen\nSaapuvilla olleet jäsenet\n"
            "Anna Aho, puheenjohtaja\n§ 10 Ensimmäinen\nTausta.\nPäätös\nHyväksyttiin.\n§ 11 Toinen\nTausta.\n"
            "Päätös\nHyväksyttiin.\nMuutoksenhakukielto koskee pykäliä §10,\n§11\n")
    record = parse_bytes(text.encode(), "p.txt")
    assert [i.number for i in record.items] == [10, 11]
    assert record.meeting.participants[0].name == "Anna Aho"


@pytest.mark.parametrize("kind", ["Hallintovalitus", "Kunnallisvalitus", "Kommunalbesvär"])
def test_appeal_page_headed_by_its_kind_ends_the_last_item(kind):
    text = ("Pöytäkirja 2/2025\n§ 37 Katuvalot\nPäätös\nHyväksyttiin.\n§ 38 Muut asiat\n"
            "Keskusteltiin koulun aikataulusta.\n\f"
            "Hallintovalitusta koskeva kirje saapui lautakunnalle.\nMerkittiin tiedoksi.\n\f"
            f"{kind}\n§ 37\n{kind}\nTähän päätökseen voi hakea muutosta kirjallisesti.\n")
    last = parse_bytes(text.encode(), "p.txt").items[-1]
    assert last.number == 38
    # a page of the item that begins with the word in running text stays the item's
    assert last.sections[0].text == ("Keskusteltiin koulun aikataulusta.\n"
                                     "Hallintovalitusta koskeva kirje saapui lautakunnalle.\nMerkittiin tiedoksi.")


def test_numbered_text_after_an_attachment_list_is_background():
    text = ("Pöytäkirja 1/2025\n§ 5 Tilintarkastaja\nLiitteet\n1 Esitys tilintarkastajan vaihdoksesta.pdf\n"
            "2 Sopimus\n1. Tilintarkastajaksi on valittu yhteisö tilikaudelle 2025.\n"
            "Ehdotus\nMerkitään tiedoksi.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert kinds(item) == ["attachments", "background", "proposal"]
    assert item.sections[0].text == "1 Esitys tilintarkastajan vaihdoksesta.pdf\n2 Sopimus"


def test_attachment_numbers_restart_under_a_group_heading():
    text = ("Pöytäkirja 1/2025\n§ 5 Avustukset\nLiitteet\n1 Hakemukset\n2 Avustussääntö\n"
            "Ksylk § 84\n1 Lausunto\n2 Kartta\nEhdotus\nMyönnetään avustukset.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert kinds(item) == ["attachments", "proposal"]
    assert item.sections[0].text.endswith("Ksylk § 84\n1 Lausunto\n2 Kartta")


def test_current_handling_named_with_lost_glyphs_is_the_items_own():
    """A broken text layer prints "Personalsektonen" for the meeting's "Personalsektionen"."""
    text = ("Protokoll 2/2023\nPersonalsektionen\nSammanträdestid 28.03.2023 kl. 16.00\n"
            "17 § Uppvaktningar och gåvor\nTidigare behandling:\nPersonalsektonen 20.2.2023, 6 §\n"
            "Personalsektonen 20.2.2023, 6 §\nFörslag:\nPersonalsektionen fastställer beloppen.\n"
            "Beslut:\nFörslaget godkändes.\n_____\nPersonalsektonen 22.3.2023, 17 §\n"
            "Nivåerna för uppvaktningarna är fastställda.\nFörslag:\nÄrendet antecknas för kännedom.\n"
            "Beslut:\nÄrendet antecknades för kännedom.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert [(h.body, h.number) for h in item.history] == [("Personalsektonen", 6)]
    assert kinds(item) == ["background", "proposal", "decision"]
    assert item.sections[-1].text == "Ärendet antecknades för kännedom."


def test_last_unlisted_handling_by_the_body_is_current_despite_a_misprinted_header():
    text = ("Protokoll 2/2023\nPersonalsektionen\nSammanträdestid 28.03.2023 kl. 16.00\n"
            "24 § Individuellt tillägg\nTidigare behandling:\nPersonalsektionen 22.10.2022, 55 §\n"
            "Personalsektionen 22.10.2022, 55 §\nFörslag:\nÄrendet bereds.\nBeslut:\nEnligt förslag.\n_____\n"
            "Personalsektionen 22.3.2023, 22 §\nBildningsdirektören anhåller om tillägg.\nFörslag:\n"
            "Anhållan godkänns.\nBeslut:\nFörslaget godkändes.\n")
    item = parse_bytes(text.encode(), "p.txt").items[0]
    assert [(h.body, h.number) for h in item.history] == [("Personalsektionen", 55)]
    assert [s.text for s in item.sections] == ["Bildningsdirektören anhåller om tillägg.", "Anhållan godkänns.",
                                               "Förslaget godkändes."]


def test_an_item_header_a_reader_gives_starts_an_item_whatever_its_text():
    from minutes.parse.document import ItemHeader, Line
    from minutes.parse.segment import split_items

    lines = [Line("Kaupunginhallitus 3/2025"), Line("Talousarvio", item=ItemHeader(12, "Talousarvio")),
             Line("Päätös"), Line("Hyväksyttiin."), Line("Kaava", item=ItemHeader(13, "Kaava")),
             Line("Päätös"), Line("Hyväksyttiin.")]
    blocks = split_items(lines).blocks
    assert [(b.number, b.inline_title) for b in blocks] == [(12, "Talousarvio"), (13, "Kaava")]


# -- item headers that name the body before the number ------------------------------------------

BODY_FIRST_COVER = {"fi": "# Korpilahden kunta\n# Kunnanhallitus\n# Pöytäkirja 4/2025\n> Aika | 12.3.2025 klo 17.00\n",
                    "sv": "# Marieholms kommun\n# Kommunstyrelsen\n# Protokoll 4/2025\n> Tid | 12.3.2025 kl. 17.00\n"}
BODY_FIRST_ITEMS = {
    "fi": [("Kokouksen laillisuus ja päätösvaltaisuus", "  Kokouskutsu lähetettiin ajoissa.", "# Päätös",
            "  Kokous todettiin laillisesti koolle kutsutuksi."),
           ("Koulukadun tontin myynti", "  Tontista on saatu kaksi tarjousta.", "# Päätös", "  Tontti myydään.")],
    "sv": [("Mötets laglighet och beslutförhet", "  Kallelsen sändes i tid.", "# Beslut",
            "  Mötet konstaterades lagligt sammankallat."),
           ("Försäljning av tomt vid Skolgatan", "  Två anbud har kommit in.", "# Beslut", "  Tomten säljs.")],
}


@pytest.mark.parametrize("fmt", ["text", "pdf-casem", "docx"])
@pytest.mark.parametrize("language, header", [
    ("fi", ["# Khall § {n}", "# {t}"]),
    ("fi", ["# KH {n} §", "# {t}"]),
    ("fi", ["# Kunnanhallitus § {n} {t}"]),
    ("fi", ["# Kunnanhallitus {n} § 12.3.2025", "# {t}"]),
    ("fi", ["# § {n}. {t}"]),
    ("sv", ["# KST § {n}", "# {t}"]),
    ("sv", ["# Kommunstyrelsen {n} §", "# {t}"]),
    # an abbreviation no table knows, the same on every header
    ("fi", ["# Ks § {n} {t}"]),
    ("sv", ["# Styr § {n}", "# {t}"]),
])
def test_item_headers_that_name_the_body_first(fmt, language, header):
    """A document whose items are headed "Khall § 45" (the body, then the number) has those items;
    an earlier handling of the same body, dated, stays the item's history."""
    from markup import parse

    lines = [BODY_FIRST_COVER[language]]
    earlier = {"fi": ["  Khall 10.2.2025 § 12", "# Päätös", "  Asia jätettiin pöydälle."],
               "sv": ["  KST 10.2.2025 § 12", "# Beslut", "  Ärendet bordlades."]}[language]
    for n, (title, *body) in zip((45, 46), BODY_FIRST_ITEMS[language]):
        lines += [h.format(n=n, t=title) for h in header]
        if n == 46:    # an earlier handling of the matter by the same body, dated
            lines += earlier
        lines += body
    record = parse("\n".join(lines) + "\n", fmt)
    assert [(i.number, i.title) for i in record.items] == [(45, BODY_FIRST_ITEMS[language][0][0]),
                                                           (46, BODY_FIRST_ITEMS[language][1][0])]
    assert [(s.number, s.date) for s in record.items[1].history] == [(12, date(2025, 2, 10))]
    assert record.meeting.body == ("Kunnanhallitus" if language == "fi" else "Kommunstyrelsen")


def test_dated_handlings_of_one_body_are_never_item_headers():
    """Lines naming one body with different dates are the handlings of a matter, not its items."""
    text = ("Korpilahden kunta\nKunnanvaltuusto\nPöytäkirja 2/2025\nAika 24.3.2025 klo 18.00\n\n"
            "Tilinpäätös 2024\n"
            "Kunnanhallitus 10.2.2025 § 12\nTilinpäätös esitetään valtuustolle.\nPäätös\nHyväksyttiin.\n"
            "Kunnanhallitus 17.3.2025 § 31\nTarkastuskertomus on saatu.\nPäätös\nHyväksyttiin.\n")
    record = parse_bytes(text.encode("utf-8"), "valtuusto.txt")
    assert len(record.items) == 1
    assert [(s.body, s.number) for s in record.items[0].history][:1] == [("Kunnanhallitus", 12)]


def test_handlings_headed_with_the_body_first_under_their_table_are_no_items():
    """A one-item page lists the matter's handlings in a table and heads each with its body's
    abbreviation and number ("Ksylk § 84"): those are the handlings, not items."""
    text = ("| Kaupunkisuunnittelu- ja ympäristölautakunta | 84 § | 21.3.2017 |\n"
            "| Kaupunkisuunnittelu- ja ympäristölautakunta | 108 § | 28.3.2017 |\n"
            "| Kaupunginhallitus | 195 § | 2.5.2017 |\n\n"
            "Rantakylän osayleiskaavaluonnos\n\n"
            "Ksylk § 84\nKaavoitusyksikkö on laatinut luonnoksen.\nPäätös\nAsia pantiin pöydälle.\n\n"
            "Ksylk § 108\nPöydältä 21.3.2017 § 84.\nPäätös\nLuonnos hyväksyttiin.\n\n"
            "Kaupunginhallitus päättää hyväksyä luonnoksen.\n")
    record = parse_bytes(text.encode("utf-8"), "asia.txt")
    assert len(record.items) == 1
    assert record.items[0].title == "Rantakylän osayleiskaavaluonnos"
