"""The one cached wrapper around `components.dataset.load_dataset` that pages call."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.style import escape_markdown
from components.dataset import Dataset, DatasetError, default_corpus_dir, default_data_dir, load_dataset


def data_paths() -> tuple[Path, Path]:
    """(data package folder, corpus folder) from STRAIT_WATCH_DATA / STRAIT_WATCH_CORPUS (the one rule, in
    `components.dataset.setting_path`: relative paths are relative to the repository)."""
    return default_data_dir(), default_corpus_dir()


def _stamp(*folders: Path) -> tuple:
    """File names, sizes and mtimes: part of the cache key so an edited CSV is reloaded."""
    out = []
    for folder in folders:
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.is_file():
                    info = p.stat()
                    out.append((str(p), info.st_size, info.st_mtime_ns))
    return tuple(out)


# cache_resource, not cache_data: every rerun and session gets this one object instead of a fresh unpickled
# copy (about 15 ms per call on the shipped data). So nothing may change it in place; pages derive new frames
# (tests/test_dataset_immutable.py renders every page and compares the tables with a fresh load).
# `stamp` must not start with an underscore: Streamlit leaves such parameters out of the cache key.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _load(path: str, corpus: str, stamp: tuple) -> Dataset:
    # A corpus folder that is set but missing means "no quote check", not "fall back to the default folder".
    return load_dataset(Path(path), Path(corpus), check_quotes=Path(corpus).is_dir())


def get_dataset() -> Dataset:
    """The validated dataset; on any problem, a clear error listing every problem and a stop (never a traceback)."""
    path, corpus = data_paths()
    try:
        return _load(str(path), str(corpus), _stamp(path, corpus))
    except DatasetError as err:
        problems = getattr(err, "problems", None) or [str(err)]
        lines = "\n".join(f"- {escape_markdown(str(p))}" for p in problems)
        st.error(
            f"**The data package in `{path}` has {len(problems)} problem(s)**; fix them and reload:\n\n{lines}",
            icon=":material/error:",
        )
    except Exception as err:  # noqa: BLE001 - a user never sees a traceback
        st.error(f"**Could not load the data package in `{path}`:** {type(err).__name__}: {err}", icon=":material/error:")
    st.stop()
