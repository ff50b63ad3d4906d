#!/usr/bin/env python3
"""Beyond one machine (issue 16), two measurements, each against its baseline in the same run.

``cluster``: the same files through the local worker pool and a Dask LocalCluster of as many
workers: throughput and the overhead per file of parsing on a cluster, alternating the two (these
machines are noisy) over fresh databases. The files are ``strategy_bench``'s generated minutes
(20 items a meeting) as text, and the first ``--pdf`` of them as PDFs. The baseline is
``run_batch`` with ``jobs`` local worker processes; the other, ``run_batch(scheduler="local")``
with a LocalCluster of ``jobs`` worker processes, started inside the timed run (its start-up is
part of the overhead a user sees) and separately reported.

``stores``: SQLite against PostgreSQL on the same generated store (``search_bench.generate``:
meetings of 20 items from the samples' sentences, with words of known lemmas inflected and in
compounds; and 500 items holding ten rare words, 50 items each), at least 1,000,000 items. Each
generated record is stored into both, one after the
other, timing each store's ``upsert`` (the ingest rate, the same records, the same moments);
SQLite's impact lists are then built as ``minutes ingest`` builds them. Then search latency
(the real ``Backend.search``: total, ranking, top 20) p50/p95 for frequent words (in about a
tenth of the items), frequent word pairs, and rare words (in 10 to 100 items), with 1 and 8
concurrent reader processes, alternating the stores. PostgreSQL is a private server started for
the run (``scripts/postgres_server.sh``; ``synchronous_commit=off``, as SQLite's WAL with
``synchronous=NORMAL``: a crash loses the last commits, never a whole store), or ``--postgres URL``.
``--reuse`` measures the stores built by an earlier run in ``--dir``.

    python benchmarks/scale_bench.py cluster [--meetings 200] [--pdf 40] [--jobs 2] [--rounds 2]
    python benchmarks/scale_bench.py stores [--items 1000000] [--dir /tmp/minutes-scale] [--reuse]
                                            [--readers 1,8] [--seconds 30] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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


def cluster(args) -> int:
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


# -- SQLite against PostgreSQL --------------------------------------------------------------------
SERVER_OPTIONS = "-c synchronous_commit=off -c shared_buffers=2GB -c maintenance_work_mem=512MB -c work_mem=64MB"
FREQUENT = ["strategia", "valtuusto", "tilinpäätös", "avustus", "talousarvio", "kaava", "koulu", "sopimus"]
PAIRS = ["strategia valtuusto", "avustus liikunta", "kaava lausunto", "koulu investointi", "vero talousarvio"]


def start_server(folder: Path) -> str:
    """A private PostgreSQL server in ``folder`` (its parent readable by the server's user)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.parent.chmod(0o755)
    port = free_port()
    done = subprocess.run(["sh", str(ROOT / "scripts" / "postgres_server.sh"), "start", str(folder), str(port),
                           SERVER_OPTIONS], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"cannot start PostgreSQL: {done.stderr}")
    return done.stdout.strip()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_stores(sqlite_db: Path, url: str, n_items: int) -> dict[str, float]:
    """Store every generated record into both stores; seconds each spent storing."""
    from search_bench import generate

    from minutes.store import open_store
    from minutes.store.diagnostics import checkpoint

    for suffix in ("", "-wal", "-shm"):
        Path(str(sqlite_db) + suffix).unlink(missing_ok=True)
    spent = {"sqlite": 0.0, "postgresql": 0.0}
    started = time.perf_counter()
    with open_store(sqlite_db) as lite, open_store(url) as pg:
        for n, (record, _) in enumerate(generate(n_items), start=1):
            for name, store in (("sqlite", lite), ("postgresql", pg)):
                start = time.perf_counter()
                store.upsert(record)
                spent[name] += time.perf_counter() - start
            if n % 2500 == 0:
                done = n * ITEMS_PER_MEETING
                print(f"  {done} items in {time.perf_counter() - started:.0f} s: sqlite "
                      f"{done / spent['sqlite']:.0f} items/s, postgresql {done / spent['postgresql']:.0f} items/s",
                      file=sys.stderr, flush=True)
        for name, store in (("sqlite", lite), ("postgresql", pg)):
            start = time.perf_counter()
            store.refresh_search()                     # what `minutes ingest` does at the end of a batch
            spent[name] += time.perf_counter() - start
        checkpoint(lite)
    return spent


# rare words, the team's own: the generated items repeat the samples' sentences, so every word of
# theirs is in tens of thousands of items; these are added to RARE_ITEMS items each, in both stores
RARE = ["kirjastoautoreitti", "lumenauraussopimus", "hulevesisuunnitelma", "ulkoilureittikartta",
        "kalastuslupamaksu", "koirapuistohanke", "aurinkopaneelikatto", "kävelykatusuunnitelma",
        "venesatamalaajennus", "tekonurmikenttä"]
RARE_ITEMS = 50


def add_rare_words(sqlite_db: Path, url: str) -> None:
    """Items holding the rare words (each word in ``RARE_ITEMS`` items), stored into both stores
    unless there already."""
    from datetime import date

    from minutes.record import Item, Meeting, Record, Section, Source
    from minutes.store import open_store

    with open_store(sqlite_db) as lite, open_store(url) as pg:
        if lite.search(RARE[0]).total and pg.search(RARE[0]).total:
            return
        for n in range(RARE_ITEMS * len(RARE) // ITEMS_PER_MEETING):
            items = tuple(
                Item(f"rare/{n}/{j}", j + 1, f"Asia {j + 1}", sections=(
                    Section("proposal", "Ehdotus", f"Lautakunta hyväksyy asian, joka koskee hanketta "
                                                   f"{RARE[(n * ITEMS_PER_MEETING + j) % len(RARE)]}."),))
                for j in range(ITEMS_PER_MEETING))
            record = Record(Source(f"/bench/rare-{n}.pdf", f"{n:064x}"[::-1], "pdf", 1), "minutes", "fi",
                            Meeting("Vertailukaupunki", "Ympäristölautakunta", f"{n}/r", date(2024, 1, 1 + n % 28)),
                            items)
            lite.upsert(record)
            pg.upsert(record)
        lite.refresh_search()


def _reader(target: str, queries: dict[str, list[str]], seconds: float, seed: int, out) -> None:
    try:
        _read(target, queries, seconds, seed, out)
    except BaseException:                 # the parent hears of it instead of waiting
        import traceback

        out.put({"error": traceback.format_exc()})


def _read(target: str, queries: dict[str, list[str]], seconds: float, seed: int, out) -> None:
    import random

    from minutes.store import open_store

    rng = random.Random(seed)
    latencies: dict[str, list[float]] = {kind: [] for kind in queries}
    with open_store(target, readonly=True) as store:
        for kind, texts in queries.items():         # one unmeasured search of each kind: connections warm
            store.search(texts[0])
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            kind = rng.choice(list(queries))
            query = rng.choice(queries[kind])
            start = time.perf_counter()
            store.search(query, limit=20)
            latencies[kind].append(time.perf_counter() - start)
    out.put(latencies)


def read_load(target: str, queries: dict[str, list[str]], readers: int, seconds: float) -> dict[str, list[float]]:
    """Latencies of ``readers`` processes searching ``target`` at once for ``seconds``."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    processes = [context.Process(target=_reader, args=(target, queries, seconds, k, out)) for k in range(readers)]
    for process in processes:
        process.start()
    merged: dict[str, list[float]] = {kind: [] for kind in queries}
    for _ in processes:
        got = out.get(timeout=seconds * 20 + 600)
        if "error" in got:
            raise SystemExit(f"a reader failed:\n{got['error']}")
        for kind, values in got.items():
            merged[kind] += values
    for process in processes:
        process.join()
    return merged


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def stores(args) -> int:
    from minutes.store import open_store

    work = Path(args.dir)
    sqlite_db = work / f"scale-{args.items}.db"
    done = work / f"scale-{args.items}.done"
    server = None
    url = args.postgres
    if url is None:
        server = work / "postgres"
        if not args.reuse:
            subprocess.run(["sh", str(ROOT / "scripts" / "postgres_server.sh"), "stop", str(server)])
        url = start_server(server) if not (args.reuse and (server / "data").exists()) else None
        if url is None:                                   # the server of an earlier run, started again
            subprocess.run(["sh", str(ROOT / "scripts" / "postgres_server.sh"), "stop", str(server)])
            raise SystemExit("--reuse: start the earlier run's server yourself and pass --postgres URL")
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE scale")
        url = url.rsplit("/", 1)[0] + "/scale"
    try:
        if args.reuse and done.exists():
            print(f"reusing {sqlite_db} and {url}: {done.read_text().strip()}")
        else:
            work.mkdir(parents=True, exist_ok=True)
            spent = build_stores(sqlite_db, url, args.items)
            line = (f"{args.items} items: sqlite {args.items / spent['sqlite']:.0f} items/s "
                    f"({spent['sqlite']:.0f} s), postgresql {args.items / spent['postgresql']:.0f} items/s "
                    f"({spent['postgresql']:.0f} s)")
            done.write_text(line + "\n")
            print(line)
            print(f"ingest: postgresql time / sqlite time = {spent['postgresql'] / spent['sqlite']:.2f} "
                  "(the same records, stored one after the other)")
        add_rare_words(sqlite_db, url)
        with open_store(sqlite_db, readonly=True) as lite, open_store(url, readonly=True) as pg:
            counts = lite.counts()
            assert counts == pg.counts(), (counts, pg.counts())
            size = pg.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        print(f"both stores: {counts['items']} items, {counts['documents']} documents; sizes: sqlite "
              f"{sqlite_db.stat().st_size / 2**30:.2f} GiB, postgresql {size / 2**30:.2f} GiB")
        queries = {"frequent word": FREQUENT, "frequent pair": PAIRS, "rare word": RARE}
        results: dict[tuple[str, int], dict[str, list[float]]] = {}
        for _ in range(args.rounds):
            for readers in args.readers:
                for name, target in (("sqlite", str(sqlite_db)), ("postgresql", url)):
                    got = read_load(target, queries, readers, args.seconds)
                    for kind, values in got.items():
                        results.setdefault((name, readers), {}).setdefault(kind, []).extend(values)
        print(f"\nsearch latency, ms (p50 / p95), {args.rounds} rounds of {args.seconds:.0f} s, alternating")
        print(f"{'readers':>8} {'query':<15}{'sqlite':>18}{'postgresql':>18}{'p50 ratio':>11}{'searches/s':>22}")
        for readers in args.readers:
            for kind in queries:
                a, b = results[("sqlite", readers)][kind], results[("postgresql", readers)][kind]
                print(f"{readers:>8} {kind:<15}{percentile(a, 50) * 1000:>9.0f} /{percentile(a, 95) * 1000:>6.0f}"
                      f"{percentile(b, 50) * 1000:>11.0f} /{percentile(b, 95) * 1000:>6.0f}"
                      f"{percentile(b, 50) / percentile(a, 50):>11.2f}"
                      f"{len(a) / (args.rounds * args.seconds):>11.1f} /{len(b) / (args.rounds * args.seconds):>6.1f}")
        print("\nratio: postgresql p50 / sqlite p50 (same queries, same run); searches/s: searches of that kind "
              "a second, sqlite / postgresql, every reader together (the kinds are drawn at random, mixed)")
    finally:
        if server is not None and not args.keep:
            subprocess.run(["sh", str(ROOT / "scripts" / "postgres_server.sh"), "stop", str(server)])
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    one = sub.add_parser("cluster", help="the local pool against a Dask LocalCluster")
    one.add_argument("--meetings", type=int, default=200)
    one.add_argument("--pdf", type=int, default=40, help="meetings also ingested as PDF")
    one.add_argument("--jobs", type=int, default=2)
    one.add_argument("--rounds", type=int, default=2)
    two = sub.add_parser("stores", help="SQLite against PostgreSQL on one generated store")
    two.add_argument("--items", type=int, default=1_000_000)
    two.add_argument("--dir", default="/tmp/minutes-scale")
    two.add_argument("--reuse", action="store_true", help="measure the stores an earlier run built")
    two.add_argument("--postgres", metavar="URL", help="a running server's database instead of a private one")
    two.add_argument("--keep", action="store_true", help="leave the private server running")
    two.add_argument("--readers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8])
    two.add_argument("--seconds", type=float, default=30)
    two.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    return cluster(args) if args.mode == "cluster" else stores(args)


if __name__ == "__main__":
    sys.exit(main())
