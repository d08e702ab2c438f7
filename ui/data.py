"""The one cached wrapper around `strait_watch.core.dataset.loader.load_dataset` that pages call."""

from __future__ import annotations

import shlex
from pathlib import Path

import streamlit as st

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import Dataset, DatasetError, default_corpus_dir, default_data_dir
from strait_watch.core.text import escape_markdown
from strait_watch.intake.save import reading

SHOWN_PROBLEMS = 50  # a 107,000-problem list made a 7 MB error box and a frozen browser tab
PROBLEM_CHARS = 300  # one problem quoting a huge cell must not fill the page either


def data_paths() -> tuple[Path, Path]:
    """(data package folder, corpus folder) from STRAIT_WATCH_DATA / STRAIT_WATCH_CORPUS (the one rule, in
    `components.dataset.setting_path`: relative paths are relative to the repository)."""
    return default_data_dir(), default_corpus_dir()


def folder_stamp(*folders: Path) -> tuple:
    """Entry names, sizes, mtimes and modes (lstat: a planted link is an entry of its own, not its target's): part
    of the cache key, so an edited (or re-permitted) CSV, or a link placed in the folder, is checked again. The
    backups' folder is stamped by its own entry only (its listing changes with every save)."""
    out = []
    for folder in folders:
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                info = p.lstat()
                out.append((str(p), info.st_size, info.st_mtime_ns, info.st_mode))  # mode: a chmod fix reloads
    return tuple(out)


# cache_resource, not cache_data: every rerun and session gets this one object instead of a fresh unpickled
# copy (about 15 ms per call on the shipped data). So nothing may change it in place; pages derive new frames
# (tests/app/test_dataset_immutable.py renders every page and compares the tables with a fresh load).
# `stamp` must not start with an underscore: Streamlit leaves such parameters out of the cache key.
# A failed load is cached too (as its problem list, keyed by the same stamp): a broken 50 MB file is validated
# once per file version, not on every page view of every session.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def load_cached(path: str, corpus: str, stamp: tuple) -> Dataset | DatasetError:
    # A corpus folder that is set but missing means "no quote check", not "fall back to the default folder".
    try:
        return load_dataset(Path(path), Path(corpus), check_quotes=Path(corpus).is_dir())
    except DatasetError as err:
        return err


def problems_markdown(path: Path, problems: list) -> str:
    """The error box: the count, the first SHOWN_PROBLEMS problems (each escaped and shortened), the rest counted
    with the command that prints them all."""
    lines = "\n".join(f"- {escape_markdown(str(p), limit=PROBLEM_CHARS)}" for p in problems[:SHOWN_PROBLEMS])
    text = f"**The data package in `{path}` has {len(problems)} problem(s)**; fix them and reload:\n\n{lines}"
    rest = len(problems) - SHOWN_PROBLEMS
    if rest > 0:
        text += (f"\n\n…and {rest} more. To see every problem, run "
                 f"`.venv/bin/python scripts/check_data.py {shlex.quote(str(path))}` in the project folder.")
    return text


def get_dataset() -> Dataset:
    """The validated dataset; on any problem, a clear error listing the first problems and a stop (never a traceback)."""
    path, corpus = data_paths()
    try:
        with reading(path, corpus):  # finish an interrupted save first; no save switches files while this reads
            loaded = load_cached(str(path), str(corpus), folder_stamp(path, corpus))
        if isinstance(loaded, Dataset):
            return loaded
        st.error(problems_markdown(path, getattr(loaded, "problems", None) or [str(loaded)]), icon=":material/error:")
    except Exception as err:
        st.error(f"**Could not load the data package in `{path}`:** {type(err).__name__}: "
                 f"{escape_markdown(str(err), limit=PROBLEM_CHARS)}", icon=":material/error:")
    st.stop()
