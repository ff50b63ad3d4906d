"""A strategy is data (issue 14): the YAML contract read and checked, every problem named by its
line and field; strategies stored, listed, replaced and removed. The files are the team's own."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from minutes.cli import main
from minutes.errors import StrategyFileError
from minutes.parse.strategy import read_strategy
from minutes.record import Approval, Goal, Strategy
from minutes.store.sqlite import Store

GOOD = """\
organization: Rantalan kunta
name: Rohkea Rantala 2030
period: {from: 2024, to: 2030}
approved: {body: Kunnanvaltuusto, date: 2024-03-18, number: 12}
goals:
  - id: hyvinvointi
    title: Hyvinvoiva kuntalainen
    description: Liikunta, kulttuuri ja palvelut lähellä.
    keywords: [hyvinvointi, liikunta, kulttuuri]
    subgoals:
      - {id: liikkuminen, title: Liikkuva Rantala, keywords: [liikunta, ulkoilureitti]}
  - id: elinvoima
    title: Elinvoimainen kunta
  - id: talous
    title: Tasapainoinen talous
    keywords: []
"""


def write(tmp_path, text: str):
    path = tmp_path / "strategia.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_strategy_file_is_read(tmp_path):
    read = read_strategy(write(tmp_path, GOOD))
    assert read == Strategy(
        "Rantalan kunta", "Rohkea Rantala 2030", 2024, 2030, Approval("Kunnanvaltuusto", date(2024, 3, 18), 12),
        (Goal("hyvinvointi", "Hyvinvoiva kuntalainen", "Liikunta, kulttuuri ja palvelut lähellä.",
              ("hyvinvointi", "liikunta", "kulttuuri"),
              (Goal("liikkuminen", "Liikkuva Rantala", None, ("liikunta", "ulkoilureitti")),)),
         Goal("elinvoima", "Elinvoimainen kunta"), Goal("talous", "Tasapainoinen talous")))
    assert read.id == "rantalan-kunta/rohkea-rantala-2030"
    assert [g.id for g in read.all_goals()] == ["hyvinvointi", "liikkuminen", "elinvoima", "talous"]
    assert Strategy.from_dict(json.loads(json.dumps(read.to_dict()))) == read


def test_a_strategy_still_in_force_and_without_approval(tmp_path):
    read = read_strategy(write(tmp_path, "organization: Lapuan kaupunki\nname: Onnen resepti\n"
                                         "period: {from: 2023, to: null}\ngoals:\n  - {id: a, title: A}\n"))
    assert (read.period_to, read.approved) == (None, None)


@pytest.mark.parametrize("line, expected", [("", False), ("meaning: true\n", True), ("meaning: false\n", False),
                                            ("meaning: yes\n", True), ("meaning: null\n", False)])
def test_meaning_is_read_when_the_file_asks_for_it(tmp_path, line, expected):
    read = read_strategy(write(tmp_path, GOOD.replace("\ngoals:\n", "\n" + line + "goals:\n")))
    assert read.meaning is expected
    # the definition the store keeps says it only when it is on: a file without it reads as before
    assert ("meaning" in read.to_dict()) is expected
    assert Strategy.from_dict(json.loads(json.dumps(read.to_dict()))) == read


# (a change to GOOD, the line and field the message must name)
BAD = [
    (GOOD.replace("\ngoals:\n", "\nmeaning: maybe\ngoals:\n"), "line 5", "meaning: must be true or false, not 'maybe'"),
    (GOOD.replace("\ngoals:\n", "\nmeaning: 1\ngoals:\n"), "line 5", "meaning: must be true or false"),
    (GOOD.replace("name: Rohkea Rantala 2030\n", ""), None, "name: is required"),
    (GOOD.replace("  - id: elinvoima", "  - id: Elinvoima"), "line 12", "goals[1].id: 'Elinvoima' is not a slug"),
    (GOOD.replace("  - id: talous", "  - id: hyvinvointi"), "line 14",
     "goals[2].id: 'hyvinvointi' is already the id of goals[0]"),
    (GOOD.replace("{id: liikkuminen,", "{id: elinvoima,"), "line 12",
     "goals[1].id: 'elinvoima' is already the id of goals[0].subgoals[0]"),
    (GOOD.replace("period: {from: 2024, to: 2030}", "period: {from: 2024, to: 2020}"), "line 3",
     "period.to: 2020 is before period.from 2024"),
    (GOOD.replace("period: {from: 2024, to: 2030}", "period: {from: kaksi, to: 2030}"), "line 3",
     "period.from: must be a year"),
    (GOOD.replace("date: 2024-03-18", "date: 18.3.2024"), "line 4", "approved.date: must be a date YYYY-MM-DD"),
    (GOOD.replace("number: 12", "number: kaksitoista"), "line 4", "approved.number: must be a § number"),
    (GOOD.replace("    title: Elinvoimainen kunta\n", ""), "line 12", "goals[1].title: is required"),
    (GOOD.replace("    keywords: []", "    keywords: talous"), "line 16", "goals[2].keywords: must be a list"),
    (GOOD.replace("    title: Tasapainoinen talous", "    tittle: Tasapainoinen talous"), "line 15",
     "goals[2].tittle: unknown key"),
    (GOOD.replace("keywords: [liikunta, ulkoilureitti]}", "subgoals: []}"), "line 11",
     "goals[0].subgoals[0].subgoals: unknown key"),       # one level of sub-goals
    (GOOD.replace("goals:\n", "tavoitteet:\n"), "line 5", "tavoitteet: unknown key"),
    (GOOD + "  - [a, b]\n", "line 17", "goals[3]: must be a mapping"),
    ("goals: [\n", "line 2", "not YAML"),
    ("- just\n- a list\n", "line 1", "must be a mapping"),
    ("", None, "must be a mapping"),
]


@pytest.mark.parametrize("text, line, problem", BAD)
def test_a_problem_names_its_line_and_field(tmp_path, text, line, problem):
    path = write(tmp_path, text)
    with pytest.raises(StrategyFileError) as caught:
        read_strategy(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message, message
    if line:
        assert f"{line}:" in message, message
    assert caught.value.exit_code == 2


def test_the_store_keeps_replaces_and_removes_strategies(tmp_path):
    read = read_strategy(write(tmp_path, GOOD))
    with Store(tmp_path / "m.db") as store:
        assert store.add_strategy(read) == "inserted"
        assert store.add_strategy(read) == "unchanged"
        fewer = Strategy(read.organization, read.name, read.period_from, read.period_to, read.approved, read.goals[:1])
        assert store.add_strategy(fewer) == "updated" and store.strategies() == [fewer]
        goals = store.conn.execute("SELECT id, parent FROM strategy_goals ORDER BY position").fetchall()
        assert goals == [("hyvinvointi", None), ("liikkuminen", "hyvinvointi")]
        assert store.remove_strategy(read.id) and not store.remove_strategy(read.id)
        assert store.strategies() == [] and store.conn.execute("SELECT count(*) FROM strategy_goals").fetchone() == (0,)


def test_the_strategy_commands(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "m.db")
    path = write(tmp_path, GOOD)
    added = runner.invoke(main, ["strategy", "add", str(path), "--db", db])
    assert added.exit_code == 0 and added.stdout.startswith("inserted: rantalan-kunta/rohkea-rantala-2030")
    listed = runner.invoke(main, ["strategy", "list", "--db", db])
    assert "rantalan-kunta/rohkea-rantala-2030  Rohkea Rantala 2030" in listed.stdout
    assert "    liikkuminen: Liikkuva Rantala" in listed.stdout
    data = json.loads(runner.invoke(main, ["strategy", "list", "--db", db, "--format", "json"]).stdout)
    assert [g["id"] for g in data[0]["goals"]] == ["hyvinvointi", "elinvoima", "talous"]
    bad = write(tmp_path, GOOD.replace("  - id: elinvoima", "  - id: Elinvoima"))
    refused = runner.invoke(main, ["strategy", "add", str(bad), "--db", db])
    assert refused.exit_code == 2 and "line 12: goals[1].id" in refused.stderr
    missing = runner.invoke(main, ["strategy", "remove", "ei/ole", "--db", db])
    assert missing.exit_code == 9 and "no such strategy" in missing.stderr
    assert runner.invoke(main, ["strategy", "remove", "rantalan-kunta/rohkea-rantala-2030", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["strategy", "list", "--db", db, "--format", "json"]).stdout.strip() == "[]"
