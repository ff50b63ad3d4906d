"""The command line: output, standard input, messages and exit codes."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from minutes.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf"


@pytest.fixture
def runner():
    return CliRunner()


def test_parse_json_follows_the_contract(runner):
    result = runner.invoke(main, ["parse", "--format", "json", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "minutes.record/1"
    assert set(record) >= {"source", "document_type", "language", "meeting", "items", "warnings"}
    assert record["source"]["format"] == "pdf" and record["source"]["pages"] == 8
    assert len(record["source"]["sha256"]) == 64
    item = record["items"][0]
    assert set(item) >= {"id", "number", "title", "case_id", "page", "preparers", "presenter", "sections", "history"}
    assert set(item["sections"][0]) >= {"kind", "heading", "text", "page"}


def test_parse_text_outline(runner):
    result = runner.invoke(main, ["parse", str(SAMPLE)])
    assert result.exit_code == 0
    assert "Järvelän kunta · Tekninen lautakunta" in result.stdout
    assert "§ 43  Katuvalaistuksen saneeraus 2025" in result.stdout
    assert "earlier: Kunnanhallitus 2025-03-10 § 57" in result.stdout


def test_parse_reads_standard_input(runner):
    text = (ROOT / "samples" / "kallio-hyvltk-2024-item.txt").read_bytes()
    result = runner.invoke(main, ["parse", "--format", "json", "-"], input=text)
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["source"]["path"] == "<stdin>"
    assert [s["kind"] for s in record["items"][0]["sections"]] == ["background", "proposal", "decision"]


@pytest.mark.parametrize("kind, code, message", [
    ("empty", 4, "the file is empty"),
    ("truncated", 4, "corrupt or truncated"),
    ("encrypted", 5, "encrypted"),
    ("scan", 6, "no text layer"),
    ("junk", 3, "no supported format"),
    ("noitems", 7, "no agenda items"),
    ("word97", 3, "Word 97-2003"),
])
def test_errors_are_one_line_with_file_and_exit_code(runner, bad_files, kind, code, message):
    path = bad_files[kind]
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"minutes: error: {path}: ")
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_several_files_go_on_after_a_bad_one(runner, bad_files):
    result = runner.invoke(main, ["parse", "--format", "json", str(bad_files["corrupt"]), str(SAMPLE)])
    assert result.exit_code == 4
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["meeting"]["body"] == "Tekninen lautakunta"


def test_missing_file_is_an_error(runner, tmp_path):
    result = runner.invoke(main, ["parse", str(tmp_path / "ei-ole.pdf")])
    assert result.exit_code == 4
    assert "cannot be opened" in result.stderr


def test_every_command_has_help_with_an_example(runner):
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command
        assert "Exit codes" in result.output, command


def test_ingest_search_show_export(runner, tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    result = runner.invoke(main, ["ingest", str(ROOT / "samples"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("9 inserted, 0 updated, 0 unchanged, 0 failed, 1 other file skipped, "
                                            "4 files read as part of another")
    peak = re.search(r"workers' peak memory (\d+) MiB", result.stdout)
    assert peak and 20 <= int(peak.group(1)) <= 1000, result.stdout
    again = runner.invoke(main, ["ingest", str(ROOT / "samples"), "--db", str(db), "-q"])
    assert again.stdout.strip().startswith("0 inserted, 0 updated, 9 unchanged, 0 failed")
    assert "peak memory" not in again.stdout    # nothing was parsed

    monkeypatch.setenv("MINUTES_DB", str(db))       # the default database comes from the environment
    found = json.loads(runner.invoke(main, ["search", "uimahallin", "--format", "json"]).stdout)
    assert set(found) >= {"query", "total", "offset", "hits"} and found["total"] == len(found["hits"]) >= 1
    hits = found["hits"]
    assert hits[0]["item_id"] == "lahdenperan-kaupunki/kaupunginvaltuusto/2025-06-16/235"
    assert {"item_id", "title", "body", "organization", "date", "number", "score", "snippet"} <= set(hits[0])
    assert hits[0]["date"] == "2025-06-16" and hits[0]["number"] == 235

    item = json.loads(runner.invoke(main, ["show", hits[0]["item_id"], "--format", "json"]).stdout)
    assert item["title"] == "Uimahallin peruskorjauksen hankesuunnitelma"
    assert item["history"][0]["number"] == 212
    meeting = runner.invoke(main, ["show", "jarvelan-kunta/tekninen-lautakunta/2025-05-14"])
    assert "§ 43  Katuvalaistuksen saneeraus 2025" in meeting.stdout

    lines = runner.invoke(main, ["export", "--body", "tekninen"]).stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["meeting"]["body"] == "Tekninen lautakunta"
    table = runner.invoke(main, ["export", "--format", "csv"]).stdout
    assert table.splitlines()[0].startswith("item_id,organization,body,date,number,title")
    assert table.count("jarvelan-kunta/tekninen-lautakunta/2025-05-14/") == 5


def test_ingest_reports_failures_and_exits_8(runner, tmp_path, bad_files):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hyva.pdf").write_bytes(SAMPLE.read_bytes())
    (folder / "salattu.pdf").write_bytes(bad_files["encrypted"].read_bytes())
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "m.db"), "-q"])
    assert result.exit_code == 8
    assert "1 inserted, 0 updated, 0 unchanged, 1 failed" in result.stdout
    assert "salattu.pdf: the PDF is encrypted" in result.stderr and "[encrypted]" in result.stderr


def test_search_errors(runner, tmp_path):
    missing = runner.invoke(main, ["search", "x", "--db", str(tmp_path / "ei.db")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr and "minutes ingest" in missing.stderr
    db = tmp_path / "m.db"
    runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db)])
    empty = runner.invoke(main, ["search", '""', "--db", str(db)])
    assert empty.exit_code == 2 and "no words to search for" in empty.stderr
    unknown = runner.invoke(main, ["show", "ei/ole/olemassa", "--db", str(db)])
    assert unknown.exit_code == 9 and "no such item or meeting" in unknown.stderr


def test_chain_command(runner, tmp_path):
    db = tmp_path / "m.db"
    runner.invoke(main, ["ingest", str(ROOT / "samples"), "--db", str(db)])
    result = runner.invoke(main, ["chain", "jarvelan-kunta/tekninen-lautakunta/2025-05-14/44", "--db", str(db)])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("2025-02-18  Tekninen lautakunta § 12") and lines[0].endswith("(not stored)")
    assert lines[1].endswith("jarvelan-kunta/kunnanhallitus/2025-03-10/57")
    item = json.loads(runner.invoke(main, ["show", "jarvelan-kunta/kunnanhallitus/2025-03-10/57", "--db", str(db),
                                           "--format", "json"]).stdout)
    assert item["referenced_by"] == ["jarvelan-kunta/tekninen-lautakunta/2025-05-14/44"]
    assert item["references"][1] == {"kind": "decision", "text": "KV 9.12.2024 § 88", "body": "Kunnanvaltuusto",
                                     "date": "2024-12-09", "number": 88, "resolved_to": None}


def test_progress_bar_shows_files_rate_and_failures():
    import io

    from rich.console import Console

    from minutes.batch.progress import BatchProgress
    from minutes.batch.scan import Outcome

    screen = io.StringIO()
    with BatchProgress(True, Console(file=screen, force_terminal=True, width=120)) as progress:
        progress.start(3)
        progress.advance(Outcome("a.pdf", "inserted", pages=12))
        progress.advance(Outcome("b.pdf", "failed", "corrupt", "the PDF is corrupt"))
        progress.echo("minutes: error: b.pdf: the PDF is corrupt [corrupt]")
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    assert "2/3" in drawn and "pages/s" in drawn and "1 failed" in drawn
    assert "minutes: error: b.pdf" in drawn
    assert (progress.pages, progress.failures) == (12, 1)


def test_progress_bar_is_silent_when_disabled(capsys):
    from minutes.batch.progress import BatchProgress
    from minutes.batch.scan import Outcome

    with BatchProgress(False) as progress:
        progress.start(1)
        progress.advance(Outcome("a.pdf", "inserted", pages=3))
        progress.echo("minutes: error: c.pdf: unreadable [corrupt]")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "minutes: error: c.pdf: unreadable [corrupt]\n"
