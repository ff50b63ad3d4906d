"""DOCX with python-docx: body paragraphs and tables in order; the sections' page headers and
footers apart, as the document's furniture (they may be all that names the organisation, the
document's kind or the date)."""

from __future__ import annotations

import io
import zipfile

from minutes.errors import EncryptedDocument, UnreadableDocument

from ..document import Line
from ..normalize import normalize_text
from .tables import row_line

_BULLET = "–"
MAX_STYLE_DEPTH = 64     # base styles followed at most


def _numbering_prefix(paragraph, counters: dict) -> str:
    """A list prefix ("1.", "–") for a numbered or bulleted paragraph, counted per list and level;
    none where the numbering is malformed (a non-numeric id or level)."""
    num_pr = _num_pr(paragraph)
    try:
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = num_pr.numId.val
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    except ValueError:
        return ""
    fmt = _number_format(paragraph, num_id, level)
    if fmt == "bullet":
        return _BULLET + " "
    key = (num_id, level)
    counters[key] = counters.get(key, 0) + 1
    for (nid, lvl) in list(counters):
        if nid == num_id and lvl > level:
            del counters[(nid, lvl)]
    return f"{counters[key]}. "


def _num_pr(paragraph):
    """The numbering of a paragraph: its own, else its style's (or a base style's; a chain of
    base styles that comes back to itself is followed once)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    seen: set[str] = set()
    while style is not None and style.style_id not in seen and len(seen) < MAX_STYLE_DEPTH:
        seen.add(style.style_id)
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None:
            return spr.numPr
        style = style.base_style
    return None


def _number_format(paragraph, num_id: int, level: int) -> str:
    try:
        numbering = paragraph.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return "decimal"
    ns = numbering.nsmap.get("w")
    q = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    for num in numbering.findall(q("num")):
        if num.get(q("numId")) == str(num_id):
            abstract_id = num.find(q("abstractNumId"))
            if abstract_id is None:
                return "decimal"        # a numbering without its abstract definition
            abstract = abstract_id.get(q("val"))
            for absn in numbering.findall(q("abstractNum")):
                if absn.get(q("abstractNumId")) == abstract:
                    for lvl in absn.findall(q("lvl")):
                        if lvl.get(q("ilvl")) == str(level):
                            fmt = lvl.find(q("numFmt"))
                            return fmt.get(q("val")) if fmt is not None else "decimal"
    return "decimal"


def read_docx(data: bytes, path: str) -> tuple[list[Line], list[Line]]:
    """Paragraphs (with style-based heading flags and list numbering) and table rows, in order;
    and the lines of the page headers and footers, each printed once."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        if b"EncryptedPackage" in data[:4096]:
            raise EncryptedDocument(path, "the Word document is password-protected") from None
        raise UnreadableDocument(path, f"the Word document cannot be read ({exc})") from None
    except MemoryError:   # the memory cap, not a corrupt file
        raise
    except Exception as exc:  # lxml raises XMLSyntaxError for a corrupt part
        raise UnreadableDocument(path, f"the Word document is corrupt ({type(exc).__name__}: {exc})") from None
    try:
        return _lines(document.iter_inner_content()), _furniture(document)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        # a part of the package that is not what its content type says ("w:document" root missing)
        raise UnreadableDocument(path, f"the Word document's structure is broken ({type(exc).__name__}: "
                                       f"{exc})") from None


def _furniture(document) -> list[Line]:
    """The lines of the sections' page headers and footers (the first page's too), each distinct
    line once; a part linked to the previous section's is that one."""
    seen: dict[str, Line] = {}
    for section in document.sections:
        parts = [section.header, section.first_page_header, section.footer, section.first_page_footer]
        for part in parts:
            if part.is_linked_to_previous:
                continue
            for line in _lines(part.iter_inner_content()):
                seen.setdefault(line.full_text, line)
    return list(seen.values())


def _lines(blocks) -> list[Line]:
    from docx.table import Table

    lines: list[Line] = []
    counters: dict = {}
    gap = True
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    text = normalize_text("\n".join(p.text for p in cell.paragraphs))
                    if text and (not cells or cells[-1] != text):   # merged cells repeat
                        cells.append(text)
                for caption, text, row in row_line(cells):
                    lines.append(Line(text, caption=caption, gap_before=True, cells=row))
            gap = True
            continue
        text = normalize_text(block.text)
        if not text:
            gap = True
            continue
        style = (block.style.name if block.style is not None else "") or ""
        heading = style.lower().startswith(("heading", "otsikko", "rubrik", "title"))
        runs = [r for r in block.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold for r in runs)
        prefix = _numbering_prefix(block, counters)
        lines.append(Line(prefix + text, heading=heading, bold=bold, gap_before=gap))
        gap = False
    return lines
