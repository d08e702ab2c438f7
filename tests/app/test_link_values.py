"""A link may name a bound widget's choice by its id, or its label in any case (ui/link_values.py): the page reads
it as the label Streamlit writes and says nothing; a value that names no choice is still named in the notice."""

import pytest
from apps import open_page

from strait_watch.views.network.graph import MEASURE, node_id
from ui.link_values import option_for

COLOURS = {"kind": "Country / category", "community": "Community"}


@pytest.mark.parametrize("value", ["Community", "community", "COMMUNITY", " community "])
def test_option_for_reads_ids_and_labels_in_any_case(value):
    assert option_for(value, list(COLOURS), COLOURS.get) == ("community", "Community")


def test_option_for_leaves_a_value_naming_no_choice():
    assert option_for("purple", list(COLOURS), COLOURS.get) is None


def notices(at) -> str:
    return "\n".join(w.value for w in at.warning)


@pytest.mark.parametrize("value", ["community", "Community"])
def test_proposals_colour_by_id_or_label(value):
    at = open_page("app_pages/proposals.py", colour=value)
    assert not at.exception
    assert at.selectbox(key="colour").value == "community" and "colour" not in notices(at)


def test_proposals_focus_by_node_id():
    at = open_page("app_pages/proposals.py", focus="measure:m-hotline")
    assert at.selectbox(key="focus").value == node_id(MEASURE, "m-hotline")
    assert "focus" not in notices(at)


def test_a_value_naming_no_choice_is_not_taken():
    at = open_page("app_pages/proposals.py", colour="purple")  # the notice naming it: tests/browser/test_proposals_browser.py
    assert at.selectbox(key="colour").value == "kind"


def test_timeline_lanes_and_present_slide_by_id():
    at = open_page("app_pages/timeline.py", lanes="actors")
    assert at.session_state["lanes"] == "actors" and "lanes" not in notices(at)
    at = open_page("app_pages/present.py", slide="timeline")
    assert at.selectbox(key="slide").value == "timeline" and "slide" not in notices(at)


def url_value(at, key):
    """The one value of `key` in the app's URL after the run (AppTest keeps a str or a list), None without it."""
    value = at.query_params.get(key)
    return value if value is None or isinstance(value, str) else (list(value) or [None])[-1]


@pytest.mark.parametrize("value", ["measure:m-hotline", "Tokyo-Taipei hotline (measure)", "tokyo-taipei HOTLINE (measure)"])
def test_proposals_focus_goes_into_the_url_as_its_id_and_old_labels_still_read(value):
    at = open_page("app_pages/proposals.py", focus=value)
    assert at.selectbox(key="focus").value == "measure:m-hotline"
    assert url_value(at, "focus") == "measure:m-hotline"  # the id, not the label
    assert "focus" not in notices(at)


def test_proposals_focus_picked_in_the_page_is_written_as_its_id_and_cleared():
    at = open_page("app_pages/proposals.py")
    assert url_value(at, "focus") is None
    at.selectbox(key="focus").set_value("actor:dana-whitcombe").run()
    assert url_value(at, "focus") == "actor:dana-whitcombe"
    at.selectbox(key="focus").set_value(None).run()
    assert url_value(at, "focus") is None


def test_proposals_focus_naming_nothing_is_not_taken():
    at = open_page("app_pages/proposals.py", focus="measure:m-nothing")  # the notice naming it: the browser test
    assert at.selectbox(key="focus").value is None
    assert url_value(at, "focus") is None


@pytest.mark.parametrize("value", ["timeline", "Timeline", "TIMELINE"])
def test_present_slide_goes_into_the_url_as_its_id_and_labels_still_read(value):
    at = open_page("app_pages/present.py", slide=value)
    assert at.selectbox(key="slide").value == "timeline"
    assert url_value(at, "slide") == "timeline"  # the id, not the label
    assert "slide" not in notices(at)


def test_present_first_slide_leaves_the_url_and_a_step_writes_the_id():
    at = open_page("app_pages/present.py")
    assert at.selectbox(key="slide").value == "title" and url_value(at, "slide") is None
    at.button(key="present_next").click().run()
    assert url_value(at, "slide") == at.selectbox(key="slide").value != "title"
