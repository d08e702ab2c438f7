"""AppTest: the pages' own link values (`event` on Timeline, `cell` on Agreements) are checked like the filters'.

A value that names no record, a record the filters hide, or a Markdown payload gets the "could not use this
link" notice (escaped, shortened), also on a page with nothing else to show. Expected ids are from
tests/fixtures/mini/events.csv and agreements.csv.
"""

import pytest
from apps import new_app
from streamlit.testing.v1 import AppTest

TIMELINE, AGREEMENTS = "app_pages/timeline.py", "app_pages/agreements.py"


@pytest.fixture
def open_link():
    def run(page: str, **params) -> AppTest:
        at = new_app(**params)  # a link opened straight on the page
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return run


def notice(at) -> str:
    assert at.warning, "no link notice"
    text = at.warning[0].value
    assert "could not be used" in text
    return text

def test_an_unknown_event_id_is_named_in_the_notice(open_link):
    at = open_link(TIMELINE, event="ev-2099-01-01-nothing")
    assert "Ignored 'event=ev-2099-01-01-nothing': no event has this id" in notice(at)
    assert at.selectbox(key="event").value is None

def test_an_unknown_cell_is_named_in_the_notice(open_link):
    at = open_link(AGREEMENTS, cell="ag-gsomia-jp-mars")
    assert "Ignored 'cell=ag-gsomia-jp-mars': no cell of the agreement matrix has this id" in notice(at)
    assert "Click a cell to see its evidence." in [c.value for c in at.caption]

def test_an_agreement_that_is_not_a_matrix_cell_is_not_a_cell(open_link):
    at = open_link(AGREEMENTS, cell="ag-jp-coast-guard-law")  # a law, not a Table 1 cell
    assert "'cell=ag-jp-coast-guard-law': no cell of the agreement matrix" in notice(at)

def test_good_page_values_get_no_notice(open_link):
    at = open_link(TIMELINE, event="ev-2021-04-20-hoshino-hotline")
    assert not at.warning
    assert at.selectbox(key="event").value == "ev-2021-04-20-hoshino-hotline"
    at = open_link(AGREEMENTS, cell="ag-acsa-jp-uk")
    assert not at.warning

def test_a_record_the_filters_hide_is_named(open_link):
    # The PLA takes part only in the July drill, so the hotline event is not on the filtered timeline.
    at = open_link(TIMELINE, event="ev-2021-04-20-hoshino-hotline", actor="pla")
    assert "'event=ev-2021-04-20-hoshino-hotline': not shown with these filters and page settings" in notice(at)
    # Australia's matrix has no UK column.
    at = open_link(AGREEMENTS, cell="ag-acsa-jp-uk", actor="australia")
    assert "'cell=ag-acsa-jp-uk': not shown with these filters and page settings" in notice(at)

def test_an_event_before_2021_needs_the_context_switched_on(open_link):
    at = open_link(TIMELINE, event="ev-2017-jp-uk-acsa")  # context off: only 2021 is drawn
    assert "'event=ev-2017-jp-uk-acsa': not shown with these filters and page settings" in notice(at)
    at = open_link(TIMELINE, event="ev-2017-jp-uk-acsa", context="true")
    assert not at.warning
    assert at.selectbox(key="event").value == "ev-2017-jp-uk-acsa"


def test_several_values_say_which_one_was_used(open_link):
    at = open_link(TIMELINE, event=["ev-2021-01-12-adiz-sortie", "ev-2021-04-20-hoshino-hotline"])
    assert "Several 'event' values: used the last, 'ev-2021-04-20-hoshino-hotline'" in notice(at)
    assert at.selectbox(key="event").value == "ev-2021-04-20-hoshino-hotline"

def test_the_notice_appears_on_an_empty_page(open_link):
    # PLA and dialogue: no event matches, the Timeline stops early; the Agreements matrix has no PLA column.
    at = open_link(TIMELINE, event="ev-nope", actor="pla", category="dialogue")
    assert "No events match" in at.info[0].value
    assert "'event=ev-nope': no event has this id" in notice(at)
    at = open_link(AGREEMENTS, cell="ag-nope", actor="pla")
    assert "No GSOMIA, ACSA, equipment or RAA agreements match the filters." in [i.value for i in at.info]
    assert "'cell=ag-nope': no cell of the agreement matrix" in notice(at)

@pytest.mark.parametrize("page, key", [(TIMELINE, "event"), (AGREEMENTS, "cell")])
def test_markdown_in_a_page_value_stays_text(open_link, page, key):
    payload = "<b>x</b> **bold** [Sign in again](http://example.invalid/login) " + "y" * 200
    at = open_link(page, **{key: payload})
    text = notice(at)
    assert "\\[Sign in again\\]\\(http:\u2060//example.invalid/lo" in text  # escaped, autolink broken
    assert "\\<b\\>x\\</b\\>" in text and "\\*\\*bold\\*\\*" in text
    assert "<b>" not in text and "[Sign" not in text.replace("\\[Sign", "")
    assert "y" * 200 not in text and "…'" in text  # shortened
    assert len(text) < 400

def test_unknown_keys_are_still_reported_beside_page_values(open_link):
    at = open_link(TIMELINE, event="ev-nope", colour="red")
    text = notice(at)
    assert "'event=ev-nope'" in text and "'colour'" in text


PERSISTENCE = "app_pages/persistence.py"


def test_opened_on_what_came_back_is_a_page_key(open_link):
    # ids from tests/fixtures/mini/proposals.csv: the link's id is kept, an unknown one is named, a label still reads
    at = open_link(PERSISTENCE, opened="pr-900-hoshino-hotline")
    assert not at.warning
    assert at.selectbox(key="opened").value == "pr-900-hoshino-hotline"
    assert at.query_params["opened"] in ("pr-900-hoshino-hotline", ["pr-900-hoshino-hotline"])
    at = open_link(PERSISTENCE, opened="pr-999-nobody")
    assert "Ignored 'opened=pr-999-nobody': no proposal has this id" in notice(at)
    assert at.selectbox(key="opened").value is None and "opened" not in at.query_params
    at = open_link(PERSISTENCE, opened="pr-900-hoshino-hotline", actor="lin-wei-ting")  # Lin proposed other things
    assert "'opened=pr-900-hoshino-hotline': not shown with these filters and page settings" in notice(at)
