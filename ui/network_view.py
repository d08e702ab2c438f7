"""The proposals network as a mounted custom component (v2): one vis-network that survives reruns.

Its HTML, JavaScript and CSS live in static/network/ (the offline pack draws with the same files);
vis-network itself is served from static/vis-network/ (the build in the pyvis wheel). A click comes back as the one-rerun trigger `clicked`:
{"node": id} | {"edge": id, "proposal": id} | {"background": True}.
"""

from __future__ import annotations

import streamlit as st

from strait_watch.core.style import stance_words
from strait_watch.views.network.graph import node_id, node_label
from ui.evidence_panel import render_evidence_panel, reveal_on_pick
from ui.static_component import static_component

CLICKED_FOCUS = "network_clicked_focus"  # session: the focus a click on the network chose (pick_node)


def network_element(data: dict, key: str, on_click) -> None:
    """Mount (or update in place) the network; `on_click(event)` runs before the rerun a click causes.

    `data` is netpayload.component_view's. Its base goes to the browser once per key and session: when this
    session sent that key last, only the view (focus and lit ids, a few hundred bytes) is sent, and the
    component draws it from the base it kept. A component without it (a reload, a lost message) asks
    (`need_base`), and the next rerun sends it again."""
    sent = f"{key}__base_sent"

    def handle():
        event = st.session_state[key].get("clicked")
        if event and event.get("need_base"):
            st.session_state.pop(sent, None)
        elif event:
            on_click(event)

    payload = {**data, "base": None} if st.session_state.get(sent) == data["key"] else data
    st.session_state[sent] = data["key"]
    static_component("strait_watch_network", "network")(key=key, data=payload, on_clicked_change=handle, height="content")


def focus_quotes(G, focus: str, limit: int = 30) -> None:
    """The focus's proposals with their quotes (plain text), in the measures' (or proposers') name order: one
    Markdown element (escaped), so a click on a node sends and draws one element, not one per line."""
    # A node clicked on the network opens these quotes below it: scroll to them. Not for a table row's pick (the
    # table brings the network it refocuses into view) nor the dropdown's (above the network).
    reveal_on_pick(focus if st.session_state.get(CLICKED_FOCUS) == focus else None)
    from strait_watch.core.text import escape_markdown as md

    edges = sorted(G.edges(focus, keys=True, data=True), key=lambda e: (node_label(G, e[1]).casefold(), e[2]))
    parts = [f"## {md(node_label(G, focus))}: {len(edges)} proposal(s)"]
    for _, other, _, d in edges[:limit]:
        parts.append(f"**{md(node_label(G, other))}** · {md(stance_words(d['stance']))} · *{md(d['source_title'])}*")
        parts += [f"> {md(q)}" for q in d["quotes"] or [d["summary"]]]
    with st.container(border=True, key="focus_quotes"):
        st.markdown("\n\n".join(parts))
        if len(edges) > limit:
            st.caption(f"{len(edges) - limit} more in the Proposals tab below.")


def picked_view(ds, picked: str | None, sources: tuple[str, ...], quoted, focus: str | None) -> None:
    """Under the network: the picked proposal's evidence, else the focus's quotes (`quoted`: its graph), else the
    scroll mount alone, so that the first click of a page opens what it picks in view (static/reveal)."""
    with st.container(key="picked_view"):  # a picked table row scrolls here too
        if picked:
            render_evidence_panel(ds, picked, sources)
        elif focus:
            focus_quotes(quoted, focus)
        else:
            reveal_on_pick(None)


def pick_node(node: str) -> None:
    """A node clicked on the network: it becomes the focus (as in the dropdown) and its quotes scroll into view."""
    st.session_state["focus"], st.session_state["proposal"] = node, None
    st.session_state[CLICKED_FOCUS] = node


def focus_on(kind: str | None):
    """A picked table row focuses on its proposer or measure (as a click on the graph does)."""
    def pick(value: str) -> None:
        st.session_state["focus"] = node_id(kind, value) if kind else value
        st.session_state["proposal"] = None
        st.session_state.pop(CLICKED_FOCUS, None)
    return pick


def open_proposal(value: str) -> None:
    st.session_state["proposal"] = value


def focused(focus, kind: str) -> str | None:
    """The id (without its kind) of the focus when it is of `kind`: the row the table marks."""
    prefix = node_id(kind, "")
    return focus[len(prefix):] if focus and focus.startswith(prefix) else None
