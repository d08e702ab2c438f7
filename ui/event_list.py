"""The phone-width switch, the coloured event list and the may-be-in-range list, shared by the pages."""

from __future__ import annotations

import streamlit as st

from strait_watch.core.html import render
from strait_watch.core.text import literal_cells
from strait_watch.views.timeline import event_list_html, maybe_in_range_note, maybe_in_range_rows


def phone_switch(*keys: str) -> None:
    """The CSS behind phone_or_wide: for each key, `<key>_phone` shown only below 640 px, `<key>_wide` only above."""
    st.html(render("phone_switch.html.j2", keys=keys))


def phone_or_wide(key: str, wide: bool = True):
    """Two keyed containers, `<key>_phone` shown only below 640 px and `<key>_wide` only above (CSS: both are sent,
    one is shown, so a phone never gets an unreadable chart and a desk never gets the long list). With
    `wide=False` only the phone one (a fragment makes its own `wide_container(key)`: widgets inside a fragment
    cannot go into a container made outside it)."""
    phone_switch(key)
    return st.container(key=f"{key}_phone"), (wide_container(key) if wide else None)


def wide_container(key: str):
    """The `<key>_wide` container of phone_or_wide (shown above 640 px)."""
    return st.container(key=f"{key}_wide")


def render_event_list(events, lanes: str = "category", actor_names=None, lane_events=None) -> None:
    """components.event_list.event_list_html into the page (escaped HTML, no script)."""
    html = event_list_html(events, lanes, actor_names, lane_events)
    if html:
        st.html(html)


def show_maybe_in_range(maybe) -> None:
    """The events that only may fall in the dates: said and listed apart, never drawn as if they happened in them."""
    if len(maybe):
        st.caption(maybe_in_range_note(maybe))
        with st.expander(f"May also fall in these dates ({len(maybe)})", icon=":material/help:"):
            st.table(literal_cells(maybe_in_range_rows(maybe)), hide_index=True, border="horizontal")
