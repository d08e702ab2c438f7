"""A standalone HTML page of the proposal network (pyvis `generate_html`): the offline pack and exports.

pyvis 0.3.2 is unmaintained and its template pulls vis-network and Bootstrap from CDNs, leaves
`heading` unescaped and switches every tooltip to `innerHTML` when a node title contains "href".
Ours is autoescaped, embeds the data with `tojson` (so `</script>` and `<img ...>` in the data cannot
break out of the script block) and loads vis-network from the app's own static files, or inline.
vis-network 9 shows string labels on the canvas and string titles with `innerText`: text stays text.
"""

from __future__ import annotations

import functools

import networkx as nx
from jinja2 import DictLoader, Environment
from pyvis.network import Network

from components.netgraph import PROPOSER, focus_subgraph
from components.netlayout import (
    FONT_PX,
    LABEL_WIDTH,
    _canvas_label,
    _size,
    compute_layout,
)
from components.netlook import (
    DEFAULT_ASSET_BASE,
    DIM_EDGE,
    DIM_FONT,
    DIM_NODE,
    EDGE,
    EDGE_PROPOSALS_SHOWN,
    MAX_EDGE_WIDTH,
    STATIC_DIR,
    VIS_CSS,
    VIS_JS,
    _edge_title,
    _node_title,
    category_color,
    country_color,
    legend_items,
)


def _positions_for(G: nx.MultiGraph, positions: dict | None) -> dict:
    """The given layout; a node it does not know is laid out on its own, off to the side."""
    pos = positions if positions is not None else compute_layout(G)
    missing = [n for n in G if n not in pos]
    if missing:
        extra = compute_layout(G.subgraph(missing))
        right = max((p[0] for p in pos.values()), default=0) + 250
        pos = {**pos, **{n: (x + right, y) for n, (x, y) in extra.items()}}
    return pos


def _add_node(net: Network, G: nx.MultiGraph, n: str, xy: tuple[float, float], *, lit: bool, focus: str | None) -> None:
    d = G.nodes[n]
    color = country_color(d["country"]) if d["kind"] == PROPOSER else category_color(d["category"])
    net.add_node(
        n, label=_canvas_label(G, n), title=_node_title(G, n),
        shape="dot" if d["kind"] == PROPOSER else "diamond", size=_size(G, n),
        x=xy[0], y=xy[1],
        color={"background": color, "border": "#222222" if n == focus else color,
               "highlight": {"background": color, "border": "#000000"},
               "hover": {"background": color, "border": "#000000"}} if lit else DIM_NODE,
        borderWidth=4 if n == focus else 1,
        font={"color": "#222222" if lit else DIM_FONT, "size": FONT_PX,
              "strokeWidth": 3, "strokeColor": "#ffffff"},
    )


def _add_edges(net: Network, G: nx.MultiGraph, shown: set[str], keep: set[str]) -> None:
    """One vis edge per proposer-measure pair (not per proposal); its payload stays small however many
    proposals the pair has (every proposal and quote is still in the Proposals table and the evidence panel)."""
    pairs = sorted({(u, v) if u <= v else (v, u) for u, nbrs in G.adj.items() for v in nbrs})
    for u, v in pairs:
        if u not in shown or v not in shown:
            continue
        a, m = (u, v) if G.nodes[u]["kind"] == PROPOSER else (v, u)
        count = G.number_of_edges(a, m)
        lit = a in keep and m in keep
        net.add_edge(a, m, id=f"{a}|{m}", title=_edge_title(G, a, m, EDGE_PROPOSALS_SHOWN), width=min(1 + count, MAX_EDGE_WIDTH),
                     color=EDGE if lit else DIM_EDGE, count=count,
                     proposals=sorted(G.get_edge_data(a, m))[:EDGE_PROPOSALS_SHOWN])


def render_network_html(
    G: nx.MultiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    hide_unfocused: bool = False,
    positions: dict[str, tuple[float, float]] | None = None,
    asset_base: str = DEFAULT_ASSET_BASE,
    inline: bool = False,
    height: int = 300,
    heading: str = "",
) -> str:
    """A self-contained HTML page drawing G with vis-network (via pyvis `generate_html`; writes no file).

    focus/depth: dim (or with hide_unfocused, leave out) everything outside the focus neighbourhood.
    asset_base: URL folder serving vis-network.min.js/.css (the app's static files);
    inline=True embeds them instead (about 700 KB; for offline exports). heading is shown escaped.
    The canvas fills the page below the legend (at least `height` px): size it with the iframe.
    One vis edge per proposer-measure pair: `count` proposals (width 1 + count, at most MAX_EDGE_WIDTH); its tooltip and its
    `proposals` ids cover the first EDGE_PROPOSALS_SHOWN of them by id and count the rest.
    """
    pos = _positions_for(G, positions)
    keep = set(focus_subgraph(G, focus, depth)) if focus in G else set(G)
    shown = [n for n in sorted(G) if n in keep or not hide_unfocused]
    net = Network(height=f"{height}px", width="100%", directed=False, heading=heading)
    for n in shown:
        _add_node(net, G, n, pos[n], lit=n in keep, focus=focus)
    _add_edges(net, G, set(shown), keep)
    net.options = _OPTIONS
    net.templateEnv = _environment(legend_items(G.subgraph(shown)), asset_base, inline)
    net.path = _TEMPLATE_NAME
    return net.generate_html()


_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"randomSeed": 7, "improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": False, "keyboard": False},
    "nodes": {"widthConstraint": {"maximum": LABEL_WIDTH}, "font": {"face": "sans-serif"}},
    "edges": {"smooth": False, "hoverWidth": 2, "selectionWidth": 2},
}


@functools.lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    return (STATIC_DIR / VIS_JS).read_text(encoding="utf-8"), (STATIC_DIR / VIS_CSS).read_text(encoding="utf-8")


def _environment(legend: list[dict], asset_base: str, inline: bool) -> Environment:
    env = Environment(loader=DictLoader({_TEMPLATE_NAME: _TEMPLATE}), autoescape=True)
    js, css = _assets() if inline else ("", "")
    env.globals.update(legend=legend, asset_base=asset_base.rstrip("/"), inline=inline,
                       vis_js=js, vis_css=css, js_file=VIS_JS, css_file=VIS_CSS)
    return env


_TEMPLATE_NAME = "strait_watch_network.html"
# Autoescaped. The variables pyvis passes (nodes, edges, options, heading, height, width) plus our
# globals. Data reaches JavaScript only through `tojson`, which escapes < > & ' for a script block.
_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{% if inline %}<style>{{ vis_css|safe }}</style>
<script>{{ vis_js|safe }}</script>
{% else %}<link rel="stylesheet" href="{{ asset_base }}/{{ css_file }}">
<script src="{{ asset_base }}/{{ js_file }}"></script>
{% endif %}<style>
  html, body { height: 100%; }
  body { margin: 0; display: flex; flex-direction: column; font-family: "Source Sans Pro", "Source Sans 3", sans-serif; color: #222; background: #fff; }
  h2 { font-size: 1.1rem; margin: 0.3rem 0.5rem; }
  #legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; padding: 0.3rem 0.5rem; font-size: 12.5px; }
  #legend span.k { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
  #legend span.dot { border-radius: 50%; }
  #legend span.diamond { transform: rotate(45deg) scale(0.85); }
  #legend .note { color: #666; }
  #mynetwork { width: {{ width }}; flex: 1 1 auto; min-height: {{ height }}; border-top: 1px solid #e6e6e6; position: relative; }
  #mynetwork .fallback { padding: 1rem; color: #555; }
  div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: sans-serif; font-size: 13px; line-height: 1.35; }
</style>
</head>
<body>
{% if heading %}<h2>{{ heading }}</h2>{% endif %}
<div id="legend" aria-label="Legend">
  {% for item in legend %}<span><span class="k {{ item.shape }}" style="background: {{ item.color }}"></span>{{ item.label }}</span>
  {% endfor %}<span class="note">● proposer (colour: country) · ◆ measure (colour: category; size: distinct proposers) · hover an edge for the quote</span>
</div>
<div id="mynetwork"></div>
<script>
  var nodes, edges, network;
  var container = document.getElementById("mynetwork");
  if (typeof vis === "undefined") {
    container.innerHTML = '<p class="fallback">The network drawing library did not load. The tables beside the graph hold the same information.</p>';
  } else {
    nodes = new vis.DataSet({{ nodes|tojson }});
    edges = new vis.DataSet({{ edges|tojson }});
    network = new vis.Network(container, {nodes: nodes, edges: edges}, JSON.parse({{ options|tojson }}));
    network.once("afterDrawing", function () { window.straitWatchDrawn = true; });
  }
</script>
</body>
</html>
"""
