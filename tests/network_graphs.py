"""What the network tests share: node id prefixes, fixture counts of the graph, the graph under filters."""

from paths import FIXTURE_COUNTS

from components import network as nw
from components.filters import Filters, filter_evidence, filter_proposals

A, M = nw.node_id(nw.PROPOSER, ""), nw.node_id(nw.MEASURE, "")  # prefixes
PROPOSALS, MEASURES = FIXTURE_COUNTS["proposals"], FIXTURE_COUNTS["measures"]  # an edge a proposal; 5 proposers


def graph(ds, f: Filters | None = None):
    f = f or Filters()
    return nw.build_proposal_graph(filter_proposals(ds, f), ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)
