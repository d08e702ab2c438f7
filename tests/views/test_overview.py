"""strait_watch/views/overview.py on the fixture: the 2021 focus, counts, actors, latest events, coverage."""

import datetime as dt

import pandas as pd
import pytest
from apps import new_app
from paths import FIXTURE_COUNTS

from strait_watch.core.filters import Filters, filter_events
from strait_watch.core.text import literal_cells
from strait_watch.views.overview import (
    build_month_category_figure,
    compact_coverage,
    counts_by_month_category,
    density_note,
    headline_counts,
    latest_events,
    most_active_actors,
    source_coverage,
)
from strait_watch.views.timeline import focus_events


def test_focus_is_2021_unless_dates_are_chosen(ds):
    assert set(focus_events(ds.events, Filters())["year"]) == {2021}
    assert len(focus_events(ds.events, Filters(), include_context=True)) == FIXTURE_COUNTS["events"]
    f = Filters(start=dt.date(2014, 1, 1), end=dt.date(2019, 12, 31))
    assert set(focus_events(filter_events(ds, f), f)["year"]) == {2014, 2017, 2019}


def test_headline_counts(ds):
    assert headline_counts(ds, Filters()) == {"Events": FIXTURE_COUNTS["events"], "Key events": 2,
                                              "Agreements": FIXTURE_COUNTS["agreements"],
                                              "Proposals": FIXTURE_COUNTS["proposals"], "Quotes": FIXTURE_COUNTS["evidence"]}
    assert headline_counts(ds, Filters(actors=("lin-wei-ting",)))["Proposals"] == 3


def test_counts_by_month_and_category(ds):
    counts = counts_by_month_category(focus_events(ds.events, Filters()))
    april = counts[counts["month"] == "2021-04-01"]
    assert april[["category", "events"]].values.tolist() == [["statement", 2]]
    assert counts["events"].sum() == 10 - 1  # the year-only event has no month
    fig = build_month_category_figure(ds.events)
    assert [t.name for t in fig.data][:3] == ["Statement", "Dialogue", "Military activity"]
    assert counts_by_month_category(ds.events.iloc[0:0]).empty


def test_most_active_actors_by_name(ds):
    top = most_active_actors(ds.events, ds.actors, n=3)
    assert top["Actor"].tolist() == ["Japan", "Taiwan", "Australia"]
    assert top["Events"].tolist() == [9, 4, 3]


def test_latest_events_newest_first(ds):
    latest = latest_events(focus_events(ds.events, Filters()), n=3)
    # The year-only "2021" coast guard law is not later than November: it is not among the latest three.
    assert latest["Title"].tolist() == ["Whitcombe argues for a hotline", "New cabinet in Tokyo", "First party-to-party security talks"]
    assert latest["Date"].tolist()[0] == "Nov 2021 (month only)"


def test_source_coverage(ds):
    cov = source_coverage(ds, Filters()).set_index("Source")
    assert cov.loc["A Hotline Is Not Enough", "Proposals"] == 3
    assert cov["Quotes"].sum() == FIXTURE_COUNTS["evidence"]
    assert cov.loc["[Fictional note on Japan-Taiwan maritime ties]", "Author"] == "—"
    only = source_coverage(ds, Filters(sources=("src-902",)))
    assert only["Source"].tolist() == ["A Hotline Is Not Enough"]


def test_density_note(ds):
    assert density_note(ds.events) == "Busiest month: April 2021 with 2 events (next busiest: 1)."
    assert density_note(ds.events.iloc[0:0]) == ""
    # a tie names no month (the deck's finding says nothing either): January and March 2021, one event each
    tie = ds.events[ds.events["id"].isin(["ev-2021-01-12-adiz-sortie", "ev-2021-03-lantern-study-group"])]
    assert density_note(tie) == ""


def test_most_active_actors_keeps_unknown_ids(ds):
    events = ds.events.assign(actors=ds.events["actors"].map(lambda ids: [*ids, "zz-unknown"]))
    row = most_active_actors(events, ds.actors, n=50).set_index("Actor").loc["zz-unknown"]
    assert (row["Kind"], row["Country"], row["Events"]) == ("", "", FIXTURE_COUNTS["events"])
    assert most_active_actors(ds.events.iloc[0:0], ds.actors).columns.tolist() == ["Actor", "Kind", "Country", "Events"]


HEADLINES = {
    # Lin Wei-ting is in no event or agreement; his three proposals carry 1 + 1 + 2 quotes (fixture evidence.csv).
    "a proposer": (Filters(actors=("lin-wei-ting",)),
                   {"Events": 0, "Key events": 0, "Agreements": 0, "Proposals": 3, "Quotes": 4}),
    # src-902 quotes five events (2014, 2017, Jul 2019, Nov 2021, the coast guard law; none key), four agreements
    # (UK ACSA, Australia equipment, coast guard law, ocean mechanism), its three proposals: 12 quote rows.
    "a source": (Filters(sources=("src-902",)),
                 {"Events": 5, "Key events": 0, "Agreements": 4, "Proposals": 3, "Quotes": 12}),
}


@pytest.mark.parametrize("f, expected", HEADLINES.values(), ids=HEADLINES.keys())
def test_headline_counts_follow_the_filters(ds, f, expected):
    assert headline_counts(ds, f) == expected


def test_literal_cells_escape_markdown_and_leave_numbers():
    table = pd.DataFrame({"Title": ["*Not* a $5 [link](x)", "plain"], "Events": [1, 2]})
    out = literal_cells(table)
    assert out["Title"].tolist() == [r"\*Not\* a \$5 \[link\]\(x\)", "plain"]
    assert out["Events"].tolist() == [1, 2] and table["Title"][0] == "*Not* a $5 [link](x)"  # a copy
    assert literal_cells(table.iloc[0:0]).empty


def test_overview_page_shows_static_tables():
    at = new_app()
    at.run()
    assert not at.exception
    tables = {tuple(t.value.columns): t.value for t in at.table}
    # one medium per device: before the browser tells its width, the wide coverage table only (not the phone's)
    assert set(tables) == {("Actor", "Kind", "Country", "Events"), ("Date", "Title", "Category"),
                           ("Source", "Author", "Publisher", "Published", "Events", "Agreements", "Proposals", "Quotes")}
    actors = tables[("Actor", "Kind", "Country", "Events")]
    # the ten 2021 fixture events: Japan in 6, Taiwan in 4, the Lantern Party in 3, Hoshino and the US in 2 each
    assert actors["Actor"].tolist()[:3] == ["Japan", "Taiwan", "Lantern Party"]
    assert actors["Events"].tolist()[:5] == [6, 4, 3, 2, 2]
    assert not at.dataframe




def test_month_bars_carry_their_month_and_are_a_month_wide(ds):
    from strait_watch.views.overview import build_month_category_figure
    fig = build_month_category_figure(focus_events(ds.events, Filters()))
    aug = [c for t in fig.data for c in t.customdata]
    assert "2021-08" in aug and all(t.width == 26 * 86400 * 1000 for t in fig.data)


def test_places_are_not_ranked_among_actors(ds):
    from strait_watch.views.overview import most_active_actors
    actors = pd.concat([ds.actors, pd.DataFrame([{**{c: "" for c in ds.actors.columns}, "id": "taiwan-strait",
                                                   "name": "Taiwan Strait", "kind": "place", "aliases": []}])],
                       ignore_index=True)
    events = ds.events.assign(actors=ds.events["actors"].map(lambda a: [*a, "taiwan-strait"]))
    ranked = most_active_actors(events, actors)
    assert "Taiwan Strait" not in ranked["Actor"].tolist()
    assert ranked.iloc[0]["Actor"] == "Japan"  # the actor of most fixture events


def test_month_axis_labels_every_month_with_january():
    from strait_watch.views.overview import month_ticks
    ticks = month_ticks(pd.Timestamp("2021-01-01"), pd.Timestamp("2021-04-01"))
    assert ticks["ticktext"] == ["Jan<br>2021", "Feb", "Mar", "Apr"]
    assert ticks["tickvals"][0] == pd.Timestamp("2021-01-15")
    over = month_ticks(pd.Timestamp("2020-11-01"), pd.Timestamp("2021-02-01"))["ticktext"]
    assert over == ["Nov<br>2020", "Dec", "Jan<br>2021", "Feb"]


def test_headline_scope_says_what_is_counted():
    from strait_watch.views.overview import headline_scope
    assert headline_scope(Filters()) == "all years"
    assert headline_scope(Filters(start=dt.date(2021, 1, 1))) == "in the chosen dates"


def test_2021_axis_runs_january_to_december(ds):
    from strait_watch.views.overview import build_month_category_figure
    events = ds.events[ds.events["date_start"] >= pd.Timestamp("2021-03-01")]  # nothing in January or February
    fig = build_month_category_figure(events, 2021)
    assert fig.layout.xaxis.ticktext[0] == "Jan<br>2021" and fig.layout.xaxis.ticktext[-1] == "Dec"
    assert len(fig.layout.xaxis.ticktext) == 12
    assert build_month_category_figure(events).layout.xaxis.ticktext[0] == "Mar<br>2021"


def test_compact_coverage_for_phones(ds):
    rows = compact_coverage(source_coverage(ds, Filters()))
    assert list(rows.columns) == ["Source", "Records"]
    assert rows["Source"].tolist()[2] == "A Hotline Is Not Enough (Dana Whitcombe, 2022-01-15)"
    assert rows["Source"].tolist()[1] == "[Fictional note on Japan-Taiwan maritime ties] (2021-11 (estimated))"
    assert rows["Records"].tolist()[1] == "4 events · 1 agreement · 4 proposals · 10 quotes"  # singular for one
