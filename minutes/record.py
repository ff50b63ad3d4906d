"""The one model: every type that crosses a boundary of the pipeline, the ids of meetings and items,
and the output contract ``minutes.record/1`` (``Record.to_dict``, ``Record.from_dict``, ``json_text``).

Frozen dataclasses built once by the parser, stored by the store, read back by search and the CLI.
This module imports nothing of the package: every wing may depend on it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

import regex

SCHEMA = "minutes.record/1"
MEETING_KEYS = ("organization", "body", "date")   # what names a meeting; a record lacking one is incomplete
SECTION_KINDS = (
    "background", "proposal", "decision", "discussion", "vote", "disqualification",
    "dissent", "attachments", "appendix", "appeal", "notice", "other",
)
CONTENT_ID_PREFIX = "document"   # the first part of the ids of a meeting that cannot be identified


@dataclass(frozen=True)
class Reference:
    kind: str                    # decision | office_decision | law | case | attachment
    text: str
    span: tuple[int, int]
    body: str | None = None
    date: date | None = None
    number: int | None = None
    law: str | None = None
    section: int | None = None
    subsection: int | None = None
    case_id: str | None = None
    inferred: tuple[str, ...] = ()
    statute: str | None = None   # a law's statute number as printed after its name ("410/2015")

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "text": self.text, "span": list(self.span)}
        for name in ("body", "number", "law", "statute", "section", "subsection", "case_id"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.date:
            out["date"] = self.date.isoformat()
        if self.inferred:
            out["inferred"] = list(self.inferred)
        return out


@dataclass(frozen=True)
class DateMention:
    text: str
    span: tuple[int, int]
    start: date | None          # None when the printed date is impossible
    end: date | None
    warning: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span),
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                **({"warning": self.warning} if self.warning else {})}


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
class Entity:
    """A money amount, date, organisation or place named in a section's text.

    ``value``: money as a number of euros (int or float), a date as "YYYY-MM-DD" (a period as
    "YYYY-MM-DD/YYYY-MM-DD"), an organisation or place as its base form; None when not known."""

    kind: str                     # money | date | organization | place
    text: str
    span: tuple[int, int]
    value: int | float | str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "span": list(self.span), "value": self.value}


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str | None
    text: str
    page: int | None = None
    references: tuple[Reference, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()


OUTCOMES = ("as_proposed", "amended", "rejected", "tabled", "returned", "withdrawn", "no_decision")
RESOLUTIONS = ("referral", "election", "statement", "decided", "noted", "other")   # in precedence order
VOTE_CHOICES = ("yes", "no", "blank", "absent")
MOTION_KINDS = ("counter_proposal", "amendment", "table", "return")
MOTION_RESULTS = ("adopted", "rejected", "withdrawn", "fell")


@dataclass(frozen=True)
class Ballot:
    name: str
    vote: str                     # one of VOTE_CHOICES


@dataclass(frozen=True)
class VoteCounts:
    yes: int = 0
    no: int = 0
    blank: int = 0
    absent: int = 0


@dataclass(frozen=True)
class Vote:
    """A vote as printed: the counts of JAA/EI/TYHJÄ/POISSA (JA/NEJ/BLANK/FRÅNVARANDE), what a
    yes and a no stood for, the roll call where names are printed, and the result as printed."""

    counts: VoteCounts
    yes_means: str | None = None
    no_means: str | None = None
    ballots: tuple[Ballot, ...] = ()
    result: str | None = None

    def to_dict(self) -> dict:
        c = self.counts
        return {"counts": {"yes": c.yes, "no": c.no, "blank": c.blank, "absent": c.absent},
                "yes_means": self.yes_means, "no_means": self.no_means,
                "ballots": [{"name": b.name, "vote": b.vote} for b in self.ballots], "result": self.result}


@dataclass(frozen=True)
class Motion:
    """A member's motion: a counter-proposal, an amendment, a motion to table or to return."""

    by: str | None
    seconded_by: tuple[str, ...] = ()
    kind: str = "counter_proposal"     # one of MOTION_KINDS
    text: str | None = None
    result: str | None = None          # one of MOTION_RESULTS, None when not printed

    def to_dict(self) -> dict:
        return {"by": self.by, "seconded_by": list(self.seconded_by), "kind": self.kind, "text": self.text,
                "result": self.result}


@dataclass(frozen=True)
class Disqualification:
    name: str
    reason: str | None = None


@dataclass(frozen=True)
class Dissent:
    name: str
    text: str | None = None


@dataclass(frozen=True)
class Decision:
    """What a handling decided, read from its text: the outcome relative to the proposal (with the
    sentence it rests on), the kind of resolution, votes, motions, disqualifications and dissents.
    In the JSON its fields are keys of the item (or of the earlier handling) itself."""

    outcome: str                       # one of OUTCOMES
    resolution: str                    # one of RESOLUTIONS
    outcome_evidence: str | None = None
    votes: tuple[Vote, ...] = ()
    motions: tuple[Motion, ...] = ()
    disqualifications: tuple[Disqualification, ...] = ()
    dissents: tuple[Dissent, ...] = ()

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "outcome_evidence": self.outcome_evidence, "resolution": self.resolution,
                "votes": [v.to_dict() for v in self.votes], "motions": [m.to_dict() for m in self.motions],
                "disqualifications": [{"name": d.name, "reason": d.reason} for d in self.disqualifications],
                "dissents": [{"name": d.name, "text": d.text} for d in self.dissents]}


@dataclass(frozen=True)
class Person:
    """One person across the meeting, named in base form, with every role the record gives them
    (participant roles as printed, and presenter, preparer, mover, seconder, voter, disqualified,
    dissenter)."""

    name: str
    roles: tuple[str, ...] = ()


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
    decision: Decision | None = None   # None: not analysed (a record of an earlier version)


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
    decision: Decision | None = None   # None: not analysed (a record of an earlier version)


@dataclass(frozen=True)
class Notice:
    """A soft problem noticed while reading or parsing (a § gap, an impossible date, a page read
    by OCR): kept on the record as one of its ``warnings``, never raised."""

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
    warnings: tuple[Notice, ...] = field(default=())
    supplied: tuple[str, ...] = ()   # fields given by the user (organization, body, date, document_type)
    people: tuple[Person, ...] = ()

    def supplied_values(self) -> dict[str, str]:
        """The supplied fields with their values as in the JSON contract."""
        data = self.to_dict()
        return {k: data[k] if k == "document_type" else data["meeting"][k] for k in self.supplied}

    def missing_metadata(self) -> tuple[str, ...]:
        """The meeting's organisation, body or date where none was read or supplied."""
        return tuple(k for k in MEETING_KEYS if getattr(self.meeting, k) is None)

    @classmethod
    def from_dict(cls, data: dict) -> Record:
        """A record from the JSON object ``to_dict`` returns (``minutes parse`` prints it); raise
        ValueError for an object of another schema."""
        return _record(data)

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
                         "sections": [_section(s) for s in st.sections], **_decision(st.decision)}
                        for st in item.history
                    ],
                    **_decision(item.decision),
                }
                for item in self.items
            ],
            "warnings": [{"page": w.page, "message": w.message} for w in self.warnings],
            "people": [{"name": p.name, "roles": list(p.roles)} for p in self.people],
        }


def incomplete_message(missing: tuple[str, ...]) -> str:
    """The record warning for a meeting whose ``missing`` fields are unknown."""
    return f"meeting metadata incomplete: {', '.join(missing)} not found"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _section(section: Section) -> dict:
    return {"kind": section.kind, "heading": section.heading, "text": section.text, "page": section.page,
            "references": [r.to_dict() for r in section.references],
            "dates": [d.to_dict() for d in section.dates],
            "entities": [e.to_dict() for e in section.entities]}


def _decision(decision: Decision | None) -> dict:
    """The decision's keys for its item or handling; none for a record not analysed."""
    return decision.to_dict() if decision is not None else {}


# ---- ids -------------------------------------------------------------------------------------

_RUNS = regex.compile(r"[^a-z0-9]+")


def slugify(text: str | None, default: str = "unknown") -> str:
    """"Lapuan kaupunki" -> "lapuan-kaupunki"; "Välfärdsnämnden" -> "valfardsnamnden"."""
    if not text:
        return default
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    slug = _RUNS.sub("-", ascii_text).strip("-")
    return slug or default


def is_identified(meeting_or_item_id: str) -> bool:
    """Whether an id names a meeting by organisation, body and date (not by a document's content)."""
    return not meeting_or_item_id.startswith(f"{CONTENT_ID_PREFIX}/")


def meeting_id(organization: str | None, body: str | None, when: date | None, sha256: str) -> str:
    """"<org-slug>/<body-slug>/<YYYY-MM-DD>" when the organisation, the body and the date are all
    known; otherwise "document/<first 16 hex of the document's sha256>", an id of its own.

    Returns the id as a string."""
    org_slug, body_slug = slugify(organization, ""), slugify(body, "")
    if org_slug and body_slug and when:     # a name of no letters ("-") identifies nothing
        return f"{org_slug}/{body_slug}/{when.isoformat()}"
    return f"{CONTENT_ID_PREFIX}/{sha256[:16]}"


def item_id(meeting: str, number: int | None, position: int) -> str:
    """The meeting's id and the item's number (or "n<position>" for an item without one).

    Returns the id as a string: ``<meeting id>/<number>`` or ``<meeting id>/n<position>``."""
    return f"{meeting}/{number if number is not None else f'n{position}'}"


def unique_ids(items: list[Item], warnings: list[Notice]) -> list[Item]:
    """The items with no id twice: a later item printed with the same number gets "-2", "-3"…
    after it, and a warning."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        seen[item.id] = count = seen.get(item.id, 0) + 1
        if count > 1:
            renamed = f"{item.id}-{count}"
            warnings.append(Notice(item.page, f"§ {item.number} is printed {count} times: this one is {renamed}"))
            item = replace(item, id=renamed)
        out.append(item)
    return out


def assign_ids(record: Record) -> Record:
    """The record with its meeting's and items' ids assigned by the rules above (the parser's last
    step; the store applies it again to records stored under older rules)."""
    m = record.meeting
    meeting = meeting_id(m.organization, m.body, m.date, record.source.sha256)
    warnings = list(record.warnings)
    items = [replace(item, id=item_id(meeting, item.number, position))
             for position, item in enumerate(record.items, start=1)]
    return replace(record, items=tuple(unique_ids(items, warnings)), warnings=tuple(warnings))


def record_meeting_id(record: Record) -> str:
    """The id of the record's meeting."""
    m = record.meeting
    return meeting_id(m.organization, m.body, m.date, record.source.sha256)


# ---- JSON ------------------------------------------------------------------------------------

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
                         tuple(_mention(d) for d in s.get("dates", [])),
                         tuple(Entity(e["kind"], e["text"], tuple(e["span"]), e.get("value"))
                               for e in s.get("entities", []))) for s in values)


def _vote(v: dict) -> Vote:
    c = v.get("counts", {})
    return Vote(VoteCounts(c.get("yes", 0), c.get("no", 0), c.get("blank", 0), c.get("absent", 0)),
                v.get("yes_means"), v.get("no_means"),
                tuple(Ballot(b["name"], b["vote"]) for b in v.get("ballots", [])), v.get("result"))


def _read_decision(data: dict) -> Decision | None:
    """The decision of an item or handling; None for one of a record written before decisions."""
    if "outcome" not in data:
        return None
    return Decision(
        outcome=data["outcome"], resolution=data["resolution"], outcome_evidence=data.get("outcome_evidence"),
        votes=tuple(_vote(v) for v in data.get("votes", [])),
        motions=tuple(Motion(m.get("by"), tuple(m.get("seconded_by", [])), m.get("kind", "counter_proposal"),
                             m.get("text"), m.get("result")) for m in data.get("motions", [])),
        disqualifications=tuple(Disqualification(d["name"], d.get("reason"))
                                for d in data.get("disqualifications", [])),
        dissents=tuple(Dissent(d["name"], d.get("text")) for d in data.get("dissents", [])),
    )


def _record(data: dict) -> Record:
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
                                 h.get("body_name"), _read_decision(h)) for h in i.get("history", [])),
             decision=_read_decision(i))
        for i in data["items"]
    )
    s = data["source"]
    return Record(
        source=Source(s["path"], s["sha256"], s["format"], s.get("pages")),
        document_type=data["document_type"], language=data["language"], meeting=meeting, items=items,
        warnings=tuple(Notice(w.get("page"), w["message"]) for w in data.get("warnings", [])),
        supplied=tuple(data.get("supplied", ())),
        people=tuple(Person(p["name"], tuple(p.get("roles", ()))) for p in data.get("people", [])),
    )


# -- strategies (issue 14): a city strategy and its goals, as the user's strategy file gives them ---------

@dataclass(frozen=True)
class Goal:
    """A goal of a strategy (or a sub-goal of a goal: one level): an id unique in its strategy,
    its title as printed, and optionally a description and keywords in base form."""

    id: str
    title: str
    description: str | None = None
    keywords: tuple[str, ...] = ()
    subgoals: tuple["Goal", ...] = ()

    def to_dict(self) -> dict:
        out = {"id": self.id, "title": self.title, "description": self.description, "keywords": list(self.keywords)}
        if self.subgoals:
            out["subgoals"] = [g.to_dict() for g in self.subgoals]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Goal":
        return cls(data["id"], data["title"], data.get("description"), tuple(data.get("keywords", ())),
                   tuple(cls.from_dict(g) for g in data.get("subgoals", ())))


@dataclass(frozen=True)
class Approval:
    """Where a strategy was approved: the body, the date and the § (any may be unknown)."""

    body: str | None = None
    date: date | None = None
    number: int | None = None


@dataclass(frozen=True)
class Strategy:
    """A strategy of an organisation: its name as printed, its period in years (``period_to``
    None: still in force), where it was approved, and its goals. ``id`` is the organisation's and
    the name's slugs: "lapuan-kaupunki/onnen-resepti"."""

    organization: str
    name: str
    period_from: int
    period_to: int | None = None
    approved: Approval | None = None
    goals: tuple[Goal, ...] = ()
    meaning: bool = False           # tag with the word vectors' similarity too, beside the words

    @property
    def id(self) -> str:
        return f"{slugify(self.organization)}/{slugify(self.name)}"

    def all_goals(self) -> tuple[Goal, ...]:
        """Every goal and sub-goal, each goal before its sub-goals."""
        return tuple(g for goal in self.goals for g in (goal, *goal.subgoals))

    def to_dict(self) -> dict:
        """``{"id", "organization", "name", "period": {"from", "to"}, "approved": {"body", "date",
        "number"} | None, "goals": [...]}``, and ``"meaning": true`` when it is."""
        approved = None if self.approved is None else {
            "body": self.approved.body, "date": _iso(self.approved.date),
            "number": self.approved.number}
        return {"id": self.id, "organization": self.organization, "name": self.name,
                "period": {"from": self.period_from, "to": self.period_to}, "approved": approved,
                "goals": [g.to_dict() for g in self.goals], **({"meaning": True} if self.meaning else {})}

    @classmethod
    def from_dict(cls, data: dict) -> "Strategy":
        """The strategy of ``to_dict``."""
        a = data.get("approved")
        approved = None if a is None else Approval(a.get("body"), _date(a.get("date")), a.get("number"))
        return cls(data["organization"], data["name"], data["period"]["from"], data["period"].get("to"), approved,
                   tuple(Goal.from_dict(g) for g in data.get("goals", ())), bool(data.get("meaning", False)))


@dataclass(frozen=True)
class GoalTag:
    """What an item does for one goal of a strategy: its score in [0, 1), whether it advances the
    goal (False when the decision rejects, tables or returns the matter, or only takes note: the
    evidence says which), and the evidence it rests on (the phrases and sentences, quoted). A
    sub-goal's tag names its ``parent``."""

    goal: str
    score: float
    advances: bool = True
    evidence: tuple[str, ...] = ()
    parent: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.goal, "score": round(self.score, 3), "advances": self.advances,
                "evidence": list(self.evidence), "parent": self.parent}

    @classmethod
    def from_dict(cls, data: dict) -> "GoalTag":
        return cls(data["id"], data["score"], data.get("advances", True), tuple(data.get("evidence", ())),
                   data.get("parent"))
