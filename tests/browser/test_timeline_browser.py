"""The timeline in a real browser: labels never overlap (three views), the phone lists (Timeline, Overview), the
year-only band, story-mode keys, the month-bar click, the dates above the fold."""

import pytest
from paths import SHIPPED_DATA

OVERLAPS_JS = """() => {
  const boxes = [...document.querySelectorAll('.st-key-timeline_wide g.textpoint text')]
      .map(r => r.getBoundingClientRect()).filter(b => b.width > 0);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }
  return {labels: boxes.length, overlaps};
}"""


@pytest.fixture(scope="module")
def shipped(streamlit_server):
    return streamlit_server(data=SHIPPED_DATA, corpus=None)


def _chart(page):
    page.wait_for_selector(".st-key-timeline_wide .js-plotly-plot g.textpoint", timeout=30_000)  # the labels' trace
    page.wait_for_timeout(500)
    return page.evaluate(OVERLAPS_JS)


@pytest.mark.parametrize("query, lane", [(None, "Statement"), ({"context": "true"}, "Statement"),
                                         ({"lanes": "By actor"}, "Japan")], ids=["default", "context", "actors"])
def test_no_two_label_boxes_overlap_at_1440(page, open_app, shipped, query, lane):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("timeline", query, server=shipped)
    found = _chart(page)
    print("labels/overlaps", query, found)
    assert found["labels"] >= 5
    assert found["overlaps"] == 0
    # the view asked for is the one measured (a bound widget takes its label in the URL: "By actor")
    lanes = page.evaluate("() => [...document.querySelectorAll('.st-key-timeline_wide .ytick text')].map(t => t.textContent)")
    assert lane in lanes and ("Statement" in lanes) == (lane == "Statement"), lanes


PHONE_JS = """(key) => {
  const list = document.querySelector(`.st-key-${key}_phone .sw-events`);
  const chips = [...list.querySelectorAll('.sw-chip')].map(c => getComputedStyle(c).backgroundColor);
  const rows = [...list.querySelectorAll('li')].map(li => li.getBoundingClientRect());
  return {rows: rows.length, chips: new Set(chips).size, scrollWidth: document.documentElement.scrollWidth,
          rightmost: Math.max(...rows.map(r => r.right)), fontPx: parseFloat(getComputedStyle(list).fontSize)};
}"""


@pytest.mark.parametrize("path, key, headline", [
    ("timeline", "timeline", "19 PLA fighter jets sent towards Taiwan"),
    ("", "overview", "19 PLA fighter jets sent towards Taiwan"),
], ids=["timeline", "overview"])
def test_phone_width_shows_a_coloured_list_not_the_chart(page, open_app, shipped, path, key, headline):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(path, server=shipped)
    page.wait_for_selector(f".st-key-{key}_phone .sw-events li", timeout=30_000)
    assert page.locator(f".st-key-{key}_phone").is_visible()
    assert not page.locator(f".st-key-{key}_wide").is_visible()
    assert headline in page.locator(f".st-key-{key}_phone").inner_text()
    found = page.evaluate(PHONE_JS, key)
    print(key, found)
    # every row inside the 390 px viewport, readable type, the lanes' colours (several categories)
    assert found["rows"] >= 20 and found["chips"] >= 4
    assert found["scrollWidth"] <= 390 and found["rightmost"] <= 390
    assert found["fontPx"] >= 13
    if key == "overview":  # the coverage table too: two columns on a phone, not eight cut at the edge
        assert page.locator(".st-key-coverage_phone table").is_visible()
        assert not page.locator(".st-key-coverage_wide").is_visible()
        width = page.evaluate("() => document.querySelector('.st-key-coverage_phone table').getBoundingClientRect().right")
        assert width <= 390


def test_year_only_events_listed_beside_the_chart_in_their_lane_colours(page, open_app, shipped):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("timeline", server=shipped)
    band = page.locator(".st-key-timeline_wide .sw-events")
    band.wait_for(timeout=30_000)
    assert "2021, month not given" in band.inner_text()
    chips = band.evaluate("b => [...b.querySelectorAll('.sw-chip')].map(c => getComputedStyle(c).backgroundColor)")
    assert len(chips) == 10 and all(c.startswith("rgb(") for c in chips)
    assert not page.locator(".st-key-timeline_phone").is_visible()


def test_story_mode_arrow_keys_step_and_the_url_follows(page, open_app):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("timeline", {"mode": "Step through", "event": "ev-2021-06-14-leaders-communique"})
    page.wait_for_selector("text=5 of 10", timeout=30_000)
    page.mouse.click(900, 40)  # focus the page, not a field
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("text=6 of 10", timeout=30_000)
    page.wait_for_function("() => location.search.includes('event=ev-2021-07-03-pla-drill')", timeout=15_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector("text=5 of 10", timeout=30_000)


def test_clicking_a_month_bar_sets_the_dates_to_that_month(page, open_app):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("")
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=30_000)
    box = page.evaluate("""() => {
      const plot = document.querySelector('.js-plotly-plot');
      const traces = [...plot.querySelectorAll('.barlayer .trace')];
      for (let t = 0; t < plot.data.length; t++) {
        const i = (plot.data[t].customdata || []).indexOf('2021-08');
        if (i >= 0) { const b = traces[t].querySelectorAll('.point')[i].getBoundingClientRect();
                      return {x: b.x + b.width / 2, y: b.y + b.height / 2}; }
      }
      return null;
    }""")
    assert box is not None
    page.mouse.click(box["x"], box["y"])
    page.wait_for_function("() => location.search.includes('from=2021-08-01') && location.search.includes('to=2021-08-31')",
                           timeout=20_000)


def test_the_dates_are_above_the_fold_at_1440x900(page, open_app, shipped):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("timeline", server=shipped)
    page.wait_for_selector(".st-key-timeline_wide .js-plotly-plot .xtick text", timeout=30_000)
    page.wait_for_timeout(500)
    ticks = page.evaluate("""() => [...document.querySelectorAll('.st-key-timeline_wide .xtick text')]
        .map(t => ({text: t.textContent, bottom: t.getBoundingClientRect().bottom}))""")
    seen = [t["text"] for t in ticks if 0 < t["bottom"] <= 900]
    print("dates in view", seen)
    assert any("2021" in t for t in seen), ticks  # the month ticks above the lanes, not only under the strip
