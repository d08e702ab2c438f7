"""A clicked chart record (a matrix cell, a statement) and its evidence panel, with the cell kept in the URL."""

from __future__ import annotations

import streamlit as st

from ui.evidence_panel import render_evidence_panel, reveal_on_pick
from ui.selection import picked


def clicked(chart) -> str | None:
    """The record id of the point clicked on a chart's selection state (None without one)."""
    return picked(chart.selection if chart else None)


def remember_cell(key: str, url_key: str) -> None:
    """on_select of the matrix: the clicked cell goes into the URL (`?cell=<agreement id>`) in the same rerun;
    clearing the selection removes it."""
    record_id = clicked(st.session_state.get(key))
    if record_id:
        st.query_params[url_key] = record_id
    else:
        st.query_params.pop(url_key, None)


def evidence_for(ds, f, record_id, known_ids, url_key: str | None = None,
                 hint: str = "Click a cell to see its evidence.", reveal_key: str = "evidence_reveal") -> None:
    """Open the evidence panel for the clicked record, if it is still in view. With `url_key`, the clicked
    cell is kept in the URL (`?cell=<agreement id>`), a link with one opens its evidence, and one not in view
    leaves the URL (the link notice names it)."""
    if url_key:
        record_id = record_id or st.query_params.get(url_key, "")
    if record_id and record_id in set(known_ids):
        render_evidence_panel(ds, record_id, f.sources, reveal_key=reveal_key)
    else:
        if url_key:
            st.query_params.pop(url_key, None)
        reveal_on_pick(None, reveal_key)  # the page's first draw, so that the first click scrolls to its panel
        st.caption(hint)
