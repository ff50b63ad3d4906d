"""Slugs for record ids: lower-case ASCII, runs of anything else as "-"; and the prefix of the ids
of meetings that cannot be identified (see ``pipeline.meeting_id``)."""

from __future__ import annotations

import unicodedata

import regex

_RUNS = regex.compile(r"[^a-z0-9]+")
CONTENT_ID_PREFIX = "document"   # the first part of the ids of a meeting that cannot be identified


def slugify(text: str | None, default: str = "unknown") -> str:
    """"Lapuan kaupunki" -> "lapuan-kaupunki"; "Välfärdsnämnden" -> "valfardsnamnden"."""
    if not text:
        return default
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    slug = _RUNS.sub("-", ascii_text).strip("-")
    return slug or default


def is_identified(meeting_or_item_id: str) -> bool:
    """Whether an id names a meeting by organisation, body and date (not by a document's content)."""
    return not meeting_or_item_id.startswith(f"{CONTENT_ID_PREFIX}/")
