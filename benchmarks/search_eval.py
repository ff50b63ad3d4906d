#!/usr/bin/env python3
"""Evaluate search (``minutes search``) against the hand-judged questions of
benchmarks/annotations/search_questions_a.json and search_questions_b.json, on the Lapua
documents of the real corpus (../shared/corpus/real, when present).

What it measures: for each of the 64 questions, how well the top 10 hits rank the items judged
relevant (grade 2: the item's own handling answers the question; grade 1: partly relevant;
unlisted items grade 0), for the question typed verbatim and for its keyword version.

Method:

* The documents of the folders named lapua-* (not the -casem-html and -docling-md copies; the
  agenda lapua-kv-2025-11-10-esityslista is included) are ingested with ``run_batch`` (what
  ``minutes ingest`` runs) into a temporary store (or ``--db FILE``).
* A stored item is mapped to (meeting folder, § number) by the path of its document
  (``documents.path``): the folder the file was read from. An agenda folder ``X-esityslista``
  whose meeting ``X`` is also ingested maps to ``X`` (same meeting, same numbers). Hits are
  deduplicated on that key (the first rank counts) before the top 10 is cut.
* "minutes": ``Store.search(query, Filters(), 20)``, what ``minutes search "<text>"`` runs with
  its defaults (one hit per item, its decided version). A query that raises counts as no hit and
  is reported.
* "FTS5 OR" (baseline, built in the same run): a plain FTS5 table (unicode61,
  remove_diacritics 0) over every stored item version, one column holding the same printed text
  the store indexes (``item_search``: title and case id, the item's sections, its earlier
  handlings' sections), queried with the OR of the query's quoted surface words (runs of letters
  and digits), ranked by bm25().
* Metrics per system and query version: nDCG@10 (gain = grade, discount log2(rank + 1), ideal
  from the judged list), recall@10 (share of the items of grade >= 1 in the top 10), and the
  number of questions with no hit at all.

    python benchmarks/search_eval.py [--corpus ../shared/corpus/real] [--db FILE] [--per-question]
                                     [--json out.json] [-q ID]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minutes.batch import run_batch
from minutes.batch.scan import DOCUMENT_SUFFIXES
from minutes.store import Filters
from minutes.store.fulltext import GROUPS
from minutes.store.paths import read_stored_path
from minutes.store.sqlite import Store

ANNOTATIONS = [Path(__file__).resolve().parent / "annotations" / f"search_questions_{part}.json"
               for part in ("a", "b")]
SKIPPED_COPIES = ("-casem-html", "-docling-md")
AGENDA_SUFFIX = "-esityslista"
CUT = 10                    # nDCG@10, recall@10
SEARCH_LIMIT = 20           # minutes search's default --limit
BASELINE_FETCH = 50         # rows the baseline ranks before deduplicating versions
WORD = re.compile(r"[^\W_]+")
SYSTEMS = ("minutes", "FTS5 OR")
VERSIONS = ("keywords", "verbatim")

Key = tuple[str, int | None]     # (meeting folder, § number)


@dataclass(frozen=True)
class Ranked:
    """One hit of a system, mapped to its judged key."""

    key: Key
    title: str


@dataclass
class Run:
    """The answer of one system to one query."""

    hits: list[Ranked] = field(default_factory=list)
    error: str | None = None


# -- corpus and store -------------------------------------------------------------------------

def lapua_files(corpus: Path, prefix: str = "lapua-") -> list[Path]:
    """The documents of the Lapua folders, or of those named with another ``prefix`` (not the HTML
    and Markdown copies, nor SOURCE.txt)."""
    folders = [d for d in sorted(corpus.glob(f"{prefix}*"))
               if d.is_dir() and not d.name.endswith(SKIPPED_COPIES)]
    return [f for d in folders for f in sorted(d.iterdir())
            if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES and f.name != "SOURCE.txt"]


def meeting_of(folder: str, folders: set[str]) -> str:
    """The judged meeting of a folder: an agenda folder maps to its minutes' folder when stored."""
    if folder.endswith(AGENDA_SUFFIX) and folder[: -len(AGENDA_SUFFIX)] in folders:
        return folder[: -len(AGENDA_SUFFIX)]
    return folder


@dataclass
class ItemMap:
    """Every stored item version: its key by row, and by (item id, document type)."""

    by_pk: dict[int, Key]
    titles: dict[int, str]
    by_id: dict[tuple[str, str], Key]


def item_map(store: Store) -> ItemMap:
    """Map each stored item to (meeting folder, number) through its document's path."""
    rows = store.conn.execute(
        "SELECT i.pk, i.id, i.number, i.title, d.document_type, d.path FROM items i "
        "JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk "
        "ORDER BY i.decided, d.pk").fetchall()
    folders = {Path(read_stored_path(path)).parent.name for *_, path in rows}
    by_pk, titles, by_id = {}, {}, {}
    for pk, item_id, number, title, document_type, path in rows:
        key = (meeting_of(Path(read_stored_path(path)).parent.name, folders), number)
        by_pk[pk], titles[pk] = key, title
        by_id[(item_id, document_type)] = key     # decided rows come last and win
    return ItemMap(by_pk, titles, by_id)


# -- the two systems --------------------------------------------------------------------------

def deduplicated(hits: list[Ranked]) -> list[Ranked]:
    """The first hit of each key, in order, at most CUT."""
    seen: set[Key] = set()
    kept = []
    for hit in hits:
        if hit.key not in seen:
            seen.add(hit.key)
            kept.append(hit)
    return kept[:CUT]


def minutes_search(store: Store, items: ItemMap) -> Callable[[str], Run]:
    """The project's search with the command line's defaults."""
    def run(query: str) -> Run:
        try:
            hits = store.search(query, Filters(), SEARCH_LIMIT)
        except Exception as exc:  # noqa: BLE001 - any failure is reported and scored as no hit
            return Run(error=f"{type(exc).__name__}: {exc}")
        return Run(deduplicated([Ranked(items.by_id[(h.item_id, h.document_type)], h.title) for h in hits]))
    return run


def baseline_index(store: Store) -> sqlite3.Connection:
    """An in-memory FTS5 table over the printed text the store indexes, one row per item version."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE plain USING fts5(text, tokenize = 'unicode61 remove_diacritics 0')")
    columns = ", ".join(GROUPS)
    rows = store.conn.execute(f"SELECT rowid, {columns} FROM item_search")
    conn.executemany("INSERT INTO plain(rowid, text) VALUES (?, ?)",
                     ((pk, "\n".join(t for t in texts if t)) for pk, *texts in rows))
    conn.commit()
    return conn


def or_query(query: str) -> str | None:
    """The OR of the query's surface words, each quoted; None when it has none."""
    words = list(dict.fromkeys(w.casefold() for w in WORD.findall(query)))
    return " OR ".join(f'"{w}"' for w in words) if words else None


def baseline_search(conn: sqlite3.Connection, items: ItemMap) -> Callable[[str], Run]:
    """Plain FTS5: OR of the surface words, ranked by bm25()."""
    def run(query: str) -> Run:
        match = or_query(query)
        if match is None:
            return Run(error="no words")
        try:
            rows = conn.execute("SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY bm25(plain) LIMIT ?",
                                (match, BASELINE_FETCH)).fetchall()
        except sqlite3.Error as exc:
            return Run(error=f"{type(exc).__name__}: {exc}")
        return Run(deduplicated([Ranked(items.by_pk[pk], items.titles[pk]) for (pk,) in rows]))
    return run


# -- metrics ----------------------------------------------------------------------------------

def grades_of(question: dict) -> dict[Key, int]:
    return {(r["meeting"], r["number"]): r["grade"] for r in question["relevant"]}


def ndcg(hits: list[Ranked], grades: dict[Key, int]) -> float:
    """nDCG@CUT with gain = grade and a log2(rank + 1) discount; the ideal from the judged list."""
    dcg = sum(grades.get(h.key, 0) / math.log2(rank + 1) for rank, h in enumerate(hits[:CUT], 1))
    ideal = sum(g / math.log2(rank + 1) for rank, g in enumerate(sorted(grades.values(), reverse=True)[:CUT], 1))
    return dcg / ideal if ideal else 0.0


def recall(hits: list[Ranked], grades: dict[Key, int]) -> float:
    relevant = {k for k, g in grades.items() if g >= 1}
    found = relevant & {h.key for h in hits[:CUT]}
    return len(found) / len(relevant) if relevant else 0.0


def evaluate(questions: list[dict], systems: dict[str, Callable[[str], Run]]) -> dict[str, dict]:
    """Per question, per system and query version: its run and scores."""
    results = {}
    for q in questions:
        grades = grades_of(q)
        per = {}
        for system, run in systems.items():
            for version in VERSIONS:
                answer = run(q["question"] if version == "verbatim" else q["keywords"])
                per[f"{system}, {version}"] = {
                    "ndcg": ndcg(answer.hits, grades), "recall": recall(answer.hits, grades),
                    "hits": [[h.key[0], h.key[1], grades.get(h.key, 0), h.title] for h in answer.hits],
                    "error": answer.error}
        results[q["id"]] = per
    return results


def summary(results: dict[str, dict]) -> dict[str, dict]:
    """Mean nDCG@10 and recall@10, and the count of questions with no hit, per system and version."""
    labels = [f"{s}, {v}" for s in SYSTEMS for v in VERSIONS]
    n = len(results)
    return {label: {"ndcg@10": sum(r[label]["ndcg"] for r in results.values()) / n,
                    "recall@10": sum(r[label]["recall"] for r in results.values()) / n,
                    "no_hit": sum(not r[label]["hits"] for r in results.values()),
                    "errors": sum(r[label]["error"] is not None for r in results.values())}
            for label in labels}


# -- output -----------------------------------------------------------------------------------

def table(totals: dict[str, dict]) -> str:
    lines = [f"{'system / query':24} {'nDCG@10':>8} {'recall@10':>10} {'no hit':>7}"]
    for label, t in totals.items():
        lines.append(f"{label:24} {t['ndcg@10']:8.3f} {t['recall@10']:10.3f} {t['no_hit']:7d}")
    return "\n".join(lines)


def per_question(results: dict[str, dict], questions: list[dict]) -> str:
    labels = [f"{s}, {v}" for s in SYSTEMS for v in VERSIONS]
    short = {"minutes, keywords": "min/kw", "minutes, verbatim": "min/vb",
             "FTS5 OR, keywords": "fts/kw", "FTS5 OR, verbatim": "fts/vb"}
    lines = [f"{'id':5}" + "".join(f"{short[label]:>8}" for label in labels) + "  keywords"]
    for q in questions:
        r = results[q["id"]]
        lines.append(f"{q['id']:5}" + "".join(f"{r[label]['ndcg']:8.3f}" for label in labels) + f"  {q['keywords']}")
    return "\n".join(lines)


def errors(results: dict[str, dict]) -> list[str]:
    return [f"{qid} [{label}]: {run['error']}" for qid, per in results.items()
            for label, run in per.items() if run["error"]]


def show_question(question: dict, per: dict) -> str:
    """The top 10 of every system and version for one question."""
    lines = [f"{question['id']}: {question['question']}", f"keywords: {question['keywords']}", "judged:"]
    lines += [f"    {r['grade']}  {r['meeting']:38} § {r['number']:<4} {r['title']}" for r in question["relevant"]]
    for label, run in per.items():
        lines.append(f"{label}: nDCG@10 {run['ndcg']:.3f}, recall@10 {run['recall']:.3f}"
                     + (f", error: {run['error']}" if run["error"] else ""))
        for rank, (meeting, number, grade, title) in enumerate(run["hits"], 1):
            lines.append(f"  {rank:2}. {meeting:38} § {number!s:<4} grade {grade}  {title}")
    return "\n".join(lines)


# -- main -------------------------------------------------------------------------------------

def load_questions() -> list[dict]:
    return [q for path in ANNOTATIONS for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]


def ingest(store: Store, files: list[Path]) -> str:
    outcome = run_batch(store, files)
    return outcome.line()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    ap.add_argument("--db", type=Path, help="store the documents here (kept; files stored unchanged are "
                    "skipped) instead of a temporary database")
    ap.add_argument("--per-question", action="store_true", help="print each question's nDCG@10")
    ap.add_argument("--json", type=Path, help="write every number here")
    ap.add_argument("-q", "--question", metavar="ID", help="evaluate this question only and show its top 10s")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"search_eval: corpus not found at {args.corpus}; skipped")
        return 0
    files = lapua_files(args.corpus)
    if not files:
        print(f"search_eval: no Lapua documents in {args.corpus}; skipped")
        return 0
    questions = load_questions()
    if args.question:
        questions = [q for q in questions if q["id"] == args.question]
        if not questions:
            print(f"search_eval: no question {args.question!r}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "lapua.db"
        with Store(db) as store:
            return evaluate_store(store, files, questions, args)


def evaluate_store(store: Store, files: list[Path], questions: list[dict], args: argparse.Namespace) -> int:
    started = time.perf_counter()
    line = ingest(store, files)
    ingested = time.perf_counter() - started
    items = item_map(store)
    systems = {"minutes": minutes_search(store, items), "FTS5 OR": baseline_search(baseline_index(store), items)}
    started = time.perf_counter()
    results = evaluate(questions, systems)
    searched = time.perf_counter() - started
    print(f"{len(files)} Lapua documents: {line} ({ingested:.1f} s); "
          f"{len(questions) * len(systems) * len(VERSIONS)} searches in {searched:.1f} s")
    if args.question:
        print(show_question(questions[0], results[questions[0]["id"]]))
        return 0
    totals = summary(results)
    stored = set(items.by_pk.values())
    print(f"{len(questions)} questions, {len(stored)} items stored (Lapua; {len(items.by_pk)} item versions)")
    print(table(totals))
    missing = sorted({key for q in questions for key in grades_of(q)} - stored, key=str)
    if missing:
        print(f"judged items not stored ({len(missing)}): " + ", ".join(f"{m} § {n}" for m, n in missing))
    failed = errors(results)
    if failed:
        print(f"queries that raised ({len(failed)}), scored as no hit:")
        for text in failed:
            print("  " + text)
    if args.per_question:
        print(per_question(results, questions))
    if args.json:
        args.json.write_text(json.dumps({"questions": len(questions), "items": len(stored),
                                         "item_versions": len(items.by_pk), "judged_not_stored": missing,
                                         "documents": [str(f) for f in files], "summary": totals,
                                         "per_question": results}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
