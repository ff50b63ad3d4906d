"""Decisions and people as rows: what each item and each earlier handling decided (outcome,
resolution, evidence), its votes with their ballots, motions with their seconders,
disqualifications and dissents, and the people of each meeting with their roles, linked to the
items where they presented, prepared, moved, seconded, voted, were disqualified or dissented.

Filled from a record's decision keys and ``people`` when it is stored (``insert_decisions``) and
rebuilt from every stored record when a migration makes them stale (``refresh_decisions``). A
record written before decisions existed has none of those keys: it gets no rows.
"""

from __future__ import annotations

import json
import sqlite3

from minutes.language.names import name_key, name_words
from minutes.record import Decision, Record

from .dialect import insert

# the roles a person has in an item (``item_people.role``)
ITEM_ROLES = ("presenter", "preparer", "mover", "seconder", "voter", "disqualified", "dissenter")
TABLES = ("dissents", "disqualifications", "seconders", "motions", "ballots", "votes", "item_people",
          "decisions", "person_roles", "person_words", "people")


class _People:
    """The people of one stored meeting: rows made from the record's ``people``, found again by
    name. A name the record's people lack gets a row of its own; a surname printed alone joins
    the one person of that surname (two sharing it keep it apart, as the record does)."""

    def __init__(self, conn: sqlite3.Connection, meeting_pk: int, record: Record):
        self.conn, self.meeting_pk = conn, meeting_pk
        self.by_key: dict[str, int] = {}
        self.words: dict[int, tuple[str, ...]] = {}
        self.roles: dict[int, set[str]] = {}
        for person in record.people:
            pk = self._add(person.name)
            for role in person.roles:
                self.add_role(pk, role)

    def _add(self, name: str) -> int:
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        pk = insert(self.conn, "INSERT INTO people(meeting_pk, name, key) VALUES (?, ?, ?)",
                    (self.meeting_pk, " ".join(name.split()), key))
        words = name_words(name)
        self.conn.executemany("INSERT INTO person_words(person_pk, word) VALUES (?, ?)",
                              [(pk, w) for w in dict.fromkeys(words)])
        self.by_key[key], self.words[pk], self.roles[pk] = pk, words, set()
        return pk

    def add_role(self, pk: int, role: str) -> None:
        if role not in self.roles[pk]:
            self.roles[pk].add(role)
            self.conn.execute("INSERT INTO person_roles(person_pk, role) VALUES (?, ?)", (pk, role))

    def named(self, name: str | None, role: str) -> int | None:
        """The person a name in base form (a mover, a voter) stands for, given ``role``."""
        key = name_key(name or "")
        if not key:
            return None
        pk = self.by_key.get(key)
        if pk is None and " " not in key:
            owners = {p for k, p in self.by_key.items() if " " in k and k.rsplit(" ", 1)[1] == key}
            pk = owners.pop() if len(owners) == 1 else None
        if pk is None:
            pk = self._add(name)
        self.add_role(pk, role)
        return pk

    def printed_in(self, field: str | None) -> list[int]:
        """The people whose full name is printed in a presenter or preparer field ("Kaupunginjohtaja
        Heikki Lampinen", "Mikko Harju, kunnallisteknikko, ..."), each once; none for a body."""
        if not field:
            return []
        words = name_words(field)
        found: list[tuple[int, int, int]] = []
        for pk, name in self.words.items():
            n = len(name)
            for start in range(len(words) - n + 1):
                if words[start:start + n] == name:
                    found.append((start, start + n, pk))
        kept = [f for f in found if not any(o != f and o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0]
                                            for o in found)]
        return list(dict.fromkeys(pk for _, _, pk in kept))


def _insert_decision(conn: sqlite3.Connection, people: _People, item_pk: int, stage_pk: int | None,
                     decision: Decision) -> None:
    pk = insert(conn, "INSERT INTO decisions(item_pk, stage_pk, outcome, resolution, outcome_evidence) "
                "VALUES (?, ?, ?, ?, ?)",
                (item_pk, stage_pk, decision.outcome, decision.resolution, decision.outcome_evidence))
    roles: list[tuple[int, str]] = []
    for k, vote in enumerate(decision.votes):
        c = vote.counts
        vote_pk = insert(
            conn, "INSERT INTO votes(decision_pk, ordinal, yes, no, blank, absent, yes_means, no_means, result) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pk, k, c.yes, c.no, c.blank, c.absent, vote.yes_means, vote.no_means, vote.result))
        for ballot in vote.ballots:
            person = people.named(ballot.name, "voter")
            conn.execute("INSERT INTO ballots(vote_pk, person_pk, name, vote) VALUES (?, ?, ?, ?)",
                         (vote_pk, person, ballot.name, ballot.vote))
            roles.append((person, "voter"))
    for k, motion in enumerate(decision.motions):
        mover = people.named(motion.by, "mover")
        motion_pk = insert(
            conn, "INSERT INTO motions(decision_pk, ordinal, mover, person_pk, kind, text, result) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (pk, k, motion.by, mover, motion.kind, motion.text, motion.result))
        if mover is not None:
            roles.append((mover, "mover"))
        for name in motion.seconded_by:
            person = people.named(name, "seconder")
            conn.execute("INSERT INTO seconders(motion_pk, person_pk, name) VALUES (?, ?, ?)", (motion_pk, person, name))
            roles.append((person, "seconder"))
    for d in decision.disqualifications:
        person = people.named(d.name, "disqualified")
        conn.execute("INSERT INTO disqualifications(decision_pk, person_pk, name, reason) VALUES (?, ?, ?, ?)",
                     (pk, person, d.name, d.reason))
        roles.append((person, "disqualified"))
    for d in decision.dissents:
        person = people.named(d.name, "dissenter")
        conn.execute("INSERT INTO dissents(decision_pk, person_pk, name, text) VALUES (?, ?, ?, ?)",
                     (pk, person, d.name, d.text))
        roles.append((person, "dissenter"))
    conn.executemany("INSERT INTO item_people(item_pk, stage_pk, person_pk, role) VALUES (?, ?, ?, ?)",
                     [(item_pk, stage_pk, person, role) for person, role in dict.fromkeys(roles) if person])


def insert_decisions(conn: sqlite3.Connection, document_pk: int, record: Record) -> None:
    """The decision rows and people of a stored document (in the caller's transaction); none for
    a record without decisions or people (one stored before they existed)."""
    if not record.people and all(i.decision is None and all(h.decision is None for h in i.history)
                                 for i in record.items):
        return
    meeting_pk = conn.execute("SELECT pk FROM meetings WHERE document_pk = ?", (document_pk,)).fetchone()[0]
    people = _People(conn, meeting_pk, record)
    # the items' rows in record order (as stored, and as ``derived.refresh_ids`` keeps them)
    items = [pk for (pk,) in conn.execute("SELECT pk FROM items WHERE meeting_pk = ? ORDER BY pk", (meeting_pk,))]
    for item_pk, item in zip(items, record.items):
        shown: list[tuple[int, str]] = []
        for person in people.printed_in(item.presenter):
            shown.append((person, "presenter"))
        for preparer in item.preparers:
            shown += [(person, "preparer") for person in people.printed_in(preparer)]
        for person, role in dict.fromkeys(shown):
            people.add_role(person, role)
        conn.executemany("INSERT INTO item_people(item_pk, stage_pk, person_pk, role) VALUES (?, NULL, ?, ?)",
                         [(item_pk, person, role) for person, role in dict.fromkeys(shown)])
        if item.decision is not None:
            _insert_decision(conn, people, item_pk, None, item.decision)
        stages = [pk for (pk,) in conn.execute("SELECT pk FROM stages WHERE item_pk = ? ORDER BY ordinal", (item_pk,))]
        for stage_pk, stage in zip(stages, item.history):
            if stage.decision is not None:
                _insert_decision(conn, people, item_pk, stage_pk, stage.decision)


def refresh_decisions(conn: sqlite3.Connection) -> None:
    """Every decision row and person built again from the stored records with today's code."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    for (document_pk,) in conn.execute("SELECT pk FROM documents ORDER BY pk").fetchall():
        (raw,) = conn.execute("SELECT record FROM documents WHERE pk = ?", (document_pk,)).fetchone()
        if '"outcome"' not in raw and '"people"' not in raw:      # stored before decisions: no rows
            continue
        try:
            record = Record.from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError):               # not a record this version reads: no rows
            continue
        insert_decisions(conn, document_pk, record)
