"""Decisions as data (issue 12): a stage after sectioning that reads, for each item and each
earlier handling printed in it, the outcome relative to the proposal, the kind of resolution, votes
with their roll calls, motions, disqualifications and dissents; the entities of each section; and
the people of the meeting.

``analyse(record) -> Record``: the same record with ``Item.decision``, ``Stage.decision``,
``Section.entities`` and ``Record.people`` filled in. Cue phrases are spaCy Matcher patterns and
word lists in ``models/`` (Finnish and Swedish), matched on the words as printed. Votes, motions,
disqualifications and dissents are looked for only in handlings whose text carries a trigger word.
"""

from __future__ import annotations

from dataclasses import replace

from minutes.record import Decision, Entity, Notice, Record, Section

from .data import load_decision_data
from .disqualifications import find_disqualifications, find_dissents
from .entities import find_entities
from .motions import find_motions, settle
from .names import find_names
from .nlp import MISSING_MODEL, MODEL_SENTENCE, MODEL_TEXT, sentences, statistical
from .outcome import find_outcome
from .people import find_people, printed_person
from .votes import find_votes

DECISION_KINDS = ("decision",)
DISCUSSION_KINDS = ("discussion", "vote", "disqualification", "dissent", "notice")
CUE_KINDS = ("discussion", "disqualification", "dissent", "notice")   # a vote's labels ("EI-ehdotus: Palautetaan") decide nothing
PROPOSAL_KINDS = ("proposal",)

__all__ = ["analyse", "analyse_handling"]


def _text(sections: tuple[Section, ...], kinds: tuple[str, ...]) -> str:
    return "\n".join(s.text for s in sections if s.kind in kinds)


def analyse_handling(sections: tuple[Section, ...], body: str | None, known: frozenset[str] = frozenset(),
                     decided: bool = True) -> Decision:
    """The decision of one handling from its sections. ``body``: the deciding body (a referral to
    it is not one); ``known``: names printed in base form in the meeting; ``decided``: False for an
    agenda's current handling, whose outcome is ``no_decision``."""
    decision_text = _text(sections, DECISION_KINDS)
    discussion_text = _text(sections, DISCUSSION_KINDS)
    proposal_text = _text(sections, PROPOSAL_KINDS)
    if not decided or not (decision_text.strip() or _text(sections, DISCUSSION_KINDS[:-1]).strip()):
        decision_text = discussion_text = ""        # an agenda, or no decision printed: no_decision
    talk = discussion_text + "\n" + decision_text
    votes, motions, disqualifications, dissents = [], [], [], []
    if load_decision_data().trigger.search(talk):
        votes = find_votes(talk, known)
        motions = [m.motion for m in find_motions(talk, known)]
        disqualifications = find_disqualifications(talk, known)
        dissents = find_dissents(talk, known)
    cue_text = _text(sections, CUE_KINDS) if decision_text or discussion_text else ""
    found = find_outcome(decision_text, cue_text, proposal_text, body, tuple(motions), tuple(votes))
    return Decision(found.outcome, found.resolution, found.evidence, tuple(votes),
                    settle(motions, found.outcome, tuple(votes)), tuple(disqualifications),
                    tuple(dissents))


def known_names(record: Record) -> frozenset[str]:
    """Names the meeting prints in base form (participants, presenters, preparers) and their surnames."""
    names: set[str] = set()
    for p in record.meeting.participants:
        names.add(p.name)
    for item in record.items:
        for value in (item.presenter, *item.preparers):
            name = printed_person(value)
            if name:
                names.add(name)
    for name in list(names):
        names.update(w for w in name.split() if w[:1].isupper())
    return frozenset(names)


def analyse(record: Record) -> Record:
    """The record with its decisions, entities and people (see the module's docstring)."""
    known = known_names(record)
    decided = record.document_type != "agenda"
    need_model = not record.meeting.participants
    items = []
    extra: list[tuple[str, str]] = []
    model_missing = False
    for item in record.items:
        sections = tuple(replace(s, entities=find_entities(s)) for s in item.sections)
        history = tuple(
            replace(h, sections=(hs := tuple(replace(s, entities=find_entities(s)) for s in h.sections)),
                    decision=analyse_handling(hs, h.body_name or h.body, known))
            for h in item.history)
        decision = analyse_handling(sections, record.meeting.body, known, decided)
        items.append(replace(item, sections=sections, history=history, decision=decision))
        if need_model and any(_names_people(d) for d in [decision] + [h.decision for h in history]):
            model = statistical()       # loaded here, the first time a meeting without a participant list needs it
            if model is None:
                model_missing = True
            else:
                sections, history, people = read_with_model(model, sections, history, known)
                items[-1] = replace(items[-1], sections=sections, history=history)
                extra += people
    out = replace(record, items=tuple(items))
    warnings = out.warnings + ((Notice(None, MISSING_MODEL),) if model_missing else ())
    return replace(out, people=find_people(out, extra), warnings=warnings)


def _names_people(decision: Decision | None) -> bool:
    """Whether a handling's decision names people (movers, voters, the disqualified, dissenters)."""
    return decision is not None and bool(decision.motions or decision.disqualifications or decision.dissents
                                         or any(v.ballots for v in decision.votes))


def read_with_model(model, sections, history, known):
    """The statistical pipeline over the sentences of the decision sections that name people
    (``[triggers] people``; at most ``MODEL_SENTENCE`` characters each, in one batch): their
    organisations and places added to the sections' entities, and ``(name, "mentioned")`` for each
    person named. Returns ``(sections, history, people)``."""
    data = load_decision_data()
    kinds = {"ORG": "organization", "GPE": "place", "LOC": "place"}
    chosen: list[tuple[int, int, str]] = []         # (section number, offset, sentence)
    flat = list(sections) + [s for h in history for s in h.sections]
    for k, section in enumerate(flat):
        if section.kind in DECISION_KINDS + DISCUSSION_KINDS and data.people_trigger.search(section.text):
            chosen += [(k, o, t[:MODEL_SENTENCE]) for o, t in sentences(section.text[:MODEL_TEXT])
                       if data.people_trigger.search(t)]
    people: list[tuple[str, str]] = []
    found: dict[int, list[Entity]] = {}
    for (k, offset, _), doc in zip(chosen, model.pipe(t for _, _, t in chosen)):
        people.extend((_base(e.text, known), "mentioned") for e in doc.ents if e.label_ == "PERSON")
        found.setdefault(k, []).extend(Entity(kinds[e.label_], e.text, (offset + e.start_char, offset + e.end_char),
                                              e.text) for e in doc.ents if e.label_ in kinds)
    flat = [replace(s, entities=tuple(sorted(s.entities + tuple(found[k]), key=lambda e: e.span)))
            if k in found else s for k, s in enumerate(flat)]
    out_sections, rest = tuple(flat[:len(sections)]), flat[len(sections):]
    out_history = []
    for h in history:
        out_history.append(replace(h, sections=tuple(rest[:len(h.sections)])))
        rest = rest[len(h.sections):]
    return out_sections, tuple(out_history), people


def _base(text: str, known: frozenset[str]) -> str:
    names = find_names(text, known)
    return names[0][2] if names else text
