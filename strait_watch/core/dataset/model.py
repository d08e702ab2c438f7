"""What the loader returns and raises, the table names, and where the data and corpus folders are."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[3]
TABLES = ("sources", "actors", "events", "agreements", "measures", "proposals", "statistics", "evidence", "ledger")
RECORD_TABLES = {"events": "event", "agreements": "agreement", "proposals": "proposal", "statistics": "statistic"}
LIST_COLUMNS = {
    "actors": ("aliases",),
    "events": ("actors",),
    "agreements": ("other_parties",),
    "measures": ("phrasings",),
    "statistics": ("actors",),
    "ledger": ("records",),
}
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One located problem. `severity` is "error" (the package is refused) or "warning" (reported only)."""

    file: str
    line: int | None
    record_id: str | None
    column: str | None
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.record_id:
            where += f" ({self.record_id})"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """The package has errors (`problems`); `warnings` found on the way are kept for the check command."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | tuple = ()):
        self.problems = list(problems)
        self.warnings = list(warnings)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}")

    def __reduce__(self):
        # Exception pickling replays args; the cache layer may pickle this error.
        return (DatasetError, (self.problems, self.warnings))


@dataclass(frozen=True, eq=False)
class Dataset:
    sources: pd.DataFrame
    actors: pd.DataFrame
    events: pd.DataFrame
    agreements: pd.DataFrame
    measures: pd.DataFrame
    proposals: pd.DataFrame
    statistics: pd.DataFrame
    evidence: pd.DataFrame
    ledger: pd.DataFrame
    schema: dict
    version: str
    corpus_checked: bool
    warnings: tuple[Problem, ...] = ()


def setting_path(env: str, default: Path) -> Path:
    """The folder named by environment variable `env`, or `default`.

    The one rule for STRAIT_WATCH_DATA / STRAIT_WATCH_CORPUS (app, scripts and tests all call it): a relative
    path is relative to the repository root, whatever the working directory.
    """
    value = os.environ.get(env)
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO / path


def default_data_dir() -> Path:
    return setting_path("STRAIT_WATCH_DATA", REPO / "data")


def default_corpus_dir() -> Path:
    return setting_path("STRAIT_WATCH_CORPUS", REPO.parent / "shared" / "seeds")
