"""Disqualifications (esteellinen, jäävi, jävig) and dissents (eriävä mielipide, reservation):
the persons a sentence states to be disqualified or to dissent, never the substitutes, experts or
members who merely left, nor the mover of an "eriävä esitys" (a motion)."""

from __future__ import annotations

from minutes.record import Disqualification, Dissent

from .data import load_decision_data
from .names import find_names
from .nlp import sentences



def find_disqualifications(text: str, known: frozenset[str] = frozenset()) -> list[Disqualification]:
    """The persons stated to be disqualified in ``text``, in order, each once, with the reason as
    printed (the type of jääviys or the provision) where the sentence gives one."""
    data = load_decision_data()
    trigger = data.rx("disqualifications", "trigger")
    if not trigger.search(text):
        return []
    cut = data.rx("disqualifications", "substitutes")
    out: dict[str, Disqualification] = {}
    for _, sentence in sentences(text):
        flat = " ".join(sentence.split())
        if not trigger.search(flat) or load_decision_data().rx("disqualifications", "none_stated").search(flat):
            continue
        stop = cut.search(flat)
        part = flat[:stop.start()] if stop and stop.start() > trigger.search(flat).start() else flat
        if stop and stop.start() <= trigger.search(flat).start():
            part = flat[trigger.search(flat).start():]
        reason = data.rx("disqualifications", "reason").search(flat)
        for _, _, name in find_names(part, known):
            if name not in out:
                out[name] = Disqualification(name, reason.group("reason") if reason else None)
    return list(out.values())


def find_dissents(text: str, known: frozenset[str] = frozenset()) -> list[Dissent]:
    """The persons who left a dissent (eriävä mielipide, reservation) in ``text``, in order, each once."""
    data = load_decision_data()
    trigger = data.rx("dissents", "trigger")
    if not trigger.search(text):
        return []
    out: dict[str, Dissent] = {}
    for _, sentence in sentences(text):
        flat = " ".join(sentence.split())
        hit = trigger.search(flat)
        if not hit or data.rx("dissents", "not_dissent").search(flat):
            continue
        for _, _, name in find_names(flat[:hit.start()], known) or find_names(flat, known):
            out.setdefault(name, Dissent(name, None))
    return list(out.values())
