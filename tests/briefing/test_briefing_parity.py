"""Each page and its slide draw the same records: the Timeline, Agreements and Proposals pages (AppTest on the
fixture, page controls at their defaults) against the views of `prepare_pack`, for several filter sets.
Both sides come from the one definition in strait_watch/views.py; the expected ids of two filter sets are
written by hand from tests/fixtures/mini/."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from apps import bidi_components, network_data, table_frames
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REPO
from streamlit.testing.v1 import AppTest

from strait_watch.briefing.pack import prepare_pack
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters

D = dt.date
# name -> (Filters, the sidebar's widget values that set them)
FILTER_SETS = {
    "none": (Filters(), {}),
    "actor": (Filters(actors=("japan",)), {"actor": ["japan"]}),
    "uk": (Filters(actors=("uk",)), {"actor": ["uk"]}),
    "dates": (Filters(start=D(2021, 4, 1), end=D(2021, 6, 30)), {"from": D(2021, 4, 1), "to": D(2021, 6, 30)}),
    "source": (Filters(sources=("src-902",)), {"source": ["src-902"]}),
    "category": (Filters(categories=("statement",)), {"category": ["statement"]}),
}

# Read by hand from tests/fixtures/mini/: the 2021 events drawn on the chart (the year-only Coast Guard law
# is listed under it, not drawn), the statements naming the Strait, the proposals.
EXPECTED = {
    "none": {
        "timeline": {"ev-2021-01-12-adiz-sortie", "ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline",
                     "ev-2021-04-jp-us-joint-statement", "ev-2021-06-14-leaders-communique", "ev-2021-07-03-pla-drill",
                     "ev-2021-08-27-party-talks", "ev-2021-10-new-cabinet", "ev-2021-11-whitcombe-hotline"},
        "statements": {"ag-2021-04-jp-us-joint-statement", "ag-2021-06-14-leaders-communique"},
        "matrix": {"ag-acsa-jp-au": "<b>2010</b>", "ag-raa-jp-uk": "✕ none"},
        "network": {"pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline", "pr-900-lantern-taiwan-relations-law",
                    "pr-901-lin-coast-guard-drills", "pr-901-lin-hadr-exercises", "pr-901-lin-hotline",
                    "pr-901-whitcombe-trilateral-dialogue", "pr-902-analysts-trilateral-dialogue",
                    "pr-902-whitcombe-hotline", "pr-902-whitcombe-info-sharing"},
    },
    "actor": {
        "timeline": {"ev-2021-04-20-hoshino-hotline", "ev-2021-04-jp-us-joint-statement",
                     "ev-2021-06-14-leaders-communique", "ev-2021-10-new-cabinet", "ev-2021-11-whitcombe-hotline"},
    },
    "uk": {"statements": {"ag-2021-06-14-leaders-communique"}},
    "source": {"network": {"pr-902-analysts-trilateral-dialogue", "pr-902-whitcombe-hotline",
                           "pr-902-whitcombe-info-sharing"}},
}


@pytest.fixture(scope="module")
def mini():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


@pytest.fixture(scope="module")
def pages():
    """page, filter-set name -> the AppTest after its run (each page once per filter set)."""
    done: dict = {}

    def run(page: str, name: str) -> AppTest:
        if (page, name) not in done:
            # set per run, not for the module: conftest restores the environment after each test
            os.environ["STRAIT_WATCH_DATA"], os.environ["STRAIT_WATCH_CORPUS"] = str(FIXTURE_DIR), str(FIXTURE_CORPUS)
            at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
            for key, value in FILTER_SETS[name][1].items():
                at.session_state[key] = value
            at.switch_page(f"app_pages/{page}.py")
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            done[page, name] = at
        return done[page, name]
    return run


def figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def event_ids(fig: dict) -> set[str]:
    """The events a timeline figure draws (not its monthly density strip)."""
    return {c[0] for t in fig["data"] if t.get("name") != "Events per month" for c in t.get("customdata") or []
            if str(c[0]).startswith("ev-")}


def matrix_cells(fig: dict) -> dict[str, str]:
    trace = fig["data"][1]
    return {d[0]: t for d, t in zip(trace["customdata"], trace["text"], strict=True) if d[0]}


def statement_ids(fig: dict) -> set[str]:
    return {d[0] for d in fig["data"][1]["customdata"]}


def network_proposals(at) -> set[str]:
    """The proposals on the edges the mounted network component received."""
    drawn = any(p.component_name.endswith("strait_watch_network") for p in bidi_components(at))  # not the width probe
    return {p for e in network_data(at)["base"]["edges"] for p in e["proposals"]} if drawn else set()


def views_of(mini, name):
    return {v.key: v for v in prepare_pack(mini, FILTER_SETS[name][0]).views}


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_timeline_page_and_slide_draw_the_same_events(mini, pages, name):
    at = pages("timeline", name)
    slide = views_of(mini, name)["timeline"]
    page_ids = set().union(*(event_ids(f) for f in figures(at))) if figures(at) else set()
    slide_ids = event_ids(json.loads(slide.figure.to_json())) if slide.figure is not None else set()
    assert page_ids == slide_ids
    assert slide_ids <= set(slide.records)
    if "timeline" in EXPECTED.get(name, {}):
        assert page_ids == EXPECTED[name]["timeline"]


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_agreements_page_and_slides_draw_the_same_cells_and_statements(mini, pages, name):
    at = pages("agreements", name)
    views = views_of(mini, name)
    figs = figures(at)
    matrix = [f for f in figs if (f["layout"].get("title") or {}).get("text", "").startswith("As of")]
    statements = [f for f in figs if len(f["data"]) > 1 and f["data"][1].get("name") == "statements"]
    slide_matrix, slide_statements = views["matrix"], views["statements"]
    if slide_matrix.figure is None:
        assert matrix == []
    else:
        page_cells = matrix_cells(matrix[0])
        assert page_cells == matrix_cells(json.loads(slide_matrix.figure.to_json()))
        assert set(page_cells) == {i for i in slide_matrix.table["id"] if i} == set(slide_matrix.records)
        for record, text in EXPECTED.get(name, {}).get("matrix", {}).items():
            assert page_cells[record] == text
    page_statements = statement_ids(statements[0]) if statements else set()
    assert page_statements == set(slide_statements.records)
    if "statements" in EXPECTED.get(name, {}):
        assert page_statements == EXPECTED[name]["statements"]


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_proposals_page_and_slides_draw_the_same_proposals_and_ranking(mini, pages, name):
    at = pages("proposals", name)
    views = views_of(mini, name)
    assert network_proposals(at) == set(views["network"].records)
    if "network" in EXPECTED.get(name, {}):
        assert set(views["network"].records) == EXPECTED[name]["network"]
    ranking = [t for label, t in table_frames(at).items() if label == "Consensus measures"]
    slide = views["consensus"].table
    if views["network"].records:
        assert list(ranking[0]["measure_id"]) == list(slide["measure_id"])
        assert list(ranking[0]["Proposers"]) == list(slide["Proposers"])


def test_present_tables_head_every_column_the_first_too(mini):
    from strait_watch.briefing.model import VIEW_LABELS, Brief
    from strait_watch.briefing.pptx import table_frame

    views = {v.key: v for v in prepare_pack(mini, FILTER_SETS[next(iter(FILTER_SETS))][0],
                                            Brief(slides=tuple(VIEW_LABELS))).views}  # every view, the others' too
    for key, first in (("consensus", "Measure (distinct proposers)"), ("statements", "Date"), ("matrix", "Partner"),
                       ("others", "Year")):
        frame, _ = table_frame(views[key])
        assert frame.index.name == first, key  # st.table draws it in the corner cell, not a blank heading
        assert "" not in list(frame.columns)
