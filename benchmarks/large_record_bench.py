#!/usr/bin/env python3
"""Memory of storing one very large record: `minutes ingest` of a text of one item of N MB.

Runs `minutes ingest` in a child process on a generated text of --mb MB (one item, one decision
section) and, as the baseline in the same run, on a text of 1 MB, and prints the main process's
peak resident memory for each and its ratio to the file's size. (The workers' peak is printed by
ingest itself.)

    python benchmarks/large_record_bench.py [--mb 50]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = ("kaupunginhallitus päätti hyväksyä talousarvion muutoksen joka koskee koulujen ja päiväkotien "
         "kunnossapitoa sekä liikuntapaikkojen rakentamista vuonna").split()


def make(path: Path, mb: int) -> None:
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        out.write("Pöytäkirja 1/2025\n§ 1 Ainoa asia\nPäätös\n")
        size = 0
        while size < mb * 1_000_000:
            line = " ".join(rng.choice(WORDS) for _ in range(12)) + ".\n"
            out.write(line)
            size += len(line)


def peak_mib(path: Path, db: Path) -> tuple[float, str]:
    """The peak resident memory of a fresh `minutes ingest` of ``path`` (its own process)."""
    code = ("import resource, sys\nfrom minutes.cli import main\n"
            "try:\n    main([*sys.argv[1:]])\nexcept SystemExit:\n    pass\n"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, "ingest", str(path), "--db", str(db), "-j", "1", "-q"],
                            capture_output=True, text=True, check=True)
    peak = int(re.search(r"PEAK (\d+)", result.stderr).group(1)) / 1024
    return peak, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for mb in (1, args.mb):
            text = Path(tmp) / f"item-{mb}.txt"
            make(text, mb)
            peak, line = peak_mib(text, Path(tmp) / f"m-{mb}.db")
            rows.append((mb, peak))
            print(f"{mb:4} MB text: main process peak {peak:7.0f} MiB ({peak / mb:6.1f} MiB per MB)   {line}")
        (small_mb, small), (large_mb, large) = rows
        print(f"growth: {large - small:.0f} MiB for {large_mb - small_mb} MB more text "
              f"({(large - small) / (large_mb - small_mb):.1f} MiB per MB)")


if __name__ == "__main__":
    main()
