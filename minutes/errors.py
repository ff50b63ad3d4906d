"""Exceptions raised by the library, and the exit codes of the command line: defined here once.
The CLI turns each error into one line and its exit code; its help and the README's table are
checked against ``EXIT_CODES`` by a test."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    SUCCESS = 0
    UNEXPECTED = 1
    USAGE = 2
    UNSUPPORTED_FORMAT = 3
    UNREADABLE = 4
    ENCRYPTED = 5
    NO_TEXT_LAYER = 6
    NO_ITEMS = 7
    DOCUMENTS_FAILED = 8
    NOT_STORED = 9
    INTERRUPTED = 130


# what each exit code means, as the command line's help prints it
EXIT_CODES: dict[ExitCode, str] = {
    ExitCode.SUCCESS: "success",
    ExitCode.UNEXPECTED: "unexpected error",
    ExitCode.USAGE: "usage error (bad option, empty query, a --db that is not a minutes database, "
                    "an output file that would overwrite the database, a strategy file that breaks its contract)",
    ExitCode.UNSUPPORTED_FORMAT: "unsupported format (also a FIFO or a device)",
    ExitCode.UNREADABLE: "unreadable document (empty, truncated, corrupt, too large, needs too much memory "
                         "or time)",
    ExitCode.ENCRYPTED: "encrypted PDF",
    ExitCode.NO_TEXT_LAYER: "no text layer (a scan, and Tesseract missing or --ocr never)",
    ExitCode.NO_ITEMS: "no agenda items found",
    ExitCode.DOCUMENTS_FAILED: "some documents could not be ingested",
    ExitCode.NOT_STORED: "not stored: no such item or meeting, person or strategy in the database",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C); what was stored stays stored",
}


class MinutesError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = ExitCode.UNEXPECTED
    category = "internal_error"

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class UnsupportedFormat(MinutesError):
    """The file is not a format minutes can read (PDF, DOCX, HTML, text)."""

    exit_code = ExitCode.UNSUPPORTED_FORMAT
    category = "unsupported_format"


class UnreadableDocument(MinutesError):
    """The file claims a supported format but cannot be read (empty, truncated, corrupt)."""

    exit_code = ExitCode.UNREADABLE
    category = "corrupt"


class TooLarge(UnreadableDocument):
    """The file is larger than the size limit (``--max-file-size``)."""

    exit_code = ExitCode.UNREADABLE
    category = "too_large"


class EncryptedDocument(UnreadableDocument):
    """The PDF is encrypted with a password."""

    exit_code = ExitCode.ENCRYPTED
    category = "encrypted"


class NoTextLayer(UnreadableDocument):
    """The PDF has pages but no text on them (a scan): it needs OCR."""

    exit_code = ExitCode.NO_TEXT_LAYER
    category = "no_text_layer"


class OcrUnavailable(MinutesError):
    """OCR of every page was asked for (``--ocr always``), but Tesseract is not installed."""

    exit_code = ExitCode.USAGE
    category = "ocr_unavailable"


class NoItemsFound(MinutesError):
    """The document was read but no agenda item could be found in it."""

    exit_code = ExitCode.NO_ITEMS
    category = "no_items"


class LexiconError(Exception):
    """A language data file under models/ is malformed."""


class StrategyFileError(MinutesError):
    """A strategy file that cannot be read or breaks its contract: the message names the line and
    the field of the first problem."""

    exit_code = ExitCode.USAGE
    category = "strategy_file"


class StoreRefused(MinutesError):
    """The database refused to store a document's record (a value past what it can hold); the
    document is not stored, every other one is."""

    exit_code = ExitCode.DOCUMENTS_FAILED
    category = "store_refused"


class NotStored(MinutesError):
    """No stored item or meeting has the id (or not in the version asked for)."""

    exit_code = ExitCode.NOT_STORED
    category = "not_stored"
