"""PostgreSQL's search index: the words of an item's column groups as ``tsvector`` values under
no text-search configuration at all (the words are split and analysed here, as for SQLite's
FTS5 table, so that both engines index the same terms: PostgreSQL's ``finnish`` Snowball stemmer
mis-stems compounds), and the read query as ``tsquery``.

A row of ``item_search`` holds each group's printed text, and its words as lexemes with their
positions: a printed word as itself, an analysed term (lemma, compound part, stem) with ``~``
before it, so that a phrase matches printed words only. ``v_<group>`` holds one group's, for a
search within a section kind; ``v_all`` every group's, weighted (A title, B decision, C proposal,
D background and other; ``schema``), with a GIN index: a column the database computes from the
groups' (gaps in positions keep a phrase from running from one group into the next). Ranking is
``ts_rank`` of ``v_all`` with the groups' weights, normalised by the item's length, as FTS5's bm25
weighs the columns of ``fulltext``.
"""

from __future__ import annotations

from dataclasses import dataclass

from minutes.language.analysis import TOKEN, iter_words, query_terms

from ..fulltext import GROUPS, CompiledQuery, compile_query, exclusion_match
from ..index import chunks
from ..query import Part

TERM = "~"                   # before an analysed term's lexeme
NEVER = "'~'"                # a lexeme no row holds: a part with no words matches nothing
RANK_WEIGHTS = "'{0.15, 0.4, 0.6, 1.0}'"     # ts_rank's D, C, B, A: the surface weights of ``fulltext``
MAX_POSITION = 16383         # PostgreSQL's largest word position
MAX_POSITIONS = 256          # positions kept per lexeme (PostgreSQL keeps no more)
MAX_LEXEME_BYTES = 2046      # a longer word is not indexed (PostgreSQL refuses lexemes over 2 KiB)
MAX_VECTOR_BYTES = 1_000_000     # a tsvector holds at most 1 MiB: an item's lexemes beyond are left out
COLUMNS = ("title", "decision", "proposal", "background", "other",
           "v_title", "v_decision", "v_proposal", "v_background", "v_other")     # what a row is given


def _lexeme(text: str) -> str:
    if "'" in text or "\\" in text:
        text = text.replace("\\", "\\\\").replace("'", "''")
    return f"'{text}'"


class _Budget:
    """The bytes an item's vectors may still take: ``v_all`` joins them all, and a tsvector holds
    at most 1 MiB."""

    def __init__(self) -> None:
        self.left = MAX_VECTOR_BYTES


def _vector(text: str, terms: str, budget: _Budget) -> str:
    """The text form of a tsvector of a group: each printed word of ``text`` a lexeme at its
    position (from 2: position 1 and the gap after the last word keep a phrase from running
    into the next group's words when ``v_all`` joins them), each analysed term of ``terms`` a
    lexeme with ``~`` before it, at a position among the words' (terms never stand in a phrase:
    they take no positions of their own). A lexeme is written as many times as it stands;
    PostgreSQL merges them, keeps 256 positions a lexeme and makes every position past 16,383
    that one. Lexemes past the item's budget are left out."""
    out: list[str] = []
    kept: dict[str, int] = {}

    def add(lexeme: str, position: int) -> None:
        seen = kept.get(lexeme)
        if seen is None:
            size = len(lexeme.encode("utf-8"))
            if size > MAX_LEXEME_BYTES or size + 8 > budget.left:
                return
            budget.left -= size + 8
            seen = 0
        elif seen >= MAX_POSITIONS:
            return
        if budget.left < 2:
            return
        budget.left -= 2
        kept[lexeme] = seen + 1
        out.append(f"{_lexeme(lexeme)}:{position if position < MAX_POSITION else MAX_POSITION}")

    count = 0
    for count, word in enumerate(iter_words(text), start=1):
        add(word, count + 1)
    analysed = list(iter_words(terms))
    for k, term in enumerate(analysed):
        add(TERM + term, 2 + k * max(count, 1) // len(analysed))
    return " ".join(out)


def vectors(row: dict[str, str]) -> dict[str, str]:
    """The ``item_search`` values of an item's index row (``fulltext.index_row``): each group's
    text, and the text form of its tsvector (``v_all`` is computed from them by the database)."""
    out: dict[str, str] = {}
    budget = _Budget()
    for group in GROUPS:
        out[group] = row[group]
        out[f"v_{group}"] = _vector(row[group], row[f"{group}_terms"], budget)
    return out


def _words(text: str) -> list[str]:
    return [m.group().casefold() for m in TOKEN.finditer(text)]


def _phrase(words: list[str], prefix: str = "") -> str:
    if not words or any(len((prefix + w).encode("utf-8")) > MAX_LEXEME_BYTES for w in words):
        return NEVER                     # no word, or one longer than any the index holds
    return " <-> ".join(_lexeme(prefix + w) for w in words) if len(words) > 1 else _lexeme(prefix + words[0])


def any_term(terms) -> str:
    """A tsquery of any of a word's terms (lemmas, parts, its form), printed or analysed."""
    either = []
    for term in terms:
        words = _words(term)
        if words:
            either += ["(" + _phrase(words) + ")", "(" + _phrase(words, TERM) + ")"]
    return "(" + (" | ".join(either) or NEVER) + ")"


@dataclass(frozen=True)
class TsMatch:
    """A compiled query for ``item_search``: a tsquery every hit's words match (within one group's
    words when ``group`` is set), and a tsquery of excluded parts no hit's words match."""

    query: str
    group: str | None = None
    excluded: str | None = None


class TsSyntax:
    """How a read query is written as tsquery (see ``fulltext.compile_query``): a word is any of
    its terms, printed or analysed; a phrase or a token matches printed words in sequence."""

    def part(self, part: Part, group: str | None) -> str:
        if part.kind == "any":
            return "(" + " | ".join(self.part(p, None) for p in part.alternatives) + ")"
        if part.kind in ("phrase", "exact"):
            return "(" + _phrase(_words(part.text)) + ")"
        return any_term(query_terms(part.text))

    def all_of(self, expressions: list[str]) -> str:
        return "(" + " & ".join(expressions) + ")"

    def any_of(self, expressions: list[str]) -> str:
        return "(" + " | ".join(expressions) + ")"

    def match(self, core: str, excluded: list[str], group: str | None) -> TsMatch:
        return TsMatch(core, group, self.any_of(excluded) if excluded else None)


TS = TsSyntax()


def _where(match: TsMatch) -> tuple[str, list]:
    sql, params = "v_all @@ ?::tsquery", [match.query]
    if match.group is not None:
        sql += f" AND v_{match.group} @@ ?::tsquery"
        params.append(match.query)
    if match.excluded is not None:
        sql += " AND NOT (v_all @@ ?::tsquery)"
        params.append(match.excluded)
    return sql, params


class TsIndex:
    """The ``index.Index`` of a PostgreSQL store."""

    def __init__(self, conn) -> None:
        self.conn = conn

    def compile(self, query: str, kind: str | None = None) -> CompiledQuery:
        return compile_query(query, kind, TS)

    def exclusion(self, query: str) -> tuple[TsMatch | None, tuple[str, ...]]:
        return exclusion_match(query, TS)

    def matching(self, match: TsMatch) -> tuple[str, list]:
        where, params = _where(match)
        return f"SELECT item_pk AS pk FROM item_search WHERE {where}", params

    def scored(self, match: TsMatch) -> tuple[str, list]:
        where, params = _where(match)
        return (f"SELECT item_pk AS pk, ts_rank({RANK_WEIGHTS}, v_all, ?::tsquery, 1) AS score FROM item_search "
                f"WHERE {where}", [match.query, *params])

    def texts(self, pks: list[int]) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for chunk, marks in chunks(pks):
            for pk, *texts in self.conn.execute(f"SELECT item_pk, {', '.join(GROUPS)} FROM item_search "
                                                f"WHERE item_pk IN ({marks})", chunk):
                out[pk] = dict(zip(GROUPS, texts))
        return out

    def words_held(self, pks: list[int], compiled: CompiledQuery) -> dict[int, int]:
        """For each item, how many of the query's words it holds."""
        if not compiled.words:
            return {pk: 0 for pk in pks}
        queries = [any_term(terms) for terms in compiled.words]
        held = " + ".join("(v_all @@ ?::tsquery)::int" for _ in queries)
        out: dict[int, int] = {}
        for chunk, marks in chunks(pks):
            for pk, count in self.conn.execute(f"SELECT item_pk, {held} FROM item_search WHERE item_pk IN ({marks})",
                                               [*queries, *chunk]):
                out[pk] = count
        return out

    def explain(self, pks: list[int], match: TsMatch, compiled: CompiledQuery
                ) -> tuple[dict[int, dict[str, float]], dict[int, dict[str, list[str]]]]:
        """Per item, the score each column group alone would give (``ts_rank`` of its words), and
        the groups each required part of the query is found in."""
        marks = ", ".join("?" for _ in pks)
        ranks = ", ".join(f"ts_rank(v_{g}, ?::tsquery, 1)" for g in GROUPS)
        per_column: dict[int, dict[str, float]] = {pk: {} for pk in pks}
        for pk, *scores in self.conn.execute(f"SELECT item_pk, {ranks} FROM item_search WHERE item_pk IN ({marks})",
                                             [*(match.query for _ in GROUPS), *pks]):
            per_column[pk] = {g: round(s, 4) for g, s in zip(GROUPS, scores) if s}
        words: dict[int, dict[str, list[str]]] = {pk: {} for pk in pks}
        held = ", ".join(f"v_{g} @@ ?::tsquery" for g in GROUPS)
        for word, expression in compiled.part_matches:
            for pk, *found in self.conn.execute(f"SELECT item_pk, {held} FROM item_search "
                                                f"WHERE item_pk IN ({marks})", [*(expression for _ in GROUPS), *pks]):
                groups = [g for g, yes in zip(GROUPS, found) if yes]
                if groups:
                    words[pk][word] = groups
        return per_column, words

    def fast_ranked(self, compiled: CompiledQuery, clauses: list[str], params: list, limit: int,
                    enough: int | None = None) -> None:
        """No fast path: the GIN index answers every query."""
        return None

    def fast_ranked_any(self, compiled: CompiledQuery, limit: int) -> None:
        return None


__all__ = ["TsIndex", "TsMatch", "TS", "vectors", "COLUMNS"]
