"""Readers: one per format, each producing the same ``Document`` of lines.

``read_document(path)`` detects the format from the content and reads it; the document comes back
as read, every line in ``Document.lines`` (running page headers and footers included: setting them
apart is the first step of parsing, ``furniture.set_furniture_apart``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from minutes.errors import TooLarge, UnreadableDocument, UnsupportedFormat
from minutes.record import Notice

from ..choices import DEFAULT_MAX_BYTES
from ..document import Document
from .detect import detect_format
from .docx import read_docx
from .html import read_html
from .opennc import gather, read_opennc
from .ocr import TesseractEngine
from .pdf import DEFAULT_ENGINE, ENGINES
from .pdf_ocr import DEFAULT_OCR, OCR_MODES, read_pdf_text
from .text import read_text

ENGINES["ocr"] = TesseractEngine()

__all__ = ["read_document", "read_bytes", "read_file", "read_source", "read_stream", "detect_format", "ENGINES", "DEFAULT_ENGINE",
           "DEFAULT_MAX_BYTES", "OCR_MODES", "DEFAULT_OCR"]


def read_bytes(data: bytes, path: str, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR,
               sha256: str | None = None) -> Document:
    """Read a document from its bytes into a ``Document`` as read (see ``read_document``);
    ``path`` names it in errors and provenance; ``sha256`` is the bytes' hash when the caller has
    computed it already.

    ``ocr`` says which PDF pages Tesseract reads (see ``pdf_ocr``): "auto" (default) scans and
    pages whose text layer is unreadable, "never", or "always"; True and False, as in earlier
    versions, mean "auto" and "never"."""
    fmt = detect_format(data, path)
    metadata: dict = {}
    furniture: list = []          # page headers and footers a reader gives apart (DOCX)
    pages = None
    heights = None
    warnings: tuple = ()          # (page, message)
    if fmt == "pdf":
        text = read_pdf_text(data, path, engine, ocr)
        lines, pages, heights, warnings = list(text.lines), text.pages, text.heights, text.warnings
        if text.ocr_pages:
            metadata["ocr_pages"] = text.ocr_pages
    elif fmt == "docx":
        lines, furniture = read_docx(data, path)
    elif fmt == "html":
        lines, metadata = read_html(data, path)
    elif fmt == "opennc":
        lines, metadata, notes = read_opennc(data, path)
        warnings = tuple((None, note) for note in notes)
    else:
        lines, pages, notes = read_text(data)
        warnings = tuple((None, note) for note in notes)
    if not lines:
        raise UnreadableDocument(path, f"no text found in this {fmt.upper()} file")
    return Document(path=path, sha256=sha256 or hashlib.sha256(data).hexdigest(), format=fmt, pages=pages,
                    lines=tuple(lines), furniture=tuple(furniture), metadata=metadata,
                    warnings=tuple(Notice(page, message) for page, message in warnings), page_heights=heights)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; ``UnreadableDocument`` naming it when
    it cannot be opened, ``UnsupportedFormat`` for a FIFO, socket or device (reading one may
    never end), ``TooLarge`` past the limit."""
    name = str(path)
    try:
        # non-blocking: opening a FIFO would otherwise wait for a writer forever
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise UnreadableDocument(name, "is a directory, not a document")
            if not stat.S_ISREG(info.st_mode):
                raise UnsupportedFormat(name, "not a regular file (a FIFO, socket or device)")
            if info.st_size > max_bytes:
                raise TooLarge(name, f"{info.st_size / 2**20:.0f} MiB, larger than the limit of "
                                     f"{max_bytes / 2**20:.0f} MiB (--max-file-size)")
            return read_stream(fh, name, max_bytes)
    except IsADirectoryError:
        raise UnreadableDocument(name, "is a directory, not a document") from None
    except OSError as exc:
        raise UnreadableDocument(name, f"cannot be opened ({exc.strerror or exc})") from None


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the document at ``path``: the file's (``read_file``), or, for a document
    made of several files (a CaseM OpenNC meeting and its items' responses), the files it is made
    of gathered into one (``opennc.gather``), each within ``max_bytes``."""
    return gather(str(path), read_file(path, max_bytes), lambda part: read_file(part, max_bytes))


def read_stream(stream, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most ``max_bytes`` from a binary stream (standard input, a file that grows)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(name, f"larger than the limit of {max_bytes / 2**20:.0f} MiB (--max-file-size)")
    return data


def read_document(path: str | Path, engine: str = DEFAULT_ENGINE, ocr: bool | str | None = DEFAULT_OCR) -> Document:
    """Read the file at ``path`` into a ``Document``: its format, page count (PDF, and text with
    form feeds), every line read in reading order with its provenance (page, geometry, caption,
    heading and bold flags), the page heights of a PDF, the HTML title and meta tags in
    ``metadata`` and the reader's warnings. ``furniture`` is empty: running page headers and
    footers are still among the lines until parsing sets them apart
    (``furniture.set_furniture_apart``, the first step of ``build_record``). Raise a
    ``MinutesError`` subclass naming the file when it cannot be read.

    Returns the ``Document``; raises a ``MinutesError`` subclass naming the file."""
    return read_bytes(read_source(path), str(path), engine, ocr)
