"""Entities of a section's text: money amounts (by rule), dates (through the project's own date
finder), and, where the statistical pipeline has been loaded for the meeting, organisations and places."""

from __future__ import annotations

import regex

from minutes.record import Entity, Section

from ..dates import find_dates
from .data import load_decision_data
from .nlp import is_statistical_loaded, statistical


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
    return [Entity("money", m.group().strip(), (m.start(), m.end()), _amount(m.group("amount"), m.group("scale")))
            for m in load_decision_data().rx("money", "regex").finditer(text)]


def find_entities(section: Section, year: int | None, use_model: bool = False) -> tuple[Entity, ...]:
    """The section's entities in text order: money and dates always; organisations and places from
    the statistical pipeline when ``use_model`` and it is installed. A date's value is its ISO day,
    a period's "start/end"."""
    text = section.text
    found = find_money(text)
    for d in find_dates(text, year):
        if d.start is None:
            continue
        value = d.start.isoformat() if d.end in (None, d.start) else f"{d.start.isoformat()}/{d.end.isoformat()}"
        found.append(Entity("date", d.text, d.span, value))
    if use_model and (is_statistical_loaded() or statistical() is not None):
        model = statistical()
        if model is not None:
            kinds = {"ORG": "organization", "GPE": "place", "LOC": "place"}
            for ent in model(text).ents:
                if ent.label_ in kinds:
                    found.append(Entity(kinds[ent.label_], ent.text, (ent.start_char, ent.end_char), ent.text))
    found.sort(key=lambda e: e.span)
    return tuple(found)
