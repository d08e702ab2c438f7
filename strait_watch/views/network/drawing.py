"""How the proposal network is drawn (pure, no streamlit): deterministic positions that keep labels apart, the look
(colours, tooltips, legend) and the payload the mounted vis-network component and the standalone page receive."""

from __future__ import annotations

import hashlib
import json
import math

import networkx as nx

from strait_watch.core.dataset.model import REPO
from strait_watch.core.filters import (
    Filters,
)
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import NEUTRAL, category_color, humanize, stance_words
from strait_watch.views.network.graph import (
    MEASURE,
    PROPOSER,
    dataset_communities,
    dataset_graph,
    focus_subgraph,
    node_label,
    nodes_of_kind,
    proposal_graph,
    sorted_labels,
)

EDGE_SCALE = 0.6  # median edge length, in label widths, before overlaps are pushed apart
LABEL_WIDTH = 150  # px: labels wrap at this width (vis widthConstraint), also used by the layout


FONT_PX = 14  # label size on the canvas (canvas px); the component keeps it >= 12 px on screen
CHAR_PX = 7.2  # average glyph width of a FONT_PX sans-serif label
COLUMN_GAP, ROW_GAP, BAND_GAP = 14, 14, 40


def canvas_label(G: nx.Graph, n: str) -> str:
    """The label drawn on the canvas: the whole name (vis wraps it at LABEL_WIDTH; nothing is cut)."""
    return node_label(G, n)


def label_lines(G: nx.Graph, n: str) -> int:
    """Wrapped lines of a label: words laid out greedily in LABEL_WIDTH - 10 px."""
    width, lines, used = LABEL_WIDTH - 10, 1, 0.0
    for word in canvas_label(G, n).split():
        w = (len(word) + 1) * CHAR_PX
        if used and used + w > width:
            lines, used = lines + 1, 0.0
        used += w
    return lines


def label_box(G: nx.Graph, n: str) -> tuple[float, float]:
    """Size (canvas px) of a node with its wrapped label below, for keeping labels apart."""
    text = len(canvas_label(G, n)) * CHAR_PX
    return min(text, LABEL_WIDTH) + 10, node_size(G, n) * 2 + label_lines(G, n) * (FONT_PX + 4) + 8


def node_size(G: nx.Graph, n: str) -> float:
    if G.nodes[n]["kind"] == MEASURE:
        return 12 + 5 * math.sqrt(max(G.nodes[n].get("distinct", 1), 1) - 1) * 2
    return 11


CANVAS_WIDTH = 980  # px: the component's drawing width at 1440 px wide, beside the open sidebar
TARGET_SCALE = 0.88  # zoom at which FONT_PX labels draw at 12.3 px: the layout is as wide as fits at that zoom


def compute_layout(G: nx.Graph, columns: int | None = None) -> dict[str, tuple[int, int]]:
    """The bipartite layout (see `_rows_layout`) with as many columns as fit CANVAS_WIDTH at TARGET_SCALE."""
    if columns is None:
        columns = max(3, int((CANVAS_WIDTH / TARGET_SCALE - LABEL_WIDTH - 20) // (LABEL_WIDTH + 10 + COLUMN_GAP)) + 1)
    return _rows_layout(G, columns)


def canvas_height(positions: dict, lo: int = 360, hi: int = 1400) -> int:
    """Drawing height (px) that shows the whole layout at TARGET_SCALE (at CANVAS_WIDTH), within [lo, hi]."""
    ys = [p[1] for p in positions.values()] or [0]
    return int(min(hi, max(lo, (max(ys) - min(ys) + 110) * TARGET_SCALE)))


def _rows_layout(G: nx.Graph, columns: int) -> dict[str, tuple[int, int]]:
    """Deterministic bipartite positions (canvas px): measures in a middle band, proposers above and below.

    Measures are grouped by category (then most proposers first) in rows of `columns`; proposers sit
    in bands above and below, the busiest nearest the measures, each row ordered by the mean position of
    the measures it proposes (fewer crossings). Cells are a label wide and rows as tall as their
    tallest wrapped label, so no two label boxes overlap. Compute it once on the unfiltered graph and
    pass it on, so nodes keep their place when filters or focus change.
    """
    measures = sorted((n for n, k in G.nodes(data="kind") if k == MEASURE),
                      key=lambda n: (G.nodes[n].get("category", ""), -G.nodes[n].get("distinct", 0),
                                     node_label(G, n).casefold(), n))
    proposers = sorted((n for n, k in G.nodes(data="kind") if k != MEASURE),
                       key=lambda n: (-G.nodes[n].get("distinct", 0), node_label(G, n).casefold(), n))
    cols = max(1, min(columns, max(len(measures), math.ceil(len(proposers) / 2), 1)))
    cell = LABEL_WIDTH + 10 + COLUMN_GAP
    rows_m = [measures[i:i + cols] for i in range(0, len(measures), cols)]
    xm = {n: (i - (len(r) - 1) / 2) * cell for r in rows_m for i, n in enumerate(r)}
    above, below = proposers[0::2], proposers[1::2]

    def bary(n):
        xs = [xm[m] for m in set(G.neighbors(n)) if m in xm]
        return (sum(xs) / len(xs) if xs else 0.0, node_label(G, n).casefold(), n)

    def rows_of(band):  # nearest row first; each row by barycentre
        return [sorted(band[i:i + cols], key=bary) for i in range(0, len(band), cols)]

    pos: dict[str, tuple[int, int]] = {}

    def height(row) -> float:
        return max(label_box(G, n)[1] for n in row) + ROW_GAP

    y = 0.0
    for row in rows_m:
        pos.update({n: (round(xm[n]), round(y)) for n in row})
        y += height(row)
    bottom_start = y - height(rows_m[-1]) if rows_m else 0.0
    for band, sign in ((above, -1), (below, 1)):
        y = -BAND_GAP if sign < 0 else bottom_start + (height(rows_m[-1]) if rows_m else 0) + BAND_GAP
        for row in rows_of(band):
            h = height(row)
            if sign < 0:
                y -= h
            pos.update({n: (round((i - (len(row) - 1) / 2) * cell), round(y)) for i, n in enumerate(row)})
            if sign > 0:
                y += h
    if not pos:
        return {}
    ys = [p[1] for p in pos.values()]
    mid = (min(ys) + max(ys)) / 2
    return {n: (x, round(yy - mid)) for n, (x, yy) in pos.items()}

# How the proposal network looks and reads: colours, tooltips, legend (pure, no streamlit).

# Where Streamlit serves `static/vis-network/` beside app.py (server.enableStaticServing).
DEFAULT_ASSET_BASE = "/app/static/vis-network"
STATIC_DIR = REPO / "static" / "vis-network"
VIS_JS, VIS_CSS = "vis-network.min.js", "vis-network.css"

# Proposers are white dots ringed by country; measures diamonds filled by category (style.py). The country
# hues sit in the gaps between the category hues (red ~350°, indigo ~233°, green ~95°), so Taiwan's ring is
# not Coast guard's blue nor the United States' Multilateral's purple (tests/views/test_network.py checks the gap).
COUNTRY_COLORS = {
    "Japan": "#B2182B",
    "Taiwan": "#283593",
    "United States": "#558B2F",
    "China": "#9E9D24",
    "International": "#4D4D4D",
    "Australia": "#2E7D32",
    "United Kingdom": "#4527A0",
    "European Union": "#00838F",
    "Unknown": NEUTRAL,
}
DIM_NODE = {"background": "#EEEEEE", "border": "#DDDDDD"}
DIM_FONT, DIM_EDGE, EDGE = "#C4C4C4", "#F0F0F0", "#9AA0A6"
MAX_EDGE_WIDTH = 6  # px: 1 + proposals per pair, capped so a pair standing for hundreds stays a line
EDGE_PROPOSALS_SHOWN = 5  # proposals (with their quotes) an edge's tooltip and payload carry; the rest are counted


def country_color(country: str) -> str:
    return COUNTRY_COLORS.get(country) or (category_color(country) if country else NEUTRAL)



def _node_title(G: nx.Graph, n: str) -> str:
    d = G.nodes[n]
    if d["kind"] == PROPOSER:
        lines = [d["label"], d["role"], " · ".join(x for x in (d["country"], d["affiliation"]) if x)]
        lines.append(f"Proposes {d['distinct']} measure(s)")
    else:
        lines = [d["label"], humanize(d["category"]) if d["category"] else "", d["description"]]
        lines.append(f"{d['distinct']} distinct proposer(s): " + ", ".join(sorted_labels(G, G.neighbors(n))))
    return "\n".join(x for x in lines if x)


def _edge_title(G: nx.Graph, a: str, m: str, limit: int | None = None) -> str:
    """The pair's proposals with their quotes, by proposal id; past `limit`, a count of the rest."""
    data = G.get_edge_data(a, m)
    keys = sorted(data)
    parts = [f"{node_label(G, a)} → {node_label(G, m)}"]
    for k in keys[:limit]:
        d = data[k]
        quotes = "\n".join(f"“{q}”" for q in d["quotes"]) or d["summary"]
        parts.append(f"{stance_words(d['stance'])} · {d['source_title']}\n{quotes}")
    if limit is not None and len(keys) > limit:
        parts.append(f"… and {len(keys) - limit} more proposal(s) of this pair: select them in the Proposals table "
                     "for their evidence")
    return "\n\n".join(parts)


def legend_items(G: nx.Graph) -> list[dict]:
    """[{'shape': 'dot'|'diamond', 'color': ..., 'label': ...}] for the countries and categories shown."""
    countries = sorted({G.nodes[n]["country"] for n in nodes_of_kind(G, PROPOSER)}, key=str.casefold)
    categories = sorted({G.nodes[n]["category"] for n in nodes_of_kind(G, MEASURE)})
    return (
        [{"shape": "dot", "color": country_color(c), "label": c or "Unknown"} for c in countries]
        + [{"shape": "diamond", "color": category_color(c), "label": humanize(c) if c else "Unknown"} for c in categories]
    )


def asset_base_for(base_url_path: str = "") -> str:
    """URL of static/vis-network/ for Streamlit's `server.baseUrlPath` (srcdoc iframes resolve it against the app)."""
    base = base_url_path.strip("/")
    return f"/{base}{DEFAULT_ASSET_BASE}" if base else DEFAULT_ASSET_BASE

# The data the mounted vis-network component receives: nodes, edges, options, legend, focus (pure).
#
# Proposers are white dots with a country ring, measures diamonds filled by category: the two kinds
# never share a fill, whatever the palettes. With colour="community" both take their Louvain
# community's colour instead. Every string is plain text: vis-network draws labels on the canvas and
# shows string titles with innerText, and the component's own legend and panels use textContent.

PROPOSER_FILL = "#FFFFFF"
COMMUNITY_COLORS = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F",
                    "#BCBD22", "#17BECF"]
OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": False, "multiselect": False},
    "nodes": {"widthConstraint": {"maximum": LABEL_WIDTH}, "font": {"face": "sans-serif", "size": FONT_PX}},
    "edges": {"smooth": False, "hoverWidth": 2, "selectionWidth": 2},
}
EDGE_LOOK = {"on": EDGE, "off": DIM_EDGE}  # a line's colour: both ends lit, or not


def community_color(index: int) -> str:
    return COMMUNITY_COLORS[index % len(COMMUNITY_COLORS)]


def fill_and_ring(G: nx.Graph, n: str, colour: str, communities: dict[str, int] | None) -> tuple[str, str]:
    """A node's fill and ring colours as drawn (the GEXF export's viz:color is the ring, the node's colour)."""
    d = G.nodes[n]
    if colour == "community" and communities is not None and n in communities:
        c = community_color(communities[n])
        return (PROPOSER_FILL, c) if d["kind"] == PROPOSER else (c, c)
    if d["kind"] == PROPOSER:
        return PROPOSER_FILL, country_color(d["country"])
    c = category_color(d["category"])
    return c, c


def _styles(G, n: str, fill: str, ring: str) -> dict[str, dict]:
    """A node's three looks: 'on' (in view), 'off' (dimmed outside the focus), 'focus' (the focus itself).
    The component picks one per node from the view's focus and lit ids; every colour is decided here."""
    proposer = G.nodes[n]["kind"] == PROPOSER
    font = {"size": FONT_PX, "strokeWidth": 3, "strokeColor": "#FFFFFF"}

    def on(width: int, border: str) -> dict:
        return {"borderWidth": width, "font": {**font, "color": "#1A1A1A"},
                "color": {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"},
                          "hover": {"background": fill, "border": "#000000"}}}

    return {"on": on(3 if proposer else 1, ring), "focus": on(5, ring) if proposer else on(4, "#111111"),
            "off": {"borderWidth": 3 if proposer else 1, "color": DIM_NODE, "font": {**font, "color": DIM_FONT}}}


def component_nodes(G, positions, colour: str, communities) -> list[dict]:
    out = []
    for n in sorted(G):
        d = G.nodes[n]
        fill, ring = fill_and_ring(G, n, colour, communities)
        out.append({
            "id": n, "kind": d["kind"], "label": canvas_label(G, n), "title": _node_title(G, n),
            "x": int(positions[n][0]), "y": int(positions[n][1]), "size": node_size(G, n),
            "shape": "dot" if d["kind"] == PROPOSER else "diamond", "styles": _styles(G, n, fill, ring),
        })
    return out


def _lit(data: dict) -> set | None:
    """The ids the view lights (None: all of them)."""
    return set(data["lit"]) if data["lit"] is not None else None


def styled_nodes(data: dict) -> list[dict]:
    """The nodes as the component draws them for `data` (component_data's): each with the look its view picks
    (focus, on, off) and `lit`. The component (static/network/component.js, `styled`) applies the same choice."""
    base, lit = data["base"], _lit(data)
    out = []
    for n in base["nodes"]:
        on = lit is None or n["id"] in lit
        look = n["styles"]["focus" if n["id"] == data["focus"] else "on" if on else "off"]
        out.append({**{k: v for k, v in n.items() if k != "styles"}, **look, "lit": on})
    return out


def styled_edges(data: dict) -> list[dict]:
    """The lines as the component draws them: EDGE_LOOK's 'on' colour when both ends are lit, else 'off'."""
    base, lit = data["base"], _lit(data)
    return [{**e, "color": base["edge_look"]["on" if lit is None or {e["from"], e["to"]} <= lit else "off"]}
            for e in base["edges"]]


def component_edges(G) -> list[dict]:
    """One line per proposer-measure pair; its colour is EDGE_LOOK's 'on' when both ends are lit, else 'off'."""
    pairs = sorted({(u, v) if u <= v else (v, u) for u, nbrs in G.adj.items() for v in nbrs})
    out = []
    for u, v in pairs:
        a, m = (u, v) if G.nodes[u]["kind"] == PROPOSER else (v, u)
        count = G.number_of_edges(a, m)
        out.append({"id": f"{a}|{m}", "from": a, "to": m, "count": count, "width": min(1 + count, MAX_EDGE_WIDTH),
                    "title": _edge_title(G, a, m, EDGE_PROPOSALS_SHOWN),
                    "proposals": sorted(G.get_edge_data(a, m))[:EDGE_PROPOSALS_SHOWN]})
    return out


def two_part_legend(G, colour: str, communities) -> dict[str, list[dict]]:
    """{'proposers': [...], 'measures': [...]}, each item {'label', 'color'}: the legend's two parts."""
    if colour == "community" and communities is not None:
        ids = sorted({communities[n] for n in G if n in communities})
        items = [{"label": f"Community {i + 1}", "color": community_color(i)} for i in ids]
        return {"proposers": [{"label": "ringed in their community's colour", "color": "#777777"}], "measures": items}
    countries = sorted({G.nodes[n]["country"] or "Unknown" for n in G if G.nodes[n]["kind"] == PROPOSER},
                       key=str.casefold)
    categories = sorted({G.nodes[n]["category"] for n in G if G.nodes[n]["kind"] == MEASURE})
    return {"proposers": [{"label": c, "color": country_color("" if c == "Unknown" else c)} for c in countries],
            "measures": [{"label": humanize(c) if c else "Unknown", "color": category_color(c)} for c in categories]}


def _extent(positions: dict) -> list[int]:
    """[width, height] (canvas px) of the whole layout: the component sizes its canvas from it."""
    xs, ys = [p[0] for p in positions.values()] or [0], [p[1] for p in positions.values()] or [0]
    return [int(max(xs) - min(xs)), int(max(ys) - min(ys))]


def component_base(G: nx.MultiGraph, positions: dict, *, colour: str = "kind",
                   communities: dict[str, int] | None = None, asset_base: str = "/app/static/vis-network",
                   height: int = 760) -> dict:
    """What the component draws whatever the focus: nodes (with their three looks), edges, options, legend and
    sizes, JSON-ready, with `key`, a digest of all of it. `positions` must cover every node of G. The page sends
    it once per key and session (the component keeps it); a new focus sends only component_view's few ids."""
    base = {
        "nodes": component_nodes(G, positions, colour, communities), "edges": component_edges(G),
        "edge_look": EDGE_LOOK, "options": OPTIONS, "legend": two_part_legend(G, colour, communities),
        "asset_base": asset_base.rstrip("/"), "height": int(height), "min_label_px": 12,
        "layout_size": _extent(positions),
    }
    digest = hashlib.sha1(json.dumps(base, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return {"key": digest, **base}


def component_view(base: dict, G: nx.MultiGraph, focus: str | None = None, depth: int = 1) -> dict:
    """The component's data: the base (component_base) and the view, the focus and the ids it lights
    (None: all of them). Only `focus` and `lit` change when the analyst clicks a node."""
    focus = focus if focus in G else None
    lit = sorted(focus_subgraph(G, focus, depth)) if focus else None
    return {"key": base["key"], "base": base, "focus": focus, "lit": lit}


def component_data(G: nx.MultiGraph, positions: dict, *, focus: str | None = None, depth: int = 1,
                   colour: str = "kind", communities: dict[str, int] | None = None,
                   asset_base: str = "/app/static/vis-network", height: int = 760) -> dict:
    """component_view of component_base: everything the component draws, for one graph and view."""
    base = component_base(G, positions, colour=colour, communities=communities, asset_base=asset_base, height=height)
    return component_view(base, G, focus, depth)


@per_dataset(maxsize=16)
def network_base(ds, f: Filters, hide_general: bool = False, colour: str = "kind",
                 asset_base: str = DEFAULT_ASSET_BASE) -> dict:
    """What the Proposals network draws under these filters whatever the focus (netpayload.component_base:
    positions and communities of the whole graph, so nothing moves with the filters). Cached per filters."""
    positions = dataset_layout(ds)
    G = proposal_graph(ds, f, hide_general)
    return component_base(G, positions, colour=colour, communities=dataset_communities(ds),
                             asset_base=asset_base, height=canvas_height(positions))


@per_dataset(maxsize=2)
def dataset_layout(ds) -> dict:
    """Positions from the unfiltered graph, once per dataset: nodes keep their place under every filter."""
    return compute_layout(dataset_graph(ds))
