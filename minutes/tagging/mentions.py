"""Whether a sentence names a strategy, and whose: the organisation's own ("kaupunkistrategian
mukaisesti", "strategian tavoitteet", the strategy's name) or another's (a regional, national,
climate or other organisation's strategy: "ilmastostrategia", "maakunnallinen strategia",
"Etelä-Pohjanmaan strategia")."""

from __future__ import annotations

from collections.abc import Sequence

from minutes.language.analysis import is_common_word

from .profile import Phrase
from .rules import TaggingRules
from .text import Word

OWN, OTHER = "own", "other"


def phrase_at(words: Sequence[Word], k: int, phrase: Phrase) -> bool:
    """Whether the words from ``k`` on are ``phrase``, word by word, in any inflection."""
    if k + len(phrase.words) > len(words):
        return False
    return all(not keys.isdisjoint(words[k + j].terms) for j, keys in enumerate(phrase.words))


def find_phrase(words: Sequence[Word], phrase: Phrase) -> int | None:
    """Where ``phrase`` begins in ``words``, or None."""
    first = phrase.words[0] if phrase.words else None
    if first is None:
        return None
    for k, word in enumerate(words):
        if not first.isdisjoint(word.terms) and phrase_at(words, k, phrase):
            return k
    return None


def strategy_mention(words: Sequence[Word], organization: frozenset[str], name: Phrase | None,
                     rules: TaggingRules) -> str | None:
    """OWN when the sentence names the organisation's own strategy (or the strategy by its name),
    else OTHER when it names another's, else None. ``organization``: the forms and lemmas of the
    organisation's name ("lapuan", "lapua", "kaupunki")."""
    if name is not None and find_phrase(words, name) is not None:
        return OWN
    found = None
    for k, word in enumerate(words):
        lemma = strategy_word(word, rules)
        if lemma is None:
            continue
        if lemma not in rules.own:
            found = found or OTHER          # "ilmastostrategia": another strategy
            continue
        if _another_before(words[max(0, k - rules.window):k], organization, rules):
            found = found or OTHER          # "Kemin kaupunkistrategia", "maakunnallinen strategia"
            continue
        return OWN                          # "kaupunkistrategian mukaisesti", "Lapuan strategia"
    return found


def strategy_word(word: Word, rules: TaggingRules) -> str | None:
    """The strategy word ``word`` is, in its base form ("kaupunkistrategia" for
    "kaupunkistrategiassakin", "stadsstrategi" for "stadsstrategin"), or None (also for the
    adjective: "strategisen")."""
    for lemma in word.lemmas:
        if lemma.endswith(rules.strategy_heads):
            return lemma
    for head in rules.strategy_heads:
        for ending in ("", *rules.strategy_endings):
            if word.form.endswith(head + ending):
                return word.form[:len(word.form) - len(ending)]
    return None


def _another_before(before: Sequence[Word], organization: frozenset[str], rules: TaggingRules) -> bool:
    """Whether the words before a strategy word make it another's: a regional, national or
    sectoral word, or a capitalised genitive naming another place or organisation (at the start
    of a sentence, one that is not a common word: "Suomen", not "Kaupungin")."""
    for word in before:
        lemmas = set(word.lemmas) | {word.form}
        if lemmas & rules.other_before:
            return True
        if word.capital and not lemmas & organization and word.form.endswith(("n", "s")) \
                and (not word.first or not is_common_word(word.form)):
            return True
    return False


__all__ = ["OWN", "OTHER", "strategy_mention", "find_phrase", "phrase_at"]
