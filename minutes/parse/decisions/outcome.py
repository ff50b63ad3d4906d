"""How a handling's decision relates to the proposal (``outcome``) and what kind of resolution it
is (``resolution``), from the cue phrases of ``models/decision_patterns.jsonl``."""

from __future__ import annotations

from dataclasses import dataclass

from minutes.record import RESOLUTIONS, Motion, Vote

from .data import load_decision_data
from .names import find_names
from .nlp import Cue, find_cues

PROCEDURAL = ("withdrawn", "tabled", "returned")       # in precedence order; their resolution is "other"


@dataclass(frozen=True)
class Outcome:
    outcome: str
    evidence: str | None
    resolution: str


def _decides(cue: Cue) -> bool:
    words = cue.sentence.casefold()
    data = load_decision_data()
    if any(w in words for w in data.words("outcome", "deciding")):
        return True
    return not any(w in words for w in data.words("outcome", "motion_only"))


def resolution_of(cues, body: str | None) -> str | None:
    """The first of referral > election > statement > decided > noted among ``cues``; a referral to
    the meeting's own body (a council adopting "esittää valtuustolle") is not one. None without cues."""
    stems = load_decision_data().raw["resolution"]["target_stems"]
    own = [s for s in stems if body and s in body.casefold()]
    found = set()
    data = load_decision_data()
    contractor = data.rx("resolution", "contractor")
    generic = data.words("resolution", "generic")
    specific = {c.sentence for c in cues if c.label in ("referral", "election", "statement", "noted")}
    own_referral = False
    for cue in cues:
        if cue.label == "decided" and cue.text.casefold() in generic and cue.sentence in specific:
            continue    # "päätti merkitä tiedoksi": noted
        if cue.label == "election" and contractor.search(cue.sentence):
            found.add("decided")    # choosing a contractor is a decision
            continue
        if cue.label == "referral" and any(s in cue.text.casefold() for s in own):
            own_referral = True     # proposed to the meeting's own body: that body decides it
            continue
        if cue.label in RESOLUTIONS:
            found.add(cue.label)
    if not found and own_referral:
        return "decided"
    return next((r for r in RESOLUTIONS if r in found), None)


FITTING = {"counter_proposal": "rejected", "amendment": "amended", "return": "returned", "table": "tabled"}


def find_outcome(decision_text: str, discussion_text: str, proposal_text: str, body: str | None,
                 motions: tuple[Motion, ...] = (), votes: tuple[Vote, ...] = ()) -> Outcome:
    """The outcome, its evidence sentence and the resolution of one handling.

    ``decision_text``: its decision sections; ``discussion_text``: its käsittely/vote sections;
    ``proposal_text``: its proposal; ``motions`` and ``votes``: the handling's, read before.
    Without a decision text the outcome is ``no_decision`` and the resolution that of the proposal."""
    def proposal_cues() -> tuple[Cue, ...]:       # read only when the decision does not say what it resolved
        return find_cues(_opening(proposal_text))

    if not decision_text.strip() and not discussion_text.strip():
        return Outcome("no_decision", None, resolution_of(proposal_cues(), body) or "other")
    cues = find_cues(decision_text)
    talk = find_cues(discussion_text)
    talk_text = (discussion_text + " " + decision_text).casefold()
    both = [c for c in list(talk) + list(cues) if c.label != "counter_won" or find_names(c.text)]
    kept = set(both)                 # a set: a long text holds thousands of cues
    cues = [c for c in cues if c in kept]
    winner = vote_winner(motions, votes)
    if winner is not None:
        kind = winner.kind
        specific = [c for c in cues if c.label in ("referral", "election", "statement", "noted")]
        return Outcome(FITTING[kind], (votes[-1].result or "").strip() or None,
                       "other" if kind in ("return", "table") else resolution_of(specific, body)
                       or resolution_of(proposal_cues(), body) or resolution_of(cues, body) or "decided")
    lost = {FITTING[m.kind] for m in motions if votes and m.result is None} if winner is None else set()
    for label in PROCEDURAL:
        hit = next((c for c in cues if c.label == label and _decides(c)), None) \
            or next((c for c in talk if c.label == label and _decides(c) and label not in lost), None)
        if hit is None and not votes and any(w in talk_text for w in load_decision_data().words("outcome", "unopposed")) and any(
                FITTING[m.kind] == label and m.result not in ("fell", "withdrawn") for m in motions):
            hit = next((c for c in both if c.label == label), None)     # a motion adopted unopposed
        if hit is not None:
            return Outcome(label, hit.sentence.strip(), "other")
    rejection = _rejection(cues, talk, decision_text, discussion_text, motions)
    if rejection is not None:
        # the body decided against the proposal: what it resolved is its own act, not the proposal's
        return Outcome("rejected", rejection.sentence.strip(), resolution_of(cues, body) or "decided")
    resolution = resolution_of(cues, body)
    if resolution is None or (resolution in ("decided", "noted") and _adopts_proposal(cues)):
        # "hyväksyi ehdotuksen": what was resolved is what the proposal proposed
        resolution = resolution_of(proposal_cues(), body) or resolution or "other"
    if not cues and not talk:
        return Outcome("as_proposed", decision_text.strip().split("\n")[0][:200] or None, resolution)
    won = next((c for c in both if c.label == "counter_won"), None)
    if won is not None:
        names = {n for _, _, n in find_names(won.text)}
        mover = next((m for m in motions if m.by and any(n.split()[-1] == m.by.split()[-1] for n in names)), None)
        return Outcome("amended" if mover is not None and mover.kind == "amendment" else "rejected",
                       won.sentence.strip(), resolution)
    changed = next((c for c in both if c.label in ("presenter_changed", "changed")), None)
    if changed is not None:
        return Outcome("amended", changed.sentence.strip() if changed else None, resolution)
    if any(c.label == "no_decision" for c in both) and not any(c.label == "as_proposed" for c in cues):
        return Outcome("no_decision", next(c.sentence.strip() for c in both if c.label == "no_decision"), resolution)
    evidence = next((c for c in cues if c.label == "as_proposed"), None) or (cues[0] if cues else talk[0])
    return Outcome("as_proposed", evidence.sentence.strip(), resolution)


def _rejection(cues, talk, decision_text: str, discussion_text: str, motions: tuple[Motion, ...]) -> Cue | None:
    """The first cue by which the body itself rejected the proposal ("Ehdotus hylättiin",
    "Kaupunginhallitus ei hyväksynyt ehdotusta", "Förslaget förkastades"), or None. Not one: a
    decision that also adopts the proposal (other than in the rejection's own words); a rejection
    only reported with a motion or a vote's set-up, quoted, or cited from an earlier meeting; and,
    where the handling has members' motions, a rejection that does not name the proposal's maker
    (it may be a motion's)."""
    rejections = [c for c in cues if c.label == "rejected"]
    if any(c.label == "as_proposed" and not any(r.start < c.end and c.start < r.end for r in rejections)
           for c in cues):
        return None     # an adoption beside the rejection, not a part of it ("Förslaget godkändes inte")
    data = load_decision_data()
    reported = data.words("outcome", "rejection_reported")
    quotes = data.raw["outcome"]["quotes"]
    earlier, proposer = data.rx("outcome", "earlier"), data.rx("outcome", "proposer")
    for cue, text in [(c, decision_text) for c in cues] + [(c, discussion_text) for c in talk]:
        if cue.label != "rejected":
            continue
        words = cue.sentence.casefold()
        if any(w in words for w in reported) or earlier.search(cue.sentence) \
                or sum(text[:cue.start].count(q) for q in quotes) % 2:
            continue
        if motions and not any(proposer.match(w) for w in cue.text.casefold().split()):
            continue
        return cue
    return None


PROPOSAL_OPENING = 800     # characters of a proposal that say what it proposes ("päättää 1. … 2. esittää …")


def _opening(text: str) -> str:
    """The opening of a proposal, cut at a line end."""
    if len(text) <= PROPOSAL_OPENING:
        return text
    cut = text.rfind("\n", 0, PROPOSAL_OPENING)
    return text[:cut if cut > 0 else PROPOSAL_OPENING]


def motion_side(motion: Motion, vote: Vote) -> str:
    """"yes" or "no": the side of the vote that stood for ``motion`` (the one whose printed meaning
    names its mover, else "no", the usual side of a counter-motion)."""
    stem = (motion.by or "").split()[-1][:5].casefold() if motion.by else ""
    if stem and stem in (vote.yes_means or "").casefold():
        return "yes"
    return "no"


def vote_winner(motions: tuple[Motion, ...], votes: tuple[Vote, ...]) -> Motion | None:
    """The motion that won the last vote, if one did."""
    if not votes or not motions:
        return None
    live = [m for m in motions if m.result not in ("fell", "withdrawn")] or list(motions)
    motion, vote = live[-1], votes[-1]
    ours, theirs = (vote.counts.yes, vote.counts.no) if motion_side(motion, vote) == "yes" else \
        (vote.counts.no, vote.counts.yes)
    return motion if ours > theirs else None


def _adopts_proposal(cues: list[Cue]) -> bool:
    """Whether the decision only adopts the proposal ("hyväksyi ehdotuksen"), naming no act of its own."""
    return any(c.label in ("as_proposed", "presenter_changed", "changed") for c in cues) and not any(
        c.label in ("referral", "election", "statement", "noted") for c in cues)
