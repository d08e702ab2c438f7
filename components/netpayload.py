"""The data the mounted vis-network component receives: nodes, edges, options, legend, focus (pure).

Proposers are white dots with a country ring, measures diamonds filled by category: the two kinds
never share a fill, whatever the palettes. With colour="community" both take their Louvain
community's colour instead. Every string is plain text: vis-network draws labels on the canvas and
shows string titles with innerText, and the component's own legend and panels use textContent.
"""

from __future__ import annotations

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


def component_nodes(G, positions, keep: set, focus, colour: str, communities) -> list[dict]:
    out = []
    for n in sorted(G):
        d, lit = G.nodes[n], n in keep
        fill, ring = _fill_and_ring(G, n, colour, communities)
        out.append({
            "id": n, "kind": d["kind"], "label": _canvas_label(G, n), "title": _node_title(G, n),
            "x": int(positions[n][0]), "y": int(positions[n][1]), "lit": lit, "size": _size(G, n),
            "shape": "dot" if d["kind"] == PROPOSER else "diamond",
            "borderWidth": (5 if n == focus else 3) if d["kind"] == PROPOSER else (4 if n == focus else 1),
            "color": {"background": fill, "border": "#111111" if n == focus and d["kind"] == MEASURE else ring,
                      "highlight": {"background": fill, "border": "#000000"},
                      "hover": {"background": fill, "border": "#000000"}} if lit else DIM_NODE,
            "font": {"color": "#1A1A1A" if lit else DIM_FONT, "size": FONT_PX, "strokeWidth": 3,
                     "strokeColor": "#FFFFFF"},
        })
    return out


def component_edges(G, keep: set) -> list[dict]:
    pairs = sorted({(u, v) if u <= v else (v, u) for u, nbrs in G.adj.items() for v in nbrs})
    out = []
    for u, v in pairs:
        a, m = (u, v) if G.nodes[u]["kind"] == PROPOSER else (v, u)
        count, lit = G.number_of_edges(a, m), a in keep and m in keep
        out.append({"id": f"{a}|{m}", "from": a, "to": m, "count": count, "width": min(1 + count, MAX_EDGE_WIDTH),
                    "title": _edge_title(G, a, m, EDGE_PROPOSALS_SHOWN), "color": EDGE if lit else DIM_EDGE,
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


def component_data(G: nx.MultiGraph, positions: dict, *, focus: str | None = None, depth: int = 1,
                   colour: str = "kind", communities: dict[str, int] | None = None,
                   asset_base: str = "/app/static/vis-network", height: int = 760) -> dict:
    """Everything the component draws, as JSON-ready data. `positions` must cover every node of G."""
    focus = focus if focus in G else None
    keep = set(focus_subgraph(G, focus, depth)) if focus else set(G)
    return {
        "nodes": component_nodes(G, positions, keep, focus, colour, communities),
        "edges": component_edges(G, keep),
        "options": OPTIONS, "focus": focus, "legend": two_part_legend(G, colour, communities),
        "asset_base": asset_base.rstrip("/"), "height": int(height), "min_label_px": 12,
        "layout_size": _extent(positions),
    }
