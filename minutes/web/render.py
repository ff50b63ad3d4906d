"""Pages from templates: the Jinja2 environment (every value autoescaped), the filters the
templates use, and the response a page becomes."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from minutes.store.search import MARK

from .texts import Texts, texts

_MARKED = re.compile(f"{re.escape(MARK[0])}(.*?){re.escape(MARK[1])}", re.DOTALL)


def marked(snippet: str | None) -> Markup:
    """A search snippet with its matched words (between the search's marks) in ``<mark>``, every
    other character escaped."""
    parts = _MARKED.split(snippet or "")     # text, marked, text, marked, ..., text
    return Markup("").join(Markup("<mark>") + escape(part) + Markup("</mark>") if k % 2 else escape(part)
                           for k, part in enumerate(parts))


def path(value: str | None) -> str:
    """An id as part of a URL path: every character but the id's slashes quoted."""
    return quote(str(value or ""), safe="/")


def segment(value: str | None) -> str:
    """A name as one segment of a URL path: every character quoted, slashes too."""
    return quote(str(value or ""), safe="")


def query(pairs) -> str:
    """A query string (without "?") of ``pairs`` (a dict or (key, value) pairs), empty values left out."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return urlencode([(k, v) for k, v in items if v not in (None, "")])


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("minutes.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["marked"] = marked
    env.filters["path"] = path
    env.filters["segment"] = segment
    env.globals["query"] = query
    return env


def language_links(request: Request, t: Texts) -> list[tuple[str, str, str, bool]]:
    """(code, name, URL, current) for each language: this page with ``lang`` set, as a link of
    its query alone (relative: never another site, whatever the path asked for)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return [(code, t.names[code], f"?{query([*params, ('lang', code)])}", code == t.language)
            for code in t.languages]


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """The page ``template`` renders for ``request`` in the reader's language."""
    t = texts(request.state.language)
    html = environment().get_template(template).render(request=request, t=t, lang=t.language,
                                                       languages=language_links(request, t), **context)
    return HTMLResponse(html, status_code=status)
