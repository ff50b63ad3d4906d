"""What a goal is looked for by: its keywords and the content words of its title, each a phrase of
one or more words given as the sets of terms a printed word must hold; its title as a phrase when
it has two content words or more (an explicit mention); and its text for meaning. A goal's own
phrases and its sub-goals' count for it."""

from __future__ import annotations

from dataclasses import dataclass

from minutes.language.analysis import analyzer
from minutes.language.stopwords import is_stop_word
from minutes.record import Goal, Strategy

from .rules import TaggingRules
from .text import Word, read_words

KEYWORD, TITLE_WORD = "keyword", "title_word"


@dataclass(frozen=True)
class Phrase:
    words: tuple[frozenset[str], ...]   # per word, the terms any of which a printed word must hold
    label: str                          # as the user wrote it
    kind: str                           # KEYWORD or TITLE_WORD


@dataclass(frozen=True)
class GoalProfile:
    goal: str
    parent: str | None
    title: str
    phrases: tuple[Phrase, ...]
    title_phrase: Phrase | None         # the title's content words in order, or None
    meaning_text: str                   # title, description and keywords: what its meaning is read from


def keys(word: str, language: str, rules: TaggingRules | None = None) -> frozenset[str]:
    """The terms a printed word must hold to stand for ``word`` (a base form as the user wrote
    it): the word and its lemmas, never its compound parts ("työhyvinvointi" is not every
    "hyvinvointi"); with ``rules``, also the forms the stemmer would not reduce to it."""
    a = analyzer(language)
    form = word.casefold()
    if "-" in form:
        return frozenset((form, *a.hyphen_terms(form)))
    lemmas = a.lemmas(form)
    if rules is None or lemmas or language not in rules.inflection:
        return frozenset((form, *lemmas))
    return frozenset((form, *(t for other in _other_forms(form, rules) for t in (other, *a.lemmas(other)))))


def _other_forms(form: str, rules: TaggingRules) -> list[str]:
    """The forms of a Swedish word the stemmer leaves as it is that stand for it too: without a
    neuter adjective's ending ("grönt": "grön", whose stem "gröna" and "grönare" share), with a
    definite ending after a vowel ("ekonomi": "ekonomin")."""
    out = [form[:-len(e)] for e in rules.key_cut if form.endswith(e) and len(form) > len(e) + 2]
    if form[-1:] in rules.vowels:
        out += [form + e for e in rules.key_add]
    return out


def _phrase(text: str, kind: str, language: str, rules: TaggingRules) -> Phrase | None:
    words = [w.form for w in read_words(text, language)]
    return Phrase(tuple(keys(w, language, rules) for w in words), text, kind) if words else None


def _title_words(goal: Goal, language: str) -> list[Word]:
    """The words of a goal's title but its stop words."""
    return [word for word in read_words(goal.title, language) if not is_stop_word(word.form)]


def _title_phrase(goal: Goal, language: str, rules: TaggingRules) -> Phrase | None:
    """The title as an explicit mention: every word of it in order ("Elinvoima ja kasvu"), the
    organisation's name too ("Viisas Kemi"), when it has two words or more that are not stop
    words and one of them is not a general word ("Hyvä kunta" is not a mention)."""
    words = read_words(goal.title, language)
    content = [w for w in words if not is_stop_word(w.form)]
    if len(content) < 2 or not any(_specific(w, rules) for w in content):
        return None
    return Phrase(tuple(keys(w.form, language, rules) for w in words), goal.title, TITLE_WORD)


def _specific(word: Word, rules: TaggingRules) -> bool:
    """Whether a title word is evidence alone: long enough, not one of the general words."""
    forms = (word.form, *word.lemmas)
    return len(word.form) >= rules.min_title_word and not any(
        f in rules.generic_words or f.endswith(rules.generic_endings) for f in forms)


def profiles(strategy: Strategy, language: str, rules: TaggingRules) -> tuple[GoalProfile, ...]:
    """The profile of every goal and sub-goal of ``strategy``, each goal before its sub-goals."""
    organization = {t for w in read_words(strategy.organization, language) for t in (w.form, *w.lemmas)}

    def own(goal: Goal) -> tuple[list[Phrase], Phrase | None]:
        phrases = [p for k in goal.keywords if (p := _phrase(k, KEYWORD, language, rules))]
        words = _title_words(goal, language)
        # alone, a title word is evidence when it is specific and not the organisation's name
        phrases += [Phrase((keys(word.form, language, rules),), word.form, TITLE_WORD) for word in words
                    if _specific(word, rules) and not ({word.form, *word.lemmas} & organization)]
        return phrases, _title_phrase(goal, language, rules)

    out = []
    for goal in strategy.goals:
        phrases, title = own(goal)
        subs = [(sub, *own(sub)) for sub in goal.subgoals]
        everything = phrases + [p for _, sub_phrases, _ in subs for p in sub_phrases]
        meaning = " ".join([goal.title, goal.description or "", *goal.keywords])
        out.append(GoalProfile(goal.id, None, goal.title, _unique(everything), title, meaning))
        for sub, sub_phrases, sub_title in subs:
            out.append(GoalProfile(sub.id, goal.id, sub.title, _unique(sub_phrases), sub_title,
                                   " ".join([sub.title, sub.description or "", *sub.keywords])))
    return tuple(out)


def name_keywords(strategy: Strategy, rules: TaggingRules) -> list[tuple[str, str]]:
    """(goal id, keyword) of the keywords that name a body, an office or an organisation
    ("nuorisovaltuusto", "välfärdsnämnd"), read as Finnish and as Swedish: names are never
    evidence, so such a keyword can never match."""
    from .text import is_name

    return [(goal.id, keyword) for goal in strategy.all_goals() for keyword in goal.keywords
            if any(is_name(word.form, word.lemmas, rules, language) for language in ("fi", "sv")
                   for word in read_words(keyword, language)[-1:])]


def _unique(phrases: list[Phrase]) -> tuple[Phrase, ...]:
    seen: dict[tuple[frozenset[str], ...], Phrase] = {}
    for p in phrases:
        seen.setdefault(p.words, p)
    return tuple(seen.values())


__all__ = ["Phrase", "GoalProfile", "profiles", "keys", "name_keywords", "KEYWORD", "TITLE_WORD"]
