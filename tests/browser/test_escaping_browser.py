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


def test_blank_line_in_data_text_fetches_nothing_and_links_nothing(warmed_server, page, network_guard, tmp_path_factory):
    """Issue 25: a blank line inside a quote, title or summary ended the evidence HTML block, and the rest was read
    as Markdown (the image fetched, the link live). Timeline's evidence panel and the Evidence page's records."""
    from text_payload import EVENT, SEEN, SEEN_IN_QUOTE, make_text_payload_package

    data, corpus = make_text_payload_package(tmp_path_factory.mktemp("text-payload"))
    server = warmed_server(data=data, corpus=corpus, key="text-payload")
    for path, query, drawn in (("timeline", {"event": EVENT}, ".sw-quote"), ("evidence", {"q": EVENT}, "table.sw-ev")):
        page.goto(f"{server.url}/{path}?" + "&".join(f"{k}={v}" for k, v in query.items()))
        expect(page.locator(drawn).filter(has_text="example.com/x.png").first).to_be_visible(timeout=30_000)
        main = page.get_by_test_id("stMain")
        text = " ".join(main.inner_text().replace(WJ, "").split())
        assert SEEN in text and (path == "evidence" or SEEN_IN_QUOTE in text), text
        expect(main.locator("img[src*='example.com']")).to_have_count(0)
        expect(main.locator("a[href*='e.com']")).to_have_count(0)  # e.com and example.com
        expect(main.locator("b").filter(has_text="b")).to_have_count(0)
    page.wait_for_timeout(500)  # an image would have been requested by now
    assert not [u for u in network_guard.requests if urlsplit(u).hostname in ("example.com", "e.com")]
    network_guard.assert_local()
