"""The document model every reader produces: a flat sequence of lines with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes.record import Notice


ROW_SEPARATOR = " ¦ "   # the text form of a table row, in a line's text and in the record's sections


def row_text(cells: tuple[str, ...] | list[str]) -> str:
    """A table row's cells as text: "Kaupunginhallitus ¦ 105 § ¦ 10.4.2017", the record's
    documented text form of a row (the one place it is written)."""
    return ROW_SEPARATOR.join(cells)


def row_cells(text: str) -> tuple[str, ...]:
    """The cells of a line printed in the text form of a table row (``row_text``); () for any
    other text."""
    return tuple(text.split(ROW_SEPARATOR)) if ROW_SEPARATOR in text else ()


@dataclass(frozen=True)
class ItemHeader:
    """An item header a reader knows from the document's structure (a row of a meeting's index
    table, an API's item): the item's number (None: an item the source gives without one) and
    title."""

    number: int | None
    title: str | None


@dataclass(frozen=True)
class HandlingHeader:
    """A handling of the item's matter a reader knows from the document's structure (an API's
    record of earlier handlings): the body, the date as printed (d.m.yyyy) and the number, where
    known."""

    body: str
    date: str | None
    number: int | None


@dataclass(frozen=True)
class Line:
    """One printed line (PDF), paragraph (DOCX, HTML) or text line, already normalised.

    ``caption`` holds a heading printed beside the line: a left-margin caption in a PDF, the
    first cell of a two-cell table row in HTML or DOCX. ``heading`` says the source marked the
    line as a heading (HTML h1-h6, a DOCX heading style). Geometry is None where the format
    has none. ``cells`` holds the cells of a table row of two or more cells that the reader
    keeps as one line (its ``text`` is ``row_text(cells)``); ``item`` an item header the reader
    knows from the document's structure (its ``text`` is the header as printed, "§ 12 Title");
    ``handling`` a handling header it knows so ("Kaupunginhallitus, 5.6.2017, § 233").
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
    cells: tuple[str, ...] = ()
    item: ItemHeader | None = None
    handling: HandlingHeader | None = None

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
