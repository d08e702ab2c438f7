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
from strait_watch.views.matrix import CONCLUDED, NONE, count_by_partner, headline, matrix_base, matrix_table
from strait_watch.views.network.graph import (
    GENERAL_CATEGORY,
    MEASURE,
    PROPOSER,
    NetworkMetrics,
    node_id,
    nodes_of_kind,
    proposal_graph,
    proposal_metrics,
)
from strait_watch.views.persistence import (
    RECURRING,
    persistence_numbers,
    persistence_proposals,
    persistence_table,
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


def agreement_findings(table: pd.DataFrame, base: pd.DataFrame, year: int, statements: pd.DataFrame,
                       evidence: pd.DataFrame) -> list[Finding]:
    """`table`: the matrix as of `year`; `base`: the matrix under the filters (the partners that have one)."""
    out = []
    if table.empty:
        out.append(Finding("No GSOMIA, ACSA, equipment or RAA agreements match these filters."))
    else:
        counts = count_by_partner(table)
        names = dict(zip(table["partner"], table["partner_name"], strict=True))
        done = table[table["state"] == CONCLUDED]
        out.append(Finding(headline(table, base, year) + ".",
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


def others_findings(table: pd.DataFrame, agreements: pd.DataFrame, evidence: pd.DataFrame) -> list[Finding]:
    """The other agreements, laws and mechanisms (views.others): how many and how many only proposed; the most
    recent dated ones; the ones proposed or sought, not concluded."""
    if table.empty:
        return [Finding("No other agreements, laws or mechanisms match these filters.")]
    ids = tuple(table["id"])
    status = agreements.set_index("id")["status"].reindex(list(ids))
    pending = table[status.isin(["proposed", "sought"]).to_numpy()]
    n = len(table)
    head = (f"{n} other {'agreement, law or mechanism' if n == 1 else 'agreements, laws and mechanisms'} in the "
            f"articles{', ' + str(len(pending)) + ' of them proposed or sought, not concluded' if len(pending) else ''}.")
    out = [Finding(head, sources_of(evidence, ids), ids, "others")]
    dated = table[table["year"].notna()]
    if len(dated):
        last = dated[dated["year"] == dated["year"].max()]
        out.append(Finding(f"Most recent ({int(last['year'].iloc[0])}): {and_list(list(last['name']))}.",
                           sources_of(evidence, last["id"]), tuple(last["id"]), "others"))
    if 0 < len(pending) <= 4:
        out.append(Finding(f"Proposed or sought, not concluded: {and_list(list(pending['name']))}.",
                           sources_of(evidence, pending["id"]), tuple(pending["id"]), "others"))
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


def _sentence_name(name: str) -> str:
    """A measure's name inside a sentence: 'Search and rescue cooperation' -> 'search and rescue cooperation'
    (an acronym or a proper name keeps its capital: 'HA/DR', 'Japan-U.S.-Taiwan')."""
    return name[:1].lower() + name[1:] if name[1:2].islower() and not name.startswith(("Japan", "Taiwan")) else name


def _years(years) -> str:
    years = sorted(years)
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def persistence_findings(ds, f: Filters, evidence: pd.DataFrame) -> list[Finding]:
    """What came back (views.persistence): the earliest year's measures raised again or not, by whom; the
    measures first raised in between; the ones raised again by the most holders; the measures too new to tell."""
    n = persistence_numbers(ds, f)
    if not n.measures:
        return [Finding("No proposals match these filters.")]
    table, p = persistence_table(ds, f), persistence_proposals(ds, f)
    name = dict(zip(table["measure_id"], table["measure"], strict=True))
    records = lambda ids: tuple(p.loc[p["measure"].isin(ids), "id"])  # noqa: E731
    out = []
    if n.early:
        dropped = [_sentence_name(name[m]) for m in n.dropped]
        tail = ("" if not dropped else f"; {and_list(dropped)} {'was' if len(dropped) == 1 else 'were'} not" if len(dropped) <= 3
                else f"; {count_word(len(dropped))} were not")
        if n.again:
            text = (f"{len(n.again)} of the {plural(len(n.early), 'measure')} first raised in {n.earliest} "
                    f"{'was' if len(n.again) == 1 else 'were'} raised again in {_years(n.again_years)}, by "
                    f"{plural(len(n.again_holders), 'holder')} in {plural(len(n.again_articles), 'article')}{tail}.")
        else:
            text = f"None of the {plural(len(n.early), 'measure')} first raised in {n.earliest} was raised again by {n.horizon}."
        out.append(Finding(text, sources_of(evidence, records(n.early)), records(n.early), "persistence"))
    if n.between:
        rows = table[table["measure_id"].isin(n.between)]
        parts = [f"{_sentence_name(r.measure)} ({r.first_year}, {'again in ' + str(r.last_year) if r.status == RECURRING else 'not again'})"
                 for r in rows.itertuples()]
        text = (f"First raised after {n.earliest}: " + and_list(parts) + "." if len(parts) <= 3 else
                f"{plural(len(parts), 'measure')} first raised between {n.earliest} and {n.horizon}, "
                f"{int((rows['status'] == RECURRING).sum())} of them raised again.")
        out.append(Finding(text, sources_of(evidence, records(n.between)), records(n.between), "persistence"))
    again = table[table["status"] == RECURRING]
    specific = again[again["category"] != GENERAL_CATEGORY]  # the general call said apart, as on the network slides
    if len(specific):
        counts = specific.set_index("measure_id")["again_holders"].map(len)
        top = _leaders(counts)
        general = again[again["category"] == GENERAL_CATEGORY]
        said = (f"; the general call to strengthen cooperation by {plural(len(general['again_holders'].iloc[0]), 'holder')}"
                if len(general) == 1 else "")
        if len(top) <= 3 and int(top.iloc[0]) >= 2:  # "the most" of one holder each says nothing
            named = and_list([f"{_sentence_name(name[m])} ({k})" for m, k in top.items()])
            ids = list(top.index) + list(general["measure_id"])
            out.append(Finding(f"Raised again by the most holders: {named}{said}.", sources_of(evidence, records(ids)),
                               records(ids), "persistence"))
    if n.new and len(n.new) < n.measures:
        out.append(Finding(f"{len(n.new)} of the {plural(n.measures, 'measure')} {'was' if len(n.new) == 1 else 'were'} "
                           f"first raised in {n.horizon}, "
                           "too recent to tell whether they come back.", sources_of(evidence, records(n.new)),
                           records(n.new), "persistence"))
    elif n.new:
        out.append(Finding(f"All {plural(n.measures, 'measure')} were raised in {n.horizon} only: nothing earlier to "
                           "compare with.", sources_of(evidence, records(n.new)), records(n.new), "persistence"))
    return out


def key_findings(ds, f: Filters) -> dict[str, list[Finding]]:
    """Short findings per section ('timeline', 'agreements', 'proposals', 'persistence'), each citing its sources."""
    evidence = evidence_for(ds, f)
    base = matrix_base(ds, f)
    table, year = matrix_table(ds, f, base=base)
    G = proposal_graph(ds, f)
    metrics, ranked, general = proposal_metrics(ds, f)  # as on the slides: general calls said apart
    return {
        "timeline": timeline_findings(ds, f, timeline_events(ds, f), evidence),
        "agreements": agreement_findings(table, base, year, statements_table(ds, f), evidence),
        "proposals": proposal_findings(G, replace(metrics, consensus=ranked), evidence, general=general),
        "persistence": persistence_findings(ds, f, evidence),
    }


def finding_text(finding: Finding, sources: pd.DataFrame) -> str:
    """The finding with its citation, e.g. 'Busiest month: April 2021 with 5 events … [1, 3]'."""
    mark = cite(sources, finding.sources)
    return f"{finding.text} {mark}" if mark else finding.text
