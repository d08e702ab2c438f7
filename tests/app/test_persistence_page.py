"""AppTest: the "What came back" page on the mini fixture: the link's choices (sort, the opened proposal by id),
the evidence of a proposal, the phone list, the CSV button and a filter that leaves nothing."""

from __future__ import annotations

from apps import open_page

PAGE = "app_pages/persistence.py"


def run(**params):
    at = open_page(PAGE, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_opens_a_proposal_by_id_with_its_evidence():
    at = run(opened="pr-902-analysts-trilateral-dialogue", sort="persistence")
    assert at.selectbox(key="opened").value == "pr-902-analysts-trilateral-dialogue"
    assert at.segmented_control(key="sort").value == "persistence"
    texts = [m.value for m in at.markdown]
    assert "## US analysts: US-Japan-Taiwan trilateral dialogue" in texts
    assert "**Evidence** (1 quote)" in texts


def test_defaults_phone_list_and_csv():
    at = run()
    assert at.selectbox(key="opened").value is None
    assert "Select a record to see its evidence." in [c.value for c in at.caption]
    phone = [h.proto.body for h in at.get("html") if "sw-persist" in h.proto.body]
    assert len(phone) == 1 and phone[0].count("data-measure=") == 6  # six measures in the fixture
    (button,) = [b for b in at.get("download_button") if b.key == "csv_persistence"]
    assert "6 rows" in button.help


def test_an_unknown_proposal_in_the_link_opens_nothing():
    at = run(opened="pr-999-nobody")
    assert at.selectbox(key="opened").value is None


def test_filters_that_leave_nothing_say_so():
    at = run(actor="uk")  # the United Kingdom is a party to agreements in the fixture, proposes nothing
    assert at.info and "No proposals match" in at.info[0].value
    assert not at.get("plotly_chart")
