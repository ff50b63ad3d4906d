"""A meeting as CaseM/CloudNC's OpenNC API gives it, written as files the way a harvester saves the
responses: the meeting's ``Contents`` and each content's ``ExtendedProperties``, fields in
entity-escaped HTML, earlier handlings as JSON in a string. The team's own texts, in Finnish or
Swedish. ``make_samples.py`` writes the sample export with it, and the tests of
``readers/opennc`` build their variants with it.

    python scripts/opennc_export.py OUT_FOLDER     # the Finnish sample meeting
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

METADATA = "http://koivula.cloudnc.fi/api/opennc/v1/$metadata"


@dataclass
class Handling:
    """An earlier handling (``HistoryTopics``); ``article`` 0 when the API does not know it."""

    party: str
    when: datetime
    article: int = 0
    description: str = ""
    proposal: str = ""
    decision: str = ""


@dataclass
class Entry:
    content_id: int
    article: int                  # 0: the API gives the item no §
    name: str
    case: str = ""
    description: str = ""
    proposal: str = ""
    decision: str = ""
    presenter: str = "Liisa Lahti;#kaupunginjohtaja;#;#liisa.lahti@koivula.fi;#"
    draftsman: str = ""
    attachments: list[str] = field(default_factory=list)
    history: list[Handling] = field(default_factory=list)


def _html(text: str) -> str:
    """Paragraphs as the API prints them: entities for every letter beyond ASCII."""
    return "".join(f"<p>{html.escape(p).encode('ascii', 'xmlcharrefreplace').decode()}</p>\n"
                   for p in text.split("\n") if p)


def _ms(when: datetime) -> str:
    return f"/Date({int(when.replace(tzinfo=timezone.utc).timestamp() * 1000)})/"


PROPERTY_IDS = {"Name": 1694, "Article": 1690, "CaseNativeId": 1707, "IsAdditionalTopic": 1712, "Description": 1692,
                "Decisionproposal": 1691, "Decision": 1689, "Inform": 1708, "Presenters": 1700, "Draftsmans": 1702,
                "Disqualification": 1710, "DissentingOpinion": 1711, "Attachments": 1703, "HistoryTopics": 1709,
                "Participant_councilman": 1701, "AgendaAttachment": 1720}


def _property(name: str, text: str) -> dict:
    return {"Id": PROPERTY_IDS[name], "Name": name, "Text": text, "Number": None, "Date": None}


def properties(entry: Entry) -> dict:
    values = [_property("Name", entry.name), _property("Article", str(entry.article) if entry.article else ""),
              _property("CaseNativeId", entry.case), _property("IsAdditionalTopic", "False"),
              _property("Description", _html(entry.description)),
              _property("Decisionproposal", _html(entry.proposal)), _property("Decision", _html(entry.decision)),
              _property("Inform", ""), _property("Presenters", entry.presenter),
              _property("Draftsmans", entry.draftsman), _property("Disqualification", ""),
              _property("DissentingOpinion", "")]
    values += [_property("Attachments", f"<a href='download.aspx?ID={k}' target='_blank'>{a}</a>")
               for k, a in enumerate(entry.attachments, 1)]
    if entry.history:
        values.append(_property("HistoryTopics", json.dumps([
            {"Description": _html(h.description), "DescisionProposal": _html(h.proposal),
             "Descision": _html(h.decision), "Party": h.party, "PartySv": "", "Article": h.article,
             "MeetingDate": _ms(h.when), "Draftsmen": [], "Presenters": [{"Name": "Pekka Puro", "Title": "tekninen johtaja"}],
             "Disqualification": "", "DissentingOpinion": "", "Meetingcontent": "", "Votings": []}
            for h in entry.history])))
    return {"odata.metadata": f"{METADATA}#ExtendedProperties", "value": values}


def write_meeting(folder: Path, entries: list[Entry], *, meeting_id: int = 9000, language: int = 1,
                  kind: str = "Esityslista", body: str = "Kaupunginhallitus", day: str = "12.03.2025",
                  name_of=lambda content_id: f"contents_{content_id}_extended_properties.json") -> Path:
    """Write the meeting's responses into ``folder``; returns the ``Contents`` file."""
    folder.mkdir(parents=True, exist_ok=True)
    node = {"NodeId": 70000 + meeting_id, "NodeName": f"Kokous {day}", "Type": 7}
    contents = [{"ContentId": meeting_id, "Subject": "", "LanguageId": language, "TemplateId": 71,
                 "Classifications": [node]}]
    contents += [{"ContentId": e.content_id, "Subject": e.name, "LanguageId": language, "TemplateId": 70,
                  "Classifications": [node]} for e in entries]
    own = {"odata.metadata": f"{METADATA}#ExtendedProperties", "value": [
        _property("Participant_councilman", "Anna Aho;#chairman;#;#;#;#!#Ville Virta;#1. vicechairman;#;#;#;#!#"
                                            "Sari Salo;#;#;#;#;#!#Olli Oja;#secretary;#;#;#;#"),
        _property("AgendaAttachment", f"<a href='download.aspx?ID=1'>{kind} - {body} - {day}, klo 16_00.pdf</a>")]}
    (folder / name_of(meeting_id)).write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    for e in entries:
        (folder / name_of(e.content_id)).write_text(json.dumps(properties(e), ensure_ascii=False), encoding="utf-8")
    path = folder / f"node_{70000 + meeting_id}_contents.json"
    path.write_text(json.dumps({"odata.metadata": f"{METADATA}#Contents", "value": contents}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def finnish_meeting() -> list[Entry]:
    """Three items, listed out of § order: a formality, a matter with two earlier handlings (one
    without its §), a grant with a typed rule inside its description."""
    return [
        Entry(9012, 14, "Uimahallin peruskorjauksen hankesuunnitelma", "KoiDno-2025-31",
              description="Koivulan kaupungin uimahalli on valmistunut 1985.\nPeruskorjaus on ajankohtainen.",
              proposal="Kaupunginhallitus esittää valtuustolle, että se hyväksyy hankesuunnitelman.",
              draftsman="Pekka Puro;#tekninen johtaja;#;#pekka.puro@koivula.fi;#",
              attachments=["Hankesuunnitelma.pdf", "Kustannusarvio.pdf"],
              history=[Handling("Tekninen lautakunta", datetime(2025, 1, 21, 15), 0,
                                "Lautakunta valmisteli hankesuunnitelman.", "Lautakunta esittää hyväksymistä.",
                                "Hyväksyttiin."),
                       Handling("Tekninen lautakunta", datetime(2025, 2, 18, 15), 22,
                                "Suunnitelmaa täydennettiin.", "Lautakunta esittää täydennettyä suunnitelmaa.",
                                "Hyväksyttiin.")]),
        Entry(9011, 12, "Kokouksen laillisuus ja päätösvaltaisuus",
              proposal="Todetaan kokous lailliseksi ja päätösvaltaiseksi."),
        Entry(9013, 15, "Avustus nuorisoyhdistykselle", "KoiDno-2025-40",
              description="Yhdistys hakee avustusta kesäleiriin.\n-----------------\nLeirille osallistuu 40 nuorta.",
              proposal="Kaupunginhallitus myöntää yhdistykselle 2 000 euron avustuksen Koivulan kaupungin "
                       "nuorisotyön määrärahasta."),
    ]


SAMPLE = "koivula-kh-2025-03-12-opennc"


def sample_meeting() -> list[Entry]:
    """The meeting of ``samples/``: a formality, a library's opening hours after two handlings by its
    board (one without its §), a forest plan with a typed rule inside its description."""
    decided = "Lautakunta päätti ehdotuksen mukaisesti."
    return [
        Entry(9173, 173, "Pääkirjaston lukusalin aukioloajat", "KoiDno-2025-77",
              description="Koivulan kaupungin pääkirjaston lukusali on ollut avoinna arkisin kello 17:ään.\n"
                          "Kirjastolautakunta on esittänyt aukioloa myös iltaisin.",
              proposal="Kaupunginhallitus päättää pidentää lukusalin aukioloa arkisin kello 20:een.",
              draftsman="Maija Mäki;#kirjastotoimenjohtaja;#;#maija.maki@koivula.fi;#",
              attachments=["Aukioloajat 2025.pdf"],
              history=[Handling("Kirjastolautakunta", datetime(2025, 2, 4, 15), 0,
                                "Lukusalin kävijämäärät ovat kasvaneet.", "Lautakunta esittää iltojen aukioloa.",
                                decided),
                       Handling("Kirjastolautakunta", datetime(2025, 3, 4, 15), 12,
                                "Iltojen henkilöstö järjestetään vuorotellen.",
                                "Lautakunta esittää aukioloa kello 20:een.", decided)]),
        Entry(9171, 171, "Kokouksen laillisuus ja päätösvaltaisuus",
              proposal="Todetaan kokous lailliseksi ja päätösvaltaiseksi."),
        Entry(9174, 174, "Metsäsuunnitelma vuosille 2026-2035", "KoiDno-2025-80",
              description="Koivulan kaupungin metsiä on 1 200 hehtaaria.\n-----------------\n"
                          "Suunnitelma ohjaa hakkuita ja hoitotöitä kymmenen vuoden ajan.",
              proposal="Kaupunginhallitus esittää valtuustolle metsäsuunnitelman vahvistamista.",
              attachments=["Metsäsuunnitelma.pdf"]),
    ]


def write_sample(out: Path) -> Path:
    """The sample export of ``samples/``, in a folder of its own."""
    return write_meeting(out / SAMPLE, sample_meeting())


def swedish_meeting() -> list[Entry]:
    return [
        Entry(9021, 31, "Bidrag till idrottsföreningen", "BjoDnr-2025-12",
              description="Föreningen ansöker om bidrag för en sommarkurs.",
              proposal="Stadsstyrelsen beviljar föreningen ett bidrag på 1 500 euro.",
              presenter="Lena Lund;#stadsdirektör;#;#;#"),
        Entry(9020, 30, "Mötets laglighet och beslutförhet", proposal="Mötet konstateras lagligt och beslutfört.",
              presenter="Lena Lund;#stadsdirektör;#;#;#"),
    ]


if __name__ == "__main__":
    import sys

    print(write_sample(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("samples")))
