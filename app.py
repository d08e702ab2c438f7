"""Strait Watch: the router. Page config, every page listed, the shared sidebar, then the page."""

import streamlit as st

from ui.data import data_paths, get_dataset
from ui.filters import render_sidebar
from ui.notices import show_corpus_notice

# Every page, in menu order. tests/test_app.py generates its smoke tests from this list.
PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("views/agreements.py", title="Agreements", icon=":material/handshake:"),
    st.Page("views/proposals.py", title="Proposals", icon=":material/hub:"),
    st.Page("views/evidence.py", title="Evidence", icon=":material/format_quote:"),
    st.Page("views/add_article.py", title="Add an article", icon=":material/note_add:"),
    st.Page("views/briefing.py", title="Briefing", icon=":material/slideshow:"),
    st.Page("views/present.py", title="Present", icon=":material/co_present:"),
]

st.set_page_config(page_title="Strait Watch", page_icon="⛵", layout="wide")
pg = st.navigation(PAGES)
ds = get_dataset()
notice = render_sidebar(ds)  # before pg.run(): filters live in the entry file so they survive page switches
show_corpus_notice(ds, data_paths()[1])  # above every page: quotes unchecked when the corpus folder is missing
pg.run()
notice.show()
