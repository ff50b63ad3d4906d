"""Anchors gate the cue patterns (issue 12's throughput): a sentence is tokenised and a pattern
matched only where the pattern's most specific required word stands; gating never loses a cue."""

from __future__ import annotations

import pytest

from minutes.parse.decisions.anchors import Anchor, AnchorIndex, anchor_of, finite_words
from minutes.parse.decisions.data import load_decision_data
from minutes.parse.decisions.nlp import find_cues, rules


@pytest.mark.parametrize("expression, words", [
    ("^pöydälle$", ["pöydälle"]),
    ("^(pantiin|jätettiin)$", ["jätettiin", "pantiin"]),
    ("^(päätös|pohja)?(ehdotus|esitys)$", ["ehdotus", "esitys", "pohjaehdotus", "pohjaesitys",
                                           "päätösehdotus", "päätösesitys"]),
    ("^otto-?oikeutta(an)?$|^ottooikeutta(an)?$", ["otto-oikeutta", "otto-oikeuttaan", "ottooikeutta",
                                                   "ottooikeuttaan"]),
    ("^(hyväksyttiin|hyväksyttiin\\.)$", ["hyväksyttiin", "hyväksyttiin."]),
    ("^\\w+(n|:n)$", None),             # open-ended: not a finite list
    ("^(a|b)*$", None),
    ("pöydälle", None),                 # not anchored at both ends
])
def test_finite_words(expression, words):
    assert finite_words(expression) == words


def test_the_anchor_is_the_most_specific_required_word():
    pattern = [{"LOWER": {"IN": ["ei", "eikä"]}}, {"OP": "*"}, {"LOWER": {"REGEX": "^pöydälle$"}}]
    assert anchor_of(pattern) == Anchor(frozenset({"pöydälle"}))
    open_ended = [{"LOWER": {"REGEX": "^\\w*(valtuusto|lautakunta)$"}}, {"LOWER": "on"}]
    assert anchor_of(open_ended) == Anchor(endings=("valtuusto", "lautakunta"))
    assert anchor_of([{"OP": "?", "LOWER": "x"}, {"IS_PUNCT": True}]).always


def test_the_index_names_the_patterns_a_text_can_match():
    index = AnchorIndex([Anchor(frozenset({"pöydälle"})), Anchor(endings=("lautakunta",)),
                         Anchor(frozenset({"merkitsi", "pöydälle"}))])
    assert index.patterns("Asia jätettiin PÖYDÄLLE.") == [0, 2]
    assert index.patterns("Tekninen lautakunta päätti") == [1]
    assert index.patterns("Lautakunnan kokous") == []
    assert index.patterns("lautakunta-asia") == []         # a hyphen continues the word


@pytest.mark.parametrize("sentence, label", [
    ("Asia jätettiin pöydälle.", "tabled"),
    ("Kaupunginhallitus päätti esittää kaupunginvaltuustolle, että valtuusto hyväksyy säännön.", "referral"),
    ("Lautakunta merkitsi tiedoksi viranhaltijapäätökset.", "noted"),
    ("Ärendet bordlades.", "tabled"),
])
def test_gated_matching_finds_what_every_pattern_would(sentence, label):
    nlp, matchers, _ = rules()
    doc = nlp.make_doc(sentence)
    everything = {nlp.vocab.strings[i] for m in matchers for i, _, _ in m(doc)}
    assert {c.label for c in find_cues(sentence)} == everything
    assert label in everything


def test_every_patterns_anchor_is_a_word_list_or_endings():
    for entry in load_decision_data().patterns:
        anchor = anchor_of(entry["pattern"])
        assert anchor.words or anchor.endings, entry
