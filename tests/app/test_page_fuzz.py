"""Every page under every filter renders or says why it is empty (issue 25): generated links drive every page of
app.py's router through AppTest, and any exception or error element fails.

The links are drawn (hypothesis, pinned in requirements-dev, derandomized, bounded) from the FILTERS registry's URL
keys and the pages' own keys, with the shipped data's real ids, names, labels and aliases (read here with the csv
module, not with the loader) mixed with values of the wrong kind, junk, Markdown, dates far out, `from` after `to`,
repeated and empty parameters; some runs then move one widget (a sidebar filter, or a control of the page) and run
again. The issue's crash links and a package with no events are explicit cases on every page.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest
from apps import app_pages, new_app
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REAL_CORPUS, SHIPPED_DATA

from strait_watch.core.filters import url_keys

PAGES = app_pages()
DEFAULT_PAGE = PAGES[0]
EXAMPLES_PER_PAGE = 12  # AppTest costs 0.2-1 s a run: 12 links a page (some with a second run): the file in ~40 s
# Where a generated run must not click: building the pack starts Chromium (seconds), and Add an article saves.
NO_CLICK_KEYS = {"build_pack"}
NO_INTERACTION_PAGES = {"app_pages/add_article.py"}


def rows(table: str) -> list[dict[str, str]]:
    with (SHIPPED_DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ACTORS, SOURCES, EVENTS = rows("actors"), rows("sources"), rows("events")
AGREEMENTS, MEASURES, PROPOSALS = rows("agreements"), rows("measures"), rows("proposals")
EVENT_IDS = [r["id"] for r in EVENTS]
AGREEMENT_IDS = [r["id"] for r in AGREEMENTS]
CATEGORIES = sorted({r["category"] for r in EVENTS} | {r["agreement_type"] for r in AGREEMENTS}
                    | {r["category"] for r in MEASURES})
JUNK = ["", " ", "x", "nobody", "0", "-1", "null", "None", "true", "%00", "é\u0301", "日本", "a" * 300,
        "![x](http://example.invalid/p.png)", "[l](http://example.invalid)", "<b>b</b>", "*i*", "`c`", "a\n\nb",
        "' OR 1=1 --", "../../etc/passwd", "\u202eevil", "\ufeff"]
DAYS = ["2021-06-01", "2021-01-01", "2021-12-31", "2014-03-15", "2010-01-01", "2022-12-31",  # inside the data
        "1900-01-01", "2999-12-31", "0001-01-01", "9999-12-31",  # far out
        "2021-02-30", "2021-13-01", "2021/06/01", "2021-6-1", "21-06-01", "June 2021", "2021", "2021-06"]

FILTER_VALUES = {  # the FILTERS registry's URL keys (checked against url_keys() below)
    "topic": ["coast guard", "hotline", "MARITIME", "coast guard, hotline", "coast-guard", "!!!", "x" * 80, "",
              *JUNK[:6]],
    "actor": [r["id"] for r in ACTORS] + [r["name"] for r in ACTORS]
             + [a for r in ACTORS for a in r["aliases"].split(";") if a]
             + [r["name"].upper() for r in ACTORS[:10]] + [f"{r['name']} ({r['aliases']})" for r in ACTORS[:10]]
             + SOURCES[0]["id"].split() + CATEGORIES[:3],  # ids of other tables
    "match": ["any", "all", "ALL", " all ", "both", ""],
    "from": DAYS,
    "to": DAYS,
    "category": CATEGORIES + [c.upper() for c in CATEGORIES[:5]]
                + ["Event: Statement", "Agreement: RAA", "Measure: Dialogue channels", "Event: Nope"]
                + [r["id"] for r in ACTORS[:5]],  # a value from another table
    "source": [r["id"] for r in SOURCES] + [r["title"] for r in SOURCES] + [r["title"].lower() for r in SOURCES]
              + ["src-999"],
    "support": ["single", "multi", "any", "Single", "both", ""],
}
VIEW_KEYS = ["timeline", "matrix", "statements", "network", "consensus"]
PAGE_VALUES = {  # the pages' own URL keys (bound widgets and core.links.PAGE_KEYS)
    "event": EVENT_IDS + AGREEMENT_IDS[:3],
    "cell": AGREEMENT_IDS + EVENT_IDS[:3],
    "key_events": [*EVENT_IDS, "ev-nope"],
    "asof": [str(y) for y in range(2008, 2024)] + ["2015.5", "abc", "-1", "99999999999"],
    "focus": [f"actor:{r['proposer']}" for r in PROPOSALS] + [f"measure:{r['id']}" for r in MEASURES]
             + [r["name"] for r in MEASURES] + [r["proposer"] for r in PROPOSALS] + ["actor:nobody"],
    "depth": ["1", "2", "3", "0", "4", "1.5", "x"],
    "colour": ["kind", "community", "Community", "Country / category", "red"],
    "hide_general": ["true", "false", "True", "yes"],
    "table": ["Consensus measures", "Shared agendas", "Reach", "Centrality", "Proposals", "reach", "nope"],
    "q": ["hotline", "Taiwan Strait", '"coast guard"', "zzzz-no-match"] + [r["title"][:20] for r in EVENTS[:5]],
    "types": ["Event", "Agreement", "Proposal"],
    "lanes": ["category", "actors", "By actor", "By category", "sideways"],
    "mode": ["chart", "story", "Step through", "Chart", "slideshow"],
    "context": ["true", "false", "perhaps"],
    "slide": ["title", "Title", *VIEW_KEYS, "Timeline", "Agreement matrix", *[f"event:{e}" for e in EVENT_IDS[:5]],
              "nope"],
    "slides": [*VIEW_KEYS, "Timeline", "Proposal network", "Consensus measures", "nope"],
    "deck_title": ["A deck", "*Bold* [x](http://example.invalid)"],
    "deck_subtitle": ["", "For the desk"],
    "deck_date": [*DAYS[:4], "nope"],
    "marking": ["SECRET", "# heading"],
    "appendix": ["true", "false", "maybe"],
}


def values_of(pool: list[str]):
    """One URL key's values: one (mostly), or repeated, from the pool and junk."""
    one = st.one_of(st.sampled_from(pool), st.sampled_from(JUNK), st.text(max_size=12))
    return st.lists(one, min_size=1, max_size=3)


def links(keys: dict[str, list[str]], most: int):
    """A link: up to `most` of these keys, each with its values."""
    return st.lists(st.sampled_from(sorted(keys)), max_size=most, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({k: values_of(keys[k]) for k in chosen}))


LINKS = st.tuples(links(FILTER_VALUES, 4), links(PAGE_VALUES, 4)).map(lambda pair: {**pair[0], **pair[1]})
# A second run after the first: (nothing | a sidebar filter moved | the n-th control of the page used, with a seed).
MOVES = st.one_of(st.none(),
                  st.tuples(st.just("filter"), st.sampled_from(sorted(FILTER_VALUES)), st.integers(0, 10_000)),
                  st.tuples(st.just("control"), st.integers(0, 10_000), st.integers(0, 10_000)))


def assert_rendered(at, what: str) -> None:
    """No exception, no error element (the app's intended notices are warnings, infos and captions), something shown."""
    assert not at.exception, f"{what}: {[e.value for e in at.exception]}\n{[e.stack for e in at.exception]}"
    assert not at.error, f"{what}: {[e.value for e in at.error]}"
    assert len(at.main.children) > 0, f"{what}: the page shows nothing"


def open_page(page: str, data, corpus, params: dict):
    """app.py with the link, then the page (AppTest seeds the sidebar from the URL on the default page only)."""
    at = new_app(data, corpus, **params)
    at.run()
    assert_rendered(at, f"{DEFAULT_PAGE} {params}")
    if page != DEFAULT_PAGE:
        at.switch_page(page).run()
    return at


def move_filter(at, key: str, seed: int) -> None:
    """Set one sidebar filter the way its widget would (session state: AppTest drops the sidebar after run 1)."""
    if key in ("from", "to"):
        at.session_state[key] = dt.date(2010, 1, 1) + dt.timedelta(days=seed % 4748)  # inside 2010-2022
    elif key == "match":
        at.session_state[key] = ("any", "all")[seed % 2]
    elif key == "support":
        at.session_state[key] = ("any", "single", "multi")[seed % 3]
    elif key == "topic":  # a text box: what the analyst types, comma-separated
        at.session_state[key] = ("coast guard", "hotline, maritime", "", "nothing-matches-this")[seed % 4]
    else:
        ids = {"actor": [r["id"] for r in ACTORS], "category": CATEGORIES, "source": [r["id"] for r in SOURCES]}[key]
        at.session_state[key] = [ids[seed % len(ids)], ids[(seed // 7) % len(ids)]][: 1 + seed % 2]


def controls(at) -> list:
    """The page's own inputs, in page order by kind (not the sidebar's, not the ones that must not be clicked)."""
    kinds = ("button", "toggle", "checkbox", "selectbox", "multiselect", "radio", "slider", "button_group",
             "text_input", "date_input")
    found = [w for kind in kinds for w in getattr(at.main, kind, [])]
    return [w for w in found if getattr(w, "key", None) not in NO_CLICK_KEYS and not getattr(w, "disabled", False)]


# Every id and value the links use: a choice widget's option is found among them by its label (AppTest knows the
# labels; the widget's format_func maps a value to its label).
CANDIDATES = sorted({v for pool in (*FILTER_VALUES.values(), *PAGE_VALUES.values()) for v in pool}
                    | {r["id"] for r in MEASURES} | {f"event:{e}" for e in EVENT_IDS})


def value_of(widget, label: str):
    """The option behind a label of a choice widget (None when no candidate is it)."""
    for candidate in CANDIDATES:
        try:
            if str(widget.format_func(candidate)) == label:
                return candidate
        except Exception:  # a format_func that takes only its own options (dict.get of another key is fine)
            continue
    return None


def use_control(widget, seed: int) -> None:
    """Use one input as a user could: click, flip, pick an option, type, move."""
    kind = type(widget).__name__
    labels = list(getattr(widget, "options", None) or [])
    if kind == "Button":
        widget.click()
    elif kind in ("Toggle", "Checkbox"):
        widget.set_value(not widget.value)
    elif kind in ("Selectbox", "Radio", "ButtonGroup") and labels:  # (select_index would set the label as the value)
        value = value_of(widget, labels[seed % len(labels)])
        if value is not None:
            widget.set_value(value)
    elif kind == "Multiselect":
        picked = [value_of(widget, label) for label in labels[seed % 3: seed % 3 + seed % 4]]
        widget.set_value([v for v in picked if v is not None])
    elif kind == "Slider" and isinstance(widget.min, int):
        widget.set_value(widget.min + seed % (widget.max - widget.min + 1))
    elif kind == "TextInput":
        widget.input(["hotline", "", "![x](http://example.invalid/p.png)", "zzzz", "a\n\nb"][seed % 5])
    elif kind == "DateInput":
        widget.set_value(dt.date(2021, 1, 1) + dt.timedelta(days=seed % 365))


def test_the_pools_cover_every_filter_key():
    assert set(FILTER_VALUES) == set(url_keys())


def drive(page: str, link: dict, move) -> None:
    at = open_page(page, SHIPPED_DATA, REAL_CORPUS, link)
    what = f"{page} {link}"
    assert_rendered(at, what)
    if move is None or page in NO_INTERACTION_PAGES:
        event("no second run")
        return
    if move[0] == "filter":
        move_filter(at, move[1], move[2])
        event(f"filter {move[1]} moved")
        what += f" then {move[1]} moved ({move[2]})"
    else:
        found = controls(at)
        if not found:
            event("no control to use")
            return
        widget = found[move[1] % len(found)]
        use_control(widget, move[2])
        event(f"control used: {type(widget).__name__}")
        what += f" then {type(widget).__name__} {getattr(widget, 'key', None) or getattr(widget, 'label', '')} used ({move[2]})"
    at.run()
    assert_rendered(at, what)


@pytest.mark.parametrize("page", PAGES)
@settings(derandomize=True, database=None, max_examples=EXAMPLES_PER_PAGE, deadline=None, print_blob=True,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as drawn, in bounded time
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
@given(link=LINKS, move=MOVES)
def test_every_page_renders_any_link(page, link, move):
    drive(page, link, move)


# ---------------------------------------------------------------- the issue's crash links, by hand

CRASH_LINKS = {"actor with no events": {"actor": "Corey Wallace"},
               "a day with nothing": {"from": "2021-06-01", "to": "2021-06-01"}}
# What a page says of the empty result, by hand from the shipped data (Corey Wallace proposes one measure and is
# quoted once; nothing is dated 1 June 2021 to the day; no agreement names him).
SAYS = {
    ("actor with no events", "app_pages/overview.py"): "No events match these filters.",
    ("actor with no events", "app_pages/timeline.py"): "No events match these filters.",
    ("actor with no events", "app_pages/agreements.py"): "No GSOMIA, ACSA, equipment or RAA agreements match the filters.",
    ("actor with no events", "app_pages/briefing.py"): "No events match these filters.",
    ("a day with nothing", "app_pages/overview.py"): "No events match these filters.",
    ("a day with nothing", "app_pages/timeline.py"): "No events match these filters.",
    ("a day with nothing", "app_pages/proposals.py"): "No proposals match these filters.",
    ("no events", "app_pages/overview.py"): "The data has no events.",
    ("no events", "app_pages/timeline.py"): "The data has no events.",
}


def said(at) -> str:
    return "\n".join(e.value for kind in ("info", "markdown", "caption") for e in getattr(at, kind))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", CRASH_LINKS)
def test_the_issues_crash_links_render_on_every_page(page, case):
    at = open_page(page, SHIPPED_DATA, REAL_CORPUS, CRASH_LINKS[case])
    assert_rendered(at, f"{page} {CRASH_LINKS[case]}")
    if (case, page) in SAYS:
        assert SAYS[case, page] in said(at), f"{page}: no word on the empty result"


def read_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def no_events(tmp_path_factory):
    """The fixture package with events.csv down to its header, the quotes of events removed, and (when the package
    has a coverage ledger) the events left out of its rows, a sentence that supported only events now one of
    analysis: a valid package."""
    data = tmp_path_factory.mktemp("no-events") / "mini"
    shutil.copytree(FIXTURE_DIR, data)
    events, evidence = read_rows(data / "events.csv"), read_rows(data / "evidence.csv")
    ids = {r[0] for r in events[1:]}
    write_rows(data / "events.csv", events[:1])
    write_rows(data / "evidence.csv", [evidence[0], *[r for r in evidence[1:] if r[0] not in ids]])
    if (data / "ledger.csv").exists():
        ledger = read_rows(data / "ledger.csv")
        records, reason = ledger[0].index("records"), ledger[0].index("reason")
        for row in ledger[1:]:
            kept = [r for r in row[records].split(";") if r and r not in ids]
            if row[records] and not kept:
                row[reason] = "analysis"
            row[records] = ";".join(kept)
        write_rows(data / "ledger.csv", ledger)
    return data


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("link", [{}, {"actor": ["japan", "taiwan"], "match": "all", "from": "2021-01-01",
                                       "event": "ev-2021-04-20-hoshino-hotline", "slide": "timeline"}],
                         ids=["no filters", "filters and page keys"])
def test_a_package_with_no_events_renders_on_every_page(no_events, page, link):
    at = open_page(page, no_events, FIXTURE_CORPUS, link)
    assert_rendered(at, f"{page} on a package with no events, {link}")
    if ("no events", page) in SAYS and not link:
        assert SAYS["no events", page] in said(at), f"{page}: no word on the empty data"
