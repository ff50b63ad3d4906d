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
CONTENTS, PROPERTIES = "#Contents", "#ExtendedProperties"
HEAD = 2048                        # the bytes read to tell a response
_ID_IN_NAME = re.compile(r"(?<!\d)(\d+)(?!\d)")
_WORDY = re.compile(r"[^\W_]")
_MS_DATE = re.compile(r"/Date\((-?\d+)")
_ATTACHMENT = re.compile(r"^(?P<kind>[^-]+?)\s+-\s+(?P<body>.+?)\s+-\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})")


@dataclass(frozen=True)
class Words:
    languages: dict[int, str]
    headings: dict[str, dict[str, str]]
    roles: dict[str, dict[str, str]]
    time_zone: str


@functools.cache
def words() -> Words:
    data = _read("opennc.toml")
    return Words({int(k): v for k, v in data["languages"].items()}, data["headings"], data["roles"],
                 data["time_zone"])


def kind(head: bytes) -> str | None:
    """CONTENTS, PROPERTIES or BUNDLE when the bytes begin an OpenNC response (or a gathered
    meeting), else None."""
    text = head[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    if f'"{BUNDLE}"'.encode() in text:
        return BUNDLE
    marker = re.search(rb'"odata\.metadata"\s*:\s*"[^"]*opennc[^"]*?\$metadata(#\w+)', text)
    if not marker:
        return None
    found = marker.group(1).decode()
    return found if found in (CONTENTS, PROPERTIES) else None


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


def _content_ids(path: Path) -> set[int]:
    """The ids a ``Contents`` file lists (none when it cannot be read, or is past the size limit)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(DEFAULT_MAX_BYTES + 1)
        if len(data) > DEFAULT_MAX_BYTES:
            return set()
        values = _values(_json(data, str(path)), str(path))
    except (OSError, UnreadableDocument):
        return set()
    return {v["ContentId"] for v in values if isinstance(v.get("ContentId"), int)}


def parts(files: Iterable[Path]) -> set[Path]:
    """The property files among ``files`` that a ``Contents`` file among them (in the same
    folder) lists: read as part of its meeting, not as documents of their own."""
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        if f.suffix.lower() == ".json":
            by_folder.setdefault(f.parent, []).append(f)
    out: set[Path] = set()
    for group in by_folder.values():
        kinds = {f: kind(head(f)) for f in group}
        listed: set[int] = set()
        for f, k in kinds.items():
            if k == CONTENTS:
                listed |= _content_ids(f)
        out |= {f for f, k in kinds.items() if k == PROPERTIES and _id_in(f.name, listed) is not None}
    return out


def gather(path: str, data: bytes, read) -> bytes:
    """The bytes of the document ``path`` is: an OpenNC ``Contents`` response with the property
    files of its entries found beside it, or a property file with the ``Contents`` file that
    lists it, as one bundle; any other bytes as they are. ``read(path)`` reads a file beside it
    (with the caller's size limit)."""
    k = kind(data)
    if k not in (CONTENTS, PROPERTIES) or path == "-":
        return data
    here = Path(path)
    siblings = [p for p in _siblings(here.parent) if p.name != here.name]
    if k == CONTENTS:
        contents, mine = data, None
    else:
        contents = mine = None
        for p in siblings:
            if kind(head(p)) == CONTENTS and (n := _id_in(here.name, _content_ids(p))) is not None:
                contents, mine = read(p), n
                break
        if contents is None:
            return data
    entries = _values(_json(contents, path), path)
    # every entry's file for a meeting; for one item, its own and the meeting's entry (no subject)
    ids = {v["ContentId"] for v in entries if isinstance(v.get("ContentId"), int)
           and (mine is None or not str(v.get("Subject") or "").strip())}
    items: dict[str, object] = {}
    if mine is not None:
        items[str(mine)] = _json(data, path)
    for p in siblings:
        n = _id_in(p.name, ids)
        if n is not None and str(n) not in items and kind(head(p)) == PROPERTIES:
            items[str(n)] = _json(read(p), str(p))
    bundle = {BUNDLE: 1, "contents": _json(contents, path), "properties": items, "only": mine}
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------------

def _fields(response: dict, path: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in _values(response, path):
        name, text = v.get("Name"), v.get("Text")
        if isinstance(name, str) and isinstance(text, str):
            out.setdefault(name, []).append(text)
    return out


def _first(fields: dict[str, list[str]], name: str) -> str:
    return next((t for t in fields.get(name, []) if t.strip()), "")


def _html_lines(fragment: str, path: str) -> list[Line]:
    """The lines of a field's HTML (paragraphs, list entries, table rows), without the rules
    its author typed between them ("-----"): a field is text, not a page whose rule closes it."""
    if not fragment.strip():
        return []
    lines, _ = read_html(f"<html><body>{fragment}</body></html>".encode("utf-8"), path)
    return [line for line in lines if _WORDY.search(line.full_text)]


def _people(text: str, roles: dict[str, str]) -> list[str]:
    """"Name;#title;#phone;#email;#" entries separated by ";#!#" as "Name, title" lines."""
    out = []
    for entry in text.split(";#!#"):
        cells = [normalize_text(c) for c in entry.split(";#")]
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
        zone = ZoneInfo(words().time_zone)
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
    language: str
    agenda: bool


def _meeting(contents: dict | None, own: dict[str, list[str]] | None, decided: bool, language: str) -> _Meeting:
    body = day = None
    for field, texts in (own or {}).items():
        if field.endswith("Attachment"):
            for text in texts:
                printed = normalize_text(re.sub(r"<[^>]+>", " ", text))
                m = _ATTACHMENT.match(printed)
                if m:
                    body, day = m.group("body"), m.group("date")
    if day is None and contents:
        for v in contents.get("value", []):
            for c in v.get("Classifications") or []:
                found = parse_date(str(c.get("NodeName", ""))) if isinstance(c, dict) else None
                if found:
                    day = f"{found.day}.{found.month}.{found.year}"
    return _Meeting(body, day, language, not decided)


def read_opennc(data: bytes, path: str) -> tuple[list[Line], dict, tuple[str, ...]]:
    """The lines of a gathered meeting (or of one response read alone), the meeting's title and
    meta fields (body, date) as an HTML page gives them, and what the reader noticed (items
    listed without their file)."""
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
    entries = _values(contents, path) if contents else []
    subjects = {str(v.get("ContentId")): normalize_text(str(v.get("Subject") or "")) for v in entries}
    language_ids = {str(v.get("ContentId")): v.get("LanguageId") for v in entries}
    items, own = [], None
    for content_id, value in properties.items():
        fields = _fields(value, path)
        if "Article" in fields or "Name" in fields:
            items.append((content_id, fields))
        else:
            own = fields
    missing = [subjects[c] for c in subjects if c not in properties and subjects[c]] if only is None else []
    if missing and not items:
        raise UnreadableDocument(path, "a CaseM OpenNC meeting listing whose items' property files are not "
                                       "beside it (files named with each content's id)")
    notes = tuple(f'the item "{subject}" is listed, but its response file is not beside the listing'
                  for subject in missing)
    if not items:
        raise UnreadableDocument(path, "an OpenNC response with no agenda item in it")
    ids = [language_ids.get(c) for c, _ in items]
    lang = words().languages.get(next((i for i in ids if isinstance(i, int)), 1), "fi")
    decided = any(_first(f, "Decision") for _, f in items)
    meeting = _meeting(contents, own, decided, lang)
    heads = words().headings[lang]
    roles = words().roles.get(lang, {})
    lines: list[Line] = []
    if own and _first(own, "Participant_councilman"):
        lines.append(Line(heads["participants"], heading=True))
        lines += [Line(p) for p in _people(_first(own, "Participant_councilman"), roles)]
    # in § order; an item the API gives without one after them, in the API's order
    items.sort(key=lambda entry: (_number(entry[1]) is None, _number(entry[1]) or 0))
    for content_id, fields in items:
        lines += _item(fields, meeting, heads, roles, subjects.get(content_id), path)
    title = " - ".join(x for x in (heads["agenda" if meeting.agenda else "minutes"], meeting.body, meeting.date) if x)
    meta = {"title": title}
    if meeting.body:
        meta["body"] = meeting.body
    if meeting.date:
        meta["meeting-date"] = meeting.date
    return lines, meta, notes


def _number(fields: dict[str, list[str]]) -> int | None:
    text = _first(fields, "Article").strip()
    return int(text) if text.isdigit() else None


def _item(fields: dict[str, list[str]], meeting: _Meeting, heads: dict[str, str], roles: dict[str, str],
          subject: str | None, path: str) -> list[Line]:
    number = _number(fields)
    title = normalize_text(_first(fields, "Name")) or subject or ""
    header = f"§ {number} {title}" if number is not None else title
    out = [Line(header, heading=True, gap_before=True,
                item=ItemHeader(number, title or None))]
    case = normalize_text(_first(fields, "CaseNativeId"))
    if case:
        out.append(Line(case))
    draftsmen = _people(_first(fields, "Draftsmans"), roles)
    if draftsmen:
        out.append(Line(heads["preparers"], heading=True))
        out += [Line(p) for p in draftsmen]
    attachments = [normalize_text(re.sub(r"<[^>]+>", " ", t)) for t in fields.get("Attachments", [])]
    attachments = [a for a in attachments if a]
    if attachments:
        out.append(Line(heads["attachments"], heading=True))
        out += [Line(f"{k} {a}") for k, a in enumerate(attachments, 1)]
    history = _history(_first(fields, "HistoryTopics"))
    for stage in history:
        out += _handling(stage, heads, roles, path)
    if history and meeting.body and meeting.date:
        # this meeting's handling, printed after the earlier ones as CaseM prints it
        out.append(Line(f"{meeting.body}, {meeting.date}" + (f", § {number}" if number is not None else ""),
                        handling=HandlingHeader(meeting.body, meeting.date, number)))
    presenters = _people(_first(fields, "Presenters"), roles)
    out += _sections(heads, path, _first(fields, "Description"), _first(fields, "Decisionproposal"),
                     presenters[0] if presenters else None, _first(fields, "Eventhandling"),
                     _first(fields, "Decision"), _first(fields, "Disqualification"),
                     _first(fields, "DissentingOpinion"), _first(fields, "Inform"))
    return out


def _history(text: str) -> list[dict]:
    if not text.strip():
        return []
    try:
        stages = json.loads(text)
    except json.JSONDecodeError:
        return []
    return [s for s in stages if isinstance(s, dict)] if isinstance(stages, list) else []


def _handling(stage: dict, heads: dict[str, str], roles: dict[str, str], path: str) -> list[Line]:
    body = normalize_text(str(stage.get("Party") or ""))
    day = _ms_date(stage.get("MeetingDate"))
    number = stage.get("Article") if isinstance(stage.get("Article"), int) and stage.get("Article") > 0 else None
    if not body:
        return []
    printed = ", ".join(x for x in (body, day, f"§ {number}" if number else None) if x)
    presenters = [", ".join(x for x in (p.get("Name"), p.get("Title")) if x)
                  for p in stage.get("Presenters") or [] if isinstance(p, dict) and p.get("Name")]
    # the API spells these keys so
    return [Line(printed, handling=HandlingHeader(body, day, number))] + _sections(
        heads, path, str(stage.get("Description") or ""), str(stage.get("DescisionProposal") or ""),
        presenters[0] if presenters else None, str(stage.get("Meetingcontent") or ""),
        str(stage.get("Descision") or ""), str(stage.get("Disqualification") or ""),
        str(stage.get("DissentingOpinion") or ""), "")


def _sections(heads: dict[str, str], path: str, description: str, proposal: str, presenter: str | None,
              handling: str, decision: str, disqualification: str, dissent: str, inform: str) -> list[Line]:
    """A handling's sections, headed as CaseM prints them: the description unheaded."""
    out = _html_lines(description, path)
    for heading, html, lead in (("proposal", proposal, presenter), ("discussion", handling, None),
                                ("decision", decision, None), ("disqualification", disqualification, None),
                                ("dissent", dissent, None), ("notice", inform, None)):
        body = _html_lines(html, path)
        if body:
            out.append(Line(heads[heading], heading=True, gap_before=True))
            if lead:
                out.append(Line(f"{heads['presenter']} {lead}"))
            out += body
    return out


__all__ = ["kind", "head", "parts", "gather", "read_opennc", "BUNDLE", "CONTENTS", "PROPERTIES"]
