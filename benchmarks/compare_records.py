#!/usr/bin/env python3
"""The records this checkout makes against those of a baseline checkout (the project at an earlier
commit, e.g. a `git worktree`), for every document of the corpus and of samples/: how many are
byte-identical, and the first differences. For refactors that must not change behaviour.

    git worktree add ../base <commit>
    python benchmarks/compare_records.py --baseline ../base [--corpus ../shared/corpus/real] [--ocr never]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt", ".md", ".doc", ".json"}

# run inside each checkout: every file's record JSON, or its error, keyed by path
DUMP = """
import json, sys
from minutes import MinutesError, parse_document
out = {}
for path in sys.argv[3:]:
    try:
        out[path] = json.dumps(parse_document(path, ocr=sys.argv[2]).to_dict(), ensure_ascii=False, sort_keys=True)
    except MinutesError as exc:
        out[path] = f"error {type(exc).__name__}: {exc}"
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump(out, fh)
"""


def records(checkout: Path, files: list[Path], ocr: str, target: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([sys.executable, "-c", DUMP, str(target), ocr, *map(str, files)], cwd=checkout, env=env,
                   check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--ocr", default="never", choices=["never", "auto"])
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.glob("**/*") if p.suffix.lower() in SUFFIXES and p.is_file()
                   and "reference" not in p.parts) if args.corpus.is_dir() else []
    files += sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        base = records(args.baseline.resolve(), files, args.ocr, Path(tmp) / "base.json")
        this = records(ROOT, files, args.ocr, Path(tmp) / "this.json")
    different = [p for p in base if base[p] != this.get(p)]
    print(f"{len(files)} documents (--ocr {args.ocr}): {len(files) - len(different)} byte-identical records "
          f"or errors, {len(different)} different")
    for path in different[:10]:
        a, b = base[path], this[path]
        k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        print(f"  {path}: first difference at character {k}: {a[max(0, k - 60):k + 60]!r} -> {b[max(0, k - 60):k + 60]!r}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
