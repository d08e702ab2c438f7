"""AppTest of the Add an article page: pasted text to saved rows, on temporary copies of the fixture package
(STRAIT_WATCH_DATA / STRAIT_WATCH_CORPUS point at them; nothing is written to data/ or tests/fixtures/); the
limits it says before a run (size, date, a deployment that cannot save) and failures said in plain words with
the analyst's edits kept."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from intake_fixtures import ARTICLE, copy_fixture
from paths import REPO
from streamlit.testing.v1 import AppTest

from strait_watch.core.dataset.loader import load_dataset

LIMITS = ("An article may have at most 200,000 characters of text (about 30,000 words; the longest corpus article"
          " has 13,600), from a .txt or .html file of at most 5 MB.")
EXAMPLES = "write the date the article prints, such as 2021-08-27, 27 August 2021, August 2021 or 2021"


@pytest.fixture
def page(tmp_path):
    data, corpus = copy_fixture(tmp_path)
    os.environ["STRAIT_WATCH_DATA"], os.environ["STRAIT_WATCH_CORPUS"] = str(data), str(corpus)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.switch_page("app_pages/add_article.py")
    return at.run(), tmp_path


def button(at, label):
    return next(b for b in at.button if b.label == label)


def plain(elements) -> list[str]:
    return [e.value.replace("\\", "") for e in elements]  # the page escapes text from data and input


def proposed(at, date="October 2021"):
    at.text_area(key="intake_text").input(ARTICLE)
    at.text_input(key="intake_title").input("The Pacific Ledger")
    at.text_input(key="intake_date").input(date)
    button(at, "Propose candidates").click().run()
    assert not at.exception and not at.error
    return at


def files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_pasted_article_to_saved_rows(page):
    at, tmp = page
    assert not at.exception
    proposed(at)
    assert at.header[0].value == "Candidates from “The Pacific Ledger”"
    shown = "\n".join(plain(at.markdown))
    assert "corroborates 1 existing record(s); 1 of them single-source until now" in shown
    assert "ev-2021-03-lantern-study-group" in shown
    button(at, "Accept all").click().run()
    assert "3 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    assert not at.warning and not button(at, "Save").disabled  # a writable copy: nothing said, Save on
    button(at, "Save").click().run()
    assert not at.exception and not at.error
    assert plain(at.success)[0].startswith("Saved 3 row(s) from src-903 and the article (903_")
    saved = load_dataset(tmp / "data", tmp / "corpus")
    assert "ev-2021-10-03-jp-lantern-party-met" in set(saved.events["id"])
    ev = saved.evidence
    assert set(ev.loc[ev["record_id"] == "ev-2021-03-lantern-study-group", "source_id"]) == {"src-900", "src-903"}
    assert saved.sources.loc[saved.sources["id"] == "src-903", "published"].item() == "2021-10"
    assert len(list((tmp / "corpus").glob("903_*.txt"))) == 1


def test_bad_input_gets_a_message_and_changes_nothing(page):
    at, tmp = page
    before = files(tmp / "data")
    at.text_area(key="intake_text").input("Too short.")
    button(at, "Propose candidates").click().run()
    assert not at.exception
    message = plain(at.error)[0]
    assert "Nothing added." in message and "pasted text: only 2 word(s) of text" in message
    at.text_area(key="intake_text").input(ARTICLE)
    at.text_input(key="intake_date").input("sometime soonish")
    at.run()
    assert plain(at.error) == [f"article date 'sometime soonish' cannot be read as a date (no year in four digits);"
                               f" {EXAMPLES}"]
    assert button(at, "Propose candidates").disabled
    assert files(tmp / "data") == before


def test_the_size_cap_is_said_before_any_text_and_enforced_on_paste(page):
    at, _ = page
    assert LIMITS in "\n".join(plain(at.caption))  # said up front, before anything is uploaded or pasted
    assert not button(at, "Propose candidates").disabled
    at.text_area(key="intake_text").input("word " * 40_000 + "x")  # 200,001 characters
    at.run()
    assert plain(at.error) == ["pasted text: 200,001 characters of text; an article may have at most 200,000 (about"
                               " 30,000 words). Keep the part of the text you mean to quote and add that"]
    assert button(at, "Propose candidates").disabled
    at.text_area(key="intake_text").input("word " * 39_999 + "words")  # 200,000 characters: at the cap, fine
    at.run()
    assert not at.error and not button(at, "Propose candidates").disabled


@pytest.mark.parametrize("date", ["next tuesday", "yesterday", "in 3 days", "last week"])
def test_a_relative_article_date_is_refused_as_it_is_typed(page, date):
    at, _ = page
    at.text_area(key="intake_text").input(ARTICLE)
    at.text_input(key="intake_date").input(date)
    at.run()
    assert plain(at.error) == [f"article date '{date}' is relative: it names no day on its own; {EXAMPLES}"]
    assert button(at, "Propose candidates").disabled
    assert "intake" not in at.session_state  # nothing proposed


def test_a_read_only_deployment_says_so_before_save(page, monkeypatch):
    monkeypatch.setenv("STRAIT_WATCH_READ_ONLY", "1")  # what scripts/serve.sh --read-only sets
    at, tmp = page
    at.run()
    said = ("This deployment is read-only (STRAIT_WATCH_READ_ONLY is set, e.g. by serve.sh --read-only), so articles"
            " cannot be saved here.")
    assert f"{said} You can still propose and check candidates." in "\n".join(plain(at.caption))  # at the top
    proposed(at)
    button(at, "Accept all").click().run()
    assert plain(at.warning) == [f"**Saving is off here.** {said}"]
    assert button(at, "Save").disabled and not button(at, "Check").disabled
    button(at, "Check").click().run()
    assert plain(at.success) == ["The check passes with these rows."]
    assert not list((tmp / "corpus").glob("903_*.txt"))


CHILD = textwrap.dedent("""
    import json, sys
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(sys.argv[1], default_timeout=90)
    at.switch_page("app_pages/add_article.py")
    at.run()
    at.text_area(key="intake_text").input(sys.argv[2])
    at.text_input(key="intake_date").input("October 2021")
    next(b for b in at.button if b.label == "Propose candidates").click().run()
    next(b for b in at.button if b.label == "Accept all").click().run()
    save = next(b for b in at.button if b.label == "Save")
    print(json.dumps({"exception": [str(e.value) for e in at.exception], "warning": [w.value for w in at.warning],
                      "save_disabled": save.disabled}))
""")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="a read-only bind mount needs root and unshare (as tests/test_serve.py's)")
def test_a_read_only_data_folder_is_said_before_save(tmp_path):
    """The data folder really read-only (a bind mount in a private mount namespace, as serve.sh gives workers):
    the page says so above Save and disables it, instead of a failing save."""
    data, corpus = copy_fixture(tmp_path)
    env = {**os.environ, "STRAIT_WATCH_DATA": str(data), "STRAIT_WATCH_CORPUS": str(corpus),
           "PYTHONPATH": f"{REPO}:{REPO / 'tests'}"}
    env.pop("STRAIT_WATCH_READ_ONLY", None)
    mount = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    out = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", mount, "sh", str(data),
                          sys.executable, "-c", CHILD, str(REPO / "app.py"), ARTICLE],
                         env=env, capture_output=True, text=True, timeout=240, cwd=REPO)
    assert out.returncode == 0, out.stderr[-2000:]
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    said = (f"The data folder {data} is read-only (its permissions or a read-only mount), so nothing can be"
            " saved.")
    assert [w.replace("\\", "") for w in shown.pop("warning")] == [f"**Saving is off here.** {said}"]
    assert shown == {"exception": [], "save_disabled": True}


def test_a_failed_save_is_said_plainly_and_keeps_the_edits(page):
    at, tmp = page
    proposed(at)
    button(at, "Accept none").click().run()  # the confident candidates start ticked
    before = files(tmp / "data")
    # The analyst ticks the new event (row 0) and gives it an impossible date: the save's check refuses it.
    at.session_state["intake_editor_1"] = {"edited_rows": {0: {"accept": True, "date": "2021-13"}},
                                           "added_rows": [], "deleted_rows": []}
    at.run()
    assert "1 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    button(at, "Save").click().run()
    assert not at.exception
    assert plain(at.error)[0].startswith("**Nothing saved.** the result would not pass the check")
    problems = at.dataframe[-1].value  # located: file, line, record, column, problem
    assert list(problems.columns) == ["file", "line", "record", "column", "problem"]
    assert problems[["file", "record", "column", "problem"]].to_dict("records") == [
        {"file": "events.csv", "record": "ev-2021-10-03-jp-lantern-party-met", "column": "date",
         "problem": "bad date '2021-13': no such day or month"}]
    assert problems["line"].notna().all()
    assert files(tmp / "data") == before
    # The review and the edit are still there: the analyst fixes the date and saves.
    assert "1 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    assert at.session_state["intake_editor_1"]["edited_rows"] == {0: {"accept": True, "date": "2021-13"}}
    at.session_state["intake_editor_1"] = {"edited_rows": {0: {"accept": True, "date": "2021-10-03"}},
                                           "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "Save").click().run()
    assert not at.exception and not at.error
    assert plain(at.success)[0].startswith("Saved 1 row(s) from src-903")


def test_an_os_error_on_save_is_a_sentence_not_a_traceback(page, monkeypatch):
    at, _ = page
    proposed(at)
    button(at, "Accept all").click().run()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", "/srv/data/events.csv")

    monkeypatch.setattr("strait_watch.intake.workflow.commit", disk_full)
    button(at, "Save").click().run()
    assert not at.exception
    assert plain(at.error) == ["**Nothing saved.** /srv/data/events.csv: No space left on device"]
    assert at.header[0].value == "Candidates from “The Pacific Ledger”"  # the review stays
    assert "3 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)


def test_cards_show_each_candidate_s_quote_and_why_and_keep_the_ticks(page):
    """The review as cards (a phone's default; columns stack on a narrow screen): each candidate's tick, its
    quote and why; ticks made on the cards are the table's when the analyst goes back to it, and back."""
    at, _ = page
    proposed(at)
    assert at.radio(key="intake_view").value == "Table"  # AppTest sends no phone's User-Agent
    at.radio(key="intake_view").set_value("Cards").run()
    assert not at.exception
    assert [c.label.replace("\\", "") for c in at.checkbox] == [
        "event ev-2021-10-03-jp-lantern-party-met", "corroboration ev-2021-03-lantern-study-group",
        "proposal pr-903-hoshino-aki-coast-guard-drills"]
    assert [c.value for c in at.checkbox] == [True, True, True]  # all three confident
    shown = "\n".join(plain(at.markdown))
    assert "> She urged joint coast guard drills that include search and rescue." in shown
    why = "\n".join(plain(at.caption))
    assert "**Why:** cue 'urged'; 'She' → hoshino-aki, the person named in the sentence before" in why
    at.checkbox[1].uncheck().run()
    assert "2 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    at.radio(key="intake_view").set_value("Table").run()
    assert "2 of 3 candidates accepted" in "\n".join(c.value for c in at.caption)
    at.radio(key="intake_view").set_value("Cards").run()
    assert [c.value for c in at.checkbox] == [True, False, True]
