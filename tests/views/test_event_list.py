"""strait_watch/views/timeline.py (event_list_html): the phone list and the year-only band, in their lanes' colours (fixture package)."""

import re

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import actor_names
from strait_watch.views.timeline import event_list_html, month_groups


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


ROW = re.compile(r'<li data-event="([^"]+)"><span class="sw-chip( sw-key)?" style="background:(#[0-9A-Fa-f]{6})" '
                 r'title="[^"]*"></span><span class="sw-text"><span class="sw-date">([^<]*)</span> '
                 r'<span class="sw-title">([^<]*)</span><span class="sw-lane">([^<]*)</span>')


def rows(html):
    return [m.groups() for m in ROW.finditer(html)]


def test_year_only_events_each_with_its_lane_colour_and_lane(ds):
    year_only = ds.events[ds.events["date_precision"] == "year"]
    html = event_list_html(year_only)
    assert rows(html) == [
        ("ev-2014-jp-au-equipment", None, "#E69F00", "2014 (year only)", "Japan and Australia sign equipment agreement", "Agreement"),
        ("ev-2017-jp-uk-acsa", None, "#E69F00", "2017 (year only)", "Japan and UK conclude ACSA", "Agreement"),
        ("ev-2021-coast-guard-law", None, "#CC79A7", "2021 (year only)", "Japan amends its coast guard law", "Law / policy"),
    ]
    assert re.findall(r'<p class="sw-group">([^<]*) <span>· (\d+) event', html) == [
        ("2014, month not given", "1"), ("2017, month not given", "1"), ("2021, month not given", "1")]


def test_by_actor_the_lane_names_are_the_actor_lanes_of_the_chart(ds):
    year_only = ds.events[ds.events["date_precision"] == "year"]
    found = rows(event_list_html(year_only, "actors", actor_names(ds), lane_events=ds.events))
    # Japan has the most events, so its lane comes first, as on the chart
    assert [r[5] for r in found] == ["Agreement · Japan, Australia", "Agreement · Japan, United Kingdom",
                                     "Law / policy · Japan"]


def test_phone_list_groups_by_month_then_year_only_and_marks_key_events(ds):
    assert month_groups(ds.events) == [
        "July 2019", "January 2021", "March 2021", "April 2021", "June 2021", "July 2021", "August 2021",
        "October 2021", "November 2021", "2014, month not given", "2017, month not given", "2021, month not given"]
    found = {r[0]: r for r in rows(event_list_html(ds.events))}
    assert len(found) == len(ds.events)
    assert found["ev-2021-06-14-leaders-communique"][1:4] == (" sw-key", "#0072B2", "14 Jun 2021")
    assert found["ev-2021-07-03-pla-drill"][1:4] == (None, "#D55E00", "3–6 Jul 2021")
    assert found["ev-2021-03-lantern-study-group"][3] == "Mar 2021 (month only)"


def test_text_is_escaped_and_nothing_gives_nothing(ds):
    events = ds.events[ds.events["id"] == "ev-2021-01-12-adiz-sortie"].assign(title='<img src=x onerror="alert(1)">')
    html = event_list_html(events)
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert event_list_html(ds.events.iloc[0:0]) == ""
