"""``minutes stats``: counts and shares of outcomes, votes, motions and their success,
disqualifications and dissents per body, year or presenter, as a table, JSON and CSV; each item
once, in its decided version, by its own decision."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from decision_minutes import store_minutes, write_minutes

from minutes import parse_document
from minutes.cli import main
from minutes.store import Store
from minutes.store.filters import Filters


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats")
    path = folder / "m.db"
    with Store(path) as store:
        store_minutes(store, folder / "docs")
        # the samples too: an agenda and other bodies, with a vote and a motion of their own
        root = Path(__file__).resolve().parent.parent / "samples"
        for name in ("rantala-sivltk-2025-09-10-esityslista.docx", "lahdenpera-kv-2025-06-16-235.html"):
            store.upsert(parse_document(root / name))
    return path


def _groups(stats) -> dict:
    return {g.group: g for g in stats.groups}


def test_counts_per_body(db):
    with Store(db, readonly=True) as store:
        stats = store.stats(Filters(org="Esimerkin"), "body")
    board, council = _groups(stats)["Kaupunginhallitus"], _groups(stats)["Kaupunginvaltuusto"]
    assert [g.group for g in stats.groups] == ["Kaupunginhallitus", "Kaupunginvaltuusto"]   # most items first
    assert (board.items, board.analysed, board.voted, board.votes) == (3, 3, 1, 1)
    assert board.outcomes["as_proposed"] == 2 and board.outcomes["tabled"] == 1
    assert (board.motions, board.motion_results["adopted"], board.motion_results["rejected"]) == (2, 1, 1)
    assert (board.disqualifications, board.dissents) == (1, 0)
    assert council.outcomes["amended"] == 1 and council.dissents == 1
    data = stats.to_dict()
    first = data["groups"][0]
    assert first["outcomes"]["as_proposed"] == {"count": 2, "share": 0.6667}
    assert first["votes"] == {"items": 1, "share": 0.3333, "count": 1}
    assert first["motions"]["success"] == 0.5
    assert first["disqualifications"] == {"count": 1, "items": 1, "share": 0.3333}
    assert data["total"]["items"] == 5 and data["total"]["outcomes"]["amended"]["share"] == 0.2


def test_counts_per_year_and_presenter(db):
    with Store(db, readonly=True) as store:
        years = store.stats(Filters(), "year")
        presenters = store.stats(Filters(org="Esimerkin"), "presenter")
        filtered = store.stats(Filters(person="Hellan"), "body")
    assert [(g.group, g.items) for g in years.groups] == [("2024", 2), ("2025", 7)]
    assert years.total.items == 9 and years.total.outcomes["no_decision"] == 3    # the agenda's items
    assert years.total.voted == 2 and years.total.motions == 4
    assert [(g.group, g.items) for g in presenters.groups] == [("Eero Mäki", 3), (None, 2)]
    assert _groups(presenters)["Eero Mäki"].outcomes["tabled"] == 1
    assert filtered.total.items == 3
    with pytest.raises(ValueError, match="cannot group by 'party'"):
        Store(db, readonly=True).stats(Filters(), "party")


def test_an_item_stored_as_agenda_and_minutes_counts_once(tmp_path):
    folder = tmp_path / "docs"
    board, _ = write_minutes(folder)
    agenda = folder / "esimerkki-kh-2025-03-03-esityslista.txt"
    agenda.write_text(board.read_text(encoding="utf-8").replace("Pöytäkirja 4/2025", "Esityslista 4/2025"),
                      encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        for path in (agenda, board):
            store.upsert(parse_document(path))
        assert store.counts()["documents"] == 2
        assert store.stats(Filters(), "body").total.items == 3


def test_the_stats_command_prints_a_table_json_and_csv(db):
    runner = CliRunner()
    table = runner.invoke(main, ["stats", "--db", str(db), "--org", "Esimerkin"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split()[:4] == ["body", "items", "analysed", "as_proposed"]
    assert lines[1].split()[:5] == ["Kaupunginhallitus", "3", "3", "2", "(67%)"]
    assert lines[-1].split()[:3] == ["all", "5", "5"]
    data = json.loads(runner.invoke(main, ["stats", "--db", str(db), "--by", "year", "--format", "json"]).output)
    assert data["by"] == "year" and [g["group"] for g in data["groups"]] == ["2024", "2025"]
    assert data["total"]["motions"]["count"] == 4
    out = runner.invoke(main, ["stats", "--db", str(db), "--by", "presenter", "--format", "csv", "--org", "Esimerkin"])
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert [r["presenter"] for r in rows] == ["Eero Mäki", "", "all"]
    assert rows[0]["items"] == "3" and rows[0]["tabled"] == "1" and rows[0]["motions_adopted"] == "1"
    assert rows[0]["disqualifications"] == "1" and rows[-1]["amended_share"] == "0.2"
    voted = runner.invoke(main, ["stats", "--db", str(db), "--voted", "--format", "json"])
    assert json.loads(voted.output)["total"]["items"] == 2
    assert runner.invoke(main, ["stats", "--db", str(db), "--by", "party"]).exit_code == 2


def test_the_csv_export_has_each_items_decision(db):
    out = CliRunner().invoke(main, ["export", "--format", "csv", "--org", "Esimerkin", "--db", str(db)])
    rows = {r["item_id"].rsplit("/", 2)[-2] + "/" + r["number"]: r for r in csv.DictReader(io.StringIO(out.output))}
    vote = rows["2025-03-03/10"]
    assert (vote["outcome"], vote["resolution"], vote["votes"], vote["motions"], vote["motions_adopted"]) == (
        "as_proposed", "decided", "1", "1", "0")
    assert rows["2025-03-03/11"]["disqualified"] == "Juha Hella"
    assert rows["2024-11-18/5"]["outcome"] == "amended" and rows["2024-11-18/5"]["dissenting"] == "Pekka Hella"
