"""References and dates in every form the domain primer lists, and the traps (table-driven)."""

from datetime import date

import pytest

from minutes import find_dates, find_references
from minutes.parse.references import Context

CTX = Context("Lapuan kaupunki", "Sivistyslautakunta", date(2024, 12, 18))

# text, expected (kind, body, date, number) of the first reference, or None for no reference
DECISION_TESTS = [
    ("KV 29.4.2024 § 33", ("decision", "Kaupunginvaltuusto", "2024-04-29", 33)),
    ("Kv 9.12.2024 § 93", ("decision", "Kaupunginvaltuusto", "2024-12-09", 93)),
    ("Kvalt 2.6.2025 § 52", ("decision", "Kaupunginvaltuusto", "2025-06-02", 52)),
    ("KH 10.3.2025 § 57", ("decision", "Kaupunginhallitus", "2025-03-10", 57)),
    ("Khall 1.2.2024 § 3", ("decision", "Kaupunginhallitus", "2024-02-01", 3)),
    ("Kaupunginhallitus 20.3.2017 § 10", ("decision", "Kaupunginhallitus", "2017-03-20", 10)),
    ("Kaupunginhallitus, § 102,31.03.2025", ("decision", "Kaupunginhallitus", "2025-03-31", 102)),
    ("Kaupunginvaltuusto, § 35, 19.05.2025", ("decision", "Kaupunginvaltuusto", "2025-05-19", 35)),
    ("Kaupunginhallitus, 31.03.2025, § 102", ("decision", "Kaupunginhallitus", "2025-03-31", 102)),
    ("Tarkastuslautakunta, 08.05.2025, § 36", ("decision", "Tarkastuslautakunta", "2025-05-08", 36)),
    ("Stadsfullmäktige 8.9.2022, 43 §", ("decision", "Stadsfullmäktige", "2022-09-08", 43)),
    ("Välfärdsnämnden 15.9.2022, 42 §", ("decision", "Välfärdsnämnden", "2022-09-15", 42)),
    ("Stadsstyrelsen 5.9.2022, 186 §", ("decision", "Stadsstyrelsen", "2022-09-05", 186)),
    ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017", ("decision", "Kaupunginhallitus", "2017-04-10", 105)),
    ("Kaupunginhallitus ¦ 195 ¦ 02.05.2017", ("decision", "Kaupunginhallitus", "2017-05-02", 195)),
    ("Ksylk § 84", ("decision", "Kaupunkisuunnittelu- ja ympäristölautakunta", None, 84)),
    ("Kh § 195", ("decision", "Kaupunginhallitus", None, 195)),
    ("(KSYLK § 132)", ("decision", "Kaupunkisuunnittelu- ja ympäristölautakunta", None, 132)),
    ("(sivistyslautakunta §10)", ("decision", "Sivistyslautakunta", None, 10)),
    ("päivitetty 21.2.2018 (sivistyslautakunta §10)", ("decision", "Sivistyslautakunta", "2018-02-21", 10)),
    ("Ksylk § 84 ja Kh § 195", ("decision", "Kaupunkisuunnittelu- ja ympäristölautakunta", None, 84)),
    ("Kaupunkisuunnittelulautakunta 3.9.2015 § 139", ("decision", "Kaupunkisuunnittelulautakunta", "2015-09-03", 139)),
    ("Yhdyskuntalautakunta 11.08.2015 § 329", ("decision", "Yhdyskuntalautakunta", "2015-08-11", 329)),
    ("Kaupunginvaltuusto 09.01.2017 § 19, asemakaavan muutos", ("decision", "Kaupunginvaltuusto", "2017-01-09", 19)),
    ("Sivistys- ja kulttuurilautakunta 25.2.2016 § 32", ("decision", "Sivistys- ja kulttuurilautakunta", "2016-02-25", 32)),
    ("Tarkastuslautakunta 17.5.2017 § 35", ("decision", "Tarkastuslautakunta", "2017-05-17", 35)),
    ("teknisen lautakunnan 12.2.2025 § 14 päätöksen mukaisesti", ("decision", "Tekninen lautakunta", "2025-02-12", 14)),
    ("kaupunginhallituksen 3.3.2025 § 70 päätös", ("decision", "Kaupunginhallitus", "2025-03-03", 70)),
    ("kaupunginvaltuustolle 10.11.2025 § 75", ("decision", "Kaupunginvaltuusto", "2025-11-10", 75)),
    ("valtuuston 12.6.2023 § 41 hyväksymä", ("decision", "Kaupunginvaltuusto", "2023-06-12", 41)),
    ("Henkilöstöjaosto, § 16,11.03.2025", ("decision", "Henkilöstöjaosto", "2025-03-11", 16)),
    ("Suomi 100 -juhlatoimikunta 19.4.2016 § 3", ("decision", "Juhlatoimikunta", "2016-04-19", 3)),
    ("sivistys- ja hyvinvointijohtajan 10.10.2024 § 19 tekemän päätöksen",
     ("office_decision", "sivistys- ja hyvinvointijohtaja", "2024-10-10", 19)),
    ("kansliapäällikön päätöksestä 28.10.2021 § 220", ("office_decision", "kansliapäällikkö", "2021-10-28", 220)),
    ("kaupunginjohtajan päätös 12.4.2017 § 59", ("office_decision", "kaupunginjohtaja", "2017-04-12", 59)),
    ("teknisen johtajan 4.5.2025 § 8", ("office_decision", "tekninen johtaja", "2025-05-04", 8)),
    ("Pöydältä 21.3.2017 § 84", ("decision", "Sivistyslautakunta", "2017-03-21", 84)),
    ("28.01.2025, § 11", ("decision", "Sivistyslautakunta", "2025-01-28", 11)),
    ("1.4.2019, 5 §", ("decision", "Sivistyslautakunta", "2019-04-01", 5)),
    ("KV 04.12.2023 § 110", ("decision", "Kaupunginvaltuusto", "2023-12-04", 110)),
    ("Kaupunginvaltuusto hyväksyi kaupunkistrategian 04.12.2023 § 110", ("decision", "Kaupunginvaltuusto", "2023-12-04", 110)),
    ("Tekninen lautakunta esitti 18.2.2025 § 12", ("decision", "Tekninen lautakunta", "2025-02-18", 12)),
    # an abbreviation at the end of a longer word is not that body: the context's body is inferred
    ("ABCKH 1.2.2024 § 3", ("decision", "Sivistyslautakunta", "2024-02-01", 3)),
    # traps: laws, page headers, plain numbers
    ("Sivistyslautakunta 18.12.2024", None),
    ("§ 132", None),
    ("Pöytäkirja 12/2024", None),
    ("Talousarvio 2025 hyväksyttiin.", None),
]

LAW_TESTS = [
    ("Kuntalain 103 §:n 2 momentin mukaan", ("kuntalaki", 103, 2)),
    ("kuntalain 103 §:n mukaan", ("kuntalaki", 103, None)),
    ("Kuntalain 125.3 §:n vaatimalla tavalla", ("kuntalaki", 125, 3)),
    ("hallintosäännön 16 luvun 119 §:n mukaan", ("hallintosääntö", 119, None)),
    ("Hallintosäännön 16 luvun 120 §:n mukaan", ("hallintosääntö", 120, None)),
    ("(Kuntalaki 136 §)", ("kuntalaki", 136, None)),
    ("Kuntalain 113 §:n mukaan", ("kuntalaki", 113, None)),
    ("Yksityistielain 84 §:n mukaan", ("yksityistielaki", 84, None)),
    ("Maa-aineslain 23 §:n mukaan", ("maa-aineslaki", 23, None)),
    ("maankäyttö- ja rakennuslain 145 §:ssä", ("maankäyttö- ja rakennuslaki", 145, None)),
    ("Vaalilain 95 §:n 2 momentin", ("vaalilaki", 95, 2)),
    ("hallintolain 49 a §", None),
    ("enligt 92 § kommunallagen", ("kommunallag", 92, None)),
    ("Lain 51 §:n mukaan", ("laki", 51, None)),
]

CASE_TESTS = [
    ("Dnro LAPDno-2024-292", "LAPDno-2024-292"),
    ("asia MliDno-2017-206 käsiteltiin", "MliDno-2017-206"),
    ("Dnr NKBY/497/12.03.01/2022", "NKBY/497/12.03.01/2022"),
    ("OUKA/1444/10.00.02.02/2017", "OUKA/1444/10.00.02.02/2017"),
    ("VD/1545/00.04.00/2017", "VD/1545/00.04.00/2017"),
    ("HEL 2021-012345", "HEL 2021-012345"),
    ("3720-2013 (611)", "3720-2013 (611)"),
]

ATTACHMENT_TESTS = [
    ("liitteen 1 mukaisesti", 1),
    ("Liite 2 Sijaintikartta", 2),
    ("Bilaga 3", 3),
    ("liitteenä 4 oleva selvitys", 4),
]

# text, [(start, end)] of the dates found (ISO), with the meeting in 2025
DATE_TESTS = [
    ("04.12.2023", [("2023-12-04", "2023-12-04")]),
    ("4.12.2023", [("2023-12-04", "2023-12-04")]),
    ("1.1.-30.11.2024", [("2024-01-01", "2024-11-30")]),
    ("1.1-30.11.2024", [("2024-01-01", "2024-11-30")]),
    ("14.8.–15.9.2023", [("2023-08-14", "2023-09-15")]),
    ("1.6.2025 - 31.5.2029", [("2025-06-01", "2029-05-31")]),
    ("18.12.2024, klo 16:27 - 17:10", [("2024-12-18", "2024-12-18")]),
    ("joulukuun 4. päivänä 2023", [("2023-12-04", "2023-12-04")]),
    ("maaliskuun 15. päivänä", [("2025-03-15", "2025-03-15")]),
    ("syyskuussa 2023", [("2023-09-01", "2023-09-30")]),
    ("helmikuun 2024 loppuun", [("2024-02-01", "2024-02-29")]),
    ("toukokuuta 2025", [("2025-05-01", "2025-05-31")]),
    # a day before the month's partitive: one day, not the month
    ("4. maaliskuuta 2025", [("2025-03-04", "2025-03-04")]),
    ("tiistaina 14. lokakuuta 2025 klo 18", [("2025-10-14", "2025-10-14")]),
    ("viimeistään 30.kesäkuuta", [("2025-06-30", "2025-06-30")]),
    ("keväällä 2025", [("2025-03-01", "2025-05-31")]),
    ("syksyllä 2024", [("2024-09-01", "2024-11-30")]),
    ("kesällä 2023", [("2023-06-01", "2023-08-31")]),
    ("talvella 2024", [("2024-12-01", "2025-02-28")]),
    ("4 december 2023", [("2023-12-04", "2023-12-04")]),
    ("i september 2023", [("2023-09-01", "2023-09-30")]),
    ("våren 2025", [("2025-03-01", "2025-05-31")]),
    ("viimeistään 21.5. klo 16", [("2025-05-21", "2025-05-21")]),
    ("pidetään 3.6., jolloin", [("2025-06-03", "2025-06-03")]),
    ("7.4. Oikaisuvaatimus- ja valituskielto", []),
    ("Kuntalain 125.3 §:n mukaan", []),
    ("kustannukset 1,2 miljoonaa euroa", []),
    ("Pöytäkirja 12/2024 4 (19)", []),
    ("puhelin 044 703 9202", []),
]

IMPOSSIBLE = ["28.3.3023", "31.2.2024", "30.13.2024"]


@pytest.mark.parametrize("text, expected", DECISION_TESTS)
def test_decision_references(text, expected):
    refs = [r for r in find_references(text, CTX) if r.kind in ("decision", "office_decision")]
    if expected is None:
        assert refs == []
        return
    kind, body, day, number = expected
    ref = refs[0]
    assert (ref.kind, ref.body, ref.date.isoformat() if ref.date else None, ref.number) == (kind, body, day, number)
    assert text[ref.span[0]:ref.span[1]] == ref.text


@pytest.mark.parametrize("text, expected", LAW_TESTS)
def test_law_references(text, expected):
    refs = [r for r in find_references(text) if r.kind == "law"]
    if expected is None:
        assert not [r for r in find_references(text) if r.kind == "decision"]
        return
    assert (refs[0].law, refs[0].section, refs[0].subsection) == expected
    assert not [r for r in find_references(text) if r.kind == "decision"]


@pytest.mark.parametrize("text, expected", CASE_TESTS)
def test_case_references(text, expected):
    assert [r.case_id for r in find_references(text) if r.kind == "case"] == [expected]


@pytest.mark.parametrize("text, number", ATTACHMENT_TESTS)
def test_attachment_references(text, number):
    assert [r.number for r in find_references(text) if r.kind == "attachment"] == [number]


@pytest.mark.parametrize("text, expected", DATE_TESTS)
def test_dates(text, expected):
    found = find_dates(text, year=2025)
    assert [(d.start.isoformat(), d.end.isoformat()) for d in found] == expected
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.text


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates_are_kept_with_a_warning(text):
    (mention,) = find_dates(f"kokous {text} klo 16")
    assert mention.text == text and mention.start is None and "impossible" in mention.warning


def test_context_fills_body_and_says_so():
    (ref,) = find_references("Pöydältä 21.3.2017 § 84", CTX)
    assert ref.body == "Sivistyslautakunta" and ref.inferred == ("body",)
    (ref,) = find_references("Pöydältä 21.3.2017 § 84")
    assert ref.body is None and ref.inferred == ()


def test_several_references_in_order():
    text = "Asia on käsitelty KV 29.4.2024 § 33 ja Kh § 195; ks. Kuntalain 103 §:n 2 momentti ja liite 1."
    kinds = [r.kind for r in find_references(text)]
    assert kinds == ["decision", "decision", "law", "attachment"]


# -- a body carries over a list of handlings ------------------------------------------------------
# text, every decision reference as (body, date, number); the body is printed once, never inferred
LIST_TESTS = [
    ("Hyvinvointilautakunta 13.03.2025 § 23 ja 24.4.2025 § 41",
     [("Hyvinvointilautakunta", "2025-03-13", 23), ("Hyvinvointilautakunta", "2025-04-24", 41)]),
    ("Tekninen lautakunta 2.2.2024 § 5, 9.3.2024 § 17 ja 6.5.2024 § 30",
     [("Tekninen lautakunta", "2024-02-02", 5), ("Tekninen lautakunta", "2024-03-09", 17),
      ("Tekninen lautakunta", "2024-05-06", 30)]),
    ("Kaupunginhallitus 1.2.2023 §12 sekä 15.2.2023 §19",
     [("Kaupunginhallitus", "2023-02-01", 12), ("Kaupunginhallitus", "2023-02-15", 19)]),
    ("Ympäristölautakunta 7.6.2022, 44 § ja 1.9.2022, 61 §",
     [("Ympäristölautakunta", "2022-06-07", 44), ("Ympäristölautakunta", "2022-09-01", 61)]),
    ("Stadsstyrelsen 5.9.2022, 186 § och 3.10.2022, 201 §",
     [("Stadsstyrelsen", "2022-09-05", 186), ("Stadsstyrelsen", "2022-10-03", 201)]),
    ("Bildningsnämnden 12.6.2024, 51 §, 14.8.2024, 60 § och 2.10.2024, 77 §",
     [("Bildningsnämnden", "2024-06-12", 51), ("Bildningsnämnden", "2024-08-14", 60),
      ("Bildningsnämnden", "2024-10-02", 77)]),
    ("KV 4.11.2024 § 70 ja 9.12.2024 § 88",
     [("Kaupunginvaltuusto", "2024-11-04", 70), ("Kaupunginvaltuusto", "2024-12-09", 88)]),
    ("Kaupunginhallitus 20.3.2017 § 23 ja § 24",
     [("Kaupunginhallitus", "2017-03-20", 23), ("Kaupunginhallitus", "2017-03-20", 24)]),
    ("Kaupunginhallitus, § 102, 31.03.2025 ja § 110, 14.04.2025",
     [("Kaupunginhallitus", "2025-03-31", 102), ("Kaupunginhallitus", "2025-04-14", 110)]),
    ("Stadsfullmäktige 8.9.2022, 43 § och 44 §",
     [("Stadsfullmäktige", "2022-09-08", 43), ("Stadsfullmäktige", "2022-09-08", 44)]),
    # another body's handling breaks the list
    ("Kh 1.2.2024 § 3 ja Kv 12.2.2024 § 9",
     [("Kaupunginhallitus", "2024-02-01", 3), ("Kaupunginvaltuusto", "2024-02-12", 9)]),
    # a law after "ja" is not one more handling
    ("Kaupunginhallitus 1.2.2024 § 3 ja kuntalain 39 §:n mukaan", [("Kaupunginhallitus", "2024-02-01", 3)]),
    ("Kaupunginhallitus 1.2.2024 § 3 ja 39 §:n mukaan", [("Kaupunginhallitus", "2024-02-01", 3)]),
    # a date after "ja" without a § is a date, not a handling
    ("Kaupunginhallitus 1.2.2024 § 3 ja 5.2.2024 pidetty kokous", [("Kaupunginhallitus", "2024-02-01", 3)]),
]


@pytest.mark.parametrize("text, expected", LIST_TESTS)
def test_a_body_carries_over_a_list(text, expected):
    refs = [r for r in find_references(text, CTX) if r.kind == "decision"]
    assert [(r.body, r.date.isoformat() if r.date else None, r.number) for r in refs] == expected
    assert all("body" not in r.inferred for r in refs)
    for r in refs:
        assert text[r.span[0]:r.span[1]] == r.text


def test_a_list_without_a_printed_body_infers_each_body():
    refs = find_references("13.3.2025 § 23 ja 24.4.2025 § 41", CTX)
    assert [(r.body, r.inferred) for r in refs] == [("Sivistyslautakunta", ("body",))] * 2


# -- laws with a statute number -------------------------------------------------------------------
# text, (law, section, subsection, statute)
STATUTE_TESTS = [
    ("Kuntalain (410/2015) 39 §:n mukaan", ("kuntalaki", 39, None, "410/2015")),
    ("kuntalain (410/2015) 70 §:n 3 momentin mukaan", ("kuntalaki", 70, 3, "410/2015")),
    ("Vaalilain (714/1998) 93 §:n 2 momentin", ("vaalilaki", 93, 2, "714/1998")),
    ("Hallintolain (434/2003) 28 §:ssä", ("hallintolaki", 28, None, "434/2003")),
    ("maankäyttö- ja rakennuslain (132/1999) 58 §:n", ("maankäyttö- ja rakennuslaki", 58, None, "132/1999")),
    ("enligt kommunallagen (410/2015) 39 §", ("kommunallag", 39, None, "410/2015")),
    ("enligt förvaltningslagen (434/2003) 28 §", ("förvaltningslag", 28, None, "434/2003")),
    ("enligt 39 § i kommunallagen (410/2015)", ("kommunallag", 39, None, "410/2015")),
    ("enligt 92 § kommunallagen (410/2015)", ("kommunallag", 92, None, "410/2015")),
    ("Kuntalain 39 §:n mukaan", ("kuntalaki", 39, None, None)),
]


@pytest.mark.parametrize("text, expected", STATUTE_TESTS)
def test_laws_with_a_statute_number(text, expected):
    refs = find_references(text, CTX)
    assert [(r.law, r.section, r.subsection, r.statute) for r in refs] == [expected]   # nothing else
    assert refs[0].kind == "law"
    assert text[refs[0].span[0]:refs[0].span[1]] == refs[0].text


def test_the_statute_number_is_in_the_json():
    (ref,) = find_references("Kuntalain (410/2015) 39 §:n mukaan")
    assert ref.to_dict()["statute"] == "410/2015"
    (ref,) = find_references("Kuntalain 39 §:n mukaan")
    assert "statute" not in ref.to_dict()


# -- bodies recognised by their form ----------------------------------------------------------------
# text, (body, date, number) of the one decision reference; None: no reference names a body there
FORM_TESTS = [
    ("Samarbetsgruppen 12.1.2023, 7 §", ("Samarbetsgruppen", "2023-01-12", 7)),
    ("Samarbetsgruppens 12.1.2023, 7 §", ("Samarbetsgruppen", "2023-01-12", 7)),
    ("Styrgruppen 3.4.2024, 12 §", ("Styrgruppen", "2024-04-03", 12)),
    ("Arbetsgruppen 3.4.2024 § 12", ("Arbetsgruppen", "2024-04-03", 12)),
    ("Ungdomsrådet 9.5.2023, 13 §", ("Ungdomsrådet", "2023-05-09", 13)),
    ("Äldrerådets 9.5.2023, 13 §", ("Äldrerådet", "2023-05-09", 13)),
    ("Personalsektionens 28.3.2023, 19 §", ("Personalsektionen", "2023-03-28", 19)),
    ("Direktionsstyrelsen 1.2.2024, 4 §", ("Direktionsstyrelsen", "2024-02-01", 4)),
    ("Ungdomsfullmäktiges 9.5.2023, 37 §", ("Ungdomsfullmäktige", "2023-05-09", 37)),
    ("Byggnadsnämnden 2.3.2023, 8 §", ("Byggnadsnämnden", "2023-03-02", 8)),
    ("Työryhmä 7.10.2024 § 6", ("Työryhmä", "2024-10-07", 6)),
    ("ohjausryhmän 5.5.2024 § 3 päätös", ("Ohjausryhmä", "2024-05-05", 3)),
    ("Ohjausryhmä 5.5.2024 § 3", ("Ohjausryhmä", "2024-05-05", 3)),
    ("hankintajaostossa 2.9.2024 § 15", ("Hankintajaosto", "2024-09-02", 15)),
    ("vaalitoimikunnalle 2.9.2024 § 15", ("Vaalitoimikunta", "2024-09-02", 15)),
    ("vanhusneuvostolta 2.9.2024 § 15", ("Vanhusneuvosto", "2024-09-02", 15)),
    # ordinary words ending like a body name are not bodies: the meeting's body is inferred
    ("området 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
    ("Bostadsområdet 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
    ("förrådet 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
    ("Förrådet 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
    ("grupperna 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
    ("Gruppens medlemmar 12.1.2023, 7 §", ("Sivistyslautakunta", "2023-01-12", 7)),
]


@pytest.mark.parametrize("text, expected", FORM_TESTS)
def test_bodies_by_their_form(text, expected):
    (ref,) = [r for r in find_references(text, CTX) if r.kind == "decision"]
    assert (ref.body, ref.date.isoformat(), ref.number) == expected
    assert ("body" in ref.inferred) == (expected[0] == CTX.body)


# -- abbreviations resolved with the organisation's table ----------------------------------------
# organisation, text, body of the reference
ORGANIZATION_TESTS = [
    ("Lapuan kaupunki", "Kh 20.3.2017 § 66", "Kaupunginhallitus"),
    ("Järvelän kunta", "Kh 20.3.2017 § 66", "Kunnanhallitus"),
    ("Järvelän kunta", "KV 9.12.2024 § 88", "Kunnanvaltuusto"),
    ("Järvelän kunta", "Kvalt 9.12.2024, 88 §", "Kunnanvaltuusto"),
    ("Oulun kaupunki", "Khall § 12", "Kaupunginhallitus"),
    (None, "Kv 9.12.2024 § 88", "Kaupunginvaltuusto"),
    ("Järvelän kunta", "Sivla 4.3.2025 § 21", "Sivistyslautakunta"),
    ("Lapuan kaupunki", "Tela 4.3.2025 § 21", "Tekninen lautakunta"),
    ("Lapuan kaupunki", "Ympla 4.3.2025 § 21", "Ympäristölautakunta"),
    ("Helsingin kaupunki", "Ylj 14.10.2021 § 209", "Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto"),
    # an abbreviation the organisation's tables do not hold stays as printed
    ("Lapuan kaupunki", "Ylj 14.10.2021 § 209", "Ylj"),
]


@pytest.mark.parametrize("organization, text, body", ORGANIZATION_TESTS)
def test_abbreviations_by_organisation(organization, text, body):
    context = Context(organization, "Sivistyslautakunta", date(2025, 1, 1))
    (ref,) = find_references(text, context)
    assert ref.body == body and "body" not in ref.inferred


@pytest.mark.parametrize("claimed,span,free", [
    ([], (3, 5), True),
    ([(3, 5)], (3, 5), False),
    ([(3, 5)], (0, 3), True),
    ([(3, 5)], (5, 9), True),
    ([(3, 5)], (4, 9), False),
    ([(3, 5)], (0, 4), False),
    ([(3, 5), (10, 20)], (5, 10), True),
    ([(10, 20), (3, 5)], (12, 13), False),
    ([(3, 5), (10, 20)], (0, 30), False),
])
def test_claimed_spans(claimed, span, free):
    from minutes.parse.spans import Claimed

    taken = Claimed()
    for c in claimed:
        taken.add(c)
    assert taken.free(span) is free


@pytest.mark.parametrize("text, numbers", [
    ("Kunnanhallitus 3.2.2024 § 99999999999999999999999 päätti asiasta.", []),
    ("Kuntalain 99999999999999999999 §:n mukaan.", []),
    ("Kunnanhallitus 3.2.2024 § 999999 ja 12.2.2024 § 1234567 päättivät.", [999999]),
    ("Kunnanhallitus 3.2.2024 § 1000000 päätti.", []),
])
def test_a_number_of_more_than_six_digits_is_a_figure_not_a_section(text, numbers):
    """No § or law section is numbered past 999,999: a longer number is a figure, and storing it
    as a reference would overflow a database's integer."""
    found = [r.number or r.section for r in find_references(text, CTX)]
    assert found == numbers


def test_a_document_citing_a_huge_section_number_is_stored(tmp_path):
    from minutes import parse_document
    from minutes.store import open_store

    path = tmp_path / "kh.txt"
    path.write_text("Testilän kunta\nKunnanhallitus\nPöytäkirja 1/2025\n Aika 3.2.2025 klo 17:00\n\n§ 5 Asia\n"
                    "Kunnanhallitus 3.2.2024 § 99999999999999999999999 päätti asiasta.\nPäätös\nHyväksyttiin.\n",
                    encoding="utf-8")
    with open_store(tmp_path / "m.db") as store:
        assert store.upsert(parse_document(path)) == "inserted"
