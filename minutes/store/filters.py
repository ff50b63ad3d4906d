"""Which meetings and items a search or an export covers, and the SQL that selects them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

# what a person may be in an item (``item_people.role``), and "participant": present at its meeting
MAX_NAME_WORDS = 12   # a typed name of more words names nobody (and stays within SQLite's 500 terms)
PERSON_ROLES = ("presenter", "preparer", "mover", "seconder", "voter", "disqualified", "dissenter", "participant")

# section kinds that are columns of the search index: a search narrows to them by column, not by SQL
INDEXED_KINDS = ("decision", "proposal", "background", "title", "other")


@dataclass(frozen=True)
class Filters:
    """Which meetings and items a search or an export covers."""

    body: str | None = None
    org: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    document_type: str | None = None   # search: only versions of this type (default: the decided ones)
    outcome: str | None = None         # only items whose own decision has this outcome (record.OUTCOMES)
    voted: bool = False                # only items whose own decision went to a vote
    person: str | None = None          # only items where this person (as typed, any case form) has a role
    role: str | None = None            # ... this role (PERSON_ROLES; "participant": present at the meeting)
    goal: str | None = None            # only items that advance this strategy goal (its id, or "strategy id/goal id")

    def of_meetings(self) -> Filters:
        """These filters without those on items (section kind, outcome, vote, person, goal): what
        selects whole meetings."""
        return replace(self, kind=None, outcome=None, voted=False, person=None, role=None, goal=None)


def like_escape(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\': "%" and "_" are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_sql(filters: Filters) -> tuple[list[str], list]:
    """SQL conditions on meetings ``m`` (and items ``i`` for a section kind) and their parameters:
    ``(clauses, params)``, the clauses to be joined with AND (none for no filter)."""
    clauses, params = [], []
    if filters.body:
        clauses.append("lower(m.body) LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(filters.body.casefold())}%")
    if filters.org:
        clauses.append("(lower(m.organization) LIKE ? ESCAPE '\\' OR m.id LIKE ? ESCAPE '\\')")
        org = like_escape(filters.org.casefold())
        params += [f"%{org}%", f"{org}/%"]
    if filters.date_from:
        clauses.append("m.date >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        clauses.append("m.date <= ?")
        params.append(filters.date_to.isoformat())
    if filters.kind and filters.kind not in INDEXED_KINDS:
        clauses.append("EXISTS (SELECT 1 FROM sections s WHERE s.item_pk = i.pk AND s.kind = ?)")
        params.append(filters.kind)
    if filters.outcome:
        clauses.append("EXISTS (SELECT 1 FROM decisions dc WHERE dc.item_pk = i.pk AND dc.stage_pk IS NULL "
                       "AND dc.outcome = ?)")
        params.append(filters.outcome)
    if filters.voted:
        clauses.append("EXISTS (SELECT 1 FROM decisions dc JOIN votes v ON v.decision_pk = dc.pk "
                       "WHERE dc.item_pk = i.pk AND dc.stage_pk IS NULL)")
    if filters.goal:
        sql, goal_params = goal_sql(filters.goal)
        clauses.append(sql)
        params += goal_params
    if filters.person is not None:
        people, people_params = person_sql(filters.person)
        if filters.role == "participant":
            clauses.append("EXISTS (SELECT 1 FROM people p JOIN person_roles r ON r.person_pk = p.pk "
                           f"WHERE p.meeting_pk = i.meeting_pk AND r.role = 'participant' AND p.pk IN ({people}))")
            params += people_params
        else:
            role = " AND ip.role = ?" if filters.role else ""
            clauses.append(f"EXISTS (SELECT 1 FROM item_people ip WHERE ip.item_pk = i.pk{role} "
                           f"AND ip.person_pk IN ({people}))")
            params += ([filters.role] if filters.role else []) + people_params
    return clauses, params


def listed_kind_sql(filters: Filters) -> tuple[list[str], list]:
    """The condition on items ``i`` of a section kind that is a column of the search index, when
    items are listed by the filters alone (no words to match in that column): the item has a
    section of that kind (every item has a title)."""
    if filters.kind in INDEXED_KINDS and filters.kind != "title":
        return ["EXISTS (SELECT 1 FROM sections s WHERE s.item_pk = i.pk AND s.kind = ?)"], [filters.kind]
    return [], []


def goal_sql(goal: str) -> tuple[str, list]:
    """A condition on items ``i``: the item's decided version advances ``goal`` (a goal's id, or
    "strategy-id/goal-id"), itself or through one of its sub-goals."""
    strategy, _, goal_id = goal.rpartition("/") if goal.count("/") >= 2 else ("", "", goal)
    sql = "EXISTS (SELECT 1 FROM strategy_tags t WHERE t.item_pk = i.pk AND t.advances = 1 AND (t.goal = ? OR t.parent = ?)"
    params: list = [goal_id, goal_id]
    if strategy:
        sql += " AND t.strategy_pk IN (SELECT pk FROM strategies WHERE id = ?)"
        params.append(strategy)
    return sql + ")", params


def person_sql(name: str) -> tuple[str, list]:
    """A query selecting the ``people.pk`` of every stored person a typed name may stand for: each
    word of it, as typed or in a base form it may have (``language.names.query_forms``), is a
    word of the person's name. "Virtaselle" selects Sanna Virtanen; "Pekka Hella" selects Pekka
    Hella and not Juha Hella. A name of no letters, or of more than ``MAX_NAME_WORDS`` words,
    selects nobody. Returns ``(sql, params)``."""
    from minutes.language.names import query_forms    # Voikko: loaded when a name is asked for, not at start

    forms = query_forms(name)
    if not forms or len(forms) > MAX_NAME_WORDS:    # no stored name has that many words
        return "SELECT CAST(NULL AS INTEGER) WHERE 1 = 0", []
    parts, params = [], []
    for candidates in forms:
        parts.append(f"SELECT person_pk FROM person_words WHERE word IN ({', '.join('?' for _ in candidates)})")
        params += list(candidates)
    return " INTERSECT ".join(parts), params
