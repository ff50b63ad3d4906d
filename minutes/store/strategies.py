"""Strategies in the store: added from the user's strategy file, listed, removed. A strategy is
kept whole as JSON beside one row per goal, under its id (the organisation's and the name's
slugs); adding it again replaces it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from minutes.record import Strategy

from .backend import INSERTED, UNCHANGED, UPDATED
from .transaction import transaction


def add_strategy(conn: sqlite3.Connection, strategy: Strategy) -> str:
    """Store ``strategy`` (replacing one of the same id), in one transaction. Returns "inserted",
    "updated" or "unchanged"."""
    definition = json.dumps(strategy.to_dict(), ensure_ascii=False, sort_keys=True)
    with transaction(conn):
        row = conn.execute("SELECT pk, definition FROM strategies WHERE id = ?", (strategy.id,)).fetchone()
        if row is not None and row[1] == definition:
            return UNCHANGED
        if row is not None:
            conn.execute("DELETE FROM strategies WHERE pk = ?", (row[0],))
        pk = conn.execute(
            "INSERT INTO strategies(id, organization, name, period_from, period_to, definition, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (strategy.id, strategy.organization, strategy.name, strategy.period_from, strategy.period_to, definition,
             dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))).lastrowid
        position = 0
        for goal in strategy.goals:
            for g, parent in [(goal, None)] + [(sub, goal.id) for sub in goal.subgoals]:
                conn.execute("INSERT INTO strategy_goals(strategy_pk, id, parent, title, position) "
                             "VALUES (?, ?, ?, ?, ?)", (pk, g.id, parent, g.title, position))
                position += 1
    return INSERTED if row is None else UPDATED


def list_strategies(conn: sqlite3.Connection) -> list[Strategy]:
    """Every stored strategy, by organisation and period."""
    return [Strategy.from_dict(json.loads(raw)) for (raw,) in conn.execute(
        "SELECT definition FROM strategies ORDER BY organization, period_from, name")]


def remove_strategy(conn: sqlite3.Connection, strategy_id: str) -> bool:
    """Remove the strategy of ``strategy_id`` with its goals; whether there was one."""
    with transaction(conn):
        return conn.execute("DELETE FROM strategies WHERE id = ?", (strategy_id,)).rowcount > 0


__all__ = ["add_strategy", "list_strategies", "remove_strategy"]
