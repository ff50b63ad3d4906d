"""Batch ingest: bad files among good ones, a killed batch resumed, a file that never finishes."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from minutes.batch.run import Report, run_batch
from minutes.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
GOOD = ["jarvela-tekltk-2025-05-14.pdf", "kuusisto-kh-2025-03-24.pdf", "rantala-sivltk-2025-09-10-esityslista.docx",
        "lahdenpera-kv-2025-06-16-235.html"]


def _folder(tmp_path, bad_files) -> Path:
    folder = tmp_path / "arkisto"
    (folder / "2025").mkdir(parents=True)
    for name in GOOD:
        (folder / "2025" / name).write_bytes((ROOT / "samples" / name).read_bytes())
    for kind in ("corrupt", "truncated", "encrypted", "empty", "scan", "junk"):
        (folder / f"{kind}.pdf").write_bytes(bad_files[kind].read_bytes())
    (folder / "muistio.xlsx").write_bytes(b"not a document, not even looked at")
    return folder


def test_bad_files_are_reported_and_good_ones_stored(tmp_path, bad_files):
    folder = _folder(tmp_path, bad_files)
    report_path = tmp_path / "report.jsonl"
    with Store(tmp_path / "m.db") as store:
        report = Report.open(report_path)
        summary = run_batch(store, [folder], jobs=2, report=report)
        report.close()
        assert store.counts()["documents"] == len(GOOD)
    assert summary.counts == {"inserted": 4, "updated": 0, "unchanged": 0, "failed": 6}
    rows = [json.loads(line) for line in report_path.read_text(encoding="utf-8").splitlines()]
    failed = {Path(r["path"]).name: r["category"] for r in rows if r["category"] != "parse_warning"}
    assert failed == {"corrupt.pdf": "corrupt", "truncated.pdf": "corrupt", "encrypted.pdf": "encrypted",
                      "empty.pdf": "corrupt", "scan.pdf": "no_text_layer", "junk.pdf": "unsupported_format"}
    assert all(len(r["sha256"]) == 64 for r in rows)


def test_report_as_csv(tmp_path, bad_files):
    folder = _folder(tmp_path, bad_files)
    with Store(tmp_path / "m.db") as store:
        report = Report.open(tmp_path / "report.csv")
        run_batch(store, [folder], jobs=1, report=report)
        report.close()
    lines = (tmp_path / "report.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "path,sha256,category,message"
    assert any(",encrypted," in line for line in lines)


def test_rerun_is_a_no_op(tmp_path, bad_files):
    folder = _folder(tmp_path, bad_files)
    with Store(tmp_path / "m.db") as store:
        run_batch(store, [folder], jobs=2)
        counts = store.counts()
        again = run_batch(store, [folder], jobs=2)
        assert store.counts() == counts
    assert again.counts["unchanged"] == 4 and again.counts["inserted"] == 0


def never_finishes(data, name, engine, ocr=False, **options):
    """A parser that hangs on one file, as a hostile PDF can make a real one hang."""
    from minutes.parse.pipeline import parse_bytes

    if "ikuinen" in name:
        while True:
            time.sleep(0.05)
    return parse_bytes(data, name, engine, **options)


def test_a_file_that_never_finishes_times_out(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hyva.txt").write_bytes((ROOT / "samples" / "kallio-hyvltk-2024-item.txt").read_bytes())
    (folder / "ikuinen.txt").write_text("Pöytäkirja 1/2025\n§ 1 Ikuinen\nPäätös\nEi lopu.\n", encoding="utf-8")
    started = time.perf_counter()
    with Store(tmp_path / "m.db") as store:
        summary = run_batch(store, [folder], jobs=2, timeout=1, parser=never_finishes)
    assert time.perf_counter() - started < 30
    assert summary.counts["inserted"] == 1
    assert [(Path(f.path).name, f.category) for f in summary.failures] == [("ikuinen.txt", "timeout")]


def _many(folder: Path, n: int) -> None:
    """``n`` different documents: the text sample with a distinct item each."""
    folder.mkdir(parents=True)
    base = (ROOT / "samples" / "jarvela-kh-2025-03-10.txt").read_text(encoding="utf-8")
    for k in range(n):
        (folder / f"poytakirja-{k:03}.txt").write_text(
            base.replace("Pöytäkirja 3/2025", f"Pöytäkirja {k}/2025") + f"\n§ {60 + k} Lisäasia {k}\nPäätös\nHyväksyttiin.\n",
            encoding="utf-8")


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue    # the process ended while we looked
        parents[int(stat.parent.name)] = int(fields[1])
    return parents


def _descendants(pid: int) -> set[int]:
    parents = _parents()
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found.update(kids)
        todo.extend(kids)
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _all_exit(pids: set[int], within: float) -> bool:
    deadline = time.time() + within
    while time.time() < deadline:
        if not any(_running(p) for p in pids):
            return True
        time.sleep(0.2)
    return False


BATCH = 1500  # documents in a batch that is stopped: enough that it is stopped midway on a fast machine


def _start_batch(folder: Path, db: Path) -> tuple[subprocess.Popen, list[str], int]:
    """Start ``minutes ingest`` on ``folder`` and wait until it has stored ten documents."""
    command = [sys.executable, "-m", "minutes.cli", "ingest", str(folder), "--db", str(db), "-j", "2", "-q"]
    # Ctrl-C reaches it as it reaches a command typed at a terminal: a shell starting the test run
    # in the background leaves SIGINT ignored, and an ignored SIGINT is inherited
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 10:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    return process, command, stored


def test_ctrl_c_stops_a_batch_cleanly_and_it_resumes(tmp_path):
    folder = tmp_path / "many"
    _many(folder, BATCH)
    db = tmp_path / "m.db"
    process, command, stored = _start_batch(folder, db)
    process.send_signal(signal.SIGSTOP)    # frozen at once: on a loaded machine it could finish meanwhile
    helpers = _descendants(process.pid)
    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGCONT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted; run the same command again to continue" in err.decode()
    assert _all_exit(helpers, within=15)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 10 <= stored <= documents < BATCH
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{BATCH - documents} inserted, 0 updated, {documents} unchanged, 0 failed" in resumed.stdout


def test_a_killed_batch_leaves_a_consistent_database_and_resumes(tmp_path):
    folder = tmp_path / "many"
    _many(folder, BATCH)
    db = tmp_path / "m.db"
    process, command, stored = _start_batch(folder, db)
    helpers = _descendants(process.pid)                 # the fork server and the workers
    os.kill(process.pid, signal.SIGKILL)                # as hard as it gets: no cleanup at all
    process.wait()
    assert 10 <= stored < BATCH
    assert helpers and _all_exit(helpers, within=15), "worker processes outlived the killed batch"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # every stored document is whole: its meeting and all its items
        per_document = conn.execute(
            "SELECT d.pk, count(i.pk) FROM documents d JOIN meetings m ON m.document_pk = d.pk "
            "JOIN items i ON i.meeting_pk = m.pk GROUP BY d.pk").fetchall()
    assert len(per_document) == documents and all(n == 4 for _, n in per_document)
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{BATCH - documents} inserted, 0 updated, {documents} unchanged, 0 failed" in resumed.stdout
    with Store(db) as store:
        assert store.counts()["documents"] == BATCH


def crashes(data, name, engine, ocr=False, **options):
    """A parser that dies in native code on one file, as a PDF engine can on a hostile PDF."""
    from minutes.parse.pipeline import parse_bytes

    if "kaatuva" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    return parse_bytes(data, name, engine, **options)


def _texts(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    base = (ROOT / "samples" / "kallio-hyvltk-2024-item.txt").read_text(encoding="utf-8")
    for k, name in enumerate(names):
        (folder / name).write_text(base.replace("§ ", f"§ {k}", 1) if k else base, encoding="utf-8")


def test_a_crashing_worker_costs_only_its_file(tmp_path):
    folder = tmp_path / "in"
    _texts(folder, ["a.txt", "b.txt", "kaatuva.txt", "c.txt", "d.txt", "e.txt"])
    with Store(tmp_path / "m.db") as store:
        # one worker: the files sent to it behind the crashing one go to its replacement
        summary = run_batch(store, [folder], jobs=1, parser=crashes)
        assert store.counts()["documents"] == 5
    assert summary.counts["inserted"] == 5
    (failure,) = summary.failures
    assert (Path(failure.path).name, failure.category) == ("kaatuva.txt", "corrupt")
    assert "crashed" in failure.message and "SIGSEGV" in failure.message


def hangs_in_native_code(task):
    """A worker task stuck where no Python signal handler runs (SIGALRM blocked, as in C code)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    if "jumissa" in task.path:
        time.sleep(3600)
    return task.path


def test_a_worker_that_does_not_answer_is_stopped():
    import multiprocessing

    from minutes.batch.workers import Lost, Task, WorkerPool

    context = multiprocessing.get_context("forkserver")
    answers = []
    started = time.perf_counter()
    with WorkerPool(context, 2, hangs_in_native_code, timeout=1, recycle=10, grace=1) as pool:
        for name in ("a", "jumissa", "b", "c"):
            pool.submit(Task(name, "0" * 64))
        while pool.busy():
            answers.extend(pool.results())
    assert time.perf_counter() - started < 30
    lost = [a for a in answers if isinstance(a, Lost)]
    assert sorted(a for a in answers if isinstance(a, str)) == ["a", "b", "c"]
    assert [(a.task.path, a.category) for a in lost] == [("jumissa", "timeout")]


def needs_memory(data, name, engine, ocr=False, **options):
    """A parser that wants far more memory on one file, as a decompression bomb would."""
    from minutes.parse.pipeline import parse_bytes

    if "pommi" in name:
        bytearray(4 << 30)
    return parse_bytes(data, name, engine, **options)


def test_worker_memory_is_capped(tmp_path):
    folder = tmp_path / "in"
    _texts(folder, ["a.txt", "pommi.txt"])
    with Store(tmp_path / "m.db") as store:
        summary = run_batch(store, [folder], jobs=1, parser=needs_memory, memory_mib=1024)
    assert summary.counts["inserted"] == 1
    assert [(Path(f.path).name, f.category) for f in summary.failures] == [("pommi.txt", "corrupt")]
    assert "memory" in summary.failures[0].message


def test_files_larger_than_a_pipe_buffer_go_through_one_worker(tmp_path):
    """A file's bytes travel to its worker; one larger than the pipe's buffer is never sent to a
    worker still busy with another (the two sends would wait on each other for ever)."""
    folder = tmp_path / "isot"
    folder.mkdir()
    base = (ROOT / "samples" / "jarvela-kh-2025-03-10.txt").read_text(encoding="utf-8")
    for k in range(3):
        filler = "\n".join(f"Liite {k} rivi {i}: selvitys jatkuu." for i in range(8000))
        (folder / f"iso-{k}.txt").write_text(base.replace("Pöytäkirja 3/2025", f"Pöytäkirja {k}/2025") + "\n" + filler,
                                             encoding="utf-8")
    assert all(p.stat().st_size > 256 * 1024 for p in folder.iterdir())
    command = [sys.executable, "-m", "minutes", "ingest", str(folder), "--db", str(tmp_path / "m.db"), "-j", "1", "-q"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)   # a deadlock fails, never hangs
    assert done.returncode == 0, done.stderr
    assert "3 inserted, 0 updated, 0 unchanged, 0 failed" in done.stdout


def test_a_worker_works_out_the_index_terms_of_a_record_up_to_a_size(monkeypatch):
    """The workers send each record's index terms with it; a record larger than
    ``TERMS_IN_WORKER_UP_TO`` characters is sent without them (the storing process works them out
    item by item, never holding a whole record's terms at once)."""
    import hashlib

    import minutes.batch.run as run
    from minutes.store.fulltext import item_terms

    path = Path(__file__).resolve().parent.parent / "samples" / "jarvela-kh-2025-03-10.txt"
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    parsed = run.parse_file(str(path), data, sha, "auto", 60)
    assert parsed.record is not None and len(parsed.terms) == len(parsed.record.items) > 1
    assert parsed.terms == tuple(item_terms(item, parsed.record.language) for item in parsed.record.items)
    monkeypatch.setattr(run, "TERMS_IN_WORKER_UP_TO", run._characters(parsed.record) - 1)
    large = run.parse_file(str(path), data, sha, "auto", 60)
    assert large.record == parsed.record and large.terms is None


def _index_rows(store) -> list[tuple]:
    from minutes.store.fulltext import COLUMNS

    return store.conn.execute(f"SELECT i.id, {', '.join('s.' + c for c in COLUMNS)} FROM item_search s "
                              "JOIN items i ON i.pk = s.rowid ORDER BY i.id").fetchall()


def test_the_workers_index_terms_are_stored_and_the_storing_process_analyses_nothing(tmp_path, monkeypatch):
    import minutes.store.fulltext

    samples = Path(__file__).resolve().parent.parent / "samples"
    with Store(tmp_path / "direct.db") as direct:
        run_batch(direct, [samples], jobs=0)
        expected = _index_rows(direct)

    def no_analysis(text, language):
        raise AssertionError("the storing process analysed an item's text")

    monkeypatch.setattr(minutes.store.fulltext, "index_terms", no_analysis)   # here, not in the workers
    with Store(tmp_path / "pool.db") as pool:
        summary = run_batch(pool, [samples], jobs=1)
        assert not summary.failures, summary.failures
        assert _index_rows(pool) == expected and len(expected) > 15


def test_index_terms_of_another_analyser_are_worked_out_again(tmp_path, monkeypatch):
    """Terms a worker worked out with other analysers (a cluster machine without Voikko) are not
    stored as given: the storing process works them out with its own."""
    import minutes.batch.run as run

    samples = Path(__file__).resolve().parent.parent / "samples"
    with Store(tmp_path / "direct.db") as direct:
        run_batch(direct, [samples], jobs=0)
        expected = _index_rows(direct)
    calls = []

    def analysers():
        calls.append(1)
        return ("voikko", "sv") if len(calls) == 1 else ("surface", "sv")   # the batch's own, then the parses'

    given = []
    monkeypatch.setattr(run, "analysers", analysers)
    with Store(tmp_path / "other.db") as other:
        real = other.upsert

        def upsert(record, replace=False, ingested_at=None, tags=None, terms=None):
            given.append(terms)
            return real(record, replace, ingested_at, tags, terms)

        monkeypatch.setattr(other, "upsert", upsert)
        run_batch(other, [samples], jobs=0)
        assert _index_rows(other) == expected
    assert len(given) > 3 and all(terms is None for terms in given)
