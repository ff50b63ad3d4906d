"""A search as an Atom feed (feedgen): the newest matching items, each linking to its page."""

from __future__ import annotations

import re
from datetime import datetime, time, timezone

from feedgen.feed import FeedGenerator
from starlette.requests import Request

from minutes.store.search import MARK, Results

from .params import SearchRequest
from .render import path, query


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")   # characters XML 1.0 cannot hold


def _text(value: str | None) -> str:
    """A text fit for the feed: without the search's marks and the characters XML cannot hold."""
    return NOT_XML.sub(" ", (value or "").replace(MARK[0], "").replace(MARK[1], ""))


def _day(value: str | None) -> datetime:
    day = datetime.fromisoformat(value).date() if value else datetime(1970, 1, 1).date()
    return datetime.combine(day, time(12), tzinfo=timezone.utc)


def atom(request: Request, asked: SearchRequest, results: Results) -> bytes:
    """The Atom document of ``results`` (newest first) for the search ``asked``; its id and
    alternate link are the search page's URL, each entry's the item page's, under the server's
    public address (``minutes serve --base-url``; else the address the request came to)."""
    base = (request.app.state.base_url or str(request.base_url)).rstrip("/")
    wanted = query([("q", asked.query), *asked.chosen])
    page_url = f"{base}/search?{wanted}"
    generator = FeedGenerator()
    generator.id(page_url)
    generator.title(_text(f"minutes: {asked.query or ' '.join(v for _, v in asked.chosen)}".strip()))
    generator.link(href=page_url, rel="alternate", type="text/html")
    generator.link(href=f"{base}/feed?{wanted}", rel="self", type="application/atom+xml")
    generator.author({"name": "minutes"})
    generator.generator("minutes")
    days = [_day(h.date) for h in results]
    generator.updated(max(days) if days else _day(None))
    for hit, day in zip(reversed(results.hits), reversed(days)):     # feedgen puts the last added first
        entry = generator.add_entry()
        url = f"{base}/item/{path(hit.item_id)}"
        entry.id(url)
        number = f" § {hit.number}" if hit.number is not None else ""
        entry.title(_text(f"{hit.body or ''} {hit.date or ''}{number}: {hit.title}".strip()))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(day)
        entry.published(day)
        entry.summary(_text(hit.snippet) or _text(hit.title))
        if hit.organization:
            entry.author({"name": _text(hit.organization)})
    return generator.atom_str(pretty=True)
