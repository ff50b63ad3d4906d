"""Hostile documents and archive oddities: every one ends in a record or in one clear line with its
documented exit code, never in a traceback, a hang or lost data. The inputs are made here."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import sqlite3
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from limits import within

from minutes import MinutesError, parse_bytes
from minutes.batch.run import parse_file
from minutes.batch.scan import scan
from minutes.cli import main
from minutes.errors import UnreadableDocument

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jarvela-kh-2025-03-10.txt"
ITEMS = "Pöytäkirja 2/2025\n§ 1 Ensimmäinen asia\nPäätös\nHyväksyttiin tänään.\n§ 2 Toinen asia\nPäätös\n" \
        "Hylättiin tänään.\n§ 3 Kolmas asia\nPäätös\nPöydättiin tänään.\n"


@pytest.fixture
def runner():
    return CliRunner()


# -- Word documents -----------------------------------------------------------------------------

def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("§ 1 Katuvalot")
    document.add_paragraph("Päätös")
    document.add_paragraph("Hyväksyttiin yksimielisesti.", style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _edit(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == part else content)
    return out.getvalue()


def _based_on(style: str, base: str):
    return lambda xml: re.sub(rb'(<w:style [^>]*w:styleId="' + style.encode() + rb'"[^>]*>)',
                              rb'\1<w:basedOn w:val="' + base.encode() + rb'"/>', xml, count=1)


DOCX_CASES = {
    "style based on itself": lambda d: _edit(d, "word/styles.xml", _based_on("Normal", "Normal")),
    "style cycle of two": lambda d: _edit(_edit(d, "word/styles.xml", _based_on("Normal", "Heading1")),
                                          "word/styles.xml", _based_on("Heading1", "Normal")),
    "numbering without its abstract definition": lambda d: _edit(
        d, "word/numbering.xml", lambda x: re.sub(rb'<w:abstractNumId w:val="\d+"/>', b"", x)),
    "non-numeric numbering id": lambda d: _edit(
        d, "word/styles.xml", lambda x: re.sub(rb'<w:numId w:val="\d+"/>', b'<w:numId w:val="x1"/>', x)),
}


@pytest.mark.parametrize("case", sorted(DOCX_CASES))
def test_malformed_word_documents_parse(case):
    with within(20):
        record = parse_bytes(DOCX_CASES[case](_docx()), "poytakirja.docx")
    assert [(i.number, i.title) for i in record.items] == [(1, "Katuvalot")]


def test_a_word_document_whose_main_part_is_not_a_document_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "rikki.docx"
    path.write_bytes(_edit(_docx(), "word/document.xml",
                           lambda x: x.replace(b"<w:document", b"<w:other").replace(b"</w:document>", b"</w:other>")))
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and "structure is broken" in result.stderr and str(path) in result.stderr


# -- PDF ----------------------------------------------------------------------------------------

def _three_pages() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    for n in range(3):
        pdf.drawString(72, 700, f"§ {n + 1} Asia numero {n + 1}")
        pdf.drawString(72, 680, "Päätös")
        pdf.drawString(72, 660, f"Hyväksyttiin kohta {n + 1}.")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _broken_page(data: bytes) -> bytes:
    """The second page object replaced by an array: PDFium cannot load that page."""
    start = data.index(b"4 0 obj")
    return data[:start] + b"4 0 obj\n[ 1 2 3 ]\nendobj\n" + data[data.index(b"endobj", start) + 6:]


def _page_tree_loop(data: bytes) -> bytes:
    """The page tree lists itself among its pages."""
    kids = re.search(rb"/Kids \[ (\d+) 0 R (\d+) 0 R (\d+) 0 R \]", data)
    tree = re.search(rb"(\d+) 0 obj\s*<<\s*/Count 3 /Kids", data).group(1)
    return data.replace(kids.group(0), b"/Kids [ %s 0 R %s 0 R %s 0 R ]" % (kids.group(1), tree, kids.group(3)))


@pytest.mark.parametrize("damage", [_broken_page, _page_tree_loop], ids=["broken page object", "page tree loop"])
def test_a_pdf_with_one_bad_page_keeps_the_others(damage):
    with within(30):
        record = parse_bytes(damage(_three_pages()), "poytakirja.pdf")
    assert [i.number for i in record.items] == [1, 3]
    assert any(w.message.startswith("page ") and "cannot be read" in w.message for w in record.warnings)


# -- HTML ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 1000 + "<p>§ 1 Katuvalot</p><p>Päätös</p><p>Hyväksyttiin.</p>" + "</div>" * 1000,
    "<html><body>" + "<table><tr><td>" * 500 + "§ 1 Katuvalot" + "</td></tr></table>" * 500
    + "<p>Päätös</p><p>Hyväksyttiin.</p>",
], ids=["1000 nested blocks", "500 nested tables"])
def test_deeply_nested_html_is_read_without_recursion(page):
    with within(30):
        record = parse_bytes(page.encode(), "sivu.html")
    assert [(i.number, i.title) for i in record.items] == [(1, "Katuvalot")]
    assert record.items[0].sections[-1].text == "Hyväksyttiin."


# -- text encodings -----------------------------------------------------------------------------

def test_utf8_with_one_bad_byte_stays_utf8_with_a_warning():
    data = ITEMS.encode("utf-8").replace("tänään.\n§ 2".encode(), "tänään. ".encode() + b"\xff\n" + "§ 2".encode())
    record = parse_bytes(data, "poytakirja.txt")
    assert [i.title for i in record.items] == ["Ensimmäinen asia", "Toinen asia", "Kolmas asia"]
    assert any("not valid UTF-8 replaced: 1" in w.message for w in record.warnings)


def test_windows_1252_text_is_still_read_as_such():
    record = parse_bytes(ITEMS.encode("cp1252"), "poytakirja.txt")
    assert [i.title for i in record.items] == ["Ensimmäinen asia", "Toinen asia", "Kolmas asia"]
    assert not any("replaced" in w.message for w in record.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(encoding):
    data = ITEMS.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    record = parse_bytes(data, "poytakirja.txt")
    assert [i.number for i in record.items] == [1, 2, 3]


def test_item_numbers_of_five_digits_are_items_of_their_own():
    text = ("Pöytäkirja 20/2025\n§ 9999 Neljä numeroa\nPäätös\nHyväksyttiin tänään.\n"
            "§ 10000 Viisi numeroa\nPäätös\nHylättiin tänään.\n10001 § Numero ensin\nPäätös\nPöydättiin tänään.\n")
    assert [i.number for i in parse_bytes(text.encode(), "p.txt").items] == [9999, 10000, 10001]


# -- what reaches the terminal ------------------------------------------------------------------

def test_control_sequences_in_a_document_never_reach_the_terminal_raw(runner, tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(ITEMS.replace("Hyväksyttiin tänään.", "Hyväksyttiin \x1b]0;otsikko\x07\x1b[2J\x9b31m tänään."),
                    encoding="utf-8")
    text = runner.invoke(main, ["parse", str(path)])
    assert text.exit_code == 0
    assert "\x1b" not in text.stdout and "\x07" not in text.stdout and "\x9b" not in text.stdout
    assert "\\x1b]0;otsikko\\x07" in text.stdout
    as_json = runner.invoke(main, ["parse", "--format", "json", str(path)])
    decision = json.loads(as_json.stdout)["items"][0]["sections"][0]["text"]
    assert "\x1b]0;otsikko\x07\x1b[2J\x9b31m" in decision          # JSON stays exact


def test_a_file_name_with_a_newline_keeps_the_error_on_one_line(runner, tmp_path):
    path = tmp_path / "rikki\nrivi\x1b[2J.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "rikki\\x0arivi" in result.stderr


# -- parse: files that are not documents, sizes, several files -----------------------------------

def test_a_fifo_or_a_device_given_to_parse_is_refused_at_once(runner, tmp_path):
    fifo = tmp_path / "putki.txt"
    os.mkfifo(fifo)
    with within(20):
        result = runner.invoke(main, ["parse", str(fifo), "/dev/urandom"])
    assert result.exit_code == 3
    assert result.stderr.count("not a regular file") == 2


def test_a_file_larger_than_the_limit_is_refused(runner, tmp_path):
    path = tmp_path / "iso.txt"
    path.write_text(ITEMS + "Lisätekstiä.\n" * 200_000, encoding="utf-8")
    result = runner.invoke(main, ["parse", "--max-file-size", "1", str(path)])
    assert result.exit_code == 4 and "larger than the limit of 1 MiB" in result.stderr
    piped = runner.invoke(main, ["parse", "--max-file-size", "1", "-"], input=path.read_bytes())
    assert piped.exit_code == 4 and "<stdin>" in piped.stderr


def test_parse_is_capped_in_memory(runner, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("§ 1 Katuvalot")
    document.add_paragraph("Päätös")
    for _ in range(6):
        document.add_paragraph("x" * 1_000_000)     # 6 MB of text packed into some 40 kB
    path = tmp_path / "pommi.docx"
    document.save(path)
    capped = runner.invoke(main, ["parse", "--max-memory", "64", str(path)])
    assert capped.exit_code == 4 and "needs more memory than --max-memory 64 MiB" in capped.stderr
    assert runner.invoke(main, ["parse", "--format", "json", str(path)]).exit_code == 0   # the cap is lifted after


def test_one_failing_file_does_not_stop_the_others(runner, tmp_path, monkeypatch):
    good, bad, crash = tmp_path / "a.txt", tmp_path / "b.pdf", tmp_path / "c.txt"
    good.write_text(ITEMS, encoding="utf-8")
    crash.write_text(ITEMS.replace("Ensimmäinen", "Kaatuva"), encoding="utf-8")
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    from minutes.parse import pipeline

    real = pipeline.parse_bytes

    def buggy(data, name, *args, **kwargs):
        if name.endswith("c.txt"):
            raise KeyError("a bug")
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_bytes", buggy)
    result = runner.invoke(main, ["parse", str(bad), str(crash), str(good)])
    assert result.exit_code == 4                                   # the first failure's code
    assert "Ensimmäinen asia" in result.stdout
    assert "c.txt: unexpected error (KeyError" in result.stderr


def test_a_time_limit_inside_a_reader_that_catches_everything_is_a_timeout():
    def reader(data, name, engine, ocr, **options):  # noqa: ARG001 - the parser signature
        try:
            time.sleep(5)
        except Exception as exc:   # a library wrapping every error it sees
            raise UnreadableDocument(name, f"cannot be read ({exc})") from None
        return parse_bytes(data, name)

    parsed = parse_file(str(SAMPLE), SAMPLE.read_bytes(), "0" * 64, "pdfium", timeout=1, parser=reader)
    assert parsed.category == "timeout"


# -- ingest: folders of an archive ----------------------------------------------------------------

def test_ingest_reports_fifos_and_counts_skipped_files(runner, tmp_path):
    folder = tmp_path / "arkisto"
    folder.mkdir()
    (folder / "poytakirja.txt").write_text(ITEMS, encoding="utf-8")
    os.mkfifo(folder / "putki.txt")
    (folder / "tiedot.json").write_text("{}", encoding="utf-8")
    (folder / "kuva.png").write_bytes(b"\x89PNG")
    report = tmp_path / "r.jsonl"
    with within(60):
        result = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "m.db"), "-j", "1",
                                      "--report", str(report)])
    assert result.exit_code == 8
    assert "1 inserted, 0 updated, 0 unchanged, 1 failed, 2 other files skipped" in result.stdout
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(Path(r["path"]).name, r["category"]) for r in rows if r["category"] != "incomplete_metadata"] == [
        ("putki.txt", "unsupported_format")]


def test_an_unreadable_subfolder_is_reported_and_exits_8(runner, tmp_path, monkeypatch):
    folder = tmp_path / "arkisto"
    (folder / "salainen").mkdir(parents=True)
    (folder / "poytakirja.txt").write_text(ITEMS, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("salainen"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)   # root reads any folder; refuse this one
    found = scan([folder])
    assert [p.name for p in found.files] == ["poytakirja.txt"]
    assert [(Path(o.path).name, o.category) for o in found.problems] == [("salainen", "unreadable")]
    report = tmp_path / "r.csv"
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "m.db"), "-j", "1",
                                  "--report", str(report)])
    assert result.exit_code == 8 and "salainen" in result.stderr
    assert "unreadable" in report.read_text(encoding="utf-8")


# -- outputs that would destroy the database -----------------------------------------------------

@pytest.fixture
def stored(runner, tmp_path) -> Path:
    db = tmp_path / "m.db"
    assert runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db), "-j", "1"]).exit_code == 0
    return db


def _documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_a_report_or_export_over_the_database_is_refused(runner, stored, suffix):
    target = f"{stored}{suffix}"
    report = runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(stored), "--report", target])
    assert report.exit_code == 2 and "is the database" in report.stderr
    export = runner.invoke(main, ["export", "--db", str(stored), "-o", target])
    assert export.exit_code == 2 and "is the database" in export.stderr
    assert _documents(stored) == 1


def test_a_report_in_a_missing_folder_is_refused_before_any_work(runner, tmp_path):
    db = tmp_path / "m.db"
    result = runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db), "--report", str(tmp_path / "ei" / "r.jsonl")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not db.exists()


def test_an_empty_database_name_is_refused(runner):
    result = runner.invoke(main, ["ingest", str(SAMPLE), "--db", ""])
    assert result.exit_code == 2 and "temporary database" in result.stderr


@pytest.mark.parametrize("given", ["2025-03-01", "1.3.2025", "2025"])
def test_dates_as_people_type_them(runner, stored, given):
    result = runner.invoke(main, ["export", "--db", str(stored), "--format", "csv", "--from", given])
    assert result.exit_code == 0 and result.stdout.count("\n") > 1
    later = runner.invoke(main, ["export", "--db", str(stored), "--format", "csv", "--from", "2026"])
    assert later.exit_code == 0 and later.stdout.count("\n") <= 1
    bad = runner.invoke(main, ["export", "--db", str(stored), "--from", "ensi viikolla"])
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def test_library_errors_are_minutes_errors():
    with pytest.raises(MinutesError):
        parse_bytes(b"\x00\x01\x02" * 100, "roska.bin")


# -- file names and stored identity ----------------------------------------------------------------

def test_file_names_that_are_not_utf8_are_stored_and_reported_losslessly(runner, tmp_path):
    folder = tmp_path / "arkisto"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/p\xf6yt\xe4kirja.txt"        # a Latin-1 name from an old archive
    with open(raw, "wb") as fh:
        fh.write(ITEMS.encode("utf-8"))
    db, report = tmp_path / "m.db", tmp_path / "r.jsonl"
    first = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1", "--report", str(report)])
    assert first.exit_code == 0, first.stderr
    assert "1 inserted" in first.stdout
    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT path FROM documents").fetchone()
    assert stored == raw
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert rows and all(os.fsencode(row["path"]) == raw for row in rows)
    again = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1"])
    assert "0 inserted, 0 updated, 1 unchanged" in again.stdout
    shown = runner.invoke(main, ["parse", os.fsdecode(raw)])
    assert shown.exit_code == 0


def test_identity_by_path_and_content_keeps_the_stored_meetings_of_an_older_database(tmp_path):
    from minutes.store.migrations import migrate
    from minutes.store.sqlite import Store

    db = tmp_path / "vanha.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, target=7)
    conn.execute("INSERT INTO documents(pk, path, sha256, format, pages, document_type, language, record, ingested_at) "
                 "VALUES (1, '/a.txt', 'abc', 'text', NULL, 'minutes', 'fi', '{}', '2025-01-01')")
    conn.execute("INSERT INTO meetings(pk, document_pk, id) VALUES (1, 1, 'x/y/2025-01-01')")
    conn.execute("INSERT INTO items(meeting_pk, id, number, title) VALUES (1, 'x/y/2025-01-01/1', 1, 'Asia')")
    conn.close()
    with Store(db) as store:
        assert store.counts() == {"documents": 1, "meetings": 1, "items": 1, "sections": 0}
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        store.conn.execute("INSERT INTO documents(path, sha256, format, document_type, language, record, ingested_at) "
                           "VALUES ('/b.txt', 'abc', 'text', 'minutes', 'fi', '{}', '2025-01-02')")
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO documents(path, sha256, format, document_type, language, record, "
                               "ingested_at) VALUES ('/b.txt', 'abc', 'text', 'minutes', 'fi', '{}', '2025-01-03')")


# -- files given as the database ------------------------------------------------------------------

def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Maija', '040 123')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE documents (pk INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 999")


def _truncated(path: Path) -> None:
    from minutes.store.sqlite import Store

    full = path.with_suffix(".full")
    with Store(full) as store:
        from minutes import parse_document
        store.upsert(parse_document(SAMPLE))
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 3])


NOT_DATABASES = {
    "a text file": (lambda p: p.write_text("tämä on muistiinpano\n" * 50, encoding="utf-8"), "not a minutes database"),
    "a PDF": (lambda p: p.write_bytes(b"%PDF-1.4\n" + b"0" * 3000), "not a minutes database"),
    "an empty file": (lambda p: p.write_bytes(b""), "an empty file"),
    "another application's database": (_foreign_sqlite, "another application"),
    "a newer minutes database": (_newer, "newer version of minutes"),
    "a truncated database": (_truncated, "not a minutes database"),
}


@pytest.mark.parametrize("kind", sorted(NOT_DATABASES))
def test_a_file_that_is_not_a_minutes_database_is_refused_and_left_as_it_is(runner, tmp_path, kind):
    make, message = NOT_DATABASES[kind]
    db = tmp_path / "tiedosto.db"
    make(db)
    before = db.read_bytes()
    for command in (["search", "valtuusto"], ["show", "a/b/2025-01-01/1"], ["export"],
                    ["ingest", str(SAMPLE), "-j", "1"]):
        result = runner.invoke(main, [*command, "--db", str(db)])
        assert result.exit_code == 2, (command, result.output)
        assert message in result.stderr and result.stderr.count("\n") == 1, (command, result.stderr)
    assert db.read_bytes() == before
    if before[18:20] != b"\x02\x02":       # SQLite keeps a WAL file beside a database in WAL mode only
        assert not Path(f"{db}-wal").exists()


def test_reading_commands_change_nothing(runner, stored):
    before = stored.read_bytes()
    for command in (["search", "avustus"], ["export"], ["show", "jarvelan-kunta/kunnanhallitus/2025-03-10/57"]):
        assert runner.invoke(main, [*command, "--db", str(stored)]).exit_code in (0, 9)
    assert stored.read_bytes() == before


def test_a_database_in_a_folder_the_user_cannot_write_can_be_searched(tmp_path):
    import shutil
    import subprocess
    import sys

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run the search as an unprivileged user (setpriv)")
    folder = Path("/tmp") / f"minutes-ro-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        db = folder / "m.db"
        runner = CliRunner()
        assert runner.invoke(main, ["ingest", str(SAMPLE), "--db", str(db), "-j", "1"]).exit_code == 0
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "minutes.cli"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for command in (["search", "avustus"], ["export", "--format", "csv"]):
            result = subprocess.run([*as_nobody, *command, "--db", str(db)], capture_output=True, text=True,
                                    timeout=120, cwd="/", env=env)
            assert result.returncode == 0, result.stderr
            assert result.stdout.strip()
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _disk_of(size: int):
    """A child process whose files may not grow past ``size`` bytes: a disk that is full."""
    import resource

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)      # writes past the limit fail instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


@pytest.mark.parametrize("size,where", [(400_000, "cannot write"), (4096, "cannot be opened for writing")],
                         ids=["during ingest", "at creation"])
def test_a_full_disk_is_a_clear_error_and_the_database_stays_whole(tmp_path, size, where):
    import subprocess
    import sys

    db = tmp_path / "m.db"
    command = [sys.executable, "-m", "minutes.cli", "ingest", str(ROOT / "samples"), "--db", str(db), "-j", "1"]
    full = subprocess.run(command, preexec_fn=_disk_of(size), capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert full.returncode in (1, 2)
    assert "Traceback" not in full.stderr and where in full.stderr and full.stderr.count("\n") == 1
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert resumed.returncode == 0, resumed.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(scan([ROOT / "samples"]).files)


@pytest.mark.parametrize("pattern", ["%", "_", "\\", "hallitus%", "_allitus"])
def test_filters_match_their_text_literally(runner, stored, pattern):
    for option in ("--body", "--org"):
        result = runner.invoke(main, ["export", "--db", str(stored), "--format", "csv", option, pattern])
        assert result.exit_code == 0 and result.stdout.count("\n") <= 1, (option, pattern)
    assert runner.invoke(main, ["export", "--db", str(stored), "--format", "csv", "--body", "hallitus"]
                         ).stdout.count("\n") > 1


def test_show_in_text_has_the_links_of_the_json_and_no_item_refers_to_itself(runner, tmp_path):
    text = ("Järvelän kunta\nKunnanhallitus\nPöytäkirja 3/2025\nAika 10.3.2025 klo 18.00\n"
            "§ 57 Väylän rahoitus\nKunnanhallitus 10.3.2025 § 57\nEhdotus\nHyväksytään rahoitus, "
            "katso Kunnanhallitus 10.3.2025 § 57 ja KV 9.12.2024 § 88.\nPäätös\nHyväksyttiin yksimielisesti.\n")
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "m.db"
    assert runner.invoke(main, ["ingest", str(path), "--db", str(db), "-j", "1"]).exit_code == 0
    item = "jarvelan-kunta/kunnanhallitus/2025-03-10/57"
    data = json.loads(runner.invoke(main, ["show", item, "--db", str(db), "--format", "json"]).stdout)
    assert item not in data["referenced_by"]
    shown = runner.invoke(main, ["show", item, "--db", str(db)]).stdout
    assert "references:" in shown
    for ref in data["references"]:
        assert " ".join(ref["text"].split()) in shown


def test_parse_gives_each_file_its_time_limit(runner, tmp_path, monkeypatch):
    slow, quick = tmp_path / "hidas.txt", tmp_path / "nopea.txt"
    slow.write_text(ITEMS, encoding="utf-8")
    quick.write_text(ITEMS, encoding="utf-8")
    from minutes.parse import pipeline

    real = pipeline.parse_bytes

    def stuck(data, name, *args, **kwargs):
        if name.endswith("hidas.txt"):
            try:
                time.sleep(10)
            except Exception:   # a library catching everything does not stop the limit
                pass
        return real(data, name, *args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_bytes", stuck)
    with within(30):
        result = runner.invoke(main, ["parse", "--timeout", "1", str(slow), str(quick)])
    assert result.exit_code == 4 and "not parsed within --timeout 1 s" in result.stderr
    assert "Ensimmäinen asia" in result.stdout


def test_a_report_that_cannot_be_written_is_a_clear_error_and_the_database_stays_whole(runner, tmp_path):
    folder = tmp_path / "arkisto"
    folder.mkdir()
    (folder / "a.txt").write_text(ITEMS, encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)      # fails: a report line
    db = tmp_path / "m.db"
    result = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1", "--report", "/dev/full"])
    assert result.exit_code == 1
    assert "--report /dev/full: cannot write (No space left on device)" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_outputs_never_overwrite_a_document_of_the_archive_or_the_database_behind_a_link(runner, tmp_path):
    folder = tmp_path / "arkisto"
    folder.mkdir()
    document = folder / "poytakirja.txt"
    document.write_text(ITEMS, encoding="utf-8")
    db = tmp_path / "m.db"
    refused = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "--report", str(document)])
    assert refused.exit_code == 2 and "a file of the archive" in refused.stderr
    assert document.read_text(encoding="utf-8") == ITEMS
    report = folder / "raportti.txt"         # a new report inside the archive is written, never ingested
    ok = runner.invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1", "--report", str(report)])
    assert ok.exit_code == 0 and "1 inserted" in ok.stdout
    export = runner.invoke(main, ["export", "--db", str(db), "-o", str(document)])
    assert export.exit_code == 2 and "is a document stored in" in export.stderr
    assert document.read_text(encoding="utf-8") == ITEMS
    link = tmp_path / "linkki.db"
    link.symlink_to(db)
    for companion in ("-wal", "-shm"):
        behind = runner.invoke(main, ["export", "--db", str(link), "-o", f"{db}{companion}"])
        assert behind.exit_code == 2 and "is the database" in behind.stderr


def test_placeholder_names_are_refused_and_never_make_a_shared_id(runner, tmp_path):
    folder = tmp_path / "kansio"
    folder.mkdir()
    (folder / "a.txt").write_text("§ 1 Jokin asia\nPäätös\nHyväksyttiin tänään.\n", encoding="utf-8")
    (folder / "b.txt").write_text("§ 1 Aivan eri asia\nPäätös\nHylättiin tänään.\n", encoding="utf-8")
    manifest = folder / "m.csv"
    manifest.write_text("path,organization,body,date,document_type\na.txt,Lapuan kaupunki,?,1.1.2025,minutes\n",
                        encoding="utf-8")
    bad = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "m.db"), "--manifest", str(manifest)])
    assert bad.exit_code == 2 and "is not a name" in bad.stderr and "line 2" in bad.stderr
    option = runner.invoke(main, ["parse", str(folder / "a.txt"), "--org", "  -  ", "--body", "Kaupunginhallitus"])
    assert option.exit_code == 2 and "is not a name" in option.stderr
    from minutes.record import meeting_id

    assert meeting_id("Lapuan kaupunki", "—", date(2025, 1, 1), "a" * 64) == "document/" + "a" * 16


@pytest.mark.parametrize("command", [["parse", str(SAMPLE)], ["export", "-o", "/dev/full"],
                                     ["search", "avustus", "--format", "json"]])
def test_output_that_cannot_be_written_is_one_line(stored, command):
    import subprocess
    import sys

    args = [sys.executable, "-m", "minutes.cli", *command]
    if command[0] != "parse":
        args += ["--db", str(stored)]
    with open("/dev/full", "w") as full:
        result = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr == "minutes: error: cannot write the output (No space left on device)\n"


def test_a_sidecar_that_is_not_a_regular_file_fails_its_document_alone(runner, tmp_path):
    folder = tmp_path / "arkisto"
    folder.mkdir()
    (folder / "a.txt").write_text(ITEMS, encoding="utf-8")
    (folder / "b.txt").write_text(ITEMS.replace("Ensimmäinen", "Toinen kokouksen"), encoding="utf-8")
    os.mkfifo(folder / "a.txt.meta.json")
    report = tmp_path / "r.jsonl"
    with within(60):
        result = runner.invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "m.db"), "-j", "1",
                                      "--report", str(report)])
    assert result.exit_code == 8 and "1 inserted" in result.stdout
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert any(r["category"] == "bad_metadata" and "not a regular file" in r["message"] for r in rows)
