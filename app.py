"""Strait Watch: the router. Page config, every page listed, the shared sidebar, then the page."""

import streamlit as st

from ui.data import data_paths, get_dataset
from ui.filters import render_sidebar
from ui.notices import show_corpus_notice

# Every page, in menu order. tests/test_app.py generates its smoke tests from this list.
PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("app_pages/agreements.py", title="Agreements", icon=":material/handshake:"),
    st.Page("app_pages/proposals.py", title="Proposals", icon=":material/hub:"),
    st.Page("app_pages/persistence.py", title="What came back", icon=":material/history:"),
    st.Page("app_pages/evidence.py", title="Evidence", icon=":material/format_quote:"),
    st.Page("app_pages/reading.py", title="Reading", icon=":material/menu_book:"),
    st.Page("app_pages/add_article.py", title="Add an article", icon=":material/note_add:"),
    st.Page("app_pages/briefing.py", title="Briefing", icon=":material/slideshow:"),
    st.Page("app_pages/present.py", title="Present", icon=":material/co_present:"),
]

st.set_page_config(page_title="Strait Watch", page_icon="⛵", layout="wide")
pg = st.navigation(PAGES)
ds = get_dataset()
notice = render_sidebar(ds)  # before pg.run(): filters live in the entry file so they survive page switches
show_corpus_notice(ds, data_paths()[1])  # above every page: quotes unchecked when the corpus folder is missing
pg.run()
notice.show()
