"""The Add an article page in Chromium: upload a file, propose, accept, save; the new quote is then on the
Evidence page as a second source. On temporary copies of the fixture package and its corpus."""

import shutil

import pytest
from playwright.sync_api import expect

from strait_watch.core.dataset.loader import load_dataset

pytestmark = pytest.mark.browser

ARTICLE = b"""THE PACIFIC LEDGER
Invented article for the Strait Watch tests.

On 3 October 2021 the Lantern Party and Taiwan's ruling party met again in Taipei for security talks.
In March 2021 the Lantern Party set up a study group on Taiwan, chaired by Hoshino Aki.
She urged joint coast guard drills that include search and rescue.
"""
DATE_LABEL = "Date as printed (YYYY, YYYY-MM, YYYY-MM-DD or e.g. 'September 2021')"
LIMITS = "An article may have at most 200,000 characters of text (about 30,000 words"


def test_upload_accept_save_then_a_second_source(streamlit_server, open_app, page, tmp_path, fixture_dir,
                                                 fixture_corpus):
    data, corpus = tmp_path / "data", tmp_path / "corpus"
    shutil.copytree(fixture_dir, data)
    shutil.copytree(fixture_corpus, corpus)
    server = streamlit_server(data=data, corpus=corpus, key="add-article")
    article = tmp_path / "ledger.txt"
    article.write_bytes(ARTICLE)
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("add_article", server=server)
    expect(page.get_by_text(LIMITS)).to_be_visible()  # the size cap, said before anything is uploaded
    page.locator("input[type=file]").set_input_files(str(article))
    page.get_by_label("Title (blank if the text prints none)").fill("The Pacific Ledger")
    page.get_by_label(DATE_LABEL).fill("2021-10")
    page.get_by_label(DATE_LABEL).press("Enter")
    page.get_by_role("button", name="Propose candidates").click()
    expect(page.get_by_text("Candidates from “The Pacific Ledger”")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("single-source until now")).to_be_visible()
    page.get_by_role("button", name="Accept all").click()
    expect(page.get_by_text("3 of 3 candidates accepted")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved 3 row(s) from src-903")).to_be_visible(timeout=60_000)
    saved = load_dataset(data, corpus)
    assert "ev-2021-10-03-jp-lantern-party-met" in set(saved.events["id"])
    open_app("evidence", {"q": "set up a study group", "support": "multi"}, server=server)
    # Three records had two sources in the fixture; the study group now has its second one.
    expect(page.get_by_text("1 of 4 records, newest first")).to_be_visible(timeout=30_000)


PHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
         " Version/17.0 Mobile/15E148 Safari/604.1")


def test_a_phone_reviews_cards_with_the_quote_and_why(streamlit_server, new_context, wait_for_app, tmp_path,
                                                      fixture_dir, fixture_corpus):
    """At 390 px with a phone's browser the review opens as cards: each candidate's tick, quote and why fit the
    screen (no sideways scrolling). Proposing writes nothing, so the fixture package itself is served."""
    server = streamlit_server(data=fixture_dir, corpus=fixture_corpus)
    page = new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE, is_mobile=True,
                       has_touch=True).new_page()
    page.goto(f"{server.url}/add_article")
    wait_for_app(page)
    page.get_by_role("tab", name="Paste the text").click()
    page.get_by_label("Article text").fill(ARTICLE.decode())
    page.get_by_label(DATE_LABEL).fill("2021-10")
    page.get_by_label(DATE_LABEL).press("Enter")
    page.get_by_role("button", name="Propose candidates").click()
    expect(page.get_by_text("Candidates from")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("radio", name="Cards")).to_be_checked()
    quote = page.get_by_text("She urged joint coast guard drills that include search and rescue.", exact=True)
    quote.scroll_into_view_if_needed()
    expect(quote).to_be_visible()
    why = page.get_by_text("cue 'urged'; 'She' → hoshino-aki, the person named in the sentence before")
    expect(why).to_be_visible()
    for box in (quote.bounding_box(), why.bounding_box()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # on the screen, not off to the right
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
