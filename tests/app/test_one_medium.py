"""One medium per device (ui.event_list.medium) on the Overview, Timeline and Agreements pages, under AppTest on
the fixture package: before the browser has told its width (a session's first run, and AppTest, which runs no
JavaScript) a page draws the wide medium only; once the viewport says a phone, the phone medium only; a resize
across the 640 px line switches it. The browser side (the probe reporting, a tap on the list) is in
tests/browser/test_one_medium_browser.py."""

import json

import pytest
from apps import bidi_components, new_app

PHONE = {"width": 390, "touch": True}
DESK = {"width": 1440, "touch": False}
TOUCH_TABLET = {"width": 1024, "touch": True}
# The fixture's ten 2021 events (tests/fixtures/mini/events.csv): the Timeline's and the Overview's lists.
EVENTS_2021 = 10


def key_of(element_id: str) -> str:
    return element_id.rsplit("-", 1)[-1]  # Streamlit ids end in the user key: "$$ID-<hash>-timeline_chart"


def charts(at) -> dict[str, dict]:
    return {key_of(el.proto.id): json.loads(el.proto.spec) for el in at.get("plotly_chart")}


def components(at) -> dict[str, dict]:
    return {key_of(p.id): json.loads(p.json) if p.json else None for p in bidi_components(at)}


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def open_at(page: str, viewport: dict | None = None):
    at = new_app()
    at.run()
    at.switch_page(page)
    if viewport:
        at.session_state["viewport"] = viewport
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at, viewport: dict):
    at.session_state["viewport"] = viewport
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/timeline.py", "app_pages/agreements.py"])
def test_the_probe_is_mounted_and_told_what_the_server_knows(page):
    first = open_at(page)  # nothing said yet: drawn for a desk with a pointer; the probe reports only otherwise
    assert components(first)["sw_viewport"] == {"phone": False, "touch": False}
    phone = open_at(page, PHONE)
    assert components(phone)["sw_viewport"] == {"phone": True, "touch": True}
    assert components(open_at(page, DESK))["sw_viewport"] == {"phone": False, "touch": False}


def test_timeline_before_the_width_is_known_draws_the_chart_only():
    at = open_at("app_pages/timeline.py")
    assert set(charts(at)) == {"timeline_chart"}
    found = components(at)
    assert "timeline_list" not in found
    # the coast guard law, known only to the year, is listed under the chart and opens on a click
    year_only = found["timeline_year_list"]["html"]
    assert year_only.count('<button type="button"') == 1 and "Japan amends its coast guard law" in year_only


def test_timeline_on_a_phone_gets_the_tappable_list_and_not_the_chart():
    at = open_at("app_pages/timeline.py", PHONE)
    assert charts(at) == {}
    html = components(at)["timeline_list"]["html"]
    assert html.count("<li data-event=") == EVENTS_2021 and html.count('<button type="button"') == EVENTS_2021
    assert 'data-event="ev-2021-06-14-leaders-communique"' in html
    assert "<details>" not in html  # ten rows: nothing folded
    assert "Tap an event for its evidence" in captions(at)


def test_a_resize_across_the_line_switches_the_timeline():
    at = open_at("app_pages/timeline.py", PHONE)
    assert charts(at) == {} and "timeline_list" in components(at)
    rerun(at, DESK)  # the window widened past 640 px (a rotation, a resized window)
    assert set(charts(at)) == {"timeline_chart"} and "timeline_list" not in components(at)
    rerun(at, PHONE)
    assert charts(at) == {} and "timeline_list" in components(at)


def test_agreements_on_a_phone_draw_the_transposed_matrix_and_the_statement_list_only():
    at = open_at("app_pages/agreements.py", PHONE)
    found = charts(at)
    assert set(found) == {"agreements_matrix_phone"}
    assert found["agreements_matrix_phone"]["layout"]["meta"] == {"medium": "phone"}
    assert [s.label for s in at.selectbox] == ["Statement"]
    assert "Tap a cell for the agreement" in captions(at) and "Hover a cell" not in captions(at)
    assert "Tap a cell to see its evidence." in captions(at)


def test_agreements_on_a_desk_draw_the_matrix_and_the_statements_chart_only():
    at = open_at("app_pages/agreements.py", DESK)
    found = charts(at)
    assert set(found) == {"agreements_matrix", "agreements_statements"}
    assert "meta" not in found["agreements_matrix"]["layout"]
    assert not at.selectbox
    assert "Hover a cell for the agreement and its quote; click it for its evidence." in captions(at)


def test_agreements_on_a_touch_screen_say_tap():
    at = open_at("app_pages/agreements.py", TOUCH_TABLET)
    assert set(charts(at)) == {"agreements_matrix", "agreements_statements"}  # wide enough for the wide matrix
    assert "Tap a cell for the agreement" in captions(at)


def test_overview_phone_and_desk():
    phone = open_at("app_pages/overview.py", PHONE)
    assert charts(phone) == {}
    columns = {tuple(t.value.columns) for t in phone.table}
    assert ("Source", "Records") in columns and not any("Publisher" in c for c in columns)
    lists = [h for h in phone.get("html") if "sw-events" in h.proto.body]
    assert len(lists) == 1 and lists[0].proto.body.count("<li data-event=") == EVENTS_2021
    desk = rerun(phone, DESK)
    assert set(charts(desk)) == {"overview_months"}
    columns = {tuple(t.value.columns) for t in desk.table}
    assert ("Source", "Records") not in columns and any("Publisher" in c for c in columns)
    assert not [h for h in desk.get("html") if "sw-events" in h.proto.body]
