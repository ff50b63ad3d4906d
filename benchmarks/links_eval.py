#!/usr/bin/env python3
"""How many earlier handlings and decision references resolve to stored items, on the Lapua
minutes and agendas of the real corpus (../shared/corpus/real, when present).

A link can resolve only when the meeting it names is stored; the script counts, besides all
handlings and references, those whose meeting is in the database ("resolvable"), and how many of
those resolved.

    python benchmarks/links_eval.py [--corpus ../shared/corpus/real]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to evaluate")
        return 0
    from minutes.batch import run_batch
    from minutes.store.diagnostics import link_counts, unresolved_handlings
    from minutes.store.sqlite import Store

    files = sorted(p for p in args.corpus.glob("lapua-*/*.pdf"))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lapua.db") as store:
        summary = run_batch(store, files)
        print(f"{len(files)} Lapua PDFs: {summary.line()}")
        for label, total, resolvable, resolved in link_counts(store):
            print(f"{label:22} {total:5} in all, {resolvable:5} name a stored meeting, {resolved:5} resolved "
                  f"({resolved / resolvable:.1%} of those)" if resolvable else f"{label:22} {total:5} in all, none resolvable")
        for row in unresolved_handlings(store):
            print("  resolvable but unresolved:", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
