"""A strategy file (YAML, the contract the README documents) read into a ``Strategy``: every
field checked, and every problem named by its line and field ("lapua.yaml: line 12: goals[2].id:
'Hyvinvointi' is not a slug"), never a traceback.

    organization: Lapuan kaupunki
    name: Onnen resepti
    period: {from: 2023, to: null}
    approved: {body: Kaupunginvaltuusto, date: 2023-06-12, number: 30}     # optional
    meaning: true                         # optional (default false): word vectors add to the words
    goals:
      - id: hyvinvointi
        title: Hyvinvoinnin lisääminen
        description: ...                  # optional
        keywords: [hyvinvointi, liikunta]  # optional
        subgoals: [{id, title, description, keywords}]   # optional, one level
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import regex

from minutes.errors import StrategyFileError
from minutes.record import Approval, Goal, Strategy

_SLUG = regex.compile(r"[a-z0-9][a-z0-9_-]*")
_TOP = {"organization", "name", "period", "approved", "meaning", "goals"}
_GOAL = {"id", "title", "description", "keywords", "subgoals"}
_TAG = "tag:yaml.org,2002:"


class _Problem(Exception):
    def __init__(self, node, field: str, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1 if node is not None else None
        self.field, self.message = field, message


def read_strategy(path: str | Path) -> Strategy:
    """The strategy of a YAML file. Raises ``StrategyFileError`` naming the file, the line and the
    field of the first problem.

    Returns the ``Strategy``."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StrategyFileError(str(path), f"cannot be read: {exc}") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise StrategyFileError(str(path), f"{where}not YAML: {getattr(exc, 'problem', None) or exc}") from None
    try:
        return _strategy(root)
    except _Problem as problem:
        where = f"line {problem.line}: " if problem.line else ""
        raise StrategyFileError(str(path), f"{where}{problem.field}: {problem.message}") from None


def _mapping(node, field: str, allowed: set[str]) -> dict:
    if node is None or node.tag != _TAG + "map":
        raise _Problem(node, field, "must be a mapping of keys to values")
    out = {}
    for key, value in node.value:
        name = key.value if key.tag == _TAG + "str" else None
        if name not in allowed:
            raise _Problem(key, f"{field}.{key.value}" if field else str(key.value),
                           f"unknown key (one of {', '.join(sorted(allowed))})")
        if name in out:
            raise _Problem(key, f"{field}.{name}" if field else name, "given twice")
        out[name] = value
    return out


def _text(node, field: str, required: bool = True) -> str | None:
    if node is None or node.tag == _TAG + "null":
        if required:
            raise _Problem(node, field, "is required")
        return None
    if node.tag not in (_TAG + "str", _TAG + "int", _TAG + "float") or not str(node.value).strip():
        raise _Problem(node, field, "must be a text")
    return " ".join(str(node.value).split())


def _year(node, field: str, required: bool = True) -> int | None:
    if node is None or node.tag == _TAG + "null":
        if required:
            raise _Problem(node, field, "is required")
        return None
    if node.tag != _TAG + "int" or not 1900 <= int(node.value) <= 2200:
        raise _Problem(node, field, f"must be a year, not {node.value!r}")
    return int(node.value)


def _strategy(root) -> Strategy:
    top = _mapping(root, "", _TOP)
    for name in ("organization", "name", "period", "goals"):
        if name not in top:
            raise _Problem(root, name, "is required")
    period = _mapping(top["period"], "period", {"from", "to"})
    start, end = _year(period.get("from"), "period.from"), _year(period.get("to"), "period.to", required=False)
    if end is not None and end < start:
        raise _Problem(period.get("to"), "period.to", f"{end} is before period.from {start}")
    goals_node = top["goals"]
    if goals_node.tag != _TAG + "seq" or not goals_node.value:
        raise _Problem(goals_node, "goals", "must be a list of at least one goal")
    goals = tuple(_goal(node, f"goals[{k}]", nested=True) for k, node in enumerate(goals_node.value))
    seen: dict[str, str] = {}
    for k, node in enumerate(goals_node.value):
        for field, goal in [(f"goals[{k}]", goals[k])] + [(f"goals[{k}].subgoals[{j}]", sub)
                                                         for j, sub in enumerate(goals[k].subgoals)]:
            if goal.id in seen:
                raise _Problem(node, f"{field}.id", f"{goal.id!r} is already the id of {seen[goal.id]}")
            seen[goal.id] = field
    return Strategy(_text(top["organization"], "organization"), _text(top["name"], "name"), start, end,
                    _approval(top.get("approved")), goals, _flag(top.get("meaning"), "meaning"))


def _flag(node, field: str) -> bool:
    """An optional yes/no (false when not given)."""
    if node is None or node.tag == _TAG + "null":
        return False
    if node.tag != _TAG + "bool":
        raise _Problem(node, field, f"must be true or false, not {node.value!r}")
    return node.value.lower() in ("true", "yes", "on")


def _approval(node) -> Approval | None:
    if node is None or node.tag == _TAG + "null":
        return None
    fields = _mapping(node, "approved", {"body", "date", "number"})
    when = fields.get("date")
    day = None
    if when is not None and when.tag != _TAG + "null":
        try:
            day = dt.date.fromisoformat(str(when.value))
        except ValueError:
            raise _Problem(when, "approved.date", f"must be a date YYYY-MM-DD, not {when.value!r}") from None
    number = fields.get("number")
    if number is not None and number.tag not in (_TAG + "int", _TAG + "null"):
        raise _Problem(number, "approved.number", f"must be a § number, not {number.value!r}")
    return Approval(_text(fields.get("body"), "approved.body", required=False), day,
                    int(number.value) if number is not None and number.tag == _TAG + "int" else None)


def _goal(node, field: str, nested: bool) -> Goal:
    allowed = _GOAL if nested else _GOAL - {"subgoals"}
    fields = _mapping(node, field, allowed)
    ident = fields.get("id")
    if ident is None or ident.tag != _TAG + "str" or not _SLUG.fullmatch(str(ident.value)):
        raise _Problem(ident if ident is not None else node, f"{field}.id",
                       f"{getattr(ident, 'value', None)!r} is not a slug (lower-case letters, digits, - and _)"
                       if ident is not None else "is required")
    keywords = fields.get("keywords")
    words: tuple[str, ...] = ()
    if keywords is not None and keywords.tag != _TAG + "null":
        if keywords.tag != _TAG + "seq":
            raise _Problem(keywords, f"{field}.keywords", "must be a list of words")
        words = tuple(_text(k, f"{field}.keywords[{j}]") for j, k in enumerate(keywords.value))
    subgoals: tuple[Goal, ...] = ()
    sub = fields.get("subgoals")
    if sub is not None and sub.tag != _TAG + "null":
        if sub.tag != _TAG + "seq":
            raise _Problem(sub, f"{field}.subgoals", "must be a list of goals")
        subgoals = tuple(_goal(s, f"{field}.subgoals[{j}]", nested=False) for j, s in enumerate(sub.value))
    if "title" not in fields:
        raise _Problem(node, f"{field}.title", "is required")
    return Goal(str(ident.value), _text(fields.get("title"), f"{field}.title"),
                _text(fields.get("description"), f"{field}.description", required=False), words, subgoals)


__all__ = ["read_strategy"]
