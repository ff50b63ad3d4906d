"""What a page's or the API's query string asks for, read and bounded: the search's words,
filters, order and page. A value out of bounds is a ``BadRequest`` with a sentence saying what
is accepted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from minutes.parse.hints import DOCUMENT_TYPES, typed_day
from minutes.record import OUTCOMES, SECTION_KINDS
from minutes.store.filters import Filters
from minutes.store.search import COUNT_CAP, SORTS

MAX_QUERY = 500            # characters of a typed query (or a name, a filter value)
MAX_LIMIT = 100            # hits per page
DEFAULT_LIMIT = 20
MAX_OFFSET = COUNT_CAP     # hits a page may skip: the total is counted up to this
SEARCH_KINDS = ("title", *SECTION_KINDS)
FILTER_KEYS = ("org", "body", "from", "to", "year", "kind", "outcome", "goal", "person", "document_type")
MAX_SPAN_YEARS = 50        # a strategy report's span (its chart has a bar group per quarter)
_DIGITS = re.compile(r"[0-9]{1,9}")


class BadRequest(ValueError):
    """A query string that asks for something out of bounds: the message says what is accepted."""


@dataclass(frozen=True)
class SearchRequest:
    """A search as the query string asks for it."""

    query: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    chosen: tuple[tuple[str, str], ...] = ()      # the filters given, as (key, value), for links

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    def asks(self) -> bool:
        """Whether there is anything to search for: words, or a filter that lists items alone."""
        f = self.filters
        return bool(self.query.strip() or f.outcome or f.voted or f.person is not None or f.goal)


def text_value(name: str, value: str | None) -> str | None:
    """A free-text parameter, stripped; None when empty; ``BadRequest`` when too long or holding
    control characters."""
    if value is None or not value.strip():
        return None
    if len(value) > MAX_QUERY:
        raise BadRequest(f"{name}: at most {MAX_QUERY} characters")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise BadRequest(f"{name}: control characters are not accepted")
    return value.strip()


def number(name: str, value: str | None, default: int, low: int, high: int) -> int:
    """A whole-number parameter within [low, high]."""
    if value is None or value == "":
        return default
    if not _DIGITS.fullmatch(value.strip()):
        raise BadRequest(f"{name}: a whole number from {low} to {high}")
    n = int(value)
    if not low <= n <= high:
        raise BadRequest(f"{name}: a whole number from {low} to {high}")
    return n


def choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in choices:
        raise BadRequest(f"{name}: one of {', '.join(choices)}")
    return value


def version_asked(value: str | None) -> str | None:
    """The version of an item or meeting asked for: "agenda", "minutes" or None (the decided one)."""
    return choice("version", value, DOCUMENT_TYPES)


def _day(name: str, value: str | None, last: bool):
    text = text_value(name, value)
    if text is None:
        return None
    try:
        return typed_day(text, last)
    except ValueError:
        raise BadRequest(f"{name}: a date (YYYY-MM-DD, d.m.yyyy) or a year") from None


def search_request(params, paged_by: str = "page") -> SearchRequest:
    """The search a query string asks for: ``q``, the filters (``org``, ``body``, ``from``, ``to``,
    ``year``, ``kind``, ``outcome``, ``goal``, ``person``, ``document_type``), ``sort`` and either
    ``page`` and ``size`` (the pages) or ``limit`` and ``offset`` (the API, as the command line)."""
    query = text_value("q", params.get("q")) or ""
    date_from, date_to = span(params)
    filters = Filters(body=text_value("body", params.get("body")), org=text_value("org", params.get("org")),
                      date_from=date_from, date_to=date_to, kind=choice("kind", params.get("kind"), SEARCH_KINDS),
                      document_type=choice("document_type", params.get("document_type"), DOCUMENT_TYPES),
                      outcome=choice("outcome", params.get("outcome"), OUTCOMES),
                      voted=params.get("voted") in ("1", "true", "on"),
                      person=text_value("person", params.get("person")), goal=text_value("goal", params.get("goal")))
    if filters.person is not None and not any(c.isalnum() for c in filters.person):
        raise BadRequest("person: a name needs letters")
    sort = choice("sort", params.get("sort"), SORTS) or "relevance"
    if paged_by == "page":
        limit = number("size", params.get("size"), DEFAULT_LIMIT, 1, MAX_LIMIT)
        page = number("page", params.get("page"), 1, 1, MAX_OFFSET // limit + 1)
        offset = (page - 1) * limit
    else:
        limit = number("limit", params.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = number("offset", params.get("offset"), 0, 0, MAX_OFFSET)
    chosen = tuple((k, params[k]) for k in FILTER_KEYS if params.get(k)) + ((("voted", "1"),) if filters.voted else ())
    return SearchRequest(query, filters, sort, limit, offset, chosen)


def span(params) -> tuple[date | None, date | None]:
    """The days ``from``, ``to`` and ``year`` ask for: a year narrows the span of the other two
    (the days of that year inside it)."""
    year = params.get("year")
    if year and not (len(year) == 4 and _DIGITS.fullmatch(year)):
        raise BadRequest("year: four digits")
    date_from, date_to = _day("from", params.get("from"), last=False), _day("to", params.get("to"), last=True)
    if year:
        first, last = date(int(year), 1, 1), date(int(year), 12, 31)
        date_from = max(date_from, first) if date_from else first
        date_to = min(date_to, last) if date_to else last
    if date_from and date_to and date_from > date_to:
        raise BadRequest("from: a day on or before to" if not year else "year: a year inside from and to")
    return date_from, date_to


@dataclass(frozen=True)
class ReportRequest:
    """What a strategy page asks for: a span of days and a body."""

    date_from: date | None = None
    date_to: date | None = None
    body: str | None = None

    def query(self) -> tuple[tuple[str, str], ...]:
        """The parameters that ask for it again (the chart's and the JSON's links)."""
        return tuple((k, v) for k, v in (("from", self.date_from and self.date_from.isoformat()),
                                         ("to", self.date_to and self.date_to.isoformat()), ("body", self.body)) if v)


def report_request(params, period_from: int, period_to: int | None) -> ReportRequest:
    """The span and body a strategy's page or report asks for (``from``, ``to``, ``year``,
    ``body``), at most ``MAX_SPAN_YEARS`` long with the strategy's period filling in what is not
    given."""
    date_from, date_to = span(params)
    first = date_from.year if date_from else period_from
    last = date_to.year if date_to else (period_to or date.today().year)
    if last - first > MAX_SPAN_YEARS:
        raise BadRequest(f"from, to: a span of at most {MAX_SPAN_YEARS} years")
    return ReportRequest(date_from, date_to, text_value("body", params.get("body")))
