"""The meeting's appeal instructions after the last item close it in every format, and each
block goes to the items it lists as an ``appeal`` section."""

from __future__ import annotations

import pytest
from markup import parse

from minutes.parse.appeals import listed_numbers

FI = [("Muutoksenhakukielto", "§{a}, §{b}", "Tästä päätöksestä ei saa tehdä oikaisuvaatimusta."),
      ("Oikaisuvaatimus", "§{c}", "Tähän päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen.")]
SV = [("Besvärsförbud", "Paragraferna {a}–{b}", "Över beslutet får omprövning inte begäras."),
      ("Anvisning för begäran om omprövning", "{c} §", "Den som är missnöjd kan begära omprövning skriftligen.")]


def _minutes(blocks, new_page: bool) -> str:
    lines = ["@header Koivulan kaupunki | Pöytäkirja | 5/2025 | {page}"]
    for number, title in ((12, "Talousarvion toteutuminen"), (13, "Kokousaikataulu"), (14, "Ilmoitusasiat")):
        lines += [f"# § {number} {title}", f"  Asian {number} selostus.", "> Päätös | Hyväksyttiin yksimielisesti."]
    if new_page:
        lines.append("!page")
    for heading, listed, text in blocks:
        lines += [f"# {heading}", "  " + listed.format(a=12, b=13, c=14), f"# {heading}", f"  {text}"]
    return "\n".join(lines)


@pytest.mark.parametrize("blocks", [FI, SV], ids=["fi", "sv"])
@pytest.mark.parametrize("fmt,new_page", [("html", False), ("text", False), ("pdf-casem", True),
                                          ("pdf-casem", False), ("docx", False)])
def test_instructions_close_the_last_item_and_go_to_the_items_they_list(blocks, fmt, new_page):
    record = parse(_minutes(blocks, new_page), fmt)
    assert [i.number for i in record.items] == [12, 13, 14]
    last = record.items[-1]
    assert next(s for s in last.sections if s.kind == "decision").text == "Hyväksyttiin yksimielisesti."
    appeals = {i.number: [(s.heading, s.text) for s in i.sections if s.kind == "appeal"] for i in record.items}
    assert appeals[12] == appeals[13] == [(blocks[0][0], f"{blocks[0][0]}\n{blocks[0][2]}")]
    assert appeals[14] == [(blocks[1][0], f"{blocks[1][0]}\n{blocks[1][2]}")]


def test_instructions_naming_an_item_not_in_the_document_are_warned():
    record = parse(_minutes([("Oikaisuvaatimus", "§14, §15", "Oikaisuvaatimuksen voi tehdä.")], False), "text")
    assert [w.message for w in record.warnings if "not an item" in w.message] == [
        "appeal instructions 'Oikaisuvaatimus' name § 15, which is not an item of this document"]


@pytest.mark.parametrize("text,numbers", [
    ("§132, §133, §136", (132, 133, 136)),
    ("§ 135", (135,)),
    ("Pykälät 55–57 ja 59", (55, 56, 57, 59)),
    ("koskee pykäliä 13 - 15 §", (13, 14, 15)),
    ("Paragraferna 39-41, 44", (39, 40, 41, 44)),
    ("Kuntalain 136 §:n mukaan tästä päätöksestä ei saa tehdä oikaisuvaatimusta", ()),
    ("Tähän päätökseen tyytymätön voi tehdä oikaisuvaatimuksen.", ()),
])
def test_lists_of_items(text, numbers):
    assert listed_numbers(text) == numbers


@pytest.mark.parametrize("fmt", ["text", "html", "pdf-casem"])
def test_a_general_heading_over_the_blocks_is_no_empty_block(fmt):
    markup = _minutes(FI, False).replace("# Muutoksenhakukielto\n  §12, §13",
                                         "# Muutoksenhakuohjeet\n# Muutoksenhakukielto\n  §12, §13", 1)
    record = parse(markup, fmt)
    appeals = {i.number: [(s.heading, s.text) for s in i.sections if s.kind == "appeal"] for i in record.items}
    assert all(text for sections in appeals.values() for _, text in sections)
    assert [h for h, _ in appeals[12]] == ["Muutoksenhakukielto"] and [h for h, _ in appeals[14]] == ["Oikaisuvaatimus"]
