"""Slugs for record ids: lower-case ASCII, runs of anything else as "-"."""

from __future__ import annotations

import unicodedata

import regex

_RUNS = regex.compile(r"[^a-z0-9]+")


def slugify(text: str | None, default: str = "unknown") -> str:
    """"Lapuan kaupunki" -> "lapuan-kaupunki"; "Välfärdsnämnden" -> "valfardsnamnden"."""
    if not text:
        return default
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    slug = _RUNS.sub("-", ascii_text).strip("-")
    return slug or default
