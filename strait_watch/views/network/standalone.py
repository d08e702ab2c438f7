"""A standalone HTML page of the proposal network, for the offline pack (and Present's frame).

It draws exactly what the page's mounted component draws: the data is `netpayload.component_data`
(nodes, edges, options, legend, focus: one builder for both), and the drawing code is the
component's own static/network/ files (HTML, CSS, and component.js run as a classic script with its
`export default` line left out). vis-network comes inline (offline) or from the app's static files.
The page is the template strait_watch/templates/network.html.j2, rendered autoescaped by core.html; the data
reaches the page only as JSON in a `type="application/json"` block (`tojson` escapes < > & ', so `</script>`
in a name cannot close it) and is drawn as text.
"""

from __future__ import annotations

import functools

import networkx as nx
from markupsafe import Markup

from strait_watch.core.dataset.model import REPO
from strait_watch.core.html import render
from strait_watch.views.network.drawing import (
    DEFAULT_ASSET_BASE,
    STATIC_DIR,
    VIS_CSS,
    VIS_JS,
    canvas_height,
    component_data,
    compute_layout,
)
from strait_watch.views.network.graph import focus_subgraph

COMPONENT_DIR = REPO / "static" / "network"
EXPORT_LINE = "export default mountNetwork;"  # the one ES-module line of component.js


def _positions_for(G: nx.MultiGraph, positions: dict | None) -> dict:
    """The given layout; a node it does not know is laid out on its own, off to the side."""
    pos = positions if positions is not None else compute_layout(G)
    missing = [n for n in G if n not in pos]
    if missing:
        extra = compute_layout(G.subgraph(missing))
        right = max((p[0] for p in pos.values()), default=0) + 250
        pos = {**pos, **{n: (x + right, y) for n, (x, y) in extra.items()}}
    return pos


def network_page_data(G: nx.MultiGraph, *, focus: str | None = None, depth: int = 1, hide_unfocused: bool = False,
                      positions: dict | None = None, colour: str = "kind", communities: dict | None = None,
                      height: int | None = None, asset_base: str = DEFAULT_ASSET_BASE) -> dict:
    """The component's data for G (hide_unfocused: only the focus neighbourhood, else it is dimmed)."""
    pos = _positions_for(G, positions)
    shown = focus_subgraph(G, focus, depth) if hide_unfocused and focus in G else G
    return component_data(shown, pos, focus=focus, depth=depth, colour=colour, communities=communities,
                          asset_base=asset_base, height=height or canvas_height({n: pos[n] for n in shown}))


def render_network_html(
    G: nx.MultiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    hide_unfocused: bool = False,
    positions: dict[str, tuple[float, float]] | None = None,
    asset_base: str = DEFAULT_ASSET_BASE,
    inline: bool = False,
    height: int | None = None,
    heading: str = "",
    colour: str = "kind",
    communities: dict | None = None,
) -> str:
    """A self-contained HTML page drawing G as the Proposals page does (writes no file).

    focus/depth: dim (or with hide_unfocused, leave out) everything outside the focus neighbourhood.
    asset_base: URL folder serving vis-network.min.js/.css (the app's static files); inline=True embeds
    them instead (about 700 KB; for offline files). height: the canvas (default: the layout's own,
    as on the page). heading is shown escaped.
    """
    data = network_page_data(G, focus=focus, depth=depth, hide_unfocused=hide_unfocused, positions=positions,
                             colour=colour, communities=communities, height=height, asset_base=asset_base)
    js, css = _vis_assets() if inline else ("", "")
    html, component_css, component_js = _component_files()
    # Ours (trusted files) are marked safe; the data only goes through `tojson`.
    return render("network.html.j2", data=data, heading=heading, inline=inline, vis_js=Markup(js),
                  vis_css=Markup(css), asset_base=data["base"]["asset_base"], js_file=VIS_JS, css_file=VIS_CSS,
                  component_html=Markup(html), component_css=Markup(component_css), component_js=Markup(component_js))


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    return (STATIC_DIR / VIS_JS).read_text(encoding="utf-8"), (STATIC_DIR / VIS_CSS).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _component_files() -> tuple[str, str, str]:
    js = (COMPONENT_DIR / "component.js").read_text(encoding="utf-8")
    if EXPORT_LINE not in js:
        raise RuntimeError(f"static/network/component.js no longer ends with {EXPORT_LINE!r}")
    return ((COMPONENT_DIR / "component.html").read_text(encoding="utf-8"),
            (COMPONENT_DIR / "component.css").read_text(encoding="utf-8"), js.replace(EXPORT_LINE, ""))
