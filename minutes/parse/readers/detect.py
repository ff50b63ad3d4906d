"""Tell a file's format from its content (magic bytes), not from its name."""

from __future__ import annotations

import codecs
import io
import zipfile

from minutes.errors import UnreadableDocument, UnsupportedFormat

from .opennc import kind as opennc_kind

_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p>")
CONTROL_ALLOWED = 8    # control characters a text may hold (escape sequences pasted into it)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still text
        if exc.start < len(head) - 4:
            text = head.decode("cp1252", errors="replace")
        else:
            text = head[: exc.start].decode("utf-8")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return control <= max(CONTROL_ALLOWED, len(text) // 100)


def _wide_text(head: bytes) -> str | None:
    """The start of a UTF-16 or UTF-32 text, told by its byte-order mark."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head[: len(head) // 4 * 4].decode(encoding, errors="replace")
    return None


def detect_format(data: bytes, path: str) -> str:
    """Return "pdf", "docx", "html", "opennc" (CaseM's API responses, ``opennc``) or "text";
    raise for empty or unsupported content."""
    if not data.strip():
        raise UnreadableDocument(path, "the file is empty")
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise UnreadableDocument(path, "a ZIP container (DOCX?) that is truncated or corrupt") from None
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormat(path, "a ZIP archive that is not a Word document (DOCX)")
    if head.startswith(_OLE):
        raise UnsupportedFormat(
            path, "a Word 97-2003 (.doc) or other OLE file; save it as DOCX or PDF and try again"
        )
    if opennc_kind(head):
        return "opennc"
    wide = _wide_text(head)
    if wide is not None:
        return "html" if wide.lstrip().lower().startswith(("<!doctype html", "<html")) else "text"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(mark in lowered[:1024] for mark in _HTML_MARKS) and lowered.startswith(b"<"):
        return "html"
    if _looks_like_text(head):
        if path.lower().endswith(".pdf"):
            raise UnsupportedFormat(path, "named .pdf but the content is not a PDF (no %PDF header)")
        return "text"
    what = "named .pdf but" if path.lower().endswith(".pdf") else "the content is"
    raise UnsupportedFormat(path, f"{what} binary data of no supported format (PDF, DOCX, HTML, text)")
