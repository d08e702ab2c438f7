"""Headings never skip a level (issue 30: "headings skip levels on 5 views"): axe-core's "heading-order" rule, which
axe rates moderate, as a hard check on every page of the navigation (Present included), each loaded once at
1440x900 on the mini fixture. The vendored axe-core is tests/fixtures/axe/ (pinned by test_accessibility_browser).
The pages come from app.py's navigation, so a new page is checked.
"""

import re

import pytest

from tests.paths import REPO

AXE = REPO / "tests" / "fixtures" / "axe" / "axe.min.js"
APP = (REPO / "app.py").read_text(encoding="utf-8")
PAGES = re.findall(r'st\.Page\("app_pages/(\w+)\.py"', APP)
DEFAULT = re.search(r'st\.Page\("app_pages/(\w+)\.py"[^)]*default=True', APP).group(1)
RUN_HEADING_ORDER = """async () => {
    const r = await axe.run(document, {runOnly: {type: 'rule', values: ['heading-order']}});
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
        .filter(h => h.offsetParent !== null)
        .map(h => (h.getAttribute('aria-level') || h.tagName.slice(1)) + ' ' + h.textContent.trim().slice(0, 40));
    return {ran: r.violations.length + r.passes.length + r.incomplete.length + r.inapplicable.length,
            violations: r.violations.map(v => v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)),
            levels};
}"""


def test_every_page_of_the_navigation_is_checked():
    assert len(PAGES) >= 9 and "present" in PAGES and DEFAULT in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_no_heading_skips_a_level(warmed_server, fixture_dir, fixture_corpus, page, wait_for_app, name):
    server = warmed_server(data=fixture_dir, corpus=fixture_corpus)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/{'' if name == DEFAULT else name}")
    wait_for_app(page)
    page.wait_for_timeout(1500)  # charts and mounted components draw after the script ends
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_HEADING_ORDER)
    assert found["ran"] >= 1, "axe did not run the heading-order rule"
    assert found["violations"] == [], f"{name}: headings {found['levels']}: {found['violations']}"
