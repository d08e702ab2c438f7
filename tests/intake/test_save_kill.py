"""A save is all or nothing even under `kill -9`: the saving process kills itself (SIGKILL) at every step of the
save (strait_watch/intake/save.py's kill_point, STRAIT_WATCH_SAVE_KILL_AT), and each time recovery and the
loader find the old version or the new one, byte for byte, with no temporary or journal left, and a retry of
the same save ends at the new version. Always on temporary copies of the fixture package and its corpus."""

import json
import os
import subprocess
import sys
import time

from intake_fixtures import ARTICLE, copy_fixture
from paths import REPO

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.intake.model import Meta
from strait_watch.intake.review import review_table, select
from strait_watch.intake.save import BACKUPS, recover
from strait_watch.intake.workflow import commit, prepare

ARTICLE_FILE = "903_5e2141b77c19493f.txt"  # "903_" + the first 16 hex digits of the ledger article's SHA-256
CHANGED = ["sources.csv", "events.csv", "proposals.csv", "evidence.csv", "ledger.csv"]  # the tables the save adds rows to
SWITCHED = [ARTICLE_FILE, *CHANGED, "saves.json"]
# Every step of that save, in order, written out by hand from save.py's docstring.
STEPS = ["locked", "checking", "checked", "backing-up", "backed-up", *(f"temp:{n}" for n in SWITCHED),
         "journal-temp", "journal", *(f"renamed:{n}" for n in SWITCHED), "switched", "journal-removed", "pruned"]
# Before "journal" the switch has not begun: recovery leaves the old version; from "journal" on it finishes it.
OLD_UNTIL = STEPS.index("journal")
TIME_LIMIT_S = 240  # a bound against a hang (a lock never released), not a speed target: 15 s quiet, 65 s on two loaded cores


def files(*folders):
    """Every file at the top of the folders: the package, the corpus, and any temporary or journal left there."""
    return {f"{folder.name}/{p.name}": p.read_bytes() for folder in folders for p in sorted(folder.iterdir())
            if p.is_file()}


def ledger(data, corpus):
    """The save the helper makes: the ledger article with every candidate accepted."""
    suggestion = prepare(ARTICLE.encode(), "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"),
                         data, corpus)
    return suggestion, select(review_table(suggestion.candidates), "all")


def helper(mode, data, corpus):
    env = {k: v for k, v in os.environ.items() if k != "STRAIT_WATCH_SAVE_KILL_AT"}
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{REPO / 'tests'}"
    return subprocess.Popen([sys.executable, str(REPO / "tests" / "intake" / "kill_saves.py"), mode, str(data),
                             str(corpus)], env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def test_the_save_passes_every_step_named_here(tmp_path):
    proc = helper("trace", *copy_fixture(tmp_path))
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and json.loads(out) == STEPS


def test_a_kill_at_any_step_leaves_the_old_or_the_new_version_and_a_retry_works(tmp_path):
    started = time.monotonic()
    data, corpus = copy_fixture(tmp_path / "reference")
    old = files(data, corpus)
    suggestion, table = ledger(data, corpus)
    commit(suggestion, table, data, corpus)
    new = files(data, corpus)
    assert sorted(set(new) - set(old)) == [f"corpus/{ARTICLE_FILE}"]
    assert sorted(n for n in old if old[n] != new[n]) == sorted(f"data/{n}" for n in CHANGED)

    proc = helper("kill", *copy_fixture(tmp_path / "helper"))
    found, retried = {}, {}
    try:
        for i, step in enumerate(STEPS):
            data, corpus = copy_fixture(tmp_path / f"step-{i:02d}")
            proc.stdin.write(f"{step} {data} {corpus}\n")
            proc.stdin.flush()
            assert proc.stdout.readline().strip() == "signal 9", step  # the save reached the step and died there
            recover(data, corpus)
            load_dataset(data, corpus)  # the package passes the check (raises otherwise)
            after = files(data, corpus)
            found[step] = "old" if after == old else "new" if after == new else "half"
            saved = commit(suggestion, table, data, corpus)  # the same save, asked again
            retried[step] = ("already" if saved.already else "saved", files(data, corpus) == new,
                             sorted(p.name for p in (data / BACKUPS).iterdir() if p.name.startswith((".partial", ".check"))))
    finally:
        proc.stdin.close()
        proc.wait(10)
    assert found == {step: "old" if i < OLD_UNTIL else "new" for i, step in enumerate(STEPS)}
    assert list(found.values()).count("half") == 0
    assert retried == {step: ("saved" if i < OLD_UNTIL else "already", True, []) for i, step in enumerate(STEPS)}
    assert time.monotonic() - started < TIME_LIMIT_S
