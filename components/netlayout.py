"""Deterministic positions for the proposal graph that keep labels apart (pure, no streamlit)."""

from __future__ import annotations

import math

import networkx as nx

from components.netgraph import MEASURE, _label

EDGE_SCALE = 0.6  # median edge length, in label widths, before overlaps are pushed apart
LABEL_WIDTH = 150  # px: labels wrap at this width (vis widthConstraint), also used by the layout


FONT_PX = 14  # label size on the canvas (canvas px); the component keeps it >= 12 px on screen
CHAR_PX = 7.2  # average glyph width of a FONT_PX sans-serif label
COLUMN_GAP, ROW_GAP, BAND_GAP = 14, 14, 40


def _canvas_label(G: nx.Graph, n: str) -> str:
    """The label drawn on the canvas: the whole name (vis wraps it at LABEL_WIDTH; nothing is cut)."""
    return _label(G, n)


def _lines(G: nx.Graph, n: str) -> int:
    """Wrapped lines of a label: words laid out greedily in LABEL_WIDTH - 10 px."""
    width, lines, used = LABEL_WIDTH - 10, 1, 0.0
    for word in _canvas_label(G, n).split():
        w = (len(word) + 1) * CHAR_PX
        if used and used + w > width:
            lines, used = lines + 1, 0.0
        used += w
    return lines


def _box(G: nx.Graph, n: str) -> tuple[float, float]:
    """Size (canvas px) of a node with its wrapped label below, for keeping labels apart."""
    text = len(_canvas_label(G, n)) * CHAR_PX
    return min(text, LABEL_WIDTH) + 10, _size(G, n) * 2 + _lines(G, n) * (FONT_PX + 4) + 8


def _size(G: nx.Graph, n: str) -> float:
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
                                     _label(G, n).casefold(), n))
    proposers = sorted((n for n, k in G.nodes(data="kind") if k != MEASURE),
                       key=lambda n: (-G.nodes[n].get("distinct", 0), _label(G, n).casefold(), n))
    cols = max(1, min(columns, max(len(measures), math.ceil(len(proposers) / 2), 1)))
    cell = LABEL_WIDTH + 10 + COLUMN_GAP
    rows_m = [measures[i:i + cols] for i in range(0, len(measures), cols)]
    xm = {n: (i - (len(r) - 1) / 2) * cell for r in rows_m for i, n in enumerate(r)}
    above, below = proposers[0::2], proposers[1::2]

    def bary(n):
        xs = [xm[m] for m in set(G.neighbors(n)) if m in xm]
        return (sum(xs) / len(xs) if xs else 0.0, _label(G, n).casefold(), n)

    def rows_of(band):  # nearest row first; each row by barycentre
        return [sorted(band[i:i + cols], key=bary) for i in range(0, len(band), cols)]

    pos: dict[str, tuple[int, int]] = {}

    def height(row) -> float:
        return max(_box(G, n)[1] for n in row) + ROW_GAP

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
