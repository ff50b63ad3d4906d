"""Which meetings and items a search or an export covers, and the SQL that selects them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    return clauses, params
