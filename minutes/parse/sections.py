"""Split one item's lines into its title, fields, sections and earlier handlings (stages).

Headings come from the lexicon (``models/headings.toml``): a line that is a heading, a margin or
table caption beside its text, or a heading glued to the start of its text. Stage lines
("Kaupunginhallitus, 31.03.2025, § 102") open an earlier or the current handling of the matter;
each stage has its own sections. The stage that is the current meeting's gives the item's own
sections; the others become its history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

import regex

from minutes.language.lexicon import fold, load_lexicon
from minutes.record import Section, Stage

from .dates import parse_date
from .document import Line
from .normalize import join_lines
from .lines import find_organization, is_body_name, is_case_line, is_noise, match_item_start, match_stage

TITLE_MAX_LINES = 4
TITLE_SCAN = 15       # lines searched for the title of a page without an item header
CORE_KINDS = ("background", "proposal", "decision", "proposal_or_decision")
PREPARER_MAX = 70     # a title or e-mail line under a preparer's name is shorter than this
WEAK_KINDS = ("background", "discussion", "other")  # sub-headings inside a proposal or decision
BODY_SIMILARITY = 0.9   # a stage's body this close to the meeting's is the meeting's (lost glyphs)
TABLE_CELL = " ¦ "  # how readers join the cells of a table row
_LOWER_START = regex.compile(r"^\p{Ll}")
_UPPER_START = regex.compile(r"^\p{Lu}")
_NUMBERED = regex.compile(r"^(\d{1,2})[.)]?\s")     # "1 Esitys.pdf", "2. Kartta", "3) Lausunto"
_COLON_HEADING = regex.compile(r"^([^:]{3,60}):\s+(\S.*)$")


@dataclass
class _SectionBuilder:
    kind: str
    heading: str | None
    page: int | None
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class _StageBuilder:
    body: str | None
    date: date | None
    number: int | None
    listed_only: bool = False
    sections: list[_SectionBuilder] = field(default_factory=list)
    printed: str | None = None      # the body as printed ("Kh"); ``body`` is its canonical name


@dataclass(frozen=True)
class ParsedItem:
    title: str
    case_id: str | None
    preparers: tuple[str, ...]
    presenter: str | None
    sections: tuple[Section, ...]
    history: tuple[Stage, ...]
    number: int | None
    stage_body: str | None = None       # the current handling's body and date, when printed
    stage_date: date | None = None


def canonical_body(name: str) -> str:
    name = " ".join(name.strip(" ,:;").split())
    return load_lexicon().body_abbreviations.get(name, name)


def _stage_from_match(m: regex.Match) -> tuple[str, date | None, int | None]:
    groups = m.groupdict()
    return canonical_body(m.group("body")), parse_date(groups.get("date")), int(m.group("number"))


def printed_body(m: regex.Match) -> str:
    """A stage line's body as printed: the record keeps it, and its full name is found after
    parsing with the abbreviations of the meeting's organisation (``pipeline.name_bodies``)."""
    return " ".join(m.group("body").strip(" ,:;").split())


def split_glued(text: str) -> tuple[str, str, str] | None:
    """("Päätösehdotus", kind, rest) when a known heading is glued to the start of the text."""
    lex = load_lexicon()
    for word, kind in lex.glued:
        if not text.startswith(word) or len(text) <= len(word) + 1:
            continue
        rest = text[len(word):]
        if rest[0].isupper() and rest[1:2].islower():           # "EhdotusKaupunginhallitus"
            return word, kind, rest
        if rest[0] == " " and rest[1:2].isupper() and len(rest.split()) >= 2:
            return word, kind, rest[1:]
    return None


def _merge_caption(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    lex = load_lexicon()
    line = lines[i]
    first = line.caption or (line.text if len(line.text) < 40 else None)
    if not first or lex.heading_kind(first, styled=True) is not None:
        return None
    parts = [first]
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if not nxt.caption:
            return None
        parts.append(nxt.caption)
        joined = join_lines(parts).replace("\n", " ")
        if lex.heading_kind(joined, styled=True) is None and lex.heading_kind(nxt.caption, styled=True):
            return None
        if lex.heading_kind(joined, styled=True) is not None:
            merged = [Line(line.text if line.caption else "", page=line.page, x0=line.x0, top=line.top,
                           size=line.size, bold=line.bold, caption=joined, gap_before=True)]
            merged += [Line(lines[k].text, page=lines[k].page, x0=lines[k].x0, top=lines[k].top,
                            size=lines[k].size) for k in range(i + 1, j + 1) if lines[k].text]
            return merged, j + 1
    return None


def merge_captions(lines: list[Line]) -> list[Line]:
    """Join headings printed over two or three lines in a margin ("Valmistelijat/" "Lisätietojen"
    "antaja"; "Kaupungin-" "hallituksen" "päätösehdotus") into one caption."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        merged = _merge_caption(lines, i)
        if merged:
            out.extend(merged[0])
            i = merged[1]
        else:
            out.append(lines[i])
            i += 1
    return out


class _ItemParser:
    def __init__(self, number: int | None, meeting_body: str | None, meeting_date: date | None,
                 document_type: str):
        self.lex = load_lexicon()
        self.number = number
        self.meeting_body = fold(meeting_body) if meeting_body else None
        self.meeting_date = meeting_date
        self.document_type = document_type
        self.case_id: str | None = None
        self.preparers: list[str] = []
        self.presenter: str | None = None
        self.stages: list[_StageBuilder] = [_StageBuilder(None, None, None)]
        self.listed: list[_StageBuilder] = []
        self.mode: str | None = None          # "preparers" or "history" while reading such a list
        self.seen_text = False

    # -- sections -------------------------------------------------------------------------
    @property
    def stage(self) -> _StageBuilder:
        return self.stages[-1]

    def open_section(self, kind: str, heading: str | None, page: int | None) -> None:
        self.mode = None
        current = self.stage.sections[-1] if self.stage.sections else None
        if current and current.kind == kind and not current.lines:
            return  # "Ehdotus" then "Kaupunginjohtajan ehdotus:": one proposal
        self.stage.sections.append(_SectionBuilder(kind, heading, page))

    def add_text(self, text: str, page: int | None) -> None:
        if not text:
            return
        current = self.stage.sections[-1] if self.stage.sections else None
        if current and current.kind == "decision" and not current.lines and text.endswith(":") \
                and is_body_name(text[:-1]):
            return   # "Päätös  Ympäristölautakunta:": the deciding body's name, not decision text
        if not self.stage.sections:
            self.stage.sections.append(_SectionBuilder("background", None, page))
        self.stage.sections[-1].lines.append(text)
        self.seen_text = True

    # -- lines ----------------------------------------------------------------------------
    def heading(self, heading: str, kind: str, text: str, page: int | None) -> None:
        if kind == "case":
            self.take_case(text)
            return
        if kind == "presenter":
            self.presenter = text or None
            self.mode = "presenter" if not text else None
            return
        if kind == "preparers":
            self.mode = "preparers"
            if text:
                self.preparers.append(text)
            return
        if kind == "history":
            self.mode = "history"
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
            self.mode = "preparer_next"

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
        body, when, number = _stage_from_match(m)
        self.listed.append(_StageBuilder(body, when, number, listed_only=True, printed=printed_body(m)))
        return True

    def line(self, line: Line, lead: bool = False) -> None:
        if lead and not (match_stage(line.full_text) or is_case_line(line.full_text)):
            return  # a table's header row above the list of handlings
        if is_noise(line):
            if self.stage.body is not None:
                # a rule closes an earlier handling (Tweb); what follows is the next one
                self.stages.append(_StageBuilder(None, None, None))
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
            body, when, number = _stage_from_match(stage)
            if lead or (self.mode == "history" and (fold(body), number) not in listed):
                self.history_line(full)
                return
            self.mode = None
            self.stages.append(_StageBuilder(body, when, number, printed=printed_body(stage)))
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
        if self.mode == "presenter":
            if self.presenter is None:
                self.presenter = full
                return
            if len(full) < PREPARER_MAX and not full.endswith(".") and self.presenter.count(",") < 2:
                self.presenter += ", " + full   # title and name printed on lines of their own
                return
            self.mode = None
        if self.mode == "preparer_next":
            self.mode = None
            if len(full) < PREPARER_MAX and not full.endswith("."):
                self.preparers.append(full)
                return
        if self.mode == "preparers":
            continues = self.preparers and not line.gap_before and len(full) < PREPARER_MAX \
                and not full.endswith(".")
            if (self.lex.preparer_line.search(full) and len(full) < 120) or continues:
                self.preparers.append(full)
                return
            self.mode = None
        if self.mode == "history":
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
    def _resolve_ambiguous(self, sections: list[_SectionBuilder]) -> None:
        kinds = {s.kind for s in sections}
        for s in sections:
            if s.kind == "proposal_or_decision":
                if "proposal" in kinds:
                    s.kind = "decision"
                elif "decision" in kinds:
                    s.kind = "proposal"
                else:
                    s.kind = "decision" if self.document_type == "minutes" else "proposal"

    def _is_current(self, stage: _StageBuilder) -> bool:
        if self.number is not None and stage.number == self.number:
            return self._is_meeting_body(stage.body) or stage.date == self.meeting_date \
                or len(stage.body or "") <= 6
        return False

    def _is_meeting_body(self, body: str | None) -> bool:
        """Whether ``body`` names the meeting's body, also as a broken text layer prints it
        ("Personalsektonen" for "Personalsektionen": a glyph or two lost)."""
        if self.meeting_body is None:
            return True
        folded = fold(body or "")
        return folded == self.meeting_body or \
            SequenceMatcher(None, folded, self.meeting_body).ratio() >= BODY_SIMILARITY

    def result(self, title: str) -> ParsedItem:
        preamble = self.stages[0]
        stages = [s for s in self.stages[1:] if s.body is not None or s.sections]
        listed_dates = {(fold(s.body or ""), s.number): s.date for s in self.listed}
        for stage in stages:
            if stage.date is None:
                stage.date = listed_dates.get((fold(stage.body or ""), stage.number))
        current_index = None
        for k, stage in enumerate(stages):
            if self._is_current(stage):
                current_index = k
        if current_index is None and stages and (self.number is None or stages[-1].body is None):
            current_index = len(stages) - 1   # the last handling, or the text after a closing rule
        if current_index is None and stages and self.listed and self._is_meeting_body(stages[-1].body) \
                and (fold(stages[-1].body or ""), stages[-1].number) not in listed_dates:
            # the last handling, by this body and not among the earlier ones listed, even where its
            # header is misprinted ("28.3.3023, 11 §" over § 16)
            current_index = len(stages) - 1
        number = self.number
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
            self._resolve_ambiguous(stage.sections)
            history.append(Stage(stage.printed or stage.body or "", stage.date, stage.number, _freeze(stage.sections)))
            keys.add((fold(stage.body or ""), stage.number))
        current_key = (fold(stages[current_index].body or ""), stages[current_index].number) \
            if current_index is not None else None
        for stage in self.listed:
            key = (fold(stage.body or ""), stage.number)
            if key in keys or key == current_key or (self.number is not None and stage.number == self.number
                                                     and self._is_meeting_body(stage.body)):
                continue
            keys.add(key)
            history.append(Stage(stage.printed or stage.body or "", stage.date, stage.number, ()))
        history.sort(key=lambda s: (s.date or date.max,))
        self._resolve_ambiguous(own)
        return ParsedItem(
            title=title, case_id=self.case_id, preparers=tuple(self.preparers), presenter=self.presenter,
            sections=_freeze(own), history=tuple(history), number=number,
            stage_body=stages[current_index].body if current_index is not None else None,
            stage_date=stages[current_index].date if current_index is not None else None,
        )


def _freeze(sections: list[_SectionBuilder]) -> tuple[Section, ...]:
    out = []
    for s in sections:
        text = s.text()
        if text:
            out.append(Section(s.kind, s.heading, text, s.page))
    return tuple(out)


def _is_title_stop(text: str) -> bool:
    lex = load_lexicon()
    return bool(lex.heading_kind(text) or match_stage(text) or is_case_line(text)
                or match_item_start(text) or split_glued(text))


def _looks_like_title(lines: list[Line]) -> bool:
    """Without an item header, the first line is a title only when it is set apart: bold, a marked
    heading, or (plain text) a short line without closing punctuation before a blank line."""
    first = lines[0]
    if first.bold or first.heading:
        return True
    if first.x0 is not None:
        return False
    text = first.full_text
    if len(text) >= 150 or text.endswith((".", ",", ";", ":")):
        return False
    if len(lines) == 1:
        return True
    nxt = lines[1]
    return nxt.gap_before or nxt.heading or load_lexicon().heading_kind(nxt.full_text) is not None


def _styled_title(lines: list[Line]) -> int | None:
    """Where a page holding one item prints its title: the first bold or marked heading line near
    the top that is not a section heading, an organisation's name or a template word."""
    lex = load_lexicon()
    for i, line in enumerate(lines[:TITLE_SCAN]):
        text = line.text
        if lex.heading_kind(line.full_text, styled=True) in CORE_KINDS or (i and match_stage(line.full_text)):
            return None     # the item's text has begun: its title was not set apart
        if not text or not (line.bold or line.heading) or _is_title_stop(text):
            continue
        if fold(text) in lex.template_words or find_organization([text]) == text:
            continue
        return i
    return None


def _case_with_task_class(lines: list[Line]) -> str | None:
    """A bare diary number ("5316/2016") printed above its task class ("00.01.01") (Dynasty)."""
    lex = load_lexicon()
    for line, nxt in zip(lines, lines[1:]):
        if lex.bare_number.match(line.full_text) and lex.task_class.match(nxt.full_text):
            return line.full_text
    return None


def _number_label(lines: list[Line]) -> int | None:
    for line in lines:
        m = load_lexicon().number_label.search(line.full_text)
        if m:
            return int(m.group("number"))
    return None


def take_title(inline: str | None, header: Line | None, body: list[Line]) -> tuple[str, list[Line]]:
    """The item title (which may wrap over lines) and the body lines after it."""
    lines = list(body)
    parts: list[str] = []
    bold = None
    if inline:
        parts.append(inline)
        bold = header.bold if header else None
    elif lines:
        # the title follows the header line; a diary number may come between
        skipped: list[Line] = []
        while lines and (is_case_line(lines[0].full_text) or match_stage(lines[0].full_text)) and len(skipped) < 3:
            skipped.append(lines.pop(0))
        if lines and not _is_title_stop(lines[0].full_text) and (header or _looks_like_title(lines)):
            first = lines.pop(0)
            parts.append(first.full_text)
            bold = first.bold
        lines = skipped + lines
    while parts and lines and len(parts) < TITLE_MAX_LINES:
        nxt = lines[0]
        text = nxt.full_text
        if (nxt.caption and nxt.text) or _is_title_stop(text):
            break
        geometry = nxt.x0 is not None
        continues = (bold and nxt.bold) if geometry else bool(_LOWER_START.match(text)) and not parts[-1].endswith(".")
        if not continues or (geometry and nxt.gap_before and not bold):
            break
        parts.append(lines.pop(0).full_text)
    return join_lines(parts).replace("\n", " "), lines


def _text_begins(lines: list[Line]) -> int:
    """Where an item's text begins on a page without an item header: its first section heading."""
    lex = load_lexicon()
    return next((i for i, line in enumerate(lines)
                 if lex.heading_kind(line.caption or line.full_text, styled=True) in CORE_KINDS), len(lines))


def _own_number_line(lines: list[Line], number: int | None) -> int | None:
    """Where the item's own number (known from the page header) stands alone on a line ("26")."""
    if number is None:
        return None
    for i, line in enumerate(lines):
        text = line.full_text.strip()
        if text == str(number) or match_item_start(text) == (number, None):
            return i
    return None


def parse_item(number: int | None, inline_title: str | None, header: Line | None, lead: list[Line],
               body: list[Line], meeting_body: str | None, meeting_date: date | None,
               document_type: str, fallback_title: str | None = None) -> ParsedItem:
    """Parse one item block into title, fields, own sections and history."""
    body = list(body)
    styled = case_id = None
    if header is None:
        # a page holding one item opens with its list of handlings and its diary number
        lead = list(lead)
        while body and (match_stage(body[0].full_text) or is_case_line(body[0].full_text)
                        or TABLE_CELL in body[0].full_text):
            lead.append(body.pop(0))
        styled = _styled_title(body)
        if number is None:
            # the page header's "Asianro 26" names the item; a handling listed above the title
            # ("Kaupunkisuunnittelulautakunta ¦ 87 § ¦ 26.4.2017") never does
            number = _number_label(lead + body[:styled if styled is not None else TITLE_SCAN])
        own = _own_number_line(body[:styled if styled is not None else _text_begins(body)], number)
        if styled is None and own is not None:
            styled = own + 1        # the item's number printed alone above its title: a header
            header = body[own]
        if styled is not None:
            lead += [line for line in body[:styled] if match_stage(line.full_text) or is_case_line(line.full_text)]
            case_id = _case_with_task_class(body[:styled])
            body = body[styled:]
    parser = _ItemParser(number, meeting_body, meeting_date, document_type)
    if header is None and styled is not None:
        parser.case_id = case_id
    for line in lead:
        parser.line(line, lead=True)
    title, rest = take_title(inline_title, header, body)
    if header is None and not title:
        title = fallback_title or ""
    for line in merge_captions(rest):
        label = match_item_start(line.full_text)
        if label and label[1] is None and label[0] == number:
            continue     # the item's own "15 §" printed again under its title (Tweb)
        parser.line(line)
    return parser.result(title)
