"""How the proposal network looks and reads: colours, tooltips, legend (pure, no streamlit)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from components.netgraph import MEASURE, PROPOSER, _label, nodes_of_kind
from components.netmetrics import _sorted_labels
from components.style import NEUTRAL, category_color, humanize

# Where Streamlit serves `static/vis-network/` beside app.py (server.enableStaticServing).
DEFAULT_ASSET_BASE = "/app/static/vis-network"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "vis-network"
VIS_JS, VIS_CSS = "vis-network.min.js", "vis-network.css"

# Proposers are white dots ringed by country; measures diamonds filled by category (style.py). The country
# hues sit in the gaps between the category hues (red ~350°, indigo ~233°, green ~95°), so Taiwan's ring is
# not Coast guard's blue nor the United States' Multilateral's purple (tests/test_network.py checks the gap).
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
        lines.append(f"{d['distinct']} distinct proposer(s): " + ", ".join(_sorted_labels(G, G.neighbors(n))))
    return "\n".join(x for x in lines if x)


def _edge_title(G: nx.Graph, a: str, m: str, limit: int | None = None) -> str:
    """The pair's proposals with their quotes, by proposal id; past `limit`, a count of the rest."""
    data = G.get_edge_data(a, m)
    keys = sorted(data)
    parts = [f"{_label(G, a)} → {_label(G, m)}"]
    for k in keys[:limit]:
        d = data[k]
        quotes = "\n".join(f"“{q}”" for q in d["quotes"]) or d["summary"]
        parts.append(f"{d['stance']} · {d['source_title']}\n{quotes}")
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
