"""The Agreements page's phone layouts: the matrix transposed with short texts, the statements as a list.

Expected values by hand from tests/fixtures/mini (agreements.csv, actors.csv). That the texts do not overlap
at 320 and 390 px is measured in Chromium: tests/browser/test_figure_text_browser.py.
"""

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.views import matrix as matrix_figure
from strait_watch.views.matrix import OTHER, build_matrix_figure, build_matrix_table, cell_words, matrix_as_of
from strait_watch.views.statements import build_statements_matrix, statements_list


@pytest.fixture(scope="module")
def mini():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


def labels(ds):
    return dict(evidence=ds.evidence, actors=ds.actors, codebook=ds.schema["codebook"], sources=ds.sources)


def phone_matrix(ds, year):
    table = matrix_as_of(build_matrix_table(ds.agreements, **labels(ds)), year)
    return build_matrix_figure(table, codebook=ds.schema["codebook"], title=f"As of {year}", medium="phone")


def test_the_phone_matrix_has_partners_as_rows_and_types_as_columns(mini):
    fig = phone_matrix(mini, 2016)
    assert fig.layout.xaxis.ticktext == ("GSOMIA", "ACSA", "Equip.", "RAA")
    assert [t.split("<br>")[0] for t in fig.layout.yaxis.ticktext] == ["Australia", "United Kingdom"]
    cells = {d[0]: (text, x, y) for d, text, x, y in zip(fig.data[1].customdata, fig.data[1].text, fig.data[1].x,
                                                         fig.data[1].y, strict=True)}
    assert cells == {
        "ag-gsomia-jp-au": ("<b>2012</b>", 0, 0), "ag-acsa-jp-au": ("<b>2010</b>", 1, 0),
        "ag-equipment-jp-au": ("<b>2014</b>", 2, 0), "ag-raa-jp-au": ("✕", 3, 0),
        "ag-gsomia-jp-uk": ("<b>2013</b>", 0, 1), "ag-acsa-jp-uk": ("later", 1, 1),  # the UK ACSA is from 2017
        "ag-equipment-jp-uk": ("<b>2013</b>", 2, 1), "ag-raa-jp-uk": ("✕", 3, 1),
    }


def test_the_phone_legend_spells_out_every_short_text(mini):
    fig = phone_matrix(mini, 2016)
    names = [t.name for t in fig.data if t.type == "scatter" and t.name not in ("cells",) and not t.name.startswith("text-")]
    assert names == ["Concluded (year shown)", "later = not yet at the as-of year", "✕ = no agreement as of the source",
                     "Equip. = Equipment"]
    assert fig.layout.meta == {"medium": "phone"}  # the page tests tell the two copies apart by it


def test_a_proposed_cell_gets_an_abbreviation_the_legend_names():
    cells = [dict(state=OTHER, status="proposed"), dict(state=OTHER, status="sought")]
    assert [cell_words(c["state"], None, c["status"], medium="phone") for c in cells] == ["prop.", "sought"]
    assert matrix_figure.phone_legend_label(OTHER, cells) == "Named, not concluded (prop. = proposed)"


def test_the_screen_matrix_is_unchanged_and_a_bad_medium_is_refused(mini):
    table = matrix_as_of(build_matrix_table(mini.agreements, **labels(mini)), 2016)
    screen = build_matrix_figure(table)
    assert [t.split("<br>")[0] for t in screen.layout.xaxis.ticktext] == ["Australia", "United Kingdom"]
    assert dict(zip([d[0] for d in screen.data[1].customdata], screen.data[1].text, strict=True))["ag-raa-jp-uk"] == "✕ none"
    with pytest.raises(ValueError, match="medium"):
        build_matrix_figure(table, medium="slide")


def test_the_statements_list_has_one_row_per_statement_with_its_parties(mini):
    table = build_statements_matrix(mini.agreements, **labels(mini))
    listed = statements_list(table)
    assert listed.to_dict("records") == [
        {"id": "ag-2021-04-jp-us-joint-statement", "date": "Apr\u00a02021",
         "statement": "Japan-US joint statement of April 2021", "parties": "Japan, United States"},
        {"id": "ag-2021-06-14-leaders-communique", "date": "14\u00a0Jun\u00a02021",
         "statement": "Leaders' communiqué of 14 June 2021",
         "parties": "Japan, United States, Australia, United Kingdom"},  # states by statements joined, then name
    ]
    assert list(statements_list(table.iloc[0:0]).columns) == ["id", "date", "statement", "parties"]
