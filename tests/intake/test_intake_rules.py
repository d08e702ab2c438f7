"""Issue 29, the rules the leave-one-out benchmark asked for: each pinned on an invented December 2021 opinion
piece written for them (tests/fixtures/intake/quill_opinion_dec2021.txt, by an invented author "Mara Quill")
and on two-sentence texts below, against the shipped data (read only). Expected values are written by hand from
the article and data/ (its Japan-Australia GSOMIA and ACSA rows, its March 2021 2+2 event, its 2019 event of
Japan and Taiwan, its measures m-liaison-officers, m-govt-security-dialogue and m-hadr)."""

import shutil

import pytest
from paths import REPO, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.intake.known import Known, frames_of
from strait_watch.intake.model import Meta
from strait_watch.intake.review import accept_all, review_table
from strait_watch.intake.suggest import suggest
from strait_watch.intake.workflow import check

ARTICLE = REPO / "tests" / "fixtures" / "intake" / "quill_opinion_dec2021.txt"
TWO_SENTENCES = ("Masahisa Sato met Lo Chih-cheng in Taipei on Friday for security talks.\n\n"
                 "Japan should set up a coast guard dialogue with Taiwan.\n")


@pytest.fixture(scope="module")
def frames():
    return frames_of(load_dataset(SHIPPED_DATA, None, check_quotes=False))


@pytest.fixture(scope="module")
def suggestion(frames):
    meta = Meta("Japan and Taiwan at Sea", "Mara Quill", "", "2021-12-15", "analysis")
    return suggest(ARTICLE.read_text(encoding="utf-8"), meta, frames)


@pytest.fixture(scope="module")
def found(suggestion):
    return suggestion.candidates


def of(candidates, kind, text):
    return [c for c in candidates if c.kind == kind and text in c.quote]


def pairs(candidates):
    return {(c.fields["proposer"], c.fields["measure"], c.confidence) for c in candidates}


# ---------------------------------------------------------------- tables

def test_a_table_party_no_actor_matches_is_a_new_actor_not_a_dropped_row(found):
    (canada,) = [c for c in found if c.kind == "actor" and c.fields["name"] == "Canada"]
    assert (canada.record_id, canada.fields["kind"], canada.confidence) == ("canada", "state", "high")
    assert "offered as a new state (the kind of the table's owner, japan)" in canada.why
    table = {(c.kind, c.record_id, c.confidence) for c in found if c.sentence == -1 and c.kind != "actor"}
    assert table == {
        ("agreement", "ag-jp-canada-gsomia", "high"), ("event", "ev-2019-jp-canada-gsomia", "high"),
        ("agreement", "ag-jp-canada-acsa", "high"),
        # the Australia column: the data has these rows already
        ("corroboration", "ag-jp-au-gsomia", "high"), ("corroboration", "ev-2012-jp-au-gsomia", "high"),
        ("corroboration", "ag-jp-au-acsa", "high"), ("corroboration", "ev-2017-jp-au-acsa", "high")}
    gsomia, acsa = (next(c for c in found if c.record_id == rid) for rid in ("ag-jp-canada-gsomia", "ag-jp-canada-acsa"))
    assert {k: gsomia.fields[k] for k in ("party_a", "party_b", "agreement_type", "year", "status")} == {
        "party_a": "japan", "party_b": "canada", "agreement_type": "gsomia", "year": 2019, "status": "concluded"}
    assert (acsa.fields["year"], acsa.fields["status"]) == (None, "none-as-of-source")  # the X cell


# ---------------------------------------------------------------- events

def test_a_credit_line_and_a_year_measured_against_give_no_event(found):
    assert not of(found, "event", "Picture source")
    (aircraft,) = of(found, "event", "Chinese aircraft entered")
    assert aircraft.fields["date"] == "2021"  # not "that of 2020"


def test_a_known_event_inside_the_month_makes_the_new_event_doubtful(found):
    (event,) = of(found, "event", '"2+2" meeting in March 2021')
    assert event.confidence == "low"
    assert event.doubt == ("the known event ev-2021-03-16-us-japan-2plus2 (2021-03-16) falls in 'March 2021' with the"
                           " same actors: probably the same event (a corroboration)")
    assert "ev-2021-03-16-us-japan-2plus2" in {c.record_id for c in of(found, "corroboration", '"2+2" meeting')
                                               if c.confidence == "high"}


def test_a_year_and_states_only_is_a_loose_corroboration(found):
    (loose,) = of(found, "corroboration", "signed the Pacific Maritime Charter")
    assert (loose.record_id, loose.confidence) == ("ev-2019-tsai-calls-for-security-talks", "low")
    assert loose.doubt == ("only the year '2019' and japan, taiwan match ev-2019-tsai-calls-for-security-talks:"
                           " the sentence may tell another event")
    (signed,) = of(found, "event", "signed the Pacific Maritime Charter")  # offered too, the analyst decides
    assert (signed.fields["date"], signed.confidence) == ("2019", "low")


@pytest.mark.parametrize(("published", "date", "confidence"), [("2021-12", "2021-12-24", "low"),
                                                               ("2021-12-15", "2021-12-10", "high")])
def test_a_weekday_needs_an_article_dated_to_the_day(frames, published, date, confidence):
    found = suggest(TWO_SENTENCES, Meta("Talks", "Ann Lee", "", published, "news-report"), frames).candidates
    (event,) = of(found, "event", "on Friday")
    assert (event.fields["date"], event.confidence) == (date, confidence)
    if confidence == "low":
        assert event.doubt == "'Friday' is relative to an article dated only 2021-12: the day cannot be told"


# ---------------------------------------------------------------- agreements

def test_a_headline_is_no_instrument(found):
    (headline,) = of(found, "agreement", "Hold Maritime Dialogue")
    assert headline.confidence == "low"
    assert headline.doubt == "the name has the verb 'Hold': a headline telling an event, not an instrument's name"


def test_a_charter_is_a_treaty_proposed_once(found):
    first, second = [c for c in found if c.kind == "agreement" and "Pacific Maritime Charter" in c.fields["name"]]
    assert {k: first.fields[k] for k in ("name", "agreement_type", "year", "status", "party_a", "party_b")} == {
        "name": "Pacific Maritime Charter", "agreement_type": "treaty", "year": 2019, "status": "concluded",
        "party_a": "japan", "party_b": "taiwan"}
    assert first.confidence == "high"
    assert second.fields["name"] == "Pacific Maritime Charter"  # "The" is not part of the name
    assert (second.confidence, second.doubt) == (
        "low", "an earlier sentence names 'Pacific Maritime Charter' already: accept one of them")


# ---------------------------------------------------------------- proposals

def test_the_author_holds_what_the_piece_asks_for(found):
    assert pairs(of(found, "proposal", "Japan should set up a coast guard liaison office")) == {
        ("quill-mara", "m-coast-guard-liaison-office-in", "high")}  # Japan is asked, the author asks
    (author,) = [c for c in found if c.kind == "actor" and c.record_id == "quill-mara"]
    assert (author.fields["name"], author.fields["kind"], author.confidence) == ("Mara Quill", "person", "high")


def test_a_leading_clause_and_a_preposition_name_no_holder(found):
    assert pairs(of(found, "proposal", "If Prime Minister Abe is serious")) == {
        ("quill-mara", "m-liaison-officers", "high")}
    assert pairs(of(found, "proposal", "Despite opposition by China")) == {
        ("taiwan", "m-yearly-maritime-dialogue-with-japan", "high")}


def test_what_is_no_proposal_or_not_a_confident_one(found):
    assert not of(found, "proposal", "That ought to tell you")
    assert not of(found, "proposal", "no need to think for them")
    (will,) = of(found, "proposal", "will cooperate on joint escort missions")
    assert (will.confidence, will.doubt) == ("low", "'will' tells a prediction or a possibility, not what anyone proposes")
    (knowing,) = of(found, "proposal", "We can understand that")
    assert (knowing.confidence, knowing.doubt) == (
        "low", "'can' tells a prediction or a possibility, not what anyone proposes")
    (calls,) = of(found, "proposal", "Calls for direct security dialogue")
    assert (calls.confidence, calls.doubt) == (
        "low", "'Calls for' opens the sentence as a noun: it reports calls without saying whose")


def test_in_an_opinion_piece_can_do_suggests_it(found):
    assert pairs(of(found, "proposal", "Self-Defense Forces can share their HA/DR")) == {
        ("quill-mara", "m-hadr", "high")}


def test_a_confident_sentence_of_a_view_replaces_a_doubtful_one(frames):
    text = ("The two governments will cooperate on HA/DR.\n\n"
            "The Japan Self-Defense Forces can share their HA/DR experience with Taiwan.\n")
    found = suggest(text, Meta("HA/DR", "Mara Quill", "", "2021-12-15", "analysis"), frames).candidates
    (hadr,) = [c for c in found if c.kind == "proposal"]  # once per holder and measure, the confident one
    assert (hadr.fields["proposer"], hadr.fields["measure"], hadr.confidence) == ("quill-mara", "m-hadr", "high")
    assert hadr.quote.startswith("The Japan Self-Defense Forces can share")


def test_a_wish_names_its_holder_and_a_new_measure(found):
    assert pairs(of(found, "proposal", "The DPP hopes to open")) == {
        ("tw-dpp", "m-open-coast-guard-hotline-with", "high")}  # the subject holds a wish, unlike a modal's
    (measure,) = [c for c in found if c.kind == "measure" and c.record_id == "m-open-coast-guard-hotline-with"]
    assert measure.fields["name"] == "Open coast guard hotline with Japan"


def test_he_added_after_a_quote_is_the_person_of_the_sentence_before(found):
    assert {p.fields["proposer"] for p in of(found, "proposal", "he added, suggesting")} == {"sato-masahisa"}


def test_a_news_report_s_author_holds_no_view_and_an_unsigned_opinion_s_author_does(frames):
    news = suggest(TWO_SENTENCES, Meta("Talks", "Ann Lee", "", "2021-12-15", "news-report"), frames)
    (reported,) = of(news.candidates, "proposal", "Japan should set up")
    assert (reported.fields["proposer"], reported.confidence) == ("lee-ann", "low")
    assert reported.doubt == ("no holder named and a news report's author reports views, not holds them:"
                              " choose the proposer")
    unsigned = suggest(TWO_SENTENCES, Meta("Talks", "", "", "2021-12-15", "commentary"), frames)
    (held,) = of(unsigned.candidates, "proposal", "Japan should set up")
    author = "author-" + unsigned.source["id"].removeprefix("src-")  # the house form: author-001 of src-001
    assert (held.fields["proposer"], held.confidence) == (author, "high")
    (actor,) = [c for c in unsigned.candidates if c.kind == "actor"]
    assert (actor.record_id, actor.fields["name"]) == (author, "Unnamed author of Talks")


# ---------------------------------------------------------------- what Accept all saves

def test_accept_all_on_the_article_passes_the_check(suggestion, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    table = accept_all(review_table(suggestion.candidates))
    assert check(suggestion, table, data, None) == []


# ---------------------------------------------------------------- issue 29: proposals the benchmark missed
# Each rule on hand-written sentences against the shipped data (lo-chih-cheng, sato-masahisa, taiwan and the
# measures m-coast-guard-cooperation, m-govt-security-dialogue, m-cyber-cooperation are in data/); an
# "analysis" by Mara Quill is an opinion, whose author (quill-mara) holds what no one else is named for.

def proposals_in(frames, text, kind="analysis"):
    found = suggest(text + "\n", Meta("Rules", "Mara Quill", "", "2021-12-15", kind), frames).candidates
    return ({(c.fields["proposer"], c.fields["measure"], c.confidence) for c in found if c.kind == "proposal"},
            {c.record_id: c.fields["name"] for c in found if c.kind == "measure"},
            {c.doubt for c in found if c.kind == "proposal"})


@pytest.mark.parametrize("kind", ["analysis", "news-report"])
def test_seeing_something_as_a_suitable_area_proposes_it(frames, kind):
    text = "Lo Chih-cheng said the two parties see coast guard cooperation as a suitable area to deepen ties."
    assert proposals_in(frames, text, kind)[0] == {("lo-chih-cheng", "m-coast-guard-cooperation", "high")}
    assert proposals_in(frames, "The two parties see each other often.")[0] == set()


def test_stressing_the_need_to_proposes_what_the_quotation_opens(frames):
    text = "Masahisa Sato highlighted the need to “hold a yearly coast guard dialogue with Taiwan.”"
    pairs_, measures, _ = proposals_in(frames, text, "news-report")
    assert pairs_ == {("sato-masahisa", "m-hold-yearly-coast-guard-dialogue", "high")}
    assert measures == {"m-hold-yearly-coast-guard-dialogue": "Hold yearly coast guard dialogue with Taiwan"}


@pytest.mark.parametrize("text", ["Tokyo has to open a coast guard dialogue with Taipei.",
                                  "Japan has no choice but to open a coast guard dialogue with Taipei."])
def test_has_to_obliges_as_must_does(frames, text):
    pairs_, measures, _ = proposals_in(frames, text)
    assert pairs_ == {("quill-mara", "m-open-coast-guard-dialogue-with", "high")}  # Tokyo is asked, the author asks
    assert measures == {"m-open-coast-guard-dialogue-with": "Open coast guard dialogue with Taipei"}


@pytest.mark.parametrize("text", ["Japan would have to face a difficult dilemma in a Taiwan contingency.",
                                  "Japan will have to walk a fine line between Beijing and Taipei.",
                                  "Japan does not have to open a coast guard dialogue with Taipei."])
def test_a_forecast_or_denied_have_to_is_no_proposal(frames, text):
    assert proposals_in(frames, text)[0] == set()


def test_a_modal_in_a_relative_clause_describes(frames):
    text = "These are the situations to which Japan has to respond with coast guard cooperation."
    pairs_, _, doubts = proposals_in(frames, text)
    assert pairs_ == {("quill-mara", "m-coast-guard-cooperation", "low")}
    assert doubts == {"'has to' stands in a relative clause ('which ...'): it describes, not asks"}


def test_it_is_essential_to_have_is_a_proposal(frames):
    pairs_, measures, _ = proposals_in(frames, "It is essential for Japan and Taiwan to have a coast guard hotline.")
    assert pairs_ == {("quill-mara", "m-have-coast-guard-hotline", "high")}
    assert measures == {"m-have-coast-guard-hotline": "Have coast guard hotline"}


def test_hopes_of_joining_is_a_wish_of_its_holder(frames):
    text = "Taiwan's hopes of joining the CPTPP trade pact were discussed, Lo Chih-cheng said."
    pairs_, measures, _ = proposals_in(frames, text, "news-report")
    assert pairs_ == {("taiwan", "m-joining-cptpp-trade-pact", "high")}  # Taiwan hopes, not the speaker
    assert measures == {"m-joining-cptpp-trade-pact": "Joining CPTPP trade pact"}


def test_the_time_is_now_for_asks_for_it(frames):
    text = "The time is now for direct high-level security talks between Taiwan and Japan."
    assert proposals_in(frames, text)[0] == {("quill-mara", "m-govt-security-dialogue", "high")}


def test_a_role_one_can_play_is_proposed_in_an_opinion_only(frames):
    text = "Japan and Taiwan can play an important role in supply chain resilience."
    pairs_, measures, _ = proposals_in(frames, text)
    assert pairs_ == {("quill-mara", "m-supply-chain-resilience", "high")}
    assert measures == {"m-supply-chain-resilience": "Supply chain resilience"}
    reported, _, doubts = proposals_in(frames, text, "news-report")
    assert reported == {("quill-mara", "m-supply-chain-resilience", "low")}
    assert "'can' tells a prediction or a possibility, not what anyone proposes" in next(iter(doubts))


def test_a_call_said_of_an_unknown_holder_is_not_the_author_s(frames):
    text = ("A study group of former officials from the United States, Japan and Taiwan recommended a coast guard"
            " dialogue.")
    pairs_, _, doubts = proposals_in(frames, text)
    # not Taiwan (the last name of a list after "from"), not the author (who reports the group's call)
    assert pairs_ == {("", "m-coast-guard-dialogue", "low")}
    assert doubts == {"the call is someone's the data does not know: choose the proposer (or add the actor)"}
    assert proposals_in(frames, "We recommend a coast guard dialogue.")[0] == {
        ("quill-mara", "m-coast-guard-dialogue", "high")}  # the author's own call


def test_a_measure_name_matches_only_with_all_its_telling_words(frames):
    known = Known(frames)
    assert [row["id"] for row, _, _ in known.measures_in("talks on cyber security cooperation")] == [
        "m-cyber-cooperation"]
    # "Cyber security cooperation" scores 88 against this by the fuzzy ratio alone: 'cyber' is missing
    assert [row["id"] for row, _, _ in known.measures_in("Talks must be raised to the level of security cooperation.")
            ] == ["m-govt-security-dialogue"]
