"""Export stored records for analysis tools: JSON Lines (one meeting record per line, the
``minutes.record/1`` contract) or CSV (one row per item).

Every stored version is exported (an agenda and the minutes of a meeting are two records) and
marked: a JSON record has ``meeting_id`` and ``decided`` (true for the version ``minutes show
MEETING_ID`` shows), a CSV row has ``document_type`` and ``decided`` (true for the version of the
item that ``minutes show ITEM_ID`` and ``minutes search`` use) and what the item's own decision
was: ``outcome``, ``resolution``, ``votes`` and ``motions`` (how many), ``motions_adopted``,
``disqualified`` and ``dissenting`` (names, "; " between them); empty for an item of a record
stored before decisions were read."""

from __future__ import annotations

import csv
from typing import TextIO

from minutes.record import Decision, json_text

from .backend import Backend
from .filters import Filters

CSV_COLUMNS = ("item_id", "organization", "body", "date", "number", "title", "case_id", "presenter",
               "proposal", "decision", "document_type", "language", "source_path", "decided",
               "outcome", "resolution", "votes", "motions", "motions_adopted", "disqualified", "dissenting")


def _decision_cells(decision: Decision | None) -> list:
    """The decision's cells of a CSV row (``CSV_COLUMNS`` from ``outcome``); empty when not analysed."""
    if decision is None:
        return [""] * 7
    return [decision.outcome, decision.resolution, len(decision.votes), len(decision.motions),
            sum(m.result == "adopted" for m in decision.motions), "; ".join(d.name for d in decision.disqualifications),
            "; ".join(d.name for d in decision.dissents)]


def export_jsonl(store: Backend, out: TextIO, filters: Filters = Filters()) -> int:
    """Write one record per line; return how many."""
    n = 0
    for record, meeting_id, decided, _ in store.iter_versions(filters):
        data = {**record.to_dict(), "meeting_id": meeting_id, "decided": decided}
        out.write(json_text(data) + "\n")
        n += 1
    return n


def export_csv(store: Backend, out: TextIO, filters: Filters = Filters()) -> int:
    """Write a header and one row per item; return how many rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for record, _, _, decided_items in store.iter_versions(filters):
        m = record.meeting
        for item in record.items:
            text = {kind: "\n\n".join(s.text for s in item.sections if s.kind == kind) for kind in ("proposal", "decision")}
            writer.writerow([item.id, m.organization, m.body, m.date.isoformat() if m.date else "", item.number,
                             item.title, item.case_id, item.presenter, text["proposal"], text["decision"],
                             record.document_type, record.language, record.source.path,
                             "true" if item.id in decided_items else "false", *_decision_cells(item.decision)])
            n += 1
    return n
