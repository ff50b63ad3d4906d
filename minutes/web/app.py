"""The web application of ``minutes serve``: FastAPI (Starlette) with server-rendered Jinja2
pages (``pages``), a JSON API described by ``/openapi.json`` and an Atom feed (``api``), over one
database opened read-only. Every response carries the security headers; a bad parameter is a
400 with a sentence, an unknown id a 404 page, an unexpected failure a 500 page without a
traceback."""

from __future__ import annotations

import contextlib
import logging
from importlib import resources

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.staticfiles import StaticFiles

from minutes.errors import NotStored
from minutes.store.fulltext import QueryError

from .params import BadRequest
from .render import page
from .stores import Stores
from .texts import chosen_language

LOG = logging.getLogger("minutes.web")
LANGUAGE_COOKIE = "lang"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MACHINE_PREFIXES = ("/api/", "/feed", "/openapi.json")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(MACHINE_PREFIXES)


MAX_MESSAGE = 300          # characters of a message that may echo what was asked


def _error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "…"
    if _wants_json(request):
        response = JSONResponse({"error": message, "status": status}, status_code=status)
    else:
        title = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(status, "server_error")
        response = page(request, "error.html", status=status, title_key=title, message=message)
    response.headers.update(headers or {})
    return response


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("minutes")
    except PackageNotFoundError:
        return "unknown"


def create_app(db: str, base_url: str | None = None) -> FastAPI:
    """The application over the minutes database ``db`` (opened read-only, one connection per
    server thread); ``base_url``: its public address, for the links of feeds (default: the
    address each request came to, which its Host header names)."""
    from . import api, pages

    stores = Stores(db)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        stores.close()

    app = FastAPI(title="minutes", version=_version(), docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/openapi.json",
                  description="Search and read the decisions of Finnish and Finland-Swedish municipal minutes. "
                              "The JSON has the shapes of the command line's --format json.")
    app.state.stores = stores
    app.state.base_url = base_url
    app.mount("/static", StaticFiles(directory=str(resources.files("minutes.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def language_and_headers(request: Request, call_next):
        asked = request.query_params.get("lang")
        request.state.language = chosen_language(asked, request.cookies.get(LANGUAGE_COOKIE))
        try:
            response = await call_next(request)
        except Exception:     # noqa: BLE001 - logged; the reader sees a page, not a traceback
            LOG.exception("%s %s failed", request.method, request.url.path)
            response = _error(request, 500, "")
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if asked and asked == request.state.language and asked != request.cookies.get(LANGUAGE_COOKIE):
            response.set_cookie(LANGUAGE_COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest):
        return _error(request, 400, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return _error(request, 400, f"q: {exc}")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return _error(request, 400, f"{where}: {first.get('msg', 'not accepted')}")

    @app.exception_handler(NotStored)
    async def not_stored(request: Request, exc: NotStored):
        version = request.query_params.get("version")
        what = f"no {version} version of it is stored" if version and "version" in exc.message else \
            "no such item or meeting is stored"
        return _error(request, 404, f"{exc.path}: {what}")      # the database's name is not the reader's

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        generic = exc.status_code == 404 and exc.detail == "Not Found"
        message = f"{request.url.path}: no such page" if generic else str(exc.detail)
        return _error(request, exc.status_code, message, dict(exc.headers or {}))

    return app


def app_from_environment() -> FastAPI:
    """The application over the database ``MINUTES_SERVE_DB`` names: what each worker process of
    ``minutes serve --workers N`` builds."""
    import os

    return create_app(os.environ["MINUTES_SERVE_DB"], os.environ.get("MINUTES_SERVE_BASE_URL") or None)
