"""strait_watch/views/timeline.py: lanes, precision drawn as spans, density strip, key labels, selection -> event id."""

import datetime as dt

import pandas as pd
import pytest
from apps import open_page
from paths import SHIPPED_DATA

from strait_watch.core.filters import actor_names
from strait_watch.views.timeline import (
    OTHER_ACTORS,
    build_timeline_figure,
    date_label,
    date_labels,
    monthly_density,
)


def ids_of(fig, trace):
    """A trace's customdata; a drawn span (no hover, so no customdata) takes its hover points' (same x and y)."""
    if trace.customdata is not None:
        return trace.customdata
    twin = [t for t in fig.data if t.marker.opacity == 0 and t.customdata is not None
            and list(t.x) == list(trace.x) and list(t.y) == list(trace.y)]
    return twin[0].customdata if twin else []


def marks(fig):
    """{event id: [traces]} for every drawn event mark (a trace once per event, however many points it has there)."""
    out = {}
    for trace in fig.data:
        if trace.name == "Events per month" or trace.marker.opacity == 0:  # the strip; spans' hover points
            continue
        for custom in ids_of(fig, trace):
            if custom[0] is not None and not any(t is trace for t in out.get(custom[0], [])):
                out.setdefault(custom[0], []).append(trace)
    return out


def event(ds, event_id):
    return ds.events.set_index("id").loc[event_id].to_dict() | {"id": event_id}


@pytest.mark.parametrize("event_id, label", [
    ("ev-2021-01-12-adiz-sortie", "12 Jan 2021"),
    ("ev-2021-07-03-pla-drill", "3–6 Jul 2021"),
    ("ev-2021-03-lantern-study-group", "Mar 2021 (month only)"),
    ("ev-2021-coast-guard-law", "2021 (year only)"),
    ("ev-2021-08-27-party-talks", "27 Aug 2021 (inferred from the article)"),
])
def test_date_label_states_precision(ds, event_id, label):
    assert date_label(pd.Series(event(ds, event_id))) == label


def test_every_event_is_drawn_once_per_lane_with_its_id(ds):
    fig = build_timeline_figure(ds.events, actor_names=actor_names(ds))
    drawn = marks(fig)
    year_only = {"ev-2014-jp-au-equipment", "ev-2017-jp-uk-acsa", "ev-2021-coast-guard-law"}
    assert set(drawn) == set(ds.events["id"]) - year_only  # never lane-wide bars: listed apart
    assert all(len(traces) == 1 for traces in drawn.values())


def test_a_click_on_a_dot_that_sits_on_a_bracket_opens_the_dot(ds):
    """Plotly floors a point's hover distance at 1 - 3/radius: a span is hovered through invisible points of a
    radius larger than any day mark's, drawn without hover itself (tests/browser/test_shell.py clicks both)."""
    fig = build_timeline_figure(ds.events, actor_names=actor_names(ds))
    bracket = [t for t in fig.data if any(c[0] == "ev-2021-04-jp-us-joint-statement" for c in ids_of(fig, t))]
    drawn, hovered = bracket
    assert drawn.hoverinfo == "skip" and drawn.mode == "lines+markers" and drawn.customdata is None
    assert hovered.mode == "markers" and hovered.marker.opacity == 0 and hovered.marker.size / 2 > 7.5  # > a diamond's
    assert list(hovered.x) == list(drawn.x) and list(hovered.y) == list(drawn.y)


def test_day_events_are_points_multi_day_events_capsules_month_events_brackets(ds):
    fig = build_timeline_figure(ds.events, actor_names=actor_names(ds))
    drawn = marks(fig)
    dot = drawn["ev-2021-01-12-adiz-sortie"][0]
    assert dot.type in ("scatter", "scattergl") and dot.mode == "markers"
    # the four-day drill is a capsule from its first to its last day (3 and 6 July), a dot at each end
    capsule = drawn["ev-2021-07-03-pla-drill"][0]
    at = [j for j, c in enumerate(ids_of(fig, capsule)) if c[0] == "ev-2021-07-03-pla-drill"]
    assert capsule.mode == "lines+markers" and capsule.line.width == 6
    assert (pd.Timestamp(capsule.x[at[0]]), pd.Timestamp(capsule.x[at[-1]])) == (pd.Timestamp("2021-07-03"),
                                                                                pd.Timestamp("2021-07-06"))
    assert [capsule.marker.size[j] for j in at] == [10] + [0] * (len(at) - 2) + [10]
    assert capsule.marker.symbol[at[0]] == "circle"
    # the March event is a bracket across March: a line from 1 March to the end of 31 March, a tick at each end only
    bracket = drawn["ev-2021-03-lantern-study-group"][0]
    assert bracket.type in ("scatter", "scattergl") and bracket.mode == "lines+markers" and bracket.marker.symbol == "line-ns"
    at = [j for j, c in enumerate(ids_of(fig, bracket)) if c[0] == "ev-2021-03-lantern-study-group"]
    xs = [pd.Timestamp(bracket.x[j]) for j in at]
    assert (xs[0], xs[-1]) == (pd.Timestamp("2021-03-01"), pd.Timestamp("2021-04-01"))
    assert [bracket.marker.size[j] > 0 for j in at] == [True] + [False] * (len(at) - 2) + [True]
    assert {bracket.y[j] for j in at} == {"Institutional"}
    assert bracket.line.color == bracket.marker.color == "#56B4E9"  # the Institutional lane's colour


@pytest.mark.parametrize("date_range, lo, hi", [
    # August (to the end of 31 Aug = 1 Sep 00:00), padded by the 5-day minimum each side
    ((dt.date(2021, 8, 1), dt.date(2021, 8, 31)), "2021-07-27", "2021-09-06"),
    # the drawn events' span, 1 Jul 2019 to the end of Nov 2021 (884 days), padded 4 % = 35.4 days
    (None, "2019-05-26", "2022-01-05"),
])
def test_axis_follows_the_range_shown(ds, date_range, lo, hi):
    fig = build_timeline_figure(ds.events, date_range=date_range)
    x0, x1 = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert x0.strftime("%Y-%m-%d") == lo and x1.strftime("%Y-%m-%d") == hi


def test_hover_has_title_date_and_actor_names(ds):
    drawn = marks(build_timeline_figure(ds.events, actor_names=actor_names(ds)))
    trace = drawn["ev-2021-04-20-hoshino-hotline"][0]
    custom = next(c for c in trace.customdata if c[0] == "ev-2021-04-20-hoshino-hotline")
    assert list(custom[1:4]) == ["Hoshino calls for a Tokyo-Taipei hotline", "20 Apr 2021", "Japan, Hoshino Aki"]
    assert "customdata[1]" in trace.hovertemplate and "customdata[3]" in trace.hovertemplate


def test_lanes_by_category_follow_the_codebook_order(ds):
    fig = build_timeline_figure(ds.events)
    lanes = list(reversed(fig.layout.yaxis.categoryarray))
    # Law / policy and Agreement hold only year-only events in the fixture (listed apart): no empty lanes are drawn.
    assert lanes == ["Statement", "Dialogue", "Military activity", "Institutional", "Political"]


def test_lanes_by_actor_show_names_and_group_the_rest(ds):
    fig = build_timeline_figure(ds.events, lanes="actors", actor_names=actor_names(ds), max_lanes=3)
    lanes = list(reversed(fig.layout.yaxis.categoryarray))
    assert lanes[:3] == ["Japan", "Taiwan", "Australia"] and lanes[-1] == OTHER_ACTORS
    # a multi-actor event appears in each of its lanes
    communique = marks(fig)["ev-2021-06-14-leaders-communique"]
    assert {y for t in communique for y, c in zip(t.y, t.customdata, strict=True) if c[0] == "ev-2021-06-14-leaders-communique"} == {"Japan", "Australia", OTHER_ACTORS}


def test_density_strip_counts_months_not_year_events(ds):
    density = monthly_density(ds.events)
    assert density.set_index("month").loc[pd.Timestamp("2021-04-01"), "events"] == 2
    assert density["events"].sum() == (ds.events["date_precision"] != "year").sum()
    fig = build_timeline_figure(ds.events)
    strip = [t for t in fig.data if t.name == "Events per month"]
    assert len(strip) == 1 and strip[0].yaxis == "y2"


def label_texts(fig) -> list[str]:
    """The headlines the figure writes over its lanes: one text trace (not an annotation each)."""
    found = [t for t in fig.data if t.name == "labels"]
    assert len(found) <= 1 and not fig.layout.annotations
    return list(found[0].text) if found else []


def test_key_events_are_labelled(ds):
    fig = build_timeline_figure(ds.events)
    texts = set(label_texts(fig))
    # whole headlines, wrapped; key events first, then the others where there is room
    assert {"Leaders' communiqué names<br>the Taiwan Strait", "First party-to-party<br>security talks"} <= texts
    assert not any("…" in t for t in texts)
    labels = next(t for t in fig.data if t.name == "labels")
    assert labels.hoverinfo == "skip" and labels.customdata is None  # text only: never picked by a click
    assert not label_texts(build_timeline_figure(ds.events, label_key_events=False))


def test_an_event_on_several_actor_lanes_is_labelled_once(ds):
    # the leaders' communiqué sits on four actor lanes (Japan, the US, the UK, Australia; fixture events.csv): one label
    fig = build_timeline_figure(ds.events, lanes="actors", actor_names={})
    texts = label_texts(fig)
    assert texts.count("Leaders' communiqué names<br>the Taiwan Strait") == 1
    assert len(texts) == len(set(texts))


def test_empty_events_give_an_empty_figure(ds):
    assert len(build_timeline_figure(ds.events.iloc[0:0]).data) == 0


def test_titles_are_escaped_in_hover(ds):
    events = ds.events[ds.events["id"] == "ev-2021-01-12-adiz-sortie"].assign(title="<img src=x onerror=alert(1)>")
    fig = build_timeline_figure(events)
    custom = marks(fig)[events["id"].iloc[0]][0].customdata[0]
    assert custom[1] == "&lt;img src=x onerror=alert(1)&gt;"
    assert label_texts(fig) == ["&lt;img src=x<br>onerror=alert(1)&gt;"]




def test_date_labels_match_date_label_row_by_row(ds):
    events = ds.events.iloc[::-1]  # any order; the index is kept
    labels = date_labels(events)
    assert labels.index.equals(events.index)
    assert labels.tolist() == [date_label(r) for _, r in events.iterrows()]
    without_basis = events.drop(columns=["date_basis"])
    assert date_labels(without_basis).tolist() == [date_label(r) for _, r in without_basis.iterrows()]
    assert date_labels(events.iloc[0:0]).empty


def test_figure_is_one_two_row_grid(ds):
    fig = build_timeline_figure(ds.events)
    assert [t.type for t in fig.data if t.name == "Events per month"] == ["bar"]
    assert fig.layout.xaxis.matches == "x2" and fig.layout.yaxis2.domain[1] < fig.layout.yaxis.domain[0]
    fig.add_annotation(text="still a subplot grid", x=0, y=0, row=2, col=1)  # made from a dict, it keeps its grid
    assert fig.layout.annotations[-1].yref == "y2"
    assert build_timeline_figure(ds.events.iloc[0:0]).layout.yaxis2.anchor == "x2"


# ---------------------------------------------------------------- AppTest on the shipped data: "what happened in August 2021?"

def _shipped_app(page: str, **params):
    return open_page(page, SHIPPED_DATA, None, **params)


# Read by hand from data/events.csv: four events lie in August 2021 (27 Aug twice, 28 Aug, "2021-08"), and ten
# are dated only "2021".
AUGUST = {"China objects to the LDP-DPP talks", 'First LDP-DPP "2+2" security dialogue',
          "Sato: party agreements could lead to government policy", "Watanabe op-ed calls for Japan-Taiwan defence exchanges"}


def test_august_2021_shows_the_four_august_events_and_notes_ten_year_only():
    at = _shipped_app("app_pages/timeline.py", **{"from": "2021-08-01", "to": "2021-08-31"})
    assert not at.exception
    chart = at.get("plotly_chart")[0]
    import json
    drawn = {c[1] for trace in json.loads(chart.proto.spec)["data"] if trace.get("name") != "Events per month"
             for c in trace.get("customdata") or [] if c[0] is not None}  # None: the gap between two brackets
    assert {t.replace("&quot;", '"') for t in drawn} == AUGUST
    captions = [c.value for c in at.caption]
    assert any(c.startswith("4 events") for c in captions), captions
    assert "10 less precise events (10 dated only to the year) may also fall in these dates: listed apart below, not drawn." in captions
    maybe = [t.value for t in at.table if list(t.value.columns) == ["Date", "Title"]]
    assert len(maybe) == 1 and len(maybe[0]) == 10
    assert set(maybe[0]["Date"].str.replace("\\", "")) == {"2021 (year inferred from the article)", "2021 (year only)"}


def _fixture_app(**params):
    return open_page("app_pages/timeline.py", **params)


def test_story_mode_opens_the_linked_card_and_steps_in_date_order():
    at = _fixture_app(mode="Step through", event="ev-2021-06-14-leaders-communique")
    assert not at.exception
    assert any("Leaders' communiqué names the Taiwan Strait" in m.value for m in at.markdown)
    # the dated 2021 events by the first day each allows (12 Jan, Mar, Apr, 20 Apr, then 14 Jun); the year-only
    # coast guard law comes last
    assert any(m.value.startswith("**5 of 10**") for m in at.markdown)
    at.button(key="story_next").click().run()
    assert at.session_state["event"] == "ev-2021-07-03-pla-drill"
    assert at.query_params["event"] in ("ev-2021-07-03-pla-drill", ["ev-2021-07-03-pla-drill"])
    at.button(key="story_prev").click().run()
    assert at.session_state["event"] == "ev-2021-06-14-leaders-communique"


def test_month_bracket_ticks_shrink_when_a_month_is_a_few_pixels(ds):
    def tick(fig):
        bracket = marks(fig)["ev-2021-03-lantern-study-group"][0]
        return max(s for s, c in zip(bracket.marker.size, ids_of(fig, bracket), strict=True)
                   if c[0] == "ev-2021-03-lantern-study-group")
    assert tick(build_timeline_figure(ds.events)) == 14  # a month is ~27 px over 2019-2021: full ticks
    # over ten years a month is ~7 px: 6-px ticks, not an "H"
    assert tick(build_timeline_figure(ds.events, date_range=(dt.date(2012, 1, 1), dt.date(2021, 12, 31)))) == 6


def test_the_lighter_figure_keeps_every_mark_of_the_fixture(ds):
    """Counted by hand from tests/fixtures/mini/events.csv, 2021: four day-dated events (12 Jan, 20 Apr, 14 Jun,
    27 Aug), one multi-day (the PLA drill, 3–6 Jul), four known to the month (Mar, Apr, Oct, Nov), one to the year
    (not drawn); five lanes (statement 4, military activity 2, institutional, dialogue, political)."""
    from strait_watch.core.filters import Filters
    from strait_watch.views.timeline import timeline_events

    def legend_only(t) -> bool:
        return len(t.x) == 1 and t.x[0] is None

    def bracket(t) -> bool:
        return isinstance(t.marker.symbol, str) and t.marker.symbol == "line-ns"

    fig = build_timeline_figure(timeline_events(ds, Filters()))
    shown = [t for t in fig.data if t.name not in ("Events per month", "labels") and not legend_only(t)
             and t.marker.opacity != 0]
    dots = sum(len(t.x) for t in shown if t.mode == "markers")
    brackets = sum(len(t.x) for t in shown if t.mode == "lines+markers" and bracket(t)) // 8
    capsules = sum(len(t.x) for t in shown if t.mode == "lines+markers" and not bracket(t)) // 8
    assert (dots, capsules, brackets) == (4, 1, 4)  # 7 points and a gap per span
    legend = [t.name for t in fig.data if legend_only(t)]
    assert len(legend) == 5 and len(fig.layout.yaxis.categoryarray) == 5
    strip = next(t for t in fig.data if t.name == "Events per month")
    assert list(strip.y) == [1, 1, 2, 1, 1, 1, 1, 1]  # Jan, Mar, Apr (two), Jun, Jul, Aug, Oct, Nov
    labels = label_texts(fig)
    assert 2 <= len(labels) <= 9 and len(labels) == len(set(labels))
    assert not fig.layout.annotations and not fig.layout.shapes  # labels are one text trace; no shapes
    # the dates are above the lanes too (the strip's axis at the bottom is below the fold at 1440×900)
    assert fig.layout.xaxis.showticklabels is True and fig.layout.xaxis.side == "top"
