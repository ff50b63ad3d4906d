"""Table rows as lines, shared by the HTML and DOCX readers."""

from __future__ import annotations

from ..document import row_text

CAPTION_MAX = 60  # a first cell this short, without a full stop, is a caption for the rest


def row_line(cells: list[str]) -> list[tuple[str | None, str, tuple[str, ...]]]:
    """Turn one table row's cell texts into (caption, text, cells) lines.

    A two-column layout row ("Päätösehdotus" | "Lautakunta päättää ...") becomes one line whose
    caption is the first cell; rows with more cells (a handling table: body | § | date) become
    one line that keeps its cells (its text is ``row_text(cells)``); a multi-line cell keeps its
    lines. ``cells`` is empty for every line but such a row.
    """
    cells = [c for c in cells if c]
    if not cells:
        return []
    if len(cells) == 2 and len(cells[0]) <= CAPTION_MAX and not cells[0].endswith(".") \
            and "\n" not in cells[0] and not cells[0][:1].isdigit():
        first, *rest = cells[1].split("\n")
        return [(cells[0], first, ())] + [(None, r, ()) for r in rest if r.strip()]
    if len(cells) >= 3 and all("\n" not in c and len(c) < 80 for c in cells):
        return [(None, row_text(cells), tuple(cells))]
    out: list[tuple[str | None, str, tuple[str, ...]]] = []
    for cell in cells:
        out.extend((None, part, ()) for part in cell.split("\n") if part.strip())
    return out
