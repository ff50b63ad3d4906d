"""Command-line interface: thin wrappers over the library. Exit codes: ``errors.EXIT_CODES``."""

from __future__ import annotations

import csv
import errno
import os
import sys
import textwrap
import time
from pathlib import Path

import click

from . import __version__
from .batch.limits import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT
from .errors import EXIT_CODES, ExitCode, MinutesError
from .parse.choices import (
    DEFAULT_ENGINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_OCR,
    OCR_MODES,
)
from .parse.choices import ENGINE_NAMES as ENGINES
from .parse.hints import (
    DOCUMENT_TYPES,
    MeetingHints,
    check_name,
    hints_for,
    parse_hint_date,
    read_manifest,
    typed_day,
)
from .record import OUTCOMES, SECTION_KINDS, json_text
from .render import (
    render_hit,
    render_item,
    render_links,
    render_person,
    render_stats,
    render_text,
    render_versions,
    search_summary,
)
from .store.filters import PERSON_ROLES
from .store.paths import output_problem
from .store.stats import GROUPINGS
from .terminal import printable

EXIT_HELP = "\b\nExit codes:\n" + "\n".join(
    textwrap.fill(meaning, 78, initial_indent=f"  {int(code):<4}", subsequent_indent=" " * 6)
    for code, meaning in EXIT_CODES.items())
WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EROFS}   # the disk, not minutes
SEARCH_KINDS = ["title", *SECTION_KINDS]


def fail(message: str, code: int) -> None:
    click.echo(f"minutes: error: {printable(message, one_line=True)}", err=True)
    sys.exit(code)


def say(text: str) -> None:
    """Human-readable output: control characters from documents are made visible."""
    click.echo(printable(text))


def _db_name(ctx, param, value):  # noqa: ARG001 - click callback signature
    if not value or not value.strip():
        raise click.BadParameter("an empty name would make SQLite use a temporary database that "
                                 "vanishes; name a file")
    return value


def db_option(command):
    return click.option("--db", "db", envvar="MINUTES_DB", default="minutes.db", show_default=True,
                        type=click.Path(dir_okay=False), callback=_db_name,
                        help="SQLite database file, or a postgresql://user@host/dbname URL (or MINUTES_DB in "
                             "the environment).")(command)


def max_size_option(command):
    return click.option("--max-file-size", "max_file_mib", type=click.IntRange(1), show_default=True,
                        default=DEFAULT_MAX_BYTES // 2**20,
                        help="MiB a document may have; larger files are refused (too_large).")(command)


def _day(value: str, last: bool):
    """A date as people type it: YYYY-MM-DD, d.m.yyyy, or a year (its first or ``last`` day)."""
    try:
        return typed_day(value, last)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _from_day(ctx, param, value):  # noqa: ARG001 - click callback signature
    return _day(value, last=False) if value else None


def _to_day(ctx, param, value):  # noqa: ARG001 - click callback signature
    return _day(value, last=True) if value else None


def _scheduler(ctx, param, value):  # noqa: ARG001 - click callback signature
    """A Dask scheduler's address (scheme://host:port) or "local"."""
    if value is None or value == "local":
        return value
    scheme, sep, rest = value.partition("://")
    if not sep or not scheme or not rest:
        raise click.BadParameter(f"{value!r}: 'local' or a scheduler's address such as tcp://host:8786")
    return value


def _base_url(ctx, param, value):  # noqa: ARG001 - click callback signature
    """An http(s) address without query or fragment."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise click.BadParameter(f"{value!r}: an http:// or https:// address, such as https://paatokset.example.fi")
    return value.rstrip("/")


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
        click.option("--from", "date_from", callback=_from_day, metavar="DATE",
                     help="Meetings on or after this day: YYYY-MM-DD, d.m.yyyy or a year."),
        click.option("--to", "date_to", callback=_to_day, metavar="DATE",
                     help="Meetings on or before this day: YYYY-MM-DD, d.m.yyyy or a year."),
    ]):
        command = option(command)
    return command


def decision_options(command):
    """Filters on what an item decided and who took part: --outcome, --voted, --person, --role."""
    for option in reversed([
        click.option("--outcome", type=click.Choice(OUTCOMES),
                     help="Only items whose own decision had this outcome relative to the proposal."),
        click.option("--voted", is_flag=True, help="Only items whose own decision went to a vote."),
        click.option("--person", metavar="NAME",
                     help="Only items where this person presented, prepared, moved, seconded, voted in a roll call, "
                          "was disqualified or dissented; any case form ('Virtaselle' finds Virtanen); a first name "
                          "tells two people of one surname apart."),
        click.option("--role", type=click.Choice(PERSON_ROLES),
                     help="With --person: only this role (participant: items of meetings the person attended)."),
        click.option("--goal", metavar="ID",
                     help="Only items that advance this goal of a stored strategy (itself or through a sub-goal); "
                          "the goal's id, or STRATEGY-ID/GOAL-ID when two strategies share it."),
    ]):
        command = option(command)
    return command


def _hint_date(ctx, param, value):  # noqa: ARG001 - click callback signature
    if value is None:
        return None
    try:
        return parse_hint_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def hint_options(command):
    """The user's meeting metadata: wins over what is read, and over manifests and sidecars."""
    for option in reversed([
        click.option("--org", "hint_org", metavar="NAME",
                     help="The organisation, e.g. 'Lapuan kaupunki' (wins over what is read)."),
        click.option("--body", "hint_body", metavar="NAME", help="The body, e.g. 'Kaupunginhallitus'."),
        click.option("--date", "hint_date", metavar="DATE", callback=_hint_date,
                     help="The meeting date: YYYY-MM-DD or d.m.yyyy."),
        click.option("--document-type", "hint_type", type=click.Choice(DOCUMENT_TYPES),
                     help="Minutes or agenda."),
    ]):
        command = option(command)
    return command


def _hints(org, body, when, document_type) -> MeetingHints:
    try:
        org, body = (check_name(field, " ".join(value.split())) if value and value.strip() else None
                     for field, value in (("--org", org), ("--body", body)))
    except ValueError as exc:
        fail(str(exc), ExitCode.USAGE)
    return MeetingHints(org, body, when, document_type)


def _filters(body, org, date_from, date_to, kind=None, document_type=None, outcome=None, voted=False, person=None,
             role=None, goal=None):
    from .store.filters import Filters

    if role and person is None:
        fail("--role needs --person NAME (whose role)", ExitCode.USAGE)
    if person is not None and not any(c.isalnum() for c in person):
        fail(f"--person {person!r}: a name needs letters", ExitCode.USAGE)
    return Filters(body=body, org=org, date_from=date_from, date_to=date_to, kind=kind, document_type=document_type,
                   outcome=outcome, voted=voted, person=person, role=role, goal=goal)


def _check_goal(store, goal: str | None) -> None:
    """A --goal no stored strategy has is a usage error naming the goals there are."""
    if goal is None:
        return
    known = store.goal_ids()
    if goal not in known:
        listed = ", ".join(sorted(g for g in known if "/" not in g)) or "none: add a strategy first"
        fail(f"--goal {goal!r}: no stored strategy has this goal (goals: {listed})", ExitCode.USAGE)


def shown(db) -> str:
    """A database named as a message may print it (a URL without its password)."""
    from .store import shown_name

    return shown_name(db)


def open_store(db: str, readonly: bool = True):
    """The database, read-only unless asked; one clear line and its exit code when it cannot be."""
    from .store import open_store as open_backend

    try:
        return open_backend(db, readonly=readonly)
    except MinutesError as exc:
        fail(str(exc), exc.exit_code)


def _close_quietly(report) -> None:
    try:
        report.close()
    except OSError:
        pass


class MinutesGroup(click.Group):
    """The command group: output that cannot be written (a full disk, a closed pipe) ends with one
    line, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except BrokenPipeError:               # the reader stopped ("| head"): stop too, quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(ExitCode.UNEXPECTED)
        except OSError as exc:
            fail(f"cannot write the output ({exc.strerror or exc})", ExitCode.UNEXPECTED)


@click.group(cls=MinutesGroup, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="minutes")
def main() -> None:
    """Turn Finnish and Swedish municipal minutes and agendas into structured records."""


@main.command(epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="JSON record (the minutes.record/1 contract) or a readable outline.")
@engine_option
@ocr_option
@hint_options
@max_size_option
@click.option("--max-memory", "max_memory", type=click.IntRange(64), default=DEFAULT_MEMORY_MIB, show_default=True,
              help="MiB of memory parsing one file may take; a file that needs more fails alone.")
@click.option("--timeout", type=click.IntRange(1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one file may take to parse; a file that takes longer fails alone.")
def parse(files: tuple[str, ...], fmt: str, engine: str, ocr: str, hint_org, hint_body, hint_date,
          hint_type, max_file_mib: int, max_memory: int, timeout: int) -> None:
    """Parse minutes or agenda FILES and print their items, sections and history.

    A FILE of - reads standard input. With --format json and several files, one JSON object
    is printed per line. --org, --body, --date and --document-type, and a sidecar
    FILE.meta.json, give the meeting's metadata where the document lacks it or prints it wrong.

    \b
    Example:
      minutes parse poytakirja.pdf
      minutes parse --format json poytakirja.pdf > record.json
      cat item.txt | minutes parse -
      minutes parse --org "Lapuan kaupunki" --date 18.12.2024 pykala.html
    """
    from .batch.workers import FileTimeout, memory_cap, time_limit
    from .parse.pipeline import parse_bytes
    from .parse.readers import read_source, read_stream

    options = _hints(hint_org, hint_body, hint_date, hint_type)
    max_bytes = max_file_mib * 2**20
    failed = 0
    for name in files:
        try:
            with memory_cap(max_memory), time_limit(timeout):
                if name == "-":
                    record = parse_bytes(read_stream(sys.stdin.buffer, "<stdin>", max_bytes), "<stdin>", engine,
                                         ocr, metadata=options if options.supplied() else None)
                else:
                    record = parse_bytes(read_source(name, max_bytes), name, engine, ocr,
                                         metadata=hints_for(name, None, options))
        except MemoryError:
            click.echo(f"minutes: error: {printable(name, one_line=True)}: needs more memory than "
                       f"--max-memory {max_memory} MiB allows", err=True)
            failed = failed or 4
            continue
        except FileTimeout:
            click.echo(f"minutes: error: {printable(name, one_line=True)}: not parsed within --timeout "
                       f"{timeout} s", err=True)
            failed = failed or 4
            continue
        except MinutesError as exc:
            click.echo(f"minutes: error: {printable(str(exc), one_line=True)}", err=True)
            failed = failed or exc.exit_code
            continue
        except Exception as exc:  # a bug on one file must not stop the others
            click.echo(f"minutes: error: {printable(name, one_line=True)}: unexpected error "
                       f"({type(exc).__name__}: {printable(str(exc), one_line=True)}); please report it", err=True)
            failed = failed or 1
            continue
        if fmt == "json":
            indent = 2 if len(files) == 1 else None
            click.echo(json_text(record.to_dict(), indent))
        else:
            say(render_text(record))
    if failed:
        sys.exit(failed)





@main.command(epilog=EXIT_HELP)
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
@hint_options
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help="CSV with columns path, organization, body, date, document_type (paths relative to it).")
@max_size_option
@click.option("--reparse", is_flag=True,
              help="Parse and store again files stored unchanged: records of an older version get what this one "
                   "reads (decisions, votes, people).")
@click.option("--scheduler", metavar="ADDRESS", callback=_scheduler,
              help="Parse on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' to start one "
                   "here with --jobs worker processes of --max-memory each.")
def ingest(paths: tuple[str, ...], db: str, engine: str, jobs, timeout: int, max_memory: int, report, ocr: str,
           quiet: bool, hint_org, hint_body, hint_date, hint_type, manifest, max_file_mib: int, reparse: bool,
           scheduler) -> None:
    """Parse documents under PATHS (folders are walked) and store them in the database.

    Files are parsed in parallel worker processes and stored one transaction each. A file already
    stored with the same content is skipped ("unchanged"), so a stopped batch continues where it
    stopped; a changed file replaces its old record (--reparse: every file is parsed and stored
    again, as after upgrading minutes). A file that fails (encrypted, scanned, corrupt,
    too slow, too big, or one that crashes the PDF engine) is reported and the batch goes on.

    Meeting metadata the documents lack: a --manifest row per file, a sidecar FILE.meta.json next
    to a file (wins over the manifest), --org/--body/--date/--document-type (win over both).

    \b
    Example:
      minutes ingest poytakirjat/ --db lapua.db -j 4 --report ongelmat.jsonl
      minutes ingest skannatut/ --manifest skannatut/metadata.csv --org "Lapuan kaupunki"
      minutes ingest poytakirjat/ --db lapua.db --reparse
      minutes ingest arkisto/ --scheduler tcp://10.0.0.5:8786
    """
    from .batch.cluster import ClusterUnavailable
    from .batch.progress import BatchProgress
    from .batch.run import Report, run_batch
    from .language.analysis import status
    from .store import storage_errors

    if report:
        problem = output_problem(report, db, paths)
        if problem:
            fail(f"--report {problem}", ExitCode.USAGE)
    try:
        rows = read_manifest(manifest) if manifest else None
    except MinutesError as exc:
        fail(str(exc), exc.exit_code)
    options = _hints(hint_org, hint_body, hint_date, hint_type)
    hint = status().hint
    if hint:
        click.echo(f"minutes: note: {hint}", err=True)
    started = time.perf_counter()
    problems = Report.open(report)
    try:   # Ctrl-C at any moment: what is stored stays whole, and the same command continues
        store = open_store(db, readonly=False)
        with store, BatchProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
            def outcome(o) -> None:
                progress.advance(o)
                if o.status == "failed":
                    progress.echo(f"minutes: error: {printable(f'{o.path}: {o.message}', one_line=True)} "
                                  f"[{o.category}]")

            summary = run_batch(store, paths, jobs, engine, timeout, problems, on_outcome=outcome,
                                on_total=progress.start, ocr=ocr, memory_mib=max_memory,
                                options=options, manifest=rows, max_bytes=max_file_mib * 2**20, reparse=reparse,
                                scheduler=scheduler)
    except ClusterUnavailable as exc:
        _close_quietly(problems)
        fail(f"--scheduler {exc}; the documents stored so far are intact", ExitCode.USAGE)
    except KeyboardInterrupt:
        problems.close()
        click.echo("minutes: interrupted; run the same command again to continue", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except (*storage_errors(), OSError) as exc:   # a full disk, a failing device: every document stored is whole
        _close_quietly(problems)
        if isinstance(exc, OSError) and exc.errno not in WRITE_ERRORS:
            fail(f"unexpected error ({type(exc).__name__}: {exc}); the documents stored so far are intact",
                 ExitCode.UNEXPECTED)
        target = f"--report {report}" if report and getattr(exc, "filename", None) == report else db
        fail(f"{shown(target)}: cannot write ({getattr(exc, 'strerror', None) or exc}); the documents stored so far "
             "are intact: free space (or fix the device) and run the same command again to continue", ExitCode.UNEXPECTED)
    try:
        problems.close()
    except OSError as exc:
        fail(f"--report {report}: cannot be written ({exc}); the database is intact", ExitCode.UNEXPECTED)
    seconds = time.perf_counter() - started
    memory = f", workers' peak memory {summary.worker_peak_mib:.0f} MiB" if summary.worker_peak_mib else ""
    say(f"{summary.line()}, {summary.pages} pages in {seconds:.1f} s{memory} ({shown(db)})")
    if summary.counts["failed"]:
        sys.exit(ExitCode.DOCUMENTS_FAILED)


@main.command(epilog=EXIT_HELP)
@click.argument("query", required=False, default="")
@db_option
@filter_options
@decision_options
@click.option("--kind", type=click.Choice(SEARCH_KINDS), help="Search only this kind of section (or titles).")
@click.option("--document-type", "document_type", type=click.Choice(DOCUMENT_TYPES),
              help="Search only this version of each item (default: the decided one, minutes before the agenda).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Hits per page.")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True, help="Hits to skip (the next page).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Best first, or newest meeting first.")
@click.option("--explain", is_flag=True,
              help="Show why each item matched: the parts of the query found in each field, each field's score alone.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def search(query: str, db: str, body, org, date_from, date_to, outcome, voted: bool, person, role, goal, kind,
           document_type, limit: int, offset: int, sort: str, explain: bool, fmt: str) -> None:
    """Search items for QUERY, best first, one hit per item.

    Type keywords or a question. Finnish words match their inflected and compound forms
    ("strategia" finds "kaupunkistrategiasta"); question and function words (mikä, miten,
    vuodelle, vad, hur…) are not required. Every other word is; when no item or very few hold
    them all, the items holding any of them are ranked, more of the words first, and the output
    says which words were required and which only ranked. "quoted phrases", diary numbers
    (LAPDno-2024-292) and figures are matched as written; OR between words takes either;
    -word leaves out items with the word. An item stored as an agenda and as minutes is one hit,
    searched in its minutes; --document-type agenda searches the agendas instead.

    --outcome, --voted and --person narrow to items by what they decided and who took part,
    --goal to the items that advance a goal of a stored strategy; with one of them QUERY may be
    left out to list every such item, newest first.

    \b
    Example:
      minutes search strategia
      minutes search "Mikä on kaupungin tuloveroprosentti vuodelle 2026?"
      minutes search "tilinpäätös" --body valtuusto --from 2024-01-01 --format json
      minutes search "uimahalli OR maauimala -kioski" --sort date --limit 50 --offset 50
      minutes search asiakasmaksut --document-type agenda
      minutes search --voted --from 2025
      minutes search katuvalaistus --person Koskiselle --outcome as_proposed
      minutes search avustus --goal hyvinvointi
    """
    from .language.analysis import status
    from .store.fulltext import QueryError

    hint = status().hint
    if hint:
        click.echo(f"minutes: note: {hint}", err=True)
    filters = _filters(body, org, date_from, date_to, kind, document_type, outcome, voted, person, role, goal)
    with open_store(db) as store:
        _check_goal(store, goal)
        try:
            hits = store.search(query, filters, limit, offset=offset, sort=sort, explain=explain)
        except QueryError as exc:
            if not query:
                fail("give a QUERY, or --outcome, --voted, --person or --goal to list the items they select",
                     ExitCode.USAGE)
            fail(f"{exc}: {query!r}", ExitCode.USAGE)
    if fmt == "json":
        click.echo(json_text(hits.to_dict(), 2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["item_id", "title", "organization", "body", "date", "number", "score", "snippet",
                         "document_type"])
        for h in hits:
            writer.writerow([h.item_id, h.title, h.organization, h.body, h.date, h.number, f"{h.score:.4f}",
                             h.snippet, h.document_type])
    else:
        click.echo(search_summary(hits.to_dict()), err=True)
        for h in hits:
            say(render_hit(h.to_dict()))


@main.command(epilog=EXIT_HELP)
@click.argument("id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--version", "version", type=click.Choice(DOCUMENT_TYPES),
              help="Show this version (default: the decided one, minutes before the agenda).")
def show(id: str, db: str, fmt: str, version) -> None:
    """Show a stored item or meeting by its id, and list its other stored versions.

    An item id is <org>/<body>/<YYYY-MM-DD>/<number>, a meeting id leaves out the number; a
    meeting whose organisation, body or date is not known has the id document/<sha256 prefix>.
    The agenda and the minutes of a meeting are versions of it: the minutes are shown (the latest
    ingested among equals) unless --version asks for the agenda.

    \b
    Example:
      minutes show jarvelan-kunta/tekninen-lautakunta/2025-05-14/43
      minutes show jarvelan-kunta/tekninen-lautakunta/2025-05-14 --format json
      minutes show rantalan-kunta/sivistyslautakunta/2025-09-10/62 --version agenda
    """
    with open_store(db) as store:
        try:
            shown = store.show(id, version)
        except MinutesError as exc:
            fail(str(exc), exc.exit_code)
    found = shown.found
    if fmt == "text":
        if found.item:
            text = render_item(found.record, found.item) + render_links(shown.links)
        else:
            text = render_text(found.record)
        click.echo(printable(text + render_versions(found.version, found.others)), nl=False)
    else:
        click.echo(json_text(shown.to_dict(), 2))


@main.command(epilog=EXIT_HELP)
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
    with open_store(db) as store:
        steps = store.chain(id)
        if steps is None:
            fail(f"{id}: no such item in {shown(db)}", ExitCode.NOT_STORED)
    if fmt == "json":
        click.echo(json_text([s.__dict__ for s in steps], 2))
        return
    for step in steps:
        where = step.item_id or "(not stored)"
        number = f"§ {step.number}" if step.number is not None else "§ ?"
        say(f"{step.date or '?':10}  {step.body or '?'} {number}  {step.title or ''}  {where}")


@main.command(epilog=EXIT_HELP)
@click.argument("name")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def person(name: str, db: str, body, org, date_from, date_to, fmt: str) -> None:
    """Show what a person did: meetings, items presented or prepared, motions, votes, disqualifications.

    NAME is matched in any case form ("Virtaselle", "Hellan" find Virtanen and Hella) against
    the people the stored minutes name; a surname alone finds everyone of that surname, each
    apart, and a first name with it finds only that person. Only the decided version of each
    item counts. Exit code 9 when nobody matches.

    \b
    Example:
      minutes person "Timo Koskinen"
      minutes person Saarisen --format json
      minutes person Hella --body kaupunginhallitus --from 2024
    """
    if not any(c.isalnum() for c in name):
        fail(f"{name!r}: a name needs letters", ExitCode.USAGE)
    with open_store(db) as store:
        people = store.person(name, _filters(body, org, date_from, date_to))
        total = store.stats().total if not people else None
        unread = total.items - total.analysed if total else 0
    if not people:
        hint = (f" ({unread} stored items were stored before people were read: "
                f"minutes ingest FOLDER --db {shown(db)} --reparse reads them)") if unread > 0 else ""
        fail(f"{name}: nobody of that name in {shown(db)}{hint}", ExitCode.NOT_STORED)
    if fmt == "json":
        click.echo(json_text([p.to_dict() for p in people], 2))
    else:
        say("\n".join(render_person(p.to_dict()) for p in people).rstrip("\n"))


@main.command(epilog=EXIT_HELP)
@db_option
@filter_options
@decision_options
@click.option("--by", type=click.Choice(GROUPINGS), default="body", show_default=True,
              help="Count per body, per year of the meeting, or per presenter.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def stats(db: str, body, org, date_from, date_to, outcome, voted: bool, person, role, goal, by: str, fmt: str) -> None:
    """Count outcomes, votes, motions and disqualifications per body, year or presenter.

    Each item counts once, in its decided version, by its own decision (the earlier handlings
    printed in it are other meetings' decisions). Shares are of the items analysed: items of
    records stored before decisions were read count as items, not analysed (ingest them again
    with --reparse). A motion's success is the share of motions adopted.

    \b
    Example:
      minutes stats
      minutes stats --by year --format csv
      minutes stats --by presenter --org Järvelän --format json
    """
    filters = _filters(body, org, date_from, date_to, outcome=outcome, voted=voted, person=person, role=role,
                       goal=goal)
    with open_store(db) as store:
        _check_goal(store, goal)
        counted = store.stats(filters, by).to_dict()
    if fmt == "json":
        click.echo(json_text(counted, 2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([by, *_csv_columns()])
        for counts in [*counted["groups"], counted["total"]]:
            writer.writerow([counts["group"], *_csv_row(counts)])
    else:
        say(render_stats(counted).rstrip("\n"))


def _csv_columns() -> list[str]:
    from .record import MOTION_RESULTS, RESOLUTIONS

    return ["items", "analysed", *(f"{o}{s}" for o in OUTCOMES for s in ("", "_share")), *RESOLUTIONS,
            "items_voted", "items_voted_share", "votes", "motions", *(f"motions_{r}" for r in MOTION_RESULTS),
            "motion_success", "disqualifications", "dissents"]


def _csv_row(counts: dict) -> list:
    from .record import MOTION_RESULTS, RESOLUTIONS

    o, m = counts["outcomes"], counts["motions"]
    return [counts["items"], counts["analysed"], *(x for k in OUTCOMES for x in (o[k]["count"], o[k]["share"])),
            *(counts["resolutions"][r]["count"] for r in RESOLUTIONS), counts["votes"]["items"],
            counts["votes"]["share"], counts["votes"]["count"], m["count"], *(m[r] for r in MOTION_RESULTS),
            m["success"], counts["disqualifications"]["count"], counts["dissents"]["count"]]


@main.command(epilog=EXIT_HELP)
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one meeting record per line (minutes.record/1); csv: one row per item.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write (default: stdout); never the database.")
def export(db: str, body, org, date_from, date_to, fmt: str, output) -> None:
    """Export stored records for pandas, R or other tools.

    \b
    Example:
      minutes export --format csv --body valtuusto -o valtuusto.csv
      minutes export --from 2025-01-01 > 2025.jsonl
    """
    from .store.export import export_csv, export_jsonl

    with open_store(db) as store:
        if output != "-":
            problem = output_problem(output, db)
            if problem is None and Path(output).is_file() and store.holds_file(str(Path(output).resolve())):
                problem = f"{output}: is a document stored in {shown(db)}; writing there would destroy it"
            if problem:
                fail(f"-o {problem}", ExitCode.USAGE)
        # a file name that is not UTF-8 keeps its bytes in the output
        with click.open_file(output, "w", encoding="utf-8", errors="surrogateescape") as out:
            writer = export_csv if fmt == "csv" else export_jsonl
            writer(store, out, _filters(body, org, date_from, date_to))


@main.group(epilog=EXIT_HELP)
def strategy() -> None:
    """Strategies and the decisions that carry out their goals: draft, add, list, remove, tags, report.

    A strategy is a YAML file (organisation, name, period, approval and goals; its contract is in
    the README). Adding a strategy of the same organisation and name again replaces it. Adding it
    tags every stored item of its organisation inside its period with the goals it advances;
    items ingested later are tagged as they are stored.

    \b
    Example:
      minutes strategy add samples/rantala-strategia.yaml
      minutes strategy report --format html -o strategia.html
      minutes search --goal hyvinvointi
    """


@strategy.command("add", epilog=EXIT_HELP)
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def strategy_add(file: str, db: str) -> None:
    """Check and store the strategy of a YAML FILE; a problem names its line and field (exit 2).

    \b
    Example:
      minutes strategy add lapua-strategia.yaml
    """
    from .parse.strategy import read_strategy

    try:
        read = read_strategy(file)
    except MinutesError as exc:
        fail(str(exc), exc.exit_code)
    from .tagging.profile import name_keywords
    from .tagging.rules import tagging_rules

    for goal, keyword in name_keywords(read, tagging_rules()):
        click.echo(f"minutes: note: {file}: goal {goal}: keyword {keyword!r} names a body, an office or an "
                   "organisation, and names are never evidence: it will match nothing", err=True)
    with open_store(db, readonly=False) as store:
        status = store.add_strategy(read)
        tagged = sum(1 for _ in store.strategy_tags(read.id))
    say(f"{status}: {read.id} ({read.name}, {read.organization}, {len(read.goals)} goals, "
        f"{len(read.all_goals()) - len(read.goals)} sub-goals); {tagged} stored "
        f"{'item advances' if tagged == 1 else 'items advance'} its goals")


@strategy.command("draft", epilog=EXIT_HELP)
@click.argument("document", type=click.Path(dir_okay=False))
def strategy_draft(document: str) -> None:
    """Print a draft strategy file read from a strategy DOCUMENT (PDF, DOCX, HTML or text): its
    name, organisation, period and the goals of its goal list (numbered or bulleted; deeper entries
    as sub-goals), to check and edit before `minutes strategy add`.

    \b
    Example:
      minutes strategy draft kaupunkistrategia.pdf > strategia.yaml
    """
    from .parse import read_document
    from .parse.strategy_draft import draft_strategy, strategy_yaml

    try:
        read = read_document(document)
    except MinutesError as exc:
        fail(str(exc), exc.exit_code)
    drafted = draft_strategy([line.text for line in read.lines], Path(document).stem)
    if not drafted.goals:
        click.echo(f"minutes: note: {document}: no list of goals found; write the goals into the draft",
                   err=True)
    click.echo(strategy_yaml(drafted), nl=False)


@strategy.command("list", epilog=EXIT_HELP)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def strategy_list(db: str, fmt: str) -> None:
    """List the stored strategies with their goals.

    \b
    Example:
      minutes strategy list --format json
    """
    with open_store(db) as store:
        stored = store.strategies()
    if fmt == "json":
        click.echo(json_text([s.to_dict() for s in stored], 2))
        return
    if not stored:
        click.echo("no strategies stored", err=True)
    for s in stored:
        period = f"{s.period_from}–{s.period_to or ''}"
        say(f"{s.id}  {s.name} · {s.organization} · {period}")
        for goal in s.goals:
            say(f"  {goal.id}: {goal.title}")
            for sub in goal.subgoals:
                say(f"    {sub.id}: {sub.title}")


@strategy.command("remove", epilog=EXIT_HELP)
@click.argument("strategy_id")
@db_option
def strategy_remove(strategy_id: str, db: str) -> None:
    """Remove a stored strategy by its ID (as `minutes strategy list` shows it); exit 9 when none has it.

    \b
    Example:
      minutes strategy remove lapuan-kaupunki/onnen-resepti
    """
    with open_store(db, readonly=False) as store:
        removed = store.remove_strategy(strategy_id)
    if not removed:
        fail(f"{strategy_id}: no such strategy in {shown(db)}", ExitCode.NOT_STORED)
    say(f"removed: {strategy_id}")


def _chosen_strategy(store, strategy_id: str | None, db: str):
    """The stored strategy of ``strategy_id``, or the only one stored; a usage error otherwise."""
    stored = store.strategies()
    if strategy_id is not None:
        chosen = next((s for s in stored if s.id == strategy_id), None)
        if chosen is None:
            fail(f"{strategy_id}: no such strategy in {shown(db)} (stored: {', '.join(s.id for s in stored) or 'none'})",
                 ExitCode.NOT_STORED)
        return chosen
    if not stored:
        fail(f"no strategies stored in {shown(db)}: add one with `minutes strategy add FILE.yaml`", ExitCode.NOT_STORED)
    if len(stored) > 1:
        fail("several strategies are stored: choose one with --strategy ("
             + ", ".join(s.id for s in stored) + ")", ExitCode.USAGE)
    return stored[0]


@strategy.command("tags", epilog=EXIT_HELP)
@click.option("--strategy", "strategy_id", metavar="ID", help="Only this stored strategy (default: every one).")
@db_option
@filter_options
@click.option("--all", "everything", is_flag=True,
              help="Also the goals an item's text is about but its decision does not advance (rejected, tabled, "
                   "returned, only noted, a report); their evidence says why.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def strategy_tags(strategy_id, db: str, body, org, date_from, date_to, everything: bool, fmt: str) -> None:
    """List every item tagged with goals of the stored strategies, oldest first, with each goal's
    score and the evidence it rests on. An item tagged with a sub-goal is tagged with its parent
    goal too. Items are tagged when a strategy is added or changed and when they are ingested.

    \b
    Example:
      minutes strategy tags --format json
      minutes strategy tags --strategy lapuan-kaupunki/onnen-resepti --from 2025 --body valtuusto
    """
    with open_store(db) as store:
        if strategy_id is not None:
            _chosen_strategy(store, strategy_id, db)
        tagged = list(store.strategy_tags(strategy_id, _filters(body, org, date_from, date_to),
                                          advancing=not everything))
    if fmt == "json":
        click.echo(json_text([t.to_dict() for t in tagged], 2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["strategy", "item_id", "date", "body", "number", "title", "goal", "parent", "score",
                         "advances", "evidence"])
        for t in tagged:
            for g in t.goals:
                writer.writerow([t.strategy, t.item_id, t.date.isoformat() if t.date else "", t.body or "",
                                 t.number if t.number is not None else "", t.title, g.goal, g.parent or "",
                                 f"{g.score:.3f}", int(g.advances), " | ".join(g.evidence)])
    else:
        if not tagged:
            click.echo("no tagged items", err=True)
        for t in tagged:
            number = f" § {t.number}" if t.number is not None else ""
            say(f"{t.date or '?'}  {t.body or '?'}{number}  {t.title}")
            say(f"  {t.item_id}")
            for g in t.goals:
                say(f"  {g.goal} {g.score:.2f}{'' if g.advances else ' (advances nothing)'}"
                    + (f": {g.evidence[0]}" if g.evidence else ""))


@strategy.command("report", epilog=EXIT_HELP)
@click.option("--strategy", "strategy_id", metavar="ID", help="The stored strategy (needed when several are stored).")
@db_option
@click.option("--body", help="Only this body (part of its name, any case): 'valtuusto'.")
@click.option("--from", "date_from", callback=_from_day, metavar="DATE",
              help="Decisions on or after this day: YYYY-MM-DD, d.m.yyyy or a year.")
@click.option("--to", "date_to", callback=_to_day, metavar="DATE",
              help="Decisions on or before this day: YYYY-MM-DD, d.m.yyyy or a year.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table",
              show_default=True, help="html: a self-contained page with a chart of decisions per goal per quarter.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--chart", "chart_file", type=click.Path(dir_okay=False, writable=True), metavar="FILE.png",
              help="Also write the chart alone as a PNG image.")
def strategy_report(strategy_id, db: str, body, date_from, date_to, fmt: str, output, chart_file) -> None:
    """Report, per goal of a stored strategy, the decisions that advance it over time (date, body,
    §, title, score, evidence), their counts per body and year, and the goals no decision advanced
    in the period (by default the strategy's period).

    \b
    Example:
      minutes strategy report
      minutes strategy report --from 2025 --body valtuusto --format csv
      minutes strategy report --format html -o strategia.html --chart strategia.png
    """
    from .strategy_report import build_report, report_csv, report_html, report_text

    with open_store(db) as store:
        chosen = _chosen_strategy(store, strategy_id, db)
        filters = _filters(body, None, date_from, date_to)
        report = build_report(chosen, store.strategy_tags(chosen.id, filters), date_from, date_to, body)
    if chart_file or fmt == "html":
        from .strategy_chart import chart
    if chart_file:
        _write_bytes(chart_file, chart(report, "png"))
    text = {"json": lambda: json_text(report.to_dict(), 2) + "\n", "csv": lambda: report_csv(report),
            "html": lambda: report_html(report, chart(report, "svg")), "table": lambda: report_text(report) + "\n"}[fmt]()
    if output:
        _write_bytes(output, text.encode("utf-8"))
        say(f"wrote {output}" + (f" and the chart {chart_file}" if chart_file else ""))
    elif fmt == "table":
        say(text.rstrip("\n"))
    else:
        click.echo(text, nl=False)


@main.command(epilog=EXIT_HELP)
@click.option("--from", "source", required=True, metavar="DB",
              help="The database to copy: an SQLite file (or a postgresql:// URL).")
@click.option("--to", "target", required=True, metavar="DB",
              help="The database to copy into: a postgresql:// URL (or an SQLite file).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def migrate(source: str, target: str, quiet: bool) -> None:
    """Copy a minutes database into another: every stored document (in the order and with the
    time it was stored) and every strategy. The copy computes its search index, links, decisions
    and strategy tags itself. Run it again after an interruption: what is copied is skipped.

    \b
    Example:
      minutes migrate --from minutes.db --to postgresql://minutes@dbhost/archive
    """
    from types import SimpleNamespace

    from .batch.progress import BatchProgress
    from .store.copy import copy_store

    if source == target:
        fail(f"--to {shown(target)}: is the database copied from; name another", ExitCode.USAGE)
    with open_store(source) as origin, open_store(target, readonly=False) as copy, \
            BatchProgress(enabled=not quiet and sys.stderr.isatty()) as progress:
        progress.start(origin.counts()["documents"])
        copied = copy_store(origin, copy, lambda status: progress.advance(SimpleNamespace(status=status, pages=0)))
    documents = ", ".join(f"{n} {status}" for status, n in sorted(copied.documents.items())) or "none"
    strategies = ", ".join(f"{n} {status}" for status, n in sorted(copied.strategies.items())) or "none"
    say(f"documents: {documents}; strategies: {strategies} ({shown(target)})")
    for refused in copied.refused:
        click.echo(f"minutes: error: {printable(refused, one_line=True)} [store_refused]", err=True)
    if not copied.complete:
        fail(f"{shown(target)}: holds {copied.target_counts} after the copy, the source {copied.source_counts}: "
             "another process may be writing into one of them; run the same command again", ExitCode.UNEXPECTED)


@main.command(epilog=EXIT_HELP)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; put a TLS proxy in front).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each reads the database through its own connections).")
@click.option("--base-url", metavar="URL", callback=_base_url,
              help="The public address behind a proxy (https://paatokset.example.fi): the links of the feeds.")
def serve(db: str, host: str, port: int, workers: int, base_url) -> None:
    """Serve a web interface over the database, read-only: search with facets, items, meetings,
    people, strategies, a JSON API (/openapi.json) and Atom feeds of searches (/feed?q=...).

    The pages are in Finnish, Swedish and English (?lang=sv); every page has a URL to share.
    Uvicorn serves it; stop it with Ctrl-C.

    \b
    Example:
      minutes serve
      minutes serve --db archive.db --port 8080
    """
    import uvicorn

    from .web.app import create_app
    from .web.stores import Stores

    probe = Stores(db)
    try:
        counts = probe.check()
    except MinutesError as exc:
        fail(str(exc), exc.exit_code)
    finally:
        probe.close()
    click.echo(f"minutes: serving {shown(db)} ({counts['meetings']} meetings, {counts['items']} items) "
               f"on http://{host}:{port}/", err=True)
    if workers > 1:
        os.environ["MINUTES_SERVE_DB"] = db
        os.environ["MINUTES_SERVE_BASE_URL"] = base_url or ""
        uvicorn.run("minutes.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                    proxy_headers=False, server_header=False, log_level="info")
    else:
        uvicorn.run(create_app(db, base_url), host=host, port=port, proxy_headers=False, server_header=False,
                    log_level="info")


def _write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (a file that cannot be written is a clear error, exit 2)."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}", ExitCode.USAGE)


if __name__ == "__main__":  # pragma: no cover
    main()
