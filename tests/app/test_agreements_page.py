"""The Agreements page under AppTest, on the fixture package, with the global filters.

Filters are preset through session state (the sidebar widgets' keys): AppTest drops query
parameters on `switch_page`. The URL route is covered by tests/browser/test_agreements_browser.py.
"""

import datetime as dt
import json

import pytest
from apps import new_app, table_frames

PAGE = "app_pages/agreements.py"
ANIMATION, COUNTS = "Animation 2012–2021", "Counts per year"


@pytest.fixture
def app():
    def run(**filters):
        at = new_app()
        for key, value in filters.items():
            at.session_state[key] = value
        at.switch_page(PAGE)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return run


def charts(at) -> dict[str, dict]:
    """Plotly figures on the page by their title text (the matrix is titled 'As of <year>'); the phone copy of the
    matrix (shown instead at phone width, tests/views/test_matrix_phone.py) is left out."""
    out = {}
    for el in at.get("plotly_chart"):
        fig = json.loads(el.proto.spec)
        if (fig["layout"].get("meta") or {}).get("medium") == "phone":
            continue
        out[(fig["layout"].get("title") or {}).get("text", "")] = fig
    return out


def cells(fig) -> dict[str, str]:
    """Agreement id -> cell text of a matrix figure."""
    trace = fig["data"][1]
    return {d[0]: t for d, t in zip(trace["customdata"], trace["text"], strict=True) if d[0]}


def others_table(at):
    """The other agreements as the mounted table drew them (columns shown, plus the row ids)."""
    return table_frames(at)["Other agreements and mechanisms"]


def infos(at) -> list[str]:
    return [i.value for i in at.info]


def test_page_draws_matrix_statements_and_others(app):
    at = app(agreements_view=ANIMATION)  # the animation is drawn only while its tab is open
    assert at.title[0].value == "Agreements"
    slider = at.slider(key="asof")
    assert (slider.min, slider.max, slider.value) == (2012, 2021, 2021)
    figs = charts(at)
    matrix = cells(figs["As of 2021"])
    assert matrix["ag-acsa-jp-au"] == "<b>2010</b>" and matrix["ag-raa-jp-uk"] == "✕ none"
    assert "Japan's defence agreements, as of 2012" in figs  # the animation starts in 2012
    statements = [f for f in figs.values() if f["data"][1]["name"] == "statements"]
    assert len(statements) == 1 and len(statements[0]["data"][1]["x"]) == 6
    others = others_table(at)
    assert list(others["name"]) == ["Japan Coast Guard Law (as amended 2021)", "Japan-Taiwan ocean affairs mechanism"]
    assert list(others["year"]) == ["2021", ""]  # a year reads as a year ("2021", not "2,021"); none is blank
    assert not at.dataframe  # a light table, not a data grid (the grid cost the browser ~0.3 s a rerun)
    assert "As of 2021: 6 agreements" in " ".join(m.value for m in at.markdown)


def test_animation_and_counts_are_built_only_in_their_open_tab(app):
    at = app()
    assert "Japan's defence agreements, as of 2012" not in charts(at)
    assert not [d for d in at.dataframe if 2012 in d.value.columns]
    at.session_state["agreements_view"] = COUNTS
    at.run()
    counts = next(d.value for d in at.dataframe if 2012 in d.value.columns)
    assert counts[2012].sum() == 2 and counts[2021].sum() == 6  # as the matrix says for those years
    assert "Japan's defence agreements, as of 2012" not in charts(at)
    at.session_state["agreements_view"] = ANIMATION
    at.run()
    assert not at.exception
    frames = charts(at)["Japan's defence agreements, as of 2012"]["frames"]
    assert [fr["name"] for fr in frames] == [str(y) for y in range(2012, 2022)]
    assert "As of 2021" in charts(at)  # the matrix tab is always drawn


def test_moving_the_year_redraws_the_matrix(app):
    at = app()
    at.slider(key="asof").set_value(2012).run()
    assert not at.exception
    matrix = cells(charts(at)["As of 2012"])
    assert matrix["ag-gsomia-jp-au"] == "<b>2012</b>"
    assert matrix["ag-gsomia-jp-uk"] == "not yet" and matrix["ag-equipment-jp-au"] == "not yet"
    assert "As of 2012: 2 agreements" in " ".join(m.value for m in at.markdown)


def test_the_as_of_control_follows_the_date_filter(app):
    at = app(to=dt.date(2016, 12, 31))
    slider = at.slider(key="asof")
    assert (slider.min, slider.max, slider.value) == (2012, 2016, 2016)
    assert cells(charts(at)["As of 2016"])["ag-acsa-jp-uk"] == "not yet"  # 2017
    # Narrowing the range again moves the year with it.
    at.session_state["to"] = dt.date(2013, 12, 31)
    at.run()
    assert at.slider(key="asof").value == 2013
    # Agreements before the start still count: the matrix is cumulative.
    at = app(**{"from": dt.date(2014, 1, 1), "to": dt.date(2014, 12, 31)})
    assert not at.slider  # one year left: no slider, a caption says so
    assert cells(charts(at)["As of 2014"])["ag-gsomia-jp-au"] == "<b>2012</b>"


def test_actor_filter_narrows_rows(app):
    at = app(actor=["uk"])
    figs = charts(at)
    matrix = figs["As of 2021"]
    assert [t.split("<br>")[0] for t in matrix["layout"]["xaxis"]["ticktext"]] == ["United Kingdom"]
    statements = next(f for f in figs.values() if f["data"][1]["name"] == "statements")
    assert {d[0] for d in statements["data"][1]["customdata"]} == {"ag-2021-06-14-leaders-communique"}
    assert "No other agreements match the filters." in infos(at)


def test_actor_without_defence_agreements_empties_the_matrix_with_a_message(app):
    at = app(actor=["usa"])
    assert any("No GSOMIA, ACSA, equipment or RAA" in i for i in infos(at))
    assert not at.slider


def test_source_filter_narrows_evidence(app):
    at = app(source=["src-902"])  # src-902 quotes two matrix cells, the law and the mechanism
    fig = charts(at)["As of 2021"]
    assert set(cells(fig)) == {"ag-acsa-jp-uk", "ag-equipment-jp-au"}
    hover = {d[0]: d[1] for d in fig["data"][1]["customdata"]}
    assert "concluded an ACSA in 2017" in hover["ag-acsa-jp-uk"] and "— A Hotline Is Not Enough" in hover["ag-acsa-jp-uk"]
    assert "src-" not in " ".join(hover.values())  # the article's title, never its id
    assert not [f for f in charts(at).values() if f["data"][1]["name"] == "statements"]  # quoted in src-900/901
    others = others_table(at)
    assert set(others["article"]) == {"A Hotline Is Not Enough"} and "source_id" not in others
    assert list(others.columns[:2]) == ["name", "year"]  # name and year first
    assert len(others) == 2


def test_category_filter_narrows_the_other_table(app):
    at = app(category=["law"])
    assert list(others_table(at)["type"]) == ["Domestic law or act"]


def test_as_of_year_and_cell_come_from_the_link():
    at = new_app(asof="2013", cell="ag-acsa-jp-uk")
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="asof").value == 2013
    assert "As of 2013" in charts(at)
    shown = " ".join(m.value for m in at.markdown)
    assert "Japan\\-UK ACSA" in shown or "Japan-UK ACSA" in shown  # the cell's evidence panel is open
    assert not at.warning  # asof and cell are known parameters: no "could not use this link" notice
    text = " ".join(m.value for m in at.markdown)
    assert "**As of 2013: 4 agreements of the four types with 2 of the 2 partners that have one**" in text  # AU 2010, 2012; UK 2013, 2013 in text


def test_a_picked_other_agreement_opens_its_evidence(app):
    at = app()
    assert "Pick a row to see its evidence." in [c.value for c in at.caption]
    at.session_state["agreements_other"] = "ag-jp-coast-guard-law"  # what a row pick sets (ui/table_view on_pick)
    at.run()
    assert not at.exception
    assert "## Japan Coast Guard Law \\(as amended 2021\\)" in [m.value for m in at.markdown]  # escaped Markdown
    assert others_table(at)["id"].tolist() == ["ag-jp-coast-guard-law", "ag-jp-tw-ocean-mechanism"]
