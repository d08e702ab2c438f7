"""The Evidence page in Chromium on the fixture: newest first, a short page (the table scrolls inside), the search in the URL."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HEIGHT = "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_evidence_page_is_short_and_searchable_from_the_url(open_app, page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app("evidence")
    expect(page.get_by_text("35 of 35 records, newest first")).to_be_visible()
    assert page.evaluate(HEIGHT) < 2500  # all 35 fixture records: the table scrolls inside itself
    open_app("evidence", {"q": "hotline"})
    expect(page.get_by_text("records, newest first")).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Records and quotes").get_by_test_id("stDataFrame")).to_be_visible()
    # The detail view shows the first (newest) match, its search terms highlighted.
    expect(page.locator(".sw-ev mark").first).to_have_text("hotline", ignore_case=True)
    assert page.evaluate(HEIGHT) < 2500  # the old page of every record was 30,000 px tall (74,000 on a phone)
    assert page.get_by_role("textbox", name="Search").input_value() == "hotline"  # the page's own box, not the sidebar's Topic
