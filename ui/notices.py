"""Notices every page shows above its own content; app.py calls them before the page runs."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from strait_watch.core.dataset.model import Dataset
from strait_watch.core.text import escape_markdown

CORPUS_NOTICE = "Quotes were not checked against the articles"


def show_corpus_notice(ds: Dataset, corpus: Path) -> None:
    """One quiet line when the corpus folder was missing, so quotes were not checked (every other check ran)."""
    if ds.corpus_checked:
        return
    st.caption(f":material/info: **{CORPUS_NOTICE}**: the corpus folder {escape_markdown(str(corpus))} was not "
               "found. Every other check of the data passed; set `STRAIT_WATCH_CORPUS` to the folder holding the "
               "five articles to check the quotes too.")
