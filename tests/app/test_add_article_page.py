"""AppTest of the Add an article page: pasted text to saved rows, on temporary copies of the fixture package
(STRAIT_WATCH_DATA / STRAIT_WATCH_CORPUS point at them; nothing is written to data/ or tests/fixtures/)."""

import os

import pytest
from intake_fixtures import ARTICLE, copy_fixture
from paths import REPO
from streamlit.testing.v1 import AppTest

from strait_watch.core.dataset.loader import load_dataset


@pytest.fixture
def page(tmp_path):
    data, corpus = copy_fixture(tmp_path)
    os.environ["STRAIT_WATCH_DATA"], os.environ["STRAIT_WATCH_CORPUS"] = str(data), str(corpus)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.switch_page("app_pages/add_article.py")
    return at.run(), tmp_path


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_pasted_article_to_saved_rows(page):
    at, tmp = page
    assert not at.exception
    at.text_area(key="intake_text").input(ARTICLE)
    at.text_input(key="intake_title").input("The Pacific Ledger")
    at.text_input(key="intake_date").input("October 2021")
    button(at, "Propose candidates").click().run()
    assert not at.exception and not at.error
    assert at.subheader[0].value == "Candidates from “The Pacific Ledger”"
    shown = "\n".join(m.value for m in at.markdown).replace("\\", "")  # the page escapes data text
    assert "corroborates 1 existing record(s); 1 of them single-source until now" in shown
    assert "ev-2021-03-lantern-study-group" in shown
    button(at, "Accept all").click().run()
    assert "3 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    button(at, "Save").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Saved 3 row(s) from src-903 and the article (903_")
    saved = load_dataset(tmp / "data", tmp / "corpus")
    assert "ev-2021-10-03-jp-lantern-party-met" in set(saved.events["id"])
    ev = saved.evidence
    assert set(ev.loc[ev["record_id"] == "ev-2021-03-lantern-study-group", "source_id"]) == {"src-900", "src-903"}
    assert saved.sources.loc[saved.sources["id"] == "src-903", "published"].item() == "2021-10"
    assert len(list((tmp / "corpus").glob("903_*.txt"))) == 1


def test_bad_input_gets_a_message_and_changes_nothing(page):
    at, tmp = page
    before = {p.name: p.read_bytes() for p in (tmp / "data").iterdir() if p.is_file()}
    at.text_area(key="intake_text").input("Too short.")
    button(at, "Propose candidates").click().run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "")  # the page escapes the message's text
    assert "Nothing added." in message and "pasted text: only 2 word(s) of text" in message
    at.text_area(key="intake_text").input(ARTICLE)
    at.text_input(key="intake_date").input("the day after tomorrow-ish")
    button(at, "Propose candidates").click().run()
    assert "'the day after tomorrow-ish' cannot be read as a date" in at.error[0].value.replace("\\", "")
    assert {p.name: p.read_bytes() for p in (tmp / "data").iterdir() if p.is_file()} == before
