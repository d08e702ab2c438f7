"""components/briefing.py: key findings, the PowerPoint and the HTML pack, on the fixture and the shipped data.

The appendix is checked against quotes computed here from the filter functions, with the rules of
the views (Timeline page default, matrix as of the last allowed year, statements, proposals).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import Counter
from dataclasses import replace

import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from components import agreements as ag
from components.briefing import (
    VIEW_LABELS, build_html_pack, build_packs, build_pptx, finding_text, key_findings, prepare_pack, source_list,
)
from components.dataset import load_dataset
from components.filters import Filters, filter_agreements, filter_events, filter_proposals
from components.images import ChromiumRenderer, NoRenderer
from paths import FIXTURE_CORPUS, FIXTURE_DIR, REAL_CORPUS, SHIPPED_DATA
from tests.proposals_payload import PAYLOADS, make_payload_fixture

NOW = dt.datetime(2026, 3, 4, 9, 30)
D = dt.date
FILTER_SETS = {
    "none": Filters(),
    "actor": Filters(actors=("japan",)),
    "dates": Filters(start=D(2021, 4, 1), end=D(2021, 6, 30)),
    "source": Filters(sources=("src-902",)),
    "category": Filters(categories=("statement", "dialogue-channels")),
    "empty": Filters(actors=("pla",), start=D(2014, 1, 1), end=D(2014, 12, 31)),
}
VIEW_TITLES = ("Timeline of events", "Japan's defence agreements", "2021 statements naming the Taiwan Strait",
               "Who proposes which cooperation measures", "Consensus measures")
NOTE = "Chart image not available"


@pytest.fixture(scope="module")
def mini():
    return load_dataset(FIXTURE_DIR, FIXTURE_CORPUS)


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED_DATA, REAL_CORPUS if REAL_CORPUS and REAL_CORPUS.is_dir() else None)


def expected_quotes(ds, f: Filters) -> Counter:
    """(record id, source id, quote) of every record the views draw, from the selected sources only."""
    events = filter_events(ds, f)
    if not (f.start or f.end):  # the Timeline page's default: the 2021 events
        events = events[events["date_start"].dt.year == 2021]
    undated = filter_agreements(ds, replace(f, start=None, end=None))
    matrix = undated[ag.matrix_mask(undated)]
    statements = filter_agreements(ds, f)
    statements = statements[statements["names_taiwan_strait"]]
    ids = set(events["id"]) | set(matrix["id"]) | set(statements["id"]) | set(filter_proposals(ds, f)["id"])
    ev = ds.evidence[ds.evidence["record_id"].isin(ids)]
    if f.sources:
        ev = ev[ev["source_id"].isin(f.sources)]
    return Counter(zip(ev["record_id"], ev["source_id"], ev["quote"]))


def slide_texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def open_pptx(data: bytes):
    return Presentation(io.BytesIO(data))


# ---------------------------------------------------------------- key findings

def test_findings_on_the_fixture_count_and_cite(mini):
    found = key_findings(mini, Filters())
    assert list(found) == ["timeline", "agreements", "proposals"]
    events = filter_events(mini, Filters())
    n2021 = int((events["date_start"].dt.year == 2021).sum())
    assert found["timeline"][0].text.startswith(f"{n2021} events from ")
    # April 2021 is the fixture's busiest month: the hotline remark and the joint statement.
    assert any(x.text.startswith("Busiest month: April 2021 (2 events)") for x in found["timeline"])
    assert any(x.text.startswith("Most agreements: Australia") for x in found["agreements"])
    assert any(x.text.startswith("Consensus measures:") for x in found["proposals"])
    for section in found.values():
        for x in section:
            if x.records:  # every finding about records cites the sources that quote them
                quoting = set(mini.evidence[mini.evidence["record_id"].isin(x.records)]["source_id"])
                assert x.sources and set(x.sources) == quoting, x.text


def test_findings_follow_the_source_filter(mini):
    found = key_findings(mini, Filters(sources=("src-902",)))
    cited = {s for section in found.values() for x in section for s in x.sources}
    assert cited <= {"src-902"}
    sources = source_list(mini)
    assert all(finding_text(x, sources).endswith("[3]") for section in found.values() for x in section if x.sources)


def test_findings_say_when_nothing_matches(mini):
    found = key_findings(mini, FILTER_SETS["empty"])
    assert found["timeline"][0].text == "No events match these filters."
    assert found["proposals"][0].text == "No proposals match these filters."


# ---------------------------------------------------------------- PowerPoint without a renderer

@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_pptx_slides_titles_notes_and_appendix(mini, name):
    f = FILTER_SETS[name]
    pack = prepare_pack(mini, f)
    prs = open_pptx(build_pptx(mini, f, exported_at=NOW, renderer=NoRenderer(), pack=pack))
    slides = list(prs.slides)
    texts = [slide_texts(s) for s in slides]

    title = "\n".join(texts[0])
    assert "Strait Watch briefing" in title and pack.filters_text in title
    assert "Exported 04 Mar 2026, 09:30" in title and f"Dataset version {mini.version}" in title
    for label in source_list(mini)["label"]:
        assert label in title

    views = texts[1:6]
    for want, got in zip(VIEW_TITLES, views):
        assert got[0].startswith(want)
    for view, got in zip(pack.views, views):
        body = "\n".join(got)
        assert (NOTE in body) if view.figure is not None or view.image_figure is not None else (view.empty in body)
        for x in view.findings:  # findings with their [n] citations
            assert finding_text(x, pack.sources) in body
    assert not any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slides for sh in s.shapes)

    appendix = texts[6:]
    assert all(t[0].startswith("Evidence appendix") for t in appendix)
    quoted = Counter()
    for t in appendix:
        quoted.update(re.findall(r"^“(.*)”$", "\n".join(t), flags=re.M))
    want = expected_quotes(mini, f)
    assert quoted == Counter(q for (_, _, q), n in want.items() for _ in range(n))
    assert Counter(zip(pack.appendix["record_id"], pack.appendix["source_id"], pack.appendix["quote"])) == want
    if name == "empty":
        assert len(slides) == 7 and "no quotes" in "\n".join(appendix[0])
    else:
        assert len(appendix) >= 1 and len(slides) == 6 + len(appendix)


def test_pptx_appendix_is_paginated_on_the_shipped_data(shipped):
    f = Filters(actors=("japan",), start=D(2021, 1, 1), end=D(2021, 12, 31))
    prs = open_pptx(build_pptx(shipped, f, exported_at=NOW, renderer=NoRenderer()))
    appendix = [s for s in prs.slides if slide_texts(s)[0].startswith("Evidence appendix")]
    assert len(appendix) > 3
    assert slide_texts(appendix[-1])[0] == f"Evidence appendix ({len(appendix)}/{len(appendix)})"
    quotes = sum(len(re.findall(r"^“", "\n".join(slide_texts(s)), flags=re.M)) for s in appendix)
    assert quotes == sum(expected_quotes(shipped, f).values())


def test_a_missing_browser_gives_notes_not_a_failure(mini):
    built = build_packs(mini, Filters(), exported_at=NOW, renderer=ChromiumRenderer("/nonexistent/chromium"))
    assert built.image_notes == ["No Chromium at /nonexistent/chromium, so charts could not be drawn as images."]
    text = "\n".join(t for s in open_pptx(built.pptx).slides for t in slide_texts(s))
    assert text.count(NOTE) == 5 and "No Chromium at /nonexistent/chromium" in text
    assert set(built.seconds) == {"prepare", "pptx", "html", "total"}


# ---------------------------------------------------------------- PowerPoint with the real renderer

@pytest.fixture(scope="module")
def renderer():
    r = ChromiumRenderer()
    try:
        r.png(go.Figure(), width=50, height=50)
    except Exception as err:  # noqa: BLE001
        pytest.skip(f"no renderer here: {err}")
    yield r
    r.close()


@pytest.mark.parametrize("which, f", [("mini", Filters(sources=("src-900", "src-902"))),
                                      ("shipped", Filters(start=D(2021, 1, 1), end=D(2021, 12, 31)))])
def test_pptx_has_a_chart_image_per_view(mini, shipped, renderer, which, f):
    ds = mini if which == "mini" else shipped
    prs = open_pptx(build_pptx(ds, f, exported_at=NOW, renderer=renderer))
    pictures = [sh for s in list(prs.slides)[1:6] for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p.name for p in pictures] == [f"chart-{k}" for k in VIEW_LABELS]
    for p in pictures:
        assert p.image.content_type == "image/png"
        assert p.image.size[0] >= 3000  # 1500 layout px at scale 2: sharp on a projector
    assert NOTE not in "\n".join(t for s in prs.slides for t in slide_texts(s))


# ---------------------------------------------------------------- HTML

@pytest.mark.parametrize("name", ["none", "actor", "source", "empty"])
def test_html_pack_is_self_contained(mini, name):
    f = FILTER_SETS[name]
    pack = prepare_pack(mini, f)
    page = build_html_pack(mini, f, exported_at=NOW, pack=pack)
    assert page.count("* plotly.js v") == 1  # the library, inlined once
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)  # nothing loaded from anywhere
    drawn = [v for v in pack.views if v.figure is not None]
    assert page.count("Plotly.newPlot(") == len(drawn)
    if pack.graph.number_of_edges():
        assert "vis.Network" in page and "srcdoc=" in page
    for x in (x for v in pack.views for x in v.findings):
        assert html.escape(x.text) in page
    for q in pack.appendix["quote"]:
        assert html.escape(q) in page
    assert f"Dataset version:</b> {mini.version}" in page


def test_html_pack_escapes_data(tmp_path):
    ds = load_dataset(make_payload_fixture(tmp_path / "payload"), check_quotes=False)
    page = build_html_pack(ds, Filters(), exported_at=NOW)
    for payload in PAYLOADS:
        assert payload not in page
    assert "Hoshino &lt;img src=x onerror=alert(1)&gt;" in page  # shown as text in the findings


def test_build_times_are_reported(mini):
    built = build_packs(mini, FILTER_SETS["actor"], exported_at=NOW, renderer=None)
    assert built.seconds["total"] >= built.seconds["pptx"] > 0
    assert built.image_notes == ["Server-side chart images are switched off."]
