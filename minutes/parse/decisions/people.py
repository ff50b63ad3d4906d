"""The people of a meeting: one entry per person across the record, in base form, with every role
the record gives them. Inflected mentions are matched before they get here (``names.base_name``);
a surname printed alone joins the one person of that surname, and stays apart when two share it."""

from __future__ import annotations

import functools

import regex

from minutes.record import Person, Record

from .data import FLAGS, load_decision_data
from .names import find_names


@functools.lru_cache(maxsize=1)
def _meeting_roles() -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((role, regex.compile(rx, FLAGS)) for role, rx in load_decision_data().raw["people"]["meeting_roles"])


def meeting_role(printed: str) -> str | None:
    """A participant's role as printed ("2. varapuheenjohtaja", "Föredragande") as a role of the
    record's people ("vice_chair", "presenter"), or None for a printed title no rule names."""
    printed = " ".join(printed.split())
    return next((role for role, rx in _meeting_roles() if rx.search(printed)), None)


def printed_person(value: str | None) -> str | None:
    """The person's name of a presenter or preparer field ("Satu Kettunen, Kaupunginjohtaja",
    "Pasi Mäkinen, puh. 043 ..."); None when it names no person (a body, an e-mail address)."""
    if not value or "@" in value.split(",")[0]:
        return None
    for part in value.split(",")[:3]:       # "Satu Kettunen, Kaupunginjohtaja"; "va. toimialajohtaja, Silja Hyvärinen"
        part = part.strip()     # printed in base form: the name as printed
        names = [part[a:b] for a, b, _ in find_names(part) if len(part[a:b].split()) >= 2]
        if names:
            return names[-1]
    return None


def mentions(record: Record) -> list[tuple[str, str]]:
    """Every ``(name, role)`` the record gives, in record order."""
    out: list[tuple[str, str]] = []
    for p in record.meeting.participants:
        out.append((p.name, "participant"))
        role = meeting_role(p.role) if p.role else None
        if role:
            out.append((p.name, role))
    for item in record.items:
        name = printed_person(item.presenter)
        if name:
            out.append((name, "presenter"))
        for preparer in item.preparers:
            name = printed_person(preparer)
            if name:
                out.append((name, "preparer"))
        for decision in [item.decision] + [h.decision for h in item.history]:
            if decision is None:
                continue
            for m in decision.motions:
                if m.by:
                    out.append((m.by, "mover"))
                out += [(s, "seconder") for s in m.seconded_by]
            for v in decision.votes:
                out += [(b.name, "voter") for b in v.ballots]
            out += [(d.name, "disqualified") for d in decision.disqualifications]
            out += [(d.name, "dissenter") for d in decision.dissents]
    return out


def find_people(record: Record, extra: list[tuple[str, str]] = ()) -> tuple[Person, ...]:
    """One ``Person`` per person of the record (and of ``extra`` mentions), in order of first mention."""
    roles: dict[str, list[str]] = {}
    surnames: dict[str, set[str]] = {}
    pending: list[tuple[str, str]] = []
    for name, role in list(mentions(record)) + list(extra):
        name = " ".join(name.split())
        if not name:
            continue
        if len(name.split()) >= 2:
            roles.setdefault(name, [])
            if role not in roles[name]:
                roles[name].append(role)
            surnames.setdefault(name.split()[-1], set()).add(name)
        else:
            pending.append((name, role))
    for name, role in pending:
        owners = surnames.get(name, set())
        key = next(iter(owners)) if len(owners) == 1 else name
        roles.setdefault(key, [])
        if role not in roles[key]:
            roles[key].append(role)
    return tuple(Person(name, tuple(r)) for name, r in roles.items())
