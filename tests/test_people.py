"""People and decisions in the store: names typed in any case form find the person, two people
sharing a surname stay apart when the first name is given, search narrows by outcome, vote and
person, ``minutes person`` lists what a person did, and the decisions' tables are rebuilt from the
stored records when an older database is opened (records stored before decisions get no rows
until they are ingested again with --reparse)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from decision_minutes import BOARD, COUNCIL, store_minutes, write_minutes

from minutes.cli import main
from minutes.language.lexicon import load_name_endings
from minutes.language.names import base_forms, name_key, name_words, query_forms
from minutes.parse.decisions.people import meeting_role
from minutes.store import Store
from minutes.store.decisions import TABLES
from minutes.store.filters import Filters
from minutes.store.migrations import LATEST, schema_version

# (typed, a base form it must give): Voikko or the endings of models/names.toml
NAME_FORMS = [
    ("Virtaselle", "virtanen"), ("Virtasen", "virtanen"), ("Virtasesta", "virtanen"),
    ("Hellan", "hella"), ("Hellalle", "hella"), ("Hellalta", "hella"),
    ("Laineen", "laine"), ("Salon", "salo"), ("Mäelle", "mäki"), ("Koivusaaren", "koivusaari"),
    ("Holms", "holm"), ("Virtanen", "virtanen"), ("HELLA", "hella"),
]


@pytest.mark.parametrize("typed, base", NAME_FORMS)
def test_a_typed_name_gives_its_base_form(typed, base):
    forms = base_forms(typed)
    assert forms[0] == typed.casefold() and base in forms


def test_name_keys_and_words():
    assert name_key("  Pekka   HELLA ") == "pekka hella"
    assert name_words("Pirjo Mäki-Virtanen") == ("pirjo", "mäki", "virtanen")
    assert [forms[0] for forms in query_forms("Sanna Virtaselle")] == ["sanna", "virtaselle"]
    assert query_forms("  --  ") == ()


def test_the_name_endings_are_valid_data():
    data = load_name_endings()
    assert set(data.endings) == {"fi", "sv"} and data.min_stem >= 2
    for language, pairs in data.endings.items():
        assert len(set(pairs)) == len(pairs), f"{language}: a rule twice"
        for ending, replacement in pairs:
            assert ending == ending.casefold() and ending.isalpha()
            assert replacement == "" or replacement.isalpha()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    path = folder / "m.db"
    with Store(path) as store:
        store_minutes(store, folder / "docs")
    return path


def _ids(store, query: str = "", **filters) -> list[str]:
    return sorted(h.item_id for h in store.search(query, Filters(**filters), 50))


def test_the_tables_hold_the_decisions_and_people(db):
    with Store(db, readonly=True) as store:
        c = store.conn
        assert c.execute("SELECT count(*) FROM decisions WHERE stage_pk IS NULL").fetchone()[0] == 5
        assert sorted(c.execute("SELECT outcome, count(*) FROM decisions GROUP BY outcome").fetchall()) == [
            ("amended", 1), ("as_proposed", 3), ("tabled", 1)]
        assert c.execute("SELECT yes, no, blank, absent FROM votes").fetchall() == [(3, 2, 0, 0)]
        ballots = c.execute("SELECT b.name, p.name, b.vote FROM ballots b JOIN people p ON p.pk = b.person_pk "
                            "ORDER BY b.rowid").fetchall()
        assert ballots == [("Virtanen", "Maija Virtanen", "yes"), ("Salo", "Olli Salo", "yes"),
                           ("Laine", "Aino Laine", "yes"), ("Pekka Hella", "Pekka Hella", "no"),
                           ("Juha Hella", "Juha Hella", "no")]
        motions = c.execute("SELECT mover, kind, result, (SELECT group_concat(name) FROM seconders s "
                            "WHERE s.motion_pk = motions.pk) FROM motions ORDER BY pk").fetchall()
        assert motions == [("Pekka Hella", "return", "rejected", "Maija Virtanen"),
                           ("Aino Laine", "table", "adopted", "Olli Salo"),
                           ("Sanna Virtanen", "amendment", "adopted", "Aino Laine")]
        assert c.execute("SELECT d.name, p.name, d.reason FROM disqualifications d JOIN people p "
                         "ON p.pk = d.person_pk").fetchall() == [("Juha Hella", "Juha Hella", "asianosaisjäävi")]
        assert c.execute("SELECT name FROM dissents").fetchall() == [("Pekka Hella",)]
        presenters = c.execute("SELECT DISTINCT p.name FROM item_people ip JOIN people p ON p.pk = ip.person_pk "
                               "WHERE ip.role = 'presenter'").fetchall()
        assert presenters == [("Eero Mäki",)]
        roles = {r for (r,) in c.execute("SELECT role FROM person_roles r JOIN people p ON p.pk = r.person_pk "
                                         "WHERE p.name = 'Juha Hella'")}
        assert {"participant", "substitute", "voter", "disqualified"} <= roles


def test_search_by_outcome_and_vote(db):
    with Store(db, readonly=True) as store:
        assert _ids(store, outcome="amended") == [f"{COUNCIL}/5"]
        assert _ids(store, outcome="tabled") == [f"{BOARD}/12"]
        assert _ids(store, voted=True) == [f"{BOARD}/10"]
        assert _ids(store, "uimahallin", voted=True) == [f"{BOARD}/10"]
        assert _ids(store, "talousarvio", voted=True) == []
        assert _ids(store, outcome="rejected") == []


def test_search_by_person_in_any_case_form(db):
    with Store(db, readonly=True) as store:
        # Maija Virtanen seconded and voted in the board; Sanna Virtanen moved in the council
        assert _ids(store, person="Virtaselle") == [f"{BOARD}/10", f"{COUNCIL}/5"]
        assert _ids(store, person="Sanna Virtasen") == [f"{COUNCIL}/5"]
        assert _ids(store, person="maija virtanen") == [f"{BOARD}/10"]
        # two Hellas: the surname finds both, the first name tells them apart
        assert _ids(store, person="Hellan") == [f"{BOARD}/10", f"{BOARD}/11", f"{COUNCIL}/5"]
        assert _ids(store, person="Juha Hella") == [f"{BOARD}/10", f"{BOARD}/11"]
        assert _ids(store, person="Pekka Hellalle") == [f"{BOARD}/10", f"{COUNCIL}/5"]
        assert _ids(store, person="Juha Hella", role="disqualified") == [f"{BOARD}/11"]
        assert _ids(store, person="Mäelle", role="presenter") == [f"{BOARD}/10", f"{BOARD}/11", f"{BOARD}/12"]
        assert _ids(store, person="Olli Salo", role="participant") == [
            f"{BOARD}/10", f"{BOARD}/11", f"{BOARD}/12", f"{COUNCIL}/5", f"{COUNCIL}/6"]
        assert _ids(store, "talousarvio", person="Hella") == [f"{COUNCIL}/5"]
        assert _ids(store, person="Nobody") == []


def test_the_search_command_takes_the_filters(db):
    runner = CliRunner()
    result = runner.invoke(main, ["search", "--voted", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    (hit,) = listed["hits"]
    assert listed["total"] == 1 and listed["mode"] == "listed"
    assert hit["item_id"] == f"{BOARD}/10" and "äänin 3–2" in hit["snippet"]
    result = runner.invoke(main, ["search", "--person", "Hellan", "--outcome", "amended", "--db", str(db)])
    assert result.exit_code == 0 and f"{COUNCIL}/5" in result.output and BOARD not in result.output
    result = runner.invoke(main, ["search", "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr == ("minutes: error: give a QUERY, or --outcome, --voted, --person or --goal to list the "
                             "items they select\n")
    result = runner.invoke(main, ["search", "--role", "mover", "--db", str(db)])
    assert result.exit_code == 2 and "--role needs --person" in result.stderr
    result = runner.invoke(main, ["search", "--outcome", "accepted", "--db", str(db)])
    assert result.exit_code == 2


def test_person_lists_what_they_did(db):
    with Store(db, readonly=True) as store:
        (juha,) = store.person("Juha Hellan")
        assert juha.name == "Juha Hella"
        assert [m["meeting_id"] for m in juha.meetings] == [BOARD]
        assert {"participant", "substitute", "voter", "disqualified"} <= set(juha.meetings[0]["roles"])
        assert [(v["item_id"], v["vote"]) for v in juha.votes] == [(f"{BOARD}/10", "no")]
        assert [(d["item_id"], d["reason"]) for d in juha.disqualifications] == [(f"{BOARD}/11", "asianosaisjäävi")]
        assert juha.motions == [] and juha.presented == []
        hellas = store.person("Hella")
        assert [p.name for p in hellas] == ["Pekka Hella", "Juha Hella"]     # the most active first
        pekka = hellas[0]
        assert [m["meeting_id"] for m in pekka.meetings] == [COUNCIL, BOARD]   # in date order
        (motion,) = pekka.motions
        assert (motion["item_id"], motion["kind"], motion["result"], motion["seconded_by"]) == (
            f"{BOARD}/10", "return", "rejected", ["Maija Virtanen"])
        assert [d["item_id"] for d in pekka.dissents] == [f"{COUNCIL}/5"]
        (maki,) = store.person("Mäki")
        assert [i["number"] for i in maki.presented] == [10, 11, 12]
        (maija,) = store.person("Maija Virtaselle")
        assert [(s["item_id"], s["by"]) for s in maija.seconded] == [(f"{BOARD}/10", "Pekka Hella")]
        assert [p.name for p in store.person("Virtanen")] == ["Maija Virtanen", "Sanna Virtanen"]
        assert store.person("Virtanen", Filters(date_to=date(2024, 12, 31)))[0].name == \
            "Sanna Virtanen"
        assert store.person("Nobody") == []


def test_the_person_command(db):
    runner = CliRunner()
    result = runner.invoke(main, ["person", "Juha Hella", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Juha Hella"
    assert "disqualifications (1):" in result.output and "asianosaisjäävi" in result.output
    assert "votes cast (1):" in result.output and f"{BOARD}/11" in result.output
    data = json.loads(runner.invoke(main, ["person", "Hella", "--db", str(db), "--format", "json"]).output)
    assert [p["name"] for p in data] == ["Pekka Hella", "Juha Hella"]
    assert set(data[0]) == {"name", "roles", "meetings", "presented", "prepared", "motions", "seconded", "votes",
                            "disqualifications", "dissents"}
    missing = runner.invoke(main, ["person", "Kukaan Ei", "--db", str(db)])
    assert missing.exit_code == 9 and missing.stderr == f"minutes: error: Kukaan Ei: nobody of that name in {db}\n"
    assert runner.invoke(main, ["person", "--", "--db", str(db)]).exit_code == 2


def _decision_rows(conn) -> dict:
    return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in TABLES}


def test_an_older_database_gets_its_decision_tables_filled_on_open(tmp_path):
    folder = tmp_path / "docs"
    db = tmp_path / "m.db"
    with Store(db) as store:
        store_minutes(store, folder)
        before = _decision_rows(store.conn)
    conn = sqlite3.connect(db, isolation_level=None)
    for table in TABLES:                                     # as stored by a version of schema 8
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store(db) as store:
        assert schema_version(store.conn) == LATEST
        assert _decision_rows(store.conn) == before
        assert before["people"] and before["votes"] and before["motions"]
        assert _ids(store, person="Juha Hella") == [f"{BOARD}/10", f"{BOARD}/11"]


def test_records_stored_before_decisions_get_rows_when_ingested_again(tmp_path):
    folder = tmp_path / "docs"
    write_minutes(folder)
    db = tmp_path / "m.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-q"]).exit_code == 0
    conn = sqlite3.connect(db, isolation_level=None)
    for pk, raw in conn.execute("SELECT pk, record FROM documents").fetchall():   # written before decisions
        data = json.loads(raw)
        data.pop("people")
        for item in data["items"]:
            for key in ("outcome", "outcome_evidence", "resolution", "votes", "motions", "disqualifications",
                        "dissents"):
                item.pop(key, None)
                for stage in item["history"]:
                    stage.pop(key, None)
        conn.execute("UPDATE documents SET record = ? WHERE pk = ?", (json.dumps(data), pk))
    for table in TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with Store(db) as store:                          # migrated: nothing to read decisions from
        assert all(not rows for rows in _decision_rows(store.conn).values())
        counted = store.stats(Filters(), "body").total
        assert (counted.items, counted.analysed) == (5, 0)
    unread = runner.invoke(main, ["person", "Juha Hella", "--db", str(db)])
    assert unread.exit_code == 9
    assert "5 stored items were stored before people were read" in unread.stderr and "--reparse" in unread.stderr
    again = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-q"])
    assert "2 unchanged" in again.output
    reparsed = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-q", "--reparse"])
    assert reparsed.exit_code == 0 and "2 updated" in reparsed.output
    with Store(db, readonly=True) as store:
        assert _ids(store, voted=True) == [f"{BOARD}/10"]
        assert store.stats(Filters(), "body").total.analysed == 5
        assert store.counts()["documents"] == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_typed_name_is_answered_without_error(db, name):
    with Store(db, readonly=True) as store:
        people = store.person(name)
        hits = store.search("", Filters(person=name), 50)
        counted = store.stats(Filters(person=name), "presenter").total
    found = {p.name for p in people}
    assert found <= {"Maija Virtanen", "Sanna Virtanen", "Pekka Hella", "Juha Hella", "Olli Salo", "Aino Laine",
                     "Eero Mäki"}
    assert counted.items == len(hits) == hits.total and (not hits) == (counted.items == 0)


def test_show_and_parse_print_what_was_decided(db, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(main, ["show", f"{BOARD}/10", "--db", str(db)]).output
    assert "decision: as_proposed, decided — Kaupunginhallitus hyväksyi esittelijän ehdotuksen äänin 3–2." in shown
    assert "  vote: yes 3, no 2, 5 names in the roll call" in shown
    assert "  motion: return by Pekka Hella, seconded by Maija Virtanen: rejected — asia palautetaan valmisteluun" \
        in shown
    assert "  disqualified: Juha Hella (asianosaisjäävi)" in runner.invoke(
        main, ["show", f"{BOARD}/11", "--db", str(db)]).output
    board, _ = write_minutes(tmp_path)
    outline = runner.invoke(main, ["parse", str(board)]).output
    assert "    decision: as_proposed, decided; 1 vote, 1 motion" in outline
    assert "    decision: tabled, other; 1 motion" in outline


def test_a_name_of_hundreds_of_words_names_nobody_and_crashes_nothing(db):
    """SQLite allows 500 terms in a compound SELECT: a typed name longer than any stored name
    selects nobody instead of failing."""
    long_name = " ".join(f"Nimi{k}" for k in range(600))
    runner = CliRunner()
    result = runner.invoke(main, ["person", long_name, "--db", str(db)])
    assert result.exit_code == 9 and "nobody of that name" in result.output
    result = runner.invoke(main, ["search", "--person", long_name, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["hits"] == []


@pytest.mark.parametrize("printed, role", [
    ("puheenjohtaja", "chair"), ("Puheenjohtaja", "chair"), ("2. varapuheenjohtaja", "vice_chair"),
    ("varapuheenjohtaja", "vice_chair"), ("Ordförande", "chair"), ("vice ordförande", "vice_chair"),
    ("esittelijä", "presenter"), ("Föredragande", "presenter"), ("pöytäkirjanpitäjä", "secretary"),
    ("sekreterare", "secretary"), ("varajäsen", "substitute"), ("ersättare", "substitute"),
    ("jäsen", "member"), ("ledamot", "member"), ("kaupunginjohtaja", None), ("nuorisovaltuuston edustaja", None),
])
def test_a_printed_participant_role_becomes_a_people_role(printed, role):
    assert meeting_role(printed) == role
