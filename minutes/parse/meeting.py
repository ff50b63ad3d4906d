"""Meeting metadata from a document's front matter and running headers: organisation, body,
number, date and time, place, participants, document type and language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import regex

from minutes.language.analysis import is_common_word
from minutes.language.lexicon import fold, load_dates, load_lexicon
from minutes.record import Meeting, Participant

from .dates import find_dates, parse_date
from .document import Document, Line
from .lines import find_organization

_WORD = regex.compile(r"\p{L}+")
_TIME = regex.compile(r"(\d{1,2})[.:](\d{2})")
_NAME = regex.compile(r"^\p{Lu}[\p{L}'’\-]+(?:[ \-]\p{Lu}[\p{L}'’\-.]*){1,3}$")
MENTIONS = 2      # times a document must name an organisation in its text to be taken as its own
KIND_LINES = 8    # lines at the top of a document without a cover searched for its kind ("Esityslista ...")


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


def find_notice_organization(lines: list[Line]) -> str | None:
    """The organisation named in a notice that the minutes are published or were checked
    ("... nähtävänä Kallioniemen kunnan verkkosivuilla" -> "Kallioniemen kunta")."""
    lex = load_lexicon()
    words = "|".join(regex.escape(w) for w in sorted(lex.organization_genitives, key=len, reverse=True))
    pattern = regex.compile(rf"\b(\p{{Lu}}[\p{{L}}\-]+)\s+({words})\b", regex.IGNORECASE)
    for line in lines:
        text = line.full_text
        if not set(_WORD.findall(text.casefold())) & lex.notice_words:
            continue
        m = pattern.search(text)
        if m and m.group(1)[:1].isupper():
            return f"{m.group(1)} {lex.organization_genitives[m.group(2).casefold()]}"
        found = find_organization([text[k.start():] for k in regex.finditer(r"\b\p{Lu}", text)])
        if found:
            return found
    return None


def find_mentioned_organization(lines: list[Line]) -> str | None:
    """The organisation a document names most often in its text ("… Nykarleby stad …",
    "Lapuan kaupungin …"), when it names one at least ``MENTIONS`` times and more often than any
    other: a last resort for minutes that print their organisation nowhere else."""
    lex = load_lexicon()
    forms = {s: s for s in lex.organization_suffixes} | dict(lex.organization_genitives)
    words = "|".join(regex.escape(w) for w in sorted(forms, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![\p{{L}}-])(\p{{Lu}}[\p{{L}}\-]+)\s+({words})(?!\p{{L}})")
    counts: Counter = Counter()
    for line in lines:
        for m in pattern.finditer(line.full_text):
            if not is_common_word(m.group(1)):      # "Tulevaisuuden kunta" names no town
                counts[f"{m.group(1)} {forms[m.group(2)]}"] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


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


def detect_document_type(texts: list[str], first_lines: list[Line | str] = ()) -> str:
    """"agenda" or "minutes" from the first document-kind word of the headers, cover and title;
    else from a line near the top that opens with one ("Esityslista 29.05.2017 Asianro 4" on an
    item page that has no cover); else minutes."""
    lex = load_lexicon()
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            if word in lex.agenda_words:
                return "agenda"
            if word in lex.minutes_words:
                return "minutes"
    for source in first_lines[:KIND_LINES]:
        for part in _cells(source):
            words = _WORD.findall(part.casefold())
            if words and words[0] in lex.agenda_words:
                return "agenda"
            if words and words[0] in lex.minutes_words:
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


def _is_body(name: str) -> bool:
    """A name that ends in a body word ("Kaupunkiympäristölautakunnan ympäristö- ja lupajaosto")."""
    last = name.split()[-1].strip(",:;").casefold() if name.split() else ""
    return len(last) > 3 and any(last.endswith(s) for s in load_lexicon().body_suffixes)


def _is_document_kind(word: str) -> bool:
    lex = load_lexicon()
    return fold(word) in lex.minutes_words or fold(word) in lex.agenda_words


_PIPES = regex.compile(r"\s*[|¦]\s*")   # cells printed in a line of text ("Kunta | Pöytäkirja 3/2025")


def _cells(source: Line | str) -> list[str]:
    """The cells of a line: a table row's (``Line.cells``), else the parts of its text (caption
    included) between printed bars; a text (a part of the HTML title) is split alike."""
    if isinstance(source, Line):
        if source.cells and not source.caption:
            return [part.strip() for cell in source.cells for part in _PIPES.split(cell)]
        source = source.full_text
    return [c.strip() for c in _PIPES.split(source)]


def _text(source: Line | str) -> str:
    return source.full_text if isinstance(source, Line) else source


def iter_labelled(lines: list[Line], labels: frozenset[str]) -> Iterator[str]:
    """The values of fields labelled with one of ``labels``: "Label value", a caption, a label
    alone on its line with the value on the next, or a table column headed by the label."""
    for k, line in enumerate(lines):
        value = _label_value(line, labels)
        if value:
            yield value
            continue
        following = lines[k + 1].full_text if k + 1 < len(lines) else ""
        if fold(line.full_text) in labels and following:
            yield following
            continue
        value = _column_value(lines[k:], labels)
        if value:
            yield value


def _column_value(lines: list[Line], labels: frozenset[str]) -> str | None:
    """The cell under a column headed by one of ``labels`` in the table starting at ``lines[0]``:
    of the last row, for a table of handlings lists the current one last."""
    cells = _cells(lines[0])
    column = next((i for i, c in enumerate(cells) if fold(c) in labels), None)
    if column is None or len(cells) < 2:
        return None
    rows = []
    for line in lines[1:]:
        row = _cells(line)
        if len(row) <= column or abs(len(row) - len(cells)) > 1 or (rows and len(row) != len(rows[0])):
            break
        rows.append(row)
    return rows[-1][column] if rows else None


def _labelled_time(lines: list[Line]) -> tuple[date | None, str | None, str | None]:
    """The date and start and end times of the meeting's labelled time field: "12.3.2025 klo
    17.00–19.10", or a day written with the month's name ("tiistaina 4. maaliskuuta 2025 klo
    18.00", "måndag 3 mars 2025 kl. 18.00")."""
    lex = load_lexicon()
    for value in iter_labelled(lines, lex.time_labels):
        m = lex.time_range.search(value)
        if m and parse_date(m.group("date")):
            return parse_date(m.group("date")), _hhmm(m.group("start")), _hhmm(m.group("end"))
        day = next((d.start for d in find_dates(value) if d.start is not None and d.start == d.end), None)
        if day is not None:
            clock = lex.clock.search(value)
            return day, _hhmm(clock.group("start")) if clock else None, _hhmm(clock.group("end")) if clock else None
    return None, None, None


def _is_drafted(text: str) -> bool:
    """A "Päivämäärä 3.11.2025" line: the date the document was drafted or sent."""
    lex = load_lexicon()
    return any(fold(text).startswith(label + " ") for label in lex.drafted_labels)


def find_header_date(texts: list[Line | str]) -> date | None:
    """The meeting date of a running header or item page header: "Pöytäkirja 12.09.2024/Pykälä
    303", then a line of only a body and a date, then an index line of only a date and a time.
    Dates followed by "§ N" (citations of decisions) never count."""
    lex = load_lexicon()
    parts = [c for source in texts for c in _cells(source) if c and not _is_drafted(c)]
    for part in parts:
        m = lex.header_date.search(part)
        if m and _is_document_kind(m.group("kind")):
            return parse_date(m.group("date"))
    for part in parts:
        m = lex.body_date.search(part)
        if m and _is_body(m.group("body")) and (not m.group("kind") or _is_document_kind(m.group("kind"))):
            return parse_date(m.group("date"))
    for part in parts:
        m = lex.date_time.search(part)
        if m:
            return parse_date(m.group("date"))
    return _row_date(texts)


def _row_date(texts: list[Line | str]) -> date | None:
    """The date printed alone just after the document's kind and number, in the next cell of a
    header row or on the next line of a header ("Korpilahden kunta | PÖYTÄKIRJA 3/2025 |
    19.3.2025", a Word header's table)."""
    parts = [c for source in texts for c in _cells(source) if c]
    for kind, after in zip(parts, parts[1:]):
        words = _WORD.findall(kind)
        if words and _is_document_kind(words[0]) and load_dates().date.fullmatch(after):
            return parse_date(after)
    return None


def find_signature_date(lines: list[Line]) -> date | None:
    """The date of the first place and date line ("Lapualla 18.12.2024") followed by a signer."""
    lex = load_lexicon()
    for k, line in enumerate(lines):
        m = lex.signature_date.search(line.full_text)
        if not m:
            continue
        after = lines[k + 1: k + 1 + lex.signature_window]
        if any(set(_WORD.findall(a.full_text.casefold())) & lex.signature_roles for a in after):
            return parse_date(m.group("date"))
    return None


def _is_name_of_body(words: list[str]) -> bool:
    """Words before a body word that belong to its name: genitives, conjunctions and hyphenated
    first parts ("Teknisen lautakunnan lupajaosto", "Sivistys- ja vapaa-aikalautakunta")."""
    lex = load_lexicon()
    return all(w.endswith("-") or w.casefold() in lex.conjunctions or w.endswith(lex.genitive_endings)
               for w in words[:-1])


def find_decision_subject(text: str) -> str | None:
    """The body that decides or proposes in ``text``: the subject of a sentence opening with a
    body's name and a decision verb ("Kaupunginhallitus päätti ...", "Stadsstyrelsen beslöt ...")."""
    lex = load_lexicon()
    for sentence in regex.split(r"(?<=[.!?:])\s+|\n+", text):
        words = sentence.split()
        for k, word in enumerate(words[: lex.decision_subject_words + 1]):
            if word.strip(",.;:").casefold() in lex.decision_verbs:
                subject = " ".join(words[:k])
                if k and subject[:1].isupper() and _is_body(subject) and _is_name_of_body(words[:k]):
                    return subject
                break
    return None


def _find_printed_body(texts: list[Line | str], organization: str | None) -> str | None:
    """A body's name opening a header or front matter line or one of its cells."""
    for source in texts:
        if organization and organization in _text(source):
            continue
        body = next((b for part in _cells(source) if (b := find_body(part))), None)
        if body:
            return body
    return None


def _is_header_date(text: str) -> bool:
    m = load_lexicon().header_date.search(text)
    return bool(m) and _is_document_kind(m.group("kind"))


def _find_body_line(texts: list[Line | str]) -> str | None:
    """A body's name alone on a line or in a cell next to a "Pöytäkirja 08.05.2017" header: the
    heading of an item page ("Kaupunginhallitus" above "Esityslista 29.05.2017 Asianro 4")."""
    cells = [c for source in texts for c in _cells(source) if c]
    for k, cell in enumerate(cells):
        neighbours = cells[max(0, k - 1): k] + cells[k + 1: k + 2]
        if _is_body(cell) and find_body(cell) == cell and any(_is_header_date(n) for n in neighbours):
            return cell
    return None


def _meta(metadata: dict, names: tuple[str, ...]) -> str | None:
    return next((metadata[n].strip() for n in names if (metadata.get(n) or "").strip()), None)


@dataclass(frozen=True)
class MeetingInfo:
    meeting: Meeting
    document_type: str
    language: str


HEAD_LINES = 20   # the first lines of a document, read for its meeting even when no front matter is found


def _meta_date(value: str | None) -> date | None:
    """A date given in a meta tag: ISO ("2024-09-16", "2024-09-16T17:00:00") or as printed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return parse_date(value)


def parse_meeting(document: Document, front: list[Line]) -> MeetingInfo:
    """Meeting metadata from the front matter, the running headers, the HTML title and meta tags
    and, for the date, a signature block."""
    lex = load_lexicon()
    head = front[:80] if front else list(document.lines[:HEAD_LINES])   # an item page has no front
    title = document.metadata.get("title", "")
    title_parts = [t for t in regex.split(r"\s+[-–|]\s+", title) if t] if title else []
    sources: list[Line | str] = list(document.furniture[:6] + tuple(front[:80])) + title_parts
    head_sources = sources + ([] if front else list(head))
    texts = [_text(source) for source in sources]
    organization = _meta(document.metadata, lex.meta_organization) or find_organization(head_sources) \
        or find_notice_organization(list(document.lines)) \
        or find_mentioned_organization(list(document.furniture) + list(document.lines))
    body = next(iter_labelled(head, lex.body_labels), None) or _meta(document.metadata, lex.meta_body) \
        or _find_printed_body(sources, organization) or _find_body_line(head_sources)
    number = None
    for text in texts:
        m = lex.doc_number.search(text)
        if m and _is_document_kind(m.group("kind")):
            number = m.group("number")
            break
    when, start, end = _labelled_time(head)
    when = when or _meta_date(_meta(document.metadata, lex.meta_date)) or find_header_date(head_sources) \
        or find_signature_date(list(document.lines))
    place = next(iter(v for line in head if (v := _label_value(line, lex.place_labels))), None)
    meeting = Meeting(organization=organization, body=body, number=number, date=when, start=start,
                      end=end, place=place, participants=find_participants(front))
    return MeetingInfo(meeting, detect_document_type(texts, list(document.lines[:KIND_LINES])),
                       detect_language(list(document.lines)))
