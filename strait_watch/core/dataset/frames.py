"""Typed DataFrames from validated tables: list cells as lists, Int64 years, booleans, date spans."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from strait_watch.core.dataset.model import LIST_COLUMNS, RECORD_TABLES, TABLES
from strait_watch.core.dataset.reading import Table
from strait_watch.core.dataset.rules import period, split_list

# Frictionless's default boolean spellings, so typing agrees with what it validated.
TRUE_VALUES = {"true", "True", "TRUE", "1"}


def typed(name: str, table: Table, schema_fields: list[dict]) -> pd.DataFrame:
    data = {}
    for field in schema_fields:
        column = field["name"]
        values = [row[column] for row in table.rows]
        if column in LIST_COLUMNS.get(name, ()):
            data[column] = pd.Series([split_list(v) for v in values], dtype=object)
        elif field.get("type") == "integer":
            data[column] = pd.array([int(v) if v else None for v in values], dtype="Int64")
        elif field.get("type") == "number":
            data[column] = pd.Series([float(v) if v else np.nan for v in values], dtype=float)
        elif field.get("type") == "boolean":
            data[column] = pd.Series([v in TRUE_VALUES for v in values], dtype=bool)
        else:
            data[column] = pd.Series(values, dtype=object).astype(str)
    return pd.DataFrame(data, index=pd.RangeIndex(len(table.rows)))


def add_periods(frame: pd.DataFrame, start_col: str, end_col: str | None, prefix: str = "date") -> None:
    starts, ends = [], []
    for i, value in enumerate(frame[start_col]):
        first, last = period(value)
        if end_col and frame[end_col].iloc[i]:
            last = period(frame[end_col].iloc[i])[1]
        starts.append(first)
        ends.append(last)
    frame[f"{prefix}_start"] = np.array(starts, dtype="datetime64[s]")
    frame[f"{prefix}_end"] = np.array(ends, dtype="datetime64[s]")


def version(schema: dict, data_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for file in ["datapackage.json", *files]:
        digest.update(file.encode())
        digest.update((data_dir / file).read_bytes())
    return f"{schema.get('version', '0')}+{digest.hexdigest()[:7]}"


def frames(tables: dict[str, Table], resources: dict[str, dict]) -> dict[str, pd.DataFrame]:
    """Every table typed, with the derived columns pages use (date spans, year, evidence record_type)."""
    out = {name: typed(name, tables[name], resources[name]["schema"]["fields"]) for name in TABLES}
    events = out["events"]
    add_periods(events, "date", "end_date")
    events["year"] = events["date"].str[:4].astype(int)
    add_periods(out["sources"], "published_estimate", None)
    add_periods(out["proposals"], "date", None)  # a proposal's own date (codebook: a proposal's own date)
    kinds = {rid: kind for name, kind in RECORD_TABLES.items() for rid in out[name]["id"]}
    out["evidence"]["record_type"] = out["evidence"]["record_id"].map(kinds).astype(str)
    return out
