"""The meeting's appeal instructions after the last item, and the items each one applies to.

Minutes close with one block of instructions per kind of appeal: a heading ("Oikaisuvaatimus",
"Hallintovalitus", "Muutoksenhakukielto", "Anvisning för begäran om omprövning"), the list of
items it applies to ("§132, §133, §136", "Pykälät 55–57", "13 - 24 §") and the instructions. A
heading followed by such a list is the meeting's, not the last item's: the item ends there in
every format (a PDF opens a new page for it, an HTML page does not), and each listed item gets
the instructions as an ``appeal`` section.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from minutes.language.lexicon import fold, load_layout, load_lexicon

from .document import Line
from .normalize import join_lines

LIST_LINE_MAX = 160     # a line longer than this is a sentence, not a list of items
LIST_DISTANCE = 2       # the list stands within this many lines below the heading
LIST_OTHER_WORDS = 4    # words besides the list ("koskee pykäliä") on a line that is a list
_NUMBER = regex.compile(r"\d+")


@dataclass(frozen=True)
class Instruction:
    """One block of appeal instructions: its heading, the items it names and its text."""

    heading: str
    numbers: tuple[int, ...]
    text: str
    page: int | None


def listed_numbers(text: str) -> tuple[int, ...]:
    """The item numbers a line that is a list of items names ("§132, §133", "Pykälät 55–57 ja
    59", "koskee pykäliä 13 - 24 §"), ranges expanded; nothing for a sentence that cites one."""
    layout = load_layout()
    if len(text) > LIST_LINE_MAX:
        return ()
    found = list(layout.appeal_list.finditer(text))
    rest = layout.appeal_list.sub(" ", text)
    if not found or len(regex.findall(r"\p{L}+", rest)) > LIST_OTHER_WORDS:
        return ()
    numbers: list[int] = []
    for m in found:
        for part in layout.appeal_separators.split(m.group("numbers")):
            bounds = [int(n) for n in _NUMBER.findall(part)]
            if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= layout.appeal_max_range:
                numbers.extend(range(bounds[0], bounds[1] + 1))
            elif len(bounds) == 1:
                numbers.append(bounds[0])
    return tuple(dict.fromkeys(numbers))


def is_appeal_heading(text: str) -> bool:
    """A heading of the appeal kind, or one of the meeting's end headings ("Hallintovalitus")."""
    lex = load_lexicon()
    heading = fold(text)
    return lex.heading_kind(text, styled=True) == "appeal" or heading in lex.meeting_end_on_new_page


def _list_after(lines: list[Line], i: int) -> tuple[int, tuple[int, ...]] | None:
    """(index of the list, its numbers) when the heading at ``i`` names the items it applies to
    on one of the next lines."""
    for j in range(i + 1, min(i + 1 + LIST_DISTANCE, len(lines))):
        numbers = listed_numbers(lines[j].full_text)
        if numbers:
            return j, numbers
        if not is_appeal_heading(lines[j].full_text):
            break
    return None


def find_start(lines: list[Line], begin: int) -> int | None:
    """Where the meeting's appeal instructions begin after line ``begin``: the first appeal
    heading that names the items it applies to."""
    for i in range(begin, len(lines)):
        if is_appeal_heading(lines[i].full_text) and _list_after(lines, i):
            return i
    return None


def read_instructions(lines: list[Line]) -> list[Instruction]:
    """The blocks of instructions in ``lines`` (from the first heading that names its items),
    each running to the next such heading."""
    starts = [i for i in range(len(lines)) if is_appeal_heading(lines[i].full_text) and _list_after(lines, i)]
    # a heading over another heading ("VALITUSOSOITUS JA OHJEET" / "Oikaisuvaatimus" / "§ 12") is
    # not a block of its own: the list belongs to the heading right above it
    starts = [i for k, i in enumerate(starts) if k + 1 == len(starts) or _list_after(lines, i)[0] < starts[k + 1]]
    out = []
    for k, i in enumerate(starts):
        j, numbers = _list_after(lines, i)
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        text = join_lines([line.full_text for line in lines[j + 1:end]])
        out.append(Instruction(lines[i].full_text.strip(), numbers, text, lines[i].page))
    return out
