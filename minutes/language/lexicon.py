"""Load and validate the language and layout data kept under ``models/``.

All Finnish and Swedish vocabulary the parser uses lives in the TOML files of ``models/``;
this module is the only place that reads them. ``load_lexicon()`` returns one frozen
``Lexicon`` with compiled patterns, cached for the process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import regex

from minutes.errors import LexiconError
from minutes.record import SECTION_KINDS

_COLON_JUNK = regex.compile(r"^(.{2,}?):\s?\S?$")

LAYOUT_KINDS = ("appendix",)   # section kinds found by the page layout, never by a heading
FIELD_KINDS = ("presenter", "preparers", "history", "case", "proposal_or_decision")
HEADING_KEYS = {"exact", "suffix", "glued"}


def models_dir() -> Path:
    """The folder holding the data files: the source tree's when this code runs from a checkout
    (so that a second checkout, a git worktree, reads its own data and not that of the checkout
    the package was installed from), else the installed package data."""
    source = Path(__file__).resolve().parents[2] / "models"
    if (source / "headings.toml").is_file():
        return source
    from importlib import resources

    try:
        path = Path(str(resources.files("minutes.models")))
        if (path / "headings.toml").is_file():
            return path
    except ModuleNotFoundError:
        pass
    return source


def _read(name: str) -> dict:
    import tomllib

    path = models_dir() / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


def _compile(pattern: str, where: str, flags: int = 0) -> regex.Pattern:
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise LexiconError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def fold(text: str) -> str:
    """The form headings are compared in: lower case, single spaces, no trailing colon."""
    text = " ".join(text.split()).casefold().rstrip(" :")
    return text.replace(" /", "/").replace("/ ", "/").replace("/", " / ")


@dataclass(frozen=True)
class HeadingKind:
    kind: str
    exact: frozenset[str]
    suffix: tuple[str, ...]
    glued: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    headings: dict[str, HeadingKind]
    heading_index: dict[str, str]       # folded heading -> kind
    suffix_index: dict[str, str]        # suffix word -> kind
    glued: tuple[tuple[str, str], ...]  # (heading as printed in title case, kind), longest first
    genitive_max_words: int
    genitive_endings: tuple[str, ...]
    item_start: tuple[regex.Pattern, ...]
    item_body_start: tuple[regex.Pattern, ...]   # "Khall § 45": headers naming the body first
    body_abbreviation_shape: regex.Pattern        # "Ks", "Styr": an abbreviation no table knows
    toc_entry: regex.Pattern
    number_label: regex.Pattern
    index_number_columns: frozenset[str]
    index_title_columns: frozenset[str]
    template_words: frozenset[str]
    toc_heading: frozenset[str]
    case_patterns: tuple[regex.Pattern, ...]
    case_label: regex.Pattern
    case_labelled: regex.Pattern
    task_class: regex.Pattern
    bare_number: regex.Pattern
    stage_lines: tuple[regex.Pattern, ...]
    not_bodies: frozenset[str]
    stage_body_suffixes: tuple[str, ...]
    time_labels: frozenset[str]
    drafted_labels: frozenset[str]
    header_date: regex.Pattern
    body_date: regex.Pattern
    date_time: regex.Pattern
    signature_date: regex.Pattern
    signature_roles: frozenset[str]
    signature_window: int
    decision_verbs: frozenset[str]
    decision_subject_words: int
    meta_organization: tuple[str, ...]
    meta_body: tuple[str, ...]
    meta_date: tuple[str, ...]
    place_labels: frozenset[str]
    body_labels: frozenset[str]
    doc_number: regex.Pattern
    time_range: regex.Pattern
    clock: regex.Pattern              # the times of a time field whose date has the month's name
    minutes_words: frozenset[str]
    agenda_words: frozenset[str]
    organization_suffixes: tuple[str, ...]
    organization_genitives: dict[str, str]
    notice_words: frozenset[str]
    body_suffixes: tuple[str, ...]
    participants_present: frozenset[str]
    participants_other: frozenset[str]
    participants_absent: frozenset[str]
    participants_end: frozenset[str]
    roles: tuple[str, ...]
    arrived: regex.Pattern
    left: regex.Pattern
    checkbox: regex.Pattern
    presenter_line: regex.Pattern
    attachment_entry: regex.Pattern
    attachment_note: regex.Pattern
    ocr_languages: str
    ocr_page_languages: dict[str, str]   # a page's language -> Tesseract's data for it
    ocr_fixes: tuple[tuple[regex.Pattern, str], ...]
    preparer_line: regex.Pattern
    language_words: dict[str, frozenset[str]]
    proper_classes: frozenset[str]
    conjunctions: frozenset[str]
    vowels: str
    inline_preparer: frozenset[str]
    within: dict[str, frozenset[str]]   # section kind -> labels that continue it
    body_abbreviations: dict[str, str]  # every abbreviation of any table -> its default full name
    body_names: "BodyNames"
    meeting_end_on_new_page: frozenset[str]
    meeting_end_always: frozenset[str]
    remove_chars: str
    ligatures: dict[str, str]
    space_chars: str

    def heading_kind(self, text: str, styled: bool = False) -> str | None:
        """The kind of a heading as printed, or None when ``text`` is not a known heading.

        A heading built on a genitive ("Kaupunginjohtajan ehdotus:") counts only when it ends in
        a colon or is ``styled`` (a caption, bold, a marked heading): "Hyväksyttiin esitys." is
        text. A colon followed by one stray character ("beslut:i", a broken glyph map) counts.
        """
        colon = text.rstrip().endswith(":")
        junk = _COLON_JUNK.match(text)
        if junk:
            text = junk.group(1)
            colon = True
        folded = fold(text)
        if not folded:
            return None
        kind = self.heading_index.get(folded)
        if kind:
            return kind
        words = folded.split()
        if (colon or styled) and 2 <= len(words) <= self.genitive_max_words + 1:
            kind = self.suffix_index.get(words[-1])
            if kind and any(words[-2].endswith(e) for e in self.genitive_endings):
                if all(w[0].isalpha() or w[0] in "-/" for w in words[:-1]):
                    return kind
        return None


def _headings(data: dict) -> tuple[dict, dict, dict, tuple]:
    unknown_tables = set(data) - {"kinds", "genitive", "inline_preparer", "within"}
    if unknown_tables:
        raise LexiconError(f"headings.toml: unknown tables {sorted(unknown_tables)}")
    kinds = data.get("kinds")
    if not isinstance(kinds, dict):
        raise LexiconError("headings.toml: [kinds] missing")
    headings: dict[str, HeadingKind] = {}
    index: dict[str, str] = {}
    suffix_index: dict[str, str] = {}
    glued: list[tuple[str, str]] = []
    for kind, entry in kinds.items():
        if kind not in SECTION_KINDS and kind not in FIELD_KINDS:
            raise LexiconError(f"headings.toml: unknown kind {kind!r}")
        unknown = set(entry) - HEADING_KEYS
        if unknown:
            raise LexiconError(f"headings.toml: [{kind}] has unknown keys {sorted(unknown)}")
        exact = [fold(h) for h in entry.get("exact", [])]
        for heading in exact:
            if heading in index and index[heading] != kind:
                raise LexiconError(f"headings.toml: {heading!r} is both {index[heading]} and {kind}")
            index[heading] = kind
        for word in entry.get("suffix", []):
            suffix_index[fold(word)] = kind
        for word in entry.get("glued", []):
            if fold(word) not in index:
                raise LexiconError(f"headings.toml: glued heading {word!r} is not an exact heading")
            glued.append((word[:1].upper() + word[1:], kind))
        headings[kind] = HeadingKind(kind, frozenset(exact), tuple(entry.get("suffix", [])),
                                     tuple(entry.get("glued", [])))
    glued.sort(key=lambda g: -len(g[0]))
    return headings, index, suffix_index, tuple(glued)


@dataclass(frozen=True)
class BodyNames:
    """Abbreviations of body names: a default table, tables for organisations whose name ends in
    a word (``kunta``), and tables of single organisations (``Turun kaupunki``)."""

    default: dict[str, str]
    by_ending: dict[str, dict[str, str]]
    by_organization: dict[str, dict[str, str]]

    def known(self) -> dict[str, str]:
        """Every abbreviation of any table -> its full name in the default table (else the first
        table that has it)."""
        out: dict[str, str] = {}
        for table in (*self.by_organization.values(), *self.by_ending.values(), self.default):
            out.update(table)
        return out

    def full_name(self, abbreviation: str, organization: str | None = None) -> str | None:
        """The full name of ``abbreviation`` in ``organization``; None where no table applies."""
        tables = []
        if organization:
            tables.append(self.by_organization.get(" ".join(organization.split()), {}))
            last = organization.split()[-1].casefold() if organization.split() else ""
            tables.append(self.by_ending.get(last, {}))
        tables.append(self.default)
        for table in tables:
            if abbreviation in table:
                return table[abbreviation]
        return None


BODY_TABLES = {"abbreviations", "abbreviations_by_organization_ending", "abbreviations_by_organization",
               "meeting_end"}


def _abbreviation_table(table, where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise LexiconError(f"bodies.toml: {where} must be a table of abbreviation = full name")
    for short, name in table.items():
        if not short or short != short.strip() or " " in short:
            raise LexiconError(f"bodies.toml: {where}: bad abbreviation {short!r}")
        if not isinstance(name, str) or not name.strip() or name != " ".join(name.split()):
            raise LexiconError(f"bodies.toml: {where}: {short!r} needs a full name, not {name!r}")
        if not name[:1].isupper():
            raise LexiconError(f"bodies.toml: {where}: the full name of {short!r} must be capitalised")
        if len(name) <= len(short):
            raise LexiconError(f"bodies.toml: {where}: {name!r} is no longer than its abbreviation {short!r}")
    return dict(table)


def _body_names(data: dict) -> BodyNames:
    """``bodies.toml``'s abbreviation tables, validated."""
    unknown = set(data) - BODY_TABLES
    if unknown:
        raise LexiconError(f"bodies.toml: unknown tables {sorted(unknown)}")
    default = _abbreviation_table(data.get("abbreviations"), "[abbreviations]")
    by_ending, by_org = {}, {}
    for ending, table in data.get("abbreviations_by_organization_ending", {}).items():
        if not ending or ending != ending.casefold() or " " in ending:
            raise LexiconError(f"bodies.toml: organisation ending {ending!r} must be one lower-case word")
        by_ending[ending] = _abbreviation_table(table, f"[abbreviations_by_organization_ending.{ending}]")
    for organization, table in data.get("abbreviations_by_organization", {}).items():
        if organization != " ".join(organization.split()) or not organization[:1].isupper():
            raise LexiconError(f"bodies.toml: organisation {organization!r} must be named as printed")
        by_org[organization] = _abbreviation_table(table, f"[abbreviations_by_organization.{organization!r}]")
    return BodyNames(default, by_ending, by_org)


def _meeting_pattern(meeting: dict, key: str, groups: set[str]) -> regex.Pattern:
    """A pattern of ``[meeting]`` that must hold the named ``groups``."""
    pattern = _compile(meeting[key], f"patterns.toml [meeting] {key}")
    if not groups <= set(pattern.groupindex):
        raise LexiconError(f"patterns.toml [meeting] {key}: needs the groups {sorted(groups)}")
    return pattern


def _genitives(organizations: dict) -> dict[str, str]:
    """Genitive -> nominative of the organisation words; every nominative must be a suffix."""
    genitives = {k.casefold(): v for k, v in organizations["genitive"].items()}
    unknown = sorted(set(genitives.values()) - set(organizations["suffix"]))
    if unknown:
        raise LexiconError(f"patterns.toml [organizations] genitive: {unknown} are not suffixes")
    return genitives


def _lower_set(values) -> frozenset[str]:
    return frozenset(fold(v) for v in values)


@functools.cache
def load_lexicon() -> Lexicon:
    """Read, validate and compile every data file under ``models/``."""
    h = _read("headings.toml")
    p = _read("patterns.toml")
    lang = _read("language.toml")
    norm = _read("normalization.toml")
    bodies = _read("bodies.toml")
    body_names = _body_names(bodies)
    headings, index, suffix_index, glued = _headings(h)
    gen = h.get("genitive", {})
    date = p["stages"]["date"]
    stage_lines = tuple(
        _compile(s.replace("{date}", date), "patterns.toml [stages]") for s in p["stages"]["lines"]
    )
    for pat in stage_lines:
        if not {"body", "number"} <= set(pat.groupindex):
            raise LexiconError(f"patterns.toml [stages]: {pat.pattern!r} lacks body/number groups")
    item_start = tuple(_compile(s, "patterns.toml [items]") for s in p["items"]["start"])
    for pat in item_start:
        if "number" not in pat.groupindex:
            raise LexiconError(f"patterns.toml [items]: {pat.pattern!r} lacks a number group")
    item_body_start = tuple(_compile(s.replace("{date}", date), "patterns.toml [items] body_start")
                            for s in p["items"]["body_start"])
    for pat in item_body_start:
        if not {"body", "number"} <= set(pat.groupindex):
            raise LexiconError(f"patterns.toml [items] body_start: {pat.pattern!r} lacks body/number groups")
    meeting = p["meeting"]
    parts = p["participants"]
    return Lexicon(
        headings=headings,
        heading_index=index,
        suffix_index=suffix_index,
        glued=glued,
        genitive_max_words=int(gen.get("max_words", 8)),
        genitive_endings=(gen.get("fi_ending", "n"), gen.get("sv_ending", "s")),
        item_start=item_start,
        item_body_start=item_body_start,
        body_abbreviation_shape=_compile(p["items"]["body_abbreviation"], "patterns.toml [items]"),
        toc_entry=_compile(p["items"]["toc_entry"], "patterns.toml [items]"),
        number_label=_compile(p["items"]["number_label"], "patterns.toml [items]"),
        index_number_columns=_lower_set(p["items"]["index_number_columns"]),
        index_title_columns=_lower_set(p["items"]["index_title_columns"]),
        template_words=_lower_set(p["items"]["template_words"]),
        toc_heading=_lower_set(p["items"]["toc_heading"]),
        case_patterns=tuple(_compile(s, "patterns.toml [case_id]") for s in p["case_id"]["patterns"]),
        case_label=_compile(p["case_id"]["label"], "patterns.toml [case_id]", regex.IGNORECASE),
        case_labelled=_compile(p["case_id"]["labelled"], "patterns.toml [case_id]"),
        task_class=_compile(p["case_id"]["task_class"], "patterns.toml [case_id]"),
        bare_number=_compile(p["case_id"]["bare_number"], "patterns.toml [case_id]"),
        stage_lines=stage_lines,
        not_bodies=_lower_set(p["stages"]["not_bodies"]),
        stage_body_suffixes=tuple(p["bodies"]["suffix"]) + tuple(p["stages"]["extra_body_suffixes"]),
        time_labels=_lower_set(meeting["time_label"]),
        drafted_labels=_lower_set(meeting["drafted_label"]),
        header_date=_meeting_pattern(meeting, "header_date", {"kind", "date"}),
        body_date=_meeting_pattern(meeting, "body_date", {"body", "date"}),
        date_time=_meeting_pattern(meeting, "date_time", {"date"}),
        signature_date=_meeting_pattern(meeting, "signature_date", {"date"}),
        signature_roles=_lower_set(meeting["signature_roles"]),
        signature_window=int(meeting["signature_window"]),
        decision_verbs=_lower_set(meeting["decision_verbs"]),
        decision_subject_words=int(meeting["decision_subject_words"]),
        meta_organization=tuple(v.casefold() for v in meeting["meta_organization"]),
        meta_body=tuple(v.casefold() for v in meeting["meta_body"]),
        meta_date=tuple(v.casefold() for v in meeting["meta_date"]),
        place_labels=_lower_set(meeting["place_label"]),
        body_labels=_lower_set(meeting["body_label"]),
        doc_number=_compile(meeting["doc_number"], "patterns.toml [meeting]"),
        time_range=_compile(meeting["time_range"], "patterns.toml [meeting]"),
        clock=_compile(meeting["clock"], "patterns.toml [meeting]"),
        minutes_words=_lower_set(p["documents"]["minutes"]),
        agenda_words=_lower_set(p["documents"]["agenda"]),
        organization_suffixes=tuple(p["organizations"]["suffix"]),
        organization_genitives=_genitives(p["organizations"]),
        notice_words=_lower_set(p["organizations"]["notice_words"]),
        body_suffixes=tuple(sorted(p["bodies"]["suffix"], key=len, reverse=True)),
        participants_present=_lower_set(parts["present"]),
        participants_other=_lower_set(parts["other"]),
        participants_absent=_lower_set(parts["absent"]),
        participants_end=_lower_set(parts["end"]),
        roles=tuple(sorted(parts["roles"], key=len, reverse=True)),
        arrived=_compile(parts["arrived"], "patterns.toml [participants]", regex.IGNORECASE),
        left=_compile(parts["left"], "patterns.toml [participants]", regex.IGNORECASE),
        checkbox=_compile(parts["checkbox"], "patterns.toml [participants]"),
        presenter_line=_compile(p["presenter"]["line"], "patterns.toml [presenter]"),
        attachment_entry=_compile(p["attachments"]["entry"], "patterns.toml [attachments]", regex.IGNORECASE),
        attachment_note=_compile(p["attachments"]["note"], "patterns.toml [attachments]", regex.IGNORECASE),
        ocr_languages=p["ocr"]["languages"],
        ocr_page_languages=dict(p["ocr"]["page_languages"]),
        ocr_fixes=tuple((_compile(a, "patterns.toml [ocr]"), b) for a, b in p["ocr"]["fixes"]),
        preparer_line=_compile(p["preparers"]["line"], "patterns.toml [preparers]"),
        language_words={k: frozenset(lang[k]["words"]) for k in ("fi", "sv")},
        proper_classes=frozenset(lang.get("voikko", {}).get("proper_classes", ())),
        conjunctions=frozenset(lang["hyphenation"]["conjunctions"]),
        vowels=lang["hyphenation"]["vowels"],
        inline_preparer=_lower_set(h.get("inline_preparer", {}).get("headings", [])),
        within={kind: _lower_set(labels) for kind, labels in h.get("within", {}).items()},
        body_abbreviations=body_names.known(),
        body_names=body_names,
        meeting_end_on_new_page=_lower_set(bodies["meeting_end"]["on_new_page"]),
        meeting_end_always=_lower_set(bodies["meeting_end"]["always"]),
        remove_chars="".join(norm["remove"]),
        ligatures=dict(norm["ligatures"]),
        space_chars="".join(norm["spaces"]["chars"]),
    )


@dataclass(frozen=True)
class DateData:
    months: dict[str, int]              # month stem (fi and sv) -> month
    seasons: dict[str, tuple[int, int]]
    date: regex.Pattern
    range: regex.Pattern
    short: regex.Pattern
    fi_day: regex.Pattern
    sv_day: regex.Pattern
    month_year: regex.Pattern
    season_year: regex.Pattern
    first_year: int
    last_year: int


@functools.cache
def load_dates() -> DateData:
    """``models/dates.toml``: month and season words and date patterns."""
    d = _read("dates.toml")
    months = {**d["months"]["fi"], **d["months"]["sv"]}
    if sorted(set(months.values())) != list(range(1, 13)):
        raise LexiconError("dates.toml: [months] must name all twelve months")
    seasons = {}
    for word, span in d["seasons"].items():
        if len(span) != 2 or not all(1 <= m <= 12 for m in span):
            raise LexiconError(f"dates.toml: season {word!r} must be [first month, last month]")
        seasons[word] = (span[0], span[1])
    num, words = d["numeric"], d["words"]
    where = "dates.toml"
    # month and season words: only the stems of the data, in any case form
    month_words = "(?:" + "|".join(regex.escape(m) for m in sorted(months, key=len, reverse=True)) + r")\p{L}*"
    season_words = "(?:" + "|".join(regex.escape(w) for w in sorted(seasons, key=len, reverse=True)) + ")"
    words = {k: v.replace(r"(?P<month>\p{L}+)", f"(?P<month>{month_words})")
             .replace(r"(?P<month>\p{L}+kuu\p{L}*)", f"(?P<month>{month_words})")
             .replace(r"(?P<season>\p{L}+)", f"(?P<season>{season_words})") for k, v in words.items()}
    return DateData(
        months=months, seasons=seasons,
        date=_compile(num["date"], where), range=_compile(num["range"], where),
        short=_compile(num["short"], where),
        fi_day=_compile(words["fi_day"], where, regex.IGNORECASE),
        sv_day=_compile(words["sv_day"], where, regex.IGNORECASE),
        month_year=_compile(words["month_year"], where, regex.IGNORECASE),
        season_year=_compile(words["season_year"], where, regex.IGNORECASE),
        first_year=d["validity"]["first_year"], last_year=d["validity"]["last_year"],
    )


@dataclass(frozen=True)
class ReferenceData:
    patterns: tuple[tuple[str, regex.Pattern], ...]    # (kind, pattern), in the order tried
    endings: tuple[tuple[str, str], ...]
    aliases: dict[str, str]
    body_prefixes: tuple[str, ...]
    joiner: regex.Pattern                          # between the handlings of a list ("ja", "och", ",")
    continuations: tuple[regex.Pattern, ...]       # one more handling of the same body


REFERENCE_KINDS = ("law", "office_decision", "decision", "attachment")


@functools.cache
def load_references() -> ReferenceData:
    """``models/references.toml`` compiled with the body abbreviations of ``bodies.toml``."""
    r = _read("references.toml")
    abbreviations = load_lexicon().body_abbreviations
    names = "|".join(regex.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    abbr = "(?<![\\p{L}])(?:" + names + ")(?![\\p{L}])"   # a whole word: "KH", never the end of "XKH"
    fragments = dict(r["fragments"], abbr=abbr)

    def expand(text: str) -> str:
        for _ in range(3):   # fragments may use fragments ("{body}" holds "{sv_body}")
            for name, value in fragments.items():
                text = text.replace("{" + name + "}", value)
        return text

    patterns = []
    for kind in REFERENCE_KINDS:
        for raw in r["patterns"].get(kind, []):
            patterns.append((kind, _compile(expand(raw), f"references.toml [{kind}]")))
    cont = r["continuation"]
    continuations = tuple(_compile(expand(raw), "references.toml [continuation]") for raw in cont["items"])
    for pattern in continuations:
        if "number" not in pattern.groupindex:
            raise LexiconError(f"references.toml [continuation]: {pattern.pattern!r} lacks a number group")
    unknown = set(r["patterns"]) - set(REFERENCE_KINDS)
    if unknown:
        raise LexiconError(f"references.toml: unknown kinds {sorted(unknown)}")
    endings = tuple(sorted(((a, b) for a, b in r["inflection"]["endings"]), key=lambda e: -len(e[0])))
    return ReferenceData(tuple(patterns), endings, {k.casefold(): v for k, v in r["aliases"].items()},
                         tuple(sorted(r["resolution"]["body_prefixes"], key=len, reverse=True)),
                         _compile(cont["joiner"], "references.toml [continuation]"), continuations)


@dataclass(frozen=True)
class LayoutData:
    """``models/layout.toml``: contents lists, appendix pages, appeal lists, handling cells."""

    contents_subheadings: frozenset[str]
    contents_entries: tuple[regex.Pattern, ...]
    contents_columns: frozenset[str]
    subentry: regex.Pattern
    page_number: regex.Pattern
    leaders: regex.Pattern
    trailing_page: regex.Pattern
    wrap_lines: int
    appendix_headers: tuple[regex.Pattern, ...]
    appendix_head_lines: int
    appeal_list: regex.Pattern
    appeal_max_range: int
    appeal_separators: regex.Pattern
    cell_number: regex.Pattern
    cell_date: regex.Pattern
    row_body: regex.Pattern
    row_number: regex.Pattern


@functools.cache
def load_layout() -> LayoutData:
    """Read and compile ``models/layout.toml``."""
    d = _read("layout.toml")
    where = "layout.toml"
    contents, appendix, appeal, cells = d["contents"], d["appendix"], d["appeal"], d["handling_cells"]
    headers = tuple(_compile(p, f"{where} [appendix]") for p in appendix["headers"])
    for pat in headers:
        if not {"label", "body", "date", "number"} <= set(pat.groupindex):
            raise LexiconError(f"{where} [appendix]: {pat.pattern!r} lacks label/body/date/number groups")
    appeal_list = f"(?P<words>{appeal['item_words']})\\s*(?P<numbers>{appeal['numbers']})" \
                  f"|(?P<numbers>{appeal['numbers']})\\s*§"
    return LayoutData(
        contents_subheadings=_lower_set(contents["subheadings"]),
        contents_entries=tuple(_compile(e, f"{where} [contents]") for e in contents["entries"]),
        contents_columns=_lower_set(contents["heading_columns"]),
        subentry=_compile(contents["subentry"], f"{where} [contents]"),
        page_number=_compile(contents["page_number"], f"{where} [contents]", regex.IGNORECASE),
        leaders=_compile(contents["leaders"], f"{where} [contents]"),
        trailing_page=_compile(contents["trailing_page"], f"{where} [contents]"),
        wrap_lines=int(contents["wrap_lines"]),
        appendix_headers=headers,
        appendix_head_lines=int(appendix["head_lines"]),
        appeal_list=_compile(appeal_list, f"{where} [appeal]", regex.IGNORECASE),
        appeal_max_range=int(appeal["max_range"]),
        appeal_separators=_compile(appeal["separators"], f"{where} [appeal]"),
        cell_number=_compile(cells["number"], f"{where} [handling_cells]"),
        cell_date=_compile(cells["date"], f"{where} [handling_cells]"),
        row_body=_compile(cells["row_body"], f"{where} [handling_cells]"),
        row_number=_compile(cells["row_number"], f"{where} [handling_cells]"),
    )


@dataclass(frozen=True)
class TextLayerRules:
    """``models/patterns.toml [text_layer]``: when a PDF page's text layer is too broken to read."""

    min_length: int                 # shorter tokens are not scored
    lower_case_only: bool           # only tokens printed in lower case are scored (not names)
    min_words: int                  # pages with fewer scored tokens are never judged
    min_known: float                # below this share of known tokens a page is unreadable
    sample: int                     # at most this many tokens per page are looked up
    first_sample: int               # looked up first: when clearly_known of them are known, no more are
    clearly_known: float
    swedish_word_lists: tuple[str, ...]
    swedish_word_list_encoding: str
    swedish_compound_parts: int     # a compound of at most this many listed words is known
    swedish_linking: tuple[str, ...]   # letters between the parts of a compound
    lexicon_words: dict[str, frozenset[str]]   # language -> words the models themselves hold


@functools.cache
def load_text_layer() -> TextLayerRules:
    """The text-layer quality rules, with the words of ``language.toml`` and ``headings.toml``."""
    t = _read("patterns.toml").get("text_layer")
    if not isinstance(t, dict):
        raise LexiconError("patterns.toml: [text_layer] missing")
    where = "patterns.toml [text_layer]"
    try:
        rules = dict(min_length=int(t["min_length"]), lower_case_only=bool(t["lower_case_only"]),
                     min_words=int(t["min_words"]), min_known=float(t["min_known"]), sample=int(t["sample"]),
                     first_sample=int(t["first_sample"]), clearly_known=float(t["clearly_known"]),
                     swedish_word_lists=tuple(t["swedish_word_lists"]),
                     swedish_word_list_encoding=str(t["swedish_word_list_encoding"]),
                     swedish_compound_parts=int(t["swedish_compound_parts"]),
                     swedish_linking=tuple(t["swedish_linking"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"{where}: {exc!r}") from exc
    if not 0 < rules["min_known"] < rules["clearly_known"] <= 1 or rules["min_length"] < 1 or \
            not rules["min_words"] <= rules["sample"] or not 0 < rules["first_sample"] <= rules["sample"]:
        raise LexiconError(f"{where}: need 0 < min_known < clearly_known <= 1, min_length >= 1, "
                           "min_words <= sample and 0 < first_sample <= sample")
    lex = load_lexicon()
    heading_words = frozenset(w for h in lex.heading_index for w in regex.findall(r"\p{L}+", h))
    return TextLayerRules(**rules, lexicon_words={
        lang: words | heading_words for lang, words in lex.language_words.items()})


@dataclass(frozen=True)
class NameEndings:
    """``models/names.toml``: the case endings a person's name may carry, per language, as
    ``(ending, replacement)`` pairs (lower case), and the letters that must remain."""

    endings: dict[str, tuple[tuple[str, str], ...]]
    min_stem: int


@functools.cache
def load_name_endings() -> NameEndings:
    """The name endings of ``models/names.toml``, validated: every ending a non-empty lower-case
    string of letters, every replacement lower-case letters (or empty), at least one language."""
    data = _read("names.toml")
    where = "names.toml"
    try:
        min_stem = int(data["min_stem"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"{where}: min_stem: {exc!r}") from exc
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for language, table in data.items():
        if language == "min_stem":
            continue
        if not isinstance(table, dict) or set(table) != {"endings"} or not isinstance(table["endings"], list):
            raise LexiconError(f"{where} [{language}]: needs exactly one key, endings (a list)")
        pairs = []
        for pair in table["endings"]:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise LexiconError(f"{where} [{language}]: {pair!r} is not [ending, replacement]")
            ending, replacement = pair
            if not ending or not regex.fullmatch(r"\p{Ll}+", ending) or not regex.fullmatch(r"\p{Ll}*", replacement):
                raise LexiconError(f"{where} [{language}]: {pair!r}: lower-case letters only, the ending non-empty")
            pairs.append((ending, replacement))
        out[language] = tuple(pairs)
    if min_stem < 1 or not out:
        raise LexiconError(f"{where}: min_stem must be at least 1 and one language given")
    return NameEndings(out, min_stem)


@dataclass(frozen=True)
class WordFormRules:
    """``models/word_forms.toml``: the compound runs, coordinated compounds, unknown-word stems
    and Swedish compound splits of the search index."""

    min_part: int
    max_members: int
    conjunctions: tuple[str, ...]
    unknown_min_length: int
    unknown_min_key: int
    vowels: str
    gradation: tuple[tuple[str, str], ...]    # (strong, weak), longest first
    swedish_min_head: int
    swedish_min_tail: int
    swedish_max_parts: int
    swedish_linking: tuple[str, ...]
    swedish_not_heads: frozenset[str]
    swedish_tail_endings: tuple[str, ...]
    swedish_not_tails: frozenset[str] = frozenset()   # surname endings and suffixes: no compound tail
    adjective_suffixes: tuple[str, ...] = ()    # the WORDBASES marks of an -inen adjective
    noun_endings: tuple[str, ...] = ()          # what makes its base the noun it derives from


@functools.cache
def load_word_forms() -> WordFormRules:
    data = _read("word_forms.toml")
    where = "word_forms.toml"
    try:
        compounds, unknown, swedish = data["compounds"], data["unknown"], data["swedish"]
        gradation = tuple((str(strong), str(weak)) for strong, weak in unknown["gradation"])
        rules = WordFormRules(
            min_part=int(compounds["min_part"]), max_members=int(compounds["max_members"]),
            conjunctions=tuple(str(c).casefold() for c in data["coordination"]["conjunctions"]),
            unknown_min_length=int(unknown["min_length"]), unknown_min_key=int(unknown["min_key"]),
            vowels=str(unknown["vowels"]), gradation=gradation,
            swedish_min_head=int(swedish["min_head"]), swedish_min_tail=int(swedish["min_tail"]),
            swedish_max_parts=int(swedish["max_parts"]),
            swedish_linking=tuple(str(s) for s in swedish["linking"]),
            swedish_not_heads=frozenset(str(s).casefold() for s in swedish["not_heads"]),
            swedish_tail_endings=tuple(str(s).casefold() for s in swedish["tail_endings"]),
            swedish_not_tails=frozenset(str(s).casefold() for s in swedish.get("not_tails", ())),
            adjective_suffixes=tuple(str(s) for s in data["derivations"]["adjective_suffixes"]),
            noun_endings=tuple(str(s) for s in data["derivations"]["noun_endings"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"{where}: {exc!r}") from exc
    if [len(s) for s, _ in gradation] != sorted((len(s) for s, _ in gradation), reverse=True):
        raise LexiconError(f"{where}: [unknown] gradation must list longer strong grades first")
    if min(rules.min_part, rules.unknown_min_key, rules.swedish_min_head, rules.swedish_min_tail) < 2 \
            or rules.max_members < 2 or rules.swedish_max_parts < 2 or not rules.conjunctions:
        raise LexiconError(f"{where}: lengths must be at least 2, max_members and max_parts at least 2, "
                           "and conjunctions not empty")
    return rules
