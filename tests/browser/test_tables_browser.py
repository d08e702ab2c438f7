"""The Proposals tables (ui/table_view.py, static/table/) in Chromium: pick a row, sort, survive reruns, text only."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.paths import FIXTURE_CORPUS, FIXTURE_DIR
from tests.proposals_payload import ACTOR_NAME

TABLE = ".sw-tbl"
STATE = "document.querySelector('.sw-tbl').__sw"
NET = "document.querySelector('.sw-net').__sw"


def open_table(page, server, wait_for_app, query: str = ""):
    page.goto(f"{server.url}/proposals{query}")
    wait_for_app(page)
    page.wait_for_function(f"(() => {{ const r = document.querySelector('{TABLE}'); return r && r.__sw; }})()",
                           timeout=20_000)
    page.locator(TABLE).scroll_into_view_if_needed()


def in_view(page, selector: str) -> None:
    """Wait until the element's top is in the upper half of the viewport (a pick scrolled to it)."""
    page.wait_for_function(f"""(() => {{ const el = document.querySelector('{selector}');
        const r = el && el.getBoundingClientRect(); return !!r && r.top >= 0 && r.top < innerHeight / 2; }})()""",
                           timeout=5_000)


def column(page, name: str) -> list[str]:
    """The texts of one column, top to bottom, as shown."""
    return page.evaluate(f"""(() => {{ const root = document.querySelector('{TABLE}');
        const i = [...root.querySelectorAll('thead th')].findIndex(th => th.querySelector('button').firstChild.textContent === {name!r});
        return [...root.querySelectorAll('tbody tr')].map(tr => tr.children[i].textContent); }})()""")


def test_clicking_a_consensus_row_focuses_that_measure_and_goes_into_the_url(page, proposals_app, wait_for_app, network_guard):
    open_table(page, proposals_app, wait_for_app)
    page.evaluate(f"{STATE}.mark = 'same element'")
    assert page.locator(".sw-canvas").bounding_box()["y"] < 0  # the table in view, the network above it
    page.locator(f"{TABLE} tbody tr", has_text="Tokyo-Taipei hotline").click()
    in_view(page, ".st-key-network")  # the network it refocuses is brought into view
    expect(page).to_have_url(re.compile(r"focus=measure(%3A|:)m-hotline"))  # by its id
    expect(page.locator(".st-key-focus_quotes")).to_contain_text("Tokyo and Taipei need a hotline")
    page.wait_for_function(f"{NET}.data.focus === 'measure:m-hotline'")
    picked = page.locator(f"{TABLE} tbody tr.sw-picked")
    expect(picked).to_have_count(1)
    expect(picked).to_contain_text("Tokyo-Taipei hotline")
    expect(picked).to_have_attribute("aria-selected", "true")
    assert page.evaluate(f"{STATE}.mark") == "same element"  # the focus moved a class, the table stayed
    network_guard.assert_local()


def test_enter_on_a_reach_row_focuses_that_proposer(page, proposals_app, wait_for_app):
    open_table(page, proposals_app, wait_for_app, "?table=Reach")
    row = page.locator(f"{TABLE} tbody tr", has_text="Lin Wei-ting")
    row.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"focus=actor(%3A|:)lin-wei-ting"))  # by its id
    page.wait_for_function(f"{NET}.data.focus === 'actor:lin-wei-ting'")
    expect(page.locator(f"{TABLE} tbody tr.sw-picked")).to_contain_text("Lin Wei-ting")


def test_a_heading_sorts_numbers_as_numbers_largest_first_then_reverses(page, proposals_app, wait_for_app):
    open_table(page, proposals_app, wait_for_app)
    heading = page.locator(f"{TABLE} thead th", has_text="Proposers")
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    counts = [int(v) for v in column(page, "Proposers")]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    assert [int(v) for v in column(page, "Proposers")] == sorted(counts)
    page.locator(f"{TABLE} thead th", has_text="Measure").locator("button").click()
    names = column(page, "Measure")
    assert names == sorted(names, key=str.casefold)


def test_a_proposals_row_opens_its_evidence(page, proposals_app, wait_for_app):
    open_table(page, proposals_app, wait_for_app, "?table=Proposals")
    expect(page.locator(f"{TABLE} .sw-tbl-foot")).to_contain_text("for its evidence")
    page.locator(f"{TABLE} tbody tr", has_text="Whitcombe argues Tokyo and Taipei need a hotline").click()
    in_view(page, ".st-key-picked_view")  # the evidence opens above the table, in view
    expect(page.get_by_text("I have argued since November 2021", exact=False).first).to_be_visible()


def test_the_table_survives_a_filter_change_and_shows_the_new_rows(page, proposals_app, wait_for_app):
    open_table(page, proposals_app, wait_for_app)
    page.evaluate(f"document.querySelector('{TABLE}').mark = 'kept'")  # on the element: the state is new per data
    before = page.evaluate(f"{STATE}.builds")
    rows_before = page.locator(f"{TABLE} tbody tr").count()
    actors = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    actors.click()
    page.keyboard.type("Lin Wei")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.wait_for_function(f"{STATE}.builds > {before}")
    assert page.evaluate(f"document.querySelector('{TABLE}').mark") == "kept"
    assert page.locator(TABLE).count() == 1
    assert 0 < page.locator(f"{TABLE} tbody tr").count() < rows_before


def test_at_phone_width_the_counts_follow_the_name_and_are_on_screen(page, proposals_app, wait_for_app):
    page.set_viewport_size({"width": 390, "height": 844})
    open_table(page, proposals_app, wait_for_app)
    headings = page.locator(f"{TABLE} thead th").all_inner_texts()
    assert [h.strip() for h in headings[:3]] == ["Measure", "Proposers", "Articles"]
    for name in ("Proposers", "Articles"):
        box = page.locator(f"{TABLE} thead th", has_text=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls in its box, not the page


def test_payloads_in_a_table_are_text_and_never_run(page, payload_app, wait_for_app, network_guard):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_table(page, payload_app, wait_for_app, "?table=Reach")
    assert ACTOR_NAME in column(page, "Proposer")
    assert page.evaluate(f"document.querySelectorAll('{TABLE} tbody *:not(tr):not(td)').length") == 0
    page.locator(f"{TABLE} tbody tr", has_text="Hoshino").click()  # picked, and its quotes shown, still as text
    expect(page.locator(".st-key-focus_quotes")).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
    network_guard.assert_local()


@pytest.fixture
def big_app(warmed_server, tmp_path_factory):
    """The mini fixture at 30×: 300 proposals, more than the table draws at once."""
    import importlib.util

    from tests.paths import REPO

    spec = importlib.util.spec_from_file_location("make_synthetic", REPO / "scripts" / "make_synthetic.py")
    make_synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_synthetic)
    out = tmp_path_factory.mktemp("big") / "pkg"
    assert make_synthetic.main([str(out), "--scale", "30", "--from", str(FIXTURE_DIR), "--corpus", str(FIXTURE_CORPUS)]) == 0
    return warmed_server(data=out, corpus=FIXTURE_CORPUS, key="big")


def test_a_long_table_draws_rows_as_it_scrolls_and_sorts_them_all(page, big_app, wait_for_app):
    open_table(page, big_app, wait_for_app, "?table=Proposals")
    expect(page.locator(f"{TABLE} .sw-tbl-foot")).to_contain_text("300 rows")
    assert page.locator(f"{TABLE} tbody tr").count() == 200  # the first rows, not all 300 at once
    box = page.locator(f"{TABLE} .sw-tbl-box")
    for _ in range(5):
        box.evaluate("b => { b.scrollTop = b.scrollHeight; b.dispatchEvent(new Event('scroll')); }")
    expect(page.locator(f"{TABLE} tbody tr")).to_have_count(300)
    everyone = column(page, "Proposer")
    heading = page.locator(f"{TABLE} thead th", has_text="Proposer").locator("button")
    heading.click()
    heading.click()  # descending: the last name of all 300 rows comes first, though most were drawn late
    names = column(page, "Proposer")
    assert names == sorted(everyone, key=str.casefold, reverse=True)[:200]  # not the first 200 rows sorted
    assert page.evaluate(f"{STATE}.order.length") == 300


def test_empty_cells_sort_last_in_either_direction(page):
    """The component's own sort (static/table/component.js `order`), run in Chromium on rows with gaps."""
    from tests.paths import REPO

    source = (REPO / "static" / "table" / "component.js").read_text(encoding="utf-8").replace("export default", "void")
    data = {"columns": [{"name": "n", "numeric": True}, {"name": "s", "numeric": False}],
            "rows": [[2, "b"], [None, None], [10, "A"], [1, "c"]]}
    run = f"""(data) => {{ {source}; return ["ascending", "descending"].flatMap(dir => [0, 1].map(col =>
        order(data, {{col, dir}}))); }}"""
    n_up, s_up, n_down, s_down = page.evaluate(run, data)
    assert n_up == [3, 0, 2, 1] and n_down == [2, 0, 3, 1]  # 1, 2, 10, empty; 10, 2, 1, empty: as numbers
    assert s_up == [2, 0, 3, 1] and s_down == [3, 0, 2, 1]  # A, b, c, empty (case-blind); c, b, A, empty
