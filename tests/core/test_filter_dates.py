"""strait_watch/core/filters.py on the fixture package: in range vs may be in range, the one date rule of every table."""

import datetime as dt

import pytest

from strait_watch.core.filters import Filters, filter_agreements, filter_events, filter_proposals

D = dt.date


def ids(frame):
    return set(frame["id"])


# ---------------------------------------------------------------- in range vs may be in range (components.dates)

MAYBE = {
    "a month and the year-only event may be in a day range": (
        Filters(start=D(2021, 3, 15), end=D(2021, 3, 20)), set(), {"ev-2021-03-lantern-study-group", "ev-2021-coast-guard-law"}),
    "the whole month is in range; the year-only event only may be": (
        Filters(start=D(2021, 3, 1), end=D(2021, 3, 31)), {"ev-2021-03-lantern-study-group"}, {"ev-2021-coast-guard-law"}),
    "a multi-day event inside its dates, outside one of them": (
        Filters(start=D(2021, 7, 1), end=D(2021, 7, 31)), {"ev-2021-07-03-pla-drill"}, {"ev-2021-coast-guard-law"}),
    "by its end_date": (
        Filters(start=D(2021, 7, 5), end=D(2021, 7, 31)), set(), {"ev-2021-07-03-pla-drill", "ev-2021-coast-guard-law"}),
    "the whole year holds the year-only event": (
        Filters(start=D(2021, 1, 1), end=D(2021, 12, 31)),
        {"ev-2021-01-12-adiz-sortie", "ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline",
         "ev-2021-04-jp-us-joint-statement", "ev-2021-06-14-leaders-communique", "ev-2021-07-03-pla-drill",
         "ev-2021-08-27-party-talks", "ev-2021-10-new-cabinet", "ev-2021-11-whitcombe-hotline", "ev-2021-coast-guard-law"},
        set()),
    "no dates: nothing is 'may be'": (Filters(), None, set()),
    "other filters still apply to the may-be rows": (
        Filters(start=D(2021, 3, 1), end=D(2021, 3, 31), categories=("dialogue",)), set(), set()),
}


@pytest.mark.parametrize("f, inside, maybe", MAYBE.values(), ids=MAYBE.keys())
def test_in_range_and_maybe_in_range(ds, f, inside, maybe):
    from strait_watch.core.filters import events_maybe_in_range
    assert ids(filter_events(ds, f)) == (ids(ds.events) if inside is None else inside)
    assert ids(events_maybe_in_range(ds, f)) == maybe


# ---------------------------------------------------------------- the same rule for agreements and proposals

UNDATED = {"ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"}  # no year: the "none" cells stay, never "may be"
# Proposals by the date each was made (tests/fixtures/mini/proposals.csv, column date):
HOSHINO = {"pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline"}  # 2021-04-20 (day)
LANTERN = {"pr-900-lantern-taiwan-relations-law"}  # 2021-09 (month: its article's)
NOVEMBER = {"pr-901-lin-coast-guard-drills", "pr-901-lin-hadr-exercises", "pr-901-lin-hotline",
            "pr-901-whitcombe-trilateral-dialogue", "pr-902-whitcombe-hotline"}  # 2021-11 (month)
JAN_15 = {"pr-902-analysts-trilateral-dialogue", "pr-902-whitcombe-info-sharing"}  # 2022-01-15 (day: the op-ed's)

# (dates, (events in, may be), (agreements in, may be), (proposals in, may be)), read by hand from tests/fixtures/mini/.
RECORDS = {
    "a day: the day-dated communique is in, the 2021 law only may be": (
        (D(2021, 6, 14), D(2021, 6, 14)),
        ({"ev-2021-06-14-leaders-communique"}, {"ev-2021-coast-guard-law"}),
        ({"ag-2021-06-14-leaders-communique"} | UNDATED, {"ag-jp-coast-guard-law"}),
        (set(), set())),
    "half a month: the April statement (month) only may be": (
        (D(2021, 4, 15), D(2021, 4, 30)),
        ({"ev-2021-04-20-hoshino-hotline"}, {"ev-2021-04-jp-us-joint-statement", "ev-2021-coast-guard-law"}),
        (UNDATED, {"ag-2021-04-jp-us-joint-statement", "ag-jp-coast-guard-law"}),
        (HOSHINO, set())),
    "the whole month: the April statement is in": (
        (D(2021, 4, 1), D(2021, 4, 30)),
        ({"ev-2021-04-20-hoshino-hotline", "ev-2021-04-jp-us-joint-statement"}, {"ev-2021-coast-guard-law"}),
        ({"ag-2021-04-jp-us-joint-statement"} | UNDATED, {"ag-jp-coast-guard-law"}),
        (HOSHINO, set())),
    "a whole year holds its year-only records": (
        (D(2017, 1, 1), D(2017, 12, 31)),
        ({"ev-2017-jp-uk-acsa"}, set()),
        ({"ag-acsa-jp-uk"} | UNDATED, set()),
        (set(), set())),
    "part of a year: a year-only agreement (year column, no date) only may be": (
        (D(2017, 3, 1), D(2017, 12, 31)),
        (set(), {"ev-2017-jp-uk-acsa"}),
        (UNDATED, {"ag-acsa-jp-uk"}),
        (set(), set())),
    "end_date: the four-day drill is in July, only may be from 5 July": (
        (D(2021, 7, 5), D(2021, 7, 31)),
        (set(), {"ev-2021-07-03-pla-drill", "ev-2021-coast-guard-law"}),
        (UNDATED, {"ag-jp-coast-guard-law"}),
        (set(), set())),
    "proposals by their own date: September to November holds both months": (
        (D(2021, 9, 1), D(2021, 11, 30)),
        ({"ev-2021-10-new-cabinet", "ev-2021-11-whitcombe-hotline"}, {"ev-2021-coast-guard-law"}),
        (UNDATED, {"ag-jp-coast-guard-law"}),
        (LANTERN | NOVEMBER, set())),
    "proposals: one dated to September only may be from 15 September": (
        (D(2021, 9, 15), D(2021, 11, 30)),
        ({"ev-2021-10-new-cabinet", "ev-2021-11-whitcombe-hotline"}, {"ev-2021-coast-guard-law"}),
        (UNDATED, {"ag-jp-coast-guard-law"}),
        (NOVEMBER, LANTERN)),
    "proposals: one dated to the day is in on that day; November's only may be": (
        (D(2021, 11, 30), D(2022, 1, 15)),
        (set(), {"ev-2021-11-whitcombe-hotline", "ev-2021-coast-guard-law"}),
        (UNDATED, {"ag-jp-coast-guard-law"}),
        (JAN_15, NOVEMBER)),
    "proposals: a day-dated proposal is never 'may be'": (
        (D(2022, 1, 16), None),
        (set(), set()), (UNDATED, set()), (set(), set())),
}


@pytest.mark.parametrize("span, events, agreements, proposals", RECORDS.values(), ids=RECORDS.keys())
def test_every_table_in_range_and_maybe_in_range(ds, span, events, agreements, proposals):
    from strait_watch.core.filters import (
        agreements_maybe_in_range,
        events_maybe_in_range,
        proposals_maybe_in_range,
    )
    f = Filters(start=span[0], end=span[1])
    for (inside, maybe), keep, may in ((events, filter_events, events_maybe_in_range),
                                      (agreements, filter_agreements, agreements_maybe_in_range),
                                      (proposals, filter_proposals, proposals_maybe_in_range)):
        assert (ids(keep(ds, f)), ids(may(ds, f))) == (inside, maybe), keep.__name__


def test_every_table_decides_dates_with_the_one_rule(ds, monkeypatch):
    from strait_watch.core import dates
    calls = []
    rule = dates.range_rule
    monkeypatch.setattr(dates, "range_rule", lambda *a, **k: calls.append(len(a[0])) or rule(*a, **k))
    f = Filters(start=D(2021, 4, 1), end=D(2021, 4, 30))
    filter_events(ds, f), filter_agreements(ds, f), filter_proposals(ds, f)
    assert calls == [len(ds.events), len(ds.agreements), len(ds.proposals)]


def test_maybe_in_range_captions_count_and_name_them(ds):
    from strait_watch.core.filters import maybe_in_range_caption
    f = Filters(start=D(2021, 4, 15), end=D(2021, 4, 30))
    assert maybe_in_range_caption(ds, f, "agreements") == (
        "2 less precise agreements (1 dated only to the year, 1 dated only to the month) may also fall in these dates "
        r"(not listed below): Japan-US joint statement of April 2021 \(Apr 2021\); Japan Coast Guard Law \(as amended "
        r"2021\) \(2021\).")
    assert maybe_in_range_caption(ds, f, "proposals") == ""
    f = Filters(start=D(2021, 9, 15), end=D(2021, 11, 30))
    assert maybe_in_range_caption(ds, f, "proposals") == (
        "1 less precise proposal (1 dated only to the month) may also fall in these dates (not shown): "
        r"Lantern Party: Japanese Taiwan relations law \(Sep 2021\).")
    assert maybe_in_range_caption(ds, Filters(), "agreements") == ""
