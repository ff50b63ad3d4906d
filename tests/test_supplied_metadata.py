"""Meeting metadata given by the user: options, manifest, sidecar, their precedence, the record's
``supplied`` list and the ``incomplete_metadata`` report line."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutes import MeetingHints, parse_bytes
from minutes.cli import main
from minutes.parse.hints import (
    MetadataError,
    hints_for,
    parse_hint_date,
    read_manifest,
    sidecar_path,
)
from minutes.record import Record

# An item that names no organisation, body or date (the team's own text).
BARE_ITEM = """§ 12 Leikkipuiston kunnostus

Puiston välineet ovat vanhoja ja ne uusitaan kesällä.

Ehdotus
Kunnostussuunnitelma hyväksytään.

Päätös
Ehdotus hyväksyttiin.
"""

# The same kind of item with a cover that prints all three.
COVERED_ITEM = """Kallioniemen kunta
Toimielin Ympäristölautakunta
Aika 14.3.2024 klo 17.00

§ 8 Pohjavesialueen suojelusuunnitelma

Suunnitelma on ollut nähtävillä kuukauden.

Ehdotus
Suunnitelma hyväksytään.

Päätös
Ehdotus hyväksyttiin.
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def bare(tmp_path) -> Path:
    path = tmp_path / "puisto.txt"
    path.write_text(BARE_ITEM, encoding="utf-8")
    return path


@pytest.fixture
def covered(tmp_path) -> Path:
    path = tmp_path / "pohjavesi.txt"
    path.write_text(COVERED_ITEM, encoding="utf-8")
    return path


def parse_json(runner, *args) -> dict:
    result = runner.invoke(main, ["parse", "--format", "json", *map(str, args)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("text, expected", [
    ("2024-03-14", date(2024, 3, 14)),
    ("14.3.2024", date(2024, 3, 14)),
    ("04.03.2024", date(2024, 3, 4)),
])
def test_dates_in_iso_and_finnish_form(text, expected):
    assert parse_hint_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13-01", "31.2.2024", "14/3/2024", "maaliskuu"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD or d.m.yyyy"):
        parse_hint_date(text)


def test_options_fill_a_bare_item_and_build_its_id(runner, bare):
    record = parse_json(runner, "--org", "Kallioniemen kunta", "--body", "Tekninen lautakunta",
                        "--date", "5.6.2024", "--document-type", "agenda", bare)
    assert record["meeting"]["organization"] == "Kallioniemen kunta"
    assert record["meeting"]["body"] == "Tekninen lautakunta"
    assert record["meeting"]["date"] == "2024-06-05"
    assert record["document_type"] == "agenda"
    assert record["items"][0]["id"] == "kallioniemen-kunta/tekninen-lautakunta/2024-06-05/12"
    assert record["supplied"] == ["organization", "body", "date", "document_type"]
    assert not any("incomplete" in w["message"] for w in record["warnings"])


def test_nothing_supplied_gives_an_empty_list_and_an_incomplete_warning(runner, bare):
    record = parse_json(runner, bare)
    assert record["supplied"] == []
    assert {"page": None, "message": "meeting metadata incomplete: organization, body, date not found"} \
        in record["warnings"]


def test_supplied_values_win_over_what_is_read(runner, covered):
    record = parse_json(runner, "--body", "Kunnanhallitus", covered)
    assert record["meeting"]["body"] == "Kunnanhallitus"
    assert record["meeting"]["organization"] == "Kallioniemen kunta"   # read, not supplied
    assert record["meeting"]["date"] == "2024-03-14"
    assert record["supplied"] == ["body"]


def test_a_partial_supply_names_only_what_is_still_missing(runner, bare):
    record = parse_json(runner, "--date", "2024-06-05", bare)
    assert record["supplied"] == ["date"]
    assert any(w["message"] == "meeting metadata incomplete: organization, body not found"
               for w in record["warnings"])


def test_a_bad_date_option_is_a_usage_error(runner, bare):
    result = runner.invoke(main, ["parse", "--date", "5/6/2024", str(bare)])
    assert result.exit_code == 2
    assert "'5/6/2024' is not a date (YYYY-MM-DD or d.m.yyyy)" in result.output


def test_sidecar_is_read_and_options_win_over_it(runner, bare):
    sidecar_path(bare).write_text(json.dumps({"organization": "Kallioniemen kunta", "body": "Sivistyslautakunta",
                                              "date": "2024-09-02"}), encoding="utf-8")
    record = parse_json(runner, bare)
    assert record["items"][0]["id"] == "kallioniemen-kunta/sivistyslautakunta/2024-09-02/12"
    assert record["supplied"] == ["organization", "body", "date"]
    record = parse_json(runner, "--body", "Kunnanvaltuusto", bare)
    assert record["meeting"]["body"] == "Kunnanvaltuusto"
    assert record["meeting"]["organization"] == "Kallioniemen kunta"


def test_a_bad_sidecar_names_itself(runner, bare):
    sidecar_path(bare).write_text('{"date": "pian"}', encoding="utf-8")
    result = runner.invoke(main, ["parse", str(bare)])
    assert result.exit_code == 2
    assert f"{sidecar_path(bare)}: date 'pian' is not a date" in result.output


def test_an_unknown_sidecar_key_is_refused(bare):
    sidecar_path(bare).write_text('{"organisation": "Kallioniemen kunta"}', encoding="utf-8")
    with pytest.raises(MetadataError, match="unknown key 'organisation'"):
        hints_for(bare)


def write_manifest(folder: Path, rows: list[str]) -> Path:
    path = folder / "metadata.csv"
    path.write_text("path,organization,body,date,document_type\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_manifest_rows_are_relative_to_the_manifest_and_empty_cells_are_not_supplied(tmp_path, bare):
    manifest = write_manifest(tmp_path, ["puisto.txt,Kallioniemen kunta,,14.3.2024,"])
    rows = read_manifest(manifest)
    assert rows == {bare.resolve(): MeetingHints("Kallioniemen kunta", None, date(2024, 3, 14), None)}


@pytest.mark.parametrize("row, problem", [
    ("puisto.txt,Kallioniemen kunta,,14.14.2024,", "line 2: date '14.14.2024' is not a date"),
    ("puisto.txt,,,,pöytäkirja", "line 2: document_type 'pöytäkirja' is not one of minutes, agenda"),
    ("puuttuu.txt,Kallioniemen kunta,,,", "line 2: no such file 'puuttuu.txt'"),
    (",Kallioniemen kunta,,,", "line 2: the path is empty"),
    ("puisto.txt,a,b,2024-01-01,minutes,extra", "line 2: more cells than columns"),
])
def test_bad_manifest_rows_name_file_line_and_problem(runner, tmp_path, bare, row, problem):
    manifest = write_manifest(tmp_path, [row])
    result = runner.invoke(main, ["ingest", str(bare), "--db", str(tmp_path / "m.db"), "--manifest", str(manifest)])
    assert result.exit_code == 2
    assert f"minutes: error: {manifest}: {problem}" in result.output
    assert not (tmp_path / "m.db").exists()


def test_a_manifest_without_a_path_column_is_refused(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,organization\nx.txt,Kallioniemen kunta\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="line 1: no 'path' column"):
        read_manifest(manifest)


def test_a_misspelt_column_is_refused_on_line_1(tmp_path, bare):
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,organisation\npuisto.txt,Kallioniemen kunta\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="line 1: unknown column 'organisation'"):
        read_manifest(manifest)


def test_a_file_listed_twice_is_refused(tmp_path, bare):
    manifest = write_manifest(tmp_path, ["puisto.txt,A kunta,,,", "./puisto.txt,B kunta,,,"])
    with pytest.raises(MetadataError, match="line 3: './puisto.txt' is listed twice"):
        read_manifest(manifest)


def stored(db: Path) -> dict[str, dict]:
    from minutes.store.sqlite import Store

    with Store(db) as store:
        return {Path(r.source.path).name: r.to_dict() for r in store.iter_records()}


def test_ingest_precedence_manifest_sidecar_options(runner, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(BARE_ITEM.replace("§ 12", f"§ {len(name) + ord(name[0])}"), encoding="utf-8")
    manifest = write_manifest(folder, ["a.txt,Kallioniemen kunta,Kunnanhallitus,2024-02-01,",
                                       "b.txt,Kallioniemen kunta,Kunnanhallitus,2024-02-01,agenda"])
    sidecar_path(folder / "b.txt").write_text('{"body": "Kunnanvaltuusto", "date": "2.3.2024"}', encoding="utf-8")
    db = tmp_path / "m.db"
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-q", "-j", "1",
                                  "--manifest", str(manifest), "--date", "2024-04-04"])
    assert result.exit_code == 0, result.output
    records = stored(db)
    a, b = records["a.txt"], records["b.txt"]
    assert (a["meeting"]["body"], a["meeting"]["date"]) == ("Kunnanhallitus", "2024-04-04")
    assert (b["meeting"]["body"], b["meeting"]["date"], b["document_type"]) == ("Kunnanvaltuusto", "2024-04-04", "agenda")
    assert b["supplied"] == ["organization", "body", "date", "document_type"]
    assert b["items"][0]["id"].startswith("kallioniemen-kunta/kunnanvaltuusto/2024-04-04/")


def ingest_with_report(runner, tmp_path, *files) -> tuple[int, list[dict], Path]:
    """Ingest ``files`` into a fresh database: the exit code, the report's lines, the database."""
    report, db = tmp_path / "report.jsonl", tmp_path / "m.db"
    result = runner.invoke(main, ["ingest", *map(str, files), "--db", str(db), "-q", "-j", "1",
                                  "--report", str(report)])
    return result.exit_code, [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()], db


def test_ingest_reports_incomplete_metadata_stores_the_file_and_exits_0(runner, tmp_path, bare, covered):
    code, lines, db = ingest_with_report(runner, tmp_path, bare, covered)
    assert code == 0
    incomplete = [line for line in lines if line["category"] == "incomplete_metadata"]
    assert [Path(line["path"]).name for line in incomplete] == ["puisto.txt"]
    assert incomplete[0]["message"] == "meeting metadata incomplete: organization, body, date not found"
    assert not any(line["category"] == "parse_warning" and "incomplete" in line["message"] for line in lines)
    assert set(stored(db)) == {"puisto.txt", "pohjavesi.txt"}


def test_supplying_metadata_later_updates_a_stored_file(runner, tmp_path, bare):
    db = tmp_path / "m.db"
    args = ["ingest", str(bare), "--db", str(db), "-q", "-j", "1"]
    assert runner.invoke(main, args).exit_code == 0
    again = runner.invoke(main, args)
    assert "1 unchanged" in again.output
    supplied = runner.invoke(main, [*args, "--org", "Kallioniemen kunta"])
    assert "1 updated" in supplied.output, supplied.output
    assert stored(db)["puisto.txt"]["meeting"]["organization"] == "Kallioniemen kunta"
    assert "1 unchanged" in runner.invoke(main, [*args, "--org", "Kallioniemen kunta"]).output


def test_library_keyword_and_json_round_trip():
    hints = MeetingHints(organization="Kallioniemen kunta", date=date(2024, 6, 5))
    record = parse_bytes(BARE_ITEM.encode(), "puisto.txt", metadata=hints)
    assert record.supplied == ("organization", "date")
    assert record.items[0].id == f"document/{record.source.sha256[:16]}/12"   # no body: not identified
    assert Record.from_dict(record.to_dict()) == record
    assert parse_bytes(BARE_ITEM.encode(), "puisto.txt").supplied == ()


def test_ingest_fails_only_the_file_with_a_bad_sidecar(runner, tmp_path, bare, covered):
    sidecar_path(bare).write_text("[1, 2]", encoding="utf-8")
    code, lines, db = ingest_with_report(runner, tmp_path, bare, covered)
    assert code == 8
    bad = [line for line in lines if line["category"] == "bad_metadata"]
    assert [Path(line["path"]).name for line in bad] == ["puisto.txt"]
    assert bad[0]["message"] == f"{sidecar_path(bare.resolve())}: must hold one JSON object"
    assert set(stored(db)) == {"pohjavesi.txt"}
