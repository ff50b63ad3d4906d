"""Command-line interface: thin wrappers over the library.

Exit codes: 0 success; 1 unexpected error; 2 usage error; 3 unsupported format; 4 unreadable
(empty, truncated or corrupt) document; 5 encrypted PDF; 6 no text layer (scan, needs OCR);
7 no agenda items found.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import MinutesError
from .pipeline import parse_bytes, parse_document
from .readers import DEFAULT_ENGINE, ENGINES
from .render import render_text

EXIT_CODES = """\b
Exit codes:
  0  success
  1  unexpected error
  2  usage error
  3  unsupported format
  4  unreadable document (empty, truncated, corrupt)
  5  encrypted PDF
  6  no text layer (a scan: OCR it first)
  7  no agenda items found"""


@click.group(epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="minutes")
def main() -> None:
    """Turn Finnish and Swedish municipal minutes and agendas into structured records."""


@main.command(epilog=EXIT_CODES)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="JSON record (the minutes.record/1 contract) or a readable outline.")
@click.option("--engine", type=click.Choice(sorted(ENGINES)), default=DEFAULT_ENGINE, show_default=True,
              help="PDF text engine.")
def parse(files: tuple[str, ...], fmt: str, engine: str) -> None:
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
                record = parse_bytes(sys.stdin.buffer.read(), "<stdin>", engine)
            else:
                record = parse_document(name, engine)
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


if __name__ == "__main__":  # pragma: no cover
    main()
