"""A parsed document's items tagged where the document was parsed. The batch's worker processes
tag each record with the strategies stored when the batch began, in parallel with the parsing;
the storing process keeps those tags for every strategy still stored as it was and tags the
items itself for any other (``store.strategies.tag_document``). A strategy is known by its
definition: its ``to_dict`` as canonical JSON, the text the store keeps."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from minutes.record import GoalTag, Record, Strategy

from .tagger import Tagger
from .text import item_text


def definition_of(strategy: Strategy) -> str:
    """The canonical JSON of a strategy: what the store keeps and what tags are computed for."""
    return json.dumps(strategy.to_dict(), ensure_ascii=False, sort_keys=True)


@functools.lru_cache(maxsize=16)
def tagger_of(definition: str, use_meaning: bool | None = None) -> Tagger:
    """The tagger of a strategy's definition (its goals' profiles and the forms it met are kept
    for the life of the process)."""
    return Tagger(Strategy.from_dict(json.loads(definition)), use_meaning)


@dataclass(frozen=True)
class RecordTags:
    """The tags of a record's items (by item id) for each strategy definition it was tagged with;
    a strategy the record's meeting falls outside of has no items."""

    by_definition: Mapping[str, Mapping[str, tuple[GoalTag, ...]]] = field(default_factory=dict)

    def of(self, definition: str) -> Mapping[str, tuple[GoalTag, ...]] | None:
        """The item tags for ``definition``, or None when the record was not tagged with it."""
        return self.by_definition.get(definition)


def tag_items(tagger: Tagger, record: Record) -> dict[str, tuple[GoalTag, ...]]:
    """The tags of every item of ``record`` with one strategy's tagger ({} when the meeting falls
    outside the strategy's organisation or period); an agenda's items are proposals."""
    if not tagger.applies(record.meeting.organization, record.meeting.date):
        return {}
    agenda = record.document_type == "agenda"
    return {item.id: tagger.tag(item_text(item, agenda), record.language) for item in record.items}


def tag_record(record: Record, definitions: Iterable[str]) -> RecordTags:
    """The tags of ``record``'s items with each strategy of ``definitions``."""
    return RecordTags({definition: tag_items(tagger_of(definition), record) for definition in definitions})


__all__ = ["RecordTags", "definition_of", "tagger_of", "tag_items", "tag_record"]
