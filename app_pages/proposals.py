"""Proposals: who proposes which cooperation measures, as a clickable network; focus on one proposer or measure."""

import streamlit as st

from strait_watch.core.filters import maybe_in_range_caption, no_match_message
from strait_watch.core.tablepayload import visible_columns
from strait_watch.core.text import escape_markdown
from strait_watch.views.network import graph
from strait_watch.views.network.drawing import asset_base_for, component_view, dataset_layout, network_base
from strait_watch.views.network.export import proposal_rows, to_gexf, to_graphml
from ui.data import get_dataset
from ui.event_list import medium
from ui.exports import csv_button, network_png_button
from ui.filters import current_filters, stop_page
from ui.link_values import accept_ids, keep_id, link_choice
from ui.network_view import focus_on, focused, network_element, open_proposal, pick_node, picked_view
from ui.table_view import table_element

COLOURS = {"kind": "Country / category", "community": "Community"}
ds = get_dataset()
f = current_filters()
full = graph.dataset_graph(ds)  # unfiltered, built once per dataset (shared: read only)
positions, groups = dataset_layout(ds), graph.dataset_communities(ds)  # per dataset, shared: read only
choices = graph.focus_options(full)
on_phone = medium() == "phone"  # a phone's consensus table: the measure and its counts (no columns off the screen)


def clicked(event: dict) -> None:
    """A click on the graph: a node focuses (as the dropdown does), an edge opens its proposal, the background clears."""
    if event.get("node") in choices:
        pick_node(event["node"])
    elif event.get("edge"):
        st.session_state["proposal"] = event.get("proposal")
    elif event.get("background"):
        st.session_state["proposal"] = None


st.title("Proposals")
st.caption("Who proposes which cooperation measures. Click a node to focus on it and read its quotes, click a line "
           "for that proposal's evidence, click the background to clear; drag to pan, scroll to zoom.")


def controls():
    """Focus, depth, colour, hide general calls: in the URL (the focus by its id, the others bound)."""
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    accept_ids("colour", list(COLOURS), COLOURS.get)  # a link may say colour=community
    focus = left.selectbox("Focus on a proposer or a measure", list(choices), index=link_choice("focus", list(choices), choices.get),
                           format_func=choices.get, key="focus", placeholder="Everyone (type a name)", filter_mode="contains")
    keep_id("focus", focus)  # ?focus=measure:m-hadr (a link with the label still reads)
    # Never disabled: a disabled label is 2.6:1 grey (WCAG AA wants 4.5:1); without a focus it changes nothing.
    depth = mid.slider("Depth", 1, 3, 1, key="depth", bind="query-params",
                       help="With a focus: 1, the focus and what it touches; 2, also who shares those measures; "
                            "3, their measures too.")
    colour = right.selectbox("Colour", list(COLOURS), key="colour", bind="query-params",
                             format_func=COLOURS.get,
                             help=graph.CENTRALITY_HELP["Community"])
    hide_general = st.toggle("Hide general calls", key="hide_general", bind="query-params",
                             help="Leave out measures of the category 'General cooperation' (calls to 'strengthen "
                                  "security cooperation' that name no concrete step).")
    return focus, depth, colour, hide_general


def exports(shown, ranked, colour) -> None:
    with st.container(horizontal=True):  # exports (issue 6): downloads do not rerun the page
        network_png_button(shown, positions, f)
        csv_button(proposal_rows(shown), "proposals", f, label="Proposals (CSV)")
        csv_button(visible_columns(ranked), "consensus-measures", f, label="Consensus measures (CSV)")
        # Callables: the files are written only when a button is clicked, not on every rerun.
        st.download_button("Graph (GEXF, for Gephi)", lambda: to_gexf(shown, positions, colour, groups), "proposals.gexf",
                           "application/gexf+xml", on_click="ignore", icon=":material/hub:")
        st.download_button("Graph (GraphML)", lambda: to_graphml(shown), "proposals.graphml",
                           "application/graphml+xml", on_click="ignore", icon=":material/hub:")


HIDDEN = ("measure_id", "proposer_id", "with_id", "node_id", "proposal_id")
# What a picked row scrolls into view: the network it refocuses, or where the proposal's evidence opens.
REVEAL = {"focus": ".st-key-network", "proposal": ".st-key-picked_view"}


def tables(G, shown, metrics, ranked, general, focus) -> None:
    """Only the open tab runs (and its table is sent): a rerun ships one table, not five. The tab is in the URL."""
    tabs = st.tabs(["Consensus measures", "Shared agendas", "Reach", "Centrality", "Proposals"], key="table",
                   on_change="rerun", bind="query-params")
    if tabs[0].open:
        tabs[0].caption("Specific measures by number of distinct proposers. Pick a row to focus on it."
                        + (f" General calls to strengthen cooperation, not ranked: {escape_markdown(', '.join(general['Measure']))}."
                           if len(general) else ""))
        with tabs[0]:
            table_element(ranked, "consensus_table", label="Consensus measures", id_column="measure_id",
                          hidden=HIDDEN + (("Category", "Proposed by") if on_phone else ()),
                          on_pick=focus_on(graph.MEASURE), selected=focused(focus, graph.MEASURE), reveal=REVEAL["focus"])
    if tabs[1].open:
        tabs[1].caption("Pairs of proposers who propose the same measures, most shared first.")
        with tabs[1]:
            table_element(metrics.pairs, "pairs_table", label="Shared agendas", hidden=HIDDEN)
    if tabs[2].open:
        tabs[2].caption("Each proposer's measures, how many others share at least one, and the measures only they "
                        "propose. Pick a row to focus on it.")
        with tabs[2]:
            table_element(metrics.reach, "reach_table", label="Reach", id_column="proposer_id", hidden=HIDDEN,
                          on_pick=focus_on(graph.PROPOSER), selected=focused(focus, graph.PROPOSER), reveal=REVEAL["focus"])
    if tabs[3].open:
        tabs[3].caption(" · ".join(f"{k}: {v}" for k, v in graph.CENTRALITY_HELP.items()) + " Pick a row to focus on it.")
        with tabs[3]:
            table_element(graph.centrality_table(G, groups), "graph.centrality_table", label="Centrality", id_column="node_id",
                          hidden=HIDDEN, on_pick=focus_on(None), selected=focus, reveal=REVEAL["focus"])
    if tabs[4].open:
        tabs[4].caption("Proposals" + (f" around {escape_markdown(choices[focus])}" if focus else "") + ". Pick one for its evidence.")
        with tabs[4]:
            table_element(graph.proposal_table(shown), "proposal_rows", label="Proposals", id_column="proposal_id",
                          hidden=HIDDEN, on_pick=open_proposal, selected=st.session_state.get("proposal"),
                          pick_hint="for its evidence", reveal=REVEAL["proposal"])


@st.fragment
def network_view() -> None:
    """Everything under the title: a click on the network, the focus, depth, colour or a table row reruns only
    this part (not the sidebar); a sidebar change reruns the whole page."""
    focus, depth, colour, hide_general = controls()
    G = graph.proposal_graph(ds, f, hide_general)  # the one definition (strait_watch/views), shared with the slides
    maybe = maybe_in_range_caption(ds, f, "proposals")  # the proposals of articles dated less precisely than the dates
    if G.number_of_edges() == 0:
        if maybe:
            st.caption(maybe)
        st.info(no_match_message("proposals", f), icon=":material/filter_alt_off:")
        stop_page()
    if focus is not None and focus not in G:
        st.info(f"**{escape_markdown(choices[focus])}** has no proposals under the current filters; showing everyone.",
                icon=":material/filter_alt_off:")
        focus = None
    shown = graph.focus_subgraph(G, focus, depth) if focus else G
    n_prop, n_meas = len(graph.nodes_of_kind(shown, graph.PROPOSER)), len(graph.nodes_of_kind(shown, graph.MEASURE))
    st.caption(f"{n_prop} proposers · {n_meas} measures · {shown.number_of_edges()} proposals"
               + (f" within {depth} step(s) of {escape_markdown(choices[focus])}; the rest is dimmed." if focus else ".")
               + (f" {maybe}" if maybe else ""))
    base = network_base(ds, f, hide_general, colour, asset_base_for(st.get_option("server.baseUrlPath") or ""))
    network_element(component_view(base, G, focus, depth), key="network", on_click=clicked)  # base sent once
    metrics, ranked, general = graph.proposal_metrics(ds, f, hide_general)  # general calls said apart, as on the slide
    exports(shown, ranked, colour)
    quoted = (shown if depth == 1 else graph.focus_subgraph(G, focus, 1)) if focus else None  # the focus's own lines
    picked_view(ds, st.session_state.get("proposal"), f.sources, quoted, focus)  # a picked row scrolls here (REVEAL)
    tables(G, shown, metrics, ranked, general, focus)


network_view()
