"""Command-line interface: thin wrappers over the library.

Exit codes: 0 success; 1 unexpected error; 2 usage error (a bad option or an empty query);
3 unsupported format; 4 unreadable (empty, truncated or corrupt) document; 5 encrypted PDF;
6 no text layer (scan, needs OCR); 7 no agenda items found; 8 some documents of an ingest failed;
9 no such item or meeting in the database.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import MinutesError
from .pipeline import parse_bytes, parse_document
from .readers import DEFAULT_ENGINE, DEFAULT_OCR, ENGINES, OCR_MODES
from .render import render_item, render_text
from .workers import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT

EXIT_CODES = """\b
Exit codes:
  0  success
  1  unexpected error
  2  usage error (bad option, empty query)
  3  unsupported format
  4  unreadable document (empty, truncated, corrupt)
  5  encrypted PDF
  6  no text layer (a scan: OCR it first)
  7  no agenda items found
  8  some documents could not be ingested
  9  no such item or meeting in the database"""
EXIT_FAILED_DOCUMENTS = 8
EXIT_NOT_FOUND = 9
SECTION_KINDS = ["title", "background", "proposal", "decision", "discussion", "vote", "disqualification",
                 "dissent", "attachments", "appeal", "notice", "other"]


def fail(message: str, code: int) -> None:
    click.echo(f"minutes: error: {message}", err=True)
    sys.exit(code)


def db_option(command):
    return click.option("--db", "db", envvar="MINUTES_DB", default="minutes.db", show_default=True,
                        type=click.Path(dir_okay=False),
                        help="SQLite database file (or MINUTES_DB in the environment).")(command)


def engine_option(command):
    return click.option("--engine", type=click.Choice(sorted(ENGINES)), default=DEFAULT_ENGINE, show_default=True,
                        help="PDF text engine.")(command)


def ocr_option(command):
    return click.option("--ocr", type=click.Choice(OCR_MODES), default=DEFAULT_OCR, show_default=True,
                        help="Which PDF pages Tesseract reads: auto = scanned pages and pages whose text layer "
                             "is unreadable (a warning names each), never, or always (every page).")(command)


def filter_options(command):
    for option in reversed([
        click.option("--body", help="Only this body (part of its name, any case): 'valtuusto'."),
        click.option("--org", help="Only this organisation (part of its name, or its id slug)."),
        click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after YYYY-MM-DD."),
        click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or before YYYY-MM-DD."),
    ]):
        command = option(command)
    return command


def _filters(body, org, date_from, date_to, kind=None):
    from .store import Filters

    as_date = lambda d: d.date() if d else None  # noqa: E731
    return Filters(body=body, org=org, date_from=as_date(date_from), date_to=as_date(date_to), kind=kind)


def open_existing(db: str):
    from .store import Store

    if not Path(db).exists():
        fail(f"{db}: no such database; create it with `minutes ingest FOLDER --db {db}`", 1)
    return Store(db)


@click.group(epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="minutes")
def main() -> None:
    """Turn Finnish and Swedish municipal minutes and agendas into structured records."""


@main.command(epilog=EXIT_CODES)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="JSON record (the minutes.record/1 contract) or a readable outline.")
@engine_option
@ocr_option
def parse(files: tuple[str, ...], fmt: str, engine: str, ocr: str) -> None:
    """Parse minutes or agenda FILES and print their items, sections and history.

    A FILE of - reads standard input. With --format json and several files, one JSON object
    is printed per line.

    \b
    Example:
      minutes parse poytakirja.pdf
      minutes parse --format json poytakirja.pdf > record.json
      cat item.txt | minutes parse -
    """
    failed = 0
    for name in files:
        try:
            if name == "-":
                record = parse_bytes(sys.stdin.buffer.read(), "<stdin>", engine, ocr)
            else:
                record = parse_document(name, engine, ocr)
        except MinutesError as exc:
            click.echo(f"minutes: error: {exc}", err=True)
            failed = failed or exc.exit_code
            continue
        if fmt == "json":
            indent = 2 if len(files) == 1 else None
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=indent))
        else:
            click.echo(render_text(record))
    if failed:
        sys.exit(failed)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@engine_option
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.IntRange(1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one file may take to parse.")
@click.option("--max-memory", "max_memory", type=click.IntRange(256), default=DEFAULT_MEMORY_MIB, show_default=True,
              help="MiB of address space each worker may use; a file that needs more fails alone.")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write one line per problem file here: JSON Lines, or CSV for a .csv name.")
@ocr_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only failures and the summary.")
def ingest(paths: tuple[str, ...], db: str, engine: str, jobs, timeout: int, max_memory: int, report, ocr: str,
           quiet: bool) -> None:
    """Parse documents under PATHS (folders are walked) and store them in the database.

    Files are parsed in parallel worker processes and stored one transaction each. A file already
    stored with the same content is skipped ("unchanged"), so a stopped batch continues where it
    stopped; a changed file replaces its old record. A file that fails (encrypted, scanned, corrupt,
    too slow, too big, or one that crashes the PDF engine) is reported and the batch goes on.

    \b
    Example:
      minutes ingest poytakirjat/ --db lapua.db -j 4 --report ongelmat.jsonl
    """
    from .analysis import status
    from .batch import Report, run_batch
    from .progress import BatchProgress
    from .store import Store

    hint = status().hint
    if hint:
        click.echo(f"minutes: note: {hint}", err=True)
    started = time.perf_counter()
    problems = Report.open(report)
    try:   # Ctrl-C at any moment: what is stored stays whole, and the same command continues
        with Store(db) as store, BatchProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
            def outcome(o) -> None:
                progress.advance(o)
                if o.status == "failed":
                    progress.echo(f"minutes: error: {o.path}: {o.message} [{o.category}]")

            summary = run_batch(store, paths, jobs, engine, timeout, problems, on_outcome=outcome,
                                on_total=progress.start, ocr=ocr, memory_mib=max_memory)
    except KeyboardInterrupt:
        problems.close()
        click.echo("minutes: interrupted; run the same command again to continue", err=True)
        sys.exit(130)
    problems.close()
    seconds = time.perf_counter() - started
    memory = f", workers' peak memory {summary.worker_peak_mib:.0f} MiB" if summary.worker_peak_mib else ""
    click.echo(f"{summary.line()}, {summary.pages} pages in {seconds:.1f} s{memory} ({db})")
    if summary.counts["failed"]:
        sys.exit(EXIT_FAILED_DOCUMENTS)


@main.command(epilog=EXIT_CODES)
@click.argument("query")
@db_option
@filter_options
@click.option("--kind", type=click.Choice(SECTION_KINDS), help="Search only this kind of section (or titles).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def search(query: str, db: str, body, org, date_from, date_to, kind, limit: int, fmt: str) -> None:
    """Search items for QUERY, best first.

    Finnish words match their inflected and compound forms ("strategia" finds
    "kaupunkistrategiasta"); "quoted phrases", diary numbers (LAPDno-2024-292) and figures are
    matched as written. Every word must match.

    \b
    Example:
      minutes search strategia
      minutes search "tilinpäätös" --body valtuusto --from 2024-01-01 --format json
    """
    from .analysis import status
    from .search import QueryError
    from .search import search as run

    hint = status().hint
    if hint:
        click.echo(f"minutes: note: {hint}", err=True)
    with open_existing(db) as store:
        try:
            hits = run(store, query, _filters(body, org, date_from, date_to, kind), limit)
        except QueryError as exc:
            fail(f"{exc}: {query!r}", 2)
    if fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["item_id", "title", "body", "date", "number", "score", "snippet"])
        for h in hits:
            writer.writerow([h.item_id, h.title, h.body, h.date, h.number, f"{h.score:.4f}", h.snippet])
    else:
        if not hits:
            click.echo("no matches", err=True)
        for h in hits:
            click.echo(f"{h.date or '?':10}  {h.body or '?'}  § {h.number if h.number is not None else '?'}  {h.title}")
            click.echo(f"            {h.snippet}")
            click.echo(f"            {h.item_id}")


@main.command(epilog=EXIT_CODES)
@click.argument("id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(id: str, db: str, fmt: str) -> None:
    """Show a stored item or meeting by its id.

    An item id is <org>/<body>/<YYYY-MM-DD>/<number>; a meeting id leaves out the number.

    \b
    Example:
      minutes show jarvelan-kunta/tekninen-lautakunta/2025-05-14/43
      minutes show jarvelan-kunta/tekninen-lautakunta/2025-05-14 --format json
    """
    with open_existing(db) as store:
        found = store.item(id)
        if found:
            record, item = found
            if fmt == "json":
                data = next(i for i in record.to_dict()["items"] if i["id"] == id)
                links = store.item_links(id)
                for stage, link in zip(data["history"], links["history"]):
                    stage["resolved_to"] = link["resolved_to"]
                data["references"] = links["references"]
                data["referenced_by"] = links["referenced_by"]
                data["meeting"] = {k: v for k, v in record.to_dict()["meeting"].items() if k != "participants"}
                data["source"] = record.to_dict()["source"]
                data["document_type"] = record.document_type
                click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                click.echo(render_item(record, item))
            return
        record = store.meeting(id)
    if record is None:
        fail(f"{id}: no such item or meeting in {db}", EXIT_NOT_FOUND)
    if fmt == "json":
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(record))


@main.command(epilog=EXIT_CODES)
@click.argument("id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def chain(id: str, db: str, fmt: str) -> None:
    """Show the path of an item's matter across bodies, in date order.

    The path joins the item's earlier handlings, the items sharing its diary number, and the items
    whose handlings name it. Handlings that are named but not stored are shown as such.

    \b
    Example:
      minutes chain jarvelan-kunta/tekninen-lautakunta/2025-05-14/44
    """
    from .links import chain as run

    with open_existing(db) as store:
        pk = store.item_pk(id)
        if pk is None:
            fail(f"{id}: no such item in {db}", EXIT_NOT_FOUND)
        steps = run(store.conn, pk)
    if fmt == "json":
        click.echo(json.dumps([s.__dict__ for s in steps], ensure_ascii=False, indent=2))
        return
    for step in steps:
        where = step.item_id or "(not stored)"
        number = f"§ {step.number}" if step.number is not None else "§ ?"
        click.echo(f"{step.date or '?':10}  {step.body or '?'} {number}  {step.title or ''}  {where}")


@main.command(epilog=EXIT_CODES)
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one meeting record per line (minutes.record/1); csv: one row per item.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: stdout).")
def export(db: str, body, org, date_from, date_to, fmt: str, output) -> None:
    """Export stored records for pandas, R or other tools.

    \b
    Example:
      minutes export --format csv --body valtuusto -o valtuusto.csv
      minutes export --from 2025-01-01 > 2025.jsonl
    """
    from .export import export_csv, export_jsonl

    with open_existing(db) as store:
        writer = export_csv if fmt == "csv" else export_jsonl
        writer(store, output, _filters(body, org, date_from, date_to))


if __name__ == "__main__":  # pragma: no cover
    main()
