"""Scoring an item against the goals of a strategy, with the evidence each score rests on.

A goal's keywords and title words found in the item (as lemmas and compound parts, never inside
the name of a body, an office or an organisation, never in a sentence about another
organisation's or another level's strategy) add the weight of where they stand; the goal's
title printed in the item adds more, and a mention of this strategy adds to the goals it speaks of
(their words in its sentence) and to the item's strongest goal; for a strategy that asks for
it (``meaning: true``), the similarity of meaning (word vectors) adds what it is worth above a
floor, up to a cap, read only for the goals it can decide (their other evidence short of the
threshold by less than the cap). An item tagged with a goal whose decision rejects, tables or
returns the matter, or only takes note, or that is a report or a reply to an initiative, or that
is an agenda's proposal not yet decided, advances nothing; routine formalities are never tagged.
The weights are data: ``models/strategy_tags.toml``.

Speed: what a printed form means for the strategy (its terms, the goal phrases it begins, whether
it names a body or a strategy, its vector) is worked out once per form and kept, the stored
analyses of a text's new forms read together; an item's words are then dictionary lookups, and
only sentences with something to say are read closely."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from functools import partial

from minutes.language.analysis import HYPHENATED, hanging_parts, is_common_word
from minutes.record import GoalTag, Item, Strategy

from .meaning import Meaning, is_content, meaning
from .mentions import OTHER, OWN, phrase_at, strategy_mention, strategy_word
from .profile import KEYWORD, GoalProfile, Phrase, keys, profiles
from .rules import TaggingRules, tagging_rules
from .text import ItemText, Word, analysed, bases, is_genitive, is_name, item_text, read_words, sentence_spans

# the parts of an item its meaning is read from, in this order, up to `meaning_words` words
MEANING_FROM = ("title", "decision", "proposal")
# the stored analysis of forms: (forms, language) -> {form: (terms, base forms)} of those stored
Stored = Callable[[Collection[str], str], "dict[str, tuple[tuple[str, ...], tuple[str, ...]]]"]


@dataclass(frozen=True)
class _Form:
    """What one lower-case printed form means for the strategy."""

    terms: tuple[str, ...]
    lemmas: tuple[str, ...]
    hits: tuple[tuple[int, Phrase], ...]     # (goal, phrase) of the phrases it may begin
    titles: tuple[int, ...]                  # goals whose title phrase it may begin
    name: bool                               # names a body, an office or an organisation
    strategy: bool                           # a strategy word ("kaupunkistrategia", "strategin")
    content: bool                            # carries meaning for the vectors
    begins_name: bool                        # may begin the strategy's name
    report: bool                             # names a report or a follow-up ("toteuma", "översikten")
    initiative: bool                         # names an initiative ("valtuustoaloitteeseen", "motionen")
    ambiguous: bool                          # an initiative's word that is a common word too ("motion")


@dataclass(frozen=True)
class _Hit:
    goal: int                 # index of the profile
    phrase: Phrase
    where: str
    sentence: int             # index of the sentence
    form: str                 # the printed word it begins at
    at: int                   # that word's place in the sentence


class _Language:
    """The strategy's goals read in one language, and the forms met so far."""

    def __init__(self, strategy: Strategy, language: str, rules: TaggingRules, meaning: Meaning | None):
        self.language = language
        self.rules = rules
        self.goals = profiles(strategy, language, rules)
        index: dict[str, list[tuple[int, Phrase]]] = defaultdict(list)
        titles: dict[str, list[int]] = defaultdict(list)
        for g, profile in enumerate(self.goals):
            for phrase in profile.phrases:
                for key in phrase.words[0]:
                    index[key].append((g, phrase))
            if profile.title_phrase is not None:
                for key in profile.title_phrase.words[0]:
                    titles[key].append(g)
        self.index, self.titles = dict(index), dict(titles)
        self.organization = frozenset(t for w in read_words(strategy.organization, language)
                                      for t in (w.form, *w.lemmas))
        name_words = read_words(strategy.name, language)
        # a name of one word names the strategy only when it is no common word ("Hyvinvointi" is)
        self.name = Phrase(tuple(keys(w.form, language) for w in name_words), strategy.name, KEYWORD) \
            if len(name_words) >= 2 or (name_words and name_words[0].form not in rules.own
                                        and not is_common_word(name_words[0].form)) else None
        self.meaning = meaning
        self.vectors = [meaning.text(list(read_words(p.meaning_text, language))) if meaning else None
                        for p in self.goals]
        self.forms: dict[str, _Form] = {}
        self.interesting: set[str] = set()     # forms that begin a goal's phrase or title, or the name
        self.strategic: set[str] = set()       # strategy words
        self.naming: set[str] = set(rules.legal_forms)   # forms that name (or end a name), and legal forms
        self.form_rows: dict[str, int | None] = {}   # content words (not names): their base form's row

    def rows(self, forms: list[str]) -> list[int]:
        """The rows of the vectors of the content words of ``forms`` (their base forms'), names and
        other words left out; the forms met for the first time looked up together."""
        form_rows = self.form_rows
        new = [form for form in set(forms) if form not in form_rows]
        if new:
            wanted = {}
            for form in new:
                f = self.forms[form]
                if f.content and not f.name:
                    wanted[form] = f.lemmas[0]
                else:
                    form_rows[form] = None
            form_rows.update(zip(wanted, self.meaning.rows(list(wanted.values()))))
        return [row for row in map(form_rows.__getitem__, forms) if row is not None]

    def named(self, folded: list[str], sentence: str) -> set[int]:
        """The places in a sentence's words (``folded``, forms worked out) that stand in a name of
        several words: a name's word and the genitives and conjunctions just before it
        ("Hyvinvoinnin ja osallisuuden lautakunnassa", "Teknisen lautakunnan"), a Swedish name's
        field after it ("nämnden för fritid och ungdom"), a legal form and the capitalised words
        before or after it ("Etelä-Savon Työterveys Oy:n", "Kiinteistö Oy Koivulan Uimahalli");
        empty when the sentence names nothing."""
        if self.naming.isdisjoint(folded):
            return set()
        rules, forms = self.rules, self.forms
        out: set[int] = set()
        printed: list[str] | None = None
        for k, t in enumerate(folded):
            if t in rules.legal_forms:
                if printed is None:
                    printed = HYPHENATED.findall(sentence)
                    if len(printed) != len(folded):
                        printed = []
                out |= self._capitalised(printed, k, -1) | self._capitalised(printed, k, 1)
                continue
            if not forms[t].name:
                continue
            out.add(k)
            j = k - 1
            while j >= 0 and k - j <= rules.name_reach:
                w = folded[j]
                if not (w in rules.joining or w.endswith("-") or is_genitive(w, self.language, rules)):
                    break
                out.add(j)
                j -= 1
            out |= self._field(folded, k)
        return out

    def _capitalised(self, printed: list[str], k: int, step: int) -> set[int]:
        """The places of the words printed with a capital next to a legal form at ``k``, going
        ``step`` (-1: before it, 1: after it), up to ``name_reach`` words."""
        out, j = set(), k + step
        while 0 <= j < len(printed) and abs(k - j) <= self.rules.name_reach and printed[j][:1].isupper():
            out.add(j)
            j += step
        return out

    def _field(self, folded: list[str], k: int) -> set[int]:
        """The places of a name's field printed after its word at ``k`` ("nämnden för fritid och
        ungdom"): the word saying so and the words after it up to a word ending the field, up to
        ``name_reach`` words."""
        rules = self.rules
        if k + 1 >= len(folded) or folded[k + 1] not in rules.field_after:
            return set()
        out, j = {k + 1}, k + 2
        while j < len(folded) and j - k - 1 <= rules.name_reach and folded[j] not in rules.field_ends:
            out.add(j)
            j += 1
        return out

    def learn(self, forms: Collection[str], stored: Stored | None = None) -> None:
        """Work out forms met for the first time, their stored analyses read together."""
        found = stored(forms, self.language) if stored is not None else {}
        for form in forms:
            self.form(form, analysis=found.get(form))

    def form(self, form: str, stored: Stored | None = None,
             analysis: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> _Form:
        """What ``form`` means for the strategy, worked out once (from its ``analysis``, or its
        ``stored`` analysis, when there is one)."""
        known = self.forms.get(form)
        if known is None:
            if analysis is None and stored is not None:
                analysis = stored((form,), self.language).get(form)
            terms, lemmas = analysis or analysed(form, self.language)
            hits = tuple(h for t in terms for h in self.index.get(t, ()))
            titles = tuple(dict.fromkeys(g for t in terms for g in self.titles.get(t, ())))
            word, rules = Word(form, terms, lemmas, False, False), self.rules
            read_as = bases(form, lemmas, self.language, rules)
            known = self.forms[form] = _Form(
                terms, lemmas, hits, titles, is_name(form, lemmas, rules, self.language),
                strategy_word(word, rules) is not None, is_content(form),
                self.name is not None and not self.name.words[0].isdisjoint(terms),
                any(t.endswith(rules.report_heads) for t in read_as),
                any(t.endswith(rules.initiative_heads) for t in read_as),
                any(t in rules.ambiguous_initiatives for t in read_as))
            if hits or titles or known.begins_name:
                self.interesting.add(form)
            if known.strategy:
                self.strategic.add(form)
            if known.name:
                self.naming.add(form)
        return known


class Tagger:
    """Tags items with the goals of one strategy. ``use_meaning``: add word-vector similarity
    (when the vectors are installed); None: as the strategy says (``Strategy.meaning``)."""

    def __init__(self, strategy: Strategy, use_meaning: bool | None = None, rules: TaggingRules | None = None):
        self.strategy = strategy
        self.rules = rules or tagging_rules()
        wanted = strategy.meaning if use_meaning is None else use_meaning
        self.meaning: Meaning | None = meaning() if wanted else None
        self._languages: dict[str, _Language] = {}

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

    def _language(self, language: str) -> _Language:
        if language not in self._languages:
            self._languages[language] = _Language(self.strategy, language, self.rules, self.meaning)
        return self._languages[language]

    # -- scoring ------------------------------------------------------------------------------
    def tag(self, item: Item | ItemText, language: str = "fi", stored: Stored | None = None) -> tuple[GoalTag, ...]:
        """The goals ``item`` is tagged with (score at least the threshold), best first; a tag
        whose item's decision advances nothing says why first in its evidence. ``stored``: the
        analysis of forms already made (``store.word_forms``), read before analysing a form."""
        text = item if isinstance(item, ItemText) else item_text(item)
        rules, w = self.rules, self.rules.weights
        if rules.routine.search(text.title):
            return ()
        lang = self._language(language)
        forms, interesting, strategic = lang.forms, lang.interesting, lang.strategic
        read: list[tuple[str, str]] = []       # (where, sentence) of the sentences read closely
        hits: list[_Hit] = []
        titled: dict[int, int] = {}            # profile -> the sentence printing its title
        mentions: dict[int, list[int]] = {}    # sentence naming this strategy -> the places of its words
        content: list[str] = []                # the forms the item's meaning is read from
        title_forms: list[_Form] = []
        findall = HYPHENATED.findall
        # each text in turn: its words, sentence by sentence (its new forms worked out together, the
        # meaning read from the first), then closely the sentences holding a goal's or a strategy's
        # word; only one text's words are held at a time
        for where, part in (("title", text.title), *text.parts):
            if not part:
                continue
            spans = sentence_spans(part)
            lower = part.casefold()
            words_of = [findall(lower[a:b]) for a, b in spans] if len(lower) == len(part) \
                else [findall(part[a:b].casefold()) for a, b in spans]
            del lower
            new = set().union(*words_of).difference(forms)
            if new:
                lang.learn(new, stored)
            if where == "title":
                title_forms = [forms[t] for folded in words_of for t in folded]
            if self.meaning is not None and where in MEANING_FROM:
                for folded in words_of:
                    if len(content) >= w.meaning_words:
                        break
                    content.extend(folded[:w.meaning_words - len(content)])
            for (start, end), folded in zip(spans, words_of):
                named, about = not strategic.isdisjoint(folded), not interesting.isdisjoint(folded)
                if not named and not about:
                    continue
                sentence = " ".join(part[start:end].split())
                s = len(read)
                read.append((where, sentence))
                words: list[Word] | None = None     # the printed words, read only when needed
                if named:
                    words, folded = self._words(findall(sentence), folded, forms)
                    mention = strategy_mention(words, lang.organization, lang.name, rules, language)
                    if mention == OTHER:
                        continue               # another strategy's words are not this one's evidence
                    if mention == OWN:
                        mentions[s] = [k for k, t in enumerate(folded) if forms[t].strategy]
                if not about:
                    continue
                # a hanging part completed by a name is part of the name: "Liikunta- ja
                # harrastuslautakunta"
                in_names = {head for heads, last in hanging_parts(sentence) if "-" in sentence
                            and lang.form(last, stored).name for head in heads} if "-" in sentence else set()
                named = lang.named(folded, sentence)
                for k, t in enumerate(folded):
                    if t not in interesting or k in named:
                        continue
                    f = forms[t]
                    if f.hits and not f.name and t not in in_names:
                        for g, phrase in f.hits:
                            if len(phrase.words) > 1:
                                if words is None:
                                    words, folded = self._words(findall(sentence), folded, forms)
                                if not phrase_at(words, k, phrase):
                                    continue
                            hits.append(_Hit(g, phrase, where, s, t, k))
                    if f.titles or f.begins_name:
                        if words is None:
                            words, folded = self._words(findall(sentence), folded, forms)
                        for g in f.titles:
                            if g not in titled and phrase_at(words, k, lang.goals[g].title_phrase):
                                titled[g] = s
                        if f.begins_name and phrase_at(words, k, lang.name):
                            mentions.setdefault(s, []).append(k)
        by_goal: dict[int, list[_Hit]] = defaultdict(list)
        for hit in hits:
            by_goal[hit.goal].append(hit)
        if not by_goal and not titled:
            return ()
        raws: dict[int, tuple[float, list[tuple[float, Callable[[], str]]]]] = {}
        for g, profile in enumerate(lang.goals):
            if g not in by_goal and g not in titled:
                continue
            raw, evidence = _words(by_goal.get(g, []), read, rules)
            if g in titled:
                raw += w.explicit_goal
                evidence.append((w.explicit_goal, partial(_named_goal, profile.title, read[titled[g]][1], w.max_quote)))
            raws[g] = (raw, evidence)
        if mentions:
            self._named(raws, by_goal, titled, mentions, read)
        # the meaning, for the goals it can decide: short of the threshold by less than it can add
        tagged_from = w.tagged_from
        open_goals = [g for g, (raw, _) in raws.items() if tagged_from - w.semantic_max <= raw < tagged_from]
        if self.meaning is not None and open_goals:
            vector = self.meaning.mean(lang.rows(content))
            similarities = [self.meaning.similarity(vector, v) for v in lang.vectors]
            mean_similarity = sum(similarities) / len(similarities)
            for g in open_goals:
                gain = min(w.semantic_max, w.semantic * max(0.0, similarities[g] - mean_similarity - w.semantic_floor))
                if gain:
                    raw, evidence = raws[g]
                    evidence.append((gain, partial(_closer, similarities[g], mean_similarity)))
                    raws[g] = (raw + gain, evidence)
        scored = {g: (1 - math.exp(-raw / w.scale), evidence) for g, (raw, evidence) in raws.items()}
        return self._tags(lang.goals, scored, _blocked(text, rules, title_forms, lang))

    def _named(self, raws: dict, by_goal: dict[int, list[_Hit]], titled: dict[int, int],
               mentions: dict[int, list[int]], read: list[tuple[str, str]]) -> None:
        """Add the mention of this strategy to the goals it speaks of: those whose title or word
        stands in a sentence naming the strategy ("liikuntapaikat kunnostetaan kaupunkistrategian
        mukaisesti"), but not in the strategy's own words just before it, which say which strategy
        it is ("talousarviossa linjattu strategia"); and the goal the item is most about (its
        strongest other evidence), which a sentence like "päätös on kaupunkistrategian mukainen"
        speaks of. A goal with weaker evidence elsewhere in the item gets nothing from it."""
        w, window = self.rules.weights, self.rules.window
        best = max(raw for raw, _ in raws.values())
        for g, (raw, evidence) in raws.items():
            spoken = [h.sentence for h in by_goal.get(g, ()) if h.sentence in mentions
                      and not any(0 < at - h.at <= window for at in mentions[h.sentence])]
            if titled.get(g) in mentions:
                spoken.append(titled[g])
            if not spoken and raw < best:
                continue
            quoted = read[min(spoken) if spoken else min(mentions)][1]
            evidence.append((w.explicit_strategy, partial(_named_strategy, quoted, self.rules.strategy_heads[-1],
                                                          w.max_quote)))
            raws[g] = (raw + w.explicit_strategy, evidence)

    @staticmethod
    def _words(tokens: list[str], folded: list[str], forms: dict[str, _Form]) -> tuple[list[Word], list[str]]:
        """The words of a sentence read closely, with their case and place, and their lower-case
        forms: ``tokens`` as printed, ``folded`` as the sentence case-folded whole gave them (when
        that split a word otherwise, rare, the forms are folded word by word)."""
        if len(tokens) != len(folded):
            folded = [t.casefold() for t in tokens]
        return [Word(t, forms[t].terms, forms[t].lemmas, printed[:1].isupper(), k == 0) if t in forms
                else Word(t, (t,), (t,), printed[:1].isupper(), k == 0)
                for k, (printed, t) in enumerate(zip(tokens, folded))], folded

    def _tags(self, goals: tuple[GoalProfile, ...], scored: dict, blocked: str | None) -> tuple[GoalTag, ...]:
        w = self.rules.weights
        # a sub-goal's score counts for its parent
        position = {p.goal: g for g, p in enumerate(goals)}
        for g, profile in enumerate(goals):
            if profile.parent is not None and g in scored:
                parent = position[profile.parent]
                if scored[g][0] > scored.get(parent, (0.0, []))[0]:
                    scored[parent] = (scored[g][0], scored[g][1] + [(0.0, partial(_through, profile.goal))])
        out = []
        for g, (score, evidence) in scored.items():
            if score < w.threshold:
                continue
            lines = [line() for _, line in sorted(evidence, key=lambda e: -e[0])[: w.max_evidence]]
            if blocked:
                lines = [blocked] + lines
            out.append(GoalTag(goals[g].goal, score, blocked is None, tuple(lines), goals[g].parent))
        return tuple(sorted(out, key=lambda t: (-t.score, t.goal)))


def _words(hits: list[_Hit], read: list, rules: TaggingRules) -> tuple[float, list]:
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
    evidence = [(sum(f[0] for f in found), partial(_quoted, read[s][0], read[s][1], found, w.max_quote))
                for s, found in per_sentence.items()]
    return raw, evidence


# -- the evidence, written only for the tags kept -------------------------------------------------

def _quoted(where: str, sentence: str, found: list, limit: int) -> str:
    labels = ", ".join(dict.fromkeys(label for _, label, _ in sorted(found, key=lambda f: -f[0])))
    return f'{where}: "{_quote(sentence, found[0][2], limit)}" ({labels})'


def _named_goal(title: str, sentence: str, limit: int) -> str:
    return f'the goal "{title}" is named: "{_quote(sentence, title, limit)}"'


def _named_strategy(sentence: str, head: str, limit: int) -> str:
    return f'the strategy is named: "{_quote(sentence, head, limit)}"'


def _closer(similarity: float, mean: float) -> str:
    return (f"the item's text is closer in meaning to this goal than to the others (similarity {similarity:.2f}, "
            f"mean {mean:.2f})")


def _through(subgoal: str) -> str:
    return f"through its sub-goal {subgoal}"


def _blocked(text: ItemText, rules: TaggingRules, title: list[_Form], lang: _Language) -> str | None:
    """Why the item advances nothing (being a report or a reply to an initiative, an agenda's, or
    its decision), or None."""
    if any(f.report for f in title):
        return rules.report_why
    if _answers_initiative(text.title, title, rules, lang.language):
        return rules.initiative_why
    if text.agenda:
        return rules.agenda_why
    if text.outcome in rules.blocking:
        return rules.blocking[text.outcome]
    if text.resolution in rules.noting:
        return rules.noting[text.resolution]
    return None


def _answers_initiative(title: str, forms: list[_Form], rules: TaggingRules, language: str) -> bool:
    """Whether a title names an initiative it answers: an initiative's word anywhere in it, printed
    as what the title is about ("Valtuutettu X:n ym. valtuustoaloite…", "Nuorisovaltuuston
    aloite…") or after a reply's word in any case ("Vastaus valtuutettu X:n aloitteeseen"); one that
    is a common word too ("motion") only first, after its mover's genitive inside the title
    ("Ledamot Holms motion") or before what it is about ("…motion om…")."""
    if not any(f.initiative for f in forms):
        return False                        # the common case: no initiative's word in the title
    printed = HYPHENATED.findall(title)
    if len(printed) != len(forms):
        return False
    folded = [p.casefold() for p in printed]
    for k, f in enumerate(forms):
        if not f.initiative:
            continue
        replied = any(w in rules.replies or not rules.replies.isdisjoint(g.lemmas) for w, g in zip(folded[:k], forms))
        if not (replied or folded[k].endswith(rules.initiative_forms)):
            continue
        if not f.ambiguous or k == 0 or replied:
            return True
        # its mover: a name's genitive inside the title (a title's first word is always capitalised:
        # "Ungdomens motion" is exercise), or a colon genitive ("ledamot Ek:s motion")
        mover = k > 1 and ((printed[k - 1][:1].isupper() and is_genitive(folded[k - 1], language, rules))
                           or folded[k - 1] == rules.genitive_endings.get(language))
        if mover or (k + 1 < len(folded) and folded[k + 1] in rules.about):
            return True
    return False


def _quote(text: str, near: str, limit: int) -> str:
    """``text``, or ``limit`` characters of it around the first occurrence of ``near``."""
    if len(text) <= limit:
        return text
    at = max(text.casefold().find(near.casefold()), 0)
    start = max(0, min(at - limit // 3, len(text) - limit))
    return ("…" if start else "") + text[start:start + limit].strip() + ("…" if start + limit < len(text) else "")


__all__ = ["Tagger", "MEANING_FROM"]
