"""Tagging the items of many meetings on every core. Worker processes each build the strategy's
``Tagger`` once and read what they tag themselves, through a read-only connection to the
database file (items, sections and the stored analysis of word forms, all committed before the
strategy is tagged); the tags come back to the caller, who stores them, in the order the meetings
were given. The caller supplies ``read``: a function of (connection, meeting) giving the meeting's
(item key, ``ItemText``) pairs, and ``stored``: one of a connection giving the stored analysis."""

from __future__ import annotations

import multiprocessing
import sqlite3
from urllib.parse import quote
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from minutes.record import GoalTag, Strategy

from .tagger import Tagger

Tagged = list[tuple[int, tuple[GoalTag, ...]]]
IN_FLIGHT = 3                               # batches waiting per worker

_state: dict = {}


def _start(definition: dict, use_meaning: bool | None, database: str, read: Callable, stored: Callable) -> None:
    conn = sqlite3.connect(f"file:{quote(database)}?mode=ro", uri=True)   # a path's '#' and '?' escaped
    _state.update(tagger=Tagger(Strategy.from_dict(definition), use_meaning), conn=conn, read=read,
                  stored=stored(conn))


def _tag(meetings: list[tuple[int, str]]) -> Tagged:
    tagger, conn, read, stored = _state["tagger"], _state["conn"], _state["read"], _state["stored"]
    return [(key, tagger.tag(item, language, stored))
            for meeting, language in meetings for key, item in read(conn, meeting)]


def tag_meetings(strategy: Strategy, database: str, meetings: Iterable[list[tuple[int, str]]], jobs: int,
                 read: Callable, stored: Callable, use_meaning: bool | None = None) -> Iterator[Tagged]:
    """The tags of each batch of (meeting, language), in order, computed by ``jobs`` processes."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start,
                             initargs=(strategy.to_dict(), use_meaning, database, read, stored)) as pool:
        waiting: deque = deque()
        for batch in meetings:
            waiting.append(pool.submit(_tag, batch))
            if len(waiting) >= jobs * IN_FLIGHT:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


__all__ = ["tag_meetings"]
