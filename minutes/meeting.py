"""Meeting metadata from a document's front matter and running headers: organisation, body,
number, date and time, place, participants, document type and language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from .document import Document, Line
from .lexicon import fold, load_lexicon
from .record import Meeting, Participant
from .dates import parse_date

_WORD = regex.compile(r"\p{L}+")
_TIME = regex.compile(r"(\d{1,2})[.:](\d{2})")
_NAME = regex.compile(r"^\p{Lu}[\p{L}'’\-]+(?:[ \-]\p{Lu}[\p{L}'’\-.]*){1,3}$")


def _hhmm(text: str | None) -> str | None:
    if not text:
        return None
    m = _TIME.fullmatch(text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _label_value(line: Line, labels: frozenset[str]) -> str | None:
    """The value of a "Label value" line or a captioned line whose caption is one of ``labels``."""
    if line.caption and fold(line.caption) in labels:
        return line.text
    text = line.full_text
    for label in labels:
        if fold(text[: len(label) + 1]).startswith(label) and len(text) > len(label) + 1 \
                and text[len(label)] in " :\t":
            return text[len(label) + 1:].strip(" :")
    return None


def find_organization(texts: list[str]) -> str | None:
    lex = load_lexicon()
    suffixes = "|".join(regex.escape(s) for s in lex.organization_suffixes)
    pattern = regex.compile(rf"^(\p{{Lu}}[\p{{L}}\-]+ (?:{suffixes}))(?=$|\s+[\p{{Lu}}\d¦|])")
    for text in texts:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None


def find_body(text: str) -> str | None:
    """A body's name at the start of ``text`` ("Sivistyslautakunta 18.12.2024" -> "Sivistyslautakunta")."""
    lex = load_lexicon()
    words = text.split()
    if not words or not words[0][:1].isupper():
        return None
    for k, word in enumerate(words[:6]):
        bare = word.strip(",:;").casefold()
        if any(bare.endswith(s) for s in lex.body_suffixes) and len(bare) > 3:
            return " ".join(words[: k + 1]).strip(",:;")
        if any(ch.isdigit() for ch in word):
            return None
    return None


def detect_language(lines: list[Line], limit: int = 4000) -> str:
    lex = load_lexicon()
    counts: Counter = Counter()
    seen = 0
    for line in lines:
        for word in _WORD.findall(line.full_text.casefold()):
            for lang, words in lex.language_words.items():
                if word in words:
                    counts[lang] += 1
            seen += 1
        if seen > limit:
            break
    return "sv" if counts["sv"] > counts["fi"] else "fi"


def detect_document_type(texts: list[str]) -> str:
    lex = load_lexicon()
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if word in lex.agenda_words:
                return "agenda"
            if word in lex.minutes_words:
                return "minutes"
    return "minutes"


def _participant(text: str, status: str) -> list[Participant]:
    lex = load_lexicon()
    people: list[Participant] = []
    chunks = [(None, text)]
    if lex.checkbox.search(text):
        marks = list(lex.checkbox.finditer(text))
        chunks = [(m.group("mark"), text[m.end(): marks[k + 1].start() if k + 1 < len(marks) else len(text)])
                  for k, m in enumerate(marks)]
    for mark, chunk in chunks:
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        if not parts:
            continue
        name = parts[0]
        if not _NAME.match(name):
            continue
        role = None
        for part in parts[1:]:
            folded = part.casefold()
            role = next((r for r in lex.roles if folded == r or folded.endswith(" " + r)), None)
            if role:
                break
        arrived = lex.arrived.search(chunk)
        left = lex.left.search(chunk)
        who_status = "absent" if mark is not None and not mark.strip() else status
        people.append(Participant(name, role, who_status,
                                  _hhmm(arrived.group("time")) if arrived else None,
                                  _hhmm(left.group("time")) if left else None))
    return people


def find_participants(front: list[Line]) -> tuple[Participant, ...]:
    lex = load_lexicon()
    status: str | None = None
    people: list[Participant] = []
    for line in front:
        heading = fold(line.caption or line.full_text)
        if heading in lex.participants_end:
            status = None
            continue
        for group, name in ((lex.participants_present, "present"), (lex.participants_other, "other"),
                            (lex.participants_absent, "absent")):
            if heading in group:
                status = name
                break
        else:
            if status:
                people.extend(_participant(line.text if line.caption else line.full_text, status))
            continue
        if line.caption and line.text:
            people.extend(_participant(line.text, status or "present"))
    return tuple(people)


@dataclass(frozen=True)
class MeetingInfo:
    meeting: Meeting
    document_type: str
    language: str


def parse_meeting(document: Document, front: list[Line]) -> MeetingInfo:
    """Meeting metadata from the front matter, the running headers and the HTML title."""
    lex = load_lexicon()
    header_texts = [line.full_text for line in document.furniture[:6]]
    front_texts = [line.full_text for line in front[:80]]
    title = document.metadata.get("title", "")
    texts = header_texts + front_texts + ([title] if title else [])
    organization = find_organization(texts + [line.full_text for line in document.lines[:3]])
    body = None
    for line in front[:80]:
        value = _label_value(line, lex.body_labels)
        if value:
            body = value
            break
    if body is None:
        for text in texts:
            rest = text
            if organization and organization in rest:
                continue
            for part in regex.split(r"\s*[|¦]\s*", rest):
                body = find_body(part)
                if body:
                    break
            if body:
                break
    number = None
    for text in texts:
        m = lex.doc_number.search(text)
        if m and (fold(m.group("kind")) in lex.minutes_words or fold(m.group("kind")) in lex.agenda_words):
            number = m.group("number")
            break
    when = start = end = place = None
    for line in front[:80]:
        value = _label_value(line, lex.time_labels)
        if value and when is None:
            m = lex.time_range.search(value)
            if m:
                when = parse_date(m.group("date"))
                start, end = _hhmm(m.group("start")), _hhmm(m.group("end"))
        value = _label_value(line, lex.place_labels)
        if value and place is None:
            place = value
    if when is None:
        for text in texts:
            when = parse_date(text)
            if when:
                break
    meeting = Meeting(organization=organization, body=body, number=number, date=when, start=start,
                      end=end, place=place, participants=find_participants(front))
    return MeetingInfo(meeting, detect_document_type(texts), detect_language(list(document.lines)))
