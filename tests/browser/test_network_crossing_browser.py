"""Issue 30: with HA/DR in focus, a click where its lit line crosses a dimmed one opens the lit line's proposal.

vis-network's own hit test gives the line drawn last; the component prefers a lit line under the pointer
(static/network/component.js, litEdgeNear). Shipped data; the proposers of HA/DR hand-read from data/proposals.csv
and their names from data/actors.csv.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.paths import SHIPPED_DATA

NET = "document.querySelector('.sw-net').__sw"
HADR = "measure:m-hadr"
MEASURE = "Humanitarian assistance and disaster relief (HA/DR) cooperation"
PROPOSERS = {"actor:author-001": "Unnamed author of the article on the March 2021 2+2",
             "actor:jp-ldp": "Liberal Democratic Party (Japan)", "actor:newsham-grant": "Grant Newsham",
             "actor:tw-dpp": "Democratic Progressive Party (Taiwan)", "actor:higuchi-joji": "Joji Higuchi"}
SCROLL = "document.querySelector(\"[data-testid='stMain']\").scrollTop"
STILL_JS = f"() => new Promise(r => {{ const y = {SCROLL}; setTimeout(() => r({SCROLL} === y), 400); }})"

# A page pixel on a lit line of the focus (within its drawn stroke, off every node) that vis's own hit test gives to a
# dimmed line: a click at a crossing. Whole pixels, as a mouse clicks.
CROSSING_JS = f"""
(focus) => {{
  const s = {NET}, net = s.network, scale = net.getScale();
  const r = document.querySelector('.sw-canvas').getBoundingClientRect();
  for (const e of s.edges.get({{filter: x => x.lit}})) {{
    const p = net.getPositions([e.from, e.to]), a = p[e.from], b = p[e.to];
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy), half = Math.max(1, e.width * scale / 2);
    for (let k = 1; k < 200; k++) {{
      const on = net.canvasToDOM({{x: a.x + k / 200 * dx, y: a.y + k / 200 * dy}});
      for (let ox = -2; ox <= 2; ox++) for (let oy = -2; oy <= 2; oy++) {{
        const x = Math.round(r.left + on.x) + ox, y = Math.round(r.top + on.y) + oy;
        const dom = {{x: x - r.left, y: y - r.top}}, c = net.DOMtoCanvas(dom);
        const off = Math.abs((c.x - a.x) * dy - (c.y - a.y) * dx) / len * scale;  // screen px from the line
        if (off > half || net.getNodeAt(dom) !== undefined) continue;
        const hit = net.getEdgeAt(dom);
        if (hit !== undefined && !s.edges.get(hit).lit)
          return {{x, y, lit: e.from === focus ? e.to : e.from, dimmed: hit, off}};
      }}
    }}
  }}
  return null;
}}
"""


@pytest.fixture
def shipped(warmed_server):
    return warmed_server(data=SHIPPED_DATA, corpus=None)


def test_a_click_on_a_lit_line_at_a_crossing_opens_the_lit_one(page, shipped, wait_for_app):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{shipped.url}/proposals?focus={HADR}")
    wait_for_app(page)
    page.wait_for_function(f"(() => {{ const r = document.querySelector('.sw-net'); return r && r.dataset.drawn === '1'"
                           f" && r.__sw && r.__sw.data.focus === '{HADR}'; }})()", timeout=20_000)
    assert sorted(page.evaluate(f"{NET}.edges.get({{filter: x => x.lit}}).map(e => e.from === '{HADR}' ? e.to : e.from)")) \
        == sorted(PROPOSERS)
    page.evaluate("document.querySelector('.sw-canvas').scrollIntoView({block: 'center'})")
    page.wait_for_function(STILL_JS)
    crossing = page.evaluate(CROSSING_JS, HADR)
    assert crossing, "no lit line of HA/DR crosses a dimmed one here: the test would prove nothing"
    print("crossing", crossing)
    page.mouse.click(crossing["x"], crossing["y"])
    wait_for_app(page)
    expect(page.get_by_role("heading", name=f"{PROPOSERS[crossing['lit']]}: {MEASURE}")).to_be_visible(timeout=20_000)
    # the dimmed line's proposal is not the one opened
    assert page.locator(".st-key-picked_view h2").all_inner_texts() == [f"{PROPOSERS[crossing['lit']]}: {MEASURE}"]
