#!/usr/bin/env python3
"""The same files through the local worker pool and a Dask LocalCluster of as many workers
(issue 16): throughput and the overhead per file of parsing on a cluster, measured in one run,
alternating the two (these machines are noisy) over fresh databases.

The files are ``strategy_bench``'s generated minutes (20 items a meeting) as text, and the first
``--pdf`` of them as PDFs. The baseline is ``run_batch`` with ``jobs`` local worker processes;
the other, ``run_batch(scheduler="local")`` with a LocalCluster of ``jobs`` worker processes,
started inside the timed run (its start-up is part of the overhead a user sees) and separately
reported.

The PostgreSQL half of the issue's benchmark (SQLite against PostgreSQL on one generated store)
waits for the PostgreSQL backend.

    python benchmarks/scale_bench.py [--meetings 200] [--pdf 40] [--jobs 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from strategy_bench import ITEMS_PER_MEETING, fresh, write_meetings, write_pdfs  # noqa: E402

from minutes.batch.run import run_batch  # noqa: E402
from minutes.store.sqlite import Store  # noqa: E402


def ingest(files: list[Path], db: Path, jobs: int, scheduler: str | None) -> tuple[float, int]:
    start = time.perf_counter()
    with Store(fresh(db)) as store:
        summary = run_batch(store, files, jobs=jobs, scheduler=scheduler)
    if summary.counts["failed"] or summary.counts["inserted"] != len(files):
        raise SystemExit(f"ingest went wrong: {summary.line()}")
    return time.perf_counter() - start, summary.pages


def cluster_start(jobs: int) -> float:
    """Seconds to start and stop a LocalCluster of ``jobs`` workers and connect to it."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(jobs)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--meetings", type=int, default=200)
    ap.add_argument("--pdf", type=int, default=40, help="meetings also ingested as PDF")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "text").mkdir()
        (work / "pdf").mkdir()
        texts = write_meetings(work / "text", args.meetings * ITEMS_PER_MEETING)
        pdfs = write_pdfs(texts[:args.pdf], work / "pdf")
        print(f"{len(texts)} text files ({len(texts) * ITEMS_PER_MEETING} items), {len(pdfs)} PDFs; "
              f"{args.jobs} workers; {args.rounds} rounds, alternating")
        startup = [cluster_start(args.jobs) for _ in range(args.rounds)]
        rows = []
        for label, files in (("text", texts), ("pdf", pdfs)):
            times: dict[str, list[float]] = {"local pool": [], "Dask LocalCluster": []}
            for _ in range(args.rounds):
                times["local pool"].append(ingest(files, work / "local.db", args.jobs, None)[0])
                times["Dask LocalCluster"].append(ingest(files, work / "dask.db", args.jobs, "local")[0])
            local, dask = statistics.median(times["local pool"]), statistics.median(times["Dask LocalCluster"])
            rows.append((label, len(files), local, dask))
        print(f"\nLocalCluster start and stop ({args.jobs} workers): median {statistics.median(startup):.1f} s")
        print(f"\n{'files':<6}{'n':>6}{'local s':>10}{'files/s':>9}{'dask s':>9}{'files/s':>9}"
              f"{'ratio':>7}{'overhead/file ms':>18}")
        for label, n, local, dask in rows:
            print(f"{label:<6}{n:>6}{local:>10.1f}{n / local:>9.1f}{dask:>9.1f}{n / dask:>9.1f}"
                  f"{dask / local:>7.2f}{(dask - local) / n * 1000:>18.1f}")
        print("\nratio: Dask time / local pool time (same files, same workers, same run); overhead per file "
              "includes the cluster's start-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
