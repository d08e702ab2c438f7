"""The medium a page draws (phone or wide, learnt from the browser), the coloured event list and the
may-be-in-range list, shared by the pages."""

from __future__ import annotations

import streamlit as st

from strait_watch.core.html import render
from strait_watch.core.text import literal_cells
from strait_watch.views.timeline import event_list_html, maybe_in_range_note, maybe_in_range_rows
from ui.static_component import static_component

PHONE_PX = 640  # the phone line of every page (the CSS of phone_switch and static/viewport use the same)
VIEWPORT = "viewport"  # session key: {"width": px, "touch": bool} once the browser said (kept across pages)
_PROBE = "sw_viewport"


def _remember_viewport() -> None:
    said = st.session_state.get(_PROBE) or {}
    said = said.get("viewport") if hasattr(said, "get") else None
    if said and said.get("width"):
        st.session_state[VIEWPORT] = {"width": int(said["width"]), "touch": bool(said.get("touch"))}


def viewport() -> dict | None:
    """What the browser said of its window ({"width", "touch"}), None before it has (a session's first run)."""
    return st.session_state.get(VIEWPORT)


def medium() -> str:
    """'phone' (a window at most 640 px wide) or 'wide': the one medium this page draws. Until the browser has
    said (a session's first run) the page draws the wide medium for a pointer. The probe (static/viewport) is told
    what was drawn and reports only when its window differs (a phone's first run; a resize or rotation across
    the line), so a desk never pays a second run."""
    seen = viewport()
    phone = bool(seen and seen["width"] <= PHONE_PX)
    static_component("sw_viewport", "viewport")(key=_PROBE, data={"phone": phone, "touch": bool(seen and seen["touch"])},
                                                on_viewport_change=_remember_viewport, height=0)
    return "phone" if phone else "wide"


def touch() -> bool:
    """True when the browser said it has no hover (a touch screen): pages say "tap", not "hover"."""
    seen = viewport()
    return bool(seen and (seen["touch"] or seen["width"] <= PHONE_PX))


def phone_switch(*keys: str) -> None:
    """The CSS behind phone_or_wide: for each key, `<key>_phone` shown only below 640 px, `<key>_wide` only above."""
    st.html(render("phone_switch.html.j2", keys=keys))


def phone_or_wide(key: str, wide: bool = True):
    """Two keyed containers, `<key>_phone` shown only below 640 px and `<key>_wide` only above (CSS: both are sent,
    one is shown). For pages that do not ask `medium()` yet (Persistence); with `wide=False` only the phone one
    (a fragment makes its own `wide_container(key)`: widgets inside a fragment cannot go into a container made
    outside it)."""
    phone_switch(key)
    return st.container(key=f"{key}_phone"), (wide_container(key) if wide else None)


def wide_container(key: str):
    """The `<key>_wide` container of phone_or_wide (shown above 640 px)."""
    return st.container(key=f"{key}_wide")


def render_event_list(events, lanes: str = "category", actor_names=None, lane_events=None, *, key: str | None = None,
                      on_pick=None) -> None:
    """views.timeline.event_list_html into the page (escaped HTML). With `key` and `on_pick` (a callback taking an
    event id) a tap, click or Enter on an event calls it before the rerun (static/event_list)."""
    html = event_list_html(events, lanes, actor_names, lane_events, tappable=on_pick is not None)
    if not html:
        return
    if on_pick is None:
        st.html(html)
        return

    def handle() -> None:
        picked = (st.session_state.get(key) or {}).get("picked")
        if picked:
            on_pick(str(picked))

    static_component("strait_watch_event_list", "event_list")(key=key, data={"html": html}, on_picked_change=handle,
                                                               height="content")


def show_maybe_in_range(maybe) -> None:
    """The events that only may fall in the dates: said and listed apart, never drawn as if they happened in them."""
    if len(maybe):
        st.caption(maybe_in_range_note(maybe))
        with st.expander(f"May also fall in these dates ({len(maybe)})", icon=":material/help:"):
            st.table(literal_cells(maybe_in_range_rows(maybe)), hide_index=True, border="horizontal")
