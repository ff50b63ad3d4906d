"""The contents list of a minutes document ("Käsitellyt asiat", "Ärenden") and the cross-check of
the parsed items against it.

A contents list opens with its heading and lists one entry per item: the item's number and title,
often a page number, the title wrapped over lines or printed beside a vertically centred number
cell, and sometimes a sub-list of items added at the meeting under a sub-heading of its own. It
ends where its numbering starts again (the items themselves), at a section heading, or at a line
that is neither an entry nor part of one. The list is never an item: segmentation leaves its
lines in the front matter, and ``check_items`` warns where the items found disagree with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

import regex

from minutes.language.lexicon import fold, load_layout, load_lexicon

from .document import Line

TITLE_SIMILARITY = 0.85   # titles this close (after clean-up) are the same title
_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True)
class ContentsEntry:
    number: int
    title: str
    index: int          # the line of the entry's number


@dataclass(frozen=True)
class Contents:
    start: int          # the heading line
    end: int            # the first line after the list
    entries: tuple[ContentsEntry, ...]

    def covers(self, index: int) -> bool:
        return self.start <= index < self.end


def match_entry(text: str) -> tuple[int, str] | None:
    """(number, title) of a contents entry such as "§ 57 Katuvalot 5" or "39 § Rubrik .... 1";
    the title may be any text, the middle line of a title wrapped around its number among them."""
    layout = load_layout()
    text = layout.leaders.sub("", text).strip()
    for pattern in layout.contents_entries:
        m = pattern.match(text)
        if m:
            title = (m.group("title") or "").strip()
            return int(m.group("number")), layout.trailing_page.sub("", title).strip()
    return None


def _ends_list(line: Line) -> bool:
    """A line that cannot belong to a contents list: a section heading, the heading of the list
    of participants, or a long line of text. (Cover headings such as "Pöytäkirjan tarkastus"
    are also the titles of items, so they do not end a list.)"""
    lex = load_lexicon()
    text = line.full_text
    return lex.heading_kind(text, styled=line.bold or line.heading) is not None \
        or fold(text) in lex.participants_present or len(text) > 160


@dataclass
class _Entry:
    number: int
    index: int
    parts: list[tuple[int, str]] = field(default_factory=list)


def _distance(a: Line, b: Line) -> float | None:
    if a.top is None or b.top is None or a.page != b.page:
        return None
    return abs(a.top - b.top)


def _owner(line: Line, before: _Entry | None, after: _Entry, lines: list[Line]) -> _Entry:
    """The entry a title line printed between two numbers belongs to: the entry above when it has
    no title yet, else the one whose number stands nearer on the page (a number cell is centred
    beside a title of two lines), else the entry below when it has no title of its own."""
    if before is None:
        return after
    if not before.parts:
        return before
    to_before, to_after = _distance(line, lines[before.index]), _distance(line, lines[after.index])
    if to_before is not None and to_after is not None:
        return after if to_after < to_before else before
    return after if not after.parts else before


def _close_below(line: Line, above: Line) -> bool:
    """Whether ``line`` continues the text of ``above``: within two lines below it on the page,
    or, without geometry, a continuation in lower case."""
    if line.top is None or above.top is None:
        return line.page == above.page and line.full_text[:1].islower()
    return line.page == above.page and 0 < line.top - above.top <= 2.5 * (above.size or 12)


def _read_list(lines: list[Line], start: int) -> Contents:
    layout = load_layout()
    entries: list[_Entry] = []
    pending: list[int] = []          # title lines waiting for the entry they belong to
    closed = in_sub = False          # the last title ended in leaders; inside a listed attachment
    end = start + 1
    for j in range(start + 1, len(lines)):
        line = lines[j]
        text = line.full_text.strip()
        led = bool(layout.leaders.search(text))
        entry = match_entry(text)
        if entry:
            if entries and entry[0] <= entries[-1].number:
                break       # numbering starts again: the items themselves
            new = _Entry(entry[0], j, [(j, entry[1])] if entry[1] else [])
            for k in pending:
                _owner(lines[k], entries[-1] if entries else None, new, lines).parts.append((k, lines[k].full_text))
            pending, closed, in_sub = [], led, False
            entries.append(new)
            end = j + 1
        elif entries and (in_sub or layout.subentry.match(text) or (closed and led)):
            in_sub = not led            # a listed attachment, to the line that ends in leaders
            end = j + 1                 # or another listed line after a complete entry
        elif not text or fold(text) in layout.contents_subheadings or layout.page_number.match(text):
            if entries and not pending:
                end = j + 1
        elif _ends_list(line) or len(pending) >= layout.wrap_lines:
            break
        else:
            pending.append(j)
            closed = led
    if entries:
        last = entries[-1]
        for k in pending:
            anchor = lines[max(i for i, _ in last.parts)] if last.parts else lines[last.index]
            if not _close_below(lines[k], anchor):
                break
            last.parts.append((k, lines[k].full_text))
            end = k + 1
    out = tuple(ContentsEntry(e.number, _title(e.parts), e.index) for e in entries)
    return Contents(start, end, out)


def _title(parts: list[tuple[int, str]]) -> str:
    leaders = load_layout().leaders
    return " ".join(leaders.sub("", text).strip() for _, text in sorted(parts))


def is_contents_heading(text: str) -> bool:
    """"Käsitellyt asiat", also with a column label beside it ("Ärenden  Sida")."""
    heading = fold(text)
    if heading in load_lexicon().toc_heading:
        return True
    words = heading.rsplit(" ", 1)
    return len(words) == 2 and words[1] in load_layout().contents_columns \
        and words[0] in load_lexicon().toc_heading


def find_contents(lines: list[Line]) -> Contents | None:
    """The document's contents list: the first heading of one followed by entries."""
    for i, line in enumerate(lines):
        if is_contents_heading(line.full_text):
            contents = _read_list(lines, i)
            if contents.entries:
                return contents
    return None


def _clean(title: str) -> str:
    return _NOT_WORD.sub(" ", title.casefold()).strip()


def same_title(listed: str, printed: str) -> bool:
    """Whether a listed title and an item's printed title are the same title (a list may shorten
    a long title, or wrap it differently)."""
    a, b = _clean(listed), _clean(printed)
    if not a or not b or a == b:
        return True
    if b.startswith(a) or a.startswith(b):
        return True
    return SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


def check_items(contents: Contents, items: list[tuple[int | None, str]]) -> list[str]:
    """Warnings where the items found, as (number, title), disagree with the contents list:
    listed but not found, found but not listed, or found under another title."""
    listed = {e.number: e.title for e in contents.entries}
    found = {number: title for number, title in items if number is not None}
    warnings = []
    for number in sorted(set(listed) - set(found)):
        warnings.append(f"contents list names § {number} ({listed[number]!r}), which was not found")
    for number in sorted(set(found) - set(listed)):
        warnings.append(f"§ {number} ({found[number]!r}) is not in the contents list")
    for number in sorted(set(listed) & set(found)):
        if not same_title(listed[number], found[number]):
            warnings.append(f"§ {number}: title {found[number]!r} differs from the contents list's "
                            f"{listed[number]!r}")
    return warnings
