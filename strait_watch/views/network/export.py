"""The proposal graph for Gephi and friends: GEXF and GraphML through the networkx writers (pure).

Nodes carry label, kind, country, category (and role, affiliation, description); edges (one per
proposal, keyed by its id) carry proposal_id, stance, article, source_id, summary and quote (the
proposal's quotes joined by blank lines). Every attribute is a string, so both formats keep them as is.
The GEXF is version 1.3 and carries the drawn look as `viz:` colour, size and position (Gephi opens it as drawn).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd

from strait_watch.core.style import humanize
from strait_watch.views.network.drawing import fill_and_ring, node_size

GEXF_NS = "http://gexf.net/1.3"

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


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def to_gexf(G: nx.MultiGraph, positions: dict, colour: str = "kind", communities: dict | None = None) -> bytes:
    """GEXF 1.3 with each node's colour (its ring, as drawn under `colour`), size and position (canvas px, y up as
    Gephi draws it) from the page's layout; `positions` must cover every node of G."""
    H = export_graph(G)
    for n in H:
        x, y = positions[n]
        H.nodes[n]["viz"] = {"color": _rgb(fill_and_ring(G, n, colour, communities)[1]),
                             "size": float(node_size(G, n)), "position": {"x": float(x), "y": -float(y), "z": 0.0}}
    buf = io.BytesIO()
    nx.write_gexf(H, buf, version="1.3")
    # networkx 3.6 writes two things GEXF 1.3 forbids (its schema fails on both): <graph name="">, and
    # xsi:schemaLocation under a misspelt namespace (http://w3.org/... without www). Drop both.
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", GEXF_NS + "/viz")
    root = ET.fromstring(buf.getvalue())
    for key in [k for k in root.attrib if k.endswith("}schemaLocation")]:
        del root.attrib[key]
    root.find(f"{{{GEXF_NS}}}graph").attrib.pop("name", None)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


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
