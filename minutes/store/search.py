"""Search the store: ranked hits with highlighted snippets, filtered by body, organisation,
date and section kind."""

from __future__ import annotations

from dataclasses import dataclass

from minutes.language.analysis import TOKEN, analyzer, query_terms

from .database import Connected
from .filters import Filters, filter_sql
from .fulltext import GROUPS, WEIGHTS, QueryError, compile_query, group_of
from .impacts import KEEP, is_fresh, rank
from .versions import version_sql

SNIPPET_WORDS = 14
OVERFETCH, SPARE = 2, 10   # unfiltered searches rank limit * OVERFETCH + SPARE rows, then keep decided ones
MARK = ("**", "**")


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

    def to_dict(self) -> dict:
        """``{"item_id", "title", "body", "organization", "date", "number", "score", "snippet",
        "document_type"}``, as ``minutes search --format json`` prints it."""
        return {"item_id": self.item_id, "title": self.title, "body": self.body,
                "organization": self.organization, "date": self.date, "number": self.number,
                "score": round(self.score, 4), "snippet": self.snippet, "document_type": self.document_type}


def _ranked_by_index(store: Connected, compiled, filters: Filters, clauses: list[str], params: list,
                     limit: int) -> list[tuple[int, float]]:
    """(item pk, score) of the best matches, ranked by FTS5's bm25."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    if clauses:
        sql = (f"SELECT hit.rowid, -hit.score FROM (SELECT rowid, bm25(item_search, {weights}) AS score "
               "FROM item_search WHERE item_search MATCH ?) AS hit JOIN items i ON i.pk = hit.rowid "
               "JOIN meetings m ON m.pk = i.meeting_pk WHERE " + " AND ".join(clauses) +
               " ORDER BY hit.score LIMIT ?")
        return store.conn.execute(sql, [compiled.match, *params, limit]).fetchall()
    sql = (f"SELECT rowid, -bm25(item_search, {weights}) AS score FROM item_search WHERE item_search MATCH ? "
           "ORDER BY score DESC LIMIT ?")
    return store.conn.execute(sql, [compiled.match, limit]).fetchall()


def _ranked_by_impacts(store: Connected, compiled, clauses: list[str], params: list,
                       limit: int, enough: int | None = None) -> list[tuple[int, float]] | None:
    """The same from the impact lists, when they can answer (see ``impacts``)."""
    if compiled.exact_parts or not compiled.words or not is_fresh(store.conn):
        return None
    ranked = rank(store.conn, compiled.words, KEEP if clauses else limit, enough=enough)
    if ranked is None or not clauses:
        return ranked
    allowed = set()
    pks = [pk for pk, _ in ranked]
    for start in range(0, len(pks), 500):
        chunk = pks[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        allowed.update(pk for (pk,) in store.conn.execute(
            f"SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE i.pk IN ({marks}) AND "
            + " AND ".join(clauses), [*chunk, *params]))
    kept = [(pk, score) for pk, score in ranked if pk in allowed]
    return kept[:limit] if len(kept) >= limit else None


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
    ranked = None if filters.kind else _ranked_by_impacts(store, compiled, [], [], fetch, enough=limit)
    if ranked is not None:
        kept = _decided_only(store, ranked)
        return kept[:limit] if len(kept) >= limit else None
    ranked = _ranked_by_index(store, compiled, filters, [], [], fetch)
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
    ranked = None if filters.kind else _ranked_by_impacts(store, compiled, clauses, params, limit)
    return ranked if ranked is not None else _ranked_by_index(store, compiled, filters, clauses, params, limit)


def search(store: Connected, query: str, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
    """The best ``limit`` items for ``query``, best first, one hit per item id (from its decided
    version: minutes before agendas; or from the latest version of ``filters.document_type``).
    Raises ``QueryError`` for a query with no words.

    A query with no words lists the items a decision or person filter selects (``outcome``,
    ``voted``, ``person``), newest first, each with the sentence its outcome rests on as snippet
    and score 0; with no such filter it raises ``QueryError`` too.

    Returns a list of ``Hit`` (item_id, title, body, organization, date, number, score, snippet,
    document_type), best first."""
    limit = max(1, min(limit, 1000))
    try:
        compiled = compile_query(query, filters.kind)
    except QueryError:
        if filters.outcome or filters.voted or filters.person is not None:
            return _listed(store, filters, limit)
        raise
    ranked = _ranked(store, compiled, filters, limit)
    if not ranked:
        return []
    scores = dict(ranked)
    marks = ", ".join("?" for _ in scores)
    rows = store.conn.execute(
        "SELECT i.pk, i.id, i.title, m.body, m.organization, m.date, i.number, d.document_type, "
        + ", ".join(f"item_search.{g}" for g in GROUPS) +
        " FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk "
        "JOIN item_search ON item_search.rowid = i.pk "
        f"WHERE i.pk IN ({marks})", list(scores)).fetchall()
    wanted = _highlight_forms(compiled.terms)
    order = [group_of(filters.kind)] if filters.kind else ["decision", "proposal", "title", "background", "other"]
    hits = []
    for pk, item_id, title, body, org, day, number, document_type, *texts in rows:
        by_group = dict(zip(GROUPS, texts))
        hits.append(Hit(item_id, title, body, org, day, number, scores[pk],
                        snippet_of([by_group[g] for g in order], wanted), document_type))
    hits.sort(key=lambda h: (-h.score, h.item_id))
    return hits


def _listed(store: Connected, filters: Filters, limit: int) -> list[Hit]:
    """The items ``filters`` select (one row per item id, as ``search``), newest meeting first."""
    clauses, params = filter_sql(filters)
    version, version_params = version_sql(filters.document_type)
    rows = store.conn.execute(
        "SELECT i.id, i.title, m.body, m.organization, m.date, i.number, d.document_type, (SELECT "
        "dc.outcome_evidence FROM decisions dc WHERE dc.item_pk = i.pk AND dc.stage_pk IS NULL) FROM items i "
        "JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk WHERE "
        + " AND ".join([*clauses, version]) + " ORDER BY m.date DESC, m.id, i.number, i.id LIMIT ?",
        [*params, *version_params, limit]).fetchall()
    return [Hit(item_id, title, body, org, day, number, 0.0, " ".join((evidence or "").split()), document_type)
            for item_id, title, body, org, day, number, document_type, evidence in rows]


def _highlight_forms(terms: tuple[str, ...]) -> set[str]:
    forms = set()
    for term in terms:
        forms.update(query_terms(term))
    return forms


def _matches(word: str, wanted: set[str]) -> bool:
    w = word.casefold()
    if w in wanted:
        return True
    for language in ("fi", "sv"):
        if wanted.intersection(analyzer(language).terms(w)):
            return True
    return False


def snippet_of(texts: list[str], wanted: set[str], size: int = SNIPPET_WORDS) -> str:
    """A window of ``size`` words around the first matching word of the first text that has one,
    matching words marked with **."""
    for text in texts:
        if not text:
            continue
        tokens = list(TOKEN.finditer(text))
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


__all__ = ["search", "Filters", "Hit", "QueryError", "snippet_of"]
