"""PDF: words with geometry from a PDF engine, grouped into lines, left-margin captions split off.

The engine is an interface (``PdfEngine``) so that a faster extractor can be added without
touching the parser: an engine yields each page's words with their boxes and fonts, and this
module turns words into ``Line`` objects the same way for every engine.
"""

from __future__ import annotations

import ctypes
import io
import statistics

import regex
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ..document import Line
from ..errors import EncryptedDocument, NoTextLayer, UnreadableDocument
from ..normalize import normalize_text

LINE_TOLERANCE = 3.0     # words whose tops differ by less than this share a line
MARGIN_GAP = 12.0        # a caption is separated from its text by at least this much space
BODY_TOLERANCE = 6.0     # a text column starts within this distance of the body's left edge


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


class PdfEngine(Protocol):
    name: str

    def iter_pages(self, data: bytes, path: str) -> Iterator[PageWords]:
        """Yield each page's words; raise EncryptedDocument or UnreadableDocument."""


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(mark in name for mark in ("bold", "black", "heavy", ",b", "-b", "semibold"))


def _pdf_error(exc: BaseException, path: str) -> Exception:
    """The library error for an exception raised while opening a PDF."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    chain = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 5:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in chain) or \
            any("password" in str(c).lower() or "encrypt" in str(c).lower() for c in chain):
        return EncryptedDocument(path, "the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)")
    detail = next((str(c) for c in chain if str(c)), type(exc).__name__)
    return UnreadableDocument(path, f"the PDF is corrupt or truncated ({detail})")


class PdfplumberEngine:
    """pdfplumber (pdfminer.six): thorough, pure Python."""

    name = "pdfplumber"

    def iter_pages(self, data: bytes, path: str) -> Iterator[PageWords]:
        import pdfplumber

        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:  # pdfplumber wraps pdfminer's errors; look at the cause chain
            raise _pdf_error(exc, path) from None
        with pdf:
            try:
                pages = pdf.pages
            except Exception as exc:
                raise UnreadableDocument(path, f"the PDF page tree is broken ({type(exc).__name__})") from None
            if not pages:
                raise UnreadableDocument(path, "the PDF has no pages")
            for page in pages:
                try:
                    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                    images = bool(page.images)
                except Exception as exc:
                    raise UnreadableDocument(
                        path, f"page {page.page_number} cannot be read ({type(exc).__name__}: {exc})"
                    ) from None
                words = tuple(
                    Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                         float(w.get("size") or 0.0), _is_bold(w.get("fontname") or ""))
                    for w in raw
                )
                yield PageWords(page.page_number, float(page.width), float(page.height), words, images)
                page.flush_cache()


RUN_INSET = 0.1   # share of a run's height left out at its top and bottom when reading its text
ASCENT = 0.8   # share of the font size above the baseline, to place a run's top like pdfplumber's
# PDFium marks a hyphen at a line break as \x02; other control characters are unmapped glyphs
_PDFIUM_CHARS = {**{c: None for c in range(32)}, 2: "-", 9: " ", 10: " ", 13: " "}


_RUN_BUFFER = 4096   # characters read at once from a text run; longer runs take a second call
_BUFFER = (ctypes.c_ushort * _RUN_BUFFER)()   # one per process: a worker reads one page at a time


def _bounded_text(raw, textpage, left: float, bottom: float, right: float, top: float) -> str:
    """The text inside a box, in one call to PDFium for all but very long runs."""
    n = raw.FPDFText_GetBoundedText(textpage, left, top, right, bottom, _BUFFER, _RUN_BUFFER)
    if n >= _RUN_BUFFER:
        return textpage.get_text_bounded(left, bottom, right, top)
    return ctypes.string_at(_BUFFER, 2 * n).decode("utf-16-le", errors="replace").rstrip("\x00")


def _font_name(raw, textpage, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    length = raw.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


class PdfiumEngine:
    """PDFium through pypdfium2: the same lines, an order of magnitude faster. Each text run
    PDFium reports (a stretch of text on one line, split where the gap or the font changes) becomes
    one word box; font size and weight come from the run's first character."""

    name = "pdfium"
    BOLD_WEIGHT = 600

    def iter_pages(self, data: bytes, path: str) -> Iterator[PageWords]:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise EncryptedDocument(path, "the PDF is encrypted with a password; decrypt it first "
                                              "(e.g. qpdf --decrypt)") from None
            raise UnreadableDocument(path, f"the PDF is corrupt or truncated ({exc})") from None
        try:
            if len(pdf) == 0:
                raise UnreadableDocument(path, "the PDF has no pages")
            for index in range(len(pdf)):
                page = pdf[index]
                width, height = page.get_size()
                textpage = page.get_textpage()
                words = []
                for k in range(textpage.count_rects()):
                    left, bottom, right, top = textpage.get_rect(k)
                    inset = (top - bottom) * RUN_INSET   # glyphs of the lines above and below reach in
                    text = _bounded_text(raw, textpage, left, bottom + inset, right, top - inset)
                    text = text.translate(_PDFIUM_CHARS)
                    if not text.strip():
                        continue
                    char = textpage.get_index(left + min(1.0, (right - left) / 2), (top + bottom) / 2, 2, 2)
                    size, bold, baseline = 0.0, False, bottom
                    if char is not None and char >= 0:
                        size = raw.FPDFText_GetFontSize(textpage, char)
                        bold = raw.FPDFText_GetFontWeight(textpage, char) >= self.BOLD_WEIGHT or \
                            _is_bold(_font_name(raw, textpage, char))
                        x, y = ctypes.c_double(), ctypes.c_double()
                        if raw.FPDFText_GetCharOrigin(textpage, char, ctypes.byref(x), ctypes.byref(y)):
                            baseline = y.value
                    # lines are grouped by the top of the font's box, as pdfplumber reports it
                    line_top = height - baseline - (size or (top - bottom)) * ASCENT
                    words.append(Word(text.strip(), float(left), float(right), float(line_top),
                                      float(height - baseline), float(size), bold))
                has_images = not words and any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
                yield PageWords(index + 1, float(width), float(height), tuple(words), has_images)
                textpage.close()
                page.close()
        finally:
            pdf.close()


ENGINES: dict[str, PdfEngine] = {"pdfplumber": PdfplumberEngine(), "pdfium": PdfiumEngine()}
DEFAULT_ENGINE = "pdfplumber"


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
    pages = list(ENGINES[engine].iter_pages(data, path))
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
    return lines, len(pages), {page.number: page.height for page in pages}
