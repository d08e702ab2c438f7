"""The topic filter (issue 28): words the analyst types, found as whole words or phrases in a record's own words,
its quotes, its actors' names and aliases and (proposals) its measure; every table narrowed; one registry entry.
Expected ids are read by hand from tests/fixtures/mini/*.csv and from data/*.csv."""

import re

import pytest
from apps import open_page
from hypothesis import given, settings
from hypothesis import strategies as st

from strait_watch.core.export import export_filename
from strait_watch.core.filters import (
    Filters,
    describe_filters,
    filter_agreements,
    filter_events,
    filter_evidence,
    filter_proposals,
    filter_statistics,
    no_match_message,
    topic_pattern,
    topic_words,
)
from strait_watch.core.links import filters_to_query, read_query


def ids(frame):
    return set(frame["id"])


# topic -> (events, agreements, proposals) kept on the fixture, and why, from the CSVs.
FIXTURE = {
    # an event's summary ("calls for coast guard drills"), an event's title, an agreement's name, and the
    # measure m-coast-guard-drills of two proposals
    "coast guard": ({"ev-2021-04-20-hoshino-hotline", "ev-2021-coast-guard-law"}, {"ag-jp-coast-guard-law"},
                    {"pr-900-hoshino-coast-guard-drills", "pr-901-lin-coast-guard-drills"}),
    # titles and summaries; m-hotline's name; pr-902-whitcombe-info-sharing by its summary and its quote
    "hotline": ({"ev-2021-04-20-hoshino-hotline", "ev-2021-11-whitcombe-hotline"}, set(),
                {"pr-900-hoshino-hotline", "pr-901-lin-hotline", "pr-902-whitcombe-hotline",
                 "pr-902-whitcombe-info-sharing"}),
    # only measures say it: m-hotline's description ("maritime incidents") and m-info-sharing's name
    "MARITIME": (set(), set(), {"pr-900-hoshino-hotline", "pr-901-lin-hotline", "pr-902-whitcombe-hotline",
                                "pr-902-whitcombe-info-sharing"}),
    # an alias: Hoshino Aki is also "Minister Hoshino"; the proposer of two proposals
    "minister hoshino": ({"ev-2021-03-lantern-study-group", "ev-2021-04-20-hoshino-hotline"}, set(),
                         {"pr-900-hoshino-coast-guard-drills", "pr-900-hoshino-hotline"}),
    # the abbreviation and the quotes of the two ACSAs, and the 2017 event's title
    "acsa": ({"ev-2017-jp-uk-acsa"}, {"ag-acsa-jp-au", "ag-acsa-jp-uk"}, set()),
    # a phrase: m-coast-guard-drills' description and phrasing, and pr-901-lin's summary and quote
    "search and rescue": (set(), set(), {"pr-900-hoshino-coast-guard-drills", "pr-901-lin-coast-guard-drills"}),
    "yonaguni": (set(), set(), {"pr-900-hoshino-coast-guard-drills"}),  # a summary and a quote
    "nothing like this": (set(), set(), set()),
}


@pytest.mark.parametrize("topic", list(FIXTURE))
def test_the_topic_narrows_every_table(mini, topic):
    events, agreements, proposals = FIXTURE[topic]
    f = Filters(topics=(topic,))
    assert ids(filter_events(mini, f)) == events
    assert ids(filter_agreements(mini, f)) == agreements
    assert ids(filter_proposals(mini, f)) == proposals


def test_several_words_keep_a_record_any_one_finds(mini):
    f = Filters(topics=("coast guard", "acsa"))
    assert ids(filter_events(mini, f)) == {"ev-2021-04-20-hoshino-hotline", "ev-2021-coast-guard-law",
                                           "ev-2017-jp-uk-acsa"}
    assert ids(filter_agreements(mini, f)) == {"ag-jp-coast-guard-law", "ag-acsa-jp-au", "ag-acsa-jp-uk"}


def test_the_topic_combines_with_the_other_filters(mini):
    f = Filters(topics=("hotline",), actors=("lin-wei-ting",))
    assert ids(filter_events(mini, f)) == set()
    assert ids(filter_proposals(mini, f)) == {"pr-901-lin-hotline"}
    # the quotes follow: only the kept records' quotes
    assert set(filter_evidence(mini, f)["record_id"]) == {"pr-901-lin-hotline"}


def test_whole_words_and_literal_text():
    pattern = topic_pattern(["coast guard", "a.b", "c++"])
    assert pattern.search("the japan coast guard said")
    assert pattern.search("coast-guard cutters") and pattern.search("coast\nguard")
    assert not pattern.search("coast guards")  # a whole word: no plural by guess
    assert not pattern.search("axb") and pattern.search("see a.b here")
    assert pattern.search("c++ code") and not pattern.search("c+ code")
    assert topic_pattern([]) is None and topic_pattern(["  "]) is None


def test_the_words_as_typed():
    assert topic_words("coast guard,  Hotline ;maritime,, hotline") == ("coast guard", "Hotline", "maritime")
    assert topic_words(["coast   guard", "hotline, HOTLINE"]) == ("coast guard", "hotline")
    assert topic_words("") == () and topic_words(None) == ()


def test_the_link_reads_and_writes_it(mini):
    f = Filters(topics=("coast guard", "hotline"))
    assert filters_to_query(f) == {"topic": ["coast guard", "hotline"]}
    link = read_query({"topic": ["coast guard", "hotline"]}, mini)
    assert link.values == {"topic": "coast guard, hotline"} and link.problems == []
    link = read_query({"topic": ["!!!", "x" * 61, "ok"]}, mini)
    assert link.values == {"topic": "ok"}
    assert link.problems == [r"Ignored 'topic=\!\!\!': no letters or digits",  # Markdown-escaped
                             "Ignored a 'topic' value of 61 characters: at most 60"]
    many = [f"w{i}" for i in range(14)]
    link = read_query({"topic": many}, mini)
    assert link.values == {"topic": ", ".join(many[:12])}
    assert link.problems == ["Ignored 2 'topic' value(s) after the first 12: 'w12', 'w13'"]


def test_words_names_and_the_empty_message(mini):
    f = Filters(topics=("coast guard", "hotline"))
    assert describe_filters(f, mini) == "Topic: coast guard, hotline"
    assert export_filename("timeline", f) == "strait-watch_timeline_topic-coast-guard+hotline.csv"
    assert no_match_message("events", f) == ("**No events match these filters.** Loosen the topic in the "
                                             "sidebar, or press *Reset filters*.")


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=4))
def test_any_typed_word_finds_itself_and_never_breaks(words):
    typed = topic_words(words)  # what the filter holds: the words split and tidied as the sidebar does
    pattern = topic_pattern(typed)
    for word in typed:
        if re.fullmatch(r"\w.*\w|\w", word, re.S):  # a word that starts and ends with a letter or digit
            assert pattern.search(f"before {word.casefold()} after")


def test_the_shipped_coast_guard_topic(shipped):
    """The issue's briefing: 'coast guard' finds the coast guard records; with 'maritime' it also finds the 2016
    maritime affairs dialogue and the proposed maritime and air communication mechanism, whose own words (in
    data/) never say 'coast guard'."""
    f = Filters(topics=("coast guard",))
    assert ids(filter_events(shipped, f)) == {"ev-2021-02-01-china-coast-guard-act",
                                              "ev-2021-03-us-taiwan-coast-guard-wg",
                                              "ev-2021-senkaku-coast-guard-intrusions"}
    assert {"ag-china-coast-guard-act", "ag-us-taiwan-coast-guard-wg"} <= ids(filter_agreements(shipped, f))
    assert "ag-maritime-affairs-dialogue" not in ids(filter_agreements(shipped, f))
    f = Filters(topics=("coast guard", "maritime"))
    assert "ev-2016-maritime-affairs-dialogue" in ids(filter_events(shipped, f))
    assert {"ag-maritime-affairs-dialogue", "ag-jp-tw-maritime-air-communication-mechanism"} <= \
        ids(filter_agreements(shipped, f))
    assert {"pr-003-higuchi-joji-military-hotline", "pr-004-hsiao-russell-military-hotline"} <= \
        ids(filter_proposals(shipped, f))
    assert ids(filter_statistics(shipped, f)) == {"st-002-maritime-dialogue-rounds"}


def test_the_sidebar_draws_a_text_box_from_the_link():
    at = open_page("app_pages/timeline.py", topic=["coast guard", "hotline"])
    assert not at.exception
    (box,) = [t for t in at.sidebar.text_input if t.key == "topic"]
    assert box.label == "Topic" and box.value == "coast guard, hotline"
    assert at.query_params.get("topic") in (["coast guard", "hotline"],)
    assert any("Topic: coast guard, hotline" in c.value for c in at.sidebar.caption)
    box.set_value("acsa").run()
    assert at.query_params.get("topic") in ("acsa", ["acsa"])


def test_present_follows_the_topic():
    at = open_page("app_pages/present.py", topic="coast guard", slide="timeline")
    assert not at.exception
    assert any("Topic: coast guard" in m.value for m in [*at.markdown, *at.caption])
