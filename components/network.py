"""Who proposes which cooperation measure: one import for the proposal network's parts.

The parts, each one job (all pure, no streamlit): `netgraph` (the graph), `netmetrics` (tables,
centralities, communities), `netlayout` (positions), `netlook` (colours, tooltips, legend),
`netpayload` (the data the mounted vis-network component receives), `netexport` (GEXF/GraphML)
and `nethtml` (a standalone HTML page, for the offline pack).
"""

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
from components.nethtml import _OPTIONS, render_network_html  # noqa: F401
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
from components.netpayload import component_data  # noqa: F401
