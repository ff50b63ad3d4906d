"""The full-text index: its columns, the row stored for an item, and safe FTS5 queries.

Each item has one row in the FTS5 table ``item_search``: the printed text of its title and of its
sections grouped by kind (decision, proposal, background, other), and beside each the analysed
terms of that text (lemmas, compound parts, stems; see ``analysis``). A query word matches its
own form or any of its lemmas in either, so inflected and compound forms are found while exact
forms, phrases, diary numbers and figures stay searchable.
"""

from __future__ import annotations

from dataclasses import dataclass


from minutes.language.analysis import index_terms, query_terms
from minutes.record import Item

from .query import Part, read_query

GROUPS = ("title", "decision", "proposal", "background", "other")
COLUMNS = GROUPS + tuple(f"{g}_terms" for g in GROUPS)
# bm25 weights, in COLUMNS order: titles and decisions above proposals, above background
WEIGHTS = (10.0, 6.0, 4.0, 1.5, 1.0, 8.0, 5.0, 3.0, 1.0, 0.8)
KIND_GROUP = {"decision": "decision", "proposal": "proposal", "background": "background", "title": "title"}
MAX_QUERY_TERMS = 24


class QueryError(ValueError):
    """The query has nothing to search for."""


def group_of(kind: str) -> str:
    return KIND_GROUP.get(kind, "other")


def _texts(item: Item) -> dict[str, str]:
    """The printed text of each column group of an item's row."""
    texts: dict[str, list[str]] = {g: [] for g in GROUPS}
    texts["title"].append(item.title)
    for section in item.sections:
        texts[group_of(section.kind)].append(section.text)
    for stage in item.history:
        texts["other"].extend(s.text for s in stage.sections)
    if item.case_id:
        texts["title"].append(item.case_id)
    return {g: "\n".join(t) for g, t in texts.items()}


def item_terms(item: Item, language: str) -> dict[str, str]:
    """The analysed terms columns of an item's row (most of the cost of indexing it: the batch's
    workers work them out beside the parse, and the store takes them as given)."""
    return {f"{g}_terms": index_terms(text, language) for g, text in _texts(item).items()}


def index_row(item: Item, language: str, terms: dict[str, str] | None = None) -> dict[str, str]:
    """The column values of an item's row in the search index; ``terms``: its ``item_terms``
    when they were worked out already."""
    row = _texts(item)
    row.update(terms if terms is not None else
               {f"{g}_terms": index_terms(row[g], language) for g in GROUPS})
    return row


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class CompiledQuery:
    match: object              # an expression of the index (an FTS5 MATCH string) of every required part
    terms: tuple[str, ...]     # lower-case forms to highlight
    words: tuple[tuple[str, ...], ...] = ()   # per required word, the index terms it matches (all columns)
    exact_parts: bool = False  # phrases, printed tokens, OR or exclusions: FTS5 answers, not the impact lists
    match_any: object = None        # any of the required words (and every other required part), or None
    required: tuple[str, ...] = ()  # the parts every hit of ``match`` holds, as read
    stop_words: tuple[str, ...] = ()    # the typed words left out as stop words
    excluded: tuple[str, ...] = ()      # the parts no hit holds
    any_texts: tuple[str, ...] = ()     # the words of ``match_any`` as read (``words``: their terms)
    part_matches: tuple[tuple[str, str], ...] = ()   # (part as read, its expression, unscoped in tsquery) of each part


class Fts5Syntax:
    """How a read query is written for FTS5: every user term quoted, a column group's parts
    scoped to its columns (phrases to its printed text), exclusions with NOT."""

    def part(self, part: Part, group: str | None) -> str:
        columns = None if group is None else "{" + f"{group} {group}_terms" + "}"
        return _expression(part, columns)

    def all_of(self, expressions: list[str]) -> str:
        return "(" + " AND ".join(expressions) + ")"

    def any_of(self, expressions: list[str]) -> str:
        return "(" + " OR ".join(expressions) + ")"

    def match(self, core: str, excluded: list[str], group: str | None) -> str:
        return core + "".join(f" NOT {x}" for x in excluded)    # excluded anywhere in the item


FTS5 = Fts5Syntax()


def compile_query(query: str, kind: str | None = None, syntax=FTS5) -> CompiledQuery:
    """Turn what a user typed into safe expressions of the index's query language (``syntax``:
    FTS5's by default, ``postgres.index.TS`` for PostgreSQL's tsquery); ``query.read_query``
    reads it.

    Quoted parts are phrases of printed words; a diary number or other token joined by - / . :
    is matched as printed; every other word matches its own form or its lemmas. Every part but
    the stop words must match (``match``); ``match_any`` asks for any of the words instead (with
    every phrase, token and OR group still required), for ranking when few items hold them all.
    Excluded parts are left out of both. Operators and syntax characters in the input are
    searched as text."""
    read = read_query(query)
    group = None if kind is None else group_of(kind)
    required = read.required[:MAX_QUERY_TERMS]
    if not required:
        raise QueryError("the query has no words to search for")
    highlight: list[str] = []
    for part in required:
        highlight.extend(_forms(part))
    expressions = {p: syntax.part(p, group) for p in required}
    excluded = [syntax.part(p, None) for p in read.excluded]           # anywhere in the item
    match = syntax.match(syntax.all_of(list(expressions.values())), excluded, group)
    plain = [p for p in required if p.kind == "word"]
    others = [p for p in required if p.kind != "word"]
    match_any = None
    if len(plain) >= 2:
        either = syntax.any_of([expressions[p] for p in plain])
        match_any = syntax.match(syntax.all_of([either] + [expressions[p] for p in others]), excluded, group)
    word_terms = tuple(query_terms(p.text) for p in plain)
    return CompiledQuery(match, tuple(dict.fromkeys(highlight)), word_terms,
                         bool(others or read.excluded) or len(read.required) > MAX_QUERY_TERMS,
                         match_any, tuple(p.text for p in required),
                         tuple(p.text for p in read.stop_words), tuple(p.text for p in read.excluded),
                         tuple(p.text for p in plain), tuple((p.text, e) for p, e in expressions.items()))


def exclusion_match(query: str, syntax=FTS5):
    """The expression matching any part ``query`` excludes ("-word"), or None, and those parts
    as read: a listing by filters alone leaves out the items it matches."""
    read = read_query(query)
    if not read.excluded:
        return None, ()
    return (syntax.match(syntax.any_of([syntax.part(p, None) for p in read.excluded]), [], None),
            tuple(p.text for p in read.excluded))


def _forms(part: Part) -> list[str]:
    if part.kind == "any":
        return [f for alt in part.alternatives for f in _forms(alt)]
    return part.text.split()


def _expression(part: Part, columns: str | None) -> str:
    """The FTS5 expression of one part."""
    if part.kind == "any":
        return "(" + " OR ".join(_expression(p, columns) for p in part.alternatives) + ")"
    if part.kind in ("phrase", "exact"):
        return _scoped(_quote(part.text), columns, surface_only=True)
    return _scoped("(" + " OR ".join(_quote(t) for t in query_terms(part.text)) + ")", columns)


def _scoped(expression: str, columns: str | None, surface_only: bool = False) -> str:
    if columns is not None:
        if surface_only:
            columns = columns.split()[0] + "}"
        return f"{columns} : {expression}"
    if surface_only:
        return "{" + " ".join(GROUPS) + "} : " + expression
    return expression
