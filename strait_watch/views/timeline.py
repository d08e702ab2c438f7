"""The events timeline: one lane per category (or actor), a monthly density strip, key events labelled.

Day-dated events are dots; multi-day events are capsules ●━● from their first to their last day; events known
only to the month are a thin bracket across the month (├───┤, "some time in March"), so a reader never mistakes "March 2021" for
1 March nor for a month-long happening. Events known only to the year are not drawn (listed apart).
"""

from __future__ import annotations

import copy
import functools
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from strait_watch.core import dates, fastfig
from strait_watch.core.filters import (
    Filters,
    actor_names,
    filter_events,
)
from strait_watch.core.html import render
from strait_watch.core.style import EVENT_CATEGORY_COLORS, NEUTRAL, category_color, humanize
from strait_watch.core.support import support_of
from strait_watch.core.text import escape_html

OTHER_ACTORS = "Other actors"
_WEBGL_FROM = 2000  # points; SVG gets slow beyond this (see RECIPES.md)
_LANE_PX = 112  # room for a 3-line label above and one below each lane's marks
_PLOT_PX = 820  # plot width labels are planned for: narrower than the chart at 1440 px wide, so boxes never grow
_CHAR_PX = 6.6  # width of one character at font size 11, generously
_WRAP = 26
_STRIP_PX, _STRIP_GAP_PX = 90, 30  # the density strip's height and the gap above it
_MAX_LINES = 3
_TOP_PX, _LEGEND_PX = 58, 30  # the top margin: the dates above the lanes, and the legend over them


def date_label(row) -> str:
    """'12 Jan 2021', '3–6 Jul 2021', 'Mar 2021 (month only)', '2021 (year inferred from the article)' (components.dates)."""
    return _label(row["date_start"], row["date_end"], row["date_precision"], row.get("date_basis"))


_label = dates.label


def date_labels(events: pd.DataFrame) -> pd.Series:
    """date_label of every row (same index), for tables of many events: no row objects, each distinct date once."""
    # Python datetimes (not Timestamps) are cheap to make in bulk and format the same way.
    starts = events["date_start"].to_numpy().astype("datetime64[us]").tolist()
    ends = events["date_end"].to_numpy().astype("datetime64[us]").tolist()
    basis = events["date_basis"].tolist() if "date_basis" in events.columns else [None] * len(events)
    seen: dict[tuple, str] = {}
    labels = [seen[k] if k in seen else seen.setdefault(k, _label(*k))
              for k in zip(starts, ends, events["date_precision"].tolist(), basis, strict=True)]
    return pd.Series(labels, index=events.index, dtype=object)


def _lane_rows(events: pd.DataFrame, lanes: str, actor_names: dict[str, str], max_lanes: int) -> tuple[pd.DataFrame, list[str]]:
    """One row per (event, lane) and the lane order, top to bottom."""
    if lanes == "actors":
        rows = events.explode("actors").dropna(subset=["actors"])
        counts = rows["actors"].value_counts()
        top = list(counts.index[:max_lanes])
        lane_of = {a: actor_names.get(a, a) for a in top}
        rows = rows.assign(lane=rows["actors"].map(lambda a: lane_of.get(a, OTHER_ACTORS)))
        rows = rows.drop_duplicates(subset=["id", "lane"])
        order = [actor_names.get(a, a) for a in top] + ([OTHER_ACTORS] if (rows["lane"] == OTHER_ACTORS).any() else [])
        return rows, order
    present = set(events["category"])
    known = [c for c in EVENT_CATEGORY_COLORS if c in present]
    extra = sorted(present - set(known))
    rows = events.assign(lane=events["category"].map({c: humanize(c) for c in present}))
    return rows, [humanize(c) for c in known + extra]


def lane_names(events: pd.DataFrame, lanes: str = "category", actor_names: dict[str, str] | None = None,
               max_lanes: int = 15) -> dict[str, list[str]]:
    """{event id: the lanes it sits in on the chart, top to bottom} (its category, or its actor lanes)."""
    if events.empty:
        return {}
    rows, order = _lane_rows(events, lanes, actor_names or {}, max_lanes)
    rank = {lane: i for i, lane in enumerate(order)}
    out: dict[str, list[str]] = {}
    for event_id, lane in sorted(zip(rows["id"], rows["lane"], strict=True), key=lambda p: rank.get(p[1], len(rank))):
        out.setdefault(event_id, []).append(lane)
    return out


def monthly_density(events: pd.DataFrame) -> pd.DataFrame:
    """Events per month (day- and month-dated events; a year-dated event belongs to no month)."""
    dated = events[events["date_precision"] != "year"]
    months = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    counts = months.value_counts().sort_index()
    return pd.DataFrame({"month": counts.index, "events": counts.values})


def busiest_month(events: pd.DataFrame) -> tuple[pd.Timestamp, int, int] | None:
    """(the month, its events, the next busiest month's events) when one month stands out: the only month with
    the most day- or month-dated events, and at least two of them. None otherwise: a tie names no month.

    The one rule for the Overview's caption and the deck's finding (`busiest_month_text`)."""
    density = monthly_density(events)
    if density.empty:
        return None
    counts = density.set_index("month")["events"]
    top = counts[counts == counts.max()]
    if len(top) != 1 or int(top.iloc[0]) < 2:
        return None
    month = top.index[0]
    return month, int(top.iloc[0]), int(counts.drop(month).max()) if len(counts) > 1 else 0


def busiest_month_text(found: tuple[pd.Timestamp, int, int]) -> str:
    """'Busiest month: August 2021 with 5 events (next busiest: 3)' for a `busiest_month` result."""
    month, n, second = found
    return f"Busiest month: {month:%B %Y} with {n} events (next busiest: {second})"


@functools.cache
def _subplots() -> tuple[dict, object, object]:
    """The two-row grid (events over the monthly strip): its axes layout and subplot reference, made once.

    make_subplots costs ~10 ms per call; the grid never changes, so the figure is built from its dict.
    """
    grid = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.84, 0.16], vertical_spacing=0.04)
    axes = {k: v for k, v in grid.layout.to_plotly_json().items() if k != "template"}
    return axes, grid._grid_ref, grid._grid_str


def _hover_data(rows: pd.DataFrame, events: pd.DataFrame, actor_names: dict[str, str]) -> np.ndarray:
    """customdata per drawn row: id, title, date label, every actor of the event, category label (escaped)."""
    category = rows["category"].to_numpy(dtype=object)
    # Every actor of the event, also on an actor lane (ids are unique in events, repeated in exploded rows).
    who_of = {eid: escape_html(", ".join(actor_names.get(a, a) for a in ids))
              for eid, ids in zip(events["id"], events["actors"], strict=True)}
    custom = np.empty((len(rows), 5), dtype=object)
    custom[:, 0] = rows["id"].to_numpy(dtype=object)
    custom[:, 1] = [escape_html(t) for t in rows["title"]]
    custom[:, 2] = date_labels(rows).to_numpy()
    if "support" in rows:  # sources per event (components.support): single-source events are marked
        custom[:, 2] += np.where(rows["support"].to_numpy() == 1, " · single source", "")
    custom[:, 3] = [who_of[i] for i in custom[:, 0]]
    label_of = {c: escape_html(humanize(c)) for c in set(category)}
    custom[:, 4] = [label_of[c] for c in category]
    return custom


_ALONG_POINTS = 7  # hoverable points along a bracket or a multi-day span: its two ends and five inside


def _along(t0, t1, lane, custom) -> tuple:
    """x, y, customdata of _ALONG_POINTS points from t0 to t1 (ms) per event, a gap (None) after each; and the
    mask of the end points, the only ones drawn."""
    n, k = len(lane), _ALONG_POINTS + 1
    x = np.empty((n, k), dtype=object)
    x[:, :-1] = (t0[:, None] + (t1 - t0)[:, None] * np.linspace(0.0, 1.0, _ALONG_POINTS)).astype("datetime64[ms]")
    x[:, -1] = None
    y = np.empty((n, k), dtype=object)
    y[:, :-1], y[:, -1] = lane[:, None], None
    cd = np.empty((n, k, custom.shape[1]), dtype=object)
    cd[:, :-1, :], cd[:, -1, :] = custom[:, None, :], None
    ends = np.zeros(k, dtype=bool)
    ends[[0, _ALONG_POINTS - 1]] = True
    return x.ravel(), y.ravel(), cd.reshape(n * k, -1), ends


def _ms(values) -> np.ndarray:
    return np.asarray(values).astype("datetime64[ms]").astype(np.int64)


def _span_trace(cat: str, kind: str, lane, start, end, key, custom, hover: str, scatter: str, ms_per_px: float) -> dict:
    """Events of one category drawn along their span, in the lane colour, hoverable and clickable all along.

    kind 'month': a bracket ├──┤ from the month's first day to the end of its last: "some time in it". The ticks
    shrink with the bracket (at most 0.6 of its width in px, at least 6 px), so over a decade a month is not an "H".
    kind 'days' (multi-day events): a capsule ●━━● from the first day to the last, where dots of those days would
    sit; a few days collapse into one oblong mark, as a day event is a mark."""
    t0 = _ms(start)
    t1 = _ms(end + np.timedelta64(1, "D")) if kind == "month" else _ms(end)
    x, y, cd, ends = _along(t0, t1, lane, custom)
    color = category_color(cat)
    if kind == "month":
        px = np.clip((t1 - t0) / ms_per_px * 0.6, 6, np.where(key, 18, 14))
        line = dict(color=color, width=2.5)
        marker = dict(symbol="line-ns", color=color, line=dict(color=color, width=2.5))
    else:
        px = np.where(key, 14, 10).astype(float)
        line = dict(color=color, width=6)
        marker = dict(symbol=np.where(key, "diamond", "circle").repeat(len(ends)).tolist(), color=color,
                      line=dict(color="white", width=1))
    marker["size"] = np.where(ends[None, :], px[:, None], 0).ravel().tolist()
    return dict(
        type=scatter, mode="lines+markers", x=x, y=y, customdata=cd, hovertemplate=hover, name=humanize(cat),
        legendgroup=cat, showlegend=False, connectgaps=False, line=line, marker=marker, xaxis="x", yaxis="y")


def _event_traces(rows: pd.DataFrame, custom: np.ndarray, ms_per_px: float) -> list[dict]:
    """Month brackets and multi-day capsules, then day-dated marks, then one legend entry per category."""
    category = rows["category"].to_numpy(dtype=object)
    precision = rows["date_precision"].to_numpy(dtype=object)
    start, end = rows["date_start"].to_numpy(), rows["date_end"].to_numpy()
    month = precision == "month"
    days = ~month & (end != start)  # multi-day events: their days are a real duration
    lane = rows["lane"].to_numpy(dtype=object)
    key = rows["key"].to_numpy(dtype=bool)
    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra>%{customdata[4]}</extra>"
    scatter = "scattergl" if len(rows) >= _WEBGL_FROM else "scatter"
    present = set(category)
    categories = [c for c in list(EVENT_CATEGORY_COLORS) + sorted(present - set(EVENT_CATEGORY_COLORS)) if c in present]
    on_events = dict(xaxis="x", yaxis="y")
    traces: list[dict] = []
    # Spans first, points after, so a day-dated dot is never hidden under a bracket. A span's hover points are a
    # trace of their own: invisible markers of radius 10. Plotly floors a point's hover distance at 1 - 3/radius
    # (0.7 for these, 0.4 for a day dot, 0.6 for a key event's diamond), so on a dot sitting on a bracket the dot
    # wins the click, and anywhere else along the bracket (within 10 px) the bracket's event does.
    hover_along = []
    for kind, along in (("month", month), ("days", days)):
        for cat in categories:
            mask = (category == cat) & along
            if mask.any():
                drawn = _span_trace(cat, kind, lane[mask], start[mask], end[mask], key[mask], custom[mask],
                                    hover, scatter, ms_per_px)
                # Drawn only: no hover, so no customdata (half a span's bytes); hovered and clicked below.
                traces.append({**drawn, "hoverinfo": "skip", "hovertemplate": None, "customdata": None})
                hover_along.append({**drawn, "mode": "markers", "line": None,
                                    "marker": dict(size=20, opacity=0, color=drawn["line"]["color"])})
    for cat in categories:
        mask = (category == cat) & ~days & ~month
        color = category_color(cat)
        if mask.any():
            traces.append(dict(
                type=scatter, y=lane[mask], x=start[mask], mode="markers", name=humanize(cat), legendgroup=cat,
                showlegend=False, customdata=custom[mask], hovertemplate=hover,
                marker=dict(color=color, size=np.where(key[mask], 15, 10).tolist(),
                            symbol=np.where(key[mask], "diamond", "circle").tolist(),
                            line=dict(color="white", width=1)),
                **on_events))
        # One uniform legend entry per category (the real marks differ in shape and size).
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=humanize(cat), legendgroup=cat,
                           marker=dict(color=color, size=10, symbol="square"), **on_events))
    return traces + hover_along


def _density_trace(density: pd.DataFrame) -> dict:
    return dict(
        type="bar", x=density["month"] + pd.Timedelta(days=14), y=density["events"], name="Events per month",
        width=24 * 86400 * 1000, showlegend=False, marker=dict(color=NEUTRAL),
        customdata=density["month"].dt.strftime("%Y-%m").to_numpy(dtype=object),
        hovertemplate="%{x|%b %Y}: %{y} events (click to show that month)<extra></extra>", xaxis="x2", yaxis="y2")


_TOP_ROOM = 0.3  # lanes of room above the top lane, so its labels above are not cut by the plot's edge


def _lay_out(layout: dict, order: list[str], density: pd.DataFrame, x0, x1, labelled: bool = False) -> None:
    """Lanes top to bottom in `order`, the density strip's readable scale, both x axes on [x0, x1]; `labelled`:
    room above the top lane for its labels."""
    layout["yaxis"].update(categoryorder="array", categoryarray=list(reversed(order)), gridcolor="#eee")
    room = _TOP_ROOM if labelled else 0.0
    if labelled:
        layout["yaxis"].update(range=[-0.5, len(order) - 0.5 + room], autorange=False)
    peak = int(density["events"].max()) if len(density) else 1
    layout["yaxis2"].update(title=dict(text="per<br>month", font=dict(size=11)), range=[0, peak * 1.15 + 0.5],
                            tickvals=sorted({0, peak}), fixedrange=True)
    for axis in ("xaxis", "xaxis2"):
        layout[axis].update(type="date", showgrid=True, gridcolor="#eee", range=[x0, x1])
    # The dates also above the lanes: at 1440×900 the strip's axis at the bottom is below the fold.
    layout["xaxis"].update(showticklabels=True, side="top")
    height = round(200 + _LANE_PX * (max(len(order), 2) + room))
    # the strip keeps ~90 px whatever the number of lanes (a share of the height would give it 300 px by actor)
    strip = _STRIP_PX / (height - 40)
    layout["yaxis2"].update(domain=[0, strip])
    layout["yaxis"].update(domain=[strip + _STRIP_GAP_PX / (height - 40), 1])
    layout.update(
        height=height, barmode="overlay", bargap=0.3, clickmode="event+select",
        margin=dict(l=10, r=10, t=_TOP_PX, b=10), plot_bgcolor="white", hovermode="closest", dragmode="pan",
        # the legend above the top dates (in the margin: _TOP_PX - _LEGEND_PX for the dates)
        legend=dict(orientation="h", yanchor="bottom", y=1 + (_TOP_PX - _LEGEND_PX) / (height - _TOP_PX - 10), x=0,
                    title=dict(text="")),
    )


def build_timeline_figure(
    events: pd.DataFrame,
    lanes: str = "category",
    actor_names: dict[str, str] | None = None,
    max_lanes: int = 15,
    label_key_events: bool = True,
    date_range: tuple | None = None,
) -> go.Figure:
    """Plotly timeline of `events` (a filtered `Dataset.events`). Every mark carries the event id in customdata[0].

    Year-only events are left out (the page lists them: components.event_list); the axis shows `date_range` (the filter's dates) or
    the drawn events' span, padded."""
    actor_names = actor_names or {}
    axes, grid_ref, grid_str = _subplots()
    layout = copy.deepcopy(axes)
    if events.empty:
        return fastfig.figure([], layout, _grid_ref=grid_ref, _grid_str=grid_str)
    rows, order = _lane_rows(events, lanes, actor_names, max_lanes)
    # Lane names are the axis's tick labels, which plotly draws as HTML: an actor's name is text, so escaped.
    rows = rows.assign(lane=rows["lane"].map(escape_html))
    order = [escape_html(lane) for lane in order]
    # Year-only events are never drawn as lane-wide bars: the page lists them apart ("2021, month not given").
    rows = rows[rows["date_precision"] != "year"].reset_index(drop=True)  # exploded actor lanes repeat the index
    order = [lane for lane in order if lane in set(rows["lane"])]  # a lane of year-only events only is not drawn
    density = monthly_density(events)
    x0, x1 = axis_range(rows, date_range)
    ms_per_px = (x1 - x0).total_seconds() * 1000 / _PLOT_PX
    traces = [*_event_traces(rows, _hover_data(rows, events, actor_names), ms_per_px), _density_trace(density)]
    labels = _label_trace(rows, x0, x1, order) if label_key_events else None
    _lay_out(layout, order, density, x0, x1, labelled=labels is not None)
    if labels:
        traces.append(labels)
    return fastfig.figure(traces, layout, _grid_ref=grid_ref, _grid_str=grid_str)


def axis_range(rows: pd.DataFrame, date_range: tuple | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range: the filter's dates when given (open ends from the events), else the drawn events' span; padded
    by 4 % (at least 5 days) so marks at the ends are not cut."""
    lo, hi = (date_range or (None, None))
    starts, ends = rows["date_start"], rows["date_end"]
    lo = pd.Timestamp(lo) if lo else (starts.min() if len(rows) else pd.Timestamp("2021-01-01"))
    hi = pd.Timestamp(hi) if hi else (ends.max() if len(rows) else pd.Timestamp("2021-12-31"))
    hi = max(hi, lo) + pd.Timedelta(days=1)
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=5))
    return lo - pad, hi + pad


@functools.lru_cache(maxsize=8192)  # a rerun wraps every drawn headline; most are the same as the last rerun's
def _wrap(title: str, width: int = _WRAP) -> tuple[str, ...]:
    return tuple(textwrap.wrap(title, width=width, break_long_words=True)) or ("",)


def label_places(rows: pd.DataFrame, x0: pd.Timestamp, x1: pd.Timestamp, order: list[str]) -> list[dict]:
    """Whole headlines, wrapped, inside one lane of their event (just above or below its mark), never on top of each
    other: [{id, x, lane, lines, slot: 'above' | 'below'}].

    Boxes are sized in data units from a plot narrower than the real one (_PLOT_PX), so a box drawn is never wider
    than it was planned. Key events are placed first, then the others by date; an event on several actor lanes is
    labelled once, in the first lane that has room; what finds no free slot keeps its hover only."""
    ms_per_px = (x1 - x0) / _PLOT_PX
    # The gap between two lanes holds the labels below the upper lane's marks and above the lower lane's: one
    # shared set of boxes per gap (gap i is above lane i, top-down), so labels of neighbouring lanes never meet.
    top_down = {lane: i for i, lane in enumerate(order)}
    # An event's lanes are tried top-down (its label goes to the highest lane with room).
    todo = (rows.assign(_k=~rows["key"], _lane=rows["lane"].map(top_down))
            .sort_values(["_k", "date_start", "id", "_lane"], kind="stable").drop_duplicates(["id", "lane"]))
    taken: dict[int, list[tuple]] = {}
    out, done = [], set()
    for row in todo.itertuples():
        if row.id in done:
            continue
        lines = _wrap(row.title)
        if len(lines) > _MAX_LINES:
            continue
        half = ms_per_px * (max(len(line) for line in lines) * _CHAR_PX + 10) / 2
        mid = row.date_start + (row.date_end - row.date_start) / 2
        center = min(max(mid, x0 + half), x1 - half)
        box = (center - half, center + half)
        for slot in ("above", "below"):
            boxes = taken.setdefault(top_down[row.lane] + (slot == "below"), [])
            if all(box[1] < b[0] or box[0] > b[1] for b in boxes):
                boxes.append(box)
                done.add(row.id)
                out.append(dict(id=row.id, x=center, lane=row.lane, lines=lines, slot=slot))
                break
    return out


def _label_trace(rows: pd.DataFrame, x0: pd.Timestamp, x1: pd.Timestamp, order: list[str]) -> dict | None:
    """The headlines of label_places as one text trace (one SVG text layer, not an annotation each): not hoverable,
    not clickable, and as dark when a click selects a mark as before (None when no label fits)."""
    places = label_places(rows, x0, x1, order)
    if not places:
        return None
    font = dict(size=11, color="#333")
    # An invisible marker as tall as the tallest mark: plotly sets text that far off its point, clear of the mark.
    return dict(
        type="scatter", mode="markers+text", marker=dict(size=22, opacity=0, color=font["color"]), x=[p["x"] for p in places], y=[p["lane"] for p in places],
        text=["<br>".join(escape_html(line) for line in p["lines"]) for p in places],
        textposition=["top center" if p["slot"] == "above" else "bottom center" for p in places],
        textfont=font, selected=dict(textfont=dict(color=font["color"])),
        unselected=dict(textfont=dict(color=font["color"])), hoverinfo="skip", showlegend=False, name="labels",
        xaxis="x", yaxis="y")


def maybe_in_range_note(maybe: pd.DataFrame) -> str:
    """One sentence on the events that only may fall in the chosen dates (components.dates rule); '' when none."""
    if maybe.empty:
        return ""
    kinds = maybe["date_precision"].value_counts()
    parts = [f"{kinds[p]} dated only to the {p}" for p in ("year", "month") if p in kinds]
    rest = len(maybe) - sum(kinds.get(p, 0) for p in ("year", "month"))
    if rest:
        parts.append(f"{rest} spanning days beyond the dates")
    n = len(maybe)
    return (f"{n} less precise event{'s' if n > 1 else ''} ({', '.join(parts)}) may also fall in these dates: "
            "listed apart below, not drawn.")


def maybe_in_range_rows(maybe: pd.DataFrame) -> pd.DataFrame:
    """The may-be-in-range events as a small table (Date, Title), in date order."""
    rows = dates.sort_by_date(maybe)
    return pd.DataFrame({"Date": date_labels(rows).tolist(), "Title": rows["title"].tolist()})


def dated_then_year_only(events: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (components.dates), the ones known only to the year after the dated ones (the phone
    list and story mode: "2021" is not a moment to step through between February and March)."""
    year = events["date_precision"] == "year"
    return pd.concat([dates.sort_by_date(events[~year]), dates.sort_by_date(events[year])])

# Events as a readable list in their lanes' colours: the phone-width view of the Timeline and the Overview, and
# the year-only events listed beside the chart ("2021, month not given").
#
# One function, `event_list_html`, for all three. Pure: returns escaped HTML (the template event_list.html.j2,
# rendered by core.html with autoescape), no streamlit.


def _group_title(row) -> str:
    if row.date_precision == "year":
        return f"{row.date_start.year}, month not given"
    return f"{row.date_start:%B %Y}"


LIST_OPEN_ROWS = 300  # a longer event list shows its months folded (100× data: 2,800 events on a phone)


def event_list_html(events: pd.DataFrame, lanes: str = "category", actor_names: dict[str, str] | None = None,
                    lane_events: pd.DataFrame | None = None, tappable: bool = False) -> str:
    """`events` in date order (the ones known only to the year after the dated ones), grouped by month or by
    '2021, month not given', each with a chip in its lane colour (its category's, as on the chart; ◆-turned for
    key events), its date at its precision, its headline and its lane(s): the category, or with `lanes='actors'`
    the actor lanes it sits in on the chart (computed over `lane_events`, the chart's events, default `events`).
    Beyond LIST_OPEN_ROWS events the months are folded (`<details>`, opened on demand); `tappable`: each event
    is a button (the page opens its evidence). '' when there are no events. Every text is escaped."""
    if events.empty:
        return ""
    ordered = dated_then_year_only(events)
    where = lane_names(events if lane_events is None else lane_events, lanes, actor_names or {})
    labels = date_labels(ordered)
    groups: list[dict] = []
    for row, label in zip(ordered.itertuples(), labels, strict=True):
        title = _group_title(row)
        if not groups or groups[-1]["title"] != title:
            groups.append({"title": title, "rows": []})
        category = humanize(row.category)
        lane = category if lanes != "actors" else f"{category} · {', '.join(where.get(row.id, []))}"
        groups[-1]["rows"].append({"id": row.id, "key": bool(row.key), "color": category_color(row.category),
                                   "category": category, "date": label, "title": row.title, "lane": lane,
                                   "tappable": tappable})
    folded = list_folded(ordered)
    return render("event_list.html.j2", groups=[{**g, "folded": folded} for g in groups])


def list_folded(events: pd.DataFrame) -> bool:
    """Whether event_list_html shows these events' months folded (more than LIST_OPEN_ROWS of them)."""
    return len(events) > LIST_OPEN_ROWS


def month_groups(events: pd.DataFrame) -> list[str]:
    """The group headings event_list_html shows, in order (for tests and captions)."""
    ordered = dated_then_year_only(events)
    return list(dict.fromkeys(_group_title(r) for r in ordered.itertuples())) if len(ordered) else []



def timeline_events(ds, f: Filters, include_context: bool = False) -> pd.DataFrame:
    """The events the Timeline draws (and the Overview counts) for these filters, each with its `support` (sources
    quoting it), so every medium's hover marks a single-source event."""
    events = focus_events(filter_events(ds, f), f, include_context=include_context)
    if not (include_context or f.start or f.end):
        events = events[events["date_start"].dt.year >= FOCUS_YEAR]
    return events.assign(support=support_of(events["id"], ds.evidence))


FOCUS_YEAR = 2021


def focus_events(events: pd.DataFrame, f: Filters, include_context: bool = False) -> pd.DataFrame:
    """The 2021 events unless the user chose dates (then the filtered events as they are) or asked for context."""
    if include_context or f.start or f.end:
        return events
    lo, hi = pd.Timestamp(f"{FOCUS_YEAR}-01-01"), pd.Timestamp(f"{FOCUS_YEAR}-12-31")
    return events[(events["date_end"] >= lo) & (events["date_start"] <= hi)]


def timeline_rows(events: pd.DataFrame, ds) -> pd.DataFrame:
    """One row per event drawn on the timeline (the frame the page passes to build_timeline_figure)."""
    names = actor_names(ds)
    rows = events.sort_values(["date_start", "id"])
    return pd.DataFrame({
        "id": rows["id"].tolist(),
        "date": rows["date"].tolist(),
        "date_precision": rows["date_precision"].tolist(),
        "date_start": rows["date_start"].dt.date.tolist(),
        "date_end": rows["date_end"].dt.date.tolist(),
        "category": rows["category"].map({c: humanize(c) for c in set(rows["category"])}).tolist(),
        "title": rows["title"].tolist(),
        "actors": rows["actors"].map(lambda ids: "; ".join(names.get(a, a) for a in ids)).tolist(),
        "key_event": rows["key"].astype(bool).tolist(),
    })
