"""What a user typed into the search box, read into parts: "quoted phrases", diary numbers and
other tokens joined by - / . : (matched as printed), words joined by ``OR``, words excluded with
a leading ``-``, and plain words (a hyphenated word, "maa-aines", is one word), each marked when it is a stop word (``models/search.toml``:
"mikä", "vuodelle", "vad"), which a search does not require.

    >>> [(p.kind, p.text, p.stop) for p in read_query('Mikä on "kaupungin strategia" -luonnos').parts]
    [('word', 'mikä', True), ('word', 'on', True), ('phrase', 'kaupungin strategia', False)]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from minutes.language.analysis import split_query, words
from minutes.language.stopwords import is_stop_word

MAX_QUERY_CHARS = 1000

_TOKEN = regex.compile(r'-?"[^"]*"?|\S+')
_TRIM = ".,;:!?()[]{}'*^+"


@dataclass(frozen=True)
class Part:
    """One part of a query: a ``word`` (matched in any inflected or compound form), a ``phrase``
    or an ``exact`` token (matched as printed), or ``any`` (its ``alternatives`` joined by OR)."""

    kind: str
    text: str
    stop: bool = False
    alternatives: tuple["Part", ...] = ()


@dataclass(frozen=True)
class Query:
    """A read query: the parts an item is searched for, in order, and the parts it must not hold."""

    parts: tuple[Part, ...]
    excluded: tuple[Part, ...] = ()

    @property
    def required(self) -> tuple[Part, ...]:
        """The parts every hit holds: all but the stop words (all of them when only stop words were typed)."""
        kept = tuple(p for p in self.parts if not p.stop)
        return kept or self.parts

    @property
    def stop_words(self) -> tuple[Part, ...]:
        """The stop words left out of ``required``."""
        return tuple(p for p in self.parts if p not in self.required)


def _parts(raw: str) -> list[Part]:
    """The parts one whitespace-separated token of the query gives."""
    if raw.startswith('"'):
        tokens = words(raw.strip('"'))
        return [Part("phrase", " ".join(tokens))] if tokens else []
    raw = raw.strip(_TRIM)
    if not raw:
        return []
    split = split_query(raw)        # "maa-aines" stays one word; "a/b" is matched as printed
    return [Part("word", w, is_stop_word(w)) for w in split.words] + \
        [Part("exact", " ".join(words(e))) for e in split.exact if words(e)]


def read_query(query: str) -> Query:
    """``query`` read into its parts (see the module's docstring). ``OR`` (upper case, between two
    parts) joins them into one part any of whose alternatives may match (an ``OR`` with no part
    before it is dropped); a token starting with ``-`` is excluded ("-2024" too); FTS5's other
    operators and syntax characters are searched as text."""
    query = query[:MAX_QUERY_CHARS]
    parts: list[Part] = []
    excluded: list[Part] = []
    join_next = after_part = False
    for m in _TOKEN.finditer(query):
        token = m.group()
        if token == "OR":           # joins the parts either side; with no part before it, nothing
            join_next = after_part
            continue
        if token.startswith("-") and len(token) > 1:
            excluded.extend(p for p in _parts(token[1:]) if p.kind != "any")
            join_next = after_part = False
            continue
        found = _parts(token)
        if not found:
            continue
        after_part = True
        if join_next:
            left = parts.pop()
            alternatives = left.alternatives if left.kind == "any" else (left,)
            found[0] = Part("any", f"{left.text} OR {found[0].text}", False, alternatives + (found[0],))
            join_next = False
        parts.extend(found)
    return Query(tuple(parts), tuple(excluded))


__all__ = ["Part", "Query", "read_query", "MAX_QUERY_CHARS"]
