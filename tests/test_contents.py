"""The contents list on a cover is never an item; items take their numbers from their own
headers; the items found are cross-checked against the list. Each rule is tried on generated
documents in several layouts and formats."""

from __future__ import annotations

import pytest
from markup import parse

from minutes.parse.contents import Contents, find_contents, match_entry, same_title
from minutes.parse.document import Line

ITEMS = {
    55: "Kokouksen laillisuus ja päätösvaltaisuus",
    56: "Pöytäkirjan tarkastus",
    57: "Katuvalaistuksen saneeraus Myllymäentiellä",
    58: "Lumitilanne ja aurausjärjestys",
}
SV_ITEMS = {
    39: "Sammanträdets laglighet och beslutförhet",
    40: "Val av protokolljusterare",
    41: "Gatubelysningen på Kvarnbacken",
    42: "Snöröjningen i centrum",
}


def _header(number: int, title: str, style: str) -> str:
    return {
        "alone": f"# § {number}\n# {title}",          # "§ 57" alone, the title on the next line
        "caption": f"> § {number} |\n# {title}",      # the number in the margin column
        "inline": f"# § {number} {title}",
        "sv": f"# {number} § {title}",
    }[style]


def _entry(number: int, title: str, style: str, page: int) -> str:
    return {
        "inline": f"  § {number} {title} {page}",
        "cells": f"> § {number} | {title}",
        "leaders": f"  {number} § {title} ....................... {page}",
        "two_lines": f"  § {number}\n  {title}",
    }[style]


def _document(items: dict[int, str], toc: str, header: str, added: tuple[int, ...] = (),
              listed: dict[int, str] | None = None, order: list[int] | None = None, sv: bool = False) -> str:
    listed = dict(items if listed is None else listed)
    lines = ["@header Koivulan kaupunki | Pöytäkirja | 4/2025 | {page} ({pages})" if not sv else
             "@header Strandviks stad | Protokoll | 4/2025 | {page} ({pages})",
             "@header Tekninen lautakunta | | 15.04.2025 |" if not sv else
             "@header Tekniska nämnden | | 15.04.2025 |",
             "> Aika | 15.04.2025 klo 17.00 - 18.40" if not sv else "> Sammanträdestid | 15.04.2025 kl. 17.00",
             "# Käsitellyt asiat" if not sv else "# Ärenden Sida"]
    for k, (number, title) in enumerate(sorted(listed.items())):
        if number in added and number == min(added):
            lines.append("# Lisäpykälät" if not sv else "# Tilläggsärenden")
        lines.append(_entry(number, title, toc, k + 3))
    lines += ["!page", "# Saapuvilla olleet jäsenet" if not sv else "# Beslutande",
              "  Matti Meikäläinen, puheenjohtaja", "  Maija Malli, jäsen"]
    proposal, decision, done = ("Ehdotus", "Päätös", "Ehdotus hyväksyttiin.") if not sv else \
        ("Förslag", "Beslut", "Förslaget godkändes.")
    for number in order or sorted(items):
        lines += ["!page", _header(number, items[number], header),
                  f"  Asiaa {number} on valmisteltu huolella ja siitä on kuultu asukkaita." if not sv else
                  f"  Ärende {number} har beretts omsorgsfullt och invånarna har hörts.",
                  f"> {proposal} | Hyväksytään asia {number}." if not sv else f"> {proposal} | Ärende {number} godkänns.",
                  f"> {decision} | {done}"]
    return "\n".join(lines) + "\n"


def _contents_warnings(record) -> list[str]:
    return [w.message for w in record.warnings if "contents list" in w.message]


LAYOUTS = [(fmt, toc, header) for fmt in ("pdf-casem", "pdf-tweb", "text")
           for toc, header in [("cells", "alone"), ("inline", "alone"), ("two_lines", "caption"),
                               ("inline", "inline"), ("leaders", "alone")]] + \
    [(fmt, "cells", header) for fmt in ("docx", "html") for header in ("alone", "caption", "inline")]
# (DOCX and HTML print the list as a table: the renderer joins plain lines into one paragraph)


@pytest.mark.parametrize("fmt,toc,header", LAYOUTS)
def test_contents_list_is_never_an_item_and_headers_give_the_numbers(fmt, toc, header):
    record = parse(_document(ITEMS, toc, header, added=(58,)), fmt)
    assert [(i.number, i.title) for i in record.items] == list(ITEMS.items())
    assert all(i.sections and i.sections[-1].kind == "decision" for i in record.items)
    assert _contents_warnings(record) == []


@pytest.mark.parametrize("fmt", ["pdf-sv", "text"])
def test_swedish_contents_with_leaders_and_listed_attachments(fmt):
    markup = _document(SV_ITEMS, "leaders", "sv", sv=True)
    markup = markup.replace("Gatubelysningen på Kvarnbacken ....................... 5",
                            "Gatubelysningen på Kvarnbacken ....................... 5\n"
                            "  - Bil. Karta över belysningen ............... 6")
    record = parse(markup, fmt)
    assert [(i.number, i.title) for i in record.items] == list(SV_ITEMS.items())
    assert _contents_warnings(record) == []


@pytest.mark.parametrize("fmt", ["pdf-casem", "text"])
def test_an_added_item_handled_out_of_order_keeps_its_own_header(fmt):
    record = parse(_document(ITEMS, "cells", "alone", added=(58,), order=[55, 58, 56, 57]), fmt)
    assert [(i.number, i.title) for i in record.items] == [(n, ITEMS[n]) for n in (55, 58, 56, 57)]
    assert _contents_warnings(record) == []
    assert any("numbers out of order" in w.message for w in record.warnings)


@pytest.mark.parametrize("fmt", ["pdf-casem", "text"])
def test_disagreements_with_the_contents_list_are_warned(fmt):
    listed = {55: ITEMS[55], 56: "Pöytäkirjantarkastajien valinta ja nähtävilläolo", 57: ITEMS[57],
              59: "Kokouspalkkiot"}
    record = parse(_document(ITEMS, "cells", "alone", listed=listed), fmt)
    assert [i.number for i in record.items] == [55, 56, 57, 58]
    warnings = _contents_warnings(record)
    assert len(warnings) == 3
    assert "§ 59" in warnings[0] and "not found" in warnings[0]
    assert "§ 58" in warnings[1] and "not in the contents list" in warnings[1]
    assert "§ 56" in warnings[2] and "differs" in warnings[2]


@pytest.mark.parametrize("text,expected", [
    ("§ 57 Katuvalot 5", (57, "Katuvalot")),
    ("§ 57", (57, "")),
    ("57 § Gatubelysning ............ 12", (57, "Gatubelysning")),
    ("§ 26 1047 ja 1048 / risteysalue /", (26, "1047 ja 1048 / risteysalue /")),   # a title's middle line
    ("§ 1203 Talousarvio 2026", (1203, "Talousarvio 2026")),
    ("Kokouksen laillisuus", None),
    ("57 §:n mukaan", None),
])
def test_contents_entries(text, expected):
    assert match_entry(text) == expected


@pytest.mark.parametrize("listed,printed,same", [
    ("Katuvalot", "Katuvalot", True),
    ("Talousarvion toteutuminen", "Talousarvion toteutuminen 1.1.-30.11.2024 (kuukausiraportti)", True),
    ("Budgetdirektiv för 2023", "Budgetdirektv för 2023", True),     # a glyph lost
    ("Katuvalot", "Lumitilanne", False),
    ("Lägesrapport från Österbottens välfärdsområde", "Lägesrapport från välfärdsområdet", False),
])
def test_titles_compared_with_the_contents_list(listed, printed, same):
    assert same_title(listed, printed) is same


def test_a_title_wrapped_around_its_centred_number_belongs_to_that_entry():
    def line(text, top, caption=None):
        return Line(text, page=1, x0=122.0 if caption is None else 57.0, top=top, size=10.0, bold=True,
                    caption=caption)

    lines = [line("Käsitellyt asiat", 100.0), line("Kokouksen laillisuus", 120.0, caption="§ 135"),
             line("Erääntyneiden laskujen kirjaaminen /", 135.0), line("", 142.5, caption="§ 136"),
             line("luottotappioksi", 150.0), line("Muut asiat", 170.0, caption="§ 137"),
             Line("Saapuvilla olleet jäsenet", page=2, x0=57.0, top=100.0)]
    contents = find_contents(lines)
    assert isinstance(contents, Contents)
    assert [(e.number, e.title) for e in contents.entries] == [
        (135, "Kokouksen laillisuus"), (136, "Erääntyneiden laskujen kirjaaminen / luottotappioksi"),
        (137, "Muut asiat")]
    assert contents.end == 6
