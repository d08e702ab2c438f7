"""Accessibility in a real browser (issue 30): axe-core, pinned and vendored (tests/fixtures/axe/), run over every
page of the navigation (Present included) at a laptop's 1440x900 and a phone's 390x844; no critical or serious
violation may remain (contrast, names, roles). The pages come from app.py's navigation, so a new page is checked.

Harness and fixtures: tests/browser/conftest.py.
"""

import hashlib
import re

import pytest

from tests.paths import REPO

AXE = REPO / "tests" / "fixtures" / "axe" / "axe.min.js"
AXE_SHA256 = "880970c081707360e64f34cea25ff91892f5bc95675b0776925b9709dd8a68bb"  # axe-core 4.10.3 (README.md)
# Every page of the navigation, by URL path: the default page is "" (app.py's st.Page files, in menu order).
PAGES = re.findall(r'st\.Page\("app_pages/(\w+)\.py"', (REPO / "app.py").read_text(encoding="utf-8"))
DEFAULT = re.search(r'st\.Page\("app_pages/(\w+)\.py"[^)]*default=True', (REPO / "app.py").read_text(encoding="utf-8"))
WIDTHS = {"laptop": (1440, 900), "phone": (390, 844)}
WARMED: set[str] = set()
RUN_AXE = """async () => {
    const r = await axe.run(document, {resultTypes: ['violations']});
    return r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious').map(v => ({
        id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


def test_the_vendored_axe_is_the_pinned_one():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert len(PAGES) >= 9 and "present" in PAGES and DEFAULT  # the navigation was read


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(streamlit_server, fixture_dir, fixture_corpus, page, wait_for_app, name):
    """One visit per page, checked at both widths: the phone check resizes the same page (the app follows a resize,
    as a turned tablet would), which costs one navigation instead of two."""
    server = streamlit_server(data=fixture_dir, corpus=fixture_corpus)
    if server.url not in WARMED:  # a fresh server's first deep link would run in MPA v1 mode (conftest: warmed_server)
        page.goto(server.url + "/")
        wait_for_app(page)
        WARMED.add(server.url)
    found = {}
    for width, (w, h) in WIDTHS.items():
        page.set_viewport_size({"width": w, "height": h})
        if not found:
            page.goto(f"{server.url}/{'' if name == DEFAULT.group(1) else name}")
        wait_for_app(page)
        page.wait_for_timeout(1500)  # charts and mounted components draw (or redraw at the new width) after the script
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        found[width] = page.evaluate(RUN_AXE)
    assert found == {width: [] for width in WIDTHS}, f"{name}: {found}"
