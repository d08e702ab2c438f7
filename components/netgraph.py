"""The proposal graph: proposer and measure nodes, one edge per proposal (pure, no streamlit).

A networkx MultiGraph with proposer nodes ("actor:<id>") and measure nodes ("measure:<id>"),
one edge per proposal keyed by the proposal id.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from components.memo import per_dataset

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
    order = sorted(G, key=lambda n: (G.nodes[n]["kind"] != PROPOSER, _label(G, n).casefold()))
    return {n: f"{_label(G, n)} ({G.nodes[n]['kind']})" for n in order}


def focus_subgraph(G: nx.MultiGraph, node: str, depth: int = 1) -> nx.MultiGraph:
    """The neighbourhood of `node` up to `depth` hops (1: its measures or proposers; 2: who shares them...)."""
    if node not in G:
        return G.subgraph([]).copy()
    return nx.ego_graph(G, node, radius=max(0, int(depth))).copy()


def _label(G: nx.Graph, n: str) -> str:
    return G.nodes[n]["label"]


def without_categories(proposals: pd.DataFrame, measures: pd.DataFrame, categories) -> pd.DataFrame:
    """The proposals whose measure is in none of `categories` (e.g. hide the general calls)."""
    drop = set(measures.loc[measures["category"].isin(list(categories)), "id"].tolist())
    return proposals[~proposals["measure"].isin(drop)] if drop else proposals
