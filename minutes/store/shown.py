"""What the store answers about one stored item or meeting: the version found, the other stored
versions, and (for ``minutes show``) its links, with the JSON the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes.record import Item, Record

from .versions import Version


@dataclass(frozen=True)
class Found:
    """What ``Store.find`` returns: a stored record, its item (None for a meeting id), the
    version shown and the other stored versions."""

    record: Record
    item: Item | None
    version: Version
    others: tuple[Version, ...]


@dataclass(frozen=True)
class Shown:
    """What ``Store.show`` returns: ``found`` and, for an item, its links as ``Store.item_links``
    gives them (``{"history": [...], "references": [...], "referenced_by": [...]}``; empty for a
    meeting)."""

    found: Found
    links: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON of ``minutes show --format json``. A meeting: its record (``minutes.record/1``)
        with ``version`` and ``other_versions``. An item: the item as in the record, each handling
        in ``history`` with ``resolved_to`` (the stored item id or null), ``references`` (each with
        ``resolved_to``), ``referenced_by`` (item ids), ``meeting`` (without participants),
        ``source``, ``document_type``, ``version`` and ``other_versions``."""
        found = self.found
        versions = {"version": found.version.to_dict(), "other_versions": [v.to_dict() for v in found.others]}
        record = found.record.to_dict()
        if found.item is None:
            return {**record, **versions}
        data = next(i for i in record["items"] if i["id"] == found.item.id)
        for stage, link in zip(data["history"], self.links["history"]):
            stage["resolved_to"] = link["resolved_to"]
        data["references"] = self.links["references"]
        data["referenced_by"] = self.links["referenced_by"]
        data["meeting"] = {k: v for k, v in record["meeting"].items() if k != "participants"}
        data["source"] = record["source"]
        data["document_type"] = found.record.document_type
        return {**data, **versions}
