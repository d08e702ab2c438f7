"""The proposal graph for Gephi and friends: GEXF and GraphML through the networkx writers (pure).

Nodes carry label, kind, country, category (and role, affiliation, description); edges (one per
proposal, keyed by its id) carry proposal_id, stance, article, source_id, summary and quote (the
proposal's quotes joined by blank lines). Every attribute is a string, so both formats keep them as is.
"""

from __future__ import annotations

import io

import networkx as nx

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
