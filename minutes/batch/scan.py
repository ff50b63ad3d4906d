"""Walking the paths given to a batch: the document files among them, the paths that cannot be
read, and the outcome of each file and their summary (``run_batch`` parses and stores them)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from minutes.parse.hints import SIDECAR_SUFFIX
from minutes.parse.readers import opennc
from minutes.store import INSERTED, UNCHANGED, UPDATED

# .json: CaseM OpenNC API responses (other JSON in a folder is passed over, see ``_other_json``)
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".doc", ".json"})


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
    skipped: int = 0               # files passed over as not documents (hidden, other kinds)
    parts: int = 0                 # files read as parts of another document (an API meeting's items)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.pages += outcome.pages or 0
        if outcome.status == "failed":
            self.failures.append(outcome)

    def line(self) -> str:
        c = self.counts
        skipped = (f", {self.skipped} other file{'' if self.skipped == 1 else 's'} skipped" if self.skipped else "")
        parts = (f", {self.parts} file{'' if self.parts == 1 else 's'} read as part of another" if self.parts else "")
        return (f"{c[INSERTED]} inserted, {c[UPDATED]} updated, {c[UNCHANGED]} unchanged, "
                f"{c['failed']} failed{skipped}{parts}")


@dataclass(frozen=True)
class Scan:
    """What a walk over the paths given to a batch found: the documents to read, the paths
    that cannot be read (folders without permission, FIFOs, sockets, devices), and how many
    files were passed over as not documents (hidden files, other kinds)."""

    files: tuple[Path, ...]
    problems: tuple[Outcome, ...]
    skipped: int
    parts: int = 0       # files read as parts of another document among ``files`` (``opennc.parts``)


def _not_regular(path: Path) -> Outcome | None:
    """A failure for a path that is not a regular file (reading a FIFO or a device never ends)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return Outcome(str(path), "failed", "unreadable", f"cannot be read ({exc.strerror or exc})")
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return Outcome(str(path), "failed", "unsupported_format", f"{kind}, not a regular file")
    return None


def _json_kind(path: Path) -> str | None:
    """What a .json file found in a folder is (``opennc.kind``); None for a document's metadata
    sidecar and any other JSON, no document (a FIFO or a device is tried, and its error reported)."""
    return None if path.name.endswith(SIDECAR_SUFFIX) else opennc.kind(opennc.head(path))


def scan(paths: Iterable[str | Path]) -> Scan:
    """The document files among ``paths``, folders walked recursively in name order; hidden
    files and files of other kinds are skipped (a file named on the command line is always tried).
    An OpenNC item's response is read as part of its meeting when the meeting's contents are
    among the files too (``opennc.parts``), and skipped here."""
    files: list[Path] = []
    problems: list[Outcome] = []
    skipped = 0
    kinds: dict[Path, str | None] = {}       # the .json files told apart on the way

    def unreadable(error: OSError) -> None:
        problems.append(Outcome(error.filename or "?", "failed", "unreadable",
                                f"folder cannot be read ({error.strerror or error})"))

    for path in map(Path, paths):
        problem = _not_regular(path)
        if problem:
            problems.append(problem)
        elif path.is_dir():
            for root, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    suffix = Path(name).suffix.lower()
                    if suffix == ".json" and not name.startswith("."):
                        kinds[Path(root) / name] = _json_kind(Path(root) / name)
                    if name.startswith(".") or suffix not in DOCUMENT_SUFFIXES \
                            or (suffix == ".json" and kinds[Path(root) / name] is None):
                        skipped += 1
                        continue
                    problem = _not_regular(Path(root) / name)
                    if problem:
                        problems.append(problem)
                    else:
                        files.append(Path(root) / name)
        else:
            files.append(path)
    within = opennc.parts(files, kinds)
    if within:
        files = [f for f in files if f not in within]
    return Scan(tuple(files), tuple(problems), skipped, len(within))
