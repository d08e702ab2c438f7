"""Helper process for test_save_kill.py (run as a script with PYTHONPATH=<repo>:<repo>/tests; not collected): prepares the ledger article's save once
against DATA/CORPUS (copies of the fixture), then for every request line `STEP DATA CORPUS` on stdin forks a
child that runs that same save on those folders with STRAIT_WATCH_SAVE_KILL_AT=STEP, and answers with the child's
end (`signal 9`, `exit 0`...). `trace` instead runs the save once and prints the steps it passed, as JSON.
Forking one prepared process keeps each kill at a few tenths of a second instead of a fresh interpreter's two."""

import json
import os
import sys
from pathlib import Path

from intake_fixtures import ARTICLE

from strait_watch.intake import save as save_module
from strait_watch.intake.model import Meta
from strait_watch.intake.review import review_table, select
from strait_watch.intake.workflow import commit, prepare


def main() -> None:
    mode, data, corpus = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    suggestion = prepare(ARTICLE.encode(), "ledger.txt", Meta(title="The Pacific Ledger", published="2021-10"),
                         data, corpus)
    table = select(review_table(suggestion.candidates), "all")
    if mode == "trace":
        steps = []
        save_module.kill_point = steps.append
        commit(suggestion, table, data, corpus)
        print(json.dumps(steps), flush=True)
        return
    for line in sys.stdin:
        step, data, corpus = line.split()
        pid = os.fork()
        if pid == 0:
            os.environ[save_module.KILL_AT_SETTING] = step
            try:
                commit(suggestion, table, Path(data), Path(corpus))
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        end = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        print(end, flush=True)


if __name__ == "__main__":
    main()
