"""The Add an article assistant (strait_watch/intake): each kind of candidate on small invented texts, against
the fixture package's known data. Expected values are written by hand from tests/fixtures/mini/."""

import re

import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.intake.article import check_new, read_article
from strait_watch.intake.datefind import find_dates, parse_published
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import accepted, review_table, select
from strait_watch.intake.suggest import suggest
from strait_watch.intake.text import sentences

FILLER = " This sentence only pads the article to a readable length for the reader and the test."


@pytest.fixture(scope="module")
def frames():
    return frames_of(load_dataset(FIXTURE_DIR, FIXTURE_CORPUS))


def run(frames, text, published="2021-10", author=""):
    return suggest(text + FILLER, Meta(title="Test", author=author, published=published), frames).candidates


def by_kind(candidates, kind):
    return [c for c in candidates if c.kind == kind]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(("sentence", "date", "precision", "basis"), [
    ("On 14 June 2021 the leaders met.", "2021-06-14", "day", "stated"),
    ("The group met on Sept. 23, 2021 again.", "2021-09-23", "day", "stated"),
    ("In March 2021 the party set up a group.", "2021-03", "month", "stated"),
    ("The treaty was signed in 1951.", "1951", "year", "stated"),
    ("The talks took place on August 27 by video link.", "2021-08-27", "day", "inferred"),
    ("A white paper in July called for a sense of crisis.", "2021-07", "month", "inferred"),
])
def test_dates_at_the_precision_the_text_gives(sentence, date, precision, basis):
    (found,) = find_dates(sentence, "2021-10")
    assert (found.date, found.precision, found.basis) == (date, precision, basis)


def test_relative_dates_resolve_against_the_article_date():
    (week,) = find_dates("The parties held talks last week.", "2021-09-03")
    assert (week.date, week.basis) == ("2021-08-27", "inferred")
    (year,) = find_dates("Last year Tokyo said so.", "2021-09-03")
    assert (year.date, year.precision) == ("2020", "year")
    (day,) = find_dates("On Saturday, the minister spoke.", "2021-08-30")  # a Monday
    assert day.date == "2021-08-28"
    assert "relative to the article's date (2021-08-30)" in day.note


def test_a_date_range_gives_the_end_date():
    (found,) = find_dates("The talks ran in Hawaii, 5–8 June 2017.", "2017")
    assert (found.date, found.end_date) == ("2017-06-05", "2017-06-08")


def test_the_article_date_is_read_or_refused():
    assert parse_published("September 2021") == "2021-09"
    assert parse_published("2021") == "2021"
    assert parse_published("") == ""
    with pytest.raises(IntakeError, match="cannot be read as a date"):
        parse_published("sometime soonish")
    with pytest.raises(IntakeError, match="no such date"):
        parse_published("2021-02-30")


# ---------------------------------------------------------------- candidates


def test_an_event_with_a_known_actor_by_alias(frames):
    found = run(frames, "On 5 October 2021 Minister Hoshino visited Yonaguni.")
    (event,) = by_kind(found, "event")
    assert event.fields["date"] == "2021-10-05" and event.fields["date_basis"] == "stated"
    assert event.fields["actors"] == "hoshino-aki"
    assert "'Minister Hoshino' → hoshino-aki" in event.why and "date '5 October 2021'" in event.why
    assert event.record_id == "ev-2021-10-05-hoshino-aki-visited"
    assert event.quote == "On 5 October 2021 Minister Hoshino visited Yonaguni."


def test_no_event_without_a_known_actor(frames):
    assert by_kind(run(frames, "On 5 October 2021 somebody visited somewhere."), "event") == []


def test_a_year_from_context_is_flagged_inferred(frames):
    (event,) = by_kind(run(frames, "On 2 September the Lantern Party met Professor Whitcombe."), "event")
    assert (event.fields["date"], event.fields["date_basis"]) == ("2021-09-02", "inferred")
    assert "inferred from the article's date" in event.fields["date_note"]


def test_a_corroboration_of_a_known_event(frames):
    found = run(frames, "In March 2021 the Lantern Party set up a Taiwan study group under Hoshino Aki.")
    (support,) = by_kind(found, "corroboration")
    assert support.record_id == "ev-2021-03-lantern-study-group"
    assert "same actors hoshino-aki, jp-lantern-party" in support.why
    assert by_kind(found, "event") == []  # the same date: no second event


def test_a_known_agreement_named_is_a_corroboration(frames):
    found = run(frames, "Japan and the United States recalled their joint statement of April 2021 on Taiwan.")
    records = {c.record_id for c in by_kind(found, "corroboration")}
    assert "ag-2021-04-jp-us-joint-statement" in records or "ev-2021-04-jp-us-joint-statement" in records


def test_a_named_new_agreement_with_its_parties(frames):
    found = run(frames, "In 2019 Japan and Taiwan signed the Taiwan-Japan Fisheries Agreement (TJFA) in Taipei.")
    (agreement,) = by_kind(found, "agreement")
    f = agreement.fields
    assert (f["name"], f["abbreviation"]) == ("Taiwan-Japan Fisheries Agreement (TJFA)", "TJFA")
    assert (f["agreement_type"], f["party_a"], f["party_b"]) == ("fisheries-agreement", "japan", "taiwan")
    assert (f["year"], f["status"]) == (2019, "concluded")
    assert agreement.record_id == "ag-2019-tjfa"


def test_an_abbreviation_with_its_parties_supports_the_known_cell(frames):
    found = run(frames, "Japan and Australia still have no Reciprocal Access Agreement (RAA) as of 2021.")
    assert "ag-raa-jp-au" in {c.record_id for c in by_kind(found, "corroboration")}


def test_a_proposal_cue_and_a_known_measure_by_phrasing(frames):
    found = run(frames, "Professor Whitcombe urged joint coast guard drills near the islands.")
    (proposal,) = by_kind(found, "proposal")
    assert proposal.fields["proposer"] == "dana-whitcombe"
    assert proposal.fields["measure"] == "m-coast-guard-drills"
    assert proposal.fields["stance"] == "reports"  # a past call relayed
    assert "cue 'urged'" in proposal.why and "phrasing 'joint coast guard drills'" in proposal.why
    assert proposal.record_id == "pr-903-dana-whitcombe-coast-guard-drills"


def test_a_proposal_of_an_unknown_measure_offers_a_new_measure(frames):
    found = run(frames, "Lin Wei-ting calls for a permanent undersea cable repair fund.")
    (measure,) = by_kind(found, "measure")
    (proposal,) = by_kind(found, "proposal")
    assert measure.fields["name"] == "Permanent undersea cable repair fund"
    assert proposal.fields["measure"] == measure.record_id == "m-permanent-undersea-cable-repair-fund"
    assert proposal.fields["proposer"] == "lin-wei-ting" and proposal.fields["stance"] == "proposes"


def test_unknown_names_offered_as_actors_or_aliases(frames):
    found = run(frames, "Analyst Rowan Feld said the plan works. Dana Whitcomb said the same.")
    actors = {c.fields["name"]: c for c in by_kind(found, "actor")}
    assert actors["Rowan Feld"].record_id == "feld-rowan" and actors["Rowan Feld"].fields["kind"] == "person"
    assert actors["Dana Whitcomb"].alias_of == "dana-whitcombe"


def test_the_candidates_are_deterministic(frames):
    text = read_article((FIXTURE_CORPUS / "900_00000000000000a1.txt").read_bytes())
    first = [(c.kind, c.record_id, c.why) for c in suggest(text, Meta(published="2021-09"), frames).candidates]
    again = [(c.kind, c.record_id, c.why) for c in suggest(text, Meta(published="2021-09"), frames).candidates]
    assert first == again and len(first) > 5


def test_a_table_of_agreements_cell_by_cell(frames):
    text = ("Table 1: Japan's agreements\n\nPartner | GSOMIA | RAA\nAustralia | 2012 | X\nUnited Kingdom | 2013 | 2023\n"
            + FILLER * 3)
    found = suggest(text, Meta(published="2023"), frames).candidates
    supports = {c.record_id: c.fields["locator"] for c in by_kind(found, "corroboration")}
    assert supports["ag-gsomia-jp-au"] == "Table 1, row GSOMIA, column Australia"
    assert supports["ag-raa-jp-uk"] == "Table 1, row RAA, column United Kingdom"
    assert {c.record_id for c in by_kind(found, "agreement")} == set()  # every cell is known in the fixture


# ---------------------------------------------------------------- the review table


def test_review_table_accepts_and_edits_by_key(frames):
    found = run(frames, "On 5 October 2021 Minister Hoshino visited Yonaguni.")
    table = select(review_table(found), "c001")
    table.loc[0, "name"] = "Hoshino visits Yonaguni"
    table.loc[0, "summary"] = "Minister Hoshino visits Yonaguni."
    table.loc[0, "precision"] = "month"
    table.loc[0, "date"] = "2021-10"
    (event,) = accepted(found, table)
    assert event.fields["title"] == "Hoshino visits Yonaguni" and event.quote.startswith("On 5 October 2021")
    assert event.fields["summary"] == "Minister Hoshino visits Yonaguni."
    assert (event.fields["date"], event.fields["date_precision"]) == ("2021-10", "month")
    assert accepted(found, select(review_table(found), "none")) == []


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "the file is empty"),
    (b"   \n\n ", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\xe9 au lait " * 10, "not UTF-8"),
    (b"Too short to be an article.", "only 6 word(s)"),
    (b"<html><body><nav>Home</nav></body></html>", "no article text"),
])
def test_bad_articles_get_a_clear_message(raw, message):
    with pytest.raises(IntakeError, match=re.escape(message)):
        read_article(raw, "new.txt")


def test_html_is_reduced_to_its_article_text():
    html = ("<html><head><title>t</title></head><body><nav>Home | About</nav><article><h1>Sea lanes</h1>"
            "<p>On 5 October 2021 Minister Hoshino visited Yonaguni and spoke with the island's fishing crews"
            " about the new coast guard patrol schedule.</p><p>She said the patrols would continue into the"
            " winter months and that Taipei had been told.</p></article><footer>© 2021</footer></body></html>")
    text = read_article(html.encode(), "page.html")
    assert "On 5 October 2021 Minister Hoshino visited Yonaguni" in text
    assert "Home | About" not in text and "<p>" not in text


def test_an_article_already_in_the_corpus_is_refused():
    raw = (FIXTURE_CORPUS / "901_00000000000000b2.txt").read_bytes()
    text = read_article(raw.replace(b"\n", b"\r\n"), "copy.txt")  # line ends aside, the same text
    with pytest.raises(IntakeError, match=re.escape("already in the corpus as 901_00000000000000b2.txt")):
        check_new(text, FIXTURE_CORPUS, "copy.txt")


def test_sentences_keep_the_text_verbatim():
    text = "Mr. Abe met Lo on Aug. 27, 2021 in\nTokyo. They talked.\n\nU.S. officials spoke."
    assert [s.text for s in sentences(text)] == ["Mr. Abe met Lo on Aug. 27, 2021 in Tokyo.", "They talked.",
                                                 "U.S. officials spoke."]


def test_the_speaker_holds_the_view_not_the_country_in_it(frames):
    known_speaker = by_kind(run(frames, "Lin Wei-ting said Tokyo should hold joint humanitarian exercises."), "proposal")
    assert [(p.fields["proposer"], p.fields["measure"]) for p in known_speaker] == [("lin-wei-ting", "m-hadr-exercises")]
    found = run(frames, "Analyst Rowan Feld said Tokyo should hold joint humanitarian exercises.")
    (proposal,) = by_kind(found, "proposal")
    assert proposal.fields["proposer"] == "feld-rowan"  # the same id as the actor candidate offered for the name
    assert "feld-rowan" in {c.record_id for c in by_kind(found, "actor")}


def test_another_copy_of_a_corpus_article_is_refused_too():
    text = (FIXTURE_CORPUS / "900_00000000000000a1.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    edited = "\n\n".join(["A new first line from another site.", *paragraphs[:3], *paragraphs[4:]])
    with pytest.raises(IntakeError, match=re.escape("already in the corpus as 900_00000000000000a1.txt")):
        check_new(edited, FIXTURE_CORPUS, "copy.txt")
    check_new("On 5 October 2021 Minister Hoshino visited Yonaguni. " + FILLER, FIXTURE_CORPUS)  # a new text passes
