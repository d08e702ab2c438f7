"""Global filters: what each table keeps (the masks). The one import point for filters.

Pure: no streamlit. `ui/filters.py` owns the widgets and the session/URL state and builds `Filters`.
Semantics are those of docs/ARCHITECTURE.md ("Filters"). The value object lives in `filter_values`, the
words in `filter_labels`, the links in `filter_links`; all are re-exported here for `from components.filters import ...`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from components import dates
from components.filter_labels import (  # noqa: F401 (re-exported: callers import the words from here)
    actor_names,
    actor_options,
    category_options,
    data_date_range,
    describe_filters,
    source_options,
)
from components.filter_links import (  # noqa: F401 (re-exported)
    LIST_KEYS,
    LinkFilters,
    filters_to_query,
    parse_url_date,
    query_problems,
    read_query,
    resolve,
    shown,
)
from components.filter_values import MATCH_VALUES, PAGE_KEYS, PARAM_KEYS, Filters, category_vocabularies  # noqa: F401 (re-exported)
from components.memo import per_dataset
from components.support import support_mask

if TYPE_CHECKING:  # pragma: no cover
    from components.dataset import Dataset


# ---------------------------------------------------------------- date helpers

def _bounds(f: Filters) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo = pd.Timestamp(f.start) if f.start else pd.Timestamp.min
    hi = pd.Timestamp(f.end) if f.end else pd.Timestamp.max
    return lo, hi


def _overlaps(starts: pd.Series, ends: pd.Series, f: Filters) -> pd.Series:
    return pd.Series(dates.overlaps(starts, ends, f.start, f.end), index=starts.index)


# ---------------------------------------------------------------- categories


def _own_categories(f: Filters, schema: dict, kind: str) -> set[str] | None:
    """Selected values of this table's vocabulary; None means 'do not narrow this table'."""
    own = set(f.categories) & set(category_vocabularies(schema)[kind])
    return own or None


# ---------------------------------------------------------------- per-dataset lookups

@dataclass(frozen=True)
class _Lookups:
    """What every filter needs from the tables, as arrays: a filter change then costs numpy masks, not Python loops.

    Filter-independent, so built once per dataset (per_dataset) and shared: read-only.
    """

    tables: tuple  # the frames these positions point into (see _lookups)
    event_actor_rows: np.ndarray  # one (row, actor id) pair per actor of each event
    event_actor_ids: pd.Series
    party_rows: np.ndarray  # one (row, actor id) pair per party_a, party_b and other_parties entry of each agreement
    party_ids: pd.Series
    agreement_start: pd.DatetimeIndex  # agreement_span per row; NaT when it has none (always kept)
    agreement_end: pd.DatetimeIndex
    evidence_rows: dict[str, np.ndarray]  # table -> row of each evidence record_id in that table, -1 when not in it


def _record_tables(ds: Dataset) -> tuple:
    return ds.events, ds.agreements, ds.proposals, ds.evidence


def _pairs(lists: pd.Series) -> tuple[np.ndarray, list]:
    """Row positions and values of list cells, one per list item (explode, by position)."""
    rows = np.repeat(np.arange(len(lists)), [len(x) for x in lists])
    return rows, [x for items in lists for x in items]


def _build_lookups(ds: Dataset) -> _Lookups:
    ev, ag = ds.events, ds.agreements
    event_rows, event_ids = _pairs(ev["actors"])
    other_rows, other_ids = _pairs(ag["other_parties"])
    n = np.arange(len(ag))
    spans = [agreement_span(y, d) for y, d in zip(ag["year"], ag["date"], strict=True)]
    records = ds.evidence["record_id"]
    return _Lookups(
        tables=_record_tables(ds),
        event_actor_rows=event_rows,
        event_actor_ids=pd.Series(event_ids, dtype=object),
        party_rows=np.concatenate([n, n, other_rows]).astype(int),
        party_ids=pd.Series([*ag["party_a"], *ag["party_b"], *other_ids], dtype=object),
        agreement_start=pd.DatetimeIndex([s[0] if s else pd.NaT for s in spans]),
        agreement_end=pd.DatetimeIndex([s[1] if s else pd.NaT for s in spans]),
        evidence_rows={name: pd.Index(getattr(ds, name)["id"]).get_indexer(records)
                       for name in ("events", "agreements", "proposals")},
    )


_cached_lookups = per_dataset(maxsize=4)(_build_lookups)


def _lookups(ds: Dataset) -> _Lookups:
    found = _cached_lookups(ds)
    if any(a is not b for a, b in zip(found.tables, _record_tables(ds), strict=True)):
        # A copy of the dataset with other tables under the same version (views/agreements.py narrows the
        # evidence of one): positions into the cached tables would be wrong for it.
        return _build_lookups(ds)
    return found


def _rows_with(rows: np.ndarray, ids: pd.Series, wanted, n: int, match: str = "any") -> np.ndarray:
    """Mask of the n rows that have any (match='all': every one) of the wanted ids among their (row, id) pairs."""
    wanted = list(dict.fromkeys(wanted))
    hits = ids.isin(wanted).to_numpy()
    if match == "all":
        # distinct wanted ids per row: count each (row, id) pair once
        pairs = pd.DataFrame({"row": rows[hits], "id": ids.to_numpy()[hits]}).drop_duplicates()
        return np.bincount(pairs["row"].to_numpy(dtype=int), minlength=n) >= len(wanted)
    keep = np.zeros(n, dtype=bool)
    keep[rows[hits]] = True
    return keep


def _quoted(ds: Dataset, f: Filters, lk: _Lookups, table: str) -> np.ndarray | None:
    """Rows of `table` quoted at least once from a selected source; None when no source is selected."""
    if not f.sources:
        return None
    rows = lk.evidence_rows[table][ds.evidence["source_id"].isin(f.sources).to_numpy()]
    keep = np.zeros(len(getattr(ds, table)), dtype=bool)
    keep[rows[rows >= 0]] = True
    return keep


def _supported(ds: Dataset, f: Filters, table: str) -> np.ndarray:
    """Rows kept by the 'sources per record' filter (components.support): all when it is not set."""
    return support_mask(getattr(ds, table)["id"], ds.evidence, f.support).to_numpy(dtype=bool)


# ---------------------------------------------------------------- the tables

def _event_mask(ds: Dataset, f: Filters, lk: _Lookups, maybe: bool = False) -> np.ndarray:
    """Rows kept by the filters; dates by the in-range rule (components.dates), or with `maybe` the rows
    that only may be in range (less precise than the dates: '2021' for August 2021)."""
    ev = ds.events
    keep = np.ones(len(ev), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.event_actor_rows, lk.event_actor_ids, f.actors, len(ev), f.match)
    if f.start or f.end:
        rule = dates.may_be_in_range if maybe else dates.in_range
        keep &= rule(ev["date_start"], ev["date_end"], f.start, f.end)
    elif maybe:
        keep[:] = False
    own = _own_categories(f, ds.schema, "event")
    if own:
        keep &= ev["category"].isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "events")
    if quoted is not None:
        keep &= quoted
    return keep & _supported(ds, f, "events")


def filter_events(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events with any (or all, per `f.match`) selected actor, wholly inside the dates, of a selected event category, quoted from a selected source."""
    return ds.events[_event_mask(ds, f, _lookups(ds))]


def events_maybe_in_range(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Events passing the other filters whose date only overlaps the dates (may be in range); empty with no dates."""
    return ds.events[_event_mask(ds, f, _lookups(ds), maybe=True)]


def agreement_span(year, date: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Span of an agreement from its date (more precise) or its year; None when it has neither."""
    span = dates.span(date)
    if span:
        return span
    if year is None or pd.isna(year):
        return None
    return dates.span(f"{int(year):04d}")


def _agreement_mask(ds: Dataset, f: Filters, lk: _Lookups) -> np.ndarray:
    ag = ds.agreements
    keep = np.ones(len(ag), dtype=bool)
    if f.actors:
        keep &= _rows_with(lk.party_rows, lk.party_ids, f.actors, len(ag), f.match)
    if f.start or f.end:
        lo, hi = _bounds(f)
        start, end = lk.agreement_start, lk.agreement_end
        keep &= np.asarray(start.isna() | ((end >= lo) & (start <= hi)), dtype=bool)
    own = _own_categories(f, ds.schema, "agreement")
    if own:
        keep &= ag["agreement_type"].isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "agreements")
    if quoted is not None:
        keep &= quoted
    return keep & _supported(ds, f, "agreements")


def filter_agreements(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Agreements with a selected party (all of them under match=all), dated in range (undated ones stay), of a selected type, quoted from a selected source."""
    return ds.agreements[_agreement_mask(ds, f, _lookups(ds))]


def _proposal_mask(ds: Dataset, f: Filters, lk: _Lookups) -> np.ndarray:
    pr = ds.proposals
    keep = np.ones(len(pr), dtype=bool)
    if f.actors:
        # one proposer per proposal: under 'all' it matches only when a single actor is selected
        keep &= pr["proposer"].isin(f.actors).to_numpy() & (f.match != "all" or len(set(f.actors)) == 1)
    if f.start or f.end:
        src = ds.sources.set_index("id")
        in_range = _overlaps(src["date_start"], src["date_end"], f)
        keep &= pr["source_id"].map(in_range).fillna(False).astype(bool).to_numpy()
    own = _own_categories(f, ds.schema, "measure")
    if own:
        category = pr["measure"].map(ds.measures.set_index("id")["category"])
        keep &= category.isin(own).to_numpy()
    quoted = _quoted(ds, f, lk, "proposals")
    if quoted is not None:
        keep &= quoted
    return keep & _supported(ds, f, "proposals")


def filter_proposals(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Proposals by a selected proposer, whose source's estimated date overlaps the range, of a selected measure category, quoted from a selected source."""
    return ds.proposals[_proposal_mask(ds, f, _lookups(ds))]


def filter_evidence(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Quotes of the records that pass the filters, only from the selected sources."""
    lk = _lookups(ds)
    ev = ds.evidence
    keep = np.zeros(len(ev), dtype=bool)
    # A quote is kept when its record_id is the id of a kept row of any of the three tables.
    for table, mask in (("events", _event_mask), ("agreements", _agreement_mask), ("proposals", _proposal_mask)):
        rows = lk.evidence_rows[table]
        found = rows >= 0
        keep[found] |= mask(ds, f, lk)[rows[found]]
    if f.sources:
        keep &= ev["source_id"].isin(f.sources).to_numpy()
    return ev[keep]
