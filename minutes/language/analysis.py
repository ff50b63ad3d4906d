"""Word analysis for search: Finnish lemmas and compound parts (Voikko), Swedish stems (Snowball),
surface forms when neither is installed.

``index_terms(text, language)`` turns text into the terms stored in the search index;
``query_terms(word)`` gives the terms a query word may match. Both lower-case everything, so a
search for "strategia" meets "kaupunkistrategiasta" (lemma "kaupunkistrategia", parts
"kaupunki" and "strategia") and "valtuusto" meets "kaupunginvaltuuston".
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import regex

log = logging.getLogger(__name__)

TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+")   # as FTS5's unicode61 tokenizer splits
_WORDBASE = regex.compile(r"\+([^+()]*)\(([^()]+)\)")
CACHE_SIZE = 500_000
INSTALL_HINT = ("Finnish search uses Voikko: install it with `apt-get install libvoikko1 voikko-fi` "
                "(and `pip install libvoikko`); until then words are matched as written")


class Analyzer(Protocol):
    name: str

    def terms(self, word: str) -> tuple[str, ...]:
        """The index terms of one lower-case word (its lemmas and parts), without the word itself."""

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The dictionary forms of one lower-case word (no compound parts), without the word itself."""


class SurfaceAnalyzer:
    name = "surface"

    def terms(self, word: str) -> tuple[str, ...]:
        return ()

    lemmas = terms


class VoikkoAnalyzer:
    """Finnish lemmas and compound parts from libvoikko with the voikko-fi dictionary."""

    name = "voikko"

    def __init__(self) -> None:
        import libvoikko

        self._voikko = libvoikko.Voikko("fi")
        self._analyze = functools.lru_cache(maxsize=CACHE_SIZE)(self._analysis)

    def _analysis(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if len(word) < 3 or word.isdigit():
            return (), ()
        lemmas: list[str] = []
        parts: list[str] = []
        for analysis in self._voikko.analyze(word):
            base = (analysis.get("BASEFORM") or "").casefold()
            if base and base != word and base not in lemmas:
                lemmas.append(base)
            for part in compound_members(analysis.get("WORDBASES") or ""):
                if len(part) >= 3 and part not in parts and part != word and part != base:
                    parts.append(part)
        return tuple(lemmas), tuple(p for p in parts if p not in lemmas)

    def terms(self, word: str) -> tuple[str, ...]:
        lemmas, parts = self._analyze(word)
        return lemmas + parts

    def lemmas(self, word: str) -> tuple[str, ...]:
        return self._analyze(word)[0]

    def is_common(self, word: str) -> bool:
        """Whether Voikko knows ``word`` as printed, and only as a common word, not a name."""
        from .lexicon import load_lexicon

        classes = {analysis.get("CLASS") for analysis in self._voikko.analyze(word)}
        return bool(classes) and not classes & load_lexicon().proper_classes


class SnowballAnalyzer:
    """Swedish stems from the Snowball stemmer."""

    name = "snowball"

    def __init__(self, language: str = "swedish") -> None:
        import snowballstemmer

        stemmer = snowballstemmer.stemmer(language)
        self.terms = functools.lru_cache(maxsize=CACHE_SIZE)(  # type: ignore[method-assign]
            lambda word: tuple(s for s in (stemmer.stemWord(word),) if s != word and len(s) >= 3))
        self.lemmas = self.terms


def compound_members(wordbases: str) -> list[str]:
    """The members of a compound from Voikko's WORDBASES, each as its base form and, when
    derivational suffixes follow it, as the derived word: "+avust(avustaa)+us(+us)+hakemus(hakemus)"
    gives "avustaa", "avustus", "hakemus"."""
    members: list[str] = []
    surface = ""
    for segment, base in _WORDBASE.findall(wordbases):
        if base.startswith("+"):
            surface += segment
            if members:
                members.append(surface.casefold())
            continue
        members.append(base.casefold())
        surface = segment
    return list(dict.fromkeys(members))


@dataclass(frozen=True)
class AnalyzerStatus:
    finnish: str
    swedish: str
    hint: str | None


def is_common_word(word: str) -> bool:
    """Whether ``word`` is known as a common word, not a name (Finnish, with Voikko; without it,
    no word is known to be common)."""
    checker = getattr(analyzer("fi"), "is_common", None)
    return bool(checker and checker(word))


@functools.cache
def analyzer(language: str) -> Analyzer:
    """The best analyzer installed for ``language`` ("fi" or "sv")."""
    if language == "sv":
        try:
            return SnowballAnalyzer("swedish")
        except ImportError:
            return SurfaceAnalyzer()
    try:
        return VoikkoAnalyzer()
    except (ImportError, OSError) as exc:   # the binding or the C library / dictionary is missing
        log.debug("Voikko unavailable: %s", exc)
        return SurfaceAnalyzer()


def status() -> AnalyzerStatus:
    """Which analyzers are in use, and what to install when Finnish falls back to surface forms."""
    fi, sv = analyzer("fi").name, analyzer("sv").name
    return AnalyzerStatus(fi, sv, INSTALL_HINT if fi == "surface" else None)


def words(text: str) -> list[str]:
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[str]:
    """The words of ``text`` in lower case, one at a time: a section of millions of words is never
    a list, and never case-folded whole (CPython folds into a buffer of twelve bytes a character)."""
    return (m.group().casefold() for m in TOKEN.finditer(text))


def index_terms(text: str, language: str) -> str:
    """Lemmas, compound parts and stems of the words of ``text``, space-separated."""
    a = analyzer(language)
    out = io.StringIO()
    separator = ""
    for word in iter_words(text):
        for term in a.terms(word):
            out.write(separator)
            out.write(term)
            separator = " "
    return out.getvalue()


def query_terms(word: str) -> tuple[str, ...]:
    """Terms a query word may match in the index: the word, its Finnish lemmas and its Swedish
    stem (not its compound parts: "tilinpäätös" must not find every "päätös")."""
    word = word.casefold()
    seen: list[str] = [word]
    for language in ("fi", "sv"):
        for term in analyzer(language).lemmas(word):
            if term not in seen:
                seen.append(term)
    return tuple(seen)
