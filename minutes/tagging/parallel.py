"""Tagging many items on every core: batches of items go to worker processes, each with its own
``Tagger`` of the strategy (its own word vectors and forms worked out), and their tags come back
in the order the batches went out. Used when a strategy is added to a store that already holds
many items; a few items are tagged in the calling process."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from minutes.record import GoalTag, Strategy

from .tagger import Tagger
from .text import ItemText

Batch = list[tuple[int, ItemText, str]]     # (item key, item, language)
IN_FLIGHT = 2                               # batches waiting per worker: memory stays bounded

_tagger: Tagger | None = None


def _start(definition: dict, use_meaning: bool) -> None:
    global _tagger
    _tagger = Tagger(Strategy.from_dict(definition), use_meaning)


def _tag(batch: Batch) -> list[tuple[int, tuple[GoalTag, ...]]]:
    assert _tagger is not None
    return [(key, _tagger.tag(item, language)) for key, item, language in batch]


def tag_batches(strategy: Strategy, batches: Iterable[Batch], jobs: int,
                use_meaning: bool = True) -> Iterator[list[tuple[int, tuple[GoalTag, ...]]]]:
    """The tags of each batch, in order, computed by ``jobs`` worker processes."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start,
                             initargs=(strategy.to_dict(), use_meaning)) as pool:
        waiting: deque = deque()
        for batch in batches:
            waiting.append(pool.submit(_tag, batch))
            if len(waiting) >= jobs * IN_FLIGHT:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


__all__ = ["tag_batches", "Batch"]
