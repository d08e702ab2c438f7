"""Single-event slides: chosen by id (URL `key_events`), placed after the Timeline slide, drawn in the deck,
the HTML pack and (tests/browser) Present mode. Expected texts written by hand from tests/fixtures/mini/."""

from __future__ import annotations

import datetime as dt

import pytest
from decks import H, W, check_deck, notes, open_pptx, slide_texts
from paths import FIXTURE_CORPUS, FIXTURE_DIR, SHIPPED_DATA

from strait_watch.briefing.events import event_choices
from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import Brief, brief_from_query, brief_to_query
from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import build_pptx
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters
from strait_watch.render import NoRenderer

NOW = dt.datetime(2026, 3, 4, 9, 30)
COMMUNIQUE, TALKS = "ev-2021-06-14-leaders-communique", "ev-2021-08-27-party-talks"
COMMUNIQUE_QUOTE = ("On 14 June 2021 the leaders' communiqué named peace and stability across the Taiwan Strait "
                    "for the first time in decades.")
TALKS_QUOTES = ("On 27 August the Lantern Party held its first security talks with Taiwan's ruling party, by video link.",
                "The party-to-party talks of late August, which Tokyo's Lantern Party hosted, were the first of their kind.")


@pytest.fixture(scope="module")
def mini():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


def test_choices_are_the_shown_events_key_events_first(mini):
    choices = event_choices(mini, Filters())
    assert list(choices)[:2] == [COMMUNIQUE, TALKS]  # the two key events, by date
    assert choices[COMMUNIQUE] == "◆ 14 Jun 2021 — Leaders' communiqué names the Taiwan Strait"
    # issue 28: an event of any year may have its slide, not only the 2021 Timeline's
    assert choices["ev-2014-jp-au-equipment"] == "2014 (year only) — Japan and Australia sign equipment agreement"
    assert len(choices) == 13  # every event of tests/fixtures/mini/events.csv
    assert set(event_choices(mini, Filters(actors=("pla",)))) == {"ev-2021-07-03-pla-drill"}
    assert set(event_choices(mini, Filters(topics=("acsa",)))) == {"ev-2017-jp-uk-acsa"}


def test_the_2016_maritime_dialogue_can_have_its_slide(shipped):
    f = Filters(topics=("coast guard", "maritime"))
    choices = event_choices(shipped, f)
    assert "ev-2016-maritime-affairs-dialogue" in choices
    brief = Brief(slides=("timeline",), events=("ev-2016-maritime-affairs-dialogue",))
    prs = open_pptx(build_pptx(shipped, f, exported_at=NOW, renderer=NoRenderer(), brief=brief))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[3] == "Taiwan-Japan Maritime Affairs Cooperation Dialogue: rounds from 2016"
    assert "Since 2016 and before the pandemic" in notes(list(prs.slides)[3])


def test_event_slides_follow_the_timeline_in_the_order_chosen(mini):
    brief = Brief(slides=("matrix", "timeline", "consensus"), events=(TALKS, "ev-nope", COMMUNIQUE))
    pack = prepare_pack(mini, Filters(), brief)
    assert [v.key for v in pack.views] == ["matrix", "timeline", f"event:{TALKS}", f"event:{COMMUNIQUE}", "consensus"]
    assert [v.key for v in prepare_pack(mini, Filters(), Brief(slides=("matrix",), events=(TALKS,))).views] == \
        ["matrix", f"event:{TALKS}"]  # no Timeline slide: the events close the deck


def test_event_slide_in_the_deck(mini):
    pack = prepare_pack(mini, Filters(), Brief(slides=("timeline",), events=(COMMUNIQUE, TALKS), marking="FOR DISCUSSION"))
    prs = open_pptx(build_pptx(mini, Filters(), exported_at=NOW, renderer=NoRenderer(), pack=pack))
    check_deck(prs, pack)
    slides = list(prs.slides)
    assert [s.shapes.title.text for s in slides[3:]] == ["Leaders' communiqué names the Taiwan Strait",
                                                         "First party-to-party security talks"]
    body = "\n".join(slide_texts(slides[3]))
    assert "14 Jun 2021 · Statement · key event" in body
    assert "A leaders' communiqué names peace and stability across the Taiwan Strait." in body
    assert "Actors: Japan" in body and "FOR DISCUSSION" in body
    assert f"“{COMMUNIQUE_QUOTE}”" in body and "Sea Lanes and Small Steps" in body  # the quote and its article
    assert f"“{COMMUNIQUE_QUOTE}” [1]" in notes(slides[3])
    for quote in TALKS_QUOTES:
        assert quote in notes(slides[4])
    assert "27 Aug 2021 (inferred from the article) · Dialogue · key event" in "\n".join(slide_texts(slides[4]))
    for slide in slides[3:]:
        for sh in slide.shapes:
            assert sh.left >= 0 and sh.left + sh.width <= W and sh.top >= 0 and sh.top + sh.height <= H
            if sh.name in ("caption", "summary", "quotes"):  # the slide's content reads from the back of a room
                assert all(r.font.size.pt >= 12 for p in sh.text_frame.paragraphs for r in p.runs), sh.name
        assert {sh.name for sh in slide.shapes} >= {"caption", "summary", "quotes"}


def test_event_slide_follows_the_source_filter(mini):
    f = Filters(sources=("src-901",))
    pack = prepare_pack(mini, f, Brief(slides=("timeline",), events=(TALKS,)))
    prs = open_pptx(build_pptx(mini, f, exported_at=NOW, renderer=NoRenderer(), pack=pack))
    text = "\n".join(slide_texts(list(prs.slides)[3])) + notes(list(prs.slides)[3])
    assert TALKS_QUOTES[1] in text and TALKS_QUOTES[0] not in text


def test_event_slide_in_the_html_pack(mini):
    page = build_html_pack(mini, Filters(), exported_at=NOW, brief=Brief(slides=("timeline",), events=(COMMUNIQUE,)))
    section = page[page.index(f'<section id="event:{COMMUNIQUE}"'):]
    section = section[:section.index("</section>")]
    assert "<h2>Leaders&#39; communiqué names the Taiwan Strait</h2>" in section
    assert "14 Jun 2021 · Statement · key event" in section
    quote = COMMUNIQUE_QUOTE.replace("'", "&#39;")  # Jinja's autoescape
    assert f"<blockquote>“{quote}”<footer>[1] Sea Lanes" in section
    assert 'class="notes"' in section  # the notes, collapsible


def test_events_round_trip_through_the_url():
    brief = Brief(slides=("timeline", "matrix"), events=(TALKS, COMMUNIQUE))
    query = brief_to_query(brief)
    assert query["key_events"] == [TALKS, COMMUNIQUE]
    assert brief_from_query(query) == brief
    assert brief_from_query({"key_events": [" "]}).events == ()


def test_event_slide_on_the_shipped_data():
    ds = load_dataset(SHIPPED_DATA, check_quotes=False)
    f = Filters(actors=("japan",))
    ids = list(event_choices(ds, f))[:3]
    pack = prepare_pack(ds, f, Brief(slides=("timeline",), events=tuple(ids)))
    prs = open_pptx(build_pptx(ds, f, exported_at=NOW, renderer=NoRenderer(), pack=pack))
    check_deck(prs, pack)
    assert len(prs.slides) == 3 + len(ids)  # the cover, the summary, the timeline


# ---------------------------------------------------------------- the deck's two pictures, drawn for the room

def test_timeline_slide_labels_only_key_events_in_whole_headlines(mini):
    view = next(v for v in prepare_pack(mini, Filters()).views if v.key == "timeline")
    fig = view.image_figure
    labels = {a.name.removeprefix("label:"): a.text.replace("<br>", " ") for a in fig.layout.annotations}
    # the fixture's two key events of 2021, read by hand; every other event keeps its mark only
    assert labels == {COMMUNIQUE: "Leaders' communiqué names the Taiwan Strait", TALKS: "First party-to-party security talks"}
    assert all(a.font.size >= 18 for a in fig.layout.annotations)
    assert fig.layout.showlegend is False  # the lanes name the categories


def test_network_slide_labels_every_node_it_draws_in_full(mini):
    view = next(v for v in prepare_pack(mini, Filters()).views if v.key == "network")
    fig = view.image_figure
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    # hand-read from the fixture: the three measures with two or more proposers, and those four proposers
    assert sorted(texts) == sorted(["Tokyo-Taipei hotline (3)", "Joint coast guard drills (2)",
                                    "US-Japan-Taiwan trilateral dialogue (2)", "Lin Wei-ting", "Hoshino Aki",
                                    "Dana Whitcombe", "US analysts"])
    assert all(a.font.size >= 18 for a in fig.layout.annotations)


# ---------------------------------------------------------------- the picker (AppTest): story mode adds, the Briefing page keeps

def _app(**params):
    import os

    from paths import REPO
    from streamlit.testing.v1 import AppTest

    os.environ["STRAIT_WATCH_DATA"], os.environ["STRAIT_WATCH_CORPUS"] = str(FIXTURE_DIR), str(FIXTURE_CORPUS)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def test_story_mode_adds_the_card_to_the_briefing():
    at = _app(mode="Step through", event=COMMUNIQUE)
    at.switch_page("app_pages/timeline.py")
    at.run()
    at.button(key="story_add").click().run()
    assert not at.exception
    assert at.button(key="story_add").disabled  # added once
    at.switch_page("app_pages/briefing.py")
    at.run()
    assert not at.exception
    picker = at.multiselect(key="key_events")
    assert picker.value == [COMMUNIQUE]
    assert picker.options[:2] == ["◆ 14 Jun 2021 — Leaders' communiqué names the Taiwan Strait",
                                  "◆ 27 Aug 2021 (inferred from the article) — First party-to-party security talks"]


def test_a_link_with_unknown_events_keeps_the_known_ones_and_names_the_others():
    at = _app(key_events=[TALKS, "ev-nope"])
    at.switch_page("app_pages/briefing.py")
    at.run()
    assert not at.exception
    assert at.multiselect(key="key_events").value == [TALKS]
    notices = [w.value for w in at.warning if "key_events" in w.value]  # the link notice names only the bad one
    assert len(notices) == 1 and "'key_events=ev-nope': no event, agreement or measure has this id" in notices[0]
    assert TALKS not in notices[0]


def test_a_link_naming_an_agreement_and_a_measure_for_their_slides_is_no_problem():
    at = _app(key_events=["ag-2021-04-jp-us-joint-statement", "m-hadr-exercises"])  # issue 28: any record's slide
    at.switch_page("app_pages/briefing.py")
    at.run()
    assert not at.exception
    assert at.multiselect(key="key_events").value == ["ag-2021-04-jp-us-joint-statement", "m-hadr-exercises"]
    assert not [w.value for w in at.warning if "key_events" in w.value]
