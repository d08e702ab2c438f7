"""Deterministic positions for the proposal graph that keep labels apart (pure, no streamlit)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from components.netgraph import MEASURE, _label

EDGE_SCALE = 0.6  # median edge length, in label widths, before overlaps are pushed apart
LABEL_WIDTH = 150  # px: labels wrap at this width (vis widthConstraint), also used by the layout


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
