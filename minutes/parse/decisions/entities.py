"""Entities of a section's text: money amounts and companies by their legal form (by rule), and
dates (the project's own date finder; the section's ``dates``, found when the record was built)."""

from __future__ import annotations

import functools

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


@functools.lru_cache(maxsize=1)
def _organization_pattern(data) -> regex.Pattern:
    return regex.compile(data.raw["organizations"]["regex"])      # case matters: a name starts with a capital


def find_organizations(text: str) -> list[Entity]:
    """Companies and associations printed with their legal form ("Rakennus Virtanen Oy"); value:
    the name as printed with its form, white space normalised."""
    data = load_decision_data()
    if not regex.search(r"(?<!\p{L})(?:Oyj?|Abp?|ry|rf|Ky|Ay|Kb|Osk|Tmi|sr|r\.[yf]\.|säätiö|osuuskunta)(?!\p{L})", text):
        return []
    out = []
    for m in _organization_pattern(data).finditer(text):
        name = " ".join(m.group().split())
        out.append(Entity("organization", m.group(), (m.start(), m.end()), name))
    return out


def find_entities(section: Section) -> tuple[Entity, ...]:
    """The section's money amounts and dates (its ``dates``, found by the project's date finder
    when the record was built) in text order; organisations and places are added by the
    statistical pipeline where it runs. A date's value is its ISO day, a period's "start/end"."""
    found = find_money(section.text) + find_organizations(section.text)
    for d in section.dates:
        if d.start is None:
            continue
        value = d.start.isoformat() if d.end in (None, d.start) else f"{d.start.isoformat()}/{d.end.isoformat()}"
        found.append(Entity("date", d.text, d.span, value))
    found.sort(key=lambda e: e.span)
    return tuple(found)
