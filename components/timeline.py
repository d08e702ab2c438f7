"""The events timeline: one lane per category (or actor), a monthly density strip, key events labelled.

Day-dated events are dots; events known only to the month or year, and multi-day events, are bars
over their whole span, so a reader never mistakes "March 2021" for 1 March.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.style import EVENT_CATEGORY_COLORS, NEUTRAL, category_color, humanize

OTHER_ACTORS = "Other actors"
_WEBGL_FROM = 2000  # points; SVG gets slow beyond this (see RECIPES.md)
_MAX_LABELS = 25


def date_label(row) -> str:
    """'12 Jan 2021', '3–6 Jul 2021', 'Mar 2021 · month only', '2021 · year only'; '· inferred' when the text implies it."""
    start, end = row["date_start"], row["date_end"]
    precision = row["date_precision"]
    if precision == "year" and start.year == end.year:
        text = f"{start.year} · year only"
    elif precision == "month" and (start.year, start.month) == (end.year, end.month):
        text = f"{start:%b %Y} · month only"
    elif start == end:
        text = f"{start.day} {start:%b %Y}"
    elif start.year == end.year and start.month == end.month:
        text = f"{start.day}–{end.day} {start:%b %Y}"
    else:
        text = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if row.get("date_basis") == "inferred":
        text += " · inferred"
    return text


def is_span(row) -> bool:
    """True when the event is drawn as a bar: not a single known day."""
    return row["date_precision"] != "day" or row["date_end"] != row["date_start"]


def _esc(text: str) -> str:
    return html.escape(str(text), quote=False)


def _lane_rows(events: pd.DataFrame, lanes: str, actor_names: dict[str, str], max_lanes: int) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane) and the lane order, top to bottom."""
    if lanes == "actors":
        rows = events.explode("actors").dropna(subset=["actors"])
        counts = rows["actors"].value_counts()
        top = list(counts.index[:max_lanes])
        rows = rows.assign(lane=rows["actors"].map(lambda a: actor_names.get(a, a) if a in top else OTHER_ACTORS))
        rows = rows.drop_duplicates(subset=["id", "lane"])
        order = [actor_names.get(a, a) for a in top] + ([OTHER_ACTORS] if (rows["lane"] == OTHER_ACTORS).any() else [])
        return rows, order
    known = [c for c in EVENT_CATEGORY_COLORS if (events["category"] == c).any()]
    extra = sorted(set(events["category"]) - set(known))
    rows = events.assign(lane=events["category"].map(humanize))
    return rows, [humanize(c) for c in known + extra]


def monthly_density(events: pd.DataFrame) -> pd.DataFrame:
    """Events per month (day- and month-dated events; a year-dated event belongs to no month)."""
    dated = events[events["date_precision"] != "year"]
    months = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    counts = months.value_counts().sort_index()
    return pd.DataFrame({"month": counts.index, "events": counts.values})


def build_timeline_figure(
    events: pd.DataFrame,
    lanes: str = "category",
    actor_names: dict[str, str] | None = None,
    max_lanes: int = 15,
    label_key_events: bool = True,
) -> go.Figure:
    """Plotly timeline of `events` (a filtered `Dataset.events`). Every mark carries the event id in customdata[0]."""
    actor_names = actor_names or {}
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.84, 0.16], vertical_spacing=0.04)
    if events.empty:
        return fig
    rows, order = _lane_rows(events, lanes, actor_names, max_lanes)
    rows = rows.reset_index(drop=True)  # exploded actor lanes repeat the index
    rows = rows.assign(
        span=rows.apply(is_span, axis=1),
        when=rows.apply(date_label, axis=1),
        who=rows["actors"].map(lambda ids: ", ".join(actor_names.get(a, a) for a in ids)) if lanes != "actors"
        else rows["id"].map(events.set_index("id")["actors"]).map(lambda ids: ", ".join(actor_names.get(a, a) for a in ids)),
    )
    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra>%{customdata[4]}</extra>"
    scatter = go.Scattergl if len(rows) >= _WEBGL_FROM else go.Scatter
    categories = [c for c in list(EVENT_CATEGORY_COLORS) + sorted(set(rows["category"]) - set(EVENT_CATEGORY_COLORS))
                  if (rows["category"] == c).any()]
    custom = pd.Series(list(zip(rows["id"], rows["title"].map(_esc), rows["when"], rows["who"].map(_esc),
                                rows["category"].map(humanize))), index=rows.index)
    # Spans first, points after, so a day-dated dot is never hidden under a year-long bar.
    for category in categories:
        spans = rows[(rows["category"] == category) & rows["span"]]
        if spans.empty:
            continue
        color = category_color(category)
        year_only = (spans["date_precision"] == "year").tolist()
        # A bar from the first to the last possible day (+1 day so a span ends at the day's end).
        width_ms = (spans["date_end"] - spans["date_start"] + pd.Timedelta(days=1)).dt.total_seconds() * 1000
        fig.add_trace(go.Bar(
            y=spans["lane"], x=width_ms, base=spans["date_start"], orientation="h", name=humanize(category),
            legendgroup=category, showlegend=False, customdata=custom[spans.index].tolist(), hovertemplate=hover,
            # Year-only spans are thin and faint: they say "some time this year", not "all year long".
            width=[0.16 if y else 0.5 for y in year_only],
            marker=dict(color=color, opacity=[0.3 if y else 0.45 for y in year_only], line=dict(color=color, width=1)),
        ), row=1, col=1)
    for category in categories:
        points = rows[(rows["category"] == category) & ~rows["span"]]
        color = category_color(category)
        if len(points):
            fig.add_trace(scatter(
                y=points["lane"], x=points["date_start"], mode="markers", name=humanize(category), legendgroup=category,
                showlegend=False, customdata=custom[points.index].tolist(), hovertemplate=hover,
                marker=dict(color=color, size=points["key"].map({True: 15, False: 10}).tolist(),
                            symbol=points["key"].map({True: "diamond", False: "circle"}).tolist(),
                            line=dict(color="white", width=1)),
            ), row=1, col=1)
        # One uniform legend entry per category (the real marks differ in shape and size).
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=humanize(category), legendgroup=category,
                                 marker=dict(color=color, size=10, symbol="square")), row=1, col=1)
    if label_key_events:
        _label_key_events(fig, rows)
    density = monthly_density(events)
    fig.add_trace(go.Bar(
        x=density["month"] + pd.Timedelta(days=14), y=density["events"], name="Events per month", showlegend=False,
        marker=dict(color=NEUTRAL), hovertemplate="%{x|%b %Y}: %{y} events<extra></extra>",
    ), row=2, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)), row=1, col=1, gridcolor="#eee")
    fig.update_yaxes(title_text="per<br>month", title_font_size=11, row=2, col=1, rangemode="tozero", nticks=3)
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eee")
    fig.update_layout(
        height=140 + 42 * max(len(order), 3), barmode="overlay", bargap=0.3, clickmode="event+select",
        margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white", hovermode="closest", dragmode="pan",
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, title_text=""),
    )
    return fig


def _label_key_events(fig: go.Figure, rows: pd.DataFrame) -> None:
    key = rows[rows["key"]].drop_duplicates("id").sort_values("date_start").head(_MAX_LABELS)
    for i, row in enumerate(key.itertuples()):
        mid = row.date_start + (row.date_end - row.date_start) / 2
        title = row.title if len(row.title) <= 34 else row.title[:32] + "…"
        fig.add_annotation(
            x=mid, y=row.lane, text=_esc(title), showarrow=True, arrowhead=0, arrowcolor="#888",
            ax=0, ay=(-24, 24, -40, 40)[i % 4],  # four heights so neighbouring labels do not collide font=dict(size=11, color="#333"),
            bgcolor="rgba(255,255,255,0.85)", row=1, col=1,
        )


def selected_event_id(selection) -> str | None:
    """The event id of the first selected mark in a Streamlit plotly selection state (None when nothing is picked)."""
    points = (selection or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            return str(custom[0])
        if isinstance(custom, str):
            return custom
    return None
