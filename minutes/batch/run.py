"""Batch ingest for archives: documents parsed in parallel worker processes, stored one
transaction each by the one process that writes, resumable, with a per-file time limit and a
report of every file that needs a human.

Workers parse, work out each item's search index terms (the analysis of its words) and tag each
record's items with the strategies stored when the batch began; the main process reads each file
once, hashes it and skips those already stored, so a batch stopped at any moment (Ctrl-C or
kill -9) continues where it stopped. Workers (``workers``) get the bytes read, cap their memory,
are recycled after ``recycle`` files and hold at most two files each, so memory stays bounded
however large the batch; a worker that crashes or hangs costs only its file. With ``jobs=0`` the
files are parsed in the calling process, one after another: the same path, without workers (what
tests and small scripts use).
"""

from __future__ import annotations

import csv
import hashlib
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from minutes.errors import MinutesError, StoreRefused, TooLarge, UnreadableDocument, UnsupportedFormat
from minutes.parse.hints import MeetingHints, hints_for
from minutes.parse.pipeline import parse_bytes
from minutes.parse.readers import (
    DEFAULT_ENGINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_OCR,
    read_source,
)
from minutes.record import Record, incomplete_message, json_text
from minutes.store import UNCHANGED, Backend
from minutes.language.analysis import status as analyser_status
from minutes.store.fulltext import item_terms
from minutes.tagging.document import RecordTags, definition_of, tag_record
from minutes.tagging.text import item_text

from .scan import Outcome, Summary, scan
from .limits import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT
from .workers import (
    RECYCLE,
    FileTimeout,
    Lost,
    Task,
    WorkerPool,
    time_limit,
)

REPORT_FIELDS = ("path", "sha256", "category", "message")


@dataclass(frozen=True)
class Parsed:
    path: str
    sha256: str
    record: Record | None = None
    category: str | None = None
    message: str | None = None
    seconds: float = 0.0
    peak_mib: float = 0.0       # the worker's peak resident memory so far
    tags: RecordTags | None = None   # its items' tags with the strategies stored when the batch began
    terms: tuple[dict[str, str], ...] | None = None   # its items' search index terms (``item_terms``)
    analysers: tuple[str, str] | None = None   # the Finnish and Swedish analysers the terms are of


# a record of up to this many characters of text has its index terms worked out by the worker; a
# larger one (an item of tens of MB) by the storing process, as it stores the item, so that it
# never holds a whole record's terms at once
TERMS_IN_WORKER_UP_TO = 4_000_000


def analysers() -> tuple[str, str]:
    """The Finnish and the Swedish analyser of this process (index terms worked out elsewhere, on
    a cluster's machine without Voikko, say, are not stored as given)."""
    found = analyser_status()
    return found.finnish, found.swedish


def _index_terms(record: Record) -> tuple[dict[str, str], ...] | None:
    """The search index terms of a record's items, or None for the storing process to work out: a
    large record's, or when there is not the memory for them."""
    if _characters(record) > TERMS_IN_WORKER_UP_TO:
        return None
    try:
        return tuple(item_terms(item, record.language) for item in record.items)
    except MemoryError:
        return None


def _characters(record: Record) -> int:
    """The characters of text of a record's items (``item_text``: titles, sections, earlier
    handlings)."""
    return sum(len(text.title) + sum(len(part) for _, part in text.parts) for text in map(item_text, record.items))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux


def parse_file(path: str, data: bytes, sha256: str, engine: str, timeout: int, parser: Callable = parse_bytes,
               ocr: bool | str = DEFAULT_OCR, metadata: MeetingHints | None = None,
               strategies: tuple[str, ...] = ()) -> Parsed:
    """Parse the bytes ``data`` of the file ``path`` (whose hash is ``sha256``), work out its
    items' search index terms and tag them with the ``strategies`` (their definitions) within
    ``timeout`` seconds (``parser`` as ``parse_bytes``; ``metadata``: the user's values for its
    meeting); every failure comes back as a category and a message, never raised."""
    start = time.perf_counter()

    def result(record: Record | None, category: str | None = None, message: str | None = None,
               tags: RecordTags | None = None, terms: tuple[dict[str, str], ...] | None = None) -> Parsed:
        return Parsed(path, sha256, record, category, message, time.perf_counter() - start, _peak_mib(), tags,
                      terms, analysers() if terms is not None else None)

    try:
        with time_limit(timeout):
            extra = {"metadata": metadata} if metadata else {}
            record = parser(data, path, engine, ocr, sha256=sha256, **extra)
            # the analysis of the words, done for the index, is then at hand for the tagging
            terms = _index_terms(record)
            return result(record, tags=tag_record(record, strategies) if strategies else None, terms=terms)
    except FileTimeout:
        return result(None, "timeout", f"not parsed within {timeout} s")
    except MinutesError as exc:
        return result(None, exc.category, exc.message)
    except MemoryError:
        return result(None, "corrupt", "needs more memory than a worker may use (see --max-memory)")
    except Exception as exc:  # a parser bug must not stop the batch: report it with the file
        return result(None, "internal_error", f"{type(exc).__name__}: {exc}")


class Report:
    """One line per file that needs a human, as JSON Lines or (for a .csv path) CSV."""

    def __init__(self, out: TextIO | None, csv_format: bool):
        self.out = out
        self.writer = csv.DictWriter(out, REPORT_FIELDS) if out and csv_format else None
        if self.writer:
            self.writer.writeheader()

    @classmethod
    def open(cls, path: str | Path | None) -> "Report":
        if path is None:
            return cls(None, False)
        # a file name that is not UTF-8 keeps its bytes in a CSV report
        out = open(path, "w", encoding="utf-8", errors="surrogateescape", newline="")
        return cls(out, str(path).lower().endswith(".csv"))

    def add(self, path: str, sha256: str, category: str, message: str) -> None:
        """Write one line; an OSError (a full disk) names the report file."""
        if self.out is None:
            return
        row = {"path": path, "sha256": sha256, "category": category, "message": message}
        try:
            if self.writer:
                self.writer.writerow(row)
            else:
                self.out.write(json_text(row) + "\n")
            self.out.flush()
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, getattr(self.out, "name", None)) from None

    def close(self) -> None:
        if self.out:
            self.out.close()


def _hash(path: Path) -> str:
    """The sha256 of a file too large to be read into memory (for the report), or ""."""
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return ""


@dataclass(frozen=True)
class Read:
    """A file read once: its bytes and their hash, or why it cannot be read."""

    data: bytes | None
    sha256: str
    category: str = ""
    message: str = ""


def read_once(path: Path, max_bytes: int) -> Read:
    """The file's bytes and sha256 (one read, one hash); a file that cannot be opened is
    ``unreadable``, one past ``max_bytes`` ``too_large`` (with its hash, read in chunks)."""
    try:
        data = read_source(path, max_bytes)
    except TooLarge as exc:
        return Read(None, _hash(path), exc.category, exc.message)
    except UnsupportedFormat:
        return Read(None, "", "unreadable", "not a regular file (a FIFO, socket or device)")
    except UnreadableDocument as exc:
        return Read(None, "", "unreadable", exc.message)
    return Read(data, hashlib.sha256(data).hexdigest())


def parse_task(task: Task, engine: str, timeout: int, parser: Callable, ocr: bool | str,
               strategies: tuple[str, ...] = ()) -> Parsed:
    return parse_file(task.path, task.data, task.sha256, engine, timeout, parser, ocr, task.metadata, strategies)


def report_warnings(report: Report, path: str, sha256: str, record) -> None:
    """A report line per record warning; a meeting lacking its organisation, body or date is
    ``incomplete_metadata`` (stored all the same), the rest ``parse_warning``."""
    missing = record.missing_metadata()
    incomplete = incomplete_message(missing) if missing else None
    for warning in record.warnings:
        category = "incomplete_metadata" if warning.message == incomplete else "parse_warning"
        report.add(path, sha256, category, (f"page {warning.page}: " if warning.page else "") + warning.message)


def run_batch(store: Backend, paths: Iterable[str | Path], jobs: int | None = None, engine: str = DEFAULT_ENGINE,
              timeout: int = DEFAULT_TIMEOUT, report: Report | None = None, recycle: int = RECYCLE,
              on_outcome: Callable[[Outcome], None] | None = None,
              on_total: Callable[[int], None] | None = None, parser: Callable = parse_bytes,
              ocr: bool | str = DEFAULT_OCR, memory_mib: int | None = DEFAULT_MEMORY_MIB,
              options: MeetingHints | None = None, manifest: dict[Path, MeetingHints] | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, reparse: bool = False, scheduler: str | None = None) -> Summary:
    """Ingest every document under ``paths`` with ``jobs`` worker processes (all cores when None;
    0: in this process, one file after another); files larger than ``max_bytes`` are refused
    (``too_large``). Returns the ``Summary`` of the outcomes; ``on_outcome`` sees each as it comes.

    Each file's meeting metadata comes from ``manifest`` (see ``hints.read_manifest``), its
    sidecar and ``options``, in that order of precedence (``hints.hints_for``). A file stored
    unchanged is skipped, unless ``reparse``: then it is parsed and stored again ("updated").

    Workers fork from a server process that has imported the parser (no threads, no open
    database), may use ``memory_mib`` of address space each and are replaced after ``recycle``
    files; ``parser`` must be importable by them (a module-level function). With ``scheduler``
    ("local", or a Dask scheduler's address) the files are parsed on a Dask cluster instead
    (``cluster``; "local" starts ``jobs`` worker processes of ``memory_mib`` each), read, skipped
    and stored here all the same."""
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    report = report or Report(None, False)
    found = scan(paths)
    own = {Path(report.out.name).resolve()} if report.out is not None else set()   # never ingest the report
    files = [p for p in (p.resolve() if p.exists() else p for p in found.files) if p not in own]
    if on_total:
        on_total(len(files) + len(found.problems))
    summary = Summary(skipped=found.skipped, parts=found.parts)

    def finish(outcome: Outcome, sha256: str = "") -> None:
        summary.add(outcome)
        if outcome.status == "failed":
            report.add(outcome.path, sha256, outcome.category or "internal_error", outcome.message or "")
        if on_outcome:
            on_outcome(outcome)

    def answered(answer: Parsed | Lost) -> None:
        if isinstance(answer, Lost):
            finish(Outcome(answer.task.path, "failed", answer.category, answer.message), answer.task.sha256)
        else:
            store_parsed(answer)

    local = analysers()       # index terms worked out by other analysers are worked out again here

    def store_parsed(parsed: Parsed) -> None:
        summary.worker_peak_mib = max(summary.worker_peak_mib, parsed.peak_mib)
        if parsed.record is None:
            finish(Outcome(parsed.path, "failed", parsed.category, parsed.message), parsed.sha256)
            return
        record = parsed.record
        try:
            terms = parsed.terms if parsed.analysers == local else None
            status = store.upsert(record, replace=reparse, tags=parsed.tags, terms=terms)
        except StoreRefused as exc:       # this document's values, not the database: the batch goes on
            finish(Outcome(parsed.path, "failed", exc.category, exc.message), parsed.sha256)
            return
        finish(Outcome(parsed.path, status, pages=record.source.pages), parsed.sha256)
        report_warnings(report, parsed.path, parsed.sha256, record)

    def tasks() -> Iterator[Task]:
        """The files to parse, read once each; the others are finished here."""
        for path in files:
            name = str(path)
            try:
                hints = hints_for(path, manifest, options)
            except MinutesError as exc:   # the message names the sidecar, not the document
                finish(Outcome(name, "failed", exc.category, str(exc)), _hash(path) if path.is_file() else "")
                continue
            read = read_once(path, max_bytes)
            if read.data is None:
                finish(Outcome(name, "failed", read.category, read.message), read.sha256)
            elif not reparse and store.status_of(read.sha256, name, hints.values() if hints else None) == UNCHANGED:
                finish(Outcome(name, UNCHANGED))
            else:
                yield Task(name, read.sha256, hints, read.data)

    for problem in found.problems:
        finish(problem)
    # the workers tag each record with the strategies stored now (the store tags it with any other)
    stored = store.strategies()
    strategies = tuple(definition_of(s) for s in stored)
    if jobs == 0:
        for task in tasks():
            store_parsed(parse_task(task, engine, timeout, parser, ocr, strategies))
        store.refresh_search()
        return summary
    handle = partial(parse_task, engine=engine, timeout=timeout, parser=parser, ocr=ocr, strategies=strategies)
    if scheduler is not None:
        from .cluster import parse_on_cluster

        for answer in parse_on_cluster(scheduler, tasks(), handle, timeout, jobs, memory_mib):
            answered(answer)
        store.refresh_search()
        return summary
    queue = tasks()
    context = multiprocessing.get_context("forkserver")   # workers fork from a clean, preloaded server
    context.set_forkserver_preload(["minutes.parse.pipeline", "minutes.parse.decisions.warm"]
                                   + (["minutes.tagging.warm"] if any(s.meaning for s in stored) else []))
    with WorkerPool(context, jobs, handle, timeout, recycle, memory_mib) as pool:
        task = next(queue, None)
        while True:
            while task is not None and pool.can_take(task):
                pool.submit(task)
                task = next(queue, None)
            if not pool.busy():
                if task is not None:    # an idle pool always takes a file: a bug, never a file dropped
                    raise RuntimeError(f"no worker took {task.path}")
                break
            for answer in pool.results():
                answered(answer)
    store.refresh_search()
    return summary
