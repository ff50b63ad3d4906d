#!/usr/bin/env python3
"""Search at archive scale: a store of generated items, with and without lemmas, in one run.

Items are generated from the sample documents' sentences, with words of known lemmas inserted in
inflected and compound forms (the table below), so recall is known exactly. Two databases are built
with the real store code: one with the Voikko lemma index (the product) and one plain FTS5 index of
printed forms (Voikko switched off). Reported: ingest rate, database size, query latency p50/p95
for single-word and two-word queries and for questions as people type them (stop words, words no
item holds together: the real ``search`` with its total, bm25 ranking, join to meetings, top 20),
and recall of the inflected query set. ``--reuse`` measures databases built by an earlier run
(the same ``--items``) instead of building them again.

    python benchmarks/search_bench.py [--items 1000000] [--dir /tmp/minutes-bench] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEMS_PER_MEETING = 20

# lemma -> forms printed in minutes (inflected, derived, compound), written by the team
TARGETS = {
    "strategia": ["kaupunkistrategiasta", "strategian", "strategiaa", "kuntastrategian", "strategiassa"],
    "valtuusto": ["kaupunginvaltuuston", "valtuustolle", "valtuustossa", "kaupunginvaltuustolle", "valtuuston"],
    "tilinpäätös": ["tilinpäätöksen", "tilinpäätöstä", "tilinpäätökseen", "tilinpäätöksessä"],
    "avustus": ["avustukset", "avustuksesta", "valtionavustusta", "avustuksia", "kohdeavustuksen"],
    "talousarvio": ["talousarvion", "talousarviossa", "talousarvioon", "talousarviota"],
    "kaava": ["asemakaavan", "yleiskaavaa", "kaavoituksen", "maakuntakaavassa", "kaavan"],
    "koulu": ["koulujen", "kouluverkosta", "alakoulun", "koulussa", "yläkouluun"],
    "uimahalli": ["uimahallin", "uimahallissa", "uimahallia"],
    "sopimus": ["sopimuksen", "yhteistyösopimusta", "urakkasopimukseen", "sopimukset"],
    "lausunto": ["lausunnon", "lausuntoa", "lausunnossaan", "lausuntopyyntöön"],
    "investointi": ["investoinnit", "investointien", "investointiohjelmaan", "investointeja"],
    "liikunta": ["liikuntapaikkojen", "liikuntatoimen", "liikunnan", "liikuntapalvelut"],
    "henkilöstö": ["henkilöstön", "henkilöstökertomuksen", "henkilöstöä"],
    "vero": ["kiinteistöveron", "verotulot", "veroprosentin", "tuloveroa"],
    "tie": ["yksityisteiden", "tiekunnan", "tien", "katutiet"],
}
TWO_WORD = [("strategia", "valtuusto"), ("tilinpäätös", "valtuusto"), ("avustus", "liikunta"),
            ("kaava", "lausunto"), ("koulu", "investointi"), ("talousarvio", "henkilöstö"),
            ("sopimus", "tie"), ("vero", "talousarvio"), ("uimahalli", "investointi"), ("avustus", "koulu")]


# questions as typed, the team's own: stop words, inflected forms, words that rarely meet in one item
QUESTIONS = ["Mikä on kaupunkistrategian tilanne valtuustossa?", "Milloin tilinpäätös hyväksyttiin?",
             "Mitä avustuksia liikuntapaikkojen ylläpitoon myönnettiin?",
             "Miten kaava ja lausunto koulujen alueesta käsiteltiin?",
             "Paljonko investointeja uimahalliin ja kouluun tehtiin vuodelle 2025?",
             "Onko henkilöstön määrä kasvanut talousarviossa?",
             "Mitä sopimuksia yksityisteiden kunnossapidosta on tehty?",
             "Kuka päätti kiinteistöveron ja tuloveron muutoksesta?",
             "Mitä valtuustolle esitettiin liikunnan ja koulujen avustuksista koskien vuotta 2024?",
             "Miten strategia näkyy investointiohjelmassa ja henkilöstökertomuksessa?"]


def sentences() -> tuple[list[str], list[str]]:
    texts, titles = [], []
    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            if item["title"]:
                titles.append(item["title"])
            for section in item["sections"]:
                texts += [s.strip() + "." for s in " ".join(section["text"].split()).split(". ") if len(s) > 20]
    return texts, titles


def generate(n_items: int, seed: int = 7):
    """Records of ITEMS_PER_MEETING items each, and for every lemma the item numbers containing it."""
    from minutes.record import Item, Meeting, Record, Section, Source

    rng = random.Random(seed)
    texts, titles = sentences()
    truth: dict[str, set[int]] = {lemma: set() for lemma in TARGETS}
    lemmas = list(TARGETS)
    bodies = ["Kaupunginhallitus", "Kaupunginvaltuusto", "Sivistyslautakunta", "Tekninen lautakunta"]
    k = 0
    meeting_no = 0
    while k < n_items:
        meeting_no += 1
        day = date(2015, 1, 1) + timedelta(days=meeting_no % 3650)
        body = bodies[meeting_no % len(bodies)]
        items = []
        for j in range(min(ITEMS_PER_MEETING, n_items - k)):
            k += 1
            chosen = rng.sample(lemmas, rng.choice((1, 1, 2, 3)))
            for lemma in chosen:
                truth[lemma].add(k)
            words = [rng.choice(TARGETS[lemma]) for lemma in chosen]

            def text(count: int) -> str:
                return " ".join(rng.choice(texts) for _ in range(count))

            inserted = " ".join(f"Asia koskee myös {w} valmistelua." for w in words)
            where = rng.randrange(3)
            sections = (
                Section("background", None, text(3) + (" " + inserted if where == 0 else "")),
                Section("proposal", "Ehdotus", text(1) + (" " + inserted if where == 1 else "")),
                Section("decision", "Päätös", text(1) + (" " + inserted if where == 2 else "")),
            )
            items.append(Item(f"bench/{body.lower().replace(' ', '-')}/{day}/{j + 1}-{meeting_no}", j + 1,
                              rng.choice(titles), sections=sections))
        yield Record(Source(f"/bench/{meeting_no}.pdf", f"{meeting_no:064x}", "pdf", 10), "minutes", "fi",
                     Meeting("Vertailukaupunki", body, f"{meeting_no}/x", day), tuple(items)), truth


def build(path: Path, n_items: int, lemmas: bool) -> tuple[float, dict]:
    import minutes.language.analysis as analysis
    from minutes.store.diagnostics import checkpoint
    from minutes.store.sqlite import Store

    if not lemmas:
        analysis.analyzer.cache_clear()
        original = analysis.analyzer
        analysis.analyzer = lambda language: analysis.SurfaceAnalyzer()   # type: ignore[assignment]
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    truth: dict = {}
    with Store(path) as store:
        for n, (record, truth) in enumerate(generate(n_items), start=1):
            store.upsert(record)
            if n % 5000 == 0:
                done = n * ITEMS_PER_MEETING
                print(f"  {path.name}: {done} items, {done / (time.perf_counter() - start):.0f} items/s",
                      file=sys.stderr, flush=True)
        refresh_start = time.perf_counter()
        rebuilt = store.refresh_search()     # what `minutes ingest` does at the end of a batch
        print(f"  {path.name}: impact lists for {rebuilt} frequent terms in "
              f"{time.perf_counter() - refresh_start:.0f} s", file=sys.stderr, flush=True)
        checkpoint(store)
    elapsed = time.perf_counter() - start
    if not lemmas:
        analysis.analyzer = original   # type: ignore[assignment]
        analysis.analyzer.cache_clear()
    return elapsed, truth


def latencies(path: Path, queries: list[str], lemmas: bool, repeat: int) -> list[float]:
    import minutes.language.analysis as analysis
    from minutes.store.search import search
    from minutes.store.sqlite import Store

    original = analysis.analyzer
    if not lemmas:
        analysis.analyzer = lambda language: analysis.SurfaceAnalyzer()   # type: ignore[assignment]
    out = []
    with Store(path) as store:
        for query in queries:
            search(store, query)    # warm the page cache once
            for _ in range(repeat):
                start = time.perf_counter()
                search(store, query, limit=20)
                out.append((time.perf_counter() - start) * 1000)
    analysis.analyzer = original   # type: ignore[assignment]
    return out


def recall(path: Path, truth: dict[str, set[int]], lemmas: bool) -> float:
    import minutes.language.analysis as analysis
    from minutes.store.diagnostics import index_matches
    from minutes.store.sqlite import Store

    original = analysis.analyzer
    if not lemmas:
        analysis.analyzer = lambda language: analysis.SurfaceAnalyzer()   # type: ignore[assignment]
    found = total = 0
    with Store(path) as store:
        for lemma, items in truth.items():
            rows = index_matches(store, lemma)
            found += len(rows & items)
            total += len(items)
    analysis.analyzer = original   # type: ignore[assignment]
    return found / total


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/minutes-bench"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="measure the databases an earlier run built")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    single = list(TARGETS)
    double = [f"{a} {b}" for a, b in TWO_WORD]
    rows = []
    for label, lemmas in (("plain FTS5 (printed forms)", False), ("minutes (Voikko lemmas)", True)):
        path = args.dir / ("lemmas.db" if lemmas else "plain.db")
        rate = None
        if args.reuse and path.is_file():
            truth: dict = {}
            for _, truth in generate(args.items):
                pass
        else:
            elapsed, truth = build(path, args.items, lemmas)
            rate = args.items / elapsed
        size = path.stat().st_size / 2**20
        one = latencies(path, single, lemmas, args.repeat)
        two = latencies(path, double, lemmas, args.repeat)
        asked = latencies(path, QUESTIONS, lemmas, args.repeat)
        rows.append((label, rate, size, pct(one, 50), pct(one, 95), pct(two, 50), pct(two, 95),
                     pct(asked, 50), pct(asked, 95), recall(path, truth, lemmas)))
    print(f"{args.items} items, {len(single)} single-word, {len(double)} two-word queries and {len(QUESTIONS)} "
          f"questions x{args.repeat} (ms)")
    print(f"{'index':28} {'items/s':>8} {'MiB':>7} {'1w p50':>7} {'1w p95':>7} {'2w p50':>7} {'2w p95':>7} "
          f"{'q p50':>7} {'q p95':>7} {'recall':>7}")
    for label, rate, size, a, b, c, d, e, f, r in rows:
        shown = f"{rate:8.0f}" if rate else f"{'reused':>8}"
        print(f"{label:28} {shown} {size:7.0f} {a:7.1f} {b:7.1f} {c:7.1f} {d:7.1f} {e:7.1f} {f:7.1f} {r:7.3f}")
    base, ours = rows[0], rows[1]
    ingest = f"ingest {ours[1] / base[1]:.2f}x, " if ours[1] and base[1] else ""
    print(f"ratios minutes/plain: {ingest}size {ours[2] / base[2]:.2f}x, p95 1-word {ours[4] / base[4]:.2f}x, "
          f"p95 2-word {ours[6] / base[6]:.2f}x, p95 questions {ours[8] / base[8]:.2f}x, "
          f"recall {ours[9] / base[9]:.2f}x")


if __name__ == "__main__":
    main()
