"""The command line: output, standard input, messages and exit codes."""

import json
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
