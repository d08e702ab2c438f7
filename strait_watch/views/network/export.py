"""The proposal graph for Gephi and friends: GEXF and GraphML through the networkx writers (pure).

Nodes carry label, kind, country, category (and role, affiliation, description); edges (one per
proposal, keyed by its id) carry proposal_id, stance, article, source_id, summary and quote (the
proposal's quotes joined by blank lines). Every attribute is a string, so both formats keep them as is.
"""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd

from strait_watch.core.style import humanize

NODE_ATTRS = ("label", "kind", "country", "category", "role", "affiliation", "description", "record_id")


def export_graph(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of G with plain string attributes only (the writers reject lists and None)."""
    H = nx.MultiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: str(d.get(k, "") or "") for k in NODE_ATTRS})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, proposal_id=str(d.get("proposal_id", k)), stance=str(d.get("stance", "")),
                   article=str(d.get("source_title", "")), source_id=str(d.get("source_id", "")),
                   summary=str(d.get("summary", "")), quote="\n\n".join(d.get("quotes", ())))
    return H


def to_gexf(G: nx.MultiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(export_graph(G), buf)
    return buf.getvalue()


def to_graphml(G: nx.MultiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(export_graph(G), buf)
    return buf.getvalue()


def proposal_rows(G: nx.MultiGraph) -> pd.DataFrame:
    """One row per proposal (edge) shown in the network, with its quotes as a list (to_csv: one row per quote)."""
    from strait_watch.views.network.graph import PROPOSER

    rows = []
    for u, v, d in G.edges(data=True):
        a, m = (u, v) if G.nodes[u]["kind"] == PROPOSER else (v, u)
        rows.append({"proposal_id": d["proposal_id"], "proposer": G.nodes[a]["label"], "country": G.nodes[a]["country"],
                     "measure": G.nodes[m]["label"], "measure_category": humanize(G.nodes[m]["category"] or ""),
                     "stance": d["stance"], "article": d["source_title"], "quote": list(d["quotes"])})
    cols = ["proposal_id", "proposer", "country", "measure", "measure_category", "stance", "article", "quote"]
    return pd.DataFrame(rows, columns=cols).sort_values(["proposer", "measure", "proposal_id"], ignore_index=True)
