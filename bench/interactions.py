"""The in-view interaction the benchmark times on each page: prepare, then `arm()` just before the one input.

Each function gets the Playwright page (already drawn and idle) and `arm`, which sets time zero at the next
pointer-down or key-down. Returns a short description of what it did (for the table).
"""

from __future__ import annotations

# A marker of the timeline chart, in page coordinates: the first point drawn inside the plot area.
EVENT_POINT_JS = """() => {
  const gd = document.querySelector('.st-key-timeline_chart .js-plotly-plot') || document.querySelector('.js-plotly-plot');
  if (!gd) return null;
  const area = gd.querySelector('.nsewdrag') || gd;
  const a = area.getBoundingClientRect();
  for (const p of gd.querySelectorAll('.scatterlayer path.point')) {
    const r = p.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (r.width > 3 && x > a.left + 4 && x < a.right - 4 && y > a.top + 4 && y < a.bottom - 4) return {x, y};
  }
  return null; }"""

NODE_POINT_JS = """() => { const s = document.querySelector('.sw-net').__sw;
  const ids = s.nodes.getIds(); const r = document.querySelector('.sw-canvas').getBoundingClientRect();
  for (const id of ids) { const p = s.network.canvasToDOM(s.network.getPositions([id])[id]);
    const x = r.left + p.x, y = r.top + p.y;  // inside the canvas and inside the viewport (a tall canvas overflows it)
    if (p.x > 10 && p.y > 10 && p.x < r.width - 10 && p.y < r.height - 10 && y > 10 && y < innerHeight - 10) return {x, y, id}; }
  return null; }"""


def timeline_event(page, arm) -> str:
    page.locator(".st-key-timeline_chart .js-plotly-plot").scroll_into_view_if_needed()
    pt = page.evaluate(EVENT_POINT_JS)
    if not pt:
        raise RuntimeError("no event marker to click on the timeline")
    arm()
    page.mouse.click(pt["x"], pt["y"])
    return "click an event"


def story_step(page, arm) -> str:
    button = page.locator(".st-key-story_next button")
    button.scroll_into_view_if_needed()
    arm()
    button.click()
    return "Next card"


def as_of_year(page, arm) -> str:
    slider = page.get_by_role("slider", name="As of (end of year)").first
    slider.focus()
    arm()
    page.keyboard.press("ArrowLeft")
    return "as-of year −1"


def network_node(page, arm) -> str:
    page.locator(".sw-canvas").scroll_into_view_if_needed()
    page.wait_for_function("() => { const r = document.querySelector('.sw-net'); return r && r.dataset.drawn === '1'; }")
    pt = page.evaluate(NODE_POINT_JS)
    if not pt:
        raise RuntimeError("no network node inside the canvas")
    arm()
    page.mouse.click(pt["x"], pt["y"])
    return "click a node"


def present_step(page, arm) -> str:
    button = page.locator(".st-key-present_next button")
    arm()
    button.click()
    return "Next slide"


INTERACTIONS = {"Timeline": timeline_event, "Timeline story": story_step, "Agreements": as_of_year,
                "Proposals": network_node, "Present": present_step}
