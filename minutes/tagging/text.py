"""An item read for tagging: its title and texts, each with where it stands (title, decision,
proposal, background, other sections, earlier handlings), cut into sentences and words; and for
each printed word, once per form (``Lexicon``), its terms in the search analysis (lemmas,
compound parts), its base forms and whether it names a body, an office or an organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from minutes.language.analysis import HYPHENATED, analyzer, grammar
from minutes.language.stopwords import is_stop_word
from minutes.record import Item

from .rules import TaggingRules

WHERE_OF_KIND = {"decision": "decision", "proposal": "proposal", "background": "background"}
# a sentence ends at . ! ? or : before a capital or a digit (not after an ordinal: "4. Neljäs"),
# or at an empty line
_SENTENCE_END = regex.compile(r"(?<=[^\d\s][.!?:])\s+(?=[\p{Lu}\d\"'«”(])|\n\s*\n")
_HYPHENS = regex.compile(r"[-\u2010\u2011]")


@dataclass(frozen=True)
class ItemText:
    """What tagging reads of an item: its title, its texts with where each stands
    (``rules.WHERE``), its own decision's outcome and resolution (None: not analysed), and whether
    it is an agenda's item (a proposal, not yet decided)."""

    title: str
    parts: tuple[tuple[str, str], ...]
    outcome: str | None = None
    resolution: str | None = None
    agenda: bool = False


def item_text(item: Item, agenda: bool = False) -> ItemText:
    """The title, the sections and the earlier handlings' sections of an item, and its decision;
    ``agenda``: the item is an agenda's."""
    parts = tuple((WHERE_OF_KIND.get(s.kind, "other"), s.text) for s in item.sections)
    parts += tuple(("history", s.text) for stage in item.history for s in stage.sections)
    decision = item.decision
    return ItemText(item.title or "", parts, decision.outcome if decision else None,
                    decision.resolution if decision else None, agenda)


@dataclass(frozen=True)
class Word:
    form: str                    # lower case, as printed
    terms: tuple[str, ...]       # the form, its lemmas and compound parts
    lemmas: tuple[str, ...]      # its base forms (the form itself when none is known)
    capital: bool                # printed with a capital
    first: bool                  # first of its sentence


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a section's text (white space between them left out; a
    span may hold only white space)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of a section's text, white space joined."""
    return [s for s in (" ".join(text[a:b].split()) for a, b in sentence_spans(text)) if s]


def analysed(form: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, lemmas) of a lower-case word: the form, its lemmas and compound parts; its base
    forms (the form itself when none is known). A hyphenated word ("vapaa-aika") has the terms of
    its parts and of the whole, and the base forms of its last part."""
    a = analyzer(language)
    if _HYPHENS.search(form):
        terms = [form]
        parts = _HYPHENS.split(form)
        for part in parts:
            terms += [part, *a.terms(part)]
        terms += a.hyphen_terms(form)
        return tuple(dict.fromkeys(terms)), tuple(a.lemmas(parts[-1])) or (parts[-1],)
    return (form, *a.terms(form)), tuple(a.lemmas(form)) or (form,)


def forms_of(texts: Iterable[str]) -> set[str]:
    """The lower-case printed forms of the words of ``texts``, as tagging reads them."""
    return {t.casefold() for text in texts for t in HYPHENATED.findall(text or "")}


def read_words(text: str, language: str) -> tuple[Word, ...]:
    """The words of one sentence with their terms; a hyphenated word is one word."""
    out = []
    for k, printed in enumerate(HYPHENATED.findall(text)):
        form = printed.casefold()
        terms, lemmas = analysed(form, language)
        out.append(Word(form, terms, lemmas, printed[:1].isupper(), k == 0))
    return tuple(out)


def bases(form: str, lemmas: tuple[str, ...], language: str, rules: TaggingRules) -> tuple[str, ...]:
    """The forms a word is read as when it is matched against a list's words (names' heads, reports'
    heads, initiatives): its printed form, its base forms and, for a language whose analysis leaves
    inflection endings on (Swedish stems: "styrelsen" gives "styr"), the printed form with each
    such ending cut off ("styrelse", "kansliet": "kansli")."""
    cut = tuple(form[:-len(e)] for e in rules.inflection.get(language, ())
                if form.endswith(e) and len(form) > len(e) + 2)
    return (form, *lemmas, *cut)


def is_name(form: str, lemmas: tuple[str, ...], rules: TaggingRules, language: str = "fi") -> bool:
    """Whether a word names a body, an office or an organisation: it or one of its base forms ends
    in a head of such names ("hyvinvointilautakunta", "liikuntatoimi", "ungdomsrådet") or is such
    a name."""
    return any(t in rules.name_words or t.endswith(rules.name_heads) for t in bases(form, lemmas, language, rules))


def is_genitive(form: str, language: str, rules: TaggingRules) -> bool:
    """Whether a lower-case word may be a genitive: it ends so (``[names] genitive_endings``), is no
    stop word and no verbal noun, and a Finnish word Voikko knows is read by it as one ("teknisen",
    "valtuuston"; never the illative "liikuntaan" nor an adverb)."""
    ending = rules.genitive_endings.get(language)
    if not ending or not form.endswith(ending) or form.endswith(rules.not_genitive_endings) or is_stop_word(form):
        return False
    if language != "fi":
        return True
    known = grammar(form)
    return known is None or rules.genitive_case in known.cases


def is_participle(form: str, language: str, rules: TaggingRules) -> bool:
    """Whether a lower-case word is a participle ("hyväksytyn", "hyväksymän", "godkända"): as Voikko
    reads a Finnish word, by its ending a Swedish one."""
    if language == "fi":
        known = grammar(form)
        return bool(known and known.participle)
    return form.endswith(rules.participle_endings.get(language, ())) and len(form) > 4


def has_possessive(form: str, language: str) -> bool:
    """Whether a lower-case Finnish word carries a third-person possessive suffix ("strategiassaan")."""
    known = grammar(form) if language == "fi" else None
    return bool(known and known.possessive)


__all__ = ["ItemText", "item_text", "Word", "sentence_spans", "sentences", "analysed", "forms_of", "read_words",
           "is_name", "bases", "is_genitive", "is_participle", "has_possessive"]
