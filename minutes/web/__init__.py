"""The web interface of ``minutes serve``: ``app`` (the FastAPI application and its security
headers and errors), ``pages`` (the HTML pages, Jinja2 templates in ``templates/``), ``api`` (the
JSON API and the Atom feed, ``feed``), ``params`` (a query string read and bounded), ``render``
(the templates' environment, everything autoescaped), ``texts`` (the interface's words in Finnish,
Swedish and English, from ``models/interface.toml``), ``stores`` (a read-only store per server
thread)."""
