"""Texts inside exported images, measured in Chromium: the figure is drawn with the plotly.js that ships in
the plotly package, exported with `Plotly.toImage` (what the chart toolbar's PNG button draws) as SVG, and
every text element of that image is measured with the browser's own font metrics.

- the Agreements matrix at phone width: no two cell texts overlap, each fits its cell, nothing leaves the image
  (and the screen layout at that width does overlap: the check can fail);
- the 2021 statements chart: every row label whole (wrapped, never cut) and inside the image;
- the network PNG: every node named in full, as the Proposals page names it, inside the image.
"""

import json
from itertools import combinations
from pathlib import Path

import plotly
import pytest
from paths import FIXTURE_CORPUS, FIXTURE_DIR, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters
from strait_watch.views.matrix import build_matrix_figure, build_matrix_table, matrix_as_of
from strait_watch.views.network.drawing import compute_layout
from strait_watch.views.network.graph import proposal_graph
from strait_watch.views.network.picture import build_network_figure
from strait_watch.views.statements import build_statements_figure, build_statements_matrix

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PHONE_CHART_PX = 358  # the chart's width in a 390 px viewport (Streamlit's 16 px padding each side)

# Draw, export as SVG, put the SVG in the page and measure each of its texts (px from the image's top left).
EXPORT_AND_MEASURE_JS = """
async ([spec, width, height]) => {
  const gd = document.getElementById("chart");
  await Plotly.newPlot(gd, spec.data, Object.assign({}, spec.layout, {width, height}), {staticPlot: true});
  const url = await Plotly.toImage(gd, {format: "svg", width, height});
  const holder = document.getElementById("image");
  holder.innerHTML = decodeURIComponent(url.slice(url.indexOf(",") + 1));
  const svg = holder.querySelector("svg"), origin = svg.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis;
  const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim()).map(t => {
    const box = t.getBoundingClientRect(), lines = [...t.querySelectorAll("tspan.line")];
    return {text: lines.length ? lines.map(l => l.textContent).join("\\n") : t.textContent,
            kind: t.getAttribute("class") || (t.parentNode.getAttribute("class") || ""),
            group: (t.closest("g.xtick, g.ytick, g.textpoint, g.legend, g.g-gtitle") || {getAttribute: () => ""})
                     .getAttribute("class") || "",
            x: box.left - origin.left, y: box.top - origin.top, w: box.width, h: box.height};
  });
  return {texts, width: origin.width, height: origin.height, cell: xa._length / (xa.range[1] - xa.range[0])};
}
"""


@pytest.fixture
def export(page):
    """export(fig, width, height) -> {texts: [{text, group, x, y, w, h}], width, height, cell}."""
    page.set_content('<html><body style="margin:0"><div id="chart"></div><div id="image"></div></body></html>')
    page.add_script_tag(path=str(PLOTLY_JS))

    def run(fig, width: int, height: int | None = None) -> dict:
        spec = json.loads(fig.to_json())
        return page.evaluate(EXPORT_AND_MEASURE_JS, [spec, width, int(height or fig.layout.height or 500)])
    return run


def overlapping(boxes: list[dict], gap: float = 1.0) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for a, b in combinations(boxes, 2)
            if a["x"] + a["w"] + gap > b["x"] and b["x"] + b["w"] + gap > a["x"]
            and a["y"] + a["h"] > b["y"] + gap and b["y"] + b["h"] > a["y"] + gap]


def outside(image: dict) -> list[str]:
    return [t["text"] for t in image["texts"]
            if t["x"] < 0 or t["y"] < 0 or t["x"] + t["w"] > image["width"] + 0.5 or t["y"] + t["h"] > image["height"] + 0.5]


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA, check_quotes=False)


def shipped_matrix(ds):
    table = build_matrix_table(ds.agreements, evidence=ds.evidence, actors=ds.actors, codebook=ds.schema["codebook"],
                                  sources=ds.sources)
    return matrix_as_of(table, 2021)


@pytest.mark.parametrize("width", [PHONE_CHART_PX, 288])  # a 390 px phone; a 320 px one
def test_phone_matrix_cell_texts_do_not_overlap(export, shipped, width):
    shown = shipped_matrix(shipped)
    fig = build_matrix_figure(shown, codebook=shipped.schema["codebook"], title="As of 2021", medium="phone")
    image = export(fig, width)
    cells = [t for t in image["texts"] if "textpoint" in t["group"]]
    assert len(cells) == len(shown)  # one drawn text per cell (no hidden second copy since issue 31)
    drawn = cells
    assert {t["text"] for t in drawn} >= {"2012", "2020", "✕", "prop."}  # Australia's GSOMIA, its RAA; none; Taiwan
    assert not overlapping(drawn)
    assert all(t["w"] <= image["cell"] - 6 for t in drawn), (image["cell"], max(t["w"] for t in drawn))
    assert not overlapping([t for t in image["texts"] if "tick" in t["group"] or "legend" in t["group"]])
    assert not outside(image)


def test_the_screen_matrix_at_phone_width_is_what_the_check_catches(export, shipped):
    shown = shipped_matrix(shipped)
    image = export(build_matrix_figure(shown, codebook=shipped.schema["codebook"], title="As of 2021"), PHONE_CHART_PX)
    cells = [t for t in image["texts"] if "textpoint" in t["group"]]
    assert len(cells) == len(shown)
    assert overlapping(cells) or any(t["w"] > image["cell"] - 6 for t in cells)


# The fixture's statements (tests/fixtures/mini/agreements.csv), as the row labels must read: whole.
STATEMENT_LABELS = ["Apr 2021 · Japan-US joint statement of April 2021",
                    "14 Jun 2021 · Leaders' communiqué of 14 June 2021"]


@pytest.mark.parametrize("width", [1100, 700])  # the chart's width on a 1440 px screen; a narrow window
def test_statements_png_keeps_row_labels_whole(export, width):
    ds = load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)
    table = build_statements_matrix(ds.agreements, evidence=ds.evidence, actors=ds.actors,
                                       codebook=ds.schema["codebook"], sources=ds.sources)
    image = export(build_statements_figure(table, title=""), width)
    rows = [t for t in image["texts"] if "ytick" in t["group"]]
    assert [" ".join(t["text"].split("\n")) for t in rows] == STATEMENT_LABELS
    assert not any("…" in t["text"] for t in image["texts"])
    assert not outside(image)


def test_statements_png_on_the_shipped_data_keeps_every_row_label_inside(export, shipped):
    table = build_statements_matrix(shipped.agreements, evidence=shipped.evidence, actors=shipped.actors,
                                       codebook=shipped.schema["codebook"], sources=shipped.sources)
    image = export(build_statements_figure(table, title=""), 1100)
    rows = [t for t in image["texts"] if "ytick" in t["group"]]
    assert len(rows) == table["id"].nunique() and not any("…" in t["text"] for t in rows)
    assert not outside(image)
    assert not overlapping(rows)


# Every node of the fixture's network, as the Proposals page labels it (tests/fixtures/mini: actors, measures).
FIXTURE_NODES = {"Hoshino Aki", "Lantern Party", "Lin Wei-ting", "Dana Whitcombe", "US analysts",
                 "Joint coast guard drills", "Joint humanitarian exercises", "Tokyo-Taipei hotline",
                 "Maritime intelligence sharing", "Japanese Taiwan relations law", "US-Japan-Taiwan trilateral dialogue"}


def node_names(image: dict) -> list[str]:
    return [" ".join(t["text"].split("\n")) for t in image["texts"] if "textpoint" in t["group"]]


def test_network_png_names_every_node(export):
    G = proposal_graph(load_dataset(FIXTURE_DIR, FIXTURE_CORPUS), Filters())
    fig = build_network_figure(G, compute_layout(G), label_measures=None)
    image = export(fig, fig.layout.width, fig.layout.height)
    assert sorted(node_names(image)) == sorted(FIXTURE_NODES)
    assert not outside(image)


def test_network_png_of_the_shipped_data_names_all_nodes_whole_and_apart(export, shipped):
    G = proposal_graph(shipped, Filters())
    fig = build_network_figure(G, compute_layout(G), label_measures=None)
    image = export(fig, fig.layout.width, fig.layout.height)
    names = node_names(image)
    assert sorted(names) == sorted(G.nodes[n]["label"] for n in G)  # the dataset's names, whole
    assert not any("…" in n for n in names)
    assert not outside(image)
    assert not overlapping([t for t in image["texts"] if "textpoint" in t["group"]])
