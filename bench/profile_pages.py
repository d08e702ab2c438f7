"""Where a page's rerun goes on the server: script time (cProfile of the script thread, top functions) and the size of
what it sends (the protobuf ForwardMsgs of the rerun, before websocket compression).

    python bench/profile_pages.py [--pages Overview,Timeline] [--top 12] [--app app.py]

Runs each page in Streamlit's AppTest on the configured data (STRAIT_WATCH_DATA, default data/): one warm-up
run, then a sidebar filter change (a new actor each time), timed and profiled. Prints per page the median
script time, the serialised size of the elements the script produced (protobuf bytes, what goes on the
websocket before compression) and the functions that took the most cumulative time. Not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import local_script_runner as lsr

# AppTest runs the script in its own thread: profile that thread, and keep the size of what it sent.
_LAST = {"prof": None, "bytes": 0}
_run_thread, _forward_msgs = lsr.LocalScriptRunner._run_script_thread, lsr.LocalScriptRunner.forward_msgs


def _profiled_thread(self):
    prof = _LAST["prof"] = cProfile.Profile()
    prof.enable()
    try:
        _run_thread(self)
    finally:
        prof.disable()


def _counted_msgs(self):
    msgs = _forward_msgs(self)
    _LAST["bytes"] = sum(m.ByteSize() for m in msgs)
    return msgs


lsr.LocalScriptRunner._run_script_thread = _profiled_thread
lsr.LocalScriptRunner.forward_msgs = _counted_msgs

PAGES = {"Overview": "app_pages/overview.py", "Timeline": "app_pages/timeline.py", "Agreements": "app_pages/agreements.py",
         "Proposals": "app_pages/proposals.py", "Evidence": "app_pages/evidence.py", "Briefing": "app_pages/briefing.py",
         "Present": "app_pages/present.py"}
ACTORS = ["japan", "taiwan", "china", "united-states", "india", "australia"]


def profile_page(app: Path, page: str, runs: int, top: int) -> dict:
    at = AppTest.from_file(str(app), default_timeout=120).run()
    at.switch_page(page).run()
    times, text = [], ""
    for i in range(runs):
        at.multiselect(key="actor").set_value([ACTORS[i % len(ACTORS)]])
        at.run()
        prof = _LAST["prof"]
        times.append(pstats.Stats(prof).total_tt)
        if i == runs - 1:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
            text = out.getvalue()
    assert not at.exception, at.exception
    return {"script": statistics.median(times), "bytes": _LAST["bytes"], "profile": text}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--app", type=Path, default=REPO / "app.py")
    args = parser.parse_args(argv)
    rows = []
    for title in [p.strip() for p in args.pages.split(",") if p.strip()]:
        result = profile_page(args.app, PAGES[title], args.runs, args.top)
        rows.append((title, result))
        print(f"===== {title}: filter rerun {result['script'] * 1000:.0f} ms (AppTest, median of {args.runs}), "
              f"elements {result['bytes'] / 1000:.0f} kB")
        print(result["profile"])
    print("| page | filter rerun, script (AppTest) | elements sent |\n|---|---:|---:|")
    for title, r in rows:
        print(f"| {title} | {r['script'] * 1000:.0f} ms | {r['bytes'] / 1000:.0f} kB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
