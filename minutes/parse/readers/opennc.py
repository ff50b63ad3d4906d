"""CaseM/CloudNC's OpenNC API responses saved as files: a meeting's ``Contents`` (one entry per
item, one for the meeting itself) and each content's ``ExtendedProperties`` (title, §, diary
number, description, proposal, decision, earlier handlings as JSON, HTML inside the fields).

A meeting is several files. ``gather`` makes one document of them: given the bytes of a
``Contents`` response, it adds the property files beside it that belong to its entries (a file
whose name holds the content's id as a number, and holding an ``ExtendedProperties`` response);
given one property file, it adds the ``Contents`` file beside it that lists it (the meeting's
body and date). The bundle is JSON, so its hash covers every file the document is made of and
a worker reads it without the files. ``parts`` tells a batch which files are read as part of
another. ``read_opennc`` prints each item the way CaseM prints its minutes (headings from
``models/opennc.toml``), with the item and handling headers given as structure
(``Line.item``, ``Line.handling``), for the parser to read like any CaseM document.
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from minutes.errors import UnreadableDocument
from minutes.language.lexicon import _read

from ..choices import DEFAULT_MAX_BYTES
from ..dates import parse_date
from ..document import HandlingHeader, ItemHeader, Line
from ..normalize import normalize_text
from .html import read_html

BUNDLE = "minutes.opennc"          # the key of a gathered meeting
CONTENTS, PROPERTIES = "Contents", "ExtendedProperties"   # the collections read (models/opennc.toml)
HEAD = 2048                        # the bytes read to tell a response
_ID_IN_NAME = re.compile(r"(?<!\d)(\d+)(?!\d)")
_WORDY = re.compile(r"[^\W_]")
_MS_DATE = re.compile(r"/Date\((-?\d+)")      # OData's "/Date(ms)/"


@dataclass(frozen=True)
class Api:
    """The API's field names and the words its meetings are printed with (``models/opennc.toml``)."""

    metadata: re.Pattern
    time_zone: str
    languages: dict[int, str]
    headings: dict[str, dict[str, str]]
    roles: dict[str, dict[str, str]]
    contents: dict[str, str]
    fields: dict[str, str]
    item: dict
    meeting: dict[str, str]
    file_name: re.Pattern
    history: dict
    people: dict[str, str]


@functools.cache
def api() -> Api:
    data = _read("opennc.toml")
    return Api(re.compile(data["metadata"].encode(), re.IGNORECASE), data["time_zone"],
               {int(k): v for k, v in data["languages"].items()}, data["headings"], data["roles"],
               data["contents"], data["fields"], data["item"], data["meeting"],
               re.compile(data["meeting"]["file_name"]), data["history"], data["people"])


def kind(head: bytes) -> str | None:
    """CONTENTS, PROPERTIES or BUNDLE when the bytes begin an OpenNC response (or a gathered
    meeting), else None."""
    text = head[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    if f'"{BUNDLE}"'.encode() in text:
        return BUNDLE
    marker = api().metadata.search(text)
    return marker.group("kind").decode() if marker else None


def _json(data: bytes, path: str) -> dict:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableDocument(path, f"the OpenNC response is not valid JSON ({exc})") from None
    except RecursionError:
        raise UnreadableDocument(path, "the OpenNC response is nested too deeply to be read") from None
    if not isinstance(value, dict):
        raise UnreadableDocument(path, "the OpenNC response is not a JSON object")
    return value


def _values(response: dict, path: str) -> list[dict]:
    values = response.get("value")
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise UnreadableDocument(path, 'the OpenNC response has no list of entries ("value")')
    return values


def _id_in(name: str, ids: set[int]) -> int | None:
    found = [int(m) for m in _ID_IN_NAME.findall(name) if int(m) in ids]
    return found[0] if len(found) == 1 else None


def _siblings(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
    except OSError:
        return []


def head(path: Path) -> bytes:
    """The first bytes of a regular file (never waiting on a FIFO), or b"" (not one, unreadable)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return b""
    with os.fdopen(fd, "rb") as fh:
        try:
            return fh.read(HEAD) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        except OSError:
            return b""


def _ids(entries: list[dict], meeting_only: bool = False) -> set[int]:
    """The content ids of a Contents response's entries (with ``meeting_only``, of the entries
    without a subject: the meeting's own)."""
    c = api().contents
    return {v[c["id"]] for v in entries if isinstance(v.get(c["id"]), int)
            and not (meeting_only and str(v.get(c["subject"]) or "").strip())}


def _content_ids(path: Path) -> set[int]:
    """The ids a ``Contents`` file lists (none when it cannot be read, or is past the size limit)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(DEFAULT_MAX_BYTES + 1)
        if len(data) > DEFAULT_MAX_BYTES:
            return set()
        return _ids(_values(_json(data, str(path)), str(path)))
    except (OSError, UnreadableDocument):
        return set()


def parts(files: Iterable[Path], kinds: dict[Path, str | None] | None = None) -> set[Path]:
    """The property files among ``files`` that a ``Contents`` file among them (in the same
    folder) lists: read as part of its meeting, not as documents of their own. ``kinds``: what
    the caller has told of some of the files already (``kind``), not read again."""
    known = kinds or {}
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        if f.suffix.lower() == ".json":
            by_folder.setdefault(f.parent, []).append(f)
    out: set[Path] = set()
    for group in by_folder.values():
        found = {f: known[f] if f in known else kind(head(f)) for f in group}
        listed: set[int] = set()
        for f, k in found.items():
            if k == CONTENTS:
                listed |= _content_ids(f)
        out |= {f for f, k in found.items() if k == PROPERTIES and _id_in(f.name, listed) is not None}
    return out


def gather(path: str, data: bytes, read) -> bytes:
    """The bytes of the document ``path`` is: an OpenNC ``Contents`` response with the property
    files of its entries found beside it, or a property file with the ``Contents`` file that
    lists it, as one bundle; any other bytes as they are. ``read(path)`` reads a file beside it
    (with the caller's size limit)."""
    k = kind(data)
    if k not in (CONTENTS, PROPERTIES):
        return data
    here = Path(path)
    siblings = [p for p in _siblings(here.parent) if p.name != here.name]
    mine = None                         # the content id of the one item read, when one is
    if k == CONTENTS:
        contents = _json(data, path)
    else:
        for p in siblings:
            if kind(head(p)) == CONTENTS and (n := _id_in(here.name, _content_ids(p))) is not None:
                contents, mine = _json(read(p), str(p)), n
                break
        else:
            return data
    # every entry's file for a meeting; for one item, its own and the meeting's entry
    ids = _ids(_values(contents, path), meeting_only=mine is not None)
    items: dict[str, object] = {str(mine): _json(data, path)} if mine is not None else {}
    for p in siblings:
        n = _id_in(p.name, ids)
        if n is not None and str(n) not in items and kind(head(p)) == PROPERTIES:
            items[str(n)] = _json(read(p), str(p))
    bundle = {BUNDLE: 1, "contents": contents, "properties": items, "only": mine}
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------------

def _fields(response: dict, path: str) -> dict[str, list[str]]:
    """An ExtendedProperties response as field name -> its texts (a field may repeat)."""
    f = api().fields
    out: dict[str, list[str]] = {}
    for v in _values(response, path):
        name, text = v.get(f["name"]), v.get(f["text"])
        if isinstance(name, str) and isinstance(text, str):
            out.setdefault(name, []).append(text)
    return out


def _first(fields: dict, name: str) -> str:
    """The first text of a field that is not empty; a key of a handling's JSON alike."""
    value = fields.get(name)
    texts = value if isinstance(value, list) else [value]
    return next((t for t in texts if isinstance(t, str) and t.strip()), "")


def _html_lines(fragment: str, path: str) -> list[Line]:
    """The lines of a field's HTML (paragraphs, list entries, table rows, links), without the
    rules its author typed between them ("-----"): a field is text, not a page whose rule closes it."""
    if not fragment.strip():
        return []
    lines, _ = read_html(f"<html><body>{fragment}</body></html>".encode("utf-8"), path)
    return [line for line in lines if _WORDY.search(line.full_text)]


def _html_text(fragment: str, path: str) -> str:
    """A field's HTML as one line of text (an attachment's link: its name)."""
    return " ".join(line.full_text for line in _html_lines(fragment, path))


def _people(text: str, roles: dict[str, str]) -> list[str]:
    """People as the API lists them in one field (name, title, phone, e-mail per entry) as
    "Name, title" lines, a role the API names in English in the meeting's language."""
    p = api().people
    out = []
    for entry in text.split(p["entries"]):
        cells = [normalize_text(c) for c in entry.split(p["cells"])]
        if cells and cells[0]:
            extra = [roles.get(c.casefold(), c) for c in cells[1:2] if c]
            out.append(", ".join([cells[0], *extra]))
    return out


def _ms_date(value) -> str | None:
    """The day of an OData "/Date(ms)/" time, in Finland's time zone (the meetings' own)."""
    m = _MS_DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        zone = ZoneInfo(api().time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.utc      # no time zone data on this machine: the day is right but at night
    try:
        day = datetime.fromtimestamp(int(m.group(1)) / 1000, tz=zone)
    except (OverflowError, OSError, ValueError):
        return None
    return f"{day.day}.{day.month}.{day.year}"


@dataclass(frozen=True)
class _Meeting:
    body: str | None
    date: str | None       # d.m.yyyy
    agenda: bool           # no item holds a decision yet


def _meeting(entries: list[dict], own: dict[str, list[str]] | None, decided: bool, path: str) -> _Meeting:
    """The meeting's body and date from the name of its agenda's or minutes' file, else the date
    from the classification naming the meeting."""
    a = api()
    body = day = None
    for field, texts in (own or {}).items():
        if field.endswith(a.meeting["files"]):
            for text in texts:
                m = a.file_name.match(_html_text(text, path))
                if m:
                    body, day = m.group("body"), m.group("date")
    if day is None:
        for v in entries:
            for c in v.get(a.contents["classifications"]) or []:
                found = parse_date(str(c.get(a.contents["classification_name"], ""))) if isinstance(c, dict) else None
                if found:
                    day = f"{found.day}.{found.month}.{found.year}"
    return _Meeting(body, day, not decided)


def read_opennc(data: bytes, path: str) -> tuple[list[Line], dict, tuple[str, ...]]:
    """The lines of a gathered meeting (or of one response read alone), the meeting's title and
    meta fields (body, date) as an HTML page gives them, and what the reader noticed (items
    listed without their file)."""
    a = api()
    response = _json(data, path)
    if BUNDLE in response:
        contents, properties, only = response.get("contents"), response.get("properties") or {}, response.get("only")
        if not (contents is None or isinstance(contents, dict)) or not isinstance(properties, dict) \
                or not all(isinstance(v, dict) for v in properties.values()):
            raise UnreadableDocument(path, "a gathered OpenNC meeting whose parts are not responses")
    elif kind(data) == CONTENTS:
        contents, properties, only = response, {}, None
    else:
        contents, properties, only = None, {"": response}, ""
    c = a.contents
    entries = _values(contents, path) if contents else []
    subjects = {str(v.get(c["id"])): normalize_text(str(v.get(c["subject"]) or "")) for v in entries}
    language_ids = {str(v.get(c["id"])): v.get(c["language"]) for v in entries}
    items, own = [], None
    for content_id, value in properties.items():
        fields = _fields(value, path)
        if a.item["number"] in fields or a.item["title"] in fields:
            items.append((content_id, fields))
        else:
            own = fields
    missing = [subjects[k] for k in subjects if k not in properties and subjects[k]] if only is None else []
    if missing and not items:
        raise UnreadableDocument(path, "a CaseM OpenNC meeting listing whose items' property files are not "
                                       "beside it (files named with each content's id)")
    notes = tuple(f'the item "{subject}" is listed, but its response file is not beside the listing'
                  for subject in missing)
    if not items:
        raise UnreadableDocument(path, "an OpenNC response with no agenda item in it")
    ids = [language_ids.get(k) for k, _ in items]
    lang = a.languages.get(next((i for i in ids if isinstance(i, int)), 1), "fi")
    meeting = _meeting(entries, own, any(_first(f, a.item["decision"]) for _, f in items), path)
    heads, roles = a.headings[lang], a.roles.get(lang, {})
    lines: list[Line] = []
    members = _people(_first(own or {}, a.meeting["participants"]), roles)
    if members:
        lines.append(Line(heads["participants"], heading=True))
        lines += [Line(p) for p in members]
    # in § order; an item the API gives without one after them, in the API's order
    numbered = [(_number(fields), content_id, fields) for content_id, fields in items]
    numbered.sort(key=lambda entry: (entry[0] is None, entry[0] or 0))
    for number, content_id, fields in numbered:
        lines += _item(number, fields, meeting, heads, roles, subjects.get(content_id), path)
    title = " - ".join(x for x in (heads["agenda" if meeting.agenda else "minutes"], meeting.body, meeting.date) if x)
    meta = {"title": title}
    if meeting.body:
        meta["body"] = meeting.body
    if meeting.date:
        meta["meeting-date"] = meeting.date
    return lines, meta, notes


def _number(fields: dict[str, list[str]]) -> int | None:
    text = _first(fields, api().item["number"]).strip()
    return int(text) if text.isdigit() else None


def _item(number: int | None, fields: dict[str, list[str]], meeting: _Meeting, heads: dict[str, str],
          roles: dict[str, str], subject: str | None, path: str) -> list[Line]:
    i = api().item
    title = normalize_text(_first(fields, i["title"])) or subject or ""
    header = f"§ {number} {title}" if number is not None else title
    out = [Line(header, heading=True, gap_before=True, item=ItemHeader(number, title or None))]
    case = normalize_text(_first(fields, i["case"]))
    if case:
        out.append(Line(case))
    draftsmen = _people(_first(fields, i["preparers"]), roles)
    if draftsmen:
        out.append(Line(heads["preparers"], heading=True))
        out += [Line(p) for p in draftsmen]
    attachments = [name for t in fields.get(i["attachments"], []) if (name := _html_text(t, path))]
    if attachments:
        out.append(Line(heads["attachments"], heading=True))
        out += [Line(f"{k} {name}") for k, name in enumerate(attachments, 1)]
    history = _history(_first(fields, i["history"]))
    for stage in history:
        out += _handling(stage, heads, path)
    if history and meeting.body and meeting.date:
        # this meeting's handling, printed after the earlier ones as CaseM prints it
        out.append(Line(f"{meeting.body}, {meeting.date}" + (f", § {number}" if number is not None else ""),
                        handling=HandlingHeader(meeting.body, meeting.date, number)))
    presenters = _people(_first(fields, i["presenters"]), roles)
    return out + _sections(fields, i["sections"], presenters[0] if presenters else None, heads, path)


def _history(text: str) -> list[dict]:
    if not text.strip():
        return []
    try:
        stages = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return []
    return [s for s in stages if isinstance(s, dict)] if isinstance(stages, list) else []


def _handling(stage: dict, heads: dict[str, str], path: str) -> list[Line]:
    """An earlier handling: its header (given as structure) and its sections."""
    h = api().history
    body = normalize_text(next((_first(stage, key) for key in h["body"] if _first(stage, key)), ""))
    if not body:
        return []
    day = _ms_date(stage.get(h["date"]))
    number = stage.get(h["number"])
    number = number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None
    printed = ", ".join(x for x in (body, day, f"§ {number}" if number else None) if x)
    presenters = [", ".join(x for x in (p.get(h["person_name"]), p.get(h["person_title"])) if isinstance(x, str) and x)
                  for p in stage.get(h["presenters"]) or [] if isinstance(p, dict) and p.get(h["person_name"])]
    return [Line(printed, handling=HandlingHeader(body, day, number))] + _sections(
        stage, h["sections"], presenters[0] if presenters else None, heads, path)


def _sections(fields: dict, sections: list[list[str]], presenter: str | None, heads: dict[str, str],
              path: str) -> list[Line]:
    """A handling's sections in ``sections``' order ([heading key, field]), headed as CaseM prints
    them; the presenter under the proposal's heading."""
    out: list[Line] = []
    for heading, field in sections:
        body = _html_lines(_first(fields, field), path)
        if not body:
            continue
        if heading:
            out.append(Line(heads[heading], heading=True, gap_before=True))
            if heading == "proposal" and presenter:
                out.append(Line(f"{heads['presenter']} {presenter}"))
        out += body
    return out


__all__ = ["kind", "head", "parts", "gather", "read_opennc", "BUNDLE", "CONTENTS", "PROPERTIES"]
