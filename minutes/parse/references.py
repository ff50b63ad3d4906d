"""References in minutes' text: decisions of bodies ("KV 29.4.2024 § 33"), office holders'
decisions ("sivistys- ja hyvinvointijohtajan 10.10.2024 § 19"), laws ("Kuntalain 103 §:n 2
momentin"), diary numbers and attachments. Body and law names come back in the nominative.
A ``Context`` (the meeting's organisation, body and date) fills a body or year the text leaves
implicit, and the reference lists what was inferred."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from minutes.language.bodies import canonical_body, nominative
from minutes.language.lexicon import load_lexicon, load_references
from minutes.record import Reference

from .dates import parse_date
from .spans import Claimed


@dataclass(frozen=True)
class Context:
    organization: str | None = None
    body: str | None = None
    date: date | None = None


WINDOW_BEFORE = 160   # characters before a "§" a reference may start (body, date, two words)
WINDOW_AFTER = 40
ANCHORS = regex.compile("[§¦|]")     # a reference to a decision or a law is printed around one of these
LARGEST = 999_999     # a §, law section or attachment number has at most six digits; more is a figure


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each "§" (or table cell mark), merged where they overlap."""
    spans: list[tuple[int, int]] = []
    for anchor in ANCHORS.finditer(text):
        start, end = max(0, anchor.start() - WINDOW_BEFORE), min(len(text), anchor.start() + WINDOW_AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def find_references(text: str, context: Context | None = None) -> list[Reference]:
    """Every reference in ``text``, in order of appearance.

    Returns a list of ``Reference`` (kind, text, span, body, date, number, law, section, ...),
    possibly empty."""
    data = load_references()
    lex = load_lexicon()
    found: list[Reference] = []
    taken = Claimed()
    free = taken.free

    # every decision, office and law reference holds a "§" (or a table's "¦"): search only there
    windows = _windows(text)
    for kind, pattern in data.patterns:
        spans = windows if kind != "attachment" else [(0, len(text))]
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                if not free(m.span()):
                    continue
                ref = _reference(kind, m, m.groupdict(), context)
                if ref is None:
                    continue
                taken.add(m.span())
                found.append(ref)
                if ref.kind in ("decision", "office_decision") and "body" not in ref.inferred:
                    for more in _continuations(text, ref):
                        if not free(more.span):
                            break
                        taken.add(more.span)
                        found.append(more)
    for pattern in lex.case_patterns:
        for m in pattern.finditer(text):
            if free(m.span()):
                taken.add(m.span())
                found.append(Reference("case", m.group(0), m.span(), case_id=m.group(0)))
    return sorted(found, key=lambda r: r.span)


def _continuations(text: str, first: Reference) -> list[Reference]:
    """The handlings listed after ``first`` with its body: "Hyvinvointilautakunta 13.3.2025 § 23
    ja 24.4.2025 § 41" -> the second, with the body printed before the first (not inferred)."""
    data = load_references()
    out: list[Reference] = []
    previous = first
    while True:
        joiner = data.joiner.match(text, previous.span[1])
        if not joiner:
            return out
        for pattern in data.continuations:
            m = pattern.match(text, joiner.end())
            if m:
                break
        else:
            return out
        printed_date = m.groupdict().get("date")
        when = parse_date(printed_date) if printed_date else previous.date
        inferred = ["impossible date"] if printed_date and when is None else []
        if when is None and not printed_date and "year" in previous.inferred:
            inferred.append("year")
        if int(m.group("number")) > LARGEST:
            return out
        previous = Reference(first.kind, m.group(0), m.span(), body=first.body, date=when,
                             number=int(m.group("number")), inferred=tuple(inferred))
        out.append(previous)


def _reference(kind: str, m: regex.Match, g: dict, context: Context | None) -> Reference | None:
    """The reference a match prints; None when its number is too long to be a section's."""
    numbers = [int(g[name]) for name in ("number", "section", "subsection", "sub2") if g.get(name)]
    if any(n > LARGEST for n in numbers):
        return None
    span, printed = m.span(), m.group(0)
    inferred: list[str] = []
    if kind == "law":
        law = nominative(g["law"]).casefold()
        section = int(g["section"])
        subsection = int(g["sub2"] or g["subsection"]) if (g.get("sub2") or g.get("subsection")) else None
        return Reference("law", printed, span, law=law, section=section, subsection=subsection,
                         statute=g.get("statute"))
    if kind == "attachment":
        return Reference("attachment", printed, span, number=int(g["number"]))
    when = parse_date(g.get("date"))
    if g.get("date") and when is None:
        inferred.append("impossible date")   # "28.3.3023": kept as printed, never guessed
    body = None
    if kind == "office_decision":
        body = nominative(g["office"]).casefold()
    elif g.get("body"):
        body = canonical_body(g["body"], context.organization if context else None)
    elif context and context.body:
        body, inferred = context.body, ["body"]
    if when is None and context and context.date and kind == "decision" and body:
        inferred.append("year")   # "Ksylk § 84": the number runs through the meeting's year
    return Reference(kind, printed, span, body=body, date=when, number=int(g["number"]),
                     inferred=tuple(inferred))
