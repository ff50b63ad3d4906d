"""Links between stored items: decision references and earlier handlings resolved to the items of
the same organisation that they name, and the chain of a matter across bodies.

A reference or a handling resolves by body (a handling by its full name, ``body_name``, where its
body is printed as an abbreviation), date and number; when the date is missing, by body and
number within the year. Resolution runs for a new document's own references and for every stored
reference that may name one of its items, so ingest order does not matter.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from minutes.language.bodies import body_key
from minutes.record import Record, is_identified

from .versions import DECIDED_FIRST

_TARGET = ("SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk JOIN documents d ON d.pk = m.document_pk "
           "WHERE m.organization = ? AND m.body_key = ? AND i.number = ? AND {when} "
           f"ORDER BY {DECIDED_FIRST} LIMIT 1")


def insert_references(conn: sqlite3.Connection, document_pk: int, record: Record) -> None:
    """The references of the stored document's own sections, one ``refs`` row each (unresolved)."""
    year = record.meeting.date.year if record.meeting.date else None
    items = {row[0]: row[1] for row in conn.execute(
        "SELECT i.id, i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk WHERE m.document_pk = ?",
        (document_pk,))}
    for item in record.items:
        item_pk = items[item.id]
        sections = [pk for (pk,) in conn.execute(
            "SELECT pk FROM sections WHERE item_pk = ? AND stage_pk IS NULL ORDER BY ordinal", (item_pk,))]
        for section_pk, section in zip(sections, item.sections):
            conn.executemany(
                "INSERT INTO refs(item_pk, section_pk, kind, text, body, body_key, date, year, number, law, section, "
                "subsection, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(item_pk, section_pk, r.kind, r.text, r.body,
                  body_key(r.body) if r.kind == "decision" else None, r.date.isoformat() if r.date else None,
                  r.date.year if r.date else year, r.number, r.law, r.section, r.subsection, r.case_id)
                 for r in section.references])


def find_target(conn: sqlite3.Connection, organization: str | None, key: str | None, day: str | None,
                number: int | None, year: int | None = None) -> int | None:
    """The stored item a reference names: by body, date and number, else by body and number
    within the year. Only items of identified meetings (organisation, body and date known) are
    named, and only by references from a known organisation."""
    if organization is None or key is None or number is None:
        return None
    if day:
        row = conn.execute(_TARGET.format(when="m.date = ?"), (organization, key, number, day)).fetchone()
    elif year:
        row = conn.execute(_TARGET.format(when="m.date LIKE ?"), (organization, key, number, f"{year}-%")).fetchone()
    else:
        return None
    return row[0] if row else None


def resolve_document(conn: sqlite3.Connection, document_pk: int) -> None:
    """Resolve the document's references and handlings, and stored ones that name its items."""
    own = ("SELECT {table}.pk, m.organization, {table}.body_key, {table}.date, {table}.number, "
           "CAST(substr(m.date, 1, 4) AS INTEGER) FROM {table} "
           "JOIN items i ON i.pk = {table}.item_pk JOIN meetings m ON m.pk = i.meeting_pk "
           "WHERE m.document_pk = ?")
    for table in ("refs", "stages"):
        rows = conn.execute(own.format(table=table), (document_pk,)).fetchall()
        for pk, org, key, day, number, year in rows:
            target = find_target(conn, org, key, day, number, year)
            conn.execute(f"UPDATE {table} SET resolved_item_pk = ? WHERE pk = ?", (target, pk))
    # stored references and handlings that name this document's items
    items = conn.execute(
        "SELECT i.pk, m.organization, m.body_key, m.date, i.number FROM items i JOIN meetings m "
        "ON m.pk = i.meeting_pk WHERE m.document_pk = ?", (document_pk,)).fetchall()
    for pk, org, key, day, number in items:
        if org is None or key is None or number is None or day is None:
            continue
        for table in ("refs", "stages"):
            conn.execute(
                f"UPDATE {table} SET resolved_item_pk = ? WHERE pk IN (SELECT t.pk FROM {table} t "
                f"JOIN items i ON i.pk = t.item_pk JOIN meetings m ON m.pk = i.meeting_pk "
                f"WHERE t.body_key = ? AND t.number = ? AND t.resolved_item_pk IS NULL "
                f"AND (t.date = ? OR (t.date IS NULL AND t.year = ?)) AND m.organization = ?)",
                (pk, key, number, day, int(day[:4]), org))


@dataclass(frozen=True)
class Step:
    """One handling of a matter: an item stored in the database, or one only named."""

    date: str | None
    body: str | None
    number: int | None
    item_id: str | None       # None: named by a reference or a handling, not stored
    title: str | None
    via: str                  # how the step joined the chain: start, case, history, reference, referenced_by


def _step_key(item_id: str | None, day: str | None, body: str | None, number: int | None) -> tuple:
    """What makes two steps one handling: the body, date and number, or the id of an item whose
    meeting is not identified (it names no handling another document could mention)."""
    if item_id is not None and not is_identified(item_id):
        return ("id", item_id)
    return (day, body_key(body), number)


def chain(conn: sqlite3.Connection, item_pk: int) -> list[Step]:
    """The path of an item's matter across bodies, in date order; each item once, whichever of
    its versions (agenda, minutes) the links run through."""
    steps: dict[tuple, Step] = {}

    def add_item(pk: int, via: str) -> None:
        row = conn.execute("SELECT i.id, i.title, i.number, m.body, m.date FROM items i JOIN meetings m "
                           "ON m.pk = i.meeting_pk WHERE i.pk = ?", (pk,)).fetchone()
        key = _step_key(row[0], row[4], row[3], row[2])
        if key not in steps or steps[key].item_id is None:
            steps[key] = Step(row[4], row[3], row[2], row[0], row[1], via)

    add_item(item_pk, "start")
    org, case_id = conn.execute("SELECT m.organization, i.case_id FROM items i JOIN meetings m "
                                "ON m.pk = i.meeting_pk WHERE i.pk = ?", (item_pk,)).fetchone()
    related = {item_pk}
    if case_id and org:
        for (pk,) in conn.execute("SELECT i.pk FROM items i JOIN meetings m ON m.pk = i.meeting_pk "
                                  "WHERE i.case_id = ? AND m.organization = ?", (case_id, org)):
            related.add(pk)
            add_item(pk, "case")
    related |= versions_of(conn, related)
    for pk in sorted(related):
        for body, day, number, target in conn.execute(
                "SELECT coalesce(body_name, body), date, number, resolved_item_pk FROM stages WHERE item_pk = ?",
                (pk,)):
            if target:
                add_item(target, "history")
            else:
                steps.setdefault(_step_key(None, day, body, number), Step(day, body, number, None, None, "history"))
        for (source,) in conn.execute("SELECT item_pk FROM stages WHERE resolved_item_pk = ?", (pk,)):
            add_item(source, "referenced_by")
    return sorted(steps.values(), key=lambda s: (s.date or "9999", s.number or 0))


def versions_of(conn: sqlite3.Connection, item_pks: set[int]) -> set[int]:
    """The stored rows of the same items: every version (agenda, minutes) of each."""
    marks = ", ".join("?" for _ in item_pks)
    return {pk for (pk,) in conn.execute(
        f"SELECT pk FROM items WHERE id IN (SELECT id FROM items WHERE pk IN ({marks}))", list(item_pks))}
