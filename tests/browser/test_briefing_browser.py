"""Briefings in a real browser: the HTML pack opened from a file with the network blocked, a CSV
downloaded from a view, the Briefing page's build, and presentation mode.

The HTML pack is a file:// page, which the harness's guard would count as external, so those
tests use their own context: file:// for the pack itself, everything else aborted and recorded.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import DEFAULT_SLIDES, VIEW_LABELS, Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.export import export_filename
from strait_watch.core.filters import Filters
from strait_watch.core.links import filters_to_query
from strait_watch.views.timeline import timeline_events
from tests.browser.conftest import app_url
from tests.proposals_payload import make_payload_fixture

NOW = dt.datetime(2026, 3, 4, 9, 30)
EVENT = "ev-2021-06-14-leaders-communique"  # a key event of the fixture
EVENT_SLIDE = "Event: 14 Jun 2021 — Leaders' communiqué names the Taiwan Strait"
F = Filters(actors=("japan",), start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31))

PAINTED = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }"""


@pytest.fixture(scope="module")
def mini(fixture_dir, fixture_corpus):
    return load_dataset(fixture_dir, fixture_corpus)


@pytest.fixture
def offline_file_page(browser):
    """A page where only file:// loads; every other request is aborted and recorded."""
    context = browser.new_context(accept_downloads=True)
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort("blockedbyclient"))
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.seen, page.dialogs = seen, dialogs
    yield page
    context.close()


@pytest.fixture
def open_view(open_app, page, mini_app, wait_for_app):
    """Open a page of the app by its URL, after a first visit to the entry page.

    A deep link as the very first request of a session currently loads the page without the
    router (see test_shell's copied-link test); that is the shell's to fix, not what these tests check.
    """
    def go(path: str, query: dict):
        open_app("")
        page.goto(app_url(mini_app, path, query))
        wait_for_app(page)
        return page
    return go


def open_pack(page, html: str, path):
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    return page


def test_html_pack_draws_offline(offline_file_page, mini, tmp_path):
    pack = prepare_pack(mini, Filters())
    page = open_pack(offline_file_page, build_html_pack(mini, Filters(), exported_at=NOW, pack=pack), tmp_path / "pack.html")
    drawn = [v for v in pack.views if v.figure is not None]
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(drawn)}")
    # Points as plotly computed them (the pack's JSON holds typed arrays, which `.data` keeps encoded).
    points = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(el =>
        (el.calcdata || []).reduce((n, trace) => n + trace.filter(p => p.x !== undefined || p.z !== undefined).length, 0))""")
    assert len(points) == len(drawn) and all(n > 0 for n in points), points

    frame = page.frame_locator("iframe.network")
    canvas = frame.locator("canvas").first
    expect(canvas).to_be_visible()
    page.wait_for_function("() => document.querySelector('iframe.network').contentWindow.straitWatchDrawn === true")
    assert canvas.evaluate(PAINTED)

    with page.expect_download() as download:
        page.get_by_role("button", name="Save the network as PNG").click()
    assert download.value.suggested_filename == export_filename("network", Filters(), ext="png")
    assert Path(download.value.path()).read_bytes()[:4] == b"\x89PNG"

    assert [u for u in page.seen if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    assert page.dialogs == []


def test_html_pack_shows_payloads_as_text(offline_file_page, tmp_path):
    ds = load_dataset(make_payload_fixture(tmp_path / "payload"), check_quotes=False)
    html = build_html_pack(ds, Filters(), exported_at=NOW, brief=Brief(appendix=True))
    page = open_pack(offline_file_page, html, tmp_path / "pack.html")
    page.wait_for_function("() => document.querySelector('iframe.network').contentWindow.straitWatchDrawn === true")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelector('iframe.network').contentWindow.__pwned") is None
    assert page.dialogs == []
    appendix = page.locator("#appendix").inner_text()  # the proposal's record title and quote, as text
    assert "Hoshino <img src=x onerror=alert(1)>" in appendix and '<img src=x onerror="window.__pwned=2">' in appendix


def test_csv_download_from_the_timeline_matches_the_filters(open_view, mini):
    page = open_view("timeline", filters_to_query(F, mini))
    button = page.get_by_role("button", name="Download these events (CSV)")
    expect(button).to_be_visible()
    # Record every script run from now on: a download must not rerun the page.
    page.evaluate("""() => { window.__runs = 0; const app = document.querySelector('[data-testid=stApp]');
        new MutationObserver(() => { if (app.getAttribute('data-test-script-state') === 'running') window.__runs++; })
          .observe(app, {attributes: true}); }""")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "strait-watch_timeline_actor-japan_2021-01-01--2021-12-31.csv"
    rows = pd.read_csv(download.value.path())
    assert sorted(rows["id"]) == sorted(timeline_events(mini, F)["id"])
    assert rows["actors"].str.contains("Japan").all()
    assert (pd.to_datetime(rows["date_end"]) >= "2021-01-01").all() and (pd.to_datetime(rows["date_start"]) <= "2021-12-31").all()
    page.wait_for_timeout(700)
    assert page.evaluate("() => window.__runs") == 0


def test_presentation_mode_keeps_filters_and_steps(open_view, mini, plotly_charts):
    page = open_view("present", {**filters_to_query(F, mini), "slide": "Timeline"})
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.get_by_role("heading", name="Timeline of events in the chosen dates")).to_be_visible()
    expect(page.get_by_text("Japan · 2021", exact=True)).to_be_visible()  # issue 28: the scope in words
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1")
    assert plotly_charts(page)[0]["points"] > 0

    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Japan's defence agreements with democracies, as of 2021")).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query["slide"] == ["matrix"] and query["from"] == ["2021-01-01"] and query["actor"]  # the id (issue 30)

    page.get_by_role("button", name="Previous").click()
    expect(page.get_by_role("heading", name="Timeline of events in the chosen dates")).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["slide"] == ["timeline"]


def test_briefing_page_builds_the_chosen_slides(open_view, mini):
    chosen = ["Consensus measures", "Timeline", "Agreement matrix"]
    page = open_view("briefing", {**filters_to_query(F, mini), "slides": chosen, "marking": "FOR DISCUSSION",
                                  "key_events": [EVENT]})
    expect(page.get_by_text("◆ 14 Jun 2021 — Leaders' communiqué names the Taiwan Strait")).to_be_visible()
    page.get_by_role("button", name="Build the briefing pack").click()
    expect(page.get_by_text("Built at")).to_be_visible(timeout=90_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PowerPoint (.pptx)").click()
    assert download.value.suggested_filename == export_filename("briefing", F, "pptx")
    from pptx import Presentation

    prs = Presentation(io.BytesIO(Path(download.value.path()).read_bytes()))
    # The title states the slide's finding; the view's name is the small line above it (the shape "kicker").
    kickers = [next(sh.text_frame.text for sh in s.shapes if sh.name == "kicker") for s in list(prs.slides)[1:]]
    assert kickers == ["Summary", "Consensus measures: most distinct proposers", "Timeline of events in the chosen dates",
                       "Event", "Japan's defence agreements with democracies, as of 2021"]
    assert prs.slides[1].shapes.title.text == "Key findings"
    assert prs.slides[4].shapes.title.text == "Leaders' communiqué names the Taiwan Strait"
    assert "On 14 June 2021 the leaders' communiqué" in prs.slides[4].notes_slide.notes_text_frame.text
    link = page.get_by_role("link", name="Present these slides full screen").get_attribute("href")
    query = parse_qs(urlsplit(link).query)
    assert query["slides"] == chosen and query["marking"] == ["FOR DISCUSSION"] and query["from"] == ["2021-01-01"]
    assert query["key_events"] == [EVENT]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_present_fits_the_screen_on_every_slide(open_view, mini, size):
    page = open_view("present", {**filters_to_query(F, mini), "slide": "Title", "marking": "FOR DISCUSSION",
                                 "key_events": [EVENT]})
    page.set_viewport_size({"width": size[0], "height": size[1]})
    views = [VIEW_LABELS[k] for k in DEFAULT_SLIDES]  # a new deck's slides (the others' slide is added by hand)
    labels = ["Title", views[0], EVENT_SLIDE, *views[1:]]  # the event slide follows the Timeline
    for i, label in enumerate(labels, start=1):
        expect(page.get_by_text(f"{i} / {len(labels)}", exact=False)).to_be_visible()
        if label in ("Timeline",):
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1")
        page.wait_for_timeout(400)
        main = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
            const fonts = [...document.querySelectorAll('.js-plotly-plot text')].filter(t => t.textContent.trim())
                .map(t => parseFloat(getComputedStyle(t).fontSize));
            return {scroll: m.scrollHeight, doc: document.documentElement.scrollHeight, fonts}; }""")
        assert main["scroll"] <= size[1] and main["doc"] <= size[1], (label, main["scroll"])
        if main["fonts"]:
            assert min(main["fonts"]) >= 18, (label, min(main["fonts"]))
        expect(page.get_by_text("FOR DISCUSSION").first).to_be_visible()
        # stepping is not a link: the URL's slide of the step before is never reported as ignored
        expect(page.get_by_text("Some of the link's filters could not be used")).to_have_count(0)
        if label == EVENT_SLIDE:  # headline, date at its precision, summary, actors, the quote and its article
            expect(page.get_by_role("heading", name="Leaders' communiqué names the Taiwan Strait")).to_be_visible()
            expect(page.get_by_text("14 Jun 2021 · Statement · key event")).to_be_visible()
            expect(page.get_by_text("A leaders' communiqué names peace and stability")).to_be_visible()
            expect(page.get_by_text("On 14 June 2021 the leaders' communiqué named peace")).to_be_visible()
            expect(page.get_by_text("[1] Sea Lanes and Small Steps")).to_be_visible()
        if i < len(labels):
            page.keyboard.press("ArrowRight")
            expect(page.get_by_text(f"{i + 1} / {len(labels)}", exact=False)).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["slide"] == ["persistence"]  # the last slide's id, What came back
