"""Members' motions: who moved (``by``), who seconded, what kind (counter-proposal, amendment,
table, return), the motion's text and its result. The presenter's own change is not a motion, nor
is seconding it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from minutes.record import Motion, Vote

from .data import load_decision_data
from .names import base_name, base_word, find_names, list_names
from .nlp import sentences
from .outcome import vote_winner

MOVE = regex.compile(r"\b(?:ehdotti|föreslog|teki\s+(?:\S+\s+){0,3}?(?:vasta|muutos|hylkäys|palautus|pöydällepano|lisäys)?"
                     r"(?:ehdotuksen|esityksen)|esitti\s+(?:\S+\s+){0,8}?poikkeavan\s+esityksen)\b", regex.IGNORECASE)
PAIR_MOVED = regex.compile(r"(?P<by>\p{Lu}[\p{L}-]+)\s+(?P<second>\p{Lu}[\p{L}-]+n)(?:\s+ym\.)?\s+kannattamana\s+(?:teki|ehdotti)")
ASKED = regex.compile(r"(?P<by>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){1,2})\s*:\s*(?:[Pp]yydän|[Ee]hdotan|[Ee]sitän|"
                      r"[Jj]ag\s+föreslår)\b")
MOVED_FROM = regex.compile(r"(?P<by>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?n)\s+(?:ehdotuksesta|esityksestä)\b")
SECONDED_BY = regex.compile(r"\b(?:kannattamana|kannattamina|understödd\s+av|understödda\s+av)\b", regex.IGNORECASE)
PAIR_BEFORE = regex.compile(r"(?P<by>\p{Lu}[\p{L}-]+?(?:n|:n))\s+(?P<second>\p{Lu}[\p{L}-]+?(?:n|:n))\s+kannattamana\s+"
                            r"(?:tekemästä|tekemän|tekemä)")
SECONDERS_AFTER = regex.compile(r"(?P<names>[^;]{2,200}?)\s+(?:kannattivat|kannatti|puolsivat|puolsi|puoltivat|puolti|understödde)\b"
                                r"(?!\s+(?:esittelijän|puheenjohtajan|kaupunginjohtajan|föredragandens))",
                                regex.IGNORECASE)
SECONDERS_OBJECT = regex.compile(r"(?:ehdotusta|esitystä|vastaehdotusta|förslaget|muutosehdotusta)\s+"
                                 r"(?:kannattivat|kannatti|puolsivat|puolsi|puoltivat|puolti|understöddes\s+av)\s+(?P<names>[^.;]{2,200})",
                                 regex.IGNORECASE)
THAT = regex.compile(r"\b(?:että|att)\b\s*:?\s*(?P<text>.{3,300}?)(?:[.”\"](?:\s|$)|$)", regex.IGNORECASE | regex.DOTALL)


# a motion sentence announcing several ("teki seuraavat muutosehdotukset ja lisäysehdotuksen:"),
# then one labelled paragraph each ("Muutosehdotus nro 1:", "Lisäysehdotus:")
SEVERAL = regex.compile(r"\bseuraava(?:t|n)\b|\bföljande\b", regex.IGNORECASE)
LABELLED = regex.compile(r"^\s*(?P<label>(?:muutos|lisäys|vasta|hylkäys|palautus|pöydällepano)ehdotus|ändringsförslag|"
                         r"tilläggsförslag|motförslag)(?:\s+nro\s*\d+)?\s*:", regex.IGNORECASE | regex.MULTILINE)


@dataclass(frozen=True)
class FoundMotion:
    motion: Motion
    start: int              # offset of its sentence in the text


def _kind(text: str) -> str:
    data = load_decision_data()
    for kind, key in (("table", "table"), ("return", "return")):
        if data.rx("motions", key).search(text):
            return kind
    if regex.search(r"toivomuspon|lisätään|lisäys|tillägg|kläm", text, regex.IGNORECASE):
        return "amendment"
    if data.rx("motions", "counter").search(text):
        return "counter_proposal"
    if data.rx("motions", "amendment").search(text):
        return "amendment"
    return "counter_proposal"


def _last_name(text: str, known: frozenset[str]) -> str | None:
    names = find_names(text, known)
    if names:
        return names[-1][2]
    words = text.split()        # a surname that is also a common word, alone before the verb ("Kivi teki")
    return words[0] if len(words) == 1 and regex.fullmatch(r"\p{Lu}[\p{Ll}-]+", words[0]) else None


def find_motions(text: str, known: frozenset[str] = frozenset()) -> list[FoundMotion]:
    """The motions printed in ``text`` (a handling's käsittely and decision), in order, with their
    result left None (``settle`` fills it in from the outcome and the votes)."""
    out: list[FoundMotion] = []
    data = load_decision_data()
    for offset, sentence in sentences(text):
        flat = " ".join(sentence.split())
        pair = PAIR_BEFORE.search(flat)
        if pair:
            by, second = base_word(pair.group("by"), known), base_word(pair.group("second"), known)
            out.append(FoundMotion(Motion(by, (second,), _kind(flat), None, None), offset))
            continue
        pair = PAIR_MOVED.search(flat)
        if pair:
            by, second = base_word(pair.group("by"), known), base_word(pair.group("second"), known)
            out.append(FoundMotion(Motion(by, (second,), _kind(flat), None, None), offset))
            continue
        asked = ASKED.search(flat) or (MOVED_FROM.search(flat) if regex.search(r"pöydälle|palaut", flat) else None)
        if asked and not MOVE.search(flat):
            by = asked.group("by")
            by = base_name(by, known) if asked.re is MOVED_FROM else by
            if len(find_names(by, known)) == 1:
                out.append(FoundMotion(Motion(by, (), _kind(flat), None, None), offset))
                continue
        move = MOVE.search(flat)
        if move:
            by = _last_name(flat[:move.start()], known)
            rest = flat[move.end():]
            seconders: list[str] = []
            second = SECONDED_BY.search(rest)
            if second and second.group().casefold().startswith("understödd"):
                seconders = list_names(regex.split(r"\s+att\b|[,.]", rest[second.end():])[0], known)
            elif second:
                seconders = list_names(regex.sub(r"^\s*(?:\S+\s+){0,2}?(?=\p{Lu})", "", rest[:second.start()]),
                                       known, inflected=True)
            that = THAT.search(rest)
            motion_text = " ".join(that.group("text").split())[:300] if that else None
            if by is not None:
                out.append(FoundMotion(Motion(by, tuple(seconders), _kind(flat), motion_text, None), offset))
            continue
        if out and not data.rx("motions", "seconds_presenter").search(flat):
            extra = SECONDERS_OBJECT.search(flat)
            names = list_names(extra.group("names"), known) if extra else []
            if not extra:
                after = SECONDERS_AFTER.search(flat)
                names = [n for n in list_names(after.group("names"), known)
                         if n != out[-1].motion.by and len(n.split()) <= 3] if after else []
            if names:
                last = out[-1]
                seconded = tuple(dict.fromkeys(last.motion.seconded_by + tuple(names)))
                out[-1] = FoundMotion(replace(last.motion, seconded_by=seconded), last.start)
            if data.rx("motions", "fell").search(flat):
                last = out[-1]
                out[-1] = FoundMotion(replace(last.motion, result="fell"), last.start)
            elif data.rx("motions", "withdrawn").search(flat):
                last = out[-1]
                out[-1] = FoundMotion(replace(last.motion, result="withdrawn"), last.start)
    out = _split_several(text, out)
    unique: list[FoundMotion] = []
    for found in out:       # the same motion printed again ("Päätös tehtiin X:n Y:n kannattamana tekemästä ...")
        if not any((u.motion.by, u.motion.seconded_by, u.motion.kind, u.motion.text) ==
                   (found.motion.by, found.motion.seconded_by, found.motion.kind, found.motion.text) for u in unique):
            unique.append(found)
    return unique


def _split_several(text: str, found: list[FoundMotion]) -> list[FoundMotion]:
    """A motion announcing several labelled proposals becomes one motion per label, up to the next motion."""
    out: list[FoundMotion] = []
    for k, f in enumerate(found):
        end = found[k + 1].start if k + 1 < len(found) else len(text)
        sentence_end = text.find("\n", f.start)
        labels = list(LABELLED.finditer(text, sentence_end if sentence_end >= 0 else end, end))
        if len(labels) < 2 or not SEVERAL.search(text[f.start:sentence_end if sentence_end >= 0 else end]):
            out.append(f)
            continue
        for m in labels:
            body = text[m.end():].split("\n", 2)
            words = body[0].strip() or (body[1].strip() if len(body) > 1 else "")
            out.append(FoundMotion(replace(f.motion, kind=_kind(m.group("label")), text=words[:300] or None), f.start))
    return out


def settle(motions: list[Motion], outcome: str, votes: tuple[Vote, ...] = ()) -> tuple[Motion, ...]:
    """The motions with their results: the motion put to the last vote won or lost it; otherwise a
    motion whose kind is the outcome (a table motion when the matter was tabled, a return when
    returned, a counter-proposal when the proposal was rejected, an amendment when amended) was
    adopted; one never voted on when the matter was returned or tabled fell; otherwise rejected."""
    fitting = {"tabled": "table", "returned": "return", "rejected": "counter_proposal", "amended": "amendment"}
    live = [m for m in motions if m.result is None]
    voted = live[-1] if votes and live else None
    winner = vote_winner(tuple(motions), votes) if voted is not None else None
    out = []
    for m in motions:
        if m.result is not None:
            out.append(m)
            continue
        if m is voted:
            result = "adopted" if winner is m else "rejected"
        elif fitting.get(outcome) == m.kind:
            result = "adopted"
        elif outcome in ("returned", "tabled") and not votes:
            result = "fell"
        else:
            result = "rejected"
        out.append(replace(m, result=result))
    return tuple(out)
