"""The briefing pack: key findings drawn from the data, a PowerPoint file and a self-contained HTML page.

Pure: no streamlit. Everything starts from `prepare_pack(ds, filters)`, which decides what each view
shows under the filters (the same rules as the pages), so the slides, the HTML, the presentation
mode and the evidence appendix all agree:

* Timeline: the events the Timeline page shows by default (the 2021 events, or every filtered event
  overlapping the chosen dates).
* Agreement matrix: as the Agreements page draws it, as of the last year the date filter allows
  (the matrix is cumulative, so the date filter bounds the as-of year instead of hiding older rows).
* 2021 Taiwan Strait statements, the proposal network and its consensus measures: the filtered rows.

The evidence appendix lists every quote (from the selected sources) of the records on those slides.
Findings cite sources as [n], numbered in the order of the title slide's source list.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from dataclasses import dataclass, field, replace

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from components import agreements as ag
from components import network as nw
from components.exports import chart_config, export_filename
from components.filters import (
    Filters, actor_names, describe_filters, filter_agreements, filter_events, filter_evidence, filter_proposals,
)
from components.images import RenderError, build_network_figure, render_png
from components.overview import FOCUS_YEAR, focus_events
from components.style import category_color, humanize
from components.timeline import build_timeline_figure, monthly_density

TITLE = "Strait Watch briefing"
SUBTITLE = "Japan–Taiwan security cooperation"
IMAGE_SIZE = (1500, 1000)  # layout px of a slide chart; rendered at IMAGE_SCALE for a sharp projection
IMAGE_SCALE = 2
# Short names of the views, in pack order (presentation mode puts them in its URL: ?slide=Timeline).
VIEW_LABELS = {"timeline": "Timeline", "matrix": "Agreement matrix", "statements": "Taiwan Strait statements",
               "network": "Proposal network", "consensus": "Consensus measures"}
APPENDIX_CHARS = 1500      # characters of quotes per appendix slide
APPENDIX_ROWS = 8


# ---------------------------------------------------------------- what each view shows

@dataclass(frozen=True)
class Finding:
    text: str
    sources: tuple[str, ...] = ()   # source ids, cited as [n]
    records: tuple[str, ...] = ()   # the records the finding is about
    kind: str = ""                  # which view it belongs to when a section has several


@dataclass
class View:
    key: str                        # timeline, matrix, statements, network, consensus
    title: str
    caption: str
    figure: go.Figure | None        # interactive figure (HTML, presentation mode); None when empty
    records: list[str]              # record ids drawn in this view
    findings: list[Finding]
    empty: str = ""                 # what to say instead of a chart when nothing matches
    image_figure: go.Figure | None = None  # a static stand-in for a non-plotly view (the network)


@dataclass
class Pack:
    filters: Filters
    filters_text: str
    version: str
    sources: pd.DataFrame           # id, number, label
    views: list[View]
    appendix: pd.DataFrame          # view, record_id, record_type, record, source_id, quote
    graph: nx.MultiGraph = field(repr=False, default=None)
    positions: dict = field(repr=False, default_factory=dict)


def timeline_events(ds, f: Filters) -> pd.DataFrame:
    """The events the Timeline page draws by default for these filters."""
    events = focus_events(filter_events(ds, f), f)
    if not (f.start or f.end):
        events = events[events["date_start"].dt.year >= FOCUS_YEAR]
    return events


def _evidence(ds, f: Filters) -> pd.DataFrame:
    return ds.evidence[ds.evidence["source_id"].isin(f.sources)] if f.sources else ds.evidence


def matrix_table(ds, f: Filters) -> tuple[pd.DataFrame, int]:
    """(the matrix as the Agreements page draws it for these filters, its as-of year)."""
    table = ag.build_matrix_table(filter_agreements(ds, replace(f, start=None, end=None)),
                                  evidence=_evidence(ds, f), actors=ds.actors, codebook=ds.schema.get("codebook", {}))
    year = ag.as_of_bounds(f.start, f.end)[1]
    return (ag.matrix_as_of(table, year) if not table.empty else table), year


def statements_table(ds, f: Filters) -> pd.DataFrame:
    return ag.build_statements_matrix(filter_agreements(ds, f), evidence=_evidence(ds, f), actors=ds.actors,
                                      codebook=ds.schema.get("codebook", {}))


def proposal_graph(ds, f: Filters) -> nx.MultiGraph:
    return nw.build_proposal_graph(filter_proposals(ds, f), ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)


# ---------------------------------------------------------------- citations

def source_list(ds) -> pd.DataFrame:
    """Every source with its citation number and a one-line reference."""
    rows = []
    for i, s in enumerate(ds.sources.itertuples(), start=1):
        who = " · ".join(x for x in (s.author, s.publisher, s.published or f"{s.published_estimate} (estimated)") if x)
        rows.append({"id": s.id, "number": i, "label": f"[{i}] {s.title} — {who}"})
    return pd.DataFrame(rows, columns=["id", "number", "label"])


def cite(sources: pd.DataFrame, ids) -> str:
    """'[1, 3]' for the given source ids ('' when none)."""
    numbers = dict(zip(sources["id"], sources["number"]))
    found = sorted({numbers[i] for i in ids if i in numbers})
    return f"[{', '.join(map(str, found))}]" if found else ""


def _sources_of(evidence: pd.DataFrame, records) -> tuple[str, ...]:
    records = set(records)
    return tuple(dict.fromkeys(evidence.loc[evidence["record_id"].isin(records), "source_id"]))


# ---------------------------------------------------------------- key findings

def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _date(ts) -> str:
    return f"{ts.day} {ts:%b %Y}"


def timeline_findings(ds, f: Filters, events: pd.DataFrame, evidence: pd.DataFrame) -> list[Finding]:
    if events.empty:
        return [Finding("No events match these filters.")]
    ids = tuple(events["id"])
    keys = int(events["key"].sum())
    out = [Finding(f"{_plural(len(events), 'event')} from {_date(events['date_start'].min())} to "
                   f"{_date(events['date_end'].max())}, {keys} of them key events.", _sources_of(evidence, ids), ids)]
    density = monthly_density(events)
    if not density.empty:
        top = density.sort_values(["events", "month"], ascending=[False, True]).iloc[0]
        month = events[(events["date_precision"] != "year")
                       & (events["date_start"].dt.to_period("M").dt.to_timestamp() == top["month"])]
        titles = month.sort_values("date_start")["title"].head(3).tolist()
        out.append(Finding(f"Busiest month: {top['month']:%B %Y} ({_plural(int(top['events']), 'event')}), "
                           f"including {_list(titles)}.", _sources_of(evidence, month["id"]), tuple(month["id"])))
    cats = events["category"].value_counts()
    if len(cats):
        cat = cats.index[0]
        rows = events[events["category"] == cat]
        out.append(Finding(f"Most frequent category: {humanize(cat).lower()} ({_plural(int(cats.iloc[0]), 'event')}).",
                           _sources_of(evidence, rows["id"]), tuple(rows["id"])))
    counts = events["actors"].explode().dropna().value_counts().head(3)
    if len(counts):
        names = actor_names(ds)
        rows = events[events["actors"].map(lambda a: bool(set(a) & set(counts.index)))]
        out.append(Finding("Most active actors: " + _list([f"{names.get(a, a)} ({n})" for a, n in counts.items()]) + ".",
                           _sources_of(evidence, rows["id"]), tuple(rows["id"])))
    return out


def agreement_findings(table: pd.DataFrame, year: int, statements: pd.DataFrame, evidence: pd.DataFrame) -> list[Finding]:
    out = []
    if table.empty:
        out.append(Finding("No GSOMIA, ACSA, equipment or RAA agreements match these filters."))
    else:
        counts = ag.count_by_partner(table)
        names = dict(zip(table["partner"], table["partner_name"]))
        done = table[table["state"] == ag.CONCLUDED]
        out.append(Finding(f"As of {year}: {_plural(int(counts.sum()), 'agreement')} of the four types with "
                           f"{int((counts > 0).sum())} of {len(counts)} partners.",
                           _sources_of(evidence, done["id"]), tuple(done["id"])))
        if counts.max() > 0:
            best = counts[counts == counts.max()]
            per = table.groupby("partner").size()
            rows = done[done["partner"].isin(best.index)]
            out.append(Finding("Most agreements: " + _list([f"{names[p]} ({n} of {per[p]})" for p, n in best.items()]) + ".",
                               _sources_of(evidence, rows["id"]), tuple(rows["id"])))
        none = table[table["state"] == ag.NONE]
        if len(none):
            cells = [f"{r.partner_name} {r.type_short}" for r in none.itertuples()]
            out.append(Finding("No agreement as of the source: " + _list(cells[:6]) + (" …" if len(cells) > 6 else "") + ".",
                               _sources_of(evidence, none["id"]), tuple(none["id"])))
        if len(done):
            last = done.sort_values("year", kind="stable").iloc[-1]
            out.append(Finding(f"Most recent: {last['name']} ({int(last['year'])}).",
                               _sources_of(evidence, [last["id"]]), (last["id"],)))
    if not statements.empty:
        n = statements["id"].nunique()
        per_party = statements.groupby("party_name")["id"].nunique().sort_values(ascending=False)
        top = per_party[per_party == per_party.iloc[0]]
        out.append(Finding(f"{_plural(n, 'statement')} of 2021 named peace and stability in the Taiwan Strait; "
                           f"{_list(list(top.index))} joined the most ({int(top.iloc[0])}).",
                           _sources_of(evidence, statements["id"]), tuple(dict.fromkeys(statements["id"])), "statements"))
    return out


def proposal_findings(G: nx.MultiGraph, metrics: nw.NetworkMetrics, evidence: pd.DataFrame) -> list[Finding]:
    if G.number_of_edges() == 0:
        return [Finding("No proposals match these filters.")]
    edges = [d for _, _, d in G.edges(data=True)]
    ids = tuple(d["proposal_id"] for d in edges)

    def proposals_of(node_ids):
        return tuple(d["proposal_id"] for u, v, d in G.edges(data=True) if u in node_ids or v in node_ids)

    out = [Finding(f"{_plural(len(edges), 'proposal')} by {_plural(len(nw.nodes_of_kind(G, nw.PROPOSER)), 'proposer')} on "
                   f"{_plural(len(nw.nodes_of_kind(G, nw.MEASURE)), 'measure')}, from "
                   f"{_plural(len({d['source_id'] for d in edges}), 'article')}.", _sources_of(evidence, ids), ids)]
    consensus = metrics.consensus[metrics.consensus["Proposers"] >= 2].head(3)
    if len(consensus):
        recs = proposals_of({nw.node_id(nw.MEASURE, m) for m in consensus["measure_id"]})
        out.append(Finding("Consensus measures: " + _list([f"{r.Measure} ({r.Proposers} proposers)"
                                                            for r in consensus.itertuples()]) + ".",
                           _sources_of(evidence, recs), recs, "consensus"))
    else:
        out.append(Finding("No measure has more than one proposer under these filters.", kind="consensus"))
    if len(metrics.pairs):
        p = metrics.pairs.iloc[0]
        recs = proposals_of({nw.node_id(nw.PROPOSER, p["proposer_id"]), nw.node_id(nw.PROPOSER, p["with_id"])})
        out.append(Finding(f"Closest agendas: {p['Proposer']} and {p['With']} share "
                           f"{_plural(int(p['Shared measures']), 'measure')} ({p['Measures']}).", _sources_of(evidence, recs), recs))
    alone = metrics.consensus[metrics.consensus["Proposers"] == 1]
    if len(alone):
        out.append(Finding(f"{_plural(len(alone), 'measure')} of {len(metrics.consensus)} "
                           f"{'has' if len(alone) == 1 else 'have'} a single proposer.",
                           _sources_of(evidence, proposals_of({nw.node_id(nw.MEASURE, m) for m in alone["measure_id"]})),
                           kind="consensus"))
    return out


def key_findings(ds, f: Filters) -> dict[str, list[Finding]]:
    """Short findings per section ('timeline', 'agreements', 'proposals'), each citing its sources."""
    evidence = _evidence(ds, f)
    table, year = matrix_table(ds, f)
    G = proposal_graph(ds, f)
    return {
        "timeline": timeline_findings(ds, f, timeline_events(ds, f), evidence),
        "agreements": agreement_findings(table, year, statements_table(ds, f), evidence),
        "proposals": proposal_findings(G, nw.network_metrics(G), evidence),
    }


def finding_text(finding: Finding, sources: pd.DataFrame) -> str:
    """The finding with its citation, e.g. 'Busiest month: April 2021 (5 events) … [1, 3]'."""
    mark = cite(sources, finding.sources)
    return f"{finding.text} {mark}" if mark else finding.text


# ---------------------------------------------------------------- figures of the pack

def build_consensus_figure(consensus: pd.DataFrame, top: int = 15) -> go.Figure:
    """Horizontal bars: the measures with the most distinct proposers, coloured by category."""
    rows = consensus.head(top).iloc[::-1]
    fig = go.Figure(go.Bar(
        x=rows["Proposers"], y=[html.escape(m, quote=False) for m in rows["Measure"]], orientation="h",
        marker_color=[_category_colour(c) for c in rows["Category"]], text=rows["Proposers"], textposition="outside",
        customdata=[html.escape(p, quote=False) for p in rows["Proposed by"]],
        hovertemplate="<b>%{y}</b><br>%{x} proposers: %{customdata}<extra></extra>",
    ))
    fig.update_layout(height=140 + 30 * len(rows), margin=dict(l=10, r=30, t=30, b=40), plot_bgcolor="white",
                      xaxis=dict(title="distinct proposers", dtick=1, gridcolor="#eee"),
                      # a few bars keep a bar's thickness instead of filling the chart
                      yaxis=dict(automargin=True, range=[len(rows) - max(len(rows), 8) - 0.5, len(rows) - 0.5]))
    return fig


def _category_colour(label: str) -> str:
    from components.style import MEASURE_CATEGORY_COLORS

    by_label = {humanize(k): k for k in MEASURE_CATEGORY_COLORS}
    return category_color(by_label.get(label, label))


def prepare_pack(ds, f: Filters) -> Pack:
    """Decide every view of the pack once (figures, records, findings, appendix) for these filters."""
    evidence = _evidence(ds, f)
    sources = source_list(ds)
    names = actor_names(ds)
    codebook = ds.schema.get("codebook", {})
    views = []

    events = timeline_events(ds, f)
    scope = "in the chosen dates" if (f.start or f.end) else f"in {FOCUS_YEAR}"
    views.append(View(
        "timeline", f"Timeline of events {scope}", "Dots are dated to the day, ◆ marks key events, bars span the month "
        "or year when that is all the text gives.", build_timeline_figure(events, actor_names=names) if len(events) else None,
        list(events["id"]), timeline_findings(ds, f, events, evidence),
        empty="No events match these filters: loosen the actors, dates, categories or sources."))

    table, year = matrix_table(ds, f)
    statements = statements_table(ds, f)
    a_findings = agreement_findings(table, year, statements, evidence)
    views.append(View(
        "matrix", f"Japan's defence agreements with democracies, as of {year}",
        "Partners × agreement types; a year where an agreement was concluded, ✕ where the article's Table 1 has none.",
        ag.build_matrix_figure(table, codebook=codebook, title=f"As of {year}") if len(table) else None,
        list(dict.fromkeys(i for i in table["id"] if i)), [x for x in a_findings if x.kind != "statements"],
        empty="No GSOMIA, ACSA, equipment or RAA agreements match these filters."))
    views.append(View(
        "statements", "2021 statements naming the Taiwan Strait",
        "Which partners and forums joined which statement.",
        ag.build_statements_figure(statements, title="") if len(statements) else None,
        list(dict.fromkeys(statements["id"])) if len(statements) else [],
        [x for x in a_findings if x.kind == "statements"] or [Finding("No such statements match these filters.")],
        empty="No 2021 statements naming the Taiwan Strait match these filters."))

    G = proposal_graph(ds, f)
    full = nw.build_proposal_graph(ds.proposals, ds.actors, ds.measures, ds.evidence, ds.sources)
    positions = nw.compute_layout(full) if full.number_of_nodes() else {}
    metrics = nw.network_metrics(G)
    p_findings = proposal_findings(G, metrics, evidence)
    proposals = [d["proposal_id"] for _, _, d in G.edges(data=True)]
    has = G.number_of_edges() > 0
    views.append(View(
        "network", "Who proposes which cooperation measures",
        "● proposers coloured by country, ◆ measures by category and sized by their distinct proposers.",
        None, proposals, [x for x in p_findings if x.kind != "consensus"],
        empty="No proposals match these filters.",
        image_figure=build_network_figure(G, positions) if has else None))
    views.append(View(
        "consensus", "Consensus measures: most distinct proposers",
        "The measures that the most different proposers put forward.",
        build_consensus_figure(metrics.consensus) if has else None, proposals,
        [x for x in p_findings if x.kind == "consensus"] or p_findings,
        empty="No proposals match these filters."))

    return Pack(f, describe_filters(f, ds), ds.version, sources, views, appendix_rows(ds, f, views), G, positions)


def appendix_rows(ds, f: Filters, views: list[View]) -> pd.DataFrame:
    """Every quote (from the selected sources) of every record the views draw, in view order, once each."""
    quotes = _evidence(ds, f).groupby("record_id", sort=False)
    titles = _record_titles(ds)
    seen, rows = set(), []
    for view in views:
        for rid in view.records:
            if rid in seen or rid not in quotes.groups:
                continue
            seen.add(rid)
            for kind, source, quote in quotes.get_group(rid)[["record_type", "source_id", "quote"]].itertuples(index=False):
                rows.append({"view": view.key, "record_id": rid, "record_type": kind,
                             "record": titles.get(rid, rid), "source_id": source, "quote": quote})
    return pd.DataFrame(rows, columns=["view", "record_id", "record_type", "record", "source_id", "quote"])


def _record_titles(ds) -> dict[str, str]:
    names = actor_names(ds)
    measures = dict(zip(ds.measures["id"], ds.measures["name"]))
    out = dict(zip(ds.events["id"], ds.events["title"]))
    out.update(zip(ds.agreements["id"], ds.agreements["name"]))
    out.update({p.id: f"{names.get(p.proposer, p.proposer)}: {measures.get(p.measure, p.measure)}"
                for p in ds.proposals.itertuples()})
    return out


def appendix_pages(appendix: pd.DataFrame, chars: int = APPENDIX_CHARS, rows: int = APPENDIX_ROWS) -> list[pd.DataFrame]:
    """Split the appendix into slides of at most `rows` quotes and about `chars` characters."""
    pages, start, size = [], 0, 0
    for i, quote in enumerate(appendix["quote"]):
        length = len(quote) + 60
        if i > start and (i - start >= rows or size + length > chars):
            pages.append(appendix.iloc[start:i])
            start, size = i, 0
        size += length
    if start < len(appendix):
        pages.append(appendix.iloc[start:])
    return pages


# ---------------------------------------------------------------- PowerPoint

_DEFAULT = object()


def build_pptx(ds, f: Filters, *, exported_at: dt.datetime, renderer=_DEFAULT, pack: Pack | None = None) -> bytes:
    """The briefing as a .pptx: title slide, one slide per view (image, findings, citations), evidence appendix.

    `renderer` draws the chart images (default: one shared local Chromium through kaleido); with
    `None`, a missing browser or a failure, each slide says so in place of its image.
    """
    from pptx import Presentation
    from pptx.util import Inches

    if renderer is _DEFAULT:
        renderer = default_renderer()
    pack = pack or prepare_pack(ds, f)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = f"{TITLE}: {pack.filters_text}"
    prs.core_properties.subject = SUBTITLE

    _title_slide(prs, pack, exported_at)
    for view in pack.views:
        _view_slide(prs, pack, view, renderer)
    pages = appendix_pages(pack.appendix)
    for i, page in enumerate(pages, start=1):
        _appendix_slide(prs, pack, page, i, len(pages))
    if not pages:
        slide = _blank(prs)
        _text(slide, "Evidence appendix", 0.5, 0.3, 12.3, 0.8, size=28, bold=True)
        _text(slide, "No records are shown under these filters, so there are no quotes.", 0.5, 1.3, 12.3, 1, size=16)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _blank(prs):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _text(slide, text, left, top, width, height, *, size=14, bold=False, color=None, lines=None):
    """A text box; `lines` (list of (text, size, bold)) adds paragraphs after the first."""
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (t, s, b) in enumerate([(text, size, bold)] + list(lines or [])):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = t
        run.font.size, run.font.bold = Pt(s), b
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        para.space_after = Pt(6)
    return box


def _footer(slide, pack: Pack, extra: str = "") -> None:
    text = f"{TITLE} · {pack.filters_text} · dataset {pack.version}" + (f" · {extra}" if extra else "")
    _text(slide, text, 0.5, 7.0, 12.3, 0.4, size=10, color="666666")


def _title_slide(prs, pack: Pack, exported_at: dt.datetime) -> None:
    slide = _blank(prs)
    _text(slide, TITLE, 0.6, 0.5, 12, 1.0, size=40, bold=True)
    _text(slide, SUBTITLE, 0.6, 1.45, 12, 0.6, size=22, color="444444")
    _text(slide, f"Filters: {pack.filters_text}", 0.6, 2.3, 12, 0.9, size=18, lines=[
        (f"Exported {exported_at:%d %b %Y, %H:%M}", 16, False),
        (f"Dataset version {pack.version}", 16, False),
    ])
    _text(slide, "Sources", 0.6, 4.1, 12, 0.4, size=16, bold=True,
          lines=[(label, 12, False) for label in pack.sources["label"]])


def _view_slide(prs, pack: Pack, view: View, renderer) -> None:
    from pptx.util import Inches

    slide = _blank(prs)
    _text(slide, view.title, 0.5, 0.25, 12.3, 0.7, size=24, bold=True)
    _text(slide, view.caption, 0.5, 0.9, 12.3, 0.4, size=12, color="555555")
    figure = view.figure if view.image_figure is None else view.image_figure
    left, top, width, height = 0.5, 1.4, 8.2, 5.5
    if figure is None:
        _note(slide, view.empty, left, top, width, height)
    else:
        png, reason = render_png(renderer, _for_image(figure), width=IMAGE_SIZE[0], height=IMAGE_SIZE[1], scale=IMAGE_SCALE)
        if png is None:
            _note(slide, f"Chart image not available: {reason} The HTML pack has this chart, interactive.",
                  left, top, width, height)
        else:
            fit = min(width / IMAGE_SIZE[0], height / IMAGE_SIZE[1])
            pic = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top),
                                           width=Inches(IMAGE_SIZE[0] * fit), height=Inches(IMAGE_SIZE[1] * fit))
            pic.name = f"chart-{view.key}"
    findings = [("• " + finding_text(x, pack.sources), 14, False) for x in view.findings]
    _text(slide, "Key findings", 8.95, 1.4, 3.9, 0.5, size=18, bold=True, lines=findings)
    cited = [s for x in view.findings for s in x.sources]
    refs = pack.sources[pack.sources["id"].isin(cited)]["label"].tolist()
    if refs:
        _text(slide, "Sources", 8.95, 5.3, 3.9, 0.3, size=11, bold=True, color="555555",
              lines=[(r, 9, False) for r in refs])
    _footer(slide, pack)


def _note(slide, text, left, top, width, height) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    box.name = "chart-note"
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xF1, 0xF1, 0xF1)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(18)


def _for_image(fig: go.Figure) -> go.Figure:
    """A copy styled for a static slide: bigger text, white paper, no selection or animation controls."""
    out = go.Figure(fig)
    out.update_layout(font=dict(size=16), paper_bgcolor="white", updatemenus=[], sliders=[], height=None, width=None)
    return out


def _appendix_slide(prs, pack: Pack, page: pd.DataFrame, number: int, total: int) -> None:
    slide = _blank(prs)
    _text(slide, f"Evidence appendix ({number}/{total})", 0.5, 0.25, 12.3, 0.7, size=24, bold=True)
    lines = []
    for r in page.itertuples():
        lines.append((f"{r.record} ({r.record_type}) {cite(pack.sources, [r.source_id])}", 11, True))
        lines.append((f"“{r.quote}”", 11, False))
    first, *rest = lines or [("", 11, False)]
    _text(slide, first[0], 0.5, 1.0, 12.3, 5.9, size=first[1], bold=first[2], lines=rest)
    _footer(slide, pack)


# ---------------------------------------------------------------- the renderer shared by packs

_RENDERER = None


def default_renderer():
    """One ChromiumRenderer per process (a warm browser draws an image in about 0.2 s)."""
    global _RENDERER
    if _RENDERER is None:
        from components.images import ChromiumRenderer

        _RENDERER = ChromiumRenderer()
    return _RENDERER


# ---------------------------------------------------------------- HTML

def build_html_pack(ds, f: Filters, *, exported_at: dt.datetime, pack: Pack | None = None) -> str:
    """The same pack as one HTML file that works offline: plotly.js inlined once, interactive charts,
    the network in a srcdoc frame with vis-network inlined. All data text is escaped."""
    from plotly.offline import get_plotlyjs

    pack = pack or prepare_pack(ds, f)
    e = html.escape
    parts = []
    for view in pack.views:
        if view.key == "network" and pack.graph is not None and pack.graph.number_of_edges():
            network = nw.render_network_html(pack.graph, positions=pack.positions, inline=True, height=560)
            chart = (f'<iframe class="network" title="Network of proposers and measures" srcdoc="{e(network, quote=True)}">'
                     '</iframe><p><button type="button" id="save-network">Save the network as PNG</button></p>')
        elif view.figure is not None:
            config = chart_config(view.key, f)
            chart = pio.to_html(view.figure, include_plotlyjs=False, full_html=False, config=config,
                                div_id=f"chart-{view.key}", default_width="100%")
        else:
            chart = f'<p class="empty">{e(view.empty)}</p>'
        findings = "".join(f"<li>{e(x.text)} <span class=cite>{e(cite(pack.sources, x.sources))}</span></li>"
                           for x in view.findings)
        parts.append(f'<section id="{view.key}" class="view"><h2>{e(view.title)}</h2><p class="caption">{e(view.caption)}</p>'
                     f'<div class="chart">{chart}</div><h3>Key findings</h3><ul class="findings">{findings}</ul></section>')
    rows = "".join(f"<tr><td>{e(r.record)}<div class=meta>{e(r.record_type)} · {e(r.record_id)}</div></td>"
                   f"<td class=quote>“{e(r.quote)}”</td><td>{e(cite(pack.sources, [r.source_id]))}</td></tr>"
                   for r in pack.appendix.itertuples())
    appendix = (f'<section id="appendix"><h2>Evidence appendix</h2><p class="caption">{len(pack.appendix)} quotes behind '
                f'what the views show.</p><table class="appendix"><thead><tr><th>Record</th><th>Quote</th><th>Source</th>'
                f'</tr></thead><tbody>{rows}</tbody></table></section>')
    nav = "".join(f'<a href="#{v.key}">{e(v.title)}</a>' for v in pack.views) + '<a href="#appendix">Evidence appendix</a>'
    sources = "".join(f"<li>{e(label)}</li>" for label in pack.sources["label"])
    png_name = json.dumps(export_filename("network", f, ext="png"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(TITLE)}: {e(pack.filters_text)}</title>
<style>{_CSS}</style>
<script>{get_plotlyjs()}</script>
</head><body>
<header><h1>{e(TITLE)}</h1><p class="sub">{e(SUBTITLE)}</p>
<p><b>Filters:</b> {e(pack.filters_text)}<br><b>Exported:</b> {e(f"{exported_at:%d %b %Y, %H:%M}")}<br>
<b>Dataset version:</b> {e(pack.version)}</p><h3>Sources</h3><ol class="sources">{sources}</ol></header>
<nav>{nav}</nav>
<main>{''.join(parts)}{appendix}</main>
<script>
document.getElementById("save-network") && document.getElementById("save-network").addEventListener("click", function () {{
  var frame = document.querySelector("iframe.network");
  var canvas = frame && frame.contentDocument && frame.contentDocument.querySelector("canvas");
  if (!canvas) {{ alert("The network has not been drawn yet."); return; }}
  var link = document.createElement("a");
  link.download = {png_name};
  link.href = canvas.toDataURL("image/png");
  link.click();
}});
</script>
</body></html>"""


_CSS = """
body { font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px;
       padding: 1rem 1.5rem 3rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0; } .sub { margin-top: 0; color: #555; font-size: 1.2rem; }
nav { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; z-index: 5; }
nav a { margin-right: 1.2rem; color: #1f5f99; text-decoration: none; font-size: .95rem; }
section { padding-top: 1rem; border-bottom: 1px solid #eee; }
.caption { color: #555; } .cite { color: #1f5f99; white-space: nowrap; } .empty { background: #f4f4f4; padding: 1rem; }
ol.sources { font-size: .95rem; }
iframe.network { width: 100%; height: 620px; border: 1px solid #ddd; }
table.appendix { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.appendix td, table.appendix th { border-bottom: 1px solid #e6e6e6; padding: 6px 8px; vertical-align: top; text-align: left; }
table.appendix td.quote { width: 60%; } .meta { color: #777; font-size: .8rem; }
@media print { nav { display: none; } section { page-break-inside: avoid; } }
"""


# ---------------------------------------------------------------- both packs, timed

@dataclass
class BuiltPacks:
    pptx: bytes
    html: str
    seconds: dict[str, float]      # prepare, pptx, html, total
    image_notes: list[str]         # why images are missing ([] when every chart was drawn)


class _Tracking:
    """Wraps a renderer to remember why images failed (the page tells the user once)."""

    def __init__(self, renderer):
        self.renderer, self.notes = renderer, []

    def png(self, fig, **kwargs):
        if self.renderer is None:
            self.notes.append("Server-side chart images are switched off.")
            raise RenderError(self.notes[-1])
        try:
            return self.renderer.png(fig, **kwargs)
        except Exception as err:
            self.notes.append(str(err))
            raise


def build_packs(ds, f: Filters, *, exported_at: dt.datetime, renderer=_DEFAULT) -> BuiltPacks:
    """PowerPoint and HTML from one `prepare_pack`, with the seconds each step took."""
    import time

    if renderer is _DEFAULT:
        renderer = default_renderer()
    tracking = _Tracking(renderer)
    t0 = time.perf_counter()
    pack = prepare_pack(ds, f)
    t1 = time.perf_counter()
    pptx = build_pptx(ds, f, exported_at=exported_at, renderer=tracking, pack=pack)
    t2 = time.perf_counter()
    page = build_html_pack(ds, f, exported_at=exported_at, pack=pack)
    t3 = time.perf_counter()
    seconds = {"prepare": t1 - t0, "pptx": t2 - t1, "html": t3 - t2, "total": t3 - t0}
    return BuiltPacks(pptx, page, seconds, list(dict.fromkeys(tracking.notes)))
