"""Metrics of the proposal graph, as tables that read on their own (pure, no streamlit)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from components.netgraph import MEASURE, PROPOSER, _label, nodes_of_kind
from components.style import humanize


@dataclass(frozen=True)
class NetworkMetrics:
    consensus: pd.DataFrame  # one row per measure, most distinct proposers first
    pairs: pd.DataFrame      # proposer pairs sharing at least one measure, most shared first
    reach: pd.DataFrame      # one row per proposer, widest reach first


def _sorted_labels(G: nx.Graph, ns: Iterable[str]) -> list[str]:
    return sorted((_label(G, n) for n in ns), key=str.casefold)


def network_metrics(G: nx.MultiGraph) -> NetworkMetrics:
    """Consensus measures, proposer pairs and each proposer's reach, as tables that read on their own."""
    proposers, measures = nodes_of_kind(G, PROPOSER), nodes_of_kind(G, MEASURE)
    neighbours = {n: set(G.neighbors(n)) for n in G}

    def articles(n: str) -> int:  # the adjacency directly: edge views are slow on thousands of proposals
        return len({d["source_id"] for keyed in G.adj[n].values() for d in keyed.values()})

    consensus = pd.DataFrame(
        [{
            "Measure": _label(G, m),
            "Category": humanize(G.nodes[m]["category"]) if G.nodes[m]["category"] else "",
            "Proposers": len(neighbours[m]),
            "Articles": articles(m),
            "Proposed by": ", ".join(_sorted_labels(G, neighbours[m])),
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
            first, second = sorted((a, b), key=lambda n: _label(G, n).casefold())
            rows.append({
                "Proposer": _label(G, first), "With": _label(G, second), "Shared measures": len(shared),
                "Measures": ", ".join(_sorted_labels(G, shared)),
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
            "Proposer": _label(G, a), "Country": G.nodes[a]["country"],
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
    rows = [{"Name": _label(G, n), "Kind": G.nodes[n]["kind"], "Degree": H.degree(n),
             "Degree centrality": round(dc[n], 3), "Betweenness": round(bc[n], 3),
             "Community": community.get(n, -1) + 1, "node_id": n} for n in H]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["Betweenness", "Degree", "Name"], ascending=[False, False, True],
                           key=_casefold).reset_index(drop=True)
