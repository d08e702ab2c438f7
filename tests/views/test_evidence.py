"""strait_watch/views/evidence.py: one row per record, search across text and aliases, highlighting, details, codebook."""

import io
import re

import pandas as pd
import pytest
from paths import FIXTURE_COUNTS

from strait_watch.core.export import to_csv
from strait_watch.core.filters import Filters
from strait_watch.views.evidence import (
    RECORD_COLUMNS,
    codebook_tables,
    csv_rows,
    dataset_codebook,
    evidence_records,
    highlight,
    record_details,
    records_grid,
    records_html,
    search_records,
    search_terms,
)


@pytest.fixture(scope="module")
def records(ds):
    return evidence_records(ds, Filters())


def test_one_row_per_record_with_all_its_quotes(ds, records):
    assert len(records) == FIXTURE_COUNTS["events"] + FIXTURE_COUNTS["agreements"] + FIXTURE_COUNTS["proposals"]
    assert records["record_id"].is_unique
    talks = records.set_index("record_id").loc["ev-2021-08-27-party-talks"]
    assert len(talks["quotes"]) == 2 and len(talks["sources"]) == 2


def test_source_filter_keeps_only_its_quotes(ds):
    rows = evidence_records(ds, Filters(sources=("src-901",))).set_index("record_id")
    assert rows.loc["ev-2021-08-27-party-talks", "sources"] == ["[Fictional note on Japan-Taiwan maritime ties]"]
    assert len(rows.loc["ev-2021-08-27-party-talks", "quotes"]) == 1


SEARCHES = {
    "title word": ("cabinet", {"ev-2021-10-new-cabinet"}),
    "case-insensitive quote text": ("YONAGUNI", {"pr-900-hoshino-coast-guard-drills"}),
    "actor alias": ("Minister Hoshino", {"ev-2021-04-20-hoshino-hotline", "ev-2021-03-lantern-study-group",
                                         "pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline"}),
    "all terms must match": ("hotline Whitcombe", {"ev-2021-11-whitcombe-hotline", "pr-902-whitcombe-hotline",
                                                   "pr-902-whitcombe-info-sharing"}),
    "quoted phrase": ('"Taiwan Strait"', {"ev-2021-04-jp-us-joint-statement", "ev-2021-06-14-leaders-communique",
                                         "ag-2021-04-jp-us-joint-statement", "ag-2021-06-14-leaders-communique"}),
    "source titles are not searched": ("Sea Lanes", set()),
    "no match": ("zeppelin", set()),
}


@pytest.mark.parametrize("query, expected", SEARCHES.values(), ids=SEARCHES.keys())
def test_search(records, query, expected):
    assert set(search_records(records, query)["record_id"]) == expected


def test_empty_query_keeps_everything(records):
    assert len(search_records(records, "  ")) == len(records)
    assert search_terms('a "b c"  d') == ["a", "b c", "d"]


def test_highlight_escapes_and_marks():
    assert highlight("Tokyo <b>hotline</b>", "HOTLINE") == "Tokyo &lt;b&gt;<mark>hotline</mark>&lt;/b&gt;"
    assert highlight("a & b", "") == "a &amp; b"


def test_records_html_highlights_and_limits(records):
    found = search_records(records, "cabinet")
    page = records_html(found, "cabinet")
    assert "New <mark>cabinet</mark> in Tokyo" in page
    assert page.count("<tr>") == 2  # header + one row
    assert records_html(records, limit=3).count("<tr>") == 4


def test_csv_download_has_one_quote_per_row_and_iso_dates(ds):
    rows = evidence_records(ds, Filters())
    picked = rows[rows["record_id"].isin(["pr-901-lin-hotline", "ev-2021-08-27-party-talks", "ag-jp-coast-guard-law"])]
    frame = pd.read_csv(io.BytesIO(to_csv(csv_rows(picked))), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["record_id", "type", "date", "date_precision", "title", "summary", "actors",
                                   "quote_number", "quote", "source"]
    hotline = frame[frame["record_id"] == "pr-901-lin-hotline"]
    assert hotline["quote"].tolist() == [
        "Analysts in Taipei have grown used to waiting.",
        "Lin Wei-ting of the Ocean Policy Institute argues that Japan and Taiwan need a standing hotline for maritime incidents."]
    assert hotline["quote_number"].tolist() == ["1", "2"] and set(hotline["date"]) == {"2021-11"}
    assert len(set(hotline["source"])) == 1 and set(hotline["source"]) <= set(ds.sources["title"])
    talks = frame[frame["record_id"] == "ev-2021-08-27-party-talks"]
    assert len(talks) == 2 and set(talks["date"]) == {"2021-08-27"} and set(talks["date_precision"]) == {"day"}
    assert frame.loc[frame["record_id"] == "ag-jp-coast-guard-law", ["date", "date_precision"]].values.tolist() == [
        ["2021", "year"]]
    assert not frame.map(lambda v: " | " in v or "month only" in v or "inferred" in v).to_numpy().any()


def test_records_open_newest_first_at_the_precision_the_text_gives(records):
    ids = records["record_id"].tolist()
    # 2022 (the op-ed's two undated proposals), then November 2021 (the event first, then its month's proposals) ...
    # January 2021, then the year-only 2021 records, then 2019.
    assert ids[0] == "pr-902-analysts-trilateral-dialogue" and ids[2] == "ev-2021-11-whitcombe-hotline"
    assert ids.index("ev-2021-01-12-adiz-sortie") < ids.index("ev-2021-coast-guard-law") < ids.index("ev-2019-07-jp-au-training")
    assert ids.index("ev-2021-11-whitcombe-hotline") < ids.index("ev-2021-10-new-cabinet")
    assert ids[-3:] == ["ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk"]  # undated last
    assert records.set_index("record_id").loc["pr-901-lin-hotline", "date"] == "article of Nov 2021"
    assert records.set_index("record_id").loc["ag-2021-06-14-leaders-communique", "date"] == "14 Jun 2021"


def test_records_grid_is_short_text(records):
    grid = records_grid(records.head(2))
    assert list(grid.columns) == ["Date", "Type", "Title", "Actors", "Quotes", "First quote"]
    assert grid["Date"].tolist() == ["article of 15 Jan 2022"] * 2 and grid["Quotes"].tolist() == [1, 1]


def test_record_details_for_an_event(ds):
    d = record_details(ds, "ev-2021-04-20-hoshino-hotline")
    assert (d["type"], d["date"], d["actors"]) == ("Event", "20 Apr 2021", ["Japan", "Hoshino Aki"])
    quote = d["quotes"][0]
    assert (quote["title"], quote["author"], quote["publisher"]) == (
        "Sea Lanes and Small Steps: Japan, Taiwan and the 2021 Agenda", "Mira Tanabe-Holt", "The Harbour Lantern Review")
    assert d["related"]["Same day"] == []
    assert [r[0] for r in d["related"]["Same month (April 2021)"]] == ["ev-2021-04-jp-us-joint-statement"]


def test_record_details_month_event_lists_that_month(ds):
    d = record_details(ds, "ev-2021-04-jp-us-joint-statement")
    assert list(d["related"]) == ["Same month (April 2021)"]
    assert [r[0] for r in d["related"]["Same month (April 2021)"]] == ["ev-2021-04-20-hoshino-hotline"]


def test_record_details_for_agreements_and_proposals(ds):
    ag = record_details(ds, "ag-2021-06-14-leaders-communique")
    assert ag["type"] == "Agreement" and ag["actors"] == ["Japan", "United States", "United Kingdom", "Australia"]
    pr = record_details(ds, "pr-901-lin-hotline")
    assert pr["title"] == "Lin Wei-ting: Tokyo-Taipei hotline" and pr["quotes"][0]["author"] == ""
    assert record_details(ds, "no-such-id") is None


def test_table_cell_quotes_carry_their_locator(ds):
    # fixture evidence.csv: the Table 1 row "Australia | 2012 | 2010 | 2014 | X" is, for the ACSA record, the ACSA column
    cell = record_details(ds, "ag-acsa-jp-au")["quotes"]
    assert [(q["quote"], q["locator"]) for q in cell] == [
        ("Australia | 2012 | 2010 | 2014 | X", "Table 1, row Australia, column ACSA")]
    prose = record_details(ds, "ag-acsa-jp-uk")["quotes"]
    assert sorted((q["source_id"], q["locator"]) for q in prose) == [
        ("src-900", "Table 1, row United Kingdom, column ACSA"), ("src-902", "")]
    rows = evidence_records(ds, Filters()).set_index("record_id")
    assert rows.loc["ag-acsa-jp-au", "quotes"] == ["[Table 1, row Australia, column ACSA] Australia | 2012 | 2010 | 2014 | X"]
    assert "Japan and the United Kingdom concluded an ACSA in 2017." in rows.loc["ag-acsa-jp-uk", "quotes"]


def test_codebook_generated_from_the_schema(ds):
    tables = dict(codebook_tables(ds.schema))
    events = tables["Event categories"]
    assert events["Value"].tolist() == list(ds.schema["codebook"]["event categories"])
    assert "Agreement statuses" in tables
    fields = next(t for h, t in tables.items() if h.startswith("events.csv"))
    assert fields["Field"].tolist() == [f["name"] for f in ds.schema["resources"][2]["schema"]["fields"]]
    assert fields.set_index("Field").loc["category", "Allowed values"].startswith("statement, dialogue")


ALL_AGREEMENTS_AND_PROPOSALS = {
    "ag-2021-04-jp-us-joint-statement", "ag-2021-06-14-leaders-communique", "ag-acsa-jp-au", "ag-acsa-jp-uk",
    "ag-equipment-jp-au", "ag-equipment-jp-uk", "ag-gsomia-jp-au", "ag-gsomia-jp-uk", "ag-jp-coast-guard-law",
    "ag-jp-tw-ocean-mechanism", "ag-raa-jp-au", "ag-raa-jp-uk",
    "pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline", "pr-900-lantern-taiwan-relations-law",
    "pr-901-lin-coast-guard-drills", "pr-901-lin-hadr-exercises", "pr-901-lin-hotline",
    "pr-901-whitcombe-trilateral-dialogue", "pr-902-analysts-trilateral-dialogue", "pr-902-whitcombe-hotline",
    "pr-902-whitcombe-info-sharing"}
RECORDS_KEPT = {
    "Hoshino's events and proposals": (Filters(actors=("hoshino-aki",)), {
        "ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline", "pr-900-hoshino-coast-guard-drills",
        "pr-900-hoshino-hotline"}),
    # an event category narrows only the events: the four statements, every agreement and proposal
    "an event category": (Filters(categories=("statement",)), {
        "ev-2021-04-20-hoshino-hotline", "ev-2021-04-jp-us-joint-statement", "ev-2021-06-14-leaders-communique",
        "ev-2021-11-whitcombe-hotline", *ALL_AGREEMENTS_AND_PROPOSALS}),
    "nobody": (Filters(actors=("nobody",)), set()),
}


@pytest.mark.parametrize("f, kept", RECORDS_KEPT.values(), ids=RECORDS_KEPT.keys())
def test_filtered_rows_are_the_records_kept_with_their_quotes(ds, f, kept):
    rows = evidence_records(ds, f)
    assert set(rows["record_id"]) == kept and len(rows) == len(kept) and list(rows.columns) == RECORD_COLUMNS
    if "pr-900-hoshino-hotline" in kept:
        row = rows.set_index("record_id").loc["pr-900-hoshino-hotline"]
        assert row["quotes"] == ["Minister Hoshino said that a hotline between Tokyo and Taipei is overdue."]
        assert row["sources"] == ["Sea Lanes and Small Steps: Japan, Taiwan and the 2021 Agenda"]


def test_source_filter_rows_are_not_taken_from_the_cache(ds, records):
    rows = evidence_records(ds, Filters(sources=("src-902",)))
    # src-902 quotes five events, four agreements and its three proposals (fixture evidence.csv)
    assert len(rows) == 12 and all(s == ["A Hotline Is Not Enough"] for s in rows["sources"])
    acsa = rows.set_index("record_id").loc["ag-acsa-jp-uk", "quotes"]
    assert acsa == ["Japan and the United Kingdom concluded an ACSA in 2017."]  # not its Table 1 row from src-900


def test_highlighting_a_table_equals_highlighting_each_cell(records):
    page = records_html(records, "japan hotline")
    assert page.count("<mark>") > 0
    for title in records["title"]:
        assert highlight(title, "japan hotline") in page


def test_dataset_codebook_equals_codebook_tables(ds):
    cached, direct = dataset_codebook(ds), codebook_tables(ds.schema)
    assert [h for h, _ in cached] == [h for h, _ in direct]
    assert all(a.equals(b) for (_, a), (_, b) in zip(cached, direct, strict=True))
    assert dataset_codebook(ds) is cached


@pytest.mark.parametrize("record_id, sources, shown, hidden", [
    ("ev-2021-08-27-party-talks", (), {"src-900", "src-901"}, 0),
    ("ev-2021-08-27-party-talks", ("src-901",), {"src-901"}, 1),
    ("ag-acsa-jp-uk", ("src-902",), {"src-902"}, 1),
    ("ag-acsa-jp-uk", ("src-901",), set(), 2),
])
def test_record_details_narrows_quotes_to_the_source_filter(ds, record_id, sources, shown, hidden):
    d = record_details(ds, record_id, sources)
    assert {q["source_id"] for q in d["quotes"]} == shown
    assert d["hidden_quotes"] == hidden


def _luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance, written out here (not taken from the code under test)."""
    h = hex_colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_matches_known_ratios():
    assert round(_contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(_contrast("#767676", "#ffffff"), 2) == 4.54  # the classic AA threshold grey


def test_quote_text_and_highlights_meet_wcag_aa(records):
    css = records_html(records.head(1), "japan")
    rules = dict(re.findall(r"([.\w -]+)\{([^}]*)\}", css.split("<style>")[1].split("</style>")[0]))

    def prop(selector, name):
        return re.search(rf"(?:^|;){name}:(#[0-9a-fA-F]{{6}})", rules[selector]).group(1)

    page = prop(".sw-ev", "background")
    for selector in (".sw-ev", ".sw-ev .sw-quote", ".sw-meta"):
        assert _contrast(prop(selector, "color"), page) >= 4.5, selector
    assert _contrast(prop(".sw-ev mark", "color"), prop(".sw-ev mark", "background")) >= 4.5
    assert "<mark>" in css


def test_evidence_panel_quote_meets_wcag_aa_and_is_escaped():
    from strait_watch.core.text import quote_html
    block = quote_html("<b>x</b> & y")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in block
    colour = re.search(r";color:(#[0-9a-fA-F]{6})", block).group(1)
    background = re.search(r"background:(#[0-9a-fA-F]{6})", block).group(1)
    assert _contrast(colour, background) >= 4.5
