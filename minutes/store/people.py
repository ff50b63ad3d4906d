"""What the store knows of a person across meetings (``minutes person NAME``): the meetings they
attended or were named at, the items they presented or prepared, their motions and seconds, the
votes they cast in a roll call, their disqualifications and dissents. Only the decided version
of each item counts (minutes before agendas), as in search.

People are matched by the words of their names (``filters.person_sql``); the people found are
grouped by the words of their name in any order ("Holm Anna" in a Swedish participant list and
"Anna Holm" as preparer are one), so that two people sharing a surname stay apart.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from minutes.language.names import name_words

from .dialect import json_array, listed
from .filters import Filters, filter_sql, person_sql

# an item as a person's activity names it; the earlier handling's body and date where it was there
_ITEM = ("i.id, m.date, m.body, i.number, i.title, st.body, st.body_name, st.date")
_JOINS = ("JOIN decisions dc ON dc.pk = {0}.decision_pk JOIN items i ON i.pk = dc.item_pk "
          "JOIN meetings m ON m.pk = i.meeting_pk LEFT JOIN stages st ON st.pk = dc.stage_pk")


@dataclass
class PersonActivity:
    """One person (or several stored under the same name) and what they did. Each list holds
    dicts; every item entry has ``item_id``, ``date``, ``body``, ``number``, ``title`` and
    ``handling`` (``{"body", "date"}`` of the earlier handling printed in the item where it
    happened there, else null)."""

    name: str
    roles: list[str] = field(default_factory=list)        # every role any record gives them
    meetings: list[dict] = field(default_factory=list)     # {"meeting_id", "organization", "body", "date", "roles"}
    presented: list[dict] = field(default_factory=list)
    prepared: list[dict] = field(default_factory=list)
    motions: list[dict] = field(default_factory=list)      # + "kind", "text", "result", "seconded_by"
    seconded: list[dict] = field(default_factory=list)     # + "by", "kind", "text", "result"
    votes: list[dict] = field(default_factory=list)        # + "vote", "yes_means", "no_means", "result"
    disqualifications: list[dict] = field(default_factory=list)   # + "reason"
    dissents: list[dict] = field(default_factory=list)     # + "text"

    def to_dict(self) -> dict:
        """``{"name", "roles", "meetings", "presented", "prepared", "motions", "seconded", "votes",
        "disqualifications", "dissents"}``, as ``minutes person --format json`` prints each person."""
        return {"name": self.name, "roles": self.roles, "meetings": self.meetings, "presented": self.presented,
                "prepared": self.prepared, "motions": self.motions, "seconded": self.seconded,
                "votes": self.votes, "disqualifications": self.disqualifications, "dissents": self.dissents}


def _item(row) -> dict:
    item_id, day, body, number, title, stage_body, stage_name, stage_date = row
    handling = {"body": stage_name or stage_body, "date": stage_date} if stage_body is not None else None
    return {"item_id": item_id, "date": day, "body": body, "number": number, "title": title, "handling": handling}


def find_person(conn: sqlite3.Connection, name: str, filters: Filters = Filters()) -> list[PersonActivity]:
    """Every stored person the typed ``name`` may stand for, one ``PersonActivity`` per name (its
    words in any order), most active first; meetings selected by ``filters`` (body, organisation,
    dates) only. Empty when nobody matches."""
    people, params = person_sql(name)
    clauses, filter_params = filter_sql(filters.of_meetings())
    where = "".join(f" AND {c}" for c in clauses)
    rows = conn.execute(
        f"SELECT p.pk, p.name, m.id, m.organization, m.body, m.date FROM people p "
        f"JOIN meetings m ON m.pk = p.meeting_pk "
        f"WHERE p.pk IN ({people}){where} ORDER BY m.date NULLS FIRST, m.id", [*params, *filter_params]).fetchall()
    if not rows:
        return []
    group_of: dict[int, str] = {}
    names: dict[str, Counter] = {}
    for pk, person, *_ in rows:
        group = " ".join(sorted(name_words(person)))
        group_of[pk] = group
        names.setdefault(group, Counter())[person] += 1
    found = {g: PersonActivity(c.most_common(1)[0][0]) for g, c in names.items()}
    pks = json.dumps(sorted(group_of))
    roles: dict[int, list[str]] = {}
    for pk, role in conn.execute("SELECT person_pk, role FROM person_roles WHERE person_pk IN "
                                 f"{listed(conn, integers=True)} ORDER BY rowid", (pks,)):
        roles.setdefault(pk, []).append(role)
    meetings: dict[tuple[str, str], dict] = {}
    for pk, _, meeting, org, body, day in rows:
        group = group_of[pk]
        entry = meetings.get((group, meeting))
        if entry is None:
            entry = meetings[(group, meeting)] = {"meeting_id": meeting, "organization": org, "body": body,
                                                  "date": day, "roles": []}
            found[group].meetings.append(entry)
        for role in roles.get(pk, []):
            if role not in entry["roles"]:
                entry["roles"].append(role)
            if role not in found[group].roles:
                found[group].roles.append(role)
    decided = " AND i.decided = 1 ORDER BY m.date NULLS FIRST, i.number NULLS FIRST, i.id"
    inside = "IN " + listed(conn, integers=True)
    for pk, role, *item in conn.execute(
            f"SELECT ip.person_pk, ip.role, {_ITEM} FROM item_people ip JOIN items i ON i.pk = ip.item_pk "
            "JOIN meetings m ON m.pk = i.meeting_pk LEFT JOIN stages st ON st.pk = ip.stage_pk "
            f"WHERE ip.role IN ('presenter', 'preparer') AND ip.person_pk {inside}{decided}", (pks,)):
        target = found[group_of[pk]].presented if role == "presenter" else found[group_of[pk]].prepared
        target.append(_item(item))
    for pk, kind, text, result, seconders, *item in conn.execute(
            f"SELECT mo.person_pk, mo.kind, mo.text, mo.result, (SELECT {json_array(conn, 'name', 's.rowid')} FROM seconders s "
            f"WHERE s.motion_pk = mo.pk), {_ITEM} FROM motions mo {_JOINS.format('mo')} "
            f"WHERE mo.person_pk {inside}{decided}", (pks,)):
        found[group_of[pk]].motions.append({**_item(item), "kind": kind, "text": text, "result": result,
                                            "seconded_by": json.loads(seconders)})
    for pk, by, kind, text, result, *item in conn.execute(
            f"SELECT s.person_pk, mo.mover, mo.kind, mo.text, mo.result, {_ITEM} FROM seconders s "
            f"JOIN motions mo ON mo.pk = s.motion_pk {_JOINS.format('mo')} WHERE s.person_pk {inside}{decided}",
            (pks,)):
        found[group_of[pk]].seconded.append({**_item(item), "by": by, "kind": kind, "text": text, "result": result})
    for pk, vote, yes_means, no_means, result, *item in conn.execute(
            f"SELECT b.person_pk, b.vote, v.yes_means, v.no_means, v.result, {_ITEM} FROM ballots b "
            f"JOIN votes v ON v.pk = b.vote_pk {_JOINS.format('v')} WHERE b.person_pk {inside}{decided}", (pks,)):
        found[group_of[pk]].votes.append({**_item(item), "vote": vote, "yes_means": yes_means,
                                          "no_means": no_means, "result": result})
    for pk, reason, *item in conn.execute(
            f"SELECT q.person_pk, q.reason, {_ITEM} FROM disqualifications q {_JOINS.format('q')} "
            f"WHERE q.person_pk {inside}{decided}", (pks,)):
        found[group_of[pk]].disqualifications.append({**_item(item), "reason": reason})
    for pk, text, *item in conn.execute(
            f"SELECT r.person_pk, r.text, {_ITEM} FROM dissents r {_JOINS.format('r')} "
            f"WHERE r.person_pk {inside}{decided}", (pks,)):
        found[group_of[pk]].dissents.append({**_item(item), "text": text})

    def activity(p: PersonActivity) -> tuple:
        return (-(len(p.meetings) + len(p.presented) + len(p.prepared) + len(p.motions) + len(p.seconded)
                  + len(p.votes) + len(p.disqualifications) + len(p.dissents)), p.name)

    return sorted(found.values(), key=activity)

