"""The proposal graph: proposer and measure nodes, one edge per proposal (pure, no streamlit).

A networkx MultiGraph with proposer nodes ("actor:<id>") and measure nodes ("measure:<id>"),
one edge per proposal keyed by the proposal id.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from strait_watch.core.filters import (
    Filters,
    filter_evidence,
    filter_proposals,
)
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import humanize

PROPOSER = "proposer"
MEASURE = "measure"
_PREFIX = {PROPOSER: "actor:", MEASURE: "measure:"}
GENERAL_CATEGORY = "general-cooperation"  # broad calls ("strengthen security cooperation"): a toggle hides them


def node_id(kind: str, record_id: str) -> str:
    """'actor:hoshino-aki' / 'measure:m-hotline' (actor and measure ids could collide)."""
    return _PREFIX[kind] + record_id



def _node_fields(row, record_id: str, **columns: str) -> dict[str, str]:
    """A node's label (the row's name) and the given attributes (attribute=column) from its table row; an id the
    table does not know is labelled with the id itself, its attributes blank."""
    if row is None:
        return {"label": record_id, **dict.fromkeys(columns, "")}
    return {"label": row["name"], **{attr: row[column] for attr, column in columns.items()}}


def build_proposal_graph(
    proposals: pd.DataFrame,
    actors: pd.DataFrame,
    measures: pd.DataFrame,
    evidence: pd.DataFrame,
    sources: pd.DataFrame,
) -> nx.MultiGraph:
    """Proposer and measure nodes, one edge per proposal (key = proposal id).

    `proposals` and `evidence` are the filtered frames; the others are lookups. Edge attributes:
    proposal_id, stance, summary, source_id, source_title, quotes (list[str]).
    """
    actor = {r["id"]: r for r in actors.to_dict("records")}
    measure = {r["id"]: r for r in measures.to_dict("records")}
    names = {i: r["name"] for i, r in actor.items()}
    titles = dict(zip(sources["id"].tolist(), sources["title"].tolist(), strict=True))
    ids = proposals["id"].tolist()
    quotes: dict[str, list[str]] = {}
    mine = evidence[evidence["record_id"].isin(ids)]  # plain lists: a groupby per record is slow at scale
    for record_id, quote in zip(mine["record_id"].tolist(), mine["quote"].tolist(), strict=True):
        quotes.setdefault(record_id, []).append(quote)

    a_ids = [_PREFIX[PROPOSER] + p for p in proposals["proposer"].tolist()]
    m_ids = [_PREFIX[MEASURE] + m for m in proposals["measure"].tolist()]
    G = nx.MultiGraph()
    # Nodes in order of first appearance (each proposal's proposer, then its measure), then the edges.
    for n in dict.fromkeys(x for pair in zip(a_ids, m_ids, strict=True) for x in pair):
        record_id = n.split(":", 1)[1]
        if n.startswith(_PREFIX[PROPOSER]):
            row = actor.get(record_id)
            G.add_node(n, kind=PROPOSER, record_id=record_id,
                       **_node_fields(row, record_id, country="country", actor_kind="kind", role="role"),
                       affiliation=names.get(row["affiliation"], "") if row is not None else "")
        else:
            G.add_node(n, kind=MEASURE, record_id=record_id,
                       **_node_fields(measure.get(record_id), record_id, category="category",
                                      description="description"))
    edges = [
        (a, m, pid, {"proposal_id": pid, "stance": stance, "summary": summary, "source_id": source_id,
                     "source_title": titles.get(source_id, source_id), "quotes": list(quotes.get(pid, ()))})
        for a, m, pid, stance, summary, source_id in zip(
            a_ids, m_ids, ids, proposals["stance"].tolist(), proposals["summary"].tolist(),
            proposals["source_id"].tolist(), strict=True)
    ]
    G.add_edges_from(edges)
    for n, data in G.nodes(data=True):
        # Distinct neighbours: a measure's distinct proposers, a proposer's distinct measures.
        data["distinct"] = len(set(G.neighbors(n)))
    return G


@per_dataset(maxsize=2)
def dataset_graph(ds) -> nx.MultiGraph:
    """The unfiltered proposal graph of a dataset, built once per dataset version.

    Shared between reruns and sessions: read it, never change it (copy it first).
    """
    return build_proposal_graph(ds.proposals, ds.actors, ds.measures, ds.evidence, ds.sources)


def nodes_of_kind(G: nx.Graph, kind: str) -> list[str]:
    return [n for n, k in G.nodes(data="kind") if k == kind]


def focus_options(G: nx.Graph) -> dict[str, str]:
    """{node id: 'Name (proposer)' / 'Name (measure)'}: proposers first, each group by name."""
    order = sorted(G, key=lambda n: (G.nodes[n]["kind"] != PROPOSER, node_label(G, n).casefold()))
    return {n: f"{node_label(G, n)} ({G.nodes[n]['kind']})" for n in order}


def focus_subgraph(G: nx.MultiGraph, node: str, depth: int = 1) -> nx.MultiGraph:
    """The neighbourhood of `node` up to `depth` hops (1: its measures or proposers; 2: who shares them...)."""
    if node not in G:
        return G.subgraph([]).copy()
    return nx.ego_graph(G, node, radius=max(0, int(depth))).copy()


def node_label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def without_categories(proposals: pd.DataFrame, measures: pd.DataFrame, categories) -> pd.DataFrame:
    """The proposals whose measure is in none of `categories` (e.g. hide the general calls)."""
    drop = set(measures.loc[measures["category"].isin(list(categories)), "id"].tolist())
    return proposals[~proposals["measure"].isin(drop)] if drop else proposals

# Metrics of the proposal graph, as tables that read on their own (pure, no streamlit).


@dataclass(frozen=True)
class NetworkMetrics:
    consensus: pd.DataFrame  # one row per measure, most distinct proposers first
    pairs: pd.DataFrame      # proposer pairs sharing at least one measure, most shared first
    reach: pd.DataFrame      # one row per proposer, widest reach first


def sorted_labels(G: nx.Graph, ns: Iterable[str]) -> list[str]:
    return sorted((node_label(G, n) for n in ns), key=str.casefold)


def network_metrics(G: nx.MultiGraph) -> NetworkMetrics:
    """Consensus measures, proposer pairs and each proposer's reach, as tables that read on their own."""
    proposers, measures = nodes_of_kind(G, PROPOSER), nodes_of_kind(G, MEASURE)
    neighbours = {n: set(G.neighbors(n)) for n in G}

    def articles(n: str) -> int:  # the adjacency directly: edge views are slow on thousands of proposals
        return len({d["source_id"] for keyed in G.adj[n].values() for d in keyed.values()})

    consensus = pd.DataFrame(
        [{
            "Measure": node_label(G, m),
            "Category": humanize(G.nodes[m]["category"]) if G.nodes[m]["category"] else "",
            "Proposers": len(neighbours[m]),
            "Articles": articles(m),
            "Proposed by": ", ".join(sorted_labels(G, neighbours[m])),
            "measure_id": G.nodes[m]["record_id"],
        } for m in measures],
        columns=["Measure", "Category", "Proposers", "Articles", "Proposed by", "measure_id"],
    )
    consensus = consensus.sort_values(
        ["Proposers", "Articles", "Measure"], ascending=[False, False, True], key=_casefold
    ).reset_index(drop=True)

    rows = []
    for a, b in itertools.combinations(proposers, 2):
        shared = neighbours[a] & neighbours[b]
        if shared:
            first, second = sorted((a, b), key=lambda n: node_label(G, n).casefold())
            rows.append({
                "Proposer": node_label(G, first), "With": node_label(G, second), "Shared measures": len(shared),
                "Measures": ", ".join(sorted_labels(G, shared)),
                "proposer_id": G.nodes[first]["record_id"], "with_id": G.nodes[second]["record_id"],
            })
    pairs = pd.DataFrame(rows, columns=["Proposer", "With", "Shared measures", "Measures", "proposer_id", "with_id"])
    pairs = pairs.sort_values(
        ["Shared measures", "Proposer", "With"], ascending=[False, True, True], key=_casefold
    ).reset_index(drop=True)

    rows = []
    for a in proposers:
        ms = neighbours[a]
        partners = set().union(*(neighbours[m] for m in ms)) - {a} if ms else set()
        rows.append({
            "Proposer": node_label(G, a), "Country": G.nodes[a]["country"],
            "Measures": len(ms),
            "Shares with": len(partners),
            "Only they propose": len([m for m in ms if len(neighbours[m]) == 1]),
            "Proposals": G.degree(a), "Articles": articles(a),
            "proposer_id": G.nodes[a]["record_id"],
        })
    reach = pd.DataFrame(rows, columns=[
        "Proposer", "Country", "Measures", "Shares with", "Only they propose", "Proposals", "Articles", "proposer_id"])
    reach = reach.sort_values(
        ["Measures", "Shares with", "Proposer"], ascending=[False, False, True], key=_casefold
    ).reset_index(drop=True)
    return NetworkMetrics(consensus=consensus, pairs=pairs, reach=reach)


def _casefold(s: pd.Series) -> pd.Series:
    return s.str.casefold() if s.dtype == object or pd.api.types.is_string_dtype(s) else s


def proposal_table(G: nx.MultiGraph) -> pd.DataFrame:
    """One row per proposal (edge), for a selectable table that opens the evidence panel."""
    cols = ["Proposer", "Measure", "Stance", "Article", "Summary", "proposal_id"]
    data = {c: [] for c in cols}
    kind, label = dict(G.nodes(data="kind")), dict(G.nodes(data="label"))
    for u, v, d in G.edges(data=True):
        a, m = (u, v) if kind[u] == PROPOSER else (v, u)
        data["Proposer"].append(label[a])
        data["Measure"].append(label[m])
        data["Stance"].append(d["stance"])
        data["Article"].append(d["source_title"])
        data["Summary"].append(d["summary"])
        data["proposal_id"].append(d["proposal_id"])
    if not data["proposal_id"]:
        return pd.DataFrame([], columns=cols)
    # Sorted as plain lists (stable, by casefolded proposer, measure, id): a keyed pandas sort costs more.
    keys = [(a.casefold(), m.casefold(), i.casefold())
            for a, m, i in zip(data["Proposer"], data["Measure"], data["proposal_id"], strict=True)]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return pd.DataFrame({c: [data[c][i] for i in order] for c in cols}, columns=cols)


def _simple(G: nx.Graph) -> nx.Graph:
    """The graph with one edge per proposer-measure pair (weight: its proposals), nodes in sorted order."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    for u, v in G.edges():
        a, b = min(u, v), max(u, v)
        H.add_edge(a, b, weight=H.edges[a, b]["weight"] + 1 if H.has_edge(a, b) else 1)
    return H


def communities(G: nx.Graph, seed: int = 7) -> dict[str, int]:
    """{node: community index}, Louvain (networkx, fixed seed) on the pairs; biggest community is 0."""
    H = _simple(G)
    if H.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(H))}
    groups = nx.community.louvain_communities(H, seed=seed)
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))
    return {n: i for i, g in enumerate(groups) for n in g}


CENTRALITY_HELP = {
    "Degree": "Distinct neighbours: the measures a proposer backs, or the proposers behind a measure.",
    "Degree centrality": "Degree divided by the most it could be (every other node): 0 to 1.",
    "Betweenness": "Share of shortest paths between other nodes that pass through this one: the brokers.",
    "Community": "Louvain community (fixed seed): groups that propose the same measures more than chance.",
}


def centrality_table(G: nx.Graph, community: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per node: kind, degree, degree centrality, betweenness, community; most central first."""
    H = _simple(G)
    cols = ["Name", "Kind", "Degree", "Degree centrality", "Betweenness", "Community", "node_id"]
    if H.number_of_nodes() == 0:
        return pd.DataFrame([], columns=cols)
    dc, bc = nx.degree_centrality(H), nx.betweenness_centrality(H)
    community = community if community is not None else communities(G)
    rows = [{"Name": node_label(G, n), "Kind": G.nodes[n]["kind"], "Degree": H.degree(n),
             "Degree centrality": round(dc[n], 3), "Betweenness": round(bc[n], 3),
             "Community": community.get(n, -1) + 1, "node_id": n} for n in H]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["Betweenness", "Degree", "Name"], ascending=[False, False, True],
                           key=_casefold).reset_index(drop=True)


@per_dataset(maxsize=16)
def proposal_graph(ds, f: Filters, hide_general: bool = False) -> nx.MultiGraph:
    """The proposals the network draws, once per filters (the page, its network base and the slides share it:
    read only). Nothing filtered out: the unfiltered graph itself (`dataset_graph`)."""
    proposals = filter_proposals(ds, f)
    if hide_general:
        proposals = without_categories(proposals, ds.measures, [GENERAL_CATEGORY])
    if len(proposals) == len(ds.proposals) and not f.sources:
        return dataset_graph(ds)
    return build_proposal_graph(proposals, ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)


def consensus_ranking(ds, consensus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the specific measures ranked by distinct proposers, the general calls said apart): ranked with the
    specific measures, a call to "strengthen security cooperation" would top every list."""
    general = set(ds.measures.loc[ds.measures["category"] == GENERAL_CATEGORY, "id"])
    is_general = consensus["measure_id"].isin(general)
    return consensus[~is_general].reset_index(drop=True), consensus[is_general].reset_index(drop=True)


@per_dataset(maxsize=16)
def proposal_metrics(ds, f: Filters, hide_general: bool = False):
    """(the network's metrics, the ranked specific measures, the general calls) under these filters, once per
    filters: the page (whose focus clicks then reuse them), the slides and the findings share it (read only)."""
    metrics = network_metrics(proposal_graph(ds, f, hide_general))
    ranked, general = consensus_ranking(ds, metrics.consensus)
    return metrics, ranked, general


def graph_records(G: nx.MultiGraph) -> list[str]:
    """The proposal ids a graph draws (one edge each)."""
    return [d["proposal_id"] for _, _, d in G.edges(data=True)]


@per_dataset(maxsize=2)
def dataset_communities(ds) -> dict:
    """Louvain communities of the unfiltered graph (fixed seed): colours that do not move with filters."""
    return communities(dataset_graph(ds))
