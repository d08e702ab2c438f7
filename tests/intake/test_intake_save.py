"""Saving an article safely (strait_watch/intake/save.py, workflow.py, scripts/add_article.py), always on
temporary copies of the fixture package and its corpus. The kill test is test_save_kill.py."""

import os
import shutil
import subprocess
import sys
import tempfile
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
from strait_watch.intake.save import (
    BACKUPS,
    JOURNAL,
    KEEP_BACKUPS,
    READ_ONLY_SETTING,
    SaveError,
    locked,
    merged_files,
    reading,
    recover,
    save,
    unwritable,
)
from strait_watch.intake.workflow import check, commit, prepare

ARTICLE = TEXT.encode()
ARTICLE_FILE = "903_5e2141b77c19493f.txt"  # "903_" + the first 16 hex digits of the article's SHA-256
# A second analyst's article about the same meeting and proposal, prepared against the same starting data.
HARBOUR = b"""HARBOUR NOTES
A second invented article for the Strait Watch tests, written by another analyst.

On 3 October 2021 the Lantern Party met Taiwan's ruling party once more, this time in Kaohsiung.
Observers in the port city described the meeting as cordial but short on detail.
Hoshino Aki, who chairs the party's study group, again urged joint coast guard drills with Taipei.
"""


@pytest.fixture
def package(tmp_path):
    return copy_fixture(tmp_path)


def snapshot(*folders):
    return {p: p.read_bytes() for folder in folders for p in sorted(folder.iterdir()) if p.is_file()}


def prepared(package):
    data, corpus = package
    return prepare(ARTICLE, "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"), data, corpus)


def harbour(package):
    data, corpus = package
    return prepare(HARBOUR, "harbour.txt", Meta(title="Harbour Notes", published="2021-11"), data, corpus)


def rows_of(path, column, value):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.split(",")[column] == value]


def test_save_writes_canonical_rows_the_article_and_a_backup(package):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    assert [r["kind"] for r in table.to_dict("records")] == ["event", "corroboration", "proposal"]
    before = (data / "events.csv").read_bytes()
    saved = commit(suggestion, table, data, corpus)
    assert (saved.corpus_file, saved.renamed, saved.already, saved.recovered) == (ARTICLE_FILE, {}, False, None)
    dataset = saved.dataset
    assert "ev-2021-10-03-jp-lantern-party-met" in set(dataset.events["id"])
    evidence = dataset.evidence[dataset.evidence["source_id"] == "src-903"]
    assert sorted(evidence["record_id"]) == ["ev-2021-03-lantern-study-group", "ev-2021-10-03-jp-lantern-party-met",
                                             "pr-903-hoshino-aki-coast-guard-drills"]
    assert (corpus / ARTICLE_FILE).read_bytes() == ARTICLE
    lines = (data / "events.csv").read_text(encoding="utf-8").splitlines()
    assert lines[10].startswith("ev-2021-08-27-party-talks,") and lines[11].startswith("ev-2021-10-03-jp-lantern")
    backups = [b for b in (data / BACKUPS).iterdir() if b.is_dir()]
    assert len(backups) == 1 and (backups[0] / "events.csv").read_bytes() == before
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


def test_a_failure_mid_save_puts_the_old_version_back(package, monkeypatch):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    before = snapshot(data, corpus)
    real, calls = save_module.os.replace, []

    def flaky(src, dst):
        calls.append(os.path.basename(dst))
        if len(calls) == 5:  # the backup, the journal, the article and sources.csv are in place already
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(save_module.os, "replace", flaky)
    with pytest.raises(SaveError, match=r"\(No space left on device\); the previous version is back in place"):
        commit(suggestion, table, data, corpus)
    assert calls[1:5] == [JOURNAL, ARTICLE_FILE, "sources.csv", "events.csv"]
    assert snapshot(data, corpus) == before  # no new article, no changed CSV, no temporary file, no journal


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


def test_a_reader_never_sees_a_save_switch_files(package):
    """`reading` holds the swap lock shared: a save made meanwhile switches its files only after the reader."""
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    seen, inside = [], threading.Event()

    def reader():
        with reading(data, corpus):
            inside.set()
            first = snapshot(data, corpus)
            time.sleep(1.0)  # the save below checks and backs up meanwhile, then waits to switch
            seen.append(snapshot(data, corpus) == first)
            seen.append(time.monotonic())
            seen.append(any(p.is_dir() and not p.name.startswith(".") for p in (data / BACKUPS).iterdir()))

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait()
    commit(suggestion, table, data, corpus)
    done = time.monotonic()
    thread.join()
    assert seen[0] is True and done >= seen[1]
    assert seen[2] is True  # its check and backup ran while the reader read
    assert (corpus / ARTICLE_FILE).exists()


def test_a_second_save_of_the_same_article_is_refused(package):
    data, corpus = package
    suggestion = prepared(package)
    commit(suggestion, select(review_table(suggestion.candidates), "all"), data, corpus)
    with pytest.raises(IntakeError, match="already in the corpus"):
        prepared(package)


def test_a_retry_of_a_finished_save_says_so_and_adds_nothing(package):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    commit(suggestion, table, data, corpus)
    after = snapshot(data, corpus)
    again = commit(suggestion, table, data, corpus)
    assert (again.already, again.corpus_file, again.renamed) == (True, ARTICLE_FILE, {})
    assert snapshot(data, corpus) == after


def test_two_saves_built_against_the_same_data_both_succeed_with_renumbered_ids(package):
    """Both analysts prepared against the same data: the second save renumbers what the first took (its source
    number, the event's id, the proposal's id, which carries the source number) and every reference follows."""
    data, corpus = package
    first, second = prepared(package), harbour(package)
    assert second.source["id"] == "src-903" and second.source["corpus_file"] == "903_5670743fc354ffaa.txt"
    commit(first, select(review_table(first.candidates), "all"), data, corpus)
    saved = commit(second, select(review_table(second.candidates), "c001,c002"), data, corpus)
    assert saved.renamed == {"src-903": "src-904",
                             "ev-2021-10-03-jp-lantern-party-met": "ev-2021-10-03-jp-lantern-party-met-2",
                             "pr-903-hoshino-aki-coast-guard-drills": "pr-904-hoshino-aki-coast-guard-drills"}
    assert saved.corpus_file == "904_5670743fc354ffaa.txt"
    assert (corpus / "904_5670743fc354ffaa.txt").read_bytes() == HARBOUR
    assert [r.split(",")[1] for r in rows_of(data / "sources.csv", 0, "src-904")] == ["904_5670743fc354ffaa.txt"]
    assert sorted(r.split(",")[0] for r in rows_of(data / "evidence.csv", 1, "src-904")) == [
        "ev-2021-10-03-jp-lantern-party-met-2", "pr-904-hoshino-aki-coast-guard-drills"]
    assert [r.split(",")[:4] for r in rows_of(data / "proposals.csv", 0, "pr-904-hoshino-aki-coast-guard-drills")] == [
        ["pr-904-hoshino-aki-coast-guard-drills", "hoshino-aki", "m-coast-guard-drills", "src-904"]]
    assert rows_of(data / "events.csv", 0, "ev-2021-10-03-jp-lantern-party-met-2")
    assert save_module.renamed_words(saved.renamed).startswith("Another save took 3 of these ids")
    load_dataset(data, corpus)  # both articles and their rows pass the check


def test_two_saves_at_the_same_moment_both_succeed(package):
    data, corpus = package
    jobs = [(s, select(review_table(s.candidates), keys)) for s, keys in
            ((prepared(package), "all"), (harbour(package), "c001,c002"))]
    results, start = [None, None], threading.Barrier(2)

    def run(i):
        start.wait()
        try:
            results[i] = commit(*jobs[i], data, corpus)
        except Exception as exc:  # reported by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [type(r).__name__ for r in results] == ["Saved", "Saved"]
    winner, second = sorted(results, key=lambda r: len(r.renamed))
    assert (len(winner.renamed), len(second.renamed)) == (0, 3)  # whichever came second was renumbered
    assert winner.corpus_file.startswith("903_") and second.corpus_file.startswith("904_")
    assert {winner.corpus_file[4:], second.corpus_file[4:]} == {"5e2141b77c19493f.txt", "5670743fc354ffaa.txt"}
    assert (corpus / winner.corpus_file).exists() and (corpus / second.corpus_file).exists()
    load_dataset(data, corpus)


def measure_row(n):
    return {"id": f"m-test-{n:02d}", "name": f"Test measure {n}", "category": "coast-guard-maritime",
            "description": "Added by the pruning test.", "phrasings": ""}


def test_backups_are_pruned_and_nothing_is_left_in_the_temporary_folder(package, tmp_path, monkeypatch):
    data, corpus = package
    scratch = tmp_path / "system-tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for n in range(KEEP_BACKUPS + 2):
        save(data, corpus, {"measures": [measure_row(n)]}, {}, None)
    backups = sorted(p.name for p in (data / BACKUPS).iterdir() if p.is_dir())
    assert len(backups) == KEEP_BACKUPS
    oldest = (data / BACKUPS / backups[0] / "measures.csv").read_text(encoding="utf-8")
    assert "m-test-01" in oldest and "m-test-02" not in oldest  # the two oldest backups went
    assert sorted(p.name for p in (data / BACKUPS).iterdir() if not p.is_dir()) == [".lock", "saves.json"]
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in data.iterdir() if p.is_file()) == sorted(p.name for p in FIXTURE_DIR.iterdir())


class Stop(Exception):
    """Stands in for a process dying at a step (its locks go, its files stay)."""


def stop_at(monkeypatch, step):
    def point(name):
        if name == step:
            raise Stop(name)

    monkeypatch.setattr(save_module, "kill_point", point)


def test_recovery_rolls_back_when_a_temporary_was_lost(package, monkeypatch):
    data, corpus = package
    suggestion = prepared(package)
    table = select(review_table(suggestion.candidates), "all")
    before = snapshot(data, corpus)
    stop_at(monkeypatch, f"renamed:{ARTICLE_FILE}")
    with pytest.raises(Stop):
        commit(suggestion, table, data, corpus)
    assert (data / JOURNAL).exists() and (corpus / ARTICLE_FILE).exists()
    temp = next(p for p in data.iterdir() if p.name.startswith(".events.csv."))
    temp.write_bytes(b"damaged")  # as if the disk lost it
    assert recover(data, corpus) == ("An interrupted save (903_5e2141b77c19493f.txt and 5 table(s)) was undone:"
                                     " a file it had written was lost.")
    assert snapshot(data, corpus) == before


def test_recovery_does_not_overwrite_a_file_edited_since(package, monkeypatch):
    data, corpus = package
    suggestion = prepared(package)
    stop_at(monkeypatch, "journal")
    with pytest.raises(Stop):
        commit(suggestion, select(review_table(suggestion.candidates), "all"), data, corpus)
    (data / "events.csv").write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(SaveError, match=r"events.csv was changed since a save was interrupted while writing it"):
        recover(data, corpus)
    assert (data / "events.csv").read_text(encoding="utf-8") == "edited by hand\n" and (data / JOURNAL).exists()


def test_nothing_to_recover_is_quick_and_silent(package):
    data, corpus = package
    assert recover(data, corpus) is None
    with reading(data, corpus) as note:
        assert note is None


@pytest.mark.parametrize("case, expected", [
    ("fine", None),
    ("read-only setting", "This deployment is read-only (STRAIT_WATCH_READ_ONLY is set, e.g. by serve.sh"
                          " --read-only), so articles cannot be saved here."),
    ("no corpus setting", "No corpus folder is set (STRAIT_WATCH_CORPUS), so the article cannot be added beside"
                          " the others."),
    ("missing corpus", "The corpus folder {corpus}-gone does not exist (set STRAIT_WATCH_CORPUS), so the article"
                       " cannot be added beside the others."),
    ("missing data", "The data folder {data}-gone does not exist, so there is nothing to save into."),
    ("not a package", "The data folder {corpus} holds no datapackage.json, so it is not a data package to save"
                      " into."),
    ("symlinked table", "events.csv in {data} is a symbolic link; a save would replace the link with a plain file,"
                        " so saving is off here."),
    ("backups is a file", "The backup folder {data}/.backups is not a writable folder, so nothing can be saved."),
])
def test_unwritable_says_why_up_front(package, monkeypatch, case, expected):
    data, corpus = package
    suggestion = prepared(package)
    folders = (data, corpus)
    if case == "read-only setting":
        monkeypatch.setenv(READ_ONLY_SETTING, "1")
    elif case == "no corpus setting":
        folders = (data, None)
    elif case == "missing corpus":
        folders = (data, corpus.with_name("corpus-gone"))
    elif case == "missing data":
        folders = (data.with_name("data-gone"), corpus)
    elif case == "not a package":
        folders = (corpus, corpus)
    elif case == "symlinked table":
        shutil.move(data / "events.csv", data.parent / "events.csv")
        (data / "events.csv").symlink_to(data.parent / "events.csv")
    elif case == "backups is a file":
        shutil.rmtree(data / BACKUPS, ignore_errors=True)
        (data / BACKUPS).write_text("", encoding="utf-8")
    assert unwritable(*folders) == (expected and expected.format(data=data, corpus=corpus))
    if expected and case != "no corpus setting":
        with pytest.raises(SaveError) as err:
            commit(suggestion, select(review_table(suggestion.candidates), "all"), *folders)
        assert str(err.value) == expected.format(data=data, corpus=corpus)


READ_ONLY_SAVE = """
import sys
from pathlib import Path
from intake_fixtures import ARTICLE
from strait_watch.intake.model import Meta
from strait_watch.intake.review import review_table, select
from strait_watch.intake.save import SaveError, unwritable
from strait_watch.intake.workflow import commit, prepare
data, corpus = Path(sys.argv[1]), Path(sys.argv[2])
print(unwritable(data, corpus))
s = prepare(ARTICLE.encode(), "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"), data, corpus)
try:
    commit(s, select(review_table(s.candidates), "all"), data, corpus)
except SaveError as err:
    print(err)
"""


def test_a_read_only_folder_gives_a_plain_message_not_a_traceback(package):
    """A real read-only folder: a read-only bind mount in a private mount namespace as root (root writes through
    permissions), the folder's permissions otherwise."""
    data, corpus = package
    before = snapshot(data, corpus)
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{REPO / 'tests'}"}
    command = [sys.executable, "-c", READ_ONLY_SAVE, str(data), str(corpus)]
    if os.geteuid() == 0:
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                   'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"', "sh",
                   str(data), *command]
    else:
        data.chmod(0o555)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    finally:
        data.chmod(0o755)
    sentence = (f"The data folder {data} is read-only (its permissions or a read-only mount), so nothing can be"
                " saved.")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{sentence}\n{sentence}\n", "")
    assert snapshot(data, corpus) == before


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
    assert f"{ARTICLE_FILE} added to {corpus}." in written.stdout
    assert "src-903" in (data / "sources.csv").read_text(encoding="utf-8")
    recovered = run_script("--recover", "--data", data, "--corpus", corpus)
    assert (recovered.returncode, recovered.stdout) == (0, f"No interrupted save in {data}.\n")


def test_script_refuses_a_binary_file(package, tmp_path):
    data, corpus = package
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    result = run_script(binary, "--data", data, "--corpus", corpus)
    assert result.returncode == 1
    assert result.stderr.startswith("error: scan.pdf, line 2, column 1: U+0000") and "Traceback" not in result.stderr
