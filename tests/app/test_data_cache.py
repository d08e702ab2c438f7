"""The cached loader (ui/data.py): an analyst's edit to a CSV shows on the next rerun, bad data shows every problem."""

import os
import shutil

from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR
from streamlit.testing.v1 import AppTest

SCRIPT = """
from ui.data import get_dataset
ds = get_dataset()
import streamlit as st
st.write(f"events={len(ds.events)} first={ds.events['title'].iloc[0]} quotes_checked={ds.corpus_checked}")
"""

SHARED_SCRIPT = """
from ui.data import get_dataset
import streamlit as st
ds = get_dataset()
st.write(f"id={id(ds)} same={get_dataset() is ds}")
"""


def _app(monkeypatch, data, corpus):
    monkeypatch.setenv("STRAIT_WATCH_DATA", str(data))
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(corpus))
    return AppTest.from_string(SCRIPT, default_timeout=30)



def test_an_edited_csv_is_reloaded_on_the_next_run(tmp_path, monkeypatch):
    data = tmp_path / "pkg"
    shutil.copytree(FIXTURE_DIR, data)
    at = _app(monkeypatch, data, FIXTURE_CORPUS).run()
    before = at.markdown[0].value
    events = data / "events.csv"
    text = events.read_text(encoding="utf-8")
    first_title = at.markdown[0].value.split("first=")[1].split(" quotes_checked")[0]
    events.write_text(text.replace(first_title, first_title + " (edited)", 1), encoding="utf-8")
    at.run()
    assert at.markdown[0].value != before
    assert f"first={first_title} (edited)" in at.markdown[0].value


def test_bad_data_shows_every_problem_and_no_traceback(tmp_path, monkeypatch):
    data = tmp_path / "pkg"
    shutil.copytree(FIXTURE_DIR, data)
    (data / "measures.csv").write_text("", encoding="utf-8")
    lines = (data / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",day,", ",month,", 1) if ",day," in lines[1] else lines[1].replace(",year,", ",day,", 1)
    (data / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = _app(monkeypatch, data, FIXTURE_CORPUS).run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "")  # as rendered: markdown escapes dropped
    assert "measures.csv" in message and "events.csv line 2" in message and "date_precision" in message


def test_a_missing_corpus_folder_skips_the_quote_check(tmp_path, monkeypatch):
    at = _app(monkeypatch, FIXTURE_DIR, tmp_path / "no-such-folder").run()
    assert not at.exception
    assert "quotes_checked=False" in at.markdown[0].value


def test_reruns_share_one_dataset_object_until_a_file_changes(tmp_path, monkeypatch):
    """st.cache_resource: no copy per call (tests/app/test_dataset_immutable.py checks that no page changes it)."""
    data = tmp_path / "pkg"
    shutil.copytree(FIXTURE_DIR, data)
    monkeypatch.setenv("STRAIT_WATCH_DATA", str(data))
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(FIXTURE_CORPUS))
    at = AppTest.from_string(SHARED_SCRIPT, default_timeout=30).run()
    first = at.markdown[0].value
    assert "same=True" in first
    assert at.run().markdown[0].value == first
    events = data / "events.csv"
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched: a new stamp, so a new load
    assert at.run().markdown[0].value != first


def _many_problems(tmp_path, n=120):
    """The fixture with `n` extra events that have no evidence: exactly one problem each, on the lines after the
    fixture's own (header on line 1, then FIXTURE_COUNTS["events"] rows)."""
    data = tmp_path / "many"
    shutil.copytree(FIXTURE_DIR, data)
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + FIXTURE_COUNTS["events"] and lines[1].startswith("ev-2014-jp-au-equipment,")
    extra = [lines[1].replace("ev-2014-jp-au-equipment", f"ev-zz-{i:03d}", 1) for i in range(n)]
    events.write_text("\n".join(lines + extra) + "\n", encoding="utf-8")
    return data


def test_a_huge_problem_list_shows_the_first_50_and_the_command(tmp_path, monkeypatch):
    data = _many_problems(tmp_path)
    at = _app(monkeypatch, data, FIXTURE_CORPUS).run()
    assert not at.exception
    message = at.error[0].value
    assert "has 120 problem(s)" in message
    items = [line for line in message.splitlines() if line.startswith("- ")]
    assert len(items) == 50
    first = FIXTURE_COUNTS["events"] + 2  # the header is line 1
    assert items[0] == f"- events.csv line {first} (ev-zz-000): no evidence row in evidence.csv".replace("(", "\\(").replace(")", "\\)")
    assert "ev-zz-049" in items[-1] and "ev-zz-050" not in message
    assert f"…and 70 more. To see every problem, run `.venv/bin/python scripts/check_data.py {data}`" in message


def test_a_failed_load_is_validated_once_per_file_version(tmp_path, monkeypatch):
    import ui.data

    calls = []
    real = ui.data.load_dataset

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.data, "load_dataset", counting)
    data = _many_problems(tmp_path, n=3)
    at = _app(monkeypatch, data, FIXTURE_CORPUS)
    for _ in range(3):  # three page views, one validation
        at.run()
        assert "has 3 problem(s)" in at.error[0].value
    assert len(calls) == 1
    events = data / "events.csv"
    one_more = "ev-zz-999,2014,year,,stated,,Japan and Australia sign equipment agreement,x,agreement,japan;australia,false,\n"
    events.write_text(events.read_text(encoding="utf-8") + one_more, encoding="utf-8")
    at.run()  # a new file version is validated again
    assert len(calls) == 2 and "has 4 problem(s)" in at.error[0].value
    at.run()
    assert len(calls) == 2

