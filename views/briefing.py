"""Briefing: build a PowerPoint and an offline HTML pack from the current filters; open presentation mode."""

import datetime as dt

import streamlit as st

from components.briefing import build_packs, finding_text, key_findings, source_list
from components.exports import export_filename
from components.filters import describe_filters
from components.style import escape_markdown as md
from ui.data import get_dataset
from ui.exports import get_renderer
from ui.filters import current_filters

PACK = "briefing_pack"  # this page's own state: the last pack built (bytes), so downloads survive reruns

ds = get_dataset()
f = current_filters()

st.title("Briefing")
st.caption("One click builds a briefing from what the views show under the current filters: a PowerPoint file "
           "(title, one slide per view with its key findings and sources, an evidence appendix) and the same pack "
           "as one HTML file that opens offline with the charts still interactive.")
st.markdown(f"**Filters:** {md(describe_filters(f, ds))}  \n**Dataset:** {md(ds.version)}")

left, right = st.columns([1, 2], vertical_alignment="center")
if left.button("Build the briefing pack", type="primary", icon=":material/slideshow:", key="build_pack"):
    with st.spinner("Building the pack (charts are drawn on the server; the first build starts a browser)…"):
        try:
            built = build_packs(ds, f, exported_at=dt.datetime.now(), renderer=get_renderer())
            st.session_state[PACK] = {"filters": f, "built": built, "at": dt.datetime.now()}
        except Exception as err:  # noqa: BLE001 - a user never sees a traceback
            st.error(f"The pack could not be built: {type(err).__name__}: {md(str(err))}", icon=":material/error:")
right.page_link("views/present.py", label="Present these views full screen", icon=":material/co_present:")

saved = st.session_state.get(PACK)
if saved:
    built, s = saved["built"], saved["built"].seconds
    if saved["filters"] != f:
        st.warning("The filters have changed since this pack was built; build it again to follow them.",
                   icon=":material/update:")
    st.success(f"Built at {saved['at']:%H:%M:%S} in **{s['total']:.1f} s** (views and findings {s['prepare']:.1f} s · "
               f"PowerPoint with chart images {s['pptx']:.1f} s · HTML {s['html']:.1f} s).", icon=":material/check_circle:")
    for note in built.image_notes:
        st.warning(f"Some slides carry a note instead of a chart image: {md(note)}", icon=":material/image_not_supported:")
    c1, c2 = st.columns(2)
    c1.download_button("Download PowerPoint (.pptx)", built.pptx, file_name=export_filename("briefing", saved["filters"], "pptx"),
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       on_click="ignore", icon=":material/download:", key="download_pptx", width="stretch")
    c2.download_button("Download HTML (offline)", built.html, file_name=export_filename("briefing", saved["filters"], "html"),
                       mime="text/html", on_click="ignore", icon=":material/download:", key="download_html", width="stretch")
    st.caption(f"PowerPoint {len(built.pptx) / 1e6:.1f} MB · HTML {len(built.html.encode()) / 1e6:.1f} MB "
               "(plotly.js and vis-network are inside it, so it needs no internet).")

st.subheader("Key findings under these filters")
sources = source_list(ds)
titles = {"timeline": "Timeline", "agreements": "Agreements", "proposals": "Proposals"}
columns = st.columns(3)
for col, (section, findings) in zip(columns, key_findings(ds, f).items()):
    with col:
        st.markdown(f"**{titles[section]}**")
        st.markdown("\n".join(f"- {md(finding_text(x, sources))}" for x in findings))
with st.expander("Sources cited as [n]"):
    st.markdown("\n".join(f"- {md(label)}" for label in sources["label"]))
