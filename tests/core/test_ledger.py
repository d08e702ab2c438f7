"""The coverage ledger: every sentence of every article accounted for, checked against the article's own text.

Expected counts are written by hand from the fixture corpus (tests/fixtures/mini-corpus: 17 + 9 + 8 units) and
from the five articles (75, 35, 75, 91, 85 units, counted when the ledger was read)."""

import csv
import shutil

import pytest
from paths import FIXTURE_CORPUS

from scripts.check_data import main as check_main
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError
from strait_watch.core.sentences import ROW, SENTENCE, text_hash, units


def _rows(folder):
    with open(folder / "ledger.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(folder, rows):
    with open(folder / "ledger.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _problems(folder, corpus=FIXTURE_CORPUS) -> list[str]:
    try:
        load_dataset(folder, corpus)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


def test_the_splitter_numbers_sentences_and_table_rows_of_the_fixture_article():
    found = units((FIXTURE_CORPUS / "900_00000000000000a1.txt").read_text(encoding="utf-8"))
    assert len(found) == 17
    assert (found[3].number, found[3].paragraph, found[3].kind) == (4, 3, SENTENCE)
    assert found[3].text.startswith("On 12 January 2021, Chinese military aircraft crossed")
    assert [(u.number, u.kind, u.text) for u in found[12:15]] == [
        (13, ROW, "Partner | GSOMIA | ACSA | Equipment | RAA"),
        (14, ROW, "Australia | 2012 | 2010 | 2014 | X"),
        (15, ROW, "United Kingdom | 2013 | 2017 | 2013 | X")]
    assert found[4].hash == "45c1afed" == text_hash("Tokyo   watched\nclosely.")  # whitespace does not count


def test_a_table_row_with_empty_edge_cells_is_a_row_not_prose():
    text = "Traffic\t\t\nJapan\tResidents (2015)\tVisitors (2016)\n\t20,162\tapproximately 1,900,000\n"
    assert [(u.kind, u.text) for u in units(text)] == [
        (ROW, "Traffic"), (ROW, "Japan Residents (2015) Visitors (2016)"), (ROW, "20,162 approximately 1,900,000")]


def test_the_fixture_is_fully_accounted_for(mini):
    assert len(mini.ledger) == 34
    row = mini.ledger[(mini.ledger["source_id"] == "src-900") & (mini.ledger["sentence"] == 8)].iloc[0]
    assert list(row["records"]) == ["ev-2021-04-20-hoshino-hotline", "pr-900-hoshino-hotline"]


def test_a_removed_row_is_an_error(fixture_copy):
    _write(fixture_copy, [r for r in _rows(fixture_copy) if (r["source_id"], r["sentence"]) != ("src-901", "4")])
    assert _problems(fixture_copy) == [
        "ledger.csv: src-901 sentence 4 (paragraph 2, hash 98cb2d71) has no ledger row: 'She also wants coast guard"
        " drills that include search and …'; read it and add its row"]


def test_an_edited_article_is_caught_by_the_hash(fixture_copy, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    path = corpus / "901_00000000000000b2.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("have grown used to waiting", "are tired of waiting"),
                    encoding="utf-8")
    problems = _problems(fixture_copy, corpus)
    assert any(p.startswith("ledger.csv line 20 (src-901 sentence 2), column hash: the sentence changed since it was"
                            " read") for p in problems), problems
    # the quote of pr-901-lin-hotline is gone from the article too, and says so
    assert any("quote not found verbatim in src-901" in p for p in problems)


def test_a_quote_in_a_sentence_marked_none_is_an_error(fixture_copy):
    rows = _rows(fixture_copy)
    for r in rows:
        if (r["source_id"], r["sentence"]) == ("src-900", "9"):
            r["records"], r["reason"] = "", "analysis"
    _write(fixture_copy, rows)
    assert _problems(fixture_copy) == [
        "evidence.csv line 30 (pr-900-hoshino-coast-guard-drills), column quote: the quote falls in src-900 sentence"
        " 9, which the ledger (line 10) marks as supporting no record (analysis)"]


def test_a_row_with_records_and_a_reason_or_neither_is_an_error(fixture_copy):
    rows = _rows(fixture_copy)
    rows[4]["reason"] = "analysis"  # src-900 sentence 5 has "analysis" already: give sentence 4 both
    rows[3]["reason"] = "analysis"
    rows[1]["reason"] = ""  # sentence 2: neither
    _write(fixture_copy, rows)
    problems = _problems(fixture_copy)
    assert "ledger.csv line 5 (src-900 sentence 4), column reason: lists records and a reason: a sentence supports" \
           " records, or none for a reason; clear one" in problems
    assert "ledger.csv line 3 (src-900 sentence 2), column records: neither records nor a reason: list the records" \
           " the sentence supports, or why it supports none" in problems


def test_a_reason_outside_the_closed_list_is_refused(fixture_copy):
    rows = _rows(fixture_copy)
    rows[1]["reason"] = "boring"
    _write(fixture_copy, rows)
    assert any(p.startswith("ledger.csv line 3") and "reason" in p and "boring" in p for p in _problems(fixture_copy))


def test_a_listed_record_that_does_not_exist_is_refused(fixture_copy):
    rows = _rows(fixture_copy)
    rows[3]["records"] = "ev-2021-01-12-adiz-sortie;ev-nope"
    _write(fixture_copy, rows)
    assert "ledger.csv line 5 (src-900 sentence 4), column records: unknown record 'ev-nope'" in _problems(fixture_copy)


def test_the_check_command_prints_the_coverage(capsys, fixture_dir, fixture_corpus):
    assert check_main([str(fixture_dir), "--corpus", str(fixture_corpus)]) == 0
    out = capsys.readouterr().out
    assert "  src-900      17 of 17   100.0%  (10 support records, 7 none with a reason)" in out
    assert "  src-901       9 of 9    100.0%  (8 support records, 1 none with a reason)" in out
    assert "  all          34 of 34   100.0%" in out


def test_the_check_command_fails_on_a_removed_row(capsys, fixture_copy, fixture_corpus):
    _write(fixture_copy, _rows(fixture_copy)[:-1])
    assert check_main([str(fixture_copy), "--corpus", str(fixture_corpus)]) == 1
    out = capsys.readouterr().out
    assert "  src-902       7 of 8     87.5%  (6 support records, 1 none with a reason, 1 missing or changed)" in out


def test_the_shipped_data_accounts_for_every_sentence_of_the_five_articles(capsys, shipped):
    assert check_main([]) == 0
    out = capsys.readouterr().out
    for line in ("  src-000      75 of 75   100.0%", "  src-001      35 of 35   100.0%", "  src-002      75 of 75   100.0%",
                 "  src-003      91 of 91   100.0%", "  src-004      85 of 85   100.0%", "  all         361 of 361  100.0%"):
        assert line in out


@pytest.mark.parametrize(("source", "number", "records"), [
    # the six purposes of the multilateral mechanism (Kuo, sentences 59-64) and the three rationales before them
    ("src-000", 60, ["pr-000-kuo-yujen-collective-security-network"]),
    ("src-000", 56, ["pr-000-japan-collective-security-network", "ag-regional-collective-security-mechanism"]),
    # the Taiwanese president's agenda is hers as well as Hsiao's (Hsiao, sentences 33-34)
    ("src-004", 33, None),
    # the traffic table (Higuchi): the Japan row's figures
    ("src-003", 61, ["st-003-japanese-residents-in-taiwan", "st-003-japanese-visitors-to-taiwan"]),
])
def test_the_three_gaps_are_in_the_data(shipped, source, number, records):
    row = shipped.ledger[(shipped.ledger["source_id"] == source) & (shipped.ledger["sentence"] == number)].iloc[0]
    if records is not None:
        assert list(row["records"]) == records
    else:
        assert {"pr-004-tsai-ing-wen-maritime-security", "pr-004-tsai-ing-wen-real-time-info-sharing"} <= set(row["records"])
