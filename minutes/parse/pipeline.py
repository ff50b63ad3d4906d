"""The one place the stages are wired together: read -> furniture -> segment -> sections -> record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from minutes.errors import NoItemsFound
from minutes.language.bodies import body_key, body_name
from minutes.record import (
    Item,
    Notice,
    Record,
    Section,
    Source,
    Stage,
    incomplete_message,
    item_id,
    meeting_id,
    unique_ids,
)

from .appeals import Instruction
from .appendix import Appendix, split_appendices
from .contents import check_items
from .dates import find_dates
from .decisions import analyse as analyse_decisions
from .document import Document
from .furniture import set_furniture_apart
from .hints import MeetingHints
from .meeting import MeetingInfo, find_decision_subject, parse_meeting
from .normalize import join_lines
from .readers import DEFAULT_ENGINE, DEFAULT_OCR, read_bytes, read_document
from .references import Context, find_references
from .sections import MeetingFacts, ParsedItem, parse_item
from .segment import split_items

ITEM_EVIDENCE = ("proposal", "decision")  # what makes a page without a § header an item


def annotate(section: Section, context: Context, warnings: list[Notice]) -> Section:
    """The section with the references and dates found in its text; impossible dates become warnings."""
    dates = tuple(find_dates(section.text, context.date.year if context.date else None))
    for mention in dates:
        if mention.warning:
            warnings.append(Notice(section.page, mention.warning))
    return replace(section, references=tuple(find_references(section.text, context)), dates=dates)


def name_bodies(history: tuple[Stage, ...], organization: str | None, body: str | None,
                number: int | None) -> tuple[Stage, ...]:
    """The item's earlier handlings with the full names of their bodies (``body_name``, from the
    abbreviations of the meeting's organisation), without the current handling listed again under
    an abbreviation ("Kh § 190" in item 190 of a Kunnanhallitus), and with a handling that is only
    listed (no sections) merged into the same handling printed in full (same body, number, date)."""
    named = [replace(h, body_name=body_name(h.body, organization)) for h in history]
    meeting_key = body_key(body)

    def same(a: Stage, b: Stage) -> bool:
        return a.number == b.number and body_key(a.body_name or a.body) == body_key(b.body_name or b.body) \
            and (a.date == b.date or not (a.date and b.date))

    out: list[Stage] = []
    for stage in named:
        if not stage.sections and number is not None and stage.number == number \
                and body_key(stage.body_name or stage.body) == meeting_key:
            continue
        twin = next((k for k, h in enumerate(out) if same(h, stage) and not (h.sections and stage.sections)), None)
        if twin is None:
            out.append(stage)
        elif stage.sections:
            out[twin] = replace(stage, date=stage.date or out[twin].date)
    return tuple(out)


def deciding_body(sections) -> str | None:
    """The body named as the subject of the item's decision, else of its proposal: the last resort
    for a document that prints its body nowhere else."""
    for kind in ("decision", "proposal"):
        for section in sections:
            if section.kind == kind:
                body = find_decision_subject(section.text)
                if body:
                    return body
    return None


def apply_hints(info: MeetingInfo, hints: MeetingHints | None) -> MeetingInfo:
    """The meeting info with the user's values in place of what was read."""
    if hints is None:
        return info
    meeting = replace(info.meeting, **{k: getattr(hints, k) for k in hints.supplied() if k != "document_type"})
    return replace(info, meeting=meeting, document_type=hints.document_type or info.document_type)


def _owner(parsed: list[ParsedItem], appendix: Appendix) -> int | None:
    """The item an attachment belongs to: the one with its number, else the one whose earlier
    handling it names (an attachment of another body's decision on the matter)."""
    for k, p in enumerate(parsed):
        if p.number == appendix.number:
            return k
    for k, p in enumerate(parsed):
        if any(h.number == appendix.number and h.date == appendix.date for h in p.history):
            return k
    return None


def attach_appendices(parsed: list[ParsedItem], appendices: list[Appendix],
                      warnings: list[Notice]) -> list[ParsedItem]:
    """The items with their attachment pages as ``appendix`` sections."""
    extra: dict[int, list[Section]] = {}
    for appendix in appendices:
        k = _owner(parsed, appendix)
        if k is None:
            k = len(parsed) - 1
            warnings.append(Notice(appendix.page, f"attachment pages {appendix.heading!r} name no item of this "
                                                   f"document; kept with the last item"))
        text = join_lines([line.full_text for line in appendix.lines])
        extra.setdefault(k, []).append(Section("appendix", appendix.heading, text, appendix.page))
    return [replace(p, sections=p.sections + tuple(extra.get(k, ()))) for k, p in enumerate(parsed)]


def attach_instructions(parsed: list[ParsedItem], instructions: tuple[Instruction, ...],
                        warnings: list[Notice]) -> list[ParsedItem]:
    """The items with the meeting's appeal instructions that name them, as ``appeal`` sections."""
    extra: dict[int | None, list[Section]] = {}
    numbers = {p.number for p in parsed}
    for instruction in instructions:
        for number in instruction.numbers:
            if number not in numbers:
                warnings.append(Notice(instruction.page, f"appeal instructions {instruction.heading!r} name "
                                                          f"§ {number}, which is not an item of this document"))
            extra.setdefault(number, []).append(Section("appeal", instruction.heading, instruction.text,
                                                        instruction.page))
    return [replace(p, sections=p.sections + tuple(extra.get(p.number, ()))) if p.number is not None else p
            for p in parsed]


def build_record(document: Document, metadata: MeetingHints | None = None) -> Record:
    """Turn a read document into its record; raise NoItemsFound when it holds no agenda item.

    ``metadata``: the user's organisation, body, date or document type, which win over what is read.

    Returns the ``Record`` (``minutes.record/1``); raises ``NoItemsFound``."""
    document = set_furniture_apart(document)
    lines, appendices = split_appendices(list(document.lines), document.furniture)
    segments = split_items(lines, document.furniture)
    front, blocks = list(segments.front), segments.blocks
    info = apply_hints(parse_meeting(document, front), metadata)
    meeting = info.meeting
    fallback_title = document.metadata.get("title") if len(blocks) == 1 else None
    facts = MeetingFacts(meeting.body, meeting.date, info.document_type, fallback_title)
    parsed = [parse_item(b, facts) for b in blocks]
    if len(blocks) == 1 and blocks[0].number is None and parsed[0].number is None and \
            not any(s.kind in ITEM_EVIDENCE for s in parsed[0].sections):
        raise NoItemsFound(document.path, "no agenda items found (no § headers, no proposal or decision)")
    if parsed and (meeting.body is None or meeting.date is None):
        first = parsed[0]
        stage_body = body_name(first.stage_body, meeting.organization) or first.stage_body
        meeting = replace(meeting, body=meeting.body or stage_body or deciding_body(first.sections),
                          date=meeting.date or first.stage_date)
    warnings: list[Notice] = list(document.warnings)
    parsed = attach_appendices(parsed, appendices, warnings)
    parsed = attach_instructions(parsed, segments.instructions, warnings)
    items: list[Item] = []
    context = Context(meeting.organization, meeting.body, meeting.date)
    meeting_key = meeting_id(meeting.organization, meeting.body, meeting.date, document.sha256)
    for position, (block, p) in enumerate(zip(blocks, parsed), start=1):
        page = block.header.page if block.header else (block.body[0].page if block.body else None)
        sections = tuple(annotate(s, context, warnings) for s in p.sections)
        history = tuple(replace(h, sections=tuple(annotate(s, context, warnings) for s in h.sections))
                        for h in name_bodies(p.history, meeting.organization, meeting.body, p.number))
        items.append(Item(
            id=item_id(meeting_key, p.number, position),
            number=p.number, title=p.title, case_id=p.case_id, page=page, preparers=p.preparers,
            presenter=p.presenter, sections=sections, history=history,
        ))
        if not p.sections:
            warnings.append(Notice(page, f"item {p.number if p.number is not None else position} has no sections"))
    items = unique_ids(items, warnings)
    numbers = [i.number for i in items if i.number is not None]
    for a, b in zip(numbers, numbers[1:]):
        if b <= a:
            warnings.append(Notice(None, f"§ {b} follows § {a}: numbers out of order"))
    ordered = sorted(set(numbers))      # an item handled out of order is not missing
    for a, b in zip(ordered, ordered[1:]):
        if b > a + 1:
            missing = f"§ {a + 1}" if b == a + 2 else f"§ {a + 1}–{b - 1}"
            warnings.append(Notice(None, f"{missing} missing between § {a} and § {b}"))
    if segments.contents:
        warnings += [Notice(None, message)
                     for message in check_items(segments.contents, [(i.number, i.title) for i in items])]
    record = Record(
        source=Source(document.path, document.sha256, document.format, document.pages),
        document_type=info.document_type, language=info.language, meeting=meeting,
        items=tuple(items), warnings=tuple(warnings), supplied=metadata.supplied() if metadata else (),
    )
    missing = record.missing_metadata()
    if missing:
        record = replace(record, warnings=record.warnings + (Notice(None, incomplete_message(missing)),))
    return analyse_decisions(record)   # decisions as data (issue 12): outcome, votes, motions, people


def parse_document(path: str | Path, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR,
                   metadata: MeetingHints | None = None) -> Record:
    """Read and parse the file at ``path`` into a ``Record``.

    ``ocr`` chooses the PDF pages read by OCR (Tesseract): "auto" (default) scanned pages and
    pages whose text layer is unreadable, each of the latter named in a warning; "never"; or
    "always". The bools of earlier versions still work: True is "auto", False "never".
    ``metadata``: the user's values for the meeting, see ``MeetingHints``.

    Returns the ``Record``; raises a ``MinutesError`` subclass naming the file."""
    return build_record(read_document(path, engine, ocr), metadata)


def parse_bytes(data: bytes, name: str, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR,
                metadata: MeetingHints | None = None, sha256: str | None = None) -> Record:
    """Parse a document given as bytes (``name`` is used in errors and provenance; ``ocr`` and
    ``metadata`` as in ``parse_document``; ``sha256``: the bytes' hash when the caller has it).

    Returns the ``Record``; raises a ``MinutesError`` subclass naming ``name``."""
    return build_record(read_bytes(data, name, engine, ocr, sha256), metadata)
