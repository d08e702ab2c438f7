"""strait_watch/core/export.py, views/network/picture.py and render.py: file names, the PNG toolbar config, the rows behind views, images."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.export import chart_config, export_filename, to_csv
from strait_watch.core.filters import Filters, filters_slug
from strait_watch.render import ChromiumRenderer, NoRenderer, RenderError, placeholder_png, render_png
from strait_watch.views.matrix import matrix_rows, matrix_table
from strait_watch.views.network.drawing import compute_layout
from strait_watch.views.network.export import proposal_rows
from strait_watch.views.network.graph import proposal_graph
from strait_watch.views.network.picture import build_network_figure
from strait_watch.views.statements import statements_rows, statements_table
from strait_watch.views.timeline import timeline_events, timeline_rows

D = dt.date


@pytest.mark.parametrize("f, name", [
    (Filters(), "strait-watch_timeline_all.csv"),
    (Filters(actors=("japan",), start=D(2021, 1, 1), end=D(2021, 12, 31)),
     "strait-watch_timeline_actor-japan_2021-01-01--2021-12-31.csv"),
    (Filters(actors=("taiwan", "japan")), "strait-watch_timeline_actor-japan+taiwan.csv"),
    (Filters(start=D(2021, 3, 1)), "strait-watch_timeline_2021-03-01--end.csv"),
    (Filters(end=D(2021, 3, 1)), "strait-watch_timeline_start--2021-03-01.csv"),
    (Filters(categories=("statement",), sources=("src-900",)), "strait-watch_timeline_category-statement_source-src-900.csv"),
    (Filters(actors=("a", "b", "c", "d")), "strait-watch_timeline_actor-4-selected.csv"),
])
def test_file_names_say_view_and_filters(f, name):
    assert export_filename("timeline", f) == name


def test_file_names_say_the_search():
    assert export_filename("evidence", Filters(), search="Hotline") == "strait-watch_evidence_search-hotline.csv"
    assert export_filename("evidence", Filters(actors=("japan",)), search='"coast guard"') == (
        "strait-watch_evidence_actor-japan_search-coast-guard.csv")
    assert export_filename("evidence", Filters(), search="  ") == "strait-watch_evidence_all.csv"


@pytest.mark.parametrize("cell, written", [
    ("=HYPERLINK(\"http://x.invalid\",\"click\")", "'=HYPERLINK(\"http://x.invalid\",\"click\")"),
    ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("Japan = partner", "Japan = partner"), ("2+2 talks", "2+2 talks"),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, written):
    frame = pd.DataFrame({"title": [cell], "n": [-3]})
    back = pd.read_csv(io.BytesIO(to_csv(frame)), dtype=str, keep_default_na=False)
    assert back["title"].tolist() == [written]
    assert back["n"].tolist() == ["-3"]  # numbers are numbers, not text


def test_csv_list_cells_become_one_row_each():
    frame = pd.DataFrame({"id": ["a", "b"], "quote": [["=one", "two | three"], []]})
    back = pd.read_csv(io.BytesIO(to_csv(frame)), dtype=str, keep_default_na=False)
    assert back.values.tolist() == [["a", "'=one"], ["a", "two | three"], ["b", ""]]
    assert to_csv(frame).startswith("\ufeff".encode("utf-8"))  # a BOM: spreadsheets read the quotes as UTF-8


def test_file_names_stay_short_and_safe():
    f = Filters(actors=("x" * 80, "y" * 80), categories=("Weird / Value",), sources=("z" * 90,), start=D(2021, 1, 1))
    name = export_filename("Agreement matrix 2021", f, ext="csv")
    assert len(name) <= 160 and name.endswith(".csv") and "/" not in name and " " not in name
    assert filters_slug(Filters(categories=("Weird / Value",))) == "category-weird-value"


def test_chart_config_saves_png_at_presentation_resolution():
    f = Filters(actors=("japan",))
    config = chart_config("timeline", f)
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "strait-watch_timeline_actor-japan", "scale": 3}
    assert config["displaylogo"] is False and config["displayModeBar"]
    assert chart_config("x", f, scrollZoom=True)["scrollZoom"] is True


def test_timeline_rows_are_the_events_shown(mini):
    f = Filters(actors=("japan",))
    events = timeline_events(mini, f)
    rows = timeline_rows(events, mini)
    assert sorted(rows["id"]) == sorted(events["id"])
    assert all("Japan" in a for a in rows["actors"])
    back = pd.read_csv(io.BytesIO(to_csv(rows)), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["id", "date", "date_precision", "date_start", "date_end", "category", "title",
                                  "actors", "key_event"]
    assert back["id"].tolist() == rows["id"].tolist()
    assert (back["date_start"] <= back["date_end"]).all()
    by_id = back.set_index("id")
    assert by_id.loc["ev-2021-coast-guard-law", ["date", "date_precision", "date_start", "date_end"]].tolist() == [
        "2021", "year", "2021-01-01", "2021-12-31"]
    assert by_id.loc["ev-2021-11-whitcombe-hotline", ["date", "date_precision"]].tolist() == ["2021-11", "month"]


def test_matrix_statement_and_proposal_rows(mini):
    f = Filters(sources=("src-900",))
    table, _ = matrix_table(mini, f)
    rows = matrix_rows(table)
    assert len(rows) == len(table) and {"partner", "agreement_type", "state", "year", "quote"} <= set(rows.columns)
    assert set(rows.loc[rows["source_id"] != "", "source_id"]) <= {"src-900"}
    statements = statements_rows(statements_table(mini, f))
    assert list(statements.columns) == ["id", "statement", "date", "date_precision", "type", "party", "status", "quote",
                                        "source", "source_id"]
    assert statements.set_index("id").loc["ag-2021-06-14-leaders-communique", ["date", "date_precision"]].iloc[0].tolist() == [
        "2021-06-14", "day"]
    G = proposal_graph(mini, Filters())
    proposals = proposal_rows(G)
    assert len(proposals) == G.number_of_edges() == FIXTURE_COUNTS["proposals"]
    back = pd.read_csv(io.BytesIO(to_csv(proposals)), dtype=str, keep_default_na=False)
    assert len(back) == FIXTURE_COUNTS["proposals"] + 1  # pr-901-lin-hotline has two quotes: two rows
    hotline = back[back["proposal_id"] == "pr-901-lin-hotline"]
    assert sorted(hotline["quote"]) == [
        "Analysts in Taipei have grown used to waiting.",
        "Lin Wei-ting of the Ocean Policy Institute argues that Japan and Taiwan need a standing hotline for maritime incidents."]
    assert not back["quote"].str.contains(" [|] ").any()


def test_network_figure_draws_every_node(mini):
    G = proposal_graph(mini, Filters())
    fig = build_network_figure(G, compute_layout(G))
    nodes = sum(len(t.x) for t in fig.data if t.mode == "markers+text")
    assert nodes == G.number_of_nodes()
    assert build_network_figure(G.subgraph([]), {}).data == ()


def test_renderers_fail_with_a_reason_never_a_traceback():
    fig = build_network_figure(proposal_graph(load_dataset(FIXTURE_DIR, FIXTURE_CORPUS), Filters()), {})
    assert render_png(NoRenderer("off"), fig, width=10, height=10) == (None, "off")
    assert render_png(None, fig, width=10, height=10)[0] is None
    missing = ChromiumRenderer("/nonexistent/chromium")
    with pytest.raises(RenderError, match="No Chromium at /nonexistent/chromium"):
        missing.png(fig, width=10, height=10)
    png = placeholder_png("The network image could not be drawn: no browser")
    assert png.startswith(b"\x89PNG")
