"""The interface's texts per language (``models/interface.toml``), and which language a request
asks for."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from minutes.language.lexicon import models_dir

GROUPS = ("outcomes", "kinds", "ballot_choices", "motion_kinds", "motion_results")


@dataclass(frozen=True)
class Texts:
    """One language's texts: ``texts["search"]``, ``texts.of("outcomes", "tabled")``,
    ``texts.fill("total", n=3)``. A missing key shows the key itself, never an error."""

    language: str
    words: dict
    languages: tuple[str, ...]
    names: dict

    def __getitem__(self, key: str) -> str:
        value = self.words.get(key)
        return value if isinstance(value, str) else key

    def of(self, group: str, value: str | None) -> str:
        """The reader's word for a value of ``group`` (an outcome, a section kind...)."""
        if value is None:
            return ""
        return self.words.get(group, {}).get(value, value)

    def fill(self, key: str, **values) -> str:
        return self[key].format(**values)


@cache
def _data() -> dict:
    with open(models_dir() / "interface.toml", "rb") as handle:
        return tomllib.load(handle)


def languages() -> tuple[str, ...]:
    return tuple(_data()["languages"])


def default_language() -> str:
    return _data()["default"]


@cache
def texts(language: str) -> Texts:
    """The texts of ``language`` (the default language's for one not offered)."""
    data = _data()
    chosen = language if language in data["languages"] else data["default"]
    return Texts(chosen, data[chosen], tuple(data["languages"]), dict(data["names"]))


def chosen_language(asked: str | None, cookie: str | None) -> str:
    """The language of a page: the one asked for in the URL (``?lang=sv``), else the reader's
    earlier choice (a cookie), else the default (Finnish first, whatever the browser says: a
    shared link shows what its sender saw)."""
    offered = languages()
    for candidate in (asked, cookie):
        if candidate in offered:
            return candidate
    return default_language()
