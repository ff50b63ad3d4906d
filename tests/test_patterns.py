"""Item headers, diary numbers and stage lines, in the forms publishers print them."""

from datetime import date

import pytest

from minutes.parse.document import Line, row_text
from minutes.parse.lines import (
    StageLine, find_organization, is_case_line, match_item_start, match_stage, match_stage_text, split_glued,
)
from minutes.parse.readers.text import read_text
from minutes.parse.sections import ItemParser, MeetingFacts
from minutes.parse.stages import printed_body, stage_from_line

ITEM_START_TESTS = [
    ("§ 132", (132, None)),
    ("§132", (132, None)),
    ("§ 45 Ilmoitusasiat", (45, "Ilmoitusasiat")),
    ("39 §", (39, None)),
    ("39 § Sammanträdets laglighet och beslutförhet", (39, "Sammanträdets laglighet och beslutförhet")),
    ("Asianro 26", (26, None)),
    ("16 § Sammanträdets laglighet ........................ 1", None),
    ("§ 132 alkaen", None),
    ("Kuntalain 103 §:n mukaan", None),
    ("132", None),
]

CASE_TESTS = [
    ("LAPDno-2024-292", "LAPDno-2024-292"),
    ("MliDno-2017-206", "MliDno-2017-206"),
    ("JÄRDno-2025-118", "JÄRDno-2025-118"),
    ("NKBY/497/12.03.01/2022", "NKBY/497/12.03.01/2022"),
    ("Dno OUKA/1444/10.00.02.02/2017", "OUKA/1444/10.00.02.02/2017"),
    ("VD/1545/00.04.00/2017", "VD/1545/00.04.00/2017"),
    ("HEL 2021-012345", "HEL 2021-012345"),
    ("HEL 2020-006250 T 00 03 00", "HEL 2020-006250 T 00 03 00"),
    ("Dnro 730/2017", "730/2017"),
    ("3720-2013 (611)", "3720-2013 (611)"),
    ("Dnr: STRV/123/12.01.00/2024", "STRV/123/12.01.00/2024"),
]

NOT_CASES = ["730/2017", "Pöytäkirja 12/2024", "Talousarvio 2025", "1.1.-30.11.2024"]

STAGE_TESTS = [
    ("Kaupunginhallitus, § 102,31.03.2025", ("Kaupunginhallitus", date(2025, 3, 31), 102)),
    ("Kaupunginvaltuusto, § 35, 19.05.2025", ("Kaupunginvaltuusto", date(2025, 5, 19), 35)),
    ("Kaupunginhallitus, 31.03.2025, § 102", ("Kaupunginhallitus", date(2025, 3, 31), 102)),
    ("Kaupunginhallitus 20.3.2017 § 10", ("Kaupunginhallitus", date(2017, 3, 20), 10)),
    ("Stadsfullmäktige 8.9.2022, 43 §", ("Stadsfullmäktige", date(2022, 9, 8), 43)),
    ("Välfärdsnämnden 15.9.2022, 42 §", ("Välfärdsnämnden", date(2022, 9, 15), 42)),
    ("Kaupunginhallitus | 105 § | 10.4.2017", ("Kaupunginhallitus", date(2017, 4, 10), 105)),  # bars printed
    ("Ksylk § 84", ("Kaupunkisuunnittelu- ja ympäristölautakunta", None, 84)),
    ("Kh § 195", ("Kaupunginhallitus", None, 195)),
    ("Kaupunginvaltuusto 09.01.2017 § 19, asemakaavan muutos", ("Kaupunginvaltuusto", date(2017, 1, 9), 19)),
    ("Sivistys- ja kulttuurilautakunta 25.2.2016 § 32",
     ("Sivistys- ja kulttuurilautakunta", date(2016, 2, 25), 32)),
    ("Tarkastuslautakunta, 08.05.2025, § 36", ("Tarkastuslautakunta", date(2025, 5, 8), 36)),
    ("Personalsektionen 28.3.3023, 11 §", ("Personalsektionen", None, 11)),   # a typo'd year is not guessed
]

NOT_STAGES = [
    "Pöydältä 21.3.2017 § 84",
    "Bilaga Välfärdsnämnden, 15.09.2022 § 49",
    "Kuntalain 103 §:n 2 momentin mukaan",
    "Hallintosäännön 16 luvun 119 §:n mukaan",
    "valtuusto hyväksyi 12.6.2023 § 41",
    "Sivistyslautakunta 18.12.2024",
]

GLUED_TESTS = [
    ("EhdotusKaupunginhallitus päättää hyväksyä", ("Ehdotus", "proposal", "Kaupunginhallitus päättää hyväksyä")),
    ("PäätösAsia pantiin pöydälle.", ("Päätös", "decision", "Asia pantiin pöydälle.")),
    ("Päätösehdotus Hyvinvointilautakunta keskustelee", ("Päätösehdotus", "proposal", "Hyvinvointilautakunta keskustelee")),
    ("Päätös Hyvinvointilautakunta merkitsi", ("Päätös", "decision", "Hyvinvointilautakunta merkitsi")),
    ("Päätösesitys hyväksyttiin.", None),
    ("Päätöksen mukaan", None),
    ("Ehdotukset käsiteltiin", None),
]


@pytest.mark.parametrize("text, expected", ITEM_START_TESTS)
def test_item_start(text, expected):
    assert match_item_start(text) == expected


@pytest.mark.parametrize("text, expected", CASE_TESTS)
def test_case_id(text, expected):
    assert is_case_line(text)
    parser = ItemParser(None, MeetingFacts(None, None, "minutes"))
    assert parser.take_case(text)
    assert parser.case_id == expected


@pytest.mark.parametrize("text", NOT_CASES)
def test_not_case_id(text):
    assert not is_case_line(text)


@pytest.mark.parametrize("text, expected", STAGE_TESTS)
def test_stage_line(text, expected):
    found = match_stage_text(text)
    assert found is not None
    assert stage_from_line(found) == expected
    assert match_stage(Line(text)) == found      # a line without cells is read from its text


@pytest.mark.parametrize("text", NOT_STAGES)
def test_not_stage_line(text):
    assert match_stage_text(text) is None


# A handling table's row a reader keeps as cells (Line.cells) is read cell by cell: a body's name,
# the number ("105 §" or "195") and the date, in this order, any further cells kept as ``rest``.
ROW_TESTS = [
    (("Kaupunginhallitus", "105 §", "10.4.2017"), ("Kaupunginhallitus", date(2017, 4, 10), 105), ()),
    (("Kaupunginhallitus", "105§", "10.4.2017"), ("Kaupunginhallitus", date(2017, 4, 10), 105), ()),
    (("Kaupunginhallitus", "195", "02.05.2017", "2"), ("Kaupunginhallitus", date(2017, 5, 2), 195), ("2",)),
    (("Kaupunkisuunnittelu- ja ympäristölautakunta", "84", "21.03.2017", "4"),
     ("Kaupunkisuunnittelu- ja ympäristölautakunta", date(2017, 3, 21), 84), ("4",)),
    (("Tekninen lautakunta", "40 §", "3.4.2024"), ("Tekninen lautakunta", date(2024, 4, 3), 40), ()),
    (("Ksylk", "84 §", "21.3.2017"), ("Kaupunkisuunnittelu- ja ympäristölautakunta", date(2017, 3, 21), 84), ()),
    (("Kh", "195", "02.05.2017"), ("Kaupunginhallitus", date(2017, 5, 2), 195), ()),
    (("Personalsektionen", "11 §", "28.3.3023"), ("Personalsektionen", None, 11), ()),  # a typo'd year
]

NOT_ROWS = [
    ("Turun kaupunki", "§", "Kokouspvm", "Asia", "1"),         # a handling table's header row
    ("Toimintatuotot", "1.462.370", "991.458", "67,8"),          # a budget table
    ("Tilivuosi", "TP 2023", "TP 2024", "TA 2025"),
    ("Pöydältä", "84 §", "21.3.2017"),                           # a citation's word, not a body
    ("Kaupunginhallitus 2", "105 §", "10.4.2017"),               # a digit in the body cell
    ("V", "12 §", "1.2.2017"),                                   # a body cell of one letter
    ("Kaupunginhallitus", "10.4.2017", "105 §"),                 # the date before the number
    ("Kaupunginhallitus", "§ 105", "10.4.2017"),                 # "§ 105" is no row's number cell
    ("Kaupunginhallitus", "105 §"),                              # no date cell
    ("Kaupunginhallitus", "105 §", "huhtikuu 2017"),
]


@pytest.mark.parametrize("cells, expected, rest", ROW_TESTS)
def test_handling_row_is_read_from_its_cells(cells, expected, rest):
    found = match_stage(Line(row_text(cells), cells=cells))
    assert found is not None
    assert stage_from_line(found) == expected
    assert found.rest == rest
    assert printed_body(found) == cells[0]


@pytest.mark.parametrize("cells", NOT_ROWS)
def test_not_a_handling_row(cells):
    assert match_stage(Line(row_text(cells), cells=cells)) is None


def test_a_row_is_read_from_its_cells_not_from_its_text():
    """The text form of a row ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017") is no printed handling
    line; the text reader hands such a row, or a Markdown table's, over as cells."""
    assert match_stage_text("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017") is None
    expected = StageLine("Kaupunginhallitus", 105, "10.4.2017")
    for source in ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017", "| Kaupunginhallitus | 105 § | 10.4.2017 |"):
        (line,), _, _ = read_text(source.encode("utf-8"))
        assert line.cells == ("Kaupunginhallitus", "105 §", "10.4.2017")
        assert match_stage(line) == expected


def test_an_organization_opens_a_row_in_its_first_cell():
    row = Line("Turun kaupunki ¦ § ¦ Kokouspvm", cells=("Turun kaupunki", "§", "Kokouspvm"))
    assert find_organization([row]) == "Turun kaupunki"
    assert find_organization(["Lapuan kaupunki | Pöytäkirja 3/2025"]) == "Lapuan kaupunki"
    assert find_organization(["Lapuan kaupunkilaiset"]) is None


@pytest.mark.parametrize("opening, organization", [
    # printed in capitals, or with its kind capitalised: given in the case of a name
    ("KORPILAHDEN KUNTA", "Korpilahden kunta"),
    ("KORPILAHDEN KUNTA\tPÖYTÄKIRJA 4/2025", "Korpilahden kunta"),
    ("MARIEHOLMS STAD | Protokoll 2/2025", "Marieholms stad"),
    ("ETELÄ-KORPIMAAN KUNTAYHTYMÄ", "Etelä-Korpimaan kuntayhtymä"),
    ("Korpilahden Kunta", "Korpilahden kunta"),
    # a compound ending in the kind, and a genitive before it
    ("Jokivarren koulutuskuntayhtymä", "Jokivarren koulutuskuntayhtymä"),
    ("Länsi-Korpimaan sairaanhoitopiirin kuntayhtymä, hallitus", "Länsi-Korpimaan sairaanhoitopiirin kuntayhtymä"),
    ("Marieholms samkommun", "Marieholms samkommun"),
    ("Marieholms sjukvårdsdistrikts samkommun", "Marieholms sjukvårdsdistrikts samkommun"),
    # a name in two languages: the first
    ("Marieholms stad – Marienkylän kaupunki", "Marieholms stad"),
    ("Marieholms stad / Marienkylän kaupunki", "Marieholms stad"),
    # no name
    ("Korpilahden kuntalaiset", None),
    ("kaupunginhallitus ja kunta", None),
    ("KAUPUNGINHALLITUS", None),
    ("Korpilahden KUNTA ja kaupunki", None),
])
def test_an_organisations_name_in_its_forms(opening, organization):
    assert find_organization([opening]) == organization


@pytest.mark.parametrize("text, expected", GLUED_TESTS)
def test_glued_heading(text, expected):
    assert split_glued(text) == expected
