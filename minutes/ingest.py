"""Ingest: walk folders for documents, parse each and store it, one transaction per document.
A file that cannot be parsed is reported and skipped; the batch goes on."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MinutesError
from .hints import MeetingHints, hints_for
from .pipeline import parse_bytes
from .readers import DEFAULT_ENGINE, read_file
from .store import INSERTED, UNCHANGED, UPDATED, Store

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".doc"})


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str                 # inserted | updated | unchanged | failed
    category: str | None = None  # for failures: the error's category
    message: str | None = None
    pages: int | None = None


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=lambda: {INSERTED: 0, UPDATED: 0, UNCHANGED: 0, "failed": 0})
    pages: int = 0
    failures: list[Outcome] = field(default_factory=list)
    worker_peak_mib: float = 0.0   # the largest peak resident memory of a worker process (batch ingest)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.pages += outcome.pages or 0
        if outcome.status == "failed":
            self.failures.append(outcome)

    def line(self) -> str:
        c = self.counts
        return (f"{c[INSERTED]} inserted, {c[UPDATED]} updated, {c[UNCHANGED]} unchanged, "
                f"{c['failed']} failed")


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The document files among ``paths``, folders walked recursively in name order; hidden
    files and files of other kinds are skipped (a file named on the command line is always tried)."""
    for path in map(Path, paths):
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                        yield Path(root) / name
        else:
            yield path


def ingest_file(store: Store, path: Path, engine: str = DEFAULT_ENGINE,
                options: MeetingHints | None = None, manifest: dict[Path, MeetingHints] | None = None) -> Outcome:
    """Parse and store one file; a file whose bytes are stored already (with the same supplied
    metadata) is not parsed again."""
    name = str(path.resolve()) if path.exists() else str(path)
    try:
        hints = hints_for(path, manifest, options)
        data = read_file(name)
        if store.status_of(hashlib.sha256(data).hexdigest(), name, hints.values() if hints else None) == UNCHANGED:
            return Outcome(name, UNCHANGED)
        record = parse_bytes(data, name, engine, metadata=hints)
    except MinutesError as exc:
        return Outcome(name, "failed", exc.category, exc.message)
    return Outcome(name, store.upsert(record), pages=record.source.pages)


def ingest(store: Store, paths: Iterable[str | Path], engine: str = DEFAULT_ENGINE,
           on_outcome: Callable[[Outcome], None] | None = None, options: MeetingHints | None = None,
           manifest: dict[Path, MeetingHints] | None = None) -> Summary:
    """Parse and store every document under ``paths``; report each outcome as it comes."""
    summary = Summary()
    for path in iter_documents(paths):
        outcome = ingest_file(store, path, engine, options, manifest)
        summary.add(outcome)
        if on_outcome:
            on_outcome(outcome)
    store.refresh_search()
    return summary
