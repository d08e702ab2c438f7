"""Saving an article safely (strait_watch/intake/save.py, workflow.py, scripts/add_article.py), always on
temporary copies of the fixture package and its corpus."""

import subprocess
import sys
import threading
import time

import pytest
from intake_fixtures import ARTICLE as TEXT
from intake_fixtures import copy_fixture
from paths import FIXTURE_DIR, REPO, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.intake import save as save_module
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import review_table, select
from strait_watch.intake.save import SaveError, locked, merged_files
from strait_watch.intake.workflow import check, commit, prepare

ARTICLE = TEXT.encode()


@pytest.fixture
def package(tmp_path):
    return copy_fixture(tmp_path)


def snapshot(*folders):
    return {p: p.read_bytes() for folder in folders for p in sorted(folder.iterdir()) if p.is_file()}


def prepared(package):
    data, corpus = package
    return prepare(ARTICLE, "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"), data, corpus)


def test_save_writes_canonical_rows_the_article_and_a_backup(package):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    assert [r["kind"] for r in table.to_dict("records")] == ["event", "corroboration", "proposal"]
    before = (data / "events.csv").read_bytes()
    dataset = commit(suggestion, table, data, corpus)
    assert "ev-2021-10-03-jp-lantern-party-met" in set(dataset.events["id"])
    evidence = dataset.evidence[dataset.evidence["source_id"] == "src-903"]
    assert sorted(evidence["record_id"]) == ["ev-2021-03-lantern-study-group", "ev-2021-10-03-jp-lantern-party-met",
                                             "pr-903-hoshino-aki-coast-guard-drills"]
    assert (corpus / suggestion.source["corpus_file"]).read_bytes() == ARTICLE
    lines = (data / "events.csv").read_text(encoding="utf-8").splitlines()
    assert lines[10].startswith("ev-2021-08-27-party-talks,") and lines[11].startswith("ev-2021-10-03-jp-lantern")
    backups = list((data / ".backups").iterdir())
    assert [b.name for b in backups if b.is_dir()] and (next(b for b in backups if b.is_dir()) / "events.csv").read_bytes() == before
    load_dataset(data, corpus)  # the saved package passes the check


def test_a_failing_check_saves_nothing_and_lists_the_problems(package):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "c001")
    table.loc[0, "actors"] = "jp-lantern-party;nobody-known"
    before = snapshot(data, corpus)
    problems = check(suggestion, table, data, corpus)
    assert [str(p) for p in problems] == ["events.csv line 12 (ev-2021-10-03-jp-lantern-party-met), column actors:"
                                          " unknown actor 'nobody-known'"]
    with pytest.raises(SaveError, match="would not pass the check"):
        commit(suggestion, table, data, corpus)
    assert snapshot(data, corpus) == before


def test_a_failure_mid_save_leaves_the_data_unchanged(package, monkeypatch):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    before = snapshot(data, corpus)
    real, calls = save_module.os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the article and one CSV are in place already
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(save_module.os, "replace", flaky)
    with pytest.raises(SaveError, match="No space left on device"):
        commit(suggestion, table, data, corpus)
    assert len(calls) == 3
    assert snapshot(data, corpus) == before  # no new article, no changed CSV, no temporary file left


def test_two_saves_cannot_interleave(package):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    released, finished = [], []
    holding = threading.Event()

    def hold():
        with locked(data):
            holding.set()
            time.sleep(0.6)
            released.append(time.monotonic())

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    commit(suggestion, table, data, corpus)
    finished.append(time.monotonic())
    holder.join()
    assert finished[0] >= released[0]  # the save waited for the lock


def test_a_second_save_of_the_same_article_is_refused(package):
    data, corpus = package
    suggestion = prepared(package)
    commit(suggestion, select(review_table(suggestion.candidates), "all"), data, corpus)
    with pytest.raises(IntakeError, match="already in the corpus"):
        prepared(package)


@pytest.mark.parametrize("folder", [SHIPPED_DATA, FIXTURE_DIR], ids=["shipped", "fixture"])
def test_round_trip_rewrites_identical_bytes(folder):
    for name, text in merged_files(folder, {}, {}).items():
        assert text.encode("utf-8") == (folder / name).read_bytes(), name


def run_script(*args):
    return subprocess.run([sys.executable, str(REPO / "scripts" / "add_article.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_script_prints_candidates_then_saves_with_write(package, tmp_path):
    data, corpus = package
    article = tmp_path / "ledger.txt"
    article.write_bytes(ARTICLE)
    common = [article, "--title", "The Pacific Ledger", "--date", "2021-10", "--data", data, "--corpus", corpus]
    shown = run_script(*common)
    assert shown.returncode == 0, shown.stderr
    assert "3 candidate(s), 0 accepted" in shown.stdout and "c002 corroboration → ev-2021-03-lantern-study-group" in shown.stdout
    dry = run_script(*common, "--accept", "c001,c003")
    assert dry.returncode == 0 and "The check passes" in dry.stdout
    assert "src-903" not in (data / "sources.csv").read_text(encoding="utf-8")
    written = run_script(*common, "--accept", "all", "--write")
    assert written.returncode == 0, written.stderr
    assert "src-903" in (data / "sources.csv").read_text(encoding="utf-8")


def test_script_refuses_a_binary_file(package, tmp_path):
    data, corpus = package
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    result = run_script(binary, "--data", data, "--corpus", corpus)
    assert result.returncode == 1
    assert "scan.pdf: a binary file" in result.stderr and "Traceback" not in result.stderr
