"""Which pages of a PDF are read by OCR (Tesseract) instead of their text layer.

``auto`` (the default): a page without a text layer (a scan) and a page whose text layer is
unreadable (a broken glyph map: see ``text_quality``) are read by OCR when Tesseract is
installed; each unreadable page gets a warning naming it. Without Tesseract the text layer is
kept, with one warning for the document, and a scan fails with ``NoTextLayer`` as before.
``never``: only the text layer. ``always``: every page by OCR.
"""

from __future__ import annotations

from dataclasses import dataclass

from minutes.errors import NoTextLayer, OcrUnavailable

from ..choices import DEFAULT_OCR, OCR_MODES
from ..document import Line
from .ocr import INSTALL, TesseractEngine, repair, tesseract_available
from .pdf import ENGINES, page_lines
from .pdf_words import PageWords
from .text_quality import PageQuality, text_layer_check


def ocr_mode(value: bool | str | None) -> str:
    """The OCR mode a caller asks for: a name of ``OCR_MODES``, None for the default, or the bool
    of earlier versions (True read scans by OCR, which ``auto`` does: "auto"; False: "never")."""
    if value is None:
        return DEFAULT_OCR
    if isinstance(value, bool):
        return "auto" if value else "never"
    if value not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)} (or a bool), not {value!r}")
    return value


@dataclass(frozen=True)
class PdfText:
    """A PDF's lines, page count and page heights, which pages OCR read, and (page, message)
    warnings about the text layer."""

    lines: tuple[Line, ...]
    pages: int
    heights: dict[int, float]
    ocr_pages: tuple[int, ...]
    warnings: tuple[tuple[int | None, str], ...]


def _percent(quality: PageQuality) -> str:
    return f"{round(quality.share * 100)} % known words"


def read_pdf_text(data: bytes, path: str, engine: str, ocr: bool | str | None = DEFAULT_OCR) -> PdfText:
    """Read a PDF with ``engine``, pages chosen by the OCR mode ``ocr`` read by Tesseract."""
    mode = "always" if engine == "ocr" else ocr_mode(ocr)
    if mode == "always":
        if not tesseract_available():
            raise OcrUnavailable(path, f"OCR of every page needs Tesseract: {INSTALL}")
        return _text(list(TesseractEngine().iter_pages(data, path)), path, mode, ocr_pages=None)
    pages = list(ENGINES[engine].iter_pages(data, path))
    if mode == "never":
        return _text(pages, path, mode)
    check = text_layer_check()
    scans = {page.number for page in pages if not page.words and page.has_images}
    broken = {}
    for page in pages:
        if page.words:
            quality = check.score(page.number, [w.text for w in page.words])
            if check.unreadable(quality):
                broken[page.number] = quality
    if not tesseract_available():
        warnings = []
        if broken:
            listed = ", ".join(f"{n} ({_percent(q)})" for n, q in broken.items())
            warnings.append((None, f"text layer unreadable on page{'s' if len(broken) > 1 else ''} {listed}; "
                                   f"install Tesseract to read {'them' if len(broken) > 1 else 'it'} by OCR: {INSTALL}"))
        return _text(pages, path, mode, warnings=warnings)
    chosen = scans | set(broken)
    if chosen:
        engine_ocr = TesseractEngine()
        read = {page.number: page for page in engine_ocr.iter_pages(data, path, scans)} if scans else {}
        if broken:   # their pictures (a logo) had no text in the text layer, and get none
            read.update((page.number, page) for page in engine_ocr.iter_pages(
                data, path, broken, skip_pictures=True, languages={n: q.language for n, q in broken.items()}))
        pages = [read.get(page.number, page) for page in pages]
    warnings = [(n, f"text layer unreadable ({_percent(q)}); read by OCR") for n, q in broken.items()]
    return _text(pages, path, mode, ocr_pages=chosen, warnings=warnings)


def _text(pages: list[PageWords], path: str, mode: str, ocr_pages: set[int] | None = frozenset(),
          warnings: list | tuple = ()) -> PdfText:
    """``ocr_pages`` None: every page was read by OCR."""
    try:
        lines, count, heights = page_lines(pages, path)
    except NoTextLayer as exc:
        if mode == "always" or not any(page.has_images for page in pages):
            raise
        how = "read it by OCR (--ocr auto)" if mode == "never" else f"install Tesseract to OCR it: {INSTALL}"
        raise NoTextLayer(path, f"{exc.message.split(';')[0]}; {how}") from None
    numbers = tuple(sorted(range(1, count + 1) if ocr_pages is None else ocr_pages))
    if numbers:
        lines = repair(lines, set(numbers))
    skipped = [(page.number, page.problem) for page in pages if page.problem]   # the others were read
    return PdfText(tuple(lines), count, heights, numbers, tuple(warnings) + tuple(skipped))
