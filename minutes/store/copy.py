"""A store copied into another (``minutes migrate``): every stored record, in the order it was
stored and with the time it was stored, then every strategy (tagged in the copy as it is added).
Everything else in a store is computed from these two, by the copy's own code. Only the
``Backend`` interface is used, so a copy goes from any backend to any other. Storing a record
is idempotent: an interrupted copy run again skips what it has copied."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from minutes.errors import StoreRefused

from .backend import Backend


@dataclass
class Copied:
    """What a copy did: the documents by status (inserted, updated, unchanged, failed: refused by
    the target, ``refused`` says why), the strategies by status, and the counts of both stores
    after it (``Backend.counts``)."""

    documents: Counter = field(default_factory=Counter)
    strategies: Counter = field(default_factory=Counter)
    source_counts: dict[str, int] = field(default_factory=dict)
    target_counts: dict[str, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)     # "path: why" of each document the target refused

    @property
    def complete(self) -> bool:
        """Whether the copy holds as much as the source."""
        return self.source_counts == self.target_counts


def copy_store(source: Backend, target: Backend, on_document: Callable[[str], None] | None = None) -> Copied:
    """Copy ``source`` into ``target`` (see the module); ``on_document`` hears each document's
    status as it is stored."""
    copied = Copied()
    for record, ingested_at in source.iter_stored():
        try:
            status = target.upsert(record, ingested_at=ingested_at)
        except StoreRefused as exc:        # a value the target cannot hold: the copy goes on
            status = "failed"
            copied.refused.append(str(exc))
        copied.documents[status] += 1
        if on_document:
            on_document(status)
    for strategy in source.strategies():
        copied.strategies[target.add_strategy(strategy)] += 1
    target.refresh_search()
    copied.source_counts, copied.target_counts = source.counts(), target.counts()
    return copied


__all__ = ["Copied", "copy_store"]
