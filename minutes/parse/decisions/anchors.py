"""Anchors: for each cue pattern, the words one of which a sentence must hold for the pattern to
match there (its most specific required token: "pöydälle" rather than "ei"), so that spaCy's
Matcher runs only the patterns a sentence can match, and a sentence holding no anchor is never
tokenised. A sentence's words are looked up in sets; only an anchor of open-ended words ("any
word ending in -lautakunta") is tested on each word's ending."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

WORD = re.compile(r"[\w-]+")       # the standard library's engine: several times faster on this class
_OPEN_START = regex.compile(r"^\^?\\w\*\(?((?:[\p{L}-]+\|)*[\p{L}-]+)\)?\$?$")


@dataclass(frozen=True)
class Anchor:
    """The words (lower case) a pattern requires one of, or the endings of such words; ``always``
    for a pattern with no required word that can be told from the text."""

    words: frozenset[str] = frozenset()
    endings: tuple[str, ...] = ()
    always: bool = False


class AnchorIndex:
    """The anchors of a list of patterns, indexed by word: which patterns a text can match."""

    def __init__(self, anchors: list[Anchor]) -> None:
        self.by_word: dict[str, list[int]] = {}
        self.open: list[tuple[int, re.Pattern | None]] = []
        for k, anchor in enumerate(anchors):
            for word in anchor.words:
                self.by_word.setdefault(word, []).append(k)
            if anchor.always:
                self.open.append((k, None))
            elif anchor.endings:
                self.open.append((k, re.compile("(?:" + "|".join(map(re.escape, anchor.endings)) + r")(?![\w-])")))

    def patterns(self, text: str) -> list[int]:
        """The indices, in order, of the patterns whose anchor ``text`` holds."""
        lower = text.lower()
        found = {k for word in WORD.findall(lower) for k in self.by_word.get(word, ())}
        found.update(k for k, ending in self.open if ending is None or ending.search(lower))
        return sorted(found)


def anchor_of(pattern: list[dict]) -> Anchor:
    """The anchor of a spaCy token pattern: its required token whose shortest word is the longest."""
    best, score = Anchor(always=True), -1
    for token in pattern:
        lower = token.get("LOWER")
        if "OP" in token or lower is None:
            continue
        anchor = _token_anchor(lower)
        if anchor is None:
            continue
        length = min(map(len, anchor.words or anchor.endings))
        if length > score:
            best, score = anchor, length
    return best


def _token_anchor(lower: str | dict) -> Anchor | None:
    if isinstance(lower, str):
        return Anchor(frozenset({lower.lower()}))
    if "IN" in lower:
        return Anchor(frozenset(w.lower() for w in lower["IN"]))
    if "REGEX" not in lower:
        return None
    open_start = _OPEN_START.fullmatch(lower["REGEX"])
    if open_start:
        return Anchor(endings=tuple(w.lower() for w in open_start.group(1).split("|")))
    words = finite_words(lower["REGEX"])
    return Anchor(frozenset(_WORD_PARTS.sub("", w).lower() for w in words)) if words else None


_WORD_PARTS = regex.compile(r"[^\w-]+$")     # "hyväksyttiin." is found as the word "hyväksyttiin"


def finite_words(expression: str) -> list[str] | None:
    """The words a regular expression of whole words matches ("^(päätös)?(ehdotus|esitys)$"):
    anchored alternatives of letters, groups of alternatives and optional groups or letters; None
    for any other expression."""
    out = []
    for alternative in _split(expression):
        if not (alternative.startswith("^") and alternative.endswith("$")):
            return None
        words = _sequence(alternative[1:-1])
        if words is None:
            return None
        out += words
    return sorted(set(out))


def _split(text: str) -> list[str]:
    """``text`` cut at the ``|`` outside brackets."""
    out, depth, current = [], 0, ""
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    return out + [current]


def _sequence(text: str) -> list[str] | None:
    words, k = [""], 0
    while k < len(text):
        ch = text[k]
        if ch == "(":
            depth, end = 1, k + 1
            while depth and end < len(text):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                end += 1
            options: list[str] = []
            for part in _split(text[k + 1:end - 1]):
                sub = _sequence(part)
                if sub is None:
                    return None
                options += sub
            k = end
        elif ch == "\\" and k + 1 < len(text) and text[k + 1] in ".-":
            options, k = [text[k + 1]], k + 2
        elif regex.match(r"[\p{L}\d-]", ch):
            options, k = [ch], k + 1
        else:
            return None
        if k < len(text) and text[k] == "?":
            options, k = options + [""], k + 1
        elif k < len(text) and text[k] in "*+{":
            return None
        words = [w + o for w in words for o in options]
    return words
