"""The Proposals network in a real Chromium: a mounted component, clickable, offline; data never runs as code."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.paths import SHIPPED_DATA
from tests.proposals_payload import ACTOR_ID, ACTOR_NAME, QUOTE

ROOT = ".sw-net"
DIM = "#EEEEEE"  # strait_watch.views.network.drawing.DIM_NODE background
NET = "document.querySelector('.sw-net').__sw"


def drawn(page):
    page.wait_for_function("(() => { const r = document.querySelector('.sw-net');"
                           " return r && r.dataset.drawn === '1' && r.__sw; })()", timeout=20_000)


def open_proposals(page, server, wait_for_app, query: str = ""):
    page.goto(f"{server.url}/proposals{query}")
    wait_for_app(page)
    drawn(page)


def point(page, js_canvas_point: str) -> dict:
    """A canvas point of the network (canvas coordinates from JS) in page coordinates, canvas scrolled into view."""
    page.locator(".sw-canvas").scroll_into_view_if_needed()
    return page.evaluate(f"""(() => {{ const s = {NET}; const p = s.network.canvasToDOM({js_canvas_point});
        const r = document.querySelector('.sw-canvas').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")


def node_point(page, node: str) -> dict:
    return point(page, f"{NET}.network.getPositions(['{node}'])['{node}']")


def edge_point(page, a: str, b: str) -> dict:
    return point(page, f"""(() => {{ const p = {NET}.network.getPositions(['{a}', '{b}']);
        return {{x: (p['{a}'].x + p['{b}'].x) / 2, y: (p['{a}'].y + p['{b}'].y) / 2}}; }})()""")


STILL = """() => new Promise(r => {
    const at = () => (document.querySelector('[data-testid=stMain]') || {}).scrollTop + window.scrollY;
    const y = at();
    setTimeout(() => r(at() === y), 400);
})"""


def click(page, pt: dict, wait_for_app) -> None:
    page.mouse.click(pt["x"], pt["y"])
    wait_for_app(page)
    # A pick may scroll its evidence into view (static/reveal): the next point is read once the page stands still.
    # Streamlit scrolls its main block, not the window (window.scrollY stays 0): watch both, over 400 ms.
    page.wait_for_function(STILL)


MIN_LABEL_PX = f"Math.min(...{NET}.nodes.get().filter(n => n.font.size > 0).map(n => n.font.size * {NET}.network.getScale()))"


def test_network_is_drawn_with_every_node_and_readable_labels(page, proposals_app, wait_for_app, network_guard):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_proposals(page, proposals_app, wait_for_app)
    assert page.evaluate(f"{NET}.nodes.length") == 11 and page.evaluate(f"{NET}.edges.length") == 10
    assert page.evaluate(f"{NET}.network.body.nodeIndices.length") == 11
    assert page.evaluate(MIN_LABEL_PX) >= 12
    parts = page.locator(".sw-legend-part")  # the legend in two parts: proposers' rings, measures' fills
    expect(parts).to_have_count(2)
    assert parts.nth(0).inner_text().startswith("● Proposers") and "Taiwan" in parts.nth(0).inner_text()
    assert parts.nth(1).inner_text().startswith("◆ Measures") and "Dialogue channels" in parts.nth(1).inner_text()
    assert page.locator(".sw-note").is_hidden()
    assert any(u.endswith("/app/static/vis-network/vis-network.min.js") for u in network_guard.requests)
    network_guard.assert_local()


def test_clicking_a_node_focuses_it_shows_its_quotes_and_goes_into_the_url(page, proposals_app, wait_for_app, network_guard):
    open_proposals(page, proposals_app, wait_for_app)
    page.evaluate(f"{NET}.mark = 'same element'")
    click(page, node_point(page, "measure:m-hotline"), wait_for_app)
    expect(page).to_have_url(re.compile(r"focus=measure%3Am-hotline|focus=measure:m-hotline"))  # its id, not its label
    panel = page.locator(".st-key-focus_quotes")
    expect(panel).to_contain_text("Tokyo-Taipei hotline: 3 proposal(s)")
    expect(panel).to_contain_text("Tokyo and Taipei need a hotline")
    page.wait_for_function(f"{NET}.data.focus === 'measure:m-hotline'")
    dimmed = page.evaluate(f"{NET}.nodes.get().filter(n => n.color.background === '{DIM}').length")
    assert dimmed == 11 - 4
    assert page.evaluate(f"{NET}.mark") == "same element"  # updated in place, not re-created
    page.reload()
    wait_for_app(page)
    drawn(page)
    assert page.evaluate(f"{NET}.data.focus") == "measure:m-hotline"  # the URL keeps the focus
    network_guard.assert_local()


def test_a_click_sends_the_view_only_and_a_lost_base_is_asked_for_again(page, proposals_app, wait_for_app):
    open_proposals(page, proposals_app, wait_for_app)
    assert page.evaluate("document.querySelector('.sw-net').__swBases") == 1
    click(page, node_point(page, "measure:m-hotline"), wait_for_app)
    page.wait_for_function(f"{NET}.data.focus === 'measure:m-hotline'")
    assert page.evaluate("document.querySelector('.sw-net').__swBases") == 1  # the click brought the view alone
    page.evaluate("window.__swNetBases.clear()")  # as if the kept base were lost
    click(page, node_point(page, "actor:dana-whitcombe"), wait_for_app)
    page.wait_for_function(f"{NET}.data.focus === 'actor:dana-whitcombe'", timeout=20_000)
    assert page.evaluate("document.querySelector('.sw-net').__swBases") == 2  # asked for, sent again
    dimmed = page.evaluate(f"{NET}.nodes.get().filter(n => n.color.background === '{DIM}').length")
    assert 0 < dimmed < 11


def test_clicking_an_edge_opens_that_proposal_and_the_background_clears(page, proposals_app, wait_for_app):
    open_proposals(page, proposals_app, wait_for_app)
    click(page, edge_point(page, "actor:dana-whitcombe", "measure:m-hotline"), wait_for_app)
    expect(page.get_by_text("I have argued since November 2021 that Tokyo and Taipei need a hotline.").first).to_be_visible()
    page.locator(".sw-canvas").scroll_into_view_if_needed()
    box = page.locator(".sw-canvas").bounding_box()
    click(page, {"x": box["x"] + 8, "y": box["y"] + 8}, wait_for_app)
    panel = page.get_by_test_id("stMarkdown").filter(has_text="I have argued since November 2021")
    expect(panel).to_have_count(0)


def test_the_element_survives_a_filter_change(page, proposals_app, wait_for_app):
    open_proposals(page, proposals_app, wait_for_app)
    page.evaluate(f"{NET}.mark = 'kept'; {NET}.mounts")
    before = page.evaluate(f"{NET}.mounts")
    actors = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    actors.click()
    page.keyboard.type("Lin Wei")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.wait_for_function(f"{NET}.mounts > {before}")
    assert page.evaluate(f"{NET}.mark") == "kept"
    assert page.locator(".sw-net").count() == 1
    assert page.evaluate(f"{NET}.nodes.length") < 11  # the narrower graph, drawn by the same element


def test_focus_from_a_link_with_depth(page, proposals_app, wait_for_app):
    open_proposals(page, proposals_app, wait_for_app, "?focus=" + quote("Tokyo-Taipei hotline (measure)") + "&depth=2")
    lit = page.evaluate(f"{NET}.nodes.get().filter(n => n.color.background !== '{DIM}').length")
    assert lit == 8  # the hotline, its 3 proposers, and their 4 other measures


def test_links_may_name_choices_by_id_and_a_wrong_one_is_named(page, proposals_app, wait_for_app):
    open_proposals(page, proposals_app, wait_for_app, "?colour=community&focus=measure:m-hotline")
    expect(page.locator(".sw-legend")).to_contain_text("Community 1")
    page.wait_for_function(f"{NET}.data.focus === 'measure:m-hotline'")
    assert page.get_by_test_id("stAlert").all_inner_texts() == []  # read, not "ignored"
    expect(page).to_have_url(re.compile(r"colour=Community"))  # the URL now has the form Streamlit writes
    expect(page).to_have_url(re.compile(r"focus=measure(%3A|:)m-hotline"))  # the focus keeps its id
    open_proposals(page, proposals_app, wait_for_app, "?colour=purple&focus=measure:m-nothing")
    expect(page.get_by_test_id("stAlert")).to_contain_text("Ignored 'colour=purple': not a value this page offers")
    expect(page.get_by_test_id("stAlert")).to_contain_text("Ignored 'focus=measure:m-nothing': not a value this page offers")


def visible_labels(page) -> list[dict]:
    """Every label drawn (font > 0, node not hidden): id, on-screen px, and whether it sits inside the canvas."""
    return page.evaluate(f"""(() => {{ const s = {NET}, sc = s.network.getScale();
        const box = document.querySelector('.sw-canvas').getBoundingClientRect();
        const pos = s.network.getPositions();
        return s.nodes.get().filter(n => n.font.size > 0 && !n.hidden).map(n => {{ const p = s.network.canvasToDOM(pos[n.id]);
            return {{id: n.id, px: n.font.size * sc, inside: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height}}; }});
    }})()""")


def test_at_phone_width_the_focus_and_its_neighbours_have_readable_labels(page, proposals_app, wait_for_app):
    page.set_viewport_size({"width": 390, "height": 844})
    open_proposals(page, proposals_app, wait_for_app, "?focus=" + quote("Joint humanitarian exercises (measure)"))
    page.wait_for_function(f"{NET}.data.focus === 'measure:m-hadr-exercises'")
    shown = {x["id"]: x for x in visible_labels(page)}
    # The measure and its one proposer (hand-read from the fixture's proposals.csv), inside the canvas.
    for node in ("measure:m-hadr-exercises", "actor:lin-wei-ting"):
        assert shown[node]["px"] >= 12 and shown[node]["inside"], shown.get(node)
    assert all(x["px"] >= 12 for x in shown.values())
    # The phone's focus list: the two, the rest hidden until the focus clears; a hint only without a focus.
    assert sorted(page.evaluate(f"{NET}.nodes.get().filter(n => !n.hidden).map(n => n.id)")) == [
        "actor:lin-wei-ting", "measure:m-hadr-exercises"]
    expect(page.locator(".sw-hint")).to_be_hidden()
    open_proposals(page, proposals_app, wait_for_app)
    expect(page.locator(".sw-hint")).to_contain_text("pick a focus")


@pytest.fixture
def shipped_app(warmed_server):
    return warmed_server(data=SHIPPED_DATA, corpus=None)


HADR = "measure:m-hadr"
HADR_PROPOSERS = {"actor:author-001", "actor:jp-ldp", "actor:newsham-grant", "actor:tw-dpp", "actor:higuchi-joji"}


def test_done_when_an_analyst_clicks_hadr_reads_its_quotes_and_takes_the_gexf_to_gephi(
        page, shipped_app, wait_for_app, network_guard, tmp_path):
    """Issue 13's done-when on the shipped data: labels read at 1440x900, a click on HA/DR lights its five
    proposers (hand-read from data/proposals.csv), their quotes are below, the URL keeps the focus, and the
    GEXF download reads back in networkx with the attributes Gephi shows."""
    import networkx as nx

    page.set_viewport_size({"width": 1440, "height": 900})
    open_proposals(page, shipped_app, wait_for_app)
    labels = page.evaluate(f"{NET}.nodes.get().map(n => n.label)")
    assert not [x for x in labels if x.endswith("…")]  # whole names (vis wraps them)
    assert page.evaluate(MIN_LABEL_PX) >= 12
    click(page, node_point(page, HADR), wait_for_app)
    expect(page).to_have_url(re.compile(r"focus=measure(%3A|:)m-hadr"))
    page.wait_for_function(f"{NET}.data.focus === '{HADR}'")
    lit = set(page.evaluate(f"{NET}.nodes.get().filter(n => n.color.background !== '{DIM}').map(n => n.id)"))
    assert lit == HADR_PROPOSERS | {HADR}
    panel = page.locator(".st-key-focus_quotes")
    expect(panel).to_contain_text("Humanitarian assistance and disaster relief (HA/DR) cooperation: 5 proposal(s)")
    expect(panel).to_contain_text("improve the ability to respond to large-scale humanitarian assistance")
    expect(panel).to_contain_text("is an excellent idea and a good starting point")

    with page.expect_download() as download:
        page.get_by_role("button", name="Graph (GEXF, for Gephi)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    back = nx.read_gexf(path)
    assert set(back) == HADR_PROPOSERS | {HADR}  # the focus at depth 1, as drawn
    assert back.nodes[HADR]["kind"] == "measure" and back.nodes[HADR]["category"] == "humanitarian-disaster"
    newsham = back.nodes["actor:newsham-grant"]
    assert (newsham["kind"], newsham["country"], newsham["label"]) == ("proposer", "United States", "Grant Newsham")
    edge = next(d for _, _, d in back.edges(data=True) if d["proposal_id"] == "pr-002-newsham-grant-hadr")
    assert edge["stance"] == "endorses" and "a good starting point" in edge["quote"]
    assert edge["article"] == "Taiwan, Japan Urged to 'Stand Together' As China Threat Prompts Security Talks"
    network_guard.assert_local()


# --------------------------------------------------------------- injection

def hover(page, pt) -> str:
    page.mouse.move(pt["x"], pt["y"])
    tip = page.locator("div.vis-tooltip")
    expect(tip).to_be_visible()
    return tip.inner_text()


def test_payloads_in_names_and_quotes_show_as_text_and_never_run(page, payload_app, wait_for_app, network_guard):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_proposals(page, payload_app, wait_for_app)
    node = f"actor:{ACTOR_ID}"
    assert page.evaluate(f"{NET}.nodes.get('{node}').label") == ACTOR_NAME  # whole, drawn on the canvas as text
    page.locator(".sw-canvas").scroll_into_view_if_needed()
    node_tip = hover(page, node_point(page, node))
    assert ACTOR_NAME in node_tip and 'href="javascript:alert(4)"' in node_tip
    assert page.evaluate("document.querySelectorAll('.vis-tooltip *:not(br)').length") == 0
    page.mouse.move(0, 0)
    edge_tip = hover(page, edge_point(page, node, "measure:m-hotline"))
    assert QUOTE in edge_tip and "Sea Lanes and Small Steps" in edge_tip
    # The click path: the node's quotes in the page, then that edge's evidence panel.
    click(page, node_point(page, node), wait_for_app)
    expect(page.locator(".st-key-focus_quotes")).to_contain_text("window.__pwned=3")
    click(page, edge_point(page, node, "measure:m-hotline"), wait_for_app)
    expect(page.get_by_text("window.__pwned=3", exact=False).first).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], .sw-net script').length") == 0
    assert dialogs == []
    network_guard.assert_local()


def test_a_blocked_drawing_library_is_said_and_the_tables_still_work(page, proposals_app, wait_for_app):
    page.route("**/vis-network.min.js", lambda route: route.abort())
    page.goto(f"{proposals_app.url}/proposals")
    wait_for_app(page)
    expect(page.locator(".sw-note")).to_contain_text("could not load")
    expect(page.get_by_text("Consensus measures").first).to_be_visible()
