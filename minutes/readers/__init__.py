"""Readers: one per format, each producing the same ``Document`` of lines.

``read_document(path)`` detects the format from the content, reads it and takes the running
page headers and footers out of the flow (into ``Document.furniture``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Document
from ..errors import NoTextLayer, UnreadableDocument
from ..record import Warning
from ..layout import remove_furniture
from .detect import detect_format
from .docx import read_docx
from .html import read_html
from .ocr import TesseractEngine, repair
from .pdf import DEFAULT_ENGINE, ENGINES, read_pdf
from .text import read_text

ENGINES["ocr"] = TesseractEngine()

__all__ = ["read_document", "read_bytes", "read_file", "detect_format", "ENGINES", "DEFAULT_ENGINE"]


def read_bytes(data: bytes, path: str, engine: str = DEFAULT_ENGINE, ocr: bool = False) -> Document:
    """Read a document from its bytes; ``path`` names it in errors and provenance. With ``ocr``, a
    PDF without a text layer is read by OCR (Tesseract) instead of failing with NoTextLayer."""
    fmt = detect_format(data, path)
    metadata: dict = {}
    pages = None
    heights = None
    warnings: list[str] = []
    if fmt == "pdf":
        try:
            lines, pages, heights = read_pdf(data, path, engine)
        except NoTextLayer:
            if not ocr:
                raise
            lines, pages, heights = read_pdf(data, path, "ocr")
            lines = repair(lines)
            metadata["ocr"] = True
    elif fmt == "docx":
        lines = read_docx(data, path)
    elif fmt == "html":
        lines, metadata = read_html(data, path)
    else:
        lines, pages, warnings = read_text(data)
    if not lines:
        raise UnreadableDocument(path, f"no text found in this {fmt.upper()} file")
    body, furniture = remove_furniture(lines, pages, heights)
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt, pages=pages,
                    lines=tuple(body), furniture=tuple(furniture), metadata=metadata,
                    warnings=tuple(Warning(None, message) for message in warnings))


def read_file(path: str | Path) -> bytes:
    """The bytes of a file; ``UnreadableDocument`` naming it when it cannot be opened."""
    name = str(path)
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise UnreadableDocument(name, "is a directory, not a document") from None
    except OSError as exc:
        raise UnreadableDocument(name, f"cannot be opened ({exc.strerror or exc})") from None


def read_document(path: str | Path, engine: str = DEFAULT_ENGINE, ocr: bool = False) -> Document:
    """Read the file at ``path``; raise a ``MinutesError`` subclass naming it when it cannot be read."""
    return read_bytes(read_file(path), str(path), engine, ocr)
