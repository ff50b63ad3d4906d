"""Compound words for search: the runs of a Finnish compound's members (from Voikko's WORDBASES),
Swedish compounds split with a word list, and a stem key for Finnish words Voikko does not know.

Every term made here is one [\\p{L}\\p{N}] token (hyphens dropped), as FTS5's unicode61 tokenizer
would store it. The rules are ``models/word_forms.toml`` (``lexicon.load_word_forms``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from pathlib import Path

import regex

from .lexicon import WordFormRules, load_word_forms

log = logging.getLogger(__name__)

_SEGMENT = regex.compile(r"\+([^+()]*)(?:\(([^()]*)\))?")


def members(wordbases: str) -> list[tuple[str, str]]:
    """The members of a compound from Voikko's WORDBASES as (printed, base) pairs in lower case.
    A derivational suffix joins the member before it, which then stands as the derived word; the
    hyphen of a hyphenated compound is dropped: "+ympäristön(ympäristö)+suojel(suojella)+u(+u)
    +laki(laki)" gives ("ympäristön", "ympäristö"), ("suojelu", "suojelu"), ("laki", "laki")."""
    out: list[tuple[str, str]] = []
    for printed, base in _SEGMENT.findall(wordbases):
        printed = printed.casefold()
        if printed == "-" and not base:
            continue
        if not base or base.startswith("+"):       # a derivational suffix ("+u(+u)", "+lli")
            if out:
                surface = out[-1][0] + printed
                out[-1] = (surface, surface)
            continue
        out.append((printed.replace("-", ""), base.replace("=", "").replace("-", "").casefold()))
    return out


def runs(parts: list[tuple[str, str]], rules: WordFormRules | None = None, start: int = 0) -> list[str]:
    """Every contiguous run of at least two members, the ones before the last as printed in the
    compound and the last in its base form: members of "tilinpäätösvaihe" give "tilinpäätös",
    "päätösvaihe" and "tilinpäätösvaihe". With ``start``, only runs from that member on."""
    rules = rules or load_word_forms()
    if len(parts) > rules.max_members:
        return []
    out: list[str] = []
    for i in range(start, len(parts) - 1):
        head = parts[i][0]
        for j in range(i + 1, len(parts)):
            term = head + parts[j][1]
            head += parts[j][0]
            if len(term) >= rules.min_part and term not in out:
                out.append(term)
    return out


def tails(parts: list[tuple[str, str]], rules: WordFormRules | None = None) -> list[str]:
    """What a hanging word part may be completed with from a compound's members: every run that
    ends at the last member and starts after the first ("työehtosopimus": "ehtosopimus",
    "sopimus")."""
    out = []
    for i in range(1, len(parts)):
        out.append("".join(p for p, _ in parts[i:-1]) + parts[-1][1])
    return out


def unknown_key(stem: str, rules: WordFormRules | None = None) -> str | None:
    """The key of a Snowball stem of a Finnish word Voikko does not know, the same for the
    inflected forms whose consonants alternate: "honkimäk" (honkimäki) and "honkimäe" (honkimäen)
    give "honkim"."""
    rules = rules or load_word_forms()
    key = stem.rstrip(rules.vowels)
    for strong, weak in rules.gradation:
        if key.endswith(strong) and len(key) > len(strong):
            key = key[: -len(strong)] + weak
            break
    key = key.rstrip(rules.vowels)
    if len(key) >= 2 and key[-1] == key[-2] and key[-1] not in rules.vowels:
        key = key[:-1]
    return key if len(key) >= rules.unknown_min_key else None


class SwedishSplitter:
    """Splits Swedish compounds into listed words: "budgetuppföljning" -> "budget", "uppföljning";
    "välfärdsnämnden" -> "välfärds", "nämnden" (the linking letter stays with the head)."""

    def __init__(self, words: Iterable[str], rules: WordFormRules | None = None):
        self.rules = rules or load_word_forms()
        self.words = frozenset(w.casefold() for w in words if len(w) >= min(self.rules.swedish_min_head,
                                                                              self.rules.swedish_min_tail))
        self.split = functools.lru_cache(maxsize=100_000)(self._split)

    @classmethod
    def read(cls, paths: Iterable[str], encoding: str) -> "SwedishSplitter | None":
        """The splitter with the first word list of ``paths`` that exists, or None."""
        for name in paths:
            path = Path(name)
            if path.is_file():
                return cls(path.read_text(encoding=encoding, errors="replace").split())
        log.debug("no Swedish word list among %s: Swedish compounds are not split", list(paths))
        return None

    def _split(self, word: str, parts_left: int | None = None) -> tuple[str, ...]:
        """The parts of ``word`` (at most ``max_parts``), or () when it is no compound of listed words."""
        r = self.rules
        parts_left = r.swedish_max_parts if parts_left is None else parts_left
        if parts_left < 2 or len(word) < r.swedish_min_head + r.swedish_min_tail or word in self.words:
            return ()   # a listed word is one word ("planeringen" is not "planer" + "ingen")
        heads = [(word[:i], word[i:]) for i in range(len(word) - r.swedish_min_tail, r.swedish_min_head - 1, -1)
                 if word[:i] in self.words and word[:i] not in r.swedish_not_heads]
        options = []
        for head, rest in heads:
            options.append((head, rest))
            options.extend((head + link, rest[len(link):]) for link in r.swedish_linking
                           if rest.startswith(link) and len(rest) - len(link) >= r.swedish_min_tail)
        for head, tail in options:            # a listed tail first, the longest head first
            if self._listed(tail):
                return (head, tail)
        for head, tail in options:
            rest = self._split(tail, parts_left - 1)
            if rest:
                return (head,) + rest
        return ()

    def _listed(self, tail: str) -> bool:
        refused = self.rules.swedish_not_tails
        if tail in refused or any(tail.endswith(e) and tail[: -len(e)] in refused for e in self.rules.swedish_tail_endings):
            return False
        if tail in self.words:
            return True
        return any(tail.endswith(e) and len(tail) - len(e) >= self.rules.swedish_min_tail
                   and tail[: -len(e)] in self.words and tail[: -len(e)] not in refused
                   for e in self.rules.swedish_tail_endings)

    def runs(self, parts: tuple[str, ...]) -> list[str]:
        """The contiguous runs of two or more parts, as printed (the whole word left out)."""
        return [("".join(parts[i:j])) for i in range(len(parts) - 1) for j in range(i + 2, len(parts) + 1)
                if (i, j) != (0, len(parts))]
