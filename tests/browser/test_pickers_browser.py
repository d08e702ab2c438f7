"""Issue 28, the pickers: typing a name in the sidebar's Actors box and pressing Enter takes that actor alone (the
exact match is the first option left, and Enter never takes "Select all matches"). The shipped data, where
"Japan" is in 14 labels and "Taiwan" in 14; the ids are hand-read from data/actors.csv."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.paths import SHIPPED_DATA


@pytest.mark.parametrize(("typed", "actor", "chip"), [
    ("Japan", "japan", "Japan (Tokyo)"),
    ("Taiwan", "taiwan", "Taiwan (Taipei, Republic of China (Taiwan))"),
])
def test_enter_takes_the_exact_name_alone(page, warmed_server, wait_for_app, typed, actor, chip):
    page.set_viewport_size({"width": 1440, "height": 900})
    server = warmed_server(data=SHIPPED_DATA, corpus=None)
    page.goto(server.url + "/evidence")
    wait_for_app(page)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    box.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    chips = box.get_by_test_id("stMultiSelectTagsContainer").locator("[data-tag]")
    expect(chips).to_have_text([chip])
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{server.url}/evidence?actor={actor}", timeout=15_000)
    assert parse_qs(urlsplit(page.url).query)["actor"] == [actor]
