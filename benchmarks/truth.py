"""Ground truth for the corpus evaluation, read independently of the parser.

Three sources, none of which copies corpus text into the project:
- CaseM: the source HTML a Lapua PDF carries in its document info (``/casem-source-html_N``,
  base64), read by its own structure (article blocks, the comments CaseM writes before each part).
- Ahjo: the semantic classes of Helsinki's decision HTML (``Asiapykala``, ``AsiaOtsikko``,
  ``SisaltoOtsikko``).
- Manual: annotations written by the team in ``benchmarks/annotations/*.json``, which point at line
  ranges of the document's plain text (page and line numbers), never quoting it.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

from minutes.parse.normalize import join_lines

ITEM_LABEL = re.compile(r"^(?:\d{1,4}\s*§|§\s*\d{1,4})\s+")   # "16 § " before a title on its line
STAGE = re.compile(r"^\s*(?P<body>[^,§\d]+?),\s*(?:(?P<d1>\d{1,2}\.\d{1,2}\.\d{4}),\s*§\s*(?P<n1>\d+)|§\s*(?P<n2>\d+)\s*,\s*(?P<d2>\d{1,2}\.\d{1,2}\.\d{4}))\s*$")


@dataclass
class TruthItem:
    number: int | None
    title: str | None = None
    case_id: str | None = None
    texts: dict[str, str] = field(default_factory=dict)      # kind -> text of the current stage
    history: list[tuple[str, int]] = field(default_factory=list)   # (body, number) of earlier stages


_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def clean(text: str) -> str:
    """Text compared as read: invisible characters dropped, white space collapsed, and pdfminer's
    "(cid:16)" placeholders for glyphs without a Unicode mapping removed (no engine can read
    them, and the manual annotations' spans are pdfplumber's lines, which print them)."""
    text = _UNMAPPED_GLYPH.sub("", text)
    text = unicodedata.normalize("NFC", text.replace("\u200b", "").replace("\u00ad", "").replace("\xa0", " "))
    return " ".join(text.split())


# -- CaseM -------------------------------------------------------------------------------------
def casem_html_from_pdf(path: Path) -> str | None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        meta = pdf.metadata
    keys = [k for k in meta if k.startswith("casem-source-html_") and k.rsplit("_", 1)[1].isdigit()]
    if not keys:
        return None
    raw = "".join(str(meta[k]) for k in sorted(keys, key=lambda k: int(k.rsplit("_", 1)[1])))
    return base64.b64decode(raw).decode("utf-8")


def _stage(text: str) -> tuple[str, int] | None:
    m = STAGE.match(clean(text))
    if not m:
        return None
    return m.group("body").strip(), int(m.group("n1") or m.group("n2"))


def _text_of(tag: Tag, drop_heading: bool = False) -> str:
    paragraphs = [clean(p.get_text(" ")) for p in tag.find_all(["p", "li", "div"], recursive=True)
                  if not p.find(["p", "li", "div"])]
    paragraphs = [p for p in paragraphs if p] or [clean(tag.get_text(" "))]
    if drop_heading and paragraphs and paragraphs[0].endswith(":") and len(paragraphs[0]) < 60:
        paragraphs = paragraphs[1:]   # "Kaupunginjohtajan ehdotus:" printed as a heading
    return "\n".join(paragraphs)


def casem_truth(html: str) -> list[TruthItem]:
    soup = BeautifulSoup(html, "lxml")
    items = []
    for article in soup.find_all("div", id=re.compile(r"^article-\d+$")):
        bolds = [clean(d.get_text(" ")) for d in article.find_all("div", class_="bold")]
        number = next((int(b[1:].strip()) for b in bolds if re.fullmatch(r"§\s*\d+", b)), None)
        if number is None:
            continue
        title_index = next(i for i, b in enumerate(bolds) if re.fullmatch(r"§\s*\d+", b)) + 1
        item = TruthItem(number, bolds[title_index] if title_index < len(bolds) else None)
        caption = article.find("div", class_="topic-caption")
        item.case_id = clean(caption.get_text()) if caption and clean(caption.get_text()) else None
        listed = [_stage(td.get_text(" ")) for td in article.find_all("td", class_="bold")]
        listed = [s for s in listed if s]
        stages: list[dict] = [{"stage": None, "texts": {}}]
        part = None
        for node in article.descendants:
            if isinstance(node, Comment):
                label = node.strip().lower()
                part = ("background" if label.startswith("description") else
                        "proposal" if label.startswith("proposal") else
                        "decision" if label.startswith(("decision", "content (=decision")) and "history" not in label
                        else None)
                continue
            if not isinstance(node, Tag):
                continue
            if node.name == "div" and not node.find("div"):
                stage = _stage(node.get_text(" "))
                if stage and node.find_parent("td", class_="bold") is None:
                    stages.append({"stage": stage, "texts": {}})
                    continue
            classes = node.get("class") or []
            if part and node.name == "div" and "ckeditor-content-container" in classes:
                text = _text_of(node, drop_heading=part == "proposal")
                if text:
                    texts = stages[-1]["texts"]
                    texts[part] = (texts.get(part, "") + "\n" + text).strip()
                part = None
        current = next((s for s in reversed(stages) if s["stage"] and s["stage"][1] == number), stages[-1])
        item.texts = {**stages[0]["texts"], **current["texts"]}
        current_key = current["stage"]
        seen = set()
        for stage in [s["stage"] for s in stages[1:]] + listed:
            if stage and stage != current_key and stage[1] != number and stage not in seen:
                seen.add(stage)
                item.history.append(stage)
        items.append(item)
    return items


# -- Ahjo --------------------------------------------------------------------------------------
AHJO_KINDS = {"päätös": "decision", "esitys": "decision", "lausunto": "decision",
              "päätösehdotus": "proposal", "esitysehdotus": "proposal", "lausuntoehdotus": "proposal",
              "tiivistelmä": "background", "esittelijän perustelut": "background",
              "päätöksen perustelut": "background"}


def ahjo_truth(html: bytes) -> list[TruthItem]:
    soup = BeautifulSoup(html, "lxml")
    number_tag = soup.find(class_="Asiapykala")
    number = int(re.sub(r"\D", "", number_tag.get_text())) if number_tag and re.search(r"\d", number_tag.get_text()) else None
    title = soup.find(class_="AsiaOtsikko")
    case = soup.find(class_="DnroTmuoto")
    item = TruthItem(number, clean(title.get_text(" ")) if title else None,
                     clean(case.get_text(" ")) if case else None)
    for section in soup.find_all("div", class_="SisaltoSektio"):
        kind = None
        for child in section.children:
            if not isinstance(child, Tag):
                continue
            if child.name in ("h3", "h4"):
                name = clean(child.get_text()).lower()
                if name in AHJO_KINDS:
                    kind = AHJO_KINDS[name]
                elif "SisaltoOtsikko" in (child.get("class") or []):
                    kind = None          # a section the evaluation does not score
                continue                 # a free sub-heading keeps the section's kind
            if kind:
                text = _text_of(child) if child.name not in ("p",) else clean(child.get_text(" "))
                if text:
                    item.texts[kind] = (item.texts.get(kind, "") + "\n" + text).strip()
    return [item]


# -- Manual ------------------------------------------------------------------------------------
def plain_lines(path: Path) -> dict[str, str]:
    """The document's plain text, line by line, keyed "p<page>:<line>" (PDF) or "l<line>" (HTML,
    text: blank lines left out)."""
    if path.suffix.lower() == ".pdf":
        import pdfplumber

        out = {}
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for i, line in enumerate((page.extract_text() or "").splitlines(), start=1):
                    out[f"p{page.page_number}:{i}"] = line
        return out
    if path.suffix.lower() in (".txt", ".md"):
        lines = [clean(x) for x in path.read_text(encoding="utf-8").splitlines()]
        return {f"l{i}": line for i, line in enumerate((x for x in lines if x), start=1)}
    soup = BeautifulSoup(path.read_bytes(), "lxml")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    lines = [clean(x) for x in soup.get_text("\n").splitlines()]
    return {f"l{i}": line for i, line in enumerate((x for x in lines if x), start=1)}


def _span(lines: dict[str, str], span: list[str], skip: set[str]) -> str:
    """The text from line span[0] through span[-1]; "p1:14>1" leaves out the first word of that
    line (a caption printed beside the text)."""
    first, _, drop = span[0].partition(">")
    keys = list(lines)
    start, end = keys.index(first), keys.index(span[-1].partition(">")[0])
    chosen = [lines[k] for k in keys[start:end + 1] if k not in skip or k == first]
    if drop and chosen:
        chosen[0] = " ".join(chosen[0].split()[int(drop):])
    return join_lines(chosen)   # words broken at line ends count as the words they are


def manual_truth(annotation: dict, path: Path) -> list[TruthItem]:
    # "printed": lines of pages whose text layer is garbled (a broken glyph map), as the rendered
    # page prints them: the truth is what is printed, not what the text layer says
    lines = plain_lines(path) | annotation.get("printed", {})
    skip = set()
    for key in lines:
        page, _, number = key[1:].partition(":")
        if number and int(number) <= annotation.get("page_header_lines", 0):
            skip.add(key)
    items = []
    for entry in annotation["items"]:
        item = TruthItem(entry.get("number"))
        if "title" in entry:
            title = clean(" ".join(_span(lines, entry["title"], set()).splitlines()))
            item.title = ITEM_LABEL.sub("", title)
        item.case_id = entry.get("case_id")
        for kind in ("background", "proposal", "decision"):
            if kind in entry:
                spans = entry[kind] if isinstance(entry[kind][0], list) else [entry[kind]]
                item.texts[kind] = "\n".join(_span(lines, s, skip) for s in spans)
        item.history = [tuple(h) for h in entry.get("history", [])]
        items.append(item)
    return items


def load_annotations(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) | {"file": p.name} for p in sorted(folder.glob("*.json"))]
