"""The JSON API behind the pages, with the shapes of the command line's ``--format json``
(``/api/search`` is ``minutes search``'s object, ``/api/item`` is ``minutes show``'s), and the
Atom feed of a search. Described by ``/openapi.json``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from minutes.record import json_text
from minutes.store.filters import Filters
from minutes.strategy_report import build_report

from .feed import atom
from .params import (MAX_LIMIT, MAX_OFFSET, MAX_QUERY, BadRequest, SearchRequest, report_request, search_request,
                     text_value, version_asked)
from .stores import store_of

router = APIRouter()
JSON = "application/json"


def search_parameters(
    request: Request,
    q: str | None = Query(None, description=f"The words, as typed on the command line (at most {MAX_QUERY} "
                                            "characters): inflected and compound forms match, \"quoted phrases\" "
                                            "as written, OR between words, -word excludes."),
    org: str | None = Query(None, description="Only this organisation (part of its name, or its id slug)."),
    body: str | None = Query(None, description="Only this body (part of its name, any case)."),
    date_from: str | None = Query(None, alias="from", description="Meetings on or after: YYYY-MM-DD, d.m.yyyy or a year."),
    date_to: str | None = Query(None, alias="to", description="Meetings on or before: YYYY-MM-DD, d.m.yyyy or a year."),
    year: str | None = Query(None, description="Meetings of this year (YYYY)."),
    kind: str | None = Query(None, description="Only this kind of section (or title)."),
    outcome: str | None = Query(None, description="Only items whose own decision has this outcome."),
    voted: str | None = Query(None, description="1: only items whose decision went to a vote."),
    person: str | None = Query(None, description="Only items where this person had a role (any case form)."),
    goal: str | None = Query(None, description="Only items advancing this strategy goal (its id, or strategy id/goal id)."),
    document_type: str | None = Query(None, description="Search this version of each item: minutes or agenda."),
    sort: str | None = Query(None, description="relevance (default) or date (newest first)."),
    limit: str | None = Query(None, description=f"Hits per page, 1 to {MAX_LIMIT} (default 20)."),
    offset: str | None = Query(None, description=f"Hits to skip, 0 to {MAX_OFFSET}."),
) -> SearchRequest:
    """The search the query string asks for, bounded (``params.search_request``). The parameters
    are declared here for ``/openapi.json``; the query string is read whole, so that a bad value
    is a 400 with a sentence rather than a validation error's shape."""
    return search_request(request.query_params, paged_by="offset")


def _json(data) -> Response:
    return Response(json_text(data, 2), media_type=JSON)


def run_search(store, asked: SearchRequest):
    """``Backend.search`` for a request; a request with nothing to search for is a ``BadRequest``."""
    if not asked.asks():
        raise BadRequest("q: give words to search for, or outcome, voted, person or goal to list the items they select")
    if asked.filters.goal and asked.filters.goal not in store.goal_ids():
        raise BadRequest(f"goal: no stored strategy has the goal {asked.filters.goal!r}")
    return store.search(asked.query, asked.filters, asked.limit, offset=asked.offset, sort=asked.sort)


@router.get("/api/search", summary="Search items", tags=["search"])
def api_search(request: Request, asked: SearchRequest = Depends(search_parameters)) -> Response:
    """A page of hits, best first (or newest first), with the total: ``minutes search --format json``."""
    return _json(run_search(store_of(request), asked).to_dict())


@router.get("/api/facets", summary="Facet counts of a search", tags=["search"])
def api_facets(request: Request, asked: SearchRequest = Depends(search_parameters)) -> Response:
    """How many of a search's items fall in each organisation, body, year, section kind, outcome,
    goal and person: ``{"items", "complete", "facets": {name: [{"value", "label", "count"}]}}``."""
    store = store_of(request)
    results = run_search(store, asked)
    return _json(store.facets(asked.query, asked.filters, results.mode == "any").to_dict())


@router.get("/api/item/{item_id:path}", summary="One item", tags=["records"])
def api_item(request: Request, item_id: str,
             version: str | None = Query(None, description="agenda or minutes (default: the decided one).")) -> Response:
    """The item with its links and versions: ``minutes show ID --format json``."""
    return _json(store_of(request).show(item_id, version_asked(version)).to_dict())


@router.get("/api/meeting/{meeting_id:path}", summary="One meeting", tags=["records"])
def api_meeting(request: Request, meeting_id: str,
                version: str | None = Query(None, description="agenda or minutes (default: the decided one).")) -> Response:
    """The meeting's record with its versions: ``minutes show MEETING-ID --format json``."""
    shown = store_of(request).show(meeting_id, version_asked(version))
    if shown.found.item is not None:
        raise HTTPException(404, f"{meeting_id}: an item, not a meeting (/api/item/{meeting_id})")
    return _json(shown.to_dict())


@router.get("/api/chain/{item_id:path}", summary="The matter across bodies", tags=["records"])
def api_chain(request: Request, item_id: str) -> Response:
    """The steps of the item's matter in date order: ``minutes chain ID --format json``."""
    steps = store_of(request).chain(item_id)
    if steps is None:
        raise HTTPException(404, f"{item_id}: no such item")
    return _json([s.__dict__ for s in steps])


@router.get("/api/person/{name}", summary="What a person did", tags=["people"])
def api_person(request: Request, name: str) -> Response:
    """Every stored person the name may stand for, with their meetings, items presented and
    prepared, motions, votes, disqualifications and dissents: ``minutes person NAME --format json``."""
    return _json([p.to_dict() for p in people_named(request, name)])


def people_named(request: Request, name: str):
    """The stored people a typed name may stand for; a name without letters is a ``BadRequest``,
    one naming nobody a 404."""
    typed = text_value("name", name) or ""
    if not any(c.isalnum() for c in typed):
        raise BadRequest("name: a name needs letters")
    people = store_of(request).person(typed)
    if not people:
        raise HTTPException(404, f"{typed}: nobody of that name")
    return people


@router.get("/api/bodies", summary="Organisations and bodies", tags=["records"])
def api_bodies(request: Request) -> Response:
    """Every organisation and body with stored meetings: key, name, meetings, first and last date."""
    return _json([b.to_dict() for b in store_of(request).bodies()])


@router.get("/api/strategies", summary="Stored strategies", tags=["strategy"])
def api_strategies(request: Request) -> Response:
    """Every stored strategy: ``minutes strategy list --format json``."""
    return _json([s.to_dict() for s in store_of(request).strategies()])


@router.get("/api/strategy/{strategy_id:path}", summary="A strategy's report", tags=["strategy"])
def api_strategy(request: Request, strategy_id: str,
                 date_from: str | None = Query(None, alias="from", description="Decisions on or after this day or year."),
                 date_to: str | None = Query(None, alias="to", description="Decisions on or before this day or year."),
                 year: str | None = Query(None, description="Decisions of this year (YYYY)."),
                 body: str | None = Query(None, description="Only this body.")) -> Response:
    """Per goal, the decisions that advance it, their counts per body and year, and the goals
    without decisions: ``minutes strategy report --format json``. The span is at most
    50 years."""
    return _json(strategy_report(request, strategy_id)[0].to_dict())


def strategy_report(request: Request, strategy_id: str):
    """The report of a stored strategy for the span and body the query string asks, and what was
    asked (``params.ReportRequest``)."""
    store = store_of(request)
    chosen = next((s for s in store.strategies() if s.id == strategy_id), None)
    if chosen is None:
        raise HTTPException(404, f"{strategy_id}: no such strategy")
    asked = report_request(request.query_params, chosen.period_from, chosen.period_to)
    filters = Filters(body=asked.body, date_from=asked.date_from, date_to=asked.date_to)
    return build_report(chosen, store.strategy_tags(chosen.id, filters), asked.date_from, asked.date_to,
                        asked.body), asked


@router.get("/feed", summary="Atom feed of a search", tags=["search"],
            response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
def feed(request: Request, asked: SearchRequest = Depends(search_parameters)) -> Response:
    """The newest items matching a search (the same parameters as ``/api/search``), as an Atom
    feed: a reader is told of new matching decisions without searching again."""
    store = store_of(request)
    newest = SearchRequest(asked.query, asked.filters, "date", asked.limit, 0, asked.chosen)
    results = run_search(store, newest)
    return Response(atom(request, asked, results), media_type="application/atom+xml")
