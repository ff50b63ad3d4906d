"""Person names in decision text: spans of capitalised words that are not role words or bodies,
and their base forms ("Virtaselle" -> "Virtanen", "Koivusaaren" -> "Koivusaari") from Voikko,
from the names the meeting prints in base form, else by rule."""

from __future__ import annotations

import functools

import regex

from .data import load_decision_data

_NAME_WORD = r"[A-ZÅÄÖÜÉ][\p{Ll}'’]+(?:-[A-ZÅÄÖÜÉa-zåäöüé][\p{Ll}'’]+)*(?::n)?"
NAME = regex.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}")


@functools.lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:   # libvoikko or its dictionary missing: names are de-inflected by rule
        return None


def _with_case(base: str, printed: str) -> str:
    """``base`` with the letter case of ``printed`` where they overlap ("salo-oja", "Salo-ojan" -> "Salo-oja")."""
    chars = [p if p.casefold() == b.casefold() else b for b, p in zip(base, printed)]
    out = "".join(chars) + base[len(chars):]
    return "-".join(part[:1].upper() + part[1:] if k == 0 or printed.split("-")[min(k, len(printed.split("-")) - 1)][:1].isupper()
                    else part for k, part in enumerate(out.split("-")))


@functools.lru_cache(maxsize=None)
def _rewrite(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


@functools.lru_cache(maxsize=20000)
def base_candidates(word: str) -> tuple[str, ...]:
    """Possible base forms of one printed name word, the likeliest first (the word itself last)."""
    word = word.removesuffix(":n")
    out: list[str] = []
    voikko = _voikko()
    if voikko is not None:
        proper, common = [], []
        for analysis in voikko.analyze(word):
            base = analysis.get("BASEFORM") or ""
            if not base or analysis.get("SIJAMUOTO") == "nimento":
                continue
            target = proper if analysis.get("CLASS") in ("sukunimi", "etunimi", "paikannimi", "nimi") else common
            target.append(_with_case(base, word))
        out += proper + common
    names = load_decision_data().raw["names"]
    for pattern, replacement in names["rewrites"]:
        rewritten = _rewrite(pattern).sub(replacement, word)
        if rewritten != word:
            out.append(rewritten)
    for ending in names["case_endings"]:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            out.append(word[: -len(ending)])
    out.append(word)
    return tuple(dict.fromkeys(out))


def base_word(word: str, known: frozenset[str] = frozenset()) -> str:
    """The base form of one printed name word: the candidate the meeting prints elsewhere, else the likeliest."""
    candidates = base_candidates(word)
    if word in known:
        return word
    for c in candidates:
        if c in known:
            return c
    if not _is_inflected(word):
        return word
    return candidates[0]


def _is_inflected(word: str) -> bool:
    voikko = _voikko()
    if word.endswith(":n"):
        return True
    if voikko is not None:
        analyses = voikko.analyze(word)
        if analyses:
            return not any(a.get("SIJAMUOTO") == "nimento" for a in analyses)
    return word.endswith(("n", "lle", "lla", "lta")) and not word.endswith(("nen", "man", "son"))


def base_name(name: str, known: frozenset[str] = frozenset()) -> str:
    """A printed name in base form: "Pirjo Mäki-Virtasen" -> "Pirjo Mäki-Virtanen" (only the
    last word is inflected in Finnish; a first name printed in the genitive alone is de-inflected)."""
    words = name.split()
    if not words:
        return name
    if len(words) == 1:
        return base_word(words[0], known)
    return " ".join(words[:-1] + [base_word(words[-1], known)])


def is_role(word: str) -> bool:
    data = load_decision_data()
    return word.casefold() in data.words("names", "roles")


def find_names(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """The person names printed in ``text`` as ``(start, end, base form)``, in text order.

    A name is a run of one to four capitalised words, none a role word or a body's name; a run that
    starts a sentence with a common word is trimmed."""
    data = load_decision_data()
    stop = data.words("names", "not_names")
    out = []
    for m in NAME.finditer(text):
        words = m.group().split()
        start = m.start()
        while words and (words[0].casefold() in stop or is_role(words[0])
                         or (_is_common(words[0]) and not any(c in known for c in base_candidates(words[0])))):
            start += len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        while words and (words[-1].casefold() in stop or is_role(words[-1])):
            words = words[:-1]
        if not words:
            continue
        printed = " ".join(words)
        out.append((start, start + len(printed), base_name(printed, known)))
    return out


@functools.lru_cache(maxsize=20000)
def _is_common(word: str) -> bool:
    """Whether Voikko knows ``word`` only as a common word (not a name): "Keskustelun", "Asia"."""
    voikko = _voikko()
    if voikko is None:
        return False
    analyses = voikko.analyze(word.removesuffix(":n"))
    proper = {"sukunimi", "etunimi", "paikannimi", "nimi"}
    return bool(analyses) and not any(a.get("CLASS") in proper for a in analyses)


def split_names(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The names of a list "A, B ja C" (roles and titles dropped), in base form, in order."""
    return [name for _, _, name in find_names(text, known)]


_LIST_SEPARATORS = regex.compile(r"\s*[,;\n]\s*|\s+(?:ja|sekä|och|samt)\s+")


def list_names(text: str, known: frozenset[str] = frozenset(), inflected: bool = False) -> list[str]:
    """The names of a printed list whose every element is a person ("jäsen A, B ja C", a roll
    call): each element without its role words; elements with no capital are skipped. A roll call
    prints names in base form; ``inflected`` lists ("A:n ja B:n kannattamana") are de-inflected."""
    out = []
    for part in _LIST_SEPARATORS.split(text.strip().replace("(", " ").replace(")", " ")):
        words = [w for w in part.split() if w]
        stop = load_decision_data().words("names", "not_names")
        while words and (is_role(words[0]) or not words[0][:1].isupper() or words[0].casefold() in stop):
            words = words[1:]
        while words and not words[-1][:1].isupper():
            words = words[:-1]
        cut = max((k for k, w in enumerate(words) if is_role(w) or not w[:1].isupper()), default=-1)
        words = words[cut + 1:]         # "Lapuan kaupunginhallituksen varajäsen Sini Rautio" -> the name
        if not words or len(words) > 4:
            continue
        name = " ".join(words).strip(" .()")
        if name and regex.match(r"\p{Lu}", name):
            out.append(base_name(name, known) if inflected else name)
    return out
