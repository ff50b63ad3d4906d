"""Word analysis for search: Finnish lemmas and compound parts (Voikko), Swedish stems (Snowball),
surface forms when neither is installed.

``index_terms(text, language)`` turns text into the terms stored in the search index;
``query_terms(word)`` gives the terms a query word may match. Both lower-case everything, so a
search for "strategia" meets "kaupunkistrategiasta" (lemma "kaupunkistrategia", parts
"kaupunki" and "strategia") and "valtuusto" meets "kaupunginvaltuuston".

Besides lemmas and single compound members the index holds (issue 13, word forms):
- every run of two or more adjacent compound members ("tilinpäätös" in "tilinpäätösvaiheessa");
- a hyphenated word as a whole, without its hyphens ("maaaines" for "maa-ainesten"); a typed query
  keeps such words together (``split_query``);
- a hanging word part completed from the compound after "ja", "tai", "och"...
  ("virkaehtosopimus" for "virka- ja työehtosopimus", "byggnämnden" for "bygg- och miljönämnden");
- for a Finnish word Voikko does not know, a Snowball stem key ("honkim" for "Honkimäki" and
  "Honkimäen"), on the query side too;
- Swedish compounds split into listed words ("budget" in "Budgetuppföljning").
The rules are ``models/word_forms.toml``.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import regex

from . import compounds
from .lexicon import load_text_layer, load_word_forms

log = logging.getLogger(__name__)

TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+")   # as FTS5's unicode61 tokenizer splits
_HYPHENS = "-\u2010\u2011"
# a token, or tokens joined by hyphens ("maa-ainesten", "ELY-keskuksen", "LAPDno-2024-292")
HYPHENATED = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:[" + _HYPHENS + r"][\p{L}\p{N}\p{M}]+)*")
_HYPHEN = regex.compile("[" + _HYPHENS + "]")
_LETTERS = regex.compile(r"^[\p{L}\p{M}]+(?:[" + _HYPHENS + r"][\p{L}\p{M}]+)+$")
# a token joined by - / . : holding a digit, or joined by / . : ("LAPDno-2024-292", "NKBY/497/12.03.01/2022")
_EXACT = regex.compile(r"^[\p{L}\d]+(?:[-/.:][\p{L}\d]+)+$")
_QUERY_STRIP = ".,;:!?()[]{}'*^+\"-"
_WORDBASE = regex.compile(r"\+([^+()]*)\(([^()]+)\)")
CACHE_SIZE = 500_000
INSTALL_HINT = ("Finnish search uses Voikko: install it with `apt-get install libvoikko1 voikko-fi` "
                "(and `pip install libvoikko`); until then words are matched as written")


class Analyzer(Protocol):
    name: str

    def terms(self, word: str) -> tuple[str, ...]:
        """The index terms of one lower-case word (its lemmas and parts), without the word itself."""

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The dictionary forms of one lower-case word (no compound parts), without the word itself."""

    def stems(self, word: str) -> tuple[str, ...]:
        """Stand-ins for the lemmas of a word the dictionary does not know (searched like lemmas)."""

    def hyphen_terms(self, word: str) -> tuple[str, ...]:
        """The index terms of a lower-case hyphenated word as a whole, without hyphens."""

    def hyphen_lemmas(self, word: str) -> tuple[str, ...]:
        """The dictionary forms of a lower-case hyphenated word, without hyphens (no compound parts)."""

    def tails(self, word: str) -> tuple[str, ...]:
        """What a hanging word part may be completed with from the compound ``word``: its members
        after the first, in base form ("työehtosopimus": "ehtosopimus", "sopimus")."""


def _joined(word: str) -> str:
    return _HYPHEN.sub("", word)


class SurfaceAnalyzer:
    name = "surface"

    def terms(self, word: str) -> tuple[str, ...]:
        return ()

    lemmas = stems = tails = terms

    def hyphen_terms(self, word: str) -> tuple[str, ...]:
        return (_joined(word),)

    hyphen_lemmas = hyphen_terms


@dataclass(frozen=True)
class Grammar:
    """What Voikko reads a Finnish word as, beyond its lemmas: its cases (Voikko's names:
    "omanto" for the genitive), whether it is a participle, whether it carries a third-person
    possessive suffix ("strategiassaan")."""

    cases: frozenset[str]
    participle: bool
    possessive: bool


class VoikkoAnalyzer:
    """Finnish lemmas and compound parts from libvoikko with the voikko-fi dictionary."""

    name = "voikko"

    def __init__(self) -> None:
        import libvoikko

        import snowballstemmer

        self._voikko = libvoikko.Voikko("fi")
        self._stemmer = snowballstemmer.stemmer("finnish")
        self._rules = load_word_forms()
        self._analyze = functools.lru_cache(maxsize=CACHE_SIZE)(self._analysis)
        self.terms = functools.lru_cache(maxsize=CACHE_SIZE)(self._terms)  # type: ignore[method-assign]
        self._hyphenated = functools.lru_cache(maxsize=CACHE_SIZE)(self._hyphen_analysis)
        self._grammar = functools.lru_cache(maxsize=CACHE_SIZE)(self._grammar_of)

    def _analysis(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(lemmas, parts and runs, stems of an unknown word, tails) of one lower-case word."""
        if len(word) < 3 or word.isdigit():
            return (), (), (), ()
        lemmas: list[str] = []
        parts: list[str] = []
        tails: list[str] = []
        analyses = self._voikko.analyze(word)
        for analysis in analyses:
            base = (analysis.get("BASEFORM") or "").casefold()
            if base and base != word and base not in lemmas:
                lemmas.append(base)
            wordbases = analysis.get("WORDBASES") or ""
            members = compounds.members(wordbases)
            for part in compound_members(wordbases) + compounds.runs(members, self._rules):
                if len(part) >= self._rules.min_part and part not in parts and part != word and part != base:
                    parts.append(part)
            tails.extend(t for t in compounds.tails(members, self._rules) if t not in tails)
            noun = self._derived_from(wordbases) if analysis.get("CLASS") == "laatusana" else None
            if noun and noun not in parts and noun != base:
                parts.append(noun)
        stems: tuple[str, ...] = ()
        if not analyses and len(word) >= self._rules.unknown_min_length and word.isalpha():
            keys = [compounds.unknown_key(self._stemmer.stemWord(word), self._rules)]
            if word[-1] in self._rules.vowels:
                keys.append(compounds.unknown_key(word, self._rules))
            stems = tuple(dict.fromkeys(k for k in keys if k and k != word))
        return tuple(lemmas), tuple(p for p in parts if p not in lemmas), stems, tuple(tails)

    def _derived_from(self, wordbases: str) -> str | None:
        """The noun an -inen adjective derives from, by the word base just before its suffix mark
        ("+strateg(strategi)+inen(+inen)" -> "strategia"); None when there is none."""
        segments = _WORDBASE.findall(wordbases)
        for k, (_, base) in enumerate(segments):
            if k and "(" + base + ")" in self._rules.adjective_suffixes and not segments[k - 1][1].startswith("+"):
                return self._noun(segments[k - 1][1].casefold())
        return None

    @functools.lru_cache(maxsize=4096)   # noqa: B019 (one analyzer per process)
    def _noun(self, base: str) -> str | None:
        """The noun an adjective's word base stands for ("strategi" -> "strategia"): the base with
        a noun ending, when Voikko knows that as a base form in the nominative; else None."""
        for ending in self._rules.noun_endings:
            if base.endswith(ending):       # "voima" + "a" is its partitive, never another noun
                continue
            candidate = base + ending
            if any((a.get("BASEFORM") or "").casefold() == candidate and a.get("SIJAMUOTO") == "nimento"
                   and a.get("CLASS") == "nimisana" for a in self._voikko.analyze(candidate)):
                return candidate
        return None

    def _terms(self, word: str) -> tuple[str, ...]:
        lemmas, parts, stems, _ = self._analyze(word)
        return lemmas + parts + stems

    def lemmas(self, word: str) -> tuple[str, ...]:
        return self._analyze(word)[0]

    def stems(self, word: str) -> tuple[str, ...]:
        return self._analyze(word)[2]

    def tails(self, word: str) -> tuple[str, ...]:
        return self._analyze(word)[3]

    def _hyphen_analysis(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(lemmas, lemmas and runs) of a lower-case hyphenated word, without hyphens. Voikko knows
        many ("maa-ainesten", "ely-keskuksen"); for others the parts before the last as printed
        and the last one's lemmas or stems: "covid-rokotuksen" gives "covidrokotus"."""
        lemmas: list[str] = []
        terms: list[str] = []
        for analysis in self._voikko.analyze(word):
            base = _joined((analysis.get("BASEFORM") or "").casefold())
            if base and base not in lemmas:
                lemmas.append(base)
            for run in compounds.runs(compounds.members(analysis.get("WORDBASES") or ""), self._rules):
                if run not in terms:
                    terms.append(run)
        if not lemmas:
            pieces = _HYPHEN.split(word)
            last = pieces[-1]
            head = "".join(pieces[:-1])
            lemmas = [head + t for t in dict.fromkeys((last,) + self.lemmas(last) + self.stems(last))]
        return tuple(lemmas), tuple(dict.fromkeys(lemmas + [t for t in terms if len(t) >= self._rules.min_part]))

    def hyphen_terms(self, word: str) -> tuple[str, ...]:
        return self._hyphenated(word)[1]

    def hyphen_lemmas(self, word: str) -> tuple[str, ...]:
        return self._hyphenated(word)[0]

    def grammar(self, word: str) -> Grammar | None:
        """How Voikko reads a lower-case ``word`` (its cases, whether a participle, whether with a
        third-person possessive suffix), or None when it does not know it."""
        return self._grammar(word)

    def _grammar_of(self, word: str) -> Grammar | None:
        analyses = self._voikko.analyze(word) if word.isalpha() else []
        if not analyses:
            return None
        return Grammar(frozenset(a.get("SIJAMUOTO") or "" for a in analyses), any(a.get("PARTICIPLE") for a in analyses),
                       any(a.get("POSSESSIVE") == "3" for a in analyses))

    def is_common(self, word: str) -> bool:
        """Whether Voikko knows ``word`` as printed, and only as a common word, not a name."""
        from .lexicon import load_lexicon

        classes = {analysis.get("CLASS") for analysis in self._voikko.analyze(word)}
        return bool(classes) and not classes & load_lexicon().proper_classes


class SnowballAnalyzer:
    """Swedish stems from the Snowball stemmer."""

    name = "snowball"

    def __init__(self, language: str = "swedish",
                 splitter: compounds.SwedishSplitter | Callable[[], compounds.SwedishSplitter | None] | None = None
                 ) -> None:
        import snowballstemmer

        stemmer = snowballstemmer.stemmer(language)
        self._stem = stemmer.stemWord
        self._splitter = splitter   # or the function that reads it, when first needed (its word list
        # takes a tenth of a second to read: a search that only stems never reads it)
        self.lemmas = functools.lru_cache(maxsize=CACHE_SIZE)(  # type: ignore[method-assign]
            lambda word: tuple(s for s in (stemmer.stemWord(word),) if s != word and len(s) >= 3))
        self.terms = functools.lru_cache(maxsize=CACHE_SIZE)(self._terms)  # type: ignore[method-assign]

    @property
    def splitter(self) -> compounds.SwedishSplitter | None:
        if self._splitter is not None and not isinstance(self._splitter, compounds.SwedishSplitter):
            self._splitter = self._splitter()
        return self._splitter

    def _terms(self, word: str) -> tuple[str, ...]:
        """The stem of a word and, when it splits into listed words, the stems of its parts and
        of their runs: "budgetuppföljningen" gives "budgetuppföljning", "budget", "uppföljning"."""
        out = list(self.lemmas(word))
        parts = self.splitter.split(word) if self.splitter and word.isalpha() else ()
        for part in parts + tuple(self.splitter.runs(parts) if parts else ()):
            stem = self._stem(part)
            if len(stem) >= 3 and stem not in out and stem != word:
                out.append(stem)
        return tuple(out)

    def stems(self, word: str) -> tuple[str, ...]:
        return ()

    def tails(self, word: str) -> tuple[str, ...]:
        parts = self.splitter.split(word) if self.splitter else ()
        return tuple("".join(parts[i:]) for i in range(1, len(parts)))

    def hyphen_terms(self, word: str) -> tuple[str, ...]:
        joined = _joined(word)
        return tuple(dict.fromkeys((joined,) + self.lemmas(joined)))

    def hyphen_lemmas(self, word: str) -> tuple[str, ...]:
        return self.lemmas(_joined(word))


def compound_members(wordbases: str) -> list[str]:
    """The members of a compound from Voikko's WORDBASES, each as its base form and, when
    derivational suffixes follow it, as the derived word: "+avust(avustaa)+us(+us)+hakemus(hakemus)"
    gives "avustaa", "avustus", "hakemus"."""
    members: list[str] = []
    surface = ""
    for segment, base in _WORDBASE.findall(wordbases):
        segment, base = segment.replace("=", ""), base.replace("=", "")     # "hyvin=vointi": one word
        if base.startswith("+"):
            surface += segment
            if members:
                members.append(surface.casefold())
            continue
        members.append(base.casefold())
        surface = segment
    return list(dict.fromkeys(members))


@dataclass(frozen=True)
class AnalyzerStatus:
    finnish: str
    swedish: str
    hint: str | None


def is_common_word(word: str) -> bool:
    """Whether ``word`` is known as a common word, not a name (Finnish, with Voikko; without it,
    no word is known to be common)."""
    checker = getattr(analyzer("fi"), "is_common", None)
    return bool(checker and checker(word))


def grammar(word: str) -> Grammar | None:
    """How Voikko reads a lower-case Finnish ``word`` (``Grammar``); None when it does not know the
    word or is not installed."""
    reader = getattr(analyzer("fi"), "grammar", None)
    return reader(word) if reader else None


@functools.cache
def analyzer(language: str) -> Analyzer:
    """The best analyzer installed for ``language`` ("fi" or "sv")."""
    if language == "sv":
        try:
            return SnowballAnalyzer("swedish", _swedish_splitter)
        except ImportError:
            return SurfaceAnalyzer()
    try:
        return VoikkoAnalyzer()
    except (ImportError, OSError) as exc:   # the binding or the C library / dictionary is missing
        log.debug("Voikko unavailable: %s", exc)
        return SurfaceAnalyzer()


def _swedish_splitter() -> compounds.SwedishSplitter | None:
    """The Swedish compound splitter with the word list of ``patterns.toml [text_layer]``, or None
    when no list is installed (Swedish words are then only stemmed)."""
    rules = load_text_layer()
    return compounds.SwedishSplitter.read(rules.swedish_word_lists, rules.swedish_word_list_encoding)


def status() -> AnalyzerStatus:
    """Which analyzers are in use, and what to install when Finnish falls back to surface forms."""
    fi, sv = analyzer("fi").name, analyzer("sv").name
    return AnalyzerStatus(fi, sv, INSTALL_HINT if fi == "surface" else None)


def words(text: str) -> list[str]:
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[str]:
    """The words of ``text`` in lower case, one at a time: a section of millions of words is never
    a list, and never case-folded whole (CPython folds into a buffer of twelve bytes a character)."""
    return (m.group().casefold() for m in TOKEN.finditer(text))


def index_terms(text: str, language: str) -> str:
    """Lemmas, compound parts and runs, stems, hyphenated words as wholes and completed hanging
    word parts of the words of ``text``, space-separated."""
    a = analyzer(language)
    out = io.StringIO()
    separator = ""
    terms = a.terms
    for match in HYPHENATED.finditer(text):
        token = match.group().casefold()
        if "-" not in token and "\u2010" not in token and "\u2011" not in token:
            for term in terms(token):
                out.write(separator)
                out.write(term)
                separator = " "
            continue
        for word in _HYPHEN.split(token):
            for term in terms(word):
                out.write(separator)
                out.write(term)
                separator = " "
        if _LETTERS.match(token):
            for term in a.hyphen_terms(token):
                out.write(separator)
                out.write(term)
                separator = " "
    if "- " in text or "-\n" in text or "-," in text:
        for term in coordinated_terms(text, language):
            out.write(separator)
            out.write(term)
            separator = " "
    return out.getvalue()


@functools.cache
def _coordination() -> regex.Pattern:
    """A hanging hyphen, a conjunction and the word after it (the pattern starts with the hyphen
    so that the scan of a long text looks for that character, not at every word)."""
    conjunctions = "|".join(regex.escape(c) for c in load_word_forms().conjunctions)
    return regex.compile(r"(?<=[\p{L}\p{M}])-,?\s+(?:" + conjunctions + r")\s+([\p{L}\p{M}]+)(?![\p{L}\p{N}\p{M}-])",
                         regex.IGNORECASE)


# the hanging parts that end where a coordination match starts: "liikenne-, katu" (before "- ja")
_HANGING = regex.compile(r"(?:(?<![\p{L}\p{N}\p{M}-])[\p{L}\p{M}]+-,?\s+)*(?<![\p{L}\p{N}\p{M}-])[\p{L}\p{M}]+$")
_HANGING_WORD = regex.compile(r"[\p{L}\p{M}]+")


def hanging_parts(text: str) -> list[tuple[list[str], str]]:
    """The hanging word parts of ``text`` and the word that completes them, lower case:
    "Liikunta- ja harrastuslautakunta" gives (["liikunta"], "harrastuslautakunta")."""
    out = []
    for match in _coordination().finditer(text):
        hanging = _HANGING.search(text, max(0, match.start() - 200), match.start())
        heads = [h.casefold() for h in _HANGING_WORD.findall(hanging.group() if hanging else "")]
        if heads:
            out.append((heads, match.group(1).casefold()))
    return out


def coordinated_terms(text: str, language: str) -> list[str]:
    """The compounds a hanging word part stands for: "virka- ja työehtosopimus" gives
    "virkaehtosopimus" and "virkasopimus"; "bygg- och miljönämnden" gives "byggnämnden" (and its
    stem). A final word that is no compound completes nothing."""
    a = analyzer(language)
    out: list[str] = []
    for match in _coordination().finditer(text):
        last = match.group(1).casefold()
        tails = a.tails(last)
        if not tails:
            continue
        hanging = _HANGING.search(text, max(0, match.start() - 200), match.start())
        for head in _HANGING_WORD.findall(hanging.group() if hanging else ""):
            for tail in tails:
                term = head.casefold() + tail
                for t in (term,) + a.lemmas(term):
                    if t not in out:
                        out.append(t)
    return out


def query_terms(word: str) -> tuple[str, ...]:
    """Terms a query word may match in the index: the word, its Finnish lemmas and its Swedish
    stem (not its compound parts: "tilinpäätös" must not find every "päätös"), and for a word
    Voikko does not know its stem key. A hyphenated word ("maa-aines") gives its hyphen-free
    forms ("maaaines"), as the index holds it."""
    word = word.casefold()
    if _LETTERS.match(word):
        seen = [_joined(word)]
        for language in ("fi", "sv"):
            seen.extend(t for t in analyzer(language).hyphen_lemmas(word) if t not in seen)
        return tuple(seen)
    seen = [word]
    for language in ("fi", "sv"):
        for term in analyzer(language).lemmas(word):
            if term not in seen:
                seen.append(term)
    seen.extend(t for t in analyzer("fi").stems(word) if t not in seen)
    return tuple(seen)


@dataclass(frozen=True)
class QueryWords:
    words: tuple[str, ...]   # lower-case words, hyphenated ones whole ("maa-aines"), for query_terms
    exact: tuple[str, ...]   # tokens with digits or joined by / . : as typed, matched as printed


def split_query(text: str) -> QueryWords:
    """The words of a typed query (outside quotes): letter-hyphen-letter words stay whole
    ("ELY-keskus"); diary numbers and the like ("LAPDno-2024-292", "NKBY/497/12.03.01/2022") are
    set apart as exact tokens, never words; other punctuation separates words."""
    found: list[str] = []
    exact: list[str] = []
    for raw in text.split():
        raw = raw.strip(_QUERY_STRIP)
        if not raw:
            continue
        if _LETTERS.match(raw):
            found.append(raw.casefold())
        elif _EXACT.match(raw):
            exact.append(raw)
        else:
            for m in HYPHENATED.findall(raw):
                if _HYPHEN.search(m) and not _LETTERS.match(m):
                    exact.append(m)
                else:
                    found.append(m.casefold())
    return QueryWords(tuple(found), tuple(exact))


def query_words(text: str) -> list[str]:
    """The words of a typed query, hyphenated words whole (see ``split_query``; exact tokens such as
    diary numbers are not among them)."""
    return list(split_query(text).words)
