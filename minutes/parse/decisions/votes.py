"""Votes as printed: the counts of JAA/EI/TYHJÄ/POISSA (JA/NEJ/BLANK/FRÅNVARANDE), "äänin 8-2",
"(7/6)", what a yes and a no meant, the roll call (names in parentheses, after a label, one per
table row) and the result sentence."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from minutes.record import Ballot, Vote, VoteCounts

from .data import load_decision_data
from .names import base_word, list_names
from .nlp import rough_sentences

MERGE_DISTANCE = 40     # a count and a name list of the same choice this close are one event


@dataclass
class _Event:
    start: int
    end: int
    choice: str
    count: int | None = None
    names: tuple[str, ...] | None = None


def _choice(label: str) -> str | None:
    data = load_decision_data()
    word = label.casefold()
    for choice in ("yes", "no", "blank", "absent"):
        if word in data.words("votes", choice):
            return choice
    return None


def _plausible(m: regex.Match, text: str) -> bool:
    """A count by a label: the label printed in capitals, or with ääni-/röst- or a colon after it."""
    label = m.group("label")
    data = load_decision_data()
    marked = bool(data.rx("votes", "label_mark").search(m.group()))
    if label.casefold() in data.words("votes", "ambiguous_labels") and not marked:
        return False            # "... JA 3 EI-ääntä": a capital "JA" is also the Finnish "and"
    return label.isupper() or marked


def _events(text: str, known: frozenset[str]) -> list[_Event]:
    data = load_decision_data()
    events: list[_Event] = []
    for key in ("ballot_parenthesis", "ballot_after", "ballot_line"):
        for m in data.rx("votes", key).finditer(text):
            choice = _choice(m.group("label"))
            names = tuple(list_names(m.group("names"), known))
            if choice and names:
                events.append(_Event(m.start(), m.end(), choice, None, names))
    events += _side_events(text, known)
    rows = [m for m in data.rx("votes", "ballot_row").finditer(text)]
    for m in rows:
        choice = _choice(m.group("label"))
        names = tuple(list_names(m.group("names"), known))
        if choice and len(names) == 1:
            events.append(_Event(m.start(), m.end(), choice, None, names))
    numbers_used: list[tuple[int, int]] = []     # "Jaa-äänet: 31 Ei-äänet: 12": 31 is the yes count only
    for key in ("label_count", "count_label"):
        for m in data.rx("votes", key).finditer(text):
            choice = _choice(m.group("label"))
            if not choice or not _plausible(m, text) or m.span("n") in numbers_used:
                continue
            numbers_used.append(m.span("n"))
            events.append(_Event(m.start(), m.end(), choice, int(m.group("n"))))
    events.sort(key=lambda e: e.start)
    merged: list[_Event] = []
    for e in events:
        twin = next((p for p in reversed(merged) if p.choice == e.choice and e.start - p.end <= MERGE_DISTANCE
                     and (p.count is None) != (e.count is None) or (p.choice == e.choice and p.start <= e.start < p.end
                                                                    and (p.count is None) != (e.count is None))), None)
        if twin is not None:
            twin.count = twin.count if twin.count is not None else e.count
            twin.names = twin.names or e.names
            twin.end = max(twin.end, e.end)
            continue
        if any(p.start <= e.start < p.end and p.choice == e.choice and p.count == e.count for p in merged):
            continue
        merged.append(e)
    return merged


def _side_events(text: str, known: frozenset[str]) -> list[_Event]:
    """Roll calls printed by side without JAA/EI: in each vote (from one ``vote_start`` to the next)
    the first side is yes, the second no; "äänestivät tyhjää" is blank."""
    data = load_decision_data()
    starts = [m.start() for m in data.rx("votes", "vote_start").finditer(text)]
    bounds = list(zip([0] + starts, starts + [len(text)]))
    events = []
    for low, high in bounds:
        sides = 0
        for offset, sentence in rough_sentences(text[low:high]):
            m = data.rx("votes", "ballot_side").search(sentence)
            if m and not data.rx("votes", "side_marked").search(sentence) and sides < 2:
                names = list_names(m.group("names"), known)
                extra = m.group("extra") or ""
                if extra:       # "heidän lisäkseen": the side's mover (and seconder) voted too
                    pair = data.rx("votes", "side_mover_pair", cased=True).search(m.group("what"))
                    movers = [pair.group(1), pair.group(2)] if pair else \
                        data.rx("votes", "side_mover", cased=True).findall(m.group("what"))[:1]
                    names = [base_word(w, known) for w in movers] + names
                start = low + offset + m.start("names")
                events.append(_Event(start, start + len(m.group("names")), ("yes", "no")[sides],
                                     None, tuple(dict.fromkeys(names))))
                sides += 1
                continue
            m = data.rx("votes", "ballot_blank").search(sentence)
            if m and sides:
                start = low + offset + m.start("names")
                events.append(_Event(start, start + len(m.group("names")), "blank", None,
                                     tuple(list_names(m.group("names"), known))))
    return events


def _group(events: list[_Event]) -> list[list[_Event]]:
    """Events into votes: a choice printed again opens the next vote; a name row extends its list."""
    votes: list[list[_Event]] = []
    for e in events:
        current = votes[-1] if votes else None
        if current is not None and e.count is None and len(e.names or ()) == 1 and any(
                p.count is None and len(p.names or ()) == 1 for p in current):
            row_vote = current    # a table of one name per row: keep adding
            row_vote.append(e)
            continue
        if current is None or any(p.choice == e.choice for p in current):
            votes.append([e])
        else:
            current.append(e)
    return votes


def _number(text: str) -> int:
    """A count printed in digits or as a word ("yhden", "kaksi")."""
    if text.isdigit():
        return int(text)
    words = load_decision_data().raw["votes"]["number_words"]
    return next((int(n) for n, forms in words.items() if text.casefold() in forms), 0)


def _means(text: str, key: str) -> str | None:
    for pattern in load_decision_data().rxs("votes", key):
        m = pattern.search(text)
        if m:
            return " ".join(m.group("what").split()).strip(" :,.")
    return None


def find_votes(text: str, known: frozenset[str] = frozenset()) -> list[Vote]:
    """The votes printed in ``text`` in order (a possibly empty list); ``known``: names the meeting
    prints in base form, to which inflected mentions are matched."""
    if not load_decision_data().rx("votes", "vote_words").search(text):
        return []
    data = load_decision_data()
    out: list[tuple[int, int, Vote]] = []
    previous_end = 0
    groups = _group(_events(text, known))
    for k, group in enumerate(groups):
        counts = {"yes": 0, "no": 0, "blank": 0, "absent": 0}
        ballots: list[Ballot] = []
        for e in group:
            names = e.names or ()
            ballots += [Ballot(n, e.choice) for n in names]
            counts[e.choice] += e.count if e.count is not None else len(names)
        start, end = group[0].start, group[-1].end
        before = text[previous_end:start]
        after_end = groups[k + 1][0].start if k + 1 < len(groups) else len(text)
        result = data.rx("votes", "result").search(text[end:after_end])
        out.append((start, end, Vote(VoteCounts(**counts), _means(before, "yes_means"), _means(before, "no_means"),
                                     tuple(ballots), " ".join(result.group().split()) if result else None)))
        previous_end = end
    for key in ("pair", "slash", "against"):
        for m in data.rx("votes", key).finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            c = _number(m.group("c")) if "c" in m.groupdict() and m.group("c") else 0
            if any(m.start() < e and m.end() > s for s, e, _ in out):
                continue
            if any(sorted((v.counts.yes, v.counts.no)) == sorted((a, b)) and v.counts.blank == c for _, _, v in out):
                continue
            before = text[max(0, m.start() - 600):m.start()]
            result = data.rx("votes", "result").search(text[m.end():m.end() + 300])
            out.append((m.start(), m.end(), Vote(VoteCounts(a, b, c, 0), _means(before, "yes_means"),
                                                 _means(before, "no_means"), (),
                                                 " ".join(result.group().split()) if result else None)))
    out.sort(key=lambda t: t[0])
    return [v for _, _, v in out if v.counts.yes + v.counts.no + v.counts.blank + v.counts.absent > 0]
