"""Words for the filters: widget options (id -> label), names, the filters in a sentence, the date widgets' bounds.

Pure: no streamlit. The option lists depend on the dataset alone: built once per dataset version and shared
by every rerun and caller (the sidebar, the URL checks, the words), so read-only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from components.filter_values import Filters, category_vocabularies
from components.memo import per_dataset
from components.style import VOCABULARIES, humanize

if TYPE_CHECKING:  # pragma: no cover
    from components.dataset import Dataset


@per_dataset(maxsize=4)
def actor_options(ds: Dataset) -> dict[str, str]:
    """{actor id: 'Name (alias, alias)'}, sorted by name. The label carries the aliases so typing one finds the actor."""
    out = {}
    for row in ds.actors.sort_values("name", key=lambda s: s.str.casefold()).itertuples():
        extra = [a for a in row.aliases if a and a.casefold() not in row.name.casefold()]
        out[row.id] = f"{row.name} ({', '.join(extra)})" if extra else row.name
    return out


def category_options(schema: dict) -> dict[str, str]:
    """{value: 'Event: Military activity'} grouped event, agreement, measure (codebook order)."""
    out = {}
    for kind, values in category_vocabularies(schema).items():
        group = VOCABULARIES[kind][1]
        for value in values:
            out.setdefault(value, f"{group}: {humanize(value)}")
    return out


@per_dataset(maxsize=4)
def source_options(ds: Dataset) -> dict[str, str]:
    """{source id: title}; a repeated title gets its id so every label is unique."""
    titles = ds.sources["title"]
    dup = set(titles[titles.duplicated(keep=False)])
    return {r.id: (f"{r.title} ({r.id})" if r.title in dup else r.title) for r in ds.sources.itertuples()}


def actor_names(ds: Dataset) -> dict[str, str]:
    return dict(zip(ds.actors["id"], ds.actors["name"], strict=True))


def _fmt_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def describe_filters(f: Filters, ds: Dataset) -> str:
    """The filters in words, e.g. 'Actors: LDP, DPP · From 1 Jan 2021 to 31 Dec 2021 · Sources: ...'."""
    if f.is_empty:
        return "All records (no filters)"
    parts = []
    names = actor_names(ds)
    if f.actors:
        head = "Actors (all of)" if f.match == "all" and len(f.actors) > 1 else "Actors"
        parts.append(f"{head}: " + ", ".join(names.get(a, a) for a in f.actors))
    if f.start and f.end:
        parts.append(f"From {_fmt_date(f.start)} to {_fmt_date(f.end)}")
    elif f.start:
        parts.append(f"From {_fmt_date(f.start)}")
    elif f.end:
        parts.append(f"Until {_fmt_date(f.end)}")
    if f.categories:
        labels = category_options(ds.schema)
        parts.append("Categories: " + ", ".join(labels.get(c, c) for c in f.categories))
    if f.sources:
        titles = source_options(ds)
        parts.append("Sources: " + ", ".join(titles.get(s, s) for s in f.sources))
    if f.support:
        parts.append({"single": "Single-source records only", "multi": "Records with two or more sources"}[f.support])
    return " · ".join(parts)


@per_dataset(maxsize=4)
def data_date_range(ds: Dataset) -> tuple[dt.date, dt.date]:
    """First and last day any event or source covers: the bounds of the date widgets."""
    starts = [ds.events["date_start"].min(), ds.sources["date_start"].min()]
    ends = [ds.events["date_end"].max(), ds.sources["date_end"].max()]
    years = ds.agreements["year"].dropna()
    if len(years):
        starts.append(pd.Timestamp(f"{int(years.min()):04d}-01-01"))
        ends.append(pd.Timestamp(f"{int(years.max()):04d}-12-31"))
    starts = [s for s in starts if not pd.isna(s)]
    ends = [e for e in ends if not pd.isna(e)]
    if not starts:
        return dt.date(2021, 1, 1), dt.date(2021, 12, 31)
    return min(starts).date().replace(month=1, day=1), max(ends).date().replace(month=12, day=31)

