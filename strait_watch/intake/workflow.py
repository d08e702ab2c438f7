"""The whole workflow as three calls the page and the script share: prepare, check, commit (save)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError, Problem
from strait_watch.intake.article import check_new, read_article
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.review import plan_rows, proposed_ids
from strait_watch.intake.rows import cut_titles
from strait_watch.intake.save import (
    Saved,
    SaveError,
    check_result,
    merged_files,
    reading,
    resources,
    save,
    schema_of,
    unwritable,
)
from strait_watch.intake.suggest import Progress, Suggestion, suggest


def prepare(raw: bytes, name: str, meta: Meta, data_dir: Path, corpus_dir: Path | None,
            progress: Progress | None = None) -> Suggestion:
    """Read the article, refuse a duplicate, and propose candidates against the data as it is now (`progress`
    told as each step starts)."""
    text = read_article(raw, name)
    try:
        with reading(data_dir, corpus_dir):  # an interrupted save is finished first; no save switches files meanwhile
            check_new(text, corpus_dir, name)
            dataset = load_dataset(data_dir, corpus_dir,
                                   check_quotes=corpus_dir is not None and corpus_dir.is_dir())
    except SaveError as err:
        raise IntakeError(str(err)) from None
    except DatasetError as err:
        raise IntakeError(f"the data package in {data_dir} has {len(err.problems)} problem(s); run the check"
                          f" first (first: {err.problems[0]})") from None
    return suggest(text, meta, frames_of(dataset), progress=progress)


def _columns(data_dir: Path) -> dict[str, list[str]]:
    return {n: [f["name"] for f in r["schema"]["fields"]] for n, r in resources(schema_of(data_dir)).items()}


def check(suggestion: Suggestion, table: pd.DataFrame, data_dir: Path, corpus_dir: Path | None) -> list[Problem]:
    """The check's problems for the data with the ticked rows added (nothing written); [] when it passes."""
    try:
        with reading(data_dir, corpus_dir):
            new, aliases = plan_rows(suggestion.source, suggestion.candidates, table, _columns(data_dir), suggestion.text)
            if cut := cut_titles(new):
                return cut
            files = merged_files(data_dir, new, aliases)
        check_result(data_dir, corpus_dir, files, (suggestion.source["corpus_file"], suggestion.text))
    except SaveError as err:
        return err.problems or [Problem("", None, None, None, str(err))]
    return []


def commit(suggestion: Suggestion, table: pd.DataFrame, data_dir: Path, corpus_dir: Path | None) -> Saved:
    """Save the ticked rows and the article (SaveError and nothing changed when the check fails). Ids the assistant
    chose that another save took meanwhile are renumbered (`Saved.renamed`)."""
    why = unwritable(data_dir, corpus_dir)
    if why:
        raise SaveError(why)
    new, aliases = plan_rows(suggestion.source, suggestion.candidates, table, _columns(data_dir), suggestion.text)
    if cut := cut_titles(new):
        raise SaveError(f"{len(cut)} title(s) cut short; nothing saved", cut)
    return save(data_dir, corpus_dir, new, aliases, (suggestion.source["corpus_file"], suggestion.text),
                movable=proposed_ids(suggestion.source, suggestion.candidates, table))
