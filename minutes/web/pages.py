"""The pages: search with facets, an item, a meeting, a person, a strategy, a body or an
organisation, and the source file of a meeting. Each has a stable URL; every page works without
JavaScript."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from minutes.record import OUTCOMES, meeting_id
from minutes.store.browse import FACETS

from .api import run_search, strategy_report
from .params import SEARCH_KINDS, SearchRequest, search_request, text_value, version_asked
from .render import page, path, query

router = APIRouter(include_in_schema=False)
# the search parameter each facet sets
FACET_PARAMS = {"organization": "org", "body": "body", "year": "year", "kind": "kind", "outcome": "outcome",
                "goal": "goal", "person": "person"}
assert set(FACET_PARAMS) == set(FACETS)


def _store(request: Request):
    return request.app.state.stores.get()


def _goal_titles(store) -> dict[str, str]:
    """"strategy id/goal id" and the bare goal id -> the goal's title."""
    out = {}
    for strategy in store.strategies():
        for goal in strategy.all_goals():
            out[f"{strategy.id}/{goal.id}"] = goal.title
            out.setdefault(goal.id, goal.title)
    return out


@router.get("/")
def home(request: Request) -> Response:
    store = _store(request)
    entries = store.bodies()
    organisations = [e for e in entries if e.body is None]
    bodies = defaultdict(list)
    for e in entries:
        if e.body is not None:
            bodies[e.key.split("/")[0]].append(e)
    return page(request, "home.html", counts=store.counts(), organisations=organisations, bodies=bodies,
                strategies=store.strategies(), kinds=SEARCH_KINDS, outcomes=OUTCOMES, asked=SearchRequest())


@router.get("/search")
def search(request: Request) -> Response:
    asked = search_request(request.query_params)
    store = _store(request)
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
            others = [(k, v) for k, v in base if k not in (key, "page") and not (key == "year" and k in ("from", "to"))]
            facet_links[name] = [(v, query([*others, (key, v.value)]), chosen.get(key) == v.value) for v in values]
    removals = [(k, v, query([(a, b) for a, b in base if a != k])) for k, v in asked.chosen]
    return page(request, "search.html", asked=asked, results=results, facets=facets, facet_links=facet_links,
                pages=pages, removals=removals, feed=query(base), goal_titles=_goal_titles(store),
                kinds=SEARCH_KINDS, outcomes=OUTCOMES)


def _version(request: Request) -> str | None:
    return version_asked(request.query_params.get("version"))


@router.get("/item/{item_id:path}")
def item(request: Request, item_id: str) -> Response:
    store = _store(request)
    shown = store.show(item_id, _version(request))
    found = shown.found
    if found.item is None:
        return RedirectResponse(f"/meeting/{path(item_id)}", status_code=301)
    tags = [t for entry in store.strategy_tags(item_id=item_id, advancing=False) for t in
            [(entry.strategy, tag) for tag in entry.goals]]
    record = found.record
    return page(request, "item.html", record=record, item=found.item, meeting=record.meeting,
                meeting_id=meeting_id(record.meeting.organization, record.meeting.body, record.meeting.date,
                                      record.source.sha256), links=shown.links, version=found.version, others=found.others, chain=store.chain(item_id) or [],
                tags=tags, goal_titles=_goal_titles(store), item_id=item_id)


@router.get("/meeting/{id:path}")
def meeting(request: Request, id: str) -> Response:
    shown = _store(request).show(id, _version(request))
    found = shown.found
    if found.item is not None:
        return RedirectResponse(f"/item/{path(id)}", status_code=301)
    return page(request, "meeting.html", record=found.record, meeting=found.record.meeting, version=found.version,
                others=found.others, meeting_id=id)


@router.get("/person/{name}")
def person(request: Request, name: str) -> Response:
    typed = text_value("name", name) or ""
    people = _store(request).person(typed) if any(c.isalnum() for c in typed) else []
    if not people:
        raise HTTPException(404, f"{typed}: nobody of that name")
    return page(request, "person.html", name=typed, people=people)


@router.get("/strategy")
def strategies(request: Request) -> Response:
    return page(request, "strategies.html", strategies=_store(request).strategies())


@router.get("/strategy/{strategy_id:path}/chart.png")
def strategy_chart(request: Request, strategy_id: str) -> Response:
    from minutes.strategy_chart import chart

    return Response(chart(strategy_report(request, strategy_id), "png"), media_type="image/png")


@router.get("/strategy/{strategy_id:path}")
def strategy(request: Request, strategy_id: str) -> Response:
    report = strategy_report(request, strategy_id)
    span = query([(k, v) for k, v in request.query_params.multi_items() if k in ("from", "to", "body")])
    return page(request, "strategy.html", report=report, span=span,
                titles={g.goal.id: g.goal.title for g in report.goals})


def _meetings_page(request: Request, key: str) -> Response:
    store = _store(request)
    entry = next((e for e in store.bodies() if e.key == key), None)
    if entry is None:
        raise HTTPException(404, f"{key}: no meetings of this organisation or body are stored")
    by_year = defaultdict(list)
    for m in store.meetings(key):
        by_year[(m.date or "?")[:4]].append(m)
    bodies = [e for e in store.bodies() if e.body is not None and e.key.startswith(key + "/")] if entry.body is None else []
    return page(request, "meetings.html", entry=entry, by_year=dict(by_year), bodies=bodies)


@router.get("/org/{org}")
def organisation(request: Request, org: str) -> Response:
    return _meetings_page(request, org)


@router.get("/body/{org}/{body}")
def body(request: Request, org: str, body: str) -> Response:
    return _meetings_page(request, f"{org}/{body}")


@router.get("/source/{meeting_id:path}")
def source(request: Request, meeting_id: str) -> Response:
    """The file a meeting's stored version was read from, when it is still where it was read and
    unchanged (the same SHA-256)."""
    found = _store(request).find(meeting_id, _version(request))
    src = found.record.source
    file = Path(src.path)
    try:
        same = file.is_file() and hashlib.sha256(file.read_bytes()).hexdigest() == src.sha256
    except OSError:
        same = False
    if not same:
        raise HTTPException(404, f"{src.path}: the source file is no longer where it was read, or it has changed")
    media = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "html": "text/plain; charset=utf-8", "text": "text/plain; charset=utf-8"}.get(src.format,
                                                                                       "application/octet-stream")
    return FileResponse(file, media_type=media, filename=file.name,
                        content_disposition_type="inline" if src.format == "pdf" else "attachment")

