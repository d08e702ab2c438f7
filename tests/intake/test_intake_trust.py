"""Issue 29: candidates that pass the check must be right. Each failure the issue names, pinned on an invented
December 2021 article written for it (tests/fixtures/intake/coast_guard_dec2021.txt) against the shipped data
(read only; its actors Sato, the LDP Taiwan Project Team, the DPP, its Coast Guard Act record and event).
Expected values are written by hand from that article and data/."""

import pytest
from paths import REPO, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import Meta
from strait_watch.intake.review import accept_all, accepted, review_table
from strait_watch.intake.rows import cut_titles
from strait_watch.intake.suggest import suggest

ARTICLE = REPO / "tests" / "fixtures" / "intake" / "coast_guard_dec2021.txt"


@pytest.fixture(scope="module")
def found():
    frames = frames_of(load_dataset(SHIPPED_DATA, None, check_quotes=False))
    meta = Meta("Japan and Taiwan Talk Coast Guards", "", "Strait Notes", "2021-12-15")
    steps = []
    suggestion = suggest(ARTICLE.read_text(encoding="utf-8"), meta, frames,
                         progress=lambda done, words: steps.append(done))
    return suggestion.candidates, steps


def of(candidates, kind, text):
    return [c for c in candidates if c.kind == kind and text in c.quote]


def test_he_is_sato_named_in_the_sentence_before_never_the_nearest_party(found):
    candidates, _ = found
    proposals = of(candidates, "proposal", "He called for a hotline")
    assert {(p.fields["proposer"], p.fields["measure"]) for p in proposals} == {
        ("sato-masahisa", "m-hotline-between-ldp-and-dpp"), ("sato-masahisa", "m-coast-guard-cooperation")}
    assert not [c for c in candidates if c.kind == "proposal" and c.fields["proposer"] == "tw-dpp"
                and "coast guard cooperation" in c.quote]


def test_in_2022_is_a_date_looked_forward_to_not_the_statement_s_date(found):
    candidates, _ = found
    assert not [c for c in candidates if "2022" in str(c.fields.get("date", ""))]
    assert not of(candidates, "event", "He called for a hotline")
    (measure,) = [c for c in candidates if c.kind == "measure" and "otline" in c.fields["name"]]
    assert measure.fields["name"] == "Hotline between LDP and DPP"  # not "... in 2022"


def test_the_coast_guard_act_is_a_corroboration_and_never_an_actor(found):
    candidates, _ = found
    act = "China's Coast Guard Act"
    assert {c.record_id for c in of(candidates, "corroboration", act)} == {
        "ev-2021-02-01-china-coast-guard-act", "ag-china-coast-guard-act"}
    assert not of(candidates, "event", act) and not of(candidates, "agreement", act)
    assert not [c for c in candidates if c.kind == "actor" and "Act" in c.fields["name"]]


def test_beijing_objecting_is_no_confident_corroboration_of_the_ldp_approach(found):
    candidates, _ = found
    (beijing,) = of(candidates, "corroboration", "Beijing objected")
    assert beijing.record_id == "ev-2021-ldp-approaches-dpp"
    assert beijing.confidence == "low"
    assert beijing.doubt == ("the sentence's subject 'Beijing' is not an actor of ev-2021-ldp-approaches-dpp:"
                             " it may only mention it")


def test_the_project_team_s_quote_and_the_dpp_s_hadr_remark_are_proposed(found):
    candidates, _ = found
    (team,) = of(candidates, "proposal", "should establish a regular coast guard dialogue")
    assert (team.fields["proposer"], team.fields["measure"]) == (
        "jp-ldp-taiwan-project-team", "m-regular-coast-guard-dialogue-with")
    (hadr,) = of(candidates, "proposal", "HA/DR")
    assert (hadr.fields["proposer"], hadr.fields["measure"]) == ("tw-dpp", "m-hadr")


def test_titles_are_whole_words_and_a_cut_title_is_refused(found):
    candidates, _ = found
    (exchange,) = of(candidates, "event", "held an exchange in Taipei")
    assert exchange.fields["title"] == "Coast guard officials from Japan and Taiwan held an exchange in Taipei"
    assert not [c for c in candidates if "…" in str(c.fields.get("title", "")) + str(c.fields.get("name", ""))]
    (problem,) = cut_titles({"events": [{"id": "ev-x", "title": "Sato met the DPP in…"}]})
    assert str(problem) == ("events.csv (ev-x), column title: the title 'Sato met the DPP in…' is cut short ('…'):"
                            " write it in whole words")


def test_accept_all_takes_only_the_confident_ones(found):
    candidates, _ = found
    table = review_table(candidates)
    low = [c for c in candidates if c.confidence == "low"]
    assert low  # the Beijing corroboration at least
    assert all(row["confidence"].startswith("low: ") and not row["accept"]
               for row in table.to_dict("records") if row["confidence"] != "high")
    saved = accepted(candidates, accept_all(table.assign(accept=False)))
    assert [c.record_id for c in saved] == [c.record_id for c in candidates if c.confidence == "high"]
    assert "Beijing objected" not in " ".join(c.quote for c in saved if c.kind == "corroboration")


def test_progress_is_told_from_start_to_end(found):
    _, steps = found
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps) and len(steps) >= 5
