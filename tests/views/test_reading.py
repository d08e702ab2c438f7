"""The reading view on the fixture corpus: what each sentence supports, its quotes, the filters, the coverage.
Expected values are read by hand from tests/fixtures/mini-corpus and tests/fixtures/mini/ledger.csv."""

import pytest
from paths import FIXTURE_CORPUS

from strait_watch.core.filters import Filters
from strait_watch.core.sentences import units
from strait_watch.views.reading import coverage, reading_csv_rows, reading_payload, reading_units


@pytest.fixture(scope="module")
def texts():
    return {"src-900": units((FIXTURE_CORPUS / "900_00000000000000a1.txt").read_text(encoding="utf-8")),
            "src-901": units((FIXTURE_CORPUS / "901_00000000000000b2.txt").read_text(encoding="utf-8")),
            "src-902": None}  # not in the corpus folder: no counts


def test_each_sentence_says_what_it_supports(ds, texts):
    found = {u["number"]: u for u in reading_units(ds, "src-900", texts["src-900"], Filters())}
    assert (found[8]["support"], found[8]["records"]) == ("event", ["ev-2021-04-20-hoshino-hotline", "pr-900-hoshino-hotline"])
    assert found[9]["support"] == "proposal"
    assert found[14]["support"] == "agreement" and found[14]["kind"] == "row"
    assert (found[5]["support"], found[5]["reason"]) == ("none", "analysis")
    assert found[5]["label"].startswith("supports no record: The author's or an interviewee's argument")


def test_quotes_are_highlighted_where_they_fall(ds, texts):
    found = {u["number"]: u for u in reading_units(ds, "src-900", texts["src-900"], Filters())}
    # pr-900-hoshino-hotline quotes "Minister Hoshino said that a hotline ... is overdue." inside sentence 8, and
    # ev-2021-04-20-hoshino-hotline the whole of it: the sentence is one quoted piece
    assert found[8]["segments"] == [
        ("Speaking on 20 April 2021, Minister Hoshino said that a hotline between Tokyo and Taipei is overdue.", True)]
    assert found[5]["segments"] == [("Tokyo watched closely.", False)]


def test_a_partial_quote_is_cut_where_it_starts(ds):
    article = units((FIXTURE_CORPUS / "902_00000000000000c3.txt").read_text(encoding="utf-8"))
    found = {u["number"]: u for u in reading_units(ds, "src-902", article, Filters())}
    assert found[6]["segments"] == [
        ("Japan and Australia signed their equipment transfer agreement in 2014", True), (", and ", False),
        ("their forces trained together in July 2019.", True)]


def test_filters_dim_sentences_whose_records_do_not_pass(ds, texts):
    found = {u["number"]: u for u in reading_units(ds, "src-900", texts["src-900"], Filters(actors=("hoshino-aki",)))}
    assert found[8]["lit"] and found[9]["lit"]  # Hoshino's remarks and her proposals
    assert not found[4]["lit"]  # the January sortie does not involve her
    assert found[5]["lit"]  # a sentence that supports none is never dimmed


def test_coverage_counts_each_article_in_the_corpus_folder(ds, texts):
    rows = coverage(ds, texts).to_dict("records")
    assert [(r["source_id"], r["sentences"], r["accounted"], r["with_records"], r["without_records"], r["missing"],
             r["share_accounted"]) for r in rows] == [("src-900", 17, 17, 10, 7, 0, 100.0),
                                                       ("src-901", 9, 9, 8, 1, 0, 100.0)]


def test_the_payload_key_changes_with_the_marks_not_with_the_pick(ds, texts):
    plain = reading_units(ds, "src-900", texts["src-900"], Filters())
    dimmed = reading_units(ds, "src-900", texts["src-900"], Filters(actors=("hoshino-aki",)))
    assert reading_payload(plain, 3, "x")["key"] == reading_payload(plain, 8, "x")["key"]
    assert reading_payload(plain, 3, "x")["key"] != reading_payload(dimmed, 3, "x")["key"]


def test_csv_rows_are_the_ledger_as_read(ds, texts):
    rows = reading_csv_rows(reading_units(ds, "src-900", texts["src-900"], Filters()))
    assert list(rows.columns) == ["sentence", "paragraph", "kind", "text", "records", "reason", "note"]
    assert rows.iloc[13].to_dict() == {"sentence": 14, "paragraph": 8, "kind": "table row",
                                        "text": "Australia | 2012 | 2010 | 2014 | X",
                                        "records": "ag-acsa-jp-au; ag-equipment-jp-au; ag-gsomia-jp-au; ag-raa-jp-au",
                                        "reason": "", "note": ""}
