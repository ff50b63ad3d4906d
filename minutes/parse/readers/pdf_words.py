"""What a PDF engine yields: each page's words with their boxes, size and weight. Engines
(``pdfium_engine``, ``pdfplumber_engine``, ``ocr``) differ in how they find words; ``pdf`` turns
words into lines the same way for all of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

LINE_TOLERANCE = 3.0     # words whose tops differ by less than this share a line


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class PageWords:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    has_images: bool
    problem: str | None = None      # why the page could not be read (the others still are)


class PdfEngine(Protocol):
    name: str

    def iter_pages(self, data: bytes, path: str) -> Iterator[PageWords]:
        """Yield each page's words; raise EncryptedDocument or UnreadableDocument."""


def is_bold(fontname: str) -> bool:
    """Whether a font's name marks it bold ("Arial-BoldMT", "Calibri,Bold", "Inter-Black")."""
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", ",b", "-b", "semibold"))
