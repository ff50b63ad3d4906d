"""Every sample parses into exactly its golden record (regenerate: python scripts/make_golden.py)."""

import json
from pathlib import Path

import pytest

from minutes import parse_document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in {".pdf", ".docx", ".html", ".txt"}) \
    + sorted((ROOT / "samples").glob("*-opennc/node_*_contents.json"))


def test_every_sample_has_a_golden_file():
    assert SAMPLES, "samples/ is empty"
    assert {p.name + ".json" for p in SAMPLES} == {p.name for p in GOLDEN.glob("*.json")}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_matches_golden(sample, monkeypatch):
    monkeypatch.chdir(ROOT)
    record = parse_document(sample.relative_to(ROOT)).to_dict()
    expected = json.loads((GOLDEN / f"{sample.name}.json").read_text(encoding="utf-8"))
    assert record == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_sources_are_reproducible(sample, tmp_path):
    """The committed samples are what scripts/make_samples.py makes from samples/source."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    made = tmp_path / sample.relative_to(ROOT / "samples")
    assert made.exists()
    if sample.suffix == ".json":    # an API export: every file of its folder
        assert sorted(p.name for p in made.parent.iterdir()) == sorted(p.name for p in sample.parent.iterdir())
        assert all((made.parent / p.name).read_bytes() == p.read_bytes() for p in sample.parent.iterdir())
    elif sample.suffix in {".txt", ".html"}:
        assert made.read_bytes() == sample.read_bytes()
    else:   # containers carry timestamps; their parse must be the same
        assert parse_document(made).to_dict()["items"] == parse_document(sample).to_dict()["items"]
