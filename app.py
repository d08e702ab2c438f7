"""Strait Watch: the router. Page config, every page listed, the shared sidebar, then the page."""

import streamlit as st

from ui.data import get_dataset
from ui.filters import render_sidebar

# Every page, in menu order. tests/test_app.py generates its smoke tests from this list.
PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("pages/agreements.py", title="Agreements", icon=":material/handshake:"),
    st.Page("pages/proposals.py", title="Proposals", icon=":material/hub:"),
    st.Page("pages/evidence.py", title="Evidence", icon=":material/format_quote:"),
    st.Page("pages/briefing.py", title="Briefing", icon=":material/slideshow:"),
    st.Page("pages/present.py", title="Present", icon=":material/co_present:"),
]

st.set_page_config(page_title="Strait Watch", page_icon="⛵", layout="wide")
pg = st.navigation(PAGES)
notice = render_sidebar(get_dataset())  # before pg.run(): filters live in the entry file so they survive page switches
pg.run()
notice.show()
