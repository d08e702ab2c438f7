"""Overview: the story of 2021 at a glance, each part linking to the page that details it."""

import streamlit as st

from strait_watch.core.export import chart_config
from strait_watch.core.filters import events_maybe_in_range, no_match_message
from strait_watch.core.text import count_word, literal_cells
from strait_watch.views.overview import (
    build_month_category_figure,
    compact_coverage,
    counts_by_month_category,
    density_note,
    headline_counts,
    headline_scope,
    latest_events,
    most_active_actors,
    source_coverage,
)
from strait_watch.views.timeline import FOCUS_YEAR, timeline_events
from ui.data import get_dataset
from ui.event_list import medium, render_event_list, show_maybe_in_range
from ui.exports import csv_button
from ui.filters import current_filters
from ui.selection import picked_month

on_phone = medium() == "phone"  # one medium per device (the first run, width unknown, draws the wide one)
ds = get_dataset()
f = current_filters()
events = timeline_events(ds, f)  # the Timeline's events (strait_watch/views)
scope = "in the chosen dates" if (f.start or f.end) else f"in {FOCUS_YEAR}"

st.title("Strait Watch")
st.caption(f"Japan–Taiwan security cooperation, from {count_word(len(ds.sources))} articles read closely. "
           "Every record carries a verbatim quote.")

counts = headline_counts(ds, f)
st.caption(f"In the data, {headline_scope(f)}, under the filters:")
for col, (label, value) in zip(st.columns(len(counts)), counts.items(), strict=True):
    col.metric(label, value, help=f"{label} in the data, {headline_scope(f)}, under the sidebar's filters.")


def show_clicked_month() -> None:
    """A click on a month bar sets the sidebar's dates to that month (the URL follows)."""
    month = picked_month(st.session_state["overview_months"].selection)
    if month:
        st.session_state["from"], st.session_state["to"] = month


st.header(f"Events per month {scope}")
if events.empty:
    st.info(no_match_message("events", f), icon=":material/filter_alt_off:")
else:
    if on_phone:  # the events month by month as a list, not the chart
        with st.container(key="overview_phone"):
            render_event_list(events)
    else:
        figure = build_month_category_figure(events, None if (f.start or f.end) else FOCUS_YEAR)
        st.container(key="overview_wide").plotly_chart(figure, key="overview_months", on_select=show_clicked_month,
                                                       config=chart_config("events-per-month", f),
                                                       selection_mode="points")
    csv_button(counts_by_month_category(events), "events-per-month", f, label="Download the monthly counts (CSV)")
    year_only = int((events["date_precision"] == "year").sum())
    st.caption(density_note(events) + (f" {year_only} event(s) dated only to the year are not in any month." if year_only else ""))
show_maybe_in_range(events_maybe_in_range(ds, f))
st.page_link("app_pages/timeline.py", label="Open the timeline", icon=":material/timeline:")

# Static tables, not data grids: a few rows each, and a grid costs the browser far more to redraw on every filter change.
left, right = st.columns(2)
with left:
    st.header(f"Most active actors {scope}")
    st.table(literal_cells(most_active_actors(events, ds.actors)), hide_index=True, border="horizontal")
with right:
    st.header(f"Latest events {scope}")
    st.table(literal_cells(latest_events(events)), hide_index=True, border="horizontal")
st.page_link("app_pages/timeline.py", label="See them on the timeline, by actor", icon=":material/group:")

st.header("Coverage per source")
coverage = source_coverage(ds, f)
if on_phone:  # eight columns do not fit a phone: two there
    st.container(key="coverage_phone").table(literal_cells(compact_coverage(coverage)), hide_index=True,
                                             border="horizontal")
else:
    st.container(key="coverage_wide").table(literal_cells(coverage), hide_index=True, border="horizontal")
c1, c2, c3 = st.columns(3)
c1.page_link("app_pages/evidence.py", label="Read the quotes", icon=":material/format_quote:")
c2.page_link("app_pages/agreements.py", label="Agreements", icon=":material/handshake:")
c3.page_link("app_pages/proposals.py", label="Proposals", icon=":material/hub:")
