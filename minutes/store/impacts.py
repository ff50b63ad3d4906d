"""Impact lists: the best-scoring items of every frequent index term, kept beside the FTS5 index
so that a query for common words ranks a short list instead of every match.

FTS5 ranks by computing bm25 for each row that matches, about a microsecond a row: a word found in
a third of a million items costs a third of a second. For every term found in at least ``DENSE``
items, ``impact_lists`` keeps the ``KEEP`` items with the best bm25 for that term alone (with the
column weights of ``fulltext``). bm25 of a query is the sum of its terms' bm25, so a query of
frequent words is ranked from these lists; each item's set of term hashes (``item_terms``)
answers whether an item holds the other words of the query. Queries with a rare word, phrases, or
lists older than the newest items go to FTS5 directly.

The lists are rebuilt by ``refresh`` (``minutes ingest`` runs it at the end of a batch) for the
terms whose document frequency changed or whose items changed.
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable

from minutes.language.analysis import iter_words

from .fulltext import COLUMNS, WEIGHTS
from .transaction import transaction

DENSE = 5000     # a term in at least this many items gets an impact list
KEEP = 2000      # items kept per list
DRIFT = 0.05     # a list is rebuilt when its term's document frequency moved this much


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def pack_terms(row: dict[str, str]) -> bytes:
    """The sorted, distinct hashes of every term of an item's index row."""
    hashes = sorted({term_hash(w) for column in COLUMNS for w in iter_words(row[column])})
    return array("I", hashes).tobytes()


def unpack_terms(blob: bytes) -> set[int]:
    values = array("I")
    values.frombytes(blob)
    return set(values)


def holds(blob: bytes, hashes: set[int]) -> bool:
    """Whether an item's packed term hashes (sorted) contain any of ``hashes``."""
    values = memoryview(blob).cast("I")
    for h in hashes:
        k = bisect_left(values, h)
        if k < len(values) and values[k] == h:
            return True
    return False


def _weights() -> str:
    return ", ".join(str(w) for w in WEIGHTS)


def _state(conn: sqlite3.Connection, key: str) -> int:
    row = conn.execute("SELECT value FROM search_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else 0


def _set_state(conn: sqlite3.Connection, key: str, value: int) -> None:
    conn.execute("INSERT INTO search_state(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def mark_removed(conn: sqlite3.Connection, item_pks: list[int]) -> None:
    """Items are about to be removed: the lists of their terms lose members and are rebuilt at the
    next refresh (until then queries of those terms go to FTS5)."""
    for start in range(0, len(item_pks), 500):
        chunk = item_pks[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for (blob,) in conn.execute(f"SELECT hashes FROM item_terms WHERE item_pk IN ({marks})", chunk):
            conn.executemany("INSERT OR IGNORE INTO impact_dirty(hash) VALUES (?)",
                             ((h,) for h in unpack_terms(blob)))


def is_fresh(conn: sqlite3.Connection) -> bool:
    """Whether the lists know every stored item and miss none that was removed."""
    newest = conn.execute("SELECT max(pk) FROM items").fetchone()[0] or 0
    stale = conn.execute("SELECT 1 FROM impact_dirty LIMIT 1").fetchone()
    return stale is None and _state(conn, "refreshed_item_pk") >= newest


def refresh(conn: sqlite3.Connection, dense: int = DENSE, keep: int = KEEP) -> int:
    """Rebuild the impact lists that changed, in one transaction; return how many were rebuilt."""
    if is_fresh(conn):
        return 0
    with transaction(conn):
        return rebuild(conn, dense, keep)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def rebuild(conn: sqlite3.Connection, dense: int = DENSE, keep: int = KEEP) -> int:
    """The work of ``refresh``, inside the caller's transaction: lists of terms that became
    frequent, whose frequency drifted or whose items were removed are rebuilt; lists of terms of
    newly stored items take in those items."""
    newest = conn.execute("SELECT max(pk) FROM items").fetchone()[0] or 0
    last = _state(conn, "refreshed_item_pk")
    removed = {h for (h,) in conn.execute("SELECT hash FROM impact_dirty")}
    added: set[int] = set()
    for (blob,) in conn.execute("SELECT hashes FROM item_terms WHERE item_pk > ?", (last,)):
        added |= unpack_terms(blob)
    frequent = dict(conn.execute("SELECT term, doc FROM item_vocab WHERE doc >= ?", (dense,)).fetchall())
    known = dict(conn.execute("SELECT term, df FROM impact_terms").fetchall())
    for term in set(known) - set(frequent):
        conn.execute("DELETE FROM impact_lists WHERE term = ?", (term,))
        conn.execute("DELETE FROM impact_terms WHERE term = ?", (term,))
    weights = _weights()
    changed = 0
    for term, df in frequent.items():
        old = known.get(term)
        h = term_hash(term)
        if old is None or abs(df - old) > DRIFT * old or h in removed:
            conn.execute("DELETE FROM impact_lists WHERE term = ?", (term,))
            conn.execute(f"INSERT INTO impact_lists(term, score, item_pk) SELECT ?, -bm25(item_search, {weights}), "
                         f"rowid FROM item_search WHERE item_search MATCH ? ORDER BY bm25(item_search, {weights}) "
                         "LIMIT ?", (term, _quoted(term), keep))
            conn.execute("INSERT INTO impact_terms(term, df) VALUES (?, ?) "
                         "ON CONFLICT(term) DO UPDATE SET df = excluded.df", (term, df))
        elif h in added:
            conn.execute(f"INSERT OR IGNORE INTO impact_lists(term, score, item_pk) SELECT ?, "
                         f"-bm25(item_search, {weights}), rowid FROM item_search WHERE item_search MATCH ? "
                         "AND rowid > ?", (term, _quoted(term), last))
            cut = conn.execute("SELECT score FROM impact_lists WHERE term = ? ORDER BY score DESC LIMIT 1 OFFSET ?",
                               (term, keep - 1)).fetchone()
            if cut:
                conn.execute("DELETE FROM impact_lists WHERE term = ? AND score < ?", (term, cut[0]))
        else:
            continue
        changed += 1
    conn.execute("DELETE FROM impact_dirty")
    _set_state(conn, "refreshed_item_pk", newest)
    return changed


def rank(conn: sqlite3.Connection, query_words: Iterable[tuple[str, ...]], limit: int,
         keep: int = KEEP, enough: int | None = None) -> list[tuple[int, float]] | None:
    """The best ``limit`` (item pk, score) for an AND of words, each an OR of index terms, from the
    impact lists; None when the lists cannot answer (a word with no frequent term, or fewer than
    ``enough`` (default ``limit``) items hold every word while the lists are cut short) and FTS5
    must rank."""
    query_words = list(query_words)
    frequent = {}
    for terms in query_words:
        placeholders = ", ".join("?" for _ in terms)
        frequent.update(conn.execute(f"SELECT term, df FROM impact_terms WHERE term IN ({placeholders})",
                                     terms).fetchall())
    scores: list[dict[int, float]] = []
    floors: list[float] = []
    sizes: list[int] = []
    for terms in query_words:
        dense = [t for t in terms if t in frequent]
        if not dense:
            return None          # a rare word: FTS5 ranks its few matches directly
        total: dict[int, float] = {}
        floor = 0.0
        for term in terms:
            if term in frequent:
                rows = conn.execute("SELECT item_pk, score FROM impact_lists WHERE term = ?", (term,)).fetchall()
                floor += min((s for _, s in rows), default=0.0)
            else:   # a rare alternative of a frequent word: all its matches
                rows = conn.execute(
                    f"SELECT rowid, -bm25(item_search, {_weights()}) FROM item_search WHERE item_search MATCH ?",
                    (_quoted(term),)).fetchall()
            for pk, score in rows:
                total[pk] = total.get(pk, 0.0) + score
        scores.append(total)
        floors.append(floor)
        sizes.append(sum(frequent.get(t, 0) for t in terms))
    lead = min(range(len(query_words)), key=lambda k: sizes[k])
    others = [k for k in range(len(query_words)) if k != lead]
    hashes = [{term_hash(t) for t in query_words[k]} for k in others]
    ranked: list[tuple[int, float]] = []
    candidates = scores[lead]
    if others:
        pks = list(candidates)
        for start in range(0, len(pks), 500):
            chunk = pks[start:start + 500]
            placeholders = ", ".join("?" for _ in chunk)
            for pk, blob in conn.execute(f"SELECT item_pk, hashes FROM item_terms WHERE item_pk IN ({placeholders})",
                                         chunk):
                if all(holds(blob, h) for h in hashes):
                    ranked.append((pk, candidates[pk] + sum(scores[k].get(pk, floors[k] / 2) for k in others)))
    else:
        ranked = list(candidates.items())
    ranked.sort(key=lambda r: -r[1])
    if len(ranked) < (enough or limit) and any(frequent.get(t, 0) > keep for t in query_words[lead]):
        return None              # the lead word's lists are cut short: FTS5 must look further
    return ranked[:limit]


def rank_any(conn: sqlite3.Connection, query_words: Iterable[tuple[str, ...]], limit: int) -> list[tuple[int, float]] | None:
    """The best ``limit`` (item pk, score) for an OR of words (each an OR of index terms): the
    sum of each word's bm25 where the item is among the best of that word's frequent terms (the
    impact lists), or holds a rare one (all its matches); None when no word has a frequent term,
    so that FTS5 ranks the few matches itself. An item outside a frequent term's list gets
    nothing for that word: the lists keep the best ``KEEP`` of it."""
    query_words = list(query_words)
    terms = sorted({t for word in query_words for t in word})
    marks = ", ".join("?" for _ in terms)
    frequent = {t for (t,) in conn.execute(f"SELECT term FROM impact_terms WHERE term IN ({marks})", terms)}
    if not frequent:
        return None
    total: dict[int, float] = {}
    for word in query_words:
        best: dict[int, float] = {}
        for term in word:
            if term in frequent:
                rows = conn.execute("SELECT item_pk, score FROM impact_lists WHERE term = ?", (term,)).fetchall()
            else:
                rows = conn.execute(f"SELECT rowid, -bm25(item_search, {_weights()}) FROM item_search "
                                    "WHERE item_search MATCH ?", (_quoted(term),)).fetchall()
            for pk, score in rows:
                best[pk] = best.get(pk, 0.0) + score
        for pk, score in best.items():
            total[pk] = total.get(pk, 0.0) + score
    ranked = sorted(total.items(), key=lambda r: (-r[1], r[0]))
    return ranked[:limit]
