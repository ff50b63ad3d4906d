"""Text-layer quality: is a PDF page's text layer readable, or has a broken glyph map garbled it
("protokojjet", "Väjfärdsnämnden", "Stadsstrrelsen")?

A page's score is the share of its word tokens (letters only, printed in lower case, at least
``min_length`` letters; at most ``sample`` of them, evenly spread over the page) that a dictionary
knows: Voikko for Finnish, a Swedish word list (Debian's wswedish) for Swedish, and the words of
the project's own lexicons for both. A page whose share is below ``min_known`` is unreadable and
may be re-read by OCR. The numbers are data (``models/patterns.toml [text_layer]``).

A page is judged only when a dictionary for its language is installed: without Voikko a Finnish
page, without a Swedish word list a Swedish page, is never called unreadable (proper names and
figures would otherwise make a good page look broken).
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import regex

from minutes.language.lexicon import TextLayerRules, load_lexicon, load_text_layer

log = logging.getLogger(__name__)

CACHE_SIZE = 200_000


class Vocabulary(Protocol):
    language: str

    def knows(self, word: str) -> bool:
        """Whether a lower-case word is a word of the language."""


class VoikkoVocabulary:
    """Finnish: Voikko's spelling check (every inflected form and compound)."""

    language = "fi"

    def __init__(self) -> None:
        import libvoikko

        self._voikko = libvoikko.Voikko("fi")

    def knows(self, word: str) -> bool:
        return bool(self._voikko.spell(word))


class WordListVocabulary:
    """A word list of inflected forms (one a line); compounds of listed words are known too."""

    def __init__(self, language: str, words: Iterable[str], compound_parts: int = 1, linking: Iterable[str] = ()):
        self.language = language
        self._words = frozenset(w.casefold() for w in words if w)
        self._parts = compound_parts
        self._linking = tuple(linking)

    @classmethod
    def read(cls, language: str, path: Path, encoding: str, compound_parts: int = 1,
             linking: Iterable[str] = ()) -> "WordListVocabulary":
        return cls(language, path.read_text(encoding=encoding, errors="replace").split(), compound_parts, linking)

    def knows(self, word: str) -> bool:
        return word in self._words or self._compound(word, self._parts)

    def _compound(self, word: str, parts: int) -> bool:
        """Whether ``word`` is a listed word after at most ``parts - 1`` listed words (each of at
        least three letters, optionally followed by a linking letter): "välfärds|nämnden"."""
        if parts < 2:
            return False
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if head in self._words or any(head.endswith(k) and head[:-len(k)] in self._words for k in self._linking):
                if tail in self._words or self._compound(tail, parts - 1):
                    return True
        return False


@dataclass(frozen=True)
class PageQuality:
    """How readable one page's text layer is: ``known`` of ``tokens`` scored tokens are words."""

    page: int
    tokens: int
    known: int
    language: str | None      # the language the page's function words point to, if any

    @property
    def share(self) -> float:
        return self.known / self.tokens if self.tokens else 1.0


_LETTERS = regex.compile(r"\p{L}+")


def page_tokens(runs: Iterable[str], min_length: int, lower_case_only: bool = True) -> list[str]:
    """The lower-cased letter runs of a page that are at least ``min_length`` long; with
    ``lower_case_only`` only those printed in lower case (names and headings left out). A line
    whose spaces a broken glyph map turned into letters is one long unknown run."""
    return [t.casefold() for t in runs if len(t) >= min_length and (t.islower() or not lower_case_only)]


def spread(tokens: list[str], limit: int) -> list[str]:
    """At most ``limit`` tokens taken evenly from the whole list (the same ones every run)."""
    if len(tokens) <= limit:
        return tokens
    step = len(tokens) / limit
    return [tokens[int(k * step)] for k in range(limit)]


class TextLayerCheck:
    """Scores pages with the vocabularies installed; cached lookups make a page cost a few
    hundred set or Voikko lookups at most."""

    def __init__(self, vocabularies: Iterable[Vocabulary], rules: TextLayerRules):
        self.rules = rules
        self.vocabularies = tuple(vocabularies)
        self.languages = frozenset(v.language for v in self.vocabularies)
        self._lexicon = frozenset().union(*rules.lexicon_words.values())
        self._function_words = load_lexicon().language_words
        self._function_word = {w: lang for lang, words in self._function_words.items() for w in words}
        # the page's own language is asked first: a Swedish page costs set lookups, not Voikko calls
        self._knows = {language: functools.lru_cache(maxsize=CACHE_SIZE)(functools.partial(self._lookup, order))
                       for language, order in self._orders().items()}

    def _orders(self) -> dict[str | None, tuple[Vocabulary, ...]]:
        orders: dict[str | None, tuple[Vocabulary, ...]] = {None: self.vocabularies}
        for language in self.languages:
            orders[language] = tuple(sorted(self.vocabularies, key=lambda v: v.language != language))
        return orders

    def _lookup(self, order: tuple[Vocabulary, ...], word: str) -> bool:
        return word in self._lexicon or any(v.knows(word) for v in order)

    def knows(self, word: str, language: str | None = None) -> bool:
        """Whether a lower-case word is known to any vocabulary (the ``language``'s asked first)."""
        return self._knows.get(language, self._knows[None])(word)

    def language_of(self, runs: Iterable[str]) -> str | None:
        """The language whose function words a page's letter runs hold more of; None on a tie."""
        counts: Counter = Counter(self._function_word.get(run.casefold()) for run in runs)
        counts.pop(None, None)
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def score(self, page: int, texts: list[str]) -> PageQuality | None:
        """The quality of a page whose text runs are ``texts``, or None when it cannot be judged:
        too few tokens, or no dictionary installed for its language (or, when its language is
        unclear, for one of them). A first ``first_sample`` tokens, from words spread over the
        page, are looked up; only when they are not clearly known are up to ``sample``."""
        rules = self.rules
        words = [w for text in texts for w in text.split()]
        first = self._measure(page, spread(words, 3 * rules.first_sample), rules.first_sample)
        if first and first.tokens == rules.first_sample and first.known >= rules.clearly_known * first.tokens:
            return first
        return self._measure(page, spread(words, 2 * rules.sample), rules.sample)

    def _measure(self, page: int, words: list[str], limit: int) -> PageQuality | None:
        """The quality of a page from ``words`` of it, looking up at most ``limit`` tokens."""
        runs = _LETTERS.findall(" ".join(words))
        tokens = page_tokens(runs, self.rules.min_length, self.rules.lower_case_only)
        if len(tokens) < self.rules.min_words:
            return None
        language = self.language_of(runs)
        needed = {language} if language else set(self._function_words)
        if not needed <= self.languages:
            return None
        known = self._knows.get(language, self._knows[None])
        sample = spread(tokens, limit)
        return PageQuality(page, len(sample), sum(map(known, sample)), language)

    def unreadable(self, quality: PageQuality | None) -> bool:
        return quality is not None and quality.share < self.rules.min_known


def _vocabularies(rules: TextLayerRules) -> list[Vocabulary]:
    found: list[Vocabulary] = []
    try:
        found.append(VoikkoVocabulary())
    except (ImportError, OSError) as exc:   # the binding, the C library or the dictionary is missing
        log.debug("Voikko unavailable: %s", exc)
    for name in rules.swedish_word_lists:
        path = Path(name)
        if path.is_file():
            found.append(WordListVocabulary.read("sv", path, rules.swedish_word_list_encoding,
                                                 rules.swedish_compound_parts, rules.swedish_linking))
            break
    else:
        log.debug("no Swedish word list among %s", rules.swedish_word_lists)
    return found


@functools.cache
def text_layer_check() -> TextLayerCheck:
    """The check with every vocabulary installed on this machine (loaded once per process)."""
    rules = load_text_layer()
    return TextLayerCheck(_vocabularies(rules), rules)
