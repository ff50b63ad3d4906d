"""An item read for tagging: its sentences, where each stands (title, decision, proposal,
background, other sections, earlier handlings), and for each word its lower-case form, its terms
in the search analysis (lemmas, compound parts) and whether it names a body, an office or an
organisation."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from minutes.language.analysis import HYPHENATED, analyzer
from minutes.record import Item

from .rules import TaggingRules

WHERE_OF_KIND = {"decision": "decision", "proposal": "proposal", "background": "background"}
# a sentence ends at . ! ? or : before a capital or a digit (not after an ordinal: "4. Neljäs"),
# or at an empty line
_SENTENCE_END = regex.compile(r"(?<=[^\d\s][.!?:])\s+(?=[\p{Lu}\d\"'«”(])|\n\s*\n")


@dataclass(frozen=True)
class Word:
    form: str                    # lower case, as printed
    terms: tuple[str, ...]       # the form, its lemmas and compound parts
    lemmas: tuple[str, ...]      # its base forms (the form itself when none is known)
    capital: bool                # printed with a capital
    first: bool                  # first of its sentence


@dataclass(frozen=True)
class Sentence:
    where: str                   # rules.WHERE
    text: str                    # as printed, white space joined
    words: tuple[Word, ...]


def sentences(text: str) -> list[str]:
    """The sentences of a section's text, white space joined."""
    return [s for s in (" ".join(part.split()) for part in _SENTENCE_END.split(text)) if s]


def read_words(text: str, language: str) -> tuple[Word, ...]:
    """The words of one sentence with their terms; a hyphenated word ("vapaa-aika") is one word,
    with the terms of its parts and of the whole."""
    a = analyzer(language)
    out = []
    for k, match in enumerate(HYPHENATED.finditer(text)):
        printed = match.group()
        form = printed.casefold()
        if "-" in form or "\u2010" in form or "\u2011" in form:
            terms = [form]
            for part in regex.split(r"[-\u2010\u2011]", form):
                terms += [part, *a.terms(part)]
            terms += a.hyphen_terms(form)
            last = regex.split(r"[-\u2010\u2011]", form)[-1]
            lemmas = tuple(a.lemmas(last)) or (last,)
        else:
            terms = [form, *a.terms(form)]
            lemmas = tuple(a.lemmas(form)) or (form,)
        out.append(Word(form, tuple(dict.fromkeys(terms)), lemmas, printed[:1].isupper(), k == 0))
    return tuple(out)


def read_item(item: Item, language: str) -> tuple[Sentence, ...]:
    """The sentences of an item: its title, its sections, and the sections of its earlier
    handlings."""
    parts: list[tuple[str, str]] = [("title", item.title)]
    parts += [(WHERE_OF_KIND.get(s.kind, "other"), s.text) for s in item.sections]
    parts += [("history", s.text) for stage in item.history for s in stage.sections]
    return tuple(Sentence(where, text, read_words(text, language))
                 for where, section in parts for text in sentences(section or ""))


def is_name(word: Word, rules: TaggingRules) -> bool:
    """Whether ``word`` names a body, an office or an organisation: one of its lemmas (or its
    form) ends in a head of such names ("hyvinvointilautakunta", "liikuntatoimi") or is such a
    name."""
    return any(t in rules.name_words or t.endswith(rules.name_heads) for t in (word.form, *word.lemmas))


__all__ = ["Word", "Sentence", "sentences", "read_words", "read_item", "is_name"]
