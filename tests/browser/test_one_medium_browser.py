"""One medium per device in a real browser (the fixture package): the probe (static/viewport) tells the server the
window's side of the 640 px line, the page then draws only that medium, and a resize across the line switches
it; on a phone a tap on a Timeline list item opens its evidence."""

MAIN_CHARTS = "() => document.querySelectorAll('[data-testid=stMain] .js-plotly-plot').length"


def test_a_phone_gets_the_timeline_list_only_and_a_resize_switches(page, open_app):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app("timeline")
    items = page.locator(".st-key-timeline_phone .sw-events li[data-event] > button")
    items.first.wait_for(timeout=30_000)
    assert items.count() == 10  # the fixture's ten 2021 events
    assert page.evaluate(MAIN_CHARTS) == 0 and page.locator(".st-key-timeline_wide").count() == 0

    page.set_viewport_size({"width": 1440, "height": 900})  # a rotation or a wider window: the chart, not the list
    page.locator(".st-key-timeline_wide .js-plotly-plot").wait_for(timeout=30_000)
    page.locator(".st-key-timeline_phone").wait_for(state="detached", timeout=30_000)
    assert page.evaluate(MAIN_CHARTS) == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".st-key-timeline_phone .sw-events li").first.wait_for(timeout=30_000)
    page.locator(".st-key-timeline_wide").wait_for(state="detached", timeout=30_000)


def test_a_tap_on_a_phone_list_item_opens_its_evidence(page, open_app):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app("timeline")
    item = page.locator(".st-key-timeline_phone li[data-event='ev-2021-07-03-pla-drill']")
    item.wait_for(timeout=30_000)
    item.click()
    page.wait_for_function("() => location.search.includes('event=ev-2021-07-03-pla-drill')", timeout=30_000)
    # the panel under the list holds that event: its headline as the panel's heading, its quotes
    panel = page.locator("[data-testid=stMain] h2", has_text="PLA drills east of Taiwan")
    panel.wait_for(timeout=30_000)
    assert "Evidence (" in page.locator("[data-testid=stMain]").inner_text()
    # Enter on a focused item opens it too (keyboard users)
    other = page.locator(".st-key-timeline_phone li[data-event='ev-2021-01-12-adiz-sortie']")
    other.locator("button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('event=ev-2021-01-12-adiz-sortie')", timeout=30_000)


def test_agreements_on_a_phone_say_tap_and_draw_one_matrix(page, open_app):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app("agreements")
    page.locator(".st-key-agreements_phone .js-plotly-plot").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stMain]').innerText.includes('Tap a cell')",
                           timeout=30_000)
    assert page.locator(".st-key-agreements_wide").count() == 0
    assert page.locator(".st-key-statements_wide").count() == 0
    assert page.evaluate(MAIN_CHARTS) == 1  # the transposed matrix; the statements are a list


def test_a_desk_draws_no_phone_medium(page, open_app):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app("")
    page.locator(".st-key-overview_wide .js-plotly-plot").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the probe reported nothing new: no rerun, still one medium
    assert page.locator(".st-key-overview_phone, .st-key-coverage_phone").count() == 0
    assert page.locator(".st-key-coverage_wide table").is_visible()
