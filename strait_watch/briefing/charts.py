"""The two pictures of the deck, laid out to be read from the back of a room (1200×694 layout px, drawn at
2×; every text ≥ 18 px of a 1920 slide, every label whole):

* the timeline with only its key events labelled, in whole wrapped headlines planned at the slide's font
  size so that no two labels meet (the screen figure labels more, at 11 px);
* the proposal network as two columns: the specific measures with the most proposers (right) and the
  proposers behind them (left), every node labelled in full; the whole network is in the HTML pack and
  Present mode.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from strait_watch.briefing.media import MEDIA, for_medium
from strait_watch.core.style import NEUTRAL, category_color, humanize
from strait_watch.core.text import escape_html
from strait_watch.views.network.drawing import country_color
from strait_watch.views.network.graph import MEASURE, node_id
from strait_watch.views.timeline import axis_range, build_timeline_figure

WIDTH, HEIGHT, FONT = MEDIA["slide"][0], MEDIA["slide"][1], 20
_CHAR_PX = 11.0    # one character at FONT px, generously
_LINE_PX = FONT * 1.25
_WRAPS = (24, 30, 36, 44)


def _wrap(text: str, width: int) -> str:
    return "<br>".join(escape_html(line) for line in textwrap.wrap(str(text), width, break_long_words=False) or [""])


# ---------------------------------------------------------------- timeline

def timeline_slide_figure(events: pd.DataFrame, actor_names: dict, date_range=None, medium: str = "slide",
                          plot_px: int = 940) -> go.Figure:
    """The Timeline view for the slide (or Present mode, `plot_px` its narrowest plot): category lanes, no
    legend (the lanes name the categories), the key events labelled in whole headlines that never overlap
    (the others keep their mark)."""
    fig = for_medium(build_timeline_figure(events, actor_names=actor_names, label_key_events=False,
                                           date_range=date_range), medium)
    height = MEDIA[medium][1]
    drawn = events[events["date_precision"] != "year"]
    if drawn.empty:
        return fig
    lanes = list(reversed(list(fig.layout.yaxis.categoryarray or [])))  # top to bottom
    pitch = 0.78 * (height - 90) / max(len(lanes), 1)                   # px between two lanes
    max_lines = max(1, int((pitch - 22) // _LINE_PX))
    x0, x1 = axis_range(drawn, date_range)
    fig.update_layout(showlegend=False, annotations=_timeline_labels(drawn, lanes, x0, x1, max_lines, plot_px))
    return fig


def _timeline_labels(drawn: pd.DataFrame, lanes: list[str], x0, x1, max_lines: int, plot_px: int) -> list[dict]:
    ms_per_px = (x1 - x0) / plot_px
    gap_of = {lane: i for i, lane in enumerate(lanes)}  # gap i lies above lane i
    taken: dict[int, list[tuple]] = {}
    out = []
    for row in drawn[drawn["key"]].sort_values(["date_start", "id"]).itertuples():
        lane = escape_html(humanize(row.category))  # as the figure names its lanes (escaped tick labels)
        lines = next((w for w in (textwrap.wrap(str(row.title), n, break_long_words=False) for n in _WRAPS)
                      if len(w) <= max_lines), None)  # the narrowest wrap that fits the gap between lanes
        if lane not in gap_of or lines is None:
            continue
        half = ms_per_px * (max(map(len, lines)) * _CHAR_PX + 14) / 2
        mid = row.date_start + (row.date_end - row.date_start) / 2
        center = min(max(mid, x0 + half), x1 - half)
        box = (center - half, center + half)
        for slot in ("above", "below"):
            boxes = taken.setdefault(gap_of[lane] + (slot == "below"), [])
            if all(box[1] < b[0] or box[0] > b[1] for b in boxes):
                boxes.append(box)
                out.append(dict(x=center, y=lane, xref="x", yref="y", text="<br>".join(escape_html(x) for x in lines),
                                showarrow=False, xanchor="center", yanchor="bottom" if slot == "above" else "top",
                                yshift=10 if slot == "above" else -10, align="center", bgcolor="rgba(255,255,255,0.92)",
                                bordercolor="#bbb", borderwidth=1, borderpad=2, font=dict(size=FONT - 2, color="#222"),
                                name=f"label:{row.id}"))
                break
    return out


# ---------------------------------------------------------------- network

def network_slide_figure(G: nx.MultiGraph, measures: pd.DataFrame, top: int = 6, most_proposers: int = 9,
                         width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """Who proposes the `top` specific measures with the most distinct proposers (`measures`: the consensus
    ranking, general calls left out): measures on the right, their proposers on the left, lines between."""
    fig = go.Figure(layout=dict(width=width, height=height, xaxis=dict(visible=False), yaxis=dict(visible=False),
                                plot_bgcolor="white", paper_bgcolor="white"))
    shared = measures[measures["Proposers"] >= 2]
    ranked = (shared if len(shared) >= 2 else measures).head(top)  # few shared measures: show what there is
    chosen = [node_id(MEASURE, m) for m in ranked["measure_id"] if node_id(MEASURE, m) in G]
    if not chosen:
        fig.add_annotation(text="No specific measure under these filters (only general calls).", showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=FONT))
        return fig
    links = {m: {u if v == m else v for u, v in G.edges(m)} for m in chosen}
    count = pd.Series([p for ps in links.values() for p in ps]).value_counts()
    proposers = list(count.index[:most_proposers])
    rank = {m: i for i, m in enumerate(chosen)}
    proposers.sort(key=lambda p: sum(rank[m] for m in chosen if p in links[m]) / count[p])  # fewer crossings
    pad = 0.05 if height >= 540 else 0.12  # room for a wrapped label at the top and bottom rows
    ym = _spread(len(chosen), pad)
    yp = _spread(len(proposers), pad)
    # a narrow picture (Present) gives the measures, whose names are longer, the most room
    xp, xm = (0.36, 0.62) if width >= 1000 else (0.38, 0.48)
    for m, y in zip(chosen, ym, strict=True):
        colour = category_color(G.nodes[m].get("category")) if G.nodes[m].get("category") else NEUTRAL
        for p, yq in zip(proposers, yp, strict=True):
            if p in links[m]:
                fig.add_trace(go.Scatter(x=[xp, xm], y=[yq, y], mode="lines", line=dict(color=colour, width=3),
                                         opacity=0.55, hoverinfo="skip", showlegend=False))
    _column(fig, G, proposers, xp, yp, "circle", "right", lambda n: country_color(G.nodes[n].get("country")),
            int(xp * width / _CHAR_PX) - 4)
    _column(fig, G, chosen, xm, ym, "diamond", "left",
            lambda n: category_color(G.nodes[n]["category"]) if G.nodes[n].get("category") else NEUTRAL,
            int((1 - xm) * width / _CHAR_PX) - 5)
    fig.update_layout(width=width, height=height, plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
                      margin=dict(l=10, r=10, t=10, b=10), font=dict(size=FONT),
                      xaxis=dict(visible=False, range=[0, 1], fixedrange=True),
                      yaxis=dict(visible=False, range=[0, 1], fixedrange=True))
    return fig


def _spread(n: int, pad: float = 0.05) -> list[float]:
    """n positions top to bottom, evenly between 1 - pad and pad (one in the middle)."""
    return [0.5] if n == 1 else [1 - pad - (1 - 2 * pad) * i / (n - 1) for i in range(n)]


def _column(fig, G, nodes, x, ys, symbol, side, colour, wrap: int) -> None:
    sizes = [14 + 5 * min(G.nodes[n].get("distinct", 1), 6) for n in nodes]
    fig.add_trace(go.Scatter(x=[x] * len(nodes), y=ys, mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(symbol=symbol, size=sizes, color=[colour(n) for n in nodes],
                                         line=dict(color="white", width=2))))
    for n, y, s in zip(nodes, ys, sizes, strict=True):
        label = G.nodes[n]["label"] + (f" ({G.nodes[n].get('distinct')})" if side == "left" else "")
        fig.add_annotation(x=x, y=y, xref="x", yref="y", text=_wrap(label, wrap), showarrow=False,
                           xanchor="left" if side == "left" else "right", xshift=(s / 2 + 8) * (1 if side == "left" else -1),
                           align=side, font=dict(size=FONT, color="#222"))
