"""Proposals: who proposes which cooperation measures, as a clickable network; focus on one proposer or measure."""

import streamlit as st

from components import network as nw
from components.exports import proposal_rows, visible_columns
from components.filters import filter_evidence, filter_proposals
from components.style import escape_markdown
from ui.data import get_dataset
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button, network_png_button
from ui.filters import current_filters, no_match_message, stop_page
from ui.network_view import focus_quotes, network_element

TABLE_HEIGHT = 420
ds = get_dataset()
f = current_filters()


full = nw.dataset_graph(ds)  # unfiltered, built once per dataset (shared: read only)
positions, groups = nw.dataset_layout(ds), nw.dataset_communities(ds)  # per dataset, shared: read only
choices = nw.focus_options(full)


def pick_from(table_key: str, frame, id_column: str, target_key: str, kind: str | None = None):
    """Callback: the row selected in a table sets another widget (the focus, or the proposal picker)."""
    def pick():
        rows = st.session_state[table_key].selection.rows
        if rows and rows[0] < len(frame):
            value = frame.iloc[rows[0]][id_column]
            st.session_state[target_key] = nw.node_id(kind, value) if kind else value
    return pick


def clicked(event: dict) -> None:
    """A click on the graph: a node focuses (as the dropdown does), an edge opens its proposal, the background clears."""
    if event.get("node") in choices:
        st.session_state["focus"], st.session_state["proposal"] = event["node"], None
    elif event.get("edge"):
        st.session_state["proposal"] = event.get("proposal")
    elif event.get("background"):
        st.session_state["proposal"] = None


st.title("Proposals")
st.caption("Who proposes which cooperation measures. Click a node to focus on it and read its quotes, click a line "
           "for that proposal's evidence, click the background to clear; drag to pan, scroll to zoom.")
def metric_tabs(G, shown, metrics, focus) -> None:
    """The tables under the network (inside the fragment: a row selected there reruns only the view)."""
    hidden = {"measure_id": None, "proposer_id": None, "with_id": None, "node_id": None, "proposal_id": None}
    tabs = st.tabs(["Consensus measures", "Shared agendas", "Reach", "Centrality", "Proposals"])
    with tabs[0]:
        st.caption("Measures by number of distinct proposers. Select a row to focus on it.")
        st.dataframe(metrics.consensus, hide_index=True, column_config=hidden, key="consensus_table",
                     on_select=pick_from("consensus_table", metrics.consensus, "measure_id", "focus", nw.MEASURE),
                     selection_mode="single-row", height=TABLE_HEIGHT, width="stretch")
    with tabs[1]:
        st.caption("Pairs of proposers who propose the same measures, most shared first.")
        st.dataframe(metrics.pairs, hide_index=True, column_config=hidden, height=TABLE_HEIGHT, width="stretch")
    with tabs[2]:
        st.caption("Each proposer's measures, how many others share at least one, and the measures only they "
                   "propose. Select a row to focus on it.")
        st.dataframe(metrics.reach, hide_index=True, column_config=hidden, key="reach_table",
                     on_select=pick_from("reach_table", metrics.reach, "proposer_id", "focus", nw.PROPOSER),
                     selection_mode="single-row", height=TABLE_HEIGHT, width="stretch")
    with tabs[3]:
        st.caption(" · ".join(f"{k}: {v}" for k, v in nw.CENTRALITY_HELP.items()))
        central = nw.centrality_table(G, groups)
        st.dataframe(central, hide_index=True, column_config=hidden, height=TABLE_HEIGHT, width="stretch")
    with tabs[4]:
        st.caption("Proposals" + (f" around {choices[focus]}" if focus else "") + ". Select one for its evidence.")
        rows = nw.proposal_table(shown)
        st.dataframe(rows, hide_index=True, column_config=hidden, key="proposal_rows",
                     on_select=pick_from("proposal_rows", rows, "proposal_id", "proposal"),
                     selection_mode="single-row", height=TABLE_HEIGHT, width="stretch")


@st.fragment
def network_view() -> None:
    """Everything under the title: a click on the network, the focus, depth, colour or a table row reruns only
    this part (not the sidebar); a sidebar change reruns the whole page."""
    left, mid, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    focus = left.selectbox("Focus on a proposer or a measure", list(choices), index=None, format_func=choices.get,
                           key="focus", bind="query-params", placeholder="Everyone (type a name)", filter_mode="contains")
    depth = mid.slider("Depth", 1, 3, 1, key="depth", bind="query-params", disabled=focus is None,
                       help="1: the focus and what it touches; 2: also who shares those measures; 3: their measures too.")
    colour = right.selectbox("Colour", ["kind", "community"], key="colour", bind="query-params",
                             format_func={"kind": "Country / category", "community": "Community"}.get,
                             help=nw.CENTRALITY_HELP["Community"])
    hide_general = st.toggle("Hide general calls", key="hide_general", bind="query-params",
                             help="Leave out measures of the category 'General cooperation' (calls to 'strengthen "
                                  "security cooperation' that name no concrete step).")

    proposals = filter_proposals(ds, f)
    if hide_general:
        proposals = nw.without_categories(proposals, ds.measures, [nw.GENERAL_CATEGORY])
    if len(proposals) == len(ds.proposals) and not f.sources:
        G = full  # every proposal with every quote: the unfiltered graph itself (shared: read only)
    else:
        G = nw.build_proposal_graph(proposals, ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)
    if G.number_of_edges() == 0:
        st.info(no_match_message("proposals", f), icon=":material/filter_alt_off:")
        stop_page()
    if focus is not None and focus not in G:
        st.info(f"**{escape_markdown(choices[focus])}** has no proposals under the current filters; showing everyone.",
                icon=":material/filter_alt_off:")
        focus = None

    shown = nw.focus_subgraph(G, focus, depth) if focus else G
    n_prop, n_meas = len(nw.nodes_of_kind(shown, nw.PROPOSER)), len(nw.nodes_of_kind(shown, nw.MEASURE))
    st.caption(f"{n_prop} proposers · {n_meas} measures · {shown.number_of_edges()} proposals"
               + (f" within {depth} step(s) of {choices[focus]}; the rest is dimmed." if focus else "."))
    network_element(nw.component_data(G, positions, focus=focus, depth=depth, colour=colour,
                                      communities=groups,
                                      height=nw.canvas_height(positions),
                                      asset_base=nw.asset_base_for(st.get_option("server.baseUrlPath") or "")),
                    key="network", on_click=clicked)
    metrics = nw.network_metrics(G)
    with st.container(horizontal=True):  # exports (issue 6): downloads do not rerun the page
        network_png_button(shown, positions, f)
        csv_button(proposal_rows(shown), "proposals", f, label="Proposals (CSV)")
        csv_button(visible_columns(metrics.consensus), "consensus-measures", f, label="Consensus measures (CSV)")
        st.download_button("Graph (GEXF, for Gephi)", nw.to_gexf(shown), "proposals.gexf", "application/gexf+xml",
                           on_click="ignore", icon=":material/hub:")
        st.download_button("Graph (GraphML)", nw.to_graphml(shown), "proposals.graphml", "application/graphml+xml",
                           on_click="ignore", icon=":material/hub:")

    picked = st.session_state.get("proposal")
    if picked:
        render_evidence_panel(ds, picked, f.sources)
    elif focus:
        focus_quotes(shown if depth == 1 else nw.focus_subgraph(G, focus, 1), focus)

    metric_tabs(G, shown, metrics, focus)


network_view()
