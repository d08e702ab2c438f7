"""Evidence: every record with its quotes and sources, searchable, downloadable; and the codebook."""

import streamlit as st

from components.evidence import csv_rows, dataset_codebook, evidence_records, records_html, search_records
from components.filters import describe_filters
from components.style import escape_markdown as md
from ui.data import get_dataset
from ui.exports import csv_button
from ui.filters import current_filters

LIMIT = 200

ds = get_dataset()
f = current_filters()

st.title("Evidence")
table_tab, codebook_tab = st.tabs(["Records and quotes", "Codebook"])

with table_tab:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    query = left.text_input("Search", key="q", bind="query-params",
                            placeholder='Titles, summaries, quotes, actor names and aliases; "exact phrase"')
    kinds = right.multiselect("Record types", ["Event", "Agreement", "Proposal"], key="types")
    records = evidence_records(ds, f)
    if kinds:
        records = records[records["type"].isin(kinds)]
    found = search_records(records, query)
    st.caption(f"{len(found)} of {len(records)} records · {md(describe_filters(f, ds))}")
    if found.empty:
        what = f"“{md(query, 60)}”" if query else "these filters"
        st.info(f"**Nothing matches {what}.** Try fewer words, or loosen the filters in the sidebar.",
                icon=":material/search_off:")
    else:
        csv_button(csv_rows(found), "evidence", f, label="Download these rows (CSV)")
        if len(found) > LIMIT:
            st.caption(f"Showing the first {LIMIT}; the download has all {len(found)}.")
        st.markdown(records_html(found, query, limit=LIMIT), unsafe_allow_html=True)

with codebook_tab:
    st.caption(f"Generated from datapackage.json (version {md(ds.version)}).")
    for heading, table in dataset_codebook(ds):
        st.markdown(f"**{heading}**")
        st.dataframe(table, hide_index=True, width="stretch")
