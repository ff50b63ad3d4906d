#!/usr/bin/env python3
"""Text-layer quality of every PDF page of the corpus: the share of known words per page (see
minutes/readers/text_quality.py), what `--ocr auto` would re-read by OCR, and how long scoring
takes next to reading the pages.

    python benchmarks/text_layer_scores.py [--corpus ../shared/corpus/real] [--pages] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from minutes.parse.readers.pdf import ENGINES
from minutes.parse.readers.text_quality import text_layer_check

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--pages", action="store_true", help="print every page's score")
    parser.add_argument("--json", type=Path, help="write every page's score here")
    args = parser.parse_args()
    check = text_layer_check()
    print(f"vocabularies: {', '.join(v.language for v in check.vocabularies) or 'none'}; "
          f"unreadable below {check.rules.min_known:.0%} known of at least {check.rules.min_words} tokens")
    rows, read_s, score_s = [], 0.0, 0.0
    for path in sorted(args.corpus.glob("*/*.pdf")):
        start = time.perf_counter()
        pages = list(ENGINES["pdfium"].iter_pages(path.read_bytes(), str(path)))
        read_s += time.perf_counter() - start
        start = time.perf_counter()
        scores = [check.score(p.number, [w.text for w in p.words]) for p in pages]
        score_s += time.perf_counter() - start
        switched = [q.page for q in scores if check.unreadable(q)]
        print(f"{path.parent.name:55} {len(pages):3} pages, {len(switched):3} unreadable {switched}")
        for p, q in zip(pages, scores):
            row = {"document": path.parent.name, "page": p.number, "tokens": q.tokens if q else None,
                   "share": round(q.share, 3) if q else None, "language": q.language if q else None,
                   "unreadable": check.unreadable(q)}
            rows.append(row)
            if args.pages:
                share = f"{q.share:6.1%} of {q.tokens:3}" if q else "not judged"
                print(f"    page {p.number:3}  {share}  {q.language if q else ''}")
    judged = [r for r in rows if r["share"] is not None]
    print(f"{len(rows)} pages, {len(judged)} judged, {sum(r['unreadable'] for r in rows)} unreadable; "
          f"reading {read_s:.2f} s, scoring {score_s:.2f} s ({score_s / read_s:.1%} of reading)")
    edges = [0, .3, .4, .5, .6, .7, .8, .85, .9, .95, 1.01]
    for lo, hi in zip(edges, edges[1:]):
        n = sum(1 for r in judged if lo <= r["share"] < hi)
        print(f"  {lo:4.0%}–{min(hi, 1):4.0%}: {n:4} {'#' * n}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    sys.exit(main())
