"""Exceptions raised by the library. The CLI turns each into one line and an exit code."""


class MinutesError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 1
    category = "internal_error"

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class UnsupportedFormat(MinutesError):
    """The file is not a format minutes can read (PDF, DOCX, HTML, text)."""

    exit_code = 3
    category = "unsupported_format"


class UnreadableDocument(MinutesError):
    """The file claims a supported format but cannot be read (empty, truncated, corrupt)."""

    exit_code = 4
    category = "corrupt"


class TooLarge(UnreadableDocument):
    """The file is larger than the size limit (``--max-file-size``)."""

    exit_code = 4
    category = "too_large"


class EncryptedDocument(UnreadableDocument):
    """The PDF is encrypted with a password."""

    exit_code = 5
    category = "encrypted"


class NoTextLayer(UnreadableDocument):
    """The PDF has pages but no text on them (a scan): it needs OCR."""

    exit_code = 6
    category = "no_text_layer"


class OcrUnavailable(MinutesError):
    """OCR of every page was asked for (``--ocr always``), but Tesseract is not installed."""

    exit_code = 2
    category = "ocr_unavailable"


class NoItemsFound(MinutesError):
    """The document was read but no agenda item could be found in it."""

    exit_code = 7
    category = "no_items"


class LexiconError(Exception):
    """A language data file under models/ is malformed."""


class NotStored(MinutesError):
    """No stored item or meeting has the id (or not in the version asked for)."""

    exit_code = 9
    category = "not_stored"
