"""Search the store: ranked hits with highlighted snippets, filtered by body, organisation,
date and section kind, a page at a time, with the total number of matches.

Every part of the query but its stop words is required. When fewer than ``FEW`` items hold them
all, the items holding any of the words are ranked instead, those with more of the words first
(bm25 within), and the results say which words were required and which only ranked. Items that
only list other matters (``[ranking]`` of ``models/search.toml``) rank below items about the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from minutes.language.analysis import analyzer, query_terms
from minutes.language.stopwords import list_titles

from .database import Connected
from .filters import Filters, filter_sql, listed_kind_sql
from .fulltext import CompiledQuery, QueryError, group_of
from .versions import version_sql

SNIPPET_WORDS = 14
OVERFETCH, SPARE = 2, 10   # unfiltered searches rank limit * OVERFETCH + SPARE rows, then keep decided ones
RERANK = 100               # the first rows, re-ranked as a whole (list items scored down): every page
ANY_CANDIDATES = 300       # the first rows of an any-word search, reordered by the words they hold
FEW = 3                    # fewer items holding every word than this: any of the words rank
COUNT_CAP = 10_000         # matches counted exactly up to this; beyond, the total says "at least"
SORTS = ("relevance", "date")
MARK = ("**", "**")
MIN_PART_MARK = 5          # a wanted form this long inside a longer word marks it


@dataclass(frozen=True)
class Hit:
    """One search result: an item (its decided version, or the version searched) and its score."""

    item_id: str
    title: str
    body: str | None
    organization: str | None
    date: str | None
    number: int | None
    score: float
    snippet: str
    document_type: str = "minutes"     # the version the hit comes from: minutes | agenda
    explanation: dict | None = None    # why it matched (``search(explain=True)``)

    def to_dict(self) -> dict:
        """``{"item_id", "title", "body", "organization", "date", "number", "score", "snippet",
        "document_type"}`` (and ``"explanation"`` when asked for), as ``minutes search --format
        json`` prints each hit."""
        out = {"item_id": self.item_id, "title": self.title, "body": self.body,
               "organization": self.organization, "date": self.date, "number": self.number,
               "score": round(self.score, 4), "snippet": self.snippet, "document_type": self.document_type}
        if self.explanation is not None:
            out["explanation"] = self.explanation
        return out


@dataclass(frozen=True)
class Results(Sequence):
    """A page of hits (a sequence of ``Hit``) with the total number of matching items (counted up
    to ``COUNT_CAP``: beyond it ``total_exact`` is False) and how the query was read: the parts every hit holds (``required``), the words that only ranked when few
    items held them all (``ranked_only``; ``mode`` "any"), the stop words left out and the parts
    excluded. ``mode`` is "all", "any", or "listed" (no words: the items a filter selects)."""

    query: str
    total: int
    offset: int
    hits: tuple[Hit, ...] = ()
    mode: str = "all"
    total_exact: bool = True           # False: at least ``total`` (``COUNT_CAP``) items match
    required: tuple[str, ...] = ()
    ranked_only: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.hits[index]

    def to_dict(self) -> dict:
        """``{"query", "total", "total_exact", "offset", "hits": [Hit.to_dict()...], "mode",
        "required", "ranked_only", "stop_words", "excluded"}``, as ``minutes search --format json``
        prints it."""
        return {"query": self.query, "total": self.total, "total_exact": self.total_exact, "offset": self.offset,
                "hits": [h.to_dict() for h in self.hits], "mode": self.mode, "required": list(self.required),
                "ranked_only": list(self.ranked_only), "stop_words": list(self.stop_words),
                "excluded": list(self.excluded)}


def _ranked_by_index(store: Connected, match, clauses: list[str], params: list,
                     limit: int) -> list[tuple[int, float]]:
    """(item pk, score) of the best matches of ``match``, ranked by the index (FTS5's bm25, or
    PostgreSQL's ts_rank), filtered by ``clauses`` on items ``i`` and meetings ``m``."""
    scored, scored_params = store.index.scored(match)
    if clauses:
        sql = (f"SELECT hit.pk, hit.score FROM ({scored}) AS hit JOIN items i ON i.pk = hit.pk "
               "JOIN meetings m ON m.pk = i.meeting_pk WHERE " + " AND ".join(clauses) +
               " ORDER BY hit.score DESC, hit.pk LIMIT ?")
        return [tuple(r) for r in store.conn.execute(sql, [*scored_params, *params, limit]).fetchall()]
    sql = f"SELECT hit.pk, hit.score FROM ({scored}) AS hit ORDER BY hit.score DESC, hit.pk LIMIT ?"
    return [tuple(r) for r in store.conn.execute(sql, [*scored_params, limit]).fetchall()]


def _decided_only(store: Connected, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The rows of ``ranked`` that are decided versions, in order."""
    pks = [pk for pk, _ in ranked]
    marks = ", ".join("?" for _ in pks)
    decided = {pk for (pk,) in store.conn.execute(
        f"SELECT pk FROM items WHERE decided = 1 AND pk IN ({marks})", pks)} if pks else set()
    return [(pk, score) for pk, score in ranked if pk in decided]


def _ranked_unfiltered(store: Connected, compiled, filters: Filters, limit: int) -> list[tuple[int, float]] | None:
    """Without filters the ranked rows of any version are fetched as fast as ever, a few more than
    ``limit``, and the decided versions kept; None when other versions took so many places that
    fewer than ``limit`` are left while more may match (the filtered query answers then)."""
    fetch = limit * OVERFETCH + SPARE
    ranked = None if filters.kind else store.index.fast_ranked(compiled, [], [], fetch, enough=limit)
    if ranked is not None:
        kept = _decided_only(store, ranked)
        # fewer rows than asked for: the lists were not cut short (``rank`` says None then), every match
        return kept[:limit] if len(kept) >= limit or len(ranked) < limit else None
    ranked = _ranked_by_index(store, compiled.match, [], [], fetch)
    kept = _decided_only(store, ranked)
    return kept[:limit] if len(kept) >= limit or len(ranked) < fetch else None


def _ranked(store: Connected, compiled, filters: Filters, limit: int) -> list[tuple[int, float]]:
    """(item pk, score) of the best ``limit`` items, one row per item id: the decided version, or
    the latest of ``filters.document_type``."""
    clauses, params = filter_sql(filters)
    if not clauses and filters.document_type is None:
        ranked = _ranked_unfiltered(store, compiled, filters, limit)
        if ranked is not None:
            return ranked
    version, version_params = version_sql(filters.document_type)
    clauses, params = clauses + [version], params + version_params
    ranked = None if filters.kind else store.index.fast_ranked(compiled, clauses, params, limit)
    return ranked if ranked is not None else _ranked_by_index(store, compiled.match, clauses, params, limit)


def search(store: Connected, query: str, filters: Filters = Filters(), limit: int = 20, offset: int = 0,
           sort: str = "relevance", explain: bool = False) -> Results:
    """The items for ``query``, a page of ``limit`` (at most 1000) from ``offset``, one hit per
    item id (from its decided version: minutes before agendas; or from the latest version of
    ``filters.document_type``), best first or, with ``sort`` "date", newest first. Every part but
    the stop words is required; when fewer than ``FEW`` items hold them all, the items holding
    any of the words rank (more of the words first). ``explain`` adds to each hit the parts of the
    query it holds, in which columns, and the score each column alone would give. Raises
    ``QueryError`` for a query with no words, and ``ValueError`` for another sort. The total is
    counted up to ``COUNT_CAP`` (``Results.total_exact``).

    A query with no words lists the items a decision, person or goal filter selects (``outcome``,
    ``voted``, ``person``, ``goal``), newest first, each with the sentence its outcome rests on as snippet
    and score 0; with no such filter it raises ``QueryError`` too.

    Returns ``Results``: the page of ``Hit`` (item_id, title, body, organization, date, number,
    score, snippet, document_type), the total, and how the query was read."""
    if sort not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}: one of {', '.join(SORTS)}")
    limit, offset = max(1, min(limit, 1000)), max(0, offset)
    try:
        compiled = store.index.compile(query, filters.kind)
    except QueryError:
        if filters.outcome or filters.voted or filters.person is not None or filters.goal:
            return _listed(store, query, filters, limit, offset, explain)
        raise
    want = offset + limit
    fetch = max(want, RERANK)
    rows = _ranked(store, compiled, filters, fetch) if sort == "relevance" else None
    # every match is among the rows when fewer came back: no count (FTS5 would intersect the words again)
    total, mode = (len(rows) if rows is not None and len(rows) < fetch else _count(store, compiled.match, filters)), "all"
    if total < FEW and compiled.match_any:
        any_total = _count(store, compiled.match_any, filters)
        if any_total > total:
            total, mode = any_total, "any"
    exact = total <= COUNT_CAP
    total = min(total, COUNT_CAP)
    if sort == "date":
        ranked = _ranked_by_date(store, compiled.match if mode == "all" else compiled.match_any, filters, want)
    elif mode == "any":
        ranked = _ranked_any(store, compiled, filters, want, rows)
    else:
        ranked = _demote_lists(store, rows[:RERANK]) + rows[RERANK:]   # the same order whatever the page
    page = ranked[offset:want]
    required = compiled.required if mode == "all" else tuple(w for w in compiled.required
                                                              if w not in compiled.any_texts)
    out = Results(query, total, offset, (), mode, exact, required, compiled.any_texts if mode == "any" else (),
                  compiled.stop_words, compiled.excluded)
    if not page:
        return out
    hits = _hits(store, compiled, filters, page)        # in the page's order
    if explain:
        hits = _explained(store, compiled, mode, hits)
    return replace(out, hits=tuple(hit for _, hit in hits))


def _count(store: Connected, match, filters: Filters) -> int:
    """How many items (one per item id, in the version ``filters`` select) ``match`` finds, up to
    one more than ``COUNT_CAP`` (counting a word found in a third of a million items costs a tenth
    of a second)."""
    clauses, params = filter_sql(filters)
    version, version_params = version_sql(filters.document_type)
    matching, matching_params = store.index.matching(match)
    return store.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM ({matching}) AS s JOIN items i ON i.pk = s.pk JOIN meetings m "
        "ON m.pk = i.meeting_pk WHERE " + " AND ".join([*clauses, version]) + " LIMIT ?) AS hits",
        [*matching_params, *params, *version_params, COUNT_CAP + 1]).fetchone()[0]


def _ranked_by_date(store: Connected, match, filters: Filters, limit: int) -> list[tuple[int, float]]:
    """(item pk, score) of the newest ``limit`` items ``match`` finds (best first within a day)."""
    clauses, params = filter_sql(filters)
    version, version_params = version_sql(filters.document_type)
    scored, scored_params = store.index.scored(match)
    return [tuple(r) for r in store.conn.execute(
        f"SELECT hit.pk, hit.score FROM ({scored}) AS hit JOIN items i ON i.pk = hit.pk JOIN meetings m "
        "ON m.pk = i.meeting_pk WHERE " + " AND ".join([*clauses, version]) +
        " ORDER BY m.date DESC NULLS LAST, hit.score DESC, hit.pk LIMIT ?",
        [*scored_params, *params, *version_params, limit]).fetchall()]


def _ranked_any(store: Connected, compiled: CompiledQuery, filters: Filters, limit: int,
                full: list[tuple[int, float]] | None = None) -> list[tuple[int, float]]:
    """(item pk, score) of the best items holding any of the query's words: those holding every
    word first, then the first ``ANY_CANDIDATES`` rows by bm25 reordered by how many of the words
    each holds (list items scored down), then the rest by bm25: the same order whatever the page."""
    clauses, params = filter_sql(filters)
    version, version_params = version_sql(filters.document_type)
    where, values = [*clauses, version], [*params, *version_params]
    if full is None:                # fewer than FEW items hold every word: these
        full = _ranked_by_index(store, compiled.match, where, values, FEW)
    fetch = max(ANY_CANDIDATES, limit)
    rows = None
    if not clauses and filters.document_type is None and not filters.kind:   # a fast path ranks an OR of words
        rows = store.index.fast_ranked_any(compiled, fetch * OVERFETCH + SPARE)
        rows = _decided_only(store, rows)[:fetch] if rows is not None else None
    if rows is None:
        rows = _ranked_by_index(store, compiled.match_any, where, values, fetch)
    first = {pk for pk, _ in full}
    head = _demote_lists(store, [r for r in rows[:ANY_CANDIDATES] if r[0] not in first])
    counts = store.index.words_held([pk for pk, _ in head], compiled)
    head.sort(key=lambda r: (-counts.get(r[0], 0), -r[1]))
    return (full + head + [r for r in rows[ANY_CANDIDATES:] if r[0] not in first])[:limit]


def _demote_lists(store: Connected, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """``ranked`` with the scores of items that only list other matters multiplied down, re-sorted."""
    if not ranked:
        return ranked
    pattern, factor = list_titles()
    pks = [pk for pk, _ in ranked]
    listing: set[int] = set()
    for start in range(0, len(pks), 500):
        chunk = pks[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        listing.update(pk for pk, title in store.conn.execute(f"SELECT pk, title FROM items WHERE pk IN ({marks})",
                                                              chunk) if title and pattern.search(title))
    out = [(pk, score * factor if pk in listing and score > 0 else score) for pk, score in ranked]
    out.sort(key=lambda r: -r[1])
    return out


def _hits(store: Connected, compiled: CompiledQuery, filters: Filters,
          page: list[tuple[int, float]]) -> list[tuple[int, Hit]]:
    """The hits of the page's rows, in its order, each with its item pk."""
    scores = dict(page)
    marks = ", ".join("?" for _ in scores)
    rows = store.conn.execute(
        "SELECT i.pk, i.id, i.title, m.body, m.organization, m.date, i.number, d.document_type "
        "FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk "
        f"WHERE i.pk IN ({marks})", list(scores)).fetchall()
    texts = store.index.texts(list(scores))
    wanted = _highlight_forms(compiled.terms)
    order = [group_of(filters.kind)] if filters.kind else ["decision", "proposal", "title", "background", "other"]
    rank_of = {pk: k for k, (pk, _) in enumerate(page)}
    hits = []
    for pk, item_id, title, body, org, day, number, document_type in sorted(rows, key=lambda r: rank_of[r[0]]):
        by_group = texts.get(pk, {})
        hits.append((pk, Hit(item_id, title, body, org, day, number, scores[pk],
                             snippet_of([by_group.get(g, "") for g in order], wanted), document_type)))
    return hits


def _explained(store: Connected, compiled: CompiledQuery, mode: str,
               hits: list[tuple[int, Hit]]) -> list[tuple[int, Hit]]:
    """``hits`` with why each matched: the parts of the query found in each column group, the bm25
    score each column alone would give (bm25 is not a sum over columns: these are not shares of
    the score), and whether the item only lists other matters (its score multiplied down)."""
    pks = [pk for pk, _ in hits]
    match = compiled.match if mode == "all" else compiled.match_any
    per_column, words = store.index.explain(pks, match, compiled)
    pattern, _ = list_titles()
    return [(pk, replace(hit, explanation={"words": words[pk], "columns": per_column[pk],
                                           "list_item": bool(hit.title and pattern.search(hit.title))}))
            for pk, hit in hits]


def _listed(store: Connected, query: str, filters: Filters, limit: int, offset: int,
            explain: bool = False) -> Results:
    """The items ``filters`` select (one row per item id, as ``search``), newest meeting first,
    but those holding a part the query excludes; with ``explain``, each hit says it was listed."""
    clauses, params = filter_sql(filters)
    kind, kind_params = listed_kind_sql(filters)
    clauses, params = clauses + kind, params + kind_params
    version, version_params = version_sql(filters.document_type)
    excluding, excluded = store.index.exclusion(query)
    if excluding:
        matching, matching_params = store.index.matching(excluding)
        clauses, params = clauses + [f"i.pk NOT IN ({matching})"], params + matching_params
    where = " AND ".join([*clauses, version])
    joins = "FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk WHERE "
    total = store.conn.execute("SELECT count(*) " + joins + where, [*params, *version_params]).fetchone()[0]
    rows = store.conn.execute(
        "SELECT i.id, i.title, m.body, m.organization, m.date, i.number, d.document_type, (SELECT "
        "dc.outcome_evidence FROM decisions dc WHERE dc.item_pk = i.pk AND dc.stage_pk IS NULL) " + joins + where
        + " ORDER BY m.date DESC NULLS LAST, m.id, i.number NULLS FIRST, i.id LIMIT ? OFFSET ?",
        [*params, *version_params, limit, offset]).fetchall()
    why = {"words": {}, "columns": {}, "list_item": False, "listed": "selected by the filters, newest first"}
    return Results(query, total, offset, tuple(
        Hit(item_id, title, body, org, day, number, 0.0, " ".join((evidence or "").split()), document_type,
            dict(why) if explain else None)
        for item_id, title, body, org, day, number, document_type, evidence in rows), "listed", excluded=excluded)


def _highlight_forms(terms: tuple[str, ...]) -> set[str]:
    forms = set()
    for term in terms:
        forms.update(query_terms(term))
    return forms


def _matches(word: str, wanted: set[str]) -> bool:
    w = word.casefold()
    if w in wanted:
        return True
    if "-" in w:        # "maa-ainesten": its hyphen-free terms, else any of its parts
        if any(wanted.intersection(analyzer(language).hyphen_terms(w)) for language in ("fi", "sv")):
            return True
        return any(_matches(part, wanted) for part in w.split("-") if part)
    if wanted.intersection(analyzer("fi").terms(w)) or wanted.intersection(analyzer("sv").lemmas(w)):
        return True
    # a Swedish compound holding a wanted stem ("budget" in "budgetuppföljning"), told without the
    # word list the index was split by (reading it would cost every search a tenth of a second)
    return any(len(t) >= MIN_PART_MARK and t in w for t in wanted)


_SNIPPET_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*")   # hyphenated words whole


def snippet_of(texts: list[str], wanted: set[str], size: int = SNIPPET_WORDS) -> str:
    """A window of ``size`` words around the first matching word of the first text that has one,
    matching words marked with **."""
    for text in texts:
        if not text:
            continue
        tokens = list(_SNIPPET_TOKEN.finditer(text))
        hits = [k for k, t in enumerate(tokens) if _matches(t.group(0), wanted)]
        if not hits:
            continue
        first = max(0, hits[0] - size // 3)
        last = min(len(tokens), first + size)
        start, end = tokens[first].start(), tokens[last - 1].end()
        out, cursor = [], start
        for k in range(first, last):
            t = tokens[k]
            out.append(text[cursor:t.start()])
            out.append(f"{MARK[0]}{t.group(0)}{MARK[1]}" if k in hits else t.group(0))
            cursor = t.end()
        snippet = " ".join("".join(out).split())
        return ("… " if first else "") + snippet + (" …" if end < len(text.rstrip()) else "")
    first_text = next((t for t in texts if t), "")
    words = first_text.split()
    return " ".join(words[:size]) + (" …" if len(words) > size else "")


__all__ = ["search", "Filters", "Hit", "Results", "QueryError", "snippet_of", "SORTS"]
