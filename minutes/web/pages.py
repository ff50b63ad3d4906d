"""The pages: search with facets, an item, a meeting, a person, a strategy, a body or an
organisation, and the source file of a meeting. Each has a stable URL; every page works without
JavaScript."""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from minutes.record import OUTCOMES, meeting_id

from .api import people_named, run_search, strategy_report
from .params import SEARCH_KINDS, SearchRequest, search_request, text_value, version_asked
from .render import page, path, query
from .stores import store_of

router = APIRouter(include_in_schema=False)


def get(path: str):
    """A page's route: GET, and HEAD (what link checkers and feed readers send)."""
    return router.api_route(path, methods=["GET", "HEAD"])


MAX_MEETINGS = 1000      # meetings an organisation's or a body's page lists, the newest (its bodies list the rest)
# the search parameter each facet sets
FACET_PARAMS = {"organization": "org", "body": "body", "year": "year", "kind": "kind", "outcome": "outcome",
                "goal": "goal", "person": "person"}


def _goal_titles(store) -> dict[str, str]:
    """"strategy id/goal id" and the bare goal id -> the goal's title."""
    out = {}
    for strategy in store.strategies():
        for goal in strategy.all_goals():
            out[f"{strategy.id}/{goal.id}"] = goal.title
            out.setdefault(goal.id, goal.title)
    return out


@get("/")
def home(request: Request) -> Response:
    store = store_of(request)
    entries = store.bodies()
    organisations = [e for e in entries if e.body is None]
    bodies = defaultdict(list)
    for e in entries:
        if e.body is not None:
            bodies[e.key.split("/")[0]].append(e)
    return page(request, "home.html", counts=store.counts(), organisations=organisations, bodies=bodies,
                strategies=store.strategies(), kinds=SEARCH_KINDS, outcomes=OUTCOMES, asked=SearchRequest())


@get("/search")
def search(request: Request) -> Response:
    asked = search_request(request.query_params)
    store = store_of(request)
    results = facets = None
    if asked.asks():
        results = run_search(store, asked)
        facets = store.facets(asked.query, asked.filters, results.mode == "any")
    base = [("q", asked.query), *asked.chosen, ("sort", asked.sort if asked.sort != "relevance" else "")]
    pages = {}
    if results is not None:
        if asked.offset > 0:
            pages["previous"] = query([*base, ("page", asked.page - 1)])
        if asked.offset + asked.limit < results.total:
            pages["next"] = query([*base, ("page", asked.page + 1)])
    chosen = dict(asked.chosen)
    facet_links = {}
    if facets is not None:
        for name, values in facets.counts.items():
            key = FACET_PARAMS[name]
            if key in chosen:       # a facet already chosen narrows no further: it shows what was chosen
                values = tuple(v for v in values if v.value == chosen[key]) or values[:0]
            others = [(k, v) for k, v in base if k not in (key, "page")]
            facet_links[name] = [(v, query([*others, (key, v.value)]), chosen.get(key) == v.value) for v in values]
    removals = [(k, v, query([(a, b) for a, b in base if a != k])) for k, v in asked.chosen]
    return page(request, "search.html", asked=asked, results=results, facets=facets, facet_links=facet_links,
                pages=pages, removals=removals, feed=query(base), goal_titles=_goal_titles(store),
                kinds=SEARCH_KINDS, outcomes=OUTCOMES)


def _version(request: Request) -> str | None:
    return version_asked(request.query_params.get("version"))


def _same_query(request: Request, url: str) -> str:
    return f"{url}?{request.url.query}" if request.url.query else url


@get("/item/{item_id:path}")
def item(request: Request, item_id: str) -> Response:
    store = store_of(request)
    shown = store.show(item_id, _version(request))
    found = shown.found
    if found.item is None:
        return RedirectResponse(_same_query(request, f"/meeting/{path(item_id)}"), status_code=301)
    tags = [t for entry in store.strategy_tags(item_id=item_id, advancing=False) for t in
            [(entry.strategy, tag) for tag in entry.goals]]
    record, held = found.record, found.record.meeting
    return page(request, "item.html", record=record, item=found.item, meeting=held,
                meeting_id=meeting_id(held.organization, held.body, held.date, record.source.sha256),
                links=shown.links, version=found.version, others=found.others, chain=store.chain(item_id) or [],
                tags=tags, goal_titles=_goal_titles(store), item_id=item_id)


@get("/meeting/{id:path}")
def meeting(request: Request, id: str) -> Response:
    shown = store_of(request).show(id, _version(request))
    found = shown.found
    if found.item is not None:
        return RedirectResponse(_same_query(request, f"/item/{path(id)}"), status_code=301)
    return page(request, "meeting.html", record=found.record, meeting=found.record.meeting, version=found.version,
                others=found.others, meeting_id=id)


@get("/person/{name}")
def person(request: Request, name: str) -> Response:
    people = people_named(request, name)
    return page(request, "person.html", name=text_value("name", name), people=people)


@get("/strategy")
def strategies(request: Request) -> Response:
    return page(request, "strategies.html", strategies=store_of(request).strategies())


@get("/strategy/{strategy_id:path}/chart.png")
def strategy_chart(request: Request, strategy_id: str) -> Response:
    from minutes.strategy_chart import chart

    return Response(chart(strategy_report(request, strategy_id)[0], "png"), media_type="image/png",
                    headers={"Cache-Control": "max-age=300"})


@get("/strategy/{strategy_id:path}")
def strategy(request: Request, strategy_id: str) -> Response:
    report, asked = strategy_report(request, strategy_id)
    return page(request, "strategy.html", report=report, span=query(asked.query()), asked=asked,
                titles={g.goal.id: g.goal.title for g in report.goals})


def _meetings_page(request: Request, key: str) -> Response:
    store = store_of(request)
    entries = store.bodies()
    entry = next((e for e in entries if e.key == key), None)
    if entry is None:
        raise HTTPException(404, f"{key}: no meetings of this organisation or body are stored")
    by_year = defaultdict(list)
    listed = store.meetings(key, MAX_MEETINGS)
    for m in listed:
        by_year[(m.date or "?")[:4]].append(m)
    bodies = [e for e in entries if e.body is not None and e.key.startswith(key + "/")] if entry.body is None else []
    return page(request, "meetings.html", entry=entry, by_year=dict(by_year), bodies=bodies,
                cut=len(listed) < entry.meetings)


@get("/org/{org}")
def organisation(request: Request, org: str) -> Response:
    return _meetings_page(request, org)


@get("/body/{org}/{body}")
def body(request: Request, org: str, body: str) -> Response:
    return _meetings_page(request, f"{org}/{body}")


def _unchanged(file: Path, sha256: str) -> bool:
    """Whether ``file`` is a regular file holding the bytes of ``sha256`` (hashed in chunks; the
    answer kept while its size and modification time stay the same)."""
    try:
        stat = file.stat()
    except OSError:
        return False
    if not file.is_file():
        return False
    return _hashed(str(file), stat.st_size, stat.st_mtime_ns) == sha256


def _gathered_source(file: Path, sha256: str) -> Response:
    """A meeting read from several API responses (CaseM OpenNC): the files it was read from,
    gathered as they were (one JSON), when they are all still there and unchanged."""
    from minutes.errors import MinutesError
    from minutes.parse.readers import read_source

    try:
        data = read_source(file)
    except MinutesError:
        data = b""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HTTPException(404, f"{file.name}: the files the meeting was read from are no longer where they were "
                                 "read, or they have changed")
    return Response(data, media_type="application/json",
                    headers={"Content-Disposition": f"attachment; filename*=utf-8''{quote(file.stem)}.gathered.json"})


@functools.lru_cache(maxsize=256)
def _hashed(name: str, size: int, mtime_ns: int) -> str | None:  # noqa: ARG001 - size and time key the cache
    try:
        with open(name, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@get("/source/{id:path}")
def source(request: Request, id: str) -> Response:
    """The file a meeting's stored version was read from, when it is still where it was read and
    unchanged (the same SHA-256)."""
    found = store_of(request).find(id, _version(request))
    src = found.record.source
    file = Path(src.path)
    if src.format == "opennc":
        return _gathered_source(file, src.sha256)
    if not _unchanged(file, src.sha256):
        raise HTTPException(404, f"{file.name}: the source file is no longer where it was read, or it has changed")
    media = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "html": "text/plain; charset=utf-8", "text": "text/plain; charset=utf-8"}.get(src.format,
                                                                                       "application/octet-stream")
    return FileResponse(file, media_type=media, filename=file.name,
                        content_disposition_type="inline" if src.format == "pdf" else "attachment")

