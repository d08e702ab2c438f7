"""What the network tests share: node id prefixes, fixture counts of the graph, the graph under filters."""

from paths import FIXTURE_COUNTS

from strait_watch.core.filters import Filters, filter_evidence, filter_proposals
from strait_watch.views.network.graph import MEASURE, PROPOSER, build_proposal_graph, node_id

A, M = node_id(PROPOSER, ""), node_id(MEASURE, "")  # prefixes
PROPOSALS, MEASURES = FIXTURE_COUNTS["proposals"], FIXTURE_COUNTS["measures"]  # an edge a proposal; 5 proposers


def graph(ds, f: Filters | None = None):
    f = f or Filters()
    return build_proposal_graph(filter_proposals(ds, f), ds.actors, ds.measures, filter_evidence(ds, f), ds.sources)
