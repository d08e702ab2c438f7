"""strait_watch/views/statements.py and others.py: the 2021 statements and the other agreements, on the fixture."""

import pandas as pd
from agreement_rows import add_rows, labels

from strait_watch.views.others import other_agreements_table
from strait_watch.views.statements import build_statements_figure, build_statements_matrix


def test_statements_matrix(mini):
    s = build_statements_matrix(mini.agreements, **labels(mini))
    assert list(dict.fromkeys(s["id"])) == ["ag-2021-04-jp-us-joint-statement", "ag-2021-06-14-leaders-communique"]
    communique = s[s["id"] == "ag-2021-06-14-leaders-communique"]
    assert list(communique["party"]) == ["japan", "usa", "australia", "uk"]  # most statements first
    assert set(communique["when"]) == {"14 Jun 2021"}
    assert set(s.loc[s["id"] == "ag-2021-04-jp-us-joint-statement", "when"]) == {"Apr 2021"}
    assert communique["quote"].iloc[0].startswith("On 14 June 2021")
    fig = build_statements_figure(s)
    assert len(fig.data[1].x) == len(s) == 6
    assert [d[0] for d in fig.data[1].customdata] == list(s["id"])
    assert "Communiqué of a summit" in fig.data[1].customdata[-1][1]


def test_statements_matrix_narrowed_to_an_actor(mini):
    rows = mini.agreements[mini.agreements["other_parties"].map(lambda p: "uk" in p)]
    s = build_statements_matrix(rows, **labels(mini))
    assert set(s["id"]) == {"ag-2021-06-14-leaders-communique"}
    assert build_statements_figure(s.iloc[0:0]).layout.annotations


def test_other_agreements_table(mini):
    o = other_agreements_table(mini.agreements, **labels(mini))
    assert list(o["id"]) == ["ag-jp-coast-guard-law", "ag-jp-tw-ocean-mechanism"]  # dated first
    mechanism = o.iloc[1]
    assert mechanism["parties"] == "Japan, Taiwan"
    assert mechanism["type"] == "Standing mechanism, working group, dialogue or channel"
    assert mechanism["status"] == "Proposed or advocated; not concluded"
    assert pd.isna(mechanism["year"]) and mechanism["quote"]
    assert o.iloc[0]["year"] == 2021


def test_other_agreements_expand_abbreviations(mini):
    rows = add_rows(mini.agreements, dict(id="ag-lemoa", name="Logistics Exchange Memorandum of Agreement",
                                          abbreviation="LEMOA", party_a="usa", party_b="india",
                                          agreement_type="defence-agreement", year=2016))
    o = other_agreements_table(rows, **labels(mini))
    lemoa = o[o["id"] == "ag-lemoa"].iloc[0]
    assert lemoa["name"] == "Logistics Exchange Memorandum of Agreement (LEMOA)"
    assert lemoa["parties"] == "United States, india"
    assert lemoa["type"].startswith("Other bilateral defence agreement")


def test_statements_with_a_year_only_come_after_that_years_dated_ones(mini):
    rows = add_rows(mini.agreements, dict(id="ag-2021-undated", name="A 2021 statement", party_a="japan",
                                          party_b="australia", agreement_type="joint-statement", year=2021,
                                          status="issued", names_taiwan_strait=True),
                    dict(id="ag-2021-kishi", name="Remarks", party_a="japan", other_parties=["hoshino-aki"],
                         agreement_type="ministerial-remarks", year=2021, date="2021-06-16", status="issued",
                         names_taiwan_strait=True))
    s = build_statements_matrix(rows, **labels(mini))
    assert list(dict.fromkeys(s["id"]))[-1] == "ag-2021-undated"
    assert set(s.loc[s["id"] == "ag-2021-undated", "when"]) == {"2021"}
    # A minister speaks for the state: the person is not a column of its own.
    assert list(s.loc[s["id"] == "ag-2021-kishi", "party"]) == ["japan"]


def test_a_click_leaves_the_statements_bright(mini):
    dots = build_statements_figure(build_statements_matrix(mini.agreements, **labels(mini))).data[1]
    assert dots.unselected.marker.opacity == 1


def test_other_agreements_show_name_and_year_first_and_the_article(mini):
    others = other_agreements_table(mini.agreements, **labels(mini), sources=mini.sources)
    assert list(others.columns[:3]) == ["id", "name", "year"]
    law = others.set_index("id").loc["ag-jp-coast-guard-law"]
    assert law["source"] in set(mini.sources["title"]) and law["source_id"].startswith("src-")


def test_statement_row_labels_are_whole(mini):
    rows = add_rows(mini.agreements, dict(
        id="ag-2021-long", name="A very long statement name that goes on and on past any width a label would keep",
        party_a="japan", party_b="usa", agreement_type="joint-statement", date="2021-05-02", year=2021,
        names_taiwan_strait=True, status="issued"))
    fig = build_statements_figure(build_statements_matrix(rows, **labels(mini)))
    long = next(t for t in fig.layout.yaxis.ticktext if "very long" in t)
    assert "…" not in long and long.replace("<br>", " ") == (
        "2 May 2021 · A very long statement name that goes on and on past any width a label would keep")
    assert fig.layout.yaxis.automargin is True
