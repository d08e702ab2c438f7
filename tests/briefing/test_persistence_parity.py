"""Page, deck, HTML pack and Present say the same about what came back (issue 27): the findings of the
"What came back" page (AppTest), its slide in the PowerPoint (python-pptx), its section of the HTML pack and its
Present screen, on the fixture, unfiltered and under an actor filter. The expected sentences are written by hand
from tests/fixtures/mini/proposals.csv and evidence.csv (sources [1] src-900, [2] src-901, [3] src-902)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from apps import open_page
from pptx import Presentation

from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import VIEW_LABELS, Brief
from strait_watch.briefing.pptx import build_pptx
from strait_watch.core.filters import Filters

EXPECTED = {
    # Five measures first raised in 2021; only the trilateral dialogue again in 2022 (us-analysts, src-902);
    # the coast guard drills, the hotline, the relations law and the humanitarian exercises not; maritime
    # intelligence sharing first raised in 2022.
    (): ["1 of the 5 measures first raised in 2021 was raised again in 2022, by 1 holder in 1 article; four were not. [1, 2, 3]",
         "1 of the 6 measures was first raised in 2022, too recent to tell whether they come back. [3]"],
    # Whitcombe: the trilateral dialogue (src-901) and the hotline (src-902) in November 2021, never again by her;
    # maritime intelligence sharing in January 2022 (src-902).
    ("dana-whitcombe",): ["None of the 2 measures first raised in 2021 was raised again by 2022. [2, 3]",
                          "1 of the 3 measures was first raised in 2022, too recent to tell whether they come back. [3]"],
}
AT = dt.datetime(2026, 12, 7, 12, 0)


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def bullets(markdown: str) -> list[str]:
    return [unescape(line[2:]) for line in markdown.splitlines() if line.startswith("- ")]


def params(actors: tuple) -> dict:
    return {"actor": list(actors)} if actors else {}


@pytest.mark.parametrize("actors", list(EXPECTED))
def test_page_says_it(actors):
    at = open_page("app_pages/persistence.py", **params(actors))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == VIEW_LABELS["persistence"]
    found = next(bullets(m.value) for m in at.markdown if m.value.startswith("- "))
    assert found == EXPECTED[actors]


@pytest.mark.parametrize("actors", list(EXPECTED))
def test_present_says_it(actors):
    at = open_page("app_pages/present.py", slide="persistence", **params(actors))
    assert not at.exception, [e.value for e in at.exception]
    values = [m.value for m in at.markdown]
    assert f"# {VIEW_LABELS['persistence']}: proposals over time" in values
    assert bullets(values[values.index("### Key findings") + 1]) == EXPECTED[actors]


@pytest.mark.parametrize("actors", list(EXPECTED))
def test_deck_and_html_pack_say_it(mini, actors):
    f, brief = Filters(actors=actors), Brief(slides=("persistence",))
    deck = Presentation(io.BytesIO(build_pptx(mini, f, exported_at=AT, renderer=None, brief=brief)))
    slide = deck.slides[2]  # after the cover and the summary
    assert next(s for s in slide.shapes if s.name == "kicker").text_frame.text == "What came back: proposals over time"
    assert slide.shapes.title.text == EXPECTED[actors][0].rsplit(" [", 1)[0]  # the first finding states it
    findings = next(s for s in slide.shapes if s.name == "findings")
    lines = [p.text for p in findings.text_frame.paragraphs]
    assert lines[0] == "Key findings" and [x.removeprefix("• ") for x in lines[1:]] == EXPECTED[actors]
    page = build_html_pack(mini, f, exported_at=AT, brief=brief)
    for text in EXPECTED[actors]:
        sentence, mark = text.rsplit(" [", 1)
        assert html.escape(sentence, quote=False) in page and f"[{mark}" in page
