"""The Reading page under AppTest: a link opens an article and a sentence by id; what the sentence supports is
shown (its records' evidence, or the reason it supports none); a missing corpus or an edited article is said."""

import shutil

from apps import open_page
from paths import FIXTURE_CORPUS

PAGE = "app_pages/reading.py"


def test_a_link_opens_the_article_and_the_sentence_by_id():
    at = open_page(PAGE, article="src-901", sentence="3")
    assert not at.exception
    assert (at.selectbox(key="article").value, at.selectbox(key="sentence").value) == ("src-901", 3)
    assert [m.value for m in at.markdown if m.value.startswith("## ")] == ["## Lin Wei-ting: Tokyo-Taipei hotline"]


def test_a_sentence_with_several_records_shows_each_panel():
    at = open_page(PAGE, article="src-900", sentence="14")  # a Table 1 row: four agreements
    assert not at.exception
    assert [m.value for m in at.markdown if m.value.startswith("## ")] == [
        "## Japan-Australia ACSA", "## Japan-Australia defence equipment transfer agreement",
        "## Japan-Australia GSOMIA", "## Japan-Australia RAA"]


def test_a_sentence_without_records_says_why():
    at = open_page(PAGE, article="src-900", sentence="5")
    assert [i.value for i in at.info] == [
        "Sentence 5 supports no record. Reason: The author's or an interviewee's argument, assessment or explanation,"
        " with no datable fact and no proposal of a measure \\(Tokyo's attention, no datable fact\\)"]


def test_the_coverage_of_the_article_is_shown():
    at = open_page(PAGE, article="src-902")
    assert "8 of 8 sentences \\(100%\\) accounted for: 7 support records, 1 none \\(with a reason\\)" in [
        p.proto.text for p in at.get("progress")]


def test_an_edited_article_shows_the_sentence_as_changed(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    path = corpus / "900_00000000000000a1.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Tokyo watched closely.", "Tokyo watched."), encoding="utf-8")
    at = open_page(PAGE, corpus=corpus, article="src-900", sentence="5")
    # the loader refuses the package (the ledger's hash no longer matches): the page says so, no traceback
    assert not at.exception
    assert any("src-900 sentence 5" in e.value and "changed since it was read" in e.value for e in at.error)


def test_without_the_corpus_folder_the_page_says_so(tmp_path):
    at = open_page(PAGE, corpus=tmp_path / "gone")
    assert not at.exception
    assert [i.value for i in at.info][-1].startswith("None of the articles is in the corpus folder on this machine")
