"""Timeline: the 2021 events by category or actor; click an event for its evidence."""

import streamlit as st

from strait_watch.core.export import chart_config
from strait_watch.core.filters import actor_names, events_maybe_in_range, filter_events, no_match_message
from strait_watch.views.timeline import (
    FOCUS_YEAR,
    build_timeline_figure,
    date_labels,
    timeline_events,
    timeline_rows,
)
from ui.data import get_dataset
from ui.event_list import medium, render_event_list, show_maybe_in_range
from ui.evidence_panel import render_evidence_panel
from ui.exports import csv_button
from ui.filters import current_filters, stop_page
from ui.link_values import accept_ids
from ui.selection import picked, picked_month
from ui.story import open_event, render_story

FULL_RERUN = "timeline_full_rerun"
on_phone = medium() == "phone"  # one medium per device: a phone gets the list, never the chart
ds = get_dataset()
f = current_filters()
names = actor_names(ds)

st.title("Timeline")
left, mid, right = st.columns([2, 3, 2], vertical_alignment="bottom")
LANES, MODES = {"category": "By category", "actors": "By actor"}, {"chart": "Chart", "story": "Step through"}
accept_ids("lanes", list(LANES), LANES.get)  # a link may say lanes=actors, mode=story
accept_ids("mode", list(MODES), MODES.get)
lanes = left.segmented_control("Lanes", list(LANES), default="category", key="lanes", format_func=LANES.get,
                               bind="query-params", required=True)
dates_set = bool(f.start or f.end)
context = mid.toggle(f"Add the context before {FOCUS_YEAR}", key="context", bind="query-params", disabled=dates_set,
                     help="Events before 2021 that the articles give as background."
                     if not dates_set else "The sidebar's dates decide what is shown.")
mode = right.segmented_control("View", list(MODES), default="chart", key="mode", bind="query-params",
                               format_func=MODES.get, required=True)

filtered = filter_events(ds, f)
maybe = events_maybe_in_range(ds, f)
events = timeline_events(ds, f, include_context=context)  # the one definition (strait_watch/views)


def show_clicked_month() -> None:
    """A click on the density strip sets the sidebar's dates to that month; a click on an event opens it (below)."""
    month = picked_month(st.session_state["timeline_chart"].selection)
    if month:
        st.session_state["from"], st.session_state["to"] = month
        st.session_state[FULL_RERUN] = True  # the sidebar is outside the fragment: rerun the whole page


if events.empty:
    show_maybe_in_range(maybe)
    if filtered.empty:
        st.info(no_match_message("events", f), icon=":material/filter_alt_off:")
    else:
        which = f"The data has no {FOCUS_YEAR} events" if f.is_empty else f"No {FOCUS_YEAR} events match these filters"
        st.info(f"**{which}**, but {len(filtered)} earlier ones do: "
                f"switch on *Add the context before {FOCUS_YEAR}*.", icon=":material/filter_alt_off:")
    stop_page()

show_maybe_in_range(maybe)
url_event = st.query_params.get("event")
if url_event in set(events["id"]) and st.session_state.get("event") != url_event and "event_from_url" not in st.session_state:
    st.session_state["event"] = url_event  # a shared link opens that event (once; then the page drives the URL)
st.session_state["event_from_url"] = True
if mode == "story":
    render_story(ds, events, f.sources)
    stop_page()
fig = None if on_phone else build_timeline_figure(events, lanes=lanes or "category", actor_names=names,
                                                  date_range=(f.start, f.end) if dates_set else None)


def wide_chart(fig, events):
    """The chart and, under it, the events known only to the year (a click on either opens an event below)."""
    with st.container(key="timeline_wide"):
        st.caption(f"{len(events)} events · dots are dated to the day, ◆ marks key events, ●━● spans the days of a "
                   "multi-day event, a bracket ├─┤ an event the text dates only to the month (some time in it); "
                   "events known only to the year are listed under the chart. "
                   "Click an event for its evidence; hover an unlabelled one for its headline.")
        chart = st.plotly_chart(fig, key="timeline_chart", on_select=show_clicked_month, selection_mode="points",
                                config=chart_config("timeline", f))
        year_only = events[events["date_precision"] == "year"]
        if len(year_only):
            st.caption(f"**{len(year_only)} event(s) dated only to the year** (month not given), not drawn on the "
                       "chart; the chip is the colour of its lane:")
            render_event_list(year_only, lanes, names, lane_events=events, key="timeline_year_list",
                              on_pick=open_event)
    return chart


@st.fragment
def chart_and_evidence(fig, events) -> None:
    """The chart, the event picker and the evidence: a click on an event reruns only this part (same figure
    object, so the chart is not redrawn); a click on the density strip changes the sidebar's dates: a full rerun."""
    if st.session_state.pop(FULL_RERUN, False):
        st.rerun()
    chart = None
    if on_phone:  # the events as a list in their lanes' colours; a tap opens one below
        with st.container(key="timeline_phone"):
            st.caption(f"{len(events)} events, month by month; ◆ marks key events, the chip is the colour of the "
                       "lane. Tap an event for its evidence.")
            render_event_list(events, lanes, names, key="timeline_list", on_pick=open_event)
    else:
        chart = wide_chart(fig, events)
    csv_button(timeline_rows(events, ds), "timeline", f, label="Download these events (CSV)")

    ids = events.sort_values("date_start")["id"].tolist()
    labels = dict(zip(events["id"], date_labels(events) + " — " + events["title"], strict=True))
    clicked = picked(chart.selection if chart else None)
    if clicked in labels and clicked != st.session_state.get("timeline_last_click"):
        st.session_state["event"] = clicked  # a new click drives the picker, so both agree
    st.session_state["timeline_last_click"] = clicked
    chosen = st.selectbox("Event", ids, format_func=labels.get, key="event", index=None,
                          placeholder="Click an event above, or pick one here",
                          filter_mode="contains")  # typed words as they are, not a fuzzy subsequence (issue 28)
    if chosen:
        st.query_params["event"] = chosen
    elif "event" in st.query_params:
        del st.query_params["event"]
    render_evidence_panel(ds, chosen, f.sources, open_event=open_event)


chart_and_evidence(fig, events)
