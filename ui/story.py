"""Story mode ("Step through"): the shown events one card at a time, Previous/Next, a mini timeline, `event=` in the URL."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from strait_watch.briefing.model import BRIEF_KEYS
from strait_watch.core import dates
from strait_watch.core.html import render
from strait_watch.core.style import category_color
from strait_watch.core.text import escape_html
from strait_watch.core.text import escape_markdown as md
from strait_watch.views.timeline import axis_range, date_labels, dated_then_year_only
from ui.evidence_panel import render_evidence_panel

EVENTS_KEY = BRIEF_KEYS["events"]  # the Briefing page's single-event slides (ui/brief.py)


def open_event(event_id: str) -> None:
    """Callback: show that event's card (story mode) and evidence (chart mode); the URL keeps it."""
    st.session_state["event"] = event_id
    st.query_params["event"] = event_id


def _add_to_briefing(event_id: str) -> None:
    """Callback: the card's event becomes a single-event slide of the briefing (the Briefing page's picker)."""
    chosen = list(st.session_state.get(EVENTS_KEY) or st.query_params.get_all(EVENTS_KEY))
    st.session_state[EVENTS_KEY] = chosen + ([event_id] if event_id not in chosen else [])


def _step(ids: list[str], by: int) -> None:
    current = st.session_state.get("event")
    i = ids.index(current) if current in ids else -1
    open_event(ids[max(0, min(len(ids) - 1, i + by))])


def _mini_timeline(events, current: str) -> go.Figure:
    """One row of marks, the current card's larger and outlined: where the card sits in the sequence."""
    ordered = dates.sort_by_date(events[events["date_precision"] != "year"])  # a year is not a point on it
    mid = ordered["date_start"] + (ordered["date_end"] - ordered["date_start"]) / 2
    is_me = (ordered["id"] == current).to_numpy()
    fig = go.Figure(go.Scatter(
        x=mid, y=[0] * len(ordered), mode="markers", hovertemplate="%{customdata}<extra></extra>",
        customdata=[escape_html(t) for t in ordered["title"]],
        marker=dict(size=[18 if m else 8 for m in is_me], color=[category_color(c) for c in ordered["category"]],
                    line=dict(color=["#222" if m else "white" for m in is_me], width=2))))
    fig.update_layout(height=90, margin=dict(l=10, r=10, t=5, b=25), plot_bgcolor="white", showlegend=False,
                      yaxis=dict(visible=False, fixedrange=True),
                      xaxis=dict(type="date", fixedrange=True, range=list(axis_range(ordered))))  # padded: no mark cut
    return fig




@st.fragment
def render_story(ds, events, sources: tuple[str, ...]) -> None:
    """The card of the selected event (the first one when none is), in date order; reruns only this fragment."""
    ordered = dated_then_year_only(events)
    ids = ordered["id"].tolist()
    if st.session_state.get("event") not in ids:
        st.session_state["event"] = ids[0]
    current = st.session_state["event"]
    i = ids.index(current)
    labels = dict(zip(ids, date_labels(ordered), strict=True))
    prev, where, nxt = st.columns([1, 4, 1], vertical_alignment="center")
    prev.button("← Previous", on_click=_step, args=(ids, -1), disabled=i == 0, key="story_prev", width="stretch")
    where.markdown(f"**{i + 1} of {len(ids)}** · {md(labels[current])}")
    nxt.button("Next →", on_click=_step, args=(ids, 1), disabled=i == len(ids) - 1, key="story_next", width="stretch")
    st.html(render("story_keys.html.j2"), unsafe_allow_javascript=True)  # ← → step the cards
    st.caption("← → keys step through the cards.")
    st.plotly_chart(_mini_timeline(ordered, current), key="story_mini", config={"displayModeBar": False})
    chosen = list(st.session_state.get(EVENTS_KEY) or [])
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("Add to the briefing", icon=":material/add_to_queue:", key="story_add", on_click=_add_to_briefing,
                  args=(current,), disabled=current in chosen, help="A slide of its own in the deck, the HTML pack and Present mode.")
        if chosen:
            st.page_link("app_pages/briefing.py", label=f"Briefing ({len(chosen)} event slide(s))", icon=":material/slideshow:",
                         query_params={EVENTS_KEY: chosen})
    render_evidence_panel(ds, current, sources, open_event=open_event, reveal_key="story_reveal")
