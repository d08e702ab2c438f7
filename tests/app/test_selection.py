"""ui/selection.py: the one reader of a chart selection (the timeline's marks, the month bars, matrix cells)."""

import datetime as dt

import pytest

from ui.selection import picked, picked_month


@pytest.mark.parametrize("selection, expected", [
    (None, None),
    ({"points": []}, None),
    ({"points": [{"customdata": ["ev-1", "t"]}]}, "ev-1"),
    ({"points": [{"customdata": "ev-2"}]}, "ev-2"),
    ({"points": [{"x": 1}, {"customdata": ["ev-3"]}]}, "ev-3"),
])
def test_picked_gives_the_first_id(selection, expected):
    assert picked(selection) == expected


@pytest.mark.parametrize("selection, expected", [
    ({"points": [{"customdata": "2021-08", "x": "2021-08-16"}]}, (dt.date(2021, 8, 1), dt.date(2021, 8, 31))),
    ({"points": [{"customdata": ["2021-02"]}]}, (dt.date(2021, 2, 1), dt.date(2021, 2, 28))),
    ({"points": [{"customdata": "2021"}]}, None),
    ({"points": []}, None),
    (None, None),
])
def test_picked_month_gives_that_month(selection, expected):
    assert picked_month(selection) == expected


def test_picked_skips_points_without_an_id():
    assert picked(None) is None
    assert picked({"points": [{"customdata": ["", "x"]}, {"customdata": ["ag-1", "y"]}]}) == "ag-1"
    assert picked({"points": [{"x": 1}]}) is None
