#!/usr/bin/env python3
"""Ingest throughput of this checkout against another one (a baseline: the same project at an
earlier commit, e.g. a `git worktree`), measured in the same run, alternating, so that a noisy
machine hurts both alike. Each round runs `python -m minutes.cli ingest` of both checkouts on the
same PDFs (``-j 1``, ``--ocr never``, a fresh database each time) and reads the wall time and the
CPU time of the command and its workers. Prints pages per second and per CPU second, and the ratio
of this checkout to the baseline (above 1.00x: faster).

    git worktree add ../base <commit>
    python benchmarks/compare_ingest.py --baseline ../base [--corpus ../shared/corpus/real] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(checkout: Path, files: list[Path], db: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the command and its workers) of one ingest."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "minutes.cli", "ingest", *map(str, files), "--db", str(db), "-j", "1",
                    "--ocr", "never", "-q"], cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="the other checkout")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/*.pdf")) if args.corpus.is_dir() else []
    files = files or sorted((ROOT / "samples").glob("*.pdf"))
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(f)) for f in files)
    checkouts = {"baseline": args.baseline.resolve(), "this": ROOT}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.rounds):
            order = list(checkouts) if k % 2 == 0 else list(reversed(checkouts))
            for name in order:
                times[name].append(run(checkouts[name], files, Path(tmp) / f"{name}-{k}.db"))
    print(f"{len(files)} PDFs, {pages} pages, {args.rounds} rounds each, alternating; medians")
    print(f"{'':10} {'pages/s':>8} {'pages/CPU s':>12}")
    result = {}
    for name in checkouts:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        result[name] = (pages / wall, pages / cpu)
        print(f"{name:10} {pages / wall:8.0f} {pages / cpu:12.0f}")
    print(f"this / baseline: {result['this'][0] / result['baseline'][0]:.2f}x wall, "
          f"{result['this'][1] / result['baseline'][1]:.2f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
