"""Same subset everywhere (issue 28): the page, the deck, the HTML pack and Present show the same records for the
same view and filters. Each medium is built as the user gets it (the page and Present by AppTest, the deck by
python-pptx, the pack as its HTML) and its records are compared with lists written by hand from
tests/fixtures/mini/ (agreements.csv, proposals.csv, measures.csv) and, for the network the issue names (Present's
6 proposers × 4 measures against the deck's 9 × 6), data/proposals.csv."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

from apps import open_page, table_payloads
from paths import REAL_CORPUS, SHIPPED_DATA
from pptx import Presentation

from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import build_pptx
from strait_watch.core.filters import Filters

AT = dt.datetime(2026, 12, 7, 12, 0)
# tests/fixtures/mini/agreements.csv: the two agreements that are neither Table 1 cells nor Taiwan Strait statements.
OTHERS = ["Japan Coast Guard Law (as amended 2021)", "Japan-Taiwan ocean affairs mechanism"]
# tests/fixtures/mini/proposals.csv by measure: the hotline (Hoshino, Lin, Whitcombe), the coast guard drills
# (Hoshino, Lin), the trilateral dialogue (Whitcombe, US analysts), then one proposer each.
CONSENSUS = [["Tokyo-Taipei hotline (3)", "Dana Whitcombe, Hoshino Aki, Lin Wei-ting"],
             ["Joint coast guard drills (2)", "Hoshino Aki, Lin Wei-ting"],
             ["US-Japan-Taiwan trilateral dialogue (2)", "Dana Whitcombe, US analysts"],
             ["Japanese Taiwan relations law (1)", "Lantern Party"],
             ["Joint humanitarian exercises (1)", "Lin Wei-ting"],
             ["Maritime intelligence sharing (1)", "Dana Whitcombe"]]
# The network picture: the measures two or more proposers share, and those proposers.
NETWORK = sorted(["Tokyo-Taipei hotline (3)", "Joint coast guard drills (2)", "US-Japan-Taiwan trilateral dialogue (2)",
                  "Dana Whitcombe", "Hoshino Aki", "Lin Wei-ting", "US analysts"])
# data/proposals.csv: the six specific measures with the most distinct proposers (general calls apart).
SHIPPED_MEASURES = sorted(["Japan-U.S.-Taiwan trilateral security cooperation (5)",
                           "Humanitarian assistance and disaster relief (HA/DR) cooperation (5)",
                           "Government-to-government security dialogue (5)",
                           "Regular ruling-party security dialogue (LDP-DPP 2+2) (5)", "Coast guard cooperation (4)",
                           "Defence attachés and military liaison officers (3)"])


def deck_table(prs, name: str) -> list[list[str]]:
    shape = next(sh for s in prs.slides for sh in s.shapes if sh.name == name)
    return [[c.text for c in row.cells] for row in shape.table.rows]


def present_table(at) -> list[list[str]]:
    """The rows of Present's table (index first), as st.table received them (cells are escaped Markdown)."""
    frame = at.table[0].value
    return [[re.sub(r"\\(.)", r"\1", str(i)), *(re.sub(r"\\(.)", r"\1", str(c)) for c in row)]
            for i, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)]


def figure_labels(spec: dict) -> list[str]:
    """The picture's node labels, each on one line (a label wrapped after a hyphen joins without a space)."""
    return sorted(re.sub("<br>", " ", re.sub("-<br>", "-", html.unescape(a["text"])))
                  for a in spec["layout"].get("annotations", []))


def present_figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def test_other_agreements_the_same_on_page_deck_pack_and_present(mini):
    f, brief = Filters(), Brief(slides=("others",))
    page = open_page("app_pages/agreements.py")
    assert not page.exception, [e.value for e in page.exception]
    listed = next(t for t in table_payloads(page) if t["label"] == "Other agreements and mechanisms")
    assert listed["ids"] == ["ag-jp-coast-guard-law", "ag-jp-tw-ocean-mechanism"]
    prs = Presentation(io.BytesIO(build_pptx(mini, f, exported_at=AT, renderer=None, brief=brief)))
    assert [r[1] for r in deck_table(prs, "others-table")[1:]] == OTHERS
    pack = build_html_pack(mini, f, exported_at=AT, brief=brief)
    for name in OTHERS:
        assert json.dumps(name)[1:-1] in pack  # the pack's table figure holds every row
    at = open_page("app_pages/present.py", slides="Other agreements and mechanisms", slide="others")
    assert not at.exception, [e.value for e in at.exception]
    assert [r[1] for r in present_table(at)] == OTHERS


def test_the_matrix_headline_reads_the_same_on_the_page_and_in_the_deck(mini):
    # issue 28: the page said "5 of the 5 partners that have one", the deck "5 of 6 partners" (Taiwan's proposed
    # GSOMIA made it a partner there). The fixture: Australia and the UK, 6 concluded cells (tests/fixtures/mini).
    said = "As of 2021: 6 agreements of the four types with 2 of the 2 partners that have one"
    page = open_page("app_pages/agreements.py")
    assert not page.exception, [e.value for e in page.exception]
    assert any(m.value.startswith(f"**{said}**") for m in page.markdown)
    prs = Presentation(io.BytesIO(build_pptx(mini, Filters(), exported_at=AT, renderer=None,
                                             brief=Brief(slides=("matrix",)))))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(f"{said}." in t for t in texts)


def test_consensus_ranking_the_same_in_deck_and_present(mini):
    brief = Brief(slides=("consensus",))
    prs = Presentation(io.BytesIO(build_pptx(mini, Filters(), exported_at=AT, renderer=None, brief=brief)))
    assert deck_table(prs, "consensus-table")[1:] == CONSENSUS
    at = open_page("app_pages/present.py", slide="consensus")
    assert not at.exception, [e.value for e in at.exception]
    assert present_table(at) == CONSENSUS


def test_network_picture_the_same_in_deck_and_present_on_the_fixture(mini):
    pack = prepare_pack(mini, Filters(), Brief(slides=("network",)))
    assert figure_labels(pack.views[0].image_figure.to_plotly_json()) == NETWORK  # the deck's picture
    at = open_page("app_pages/present.py", slide="network")
    assert not at.exception, [e.value for e in at.exception]
    assert figure_labels(present_figure(at)) == NETWORK


def test_network_picture_the_same_in_deck_and_present_on_the_shipped_data(shipped):
    """The issue's case: Present showed 6 proposers × 4 measures, the deck 9 × 6, under one title."""
    pack = prepare_pack(shipped, Filters(), Brief(slides=("network",)))
    deck = figure_labels(pack.views[0].image_figure.to_plotly_json())
    at = open_page("app_pages/present.py", data=SHIPPED_DATA, corpus=REAL_CORPUS, slide="network")
    assert not at.exception, [e.value for e in at.exception]
    present = figure_labels(present_figure(at))
    assert present == deck
    measures = sorted(x for x in deck if re.search(r"\(\d\)$", x))
    assert measures == SHIPPED_MEASURES and len(deck) - len(measures) == 9  # 6 measures, 9 proposers
