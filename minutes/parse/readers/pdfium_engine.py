"""The PDFium engine (pypdfium2): the same words as pdfplumber's from PDFium's text runs, at little
more than the cost of plain text extraction."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import regex

from minutes.errors import EncryptedDocument, UnreadableDocument

from .pdf_words import LINE_TOLERANCE, PageWords, Word, is_bold

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
                    printed = text[first:last]
                    first += len(printed) - len(printed.lstrip())
                    run = printed.translate(_PDFIUM_CHARS).strip()
                else:
                    printed = run = self._text_in(box)
                if not run:
                    attached = False
                    continue
                word = self._word(run, first, box)
                before = words[-1] if words else None
                if attached and before and not printed[:1].isspace() and _continues(before, word):
                    word = Word(before.text + word.text, before.x0, word.x1, before.top, before.bottom,
                                before.size, before.bold and word.bold)
                    words[-1] = word
                else:
                    words.append(word)
                attached = first >= 0 and not printed[-1:].isspace()
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
            text = self._text_by_char(count)
        return text

    def _text_by_char(self, count: int) -> str:
        """The page text read a character at a time: slower, but aligned with the character
        indices whatever the characters."""
        return "".join(chr(self.raw.FPDFText_GetUnicode(self.textpage, i) or 0xFFFD) for i in range(count))

    def _runs(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple[float, float, float, float]]]:
        """(first index, end index, box) of each run of the line text[start:end]; the indices
        are -1 when the runs cannot be matched to the boxes."""
        count = self.raw.FPDFText_CountRects(self.textpage, start, end - start)
        if count <= 0:
            return    # spaces, or glyphs without a box: nothing printed to read
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
            if raw.FPDFText_GetCharOrigin(textpage, char, self._box_refs[0], self._box_refs[1]):
                baseline = self._box[1].value   # the origin's y
        # lines are grouped by the top of the font's box, as pdfplumber reports it
        line_top = self.height - baseline - (size or (top - bottom)) * ASCENT
        return Word(text, float(left), float(right), float(line_top), float(self.height - baseline),
                    float(size), bold)

    def _bold_font(self, char: int) -> bool:
        length = self.raw.FPDFText_GetFontInfo(self.textpage, char, _FONT_NAME, len(_FONT_NAME), None)
        name = _FONT_NAME.value if length else b""
        if name not in self._fonts:
            self._fonts[name] = is_bold(name.decode("utf-8", "replace"))
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
                try:
                    page = pdf[index]
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                except pdfium.PdfiumError as exc:   # one broken page object: the others are read
                    yield PageWords(index + 1, 0.0, 0.0, (), False, f"page {index + 1} cannot be read ({exc})")
                    continue
                words = _PdfiumPage(raw, textpage, height, self.BOLD_WEIGHT, text_object).words()
                has_images = not words and any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
                yield PageWords(index + 1, float(width), float(height), tuple(words), has_images)
                textpage.close()
                page.close()
        finally:
            pdf.close()
