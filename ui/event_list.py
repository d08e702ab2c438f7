"""The phone-width switch and the coloured event list, shared by the Timeline and the Overview."""

from __future__ import annotations

import streamlit as st

from components.event_list import event_list_html


def phone_or_wide(key: str):
    """Two keyed containers, `<key>_phone` shown only below 640 px and `<key>_wide` only above (CSS: both are sent,
    one is shown, so a phone never gets an unreadable chart and a desk never gets the long list)."""
    st.html(f"<style>.st-key-{key}_phone{{display:none}}@media (max-width:640px){{.st-key-{key}_wide{{display:none}}"
            f".st-key-{key}_phone{{display:block}}}}</style>")
    return st.container(key=f"{key}_phone"), st.container(key=f"{key}_wide")


def render_event_list(events, lanes: str = "category", actor_names=None, lane_events=None) -> None:
    """components.event_list.event_list_html into the page (escaped HTML, no script)."""
    html = event_list_html(events, lanes, actor_names, lane_events)
    if html:
        st.html(html)
