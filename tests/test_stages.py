"""Earlier handlings keep their body as printed and gain its full name (``body_name``), looked up
after parsing with the abbreviations of the meeting's organisation (table-driven)."""

from datetime import date

import pytest

from minutes import parse_bytes
from minutes.parse.lines import match_stage
from minutes.parse.pipeline import name_bodies
from minutes.parse.stages import printed_body
from minutes.record import Record, Section, Stage
from minutes.render import stage_name

ITEM = """{organization}
Kaupunginvaltuusto
Pöytäkirja 2/2017
 Aika 10.4.2017 klo 18:00 - 20:10

§ 21 Uimahallin peruskorjauksen hankesuunnitelma
{stage}
Hallitus esittää valtuustolle hankesuunnitelman hyväksymistä.
Päätös
Hyväksyttiin.
Kaupunginvaltuusto 10.4.2017 § 21
Ehdotus
Valtuusto hyväksyy hankesuunnitelman.
Päätös
Hyväksyttiin.
"""

# organisation, stage line as printed, (body, body_name, date, number) of the earlier handling
STAGE_TESTS = [
    ("Rantalan kaupunki", "Kh 20.3.2017 § 66", ("Kh", "Kaupunginhallitus", "2017-03-20", 66)),
    ("Rantalan kaupunki", "KH 20.3.2017 § 66", ("KH", "Kaupunginhallitus", "2017-03-20", 66)),
    ("Rantalan kaupunki", "Khall 20.3.2017 § 66", ("Khall", "Kaupunginhallitus", "2017-03-20", 66)),
    ("Mäkelän kunta", "Kh 20.3.2017 § 66", ("Kh", "Kunnanhallitus", "2017-03-20", 66)),
    ("Mäkelän kunta", "Khall 20.3.2017 § 66", ("Khall", "Kunnanhallitus", "2017-03-20", 66)),
    ("Rantalan kaupunki", "Tela 14.2.2017 § 12", ("Tela", "Tekninen lautakunta", "2017-02-14", 12)),
    ("Mäkelän kunta", "Sivla 14.2.2017 § 12", ("Sivla", "Sivistyslautakunta", "2017-02-14", 12)),
    ("Rantalan kaupunki", "Ksylk 14.2.2017 § 12",
     ("Ksylk", "Kaupunkisuunnittelu- ja ympäristölautakunta", "2017-02-14", 12)),
    ("Helsingin kaupunki", "Ylj 14.2.2017 § 12",
     ("Ylj", "Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto", "2017-02-14", 12)),
    # an abbreviation only another organisation's table knows: printed, no full name
    ("Rantalan kaupunki", "Ylj 14.2.2017 § 12", ("Ylj", None, "2017-02-14", 12)),
    # printed in full: the full name is the name printed
    ("Rantalan kaupunki", "Kaupunginhallitus 20.3.2017 § 66",
     ("Kaupunginhallitus", "Kaupunginhallitus", "2017-03-20", 66)),
    ("Mäkelän kunta", "Tekninen lautakunta, § 12, 14.02.2017",
     ("Tekninen lautakunta", "Tekninen lautakunta", "2017-02-14", 12)),
]


@pytest.mark.parametrize("organization, line, expected", STAGE_TESTS)
def test_stage_keeps_its_body_as_printed_and_gains_its_full_name(organization, line, expected):
    text = ITEM.format(organization=organization, stage=line)
    record = parse_bytes(text.encode(), "poytakirja.txt")
    (item,) = record.items
    assert record.meeting.organization == organization
    assert [(h.body, h.body_name, h.date.isoformat(), h.number) for h in item.history] == [expected]
    (entry,) = record.to_dict()["items"][0]["history"]
    assert (entry["body"], entry["body_name"]) == expected[:2]
    assert Record.from_dict(record.to_dict()) == record


DECISION = Section("decision", "Päätös", "Hyväksyttiin.")


def test_the_current_handling_listed_under_an_abbreviation_is_not_history():
    history = (Stage("Kh", None, 190), Stage("Ksylk", date(2017, 4, 4), 84))
    named = name_bodies(history, "Turun kaupunki", "Kaupunginhallitus", 190)
    assert [(h.body, h.number) for h in named] == [("Ksylk", 84)]


def test_a_handling_listed_under_two_names_is_one():
    history = (Stage("Kh", date(2017, 3, 20), 66),
               Stage("Kaupunginhallitus", date(2017, 3, 20), 66, (DECISION,)))
    (stage,) = name_bodies(history, "Rantalan kaupunki", "Kaupunginvaltuusto", 21)
    assert (stage.body, stage.body_name, stage.sections) == ("Kaupunginhallitus", "Kaupunginhallitus", (DECISION,))


def test_handlings_of_other_dates_stay_apart():
    history = (Stage("Kh", date(2017, 3, 20), 66), Stage("Kaupunginhallitus", date(2018, 3, 19), 66))
    assert len(name_bodies(history, "Rantalan kaupunki", "Kaupunginvaltuusto", 21)) == 2


# stage line, body as printed (the canonical name is kept inside the parser for matching)
PRINTED_TESTS = [
    ("Kh § 195", "Kh"),
    ("Ksylk § 84", "Ksylk"),
    ("Kh 20.3.2017 § 66", "Kh"),
    ("Kaupunginhallitus, § 102,31.03.2025", "Kaupunginhallitus"),
    ("Sivistys- ja  kulttuurilautakunta 25.2.2016 § 32", "Sivistys- ja kulttuurilautakunta"),
    ("Välfärdsnämnden 15.9.2022, 42 §", "Välfärdsnämnden"),
]


@pytest.mark.parametrize("line, printed", PRINTED_TESTS)
def test_printed_body_of_a_stage_line(line, printed):
    assert printed_body(match_stage(line)) == printed


def test_two_printed_handlings_of_one_number_both_stay():
    """A handling printed twice with its text (a Tweb print) loses no text."""
    history = (Stage("Samarbetsgruppen", date(2023, 1, 12), 7, (DECISION,)),
               Stage("Samarbetsgruppen", date(2023, 1, 12), 7, (DECISION,)))
    assert len(name_bodies(history, None, "Personalsektionen", 16)) == 2


# body, body_name, as the outline prints the handling
NAME_TESTS = [
    ("Kh", "Kaupunginhallitus", "Kh (Kaupunginhallitus)"),
    ("Kaupunginhallitus", "Kaupunginhallitus", "Kaupunginhallitus"),
    ("Ylj", None, "Ylj"),
]


@pytest.mark.parametrize("body, name, printed", NAME_TESTS)
def test_the_outline_names_a_handling_as_printed_and_in_full(body, name, printed):
    assert stage_name(Stage(body, None, 1, body_name=name)) == printed
