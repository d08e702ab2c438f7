"""Who proposes which cooperation measure: one import for the proposal network's parts.

The parts, each one job (all pure, no streamlit): `netgraph` (the graph), `netmetrics` (tables,
centralities, communities), `netlayout` (positions), `netlook` (colours, tooltips, legend),
`netpayload` (the data the mounted vis-network component receives), `netexport` (GEXF/GraphML)
and `nethtml` (the same drawing as a standalone HTML page, for the offline pack and Present).
"""

from components.memo import per_dataset
from components.netexport import to_gexf, to_graphml  # noqa: F401
from components.netgraph import (  # noqa: F401
    GENERAL_CATEGORY,
    MEASURE,
    PROPOSER,
    _label,
    build_proposal_graph,
    dataset_graph,
    focus_options,
    focus_subgraph,
    node_id,
    nodes_of_kind,
    without_categories,
)
from components.nethtml import network_page_data, render_network_html  # noqa: F401
from components.netlayout import (  # noqa: F401
    EDGE_SCALE,
    LABEL_WIDTH,
    _box,
    _canvas_label,
    _size,
    canvas_height,
    compute_layout,
)
from components.netlook import (  # noqa: F401 (the names callers use; the rest from components.netlook)
    DEFAULT_ASSET_BASE,
    DIM_EDGE,
    DIM_NODE,
    EDGE_PROPOSALS_SHOWN,
    MAX_EDGE_WIDTH,
    STATIC_DIR,
    VIS_CSS,
    VIS_JS,
    asset_base_for,
    country_color,
)
from components.netmetrics import (  # noqa: F401
    CENTRALITY_HELP,
    NetworkMetrics,
    centrality_table,
    communities,
    network_metrics,
    proposal_table,
)
from components.netpayload import component_base, component_data, component_view, styled_edges, styled_nodes  # noqa: F401


@per_dataset(maxsize=2)
def dataset_layout(ds) -> dict:
    """Positions from the unfiltered graph, once per dataset: nodes keep their place under every filter."""
    return compute_layout(dataset_graph(ds))


@per_dataset(maxsize=2)
def dataset_communities(ds) -> dict:
    """Louvain communities of the unfiltered graph (fixed seed): colours that do not move with filters."""
    return communities(dataset_graph(ds))
