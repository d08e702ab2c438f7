"""Benchmark the dashboard in headless Chromium against an empty Streamlit app (the framework's floor).

    python bench/bench_dashboard.py [--runs 7] [--scale 100]

Starts three servers -- bench/empty_app.py (one multiselect), app.py on the shipped data,
app.py on a synthetic package --scale times the shipped data (scripts/make_synthetic.py)
-- and measures, with a fresh browser context for every sample:

- first chart: from navigation start to the page's main visual drawn (plotly chart with
  data; on Proposals the network canvas in its iframe painted; on Evidence the records
  table; on the empty app its multiselect);
- rerun: from the pointer-down that picks a sidebar actor until the script has finished
  (the last websocket message from the server, with data-test-script-state back at
  notRunning) AND the main area stopped changing (last DOM mutation or iframe load in the
  main area), followed by QUIET_MS of calm (not counted). The "script" column is the
  first half alone: the last server message.

Every sample of a page picks another actor (see ACTORS), so a cache keyed by the filters
never serves a measured rerun a result it computed for an earlier sample.

Timestamps are taken inside the page (performance.now()), so Playwright's round trips are
not counted. Each server gets one unmeasured warm-up visit per page (fills the data cache).
Prints medians, ratios to the empty app, the issue's targets, and a markdown table for the
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

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, data_env, is_local, start_streamlit  # noqa: E402

QUIET_MS = 400
TIMEOUT_MS = 60_000
SHELL_PAGES = ("Overview", "Timeline", "Agreements", "Proposals", "Evidence")
# The main visual each page draws; pages not listed draw a plotly chart.
PAGE_VISUALS = {"Proposals": "network", "Evidence": "records"}
RERUN_TARGET_RATIO = 1.5
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
RERUN_TARGET_SCALED_S = 1.0

# Installed in every new document of a benchmark context; VISUAL is replaced per context.
PROBE_JS = """
(() => {
  if (window.top !== window) return;
  const wanted = VISUAL;
  const B = window.__bench = {states: [], first: null, t0: null, lastMain: 0, lastMsg: 0, mutations: 0};
  const now = () => performance.now();
  // Every message from the server: the last one after a change is the end of the rerun, even when
  // React batches running -> notRunning into one render and the state attribute never flips.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); this.addEventListener('message', () => { B.lastMsg = now(); }); } };
  const painted = c => { try {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 64) if (d[i] > 0) return true; } catch (e) {}
    return false; };
  const drawn = {
    // Plotly 6+ sends numeric arrays as {dtype, bdata}: a non-empty bdata counts as data.
    plotly: () => [...document.querySelectorAll('.js-plotly-plot')].some(el => el.querySelector('.main-svg')
              && (el.data || []).some(t => [t.x, t.y, t.z, t.values].some(a => a && (a.length > 0 || a.bdata)))),
    // The mounted network component draws in the page (.sw-net); older builds drew in an iframe.
    network: () => [...document.querySelectorAll('.sw-net canvas')].some(c => c.width > 0 && painted(c))
              || [...document.querySelectorAll('iframe')].some(f => { try {
              const c = f.contentDocument && f.contentDocument.querySelector('canvas');
              return c && c.width > 0 && painted(c); } catch (e) { return false; } }),
    records: () => !!document.querySelector('table.sw-ev tr'),
    widget: () => !!document.querySelector('[data-testid=stMultiSelect] input'),
  }[wanted];
  const poll = () => { if (drawn()) B.first = now(); else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  const inMain = node => { const el = node.nodeType === 1 ? node : node.parentElement;
                           return !!(el && el.closest('[data-testid=stMain]')); };
  new MutationObserver(records => { for (const m of records) {
      if (m.attributeName === 'data-test-script-state') B.states.push([now(), m.target.getAttribute(m.attributeName)]);
      else if (inMain(m.target)) { B.lastMain = now(); B.mutations++; } } })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('load', e => { if (e.target.tagName === 'IFRAME' && inMain(e.target)) B.lastMain = now(); }, true);
  document.addEventListener('pointerdown', e => { if (B.armed && e.target.closest('[role=option]')) { B.t0 = now(); B.armed = false; } }, true);
})();
"""

IDLE_JS = """quiet => { const B = window.__bench, app = document.querySelector('[data-testid=stApp]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && performance.now() - B.lastMain >= quiet; }"""

RERUN_DONE_JS = """quiet => { const B = window.__bench, app = document.querySelector('[data-testid=stApp]');
  if (B.t0 === null || B.lastMsg < B.t0) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const settled = Math.max(B.lastMsg, B.lastMain);
  if (performance.now() - settled < quiet) return false;
  return {script: B.lastMsg - B.t0, redraw: settled - B.t0}; }"""


@dataclass
class Target:
    label: str
    script: Path
    env: dict[str, str]
    pages: dict[str, str] = field(default_factory=dict)  # title -> url path
    server: object = None


@dataclass
class Sample:
    first: float
    script: float
    redraw: float


def load_make_synthetic():
    spec = importlib.util.spec_from_file_location("make_synthetic", REPO / "scripts" / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def discover_pages(browser, target: Target) -> dict[str, str]:
    """Titles and paths of the sidebar navigation (the empty app has one unnamed page)."""
    page = browser.new_page()
    try:
        page.goto(target.server.url + "/", timeout=TIMEOUT_MS)
        page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(timeout=TIMEOUT_MS)
        links = page.get_by_test_id("stSidebarNav").get_by_role("link")
        found = {}
        for link in links.all():
            title = link.inner_text().splitlines()[-1].strip()
            found[title] = link.get_attribute("href").replace(target.server.url, "") or "/"
        return found or {"(empty app)": "/"}
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


def measure(browser, target: Target, title: str, path: str, actor: str, external: list[str]) -> Sample:
    visual = "widget" if target.label.startswith("empty") else PAGE_VISUALS.get(title, "plotly")
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

        box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Actors").first
        box.get_by_role("combobox").click()
        box.get_by_role("combobox").press_sequentially(actor)
        option = page.get_by_role("option").filter(has_text=option_pattern(actor)).first
        option.wait_for(timeout=TIMEOUT_MS)
        page.evaluate("window.__bench.armed = true")
        option.click()
        result = page.wait_for_function(RERUN_DONE_JS, arg=QUIET_MS, timeout=TIMEOUT_MS, polling=50).json_value()
        return Sample(first / 1000, result["script"] / 1000, result["redraw"] / 1000)
    except Exception as exc:
        raise RuntimeError(f"{target.label}, {title}: {exc}") from exc
    finally:
        context.close()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(results: dict[tuple[str, str], list[Sample]], targets: list[Target], runs: int, scale: int) -> str:
    floor = next(iter(results[(targets[0].label, t)] for t in targets[0].pages))
    floor_first = median([s.first for s in floor])
    floor_rerun = median([s.redraw for s in floor])
    lines = [
        f"Medians of {runs} runs, headless Chromium, fresh context per run; ratios to the empty app.",
        "",
        "| app | page | first chart | × empty | rerun (redrawn) | × empty | rerun (script) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for target in targets:
        for title in target.pages:
            samples = results[(target.label, title)]
            first, rerun = median([s.first for s in samples]), median([s.redraw for s in samples])
            script = median([s.script for s in samples])
            lines.append(f"| {target.label} | {title} | {first:.2f} s | {first / floor_first:.1f}× "
                         f"| {rerun:.2f} s | {rerun / floor_rerun:.1f}× | {script:.2f} s |")
            if target is targets[1]:
                verdicts.append((f"rerun ≤ {RERUN_TARGET_RATIO}× empty app, {title}",
                                 rerun <= RERUN_TARGET_RATIO * floor_rerun, f"{rerun / floor_rerun:.2f}×"))
            if len(targets) > 2 and target is targets[2]:
                verdicts.append((f"rerun < {RERUN_TARGET_SCALED_S:.0f} s at {scale}× data, {title}",
                                 rerun < RERUN_TARGET_SCALED_S, f"{rerun:.2f} s"))
    lines += ["", "| target | met | measured |", "|---|---|---:|"]
    lines += [f"| {name} | {'yes' if ok else '**no**'} | {value} |" for name, ok, value in verdicts]
    return "\n".join(lines)


def _targets(args) -> tuple[list[Target] | None, Path | None]:
    """The apps to measure: the empty app, the shipped data and (unless --no-synthetic) the scaled package."""
    synthetic = None
    corpus_env = data_env(None, args.corpus)
    targets = [
        Target("empty app", REPO / "bench" / "empty_app.py", {}),
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    names = [a.strip() for a in args.actors.split(",") if a.strip()] if args.actors else None

    targets, synthetic = _targets(args)
    if targets is None:
        return 1

    def pick(target: Target, title: str, sample: int, page_index: int) -> str:
        own = None if target.label.startswith("empty") else names  # the empty app has its own four options
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
                if not target.label.startswith("empty"):
                    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
                    missing = [t for t in wanted if t not in target.pages]
                    if missing:
                        raise SystemExit(f"{target.label}: no page {missing} in the navigation {list(target.pages)}")
                    target.pages = {t: target.pages[t] for t in wanted}
                for i, (title, path) in enumerate(target.pages.items()):  # warm-up: imports, data cache
                    measure(browser, target, title, path, pick(target, title, 0, i), external)
            results: dict[tuple[str, str], list[Sample]] = {}
            for run in range(args.runs):
                # Interleaved, so a burst of load from elsewhere hits every app alike.
                for target in targets:
                    for i, (title, path) in enumerate(target.pages.items()):
                        sample = measure(browser, target, title, path, pick(target, title, run + 1, i), external)
                        results.setdefault((target.label, title), []).append(sample)
                print(f"run {run + 1}/{args.runs} done ({time.perf_counter() - started:.0f} s)", flush=True)
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
