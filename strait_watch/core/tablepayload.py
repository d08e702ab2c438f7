"""The data the mounted table component receives (pure): columns, rows as JSON values, row ids, selection.

A table shown with `ui/table_view.table_element` is a plain HTML table drawn by static/table/component.js:
text is set as text (never HTML), numbers are right-aligned and sort as numbers, a row may be picked (a
click or Enter) when the page gives the table an id column. `key` digests columns, rows and ids, so the
component rebuilds its rows only when they changed (a rerun that only moves the selection does not).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable

import pandas as pd


def _cell(value):
    """A JSON value for one cell: ints and floats stay numbers (NaN and None are empty), the rest is text."""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def table_payload(frame: pd.DataFrame, *, id_column: str | None = None, hidden: Iterable[str] = (),
                  selected: str | None = None, height: int = 420, label: str = "",
                  pick_hint: str = "", reveal: str = "") -> dict:
    """JSON-ready data for the table component: the visible columns (hidden ones and the id column dropped),
    each with `numeric` (right-aligned, sorted as numbers), the rows in the frame's order, the row ids (the
    id column's values, or None: no row can be picked), the selected id, the box's maximum height in px, an
    accessible label, what picking a row does (the footer says "click a row … {pick_hint}") and the CSS selector of
    the element a pick scrolls into view (`reveal`)."""
    dropped = set(hidden) | ({id_column} if id_column else set())
    shown = [c for c in frame.columns if c not in dropped]
    columns = [{"name": str(c), "numeric": bool(pd.api.types.is_numeric_dtype(frame[c])
                                                and not pd.api.types.is_bool_dtype(frame[c]))} for c in shown]
    rows = [[_cell(v) for v in row] for row in frame[shown].itertuples(index=False, name=None)]
    ids = [str(v) for v in frame[id_column]] if id_column else None
    key = hashlib.sha1(json.dumps([columns, rows, ids], ensure_ascii=False).encode()).hexdigest()[:16]
    return {"key": key, "label": label, "columns": columns, "rows": rows, "ids": ids, "id_column": id_column,
            "selected": selected if ids is not None and selected in ids else None, "height": int(height),
            "pick_hint": pick_hint if ids is not None else "", "reveal": reveal if ids is not None else ""}


def visible_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A metrics table without its hidden id columns (as the page shows it)."""
    return table[[c for c in table.columns if not c.endswith("_id")]]
