"""Item headers, diary numbers and stage lines, in the forms publishers print them."""

from datetime import date

import pytest

from minutes.parse.lines import is_case_line, match_item_start, match_stage, split_glued
from minutes.parse.sections import ItemParser, MeetingFacts
from minutes.parse.stages import stage_from_match

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
    ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017", ("Kaupunginhallitus", date(2017, 4, 10), 105)),
    ("Kaupunginhallitus ¦ 195 ¦ 02.05.2017 ¦ 2", ("Kaupunginhallitus", date(2017, 5, 2), 195)),
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
    m = match_stage(text)
    assert m is not None
    assert stage_from_match(m) == expected


@pytest.mark.parametrize("text", NOT_STAGES)
def test_not_stage_line(text):
    assert match_stage(text) is None


@pytest.mark.parametrize("text, expected", GLUED_TESTS)
def test_glued_heading(text, expected):
    assert split_glued(text) == expected
