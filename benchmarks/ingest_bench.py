#!/usr/bin/env python3
"""Ingest throughput, in two parts, each measured against a baseline of the same run.

``engines``: pages per second end to end (parse and store) for each PDF engine, side by side with
raw text extraction by pdfplumber, pypdfium2 and pdftotext, on the PDFs of ../shared/corpus/real
(the sample PDFs when it is absent). Also -j 1 against -j 2 and peak memory (each worker reports
its own; the main process's is read before any raw extraction runs in it). Ratios are against raw
pypdfium2 text extraction.

``decisions``: pages per second with and without the decisions stage (issue 12: outcomes, votes,
motions, people by spaCy) on every document of the corpus (PDF, HTML, Markdown, text; one page
each but a PDF). The runs parse in the calling process (``run_batch(jobs=0)``), the stage switched
off by replacing the pipeline's ``analyse_decisions`` with the identity, interleaved round by round,
the best of each kept (the first round loads spaCy). Then the peak memory of a ``-j 1`` batch
worker with the stage on: the worker loads the statistical Finnish model for meetings that print
no participant list (Ahjo's HTML, single item pages).

    python benchmarks/ingest_bench.py [--part all|engines|decisions] [--corpus ../shared/corpus/real]
                                      [--rounds 2] [--ocr auto|never]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUFFIXES = (".pdf", ".html", ".htm", ".md", ".txt")


def pdfs(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.glob("*/*.pdf")) if corpus.is_dir() else []
    return files or sorted((ROOT / "samples").glob("*.pdf"))


def documents(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.glob("*/*") if p.suffix.casefold() in SUFFIXES and p.name != "SOURCE.txt") \
        if corpus.is_dir() else []
    return files or sorted(p for p in (ROOT / "samples").iterdir() if p.suffix.casefold() in SUFFIXES)


def pages_of(files: list[Path]) -> int:
    """PDF pages, and one page for each other document (an item page, an HTML file)."""
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        if f.suffix.casefold() != ".pdf":
            total += 1
            continue
        pdf = pdfium.PdfDocument(f)
        total += len(pdf)
        pdf.close()
    return total


def raw_pdfplumber(files):
    import pdfplumber

    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()


def raw_pdfium(files):
    import pypdfium2 as pdfium

    for f in files:
        pdf = pdfium.PdfDocument(f)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def raw_pdftotext(files):
    for f in files:
        subprocess.run(["pdftotext", "-q", str(f), "-"], check=False, capture_output=True)


WORKER_PEAK: dict[str, float] = {}


def ingest(files: list[Path], jobs: int, engine: str = "pdfium", ocr: str = "never"):
    """A batch ingest of ``files`` into a new store; its summary."""
    from minutes.batch.run import run_batch
    from minutes.store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k, f in enumerate(files):
            (folder / f"{k:03}{f.suffix.casefold()}").symlink_to(f)
        with Store(Path(tmp) / "m.db") as store:
            summary = run_batch(store, [folder], jobs=jobs, engine=engine, ocr=ocr)
    assert summary.counts["failed"] == 0, summary.failures
    return summary


def end_to_end(files, engine: str, jobs: int, ocr: str):
    summary = ingest(files, jobs, engine, ocr)
    WORKER_PEAK[engine] = max(WORKER_PEAK.get(engine, 0.0), summary.worker_peak_mib)


def engines(args) -> None:
    files = pdfs(args.corpus)
    pages = pages_of(files)
    print(f"{len(files)} PDFs, {pages} pages ({'corpus' if args.corpus.is_dir() else 'samples'}), --ocr {args.ocr}")
    ends = [(f"minutes, {engine} engine, -j {jobs}",
             timed(lambda e=engine, j=jobs: end_to_end(files, e, j, args.ocr), args.rounds if engine == "pdfium" else 1))
            for engine in ("pdfium", "pdfplumber") for jobs in (1, 2)]
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("raw pypdfium2 text", timed(lambda: raw_pdfium(files), args.rounds))]
    rows.append(("raw pdfplumber extract_text", timed(lambda: raw_pdfplumber(files), 1)))
    if shutil.which("pdftotext"):
        rows.append(("raw pdftotext", timed(lambda: raw_pdftotext(files), args.rounds)))
    else:
        print("pdftotext not installed (apt-get install poppler-utils): not measured")
    rows += ends
    base = pages / rows[0][1]
    print(f"{'':36} {'pages/s':>9} {'vs raw pypdfium2':>17}")
    for label, seconds in rows:
        rate = pages / seconds
        print(f"{label:36} {rate:9.0f} {rate / base:16.2f}x")
    workers = ", ".join(f"{engine} {mib:.0f} MiB" for engine, mib in WORKER_PEAK.items())
    print(f"peak memory: main process (storing) {main_peak:.0f} MiB; largest worker: {workers}")


def decisions(args) -> None:
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
    print(f"{'':40} {'pages/s':>9}")
    print(f"{'without the decisions stage (-j 0)':40} {pages / without:9.1f}")
    print(f"{'with the decisions stage (-j 0)':40} {pages / with_stage:9.1f}")
    print(f"throughput change with the stage: {100 * (without / with_stage - 1):+.1f}% pages/s "
          f"(time {100 * (with_stage / without - 1):+.1f}%); statistical model loaded: "
          f"{'yes' if nlp.is_statistical_loaded() else 'no'}")
    summary = ingest(files, 1)
    print(f"batch -j 1 with the stage: worker peak memory {summary.worker_peak_mib:.0f} MiB "
          f"(the worker loads the statistical model for a meeting without a participant list)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs each")
    parser.add_argument("--ocr", default="auto", choices=("auto", "never", "always"),
                        help="OCR mode of the end-to-end runs (auto: the default, which reads unreadable pages "
                             "by OCR; never: the text layer alone)")
    parser.add_argument("--part", default="all", choices=("all", "engines", "decisions"))
    args = parser.parse_args()
    if args.part in ("all", "engines"):
        engines(args)
    if args.part in ("all", "decisions"):
        decisions(args)

if __name__ == "__main__":
    sys.exit(main())
