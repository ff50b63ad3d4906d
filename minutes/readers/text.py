"""Plain text and Markdown: one line per text line, form feeds as page breaks."""

from __future__ import annotations

import regex

from ..document import Line
from ..normalize import normalize_text

_MD_HEADING = regex.compile(r"^#{1,6}\s+")
_MD_COMMENT = regex.compile(r"<!--.*?-->")
_MD_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_EMPHASIS = regex.compile(r"(\*\*|__)(?=[^\s_*])([^_*]+?)\1")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the encodings minutes are published in."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(data: bytes) -> tuple[list[Line], int | None]:
    """Lines of a text or Markdown file; pages are counted only when form feeds split them."""
    text = decode_text(data)
    pages = text.split("\f")
    lines: list[Line] = []
    for number, page in enumerate(pages, start=1):
        gap = number > 1
        for raw in page.splitlines():
            heading = bool(_MD_HEADING.match(raw))
            raw = _MD_COMMENT.sub("", _MD_HEADING.sub("", raw))
            if _MD_RULE.match(raw):
                continue
            raw = _MD_EMPHASIS.sub(r"\2", raw)
            if raw.strip().startswith("|") and raw.strip().endswith("|"):
                cells = [c.strip() for c in raw.strip().strip("|").split("|")]
                raw = " ¦ ".join(c for c in cells if c)
            text_line = normalize_text(raw)
            if not text_line:
                gap = True
                continue
            lines.append(Line(text_line, page=number if len(pages) > 1 else None,
                              heading=heading, gap_before=gap))
            gap = False
    return lines, (len(pages) if len(pages) > 1 else None)
