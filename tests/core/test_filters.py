"""strait_watch/core/filters.py on the fixture package: what each table keeps under each filter."""

import datetime as dt
import itertools
from dataclasses import replace

import pandas as pd
import pytest
from paths import FIXTURE_COUNTS

from strait_watch.core.dates import agreement_span
from strait_watch.core.filters import (
    Filters,
    actor_options,
    category_options,
    category_vocabularies,
    data_date_range,
    describe_filters,
    filter_agreements,
    filter_events,
    filter_evidence,
    filter_proposals,
    source_options,
)
from strait_watch.core.links import filters_to_query, query_problems, read_query, resolve

D = dt.date


def ids(frame):
    return set(frame["id"])


# (filters, events kept, agreements kept, proposals kept); None = the whole table.
CASES = {
    "no filters": (Filters(), None, None, None),
    "actor on events, parties and proposers": (
        Filters(actors=("hoshino-aki",)),
        {"ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline"}, set(),
        {"pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline"}),
    "actor in other_parties": (
        Filters(actors=("australia",)),
        {"ev-2014-jp-au-equipment", "ev-2019-07-jp-au-training", "ev-2021-06-14-leaders-communique"},
        {"ag-2021-06-14-leaders-communique", "ag-acsa-jp-au", "ag-equipment-jp-au", "ag-gsomia-jp-au", "ag-raa-jp-au"},
        set()),
    "dates: a month event only may be in a day range, the 2021 law too; undated agreements stay": (
        Filters(start=D(2021, 3, 15), end=D(2021, 3, 20)),
        set(),
        {"ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"}, set()),
    "dates: a multi-day event is not inside one of its days": (
        Filters(start=D(2021, 7, 5), end=D(2021, 7, 5)),
        set(),
        {"ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"}, set()),
    "dates: proposals by the date each was made (Whitcombe's hotline call is from November 2021)": (
        Filters(start=D(2022, 1, 1)),
        set(), {"ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"},
        {"pr-902-analysts-trilateral-dialogue", "pr-902-whitcombe-info-sharing"}),
    "open end date": (
        Filters(end=D(2012, 12, 31)), set(),
        {"ag-acsa-jp-au", "ag-gsomia-jp-au", "ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"}, set()),
    "event category narrows events only": (
        Filters(categories=("dialogue",)), {"ev-2021-08-27-party-talks"}, None, None),
    "agreement type narrows agreements only": (
        Filters(categories=("raa",)), None, {"ag-raa-jp-au", "ag-raa-jp-uk"}, None),
    "measure category narrows proposals only": (
        Filters(categories=("dialogue-channels",)), None, None,
        {"pr-900-hoshino-hotline", "pr-901-lin-hotline", "pr-902-whitcombe-hotline"}),
    "categories of two vocabularies at once": (
        Filters(categories=("political", "gsomia")), {"ev-2021-10-new-cabinet"},
        {"ag-gsomia-jp-au", "ag-gsomia-jp-uk"}, None),
    "source: records quoted in it": (
        Filters(sources=("src-901",)),
        {"ev-2021-04-jp-us-joint-statement", "ev-2021-07-03-pla-drill", "ev-2021-08-27-party-talks", "ev-2021-10-new-cabinet"},
        {"ag-2021-04-jp-us-joint-statement"},
        {"pr-901-lin-coast-guard-drills", "pr-901-lin-hadr-exercises", "pr-901-lin-hotline", "pr-901-whitcombe-trilateral-dialogue"}),
    "match all: events and agreements with every actor; no proposal has two proposers": (
        Filters(actors=("japan", "taiwan"), match="all"),
        {"ev-2021-11-whitcombe-hotline"}, {"ag-jp-tw-ocean-mechanism"}, set()),
    "match all of one actor is any": (
        Filters(actors=("hoshino-aki",), match="all"),
        {"ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline"}, set(),
        {"pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline"}),
    "filters combine with AND": (
        Filters(actors=("japan",), categories=("statement",), start=D(2021, 4, 1), end=D(2021, 4, 30)),
        {"ev-2021-04-20-hoshino-hotline", "ev-2021-04-jp-us-joint-statement"},
        {"ag-2021-04-jp-us-joint-statement", "ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"}, set()),
}


@pytest.mark.parametrize("f, events, agreements, proposals", CASES.values(), ids=CASES.keys())
def test_filter_tables(ds, f, events, agreements, proposals):
    assert ids(filter_events(ds, f)) == (ids(ds.events) if events is None else events)
    assert ids(filter_agreements(ds, f)) == (ids(ds.agreements) if agreements is None else agreements)
    assert ids(filter_proposals(ds, f)) == (ids(ds.proposals) if proposals is None else proposals)


def test_filters_keep_columns_and_order(ds):
    out = filter_events(ds, Filters(actors=("japan",)))
    assert list(out.columns) == list(ds.events.columns)
    assert list(out["id"]) == sorted(out["id"])


def test_evidence_only_from_selected_sources_and_kept_records(ds):
    f = Filters(sources=("src-901",), actors=("japan",))
    ev = filter_evidence(ds, f)
    assert set(ev["source_id"]) == {"src-901"}
    kept = ids(filter_events(ds, f)) | ids(filter_agreements(ds, f)) | ids(filter_proposals(ds, f))
    assert set(ev["record_id"]) <= kept
    assert len(filter_evidence(ds, Filters())) == FIXTURE_COUNTS["evidence"]


def test_labels_are_readable_unique_and_searchable_by_alias(ds):
    actors = actor_options(ds)
    assert actors["hoshino-aki"] == "Hoshino Aki (Aki Hoshino, Minister Hoshino)"
    assert actors["jp-lantern-party"] == "Lantern Party"
    assert len(set(actors.values())) == len(actors)
    cats = category_options(ds.schema)
    assert cats["military-activity"] == "Event: Military activity" and cats["gsomia"] == "Agreement: GSOMIA"
    assert list(cats)[:7] == list(ds.schema["codebook"]["event categories"])
    assert source_options(ds)["src-902"] == "A Hotline Is Not Enough"


def test_filters_to_query_uses_stable_ids(ds):
    f = Filters(actors=("pla", "japan"), start=D(2021, 1, 1), categories=("raa",), sources=("src-900",), match="all")
    assert filters_to_query(f, ds) == {
        "actor": ["pla", "japan"], "match": ["all"], "category": ["raa"], "source": ["src-900"], "from": ["2021-01-01"]}
    assert filters_to_query(Filters(actors=("pla",), match="all"), ds) == {"actor": ["pla"]}  # 'all' of one is moot
    assert filters_to_query(Filters(), ds) == {}


# Every form a link may carry -> the id it names. Old labels are those of links sent before ids.
RESOLVE = [
    ("actor", "japan", "japan"), ("actor", "JAPAN", "japan"), ("actor", "Japan", "japan"),
    ("actor", "People's Liberation Army", "pla"), ("actor", "people's liberation army", "pla"),
    ("actor", "Japan (Tokyo)", "japan"), ("actor", "Hoshino Aki (Aki Hoshino, Minister Hoshino)", "hoshino-aki"),
    ("actor", "Hoshino Aki (an alias since removed)", "hoshino-aki"), ("actor", " taiwan ", "taiwan"),
    ("actor", "Tokyo", None), ("actor", "Nobody", None),
    ("category", "statement", "statement"), ("category", "Event: Statement", "statement"),
    ("category", "agreement: raa", "raa"), ("category", "Nope", None),
    ("source", "src-902", "src-902"), ("source", "SRC-902", "src-902"), ("source", "A Hotline Is Not Enough", "src-902"),
    ("source", "a hotline is not enough", "src-902"), ("source", "src-999", None),
]


@pytest.mark.parametrize("key, value, expected", RESOLVE)
def test_link_values_resolve_to_ids(ds, key, value, expected):
    assert resolve(key, value, ds) == expected


def test_read_query_gives_ids_match_and_dates(ds):
    link = read_query({"actor": ["Japan (Tokyo)", "taiwan", "japan"], "match": ["ALL"], "source": ["src-901"],
                       "from": ["2021-01-01"]}, ds, data_date_range(ds))
    assert link.values == {"actor": ["japan", "taiwan"], "match": "all", "source": ["src-901"]}
    assert (link.match, link.dates, link.problems) == ("all", {"from": D(2021, 1, 1)}, [])


def test_describe_filters(ds):
    assert describe_filters(Filters(), ds) == "All records (no filters)"
    text = describe_filters(Filters(actors=("pla", "japan"), start=D(2021, 1, 1), end=D(2021, 6, 30),
                                    categories=("raa",), sources=("src-902",)), ds)
    assert text == ("Actors: People's Liberation Army, Japan · From 1 Jan 2021 to 30 Jun 2021 · "
                    "Categories: Agreement: RAA · Sources: A Hotline Is Not Enough")
    assert describe_filters(Filters(end=D(2020, 5, 1)), ds) == "Until 1 May 2020"
    assert describe_filters(Filters(actors=("japan", "taiwan"), match="all"), ds) == "Actors (all of): Japan, Taiwan"
    assert describe_filters(Filters(match="all"), ds) == "All records (no filters)"


def test_date_range_covers_all_records(ds):
    assert data_date_range(ds) == (D(2010, 1, 1), D(2022, 12, 31))


PROBLEMS = {
    "clean": ({"actor": ["Lantern Party"], "from": ["2021-01-01"], "to": ["2021/12/31"]}, []),
    "unknown actor": ({"actor": ["Lantern Party", "Nobody"]}, ["Ignored unknown actor value(s): 'Nobody'"]),
    "bad category and source": ({"category": ["Event: Nope"], "source": ["x"]},
                                ["Ignored unknown category value(s): 'Event: Nope'", "Ignored unknown source value(s): 'x'"]),
    "not a date": ({"from": ["2021-13-01"]}, ["Ignored 'from=2021-13-01': not a date (use YYYY-MM-DD)"]),
    "out of range": ({"to": ["1990-01-01"]}, ["Ignored 'to=1990-01-01': outside the data (2010-01-01 to 2022-12-31)"]),
    "swapped": ({"from": ["2021-06-01"], "to": ["2021-01-01"]}, ["'from' is after 'to': the dates were swapped"]),
    "empty value clears": ({"actor": [""]}, []),
    "bad match": ({"match": ["both"]}, ["Ignored 'match=both': use 'any' or 'all'"]),
    "repeated from": ({"from": ["2021-01-01", "2021-02-01"]}, ["Several 'from' values: used the first, '2021-01-01'"]),
    "markdown is text": ({"actor": ["![x](http://example.invalid/p.png)"]},
                         ["Ignored unknown actor value(s): '\\!\\[x\\]\\(http:\u2060//example.invalid/p.png\\)'"]),
    "long value shortened": ({"source": ["a" * 500]}, ["Ignored unknown source value(s): '" + "a" * 59 + "…'"]),
}


@pytest.mark.parametrize("raw, expected", PROBLEMS.values(), ids=PROBLEMS.keys())
def test_query_problems(ds, raw, expected):
    assert query_problems(raw, ds, data_date_range(ds)) == expected


# ---------------------------------------------------------------- the vectorised filters against their definition

def reference(ds, f):
    """docs/ARCHITECTURE.md's filter semantics, row by row in plain Python: (events, agreements, proposals, evidence)."""
    lo = pd.Timestamp(f.start) if f.start else pd.Timestamp.min
    hi = pd.Timestamp(f.end) if f.end else pd.Timestamp.max
    own = {kind: set(f.categories) & set(values) or None for kind, values in category_vocabularies(ds.schema).items()}
    quoted = {r.record_id for r in ds.evidence.itertuples() if r.source_id in f.sources}
    measure_category = dict(zip(ds.measures["id"], ds.measures["category"], strict=True))

    def event(r):
        return ((not f.actors or (set(f.actors) <= set(r.actors) if f.match == "all" else set(f.actors) & set(r.actors))) and r.date_start >= lo and r.date_end <= hi
                and (not own["event"] or r.category in own["event"]) and (not f.sources or r.id in quoted))

    def agreement(r):
        span = agreement_span(r.year, r.date)
        parties = {r.party_a, r.party_b, *r.other_parties}
        return ((not f.actors or (set(f.actors) <= parties if f.match == "all" else set(f.actors) & parties))
                and (span is None or (span[0] >= lo and span[1] <= hi))
                and (not own["agreement"] or r.agreement_type in own["agreement"]) and (not f.sources or r.id in quoted))

    def proposal(r):
        dated = not (f.start or f.end) or (r.date_start >= lo and r.date_end <= hi)  # its own date
        return ((not f.actors or ({r.proposer} >= set(f.actors) if f.match == "all" else r.proposer in f.actors)) and dated
                and (not own["measure"] or measure_category.get(r.measure) in own["measure"])
                and (not f.sources or r.id in quoted))

    kept = [[r.id for r in table.itertuples() if keep(r)]
            for table, keep in ((ds.events, event), (ds.agreements, agreement), (ds.proposals, proposal))]
    records = set().union(*kept)
    evidence = [i for i, r in zip(ds.evidence.index, ds.evidence.itertuples(), strict=True)
                if r.record_id in records and (not f.sources or r.source_id in f.sources)]
    return (*kept, evidence)


GRID = [Filters(actors=a, start=s, end=e, categories=c, sources=src, match=m)
        for a, (s, e), c, src, m in itertools.product(
    [(), ("japan",), ("australia", "hoshino-aki"), ("nobody",), ("japan", "taiwan", "dana-whitcombe")],
    [(None, None), (D(2021, 3, 15), D(2021, 3, 20)), (D(2022, 1, 1), None), (None, D(2012, 12, 31))],
    [(), ("dialogue",), ("political", "gsomia", "dialogue-channels")],
    [(), ("src-901",), ("src-900", "src-902")],
    ["any", "all"],
)]


def test_filters_match_their_row_by_row_definition(ds):
    for f in GRID:
        events, agreements, proposals, evidence = reference(ds, f)
        assert list(filter_events(ds, f)["id"]) == events, f
        assert list(filter_agreements(ds, f)["id"]) == agreements, f
        assert list(filter_proposals(ds, f)["id"]) == proposals, f
        assert list(filter_evidence(ds, f).index) == evidence, f


def test_a_copy_with_other_tables_is_filtered_on_its_own_tables(ds):
    """views/agreements.py narrows a copy's evidence under the same version: cached row positions must not leak."""
    filter_evidence(ds, Filters())  # fill the per-dataset lookups with the full tables
    narrowed = replace(ds, evidence=ds.evidence[ds.evidence["source_id"] == "src-901"].reset_index(drop=True))
    f = Filters(sources=("src-901",))
    assert list(filter_evidence(narrowed, Filters())["quote"]) == list(narrowed.evidence["quote"])
    assert ids(filter_events(narrowed, f)) == ids(filter_events(ds, f))


def test_dataset_wide_lists_are_built_once_and_whole(ds):
    for fn in (actor_options, source_options, data_date_range):
        assert fn(ds) is fn(ds)
    # every fixture actor, shortest name first, then by name (so a typed name's own actor is the first option that
    # contains it); aliases that merely repeat the name, like "Whitcombe", left out
    assert list(actor_options(ds).items()) == list({
        "china": "China (Beijing)", "japan": "Japan (Tokyo)", "taiwan": "Taiwan (Taipei)", "australia": "Australia",
        "hoshino-aki": "Hoshino Aki (Aki Hoshino, Minister Hoshino)", "us-analysts": "US analysts",
        "lin-wei-ting": "Lin Wei-ting (Wei-ting Lin)", "jp-lantern-party": "Lantern Party",
        "usa": "United States (Washington, US)", "dana-whitcombe": "Dana Whitcombe (Professor Whitcombe)",
        "uk": "United Kingdom", "pacific-harbour-forum": "Pacific Harbour Forum",
        "tw-ocean-institute": "Ocean Policy Institute", "pla": "People's Liberation Army (PLA)"}.items())
    assert source_options(ds) == {"src-900": "Sea Lanes and Small Steps: Japan, Taiwan and the 2021 Agenda",
                                  "src-901": "[Fictional note on Japan-Taiwan maritime ties]",
                                  "src-902": "A Hotline Is Not Enough"}
