#!/usr/bin/env python3
"""Load check of ``minutes serve`` (issue 15): N concurrent clients on loopback search and open
items for a bounded time over a store of at least 100,000 items; p50/p95 latency per kind of
request and the errors (none allowed: the exit code is 1 when there is one).

The store is ``search_bench``'s generated archive (built once under ``--dir`` and reused). The
server is the command itself (``minutes serve``, uvicorn). Each client loops: a search page for a
word or a question (the search's hits, total and facet counts), the JSON of the same search, then
the page of one of its hits. The baseline, measured in the same run on the same store, is the
work the pages rest on called in-process by one caller (``Backend.search`` + ``facets`` + ``show``):
the ratios say what the web layer and the concurrency add.

    python benchmarks/web_load_bench.py [--items 100000] [--clients 8] [--seconds 60] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cli_latency_bench import build_store  # noqa: E402
from search_bench import QUESTIONS, TARGETS  # noqa: E402

HIT = re.compile(r'<h3><a href="(/item/[^"]+)">')
WORDS = sorted({form for forms in TARGETS.values() for form in forms} | set(TARGETS))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def queries(rng: random.Random) -> str:
    return rng.choice(QUESTIONS) if rng.random() < 0.25 else rng.choice(WORDS)


def baseline(db: Path, seconds: float, seed: int) -> dict[str, list[float]]:
    """The store's own work for the same requests, one caller, in-process."""
    from minutes.store import open_store

    rng = random.Random(seed)
    out: dict[str, list[float]] = {"search": [], "item": []}
    with open_store(db, readonly=True) as store:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            q = queries(rng)
            start = time.perf_counter()
            results = store.search(q, limit=20)
            store.facets(q, any_words=results.mode == "any")
            out["search"].append(time.perf_counter() - start)
            if results.hits:
                start = time.perf_counter()
                store.show(rng.choice(results.hits).item_id)
                store.chain(results.hits[0].item_id)
                out["item"].append(time.perf_counter() - start)
    return out


async def client(base: str, end: float, seed: int, latencies: dict[str, list[float]], errors: list[str]) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.perf_counter() < end:
            q = queries(rng)
            items: list[str] = []
            for kind, url, params in [("search", "/search", {"q": q}), ("api", "/api/search", {"q": q})]:
                start = time.perf_counter()
                try:
                    response = await http.get(url, params=params)
                except httpx.HTTPError as exc:
                    errors.append(f"{url}?q={q}: {exc!r}")
                    continue
                latencies[kind].append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors.append(f"{url}?q={q}: {response.status_code}")
                elif kind == "search":
                    items = HIT.findall(response.text)
            if not items:
                continue
            start = time.perf_counter()
            try:
                response = await http.get(rng.choice(items))
                latencies["item"].append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors.append(f"{response.url}: {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"item: {exc!r}")


async def load(base: str, clients: int, seconds: float, seed: int) -> tuple[dict[str, list[float]], list[str], float]:
    latencies: dict[str, list[float]] = {"search": [], "api": [], "item": []}
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(client(base, start + seconds, seed + k, latencies, errors) for k in range(clients)))
    return latencies, errors, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="minutes serve --workers")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/minutes-web-bench"))
    args = parser.parse_args()

    db = build_store(args.dir, args.items)
    from minutes.store import open_store

    with open_store(db, readonly=True) as store:
        stored = store.counts()["items"]
    print(f"store: {db} ({stored} items)")
    if stored < 100_000 and args.items >= 100_000:
        print("the store holds fewer than 100,000 items", file=sys.stderr)
        return 1

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(server.stderr.read().decode(errors="replace"), file=sys.stderr)
                    return 1
                time.sleep(0.3)
        print(f"baseline: the store's work in-process, one caller, {args.seconds / 4:.0f} s")
        direct = baseline(db, args.seconds / 4, seed=1)
        print(f"load: {args.clients} clients for {args.seconds:.0f} s on {base} ({args.workers} server process(es))")
        latencies, errors, elapsed = asyncio.run(load(base, args.clients, args.seconds, seed=100))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    total = sum(len(v) for v in latencies.values())
    print(f"\n{total} requests in {elapsed:.1f} s ({total / elapsed:.1f}/s), errors: {len(errors)}")
    print(f"{'request':<28}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    rows = [("search page (with facets)", latencies["search"]), ("/api/search", latencies["api"]),
            ("item page", latencies["item"]), ("baseline: search + facets", direct["search"]),
            ("baseline: show + chain", direct["item"])]
    for label, values in rows:
        if values:
            print(f"{label:<28}{len(values):>7}{percentile(values, 50) * 1000:>10.1f}"
                  f"{percentile(values, 95) * 1000:>10.1f}{max(values) * 1000:>10.1f}")
    if direct["search"] and latencies["search"]:
        print(f"\nratio search page p50 / baseline p50: "
              f"{statistics.median(latencies['search']) / statistics.median(direct['search']):.2f}"
              f" (with {args.clients} concurrent clients on {args.workers} process(es))")
    if direct["item"] and latencies["item"]:
        print(f"ratio item page p50 / baseline p50: "
              f"{statistics.median(latencies['item']) / statistics.median(direct['item']):.2f}")
    for error in errors[:20]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
