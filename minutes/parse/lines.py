"""Line predicates shared by several stages of the parser: what a single printed line is.

The floor of the parser: this module reads the lexicon (``models/*.toml``) and imports no stage.
Furniture removal, segmentation, the meeting's and the item's parsers ask it whether a line is an
item header, a handling (stage) line, a diary number, a body's name, an organisation's name or a
rule without text. A table row a reader hands over (``Line.cells``) is read cell by cell, never
from its text form.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from minutes.language.lexicon import fold, load_layout, load_lexicon

from .document import Line

_NOISE = regex.compile(r"^[_\-–—=.·•\s]{3,}$")


def is_noise(line: Line) -> bool:
    """Rules and separators ("______") that carry no text."""
    return bool(_NOISE.match(line.full_text))


def match_item_header(text: str) -> tuple[int, str | None, int] | None:
    """(number, title or None, form) when ``text`` is an item header ("§ 12 Title", "12 §"), where
    ``form`` says which of the lexicon's item header patterns matched (a document prints one form);
    None for any other line, a contents list's entry included."""
    lex = load_lexicon()
    if lex.toc_entry.search(text):
        return None
    for form, pattern in enumerate(lex.item_start):
        m = pattern.match(text)
        if m:
            title = m.groupdict().get("title")
            return int(m.group("number")), (title.strip() if title else None), form
    return None


def match_item_start(text: str) -> tuple[int, str | None] | None:
    """(number, title or None) when ``text`` is an item header, else None."""
    found = match_item_header(text)
    return found[:2] if found else None


@dataclass(frozen=True)
class BodyHeader:
    """A header line that names the body before the item's number ("Khall § 45", "KH 45 §",
    "Kunnanhallitus § 45 Title", "Kunnanhallitus 45 § 12.3.2025"): the body as printed, the
    number, the date as printed (or None) and the title printed beside it (or None)."""

    body: str
    number: int
    date: str | None
    title: str | None


def match_body_header(text: str) -> BodyHeader | None:
    """The header naming the body first that ``text`` is (the lexicon's ``[items] body_start``,
    its body a body's name or an abbreviation's shape), else None."""
    lex = load_lexicon()
    for pattern in lex.item_body_start:
        m = pattern.match(text)
        if m and (is_body_name(m.group("body")) or lex.body_abbreviation_shape.match(m.group("body"))):
            groups = m.groupdict()
            return BodyHeader(m.group("body"), int(m.group("number")), groups.get("date") or groups.get("date2"),
                              (groups.get("title") or "").strip() or None)
    return None


@dataclass(frozen=True)
class StageLine:
    """A handling (stage) line read, from a printed line or a table row alike: the body as printed
    ("Kh"; ``stages.printed_body`` tidies it), the number, the date as printed (None where none
    is printed) and what follows them (a printed line's ", asemakaavan muutos", a row's further
    cells)."""

    body: str
    number: int | None      # None: a handling a reader gives without its number
    date: str | None
    rest: tuple[str, ...] = ()


def match_stage(line: Line) -> StageLine | None:
    """The handling ``line`` names: from its cells when it is a table row ("Kaupunginhallitus" |
    "105 §" | "10.4.2017"), else from its printed text (``match_stage_text``); None when it names
    none. A handling header the reader gives (``Line.handling``) is taken as it is."""
    if line.handling is not None:
        return StageLine(line.handling.body, line.handling.number, line.handling.date)
    if line.cells:
        return _stage_row(line.cells)
    return match_stage_text(line.full_text)


def match_stage_text(text: str) -> StageLine | None:
    """The handling a printed line names ("Kaupunginhallitus, 31.03.2025, § 102"), read with the
    lexicon's stage line patterns; None when ``text`` is no such line."""
    lex = load_lexicon()
    for pattern in lex.stage_lines:
        m = pattern.match(text)
        if m and is_body_name(m.group("body")):
            groups = m.groupdict()
            return StageLine(m.group("body"), int(m.group("number")), groups.get("date"),
                             (groups["rest"],) if groups.get("rest") else ())
    return None


def _stage_row(cells: tuple[str, ...]) -> StageLine | None:
    """The handling a table row names: a body's name, the number and the date in the layout's
    cells, in this order, any further cells after them."""
    layout = load_layout()
    if len(cells) < 3:
        return None
    body, number, day = (cell.strip() for cell in cells[:3])
    if not layout.row_body.match(body) or not is_body_name(body):
        return None
    number_cell, date_cell = layout.row_number.match(number), layout.cell_date.match(day)
    if not number_cell or not date_cell:
        return None
    return StageLine(body, int(number_cell.group("number")), date_cell.group("date"), tuple(cells[3:]))


def is_body_name(text: str) -> bool:
    """Whether ``text`` names a body: an abbreviation ("Kh") or a name ending like one."""
    lex = load_lexicon()
    name = text.strip(" ,:;")
    if name in lex.body_abbreviations:
        return True
    body = fold(name)
    words = body.split()
    if not words or body in lex.not_bodies or words[0] in lex.not_bodies:
        return False
    if lex.heading_kind(words[0]) is not None and len(words) > 1:
        return False   # "Bilaga Välfärdsnämnden, 15.09.2022 § 49": a caption, not a stage
    return name[:1].isupper() and words[-1].endswith(lex.stage_body_suffixes)


def is_case_line(text: str) -> bool:
    """Whether ``text`` is a diary (case) number line, labelled ("Dnro 123/2024") or bare."""
    lex = load_lexicon()
    m = lex.case_label.match(text)
    if m:
        return True
    return any(p.fullmatch(text.strip()) for p in lex.case_patterns)


def find_organization(sources: Sequence[Line | str]) -> str | None:
    """The first organisation's name ("Lapuan kaupunki") that opens one of ``sources``: a text, a
    line's text or, for a table row, its first cell ("Turun kaupunki" | "§" | "Kokouspvm"); else
    None. The name is a capitalised word, perhaps a genitive after it, and a word ending in an
    organisation's kind ("Jokilaaksojen koulutuskuntayhtymä", "Pohjois-Pohjanmaan
    sairaanhoitopiirin kuntayhtymä"); printed in capitals ("PYHÄJOEN KUNTA") or with its kind
    capitalised ("Lapuan Kaupunki") it is given in the case of a name ("Pyhäjoen kunta"). What
    follows it ends it: nothing, a comma, a capital, a number, a rule or a dash before the name in
    the other language."""
    pattern = _organization_pattern()
    for source in sources:
        m = pattern.search(_opening(source))
        if m and _name_case(m.group("name")) and all(_name_case(w) or w.islower() for w in m.group("rest").split()):
            name = m.group(0)
            return _as_name(name) if name.isupper() else m.group("name") + m.group("rest").lower()
    return None


@functools.cache
def _organization_pattern() -> regex.Pattern:
    lex = load_lexicon()
    kinds = "|".join(regex.escape(s) for s in sorted(lex.organization_suffixes, key=len, reverse=True))
    genitive = "".join(sorted({c for e in lex.genitive_endings for c in (e.lower(), e.upper())}))
    return regex.compile(rf"^(?P<name>\p{{L}}[\p{{L}}\-]+)(?P<rest>(?: \p{{L}}[\p{{L}}\-]*[{genitive}])? \p{{L}}*(?i:{kinds}))"
                         r"(?=$|[,;]|\s+[\p{Lu}\d|–/-])")


def _name_case(word: str) -> bool:
    """A name's first word: capitalised, or in capitals."""
    return word[:1].isupper() and (word.isupper() or not word[1:2].isupper())


def _as_name(text: str) -> str:
    """A name printed in capitals in the case of a name: its first word capitalised at each
    hyphen, the rest in lower case ("POHJOIS-SAVON KUNTAYHTYMÄ" -> "Pohjois-Savon kuntayhtymä")."""
    first, _, rest = text.partition(" ")
    return "-".join(part.capitalize() for part in first.split("-")) + (" " + rest.lower() if rest else "")


def _opening(source: Line | str) -> str:
    """Where a source opens: a text, a table row's first cell, else a line's full text."""
    if isinstance(source, str):
        return source
    return source.cells[0] if source.cells else source.full_text


def split_glued(text: str) -> tuple[str, str, str] | None:
    """("Päätösehdotus", kind, rest) when a known heading is glued to the start of the text."""
    lex = load_lexicon()
    for word, kind in lex.glued:
        if not text.startswith(word) or len(text) <= len(word) + 1:
            continue
        rest = text[len(word):]
        if rest[0].isupper() and rest[1:2].islower():           # "EhdotusKaupunginhallitus"
            return word, kind, rest
        if rest[0] == " " and rest[1:2].isupper() and len(rest.split()) >= 2:
            return word, kind, rest[1:]
    return None
