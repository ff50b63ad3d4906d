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
    initiative_heads: tuple[str, ...]      # last members of the words naming an initiative
    initiative_forms: tuple[str, ...]      # endings of such a word printed as what a title is about
    replies: frozenset[str]                # a reply's words: an initiative's word after one, in any case
    ambiguous_initiatives: frozenset[str]  # initiative words that are common words too ("motion")
    about: frozenset[str]                  # words after an initiative's word that say what it is about
    initiative_why: str
    name_heads: tuple[str, ...]      # last compound members of names of bodies, offices, organisations
    name_words: frozenset[str]
    genitive_endings: dict[str, str]  # language -> the ending of a genitive ("n", "s")
    not_genitive_endings: tuple[str, ...]
    genitive_case: str                # the genitive as Voikko names it
    joining: frozenset[str]           # conjunctions inside a name of several words
    name_reach: int                   # words before a name's word that may belong to the name
    field_after: frozenset[str]       # "för": the field of a Swedish body's name printed after it
    field_ends: frozenset[str]        # words that end such a field
    legal_forms: frozenset[str]       # "oy", "rf": the capitalised words before (or after) one are a name
    own: frozenset[str]              # lemmas (or two-word phrases) naming the organisation's own strategy
    strategy_heads: tuple[str, ...]
    strategy_endings: tuple[str, ...]   # endings after a head in a printed strategy word
    drafts: tuple[str, ...]             # compound members after a strategy word: its draft, its update
    other_before: frozenset[str]
    window: int
    own_bodies: frozenset[str]          # the council named alone: the organisation's own
    own_heads: tuple[str, ...]          # heads of the organisation's own bodies ("kaupunginhallitus")
    reflexive: frozenset[str]           # "sin": the strategy of the sentence's subject
    from_words: frozenset[str]          # "från": an owner printed after the strategy word
    participle_endings: dict[str, tuple[str, ...]]   # language -> endings of a participle (no analyser)
    inflection: dict[str, tuple[str, ...]]           # language -> endings cut off a printed word
    key_cut: tuple[str, ...]            # Swedish goal words: an ending cut off ("grönt": "grön")
    key_add: tuple[str, ...]            # and an ending added after a vowel ("ekonomi": "ekonomin")
    vowels: str
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
    names, explicit, initiatives, inflection = data["names"], data["explicit"], data["initiatives"], data["inflection"]
    folded = lambda key, table: frozenset(x.casefold() for x in table[key])  # noqa: E731
    return TaggingRules(
        weights=weights, routine=_routine(data["routine"], lists), blocking=dict(decision["blocking"]),
        noting=dict(decision["noting"]), agenda_why=str(decision["agenda"]),
        report_heads=tuple(h.casefold() for h in data["reports"]["heads"]), report_why=data["reports"]["why"],
        initiative_heads=tuple(h.casefold() for h in initiatives["heads"]),
        initiative_forms=tuple(f.casefold() for f in initiatives["forms"]),
        replies=folded("replies", initiatives), ambiguous_initiatives=folded("ambiguous", initiatives),
        about=folded("about", initiatives), initiative_why=str(initiatives["why"]),
        name_heads=tuple(h.casefold() for h in names["heads"]), name_words=folded("words", names),
        genitive_endings=dict(names["genitive_endings"]), not_genitive_endings=tuple(names["not_genitive_endings"]),
        genitive_case=str(names["analysis_genitive"]),
        joining=folded("joining", names), name_reach=int(names["name_reach"]),
        field_after=folded("field_after", names), field_ends=folded("field_ends", names),
        legal_forms=folded("legal_forms", names),
        own=folded("own", explicit),
        strategy_heads=tuple(sorted((h.casefold() for h in explicit["heads"]), key=len, reverse=True)),
        strategy_endings=tuple(explicit["endings"]), drafts=tuple(d.casefold() for d in explicit["drafts"]),
        other_before=folded("other_before", explicit), window=int(explicit["window"]),
        own_bodies=folded("own_bodies", explicit), own_heads=tuple(h.casefold() for h in explicit["own_heads"]),
        reflexive=folded("reflexive", explicit), from_words=folded("from_words", explicit),
        participle_endings={k: tuple(v) for k, v in explicit["participle_endings"].items()},
        inflection={k: tuple(sorted(v, key=len, reverse=True)) for k, v in inflection.items()
                    if isinstance(v, list) and k not in ("cut", "add")},
        key_cut=tuple(inflection["cut"]), key_add=tuple(inflection["add"]), vowels=str(inflection["vowels"]),
        generic_endings=tuple(data["goals"]["generic_endings"]),
        generic_words=frozenset(data["goals"]["generic_words"]),
        min_title_word=int(data["goals"]["min_title_word"]))


def _routine(routine: dict, lists: regex.Pattern) -> regex.Pattern:
    """The titles of formalities: a title begins with one of them after at most ``max_openings``
    openings, up to ``inside`` other words standing between a title's words ("Muut esille
    tulevat asiat"); or it is a list title."""
    inside = r"\s+(?:\w+\s+){0,%d}" % int(routine["inside"])
    titles = "|".join(f"(?:{p.replace(chr(92) + 's+', inside)})" for p in routine["titles"])
    openings = r"(?:(?:" + "|".join(routine["openings"]) + r")\s+){0,%d}" % int(routine["max_openings"])
    return regex.compile(r"^\W*" + openings + "(?:" + titles + f")|(?:{lists.pattern})", regex.IGNORECASE)


__all__ = ["TaggingRules", "Weights", "RulesError", "tagging_rules", "WHERE"]
