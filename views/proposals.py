"""Proposals: who proposes which cooperation measures, as a network; focus on one proposer or measure."""

import streamlit as st

from components import network as nw
from components.exports import proposal_rows, visible_columns
from components.filters import filter_evidence, filter_proposals
from ui.data import get_dataset
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button, network_png_button
from ui.filters import current_filters, no_match_message, stop_page

GRAPH_HEIGHT, TABLE_HEIGHT = 760, 420
ds = get_dataset()
f = current_filters()


@st.cache_data(show_spinner=False, max_entries=4)
def layout(version: str, _graph) -> dict:
    """Positions from the unfiltered graph, so nodes keep their place when filters or focus change."""
    return nw.compute_layout(_graph)


full = nw.dataset_graph(ds)  # unfiltered, built once per dataset (shared: read only)
choices = nw.focus_options(full)


def pick_from(table_key: str, frame, id_column: str, target_key: str, kind: str | None = None):
    """Callback: the row selected in a table sets another widget (the focus, or the proposal picker)."""
    def pick():
        rows = st.session_state[table_key].selection.rows
        if rows and rows[0] < len(frame):
            value = frame.iloc[rows[0]][id_column]
            st.session_state[target_key] = nw.node_id(kind, value) if kind else value
    return pick


st.title("Proposals")
st.caption("Who proposes which cooperation measures: where the proposals converge, who stands alone, who agrees "
           "with whom. Hover a node or an edge for names, quotes and articles; drag to pan, scroll to zoom.")
left, right = st.columns([3, 1], vertical_alignment="bottom")
focus = left.selectbox("Focus on a proposer or a measure", list(choices), index=None, format_func=choices.get,
                       key="focus", bind="query-params", placeholder="Everyone (type a name)", filter_mode="contains")
depth = right.slider("Depth", 1, 3, 1, key="depth", bind="query-params", disabled=focus is None,
                     help="1: the focus and what it touches; 2: also who shares those measures; 3: their measures too.")

proposals = filter_proposals(ds, f)
if len(proposals) == len(ds.proposals) and not f.sources:
    G = full  # every proposal with every quote: the unfiltered graph itself (shared: read only)
else:
    G = nw.build_proposal_graph(proposals, ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)
if G.number_of_edges() == 0:
    st.info(no_match_message("proposals", f), icon=":material/filter_alt_off:")
    stop_page()
if focus is not None and focus not in G:
    st.info(f"**{choices[focus]}** has no proposals under the current filters; showing everyone.",
            icon=":material/filter_alt_off:")
    focus = None

shown = nw.focus_subgraph(G, focus, depth) if focus else G
html = nw.render_network_html(G, focus=focus, depth=depth, positions=layout(ds.version, full),
                              asset_base=nw.asset_base_for(st.get_option("server.baseUrlPath") or ""))
metrics = nw.network_metrics(G)

n_prop, n_meas = len(nw.nodes_of_kind(shown, nw.PROPOSER)), len(nw.nodes_of_kind(shown, nw.MEASURE))
st.caption(f"{n_prop} proposers · {n_meas} measures · {shown.number_of_edges()} proposals"
           + (f" within {depth} step(s) of {choices[focus]}; the rest is dimmed." if focus else "."))
# Full width: in a side column the labels shrank to unreadable (the tables below say the same in words).
st.iframe(html, height=GRAPH_HEIGHT, alt="Network of proposers and the cooperation measures they propose")
with st.container(horizontal=True):  # exports (issue 6): downloads do not rerun the page
    network_png_button(shown, layout(ds.version, full), f)
    csv_button(proposal_rows(shown), "proposals", f, label="Proposals (CSV)")
    csv_button(visible_columns(metrics.consensus), "consensus-measures", f, label="Consensus measures (CSV)")

metrics_col, proposals_col = st.columns(2, gap="medium")
with metrics_col:
    consensus_tab, pairs_tab, reach_tab = st.tabs(["Consensus measures", "Shared agendas", "Reach"])
    hidden = {"measure_id": None, "proposer_id": None, "with_id": None}
    with consensus_tab:
        st.caption("Measures by number of distinct proposers. Select a row to focus on it.")
        st.dataframe(metrics.consensus, hide_index=True, column_config=hidden, key="consensus_table",
                     on_select=pick_from("consensus_table", metrics.consensus, "measure_id", "focus", nw.MEASURE),
                     selection_mode="single-row", height=TABLE_HEIGHT)
    with pairs_tab:
        st.caption("Pairs of proposers who propose the same measures, most shared first.")
        st.dataframe(metrics.pairs, hide_index=True, column_config=hidden, height=TABLE_HEIGHT)
    with reach_tab:
        st.caption("Each proposer's measures, how many others share at least one, and the measures only they "
                   "propose. Select a row to focus on it.")
        st.dataframe(metrics.reach, hide_index=True, column_config=hidden, key="reach_table",
                     on_select=pick_from("reach_table", metrics.reach, "proposer_id", "focus", nw.PROPOSER),
                     selection_mode="single-row", height=TABLE_HEIGHT)
with proposals_col:
    st.markdown("**Proposals**" + (f" around {choices[focus]}" if focus else "") + " · select one for its evidence")
    rows = nw.proposal_table(shown)
    st.dataframe(rows, hide_index=True, column_config={"proposal_id": None}, key="proposal_rows",
                 on_select=pick_from("proposal_rows", rows, "proposal_id", "proposal"),
                 selection_mode="single-row", height=TABLE_HEIGHT)
    labels = dict(zip(rows["proposal_id"].tolist(),
                      (rows["Proposer"] + " → " + rows["Measure"] + " (" + rows["Article"] + ")").tolist()))
    if st.session_state.get("proposal") not in labels:
        st.session_state["proposal"] = None
    picked = st.selectbox("Proposal", list(labels), format_func=labels.get, key="proposal", index=None,
                          placeholder="Select a row above, or pick a proposal here")
render_evidence_panel(ds, picked, f.sources)
