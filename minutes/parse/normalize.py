"""Text normalisation: Unicode NFC, invisible characters, ligatures, white space, hyphenation."""

from __future__ import annotations

import functools
import unicodedata

import regex

from minutes.language.lexicon import load_lexicon

_SPACES = regex.compile(r"[ \t]+")
_HYPHEN_END = regex.compile(r"(?<=\p{Ll})-$")
_NUMBER_RANGE = regex.compile(r"\d[-–]$")
_WORD_START = regex.compile(r"^(\p{Ll}+)")


@functools.cache
def _table() -> dict[int, str | None]:
    lex = load_lexicon()
    table: dict[int, str | None] = {ord(c): None for c in lex.remove_chars}
    table.update({ord(c): " " for c in lex.space_chars})
    table.update({ord(k): v for k, v in lex.ligatures.items()})
    return table


def normalize_text(text: str) -> str:
    """NFC, invisible characters and soft hyphens removed, ligatures expanded, spaces collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_table()))
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join printed lines into text, undoing line-end hyphenation.

    "talousarvio-" + "valmistelun" becomes "talousarviovalmistelun"; "Maankäyttö-" + "ja
    rakennuslaki" keeps its hyphen (a conjunction follows), and so does a hyphen between two
    equal vowels ("liikenne-" + "ennuste"), which Finnish spelling keeps.
    """
    lex = load_lexicon()
    out: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and _NUMBER_RANGE.search(out[-1]) and line[:1].isdigit():
            out[-1] += line           # "2025-" + "2027": a range broken at the line end
            continue
        if out and _HYPHEN_END.search(out[-1]):
            match = _WORD_START.match(line)
            if match:
                word = match.group(1)
                prev = out[-1]
                if word in lex.conjunctions:
                    out[-1] = prev + " " + line
                elif prev[-2:-1] == word[:1] and word[:1] in lex.vowels:
                    out[-1] = prev + line
                else:
                    out[-1] = prev[:-1] + line
                continue
        out.append(line)
    return "\n".join(out)
