"""The pdfplumber engine: pdfminer.six's words, thorough and pure Python."""

from __future__ import annotations

import io
from collections.abc import Iterator

from minutes.errors import EncryptedDocument, UnreadableDocument

from .pdf_words import PageWords, Word, is_bold


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
                except Exception as exc:   # one broken page: the others are read
                    yield PageWords(page.page_number, 0.0, 0.0, (), False,
                                    f"page {page.page_number} cannot be read ({type(exc).__name__}: {exc})")
                    continue
                words = tuple(
                    Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                         float(w.get("size") or 0.0), is_bold(w.get("fontname") or ""))
                    for w in raw
                )
                yield PageWords(page.page_number, float(page.width), float(page.height), words, images)
                page.flush_cache()
