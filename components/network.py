"""Who proposes which cooperation measure: the proposal network, its metrics and its HTML.

Pure: no streamlit. The graph is a networkx MultiGraph with proposer nodes ("actor:<id>") and
measure nodes ("measure:<id>"), one edge per proposal keyed by the proposal id.

The HTML comes from pyvis `generate_html()` with our own Jinja template (pyvis 0.3.2 is
unmaintained and its template pulls vis-network and Bootstrap from CDNs, leaves `heading` unescaped
and switches every tooltip to `innerHTML` when a node title contains "href"). Ours is autoescaped,
embeds the data with `tojson` (so `</script>` and `<img ...>` in the data cannot break out of the
script block) and loads vis-network from the app's own static files, or inline for offline exports.
vis-network 9 shows string labels on the canvas and string titles with `innerText`: text stays text.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from jinja2 import DictLoader, Environment
from pyvis.network import Network

from components.memo import per_dataset
from components.style import NEUTRAL, category_color, humanize

PROPOSER = "proposer"
MEASURE = "measure"
_PREFIX = {PROPOSER: "actor:", MEASURE: "measure:"}

# Where Streamlit serves `static/vis-network/` beside app.py (server.enableStaticServing).
DEFAULT_ASSET_BASE = "/app/static/vis-network"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "vis-network"
VIS_JS, VIS_CSS = "vis-network.min.js", "vis-network.css"

# Proposers are coloured by country (dots); measures by category (diamonds, colours from style.py).
COUNTRY_COLORS = {
    "Japan": "#B2182B",
    "Taiwan": "#2166AC",
    "United States": "#5E3C99",
    "China": "#E08214",
    "International": "#4D4D4D",
    "Australia": "#1B7837",
    "United Kingdom": "#8E0152",
    "European Union": "#01665E",
    "Unknown": NEUTRAL,
}
DIM_NODE = {"background": "#EEEEEE", "border": "#DDDDDD"}
DIM_FONT, DIM_EDGE, EDGE = "#C4C4C4", "#F0F0F0", "#9AA0A6"
EDGE_SCALE = 0.6  # median edge length, in label widths, before overlaps are pushed apart
LABEL_WIDTH = 150  # px: labels wrap at this width (vis widthConstraint), also used by the layout
MAX_EDGE_WIDTH = 6  # px: 1 + proposals per pair, capped so a pair standing for hundreds stays a line
EDGE_PROPOSALS_SHOWN = 5  # proposals (with their quotes) an edge's tooltip and payload carry; the rest are counted


def node_id(kind: str, record_id: str) -> str:
    """'actor:hoshino-aki' / 'measure:m-hotline' (actor and measure ids could collide)."""
    return _PREFIX[kind] + record_id


def country_color(country: str) -> str:
    return COUNTRY_COLORS.get(country) or (category_color(country) if country else NEUTRAL)


# ---------------------------------------------------------------- the graph

def build_proposal_graph(
    proposals: pd.DataFrame,
    actors: pd.DataFrame,
    measures: pd.DataFrame,
    evidence: pd.DataFrame,
    sources: pd.DataFrame,
) -> nx.MultiGraph:
    """Proposer and measure nodes, one edge per proposal (key = proposal id).

    `proposals` and `evidence` are the filtered frames; the others are lookups. Edge attributes:
    proposal_id, stance, summary, source_id, source_title, quotes (list[str]).
    """
    actor = {r["id"]: r for r in actors.to_dict("records")}
    measure = {r["id"]: r for r in measures.to_dict("records")}
    names = {i: r["name"] for i, r in actor.items()}
    titles = dict(zip(sources["id"].tolist(), sources["title"].tolist()))
    ids = proposals["id"].tolist()
    quotes: dict[str, list[str]] = {}
    mine = evidence[evidence["record_id"].isin(ids)]  # plain lists: a groupby per record is slow at scale
    for record_id, quote in zip(mine["record_id"].tolist(), mine["quote"].tolist()):
        quotes.setdefault(record_id, []).append(quote)

    a_ids = [_PREFIX[PROPOSER] + p for p in proposals["proposer"].tolist()]
    m_ids = [_PREFIX[MEASURE] + m for m in proposals["measure"].tolist()]
    G = nx.MultiGraph()
    # Nodes in order of first appearance (each proposal's proposer, then its measure), then the edges.
    for n in dict.fromkeys(x for pair in zip(a_ids, m_ids) for x in pair):
        record_id = n.split(":", 1)[1]
        if n.startswith(_PREFIX[PROPOSER]):
            row = actor.get(record_id)
            G.add_node(
                n, kind=PROPOSER, record_id=record_id,
                label=row["name"] if row is not None else record_id,
                country=row["country"] if row is not None else "",
                actor_kind=row["kind"] if row is not None else "",
                role=row["role"] if row is not None else "",
                affiliation=names.get(row["affiliation"], "") if row is not None else "",
            )
        else:
            row = measure.get(record_id)
            G.add_node(
                n, kind=MEASURE, record_id=record_id,
                label=row["name"] if row is not None else record_id,
                category=row["category"] if row is not None else "",
                description=row["description"] if row is not None else "",
            )
    edges = [
        (a, m, pid, {"proposal_id": pid, "stance": stance, "summary": summary, "source_id": source_id,
                     "source_title": titles.get(source_id, source_id), "quotes": list(quotes.get(pid, ()))})
        for a, m, pid, stance, summary, source_id in zip(
            a_ids, m_ids, ids, proposals["stance"].tolist(), proposals["summary"].tolist(),
            proposals["source_id"].tolist())
    ]
    G.add_edges_from(edges)
    for n, data in G.nodes(data=True):
        # Distinct neighbours: a measure's distinct proposers, a proposer's distinct measures.
        data["distinct"] = len(set(G.neighbors(n)))
    return G


@per_dataset(maxsize=2)
def dataset_graph(ds) -> nx.MultiGraph:
    """The unfiltered proposal graph of a dataset, built once per dataset version.

    Shared between reruns and sessions: read it, never change it (copy it first).
    """
    return build_proposal_graph(ds.proposals, ds.actors, ds.measures, ds.evidence, ds.sources)


def nodes_of_kind(G: nx.Graph, kind: str) -> list[str]:
    return [n for n, k in G.nodes(data="kind") if k == kind]


def focus_options(G: nx.Graph) -> dict[str, str]:
    """{node id: 'Name (proposer)' / 'Name (measure)'}: proposers first, each group by name."""
    order = sorted(G, key=lambda n: (G.nodes[n]["kind"] != PROPOSER, _label(G, n).casefold()))
    return {n: f"{_label(G, n)} ({G.nodes[n]['kind']})" for n in order}


def asset_base_for(base_url_path: str = "") -> str:
    """URL of static/vis-network/ for Streamlit's `server.baseUrlPath` (srcdoc iframes resolve it against the app)."""
    base = base_url_path.strip("/")
    return f"/{base}{DEFAULT_ASSET_BASE}" if base else DEFAULT_ASSET_BASE


def focus_subgraph(G: nx.MultiGraph, node: str, depth: int = 1) -> nx.MultiGraph:
    """The neighbourhood of `node` up to `depth` hops (1: its measures or proposers; 2: who shares them...)."""
    if node not in G:
        return G.subgraph([]).copy()
    return nx.ego_graph(G, node, radius=max(0, int(depth))).copy()


# ---------------------------------------------------------------- metrics

@dataclass(frozen=True)
class NetworkMetrics:
    consensus: pd.DataFrame  # one row per measure, most distinct proposers first
    pairs: pd.DataFrame      # proposer pairs sharing at least one measure, most shared first
    reach: pd.DataFrame      # one row per proposer, widest reach first


def _label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def _sorted_labels(G: nx.Graph, ns: Iterable[str]) -> list[str]:
    return sorted((_label(G, n) for n in ns), key=str.casefold)


def network_metrics(G: nx.MultiGraph) -> NetworkMetrics:
    """Consensus measures, proposer pairs and each proposer's reach, as tables that read on their own."""
    proposers, measures = nodes_of_kind(G, PROPOSER), nodes_of_kind(G, MEASURE)
    neighbours = {n: set(G.neighbors(n)) for n in G}

    def articles(n: str) -> int:  # the adjacency directly: edge views are slow on thousands of proposals
        return len({d["source_id"] for keyed in G.adj[n].values() for d in keyed.values()})

    consensus = pd.DataFrame(
        [{
            "Measure": _label(G, m),
            "Category": humanize(G.nodes[m]["category"]) if G.nodes[m]["category"] else "",
            "Proposers": len(neighbours[m]),
            "Articles": articles(m),
            "Proposed by": ", ".join(_sorted_labels(G, neighbours[m])),
            "measure_id": G.nodes[m]["record_id"],
        } for m in measures],
        columns=["Measure", "Category", "Proposers", "Articles", "Proposed by", "measure_id"],
    )
    consensus = consensus.sort_values(
        ["Proposers", "Articles", "Measure"], ascending=[False, False, True], key=_casefold
    ).reset_index(drop=True)

    rows = []
    for a, b in itertools.combinations(proposers, 2):
        shared = neighbours[a] & neighbours[b]
        if shared:
            first, second = sorted((a, b), key=lambda n: _label(G, n).casefold())
            rows.append({
                "Proposer": _label(G, first), "With": _label(G, second), "Shared measures": len(shared),
                "Measures": ", ".join(_sorted_labels(G, shared)),
                "proposer_id": G.nodes[first]["record_id"], "with_id": G.nodes[second]["record_id"],
            })
    pairs = pd.DataFrame(rows, columns=["Proposer", "With", "Shared measures", "Measures", "proposer_id", "with_id"])
    pairs = pairs.sort_values(
        ["Shared measures", "Proposer", "With"], ascending=[False, True, True], key=_casefold
    ).reset_index(drop=True)

    rows = []
    for a in proposers:
        ms = neighbours[a]
        partners = set().union(*(neighbours[m] for m in ms)) - {a} if ms else set()
        rows.append({
            "Proposer": _label(G, a), "Country": G.nodes[a]["country"],
            "Measures": len(ms),
            "Shares with": len(partners),
            "Only they propose": len([m for m in ms if len(neighbours[m]) == 1]),
            "Proposals": G.degree(a), "Articles": articles(a),
            "proposer_id": G.nodes[a]["record_id"],
        })
    reach = pd.DataFrame(rows, columns=[
        "Proposer", "Country", "Measures", "Shares with", "Only they propose", "Proposals", "Articles", "proposer_id"])
    reach = reach.sort_values(
        ["Measures", "Shares with", "Proposer"], ascending=[False, False, True], key=_casefold
    ).reset_index(drop=True)
    return NetworkMetrics(consensus=consensus, pairs=pairs, reach=reach)


def _casefold(s: pd.Series) -> pd.Series:
    return s.str.casefold() if s.dtype == object or pd.api.types.is_string_dtype(s) else s


def proposal_table(G: nx.MultiGraph) -> pd.DataFrame:
    """One row per proposal (edge), for a selectable table that opens the evidence panel."""
    cols = ["Proposer", "Measure", "Stance", "Article", "Summary", "proposal_id"]
    data = {c: [] for c in cols}
    kind, label = dict(G.nodes(data="kind")), dict(G.nodes(data="label"))
    for u, v, d in G.edges(data=True):
        a, m = (u, v) if kind[u] == PROPOSER else (v, u)
        data["Proposer"].append(label[a])
        data["Measure"].append(label[m])
        data["Stance"].append(d["stance"])
        data["Article"].append(d["source_title"])
        data["Summary"].append(d["summary"])
        data["proposal_id"].append(d["proposal_id"])
    if not data["proposal_id"]:
        return pd.DataFrame([], columns=cols)
    # Sorted as plain lists (stable, by casefolded proposer, measure, id): a keyed pandas sort costs more.
    keys = [(a.casefold(), m.casefold(), i.casefold())
            for a, m, i in zip(data["Proposer"], data["Measure"], data["proposal_id"])]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return pd.DataFrame({c: [data[c][i] for i in order] for c in cols}, columns=cols)


# ---------------------------------------------------------------- layout

def _canvas_label(G: nx.Graph, n: str, limit: int = 44) -> str:
    """The label drawn on the canvas: long names cut at a word, in full in the tooltip and tables."""
    text = _label(G, n)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-(") + "…"


def _box(G: nx.Graph, n: str) -> tuple[float, float]:
    """Rough size (px) of a node with its wrapped label below, for keeping labels apart."""
    text = len(_canvas_label(G, n)) * 7.5
    lines = max(1, math.ceil(text / (LABEL_WIDTH - 20)))  # word wrapping leaves lines short
    return min(text, LABEL_WIDTH) + 16, _size(G, n) * 2 + lines * 18 + 8


def _size(G: nx.Graph, n: str) -> float:
    if G.nodes[n]["kind"] == MEASURE:
        return 12 + 5 * math.sqrt(max(G.nodes[n].get("distinct", 1), 1) - 1) * 2
    return 11


def compute_layout(G: nx.Graph, seed: int = 7, aspect: float = 1.6) -> dict[str, tuple[int, int]]:
    """Deterministic positions (px) that keep labels apart.

    Each connected group gets a seeded spring layout, scaled so neighbours sit about a label apart,
    overlapping label boxes are pushed apart, and the groups are packed in rows (biggest first)
    into a canvas of about `aspect` width:height. Compute it on the unfiltered graph and pass it to
    `render_network_html` so nodes keep their place when filters or focus change.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in G.edges()))
    groups = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c))
    placed = [_layout_group(simple.subgraph(c), G, seed, aspect) for c in groups]
    return _pack(placed, aspect)


def _layout_group(sub: nx.Graph, G: nx.Graph, seed: int, aspect: float) -> dict[str, np.ndarray]:
    nodes = sorted(sub)
    boxes = np.array([_box(G, n) for n in nodes])
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted(sub.edges()))
    raw = nx.spring_layout(ordered, seed=seed, iterations=300)
    xy = np.array([raw[n] for n in nodes], dtype=float)
    # Scale so the median edge is about a label wide, wider than tall; push-apart does the rest.
    index = {n: i for i, n in enumerate(nodes)}
    lengths = [np.linalg.norm(xy[index[u]] - xy[index[v]]) for u, v in ordered.edges()]
    xy *= EDGE_SCALE * LABEL_WIDTH / max(float(np.median(lengths)), 1e-6)
    xy[:, 0] *= math.sqrt(aspect)
    xy[:, 1] /= math.sqrt(aspect)
    xy = _push_apart(xy, boxes)
    for _ in range(4):  # pushing boxes apart stacks them up: widen and flatten towards `aspect`, push again
        extent = xy.max(axis=0) - xy.min(axis=0) + boxes.max(axis=0)
        ratio = extent[0] / extent[1] / aspect
        if ratio > 0.9:
            break
        xy *= np.array([ratio ** -0.5, ratio ** 0.5])
        xy = _push_apart(xy, boxes)
    return dict(zip(nodes, xy))


def _pack(groups: list[dict[str, np.ndarray]], aspect: float, gap: float = 40) -> dict[str, tuple[int, int]]:
    """Shelf-pack the groups' bounding boxes in rows about sqrt(area * aspect) wide, centred on 0."""
    frames = []
    for pos in groups:
        xy = np.array(list(pos.values()))
        lo, hi = xy.min(axis=0) - np.array([LABEL_WIDTH / 2, 20]), xy.max(axis=0) + np.array([LABEL_WIDTH / 2, 40])
        frames.append((pos, lo, hi - lo))
    area = sum(float(size[0] * size[1]) for _, _, size in frames)
    width = max(max((size[0] for _, _, size in frames), default=0), math.sqrt(area * aspect))
    out, x, y, row_h = {}, 0.0, 0.0, 0.0
    for pos, lo, size in frames:
        if x > 0 and x + size[0] > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for n, p in pos.items():
            out[n] = p - lo + np.array([x, y])
        x, row_h = x + size[0] + gap, max(row_h, size[1])
    if not out:
        return {}
    xy = np.array(list(out.values()))
    centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
    return {n: (int(round(p[0] - centre[0])), int(round(p[1] - centre[1]))) for n, p in out.items()}


def _push_apart(xy: np.ndarray, boxes: np.ndarray, rounds: int = 800, pad: float = 8) -> np.ndarray:
    """Move overlapping label boxes apart along their axis of least overlap (deterministic)."""
    xy = xy.copy()
    half = boxes / 2
    n = len(xy)
    iu = np.triu_indices(n, 1)
    for _ in range(rounds):
        d = xy[:, None, :] - xy[None, :, :]
        need = half[:, None, :] + half[None, :, :] + pad
        over = need - np.abs(d)
        hit = (over[..., 0] > 0) & (over[..., 1] > 0)
        hit[np.diag_indices(n)] = False
        if not hit[iu].any():
            break
        push = np.zeros_like(xy)
        axis = np.where(over[..., 0] < over[..., 1], 0, 1)
        for i, j in zip(*np.nonzero(np.triu(hit, 1))):
            ax = axis[i, j]
            sign = 1.0 if d[i, j, ax] > 0 else -1.0 if d[i, j, ax] < 0 else (1.0 if i < j else -1.0)
            step = over[i, j, ax] / 2 + 0.5
            push[i, ax] += sign * step
            push[j, ax] -= sign * step
        xy += push
    return xy


# ---------------------------------------------------------------- HTML

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
    pos = positions if positions is not None else compute_layout(G)
    missing = [n for n in G if n not in pos]
    if missing:  # a node the given layout does not know: lay those out on their own, off to the side
        extra = compute_layout(G.subgraph(missing))
        right = max((p[0] for p in pos.values()), default=0) + 250
        pos = {**pos, **{n: (x + right, y) for n, (x, y) in extra.items()}}
    keep = set(focus_subgraph(G, focus, depth)) if focus in G else set(G)
    shown = [n for n in sorted(G) if n in keep or not hide_unfocused]

    net = Network(height=f"{height}px", width="100%", directed=False, heading=heading)
    for n in shown:
        d = G.nodes[n]
        lit = n in keep
        color = country_color(d["country"]) if d["kind"] == PROPOSER else category_color(d["category"])
        net.add_node(
            n, label=_canvas_label(G, n), title=_node_title(G, n),
            shape="dot" if d["kind"] == PROPOSER else "diamond", size=_size(G, n),
            x=pos[n][0], y=pos[n][1],
            color={"background": color, "border": "#222222" if n == focus else color,
                   "highlight": {"background": color, "border": "#000000"},
                   "hover": {"background": color, "border": "#000000"}} if lit else DIM_NODE,
            borderWidth=4 if n == focus else 1,
            font={"color": "#222222" if lit else DIM_FONT, "size": 15 if lit else 13,
                  "strokeWidth": 3, "strokeColor": "#ffffff"},
        )
    shown_set = set(shown)
    pairs = sorted({(u, v) if u <= v else (v, u) for u, nbrs in G.adj.items() for v in nbrs})  # not per proposal
    for u, v in pairs:
        if u not in shown_set or v not in shown_set:
            continue
        a, m = (u, v) if G.nodes[u]["kind"] == PROPOSER else (v, u)
        count = G.number_of_edges(a, m)
        lit = a in keep and m in keep
        # One edge per pair; its payload stays small however many proposals the pair has (every
        # proposal and quote is still in the Proposals table and the evidence panel).
        net.add_edge(a, m, id=f"{a}|{m}", title=_edge_title(G, a, m, EDGE_PROPOSALS_SHOWN), width=min(1 + count, MAX_EDGE_WIDTH),
                     color=EDGE if lit else DIM_EDGE, count=count,
                     proposals=sorted(G.get_edge_data(a, m))[:EDGE_PROPOSALS_SHOWN])
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
