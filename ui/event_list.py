"""The phone-width switch and the coloured event list, shared by the Timeline and the Overview."""

from __future__ import annotations

import streamlit as st

from components.event_list import event_list_html


def phone_or_wide(key: str, wide: bool = True):
    """Two keyed containers, `<key>_phone` shown only below 640 px and `<key>_wide` only above (CSS: both are sent,
    one is shown, so a phone never gets an unreadable chart and a desk never gets the long list). With
    `wide=False` only the phone one (a fragment makes its own `wide_container(key)`: widgets inside a fragment
    cannot go into a container made outside it)."""
    st.html(f"<style>.st-key-{key}_phone{{display:none}}@media (max-width:640px){{.st-key-{key}_wide{{display:none}}"
            f".st-key-{key}_phone{{display:block}}}}</style>")
    return st.container(key=f"{key}_phone"), (wide_container(key) if wide else None)


def wide_container(key: str):
    """The `<key>_wide` container of phone_or_wide (shown above 640 px)."""
    return st.container(key=f"{key}_wide")


def render_event_list(events, lanes: str = "category", actor_names=None, lane_events=None) -> None:
    """components.event_list.event_list_html into the page (escaped HTML, no script)."""
    html = event_list_html(events, lanes, actor_names, lane_events)
    if html:
        st.html(html)
