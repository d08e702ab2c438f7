"""The shell in a real browser: every page draws, a click opens evidence, links carry filters (ids, any/all), nothing leaves localhost.

Runs against `streamlit run app.py` on the fixture package (tests/fixtures/mini), so the
expected records are known. Harness and fixtures: tests/browser/conftest.py.
"""

import datetime as dt
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters, filter_events
from strait_watch.core.links import filters_to_query

# What each of the shell's pages must draw once loaded: its main visual. Pages added by later
# issues are found in the navigation and checked to render without error.
PAGES = {
    "Overview": "plotly",
    "Timeline": "plotly",
    "Agreements": "plotly",
    "Proposals": "network",
    "What came back": "plotly",
    "Evidence": "quotes",
}
# The fixture's event clicked on the timeline, and a quote that must then show.
CLICKED_EVENT = "ev-2021-04-20-hoshino-hotline"


@pytest.fixture(scope="module")
def mini(fixture_dir, fixture_corpus):
    return load_dataset(fixture_dir, fixture_corpus)


def sidebar_nav(page):
    return page.get_by_test_id("stSidebarNav").get_by_role("link")


def nav_link(page, title):
    return sidebar_nav(page).filter(has_text=title)


def expect_plotly_drawn(page, plotly_charts):
    """At least one plotly chart on the page, drawn, with data points."""
    for _ in range(80):
        if any(c["drawn"] and c["points"] for c in plotly_charts(page)):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"no plotly chart with data was drawn: {plotly_charts(page)}")


def expect_network_drawn(page):
    """The mounted network component holds a vis-network canvas with something painted on it."""
    canvas = page.locator(".sw-canvas canvas").first
    expect(canvas).to_be_visible(timeout=20_000)
    painted = """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }"""
    for _ in range(40):
        if canvas.evaluate(painted):
            return
        page.wait_for_timeout(250)
    raise AssertionError("the network canvas stayed blank")


def expect_quotes_shown(page, mini):
    """The records grid is drawn and the detail view under it shows a verbatim quote of the fixture."""
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=20_000)
    prefixes = [q[:40] for q in mini.evidence["quote"]]
    page.wait_for_function(
        """ps => { const t = document.querySelector('[data-testid="stMain"]').innerText;
                   return ps.some(p => t.includes(p)); }""", arg=prefixes, timeout=20_000)


def multiselect_chips(page, label):
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label)
    return box.get_by_test_id("stMultiSelectTagsContainer").locator("[data-tag]")


def date_box(page, label):
    return page.get_by_test_id("stSidebar").get_by_test_id("stDateInput").filter(has_text=label).locator("input")


def timeline_event_ids(page) -> list[str]:
    """Event ids of every mark the timeline chart drew (customdata[0] of the drawn traces)."""
    return page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
                   return (gd.data || []).filter(t => (t.yaxis || "y") === "y")  // the event lanes, not the density strip
                       .flatMap(t => (t.customdata || []).map(c => c && c[0]))
                                         .filter(Boolean); }"""
    )


def point_position(page, event_id):
    """Viewport centre of the scatter point drawn for `event_id`, or None."""
    return page.evaluate(
        """id => { for (const pt of document.querySelectorAll('.js-plotly-plot .scatterlayer .trace path.point')) {
                     const trace = pt.closest('.trace').__data__[0].trace;
                     const custom = (trace.customdata || [])[pt.__data__.i];
                     if (custom && custom[0] === id) {
                       const r = pt.getBoundingClientRect();
                       return {x: r.x + r.width / 2, y: r.y + r.height / 2}; } }
                   return null; }""",
        event_id,
    )


def test_every_page_in_the_nav_draws(open_app, mini, wait_for_app, plotly_charts):
    page = open_app()
    titles = [link.inner_text().splitlines()[-1].strip() for link in sidebar_nav(page).all()]
    assert titles[: len(PAGES)] == list(PAGES), "the shell's pages, in menu order"
    for title in titles:
        nav_link(page, title).click()
        expect(page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")).to_contain_text(title)
        visual = PAGES.get(title)
        if visual == "plotly":
            expect_plotly_drawn(page, plotly_charts)
        elif visual == "network":
            expect_network_drawn(page)
        elif visual == "quotes":
            expect_quotes_shown(page, mini)
        else:  # a page from another issue: its own tests look closer; here, it renders and its charts hold data
            wait_for_app(page)
            expect(page.get_by_test_id("stMain").get_by_test_id("stElementContainer").first).to_be_attached()
            assert all(chart["points"] for chart in plotly_charts(page)), f"{title}: an empty chart"
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_clicking_a_timeline_event_opens_its_evidence(open_app, mini, plotly_charts):
    page = open_app("timeline")
    expect_plotly_drawn(page, plotly_charts)
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    position = point_position(page, CLICKED_EVENT)
    assert position, f"{CLICKED_EVENT} is not drawn as a point on the timeline"
    page.mouse.click(position["x"], position["y"])

    event = mini.events.set_index("id").loc[CLICKED_EVENT]
    quotes = mini.evidence[mini.evidence["record_id"] == CLICKED_EVENT]["quote"]
    assert len(quotes)
    expect(page.get_by_role("heading", name=event["title"])).to_be_visible(timeout=20_000)
    for quote in quotes:
        expect(page.get_by_text(quote[:50], exact=False).first).to_be_visible()
    source = mini.sources.set_index("id").loc[mini.evidence.set_index("record_id").loc[[CLICKED_EVENT], "source_id"].iloc[0]]
    expect(page.get_by_text(source["title"], exact=False).first).to_be_visible()


MONTH_EVENT = "ev-2021-04-jp-us-joint-statement"  # dated "2021-04": a bracket across April in the Statement lane

BRACKET_POINT_JS = """id => { const gd = document.querySelector('.js-plotly-plot'); const L = gd._fullLayout;
  for (const t of gd._fullData) { if (t.mode !== 'markers' || t.marker.opacity !== 0 || !t.customdata) continue;  // the bracket's hover points
    const i = t.customdata.findIndex(c => c && c[0] === id); if (i < 0) continue;
    const r = gd.getBoundingClientRect(), xa = L[t.xaxis.replace('x', 'xaxis')], ya = L[t.yaxis.replace('y', 'yaxis')];
    return {x: r.left + xa._offset + xa.d2p(t.x[i + 1]), y: r.top + ya._offset + ya.d2p(t.y[i + 1])}; }
  return null; }"""


def test_a_click_on_a_month_bracket_opens_the_month_event_and_a_dot_on_it_its_own(open_app, mini, plotly_charts):
    page = open_app("timeline")
    expect_plotly_drawn(page, plotly_charts)
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    inside = page.evaluate(BRACKET_POINT_JS, MONTH_EVENT)  # 6 April: on the bracket, away from the 20 April dot
    assert inside, "no hover point along the April bracket"
    page.mouse.click(inside["x"], inside["y"])
    title = mini.events.set_index("id").loc[MONTH_EVENT, "title"]
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=20_000)


def test_a_copied_link_presets_the_filters_and_page_switches_keep_them(streamlit_server, fixture_dir, fixture_corpus,
                                                                        page, mini, wait_for_app, plotly_charts):
    # A server of its own: the link must work as the very first visit to a freshly started app.
    server = streamlit_server(data=fixture_dir, corpus=fixture_corpus, key="first-visit-is-a-link")
    f = Filters(actors=("hoshino-aki", "japan"), start=dt.date(2021, 3, 1), end=dt.date(2021, 12, 31),
                categories=("statement",))
    query = filters_to_query(f, mini)
    page.goto(f"{server.url}/timeline?" + urlencode(query, doseq=True))
    wait_for_app(page)

    assert query["actor"] == ["hoshino-aki", "japan"] and query["category"] == ["statement"]  # ids in the link

    def expect_filters_shown():  # the chips show names with aliases; the URL keeps the ids
        expect(multiselect_chips(page, "Actors")).to_have_text(["Hoshino Aki (Aki Hoshino, Minister Hoshino)", "Japan (Tokyo)"])
        expect(multiselect_chips(page, "Categories")).to_have_text(["Event: Statement"])
        expect(multiselect_chips(page, "Sources")).to_have_count(0)
        expect(date_box(page, "From")).to_have_value("2021-03-01")
        expect(date_box(page, "To")).to_have_value("2021-12-31")

    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect_filters_shown()
    expect_plotly_drawn(page, plotly_charts)
    expected = set(filter_events(mini, f)["id"])
    assert expected, "the fixture should have events matching these filters"
    assert set(timeline_event_ids(page)) == expected

    for title in ("Agreements", "Overview", "Timeline"):
        nav_link(page, title).click()
        expect(page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")).to_contain_text(title)
        wait_for_app(page)
        expect_filters_shown()
        kept = parse_qs(urlsplit(page.url).query)
        assert {k: sorted(v) for k, v in kept.items() if k in query} == {k: sorted(v) for k, v in query.items()}
    expect_plotly_drawn(page, plotly_charts)
    assert set(timeline_event_ids(page)) == expected


def test_a_link_to_events_involving_japan_and_taiwan(open_app, mini, plotly_charts):
    page = open_app("timeline", {"actor": ["japan", "taiwan"], "match": "all"})
    chips = multiselect_chips(page, "Actors")
    expect(chips).to_have_count(2)
    expect(chips).to_have_text(["Japan (Tokyo)", "Taiwan (Taipei)"])
    assert [chips.nth(i).get_attribute("aria-label") for i in range(2)] == ["Japan (Tokyo)", "Taiwan (Taipei)"]
    all_of = page.get_by_test_id("stSidebar").get_by_test_id("stRadio").get_by_role("radio", name="All of them")
    expect(all_of).to_be_checked()
    expect_plotly_drawn(page, plotly_charts)
    # By hand from tests/fixtures/mini/events.csv: the one event with both Japan and Taiwan among its actors.
    assert set(timeline_event_ids(page)) == {"ev-2021-11-whitcombe-hotline"}
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["japan", "taiwan"], "match": ["all"]}
    expect(page.get_by_text("could not be used")).to_have_count(0)


def test_a_bad_link_gives_a_notice_not_a_crash(open_app, plotly_charts):
    page = open_app("timeline", {"actor": "Nobody At All", "from": "not-a-date", "colour": "red"})
    notice = page.get_by_text("could not be used")
    expect(notice).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(multiselect_chips(page, "Actors")).to_have_count(0)
    expect_plotly_drawn(page, plotly_charts)


def test_a_link_over_streamlits_parameter_limit_says_so(open_app):
    # 1,001 parameters: Streamlit drops the whole query string, the page must not pretend the filters applied.
    page = open_app("", {"actor": ["japan"] * 1000, "match": "all"})
    notice = page.get_by_text("1,001 parameters")
    expect(notice).to_be_visible(timeout=20_000)
    expect(page.get_by_text("none of its filters were used")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_network_guard_sees_the_app_and_blocks_the_internet(open_app, network_guard):
    page = open_app()
    assert any("/_stcore/stream" in url for url in network_guard.requests), "the app's websocket was not recorded"
    network_guard.assert_local()
    # The guard itself: an outside request is aborted and recorded (then forgiven, so teardown passes).
    failed = page.evaluate("fetch('https://cdn.example.com/lib.js').then(() => false, () => true)")
    assert failed
    assert network_guard.external == ["https://cdn.example.com/lib.js"]
    network_guard.external.clear()
