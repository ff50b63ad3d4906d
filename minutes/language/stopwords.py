"""The words of a typed question that carry no subject (``models/search.toml``): interrogatives,
auxiliaries, pronouns, conjunctions and the like, in Finnish and Swedish. A search does not
require them; see ``minutes.store.query``. Also the titles of items that only list other
matters, which a search ranks lower."""

from __future__ import annotations

import functools

import regex

from .lexicon import _read


@functools.cache
def stop_words() -> frozenset[str]:
    """The stop words of every language, case-folded."""
    lists = _read("search.toml")["stop"]
    return frozenset(w.casefold() for words in lists.values() for w in words)


def is_stop_word(word: str) -> bool:
    """Whether ``word`` (as typed, any case) is a stop word of Finnish or Swedish."""
    return word.casefold() in stop_words()


@functools.cache
def list_titles() -> tuple[regex.Pattern, float]:
    """The titles of items that list other matters (announcements, officials' decisions), as one
    pattern, and the factor such an item's search score is multiplied by."""
    ranking = _read("search.toml")["ranking"]
    return regex.compile("|".join(f"(?:{p})" for p in ranking["list_titles"]), regex.IGNORECASE), \
        float(ranking["list_factor"])


__all__ = ["stop_words", "is_stop_word", "list_titles"]
