"""Any record on a slide, the record picker's word-prefix search, the other agreements' slide in the default and
chosen decks, and quotes as whole sentences in the notes and the appendix (issue 28). Expected values written by
hand from tests/fixtures/mini/ and its corpus (tests/fixtures/mini-corpus/)."""

from __future__ import annotations

import datetime as dt

from decks import check_deck, notes, open_pptx, slide_texts
from paths import FIXTURE_CORPUS

from strait_watch.briefing.events import prefix_matches, record_choices, search_text
from strait_watch.briefing.model import DEFAULT_SLIDES, Brief, article_layouts, brief_from_query, in_sentence
from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import build_pptx
from strait_watch.core.filters import Filters
from strait_watch.render import NoRenderer

NOW = dt.datetime(2026, 3, 4, 9, 30)


def test_the_default_deck_is_unchanged_and_the_others_slide_is_added_by_hand(mini):
    assert Brief().slides == DEFAULT_SLIDES == ("timeline", "matrix", "statements", "network", "consensus",
                                                "persistence")
    assert brief_from_query({}).slides == DEFAULT_SLIDES
    assert brief_from_query({"slides": ["Timeline", "Other agreements and mechanisms"]}).slides == ("timeline", "others")
    pack = prepare_pack(mini, Filters(), Brief(slides=("others",)))
    (view,) = pack.views
    assert list(view.table["name"]) == ["Japan Coast Guard Law (as amended 2021)", "Japan-Taiwan ocean affairs mechanism"]
    assert [x.text for x in view.findings] == [
        "2 other agreements, laws and mechanisms in the articles, 1 of them proposed or sought, not concluded.",
        "Most recent (2021): Japan Coast Guard Law (as amended 2021).",
        "Proposed or sought, not concluded: Japan-Taiwan ocean affairs mechanism."]


def test_record_choices_cover_events_agreements_and_measures(mini):
    choices = record_choices(mini, Filters())
    assert len(choices) == 13 + 4 + 6  # every event; the agreements outside Table 1; the measures with proposals
    assert choices["ag-jp-tw-ocean-mechanism"] == "Agreement or mechanism: no year — Japan-Taiwan ocean affairs mechanism"
    assert choices["m-hotline"] == "Measure: Tokyo-Taipei hotline (3 proposers)"
    assert "ag-raa-jp-au" not in choices  # a Table 1 cell is on the matrix slide
    # the two hotline events, the hotline measure, and maritime intelligence sharing (Whitcombe's quote, src-902:
    # "A hotline is a start; intelligence sharing on maritime traffic must follow.")
    assert set(record_choices(mini, Filters(topics=("hotline",)))) == {
        "ev-2021-04-20-hoshino-hotline", "ev-2021-11-whitcombe-hotline", "m-hotline", "m-info-sharing"}


def test_prefix_search_matches_word_starts_and_puts_the_exact_title_first(mini):
    texts = search_text(mini, Filters())
    # "coast" starts a word in the coast guard law (event and agreement) and the coast guard drills; nothing else
    assert prefix_matches("coast", texts) == ["ev-2021-coast-guard-law", "ag-jp-coast-guard-law", "m-coast-guard-drills"]
    # every word must start a word: "lin" starts Lin Wei-ting, a proposer of the hotline (Hoshino's hotline event
    # names Hoshino only); the order of the words does not matter
    assert prefix_matches("lin hot", texts) == prefix_matches("hot lin", texts) == ["m-hotline"]
    assert prefix_matches("2019", texts) == ["ev-2019-07-jp-au-training"]  # the date label
    assert prefix_matches("oast", texts) == []  # not inside a word, never a subsequence
    titles = {"a": "Taiwan Strait statements", "b": "Taiwan", "c": "Taiwanese exchanges"}
    texts = {"a": "Taiwan Strait statements", "b": "Taiwan", "c": "Taiwanese exchanges"}
    assert prefix_matches("taiwan", texts, titles) == ["b", "a", "c"]  # the exact title first, then the starts


def test_an_agreement_and_a_measure_with_its_proposers_on_slides(mini):
    brief = Brief(slides=("timeline",), events=("ag-jp-tw-ocean-mechanism", "m-hotline"))
    pack = prepare_pack(mini, Filters(), brief)
    prs = open_pptx(build_pptx(mini, Filters(), exported_at=NOW, renderer=NoRenderer(), pack=pack))
    check_deck(prs, pack)
    slides = list(prs.slides)
    assert [s.shapes.title.text for s in slides[3:]] == [
        "Japan-Taiwan ocean affairs mechanism (proposed, not concluded)", "Tokyo-Taipei hotline"]
    kicker = [next(sh for sh in s.shapes if sh.name == "kicker").text_frame.text for s in slides[3:]]
    assert kicker == ["Agreement or mechanism", "Measure"]
    body = "\n".join(slide_texts(slides[4]))
    assert "Proposed by: Hoshino Aki" in body and "Lin Wei-ting" in body and "Dana Whitcombe" in body
    assert "2021" in body
    assert set(pack.views[2].records) == {"pr-900-hoshino-hotline", "pr-901-lin-hotline", "pr-902-whitcombe-hotline"}
    assert "Minister Hoshino said that a hotline between Tokyo and Taipei is overdue." in notes(slides[4])


def test_a_quote_in_its_whole_sentence(mini):
    articles = article_layouts(mini, str(FIXTURE_CORPUS))
    # src-902: the quote is the second clause of one sentence; src-900: the quote is the sentence after its date
    assert in_sentence("their forces trained together in July 2019.", articles["src-902"]) == (
        "Japan and Australia signed their equipment transfer agreement in 2014, and «their forces trained together "
        "in July 2019.»")
    assert in_sentence("Minister Hoshino said that a hotline between Tokyo and Taipei is overdue.",
                       articles["src-900"]) == ("Speaking on 20 April 2021, «Minister Hoshino said that a hotline "
                                                "between Tokyo and Taipei is overdue.»")
    assert in_sentence("their forces trained together", None) == "…their forces trained together"  # no corpus


def test_notes_and_appendix_print_each_quote_once_in_its_sentence(mini, monkeypatch):
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(FIXTURE_CORPUS))  # the app's corpus setting, as the loader's
    f = Filters()
    brief = Brief(slides=("timeline",), events=("ev-2019-07-jp-au-training",), appendix=True)
    pack = prepare_pack(mini, f, brief)
    prs = open_pptx(build_pptx(mini, f, exported_at=NOW, renderer=NoRenderer(), pack=pack))
    slides = list(prs.slides)
    sentence = ("“Japan and Australia signed their equipment transfer agreement in 2014, and «their forces trained "
                "together in July 2019.»”")
    event_notes = notes(slides[3])
    assert event_notes.count(sentence) == 1
    appendix = "\n".join(t for s in slides if s.shapes.title.text.startswith("Evidence appendix") for t in slide_texts(s))
    assert appendix.count("«their forces trained together in July 2019.»") == 1
