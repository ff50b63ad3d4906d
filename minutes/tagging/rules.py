"""The rules of tagging, read once from ``models/strategy_tags.toml`` and checked: the weights of
evidence, the titles of routine formalities, the outcomes and resolutions that advance nothing,
the words that make a word the name of a body or an office, and the words by which minutes name
their own strategy or another's."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import regex

from minutes.language.lexicon import _read
from minutes.language.stopwords import list_titles
from minutes.record import OUTCOMES, RESOLUTIONS

WHERE = ("title", "decision", "proposal", "background", "other", "history")
_NUMBERS = WHERE + ("keyword", "title_word", "repeat", "explicit_goal", "explicit_strategy", "semantic",
                    "semantic_floor", "semantic_max", "scale", "threshold")


@dataclass(frozen=True)
class Weights:
    where: dict[str, float]          # WHERE -> the weight of a word standing there
    keyword: float
    title_word: float
    repeat: float
    repeats: int
    explicit_goal: float
    explicit_strategy: float
    semantic: float
    semantic_floor: float
    semantic_max: float              # the most the meaning adds to a raw score
    scale: float
    threshold: float
    max_evidence: int
    max_quote: int
    meaning_words: int

    @property
    def tagged_from(self) -> float:
        """The raw evidence at which an item is tagged (its score reaches ``threshold``)."""
        return -self.scale * math.log(1 - self.threshold)


@dataclass(frozen=True)
class TaggingRules:
    weights: Weights
    routine: regex.Pattern           # a title of a formality (or of a list of other matters)
    blocking: dict[str, str]         # outcome -> why the item advances nothing
    noting: dict[str, str]           # resolution -> why the item advances nothing
    agenda_why: str                  # why an agenda's item advances nothing
    report_heads: tuple[str, ...]    # last members of the words naming a report or a follow-up
    report_why: str
    initiative: regex.Pattern        # a title answering an initiative
    initiative_why: str
    name_heads: tuple[str, ...]      # last compound members of names of bodies, offices, organisations
    name_words: frozenset[str]
    genitive_endings: dict[str, str]  # language -> the ending of a genitive ("n", "s")
    not_genitive_endings: tuple[str, ...]
    joining: frozenset[str]           # conjunctions inside a name of several words
    name_reach: int                   # words before a name's word that may belong to the name
    legal_forms: frozenset[str]       # "oy", "rf": the capitalised words before one are a name
    own: frozenset[str]              # lemmas (or two-word phrases) naming the organisation's own strategy
    strategy_heads: tuple[str, ...]
    strategy_endings: tuple[str, ...]   # endings after a head in a printed strategy word
    other_before: frozenset[str]
    window: int
    generic_endings: tuple[str, ...]  # title words too general to be evidence alone
    generic_words: frozenset[str]
    min_title_word: int


class RulesError(ValueError):
    """``models/strategy_tags.toml`` is not as the code expects."""


@functools.cache
def tagging_rules() -> TaggingRules:
    """The rules of ``models/strategy_tags.toml``; a ``RulesError`` names what is wrong."""
    data = _read("strategy_tags.toml")
    w = data["weights"]
    missing = [k for k in _NUMBERS + ("repeats", "max_evidence", "max_quote", "meaning_words") if k not in w]
    if missing:
        raise RulesError(f"strategy_tags.toml [weights]: missing {', '.join(missing)}")
    if not 0 < w["threshold"] < 1 or w["scale"] <= 0 or w["semantic_max"] < 0:
        raise RulesError("strategy_tags.toml [weights]: threshold must be in (0, 1), scale positive and "
                         "semantic_max not negative")
    ints = {"repeats", "max_evidence", "max_quote", "meaning_words"}
    weights = Weights(where={k: float(w[k]) for k in WHERE},
                      **{k: int(w[k]) if k in ints else float(w[k])
                         for k in _NUMBERS[len(WHERE):] + tuple(ints)})
    decision = data["decision"]
    for table, known in ((decision["blocking"], OUTCOMES), (decision["noting"], RESOLUTIONS)):
        unknown = set(table) - set(known)
        if unknown:
            raise RulesError(f"strategy_tags.toml [decision]: unknown {', '.join(sorted(unknown))}")
    lists, _ = list_titles()
    # a formality's title begins with its words ("Kokouksen laillisuus…", not "…laillisuusvalvonta")
    routine = data["routine"]
    routine = regex.compile(r"^\W*(?:(?:" + "|".join(routine["openings"]) + r")\s+)?(?:"
                            + "|".join(f"(?:{p})" for p in routine["titles"]) + f")|(?:{lists.pattern})",
                            regex.IGNORECASE)
    names, explicit = data["names"], data["explicit"]
    reports = tuple(h.casefold() for h in data["reports"]["heads"])
    initiative = regex.compile(r"^\W*(?:" + "|".join(f"(?:{p})" for p in data["initiatives"]["starts"]) + ")",
                               regex.IGNORECASE)
    return TaggingRules(
        weights, routine, dict(decision["blocking"]), dict(decision["noting"]), str(decision["agenda"]), reports,
        data["reports"]["why"], initiative, str(data["initiatives"]["why"]),
        tuple(h.casefold() for h in names["heads"]), frozenset(x.casefold() for x in names["words"]),
        dict(names["genitive_endings"]), tuple(names["not_genitive_endings"]),
        frozenset(x.casefold() for x in names["joining"]), int(names["name_reach"]),
        frozenset(x.casefold() for x in names["legal_forms"]),
        frozenset(x.casefold() for x in explicit["own"]), tuple(sorted((h.casefold() for h in explicit["heads"]), key=len, reverse=True)),
        tuple(explicit["endings"]),
        frozenset(x.casefold() for x in explicit["other_before"]), int(explicit["window"]),
        tuple(data["goals"]["generic_endings"]), frozenset(data["goals"]["generic_words"]),
        int(data["goals"]["min_title_word"]))


__all__ = ["TaggingRules", "Weights", "RulesError", "tagging_rules", "WHERE"]
