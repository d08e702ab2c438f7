"""Key findings an analyst would sign: no tie stated as a unique fact, every finding citing its sources."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd

from strait_watch.briefing.model import Finding, cite
from strait_watch.core.dates import day_label
from strait_watch.core.filters import Filters, actor_names, evidence_for
from strait_watch.core.style import humanize
from strait_watch.core.text import and_list, count_word, plural
from strait_watch.views.matrix import CONCLUDED, NONE, count_by_partner, matrix_table
from strait_watch.views.network.graph import (
    MEASURE,
    PROPOSER,
    NetworkMetrics,
    node_id,
    nodes_of_kind,
    proposal_graph,
    proposal_metrics,
)
from strait_watch.views.statements import statements_table
from strait_watch.views.timeline import busiest_month, busiest_month_text, timeline_events


def sources_of(evidence: pd.DataFrame, records) -> tuple[str, ...]:
    records = set(records)
    return tuple(dict.fromkeys(evidence.loc[evidence["record_id"].isin(records), "source_id"]))


def _leaders(counts: pd.Series) -> pd.Series:
    """The entries tied at the top count."""
    return counts[counts == counts.max()] if len(counts) else counts


def timeline_findings(ds, f: Filters, events: pd.DataFrame, evidence: pd.DataFrame) -> list[Finding]:
    if events.empty:
        return [Finding("No events match these filters.")]
    ids = tuple(events["id"])
    keys = int(events["key"].sum())
    out = [Finding(f"{plural(len(events), 'event')} from {day_label(events['date_start'].min())} to "
                   f"{day_label(events['date_end'].max())}, {keys} of them key events.", sources_of(evidence, ids), ids)]
    busiest = busiest_month(events)
    if busiest:
        month_ts = busiest[0]
        month = events[(events["date_precision"] != "year")
                       & (events["date_start"].dt.to_period("M").dt.to_timestamp() == month_ts)]
        titles = month.sort_values("date_start")["title"].head(3).tolist()
        out.append(Finding(f"{busiest_month_text(busiest)}, including {and_list(titles)}.",
                           sources_of(evidence, month["id"]), tuple(month["id"])))
    cats = _leaders(events["category"].value_counts())
    if 0 < len(cats) <= 3 and len(cats) < events["category"].nunique():
        rows = events[events["category"].isin(cats.index)]
        names = and_list([humanize(c).lower() for c in cats.index])
        verb = "Most frequent category" if len(cats) == 1 else "Most frequent categories (tied)"
        out.append(Finding(f"{verb}: {names} ({plural(int(cats.iloc[0]), 'event')} each)." if len(cats) > 1 else
                           f"{verb}: {names} ({plural(int(cats.iloc[0]), 'event')}).",
                           sources_of(evidence, rows["id"]), tuple(rows["id"])))
    counts = events["actors"].explode().dropna().value_counts()
    if len(counts):
        cut = counts.iloc[min(2, len(counts) - 1)]
        shown = counts[counts >= cut]
        if len(shown) <= 5 and cut > 1:
            names = actor_names(ds)
            rows = events[events["actors"].map(lambda a: bool(set(a) & set(shown.index)))]
            out.append(Finding("Most active actors: " + and_list([f"{names.get(a, a)} ({n})" for a, n in shown.items()]) + ".",
                               sources_of(evidence, rows["id"]), tuple(rows["id"])))
    return out


def agreement_findings(table: pd.DataFrame, year: int, statements: pd.DataFrame, evidence: pd.DataFrame) -> list[Finding]:
    out = []
    if table.empty:
        out.append(Finding("No GSOMIA, ACSA, equipment or RAA agreements match these filters."))
    else:
        counts = count_by_partner(table)
        names = dict(zip(table["partner"], table["partner_name"], strict=True))
        done = table[table["state"] == CONCLUDED]
        out.append(Finding(f"As of {year}: {plural(int(counts.sum()), 'agreement')} of the four types with "
                           f"{int((counts > 0).sum())} of {len(counts)} partners.",
                           sources_of(evidence, done["id"]), tuple(done["id"])))
        if counts.max() > 0:
            best = _leaders(counts)
            per = table.groupby("partner").size()
            rows = done[done["partner"].isin(best.index)]
            out.append(Finding("Most agreements: " + and_list([f"{names[p]} ({n} of {per[p]})" for p, n in best.items()]) + ".",
                               sources_of(evidence, rows["id"]), tuple(rows["id"])))
        none = table[table["state"] == NONE]
        if len(none):
            cells = [f"{r.partner_name} {r.type_short}" for r in none.itertuples()]
            out.append(Finding(f"{count_word(len(cells)).capitalize()} Table 1 cells have no agreement as of the "
                               f"source: " + and_list(cells) + ".", sources_of(evidence, none["id"]), tuple(none["id"])))
        if len(done):
            last_year = int(done["year"].max())
            last = done[done["year"] == last_year]
            out.append(Finding(f"Most recent ({last_year}): {and_list(list(last['name']))}.",
                               sources_of(evidence, last["id"]), tuple(last["id"])))
    if not statements.empty:
        n = statements["id"].nunique()
        per_party = statements.groupby("party_name")["id"].nunique()
        top = _leaders(per_party)
        joined = f"; {and_list(sorted(top.index))} joined the most ({int(top.iloc[0])})" if len(top) <= 3 else ""
        out.append(Finding(f"{plural(n, 'statement')} of 2021 named peace and stability in the Taiwan Strait{joined}.",
                           sources_of(evidence, statements["id"]), tuple(dict.fromkeys(statements["id"])), "statements"))
    return out


def _proposals_of(G: nx.MultiGraph, node_ids) -> tuple[str, ...]:
    return tuple(d["proposal_id"] for u, v, d in G.edges(data=True) if u in node_ids or v in node_ids)


def consensus_finding(G: nx.MultiGraph, consensus: pd.DataFrame, evidence: pd.DataFrame) -> Finding:
    top = consensus[consensus["Proposers"] >= 2]
    if top.empty:
        return Finding("No measure has more than one proposer under these filters.", kind="consensus")
    most = int(top["Proposers"].max())
    lead = top[top["Proposers"] == most]
    recs = _proposals_of(G, {node_id(MEASURE, m) for m in lead["measure_id"]})
    if len(lead) == 1:
        text = f"Most shared measure: {lead['Measure'].iloc[0]} ({most} proposers)."
    else:
        text = f"{count_word(len(lead)).capitalize()} measures share {most} proposers: {and_list(list(lead['Measure']))}."
    return Finding(text, sources_of(evidence, recs), recs, "consensus")


def general_call_finding(G: nx.MultiGraph, general: pd.DataFrame, evidence: pd.DataFrame) -> Finding | None:
    """The broad calls to strengthen cooperation, said apart so they do not top the ranking of specific measures."""
    if general.empty:
        return None
    recs = _proposals_of(G, {node_id(MEASURE, m) for m in general["measure_id"]})
    most = int(general["Proposers"].max())
    return Finding(f"{plural(most, 'proposer')} make a general call to strengthen security cooperation "
                   "(not ranked with the specific measures).", sources_of(evidence, recs), recs, "consensus")


def proposal_findings(G: nx.MultiGraph, metrics: NetworkMetrics, evidence: pd.DataFrame,
                      general: pd.DataFrame | None = None) -> list[Finding]:
    if G.number_of_edges() == 0:
        return [Finding("No proposals match these filters.")]
    edges = [d for _, _, d in G.edges(data=True)]
    ids = tuple(d["proposal_id"] for d in edges)
    out = [Finding(f"{plural(len(edges), 'proposal')} by {plural(len(nodes_of_kind(G, PROPOSER)), 'proposer')} on "
                   f"{plural(len(nodes_of_kind(G, MEASURE)), 'measure')}, from "
                   f"{plural(len({d['source_id'] for d in edges}), 'article')}.", sources_of(evidence, ids), ids),
           consensus_finding(G, metrics.consensus, evidence)]
    said = general_call_finding(G, general, evidence) if general is not None else None
    if said:
        out.append(said)
    pairs = metrics.pairs
    if len(pairs) and (len(pairs) == 1 or pairs["Shared measures"].iloc[0] > pairs["Shared measures"].iloc[1]):
        p = pairs.iloc[0]
        recs = _proposals_of(G, {node_id(PROPOSER, p["proposer_id"]), node_id(PROPOSER, p["with_id"])})
        out.append(Finding(f"Closest agendas: {p['Proposer']} and {p['With']} share "
                           f"{plural(int(p['Shared measures']), 'measure')}" + (f" ({p['Measures']})." if int(p['Shared measures']) <= 3 else "."), sources_of(evidence, recs), recs))
    alone = metrics.consensus[metrics.consensus["Proposers"] == 1]
    if len(alone):
        recs = _proposals_of(G, {node_id(MEASURE, m) for m in alone["measure_id"]})
        out.append(Finding(f"{plural(len(alone), 'measure')} of {len(metrics.consensus)} "
                           f"{'has' if len(alone) == 1 else 'have'} a single proposer.", sources_of(evidence, recs),
                           kind="consensus"))
    return out


def key_findings(ds, f: Filters) -> dict[str, list[Finding]]:
    """Short findings per section ('timeline', 'agreements', 'proposals'), each citing its sources."""
    evidence = evidence_for(ds, f)
    table, year = matrix_table(ds, f)
    G = proposal_graph(ds, f)
    metrics, ranked, general = proposal_metrics(ds, f)  # as on the slides: general calls said apart
    return {
        "timeline": timeline_findings(ds, f, timeline_events(ds, f), evidence),
        "agreements": agreement_findings(table, year, statements_table(ds, f), evidence),
        "proposals": proposal_findings(G, replace(metrics, consensus=ranked), evidence, general=general),
    }


def finding_text(finding: Finding, sources: pd.DataFrame) -> str:
    """The finding with its citation, e.g. 'Busiest month: April 2021 with 5 events … [1, 3]'."""
    mark = cite(sources, finding.sources)
    return f"{finding.text} {mark}" if mark else finding.text
