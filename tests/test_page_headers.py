"""Items whose number is printed only in the running page header (Dynasty printouts), earlier
handlings printed inside them, and handling tables printed one cell per line."""

from __future__ import annotations

import pytest
from markup import parse


def _item(number: int, header: str, title: str, earlier: int | None, current_line: bool) -> str:
    lines = [f"!header {header} {number} | | | {{page}} ({{pages}})", "!header Koivulan kaupunki",
             f"# {title}", "  Dnro 1234/2024",
             "> Valmistelijat / lisätiedot: | Liisa Malli, puh. 040 123 4567",
             f"  Väylän rakentamisesta on tehty suunnitelma, jonka kustannusarvio on {number}000 euroa."]
    if current_line:
        lines.append(f"  Kaupunginhallitus 12.09.2024 § {number}")
    lines += ["> Päätösehdotus | Kaupunginjohtaja Pekka Puu",
              "  Kaupunginhallitus hyväksyy suunnitelman.",
              "> Päätös | Päätösehdotus hyväksyttiin."]
    if earlier:
        lines += [f"  Kaupunginhallitus 28.08.2024 § {earlier}",
                  "> Päätösehdotus | Kaupunginjohtaja Pekka Puu",
                  "  Kaupunginhallitus palauttaa asian valmisteluun.",
                  "> Päätös | Asia palautettiin valmisteluun."]
    return "\n".join(lines)


@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb"])
@pytest.mark.parametrize("header", ["Pöytäkirja 12.09.2024/Pykälä", "Esityslista 12.09.2024 Asianro"])
@pytest.mark.parametrize("current_line", [False, True])
def test_number_from_the_running_header_and_earlier_handlings_are_history(fmt, header, current_line):
    markup = "\n!page\n".join([_item(303, header, "Kevyen liikenteen väylä Myllytielle", 287, current_line),
                               _item(304, header, "Katuvalaistuksen saneeraus", 290, current_line)])
    record = parse(markup, fmt)
    assert [(i.number, i.title) for i in record.items] == [
        (303, "Kevyen liikenteen väylä Myllytielle"), (304, "Katuvalaistuksen saneeraus")]
    first = record.items[0]
    assert [(h.body, h.number) for h in first.history] == [("Kaupunginhallitus", 287)]
    assert [s.kind for s in first.history[0].sections] == ["proposal", "decision"]
    assert [s.kind for s in first.sections][-2:] == ["proposal", "decision"]
    assert first.sections[-1].text == "Päätösehdotus hyväksyttiin."


@pytest.mark.parametrize("fmt", ["text", "pdf-casem", "pdf-tweb"])   # (HTML and DOCX renderers join lines)
@pytest.mark.parametrize("cells", [("§ 105", "10.4.2017"), ("10.4.2017", "§ 105"), ("105 §", "10.4.2017")])
def test_a_handling_table_printed_one_cell_per_line_is_history(fmt, cells):
    markup = "\n".join([
        "@header Koivulan kaupunki | Pöytäkirja | 5/2017 | {page}",
        "# § 127", "# Hallintosäännön muuttaminen", "# Päätöshistoria",
        "  Kaupunginhallitus", f"  {cells[0]}", f"  {cells[1]}",
        "  Kaupunginvaltuusto", "  § 41", "  24.4.2017",
        "> Päätösehdotus | Kaupunginvaltuusto hyväksyy muutokset.",
        "> Päätös | Hyväksyttiin.",
        "# § 128", "# Ilmoitusasiat", "> Päätös | Merkittiin tiedoksi."])
    record = parse(markup, fmt)
    assert [i.number for i in record.items] == [127, 128]
    assert [(h.body, h.number, h.date.isoformat()) for h in record.items[0].history] == [
        ("Kaupunginhallitus", 105, "2017-04-10"), ("Kaupunginvaltuusto", 41, "2017-04-24")]


DYNASTY_PAGE = """Toimielimet | {body} | {kind} 12.06.2024 | Haku
{body}
{kind} 12.06.2024 {label} 31
Liitteet
Kartta katualueesta
1234/10.02.03/2023
Tekninen lautakunta ¦ 40 § ¦ 3.4.2024
Tekninen lautakunta ¦ 52 § ¦ 8.5.2024
31
Katusuunnitelman hyväksyminen
Päätösehdotus Kaupunginjohtaja Pekka Puu
{body} hyväksyy katusuunnitelman.
Selostus Lautakunta on käsitellyt suunnitelmaa kahdesti ennen tätä.
Tekninen lautakunta 3.4.2024 § 40
Päätösehdotus Tekninen johtaja Liisa Malli
Lautakunta palauttaa suunnitelman valmisteluun.
Päätös
Palautettiin valmisteluun.
Tekninen lautakunta 8.5.2024 § 52
Päätösehdotus Tekninen johtaja Liisa Malli
Lautakunta puoltaa suunnitelman hyväksymistä.
Päätös
Hyväksyttiin yksimielisesti.
"""


@pytest.mark.parametrize("kind,label,expected", [("Esityslista", "Asianro", "agenda"),
                                                 ("Pöytäkirja", "Pykälä", "minutes")])
@pytest.mark.parametrize("body", ["Kaupunginhallitus", "Kaupunginvaltuusto"])
def test_an_item_page_takes_its_number_from_its_page_header_not_from_the_handlings_above_it(kind, label,
                                                                                         expected, body):
    from minutes import parse_bytes

    record = parse_bytes(DYNASTY_PAGE.format(kind=kind, label=label, body=body).encode(), "sivu.txt")
    assert record.document_type == expected
    (item,) = record.items
    assert (item.number, item.title, item.case_id) == (31, "Katusuunnitelman hyväksyminen", "1234/10.02.03/2023")
    assert [(h.body, h.number) for h in item.history] == [("Tekninen lautakunta", 40), ("Tekninen lautakunta", 52)]
    assert [[s.kind for s in h.sections] for h in item.history] == [["proposal", "decision"]] * 2
    assert [s.kind for s in item.sections] == ["proposal", "background"]


@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb", "text"])
def test_a_decision_running_over_to_the_top_of_each_next_page_is_not_a_running_header(fmt):
    pages = []
    for number, title in ((1, "Kokouksen avaus"), (2, "Kokouksen laillisuus"), (3, "Talousarvio")):
        pages.append("\n".join([f"# § {number} {title}", "> Ehdotus | Hyväksytään asia.",
                                *(f"  Perustelujen rivi {number}.{k} kertoo asiasta lisää." for k in range(3))]))
        pages.append("\n".join(["# Päätös", "  Hyväksyttiin."]))
    record = parse("@header Koivulan kaupunki | Pöytäkirja | 4/2025 | {page}\n" + "\n!page\n".join(pages), fmt)
    assert [next(s.text for s in i.sections if s.kind == "decision") for i in record.items] == ["Hyväksyttiin."] * 3


@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb", "text"])
@pytest.mark.parametrize("label, heading, decision", [
    ("Valmistelija: tekninen johtaja Aino Koivu", "Päätös", "Hyväksyttiin."),
    ("Esittelijä: kunnanjohtaja Pekka Puu", "Päätös", "Hyväksyttiin."),
    ("Beredare: tekniska direktören Anna Ek", "Beslut", "Godkändes."),
])
def test_the_same_preparer_atop_every_items_page_is_no_running_header(fmt, label, heading, decision):
    """Items one to a page, each opening with the same preparer's or presenter's line: the line
    is the items' own, not a running header."""
    pages = ["\n".join([f"# § {number} {title}", f"  {label}", "  Asia on valmisteltu lautakunnalle.",
                        f"# {heading}", f"  {decision}"])
             for number, title in ((1, "Kokouksen avaus"), (2, "Katuvalaistus"), (3, "Talousarvio"),
                                   (4, "Ilmoitusasiat"))]
    record = parse("@header Koivulan kaupunki | Pöytäkirja | 4/2025 | {page}\n" + "\n!page\n".join(pages), fmt)
    person = label.split(": ")[1]
    assert all(person in (i.preparers + ((i.presenter,) if i.presenter else ())) for i in record.items)


@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb"])
@pytest.mark.parametrize("header", ["Bn § {n}", "KH {n} §", "Kunnanhallitus § {n}"])
def test_items_headed_with_the_body_first_atop_each_page_are_no_running_header(fmt, header):
    """Items one to a page, each headed with its body and number at the top of its page: the
    headers name different numbers, so they are the items' own, not a running header."""
    pages = ["\n".join([f"# {header.format(n=n)}", f"# {title}", "  Asia on valmisteltu lautakunnalle.",
                        "# Päätös", "  Hyväksyttiin."])
             for n, title in ((12, "Kokouksen avaus"), (13, "Katuvalaistus"), (14, "Talousarvio"),
                              (15, "Ilmoitusasiat"))]
    record = parse("@header Koivulan kunta | Pöytäkirja | 4/2025 | {page}\n" + "\n!page\n".join(pages), fmt)
    assert [(i.number, i.title) for i in record.items] == [
        (12, "Kokouksen avaus"), (13, "Katuvalaistus"), (14, "Talousarvio"), (15, "Ilmoitusasiat")]


@pytest.mark.parametrize("fmt", ["pdf-casem", "pdf-tweb"])
def test_a_running_header_naming_the_body_and_the_pages_item_stays_furniture(fmt):
    """A running header "Kh § 12" repeated on each page of the item it names is furniture: the
    items are read from their own "§ N" headers and the header adds no handling."""
    pages = []
    for n, title in ((12, "Katuvalaistus"), (13, "Talousarvio")):
        pages.append("\n".join([f"!header Kh § {n}", f"# § {n} {title}", "  Asia on valmisteltu.",
                                *(f"  Selostuksen rivi {n}.{k} kertoo asiasta lisää." for k in range(4))]))
        pages.append("\n".join([f"!header Kh § {n}", "# Päätös", "  Hyväksyttiin."]))
    record = parse("\n!page\n".join(pages), fmt)
    assert [(i.number, i.title) for i in record.items] == [(12, "Katuvalaistus"), (13, "Talousarvio")]
    assert all(not i.history for i in record.items)
