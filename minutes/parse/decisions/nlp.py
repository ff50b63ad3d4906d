"""spaCy, loaded once per process: the rule pipeline (spaCy's Finnish tokenizer and a Matcher of
the cue patterns in ``models/decision_patterns.jsonl``, matched sentence by sentence) and, lazily
and only when asked for, the statistical Finnish pipeline ``spacy-fi-experimental-web-md`` (the
``minutes[nlp]`` extra). Nothing is ever downloaded: a missing model is reported, not fetched.
Sentences are cut by rule (``sentences``, ``rough_sentences``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from minutes.language.models import STATISTICAL_MODEL

from .anchors import AnchorIndex, anchor_of
from .data import load_decision_data

_ORDINAL_END = regex.compile(r"(?:^|\s)(?:\d{1,2}|[IVX]{1,3}|ym|mm|esim|ns|n|em|klo|s|yms|vrt|ks|puh|dnro|nro|tms)\.\s*$",
                             regex.IGNORECASE)

MISSING_MODEL = ("person names in meetings without a participant list were not read: the Finnish model "
                 "spacy-fi-experimental-web-md is not installed (pip install 'minutes[nlp]')")


@dataclass(frozen=True)
class Cue:
    """A cue phrase found in a text: its pattern's label, the phrase and the sentence holding it."""

    label: str
    text: str
    sentence: str
    start: int          # character offsets of the phrase in the text
    end: int


@functools.lru_cache(maxsize=1)
def rules():
    """The rule pipeline: ``(nlp, matchers, anchors)``: spaCy's Finnish tokenizer, a Matcher of each
    cue pattern alone, and the patterns' anchors (``anchors.AnchorIndex``): a pattern's Matcher
    runs only on a sentence holding its anchor."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("fi")
    matchers, anchors = [], []
    for entry in load_decision_data().patterns:
        matcher = Matcher(nlp.vocab)
        matcher.add(entry["label"], [[_plain(token) for token in entry["pattern"]]])
        matchers.append(matcher)
        anchors.append(anchor_of(entry["pattern"]))
    return nlp, tuple(matchers), AnchorIndex(anchors)


_ALTERNATIVES = regex.compile(r"\^\(?((?:[\p{L}-]+\|)*[\p{L}-]+)\)?\$")


def _plain(token: dict) -> dict:
    """A token pattern whose ``LOWER`` regex is only a list of words ("^(pantiin|jätti)$") as the
    same words in a set (``IN``): the Matcher tests a set in constant time, a regex per token."""
    lower = token.get("LOWER")
    if isinstance(lower, dict) and set(lower) == {"REGEX"}:
        m = _ALTERNATIVES.fullmatch(lower["REGEX"])
        if m:
            return {**token, "LOWER": {"IN": m.group(1).split("|")}}
    return token


CHUNK = 50_000      # characters of one sentence given to spaCy at most (its limit is 1,000,000)
MODEL_TEXT = 20_000     # characters of one section the statistical pipeline reads (names come early)
MODEL_SENTENCE = 600    # characters of one sentence it reads


@functools.lru_cache(maxsize=256)
def find_cues(text: str) -> tuple[Cue, ...]:
    """The cue phrases of ``text`` in text order, the longest at each place (possibly none)."""
    if not text.strip():
        return ()
    nlp, matchers, anchors = rules()
    if not anchors.patterns(text):
        return ()
    out = []
    for offset, sentence in rough_sentences(text):
        run = anchors.patterns(sentence)
        if not run:                 # only a sentence holding an anchor is tokenised,
            continue
        doc = nlp.make_doc(sentence[:CHUNK])
        for k in run:               # and only the patterns it anchors are matched
            for match_id, start, end in matchers[k](doc):
                span = doc[start:end]
                out.append(Cue(nlp.vocab.strings[match_id], span.text, sentence, offset + span.start_char,
                               offset + span.end_char))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return tuple(out)


_ROUGH_END = regex.compile(r"(?<=[.!?][)”\"]?)\s+(?=[\p{Lu}\d])|\n(?=\s*\p{Lu})")


def rough_sentences(text: str) -> list[tuple[int, str]]:
    """``text`` cut into sentences by punctuation and line starts, as ``(offset, sentence)``: the
    units the cue patterns are matched in (a cue never spans two)."""
    out, start = [], 0
    for m in _ROUGH_END.finditer(text):
        if m.start() > start and not _ORDINAL_END.search(text[start:m.start()]):
            out.append((start, text[start:m.start()]))
            start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


_SENTENCE_END = regex.compile(r"(?<=[.!?][)”\"]?)\s+(?=[\p{Lu}\d”\"])")


@functools.lru_cache(maxsize=64)
def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """The sentences of ``text`` as ``(offset, sentence)`` pairs: cut after a full stop, question or
    exclamation mark followed by a capital or a digit, never after an ordinal or an abbreviation
    ("2. varapuheenjohtaja", "ym. muutokset"), and never at a line break alone (a name may wrap)."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start and not _ORDINAL_END.search(text[start:m.start()]):
            out.append((start, text[start:m.start()]))
            start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def statistical():
    """The statistical Finnish pipeline, or None when the ``minutes[nlp]`` extra is not installed."""
    try:
        import spacy

        # names, organisations and places are all it is asked for: the named-entity recogniser alone
        return spacy.load(STATISTICAL_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler",
                                                     "tagger", "morphologizer"])
    except (ImportError, OSError):
        return None


def is_statistical_loaded() -> bool:
    """Whether this process has loaded the statistical pipeline (for benchmarks and tests)."""
    return statistical.cache_info().currsize > 0
