"""The language data of decisions (models/decisions.toml, models/decision_patterns.jsonl): every
pattern compiles, every cue label has Finnish and Swedish patterns, the spaCy Matcher accepts them,
and the evaluation script says so and exits 0 when the real corpus is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import regex

from minutes.parse.decisions.data import CUE_LABELS, FLAGS, load_decision_data
from minutes.parse.decisions.nlp import find_cues, rules

ROOT = Path(__file__).resolve().parent.parent


def test_every_regular_expression_compiles():
    data = load_decision_data()
    count = 0
    for table, values in data.raw.items():
        for key, value in values.items():
            for pattern in (value if isinstance(value, list) else [value]):
                if isinstance(pattern, str) and any(c in pattern for c in "\\(|?["):
                    regex.compile(pattern, FLAGS)
                    count += 1
    assert count >= 20


def test_every_cue_label_has_finnish_and_swedish_patterns():
    data = load_decision_data()
    for label in CUE_LABELS:
        langs = {p["lang"] for p in data.patterns if p["label"] == label}
        assert langs == {"fi", "sv"}, label


def test_the_matcher_takes_every_pattern():
    _, matchers, anchors = rules()
    assert len(matchers) == len(load_decision_data().patterns)
    assert all(len(m) == 1 for m in matchers)
    assert not [k for k, _ in anchors.open if _ is None]      # every pattern has a word that gates it
    assert [c.label for c in find_cues("Asia jätettiin pöydälle.")] == ["tabled"]
    assert [c.label for c in find_cues("Ärendet bordlades.")] == ["tabled"]


def test_trigger_words_gate_the_rest():
    trigger = load_decision_data().trigger
    assert trigger.search("Suoritetussa äänestyksessä")
    assert trigger.search("Ledamoten anmälde jäv")
    assert not trigger.search("Lautakunta hyväksyi ehdotuksen.")


def test_decisions_eval_without_the_corpus(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "decisions_eval.py"), "--corpus",
                          str(tmp_path / "absent")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert "corpus not found" in out.stdout
