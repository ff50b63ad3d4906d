"""Scoring an item against the goals of a strategy, with the evidence each score rests on.

A goal's keywords and title words found in the item (as lemmas and compound parts, never inside
the name of a body, an office or an organisation, never in a sentence about another
organisation's or another level's strategy) add the weight of where they stand; the goal's
title printed in the item and a mention of this strategy add more; the similarity of meaning
(word vectors) adds what it is worth above a floor. An item tagged with a goal whose decision
rejects, tables or returns the matter, or only takes note, advances nothing; routine formalities
are never tagged. The weights are data: ``models/strategy_tags.toml``."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from minutes.record import GoalTag, Item, Strategy

from .meaning import Meaning, meaning
from .mentions import OTHER, OWN, find_phrase, phrase_at, strategy_mention
from .profile import KEYWORD, GoalProfile, Phrase, profiles
from .rules import TaggingRules, tagging_rules
from .text import Sentence, Word, is_name, read_item, read_words

MEANING_FROM = ("title", "decision", "proposal")   # the parts of an item its meaning is read from


@dataclass(frozen=True)
class _Hit:
    goal: int                 # index of the profile
    phrase: Phrase
    where: str
    sentence: int             # index of the sentence
    form: str                 # the printed word it begins at


class Tagger:
    """Tags items with the goals of one strategy. ``use_meaning``: add word-vector similarity
    when the vectors are installed."""

    def __init__(self, strategy: Strategy, use_meaning: bool = True, rules: TaggingRules | None = None):
        self.strategy = strategy
        self.rules = rules or tagging_rules()
        self.meaning: Meaning | None = meaning() if use_meaning else None
        self._prepared: dict[str, tuple] = {}

    # -- which items ------------------------------------------------------------------------
    def applies(self, organization: str | None, day: date | None) -> bool:
        """Whether an item of a meeting of ``organization`` on ``day`` falls under the strategy:
        the organisation matched as ``--org`` matches it, and the day inside the period."""
        if not organization or day is None:
            return False
        if self.strategy.organization.casefold() not in organization.casefold():
            return False
        return self.strategy.period_from <= day.year and (self.strategy.period_to is None
                                                          or day.year <= self.strategy.period_to)

    def _prepare(self, language: str) -> tuple:
        if language not in self._prepared:
            goals = profiles(self.strategy, language, self.rules)
            index: dict[str, list[tuple[int, Phrase]]] = defaultdict(list)
            for g, profile in enumerate(goals):
                for phrase in profile.phrases:
                    for key in phrase.words[0]:
                        index[key].append((g, phrase))
            organization = frozenset(t for w in read_words(self.strategy.organization, language)
                                     for t in (w.form, *w.lemmas))
            name_words = read_words(self.strategy.name, language)
            from .profile import keys
            name = Phrase(tuple(keys(w.form, language) for w in name_words), self.strategy.name, KEYWORD) \
                if len(name_words) >= 2 or (name_words and name_words[0].form not in self.rules.own) else None
            vectors = [self.meaning.vector(list(read_words(p.meaning_text, language))) if self.meaning else None
                       for p in goals]
            self._prepared[language] = (goals, dict(index), organization, name, vectors)
        return self._prepared[language]

    # -- scoring ------------------------------------------------------------------------------
    def tag(self, item: Item, language: str = "fi") -> tuple[GoalTag, ...]:
        """The goals ``item`` is tagged with (score at least the threshold), best first."""
        rules, w = self.rules, self.rules.weights
        if rules.routine.search(item.title or ""):
            return ()
        goals, index, organization, name, goal_vectors = self._prepare(language)
        sentences = read_item(item, language)
        self._title_words = tuple(w for s in sentences if s.where == "title" for w in s.words)
        hits: list[_Hit] = []
        titled: dict[int, int] = {}            # profile -> the sentence printing its title
        own_mention: int | None = None
        for s, sentence in enumerate(sentences):
            mention = strategy_mention(sentence.words, organization, name, rules)
            if mention == OTHER:
                continue                           # another strategy's words are not this one's evidence
            if mention == OWN and own_mention is None:
                own_mention = s
            words = sentence.words
            for k, word in enumerate(words):
                found = [(g, p) for t in word.terms for g, p in index.get(t, ())]
                if not found or is_name(word, rules):
                    continue
                for g, phrase in found:
                    if len(phrase.words) == 1 or phrase_at(words, k, phrase):
                        hits.append(_Hit(g, phrase, sentence.where, s, word.form))
            for g, profile in enumerate(goals):
                if profile.title_phrase is not None and g not in titled \
                        and find_phrase(words, profile.title_phrase) is not None:
                    titled[g] = s
        item_vector = None
        if self.meaning is not None:
            item_vector = self.meaning.vector([word for sentence in sentences if sentence.where in MEANING_FROM
                                               for word in sentence.words if not is_name(word, rules)])
        by_goal: dict[int, list[_Hit]] = defaultdict(list)
        for hit in hits:
            by_goal[hit.goal].append(hit)
        similarities = [self.meaning.similarity(item_vector, v) for v in goal_vectors] if self.meaning else []
        mean_similarity = sum(similarities) / len(similarities) if similarities else 0.0
        scored: dict[int, tuple[float, list[tuple[float, str]]]] = {}
        for g, profile in enumerate(goals):
            raw, evidence = _words(by_goal.get(g, []), sentences, rules)
            if g in titled:
                raw += w.explicit_goal
                evidence.append((w.explicit_goal, f'the goal "{profile.title}" is named: '
                                                  f'"{_quote(sentences[titled[g]].text, profile.title, w.max_quote)}"'))
            if raw and own_mention is not None:
                raw += w.explicit_strategy
                evidence.append((w.explicit_strategy, "the strategy is named: "
                                 f'"{_quote(sentences[own_mention].text, "strateg", w.max_quote)}"'))
            if raw and similarities:
                gain = w.semantic * max(0.0, similarities[g] - mean_similarity - w.semantic_floor)
                if gain:
                    raw += gain
                    evidence.append((gain, f"the item's text is closer in meaning to this goal than to the "
                                           f"others (similarity {similarities[g]:.2f}, mean {mean_similarity:.2f})"))
            if raw:
                scored[g] = (1 - math.exp(-raw / w.scale), evidence)
        return self._tags(goals, scored, item)

    def _tags(self, goals: tuple[GoalProfile, ...], scored: dict, item: Item) -> tuple[GoalTag, ...]:
        w = self.rules.weights
        # a sub-goal's score counts for its parent
        best = {g: s for g, (s, _) in scored.items()}
        position = {p.goal: g for g, p in enumerate(goals)}
        for g, profile in enumerate(goals):
            if profile.parent is not None and g in best:
                parent = position[profile.parent]
                if best[g] > best.get(parent, 0.0):
                    best[parent] = best[g]
                    scored.setdefault(parent, (best[g], []))
                    scored[parent] = (best[g], scored[g][1] + [(0.0, f"through its sub-goal {profile.goal}")])
        blocked = _blocked(item, self.rules, self._title_words)
        out = []
        for g, (score, evidence) in scored.items():
            if score < w.threshold:
                continue
            lines = [text for _, text in sorted(evidence, key=lambda e: -e[0])][: w.max_evidence]
            if blocked:
                lines = [blocked] + lines
            out.append(GoalTag(goals[g].goal, score, blocked is None, tuple(lines), goals[g].parent))
        return tuple(sorted(out, key=lambda t: (-t.score, t.goal)))


def _words(hits: list[_Hit], sentences: tuple[Sentence, ...], rules: TaggingRules) -> tuple[float, list]:
    """The raw score of a goal's word hits and the evidence lines: each distinct phrase is worth
    its kind's weight times the weight of the best place it stands, a little more for each
    repetition; a line per sentence quotes it with the words found."""
    w = rules.weights
    by_phrase: dict[str, list[_Hit]] = defaultdict(list)
    for hit in hits:
        by_phrase[hit.phrase.label].append(hit)
    raw = 0.0
    per_sentence: dict[int, list] = defaultdict(list)
    for label, found in by_phrase.items():
        kind = w.keyword if found[0].phrase.kind == KEYWORD else w.title_word
        best = max(found, key=lambda h: w.where[h.where])
        worth = kind * w.where[best.where] * (1 + w.repeat * min(len(found) - 1, w.repeats))
        raw += worth
        per_sentence[best.sentence].append((worth, label, best.form))
    evidence = []
    for s, found in per_sentence.items():
        labels = ", ".join(dict.fromkeys(label for _, label, _ in sorted(found, key=lambda f: -f[0])))
        sentence = sentences[s]
        evidence.append((sum(f[0] for f in found),
                         f'{sentence.where}: "{_quote(sentence.text, found[0][2], w.max_quote)}" ({labels})'))
    return raw, evidence


def _blocked(item: Item, rules: TaggingRules, title: tuple[Word, ...]) -> str | None:
    """Why the item's own decision advances nothing, or None. ``title``: the words of its title."""
    decision = item.decision
    if decision is not None and (decision.outcome in rules.blocking or decision.resolution in rules.noting):
        return rules.blocking.get(decision.outcome) or rules.noting[decision.resolution]
    report = any(t.endswith(rules.report_heads) for word in title for t in (word.form, *word.lemmas))
    return rules.report_why if report else None


def _quote(text: str, near: str, limit: int) -> str:
    """``text``, or ``limit`` characters of it around the first occurrence of ``near``."""
    if len(text) <= limit:
        return text
    at = max(text.casefold().find(near.casefold()), 0)
    start = max(0, min(at - limit // 3, len(text) - limit))
    return ("…" if start else "") + text[start:start + limit].strip() + ("…" if start + limit < len(text) else "")


__all__ = ["Tagger", "MEANING_FROM"]
