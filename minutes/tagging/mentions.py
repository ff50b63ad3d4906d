"""Whether a sentence names a strategy, and whose: the organisation's own ("kaupunkistrategian
mukaisesti", "strategian tavoitteet", "kaupunginhallituksen hyväksymä strategia", the strategy's
name) or another's (a regional, national, climate or other organisation's strategy:
"ilmastostrategia", "maakunnallinen strategia", "Etelä-Pohjanmaan strategia", "hyvinvointialueen
strategia", "EU:n strategia", "Vasa stads strategi", "Seinäjoki on strategiassaan",
"maakuntastrategialuonnos")."""

from __future__ import annotations

from collections.abc import Sequence

from minutes.language.analysis import is_common_word
from minutes.language.stopwords import is_stop_word

from .profile import Phrase
from .rules import TaggingRules
from .text import Word, bases, has_possessive, is_genitive, is_name, is_participle

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
                     rules: TaggingRules, language: str = "fi") -> str | None:
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
        if _another_before(words, k, organization, rules, language) \
                or _another_after(words, k, organization, rules, language) \
                or _another_subject(words, k, organization, rules, language):
            found = found or OTHER          # "Kemin kaupunkistrategia", "hyvinvointialueen strategia"
            continue
        return OWN                          # "kaupunkistrategian mukaisesti", "Lapuan strategia"
    return found


def strategy_word(word: Word, rules: TaggingRules) -> str | None:
    """The strategy word ``word`` is, in its base form ("kaupunkistrategia" for
    "kaupunkistrategiassakin", "stadsstrategi" for "stadsstrategin", "maakuntastrategia" for the
    draft "maakuntastrategialuonnoksen"), or None (also for the adjective: "strategisen")."""
    for lemma in word.lemmas:
        if lemma.endswith(rules.strategy_heads):
            return lemma
    for head in rules.strategy_heads:
        for ending in ("", *rules.strategy_endings):
            if word.form.endswith(head + ending):
                return word.form[:len(word.form) - len(ending)]
    return _draft(word, rules)


def _draft(word: Word, rules: TaggingRules) -> str | None:
    """The strategy a draft's word is of ("maakuntastrategia" for "maakuntastrategialuonnoksen",
    "klimatstrategi" for "klimatstrategiutkastet"): its base form, or its printed form with an
    inflection ending or none after the draft's word, holds a strategy word and a draft's word;
    else None."""
    texts = [t for t in (*word.lemmas, word.form) if any(head in t for head in rules.strategy_heads)]
    if not texts:
        return None                         # the common case: no strategy word in it at all
    endings = {"", *rules.strategy_endings, *(e for table in rules.inflection.values() for e in table)}
    for text in texts:
        for head in rules.strategy_heads:
            for draft in rules.drafts:
                at = text.rfind(head + draft)
                if at >= 0 and text[at + len(head) + len(draft):] in endings:
                    return text[:at + len(head)]
    return None


def _another_before(words: Sequence[Word], k: int, organization: frozenset[str], rules: TaggingRules,
                    language: str) -> bool:
    """Whether an owner among the ``window`` words before the strategy word at ``k`` makes it
    another's; the participles and numbers of a modifier between them are not counted
    ("valtakunnallisen, vuonna 2023 hyväksytyn strategian")."""
    counted, j = 0, k - 1
    while j >= 0 and counted < rules.window:
        if _owner(words, j, organization, rules, language):
            return True
        form = words[j].form
        if not (form.isdigit() or is_participle(form, language, rules)):
            counted += 1
        j -= 1
    return False


def _another_after(words: Sequence[Word], k: int, organization: frozenset[str], rules: TaggingRules,
                   language: str) -> bool:
    """Whether the strategy word at ``k`` is followed by "from" and an owner ("strategiförslaget
    från Österbottens förbund")."""
    if k + 1 >= len(words) or words[k + 1].form not in rules.from_words:
        return False
    after = range(k + 2, min(len(words), k + 2 + rules.window))
    return any(_owner(words, j, organization, rules, language)
               or _names_another(words[j], organization, rules, language) for j in after)


def _another_subject(words: Sequence[Word], k: int, organization: frozenset[str], rules: TaggingRules,
                     language: str) -> bool:
    """Whether the strategy word at ``k`` is its sentence's subject's (a third-person possessive
    suffix, "strategiassaan"; a reflexive before it, "sin strategi") and a capitalised word before
    it, not the organisation's name nor a common word opening the sentence, names that subject
    ("Naapurikunta Seinäjoki on strategiassaan…")."""
    if not (has_possessive(words[k].form, language) or (k and words[k - 1].form in rules.reflexive)):
        return False
    return any(word.capital and not _of_organization(word, organization) and not is_stop_word(word.form)
               and not (word.first and language == "fi" and is_common_word(word.form)) for word in words[:k])


def _owner(words: Sequence[Word], j: int, organization: frozenset[str], rules: TaggingRules, language: str) -> bool:
    """Whether the word at ``j`` before (or after "from") a strategy word names another owner: a
    regional, national or sectoral word; the genitive of the organisation's kind of word after
    another capitalised name ("Vasa stads"); a colon genitive ("EU:n", "THL:s"); the genitive of a
    body's or an organisation's name that is not the organisation's own ("hyvinvointialueen",
    "ministeriön", not "kaupunginhallituksen"); or a capitalised genitive naming another place or
    organisation (at the start of a sentence, one that is not a common word: "Suomen", not
    "Kaupungin")."""
    word = words[j]
    lemmas = set(word.lemmas) | {word.form}
    if lemmas & rules.other_before:
        return True
    genitive = is_genitive(word.form, language, rules)
    if genitive and lemmas & organization and j and words[j - 1].capital and not words[j - 1].first \
            and not is_stop_word(words[j - 1].form) and not _of_organization(words[j - 1], organization):
        return True                         # "Vasa stads": another place and its organisation's word
    if _of_organization(word, organization):
        return False
    if j and word.form == rules.genitive_endings.get(language) and not words[j - 1].form.isdigit() \
            and not _of_organization(words[j - 1], organization):
        return True                         # "EU:n": the abbreviation and its genitive ending
    if is_name(word.form, word.lemmas, rules, language):
        return genitive and _names_another(word, organization, rules, language)
    return word.capital and word.form.endswith(("n", "s")) and (not word.first or not is_common_word(word.form))


def _names_another(word: Word, organization: frozenset[str], rules: TaggingRules, language: str) -> bool:
    """Whether a word names a body or an organisation that is not the organisation's own: its
    council named alone ("valtuuston") or a body of its own ("kaupunginhallituksen",
    "stadsstyrelsens": the organisation's word and an own body's head)."""
    if not is_name(word.form, word.lemmas, rules, language):
        return False
    forms = bases(word.form, word.lemmas, language, rules)
    if any(f in rules.own_bodies for f in forms):
        return False
    return not (any(f.endswith(rules.own_heads) for f in forms) and not organization.isdisjoint(word.terms))


def _of_organization(word: Word, organization: frozenset[str]) -> bool:
    """Whether a word is (a form of) the organisation's name."""
    return not organization.isdisjoint((word.form, *word.lemmas))


__all__ = ["OWN", "OTHER", "strategy_mention", "find_phrase", "phrase_at"]
