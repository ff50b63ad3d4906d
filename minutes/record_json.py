"""The ``minutes.record/1`` JSON: written as UTF-8 text, and read back into a record (the
inverse of ``Record.to_dict``)."""

from __future__ import annotations

import json
from datetime import date

import regex

from .dates import DateMention
from .references import Reference
from .record import SCHEMA, Item, Meeting, Participant, Record, Section, Source, Stage, Warning


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def json_text(value, indent: int | None = None) -> str:
    """``value`` as JSON text that is valid UTF-8. A file name whose bytes are not UTF-8 holds
    surrogate escapes; such a value is written with \\u escapes, which read back to the same name."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _SURROGATE.search(text):
        return json.dumps(value, ensure_ascii=True, indent=indent)
    return text


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _reference(r: dict) -> Reference:
    return Reference(r["kind"], r["text"], tuple(r["span"]), body=r.get("body"), date=_date(r.get("date")),
                     number=r.get("number"), law=r.get("law"), section=r.get("section"),
                     subsection=r.get("subsection"), case_id=r.get("case_id"),
                     inferred=tuple(r.get("inferred", ())), statute=r.get("statute"))


def _mention(d: dict) -> DateMention:
    return DateMention(d["text"], tuple(d["span"]), _date(d.get("start")), _date(d.get("end")), d.get("warning"))


def _sections(values: list[dict]) -> tuple[Section, ...]:
    return tuple(Section(s["kind"], s.get("heading"), s["text"], s.get("page"),
                         tuple(_reference(r) for r in s.get("references", [])),
                         tuple(_mention(d) for d in s.get("dates", []))) for s in values)


def record_from_dict(data: dict) -> Record:
    """A ``Record`` from the JSON object ``minutes parse --format json`` prints."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} record: schema {data.get('schema')!r}")
    m = data["meeting"]
    meeting = Meeting(
        organization=m.get("organization"), body=m.get("body"), number=m.get("number"),
        date=_date(m.get("date")), start=m.get("start"), end=m.get("end"), place=m.get("place"),
        participants=tuple(Participant(p["name"], p.get("role"), p.get("status", "present"),
                                       p.get("arrived"), p.get("left")) for p in m.get("participants", [])),
    )
    items = tuple(
        Item(id=i["id"], number=i.get("number"), title=i["title"], case_id=i.get("case_id"), page=i.get("page"),
             preparers=tuple(i.get("preparers", [])), presenter=i.get("presenter"),
             sections=_sections(i.get("sections", [])),
             history=tuple(Stage(h["body"], _date(h.get("date")), h.get("number"), _sections(h.get("sections", [])),
                                 h.get("body_name")) for h in i.get("history", [])))
        for i in data["items"]
    )
    s = data["source"]
    return Record(
        source=Source(s["path"], s["sha256"], s["format"], s.get("pages")),
        document_type=data["document_type"], language=data["language"], meeting=meeting, items=items,
        warnings=tuple(Warning(w.get("page"), w["message"]) for w in data.get("warnings", [])),
        supplied=tuple(data.get("supplied", ())),
    )
