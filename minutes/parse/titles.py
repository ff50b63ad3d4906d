"""An item's title, and headings printed over several lines of a margin (caption repair).

``take_title`` reads the title after an item's header (it may wrap over lines); on a page that
holds one item without a printed header, ``styled_title`` finds the title set apart near the top,
``own_number_line`` the item's number printed alone above it. ``merge_captions`` joins a margin
heading printed over two or three lines ("Kaupungin-" "hallituksen" "päätösehdotus") into one.
"""

from __future__ import annotations

import regex

from minutes.language.lexicon import fold, load_lexicon

from .document import Line
from .lines import find_organization, is_case_line, match_item_start, match_stage, match_stage_text, split_glued
from .normalize import join_lines

TITLE_MAX_LINES = 4
TITLE_SCAN = 15       # lines searched for the title of a page without an item header
CORE_KINDS = ("background", "proposal", "decision", "proposal_or_decision")
_LOWER_START = regex.compile(r"^\p{Ll}")


def _merge_caption(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    lex = load_lexicon()
    line = lines[i]
    first = line.caption or (line.text if len(line.text) < 40 else None)
    if not first or lex.heading_kind(first, styled=True) is not None:
        return None
    parts = [first]
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if not nxt.caption:
            return None
        parts.append(nxt.caption)
        joined = join_lines(parts).replace("\n", " ")
        if lex.heading_kind(joined, styled=True) is None and lex.heading_kind(nxt.caption, styled=True):
            return None
        if lex.heading_kind(joined, styled=True) is not None:
            merged = [Line(line.text if line.caption else "", page=line.page, x0=line.x0, top=line.top,
                           size=line.size, bold=line.bold, caption=joined, gap_before=True)]
            merged += [Line(lines[k].text, page=lines[k].page, x0=lines[k].x0, top=lines[k].top,
                            size=lines[k].size) for k in range(i + 1, j + 1) if lines[k].text]
            return merged, j + 1
    return None


def merge_captions(lines: list[Line]) -> list[Line]:
    """Join headings printed over two or three lines in a margin ("Valmistelijat/" "Lisätietojen"
    "antaja"; "Kaupungin-" "hallituksen" "päätösehdotus") into one caption."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        merged = _merge_caption(lines, i)
        if merged:
            out.extend(merged[0])
            i = merged[1]
        else:
            out.append(lines[i])
            i += 1
    return out


def is_title_stop(line: Line, with_caption: bool = True) -> bool:
    """Whether ``line`` ends a title: a heading, a handling line (printed, or a handling table's
    row), a diary number or an item header. Without ``with_caption`` the line's text is read
    without the caption printed beside it."""
    lex = load_lexicon()
    text = line.full_text if with_caption else line.text
    stage = match_stage(line) if with_caption or not line.caption else match_stage_text(text)
    return bool(lex.heading_kind(text) or stage or is_case_line(text)
                or match_item_start(text) or split_glued(text))


def looks_like_title(lines: list[Line]) -> bool:
    """Without an item header, the first line is a title only when it is set apart: bold, a marked
    heading, or (plain text) a short line without closing punctuation before a blank line."""
    first = lines[0]
    if first.bold or first.heading:
        return True
    if first.x0 is not None:
        return False
    text = first.full_text
    if len(text) >= 150 or text.endswith((".", ",", ";", ":")):
        return False
    if len(lines) == 1:
        return True
    nxt = lines[1]
    return nxt.gap_before or nxt.heading or load_lexicon().heading_kind(nxt.full_text) is not None


def styled_title(lines: list[Line]) -> int | None:
    """Where a page holding one item prints its title: the first bold or marked heading line near
    the top that is not a section heading, an organisation's name or a template word."""
    lex = load_lexicon()
    for i, line in enumerate(lines[:TITLE_SCAN]):
        text = line.text
        if lex.heading_kind(line.full_text, styled=True) in CORE_KINDS or (i and match_stage(line)):
            return None     # the item's text has begun: its title was not set apart
        if not text or not (line.bold or line.heading) or is_title_stop(line, with_caption=False):
            continue
        if fold(text) in lex.template_words or fold(find_organization([text]) or "") == fold(text):
            continue
        return i
    return None


def case_with_task_class(lines: list[Line]) -> str | None:
    """A bare diary number ("5316/2016") printed above its task class ("00.01.01") (Dynasty)."""
    lex = load_lexicon()
    for line, nxt in zip(lines, lines[1:]):
        if lex.bare_number.match(line.full_text) and lex.task_class.match(nxt.full_text):
            return line.full_text
    return None


def number_label(lines: list[Line]) -> int | None:
    """The item number a label among ``lines`` gives ("Asianro 26"), else None."""
    for line in lines:
        m = load_lexicon().number_label.search(line.full_text)
        if m:
            return int(m.group("number"))
    return None


def take_title(inline: str | None, header: Line | None, body: list[Line]) -> tuple[str, list[Line]]:
    """The item title (which may wrap over lines) and the body lines after it."""
    lines = list(body)
    parts: list[str] = []
    bold = None
    if inline:
        parts.append(inline)
        bold = header.bold if header else None
    elif lines:
        # the title follows the header line; a diary number may come between
        skipped: list[Line] = []
        while lines and (is_case_line(lines[0].full_text) or match_stage(lines[0])) and len(skipped) < 3:
            skipped.append(lines.pop(0))
        if lines and not is_title_stop(lines[0]) and (header or looks_like_title(lines)):
            first = lines.pop(0)
            parts.append(first.full_text)
            bold = first.bold
        lines = skipped + lines
    while parts and lines and len(parts) < TITLE_MAX_LINES:
        nxt = lines[0]
        text = nxt.full_text
        if (nxt.caption and nxt.text) or is_title_stop(nxt):
            break
        geometry = nxt.x0 is not None
        continues = (bold and nxt.bold) if geometry else bool(_LOWER_START.match(text)) and not parts[-1].endswith(".")
        if not continues or (geometry and nxt.gap_before and not bold):
            break
        parts.append(lines.pop(0).full_text)
    return join_lines(parts).replace("\n", " "), lines


def text_begins(lines: list[Line]) -> int:
    """Where an item's text begins on a page without an item header: its first section heading."""
    lex = load_lexicon()
    return next((i for i, line in enumerate(lines)
                 if lex.heading_kind(line.caption or line.full_text, styled=True) in CORE_KINDS), len(lines))


def own_number_line(lines: list[Line], number: int | None) -> int | None:
    """Where the item's own number (known from the page header) stands alone on a line ("26")."""
    if number is None:
        return None
    for i, line in enumerate(lines):
        text = line.full_text.strip()
        if text == str(number) or match_item_start(text) == (number, None):
            return i
    return None
