#!/usr/bin/env python3
"""Throughput of the decisions stage (issue 12): pages per second end to end (read, parse, store)
with and without the stage, in the same run, on the documents of ../shared/corpus/real (the
samples when it is absent); and the peak memory of a batch worker that has loaded the statistical
Finnish model (it is loaded for meetings that print no participant list, such as Ahjo's HTML).

The with/without comparison parses in the calling process (``run_batch(jobs=0)``), the stage
switched off by replacing the pipeline's ``analyse_decisions`` with the identity, the two runs
interleaved round by round and the best of each kept (the first round loads spaCy and the model); the worker's peak
is read from a ``run_batch(jobs=1)`` run with the stage on.

    python benchmarks/decisions_bench.py [--corpus ../shared/corpus/real] [--rounds 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUFFIXES = (".pdf", ".html", ".htm", ".md", ".txt")


def documents(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.glob("*/*") if p.suffix.casefold() in SUFFIXES) if corpus.is_dir() else []
    return files or sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.casefold() in SUFFIXES)


def ingest(files: list[Path], jobs: int):
    from minutes.batch.run import run_batch
    from minutes.store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k, f in enumerate(files):
            (folder / f"{k:03}{f.suffix.casefold()}").symlink_to(f)
        with Store(Path(tmp) / "m.db") as store:
            return run_batch(store, [folder], jobs=jobs, ocr="never")


def pages_of(files: list[Path]) -> int:
    """PDF pages, and one page for each other document (an item page, an HTML file)."""
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        if f.suffix.casefold() == ".pdf":
            pdf = pdfium.PdfDocument(f)
            total += len(pdf)
            pdf.close()
        else:
            total += 1
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs each")
    args = parser.parse_args()
    import minutes.parse.pipeline as pipeline
    from minutes.parse.decisions import nlp

    files = documents(args.corpus)
    pages = pages_of(files)
    print(f"{len(files)} documents, {pages} pages ({'corpus' if args.corpus.is_dir() else 'samples'}), --ocr never")
    analyse = pipeline.analyse_decisions
    with_stage = without = float("inf")
    for _ in range(args.rounds):        # interleaved, so that a busy machine slows both alike
        with_stage = min(with_stage, timed(lambda: ingest(files, 0), 1))
        pipeline.analyse_decisions = lambda record: record
        try:
            without = min(without, timed(lambda: ingest(files, 0), 1))
        finally:
            pipeline.analyse_decisions = analyse
    model_loaded = nlp.is_statistical_loaded()
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'':40} {'pages/s':>9}")
    print(f"{'without the decisions stage (-j 0)':40} {pages / without:9.1f}")
    print(f"{'with the decisions stage (-j 0)':40} {pages / with_stage:9.1f}")
    print(f"throughput change with the stage: {100 * (without / with_stage - 1):+.1f}% pages/s "
          f"(time {100 * (with_stage / without - 1):+.1f}%)")
    print(f"statistical model loaded in this process: {'yes' if model_loaded else 'no'}; "
          f"its peak memory {main_peak:.0f} MiB")
    summary = ingest(files, 1)
    print(f"batch -j 1 with the stage: largest worker peak {summary.worker_peak_mib:.0f} MiB "
          f"(the model loads in a worker that parses a meeting without a participant list)")


if __name__ == "__main__":
    main()
