#!/usr/bin/env python3
"""Regenerate tests/golden/*.json: the expected record of every file in samples/.

Run it after a deliberate parser change and review the diff before committing:
    python scripts/make_golden.py && git diff tests/golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from minutes import parse_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SUFFIXES = {".pdf", ".docx", ".html", ".txt"}


def sample_files() -> list[Path]:
    """The sample documents: the files of samples/, and the contents file of each API export
    folder (whose item files are read with it)."""
    samples = ROOT / "samples"
    return sorted(p for p in samples.iterdir() if p.suffix in SAMPLE_SUFFIXES) \
        + sorted(samples.glob("*-opennc/node_*_contents.json"))


def main() -> None:
    os.chdir(ROOT)
    out = ROOT / "tests" / "golden"
    out.mkdir(parents=True, exist_ok=True)
    for path in sample_files():
        record = parse_document(path.relative_to(ROOT))
        target = out / f"{path.name}.json"
        target.write_text(json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
