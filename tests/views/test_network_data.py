"""strait_watch/views/network/ on the mini fixture: the metrics tables, the mounted component's data, general calls
hidden, hand-computed centralities, communities and the GEXF/GraphML exports."""

import json

import networkx as nx
import pandas as pd
import pytest
from network_graphs import MEASURES, PROPOSALS, A, M, graph
from paths import FIXTURE_DIR

from strait_watch.views.network import drawing as netpayload
from strait_watch.views.network.drawing import DIM_NODE, component_data, compute_layout, styled_nodes
from strait_watch.views.network.export import to_gexf, to_graphml
from strait_watch.views.network.graph import (
    GENERAL_CATEGORY,
    MEASURE,
    PROPOSER,
    centrality_table,
    communities,
    network_metrics,
    proposal_table,
    without_categories,
)


@pytest.fixture(scope="module")
def G(ds):
    return graph(ds)


# ---------------------------------------------------------------- metrics

def test_consensus_ranks_measures_by_distinct_proposers(G):
    c = network_metrics(G).consensus
    assert list(c.columns[:5]) == ["Measure", "Category", "Proposers", "Articles", "Proposed by"]
    top = c.iloc[0]
    assert (top["Measure"], top["Proposers"], top["Articles"]) == ("Tokyo-Taipei hotline", 3, 3)
    assert top["Proposed by"] == "Dana Whitcombe, Hoshino Aki, Lin Wei-ting"
    assert list(c["Proposers"]) == [3, 2, 2, 1, 1, 1]


def test_pairs_share_measures(G):
    p = network_metrics(G).pairs
    rows = [tuple(r) for r in p[["Proposer", "With", "Shared measures"]].itertuples(index=False)]
    assert rows == [
        ("Hoshino Aki", "Lin Wei-ting", 2),
        ("Dana Whitcombe", "Hoshino Aki", 1),
        ("Dana Whitcombe", "Lin Wei-ting", 1),
        ("Dana Whitcombe", "US analysts", 1),
    ]
    assert p.iloc[0]["Measures"] == "Joint coast guard drills, Tokyo-Taipei hotline"


@pytest.mark.parametrize("proposer, measures, shares_with, alone, articles", [
    ("Dana Whitcombe", 3, 3, 1, 2),
    ("Lin Wei-ting", 3, 2, 1, 1),
    ("Hoshino Aki", 2, 2, 0, 1),
    ("US analysts", 1, 1, 0, 1),
    ("Lantern Party", 1, 0, 1, 1),  # stands alone
])
def test_reach_of_each_proposer(G, proposer, measures, shares_with, alone, articles):
    r = network_metrics(G).reach.set_index("Proposer").loc[proposer]
    assert (r["Measures"], r["Shares with"], r["Only they propose"], r["Articles"]) == (measures, shares_with, alone, articles)


def test_metrics_of_an_empty_graph_are_empty_tables():
    m = network_metrics(nx.MultiGraph())
    assert m.consensus.empty and m.pairs.empty and m.reach.empty
    assert "Measure" in m.consensus.columns


def test_proposal_table_has_a_row_per_proposal(ds, G):
    t = proposal_table(G)
    assert sorted(t["proposal_id"]) == sorted(ds.proposals["id"])
    assert t.iloc[0][["Proposer", "Measure"]].tolist() == ["Dana Whitcombe", "Maritime intelligence sharing"]


# ---------------------------------------------------------------- component data, general calls, communities, exports

def test_component_data_has_ids_whole_labels_positions_and_two_kinds_of_colour(G):
    pos = compute_layout(G)
    data = component_data(G, pos)
    base = data["base"]
    nodes = {n["id"]: n for n in styled_nodes(data)}
    assert sorted(nodes) == sorted(G) and len(base["edges"]) == PROPOSALS and data["focus"] is None
    assert data["lit"] is None and all(n["lit"] for n in nodes.values())
    hoshino, hotline = nodes[A + "hoshino-aki"], nodes[M + "m-hotline"]
    assert hoshino["label"] == "Hoshino Aki" and hotline["label"] == "Tokyo-Taipei hotline"
    assert (hoshino["x"], hoshino["y"]) == pos[A + "hoshino-aki"]
    # Proposers: white fill, ring in the country colour (Japan); measures: filled by category.
    assert hoshino["color"]["background"] == "#FFFFFF" and hoshino["color"]["border"] == "#B2182B"
    assert hotline["color"]["background"] == "#009E73" and hotline["shape"] == "diamond"
    fills = {n["color"]["background"] for n in nodes.values() if n["kind"] == PROPOSER}
    assert fills == {"#FFFFFF"} and not fills & {n["color"]["background"] for n in nodes.values() if n["kind"] == MEASURE}
    assert all(look["font"]["size"] >= 12 for n in base["nodes"] for look in n["styles"].values())
    assert [i["label"] for i in base["legend"]["proposers"]] == ["Japan", "Taiwan", "United States"]
    assert "Dialogue channels" in [i["label"] for i in base["legend"]["measures"]]
    edge = next(e for e in base["edges"] if e["id"] == A + "dana-whitcombe|" + M + "m-hotline")
    assert edge["proposals"] == ["pr-902-whitcombe-hotline"] and edge["from"] == A + "dana-whitcombe"


def test_component_data_focus_lights_the_neighbourhood(G):
    data = component_data(G, compute_layout(G), focus=M + "m-hotline")
    lit = {M + "m-hotline", A + "hoshino-aki", A + "lin-wei-ting", A + "dana-whitcombe"}
    assert data["focus"] == M + "m-hotline" and set(data["lit"]) == lit
    nodes = {n["id"]: n for n in styled_nodes(data)}
    assert {i for i, n in nodes.items() if n["lit"]} == lit
    assert all(n["color"] == DIM_NODE for i, n in nodes.items() if i not in lit)
    # The focus itself: a measure gets a dark border 4 px wide; its proposers keep their country ring.
    assert nodes[M + "m-hotline"]["borderWidth"] == 4 and nodes[M + "m-hotline"]["color"]["border"] == "#111111"
    assert nodes[A + "hoshino-aki"]["color"]["border"] == "#B2182B"
    assert component_data(G, compute_layout(G), focus="nobody")["focus"] is None


def test_a_new_focus_changes_only_the_view_not_the_base(G):
    """The base (about 80 kB on the shipped data) is the same for every focus: a click sends only the view."""
    pos = compute_layout(G)
    everyone, hotline = component_data(G, pos), component_data(G, pos, focus=M + "m-hotline")
    assert everyone["base"] == hotline["base"] and everyone["key"] == hotline["key"]
    view = {k: v for k, v in hotline.items() if k != "base"}
    assert view == {"key": hotline["key"], "focus": M + "m-hotline", "lit": sorted(hotline["lit"])}
    assert len(json.dumps(view)) < 300
    other = component_data(G, pos, colour="community", communities=communities(G))
    assert other["key"] != everyone["key"]  # another look is another base


def test_community_colour_mode_colours_by_louvain_community(G):
    groups = communities(G)
    data = component_data(G, compute_layout(G), colour="community", communities=groups)
    node = {n["id"]: n for n in styled_nodes(data)}
    assert node[A + "hoshino-aki"]["color"]["border"] == netpayload.community_color(groups[A + "hoshino-aki"])
    assert [i["label"] for i in data["base"]["legend"]["measures"]] == [
        f"Community {i + 1}" for i in sorted(set(groups.values()))]


def test_hide_general_calls_drops_measures_of_that_category_only():
    measures = pd.DataFrame({"id": ["m-strengthen-security-cooperation", "m-hotline"],
                             "category": [GENERAL_CATEGORY, "dialogue-channels"]})
    proposals = pd.DataFrame({"id": ["p1", "p2", "p3"],
                              "measure": ["m-strengthen-security-cooperation", "m-hotline", "m-hotline"]})
    kept = without_categories(proposals, measures, [GENERAL_CATEGORY])
    assert kept["id"].tolist() == ["p2", "p3"]
    assert without_categories(proposals, measures, ["cyber"])["id"].tolist() == ["p1", "p2", "p3"]


def _path_graph():
    """a - m1 - b - m2: proposers a, b; measures m1, m2 (hand-computed metrics below)."""
    g = nx.MultiGraph()
    for n, kind in ((A + "a", PROPOSER), (A + "b", PROPOSER), (M + "m1", MEASURE), (M + "m2", MEASURE)):
        g.add_node(n, kind=kind, label=n.split(":")[1])
    g.add_edge(A + "a", M + "m1", key="p1")
    g.add_edge(A + "b", M + "m1", key="p2")
    g.add_edge(A + "b", M + "m1", key="p2b")  # a second proposal of the same pair: still one neighbour
    g.add_edge(A + "b", M + "m2", key="p3")
    return g


def test_degree_and_betweenness_by_hand():
    t = centrality_table(_path_graph()).set_index("Name")
    # Path of 4: the middle two lie on 2 of the 3 shortest paths between the other nodes.
    assert t.loc["m1", "Betweenness"] == t.loc["b", "Betweenness"] == 0.667
    assert t.loc["a", "Betweenness"] == t.loc["m2", "Betweenness"] == 0.0
    assert t.loc["m1", "Degree"] == 2 and t.loc["a", "Degree centrality"] == 0.333
    assert t.index[0] in ("b", "m1")


def test_louvain_communities_are_seeded_and_follow_shared_measures(G):
    groups = communities(G)
    assert groups == communities(G)
    # Hoshino and Lin share two measures (coast guard drills, humanitarian exercises): one community.
    assert groups[A + "hoshino-aki"] == groups[A + "lin-wei-ting"] == groups[M + "m-coast-guard-drills"]
    two = nx.MultiGraph([(A + "a", M + "m1"), (A + "b", M + "m2")])
    assert len(set(communities(two).values())) == 2


def _gexf(G):
    return to_gexf(G, {n: (10 * i, 20 * i) for i, n in enumerate(sorted(G))})


@pytest.mark.parametrize("write, read", [(_gexf, lambda p: nx.read_gexf(p, version="1.3")),
                                         (to_graphml, nx.read_graphml)])
def test_gexf_and_graphml_round_trip_with_attributes(G, tmp_path, write, read):
    path = tmp_path / "g.xml"
    path.write_bytes(write(G))
    back = read(path)
    assert back.number_of_nodes() == 5 + MEASURES and back.number_of_edges() == PROPOSALS
    node = back.nodes[A + "hoshino-aki"]
    assert (node["kind"], node["country"], node["label"]) == ("proposer", "Japan", "Hoshino Aki")
    assert back.nodes[M + "m-hotline"]["category"] == "dialogue-channels"
    edge = next(d for _, _, d in back.edges(data=True) if d["proposal_id"] == "pr-902-whitcombe-hotline")
    assert edge["stance"] == "proposes" and edge["article"] == "A Hotline Is Not Enough"
    assert "Tokyo and Taipei need a hotline" in edge["quote"]




# The official GEXF 1.3 schemas (github.com/gephi/gexf, specs/1.3; tests/fixtures/gexf/README.md). The RelaxNG
# form is the spec's own (trang from gexf.rnc, viz elements in the viz namespace, as the primer writes them); the
# XSD form puts color/position/size in the GEXF namespace instead, so it is checked on the file without them.
GEXF_SCHEMAS = FIXTURE_DIR.parent / "gexf"
VIZ = "{http://gexf.net/1.3/viz}"


def test_gexf_validates_against_the_official_1_3_schemas(G):
    from lxml import etree

    doc = etree.fromstring(_gexf(G))
    rng = etree.RelaxNG(etree.parse(str(GEXF_SCHEMAS / "gexf.rng")))
    assert rng.validate(doc), rng.error_log
    for viz in doc.xpath("//*[namespace-uri()='http://gexf.net/1.3/viz']"):
        viz.getparent().remove(viz)
    xsd = etree.XMLSchema(etree.parse(str(GEXF_SCHEMAS / "gexf.xsd")))
    assert xsd.validate(doc), xsd.error_log


def test_gexf_holds_the_drawn_colour_size_and_position(G):
    from lxml import etree

    positions = {n: (0, 0) for n in G} | {A + "hoshino-aki": (120, 40), M + "m-hotline": (-30, 300)}
    doc = etree.fromstring(to_gexf(G, positions))
    node = doc.xpath("//*[local-name()='node'][@id=$i]", i=A + "hoshino-aki")[0]
    # Hoshino Aki is from Japan: ringed in Japan's colour #B2182B; a proposer's dot is 11 px; y grows upwards.
    assert node.find(VIZ + "color").attrib == {"r": "178", "g": "24", "b": "43", "a": "1.0"}
    assert float(node.find(VIZ + "size").get("value")) == 11.0
    pos = node.find(VIZ + "position")
    assert (float(pos.get("x")), float(pos.get("y"))) == (120.0, -40.0)
    hotline = doc.xpath("//*[local-name()='node'][@id=$i]", i=M + "m-hotline")[0]
    assert hotline.find(VIZ + "color").attrib == {"r": "0", "g": "158", "b": "115", "a": "1.0"}  # dialogue channels #009E73
    assert float(hotline.find(VIZ + "position").get("y")) == -300.0
