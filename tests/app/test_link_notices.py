"""The link notice says what the app did with a repeated filter parameter (issue 25: it said the last `from` was
used when Streamlit's date widget had taken the first). Hand-written links on the fixture, then a generated
check that, for any list of `from` values, the notice and the widget agree."""

import datetime as dt

import pytest
from apps import new_app
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from paths import FIXTURE_CORPUS, FIXTURE_DIR


def opened(**params):
    at = new_app(FIXTURE_DIR, FIXTURE_CORPUS, **params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notice(at) -> str:
    return at.warning[0].value if at.warning else ""


LINKS = {  # link -> (the session value the widget holds, what the notice must say)
    "two dates: the first": ({"from": ["2021-03-01", "2021-06-01"]}, ("from", dt.date(2021, 3, 1)),
                             "Several 'from' values: used the first, '2021-03-01'"),
    "two dates, later first": ({"to": ["2021-06-30", "2021-03-31"]}, ("to", dt.date(2021, 6, 30)),
                               "Several 'to' values: used the first, '2021-06-30'"),
    "a bad date drops both": ({"from": ["2021-03-01", "2021-13-01"]}, ("from", None),
                              "Ignored all 2 'from' values: '2021-13-01' is not a date (use YYYY-MM-DD)"),
    "a far date drops both": ({"to": ["1990-01-01", "2021-03-01"]}, ("to", None),
                              "Ignored all 2 'to' values: '1990-01-01' is outside the data (2010-01-01 to 2022-12-31)"),
    "support: the first": ({"support": ["multi", "single"]}, ("support", "multi"),
                           "Several 'support' values: used the first, 'multi'"),
    "support: a bad first": ({"support": ["both", "multi"]}, ("support", "any"),
                             "Ignored 'support=both' (the first of several): use 'single' or 'multi'"),
    "match: the first": ({"actor": ["japan", "taiwan"], "match": ["all", "any"]}, ("match", "all"),
                         "Several 'match' values: used the first, 'all'"),
    "match: a bad first": ({"actor": ["japan", "taiwan"], "match": ["both", "all"]}, ("match", "any"),
                           "Ignored 'match=both' (the first of several): use 'any' or 'all'"),
}


@pytest.mark.parametrize("params, state, said", LINKS.values(), ids=LINKS.keys())
def test_a_repeated_parameter_is_reported_as_it_was_used(params, state, said):
    at = opened(**params)
    key, value = state
    assert at.session_state[key] == value
    assert f"- {said}" in notice(at).splitlines()
    assert "used the last" not in notice(at)


def test_one_date_repeated_is_no_problem():
    at = opened(**{"from": ["2021-03-01", "2021-03-01"], "to": ["", "2021-03-31"]})
    assert (at.session_state["from"], at.session_state["to"]) == (dt.date(2021, 3, 1), dt.date(2021, 3, 31))
    assert not at.warning


DAYS = ["2021-03-01", "2021-06-01", "2012-05-05", "2022-12-31", "2010-01-01",  # in the fixture's 2010-2022
        "2009-12-31", "2023-01-01", "2021-02-30", "2021/04/01", "2021-4-1", "March", ""]


def day(text: str) -> dt.date:
    """A URL date as Streamlit's date widget reads it (YYYY-MM-DD or YYYY/MM/DD, zero padding optional)."""
    for form in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise AssertionError(f"not a date: {text!r}")


@settings(derandomize=True, database=None, max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.sampled_from(DAYS), min_size=1, max_size=3))
def test_the_notice_and_the_date_widget_agree(values):
    at = opened(**{"from": values})
    lines = [line for line in notice(at).splitlines() if "'from" in line]
    widget = at.session_state["from"]
    used = [line.split("used the first, '")[1].rstrip("'") for line in lines if "used the first" in line]
    if used:
        assert widget == day(used[0]), (values, lines)
    elif lines:
        assert widget is None and "Ignored" in lines[0], (values, lines)
    else:  # nothing said: one value (perhaps repeated), used as it is, or none
        given_values = {v for v in values if v}
        assert len(given_values) <= 1, (values, lines)
        assert widget == (day(given_values.pop()) if given_values else None), (values, lines)
