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


ASCENT = 0.8   # share of the font size above the baseline, to place a run's top like pdfplumber's
RUN_INSET = 0.1   # share of a run's height left out at its top and bottom when reading its text by box
# PDFium marks a hyphen at a line break as \x02 or U+FFFE; other control characters are unmapped glyphs
_PDFIUM_CHARS = {**{c: None for c in range(32)}, 2: "-", 0xFFFE: "-", 9: " ", 10: " ", 13: " "}
_PDFIUM_LINE = regex.compile(r"[^\r\n]+")   # PDFium ends each line of its text with a generated \r\n


class _PdfiumPage:
    """One page's text runs read through PDFium's C interface with as few calls as possible.

    The page's text comes in one call. PDFium ends each of its lines with a generated line break
    and reports a rectangle for each stretch of a line drawn by one text object: each rectangle
    becomes a run, its characters a slice of the page text. A line of one rectangle needs no
    further call; in a line of several, the slices begin where the text object changes. Font
    size, weight and baseline come from a run's first character.
    """

    def __init__(self, raw, textpage, height: float, bold_weight: int, text_object):
        self.raw, self.textpage, self.height, self.bold_weight = raw, textpage, height, bold_weight
        self._text_object = text_object
        self._box = [ctypes.c_double() for _ in range(4)]
        self._box_refs = [ctypes.byref(v) for v in self._box]
        self._fonts: dict[bytes, bool] = {}

    def words(self) -> list[Word]:
        """The page's runs as words; a run that follows the previous one with no space between
        them in the page text (a word drawn a glyph or a syllable at a time) continues its word."""
        text = self._text()
        words: list[Word] = []
        for line in _PDFIUM_LINE.finditer(text):
            attached = False
            for first, last, box in self._runs(text, *line.span()):
                if first >= 0:
                    raw = text[first:last]
                    first += len(raw) - len(raw.lstrip())
                    run = raw.translate(_PDFIUM_CHARS).strip()
                else:
                    raw = run = self._text_in(box)
                if not run:
                    attached = False
                    continue
                word = self._word(run, first, box)
                before = words[-1] if words else None
                if attached and before and not raw[:1].isspace() and _continues(before, word):
                    word = Word(before.text + word.text, before.x0, word.x1, before.top, before.bottom,
                                before.size, before.bold and word.bold)
                    words[-1] = word
                else:
                    words.append(word)
                attached = first >= 0 and not raw[-1:].isspace()
        return words

    def _text(self) -> str:
        """The page text, one character per PDFium character index."""
        count = self.raw.FPDFText_CountChars(self.textpage)
        if count <= 0:
            return ""
        buffer = (ctypes.c_ushort * (count + 1))()
        written = self.raw.FPDFText_GetText(self.textpage, 0, count, buffer)
        text = ctypes.string_at(buffer, 2 * max(written - 1, 0)).decode("utf-16-le", errors="replace")
        if len(text) != count:   # characters outside UCS-2 or dropped ones: read them one by one
            text = "".join(chr(self.raw.FPDFText_GetUnicode(self.textpage, i) or 0xFFFD) for i in range(count))
        return text

    def _runs(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple[float, float, float, float]]]:
        """(first index, end index, box) of each run of the line text[start:end]; the indices
        are -1 when the runs cannot be matched to the boxes."""
        count = self.raw.FPDFText_CountRects(self.textpage, start, end - start)
        boxes = [self._rect(k) for k in range(count)]
        if count == 1:
            yield start, end, boxes[0]
            return
        firsts, current, handle = [], None, self.textpage.raw
        for index in range(start, end):
            obj = self._text_object(handle, index)   # None for generated characters
            if obj and obj != current:
                firsts.append(index)
                current = obj
        # a text object of spaces only has no box of its own
        spans = [(a, b) for a, b in zip(firsts, firsts[1:] + [end]) if text[a:b].strip()]
        if len(spans) != count:   # read each run of this line by its box instead
            yield from ((-1, -1, box) for box in boxes)
            return
        spans[0] = (start, spans[0][1])
        yield from ((a, b, box) for (a, b), box in zip(spans, boxes))

    def _rect(self, k: int) -> tuple[float, float, float, float]:
        self.raw.FPDFText_GetRect(self.textpage, k, *self._box_refs)
        left, top, right, bottom = (v.value for v in self._box)
        return left, bottom, right, top

    def _first_char(self, box) -> int:
        """The index of the character at the left of a box, by a hit test; -1 when none is."""
        left, bottom, right, top = box
        return self.raw.FPDFText_GetCharIndexAtPos(
            self.textpage, left + min(1.0, (right - left) / 2), (top + bottom) / 2, 2.0, 2.0)

    def _text_in(self, box) -> str:
        left, bottom, right, top = box
        inset = (top - bottom) * RUN_INSET   # glyphs of the lines above and below reach in
        text = self.textpage.get_text_bounded(left, bottom + inset, right, top - inset)
        return text.translate(_PDFIUM_CHARS).strip()

    def _word(self, text: str, char: int, box) -> Word:
        left, bottom, right, top = box
        raw, textpage = self.raw, self.textpage
        if char < 0:
            char = self._first_char(box)
        size, bold, baseline = 0.0, False, bottom
        if char >= 0:
            size = raw.FPDFText_GetFontSize(textpage, char)
            bold = raw.FPDFText_GetFontWeight(textpage, char) >= self.bold_weight or self._bold_font(char)
            x, y = self._box[0], self._box[1]
            if raw.FPDFText_GetCharOrigin(textpage, char, self._box_refs[0], self._box_refs[1]):
                baseline = y.value
        # lines are grouped by the top of the font's box, as pdfplumber reports it
        line_top = self.height - baseline - (size or (top - bottom)) * ASCENT
        return Word(text, float(left), float(right), float(line_top), float(self.height - baseline),
                    float(size), bold)

    def _bold_font(self, char: int) -> bool:
        length = self.raw.FPDFText_GetFontInfo(self.textpage, char, _FONT_NAME, len(_FONT_NAME), None)
        name = _FONT_NAME.value if length else b""
        if name not in self._fonts:
            self._fonts[name] = _is_bold(name.decode("utf-8", "replace"))
        return self._fonts[name]


def _continues(before: Word, word: Word) -> bool:
    """Whether ``word`` sits right after ``before`` on the same printed line."""
    return abs(word.top - before.top) < LINE_TOLERANCE and word.x0 >= before.x1 - LINE_TOLERANCE


_FONT_NAME = ctypes.create_string_buffer(256)   # one per process: a worker reads one page at a time


class PdfiumEngine:
    """PDFium through pypdfium2: the same lines, an order of magnitude faster (see
    ``_PdfiumPage``): each text run PDFium reports becomes one word box."""

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
        # the text object of a character, as a plain address to compare
        text_object = ctypes.cast(raw.FPDFText_GetTextObject,
                                  ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int))
        try:
            if len(pdf) == 0:
                raise UnreadableDocument(path, "the PDF has no pages")
            for index in range(len(pdf)):
                page = pdf[index]
                width, height = page.get_size()
                textpage = page.get_textpage()
                words = _PdfiumPage(raw, textpage, height, self.BOLD_WEIGHT, text_object).words()
                has_images = not words and any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
                yield PageWords(index + 1, float(width), float(height), tuple(words), has_images)
                textpage.close()
                page.close()
        finally:
            pdf.close()


ENGINES: dict[str, PdfEngine] = {"pdfplumber": PdfplumberEngine(), "pdfium": PdfiumEngine()}
DEFAULT_ENGINE = "pdfium"


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
