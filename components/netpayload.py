"""The data the mounted vis-network component receives: nodes, edges, options, legend, focus (pure).

Proposers are white dots with a country ring, measures diamonds filled by category: the two kinds
never share a fill, whatever the palettes. With colour="community" both take their Louvain
community's colour instead. Every string is plain text: vis-network draws labels on the canvas and
shows string titles with innerText, and the component's own legend and panels use textContent.
"""

from __future__ import annotations

import hashlib
import json

import networkx as nx

from components.netgraph import MEASURE, PROPOSER, focus_subgraph
from components.netlayout import FONT_PX, LABEL_WIDTH, _canvas_label, _size
from components.netlook import (
    DIM_EDGE,
    DIM_FONT,
    DIM_NODE,
    EDGE,
    EDGE_PROPOSALS_SHOWN,
    MAX_EDGE_WIDTH,
    _edge_title,
    _node_title,
    category_color,
    country_color,
)
from components.style import humanize

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


def _fill_and_ring(G: nx.Graph, n: str, colour: str, communities: dict[str, int] | None) -> tuple[str, str]:
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
        fill, ring = _fill_and_ring(G, n, colour, communities)
        out.append({
            "id": n, "kind": d["kind"], "label": _canvas_label(G, n), "title": _node_title(G, n),
            "x": int(positions[n][0]), "y": int(positions[n][1]), "size": _size(G, n),
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
