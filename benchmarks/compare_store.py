#!/usr/bin/env python3
"""Storing throughput of this checkout's SQLite store against another checkout's (a baseline: the
same project at an earlier commit, e.g. a `git worktree`), measured in the same run, alternating,
so that a noisy machine hurts both alike. Each round stores the same generated records
(``search_bench.generate``: meetings of 20 items) into a fresh database with each checkout's
``Store.upsert``, in a process of its own, and prints items per second and the ratio of this
checkout to the baseline (above 1.00x: faster). Parsing is left out: this measures the store.

    git worktree add ../base <commit>
    python benchmarks/compare_store.py --baseline ../base [--items 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import os, sys, time
sys.path.insert(0, os.path.join(sys.argv[1], "benchmarks")); sys.path.insert(0, sys.argv[1])
from search_bench import generate
from minutes.store.sqlite import Store
records = [r for r, _ in generate(int(sys.argv[2]))]
start = time.perf_counter()
with Store(sys.argv[3]) as store:
    for record in records:
        store.upsert(record)
print(sum(len(r.items) for r in records) / (time.perf_counter() - start))
"""


def rate(checkout: Path, items: int, folder: Path) -> float:
    db = folder / f"{checkout.name}-{len(list(folder.iterdir()))}.db"
    done = subprocess.run([sys.executable, "-c", PROBE, str(checkout), str(items), str(db)], capture_output=True,
                          text=True, env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"})
    if done.returncode:
        raise SystemExit(f"{checkout}: {done.stderr[-2000:]}")
    return float(done.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for _ in range(args.rounds):
            theirs.append(rate(args.baseline.resolve(), args.items, folder))
            ours.append(rate(ROOT, args.items, folder))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{args.items} items, {args.rounds} rounds alternating: this checkout {a:.0f} items/s "
          f"(rounds {', '.join(f'{x:.0f}' for x in ours)}), baseline {b:.0f} items/s "
          f"(rounds {', '.join(f'{x:.0f}' for x in theirs)}): {a / b:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
