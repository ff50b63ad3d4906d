#!/usr/bin/env python3
"""Ingest throughput: pages per second end to end (parse and store) for each PDF engine, side by
side with raw text extraction by pdfplumber, pypdfium2 and pdftotext, all in the same run, on the
PDFs of ../shared/corpus/real (the sample PDFs when it is absent). Also -j 1 against -j 2 and peak
memory (each worker reports its own; the main process's is read before any raw extraction runs in
it). Ratios are against raw pypdfium2 text extraction measured in the same run.

    python benchmarks/ingest_bench.py [--corpus ../shared/corpus/real] [--rounds 2] [--ocr auto|never]
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


def pdfs(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.glob("*/*.pdf")) if corpus.is_dir() else []
    return files or sorted((ROOT / "samples").glob("*.pdf"))


def pages_of(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for f in files:
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


def end_to_end(files, engine: str, jobs: int, ocr: str):
    from minutes.batch.run import run_batch
    from minutes.store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k, f in enumerate(files):
            (folder / f"{k:03}.pdf").symlink_to(f)
        with Store(Path(tmp) / "m.db") as store:
            summary = run_batch(store, [folder], jobs=jobs, engine=engine, ocr=ocr)
        assert summary.counts["failed"] == 0, summary.failures
    WORKER_PEAK[engine] = max(WORKER_PEAK.get(engine, 0.0), summary.worker_peak_mib)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs each")
    parser.add_argument("--ocr", default="auto", choices=("auto", "never", "always"),
                        help="OCR mode of the end-to-end runs (auto: the default, which reads unreadable pages "
                             "by OCR; never: the text layer alone)")
    args = parser.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())
