"""Corroboration: how many distinct articles support each record (from its evidence rows)."""

from __future__ import annotations

import pandas as pd

SUPPORT_VALUES = ("single", "multi")  # the filter's URL values: single-source only, two or more sources


def sources_per_record(evidence: pd.DataFrame) -> pd.Series:
    """Record id -> number of distinct sources quoting it."""
    if evidence.empty:
        return pd.Series(dtype="int64")
    return evidence.groupby("record_id")["source_id"].nunique()


def support_of(ids: pd.Series, evidence: pd.DataFrame) -> pd.Series:
    """Distinct sources per record for these ids (0 for a record without evidence), aligned with `ids`."""
    return ids.map(sources_per_record(evidence)).fillna(0).astype(int)


def support_mask(ids: pd.Series, evidence: pd.DataFrame, support: str) -> pd.Series:
    """Which records the 'sources per record' filter keeps: 'single' (one source), 'multi' (two or more), else all."""
    counts = support_of(ids, evidence)
    if support == "single":
        return counts == 1
    if support == "multi":
        return counts >= 2
    return pd.Series(True, index=ids.index)


def support_label(count: int) -> str:
    return "single source" if count == 1 else f"{count} sources"
