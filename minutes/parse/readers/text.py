"""Plain text and Markdown: one line per text line, form feeds as page breaks."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from ..document import Line, row_cells, row_text
from ..normalize import normalize_text

_MD_HEADING = regex.compile(r"^#{1,6}\s+")
_MD_COMMENT = regex.compile(r"<!--.*?-->")
_MD_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_EMPHASIS = regex.compile(r"(\*\*|__)(?=[^\s_*])([^_*]+?)\1")


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))   # UTF-32 LE before UTF-16 LE
_UTF8_MULTIBYTE = regex.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = regex.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0          # bytes that were not valid in the encoding, replaced by U+FFFD


def decode_text(data: bytes) -> Decoded:
    """Text by the evidence of its bytes: a byte-order mark names UTF-8, UTF-16 or UTF-32; UTF-8
    when its multi-byte sequences outnumber the bytes invalid in it (a few bad bytes are
    replaced, and counted); else Windows-1252, the other encoding minutes are published in."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return Decoded(text, encoding.replace("-sig", ""), text.count("\ufffd"))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = len(_HIGH.findall(data)) - sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    if valid > invalid:
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", text.count("\ufffd"))
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252")


def read_text(data: bytes) -> tuple[list[Line], int | None, list[str]]:
    """Lines of a text or Markdown file, its page count (only when form feeds split it) and
    warnings about its encoding. A Markdown table row, or a line printed in the text form of a
    row ("Kaupunginhallitus ¦ 105 § ¦ 10.4.2017"), keeps its cells (``Line.cells``)."""
    decoded = decode_text(data)
    text = decoded.text
    warnings = [f"bytes not valid {decoded.encoding.upper()} replaced: {decoded.replaced}"] if decoded.replaced else []
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
            row: tuple[str, ...] = ()
            if raw.strip().startswith("|") and raw.strip().endswith("|"):
                cells = [c for c in (c.strip() for c in raw.strip().strip("|").split("|")) if c]
                raw = row_text(cells)
                if len(cells) > 1:
                    row = tuple(normalize_text(c) for c in cells)
            text_line = normalize_text(raw)
            if not text_line:
                gap = True
                continue
            lines.append(Line(text_line, page=number if len(pages) > 1 else None,
                              heading=heading, gap_before=gap, cells=row or row_cells(text_line)))
            gap = False
    return lines, (len(pages) if len(pages) > 1 else None), warnings
