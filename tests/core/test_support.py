"""Corroboration, visible: distinct sources per record, the 'sources per record' filter (URL `support=`),
the Evidence page's Sources column and the timeline/matrix hovers. Expected values read by hand from
tests/fixtures/mini/evidence.csv: three records have two sources (ag-acsa-jp-uk, ag-equipment-jp-au,
ev-2021-08-27-party-talks); every other record has one."""

import datetime as dt
import os

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.testing.v1 import AppTest

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import (
    Filters,
    describe_filters,
    filter_agreements,
    filter_events,
    filter_proposals,
)
from strait_watch.core.links import filters_to_query, read_query
from strait_watch.core.support import sources_per_record, support_of
from strait_watch.views.matrix import cell_hover
from strait_watch.views.timeline import build_timeline_figure

MULTI = {"ag-acsa-jp-uk", "ag-equipment-jp-au", "ev-2021-08-27-party-talks"}


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


def test_sources_per_record(ds):
    counts = sources_per_record(ds.evidence)
    assert {r for r, n in counts.items() if n > 1} == MULTI
    assert counts["ev-2021-08-27-party-talks"] == 2 and counts["pr-900-hoshino-hotline"] == 1
    assert support_of(ds.events["id"], ds.evidence).tolist().count(1) == 12


def test_the_filter_keeps_single_or_multi_source_records(ds):
    multi, single = Filters(support="multi"), Filters(support="single")
    assert set(filter_events(ds, multi)["id"]) == {"ev-2021-08-27-party-talks"}
    assert set(filter_agreements(ds, multi)["id"]) == {"ag-acsa-jp-uk", "ag-equipment-jp-au"}
    assert filter_proposals(ds, multi).empty
    assert len(filter_events(ds, single)) == 12 and len(filter_agreements(ds, single)) == 10
    assert len(filter_events(ds, Filters())) == 13
    assert describe_filters(single, ds) == "Single-source records only"


def test_the_filter_in_links(ds):
    assert filters_to_query(Filters(support="multi")) == {"support": ["multi"]}
    assert filters_to_query(Filters()) == {}
    window = (dt.date(2000, 1, 1), dt.date(2030, 12, 31))
    assert read_query({"support": ["Single"]}, ds, window).support == "single"
    bad = read_query({"support": ["often"]}, ds, window)
    assert bad.support is None and bad.problems == ["Ignored 'support=often': use 'single' or 'multi'"]


def test_timeline_hover_marks_single_source_events(ds):
    events = ds.events.assign(support=support_of(ds.events["id"], ds.evidence))
    fig = build_timeline_figure(events, lanes="category")
    dates = {row[0]: row[2] for trace in fig.data if trace.customdata is not None for row in trace.customdata}
    assert dates["ev-2021-04-20-hoshino-hotline"].endswith(" · single source")
    assert "single source" not in dates["ev-2021-08-27-party-talks"]


def test_matrix_hover_marks_a_single_source_cell():
    cell = {"partner_name": "Australia", "type_short": "RAA", "type_long": "Reciprocal Access Agreement",
            "state": "none", "name": "", "abbreviation": "", "year": None, "status": "none-as-of-source",
            "more": 0, "quote": "", "source_id": "", "support": 1}
    assert "Single source: quoted in one article only" in cell_hover(cell, None)
    assert "Single source" not in cell_hover({**cell, "support": 2}, None)


def test_evidence_page_sources_column_and_url_filter():
    os.environ["STRAIT_WATCH_DATA"] = str(FIXTURE_DIR)
    os.environ["STRAIT_WATCH_CORPUS"] = str(FIXTURE_CORPUS)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["support"] = "multi"
    at.switch_page("app_pages/evidence.py").run()
    assert not at.exception
    grid = at.dataframe[0].value
    assert set(grid["Title"]) and len(grid) == 3
    assert set(grid["Sources"]) == {"2"}
    assert at.session_state["support"] == "multi"
