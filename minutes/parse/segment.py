"""Segmentation: where agenda items start and end in a document's lines.

``split_items`` returns the front matter (cover page, participants, contents list), one
``ItemBlock`` per item and the contents list. Contents entries, signatures and the meeting's
appeal instructions after the last item are not items; a printed item header is always one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import regex

from minutes.language.lexicon import fold, load_layout, load_lexicon

from .appeals import Instruction, read_instructions
from .appeals import find_start as find_instructions
from .contents import Contents, find_contents
from .document import Line
from .lines import is_body_name, is_case_line, is_noise, match_body_header, match_item_header, match_stage

HEADING_MAX_WORDS = 8    # an appeal heading with more words than this is running text
PAGE_HEAD_LINES = 4      # meeting-level appeal instructions start within this many lines of a page
TOC_WRAP_LINES = 2       # lines a wrapped title may take between two table-of-contents entries
CONTENT_CAP = 40         # lines of content beyond which an item start counts no more
HEADER_MIN_CONTENT = 2   # lines of text under a header out of sequence that make it an item
_UPPER = regex.compile(r"^\p{Lu}")


@dataclass(frozen=True)
class ItemStart:
    index: int
    number: int | None
    title: str | None
    form: int = 0        # which of the item header patterns matched: a document prints one form


@dataclass(frozen=True)
class ItemBlock:
    """The lines of one item: ``lead`` lines printed before its header (diary number, the list of
    handlings), the header line itself, and the body."""

    number: int | None
    inline_title: str | None
    header: Line | None
    lead: tuple[Line, ...]
    body: tuple[Line, ...]


READER_FORM = -2    # the form of an item header a reader gives (``Line.item``); -1: a page header's


def _header(line: Line) -> tuple[int, str | None, int] | None:
    """(number, title, form) of an item header line: the one its reader gives, else the printed one."""
    if line.item is not None:
        return line.item.number, line.item.title, READER_FORM
    return match_item_header(line.full_text)


def _candidates(lines: list[Line]) -> list[ItemStart]:
    found = []
    for i, line in enumerate(lines):
        hit = _header(line)
        if hit and hit[1] is None and i and lines[i - 1].full_text.endswith(","):
            continue   # "§310" ending a list "§292, §293, ...,"
        if hit:
            if found and found[-1].index == i - 1 and found[-1].number == hit[0]:
                continue   # "14§ Title" then "14 §" on the next line: one item start
            found.append(ItemStart(i, hit[0], hit[1], hit[2]))
    return found


BODY_FORM = -3        # the form of an item header that names the body first ("Khall § 45")
BODY_HEADERS_MIN = 2  # such headers naming one body that make them the document's item headers


def _body_headers(lines: list[Line]) -> list[ItemStart]:
    """The item headers of a document that names the body before each number ("Khall § 45",
    "KH 45 §", "Kunnanhallitus § 45 Title", "Ks § 45" in an abbreviation no table knows): the
    lines naming the body (and the date, if any) that most such lines name, when at least
    ``BODY_HEADERS_MIN`` do. An earlier handling of the matter names another body or another date,
    or a number the document lists as a dated handling (Turku heads each handling of its table
    "Ksylk § 84"); one of the same body and no date is left to the run of increasing numbers
    (``_drop_toc``)."""
    # the numbers of the dated handlings a document lists (a handling table, "Ksylk 21.3.2017 § 84"):
    # a line naming one of them is that handling's heading ("Ksylk § 84"), not an item's header
    listed = {stage.number for line in lines if (stage := match_stage(line)) is not None and stage.date}
    hits = []
    for i, line in enumerate(lines):
        found = None if line.cells else match_body_header(line.full_text)
        if found is not None and found.number not in listed:
            hits.append(((fold(found.body), found.date), ItemStart(i, found.number, found.title, BODY_FORM)))
    if not hits:
        return []
    key, count = Counter(k for k, _ in hits).most_common(1)[0]
    return [start for k, start in hits if k == key] if count >= BODY_HEADERS_MIN else []


def _content_between(lines: list[Line], start: int, end: int) -> int:
    return sum(1 for line in lines[start + 1:end] if not is_noise(line))


def _drop_toc(lines: list[Line], starts: list[ItemStart], contents: Contents | None) -> list[ItemStart]:
    """Drop the contents list's entries and stray "§ N" lines: keep the increasing run of numbers
    whose items carry the most content (appeal instructions after the last item may list numbers
    again), then every printed header with a title and text of its own that the run left out."""
    if contents:
        starts = [s for s in starts if not contents.covers(s.index)]
    if not starts:
        return starts
    ends = [s.index for s in starts[1:]] + [len(lines)]
    content = [_content_between(lines, s.index, e) for s, e in zip(starts, ends)]
    weight = [1.0 + min(c, CONTENT_CAP) / CONTENT_CAP for c in content]
    best = list(weight)
    previous = [-1] * len(starts)
    for j, b in enumerate(starts):
        for i in range(j):
            a = starts[i]
            ordered = a.number is None or b.number is None or a.number < b.number
            if ordered and best[i] + weight[j] > best[j]:
                best[j], previous[j] = best[i] + weight[j], i
    k = max(range(len(starts)), key=lambda j: best[j])
    chosen = []
    while k >= 0:
        chosen.append(k)
        k = previous[k]
    kept = set(chosen)
    end = _meeting_end(lines, starts[max(kept)].index)
    forms = Counter(starts[k].form for k in kept)
    numbers = {starts[k].number for k in kept}
    for k, start in enumerate(starts):
        # a header printed out of sequence is still an item's own header: printed in the form the
        # document's headers take, under a number no other item has, with a title and text
        if k not in kept and start.index < end and start.number not in numbers \
                and forms.most_common(1)[0][0] == start.form \
                and content[k] >= HEADER_MIN_CONTENT and _has_title(lines, start):
            kept.add(k)
            numbers.add(start.number)
    return [starts[k] for k in sorted(kept)]


def _has_title(lines: list[Line], start: ItemStart) -> bool:
    """Whether an item start is a header: its title beside it or on the next line."""
    if start.title:
        return True
    nxt = lines[start.index + 1] if start.index + 1 < len(lines) else None
    return nxt is not None and bool(_UPPER.match(nxt.full_text)) and match_stage(nxt) is None \
        and load_lexicon().heading_kind(nxt.full_text, styled=True) is None


def _meeting_end(lines: list[Line], start: int) -> int:
    """Where the last item ends: at signatures, at appeal instructions that open a page, or at
    the meeting's appeal instructions that name the items they apply to."""
    named = find_instructions(lines, start + 1)
    return min(_page_end(lines, start), named if named is not None else len(lines))


def _page_end(lines: list[Line], start: int) -> int:
    lex = load_lexicon()
    page_start = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.page is not None and lines[i - 1].page is not None and lines[i - 1].page < line.page:
            page_start = i
        heading = fold(line.full_text)
        if heading in lex.meeting_end_always:
            return i
        if line.page is not None and page_start > start and i - page_start < PAGE_HEAD_LINES \
                and _is_end_heading(heading, lex.meeting_end_on_new_page):
            return page_start
    return len(lines)


def _is_end_heading(heading: str, names: frozenset[str]) -> bool:
    """Whether a folded line is one of ``names`` as a heading, alone or followed by a few words
    ("Muutoksenhakuohje Oikaisuvaatimus"), not a sentence that begins with the word."""
    if heading.endswith(".") or len(heading.split()) > HEADING_MAX_WORDS:
        return False
    return any(heading == name or heading.startswith(name + " ") for name in names)


def _is_lead(line: Line) -> bool:
    return bool(match_stage(line)) or is_case_line(line.full_text)


def _labels_trail(lines: list[Line], starts: list[ItemStart]) -> bool:
    """Whether the "NN §" labels close their items (Swedish Tweb prints them after the block):
    every label is bare, and a proposal or decision heading comes before the first one."""
    if not starts or any(s.title for s in starts):
        return False
    lex = load_lexicon()
    for line in lines[:starts[0].index]:
        kind = lex.heading_kind(line.full_text, styled=line.bold)
        if kind in ("decision", "proposal"):
            return True
    return False


def _first_item_line(lines: list[Line], label: int) -> int:
    """Where the first item begins when labels trail: the top of the page on which the first
    section heading before the first label stands."""
    lex = load_lexicon()
    first = next(i for i in range(label) if lex.heading_kind(lines[i].full_text, styled=lines[i].bold)
                 in ("decision", "proposal"))
    page = lines[first].page
    if page is None:
        return first
    start = first
    while start > 0 and lines[start - 1].page == page:
        start -= 1
    return start


def _split_trailing(lines: list[Line], starts: list[ItemStart]) -> tuple[list[Line], list[ItemBlock]]:
    begin = _first_item_line(lines, starts[0].index)
    blocks = []
    previous = begin - 1
    for start in starts:
        body = lines[previous + 1:start.index]
        blocks.append(ItemBlock(start.number, None, None, (), tuple(body)))
        previous = start.index
    return lines[:begin], blocks


def join_handling_cells(lines: list[Line]) -> list[Line]:
    """Handling tables printed one cell per line ("Kaupunginhallitus" / "§ 105" / "10.4.2017", the
    number and date cells in either order) joined into one handling line each, so that the number
    cell is never taken for an item header."""
    layout = load_layout()
    out: list[Line] = []
    i = 0
    while i < len(lines):
        window = [line.full_text.strip() for line in lines[i:i + 3]]
        if len(window) == 3 and is_body_name(window[0]):
            number = layout.cell_number.match(window[1]) or layout.cell_number.match(window[2])
            day = layout.cell_date.match(window[2]) or layout.cell_date.match(window[1])
            if number and day:
                out.append(replace(lines[i], text=f"{window[0]} {day.group('date')} § {number.group('number')}",
                                   caption=None, cells=(), item=None))
                i += 3
                continue
        out.append(lines[i])
        i += 1
    return out


def page_labels(furniture: tuple[Line, ...] | list[Line]) -> dict[int, int]:
    """Item numbers that running page headers give ("Pöytäkirja 12.09.2024/Pykälä 303"), by page."""
    lex = load_lexicon()
    labels: dict[int, int] = {}
    for line in furniture:
        m = lex.number_label.search(line.full_text)
        if m and line.page is not None:
            labels.setdefault(line.page, int(m.group("number")))
    return labels


def _label_starts(lines: list[Line], labels: dict[int, int]) -> list[ItemStart]:
    """Where items begin in a document whose items carry their numbers only in the running page
    header: the first line of each page whose header names another item than the page before."""
    starts: list[ItemStart] = []
    current = None
    for i, line in enumerate(lines):
        number = labels.get(line.page) if line.page is not None else None
        if number is not None and number != current:
            starts.append(ItemStart(i, number, None, -1))
            current = number
    return starts


@dataclass(frozen=True)
class Segments:
    """A document's lines split: the front matter, one block per item, the contents list and the
    meeting's appeal instructions after the last item."""

    front: tuple[Line, ...]
    blocks: tuple[ItemBlock, ...]
    contents: Contents | None = None
    instructions: tuple[Instruction, ...] = ()


def split_items(lines: list[Line], furniture: tuple[Line, ...] | list[Line] = ()) -> Segments:
    """Split a document's lines into front matter, item blocks and the contents list. Items are
    found by their printed headers; where none is printed, by the item numbers of the running
    page headers (``furniture``), else by headers that name the body first ("Khall § 45")."""
    lines = join_handling_cells(lines)
    contents = find_contents(lines)
    starts = _drop_toc(lines, _candidates(lines), contents)
    if not starts:
        starts = _label_starts(lines, page_labels(furniture))
        if starts:
            return Segments(tuple(lines[:starts[0].index]), tuple(_label_blocks(lines, starts)), contents,
                            _instructions(lines, starts))
        starts = _drop_toc(lines, _body_headers(lines), contents)
    front, blocks = _split(lines, starts)
    return Segments(tuple(front), tuple(blocks), contents, _instructions(lines, starts))


def _instructions(lines: list[Line], starts: list[ItemStart]) -> tuple[Instruction, ...]:
    """The meeting's appeal instructions after the last item, where they name their items."""
    if not starts:
        return ()
    begin = find_instructions(lines, starts[-1].index + 1)
    return tuple(read_instructions(lines[begin:])) if begin is not None else ()


def _label_blocks(lines: list[Line], starts: list[ItemStart]) -> list[ItemBlock]:
    ends = [s.index for s in starts[1:]] + [_meeting_end(lines, starts[-1].index)]
    return [ItemBlock(s.number, None, None, (), tuple(lines[s.index:end])) for s, end in zip(starts, ends)]


def _split(lines: list[Line], starts: list[ItemStart]) -> tuple[list[Line], list[ItemBlock]]:
    if not starts:
        return [], [ItemBlock(None, None, None, (), tuple(lines))]
    if _labels_trail(lines, starts):
        return _split_trailing(lines, starts)
    front = lines[:starts[0].index]
    blocks: list[ItemBlock] = []
    ends = [s.index for s in starts[1:]] + [_meeting_end(lines, starts[-1].index)]
    # lines printed before an item's header (diary number, list of handlings) belong to it
    leads: list[list[Line]] = [[] for _ in starts]
    bodies: list[list[Line]] = []
    for k, (start, end) in enumerate(zip(starts, ends)):
        body = list(lines[start.index + 1:end])
        if k + 1 < len(starts):
            while body and (is_noise(body[-1]) or _is_lead(body[-1])):
                line = body.pop()
                if not is_noise(line):
                    leads[k + 1].insert(0, line)
        bodies.append(body)
    while front and _is_lead(front[-1]):
        leads[0].insert(0, front.pop())
    for k, start in enumerate(starts):
        blocks.append(ItemBlock(start.number, start.title, lines[start.index], tuple(leads[k]),
                                tuple(bodies[k])))
    return front, blocks
