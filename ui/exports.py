"""Download buttons for every view: CSV of the rows behind a chart or table, PNG of the network.

Downloads use `on_click="ignore"`: the file is saved without a rerun, so the page keeps its state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from strait_watch.core.export import export_filename, to_csv
from strait_watch.core.filters import Filters
from strait_watch.render import placeholder_png, render_png, shared_renderer
from strait_watch.views.network.picture import build_network_figure


def csv_button(rows: pd.DataFrame, view: str, f: Filters, *, label: str = "Download CSV", key: str | None = None,
               search: str = "") -> None:
    """`search`: the page's search text, named in the file (`..._search-hotline.csv`)."""
    # A callable: the CSV text is made only when the button is clicked, not on every rerun.
    st.download_button(
        label, lambda: to_csv(rows), file_name=export_filename(view, f, search=search), mime="text/csv", on_click="ignore",
        icon=":material/download:", key=key or f"csv_{view}", help=f"The {len(rows)} rows behind this view, under the current filters.",
    )


def network_png_button(G, positions: dict, f: Filters, *, key: str = "png_network") -> None:
    """The network drawn on the server from the same layout; rendered only when clicked."""
    def render() -> bytes:
        fig = build_network_figure(G, positions, label_measures=None)  # every node named, as on the page
        png, reason = render_png(shared_renderer(), fig, width=fig.layout.width, height=fig.layout.height, scale=2)
        return png or placeholder_png(f"The network image could not be drawn: {reason}")

    st.download_button("Network as PNG", render, file_name=export_filename("network", f, ext="png"), mime="image/png",
                       on_click="ignore", icon=":material/image:", key=key,
                       help="A 3200 px wide image of the network, every node named, drawn on the server (no internet needed).")
