"""Earlier handlings (stages) of an item's matter, and which handling is the current meeting's.

A handling line ("Kaupunginhallitus, 31.03.2025, § 102", matched by ``lines.match_stage``) opens a
stage of the matter; each stage has its own sections. ``settle_handlings`` decides which stage is
the current meeting's (its sections are the item's own), files the others as the item's history
and merges in the handlings that were only listed ("Aiempi käsittely: ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

import regex

from minutes.language.lexicon import fold, load_lexicon
from minutes.record import Section, Stage

from .dates import parse_date
from .normalize import join_lines

BODY_SIMILARITY = 0.9   # a stage's body this close to the meeting's is the meeting's (lost glyphs)
SHORT_BODY = 6          # a stage's body this short ("Kh") under the item's number is the meeting's


@dataclass
class SectionBuilder:
    """A section being read: its kind, heading, page and text lines so far."""

    kind: str
    heading: str | None
    page: int | None
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class StageBuilder:
    """A handling being read: its body (canonical name), date, number and sections so far."""

    body: str | None
    date: date | None
    number: int | None
    listed_only: bool = False
    sections: list[SectionBuilder] = field(default_factory=list)
    printed: str | None = None      # the body as printed ("Kh"); ``body`` is its canonical name


@dataclass(frozen=True)
class Handlings:
    """An item's handlings settled: its own sections (the text before any handling line and the
    current handling's), its history, its number (printed, else the current handling's) and the
    current handling's body and date when printed."""

    sections: tuple[Section, ...]
    history: tuple[Stage, ...]
    number: int | None
    body: str | None
    date: date | None


def canonical_body(name: str) -> str:
    """A stage line's body with its abbreviation ("Kh") replaced by the lexicon's name."""
    name = " ".join(name.strip(" ,:;").split())
    return load_lexicon().body_abbreviations.get(name, name)


def stage_from_match(m: regex.Match) -> tuple[str, date | None, int | None]:
    """(canonical body, date or None, number) of a matched handling line."""
    groups = m.groupdict()
    return canonical_body(m.group("body")), parse_date(groups.get("date")), int(m.group("number"))


def printed_body(m: regex.Match) -> str:
    """A stage line's body as printed: the record keeps it, and its full name is found after
    parsing with the abbreviations of the meeting's organisation (``pipeline.name_bodies``)."""
    return " ".join(m.group("body").strip(" ,:;").split())


def resolve_ambiguous(sections: list[SectionBuilder], document_type: str) -> None:
    """Settle each "proposal_or_decision" section in place: the kind its stage lacks, else a
    decision in minutes and a proposal in an agenda."""
    kinds = {s.kind for s in sections}
    for s in sections:
        if s.kind == "proposal_or_decision":
            if "proposal" in kinds:
                s.kind = "decision"
            elif "decision" in kinds:
                s.kind = "proposal"
            else:
                s.kind = "decision" if document_type == "minutes" else "proposal"


def freeze(sections: list[SectionBuilder]) -> tuple[Section, ...]:
    """The sections that hold text, as record ``Section``s."""
    out = []
    for s in sections:
        text = s.text()
        if text:
            out.append(Section(s.kind, s.heading, text, s.page))
    return tuple(out)


class _Meeting:
    """What decides whether a handling is the current meeting's: the item's number and the
    meeting's body (folded) and date."""

    def __init__(self, number: int | None, body: str | None, when: date | None):
        self.number = number
        self.body = fold(body) if body else None
        self.date = when

    def is_body(self, body: str | None) -> bool:
        """Whether ``body`` names the meeting's body, also as a broken text layer prints it
        ("Personalsektonen" for "Personalsektionen": a glyph or two lost)."""
        if self.body is None:
            return True
        folded = fold(body or "")
        return folded == self.body or SequenceMatcher(None, folded, self.body).ratio() >= BODY_SIMILARITY

    def is_current(self, stage: StageBuilder) -> bool:
        if self.number is not None and stage.number == self.number:
            return self.is_body(stage.body) or stage.date == self.date or len(stage.body or "") <= SHORT_BODY
        return False


def _key(stage: StageBuilder) -> tuple[str, int | None]:
    return fold(stage.body or ""), stage.number


def settle_handlings(stages: list[StageBuilder], listed: list[StageBuilder], number: int | None,
                     meeting_body: str | None, meeting_date: date | None, document_type: str) -> Handlings:
    """Settle an item's handlings: ``stages[0]`` holds the text before any handling line, the
    others each a handling printed with its sections; ``listed`` the handlings only listed.
    Returns the item's own sections, its history sorted by date, and the current handling."""
    meeting = _Meeting(number, meeting_body, meeting_date)
    preamble = stages[0]
    stages = [s for s in stages[1:] if s.body is not None or s.sections]
    listed_dates = {_key(s): s.date for s in listed}
    for stage in stages:
        if stage.date is None:
            stage.date = listed_dates.get(_key(stage))
    current_index = None
    for k, stage in enumerate(stages):
        if meeting.is_current(stage):
            current_index = k
    if current_index is None and stages and (number is None or stages[-1].body is None):
        current_index = len(stages) - 1   # the last handling, or the text after a closing rule
    if current_index is None and stages and listed and meeting.is_body(stages[-1].body) \
            and _key(stages[-1]) not in listed_dates:
        # the last handling, by this body and not among the earlier ones listed, even where its
        # header is misprinted ("28.3.3023, 11 §" over § 16)
        current_index = len(stages) - 1
    if current_index is not None and number is None:
        number = stages[current_index].number
    own = list(preamble.sections)
    if current_index is not None:
        own += stages[current_index].sections
    history: list[Stage] = []
    keys = set()
    for k, stage in enumerate(stages):
        if k == current_index:
            continue
        resolve_ambiguous(stage.sections, document_type)
        history.append(Stage(stage.printed or stage.body or "", stage.date, stage.number, freeze(stage.sections)))
        keys.add(_key(stage))
    current_key = _key(stages[current_index]) if current_index is not None else None
    for stage in listed:
        key = _key(stage)
        if key in keys or key == current_key or (meeting.number is not None and stage.number == meeting.number
                                                 and meeting.is_body(stage.body)):
            continue
        keys.add(key)
        history.append(Stage(stage.printed or stage.body or "", stage.date, stage.number, ()))
    history.sort(key=lambda s: (s.date or date.max,))
    resolve_ambiguous(own, document_type)
    current = stages[current_index] if current_index is not None else None
    return Handlings(freeze(own), tuple(history), number,
                     current.body if current else None, current.date if current else None)
