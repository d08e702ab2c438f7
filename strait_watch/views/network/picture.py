"""The proposal network as a static plotly figure, drawn from the same layout as the live view: the network's
picture medium (the page's PNG download, the deck's image). Pure: no streamlit."""

from __future__ import annotations

import networkx as nx
import plotly.graph_objects as go

from strait_watch.core.style import NEUTRAL, category_color, humanize
from strait_watch.core.text import escape_html
from strait_watch.views.network.drawing import CHAR_PX, FONT_PX, LABEL_WIDTH, country_color, node_size
from strait_watch.views.network.graph import MEASURE, PROPOSER

NETWORK_PNG_WIDTH = 1400  # at most this many layout px wide (drawn at 2x); width and height follow the layout


def build_network_figure(G: nx.Graph, positions: dict, *, title: str = "", label_measures: int | None = 12) -> go.Figure:
    """The proposal network drawn with plotly from the same layout as the live vis-network view.

    Proposers are dots coloured by country, measures diamonds coloured by category and sized by
    their distinct proposers (as on the Proposals page). The `label_measures` busiest measures and
    half as many proposers are labelled (shortened); the rest keep their name in the hover: the slide.
    ``label_measures=None`` (the PNG download): every node labelled with its whole name, wrapped as on
    the page's canvas, at the canvas's proportions (the figure sets its own width and height).
    """

    fig = go.Figure()
    if G.number_of_nodes() == 0:
        return fig
    pos = {n: positions.get(n, (0, 0)) for n in G}
    xs, ys = [], []
    for u, v in {tuple(sorted((u, v))) for u, v in G.edges()}:
        xs += [pos[u][0], pos[v][0], None]
        ys += [-pos[u][1], -pos[v][1], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#c3c7cc", width=1), hoverinfo="skip",
                             showlegend=False))
    every = label_measures is None
    measures = sorted((n for n in G if G.nodes[n]["kind"] == MEASURE), key=lambda n: -G.nodes[n]["distinct"])
    proposers = sorted((n for n in G if G.nodes[n]["kind"] == PROPOSER), key=lambda n: -G.nodes[n]["distinct"])
    labelled = set(G) if every else set(measures[:label_measures]) | set(proposers[: max(3, label_measures // 2)])
    label = _whole_label if every else _short
    font = _network_png_size(fig, pos) if every else 11
    groups: dict[tuple[str, str, str], list[str]] = {}
    for n, d in G.nodes(data=True):
        if d["kind"] == PROPOSER:
            key = ("dot", country_color(d["country"]), d["country"] or "Unknown")
        else:
            key = ("diamond", category_color(d["category"]) if d["category"] else NEUTRAL,
                   humanize(d["category"]) if d["category"] else "Unknown")
        groups.setdefault(key, []).append(n)
    for (shape, color, name), nodes in sorted(groups.items(), key=lambda kv: (kv[0][0] != "dot", kv[0][2])):
        nodes = sorted(nodes)
        fig.add_trace(go.Scatter(
            x=[pos[n][0] for n in nodes], y=[-pos[n][1] for n in nodes], mode="markers+text", name=name,
            marker=dict(symbol="circle" if shape == "dot" else "diamond", color=color,
                        size=[node_size(G, n) * 1.4 for n in nodes], line=dict(color="white", width=1)),
            text=[label(G.nodes[n]["label"]) if n in labelled else "" for n in nodes], textposition="bottom center",
            textfont=dict(size=font, color="#222"), hovertext=[escape_html(G.nodes[n]["label"]) for n in nodes], hoverinfo="text",
            legendgroup=shape,
        ))
    fig.update_layout(
        title=dict(text=title, x=0) if title else None, plot_bgcolor="white", paper_bgcolor="white",
        xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"),
        margin=dict(l=10, r=10, t=40 if title else 10, b=110 if every else 10),
        legend=dict(orientation="h", x=0, y=0, yanchor="top", font=dict(size=16),
                    title_text="● proposer country · ◆ measure category") if every else
        dict(orientation="v", x=1.01, y=1, font=dict(size=11), title_text="● proposer country · ◆ measure category"),
        height=fig.layout.height or 700,
    )
    return fig


def _network_png_size(fig: go.Figure, pos: dict) -> float:
    """Size `fig` (the PNG) so the layout's canvas px map to at most 1 px, and return the label font size:
    the canvas's FONT_PX at that scale, so labels keep the spacing the layout gave them. The picture is as wide as
    the drawing (the legend below it, not beside), so a label is at least 18 px when the picture is shown 1920 px
    wide (issue 28: pictures for the room): 14 px labels in a picture at most 1493 px wide."""

    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = max(xs) - min(xs) + LABEL_WIDTH + 40, max(ys) - min(ys) + 140
    margin, legend_px = 20, 110
    scale = min(1.0, (NETWORK_PNG_WIDTH - margin) / span_x)
    fig.update_layout(width=round(max(span_x * scale + 2 * margin, 700)),
                      height=round(span_y * scale + 2 * margin + legend_px),
                      xaxis=dict(range=[min(xs) - LABEL_WIDTH / 2 - 20, max(xs) + LABEL_WIDTH / 2 + 20]),
                      yaxis=dict(range=[-max(ys) - 110, -min(ys) + 30]))
    return round(max(10.0, FONT_PX * scale), 1)


def _whole_label(text: str) -> str:
    """A node's whole name wrapped as vis-network wraps it on the page (LABEL_WIDTH px of CHAR_PX glyphs)."""
    import html
    import textwrap


    lines = textwrap.wrap(text, int((LABEL_WIDTH - 10) // CHAR_PX), break_long_words=False, break_on_hyphens=False) or [text]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _short(text: str, limit: int = 28) -> str:
    import html

    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return html.escape(text, quote=False)
