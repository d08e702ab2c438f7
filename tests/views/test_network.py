"""strait_watch/views/network/ on the mini fixture: graph, focus, layout and the HTML (offline, escaped); the metrics
tables, the mounted component's data, communities and GEXF/GraphML exports are in test_network_data.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import networkx as nx
import pandas as pd
import pytest
from network_graphs import PROPOSALS, A, M, graph

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters, filter_proposals
from strait_watch.views.network import drawing as netlayout
from strait_watch.views.network.drawing import (
    DIM_EDGE,
    DIM_NODE,
    EDGE_PROPOSALS_SHOWN,
    MAX_EDGE_WIDTH,
    STATIC_DIR,
    VIS_CSS,
    VIS_JS,
    canvas_label,
    component_data,
    compute_layout,
    country_color,
    label_box,
    styled_edges,
    styled_nodes,
)
from strait_watch.views.network.export import to_gexf
from strait_watch.views.network.graph import (
    MEASURE,
    PROPOSER,
    build_proposal_graph,
    dataset_graph,
    focus_subgraph,
    network_metrics,
    nodes_of_kind,
)
from strait_watch.views.network.standalone import render_network_html
from tests.proposals_payload import ACTOR_ID, ACTOR_NAME, PAYLOADS, QUOTE, ROLE, make_payload_fixture


@pytest.fixture(scope="module")
def G(ds):
    return graph(ds)


def page_data(html: str) -> dict:
    """The data the standalone page hands to the component's drawing code (its one JSON block)."""
    found = re.findall(r'<script type="application/json" id="sw-data">(.*?)</script>', html, re.S)
    assert len(found) == 1, "expected one data block"
    return json.loads(found[0])


def vis_data(html: str) -> tuple[list[dict], list[dict]]:
    """The nodes and edges vis-network receives in the page."""
    data = page_data(html)
    return styled_nodes(data), styled_edges(data)


# ---------------------------------------------------------------- graph

def test_graph_has_a_node_per_proposer_and_measure_and_an_edge_per_proposal(ds, G):
    assert sorted(nodes_of_kind(G, PROPOSER)) == [A + a for a in (
        "dana-whitcombe", "hoshino-aki", "jp-lantern-party", "lin-wei-ting", "us-analysts")]
    assert sorted(nodes_of_kind(G, MEASURE)) == [M + m for m in (
        "m-coast-guard-drills", "m-hadr-exercises", "m-hotline", "m-info-sharing", "m-taiwan-relations-law",
        "m-trilateral-dialogue")]
    assert sorted(k for _, _, k in G.edges(keys=True)) == sorted(ds.proposals["id"])


def test_edge_carries_proposal_quote_and_article(G):
    edge = G.edges[A + "dana-whitcombe", M + "m-hotline", "pr-902-whitcombe-hotline"]
    assert edge["stance"] == "proposes"
    assert edge["source_title"] == "A Hotline Is Not Enough"
    assert edge["quotes"] == ["I have argued since November 2021 that Tokyo and Taipei need a hotline."]


def test_dataset_graph_is_the_unfiltered_graph_built_once_per_dataset(ds, G):
    full = dataset_graph(ds)
    assert full is dataset_graph(ds)  # memoised by the dataset's version
    assert list(full.nodes(data=True)) == list(G.nodes(data=True))
    assert list(full.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


@pytest.mark.parametrize("narrows", ["nothing", "events", "dates"])
def test_a_filter_that_keeps_every_proposal_gives_the_unfiltered_graph(ds, narrows):
    """The page reuses dataset_graph when no proposal is filtered out and no source is selected."""
    f = {"nothing": Filters(), "events": Filters(categories=(ds.events["category"].iloc[0],)),
         "dates": Filters(start=dt.date(1900, 1, 1))}[narrows]
    assert len(filter_proposals(ds, f)) == PROPOSALS
    g, full = graph(ds, f), dataset_graph(ds)
    assert list(g.nodes(data=True)) == list(full.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(full.edges(keys=True, data=True))


def test_nodes_carry_readable_names_and_distinct_counts(G):
    hotline = G.nodes[M + "m-hotline"]
    assert (hotline["label"], hotline["category"], hotline["distinct"]) == ("Tokyo-Taipei hotline", "dialogue-channels", 3)
    person = G.nodes[A + "lin-wei-ting"]
    assert (person["label"], person["country"], person["affiliation"]) == ("Lin Wei-ting", "Taiwan", "Ocean Policy Institute")


@pytest.mark.parametrize("f, proposers, measures, edges", [
    (Filters(categories=("dialogue-channels",)), 3, 1, 3),
    (Filters(categories=("statement",)), 5, 6, PROPOSALS),  # an event category does not narrow proposals
    (Filters(actors=("lin-wei-ting",)), 1, 3, 3),
    (Filters(sources=("src-902",)), 2, 3, 3),
    # by the date each proposal was made: the analysts' and Whitcombe's info-sharing (15 January 2022); his hotline
    # call is from November 2021
    (Filters(start=pd.Timestamp("2022-01-01").date()), 2, 2, 2),
    (Filters(actors=("china",)), 0, 0, 0),
])
def test_global_filters_narrow_the_graph(ds, f, proposers, measures, edges):
    g = graph(ds, f)
    assert (len(nodes_of_kind(g, PROPOSER)), len(nodes_of_kind(g, MEASURE)), g.number_of_edges()) == (
        proposers, measures, edges)


def test_source_filter_keeps_only_that_sources_quotes(ds):
    g = graph(ds, Filters(sources=("src-902",)))
    assert {q for *_, d in g.edges(data=True) for q in d["quotes"]} == set(
        ds.evidence.loc[ds.evidence["source_id"] == "src-902", "quote"]) & {
        q for *_, d in g.edges(data=True) for q in d["quotes"]}
    assert all(d["source_id"] == "src-902" for *_, d in g.edges(data=True))


# ---------------------------------------------------------------- focus

@pytest.mark.parametrize("node, depth, expected", [
    (A + "hoshino-aki", 0, {A + "hoshino-aki"}),
    (A + "hoshino-aki", 1, {A + "hoshino-aki", M + "m-coast-guard-drills", M + "m-hotline"}),
    (A + "hoshino-aki", 2, {A + "hoshino-aki", M + "m-coast-guard-drills", M + "m-hotline",
                            A + "lin-wei-ting", A + "dana-whitcombe"}),
    (A + "hoshino-aki", 3, {A + "hoshino-aki", M + "m-coast-guard-drills", M + "m-hotline", A + "lin-wei-ting",
                            A + "dana-whitcombe", M + "m-hadr-exercises", M + "m-trilateral-dialogue",
                            M + "m-info-sharing"}),
    (M + "m-hotline", 1, {M + "m-hotline", A + "hoshino-aki", A + "lin-wei-ting", A + "dana-whitcombe"}),
    (A + "jp-lantern-party", 5, {A + "jp-lantern-party", M + "m-taiwan-relations-law"}),
    (A + "nobody", 1, set()),
])
def test_focus_subgraph_depth(G, node, depth, expected):
    assert set(focus_subgraph(G, node, depth)) == expected


def test_focus_keeps_edges_and_their_data(G):
    sub = focus_subgraph(G, M + "m-hotline", 1)
    assert sub.number_of_edges() == 3
    assert sub.edges[A + "lin-wei-ting", M + "m-hotline", "pr-901-lin-hotline"]["quotes"]


# ---------------------------------------------------------------- layout

def test_layout_is_stable_and_every_node_has_a_position(G):
    pos = compute_layout(G)
    assert set(pos) == set(G) and pos == compute_layout(G)
    assert render_network_html(G) == render_network_html(G)


def _overlapping(G, pos) -> list[tuple[str, str]]:
    boxes = {n: label_box(G, n) for n in G}
    bad = []
    nodes = sorted(G)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if (abs(pos[a][0] - pos[b][0]) < (boxes[a][0] + boxes[b][0]) / 2
                    and abs(pos[a][1] - pos[b][1]) < (boxes[a][1] + boxes[b][1]) / 2):
                bad.append((a, b))
    return bad


def test_labels_do_not_overlap_on_a_graph_of_the_real_datas_size():
    """~20 proposers, ~25 measures, ~45 proposals, long measure names: the layout keeps label boxes apart."""
    import random

    rnd = random.Random(1)
    G = nx.MultiGraph()
    for i in range(25):
        G.add_node(f"{M}m{i}", kind=MEASURE, label=f"A rather long cooperation measure name {i}", category="cyber")
    for j in range(20):
        G.add_node(f"{A}a{j}", kind=PROPOSER, label=f"Proposer number {j}", country="Japan")
        for k in rnd.sample(range(25), rnd.choice([1, 1, 2, 3, 4])):
            G.add_edge(f"{A}a{j}", f"{M}m{k}", key=f"p{j}-{k}")
    for n in G:
        G.nodes[n]["distinct"] = len(set(G.neighbors(n)))
    assert _overlapping(G, compute_layout(G)) == []


def test_nodes_keep_their_place_when_focus_or_filters_change(ds, G):
    pos = compute_layout(G)
    full, _ = vis_data(render_network_html(G, positions=pos))
    small = graph(ds, Filters(actors=("lin-wei-ting",)))
    part, _ = vis_data(render_network_html(small, positions=pos, focus=A + "lin-wei-ting"))
    where = {n["id"]: (n["x"], n["y"]) for n in full}
    assert all(where[n["id"]] == (n["x"], n["y"]) for n in part)


# ---------------------------------------------------------------- HTML

def test_html_holds_every_node_and_merged_edge_with_positions_and_physics_off(G):
    html = render_network_html(G)
    nodes, edges = vis_data(html)
    assert sorted(n["id"] for n in nodes) == sorted(G)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len(edges) == PROPOSALS
    assert page_data(html)["base"]["options"]["physics"] == {"enabled": False}


def test_measure_size_grows_with_distinct_proposers_and_shapes_tell_kinds_apart(G):
    nodes = {n["id"]: n for n in vis_data(render_network_html(G))[0]}
    assert nodes[M + "m-hotline"]["size"] > nodes[M + "m-coast-guard-drills"]["size"] > nodes[M + "m-info-sharing"]["size"]
    assert {nodes[A + "lin-wei-ting"]["shape"], nodes[M + "m-hotline"]["shape"]} == {"dot", "diamond"}
    assert nodes[A + "lin-wei-ting"]["color"]["border"] == country_color("Taiwan")


def test_long_names_are_whole_on_the_canvas_and_wrap(G):
    g = nx.MultiGraph()
    name = "Exchange of classified military information (incl. a Japan-Taiwan GSOMIA)"
    g.add_node("m", kind=MEASURE, label=name, category="information-sharing", description="", distinct=1)
    assert canvas_label(g, "m") == name
    # 140 px lines of 7.2 px glyphs (a word costs its letters + 1): 'Exchange of' / 'classified' / 'military' /
    # 'information' / '(incl. a' / 'Japan-Taiwan GSOMIA)' -- the wrapping vis-network draws at 1440 px.
    assert netlayout.label_lines(g, "m") == 6


def test_edge_tooltip_has_quote_and_article(G):
    edges = {e["id"]: e for e in vis_data(render_network_html(G))[1]}
    title = edges[f"{A}dana-whitcombe|{M}m-hotline"]["title"]
    assert "A Hotline Is Not Enough" in title
    assert "I have argued since November 2021 that Tokyo and Taipei need a hotline." in title
    assert edges[f"{A}dana-whitcombe|{M}m-hotline"]["proposals"] == ["pr-902-whitcombe-hotline"]


def test_an_edge_of_many_proposals_carries_a_count_and_the_first_quotes(ds):
    """At scale one pair can stand for hundreds of proposals: the payload keeps the first few."""
    proposals = ds.proposals[ds.proposals["id"] == "pr-902-whitcombe-hotline"]
    n = EDGE_PROPOSALS_SHOWN + 3
    many = pd.concat([proposals.assign(id=f"pr-copy-{i:02d}", summary=f"summary {i:02d}") for i in range(n)],
                     ignore_index=True)
    g = build_proposal_graph(many, ds.actors, ds.measures, ds.evidence.iloc[:0], ds.sources)
    assert g.number_of_edges() == n  # the graph keeps every proposal
    (edge,) = vis_data(render_network_html(g))[1]
    assert edge["count"] == n and edge["width"] == MAX_EDGE_WIDTH < 1 + n  # capped
    assert edge["proposals"] == [f"pr-copy-{i:02d}" for i in range(EDGE_PROPOSALS_SHOWN)]
    shown = [f"summary {i:02d}" for i in range(EDGE_PROPOSALS_SHOWN)]
    assert all(x in edge["title"] for x in shown) and f"summary {n - 1:02d}" not in edge["title"]
    assert "and 3 more proposal(s)" in edge["title"]


def test_legend_names_the_countries_and_categories_shown_in_two_parts(G):
    legend = page_data(render_network_html(G))["base"]["legend"]
    assert [i["label"] for i in legend["proposers"]] == ["Japan", "Taiwan", "United States"]
    assert {"Dialogue channels", "Multilateral"} <= {i["label"] for i in legend["measures"]}


def test_focus_dims_the_rest_or_hides_it(G):
    focus = A + "hoshino-aki"
    nodes, edges = vis_data(render_network_html(G, focus=focus, depth=1))
    dimmed = {n["id"] for n in nodes if n["color"] == DIM_NODE}
    assert len(nodes) == 11 and dimmed == set(G) - {focus, M + "m-coast-guard-drills", M + "m-hotline"}
    assert sum(e["color"] != DIM_EDGE for e in edges) == 2
    assert next(n for n in nodes if n["id"] == focus)["borderWidth"] > 1
    nodes, edges = vis_data(render_network_html(G, focus=focus, depth=2, hide_unfocused=True))
    assert len(nodes) == 5 and len(edges) == 5


def test_no_cdn_and_assets_from_the_apps_static_files(G):
    html = render_network_html(G, asset_base="/base/app/static/vis-network/")
    assert re.search(r"https?://", html) is None
    assert "cdn" not in html.lower() and "bootstrap" not in html.lower()
    assert '<script src="/base/app/static/vis-network/vis-network.min.js"></script>' in html
    assert '<link rel="stylesheet" href="/base/app/static/vis-network/vis-network.css">' in html
    assert len(html.encode()) < 32_000  # the per-rerun payload (30.1 kB since the crossing-click fix, issue 30)


# vis-network 9.1.2 as the pyvis 0.3.2 wheel ships it (pyvis/templates/lib/vis-9.1.2/), read there by hand.
VIS_SHA256 = {VIS_JS: "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69",
              VIS_CSS: "2e82d445ad5878ea881652470ce632601f8f55f1b99e6ebecdff8614600e6d0e"}


def test_static_files_are_vis_network_9_1_2_as_recorded():
    """The vendored files are the release their README names (sums recorded there and here)."""
    readme = (STATIC_DIR / "README.md").read_text(encoding="utf-8")
    for name, digest in VIS_SHA256.items():
        assert hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest() == digest
        assert digest in readme


def test_inline_mode_needs_no_server(G):
    html = render_network_html(G, inline=True)
    assert "<script src=" not in html and "<link" not in html
    assert "vis-network" in html and len(html) > 600_000
    assert re.search(r"""(src|href)\s*=\s*["']?https?:""", html) is None


# ---------------------------------------------------------------- escaping

@pytest.fixture(scope="module")
def payload_html(tmp_path_factory):
    ds = load_dataset(make_payload_fixture(tmp_path_factory.mktemp("payload") / "mini"), check_quotes=False)
    g = build_proposal_graph(ds.proposals, ds.actors, ds.measures, ds.evidence, ds.sources)
    return g, render_network_html(g, focus=A + ACTOR_ID, heading=ACTOR_NAME)


def test_payloads_appear_only_escaped(payload_html):
    _, html = payload_html
    for payload in PAYLOADS:
        assert payload not in html
    assert "<img" not in html
    assert html.count("<script") == 3  # ours: vis-network, the JSON data block and the drawing script
    assert html.count("</script>") == 3  # nothing in the data closes a block early
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the heading, as text
    assert "innerHTML" not in html  # pyvis's href popup is not in our page, nor any innerHTML of ours


def test_payload_text_reaches_vis_unchanged_as_data(payload_html):
    _g, html = payload_html
    nodes, edges = vis_data(html)
    person = next(n for n in nodes if n["id"] == A + ACTOR_ID)
    assert ACTOR_NAME.startswith(person["label"].rstrip("…")) and ACTOR_NAME in person["title"] and ROLE in person["title"]
    assert any(QUOTE in e["title"] for e in edges)
    assert "href" in person["title"]  # pyvis's trigger word is present, nothing switches to innerHTML


def test_payloads_in_metrics_tables_are_plain_strings(payload_html):
    g, _ = payload_html
    assert ACTOR_NAME in set(network_metrics(g).reach["Proposer"])


def test_edge_width_grows_with_proposals_below_the_cap(ds):
    g = build_proposal_graph(ds.proposals, ds.actors, ds.measures, ds.evidence, ds.sources)
    edges = vis_data(render_network_html(g))[1]
    assert edges and all(e["width"] == min(1 + e["count"], MAX_EDGE_WIDTH) for e in edges)
    assert {e["width"] for e in edges} == {1 + e["count"] for e in edges}  # the fixture stays below the cap


def test_exports_keep_payload_text_as_text(payload_html, tmp_path):
    g, _ = payload_html
    path = tmp_path / "p.gexf"
    path.write_bytes(to_gexf(g, {n: (0, 0) for n in g}))
    raw = path.read_text(encoding="utf-8")
    assert "<img" not in raw and "<script>" not in raw  # XML-escaped in the file
    back = nx.read_gexf(path, version="1.3")
    assert back.nodes[A + ACTOR_ID]["label"] == ACTOR_NAME and back.nodes[A + ACTOR_ID]["role"] == ROLE
    assert any(d["quote"] == QUOTE for _, _, d in back.edges(data=True))


# ---------------------------------------------------------------- the offline pack draws what the page draws

def _pack_network(ds) -> dict:
    """The network data inside the HTML pack's frame (srcdoc, HTML-escaped once)."""
    import html as html_lib

    from strait_watch.briefing.html import build_html_pack

    pack = build_html_pack(ds, Filters(), exported_at=dt.datetime(2026, 12, 2, 1, 0))
    (srcdoc,) = re.findall(r'<iframe class="network"[^>]*srcdoc="([^"]*)"', pack)
    inner = html_lib.unescape(srcdoc)
    assert re.search(r"""(src|href)\s*=\s*["']?https?:""", inner) is None and "<script src=" not in inner
    return page_data(inner)


def test_the_pack_draws_the_pages_nodes_edges_and_legend(ds, G):
    packed = _pack_network(ds)
    page = component_data(G, compute_layout(G))  # what the Proposals page sends its component
    for key in ("nodes", "edges", "options", "legend", "edge_look"):
        assert packed["base"][key] == page["base"][key], key
    assert packed["lit"] == page["lit"] is None
    nodes = {n["id"]: n for n in styled_nodes(packed)}
    assert sorted(nodes) == sorted([A + a for a in ("dana-whitcombe", "hoshino-aki", "jp-lantern-party",
                                                    "lin-wei-ting", "us-analysts")]
                                   + [M + m for m in ("m-coast-guard-drills", "m-hadr-exercises", "m-hotline",
                                                      "m-info-sharing", "m-taiwan-relations-law",
                                                      "m-trilateral-dialogue")])
    assert nodes[M + "m-hadr-exercises"]["label"] == "Joint humanitarian exercises"
    assert nodes[A + "hoshino-aki"]["color"]["background"] == "#FFFFFF"  # proposer: white, ring by country
    assert nodes[M + "m-hadr-exercises"]["color"]["background"] == "#E69F00"  # humanitarian / disaster relief
    assert all(n["font"]["size"] >= 12 for n in nodes.values())


def test_payloads_in_the_pack_network_stay_data(tmp_path):
    payload_ds = load_dataset(make_payload_fixture(tmp_path / "mini"), check_quotes=False)
    nodes = {n["id"]: n for n in _pack_network(payload_ds)["base"]["nodes"]}
    assert nodes[A + ACTOR_ID]["label"] == ACTOR_NAME and ROLE in nodes[A + ACTOR_ID]["title"]


def _hue(colour: str) -> tuple[float, float]:
    import colorsys

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


def test_proposer_rings_share_no_hue_with_measure_fills():
    """Countries of the shipped proposers vs every coloured measure category: at least 25° of hue apart."""
    from strait_watch.core.style import MEASURE_CATEGORY_COLORS

    for country in ("Japan", "Taiwan", "United States"):
        h, _ = _hue(country_color(country))
        for category, fill in MEASURE_CATEGORY_COLORS.items():
            hf, sat = _hue(fill)
            if sat > 0.2:  # greys have no hue to share
                assert min(abs(h - hf), 360 - abs(h - hf)) >= 25, (country, category)
    assert country_color("Taiwan") == "#283593" and country_color("United States") == "#558B2F"
