"""strait_watch/views/matrix.py: Table 1 on the shipped data, then the matrix, its figures and the as-of control
on the fixture (statements and other agreements: test_agreements_statements.py)."""

import datetime as dt

import pandas as pd
import pytest
from agreement_rows import add_rows, cell, labels

from strait_watch.views.matrix import (
    ARTICLE_PARTNERS,
    CONCLUDED,
    LATER,
    MATRIX_COLUMNS,
    MATRIX_TYPES,
    MISSING,
    NONE,
    OTHER,
    agreement_partners,
    as_of_bounds,
    build_matrix_animation,
    build_matrix_figure,
    build_matrix_table,
    count_by_partner,
    counts_by_partner_year,
    follow_as_of,
    matrix_as_of,
)
from strait_watch.views.statements import build_statements_matrix

# The article's Table 1 (source 000), cell by cell; None is an X.
TABLE_1 = {
    "gsomia": {"australia": 2012, "india": 2015, "uk": 2013, "france": None, "germany": 2021},
    "acsa": {"australia": 2017, "india": 2020, "uk": 2017, "france": 2018, "germany": None},
    "equipment": {"australia": 2014, "india": 2015, "uk": 2013, "france": 2015, "germany": 2017},
    "raa": {"australia": 2020, "india": None, "uk": None, "france": None, "germany": None},
}
TABLE_1_CELLS = [(p, t, y) for t, row in TABLE_1.items() for p, y in row.items()]


@pytest.fixture(scope="module")
def shipped_matrix(shipped):
    return build_matrix_table(shipped.agreements, evidence=shipped.evidence, actors=shipped.actors,
                                 codebook=shipped.schema["codebook"])


@pytest.fixture(scope="module")
def matrix(mini):
    return build_matrix_table(mini.agreements, **labels(mini))


# --- the shipped data: the article's Table 1 -----------------------------------------------------

@pytest.mark.parametrize(("partner", "agreement_type", "year"), TABLE_1_CELLS)
def test_table1_cell_has_the_article_value(shipped_matrix, partner, agreement_type, year):
    c = cell(shipped_matrix, partner, agreement_type)
    assert c["table1"]
    if year is None:
        assert pd.isna(c["year"]) and c["status"] == "none-as-of-source" and c["state"] == NONE
    else:
        assert c["year"] == year and c["state"] == CONCLUDED


def test_table1_has_exactly_twenty_cells_in_the_article_order(shipped_matrix):
    t1 = shipped_matrix[shipped_matrix["table1"]]
    assert len(t1) == 20
    assert list(dict.fromkeys(shipped_matrix["partner"]))[:5] == list(ARTICLE_PARTNERS)
    assert list(dict.fromkeys(shipped_matrix["agreement_type"]))[:4] == list(MATRIX_TYPES)


def test_table1_figure_shows_the_article_text(shipped, shipped_matrix):
    fig = build_matrix_figure(shipped_matrix, codebook=shipped.schema["codebook"])
    cells = fig.data[1]
    shown = {(d[2], d[3]): text for d, text in zip(cells.customdata, cells.text, strict=True)}
    for partner, agreement_type, year in TABLE_1_CELLS:
        assert shown[(partner, agreement_type)] == (f"<b>{year}</b>" if year else "✕ none")


@pytest.mark.parametrize(("year", "expected"), [
    (2012, {"australia": 1, "india": 0, "uk": 0, "france": 0, "germany": 0}),
    (2013, {"australia": 1, "india": 0, "uk": 2, "france": 0, "germany": 0}),
    (2015, {"australia": 2, "india": 2, "uk": 2, "france": 1, "germany": 0}),
    (2017, {"australia": 3, "india": 2, "uk": 3, "france": 1, "germany": 1}),
    (2020, {"australia": 4, "india": 3, "uk": 3, "france": 2, "germany": 1}),
    (2021, {"australia": 4, "india": 3, "uk": 3, "france": 2, "germany": 2}),
])
def test_table1_as_of(shipped_matrix, year, expected):
    t1 = shipped_matrix[shipped_matrix["table1"]]
    counts = count_by_partner(matrix_as_of(t1, year))
    assert counts.to_dict() == expected


def test_table1_as_of_2016_cell_states(shipped_matrix):
    t = matrix_as_of(shipped_matrix, 2016)
    assert cell(t, "australia", "acsa")["state"] == LATER        # 2017
    assert cell(t, "australia", "equipment")["state"] == CONCLUDED  # 2014
    assert cell(t, "germany", "raa")["state"] == NONE            # an X stays an X


def test_shipped_statements_name_the_forums(shipped):
    s = build_statements_matrix(shipped.agreements, **labels(shipped))
    assert not s.empty
    assert {"japan", "usa"} <= set(s["party"])
    assert (s["when"].str.contains("2021")).all()


# --- the matrix on the fixture --------------------------------------------------------------------

def test_fixture_matrix_cells(matrix):
    assert list(dict.fromkeys(matrix["partner"])) == ["australia", "uk"]  # article order, only those present
    assert list(matrix["agreement_type"][:4]) == list(MATRIX_TYPES)
    acsa = cell(matrix, "australia", "acsa")
    assert (acsa["year"], acsa["id"], acsa["type_short"]) == (2010, "ag-acsa-jp-au", "ACSA")
    assert acsa["type_long"] == "Acquisition and Cross-Servicing Agreement"
    assert acsa["partner_name"] == "Australia" and acsa["quote"].startswith("Australia | 2012")
    assert cell(matrix, "uk", "raa")["state"] == NONE


def test_matrix_leaves_out_statements_laws_and_mechanisms(matrix):
    assert not set(matrix["id"]) & {"ag-2021-04-jp-us-joint-statement", "ag-jp-coast-guard-law",
                                    "ag-jp-tw-ocean-mechanism"}


def test_extra_partner_becomes_a_column_after_the_article_five(mini):
    rows = add_rows(mini.agreements, dict(id="ag-acsa-jp-ca", name="Japan-Canada ACSA", party_a="canada",
                                          party_b="japan", agreement_type="acsa", year=2018),
                    dict(id="ag-acsa-jp-be", name="Japan-Belgium ACSA", party_a="japan", party_b="belgium",
                         agreement_type="acsa", year=2019))
    t = build_matrix_table(rows, **labels(mini))
    assert list(dict.fromkeys(t["partner"])) == ["australia", "uk", "belgium", "canada"]  # then by name
    assert cell(t, "canada", "acsa")["year"] == 2018
    assert cell(t, "canada", "gsomia")["state"] == MISSING  # no row: "not recorded", not an X
    assert cell(t, "canada", "gsomia")["partner_name"] == "canada"  # unknown actor: its id


def test_multilateral_agreement_of_a_matrix_type_is_not_a_cell(mini):
    rows = add_rows(mini.agreements, dict(id="ag-acsa-multi", name="Multilateral ACSA", party_a="japan",
                                          party_b="usa", other_parties=["uk"], agreement_type="acsa", year=2019))
    assert "ag-acsa-multi" not in set(build_matrix_table(rows, **labels(mini))["id"])


def test_extra_type_becomes_a_row_after_the_article_four(mini):
    rows = add_rows(mini.agreements, dict(id="ag-def-jp-au", name="Japan-Australia defence pact", party_a="japan",
                                          party_b="australia", agreement_type="defence-agreement", year=2019))
    assert "defence-agreement" not in set(build_matrix_table(rows, **labels(mini))["agreement_type"])
    t = build_matrix_table(rows, types=(*MATRIX_TYPES, "defence-agreement"), **labels(mini))
    assert list(dict.fromkeys(t["agreement_type"])) == [*MATRIX_TYPES, "defence-agreement"]
    assert cell(t, "australia", "defence-agreement")["year"] == 2019
    assert cell(t, "uk", "defence-agreement")["state"] == MISSING
    assert cell(t, "uk", "defence-agreement")["type_short"] == "Defence agreement"


def test_two_agreements_in_one_cell_show_the_table1_one(mini):
    rows = add_rows(mini.agreements, dict(id="ag-acsa-jp-au-2", name="Revised ACSA", party_a="japan",
                                          party_b="australia", agreement_type="acsa", year=2005))
    c = cell(build_matrix_table(rows, **labels(mini)), "australia", "acsa")
    assert (c["id"], c["more"]) == ("ag-acsa-jp-au", 1)


def test_undated_or_proposed_cell_is_other(mini):
    rows = mini.agreements.copy()
    rows.loc[rows["id"] == "ag-acsa-jp-uk", ["status", "year"]] = ["proposed", pd.NA]
    c = cell(build_matrix_table(rows, **labels(mini)), "uk", "acsa")
    assert c["state"] == OTHER


def test_empty_input_gives_an_empty_table_and_a_message_figure(mini):
    t = build_matrix_table(mini.agreements.iloc[0:0], **labels(mini))
    assert t.empty and list(t.columns) == MATRIX_COLUMNS
    fig = build_matrix_figure(t)
    assert "No agreements" in fig.layout.annotations[0].text
    assert build_matrix_animation(t).frames == ()


@pytest.mark.parametrize(("year", "states"), [
    (2009, {"gsomia": LATER, "acsa": LATER, "equipment": LATER, "raa": NONE}),
    (2010, {"gsomia": LATER, "acsa": CONCLUDED, "equipment": LATER, "raa": NONE}),
    (2014, {"gsomia": CONCLUDED, "acsa": CONCLUDED, "equipment": CONCLUDED, "raa": NONE}),
    (None, {"gsomia": CONCLUDED, "acsa": CONCLUDED, "equipment": CONCLUDED, "raa": NONE}),
])
def test_matrix_as_of_australia(matrix, year, states):
    t = matrix_as_of(matrix, year)
    assert {r["agreement_type"]: r["state"] for _, r in t[t["partner"] == "australia"].iterrows()} == states


def test_as_of_argument_equals_matrix_as_of(mini, matrix):
    direct = build_matrix_table(mini.agreements, 2013, **labels(mini))
    pd.testing.assert_frame_equal(direct, matrix_as_of(matrix, 2013))


def test_counts_by_partner_year(matrix):
    counts = counts_by_partner_year(matrix, range(2012, 2018))
    assert list(counts.index) == ["Australia", "United Kingdom"]
    assert counts.loc["Australia"].tolist() == [2, 2, 3, 3, 3, 3]
    assert counts.loc["United Kingdom"].tolist() == [0, 2, 2, 2, 2, 3]


@pytest.mark.parametrize("years", [range(2012, 2022), range(2014, 2015), range(2005, 2009)])
def test_counts_by_partner_year_counts_the_matrix_as_of_each_year(shipped_matrix, matrix, years):
    """The table is computed in one pass; it must say what the matrix as of each year says."""
    for table in (shipped_matrix, matrix):
        counts = counts_by_partner_year(table, years)
        names = dict(zip(table["partner"], table["partner_name"], strict=True))
        for year in years:
            expected = count_by_partner(matrix_as_of(table, year))
            assert counts[year].tolist() == expected.tolist()
            assert list(counts.index) == [names[p] for p in expected.index]


def test_count_by_partner_keeps_matrix_order_and_zeros(matrix):
    counts = count_by_partner(matrix_as_of(matrix, 2012))
    assert counts.index.name == "partner" and counts.dtype == int
    assert counts.to_dict() == {"australia": 2, "uk": 0}
    assert count_by_partner(matrix.iloc[:0]).empty


# --- the figures ---------------------------------------------------------------------------------

def test_matrix_figure_cells_are_clickable_with_ids_and_hover(mini, matrix):
    fig = build_matrix_figure(matrix_as_of(matrix, 2013), codebook=mini.schema["codebook"])
    heat, cells = fig.data[0], fig.data[1]
    assert heat.type == "heatmap" and heat.hoverinfo == "skip"
    assert cells.type == "scatter" and len(cells.x) == len(matrix)
    ids = [d[0] for d in cells.customdata]
    assert sorted(ids) == sorted(matrix["id"])
    hover = dict(zip(ids, (d[1] for d in cells.customdata), strict=True))
    assert "General Security of Military Information Agreement" in hover["ag-gsomia-jp-au"]
    assert "Australia | 2012" in hover["ag-gsomia-jp-au"] and "Concluded 2012" in hover["ag-gsomia-jp-au"]
    assert "an X in the article's Table 1" in hover["ag-raa-jp-au"]
    assert "Not yet in place" in hover["ag-acsa-jp-uk"]
    assert dict(zip(ids, cells.text, strict=True))["ag-acsa-jp-uk"] == "not yet"
    assert fig.layout.xaxis.ticktext[0].startswith("Australia<br>") and "2 of 4" in fig.layout.xaxis.ticktext[0]
    assert list(fig.layout.yaxis.ticktext) == ["GSOMIA", "ACSA", "Equipment", "RAA"]


def test_none_cells_are_hatched_labelled_and_in_the_legend(matrix):
    fig = build_matrix_figure(matrix)
    none_cells = (matrix["state"] == NONE).sum()
    assert none_cells == 2
    # one path shape holds the hatching: 7 slanted lines per "none" cell (12 minus the 5 that leave its label free)
    assert [s.type for s in fig.layout.shapes] == ["path"]
    assert fig.layout.shapes[0].path.count("M") == 14 and fig.layout.shapes[0].path.count("L") == 14
    phone = build_matrix_figure(matrix, medium="phone").layout.shapes
    assert len(phone) == 1 and phone[0].path.count("M") == 18  # 9 a cell: the phone's "✕" needs less room
    texts = dict(zip((d[0] for d in fig.data[1].customdata), fig.data[1].text, strict=True))
    assert texts["ag-raa-jp-au"] == "✕ none"
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert any("No agreement as of the source" in n for n in legend)
    assert any("Concluded" in n for n in legend)


def test_figure_escapes_text_from_the_data(mini):
    rows = mini.agreements.copy()
    rows.loc[rows["id"] == "ag-acsa-jp-au", "name"] = "<script>alert(1)</script>"
    t = build_matrix_table(rows, **labels(mini))
    hover = {d[0]: d[1] for d in build_matrix_figure(t).data[1].customdata}["ag-acsa-jp-au"]
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_hover_says_when_the_selected_sources_have_no_quote(mini):
    t = build_matrix_table(mini.agreements, evidence=mini.evidence.iloc[0:0], actors=mini.actors)
    assert all(q == "" for q in t["quote"])
    assert "no quote from the selected sources" in build_matrix_figure(t).data[1].customdata[0][1]


def test_animation_has_a_frame_per_year_a_slider_and_play(matrix):
    fig = build_matrix_animation(matrix)
    assert [f.name for f in fig.frames] == [str(y) for y in range(2012, 2022)]
    assert [s.label for s in fig.layout.sliders[0].steps] == [str(y) for y in range(2012, 2022)]
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"
    z = {f.name: f.data[0].z for f in fig.frames}
    assert z["2012"] != z["2017"]  # the UK ACSA (2017) fills in
    texts = dict(zip((d[0] for d in fig.frames[0].data[1].customdata), fig.frames[0].data[1].text, strict=True))
    assert texts["ag-gsomia-jp-uk"] == "not yet" and texts["ag-gsomia-jp-au"] == "<b>2012</b>"


def test_each_animation_frame_draws_the_matrix_as_of_its_year(shipped, shipped_matrix):
    """Frames share hover texts between years: each must still equal the matrix figure of its year."""
    codebook = shipped.schema["codebook"]
    fig = build_matrix_animation(shipped_matrix, codebook=codebook)
    for frame in fig.frames:
        still = build_matrix_figure(matrix_as_of(shipped_matrix, int(frame.name)), codebook=codebook)
        assert frame.data[0].z == still.data[0].z
        assert frame.data[1].customdata == still.data[1].customdata and frame.data[1].text == still.data[1].text
        assert frame.layout.xaxis.ticktext == still.layout.xaxis.ticktext


# --- the as-of control ---------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "bounds"), [
    (None, None, (2012, 2021)),
    (dt.date(2015, 3, 1), None, (2015, 2021)),
    (None, dt.date(2016, 12, 31), (2012, 2016)),
    (dt.date(2014, 1, 1), dt.date(2018, 6, 1), (2014, 2018)),
    (dt.date(2021, 1, 1), dt.date(2021, 12, 31), (2021, 2021)),
    (dt.date(2005, 1, 1), dt.date(2008, 1, 1), (2012, 2012)),
    (dt.date(2023, 1, 1), None, (2021, 2021)),
])
def test_as_of_bounds(start, end, bounds):
    assert as_of_bounds(start, end) == bounds


@pytest.mark.parametrize(("value", "bounds", "previous", "expected"), [
    (None, (2012, 2021), None, 2021),           # first run: the latest year
    (2015, (2012, 2021), (2012, 2021), 2015),   # the user's choice stays
    (2015, (2012, 2016), (2012, 2021), 2016),   # the date filter moved: follow it
    (2019, (2014, 2018), (2014, 2018), 2018),   # out of range: clamped
])
def test_follow_as_of(value, bounds, previous, expected):
    assert follow_as_of(value, bounds, previous) == expected




# --- proposed agreements as of a year ------------------------------------------------------------

def test_undated_proposal_is_not_yet_before_the_article_that_names_it(mini):
    rows = add_rows(mini.agreements, dict(id="ag-gsomia-jp-tw", name="Japan-Taiwan GSOMIA", party_a="japan",
                                          party_b="taiwan", agreement_type="gsomia", status="proposed"))
    quote = pd.DataFrame([{"record_id": "ag-gsomia-jp-tw", "source_id": "src-902", "quote": "q"}])
    evidence = pd.concat([mini.evidence, quote], ignore_index=True)  # src-902 is dated 2022-01-15
    table = build_matrix_table(rows, evidence=evidence, actors=mini.actors, codebook=mini.schema["codebook"],
                                  sources=mini.sources)
    assert cell(table, "taiwan", "gsomia")["named"] == 2022
    assert cell(matrix_as_of(table, 2021), "taiwan", "gsomia")["state"] == LATER
    assert cell(matrix_as_of(table, 2022), "taiwan", "gsomia")["state"] == OTHER
    assert cell(table, "taiwan", "gsomia")["state"] == OTHER  # as of the source
    # "N of M partners": Taiwan's proposed cell is no partner's agreement.
    assert agreement_partners(table) == ["australia", "uk"]
    frames = {f.name: f for f in build_matrix_animation(table, codebook=mini.schema["codebook"]).frames}
    taiwan = next(t for t in frames["2021"].data if t.name == f"text-{LATER}")
    assert "not yet" in taiwan.text


def test_shipped_taiwan_gsomia_is_not_proposed_before_2017(shipped):
    table = build_matrix_table(shipped.agreements, evidence=shipped.evidence, actors=shipped.actors,
                                  codebook=shipped.schema["codebook"], sources=shipped.sources)
    assert cell(matrix_as_of(table, 2016), "taiwan", "gsomia")["state"] == LATER
    assert cell(matrix_as_of(table, 2017), "taiwan", "gsomia")["state"] == OTHER
    assert "taiwan" not in agreement_partners(table)
    assert set(agreement_partners(table)) == {"australia", "india", "uk", "france", "germany"}


def test_a_click_leaves_the_matrix_bright(matrix):
    fig = build_matrix_figure(matrix)
    cells = fig.data[1]
    # the clickable layer is unseen: transparent markers, and its copy of the texts is data, not drawn
    assert cells.mode == "markers" and cells.marker.opacity == 0
    texts = [t for t in fig.data if t.name and t.name.startswith("text-")]
    assert len(texts) == 5 and sum(len(t.text) for t in texts) == len(cells.text)
    for t in texts:  # selected or not, each text keeps its colour: nothing is dimmed
        assert t.selected.textfont.color == t.unselected.textfont.color == t.textfont.color


def test_the_lighter_matrix_keeps_every_cell(matrix):
    """The fixture's matrix: two partners (Australia, the UK) by four types, eight cells, each once clickable and
    once written; two "none" cells hatched by one path."""
    fig = build_matrix_figure(matrix)
    cells = fig.data[1]
    assert len(cells.x) == 8 and cells.mode == "markers"
    texts = [t for t in fig.data if t.name and t.name.startswith("text-")]
    assert sum(len(t.text) for t in texts) == 8
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].type == "path"
