"""The Proposals network in a real Chromium: drawn, focusable, offline, and data never runs as code."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.paths import FIXTURE_CORPUS, FIXTURE_DIR
from tests.proposals_payload import ACTOR_ID, ACTOR_NAME, QUOTE, make_payload_fixture

IFRAME = 'iframe[title^="Network of proposers"]'
DIM = "#EEEEEE"  # components.network.DIM_NODE background


def warmed(server, page, wait_for_app):
    """Open the app's root once: Streamlit 1.67 runs a first deep link on a fresh server in MPA v1 mode."""
    page.goto(server.url + "/")
    wait_for_app(page)
    return server


@pytest.fixture
def app(streamlit_server, page, wait_for_app):
    return warmed(streamlit_server(data=FIXTURE_DIR, corpus=FIXTURE_CORPUS, key="proposals"), page, wait_for_app)


def open_proposals(page, server, wait_for_app, query: str = ""):
    page.goto(f"{server.url}/proposals{query}")
    wait_for_app(page)
    return network_frame(page)


def network_frame(page):
    """The network iframe's frame, once vis-network has drawn it."""
    frame = page.locator(IFRAME).element_handle(timeout=20_000).content_frame()
    frame.wait_for_function("window.straitWatchDrawn === true", timeout=20_000)
    return frame


PAINTED_PIXELS = """() => {
  const c = document.querySelector('#mynetwork canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""


def test_network_is_drawn_with_every_node(page, app, wait_for_app, network_guard):
    frame = open_proposals(page, app, wait_for_app)
    assert frame.evaluate("nodes.length") == 11
    assert frame.evaluate("network.body.nodeIndices.length") == 11
    assert frame.evaluate("edges.length") == 10
    assert frame.evaluate(PAINTED_PIXELS) > 2_000
    assert any(u.endswith("/app/static/vis-network/vis-network.min.js") for u in network_guard.requests)
    network_guard.assert_local()


def test_focus_on_an_actor_dims_the_rest_and_goes_into_the_url(page, app, wait_for_app, network_guard):
    frame = open_proposals(page, app, wait_for_app)
    assert frame.evaluate(f"nodes.get().filter(n => n.color.background === '{DIM}').length") == 0
    box = page.get_by_test_id("stSelectbox").filter(has_text="Focus on a proposer or a measure")
    box.click()
    page.keyboard.type("Hoshino")
    page.get_by_role("option", name="Hoshino Aki (proposer)").click()
    expect(page).to_have_url(re.compile(r"focus=Hoshino"))
    wait_for_app(page)
    frame = network_frame(page)
    dimmed = frame.evaluate(f"nodes.get().filter(n => n.color.background === '{DIM}').map(n => n.id)")
    assert len(dimmed) == 11 - 3 and "actor:hoshino-aki" not in dimmed
    network_guard.assert_local()


def test_focus_from_a_link_with_depth(page, app, wait_for_app):
    frame = open_proposals(page, app, wait_for_app, "?focus=" + quote("Tokyo-Taipei hotline (measure)") + "&depth=2")
    lit = frame.evaluate(f"nodes.get().filter(n => n.color.background !== '{DIM}').length")
    assert lit == 8  # the hotline, its 3 proposers, and their 4 other measures


# --------------------------------------------------------------- injection

@pytest.fixture
def payload_app(streamlit_server, page, wait_for_app, tmp_path_factory):
    data = make_payload_fixture(tmp_path_factory.mktemp("payload") / "mini")
    # No corpus: the edited quote would not verify; the loader skips quote checks with a notice.
    server = streamlit_server(data=data, corpus=tmp_path_factory.mktemp("no-corpus") / "absent", key="payload")
    return warmed(server, page, wait_for_app)


def hover(page, frame, point_js: str) -> str:
    """Move the mouse to a canvas point (DOM coords inside the iframe) and return the tooltip's text."""
    pt = frame.evaluate(point_js)
    box = page.locator(IFRAME).bounding_box()
    canvas = frame.evaluate("(() => { const r = document.querySelector('#mynetwork').getBoundingClientRect();"
                            " return {x: r.left, y: r.top}; })()")
    page.mouse.move(box["x"] + canvas["x"] + pt["x"], box["y"] + canvas["y"] + pt["y"])
    tip = frame.locator("div.vis-tooltip")
    expect(tip).to_be_visible()
    return tip.inner_text()


def test_payloads_in_names_and_quotes_show_as_text_and_never_run(page, payload_app, wait_for_app, network_guard):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frame = open_proposals(page, payload_app, wait_for_app, "?focus=" + quote(f"{ACTOR_NAME} (proposer)"))
    node = f"actor:{ACTOR_ID}"
    label = frame.evaluate(f"nodes.get('{node}').label")  # long names are cut on the canvas
    assert label.startswith("Hoshino <img src=x onerror=alert(1)>") and label.endswith("…")

    node_tip = hover(page, frame, f"network.canvasToDOM(network.getPositions(['{node}'])['{node}'])")
    assert ACTOR_NAME in node_tip and 'href="javascript:alert(4)"' in node_tip
    # innerText: line breaks become <br>, nothing else becomes an element
    assert frame.evaluate("document.querySelectorAll('.vis-tooltip *:not(br)').length") == 0
    page.mouse.move(0, 0)

    edge_tip = hover(page, frame, f"""(() => {{
        const p = network.getPositions(['{node}', 'measure:m-hotline']);
        const a = p['{node}'], b = p['measure:m-hotline'];
        return network.canvasToDOM({{x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}}); }})()""")
    assert QUOTE in edge_tip and "Sea Lanes and Small Steps" in edge_tip

    # The evidence panel of the same proposal, in the page itself.
    picker = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Proposal", exact=True))
    picker.scroll_into_view_if_needed()
    picker.click()
    page.keyboard.type("Tokyo-Taipei")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("window.__pwned=3", exact=False).first).to_be_visible()

    for where in (page, frame):
        assert where.evaluate("typeof window.__pwned") == "undefined"
    assert frame.evaluate("document.querySelectorAll('img, #mynetwork script').length") == 0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert dialogs == []
    network_guard.assert_local()
