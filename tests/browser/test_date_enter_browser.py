"""Issue 30: a date typed in the sidebar applies on Enter (Streamlit's date field commits only when focus leaves it;
static/date_enter/ moves focus out on Enter). The mini fixture; the URL shows the date the filters took."""

import re

from playwright.sync_api import expect


def test_enter_applies_a_typed_date(open_app, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("")
    field = page.get_by_test_id("stSidebar").get_by_test_id("stDateInput").first
    field.get_by_role("spinbutton", name="year, From").click()
    page.keyboard.type("20210301")  # year, month, day: the field moves from segment to segment
    expect(field.get_by_role("group", name="From")).to_have_text(re.compile(r"2021\W*03\W*01"))
    assert "from=" not in page.url  # typed, not applied yet
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"from=2021-03-01"), timeout=15_000)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("From 1 Mar 2021")  # the filters in words took it
