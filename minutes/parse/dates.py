"""Dates in minutes' text: numeric dates and ranges, month names in every case, "joulukuun 4.
päivänä", months and seasons as ranges, Swedish forms. A list number ("7.4. Oikaisuvaatimus") is
not a date; an impossible date ("28.3.3023") is kept as text with a warning, never guessed."""

from __future__ import annotations

import calendar
from datetime import date

import regex

from minutes.language.lexicon import load_dates
from minutes.record import DateMention

from .spans import Claimed


def _month(word: str) -> int | None:
    word = word.casefold()
    data = load_dates()
    for stem, number in data.months.items():
        if word.startswith(stem):
            return number
    return None


def _make(y: int, m: int, d: int) -> date | None:
    data = load_dates()
    if not data.first_year <= y <= data.last_year:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_range(y: int, first: int, last: int) -> tuple[date, date]:
    end_year = y + 1 if last < first else y
    return date(y, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])


def parse_date(text: str | None) -> date | None:
    """The first numeric date printed in ``text`` ("4.12.2023", "04.12.2023"); None when there is
    none or it is impossible ("28.3.3023")."""
    if not text:
        return None
    m = load_dates().date.search(text)
    return _make(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None


def find_dates(text: str, year: int | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order. ``year`` (the meeting's) dates a day and month
    printed without a year.

    Returns a list of ``DateMention`` (text, span, start, end, warning), possibly empty."""
    data = load_dates()
    found: list[DateMention] = []
    taken = Claimed()

    def add(m: regex.Match, start: date | None, end: date | None, impossible: bool = False) -> None:
        span = m.span()
        if not taken.free(span):
            return
        taken.add(span)
        warning = f"impossible date {m.group(0)!r} kept as text" if impossible else None
        found.append(DateMention(m.group(0), span, None if impossible else start, None if impossible else end, warning))

    for m in data.range.finditer(text):
        y2 = int(m.group("y2"))
        y1 = int(m.group("y1")) if m.group("y1") else y2
        a, b = _make(y1, int(m.group("m1")), int(m.group("d1"))), _make(y2, int(m.group("m2")), int(m.group("d2")))
        add(m, a, b, impossible=a is None or b is None)
    for m in data.date.finditer(text):
        d = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        add(m, d, d, impossible=d is None)
    for m in data.fi_day.finditer(text):
        month = _month(m.group("month"))
        y = int(m.group("y")) if m.group("y") else year
        if month and y:
            d = _make(y, month, int(m.group("d")))
            add(m, d, d, impossible=d is None)
    for m in data.sv_day.finditer(text):
        month = _month(m.group("month"))
        y = int(m.group("y")) if m.group("y") else year
        if month and y and m.group("month").casefold() in data.months:
            d = _make(y, month, int(m.group("d")))
            add(m, d, d, impossible=d is None)
    for m in data.month_year.finditer(text):
        month = _month(m.group("month"))
        if month:
            y = int(m.group("y"))
            if data.first_year <= y <= data.last_year:
                add(m, *_month_range(y, month, month))
    for m in data.season_year.finditer(text):
        season = data.seasons.get(m.group("season").casefold())
        if season:
            y = int(m.group("y"))
            if data.first_year <= y <= data.last_year:
                add(m, *_month_range(y, *season))
    if year:
        for m in data.short.finditer(text):
            d = _make(year, int(m.group("m")), int(m.group("d")))
            if d:
                add(m, d, d)
    return sorted(found, key=lambda x: x.span)
