"""Person names as the store keeps and matches them: the folded key of a name in base form, its
words, and the base forms a name typed by a user may stand for ("Virtaselle" -> "virtanen",
"Hellan" -> "hella", "Holms" -> "holm").

The store keeps every person under the words of their name in base form, folded
(``name_words``); a query is matched word by word against them (``query_forms``): each word of
the query, as typed or as one of its candidate base forms, must be a word of the person's name.
"Hella" finds Pekka Hella and Juha Hella; "Pekka Hella" finds only Pekka. Candidates come from
Voikko's lemmas (when installed) and the case endings of ``models/names.toml``.
"""

from __future__ import annotations

import functools
import unicodedata

from .analysis import TOKEN, analyzer
from .lexicon import load_name_endings


def name_key(name: str) -> str:
    """The key a name in base form is matched by: NFC, lower case, single spaces.
    "Pekka  HELLA" -> "pekka hella"."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, hyphenated parts apart: "Pirjo Mäki-Virtanen" ->
    ("pirjo", "kemppi", "virtanen")."""
    return tuple(m.group() for m in TOKEN.finditer(name_key(name)))


@functools.lru_cache(maxsize=4096)
def base_forms(word: str) -> tuple[str, ...]:
    """The forms a typed name word may stand for, folded: the word itself first, then its Finnish
    lemmas (Voikko), then every base form the endings of ``models/names.toml`` give."""
    word = name_key(word)
    out = [word]
    out += analyzer("fi").lemmas(word)
    data = load_name_endings()
    for pairs in data.endings.values():
        for ending, replacement in pairs:
            if word.endswith(ending) and len(word) - len(ending) >= data.min_stem:
                out.append(word[: len(word) - len(ending)] + replacement)
    return tuple(dict.fromkeys(out))


def query_forms(query: str) -> tuple[tuple[str, ...], ...]:
    """For each word of a typed name, the folded forms it may stand for (``base_forms``):
    "Virtaselle" -> (("virtaselle", "virtanen", ...),); empty for a query of no letters."""
    return tuple(base_forms(m.group()) for m in TOKEN.finditer(name_key(query)))


__all__ = ["name_key", "name_words", "base_forms", "query_forms"]
