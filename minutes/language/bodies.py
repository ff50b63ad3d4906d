"""Names of bodies (lautakunta, nämnd) as printed in any case or as an abbreviation, their full
names, and the key a body is matched by across documents. Shared by the parser (the names of a
meeting's and a handling's bodies) and the store (links between items)."""

from __future__ import annotations

from minutes.record import slugify

from .lexicon import fold, load_lexicon, load_references


def nominative(phrase: str) -> str:
    """A body, office or law name in the nominative: "teknisen lautakunnan" -> "tekninen lautakunta"."""
    data = load_references()
    words = phrase.split()
    out = []
    for word in words:
        lower = word.casefold()
        for ending, replacement in data.endings:
            if lower.endswith(ending):
                word = word[: len(word) - len(ending)] + replacement
                break
        out.append(word)
    return " ".join(out)


def canonical_body(phrase: str, organization: str | None = None) -> str:
    """The canonical name of a body as printed in any case or as an abbreviation (looked up in the
    tables of ``organization``; an abbreviation none of them knows is kept as printed)."""
    lex = load_lexicon()
    data = load_references()
    phrase = " ".join(phrase.split()).strip(" ,(")
    if phrase in lex.body_abbreviations:
        return lex.body_names.full_name(phrase, organization) or phrase
    name = nominative(phrase)
    alias = data.aliases.get(name.casefold())
    if alias:
        return alias
    return name[:1].upper() + name[1:]


def body_name(printed: str | None, organization: str | None = None) -> str | None:
    """The full name of a body as a stage line prints it: an abbreviation's full name in the tables
    of ``organization`` (None when none of them knows it), else the name as printed."""
    name = " ".join((printed or "").split())
    if not name:
        return None
    if name in load_lexicon().body_abbreviations:
        return load_lexicon().body_names.full_name(name, organization)
    return name


def body_key(name: str | None) -> str | None:
    """A body's name as matched across documents: canonical, folded, without "kaupungin"/"kunnan"."""
    if not name:
        return None
    key = fold(canonical_body(name))
    for prefix in load_references().body_prefixes:
        if key.startswith(prefix) and len(key) > len(prefix) + 3:
            key = key[len(prefix):]
            break
    return slugify(key)
