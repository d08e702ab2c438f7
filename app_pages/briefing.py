"""Briefing: choose and order the slides, set the deck's words and marking (all in the URL), build the
PowerPoint and the offline HTML pack, open Present mode on the same slides."""

import streamlit as st

from strait_watch.briefing.findings import finding_text, key_findings
from strait_watch.briefing.model import brief_to_query, source_list
from strait_watch.core.export import export_filename
from strait_watch.core.filters import describe_filters
from strait_watch.core.links import filters_to_query
from strait_watch.core.text import escape_markdown as md
from ui.brief import brief_form, cached_packs
from ui.data import get_dataset
from ui.filters import current_filters

BUILT = "briefing_built"  # this page's own state: which (filters, brief) the user asked to build — small, no bytes

ds = get_dataset()
f = current_filters()

st.title("Briefing")
st.caption("Choose the slides and their order, then build a PowerPoint deck (title slide, one slide per view with its "
           "key findings, sources and the quotes in the speaker notes) and the same slides as one HTML file that opens "
           "offline. Present mode shows the same slides full screen. The choices are part of the link.")
st.markdown(f"**Filters:** {md(describe_filters(f, ds))}  \n**Dataset:** {md(ds.version)}")

brief = brief_form(ds, f)
left, right = st.columns([1, 2], vertical_alignment="center")
if left.button("Build the briefing pack", type="primary", icon=":material/slideshow:", key="build_pack"):
    st.session_state[BUILT] = (ds.version, f, brief)
right.page_link("app_pages/present.py", label="Present these slides full screen", icon=":material/co_present:",
                query_params=filters_to_query(f, ds) | brief_to_query(brief))

if st.session_state.get(BUILT) == (ds.version, f, brief):
    with st.spinner("Building the pack (charts are drawn on the server; the first build starts a browser)…"):
        try:
            built, at = cached_packs(ds, f, brief)
        except Exception as err:
            built = None
            st.error(f"The pack could not be built: {type(err).__name__}: {md(str(err))}", icon=":material/error:")
    if built is not None:
        s = built.seconds
        st.success(f"Built at {at:%H:%M:%S} in **{s['total']:.1f} s** (views and findings {s['prepare']:.1f} s · "
                   f"PowerPoint with chart images {s['pptx']:.1f} s · HTML {s['html']:.1f} s).", icon=":material/check_circle:")
        for note in built.image_notes:
            st.warning(f"Some slides carry a note instead of a chart image: {md(note)}", icon=":material/image_not_supported:")
        c1, c2 = st.columns(2)
        c1.download_button("Download PowerPoint (.pptx)", built.pptx, file_name=export_filename("briefing", f, "pptx"),
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           on_click="ignore", icon=":material/download:", key="download_pptx", width="stretch")
        c2.download_button("Download HTML (offline)", built.html, file_name=export_filename("briefing", f, "html"),
                           mime="text/html", on_click="ignore", icon=":material/download:", key="download_html", width="stretch")
        st.caption(f"PowerPoint {len(built.pptx) / 1e6:.1f} MB · HTML {len(built.html.encode()) / 1e6:.1f} MB "
                   "(plotly.js and vis-network are inside it, so it needs no internet).")
elif st.session_state.get(BUILT):
    st.info("The filters or slide choices have changed since the last build: build again to follow them.",
            icon=":material/update:")

st.header("Key findings under these filters")
sources = source_list(ds)
titles = {"timeline": "Timeline", "agreements": "Agreements", "proposals": "Proposals", "persistence": "What came back"}
columns = st.columns(len(titles))
for col, (section, findings) in zip(columns, key_findings(ds, f).items(), strict=True):
    with col:
        st.markdown(f"**{titles[section]}**")
        st.markdown("\n".join(f"- {md(finding_text(x, sources))}" for x in findings))
with st.expander("Sources cited as [n]"):
    st.markdown("\n".join(f"- {md(label)}" for label in sources["label"]))
