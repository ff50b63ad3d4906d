"""minutes: Finnish and Finland-Swedish municipal minutes and agendas as structured records."""

from .dates import DateMention, find_dates
from .errors import (EncryptedDocument, MinutesError, NoItemsFound, NoTextLayer, OcrUnavailable,
                     UnreadableDocument, UnsupportedFormat)
from .hints import MeetingHints
from .pipeline import build_record, parse_bytes, parse_document
from .readers import read_document
from .references import Context, Reference, find_references
from .record import SCHEMA, Item, Meeting, Participant, Record, Section, Stage

__version__ = "0.1.0"

__all__ = [
    "parse_document", "parse_bytes", "build_record", "read_document", "Record", "Item", "Meeting",
    "Participant", "Section", "Stage", "SCHEMA", "MinutesError", "UnsupportedFormat",
    "UnreadableDocument", "EncryptedDocument", "NoTextLayer", "OcrUnavailable", "NoItemsFound",
    "find_references", "find_dates", "Reference", "DateMention", "Context", "MeetingHints",
]
