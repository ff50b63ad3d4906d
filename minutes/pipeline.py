"""The one place the stages are wired together: read -> segment -> sections -> record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .document import Document
from .errors import NoItemsFound
from .meeting import parse_meeting
from .readers import DEFAULT_ENGINE, DEFAULT_OCR, read_bytes, read_document
from .dates import find_dates
from .record import Item, Record, Section, Source, Warning
from .references import Context, find_references
from .sections import parse_item
from .segment import split_items
from .slug import slugify


ITEM_EVIDENCE = ("proposal", "decision")  # what makes a page without a § header an item


def meeting_id(organization: str | None, body: str | None, when) -> str:
    """"<org-slug>/<body-slug>/<YYYY-MM-DD>" ("unknown", "undated" where not known)."""
    return f"{slugify(organization)}/{slugify(body)}/{when.isoformat() if when else 'undated'}"


def item_id(organization: str | None, body: str | None, when, number: int | None, position: int) -> str:
    """The meeting's id and the item's number (or "n<position>" for an item without one)."""
    return f"{meeting_id(organization, body, when)}/{number if number is not None else f'n{position}'}"


def annotate(section: Section, context: Context, warnings: list[Warning]) -> Section:
    """The section with the references and dates found in its text; impossible dates become warnings."""
    dates = tuple(find_dates(section.text, context.date.year if context.date else None))
    for mention in dates:
        if mention.warning:
            warnings.append(Warning(section.page, mention.warning))
    return replace(section, references=tuple(find_references(section.text, context)), dates=dates)


def build_record(document: Document) -> Record:
    """Turn a read document into its record; raise NoItemsFound when it holds no agenda item."""
    front, blocks = split_items(list(document.lines))
    info = parse_meeting(document, front)
    meeting = info.meeting
    fallback_title = document.metadata.get("title") if len(blocks) == 1 else None
    parsed = [
        parse_item(b.number, b.inline_title, b.header, list(b.lead), list(b.body), meeting.body,
                   meeting.date, info.document_type, fallback_title)
        for b in blocks
    ]
    if len(blocks) == 1 and blocks[0].number is None and parsed[0].number is None and \
            not any(s.kind in ITEM_EVIDENCE for s in parsed[0].sections):
        raise NoItemsFound(document.path, "no agenda items found (no § headers, no proposal or decision)")
    if parsed and (meeting.body is None or meeting.date is None):
        first = parsed[0]
        meeting = replace(meeting, body=meeting.body or first.stage_body, date=meeting.date or first.stage_date)
    warnings: list[Warning] = [Warning(page, message) for page, message in document.warnings]
    items: list[Item] = []
    context = Context(meeting.organization, meeting.body, meeting.date)
    for position, (block, p) in enumerate(zip(blocks, parsed), start=1):
        page = block.header.page if block.header else (block.body[0].page if block.body else None)
        sections = tuple(annotate(s, context, warnings) for s in p.sections)
        history = tuple(replace(h, sections=tuple(annotate(s, context, warnings) for s in h.sections))
                        for h in p.history)
        items.append(Item(
            id=item_id(meeting.organization, meeting.body, meeting.date, p.number, position),
            number=p.number, title=p.title, case_id=p.case_id, page=page, preparers=p.preparers,
            presenter=p.presenter, sections=sections, history=history,
        ))
        if not p.sections:
            warnings.append(Warning(page, f"item {p.number if p.number is not None else position} has no sections"))
    numbers = [i.number for i in items if i.number is not None]
    for a, b in zip(numbers, numbers[1:]):
        if b > a + 1:
            missing = f"§ {a + 1}" if b == a + 2 else f"§ {a + 1}–{b - 1}"
            warnings.append(Warning(None, f"{missing} missing between § {a} and § {b}"))
        elif b <= a:
            warnings.append(Warning(None, f"§ {b} follows § {a}: numbers out of order"))
    if meeting.date is None:
        warnings.append(Warning(None, "meeting date not found"))
    return Record(
        source=Source(document.path, document.sha256, document.format, document.pages),
        document_type=info.document_type, language=info.language, meeting=meeting,
        items=tuple(items), warnings=tuple(warnings),
    )


def parse_document(path: str | Path, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR) -> Record:
    """Read and parse the file at ``path`` into a ``Record``.

    ``ocr`` chooses the PDF pages read by OCR (Tesseract): "auto" (default) scanned pages and
    pages whose text layer is unreadable, each of the latter named in a warning; "never"; or
    "always". The bools of earlier versions still work: True is "auto", False "never"."""
    return build_record(read_document(path, engine, ocr))


def parse_bytes(data: bytes, name: str, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR) -> Record:
    """Parse a document given as bytes (``name`` is used in errors and provenance; ``ocr`` as
    in ``parse_document``)."""
    return build_record(read_bytes(data, name, engine, ocr))
