"""Line predicates shared by several stages of the parser: what a single printed line is.

The floor of the parser: this module reads the lexicon (``models/*.toml``) and imports no stage.
Furniture removal, segmentation, the meeting's and the item's parsers ask it whether a line is an
item header, a handling (stage) line, a diary number, a body's name, an organisation's name or a
rule without text.
"""

from __future__ import annotations

import regex

from minutes.language.lexicon import fold, load_lexicon

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


def match_stage(text: str) -> regex.Match | None:
    """A handling line: the match with groups ``body``, ``number`` and (mostly) ``date`` of a stage
    of the matter ("Kaupunginhallitus, 31.03.2025, § 102"); None when ``text`` is no such line."""
    lex = load_lexicon()
    for pattern in lex.stage_lines:
        m = pattern.match(text)
        if m and is_body_name(m.group("body")):
            return m
    return None


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


def find_organization(texts: list[str]) -> str | None:
    """The first organisation's name ("Lapuan kaupunki") that opens one of ``texts``, else None."""
    lex = load_lexicon()
    suffixes = "|".join(regex.escape(s) for s in lex.organization_suffixes)
    pattern = regex.compile(rf"^(\p{{Lu}}[\p{{L}}\-]+ (?:{suffixes}))(?=$|[,;]|\s+[\p{{Lu}}\d¦|])")
    for text in texts:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None


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
