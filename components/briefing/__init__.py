"""The briefing: what each view shows under the filters and its findings (`views`, `findings`, `pack`),
the PowerPoint writer (`pptx_writer`, `tables`), the HTML writer (`html_writer`, a Jinja2 template) and
charts laid out for the slide (`images`). Pure: no streamlit."""

from .findings import finding_text, key_findings
from .html_writer import build_html_pack
from .images import build_consensus_figure, default_renderer, for_medium
from .pack import appendix_rows, prepare_pack
from .packs import BuiltPacks, build_packs
from .pptx_writer import appendix_pages, build_pptx
from .views import (
    BRIEF_KEYS,
    SUBTITLE,
    TITLE,
    VIEW_LABELS,
    Brief,
    Finding,
    Pack,
    View,
    brief_from_query,
    brief_to_query,
    cite,
    matrix_table,
    plain,
    proposal_graph,
    record_titles,
    source_list,
    statements_table,
    timeline_events,
)

__all__ = [
    "BRIEF_KEYS",
    "SUBTITLE",
    "TITLE",
    "VIEW_LABELS",
    "Brief",
    "BuiltPacks",
    "Finding",
    "Pack",
    "View",
    "appendix_pages",
    "appendix_rows",
    "brief_from_query",
    "brief_to_query",
    "build_consensus_figure",
    "build_html_pack",
    "build_packs",
    "build_pptx",
    "cite",
    "default_renderer",
    "finding_text",
    "for_medium",
    "key_findings",
    "matrix_table",
    "plain",
    "prepare_pack",
    "proposal_graph",
    "record_titles",
    "source_list",
    "statements_table",
    "timeline_events",
]
