"""OCR for scanned PDFs: pages rendered with PDFium and read by Tesseract (Finnish and Swedish data
from Debian's tesseract-ocr-fin and tesseract-ocr-swe), as words with boxes, so that the rest of
the pipeline reads them like any PDF; then the misreadings typical of minutes are repaired
("8 101" for "§ 101")."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from minutes.errors import NoTextLayer
from minutes.language.lexicon import load_lexicon

from ..document import Line
from .pdf_words import PageWords, Word

DPI = 300
MIN_CONFIDENCE = 30
PICTURE_MAX_SHARE = 0.25   # a picture (logo) whose words are left out covers at most this share of its page
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe"


# one thread per Tesseract: its OpenMP threads only wait for each other beside the batch's other
# workers (a page takes 1.8 s with them, 1.0 s without, measured on two busy cores)
_ENVIRONMENT = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


class TesseractEngine:
    """A PDF engine for pages without a text layer."""

    name = "ocr"

    def iter_pages(self, data: bytes, path: str, numbers: Collection[int] | None = None,
                   skip_pictures: bool = False, languages: Mapping[int, str | None] | None = None) -> Iterator[PageWords]:
        """Each page's words as Tesseract reads its picture; only pages ``numbers`` (from 1)
        when given. With ``skip_pictures`` (a page that has a text layer, however broken) words
        read from the page's images, such as a logo, are left out: the text layer had none; and
        words Tesseract is unsure of are kept: such a page has no specks to read as words.
        ``languages`` gives the language ("fi", "sv") of pages known to be in one."""
        import pypdfium2 as pdfium

        if not tesseract_available():
            raise NoTextLayer(path, f"no text layer, and OCR needs Tesseract: {INSTALL}")
        lexicon = load_lexicon()
        languages = languages or {}
        pdf = pdfium.PdfDocument(data)
        scale = DPI / 72
        try:
            with tempfile.TemporaryDirectory() as tmp:
                for index in range(len(pdf)):
                    if numbers is not None and index + 1 not in numbers:
                        continue
                    page = pdf[index]
                    width, height = page.get_size()
                    image = Path(tmp) / f"{index}.pgm"   # grey, uncompressed: quicker to write and read
                    page.render(scale=scale, grayscale=True).to_pil().convert("L").save(image)
                    data_names = lexicon.ocr_page_languages.get(languages.get(index + 1) or "", lexicon.ocr_languages)
                    result = subprocess.run(["tesseract", str(image), "stdout", "-l", data_names, "tsv"],
                                            capture_output=True, text=True, check=False, env=_ENVIRONMENT)
                    if result.returncode != 0:
                        raise NoTextLayer(path, f"OCR failed on page {index + 1}: {result.stderr.strip()[:200]}")
                    # a page with a text layer has no specks to drop: keep what Tesseract doubts
                    # too (it gives the first words of a bold line, "23 § Anhållan", confidence 0)
                    words = _words(result.stdout, scale, 0 if skip_pictures else MIN_CONFIDENCE)
                    if skip_pictures:
                        words = _outside(words, _picture_boxes(page, height))
                    yield PageWords(index + 1, float(width), float(height), tuple(words), True)
                    page.close()
        finally:
            pdf.close()


def _picture_boxes(page, height: float) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of each image on a page, top-down like the words; not an image
    that covers much of the page (a scanned page behind its text layer): its words are the text."""
    import pypdfium2.raw as raw

    width = page.get_width()
    boxes = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) <= PICTURE_MAX_SHARE * width * height:
            boxes.append((left, height - top, right, height - bottom))
    return boxes


def _outside(words: list[Word], boxes: list[tuple[float, float, float, float]]) -> list[Word]:
    """The words whose centre lies in none of ``boxes``."""
    def inside(word: Word, box) -> bool:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return box[0] <= x <= box[2] and box[1] <= y <= box[3]

    return [w for w in words if not any(inside(w, box) for box in boxes)]


def _words(tsv: str, scale: float, min_confidence: float = MIN_CONFIDENCE) -> list[Word]:
    """Tesseract's words with confidence; each word gets the box top, bottom and height of the
    line Tesseract put it in, so that a line's words share one line however their letters rise
    and fall ("repareras" beside "Simhallens")."""
    words = []
    lines: dict[tuple, tuple[float, float]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (row.get("page_num"), row.get("block_num"), row.get("par_num"), row.get("line_num"))
        if row.get("level") == "4":
            top = int(row["top"]) / scale
            lines[key] = (top, top + int(row["height"]) / scale)
            continue
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or float(row.get("conf") or -1) < min_confidence:
            continue
        left, width = int(row["left"]) / scale, int(row["width"]) / scale
        top = int(row["top"]) / scale
        line_top, line_bottom = lines.get(key, (top, top + int(row["height"]) / scale))
        words.append(Word(text, left, left + width, line_top, line_bottom, line_bottom - line_top, False))
    return words


def repair(lines: list[Line], pages: Collection[int] | None = None) -> list[Line]:
    """OCR'd lines with the misreadings of ``models/patterns.toml [ocr]`` repaired (only the
    lines of ``pages`` when given: the pages read by OCR)."""
    fixes = load_lexicon().ocr_fixes
    out = []
    for line in lines:
        if pages is not None and line.page not in pages:
            out.append(line)
            continue
        text, caption = line.text, line.caption
        for pattern, replacement in fixes:
            text = pattern.sub(replacement, text)
            caption = pattern.sub(replacement, caption) if caption else caption
        out.append(Line(text, line.page, line.x0, line.top, line.size, line.bold, caption, line.heading,
                        line.gap_before))
    return out
