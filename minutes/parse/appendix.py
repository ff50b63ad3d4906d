"""Attachment pages bound into the minutes, usually after the last item: each page is headed by
the attachment's label and the item it belongs to ("Liite 3, Kaupunginhallitus 12.5.2025 § 171",
"Bilaga Personalsektionen, 28.03.2023 § 19"), in the running header or in the page's first
lines. They are taken out of the flow before items are split, so they never join an item's
decision or background, and become ``appendix`` sections of the item they name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import regex

from minutes.language.lexicon import load_layout, load_lexicon

from .dates import parse_date
from .document import Line


@dataclass(frozen=True)
class Appendix:
    """The pages of one attachment: its header as printed, the item it names, and its lines."""

    heading: str
    body: str
    date: date | None
    number: int
    page: int | None
    lines: tuple[Line, ...]


def match_header(text: str) -> regex.Match | None:
    """The header of an attachment page, with its label, body, date and item number."""
    for pattern in load_layout().appendix_headers:
        m = pattern.match(text.strip())
        if m:
            return m
    return None


def _page_heads(lines: list[Line], furniture: tuple[Line, ...] | list[Line]) -> tuple[dict[int, Line], set[int]]:
    """The attachment header of each page that has one, and the indexes of such headers in ``lines``."""
    head_lines = load_layout().appendix_head_lines
    heads: dict[int, Line] = {}
    for line in furniture:
        if line.page is not None and line.page not in heads and match_header(line.full_text):
            heads[line.page] = line
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.page is not None:
            by_page[line.page].append(i)
    in_flow: set[int] = set()
    for page, indexes in by_page.items():
        for i in indexes[:head_lines]:
            if match_header(lines[i].full_text):
                heads.setdefault(page, lines[i])
                in_flow.add(i)
                break
    return heads, in_flow


def _holds_item_header(lines: list[Line], indexes: list[int]) -> bool:
    starts = load_lexicon().item_start
    return any(p.match(lines[i].full_text) for i in indexes for p in starts)


def split_appendices(lines: list[Line], furniture: tuple[Line, ...] | list[Line] = ()) \
        -> tuple[list[Line], list[Appendix]]:
    """The lines without the attachment pages, and the attachments (consecutive pages under the
    same header are one attachment). A page holding an item header is never an attachment page."""
    heads, in_flow = _page_heads(lines, furniture)
    if not heads:
        return lines, []
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.page in heads:
            by_page[line.page].append(i)
    pages = [p for p in sorted(heads) if not _holds_item_header(lines, by_page[p])]
    taken: set[int] = set()
    appendices: list[Appendix] = []
    run: list[int] = []
    for page in pages + [None]:
        if run and (page is None or page != run[-1] + 1 or heads[page].full_text != heads[run[-1]].full_text):
            appendices.append(_appendix(heads[run[0]], run[0], [lines[i] for p in run for i in by_page[p]
                                                                   if i not in in_flow]))
            run = []
        if page is not None:
            run.append(page)
            taken.update(by_page[page])
    return [line for i, line in enumerate(lines) if i not in taken], appendices


def _appendix(head: Line, page: int, lines: list[Line]) -> Appendix:
    m = match_header(head.full_text)
    return Appendix(" ".join(head.full_text.split()), m.group("body").strip(" ,"), parse_date(m.group("date")),
                    int(m.group("number")), page, tuple(lines))
