"""Tables as a mounted custom component (v2): a light HTML table that survives reruns (static/table/).

A Streamlit dataframe (the glide data grid) took about 0.3 s of the browser's time on every rerun of the
Proposals page, more than the rest of the page; this table draws the same rows in a few milliseconds,
sorts by any column and lets a row be picked. The data it receives is components/tablepayload's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from strait_watch.core.tablepayload import table_payload
from ui.static_component import static_component

TABLE_HEIGHT = 420


def table_element(frame: pd.DataFrame, key: str, *, label: str, id_column: str | None = None,
                  hidden: Iterable[str] = (), on_pick: Callable[[str], None] | None = None,
                  selected: str | None = None, pick_hint: str = "to focus on it", reveal: str = "",
                  height: int = TABLE_HEIGHT) -> None:
    """Draw `frame` (without `hidden` columns). With `id_column` and `on_pick`, a picked row calls
    on_pick(its id) before the rerun the pick causes, the row whose id is `selected` is marked, and the page
    scrolls to the element `reveal` (a CSS selector: what the pick changes, often above the table)."""
    pickable = id_column if on_pick else None
    hidden = {*hidden, id_column} - {None}  # an id column is never shown, picked from or not
    payload = table_payload(frame, id_column=pickable, hidden=hidden, selected=selected, height=height, label=label,
                            pick_hint=pick_hint, reveal=reveal)

    def handle():
        picked = (st.session_state.get(key) or {}).get("picked")
        if picked is not None and on_pick is not None:
            on_pick(picked)

    kwargs = {"on_picked_change": handle} if on_pick else {}
    static_component("strait_watch_table", "table")(key=key, data=payload, height="content", **kwargs)
