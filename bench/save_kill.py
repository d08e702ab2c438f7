"""Half packages after `kill -9` at every step of a save: the save before issue 25 against the current one.

Not a test (tests/intake/test_save_kill.py is the test of the current save); it prints the before/after figure
for the README:

    .venv/bin/python bench/save_kill.py [--before-commit 64d258b]

The save is the tests' ledger article with every candidate accepted, on copies of tests/fixtures/mini and its
corpus. For each step a forked child runs the save and SIGKILLs itself there; then whatever recovery the version
has runs (the old save has none), and the folders' files are compared byte for byte with the old version and with
the new one (an uninterrupted save's result). The old save has no named steps, so its child is killed just before
each of its renames and after the last one (its backup and check come before the first).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from intake_fixtures import ARTICLE
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError
from strait_watch.intake import save as current
from strait_watch.intake.model import Meta
from strait_watch.intake.review import plan_rows, review_table, select
from strait_watch.intake.workflow import prepare


def copies(root: Path, name: str) -> tuple[Path, Path]:
    shutil.copytree(FIXTURE_DIR, root / name / "data")
    shutil.copytree(FIXTURE_CORPUS, root / name / "corpus")
    return root / name / "data", root / name / "corpus"


def files(*folders: Path) -> dict[str, bytes]:
    return {f"{f.name}/{p.name}": p.read_bytes() for f in folders for p in sorted(f.iterdir()) if p.is_file()}


def old_module(commit: str):
    source = subprocess.run(["git", "show", f"{commit}:strait_watch/intake/save.py"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="old-save-"))
    try:
        path = folder / "old_save.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("old_save", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        shutil.rmtree(folder)
    return module


def in_child(run) -> str:
    pid = os.fork()
    if pid == 0:
        try:
            run()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return "killed" if os.WIFSIGNALED(status) else "finished"


def verdict(data: Path, corpus: Path, old: dict, new: dict) -> str:
    everything = files(data, corpus)
    leftovers = sorted(n for n in everything if n not in old and n not in new)
    after = {n: b for n, b in everything.items() if n not in leftovers}
    try:
        load_dataset(data, corpus)
        loads = "loads"
    except DatasetError as err:
        loads = f"fails the check ({len(err.problems)} problems)"
    state = "old" if after == old else "new" if after == new else "HALF"
    return f"{state:<4} {loads}" + (f"; left: {', '.join(leftovers)}" if leftovers else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-commit", default="64d258b", help="the commit holding the save before issue 25")
    args = parser.parse_args()
    old_save = old_module(args.before_commit)
    root = Path(tempfile.mkdtemp(prefix="save-kill-"))
    try:
        data, corpus = copies(root, "reference")
        suggestion = prepare(ARTICLE.encode(), "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"),
                             data, corpus)
        table = select(review_table(suggestion.candidates), "all")
        columns = {n: [f["name"] for f in r["schema"]["fields"]]
                   for n, r in current.resources(current.schema_of(data)).items()}
        new_rows, aliases = plan_rows(suggestion.source, suggestion.candidates, table, columns, suggestion.text)
        article = (suggestion.source["corpus_file"], suggestion.text)
        old = files(data, corpus)
        current.save(data, corpus, new_rows, aliases, article)
        new = files(data, corpus)

        print(f"Before (save.py at {args.before_commit}): killed before each rename and after the last")
        half_before = total_before = 0
        for k in range(1, 7):
            data, corpus = copies(root, f"old-{k}")
            real = os.replace

            def run(k=k, data=data, corpus=corpus, real=real):
                calls = []

                def replace(src, dst):
                    calls.append(dst)
                    if len(calls) == k:
                        os.kill(os.getpid(), signal.SIGKILL)
                    real(src, dst)

                old_save.os.replace = replace  # (old_save.os is os: patched in this child only)
                # Its check linked the corpus files, which the loader now refuses: copy them instead.
                old_save.os.symlink = lambda src, dst: shutil.copyfile(src, dst)
                old_save.save(data, corpus, new_rows, aliases, article)
                os.kill(os.getpid(), signal.SIGKILL)  # after the last rename

            end = in_child(run)
            line = verdict(data, corpus, old, new)
            half_before += line.startswith("HALF")
            total_before += 1
            print(f"  kill at rename {k} ({end}): {line}")
        print(f"  half packages: {half_before} of {total_before}")

        print("After (the current save, every named step; recovery then the loader)")
        half_after = total_after = 0
        steps = []
        trace_data, trace_corpus = copies(root, "trace")
        real_point = current.kill_point
        current.kill_point = steps.append
        current.save(trace_data, trace_corpus, new_rows, aliases, article)
        current.kill_point = real_point
        for i, step in enumerate(steps):
            data, corpus = copies(root, f"new-{i:02d}")

            def run(step=step, data=data, corpus=corpus):
                os.environ[current.KILL_AT_SETTING] = step
                current.save(data, corpus, new_rows, aliases, article)

            end = in_child(run)
            current.recover(data, corpus)
            line = verdict(data, corpus, old, new)
            half_after += line.startswith("HALF")
            total_after += 1
            print(f"  {step:<38} ({end}): {line}")
        print(f"  half packages: {half_after} of {total_after}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
