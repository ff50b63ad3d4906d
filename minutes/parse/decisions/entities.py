"""Entities of a section's text: money amounts (by rule) and dates (the project's own date finder;
the section's ``dates`` where the pipeline found them already)."""

from __future__ import annotations

import regex

from minutes.record import Entity, Section

from .data import load_decision_data


def _amount(number: str, scale: str | None) -> int | float:
    data = load_decision_data()
    value = float(regex.sub(r"[\s\u00a0.]", "", number).replace(",", "."))
    word = (scale or "").casefold()
    if word in data.words("money", "millions"):
        value *= 1_000_000
    elif word in data.words("money", "thousands"):
        value *= 1_000
    elif word in data.words("money", "billions"):
        value *= 1_000_000_000
    return int(value) if value == int(value) else round(value, 2)


def find_money(text: str) -> list[Entity]:
    """The amounts of euros printed in ``text`` ("5 000 euroa", "1,2 milj. €"), value in euros."""
    folded = text.casefold()
    if "€" not in text and "eur" not in folded:
        return []
    return [Entity("money", m.group().strip(), (m.start(), m.end()), _amount(m.group("amount"), m.group("scale")))
            for m in load_decision_data().rx("money", "regex").finditer(text)]


def find_entities(section: Section, year: int | None = None) -> tuple[Entity, ...]:
    """The section's money amounts and dates (its ``dates``, found by the project's date finder
    when the record was built) in text order; organisations and places are added by the
    statistical pipeline where it runs. A date's value is its ISO day, a period's "start/end"."""
    found = find_money(section.text)
    for d in section.dates:
        if d.start is None:
            continue
        value = d.start.isoformat() if d.end in (None, d.start) else f"{d.start.isoformat()}/{d.end.isoformat()}"
        found.append(Entity("date", d.text, d.span, value))
    found.sort(key=lambda e: e.span)
    return tuple(found)
