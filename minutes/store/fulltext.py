"""The full-text index: its columns, the row stored for an item, and safe FTS5 queries.

Each item has one row in the FTS5 table ``item_search``: the printed text of its title and of its
sections grouped by kind (decision, proposal, background, other), and beside each the analysed
terms of that text (lemmas, compound parts, stems; see ``analysis``). A query word matches its
own form or any of its lemmas in either, so inflected and compound forms are found while exact
forms, phrases, diary numbers and figures stay searchable.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from minutes.language.analysis import index_terms, query_terms, words
from minutes.record import Item

GROUPS = ("title", "decision", "proposal", "background", "other")
COLUMNS = GROUPS + tuple(f"{g}_terms" for g in GROUPS)
# bm25 weights, in COLUMNS order: titles and decisions above proposals, above background
WEIGHTS = (10.0, 6.0, 4.0, 1.5, 1.0, 8.0, 5.0, 3.0, 1.0, 0.8)
KIND_GROUP = {"decision": "decision", "proposal": "proposal", "background": "background", "title": "title"}
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 24

_PHRASE = regex.compile(r'"([^"]*)"')
_EXACT = regex.compile(r"^[\p{L}\d]+(?:[-/.:][\p{L}\d]+)+$")   # LAPDno-2024-292, NKBY/497/12.03.01/2022


class QueryError(ValueError):
    """The query has nothing to search for."""


def group_of(kind: str) -> str:
    return KIND_GROUP.get(kind, "other")


def index_row(item: Item, language: str) -> dict[str, str]:
    """The column values of an item's row in the search index."""
    texts: dict[str, list[str]] = {g: [] for g in GROUPS}
    texts["title"].append(item.title)
    for section in item.sections:
        texts[group_of(section.kind)].append(section.text)
    for stage in item.history:
        texts["other"].extend(s.text for s in stage.sections)
    if item.case_id:
        texts["title"].append(item.case_id)
    row = {g: "\n".join(t) for g, t in texts.items()}
    row.update({f"{g}_terms": index_terms(row[g], language) for g in GROUPS})
    return row


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class CompiledQuery:
    match: str                 # an FTS5 MATCH expression, every user term quoted
    terms: tuple[str, ...]     # lower-case forms to highlight
    words: tuple[tuple[str, ...], ...] = ()   # per query word, the index terms it matches (all columns)
    exact_parts: bool = False  # phrases or printed tokens (matched in the printed text only)


def compile_query(query: str, kind: str | None = None) -> CompiledQuery:
    """Turn what a user typed into a safe FTS5 expression.

    Quoted parts are phrases of printed words; a diary number or other token joined by - / . :
    is matched as printed; every other word matches its own form or its lemmas. All parts must
    match (AND). FTS5 operators and syntax characters in the input are searched as text.
    """
    query = query[:MAX_QUERY_CHARS]
    parts: list[str] = []
    highlight: list[str] = []
    word_terms: list[tuple[str, ...]] = []
    exact = False
    columns = None
    if kind is not None:
        group = group_of(kind)
        columns = "{" + f"{group} {group}_terms" + "}"
    for phrase in _PHRASE.findall(query):
        tokens = words(phrase)
        if tokens:
            parts.append(_scoped(_quote(" ".join(tokens)), columns, surface_only=True))
            highlight.extend(tokens)
            exact = True
    rest = _PHRASE.sub(" ", query).replace('"', " ")
    for raw in rest.split():
        raw = raw.strip(".,;:!?()[]{}'*^+")
        if not raw:
            continue
        if _EXACT.match(raw):
            tokens = words(raw)
            parts.append(_scoped(_quote(" ".join(tokens)), columns, surface_only=True))
            highlight.extend(tokens)
            exact = True
            continue
        for word in words(raw):
            terms = query_terms(word)
            parts.append(_scoped("(" + " OR ".join(_quote(t) for t in terms) + ")", columns))
            highlight.append(word)
            word_terms.append(terms)
    if not parts:
        raise QueryError("the query has no words to search for")
    return CompiledQuery(" AND ".join(parts[:MAX_QUERY_TERMS]), tuple(dict.fromkeys(highlight)),
                         tuple(word_terms[:MAX_QUERY_TERMS]), exact or len(parts) > MAX_QUERY_TERMS)


def _scoped(expression: str, columns: str | None, surface_only: bool = False) -> str:
    if columns is not None:
        if surface_only:
            columns = columns.split()[0] + "}"
        return f"{columns} : {expression}"
    if surface_only:
        return "{" + " ".join(GROUPS) + "} : " + expression
    return expression
