"""Issue 30: on a phone (390x844) the Proposals consensus table has no column off the screen and no tall blank rows:
the measure and its two counts (the category and the proposers' names are in the network, the focus's quotes and
the CSV). Shipped data, the first rows hand-read from data/proposals.csv (five proposers each)."""

from tests.paths import SHIPPED_DATA

TABLE = ".st-key-consensus_table table"
MEASURE_JS = f"""() => {{
  const t = document.querySelector("{TABLE}");
  const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.replace(/[▲▼↑↓]/g, '').trim());
  const rows = [...t.querySelectorAll('tbody tr')].slice(0, 12).map(tr => {{
    const range = document.createRange(); range.selectNodeContents(tr.cells[0]);
    return {{row: tr.getBoundingClientRect().height, text: range.getBoundingClientRect().height,
             right: Math.max(...[...tr.cells].map(c => c.getBoundingClientRect().right))}};
  }});
  return {{heads, rows, right: t.getBoundingClientRect().right, page: document.documentElement.scrollWidth}};
}}"""


def test_the_consensus_table_fits_a_phone_without_blank_rows(page, warmed_server, wait_for_app):
    server = warmed_server(data=SHIPPED_DATA, corpus=None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/proposals")
    wait_for_app(page)
    page.locator(TABLE).wait_for(timeout=30_000)
    page.locator(TABLE).scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('{TABLE} thead th').length === 3", timeout=20_000)
    found = page.evaluate(MEASURE_JS)
    print(found)
    assert found["heads"] == ["Measure", "Proposers", "Articles"]
    assert found["right"] <= 390 and found["page"] <= 390
    assert all(r["right"] <= 390 for r in found["rows"])
    # each row is as tall as its measure's lines and the cell padding (5 px above and below), no blank band
    assert all(r["row"] - r["text"] <= 14 for r in found["rows"]), found["rows"]
    assert "Humanitarian assistance and disaster relief" in page.locator(TABLE).inner_text()
