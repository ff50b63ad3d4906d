"""``minutes serve`` in a real browser: Debian's chromium driven by Playwright (no browser is
downloaded: Playwright is pointed at the system's chromium). The server is the command itself,
started on a free loopback port over the web tests' store. A reader searches with a filter,
opens an item, follows a reference to the cited decision, opens the chain and a person, switches
the language and does it all with the keyboard; axe-core checks every page's accessibility.

The screenshots of the README (search, item, strategy) are taken here: set MINUTES_SCREENSHOTS to
a folder (``MINUTES_SCREENSHOTS=docs/screenshots``) to write them there."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

import web_store
from decision_minutes import BOARD

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHAINED = "jarvelan-kunta/tekninen-lautakunta/2025-05-14/44"


def chromium() -> str:
    for candidate in (os.environ.get("MINUTES_CHROMIUM"), *CHROMIUM_NAMES):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    pytest.fail("the browser tests need chromium: sudo apt-get install chromium "
                "(or MINUTES_CHROMIUM=/path/to/chromium); sh scripts/setup.sh --test installs it as root")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = web_store.build(tmp_path_factory.mktemp("browser"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"minutes serve did not start: {process.stdout.read().decode(errors='replace')}")
        time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1200, "height": 900}, locale="fi-FI",
                                  permissions=["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    errors = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # a resource that fails to load (a page asked for on purpose may be a 404: not the page's fault)
    opened.on("response", lambda response: errors.append(f"{response.status} {response.url}")
              if response.status >= 400 and response.request.resource_type != "document" else None)
    opened.on("console", lambda message: errors.append(message.text)
              if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    yield opened
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


def test_search_with_a_filter_and_a_facet(page):
    page.goto("/")
    page.get_by_label("Hakusanat").fill("uimahalli")
    page.get_by_role("button", name="Hae").click()
    expect(page.locator("ol.hits li")).to_have_count(4)
    page.locator("details.filters summary").click()
    page.get_by_label("Toimielin").fill("valtuusto")
    page.get_by_role("button", name="Rajaa").click()
    expect(page.locator("#results-heading")).to_have_text("3 osumaa")
    assert "body=valtuusto" in page.url
    page.locator("aside.facets a", has_text="Esimerkin kaupunki").click()
    expect(page.locator("#results-heading")).to_have_text("2 osumaa")
    assert "org=Esimerkin+kaupunki" in page.url and "body=valtuusto" in page.url
    expect(page.locator("ul.chosen a")).to_have_count(2)


def test_open_an_item_and_follow_a_reference_to_the_cited_decision(page):
    page.goto("/search?q=uimahallin+rahoitus")
    page.locator("ol.hits h3 a", has_text="Uimahallin peruskorjauksen rahoitus").click()
    expect(page.locator("h1")).to_have_text("§ 20 Uimahallin peruskorjauksen rahoitus")
    page.locator("ul.references a", has_text="Kaupunginhallitus 3.3.2025 § 10").click()
    expect(page).to_have_url(f"/item/{BOARD}/10")
    expect(page.locator("h1")).to_have_text("§ 10 Uimahallin peruskorjaus")
    # the cited decision lists the item citing it
    expect(page.locator(f"a[href='/item/{web_store.CITING}']")).to_be_visible()


def test_open_the_chain_and_walk_it(page):
    page.goto(f"/item/{CHAINED}")
    steps = page.locator("ol.timeline li")
    expect(steps).to_have_count(3)
    expect(steps.nth(2)).to_have_attribute("aria-current", "step")
    steps.nth(1).locator("a").click()
    expect(page).to_have_url("/item/jarvelan-kunta/kunnanhallitus/2025-03-10/57")
    expect(page.locator("ol.timeline li").nth(1)).to_have_attribute("aria-current", "step")


def test_open_a_person_from_a_ballot(page):
    page.goto(f"/item/{BOARD}/10")
    expect(page.locator("table.ballots tbody tr")).to_have_count(5)
    page.locator("table.ballots a", has_text="Juha Hella").click()
    expect(page.locator("h1")).to_have_text("Juha Hella")
    expect(page.locator("main")).to_contain_text("Esteellisyydet")
    page.locator("main a", has_text="Tontin myynti").first.click()
    expect(page.locator("h1")).to_have_text("§ 11 Tontin myynti")


def test_copy_the_link_of_a_page(page):
    page.goto(f"/item/{BOARD}/10")
    page.get_by_role("button", name="Kopioi linkki").click()
    expect(page.get_by_role("button", name="Linkki kopioitu")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_switch_the_language_and_keep_it(page):
    page.goto(f"/item/{BOARD}/10")
    page.get_by_role("link", name="på svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#sections-heading")).to_have_text("Innehåll")
    page.get_by_role("link", name="Sök", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_label("Sökord")).to_be_visible()
    page.get_by_role("link", name="in English").click()
    expect(page.get_by_label("Search words")).to_be_visible()


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} never took the focus from the keyboard")


def test_everything_with_the_keyboard_only(page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")
    _tab_to(page, "#q")
    page.keyboard.type("uimahalli")
    page.keyboard.press("Enter")
    expect(page.locator("ol.hits li")).to_have_count(4)
    _tab_to(page, "ol.hits h3 a")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("§")
    _tab_to(page, "details summary")
    page.keyboard.press("Enter")            # a folded part opens from the keyboard
    expect(page.locator("details[open]").first).to_be_visible()
    _tab_to(page, "button[data-copy-link]")   # the enhancement: copy the page's link
    page.keyboard.press("Enter")
    expect(page.locator("button[data-copy-link]")).to_have_text("Linkki kopioitu")


def _pages(server_ids: dict[str, str]) -> list[str]:
    return ["/", "/search?q=uimahalli", f"/item/{BOARD}/10", f"/item/{web_store.CITING}", f"/item/{CHAINED}",
            f"/meeting/{web_store.COUNCIL_2025}", "/person/Hella", "/strategy", f"/strategy/{server_ids['strategy']}",
            "/org/esimerkin-kaupunki", "/body/esimerkin-kaupunki/kaupunginhallitus", "/item/none/none",
            "/search?q=kaava&page=0"]


def _strategy(server: str) -> str:
    import json

    with urllib.request.urlopen(server + "/api/strategies") as response:
        return next(s["id"] for s in json.load(response) if s["organization"] == "Rantalan kunta")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_passes_the_accessibility_checker(page, server, language):
    axe = Axe()
    page.goto(f"/?lang={language}")
    for url in _pages({"strategy": _strategy(server)}):
        page.goto(url)
        results = axe.run(page)
        assert results.violations_count == 0, f"{url} ({language}):\n{results.generate_report()}"


def test_screenshots_of_the_search_item_and_strategy_pages(page, server, tmp_path):
    folder = Path(os.environ.get("MINUTES_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = {"search.png": "/search?q=avustus", "item.png": f"/item/{BOARD}/10",
             "strategy.png": f"/strategy/{_strategy(server)}"}
    for name, url in shots.items():
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        page.screenshot(path=str(folder / name), full_page=False)
        data = (folder / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, name


def test_every_page_works_without_javascript(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_label("Hakusanat").fill("uimahalli")
        page.get_by_role("button", name="Hae").click()
        expect(page.locator("ol.hits li")).to_have_count(4)
        page.locator("details.filters summary").click()       # folded parts open without a script
        expect(page.get_by_label("Toimielin")).to_be_visible()
        page.locator("aside.facets a", has_text="Kaupunginhallitus").click()
        expect(page.locator("#results-heading")).to_have_text("1 osuma")
        page.locator("ol.hits h3 a").first.click()
        expect(page.locator("h1")).to_have_text("§ 10 Uimahallin peruskorjaus")
        expect(page.locator("button[data-copy-link]")).to_be_hidden()    # needs the script
        page.get_by_role("link", name="in English").click()
        expect(page.locator("#sections-heading")).to_have_text("Contents")
    finally:
        context.close()
