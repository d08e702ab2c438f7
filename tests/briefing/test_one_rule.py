"""Rules that were written twice and drifted, now one function each: the Overview and the deck agree on the busiest
month, and the agreement matrix reads the same on the page, in the deck and in Present mode."""

import datetime as dt
import io
import re

import pytest
from pptx import Presentation

from strait_watch.briefing.findings import timeline_findings
from strait_watch.briefing.model import Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.briefing.pptx import build_pptx, table_frame
from strait_watch.core.filters import Filters, evidence_for
from strait_watch.render import NoRenderer
from strait_watch.views.matrix import build_matrix_figure, matrix_table
from strait_watch.views.overview import density_note
from strait_watch.views.timeline import timeline_events

NOW = dt.datetime(2026, 12, 7, 9, 0)


def deck_busiest(ds, f) -> str:
    """The deck's busiest-month finding (the Timeline slide's findings, without its examples), or ''."""
    texts = [x.text for x in timeline_findings(ds, f, timeline_events(ds, f), evidence_for(ds, f))
             if x.text.startswith("Busiest month")]
    return texts[0].split(", including")[0] + "." if texts else ""


def test_overview_and_deck_agree_on_the_busiest_month_for_every_actor(shipped):
    named = 0
    for actor in shipped.actors["id"]:
        f = Filters(actors=(actor,))
        overview = density_note(timeline_events(shipped, f))
        assert overview == deck_busiest(shipped, f), actor
        named += bool(overview)
    assert named >= 3  # the rule names a month for several actors, not never


def test_the_busiest_month_of_2021_by_hand(shipped):
    # Counted by hand from data/events.csv: 2021's day- and month-dated events per month are August 4, March 3,
    # May 2, July 2, the rest fewer.
    note = density_note(timeline_events(shipped, Filters()))
    assert note == "Busiest month: August 2021 with 4 events (next busiest: 3)."
    assert deck_busiest(shipped, Filters()) == note
    # and the deck's Timeline slide carries that very finding
    (view,) = [v for v in prepare_pack(shipped, Filters(), Brief(slides=("timeline",))).views if v.key == "timeline"]
    assert any(x.text.startswith(note[:-1] + ", including") for x in view.findings)


def page_cells(table) -> dict[tuple[str, str], str]:
    """(partner, type) -> the text the page's matrix figure draws in that cell."""
    fig = build_matrix_figure(table, title="")
    partners = list(dict.fromkeys(table["partner_name"]))
    types = list(dict.fromkeys(table["type_short"]))
    out = {}
    for trace in fig.data:
        if trace.type == "scatter" and (trace.name or "").startswith("text-"):
            for x, y, text in zip(trace.x, trace.y, trace.text, strict=True):
                out[(partners[int(x)], types[int(y)])] = re.sub(r"</?b>", "", text)
    return out


@pytest.mark.parametrize("f", [Filters(), Filters(actors=("india",)), Filters(start=dt.date(2015, 1, 1),
                                                                               end=dt.date(2016, 12, 31))],
                         ids=["all", "india", "2015-2016"])
def test_the_matrix_reads_the_same_on_page_deck_and_present(shipped, f):
    table, _ = matrix_table(shipped, f)
    page = page_cells(table)
    prs = Presentation(io.BytesIO(build_pptx(shipped, f, exported_at=NOW, renderer=NoRenderer())))
    (shape,) = [sh for s in prs.slides for sh in s.shapes if sh.has_table and sh.name == "matrix-table"]
    t = shape.table
    rows = [[t.cell(i, j).text for j in range(len(t.columns))] for i in range(len(t.rows))]
    deck = {(r[0], rows[0][j]): r[j] for r in rows[1:] for j in range(1, len(r))}
    (view,) = [v for v in prepare_pack(shipped, f).views if v.key == "matrix"]
    frame, _ = table_frame(view)
    present = {(p, c): frame.at[p, c] for p in frame.index for c in frame.columns}
    assert page == deck == present
    if not f.actors and not f.start:  # the article's Table 1, by hand: India has no RAA ("✕ none")
        assert page[("India", "RAA")] == "✕ none" and page[("Australia", "GSOMIA")] == "2012"


def test_every_medium_marks_a_single_source_event_and_cell(mini):
    """The single-source note the pages show is in the pack's and Present's figures too (one `support` column,
    added by the views). By hand from the fixture's evidence.csv: the Hoshino hotline event is quoted in one
    article, the party talks in two; the Japan–UK ACSA cell in two."""
    views = {v.key: v for v in prepare_pack(mini, Filters()).views}
    dates = {row[0]: row[2] for trace in views["timeline"].figure.data if trace.customdata is not None
             for row in trace.customdata if row is not None and row[0]}
    assert dates["ev-2021-04-20-hoshino-hotline"].endswith(" · single source")
    assert "single source" not in dates["ev-2021-08-27-party-talks"]
    hovers = {row[0]: row[1] for trace in views["matrix"].figure.data if trace.customdata is not None
              for row in trace.customdata if row is not None and row[0]}
    assert any("Single source: quoted in one article only" in h for h in hovers.values())
    assert "Single source" not in hovers["ag-acsa-jp-uk"]
