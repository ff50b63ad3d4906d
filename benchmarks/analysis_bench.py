"""How fast ``index_terms`` analyses the words of the sample documents, and how many terms it
writes per word: the ingest-time cost of the search index's word forms (issue 13).

    PYTHONPATH=. python benchmarks/analysis_bench.py [--repeat 3] [paths...]

Paths are documents or folders of them (a folder of folders, such as ../shared/corpus/real, is
read one level down; files a folder holds that do not parse are left out); samples/ by default.

Every text the index stores of an item (title, sections, earlier handlings) is analysed in the
record's language. "cold" is the first pass with empty word caches (every distinct word looked up
in Voikko / Snowball / the word list), as at the first ingest of a process; "warm" is the best of
the repeated passes after it, every word cached. Only ``index_terms``, ``words`` and ``analyzer``
are used, so the same script runs on commits before issue 13 to compare.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from minutes import parse_document  # noqa: E402
from minutes.errors import MinutesError  # noqa: E402
from minutes.language import analysis  # noqa: E402


def item_texts(record) -> list[str]:
    texts = []
    for item in record.items:
        texts.append(item.title)
        texts.extend(section.text for section in item.sections)
        for stage in item.history:
            texts.extend(section.text for section in stage.sections)
    return texts


def documents(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_dir():
                    found.extend(documents([child]) if child.name != "reference" else [])
                elif child.name not in ("SOURCE.txt", "INDEX.md") and child.suffix != ".json":
                    found.append(child)
        else:
            found.append(path)
    return found


def run(texts: list[tuple[str, str]]) -> tuple[float, int]:
    started = time.perf_counter()
    terms = 0
    for text, language in texts:
        terms += len(analysis.index_terms(text, language).split())
    return time.perf_counter() - started, terms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = documents(args.paths or [ROOT / "samples"])
    texts: list[tuple[str, str]] = []
    parsed = 0
    for path in paths:
        try:
            record = parse_document(path, ocr="never")
        except MinutesError as exc:
            print(f"left out: {exc}", file=sys.stderr)
            continue
        parsed += 1
        texts.extend((t, record.language) for t in item_texts(record))
    n_words = sum(len(analysis.words(t)) for t, _ in texts)
    analysis.analyzer.cache_clear()
    for language in ("fi", "sv"):
        analysis.analyzer(language)            # the analyzers (and the word list) built outside the timing
    cold, terms = run(texts)
    warm = min(run(texts)[0] for _ in range(args.repeat))
    a = analysis.status()
    print(f"{parsed} documents, {len(texts)} texts, {n_words} words (fi: {a.finnish}, sv: {a.swedish})")
    print(f"terms/word  {terms / n_words:.3f}  ({terms} terms)")
    print(f"cold        {n_words / cold:,.0f} words/s  ({cold:.3f} s)")
    print(f"warm        {n_words / warm:,.0f} words/s  ({warm:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
