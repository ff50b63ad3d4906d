"""The reader choices a user names, as plain data: the PDF engines, the OCR modes and the largest
document read, with their defaults. The readers take them from here, and so does the command line,
which shows them in its options without loading a reader (it starts quickly, issue 13)."""

from __future__ import annotations

ENGINE_NAMES = ("ocr", "pdfium", "pdfplumber")   # the keys of ``readers.ENGINES``
DEFAULT_ENGINE = "pdfium"
OCR_MODES = ("auto", "never", "always")
DEFAULT_OCR = "auto"
DEFAULT_MAX_BYTES = 512 * 2**20   # a document larger than this is refused (--max-file-size)
