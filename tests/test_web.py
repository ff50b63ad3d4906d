"""The web interface of ``minutes serve`` (in-process, Starlette's test client): every page and
the API answer with the command line's semantics and JSON, bad parameters are a 400 with a
sentence, unknown ids a 404 page, stored markup is inert everywhere, the database is only read,
the security headers are on every response, the texts are complete in every language."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from lxml import etree
from starlette.testclient import TestClient

import web_store
from decision_minutes import BOARD
from minutes.cli import main
from minutes.errors import ExitCode
from minutes.web.app import HEADERS, create_app
from minutes.web.params import MAX_LIMIT, MAX_OFFSET, MAX_QUERY

ROOT = Path(__file__).resolve().parents[1]
STRATEGY = "esimerkin-kaupunki/esimerkki-2030-script-alert-x-script"
VOTED = f"{BOARD}/10"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return web_store.build(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    app = create_app(str(db))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.stores.close()


def cli_json(db: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def strategy_id(client) -> str:
    return next(s["id"] for s in client.get("/api/strategies").json() if s["organization"] == "Esimerkin kaupunki")


def pages(client) -> list[str]:
    """A URL of every kind of page, over the stored hostile item where there is one."""
    sid = strategy_id(client)
    return ["/", "/search", "/search?q=uimahallista", "/search?q=uimahalli&sort=date&body=valtuusto",
            f"/item/{web_store.HOSTILE_ITEM}", f"/item/{web_store.CITING}", f"/item/{VOTED}",
            f"/meeting/{web_store.COUNCIL_2025}", "/person/Hella", "/strategy", f"/strategy/{sid}",
            "/org/esimerkin-kaupunki", "/body/esimerkin-kaupunki/kaupunginvaltuusto",
            f"/search?goal={sid}/liikkuva", "/search?outcome=tabled"]


# -- every page ---------------------------------------------------------------------------------

def test_every_page_answers_with_html_and_its_headers(client):
    for url in pages(client):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (url, name)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        soup = BeautifulSoup(response.text, "html.parser")
        assert soup.html["lang"] == "fi"
        assert len(soup.find_all("h1")) == 1, url


def test_headings_never_skip_a_level(client):
    for url in pages(client):
        levels = [int(h.name[1]) for h in BeautifulSoup(client.get(url).text, "html.parser").find_all(
            ["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels[0] == 1, url
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (url, levels)


def test_every_form_field_has_a_label(client):
    for url in pages(client):
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        for field in soup.find_all(["input", "select", "textarea"]):
            if field.get("type") in ("hidden", "submit"):
                continue
            assert field.get("id") and soup.find("label", attrs={"for": field["id"]}), (url, str(field))


# -- search ---------------------------------------------------------------------------------------

def test_api_search_is_the_command_lines_json(client, db):
    for params, args in [({"q": "uimahalli"}, ["uimahalli"]),
                         ({"q": "uimahalli", "sort": "date", "limit": "2", "offset": "1"},
                          ["uimahalli", "--sort", "date", "--limit", "2", "--offset", "1"]),
                         ({"q": "avustus", "body": "lautakunta", "from": "2025-04"[:4]},
                          ["avustus", "--body", "lautakunta", "--from", "2025"]),
                         ({"outcome": "tabled"}, ["--outcome", "tabled"]),
                         ({"person": "Hellan"}, ["--person", "Hellan"])]:
        response = client.get("/api/search", params=params)
        assert response.status_code == 200, response.text
        assert response.json() == cli_json(db, "search", *args), params


def test_the_search_page_shows_the_hits_the_total_and_highlights(client, db):
    expected = cli_json(db, "search", "uimahalli")
    soup = BeautifulSoup(client.get("/search", params={"q": "uimahalli"}).text, "html.parser")
    links = [a["href"] for a in soup.select("ol.hits h3 a")]
    assert links == [f"/item/{h['item_id']}" for h in expected["hits"]]
    assert str(expected["total"]) in soup.select_one("#results-heading").text
    assert soup.select("ol.hits mark"), "the matched words are marked"
    assert all("uimahal" in m.text.lower() for m in soup.select("ol.hits mark"))


def test_facets_count_the_matching_items_and_narrow_the_search(client):
    facets = client.get("/api/facets", params={"q": "uimahalli"}).json()
    total = client.get("/api/search", params={"q": "uimahalli"}).json()["total"]
    assert facets["items"] == total and facets["complete"]
    assert sum(v["count"] for v in facets["facets"]["year"]) == total
    assert sum(v["count"] for v in facets["facets"]["organization"]) == total
    for name, param in [("body", "body"), ("year", "year"), ("goal", "goal"), ("outcome", "outcome")]:
        assert facets["facets"][name], name
        for value in facets["facets"][name]:
            narrowed = client.get("/api/search", params={"q": "uimahalli", param: value["value"]}).json()
            assert narrowed["total"] == value["count"], (name, value)
    # the page links each value to the search narrowed by it
    soup = BeautifulSoup(client.get("/search", params={"q": "uimahalli"}).text, "html.parser")
    body_links = [a["href"] for a in soup.select("aside.facets a") if "body=" in a["href"]]
    assert body_links and all("q=uimahalli" in href for href in body_links)


def test_pages_follow_one_another(client):
    both = client.get("/api/search", params={"q": "uimahalli", "limit": "2"}).json()["hits"]
    assert len(both) == 2
    second = BeautifulSoup(client.get("/search", params={"q": "uimahalli", "size": "1", "page": "2"}).text,
                           "html.parser")
    assert [a["href"] for a in second.select("ol.hits h3 a")] == [f"/item/{both[1]['item_id']}"]
    assert second.select_one("a[rel=prev]")["href"].endswith("page=1")
    first = BeautifulSoup(client.get("/search", params={"q": "uimahalli", "size": "1"}).text, "html.parser")
    assert "page=2" in first.select_one("a[rel=next]")["href"] and not first.select("a[rel=prev]")


def test_a_search_with_nothing_to_search_shows_the_form(client):
    soup = BeautifulSoup(client.get("/search").text, "html.parser")
    assert soup.select_one("form.search input#q") is not None and not soup.select("ol.hits")


@pytest.mark.parametrize("url, says", [
    (f"/search?q={'a' * (MAX_QUERY + 1)}", f"at most {MAX_QUERY} characters"),
    (f"/search?q=kaava&size={MAX_LIMIT + 1}", f"from 1 to {MAX_LIMIT}"),
    ("/search?q=kaava&page=0", "page: a whole number"),
    ("/search?q=kaava&page=x", "page: a whole number"),
    ("/search?q=kaava&kind=sermon", "kind: one of"),
    ("/search?q=kaava&outcome=maybe", "outcome: one of"),
    ("/search?q=kaava&sort=random", "sort: one of"),
    ("/search?q=kaava&from=yesterday", "from: a date"),
    ("/search?q=kaava&from=2025&to=2024", "from: a day on or before to"),
    ("/search?q=kaava&year=25", "year: four digits"),
    ("/search?q=kaava&goal=nosuchgoal", "goal: no stored strategy"),
    ("/search?q=%00kaava", "control characters"),
    ("/item/" + BOARD + "/10?version=draft", "version: one of minutes, agenda"),
    (f"/api/search?q=kaava&offset={MAX_OFFSET + 1}", f"offset: a whole number from 0 to {MAX_OFFSET}"),
    (f"/api/search?q=kaava&limit={MAX_LIMIT + 1}", f"limit: a whole number from 1 to {MAX_LIMIT}"),
    ("/api/search", "q: give words"),
    ("/api/search?q=-kaava", "q: "),
    ("/feed?q=kaava&sort=x", "sort: one of"),
])
def test_a_bad_parameter_is_a_400_with_a_sentence(client, url, says):
    response = client.get(url)
    assert response.status_code == 400, (url, response.text[:300])
    text = response.json()["error"] if url.startswith(("/api", "/feed")) else \
        BeautifulSoup(response.text, "html.parser").select_one("p.error").text
    assert says in text, (url, text)
    assert "Traceback" not in response.text and 'File "' not in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# -- records --------------------------------------------------------------------------------------

def test_api_item_meeting_chain_person_strategy_are_the_command_lines_json(client, db):
    assert client.get(f"/api/item/{web_store.CITING}").json() == cli_json(db, "show", web_store.CITING)
    assert client.get(f"/api/meeting/{web_store.COUNCIL_2025}").json() == cli_json(db, "show", web_store.COUNCIL_2025)
    chained = "jarvelan-kunta/tekninen-lautakunta/2025-05-14/44"
    assert client.get(f"/api/chain/{chained}").json() == cli_json(db, "chain", chained)
    assert client.get("/api/person/Hella").json() == cli_json(db, "person", "Hella")
    sid = strategy_id(client)
    assert client.get(f"/api/strategy/{sid}").json() == cli_json(db, "strategy", "report", "--strategy", sid)
    assert client.get("/api/strategies").json() == cli_json(db, "strategy", "list")


def test_the_item_page_links_references_both_ways(client):
    citing = BeautifulSoup(client.get(f"/item/{web_store.CITING}").text, "html.parser")
    assert f"/item/{web_store.CITED}" in [a["href"] for a in citing.select("ul.references a")]
    cited = BeautifulSoup(client.get(f"/item/{web_store.CITED}").text, "html.parser")
    assert f"/item/{web_store.CITING}" in [a["href"] for a in cited.select("a")]


def test_the_item_page_shows_the_vote_with_ballots_and_the_motion(client):
    soup = BeautifulSoup(client.get(f"/item/{VOTED}").text, "html.parser")
    ballots = {row.select("td")[0].text: row.select("td")[1].text for row in soup.select("table.ballots tbody tr")}
    shown = client.get(f"/api/item/{VOTED}").json()
    expected = {b["name"]: b["vote"] for v in shown["votes"] for b in v["ballots"]}
    assert expected and set(ballots) == set(expected)
    assert {n: {"jaa": "yes", "ei": "no"}[v] for n, v in ballots.items()} == expected
    assert "palautusehdotus" in soup.select_one("ul.motions").text
    assert soup.select_one("ul.motions a[href^='/person/']") is not None


def test_the_item_page_shows_the_chain_history_and_disqualification(client):
    chained = BeautifulSoup(client.get("/item/jarvelan-kunta/tekninen-lautakunta/2025-05-14/44").text, "html.parser")
    steps = chained.select("ol.timeline li")
    assert len(steps) == 3 and steps[2].get("aria-current") == "step"
    assert "2025-02-18" in steps[0].text and "ei tallennettu" in steps[0].text   # named, not stored
    assert "/item/jarvelan-kunta/kunnanhallitus/2025-03-10/57" in [a["href"] for a in chained.select("ol.history a")]
    disqualified = BeautifulSoup(client.get(f"/item/{BOARD}/11").text, "html.parser")
    assert "Juha Hella" in disqualified.text and "Esteellisyydet" in disqualified.text


def test_the_item_page_shows_its_goals_with_evidence(client):
    soup = BeautifulSoup(client.get(f"/item/{web_store.CITING}").text, "html.parser")
    goals = soup.select("ul.goals li")
    assert goals and "Liikkuva kaupunki" in goals[0].text
    assert goals[0].select("details li"), "the evidence is listed"


def test_the_meeting_page_lists_participants_and_items(client):
    soup = BeautifulSoup(client.get(f"/meeting/{web_store.COUNCIL_2025}").text, "html.parser")
    assert {a.text for a in soup.select("table.participants a")} == {"Olli Salo", "Pekka Hella", "Aino Laine"}
    assert [a["href"] for a in soup.select("ol.items a")] == [f"/item/{web_store.CITING}",
                                                               f"/item/{web_store.HOSTILE_ITEM}"]
    assert soup.select_one(f"a[href='/source/{web_store.COUNCIL_2025}']") is not None


def test_the_person_page_lists_votes_motions_and_disqualifications(client):
    soup = BeautifulSoup(client.get("/person/Juha Hella").text, "html.parser")
    assert soup.h2.text == "Juha Hella"
    text = soup.text
    assert "Äänet" in text and "Esteellisyydet" in text and f"/item/{BOARD}/11" in str(soup)


def test_the_strategy_page_has_the_chart_and_the_goals_without_decisions(client):
    sid = strategy_id(client)
    soup = BeautifulSoup(client.get(f"/strategy/{sid}").text, "html.parser")
    report = client.get(f"/api/strategy/{sid}").json()
    counted = {g["title"]: g["count"] for g in report["goals"]}
    assert counted["Tasapainoinen talous"] >= 1
    chart = client.get(soup.select_one("figure.chart img")["src"])
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    assert soup.select_one("figure.chart img")["alt"]
    rantala = next(s["id"] for s in client.get("/api/strategies").json() if s["organization"] == "Rantalan kunta")
    rsoup = BeautifulSoup(client.get(f"/strategy/{rantala}").text, "html.parser")
    without = [g["title"] for g in client.get(f"/api/strategy/{rantala}").json()["goals"] if g["count"] == 0]
    assert without and all(title in rsoup.text for title in without)


def test_body_and_organisation_pages_list_meetings_by_year(client):
    soup = BeautifulSoup(client.get("/org/esimerkin-kaupunki").text, "html.parser")
    assert [h.text.split()[0] for h in soup.select("h3")] == ["2025", "2024"]
    assert "/body/esimerkin-kaupunki/kaupunginhallitus" in [a["href"] for a in soup.select("a")]
    body = BeautifulSoup(client.get("/body/esimerkin-kaupunki/kaupunginvaltuusto").text, "html.parser")
    assert {a["href"] for a in body.select("main section a")} == {
        f"/meeting/{web_store.COUNCIL_2025}", "/meeting/esimerkin-kaupunki/kaupunginvaltuusto/2024-11-18"}


@pytest.mark.parametrize("url", ["/item/nowhere/none/2025-01-01/1", "/meeting/document/0000", "/person/Zyxwvu",
                                 "/strategy/no/such", "/org/no-such-town", "/body/no/such", "/no/such/page",
                                 "/api/item/nowhere", "/api/meeting/nowhere", "/api/person/Zyxwvu",
                                 "/api/chain/nowhere", "/api/strategy/no/such", "/source/nowhere"])
def test_an_unknown_id_is_a_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api"):
        assert response.json()["status"] == 404 and response.json()["error"]
    else:
        soup = BeautifulSoup(response.text, "html.parser")
        assert soup.h1.text == "Ei löytynyt" and soup.select_one("p.error").text
    assert response.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


def test_a_meeting_url_of_an_item_redirects_to_the_item(client):
    response = client.get(f"/meeting/{web_store.CITING}", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == f"/item/{web_store.CITING}"


def test_a_failure_is_a_500_page_without_a_traceback(db, monkeypatch):
    app = create_app(str(db))

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        monkeypatch.setattr(type(app.state.stores.get()), "search", broken)
        for url in ["/search?q=kaava", "/api/search?q=kaava"]:
            response = c.get(url)
            assert response.status_code == 500
            assert "secret internals" not in response.text and "Traceback" not in response.text
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    app.state.stores.close()


# -- the source file ------------------------------------------------------------------------------

def test_the_source_file_is_served_only_while_unchanged(client, db, tmp_path):
    pdf = client.get("/source/jarvelan-kunta/tekninen-lautakunta/2025-05-14")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == (ROOT / "samples" / "jarvela-tekltk-2025-05-14.pdf").read_bytes()
    text = client.get(f"/source/{BOARD}")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "attachment" in text.headers["content-disposition"]
    source = Path(client.get(f"/api/meeting/{BOARD}").json()["source"]["path"])
    original = source.read_bytes()
    try:
        source.write_bytes(original + b"\nmuutettu")
        assert client.get(f"/source/{BOARD}").status_code == 404
    finally:
        source.write_bytes(original)


# -- safety ---------------------------------------------------------------------------------------

def _assert_inert(html: str, where: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("iframe", "img") or tag.get("src", "").startswith("/"), (where, str(tag))
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (where, str(tag))
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not text.strip().lower().startswith("javascript:"), (where, str(tag))
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == ["/static/app.js"], (where, scripts)
    assert not soup.find_all("b") and not soup.find_all("i"), where


def test_stored_markup_is_inert_in_every_page(client):
    seen = 0
    for url in pages(client):
        html = client.get(url).text
        _assert_inert(html, url)
        if web_store.HOSTILE in BeautifulSoup(html, "html.parser").get_text():
            seen += 1          # shown, as text
    assert seen >= 6, "the hostile texts are on the pages, escaped"
    item = BeautifulSoup(client.get(f"/item/{web_store.HOSTILE_ITEM}").text, "html.parser")
    assert web_store.HOSTILE in item.h1.text and "<img src=x onerror=alert(2)>" in item.get_text()
    assert "&lt;tag&gt;" in item.get_text()       # printed entities stay as printed


def test_stored_markup_is_inert_in_the_feed_and_the_json(client):
    feed = client.get("/feed", params={"q": "uimahallista"})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    tree = etree.fromstring(feed.content)
    titles = [e.findtext(f"{ATOM}title") for e in tree.iter(f"{ATOM}entry")]
    assert any(web_store.HOSTILE in t for t in titles)
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname in ("script", "a")]
    for link in tree.iter(f"{ATOM}link"):
        assert link.get("href").startswith("http://testserver/")
    api = client.get(f"/api/item/{web_store.HOSTILE_ITEM}")
    assert api.headers["content-type"] == "application/json" and api.json()["title"].count("<script>") == 1


def test_the_feed_lists_the_newest_matching_items_first(client):
    tree = etree.fromstring(client.get("/feed", params={"q": "uimahalli"}).content)
    entries = list(tree.iter(f"{ATOM}entry"))
    newest = client.get("/api/search", params={"q": "uimahalli", "sort": "date"}).json()["hits"]
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"http://testserver/item/{h['item_id']}" for h in newest]
    days = [e.findtext(f"{ATOM}updated")[:10] for e in entries]
    assert days == sorted(days, reverse=True)
    assert tree.findtext(f"{ATOM}updated")[:10] == days[0]
    page = BeautifulSoup(client.get("/search", params={"q": "uimahalli"}).text, "html.parser")
    assert page.select_one("link[type='application/atom+xml']")["href"] == "/feed?q=uimahalli"


def test_the_database_is_only_read(db, client):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in pages(client) + ["/api/search?q=uimahalli", "/feed?q=uimahalli", "/api/facets?q=uimahalli"]:
        client.get(url)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    store = client.app.state.stores.get()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM items")


def test_a_missing_database_stops_serve_with_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "none.db" in result.output and "no such database" in result.output


# -- languages ------------------------------------------------------------------------------------

def test_the_language_is_switched_and_remembered(client):
    client.cookies.clear()
    swedish = client.get("/search", params={"q": "uimahalli", "lang": "sv"})
    soup = BeautifulSoup(swedish.text, "html.parser")
    assert soup.html["lang"] == "sv" and soup.select_one("label[for=q]").text == "Sökord"
    assert swedish.cookies.get("lang") == "sv"
    client.cookies.set("lang", "sv")
    again = BeautifulSoup(client.get("/").text, "html.parser")
    assert again.html["lang"] == "sv"
    english = BeautifulSoup(client.get("/?lang=en").text, "html.parser")
    assert english.html["lang"] == "en" and english.select_one("label[for=q]").text == "Search words"
    links = {a["hreflang"]: a["href"] for a in english.select("nav.languages a")}
    assert links["fi"] == "?lang=fi"
    client.cookies.clear()
    assert BeautifulSoup(client.get("/?lang=xx").text, "html.parser").html["lang"] == "fi"


def test_every_language_has_every_text():
    data = tomllib.loads((ROOT / "models" / "interface.toml").read_text(encoding="utf-8"))
    finnish = data["fi"]
    for language in data["languages"]:
        texts = data[language]
        assert set(texts) == set(finnish), language
        for key, value in finnish.items():
            if isinstance(value, dict):
                assert set(texts[key]) == set(value), (language, key)
            else:
                assert isinstance(texts[key], str) and texts[key].strip(), (language, key)
        assert language in data["names"]
    from minutes.record import MOTION_KINDS, MOTION_RESULTS, OUTCOMES, SECTION_KINDS, VOTE_CHOICES

    assert set(finnish["outcomes"]) == set(OUTCOMES)
    assert set(finnish["kinds"]) == {"title", *SECTION_KINDS}
    assert set(finnish["ballot_choices"]) == set(VOTE_CHOICES)
    assert set(finnish["motion_kinds"]) == set(MOTION_KINDS)
    assert set(finnish["motion_results"]) == set(MOTION_RESULTS)


# -- the API's description ------------------------------------------------------------------------

def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ["/api/search", "/api/facets", "/api/item/{item_id}", "/api/meeting/{meeting_id}",
                 "/api/person/{name}", "/api/chain/{item_id}", "/api/strategy/{strategy_id}", "/feed"]:
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "org", "body", "from", "to", "year", "kind", "outcome", "goal", "person", "sort", "limit",
            "offset"} <= names
    assert not any(p.startswith(("/search", "/item")) for p in spec["paths"]), "the pages are not the API"


# -- what an adversarial review found ---------------------------------------------------------------

@pytest.mark.parametrize("url, says", [
    ("/search?q=uimahalli&page=%C2%B2", "page: a whole number"),
    ("/search?q=uimahalli&size=%D9%A3", "size: a whole number"),
    (f"/api/search?q=uimahalli&offset={'9' * 5000}", "offset: a whole number"),
    ("/strategy/{sid}?from=0001&to=9999", "at most 50 years"),
    ("/strategy/{sid}/chart.png?from=1000", "at most 50 years"),
    ("/api/strategy/{sid}?to=2500", "at most 50 years"),
    ("/strategy/{sid}?from=2025&year=2024", "year: a year inside from and to"),
    ("/person/%25%25", "name: a name needs letters"),
])
def test_numbers_spans_and_names_out_of_bounds_are_400s(client, url, says):
    response = client.get(url.format(sid=strategy_id(client)))
    assert response.status_code == 400, (url, response.status_code)
    assert says in response.text


def test_the_language_links_never_leave_the_site(client):
    for url in ["//evil.example/x", "/%09/evil.example", "/%2F%2Fevil.example"]:
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        hrefs = [a["href"] for a in soup.select("nav.languages a")]
        assert hrefs and all(h.startswith("?lang=") for h in hrefs), (url, hrefs)


def test_every_facet_value_gives_the_total_it_counts(client):
    """Each facet value's count is the total of the search narrowed by it (filters of the same
    key already chosen show the value chosen)."""
    searches = [{"q": "uimahalli"}, {"q": "päätös"}, {"q": "hyväksyttiin", "from": "2025-04-01"},
                {"outcome": "as_proposed", "q": "-uimahalli"}, {"voted": "1"}, {"person": "Hella"},
                {"q": "avustus", "org": "Järvelän"}]
    checked = 0
    for params in searches:
        facets = client.get("/api/facets", params=params).json()
        total = client.get("/api/search", params=params).json()["total"]
        assert facets["items"] == total, params
        for name, param in [("organization", "org"), ("body", "body"), ("year", "year"), ("kind", "kind"),
                            ("outcome", "outcome"), ("goal", "goal"), ("person", "person")]:
            if param in params:
                continue
            for value in facets["facets"][name]:
                narrowed = client.get("/api/search", params={**params, param: value["value"]}).json()["total"]
                assert narrowed == value["count"], (params, name, value)
                checked += 1
    assert checked > 40
    soup = BeautifulSoup(client.get("/search", params={"person": "Hella"}).text, "html.parser")
    people = [a.text for a in soup.select("aside.facets section") if a.h3.text == "Henkilö"]
    assert not people or "Aino Laine" not in people[0]


def test_a_kind_narrows_a_listing_without_words(client):
    voted = client.get("/api/search", params={"voted": "1"}).json()["total"]
    background = client.get("/api/search", params={"voted": "1", "kind": "background"}).json()["total"]
    assert 0 < background < voted


def test_a_not_stored_message_names_the_id_and_not_the_database(client, db):
    for url in ["/item/nowhere/x", "/api/item/nowhere/x", f"/item/{BOARD}/10?version=agenda"]:
        response = client.get(url)
        assert response.status_code == 404 and str(db) not in response.text and db.name not in response.text
        assert "--version" not in response.text
    long = client.get("/item/" + "x" * 5000)
    assert long.status_code == 404 and long.text.count("x" * 400) == 0


def test_head_and_other_methods(client):
    head = client.head("/search?q=uimahalli")
    assert head.status_code == 200 and head.headers["Content-Security-Policy"]
    posted = client.post("/search")
    assert posted.status_code == 405 and "GET" in posted.headers["allow"]
    assert BeautifulSoup(posted.text, "html.parser").h1.text == "Menetelmä ei ole sallittu"


def test_chips_and_navigation_speak_the_readers_language(client):
    soup = BeautifulSoup(client.get("/search", params={"outcome": "tabled", "voted": "0"}).text, "html.parser")
    chips = [a.text for a in soup.select("ul.chosen a")]
    assert len(chips) == 1 and chips[0].startswith("pantu pöydälle")
    assert soup.select_one("nav.languages")["aria-label"] == "Kieli"
    assert soup.select_one("header nav")["aria-label"] == "Päävalikko"


def test_a_redirect_keeps_the_version_asked_for(client):
    response = client.get(f"/meeting/{web_store.CITING}?lang=sv", follow_redirects=False)
    assert response.headers["location"] == f"/item/{web_store.CITING}?lang=sv"


def test_the_feed_links_to_the_public_address_not_the_host_asked(db):
    app = create_app(str(db), base_url="https://paatokset.example.fi")
    with TestClient(app) as c:
        feed = c.get("/feed", params={"q": "uimahalli"}, headers={"Host": "evil.example"})
        links = [link.get("href") for link in etree.fromstring(feed.content).iter(f"{ATOM}link")]
    app.state.stores.close()
    assert links and all(h.startswith("https://paatokset.example.fi/") for h in links)
    refused = CliRunner().invoke(main, ["serve", "--db", str(db), "--base-url", "javascript:alert(1)"])
    assert refused.exit_code == ExitCode.USAGE and "an http:// or https:// address" in refused.output


def test_an_organisations_page_lists_its_newest_meetings_at_most(client, monkeypatch):
    import minutes.web.pages as pages

    monkeypatch.setattr(pages, "MAX_MEETINGS", 2)
    soup = BeautifulSoup(client.get("/org/esimerkin-kaupunki?lang=fi").text, "html.parser")
    listed = [a["href"] for a in soup.select("main section li a")]
    assert listed == [f"/meeting/{web_store.COUNCIL_2025}", f"/meeting/{BOARD}"]
    assert "Uusimmat 2 kokousta" in soup.select_one("p.note").text
