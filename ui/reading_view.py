"""The reading view's two Streamlit pieces: the articles read from the corpus folder (cached per folder stamp) and
the mounted reading component (static/reading/), whose click on a sentence comes back as the trigger `picked`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from strait_watch.core.sentences import Unit, units
from ui.data import data_paths, folder_stamp
from ui.static_component import static_component


@st.cache_resource(show_spinner=False, max_entries=4)
def _read_units(corpus: str, files: tuple[tuple[str, str], ...], stamp: tuple) -> dict[str, list[Unit] | None]:
    out: dict[str, list[Unit] | None] = {}
    for source_id, name in files:
        path = Path(corpus) / name
        try:
            out[source_id] = units(path.read_text(encoding="utf-8")) if name and path.is_file() else None
        except (OSError, UnicodeDecodeError):
            out[source_id] = None
    return out


def corpus_units(ds) -> dict[str, list[Unit] | None]:
    """Each source's units (sentences and table rows) by source id; None where the corpus folder lacks it."""
    corpus = data_paths()[1]
    files = tuple(zip(ds.sources["id"], ds.sources["corpus_file"], strict=True))
    return _read_units(str(corpus), files, folder_stamp(corpus))


def reading_element(payload: dict, key: str, on_pick) -> None:
    """Mount (or update) the article; `on_pick(sentence number)` runs before the rerun a click causes."""
    def handle():
        picked = (st.session_state.get(key) or {}).get("picked")
        if picked is not None:
            on_pick(int(picked))

    static_component("strait_watch_reading", "reading")(key=key, data=payload, on_picked_change=handle,
                                                         height="content")
