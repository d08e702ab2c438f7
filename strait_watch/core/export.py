"""Exports from every view: the rows behind a chart or table as CSV, named after the view and the
filters, and the plotly toolbar set to save a PNG at presentation resolution (in the browser, offline).

Pure: no streamlit. File names read like `strait-watch_timeline_actor-japan_2021-01-01--2021-12-31.csv`:
the view, then each active filter in sidebar order (its `slug` in core.filters.FILTERS), then a search (`search-hotline`);
`all` when unfiltered.

CSV cells are for spreadsheets: ISO dates with a `date_precision` column (never display text), one list item
(a quote) per row, and text that a spreadsheet would read as a formula neutralised (OWASP CSV injection).
"""

from __future__ import annotations

import pandas as pd

from strait_watch.core.filters import Filters, filters_slug
from strait_watch.core.text import slug

PREFIX = "strait-watch"
PNG_SCALE = 3          # plotly's toolbar PNG: 3x the on-screen size (a 1200 px chart -> 3600 px)
_MAX_NAME = 150


def export_filename(view: str, f: Filters, ext: str = "csv", *, search: str = "") -> str:
    """File name for an export of `view` under `f` and a search text (no extension for plotly's toImage, which adds it)."""
    stem = f"{PREFIX}_{slug(view)}_{filters_slug(f, search)}"
    if len(stem) > _MAX_NAME:  # file systems cap names at 255 bytes; keep room for the extension
        stem = stem[:_MAX_NAME].rstrip("-_+")
    return f"{stem}.{ext}" if ext else stem


def chart_config(view: str, f: Filters, *, scale: int = PNG_SCALE, **extra) -> dict:
    """`st.plotly_chart(config=...)`: the toolbar's camera saves a PNG at `scale`x, named after the view and filters.

    Plotly draws the PNG in the browser, so it works with no network. Zoom buttons that the views
    do not use are removed so the toolbar stays small.
    """
    config = {
        "displayModeBar": "hover",
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toggleSpikelines",
                                   "hoverClosestCartesian", "hoverCompareCartesian"],
        "toImageButtonOptions": {"format": "png", "filename": export_filename(view, f, ext=""), "scale": scale},
        "scrollZoom": False,
    }
    config.update(extra)
    return config


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(..)', '+1', '-x', '@SUM', tab, CR) gets a
    leading apostrophe, as OWASP's CSV injection guidance says; every other value is returned unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def to_csv(rows: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM, so spreadsheets read it as UTF-8) without the index; text cells neutralised.

    List cells are never joined into one cell: a frame with list columns gets one row per item (the list
    columns of a row must have the same length), and an empty list leaves one row with an empty cell.
    """
    lists = [c for c in rows.columns if rows[c].map(lambda v: isinstance(v, (list, tuple))).any()]
    out = rows.explode(lists, ignore_index=True) if lists else rows.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")  # RFC 4180: CRLF, a lone CR quoted
