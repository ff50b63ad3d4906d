"""The language data of decisions: ``models/decisions.toml`` (word lists and regular expressions)
and ``models/decision_patterns.jsonl`` (spaCy Matcher patterns of the cue phrases), loaded once."""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass

import regex

from minutes.language.lexicon import models_dir

FLAGS = regex.IGNORECASE | regex.MULTILINE
CUE_LABELS = ("tabled", "returned", "withdrawn", "rejected", "presenter_changed", "changed", "counter_won", "no_decision",
              "referral", "election", "statement", "noted", "decided", "as_proposed")


@dataclass(frozen=True, eq=False)      # hashed by identity: the regex cache below keys on it
class DecisionData:
    raw: dict
    trigger: regex.Pattern
    patterns: tuple[dict, ...]      # {"label", "lang", "pattern"} lines of decision_patterns.jsonl
    people_trigger: regex.Pattern   # sentences the statistical model reads for names

    def rx(self, table: str, key: str, cased: bool = False) -> regex.Pattern:
        """The compiled regular expression ``[table] key`` (``cased``: letter case matters, as in
        ``\\p{Lu}`` for a name's capital)."""
        return _compiled(self, table, key, cased)

    def rxs(self, table: str, key: str) -> tuple[regex.Pattern, ...]:
        """The compiled list of regular expressions ``[table] key``."""
        return _compiled_list(self, table, key)

    def words(self, table: str, key: str) -> frozenset[str]:
        """The word list ``[table] key``, case-folded."""
        return _words(self, table, key)


# the placeholders of the vote patterns: {labels} stands for every printed label of a choice
# ([votes] yes, no, blank, absent: "jaa", "kyllä", "ei", "tyhjää", "poissa", "nej"…), {yes} and
# {no} for those of one choice
PLACEHOLDERS = {"{labels}": ("yes", "no", "blank", "absent"), "{yes}": ("yes",), "{no}": ("no",)}


@functools.lru_cache(maxsize=None)
def _compiled(data: DecisionData, table: str, key: str, cased: bool = False) -> regex.Pattern:
    return regex.compile(_expanded(data, data.raw[table][key]), regex.MULTILINE if cased else FLAGS)


@functools.lru_cache(maxsize=None)
def _compiled_list(data: DecisionData, table: str, key: str) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(_expanded(data, p), FLAGS) for p in data.raw[table][key])


def _expanded(data: DecisionData, pattern: str) -> str:
    """``pattern`` with its placeholders replaced by the alternation of their labels, longest
    first, a space in one matching any space."""
    for placeholder, choices in PLACEHOLDERS.items():
        if placeholder in pattern:
            words = sorted({w.casefold() for choice in choices for w in data.raw["votes"][choice]},
                           key=lambda w: (-len(w), w))
            pattern = pattern.replace(placeholder, "|".join(r"\s+".join(regex.escape(part) for part in w.split())
                                                            for w in words))
    return pattern


@functools.lru_cache(maxsize=None)
def _words(data: DecisionData, table: str, key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in data.raw[table][key])


@functools.lru_cache(maxsize=1)
def load_decision_data() -> DecisionData:
    """The decisions' language data; raise ValueError naming the file and line of a bad pattern."""
    folder = models_dir()
    raw = tomllib.loads((folder / "decisions.toml").read_text(encoding="utf-8"))
    patterns = []
    for number, line in enumerate((folder / "decision_patterns.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry.get("label") not in CUE_LABELS or entry.get("lang") not in ("fi", "sv") \
                or not isinstance(entry.get("pattern"), list):
            raise ValueError(f"decision_patterns.jsonl line {number}: needs a known label, lang fi|sv and a pattern")
        patterns.append(entry)
    return DecisionData(raw, regex.compile(raw["triggers"]["regex"], FLAGS), tuple(patterns),
                        regex.compile(raw["triggers"]["people"], FLAGS))

