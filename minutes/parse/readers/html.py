"""HTML: block elements become lines, layout-table rows become captioned lines.

Works for the per-item and per-meeting pages of Tweb, Dynasty, Ahjo and Turku's publication
and for CaseM's source HTML. Beautiful Soup with lxml does the parsing and the encoding
detection (a meta charset such as windows-1252 is honoured).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from minutes.errors import UnreadableDocument
from minutes.language.lexicon import fold, load_lexicon

from ..document import ItemHeader, Line
from ..normalize import normalize_text
from .tables import row_line

BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
         "pre", "ul", "ol", "li", "dl", "dt", "dd", "form", "fieldset", "figure", "figcaption",
         "center", "address", "nav", "body", "html", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
         "caption", "tbody", "thead", "tfoot", "tr", "td", "th"}
SKIP = {"script", "style", "head", "noscript", "template", "svg", "button", "select", "option",
        "iframe", "object"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD = {"b", "strong"}
_WIDE_SPACE = regex.compile(r"[ \u00a0]{3,}")
MAX_TABLE_DEPTH = 20     # tables nested deeper than this are read as plain text
_END = object()


@dataclass
class _Block:
    text: str
    heading: bool = False
    bold: bool = False
    caption: str | None = None
    cells: tuple[str, ...] = ()
    item: ItemHeader | None = None

    @property
    def full(self) -> str:
        return f"{self.caption} {self.text}".strip() if self.caption else self.text


class _Walker:
    """Turns an HTML tree into blocks of text. The walk keeps its own stack, so that pages nested
    thousands of elements deep are read without recursion; tables nested deeper than
    ``MAX_TABLE_DEPTH`` are read as plain text."""

    def __init__(self, depth: int = 0) -> None:
        self.blocks: list[_Block] = []
        self.buffer: list[str] = []
        self.bold_chars = 0
        self.heading = False
        self.depth = depth          # how many tables this walker is nested in

    def flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        heading, self.heading = self.heading, False
        bold_chars, self.bold_chars = self.bold_chars, 0
        for part in raw.split("\n"):
            caption = None
            pieces = _WIDE_SPACE.split(part.strip(), maxsplit=1)
            if len(pieces) == 2 and 0 < len(pieces[0]) <= 40 and pieces[1].strip():
                caption, part = normalize_text(pieces[0]), pieces[1]
            text = normalize_text(part)
            if text or caption:
                bold = bold_chars >= len(text) * 0.9 and bool(text)
                self.blocks.append(_Block(text, heading, bold, caption))

    def walk(self, node: Tag, bold: bool = False) -> None:
        stack: list[tuple] = [(iter(node.children), bold, None)]
        while stack:
            children, bold, name = stack[-1]
            child = next(children, _END)
            if child is _END:
                stack.pop()
                if name in BLOCK:
                    if name in HEADINGS:
                        self.heading = True
                    self.flush()
                continue
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                text = str(child).replace("\r", "").replace("\n", " ")
                self.buffer.append(text)
                if bold:
                    self.bold_chars += len(text.strip())
                continue
            if not isinstance(child, Tag):
                continue
            tag = child.name.lower()
            if tag in SKIP or (child.get("style") and "display:none" in str(child["style"]).replace(" ", "")):
                continue
            if tag == "br":
                self.buffer.append("\n")
            elif tag == "table":
                self.flush()
                self.table(child)
            else:
                if tag in BLOCK:
                    self.flush()
                stack.append((iter(child.children), bold or tag in BOLD, tag))

    def table(self, table: Tag) -> None:
        if self.depth >= MAX_TABLE_DEPTH:
            self.buffer.append(table.get_text("\n"))
            self.flush()
            return
        if self.index_table(table):
            return
        for row in table.find_all("tr"):
            if row.find_parent("table") is table:
                self.row(row)

    def row(self, row: Tag) -> None:
        cells = [c for c in row.find_all(["td", "th"], recursive=False)]
        if any(c.find(["table", "h1", "h2", "h3", "h4"]) for c in cells) or \
                sum(len(c.find_all(["p", "div", "li"])) for c in cells) > 6:
            self.depth += 1
            for cell in cells:
                self.flush()
                self.walk(cell)
                self.flush()
            self.depth -= 1
            return
        texts = []
        for cell in cells:
            inner = _Walker(self.depth + 1)
            inner.walk(cell)
            inner.flush()
            texts.append("\n".join(b.full for b in inner.blocks))
        for caption, text, row in row_line(texts):
            self.blocks.append(_Block(text, caption=caption, cells=row))

    def index_table(self, table: Tag) -> bool:
        """A meeting's index (columns "§" and "Otsikko"): each row becomes an item line that carries
        its number and title (``Line.item``), printed "§ N Title"."""
        lex = load_lexicon()
        rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
        for k, row in enumerate(rows[:3]):
            names = [fold(_cell_text(c)) for c in row.find_all(["td", "th"], recursive=False)]
            number_col = next((i for i, n in enumerate(names) if n in lex.index_number_columns), None)
            title_col = next((i for i, n in enumerate(names) if n in lex.index_title_columns and i != number_col), None)
            if number_col is not None and title_col is not None:
                break
        else:
            return False
        entries = []
        for row in rows[k + 1:]:
            cells = [_cell_text(c) for c in row.find_all(["td", "th"], recursive=False)]
            if len(cells) > max(number_col, title_col):
                entries.append((_INDEX_NUMBER.match(cells[number_col]), cells[title_col]))
        titled = sum(1 for _, title in entries if _WORD.search(title))
        if not entries or titled * 2 < len(entries):
            return False   # a table of handlings (body | § | date | item), not an index
        self.flush()
        for row in rows[:k]:
            self.row(row)
        for number, title in entries:
            if number and title:
                self.blocks.append(_Block(f"§ {number.group(1)} {title}",
                                          item=ItemHeader(int(number.group(1)), title.strip())))
            elif title:
                self.blocks.append(_Block(title))
        return True


_WORD = regex.compile(r"\p{L}{4,}")
_INDEX_NUMBER = regex.compile(r"^(?:§\s*)?(\d{1,6})\s*§?$")


def _cell_text(cell: Tag) -> str:
    return normalize_text(" ".join(cell.get_text(" ").split()))


_CHARSET = regex.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", regex.IGNORECASE)


def _encoding(data: bytes) -> str | None:
    """The declared charset; without one, UTF-8 when the bytes decode as such, else Windows-1252."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a byte-order mark says it
    declared = _CHARSET.search(data[:4096])
    if declared:
        return declared.group(1).decode("ascii", "replace")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def read_html(data: bytes, path: str) -> tuple[list[Line], dict]:
    """Lines of an HTML page, and its title and meta tags (name -> content)."""
    try:
        soup = BeautifulSoup(data, "lxml", from_encoding=_encoding(data))
    except MemoryError:   # the memory cap, not a corrupt file
        raise
    except Exception as exc:  # lxml's parser errors are not a documented class
        raise UnreadableDocument(path, f"the HTML cannot be parsed ({type(exc).__name__}: {exc})") from None
    meta = {}
    for tag in soup.find_all("meta"):   # <meta name=...> and Open Graph's <meta property=...>
        key = tag.get("name") or tag.get("property")
        if key and key.lower() not in meta:
            meta[key.lower()] = normalize_text(tag.get("content", ""))
    if soup.title and soup.title.string:
        meta["title"] = normalize_text(soup.title.string)
    root = soup.body or soup
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    lines = []
    previous_heading = True
    for block in walker.blocks:
        lines.append(Line(block.text, caption=block.caption, heading=block.heading, bold=block.bold,
                          gap_before=block.heading or previous_heading, cells=block.cells, item=block.item))
        previous_heading = block.heading
    return lines, meta
