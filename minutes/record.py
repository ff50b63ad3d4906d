"""The structured record of one document: the output contract ``minutes.record/1``.

Frozen dataclasses built once by the pipeline and turned into JSON by ``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dates import DateMention
    from .references import Reference

SCHEMA = "minutes.record/1"
MEETING_KEYS = ("organization", "body", "date")   # what names a meeting; a record lacking one is incomplete


@dataclass(frozen=True)
class Participant:
    name: str
    role: str | None = None
    status: str = "present"          # present | absent | other
    arrived: str | None = None       # HH:MM
    left: str | None = None


@dataclass(frozen=True)
class Meeting:
    organization: str | None = None
    body: str | None = None
    number: str | None = None
    date: date | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    participants: tuple[Participant, ...] = ()


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str | None
    text: str
    page: int | None = None
    references: tuple["Reference", ...] = ()
    dates: tuple["DateMention", ...] = ()


@dataclass(frozen=True)
class Stage:
    """An earlier handling of the item's matter printed inside the item.

    ``body`` is as printed ("Kh"); ``body_name`` is its full name ("Kaupunginhallitus"): the same
    as ``body`` when printed in full, None for an abbreviation the organisation's tables lack."""

    body: str
    date: date | None
    number: int | None
    sections: tuple[Section, ...] = ()
    body_name: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    number: int | None
    title: str
    case_id: str | None = None
    page: int | None = None
    preparers: tuple[str, ...] = ()
    presenter: str | None = None
    sections: tuple[Section, ...] = ()
    history: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class Warning:
    page: int | None
    message: str


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: str
    pages: int | None


@dataclass(frozen=True)
class Record:
    source: Source
    document_type: str
    language: str
    meeting: Meeting
    items: tuple[Item, ...]
    warnings: tuple[Warning, ...] = field(default=())
    supplied: tuple[str, ...] = ()   # fields given by the user (organization, body, date, document_type)

    def supplied_values(self) -> dict[str, str]:
        """The supplied fields with their values as in the JSON contract."""
        data = self.to_dict()
        return {k: data[k] if k == "document_type" else data["meeting"][k] for k in self.supplied}

    def missing_metadata(self) -> tuple[str, ...]:
        """The meeting's organisation, body or date where none was read or supplied."""
        return tuple(k for k in MEETING_KEYS if getattr(self.meeting, k) is None)

    def to_dict(self) -> dict:
        """The record as the JSON object of the ``minutes.record/1`` contract."""
        return {
            "schema": SCHEMA,
            "source": {"path": self.source.path, "sha256": self.source.sha256,
                       "format": self.source.format, "pages": self.source.pages},
            "document_type": self.document_type,
            "language": self.language,
            "supplied": list(self.supplied),
            "meeting": {
                "organization": self.meeting.organization,
                "body": self.meeting.body,
                "number": self.meeting.number,
                "date": _iso(self.meeting.date),
                "start": self.meeting.start,
                "end": self.meeting.end,
                "place": self.meeting.place,
                "participants": [
                    {"name": p.name, "role": p.role, "status": p.status, "arrived": p.arrived, "left": p.left}
                    for p in self.meeting.participants
                ],
            },
            "items": [
                {
                    "id": item.id,
                    "number": item.number,
                    "title": item.title,
                    "case_id": item.case_id,
                    "page": item.page,
                    "preparers": list(item.preparers),
                    "presenter": item.presenter,
                    "sections": [_section(s) for s in item.sections],
                    "history": [
                        {"body": st.body, "body_name": st.body_name, "date": _iso(st.date), "number": st.number,
                         "sections": [_section(s) for s in st.sections]}
                        for st in item.history
                    ],
                }
                for item in self.items
            ],
            "warnings": [{"page": w.page, "message": w.message} for w in self.warnings],
        }


def incomplete_message(missing: tuple[str, ...]) -> str:
    """The record warning for a meeting whose ``missing`` fields are unknown."""
    return f"meeting metadata incomplete: {', '.join(missing)} not found"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _section(section: Section) -> dict:
    return {"kind": section.kind, "heading": section.heading, "text": section.text, "page": section.page,
            "references": [r.to_dict() for r in section.references],
            "dates": [d.to_dict() for d in section.dates]}
