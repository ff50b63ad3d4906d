#!/usr/bin/env python3
"""Batch memory: does the main process stay flat as a batch grows? Generates N and 10·N small
minutes documents (text, each with its own meeting) and ingests each set in a fresh process with
two workers, printing the main process's and the largest worker's peak resident memory and the
ratio of the large batch to the small one, measured in the same run.

    python benchmarks/batch_memory_bench.py [--files 300]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_documents(folder: Path, n: int) -> None:
    base = (ROOT / "samples" / "jarvela-kh-2025-03-10.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    for k in range(n):
        text = base.replace("Pöytäkirja 3/2025", f"Pöytäkirja {k}/2025") + \
            f"\n§ {60 + k} Lisäasia {k}\nPäätös\nHyväksyttiin.\n"
        (folder / f"poytakirja-{k:06}.txt").write_text(text, encoding="utf-8")


def child(folder: str, db: str) -> None:
    """Ingest ``folder`` into ``db`` and print this process's numbers as JSON."""
    from minutes.batch.run import run_batch
    from minutes.store.sqlite import Store

    start = time.perf_counter()
    with Store(db) as store:
        summary = run_batch(store, [folder], jobs=2)
    print(json.dumps({"files": sum(summary.counts.values()), "seconds": time.perf_counter() - start,
                      "main_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_mib": summary.worker_peak_mib}))


def measure(tmp: Path, n: int) -> dict:
    folder = tmp / f"in-{n}"
    make_documents(folder, n)
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(tmp / f"{n}.db")],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300, help="documents in the small batch (the large has 10x)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        small, large = measure(Path(tmp), args.files), measure(Path(tmp), 10 * args.files)
    print(f"{'':14} {'files':>7} {'files/s':>8} {'main MiB':>9} {'worker MiB':>11}")
    for label, row in (("small batch", small), ("large batch", large)):
        print(f"{label:14} {row['files']:7d} {row['files'] / row['seconds']:8.0f} {row['main_mib']:9.0f} "
              f"{row['worker_mib']:11.0f}")
    print(f"large / small: main process memory {large['main_mib'] / small['main_mib']:.2f}x, "
          f"largest worker {large['worker_mib'] / small['worker_mib']:.2f}x for 10x the files")


if __name__ == "__main__":
    sys.exit(main())
