#!/usr/bin/env python3
"""Check that one id names one item on the real corpus (../shared/corpus/real, when present).

Every document of the corpus is ingested into a temporary database; the script prints the
documents stored (by document type and format) and failed (by category), the ids shared by
different items (must be none: two items of one document, or items of meetings that are not
versions of one identified meeting), the versions found (meetings stored as more than one
document) and the documents whose meeting has no organisation, body or date (their ids are built
from their content hash). Exits 1 when an id is shared.

    python benchmarks/corpus_check.py [--corpus ../shared/corpus/real] [--keep check.db]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_NOTES = {"SOURCE.txt", "INDEX.md"}     # the corpus's own descriptions, not documents


def report(store, failures: list, corpus: Path) -> int:
    """Print the numbers; return how many ids are shared by different items."""
    from minutes.store import diagnostics

    def short(path: str) -> str:
        return str(Path(path).relative_to(corpus.resolve())) if path.startswith(str(corpus.resolve())) else path

    stored = diagnostics.stored_documents(store)
    print(f"documents stored: {sum(n for *_, n in stored)}")
    for document_type, fmt, n in stored:
        print(f"  {document_type:8} {fmt:5} {n}")
    failed = Counter(f.category for f in failures)
    print(f"documents failed: {len(failures)}")
    for category, n in sorted(failed.items()):
        print(f"  {category:20} {n}")
        for failure in failures:
            if failure.category == category:
                print(f"      {short(failure.path)}")
    items = diagnostics.item_counts(store)
    print(f"items stored: {items[0]}, distinct ids: {items[1]}")

    shared = diagnostics.shared_ids_of(store)
    print(f"ids shared by different items: {len(shared)}")
    for item_id in shared:
        paths = [short(p) for p in diagnostics.paths_of_item(store, item_id)]
        print(f"  {item_id}: {', '.join(paths)}")

    versions = diagnostics.meetings_with_versions(store)
    shared_items = diagnostics.item_ids_with_versions(store)
    print(f"versions found: {len(versions)} meetings stored as more than one document "
          f"({shared_items} item ids with more than one version); the decided version first")
    for meeting in versions:
        print(f"  {meeting}")
        for version in diagnostics.versions_of(store, meeting):
            print(f"      {version.document_type:8} {short(version.path)}")

    incomplete = diagnostics.incomplete_meetings(store)
    print(f"documents with incomplete metadata (organisation, body or date unknown): {len(incomplete)}")
    for path, meeting, org, body, day in incomplete:
        missing = [name for name, value in (("organisation", org), ("body", body), ("date", day)) if not value]
        print(f"  {short(path)}  {meeting}  missing {', '.join(missing)}")
    return len(shared)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--keep", type=Path, help="store the database here instead of a temporary file")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to check")
        return 0
    from minutes.batch import run_batch, scan
    from minutes.store.sqlite import Store

    files = [p for p in scan([args.corpus]).files if p.name not in CORPUS_NOTES and "reference" not in p.parts]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "check.db"
        with Store(db) as store:
            summary = run_batch(store, files)
            print(f"{args.corpus}: {len(files)} documents ({', '.join(sorted(CORPUS_NOTES))} and reference/ "
                  f"left out): {summary.line()}")
            shared = report(store, summary.failures, args.corpus)
    return 1 if shared else 0


if __name__ == "__main__":
    sys.exit(main())
