"""Issue 28, "done when": the coast guard briefing takes at most 6 steps from the Briefing page (topic, slides, a
record's own slide, build), and the deck it builds holds only the topic's records: the Timeline, the Agreements
(Table 1 says it cannot narrow; the other agreements, laws and mechanisms) and the Proposals slides, and the 2016
Taiwan-Japan Maritime Affairs Cooperation Dialogue on a slide of its own. Expected records written by hand from
data/events.csv, agreements.csv and proposals.csv (the words "coast guard" or "maritime" in the record, its quotes
or its measure)."""

from __future__ import annotations

import io

from apps import new_app
from paths import REAL_CORPUS, SHIPPED_DATA
from pptx import Presentation

from strait_watch.core.memo import cached_values

# The 2021 events the topic keeps: the Coast Guard Act, the U.S.-Taiwan working group, the Senkaku intrusions and
# the Blue Ridge/Kongo exercise (its summary: "maritime").
TIMELINE = ["China enacts its Coast Guard Act", "U.S.-Taiwan Coast Guard Working Group established",
            "Record Chinese coast guard intrusions around the Senkakus",
            "USS Blue Ridge and JS Kongo exercise in the East China Sea"]
OTHERS = ["Taiwan-Japan Maritime Affairs Cooperation Dialogue", "Coast Guard Act (China)",
          "U.S.-Taiwan Coast Guard Working Group",
          "Code of Conduct in the South China Sea",
          "Japan-Taiwan Maritime and Air Communication Mechanism (Hot Line)"]
CONSENSUS = ["Japan-U.S.-Taiwan trilateral security cooperation (5)", "Coast guard cooperation (4)",
             "Maritime security cooperation and shared maritime domain awareness (3)",
             "Military hotline (maritime and air communication mechanism) (2)",
             "Humanitarian assistance and disaster relief (HA/DR) cooperation (2)",
             "Real-time information sharing and early warning (2)"]
DIALOGUE = "ag-maritime-affairs-dialogue"


def built_deck():
    """The PowerPoint the Briefing page built, from the one shared per-dataset cache the page filled (its bytes
    are what the download button serves)."""
    found = [v[0].pptx for _, _, v in cached_values() if isinstance(v, tuple) and hasattr(v[0], "pptx")]
    assert found, "the page built no pack"
    return Presentation(io.BytesIO(found[-1]))


def by_kicker(prs) -> dict[str, object]:
    return {next(sh for sh in s.shapes if sh.name == "kicker").text_frame.text: s for s in list(prs.slides)[1:]}


def test_the_coast_guard_briefing_in_six_steps():
    at = new_app(SHIPPED_DATA, REAL_CORPUS)
    at.run()
    at.switch_page("app_pages/briefing.py").run()
    steps = [
        lambda: at.text_input(key="topic").input("coast guard, maritime"),           # 1 the topic
        lambda: at.multiselect(key="slides").select("others"),                        # 2 add the others' slide
        lambda: at.text_input(key="record_search").input("maritime affairs"),         # 3 find the dialogue
        lambda: at.multiselect(key="key_events").select(DIALOGUE),                     # 4 its own slide
        lambda: at.button(key="build_pack").click(),                                  # 5 build
    ]
    assert len(steps) <= 6
    for step in steps:
        step()
        at.run(timeout=180)
        assert not at.exception, [e.value for e in at.exception]
    # the word-prefix search left the dialogue as the only (and first) match of "maritime affairs"
    assert at.multiselect(key="key_events").options[0].endswith("— Taiwan-Japan Maritime Affairs Cooperation Dialogue")
    assert [d.label for d in at.get("download_button")][:1] == ["Download PowerPoint (.pptx)"]

    prs = built_deck()
    slides = by_kicker(prs)
    texts = {k: "\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for k, s in slides.items()}
    notes = {k: s.notes_slide.notes_text_frame.text for k, s in slides.items()}
    timeline = next(k for k in slides if k.startswith("Timeline"))
    assert slides[timeline].shapes.title.text.startswith("4 events from 1 Jan 2021 to 31 Dec 2021")
    for title in TIMELINE:
        assert title in notes[timeline]
    # Table 1 cannot narrow to a topic: its slide says so instead of drawing the whole table
    matrix = next(k for k in slides if k.startswith("Japan's defence agreements"))
    assert "none of its GSOMIA, ACSA, equipment or RAA cells mentions the topic" in texts[matrix]
    others = slides["Other agreements, laws and mechanisms"]
    table = next(sh for sh in others.shapes if sh.name == "others-table").table
    assert sorted(table.cell(i, 1).text for i in range(1, len(table.rows))) == sorted(OTHERS)
    consensus = slides["Consensus measures: most distinct proposers"]
    table = next(sh for sh in consensus.shapes if sh.name == "consensus-table").table
    assert [table.cell(i, 0).text for i in range(1, len(table.rows))] == CONSENSUS
    dialogue = slides["Agreement or mechanism"]
    assert dialogue.shapes.title.text == "Taiwan-Japan Maritime Affairs Cooperation Dialogue"
    assert "2016 (inferred)" in texts["Agreement or mechanism"] and "Parties: Taiwan, Japan" in \
        texts["Agreement or mechanism"]
    # footers in words, no jargon; a summary after the title; whole sentences in the notes
    for s in list(prs.slides):
        footer = next(sh for sh in s.shapes if sh.name == "footer").text_frame.text
        assert footer.startswith("Coast guard and maritime · ") and "Scope" not in footer and "Topic" not in footer
    assert list(prs.slides)[1].shapes.title.text == "Key findings"
    assert ("“Since 2016 and before the pandemic, the two governments had also held four rounds of the annual "
            "Taiwan-Japan Maritime Affairs Cooperation Dialogue.”") in notes["Agreement or mechanism"]
