"""Evidence: every record with its quotes and sources, newest first, searchable, downloadable; and the codebook."""

import streamlit as st

from strait_watch.core.filters import describe_filters
from strait_watch.core.support import sources_per_record
from strait_watch.core.text import escape_markdown as md
from strait_watch.views.evidence import (
    csv_rows,
    dataset_codebook,
    evidence_records,
    records_grid,
    records_html,
    search_records,
)
from ui.data import get_dataset
from ui.exports import csv_button
from ui.filters import current_filters

GRID_HEIGHT = 420  # px: the table scrolls inside itself, so the page stays short on every screen

ds = get_dataset()
f = current_filters()

st.title("Evidence")
table_tab, codebook_tab = st.tabs(["Records and quotes", "Codebook"])

with table_tab:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    query = left.text_input("Search", key="q", bind="query-params",
                            placeholder='Titles, summaries, quotes, actor names and aliases; "exact phrase"')
    kinds = right.multiselect("Record types", ["Event", "Agreement", "Proposal", "Statistic"], key="types")
    records = evidence_records(ds, f)
    if kinds:
        records = records[records["type"].isin(kinds)]
    found = search_records(records, query).reset_index(drop=True)
    st.caption(md(f"{len(found)} of {len(records)} records, newest first · {describe_filters(f, ds)}"))
    if found.empty:
        what = f"“{md(query, 60)}”" if query else "these filters"
        st.info(f"**Nothing matches {what}.** Try fewer words, or loosen the filters in the sidebar.",
                icon=":material/search_off:")
    else:
        picked = st.dataframe(
            records_grid(found, sources_per_record(ds.evidence)), hide_index=True, height=min(GRID_HEIGHT, 35 * (len(found) + 1) + 3), width="stretch", key="evidence_grid",
            on_select="rerun", selection_mode="single-row",
            column_order=["Title", "Date", "Type", "Sources", "Actors", "Quotes", "First quote"],  # the title first, on a phone too
            column_config={"Title": st.column_config.TextColumn(width="large"),
                           "Type": st.column_config.TextColumn(width="medium"),
                           "First quote": st.column_config.TextColumn(width="large"),
                           "Quotes": st.column_config.NumberColumn(width="small"),
                           "Sources": st.column_config.TextColumn(width="small", help="Distinct articles quoting the record")})
        csv_button(csv_rows(found), "evidence", f, label="Download these records (CSV, one quote per row)",
                   search=query)
        rows = picked.selection.rows if picked else []
        row = rows[0] if rows and rows[0] < len(found) else 0
        st.caption("Select a row for its quotes and sources." if not rows else "The selected record:")
        st.markdown(records_html(found.iloc[[row]], query, limit=1), unsafe_allow_html=True)

with codebook_tab:
    st.caption(f"Generated from datapackage.json (version {md(ds.version)}).")
    for heading, table in dataset_codebook(ds):
        st.markdown(f"**{heading}**")
        st.dataframe(table, hide_index=True, width="stretch")
