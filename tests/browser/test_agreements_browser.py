"""The Agreements page in a real Chromium: click a matrix cell for its evidence, move the as-of year."""

import re

import pytest
from playwright.sync_api import expect

# Where a matrix cell is drawn (page pixels), from the chart's own axes; None if not drawn.
CELL_POSITION_JS = """
([chartIndex, recordId]) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[chartIndex];
    if (!gd || !gd.data || !gd._fullLayout) return null;
    const cells = gd.data[1];
    const i = (cells.customdata || []).findIndex(d => d[0] === recordId);
    if (i < 0) return null;
    const box = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    return {x: box.left + xa._offset + xa.d2p(cells.x[i]), y: box.top + ya._offset + ya.d2p(cells.y[i])};
}
"""
CELL_TEXT_JS = """
([chartIndex, recordId]) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[chartIndex];
    if (!gd || !gd.data || !gd.data[1] || !gd.data[1].customdata) return null;
    const i = gd.data[1].customdata.findIndex(d => d[0] === recordId);
    return i < 0 ? null : gd.data[1].text[i];
}
"""


def matrix(page):
    return page.get_by_test_id("stPlotlyChart").first


def cell_text(page, record_id):
    return page.evaluate(CELL_TEXT_JS, [0, record_id])


def expect_cell_text(page, record_id, text, timeout_ms=20_000):
    page.wait_for_function(f"() => ({CELL_TEXT_JS})([0, {record_id!r}]) === {text!r}", timeout=timeout_ms)
    assert cell_text(page, record_id) == text


def go_to_agreements(open_app, wait_for_app, query=None):
    """Open the app at its entry page, then the Agreements page through the navigation.

    Not a direct /agreements link: on a server no session has yet opened at "/", Streamlit runs a
    deep-linked page file (before the folder was renamed from pages/) on its own, without app.py's sidebar (reported to the shell owner).
    """
    page = open_app("", query)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Agreements").click()
    expect(page).to_have_url(re.compile(r"/agreements"))
    wait_for_app(page)
    return page


@pytest.fixture
def agreements(open_app, wait_for_app):
    page = go_to_agreements(open_app, wait_for_app)
    expect(page.get_by_role("heading", name="Agreements", exact=True)).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect_cell_text(page, "ag-gsomia-jp-au", "<b>2012</b>")
    return page


def test_clicking_a_cell_opens_its_evidence(agreements, mini_app):
    page = agreements
    matrix(page).scroll_into_view_if_needed()
    position = page.evaluate(CELL_POSITION_JS, [0, "ag-acsa-jp-uk"])
    assert position, "the UK ACSA cell is not drawn"
    page.mouse.click(position["x"], position["y"])
    expect(page.get_by_role("heading", name="Japan-UK ACSA")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("concluded an ACSA in 2017").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_hover_shows_the_full_name_and_quote(agreements):
    page = agreements
    matrix(page).scroll_into_view_if_needed()
    position = page.evaluate(CELL_POSITION_JS, [0, "ag-gsomia-jp-au"])
    page.mouse.move(position["x"], position["y"])
    hover = page.locator(".hoverlayer .hovertext").first
    expect(hover).to_contain_text("General Security of Military Information Agreement")
    expect(hover).to_contain_text("Australia | 2012")


def test_moving_the_year_control_changes_the_matrix(agreements):
    page = agreements
    slider = page.get_by_role("slider", name="As of (end of year)").first
    expect(slider).to_have_value("2021")
    slider.focus()
    page.keyboard.press("Home")  # 2012
    expect(slider).to_have_value("2012")
    expect_cell_text(page, "ag-gsomia-jp-uk", "not yet")  # concluded 2013
    assert cell_text(page, "ag-gsomia-jp-au") == "<b>2012</b>"
    expect(page.get_by_text(re.compile(r"As of 2012: 2 agreements"))).to_be_visible()
    page.keyboard.press("ArrowRight")  # 2013
    expect_cell_text(page, "ag-gsomia-jp-uk", "<b>2013</b>")
    assert cell_text(page, "ag-raa-jp-uk") == "✕ none"


def test_the_year_control_follows_the_date_filter_in_the_url(open_app, wait_for_app):
    page = go_to_agreements(open_app, wait_for_app, {"to": "2016-12-31"})
    slider = page.get_by_role("slider", name="As of (end of year)").first
    expect(slider).to_have_attribute("max", "2016")
    expect(slider).to_have_value("2016")
    expect_cell_text(page, "ag-acsa-jp-uk", "not yet")  # 2017
    # Clearing the date filter in the sidebar moves the year with it.
    page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters").click()
    expect(slider).to_have_attribute("max", "2021", timeout=20_000)
    expect(slider).to_have_value("2021")
    expect_cell_text(page, "ag-acsa-jp-uk", "<b>2017</b>")


def test_an_actor_filter_narrows_the_matrix(open_app, wait_for_app):
    page = go_to_agreements(open_app, wait_for_app, {"actor": "United Kingdom"})
    page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                           " return gd && gd.layout && gd.layout.xaxis.ticktext.length === 1; }")
    ticks = page.locator(".js-plotly-plot").first.evaluate("gd => gd.layout.xaxis.ticktext")
    assert ticks[0].startswith("United Kingdom")


def test_the_animation_plays_through_the_years(agreements):
    page = agreements
    page.get_by_role("tab", name="Animation 2012–2021").click()
    # Opening the tab reruns the page, which only then builds the animation, inside the tab's panel.
    chart = page.get_by_role("tabpanel", name="Animation 2012–2021").locator(".js-plotly-plot")
    expect(chart).to_be_visible(timeout=20_000)
    frames = chart.evaluate("gd => (gd._transitionData._frames || []).map(f => f.name)")
    assert frames == [str(y) for y in range(2012, 2022)]
    chart.locator(".updatemenu-button").first.click()  # ▶ Play
    expect(chart.locator(".slider-group .slider-label, .sliders .slider-label").first).to_contain_text(
        "2021", timeout=30_000)
    texts = chart.evaluate("gd => gd.data[1].customdata.map((d, i) => [d[0], gd.data[1].text[i]])")
    assert ["ag-acsa-jp-uk", "<b>2017</b>"] in texts
