"""The page figures are built without plotly's validation (strait_watch/fastfig.py): each must be exactly the figure
plotly's validation gives (same JSON), on the shipped data and the fixture, with and without filters."""

import json

import plotly.graph_objects as go
import pytest

from strait_watch.core import fastfig
from strait_watch.core.filters import Filters
from strait_watch.core.support import support_of
from strait_watch.views.matrix import build_matrix_animation, build_matrix_figure, matrix_table
from strait_watch.views.overview import build_month_category_figure
from strait_watch.views.statements import build_statements_figure, statements_table
from strait_watch.views.timeline import build_timeline_figure, timeline_events

FILTERS = [Filters(), Filters(actors=("japan",)), Filters(categories=("diplomatic",))]


def validated(fig) -> go.Figure:
    """The same figure through plotly's validation."""
    return go.Figure(fig.to_dict())


def same(fig) -> bool:
    return json.loads(fig.to_json()) == json.loads(validated(fig).to_json())


def page_figures(ds, f):
    events = timeline_events(ds, f)
    events = events.assign(support=support_of(events["id"], ds.evidence))
    table, _ = matrix_table(ds, f)
    yield "timeline", build_timeline_figure(events)
    yield "timeline by actor", build_timeline_figure(events, lanes="actors")
    yield "overview", build_month_category_figure(events, 2021)
    yield "matrix", build_matrix_figure(table)
    yield "matrix, phone", build_matrix_figure(table, medium="phone")
    yield "matrix animation", build_matrix_animation(matrix_table(ds, f, 2021)[0])
    yield "statements", build_statements_figure(statements_table(ds, f))


@pytest.mark.parametrize("which", ["shipped", "mini"])
@pytest.mark.parametrize("f", FILTERS, ids=["none", "japan", "diplomatic"])
def test_every_page_figure_is_what_plotly_validation_gives(request, which, f):
    ds = request.getfixturevalue(which)
    checked = [name for name, fig in page_figures(ds, f) if fig.data and same(fig)]
    drawn = [name for name, fig in page_figures(ds, f) if fig.data]
    assert checked == drawn and drawn  # every figure that draws something


def test_a_key_plotly_would_reject_is_caught_by_the_comparison():
    fig = fastfig.figure([{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], {"height": 300})
    with pytest.raises(ValueError):  # validation rejects the unknown property; the fast figure kept it
        validated(fig)
