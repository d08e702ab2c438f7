"""Presentation mode: one view per screen, large type, no sidebar or chrome; the URL keeps the slide and filters."""

import streamlit as st

from components import network as nw
from components.briefing import VIEW_LABELS, finding_text, prepare_pack
from components.exports import chart_config
from components.filters import describe_filters
from components.style import escape_markdown as md
from ui.data import get_dataset
from ui.filters import current_filters

ds = get_dataset()
f = current_filters()


@st.cache_data(show_spinner="Preparing the views…", max_entries=8)
def pack_for(version: str, filters, _ds):
    return prepare_pack(_ds, filters)


pack = pack_for(ds.version, f, ds)
# Short, stable labels: Streamlit writes the label into the URL (?slide=Timeline).
slides = {"title": "Title"} | VIEW_LABELS
order = list(slides)


def step(delta: int) -> None:
    i = order.index(st.session_state.get("slide") or order[0])
    st.session_state["slide"] = order[max(0, min(len(order) - 1, i + delta))]


# Hide the sidebar (the filters stay in the URL), Streamlit's header and toolbar; large type.
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stSidebarNav"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1.2rem 2.5rem 1rem !important; max-width: 100% !important; }
.st-key-sw_present h1 { font-size: 3rem; line-height: 1.15; margin: 0 0 .3rem; }
.st-key-sw_present p, .st-key-sw_present li { font-size: 1.6rem; line-height: 1.4; }
.st-key-sw_present [data-testid="stCaptionContainer"] p { font-size: 1.2rem; color: #555; }
</style>""")

with st.container(key="present_nav", horizontal=True, vertical_alignment="center"):
    st.button("Previous", on_click=step, args=(-1,), icon=":material/arrow_back:", shortcut="Left", key="present_prev")
    slide = st.selectbox("Slide", order, format_func=slides.get, key="slide", bind="query-params",
                         label_visibility="collapsed", width=520)
    st.button("Next", on_click=step, args=(1,), icon=":material/arrow_forward:", icon_position="right",
              shortcut="Right", key="present_next")
    st.caption(f"{order.index(slide) + 1} / {len(order)} · ← → keys")
    st.page_link("views/briefing.py", label="Exit", icon=":material/close:")

with st.container(key="sw_present"):
    if slide == "title":
        st.markdown("# Strait Watch briefing\n\nJapan–Taiwan security cooperation")
        st.markdown(f"**Filters:** {md(pack.filters_text)}  \n**Dataset:** {md(pack.version)}")
        st.markdown("\n".join(f"- {md(label)}" for label in pack.sources["label"]))
    else:
        view = next(v for v in pack.views if v.key == slide)
        st.markdown(f"# {md(view.title)}")
        st.caption(f"Filters: {md(describe_filters(f, ds))}")
        chart, notes = st.columns([7, 3])
        with chart:
            if view.key == "network" and view.records:
                st.iframe(nw.render_network_html(pack.graph, positions=pack.positions, asset_base=nw.asset_base_for(
                    st.get_option("server.baseUrlPath") or "")), height=620, alt="Network of proposers and measures")
            elif view.figure is not None:
                fig = view.figure.update_layout(font=dict(size=17), height=max(view.figure.layout.height or 500, 560))
                st.plotly_chart(fig, key=f"present_{view.key}", config=chart_config(view.key, f))
            else:
                st.info(view.empty)
        with notes:
            st.markdown("### Key findings")
            st.markdown("\n".join(f"- {md(finding_text(x, pack.sources))}" for x in view.findings))
