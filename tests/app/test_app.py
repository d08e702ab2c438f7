"""AppTest: every page listed in app.py renders (fixture and shipped data); the filters drive what is shown.

The smoke test is generated from the st.Page list in app.py, so a new page is covered at once.
AppTest quirk (streamlit 1.67, also in a 5-line st.navigation app): from the second run on, the sidebar is
missing from AppTest's element tree, though its widgets' state still applies. So filters are set on the first
run (or through the URL) and read back through session state afterwards.
"""

import datetime as dt
import re

import pytest
from apps import app_pages, new_app
from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR, REAL_CORPUS, REPO, SHIPPED_DATA

from ui.notices import CORPUS_NOTICE

PAGES = app_pages()
# The shipped data with the real articles (../shared/seeds, present here and in CI): a missing one fails.
DATASETS = {"fixture": (FIXTURE_DIR, FIXTURE_CORPUS), "shipped": (SHIPPED_DATA, REAL_CORPUS)}


@pytest.fixture
def fixture_app():
    return lambda **params: new_app(FIXTURE_DIR, FIXTURE_CORPUS, **params)


def texts(at) -> str:
    """All visible text of the main area, for assertions on what the user reads."""
    parts = [e.value for kind in ("title", "caption", "markdown", "info", "warning", "error", "subheader", "header")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def events_shown(at) -> int:
    """The timeline's '<n> events' caption."""
    match = re.search(r"(\d+) events ·", texts(at))
    return int(match.group(1)) if match else 0


def test_app_lists_every_page_file():
    assert PAGES[0] == "app_pages/overview.py"
    assert sorted(PAGES) == sorted(f"app_pages/{p.name}" for p in (REPO / "app_pages").glob("*.py"))


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_page_renders(dataset):
    data, corpus = DATASETS[dataset]
    assert list(data.glob("*.csv")) and corpus.is_dir(), f"{dataset}: {data} or {corpus} is missing"
    at = new_app(data, corpus)
    at.run()
    assert {m.key for m in at.multiselect} >= {"actor", "category", "source"}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        assert not at.error, f"{page}: {[e.value for e in at.error]}"
        assert len(at.main.children) > 0, f"{page} shows nothing"
        assert CORPUS_NOTICE not in texts(at), f"{page}: the quotes were checked, yet the notice says not"


def test_every_page_says_when_quotes_were_not_checked(tmp_path):
    missing = tmp_path / "no-corpus-here"
    at = new_app(FIXTURE_DIR, missing)
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        notice = [c.value for c in at.caption if CORPUS_NOTICE in c.value]
        assert len(notice) == 1, f"{page}: {len(notice)} corpus notices"
        shown = notice[0].replace("\\", "")  # as rendered: markdown escapes dropped
        assert f"the corpus folder {missing} was not found" in shown and "STRAIT_WATCH_CORPUS" in shown
        assert not at.error, f"{page}: {[e.value for e in at.error]}"  # a notice, not an error


def set_actor(at): at.multiselect(key="actor").set_value(["hoshino-aki"])
def set_from(at): at.date_input(key="from").set_value(dt.date(2021, 7, 1))
def set_to(at): at.date_input(key="to").set_value(dt.date(2021, 3, 31))
def set_category(at): at.multiselect(key="category").set_value(["military-activity"])
def set_source(at): at.multiselect(key="source").set_value(["src-902"])


# Dates count events wholly in range: the year-only "2021" coast guard law only may be (listed apart, not counted).
FILTERS = {"actor": (set_actor, 2), "from": (set_from, 4), "to": (set_to, 5), "category": (set_category, 2),
           "source": (set_source, 2)}


@pytest.mark.parametrize("setter, expected", FILTERS.values(), ids=FILTERS.keys())
def test_each_filter_changes_what_is_shown(fixture_app, setter, expected):
    at = fixture_app()
    at.run()
    before = at.metric[0].value
    setter(at)
    at.run()
    assert at.metric[0].value != before  # the overview's event count
    at.switch_page("app_pages/timeline.py").run()
    assert events_shown(at) == expected
    at.switch_page("app_pages/evidence.py").run()
    assert re.search(r"(\d+) of \1 records", texts(at)) and "All records" not in texts(at)


def test_query_params_preset_the_filters(fixture_app):
    at = fixture_app(actor=["Hoshino Aki (Aki Hoshino, Minister Hoshino)"], category=["Event: Statement"],
                     **{"from": "2021-01-01", "to": "2021-12-31"})
    at.run()
    assert at.multiselect(key="actor").value == ["hoshino-aki"]
    assert at.multiselect(key="category").value == ["statement"]
    assert (at.date_input(key="from").value, at.date_input(key="to").value) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert not at.warning
    at.switch_page("app_pages/timeline.py").run()
    assert events_shown(at) == 1


def test_malformed_params_give_a_notice_not_a_crash(fixture_app):
    at = fixture_app(actor=["Nobody", "Lantern Party"], zzz="1", **{"from": "2021-13-01"})
    at.run()
    assert not at.exception
    notice = at.warning[0].value
    assert "could not be used" in notice
    assert "'Nobody'" in notice and "from=2021-13-01" in notice and "'zzz'" in notice
    assert at.multiselect(key="actor").value == ["jp-lantern-party"]  # the good value survives


def test_page_owned_params_are_not_unknown(fixture_app):
    at = fixture_app(lanes="By actor")
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert not at.warning


def test_empty_result_names_the_filters_to_loosen(fixture_app):
    at = fixture_app(actor=["People's Liberation Army (PLA)"], category=["Event: Dialogue"])
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    info = at.info[0].value
    assert "No events match" in info and "actors or categories" in info
    assert not at.get("plotly_chart")


def test_context_toggle_adds_earlier_events(fixture_app):
    at = fixture_app()
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert events_shown(at) == 10
    at.toggle(key="context").set_value(True).run()
    assert events_shown(at) == FIXTURE_COUNTS["events"]


def test_picking_an_event_opens_its_evidence(fixture_app):
    at = fixture_app()
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    at.selectbox(key="event").set_value("ev-2021-04-20-hoshino-hotline").run()
    shown = texts(at)
    assert "a hotline between Tokyo and Taipei is overdue" in shown
    assert "Mira Tanabe\\-Holt" in shown or "Mira Tanabe-Holt" in shown
    assert "Same month (April 2021)" in shown


def test_evidence_search_highlights(fixture_app):
    at = fixture_app(q="cabinet")
    at.run()
    at.switch_page("app_pages/evidence.py").run()
    assert "1 of 35 records" in texts(at)
    assert "New <mark>cabinet</mark> in Tokyo" in texts(at)


def test_reset_clears_every_filter(fixture_app):
    at = fixture_app(actor=["Lantern Party"], source=["A Hotline Is Not Enough"], **{"from": "2021-01-01"})
    at.run()
    assert "Actors: Lantern Party" in " ".join(c.value for c in at.caption)
    at.button[0].click().run()
    assert (at.session_state["actor"], at.session_state["source"], at.session_state["from"]) == ([], [], None)
    assert not dict(at.query_params)
    assert at.metric[0].value == str(FIXTURE_COUNTS["events"])


def test_broken_data_shows_every_problem_without_a_traceback(fixture_copy):
    events = fixture_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("china;taiwan", "china;nowhere"), encoding="utf-8")
    at = new_app(fixture_copy, FIXTURE_CORPUS)
    at.run()
    assert not at.exception
    assert "problem" in at.error[0].value and "nowhere" in at.error[0].value


# ---------------------------------------------------------------- links: ids, names, old labels, any/all, notices

def url_values(at, key) -> list[str]:
    """The values of `key` in the app's URL after the run (AppTest keeps a str or a list per key)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


URL_FORMS = {
    "ids": ["japan", "taiwan"],
    "names in any case": ["Japan", "TAIWAN"],
    "old labels (aliases in parentheses)": ["Japan (Tokyo)", "Taiwan (Taipei)"],
}


@pytest.mark.parametrize("actors", URL_FORMS.values(), ids=URL_FORMS.keys())
def test_every_link_form_selects_the_same_actors_and_the_url_then_holds_ids(fixture_app, actors):
    at = fixture_app(actor=actors, category=["Event: Statement", "dialogue"], source=["a hotline is not enough"])
    at.run()
    assert not at.warning
    assert at.session_state["actor"] == ["japan", "taiwan"]
    assert at.session_state["category"] == ["statement", "dialogue"]
    assert at.session_state["source"] == ["src-902"]
    assert url_values(at, "actor") == ["japan", "taiwan"]
    assert url_values(at, "category") == ["statement", "dialogue"]
    assert url_values(at, "source") == ["src-902"]


@pytest.mark.parametrize("match, expected", [("any", 12), ("all", 1)])
def test_match_any_or_all_actors(fixture_app, match, expected):
    # Japan: 9 events, Taiwan: 4, both: only Whitcombe's hotline argument (tests/fixtures/mini/events.csv).
    at = fixture_app(actor=["japan", "taiwan"], match=match, **{"from": "2010-01-01"})
    at.switch_page("app_pages/timeline.py")
    at.run()
    assert not at.warning
    assert events_shown(at) == expected
    assert at.session_state["match"] == match
    assert url_values(at, "match") == ([] if match == "any" else ["all"])
    assert ("Actors \\(all of\\): Japan, Taiwan" in " ".join(c.value for c in at.caption)) == (match == "all")


def test_an_empty_page_still_shows_the_link_notice(fixture_app):
    at = fixture_app(actor=["pla", "Nobody"], category=["dialogue"])
    at.switch_page("app_pages/timeline.py")
    at.run()
    assert "No events match" in at.info[0].value
    assert "'Nobody'" in at.warning[0].value and "could not be used" in at.warning[0].value
    at = fixture_app(actor=["pla", "Nobody"])  # the PLA proposes nothing
    at.switch_page("app_pages/proposals.py")
    at.run()
    assert "No proposals match" in at.info[0].value
    assert "'Nobody'" in at.warning[0].value


PAGE_PARAMS = {
    "lanes": ("app_pages/timeline.py", {"lanes": "sideways"}, "'lanes=sideways'"),
    "context": ("app_pages/timeline.py", {"context": "perhaps"}, "'context=perhaps'"),
    "depth": ("app_pages/proposals.py", {"focus": "hoshino-aki", "depth": "9"}, "'depth=9'"),
    "focus": ("app_pages/proposals.py", {"focus": "nobody-at-all"}, "'focus=nobody-at-all'"),
    "slide": ("app_pages/present.py", {"slide": "No such slide"}, "'slide=No such slide'"),
    "repeated depth": ("app_pages/proposals.py", {"depth": ["1", "2"]}, "Ignored 'depth=1', 'depth=2'"),  # the slider drops both
    "repeated from": ("app_pages/overview.py", {"from": ["2021-01-01", "2021-03-01"]}, "Several 'from' values"),
    "repeated to": ("app_pages/overview.py", {"to": ["2021-05-01", "2021-06-01"]}, "Several 'to' values"),
    "unknown name": ("app_pages/overview.py", {"colour": "red"}, "'colour'"),
    "session key is not a parameter": ("app_pages/overview.py", {"_sw_filters_seeded": "1"}, "'\\_sw\\_filters\\_seeded'"),
}


@pytest.mark.parametrize("page, params, expected", PAGE_PARAMS.values(), ids=PAGE_PARAMS.keys())
def test_each_bad_page_parameter_gets_the_notice(fixture_app, page, params, expected):
    at = fixture_app(**params)
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert at.warning, f"no notice for {params}"
    assert expected in at.warning[0].value


def test_good_page_parameters_get_no_notice(fixture_app):
    for page, params in (("app_pages/timeline.py", {"lanes": "By actor", "context": "true"}),
                         ("app_pages/timeline.py", {"context": "false", "lanes": "By category"}),  # defaults, left out
                         ("app_pages/proposals.py", {"depth": "2"})):
        at = fixture_app(**params)
        at.switch_page(page)
        at.run()
        assert not at.warning, (params, [w.value for w in at.warning])


def test_markdown_in_a_link_is_shown_as_text(fixture_app):
    at = fixture_app(actor=["[Sign in again](http://example.invalid/login)",
                            "![x](http://example.invalid/p.png)"], **{"<b>x</b>": "1"})
    at.run()
    notice = at.warning[0].value
    assert "\\[Sign in again\\]\\(http:\u2060//example.invalid/login\\)" in notice  # escaped, autolink broken
    assert "\\!\\[x\\]\\(http:\u2060//example.invalid/p.png\\)" in notice
    assert "\\<b\\>x\\</b\\>" in notice
    assert "[Sign" not in notice.replace("\\[Sign", "") and "<b>" not in notice


def test_a_long_value_is_shortened_in_the_notice(fixture_app):
    at = fixture_app(actor=["x" * 10_000])
    at.run()
    notice = at.warning[0].value
    assert "'" + "x" * 59 + "…'" in notice and len(notice) < 300


def test_empty_tables_without_filters_say_the_data_has_none():
    from strait_watch.core.filters import Filters, no_match_message

    assert no_match_message("events", Filters()) == "The data has no events."
    assert no_match_message("events", Filters(match="all")) == "The data has no events."
    assert no_match_message("proposals", Filters(actors=("japan",), start=dt.date(2021, 1, 1))) == (
        "**No proposals match these filters.** Loosen the actors or dates in the sidebar, or press *Reset filters*.")
