"""Attachment pages bound into the minutes after the items go to the item they name as
``appendix`` sections, never into its decision or background."""

from __future__ import annotations

import pytest
from markup import parse

from minutes.parse.appendix import match_header

FI = {"body": "Kaupunginhallitus", "label": "Liite", "proposal": "Ehdotus", "decision": "Päätös",
      "done": "Ehdotus hyväksyttiin.", "page_text": "Sopimuksen ehdot ovat tämän liitteen mukaiset."}
SV = {"body": "Personalsektionen", "label": "Bilaga", "proposal": "Förslag", "decision": "Beslut",
      "done": "Förslaget godkändes.", "page_text": "Avtalets villkor framgår av denna bilaga."}


def _minutes(lang: dict, numbers: tuple[int, ...], attachments: list[tuple[str, int]], in_header: bool) -> str:
    lines = ["@header Koivulan kaupunki | Pöytäkirja | 5/2025 | {page}",
             f"@header {lang['body']} | | 12.05.2025 |"]
    titles = iter(["Koulukuljetusten järjestäminen", "Vuokrasopimus", "Katujen kunnossapito", "Muut asiat"])
    for number in numbers:
        lines += ["!page", f"# § {number} {next(titles)}",
                  f"  Asiaa {number} on valmisteltu, ja siitä on kuultu asianosaisia.",
                  f"> {lang['proposal']} | Hyväksytään asia {number}.", f"> {lang['decision']} | {lang['done']}"]
    for label, number in attachments:
        head = f"{lang['label']} {label}, {lang['body']} 12.5.2025 § {number}".replace(" ,", ",")
        for part in (1, 2, 3):
            lines.append("!page")
            if in_header:
                lines.append(f"!header {head}")
            else:
                lines.append(f"# {head}")
            lines += [f"  {lang['page_text']}" if part == 1 else "  Hinta on 1 200 euroa kuukaudessa.",
                      ["  Ensimmäinen sivu.", "  Vuokra-aika alkaa kesäkuussa.", "  Allekirjoitukset"][part - 1]]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", [FI, SV], ids=["fi", "sv"])
@pytest.mark.parametrize("in_header", [False, True], ids=["on-page", "running-header"])
@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb"])
def test_attachment_pages_become_appendix_sections_of_their_item(lang, in_header, fmt):
    record = parse(_minutes(lang, (170, 171, 172), [("3", 171), ("", 172)], in_header), fmt)
    assert [i.number for i in record.items] == [170, 171, 172]
    for item in record.items:
        assert item.sections[-2].kind in ("proposal", "decision")
        decision = next(s for s in item.sections if s.kind == "decision")
        assert decision.text == lang["done"]        # nothing of the attachment joins the decision
    appendices = {i.number: [s for s in i.sections if s.kind == "appendix"] for i in record.items}
    assert appendices[170] == []
    assert [s.heading for s in appendices[171]] == [f"{lang['label']} 3, {lang['body']} 12.5.2025 § 171"]
    assert appendices[171][0].text.startswith(lang["page_text"])
    assert appendices[171][0].text.endswith("Allekirjoitukset")
    assert appendices[171][0].page == 5
    assert [s.heading for s in appendices[172]] == [f"{lang['label']}, {lang['body']} 12.5.2025 § 172"]


def test_attachment_of_an_earlier_handling_goes_to_the_item_that_lists_it():
    markup = "\n".join([
        "@header Koivulan kaupunki | Pöytäkirja | 5/2025 | {page}", "# § 40 Koulukuljetukset",
        "  Sivistyslautakunta 2.4.2025 § 12", "> Ehdotus | Hyväksytään.", "> Päätös | Hyväksyttiin.",
        "  Kaupunginhallitus 12.5.2025 § 40", "> Ehdotus | Hyväksytään.", "> Päätös | Hyväksyttiin.",
        "# § 41 Muut asiat", "> Päätös | Ei muita asioita.",
        "!page", "# Liite 1, Sivistyslautakunta 2.4.2025 § 12", "  Kuljetusreitit kartalla.",
        "!page", "# Liite 2, Tekninen lautakunta 3.3.2025 § 99", "  Toisen asian liite."])
    record = parse(markup, "pdf-casem")
    first, last = record.items
    assert [s.heading for s in first.sections if s.kind == "appendix"] == ["Liite 1, Sivistyslautakunta 2.4.2025 § 12"]
    assert [s.heading for s in last.sections if s.kind == "appendix"] == ["Liite 2, Tekninen lautakunta 3.3.2025 § 99"]
    assert any("name no item" in w.message and w.page == 3 for w in record.warnings)


@pytest.mark.parametrize("text,number", [
    ("Liite 3, Kaupunginhallitus 12.5.2025 § 171", 171),
    ("Bilaga Personalsektionen, 28.03.2023 § 19", 19),
    ("Bilaga 2 Stadsstyrelsen 26.9.2022, 191 §", 191),
    ("Liitteet Tekninen lautakunta 15.4.2025 § 44", 44),
    ("Liite 1 Kaupunkisuunnittelu- ja ympäristölautakunta 21.3.2017 § 84", 84),
    ("Liite 3 on esitetty kokouksessa 12.5.2025 § 171 mukaisesti", None),    # running text
    ("Liitteet", None),
    ("Kaupunginhallitus 12.5.2025 § 171", None),
])
def test_attachment_headers(text, number):
    m = match_header(text)
    assert (int(m.group("number")) if m else None) == number
