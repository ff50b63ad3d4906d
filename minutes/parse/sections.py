"""Split one item's lines into its fields, sections and handlings: a line state machine.

Headings come from the lexicon (``models/headings.toml``): a line that is a heading, a margin or
table caption beside its text, or a heading glued to the start of its text. Handling lines
("Kaupunginhallitus, 31.03.2025, § 102") open an earlier or the current handling of the matter
(``stages``); titles are found by ``titles``. ``parse_item(block, meeting)`` is the entry point.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

import regex

from minutes.language.lexicon import fold, load_lexicon
from minutes.record import Section, Stage

from .document import Line
from .lines import is_body_name, is_case_line, is_noise, match_item_start, match_stage, split_glued
from .segment import ItemBlock
from .stages import SectionBuilder, StageBuilder, printed_body, settle_handlings, stage_from_match
from .titles import (
    TITLE_SCAN,
    case_with_task_class,
    merge_captions,
    number_label,
    own_number_line,
    styled_title,
    take_title,
    text_begins,
)

PREPARER_MAX = 70     # a title or e-mail line under a preparer's name is shorter than this
WEAK_KINDS = ("background", "discussion", "other")  # sub-headings inside a proposal or decision
_UPPER_START = regex.compile(r"^\p{Lu}")
_NUMBERED = regex.compile(r"^(\d{1,2})[.)]?\s")     # "1 Esitys.pdf", "2. Kartta", "3) Lausunto"
_COLON_HEADING = regex.compile(r"^([^:]{3,60}):\s+(\S.*)$")


class Mode(enum.Enum):
    """What the lines after a field's heading are read as, until a line ends the list."""

    PRESENTER = "presenter"             # the presenter's name and title, on lines of their own
    PREPARERS = "preparers"             # a list of preparers
    PREPARER_NEXT = "preparer_next"     # one preparer's name, on the line after the heading
    HISTORY = "history"                 # a list of earlier handlings


@dataclass(frozen=True)
class MeetingFacts:
    """What the item parser needs from the meeting: its body and date (to tell the current
    handling from earlier ones), the document type ("minutes" or "agenda": how a heading that
    may be a proposal or a decision is read) and the title for an item printed without one
    (the HTML title of a page holding one item)."""

    body: str | None
    date: date | None
    document_type: str
    fallback_title: str | None = None


@dataclass(frozen=True)
class ParsedItem:
    """One item parsed: title, fields, own sections, earlier handlings (history) and number."""

    title: str
    case_id: str | None
    preparers: tuple[str, ...]
    presenter: str | None
    sections: tuple[Section, ...]
    history: tuple[Stage, ...]
    number: int | None
    stage_body: str | None = None       # the current handling's body and date, when printed
    stage_date: date | None = None


class ItemParser:
    """The line state machine: fed an item's lines one by one (``line``), it collects the item's
    fields, its sections and its handlings; ``result(title)`` returns the ``ParsedItem``."""

    def __init__(self, number: int | None, meeting: MeetingFacts):
        self.lex = load_lexicon()
        self.number = number
        self.meeting = meeting
        self.case_id: str | None = None
        self.preparers: list[str] = []
        self.presenter: str | None = None
        self.stages: list[StageBuilder] = [StageBuilder(None, None, None)]
        self.listed: list[StageBuilder] = []
        self.mode: Mode | None = None          # while reading a list of preparers, handlings...
        self.seen_text = False

    # -- sections -------------------------------------------------------------------------
    @property
    def stage(self) -> StageBuilder:
        return self.stages[-1]

    def open_section(self, kind: str, heading: str | None, page: int | None) -> None:
        self.mode = None
        current = self.stage.sections[-1] if self.stage.sections else None
        if current and current.kind == kind and not current.lines:
            return  # "Ehdotus" then "Kaupunginjohtajan ehdotus:": one proposal
        self.stage.sections.append(SectionBuilder(kind, heading, page))

    def add_text(self, text: str, page: int | None) -> None:
        if not text:
            return
        current = self.stage.sections[-1] if self.stage.sections else None
        if current and current.kind == "decision" and not current.lines and text.endswith(":") \
                and is_body_name(text[:-1]):
            return   # "Päätös  Ympäristölautakunta:": the deciding body's name, not decision text
        if not self.stage.sections:
            self.stage.sections.append(SectionBuilder("background", None, page))
        self.stage.sections[-1].lines.append(text)
        self.seen_text = True

    # -- lines ----------------------------------------------------------------------------
    def heading(self, heading: str, kind: str, text: str, page: int | None) -> None:
        if kind == "case":
            self.take_case(text)
            return
        if kind == "presenter":
            self.presenter = text or None
            self.mode = Mode.PRESENTER if not text else None
            return
        if kind == "preparers":
            self.mode = Mode.PREPARERS
            if text:
                self.preparers.append(text)
            return
        if kind == "history":
            self.mode = Mode.HISTORY
            if text:
                self.history_line(text)
            return
        preparer_next = False
        if fold(heading) in self.lex.inline_preparer:
            if text:
                self.preparers.append(text)
                text = ""
            else:
                preparer_next = True   # the name is printed on the next line
        self.open_section(kind, heading, page)
        self.add_text(text, page)
        if preparer_next:
            self.mode = Mode.PREPARER_NEXT

    def take_case(self, text: str) -> bool:
        m = self.lex.case_label.match(text)
        rest = m.group("rest") if m else text
        for pattern in self.lex.case_patterns:
            found = pattern.search(rest)
            if found:
                self.case_id = self.case_id or found.group(0)
                return True
        lab = self.lex.case_labelled.match(rest.strip())
        if lab and m:
            self.case_id = self.case_id or rest.strip()
            return True
        return False

    def history_line(self, text: str) -> bool:
        m = match_stage(text)
        if not m:
            return False
        body, when, number = stage_from_match(m)
        self.listed.append(StageBuilder(body, when, number, listed_only=True, printed=printed_body(m)))
        return True

    def line(self, line: Line, lead: bool = False) -> None:
        if lead and not (match_stage(line.full_text) or is_case_line(line.full_text)):
            return  # a table's header row above the list of handlings
        if is_noise(line):
            if self.stage.body is not None:
                # a rule closes an earlier handling (Tweb); what follows is the next one
                self.stages.append(StageBuilder(None, None, None))
            self.mode = None
            return
        text = line.text
        page = line.page
        if line.caption:
            kind = self.lex.heading_kind(line.caption, styled=True)
            if kind:
                self.heading(line.caption, kind, text, page)
                return
            if not text:
                text = line.caption
            else:
                text = line.full_text
        full = text
        kind = self.lex.heading_kind(full, styled=line.bold or line.heading) if len(full) <= 90 else None
        if kind and not self._subheading(kind, line):
            self.heading(full, kind, "", page)
            return
        stage = match_stage(full)
        current = self.stage.sections[-1] if self.stage.sections else None
        if stage and current and current.kind == "attachments" and not stage.groupdict().get("date"):
            stage = None   # "Ksylk § 84" heading a group of attachments
        if stage:
            listed = {(fold(s.body or ""), s.number) for s in self.listed}
            body, when, number = stage_from_match(stage)
            if lead or (self.mode is Mode.HISTORY and (fold(body), number) not in listed):
                self.history_line(full)
                return
            self.mode = None
            self.stages.append(StageBuilder(body, when, number, printed=printed_body(stage)))
            return
        if not self.seen_text and self.case_id is None and is_case_line(full):
            if self.take_case(full):
                return
        if not self.seen_text and self.case_id and self.lex.task_class.match(full):
            return  # the task class printed under a Dynasty diary number
        presenter = self.lex.presenter_line.match(full)
        if presenter:
            self.presenter = presenter.group("name").strip()
            return
        if self.mode is Mode.PRESENTER:
            if self.presenter is None:
                self.presenter = full
                return
            if len(full) < PREPARER_MAX and not full.endswith(".") and self.presenter.count(",") < 2:
                self.presenter += ", " + full   # title and name printed on lines of their own
                return
            self.mode = None
        if self.mode is Mode.PREPARER_NEXT:
            self.mode = None
            if len(full) < PREPARER_MAX and not full.endswith("."):
                self.preparers.append(full)
                return
        if self.mode is Mode.PREPARERS:
            continues = self.preparers and not line.gap_before and len(full) < PREPARER_MAX \
                and not full.endswith(".")
            if (self.lex.preparer_line.search(full) and len(full) < 120) or continues:
                self.preparers.append(full)
                return
            self.mode = None
        if self.mode is Mode.HISTORY:
            if self.history_line(full):
                return
            self.mode = None
        labelled = _COLON_HEADING.match(full)
        if labelled:
            kind = self.lex.heading_kind(labelled.group(1) + ":")
            if kind and not self._subheading(kind, line, labelled.group(1)):
                self.heading(labelled.group(1) + ":", kind, labelled.group(2), page)
                return
        glued = split_glued(full)
        if glued:
            heading, kind, rest = glued
            self.heading(heading, kind, rest, page)
            return
        current = self.stage.sections[-1] if self.stage.sections else None
        if current and current.kind == "attachments" and current.lines and self._after_list(current.lines, full):
            self.open_section("background", None, page)   # unheaded text after the list
        self.add_text(full, page)

    def _after_list(self, entries: list[str], text: str) -> bool:
        """Whether ``text`` after attachment ``entries`` is unheaded text, not one more entry: it
        begins with a capital and is no entry or note, or its number breaks the list's sequence
        ("1 Esitys.pdf" then "1. KPMG on valittu..."); numbering restarts under a group heading."""
        if match_stage(text):
            return False    # "Ksylk § 84" heading a group of entries
        number = _NUMBERED.match(text)
        if number:
            numbers = [int(m.group(1)) for m in map(_NUMBERED.match, entries) if m]
            restart = bool(match_stage(entries[-1]))
            return bool(numbers) and not restart and int(number.group(1)) != numbers[-1] + 1
        return bool(_UPPER_START.match(text)) and not self.lex.attachment_entry.search(text) \
            and not self.lex.attachment_note.search(text)

    def _subheading(self, kind: str, line: Line, label: str | None = None) -> bool:
        """A label inside a proposal or decision that is part of its text, not a new section:
        the section's own justification ("Perustelut:") in any format unless printed as a
        heading, and in a laid-out document any plain background or discussion label (real
        headings there are set apart)."""
        current = self.stage.sections[-1] if self.stage.sections else None
        if current is None or current.kind not in ("proposal", "decision"):
            return False
        styled = line.bold or line.heading or bool(line.caption)
        if fold(label or line.full_text) in self.lex.within.get(current.kind, ()) and not styled:
            return True
        return line.x0 is not None and not styled and kind in WEAK_KINDS

    # -- result ---------------------------------------------------------------------------
    def result(self, title: str) -> ParsedItem:
        """The item parsed, with ``title``: its own sections and history settled (``stages``)."""
        handlings = settle_handlings(self.stages, self.listed, self.number, self.meeting.body, self.meeting.date,
                                     self.meeting.document_type)
        return ParsedItem(
            title=title, case_id=self.case_id, preparers=tuple(self.preparers), presenter=self.presenter,
            sections=handlings.sections, history=handlings.history, number=handlings.number,
            stage_body=handlings.body, stage_date=handlings.date,
        )


def parse_item(block: ItemBlock, meeting: MeetingFacts) -> ParsedItem:
    """Parse one item block (``segment.ItemBlock``) into its title, fields, own sections and history."""
    number, header, lead, body = block.number, block.header, list(block.lead), list(block.body)
    styled = case_id = None
    if header is None:
        # a page holding one item opens with its list of handlings and its diary number
        while body and (match_stage(body[0].full_text) or is_case_line(body[0].full_text) or body[0].cells):
            lead.append(body.pop(0))
        styled = styled_title(body)
        if number is None:
            # the page header's "Asianro 26" names the item; a handling listed above the title
            # ("Kaupunkisuunnittelulautakunta ¦ 87 § ¦ 26.4.2017") never does
            number = number_label(lead + body[:styled if styled is not None else TITLE_SCAN])
        own = own_number_line(body[:styled if styled is not None else text_begins(body)], number)
        if styled is None and own is not None:
            styled = own + 1        # the item's number printed alone above its title: a header
            header = body[own]
        if styled is not None:
            lead += [line for line in body[:styled] if match_stage(line.full_text) or is_case_line(line.full_text)]
            case_id = case_with_task_class(body[:styled])
            body = body[styled:]
    parser = ItemParser(number, meeting)
    if header is None and styled is not None:
        parser.case_id = case_id
    for line in lead:
        parser.line(line, lead=True)
    title, rest = take_title(block.inline_title, header, body)
    if header is None and not title:
        title = meeting.fallback_title or ""
    for line in merge_captions(rest):
        label = match_item_start(line.full_text)
        if label and label[1] is None and label[0] == number:
            continue     # the item's own "15 §" printed again under its title (Tweb)
        parser.line(line)
    return parser.result(title)
