"""PDF: words from a PDF engine grouped into lines, left-margin captions split off.

Engines sit behind the ``PdfEngine`` interface (``pdf_words``) so that a faster extractor can be
added without touching the parser: an engine yields each page's words with their boxes and fonts,
and this module turns words into ``Line`` objects the same way for every engine.
"""

from __future__ import annotations

import statistics
from collections import Counter

import regex

from minutes.errors import NoTextLayer, UnreadableDocument

from ..choices import DEFAULT_ENGINE
from ..document import Line
from ..normalize import normalize_text
from .pdf_words import LINE_TOLERANCE, PageWords, PdfEngine, Word
from .pdfium_engine import PdfiumEngine
from .pdfplumber_engine import PdfplumberEngine

MARGIN_GAP = 12.0        # a caption is separated from its text by at least this much space
BODY_TOLERANCE = 6.0     # a text column starts within this distance of the body's left edge


ENGINES: dict[str, PdfEngine] = {"pdfplumber": PdfplumberEngine(), "pdfium": PdfiumEngine()}


def _group_lines(words: tuple[Word, ...]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if rows and abs(rows[-1][0].top - word.top) < LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _body_left(rows: list[list[Word]]) -> float | None:
    """The left edge most lines start at: the text column to the right of any margin captions."""
    starts = Counter(round(row[0].x0) for row in rows if row)
    if not starts:
        return None
    # merge starts a point or two apart
    merged: Counter = Counter()
    for x, n in starts.items():
        key = next((k for k in merged if abs(k - x) <= 2), x)
        merged[key] += n
    best = float(merged.most_common(1)[0][0])
    total = sum(merged.values())
    # a column right of the commonest start is the body when captions print beside it
    for x, n in sorted(merged.items(), reverse=True):
        if x <= best:
            break
        if n < total * 0.15:
            continue
        beside = sum(1 for row in rows if row[0].x0 < x - BODY_TOLERANCE and any(
            abs(b.x0 - x) <= BODY_TOLERANCE and b.x0 - a.x1 >= MARGIN_GAP for a, b in zip(row, row[1:])))
        if beside >= 2:
            return float(x)
    return best


def _split_margin(row: list[Word], body_left: float | None) -> tuple[list[Word], list[Word]]:
    """Split a row into (margin caption words, text words) at a wide gap before the body column."""
    if body_left is None or row[0].x0 >= body_left - BODY_TOLERANCE:
        return [], row
    if row[-1].x1 < body_left - BODY_TOLERANCE:
        return row, []          # the whole line sits in the margin: a caption on its own
    for i in range(1, len(row)):
        gap = row[i].x0 - row[i - 1].x1
        if gap >= MARGIN_GAP and abs(row[i].x0 - body_left) <= BODY_TOLERANCE:
            return row[:i], row[i:]
    return [], row


_LOOSE_HYPHEN = regex.compile(r"(?<=\p{L}) -$")


def _text(words: list[Word]) -> str:
    """The words of a line as text; a line-end hyphen printed as a word of its own is attached."""
    return _LOOSE_HYPHEN.sub("-", normalize_text(" ".join(w.text for w in words)))


def read_pdf(data: bytes, path: str, engine: str = DEFAULT_ENGINE) -> tuple[list[Line], int, dict[int, float]]:
    """Read a PDF into lines with page, position, size, boldness and margin captions; also
    return the page count and each page's height."""
    return page_lines(list(ENGINES[engine].iter_pages(data, path)), path)


def page_lines(pages: list[PageWords], path: str) -> tuple[list[Line], int, dict[int, float]]:
    """Lines of the words of ``pages`` (of one PDF, whichever engine read each page), the page
    count and each page's height; NoTextLayer when no page has any text, UnreadableDocument
    when no page can be read at all (a page that cannot is skipped: see ``PageWords.problem``)."""
    problems = [page.problem for page in pages if page.problem]
    if problems and len(problems) == len(pages):
        raise UnreadableDocument(path, f"none of its {len(pages)} pages can be read ({problems[0]})")
    page_rows = [(page, _group_lines(page.words)) for page in pages]
    body_left = _body_left([row for _, rows in page_rows for row in rows])
    lines: list[Line] = []
    for page, rows in page_rows:
        spacing = [b[0].top - a[0].top for a, b in zip(rows, rows[1:]) if b[0].top > a[0].top]
        usual = statistics.median(spacing) if spacing else 0.0
        previous_bottom = None
        for row in rows:
            margin, body = _split_margin(row, body_left)
            gap = previous_bottom is None or (usual and row[0].top - previous_bottom > usual * 0.9)
            previous_bottom = max(w.bottom for w in row)
            text = _text(body)
            caption = _text(margin) or None
            if not text and not caption:
                continue
            lines.append(Line(
                text=text,
                caption=caption,
                page=page.number,
                x0=round(row[0].x0, 1),
                top=round(row[0].top, 1),
                size=round(max(w.size for w in row), 1),
                bold=all(w.bold for w in body or margin),
                gap_before=bool(gap),
            ))
    if not lines:
        if any(page.has_images for page in pages):
            raise NoTextLayer(path, f"no text layer on any of its {len(pages)} pages (a scan?); OCR it first")
        raise NoTextLayer(path, f"no text on any of its {len(pages)} pages")
    return lines, len(pages), {page.number: page.height for page in pages if not page.problem}
