"""What came back: each measure's proposals over the years (2017 -> 2021), raised again or dropped; click a mark
for the proposal's evidence. Link keys: `sort` (first, persistence, support), a bound widget, and `opened` (a
proposal id, written by the page); the sidebar's filters as everywhere (an actor filter: what that actor proposed before and after)."""

import streamlit as st

from strait_watch.briefing.findings import finding_text, persistence_findings
from strait_watch.briefing.model import source_list
from strait_watch.core.export import chart_config
from strait_watch.core.filters import evidence_for, maybe_in_range_caption, no_match_message
from strait_watch.core.text import escape_markdown as md
from strait_watch.views.persistence import (
    SORT_HELP,
    SORTS,
    persistence_figure,
    persistence_list_html,
    persistence_proposals,
    persistence_rows,
    persistence_table,
)
from ui.data import get_dataset
from ui.event_list import phone_or_wide, wide_container
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button
from ui.filters import current_filters, stop_page
from ui.link_values import accept_ids, keep_id, link_choice
from ui.selection import picked

ds = get_dataset()
f = current_filters()

st.title("What came back")
st.caption("Which proposals persisted from one article to the next: each measure's proposals by year, who made "
           "them and which were never raised again. Raised again means in a later year; the filters apply (choose "
           "an actor in the sidebar to see what it proposed before and after).")
accept_ids("sort", list(SORTS), SORTS.get)  # a link may say sort=persistence
sort = st.segmented_control("Sort within each category", list(SORTS), default="first", key="sort",
                            format_func=SORTS.get, bind="query-params", required=True, help=SORT_HELP)
table = persistence_table(ds, f, sort or "first")
caption = maybe_in_range_caption(ds, f, "proposals")
if caption:
    st.caption(caption)
if table.empty:
    st.info(no_match_message("proposals", f), icon=":material/filter_alt_off:")
    stop_page()

sources = source_list(ds)
st.markdown("\n".join(f"- {md(finding_text(x, sources))}" for x in persistence_findings(ds, f, evidence_for(ds, f))))
phone, _ = phone_or_wide("persistence", wide=False)  # phone width: a list per measure
with phone:
    st.html(persistence_list_html(ds, f, sort or "first"))

proposals = persistence_proposals(ds, f)
labels = dict(zip(proposals["id"], proposals["date_label"] + " · " + proposals["holder"] + ": "
                  + proposals["measure_name"], strict=True))


@st.fragment
def chart_and_evidence(fig) -> None:
    """The chart, the picker and the evidence: a click on a mark reruns only this part (same figure object)."""
    with wide_container("persistence"):
        st.caption("Each mark is one proposal in the year it was made (in date order within the year; hover for its "
                   "date at its precision). ● own call, ○ reported, ★ endorses another's, ◇ expects it; colour: the "
                   "holder's country. Green rows were raised again in a later year, red rows were not.")
        chart = st.plotly_chart(fig, key="persistence_chart", on_select="rerun", selection_mode="points",
                                config=chart_config("persistence", f))
    csv_button(persistence_rows(ds, table), "persistence", f, label="Download the measures (CSV)")
    clicked = picked(chart.selection if chart else None)
    if clicked in labels and clicked != st.session_state.get("persistence_last_click"):
        st.session_state["opened"] = clicked  # a new click drives the picker, so both agree
    st.session_state["persistence_last_click"] = clicked
    if st.session_state.get("opened") not in labels:  # the filters no longer show it
        st.session_state.pop("opened", None)
    chosen = st.selectbox("Proposal", list(labels), format_func=labels.get, key="opened",
                          index=link_choice("opened", list(labels), labels.get),  # a link: its id (or label)
                          placeholder="Click a mark above, or pick a proposal here")
    keep_id("opened", chosen)  # ?opened=<proposal id>
    render_evidence_panel(ds, chosen, f.sources)


chart_and_evidence(persistence_figure(ds, f, "screen", sort or "first"))
