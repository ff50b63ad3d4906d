"""Meeting metadata supplied by the user: command-line options, a manifest (CSV) for a batch,
a sidecar ``<file>.meta.json`` next to a document.

Supplied values win over what the parser reads. Where several sources name the same field, the
more specific one wins: a manifest row over nothing, a sidecar over the manifest, an explicit
command-line option over everything (``MeetingHints.over``).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from minutes.errors import ExitCode, MinutesError

DOCUMENT_TYPES = ("minutes", "agenda")
HINT_FIELDS = ("organization", "body", "date", "document_type")
MANIFEST_PATH = "path"
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_MAX_BYTES = 64 * 1024   # a sidecar holds four short values
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class MetadataError(MinutesError):
    """A manifest, sidecar or option gives metadata that cannot be used."""

    exit_code = ExitCode.USAGE
    category = "bad_metadata"


@dataclass(frozen=True)
class MeetingHints:
    """What the user knows about a document's meeting; None means "not supplied"."""

    organization: str | None = None
    body: str | None = None
    date: date | None = None
    document_type: str | None = None

    def supplied(self) -> tuple[str, ...]:
        """The names of the fields given, in contract order."""
        return tuple(f for f in HINT_FIELDS if getattr(self, f) is not None)

    def values(self) -> dict[str, str]:
        """The supplied fields with their values as in the JSON contract (dates as YYYY-MM-DD)."""
        return {f: self.date.isoformat() if f == "date" else getattr(self, f) for f in self.supplied()}

    def over(self, base: "MeetingHints | None") -> "MeetingHints":
        """These hints laid over ``base``: every field given here wins, the rest come from ``base``."""
        if base is None:
            return self
        return replace(base, **{f: getattr(self, f) for f in self.supplied()})


def parse_hint_date(text: str) -> date:
    """A date given as YYYY-MM-DD or d.m.yyyy; ValueError names the forms accepted."""
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise ValueError(f"date {text!r} is not a date (YYYY-MM-DD or d.m.yyyy)")


def typed_day(text: str, last: bool = False) -> date:
    """A day as people type it into a filter: YYYY-MM-DD, d.m.yyyy, or a year (its first day, or
    its ``last``). ValueError names the forms accepted."""
    value = text.strip()
    if value.isdigit() and len(value) == 4:
        return date(int(value), 12, 31) if last else date(int(value), 1, 1)
    try:
        return parse_hint_date(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, d.m.yyyy or a year)") from None


def check_name(field: str, value: str) -> str:
    """An organisation or body name as supplied; ValueError for one without a letter or digit
    ("-", "?": a placeholder, which would name no meeting)."""
    if not any(ch.isalnum() for ch in value):
        raise ValueError(f"{field} {value!r} is not a name (leave it empty when it is not known)")
    return value


def hints_from_values(values: dict) -> MeetingHints:
    """Hints from a mapping of field names to strings; empty or missing values are not supplied.

    Raises ValueError naming the first bad value or unknown key."""
    unknown = sorted(set(values) - set(HINT_FIELDS) - {MANIFEST_PATH})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(HINT_FIELDS)})")
    given: dict = {}
    for name in HINT_FIELDS:
        value = values.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{name} must be text, not {type(value).__name__}")
        value = " ".join(value.split())
        if not value:
            continue
        if name == "date":
            given[name] = parse_hint_date(value)
        elif name == "document_type" and value not in DOCUMENT_TYPES:
            raise ValueError(f"document_type {value!r} is not one of {', '.join(DOCUMENT_TYPES)}")
        else:
            given[name] = check_name(name, value)
    return MeetingHints(**given)


def read_manifest(path: str | Path) -> dict[Path, MeetingHints]:
    """The rows of a manifest CSV (columns path, organization, body, date, document_type), by the
    resolved path of each document (paths are relative to the manifest's folder).

    Raises MetadataError naming the manifest, the line and the problem."""
    manifest = Path(path)
    folder = manifest.resolve().parent
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetadataError(str(manifest), f"cannot be read ({exc})") from None
    reader = csv.DictReader(text.splitlines())
    columns = reader.fieldnames or []
    known = f"(columns: {MANIFEST_PATH}, {', '.join(HINT_FIELDS)})"
    if MANIFEST_PATH not in columns:
        raise MetadataError(str(manifest), f"line 1: no {MANIFEST_PATH!r} column {known}")
    unknown = [c for c in columns if c not in HINT_FIELDS and c != MANIFEST_PATH]
    if unknown:
        raise MetadataError(str(manifest), f"line 1: unknown column {unknown[0]!r} {known}")
    rows: dict[Path, MeetingHints] = {}
    for row in reader:
        line = reader.line_num
        where = f"line {line}"
        if None in row:
            raise MetadataError(str(manifest), f"{where}: more cells than columns")
        name = (row.get(MANIFEST_PATH) or "").strip()
        if not name:
            raise MetadataError(str(manifest), f"{where}: the path is empty")
        try:
            hints = hints_from_values({k: v for k, v in row.items() if k != MANIFEST_PATH})
        except ValueError as exc:
            raise MetadataError(str(manifest), f"{where}: {exc}") from None
        target = (folder / name).resolve()
        if not target.exists():
            raise MetadataError(str(manifest), f"{where}: no such file {name!r}")
        if target in rows:
            raise MetadataError(str(manifest), f"{where}: {name!r} is listed twice")
        rows[target] = hints
    return rows


def sidecar_path(document: str | Path) -> Path:
    """Where a document's sidecar lives: ``kokous.pdf`` -> ``kokous.pdf.meta.json``."""
    document = Path(document)
    return document.with_name(document.name + SIDECAR_SUFFIX)


def read_sidecar(document: str | Path) -> MeetingHints | None:
    """The hints of the sidecar next to ``document``, or None when it has none.

    Raises MetadataError naming the sidecar and the problem."""
    path = sidecar_path(document)
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():      # a FIFO or a device is never read (it could block forever)
        raise MetadataError(str(path), "is not a regular file")
    try:
        if path.stat().st_size > SIDECAR_MAX_BYTES:
            raise MetadataError(str(path), f"is larger than {SIDECAR_MAX_BYTES // 1024} KiB")
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetadataError(str(path), f"is not readable JSON ({exc})") from None
    if not isinstance(values, dict):
        raise MetadataError(str(path), "must hold one JSON object")
    try:
        return hints_from_values(values)
    except ValueError as exc:
        raise MetadataError(str(path), str(exc)) from None


def hints_for(document: str | Path, manifest: dict[Path, MeetingHints] | None = None,
              options: MeetingHints | None = None) -> MeetingHints | None:
    """The hints for one document: its manifest row, under its sidecar, under the options."""
    resolved = Path(document).resolve()
    hints = (manifest or {}).get(resolved)
    sidecar = read_sidecar(resolved)
    if sidecar:
        hints = sidecar.over(hints)
    if options and options.supplied():
        hints = options.over(hints)
    return hints if hints and hints.supplied() else None

