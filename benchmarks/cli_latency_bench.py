#!/usr/bin/env python3
"""Command-line latency (issue 13): process start to exit of ``minutes --help`` and ``minutes search``
over a 100,000-item store, beside the bare interpreter measured in the same run.

The store is built once with the project's own API (``search_bench.generate`` items, ``Store.upsert``,
``refresh_search`` as ``minutes ingest`` does) and kept under ``--workdir``; later runs reuse it.
Each command runs as a subprocess ``--runs`` times; reported are the median and p90 wall time, the
ratio of the median to ``python -c pass`` (machines are noisy, the ratio less so) and PASS/FAIL
against the budget (0.3 s). Then ``python -X importtime`` of the search command: the 15 imports
with the largest cumulative time, so the next person sees where the time goes.

    python benchmarks/cli_latency_bench.py [--workdir /tmp/minutes-cli-bench] [--items 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from search_bench import build  # noqa: E402

BUDGET = 0.3   # seconds, process start to exit


def build_store(workdir: Path, n_items: int) -> Path:
    """The store of ``n_items`` generated items under ``workdir`` (``search_bench.build``: the
    items stored, then the impact lists as ``minutes ingest`` makes them), built unless already there."""
    path = workdir / f"store-{n_items}.db"
    done = workdir / f"store-{n_items}.done"
    if path.exists() and done.exists():
        return path
    workdir.mkdir(parents=True, exist_ok=True)
    elapsed, _ = build(path, n_items, lemmas=True)
    done.write_text(f"{n_items} items in {elapsed:.0f} s\n")
    return path


def wall(argv: list[str], env: dict, runs: int) -> list[float]:
    """Wall times of ``runs`` runs of ``argv`` (after one unmeasured warm-up run); a failing run stops the bench."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
        if i:
            times.append(elapsed)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8] if len(values) > 1 else values[0]


def import_times(argv: list[str], env: dict, top: int = 15) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of the ``top`` imports with the largest cumulative time."""
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cumulative), int(own), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/minutes-cli-bench"))
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keyword", default="valtuusto")
    parser.add_argument("--two-words", default="strategia valtuusto")
    args = parser.parse_args()

    db = str(build_store(args.workdir, args.items))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    python = sys.executable
    commands = [
        ("python -c pass (baseline)", [python, "-c", "pass"]),
        ("minutes --help", [python, "-m", "minutes", "--help"]),
        (f"minutes search {args.keyword}", [python, "-m", "minutes", "search", args.keyword, "--db", db]),
        (f"minutes search '{args.two_words}'", [python, "-m", "minutes", "search", args.two_words, "--db", db]),
        (f"minutes search {args.keyword} --format json",
         [python, "-m", "minutes", "search", args.keyword, "--db", db, "--format", "json"]),
    ]
    results = [(label, wall(argv, env, args.runs)) for label, argv in commands]
    baseline = statistics.median(results[0][1])
    print(f"{args.items} items ({db}), {args.runs} runs each, {os.cpu_count()} CPUs, budget {BUDGET} s")
    print(f"{'command':44} {'median s':>9} {'p90 s':>7} {'x base':>7}  verdict")
    for i, (label, times) in enumerate(results):
        median = statistics.median(times)
        verdict = "" if i == 0 else ("PASS" if p90(times) < BUDGET else "FAIL")
        print(f"{label:44} {median:9.3f} {p90(times):7.3f} {median / baseline:7.2f}  {verdict}")
    print(f"\npython -X importtime -m minutes search {args.keyword}: top 15 cumulative imports")
    print(f"{'cumul ms':>9} {'self ms':>8}  module")
    for cumulative, own, name in import_times(commands[2][1], env):
        print(f"{cumulative / 1000:9.1f} {own / 1000:8.1f}  {name}")


if __name__ == "__main__":
    main()
