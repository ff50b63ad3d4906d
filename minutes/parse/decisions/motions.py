"""Members' motions: who moved (``by``), who seconded, what kind (counter-proposal, amendment,
table, return), the motion's text and its result. The presenter's own change is not a motion, nor
is seconding it.

The motion language is data, ``[motions]`` of ``models/decisions.toml``: the verbs and phrases by
which Finnish and Finland-Swedish minutes print a motion, its seconders and its fate, whichever
vendor's layout; this module only says in what order they are tried."""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from minutes.record import Motion, Vote

from .data import load_decision_data
from .names import base_candidates, base_name, base_word, find_names, is_role, list_names
from .nlp import sentences
from .outcome import FITTING, vote_winner


def _rx(key: str, cased: bool = False) -> regex.Pattern:
    """The regular expression ``[motions] key`` of ``models/decisions.toml``."""
    return load_decision_data().rx("motions", key, cased)


@dataclass(frozen=True)
class FoundMotion:
    motion: Motion
    start: int              # offset of its sentence in the text


def _kind(text: str) -> str:
    data = load_decision_data()
    for kind, key in (("table", "table"), ("return", "return")):
        if data.rx("motions", key).search(text):
            return kind
    if data.rx("motions", "amendment_first").search(text):
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
    if len(words) != 1 or is_role(words[0]) or words[0].casefold() in load_decision_data().words("names", "not_names"):
        return None
    return words[0] if regex.fullmatch(r"\p{Lu}[\p{Ll}-]+", words[0]) else None


def _mover(before: str, verb: str, after: str, known: frozenset[str]) -> tuple[str | None, list[str]]:
    """The mover of a motion verb and any seconders printed between them: the name printed just
    before the verb ("Jäsen Aino Laine ehdotti"), or before its seconders ("Aino Laine jäsen Eero
    Mäen kannattamana ehdotti"); in Swedish word order the name just after the verb ("Under
    diskussionen föreslog Nina Holmberg"); else the last name before it."""
    second = None
    for second in _rx("seconded_by").finditer(before):
        pass
    if second is not None and _rx("seconded_by_after").search(second.group()):
        movers, seconders = find_names(before[:second.start()], known), list_names(before[second.end():], known)
        if movers and seconders and not before[movers[-1][1]:second.start()].strip(" ,"):
            return movers[-1][2], seconders     # "Anna Berg, understödd av Per Holm, föreslog"
    if second is not None and not before[second.end():].strip(" ,"):
        names = find_names(before[:second.start()], known)
        chain = names[-1:]
        for k in range(len(names) - 2, -1, -1):   # the names joined by roles, "ja" and commas only
            gap = before[names[k][1]:chain[0][0]]
            joiners = load_decision_data().words("names", "joiners")
            if any(not (is_role(w) or w.casefold() in joiners) for w in gap.replace(",", " ").split()):
                break
            chain.insert(0, names[k])
        if len(chain) >= 2:
            return chain[0][2], [n for _, _, n in chain[1:]]
    names = find_names(before, known)
    if names and not before[names[-1][1]:].strip(" ,"):
        return names[-1][2], []
    if _rx("inverted").search(verb):
        head = _rx("inverted_end").split(after, maxsplit=1)[0]
        following = find_names(head, known)
        if following and all(is_role(w) for w in head[:following[0][0]].split()):
            return following[0][2], []
    return _last_name(before, known), []


def _named(flat: str, out: list[FoundMotion], known: frozenset[str], key: str = "named_motion") -> int | None:
    """The index in ``out`` of the motion a sentence names by its mover in the genitive
    ("Korhosen ehdotusta", "Strands förslag"), or None."""
    for m in _rx(key, cased=True).finditer(flat):
        word = m.group("by").removesuffix(":n").removesuffix(":s")
        candidates = {word, base_word(word, known), *base_candidates(word)}
        if word.endswith("s"):
            candidates.add(word[:-1])
        for k in range(len(out) - 1, -1, -1):
            by = out[k].motion.by or ""
            if by.split() and by.split()[-1] in candidates:
                return k
    return None


def _seconders(rest: str, known: frozenset[str]) -> tuple[list[str], str]:
    """The seconders printed in a motion's own sentence after its verb, and the sentence without them."""
    relative = _rx("seconded_relative").search(rest)
    if relative:
        return list_names(relative.group("names"), known), rest[:relative.start()]
    joined = _rx("seconded_joined").search(rest)
    if joined:
        return list_names(joined.group("names"), known), rest[:joined.start()]
    second = _rx("seconded_by").search(rest)
    if second and _rx("seconded_by_after").search(second.group()):
        return list_names(_rx("seconders_end").split(rest[second.end():])[0], known), rest
    if second:
        return list_names(regex.sub(r"^\s*(?:\S+\s+){0,2}?(?=\p{Lu})", "", rest[:second.start()]),
                          known, inflected=True), rest
    return [], rest


def _settled_by_name(flat: str, out: list[FoundMotion], known: frozenset[str]) -> bool:
    """A sentence saying what became of a named mover's motion ("Heikkisen ehdotus hylättiin"):
    that motion's result set; whether the sentence was one."""
    for key in ("rejected", "adopted"):
        k = _named(flat, out, known, key)
        if k is not None:
            out[k] = FoundMotion(replace(out[k].motion, result=key), out[k].start)
            return True
    return False


def _mentioned(flat: str, offset: int, out: list[FoundMotion], known: frozenset[str]) -> bool:
    """A motion named by its mover in a later sentence ("Virtasen muutosehdotus oli seuraava:", a
    roll call by side): a new motion unless one of that mover's is known, and its seconders."""
    key = "mentioned"
    m = _rx(key, cased=True).search(flat)
    if not m:
        key = "mentioned_seconded"
        m = _rx(key, cased=True).search(flat)
    if not m:
        return False
    word = m.group("by").removesuffix(":n")
    stop = load_decision_data().words("names", "not_names")
    if any(is_role(c) or c.casefold() in stop for c in (word, *base_candidates(word))):
        return False
    names = list_names(m.group("names"), known) if m.group("names") else []
    k = _named(flat, out, known, key)
    if k is None:
        out.append(FoundMotion(Motion(base_word(word, known), (), _kind(m.group("noun")), None, None), offset))
        k = len(out) - 1
    seconded = tuple(dict.fromkeys(out[k].motion.seconded_by + tuple(n for n in names if n != out[k].motion.by)))
    out[k] = FoundMotion(replace(out[k].motion, seconded_by=seconded), out[k].start)
    return True


def find_motions(text: str, known: frozenset[str] = frozenset()) -> list[FoundMotion]:
    """The motions printed in ``text`` (a handling's käsittely and decision), in order, with their
    result left None (``settle`` fills it in from the outcome and the votes) unless the text says
    it (fell, withdrawn, or a named mover's motion rejected or adopted)."""
    out: list[FoundMotion] = []
    data = load_decision_data()
    party = _rx("party")
    for offset, sentence in sentences(text):
        flat = party.sub("", " ".join(sentence.split()))
        move = _rx("move").search(flat)
        pair = _rx("pair_before", cased=True).search(flat) or _rx("pair_moved", cased=True).search(flat)
        if pair and move and _mover(flat[:move.start()], move.group(), flat[move.end():], known)[1]:
            pair = None     # "jäsen Aino Laine jäsen Eero Mäen kannattamana ehdotti": full names, read below
        if pair:
            by, second = base_word(pair.group("by"), known), base_word(pair.group("second"), known)
            out.append(FoundMotion(Motion(by, (second,), _kind(flat), None, None), offset))
            continue
        labelled = _rx("labelled_mover", cased=True).search(flat)
        if labelled and len(find_names(labelled.group("by"), known)) == 1:
            words = flat[labelled.end():].strip()
            out.append(FoundMotion(Motion(labelled.group("by"), (), _kind(labelled.group("label") + " " + words),
                                          words[:300] or None, None), offset))
            continue
        asked = _rx("asked", cased=True).search(flat) or \
            (_rx("moved_from", cased=True).search(flat) if _rx("moved_from_when").search(flat) else None)
        if asked and not move:
            by = asked.group("by")
            by = base_name(by, known) if asked.re is _rx("moved_from", cased=True) else by
            if len(find_names(by, known)) == 1:
                out.append(FoundMotion(Motion(by, (), _kind(flat), None, None), offset))
                continue
        if move:
            rest = flat[move.end():]
            by, before = _mover(flat[:move.start()], move.group(), rest, known)
            seconders, rest = _seconders(flat[move.start() + len(move.group().split()[0]):], known)   # "teki Y:n
            # kannattamana seuraavan muutosehdotuksen": the seconders may stand inside the verb phrase
            seconders = list(dict.fromkeys(before + seconders))
            if by is not None:
                seconders = [n for n in seconders if n != by]
            that = _rx("that").search(rest)
            motion_text = " ".join(that.group("text").split())[:300] if that else None
            if by is not None:
                out.append(FoundMotion(Motion(by, tuple(seconders), _kind(flat), motion_text, None), offset))
                if _rx("fell").search(flat):
                    out[-1] = FoundMotion(replace(out[-1].motion, result="fell"), offset)
            continue
        if out and _settled_by_name(flat, out, known):
            continue
        if _mentioned(flat, offset, out, known):
            continue
        if out and not data.rx("motions", "seconds_presenter").search(flat):
            extra = _rx("supporters").search(flat) or _rx("seconders_object").search(flat)
            names = list_names(extra.group("names"), known) if extra else []
            ablative = _rx("seconders_from").search(flat) if not extra else None
            if ablative:
                extra, names = ablative, list_names(ablative.group("names"), known, inflected=True)
            if not extra:
                after = _rx("seconders_after").search(flat)
                names = [n for n in list_names(after.group("names"), known)
                         if n != out[-1].motion.by and len(n.split()) <= 3] if after else []
            if names:
                k = _named(flat, out, known)
                k = len(out) - 1 if k is None else k
                names = [n for n in names if n != out[k].motion.by]
                seconded = tuple(dict.fromkeys(out[k].motion.seconded_by + tuple(names)))
                out[k] = FoundMotion(replace(out[k].motion, seconded_by=seconded), out[k].start)
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
        labels = list(_rx("labelled").finditer(text, sentence_end if sentence_end >= 0 else end, end))
        if len(labels) < 2 or not _rx("several").search(text[f.start:sentence_end if sentence_end >= 0 else end]):
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
    fitting = {outcome: kind for kind, outcome in FITTING.items()}
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
