#!/usr/bin/env python3
"""Render the team-written sample minutes in scripts/sample_sources/*.txt into PDF, DOCX, HTML and text.

Each source file is a small markup of printed lines:

    @format pdf-casem | pdf-tweb | pdf-sv | docx | html | text
    @header a | b | c      a running page header (cells spread over the line; {page} {pages})
    @title text            the HTML <title>
    !page                  a page break
    !header a | b | c      from this page on, the running header is this row (PDF; repeat for rows)
    # text                 a bold line at the left margin (headings, § lines, titles)
    > caption | text       a caption in the margin with its text in the body column
    + text                 a numbered list item (DOCX)
      text                 a body line, printed as written (line ends and hyphens kept)
    (blank)                vertical space

{zw} stands for a zero-width space. Usage: python scripts/make_samples.py [--out samples]
"""

from __future__ import annotations

import argparse
import html
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "sample_sources"

# the geometry of the three PDF layouts: left margin, body column, header cells
LAYOUTS = {
    "pdf-casem": {"margin": 57, "body": 122, "cells": (131, 346, 451, 508)},
    "pdf-tweb": {"margin": 57, "body": 183, "cells": (57, 300, 420, 480)},
    "pdf-sv": {"margin": 71, "body": 71, "caption_body": 200, "cells": (71, 300, 430, 510)},
}
EXTENSIONS = {"pdf-casem": "pdf", "pdf-tweb": "pdf", "pdf-sv": "pdf", "docx": "docx", "html": "html",
              "text": "txt"}


@dataclass
class Source:
    name: str
    format: str = "text"
    headers: list[list[str]] = field(default_factory=list)
    title: str = ""
    lines: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, caption, text)


def load(path: Path) -> Source:
    return parse_source(path.stem, path.read_text(encoding="utf-8"))


def parse_source(name: str, markup: str) -> Source:
    """A source in the markup above (tests build their fixtures with it)."""
    src = Source(name)
    for raw in markup.replace("{zw}", "\u200b").splitlines():
        if raw.startswith("@format "):
            src.format = raw.split(None, 1)[1].strip()
        elif raw.startswith("@header "):
            src.headers.append([c.strip() for c in raw[8:].split("|")])
        elif raw.startswith("@title "):
            src.title = raw[7:].strip()
        elif raw.strip() == "!page":
            src.lines.append(("page", "", ""))
        elif raw.startswith("!header "):
            src.lines.append(("header", "", raw[8:]))
        elif raw.startswith("# "):
            src.lines.append(("bold", "", raw[2:].strip()))
        elif raw.startswith("> "):
            caption, _, text = raw[2:].partition("|")
            src.lines.append(("caption", caption.strip(), text.strip()))
        elif raw.startswith("+ "):
            src.lines.append(("list", "", raw[2:].strip()))
        elif not raw.strip():
            src.lines.append(("blank", "", ""))
        else:
            src.lines.append(("text", "", raw.strip() if src.format != "text" else raw.rstrip("\n")))
    return src


def _pages(src: Source) -> list[list[tuple[str, str, str]]]:
    pages: list[list] = [[]]
    for line in src.lines:
        if line[0] == "page":
            pages.append([])
        else:
            pages[-1].append(line)
    return pages


def render_pdf(src: Source) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    layout = LAYOUTS[src.format]
    width, height = A4
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle(src.name)
    pages = _pages(src)
    headers = src.headers
    for number, page in enumerate(pages, start=1):
        rows = [[c.strip() for c in text.split("|")] for kind, _, text in page if kind == "header"]
        headers = rows or headers
        y = height - 35
        for row in headers:
            for x, cell in zip(layout["cells"], row):
                if cell:
                    pdf.setFont("Vera", 10)
                    pdf.drawString(x, y, cell.replace("{page}", str(number)).replace("{pages}", str(len(pages))))
            y -= 14
        y -= 40
        for kind, caption, text in page:
            if kind == "header":
                continue
            if kind == "blank":
                y -= 8
                continue
            if kind == "bold":
                pdf.setFont("VeraBd", 10.5)
                pdf.drawString(layout["margin"], y, text.replace("\u200b", ""))
            elif kind == "caption":
                pdf.setFont("VeraBd", 10.5)
                pdf.drawString(layout["margin"], y, caption)
                if text:
                    pdf.setFont("Vera", 10.5)
                    pdf.drawString(layout.get("caption_body", layout["body"]), y, text.replace("\u200b", ""))
            else:
                pdf.setFont("Vera", 10.5)
                pdf.drawString(layout["body"], y, text.replace("\u200b", ""))
            y -= 14
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def render_docx(src: Source) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = src.name
    header = document.sections[0].header.paragraphs[0]
    header.text = " ".join(c for c in src.headers[0] if c) if src.headers else ""
    paragraph_lines: list[str] = []
    table_rows: list[tuple[str, str]] = []

    def flush() -> None:
        if paragraph_lines:
            document.add_paragraph(" ".join(paragraph_lines))
            paragraph_lines.clear()
        if table_rows:
            table = document.add_table(rows=0, cols=2)
            for caption, text in table_rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = caption, text
            table_rows.clear()

    for kind, caption, text in src.lines:
        if kind != "caption" and table_rows:
            flush()
        if kind == "text":
            paragraph_lines.append(text)
            continue
        flush()
        if kind == "bold":
            document.add_paragraph().add_run(text).bold = True
        elif kind == "caption":
            table_rows.append((caption, text))
        elif kind == "list":
            document.add_paragraph(text, style="List Number")
        elif kind == "page":
            document.add_page_break()
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_html(src: Source) -> bytes:
    parts = ["<!DOCTYPE html>", '<html lang="fi"><head><meta charset="windows-1252">',
             f"<title>{html.escape(src.title)}</title></head><body>"]
    paragraph: list[str] = []
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        if paragraph:
            parts.append("<p>" + html.escape(" ".join(paragraph)) + "</p>")
            paragraph.clear()
        if rows:
            parts.append('<table class="kasittelyt">')
            for caption, text in rows:
                cells = [caption] + [c.strip() for c in text.split("|")]
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            parts.append("</table>")
            rows.clear()

    for kind, caption, text in src.lines:
        if kind == "text":
            if rows:
                flush()
            paragraph.append(text)
            continue
        flush()
        if kind == "bold":
            parts.append(f'<h3 class="otsikko">{html.escape(text)}</h3>')
        elif kind == "caption":
            rows.append((caption, text))
    flush()
    parts.append("</body></html>")
    return "\n".join(parts).encode("cp1252")


def render_text(src: Source) -> bytes:
    out: list[str] = []
    for kind, caption, text in src.lines:
        if kind == "page":
            out.append("\f")
        elif kind == "header":
            continue
        elif kind == "caption":
            out.append(f" {caption} {text}")
        else:
            out.append(text)
    return ("\n".join(out) + "\n").encode("utf-8")


RENDERERS = {"pdf-casem": render_pdf, "pdf-tweb": render_pdf, "pdf-sv": render_pdf, "docx": render_docx,
             "html": render_html, "text": render_text}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "samples")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in sorted(SOURCE.glob("*.txt")):
        src = load(path)
        data = RENDERERS[src.format](src)
        target = args.out / f"{src.name}.{EXTENSIONS[src.format]}"
        target.write_bytes(data)
        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  {len(data)} bytes")
    # a meeting as CaseM's OpenNC API gives it: a folder of JSON responses
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from opennc_export import write_sample

    print(write_sample(args.out))


if __name__ == "__main__":
    main()
