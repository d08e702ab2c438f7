"""Benchmark the dashboard in headless Chromium against an empty Streamlit app (the framework's floor).

    python bench/bench_dashboard.py [--runs 7] [--scale 100] [--quick] [--pages Timeline,Present]

Starts four servers -- bench/empty_app.py (one multiselect), bench/plotly_floor_app.py (the
same plus one plotly chart of 60 points), app.py on the shipped data, app.py on a synthetic
package --scale times the shipped data (scripts/make_synthetic.py; not with --quick) -- and
measures, with a fresh browser context for every sample:

- first chart: from navigation start to the page's main visual drawn (plotly chart with
  data; on Proposals the network canvas painted; on Evidence the records table; on Present
  the slide heading; on the empty app its multiselect);
- interaction: an input inside the page's view (INTERACTIONS: click an event on Timeline,
  step a story card, move the as-of year on Agreements, click a network node on Proposals,
  step a Present slide), timed like a rerun;
- rerun: from the pointer-down that picks a sidebar actor until the script has finished
  (the last websocket message from the server, with data-test-script-state back at
  notRunning) AND the main area stopped changing (last DOM mutation in the main area),
  followed by QUIET_MS of calm (not counted). The "script" figure is the first half alone;
- websocket bytes: the size of the messages the browser received from the server during
  the rerun (counted in the page on the WebSocket, after decompression).

Every sample of a page picks another actor (see ACTORS), so a cache keyed by the filters
never serves a measured rerun a result it computed for an earlier sample.

Timestamps are taken inside the page (performance.now()), so Playwright's round trips are
not counted. Each server gets one unmeasured warm-up visit per page (fills the data cache).
Prints medians, ratios to the plotly floor, the issue's targets, and a markdown table for the
README. Not a test; CI does not run it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright

from bench.interactions import INTERACTIONS
from bench.probe import IDLE_JS, PROBE_JS, RERUN_DONE_JS
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, data_env, is_local, start_streamlit

QUIET_MS = 400
TIMEOUT_MS = 60_000
SHELL_PAGES = ("Overview", "Timeline", "Timeline story", "Agreements", "Proposals", "Evidence", "Present")
# Pages that are another page opened with parameters: title -> (page, query string).
VARIANTS = {"Timeline story": ("Timeline", "?mode=Step+through")}  # bound widgets keep labels in the URL
# The main visual each page draws; pages not listed draw a plotly chart.
PAGE_VISUALS = {"Proposals": "network", "Evidence": "records", "Present": "slide"}
# Issue 31's targets: every page at or under the plotly floor (the one-chart app written in an afternoon).
FIRST_TARGET_RATIO = 1.0  # first chart vs the plotly floor's
RERUN_TARGET_RATIO = 1.0  # filter rerun vs the plotly floor's filter rerun
INTERACTION_TARGET_RATIO = 1.0  # in-view interaction vs the plotly floor's rerun
# Actor names picked in turn, one per sample, so a result cached by filters is never reused (the warm-up
# visit takes the first name, the measured runs the next ones). All exist in the shipped and the synthetic
# data (which keeps the actors) and have records on the page's main visual there: parties to agreements on
# Agreements, proposers on Proposals, actors of events and quotes elsewhere; an empty page would flatter it.
ACTORS = {
    "default": ["Japan", "Taiwan", "China", "United States", "India", "Australia", "Liberal Democratic Party (Japan)",
                "Democratic Progressive Party (Taiwan)", "Joji Higuchi", "Kinzo Watanabe", "Tsai Ing-wen",
                "United Kingdom"],
    "Agreements": ["Japan", "Taiwan", "United States", "India", "Australia", "United Kingdom", "France", "Germany",
                   "China", "G7", "Liberal Democratic Party (Japan)", "Democratic Progressive Party (Taiwan)"],
    "Proposals": ["Japan", "Taiwan", "Liberal Democratic Party (Japan)", "Democratic Progressive Party (Taiwan)",
                  "Joji Higuchi", "Kinzo Watanabe", "Tsai Ing-wen", "Lo Chih-cheng", "Tsai Shih-ying"],
    "(empty app)": ["China", "Japan", "Taiwan", "United States"],  # bench/empty_app.py's options; it caches nothing
}
ACTORS["(plotly floor)"] = ACTORS["(empty app)"]  # bench/plotly_floor_app.py: the same four
RERUN_TARGET_SCALED_S = 1.0

@dataclass
class Target:
    label: str
    script: Path
    env: dict[str, str]
    pages: dict[str, str] = field(default_factory=dict)  # title -> url path
    server: object = None

    @property
    def is_floor(self) -> bool:
        return self.label in ("empty app", "plotly floor")


@dataclass
class Rerun:
    script: float
    redraw: float
    bytes: int


@dataclass
class Sample:
    first: float
    filter: Rerun
    interaction: Rerun | None = None
    what: str = ""


def load_make_synthetic():
    spec = importlib.util.spec_from_file_location("make_synthetic", REPO / "scripts" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def discover_pages(browser, target: Target) -> dict[str, str]:
    """Titles and paths of the sidebar navigation (a floor app has one unnamed page), plus VARIANTS."""
    page = browser.new_page()
    try:
        page.goto(target.server.url + "/", timeout=TIMEOUT_MS)
        page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=TIMEOUT_MS)
        links = page.get_by_test_id("stSidebarNav").get_by_role("link")
        found = {}
        for link in links.all():
            title = link.inner_text().splitlines()[-1].strip()
            found[title] = link.get_attribute("href").replace(target.server.url, "") or "/"
        for title, (base, query) in VARIANTS.items():
            if base in found:
                found[title] = found[base] + query
        return found or {f"({target.label})": "/"}
    finally:
        page.close()


def actor_for(title: str, sample: int, page_index: int, names: list[str] | None = None) -> str:
    """The actor a page's `sample`-th visit picks (0 = warm-up): a new one each sample until the list runs out.
    Pages start at different places in their lists, so the pages of one run mostly pick different actors."""
    names = names or ACTORS.get(title, ACTORS["default"])
    return names[(sample + page_index) % len(names)]


def option_pattern(actor: str) -> re.Pattern:
    """The option whose label is the name, or the name followed by its aliases: 'Japan (Tokyo, ...)', not
    'Japan-Taiwan Exchange Association' or 'Democratic Progressive Party (Taiwan)'."""
    return re.compile(rf"^\s*{re.escape(actor)}(\s+\(.*)?\s*$", re.S)


def _arm(page):
    return lambda: page.evaluate("window.__bench.armed = true")


def _rerun_done(page) -> Rerun:
    result = page.wait_for_function(RERUN_DONE_JS, arg=QUIET_MS, timeout=TIMEOUT_MS, polling=50).json_value()
    page.evaluate("window.__bench.t0 = null")
    return Rerun(result["script"] / 1000, result["redraw"] / 1000, int(result["bytes"]))


def _filter_rerun(page, actor: str) -> Rerun:
    if page.get_by_test_id("stSidebar").count() and not page.get_by_test_id("stSidebar").is_visible():
        raise RuntimeError("no sidebar")
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Actors").first
    box.get_by_role("combobox").click()
    box.get_by_role("combobox").press_sequentially(actor)
    option = page.get_by_role("option").filter(has_text=option_pattern(actor)).first
    option.wait_for(timeout=TIMEOUT_MS)
    _arm(page)()
    option.click()
    return _rerun_done(page)


def measure(browser, target: Target, title: str, path: str, actor: str, external: list[str]) -> Sample:
    """One fresh context: first chart, then the page's in-view interaction (if any), then a filter change."""
    visual = {"empty app": "widget", "plotly floor": "plotly"}.get(target.label) or PAGE_VISUALS.get(title, "plotly")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda r: None if is_local(r.url) else external.append(r.url))
    context.add_init_script(PROBE_JS.replace("VISUAL", json.dumps(visual)))
    try:
        page = context.new_page()
        page.goto(target.server.url + path, timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__bench && window.__bench.first !== null", timeout=TIMEOUT_MS)
        first = page.evaluate("window.__bench.first")
        page.wait_for_function(IDLE_JS, arg=300, timeout=TIMEOUT_MS, polling=50)
        interaction, what = None, ""
        act = None if target.is_floor else INTERACTIONS.get(title)
        if act:
            what = act(page, _arm(page))
            interaction = _rerun_done(page)
            page.wait_for_function(IDLE_JS, arg=300, timeout=TIMEOUT_MS, polling=50)
        filtered = None if title == "Present" else _filter_rerun(page, actor)  # Present hides the sidebar
        return Sample(first / 1000, filtered, interaction, what)
    except Exception as exc:
        raise RuntimeError(f"{target.label}, {title}: {exc}") from exc
    finally:
        context.close()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _summary(samples: list[Sample]) -> dict:
    filters = [s.filter for s in samples if s.filter]
    inter = [s.interaction for s in samples if s.interaction]
    return {"first": median([s.first for s in samples]),
            "filter": median([r.redraw for r in filters]), "filter_script": median([r.script for r in filters]),
            "filter_kb": median([r.bytes / 1000 for r in filters]),
            "inter": median([r.redraw for r in inter]), "inter_kb": median([r.bytes / 1000 for r in inter]),
            "what": next((s.what for s in samples if s.what), "")}


def _cell(value: float, unit: str = " s", fmt: str = ".2f") -> str:
    return "–" if value != value else f"{value:{fmt}}{unit}"  # NaN: not measured


def report(results: dict[tuple[str, str], list[Sample]], targets: list[Target], runs: int, scale: int) -> str:
    floors = {t.label: _summary(results.get((t.label, next(iter(t.pages))), [])) for t in targets if t.is_floor}
    plotly_floor = floors["plotly floor"]
    lines = [
        f"Medians of {runs} runs, headless Chromium, fresh context per run; ratios to the floors of the same run.",
        "",
        "| app | page | first chart | × plotly floor | filter rerun | × plotly floor | script | kB | interaction "
        "| × plotly floor | kB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    verdicts = []
    for target in targets:
        for title in target.pages:
            m = _summary(results.get((target.label, title), []))
            inter = f"{_cell(m['inter'])} ({m['what']})" if m["what"] else "–"
            lines.append(
                f"| {target.label} | {title} | {_cell(m['first'])} | {_cell(m['first'] / plotly_floor['first'], '×', '.2f')} "
                f"| {_cell(m['filter'])} | {_cell(m['filter'] / plotly_floor['filter'], '×', '.2f')} "
                f"| {_cell(m['filter_script'])} | {_cell(m['filter_kb'], '', '.0f')} | {inter} "
                f"| {_cell(m['inter'] / plotly_floor['filter'], '×', '.2f')} | {_cell(m['inter_kb'], '', '.0f')} |")
            if target.is_floor:
                continue
            if target is targets[2]:
                verdicts += _verdicts(title, m, plotly_floor)
            elif target.label.startswith("app, ") and target.label.endswith("× data") and m["filter"] == m["filter"]:
                verdicts.append((f"filter rerun < {RERUN_TARGET_SCALED_S:.0f} s at {scale}× data, {title}",
                                 m["filter"] < RERUN_TARGET_SCALED_S, f"{m['filter']:.2f} s"))
    lines += ["", "| target | met | measured |", "|---|---|---:|"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in verdicts]
    return "\n".join(lines)


def _verdicts(title: str, m: dict, plotly_floor: dict) -> list[tuple[str, bool, str]]:
    out = []
    if PAGE_VISUALS.get(title, "plotly") == "plotly":
        ratio = m["first"] / plotly_floor["first"]
        out.append((f"first chart ≤ {FIRST_TARGET_RATIO:g}× plotly floor, {title}", ratio <= FIRST_TARGET_RATIO,
                    f"{ratio:.2f}×"))
    if m["filter"] == m["filter"]:
        ratio = m["filter"] / plotly_floor["filter"]
        out.append((f"filter rerun ≤ {RERUN_TARGET_RATIO:g}× plotly floor's, {title}", ratio <= RERUN_TARGET_RATIO,
                    f"{ratio:.2f}×"))
    if m["inter"] == m["inter"]:
        ratio = m["inter"] / plotly_floor["filter"]
        out.append((f"interaction ({m['what']}) ≤ {INTERACTION_TARGET_RATIO:g}× plotly floor's rerun, {title}",
                    ratio <= INTERACTION_TARGET_RATIO, f"{ratio:.2f}×"))
    return out


def _targets(args) -> tuple[list[Target] | None, Path | None]:
    """The apps to measure: the two floors, the shipped data and (unless --no-synthetic) the scaled package."""
    synthetic = None
    corpus_env = data_env(None, args.corpus)
    targets = [
        Target("empty app", REPO / "bench" / "empty_app.py", {}),
        Target("plotly floor", REPO / "bench" / "plotly_floor_app.py", {}),
        Target("app, shipped data", args.app, {**corpus_env, **data_env(args.data, None)}),
    ]
    if not args.no_synthetic:
        synthetic = args.synthetic or Path(tempfile.mkdtemp(prefix="strait-watch-synthetic-"))
        if not (synthetic / "datapackage.json").exists():
            print(f"writing the {args.scale}× package to {synthetic} ...", flush=True)
            make = load_make_synthetic()
            corpus_args = ["--corpus", str(args.corpus)] if args.corpus else []
            if make.main([str(synthetic), "--scale", str(args.scale), "--from", str(args.data), *corpus_args]):
                return None, synthetic
        targets.append(Target(f"app, {args.scale}× data", args.app, {**corpus_env, **data_env(synthetic, None)}))
    if args.baseline_app:  # another version of the app (e.g. a checkout of main), same data, same run
        targets.append(Target("baseline, shipped data", args.baseline_app, {**corpus_env, **data_env(args.data, None)}))
        if synthetic is not None:
            targets.append(Target(f"baseline, {args.scale}× data", args.baseline_app,
                                  {**corpus_env, **data_env(synthetic, None)}))
    return targets, synthetic


def _parse_args(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="samples per page and app (default 7)")
    parser.add_argument("--scale", type=int, default=100, help="synthetic size as a multiple of the data (default 100)")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the shipped package (default data/)")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the app's default)")
    parser.add_argument("--synthetic", type=Path, default=None,
                        help="reuse (or write) the synthetic package here instead of a temporary folder")
    parser.add_argument("--no-synthetic", action="store_true", help="skip the scaled run")
    parser.add_argument("--app", type=Path, default=REPO / "app.py", help="entry file of the app (default app.py)")
    parser.add_argument("--actors", "--actor", default=None,
                        help="comma-separated actor names picked in turn, one per sample (default: per page, ACTORS)")
    parser.add_argument("--pages", default=",".join(SHELL_PAGES),
                        help=f"comma-separated page titles to measure (default: {','.join(SHELL_PAGES)})")
    parser.add_argument("--baseline-app", type=Path, default=None,
                        help="also measure this entry file (another version of the app) on the shipped data, same run")
    parser.add_argument("--quick", action="store_true", help="a short run: 3 runs (unless --runs), no scaled package")
    args = parser.parse_args(argv)
    if args.quick:
        args.no_synthetic = True
        args.runs = args.runs if "--runs" in (argv if argv is not None else sys.argv) else 3
    return args


def _measure_runs(browser, targets, runs: int, pick, external: list[str], started: float) -> dict:
    """`runs` samples of every page of every target, interleaved so a burst of load hits every app alike."""
    results: dict[tuple[str, str], list[Sample]] = {}
    for run in range(runs):
        for target in targets:
            for i, (title, path) in enumerate(target.pages.items()):
                try:
                    sample = measure(browser, target, title, path, pick(target, title, run + 1, i), external)
                except RuntimeError as exc:  # one failed sample (e.g. a timeout under load) is said, not fatal
                    print(f"  sample failed: {str(exc).splitlines()[0][:200]}", flush=True)
                    continue
                results.setdefault((target.label, title), []).append(sample)
        print(f"run {run + 1}/{runs} done ({time.perf_counter() - started:.0f} s)", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    names = [a.strip() for a in args.actors.split(",") if a.strip()] if args.actors else None

    targets, synthetic = _targets(args)
    if targets is None:
        return 1

    def pick(target: Target, title: str, sample: int, page_index: int) -> str:
        own = None if target.is_floor else names  # the floor apps have their own four options
        return actor_for(title, sample, page_index, own)

    short = [t.strip() for t in args.pages.split(",")
             if t.strip() and args.runs + 1 > len(names or ACTORS.get(t.strip(), ACTORS["default"]))]
    if short:
        print(f"note: {args.runs} runs and the warm-up outnumber the actors of {short}: some samples repeat one",
              flush=True)

    external: list[str] = []
    started = time.perf_counter()
    try:
        for target in targets:
            print(f"starting {target.label} ...", flush=True)
            target.server = start_streamlit(target.script, target.env)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for target in targets:
                target.pages = discover_pages(browser, target)
                if not target.is_floor:
                    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
                    missing = [t for t in wanted if t not in target.pages]
                    if missing:
                        raise SystemExit(f"{target.label}: no page {missing} in the navigation {list(target.pages)}")
                    target.pages = {t: target.pages[t] for t in wanted}
                for i, (title, path) in enumerate(target.pages.items()):  # warm-up: imports, data cache
                    try:
                        measure(browser, target, title, path, pick(target, title, 0, i), external)
                    except RuntimeError as exc:
                        print(f"  warm-up failed: {str(exc).splitlines()[0][:200]}", flush=True)
            results = _measure_runs(browser, targets, args.runs, pick, external, started)
            browser.close()
    finally:
        for target in targets:
            if target.server:
                target.server.stop()
        if synthetic is not None and args.synthetic is None:
            shutil.rmtree(synthetic, ignore_errors=True)

    print()
    print(report(results, targets, args.runs, args.scale))
    if external:
        print(f"\nWARNING: {len(external)} request(s) left localhost, e.g. {sorted(set(external))[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
