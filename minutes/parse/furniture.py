"""Page furniture: running headers and footers repeated on the pages of a document.

Furniture removal is the first step of parsing: ``set_furniture_apart(document)`` takes them out
of the flow of lines that segmentation reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import regex

from minutes.language.lexicon import load_lexicon

from .document import Document, Line
from .lines import is_case_line, match_body_header, match_item_header

EDGE_LINES = 3          # lines at the top and at the bottom of a page that may be furniture
EDGE_ZONE = 0.12        # and, where the page size is known, within this share of its height
SHARE_WITH_DIGITS = 0.4  # share of pages a line must repeat on when it holds numbers (dates, pages)
SHARE_PLAIN = 0.6        # and when it holds none
SAME_PLACE_PAGES = 3     # or, holding numbers, on this many pages at the very same height (the
                         # minutes' header when appendices with headers of their own fill the rest)

# a line opening with one of these headings is an item's text ("Päätös Hyväksyttiin.", "Valmistelija:
# tekninen johtaja …"), even when every item prints the same one at the top of its page
TEXT_HEADINGS = ("background", "proposal", "decision", "proposal_or_decision", "discussion", "presenter", "preparers")
_DIGITS = regex.compile(r"\d+")


def shape(text: str) -> str:
    """A line with its numbers blanked: page headers differ only in page numbers and dates."""
    return _DIGITS.sub("#", " ".join(text.casefold().split()))


def _never_furniture(text: str) -> bool:
    """Item headers and section headings stay in the text even when they repeat page after page,
    and so does a line that opens with a heading ("Päätös Ehdotus hyväksyttiin." in plain text,
    the decision of every item printed one to a page)."""
    lex = load_lexicon()
    if any(p.match(text) for p in lex.item_start) and len(text) < 12:
        return True
    words = text.split()
    return lex.heading_kind(text, styled=True) is not None or is_case_line(text) \
        or any(lex.heading_kind(" ".join(words[:n])) in TEXT_HEADINGS for n in (1, 2) if len(words) > n)


def _body_first_headers(lines: list[Line]) -> set[int]:
    """The lines of a document that prints no "§ N" item header which name a body and a number
    ("Bn § 12", "KH 45 §"; no date), each number once: items headed so, each atop its page, are
    no running header (one that repeats its item's number on each of the item's pages is)."""
    if any(match_item_header(line.full_text) for line in lines):
        return set()
    numbers: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, line in enumerate(lines):
        found = match_body_header(line.full_text)
        if found is not None and found.date is None:
            numbers[found.body.casefold()].append((i, found.number))
    out: set[int] = set()
    for headers in numbers.values():
        if len(headers) > 1 and len({n for _, n in headers}) == len(headers):
            out.update(i for i, _ in headers)
    return out


def _under_heading(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` follows a section heading on its page: the heading's text ("Päätös" /
    "Hyväksyttiin." at the top of every page where a decision runs over), never a running header."""
    if i == 0 or lines[i - 1].page != lines[i].page:
        return False
    previous = lines[i - 1]
    return load_lexicon().heading_kind(previous.caption or previous.full_text, styled=True) is not None


def _in_edge(line: Line, heights: dict[int, float] | None) -> bool:
    if not heights or line.top is None or line.page not in heights:
        return True
    height = heights[line.page]
    return line.top < height * EDGE_ZONE or line.top > height * (1 - EDGE_ZONE)


def remove_furniture(lines: list[Line], pages: int | None,
                     heights: dict[int, float] | None = None) -> tuple[list[Line], list[Line]]:
    """Split lines into (body, furniture): lines repeated at the top or bottom of many pages.

    Only documents of two or more pages have furniture; ``heights`` (page number -> height),
    where known, limits it to the page's top and bottom margins."""
    if not pages or pages < 2:
        return list(lines), []
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_page[line.page or 0].append(i)
    seen: dict[str, set[int]] = defaultdict(set)
    seen_at: dict[tuple[str, int], set[int]] = defaultdict(set)
    candidates: dict[int, str] = {}
    headers = _body_first_headers(lines)
    for page, indexes in by_page.items():
        edge = indexes[:EDGE_LINES] + indexes[-EDGE_LINES:]
        for i in edge:
            text = lines[i].full_text
            if not _in_edge(lines[i], heights) or _never_furniture(text) or _under_heading(lines, i) \
                    or i in headers:
                continue
            key = shape(text)
            candidates[i] = key
            seen[key].add(page)
            if lines[i].top is not None:
                seen_at[key, round(lines[i].top)].add(page)
    furniture_ids = set()
    for i, key in candidates.items():
        share = SHARE_WITH_DIGITS if "#" in key else SHARE_PLAIN
        top = lines[i].top
        if len(seen[key]) >= max(2, share * pages) or \
                ("#" in key and top is not None and len(seen_at[key, round(top)]) >= SAME_PLACE_PAGES):
            furniture_ids.add(i)
    body = [line for i, line in enumerate(lines) if i not in furniture_ids]
    furniture = [line for i, line in enumerate(lines) if i in furniture_ids]
    return body, furniture


def set_furniture_apart(document: Document) -> Document:
    """The document with its running page headers and footers moved from ``lines`` to the end of
    ``furniture`` (see ``remove_furniture``); a document of one page, or none, is returned as it is."""
    body, furniture = remove_furniture(list(document.lines), document.pages, document.page_heights)
    if not furniture:
        return document
    return replace(document, lines=tuple(body), furniture=document.furniture + tuple(furniture))
