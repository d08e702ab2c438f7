"""`prepare_pack`: every view of the briefing decided once (figures, tables, records, findings, quotes)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from strait_watch.briefing.charts import network_slide_figure, timeline_slide_figure
from strait_watch.briefing.events import event_views
from strait_watch.briefing.findings import (
    agreement_findings,
    others_findings,
    persistence_findings,
    proposal_findings,
    timeline_findings,
)
from strait_watch.briefing.media import build_consensus_figure
from strait_watch.briefing.model import Brief, Finding, Pack, View, quotes_of, source_list
from strait_watch.core.filters import (
    Filters,
    actor_names,
    describe_filters,
    evidence_for,
    filter_agreements,
    loosen_words,
)
from strait_watch.views.matrix import build_matrix_figure, matrix_base, matrix_table
from strait_watch.views.network.drawing import dataset_layout
from strait_watch.views.network.graph import graph_records, proposal_graph, proposal_metrics
from strait_watch.views.others import SLIDE_ROWS, other_agreements, others_figure
from strait_watch.views.persistence import (
    NEW,
    PRESENT_KEY,
    persistence_figure,
    persistence_proposals,
    persistence_table,
    slide_rows,
)
from strait_watch.views.statements import build_statements_figure, statements_table
from strait_watch.views.timeline import FOCUS_YEAR, build_timeline_figure, timeline_events


def _timeline_caption(events) -> str:
    """What the marks mean, and how many events the chart cannot place (their quotes are in the notes)."""
    year_only = int((events["date_precision"] == "year").sum()) if len(events) else 0
    return ("Dots are dated to the day, ◆ marks key events (labelled), a bracket ├─┤ an event dated only to its month"
            + (f"; {year_only} event(s) known only to the year are not drawn (their quotes are in the notes)."
               if year_only else "."))


def _timeline_view(ds, f: Filters, evidence) -> View:
    events = timeline_events(ds, f)
    scope = "in the chosen dates" if (f.start or f.end) else f"in {FOCUS_YEAR}"
    names, dates = actor_names(ds), ((f.start, f.end) if (f.start or f.end) else None)  # as the page draws it
    return View(
        "timeline", f"Timeline of events {scope}", _timeline_caption(events),
        build_timeline_figure(events, actor_names=names, date_range=dates) if len(events) else None,
        list(events["id"]), timeline_findings(ds, f, events, evidence),
        empty=f"No events match these filters: loosen the {loosen_words(f)}." if not f.is_empty else
              f"The data has no events {scope}.",
        image_figure=timeline_slide_figure(events, names, dates) if len(events) else None,
        present_figure=timeline_slide_figure(events, names, dates, "present", plot_px=520) if len(events) else None)


def _matrix_empty(f: Filters) -> str:
    """What the matrix slide says when nothing is left: under a topic, that Table 1 is the article's table, which
    the topic's words do not reach (its cells are years and ✕, not prose)."""
    if f.topics:
        return ("Table 1 is the article's table of Japan's defence agreements: none of its GSOMIA, ACSA, equipment "
                f"or RAA cells mentions the topic ({', '.join(f.topics)}). Clear the topic to show it.")
    return "No GSOMIA, ACSA, equipment or RAA agreements match these filters."


def _agreement_views(ds, f: Filters, evidence) -> list[View]:
    codebook = ds.schema.get("codebook", {})
    base = matrix_base(ds, f)
    table, year = matrix_table(ds, f, base=base)
    statements = statements_table(ds, f)
    found = agreement_findings(table, base, year, statements, evidence)
    matrix = View(
        "matrix", f"Japan's defence agreements with democracies, as of {year}",
        "Partners × agreement types: the year concluded, ✕ none in the article's Table 1, “proposed” named, not concluded.",
        build_matrix_figure(table, codebook=codebook, title=f"As of {year}") if len(table) else None,
        list(dict.fromkeys(i for i in table["id"] if i)), [x for x in found if x.kind != "statements"],
        empty=_matrix_empty(f), table=table)
    said = View(
        "statements", "2021 statements naming the Taiwan Strait", "Which partners and forums joined which statement.",
        build_statements_figure(statements, title="") if len(statements) else None,
        list(dict.fromkeys(statements["id"])) if len(statements) else [],
        [x for x in found if x.kind == "statements"] or [Finding("No such statements match these filters.")],
        empty="No 2021 statements naming the Taiwan Strait match these filters.", table=statements)
    return [matrix, said]


def _others_view(ds, f: Filters, evidence) -> View:
    """The other agreements, laws and mechanisms (views.others): a native table on the slide and in Present (the
    first SLIDE_ROWS), every row in the HTML pack and the notes."""
    table = other_agreements(ds, f)
    n = len(table)
    more = f"The first {SLIDE_ROWS} of {n}, by year (undated last); the HTML pack lists all. " if n > SLIDE_ROWS else ""
    return View(
        "others", "Other agreements, laws and mechanisms",
        more + "Agreements, laws, channels and proposed mechanisms the articles name outside Table 1 and the 2021 "
        "statements.", others_figure(table) if n else None, list(table["id"]),
        others_findings(table, filter_agreements(ds, f), evidence),
        empty="No other agreements, laws or mechanisms match these filters.", table=table)


def _proposal_views(ds, f: Filters, evidence):
    G = proposal_graph(ds, f)
    positions = dataset_layout(ds)  # the page's layout: nodes sit where the Proposals page draws them
    metrics, ranked, general = proposal_metrics(ds, f)
    metrics = replace(metrics, consensus=ranked)
    found = proposal_findings(G, metrics, evidence, general=general)
    proposals = graph_records(G)
    has = G.number_of_edges() > 0
    network = View(
        "network", "Who proposes which cooperation measures",
        "● proposers coloured by country, ◆ measures by category and sized by their distinct proposers.",
        None, proposals, [x for x in found if x.kind != "consensus"], empty="No proposals match these filters.",
        image_figure=network_slide_figure(G, metrics.consensus) if has else None,
        present_figure=network_slide_figure(G, metrics.consensus, width=850, height=560) if has else None,  # the deck's 6 × 9
        slide_caption="The specific measures most proposers share (◆, with their count) and who proposes them (●); "
                      "the HTML pack has the whole network.")
    consensus = View(
        "consensus", "Consensus measures: most distinct proposers",
        "The specific measures that the most different proposers put forward (general calls said apart).",
        build_consensus_figure(metrics.consensus) if has else None, proposals,
        [x for x in found if x.kind == "consensus"] or found, empty="No proposals match these filters.",
        table=metrics.consensus)
    return [network, consensus], G, positions


def _persistence_view(ds, f: Filters, evidence) -> View:
    """What came back: the page's figure (HTML pack), the measures with a history on the slide and in Present."""
    table = persistence_table(ds, f)
    p = persistence_proposals(ds, f)
    shown = slide_rows(table)
    later = int((table["status"] == NEW).sum()) if len(shown) < len(table) else 0
    rest = (f" {later} measures first raised in {int(table['first_year'].max())} are on the page and in the HTML pack."
            if later else "")
    has = len(table) > 0
    return View(
        "persistence", "What came back: proposals over time",
        "Measures as rows by category, the years across; one mark per proposal, coloured by its holder's country, "
        "shaped by its stance; a line from first to latest proposal.",
        persistence_figure(ds, f, "screen") if has else None, list(p["id"]), persistence_findings(ds, f, evidence),
        empty="No proposals match these filters.",
        image_figure=persistence_figure(ds, f, "slide") if has else None,
        present_figure=persistence_figure(ds, f, "present") if has else None,
        slide_caption=(f"The {len(shown)} measures with a history." if later else "Every measure.") + rest + " "
                      + PRESENT_KEY)


def prepare_pack(ds, f: Filters, brief: Brief | None = None) -> Pack:
    """Decide the chosen views of the pack once (figures, tables, records, findings, appendix)."""
    brief = brief or Brief()
    evidence = evidence_for(ds, f)
    views = [_timeline_view(ds, f, evidence), *_agreement_views(ds, f, evidence), _others_view(ds, f, evidence)]
    more, G, positions = _proposal_views(ds, f, evidence)
    more.append(_persistence_view(ds, f, evidence))
    by_key = {v.key: v for v in views + more + event_views(ds, f, brief.events)}
    chosen = [by_key[k] for k in brief.order if k in by_key]  # an event the data lacks is left out
    notes = {v.key: quotes_of(ds, f, v.records) for v in chosen}
    return Pack(f, describe_filters(f, ds, footer=True), ds.version, source_list(ds), chosen, appendix_rows(ds, f, chosen),
                G, positions, brief, notes)


def appendix_rows(ds, f: Filters, views: list[View]) -> pd.DataFrame:
    """Every quote (from the selected sources) of every record the views draw, in view order, once each."""
    seen, frames = set(), []
    for view in views:
        records = [r for r in dict.fromkeys(view.records) if r not in seen]
        seen.update(records)
        frames.append(quotes_of(ds, f, records).assign(view=view.key))
    columns = ["view", "record_id", "record_type", "record", "source_id", "quote", "sentence"]
    return pd.concat(frames)[columns].reset_index(drop=True) if frames else pd.DataFrame(columns=columns)
