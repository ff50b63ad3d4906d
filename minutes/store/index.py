"""The search index as the query modules use it, whatever engine keeps it. ``search`` and
``browse`` ask an ``Index`` to read a query, for the items a query matches (a subquery of item
pks, with a score, better higher), for the texts and the words of items, and for the fast paths
an engine has. ``Fts5Index`` is SQLite's: the FTS5 table ``item_search`` (``fulltext``) and the
impact lists beside it (``impacts``). PostgreSQL's is ``postgres.index.TsIndex``."""

from __future__ import annotations

from typing import Protocol

from .fulltext import COLUMNS, GROUPS, WEIGHTS, CompiledQuery, compile_query, exclusion_match
from .impacts import KEEP, holds, is_fresh, rank, rank_any, term_hash

CHUNK = 500     # pks per query of an ``IN (...)`` list


class Index(Protocol):
    """What ``search`` and ``browse`` need of a search index. A *match* is what ``compile`` and
    ``exclusion`` return (``CompiledQuery.match``, ``match_any``, ``part_matches``), opaque here."""

    def compile(self, query: str, kind: str | None = None) -> CompiledQuery: ...

    def exclusion(self, query: str) -> tuple[object | None, tuple[str, ...]]: ...

    def matching(self, match) -> tuple[str, list]: ...

    def scored(self, match) -> tuple[str, list]: ...

    def texts(self, pks: list[int]) -> dict[int, dict[str, str]]: ...

    def words_held(self, pks: list[int], compiled: CompiledQuery) -> dict[int, int]: ...

    def explain(self, pks: list[int], match, compiled: CompiledQuery
                ) -> tuple[dict[int, dict[str, float]], dict[int, dict[str, list[str]]]]: ...

    def fast_ranked(self, compiled: CompiledQuery, clauses: list[str], params: list, limit: int,
                    enough: int | None = None) -> list[tuple[int, float]] | None: ...

    def fast_ranked_any(self, compiled: CompiledQuery, limit: int) -> list[tuple[int, float]] | None: ...


def chunks(pks: list[int]):
    """``pks`` in runs of ``CHUNK``, each with its ``?`` marks."""
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start:start + CHUNK]
        yield chunk, ", ".join("?" for _ in chunk)


class Fts5Index:
    """SQLite's index: the FTS5 table ``item_search`` (its rowid is the item's pk), ranked by
    bm25 with the column weights of ``fulltext``, and the impact lists for frequent words."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def compile(self, query: str, kind: str | None = None) -> CompiledQuery:
        return compile_query(query, kind)

    def exclusion(self, query: str) -> tuple[str | None, tuple[str, ...]]:
        return exclusion_match(query)

    def matching(self, match: str) -> tuple[str, list]:
        return "SELECT rowid AS pk FROM item_search WHERE item_search MATCH ?", [match]

    def scored(self, match: str) -> tuple[str, list]:
        weights = ", ".join(str(w) for w in WEIGHTS)
        return (f"SELECT rowid AS pk, -bm25(item_search, {weights}) AS score FROM item_search "
                "WHERE item_search MATCH ?", [match])

    def texts(self, pks: list[int]) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for chunk, marks in chunks(pks):
            for pk, *texts in self.conn.execute(f"SELECT rowid, {', '.join(GROUPS)} FROM item_search "
                                                f"WHERE rowid IN ({marks})", chunk):
                out[pk] = dict(zip(GROUPS, texts))
        return out

    def words_held(self, pks: list[int], compiled: CompiledQuery) -> dict[int, int]:
        """For each item, how many of the query's words (each an OR of index terms) it holds."""
        hashes = [{term_hash(t) for t in terms} for terms in compiled.words]
        out: dict[int, int] = {}
        for chunk, marks in chunks(pks):
            for pk, blob in self.conn.execute(f"SELECT item_pk, hashes FROM item_terms WHERE item_pk IN ({marks})",
                                              chunk):
                out[pk] = sum(1 for h in hashes if holds(blob, h))
        return out

    def explain(self, pks: list[int], match: str, compiled: CompiledQuery
                ) -> tuple[dict[int, dict[str, float]], dict[int, dict[str, list[str]]]]:
        """Per item, the bm25 score each column alone would give, and the column groups each
        required part of the query is found in."""
        marks = ", ".join("?" for _ in pks)
        per_column: dict[int, dict[str, float]] = {pk: {} for pk in pks}
        for k, column in enumerate(COLUMNS):
            weights = ", ".join(str(w) if j == k else "0" for j, w in enumerate(WEIGHTS))
            for pk, score in self.conn.execute(f"SELECT rowid, -bm25(item_search, {weights}) FROM item_search "
                                               f"WHERE item_search MATCH ? AND rowid IN ({marks})", [match, *pks]):
                if score:
                    per_column[pk][column] = round(score, 4)
        words: dict[int, dict[str, list[str]]] = {pk: {} for pk in pks}
        for word, expression in compiled.part_matches:
            for group in GROUPS:
                scoped = "{" + f"{group} {group}_terms" + "} : (" + expression + ")"
                for (pk,) in self.conn.execute(f"SELECT rowid FROM item_search WHERE item_search MATCH ? "
                                               f"AND rowid IN ({marks})", [scoped, *pks]):
                    words[pk].setdefault(word, []).append(group)
        return per_column, words

    def fast_ranked(self, compiled: CompiledQuery, clauses: list[str], params: list, limit: int,
                    enough: int | None = None) -> list[tuple[int, float]] | None:
        """(item pk, score) of the best matches from the impact lists, when they can answer
        (see ``impacts``): words only, lists up to date; filtered by ``clauses`` on items ``i``
        and meetings ``m``. None when they cannot."""
        if compiled.exact_parts or not compiled.words or not is_fresh(self.conn):
            return None
        ranked = rank(self.conn, compiled.words, KEEP if clauses else limit, enough=enough)
        if ranked is None or not clauses:
            return ranked
        allowed = set()
        for chunk, marks in chunks([pk for pk, _ in ranked]):
            allowed.update(pk for (pk,) in self.conn.execute(
                f"SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE i.pk IN ({marks}) AND "
                + " AND ".join(clauses), [*chunk, *params]))
        kept = [(pk, score) for pk, score in ranked if pk in allowed]
        return kept[:limit] if len(kept) >= limit or len(ranked) < KEEP else None    # fewer than KEEP: every match

    def fast_ranked_any(self, compiled: CompiledQuery, limit: int) -> list[tuple[int, float]] | None:
        """The impact lists' ranking of an OR of the query's words (any version), or None."""
        if compiled.exact_parts or not is_fresh(self.conn):
            return None
        return rank_any(self.conn, compiled.words, limit)


__all__ = ["Index", "Fts5Index", "chunks", "CHUNK"]
