"""The document model every reader produces: a flat sequence of lines with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes.record import Notice


@dataclass(frozen=True)
class Line:
    """One printed line (PDF), paragraph (DOCX, HTML) or text line, already normalised.

    ``caption`` holds a heading printed beside the line: a left-margin caption in a PDF, the
    first cell of a two-cell table row in HTML or DOCX. ``heading`` says the source marked the
    line as a heading (HTML h1-h6, a DOCX heading style). Geometry is None where the format
    has none.
    """

    text: str
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    size: float | None = None
    bold: bool = False
    caption: str | None = None
    heading: bool = False
    gap_before: bool = False

    @property
    def full_text(self) -> str:
        """Caption and text as one line, the way a plain-text extractor prints them."""
        if self.caption and self.text:
            return f"{self.caption} {self.text}"
        return self.caption or self.text


@dataclass(frozen=True)
class Document:
    """A document: where it came from and its lines in reading order.

    As a reader returns it, ``lines`` holds every line read and ``furniture`` is empty. Furniture
    removal, the first step of parsing (``furniture.set_furniture_apart``), moves the running page
    headers and footers from ``lines`` into ``furniture`` (they carry the organisation, body, date
    and meeting number, which segmentation reads). ``page_heights`` (page number -> height) is
    known for PDF pages only. ``warnings`` are the reader's, for the record (a page read by OCR
    for its broken text layer).
    """

    path: str
    sha256: str
    format: str
    pages: int | None
    lines: tuple[Line, ...]
    furniture: tuple[Line, ...] = ()
    metadata: dict = field(default_factory=dict, compare=False, hash=False)
    warnings: tuple[Notice, ...] = ()     # what the reader noticed (bytes replaced, pages skipped)
    page_heights: dict[int, float] | None = field(default=None, compare=False, hash=False)
