"""In a real browser a Markdown image or link in the URL stays text: no outside request, no <img>, no link
(not even the bare-URL autolink GFM makes after escapes are resolved)."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

IMAGE = "![x](http://example.invalid/p.png)"
LINK = "[Session expired](http://example.invalid/login)"
WJ = "\u2060"  # the invisible word joiner that stops GFM autolinks


def test_image_payload_in_a_link_fetches_nothing(open_app, network_guard):
    page = open_app("", {"actor": IMAGE, LINK: "1"})
    notice = page.get_by_test_id("stAlert").filter(has_text="could not be used")
    expect(notice).to_be_visible()
    text = notice.inner_text().replace(WJ, "")
    assert f"Ignored unknown actor value(s): '{IMAGE}'" in text and f"Ignored unknown URL parameter(s): '{LINK}'" in text
    expect(notice.locator("img")).to_have_count(0)
    expect(notice.locator("a")).to_have_count(0)
    page.wait_for_timeout(500)  # an image would have been requested by now
    assert not [u for u in network_guard.requests if urlsplit(u).hostname == "example.invalid"]
    network_guard.assert_local()


def test_search_payload_on_evidence_fetches_nothing(open_app, network_guard):
    page = open_app("evidence", {"q": IMAGE})
    message = page.get_by_test_id("stAlert").filter(has_text="Nothing matches")
    expect(message).to_be_visible()
    assert f"Nothing matches “{IMAGE}”." in message.inner_text().replace(WJ, "")
    expect(message.locator("img, a")).to_have_count(0)
    page.wait_for_timeout(500)
    assert not [u for u in network_guard.requests if urlsplit(u).hostname == "example.invalid"]
    network_guard.assert_local()
