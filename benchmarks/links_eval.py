#!/usr/bin/env python3
"""How many earlier handlings and decision references resolve to stored items, on the Lapua
minutes and agendas of the real corpus (../shared/corpus/real, when present).

A link can resolve only when the meeting it names is stored; the script counts, besides all
handlings and references, those whose meeting is in the database ("resolvable"), and how many of
those resolved.

    python benchmarks/links_eval.py [--corpus ../shared/corpus/real]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to evaluate")
        return 0
    from minutes.batch import run_batch
    from minutes.store.sqlite import Store

    files = sorted(p for p in args.corpus.glob("lapua-*/*.pdf"))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "lapua.db") as store:
        summary = run_batch(store, files)
        print(f"{len(files)} Lapua PDFs: {summary.line()}")
        c = store.conn
        for table, label, extra in (("stages", "earlier handlings", ""),
                                    ("refs", "decision references", "AND t.kind = 'decision'")):
            total = c.execute(f"SELECT count(*) FROM {table} t WHERE 1 {extra}").fetchone()[0]
            resolved = c.execute(f"SELECT count(*) FROM {table} t WHERE resolved_item_pk IS NOT NULL {extra}").fetchone()[0]
            resolvable = c.execute(
                f"SELECT count(*) FROM {table} t JOIN items si ON si.pk = t.item_pk JOIN meetings sm ON sm.pk = si.meeting_pk "
                f"WHERE EXISTS (SELECT 1 FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE "
                f"m.organization IS sm.organization AND m.body_key = t.body_key AND i.number = t.number "
                f"AND (m.date = t.date OR (t.date IS NULL AND m.date LIKE t.year || '-%'))) {extra}").fetchone()[0]
            print(f"{label:22} {total:5} in all, {resolvable:5} name a stored meeting, {resolved:5} resolved "
                  f"({resolved / resolvable:.1%} of those)" if resolvable else f"{label:22} {total:5} in all, none resolvable")
        unresolved = c.execute(
            "SELECT t.body, t.date, t.number FROM stages t JOIN items si ON si.pk = t.item_pk JOIN meetings sm "
            "ON sm.pk = si.meeting_pk WHERE t.resolved_item_pk IS NULL AND EXISTS (SELECT 1 FROM meetings m WHERE "
            "m.organization IS sm.organization AND m.body_key = t.body_key AND m.date = t.date) LIMIT 10").fetchall()
        for row in unresolved:
            print("  resolvable but unresolved:", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
