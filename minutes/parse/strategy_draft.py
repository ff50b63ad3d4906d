"""A draft strategy file from a strategy document (``minutes strategy draft``): its title, the
organisation it names and its goals, read from what the layout of such a document is (a title
naming the strategy, a heading announcing the goals, then a numbered or bulleted list, sub-goals
one level deeper) for the user to check and edit. The cue words and markers are data
(``models/strategy.toml``)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass

import regex

from minutes.language.analysis import analyzer, iter_words
from minutes.language.lexicon import models_dir
from minutes.language.stopwords import is_stop_word
from minutes.record import Goal, Strategy, slugify

FLAGS = regex.IGNORECASE | regex.VERSION1


@dataclass(frozen=True)
class _Rules:
    title: regex.Pattern
    goals_heading: regex.Pattern
    organization: regex.Pattern
    numbered: regex.Pattern
    subnumbered: regex.Pattern
    bulleted: regex.Pattern
    window: int
    max_words: int
    sub_indent: int
    head_lines: int
    list_gap: int
    unknown: tuple[str, str, str]       # organisation, name, goal


@functools.cache
def _rules() -> _Rules:
    with (models_dir() / "strategy.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return _Rules(regex.compile(data["title"], FLAGS), regex.compile(data["goals_heading"], FLAGS),
                  regex.compile(data["organization"]), regex.compile(data["numbered"]),
                  regex.compile(data["subnumbered"]), regex.compile(data["bulleted"]),
                  int(data["window_lines"]), int(data["max_title_words"]), int(data["sub_indent"]),
                  int(data["head_lines"]), int(data["list_gap"]),
                  (data["unknown_organization"], data["unknown_name"], data["unknown_goal"]))


def _entry(line: str, rules: _Rules) -> tuple[int, str] | None:
    """(level, text) of a list entry: 0 for "1." / "•" entries, 1 for "1.1" or indented bullets."""
    sub = rules.subnumbered.match(line)
    if sub:
        return 1, sub.group("text")
    for pattern in (rules.numbered, rules.bulleted):
        m = pattern.match(line)
        if m:
            indent = len(line) - len(line.lstrip())
            return (1 if indent >= rules.sub_indent else 0), m.group("text")
    return None


def _title(text: str, rules: _Rules) -> str | None:
    text = " ".join(text.split()).rstrip(" .:;")
    return text if text and len(text.split()) <= rules.max_words else None


def _keywords(title: str) -> tuple[str, ...]:
    """Content words of a goal's title in base form (Voikko's first lemma when it knows the word)."""
    out = []
    for word in iter_words(title):
        if len(word) < 4 or is_stop_word(word) or word.isdigit():
            continue
        lemmas = analyzer("fi").lemmas(word)
        out.append(lemmas[0] if lemmas else word)
    return tuple(dict.fromkeys(out))


def _goal(title: str, taken: set[str], rules: _Rules) -> Goal:
    ident, n = slugify(title, rules.unknown[2]), 2
    base = ident
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return Goal(ident, title, None, _keywords(title))


def draft_strategy(lines: list[str], name: str | None = None) -> Strategy:
    """The strategy a document's ``lines`` describe: its name (the first line naming a strategy,
    else ``name``), the organisation it names, the current year as the period's start (to be
    checked), and its goals: the list after the first heading that announces goals (numbered or
    bulleted entries, deeper ones as sub-goals), else every such list in the document. The period
    is the first span of years printed near the top ("2025–2030"), else from its first year on.

    Returns a ``Strategy``; its goals are empty when none were found."""
    import datetime as dt

    rules = _rules()
    title = next((t for t in (_title(line, rules) for line in lines if rules.title.search(line)) if t), None)
    organization = next((m.group() for line in lines for m in [rules.organization.search(line)] if m), None)
    starts = [k for k, line in enumerate(lines) if rules.goals_heading.search(line) and _entry(line, rules) is None
              and len(line.split()) <= rules.max_words]
    spans = [(k + 1, min(len(lines), k + 1 + rules.window)) for k in starts] or [(0, len(lines))]
    goals: list[Goal] = []
    for start, end in spans:
        goals = _goals(lines[start:end], rules)
        if goals:
            break
    head = lines[:rules.head_lines]
    span = next((m for line in head for m in [_PERIOD.search(line)] if m), None)
    year = next((int(y) for line in head for y in regex.findall(r"\b(?:19|20)\d\d\b", line)), dt.date.today().year)
    start, end = (int(span.group(1)), int(span.group(2))) if span else (year, None)
    return Strategy(organization or rules.unknown[0], title or name or rules.unknown[1], start, end, None,
                    tuple(goals))


_PERIOD = regex.compile(r"\b((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)\b")


def _goals(lines: list[str], rules: _Rules) -> list[Goal]:
    """The goals of one list: its top entries, each with the deeper entries after it."""
    taken: set[str] = set()
    found: list[tuple[Goal, list[Goal]]] = []
    gap = 0
    for line in lines:
        entry = _entry(line, rules)
        if entry is None:
            gap = gap + 1 if line.strip() else gap
            if found and gap > rules.list_gap:      # prose after the list: it has ended
                break
            continue
        gap = 0
        level, text = entry
        title = _title(text, rules)
        if title is None:
            continue
        if level == 0 or not found:
            found.append((_goal(title, taken, rules), []))
        else:
            found[-1][1].append(_goal(title, taken, rules))
    return [Goal(g.id, g.title, g.description, g.keywords, tuple(subs)) for g, subs in found]


def strategy_yaml(strategy: Strategy) -> str:
    """A strategy as the YAML of its file contract (``parse.strategy``), for the user to edit."""
    import yaml

    def shown(goal: dict) -> dict:      # Goal.to_dict without the fields the document left empty
        out = {k: v for k, v in goal.items() if v not in (None, [])}
        if "subgoals" in out:
            out["subgoals"] = [shown(sub) for sub in out["subgoals"]]
        return out

    data = {"organization": strategy.organization, "name": strategy.name,
            "period": {"from": strategy.period_from, "to": strategy.period_to},
            "goals": [shown(g.to_dict()) for g in strategy.goals]}
    head = ("# A draft read from the strategy document: check the organisation, the name, the period\n"
            "# (its start is the first year the document names) and every goal before `minutes strategy add`.\n")
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


__all__ = ["draft_strategy", "strategy_yaml"]
