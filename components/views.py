"""What each view shows under the filters: the one definition used by its page (views/*.py), the deck,
the HTML pack and Present mode (components/briefing). A page adds only what it lets the user change
(the Timeline's context toggle, the Agreements page's as-of slider, the Proposals page's "hide general
calls"); with those at their defaults, the page and its slide draw the same records.

* Timeline (and Overview): the 2021 events, or every filtered event overlapping the chosen dates; with
  the context toggle, the earlier events too.
* Agreement matrix: cumulative, so the date filter bounds the as-of year (its upper end by default)
  instead of hiding agreements concluded earlier.
* 2021 Taiwan Strait statements: the filtered agreements that named the Strait.
* Proposal network: the filtered proposals; consensus ranking: its specific measures (general calls to
  "strengthen cooperation" said apart, not ranked).
* Quotes everywhere: only those of the selected sources.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd

from components import agreements as ag
from components import network as nw
from components.filters import Filters, filter_agreements, filter_events, filter_evidence, filter_proposals
from components.memo import per_dataset
from components.overview import FOCUS_YEAR, focus_events


def timeline_events(ds, f: Filters, include_context: bool = False) -> pd.DataFrame:
    """The events the Timeline draws (and the Overview counts) for these filters."""
    events = focus_events(filter_events(ds, f), f, include_context=include_context)
    if not (include_context or f.start or f.end):
        events = events[events["date_start"].dt.year >= FOCUS_YEAR]
    return events


def evidence_for(ds, f: Filters) -> pd.DataFrame:
    """The quotes the views may show: narrowed to the selected sources."""
    return ds.evidence[ds.evidence["source_id"].isin(f.sources)] if f.sources else ds.evidence


def agreement_labels(ds, f: Filters) -> dict:
    """The keyword arguments the agreement tables take: source-narrowed quotes, actor names, codebook."""
    return dict(evidence=evidence_for(ds, f), actors=ds.actors, codebook=ds.schema.get("codebook", {}),
                sources=ds.sources)


def matrix_base(ds, f: Filters) -> pd.DataFrame:
    """The cumulative matrix (every year): the date filter does not hide agreements concluded earlier."""
    return ag.build_matrix_table(filter_agreements(ds, replace(f, start=None, end=None)), **agreement_labels(ds, f))


def as_of_range(f: Filters) -> tuple[int, int]:
    """The as-of years the date filter allows; the slide (and the page by default) shows the last."""
    return ag.as_of_bounds(f.start, f.end)


def matrix_table(ds, f: Filters, year: int | None = None, base: pd.DataFrame | None = None) -> tuple[pd.DataFrame, int]:
    """(the matrix as of `year` (default: the last year the date filter allows), that year)."""
    table = matrix_base(ds, f) if base is None else base
    year = as_of_range(f)[1] if year is None else year
    return (ag.matrix_as_of(table, year) if not table.empty else table), year


def statements_table(ds, f: Filters) -> pd.DataFrame:
    """The 2021 statements that named the Taiwan Strait, one row per (statement, party)."""
    return ag.build_statements_matrix(filter_agreements(ds, f), **agreement_labels(ds, f))


@per_dataset(maxsize=16)
def proposal_graph(ds, f: Filters, hide_general: bool = False) -> nx.MultiGraph:
    """The proposals the network draws, once per filters (the page, its network base and the slides share it:
    read only). Nothing filtered out: the unfiltered graph itself (`nw.dataset_graph`)."""
    proposals = filter_proposals(ds, f)
    if hide_general:
        proposals = nw.without_categories(proposals, ds.measures, [nw.GENERAL_CATEGORY])
    if len(proposals) == len(ds.proposals) and not f.sources:
        return nw.dataset_graph(ds)
    return nw.build_proposal_graph(proposals, ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)


@per_dataset(maxsize=16)
def network_base(ds, f: Filters, hide_general: bool = False, colour: str = "kind",
                 asset_base: str = nw.DEFAULT_ASSET_BASE) -> dict:
    """What the Proposals network draws under these filters whatever the focus (netpayload.component_base:
    positions and communities of the whole graph, so nothing moves with the filters). Cached per filters."""
    positions = nw.dataset_layout(ds)
    G = proposal_graph(ds, f, hide_general)
    return nw.component_base(G, positions, colour=colour, communities=nw.dataset_communities(ds),
                             asset_base=asset_base, height=nw.canvas_height(positions))


def consensus_ranking(ds, consensus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the specific measures ranked by distinct proposers, the general calls said apart): ranked with the
    specific measures, a call to "strengthen security cooperation" would top every list."""
    general = set(ds.measures.loc[ds.measures["category"] == nw.GENERAL_CATEGORY, "id"])
    is_general = consensus["measure_id"].isin(general)
    return consensus[~is_general].reset_index(drop=True), consensus[is_general].reset_index(drop=True)


@per_dataset(maxsize=16)
def proposal_metrics(ds, f: Filters, hide_general: bool = False):
    """(the network's metrics, the ranked specific measures, the general calls) under these filters, once per
    filters: the page (whose focus clicks then reuse them), the slides and the findings share it (read only)."""
    metrics = nw.network_metrics(proposal_graph(ds, f, hide_general))
    ranked, general = consensus_ranking(ds, metrics.consensus)
    return metrics, ranked, general


def graph_records(G: nx.MultiGraph) -> list[str]:
    """The proposal ids a graph draws (one edge each)."""
    return [d["proposal_id"] for _, _, d in G.edges(data=True)]
