"""minutes: Finnish and Finland-Swedish municipal minutes and agendas as structured records.

The public API, loaded when first used (so that ``import minutes.store`` loads no parser):

- ``parse_document(path, engine="pdfium", ocr="auto", metadata=None) -> Record``: read and parse a file.
- ``parse_bytes(data, name, engine=..., ocr=..., metadata=None) -> Record``: the same for bytes.
- ``read_document(path, engine=..., ocr=...) -> Document``: the reader's lines, before parsing.
- ``build_record(document, metadata=None) -> Record``: parse a read ``Document``.
- ``find_references(text, context=None) -> list[Reference]``; ``find_dates(text, year=None) -> list[DateMention]``.
- ``open_store(target, readonly=False) -> Backend``: the store of a database (a path: SQLite);
  ``Store(path, readonly=False)``: the SQLite store itself (``upsert(record) -> "inserted"|"updated"|
  "unchanged"``, ``search(query, filters, limit, offset=0, sort="relevance", explain=False) -> Results``, ``show(id) -> Shown``…).
- ``run_batch(store, paths, jobs=None, ...) -> Summary``: ingest files and folders (``jobs=0``: in
  this process).
- ``Record`` and its parts (``Meeting``, ``Participant``, ``Item``, ``Section``, ``Stage``, ``Reference``,
  ``DateMention``, ``Notice``), ``Record.to_dict() -> dict`` / ``Record.from_dict(dict) -> Record``.
- The errors: ``MinutesError`` and its subclasses, each with ``exit_code`` and ``category``.
"""

from __future__ import annotations

from minutes.lazy import lazy_names

__version__ = "0.1.0"

_HOMES = {
    "parse_document": "minutes.parse", "parse_bytes": "minutes.parse", "build_record": "minutes.parse",
    "read_document": "minutes.parse", "MeetingHints": "minutes.parse",
    "find_references": "minutes.parse", "find_dates": "minutes.parse", "Context": "minutes.parse",
    "Store": "minutes.store", "Filters": "minutes.store", "open_store": "minutes.store", "search": "minutes.store.search",
    "run_batch": "minutes.batch",
    **{name: "minutes.record" for name in (
        "SCHEMA", "Record", "Meeting", "Participant", "Item", "Section", "Stage", "Reference", "DateMention",
        "Notice", "Source", "meeting_id", "item_id")},
    **{name: "minutes.errors" for name in (
        "MinutesError", "UnsupportedFormat", "UnreadableDocument", "EncryptedDocument", "NoTextLayer",
        "OcrUnavailable", "NoItemsFound", "TooLarge", "NotStored")},
}

__all__ = sorted(_HOMES)


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
